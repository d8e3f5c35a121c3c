#!/usr/bin/env bash
# Quick start, command 2: set up, then run lint, types and the whole test suite.
# Browser tests need Debian's chromium: installed here when missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# scikit-learn (the training extra) for the test that the exported scene trees score as
# scikit-learn does; the app and the package do not need it
if ! .venv/bin/python -c "import sklearn" 2>/dev/null; then
  echo "test: installing the training extra (scikit-learn)"
  .venv/bin/python -m pip install --quiet -e ".[train]"
fi
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test: installing chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "test: chromium could not be installed; browser tests will be skipped"
fi
echo "test: ruff"
.venv/bin/ruff check .
echo "test: mypy"
.venv/bin/mypy geo gazetteer app.py
echo "test: pytest"
.venv/bin/python -m pytest -q "$@"
