"""`cadre-bot`: a thin command line over the answer engine and the ingest service."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError
from tqdm import tqdm

from bot.settings import Settings
from ingest.errors import IngestError

log = logging.getLogger("bot.cli")

EXIT_USAGE = 2
EXIT_BAD_INPUT = 1
MODES = ("extractive", "llm")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cadre-bot", description="学习助手：依据学习资料回答问题并注明出处。")
    parser.add_argument("--data-dir", type=Path, help="knowledge base folder (env CADRE_BOT_DATA_DIR, default ./data)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="add or update documents (files or folders; default: seeds/)")
    p.add_argument("paths", nargs="*", type=Path)
    p.add_argument("--json", action="store_true", help="one JSON line per document")

    p = sub.add_parser("docs", help="list the documents in the knowledge base")
    p.add_argument("--json", action="store_true")
    p.add_argument("--history", nargs="?", const="", metavar="DOC_ID", help="show the audit log (of one document)")

    sub.add_parser("reindex", help="re-embed every document with the current embedding model")

    p = sub.add_parser("remove", help="remove a document by id")
    p.add_argument("doc_id")

    p = sub.add_parser("ask", help="answer a question; without one, answer each stdin line as JSON")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true")

    sub.add_parser("chat", help="interactive console")

    p = sub.add_parser("eval", help="measure answers on a JSONL question set")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument("--calibrate", action="store_true", help="also report the refusal threshold that fits this set best")
    p.add_argument("--mode", choices=MODES, help="answer mode (default: llm when LLM_BASE_URL and LLM_MODEL are set)")

    sub.add_parser("serve", help="run the Telegram bot (long polling, or a webhook with WEBHOOK_URL)")

    p = sub.add_parser("quiz", help="print quiz questions generated from the documents")
    p.add_argument("--count", type=int, default=10, help="number of questions (default 10)")
    p.add_argument("--seed", type=int, help="same seed, same questions")
    p.add_argument("--json", action="store_true", help="one JSON line per question")

    p = sub.add_parser("bench", help="measure latency, cold start, ingest throughput and memory")
    p.add_argument("--questions", type=int, default=200)
    p.add_argument("--ingest-mb", type=float, default=1.0)
    p.add_argument("--json", action="store_true")
    p.add_argument("--mode", choices=MODES, help="answer mode (default: llm when LLM_BASE_URL and LLM_MODEL are set)")
    p.add_argument("files", nargs="*", type=Path, help="question sets (default: tests/data/calibration.jsonl)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        settings = Settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    except ValidationError as exc:
        print(f"错误：配置无效 (invalid settings: {exc.errors()[0]['loc']} {exc.errors()[0]['msg']})", file=sys.stderr)
        return EXIT_USAGE
    handler: Callable[[argparse.Namespace, Settings], int] = COMMANDS[args.command]
    try:
        return handler(args, settings)
    except IngestError as exc:
        print(f"错误：{exc.user_message} ({exc})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


def _engine(settings: Settings, seed: bool = True):
    from bot.engine import AnswerEngine

    engine = AnswerEngine(settings)
    if seed:
        results = engine.ensure_seeded(_progress_bar())
        if results:
            print(f"知识库为空，已自动导入 {len(results)} 篇种子文档。", file=sys.stderr)
    return engine


def _with_mode(settings: Settings, mode: str | None) -> Settings:
    """`--mode extractive` ignores a configured LLM; `--mode llm` insists on one."""
    if mode == "extractive":
        return settings.model_copy(update={"llm_base_url": None, "llm_model": None})
    if mode == "llm" and not settings.llm_enabled:
        raise IngestError("--mode llm needs LLM_BASE_URL and LLM_MODEL", "LLM 模式需要先设置 LLM_BASE_URL 和 LLM_MODEL。")
    return settings


def _progress_bar() -> Callable[[str, int, int], None]:
    """A tqdm bar per document on stderr, fed by the ingest service's (label, done, total) callbacks."""
    bars: dict[str, tqdm] = {}

    def update(label: str, done: int, total: int) -> None:
        bar = bars.get(label)
        if bar is None:
            bar = bars[label] = tqdm(total=total, desc=label[:20], unit="句", file=sys.stderr, leave=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _documents(settings: Settings):
    """The document service, refusing when a running bot owns the embedded store."""
    from bot.documents import DocumentService, claim_data_dir

    lock = claim_data_dir(settings)
    return DocumentService(_engine(settings, seed=False), lock=lock)


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """The good files go in; each bad one gets a line with its reason, and the exit status says so."""
    from ingest.pipeline import BatchIngestError, IngestFailure

    documents = _documents(settings)
    paths = args.paths or [settings.resolved_seeds_dir()]
    failures: list[IngestFailure] = []
    try:
        results = documents.ingest(paths, _actor(), _progress_bar())
    except BatchIngestError as exc:
        log.info("%s", exc)
        results, failures = exc.results, exc.failures
    labels = {"new": "新增", "replaced": "已更新", "unchanged": "未变化", "reindexed": "已重建"}
    for r in results:
        if args.json:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        else:
            print(f"{labels[r.status]}  {r.doc_id}  《{r.title}》  {r.paragraphs}段 {r.chunks}句  {r.seconds:.2f}s")
    for f in failures:
        if args.json:
            print(json.dumps({"source": f.name, "status": "failed", "error": f.reason}, ensure_ascii=False))
        else:
            print(f"未导入  {f.name}：{f.reason}", file=sys.stderr)
    if not args.json:
        counts = {k: sum(r.status == k for r in results) for k in labels}
        failed = f"，未导入 {len(failures)} 个文件" if failures else ""
        print(f"共 {len(results)} 篇：新增 {counts['new']}，更新 {counts['replaced']}，未变化 {counts['unchanged']}{failed}。")
    return EXIT_BAD_INPUT if failures else 0


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    if args.history is not None:
        return _history(settings, args.history or None, args.json)
    records = _engine(settings, seed=False).documents()
    if args.json:
        for r in records:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        return 0
    if not records:
        print("知识库中还没有文档。用 `cadre-bot ingest 路径` 导入。")
    for r in records:
        print(f"{r.doc_id}  《{r.title}》  来源 {r.source}  {r.paragraphs}段 {r.chunks}句  导入于 {r.ingested_at}")
    return 0


def _history(settings: Settings, doc_id: str | None, as_json: bool) -> int:
    from bot.documents import DocumentService

    entries = DocumentService(_engine(settings, seed=False)).history(doc_id)
    labels = {"new": "新增", "replaced": "更新", "unchanged": "未变化", "removed": "删除", "reindexed": "重建索引"}
    for e in entries:
        if as_json:
            print(json.dumps(e.__dict__, ensure_ascii=False))
        else:
            change = f"{e.previous_hash[:8] or '—'} → {e.content_hash[:8] or '—'}"
            print(f"{e.at}  {labels.get(e.action, e.action)}  {e.doc_id}  《{e.title}》  {e.source}  {change}  by {e.actor}")
    if not entries and not as_json:
        print("还没有变更记录。")
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    record = _documents(settings).remove(args.doc_id, _actor())
    print(f"已删除 {record.doc_id} 《{record.title}》")
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    results = _documents(settings).reindex(_actor(), _progress_bar())
    print(f"已用当前模型重建 {len(results)} 篇文档的索引。")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    if args.question is not None:
        if not args.question.strip():
            raise IngestError("empty question", "问题不能为空，请输入要查询的内容。")
        answer = _engine(settings).ask(args.question)
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else answer.answer)
        return 0
    engine = _engine(settings)
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        try:
            payload = engine.ask(question).to_json()
        except IngestError as exc:
            payload = {"question": question, "error": exc.user_message}
        print(json.dumps(payload, ensure_ascii=False), flush=True)
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import run_console

    run_console(_engine(settings), settings.data_dir / "chat_history")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import evaluate, load_cases

    settings = _with_mode(settings, args.mode)
    if args.calibrate and settings.llm_enabled:
        raise IngestError("--calibrate tunes the extractive threshold", "--calibrate 只用于抽取式答案，请加 --mode extractive。")
    cases = load_cases(args.file)
    report = evaluate(_engine(settings), cases, calibrate=args.calibrate)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
        return 0
    print(f"questions            {report.cases}")
    print("answer modes         " + ", ".join(f"{mode} {count}" for mode, count in report.modes.items()))
    print(f"gold in answer       {report.answered_with_gold}/{report.in_scope}")
    print(f"gold in cited source {report.answered_with_gold_source}/{report.in_scope}")
    print(f"wrongly refused      {report.wrongly_refused}/{report.in_scope}")
    print(f"correctly refused    {report.correctly_refused}/{report.out_of_scope}")
    print("retrieval            " + ", ".join(f"{k} {v}/{report.in_scope}" for k, v in report.retrieval_hits.items()))
    print(f"latency ms           p50 {report.latency_ms['p50']}, p95 {report.latency_ms['p95']}, max {report.latency_ms['max']}")
    print(f"refusal threshold    {report.threshold}")
    if report.calibration:
        c = report.calibration
        print(f"calibrated threshold {c['best_threshold']} ({c['correct']}/{c['of']} right; same score from {c['range'][0]} to {c['range'][1]})")
    for failure in report.failures:
        print(f"MISS [{failure['kind']}] {failure['question']} -> {failure['answer'][:60]!r} (confidence {failure['confidence']})")
    return 0


