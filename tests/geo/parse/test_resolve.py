"""Tests of ``geo.parse.resolve``: choosing a place for each mention in its document's context
(on the tiny gazetteer fixture)."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from geo.parse.geoparse import Geoparser
from geo.parse.resolve import is_place_reference, resolve


def _resolved(gazetteer: Gazetteer, text: str) -> list[tuple[str, str | None]]:
    parser = Geoparser(gazetteer)
    found = resolve(text, parser.recognizer.recognize(text))
    return [(r.mention.text, r.place.country if r.place else None) for r in found]


def test_the_most_likely_reading_without_context(tiny_gazetteer: Gazetteer) -> None:
    assert _resolved(tiny_gazetteer, "Talks were held in Paris.") == [("Paris", "FR")]


def test_a_named_division_moves_the_reading(tiny_gazetteer: Gazetteer) -> None:
    assert _resolved(tiny_gazetteer, "A storm hit Paris, Texas on Monday.") == [
        ("Paris", "US"), ("Texas", "US")]


def test_one_reading_per_name_in_a_document(tiny_gazetteer: Gazetteer) -> None:
    text = "A storm hit Paris, Texas. Later, Paris counted the damage."
    assert _resolved(tiny_gazetteer, text) == [("Paris", "US"), ("Texas", "US"), ("Paris", "US")]


def test_runner_up_readings_are_kept_for_corrections(tiny_gazetteer: Gazetteer) -> None:
    parser = Geoparser(tiny_gazetteer)
    text = "Talks were held in Paris."
    (paris,) = resolve(text, parser.recognizer.recognize(text))
    assert paris.place is not None and paris.place.place_id == "gn:2988507"
    assert [c.place.place_id for c in paris.alternatives] == ["gn:4560349"]
    assert 0.5 < paris.score <= 1.0
    assert is_place_reference(paris)


def test_a_name_with_one_candidate_is_sure(tiny_gazetteer: Gazetteer) -> None:
    parser = Geoparser(tiny_gazetteer)
    text = "Ships sailed through the Bosphorus."
    (strait,) = resolve(text, parser.recognizer.recognize(text))
    assert strait.place is not None and strait.place.feature == "strait"
    assert (strait.score, strait.alternatives) == (1.0, ())


def test_a_document_without_mentions_resolves_to_nothing() -> None:
    assert resolve("nothing here", []) == []


def test_a_name_alone_in_its_country_is_not_pulled_by_its_own_reading(gazetteer: Gazetteer) -> None:
    # the only local place of the text must not be the centre that favours its own reading:
    # "Palmyra" in Syria is Tadmur, not the uninhabited Palmyra Atoll in the Pacific
    assert _resolved(gazetteer, "Fighting in Syria: troops retook Palmyra.") == [
        ("Syria", "SY"), ("Palmyra", "SY")]


@pytest.mark.parametrize(("text", "country"), [
    # "Congo" alone is a country in the news, the one its neighbours point to
    ("Rebels advanced on Goma in eastern Congo on Monday.", "CD"),
    ("Police in Brazzaville said Congo would hold a vote.", "CG"),
])
def test_congo_alone_is_a_country(gazetteer: Gazetteer, text: str, country: str) -> None:
    assert ("Congo", country) in _resolved(gazetteer, text)


def test_a_region_of_burkina_faso_is_a_place_of_it(gazetteer: Gazetteer) -> None:
    # the 13 regions of 2001-2025 (curated): "Centre-Nord" was no place at all
    assert ("Centre-Nord region", "BF") in _resolved(
        gazetteer, "Gunmen attacked the village of Noaka in the Centre-Nord region.")


@pytest.mark.parametrize("text", [
    # an American article's "Middle East" is the region, not Baltimore's neighbourhood
    "The Pentagon is sending more troops to the Middle East.",
    # a demonym after a comma is an adjective, no "Paris, Texas" pattern
    "The Pentagon is sending more troops to the Middle East, U.S. officials said.",
])
def test_a_world_region_is_not_a_hamlet_of_the_articles_country(gazetteer: Gazetteer,
                                                                text: str) -> None:
    assert ("Middle East", None) in [(name, country or None) for name, country in
                                     _resolved(gazetteer, text)]


def test_a_hamlet_named_after_a_region_is_found_by_its_pattern(gazetteer: Gazetteer) -> None:
    assert ("Middle East", "US") in _resolved(gazetteer, "She grew up in Middle East, Maryland.")


@pytest.mark.parametrize(("text", "feature"), [
    ("Fighting raged in the province of Idlib on Monday.", "admin1"),
    ("Troops entered the city of Idlib on Monday.", "city"),
])
def test_a_frame_says_which_kind_of_place_a_name_is(gazetteer: Gazetteer, text: str,
                                                    feature: str) -> None:
    parser = Geoparser(gazetteer)
    (idlib,) = [r for r in resolve(text, parser.recognizer.recognize(text))
                if r.mention.text == "Idlib"]
    assert idlib.place is not None and idlib.place.feature == feature


@pytest.mark.parametrize("text", [
    "Thousands of families poured into Tawila, a town in North Darfur, on Sunday.",
    "Thousands of families poured into Tawila in North Darfur on Sunday.",
    "Thousands of families poured into Tawila, a town in the western North Darfur state.",
])
def test_a_town_put_in_a_division_of_another_country_than_its_namesakes_is_unplaced(
        gazetteer: Gazetteer, text: str) -> None:
    # the gazetteer knows a Tawila in Yemen only: the Darfur town is one it lacks
    tawila, darfur = _resolved(gazetteer, text)
    assert tawila == ("Tawila", None) and darfur[1] == "SD"


def test_a_town_in_a_division_of_its_own_country_keeps_its_reading(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "A farm worker in Cabanatuan, a city in Nueva Ecija, fell ill.") \
        == [("Cabanatuan", "PH"), ("Nueva Ecija", "PH")]


def test_a_name_with_an_arabic_article_is_read_whole(gazetteer: Gazetteer) -> None:
    assert _resolved(gazetteer, "Tribal fighters shelled Deir ez-Zor overnight.") == [
        ("Deir ez-Zor", "SY")]


def test_a_small_town_abroad_that_nothing_leads_to_is_unplaced(gazetteer: Gazetteer) -> None:
    # the gazetteer's only Bule is Bulle in Switzerland; the story is in Nigeria
    text = ("Militiamen raided a camp in Nigeria's Borno State on Monday, and survivors fled "
            "to the nearby town of Bule.")
    assert _resolved(gazetteer, text) == [("Nigeria", "NG"), ("Borno State", "NG"), ("Bule", None)]


@pytest.mark.parametrize("text", [
    "Protesters marched through Bulle in Switzerland and through Zurich on Saturday.",
    # one name abroad does not set the story's country
    "U.S. troops searched houses near Tikrit at dawn.",
])
def test_a_town_abroad_with_its_country_or_a_story_abroad_keeps_its_reading(
        gazetteer: Gazetteer, text: str) -> None:
    found = dict(_resolved(gazetteer, text))
    assert None not in found.values()


def test_a_country_named_twice_by_one_name_does_not_strand_a_town(gazetteer: Gazetteer) -> None:
    found = dict(_resolved(gazetteer, "U.S. troops searched houses near Tikrit, U.S. officials "
                                      "said."))
    assert found["Tikrit"] == "IQ"


def test_a_name_that_is_only_another_name_of_towns_of_unknown_size_is_unplaced(
        gazetteer: Gazetteer) -> None:
    # "Nasir" is a former name of Demirci (Turkey, no population recorded); the South
    # Sudanese town is not in the gazetteer
    found = Geoparser(gazetteer).geoparse("Fighting broke out in Nasir on Tuesday.")
    assert [(t.name, t.resolved.place) for t in found] == [("Nasir", None)]


def test_a_town_s_own_name_outweighs_another_town_once_so_called(gazetteer: Gazetteer) -> None:
    # Engels (Russia, 200,000 people) was once called Pokrovsk; the Ukrainian town of 60,000
    # bears the name
    found = Geoparser(gazetteer).geoparse("Fighting raged in Pokrovsk on Monday.")
    place = found[0].resolved.place
    assert place is not None and (place.name, place.country) == ("Pokrovsk", "UA")
