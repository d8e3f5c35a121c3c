"""Optional mypyc-compiled builds of the hot modules, used only when they match the sources.

``python scripts/compile_native.py`` compiles the modules of :data:`COMPILED` into
``<compiled_dir>/<key>/`` (the settings' ``compiled_dir``, by default ``.cache/compiled``;
``<key>/geo/toponyms.cpython-311-….so`` and so on), where
``<key>`` is a hash of the interpreter's ABI tag and of every source file of the ``geo`` and
``gazetteer`` packages. At import, each package passes its ``__path__`` to :func:`activate`,
which puts ``<key>/<package>`` in front when that folder exists, so ``import geo.toponyms``
finds the extension first and every other module its source. Editing any source changes the
key, so a stale build is never loaded (nothing is ever written beside the sources);
``CONFLICTMAP_PURE_PYTHON=1`` turns the compiled modules off.

This module runs before the packages' own modules and uses only the standard library and the
settings; neither is ever compiled.
"""

from __future__ import annotations

import hashlib
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from gazetteer.settings import COMPILED_DIR_ENV, PURE_PYTHON_ENV, load_settings

__all__ = ["COMPILED", "COMPILED_DIR_ENV", "PACKAGES", "PURE_PYTHON_ENV", "activate",
           "active_dir", "compiled_root", "source_key"]

#: The modules compiled by ``scripts/compile_native.py``.
COMPILED: tuple[str, ...] = (
    "gazetteer.normalize",
    "gazetteer.name_index",
    "gazetteer.store",
    "geo.text",
    "geo.runs",
    "geo.toponyms",
    "geo.resolve",
    "geo.geoparse",
)
#: Packages whose sources make up the key: a compiled module relies on the types of what it
#: imports (field types, signatures), so an edit of any of them invalidates the build.
PACKAGES: tuple[str, ...] = ("gazetteer", "geo")
PROJECT_DIR = Path(__file__).resolve().parent.parent


def compiled_root() -> Path:
    """The folder that holds one subfolder per build key (the settings' ``compiled_dir``)."""
    return load_settings().compiled_dir


def source_key() -> str:
    """The build key of the current sources and interpreter."""
    digest = hashlib.sha256()
    digest.update(f"{sys.implementation.cache_tag} {EXTENSION_SUFFIXES[0]}\n".encode())
    digest.update(" ".join(COMPILED).encode() + b"\n")
    for package in PACKAGES:
        folder = PROJECT_DIR / package
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(PROJECT_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


_KEY: list[str] = []


def active_dir() -> Path | None:
    """The folder of a build that matches the sources, or ``None`` (pure Python)."""
    settings = load_settings()
    if settings.pure_python:
        return None
    root = settings.compiled_dir
    if not root.is_dir():  # no build at all: skip hashing
        return None
    if not _KEY:
        _KEY.append(source_key())
    folder = root / _KEY[0]
    return folder if (folder / "COMPLETE").is_file() else None


def activate(package: str, path: list[str]) -> list[str]:
    """``path`` (a package's ``__path__``) with the package's compiled folder first, when a
    build matches the sources."""
    folder = active_dir()
    if folder is not None and (folder / package).is_dir():
        path.insert(0, str(folder / package))
    return path
