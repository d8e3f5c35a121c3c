"""The in-memory name index: every name key with a summary of its places, and first words.

Text matching asks about many words that are not places ("Said", "Officials"), so the geoparser
holds every key in memory. The build writes the index as a few packed blobs (the keys, one
64-bit summary per key, the first words and their lengths) that load in a fraction of a second,
where reading the keys out of the ``names`` table took most of a second.

A key's summary says which feature classes and name kinds its places have and the best prior
among them (a primary name's bonus included), so a caller can tell that "Walker" names only
small towns without reading its candidates.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.model import FEATURES

#: Name kinds, best first: a primary name beats an alternate beats an alias.
NAME_KINDS: tuple[str, ...] = ("name", "alt", "abbreviation", "demonym")
#: Blob names in the ``name_index`` table.
PARTS = ("keys", "summaries", "first_words", "first_word_lengths")

_FEATURE_BIT = {feature: 1 << i for i, feature in enumerate(FEATURES)}
_KIND_BIT = {kind: 1 << (24 + i) for i, kind in enumerate(NAME_KINDS)}
_FLAGS = (1 << 32) - 1
#: Priors are kept in ten-thousandths (the build rounds them to four decimals).
_PRIOR_SCALE = 10_000


@dataclass(frozen=True, slots=True)
class NameSummary:
    """What the places of one name key are, without reading them.

    Parameters
    ----------
    features
        Feature classes of the places.
    kinds
        How the key names them (``"name"``, ``"alt"``, ``"abbreviation"``, ``"demonym"``).
    best_prior
        The best candidate's prior, as :meth:`gazetteer.Gazetteer.candidates` ranks them.
    """

    features: frozenset[str]
    kinds: frozenset[str]
    best_prior: float


def encode_summary(rows: Iterable[tuple[str, str, float]]) -> int:
    """Pack the ``(kind, feature, ranked prior)`` rows of one key into an integer."""
    flags, best = 0, 0
    for kind, feature, prior in rows:
        flags |= _FEATURE_BIT[feature] | _KIND_BIT[kind]
        best = max(best, round(prior * _PRIOR_SCALE))
    return best << 32 | flags


@lru_cache(maxsize=4096)
def _flags(flags: int) -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(f for f, bit in _FEATURE_BIT.items() if flags & bit),
            frozenset(k for k, bit in _KIND_BIT.items() if flags & bit))


def decode_summary(code: int) -> NameSummary:
    """The summary packed by :func:`encode_summary`."""
    features, kinds = _flags(code & _FLAGS)
    return NameSummary(features, kinds, (code >> 32) / _PRIOR_SCALE)


def first_word_lengths(keys: Iterable[str]) -> dict[str, int]:
    """Each first word of a key with the most words of a key it starts ("new": 3 for "new york
    city"); a one-word key counts 1."""
    out: dict[str, int] = {}
    for key in keys:
        first, _, rest = key.partition(" ")
        words = rest.count(" ") + 2 if rest else 1
        if words > out.get(first, 0):
            out[first] = words
    return out


def _packed(typecode: str, values: Iterable[int]) -> bytes:
    packed = array(typecode, values)
    if sys.byteorder == "big":
        packed.byteswap()  # the file is little-endian wherever it was built
    return packed.tobytes()


def _unpacked(typecode: str, data: bytes) -> array[int]:
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def pack_name_index(summaries: dict[str, int]) -> dict[str, bytes]:
    """The blobs of the index of ``summaries`` (key -> :func:`encode_summary` code)."""
    keys = sorted(summaries)
    firsts = first_word_lengths(keys)
    return {
        "keys": "\n".join(keys).encode("utf-8"),
        "summaries": _packed("q", (summaries[k] for k in keys)),
        "first_words": "\n".join(firsts).encode("utf-8"),
        "first_word_lengths": _packed("B", (min(n, 255) for n in firsts.values())),
    }


def unpack_name_index(blobs: dict[str, bytes]) -> tuple[dict[str, int], dict[str, int]]:
    """The keys with their summary codes, and the first words with their lengths.

    Both are dicts of strings to integers: the cyclic garbage collector never walks them.
    """
    keys = blobs["keys"].decode("utf-8").split("\n") if blobs["keys"] else []
    firsts = blobs["first_words"].decode("utf-8").split("\n") if blobs["first_words"] else []
    codes = _unpacked("q", blobs["summaries"])
    lengths = _unpacked("B", blobs["first_word_lengths"])
    if len(codes) != len(keys) or len(lengths) != len(firsts):
        raise ValueError("the name index blobs do not match")
    return dict(zip(keys, codes, strict=True)), dict(zip(firsts, lengths, strict=True))
