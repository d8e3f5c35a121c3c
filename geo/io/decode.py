"""Bytes of an input file to text, and control characters out of the text.

The encoding is, in this order: the byte-order mark; UTF-16 without one when every other byte
is NUL; UTF-8 when the bytes are valid UTF-8; the charset an HTML page declares; else a guess
by ``charset-normalizer``. A guess is logged as a warning on the ``conflictmap.ingest`` logger,
naming the file and the encoding, so nothing is read in a wrong encoding without a word.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

from geo.errors import InputError
from geo.settings import ENCODING_SAMPLE_BYTES, SNIFF_BYTES

log = logging.getLogger("conflictmap.ingest")

#: Byte-order marks -> the codec that reads (and drops) them; UTF-32 before UTF-16.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: ``<meta charset=...>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``.
_META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
#: As browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are read as windows-1252.
_READ_AS_CP1252 = frozenset({"iso8859-1", "ascii"})
#: C0 and C1 control characters and DEL, but not tab, line feed and carriage return.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_controls(text: str) -> str:
    """Replace control characters (NUL, C0, DEL, C1 such as U+0085) by spaces.

    Tab, line feed and carriage return stay. Each character becomes one space, so character
    offsets into the text are those of the input.

    Parameters
    ----------
    text
        Text as decoded.

    Returns
    -------
    str
        The text with the same length.
    """
    return _CONTROLS.sub(" ", text)


def _bom_codec(data: bytes) -> str | None:
    """Codec of the byte-order mark ``data`` starts with, if any."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when NULs fill one byte of most pairs and few of the others."""
    head = data[:SNIFF_BYTES]
    if len(head) < 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / len(head[1::2])
    codec = None
    if odd > 0.4 and even < 0.1:  # Latin text, low byte first
        codec = "utf-16-le"
    elif even > 0.4 and odd < 0.1:
        codec = "utf-16-be"
    return codec if codec and len(data) % 2 == 0 and _decodes(data, codec) else None


def _decodes(data: bytes, codec: str) -> bool:
    """Whether ``data`` is valid in the text encoding ``codec`` (unknown codecs: no)."""
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _is_wide(codec: str) -> bool:
    """Whether ``codec`` is UTF-16 or UTF-32 (ASCII is not one byte a character in it)."""
    return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))


def _declared_charset(data: bytes) -> str | None:
    """Charset an HTML page declares in its head, when it is known and reads the page."""
    found = _META_CHARSET.search(data[:SNIFF_BYTES * 2])
    if found is None:
        return None
    try:
        codec = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    if _is_wide(codec):  # declared in ASCII bytes, so the declaration is wrong (HTML spec)
        return None
    if codec in _READ_AS_CP1252 and _decodes(data, "cp1252"):
        return "cp1252"
    return codec if _decodes(data, codec) else None


def _guess(data: bytes) -> str | None:
    """Encoding ``charset-normalizer`` finds most likely; windows-1252 on a tie or no clue.

    Of the matches about as little messy as the best (``charset-normalizer`` calls 0.5 %
    apart a tie), the one that fits a language best wins; windows-1252 when it is among the
    best fits (cp1250 reads "è" as "č" and may score the same on English or Spanish text).
    """
    matches = list(from_bytes(data))  # least messy first
    if not matches:
        return None
    calm = [m for m in matches if m.chaos - matches[0].chaos < 0.005]
    top = max(m.coherence for m in calm)
    if top == 0 and not _is_wide(matches[0].encoding) and _decodes(data, "cp1252"):
        return "cp1252"  # too little text to tell a language: the commonest legacy encoding
    fits = [m for m in calm if m.coherence == top]
    if any("cp1252" in m.could_be_from_charset for m in fits):
        return "cp1252"
    return fits[0].encoding


def detect_encoding(name: str, data: bytes, *, html: bool = False) -> str:
    """Encoding to read a file's bytes with; a guessed one is logged as a warning.

    Parameters
    ----------
    name
        File name, for the warning and the error.
    data
        File contents.
    html
        Whether the file is an HTML page, whose declared charset counts.

    Returns
    -------
    str
        A Python codec name (``utf-8-sig`` and ``utf-16`` for files with a byte-order mark).

    Raises
    ------
    InputError
        When no text encoding reads the bytes (a binary file).
    """
    codec = _bom_codec(data)
    if codec is not None:
        return codec
    wide = _utf16_without_bom(data)  # Latin text in UTF-16 is valid UTF-8 too
    if wide is None and _decodes(data, "utf-8"):
        return "utf-8"
    declared = _declared_charset(data) if html and wide is None else None
    if declared is not None:
        log.info("read %r as %s (declared in the page)", name, declared)
        return declared
    codec = wide or _guess(data)
    if codec is None:
        raise InputError(f"{name}: not text in any encoding known (a binary file?)")
    log.warning("read %r as %s (not UTF-8)", name, codec)
    return codec


