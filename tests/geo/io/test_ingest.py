"""Tests of ``geo.io.ingest``: reading articles from files, and telling event tables apart."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.io.ingest import (
    check_date,
    documents_from_bytes,
    html_to_text,
    is_event_table,
    read_documents,
)
from geo.model import Document, Failure
from geo.parse.text import split_sentences

ARTICLE = "Turkish convoy crosses into Idlib\n\nA long convoy crossed the border on Sunday.\n"

PAGE = """<!DOCTYPE html>
<html><head><title>Jets pound Saraqib</title>
<style>p { color: red; }</style>
<script>var tracker = "Damascus";</script></head>
<body><h1>Jets pound Saraqib</h1>
<p>Russian jets struck Saraqib on Thursday.</p>
<script>alert("Aleppo")</script>
<p>Residents fled north &amp; west.</p>
<noscript>Enable JavaScript</noscript>
</body></html>"""


def _jsonl(*lines: object) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()


def test_txt_title_is_the_first_line_and_id_the_stem() -> None:
    (doc,), failures = documents_from_bytes("convoy.txt", ARTICLE.encode())
    assert failures == []
    assert doc.id == "convoy"
    assert doc.title == "Turkish convoy crosses into Idlib"
    assert doc.text == ARTICLE
    assert doc.published is None


def test_md_title_drops_the_heading_marks() -> None:
    (doc,), failures = documents_from_bytes("notes.md", b"## Strike on Taftanaz\n\nText here.")
    assert failures == []
    assert (doc.id, doc.title) == ("notes", "Strike on Taftanaz")


def test_utf8_bom_is_not_part_of_the_text() -> None:
    (doc,), _ = documents_from_bytes("convoy.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
    assert doc.text == ARTICLE
    assert doc.title.startswith("Turkish")


def test_html_keeps_visible_text_and_uses_the_title() -> None:
    (doc,), failures = documents_from_bytes("page.html", PAGE.encode())
    assert failures == []
    assert doc.id == "page"
    assert doc.title == "Jets pound Saraqib"
    assert "Russian jets struck Saraqib on Thursday." in doc.text
    assert "Residents fled north & west." in doc.text
    for hidden in ("tracker", "Damascus", "alert", "Aleppo", "color", "JavaScript"):
        assert hidden not in doc.text


def test_html_paragraphs_become_blocks_and_wrapped_source_lines_do_not() -> None:
    markup = ("<p>Turkish troops   moved toward\nIdlib on Sunday.</p>"
              "<p>Jets struck\n  Saraqib.</p><div>Third</div>")
    text, title = html_to_text(markup)
    assert text == ("Turkish troops moved toward Idlib on Sunday.\n\nJets struck Saraqib."
                    "\n\nThird")
    assert [s.text for s in split_sentences(text)] == [
        "Turkish troops moved toward Idlib on Sunday.", "Jets struck Saraqib.", "Third"]
    assert title == ""


def test_html_without_title_takes_the_first_line() -> None:
    (doc,), _ = documents_from_bytes("p.htm", b"<body><h2>Ships sail</h2><p>Body.</p></body>")
    assert doc.title == "Ships sail"


def test_json_object() -> None:
    record = {"id": "a1", "text": "Troops moved.", "title": "Moves", "source": "AP",
              "published": "2020-02-28", "url": "https://example.org/a1"}
    (doc,), failures = documents_from_bytes("one.json", json.dumps(record).encode())
    assert failures == []
    assert doc == Document("a1", "Troops moved.", "Moves", "AP", date(2020, 2, 28),
                           "https://example.org/a1")


def test_json_list_loads_every_record_and_reports_bad_ones() -> None:
    payload = [{"id": "a", "text": "One."}, {"title": "no text"}, {"text": "Three.",
                                                                   "date": "2020-03-01"}]
    docs, failures = documents_from_bytes("many.json", json.dumps(payload).encode())
    assert [d.id for d in docs] == ["a", "many-2"]
    assert docs[1].published == date(2020, 3, 1)
    assert [f.where for f in failures] == ["many.json[1]"]


def test_jsonl_bad_line_is_reported_and_the_others_load() -> None:
    data = _jsonl({"id": "a", "text": "One."}, '{"id": "b", "text": ', {"id": "c", "text": "Two."})
    docs, failures = documents_from_bytes("feed.jsonl", data)
    assert [d.id for d in docs] == ["a", "c"]
    assert [f.where for f in failures] == ["feed.jsonl:2"]
    assert "JSON" in failures[0].message


def test_jsonl_line_without_text_is_reported() -> None:
    data = _jsonl({"id": "a", "text": "One."}, {"id": "b", "title": "Headline only"},
                  {"id": "c", "text": "   "}, [1, 2])
    docs, failures = documents_from_bytes("feed.jsonl", data)
    assert [d.id for d in docs] == ["a"]
    assert [f.where for f in failures] == ["feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:4"]
    assert "text" in failures[0].message


def test_jsonl_bad_date_names_the_line() -> None:
    data = _jsonl({"id": "a", "text": "One.", "published": "2020-02-28"},
                  {"id": "b", "text": "Two.", "published": "28/02/2020"})
    docs, failures = documents_from_bytes("feed.jsonl", data)
    assert [d.id for d in docs] == ["a"]
    assert [f.where for f in failures] == ["feed.jsonl:2"]
    assert "feed.jsonl:2" in failures[0].message
    assert "28/02/2020" in failures[0].message


def test_jsonl_ids_default_to_stem_and_line() -> None:
    docs, _ = documents_from_bytes("feed.jsonl", _jsonl({"text": "One."}, "", {"text": "Two."}))
    assert [d.id for d in docs] == ["feed-1", "feed-3"]


def test_csv_of_articles() -> None:
    data = (
        b"id,title,text,published,url\n"
        b'a,Convoy,"Troops crossed, said officials.",2020-02-09,https://example.org/a\n'
        b"b,Blank,,2020-02-10,\n"
        b"c,Strike,Jets struck Ariha.,,\n"
    )
    docs, failures = documents_from_bytes("articles.csv", data)
    assert [(d.id, d.title, d.text, d.published) for d in docs] == [
        ("a", "Convoy", "Troops crossed, said officials.", date(2020, 2, 9)),
        ("c", "Strike", "Jets struck Ariha.", None),
    ]
    assert docs[0].url == "https://example.org/a"
    assert [f.where for f in failures] == ["articles.csv:3"]


def test_unsupported_extension_is_a_failure_naming_it() -> None:
    docs, failures = documents_from_bytes("report.pdf", b"%PDF-1.4")
    assert docs == []
    (failure,) = failures
    assert failure.where == "report.pdf"
    assert ".pdf" in failure.message


#: An article with curly quotes and accents: bytes 0x93, 0x94 and 0xe9 in cp1252.
CURLY = ("\u201cTurkish troops entered Alep\u00e9,\u201d said the minist\u00e8re on Sunday."
         "\n\nThe convoy moved north.\n")
LATIN = ("Les forces turques sont entr\u00e9es \u00e0 Idlib, a d\u00e9clar\u00e9 le "
         "minist\u00e8re.\n")


@pytest.mark.parametrize(("text", "encoding"), [
    ("Hafez al-Assad, Alep\u00e9", "latin-1"),
    (LATIN, "latin-1"),
    (CURLY, "cp1252"),
    ("\u201cAlep\u00e9\u201d", "cp1252"),
    (CURLY, "utf-16"),
    (CURLY, "utf-16-le"),
    (CURLY, "utf-16-be"),
    (CURLY, "utf-32"),
    (CURLY, "utf-8-sig"),
])
def test_article_in_a_legacy_or_utf16_encoding_is_read(text: str, encoding: str) -> None:
    (doc,), failures = documents_from_bytes("article.txt", text.encode(encoding))
    assert failures == []
    assert doc.text == text
    assert doc.title == text.split("\n")[0]


def test_guessed_encoding_is_a_warning_naming_file_and_encoding(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="conflictmap"):
        (doc,), _ = documents_from_bytes("a.txt", CURLY.encode("cp1252"))
    assert doc.text == CURLY
    (record,) = caplog.records
    assert record.name.startswith("conflictmap")
    assert record.levelno == logging.WARNING
    assert record.getMessage() == "read 'a.txt' as cp1252 (not UTF-8)"


def test_bom_less_utf16_is_a_guess_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        (doc,), _ = documents_from_bytes("wide.txt", CURLY.encode("utf-16-le"))
    assert doc.text == CURLY
    assert [r.getMessage() for r in caplog.records] == ["read 'wide.txt' as utf-16-le (not UTF-8)"]


@pytest.mark.parametrize("data", [CURLY.encode("utf-8"), CURLY.encode("utf-8-sig"),
                                  CURLY.encode("utf-16"), ARTICLE.encode("ascii")])
def test_utf8_and_bom_marked_files_log_nothing(
    caplog: pytest.LogCaptureFixture, data: bytes
) -> None:
    with caplog.at_level(logging.DEBUG, logger="conflictmap"):
        documents_from_bytes("a.txt", data)
    assert caplog.records == []


@pytest.mark.parametrize("name", ["a.json", "a.jsonl", "a.csv", "a.html"])
def test_cp1252_records_pages_and_rows_are_read(name: str) -> None:
    body = {"a.json": f'[{{"id": "a", "text": "{CURLY.strip()}"}}]'.replace("\n", " "),
            "a.jsonl": f'{{"id": "a", "text": "{CURLY.strip()}"}}'.replace("\n", " "),
            "a.csv": f'id,text\na,"{CURLY.strip()}"\n',
            "a.html": f"<p>{CURLY.strip()}</p>"}[name]
    (doc,), failures = documents_from_bytes(name, body.encode("cp1252"))
    assert failures == []
    assert doc.text.startswith("\u201cTurkish troops entered Alep\u00e9,\u201d said")


def test_binary_file_is_one_failure() -> None:
    docs, failures = documents_from_bytes("scan.txt", bytes(range(256)) * 8)
    assert docs == []
    assert [f.where for f in failures] == ["scan.txt"]
    assert "encoding" in failures[0].message


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}<title>{body[:12]}</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(("head", "encoding"), [
    ('<meta charset="windows-1252">', "cp1252"),
    ("<meta charset=windows-1252 />", "cp1252"),
    ('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252">', "cp1252"),
    # Browsers read pages labelled ISO-8859-1 as windows-1252: 0x93 is a quote, not a control.
    ("<meta http-equiv='content-type' content='text/html;charset=iso-8859-1'>", "cp1252"),
])
def test_html_declared_windows_1252_is_read_without_a_guess(
    caplog: pytest.LogCaptureFixture, head: str, encoding: str
) -> None:
    with caplog.at_level(logging.INFO, logger="conflictmap"):
        (doc,), failures = documents_from_bytes("page.html", _page(head, CURLY).encode(encoding))
    assert failures == []
    assert doc.text == CURLY.replace("\n\n", " ").strip()
    assert doc.title == CURLY[:12]
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "declared" in caplog.records[0].getMessage()


GREEK = "Οι τουρκικές δυνάμεις μπήκαν στην Ιντλίμπ."  # Greek, cp1253


@pytest.mark.parametrize("head", ['<meta charset="windows-1253">',
                                  '<meta http-equiv="Content-Type" '
                                  'content="text/html; charset=windows-1253">'])
def test_html_declared_charset_beats_the_guess(head: str) -> None:
    # Unlabelled, these Greek bytes are guessed as a Cyrillic encoding.
    (doc,), failures = documents_from_bytes("page.html", _page(head, GREEK).encode("cp1253"))
    assert failures == []
    assert doc.text == GREEK


def test_html_declaration_that_does_not_fit_is_ignored(caplog: pytest.LogCaptureFixture) -> None:
    utf8 = _page('<meta charset="windows-1253">', CURLY).encode("utf-8")
    (doc,), _ = documents_from_bytes("utf8.html", utf8)
    assert doc.text.startswith("\u201cTurkish troops entered Alep\u00e9,\u201d")
    bogus = _page('<meta charset="no-such-charset">', LATIN).encode("cp1252")
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        (doc,), _ = documents_from_bytes("bogus.html", bogus)
    assert doc.text == LATIN.strip()
    assert [r.getMessage() for r in caplog.records] == ["read 'bogus.html' as cp1252 (not UTF-8)"]


@pytest.mark.parametrize(
    ("char", "kept"),
    [("\u2028", True), ("\u2029", True), ("\u0085", False), ("\x0b", False), ("\x0c", False),
     ("\x1c", False)],
)
def test_jsonl_record_holding_a_line_separator_is_one_document(char: str, kept: bool) -> None:
    # Written raw, not escaped: str.splitlines() would break the first record in two.
    text = f'{{"id": "a", "text": "Troops moved{char}north."}}\n{{"id": "b", "text": "Two."}}'
    docs, failures = documents_from_bytes("feed.jsonl", text.encode())
    assert failures == []
    assert [d.id for d in docs] == ["a", "b"]
    # The Unicode line and paragraph separators are kept; the others become a space.
    assert docs[0].text == (f"Troops moved{char}north." if kept else "Troops moved north.")


def test_jsonl_u0085_becomes_a_space_and_u2028_is_kept() -> None:
    data = '{"text": "One\u2028line"}\n{"text": "Two\u0085lines"}\n'.encode()
    docs, failures = documents_from_bytes("feed.jsonl", data)
    assert failures == []
    assert [d.text for d in docs] == ["One\u2028line", "Two lines"]


def test_jsonl_crlf_lines_are_read() -> None:
    data = b'{"id": "a", "text": "One."}\r\n{"id": "b", "text": "Two."}\r\n'
    docs, failures = documents_from_bytes("feed.jsonl", data)
    assert failures == []
    assert [(d.id, d.text) for d in docs] == [("a", "One."), ("b", "Two.")]


def test_jsonl_line_not_valid_utf8_costs_that_line_only() -> None:
    data = ('{"id": "a", "text": "Jets struck Alep\u00e9."}\n'.encode()
            + b'{"id": "b", "text": "Broken \xff byte."}\n'
            + '{"id": "c", "text": "T\u00fcrkiye."}\n'.encode())
    docs, failures = documents_from_bytes("feed.jsonl", data)
    assert [(d.id, d.text) for d in docs] == [("a", "Jets struck Alep\u00e9."),
                                             ("c", "T\u00fcrkiye.")]
    (failure,) = failures
    assert failure.where == "feed.jsonl:2"
    assert "0xff" in failure.message


def test_jsonl_in_cp1252_is_read_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    data = ('{"id": "a", "text": "\u201cAlep\u00e9\u201d, said the minist\u00e8re."}\n'
            '{"id": "b", "text": "Troops moved."}\n').encode("cp1252")
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        docs, failures = documents_from_bytes("feed.jsonl", data)
    assert failures == []
    assert docs[0].text == "\u201cAlep\u00e9\u201d, said the minist\u00e8re."
    assert [r.getMessage() for r in caplog.records] == ["read 'feed.jsonl' as cp1252 (not UTF-8)"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_jsonl_in_utf16_is_read(encoding: str) -> None:
    data = '{"id": "a", "text": "Alep\u00e9."}\r\n{"id": "b", "text": "T\u00fcrkiye."}\n'
    docs, failures = documents_from_bytes("feed.jsonl", data.encode(encoding))
    assert failures == []
    assert [(d.id, d.text) for d in docs] == [("a", "Alep\u00e9."), ("b", "T\u00fcrkiye.")]


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_nul_and_controls_in_an_article_become_spaces_at_the_same_offsets(name: str) -> None:
    raw = "Jets struck\x00Saraqib\x07 on\x1bThursday.\x7f\x85\n\tTroops\r\nmoved."
    (doc,), failures = documents_from_bytes(name, raw.encode("utf-8"))
    assert failures == []
    assert doc.text == "Jets struck Saraqib  on Thursday.  \n\tTroops\r\nmoved."
    assert len(doc.text) == len(raw)
    assert doc.text.index("Saraqib") == raw.index("Saraqib")


@pytest.mark.parametrize(("name", "data"), [
    ("a.json", b'{"text": "Jets struck\\u0000Saraqib.", "title": "Jets\\u0001"}'),
    ("a.jsonl", b'{"text": "Jets struck\\u0000Saraqib.", "title": "Jets\\u0001"}\n'),
    ("a.jsonl", b'{"text": "Jets struck\x00Saraqib.", "title": "Jets\x01"}\n'),
    ("a.csv", b'text,title\n"Jets struck\x00Saraqib.",Jets\x01\n'),
])
def test_nul_in_records_becomes_a_space(name: str, data: bytes) -> None:
    (doc,), failures = documents_from_bytes(name, data)
    assert failures == []
    assert (doc.text, doc.title) == ("Jets struck Saraqib.", "Jets ")


def test_nul_in_an_html_page_becomes_a_space() -> None:
    (doc,), _ = documents_from_bytes("p.html", b"<p>Jets struck\x00Saraqib&#1;.</p>")
    assert "\x00" not in doc.text and "\x01" not in doc.text
    assert doc.text.startswith("Jets struck Saraqib")


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a.csv"])
@pytest.mark.parametrize("data", [b"", b"  \n\n "])
def test_empty_file_is_one_failure(name: str, data: bytes) -> None:
    docs, failures = documents_from_bytes(name, data)
    assert docs == []
    assert [f.where for f in failures] == [name]


def test_published_argument_fills_only_missing_dates() -> None:
    data = _jsonl({"id": "a", "text": "One.", "published": "2020-02-01"}, {"id": "b", "text": "Two."})
    docs, failures = documents_from_bytes("feed.jsonl", data, published=date(2020, 3, 1))
    assert failures == []
    assert [(d.id, d.published) for d in docs] == [("a", date(2020, 2, 1)), ("b", date(2020, 3, 1))]
    (doc,), _ = documents_from_bytes("c.txt", b"Text.", published=date(2020, 3, 1))
    assert doc.published == date(2020, 3, 1)


def test_read_documents_reads_each_file_and_reports_the_unreadable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha\nTroops moved.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "text": "Beta."}\nnot json\n',
                                      encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = list(read_documents([tmp_path / "a.txt", missing, tmp_path / "b.jsonl"],
                                published=date(2020, 2, 28)))
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(d.id, d.published) for d in docs] == [("a", date(2020, 2, 28)), ("b1", date(2020, 2, 28))]
    assert [f.where for f in failures] == [str(missing), f"{tmp_path / 'b.jsonl'}:2"]


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("acled.csv", "event_id_cnty,event_date,event_type,latitude,longitude\n", True),
    ("gdelt.csv", "GLOBALEVENTID\tSQLDATE\tActor1Name\tActionGeo_Lat\n", True),
    ("gdelt.tsv", "GLOBALEVENTID\tSQLDATE\tActor1Name\tActionGeo_Lat\n", True),
    ("acled.csv", '"event_id_cnty","event_date","event_type","latitude"\n', True),
    ("articles.csv", "id,title,text,published\n", False),
    ("acled.txt", "event_date,latitude\n", False),
    ("empty.csv", "", False),
])
def test_is_event_table(name: str, head: str, expected: bool) -> None:
    assert is_event_table(name, head.encode()) is expected


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_is_event_table_in_other_encodings(encoding: str) -> None:
    head = "event_id_cnty,event_date,location,latitude\nSYR1,2020-02-27,Alep\u00e9,36.2\n"
    assert is_event_table("acled.csv", head.encode(encoding))


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-02-28", date(2020, 2, 28)),
    ("  2020-02-28 ", date(2020, 2, 28)),
    ("2020-02-28T13:09:00Z", date(2020, 2, 28)),
    ("", None),
    (None, None),
])
def test_check_date_accepts(value: str | None, expected: date | None) -> None:
    assert check_date(value, "--published") == expected


@pytest.mark.parametrize("value", ["28/02/2020", "2020-02-30", "yesterday", "20200228"])
def test_check_date_rejects_with_the_place_named(value: str) -> None:
    with pytest.raises(InputError, match="--published"):
        check_date(value, "--published")


def test_html_entities_are_decoded_once() -> None:
    text, _ = html_to_text("<p>Write &amp;lt;b&amp;gt; for bold &amp; more</p>")
    assert text == "Write &lt;b&gt; for bold & more"


def test_source_is_the_file_name_never_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "private" / "reports"
    folder.mkdir(parents=True)
    files = {
        "a.txt": "Alpha\nTroops moved.",
        "b.html": "<title>B</title><p>Troops moved.</p>",
        "c.jsonl": '{"id": "c1", "text": "One."}\n{"id": "c2", "text": "Two.", "source": "AP"}\n',
        "d.json": '[{"text": "Three."}]',
        "e.csv": "id,text\ne1,Four.\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    items = list(read_documents([folder / n for n in files] + [folder / "gone.txt"]))
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(d.id, d.source) for d in docs] == [
        ("a", "a.txt"), ("b", "b.html"), ("c1", "c.jsonl"), ("c2", "AP"), ("d-0", "d.json"),
        ("e1", "e.csv")]
    for doc in docs:
        assert str(tmp_path) not in repr(doc)
    assert [f.where for f in failures] == [str(folder / "gone.txt")]  # as the user typed it


def test_bytes_named_with_a_folder_give_the_file_name_as_source() -> None:
    (doc,), _ = documents_from_bytes("/home/reporter/leaks/memo.txt", b"Memo.\nText.")
    assert (doc.id, doc.source) == ("memo", "memo.txt")


def test_a_jsonl_file_is_read_line_by_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from geo.io import decode
    from geo.io.ingest import read_documents

    monkeypatch.setattr(decode, "ENCODING_SAMPLE_BYTES", 64)  # a "large" file: streamed after a sample
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"d{k}", "text": f"Talks in Geneva, day {k}. é"}) for k in range(50)]
    lines[7] = "not json"
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "x", "text": "bad \xff"}\n')

    def never_whole(self: Path) -> bytes:
        raise AssertionError(f"{self} was read whole")

    monkeypatch.setattr(Path, "read_bytes", never_whole)
    items = read_documents([path], published=date(2020, 3, 1))
    first = next(items)
    assert first.id == "d0" and first.published == date(2020, 3, 1)
    rest = list(items)
    failures = [i.where for i in rest if not hasattr(i, "text")]
    assert failures == [f"{path}:8", f"{path}:51"]
    assert [i.id for i in rest if hasattr(i, "text")] == [f"d{k}" for k in range(1, 50) if k != 7]
