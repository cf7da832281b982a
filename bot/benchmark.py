"""Speed and memory, measured and reported (never asserted in tests)."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from bot.engine import AnswerEngine
from bot.evaluation import load_cases
from bot.settings import Settings
from ingest.loaders import load_document
from ingest.zh_text import CLAUSE_MARKS, SENTENCE_MARKS


@dataclass
class BenchReport:
    backend: str
    mode: str  # "llm" when an LLM was configured (answers then include its latency), else "extractive"
    questions: int
    warm_p50_ms: float
    warm_p95_ms: float
    cold_ask_s: float
    batch_ask_peak_rss_mb: float
    seed_ingest_s: float
    large_ingest_chars: int
    large_ingest_s: float
    large_ingest_chars_per_s: float

    def to_json(self) -> dict:
        return asdict(self)


def run_benchmark(
    settings: Settings,
    question_files: list[Path],
    questions: int = 200,
    ingest_mb: float = 1.0,
    phase: Callable[[str], None] = lambda _: None,
) -> BenchReport:
    """Measure on throwaway data dirs, so the user's knowledge base is never touched. `phase` is told
    what is being measured next: the whole run takes minutes."""
    pool = [c.question for f in question_files for c in load_cases(f)]
    rng = random.Random(7)
    asked = distinct_questions(pool, max(questions, len(pool)))
    rng.shuffle(asked)
    with tempfile.TemporaryDirectory(prefix="cadre-bench-") as tmp:
        tmp_path = Path(tmp)
        bench_settings = settings.model_copy(update={"data_dir": tmp_path / "seeded", "chroma_host": None})
        phase("导入种子文档 (seed ingest)")
        engine = AnswerEngine(bench_settings)
        started = time.perf_counter()
        engine.ensure_seeded()
        seed_ingest_s = time.perf_counter() - started
        phase(f"回答 {len(asked)} 个问题 (warm latency)")
        engine.ask(pool[0])
        latencies = []
        for question in asked:
            answer = engine.ask(question)
            latencies.append(answer.latency_ms)
        phase("冷启动 (cold ask)")
        cold_s = _cold_ask(bench_settings, pool[0])
        phase("批量提问内存 (batch ask peak RSS)")
        peak_mb = _batch_peak_rss(bench_settings, asked)
        phase(f"导入 {ingest_mb:g} MB 文档 (large ingest)")
        chars, large_s = _large_ingest(settings.model_copy(update={"data_dir": tmp_path / "large", "chroma_host": None}), engine, tmp_path, ingest_mb)
    return BenchReport(
        backend=engine.embedding.space,
        mode="llm" if settings.llm_enabled else "extractive",
        questions=len(latencies),
        warm_p50_ms=round(float(np.percentile(latencies, 50)), 2),
        warm_p95_ms=round(float(np.percentile(latencies, 95)), 2),
        cold_ask_s=round(cold_s, 3),
        batch_ask_peak_rss_mb=round(peak_mb, 1),
        seed_ingest_s=round(seed_ingest_s, 3),
        large_ingest_chars=chars,
        large_ingest_s=round(large_s, 2),
        large_ingest_chars_per_s=round(chars / large_s, 1) if large_s else 0.0,
    )


# Prefixes that leave a question's meaning alone but make its text new, so no answer comes from a cache.
_PREFIXES = ("", "请问", "请问，", "我想问", "想请教一下，", "请告诉我", "问：")


def distinct_questions(pool: list[str], count: int) -> list[str]:
    """`count` different question texts built from the pool (warm latency without cache hits)."""
    variants = [prefix + question for prefix in _PREFIXES for question in pool]
    if count > len(variants):
        raise ValueError(f"at most {len(variants)} distinct questions can be made from {len(pool)}")
    return variants[:count]


def _cli(settings: Settings) -> list[str]:
    return [sys.executable, "-m", "bot", "--data-dir", str(settings.data_dir)]


def _env(settings: Settings) -> dict[str, str]:
    """The child process's settings: same embedding model and the same answer mode as this run."""
    return {
        **os.environ,
        "EMBEDDING_BACKEND": settings.embedding_backend,
        "EMBEDDING_MODEL": settings.embedding_model or "",
        "LLM_BASE_URL": settings.llm_base_url or "",
        "LLM_MODEL": settings.llm_model or "",
        "LLM_TIMEOUT_S": str(settings.llm_timeout_s),
    }


def _cold_ask(settings: Settings, question: str) -> float:
    """Wall time of a fresh `cadre-bot ask` process against a built index."""
    started = time.perf_counter()
    subprocess.run([*_cli(settings), "ask", question, "--json"], check=True, capture_output=True, env=_env(settings))
    return time.perf_counter() - started


def _batch_peak_rss(settings: Settings, questions: list[str]) -> float:
    """Peak resident memory of one `cadre-bot ask` process answering every question from stdin."""
    code = (
        "import resource, subprocess, sys; "
        "p = subprocess.run(sys.argv[1:], input=sys.stdin.read(), text=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if p.returncode == 0 else -1)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *_cli(settings), "ask"],
        input="\n".join(questions) + "\n",
        capture_output=True,
        text=True,
        check=True,
        env=_env(settings),
    )
    kib = int(done.stdout.strip())
    if kib < 0:
        raise RuntimeError("batch ask failed during the benchmark")
    return kib / 1024


def synthetic_document(paragraphs: list[str], megabytes: float, seed: int = 11) -> str:
    """About `megabytes` of Chinese text whose sentences are new combinations of the given clauses.

    Sentences are (almost) all distinct, so the measurement embeds as much text as a real document would.
    """
    clauses = [c for p in paragraphs for c in re.split(rf"[{re.escape(CLAUSE_MARKS + SENTENCE_MARKS)}]", p) if len(c) >= 4]
    rng = random.Random(seed)
    body: list[str] = []
    size = 0
    while size < megabytes * 1024 * 1024:
        sentences = [",".join(rng.sample(clauses, rng.randint(2, 4))) + "。" for _ in range(rng.randint(4, 8))]
        text = "".join(sentences)
        body.append(text)
        size += len(text.encode("utf-8")) + 2
    return "大文档吞吐测试\n\n" + "\n\n".join(body)


def _large_ingest(settings: Settings, warm: AnswerEngine, tmp: Path, megabytes: float) -> tuple[int, float]:
    """Ingest a generated document of about `megabytes` of Chinese text."""
    seed_files = sorted(settings.resolved_seeds_dir().glob("*.txt"))
    paragraphs = [p for f in seed_files for p in load_document(f).paragraphs]
    path = tmp / "large-document.txt"
    path.write_text(synthetic_document(paragraphs, megabytes), encoding="utf-8")
    engine = AnswerEngine(settings, embedding=warm.embedding)
    started = time.perf_counter()
    engine.ingest([path])
    return len(path.read_text(encoding="utf-8")), time.perf_counter() - started


def format_report(report: BenchReport) -> str:
    lines = [
        f"backend                  {report.backend}",
        f"answer mode              {report.mode}",
        f"warm answer latency      p50 {report.warm_p50_ms} ms, p95 {report.warm_p95_ms} ms over {report.questions} questions",
        f"cold `ask` (built index) {report.cold_ask_s} s from process start",
        f"batch `ask` peak RSS     {report.batch_ask_peak_rss_mb} MB",
        f"seed ingest (warm)       {report.seed_ingest_s} s",
        f"large ingest             {report.large_ingest_chars} chars in {report.large_ingest_s} s ({report.large_ingest_chars_per_s} chars/s)",
    ]
    return "\n".join(lines)


def dumps(report: BenchReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False)

