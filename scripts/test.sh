#!/usr/bin/env bash
# Set-up command 2: install (with Debian's Chromium and the test tools), then run every test:
# unit tests, real MkDocs builds, browser tests in headless Chromium, lint.
# Extra arguments go to pytest (for example -k catalogue).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --test
.venv/bin/ruff check generator tests bench scripts build.py
exec .venv/bin/python -m pytest "$@"
