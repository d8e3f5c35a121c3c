"""The ``conflictmap`` command line: contracts of geoparse, lookup and events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo.cli import main


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
