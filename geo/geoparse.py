"""The geoparser's public API: text in, resolved place mentions out."""

from __future__ import annotations

from typing import NamedTuple

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import make_record
from geo.actors import load_actors
from geo.resolve import Resolved, resolve
from geo.toponyms import KIND_ORGANISATION, ToponymRecognizer


def actor_names() -> frozenset[str]:
    """Names of the actor table's people and bodies that are never places ("Hamas", "Putin").

    Names that the gazetteer has as a place in their own right are kept out of this set
    when the actor is a state body (a ministry named after its country is not a country).
    """
    names = set()
    for actor in load_actors().actors:
        if actor.kind in {"government", "ministry"}:
            continue
        for alias in (actor.name, *actor.aliases):
            if alias and " " not in alias and alias[:1].isupper():
                names.add(alias)
    return frozenset(names)


class Toponym(NamedTuple):
    """One place mention of a document, resolved (a named tuple, as
    :class:`~geo.resolve.Resolved` is).

    Parameters
    ----------
    start, end
        Offsets into the text.
    name
        The mention as written.
    kind
        ``"toponym"`` or ``"demonym"``.
    resolved
        The full resolution, with its alternatives.
    """

    start: int
    end: int
    name: str
    kind: str
    resolved: Resolved

    def as_dict(self) -> dict[str, object]:
        """The JSON form of ``conflictmap geoparse`` (offsets into the input text)."""
        place = self.resolved.place
        if place is None:
            return {"start": self.start, "end": self.end, "name": self.name, "kind": self.kind,
                    "lat": None, "lon": None, "place_id": None, "geonameid": None,
                    "feature": None, "country": None, "score": self.resolved.score}
        return {"start": self.start, "end": self.end, "name": self.name, "kind": self.kind,
                "lat": round(place.lat, 5), "lon": round(place.lon, 5),
                "place_id": place.place_id, "geonameid": place.geonameid,
                "feature": place.feature, "country": place.country or None,
                "score": self.resolved.score, "place_name": place.name}


class Geoparser:
    """Recognise and resolve place mentions with one gazetteer.

    Parameters
    ----------
    gazetteer
        The gazetteer; the default one (built on first use) when omitted.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or open_gazetteer()
        self.recognizer = ToponymRecognizer(self.gazetteer, actor_names())

    def resolve_all(self, text: str) -> list[Resolved]:
        """Every mention of ``text`` with its resolution, organisations included."""
        return resolve(text, self.recognizer.recognize(text))

    def geoparse(self, text: str) -> list[Toponym]:
        """Toponyms and demonyms of ``text`` with their places (organisations left out)."""
        return [
            make_record(Toponym, (r.mention.start, r.mention.end, r.mention.text, r.mention.kind,
                                  r))
            for r in self.resolve_all(text)
            if r.mention.kind != KIND_ORGANISATION
        ]


_DEFAULT: list[Geoparser] = []


def default_geoparser() -> Geoparser:
    """A process-wide geoparser over the default gazetteer."""
    if not _DEFAULT:
        _DEFAULT.append(Geoparser())
    return _DEFAULT[0]


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
