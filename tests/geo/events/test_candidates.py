"""Candidate places the gazetteer lacks: which capitalised spans are kept for the linker and
where they start and end, on sentences written for these tests (no gazetteer: every name here
is one the gazetteer lacks)."""

from __future__ import annotations

import pytest

from gazetteer import FeatureClass, Place
from geo.events.candidates import KIND_UNKNOWN, candidates, settlement_framed
from geo.events.features import SentenceTokens, pair_features
from geo.model import MentionKind
from geo.parse.resolve import Resolved
from geo.parse.text import tokenize
from geo.parse.toponyms import Mention
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of


def _names(text: str) -> list[str]:
    sent = SentenceTokens.of(tokenize(text))
    return [c.text for c in candidates(sent, [], text)]

def _mentions(text: str, names: tuple[str, ...], place: Place | None = None) -> list[Resolved]:
    """The geoparser's mentions of ``names`` in ``text`` (first occurrence each), resolved to
    ``place`` (``None``: unresolved)."""
    return [Resolved(Mention(text.index(n), text.index(n) + len(n), n, MentionKind.TOPONYM, 0,
                             ()), place, 1.0 if place else 0.0, ()) for n in names]



@pytest.mark.parametrize(("text", "names"), [
    ("Militants stormed the village of Kungana and the Babaji area on Sunday.",
     ["Kungana", "Babaji"]),
    ("Seven herders were killed in Kungana Village near Tarobi.", ["Kungana Village", "Tarobi"]),
    ("Shells hit the Dabbit Hospital in Tal Al-‘Eiss overnight.",
     ["Dabbit Hospital", "Tal Al-‘Eiss"]),
    ("Mourners gathered in al-Latmana after the raid.", ["al-Latmana"]),
    ("Troops advanced on the Wadi Qorra Farms area.", ["Wadi Qorra Farms"]),
    ("Jets struck the villages of Maroun al-Qorra and Tarobi.", ["Maroun al-Qorra", "Tarobi"]),
    # a place described after a comma is still one, and so is a place before a source
    ("Raiders burned Kungana, a farming village near Tarobi.", ["Kungana", "Tarobi"]),
    ("Raiders burned Kungana, a local official said.", ["Kungana"]),
])
def test_a_name_the_gazetteer_lacks_is_a_candidate_whole(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(("text", "names"), [
    # days and months are no places, alone or after a name
    ("Mortars hit Qoryoley Sunday and Burlo in March.", ["Qoryoley", "Burlo"]),
    ("Fighting resumed on Tuesday, 5 Sept., near Burlo.", ["Burlo"]),
    # a sentence's first word when it is a common word
    ("Meanwhile, gunmen stormed Qoryoley.", ["Qoryoley"]),
    ("According to residents, Burlo was shelled.", ["Burlo"]),
    ("Hundreds fled Qoryoley.", ["Qoryoley"]),
    # acronyms and organisations
    ("Fighters of the FSA and YPG clashed in Qoryoley.", ["Qoryoley"]),
    ("The Tiger Forces and the Qorran Arab Army's 15th Brigade shelled Burlo, ARA News said.",
     ["Burlo"]),
    # a lone letter: a platform ("posted on X"), a plan, a unit
    ("The militia wrote on X that its Unit B had shelled Burlo.", ["Burlo"]),
    # a name that modifies a noun after "a": a company's, an agency's
    ("Drones set fire to a Qorneft refinery near Burlo.", ["Burlo"]),
    # an office and a person's honorific ("Alhaji"), and a person described after a comma
    ("Gunmen stormed Burlo, killing the Ward Head, Alhaji Musa Garkida, and two guards.",
     ["Burlo"]),
    ("Men shot Daud Qorrani, a member of the district council, outside Burlo.", ["Burlo"]),
    ("Police arrested Amina Qorrani, a former senior commander of the militia, in Burlo.",
     ["Burlo"]),
    # faiths, creeds, a ruler's title, an armed group's name in Arabic
    ("Gunmen shot two Catholic men in the Qorran district of Burlo.", ["Qorran", "Burlo"]),
    ("Police marched towards the Maoist stronghold of Burlo while Jews gathered in Tarobi.",
     ["Burlo", "Tarobi"]),
    ("Gunmen attacked the Emir of Qorra's palace in Burlo.", ["Qorra's", "Burlo"]),
    ("Fighters of Jaysh Al-Qorra and Faylaq Al-Burli shelled Tarobi.", ["Tarobi"]),
    # a weapon's name
    ("Overnight, 37 Qorrak kamikaze drones and Tarob rockets were fired at Burlo.",
     ["Burlo"]),
    # people named by a common first name, a person's possessive, a body's name
    ("Police said Eric Dolan and Gerald Qorra were shot near Burlo.", ["Burlo"]),
    ("Demonstrators marched on Qorran's home and the Committee Against Torture in Burlo.",
     ["Burlo"]),
    # an assembly named alone
    ("Protesters entered the Senate chamber and set fire to Parliament's gate in Burlo.",
     ["Burlo"]),
    # a tribe's name before its people
    ("Fighting between Belli tribesmen and farmers left six dead near Burlo.", ["Burlo"]),
    ("Rebels overran the Qorra Saw militia camp near Burlo.", ["Burlo"]),
])
def test_words_that_name_no_place_are_no_candidates(text: str, names: list[str]) -> None:
    assert _names(text) == names


def test_a_direction_word_before_a_known_place_starts_its_name_not_the_unknown_ones() -> None:
    text = "Raiders struck in Kuloch County of Western Lakes State overnight."
    start = text.index("Lakes State")
    lakes = Resolved(Mention(start, start + 11, "Lakes State", MentionKind.TOPONYM, 0, ()),
                     None, 0.0, ())
    sent = SentenceTokens.of(tokenize(text))
    assert [c.text for c in candidates(sent, [lakes], text)] == ["Kuloch County", "Lakes State"]


@pytest.mark.parametrize("text", [
    "A bomb went off in Southern Qorristan's town of Burlo.",
    "Two soldiers died in Northeastern Qorristan's town of Burlo.",
])
def test_a_direction_word_alone_before_a_known_place_is_no_candidate(text: str) -> None:
    start = text.index("Qorristan")
    qorristan = Resolved(Mention(start, start + 11, "Qorristan's", MentionKind.TOPONYM, 0, ()),
                         None, 0.0, ())
    sent = SentenceTokens.of(tokenize(text))
    assert [c.text for c in candidates(sent, [qorristan], text)] == ["Qorristan's", "Burlo"]


def test_the_article_of_a_name_the_geoparser_took_is_part_of_its_candidate() -> None:
    text = "He was seized on a road near Al-Qorra after rebels shelled al-Burlo."
    start = text.index("Qorra")
    qorra = Resolved(Mention(start, start + 5, "Qorra", MentionKind.TOPONYM, 0, ()), None, 0.0,
                     ())
    start = text.index("Burlo")
    burlo = Resolved(Mention(start, start + 5, "Burlo", MentionKind.TOPONYM, 0, ()), None, 0.0,
                     ())
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [qorra, burlo], text)
    assert [(c.text, c.start, c.resolved) for c in found] == [
        ("Al-Qorra", text.index("Al-"), qorra), ("al-Burlo", text.index("al-"), burlo)]


