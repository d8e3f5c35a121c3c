"""The full gazetteer: the acceptance places come first, the geopy geocoder works offline."""

from __future__ import annotations

from typing import Any

import pytest
from geopandas.tools import geocode

from gazetteer import Gazetteer, haversine_km
from gazetteer.geocoder import LocalGazetteer

#: Acceptance kinds whose feature the best place must have.
WATERS = frozenset({"sea", "strait", "coast"})


def _passes(place: Any, want: dict[str, Any]) -> bool:
    if "bbox" in want:
        x0, y0, x1, y1 = want["bbox"]
        return bool(x0 <= place.lon <= x1 and y0 <= place.lat <= y1)
    return haversine_km(place.lat, place.lon, want["lat"], want["lon"]) <= want["tol_km"]


def test_acceptance_places_come_first(gazetteer: Gazetteer, acceptance: dict[str, Any]) -> None:
    for doc in acceptance["documents"].values():
        for want in doc["places"]:
            best = gazetteer.candidates(want["mention"])[0].place
            assert _passes(best, want), (want["mention"], best)
            # The country when the acceptance file gives one; the feature of waters.
            expected = {"country": want.get("country", best.country),
                        "feature": want["kind"] if want.get("kind") in WATERS else best.feature}
            assert {"country": best.country, "feature": best.feature} == expected, want["mention"]


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [("Hatay Province", "admin1", "TR"), ("Idlib province", "admin1", "SY"),
     ("Bosporus", "strait", "TR"), ("Crimea", "region", "UA"), ("Hmeimim", "base", "SY"),
     ("Rapides Parish", "admin2", "US"), ("Europe", "continent", ""),
     ("Qamishli", "city", "SY"), ("Maarat al-Numan", "city", "SY"), ("Ras al-Ain", "city", "SY"),
     ("Deir Ezzor", "city", "SY"), ("Tel Abyad", "city", "SY"), ("Al-Sweida", "city", "SY")],
)
def test_names_of_every_kind(gazetteer: Gazetteer, name: str, feature: str, country: str) -> None:
    best = gazetteer.candidates(name)[0].place
    assert (best.feature, best.country) == (feature, country)


def test_geopandas_geocode_with_local_provider(gazetteer: Gazetteer) -> None:
    frame = geocode(["Idlib", "Brussels", "Atlantis-nowhere"], provider=LocalGazetteer)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert frame.loc[1, "address"] == "Brussels, BE"
    assert abs(frame.geometry[1].y - 50.85) < 0.1
    assert frame.geometry[2] is None or frame.geometry[2].is_empty


def test_reverse_geocode(gazetteer: Gazetteer) -> None:
    location = LocalGazetteer(gazetteer).reverse((50.85, 4.35))
    assert location is not None and location.raw["country"] == "BE"


@pytest.mark.parametrize("name", ["Washington", "Springfield", "Paris", "Victoria", "Syria",
                                  "Clarke County", "Idlib province"])
def test_a_limited_lookup_is_the_head_of_the_full_one(gazetteer: Gazetteer, name: str) -> None:
    full = gazetteer.candidates(name)
    for limit in (1, 5, 15, 64):
        assert gazetteer.candidates(name, limit=limit) == full[:limit]


def test_first_words_of_names_are_known(gazetteer: Gazetteer) -> None:
    gazetteer.load_name_index()
    assert gazetteer.may_start_name("New")  # New York
    assert gazetteer.may_start_name("Idlib")
    assert not gazetteer.may_start_name("Qzxwv")


@pytest.mark.parametrize(("code", "capital"), [
    ("SD", "Khartoum"), ("UA", "Kyiv"), ("ML", "Bamako"), ("CD", "Kinshasa"),
])
def test_a_country_s_capital(gazetteer: Gazetteer, code: str, capital: str) -> None:
    place = gazetteer.capital(code)
    assert place is not None and (place.name, place.country) == (capital, code)


def test_no_capital_for_an_unknown_code(gazetteer: Gazetteer) -> None:
    assert gazetteer.capital("XX") is None
