"""Tests of ``geo.io.decode``: input bytes to text, and control characters out of it."""

from __future__ import annotations

import logging

import pytest

from geo.errors import InputError
from geo.io.decode import clean_controls, decode_lines, decode_text, detect_encoding, sniff_text

TEXT = ("\u201cTurkish troops entered Alep\u00e9,\u201d the ministry said on Sunday. "
        "Air strikes hit Saraqib \u2013 twelve civilians were killed.\n")
FRENCH = ("Les forces turques sont entr\u00e9es \u00e0 Idlib dimanche, a d\u00e9clar\u00e9 le "
          "minist\u00e8re de la D\u00e9fense. Des frappes a\u00e9riennes ont touch\u00e9 "
          "Saraqeb et Ariha.\n")


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
    ("utf-16-be", "utf-16-be"),
    ("utf-16-le", "utf-16-le"),
    ("utf-32", "utf-32"),
    ("cp1252", "cp1252"),
])
def test_detect_encoding(encoding: str, expected: str) -> None:
    data = TEXT.encode(encoding)
    if encoding == "utf-16-be":  # Python writes a BOM in native order; give a big-endian one
        data = b"\xfe\xff" + data
        expected = "utf-16"
    assert detect_encoding("a.txt", data) == expected
    assert decode_text("a.txt", data) == TEXT


def test_utf32_bom_is_not_taken_for_utf16() -> None:
    data = TEXT.encode("utf-32-le")
    assert decode_text("a.txt", b"\xff\xfe\x00\x00" + data) == TEXT


def test_latin1_text_is_read_as_cp1252_which_agrees_with_it() -> None:
    assert detect_encoding("a.txt", FRENCH.encode("latin-1")) == "cp1252"
    assert decode_text("a.txt", FRENCH.encode("latin-1")) == FRENCH


def test_a_few_legacy_bytes_are_read_as_cp1252() -> None:
    # Too short for a language to be told; the detector alone would answer cp932.
    text = "\u201cAlep\u00e9\u201d"
    assert decode_text("a.txt", text.encode("cp1252")) == text


def test_cyrillic_legacy_text_is_guessed() -> None:
    text = "Турецкие войска вошли в Идлиб, сообщило министерство обороны."
    assert decode_text("a.txt", text.encode("cp1251")) == text


def test_only_a_guess_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="conflictmap"):
        decode_text("utf8.txt", TEXT.encode("utf-8"))
        decode_text("bom.txt", TEXT.encode("utf-16"))
        decode_text("legacy.txt", TEXT.encode("cp1252"))
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("conflictmap.ingest", logging.WARNING, "read 'legacy.txt' as cp1252 (not UTF-8)")]


@pytest.mark.parametrize(("meta", "expected"), [
    ('<meta charset="windows-1253">', "cp1253"),
    ("<meta charset='ISO-8859-7'/>", "iso8859-7"),
    ('<meta http-equiv="content-type" content="text/html; charset=windows-1253">', "cp1253"),
])
def test_html_declared_charset(meta: str, expected: str) -> None:
    greek = "Αθήνα και Άγκυρα"  # Ά is 0xa2 in windows-1253, 0xb6 in ISO-8859-7
    data = f"<html><head>{meta}</head><body>{greek}</body></html>".encode(expected)
    assert detect_encoding("p.html", data, html=True) == expected
    assert greek in decode_text("p.html", data, html=True)


@pytest.mark.parametrize("meta", ['<meta charset="utf-16">', '<meta charset="x-nonsense">',
                                  '<meta charset="utf-8">', '<meta charset="base64">'])
def test_html_declared_charset_that_cannot_be_right_is_ignored(meta: str) -> None:
    data = f"<html><head>{meta}</head><body>{FRENCH}</body></html>".encode("cp1252")
    assert detect_encoding("p.html", data, html=True) == "cp1252"


def test_declared_charset_counts_only_for_html() -> None:
    data = '<meta charset="windows-1253"> Alep\u00e9, said the minist\u00e8re.'.encode("cp1252")
    assert detect_encoding("p.html", data, html=True) == "cp1253"
    assert detect_encoding("p.txt", data) == "cp1252"


def test_binary_bytes_are_an_input_error() -> None:
    with pytest.raises(InputError, match=r"scan\.bin"):
        decode_text("scan.bin", bytes(range(256)) * 8)


def test_clean_controls_replaces_c0_del_and_c1_by_spaces_only() -> None:
    controls = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\n\r"]
    assert clean_controls("".join(controls)) == " " * len(controls)
    kept = "\t\n\r \u00a0\u2028\u2029\u200b\ufeff\u00e9 Alep"
    assert clean_controls(kept) == kept


def test_decode_lines_splits_on_line_feeds_only() -> None:
    text = "one\u2028still one\r\ntwo\u0085\x0b\x0c\x1c\x1d\x1etwo\n\nfour\r"
    assert list(decode_lines("a.jsonl", text.encode())) == [
        (1, "one\u2028still one"), (2, "two\u0085\x0b\x0c\x1c\x1d\x1etwo"), (3, ""), (4, "four")]


def test_decode_lines_reports_a_bad_line_and_reads_the_rest() -> None:
    data = "Alep\u00e9\n".encode() + b"bad \xe9 byte\n" + "T\u00fcrkiye".encode()
    (n1, first), (n2, second), (n3, third) = decode_lines("a.jsonl", data)
    assert (n1, first, n3, third) == (1, "Alep\u00e9", 3, "T\u00fcrkiye")
    assert n2 == 2
    assert isinstance(second, UnicodeDecodeError)


def test_decode_lines_of_a_legacy_file_use_its_encoding() -> None:
    data = "Alep\u00e9\nminist\u00e8re\nplain\n".encode("cp1252")
    assert [line for _, line in decode_lines("a.jsonl", data)] == [
        "Alep\u00e9", "minist\u00e8re", "plain", ""]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_decode_lines_of_a_wide_file(encoding: str) -> None:
    data = "Alep\u00e9\r\n\u0410\u043b\u0435\u043f\u2028x\n".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert list(decode_lines("a.jsonl", data)) == [
        (1, "Alep\u00e9"), (2, "\u0410\u043b\u0435\u043f\u2028x"), (3, "")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_sniff_text_reads_a_header(encoding: str) -> None:
    data = ("event_date,location\n2020-02-27,Alep\u00e9\n" * 500).encode(encoding)
    assert sniff_text(data).split("\n")[0] == "event_date,location"