def test_a_place_noun_after_a_name_is_a_feature_of_it() -> None:
    text = "Rockets hit the Al-Sabil neighborhoods, killing four."
    sent = SentenceTokens.of(tokenize(text))
    (found,) = candidates(sent, [], text)
    assert found.span.kind == KIND_UNKNOWN and found.text == "Al-Sabil"
    feats = pair_features(sent, 1, found.span, [found.span])
    assert "name|n1=neighborhoods" in feats and "name|article=True" in feats
    assert "name|suf3=bil" in feats


def test_a_candidates_kind_and_feature_are_written_as_plain_words() -> None:
    text = "Rebels shelled Burlo near Qoryoley."
    start = text.index("Burlo")
    town = Place("t:burlo", "Burlo", FeatureClass.CITY, "SO", 2.0, 45.0)
    burlo = Resolved(Mention(start, start + 5, "Burlo", MentionKind.TOPONYM, 0, ()), town, 1.0,
                     ())
    sent = SentenceTokens.of(tokenize(text))
    known, unknown = candidates(sent, [burlo], text)
    assert (known.span.kind, known.span.feature) == (MentionKind.TOPONYM, FeatureClass.CITY)
    assert unknown.span.kind is MentionKind.UNKNOWN and unknown.text == "Qoryoley"
    spans = [known.span, unknown.span]
    known_features = set(pair_features(sent, 1, known.span, spans))
    assert {"kind=toponym", "kind|feat=toponym|city"} <= known_features
    assert "kind=unknown" in pair_features(sent, 1, unknown.span, spans)


