"""`cadre-bot eval` on CMRC 2018: answer quality on text nobody here wrote, in throwaway knowledge bases.

One knowledge base per kind of case (bot.cmrc): all contexts for the answerable questions, half of
the articles for the off-topic ones, the contexts less their answering sentences for the near misses.
Each is built from documents written as `bench --docs` writes them, in a temporary data dir, so the
user's knowledge base is never touched.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.benchmark import write_documents
from bot.evaluation import holds_span
from bot.cmrc import ANSWERABLE, KINDS, NEAR_MISS, OFF_TOPIC, CmrcCase, KnowledgeBaseCases, answerable, load_cmrc, near_miss, off_topic, select
from bot.answer_service import AnswerService
from bot.services import Services, build_services
from bot.question_analysis import analyse
from bot.settings import Settings
from ingest.embeddings import EmbeddingChoice, load_embeddings
from ingest.errors import ConfigError

MAX_FAILURES_SHOWN = 20
MAX_FALSE_REFUSALS = 0.03  # what a calibrated threshold may cost answerable questions (issue 12)
RELATED_STEP = 0.005  # resolution of the related-reading threshold
MAX_OFF_TOPIC_RELATED = 0.05  # off-topic questions offered related reading: as many as may be answered (rejection >= 95%)
WARM_UP_QUESTION = "这些资料主要讲了什么？"  # asked untimed first, so no model loading counts as an answer's latency


@dataclass(frozen=True)
class CmrcResult:
    question: str
    kind: str
    answer_type: str
    answers: tuple[str, ...]
    answer: str
    refused: bool
    confidence: float
    gold_in_answer: bool  # the quote holds a gold span
    gold_in_sources: bool  # a cited passage holds a gold span
    latency_ms: float
    own_context: bool = False  # the quote comes from the question's own context (retrieval found it)
    related: bool = False  # refused, with related reading offered

    @property
    def right(self) -> bool:
        """Answerable: answered with a gold span. Unanswerable: refused."""
        return self.gold_in_answer if self.kind == ANSWERABLE else self.refused


@dataclass
class CmrcReport:
    file: str
    part: str
    contexts: int
    backend: str
    mode: str
    threshold: float
    answerable: dict[str, float]
    near_miss: dict[str, float]
    off_topic: dict[str, float]
    by_answer_type: dict[str, dict[str, list[int]]]  # answer type -> kind -> [right, cases]
    latency_ms: dict[str, float]
    calibration: dict[str, float] | None = None
    failures: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def evaluate_cmrc(
    settings: Settings,
    path: Path,
    part: str,
    limit: int | None = None,
    embedding: EmbeddingChoice | None = None,
    phase: Callable[[str], None] = lambda _: None,
    calibrate: bool = False,
    calibrate_on: Callable[[str], bool] = lambda _: True,
) -> CmrcReport:
    """Ask every case of `part` (at most `limit` contexts) of the CMRC file at `path` and score the answers.

    With `calibrate`, answers are taken at any confidence and the report also gives the highest
    refusal threshold that keeps false refusals within MAX_FALSE_REFUSALS, with what it rejects, over
    the questions `calibrate_on` accepts; the main figures stay those of the configured threshold."""
    if not path.is_file():
        raise ConfigError(f"no such eval file: {path}", f"找不到评测文件：{path}")
    contexts = select(load_cmrc(path), part, limit)
    if not contexts:
        raise ConfigError(f"{path} has no contexts in part {part}", f"评测文件 {path} 的 {part} 部分没有文章。")
    embedding = embedding or load_embeddings(settings.embedding_backend, settings.embedding_model, settings.cache_dir)
    if embedding.embeddings is not None:
        embedding = replace(embedding, embeddings=CachedEmbeddings(embedding.embeddings))
    results: list[CmrcResult] = []
    threshold, related_from = 0.0, 0.0  # the running scorer's, as each knowledge base below reports them
    with tempfile.TemporaryDirectory(prefix="cadre-eval-cmrc-") as tmp:
        for batch in (answerable(contexts), near_miss(contexts), off_topic(contexts)):
            if not batch.cases:
                continue
            phase(f"{batch.kind}: 导入 {len(batch.contexts)} 篇文章，提问 {len(batch.cases)} 个问题")
            services, documents = build_knowledge_base(settings, batch, Path(tmp) / batch.kind, embedding)
            answers = services.answers
            threshold, related_from = answers.min_confidence, answers.related_from
            if calibrate:
                answers.min_confidence = 0.0
            results += [ask(answers, case, documents) for case in batch.cases]
    calibration = calibration_over([r for r in results if calibrate_on(r.question)]) if calibrate else None
    if calibrate:  # the figures stay those of the running scorer; the calibration is reported beside them
        results = [at_threshold(r, threshold, related_from) for r in results]
    report = summarize(results, path, part, len(contexts), embedding.space, "llm" if settings.llm_enabled else "extractive", threshold)
    report.calibration = calibration
    return report


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

    def load_question_encoder(self) -> None:
        """Warm-up loads the inner model's fast question encoder, if it has one."""
        load = getattr(self._inner, "load_question_encoder", None)
        if load is not None:
            load()


