"""Fixtures of the event tests: the pipeline on the full gazetteer, built once for them all."""

from __future__ import annotations

import pytest

from geo.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline (full gazetteer, actor table, committed models); a test module
    that needs another defines its own ``pipeline``."""
    return Pipeline()
