"""Name normalisation shared by the build and the lookups.

A normalised key is case-folded, stripped of diacritics, of a leading "the", of apostrophes and
full stops, with hyphens and runs of white space folded to one space: ``"the Bosphorus"``,
``"BOSPHORUS"`` and ``"Bosphorus"`` share one key, and so do ``"Çavuşoğlu"`` and ``"Cavusoglu"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[.'’`ʼ‘]")
_SPACE = re.compile(r"[\s\-‐‑–—_/,]+")
_LEADING_THE = re.compile(r"^the\s+")

#: Generic words that may follow a name ("Idlib province"), with the features they imply.
GENERIC_SUFFIXES: dict[str, frozenset[str]] = {
    "province": frozenset({"admin1", "admin2", "region"}),
    "governorate": frozenset({"admin1", "admin2", "region"}),
    "region": frozenset({"admin1", "admin2", "region"}),
    "oblast": frozenset({"admin1", "region"}),
    "state": frozenset({"admin1", "country"}),
    "prefecture": frozenset({"admin1", "admin2"}),
    "district": frozenset({"admin2", "admin1", "city", "region"}),
    "county": frozenset({"admin2"}),
    "parish": frozenset({"admin2"}),
    "city": frozenset({"city"}),
    "strait": frozenset({"strait"}),
    "straits": frozenset({"strait"}),
    "sea": frozenset({"sea"}),
    "coast": frozenset({"coast"}),
    "waters": frozenset({"coast", "sea"}),
    "island": frozenset({"island"}),
    "islands": frozenset({"island"}),
    "airbase": frozenset({"base"}),
    "river": frozenset({"river"}),
    "air base": frozenset({"base"}),
}

_ASCII_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def normalize_name(name: str) -> str:
    """Return the lookup key of a place name.

    Parameters
    ----------
    name
        A name as written in text or in a source.

    Returns
    -------
    str
        The key; empty when nothing is left.
    """
    if name.isascii():
        text = name.lower()
        if text.isalpha():  # one plain word: the common case, nothing to drop or fold
            return text
        if " " in text and text[0] != " " != text[-1] and "  " not in text \
                and text.replace(" ", "").isalpha() and not text.startswith("the "):
            return text  # plain words between single spaces: nothing to drop or fold either
    return _folded(name)


@lru_cache(maxsize=200_000)
def _folded(name: str) -> str:
    """The key of a name that is not plain words (:func:`normalize_name`), worked out once."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name.casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_ASCII_FOLD)
    text = _DROP.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    return _LEADING_THE.sub("", text)


def is_latin(name: str) -> bool:
    """Whether every letter of ``name`` is Latin script (the only script news text here uses)."""
    return all(not (ch.isalpha() and ord(ch) > 591) for ch in name)


def split_generic_suffix(key: str) -> tuple[str, frozenset[str]] | None:
    """Split a trailing generic word off a normalised key.

    Parameters
    ----------
    key
        A normalised key such as ``"idlib province"``.

    Returns
    -------
    tuple or None
        The remaining key and the features the suffix implies, or ``None`` when the key does
        not end in a generic word.
    """
    head, _, last = key.rpartition(" ")
    if not head:
        return None
    if last in GENERIC_SUFFIXES:
        return head, GENERIC_SUFFIXES[last]
    head2, _, word = head.rpartition(" ")
    two = f"{word} {last}"
    if head2 and two in GENERIC_SUFFIXES:
        return head2, GENERIC_SUFFIXES[two]
    return None


#: Arabic definite articles as GeoNames writes them ("Al Qāmishlī", "Ash Shaddādah").
_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ash|ad|adh|at|az|ath)\s+(?=\w{3})")


def strip_article(key: str) -> str:
    """A normalised key without a leading Arabic article ("al qamishli" -> "qamishli")."""
    return _ARTICLE.sub("", key, count=1)
