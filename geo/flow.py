"""The one flow under the CLI and the app: read, import, process, merge once, report.

:func:`run` takes input files (paths or uploaded bytes) and ready documents (the sample
corpus, a pasted article), and gives a :class:`~geo.pipeline.BatchResult`:

1. every file is sniffed: one of this tool's exports (CSV, GeoJSON, GeoPackage, GeoParquet,
   FlatGeobuf) is read back into its events, an event table (ACLED, GDELT) is imported,
   anything else is read as articles (:mod:`geo.io.ingest`), lazily, one document at a time;
2. a document whose id is taken by another text is reported and skipped; a copy of a story
   already read (:mod:`geo.duplicates`) is not processed again: its source is added to the
   original's events, so one story gives one set of events listing every source;
3. each document is processed (:class:`~geo.pipeline.Pipeline`), through an optional cache
   of earlier results (the app keeps one between reruns);
4. all events, extracted and imported, are merged once
   (:func:`geo.events.merge.merge_events_report`), and the analyst's reviews applied
   (:mod:`geo.io.reviews`: rejected events left out).

Nothing stops the batch: a file, line or document that fails becomes a
:class:`~geo.model.Failure`, and what is worth knowing about an input that was read (a
guessed encoding, a copy of another story) a notice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from geo.dates import format_day
from geo.duplicates import StoryIndex
from geo.events.merge import MergeReport, merge_events_report
from geo.io.ingest import (
    JSONL_SUFFIXES,
    documents_from_bytes,
    is_event_table,
    stream_jsonl,
)
from geo.io.notices import captured_warnings
from geo.io.partitions import read_events, read_manifest
from geo.io.records import import_event_table, is_exported_table, read_exported_events
from geo.io.reviews import Reviews
from geo.model import Document, Event, Failure
from geo.pipeline import BatchResult, DocumentResult, Pipeline, TextProgress
from geo.results import ResultCache

__all__ = ["InputFile", "ResultCache", "add_sources", "document_key", "merge_parts", "run"]

#: Processes documents somewhere (a cluster), giving their results in input order.
Processor = Callable[[Iterable[Document]], Iterable[DocumentResult | Failure]]
#: Called after each document with (documents done, id of the document).
DocumentProgress = Callable[[int, str], None]
#: Called before merging with the imported reports (tables, exports) and the copies of stories
#: (original document id -> sources of its copies).
MergeInputs = Callable[[Sequence[Event], Mapping[str, Sequence[str]]], None]


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input file: its name (reported, and the source of its documents) and its bytes.

    Parameters
    ----------
    name
        File name as shown to the user; no folder reaches any output.
    path
        Where to read it from, for a file on disk.
    data
        Its bytes, for an upload.
    """

    name: str
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def from_path(cls, path: Path) -> InputFile:
        """A file on disk, read when the flow reaches it."""
        return cls(name=str(path), path=path)

    def read(self) -> bytes:
        """The file's bytes.

        Raises
        ------
        OSError
            When the file cannot be read.
        """
        if self.data is not None:
            return self.data
        if self.path is None:
            raise FileNotFoundError(f"{self.name!r} has neither a path nor data")
        return self.path.read_bytes()

    def head(self, size: int = 4096) -> bytes:
        """The first ``size`` bytes (enough to tell a table from articles)."""
        if self.data is not None:
            return self.data[:size]
        if self.path is None:
            return b""
        with self.path.open("rb") as fh:
            return fh.read(size)

    def is_event_table(self) -> bool:
        """Whether the file is an ACLED/GDELT table rather than articles."""
        try:
            return is_event_table(self.name, self.head())
        except OSError:
            return False

    def is_export(self) -> bool:
        """Whether the file is one of this tool's own exports (read back as events)."""
        try:
            return is_exported_table(Path(self.name).name, self.head())
        except OSError:
            return False