def cmd_quiz(args: argparse.Namespace, settings: Settings) -> int:
    from bot.quiz import build_bank, select_items

    if args.count < 1:
        raise IngestError(f"--count must be positive, got {args.count}", "题数必须是正整数。")
    items = select_items(build_bank(_engine(settings).kb.passages()), args.count, seed=args.seed)
    if not items:
        raise IngestError("no quiz questions", "知识库中的资料还出不了题，请先导入文档。")
    for number, item in enumerate(items, start=1):
        if args.json:
            print(json.dumps(item.to_json(), ensure_ascii=False))
            continue
        kind = "填空题" if item.kind == "cloze" else "单选题"
        print(f"{number}. [{kind}] {item.question}")
        for letter, option in zip("ABCDEFGHIJKL", item.options):
            print(f"   {letter}. {option}")
        print(f"   答案：{'ABCDEFGHIJKL'[item.answer_index]}. {item.answer}")
        print(f"   {item.explanation}\n")
    return 0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.benchmark import dumps, format_report, run_benchmark
    from bot.settings import PROJECT_ROOT

    files = args.files or [PROJECT_ROOT / "tests" / "data" / "calibration.jsonl"]
    report = run_benchmark(_with_mode(settings, args.mode), files, questions=args.questions, ingest_mb=args.ingest_mb)
    print(dumps(report) if args.json else format_report(report))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.tgbot.app import serve

    logging.getLogger().setLevel(logging.DEBUG if args.verbose else settings.log_level.upper())
    serve(settings)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "ingest": cmd_ingest,
    "docs": cmd_docs,
    "remove": cmd_remove,
    "reindex": cmd_reindex,
    "ask": cmd_ask,
    "chat": cmd_chat,
    "eval": cmd_eval,
    "quiz": cmd_quiz,
    "bench": cmd_bench,
    "serve": cmd_serve,
}
