#!/usr/bin/env bash
# Installs what Repère needs into the repository: a Python virtualenv (.venv) with the pinned
# packages, and the browser-side libraries from the npm registry (node_modules, from the lockfile).
# Usage: scripts/install.sh [--test]   (--test adds the test tools and Debian's Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [[ "${1:-}" == "--test" ]]; then
  extras="[test]"
  if [[ ! -x /usr/bin/chromium ]]; then
    echo "Installation de Chromium (paquet Debian) pour les tests dans le navigateur…"
    sudo_cmd=""
    [[ "$(id -u)" != "0" ]] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  fi
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
npm ci --no-audit --no-fund --loglevel=error
# An editable install leaves our own modules uncompiled (pip compiles only what it copies), and
# with PYTHONDONTWRITEBYTECODE set Python compiles them again at every start: 40 ms of each
# `frise` run. Compiled once here; a module edited later is recompiled as usual (its .pyc is stale).
PYTHONDONTWRITEBYTECODE= .venv/bin/python -m compileall -q -j 0 generator >/dev/null
