"""The whole flow for a batch of documents: geoparse, apply corrections, extract events.

The CLI and the app both call :func:`process_documents`; a bad document is reported in the
result's failures and the batch goes on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer
from geo.actors import ActorTable, load_actors
from geo.corrections import Corrections
from geo.events import extract_events, merge_events
from geo.geoparse import Geoparser, default_geoparser
from geo.ingest import Failure
from geo.model import Document, Event
from geo.resolve import Resolved
from geo.settings import SAMPLE_DIR

#: Called with (documents done, documents in all, id of the current document).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What one document gave.

    Parameters
    ----------
    document
        The document.
    resolved
        Every place mention with its resolution (corrections applied).
    events
        Events extracted from it, before merging across documents.
    """

    document: Document
    resolved: tuple[Resolved, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch gave.

    Parameters
    ----------
    documents
        Per-document results, in input order.
    events
        All events, duplicates across documents merged.
    failures
        Documents that could not be processed, with the reason.
    """

    documents: tuple[DocumentResult, ...]
    events: tuple[Event, ...]
    failures: tuple[Failure, ...]


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
    """

    def __init__(
        self,
        geoparser: Geoparser | None = None,
        actors: ActorTable | None = None,
        corrections: Corrections | None = None,
    ) -> None:
        self.geoparser = geoparser or default_geoparser()
        self.actors = actors or load_actors()
        self.corrections = corrections or Corrections()

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer behind the geoparser."""
        return self.geoparser.gazetteer

    def process_document(self, doc: Document) -> DocumentResult:
        """Geoparse one document and extract its events."""
        resolved = self.geoparser.resolve_all(doc.text)
        if len(self.corrections):
            resolved = self.corrections.apply(doc.id, resolved, self.gazetteer)
        events = extract_events(doc, resolved, self.actors, self.gazetteer)
        return DocumentResult(doc, tuple(resolved), tuple(events))

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
        for k, doc in enumerate(items, start=1):
            try:
                results.append(self.process_document(doc))
            except Exception as err:  # a bad document must not end the batch
                failures.append(Failure(doc.id, f"{type(err).__name__}: {err}"))
            if progress is not None:
                progress(k, total, doc.id)
        events = merge_events([e for r in results for e in r.events])
        return BatchResult(tuple(results), tuple(events), tuple(failures))


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
                published=item.get("published"),
                url=str(item.get("url") or ""),
            )
        )
    return docs


def events_of(results: Sequence[DocumentResult]) -> list[Event]:
    """All events of some document results, merged."""
    return merge_events([e for r in results for e in r.events])
