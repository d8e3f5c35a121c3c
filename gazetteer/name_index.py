"""The in-memory name index: every name key, its places best first, and what they are.

Text matching asks about many words that are not places ("Said", "Officials") and looks up the
places of thousands of distinct names in a batch, so the geoparser holds the whole name index in
memory. The build packs it into a few blobs (arrays and newline-joined strings) that load in a
fraction of a second:

* the keys, sorted, each with a 64-bit summary of its places and the span of its entries;
* the entries: each key's places (by row of the ``places`` table) and how the key names them,
  best first in the order of :data:`gazetteer.store._LOOKUP_SQL`;
* the columns of the ``places`` table that a lookup returns, by row;
* the first words of the keys with the most words of a key each starts;
* the first two words of every key of two words or more ("new york" for "new york city"), so
  that matching stops at once on "Linda Walker" when no name starts so.

A key's summary says which feature classes and name kinds its places have and the best ranked
prior among them, so a caller can tell that "Walker" names only small towns without reading
its candidates.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any, Literal, overload

import numpy as np

from gazetteer.model import FEATURES, Candidate, NameKind, Place
from gazetteer.prior import ranked_prior
from gazetteer.settings import DICT_KEYS_LIMIT

#: Name kinds, best first: a primary name beats an alternate beats an alias.
NAME_KINDS: tuple[NameKind, ...] = tuple(NameKind)

_FEATURE_BIT: dict[str, int] = {feature: 1 << i for i, feature in enumerate(FEATURES)}
_KIND_BIT: dict[str, int] = {kind: 1 << (24 + i) for i, kind in enumerate(NAME_KINDS)}
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
        How the key names them (:class:`gazetteer.model.NameKind` names).
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


@lru_cache(maxsize=64)
def summary_mask(features: frozenset[str], kinds: frozenset[str]) -> int:
    """The bits of a summary code that stand for some ``features`` or name ``kinds``."""
    mask = 0
    for feature in features:
        mask |= _FEATURE_BIT[feature]
    for kind in kinds:
        mask |= _KIND_BIT[kind]
    return mask


def summary_none_of(code: int, mask: int, prior: float) -> bool:
    """Whether a summary code has none of the bits of ``mask`` and a best prior below
    ``prior``."""
    return not code & mask and (code >> 32) / _PRIOR_SCALE < prior


def decode_summary(code: int) -> NameSummary:
    """The summary packed by :func:`encode_summary`."""
    features, kinds = _flags(code & _FLAGS)
    return NameSummary(features, kinds, (code >> 32) / _PRIOR_SCALE)


def _add_first_word(key: str, out: dict[str, int]) -> None:
    first, _, rest = key.partition(" ")
    words = rest.count(" ") + 2 if rest else 1
    if words > out.get(first, 0):
        out[first] = words


def _add_two_word_prefix(key: str, out: set[str]) -> None:
    first = key.find(" ")
    if first > 0:
        second = key.find(" ", first + 1)
        out.add(key if second < 0 else key[:second])


def first_word_lengths(keys: Iterable[str]) -> dict[str, int]:
    """Each first word of a key with the most words of a key it starts ("new": 3 for "new york
    city"); a one-word key counts 1."""
    out: dict[str, int] = {}
    for key in keys:
        _add_first_word(key, out)
    return out


def two_word_prefixes(keys: Iterable[str]) -> set[str]:
    """The first two words of every key of two words or more ("new york" for "new york" and
    "new york city")."""
    out: set[str] = set()
    for key in keys:
        _add_two_word_prefix(key, out)
    return out


# ------------------------------------------------------------------------------ packing
def _packed(typecode: str, values: Iterable[int] | Iterable[float]) -> bytes:
    packed = array(typecode, values)
    if sys.byteorder == "big":
        packed.byteswap()  # the file is little-endian wherever it was built
    return packed.tobytes()


def _unpacked(typecode: str, data: bytes) -> array[Any]:
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


#: The array typecodes of the index's numbers.
Typecode = Literal["q", "I", "B", "d"]


def _viewed(typecode: Typecode, data: bytes) -> Sequence[Any]:
    """The values packed in ``data``, read in place (no copy) on a little-endian machine."""
    if sys.byteorder == "big":
        return _unpacked(typecode, data)
    return memoryview(data).cast(typecode)


def _joined(texts: Iterable[str]) -> bytes:
    """Strings (none holds a newline), each ended by a newline."""
    return "".join(f"{text}\n" for text in texts).encode("utf-8")


def _split(data: bytes) -> tuple[str, ...]:
    # a tuple of strings: the garbage collector untracks it (a list would be walked item by
    # item in every full collection)
    return tuple(data.decode("utf-8").split("\n")[:-1])


#: A packed part of the index (the build writes the large ones without copying them to bytes).
Blob = bytes | bytearray
#: One name of one place, as the build reads them sorted by key: key, row of the place, name
#: kind, the place's prior, place id and feature.
NameEntry = tuple[str, int, str, float, str, str]
#: The columns of a ``places`` row that the index keeps: row, place_id, name, feature,
#: country, lat, lon, population, geonameid, admin1, prior, source.
PlaceColumns = tuple[int, str, str, str, str, float, float, int, int | None, str, float, str]


def _key_groups(entries: Iterable[NameEntry]) -> Iterator[tuple[str, list[NameEntry]]]:
    """The entries of each non-empty key, for entries sorted by key."""
    for key, group in groupby(entries, key=itemgetter(0)):
        if key:
            yield key, list(group)


def pack_key_blobs(entries: Iterable[NameEntry]) -> Iterator[tuple[str, Blob]]:
    """The blobs of the keys and their entries, from entries sorted by key (streamed: only the
    packed arrays are held).

    Parameters
    ----------
    entries
        Every name of every place, sorted by key (the order within a key does not matter).
    """
    keys = bytearray()
    offsets = array("I", [0])
    rows = array("I")
    kinds = array("B")
    summaries = array("q")
    kind_code: dict[str, int] = {kind: k for k, kind in enumerate(NAME_KINDS)}
    for key, group in _key_groups(entries):
        # best first, then by place id, as the SQL orders them
        found = sorted((-ranked_prior(prior, NameKind(kind)), place_id, row, kind, feature)
                       for _, row, kind, prior, place_id, feature in group)
        rows.extend(row for _, _, row, _, _ in found)
        kinds.extend(kind_code[kind] for _, _, _, kind, _ in found)
        offsets.append(len(rows))
        summaries.append(encode_summary(
            (kind, feature, -rank) for rank, _, _, kind, feature in found))
        keys += f"{key}\n".encode()
    yield "keys", keys
    yield "summaries", _packed("q", summaries)
    yield "offsets", _packed("I", offsets)
    yield "entry_rows", _packed("I", rows)
    yield "entry_kinds", _packed("B", kinds)


def pack_word_blobs(
    first_words: Iterable[tuple[str, int]], prefixes: Iterable[str]
) -> Iterator[tuple[str, Blob]]:
    """The blobs of the first words and two-word prefixes of the keys.

    Parameters
    ----------
    first_words
        Each first word of a key with the most words of a key it starts, in the order of its
        first key (:func:`first_word_lengths` of the sorted keys).
    prefixes
        :func:`two_word_prefixes` of the keys, sorted.
    """
    words, lengths = bytearray(), array("B")
    for word, length in first_words:
        words += f"{word}\n".encode()
        lengths.append(min(length, 255))
    yield "first_words", words
    yield "first_word_lengths", _packed("B", lengths)
    yield "two_word_prefixes", _joined(prefixes)


class _CodedColumn:
    """A column of few distinct strings, packed as a sorted vocabulary and codes."""

    def __init__(self) -> None:
        self.first_seen: dict[str, int] = {}
        self.codes = array("I")

    def append(self, text: str) -> None:
        """Add the next row's string."""
        self.codes.append(self.first_seen.setdefault(text, len(self.first_seen)))

    def blobs(self, name: str) -> Iterator[tuple[str, Blob]]:
        """The vocabulary (sorted) and the codes, as the parts ``<name>_vocabulary`` and
        ``<name>_codes``."""
        vocabulary = sorted(self.first_seen)
        sorted_code = array("I", bytes(4 * len(vocabulary)))
        for code, text in enumerate(vocabulary):
            sorted_code[self.first_seen[text]] = code
        yield f"{name}_vocabulary", _joined(vocabulary)
        yield f"{name}_codes", _packed("I", (sorted_code[c] for c in self.codes))


def pack_place_blobs(places: Iterable[PlaceColumns]) -> Iterator[tuple[str, Blob]]:
    """The blobs of the place columns a lookup returns, from the places in row order (row 1
    first; streamed: only the packed columns are held).

    Parameters
    ----------
    places
        Row, place_id, name, feature, country, lat, lon, population, geonameid, admin1, prior
        and source of every place.
    """
    ids, names = bytearray(), bytearray()
    features = array("B")
    lats, lons, priors = array("d"), array("d"), array("d")
    populations, geonameids = array("q"), array("q")
    countries, admin1s, sources = _CodedColumn(), _CodedColumn(), _CodedColumn()
    for (_, place_id, name, feature, country, lat, lon, population, geonameid, admin1,
         prior, source) in places:
        # ids only where they are not "gn:<geonameid>"
        ids += b"\n" if place_id == f"gn:{geonameid}" else f"{place_id}\n".encode()
        names += f"{name}\n".encode()
        features.append(FEATURES.index(feature))
        lats.append(lat)
        lons.append(lon)
        populations.append(population)
        geonameids.append(-1 if geonameid is None else geonameid)
        priors.append(prior)
        countries.append(country)
        admin1s.append(admin1)
        sources.append(source)
    yield "place_ids", ids
    yield "place_names", names
    yield "place_features", _packed("B", features)
    yield "place_lats", _packed("d", lats)
    yield "place_lons", _packed("d", lons)
    yield "place_populations", _packed("q", populations)
    yield "place_geonameids", _packed("q", geonameids)
    yield "place_priors", _packed("d", priors)
    yield from countries.blobs("place_countries")
    yield from admin1s.blobs("place_admin1s")
    yield from sources.blobs("place_sources")


_NEWLINE = 10
_BYTE_BITS = 8
#: Buckets of strings by their first two bytes.
_BUCKETS = 1 << 2 * _BYTE_BITS


class PackedLines(Sequence[str]):
    """Newline-ended strings in one blob, read by position (none is made until asked for).

    Parameters
    ----------
    data
        The strings, UTF-8, each ended by a newline.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == _NEWLINE)
        # a blob is under 1 GB (SQLite's limit); a memoryview gives Python ints fastest
        self.ends = newlines.astype(np.uint32)
        self._ends = self.ends.data

    def __len__(self) -> int:
        return len(self._ends)

    def line(self, position: int) -> bytes:
        """The encoded string at ``position``."""
        start = int(self._ends[position - 1]) + 1 if position else 0
        return self._data[start:int(self._ends[position])]

    @overload
    def __getitem__(self, position: int) -> str: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[str]: ...

    def __getitem__(self, position: int | slice) -> str | Sequence[str]:
        if isinstance(position, slice):
            return [self[k] for k in range(len(self))[position]]
        return self.line(position).decode("utf-8")


class SortedKeys(Mapping[str, int]):
    """Sorted strings packed in one blob, each mapped to a value (its position by default);
    found by binary search over the UTF-8 bytes, which sort as the strings do.

    Parameters
    ----------
    data
        The strings, sorted, UTF-8, each ended by a newline.
    values
        The value of each string, by position.
    """

    def __init__(self, data: bytes, values: Sequence[int] | None = None) -> None:
        self._lines = PackedLines(data)
        self._values = values
        self._buckets = self._bucket_bounds(data, self._lines.ends)

    @staticmethod
    def _bucket_bounds(data: bytes, ends: np.ndarray[Any, Any]) -> list[int] | None:
        """Where the strings of each first two bytes begin (a one-byte string's second byte is
        its newline), so that a search starts in a few dozen strings; ``None`` when the strings
        do not sort so (a character below the newline after a one-byte string)."""
        if not len(ends):
            return None
        starts = np.concatenate(([0], ends[:-1].astype(np.int64) + 1))
        text = np.frombuffer(data, dtype=np.uint8)
        codes = text[starts].astype(np.int64) << _BYTE_BITS | text[starts + 1]
        if np.any(np.diff(codes) < 0):
            return None
        bounds: list[int] = np.searchsorted(codes, np.arange(_BUCKETS + 1)).tolist()
        return bounds

    def position(self, key: str) -> int | None:
        """The position of ``key``, ``None`` when it is not there."""
        target = key.encode("utf-8")
        lines = self._lines
        low, high = 0, len(lines)
        if self._buckets is not None and target:
            code = target[0] << _BYTE_BITS | (target[1] if len(target) > 1 else _NEWLINE)
            low, high = self._buckets[code], self._buckets[code + 1]
        while low < high:
            middle = (low + high) // 2
            if lines.line(middle) < target:
                low = middle + 1
            else:
                high = middle
        return low if low < len(lines) and lines.line(low) == target else None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.position(key) is not None

    def __getitem__(self, key: str) -> int:
        position = self.position(key)
        if position is None:
            raise KeyError(key)
        return position if self._values is None else self._values[position]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


class CodedColumn(Sequence[str]):
    """A column of few distinct strings: a vocabulary and a code per row.

    Parameters
    ----------
    vocabulary
        The distinct strings.
    codes
        The position in ``vocabulary`` of each row's string.
    """

    def __init__(self, vocabulary: tuple[str, ...], codes: Sequence[int]) -> None:
        self._vocabulary = vocabulary
        self._codes = codes

    def __len__(self) -> int:
        return len(self._codes)

    @overload
    def __getitem__(self, row: int) -> str: ...

    @overload
    def __getitem__(self, row: slice) -> Sequence[str]: ...

    def __getitem__(self, row: int | slice) -> str | Sequence[str]:
        if isinstance(row, slice):
            return [self._vocabulary[c] for c in self._codes[row]]
        return self._vocabulary[self._codes[row]]


class NameIndex:
    """The unpacked index: which keys exist, their summaries, their places' lookup rows.

    Parameters
    ----------
    blobs
        The parts written by :func:`pack_key_blobs`, :func:`pack_word_blobs` and
        :func:`pack_place_blobs`.

    Raises
    ------
    ValueError
        When the parts do not fit together.
    KeyError
        When a part is missing.
    """

    def __init__(self, blobs: dict[str, bytes]) -> None:
        # The place of a row, made when first asked for and kept: one object however many
        # keys name it (at most one per place of the gazetteer).
        self._place = cache(self._place_of_row)
        self.packed = len(blobs["offsets"]) // 4 - 1 > DICT_KEYS_LIMIT
        # a packed index reads its arrays in place in the blobs (no copies)
        numbers = _viewed if self.packed else _unpacked
        self.summaries = numbers("q", blobs["summaries"])
        self.offsets = numbers("I", blobs["offsets"])
        self.rows = numbers("I", blobs["entry_rows"])
        self.kinds = numbers("B", blobs["entry_kinds"])
        lengths = numbers("B", blobs["first_word_lengths"])
        self.positions: Mapping[str, int]
        self.first_words: Mapping[str, int]
        self.two_word_prefixes: Container[str]
        self._ids: Sequence[str]
        self._names: Sequence[str]
        if self.packed:
            self.positions = SortedKeys(blobs["keys"])
            # first words come in the order of their first key: sorted, as keys hold no
            # characters below the space
            self.first_words = SortedKeys(blobs["first_words"], lengths)
            self.two_word_prefixes = SortedKeys(blobs["two_word_prefixes"])
            self._ids = PackedLines(blobs["place_ids"])
            self._names = PackedLines(blobs["place_names"])
        else:
            keys = _split(blobs["keys"])
            # dicts of str to int: the cyclic garbage collector never walks them
            self.positions = dict(zip(keys, range(len(keys)), strict=True))
            self.first_words = dict(zip(_split(blobs["first_words"]), lengths, strict=True))
            self.two_word_prefixes = dict.fromkeys(_split(blobs["two_word_prefixes"]))
            self._ids = _split(blobs["place_ids"])
            self._names = _split(blobs["place_names"])
        self._features = numbers("B", blobs["place_features"])
        self._lats = numbers("d", blobs["place_lats"])
        self._lons = numbers("d", blobs["place_lons"])
        self._populations = numbers("q", blobs["place_populations"])
        self._geonameids = numbers("q", blobs["place_geonameids"])
        self._priors = numbers("d", blobs["place_priors"])
        self._countries = self._column(blobs, "place_countries")
        self._admin1s = self._column(blobs, "place_admin1s")
        self._sources = self._column(blobs, "place_sources")
        self._check_fit(len(lengths))

    def _check_fit(self, first_words: int) -> None:
        """Raise ``ValueError`` unless the parts agree in length."""
        places = len(self._names)
        keys = len(self.positions)
        if len(self.summaries) != keys or len(self.offsets) != keys + 1 or \
                len(self.rows) != len(self.kinds) or len(self.first_words) != first_words or \
                any(len(column) != places for column in (
                    self._ids, self._features, self._lats, self._lons, self._populations,
                    self._geonameids, self._priors, self._countries, self._admin1s,
                    self._sources)):
            raise ValueError("its parts do not fit together")

    def _column(self, blobs: dict[str, bytes], name: str) -> Sequence[str]:
        vocabulary = _split(blobs[f"{name}_vocabulary"])
        if self.packed:
            return CodedColumn(vocabulary, _viewed("I", blobs[f"{name}_codes"]))
        return tuple(vocabulary[c] for c in _unpacked("I", blobs[f"{name}_codes"]))

    def __contains__(self, key: object) -> bool:
        return key in self.positions

    def summary_code(self, key: str) -> int | None:
        """The packed summary of ``key`` (see :func:`encode_summary`), ``None`` when no place
        has it."""
        position = self.positions.get(key)
        return None if position is None else self.summaries[position]

    def candidates(
        self, key: str, limit: int | None = None, features: frozenset[str] | None = None
    ) -> tuple[Candidate, ...]:
        """The candidates of ``key``, best first (as :data:`gazetteer.store._LOOKUP_SQL` ranks
        them): at most ``limit``, or only those of some ``features``. A place met under
        several keys is one object."""
        position = self.positions.get(key)
        if position is None:
            return ()
        begin, end = self.offsets[position], self.offsets[position + 1]
        if limit is not None:
            end = min(end, begin + limit)
        out: list[Candidate] = []
        for k in range(begin, end):
            r = self.rows[k] - 1
            if features is not None and FEATURES[self._features[r]] not in features:
                continue
            kind = NAME_KINDS[self.kinds[k]]
            out.append(Candidate(self._place(r), ranked_prior(self._priors[r], kind), kind))
        return tuple(out)

    def _place_of_row(self, r: int) -> Place:
        gid = self._geonameids[r]
        # by position: a named tuple is made fastest so
        return Place(self._ids[r] or f"gn:{gid}", self._names[r], FEATURES[self._features[r]],
                     self._countries[r], self._lats[r], self._lons[r], self._populations[r],
                     None if gid < 0 else gid, self._admin1s[r], (), None, self._sources[r])
