"""The records: their enum fields read and write as the plain words of the exports."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date

import pytest

from gazetteer.model import FEATURES, FeatureClass, Place
from geo.errors import RecordError
from geo.model import (
    LAYERS,
    Event,
    EventKind,
    EventPlace,
    Feature,
    Layer,
    MentionKind,
    Precision,
    Role,
    TimePrecision,
)


def test_event_place_features_are_the_gazetteer_classes_in_order_then_unplaced() -> None:
    gazetteer = [(f.name, f.value) for f in FeatureClass]
    assert [(f.name, f.value) for f in Feature] == [*gazetteer, ("UNPLACED", "unplaced")]
    assert [Feature(f) for f in FEATURES] == list(Feature)[:-1]


def test_layers_keep_the_map_order() -> None:
    assert [str(layer) for layer in LAYERS] == [
        "troop_movement", "naval_deployment", "diplomacy", "strike", "displacement", "protest"]


def test_a_gazetteer_place_becomes_an_event_place_with_typed_fields() -> None:
    port = Place("gn:1", "Tartus", "port", "SY", 34.89, 35.89)
    got = EventPlace.from_place(port, Role.DESTINATION, start=4, end=10, mention="Tartus")
    assert got.feature is Feature.PORT
    assert got.precision is Precision.TOWN
    assert (got.start, got.end, got.mention) == (4, 10, "Tartus")
    region = EventPlace.from_place(Place("gn:2", "Idlib", "admin1", "SY", 35.9, 36.6),
                                   Role.LOCATION)
    assert region.precision is Precision.REGION


def test_json_of_an_event_holds_the_plain_words_and_numbers() -> None:
    place = EventPlace(Role.VENUE, "gn:3", "Brussels", 50.85, 4.35, Feature.CITY, "BE",
                       Precision.TOWN)
    event = Event("e1", None, Layer.DIPLOMACY, "Diplomacy", "They met.", "d1", 0, 9,
                  time_precision=TimePrecision.PUBLISHED, locations=(place,))
    text = json.dumps(event.as_dict(), sort_keys=True)
    assert '"layer": "diplomacy"' in text
    assert '"time_precision": "published"' in text
    assert '"precision": 1' in text
    assert '"role": "venue"' in text
    assert f"{event.layer}|{place.role}|{place.precision}" == "diplomacy|venue|1"


def test_json_of_an_event_writes_its_days_as_yyyy_mm_dd() -> None:
    event = Event("e3", date(2020, 2, 27), Layer.STRIKE, "Battles", "Shelled.", "d", 0, 8,
                  end_date=date(2020, 3, 1))
    out = event.as_dict()
    assert (out["event_date"], out["end_date"]) == ("2020-02-27", "2020-03-01")
    assert Event("e4", None, Layer.STRIKE, "B", "S.", "d", 0, 2).as_dict()["event_date"] is None


def test_places_picks_roles() -> None:
    a = EventPlace(Role.ORIGIN, "t:a", "A", 1.0, 1.0, Feature.CITY, "", Precision.TOWN)
    b = EventPlace(Role.DESTINATION, "t:b", "B", 2.0, 2.0, Feature.CITY, "", Precision.TOWN)
    event = Event("e2", None, Layer.TROOP_MOVEMENT, "T", "Moved.", "d", 0, 6, locations=(a, b))
    assert event.places(Role.DESTINATION) == [b]
    assert event.places() == [a, b]


@pytest.mark.parametrize("kind", ["toponym", "demonym", "organisation"])
def test_mention_kinds_are_the_words_geoparse_writes(kind: str) -> None:
    assert json.dumps({"kind": MentionKind(kind)}) == json.dumps({"kind": kind})


def test_every_layer_and_role_has_one_label_used_by_the_map() -> None:
    from geo.maps.folium_map import LAYER_STYLES

    assert Layer.TROOP_MOVEMENT.label == "Troop movements"
    assert {layer: LAYER_STYLES[layer].label for layer in Layer} == {
        layer: layer.label for layer in Layer}
    assert len({layer.label for layer in Layer}) == len(Layer)
    assert Role.DESTINATION.label == "destination"


def test_event_kinds_are_the_words_the_exports_write() -> None:
    strike = Event("e3", None, Layer.STRIKE, "Explosions/Remote violence", "Shells fell.", "d",
                   0, 12, kind=EventKind.SHELLING)
    assert json.loads(json.dumps(strike.as_dict()))["kind"] == "shelling"
    unkinded = Event("e4", None, Layer.STRIKE, "Battles", "They fought.", "d", 0, 13)
    assert unkinded.kind is EventKind.NONE and unkinded.as_dict()["kind"] == ""
    assert EventKind("import") is EventKind.IMPORT


KORVANA = EventPlace(Role.DESTINATION, "gn:1", "Korvana", 34.5, 35.5, Feature.PORT, "SY",
                     Precision.TOWN)
SAILING = Event("d1:0", date(2024, 3, 2), Layer.NAVAL_DEPLOYMENT, "Naval deployment",
                "Two frigates sailed to Korvana.", "d1", 0, 31)


def _place(**changes: object) -> EventPlace:
    return replace(KORVANA, **changes)  # type: ignore[arg-type]  # builds a new record


def _event(**changes: object) -> Event:
    return replace(SAILING, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("changes", [
    {"role": "destination"},
    {"lat": 91.0},
    {"lon": -180.5},
    {"lat": 34.5, "lon": math.nan},  # half placed
])
def test_an_event_place_built_with_a_wrong_field_is_refused_at_once(
    changes: dict[str, object],
) -> None:
    with pytest.raises(RecordError):
        _place(**changes)


def test_an_unplaced_event_place_has_no_coordinates_and_is_accepted() -> None:
    unplaced = _place(lat=math.nan, lon=math.nan, feature=Feature.UNPLACED)
    assert not unplaced.placed
    assert _place(lat=-90.0, lon=180.0).placed


@pytest.mark.parametrize("changes", [
    {"event_date": "2024-03-02"},
    {"end_date": "2024-03-05"},
    {"layer": "naval_deployment"},
    {"layer": Role.ORIGIN},
])
def test_an_event_built_with_a_wrong_field_is_refused_at_once(changes: dict[str, object]) -> None:
    with pytest.raises(RecordError):
        _event(**changes)


def test_an_event_without_a_day_is_accepted() -> None:
    assert _event(event_date=None).event_date is None
    assert _event(end_date=date(2024, 3, 5)).end_date == date(2024, 3, 5)
