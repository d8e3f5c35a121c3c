"""The app's live map: a Streamlit component that keeps its Leaflet map between reruns.

The exported map (:mod:`geo.maps.folium_map`) is one page drawn once. In the app, a filter
change used to rebuild and redraw that whole page; here the map is drawn once per batch and a
filter change only tells it which events to show:

* :func:`frontend_dir` assembles the component's folder (in the cache directory, one per
  version of its files, found assembled at the next start): the plain
  HTML and script of ``geo/maps/live_frontend``, the popup functions the exported map uses
  (:data:`geo.maps.folium_map.EVENT_JS`), the pinned local copies of Leaflet and
  Leaflet.markercluster (the ones :func:`geo.maps.assets.inline_assets` puts in exported HTML)
  and the offline country outlines. Nothing is fetched from the network (web tiles only when
  the analyst turns them on).
* :func:`publish` writes a batch's features once, as ``data/<key>.json`` in that folder; the
  browser fetches it once per batch.
* :func:`live_map` draws the component; its arguments on each rerun are small: the batch's
  key, one ``"0"``/``"1"`` per event of the batch (kept by the filters or not), the title and
  the selected event's places. Asked to, it says when it has drawn its first features, so
  the app can draw what is under the map after it; a click on a feature says which event was
  picked (:class:`MapValue`, read by :func:`map_value`).

Article text reaches the browser only as JSON data: every string is HTML-escaped by
:func:`geo.maps.folium_map.map_properties` before the popups insert it, and the legend's title
is set as text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.settings import load_settings as load_gazetteer_settings
from geo.maps.styles import (
    CLUSTERED,
    LAYER_STYLES,
    MAP_CSS,
    MAP_JS,
    MAP_PRECISION,
    OUTLINE_STYLE,
    SEA_COLOUR,
)
from geo.model import LAYERS, Event, EventPlace
from geo.settings import (
    LIVE_KEPT_DATA_FILES,
    LIVE_KEPT_FOLDERS,
    OUTLINE_TOLERANCE,
    load_paths,
    node_modules_dir,
)

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["COMPONENT_NAME", "FRONTEND", "MapValue", "events_key", "frontend_dir", "live_map",
           "map_data", "map_value", "publish", "publish_events", "shown_mask"]

#: The component's name (its iframe's title is ``geo.maps.live.<name>``).
COMPONENT_NAME = "live_map"
#: The plain HTML and script of the component, in the repository.
FRONTEND = Path(__file__).resolve().parent / "live_frontend"
_CLUSTER_JS = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
#: Local file name in the component's folder → the CDN URL whose pinned local copy it is.
ASSETS: dict[str, str] = {
    "leaflet.js": dict(MAP_JS)["leaflet"],
    "leaflet.css": dict(MAP_CSS)["leaflet_css"],
    "leaflet.markercluster.js": _CLUSTER_JS + "leaflet.markercluster.js",
    "MarkerCluster.css": _CLUSTER_JS + "MarkerCluster.css",
    "MarkerCluster.Default.css": _CLUSTER_JS + "MarkerCluster.Default.css",
}


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.is_file() and path.read_bytes() == data:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


#: Modules whose code makes the component's files (the popup script, the asset lookup, the
#: outlines), besides :mod:`geo.settings` (their limits): a change to one assembles the folder
#: again.
_SOURCES = ("live.py", "styles.py", "folium_map.py", "export.py", "basemap.py")


def _assembly_stamp() -> str:
    """A hash of what the component's folder is assembled from: its page and script, the code
    that writes it, the npm packages' folder and the gazetteer (the outlines come from it)."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in (*(here / name for name in _SOURCES), here.parent / "settings.py",
                 FRONTEND / "index.html", FRONTEND / "live.js"):
        h.update(path.read_bytes())
    modules = node_modules_dir()
    gazetteer = load_gazetteer_settings().gazetteer_path
    for path in (modules, modules / ".package-lock.json", gazetteer):
        try:
            info = path.stat()
        except OSError:
            h.update(f"{path}:missing".encode())
            continue
        h.update(f"{path.resolve()}:{info.st_size}:{info.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def frontend_dir() -> Path | None:
    """The component's folder, assembled once per version of its files: ``live_map/<stamp>``
    in the cache directory (:func:`_assembly_stamp`), so two versions of the code sharing a
    cache do not overwrite each other's files, and a server that finds its folder assembled
    imports neither folium nor geopandas. ``None`` when a local copy of Leaflet or
    Leaflet.markercluster is missing (the app then draws the exported map)."""
    root = load_paths().cache_dir / "live_map"
    folder = root / _assembly_stamp()
    done = folder / ".assembled"
    if done.is_file():
        done.touch()  # in use: kept when old folders are removed
        return folder
    from geo.maps.assets import local_asset
    from geo.maps.folium_map import EVENT_JS

    files: dict[str, bytes] = {}
    for name, url in ASSETS.items():
        uri = local_asset(url)  # the file, its images inlined (what the exported HTML holds)
        if uri is None:
            return None
        files[name] = base64.b64decode(uri.split(",", 1)[1])
    files["events.js"] = EVENT_JS.encode("utf-8")
    files["live.js"] = (FRONTEND / "live.js").read_bytes()
    version = hashlib.sha256(b"".join(files[k] for k in sorted(files))).hexdigest()[:12]
    page = (FRONTEND / "index.html").read_text(encoding="utf-8")
    # index.html is served uncached, the rest cached: a changed file gets a new URL
    page = re.sub(r'((?:src|href)="[^"?]+\.(?:js|css))"', rf'\1?v={version}"', page)
    files["index.html"] = page.encode("utf-8")
    if _write_outlines(root):
        files["outlines.json"] = (root / "outlines.json").read_bytes()
    (folder / "data").mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        _write_if_changed(folder / name, data)
    _write_if_changed(done, b"")
    old = sorted((p for p in root.iterdir() if (p / ".assembled").is_file()),
                 key=lambda p: (p / ".assembled").stat().st_mtime)
    for stale in old[:-LIVE_KEPT_FOLDERS]:
        shutil.rmtree(stale, ignore_errors=True)
    return folder


def _write_outlines(root: Path) -> bool:
    """``outlines.json``, the offline base map, in ``root`` (shared by the versions of the
    component's folder), rewritten only when the gazetteer changed (drawing them from the
    gazetteer takes seconds); whether there are outlines."""
    from gazetteer import Gazetteer, GazetteerError
    from geo.maps.basemap import country_outlines

    gazetteer = load_gazetteer_settings().gazetteer_path
    try:
        stat = gazetteer.stat()
    except OSError:
        return False
    stamp = f"{gazetteer.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{OUTLINE_TOLERANCE}"
    stamp_file = root / "outlines.stamp"
    if (root / "outlines.json").is_file() and stamp_file.is_file() \
            and stamp_file.read_text(encoding="utf-8") == stamp:
        return True
    try:
        outlines = country_outlines(Gazetteer(gazetteer))
    except GazetteerError:
        return False
    root.mkdir(parents=True, exist_ok=True)
    _write_if_changed(root / "outlines.json",
                      json.dumps(outlines, separators=(",", ":")).encode("utf-8"))
    _write_if_changed(stamp_file, stamp.encode("utf-8"))
    return True


def map_data(frames: Mapping[str, gpd.GeoDataFrame], events: Sequence[Event]) -> dict[str, Any]:
    """What the browser gets once per batch: the layers' looks, every feature (its properties
    escaped by :func:`~geo.maps.folium_map.map_properties`, ``k`` its event's position in
    ``events``, ``layer`` its layer) and the bounds of them all."""
    from geo.maps.folium_map import _bounds, map_properties
    from geo.maps.layers import LINE_LAYERS, iter_features

    index = {e.event_id: k for k, e in enumerate(events)}
    features: list[dict[str, Any]] = []
    for layer in LAYERS:
        frame = frames.get(layer)
        if frame is None or not len(frame):
            continue
        for feature in iter_features(frame, precision=MAP_PRECISION):
            k = index.get(str(feature["id"]))
            if k is None:
                continue
            props = map_properties(feature["properties"])
            props.update(k=k, layer=layer)
            feature["properties"] = props
            features.append(feature)
    layers = [
        {"name": layer, "label": LAYER_STYLES[layer].label, "color": LAYER_STYLES[layer].color,
         "icon": LAYER_STYLES[layer].icon, "clustered": layer in CLUSTERED,
         "arrows": layer in LINE_LAYERS}
        for layer in LAYERS
    ]
    return {"layers": layers, "features": features, "bounds": _bounds(dict(frames))}


def publish(
    key: str, frames: Callable[[], Mapping[str, gpd.GeoDataFrame]], events: Sequence[Event]
) -> str:
    """Write a batch's :func:`map_data` to the component's folder (once per ``key``, a hash of
    the batch's events); the URL the browser fetches it from, relative to the component.
    ``frames`` gives the batch's layers, and is called only when the file is not there yet
    (after a restart, the sample's file is).

    Raises
    ------
    RuntimeError
        When the component's folder cannot be assembled (:func:`frontend_dir` is ``None``).
    """
    folder = frontend_dir()
    if folder is None:
        raise RuntimeError("the live map needs the local copies of Leaflet")
    if not re.fullmatch(r"[0-9a-zA-Z_-]+", key):
        raise ValueError(f"not a batch key: {key!r}")
    path = folder / "data" / f"{key}.json"
    if not path.is_file():
        text = json.dumps(map_data(frames(), events), ensure_ascii=False, allow_nan=False,
                          separators=(",", ":"))
        _write_if_changed(path, text.encode("utf-8"))
        old = sorted((folder / "data").glob("*.json"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-LIVE_KEPT_DATA_FILES]:
            stale.unlink(missing_ok=True)
    else:
        path.touch()
    return f"data/{key}.json"


def events_key(events: Sequence[Event]) -> str:
    """A batch's key (:func:`publish`): a hash of its events, so the app and setup (which
    writes the sample's file, :func:`geo.sample.prepare`) name the same batch alike."""
    h = hashlib.sha256()
    for event in events:
        h.update(repr(event).encode("utf-8", "replace"))
        h.update(b"\x1f")
    return h.hexdigest()[:24]


def publish_events(events: Sequence[Event]) -> str:
    """:func:`publish` a batch under its :func:`events_key`, building its layers when its
    file is not there yet; the URL, as :func:`publish` gives it."""

    def frames() -> Mapping[str, gpd.GeoDataFrame]:
        from geo.maps.layers import build_layers

        return build_layers(list(events))

    return publish(events_key(events), frames, events)


def shown_mask(events: Sequence[Event], kept: Sequence[Event]) -> str:
    """One ``"1"`` (kept by the filters) or ``"0"`` per event of the batch, in order."""
    ids = {e.event_id for e in kept}
    return "".join("1" if e.event_id in ids else "0" for e in events)


def _focus(focus: Event | EventPlace | None) -> list[list[float]] | None:
    if focus is None:
        return None
    shown = focus.locations if isinstance(focus, Event) else (focus,)
    places = [[p.lat, p.lon] for p in shown if -90 <= p.lat <= 90 and -180 <= p.lon <= 180]
    return places or None


@lru_cache(maxsize=1)
def _component(path: str) -> Any:
    from streamlit.components.v1 import declare_component

    return declare_component(COMPONENT_NAME, path=path)


@dataclass(frozen=True, slots=True)
class MapValue:
    """What the live map has said.

    Attributes
    ----------
    drawn
        It has said it drew its first features (asked to, or since a feature was clicked).
    picked
        The event id of the feature clicked last, if any.
    clicks
        Features clicked so far in this map (a second click on the same feature counts).
    """

    drawn: bool = False
    picked: str | None = None
    clicks: int = 0


def map_value(raw: object) -> MapValue:
    """The live map's value as its component sent it (``st.session_state[key]``: ``None``
    before it said anything, else ``{"drawn": ..., "picked": ..., "n": ...}``); anything
    else reads as nothing said."""
    if not isinstance(raw, Mapping):
        return MapValue()
    picked, clicks = raw.get("picked"), raw.get("n")
    return MapValue(
        drawn=raw.get("drawn") is True,
        picked=picked if isinstance(picked, str) and picked else None,
        clicks=clicks if isinstance(clicks, int) and not isinstance(clicks, bool) else 0,
    )


def live_map(
    data_url: str, shown: str, *, title: str, focus: Event | EventPlace | None, tiles: bool,
    height: int,
    key: str = "map", report: bool = False,
) -> MapValue:
    """Draw the live map (:func:`publish` gave ``data_url``; :func:`shown_mask` ``shown``);
    what it has said (:class:`MapValue`). It says it drew its first features once, when
    ``report`` is true, and which event a click picked: each reruns the script; its value is
    also ``st.session_state[key]`` (read it with :func:`map_value` before drawing)."""
    folder = frontend_dir()
    if folder is None:
        raise RuntimeError("the live map needs the local copies of Leaflet")
    value = _component(str(folder))(
        data=data_url, shown=shown, title=title, focus=_focus(focus), tiles=tiles,
        height=height, sea=SEA_COLOUR, report=report, key=key,
        # as text: a dict (or list) argument makes Streamlit import pandas to check that it
        # is no data frame, which a first page does not need otherwise (a third of a second)
        outline_style=json.dumps(OUTLINE_STYLE),
        default=None,
    )
    return map_value(value)

