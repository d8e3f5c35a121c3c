"""Name normalisation shared by the build and the lookups.

A normalised key is case-folded, stripped of diacritics, of a leading "the", of apostrophes and
full stops, with hyphens and runs of white space folded to one space: ``"the Bosphorus"``,
``"BOSPHORUS"`` and ``"Bosphorus"`` share one key, and so do ``"Çavuşoğlu"`` and ``"Cavusoglu"``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from gazetteer.model import FeatureClass

_DROP = re.compile(r"[.'’`ʼ‘]")
_SPACE = re.compile(r"[\s\-‐‑–—_/,]+")
_LEADING_THE = re.compile(r"^the\s+")

_F = FeatureClass
#: Generic words that may follow a name ("Idlib province"), with the features they imply.
GENERIC_SUFFIXES: dict[str, frozenset[FeatureClass]] = {
    "province": frozenset({_F.ADMIN1, _F.ADMIN2, _F.REGION}),
    "governorate": frozenset({_F.ADMIN1, _F.ADMIN2, _F.REGION}),
    "region": frozenset({_F.ADMIN1, _F.ADMIN2, _F.REGION}),
    "oblast": frozenset({_F.ADMIN1, _F.REGION}),
    "state": frozenset({_F.ADMIN1, _F.COUNTRY}),
    "prefecture": frozenset({_F.ADMIN1, _F.ADMIN2}),
    "district": frozenset({_F.ADMIN2, _F.ADMIN1, _F.CITY, _F.REGION}),
    "county": frozenset({_F.ADMIN2}),
    "parish": frozenset({_F.ADMIN2}),
    "city": frozenset({_F.CITY}),
    "strait": frozenset({_F.STRAIT}),
    "straits": frozenset({_F.STRAIT}),
    "sea": frozenset({_F.SEA}),
    "coast": frozenset({_F.COAST}),
    "waters": frozenset({_F.COAST, _F.SEA}),
    "island": frozenset({_F.ISLAND}),
    "islands": frozenset({_F.ISLAND}),
    "airbase": frozenset({_F.BASE}),
    "river": frozenset({_F.RIVER}),
    "air base": frozenset({_F.BASE}),
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
