#!/usr/bin/env python3
"""Train the event trigger detector and the place linker on annotated news sentences.

usage: scripts/train_events.py [DATA.jsonl] [--out geo/events/models/events.json]
           [--write-held-out PATH]

DATA defaults to ``../shared/eval/event_location_dev.jsonl`` (Halterman 2019 event_location
data, MIT licence). Sentences whose text hashes to fold 0 are held out (never trained or tuned
on); fold 1 tunes the regularisation and the thresholds, then the models are refitted on folds
1-4. The place linker has two stages: a logistic regression over (trigger, candidate) pairs,
and a context model over its features and the first stage's probabilities of the sentence's
other candidates, learned from first-stage probabilities out of fold. The scene model then
decides, for every candidate of a sentence with a detected event, whether it is a place of the
sentence's events at all; its examples come from the stage run with models fitted out of fold.
The artefact (weights, thresholds) and ``metadata.json`` beside it (data source, split,
library versions, held-out scores) are written into the package. The run is deterministic:
the same data gives the same files.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.events.actors import actor_names, load_actors  # noqa: E402
from geo.events.candidates import candidates  # noqa: E402
from geo.events.features import SentenceTokens, render  # noqa: E402
from geo.events.linear import (  # noqa: E402
    CONTEXT,
    DETECTOR,
    LINKER,
    MODEL_PATH,
    MORE_THRESHOLD,
    PAIR_PREFIX,
    SCENE,
    SCENE_TREES,
    TRIGGER_STEMS,
    ContextModel,
    EventModels,
    LinearModel,
)
from geo.events.linking import context_features, scores  # noqa: E402
from geo.events.scene import TREE_NAMES  # noqa: E402
from geo.events.stage import (  # noqa: E402
    kept_triggers,
    scene_inputs,
    sentence_events,
    tree_numbers,
    triggers_of,
)
from geo.events.training import (  # noqa: E402
    FOLDS,
    HELD_OUT_FOLD,
    VALIDATION_FOLD,
    Annotated,
    PairGroup,
    SentenceExamples,
    fold_of,
    read_annotated,
    sentence_examples,
    span_scores,
    split_key,
    write_jsonl,
)
from geo.events.trees import Tree, TreeModel  # noqa: E402
from geo.parse.geoparse import default_geoparser  # noqa: E402
from geo.parse.resolve import Resolved  # noqa: E402
from geo.parse.text import split_sentences, tokenize  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "event_location_dev.jsonl"
#: The event-location scorer, run on the held-out fold once the artefact is written.
SCORER = ROOT.parent / "shared" / "eval" / "event_location.py"
CONFLICTMAP = ROOT / ".venv" / "bin" / "conflictmap"
#: Regularisation strengths tried on the validation fold.
C_GRID = (0.3, 1.0, 3.0)
#: Regularisation strengths of the scene model tried on the validation fold.
SCENE_C_GRID = (0.1, 0.3)
#: Boosting rounds, tree depths and learning rates of the scene trees tried on the validation
#: fold.
#: (Evaluating 100 trees takes about 25 microseconds a candidate in the stage: more rounds
#: cost speed, and gained no validation F1 at these rates.)
TREE_ROUNDS = (50, 100, 200)
TREE_DEPTHS = (3, 4)
TREE_RATES = (0.1, 0.05)
#: Fewest training examples in a leaf of a scene tree.
TREE_LEAF = 50
#: Regularisation strengths of the linker's context model tried on the validation fold.
C_CONTEXT_GRID = (0.3, 1.0)
#: A weaker regularisation is taken only when it gains more than this validation F1 (a tie
#: keeps the simpler model).
MIN_GAIN = 0.001
#: Thresholds tried on the validation fold.
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.10, 0.91, 0.05))
#: A feature must occur this often in training to get a weight.
MIN_COUNT = 2
#: Weights are rounded to this many decimals; smaller ones are dropped.
DECIMALS = 3
SEED = 0
#: A stem joins the detector's vocabulary when it was an event verb this often...
MIN_TRIGGER_COUNT = 2
#: ...and in this share of its uses at least.
MIN_TRIGGER_RATE = 0.05

Examples = list[tuple[list[str], bool]]
Folds = dict[int, list[tuple[Annotated, SentenceExamples]]]
#: Spans of a sentence's candidates with their probabilities.
Scored = list[tuple[tuple[int, int], float]]


def fit(examples: Examples, c: float) -> LinearModel:
    """A logistic regression over the features seen at least :data:`MIN_COUNT` times."""
    counts = Counter(f for feats, _ in examples for f in set(feats))
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{f: 1.0 for f in feats if f in keep} for feats, _ in examples])
    x = x.tocsr()
    x.indices = x.indices.astype(np.int32)  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype(np.int32)
    y = np.array([label for _, label in examples], dtype=int)
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), DECIMALS) for n, w in zip(names, model.coef_[0],
                                                                  strict=True)}
    return LinearModel({k: w for k, w in weights.items() if w != 0.0},
                       round(float(model.intercept_[0]), DECIMALS), 0.5)


def best_f1(probs: Sequence[float], labels: Sequence[bool], total: int | None = None
            ) -> tuple[float, float]:
    """The threshold of :data:`THRESHOLDS` with the best F1, and that F1 (``total`` positives
    when some have no example)."""
    positives = total if total is not None else sum(labels)
    best = (0.5, -1.0)
    for t in THRESHOLDS:
        tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and y)
        fp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= t and not y)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / positives if positives else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def tune(train: Examples, valid: Examples, gold_total: int | None = None
         ) -> tuple[float, float, float]:
    """The C and threshold with the best validation F1, and that F1."""
    best = (C_GRID[0], 0.5, -1.0)
    for c in C_GRID:
        model = fit(train, c)
        probs = [model.probability(f) for f, _ in valid]
        t, f1 = best_f1(probs, [y for _, y in valid], gold_total)
        print(f"  C={c}: threshold {t}, F1 {f1:.3f}", file=sys.stderr)
        if f1 > best[2]:
            best = (c, t, f1)
    return best


def vocabulary_of(rows: Sequence[Annotated]) -> list[str]:
    """Stems that were event verbs at least :data:`MIN_TRIGGER_COUNT` times and in at least
    :data:`MIN_TRIGGER_RATE` of their uses ("was" and "said" are not)."""
    triggers: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for row in rows:
        triggers.update(trigger_stems(row))
        uses.update(SentenceTokens.of(tokenize(row.text)).stems)
    return sorted(s for s, n in triggers.items()
                  if n >= MIN_TRIGGER_COUNT and n / max(uses[s], 1) >= MIN_TRIGGER_RATE)


def trigger_stems(row: Annotated) -> set[str]:
    """Stems of the words of a sentence's event verbs."""
    sent = SentenceTokens.of(tokenize(row.text))
    return {sent.stems[i] for i, t in enumerate(sent.tokens)
            if any(t.start < e and s < t.end for s, e in row.verbs)}


