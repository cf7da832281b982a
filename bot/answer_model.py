"""The trained answer model, read from `bot/data/answer_model.json` with numpy alone.

Models trained by `python -m bot.train_answer_model` (scikit-learn, the `train` extra): the
selection model (boosted trees) scores each candidate quote ("does it hold the answer?") and the best
one is quoted; the refusal classifier (logistic regression) turns the best candidate's standing into
the probability that it answers the question, which ANSWER_MIN_CONFIDENCE thresholds (a second one, reading the
ranker's view too, does so for who, where and when questions: `typed_refusal`). The file holds
each model's feature names and numbers (means, scales and coefficients; or the trees as arrays), the
shipped threshold, the embedding space it was trained in, and a record of how it was trained
(command, data hash, split, licence, metrics). Its features include dense similarities, which mean
something only in that space: elsewhere `model_for_space` gives None and the hand-tuned rules answer.
No pickle: nothing is executed on loading, and answering needs neither scikit-learn nor the data.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from bot.settings import ANSWER_MODEL_FILE as MODEL_FILE

log = logging.getLogger(__name__)

FORMAT = 1
# Selection scores within which a runner-up sentence of the same document is quoted with the best (a
# fifth of CMRC answers); in the selection model's own units, so each model file carries its own. A
# file without one was trained by the pointwise classifier, for whose logits 1.0 was chosen.
DEFAULT_PAIR_MARGIN = 1.0


@dataclass(frozen=True)
class LinearModel:
    """A standardised logistic model: logit = ((x - mean) / scale) · coef + intercept; NaN reads as the mean."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    @classmethod
    def from_json(cls, data: dict, expected: tuple[str, ...]) -> LinearModel:
        features = _checked_features(data, expected)
        arrays = [np.asarray(data[key], dtype=np.float64) for key in ("mean", "scale", "coef")]
        if any(a.shape != (len(features),) for a in arrays):
            raise ValueError("model arrays do not match its feature list")
        return cls(features, *arrays, float(data["intercept"]))

    def to_json(self) -> dict:
        return {
            "kind": "linear",
            "features": list(self.features),
            "mean": _rounded(self.mean),
            "scale": _rounded(self.scale),
            "coef": _rounded(self.coef),
            "intercept": round(float(self.intercept), 8),
        }

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """One logit per row of `rows` (columns as the code's features, of which it reads its own, the first)."""
        rows = rows[:, : len(self.features)]
        rows = np.where(np.isnan(rows), self.mean, rows)
        return ((rows - self.mean) / self.scale) @ self.coef + self.intercept


@dataclass(frozen=True)
class TreeModel:
    """Gradient-boosted regression trees on the log-odds: logit = base + rate · Σ leaf values.

    The trees are stored as padded arrays (one row per tree) and walked for every tree and candidate
    at once, `depth` steps of numpy indexing; a leaf has feature -1 and points to itself."""

    features: tuple[str, ...]
    mean: np.ndarray  # what a NaN reads as
    base: float
    rate: float
    feature: np.ndarray  # (trees, nodes) int
    threshold: np.ndarray  # (trees, nodes) float: go left when x <= threshold
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray  # (trees, nodes) float, used at leaves
    depth: int

    @classmethod
    def from_json(cls, data: dict, expected: tuple[str, ...]) -> TreeModel:
        features = _checked_features(data, expected)
        trees = data["trees"]
        width = max(len(t["feature"]) for t in trees)

        def padded(key: str, dtype: type, fill: float) -> np.ndarray:
            table = np.full((len(trees), width), fill, dtype=dtype)
            for row, tree in zip(table, trees):
                row[: len(tree[key])] = tree[key]
            return table

        mean = np.asarray(data["mean"], dtype=np.float64)
        if mean.shape != (len(features),):
            raise ValueError("model arrays do not match its feature list")
        return cls(
            features, mean, float(data["base"]), float(data["rate"]),
            padded("feature", np.int64, -1), padded("threshold", np.float64, 0.0),
            padded("left", np.int64, 0), padded("right", np.int64, 0), padded("value", np.float64, 0.0), int(data["depth"]),
        )

    def to_json(self) -> dict:
        trees = []
        for t in range(len(self.feature)):
            used = int(max(self.left[t].max(), self.right[t].max())) + 1
            trees.append({
                "feature": self.feature[t, :used].tolist(),
                # Full precision: a threshold lies between two float32 values of its feature, often closer to one
                # than 1e-8, and a rounded one sends rows down the other branch.
                "threshold": [float(v) for v in self.threshold[t, :used]],
                "left": self.left[t, :used].tolist(),
                "right": self.right[t, :used].tolist(),
                "value": _rounded(self.value[t, :used]),
            })
        return {
            "kind": "trees", "features": list(self.features), "mean": _rounded(self.mean), "base": round(self.base, 8),
            "rate": self.rate, "depth": self.depth, "trees": trees,
        }

    def logits(self, rows: np.ndarray) -> np.ndarray:
        rows = rows[:, : len(self.features)]  # a model fitted before later features were added reads the first columns
        rows = np.where(np.isnan(rows), self.mean, rows).astype(np.float32)  # as scikit-learn's trees compare
        feature, threshold, left, right, value, roots = self._flat
        node = np.repeat(roots, len(rows), axis=1)  # (trees, candidates): an index into the flat arrays
        starts = np.arange(len(rows))[None, :] * rows.shape[1]
        cells = rows.ravel()
        for _ in range(self.depth):
            at = feature[node]
            step = np.where(cells[starts + np.maximum(at, 0)] <= threshold[node], left[node], right[node])
            node = np.where(at < 0, node, step)
        return self.base + self.rate * value[node].sum(axis=0)

    @cached_property
    def _flat(self) -> tuple[np.ndarray, ...]:
        """The node arrays laid end to end, children as indices into them, and each tree's root: a step
        down every tree for every candidate is then one flat lookup per array."""
        roots = (np.arange(len(self.feature)) * self.feature.shape[1])[:, None]
        return (
            self.feature.ravel(), self.threshold.ravel(), (self.left + roots).ravel(), (self.right + roots).ravel(),
            self.value.ravel(), roots,
        )