def document_key(doc: Document, pipeline: Pipeline) -> str:
    """A hash of everything a document's result depends on: its fields and its corrections."""
    h = hashlib.sha256()
    for part in (doc.id, doc.text, doc.title, doc.source, format_day(doc.published) or "", doc.url,
                 pipeline.corrections.signature(doc.id)):
        h.update(part.encode("utf-8", "replace"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


@dataclass
class _Batch:
    """What the flow gathers while it goes."""

    documents: list[DocumentResult]
    reports: list[Event]
    failures: list[Failure]
    notices: list[Failure]
    copies: dict[str, list[str]]  # original document id -> sources of its copies


def _read(
    item: InputFile, published: date | None, pipeline: Pipeline, batch: _Batch
) -> Iterator[Document]:
    """Documents of one input; its events (a table), failures and notices go to ``batch``.

    A JSON Lines file on disk is read line by line, so a file larger than memory streams.
    """
    if item.path is not None and item.path.suffix.lower() in JSONL_SUFFIXES \
            and not item.is_export():
        yield from _streamed(item, item.path, published, batch)
        return
    try:
        data = item.read()
    except OSError as err:
        batch.failures.append(Failure(item.name, f"cannot read: {err.strerror or err}"))
        return
    with captured_warnings() as notices:
        docs: list[Document] = []
        if item.is_export():
            events, failures = read_exported_events(item.name, data)
            batch.reports.extend(events)
        elif item.is_event_table():
            events, failures = import_event_table(item.name, data,
                                                  gazetteer=pipeline.gazetteer)
            batch.reports.extend(events)
        else:
            docs, failures = documents_from_bytes(item.name, data, published=published)
    batch.failures.extend(failures)
    batch.notices.extend(Failure(item.name, n) for n in notices)
    yield from docs


def _streamed(
    item: InputFile, path: Path, published: date | None, batch: _Batch
) -> Iterator[Document]:
    """Documents of a JSON Lines file read line by line; failures and notices to ``batch``."""
    with captured_warnings() as notices:
        for read in stream_jsonl(path, published=published):
            if isinstance(read, Failure):
                batch.failures.append(read)
            else:
                yield read
    batch.notices.extend(Failure(item.name, n) for n in notices)


def _originals(
    items: Iterable[InputFile | Document],
    published: date | None,
    pipeline: Pipeline,
    batch: _Batch,
) -> Iterator[Document]:
    """Every document to process: ids made unique, copies of earlier stories set aside."""
    stories = StoryIndex()
    texts: dict[str, bytes] = {}  # document id -> digest of its text (not the text itself)
    for item in items:
        docs = [item] if isinstance(item, Document) else _read(item, published, pipeline, batch)
        for doc in docs:
            text_digest = hashlib.sha1(doc.text.encode("utf-8", "replace")).digest()
            if doc.id in texts:
                if texts[doc.id] != text_digest:
                    batch.failures.append(Failure(doc.id, (
                        f"document id {doc.id!r} is already used by another text; this one "
                        "was skipped (rename the file or give it another id)")))
                continue
            texts[doc.id] = text_digest
            original = stories.original_of(doc.id, doc.text)
            if original is not None:
                batch.notices.append(Failure(
                    doc.id, f"the same story as {original!r}: its events list this source too"))
                batch.copies.setdefault(original, []).append(doc.source or doc.id)
                continue
            yield doc


def _processed(
    docs: Iterable[Document],
    pipeline: Pipeline,
    *,
    cache: ResultCache[DocumentResult | Failure] | None,
    keep_mentions: bool,
    on_text: TextProgress | None,
) -> Iterator[DocumentResult | Failure]:
    """Results of ``docs`` in order, from ``cache`` where it has them."""
    for doc in docs:
        key = document_key(doc, pipeline) if cache is not None else ""
        outcome = cache.get(key) if cache is not None else None
        if outcome is None:
            outcome = next(pipeline.iter_process([doc], keep_mentions=keep_mentions,
                                                 on_text=on_text))
            if cache is not None:
                cache.put(key, outcome)
        elif on_text is not None:
            on_text(len(doc.text))
        yield outcome


def add_sources(event: Event, sources: Sequence[str]) -> Event:
    """The event of a story with the sources of its copies added (each named once)."""
    return replace(event, source="; ".join(dict.fromkeys(
        s for s in (event.source, *sources) if s)))


def _with_copies(result: DocumentResult, sources: list[str]) -> DocumentResult:
    """The result of a story with the sources of its copies added to its events."""
    return replace(result, events=tuple(add_sources(e, sources) for e in result.events))


def run(
    inputs: Iterable[InputFile | Document],
    pipeline: Pipeline,
    *,
    published: date | None = None,
    keep_mentions: bool = True,
    cache: ResultCache[DocumentResult | Failure] | None = None,
    on_text: TextProgress | None = None,
    on_document: DocumentProgress | None = None,
    reviews: Reviews | None = None,
    processor: Processor | None = None,
    before_merge: MergeInputs | None = None,
    collect: bool = True,
) -> BatchResult:
    """Read, import, process and merge a batch; report what failed.

    Parameters
    ----------
    inputs
        Files (articles or event tables) and ready documents, in order.
    pipeline
        Geoparser, actors and corrections to process the documents with.
    published
        Date given to articles that carry none.
    keep_mentions
        Keep each document's text and resolved mentions in the result (the app's reading and
        corrections use them); without, a batch holds only the events and each document's
        fields but its text, so a corpus larger than memory streams through.
    cache
        Results of earlier runs, reused for documents (and corrections) that did not change.
    on_text
        Called with the characters of text processed, as it goes.
    on_document
        Called after each document with the count so far and its id.
    reviews
        The analyst's reviews, applied to the merged events (rejected ones left out).
    processor
        Processes the documents elsewhere, results in input order (a
        :class:`geo.cluster.DaskProcessor`); in this process, through ``cache``, when omitted.
    before_merge
        Called once every document is processed, before merging, with the imported reports
        and the copies of stories (partitioned output writes them beside its parts).
    collect
        Keep every document's result and merge them all (the batch's documents and events).
        Without, results only pass through ``processor`` (which writes them out: partitioned
        output), so memory stays bounded however large the corpus; the batch then gives no
        documents or events, only the failures, notices and the count of reports.

    Returns
    -------
    BatchResult
        Per-document results, the merged events, failures, notices and merge counts.
    """
    batch = _Batch([], [], [], [], {})
    docs = _originals(inputs, published, pipeline, batch)
    outcomes = (
        processor(docs) if processor is not None
        else _processed(docs, pipeline, cache=cache, keep_mentions=keep_mentions,
                        on_text=on_text)
    )
    extracted = 0
    for done, outcome in enumerate(outcomes, start=1):
        if isinstance(outcome, Failure):
            batch.failures.append(outcome)
        elif not collect:
            extracted += len(outcome.events)
        else:
            batch.documents.append(outcome if keep_mentions else replace(
                outcome, document=replace(outcome.document, text=""), resolved=()))
        if on_document is not None:
            on_document(done, outcome.where if isinstance(outcome, Failure)
                        else outcome.document.id)
    documents = [
        _with_copies(r, batch.copies[r.document.id]) if r.document.id in batch.copies else r
        for r in batch.documents
    ]
    if before_merge is not None:
        before_merge(batch.reports, batch.copies)
    if not collect:
        return BatchResult(documents=(), events=(), failures=tuple(batch.failures),
                           notices=tuple(batch.notices), reports=extracted + len(batch.reports))
    reports = [*(e for r in documents for e in r.events), *batch.reports]
    events, merged = merge_events_report(reports)
    reviewed = reviews.apply(events) if reviews is not None else events
    return BatchResult(
        documents=tuple(documents),
        events=tuple(reviewed),
        failures=tuple(batch.failures),
        notices=tuple(batch.notices),
        reports=len(reports),
        merged=merged,
        rejected=len(events) - len(reviewed),
    )


def merge_parts(folder: Path) -> MergeReport:
    """The events of a partitioned run's parts (``--partitioned-out``), merged once as the run
    merged them: each story's copies' sources added, then
    :func:`geo.events.merge.merge_events_report` over the parts in input order (the run's merged events, before reviews and filters).

    Raises
    ------
    InputError
        When the folder holds no finished events run, or a part is missing or changed.
    """
    copies: dict[str, list[str]] = read_manifest(folder).get("copies") or {}
    return merge_events_report([
        add_sources(e, copies[e.doc_id]) if e.doc_id in copies else e
        for e in read_events(folder)
    ])
