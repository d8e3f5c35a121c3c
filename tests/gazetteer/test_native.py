"""Optional compiled builds of the hot modules: used only when they match the sources, and
they give the same answers as the pure-Python modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer import _native

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path) -> Path:
    for package in _native.PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("x = 1\n", encoding="utf-8")
    return tmp_path


def test_a_build_is_used_only_while_it_matches_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    monkeypatch.setattr(_native, "PROJECT_DIR", project)
    monkeypatch.setattr(_native, "_KEY", [])
    monkeypatch.delenv(_native.PURE_PYTHON_ENV, raising=False)
    monkeypatch.setenv(_native.COMPILED_DIR_ENV, str(project / "compiled"))
    assert _native.activate("geo", ["src"]) == ["src"]  # nothing built

    build = project / "compiled" / _native.source_key() / "geo"
    build.mkdir(parents=True)
    assert _native.activate("geo", ["src"]) == ["src"]  # not complete: a build cut short
    (build.parent / "COMPLETE").write_text("geo.toponyms\n", encoding="utf-8")
    assert _native.activate("geo", ["src"]) == [str(build), "src"]

    monkeypatch.setenv(_native.PURE_PYTHON_ENV, "1")
    assert _native.activate("geo", ["src"]) == ["src"]  # switched off
    monkeypatch.delenv(_native.PURE_PYTHON_ENV)

    # an edited source makes another key: the old build is never loaded again
    (project / "geo" / "__init__.py").write_text("x = 2\n", encoding="utf-8")
    monkeypatch.setattr(_native, "_KEY", [])
    assert _native.activate("geo", ["src"]) == ["src"]


_DUMP = """
import json, sys
from geo.geoparse import Geoparser
from geo.pipeline import load_sample_corpus
import geo.toponyms
parser = Geoparser()
print(json.dumps({"compiled": not geo.toponyms.__file__.endswith(".py"),
                  "out": [[t.as_dict() for t in parser.geoparse(d.text)]
                          for d in load_sample_corpus()]}))
"""


def _dump(pure: bool) -> dict[str, object]:
    env = {**os.environ, _native.PURE_PYTHON_ENV: "1" if pure else "0"}
    found = subprocess.run([sys.executable, "-c", _DUMP], cwd=ROOT, env=env, check=True,
                           capture_output=True, text=True)
    result: dict[str, object] = json.loads(found.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_compiled_modules_give_the_pure_python_answers() -> None:
    if _native.active_dir() is None:
        pytest.skip("no compiled build matches the sources (scripts/compile_native.py)")
    compiled, pure = _dump(pure=False), _dump(pure=True)
    assert compiled["compiled"] and not pure["compiled"]
    assert compiled["out"] == pure["out"]
