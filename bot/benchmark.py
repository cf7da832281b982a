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

from bot.answer_service import AnswerService
from bot.services import Services, build_services
from bot.evaluation import load_cases
from bot.settings import PROJECT_ROOT, Settings
from ingest.errors import IngestError
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
        services = build_services(bench_settings)
        started = time.perf_counter()
        services.documents.ensure_seeded()
        seed_ingest_s = time.perf_counter() - started
        phase(f"回答 {len(asked)} 个问题 (warm latency)")
        latencies = _warm_latencies(services.answers, asked)
        phase("冷启动 (cold ask)")
        cold_s = _cold_ask(bench_settings, pool[0])
        phase("批量提问内存 (batch ask peak RSS)")
        peak_mb = _batch_peak_rss(bench_settings, asked)
        phase(f"导入 {ingest_mb:g} MB 文档 (large ingest)")
        chars, large_s = _large_ingest(settings.model_copy(update={"data_dir": tmp_path / "large", "chroma_host": None}), services, tmp_path, ingest_mb)
    return BenchReport(
        backend=services.embedding.space,
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
    _, peak_mb = _measured_child([*_cli(settings), "ask"], settings, "\n".join(questions) + "\n")
    return peak_mb


# Runs the command given in argv, passes its stdout through, and ends with the child's peak RSS (KiB)
# on a line of its own, or -1 when the child failed (its stderr then follows on stderr).
_PEAK_RSS_WRAPPER = (
    "import resource, subprocess, sys; "
    "p = subprocess.run(sys.argv[1:], input=sys.stdin.read(), text=True, capture_output=True); "
    "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr if p.returncode else ''); "
    "print('\\n' + str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if p.returncode == 0 else -1))"
)


def _measured_child(command: list[str], settings: Settings, stdin: str = "") -> tuple[str, float]:
    """The stdout and the peak resident memory (MB) of a child process, read from the kernel's
    accounting of a wrapper's children, so the measuring process's own memory never counts."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS_WRAPPER, *command],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        env=_env(settings),
    )
    output, _, last = done.stdout.rstrip("\n").rpartition("\n")
    kib = int(last.strip())
    if kib < 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no error output"]
        raise RuntimeError(f"{command[-2:]} failed during the benchmark: {tail[0]}")
    return output, kib / 1024


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


def _large_ingest(settings: Settings, warm: Services, tmp: Path, megabytes: float) -> tuple[int, float]:
    """Ingest a generated document of about `megabytes` of Chinese text."""
    seed_files = sorted(settings.resolved_seeds_dir().glob("*.txt"))
    paragraphs = [p for f in seed_files for p in load_document(f).paragraphs]
    path = tmp / "large-document.txt"
    path.write_text(synthetic_document(paragraphs, megabytes), encoding="utf-8")
    services = build_services(settings, embedding=warm.embedding)
    started = time.perf_counter()
    services.documents.ingest([path])
    return len(path.read_text(encoding="utf-8")), time.perf_counter() - started


# CMRC 2018 contexts (CC BY-SA 4.0): development data, read from beside the project, never shipped in it.
CMRC_FILE = PROJECT_ROOT.parent / "shared" / "eval" / "cmrc" / "cmrc2018.jsonl"


@dataclass
class DocsBenchReport:
    """A knowledge base of many documents: what storage costs as the document count grows."""

    backend: str
    mode: str
    docs: int
    sentences: int
    chars: int
    ingest_s: float
    ingest_peak_rss_mb: float
    data_dir_mb: float
    data_dir_files: int
    data_dir_folders: int
    cold_ask_s: float
    batch_questions: int
    batch_ask_peak_rss_mb: float
    questions: int
    warm_p50_ms: float
    warm_p95_ms: float

    def to_json(self) -> dict:
        return asdict(self)


def load_contexts(path: Path, count: int) -> list[dict]:
    """The first `count` CMRC contexts ({"title", "context", "qas": [{"q", ...}]}), one a JSONL line."""
    if not path.is_file():
        raise IngestError(f"CMRC file {path} not found", f"找不到 CMRC 数据文件 {path}，请用 --docs-file 指定 cmrc2018.jsonl 的位置。")
    contexts: list[dict] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if len(contexts) >= count:
                break
            if line.strip():
                contexts.append(json.loads(line))
    if len(contexts) < count:
        raise IngestError(f"{path} holds {len(contexts)} contexts, {count} asked for", f"{path} 只有 {len(contexts)} 篇文章，少于 --docs {count}。")
    return contexts


def write_documents(contexts: list[dict], folder: Path) -> int:
    """A .txt file per context (title line, blank line, context), numbered so that titles shared by
    several contexts stay separate documents. Returns the number of characters written."""
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for number, item in enumerate(contexts, start=1):
        text = f"{item['title']}\n\n{item['context']}\n"
        (folder / f"cmrc-{number:04d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def run_docs_benchmark(
    settings: Settings,
    docs: int,
    docs_file: Path = CMRC_FILE,
    questions: int = 200,
    phase: Callable[[str], None] = lambda _: None,
) -> DocsBenchReport:
    """Ingest `docs` CMRC contexts as as many documents in one `ingest` process, then measure that
    knowledge base the way a user meets it: its size on disk, a cold `ask`, a batch and warm answers."""
    contexts = load_contexts(docs_file, docs)
    pool = [qa["q"] for item in contexts for qa in item.get("qas", [])]
    random.Random(7).shuffle(pool)
    asked = distinct_questions(pool, min(questions, len(pool) * len(_PREFIXES)))
    with tempfile.TemporaryDirectory(prefix="cadre-bench-docs-") as tmp:
        tmp_path = Path(tmp)
        bench_settings = settings.model_copy(update={"data_dir": tmp_path / "data", "chroma_host": None})
        chars = write_documents(contexts, tmp_path / "docs")
        phase(f"导入 {docs} 篇文档 (ingest, one process)")
        started = time.perf_counter()
        output, ingest_peak_mb = _measured_child([*_cli(bench_settings), "ingest", str(tmp_path / "docs"), "--json"], bench_settings)
        ingest_s = time.perf_counter() - started
        sentences = sum(json.loads(line).get("chunks", 0) for line in output.splitlines() if line.startswith("{"))
        size_mb, files, folders = _disk_usage(bench_settings.data_dir)
        phase("冷启动 (cold ask)")
        cold_s = _cold_ask(bench_settings, asked[0])
        phase(f"批量提问内存 (batch ask peak RSS, {len(asked)} questions)")
        batch_peak_mb = _batch_peak_rss(bench_settings, asked)
        phase(f"回答 {len(asked)} 个问题 (warm latency)")
        services = build_services(bench_settings)
        latencies = _warm_latencies(services.answers, asked)
    return DocsBenchReport(
        backend=services.embedding.space,
        mode="llm" if settings.llm_enabled else "extractive",
        docs=docs,
        sentences=sentences,
        chars=chars,
        ingest_s=round(ingest_s, 2),
        ingest_peak_rss_mb=round(ingest_peak_mb, 1),
        data_dir_mb=round(size_mb, 3),
        data_dir_files=files,
        data_dir_folders=folders,
        cold_ask_s=round(cold_s, 3),
        batch_questions=len(asked),
        batch_ask_peak_rss_mb=round(batch_peak_mb, 1),
        questions=len(latencies),
        warm_p50_ms=round(float(np.percentile(latencies, 50)), 2),
        warm_p95_ms=round(float(np.percentile(latencies, 95)), 2),
    )


def _warm_latencies(answers: AnswerService, questions: list[str]) -> list[float]:
    """Answer latencies once one question was answered (the index then loaded)."""
    answers.warm_up()
    answers.ask(questions[0])
    return [answers.ask(question).latency_ms for question in questions]


def _disk_usage(folder: Path) -> tuple[float, int, int]:
    """Megabytes, files and folders under `folder` (the folder itself not counted)."""
    size = files = folders = 0
    for path in folder.rglob("*"):
        if path.is_dir():
            folders += 1
        elif path.is_file():
            files += 1
            size += path.stat().st_size
    return size / (1024 * 1024), files, folders


def format_docs_report(report: DocsBenchReport) -> str:
    lines = [
        f"backend                  {report.backend}",
        f"answer mode              {report.mode}",
        f"knowledge base           {report.docs} documents, {report.sentences} sentences, {report.chars} chars",
        f"ingest (one process)     {report.ingest_s} s, peak RSS {report.ingest_peak_rss_mb} MB",
        f"data dir                 {report.data_dir_mb} MB in {report.data_dir_files} files, {report.data_dir_folders} folders",
        f"cold `ask` (built index) {report.cold_ask_s} s from process start",
        f"batch `ask` peak RSS     {report.batch_ask_peak_rss_mb} MB over {report.batch_questions} questions",
        f"warm answer latency      p50 {report.warm_p50_ms} ms, p95 {report.warm_p95_ms} ms over {report.questions} questions",
    ]
    return "\n".join(lines)


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


def dumps(report: BenchReport | DocsBenchReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False)

