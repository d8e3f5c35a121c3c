"""Settings of the ``geo`` package, in one place.

Paths come from :mod:`gazetteer.settings` (``CONFLICTMAP_CACHE_DIR`` and friends); this module
holds the thresholds of recognition and resolution, documented where they are defined, and five
environment variables: ``CONFLICTMAP_CORRECTIONS`` (the corrections file, default
``<cache>/corrections.json``), ``CONFLICTMAP_REVIEWS`` (the event reviews, default
``<cache>/reviews.json``), ``CONFLICTMAP_SAMPLE_RESULTS`` (the processed sample corpus,
default ``<cache>/sample_results.pickle``), ``CONFLICTMAP_MAX_DOCUMENT_CHARS`` (the longest
document processed, default :data:`MAX_DOCUMENT_CHARS`) and ``CONFLICTMAP_NODE_MODULES`` (the
npm packages whose Leaflet files the maps inline, default ``<cache>/npm/node_modules``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from gazetteer.settings import load_settings as load_gazetteer_settings
from geo.errors import InputError

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SAMPLE_DIR = DATA_DIR / "sample"
ACTORS_CSV = DATA_DIR / "actors.csv"

#: Longest place name tried, in tokens ("Democratic Republic of the Congo").
MAX_NAME_TOKENS = 7
#: Candidates kept per name, best first by prior: the context rarely lifts a reading from
#: further down, and every candidate costs a gazetteer row and a score in every round.
MAX_CANDIDATES = 15
#: Zipf frequency (wordfreq) from which a lower-case dictionary word counts as common.
COMMON_WORD_ZIPF = 3.0
#: Zipf frequency from which a one-word name is too common a word to be a place ("In", "Will").
FUNCTION_WORD_ZIPF = 5.6
#: A common-word name is kept without a locative cue when its best candidate is this likely.
COMMON_WORD_MIN_PRIOR = 7.5
#: Census surnames up to this rank count as person names (rank 20,000 is about 0.001%).
SURNAME_RANK_LIMIT = 20_000
#: A place this populous keeps a name that is also a person's name, without other evidence.
PERSON_NAME_MAX_POPULATION = 100_000
#: Below this resolution score a mention resolves to "none of these".
MIN_RESOLUTION_SCORE = 0.15
#: A text longer than this many characters is processed in windows of about this size
#: (:mod:`geo.parse.windows`), so that a document's working memory stays bounded.
WINDOW_CHARS = 200_000
#: Longest document processed (characters; about 100 MB of text); a longer one is reported and
#: skipped. Raise it with ``CONFLICTMAP_MAX_DOCUMENT_CHARS`` or the CLI's
#: ``--max-document-chars``.
MAX_DOCUMENT_CHARS = 100_000_000


@dataclass(frozen=True, slots=True)
class Paths:
    """Files the pipeline reads and writes.

    Parameters
    ----------
    cache_dir
        Folder of built artefacts.
    corrections
        JSON file of the user's corrections to place resolutions.
    reviews
        JSON file of the user's reviews of events (confirm, reject, edit).
    sample_results
        The bundled sample corpus' processed documents (:mod:`geo.sample`).
    """

    cache_dir: Path
    corrections: Path
    reviews: Path
    sample_results: Path


def max_document_chars() -> int:
    """The longest document processed: ``CONFLICTMAP_MAX_DOCUMENT_CHARS`` or the default.

    Raises
    ------
    InputError
        When the variable is not a positive whole number.
    """
    value = os.environ.get("CONFLICTMAP_MAX_DOCUMENT_CHARS", "").strip()
    if not value:
        return MAX_DOCUMENT_CHARS
    if not value.isdigit() or int(value) < 1:
        raise InputError(f"CONFLICTMAP_MAX_DOCUMENT_CHARS={value!r} is not a positive number")
    return int(value)


def node_modules_dir() -> Path:
    """The npm packages whose Leaflet files the maps inline: ``CONFLICTMAP_NODE_MODULES``,
    else ``<cache>/npm/node_modules``."""
    env = os.environ.get("CONFLICTMAP_NODE_MODULES")
    return Path(env) if env else load_gazetteer_settings().cache_dir / "npm" / "node_modules"


def load_paths() -> Paths:
    """Read the paths from the environment, with defaults."""
    cache = load_gazetteer_settings().cache_dir
    corrections = Path(os.environ.get("CONFLICTMAP_CORRECTIONS") or cache / "corrections.json")
    reviews = Path(os.environ.get("CONFLICTMAP_REVIEWS") or cache / "reviews.json")
    sample = Path(os.environ.get("CONFLICTMAP_SAMPLE_RESULTS")
                  or cache / "sample_results.pickle")
    return Paths(cache_dir=cache, corrections=corrections, reviews=reviews,
                 sample_results=sample)