@pytest.mark.parametrize(("text", "framed"), [
    ("Troops shelled the villages of Qorrabad and Tel Burlo.", ["Qorrabad", "Tel Burlo"]),
    ("Troops entered the strategic town of Kafr Qorra on Sunday.", ["Kafr Qorra"]),
    ("Gunmen stormed Qorra Sule, a small village near Tarobi.", ["Qorra Sule"]),
    ("Shells fell near Burlo village and on Tarobi.", ["Burlo"]),
    ("Qorra Sule said Tarobi would not yield.", []),
])
def test_a_settlement_noun_frames_the_names_it_introduces(text: str, framed: list[str]) -> None:
    sent = SentenceTokens.of(tokenize(text))
    assert [c.text for c in candidates(sent, [], text) if settlement_framed(sent, c)] == framed


def test_a_towns_name_that_ends_a_persons_described_name_is_no_candidate() -> None:
    text = "Gunmen shot Ali Abdel-Qorra, a civilian, and Nadia Burlo, who ran a shop, near Tarobi."
    sent = SentenceTokens.of(tokenize(text))
    town = Place("t:qorra", "Qorra", FeatureClass.CITY, "SO", 2.0, 45.0)
    mentions = _mentions(text, ("Qorra", "Burlo", "Tarobi"), town)
    assert [c.text for c in candidates(sent, mentions, text)] == ["Tarobi"]


def test_a_known_place_before_a_groups_people_names_the_group() -> None:
    text = "Officials said the strike targeted Qorra militants gathered near Tarobi."
    sent = SentenceTokens.of(tokenize(text))
    town = Place("t:qorra", "Qorra", FeatureClass.CITY, "IT", 43.8, 13.0)
    mentions = _mentions(text, ("Qorra", "Tarobi"), town)
    assert [c.text for c in candidates(sent, mentions, text)] == ["Tarobi"]


def test_a_known_place_that_starts_a_militias_name_names_the_militia() -> None:
    text = "Fighters overran a Qorra Saw Htee militia camp in Tarobi. Burlo   Three members died."
    sent = SentenceTokens.of(tokenize(text))
    town = Place("t:qorra", "Qorra", FeatureClass.CITY, "MM", 21.0, 96.0)
    mentions = _mentions(text, ("Qorra", "Tarobi", "Burlo"), town)
    assert [c.text for c in candidates(sent, mentions, text)] == ["Tarobi", "Burlo"]


def test_a_news_outlet_named_after_its_noun_is_no_place() -> None:
    text = ("The group said on its news outlet Tasnah that the bomber struck a bus in "
            "Tal Hamra, and the news agency Rasid showed the wreck.")
    names = [c.text for c in candidates(SentenceTokens.of(tokenize(text)), [], text)]
    assert "Tal Hamra" in names and "Tasnah" not in names and "Rasid" not in names, names


def test_a_sea_that_names_the_land_after_it_is_no_place(pipeline: Pipeline) -> None:
    # "the Indian Ocean island": an island the sentence does not name, not the ocean (the
    # best container of the island when the sentence names no other place)
    for text in ["A boat carrying 60 refugees from Aceh landed on the Indian Ocean island's "
                 "eastern coast on Sunday.",
                 "Sixty refugees from Libya reached the Mediterranean island after three days "
                 "at sea."]:
        assert [p.name for e in events_of(pipeline, text) for p in e.locations
                if p.feature == "sea"] == []
