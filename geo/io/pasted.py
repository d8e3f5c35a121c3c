"""An article pasted as text (the app's paste box) as a document."""

from __future__ import annotations

import hashlib
from datetime import date

from geo.io.decode import clean_controls
from geo.io.ingest import dated_documents
from geo.model import Document

#: Longest title taken from a pasted article's first line.
MAX_TITLE_CHARS = 200
#: Source of a pasted article's events.
PASTED_SOURCE = "pasted article"


def pasted_id(title: str, text: str) -> str:
    """The id of a pasted article: ``pasted-`` and a hash of its title and text, the same
    for the same paste (so the corrections made to it apply when it is pasted again)."""
    h = hashlib.sha256()
    for part in (title, text):
        h.update(part.encode("utf-8", "replace"))
        h.update(b"\x1f")
    return f"pasted-{h.hexdigest()[:10]}"


def pasted_document(text: str, title: str = "", published: date | None = None) -> Document | None:
    """A pasted article as a document, ``None`` when ``text`` is blank.

    Parameters
    ----------
    text
        The article; control characters become spaces, as in the files read.
    title
        Its title; when blank, the text's first line (its first :data:`MAX_TITLE_CHARS`
        characters).
    published
        Its date when it has no dateline of its own (:func:`geo.io.ingest.dated_documents`).
    """
    if not text.strip():
        return None
    text = clean_controls(text)
    title = clean_controls(title).strip() or text.strip().split("\n", 1)[0][:MAX_TITLE_CHARS]
    doc = Document(id=pasted_id(title, text), text=text, title=title, source=PASTED_SOURCE)
    return dated_documents([doc], published)[0]
