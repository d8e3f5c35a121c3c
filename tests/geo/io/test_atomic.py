"""Tests of ``geo.io.atomic``: single files, streams and sets survive failures and kills."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.errors import ExportError
from geo.io.atomic import FileSet, atomic_stream, atomic_write, atomic_write_bytes, recover

NAMES = ("map.html", "events.geojson", "events.csv", "events.kml")


def _fail(tmp: Path) -> None:
    tmp.write_text("half", encoding="utf-8")
    raise RuntimeError("disk full")


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = atomic_write_bytes(tmp_path / "a.csv", b"old")
    with pytest.raises(ExportError, match=r"a\.csv.*disk full"):
        atomic_write(target, _fail)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_stream_replaces_the_file_only_at_the_end(tmp_path: Path) -> None:
    target = atomic_write_bytes(tmp_path / "out.jsonl", b"old\n")
    with atomic_stream(target) as fh:
        fh.write("new 1\n")
        assert target.read_text() == "old\n"
        fh.write("new 2\n")
    assert target.read_text() == "new 1\nnew 2\n"
    with pytest.raises(KeyError), atomic_stream(target) as fh:
        fh.write("partial\n")
        raise KeyError("stopped")
    assert target.read_text() == "new 1\nnew 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_set_is_written_whole_with_a_manifest(tmp_path: Path) -> None:
    with FileSet(manifest=tmp_path / "set.manifest.json") as files:
        for name in NAMES:
            files.add(tmp_path / name, lambda tmp, n=name: tmp.write_text(n, encoding="utf-8"))
        assert not (tmp_path / NAMES[0]).exists(), "nothing moves before the set is complete"
    manifest = json.loads((tmp_path / "set.manifest.json").read_text())
    assert [f["path"] for f in manifest["files"]] == list(NAMES)
    for entry in manifest["files"]:
        data = (tmp_path / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    assert manifest["run_id"] == files.run_id
    assert str(tmp_path) not in json.dumps(manifest), "no local folder names in the manifest"


def test_a_failing_file_leaves_every_old_file(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_text("old", encoding="utf-8")
    with pytest.raises(ExportError), FileSet() as files:
        files.add(tmp_path / NAMES[0], lambda tmp: tmp.write_text("new"))
        files.add(tmp_path / NAMES[1], _fail)
    assert {(tmp_path / n).read_text() for n in NAMES} == {"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)


def test_the_same_file_twice_in_a_set_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="twice"), FileSet() as files:
        files.add(tmp_path / "a.csv", lambda tmp: tmp.write_text("1"))
        files.add(tmp_path / "." / "a.csv", lambda tmp: tmp.write_text("2"))


def _die_after_first_move(folder: str) -> None:
    """In a child process: commit a set, and die (as a kill would) after the first move."""
    moved = {"n": 0}
    real_replace = Path.replace

    def replace_then_die(self: Path, target: str | os.PathLike[str]) -> Path:
        result = real_replace(self, target)
        if str(self).endswith(".tmp" + Path(target).suffix) and ".html." in str(self):
            moved["n"] += 1
            os._exit(9)
        return result

    Path.replace = replace_then_die  # type: ignore[method-assign]
    with FileSet() as files:
        for name in NAMES:
            files.add(Path(folder) / name, lambda tmp: tmp.write_text("new", encoding="utf-8"))


def test_a_run_killed_while_moving_is_finished_by_the_next(tmp_path: Path) -> None:
    for name in NAMES:
        (tmp_path / name).write_text("old", encoding="utf-8")
    child = multiprocessing.get_context("fork").Process(
        target=_die_after_first_move, args=(str(tmp_path),)
    )
    child.start()
    child.join(30)
    assert child.exitcode == 9
    states = {(tmp_path / n).read_text() for n in NAMES}
    assert states == {"old", "new"}, "the kill landed between two moves"
    finished = recover(tmp_path)
    assert len(finished) == len(NAMES) - 1
    assert {(tmp_path / n).read_text() for n in NAMES} == {"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES)


def test_temporaries_of_dead_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".map.html.{dead_pid}-0123abcd.tmp.html"
    live = tmp_path / f".map.html.{os.getpid()}-0123abcd.tmp.html"
    foreign = tmp_path / ".notes.tmp"
    for path in (stale, live, foreign):
        path.write_text("x")
    atomic_write_bytes(tmp_path / "map.html", b"page")
    assert not stale.exists()
    assert live.exists() and foreign.exists()


WRITER = r"""
import os
import sys
from pathlib import Path
from geo.io.atomic import FileSet

folder = Path(sys.argv[1])
names = sys.argv[2:]
generation = 0
while True:
    generation += 1
    body = (f"generation {os.getpid()}-{generation}\n" + "x" * 400_000).encode()
    with FileSet(manifest=folder / "set.manifest.json") as files:
        for name in names:
            files.add(folder / name, lambda tmp: tmp.write_bytes(body))
"""


def _generations(folder: Path) -> set[str]:
    return {(folder / n).read_bytes().split(b"\n", 1)[0].decode() for n in NAMES}


def test_a_kill_at_any_moment_leaves_the_old_or_the_new_complete_set(tmp_path: Path) -> None:
    rng = random.Random(13)
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    seen: set[str] = set()
    for trial in range(12):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), *NAMES], env=env, cwd=root
        )
        manifest_path = tmp_path / "set.manifest.json"
        before = manifest_path.read_bytes() if manifest_path.exists() else b""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not manifest_path.exists() or manifest_path.read_bytes() == before
        ):
            time.sleep(0.005)  # until this writer has written a set
        time.sleep(rng.uniform(0.0, 0.3))
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        recover(tmp_path)
        generations = _generations(tmp_path)
        assert len(generations) == 1, f"trial {trial}: a mixed set {generations}"
        manifest = json.loads((tmp_path / "set.manifest.json").read_text())
        for entry in manifest["files"]:
            data = (tmp_path / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"trial {trial}"
        seen |= generations
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*NAMES, "set.manifest.json"])
    assert len(seen) > 1, "the kills landed at different moments"
