"""The Streamlit app, driven headless by ``streamlit.testing.v1.AppTest``.

These run the real pipeline on the bundled sample corpus, so they need the full gazetteer
(built on first use by the session fixture ``gazetteer``, before any app timeout starts).
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from gazetteer import Gazetteer
from geo.maps.folium_map import HIGHLIGHT_COLOUR
from geo.maps.live import COMPONENT_NAME, frontend_dir
from geo.pipeline import Pipeline, load_sample_corpus

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
TIMEOUT = 120


class _RecordingMediaFileManager(MediaFileManager):
    """Keeps every manager AppTest creates, so the tests can read download bytes back."""

    made: list[MediaFileManager] = []  # noqa: RUF012 - shared record, on purpose

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.made.append(self)


@pytest.fixture()
def corrections_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh corrections file for the app, through ``CONFLICTMAP_CORRECTIONS``."""
    path = tmp_path / "corrections.json"
    monkeypatch.setenv("CONFLICTMAP_CORRECTIONS", str(path))
    monkeypatch.setenv("CONFLICTMAP_REVIEWS", str(tmp_path / "reviews.json"))
    monkeypatch.setenv("CONFLICTMAP_SAMPLE_RESULTS", str(tmp_path / "sample_results.pickle"))
    return path


@pytest.fixture()
def app(gazetteer: Gazetteer, corrections_file: Path) -> Iterator[AppTest]:
    """The app after its first run on the sample corpus."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    yield at


def events_table(at: AppTest) -> Any:
    """The events table (the feed and the candidates are dataframes too)."""
    tables = [d for d in at.dataframe if (d.key or "").startswith("events_table")]
    assert len(tables) == 1, [d.key for d in at.dataframe]
    return tables[0]


def table_rows(at: AppTest) -> int:
    """Rows of the events table."""
    return len(events_table(at).value)


def map_args(at: AppTest) -> dict[str, Any]:
    """The arguments of the live map on the last run (geo.maps.live)."""
    maps = [c for c in at.get("component_instance")
            if c.proto.component_name == f"geo.maps.live.{COMPONENT_NAME}"]
    assert len(maps) == 1, "expected one live map"
    args: dict[str, Any] = json.loads(maps[0].proto.json_args)
    return args


def map_text(at: AppTest) -> str:
    """The batch's features as the browser fetches them (the file the map was pointed at)."""
    folder = frontend_dir()
    assert folder is not None, "the local copies of Leaflet are installed"
    return (folder / map_args(at)["data"]).read_text(encoding="utf-8")


def shown_on_map(at: AppTest) -> set[str]:
    """Ids of the events the map shows: its features that the filters keep."""
    shown = map_args(at)["shown"]
    return {f["id"] for f in json.loads(map_text(at))["features"]
            if shown[f["properties"]["k"]] == "1"}


def test_loads_with_sample_map_and_table(app: AppTest) -> None:
    assert not app.error, [e.value for e in app.error]
    data = json.loads(map_text(app))
    assert "Troop movements" in [layer["label"] for layer in data["layers"]]
    drawn = {f["id"] for f in data["features"]}
    assert shown_on_map(app) == set(events_table(app).value["event_id"]) & drawn
    assert len(shown_on_map(app)) > 10 and map_args(app)["focus"] is None
    assert table_rows(app) > 0
    columns = list(events_table(app).value.columns)
    for column in ("date", "layer", "actors", "places", "evidence", "source", "confidence"):
        assert column in columns
    assert len(app.get("vega_lite_chart")) == 1, "the timeline chart is drawn"


