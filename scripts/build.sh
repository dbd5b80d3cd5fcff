#!/usr/bin/env bash
# Set-up command 1: install, then build site/ and dist/repere-hors-ligne.zip.
# Extra arguments go to build.py (for example --check).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
exec .venv/bin/python build.py "$@"
