"""Tests of ``geo.parse.runs``: runs of capitalised words and tokens read by position."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from geo.parse.runs import (
    Run,
    direction_start,
    run_pattern,
    starts_capitalised,
    token_at,
    token_before,
)
from geo.parse.text import split_sentences, tokenize
from tests.conftest import SHARED

TEXTS = [
    "Turkish troops moved into northwestern Syria's Idlib province on Thursday, officials said.",
    "Mr. Erdogan told the U.S. envoy in Washington, D.C. that 1,250.5 troops (roughly) would stay.",
    "O'Brien's men reached Côte d'Ivoire — and Guinea-Bissau — via \"Trinidad & Tobago\".",
    "Ships sailed past  the  Bosphorus;the frigates' crews waved at İstanbul’s shore!",
    "It's 3rd-rate: x.y.Z. W.Va. ran_out, ‘quoted’ «Ελλάδα» naïve café 42nd St.",
]


def _texts() -> list[str]:
    texts = list(TEXTS)
    seeds = SHARED / "seeds"
    if seeds.exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir())]
    return texts


@pytest.mark.parametrize("text", _texts())
def test_tokens_read_by_position_are_the_tokenisers_tokens(text: str) -> None:
    for sentence in split_sentences(text):
        lo, hi = sentence.start, sentence.end
        tokens = tokenize(text[lo:hi], lo)
        for k, token in enumerate(tokens):
            # From the end of one token, the next one; from the start of one, the one before.
            previous_end = tokens[k - 1].end if k else lo
            assert token_at(text, previous_end, hi) == token
            assert token_before(text, lo, token.start) == (tokens[k - 1] if k else None)
        assert token_at(text, tokens[-1].end if tokens else lo, hi) is None


def _runs(text: str) -> list[tuple[str, str | None]]:
    out = []
    for match in run_pattern().finditer(text):
        start = direction_start(text, 0, match.start())
        out.append((text[start : match.end()], match["tail"]))
    return out


def test_runs_hold_connectors_and_joiners_and_start_at_direction_words() -> None:
    assert _runs("They fled northwestern Syria for Bosnia and Herzegovina.") == [
        ("They", None), ("northwestern Syria", None), ("Bosnia and Herzegovina", None)]
    # One run from the first capital to the last: names are tried from each capital in it.
    assert _runs("troops in Guinea-Bissau and the Strait of Hormuz now") == [
        ("Guinea-Bissau and the Strait of Hormuz", None)]


def test_a_generic_word_after_a_run_is_its_tail() -> None:
    assert _runs("shelling in Idlib province and the Syrian coast's ports") == [
        ("Idlib", "province"), ("Syrian", "coast's")]
    assert _runs("the Idlib provinces") == [("Idlib", None)]


def test_runs_do_not_start_inside_words_or_after_apostrophes() -> None:
    assert _runs("eBay and iPhone sales in McAllen") == [("McAllen", None)]
    assert _runs("rock 'n' 'Roll") == []


@pytest.mark.parametrize("run", [
    "Idlib", "Recep Tayyip Erdogan", "New  York", "Guinea-Bissau", "U.S. Navy", "Syria's",
    "İstanbul", "Côte d'Ivoire", "O'Brien", "Trinidad & Tobago", "Fort\nWorth", "A B"])
def test_run_tokens_are_the_tokenisers_tokens(run: str) -> None:
    text = f"in {run} today"
    assert Run(text, 3, 3 + len(run), None).tokens == tokenize(run, 3)


def test_a_capital_starts_a_word_only_outside_a_word() -> None:
    assert starts_capitalised("Idlib", 0) and starts_capitalised("in Çanakkale", 3)
    assert starts_capitalised("«Ελλάδα»", 1) and starts_capitalised("(İstanbul)", 1)
    assert not starts_capitalised("über", 0)  # any letter past ASCII may start a run: not a capital
    assert not starts_capitalised("3Rd", 1) and not starts_capitalised("O'Brien", 2)
    assert not starts_capitalised("rock 'Roll", 6) and not starts_capitalised("x_Y", 2)


def test_words_beyond_ascii_that_are_not_capitalised_start_no_name(gazetteer: Gazetteer) -> None:
    from geo.parse.geoparse import Geoparser

    parser = Geoparser(gazetteer)
    found = parser.geoparse("Truppen zogen über Idlib nach Ankara; élan in Çanakkale.")
    assert [t.name for t in found] == ["Idlib", "Ankara", "Çanakkale"]


def test_a_generic_word_that_frames_the_next_name_is_no_tail() -> None:
    # "state" says what Qatar is, not that "Gulf state" is a name
    assert _runs("hosted by the Gulf state of Qatar") == [("Gulf", None), ("Qatar", None)]
    assert _runs("shelling in Idlib province on Monday") == [("Idlib", "province"), ("Monday", None)]


def test_an_arabic_article_joined_by_a_hyphen_stays_inside_the_run() -> None:
    assert _runs("fighting around Deir ez-Zor and Jisr ash-Shughur went on") == [
        ("Deir ez-Zor and Jisr ash-Shughur", None)]
    # the same short words standing alone are English words, outside any name
    assert _runs("Mosul as Raqqa fell") == [("Mosul", None), ("Raqqa", None)]
