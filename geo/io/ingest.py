"""Read articles from files: .txt, .md, .html, .json, .jsonl and .csv (one article a row).

A file or line that cannot be read becomes a :class:`Failure` naming it; the others load.

A document's ``source`` is the file's name without its folder (``reports/a.txt`` gives
``a.txt``), or the ``source`` field of a JSON, JSON Lines or CSV record; no local path reaches
a document, and so none reaches an export. Failures name the file as it was given, so a user
can find it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from geo.errors import InputError, UnsupportedFormatError
from geo.io.dates_meta import dateline_date, dateline_year, find_dateline, html_published
from geo.io.decode import (
    clean_controls,
    decode_lines,
    decode_text,
    log,
    sniff_text,
    stream_lines,
)
from geo.model import Document, Failure

TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
#: Line-oriented files, read line by line from disk.
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES + (".csv",)
#: Column names of event tables (ACLED, GDELT): such CSV files are imported, not geoparsed.
EVENT_TABLE_COLUMNS = frozenset({"event_date", "latitude", "sqldate", "actiongeo_lat"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, paragraphs on their own lines."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "section", "article", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self._skip:
            # Line breaks in the markup are spaces; only block tags break lines.
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> tuple[str, str]:
    """Visible text and title of an HTML document."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)  # the parser has already turned entities into characters
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n[ \n]*\n *", "\n\n", text).strip()
    return text, parser.title.strip()