def test_filters_narrow_the_table(app: AppTest) -> None:
    table = events_table(app).value
    before = len(table)
    layers = sorted(set(table["layer"]))
    assert len(layers) > 1, "the sample corpus spans several layers"

    app.multiselect(key="f_layers").set_value([layers[0]]).run()
    assert not app.exception
    narrowed = events_table(app).value
    assert 0 < len(narrowed) < before
    assert set(narrowed["layer"]) == {layers[0]}
    data = json.loads(map_text(app))
    assert len({f["properties"]["layer"] for f in data["features"]}) > 1, "all sent once"
    assert shown_on_map(app) == set(narrowed["event_id"]) & {f["id"] for f in data["features"]}

    app.multiselect(key="f_layers").set_value(sorted(set(table["layer"]))).run()
    assert table_rows(app) == before
    top = float(table["confidence"].max())
    low = float(table["confidence"].min())
    threshold = top if top > low else min(1.0, top + 0.05)
    app.slider(key="f_conf").set_value(threshold).run()
    assert not app.exception
    kept = events_table(app).value
    assert len(kept) < before
    assert (kept["confidence"] >= threshold - 1e-9).all()


def _mention_with_alternative() -> tuple[str, int, int, str, str]:
    """A sample mention whose resolution has a runner-up: doc id, span, text, other place id."""
    pipeline = Pipeline()
    for doc in load_sample_corpus():
        for r in pipeline.process_document(doc).resolved:
            current = r.place.place_id if r.place is not None else None
            others = [c.place for c in r.alternatives if c.place.place_id != current]
            if r.place is not None and others:
                return doc.id, r.mention.start, r.mention.end, r.mention.text, others[0].place_id
    pytest.skip("no sample mention has an alternative reading")


def test_correcting_a_mention_is_saved_and_applied(
    app: AppTest, corrections_file: Path, gazetteer: Gazetteer
) -> None:
    doc_id, start, end, text, other = _mention_with_alternative()
    span = f"{start}:{end}"
    app.selectbox(key="fix_doc").set_value(doc_id).run()
    app.selectbox(key=f"fix_mention:{doc_id}").set_value(span).run()
    app.selectbox(key=f"fix_choice:{doc_id}:{span}").set_value(other).run()
    app.button(key="fix_save").click().run()
    assert not app.exception, [e.value for e in app.exception]

    saved = json.loads(corrections_file.read_text(encoding="utf-8"))["corrections"]
    assert {"doc_id": doc_id, "start": start, "end": end, "mention": text,
            "place_id": other} in saved
    assert any("Saved" in s.value for s in app.success)

    # a later run (the one st.rerun started, and the next) reads the file and applies it
    app.run()
    mention = app.selectbox(key=f"fix_mention:{doc_id}")
    assert mention.value == span
    name = gazetteer.get(other).name
    label = mention.options[mention.index or 0]
    assert f"→ {name} (score 1.00)" in label, label
    assert any("corrected by hand" in m.value for m in app.markdown)


def test_none_of_these_is_saved(app: AppTest, corrections_file: Path) -> None:
    doc_id, start, end, _, _ = _mention_with_alternative()
    span = f"{start}:{end}"
    app.selectbox(key="fix_doc").set_value(doc_id).run()
    app.selectbox(key=f"fix_mention:{doc_id}").set_value(span).run()
    app.selectbox(key=f"fix_choice:{doc_id}:{span}").set_value("__none__").run()
    app.button(key="fix_save").click().run()
    saved = json.loads(corrections_file.read_text(encoding="utf-8"))["corrections"]
    assert [c["place_id"] for c in saved if c["start"] == start] == [None]
    mention = app.selectbox(key=f"fix_mention:{doc_id}")
    assert "→ none (score 1.00)" in mention.options[mention.index or 0]


def test_a_searched_place_can_be_chosen(
    app: AppTest, corrections_file: Path, gazetteer: Gazetteer
) -> None:
    doc_id, start, end, _, _ = _mention_with_alternative()
    span = f"{start}:{end}"
    wanted = gazetteer.candidates("Brussels", limit=10)[0].place
    app.selectbox(key="fix_doc").set_value(doc_id).run()
    app.selectbox(key=f"fix_mention:{doc_id}").set_value(span).run()
    app.text_input(key=f"fix_search:{doc_id}:{span}").input("Brussels").run()
    app.selectbox(key=f"fix_choice:{doc_id}:{span}").set_value(wanted.place_id).run()
    app.button(key="fix_save").click().run()
    assert not app.exception, [e.value for e in app.exception]
    saved = json.loads(corrections_file.read_text(encoding="utf-8"))["corrections"]
    assert [c["place_id"] for c in saved if c["start"] == start] == [wanted.place_id]
    mention = app.selectbox(key=f"fix_mention:{doc_id}")
    assert f"→ {wanted.name} (score 1.00)" in mention.options[mention.index or 0]


