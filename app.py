"""Conflict mapper, the analyst's app: articles in, layered map, corrections, downloads out.

Run with ``streamlit run app.py``. The app is thin: reading files, geoparsing, extracting events,
building layers, maps and exports all go through the same public functions as the
``conflictmap`` CLI (:mod:`geo.io.ingest`, :mod:`geo.io.records`, :mod:`geo.pipeline`,
:mod:`geo.maps.layers`, :mod:`geo.maps.folium_map`, :mod:`geo.maps.export`).

What is cached, and on what:

* the pipeline (gazetteer, actor table): once per server process (``st.cache_resource``);
* each processed document: on a hash of the document and of *its own* corrections, in a bounded
  store shared by sessions, so adding a file or correcting one mention reprocesses only what
  changed;
* read files and imported event tables: on a hash of the file's bytes (``st.cache_data``);
* layers and export bytes: on a hash of the filtered events (``st.cache_data``).

The map (:mod:`geo.maps.live`, a Streamlit component) fetches a batch's features once and stays
alive in the browser: a filter change only sends it which events to show, before the feed and
the table are drawn; panning and zooming do not rerun the script.

Article text is data: it reaches the page only through ``st.dataframe``, ``st.text``,
markdown escaped by :func:`geo.maps.markdown.md_escape`, and the reading pane's ``st.html``, whose HTML
:func:`geo.maps.reading.article_html` builds with every piece of text passed through
``html.escape`` (no template); map popups and tooltips are escaped by
:func:`geo.maps.folium_map.map_properties` and reach the map as JSON data.

One event is selected at a time: the one picked last in the events table, in the event feed,
or through a mention picked in the reading pane (the event that places the mention, else the one
whose sentence holds it). Both tables show it selected (:func:`mirror_selection` sets a table's
selection through the session before it is drawn, so its key, and the browser's sort of it,
stay), and so do the map, the reading pane and the review form. A picked mention moves the map
to its place until another event is picked in a table.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

import streamlit as st

import geo.sample
from gazetteer import Gazetteer
from geo.dates import format_day
from geo.errors import ConflictMapError
from geo.filters import EventFilter, bulk_filter, parse_day
from geo.io.corrections import Correction, Corrections
from geo.io.dates_meta import bulk_range
from geo.io.ingest import SUFFIXES
from geo.io.pasted import pasted_document
from geo.io.reviews import Decision, Reviews, review_queue
from geo.io.table_format import EXPORT_SUFFIXES
from geo.maps.live import events_key as live_events_key
from geo.maps.live import frontend_dir, live_map, map_value, publish, shown_mask
from geo.maps.markdown import code_span, md_escape
from geo.maps.reading import (
    article_html,
    event_spans,
    mention_place,
    mention_spans,
    mentions_event,
)
from geo.maps.styles import LAYER_STYLES
from geo.maps.tables import (
    candidate_rows,
    event_rows,
    feed_order,
    feed_rows,
    layer_label,
    mention_label,
    outlier_note,
    place_label,
    timeline_counts,
)
from geo.model import (
    LAYERS,
    ROLES,
    Document,
    Event,
    EventPlace,
    Failure,
    Role,
)
from geo.parse.resolve import Resolved
from geo.results import BatchResult, DocumentResult, ResultCache, group_problems
from geo.settings import load_paths

if TYPE_CHECKING:  # imported where used: the first page, drawn from the stored sample, needs
    # neither the pipeline nor folium, geopandas, the exports (seconds of imports) nor pandas
    # (the tables and the chart come with the second run; geo.maps.tables imports it then)
    from geo.pipeline import Pipeline

#: The page's icon (in the browser's tab).
PAGE_ICON = "🗺️"
#: Option value of "none of these" in the correction picker.
NONE_OF_THESE = "__none__"
#: Documents and tables kept processed in memory (shared by sessions).
STORE_SIZE = 2048
#: Whole batches kept (the last few inputs and corrections an analyst switched between).
BATCH_CACHE_SIZE = 8
#: Failures listed one by one per file before the rest are counted.
MAX_LISTED_FAILURES = 8
#: What the first screen says the page is.
INTRO = (
    "Places and events read from news text, drawn by layer: troop movements, naval "
    "deployments, diplomacy, strikes, displacement, protests. The map starts on the "
    "**sample corpus** (12 dispatches on the February–March 2020 Idlib crisis, written for "
    "this tool). Bring your own articles (.txt .md .html .json .jsonl .csv) or ACLED/GDELT "
    "tables with **Bring articles in** in the sidebar, or turn the sample off."
)
#: Events of the review queue listed at once.
REVIEW_QUEUE_SHOWN = 10
MAP_HEIGHT = 560
#: Width of the map beside the reading pane (relative column widths).
MAP_COLUMNS = (3, 2)
FEED_HEIGHT = 280
#: How the feed can be ordered.
NEWEST_FIRST = "Newest first"
OLDEST_FIRST = "Oldest first"
#: Under the article: how to read the marks, and how to act on a mention.
READING_HELP = (
    "Underlined: place mentions (numbered; dotted when not placed). Tinted: the sentences of "
    "events, in their layer's colour; the selected event's strongest. Pick a mention by its "
    "number below to see its candidates, correct it, and move the map to it."
)
#: Session key of the event selected last (in the table, the feed, on the map, or by a mention).
SELECTED_KEY = "selected_event"
#: Session key of what each selecting widget showed on the previous run.
SEEN_KEY = "_selections_seen"
#: Seconds between the first page and opening the gazetteer in the background.
WARM_UP_DELAY_S = 8.0
#: Widget key of the map (the live map's value: whether it has drawn its first features, and
#: the event of the feature clicked last; :func:`geo.maps.live.map_value`).
MAP_KEY = "map"
#: Name under which :func:`remember` keeps the map's last click.
MAP_PICK = "map:pick"
#: Session key: set by "Process", so the reading pane opens the first article brought in.
OPEN_BROUGHT_IN_KEY = "_open_brought_in"
#: Session key: whether this session has run the script before.
RUN_BEFORE_KEY = "_run_before"
#: Under the map while a browser's first page waits for it.
WAITING_FOR_MAP = ("The event feed, the events table, the article and the timeline follow once "
                   "the map is drawn.")
#: In the sidebar while a browser's first page waits for the map.
WAITING_FOR_MAP_SIDEBAR = "The uploads and the filters follow once the map is drawn."


# --------------------------------------------------------------------------------- helpers
def digest(*parts: object) -> str:
    """A short stable hash of some strings or bytes."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "replace"))
        h.update(b"\x1f")
    return h.hexdigest()[:24]


