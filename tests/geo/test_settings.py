"""Tests of ``geo.settings``: its environment variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import settings
from geo.errors import InputError


def test_the_decision_files_default_to_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("CONFLICTMAP_CORRECTIONS", "CONFLICTMAP_REVIEWS", "CONFLICTMAP_SAMPLE_RESULTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    paths = settings.load_paths()
    assert paths.cache_dir == tmp_path
    assert paths.corrections == tmp_path / "corrections.json"
    assert paths.reviews == tmp_path / "reviews.json"
    assert paths.sample_results == tmp_path / "sample_results.pickle"


def test_each_path_variable_wins_over_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CONFLICTMAP_CORRECTIONS", str(tmp_path / "mine.json"))
    monkeypatch.setenv("CONFLICTMAP_REVIEWS", str(tmp_path / "team" / "reviews.json"))
    monkeypatch.setenv("CONFLICTMAP_SAMPLE_RESULTS", str(tmp_path / "sample.pickle"))
    monkeypatch.setenv("CONFLICTMAP_NODE_MODULES", str(tmp_path / "npm"))
    paths = settings.load_paths()
    assert paths.corrections == tmp_path / "mine.json"
    assert paths.reviews == tmp_path / "team" / "reviews.json"
    assert paths.sample_results == tmp_path / "sample.pickle"
    assert settings.node_modules_dir() == tmp_path / "npm"


def test_the_npm_folder_defaults_to_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CONFLICTMAP_NODE_MODULES", raising=False)
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    assert settings.node_modules_dir() == tmp_path / "npm" / "node_modules"


def test_the_longest_document_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CONFLICTMAP_MAX_DOCUMENT_CHARS", raising=False)
    assert settings.max_document_chars() == settings.MAX_DOCUMENT_CHARS
    monkeypatch.setenv("CONFLICTMAP_MAX_DOCUMENT_CHARS", " 5000 ")
    assert settings.max_document_chars() == 5000


@pytest.mark.parametrize("value", ["0", "-3", "ten", "1e6"])
def test_a_bad_longest_document_says_which_variable(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTMAP_MAX_DOCUMENT_CHARS", value)
    with pytest.raises(InputError, match="CONFLICTMAP_MAX_DOCUMENT_CHARS"):
        settings.max_document_chars()