def top_and_more(scored: Sequence[tuple[tuple[int, int], float]], threshold: float,
                 more: float) -> set[tuple[int, int]]:
    """The most probable span from ``threshold`` on, the others from ``more`` on (as
    :func:`geo.events.linking.link` keeps them)."""
    best = max((p for _, p in scored), default=0.0)
    return {span for span, p in scored if p >= threshold and (p == best or p >= more)}


def tune_more(scored: Sequence[tuple[Annotated, Scored]], threshold: float
              ) -> tuple[float, dict[str, float]]:
    """The threshold for an event's other places with the best validation F1."""
    best: tuple[float, dict[str, float]] = (1.0, {"F1": -1.0})
    for more in (*THRESHOLDS, 1.0):
        if more < threshold:
            continue
        got = span_scores((r, top_and_more(s, threshold, more)) for r, s in scored)
        print(f"  more={more}: {got}", file=sys.stderr)
        if got["F1"] > best[1]["F1"]:
            best = (float(more), got)
    return best


def gold_trigger_scores(sentences: Sequence[tuple[Annotated, SentenceExamples]],
                        linker: LinearModel, context: ContextModel | None) -> list[
                            tuple[Annotated, Scored]]:
    """Each sentence's candidates with the linker's probabilities given the gold trigger."""
    return [(r, [((c.start, c.end), p) for g in ex.groups
                 for c, p in zip(g.candidates,
                                 scores(g.sent, g.trigger, g.candidates, linker, context),
                                 strict=True)])
            for r, ex in sentences]


