"""Shared fixtures: the full gazetteer, a tiny one, and the shared acceptance data.

Every test that uses the full gazetteer (directly, through the ``gazetteer`` fixture, or through
the app, which opens it) is marked ``slow``; ``pytest -m "not slow"`` is the fast lane that runs
without it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gazetteer import Gazetteer, Place, open_gazetteer
from gazetteer.build import write_database
from gazetteer.settings import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that need the full gazetteer (or a browser and the app) ``slow``."""
    for item in items:
        if "gazetteer" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The full default gazetteer (built on first use)."""
    return open_gazetteer()


TINY_PLACES = [
    Place("gn:2800866", "Brussels", "city", "BE", 50.85045, 4.34878, 1_019_022, 2800866,
          "BE-BRU", ("Bruxelles", "Brussel")),
    Place("gn:5945000", "Brussels", "city", "CA", 43.7501, -81.2499, 1_000, 5945000, "CA-ON"),
    Place("gn:524901", "Moscow", "city", "RU", 55.75222, 37.61556, 10_381_222, 524901, "RU-MOW",
          ("Moskva",)),
    Place("gn:5601538", "Moscow", "city", "US", 46.73239, -117.00017, 25_000, 5601538, "US-ID"),
    Place("gn:298795", "Turkey", "country", "TR", 39.0, 35.0, 82_000_000, 298795, "",
          ("Türkiye", "Turkiye")),
    Place("gn:169387", "Idlib", "admin1", "SY", 35.85, 36.68, 0, 169387, "SY-ID",
          ("Idlib Governorate", "Idleb")),
    Place("gn:169389", "Idlib", "city", "SY", 35.93, 36.63, 128_840, 169389, "SY-ID"),
    Place("cm:bosphorus", "Bosphorus", "strait", "TR", 41.12, 29.07, 0, None, "",
          ("Bosporus", "Istanbul Strait")),
    Place("gn:4560349", "Paris", "city", "US", 33.66, -95.55, 25_000, 4560349, "US-TX"),
    Place("gn:2988507", "Paris", "city", "FR", 48.85341, 2.3488, 2_138_551, 2988507, "FR-IDF"),
    Place("gn:4736286", "Texas", "admin1", "US", 31.25, -99.25, 0, 4736286, "US-TX", ("Tex",)),
    Place("gn:163843", "Syria", "country", "SY", 35.0, 38.0, 17_000_000, 163843, ""),
    Place("gn:6252001", "United States", "country", "US", 39.76, -98.5, 327_000_000, 6252001),
]


@pytest.fixture()
def tiny_gazetteer(tmp_path: Path) -> Gazetteer:
    """A gazetteer of a dozen places, for tests that need no full build."""
    path = tmp_path / "tiny.sqlite"
    places = {p.place_id: p for p in TINY_PLACES}
    aliases = [("turkish", "gn:298795", "demonym"), ("us", "gn:6252001", "abbreviation")]
    write_database(path, places, {"gn:2800866", "gn:524901", "gn:2988507"}, aliases,
                   {"schema_version": SCHEMA_VERSION})
    return Gazetteer(path)


@pytest.fixture(scope="session")
def acceptance() -> dict[str, Any]:
    """``../shared/acceptance/seeds.json``; the test is skipped when ``../shared`` is absent."""
    path = SHARED / "acceptance" / "seeds.json"
    if not path.exists():
        pytest.skip("../shared/acceptance is not here")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def seed_text(name: str) -> str:
    """Text of a seed article; skips the test when ``../shared`` is absent."""
    path = SHARED / "seeds" / name
    if not path.exists():
        pytest.skip("../shared/seeds is not here")
    return path.read_text(encoding="utf-8")
