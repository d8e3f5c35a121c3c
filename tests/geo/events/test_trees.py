"""The scene trees: boosted trees that take the last word on which candidates are places of
a sentence's events; their evaluator, their inputs, the stage's use of them and the
artefact; on sentences written for these tests."""

from __future__ import annotations

import json
import math
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.events.candidates import candidates
from geo.events.features import SentenceTokens
from geo.events.linear import (
    DETECTOR,
    LINKER,
    MORE_THRESHOLD,
    SCENE_TREES,
    TRIGGER_STEMS,
    LinearModel,
    load_models,
    read_models,
)
from geo.events.scene import TREE_NAMES, scene_numbers
from geo.events.trees import Tree, TreeModel
from geo.parse.text import tokenize
from tests.geo.events.helpers import learned_places

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts"


def _stump(name: str, at: float, low: float, high: float) -> Tree:
    """One split on input ``name``: ``low`` up to ``at``, ``high`` above."""
    return Tree((TREE_NAMES.index(name), 0, 0), (at, 0.0, 0.0), (1, 0, 0), (2, 0, 0),
                (0.0, low, high))


def test_the_trees_sum_their_leaves_through_the_logistic_function() -> None:
    model = TreeModel(("a", "b"), 0.5, (
        Tree((0, 0, 0), (1.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -1.0, 2.0)),
        Tree((1, 0, 0), (0.0, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, 0.25, -0.75)),
    ), 0.5)
    assert model.probability([1.0, 0.0]) == pytest.approx(1 / (1 + math.exp(0.25)))
    assert model.probability([1.5, 3.0]) == pytest.approx(1 / (1 + math.exp(1.25)))
    assert model.probability([2.0, -1.0]) == pytest.approx(1 / (1 + math.exp(-2.75)))


def _one_by_one(model: TreeModel, x: list[float]) -> float:
    """The probability of ``x`` with each tree walked node by node in plain Python: what
    the vectorised evaluator must give."""
    z = model.baseline
    for tree in model.trees:
        node = 0
        while tree.left[node]:
            node = tree.left[node] if x[tree.feature[node]] <= tree.threshold[node] \
                else tree.right[node]
        z += tree.value[node]
    return 0.0 if z < -30.0 else 1.0 / (1.0 + math.exp(-z))


def _random_trees(seed: int, inputs: int, count: int) -> TreeModel:
    """``count`` trees of random splits on ``inputs`` numbers in [0, 1), of depth 1 to 4,
    each node split or not at random."""
    rng = random.Random(seed)
    trees = []
    for _ in range(count):
        feature, threshold, left, right, value = [0], [0.0], [0], [0], [0.0]
        level = [0]
        for _ in range(rng.randint(1, 4)):
            below = []
            for node in level:
                if node and rng.random() < 0.3:
                    continue
                feature[node], threshold[node] = rng.randrange(inputs), rng.random()
                left[node], right[node] = len(left), len(left) + 1
                for child in (left[node], right[node]):
                    feature.append(0)
                    threshold.append(0.0)
                    left.append(0)
                    right.append(0)
                    value.append(rng.uniform(-1.0, 1.0))
                    below.append(child)
            level = below
        trees.append(Tree(tuple(feature), tuple(threshold), tuple(left), tuple(right),
                          tuple(value)))
    return TreeModel(tuple(f"x{i}" for i in range(inputs)), rng.uniform(-1.0, 1.0),
                     tuple(trees), 0.5)


@pytest.mark.parametrize("source", ["random", "shipped"])
def test_all_candidates_at_once_give_the_probabilities_of_one_at_a_time(source: str) -> None:
    np = pytest.importorskip("numpy")
    model = _random_trees(1, 12, 150) if source == "random" else load_models().scene_trees
    if model is None:
        pytest.skip("the shipped event models have no scene trees")
    rng = np.random.default_rng(0)
    # inputs on the splits themselves, just either side of them, and anywhere
    splits = np.array([t for tree in model.trees for t in tree.threshold])
    x = rng.choice(splits, size=(3000, len(model.names)))
    x += rng.choice([0.0, 1e-9, -1e-9, 0.5, -0.5], size=x.shape)
    rows = x.tolist()
    expected = [_one_by_one(model, row) for row in rows]
    assert max(abs(a - b) for a, b in zip(model.probabilities(x), expected, strict=True)) \
        < 1e-12
    # a sentence's few candidates give the same numbers as many rows at once
    assert model.probabilities(rows[:3]) == expected[:3]
    assert model.probability(rows[7]) == expected[7]
    assert model.probabilities([]) == []


def test_trees_of_unequal_depth_are_evaluated_together() -> None:
    shallow = Tree((0, 0, 0), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -1.0, 1.0))
    # a leaf at once on the left, three levels down on the right
    deep = Tree((0, 0, 1, 0, 2, 0, 0), (0.2, 0.0, 0.7, 0.0, 0.1, 0.0, 0.0),
                (1, 0, 3, 0, 5, 0, 0), (2, 0, 4, 0, 6, 0, 0),
                (0.0, 0.5, 0.0, -2.0, 0.0, 3.0, -3.0))
    assert deep.depth() == 3
    model = TreeModel(("a", "b", "c"), 0.1, (shallow, deep), 0.5)
    rows = [[0.1, 0.0, 0.0], [0.9, 0.5, 0.0], [0.9, 0.9, 0.0], [0.9, 0.9, 0.5]]
    got = model.probabilities(rows)
    assert got == [_one_by_one(model, row) for row in rows]
    # a missing number goes right, as it always did
    assert model.probabilities([[math.nan, 0.5, 0.0]]) == model.probabilities([rows[1]])
    sums = [0.1 - 1.0 + 0.5, 0.1 + 1.0 - 2.0, 0.1 + 1.0 + 3.0, 0.1 + 1.0 - 3.0]
    assert got == pytest.approx([1 / (1 + math.exp(-z)) for z in sums])


