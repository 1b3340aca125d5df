#!/usr/bin/env bash
# The whole test suite, from a fresh clone: makes .venv, installs ws-migrate with its test
# dependencies, runs pytest. Extra arguments go to pytest (`bash tests/run.sh -k walk`).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

# the pinned TypeScript and type packages the tests of the generated client compile with
(cd tests/node && npm ci --silent --no-audit --no-fund)

# Debian packages some tests need, installed when missing and we may (root with apt):
# redis-server for the multi-node server test (it starts its own on a free port), chromium for
# the check that the HTML report renders without console errors
missing=""
command -v redis-server >/dev/null || missing="$missing redis-server"
command -v chromium >/dev/null || missing="$missing chromium"
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing) >/dev/null || true
fi

# pytest exits 5 when it collected no test: that is a failure here, as any non-zero code.
exec .venv/bin/python -m pytest -q "$@"
