"""English word lists the recogniser's rules ask about: common words, function words, people.

The lists are read once (a few tenths of a second with the word-frequency table) and kept as
plain sets of lower-case ASCII words, so that a rule asks one dictionary about a word the first
time it meets it as cheaply as every later time. Words with other letters ("Çavuşoğlu",
"O'Brien") are rare in English news text and are asked of wordfreq itself.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from geo import settings

__all__ = [
    "CALENDAR_NAMES",
    "first_names",
    "is_common_word",
    "is_function_word",
    "person_names",
    "zipf",
]

#: Names of feasts, fasts and months of the religious calendars that news dates events by
#: ("during Ramadan", "before Eid"): a place elsewhere (a village called Ramadan), never in
#: such a phrase, so never read as a place on their own.
CALENDAR_NAMES = frozenset({
    "ramadan", "ramazan", "eid", "muharram", "ashura", "shawwal", "diwali", "passover",
    "hanukkah", "easter", "christmas", "thanksgiving", "lent", "nowruz", "navruz", "shabbat",
    "sabbath", "pentecost", "advent", "iftar", "hajj"})


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # with the geoparser, not on reading a result

    return get_frequency_dict("en")


def _table_zipf(frequency: float) -> float:
    """wordfreq's Zipf figure of a frequency from its table (what ``zipf_frequency`` gives)."""
    return round(math.log10(frequency) + 9, 2)


def zipf(lower: str) -> float:
    """wordfreq's Zipf frequency of a lower-case English word, read straight from its table
    for plain ASCII words (the same figure as ``zipf_frequency``, without its tokeniser)."""
    if lower.isascii() and lower.isalpha():
        frequency = _frequencies().get(lower)
        return _table_zipf(frequency) if frequency else 0.0
    from wordfreq import zipf_frequency

    return float(zipf_frequency(lower, "en"))


def _plain_words_at_least(zipf_floor: float) -> dict[str, float]:
    """The plain lower-case ASCII words of the frequency table whose Zipf figure reaches
    ``zipf_floor``, with their frequencies."""
    # frequencies a hundredth of a Zipf point below the floor may round up to it
    least = 10 ** (zipf_floor - 9.01)
    return {w: f for w, f in _frequencies().items()
            if f >= least and w.isascii() and w.isalpha() and w.islower()
            and _table_zipf(f) >= zipf_floor}


@lru_cache(maxsize=1)
def common_words() -> dict[str, None]:
    """The plain lower-case words that are ordinary English words and not rare: Webster's list
    (PyPI ``english-words``, web2) has them in lower case (or their singular: "cases",
    "boxes"), and their Zipf frequency reaches ``settings.COMMON_WORD_ZIPF``."""
    from english_words import get_english_words_set

    webster = {w for w in get_english_words_set(["web2"], lower=False, alpha=True)
               if w.islower()}

    def known(word: str) -> bool:
        return word in webster or (word.endswith("s") and (
            word[:-1] in webster or (word.endswith("es") and word[:-2] in webster)))

    # a dict of str: never walked by the garbage collector
    return dict.fromkeys(w for w in _plain_words_at_least(settings.COMMON_WORD_ZIPF)
                         if known(w))


@lru_cache(maxsize=1)
def function_words() -> dict[str, None]:
    """The plain lower-case words frequent enough never to be a place ("in", "will")."""
    return dict.fromkeys(_plain_words_at_least(settings.FUNCTION_WORD_ZIPF))


def is_common_word(word: str) -> bool:
    """Whether ``word`` is also an ordinary English word ("reading", "mobile", "hope"), in any
    case; proper names that Webster's list has only capitalised ("Texas", "Paris") are not,
    nor are rare words. Webster's list holds plain ASCII words only."""
    return word.lower() in common_words()


def is_function_word(word: str) -> bool:
    """Whether ``word`` (in any case) is among the most frequent English words ("In",
    "Will"), which the rules never take for a place."""
    lower = word.lower()
    if lower.isascii() and lower.isalpha():
        return lower in function_words()
    return _is_rare_function_word(lower)


@lru_cache(maxsize=4096)
def _is_rare_function_word(lower: str) -> bool:
    return zipf(lower) >= settings.FUNCTION_WORD_ZIPF


@lru_cache(maxsize=1)
def person_names() -> dict[str, None]:
    """Common US first names and surnames (1990 Census lists, PyPI ``names`` 0.3.0), title-cased.

    Surnames are taken down to a frequency of 0.001% (about 20,000 names); first names all.
    """
    import names

    folder = Path(names.__file__).parent
    out: set[str] = set()
    for file, limit in (("dist.male.first", 10**6), ("dist.female.first", 10**6),
                        ("dist.all.last", settings.SURNAME_RANK_LIMIT)):
        with (folder / file).open(encoding="ascii") as handle:
            for rank, line in enumerate(handle, start=1):
                if rank > limit:
                    break
                out.add(line.split(" ", 1)[0].title())
    return dict.fromkeys(out)  # a dict of str: never walked by the garbage collector


@lru_cache(maxsize=1)
def first_names() -> dict[str, None]:
    """The most common US first names (1990 Census lists, PyPI ``names`` 0.3.0; the first
    ``settings.FIRST_NAME_RANK_LIMIT`` of each list), title-cased: the names that start a
    person's name far more often than a place's ("Eric", "Gerald"; not "Bula")."""
    import names

    folder = Path(names.__file__).parent
    out: set[str] = set()
    for file in ("dist.male.first", "dist.female.first"):
        with (folder / file).open(encoding="ascii") as handle:
            for rank, line in enumerate(handle, start=1):
                if rank > settings.FIRST_NAME_RANK_LIMIT:
                    break
                out.add(line.split(" ", 1)[0].title())
    return dict.fromkeys(out)


def load() -> None:
    """Read every list now rather than halfway through the first document."""
    person_names()
    common_words()
    function_words()
    zipf("thé")  # wordfreq's tokeniser, for words that are not plain ASCII
