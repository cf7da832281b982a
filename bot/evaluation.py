"""Quality on a question set: does the answer contain the gold span, and are the right questions refused?"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from bot.services import Services
from ingest.textnorm import normalize
from ingest.errors import ConfigError


@dataclass(frozen=True)
class EvalCase:
    question: str
    gold: str | None
    kind: str
    all: tuple[tuple[str, ...], ...] = ()  # study questions: every group needs one alternative in the answer
    needs_span: bool = False  # no "gold" yet (an exported 👎 answer nobody has completed): not scored


@dataclass(frozen=True)
class CaseResult:
    question: str
    kind: str
    gold: str | None
    answer: str
    refused: bool
    confidence: float
    retrieval_rank: int | None  # 1-based rank of the first passage holding the gold span
    gold_in_answer: bool
    latency_ms: float
    mode: str = "extractive"
    gold_in_sources: bool = False  # a cited passage holds the gold span (LLM answers paraphrase it)


@dataclass
class EvalReport:
    cases: int
    in_scope: int
    answered_with_gold: int
    wrongly_refused: int
    out_of_scope: int
    correctly_refused: int
    answered_with_gold_source: int
    modes: dict[str, int]
    retrieval_hits: dict[str, int]
    latency_ms: dict[str, float]
    threshold: float
    calibration: dict | None = None
    failures: list[dict] = field(default_factory=list)
    needs_span: list[str] = field(default_factory=list)  # questions with no "gold" yet: fill in the span

    def to_json(self) -> dict:
        return asdict(self)


def load_cases(path: Path) -> list[EvalCase]:
    """Read `{"q", "gold", "kind"}` lines. An empty gold ("" or null) means the materials do not answer the
    question and it must be refused, as the shared eval sets mark it; a line with no "gold" at all (an exported
    👎 answer nobody has completed) still needs its span: it loads but is not scored."""
    if not path.is_file():
        raise ConfigError(f"no such eval file: {path}", f"找不到评测文件：{path}")
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            groups = tuple(tuple(group) for group in row.get("all") or ())
            gold = row.get("gold") or (" | ".join("/".join(group) for group in groups) if groups else None)
            needs_span = "gold" not in row and not groups
            kind = row.get("kind", "study" if groups else "")
            cases.append(EvalCase(question=row["q"], gold=gold, kind=kind, all=groups, needs_span=needs_span))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not an eval line ({exc})", f"评测文件第{number}行格式不对：需要 q、gold、kind 字段。") from exc
    if not cases:
        raise ConfigError(f"{path} has no questions", f"评测文件 {path} 中没有问题。")
    return cases


def run_case(services: Services, case: EvalCase) -> CaseResult:
    """A fact case is right when the quote holds its gold span; a study case (`all`) when the answer holds
    every group of key points. Either way a refused answer holds nothing."""
    answer = services.answers.ask(case.question)
    answered = not answer.refused
    sources = ["".join(s.text for s in answer.sources)] if case.all else [s.text for s in answer.sources]
    return CaseResult(
        question=case.question,
        kind=case.kind,
        gold=case.gold,
        answer=answer.text,
        refused=answer.refused,
        confidence=answer.confidence,
        retrieval_rank=_retrieval_rank(services, case) if case.gold and not case.all else None,
        gold_in_answer=answered and _holds(case, answer.quote),
        latency_ms=answer.latency_ms,
        mode=answer.mode,
        gold_in_sources=answered and any(_holds(case, text) for text in sources),
    )


def _holds(case: EvalCase, text: str) -> bool:
    return holds_all(text, case.all) if case.all else bool(case.gold) and holds_span(text, case.gold)


def holds_span(text: str, gold: str) -> bool:
    """Whether a text holds the gold span, a figure as a whole: "86" is not in "收回有效问卷386份", nor "3" in "13.5%",
    nor "200" in "1,200"; a year is in a dotted date (2019.05.01)."""
    before = r"(?<![\d.．])(?<!\d,)" if gold[:1].isdigit() else ""
    after = r"(?![\d.．]?\d)(?!,\d)" if gold[-1:].isdigit() else ""
    if re.fullmatch(r"\d{4}", gold):
        after = r"(?!\d)(?![.．]\d(?!\d?[.．]\d))"  # 2019.05.01 holds 2019; 2019.5 is a figure
    return re.search(before + re.escape(gold) + after, text) is not None


def _retrieval_rank(services: Services, case: EvalCase) -> int | None:
    """1-based rank of the first searched sentence holding the gold span."""
    return next((n for n, hit in enumerate(services.answers.search(case.question), start=1) if holds_span(hit.chunk.text, case.gold)), None)


def holds_all(text: str, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a text holds one alternative of every group, compared without whitespace and punctuation."""
    bare = _bare(text)
    return all(any(_bare(alternative) in bare for alternative in group) for group in groups)