def test_the_exported_trees_give_scikit_learns_probabilities() -> None:
    pytest.importorskip("sklearn")
    np = pytest.importorskip("numpy")
    sys.path.insert(0, str(SCRIPTS))
    try:
        from train_events import export_trees
    finally:
        sys.path.remove(str(SCRIPTS))
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.RandomState(0)
    x = rng.uniform(-2.0, 2.0, size=(600, 4))
    x[:, 3] = rng.randint(0, 3, size=600)
    # an interaction no single input tells: positive when both of two inputs are high
    y = ((x[:, 0] > 0.3) & (x[:, 1] > -0.5)) | (x[:, 3] == 2)
    model = HistGradientBoostingClassifier(max_iter=40, max_depth=4, learning_rate=0.2,
                                           early_stopping=False, random_state=0)
    model.fit(x, y)
    exported = TreeModel.from_dict(json.loads(json.dumps(export_trees(model, 0.5).as_dict())))
    test = rng.uniform(-2.5, 2.5, size=(300, 4))
    test[:, 3] = rng.randint(0, 3, size=300)
    expected = model.predict_proba(test)[:, 1]
    got = exported.probabilities(test)
    assert got == [_one_by_one(exported, row) for row in test.tolist()]
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) < 1e-9


def test_the_numbers_tell_a_place_from_the_region_around_it() -> None:
    text = "Gunmen attacked Lurema in Tovask province, a spokesman said."
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    assert [c.text for c in found] == ["Lurema", "Tovask"]
    numbers = scene_numbers(sent, found, [[0.9, 0.3]], [0.8], [1], ["strike"])
    names = TREE_NAMES[1:]
    lurema, tovask = (dict(zip(names, row, strict=True)) for row in numbers)
    assert lurema["inside"] == 1.0 and lurema["contains"] == 0.0
    assert tovask["contains"] == 1.0 and tovask["inside"] == 0.0
    # each sees the other's probability, and how far it stands from the best one
    assert lurema["rel"] == 0.3 and tovask["rel"] == 0.9
    assert lurema["margin"] == pytest.approx(0.6) and tovask["margin"] == pytest.approx(-0.6)
    assert lurema["rank"] == 0.0 and tovask["rank"] == 1.0
    assert lurema["said"] == 1.0 and lurema["unknown"] == 1.0


def test_the_trees_overrule_the_scene_model() -> None:
    text = "Rebels shelled Korvane on Friday, and the governor told reporters in Dastor."
    accept_all = LinearModel({"bias": 5.0}, 0.0, 0.5)
    no_attribution = TreeModel(TREE_NAMES, 0.0, (_stump("attr_before", 0.5, 5.0, -5.0),),
                               0.5)
    models = replace(load_models(), scene=accept_all, scene_trees=no_attribution)
    linked, rejected = learned_places(text, models)
    assert "Korvane" in linked and "Dastor" not in linked
    assert "Dastor" in rejected
    # without the trees the scene model's yes stands
    linked, _ = learned_places(text, replace(models, scene_trees=None))
    assert "Dastor" in linked


def test_trees_trained_on_other_inputs_are_refused() -> None:
    stale = TreeModel(TREE_NAMES[:-1], 0.0, (_stump("p", 0.5, 1.0, 1.0),), 0.5)
    models = replace(load_models(), scene_trees=stale)
    with pytest.raises(InputError, match="retrain"):
        learned_places("Rebels shelled Korvane on Friday.", models)


def test_the_artefact_carries_the_scene_trees(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    linear = {"bias": 0.0, "threshold": 0.5, "weights": {"bias": 1.0}}
    trees = TreeModel(TREE_NAMES, -0.5, (_stump("p", 0.4, -1.0, 1.5),), 0.45)
    path.write_text(json.dumps({DETECTOR: linear, LINKER: linear, MORE_THRESHOLD: 0.6,
                                TRIGGER_STEMS: ["shell"], SCENE_TREES: trees.as_dict()}),
                    encoding="utf-8")
    assert read_models(path).scene_trees == trees


def test_the_numbers_tell_a_place_named_in_the_frame_of_its_region() -> None:
    text = "Shelling hit the Tovask city of Dastor on Monday."
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    assert [c.text for c in found] == ["Tovask", "Dastor"]
    numbers = scene_numbers(sent, found, [[0.4, 0.8]], [0.8], [1], ["strike"])
    tovask, dastor = (dict(zip(TREE_NAMES[1:], row, strict=True)) for row in numbers)
    assert tovask["frame_next"] == 1.0 and tovask["frame_prev"] == 0.0
    assert dastor["frame_prev"] == 1.0 and dastor["frame_next"] == 0.0
    assert tovask["p_next"] == 0.8 and dastor["p_prev"] == 0.4 and tovask["p_prev"] == -1.0
    assert tovask["gap_next"] == 2.0