def context_examples(groups: Sequence[PairGroup], linker: LinearModel) -> Examples:
    """The context model's examples of ``groups``, from ``linker``'s probabilities."""
    out: Examples = []
    for g in groups:
        probs = [linker.probability(f) for f in g.features]
        out.extend(([*(PAIR_PREFIX + x for x in f), *c], y) for (f, y), c in zip(
            g.pairs, context_features(g.sent, g.candidates, probs), strict=True))
    return out


def predict_places(row: Annotated, resolved: Sequence[Resolved], models: EventModels
                   ) -> set[tuple[int, int]]:
    """The learned stage alone on one sentence, as it runs in the pipeline (detection with
    its weak fallback, the taxonomy, the linker)."""
    return {(link.candidate.start, link.candidate.end)
            for sentence in split_sentences(row.text)
            for found in sentence_events(sentence, [r for r in resolved
                                                    if sentence.start <= r.mention.start
                                                    and r.mention.end <= sentence.end],
                                         row.text, models)
            for link in found.links}


def score_with_scorer(data: Path, conflictmap: Path = CONFLICTMAP) -> dict[str, object] | None:
    """``conflictmap events`` (with the artefact just written) on the held-out sentences, by
    :data:`SCORER`: on every held-out line, and on one line per distinct sentence (the flow
    reports a story once, so the copies of a sentence count as misses in the first)."""
    if not SCORER.exists() or not conflictmap.exists():
        return None
    out: dict[str, object] = {"command": f"python3 {SCORER.name} HELD_OUT.jsonl "
                                         ".venv/bin/conflictmap"}
    with tempfile.TemporaryDirectory() as tmp:
        held = Path(tmp) / "held_out.jsonl"
        write_jsonl(data, held)
        unique = Path(tmp) / "held_out_unique.jsonl"
        seen: set[str] = set()
        with held.open(encoding="utf-8") as f, unique.open("w", encoding="utf-8") as u:
            for line in f:
                key = split_key(json.loads(line)["text"])
                if key not in seen:
                    seen.add(key)
                    u.write(line)
        for name, path in (("all_lines", held), ("distinct_sentences", unique)):
            run = subprocess.run([sys.executable, str(SCORER), str(path), str(conflictmap)],
                                 capture_output=True, text=True, check=True)
            out[name] = json.loads(run.stdout)
    return out


def models_on(folds: Folds, ks: Sequence[int], c_det: float, t_det: float, c_link: float,
              t_first: float, c_ctx: float, t_link: float, more: float) -> EventModels:
    """The detector, linker and context model fitted on folds ``ks`` with the tuned
    settings (no scene model)."""
    detector = fit([e for k in ks for _, ex in folds[k] for e in ex.tokens], c_det)
    linker = fit([e for k in ks for _, ex in folds[k] for e in ex.pairs], c_link)
    examples: Examples = []
    for k in ks:
        first = fit([e for j in ks if j != k for _, ex in folds[j] for e in ex.pairs], c_link)
        examples.extend(context_examples([g for _, ex in folds[k] for g in ex.groups], first))
    context = ContextModel.of(fit(examples, c_ctx))
    return EventModels(LinearModel(detector.weights, detector.bias, t_det),
                       LinearModel(linker.weights, linker.bias, t_first), more,
                       frozenset(vocabulary_of([r for k in ks for r, _ in folds[k]])),
                       ContextModel(context.pair_weights, context.weights, context.bias,
                                    t_link))


#: A row's scene examples: features, label, character span and the scene trees' numbers
#: (without the scene model's probability) of each candidate.
SceneRow = list[tuple[list[str], bool, tuple[int, int], list[float]]]


def scene_rows(row: Annotated, resolved: Sequence[Resolved], models: EventModels) -> SceneRow:
    """The scene model's examples of one annotated sentence: every candidate of every split
    sentence with a detected event, as the stage sees them with ``models``."""
    out: SceneRow = []
    for sentence in split_sentences(row.text):
        sent = SentenceTokens.of(tokenize(sentence.text, sentence.start))
        kept = kept_triggers(triggers_of(sent, models))
        if not kept:
            continue
        found = candidates(sent, [r for r in resolved if sentence.start <= r.mention.start
                                  and r.mention.end <= sentence.end], row.text)
        if not found:
            continue
        probs, parts = scene_inputs(sent, kept, found, models)
        out.extend((render(f), any(c.start < e and s < c.end for s, e in row.locations),
                    (c.start, c.end), x)
                   for f, c, x in zip(parts, found, tree_numbers(sent, kept, found, probs),
                                      strict=True))
    return out


