"""The learned models as shipped: logistic regressions over string features, read from a JSON
artefact in the package (:data:`MODEL_PATH`); nothing is downloaded."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from pathlib import Path

from geo.errors import InputError
from geo.events.trees import TreeModel

#: The trained models (written by ``scripts/train_events.py``).
MODEL_PATH = Path(__file__).with_name("models") / "events.json"
#: Name of the trigger detector in the artefact.
DETECTOR = "detector"
#: Name of the place linker in the artefact.
LINKER = "linker"
#: Name of the linker's threshold for an event's other places in the artefact.
MORE_THRESHOLD = "linker_more_threshold"
#: Name of the place linker's context model in the artefact (optional).
CONTEXT = "linker_context"
#: Name of the detector's vocabulary in the artefact.
TRIGGER_STEMS = "trigger_stems"
#: Name of the sentence-level place decision in the artefact (optional).
SCENE = "scene"
#: Name of the boosted trees over the scene model's probability in the artefact (optional).
SCENE_TREES = "scene_trees"

#: Weights by a feature's name and value: "p1=in" is ``["p1"]["in"]``, "bias" ``["bias"][None]``
#: (see :data:`geo.events.features.Parts`).
ByName = dict[str, dict[str | None, float]]


def by_name(weights: Mapping[str, float]) -> ByName:
    """The :data:`ByName` table of ``weights``."""
    out: ByName = {}
    for feature, weight in weights.items():
        name, eq, value = feature.partition("=")
        out.setdefault(name, {})[value if eq else None] = weight
    return out


class FeatureTables:
    """A model's weights for features given as names and values: for each sequence of names
    (a few: the feature functions' fixed ones), the weights of each name, in order, made on
    the first use of the names.

    Parameters
    ----------
    weights
        Weight of each feature string.
    """

    def __init__(self, weights: Mapping[str, float]) -> None:
        self._by_name = by_name(weights)
        self._aligned: dict[Sequence[str], tuple[dict[str | None, float], ...]] = {}

    def total(self, names: Sequence[str], values: Sequence[str | None]) -> float:
        """The sum of the weights of the features ``names[k]=values[k]`` (``names[k]`` alone
        for a ``None`` value), in their order: the sum over the weights of their strings."""
        tables = self._aligned.get(names)
        if tables is None:
            tables = self._aligned[names] = tuple(self._by_name.get(n, {}) for n in names)
        # dict.get over the aligned tables and values runs in C; filter drops the unknown
        # features' None
        return sum(filter(None, map(dict.get, tables, values)))


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A binary logistic regression over string features.

    Parameters
    ----------
    weights
        Weight of each feature (features not listed weigh 0).
    bias
        Intercept.
    threshold
        Probability from which the answer is yes.
    """

    weights: Mapping[str, float]
    bias: float
    threshold: float
    #: ``weights`` by the features' names and values, made with the model.
    tables: FeatureTables = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", FeatureTables(self.weights))

    def probability(self, features: Iterable[str]) -> float:
        """Probability that the example with ``features`` is positive."""
        # map() over the dict's own get runs in C; filter drops the unknown features' None
        z = self.bias + sum(filter(None, map(self.weights.get, features)))
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def probability_of(self, names: Sequence[str], values: Sequence[str | None]) -> float:
        """:meth:`probability` of the features ``names[k]=values[k]`` (the same number),
        looked up by name and value without making their strings."""
        return self.probability_of_total(self.tables.total(names, values))

    def probability_of_total(self, total: float) -> float:
        """The probability of an example whose features' weights sum to ``total``."""
        z = self.bias + total
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def as_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"bias": self.bias, "threshold": self.threshold, "weights": dict(self.weights)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> LinearModel:
        """Read the JSON form of :meth:`as_dict`."""
        weights = data["weights"]
        if not isinstance(weights, dict):
            raise TypeError("weights must be an object")
        return cls({str(k): float(v) for k, v in weights.items()},
                   float(str(data["bias"])), float(str(data["threshold"])))


#: Prefix of the linker's features among the context model's (in the artefact).
PAIR_PREFIX = "c:"


@dataclass(frozen=True, slots=True, eq=False)
class ContextModel:
    """The linker's second stage: a logistic regression over the linker's features of a
    (trigger, candidate) pair and the context features of the candidate (see
    :func:`geo.events.linking.context_features`). In the artefact it is one
    :class:`LinearModel` whose weights of the linker's features carry :data:`PAIR_PREFIX`;
    they are kept apart here, so that scoring builds no new strings.

    Parameters
    ----------
    pair_weights
        Weight of each of the linker's features.
    weights
        Weight of each context feature.
    bias
        Intercept.
    threshold
        Probability from which a candidate is linked.
    """

    pair_weights: Mapping[str, float]
    weights: Mapping[str, float]
    bias: float
    threshold: float
    #: ``pair_weights`` and ``weights`` by the features' names and values, made with the
    #: model.
    pair_tables: FeatureTables = field(init=False, repr=False)
    tables: FeatureTables = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pair_tables", FeatureTables(self.pair_weights))
        object.__setattr__(self, "tables", FeatureTables(self.weights))

    def probability(self, pair: Iterable[str], context: Iterable[str]) -> float:
        """Probability that the pair with linker features ``pair`` and context features
        ``context`` is linked."""
        z = self.bias + sum(filter(None, map(self.pair_weights.get, pair))) \
            + sum(filter(None, map(self.weights.get, context)))
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def probability_of(self, pair: tuple[Sequence[str], Sequence[str | None]],
                       context: tuple[Sequence[str], Sequence[str | None]]) -> float:
        """:meth:`probability` of the linker features and the context features given as
        names and values (see :meth:`LinearModel.probability_of`; the same number)."""
        return self.probability_of_total(self.pair_tables.total(*pair), context)

    def probability_of_total(self, pair: float,
                             context: tuple[Sequence[str], Sequence[str | None]]) -> float:
        """:meth:`probability_of` for linker features whose weights sum to ``pair``."""
        z = self.bias + pair + self.tables.total(*context)
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def of(cls, model: LinearModel) -> ContextModel:
        """Split a model whose linker features carry :data:`PAIR_PREFIX`."""
        n = len(PAIR_PREFIX)
        return cls({k[n:]: w for k, w in model.weights.items() if k.startswith(PAIR_PREFIX)},
                   {k: w for k, w in model.weights.items() if not k.startswith(PAIR_PREFIX)},
                   model.bias, model.threshold)

    def as_linear(self) -> LinearModel:
        """The one-model form of the artefact."""
        weights = {PAIR_PREFIX + k: w for k, w in self.pair_weights.items()}
        weights.update(self.weights)
        return LinearModel(weights, self.bias, self.threshold)


class PairTables:
    """The linker's weights and its context model's weights of the linker's features, side by
    side: a feature of a (trigger, candidate) pair is looked up once for both models.

    Parameters
    ----------
    linker
        The linker's weights.
    context
        The context model's weights of the linker's features
        (:attr:`ContextModel.pair_weights`).
    """

    def __init__(self, linker: Mapping[str, float], context: Mapping[str, float]) -> None:
        first, second = by_name(linker), by_name(context)
        self._by_name: dict[str, dict[str | None, tuple[float, float]]] = {}
        for name in first.keys() | second.keys():
            a, b = first.get(name, {}), second.get(name, {})
            self._by_name[name] = {value: (a.get(value, 0.0), b.get(value, 0.0))
                                   for value in a.keys() | b.keys()}
        self._aligned: dict[Sequence[str], tuple[dict[str | None, tuple[float, float]],
                                                 ...]] = {}

    def totals(self, names: Sequence[str], values: Sequence[str | None]
               ) -> tuple[float, float]:
        """The linker's and the context model's :meth:`FeatureTables.total` of the features
        ``names[k]=values[k]`` (the same numbers: a weight one model lacks adds 0.0, which
        leaves a sum as it is)."""
        tables = self._aligned.get(names)
        if tables is None:
            tables = self._aligned[names] = tuple(self._by_name.get(n, {}) for n in names)
        found = list(filter(None, map(dict.get, tables, values)))
        return sum(map(itemgetter(0), found)), sum(map(itemgetter(1), found))


@dataclass(frozen=True, slots=True, eq=False)
class EventModels:
    """The trigger detector and the place linker.

    Parameters
    ----------
    detector
        Token -> is an event trigger.
    linker
        (trigger, candidate) -> the candidate is where the event happened.
    more_threshold
        The linker links its most probable candidate of an event from its threshold on, and
        each other one from this probability on.
    trigger_stems
        Stems of the words that were triggers in the training data; the detector scores only
        these and the stems of the event taxonomy (the other words never reach its threshold,
        and skipping them keeps the stage fast).
    context
        The linker's second stage, over its features and the probabilities of the sentence's
        other candidates (see :func:`geo.events.linking.scores`); ``None`` to use the linker
        alone.
    scene
        The sentence-level decision on which candidates are where the sentence's events
        happened (see :mod:`geo.events.scene`); ``None`` to keep the linker's thresholds.
    scene_trees
        Boosted trees that take the last word on that decision, over the scene model's
        probability and numbers of the candidate and its sentence (see
        :func:`geo.events.scene.scene_numbers`); ``None`` to take the scene model's.

    Models compare and hash by identity (the weights are large).
    """

    detector: LinearModel
    linker: LinearModel
    more_threshold: float = 0.5
    trigger_stems: frozenset[str] = frozenset()
    context: ContextModel | None = None
    scene: LinearModel | None = None
    scene_trees: TreeModel | None = None
    #: The linker's and the context model's weights side by side (with a context model),
    #: made with the models.
    pair_tables: PairTables | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        if self.context is not None:
            object.__setattr__(self, "pair_tables",
                               PairTables(self.linker.weights, self.context.pair_weights))


def read_models(path: Path) -> EventModels:
    """Read a model artefact.

    Raises
    ------
    InputError
        When the file is missing or not a model artefact.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        context = data.get(CONTEXT)
        scene = data.get(SCENE)
        trees = data.get(SCENE_TREES)
        return EventModels(LinearModel.from_dict(data[DETECTOR]),
                           LinearModel.from_dict(data[LINKER]), float(data[MORE_THRESHOLD]),
                           frozenset(str(s) for s in data[TRIGGER_STEMS]),
                           ContextModel.of(LinearModel.from_dict(context))
                           if context is not None else None,
                           LinearModel.from_dict(scene) if scene is not None else None,
                           TreeModel.from_dict(trees) if trees is not None else None)
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(f"cannot read the event models {str(path)!r}: {err}") from err


@cache
def load_models(path: Path = MODEL_PATH) -> EventModels:
    """The models of ``path`` (the bundled artefact by default), read once."""
    return read_models(path)
