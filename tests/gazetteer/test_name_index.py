"""The packed name index: summaries of each key's places, first words, fast loading."""

from __future__ import annotations

import sqlite3

import pytest

from gazetteer import Gazetteer, GazetteerError
from gazetteer.name_index import (
    decode_summary,
    encode_summary,
    first_word_lengths,
    two_word_prefixes,
)


def test_a_summary_keeps_features_kinds_and_the_best_prior() -> None:
    code = encode_summary([("name", "city", 5.4321), ("alt", "admin1", 6.8), ("demonym", "country", 1.0)])
    summary = decode_summary(code)
    assert summary.features == {"city", "admin1", "country"}
    assert summary.kinds == {"name", "alt", "demonym"}
    assert summary.best_prior == 6.8


def test_first_words_know_the_longest_name_they_start() -> None:
    assert first_word_lengths(["new york", "new york city", "new", "paris", "el paso"]) == {
        "new": 3, "paris": 1, "el": 2}


def test_two_word_prefixes_are_the_first_two_words_of_longer_names() -> None:
    assert two_word_prefixes(["new york", "new york city", "new", "el paso", "bosnia & herzegovina"]) == {
        "new york", "el paso", "bosnia &"}


def test_longer_names_are_known_by_their_first_two_words(tiny_gazetteer: Gazetteer) -> None:
    assert tiny_gazetteer.may_start_longer_name("Linda Walker")  # no index yet: cannot tell
    tiny_gazetteer.load_name_index()
    assert tiny_gazetteer.may_start_longer_name("United States")
    assert tiny_gazetteer.may_start_longer_name("the  UNITED-States")  # normalised first
    assert not tiny_gazetteer.may_start_longer_name("Linda Walker")
    assert tiny_gazetteer.may_start_longer_name("Walker")  # not two words: cannot tell


def test_a_name_of_minor_places_only_is_told_without_its_candidates(
    tiny_gazetteer: Gazetteer,
) -> None:
    names = ["Brussels", "Moscow", "Turkish", "Idlib", "US", "Paris", "Atlantis"]
    broad, kinds = frozenset({"country", "admin1"}), frozenset({"demonym", "abbreviation"})

    def asked() -> list[bool]:
        return [tiny_gazetteer.names_only_places_without(n, broad, kinds, 7.0) for n in names]

    from_tables = asked()
    tiny_gazetteer.load_name_index()
    assert asked() == from_tables
    # towns only: yes below any prior they reach; "Idlib" has a division, "Turkish" is a
    # demonym, "US" an abbreviation of a country, "Atlantis" names nothing
    assert [tiny_gazetteer.names_only_places_without(n, broad, kinds, 100.0)
            for n in names] == [True, True, False, False, False, True, False]
    assert not any(tiny_gazetteer.names_only_places_without(n, broad, kinds, 0.0)
                   for n in names)


def test_the_summary_in_memory_is_the_summary_in_the_tables(tiny_gazetteer: Gazetteer) -> None:
    names = ["Brussels", "Moscow", "Turkish", "Idlib", "US", "Paris", "the Bosporus", "Atlantis"]
    from_tables = [tiny_gazetteer.name_summary(n) for n in names]
    looked_up = [tiny_gazetteer.candidates(n) for n in names]
    tiny_gazetteer.load_name_index()
    assert [tiny_gazetteer.name_summary(n) for n in names] == from_tables
    assert [tiny_gazetteer.candidates(n) for n in names] == looked_up
    turkish = from_tables[2]
    assert turkish is not None and turkish.kinds == {"demonym"}
    assert turkish.features == {"country"}
    paris = from_tables[5]
    assert paris is not None and paris.best_prior == tiny_gazetteer.candidates("Paris")[0].prior
    assert from_tables[-1] is None


def test_the_summary_matches_the_candidates_of_real_names(gazetteer: Gazetteer) -> None:
    gazetteer.load_name_index()
    for name in ["Walker", "Texas", "Georgia", "Springfield", "Mediterranean", "Aleppo"]:
        summary = gazetteer.name_summary(name)
        candidates = gazetteer.candidates(name)
        assert summary is not None
        assert summary.features == {c.place.feature for c in candidates}, name
        assert summary.kinds == {c.kind for c in candidates}, name
        assert summary.best_prior == pytest.approx(candidates[0].prior, abs=1e-4), name


