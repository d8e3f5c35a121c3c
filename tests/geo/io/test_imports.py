"""The readers sit below the stages: nothing in ``geo.io`` imports a stage, the maps or the flow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

IO = Path(__file__).resolve().parents[3] / "geo" / "io"
ABOVE = ("geo.events", "geo.maps", "geo.flow", "geo.pipeline", "geo.cluster", "geo.cli")


def _imported(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return out


@pytest.mark.parametrize("path", sorted(IO.glob("*.py")), ids=lambda p: p.name)
def test_a_reader_imports_no_stage_above_it(path: Path) -> None:
    above = {m for m in _imported(path) if m.startswith(ABOVE)}
    assert above == set()


def test_the_check_sees_the_modules() -> None:
    assert "geo.dates" in _imported(IO / "dates_meta.py")
