"""Events from geoparsed text: what happened, who, where (in which role), when.

The stage finds event triggers with a token classifier learned from annotated news
(:mod:`geo.events.detection`), gives each its ACLED type, sub-type, layer, CAMEO and PLOVER
codes (:mod:`geo.events.taxonomy`), links the places of its sentence with a classifier over
(trigger, candidate) pairs (:mod:`geo.events.linking`; candidates from
:mod:`geo.events.candidates`, places the gazetteer lacks put at their container by
:mod:`geo.events.places`), and keeps the rule-based extractor's actors
(:mod:`geo.events.actors`; who did what to whom: :mod:`geo.events.parties`), dates
(:mod:`geo.events.dates`), fatalities, calls and naval routes
(:mod:`geo.events.rules`). :mod:`geo.events.stage` runs the learned part on a sentence;
:mod:`geo.events.features` builds the models' features, :mod:`geo.events.linear` loads the
shipped weights (``models/events.json``, written by ``scripts/train_events.py``, which uses
:mod:`geo.events.training` for the data, the held-out split and the scores).
"""

from geo.events.merge import merge_events
from geo.events.rules import EventExtractor, count_in, event_id, extract_events, fatalities_in

__all__ = [
    "EventExtractor",
    "count_in",
    "event_id",
    "extract_events",
    "fatalities_in",
    "merge_events",
]