# ----------------------------------------------------------------------- cached resources
@dataclass(frozen=True)
class Inputs:
    """What the analyst brought in with the last "Process" click."""

    files: tuple[tuple[str, bytes], ...] = ()
    paste_title: str = ""
    paste_text: str = ""
    published: date | None = None


@st.cache_resource(show_spinner=False)
def document_cache() -> ResultCache[DocumentResult | Failure]:
    """Processed documents, shared by the sessions of this server process."""
    return ResultCache(STORE_SIZE)


@st.cache_resource(show_spinner=False)
def batch_cache() -> ResultCache[BatchResult]:
    """Whole batches (inputs and corrections unchanged: a filter change reuses them)."""
    return ResultCache(BATCH_CACHE_SIZE)


@st.cache_resource(show_spinner=False)
def event_keys() -> ResultCache[str]:
    """The hash of each cached batch's events (:attr:`Loaded.key`), by the batch's key."""
    return ResultCache(BATCH_CACHE_SIZE)


@st.cache_resource(show_spinner=False)
def base_pipeline() -> Pipeline:
    """Geoparser and actor table, once per server process; the geoparser (the gazetteer and
    its name index: seconds) is opened on first use, or by :func:`warm_up`."""
    from geo.pipeline import Pipeline

    return Pipeline(lazy=True)


def open_geoparser(pipeline: Pipeline) -> None:
    """Open the pipeline's geoparser now, saying so while it opens (a missing gazetteer
    raises its error here)."""
    if not pipeline.loaded:
        with st.spinner("Opening the gazetteer…"):
            pipeline.geoparser  # noqa: B018


def gazetteer() -> Gazetteer:
    """The gazetteer (opened now if the warm-up has not opened it yet)."""
    pipeline = base_pipeline()
    open_geoparser(pipeline)
    return pipeline.gazetteer


