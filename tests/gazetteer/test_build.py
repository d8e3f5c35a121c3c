"""The build: atomic, and bad input names the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import GazetteerBuildError
from gazetteer.build import build_gazetteer
from gazetteer.model import NameKind
from gazetteer.settings import load_settings
from gazetteer.sources.curated import Alias, iter_aliases, iter_curated_places
from gazetteer.sources.geonames_dump import iter_geonames_dump

GEONAMES_LINE = (
    "169389\tIdlib\tIdlib\tIdleb,Idlib\t35.93062\t36.63393\tP\tPPLA\tSY\t\t12\t\t\t\t"
    "128840\t\t451\tAsia/Damascus\t2020-01-01\n"
)


def test_geonames_dump_is_read(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(GEONAMES_LINE, encoding="utf-8")
    (place,) = list(iter_geonames_dump(dump, {"SY.12": "SY-ID"}))
    assert place.place_id == "gn:169389" and place.feature == "city"
    assert place.admin1 == "SY-ID" and "Idleb" in place.alternate_names


def test_bad_geonames_line_names_file_and_line(tmp_path: Path) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text(GEONAMES_LINE + "not\ta\tgeonames\tline\n", encoding="utf-8")
    with pytest.raises(GazetteerBuildError, match=r"bad\.txt'?:2"):
        list(iter_geonames_dump(dump, {}))


def test_bad_curated_row_names_file_and_line(tmp_path: Path) -> None:
    csv_path = tmp_path / "places.csv"
    csv_path.write_text(
        "place_id,name,feature,country,lat,lon,alternate_names,population,geonameid,source\n"
        "cm:a,A,sea,,10,10,,,,here\n"
        "cm:b,B,sea,,95,10,,,,here\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerBuildError, match=r"places\.csv'?:3"):
        list(iter_curated_places(csv_path))


def test_curated_files_are_valid() -> None:
    from gazetteer.settings import DATA_DIR

    places = list(iter_curated_places(DATA_DIR / "curated_places.csv"))
    assert len(places) >= 80
    assert {p.feature for p in places} >= {"sea", "strait", "coast", "region", "base", "seat"}
    assert all(p.source for p in places)
    assert len(list(iter_aliases(DATA_DIR / "demonyms.csv", "demonym"))) > 200


def test_alias_files_give_typed_name_kinds(tmp_path: Path) -> None:
    spellings = tmp_path / "spellings.csv"
    spellings.write_text("spelling,target,source\nIdleb,country:SY,a test\n", encoding="utf-8")
    (alias,) = iter_aliases(spellings, "spelling")
    assert alias.kind is NameKind.ALT  # a spelling is stored as an alternate name
    demonyms = tmp_path / "demonyms.csv"
    demonyms.write_text("demonym,target,source\nSyrian,country:SY,a test\n", encoding="utf-8")
    assert [a.kind for a in iter_aliases(demonyms, "demonym")] == [NameKind.DEMONYM]
    with pytest.raises(ValueError, match="not a NameKind"):
        Alias("Syrian", "country:SY", "demonym", "a test")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a NameKind"):
        Alias("Syria", "country:SY", NameKind.NAME, "a test")


def test_failed_build_leaves_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "gaz.sqlite"
    target.write_bytes(b"previous gazetteer")
    import gazetteer.build as build

    def explode(*args: object, **kwargs: object) -> None:
        raise GazetteerBuildError("source broke")

    monkeypatch.setattr(build, "finish_database", explode)
    monkeypatch.setattr(build, "collect_places", lambda *a, **k: build.PackagedSources({}, {}, {}))
    with pytest.raises(GazetteerBuildError):
        build_gazetteer(load_settings(), output=target)
    assert target.read_bytes() == b"previous gazetteer"
    assert [p.name for p in tmp_path.iterdir()] == ["gaz.sqlite"]
