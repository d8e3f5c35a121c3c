"""The curated actor table: leaders, ministries, forces, fleets, alliances, with seats.

``geo/data/actors.csv`` gives every actor's country, seat (a gazetteer place name), home port
for fleets, and the dates of office where offices change.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from geo.errors import InputError
from geo.parse.words import is_common_word
from geo.settings import ACTORS_CSV

COLUMNS = (
    "actor_id", "name", "aliases", "kind", "country", "seat", "home_port",
    "valid_from", "valid_to", "source",
)
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
#: A compass word that makes the next name another country's ("South Sudanese", "North
#: Korean"): an alias read from inside it names no actor.
_COMPASS_BEFORE = re.compile(r"\b(?:South|North|East|West|Central)[\s-]$")
#: A day of office in the table.
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ActorKind(StrEnum):
    """What an actor of the table is (the table's ``kind`` column)."""

    LEADER = "leader"
    MINISTER = "minister"
    OFFICIAL = "official"
    MINISTRY = "ministry"
    GOVERNMENT = "government"
    ARMED_FORCES = "armed_forces"
    ARMED_GROUP = "armed_group"
    FLEET = "fleet"
    ALLIANCE = "alliance"
    ORGANISATION = "organisation"
    AGENCY = "agency"
    NEWS_AGENCY = "news_agency"
    SOCIAL_NETWORK = "social_network"


#: Kinds of actor that speak for a state in calls and meetings.
PERSON_KINDS = frozenset({ActorKind.LEADER, ActorKind.MINISTER, ActorKind.OFFICIAL})
#: Kinds of actor that carry reports and statements ("told Reuters", "said on Facebook"):
#: never a party to an event, nor its place.
REPORTING_KINDS = frozenset({ActorKind.NEWS_AGENCY, ActorKind.SOCIAL_NETWORK})


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor.

    Parameters
    ----------
    actor_id
        Slug.
    name
        Canonical name.
    aliases
        Surface forms found in news.
    kind
        What it is (a social network is where statements are posted: "said on Telegram").
    country
        ISO 3166-1 alpha-2 code, empty for international bodies.
    seat
        Place name of the actor's seat (a capital, a headquarters city).
    home_port
        Home port of a fleet.
    valid_from, valid_to
        First and last day of office, ``None`` when open (read from the table's
        ``YYYY-MM-DD`` text).
    """

    actor_id: str
    name: str
    aliases: tuple[str, ...]
    kind: ActorKind
    country: str
    seat: str
    home_port: str
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date | None) -> bool:
        """Whether the actor held its role on ``day`` (``True`` when either is unknown)."""
        if day is None:
            return True
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text.

    Parameters
    ----------
    actor
        The actor.
    start, end
        Offsets in the text.
    """

    actor: Actor
    start: int
    end: int


class ActorTable:
    """Actors and a matcher for their names.

    Parameters
    ----------
    actors
        The actors.
    """

    def __init__(self, actors: list[Actor]) -> None:
        self.actors = actors
        self._by_alias: dict[str, list[Actor]] = {}
        for actor in actors:
            for alias in {actor.name, *actor.aliases}:
                if alias:
                    self._by_alias.setdefault(alias.casefold(), []).append(actor)
        # Aliases by their first word, longest first: a text is scanned word by word and
        # only the aliases that start with the word are tried (one dict lookup a word).
        self._by_first: dict[str, list[str]] = {}
        self._words: dict[str, bool] = {}
        for alias in sorted(self._by_alias, key=len, reverse=True):
            first = _WORD.match(alias)
            if first is not None:
                self._by_first.setdefault(first.group(), []).append(alias)

    def find(self, text: str, offset: int = 0,
             day: date | Callable[[], date | None] | None = None) -> list[ActorMention]:
        """Actors named in ``text``; offsets shifted by ``offset``.

        Acronyms (all capitals in the table) must be written in capitals or title case
        ("NATO", "Nato"), and a name that is also an English word in lower case is that word
        ("sent a telegram" names no Telegram); an alias shared by several actors picks the one in office on ``day``
        (a function giving the day is called only then, once).
        """
        out = []
        taken = 0
        when: list[date | None] = []
        by_first = self._by_first
        folded = text.casefold()
        # where folding keeps the offsets, the folded text's words are at the text's offsets
        # and an alias is read in it in place; folding moves offsets ("ß" is "ss"): each
        # word folded alone
        in_place = len(folded) == len(text)
        if in_place:
            words = [(w.start(), w[0]) for w in _WORD.finditer(folded) if w[0] in by_first]
        else:
            words = [(w.start(), key) for w in _WORD.finditer(text)
                     if (key := w[0].casefold()) in by_first]
        for start, first in words:
            if start < taken:
                continue
            for alias in by_first[first]:
                end = start + len(alias)
                if not (folded.startswith(alias, start) if in_place
                        else text[start:end].casefold() == alias) \
                        or (end < len(text) and _WORD_CHAR.match(text, end)):
                    continue
                if _COMPASS_BEFORE.search(text, max(0, start - 9), start):
                    break  # "South Sudanese soldiers" are no Sudanese soldiers
                surface = text[start:end]
                if surface.islower() and (len(surface) <= 6 or self._is_word(alias)):
                    break  # "eu", "un" in running text are not the EU or the UN
                actors = self._by_alias[alias]
                if callable(day):
                    if len(actors) > 1 and not when:
                        when.append(day())
                    on = when[0] if when else None
                else:
                    on = day
                dated = [a for a in actors if a.valid_on(on)] or actors
                out.append(ActorMention(dated[0], start + offset, end + offset))
                taken = end
                break
        return out

    def _is_word(self, alias: str) -> bool:
        """Whether a one-word alias is also an ordinary English word (asked once a word)."""
        known = self._words.get(alias)
        if known is None:
            known = self._words[alias] = " " not in alias and is_common_word(alias)
        return known

    def by_id(self, actor_id: str) -> Actor | None:
        """The actor with this id."""
        return next((a for a in self.actors if a.actor_id == actor_id), None)


def read_actors(path: Path) -> list[Actor]:
    """Read an actor CSV.

    Raises
    ------
    InputError
        When a column is missing, an id is empty, a kind is unknown or a day of office is not
        ``YYYY-MM-DD``; the message names the file (and the line).
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{str(path)!r}: missing columns {missing}")
        actors = []
        for row in reader:
            r = {k: (v or "").strip() for k, v in row.items() if k}
            if not r["actor_id"]:
                raise InputError(f"{str(path)!r}:{reader.line_num}: empty actor_id")
            actors.append(
                Actor(
                    actor_id=r["actor_id"],
                    name=r["name"],
                    aliases=tuple(a.strip() for a in r["aliases"].split("|") if a.strip()),
                    kind=_kind(r["kind"], path, reader.line_num),
                    country=r["country"].upper(),
                    seat=r["seat"],
                    home_port=r["home_port"],
                    valid_from=_term_day(r["valid_from"], path, reader.line_num),
                    valid_to=_term_day(r["valid_to"], path, reader.line_num),
                )
            )
    return actors


def _kind(text: str, path: Path, line: int) -> ActorKind:
    """The kind of actor a cell names."""
    try:
        return ActorKind(text)
    except ValueError:
        raise InputError(f"{str(path)!r}:{line}: unknown actor kind {text!r}") from None


def _term_day(text: str, path: Path, line: int) -> date | None:
    """A day of office of the table (``YYYY-MM-DD``), ``None`` when the cell is empty.

    Raises
    ------
    InputError
        When the cell holds something else; the message names the file and line.
    """
    if not text:
        return None
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass  # "2020-02-30"
    raise InputError(f"{str(path)!r}:{line}: day of office {text!r} is not a YYYY-MM-DD day")


@lru_cache(maxsize=4)
def load_actors(path: Path = ACTORS_CSV) -> ActorTable:
    """The actor table of ``path`` (the bundled one by default), cached."""
    return ActorTable(read_actors(path))


def actor_names(table: ActorTable | None = None) -> frozenset[str]:
    """Names of the people and bodies of an actor table (the bundled one by default) that are
    never places ("Hamas", "Putin"), for the geoparser (:class:`geo.parse.geoparse.Geoparser`'s
    ``not_places``).

    State bodies are left out: a ministry named after its country is not a country, and the
    country's name stays a place.
    """
    names = set()
    for actor in (table or load_actors()).actors:
        if actor.kind in {ActorKind.GOVERNMENT, ActorKind.MINISTRY}:
            continue
        for alias in (actor.name, *actor.aliases):
            if alias and " " not in alias and alias[:1].isupper():
                names.add(alias)
    return frozenset(names)