def scene_scores(rows: Sequence[tuple[Annotated, SceneRow]], model: LinearModel,
                 threshold: float) -> dict[str, float]:
    """Span scores of the candidates ``model`` accepts from ``threshold`` on."""
    return accepted_scores(rows, [[model.probability(f) for f, *_ in ex] for _, ex in rows],
                           threshold)


def accepted_scores(rows: Sequence[tuple[Annotated, SceneRow]],
                    probs: Sequence[Sequence[float]], threshold: float) -> dict[str, float]:
    """Span scores of the candidates whose probabilities ``probs`` (per row and candidate)
    reach ``threshold``."""
    return span_scores((r, {span for (_, _, span, _), p in zip(ex, ps, strict=True)
                            if p >= threshold})
                       for (r, ex), ps in zip(rows, probs, strict=True))


def out_of_fold_scene(folds: Folds, ks: Sequence[int],
                      resolved: dict[str, list[Resolved]], settings: dict[str, float]
                      ) -> list[tuple[Annotated, SceneRow]]:
    """The scene model's examples of folds ``ks``, each fold's from the models fitted on the
    others (so that the linker's probabilities are those of unseen sentences)."""
    out: list[tuple[Annotated, SceneRow]] = []
    for k in ks:
        models = models_on(folds, [j for j in ks if j != k], **settings)
        out.extend((r, scene_rows(r, resolved[r.id + "\0" + r.text], models))
                   for r, _ in folds[k])
        print(f"  scene examples of fold {k}", file=sys.stderr)
    return out


def tune_scene(train: Sequence[tuple[Annotated, SceneRow]],
               valid: Sequence[tuple[Annotated, SceneRow]]) -> tuple[float, float, float]:
    """The scene model's C and threshold with the best validation span F1, and that F1."""
    examples = [(f, y) for _, ex in train for f, y, *_ in ex]
    best = (SCENE_C_GRID[0], 0.5, -1.0)
    for c in SCENE_C_GRID:
        model = fit(examples, c)
        for t in THRESHOLDS:
            f1 = scene_scores(valid, model, t)["F1"]
            if f1 > best[2] + MIN_GAIN:
                best = (c, float(t), f1)
        print(f"  C={c}: best so far {best}", file=sys.stderr)
    return best


def stacked_scene(rows: Sequence[tuple[Annotated, SceneRow]], c: float
                  ) -> list[list[float]]:
    """The scene model's probability of each candidate of ``rows`` (per row), each fold's
    from the model fitted on the other folds of ``rows``: the scene trees learn from them as
    from those of unseen sentences."""
    folds = [fold_of(r.text) for r, _ in rows]
    out: list[list[float]] = [[] for _ in rows]
    for k in sorted(set(folds)):
        model = fit([(f, y) for (_, ex), j in zip(rows, folds, strict=True) if j != k
                     for f, y, *_ in ex], c)
        for i, (_, ex) in enumerate(rows):
            if folds[i] == k:
                out[i] = [model.probability(f) for f, *_ in ex]
    return out


def tree_inputs(rows: Sequence[tuple[Annotated, SceneRow]], scene: Sequence[Sequence[float]]
                ) -> tuple[list[list[float]], list[bool]]:
    """The scene trees' inputs (the scene model's probability ``scene`` first) and labels of
    every candidate of ``rows``."""
    x = [[p, *numbers] for (_, ex), ps in zip(rows, scene, strict=True)
         for (_, _, _, numbers), p in zip(ex, ps, strict=True)]
    return x, [y for _, ex in rows for _, y, *_ in ex]


def fit_trees(x: Sequence[Sequence[float]], y: Sequence[bool], rounds: int, depth: int,
              rate: float) -> TreeModel:
    """Boosted trees fitted on inputs ``x`` and labels ``y`` (deterministic: no early
    stopping, no subsampling), exported as a :class:`~geo.events.trees.TreeModel` with
    threshold 0.5."""
    model = HistGradientBoostingClassifier(
        max_iter=rounds, max_depth=depth, learning_rate=rate, min_samples_leaf=TREE_LEAF,
        early_stopping=False, random_state=SEED)
    model.fit(np.array(x, dtype=float), np.array(y, dtype=int))
    return export_trees(model, 0.5)