def test_a_damaged_index_is_a_clear_error(tiny_gazetteer: Gazetteer) -> None:
    with sqlite3.connect(tiny_gazetteer.path) as con:
        con.execute("DELETE FROM name_index WHERE part = 'place_lats'")
    damaged = Gazetteer(tiny_gazetteer.path)
    with pytest.raises(GazetteerError, match="damaged name index"):
        damaged.load_name_index()


def test_lookups_from_memory_are_the_lookups_from_the_tables(gazetteer: Gazetteer) -> None:
    import random

    from_tables = Gazetteer(gazetteer.path)
    gazetteer.load_name_index()
    index = gazetteer._index
    assert index is not None
    keys = sorted(index.positions)
    sample = [*random.Random(5).sample(keys, 3000), "washington", "springfield", "paris",
              "san jose", "georgia", "turkish", "us", "idlib"]
    for key in sample:
        assert gazetteer._lookup_uncached(key) == from_tables._lookup_uncached(key), key
        assert gazetteer._lookup_top_uncached(key, 5) == from_tables._lookup_top_uncached(key, 5)
    for name in ["Idlib province", "Bosporus Strait", "Jefferson County"]:
        assert gazetteer.candidates(name) == from_tables.candidates(name), name


def test_a_large_index_kept_packed_answers_as_dicts_do(
    tiny_gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gazetteer.name_index as name_index

    in_dicts = Gazetteer(tiny_gazetteer.path)
    in_dicts.load_name_index()
    monkeypatch.setattr(name_index, "DICT_KEYS_LIMIT", 0)
    packed = Gazetteer(tiny_gazetteer.path)
    packed.load_name_index()
    assert packed._index is not None and in_dicts._index is not None
    assert packed._index.packed and not in_dicts._index.packed
    keys = list(in_dicts._index.positions)
    missing = ["", "a", "zzz", "brussels x", "moscowa", "paris tx", "new york"]
    for key in keys + missing:
        assert packed.has_key(key) == in_dicts.has_key(key), key
        assert packed.candidates(key) == in_dicts.candidates(key), key
        assert packed.name_summary(key) == in_dicts.name_summary(key), key
        assert packed.name_words(key) == in_dicts.name_words(key), key
        two_words = " ".join([*key.split(), "x"][:2])
        assert packed.may_start_longer_name(two_words) == in_dicts.may_start_longer_name(
            two_words), key
    places = range(len(in_dicts._index._names))
    assert [packed._index._place(r) for r in places] == [in_dicts._index._place(r) for r in places]
    assert packed.has_key("idlib") and not packed.has_key("idli")


@pytest.mark.parametrize("keys", [
    ["a", "a b", "ab", "abc d", "b", "zz", "é", "éa", "北京"],
    ["a", "a\x05", "b"],  # a character below the newline: searched without buckets
    ["x"],
])
def test_sorted_keys_find_every_key_and_nothing_else(keys: list[str]) -> None:
    from gazetteer.name_index import SortedKeys

    data = "".join(f"{key}\n" for key in keys).encode()
    found = SortedKeys(data, [10 * k for k in range(len(keys))])
    assert [found[key] for key in keys] == [10 * k for k in range(len(keys))]
    assert list(found) == keys
    for missing in ["", "0", "a ", "aa", "abc", "c", "é b", "ü", "北"]:
        assert missing not in found and found.get(missing) is None, missing


def test_lookups_return_each_places_fields(tiny_gazetteer: Gazetteer) -> None:
    from tests.conftest import TINY_PLACES

    tiny_gazetteer.load_name_index()
    fields = ("place_id", "name", "feature", "country", "lat", "lon", "population", "geonameid",
              "admin1")
    found = {c.place.place_id: c.place for p in TINY_PLACES
             for c in tiny_gazetteer.candidates(p.name)}
    for place in TINY_PLACES:
        assert [getattr(found[place.place_id], f) for f in fields] == \
            [getattr(place, f) for f in fields], place.name


def test_an_index_of_uneven_place_columns_is_refused(tiny_gazetteer: Gazetteer) -> None:
    with sqlite3.connect(tiny_gazetteer.path) as con:
        con.execute("UPDATE name_index SET data = substr(data, 9) WHERE part = 'place_lons'")
    with pytest.raises(GazetteerError, match="damaged name index"):
        Gazetteer(tiny_gazetteer.path).load_name_index()