def check_date(value: str | None, where: str) -> date | None:
    """The day ``value`` gives as ``YYYY-MM-DD`` (longer ISO text is cut to its day), ``None``
    when empty; raise InputError when it is no such day."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()[:10]
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError(text)  # fromisoformat also takes "20200228" and "2020-W09-5"
        return date.fromisoformat(text)
    except ValueError as err:
        raise InputError(f"{where}: published date {value!r} is not YYYY-MM-DD") from err


def _first_line_title(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip().lstrip("#").strip()
    return first[:200]


def source_name(name: str) -> str:
    """What a document from the file ``name`` gives as its source: the file name, no folder."""
    return Path(name).name


def _document_from_record(
    record: object, where: str, fallback_id: str, source: str = ""
) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with 'text'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: no 'text'")
    text = clean_controls(text)  # from escapes such as \u0000
    doc_id = str(record.get("id") or fallback_id)
    return Document(
        id=doc_id,
        text=text,
        title=clean_controls(str(record.get("title") or _first_line_title(text))),
        source=str(record.get("source") or source),
        published=check_date(record.get("published") or record.get("date"), where),
        url=str(record.get("url") or record.get("source_url") or ""),
    )


def documents_from_bytes(
    name: str, data: bytes, *, published: date | None = None
) -> tuple[list[Document], list[Failure]]:
    """Read the articles of one file given as bytes (an upload, or a file's contents).

    Parameters
    ----------
    name
        File name; its extension chooses the reader. A path is fine: failures name it as
        given, and the documents' ``source`` is its last part (:func:`source_name`).
    data
        File contents: UTF-8, or any encoding :func:`geo.io.decode.detect_encoding` finds (a
        guessed one is logged as a warning). Control characters in the text become spaces.
    published
        Date given to articles that carry none.

    Returns
    -------
    tuple
        The documents read, and the failures (bad lines, or the whole file).
    """
    suffix = Path(name).suffix.lower()
    docs: list[Document] = []
    failures: list[Failure] = []
    try:
        if suffix not in SUFFIXES:
            raise UnsupportedFormatError(
                f"{name}: unsupported file type {suffix!r} (use one of {', '.join(SUFFIXES)})"
            )
        if suffix in JSONL_SUFFIXES:
            _read_jsonl(name, data, docs, failures)
        else:
            text = clean_controls(decode_text(name, data, html=suffix in HTML_SUFFIXES))
            if not text.strip():
                raise InputError(f"{name}: empty file")
            _read_text(name, suffix, text, docs, failures)
    except (InputError, json.JSONDecodeError, csv.Error) as err:
        failures.append(Failure(name, str(err)))
    docs = dated_documents(docs, published)
    return docs, failures


def dated_documents(docs: list[Document], published: date | None) -> list[Document]:
    """Give each undated document a date: its dateline, else the batch's ``published``.

    A document's own date (record field, HTML metadata) is kept. A dateline ("TRIPOLI, May 18
    (Reuters) -") gives a month and a day; its year comes from ``published``, the other
    documents' dates, or a full date in the text (:func:`geo.io.dates_meta.dateline_year`).
    A dateline without a year leaves the document undated and logs a warning saying so (the
    flow shows it beside the file), rather than falling back on a guess.
    """
    file_days = [d.published for d in docs if d.published]
    out = []
    for doc in docs:
        if doc.published:
            out.append(doc)
            continue
        found = find_dateline(doc.text)
        year = dateline_year(found, doc.text, published, file_days) if found else None
        given = dateline_date(doc.text, year) if found else None
        if given is not None and given.day:
            out.append(_with_date(doc, given.day))
            continue
        if given is not None and not published:
            log.warning("%s: %s", doc.id, given.note)
        out.append(_with_date(doc, published) if published else doc)
    return out


def _read_text(
    name: str, suffix: str, text: str, docs: list[Document], failures: list[Failure]
) -> None:
    """Articles of a decoded .txt, .md, .html, .json or .csv file."""
    stem, source = Path(name).stem, source_name(name)
    if suffix in TEXT_SUFFIXES:
        docs.append(Document(stem, text, _first_line_title(text), source))
    elif suffix in HTML_SUFFIXES:
        body, title = html_to_text(text)
        body, title = clean_controls(body), clean_controls(title)  # from character references
        if not body:
            raise InputError(f"{name}: no visible text")
        docs.append(Document(stem, body, title or _first_line_title(body), source,
                             html_published(text)))
    elif suffix == ".json":
        payload = json.loads(text)
        records = payload if isinstance(payload, list) else [payload]
        for k, rec in enumerate(records):
            _collect(docs, failures, rec, f"{name}[{k}]", f"{stem}-{k}", source)
    else:
        reader = csv.DictReader(io.StringIO(text))
        for rec in reader:
            _collect(docs, failures, rec, f"{name}:{reader.line_num}",
                     f"{stem}-{reader.line_num}", source)


def _read_jsonl(name: str, data: bytes, docs: list[Document], failures: list[Failure]) -> None:
    """Articles of a JSON Lines file; a line that cannot be decoded or parsed fails alone."""
    for item in jsonl_items(name, decode_lines(name, data)):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            docs.append(item)


def jsonl_items(
    name: str, lines: Iterable[tuple[int, str | UnicodeDecodeError]]
) -> Iterator[Document | Failure]:
    """Articles of the decoded lines of a JSON Lines file, one at a time; a line that cannot
    be decoded or parsed becomes a failure naming it (``name:line``).

    Raises
    ------
    InputError
        When the file holds no line at all.
    """
    stem, source = Path(name).stem, source_name(name)
    blank = True
    for line_no, line in lines:
        where = f"{name}:{line_no}"
        if isinstance(line, UnicodeDecodeError):
            blank = False
            yield Failure(where, _undecodable(line))
            continue
        if not line.strip():
            continue
        blank = False
        try:
            rec = json.loads(clean_controls(line))
        except json.JSONDecodeError as err:
            yield Failure(where, f"bad JSON: {err.msg}")
            continue
        try:
            yield _document_from_record(rec, where, f"{stem}-{line_no}", source)
        except InputError as err:
            yield Failure(where, str(err))
    if blank:
        raise InputError(f"{name}: empty file")


def stream_jsonl(path: Path, *, published: date | None = None) -> Iterator[Document | Failure]:
    """Articles of a JSON Lines file on disk, read line by line (a file larger than memory
    streams through); bad lines and an unreadable file become failures."""
    try:
        with path.open("rb") as fh:
            for item in jsonl_items(str(path), stream_lines(str(path), fh)):
                if isinstance(item, Document) and published and not item.published:
                    item = _with_date(item, published)
                yield item
    except (OSError, InputError) as err:
        message = f"cannot read: {err.strerror or err}" if isinstance(err, OSError) else None
        yield Failure(str(path), message or str(err))


def _undecodable(err: UnicodeDecodeError) -> str:
    """What is wrong with a line that does not decode, naming the byte and its column."""
    byte = err.object[err.start:err.start + 1].hex()
    return f"not {err.encoding} text: byte 0x{byte} at column {err.start + 1}"


def _with_date(doc: Document, published: date) -> Document:
    return Document(doc.id, doc.text, doc.title, doc.source, published, doc.url)


def _collect(
    docs: list[Document], failures: list[Failure], rec: object, where: str, fallback: str,
    source: str,
) -> None:
    try:
        docs.append(_document_from_record(rec, where, fallback, source))
    except InputError as err:
        failures.append(Failure(where, str(err)))


def is_event_table(name: str, data: bytes) -> bool:
    """Whether a CSV file is an event table (ACLED/GDELT) rather than articles."""
    if Path(name).suffix.lower() not in (".csv", ".tsv"):
        return False
    head = sniff_text(data).splitlines()[:1]
    if not head:
        return False
    first = next(csv.reader(head, delimiter="\t" if "\t" in head[0] else ","), [])
    return bool({c.strip().lower() for c in first} & EVENT_TABLE_COLUMNS)


def read_documents(
    paths: Iterable[Path], *, published: date | None = None
) -> Iterator[Document | Failure]:
    """Documents of every file in ``paths``, in order; unreadable ones become failures.

    A document's ``source`` is its file's name (or its record's ``source``), never the path;
    failures name the path as given.
    """
    for path in paths:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from stream_jsonl(path, published=published)
            continue
        try:
            data = path.read_bytes()
        except OSError as err:
            yield Failure(str(path), f"cannot read: {err.strerror or err}")
            continue
        docs, failures = documents_from_bytes(str(path), data, published=published)
        yield from failures
        yield from docs
