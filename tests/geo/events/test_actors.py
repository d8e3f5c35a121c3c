"""Tests of the actor table (``geo.events.actors``): reading it, finding names, dates of office."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.events.actors import COLUMNS, ActorKind, ActorTable, actor_names, load_actors, read_actors

HEADER = ",".join(COLUMNS)
#: An invented country's people and bodies: two prime ministers share a title.
ROWS = [
    "varga,Ilona Varga,Varga|Prime Minister|PM Varga,leader,vl,Kestra,,2019-01-01,2022-06-30,test",
    "orsi,Tamas Orsi,Orsi|Prime Minister,leader,VL,Kestra,,2022-07-01,,test",
    "vnavy,Velmorian Navy,Velmorian Navy,armed_forces,VL,Kestra,,,,test",
    "vfleet,Velmorian Navy Northern Fleet,Northern Fleet,fleet,VL,Kestra,Port Arlo,,,test",
    "vdef,Velmorian Defence Ministry,Defence Ministry,ministry,VL,Kestra,,,,test",
    "nu,Northern Union,NU|Nu,alliance,,Brelle,,,,test",
]


def write_table(folder: Path, rows: list[str], header: str = HEADER) -> Path:
    path = folder / "actors.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def table(tmp_path: Path) -> ActorTable:
    return ActorTable(read_actors(write_table(tmp_path, ROWS)))


def found(table: ActorTable, text: str,
          day: date | Callable[[], date | None] | None = None) -> list[tuple[str, str]]:
    """(actor id, surface) of each actor found in ``text``."""
    return [(m.actor.actor_id, text[m.start : m.end]) for m in table.find(text, day=day)]


def test_a_row_is_read_with_its_aliases_and_an_upper_case_country(table: ActorTable) -> None:
    varga = table.by_id("varga")
    assert varga is not None
    assert varga.aliases == ("Varga", "Prime Minister", "PM Varga")
    assert (varga.country, varga.seat) == ("VL", "Kestra")
    assert (varga.valid_from, varga.valid_to) == (date(2019, 1, 1), date(2022, 6, 30))
    orsi = table.by_id("orsi")
    assert orsi is not None and orsi.valid_to is None, "an empty last day leaves the term open"
    assert table.by_id("nobody") is None


def test_the_longest_name_at_a_word_wins(table: ActorTable) -> None:
    text = "The Velmorian Navy Northern Fleet left Port Arlo; the Velmorian Navy stayed."
    assert found(table, text) == [("vfleet", "Velmorian Navy Northern Fleet"),
                                  ("vnavy", "Velmorian Navy")]


def test_a_shared_title_goes_to_whoever_held_it_that_day(table: ActorTable) -> None:
    text = "The Prime Minister flew to Brelle."
    assert found(table, text, day=date(2020, 3, 1)) == [("varga", "Prime Minister")]
    assert found(table, text, day=date(2023, 3, 1)) == [("orsi", "Prime Minister")]


def test_the_day_is_asked_for_once_and_only_for_a_shared_name(table: ActorTable) -> None:
    asked: list[int] = []

    def day() -> date:
        asked.append(1)
        return date(2023, 3, 1)

    assert found(table, "Varga met Orsi.", day=day) == [("varga", "Varga"), ("orsi", "Orsi")]
    assert asked == []
    text = "The Prime Minister said the Prime Minister would not resign."
    assert found(table, text, day=day) == [("orsi", "Prime Minister")] * 2
    assert asked == [1]


def test_an_acronym_in_lower_case_running_text_is_a_word(table: ActorTable) -> None:
    assert found(table, "The NU and the Nu summit; nu is a Greek letter.") == [
        ("nu", "NU"), ("nu", "Nu")]


def test_a_name_inside_a_longer_word_is_not_found(table: ActorTable) -> None:
    assert found(table, "Vargas and Orsini are other people.") == []


def test_offsets_are_shifted_into_the_whole_text(table: ActorTable) -> None:
    (mention,) = table.find("said Orsi", offset=100)
    assert (mention.start, mention.end) == (105, 109)


def test_state_bodies_and_phrases_are_not_withheld_from_the_geoparser(table: ActorTable) -> None:
    names = actor_names(table)
    assert {"Varga", "Orsi", "NU", "Nu"} <= names
    assert "Defence Ministry" not in names and "Velmorian Navy" not in names


def test_a_missing_column_names_the_file(tmp_path: Path) -> None:
    header = HEADER.replace(",home_port", "")
    path = write_table(tmp_path, ["x,X,,leader,VL,Kestra,,,test"], header=header)
    with pytest.raises(InputError, match=r"actors\.csv.*home_port"):
        read_actors(path)


def test_an_empty_id_names_the_line(tmp_path: Path) -> None:
    path = write_table(tmp_path, [ROWS[0], ",Nameless,,leader,VL,Kestra,,,,test"])
    with pytest.raises(InputError, match=r"actors\.csv':3: empty actor_id"):
        read_actors(path)


def test_an_unknown_kind_of_actor_names_the_line(tmp_path: Path) -> None:
    path = write_table(tmp_path, [ROWS[0], "kovacs,Anna Kovacs,Kovacs,warlord,VL,Kestra,,,,test"])
    with pytest.raises(InputError, match=r"actors\.csv':3: unknown actor kind 'warlord'"):
        read_actors(path)


def test_kinds_are_read_as_members() -> None:
    kinds = {a.kind for a in load_actors().actors}
    assert kinds <= set(ActorKind) and ActorKind.FLEET in kinds
    assert all(isinstance(k, ActorKind) for k in kinds)


@pytest.mark.parametrize("day", ["2020-02-30", "1 March 2020", "20200301", "2020-3-1"])
def test_a_day_of_office_that_is_not_a_calendar_day_names_the_line(
        tmp_path: Path, day: str) -> None:
    row = f"kovacs,Anna Kovacs,Kovacs,minister,VL,Kestra,,{day},,test"
    path = write_table(tmp_path, [ROWS[0], row])
    with pytest.raises(InputError, match=r"actors\.csv':3: day of office .* YYYY-MM-DD"):
        read_actors(path)


def test_the_bundled_table_has_unique_ids_and_ordered_terms() -> None:
    actors = load_actors().actors
    ids = [a.actor_id for a in actors]
    assert len(ids) > 50 and len(set(ids)) == len(ids)
    backwards = [a.actor_id for a in actors
                 if a.valid_from and a.valid_to and a.valid_from > a.valid_to]
    assert backwards == []


def test_an_alias_inside_a_compass_countrys_demonym_names_no_actor() -> None:
    table = load_actors()
    found = [m.actor.name for m in table.find("South Sudanese soldiers held the bridge.")]
    assert "Sudanese Armed Forces" not in found
    assert [m.actor.name for m in table.find("Sudanese soldiers held the bridge.")] == [
        "Sudanese Armed Forces"]
