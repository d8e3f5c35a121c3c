"""The geoparser's public API: text in, resolved place mentions out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from gazetteer import Gazetteer, open_gazetteer
from geo.model import MentionKind
from geo.parse.resolve import Resolved, resolve
from geo.parse.toponyms import KIND_ORGANISATION, ToponymRecognizer


@dataclass(frozen=True, slots=True)
class Toponym:
    """One place mention of a document, resolved.

    Parameters
    ----------
    start, end
        Offsets into the text.
    name
        The mention as written.
    kind
        A toponym or a demonym (an organisation is never a toponym).
    resolved
        The full resolution, with its alternatives.
    """

    start: int
    end: int
    name: str
    kind: MentionKind
    resolved: Resolved

    def as_dict(self) -> dict[str, object]:
        """The JSON form of ``conflictmap geoparse`` (offsets into the input text): the same
        keys whether the mention is placed or not (the place's are ``None`` when not)."""
        place = self.resolved.place
        out: dict[str, object] = {"start": self.start, "end": self.end, "name": self.name,
                                  "kind": self.kind}
        if place is None:
            out.update(lat=None, lon=None, place_id=None, geonameid=None, feature=None,
                       country=None, score=self.resolved.score, place_name=None)
        else:
            out.update(lat=round(place.lat, 5), lon=round(place.lon, 5),
                       place_id=place.place_id, geonameid=place.geonameid,
                       feature=place.feature, country=place.country or None,
                       score=self.resolved.score, place_name=place.name)
        return out


class Geoparser:
    """Recognise and resolve place mentions with one gazetteer.

    Parameters
    ----------
    gazetteer
        The gazetteer; the default one when omitted.
    not_places
        Names that are never places in these texts, though some place is so called: the
        people and bodies of the event stage's actor table ("Putin", "Hamas"), which the
        pipeline hands over (:func:`geo.events.actors.actor_names`).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *,
                 not_places: Iterable[str] = ()) -> None:
        self.gazetteer = gazetteer or open_gazetteer()
        self.recognizer = ToponymRecognizer(self.gazetteer, frozenset(not_places))

    def resolve_all(self, text: str) -> list[Resolved]:
        """Every mention of ``text`` with its resolution, organisations included."""
        return resolve(text, self.recognizer.recognize(text))

    def geoparse(self, text: str) -> list[Toponym]:
        """Toponyms and demonyms of ``text`` with their places (organisations left out)."""
        return [
            Toponym(r.mention.start, r.mention.end, r.mention.text, r.mention.kind, r)
            for r in self.resolve_all(text)
            if r.mention.kind != KIND_ORGANISATION
        ]


@cache
def default_geoparser(not_places: frozenset[str] = frozenset()) -> Geoparser:
    """A process-wide geoparser over the default gazetteer (one per set of ``not_places``)."""
    return Geoparser(not_places=not_places)


def geoparse(text: str, *, gazetteer: Gazetteer | None = None) -> list[Toponym]:
    """Find and place every place mention of ``text``.

    Parameters
    ----------
    text
        Article text.
    gazetteer
        Gazetteer to use; the default one when omitted.

    Returns
    -------
    list of Toponym
        In text order, with offsets, place and score.
    """
    parser = Geoparser(gazetteer) if gazetteer is not None else default_geoparser()
    return parser.geoparse(text)
