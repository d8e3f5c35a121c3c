"""Building with a GeoNames dump: streamed in batches, merged with the packaged sources."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import gazetteer.build as build
from gazetteer import Gazetteer, GazetteerBuildError, GazetteerLookupError, Place
from gazetteer.prior import place_prior
from gazetteer.settings import CAPITAL_BONUS, load_settings
from gazetteer.sources import geonames_dump

PACKAGED = [
    Place("gn:163843", "Syria", "country", "SY", 35.0, 38.0, 17_000_000, 163843, ""),
    Place("gn:170654", "Damascus", "city", "SY", 33.51, 36.29, 1_569_394, 170654, "SY-DI"),
    Place("gn:169389", "Idlib", "city", "SY", 35.93, 36.63, 128_840, 169389, "SY-ID"),
]
COUNTRIES: dict[str, dict[str, object]] = {"SY": {"capital": "Damascus"}}
DUMP_BATCH = 3


def dump_line(gid: int, name: str, fclass: str = "P", fcode: str = "PPL", *,
              alternates: str = "", population: int = 0, cc: str = "SY") -> str:
    """One line of ``allCountries.txt``."""
    cols = [str(gid), name, name, alternates, "36.4", "37.1", fclass, fcode, cc, "", "09", "",
            "", "", str(population), "", "400", "Asia/Damascus", "2020-01-01"]
    return "\t".join(cols) + "\n"


TALL_RIFAAT = dump_line(9_000_001, "Tall Rifat", alternates="Tell Rifaat,Тель-Рифат,Tall Rif'at",
                        population=20_514)
HOTEL = dump_line(9_000_002, "Hotel Zenobia", "S", "HTL")
ABANDONED = dump_line(9_000_003, "Kharab Sayyar", "P", "PPLQ")
HISTORICAL = dump_line(9_000_004, "Old Qatma", "P", "PPLH")
IDLIB_ALTERNATE = dump_line(169389, "Idlib", alternates="Idlib City")


@pytest.fixture()
def packaged(monkeypatch: pytest.MonkeyPatch) -> None:
    """The packaged sources replaced by three places (a full read takes half a minute)."""
    def small(*args: object, **kwargs: object) -> build.PackagedSources:
        return build.PackagedSources({p.place_id: p for p in PACKAGED}, COUNTRIES, {})

    monkeypatch.setattr(build, "collect_places", small)


def build_with(tmp_path: Path, *lines: str) -> Gazetteer:
    """A gazetteer of the packaged places and a dump of ``lines``."""
    dump = tmp_path / "allCountries.txt"
    dump.write_text("".join(lines), encoding="utf-8")
    output = tmp_path / "gazetteer.sqlite"
    build.build_gazetteer(load_settings(), geonames_file=dump, output=output)
    return Gazetteer(output)


def both_ways(gaz: Gazetteer, name: str) -> list[list[str]]:
    """The place ids of ``name`` from the tables and from the loaded name index."""
    from_tables = [c.place.place_id for c in gaz.candidates(name)]
    indexed = Gazetteer(gaz.path)
    indexed.load_name_index()
    return [from_tables, [c.place.place_id for c in indexed.candidates(name)]]


@pytest.mark.usefixtures("packaged")
def test_a_place_of_the_dump_is_added(tmp_path: Path) -> None:
    gaz = build_with(tmp_path, TALL_RIFAAT)
    assert both_ways(gaz, "Tall Rifat") == [["gn:9000001"]] * 2
    place = gaz.get("gn:9000001")
    assert (place.feature, place.population, place.country) == ("city", 20_514, "SY")
    assert gaz.stats()["places"] == str(len(PACKAGED) + 1)


@pytest.mark.usefixtures("packaged")
def test_alternate_names_of_the_dump_are_searchable(tmp_path: Path) -> None:
    gaz = build_with(tmp_path, TALL_RIFAAT, IDLIB_ALTERNATE)
    assert both_ways(gaz, "Tell Rifaat") == [["gn:9000001"]] * 2
    assert gaz.candidates("Tell Rifaat")[0].kind == "alt"
    # a record of a packaged place adds its names to it, not a second place
    assert both_ways(gaz, "Idlib City") == [["gn:169389"]] * 2
    idlib = gaz.get("gn:169389")
    assert (idlib.admin1, idlib.alternate_names) == ("SY-ID", ("Idlib City",))


@pytest.mark.usefixtures("packaged")
def test_rows_filtered_out_stay_out(tmp_path: Path) -> None:
    gaz = build_with(tmp_path, HOTEL, TALL_RIFAAT, ABANDONED, HISTORICAL)
    for gid in (9_000_002, 9_000_003, 9_000_004):
        with pytest.raises(GazetteerLookupError):
            gaz.by_geonameid(gid)
    for name in ("Hotel Zenobia", "Kharab Sayyar", "Old Qatma", "Тель-Рифат"):
        assert both_ways(gaz, name) == [[], []]
    assert gaz.stats()["places"] == str(len(PACKAGED) + 1)


@pytest.mark.usefixtures("packaged")
def test_a_capital_of_the_dump_gets_the_capital_prior(tmp_path: Path) -> None:
    bigger = dump_line(9_000_005, "Damascus", population=2_000_000)
    gaz = build_with(tmp_path, bigger)
    priors = dict(gaz._con().execute(
        "SELECT place_id, prior FROM places WHERE name = 'Damascus'").fetchall())
    assert priors == {
        "gn:9000005": round(place_prior(gaz.get("gn:9000005"), is_capital=True), 4),
        "gn:170654": round(place_prior(gaz.get("gn:170654"), is_capital=False), 4),
    }
    assert priors["gn:9000005"] > priors["gn:170654"] + CAPITAL_BONUS


def test_the_reader_is_lazy(tmp_path: Path) -> None:
    dump = tmp_path / "allCountries.txt"
    dump.write_text(TALL_RIFAAT * 50 + "a broken line\n", encoding="utf-8")
    places = geonames_dump.iter_geonames_dump(dump, {})
    assert isinstance(places, Iterator)
    assert next(places).name == "Tall Rifat"  # the broken line at the end is not read yet
    with pytest.raises(GazetteerBuildError, match=":51"):
        list(places)


@pytest.mark.usefixtures("packaged")
def test_the_dump_is_written_in_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = 20
    read = {"places": 0, "written": 0}
    held: list[int] = []
    batches: list[int] = []
    reader, flush = geonames_dump.iter_geonames_dump, build._flush

    def counting_reader(*args: object, **kwargs: object) -> Iterator[Place]:
        for place in reader(*args, **kwargs):  # type: ignore[arg-type]
            read["places"] += 1
            yield place

    def recording_flush(con: object, places: list[build.PlaceRow], names: object) -> None:
        held.append(read["places"] - read["written"])
        batches.append(len(places))
        read["written"] += len(places)
        flush(con, places, names)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "DUMP_BATCH_ROWS", DUMP_BATCH)
    monkeypatch.setattr(geonames_dump, "iter_geonames_dump", counting_reader)
    monkeypatch.setattr(build, "_flush", recording_flush)
    gaz = build_with(tmp_path, *(dump_line(9_100_000 + k, f"Village {k}") for k in range(rows)))
    assert read["places"] == rows
    # the dump's batches, then the packaged places
    assert batches[-1] == len(PACKAGED) and sum(batches[:-1]) == rows
    assert max(batches[:-1]) <= DUMP_BATCH
    # places read but not yet written, at each write: never more than a batch
    assert max(held[:-1]) <= DUMP_BATCH
    assert gaz.stats()["places"] == str(rows + len(PACKAGED))


@pytest.mark.usefixtures("packaged")
def test_a_bad_line_is_reported_with_its_number(tmp_path: Path) -> None:
    bad = TALL_RIFAAT.replace("36.4", "north")
    with pytest.raises(GazetteerBuildError, match=r"allCountries\.txt'?:3: could not convert"):
        build_with(tmp_path, HOTEL, TALL_RIFAAT, bad)
    assert [p.name for p in tmp_path.iterdir()] == ["allCountries.txt"]


@pytest.mark.usefixtures("packaged")
def test_progress_counts_the_lines_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geonames_dump, "PROGRESS_EVERY", 2)
    reports: list[tuple[str, int]] = []
    dump = tmp_path / "allCountries.txt"
    dump.write_text(HOTEL + TALL_RIFAAT * 4, encoding="utf-8")
    build.build_gazetteer(load_settings(), geonames_file=dump, output=tmp_path / "g.sqlite",
                          progress=lambda stage, count: reports.append((stage, count)))
    read = [count for stage, count in reports if stage == "reading allCountries.txt"]
    assert read == [2, 4, 5]


@pytest.mark.usefixtures("packaged")
def test_a_repeated_geonames_id_keeps_the_first_record(tmp_path: Path) -> None:
    again = dump_line(9_000_001, "Tall Rifaat Again")
    gaz = build_with(tmp_path, TALL_RIFAAT, again)
    assert gaz.get("gn:9000001").name == "Tall Rifat"
    assert both_ways(gaz, "Tall Rifaat Again") == [[], []]