def at_threshold(result: CmrcResult, threshold: float, related_from: float | None = None) -> CmrcResult:
    """The result as it would be with refusal below `threshold`: a refused answer holds no gold, and
    offers related reading from confidence `related_from` on."""
    if result.refused or result.confidence >= threshold:
        return result
    related = related_from is not None and result.confidence >= related_from
    return replace(result, refused=True, gold_in_answer=False, gold_in_sources=False, own_context=False, related=related)


def choose_related_threshold(confidences: Sequence[float], kinds: Sequence[str], threshold: float) -> float:
    """The confidence from which a refusal offers related reading: the lowest (in steps of RELATED_STEP,
    below `threshold`) at which at most MAX_OFF_TOPIC_RELATED of the off-topic questions are offered it.
    Near misses (on topic: their material is there, less the answer) score higher, so as many of them
    as that allows get it; off-topic questions get it no more often than the issue lets them be answered."""
    conf, kind = np.asarray(confidences, dtype=np.float64), np.asarray(kinds)
    off = conf[kind == OFF_TOPIC]
    if not len(off):
        return threshold
    for cut in np.round(np.arange(0.0, threshold, RELATED_STEP), 4):
        if float(((off >= cut) & (off < threshold)).mean()) <= MAX_OFF_TOPIC_RELATED:
            return float(cut)
    return threshold


def calibration_over(results: list[CmrcResult]) -> dict[str, float] | None:
    """calibrate_threshold's choice over `results`, with its related-reading cut and the answerable questions it was
    chosen on; None without any (every threshold would then keep false refusals "within" 3%)."""
    answerable_cases = sum(r.kind == ANSWERABLE for r in results)
    if not answerable_cases:
        return None
    calibration = calibrate_threshold(results)
    calibration["related_threshold"] = choose_related_threshold([r.confidence for r in results], [r.kind for r in results], calibration["threshold"])
    calibration["answerable_cases"] = answerable_cases
    return calibration


def calibrate_threshold(results: list[CmrcResult]) -> dict[str, float]:
    """The highest threshold (in steps of 0.01) whose false refusals stay within MAX_FALSE_REFUSALS,
    and the figures it gives: the most rejection that answerable questions allow."""
    answerable_count = sum(r.kind == ANSWERABLE for r in results) or 1
    chosen = 0.0
    for threshold in (round(t, 2) for t in np.arange(0.0, 1.0001, 0.01)):
        refused = sum(at_threshold(r, threshold).refused for r in results if r.kind == ANSWERABLE)
        if refused / answerable_count > MAX_FALSE_REFUSALS:
            break
        chosen = threshold
    judged = [at_threshold(r, chosen) for r in results]
    figures = {kind: [r for r in judged if r.kind == kind] for kind in KINDS}
    return {
        "threshold": chosen,
        "max_false_refusal_rate": MAX_FALSE_REFUSALS,
        "false_refusal_rate": _answerable_figures(figures[ANSWERABLE])["false_refusal_rate"],
        "accuracy": _answerable_figures(figures[ANSWERABLE])["accuracy"],
        "near_miss_rejection": _refusal_figures(figures[NEAR_MISS])["rejection_rate"],
        "off_topic_rejection": _refusal_figures(figures[OFF_TOPIC])["rejection_rate"],
    }


