"""Tests of ``geo.maps.live``: the app's map, drawn once per batch and told what to show."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geo.maps.export import remote_urls
from geo.maps.layers import build_layers
from geo.maps.live import (
    MapValue,
    events_key,
    frontend_dir,
    map_data,
    map_value,
    publish,
    publish_events,
    shown_mask,
)
from geo.settings import LIVE_KEPT_DATA_FILES, load_paths
from tests.geo.factories import every_layer

XSS = '<img src=x onerror="window.__xss=1">'
EVENTS = [replace(e, evidence=f"Evidence {XSS}", actor1=XSS) for e in every_layer()]


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The component's folder, assembled in a fresh cache directory (Leaflet's local copies
    are read where they are installed); skipped without them."""
    modules = os.environ.get("CONFLICTMAP_NODE_MODULES") or str(
        load_paths().cache_dir / "npm" / "node_modules")
    monkeypatch.setenv("CONFLICTMAP_NODE_MODULES", modules)
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    frontend_dir.cache_clear()
    try:
        found = frontend_dir()
        if found is None:
            pytest.skip("the npm copies of Leaflet are not installed (scripts/setup)")
        yield found
    finally:
        frontend_dir.cache_clear()


def test_the_folder_holds_leaflet_and_the_page_loads_nothing_remote(folder: Path) -> None:
    assert folder.is_relative_to(load_paths().cache_dir)
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert not remote_urls(page)
    for name in ("leaflet.js", "leaflet.markercluster.js", "events.js", "live.js", "leaflet.css"):
        assert f'"{name}?v=' in page, name
        assert (folder / name).stat().st_size > 1000, name
    assert "window.cmPopup" in (folder / "events.js").read_text(encoding="utf-8")
    assert "Leaflet 1.9.3" in (folder / "leaflet.js").read_text(encoding="utf-8")


def test_the_batch_is_sent_once_with_escaped_text_and_each_event_numbered() -> None:
    data = map_data(build_layers(EVENTS), EVENTS)
    ids = [e.event_id for e in EVENTS]
    by_id = {f["id"]: f for f in data["features"]}
    assert set(by_id) == set(ids)
    for event_id, feature in by_id.items():
        props = feature["properties"]
        assert props["k"] == ids.index(event_id)
        assert props["layer"] == EVENTS[props["k"]].layer
        assert XSS not in json.dumps(props) and "&lt;img src=x" in props["evidence"]
    assert [layer["name"] for layer in data["layers"]][:2] == ["troop_movement",
                                                              "naval_deployment"]
    (west, south), (east, north) = data["bounds"]
    assert west < east and south < north


def test_the_mask_says_which_events_the_filters_keep() -> None:
    kept = [EVENTS[1], EVENTS[3]]
    assert shown_mask(EVENTS, kept) == "".join(
        "1" if k in (1, 3) else "0" for k in range(len(EVENTS)))
    assert shown_mask(EVENTS, []) == "0" * len(EVENTS)


def test_a_batch_is_written_once_and_old_ones_are_removed(folder: Path) -> None:
    frames = build_layers(EVENTS)
    url = publish("batch0", lambda: frames, EVENTS)
    assert url == "data/batch0.json"
    written = folder / url
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(
        json.dumps(map_data(frames, EVENTS)))
    before = written.stat().st_mtime_ns

    def not_again() -> Any:
        raise AssertionError("the layers of a written batch were built again")

    os.utime(written, ns=(before - 10**9, before - 10**9))
    assert publish("batch0", not_again, EVENTS) == url
    assert written.stat().st_mtime_ns >= before, "reused, and marked as recently used"
    for k in range(1, LIVE_KEPT_DATA_FILES + 3):
        publish(f"batch{k}", lambda: frames, EVENTS[:1])
    kept = sorted(p.stem for p in (folder / "data").glob("*.json"))
    assert len(kept) == LIVE_KEPT_DATA_FILES and "batch1" not in kept
    with pytest.raises(ValueError, match="not a batch key"):
        publish("../escape", lambda: frames, EVENTS)


def test_a_batch_is_named_by_its_events(folder: Path) -> None:
    url = publish_events(EVENTS)
    assert url == f"data/{events_key(EVENTS)}.json"
    assert (folder / url).is_file()
    assert events_key(EVENTS) == events_key(list(EVENTS)), "the same events, the same name"
    changed = [replace(EVENTS[0], confidence=0.1), *EVENTS[1:]]
    assert events_key(changed) != events_key(EVENTS), "another batch, another file"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        (None, MapValue()),
        (True, MapValue()),  # not what the map sends: nothing said
        ({"drawn": True, "picked": None, "n": 0}, MapValue(drawn=True)),
        ({"drawn": True, "picked": "doc-3:ab12", "n": 2}, MapValue(True, "doc-3:ab12", 2)),
        ({"drawn": "yes", "picked": 7, "n": True}, MapValue()),
        ({"drawn": True, "picked": "", "n": "2"}, MapValue(drawn=True)),
    ],
)
def test_the_maps_value_reads_as_drawn_picked_and_clicks(raw: object, want: MapValue) -> None:
    assert map_value(raw) == want