@st.cache_resource(show_spinner=False)
def base_map_outlines() -> dict[str, Any]:
    """The exported and fallback maps' offline base map: the gazetteer's country outlines,
    drawn once per server process."""
    from geo.maps.basemap import country_outlines

    return country_outlines(gazetteer())


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Open the geoparser in the background, :data:`WARM_UP_DELAY_S` after the first page is
    drawn from the stored sample (:mod:`geo.sample`; sooner, it would slow the browser drawing
    the map): the first upload or gazetteer search then does not wait for it."""
    pipeline = base_pipeline()

    def work() -> None:
        time.sleep(WARM_UP_DELAY_S)
        with contextlib.suppress(ConflictMapError):  # said on the first real use instead
            pipeline.geoparser  # noqa: B018

    thread = threading.Thread(target=work, name="conflictmap-warm-up", daemon=True)
    thread.start()
    return thread


@st.cache_data(show_spinner=False)
def sample_documents() -> list[Document]:
    """The bundled sample corpus."""
    from geo.pipeline import load_sample_corpus

    return load_sample_corpus()


@st.cache_resource(show_spinner=False, max_entries=8)
def batch_layers(key: str, _events: tuple[Event, ...]) -> dict[str, Any]:
    """One GeoDataFrame per layer of every event of a batch (``key`` is the hash of the
    batch's events), built once per batch and shared, read only: a filter change only picks
    rows from them (:func:`filtered_layers`)."""
    from geo.maps.layers import build_layers

    return build_layers(list(_events))


def filtered_layers(key: str, events: tuple[Event, ...], kept: Sequence[Event]) -> dict[str, Any]:
    """The rows of the batch's layers whose events the filters kept."""
    ids = {e.event_id for e in kept}
    return {name: frame[frame["event_id"].isin(ids)]
            for name, frame in batch_layers(key, events).items()}


@st.cache_data(show_spinner=False, max_entries=32)
def layers_of(key: str, _events: tuple[Event, ...]) -> dict[str, Any]:
    """One GeoDataFrame per layer (``key`` is the hash of the filtered events)."""
    from geo.maps.layers import build_layers

    return build_layers(list(_events))


@st.cache_data(show_spinner=False, max_entries=16)
def export_html(key: str, title: str, _events: tuple[Event, ...]) -> bytes:
    """The standalone HTML map of the filtered events (assets inlined where present)."""
    from geo.maps.export import html_bytes

    return html_bytes(list(_events), title=title, outlines=base_map_outlines())


@st.cache_data(show_spinner=False, max_entries=64)
def export_geojson(key: str, layer: str | None, _events: tuple[Event, ...]) -> bytes:
    """GeoJSON of every layer, or of one."""
    from geo.maps.export import geojson_bytes

    return geojson_bytes(layers_of(key, _events), layer)


@st.cache_data(show_spinner=False, max_entries=16)
def export_gpkg(key: str, _events: tuple[Event, ...]) -> bytes:
    """GeoPackage, one table per layer."""
    from geo.maps.export import gpkg_bytes

    return gpkg_bytes(layers_of(key, _events))


@st.cache_data(show_spinner=False, max_entries=16)
def export_parquet(key: str, _events: tuple[Event, ...]) -> bytes:
    """GeoParquet, all layers in one table."""
    from geo.maps.export import parquet_bytes

    return parquet_bytes(layers_of(key, _events))


@st.cache_data(show_spinner=False, max_entries=16)
def export_fgb(key: str, _events: tuple[Event, ...]) -> bytes:
    """FlatGeobuf, all layers in one table."""
    from geo.maps.export import fgb_bytes

    return fgb_bytes(layers_of(key, _events))


@st.cache_data(show_spinner=False, max_entries=16)
def export_csv(key: str, _events: tuple[Event, ...]) -> bytes:
    """CSV, one row per event."""
    from geo.maps.export import csv_bytes

    return csv_bytes(list(_events))


# ----------------------------------------------------------------------------- the data
@dataclass(frozen=True)
class Loaded:
    """Everything the page shows, for the current inputs and corrections."""

    batch: BatchResult
    key: str  # a hash of the events
    problems: list[tuple[str, str, list[Failure]]]  # (level, file, failures)


def load_corrections(paths_corrections: Any) -> tuple[Corrections, str | None]:
    """The corrections file, or none with an error message (naming the file and the fault)
    when it cannot be read or is malformed."""
    try:
        return Corrections.load(paths_corrections), None
    except ConflictMapError as err:
        return Corrections(), str(err)


def load_data(
    inputs: Inputs, include_sample: bool, corrections: Corrections, reviews: Reviews,
    status: Any,
) -> Loaded:
    """Read, process and merge (one flow, :func:`geo.flow.run`): the events of the current
    inputs and corrections; unchanged documents come from the cache. ``status`` (an
    ``st.empty``, drawn on every run) shows the gazetteer opening and the progress, so the
    elements under it keep their places from one run to the next (the map is not rebuilt)."""
    pasted = pasted_document(inputs.paste_text, inputs.paste_title, inputs.published)
    key = digest(include_sample, inputs.published, corrections.signature(), reviews.signature(),
                 *(part for name, data in inputs.files for part in (name, digest(data))),
                 pasted.id if pasted else "")
    batch = batch_cache().get(key)
    stored = load_paths().sample_results
    sample_alone = include_sample and inputs == Inputs()  # nothing of the analyst's own
    if batch is None and sample_alone:
        batch = geo.sample.load_batch(stored, corrections, reviews)
        if batch is not None:
            batch_cache().put(key, batch)
    if batch is None:
        from geo.flow import InputFile, document_key, run

        pipeline = base_pipeline().with_corrections(corrections)
        sample = sample_documents() if include_sample else []
        cache = document_cache()
        if any(cache.get(document_key(doc, pipeline)) is None for doc in sample):
            geo.sample.seed(cache, pipeline, sample, stored)
        items: list[InputFile | Document] = [
            *sample,
            *(InputFile(name, data=data) for name, data in inputs.files),
            *([pasted] if pasted else []),
        ]
        if any(not isinstance(i, Document) or cache.get(document_key(i, pipeline)) is None
               for i in items):
            with status:
                open_geoparser(pipeline)
        total = sum(len(i.text) if isinstance(i, Document) else len(i.data or b"")
                    for i in items)
        bar = status.progress(0.0, text="Processing…")
        done = {"chars": 0}

        def tick(chars: int) -> None:
            done["chars"] += chars
            bar.progress(min(1.0, done["chars"] / max(total, 1)),
                         text=f"Processed {done['chars']:,} of about {total:,} characters")

        batch = run(items, pipeline, published=inputs.published, cache=cache,
                    on_text=tick, reviews=reviews)
        status.empty()
        if sample:  # the bundled sample's results only, never an upload's
            geo.sample.store(cache, pipeline, sample, stored)
        if sample_alone:
            geo.sample.save_batch(stored, corrections, reviews, batch)
        batch_cache().put(key, batch)
    names = [name for name, _ in inputs.files]
    events_key = event_keys().get(key)
    if events_key is None:  # hashing ten thousand events takes a quarter second: once
        events_key = live_events_key(batch.events)
        event_keys().put(key, events_key)
    return Loaded(batch, events_key, group_problems(batch, names))


# ------------------------------------------------------------------------------ filters
def filter_widgets(events: Sequence[Event]) -> EventFilter:
    """Draw the filters in the sidebar and return their values."""
    sb = st.sidebar
    sb.header("Filter the map")
    layers = sb.multiselect(
        "Layers", options=list(LAYERS), default=list(LAYERS), format_func=layer_label,
        key="f_layers",
    )
    countries = sorted(
        {c for e in events for c in (e.actor1_country, e.actor2_country) if c}
    )
    chosen = sb.multiselect(
        "Actor country (any actor)", options=countries, default=[], key="f_countries",
        help="ISO codes of the actors' countries; none chosen shows every event.",
    )
    start, end = date_range_widget(events)
    keep_undated = sb.checkbox("Keep events without a date", value=True, key="f_undated")
    min_conf = sb.slider(
        "Minimum confidence", min_value=0.0, max_value=1.0, value=0.0, step=0.05, key="f_conf",
    )
    return EventFilter(tuple(layers), tuple(chosen), start, end, keep_undated, float(min_conf))


def date_range_widget(events: Sequence[Event]) -> tuple[date | None, date | None]:
    """The date range filter: by default the bulk of the events' days, the outliers listed
    under it with a checkbox that shows them too; returns the range picked."""
    sb = st.sidebar
    days = [e.event_date for e in events]
    bulk = bulk_range(days)
    if bulk is None:
        return None, None
    lo = min(d for d in days if d is not None)
    hi = max(d for d in days if d is not None)
    slot = sb.container()  # the date input goes above the outliers' note
    show_all = False
    if bulk.outliers:
        sb.caption(md_escape(outlier_note(events, bulk)))
        show_all = sb.checkbox("Show them", value=False, key="f_outliers")
    first, last = (lo, hi) if show_all else (bulk.start, bulk.end)
    picked = slot.date_input(
        "Date range", value=(first, last), min_value=lo, max_value=hi,
        # new data, or the outliers shown, start the range afresh
        key=f"f_dates:{lo}:{hi}:{first}:{last}",
    )
    seq = list(picked) if isinstance(picked, Iterable) else [picked]
    start = seq[0] if seq else None
    return start, seq[1] if len(seq) > 1 else start


# --------------------------------------------------------------------------------- views
def timeline(events: Sequence[Event]) -> None:
    """Events per day and layer (:func:`geo.maps.tables.timeline_counts`: the chart gets a
    row per day and layer, not one per event). A Vega-Lite spec of plain data: no Altair to
    import on the first page."""
    import pandas as pd

    rows = timeline_counts(events)
    if not rows:
        st.info("No dated events to chart.")
        return
    x = {"field": "day", "type": "temporal", "timeUnit": "yearmonthdate", "title": "Day"}
    y = {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "Events"}
    colour = {"field": "layer", "type": "nominal", "title": "Layer"}
    spec: dict[str, Any] = {
        "mark": {"type": "bar"},
        "height": 220,
        "encoding": {
            "x": x, "y": y, "tooltip": [x, colour, y],
            "color": {**colour, "scale": {
                "domain": list(LAYERS), "range": [LAYER_STYLES[k].color for k in LAYERS]}},
        },
    }
    st.vega_lite_chart(pd.DataFrame(rows), spec, width="stretch")


def first_brought_in(results: Sequence[DocumentResult]) -> str | None:
    """The id of the first document of ``results`` that is not the bundled sample's: the
    analyst's own, which the reading pane opens after "Process"."""
    sample = {doc.id for doc in sample_documents()}
    return next((r.document.id for r in results if r.document.id not in sample), None)


def choose_document(results: Sequence[DocumentResult], show: str | None) -> DocumentResult:
    """The document picker of the reading pane; ``show`` (a document id) is picked for the
    analyst when an event of it was just selected."""
    by_id = {r.document.id: r for r in results}
    if show in by_id:
        st.session_state["fix_doc"] = show
    doc_id = st.selectbox(
        "Document", options=list(by_id),
        format_func=lambda i: f"{by_id[i].document.title or i} [{i}]", key="fix_doc",
    )
    return by_id[doc_id]


def reading_pane(
    results: Sequence[DocumentResult], events: Sequence[Event], selected: Event | None,
    show_doc: str | None, corrections: Corrections, corrections_path: Any,
) -> tuple[str, Resolved] | None:
    """The article beside the map: its text with the place mentions (numbered) and event
    sentences marked, a mention picker with the mention's candidates, and its correction.

    Returns the document id and mention the analyst has just picked (the map zooms to it),
    else ``None``.
    """
    st.subheader("Read the article")
    if not results:
        st.info("No articles: the map shows imported events only.")
        return None
    result = choose_document(results, show_doc)
    doc = result.document
    st.caption(md_escape(" · ".join(x for x in (
        doc.source, f"published {doc.published}" if doc.published else "no published date",
        f"{len(result.resolved)} place mention(s)") if x)))
    shown = [e for e in events if e.doc_id == doc.id]
    here = selected is not None and selected.doc_id == doc.id
    st.html(article_html(  # every text escaped by geo.maps.reading; no template
        doc.text, mention_spans(result.resolved), event_spans(shown),
        selected_event=(selected.start, selected.end) if here and selected else None,
        selected_mention=mention_start(st.session_state.get(f"fix_mention:{doc.id}")),
    ))
    if not result.resolved:
        st.info("No place mentions in this article.")
        return None
    st.caption(READING_HELP)
    return mention_panel(result, shown, corrections, corrections_path)


def mention_start(span: object) -> int | None:
    """The start offset of a mention picker's value (``"start:end"``), if any."""
    head = str(span or "").split(":", 1)[0]
    return int(head) if head.isdigit() else None


def mention_panel(
    result: DocumentResult, events: Sequence[Event], corrections: Corrections,
    corrections_path: Any,
) -> tuple[str, Resolved] | None:
    """Pick a mention of the shown article (whose shown events are ``events``): its
    candidates, and a correction to save; the event it belongs to becomes the selected one."""
    doc = result.document
    ordered = sorted(result.resolved, key=lambda r: r.mention.start)
    by_span = {f"{r.mention.start}:{r.mention.end}": r for r in ordered}
    number = {span: k for k, span in enumerate(by_span, start=1)}
    key = f"fix_mention:{doc.id}"
    span = st.selectbox(
        "Place mention (numbered as in the text)", options=list(by_span),
        format_func=lambda s: f"{number[s]}. {mention_label(by_span[s])}", key=key,
        on_change=select_mentions_event, args=(key, events),
    )
    picked = remember(key, span)
    r = by_span[span]
    st.dataframe(candidate_rows(r), hide_index=True, width="stretch", key=f"cands:{key}")
    correct_place(doc, r, span, corrections, corrections_path)
    return (doc.id, r) if picked else None


def select_mentions_event(key: str, events: Sequence[Event]) -> None:
    """On a mention picked under ``key``: select its event (before the run, so the tables,
    the article and the review form all show it)."""
    start = mention_start(st.session_state.get(key))
    event = mentions_event(events, start) if start is not None else None
    if event is not None:
        st.session_state[SELECTED_KEY] = event.event_id


def correct_place(
    doc: Document, r: Resolved, span: str, corrections: Corrections, corrections_path: Any
) -> None:
    """Choose another reading of one mention (a candidate, a searched place, or none), save it."""
    m = r.mention
    before = doc.text[max(0, m.start - 160) : m.start]
    after = doc.text[m.end : m.end + 160]
    st.markdown(f"> …{md_escape(before)} **{md_escape(m.text)}** {md_escape(after)}…")
    current = f"{place_label(r.place)}" if r.place is not None else "none of the candidates"
    fixed = corrections.get(doc.id, m.start, m.end)
    st.markdown(
        f"Current place: **{md_escape(current)}** · score {r.score:.2f}"
        + (" · corrected by hand" if fixed is not None else "")
    )
    places: dict[str, Any] = {}
    if r.place is not None:
        places[r.place.place_id] = r.place
    for cand in r.alternatives:
        places.setdefault(cand.place.place_id, cand.place)
    query = st.text_input(
        "Search the gazetteer by name", value="", key=f"fix_search:{doc.id}:{span}",
        placeholder="e.g. Idlib, Black Sea, Incirlik",
    )
    if query.strip():
        found = gazetteer().candidates(query.strip(), limit=10)
        if not found:
            st.caption(f"No gazetteer entry named {md_escape(query)}.")
        for cand in found:
            places.setdefault(cand.place.place_id, cand.place)
    options = [*places, NONE_OF_THESE]

    def option_label(pid: str) -> str:
        if pid == NONE_OF_THESE:
            return "None of these (not a place, or not in the gazetteer)"
        mark = " (current)" if r.place is not None and pid == r.place.place_id else ""
        return place_label(places[pid]) + mark

    choice = st.selectbox(
        "Refers to", options=options, format_func=option_label,
        key=f"fix_choice:{doc.id}:{span}",
    )
    if st.button("Save correction", key="fix_save", type="primary"):
        save_correction(doc, r, choice, places, corrections_path)


def save_correction(
    doc: Document, r: Resolved, choice: str, places: dict[str, Any], corrections_path: Any
) -> None:
    """Merge one correction into the corrections file, then rerun with a message."""
    m = r.mention
    try:
        # a fresh load refuses a corrupt file instead of overwriting it; save() then
        # merges this one change into the file under its lock (other sessions' kept)
        saved = Corrections.load(corrections_path)
        saved.add(Correction(
            doc_id=doc.id, start=m.start, end=m.end, mention=m.text,
            place_id=None if choice == NONE_OF_THESE else choice,
        ))
        saved.save()
    except (ConflictMapError, OSError) as err:
        st.error(f"Could not save the correction: {md_escape(str(err))}")
        return
    target = "none of these" if choice == NONE_OF_THESE else places[choice].name
    st.session_state["flash"] = (
        f"Saved: {m.text!r} in {doc.id!r} now refers to {target}. "
        "It applies on every later run and export."
    )
    st.rerun()


# ------------------------------------------------------------------------ selection, feed
def remember(name: str, value: str | None) -> bool:
    """Note what the widget ``name`` shows; whether it changed since the previous run (a
    widget seen for the first time has not)."""
    seen: dict[str, str | None] = st.session_state.setdefault(SEEN_KEY, {})
    changed = name in seen and seen[name] != value
    seen[name] = value
    return changed


def update_selection(shown: Sequence[tuple[str, str | None]]) -> tuple[str | None, bool]:
    """The selected event: the one picked last in any of the ``(widget, event id)`` places
    it can be picked (table, feed); and whether it changed on this run."""
    current: str | None = st.session_state.get(SELECTED_KEY)
    changed = False
    for name, value in shown:
        if remember(name, value):
            current, changed = value, True
    st.session_state[SELECTED_KEY] = current
    return current, changed


def map_pick(kept: Sequence[Event]) -> str | None:
    """The event picked by a click on the live map since the previous run (one of ``kept``),
    else None. A click is told apart by the map's count of clicks, so a second click on the
    same feature picks its event again."""
    value = map_value(st.session_state.get(MAP_KEY))
    click = f"{value.clicks}:{value.picked}" if value.picked is not None else None
    if remember(MAP_PICK, click) and any(e.event_id == value.picked for e in kept):
        return value.picked
    return None


def mirror_selection(chosen: str | None, widgets: Sequence[tuple[str, Sequence[Event]]]) -> None:
    """Select the event ``chosen`` in each ``(widget, rows)`` table that shows another pick,
    through the session (set before the table is drawn: Streamlit sends the browser the
    selection once; the key, the browser's sort and the scroll stay). A table whose rows do
    not hold the event is cleared."""
    for key, rows in widgets:
        if row_pick(key, rows) == chosen:
            continue
        at = next((k for k, e in enumerate(rows) if e.event_id == chosen), None)
        st.session_state[key] = {"selection": {"rows": [] if at is None else [at],
                                               "columns": []}}
        remember(key, None if at is None else chosen)  # set here, not picked there


def event_feed(ordered: Sequence[Event], key: str) -> None:
    """The time-ordered event feed (:func:`feed_order`; its pick is read by
    :func:`row_pick`)."""
    st.subheader("Event feed")
    st.segmented_control(
        "Order", [NEWEST_FIRST, OLDEST_FIRST], default=NEWEST_FIRST, key="feed_order",
        label_visibility="collapsed",
    )
    st.dataframe(
        feed_rows(ordered), key=key, on_select="rerun", selection_mode="single-row",
        hide_index=True, width="stretch", height=FEED_HEIGHT,
        column_config={"what": st.column_config.TextColumn("what", width="large")},
    )


def downloads(events: tuple[Event, ...], key: str, title: str) -> None:
    """Download buttons; the bytes are built on the first click and cached per filter state."""
    st.subheader("Download")
    st.caption(f"{len(events)} filtered event(s). Files are built on first click, then cached.")

    def button(label: str, make: Callable[[], bytes], file_name: str, mime: str) -> None:
        st.download_button(
            label, data=make, file_name=file_name, mime=mime, on_click="ignore",
            key=f"dl:{file_name}",
        )

    cols = st.columns(4)
    with cols[0]:
        button("Map (HTML)", lambda: export_html(key, title, events), "conflictmap.html",
               "text/html")
    with cols[1]:
        button("GeoJSON (all layers)", lambda: export_geojson(key, None, events),
               "conflictmap.geojson", "application/geo+json")
    with cols[2]:
        button("GeoPackage", lambda: export_gpkg(key, events), "conflictmap.gpkg",
               "application/geopackage+sqlite3")
    with cols[3]:
        button("CSV", lambda: export_csv(key, events), "conflictmap_events.csv", "text/csv")
    more = st.columns(4)
    with more[0]:
        button("GeoParquet", lambda: export_parquet(key, events), "conflictmap.parquet",
               "application/vnd.apache.parquet")
    with more[1]:
        button("FlatGeobuf", lambda: export_fgb(key, events), "conflictmap.fgb",
               "application/octet-stream")
    present = [layer for layer in LAYERS if any(e.layer == layer for e in events)]
    if present:
        st.caption("GeoJSON per layer")
        layer_cols = st.columns(len(present))
        for col, layer in zip(layer_cols, present, strict=True):
            with col:
                button(layer_label(layer), functools.partial(export_geojson, key, layer, events),
                       f"conflictmap_{layer}.geojson", "application/geo+json")


def deciding(event_id: str, decision: Decision, note: str,
             changes: tuple[tuple[str, Any], ...] = ()) -> Callable[[Reviews], None]:
    """A change for :func:`save_review`: one decision (:meth:`Reviews.decide`)."""
    return lambda reviews: reviews.decide(event_id, decision, note, changes)


def save_review(reviews_path: Any, change: Callable[[Reviews], object], message: str) -> None:
    """Apply one change to the reviews file (locked merge-save), then rerun with a message."""
    try:
        saved = Reviews.load(reviews_path)  # refuses a corrupt file instead of overwriting it
        change(saved)
        saved.save()
    except (ConflictMapError, OSError) as err:
        st.error(f"Could not save the review: {md_escape(str(err))}")
        return
    st.session_state["flash"] = message
    st.rerun()


def review_event(event: Event, reviews: Reviews, reviews_path: Any) -> None:
    """Confirm, reject or edit the selected event; saved and applied on every run and export."""
    earlier = reviews.get(event.event_id)
    st.markdown(f"**Review this event** · {code_span(event.event_id)}"
                + (f" · already {earlier.decision}ed" if earlier is not None else ""))
    note = st.text_input("Note (why)", key=f"rv_note:{event.event_id}")
    confirm, reject = st.columns(2)
    if confirm.button("Confirm", key=f"rv_confirm:{event.event_id}"):
        save_review(reviews_path,
                    deciding(event.event_id, Decision.CONFIRM, note),
                    f"Confirmed {event.event_id}.")
    if reject.button("Reject", key=f"rv_reject:{event.event_id}", type="primary"):
        save_review(reviews_path,
                    deciding(event.event_id, Decision.REJECT, note),
                    f"Rejected {event.event_id}: it is left out of the map, the table and "
                    "every export (undo it under 'Rejected events').")
    with st.form(f"rv_edit:{event.event_id}", border=True):
        st.caption("Edit the event")
        layer = st.selectbox("Layer", options=list(LAYERS), index=list(LAYERS).index(event.layer)
                             if event.layer in LAYERS else 0, format_func=layer_label)
        event_type = st.text_input("Event type", value=event.event_type)
        day = st.text_input("Date (YYYY-MM-DD)", value=format_day(event.event_date) or "")
        actor1 = st.text_input("Actor 1", value=event.actor1)
        actor2 = st.text_input("Actor 2", value=event.actor2)
        if st.form_submit_button("Save the edit"):
            changes = {"layer": layer, "event_type": event_type.strip(),
                       "event_date": day.strip() or None, "actor1": actor1.strip(),
                       "actor2": actor2.strip()}
            current = event.as_dict()  # days as YYYY-MM-DD, as the review file holds them
            changed = {k: v for k, v in changes.items() if v != current[k]}
            if day.strip() and parse_day(day.strip()) is None:
                st.error("The date must be YYYY-MM-DD.")
            elif changed:
                save_review(reviews_path,
                            deciding(event.event_id, Decision.EDIT, note, tuple(changed.items())),
                            f"Edited {event.event_id}: {', '.join(changed)}.")
    edit_places(event, note, reviews_path)


def role_label(role: str) -> str:
    """A role as the analyst reads it."""
    return Role(role).label


def edit_places(event: Event, note: str, reviews_path: Any) -> None:
    """Change the roles of the selected event's places, remove some, add one from the
    gazetteer (searched by name, with its candidates); saved as an edit of ``locations``."""
    eid = event.event_id
    now = digest(*map(repr, event.locations))[:8]  # once saved, fresh widgets
    st.caption("Places and roles")
    query = st.text_input("Add a place: search the gazetteer by name", key=f"rv_search:{eid}:{now}",
                          placeholder="e.g. Saraqib, Tartus, Black Sea")
    found: dict[str, Any] = {}
    if query.strip():
        for cand in gazetteer().candidates(query.strip(), limit=10):
            found.setdefault(cand.place.place_id, cand.place)
        if not found:
            st.caption(f"No gazetteer entry named {md_escape(query)}.")
    with st.form(f"rv_places:{eid}:{now}", border=True):
        roles: list[Role] = []
        removed: list[bool] = []
        for k, place in enumerate(event.locations):
            name, role, drop = st.columns([3, 2, 1], vertical_alignment="bottom")
            name.markdown(md_escape(f"{k + 1}. {place.name}")
                          + (f" ({md_escape(place.country)})" if place.country else ""))
            roles.append(role.selectbox(
                f"Role of place {k + 1}", options=list(ROLES),
                index=list(ROLES).index(place.role) if place.role in ROLES else 0,
                format_func=role_label, key=f"rv_role:{eid}:{now}:{k}"))
            removed.append(drop.checkbox("Remove", key=f"rv_drop:{eid}:{now}:{k}"))
        new_id = None
        new_role = ROLES[0]
        if found:
            pick, how = st.columns([3, 2])
            new_id = pick.selectbox("Place to add", options=[NONE_OF_THESE, *found],
                                    format_func=lambda pid: "(none)" if pid == NONE_OF_THESE
                                    else place_label(found[pid]), key=f"rv_new:{eid}:{now}")
            new_role = how.selectbox("Its role", options=list(ROLES), format_func=role_label,
                                     key=f"rv_new_role:{eid}:{now}")
        if st.form_submit_button("Save the places"):
            places = [replace(p, role=r) for p, r, gone
                      in zip(event.locations, roles, removed, strict=True) if not gone]
            if new_id is not None and new_id != NONE_OF_THESE:
                p = found[new_id]
                places.append(EventPlace.from_place(p, new_role))
            if not places:
                st.error("An event needs at least one place: reject it instead.")
            elif tuple(places) != tuple(event.locations):
                save_review(reviews_path,
                            deciding(eid, Decision.EDIT, note, (("locations", tuple(places)),)),
                            f"Edited the places of {eid}: "
                            + "; ".join(f"{role_label(p.role)}: {p.name}" for p in places) + ".")


def review_panel(events: Sequence[Event], reviews: Reviews, reviews_path: Any) -> None:
    """The review queue (most doubtful first), the rejected events, and the file to share."""
    queue = review_queue(events, reviews)
    with st.expander(f"Review queue ({len(queue)} events worth a look)"):
        for item in queue[:REVIEW_QUEUE_SHOWN]:
            e = item.event
            st.markdown(f"- **{md_escape(layer_label(e.layer))}** "
                        f"{md_escape(format_day(e.event_date) or 'undated')}: "
                        f"{md_escape(e.evidence[:160])} "
                        f"— *{md_escape('; '.join(item.reasons))}*")
            confirm, reject = st.columns(2)
            if confirm.button("Confirm", key=f"rq_confirm:{e.event_id}"):
                save_review(reviews_path,
                            deciding(e.event_id, Decision.CONFIRM, ""),
                            f"Confirmed {e.event_id}.")
            if reject.button("Reject", key=f"rq_reject:{e.event_id}"):
                save_review(reviews_path,
                            deciding(e.event_id, Decision.REJECT, ""),
                            f"Rejected {e.event_id}.")
    rejected = reviews.rejected()
    with st.expander(f"Rejected events ({len(rejected)})"):
        for review in rejected:
            cols = st.columns([4, 1])
            cols[0].markdown(f"{code_span(review.event_id)} {md_escape(review.note)}")
            if cols[1].button("Undo", key=f"rv_undo:{review.event_id}"):
                save_review(reviews_path, functools.partial(Reviews.discard, key=review.event_id),
                            f"{review.event_id} is back.")
    with st.expander("Share reviews"):
        st.download_button("Download the reviews file", Reviews.encode(reviews),
                           file_name="reviews.json", mime="application/json", key="rv_download")
        shared = st.file_uploader("Load a colleague's reviews file (merged into yours)",
                                  type=["json"], key="rv_upload")
        if shared is not None and st.button("Merge these reviews", key="rv_merge"):
            try:
                theirs = Reviews.from_bytes(shared.name, shared.getvalue())
            except ConflictMapError as err:
                st.error(md_escape(str(err)))
                return
            save_review(reviews_path, functools.partial(Reviews.merge, theirs=theirs),
                        f"Merged {len(theirs)} reviews from {shared.name}.")


def bring_in_form() -> None:
    """The sidebar form: uploads, a pasted article, a date; "Process" commits them."""
    sb = st.sidebar
    sb.header("Bring articles in")
    with sb.form("bring_in", border=False):
        uploads = st.file_uploader(
            "Articles or event tables",
            type=sorted({s.lstrip(".") for s in (*SUFFIXES, *EXPORT_SUFFIXES)}),
            accept_multiple_files=True,
            key="uploads",
            help="Articles: .txt .md .html .json .jsonl .csv (one article a row). "
            "ACLED or GDELT event tables (.csv) are imported as events, and this tool's own "
            "exports (CSV, GeoJSON, GeoPackage, GeoParquet, FlatGeobuf) read back.",
        )
        title = st.text_input("Title of the pasted article", key="paste_title")
        text = st.text_area("Paste an article", key="paste_text", height=150)
        published = st.date_input(
            "Published on (for articles that carry no date)", value=None, key="published",
            help="Relative dates ('on Tuesday') are read against it. Left empty, articles "
            "without a date of their own keep such dates unresolved (and are flagged).",
        )
        if st.form_submit_button("Process", type="primary"):
            st.session_state["inputs"] = Inputs(
                files=tuple((f.name, f.getvalue()) for f in uploads or []),
                paste_title=title,
                paste_text=text,
                published=published if isinstance(published, date) else None,
            )
            st.session_state[OPEN_BROUGHT_IN_KEY] = True


def show_problems(problems: Sequence[tuple[str, str, list[Failure]]]) -> None:
    """One warning or error per file that could not be read (in part or at all)."""
    for level, where, failures in problems:
        listed = "\n".join(
            f"- {md_escape(f.where)}: {md_escape(f.message)}"
            for f in failures[:MAX_LISTED_FAILURES]
        )
        more = len(failures) - MAX_LISTED_FAILURES
        if more > 0:
            listed += f"\n- … and {more} more"
        if level == "error":
            st.error(f"**{md_escape(where)}** could not be read:\n{listed}")
        elif level == "info":
            st.info(f"**{md_escape(where)}**:\n{listed}")
        else:
            st.warning(f"**{md_escape(where)}**: some entries were skipped:\n{listed}")


# ---------------------------------------------------------------------------------- page
def main() -> None:
    """The page."""
    waits = map_first()
    # the icon from the second run on: Streamlit checks that it is an emoji by compiling a
    # pattern of them all (a twentieth of a second the first page does without)
    st.set_page_config(page_title="Conflict mapper", page_icon=None if waits else PAGE_ICON,
                       layout="wide")
    st.title("Conflict mapper")
    st.markdown(INTRO)

    if waits:  # the widgets' defaults; the sidebar's widgets come with the next run
        st.sidebar.header("Bring articles in")
        st.sidebar.caption(WAITING_FOR_MAP_SIDEBAR)
        include_sample, tiles = True, False
    else:
        bring_in_form()
        include_sample = st.sidebar.toggle(
            "Include the sample corpus", value=True, key="include_sample"
        )
        tiles = st.sidebar.toggle(
            "Web map tiles (OpenStreetMap)", value=False, key="tiles",
            help="Off: the offline country outlines. On: street-level tiles, loaded from "
            "OpenStreetMap's servers (needs a network, and tells them where you look).",
        )
    inputs: Inputs = st.session_state.get("inputs") or Inputs()
    open_brought_in = st.session_state.pop(OPEN_BROUGHT_IN_KEY, False)

    paths = load_paths()
    corrections, corrections_error = load_corrections(paths.corrections)
    try:
        reviews = Reviews.load(paths.reviews)
    except ConflictMapError as err:
        reviews = Reviews()
        st.error(f"Reviews ignored: {md_escape(str(err))}. Fix or remove the file to apply "
                 "them again.")
    if corrections_error:
        st.error(
            f"Corrections ignored: {md_escape(corrections_error)}. "
            "Fix or remove the file to apply them again."
        )
    flash = st.session_state.pop("flash", None)
    if flash:
        st.success(md_escape(flash))

    status = st.empty()  # the gazetteer opening and the progress, on every run in one place
    try:
        data = load_data(inputs, include_sample, corrections, reviews, status)
    except ConflictMapError as err:
        st.error(f"Cannot process: {md_escape(str(err))}")
        st.stop()
    show_problems(data.problems)

    events = data.batch.events
    filters = bulk_filter(events) if waits else filter_widgets(events)
    kept_at = [k for k, e in enumerate(events) if filters.keep(e)]
    kept = tuple(events[k] for k in kept_at)
    view_key = digest(data.key, ",".join(map(str, kept_at)))  # the filtered events, hashed

    undated = sum(1 for r in data.batch.documents if not r.document.published)
    st.caption(
        f"{len(kept)} of {len(events)} events shown · {len(data.batch.documents)} document(s) "
        f"processed · {len(corrections)} place correction(s) and {len(reviews)} event "
        "review(s) applied"
        + (f" · {undated} document(s) without a published date: their relative dates stay "
           "unresolved (set 'Published on')" if undated else "")
    )
    map_col, read_col = st.columns(MAP_COLUMNS)
    map_box, feed_box = map_col.container(), map_col.container()
    table_box = st.container()
    # The picks in the feed and the table are read from the session before those are drawn,
    # so the map's (small) arguments leave first on a filter change, not after both tables.
    order = st.session_state.get("feed_order", NEWEST_FIRST)
    ordered = feed_order(kept, order != OLDEST_FIRST)
    feed_key = f"feed:{view_key}:{order}"
    table_key = f"events_table:{view_key}"  # other filters, other rows: the selection clears
    shown = [(table_key, kept), (feed_key, ordered)]
    chosen, changed = update_selection([(key, row_pick(key, rows)) for key, rows in shown])
    if (on_map := map_pick(kept)) is not None:  # a click on the map: the same path
        st.session_state[SELECTED_KEY] = chosen = on_map
        changed = True
    mirror_selection(chosen, shown)
    selected = next((e for e in kept if e.event_id == chosen), None)
    if changed:
        st.session_state.pop("focus_mention", None)  # the event picked last wins the map
    title = f"{len(kept)} events"
    if waits:  # the map alone; the widgets' scripts would hold it back in the browser
        with map_box:
            draw_map(data, kept, title, None, tiles=tiles, report=True)
        feed_box.caption(WAITING_FOR_MAP)
        read_col.subheader("Read the article")
        return
    if changed and selected is not None:
        show_doc: str | None = selected.doc_id
    else:
        show_doc = first_brought_in(data.batch.documents) if open_brought_in else None
    with read_col:
        picked = reading_pane(
            list(data.batch.documents), kept, selected, show_doc, corrections,
            paths.corrections,
        )
    if picked is not None:
        st.session_state["focus_mention"] = picked
    focus = focus_of(selected)

    with map_box:
        draw_map(data, kept, title, focus, tiles=tiles)
    with feed_box:
        event_feed(ordered, feed_key)
    with table_box:
        events_table(kept, table_key)

    if selected is not None:
        review_event(selected, reviews, paths.reviews)
    review_panel(events, reviews, paths.reviews)
    downloads(kept, view_key, title)
    st.subheader("Timeline")
    timeline(kept)
    warm_up()


def map_first() -> bool:
    """Whether this run draws the map alone (with the filters' defaults,
    :func:`geo.filters.bulk_filter`): a browser session's first run, whose live map then says when it has drawn its first
    features (which reruns the script); the browser's scripts of the widgets, the tables and
    the chart would otherwise hold the map back (each widget's is fetched on its first use).
    AppTest (no browser: no headers) and the exported map (no such signal) get the whole
    page at once, and so does every later run, whatever the map said."""
    first = RUN_BEFORE_KEY not in st.session_state
    st.session_state[RUN_BEFORE_KEY] = True
    return (first and bool(st.context.headers) and frontend_dir() is not None
            and not map_value(st.session_state.get(MAP_KEY)).drawn)


def events_table(kept: Sequence[Event], key: str) -> None:
    """The events table (its pick is read by :func:`row_pick`)."""
    st.subheader("Events")
    st.dataframe(
        event_rows(kept), key=key, on_select="rerun", selection_mode="single-row",
        hide_index=True, width="stretch",
        column_config={
            "confidence": st.column_config.ProgressColumn(
                "confidence", min_value=0.0, max_value=1.0, format="%.2f"
            ),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
        },
    )


def row_pick(key: str, rows: Sequence[Event]) -> str | None:
    """The event picked in the table or feed of widget ``key`` (whose rows are ``rows``), as
    its selection stands at the start of this run (before the widget is drawn again)."""
    state = st.session_state.get(key)
    selection = state.get("selection") if isinstance(state, Mapping) else None
    picked = list(selection.get("rows") or []) if isinstance(selection, Mapping) else []
    return rows[picked[0]].event_id if picked and 0 <= picked[0] < len(rows) else None


def focus_of(selected: Event | None) -> Event | EventPlace | None:
    """What the map zooms to: the place of the mention picked last in the reading pane, else
    the event."""
    focus: tuple[str, Resolved] | None = st.session_state.get("focus_mention")
    if focus is not None:
        return mention_place(focus[1]) or selected
    return selected


def draw_map(data: Loaded, kept: Sequence[Event], title: str, focus: Event | EventPlace | None,
             *, tiles: bool, report: bool = False) -> None:
    """The map of the filtered events (no layer checkboxes: the sidebar filter decides),
    zoomed to ``focus`` when given.

    The live map (:mod:`geo.maps.live`) gets the batch's features once and, on a filter
    change, only which events to show; without the local copies of Leaflet it needs, the
    exported map is drawn instead (rebuilt on every run). With ``report``, the live map says
    when it has drawn its first features (:func:`map_first`)."""
    events = data.batch.events
    if isinstance(focus, Event):
        st.markdown(f"Selected: **{md_escape(layer_label(focus.layer))}** on "
                    f"{md_escape(format_day(focus.event_date) or 'unknown date')}: "
                    f"{md_escape(focus.evidence)}")
    elif focus is not None:
        st.markdown(f"Selected: place mention: {md_escape(focus.mention)}")
    if frontend_dir() is not None:
        url = publish(data.key, lambda: batch_layers(data.key, events), events)
        live_map(url, shown_mask(events, kept), title=title, focus=focus, tiles=tiles,
                 height=MAP_HEIGHT, key=MAP_KEY, report=report)
        return
    from streamlit_folium import st_folium

    from geo.maps.folium_map import build_map

    m = build_map(list(kept), filtered_layers(data.key, events, kept), title=title,
                  tiles="osm" if tiles else None, layer_control=False, focus=focus,
                  outlines=base_map_outlines(), local_assets=True)
    st_folium(m, returned_objects=[], use_container_width=True, height=MAP_HEIGHT, key=MAP_KEY)


if __name__ == "__main__":  # `streamlit run` and AppTest; a plain import (bench) draws nothing
    main()