def build_knowledge_base(
    settings: Settings, batch: KnowledgeBaseCases, folder: Path, embedding: EmbeddingChoice
) -> tuple[Services, dict[str, str]]:
    """A fresh knowledge base of the batch's contexts, one document each, warmed up for timing answers;
    with the context id of each document id. Training (bot.train_answer_model) builds its own the same way."""
    write_documents([c.as_document() for c in batch.contexts], folder / "docs")
    services = build_services(settings.model_copy(update={"data_dir": folder / "data", "chroma_host": None}), embedding)
    results = services.documents.ingest([folder / "docs"])
    services.index.warm_up()  # latency describes a running assistant, not index building nor model loading
    if embedding.embeddings is not None:
        embedding.embeddings.embed_query(WARM_UP_QUESTION)  # the answer below may not need the query encoder
    services.answers.ask(WARM_UP_QUESTION)
    return services, {r.doc_id: batch.contexts[_file_number(r.source) - 1].id for r in results}


def _file_number(source: str) -> int:
    """The position write_documents gave a document in its file name (cmrc-0007.txt: 7)."""
    return int(re.findall(r"\d+", Path(source).stem)[-1])


def ask(answers: AnswerService, case: CmrcCase, documents: dict[str, str]) -> CmrcResult:
    """Ask one case; `documents` maps document ids to the context ids they were made from."""
    answer = answers.ask(case.question)
    answered = not answer.refused
    return CmrcResult(
        question=case.question,
        kind=case.kind,
        answer_type=analyse(case.question).answer_type,
        answers=case.answers,
        answer=answer.text,
        refused=answer.refused,
        confidence=answer.confidence,
        gold_in_answer=answered and any(holds_span(answer.quote, gold) for gold in case.answers),
        gold_in_sources=answered and any(holds_span(s.text, gold) for s in answer.sources for gold in case.answers),
        latency_ms=answer.latency_ms,
        own_context=answered and bool(answer.sources) and documents.get(answer.sources[0].doc_id) == case.context_id,
        related=bool(answer.related),
    )


def summarize(results: list[CmrcResult], path: Path, part: str, contexts: int, backend: str, mode: str, threshold: float) -> CmrcReport:
    by_kind = {kind: [r for r in results if r.kind == kind] for kind in KINDS}
    latencies = np.array([r.latency_ms for r in results] or [0.0])
    return CmrcReport(
        file=str(path),
        part=part,
        contexts=contexts,
        backend=backend,
        mode=mode,
        threshold=threshold,
        answerable=_answerable_figures(by_kind[ANSWERABLE]),
        near_miss=_refusal_figures(by_kind[NEAR_MISS]),
        off_topic=_refusal_figures(by_kind[OFF_TOPIC]),
        by_answer_type=_by_answer_type(results),
        latency_ms={
            "p50": round(float(np.percentile(latencies, 50)), 2),
            "p95": round(float(np.percentile(latencies, 95)), 2),
            "max": round(float(latencies.max()), 2),
        },
        failures=[_failure(r) for r in results if not r.right],
    )


