"""Train the answer model on CMRC 2018: `python -m bot.train_answer_model` (needs the `train` extra).

The train part of `bot.cmrc`'s fixed split fits both models, the calibrate part chooses the shipped
threshold, the test part is never read. Each part is asked as `cadre-bot eval` asks it, in throwaway
knowledge bases built with real search (the default e5 backend): answerable questions with every
context present, near misses with the answering sentences deleted, off-topic ones with their article
left out. For each question the search hits become candidates (bot.answer_features); a candidate is
positive when it holds a gold span (a pair of sentences only when neither sentence alone does).

- the selection model: logistic regression over the candidates of answerable questions;
- the refusal classifier: logistic regression over questions of all three kinds, the label being
  "answerable, and the selected candidate holds a gold span";
- the threshold: the highest (in steps of 0.01) that keeps false refusals on the calibrate part at
  or below 3%, as `cadre-bot eval --calibrate` chooses it.

The result is `bot/data/answer_model.json`, with the command, the data file's sha256, the split,
the licence and the metrics reached, including those on tests/data/cmrc_slice.jsonl with BM25 alone,
which a fast test reproduces.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.answer_features import CANDIDATE_FEATURES, QUESTION_FEATURES, Candidate, QuestionView, candidate_features, candidates, question_features
from bot.answer_model import AnswerModel, LinearModel, probabilities
from bot.benchmark import CMRC_FILE
from bot.cmrc import ANSWERABLE, CALIBRATE, KINDS, NEAR_MISS, OFF_TOPIC, TRAIN, CmrcCase, answerable, load_cmrc, near_miss, off_topic, select
from bot.cmrc_eval import MAX_FALSE_REFUSALS, build_knowledge_base
from bot.questions import question_terms
from bot.settings import ANSWER_MODEL_FILE, PROJECT_ROOT, Settings
from ingest.embeddings import EmbeddingChoice, load_embeddings

log = logging.getLogger(__name__)

DEFAULT_FILE = CMRC_FILE  # ../shared/eval/cmrc/cmrc2018.jsonl beside the project
SLICE_FILE = PROJECT_ROOT / "tests" / "data" / "cmrc_slice.jsonl"
REGULARISATION = 1.0  # scikit-learn's C: the default, no tuning on the data
LICENCE = (
    "Trained on CMRC 2018 (github.com/ymcui/cmrc2018, squad-style-data/, commit c0eb1b6), CC BY-SA 4.0: "
    'Cui et al., "A Span-Extraction Dataset for Chinese Machine Reading Comprehension", EMNLP-IJCNLP 2019. '
    "The file holds model coefficients only, no text of the dataset."
)


@dataclass
class Collected:
    """Candidates' features and labels, grouped by question, for one part of the data."""

    rows: list[np.ndarray] = field(default_factory=list)  # one matrix per question (may have no rows)
    labels: list[np.ndarray] = field(default_factory=list)  # 1 where the candidate holds a gold span
    kinds: list[str] = field(default_factory=list)
    views: list[tuple[QuestionView, list[Candidate], object]] = field(default_factory=list)  # for question features

    def add(self, kind: str, rows: np.ndarray, labels: np.ndarray, view: tuple[QuestionView, list[Candidate], object]) -> None:
        self.rows.append(rows)
        self.labels.append(labels)
        self.kinds.append(kind)
        self.views.append(view)