def export_trees(model: HistGradientBoostingClassifier, threshold: float) -> TreeModel:
    """The fitted binary ``model`` as a :class:`~geo.events.trees.TreeModel` (its inputs
    never miss a value, so the trees' sides for missing values are not kept)."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(Tree(tuple(int(f) for f in nodes["feature_idx"]),
                          tuple(float(t) for t in nodes["num_threshold"]),
                          tuple(0 if lf else int(n) for n, lf in zip(nodes["left"], leaf,
                                                                      strict=True)),
                          tuple(0 if lf else int(n) for n, lf in zip(nodes["right"], leaf,
                                                                      strict=True)),
                          tuple(float(v) for v in nodes["value"])))
    return TreeModel(TREE_NAMES, float(np.ravel(model._baseline_prediction)[0]), tuple(trees),
                     threshold)


def tune_trees(train: Sequence[tuple[Annotated, SceneRow]],
               valid: Sequence[tuple[Annotated, SceneRow]], c_scene: float,
               scene: LinearModel) -> tuple[tuple[int, int, float], float, float]:
    """The scene trees' rounds, depth and rate, and threshold, with the best validation
    span F1 (the fewer rounds on a tie), and that F1; the trees learn from the scene model's probabilities out of fold
    (C ``c_scene``) and are validated on ``scene``'s."""
    x, y = tree_inputs(train, stacked_scene(train, c_scene))
    valid_scene = [[scene.probability(f) for f, *_ in ex] for _, ex in valid]
    vx, _ = tree_inputs(valid, valid_scene)
    sizes = [len(ex) for _, ex in valid]
    best: tuple[tuple[int, int, float], float, float] = ((0, 0, 0.0), 0.5, -1.0)
    # the cheaper trees first: a costlier setting must gain more than MIN_GAIN
    for rounds in TREE_ROUNDS:
        for depth in TREE_DEPTHS:
            for rate in TREE_RATES:
                trees = fit_trees(x, y, rounds, depth, rate)
                flat = trees.probabilities(vx)
                probs, start = [], 0
                for n in sizes:
                    probs.append(flat[start : start + n])
                    start += n
                for t in THRESHOLDS:
                    f1 = accepted_scores(valid, probs, t)["F1"]
                    if f1 > best[2] + MIN_GAIN:
                        best = ((rounds, depth, rate), float(t), f1)
                print(f"  trees {rounds}x depth {depth} rate {rate}: best so far {best}",
                      file=sys.stderr)
    return best


