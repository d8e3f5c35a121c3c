"""Very long texts cut into windows that end at a paragraph or sentence break.

A news article is a few thousand characters; a scraped dump or a book-length report can be
tens of megabytes, and the geoparser's and the event stage's working memory grow with the text
they are given. Such a text is processed window by window (each a few hundred thousand
characters, cut after a paragraph break, else after a sentence end, else at a space), so the
memory a document costs is bounded by the window size, and the offsets of what each window
gives are shifted back onto the whole text. Names and the sentence around an event never
straddle a cut, since cuts fall between sentences; the one difference from a single pass is
that a window's places are ranked with the context of that window only.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator

__all__ = ["text_windows"]

#: Breaks a window may end after, preferred in this order.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"'”’)\]]*\s"), re.compile(r"\s"))


def _cut(text: str, start: int, size: int) -> int:
    """End of the window that starts at ``start``: the last break in its second half."""
    end = start + size
    if end >= len(text):
        return len(text)
    floor = start + size // 2
    for pattern in _BREAKS:
        last = deque(pattern.finditer(text, floor, end), maxlen=1)
        if last:
            return last[0].end()
    return end


def text_windows(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``(offset, window)`` pieces of ``text`` of at most ``size`` characters, in order.

    The pieces cover the text exactly (``"".join`` of them is ``text``); a text no longer than
    ``size`` is one piece.

    Raises
    ------
    ValueError
        When ``size`` is below 2.
    """
    if size < 2:
        raise ValueError(f"window size must be at least 2 characters, got {size}")
    start = 0
    while start < len(text):
        end = _cut(text, start, size)
        yield start, text[start:end]
        start = end
    if not text:
        yield 0, text
