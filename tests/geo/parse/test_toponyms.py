"""Tests of ``geo.parse.toponyms`` rules that the geoparser tests do not reach one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import Gazetteer, Place
from gazetteer.build import write_database
from gazetteer.settings import SCHEMA_VERSION
from geo.parse import toponyms
from geo.parse.toponyms import ToponymRecognizer, _is_headline


def test_headlines_are_sentences_in_title_case() -> None:
    assert _is_headline("Turkey and Russia Agree on Idlib Ceasefire")  # "and", "on": minor
    assert not _is_headline("Turkish troops moved into the province on Thursday, officials said.")
    assert not _is_headline("Idlib Falls")  # too few words to tell
    # one lower-case word in ten still makes a headline; the early stop must not cut it
    assert _is_headline("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India quiet")
    assert not _is_headline("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel quiet quiet")
    assert not _is_headline("officials said the troops moved north " * 20)


PLAIN = ("Officials in the United States said Linda Walker flew from Paris to Moscow. "
         "Turkish Troops crossed into Syria near Idlib")


def test_plain_runs_match_as_the_full_search_does(
    tiny_gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = ToponymRecognizer(tiny_gazetteer).recognize(PLAIN)
    assert [m.text for m in found] == [
        "United States", "Paris", "Moscow", "Turkish", "Syria", "Idlib"]
    full = ToponymRecognizer(tiny_gazetteer)
    monkeypatch.setattr(full, "_plain_matches", lambda key: None)  # every run searched in full
    assert full.recognize(PLAIN) == found


def test_plain_runs_make_no_tokens(
    tiny_gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_run(*args: object) -> None:
        raise AssertionError("a plain run was tokenised")

    monkeypatch.setattr(toponyms, "Run", no_run)
    recognizer = ToponymRecognizer(tiny_gazetteer)
    found = recognizer.recognize("Talks in Paris and Moscow ended. Linda Walker went to Idlib")
    assert [m.text for m in found] == ["Paris", "Moscow", "Idlib"]
    with pytest.raises(AssertionError, match="tokenised"):  # a longer name may start here
        recognizer.recognize("Troops of the United States left.")


def test_a_full_stop_counts_only_after_a_word_that_may_be_abbreviated(
    tiny_gazetteer: Gazetteer
) -> None:
    recognizer = ToponymRecognizer(tiny_gazetteer)
    # "Brussels." is the run "Brussels"; "Tex." is an abbreviation, its full stop kept
    with_stop = recognizer.recognize("Talks moved to Brussels. Then Paris, Tex.")
    assert [(m.text, m.start, m.end) for m in with_stop] == [
        ("Brussels", 15, 23), ("Paris", 30, 35), ("Tex.", 37, 41)]
    assert recognizer.recognize("Talks moved to Brussels") == with_stop[:1]


def test_a_name_written_on_with_a_hyphen_is_one_name_or_none(tiny_gazetteer: Gazetteer) -> None:
    recognizer = ToponymRecognizer(tiny_gazetteer)
    # a village the gazetteer lacks is not the known place its name starts with
    assert recognizer.recognize("Gunmen raided Paris-Velours and Moscow-Ravine overnight.") == []
    # two known places joined by a hyphen stay two places; "-led" is no name
    found = recognizer.recognize("Talks on the Paris-Moscow route, the Turkey-led plan.")
    assert [m.text for m in found] == ["Paris", "Moscow", "Turkey"]


def test_a_hyphenated_name_the_gazetteer_knows_is_matched_whole(gazetteer: Gazetteer) -> None:
    found = ToponymRecognizer(gazetteer).recognize("Aid flights landed in Port-au-Prince.")
    assert [(m.text, m.candidates[0].place.country) for m in found] == [("Port-au-Prince", "HT")]


def test_the_last_word_of_a_hyphenated_name_is_no_name_of_its_own(gazetteer: Gazetteer) -> None:
    found = ToponymRecognizer(gazetteer).recognize(
        "Operations went on in Faryab, Sar-e-Pul and Helmand.")
    assert [(m.text, m.candidates[0].place.country) for m in found] == [
        ("Faryab", "AF"), ("Sar-e-Pul", "AF"), ("Helmand", "AF")]


@pytest.mark.parametrize("text", [
    "Guerrillas fired mortars at a base in the small town of Puerto Jordan on Monday.",
    "Rockets hit Bab Jordan, a district of the city, on Monday.",
    "A bomb went off in the Qala Bakhtiar neighbourhood on Monday.",
])
def test_a_common_first_word_of_a_foreign_name_starts_a_name_the_gazetteer_lacks(
        gazetteer: Gazetteer, text: str) -> None:
    found = ToponymRecognizer(gazetteer).recognize(text)
    assert [m.text for m in found] == []


def test_a_title_in_lower_case_is_an_adjective(gazetteer: Gazetteer) -> None:
    recognize = ToponymRecognizer(gazetteer).recognize
    assert [m.text for m in recognize("Crowds marched in this major Ivory Coast city.")] == [
        "Ivory Coast"]
    assert [m.text for m in recognize("Major Kent said the unit had left.")] == []


def test_a_feast_or_a_month_of_a_calendar_is_no_place(gazetteer: Gazetteer) -> None:
    found = ToponymRecognizer(gazetteer).recognize(
        "Police patrolled the markets of Baghdad during Ramadan and again before Eid.")
    assert [m.text for m in found] == ["Baghdad"]


def test_a_first_name_that_spells_a_country_code_is_no_country(gazetteer: Gazetteer) -> None:
    found = ToponymRecognizer(gazetteer).recognize(
        "Ken Okello and Ben Tun, aid workers, reached Nairobi on Monday.")
    assert [m.text for m in found] == ["Nairobi"]


@pytest.fixture()
def connected_names(tmp_path: Path) -> Gazetteer:
    """Names with a lower-case word inside, and a country whose short name is filed with its
    abbreviations."""
    path = tmp_path / "connected.sqlite"
    places = [
        Place("gn:160263", "Dar es Salaam", "city", "TZ", -6.82, 39.27, 2_700_000, 160263),
        Place("gn:3175786", "L'Aquila", "city", "IT", 42.35, 13.40, 68_000, 3175786),
        Place("gn:2287781", "Ivory Coast", "country", "CI", 8.0, -5.5, 26_000_000, 2287781),
        Place("gn:3017382", "France", "country", "FR", 46.0, 2.0, 67_000_000, 3017382),
        Place("gn:2597264", "Centre", "admin1", "BF", 12.3, -1.5, 2_000_000, 2597264),
        Place("gn:2990129", "Nord", "admin2", "FR", 50.5, 3.2, 2_600_000, 2990129),
        Place("gn:294640", "Israel", "country", "IL", 31.5, 34.75, 9_000_000, 294640),
        Place("gn:281133", "Gaza", "city", "PS", 31.5, 34.47, 410_000, 281133),
    ]
    aliases = [("cote divoire", "gn:2287781", "abbreviation"), ("fr", "gn:3017382", "abbreviation")]
    write_database(path, {p.place_id: p for p in places}, set(), aliases,
                   {"schema_version": SCHEMA_VERSION})
    return Gazetteer(path)


@pytest.mark.parametrize(("text", "want"), [
    ("Police fired tear gas in Dar es Salaam on Monday.", [("Dar es Salaam", "toponym")]),
    ("An earthquake struck L'Aquila at night.", [("L'Aquila", "toponym")]),
    # an elided article before a capital goes on with the name
    ("Officials in Côte d’Ivoire said the border was closed.", [("Côte d’Ivoire", "toponym")]),
    # a short name is the country though an abbreviation table holds it; "FR envoy" is not
    ("The FR envoy left for Cote d'Ivoire.", [("FR", "demonym"), ("Cote d'Ivoire", "toponym")]),
])
def test_names_with_lower_case_words_inside(connected_names: Gazetteer, text: str,
                                            want: list[tuple[str, str]]) -> None:
    found = ToponymRecognizer(connected_names).recognize(text)
    assert [(m.text, m.kind) for m in found] == want


@pytest.mark.parametrize(("text", "want"), [
    # a region named with a compass word after a hyphen is one name the gazetteer lacks
    ("Gunmen attacked a village in the Centre-Nord region.", []),
    ("Gunmen attacked a village in the Centre-nord region.", []),
    # two places joined by a hyphen stay two
    ("The Israel-Gaza war went on.", [("Israel", "toponym"), ("Gaza", "toponym")]),
])
def test_names_written_on_with_a_hyphen(connected_names: Gazetteer, text: str,
                                        want: list[tuple[str, str]]) -> None:
    found = ToponymRecognizer(connected_names).recognize(text)
    assert [(m.text, m.kind) for m in found] == want


def test_a_lower_case_word_before_a_full_stop_is_no_abbreviation(gazetteer: Gazetteer) -> None:
    found = ToponymRecognizer(gazetteer).recognize("Two traders were shot in Maharashtra state.")
    assert [m.text for m in found] == ["Maharashtra state"]
    dotted = ToponymRecognizer(gazetteer).recognize("A storm hit Moore, Okla. on Monday.")
    assert "Okla." in [m.text for m in dotted]


@pytest.mark.parametrize(("text", "cue"), [
    ("Riot police fired tear gas in nearby Geneva on Sunday.", "in"),
    ("The marchers crossed into neighbouring Geneva at dawn.", "into"),
])
def test_a_place_that_is_also_a_first_name_keeps_its_cue_past_nearby(
        gazetteer: Gazetteer, text: str, cue: str) -> None:
    # "Geneva" is also a first name: without its cue ("in", "into") it would wait for the
    # text to place it elsewhere
    found = ToponymRecognizer(gazetteer).recognize(text)
    assert [(m.text, m.cue) for m in found] == [("Geneva", cue)]


@pytest.mark.parametrize("text", [
    "Shelling was reported along the Line of Control overnight.",
    "Trucks queued at the Port of Los Angeles on Monday.",
])
def test_a_common_word_before_of_and_a_name_is_part_of_a_longer_name(
        gazetteer: Gazetteer, text: str) -> None:
    # "Line" and "Port" are towns somewhere; "the Line of Control" is none of them
    found = ToponymRecognizer(gazetteer).recognize(text)
    assert [m.text for m in found if m.text in {"Line", "Port"}] == []


@pytest.mark.parametrize(("text", "not_place"), [
    ("Officials of the ruling United Russia party met on Monday.", "Russia"),
    ("A forecaster at Environment Canada issued a warning.", "Canada"),
    ("The singer Lewis Paris performed on Friday.", "Paris"),
])
def test_a_frequent_word_s_name_after_a_capitalised_word_is_part_of_a_longer_name(
        gazetteer: Gazetteer, text: str, not_place: str) -> None:
    found = ToponymRecognizer(gazetteer).recognize(text)
    assert not_place not in [m.text for m in found]
