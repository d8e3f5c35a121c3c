"""Who did it and to whom: the actors of a sentence in the roles of one event's trigger.

An agency sentence often names the actor that reports an event besides the ones that took
part: "the US military said that Houthis fired two missiles toward the Gulf of Aden". The
event's first actor is the subject of its trigger (the actor nearest before it that is not
the subject of a saying, or the one after "by" in the passive "was hit by"), its second the
one the trigger acts on (named after it, or before a passive trigger). A reporter is a party
only when the trigger's own subject is a pronoun for it ("the RSF said its fighters
attacked").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from geo.events.actors import ActorMention
from geo.settings import PARTY_LOOK_AHEAD_CHARS as _LOOK_AHEAD
from geo.settings import PARTY_LOOK_BACK_CHARS as _LOOK_BACK

#: Words after an actor that make it the source of a report, not a party ("the army said",
#: "the ministry, in a statement, said", "Sudan's army spokesman ...").
_REPORTS = re.compile(
    r"(?:['’]s?)?(?:\s*,[^,.;]{1,60},)?\s+(?:also\s+|later\s+|has\s+|had\s+|have\s+|"
    r"on\s+\w+\s+)?(?:said|says|say|reported|reports|claimed|claims|told|tells|announced|"
    r"announces|stated|confirmed|confirms|added|adds|alleged|alleges|accused|accuses|"
    r"denied|denies|warned|warns|wrote|writes|posted|spokesm[ae]n|spokeswom[ae]n|"
    r"spokesperson|statement)\b", re.I)
#: Words before an actor that make it the source of a report ("according to the army").
_REPORTED_BY = re.compile(
    r"\b(?:according\s+to|spokesm[ae]n\s+for|spokeswom[ae]n\s+for|spokesperson\s+for|"
    r"statement\s+(?:by|from)|quoted|citing|cited)\s+(?:the\s+)?$", re.I)
#: A saying and the pronoun that makes its speaker the trigger's subject ("said it
#: repelled", "said that its fighters attacked").
_OWN_DEED = re.compile(r"\b(?:it|they|we|its|their|our)\s+(?:[\w\-]+\s+){0,3}$", re.I)
#: Words right before a trigger that make it passive ("were killed", "had been hit"; not
#: "are attacking").
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+)?$", re.I)
#: Words before an actor after the trigger that make it the doer ("hit by RSF drones").
_BY = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
#: Words before an actor after a passive trigger that make it the subject of the clause that
#: tells the cause ("were killed after Taliban attacked ..."): the doer.
_CAUSE_CLAUSE = re.compile(r"\b(?:after|when|as)\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$",
                           re.I)
#: Words after such an actor: a verb in the past ("attacked", "fighters stormed").
_ACTED = re.compile(r"(?:\s+(?:fighters|militants|gunmen|members|forces|troops|soldiers))?"
                    r"\s+(?:had\s+)?(?:[a-z]+ed|opened|launched|overran|shot|hit|struck|"
                    r"fired|blew|took|set)\b")
#: Words after a trigger that name both sides ("clashes between the army and the RSF").
_BETWEEN = re.compile(r"\W*(?:[\w\-]+\s+){0,2}?between\b", re.I)


def reporting(text: str, offset: int, mention: ActorMention) -> bool:
    """Whether ``mention`` (document offsets; ``text`` the sentence from ``offset``) is the
    source of a report in its sentence ("the army said", "according to the army")."""
    start, end = mention.start - offset, mention.end - offset
    return bool(_REPORTS.match(text, end, min(len(text), end + _LOOK_AHEAD))
                or _REPORTED_BY.search(text[max(0, start - _LOOK_BACK) : start]))


def parties(text: str, offset: int, position: int, mentions: Sequence[ActorMention]
            ) -> tuple[ActorMention | None, ActorMention | None]:
    """The doer and the one done to of the event whose trigger is at ``position``.

    Parameters
    ----------
    text
        The sentence.
    offset
        Where the sentence starts in the document (the mentions' offsets are the
        document's).
    position
        The trigger's offset in the sentence.
    mentions
        The actors that may take part, in text order.

    Returns
    -------
    tuple
        The first actor and the second, each ``None`` when the sentence names none.
    """
    at = offset + position
    reporters = [m for m in mentions if reporting(text, offset, m)]
    parts = [m for m in mentions if m not in reporters]
    before = [m for m in parts if m.start <= at]
    after = [m for m in parts if m.start > at]
    by = [m for m in after if _BY.search(text[max(0, m.start - offset - _LOOK_BACK)
                                              : m.start - offset])]
    word = _word(text, position)
    if _BETWEEN.match(text, position + len(word)) and len(after) >= 2 and not before:
        return after[0], after[1]  # "clashes between the army and the RSF"
    if not word.endswith("ing") and _PASSIVE.search(text[max(0, position - 30) : position]):
        # "two soldiers were killed by JNIM fighters": the subject is the one done to
        doers = by or [m for m in after if _CAUSE_CLAUSE.search(
            text[max(0, m.start - offset - _LOOK_BACK) : m.start - offset])
            and _ACTED.match(text, m.end - offset)][:1]
        doer = doers[0] if doers else None
        patient = before[-1] if before else next((m for m in after if m not in doers), None)
        return doer, (None if patient is not None and doer is not None
                      and patient.actor == doer.actor else patient)
    agent = before[-1] if before else None
    if agent is None:
        agent = by[0] if by else _speaker(text, offset, position, reporters)
    # no actor is done to by itself: its name again ("the Rapid Support Forces (RSF)") is not
    # the target
    target = next((m for m in after if m not in by
                   and (agent is None or m.actor != agent.actor)), None)
    return agent, target


def _speaker(text: str, offset: int, position: int, reporters: Sequence[ActorMention]
             ) -> ActorMention | None:
    """The reporter nearest before the trigger when the trigger's subject is a pronoun for
    it ("the RSF said its fighters attacked"), else ``None``."""
    told = [m for m in reporters if m.end - offset <= position]
    if told and _OWN_DEED.search(text[told[-1].end - offset : position]):
        return told[-1]
    return None


def _word(text: str, position: int) -> str:
    """The word at ``position`` of ``text``."""
    match = re.match(r"[\w’'\-]+", text[position:])
    return match.group() if match else ""