def test_downloads_exist_and_carry_data(
    gazetteer: Gazetteer, corrections_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit.testing.v1.app_test as app_test_module

    _RecordingMediaFileManager.made.clear()
    monkeypatch.setattr(app_test_module, "MediaFileManager", _RecordingMediaFileManager)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    manager = _RecordingMediaFileManager.made[-1]
    buttons = {b.label: b for b in at.download_button}
    for label in ("Map (HTML)", "GeoJSON (all layers)", "GeoPackage", "CSV"):
        assert label in buttons, sorted(buttons)
    assert len(buttons) > 4, "one GeoJSON button per layer that has events"

    def data(label: str) -> bytes:
        proto = buttons[label].proto
        url = proto.url or manager.execute_deferred(proto.deferred_file_id)
        file_id = url.rsplit("/", 1)[-1].split(".", 1)[0]
        stored = manager.read_file(file_id)
        assert stored is not None, label
        return bytes(stored.content)

    for label in buttons:
        assert data(label), f"{label}: empty download"
    assert b"leaflet" in data("Map (HTML)").lower()
    assert json.loads(data("GeoJSON (all layers)"))["type"] == "FeatureCollection"
    assert data("GeoPackage").startswith(b"SQLite format 3")
    assert data("CSV").splitlines()[0].startswith(b"event_id")


def test_selecting_an_event_highlights_it(app: AppTest) -> None:
    first = events_table(app).value.iloc[0]
    key = events_table(app).key
    assert key is not None and key.startswith("events_table")
    app.session_state[key] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    assert not app.exception
    focus = map_args(app)["focus"]
    assert focus and all(len(p) == 2 for p in focus), "the map zooms to its places"
    assert any(str(first["evidence"])[:20] in m.value.replace("\\", "") for m in app.markdown)


def test_bad_upload_is_named_and_the_others_load(app: AppTest) -> None:
    before = len(events_table(app).value)
    good = (
        b"On Monday Turkish troops moved from Hatay to Idlib, the defence ministry said.\n"
        b"Russian jets struck Saraqeb on Tuesday, killing 12 people."
    )
    app.file_uploader(key="uploads").set_value([
        ("dispatch.txt", good, "text/plain"),
        ("broken.json", b"{not json", "application/json"),
    ])
    submit = [b for b in app.button if b.label == "Process"]
    assert submit, [b.label for b in app.button]
    submit[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    errors = [e.value.replace("\\", "") for e in app.error]  # markdown-escaped
    assert any("broken.json" in e for e in errors), errors
    assert len(events_table(app).value) > before
    docs = app.selectbox(key="fix_doc").options
    assert any("dispatch" in str(o) for o in docs)


def test_sample_toggle_excludes_the_sample(app: AppTest) -> None:
    app.toggle(key="include_sample").set_value(False).run()
    assert not app.exception
    assert table_rows(app) == 0
    assert "1" not in map_args(app)["shown"] and not shown_on_map(app)


def test_template_syntax_in_a_pasted_article_shows_literally(app: AppTest) -> None:
    payload = "{{7*7}} {{ lipsum.__globals__.os.popen('echo PWNED-$((6*7))').read() }} {% raw %}"
    app.text_input(key="paste_title").set_value(f"Shelling {payload}")
    app.text_area(key="paste_text").set_value(
        f"Russian jets struck Saraqeb on Tuesday, killing 12 people ({payload})."
    )
    next(b for b in app.button if b.label == "Process").click().run()
    assert not app.exception, [e.value for e in app.exception]
    evidence = list(events_table(app).value["evidence"])
    assert any(payload in str(e) for e in evidence), evidence
    script = map_text(app)
    assert "PWNED-42" not in script
    assert "{{7*7}}" in script


def test_an_upload_in_cp1252_is_read_and_its_encoding_shown(app: AppTest) -> None:
    text = ("Les frégates russes ont traversé le Bosphore vers Tartous, a dit l’agence "
            "« Anadolu ».")
    app.file_uploader(key="uploads").set_value([("dépêche.txt", text.encode("cp1252"),
                                                 "text/plain")])
    next(b for b in app.button if b.label == "Process").click().run()
    assert not app.exception, [e.value for e in app.exception]
    notes = [i.value.replace("\\", "") for i in app.info]
    assert any("cp1252" in n and "dépêche.txt" in n for n in notes), notes
    assert not app.error


def test_a_rejected_event_leaves_the_table_the_map_and_comes_back_on_undo(
    app: AppTest, corrections_file: Path
) -> None:
    before = events_table(app).value
    first = before.iloc[0]
    app.session_state[events_table(app).key] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    next(b for b in app.button if b.label == "Reject").click().run()
    assert not app.exception, [e.value for e in app.exception]
    reviews = json.loads((corrections_file.parent / "reviews.json").read_text())["reviews"]
    assert [r["decision"] for r in reviews] == ["reject"]
    after = events_table(app).value
    assert len(after) == len(before) - 1
    assert first["event_id"] not in set(after["event_id"])
    assert first["event_id"] not in map_text(app)
    next(b for b in app.button if b.key == f"rv_undo:{first['event_id']}").click().run()
    assert len(events_table(app).value) == len(before)


def test_an_edited_date_shows_in_the_table(app: AppTest, corrections_file: Path) -> None:
    app.session_state[events_table(app).key] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    event_id = events_table(app).value.iloc[0]["event_id"]
    date_box = next(t for t in app.text_input if t.label == "Date (YYYY-MM-DD)")
    date_box.set_value("2020-01-15")
    next(b for b in app.button if b.label == "Save the edit").click().run()
    assert not app.exception, [e.value for e in app.exception]
    table = events_table(app).value
    row = table[table["event_id"] == event_id].iloc[0]
    assert row["date"] == "2020-01-15"


def keyed(at: AppTest, event_id: str, kind: str, name: str) -> Any:
    """The review widget ``name`` of an event (its key also names the event's places)."""
    return next(w for w in getattr(at, kind) if (w.key or "").startswith(f"{name}:{event_id}:"))


def test_an_events_places_and_roles_are_edited_and_applied(
    app: AppTest, corrections_file: Path
) -> None:
    app.session_state[events_table(app).key] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    row = events_table(app).value.iloc[0]
    event_id = row["event_id"]
    first_role, first_name = str(row["places"]).split("; ")[0].split(": ", 1)
    widget = functools.partial(keyed, app, event_id)
    widget("text_input", "rv_search").set_value("Kilis").run()
    assert not app.exception, [e.value for e in app.exception]
    adding = widget("selectbox", "rv_new")
    assert any("Kilis" in str(o) for o in adding.options), adding.options
    adding.select_index(next(k for k, o in enumerate(adding.options) if "Kilis" in str(o)))
    widget("selectbox", "rv_new_role").set_value("target")
    role = next(s for s in app.selectbox if (s.key or "").startswith(f"rv_role:{event_id}:")
                and s.key.endswith(":0"))
    new_role = "via" if first_role != "via" else "venue"
    role.set_value(new_role)
    next(b for b in app.button if b.label == "Save the places").click().run()
    assert not app.exception, [e.value for e in app.exception]

    saved = json.loads((corrections_file.parent / "reviews.json").read_text())["reviews"]
    (review,) = [r for r in saved if r["event_id"] == event_id]
    places = review["changes"]["locations"]
    assert (places[0]["role"], places[0]["name"]) == (new_role, first_name)
    assert (places[-1]["role"], places[-1]["name"]) == ("target", "Kilis")
    table = events_table(app).value
    shown = str(table[table["event_id"] == event_id].iloc[0]["places"])
    assert shown.startswith(f"{new_role}: {first_name}") and shown.endswith("target: Kilis")
    feature = next(f for f in json.loads(map_text(app))["features"] if f["id"] == event_id)
    assert "Kilis" in feature["properties"]["places"], "the map draws the edited places"

    # remove the added place again: the earlier role change stays
    drop = next(c for c in app.checkbox if (c.key or "").startswith(f"rv_drop:{event_id}:")
                and c.key.endswith(f":{len(places) - 1}"))
    drop.check()
    next(b for b in app.button if b.label == "Save the places").click().run()
    table = events_table(app).value
    shown = str(table[table["event_id"] == event_id].iloc[0]["places"])
    assert "Kilis" not in shown and shown.startswith(f"{new_role}: {first_name}")


# ----------------------------------------------------------------- reading pane and feed
def article(at: AppTest) -> str:
    """The reading pane's HTML."""
    panes = [h.proto.body for h in at.html if "cm-article" in h.proto.body]
    assert len(panes) == 1, "one reading pane"
    return str(panes[0])


def feed(at: AppTest) -> Any:
    """The event feed."""
    return next(d for d in at.dataframe if (d.key or "").startswith("feed:"))


def test_the_reading_pane_marks_mentions_and_shows_a_mentions_candidates(app: AppTest) -> None:
    doc_id, start, end, _, other = _mention_with_alternative()
    app.selectbox(key="fix_doc").set_value(doc_id).run()
    pane = article(app)
    assert 'class="cm-mention"' in pane and 'class="cm-event' in pane
    span = f"{start}:{end}"
    app.selectbox(key=f"fix_mention:{doc_id}").set_value(span).run()
    assert not app.exception, [e.value for e in app.exception]
    candidates = next(d.value for d in app.dataframe if "how" in d.value.columns)
    assert other in set(candidates["id"]), candidates
    assert candidates["how"].iloc[0] == "current"
    assert "outline: 2px solid #ff00aa" in article(app), "the picked mention is outlined"
    # the picked mention zooms the map to its place
    assert map_args(app)["focus"]


def test_the_reading_pane_opens_the_article_just_brought_in(app: AppTest) -> None:
    assert "Quayside" not in str(app.selectbox(key="fix_doc").value)
    app.text_input(key="paste_title").set_value("Quayside report")
    app.text_area(key="paste_text").set_value(
        "Two frigates left Tartus for the Aegean on Monday, the navy said.")
    next(b for b in app.button if b.label == "Process").click().run()
    assert not app.exception, [e.value for e in app.exception]
    chosen = app.selectbox(key="fix_doc")
    pasted = next(o for o in chosen.options if "Quayside" in str(o))
    assert chosen.value == pasted.rsplit("[", 1)[1].rstrip("]")
    assert "Two frigates left" in article(app)


def test_hostile_article_text_shows_as_text_in_the_reading_pane(app: AppTest) -> None:
    hostile = "<script>alert(1)</script> {{7*7}} <img src=x onerror=alert(2)>"
    app.text_input(key="paste_title").set_value("Hostile")
    app.text_area(key="paste_text").set_value(
        f"Russian jets struck Saraqeb on Tuesday, killing 12 people. {hostile}")
    next(b for b in app.button if b.label == "Process").click().run()
    pasted = next(o for o in app.selectbox(key="fix_doc").options if "Hostile" in str(o))
    doc_id = pasted.rsplit("[", 1)[1].rstrip("]")
    app.selectbox(key="fix_doc").set_value(doc_id).run()
    assert not app.exception, [e.value for e in app.exception]
    pane = article(app)
    assert "<script" not in pane and "<img" not in pane
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pane
    assert "&lt;img src=x onerror=alert(2)&gt;" in pane
    assert "{{7*7}}" in pane


def test_the_feed_is_time_ordered_and_selects_an_event(app: AppTest) -> None:
    dates = [d for d in feed(app).value["date"] if d != "undated"]
    assert dates == sorted(dates, reverse=True), "newest first by default"
    app.segmented_control(key="feed_order").set_value("Oldest first").run()
    dates = [d for d in feed(app).value["date"] if d != "undated"]
    assert dates == sorted(dates)
    assert map_args(app)["focus"] is None

    row = feed(app).value.iloc[2]
    app.session_state[feed(app).key] = {"selection": {"rows": [2], "columns": []}}
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert map_args(app)["focus"]
    pane = article(app)
    assert "cm-selected" in pane, "the pane opens the event's article, its sentence marked"
    tail = pane[pane.index("cm-selected"):]
    words = html.unescape(re.sub(r"<sup[^>]*>\d+</sup>|<[^>]+>", "", tail))
    assert str(row["what"])[:30] in " ".join(words.split())
    assert any("Review this event" in m.value for m in app.markdown)


def test_the_last_pick_wins_between_table_and_feed(app: AppTest) -> None:
    app.session_state[events_table(app).key] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    first = map_args(app)["focus"]
    picked = events_table(app).value.iloc[0]["event_id"]
    feed_frame = feed(app).value
    evidence = str(events_table(app).value.iloc[0]["evidence"])
    other = next(k for k in range(len(feed_frame))
                 if str(feed_frame.iloc[k]["what"])[:30] not in evidence)
    app.session_state[feed(app).key] = {"selection": {"rows": [other], "columns": []}}
    app.run()
    assert not app.exception
    assert map_args(app)["focus"] != first, "the feed's pick moved the map"
    assert picked not in next(m.value for m in app.markdown if "Review this event" in m.value)


def picked_rows(at: AppTest, table: Any) -> list[int]:
    """The rows selected in a dataframe, as the session holds them for the browser."""
    return list(at.session_state[table.key]["selection"]["rows"])


def flat(text: object) -> str:
    """Text with its runs of white space made one space."""
    return " ".join(str(text).split())


def test_a_feed_pick_is_selected_in_the_table_and_a_table_pick_in_the_feed(
    app: AppTest,
) -> None:
    app.session_state[feed(app).key] = {"selection": {"rows": [3], "columns": []}}
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    what = flat(feed(app).value.iloc[3]["what"]).rstrip("…")
    rows = picked_rows(app, events_table(app))
    assert len(rows) == 1, rows
    assert flat(events_table(app).value.iloc[rows[0]]["evidence"]).startswith(what)

    table = events_table(app).value
    other = next(k for k in range(len(table)) if k != rows[0]
                 and not flat(table.iloc[k]["evidence"]).startswith(what))
    app.session_state[events_table(app).key] = {"selection": {"rows": [other], "columns": []}}
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert picked_rows(app, events_table(app)) == [other], "the table keeps the analyst's pick"
    rows = picked_rows(app, feed(app))
    assert len(rows) == 1 and rows != [3], rows
    shown = flat(feed(app).value.iloc[rows[0]]["what"]).rstrip("…")
    assert flat(table.iloc[other]["evidence"]).startswith(shown)
    assert map_args(app)["focus"], "the map follows"

    app.run()  # nothing picked: both stay as they are
    assert picked_rows(app, events_table(app)) == [other]
    assert picked_rows(app, feed(app)) == rows


def test_the_selection_survives_a_new_feed_order_and_a_filter(app: AppTest) -> None:
    app.session_state[events_table(app).key] = {"selection": {"rows": [1], "columns": []}}
    app.run()
    evidence = flat(events_table(app).value.iloc[1]["evidence"])
    app.segmented_control(key="feed_order").set_value("Oldest first").run()
    assert not app.exception, [e.value for e in app.exception]
    rows = picked_rows(app, feed(app))
    assert len(rows) == 1, rows
    assert evidence.startswith(flat(feed(app).value.iloc[rows[0]]["what"]).rstrip("…"))
    assert picked_rows(app, events_table(app)) == [1]

    layer = events_table(app).value.iloc[1]["layer"]  # a filter that keeps it: still selected
    app.multiselect(key="f_layers").set_value([layer]).run()
    assert not app.exception, [e.value for e in app.exception]
    table = events_table(app).value
    rows = picked_rows(app, events_table(app))
    assert len(rows) == 1 and flat(table.iloc[rows[0]]["evidence"]) == evidence, rows
    assert len(picked_rows(app, feed(app))) == 1


def test_a_mention_picked_in_the_reading_pane_selects_its_event_in_both_tables(
    app: AppTest,
) -> None:
    doc_id = app.selectbox(key="fix_doc").value
    doc = next(d for d in load_sample_corpus() if d.id == doc_id)
    result = Pipeline().process_document(doc)
    first = min(r.mention.start for r in result.resolved)  # the picker shows it already
    event, place = next((e, p) for e in result.events for p in e.locations
                        if p.start is not None and p.end is not None and p.start > first)
    assert picked_rows(app, events_table(app)) == []
    app.selectbox(key=f"fix_mention:{doc_id}").set_value(f"{place.start}:{place.end}").run()
    assert not app.exception, [e.value for e in app.exception]
    rows = picked_rows(app, events_table(app))
    assert len(rows) == 1, rows
    row = events_table(app).value.iloc[rows[0]]
    assert flat(row["evidence"]) == flat(event.evidence), "the event that places the mention"
    fed = picked_rows(app, feed(app))
    assert len(fed) == 1, fed
    assert flat(row["evidence"]).startswith(flat(feed(app).value.iloc[fed[0]]["what"]).rstrip("…"))
    assert "cm-selected" in article(app), "its sentence is marked in the article"
    assert any("Review this event" in m.value for m in app.markdown)


def click_on_map(at: AppTest, event_id: str, clicks: int) -> None:
    """What the live map says when its ``clicks``-th click was on a feature of ``event_id``."""
    at.session_state["map"] = {"drawn": True, "picked": event_id, "n": clicks}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_click_on_the_map_selects_its_event_in_the_feed_the_table_and_the_map(
    app: AppTest,
) -> None:
    shown = shown_on_map(app)
    event_id = sorted(shown)[len(shown) // 2]
    feature = next(f for f in json.loads(map_text(app))["features"] if f["id"] == event_id)
    evidence = html.unescape(feature["properties"]["evidence"])
    assert picked_rows(app, events_table(app)) == [] and map_args(app)["focus"] is None
    click_on_map(app, event_id, 1)
    rows = picked_rows(app, events_table(app))
    assert len(rows) == 1, rows
    assert flat(events_table(app).value.iloc[rows[0]]["evidence"]) == flat(evidence)
    fed = picked_rows(app, feed(app))
    assert len(fed) == 1, fed
    assert flat(evidence).startswith(flat(feed(app).value.iloc[fed[0]]["what"]).rstrip("…"))
    assert map_args(app)["focus"], "the map rings the event"
    assert any("Review this event" in m.value for m in app.markdown)

    other = next(k for k in range(table_rows(app)) if k != rows[0])
    app.session_state[events_table(app).key] = {"selection": {"rows": [other], "columns": []}}
    app.run()  # a table pick wins; the map's old click does not take it back
    assert picked_rows(app, events_table(app)) == [other]
    app.run()
    assert picked_rows(app, events_table(app)) == [other]
    click_on_map(app, event_id, 2)  # the same feature clicked again: selected again
    assert picked_rows(app, events_table(app)) == rows
    assert picked_rows(app, feed(app)) == fed


# ------------------------------------------------------------------------------- dates
def test_the_date_filter_starts_on_the_bulk_and_lists_the_outlier(app: AppTest) -> None:
    shown = table_rows(app)
    picker = next(d for d in app.date_input if (d.key or "").startswith("f_dates"))
    start, end = picker.value
    assert start.year == 2020 and end.year == 2020, (start, end)
    notes = [c.value.replace("\\", "") for c in app.sidebar.caption]
    assert any("dated outside" in n and "2016-01-01" in n for n in notes), notes
    app.checkbox(key="f_outliers").check().run()
    assert not app.exception
    assert table_rows(app) == shown + 1
    picker = next(d for d in app.date_input if (d.key or "").startswith("f_dates"))
    assert picker.value[0].year == 2016


DATELINED = ("ANKARA, Feb 27 — Turkish troops moved from Hatay to Idlib on Wednesday, "
             "the defence ministry said.")


def test_a_dateline_dates_its_article_with_the_batch_year(app: AppTest) -> None:
    from datetime import date as day

    app.toggle(key="include_sample").set_value(False).run()
    app.file_uploader(key="uploads").set_value([("ankara.txt", DATELINED.encode(), "text/plain")])
    app.date_input(key="published").set_value(day(2020, 3, 5))
    next(b for b in app.button if b.label == "Process").click().run()
    assert not app.exception, [e.value for e in app.exception]
    table = events_table(app).value
    assert list(table["date"]) == ["2020-02-26"], table  # the Wednesday before 27 February


def test_a_dateline_without_a_year_is_left_undated_and_said(app: AppTest) -> None:
    app.toggle(key="include_sample").set_value(False).run()
    app.file_uploader(key="uploads").set_value([("ankara.txt", DATELINED.encode(), "text/plain")])
    next(b for b in app.button if b.label == "Process").click().run()
    assert not app.exception, [e.value for e in app.exception]
    notes = [i.value.replace("\\", "") for i in app.info]
    assert any("ankara.txt" in n and "Feb 27" in n and "no year" in n for n in notes), notes
    assert set(events_table(app).value["date"]) <= {""}


def test_the_first_page_reads_the_stored_sample_and_processes_nothing(
    gazetteer: Gazetteer, corrections_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import streamlit as st

    import geo.flow

    st.cache_resource.clear()  # a new server: nothing in memory
    first = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    first.run()
    assert not first.exception, [e.value for e in first.exception]
    assert (tmp_path / "sample_results.pickle").is_file(), "the first run stored the sample"
    st.cache_resource.clear()  # the next server

    def no_processing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the sample was processed again")

    monkeypatch.setattr(geo.flow, "run", no_processing)
    again = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    again.run()
    assert not again.exception, [e.value for e in again.exception]
    assert table_rows(again) == table_rows(first)
    assert map_args(again)["shown"] == map_args(first)["shown"]


def test_a_browsers_first_page_draws_the_map_alone_then_the_rest(
    gazetteer: Gazetteer, corrections_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit as st

    # a browser's session sends headers (AppTest's sends none, and gets the whole page)
    monkeypatch.setattr(type(st.context), "headers",
                        property(lambda self: {"User-Agent": "Chromium"}))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    first = map_args(at)
    assert first["report"] is True, "the map says when it has drawn"
    assert not at.dataframe and not at.multiselect and not at.file_uploader, \
        "no table and no widget hold the map back"
    assert any("follow once the map is drawn" in c.value for c in at.caption)

    at.run()  # what the map's report brings: the whole page, the same events on the map
    assert not at.exception, [e.value for e in at.exception]
    assert map_args(at)["shown"] == first["shown"] and map_args(at)["data"] == first["data"]
    assert map_args(at)["report"] is False
    assert table_rows(at) == first["shown"].count("1"), "the table lists what the map showed"
    assert at.multiselect(key="f_layers").value and at.file_uploader(key="uploads") is not None


def test_without_the_local_leaflet_the_exported_map_marks_the_selected_event(
    gazetteer: Gazetteer, corrections_file: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import geo.maps.live

    # the live map cannot be assembled (no local copy of Leaflet): the app imports this
    # function afresh on every run
    monkeypatch.setattr(geo.maps.live, "frontend_dir", lambda: None)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    key = events_table(at).key
    assert key is not None
    at.session_state[key] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (drawn,) = [c for c in at.get("component_instance")
                if c.proto.component_name.endswith("st_folium")]
    page = drawn.proto.json_args
    assert HIGHLIGHT_COLOUR in page, "the selected event's places are ringed"
    assert page.count("fitBounds") == 1, "the view fits the selected event only"