class CachedEmbeddings(Embeddings):
    """Embeds each distinct text once: the near-miss and off-topic knowledge bases repeat the answerable one's sentences."""

    def __init__(self, inner: Embeddings) -> None:
        self._inner = inner
        self._vectors: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, self._inner.embed_documents(missing)))
        return [self._vectors[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)


def labels_of(found: list[Candidate], answers: tuple[str, ...]) -> np.ndarray:
    """1 for a candidate holding a gold span; a pair only when neither of its sentences does alone."""
    labels = np.zeros(len(found))
    for i, cand in enumerate(found):
        texts = [c.text for c in cand.chunks]
        whole = "".join(texts)
        if any(a in whole for a in answers) and (len(texts) == 1 or not any(a in t for a in answers for t in texts)):
            labels[i] = 1.0
    return labels


def collect(settings: Settings, contexts: list, embedding: EmbeddingChoice, tmp: Path, label: str) -> Collected:
    """Ask every case of the contexts, as eval asks them, and keep each question's candidates."""
    collected = Collected()
    for batch in (answerable(contexts), near_miss(contexts), off_topic(contexts)):
        if not batch.cases:
            continue
        started = time.perf_counter()
        services, _ = build_knowledge_base(settings, batch, tmp / f"{label}-{batch.kind}", embedding)
        for case in batch.cases:
            _collect_case(services, case, collected, embedding)
        print(f"… {label} {batch.kind}: {len(batch.cases)} questions over {len(batch.contexts)} contexts, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return collected


def _collect_case(services, case: CmrcCase, collected: Collected, embedding: EmbeddingChoice) -> None:  # noqa: ANN001
    terms = question_terms(case.question)
    searcher = services.index.searcher
    hits, corpus = searcher.search_with_corpus(case.question, services.settings.retrieval_top_k, terms.position)
    found = candidates(hits, corpus) if (terms.words or terms.position) else []
    view = QuestionView.of(case.question, terms)
    rows = candidate_features(view, found, corpus, embedding.similarity_range) if found else np.zeros((0, len(CANDIDATE_FEATURES)))
    labels = labels_of(found, case.answers) if case.kind == ANSWERABLE else np.zeros(len(found))
    collected.add(case.kind, rows, labels, (view, found, corpus))


def fit_linear(x: np.ndarray, y: np.ndarray, names: tuple[str, ...]) -> LinearModel:
    """A standardised logistic regression, fitted by scikit-learn, kept as plain arrays."""
    from sklearn.linear_model import LogisticRegression

    mean = np.nanmean(x, axis=0)
    mean = np.where(np.isnan(mean), 0.0, mean)
    filled = np.where(np.isnan(x), mean, x)
    scale = filled.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    fitted = LogisticRegression(C=REGULARISATION, max_iter=2000).fit((filled - mean) / scale, y)
    return LinearModel(names, mean, scale, fitted.coef_[0], float(fitted.intercept_[0]))


def question_table(selection: LinearModel, data: Collected) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per question with candidates: the refusal features, whether the selected candidate holds gold,
    and its index; questions without a candidate are refused whatever the model says."""
    table = np.full((len(data.rows), len(QUESTION_FEATURES)), np.nan)
    right = np.zeros(len(data.rows))
    has = np.zeros(len(data.rows), dtype=bool)
    for i, (rows, labels, (view, found, corpus)) in enumerate(zip(data.rows, data.labels, data.views)):
        if not len(rows):
            continue
        scores = selection.logits(rows)
        table[i] = question_features(view, found, rows, scores, corpus)
        right[i] = labels[int(scores.argmax())]
        has[i] = True
    return table, right, has


def figures(confidence: np.ndarray, right: np.ndarray, kinds: list[str], threshold: float) -> dict[str, float]:
    """Eval's figures at `threshold`: gold in the selected candidate and false refusals over answerable
    questions, rejection over near misses and off-topic ones."""
    kinds_arr = np.asarray(kinds)
    answered = confidence >= threshold
    result: dict[str, float] = {}
    for kind in KINDS:
        mask = kinds_arr == kind
        count = int(mask.sum())
        result[f"{kind}_cases"] = count
        if kind == ANSWERABLE:
            result["gold_in_selected"] = round(float((answered & (right > 0))[mask].sum() / max(count, 1)), 4)
            result["false_refusal_rate"] = round(float((~answered)[mask].sum() / max(count, 1)), 4)
        else:
            result[f"{kind}_rejection"] = round(float((~answered)[mask].sum() / max(count, 1)), 4)
    return result


def choose_threshold(confidence: np.ndarray, kinds: list[str]) -> float:
    """The highest threshold in steps of 0.01 whose false refusals stay within MAX_FALSE_REFUSALS."""
    answerable_conf = confidence[np.asarray(kinds) == ANSWERABLE]
    chosen = 0.0
    for threshold in (round(t, 2) for t in np.arange(0.0, 1.0001, 0.01)):
        if float((answerable_conf < threshold).mean()) > MAX_FALSE_REFUSALS:
            break
        chosen = threshold
    return chosen


def confidences(model: AnswerModel, table: np.ndarray, has: np.ndarray) -> np.ndarray:
    """The refusal classifier's probability per question; 0 where there was no candidate."""
    values = np.zeros(len(table))
    if has.any():
        values[has] = probabilities(model.refusal.logits(table[has]))
    return values


def train(data: Collected) -> tuple[LinearModel, LinearModel]:
    """Selection on answerable questions' candidates, then refusal on every question's best candidate."""
    chosen = [i for i, kind in enumerate(data.kinds) if kind == ANSWERABLE and len(data.rows[i])]
    x = np.vstack([data.rows[i] for i in chosen])
    y = np.concatenate([data.labels[i] for i in chosen])
    selection = fit_linear(x, y, CANDIDATE_FEATURES)
    table, right, has = question_table(selection, data)
    refusal = fit_linear(table[has], right[has], QUESTION_FEATURES)
    return selection, refusal


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def slice_metrics(settings: Settings) -> dict:
    """The shipped model's eval figures on the fixed test slice with BM25 alone: what tests reproduce."""
    from bot.cmrc_eval import evaluate_cmrc
    from bot.services import WITHOUT_MODEL

    report = evaluate_cmrc(settings, SLICE_FILE, "all", embedding=WITHOUT_MODEL)
    return {
        "file": "tests/data/cmrc_slice.jsonl",
        "part": "all",
        "backend": "none",
        "threshold": report.threshold,
        "answerable": {k: report.answerable[k] for k in ("cases", "gold_in_answer", "refused")},
        "near_miss": report.near_miss,
        "off_topic": report.off_topic,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.train_answer_model", description="Train the answer model on CMRC 2018's train part.")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="CMRC JSONL file (default: ../shared/eval/cmrc/cmrc2018.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many train contexts (a quick run)")
    parser.add_argument("--calibrate-limit", type=int, default=None, help="at most this many calibrate contexts")
    parser.add_argument("--out", type=Path, default=ANSWER_MODEL_FILE, help="model file to write")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    import sklearn

    settings = Settings(_env_file=None, embedding_backend="e5")
    contexts = load_cmrc(args.file)
    train_contexts = select(contexts, TRAIN, args.limit)
    calibrate_contexts = select(contexts, CALIBRATE, args.calibrate_limit)
    embedding = load_embeddings(settings.embedding_backend, settings.embedding_model, settings.cache_dir)
    if not embedding.dense:
        print(f"e5 did not load: {embedding.warning}", file=sys.stderr)
        return 1
    embedding = replace(embedding, embeddings=CachedEmbeddings(embedding.embeddings))
    with tempfile.TemporaryDirectory(prefix="cadre-train-") as tmp:
        train_data = collect(settings, train_contexts, embedding, Path(tmp), TRAIN)
        calibrate_data = collect(settings, calibrate_contexts, embedding, Path(tmp), CALIBRATE)
    selection, refusal = train(train_data)
    model = AnswerModel(selection, refusal, 0.0, {})
    metrics: dict[str, dict] = {}
    calibrate_conf = np.zeros(0)
    for name, data in ((TRAIN, train_data), (CALIBRATE, calibrate_data)):
        table, right, has = question_table(selection, data)
        conf = confidences(model, table, has)
        if name == CALIBRATE:
            calibrate_conf, calibrate_right, calibrate_kinds = conf, right, data.kinds
        metrics[name] = {"all_answered": figures(conf, right, data.kinds, 0.0)}
    threshold = choose_threshold(calibrate_conf, calibrate_kinds)
    for name, data in ((TRAIN, train_data), (CALIBRATE, calibrate_data)):
        table, right, has = question_table(selection, data)
        metrics[name]["at_threshold"] = figures(confidences(model, table, has), right, data.kinds, threshold)
    command = "python -m bot.train_answer_model" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    record = {
        "command": command,
        "data_file": "../shared/eval/cmrc/cmrc2018.jsonl" if args.file.resolve() == DEFAULT_FILE.resolve() else str(args.file),
        "data_sha256": sha256_of(args.file),
        "split": {
            "how": "bot.cmrc.part_of: sha256 of the context id, 60% train / 20% calibrate / 20% test; test never read",
            "train_contexts": len(train_contexts),
            "calibrate_contexts": len(calibrate_contexts),
            "train_questions": {kind: train_data.kinds.count(kind) for kind in KINDS},
            "calibrate_questions": {kind: calibrate_data.kinds.count(kind) for kind in KINDS},
        },
        "backend": embedding.space,
        "trainer": f"scikit-learn {sklearn.__version__} LogisticRegression(C={REGULARISATION})",
        "threshold_rule": f"highest threshold (steps of 0.01) with false refusals <= {MAX_FALSE_REFUSALS:.0%} on the calibrate part",
        "licence": LICENCE,
        "metrics": metrics,
        "note": "gold_in_selected: the selected candidate holds a gold span, before quotes are trimmed to length",
    }
    model = AnswerModel(selection, refusal, threshold, record)
    _write(model, args.out)
    if args.out.resolve() == ANSWER_MODEL_FILE.resolve():
        record["slice_metrics"] = slice_metrics(Settings(_env_file=None, answer_min_confidence=threshold))
        _write(replace(model, record=record), args.out)
    print(json.dumps({"threshold": threshold, "metrics": metrics}, ensure_ascii=False, indent=1))
    return 0


def _write(model: AnswerModel, path: Path) -> None:
    from bot import answer_model

    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    answer_model._load.cache_clear()  # the next knowledge base reads the file just written


if __name__ == "__main__":
    raise SystemExit(main())
