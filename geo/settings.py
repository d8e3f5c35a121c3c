"""Settings of the ``geo`` package, in one place.

Paths come from :mod:`gazetteer.settings` (``CONFLICTMAP_CACHE_DIR`` and friends). This module
holds every tuning weight, threshold and limit of the ``geo`` stages, grouped by stage and
documented where it is defined (the modules import them from here; word lists, regular
expressions and data tables stay with their code, presentation constants such as colours, sizes
and zooms with the map code, and the event models' trained thresholds in
``geo/events/models/events.json``), and the five environment variables of ``geo``:

``CONFLICTMAP_CORRECTIONS``
    The corrections file (default ``<cache>/corrections.json``).
``CONFLICTMAP_REVIEWS``
    The event reviews (default ``<cache>/reviews.json``).
``CONFLICTMAP_SAMPLE_RESULTS``
    The processed sample corpus (default ``<cache>/sample_results.pickle``).
``CONFLICTMAP_MAX_DOCUMENT_CHARS``
    The longest document processed (default :data:`MAX_DOCUMENT_CHARS`).
``CONFLICTMAP_NODE_MODULES``
    The npm packages whose Leaflet files the maps inline (default ``<cache>/npm/node_modules``).
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

# --- Recognition (geo.parse.toponyms, geo.parse.words) -------------------------------------

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
#: A country's demonym reads as the demonym unless one of its places is at least this likely
#: ("Canadian" is the adjective of Canada, not Canadian, Texas).
DEMONYM_PLACE_MIN_PRIOR = 7.5
#: Census surnames up to this rank count as person names (rank 20,000 is about 0.001%).
SURNAME_RANK_LIMIT = 20_000
#: First names counted as such when they start a name the gazetteer lacks ("Eric Garner" is a
#: person): the most common of each Census list, so that rarer ones that also start place
#: names ("Bula Marer") do not.
FIRST_NAME_RANK_LIMIT = 500
#: A place this populous keeps a name that is also a person's name, without other evidence.
PERSON_NAME_MAX_POPULATION = 100_000
#: A name before a weapon ("Neptune missiles") is the weapon's when none of its places is
#: this populous (a big city's rockets, "Gaza rockets", stay the city's).
WEAPON_NAME_MAX_POPULATION = 100_000
#: All-capital names up to this length must be known abbreviations ("US", "UK", "UAE").
ACRONYM_MAX = 5
#: Words up to this length may be abbreviated with a full stop ("Ky.", "Calif."); a longer
#: word before a stop ends a sentence ("Beaumont.") and is looked up without it.
ABBREVIATION_MAX = 5
#: Distinct run texts, words and names whose answers a recogniser keeps (the least recently
#: used are forgotten past this many).
RECOGNISER_CACHE_SIZE = 200_000

# --- Resolution (geo.parse.resolve) -------------------------------------------------------

#: A candidate whose country another name of the document vouches for (a country, a demonym,
#: or a name whose likely readings all lie in it).
COUNTRY_BONUS = 2.0
#: Added per further name vouching for the same country, up to :data:`COUNTRY_MAX_STEPS`.
COUNTRY_STEP = 1.0
#: Further names of a country that still add :data:`COUNTRY_STEP`.
COUNTRY_MAX_STEPS = 3
#: A country's own name (not an alternate) nearly always means the country.
COUNTRY_NAME_BONUS = 2.5
#: A town that shares its name with the division it lies in (and is usually its seat).
NAMESAKE_SEAT_BONUS = 1.5
#: A candidate whose first-level division another name of the document vouches for.
ADMIN1_BONUS = 2.5
#: A candidate whose division or country follows it in a "Paris, Texas" pattern (times the
#: share of the name's mentions so followed).
PATTERN_BONUS = 4.0
#: A candidate of the kind a frame names ("the province of X": a division; "the city of X": a
#: town), times the share of the name's mentions so framed; more than a namesake seat's bonus.
FRAME_BONUS = 2.0
#: Spatial coherence: at most this much for a candidate at the centre of the article's other
#: places, falling by a factor e every :data:`COHERENCE_KM` kilometres from it.
COHERENCE_BONUS = 1.5
#: Distance scale of the coherence bonus, in kilometres.
COHERENCE_KM = 400.0
#: Rounds of scoring, each against the readings chosen in the round before (fewer when a round
#: changes nothing).
ROUNDS = 3
#: In the first round a name vouches for the country and division shared by its readings
#: within this much of its best prior (the Clarke Counties are all in the US).
LIKELY_PRIOR_MARGIN = 1.5
#: The most the context can add to a candidate; weaker ones are not scored.
MAX_CONTEXT_GAIN = (COUNTRY_NAME_BONUS + COUNTRY_BONUS + COUNTRY_MAX_STEPS * COUNTRY_STEP
                    + ADMIN1_BONUS + PATTERN_BONUS + FRAME_BONUS + COHERENCE_BONUS)
#: A town smaller than this that shares its name with a world region ("Middle East",
#: Maryland; "Levant", Kansas) is not lifted by the document's country or places.
HAMLET_POPULATION = 10_000
#: A town at least this populous may be named abroad with nothing else in the document in its
#: country; a smaller one so named, far from the document's places, is a place the gazetteer
#: lacks (:func:`geo.parse.resolve.resolve`).
STRANDED_POPULATION = 150_000
#: How far from the document's other places such a town must lie, in kilometres.
STRANDED_KM = 500.0
#: How many other names (distinct ones) must lie in one country for such a town abroad to be
#: a place the gazetteer lacks (a single name, "U.S. troops", sets no story's country).
STRANDED_SUPPORT = 2
#: Below this resolution score a mention resolves to "none of these".
MIN_RESOLUTION_SCORE = 0.15

# --- Documents (geo.parse.windows, geo.io) ------------------------------------------------

#: A text longer than this many characters is processed in windows of about this size
#: (:mod:`geo.parse.windows`), so that a document's working memory stays bounded.
WINDOW_CHARS = 200_000
#: Longest document processed (characters; about 100 MB of text); a longer one is reported and
#: skipped. Raise it with ``CONFLICTMAP_MAX_DOCUMENT_CHARS`` or the CLI's
#: ``--max-document-chars``.
MAX_DOCUMENT_CHARS = 100_000_000
#: Bytes of a file's start read to sniff UTF-16 without a byte-order mark (twice as many for
#: an HTML page's declared charset) (:mod:`geo.io.decode`).
SNIFF_BYTES = 4096
#: Bytes of a line-oriented file read to choose its encoding before streaming it.
ENCODING_SAMPLE_BYTES = 1 << 20
#: Characters of a text's start searched for a dateline (:mod:`geo.io.dates_meta`).
DATELINE_WINDOW = 120
#: Percentiles of the event days that bound the default date range.
BULK_LOW_PERCENTILE = 5.0
BULK_HIGH_PERCENTILE = 95.0
#: Days the bulk is widened by at least, each side (real events just past it stay in).
BULK_MIN_MARGIN_DAYS = 30

# --- Copies of a story (geo.duplicates) ---------------------------------------------------

#: Estimated Jaccard similarity of two documents' shingles from which one is a copy.
NEAR_DUPLICATE = 0.8
#: Words per shingle.
SHINGLE_WORDS = 5
#: Words below which a text is not a story to deduplicate (a news article has hundreds).
MIN_STORY_WORDS = 60
#: Hash functions of a MinHash signature (more: a finer estimate, more memory; 128 is about
#: 1 KB).
MINHASH_PERMUTATIONS = 128

# --- Events: triggers and links (geo.events.stage, geo.events.linking) ----------------------
# The detector's, linker's and scene model's own thresholds are trained and ship with the
# models (geo/events/models/events.json); these are the pipeline's rules around them.

#: Shortest token that may be a trigger ("hit", "set").
MIN_TRIGGER_CHARS = 3
#: A sentence with no trigger over the detector's threshold takes its best word from this
#: probability on, when the word itself names a kind of event ("were shelled"). Every
#: annotated sentence reports an event, so the validation fold gains from a lower one (F1
#: 0.697 at 0.03), but ordinary news then gives events ("officers arrived in Dallas").
WEAK_TRIGGER = 0.15
#: ... and, from this probability on, its best word of a kind that names its event outright
#: (:data:`~geo.events.taxonomy.OUTRIGHT_KINDS`: "kidnapped", "rioted").
OUTRIGHT_TRIGGER = 0.03
#: A layer's other triggers than its most probable one link places from this probability
#: on ("launched an offensive in X, targeting Y"); chosen on the validation fold through
#: the pipeline (F1 0.696 from 0.6 to 0.8; from the linker's own threshold they cost
#: more precision than they gain recall).
SECOND_LINK = 0.7
#: A place on a movement's route is linked from this fraction of the linker's threshold
#: (the annotated news seldom mark a movement's origin: "entered Azaz from Turkey"); F1 on
#: the validation fold through the pipeline 0.703 at 0.15 and at 0.05, 0.700 at 0.
ROUTE_FACTOR = 0.05
#: A name the gazetteer lacks that a settlement noun frames ("targeting the town of X", "the
#: villages of X and Y", "X, a small village") is accepted from this fraction of the scene
#: model's threshold: such a name is a place, and the village the gazetteer lacks is the
#: event's place more often than the model, which met few of them, believes. On the
#: validation fold through the pipeline, F1 0.737 at 1 (no change), 0.737 at 0.5 and at 0.3
#: (recall 0.799 -> 0.808 -> 0.809: the added places are the events' own; the precision lost
#: is mostly the annotation's, which marks the region for "launched an offensive in" and the
#: village for "targeting" in copies of one sentence).
SETTLEMENT_FACTOR = 0.5
#: Tokens from a movement's destination to "from" and the place after it that the learned
#: stage takes as the movement's origin even when the scene model rejects it ("entered the
#: Syrian city of Azaz from Turkey": 1, the word "from").
FROM_GAP_TOKENS = 2
#: An event none of whose candidates reaches the threshold takes its most probable one from
#: this fraction of the threshold on (chosen on the validation fold through the pipeline:
#: F1 0.684 without, 0.690 at 0.75, 0.682 at 0.5).
LONE_FACTOR = 0.75

# --- Events: features (geo.events.features, .candidates, .linking, .scene, .taxonomy) -----
# The shipped models were trained on features made with these: change one, retrain
# (scripts/train_events.py).

#: Shortest stem left after stripping a suffix.
MIN_STEM = 3
#: Words of the context window on each side of a token.
FEATURE_WINDOW = 3
#: Most tokens between two candidates for one to frame the other ("Nahdha area in Baghdad").
FRAME_GAP_TOKENS = 4
#: Furthest token a dateline's place may end at.
DATELINE_TOKENS = 6
#: A leading word this common (frequency bucket) is a sentence's first word, not a name.
COMMON_BUCKET = 5
#: A sentence's first word this common (frequency bucket) is no part of a name ("According",
#: "Meanwhile", "Hundreds"): a name the gazetteer lacks is seldom an English word.
FIRST_COMMON_BUCKET = 2
#: Longest unknown span (a name the gazetteer lacks) taken as a candidate, in tokens.
MAX_UNKNOWN_TOKENS = 6
#: Tokens looked at before a place for its cue.
CUE_TOKENS = 6
#: Most tokens of a gap in a list or a container relation between two linked candidates
#: (", and the town of").
LINK_GAP_TOKENS = 5
#: Most tokens between a place and a region named after it to locate it ("the Varesh
#: quarter of the port city of X": see :func:`geo.events.linking.locates`).
LOCATING_GAP_TOKENS = 6
#: Tokens looked at on each side of a candidate for an attribution word (scene model).
ATTRIBUTION_TOKENS = 5
#: Probability from which a candidate counts among a sentence's likely places (scene model).
SCENE_LIKELY_PLACE = 0.4
#: Most tokens between two candidates for a list or container relation (scene model).
SCENE_GAP_TOKENS = 5
#: Tokens on each side of the trigger that refine its class.
CONTEXT_WINDOW = 10
#: Tokens after a seizure's trigger that may name what it took.
OBJECT_WINDOW = 4
#: Most words between a possessive name and the name of its part ("Velmoria's capital,
#: Dastor").
PART_WORDS = 4

# --- Events: rules (geo.events.rules, geo.events.places) ----------------------------------

#: How many sentences on a movement report may go on without naming its troops or people again.
CONTINUATION_SENTENCES = 4
#: Most characters between a place and the region that frames it.
FRAME_CHARS = 40
#: Sentences looked back at for a container.
CONTAINER_SENTENCES = 3
#: Offsets up to this far (km) are "near" their place (precision 2); further ones 3.
NEAR_KM = 50.0
#: Characters looked back at for an offset or a cue.
OFFSET_LOOKBACK_CHARS = 80

# --- Events: parties (geo.events.parties) -------------------------------------------------

#: Characters looked at before an actor for who acted or reported ("by", "reported by").
PARTY_LOOK_BACK_CHARS = 40
#: Characters looked at after an actor for a report ("said", "reported").
PARTY_LOOK_AHEAD_CHARS = 80

# --- Merging (geo.events.merge) ------------------------------------------------------------

#: An imported row (ACLED, GDELT) and an extracted event are one happening when they share a
#: layer, lie this close (km) and are this many days apart at most.
JOIN_KM = 30.0
JOIN_DAYS = 1
#: Two imported rows of the same day, layer, type and actors are one happening when their
#: places lie this close (km; the same coordinates, give or take rounding) and have the same
#: name.
SAME_ROW_KM = 1.0
#: An event dated only by its article (precision ``"published"``) happened on that day or at
#: most this many days before it (weekdays in a text resolve within a week).
PUBLISHED_LOOKBACK_DAYS = 7
#: Width of the date buckets extracted events are grouped by.
DATE_BUCKET_DAYS = 7
#: Sides of the location cells of rows and of row–text joins, in distance tolerances: larger
#: cells, fewer cells to look in but more events in each.
ROW_CELL_SIDE = 4.0
JOIN_CELL_SIDE = 4.0
#: A merged event is this much more confident than its most confident report, up to the cap.
MERGE_CONFIDENCE_BONUS = 0.05
MERGE_CONFIDENCE_CAP = 0.95

# --- Reviews and decisions files (geo.io.reviews, geo.io.decisions) -----------------------

#: A date this many days from the batch's median date is an outlier worth a look.
OUTLIER_DAYS = 60
#: A place this far (km) from the median of its article's other places is an outlier worth a
#: look.
OUTLIER_KM = 1500.0
#: Places of an article's other events needed to call one event's places outlying.
MIN_OTHER_PLACES = 3
#: Events of one document up to which each event's place centre leaves its own places out
#: (beyond it, an imported table of thousands, one centre serves all: linear, not quadratic).
EXACT_GROUP_EVENTS = 200
#: Confidence below which an event is queued for review on that ground alone.
LOW_CONFIDENCE = 0.6
#: Seconds a save waits for another saver's lock before giving up.
LOCK_TIMEOUT = 30.0

# --- Batches (geo.cluster, geo.sample) ----------------------------------------------------

#: Documents sent to a worker at a time.
PARTITION_DOCS = 64
#: Documents of a partition when each partition is also written as a part of partitioned
#: output: fewer, larger files, and the fixed cost of building a part's GeoDataFrame and
#: GeoParquet file (about 0.4 s) spread over more documents.
PART_DOCS = 256
#: Partitions in flight per worker thread (the rest of the input waits unread).
IN_FLIGHT_PER_THREAD = 3
#: Times a failed partition is tried again (on another worker when its worker was lost).
PARTITION_RETRIES = 3
#: Batches of the sample alone kept in the stored sample results (under other corrections and
#: reviews).
SAMPLE_KEPT_BATCHES = 4

# --- Maps (geo.maps) ----------------------------------------------------------------------

#: Further simplification of the stored country outlines (degrees): about 10 km, plenty at the
#: zooms where tiles are missed most, and it keeps the HTML small (about 1 MB).
OUTLINE_TOLERANCE = 0.1
#: Stylesheets larger than this (characters) stay CDN links in the app's map (a failed
#: stylesheet does not stop the map; fonts inlined into Font Awesome's would weigh on every
#: rerun).
MAX_INLINE_CSS = 64_000
#: Sea-route waypoints are rounded to this many decimals (about 11 m) before routing and
#: caching.
ROUTE_ROUND_DECIMALS = 4
#: Batches' feature files kept in the live map component's folder (the oldest are removed).
LIVE_KEPT_DATA_FILES = 16
#: Versions of the live map component's folder kept (the least recently started are removed).
LIVE_KEPT_FOLDERS = 4

# --- Environment --------------------------------------------------------------------------

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
