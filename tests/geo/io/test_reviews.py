"""Tests of ``geo.io.reviews``: an analyst's confirm / reject / edit decisions about events."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from geo.errors import ReviewError
from geo.io.reviews import Decision, Review, Reviews, edited, review_queue
from geo.model import EventPlace, Feature, Precision, Role
from tests.geo.factories import every_layer

EVENTS = every_layer(troops={"event_date": "2024-03-05"}, strike={"event_date": "2024-03-07"})


def test_rejected_edited_and_confirmed_events(tmp_path: Path) -> None:
    first, second, third = EVENTS[:3]
    reviews = Reviews(tmp_path / "reviews.json")
    reviews.add(Review(first.event_id, Decision.REJECT, note="background"))
    reviews.add(Review(second.event_id, Decision.EDIT,
                       (("event_date", "2024-03-01"), ("layer", "strike"))))
    reviews.add(Review(third.event_id, Decision.CONFIRM))
    reviews.save()
    applied = Reviews.load(tmp_path / "reviews.json").apply(EVENTS)
    assert [e.event_id for e in applied] == [e.event_id for e in EVENTS[1:]]
    assert (applied[0].event_date, applied[0].layer, applied[0].confidence) == (
        date(2024, 3, 1), "strike", 1.0)
    assert applied[1].confidence == 1.0
    assert applied[2:] == list(EVENTS[3:])


@pytest.mark.parametrize(("payload", "fault"), [
    ({"reviews": [{"event_id": "e", "decision": "delete", "changes": {}, "note": ""}]},
     "'decision' must be one of confirm, reject, edit"),
    ({"reviews": [{"event_id": "e", "decision": "edit", "changes": {"evidence": "x"},
                   "note": ""}]}, "'evidence' cannot be edited"),
    ({"reviews": [{"event_id": "e", "decision": "edit", "changes": {"event_date": "May 5"},
                   "note": ""}]}, "must be a date YYYY-MM-DD"),
    ({"reviews": [{"event_id": "e", "decision": "edit", "changes": {"layer": "weather"},
                   "note": ""}]}, "'layer' must be one of"),
    ({"reviews": [{"event_id": "e", "decision": "edit", "changes": {"fatalities": "3"},
                   "note": ""}]}, "'fatalities' must be a number, found a string"),
    ({"reviews": {}}, "'reviews' must be a list"),
    ({"reviews": [{"event_id": "e", "decision": "reject", "changes": {}}]}, "missing key 'note'"),
])
def test_a_bad_file_is_an_error_naming_it(tmp_path: Path, payload: object, fault: str) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(ReviewError) as err:
        Reviews.load(path)
    assert str(path) in str(err.value) and fault in str(err.value)


def test_two_sessions_saving_keep_both_decisions(tmp_path: Path) -> None:
    path = tmp_path / "reviews.json"
    mine, theirs = Reviews.load(path), Reviews.load(path)
    mine.add(Review("a", Decision.REJECT))
    theirs.add(Review("b", Decision.CONFIRM))
    mine.save()
    theirs.save()
    assert sorted(r.event_id for r in Reviews.load(path)) == ["a", "b"]
    mine.discard("a")
    mine.save()
    assert [r.event_id for r in Reviews.load(path)] == ["b"]


def test_an_upload_is_read_and_its_faults_name_the_upload() -> None:
    data = json.dumps({"reviews": [{"event_id": "e", "decision": "reject", "changes": {},
                                    "note": "dup"}]}).encode()
    assert [r.event_id for r in Reviews.from_bytes("team.json", data)] == ["e"]
    with pytest.raises(ReviewError, match=r"'team\.json': not valid JSON"):
        Reviews.from_bytes("team.json", b"{")


def test_the_queue_puts_doubtful_and_outlying_events_first() -> None:
    march = [replace(e, confidence=0.9, doc_id=e.event_id) for e in EVENTS]
    old = replace(march[0], event_id="old", event_date=date(2016, 1, 1))
    unsure = replace(march[1], event_id="unsure", confidence=0.3)
    queue = review_queue([*march, old, unsure])
    assert [item.event.event_id for item in queue] == ["old", "unsure"]
    assert "days from the batch's median" in queue[0].reasons[0]
    assert queue[1].reasons == ("confidence 0.30",)
    reviews = Reviews()
    reviews.add(Review("old", Decision.CONFIRM))
    assert [i.event.event_id for i in review_queue([*march, old, unsure], reviews)] == ["unsure"]


def test_a_place_far_from_the_rest_of_its_article_is_queued() -> None:
    near = [replace(e, doc_id="a", confidence=0.9) for e in EVENTS
            if all(30 < p.lon < 45 and 30 < p.lat < 56 for p in e.locations)]
    assert len(near) >= 2
    far = replace(near[0], event_id="far", locations=tuple(
        replace(p, name="Caracas", lat=10.5, lon=-66.9) for p in near[0].locations[:1]))
    (item,) = review_queue([*near, far])
    assert item.event.event_id == "far" and "Caracas lies over" in item.reasons[0]


def test_the_queue_of_a_large_table_is_fast_and_still_finds_the_far_place() -> None:
    base = every_layer()[0]
    near = base.locations[0]
    events = [
        replace(base, event_id=f"t-{k}", doc_id="table.csv", confidence=0.9,
                 locations=(replace(near, lat=36.0 + k % 7 * 0.01, lon=36.5),))
        for k in range(6000)
    ]
    far = replace(events[0], event_id="t-far",
                   locations=(replace(near, name="Far away", lat=-33.9, lon=151.2),))
    t0 = time.perf_counter()
    queue = review_queue([*events, far])
    assert time.perf_counter() - t0 < 5.0, "linear in the events of one document"
    assert [r.event.event_id for r in queue] == ["t-far"]


# ------------------------------------------------------------------ places and roles
def test_an_edit_of_places_and_roles_is_saved_and_applied(tmp_path: Path) -> None:
    troops = next(e for e in EVENTS if e.event_id == "troops")
    origin, *rest = troops.locations
    added = EventPlace(Role.VIA, "gn:test-kilis", "Kilis", 36.72, 37.12, Feature.CITY, "TR",
                       Precision.TOWN)
    places = (replace(origin, role=Role.DESTINATION), added)  # role changed, others removed
    reviews = Reviews(tmp_path / "reviews.json")
    reviews.add(Review("troops", Decision.EDIT, (("locations", places),)))
    reviews.save()
    raw = json.loads((tmp_path / "reviews.json").read_text())["reviews"][0]["changes"]
    assert [(p["role"], p["name"]) for p in raw["locations"]] == [
        ("destination", origin.name), ("via", "Kilis")]
    assert "start" not in raw["locations"][1], "an added place has no mention in the text"
    (applied,) = [e for e in Reviews.load(tmp_path / "reviews.json").apply(EVENTS)
                  if e.event_id == "troops"]
    assert applied.locations == places
    assert rest, "the factory's troop movement had more than one place to remove"


def test_a_later_edit_keeps_the_fields_an_earlier_one_changed() -> None:
    first = Review("troops", Decision.EDIT, (("event_date", "2024-03-01"),), "moved")
    place = EventPlace(Role.LOCATION, "gn:x", "Kilis", 36.72, 37.12, Feature.CITY, "TR",
                       Precision.TOWN)
    later = edited(first, "troops", (("locations", (place,)),), "")
    assert dict(later.changes) == {"event_date": "2024-03-01", "locations": (place,)}
    assert later.note == "moved"
    assert edited(None, "troops", (("layer", "strike"),), "").changes == (("layer", "strike"),)



def test_confirming_an_edited_event_keeps_the_edit_and_a_new_edit_adds_to_it() -> None:
    reviews = Reviews()
    reviews.decide("troops", Decision.EDIT, "wrong day", (("event_date", "2024-03-02"),))
    reviews.decide("troops", Decision.CONFIRM, "checked")
    kept = reviews.get("troops")
    assert kept is not None and kept.decision is Decision.EDIT
    assert dict(kept.changes) == {"event_date": "2024-03-02"} and kept.note == "checked"
    reviews.decide("troops", Decision.EDIT, "", (("actor1", "Border guards"),))
    both = reviews.get("troops")
    assert both is not None
    assert dict(both.changes) == {"event_date": "2024-03-02", "actor1": "Border guards"}
    reviews.decide("troops", Decision.REJECT, "a drill")
    assert [r.event_id for r in reviews.rejected()] == ["troops"]


def test_a_colleagues_reviews_win_for_the_same_event() -> None:
    mine, theirs = Reviews(), Reviews()
    mine.decide("strike", Decision.CONFIRM, "seen on TV")
    mine.decide("call", Decision.CONFIRM)
    theirs.decide("strike", Decision.REJECT, "a drill")
    mine.merge(theirs)
    strike, call = mine.get("strike"), mine.get("call")
    assert strike is not None and strike.decision is Decision.REJECT
    assert call is not None and call.decision is Decision.CONFIRM

GOOD_PLACE = {"role": "origin", "place_id": "gn:1", "name": "Kilis", "lat": 36.7, "lon": 37,
              "feature": "city", "country": "TR", "precision": 1}


@pytest.mark.parametrize(("place", "fault"), [
    ({**GOOD_PLACE, "role": "launchpad"}, "'role' must be one of origin"),
    ({**GOOD_PLACE, "lat": 123.0}, "'Kilis' lies off the globe"),
    ({k: v for k, v in GOOD_PLACE.items() if k != "lon"}, "lacks 'lon'"),
    ({**GOOD_PLACE, "colour": "red"}, "has unknown 'colour'"),
    ({**GOOD_PLACE, "precision": "1"}, "'precision' must be a number, found a string"),
    ("Kilis", "a place must be an object, found a string"),
])
def test_a_bad_place_in_an_edit_is_an_error_naming_the_file(
    tmp_path: Path, place: object, fault: str
) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps({"reviews": [{"event_id": "e", "decision": "edit",
                                             "changes": {"locations": [place]}, "note": ""}]}))
    with pytest.raises(ReviewError) as err:
        Reviews.load(path)
    assert str(path) in str(err.value) and fault in str(err.value)
    path.write_text(json.dumps({"reviews": [{"event_id": "e", "decision": "edit",
                                             "changes": {"locations": [GOOD_PLACE]},
                                             "note": ""}]}))
    (review,) = Reviews.load(path)
    assert dict(review.changes)["locations"][0].lon == 37.0
