"""Lookups of the gazetteer facade, on a tiny gazetteer."""

from __future__ import annotations

import json

import pytest

from gazetteer import FeatureClass, Gazetteer, GazetteerLookupError, NameKind
from gazetteer.normalize import normalize_name, split_generic_suffix


def test_normalize_folds_case_diacritics_and_the() -> None:
    assert normalize_name("the Bosphorus") == normalize_name("BOSPHORUS") == "bosphorus"
    assert normalize_name("Türkiye") == "turkiye"
    assert normalize_name("Çavuşoğlu") == "cavusoglu"
    assert normalize_name("U.S.") == "us"
    assert split_generic_suffix("idlib province") == ("idlib", split_generic_suffix("x province")[1])  # type: ignore[index]


def test_plain_words_and_written_variants_share_a_key() -> None:
    # plain words take a short road; spacing, hyphens and a leading "the" take the long one
    assert normalize_name("New York") == normalize_name("new-york") == "new york"
    assert normalize_name("  New   York ") == normalize_name("NEW YORK") == "new york"
    assert normalize_name("The Hague") == normalize_name("Hague") == "hague"
    assert normalize_name("Theodore") == "theodore"
    assert normalize_name("Côte d'Ivoire") == normalize_name("Cote dIvoire") == "cote divoire"


def test_candidates_are_ranked_by_prior(tiny_gazetteer: Gazetteer) -> None:
    moscow = tiny_gazetteer.candidates("Moscow")
    assert [c.place.country for c in moscow] == ["RU", "US"]
    brussels = tiny_gazetteer.candidates("brussels")
    assert brussels[0].place.country == "BE"


def test_alternate_names_and_the_and_suffix(tiny_gazetteer: Gazetteer) -> None:
    assert tiny_gazetteer.candidates("the Bosporus")[0].place.feature == "strait"
    assert tiny_gazetteer.candidates("Istanbul Strait")[0].place.place_id == "cm:bosphorus"
    province = tiny_gazetteer.candidates("Idlib province")
    assert province and all(c.place.feature == "admin1" for c in province)
    assert tiny_gazetteer.candidates("Türkiye")[0].place.feature == "country"


def test_aliases_keep_their_kind(tiny_gazetteer: Gazetteer) -> None:
    turkish = tiny_gazetteer.candidates("Turkish")
    assert turkish[0].kind is NameKind.DEMONYM and turkish[0].place.country == "TR"
    assert [c.kind for c in tiny_gazetteer.candidates("US")] == [NameKind.ABBREVIATION]
    assert {c.kind for c in tiny_gazetteer.candidates("Idleb")} == {NameKind.ALT}
    assert json.dumps([c.kind for c in tiny_gazetteer.candidates("Idlib")]) == '["name", "name"]'


def test_by_id_and_nearest(tiny_gazetteer: Gazetteer) -> None:
    assert tiny_gazetteer.get("gn:524901").name == "Moscow"
    assert tiny_gazetteer.by_geonameid(524901).country == "RU"
    assert tiny_gazetteer.nearest(41.0, 29.0).place_id == "cm:bosphorus"
    assert tiny_gazetteer.nearest(35.9, 36.6, features=frozenset({"city"})).name == "Idlib"
    with pytest.raises(GazetteerLookupError, match="nope"):
        tiny_gazetteer.get("nope")


def test_unknown_name_gives_no_candidates(tiny_gazetteer: Gazetteer) -> None:
    assert tiny_gazetteer.candidates("Atlantis") == []
    assert not tiny_gazetteer.has_name("Atlantis")


def test_places_read_back_carry_their_feature_class(tiny_gazetteer: Gazetteer) -> None:
    strait = tiny_gazetteer.get("cm:bosphorus")
    assert strait is not None and strait.feature is FeatureClass.STRAIT
    assert strait.is_water and strait.precision == 2
    found = tiny_gazetteer.candidates("Idlib")
    assert {c.place.feature for c in found} == {FeatureClass.ADMIN1, FeatureClass.CITY}
    assert all(type(c.place.feature) is FeatureClass for c in found)


def test_a_feature_class_writes_as_its_plain_name(tiny_gazetteer: Gazetteer) -> None:
    paris = tiny_gazetteer.candidates("Paris")[0].place
    assert paris.feature == "city"
    assert json.loads(json.dumps(paris.as_dict()))["feature"] == "city"
    assert f"{paris.feature}" == str(paris.feature) == "city"
