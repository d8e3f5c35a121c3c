"""Places of events read with the words around them, on a gazetteer of a dozen places and
sentences written for these tests: a village, a camp or a shoal the gazetteer lacks lands on
the best container the text gives, offsets ("170 km southeast of Aden") are points of their
own, and "near" a town is ACLED's precision 2."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from gazetteer import Gazetteer, Place
from gazetteer.build import write_database
from gazetteer.settings import SCHEMA_VERSION
from gazetteer.store import haversine_km
from geo.events.places import OFFSET_PREFIX, UNPLACED_PREFIX, offset_point
from geo.model import Document, Event, EventPlace
from geo.parse.geoparse import Geoparser
from geo.pipeline import Pipeline

PLACES = [
    Place("gn:272103", "Lebanon", "country", "LB", 33.83, 35.83, 6_000_000, 272103),
    Place("gn:69543", "Yemen", "country", "YE", 15.5, 47.5, 28_000_000, 69543),
    Place("gn:415189", "Aden", "city", "YE", 12.77957, 45.03852, 550_000, 415189, "YE-AD"),
    Place("gn:2434508", "Chad", "country", "TD", 15.5, 19.0, 15_000_000, 2434508),
    Place("gn:2429323", "Lac", "admin1", "TD", 13.431, 14.6744, 0, 2429323, "TD-LC",
          ("Lac province", "Lac Region")),
    Place("gn:2316702", "Boma", "city", "CD", -5.85098, 13.05364, 160_000, 2316702, "CD-BC"),
    Place("gn:245669", "Adré", "city", "TD", 13.46648, 22.19875, 20_000, 245669, "TD-OD",
          ("Adre",)),
    Place("cm:south-china-sea", "South China Sea", "sea", "", 12.0, 114.0, 0, None, ""),
    Place("gn:1694008", "Philippines", "country", "PH", 13.0, 122.0, 100_000_000, 1694008),
    Place("gn:2233387", "Maroua", "city", "CM", 10.59, 14.32, 200_000, 2233387, "CM-EN"),
]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    path: Path = tmp_path_factory.mktemp("gaz") / "places.sqlite"
    write_database(path, {p.place_id: p for p in PLACES}, set(), [],
                   {"schema_version": SCHEMA_VERSION})
    return Pipeline(Geoparser(Gazetteer(path)))


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return list(pipeline.process([Document("t", text, published=date(2024, 3, 10))]).events)


def _place(pipeline: Pipeline, text: str, mention: str) -> tuple[Event, EventPlace]:
    found = [(e, p) for e in _events(pipeline, text) for p in e.locations
             if p.mention == mention]
    assert found, [(e.layer, [p.mention for p in e.locations]) for e in _events(pipeline, text)]
    return found[0]


def test_a_village_in_the_south_of_a_country_is_precision_2(pipeline: Pipeline) -> None:
    text = "Militia fighters shelled an army post near the village of Dhayra in southern Lebanon."
    event, village = _place(pipeline, text, "Dhayra")
    assert event.layer == "strike"
    assert village.place_id == UNPLACED_PREFIX + "dhayra" and village.container == "Lebanon"
    assert village.precision == 2 and village.country == "LB"
    assert (village.lat, village.lon) == (33.83, 35.83)
    assert text[village.start or 0 : village.end or 0] == "Dhayra"


def test_a_village_in_a_whole_country_is_precision_3(pipeline: Pipeline) -> None:
    _, village = _place(pipeline, "Gunmen killed five herders in Kouloudia, Chad, on Monday.",
                        "Kouloudia")
    assert (village.container, village.precision) == ("Chad", 3)


def test_a_distance_and_bearing_from_a_port_is_a_point_of_its_own(pipeline: Pipeline) -> None:
    text = "A drone hit a cargo ship 170 km southeast of Yemen's port of Aden on Sunday."
    _, spot = _place(pipeline, text, "Aden")
    assert spot.place_id.startswith(OFFSET_PREFIX) and spot.container == "Aden"
    assert spot.name == "170 km southeast of Aden"
    assert spot.precision == 3  # further than a town's surroundings
    assert haversine_km(spot.lat, spot.lon, 12.77957, 45.03852) == pytest.approx(170, abs=1)
    assert spot.lat < 12.77957 and spot.lon > 45.03852  # south and east of the port


def test_a_short_offset_is_near_the_town(pipeline: Pipeline) -> None:
    _, spot = _place(pipeline, "Rebels ambushed a convoy 12 miles north of Maroua on Friday.",
                     "Maroua")
    assert spot.precision == 2 and spot.lat > 10.59
    assert spot.name == "12 miles north of Maroua"


def test_a_name_framed_by_a_province_that_does_not_hold_it(pipeline: Pipeline) -> None:
    # The gazetteer's only Boma is in Congo; the sentence puts this one in Chad's Lac.
    _, boma = _place(pipeline, "Gunmen killed four fishermen in Boma, in Lac province, on "
                               "Friday.", "Boma")
    assert boma.place_id == UNPLACED_PREFIX + "boma" and boma.container == "Lac"
    assert (boma.country, boma.precision) == ("TD", 3)
    assert (boma.lat, boma.lon) == (13.431, 14.6744)


def test_a_name_framed_by_a_part_of_a_province_that_does_not_hold_it(
        pipeline: Pipeline) -> None:
    # the part of the province ("the north of") frames the name as the province does
    _, boma = _place(pipeline, "Gunmen killed four fishermen in Boma in the north of Lac "
                               "province on Friday.", "Boma")
    assert boma.place_id == UNPLACED_PREFIX + "boma" and boma.container == "Lac"
    assert boma.country == "TD"


def test_a_region_of_another_country_after_a_comma_frames_a_name(pipeline: Pipeline) -> None:
    # the gazetteer's only Boma is in Congo; "Boma, Lac province" puts this one in Chad
    _, boma = _place(pipeline, "Gunmen killed four fishermen in Boma, Lac province, on "
                               "Friday.", "Boma")
    assert (boma.place_id, boma.container, boma.country) == (UNPLACED_PREFIX + "boma", "Lac",
                                                             "TD")


def test_a_region_of_the_country_holds_a_village_more_tightly_than_the_country(
        pipeline: Pipeline) -> None:
    # the country comes first and nearer, but its province is named too
    _, village = _place(pipeline, "Gunmen killed six herders in Kouloudia in western Chad's "
                                  "Lac province on Monday.", "Kouloudia")
    assert (village.container, village.country) == ("Lac", "TD")
    assert (village.lat, village.lon) == (13.431, 14.6744)


def test_a_date_inside_an_actor_name_dates_nothing(pipeline: Pipeline) -> None:
    # "March 23" names the M23 rebels here, not the day: the event is the article's Sunday
    (event,) = _events(pipeline, "Fighters of the March 23 Movement shelled Kouloudia, Chad, "
                                 "on Sunday.")
    assert event.event_date == date(2024, 3, 10)


def test_a_camp_outside_a_border_town_is_near_it(pipeline: Pipeline) -> None:
    text = "Thousands of refugees fled to a camp outside the border town of Adré on Monday."
    event, town = _place(pipeline, text, "Adré")
    assert event.layer == "displacement"
    assert town.place_id == "gn:245669" and town.precision == 2


def test_in_a_town_stays_precision_1(pipeline: Pipeline) -> None:
    _, town = _place(pipeline, "Gunmen killed two traders in Adré on Monday.", "Adré")
    assert town.precision == 1


def test_a_shoal_the_gazetteer_lacks_is_in_its_sea(pipeline: Pipeline) -> None:
    text = ("Coast guard ships fired water cannon at a supply boat near the Second Thomas Shoal "
            "in the South China Sea on Saturday.")
    _, shoal = _place(pipeline, text, "Second Thomas Shoal")
    assert shoal.place_id.startswith(UNPLACED_PREFIX) and shoal.container == "South China Sea"
    assert shoal.precision == 3 and shoal.placed


def test_a_shoal_with_no_container_is_kept_unplaced(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Coast guard ships fired water cannon at a supply boat near "
                               "the Second Thomas Shoal on Saturday.")
    (event,) = events
    (shoal,) = event.unplaced
    assert shoal.mention == "Second Thomas Shoal" and not shoal.placed
    assert math.isnan(shoal.lat)


def test_a_village_named_with_its_kind_is_in_its_region(pipeline: Pipeline) -> None:
    # "X Village": a name the gazetteer lacks, kept whole, drawn at the part of the country
    text = "Gunmen killed seven herders in Kungana Village in southern Chad on Tuesday."
    _, village = _place(pipeline, text, "Kungana Village")
    assert village.place_id.startswith(UNPLACED_PREFIX) and village.container == "Chad"
    assert village.precision == 2 and village.country == "TD"


def test_bodies_and_days_are_no_places(pipeline: Pipeline) -> None:
    text = "Fighters of the Qorran Liberation Army shelled Kouloudia Sunday, ARA News said."
    mentions = {p.mention for e in _events(pipeline, text) for p in (*e.locations, *e.unplaced)}
    assert "Kouloudia" in mentions
    assert not mentions & {"Qorran Liberation Army", "Sunday", "Kouloudia Sunday", "ARA News"}


def test_offset_point_goes_the_distance() -> None:
    lat, lon = offset_point(0.0, 0.0, 110.574, 0.0)  # one degree of latitude at the equator
    assert (lat, lon) == pytest.approx((1.0, 0.0), abs=1e-3)
    lat, lon = offset_point(10.0, 179.9, 50.0, 90.0)
    assert -180.0 <= lon <= -179.0  # across the antimeridian


def test_a_village_located_by_a_town_is_drawn_at_the_town(pipeline: Pipeline) -> None:
    # the town named to say where the village lies is no place of its own
    event, village = _place(pipeline, "An enemy strike hit Kouloudia near Adré on Monday.",
                            "Kouloudia")
    assert village.place_id == UNPLACED_PREFIX + "kouloudia" and village.container == "Adré"
    assert [p.mention for p in event.locations] == ["Kouloudia"]