def _rate(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _answerable_figures(results: list[CmrcResult]) -> dict[str, float]:
    right = sum(r.gold_in_answer for r in results)
    refused = sum(r.refused for r in results)
    in_sources = sum(r.gold_in_sources for r in results)
    return {
        "own_context": sum(r.own_context for r in results),
        "cases": len(results),
        "gold_in_answer": right,
        "accuracy": _rate(right, len(results)),
        "gold_in_sources": in_sources,
        "refused": refused,
        "false_refusal_rate": _rate(refused, len(results)),
    }


def _refusal_figures(results: list[CmrcResult]) -> dict[str, float]:
    refused = sum(r.refused for r in results)
    related = sum(r.related for r in results)
    return {"cases": len(results), "refused": refused, "rejection_rate": _rate(refused, len(results)), "related_reading": related}


def _by_answer_type(results: list[CmrcResult]) -> dict[str, dict[str, list[int]]]:
    """For each answer type, [right, cases] of each kind, so a weak type shows where it fails."""
    cases = Counter((r.answer_type, r.kind) for r in results)
    right = Counter((r.answer_type, r.kind) for r in results if r.right)
    table: dict[str, dict[str, list[int]]] = {}
    for (answer_type, kind), count in sorted(cases.items()):
        table.setdefault(answer_type, {})[kind] = [right[(answer_type, kind)], count]
    return table


def _failure(result: CmrcResult) -> dict:
    return {
        "kind": result.kind,
        "answer_type": result.answer_type,
        "question": result.question,
        "gold": list(result.answers),
        "answer": result.answer,
        "refused": result.refused,
        "confidence": round(result.confidence, 4),
    }


_KIND_LABELS = {ANSWERABLE: "answerable", NEAR_MISS: "near miss", OFF_TOPIC: "off-topic"}


def format_report(report: CmrcReport) -> str:
    """The report as a person reads it: the three kinds, the weak answer types, latency, some misses."""
    a, n, o = report.answerable, report.near_miss, report.off_topic
    lines = [
        f"CMRC part            {report.part}, {report.contexts} contexts ({report.file})",
        f"backend, mode        {report.backend}, {report.mode}; refusal threshold {report.threshold}",
        f"answerable           gold in answer {a['gold_in_answer']}/{a['cases']} ({a['accuracy']:.1%}), "
        f"in cited source {a['gold_in_sources']}/{a['cases']}, quoted from its own context {a['own_context']}/{a['cases']}",
        f"false refusals       {a['refused']}/{a['cases']} ({a['false_refusal_rate']:.1%})",
        f"near-miss rejection  {n['refused']}/{n['cases']} ({n['rejection_rate']:.1%}), {n['related_reading']} with related reading",
        f"off-topic rejection  {o['refused']}/{o['cases']} ({o['rejection_rate']:.1%}), {o['related_reading']} with related reading",
        f"latency ms           p50 {report.latency_ms['p50']}, p95 {report.latency_ms['p95']}, max {report.latency_ms['max']}",
        "by answer type       right/cases: " + " · ".join(_KIND_LABELS[k] for k in KINDS),
    ]
    if report.calibration:
        c = report.calibration
        lines.append(
            f"calibrated threshold {c['threshold']} (highest with false refusals ≤ {c['max_false_refusal_rate']:.0%}): "
            f"false refusals {c['false_refusal_rate']:.1%}, gold in answer {c['accuracy']:.1%}, "
            f"near-miss rejection {c['near_miss_rejection']:.1%}, off-topic rejection {c['off_topic_rejection']:.1%}; "
            f"it would offer related reading from {c['related_threshold']} (the figures above use the running scorer's cut)"
        )
    for answer_type, kinds in report.by_answer_type.items():
        cells = " · ".join("{}/{}".format(*kinds[k]) if k in kinds else "-" for k in KINDS)
        lines.append(f"  {answer_type:<18} {cells}")
    for failure in report.failures[:MAX_FAILURES_SHOWN]:
        lines.append(f"MISS [{failure['kind']}/{failure['answer_type']}] {failure['question']} -> {failure['answer'][:60]!r} (confidence {failure['confidence']})")
    if len(report.failures) > MAX_FAILURES_SHOWN:
        lines.append(f"… {len(report.failures) - MAX_FAILURES_SHOWN} more misses (all of them with --json)")
    return "\n".join(lines)