def decode_text(name: str, data: bytes, *, html: bool = False) -> str:
    """Text of a file's bytes, in the encoding :func:`detect_encoding` finds.

    Parameters
    ----------
    name
        File name, for the warning and the error.
    data
        File contents.
    html
        Whether the file is an HTML page, whose declared charset counts.

    Returns
    -------
    str
        The text, without a byte-order mark.

    Raises
    ------
    InputError
        When no text encoding reads the bytes.
    """
    return data.decode(detect_encoding(name, data, html=html))


def _line_codec(name: str, data: bytes) -> str:
    """Encoding of a line-oriented file; UTF-8 when more lines are valid UTF-8 than not."""
    if _bom_codec(data) or _utf16_without_bom(data):
        return detect_encoding(name, data)
    good = bad = 0
    for line in data.split(b"\n"):
        if not line.isascii():
            good, bad = (good + 1, bad) if _decodes(line, "utf-8") else (good, bad + 1)
    if good >= bad:
        return "utf-8"  # a UTF-8 file with some broken lines: those lines fail, alone
    try:
        return detect_encoding(name, data)
    except InputError:
        return "utf-8"


def decode_lines(name: str, data: bytes) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """Lines of a line-oriented file (JSON Lines), each decoded on its own.

    Lines end at line feeds only (a carriage return before one is dropped), never at U+2028,
    U+0085 or other characters :meth:`str.splitlines` breaks at. A line not valid in the
    file's encoding comes back as its error and costs that line only; UTF-16 and UTF-32 files
    are decoded whole.

    Parameters
    ----------
    name
        File name, for a warning about a guessed encoding.
    data
        File contents.

    Yields
    ------
    tuple
        Line number from 1, and the line's text or why it could not be decoded.

    Raises
    ------
    InputError
        When a UTF-16 or UTF-32 file does not decode.
    """
    codec = _line_codec(name, data)
    if _is_wide(codec):
        try:
            lines: list[str | bytes] = list(data.decode(codec).split("\n"))
        except UnicodeDecodeError as err:
            raise InputError(f"{name}: not {codec} text: {err.reason}") from err
    else:
        lines = list(data.split(b"\n"))
    for line_no, line in enumerate(lines, start=1):
        try:
            text = line if isinstance(line, str) else line.decode(codec)
        except UnicodeDecodeError as err:
            yield line_no, err
            continue
        yield line_no, text.removesuffix("\r")


def stream_lines(name: str, fh: BinaryIO) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """:func:`decode_lines` of an open file, read line by line (a file larger than memory
    streams through); its encoding is chosen from its first :data:`ENCODING_SAMPLE_BYTES`.

    A UTF-16 or UTF-32 file, whose line feeds are not single bytes, is decoded whole.
    """
    sample = fh.read(ENCODING_SAMPLE_BYTES)
    whole = len(sample) < ENCODING_SAMPLE_BYTES
    judged = sample if whole else sample[: sample.rfind(b"\n") + 1] or sample
    codec = _line_codec(name, judged)
    if whole or _is_wide(codec):
        yield from decode_lines(name, sample + (b"" if whole else fh.read()))
        return
    fh.seek(0)
    for line_no, raw in enumerate(fh, start=1):
        line = raw.removesuffix(b"\n")
        try:
            yield line_no, line.decode(codec).removesuffix("\r")
        except UnicodeDecodeError as err:
            yield line_no, err


def sniff_text(data: bytes) -> str:
    """The first few thousand characters of ``data``, for a look at a table's header.

    Parameters
    ----------
    data
        File contents.

    Returns
    -------
    str
        Decoded after the byte-order mark (or as UTF-16 without one), else as UTF-8, bad bytes
        replaced; nothing is logged.
    """
    codec = _bom_codec(data) or _utf16_without_bom(data) or "utf-8"
    return data[:SNIFF_BYTES].decode(codec, errors="replace")
