"""Tests of ``geo.ingest``: reading articles from files, and telling event tables apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.ingest import (
    Failure,
    check_date,
    documents_from_bytes,
    html_to_text,
    is_event_table,
    read_documents,
)
from geo.model import Document
from geo.text import split_sentences

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
    assert doc == Document("a1", "Troops moved.", "Moves", "AP", "2020-02-28",
                           "https://example.org/a1")


def test_json_list_loads_every_record_and_reports_bad_ones() -> None:
    payload = [{"id": "a", "text": "One."}, {"title": "no text"}, {"text": "Three.",
                                                                   "date": "2020-03-01"}]
    docs, failures = documents_from_bytes("many.json", json.dumps(payload).encode())
    assert [d.id for d in docs] == ["a", "many-2"]
    assert docs[1].published == "2020-03-01"
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
        ("a", "Convoy", "Troops crossed, said officials.", "2020-02-09"),
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


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.json", "a.jsonl", "a.csv"])
def test_non_utf8_bytes_are_a_failure(name: str) -> None:
    docs, failures = documents_from_bytes(name, "Hafez al-Assad, Alep\u00e9".encode("cp1252"))
    assert docs == []
    assert [f.where for f in failures] == [name]
    assert "UTF-8" in failures[0].message


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a.csv"])
@pytest.mark.parametrize("data", [b"", b"  \n\n "])
def test_empty_file_is_one_failure(name: str, data: bytes) -> None:
    docs, failures = documents_from_bytes(name, data)
    assert docs == []
    assert [f.where for f in failures] == [name]


def test_published_argument_fills_only_missing_dates() -> None:
    data = _jsonl({"id": "a", "text": "One.", "published": "2020-02-01"}, {"id": "b", "text": "Two."})
    docs, failures = documents_from_bytes("feed.jsonl", data, published="2020-03-01")
    assert failures == []
    assert [(d.id, d.published) for d in docs] == [("a", "2020-02-01"), ("b", "2020-03-01")]
    (doc,), _ = documents_from_bytes("c.txt", b"Text.", published="2020-03-01")
    assert doc.published == "2020-03-01"


def test_read_documents_reads_each_file_and_reports_the_unreadable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha\nTroops moved.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "text": "Beta."}\nnot json\n',
                                      encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = list(read_documents([tmp_path / "a.txt", missing, tmp_path / "b.jsonl"],
                                published="2020-02-28"))
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(d.id, d.published) for d in docs] == [("a", "2020-02-28"), ("b1", "2020-02-28")]
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


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-02-28", "2020-02-28"),
    ("  2020-02-28 ", "2020-02-28"),
    ("2020-02-28T13:09:00Z", "2020-02-28"),
    ("", None),
    (None, None),
])
def test_check_date_accepts(value: str | None, expected: str | None) -> None:
    assert check_date(value, "--published") == expected


@pytest.mark.parametrize("value", ["28/02/2020", "2020-02-30", "yesterday", "20200228"])
def test_check_date_rejects_with_the_place_named(value: str) -> None:
    with pytest.raises(InputError, match="--published"):
        check_date(value, "--published")


def test_html_entities_are_decoded_once() -> None:
    text, _ = html_to_text("<p>Write &amp;lt;b&amp;gt; for bold &amp; more</p>")
    assert text == "Write &lt;b&gt; for bold & more"
