"""Tests of ``gazetteer.settings`` and the project's one error root."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from gazetteer import settings
from gazetteer.errors import ConflictMapError, GazetteerError, GazetteerLookupError
from geo import errors as geo_errors


def test_one_error_root_for_both_packages() -> None:
    assert geo_errors.ConflictMapError is ConflictMapError
    assert issubclass(GazetteerLookupError, GazetteerError)
    assert issubclass(GazetteerError, ConflictMapError)
    assert issubclass(geo_errors.ExportError, ConflictMapError)


def test_the_cache_is_the_checkouts_own_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONFLICTMAP_CACHE_DIR", raising=False)
    assert settings.load_settings().cache_dir == settings.PACKAGE_DIR.parent / ".cache"


def test_an_installed_package_caches_in_the_users_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site-packages"
    (site / "gazetteer").mkdir(parents=True)
    monkeypatch.setattr(settings, "PACKAGE_DIR", site / "gazetteer")
    monkeypatch.delenv("CONFLICTMAP_CACHE_DIR", raising=False)
    assert settings.load_settings().cache_dir == Path(platformdirs.user_cache_dir("conflictmap"))


def test_a_read_only_checkout_caches_in_the_users_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "checkout"
    (project / "gazetteer").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'conflictmap'\n", encoding="utf-8")
    monkeypatch.setattr(settings, "PACKAGE_DIR", project / "gazetteer")
    monkeypatch.delenv("CONFLICTMAP_CACHE_DIR", raising=False)
    monkeypatch.delenv("CONFLICTMAP_GAZETTEER", raising=False)
    writable = settings.load_settings().cache_dir
    # A folder the user may not write to (the tests run as root, so chmod would not tell).
    real_access = settings.os.access
    monkeypatch.setattr(settings.os, "access",
                        lambda path, mode: Path(path) != project and real_access(path, mode))
    read_only = settings.load_settings()
    assert writable == project / ".cache"
    assert read_only.cache_dir == Path(platformdirs.user_cache_dir("conflictmap"))
    assert read_only.gazetteer_path == read_only.cache_dir / "gazetteer.sqlite"


def test_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CONFLICTMAP_GAZETTEER", raising=False)
    loaded = settings.load_settings()
    assert loaded.cache_dir == tmp_path and loaded.gazetteer_path == tmp_path / "gazetteer.sqlite"


def test_the_smallest_city_population_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONFLICTMAP_MIN_CITY_POPULATION", "15000")
    assert settings.load_settings().min_city_population == 15_000
    monkeypatch.delenv("CONFLICTMAP_MIN_CITY_POPULATION")
    assert settings.load_settings().min_city_population == 500
