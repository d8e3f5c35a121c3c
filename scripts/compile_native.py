"""Compile the hot modules with mypyc into the build cache (optional: see gazetteer._native).

    python scripts/compile_native.py            # build for the current sources, if not built
    python scripts/compile_native.py --force    # rebuild
    python scripts/compile_native.py --clean    # remove every build

The extensions go to ``.cache/compiled/<key>/<package>/``, never beside the sources; the
folder is moved into place complete (with a ``COMPLETE`` marker), so a failed or interrupted
build leaves the pure-Python modules in use. Needs mypy (which ships mypyc), setuptools and a
C compiler.

setuptools' ``setup()`` is not used: it would read ``pyproject.toml``, whose PEP 639
``license = "MIT"`` old setuptools rejects; the extensions are built with a bare
``Distribution`` instead. mypy reads its options from ``[tool.mypy]`` (run from the project
folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from gazetteer._native import COMPILED, compiled_root, source_key  # noqa: E402


def build(out: Path, *, verbose: bool) -> None:
    """Compile :data:`COMPILED` into ``out`` (``out/<package>/<module>.so``)."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    sources = [str(Path(*name.split(".")).with_suffix(".py")) for name in COMPILED]
    with tempfile.TemporaryDirectory(prefix="mypyc-", dir=out.parent) as work:
        extensions = mypycify(
            sources,
            opt_level="3",
            debug_level="0",
            # one extension per module, each beside its package's other modules: mypyc's
            # shared group library would be a top-level module, outside the packages' paths
            separate=True,
            target_dir=str(Path(work) / "c"),
            verbose=verbose,
        )
        dist = Distribution({"name": "conflictmap-native", "ext_modules": extensions})
        command = dist.get_command_obj("build_ext")
        command.build_lib = str(out)  # type: ignore[attr-defined]
        command.build_temp = str(Path(work) / "obj")  # type: ignore[attr-defined]
        command.parallel = os.cpu_count() or 1  # type: ignore[attr-defined]
        dist.run_command("build_ext")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when built")
    parser.add_argument("--clean", action="store_true", help="remove every build and stop")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    os.chdir(PROJECT_DIR)  # mypy reads [tool.mypy] of pyproject.toml from here
    root = compiled_root()
    if args.clean:
        shutil.rmtree(root, ignore_errors=True)
        return 0
    key = source_key()
    final = root / key
    if (final / "COMPLETE").is_file() and not args.force:
        print(f"up to date: {final}")
        return 0
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=root))
    staging.chmod(0o755)  # mkdtemp makes it private
    started = time.perf_counter()
    try:
        build(staging, verbose=args.verbose)
        if source_key() != key:
            print("the sources changed during the build; nothing kept", file=sys.stderr)
            return 1
        (staging / "COMPLETE").write_text(
            "\n".join(COMPILED) + "\n", encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)
        staging.rename(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    # Older builds can never match again: drop them.
    for other in root.iterdir():
        if other != final and not other.name.startswith("."):
            shutil.rmtree(other, ignore_errors=True)
    print(f"built {len(COMPILED)} modules in {time.perf_counter() - started:.1f} s: {final}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
