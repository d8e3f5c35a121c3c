"""The bundled sample dispatches against the events an analyst expects of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geo.model import Event
from geo.pipeline import Pipeline, load_sample_corpus
from tests.geo.events.test_events import _matches

EXPECTED = Path(__file__).with_name("expected_sample_events.json")
#: Expected events the stage does not find, by file and evidence. The arrival on Lesbos is
#: told as "reached the island": the island is Lesbos, named after "On" at the sentence's
#: start, and nothing resolves the reference back, so the sentence gives no event.
KNOWN_MISSES = [
    ("09_greece_reinforces_evros_border.txt",
     "hundreds of people reached the island from the Turkish coast"),
]


def _loose(want: dict[str, Any]) -> dict[str, Any]:
    """Expected events name places as written; roles are checked, exact names loosely."""
    return {k: v for k, v in want.items() if k not in {"origin", "via", "destination", "venue",
                                                       "location", "endpoints"}}


def _places_ok(event: Event, want: dict[str, Any]) -> bool:
    written = {(p.role, (p.mention or p.name).casefold()) for p in event.locations} | {
        (p.role, p.name.casefold()) for p in event.locations}
    for role, key in (("origin", "origin"), ("via", "via"), ("destination", "destination"),
                      ("venue", "venue"), ("location", "location"), ("endpoint", "endpoints")):
        for name in want.get(key, []):
            if not any(r == role and (name.casefold() in n or n in name.casefold())
                       for r, n in written):
                return False
    return True


@pytest.fixture(scope="module")
def sample_events() -> dict[str, list[Event]]:
    pipeline = Pipeline()
    docs = load_sample_corpus()
    index = json.loads((Path(__file__).parents[3] / "geo/data/sample/index.json").read_text())
    file_of = {item["id"]: item["file"] for item in index}
    out: dict[str, list[Event]] = {}
    for doc in docs:
        out[file_of[doc.id]] = list(pipeline.process([doc]).events)
    return out


def test_expected_sample_events_are_found(sample_events: dict[str, list[Event]]) -> None:
    expected: dict[str, list[dict[str, Any]]] = json.loads(EXPECTED.read_text())
    found, missed = 0, []
    for file, wants in expected.items():
        for want in wants:
            if any(_matches(e, _loose(want)) and _places_ok(e, want) for e in sample_events[file]):
                found += 1
            else:
                missed.append((file, want.get("evidence_contains")))
    print(f"sample events found: {found}/{found + len(missed)}; missed: {missed}")
    # Every one but the known misses (one found at last is a reason to shorten the list).
    assert missed == KNOWN_MISSES
    assert found == 28
