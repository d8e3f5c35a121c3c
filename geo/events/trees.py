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
    """All the trees' nodes in flat arrays, tree after tree, each tree given as many slots
    as the largest (the last ones unused in smaller trees), for evaluating many inputs
    through all the trees at once.

    A node's children are at ``children[2 * node]`` (right) and ``children[2 * node + 1]``
    (left), so that ``children[2 * node + (x <= threshold)]`` is the next node; a leaf is its
    own child on both sides, so inputs that reached it stay there while the others go down
    the deeper trees.
    """

    roots: npt.NDArray[np.intp]
    feature: npt.NDArray[np.intp]
    threshold: npt.NDArray[np.float64]
    children: npt.NDArray[np.intp]
    value: npt.NDArray[np.float64]
    depth: int

    @classmethod
    def of(cls, trees: Sequence[Tree]) -> Packed:
        """Pack ``trees``."""
        slots = max((len(t.left) for t in trees), default=1)
        roots = np.arange(len(trees), dtype=np.intp) * slots
        size = len(trees) * slots
        feature = np.zeros(size, dtype=np.intp)
        threshold = np.zeros(size, dtype=np.float64)
        value = np.zeros(size, dtype=np.float64)
        own = np.arange(size, dtype=np.intp)
        right, left = own.copy(), own.copy()
        for root, t in zip(roots.tolist(), trees, strict=True):
            nodes = slice(root, root + len(t.left))
            feature[nodes] = t.feature
            threshold[nodes] = t.threshold
            value[nodes] = t.value
            split = np.array(t.left) != 0
            left[nodes][split] = root + np.array(t.left)[split]
            right[nodes][split] = root + np.array(t.right)[split]
        return cls(roots, feature, threshold, np.stack([right, left], axis=1).ravel(), value,
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
        # each (example, tree) pair's node, and where the example's inputs start in ``flat``
        node = np.broadcast_to(p.roots, (len(rows), len(p.roots)))
        start = (np.arange(len(rows)) * rows.shape[1])[:, None]
        flat = rows.ravel()
        # (np.take gathers as indexing does, in a simpler loop)
        for _ in range(p.depth):
            below = np.take(flat, start + np.take(p.feature, node)) <= np.take(p.threshold, node)
            node = np.take(p.children, 2 * node + below)
        values: npt.NDArray[np.float64] = np.take(p.value, node)
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