def _bare(text: str) -> str:
    return "".join(ch for ch in normalize(text) if ch.isalnum())


def evaluate(services: Services, cases: list[EvalCase], calibrate: bool = False) -> EvalReport:
    """Score every case that has its gold; with `calibrate`, also find the refusal threshold that maximises accuracy."""
    pending = [case.question for case in cases if case.needs_span]
    cases = [case for case in cases if not case.needs_span]
    services.index.warm_up()  # latency percentiles describe a running assistant, not index building
    threshold = services.answers.min_confidence
    if calibrate:
        services.answers.min_confidence = 0.0
    try:
        results = [run_case(services, case) for case in cases]
    finally:
        services.answers.min_confidence = threshold
    calibration = calibrate_threshold(results) if calibrate else None
    if calibrate:
        results = [_rejudge(r, threshold) for r in results]
    return replace(summarize(results, threshold, calibration), needs_span=pending)


def summarize(results: list[CaseResult], threshold: float, calibration: dict | None) -> EvalReport:
    in_scope = [r for r in results if r.gold]
    out_scope = [r for r in results if not r.gold]
    latencies = np.array([r.latency_ms for r in results] or [0.0])  # a file of unfinished 👎 lines scores nothing
    failures = [
        {"question": r.question, "kind": r.kind, "gold": r.gold, "answer": r.answer, "confidence": round(r.confidence, 4)}
        for r in results
        if (r.gold and not r.gold_in_answer) or (not r.gold and not r.refused)
    ]
    return EvalReport(
        cases=len(results),
        in_scope=len(in_scope),
        answered_with_gold=sum(r.gold_in_answer for r in in_scope),
        wrongly_refused=sum(r.refused for r in in_scope),
        out_of_scope=len(out_scope),
        correctly_refused=sum(r.refused for r in out_scope),
        answered_with_gold_source=sum(r.gold_in_sources for r in in_scope),
        modes=dict(Counter(r.mode for r in results)),
        retrieval_hits={f"R@{k}": sum(1 for r in in_scope if r.retrieval_rank and r.retrieval_rank <= k) for k in (1, 3, 5)},
        latency_ms={
            "p50": round(float(np.percentile(latencies, 50)), 2),
            "p95": round(float(np.percentile(latencies, 95)), 2),
            "max": round(float(latencies.max()), 2),
        },
        threshold=threshold,
        calibration=calibration,
        failures=failures,
    )


def calibrate_threshold(results: list[CaseResult]) -> dict:
    """The threshold with the most right decisions (answer with gold, or refuse); the middle of ties."""
    def correct(r: CaseResult, t: float) -> bool:
        refused = r.refused or r.confidence < t
        return (not refused and r.gold_in_answer) if r.gold else refused

    grid = [round(t, 2) for t in np.arange(0.0, 1.0001, 0.01)]
    scores = [sum(correct(r, t) for r in results) for t in grid]
    best = max(scores)
    best_grid = [t for t, s in zip(grid, scores) if s == best]
    longest: list[float] = []
    run: list[float] = []
    for t in best_grid:
        run = run + [t] if run and round(t - run[-1], 2) == 0.01 else [t]
        longest = run if len(run) > len(longest) else longest
    chosen = longest[len(longest) // 2]
    return {"best_threshold": chosen, "correct": best, "of": len(results), "range": [longest[0], longest[-1]]}


def _rejudge(result: CaseResult, threshold: float) -> CaseResult:
    """Apply the configured threshold to a result computed without one."""
    refused = result.refused or result.confidence < threshold
    kept = {"gold_in_answer": result.gold_in_answer and not refused, "gold_in_sources": result.gold_in_sources and not refused}
    return CaseResult(**{**asdict(result), "refused": refused, **kept})