def model_from_json(data: dict, expected: tuple[str, ...]) -> LinearModel | TreeModel:
    """A linear or a tree model, as its "kind" says (linear when unsaid)."""
    if data.get("kind", "linear") == "trees":
        return TreeModel.from_json(data, expected)
    return LinearModel.from_json(data, expected)


@dataclass(frozen=True)
class AnswerModel:
    selection: LinearModel | TreeModel
    refusal: LinearModel | TreeModel
    threshold: float  # refusal probability below which the shipped default refuses
    related_threshold: float  # below `threshold`, the probability from which a refusal offers related reading
    record: dict  # how it was trained and what it reached
    space: str  # the embedding space (EmbeddingChoice.space) its similarity features were measured in
    pair_margin: float = DEFAULT_PAIR_MARGIN  # see DEFAULT_PAIR_MARGIN, in the units of `selection`'s logits
    # A ranker that chooses the quote of a question answered (bot.answering._ranked_quote); whether to answer is
    # decided on `selection`'s first candidate, which the refusal classifier was fitted on (and, in a classifier refitted
    # with --refit-refusal and in `typed_refusal`, on the ranker's lead too).
    ranker: LinearModel | TreeModel | None = None
    ranker_pair_margin: float = DEFAULT_PAIR_MARGIN  # the same margin in the ranker's units
    # A refusal classifier of its own for questions of `typed_types` (who, where, when), fitted as --refit-refusal fits one,
    # on the ranker's view too: there it refuses near misses the main one answers, but it refuses plainly put policy
    # questions of other types, so it decides these alone. Its logits are shifted (a linear model's intercept, trees'
    # base) so that its cut, chosen on those questions of the calibrate part, falls at `threshold`: ANSWER_MIN_CONFIDENCE
    # then moves both cuts together.
    typed_refusal: LinearModel | TreeModel | None = None
    typed_types: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: dict) -> AnswerModel:
        from bot.answer_features import CANDIDATE_FEATURES, QUESTION_FEATURES  # here: settings read the threshold alone

        if data.get("format") != FORMAT:
            raise ValueError(f"answer model format {data.get('format')!r}, expected {FORMAT}")
        model = cls(
            selection=model_from_json(data["selection"], CANDIDATE_FEATURES),
            refusal=model_from_json(data["refusal"], QUESTION_FEATURES),
            threshold=float(data["threshold"]),
            related_threshold=float(data["related_threshold"]),
            record=data.get("record", {}),
            space=str(data["space"]),
            pair_margin=float(data.get("pair_margin", DEFAULT_PAIR_MARGIN)),
            ranker=model_from_json(data["ranker"], CANDIDATE_FEATURES) if "ranker" in data else None,
            ranker_pair_margin=float(data.get("ranker_pair_margin", DEFAULT_PAIR_MARGIN)),
            typed_refusal=model_from_json(data["typed_refusal"], QUESTION_FEATURES) if "typed_refusal" in data else None,
            typed_types=tuple(data.get("typed_types", ())),
        )
        if model.typed_refusal is not None and model.ranker is None and _reads_ranker_columns(model.typed_refusal):
            raise ValueError("the typed refusal classifier reads a ranker's columns, and the file has no ranker")
        return model

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "selection": self.selection.to_json(),
            "refusal": self.refusal.to_json(),
            "threshold": self.threshold,
            "related_threshold": self.related_threshold,
            "pair_margin": self.pair_margin,
            **({"ranker": self.ranker.to_json(), "ranker_pair_margin": self.ranker_pair_margin} if self.ranker is not None else {}),
            "space": self.space,
            **({"typed_refusal": self.typed_refusal.to_json(), "typed_types": list(self.typed_types)} if self.typed_refusal is not None else {}),
            "record": self.record,
        }

    def decides_by_type(self, answer_type: str) -> bool:
        """Whether a question asking for `answer_type` is judged by the typed refusal classifier."""
        return self.typed_refusal is not None and answer_type in self.typed_types

    def answer_probability(self, question_row: np.ndarray, answer_type: str) -> float:
        """The probability that the best candidate answers the question: the typed refusal classifier's for a
        question of its types, else the refusal classifier's."""
        classifier = self.typed_refusal if self.typed_refusal is not None and self.decides_by_type(answer_type) else self.refusal
        return float(_sigmoid(classifier.logits(question_row[None, :])[0]))


