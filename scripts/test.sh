#!/usr/bin/env bash
# Set-up command 2: install (with Debian's Chromium and the test tools), then run every test:
# unit tests, real MkDocs builds, browser tests in headless Chromium, lint, and a short benchmark run.
# Extra arguments go to pytest (for example -k catalogue).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test
.venv/bin/ruff check generator tests bench scripts build.py
.venv/bin/python -m pytest "$@"
# The benchmarks, short version, so that CI keeps them runnable (report in test-results/).
exec .venv/bin/python bench/run.py --quick
