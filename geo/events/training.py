"""Annotated news sentences for training and scoring the event models: reading, the fixed
held-out split, and the examples of the trigger detector and the place linker.

The data is Halterman's (2019) event_location set (MIT licence): news sentences with their
``event_verb`` and ``event_location`` spans. A fifth of it, chosen by a hash of the sentence's
text (:func:`fold_of`), is held out: never trained or tuned on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.events.candidates import Candidate, candidates
from geo.events.detection import is_trigger_token
from geo.events.features import SentenceTokens, pair_features, token_features
from geo.parse.resolve import Resolved
from geo.parse.text import split_sentences, tokenize

#: Number of folds; fold :data:`HELD_OUT_FOLD` is held out, :data:`VALIDATION_FOLD` tunes.
FOLDS = 5
HELD_OUT_FOLD = 0
VALIDATION_FOLD = 1


@dataclass(frozen=True, slots=True)
class Annotated:
    """One annotated sentence.

    Parameters
    ----------
    id
        The data's sentence id, as text.
    text
        The sentence.
    verbs
        Character spans of its event verbs.
    locations
        Character spans of the places where the event happened.
    """

    id: str
    text: str
    verbs: tuple[tuple[int, int], ...]
    locations: tuple[tuple[int, int], ...]


def split_key(text: str) -> str:
    """What decides a sentence's fold: its words, lower-cased, single-spaced. The data holds
    the same sentence under several ids (and one id over several sentences), so the text, not
    the id, keeps every copy of a sentence on one side of the split."""
    return " ".join(text.casefold().split())


def fold_of(text: str) -> int:
    """The fold of a sentence: a hash of :func:`split_key`, so that the split never changes."""
    digest = hashlib.sha256(split_key(text).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % FOLDS


def is_held_out(text: str) -> bool:
    """Whether a sentence is in the held-out fifth."""
    return fold_of(text) == HELD_OUT_FOLD


def read_annotated(path: Path) -> list[Annotated]:
    """Sentences of an event_location JSONL file that mark an event verb."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            if not row.get("event_verb"):
                continue
            out.append(Annotated(
                str(row["id"]), row["text"],
                tuple((int(v["start"]), int(v["end"])) for v in row["event_verb"]),
                tuple((int(g["start"]), int(g["end"])) for g in row["event_location"]
                      if g["end"] > g["start"])))
    return out


def write_jsonl(source: Path, path: Path, fold: int = HELD_OUT_FOLD) -> int:
    """Copy the lines of ``source`` in ``fold`` to ``path`` (for the scorer); the number of
    lines written."""
    n = 0
    with source.open(encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        for line in f:
            if line.strip() and fold_of(json.loads(line)["text"]) == fold:
                out.write(line if line.endswith("\n") else line + "\n")
                n += 1
    return n


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


@dataclass(frozen=True, slots=True)
class PairGroup:
    """The linker's examples of one trigger of a sentence: a (trigger, candidate) pair for
    each candidate of the sentence.

    Parameters
    ----------
    sent
        The sentence's tokens.
    trigger
        Token index of the trigger.
    candidates
        The sentence's candidates, in text order.
    features
        Features of each pair.
    labels
        Whether each candidate is a gold place.
    """

    sent: SentenceTokens
    trigger: int
    candidates: tuple[Candidate, ...]
    features: tuple[list[str], ...]
    labels: tuple[bool, ...]

    @property
    def pairs(self) -> list[tuple[list[str], bool]]:
        """(features, label) of each pair."""
        return list(zip(self.features, self.labels, strict=True))


def pair_group(sent: SentenceTokens, trigger: int, found: Sequence[Candidate],
               locations: Sequence[tuple[int, int]]) -> PairGroup:
    """The pairs of token ``trigger`` with the candidates ``found``, labelled by the gold
    ``locations``."""
    spans = [c.span for c in found]
    return PairGroup(sent, trigger, tuple(found),
                     tuple(pair_features(sent, trigger, c.span, spans) for c in found),
                     tuple(_overlaps(c.start, c.end, locations) for c in found))


@dataclass(frozen=True, slots=True)
class SentenceExamples:
    """The examples of one annotated sentence.

    Parameters
    ----------
    tokens
        Features of each token that may be a trigger, and whether it is one.
    groups
        The linker's examples with the gold trigger.
    gold_places
        Number of gold place spans (for recall: some have no candidate).
    """

    tokens: tuple[tuple[list[str], bool], ...]
    groups: tuple[PairGroup, ...]
    gold_places: int

    @property
    def pairs(self) -> list[tuple[list[str], bool]]:
        """(features, label) of each pair with the gold trigger."""
        return [p for g in self.groups for p in g.pairs]

    @property
    def candidates(self) -> list[Candidate]:
        """The candidates of :attr:`pairs`, in order."""
        return [c for g in self.groups for c in g.candidates]


def _sentence_mentions(sentence_start: int, sentence_end: int, resolved: Sequence[Resolved]
                       ) -> list[Resolved]:
    return [r for r in resolved
            if sentence_start <= r.mention.start and r.mention.end <= sentence_end]


def sentence_examples(row: Annotated, resolved: Sequence[Resolved]) -> SentenceExamples:
    """Detector and linker examples of one annotated sentence, built as at run time: the
    text split into sentences, the linker's candidates taken from the trigger's sentence."""
    tokens: list[tuple[list[str], bool]] = []
    groups: list[PairGroup] = []
    for sentence in split_sentences(row.text):
        sent = SentenceTokens.of(tokenize(sentence.text, sentence.start))
        for i, tok in enumerate(sent.tokens):
            if is_trigger_token(tok.text):
                tokens.append((token_features(sent, i), _overlaps(tok.start, tok.end, row.verbs)))
        gold = [i for i, t in enumerate(sent.tokens) if _overlaps(t.start, t.end, row.verbs)]
        if not gold:
            continue
        found = candidates(sent, _sentence_mentions(sentence.start, sentence.end, resolved),
                           row.text)
        groups.append(pair_group(sent, gold[0], found, row.locations))
    return SentenceExamples(tuple(tokens), tuple(groups), len(row.locations))


def span_scores(predicted: Iterator[tuple[Annotated, set[tuple[int, int]]]]
                ) -> dict[str, float]:
    """Precision, recall and F1 of predicted place spans against the gold ones, counted as
    ``../shared/eval/event_location.py`` counts them (a span hits when it overlaps)."""
    tp = fp = fn = 0
    for row, spans in predicted:
        hit_gold = sum(1 for g in row.locations if _overlaps(*g, list(spans)))
        hit_pred = sum(1 for p in spans if _overlaps(*p, row.locations))
        tp += hit_gold
        fn += len(row.locations) - hit_gold
        fp += len(spans) - hit_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3)}