def shifted(model: LinearModel | TreeModel, by: float) -> LinearModel | TreeModel:
    """`model` with every logit moved by `by`: its cut at probability p falls where its own was at sigmoid(logit(p) - by)."""
    if isinstance(model, LinearModel):
        return replace(model, intercept=model.intercept + by)
    return replace(model, base=model.base + by)


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return float(np.log(p / (1 - p)))


def reads_ranker(model: AnswerModel) -> bool:
    """Whether the refusal classifier reads the ranker's columns (one fitted by --refit-refusal since they were added):
    then answering ranks the candidates before deciding, and the threshold holds for that ranker only."""
    return _reads_ranker_columns(model.refusal)


def bound_to_ranker(model: AnswerModel) -> bool:
    """Whether a refusal classifier of the file, the main one or the typed one, reads the ranker's columns: its cut
    holds for that ranker only, and a new ranker would move its inputs under it."""
    return reads_ranker(model) or (model.typed_refusal is not None and _reads_ranker_columns(model.typed_refusal))


def _reads_ranker_columns(classifier: LinearModel | TreeModel) -> bool:
    from bot.answer_features import QUESTION_FEATURES  # here: settings read the threshold alone

    return len(classifier.features) > QUESTION_FEATURES.index("ranker_score")


def load_answer_model(path: Path = MODEL_FILE) -> AnswerModel | None:
    """The shipped model, or None (with a warning) when the file is missing or does not fit this code:
    answers then fall back to the hand-tuned scoring rather than failing."""
    try:
        return _load(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("answer model %s not used (%s); scoring answers by hand-tuned rules", path, exc)
        return None


def model_for_space(space: str, path: Path = MODEL_FILE) -> AnswerModel | None:
    """The shipped model when it was trained in the embedding space answers run in, else None: its
    features and threshold are fitted to that space's similarities (with another embedder, or none,
    it refuses what it should answer), so the hand-tuned rules and their own threshold answer instead."""
    model = load_answer_model(path)
    if model is not None and model.space != space:
        log.info("answer model trained in embedding space %r, answers run in %r: scoring answers by hand-tuned rules", model.space, space)
        return None
    return model


@lru_cache(maxsize=4)
def _load(path: Path) -> AnswerModel:
    return AnswerModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def _sigmoid(x: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def probabilities(logits: np.ndarray) -> np.ndarray:
    return _sigmoid(logits)


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 8) for v in values]


def _checked_features(data: dict, expected: tuple[str, ...]) -> tuple[str, ...]:
    """The model file's feature names, which must be the code's or the first of them (features are only ever added
    at the end, so a model fitted before some were added reads the columns it was fitted on): a model of other
    features would read wrong columns."""
    features = tuple(data["features"])
    if not features or features != expected[: len(features)]:
        raise ValueError(f"model features {features} differ from the code's {expected}: retrain the model")
    return features
