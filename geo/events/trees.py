"""Gradient-boosted decision trees as shipped: a few small regression trees over a vector of
numbers whose summed leaves, through the logistic function, give a probability. Trained
with scikit-learn (``scripts/train_events.py``), read from the JSON artefact; evaluated with
numpy, all of a sentence's candidates through all the trees at once."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

#: Examples to evaluate, their inputs one a row.
Inputs = Sequence[Sequence[float]] | npt.NDArray[np.float64]
#: Sums of leaves under which the probability is taken as 0 (``exp`` would overflow).
LOWEST_SUM = -30.0


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

    def depth(self) -> int:
        """The most splits from the root to a leaf."""
        deepest, level = 0, [0]
        while any(self.left[n] for n in level):
            deepest += 1
            level = [c for n in level if self.left[n] for c in (self.left[n], self.right[n])]
        return deepest

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


class Packed(NamedTuple):
    """Trees as arrays of shape ``(n_trees, most_nodes)``, shorter trees padded, for
    evaluating many inputs through all the trees at once.

    A leaf is its own left and right child, so that inputs that reached it stay there while
    the others go down the deeper trees.
    """

    feature: npt.NDArray[np.intp]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.intp]
    right: npt.NDArray[np.intp]
    value: npt.NDArray[np.float64]
    depth: int

    @classmethod
    def of(cls, trees: Sequence[Tree]) -> Packed:
        """Pack ``trees``."""
        shape = (len(trees), max((len(t.left) for t in trees), default=1))
        feature = np.zeros(shape, dtype=np.intp)
        threshold = np.zeros(shape, dtype=np.float64)
        value = np.zeros(shape, dtype=np.float64)
        # padding nodes, never reached, are leaves too
        left = np.tile(np.arange(shape[1], dtype=np.intp), (shape[0], 1))
        right = left.copy()
        for i, t in enumerate(trees):
            n = len(t.left)
            feature[i, :n] = t.feature
            threshold[i, :n] = t.threshold
            value[i, :n] = t.value
            split = np.array(t.left, dtype=np.intp) != 0
            left[i, :n][split] = np.array(t.left)[split]
            right[i, :n][split] = np.array(t.right)[split]
        return cls(feature, threshold, left, right, value,
                   max((t.depth() for t in trees), default=0))


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
    packed: Packed = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "packed", Packed.of(self.trees))

    def _leaf_values(self, x: Inputs) -> npt.NDArray[np.float64]:
        """The value of the leaf each example of ``x`` (its inputs one a row; one at least)
        falls into in each tree (one a column): all go down all the trees a level at a
        time."""
        rows = np.asarray(x, dtype=np.float64).reshape(len(x), -1)
        p = self.packed
        tree = np.arange(len(self.trees))
        node = np.zeros((len(rows), len(self.trees)), dtype=np.intp)
        row = np.arange(len(rows))[:, None]
        for _ in range(p.depth):
            left = rows[row, p.feature[tree, node]] <= p.threshold[tree, node]
            node = np.where(left, p.left[tree, node], p.right[tree, node])
        values: npt.NDArray[np.float64] = p.value[tree, node]
        return values

    def probabilities(self, x: Inputs) -> list[float]:
        """Probability that each example of ``x`` (its inputs one a row) is positive."""
        if not len(x):
            return []
        leaves = self._leaf_values(x)
        # the leaves are added one tree after the other, from the baseline (an accumulation,
        # unlike numpy's sums, keeps that order: the sums are the same numbers however many
        # rows are evaluated together), and the logistic is Python's, as it always was
        start = np.full((len(leaves), 1), self.baseline)
        sums = np.add.accumulate(np.hstack([start, leaves]), axis=1)[:, -1]
        return [0.0 if z < LOWEST_SUM else 1.0 / (1.0 + math.exp(-z)) for z in sums.tolist()]

    def probability(self, x: Sequence[float]) -> float:
        """Probability that the example with inputs ``x`` is positive (see
        :meth:`probabilities` for many at once)."""
        return self.probabilities([x])[0]

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
