"""The bundled actor table (``geo/data/actors.csv``): the actors of today's conflicts, their sources,
and names that are neither places nor English words, in sentences written for these tests."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from gazetteer import Gazetteer
from geo.events.actors import ActorTable, actor_names, load_actors
from geo.parse.words import is_common_word
from geo.settings import ACTORS_CSV

#: The armed actors of today's conflicts that ACLED codes (issue 14).
CONFLICT_ACTORS = (
    "rapid-support-forces", "sudanese-armed-forces", "jnim", "islamic-state-sahel",
    "malian-armed-forces", "burkina-armed-forces", "vdp", "niger-armed-forces", "africa-corps",
    "al-shabaab", "somali-national-army", "aussom", "atmis", "amisom", "boko-haram", "iswap",
    "nigerian-armed-forces", "m23", "adf", "fardc", "wazalendo", "fano", "endf", "tplf",
    "tatmadaw", "arakan-army", "peoples-defence-force", "yemeni-government-forces",
    "southern-transitional-council", "libyan-national-army", "taliban", "ttp",
    "islamic-state-khorasan", "pakistan-armed-forces",
)
#: Where statements are posted.
NETWORKS = ("facebook", "telegram", "whatsapp", "twitter", "youtube", "instagram", "tiktok",
            "vk")
#: Kinds the table may use (see :class:`geo.events.actors.Actor`).
KINDS = frozenset({"leader", "minister", "official", "ministry", "armed_forces", "fleet",
                   "alliance", "organisation", "agency", "armed_group", "government",
                   "news_agency", "social_network"})
#: Names that are English words too, written capitalised in the table; in lower case they are
#: the word.
WORDS = frozenset({"Telegram", "Twitter"})
#: A place this populous (or a country or region) named like an alias would be lost to it.
POPULATED = 5_000


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return load_actors()


def _named(table: ActorTable, text: str) -> list[str]:
    return [m.actor.name for m in table.find(text)]


def test_every_row_has_a_source_a_known_kind_and_a_country_code() -> None:
    with ACTORS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len({r["actor_id"] for r in rows}) == len(rows), "actor ids are unique"
    for row in rows:
        assert ": " in row["source"], row["actor_id"]  # "Wikipedia: <article>", "nato.int: ..."
        if row["actor_id"] in CONFLICT_ACTORS or row["actor_id"] in NETWORKS:
            assert row["source"].startswith("Wikipedia: "), row["actor_id"]
        assert row["kind"] in KINDS, row["actor_id"]
        assert len(row["country"]) in {0, 2}, row["actor_id"]


def test_the_conflict_actors_are_in_the_table(table: ActorTable) -> None:
    for actor_id in (*CONFLICT_ACTORS, *NETWORKS):
        assert table.by_id(actor_id) is not None, actor_id


@pytest.mark.parametrize(("text", "name"), [
    ("RSF drones hit a fuel depot.", "Rapid Support Forces"),
    ("The SAF said it retook a bridge.", "Sudanese Armed Forces"),
    ("JNIM claimed the ambush.", "Jama'at Nasr al-Islam wal-Muslimin"),
    ("Islamic State Sahel fighters raided a market.", "Islamic State Sahel Province"),
    ("Burkinabe soldiers and VDP militiamen patrolled the road.", "Armed Forces of Burkina Faso"),
    ("Africa Corps instructors arrived by plane.", "Africa Corps"),
    ("Al-Shabaab fighters overran an outpost.", "al-Shabaab"),
    ("AUSSOM troops secured the airstrip.",
     "African Union Support and Stabilization Mission in Somalia"),
    ("Boko Haram gunmen burned a school.", "Boko Haram"),
    ("ISWAP fighters attacked a base.", "Islamic State West Africa Province"),
    ("M23 rebels advanced on the town.", "March 23 Movement"),
    ("The FARDC shelled the hills.", "Armed Forces of the Democratic Republic of the Congo"),
    ("ADF militants killed farmers.", "Allied Democratic Forces"),
    ("Fano militiamen blocked the road.", "Fano militia"),
    ("The ENDF sent drones.", "Ethiopian National Defense Force"),
    ("The Tatmadaw bombed the village.", "Tatmadaw"),
    ("The Arakan Army took the garrison.", "Arakan Army"),
    ("PDF fighters ambushed a convoy.", "People's Defence Force"),
    ("STC forces took the port.", "Southern Transitional Council"),
    ("The LNA sent reinforcements.", "Libyan National Army"),
    ("The Pakistani Taliban attacked a checkpoint.", "Tehrik-i-Taliban Pakistan"),
    ("Taliban fighters crossed the line.", "Taliban"),
    ("ISKP claimed the bombing.", "Islamic State – Khorasan Province"),
])
def test_a_conflict_actor_is_found_by_its_alias(table: ActorTable, text: str, name: str) -> None:
    assert _named(table, text)[0] == name


def test_a_peacekeeping_mission_is_the_one_of_its_years(table: ActorTable) -> None:
    atmis = table.by_id("atmis")
    assert atmis is not None and atmis.valid_to is not None
    assert atmis.valid_to < date(2025, 1, 1)
    aussom = table.by_id("aussom")
    assert aussom is not None and aussom.valid_from == date(2025, 1, 1)


def test_a_militia_named_after_a_town_is_found_only_with_its_noun(table: ActorTable) -> None:
    # Fano is also a city in Italy: the bare name stays the city's
    assert _named(table, "Fano militiamen clashed with the army.") == ["Fano militia"]
    assert _named(table, "The festival in Fano drew crowds.") == []
    assert "Fano" not in actor_names(table)


def test_social_networks_are_never_places(table: ActorTable) -> None:
    names = actor_names(table)
    assert {"Facebook", "Telegram", "WhatsApp", "YouTube", "TikTok"} <= names
    assert _named(table, "The group said in a post on X, formerly Twitter, that it left.") == [
        "X (Twitter)"]


def test_a_name_that_is_an_english_word_is_the_word_in_lower_case(table: ActorTable) -> None:
    assert _named(table, "She sent a telegram to her brother.") == []
    assert _named(table, "The army said on Telegram that it advanced.") == ["Telegram"]


def test_no_conflict_alias_is_a_common_english_word(table: ActorTable) -> None:
    for actor_id in (*CONFLICT_ACTORS, *NETWORKS):
        actor = table.by_id(actor_id)
        assert actor is not None
        for alias in (actor.name, *actor.aliases):
            if " " not in alias and alias not in WORDS:
                assert not is_common_word(alias), (actor_id, alias)


def test_no_conflict_alias_names_a_populated_place(table: ActorTable,
                                                   gazetteer: Gazetteer) -> None:
    for actor_id in (*CONFLICT_ACTORS, *NETWORKS):
        actor = table.by_id(actor_id)
        assert actor is not None
        for alias in (actor.name, *actor.aliases):
            clash = [c.place.name for c in gazetteer.candidates(alias, limit=5)
                     if c.place.population >= POPULATED
                     or c.place.feature in {"country", "admin1", "region"}]
            assert not clash, (actor_id, alias, clash)
