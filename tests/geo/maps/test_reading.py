"""The reading pane's HTML: mentions and event sentences marked, every text escaped."""

from __future__ import annotations

import re
from dataclasses import replace

from gazetteer import FeatureClass, Place
from geo.maps.reading import EventSpan, MentionSpan, article_html, mention_place, mentions_event
from geo.model import MentionKind, Role
from geo.parse.resolve import Resolved
from geo.parse.toponyms import Mention
from tests.geo.factories import idlib_strike

HOSTILE = "<script>alert(1)</script> {{7*7}} <img src=x onerror=alert(2)>"


def visible(markup: str) -> str:
    """The text a browser shows (tags dropped, entities read back)."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_hostile_article_text_shows_as_text() -> None:
    text = f"Russian jets struck Saraqib. {HOSTILE} Families fled."
    start = text.index("Saraqib")
    markup = article_html(
        text,
        [MentionSpan(start, start + 7, 1, 'Saraqib "<b>" (SY)')],
        [EventSpan(0, text.index(" Families"), "strike", "Strike <i>, 2020")],
    )
    assert "<script" not in markup
    assert "<img" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&lt;img src=x onerror=alert(2)&gt;" in markup
    assert "{{7*7}}" in markup and "49" not in markup
    assert '"<b>"' not in markup and "&quot;&lt;b&gt;&quot;" in markup
    assert visible(markup).replace("1", "", 1).startswith("Russian jets struck Saraqib")
    assert HOSTILE in visible(markup)


def test_mentions_are_numbered_and_events_tinted() -> None:
    text = "Turkish troops moved from Hatay to Idlib. Talks in Moscow."
    hatay, idlib = text.index("Hatay"), text.index("Idlib")
    markup = article_html(
        text,
        [MentionSpan(hatay, hatay + 5, 1, "Hatay (TR)"), MentionSpan(idlib, idlib + 5, 2, "")],
        [EventSpan(0, text.index(".") + 1, "troop_movement", "Troop movements, 2020-02-27")],
        selected_mention=idlib,
        selected_event=(0, text.index(".") + 1),
    )
    assert markup.count('class="cm-mention"') == 2
    assert 'title="Hatay (TR)"' in markup
    assert 'title="not resolved to a place"' in markup
    assert "cm-selected" in markup
    assert "#ff00aa" in markup  # the selected mention is outlined
    assert "Moscow" in markup and markup.index("Moscow") > markup.rindex("</mark>")
    assert visible(markup) == text.replace("Hatay", "Hatay1").replace("Idlib", "Idlib2")


def test_spans_outside_the_text_and_overlaps_are_safe() -> None:
    text = "Idlib."
    markup = article_html(
        text, [MentionSpan(0, 5, 1, "a"), MentionSpan(2, 4, 2, "b"), MentionSpan(9, 12, 3)],
        [EventSpan(-4, 99, "strike"), EventSpan(0, 6, "diplomacy")],
    )
    assert visible(markup) == "Idlib1."
    assert markup.count("cm-mention") == 1


def test_a_picked_mention_selects_the_event_that_places_it_else_the_one_around_it() -> None:
    strike = idlib_strike(start=0, end=60)
    placed = replace(strike.locations[0], start=30, end=35)
    placing = replace(idlib_strike("placing", start=100, end=160), locations=(placed,))
    events = [strike, placing]
    assert mentions_event(events, 30) is placing  # its place, though outside its sentence
    assert mentions_event(events, 10) is strike
    assert mentions_event(events, 70) is None


def test_a_placed_mention_gives_the_map_a_place_to_focus_and_an_unplaced_one_does_not() -> None:
    homs = Place("t:homs", "Homs", FeatureClass.CITY, "SY", 34.7268, 36.7234)
    mention = Mention(12, 16, "Homs", MentionKind.TOPONYM, 0, ())
    where = mention_place(Resolved(mention, homs, 0.9, ()))
    assert where is not None
    assert (where.name, where.role, where.start, where.end, where.mention) == (
        "Homs", Role.LOCATION, 12, 16, "Homs")
    assert mention_place(Resolved(mention, None, 0.0, ())) is None
