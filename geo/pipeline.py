"""The whole flow for a batch of documents: geoparse, apply corrections, extract events.

The CLI and the app both call :class:`Pipeline`; a bad document is reported in the result's
failures (an unexpected error is logged with its traceback too) and the batch goes on.
Documents are processed one at a time as they are read (:meth:`Pipeline.iter_process`), and a
very long one window by window (:mod:`geo.parse.windows`), so memory stays bounded; a document over
the size limit is reported, saying how to raise it.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from gazetteer import Gazetteer
from geo.errors import ConflictMapError, DocumentTooLargeError
from geo.events import event_id, extract_events, merge_events
from geo.events.actors import ActorTable, actor_names, load_actors
from geo.events.merge import merge_events_report
from geo.io.corrections import Corrections
from geo.io.ingest import check_date
from geo.model import Document, Event, Failure
from geo.parse.geoparse import Geoparser, Toponym, default_geoparser
from geo.parse.resolve import Resolved
from geo.parse.toponyms import KIND_ORGANISATION
from geo.parse.windows import text_windows
from geo.results import BatchResult, DocumentResult
from geo.settings import SAMPLE_DIR, WINDOW_CHARS, max_document_chars

__all__ = ["BatchResult", "DocumentResult", "Pipeline", "Progress", "TextProgress",
           "events_of", "load_sample_corpus", "process_documents"]

logger = logging.getLogger("conflictmap.pipeline")

#: Called with (documents done, documents in all, id of the current document).
Progress = Callable[[int, int, str], None]
#: Called with the number of characters of text just processed.
TextProgress = Callable[[int], None]


class _Opener:
    """A geoparser given, or the default one opened on first use, once, whichever thread
    asks first."""

    def __init__(self, geoparser: Geoparser | None, actors: ActorTable) -> None:
        self.value = geoparser
        self._actors = actors
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self.value is not None

    def get(self) -> Geoparser:
        if self.value is None:
            with self._lock:
                if self.value is None:
                    self.value = default_geoparser(actor_names(self._actors))
        return self.value


def _shift_resolved(resolved: Sequence[Resolved], delta: int) -> list[Resolved]:
    return [
        r._replace(mention=r.mention._replace(start=r.mention.start + delta,
                                              end=r.mention.end + delta))
        for r in resolved
    ]


def _shift_event(event: Event, doc_id: str, delta: int) -> Event:
    """An event of a window, with its offsets (and so its id) on the whole text."""
    return replace(
        event,
        event_id=event_id(doc_id, event.start + delta, event.layer, event.kind),
        start=event.start + delta,
        end=event.end + delta,
        locations=tuple(
            replace(p, start=p.start + delta, end=(p.end or p.start) + delta)
            if p.start is not None else p
            for p in event.locations
        ),
    )


class Pipeline:
    """Geoparser, actor table and corrections, ready to process documents.

    Parameters
    ----------
    geoparser
        The geoparser; the default one when omitted.
    actors
        The actor table; the bundled one when omitted.
    corrections
        User corrections to apply; none when omitted.
    max_chars
        Longest document processed; ``CONFLICTMAP_MAX_DOCUMENT_CHARS`` or
        :data:`geo.settings.MAX_DOCUMENT_CHARS` when omitted.
    window_chars
        Texts longer than this are processed in windows of about this size.
    lazy
        Open the default geoparser (the gazetteer and its name index: seconds) on first use
        rather than now; a missing gazetteer is then an error at that use. The app opens it
        only when a document is not in its caches.
    """

    def __init__(
        self,
        geoparser: Geoparser | None = None,
        actors: ActorTable | None = None,
        corrections: Corrections | None = None,
        *,
        max_chars: int | None = None,
        window_chars: int = WINDOW_CHARS,
        lazy: bool = False,
    ) -> None:
        self.actors = actors or load_actors()
        self._opener = _Opener(geoparser, self.actors)
        self.corrections = corrections or Corrections()
        self.max_chars = max_chars if max_chars is not None else max_document_chars()
        self.window_chars = window_chars
        if not lazy:
            self._opener.get()  # a missing gazetteer fails here

    @property
    def geoparser(self) -> Geoparser:
        """The geoparser (a lazy pipeline's default one opened on first use)."""
        return self._opener.get()

    @property
    def loaded(self) -> bool:
        """Whether the geoparser is open (a lazy pipeline's is not until first use)."""
        return self._opener.loaded

    def with_corrections(self, corrections: Corrections) -> Pipeline:
        """The same pipeline with other corrections: one geoparser for both, opened once
        (a lazy pipeline's on the first use by either)."""
        other = Pipeline(self._opener.value, self.actors, corrections,
                         max_chars=self.max_chars, window_chars=self.window_chars, lazy=True)
        other._opener = self._opener
        return other

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer behind the geoparser."""
        return self.geoparser.gazetteer

    def check_size(self, doc: Document) -> None:
        """Raise :class:`DocumentTooLargeError` when ``doc`` is over the size limit."""
        if len(doc.text) > self.max_chars:
            raise DocumentTooLargeError(
                f"{doc.id}: {len(doc.text):,} characters, over the limit of "
                f"{self.max_chars:,} (raise it with --max-document-chars or "
                "CONFLICTMAP_MAX_DOCUMENT_CHARS)"
            )

    def _resolve_window(self, doc: Document, offset: int, text: str) -> list[Resolved]:
        """Mentions of one window of ``doc``, offsets on the whole text, corrections applied."""
        resolved = self.geoparser.resolve_all(text)
        if offset:
            resolved = _shift_resolved(resolved, offset)
        if len(self.corrections):
            resolved = self.corrections.apply(doc.id, resolved, self.gazetteer)
        return resolved

    def _window(self, doc: Document, offset: int, text: str) -> tuple[list[Resolved], list[Event]]:
        """Mentions and events of one window, with offsets on the whole text."""
        resolved = self._resolve_window(doc, offset, text)
        if offset == 0 and len(text) == len(doc.text):
            return resolved, extract_events(doc, resolved, self.actors, self.gazetteer)
        window = replace(doc, text=text)
        found = extract_events(window, _shift_resolved(resolved, -offset), self.actors,
                               self.gazetteer)
        return resolved, [_shift_event(e, doc.id, offset) for e in found]

    def toponyms(self, doc: Document, *, on_text: TextProgress | None = None) -> list[Toponym]:
        """Place mentions of ``doc`` (organisations left out), corrections applied, window by
        window for a very long text: what ``conflictmap geoparse`` writes.

        Raises
        ------
        DocumentTooLargeError
            When the document is over the size limit.
        """
        self.check_size(doc)
        found: list[Toponym] = []
        for offset, text in text_windows(doc.text, self.window_chars):
            found.extend(
                Toponym(r.mention.start, r.mention.end, r.mention.text, r.mention.kind, r)
                for r in self._resolve_window(doc, offset, text)
                if r.mention.kind != KIND_ORGANISATION
            )
            if on_text is not None:
                on_text(len(text))
        return found

    def process_document(
        self,
        doc: Document,
        *,
        keep_mentions: bool = True,
        on_text: TextProgress | None = None,
    ) -> DocumentResult:
        """Geoparse one document and extract its events.

        Parameters
        ----------
        doc
            The document.
        keep_mentions
            Keep every resolved mention in the result (the app's corrections need them);
            without, a long document costs only its events' memory.
        on_text
            Called after each window with the number of characters done.

        Raises
        ------
        DocumentTooLargeError
            When the document is over the size limit.
        """
        self.check_size(doc)
        mentions: list[Resolved] = []
        events: list[Event] = []
        for offset, text in text_windows(doc.text, self.window_chars):
            resolved, found = self._window(doc, offset, text)
            if keep_mentions:
                mentions.extend(resolved)
            events.extend(found)
            if on_text is not None:
                on_text(len(text))
        return DocumentResult(doc, tuple(mentions), tuple(events))

    def iter_process(
        self,
        items: Iterable[Document | Failure],
        *,
        keep_mentions: bool = True,
        on_text: TextProgress | None = None,
    ) -> Iterator[DocumentResult | Failure]:
        """Process documents one at a time as ``items`` yields them; failures pass through.

        A document that fails becomes a :class:`~geo.model.Failure` naming it; an error that
        is not one of this package's is also logged with its traceback.
        """
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            self._opener.get()  # a gazetteer that cannot be opened stops the batch
            try:
                yield self.process_document(item, keep_mentions=keep_mentions, on_text=on_text)
            except ConflictMapError as err:
                yield Failure(item.id, str(err))
            except Exception as err:  # a bad document must not end the batch
                logger.exception("unexpected error in document %r", item.id)
                yield Failure(item.id, f"{type(err).__name__}: {err}")

    def process(
        self,
        docs: Iterable[Document],
        *,
        progress: Progress | None = None,
        total: int | None = None,
    ) -> BatchResult:
        """Process every document; one that fails is reported and skipped."""
        items = list(docs)
        total = total or len(items)
        results: list[DocumentResult] = []
        failures: list[Failure] = []
        for k, (doc, outcome) in enumerate(zip(items, self.iter_process(items), strict=True),
                                           start=1):
            if isinstance(outcome, Failure):
                failures.append(outcome)
            else:
                results.append(outcome)
            if progress is not None:
                progress(k, total, doc.id)
        reports = [e for r in results for e in r.events]
        events, merged = merge_events_report(reports)
        return BatchResult(tuple(results), tuple(events), tuple(failures),
                           reports=len(reports), merged=merged)


def process_documents(
    docs: Iterable[Document],
    *,
    corrections: Corrections | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Geoparse documents and extract their events (see :class:`Pipeline`)."""
    return Pipeline(corrections=corrections).process(docs, progress=progress)


def load_sample_corpus() -> list[Document]:
    """The bundled sample dispatches (the app's default data), with their dates."""
    index = json.loads((SAMPLE_DIR / "index.json").read_text(encoding="utf-8"))
    docs = []
    for item in index:
        text = (SAMPLE_DIR / item["file"]).read_text(encoding="utf-8")
        docs.append(
            Document(
                id=str(item["id"]),
                text=text,
                title=str(item.get("title") or text.split("\n", 1)[0]),
                source=str(item.get("source") or ""),
                published=check_date(item.get("published"), f"{SAMPLE_DIR}/index.json"),
                url=str(item.get("url") or ""),
            )
        )
    return docs


def events_of(results: Sequence[DocumentResult]) -> list[Event]:
    """All events of some document results, merged."""
    return merge_events([e for r in results for e in r.events])
