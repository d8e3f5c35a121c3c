"""Gradient-boosted decision trees as shipped: a few small regression trees over a vector of
numbers whose summed leaves, through the logistic function, give a probability. Trained
with scikit-learn (``scripts/train_events.py``), read from the JSON artefact; evaluating
them needs no library."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree, its nodes numbered from the root (0).

    Parameters
    ----------
    feature
        Index into the input vector that each split node looks at (unused at a leaf).
    threshold
        A split sends its input left when ``x[feature] <= threshold``.
    left
        Child node of each split node on the left (0 at a leaf: the root is no one's child).
    right
        Child node of each split node on the right.
    value
        What a leaf adds to the sum (unused at a split node).
    """

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf_value(self, x: Sequence[float]) -> float:
        """The value of the leaf ``x`` falls into."""
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        node = 0
        while left[node]:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        return self.value[node]

    def as_dict(self) -> dict[str, list[int] | list[float]]:
        """JSON form."""
        return {"feature": list(self.feature), "threshold": list(self.threshold),
                "left": list(self.left), "right": list(self.right), "value": list(self.value)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Sequence[float]]) -> Tree:
        """Read the JSON form of :meth:`as_dict`."""
        return cls(tuple(int(v) for v in data["feature"]),
                   tuple(float(v) for v in data["threshold"]),
                   tuple(int(v) for v in data["left"]), tuple(int(v) for v in data["right"]),
                   tuple(float(v) for v in data["value"]))


@dataclass(frozen=True, slots=True)
class TreeModel:
    """A binary classifier of boosted trees.

    Parameters
    ----------
    names
        Name of each input of the vector (to check the artefact against the code that
        makes the vectors).
    baseline
        The sum before the first tree (the log-odds of the training data's positives).
    trees
        The trees, whose leaves add to the sum.
    threshold
        Probability from which the answer is yes.
    """

    names: tuple[str, ...]
    baseline: float
    trees: tuple[Tree, ...]
    threshold: float

    def probability(self, x: Sequence[float]) -> float:
        """Probability that the example with inputs ``x`` is positive."""
        z = self.baseline
        for tree in self.trees:
            z += tree.leaf_value(x)
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def as_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"names": list(self.names), "baseline": self.baseline,
                "threshold": self.threshold, "trees": [t.as_dict() for t in self.trees]}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TreeModel:
        """Read the JSON form of :meth:`as_dict`."""
        names, trees = data["names"], data["trees"]
        if not isinstance(names, list) or not isinstance(trees, list):
            raise TypeError("names and trees must be arrays")
        return cls(tuple(str(n) for n in names), float(str(data["baseline"])),
                   tuple(Tree.from_dict(t) for t in trees), float(str(data["threshold"])))
