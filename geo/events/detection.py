"""Event triggers of a sentence, found by the token classifier learned from the annotated
news sentences' event verbs."""

from __future__ import annotations

from dataclasses import dataclass

from geo.events.features import SentenceTokens, token_parts
from geo.events.linear import LinearModel
from geo.settings import MIN_TRIGGER_CHARS


def is_trigger_token(text: str) -> bool:
    """Whether a token is a word the detector scores (punctuation and numbers are not)."""
    return len(text) >= MIN_TRIGGER_CHARS and text[:1].isalpha()


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that reports an event.

    Parameters
    ----------
    index
        Token index in its sentence.
    start, end
        Character offsets in the document.
    text
        The word as written.
    stem
        Its lemma-ish stem.
    probability
        The detector's probability.
    """

    index: int
    start: int
    end: int
    text: str
    stem: str
    probability: float


def score_tokens(sent: SentenceTokens, model: LinearModel,
                 vocabulary: frozenset[str] | None = None) -> list[Trigger]:
    """The words of a sentence that may be triggers (of ``vocabulary``'s stems when given),
    with their probabilities, in text order."""
    return [Trigger(i, tok.start, tok.end, tok.text, sent.stems[i],
                    model.probability_of(*token_parts(sent, i)))
            for i, tok in enumerate(sent.tokens)
            if (vocabulary is None or sent.stems[i] in vocabulary) and is_trigger_token(tok.text)]


def detect(sent: SentenceTokens, model: LinearModel,
           vocabulary: frozenset[str] | None = None) -> list[Trigger]:
    """Triggers of a sentence (probability at the model's threshold or over), in text order."""
    return [t for t in score_tokens(sent, model, vocabulary) if t.probability >= model.threshold]
