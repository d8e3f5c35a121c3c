"""The ``conflictmap`` command line: contracts of geoparse, lookup and events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo.cli import main
from geo.model import Document


def test_lookup_json(gazetteer: Gazetteer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "lookup", "Moscow", "--limit", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["country"] == "RU" and len(rows) == 2
    assert set(rows[0]) == {"place_id", "geonameid", "name", "feature", "country", "lat", "lon",
                            "population"}


def test_geoparse_reports_bad_lines_and_goes_on(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Ships sailed from Sevastopol to Tartus."}\n'
                   "not json\n"
                   '{"id": "b", "text": "Talks in Brussels."}\n', encoding="utf-8")
    text_file = tmp_path / "c.txt"
    text_file.write_text("Refugees reached Lesbos.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    status = main(["geoparse", str(src), str(text_file), "-o", str(out)])
    assert status == 1
    assert "in.jsonl:2" in capsys.readouterr().err
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["id"] for d in docs] == ["c", "a", "b"] or [d["id"] for d in docs] == ["a", "b", "c"]
    a = next(d for d in docs if d["id"] == "a")
    names = [t["name"] for t in a["toponyms"]]
    assert names == ["Sevastopol", "Tartus"]
    t = a["toponyms"][0]
    assert {"start", "end", "name", "lat", "lon", "place_id", "geonameid", "feature", "country",
            "score", "kind"} <= set(t)
    assert "Ships sailed from Sevastopol to Tartus."[t["start"] : t["end"]] == "Sevastopol"


def test_events_jsonl(gazetteer: Gazetteer, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Russia's Black Sea Fleet sent two frigates through the Bosphorus to the "
                   "Mediterranean Sea on Thursday.", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    assert main(["events", str(src), "--published", "2020-02-28", "-o", str(out)]) == 0
    (event,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert event["layer"] == "naval_deployment" and event["event_date"] == "2020-02-27"
    roles = [(p["role"], p["name"]) for p in event["locations"]]
    assert roles == [("origin", "Sevastopol"), ("via", "Bosphorus"),
                     ("destination", "Mediterranean Sea")]
    assert {"role", "place_id", "name", "lat", "lon", "feature", "country", "precision", "start",
            "end"} <= set(event["locations"][1])


def test_bad_published_date_is_a_clear_error(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text("x", encoding="utf-8")
    assert main(["events", str(src), "--published", "28/02/2020"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


ACLED_HEADER = "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,location,latitude,longitude,fatalities,notes\n"


def _acled_rows(n: int, seed: int = 7) -> tuple[str, int]:
    """``n`` distinct ACLED rows, many sharing a date and a fatality count; their total."""
    import random

    rng = random.Random(seed)
    lines, total = [ACLED_HEADER], 0
    for k in range(n):
        fatalities = rng.choice((0, 1, 2, 3, 5))
        total += fatalities
        lines.append(
            f"SYR{k},2020-02-{1 + k % 5:02d},Explosions/Remote violence,Air/drone strike,"
            f"Military Forces of Russia,Civilians (Syria),Syria,Village {k},"
            f"{35 + rng.random():.5f},{36 + rng.random():.5f},{fatalities},Strike {k}\n"
        )
    return "".join(lines), total


def test_distinct_acled_rows_all_become_events(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table, total = _acled_rows(2000)
    src = tmp_path / "acled.csv"
    src.write_text(table, encoding="utf-8")
    out = tmp_path / "events.jsonl"
    assert main(["events", str(src), "-o", str(out)]) == 0
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) == 2000
    assert sum(e["fatalities"] for e in events) == total
    assert "merged" not in capsys.readouterr().err


def test_the_same_rows_twice_are_merged_and_the_cli_says_so(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table, total = _acled_rows(50)
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text(table, encoding="utf-8")
    out = tmp_path / "events.jsonl"
    assert main(["events", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "-o", str(out)]) == 0
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) == 50
    assert sum(e["fatalities"] for e in events) == total
    assert "50 duplicate reports merged (100 reports, 50 events)" in capsys.readouterr().err


TEMPLATE = "{{7*7}} {{ lipsum.__globals__.os.popen('echo PWNED-$((6*7))').read() }} {% endraw %}"


def test_template_syntax_in_an_acled_note_reaches_the_map_as_text(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    src = tmp_path / "acled.csv"
    src.write_text(ACLED_HEADER + "SYR1,2020-02-27,Battles,Armed clash,A {{7*7}},B,Syria,"
                   f"Saraqib,35.86,36.80,33,\"{TEMPLATE.replace(chr(34), chr(34) * 2)}\"\n",
                   encoding="utf-8")
    page = tmp_path / "map.html"
    assert main(["map", str(src), "--html", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "PWNED-42" not in text
    assert "{{7*7}}" in text and "{% endraw %}" in text


def test_the_html_map_of_the_cli_is_titled_like_the_apps(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    src = tmp_path / "acled.csv"
    src.write_text(ACLED_HEADER + "SYR1,2020-02-27,Battles,Armed clash,A,B,Syria,"
                   "Saraqib,35.86,36.80,33,Two sides fought near the town.\n", encoding="utf-8")
    page = tmp_path / "map.html"
    assert main(["map", str(src), "--html", str(page)]) == 0
    assert "<title>1 events</title>" in page.read_text(encoding="utf-8")


def test_corrections_change_the_cli_output(gazetteer: Gazetteer, tmp_path: Path) -> None:
    text = "Russian jets struck Paris on Tuesday, killing 12 people."
    src = tmp_path / "d1.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "toponyms.jsonl"
    assert main(["geoparse", str(src), "-o", str(out), "--corrections",
                 str(tmp_path / "none.json")]) == 0
    (russian, paris) = json.loads(out.read_text())["toponyms"]
    assert russian["kind"] == "demonym" and paris["country"] == "FR"
    texas = next(c.place.place_id for c in gazetteer.candidates("Paris")
                 if c.place.country == "US" and c.place.admin1 == "US-TX")
    start = text.index("Paris")
    fixes = tmp_path / "corrections.json"
    fixes.write_text(json.dumps({"corrections": [
        {"doc_id": "d1", "start": start, "end": start + 5, "mention": "Paris",
         "place_id": texas}]}), encoding="utf-8")
    assert main(["geoparse", str(src), "-o", str(out), "--corrections", str(fixes)]) == 0
    (_russian, paris) = json.loads(out.read_text())["toponyms"]
    assert (paris["place_id"], paris["country"]) == (texas, "US")
    events = tmp_path / "events.jsonl"
    assert main(["events", str(src), "--published", "2020-03-03", "-o", str(events),
                 "--corrections", str(fixes)]) == 0
    (event,) = [json.loads(line) for line in events.read_text().splitlines()]
    assert [p["place_id"] for p in event["locations"]] == [texas]


def test_the_default_corrections_file_is_read(
    gazetteer: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fixes = tmp_path / "corrections.json"
    fixes.write_text('{"corrections": [{"doc_id": "d1", "start": "x"}]}', encoding="utf-8")
    monkeypatch.setenv("CONFLICTMAP_CORRECTIONS", str(fixes))
    src = tmp_path / "d1.txt"
    src.write_text("Talks in Brussels.", encoding="utf-8")
    assert main(["geoparse", str(src)]) == 2
    err = capsys.readouterr().err
    assert str(fixes) in err and "missing keys 'end', 'mention', 'place_id'" in err


def test_a_cp1252_article_is_read_and_the_guess_reported(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "dépêche.txt"
    src.write_bytes("Les frégates russes ont traversé le Bosphore vers Tartous, a dit "
                    "l’agence « Anadolu ».".encode("cp1252"))
    out = tmp_path / "toponyms.jsonl"
    assert main(["geoparse", str(src), "-o", str(out)]) == 0
    names = [t["name"] for t in json.loads(out.read_text(encoding="utf-8"))["toponyms"]]
    assert "Bosphore" in names or "Tartous" in names, names
    assert "cp1252" in capsys.readouterr().err


def test_a_document_over_the_limit_is_reported_and_the_others_go_on(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "long.txt").write_text("Troops moved to Idlib. " * 20, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Talks in Brussels.", encoding="utf-8")
    out = tmp_path / "toponyms.jsonl"
    status = main(["geoparse", str(tmp_path), "-o", str(out), "--max-document-chars", "100"])
    assert status == 1
    assert "long: 460 characters, over the limit of 100" in capsys.readouterr().err
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["short"]


def test_a_long_document_is_geoparsed_window_by_window_with_true_offsets(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    from geo.pipeline import Pipeline

    text = "".join(f"Day {k}: troops moved from Hatay to Idlib, and talks opened in Brussels.\n\n"
                   for k in range(40))
    doc = Document("long", text)
    windowed = Pipeline(window_chars=500).toponyms(doc)
    whole = Pipeline().toponyms(doc)
    assert [(t.start, t.end, t.name) for t in windowed] == [(t.start, t.end, t.name) for t in whole]
    assert all(text[t.start:t.end] == t.name for t in windowed)
    events = Pipeline(window_chars=500).process_document(doc).events
    assert len({e.event_id for e in events}) == len(events) > 1
    assert len({(e.start, e.layer) for e in events}) == len(events), "windows' events kept apart"
    assert all(text[e.start:e.end] == e.evidence for e in events)


def test_wrong_output_suffixes_are_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Talks in Brussels.", encoding="utf-8")
    existing = tmp_path / "m.csv"
    existing.write_text("keep", encoding="utf-8")
    assert main(["map", str(src), "--html", str(existing)]) == 2
    assert "--html must end in .html or .htm" in capsys.readouterr().err
    assert existing.read_text() == "keep"
    assert main(["map", str(src), "--csv", str(existing), "--geojson", str(tmp_path / "x.txt")]) == 2
    assert main(["events", str(src), "-o", str(tmp_path / "e.xlsx")]) == 2
    assert main(["map", str(src), "--csv", str(existing), "--kml", str(tmp_path / "m.kml"),
                 "--geojson", str(tmp_path / "m.geojson"), "--html", str(tmp_path / "m.csv")]) == 2


def test_map_writes_its_files_as_one_set_with_a_manifest(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    import hashlib

    src = tmp_path / "a.txt"
    src.write_text("Russia's Black Sea Fleet sent two frigates through the Bosphorus to the "
                   "Mediterranean Sea on Thursday.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["map", str(src), "--published", "2020-02-28", "--html", str(out / "m.html"),
                 "--csv", str(out / "m.csv"), "--geojson", str(out / "m.geojson")]) == 0
    manifest = json.loads((out / "m.manifest.json").read_text())
    assert [f["path"] for f in manifest["files"]] == ["m.html", "m.geojson", "m.csv"]
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    assert sorted(p.name for p in out.iterdir()) == [
        "m.csv", "m.geojson", "m.html", "m.manifest.json"]


def test_an_unwritable_output_names_the_file_and_the_reason(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Talks in Brussels.", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["geoparse", str(src), "-o", str(blocker / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "out.jsonl" in err and "Errno None" not in err


GEOPARSE_KILLED = r"""
import sys
from geo.cli import main
sys.exit(main(["geoparse", sys.argv[1], "-o", sys.argv[2]]))
"""


def test_a_killed_geoparse_leaves_the_old_output(gazetteer: Gazetteer, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in.jsonl"
    src.write_text("".join(
        json.dumps({"id": f"d{k}", "text": f"Day {k}: ships sailed from Sevastopol to Tartus."})
        + "\n" for k in range(100_000)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", GEOPARSE_KILLED, str(src), str(out)],
                            cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(
        p.name.startswith(".out.jsonl.") and p.stat().st_size > 10_000
        for p in tmp_path.iterdir()
    ):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert out.read_text() == "old\n"
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "x", "text": "Talks in Brussels."}\n', encoding="utf-8")
    assert main(["geoparse", str(small), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["id"] == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl", "small.jsonl"]


def test_the_tools_own_exports_read_back_into_the_same_events(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Russia's Black Sea Fleet sent two frigates through the Bosphorus to the "
                   "Mediterranean Sea on Thursday. Turkish troops moved from Hatay to Idlib on "
                   "Friday. An air strike hit Saraqib on Saturday, killing 12 people.",
                   encoding="utf-8")
    out = tmp_path / "out"
    assert main(["map", str(src), "--published", "2020-03-02", "--csv", str(out / "m.csv"),
                 "--geojson", str(out / "m.geojson"), "--gpkg", str(out / "m.gpkg"),
                 "--parquet", str(out / "m.parquet")]) == 0
    first = tmp_path / "first.jsonl"
    assert main(["events", str(src), "--published", "2020-03-02", "-o", str(first)]) == 0
    expected = sorted((e["layer"], e["event_date"], e["evidence"],
                       tuple((p["role"], p["name"]) for p in e["locations"]))
                      for e in map(json.loads, first.read_text().splitlines()))
    assert len(expected) >= 2
    for name in ("m.csv", "m.geojson", "m.gpkg", "m.parquet"):
        again = tmp_path / f"{name}.jsonl"
        assert main(["events", str(out / name), "-o", str(again)]) == 0, name
        got = sorted((e["layer"], e["event_date"], e["evidence"],
                      tuple((p["role"], p["name"]) for p in e["locations"]))
                     for e in map(json.loads, again.read_text().splitlines()))
        assert got == expected, name


def test_a_story_read_twice_gives_the_events_of_once(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = ("ANKARA - Turkish troops moved from Hatay to Idlib on Monday, the defence ministry "
             "said, as Russian jets struck Saraqib, killing 12 people. Talks between the two "
             "sides opened in Moscow later in the day, officials said. The convoy of tanks and "
             "armoured vehicles crossed the border at dawn and headed south along the highway, "
             "witnesses said, while aid groups warned that tens of thousands of people were "
             "fleeing towards the border in the cold.")
    (tmp_path / "a.txt").write_text(story, encoding="utf-8")
    (tmp_path / "b.txt").write_text("(Wire) " + story + " Reporting by staff.", encoding="utf-8")
    once, twice = tmp_path / "once.jsonl", tmp_path / "twice.jsonl"
    assert main(["events", str(tmp_path / "a.txt"), "--published", "2020-03-03",
                 "-o", str(once)]) == 0
    assert main(["events", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--published",
                 "2020-03-03", "-o", str(twice)]) == 0
    one = [json.loads(line) for line in once.read_text().splitlines()]
    two = [json.loads(line) for line in twice.read_text().splitlines()]
    assert [e["event_id"] for e in two] == [e["event_id"] for e in one] and one
    assert all(e["source"] == "a.txt; b.txt" for e in two)
    assert "the same story as 'a'" in capsys.readouterr().err


def test_geoparse_partitioned_out_writes_the_lines_in_parts_and_lists_what_failed(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(
        json.dumps({"id": f"d{k}", "text": f"Convoy {k} drove from Sevastopol to Kherson."}) + "\n"
        for k in range(300)) + "not json\n", encoding="utf-8")
    assert main(["geoparse", str(src), "-o", str(tmp_path / "one.jsonl")]) == 1
    capsys.readouterr()
    parts = tmp_path / "parts"
    assert main(["geoparse", str(src), "--partitioned-out", str(parts)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "in.jsonl:301" in err and "2 part(s) written" in err
    joined = b"".join((parts / f"part-0000{k}.jsonl").read_bytes() for k in range(2))
    assert joined == (tmp_path / "one.jsonl").read_bytes()
    manifest = json.loads((parts / "manifest.json").read_text(encoding="utf-8"))
    assert [p["documents"] for p in manifest["parts"]] == [256, 44]
    assert manifest["failures"][0]["where"].endswith("in.jsonl:301")


def test_events_partitioned_out_without_dask_merges_back_to_the_same_output(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "wire.jsonl"
    strike = "An air strike hit a market in Idlib on Tuesday, killing 9 people."
    src.write_text("".join(json.dumps(row) + "\n" for row in (
        {"id": "a", "text": strike, "published": "2020-02-27", "source": "wire A"},
        {"id": "b", "text": f"{strike} Rescuers searched the rubble.", "published": "2020-02-27",
         "source": "wire B"},
        {"id": "c", "text": strike, "published": "2020-02-27", "source": "wire C"},
    )), encoding="utf-8")
    assert main(["events", str(src), "-o", str(tmp_path / "one.jsonl")]) == 0
    assert main(["events", str(src), "--partitioned-out", str(tmp_path / "parts"),
                 "-o", str(tmp_path / "also.jsonl")]) == 0
    assert main(["merge", str(tmp_path / "parts"), "-o", str(tmp_path / "merged.jsonl")]) == 0
    one = (tmp_path / "one.jsonl").read_bytes()
    assert (tmp_path / "merged.jsonl").read_bytes() == one
    assert (tmp_path / "also.jsonl").read_bytes() == one
    (event,) = [json.loads(line) for line in one.decode().splitlines()]
    assert sorted(event["source"].split("; ")) == ["wire A", "wire B", "wire C"]
    capsys.readouterr()
    assert main(["merge", str(tmp_path)]) == 2
    assert "no manifest.json" in capsys.readouterr().err