def write_artefact(path: Path, models: EventModels) -> None:
    """Write ``models`` as the JSON artefact :func:`geo.events.linear.read_models` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    artefact: dict[str, object] = {
        DETECTOR: models.detector.as_dict(), LINKER: models.linker.as_dict(),
        MORE_THRESHOLD: models.more_threshold, TRIGGER_STEMS: sorted(models.trigger_stems)}
    if models.context is not None:
        artefact[CONTEXT] = models.context.as_linear().as_dict()
    if models.scene is not None:
        artefact[SCENE] = models.scene.as_dict()
    if models.scene_trees is not None:
        artefact[SCENE_TREES] = models.scene_trees.as_dict()
    path.write_text(json.dumps(artefact, sort_keys=True, separators=(",", ":")) + "\n",
                    encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Train, tune, score on the held-out fold and write the artefact."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--write-held-out", type=Path, default=None,
                        help="also write the held-out sentences here (for the scorer)")
    parser.add_argument("--validation-out", type=Path, default=None,
                        help="also write the models fitted on folds 2-4 here (for scoring "
                             "the validation fold through the pipeline)")
    parser.add_argument("--conflictmap", type=Path, default=CONFLICTMAP,
                        help="the command the scorer runs on the held-out fold once the "
                             "artefact is written (default: .venv/bin/conflictmap)")
    args = parser.parse_args(argv)
    rows = read_annotated(args.data)
    if args.write_held_out is not None:
        n = write_jsonl(args.data, args.write_held_out)
        print(f"wrote {n} held-out sentences to {args.write_held_out}", file=sys.stderr)
    geoparser = default_geoparser(actor_names(load_actors()))
    resolved = {r.id + "\0" + r.text: geoparser.resolve_all(r.text) for r in rows}
    folds: Folds = {k: [] for k in range(FOLDS)}
    for r in rows:
        folds[fold_of(r.text)].append((r, sentence_examples(r, resolved[r.id + "\0" + r.text])))
    train_folds = [k for k in range(FOLDS) if k not in {HELD_OUT_FOLD, VALIDATION_FOLD}]
    fitted = [*train_folds, VALIDATION_FOLD]

    def tokens(ks: Sequence[int]) -> Examples:
        return [e for k in ks for _, ex in folds[k] for e in ex.tokens]

    def pairs(ks: Sequence[int]) -> Examples:
        return [e for k in ks for _, ex in folds[k] for e in ex.pairs]

    def context_of(ks: Sequence[int], c_link: float, c: float) -> ContextModel:
        """The context model over folds ``ks``, from first-stage probabilities out of fold."""
        examples: Examples = []
        for k in ks:
            first = fit(pairs([j for j in ks if j != k]), c_link)
            examples.extend(context_examples([g for _, ex in folds[k] for g in ex.groups],
                                             first))
        return ContextModel.of(fit(examples, c))

    print("detector:", file=sys.stderr)
    c_det, t_det, f_det = tune(tokens(train_folds), tokens([VALIDATION_FOLD]))
    valid = folds[VALIDATION_FOLD]
    print("linker:", file=sys.stderr)
    gold_valid = sum(ex.gold_places for _, ex in valid)
    valid_pairs = [e for _, ex in valid for e in ex.pairs]
    c_link, t_first, f_first = tune(pairs(train_folds), valid_pairs, gold_valid)
    first = fit(pairs(train_folds), c_link)
    print("linker, context model:", file=sys.stderr)
    best: tuple[float, float, float, ContextModel] = (0.0, 0.5, -1.0, ContextModel.of(first))
    for c in C_CONTEXT_GRID:
        context = context_of(train_folds, c_link, c)
        probs = [p for _, s in gold_trigger_scores(valid, first, context) for _, p in s]
        t, f1 = best_f1(probs, [y for _, y in valid_pairs], gold_valid)
        print(f"  C={c}: threshold {t}, F1 {f1:.3f}", file=sys.stderr)
        if f1 > best[2] + MIN_GAIN:
            best = (c, t, f1, context)
    c_ctx, t_link, f_link, context = best
    context = ContextModel(context.pair_weights, context.weights, context.bias, t_link)
    print("linker, an event's other places:", file=sys.stderr)
    more, _ = tune_more(gold_trigger_scores(valid, first, context), t_link)
    partial = fit(tokens(train_folds), c_det)
    validation = EventModels(
        LinearModel(partial.weights, partial.bias, t_det),
        LinearModel(first.weights, first.bias, t_first), more,
        frozenset(vocabulary_of([r for k in train_folds for r, _ in folds[k]])), context)
    settings = {"c_det": c_det, "t_det": t_det, "c_link": c_link, "t_first": t_first,
                "c_ctx": c_ctx, "t_link": t_link, "more": more}
    print("scene model:", file=sys.stderr)
    scene_train = out_of_fold_scene(folds, train_folds, resolved, settings)
    scene_valid = [(r, scene_rows(r, resolved[r.id + "\0" + r.text], validation))
                   for r, _ in valid]
    c_scene, t_scene, f_scene = tune_scene(scene_train, scene_valid)
    scene = fit([(f, y) for _, ex in scene_train for f, y, *_ in ex], c_scene)
    scene = LinearModel(scene.weights, scene.bias, t_scene)
    print("scene trees:", file=sys.stderr)
    (rounds, depth, rate), t_trees, f_trees = tune_trees(scene_train, scene_valid, c_scene,
                                                         scene)
    # the trees are kept only when they gain over the scene model alone
    with_trees = f_trees > f_scene + MIN_GAIN
    validation = replace(validation, scene=scene, scene_trees=replace(
        fit_trees(*tree_inputs(scene_train, stacked_scene(scene_train, c_scene)), rounds,
                  depth, rate), threshold=t_trees) if with_trees else None)
    if args.validation_out is not None:
        write_artefact(args.validation_out, validation)
        print(f"wrote {args.validation_out} (folds {train_folds})", file=sys.stderr)

    detector = fit(tokens(fitted), c_det)
    detector = LinearModel(detector.weights, detector.bias, t_det)
    linker = fit(pairs(fitted), c_link)
    linker = LinearModel(linker.weights, linker.bias, t_first)
    context = context_of(fitted, c_link, c_ctx)
    context = ContextModel(context.pair_weights, context.weights, context.bias, t_link)

    stems = vocabulary_of([r for k in fitted for r, _ in folds[k]])
    scene_all = out_of_fold_scene(folds, fitted, resolved, settings)
    scene = fit([(f, y) for _, ex in scene_all for f, y, *_ in ex], c_scene)
    trees = replace(fit_trees(*tree_inputs(scene_all, stacked_scene(scene_all, c_scene)),
                              rounds, depth, rate), threshold=t_trees) if with_trees else None
    models = EventModels(detector, linker, more, frozenset(stems), context,
                         LinearModel(scene.weights, scene.bias, t_scene), trees)
    held = folds[HELD_OUT_FOLD]
    det_probs = [detector.probability(f) for _, ex in held for f, _ in ex.tokens]
    det_labels = [y for _, ex in held for _, y in ex.tokens]
    tp = sum(1 for p, y in zip(det_probs, det_labels, strict=True) if p >= t_det and y)
    fp = sum(1 for p, y in zip(det_probs, det_labels, strict=True) if p >= t_det and not y)
    det_p, det_r = tp / max(tp + fp, 1), tp / max(sum(det_labels), 1)
    end_to_end = span_scores(
        (r, predict_places(r, resolved[r.id + "\0" + r.text], models))
        for r, _ in held)
    gold_link = span_scores((r, top_and_more(s, t_link, more))
                            for r, s in gold_trigger_scores(held, linker, context))
    scores = {
        "detector_token": {"P": round(det_p, 3), "R": round(det_r, 3),
                           "F1": round(2 * det_p * det_r / max(det_p + det_r, 1e-9), 3)},
        "linker_given_gold_trigger": gold_link,
        "learned_stage_end_to_end": end_to_end,
    }
    print(json.dumps(scores, indent=1), file=sys.stderr)
    write_artefact(args.out, models)
    metadata = {
        "data": {
            "file": args.data.name,
            "source": "Halterman (2019), event_location data: news sentences annotated with "
                      "event verbs and event locations; MIT licence",
            "sentences": len(rows),
        },
        "split": {
            "rule": "fold = int.from_bytes(sha256(' '.join(text.casefold().split()))"
                    ".digest()[:8], 'big') % 5 (geo.events.training.fold_of): by text, so that "
                    "copies of a sentence under other ids stay on one side",
            "held_out_fold": HELD_OUT_FOLD,
            "validation_fold": VALIDATION_FOLD,
            "sentences_per_fold": {str(k): len(folds[k]) for k in range(FOLDS)},
            "note": "the held-out fold is never trained or tuned on; the validation fold "
                    "tunes C and thresholds, then the models are refitted on folds 1-4",
        },
        "models": {
            DETECTOR: {"C": c_det, "threshold": t_det, "validation_F1": round(f_det, 3),
                       "features": len(detector.weights)},
            LINKER: {"C": c_link, "threshold": t_first, "validation_F1": round(f_first, 3),
                     "features": len(linker.weights)},
            CONTEXT: {"C": c_ctx, "threshold": t_link, "validation_F1": round(f_link, 3),
                      "more_threshold": more, "features": len(context.weights) + len(context.pair_weights),
                      "examples": "the linker's features and its probabilities of the "
                                  "sentence's candidates, the linker fitted out of fold"},
            SCENE_TREES: {"rounds": rounds, "depth": depth, "learning_rate": rate,
                          "min_samples_leaf": TREE_LEAF, "threshold": t_trees,
                          "validation_F1": round(f_trees, 3), "shipped": with_trees,
                          "inputs": list(TREE_NAMES),
                          "examples": "the scene model's examples, with its probability "
                                      "out of fold (fitted on the other folds)"},
            SCENE: {"C": c_scene, "threshold": t_scene, "validation_F1": round(f_scene, 3),
                    "features": len(models.scene.weights) if models.scene else 0,
                    "examples": "every candidate of every sentence with a detected event, "
                                "the detector, linker and context model run as in the stage "
                                "but fitted out of fold; label: overlaps a gold location"},
        },
        "held_out_scores": scores,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__},
        "seed": SEED,
    }
    scorer = score_with_scorer(args.data, args.conflictmap)
    if scorer is not None:
        metadata["held_out_scores"]["pipeline_by_the_scorer"] = scorer
    (args.out.parent / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n",
                                                   encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
