"""`cadre-bot`: a thin command line over the answer and document services."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError
from tqdm import tqdm

from bot.cmrc import PARTS as CMRC_PARTS
from bot.settings import Settings
from ingest.errors import ConfigError, IngestError, QuestionError, UserError
from ingest.instructions import flagged_warning

log = logging.getLogger("bot.cli")

EXIT_USAGE = 2
EXIT_BAD_INPUT = 1
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # as if killed by SIGPIPE, like other command-line tools
MODES = ("extractive", "llm")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cadre-bot",
        formatter_class=_ChineseHelp,
        description="学习助手：依据学习资料回答问题并注明出处，出题自测，管理资料。",
        epilog="例：cadre-bot ask \"质量强国归根到底是什么？\"    每个命令的说明：cadre-bot 命令 --help",
    )
    _add_common(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("ingest", help="导入或更新文档（文件或文件夹；默认：种子文档）", description="导入或更新文档。同名文件替换旧版本，内容未变的跳过。")
    p.add_argument("paths", nargs="*", type=Path, metavar="路径", help=".txt/.md/.docx/.pdf 文件或文件夹")
    p.add_argument("--json", action="store_true", help="每篇文档输出一行 JSON")

    p = sub.add_parser("docs", help="列出知识库中的文档", description="列出知识库中的文档，或查看变更记录。")
    p.add_argument("--json", action="store_true", help="每篇文档输出一行 JSON")
    p.add_argument("--history", nargs="?", const="", metavar="DOC_ID", help="查看变更记录（可指定文档编号）")
    p.add_argument("--outline", metavar="DOC_ID", help="查看一篇文档的提纲：标题、中心论点、各部分和各段的标题与要点")

    sub.add_parser("reindex", help="用当前的向量模型重建所有文档的索引", description="用当前的向量模型重建所有文档的索引。")

    sub.add_parser("gc", help="清理中断或替换留下的旧索引，并为当前模型补建缺失的向量", description="清理中断的写入或替换留下的旧向量，并用当前模型为尚无向量的文档建立索引（机器人启动时也会自动执行）。")

    sub.add_parser("rebuild", help="从存档恢复损坏的知识库", description="知识库索引损坏时，从文档存档重建（损坏的 chroma 文件夹会被移到一旁，不会删除）。")

    p = sub.add_parser("remove", help="按编号删除文档", description="按编号删除文档（编号见 cadre-bot docs）。")
    p.add_argument("doc_id", metavar="DOC_ID", help="文档编号")

    p = sub.add_parser("ask", help="回答一个问题；不给问题时逐行读取标准输入，每行输出一条 JSON", description="依据学习资料回答问题。")
    p.add_argument("question", nargs="?", metavar="问题")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    sub.add_parser("chat", help="交互式问答", description="交互式问答，可用方向键翻看历史问题。")

    p = sub.add_parser("eval", help="在 JSONL 问题集上评测答案质量（格式见 README）", description="在 JSONL 问题集上评测答案质量。")
    p.add_argument("file", type=Path, metavar="FILE.jsonl", help='每行一个 {"q": 问题, "gold": 答案原文，空串或 null 表示应拒答；没有 gold 表示尚待填写，不计分}，或学习题 {"q": 问题, "all": [[要点的几种说法], ...]}，或 CMRC 2018 格式（每行一篇文章及其问题）')
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--calibrate", action="store_true", help="同时给出最适合这个问题集的拒答阈值（CMRC 格式：误拒不超过 3%% 的最高阈值）")
    p.add_argument("--mode", choices=MODES, help="回答方式（默认：设置了 LLM_BASE_URL 和 LLM_MODEL 时用 llm）")
    p.add_argument("--part", choices=(*CMRC_PARTS, "all"), help="CMRC 格式：评测哪一部分的文章（默认 test）")
    p.add_argument("--limit", type=int, metavar="N", help="CMRC 格式：最多取 N 篇文章")

    p = sub.add_parser("gaps", help="资料没能很好回答的问题：先列用户点 👎 的回答，再列拒答和把握度低的问题", description="列出用户点 👎 的回答（问题、回答首行、原因、人数），再列拒答和把握度低的问题；可把 👎 的回答导出为评测格式，补上答案原文后即可用 eval 评测。")
    p.add_argument("--days", type=int, default=30, metavar="N", help="看最近 N 天（默认 30）")
    p.add_argument("--export", type=Path, metavar="FILE.jsonl", help='把 👎 的回答写成评测文件（文件已存在时只追加新问题，已填的行不变）：每行尚无 "gold"，加上 "gold": 答案原文（应拒答则 "gold": ""）后可用 cadre-bot eval 评测')
    p.add_argument("--limit", type=int, default=50, metavar="N", help="每类最多列出 N 条（默认 50）")

    sub.add_parser("serve", help="运行 Telegram 机器人（长轮询；设置 WEBHOOK_URL 时用 webhook）", description="运行 Telegram 机器人。")

    p = sub.add_parser("quiz", help="从资料生成测验题并打印", description="从资料生成测验题并打印。")
    p.add_argument("--count", type=int, default=10, help="题数（默认 10）")
    p.add_argument("--seed", type=int, help="随机种子：同一种子出同样的题")
    p.add_argument("--json", action="store_true", help="每题输出一行 JSON")
    p.add_argument("--doc", metavar="DOC_ID", help="专项：只从这篇文档出题（编号见 cadre-bot docs）")

    p = sub.add_parser("bench", help="测量延迟、冷启动、导入速度和内存（约需几分钟）", description="在临时目录中测量延迟、冷启动、导入速度和内存，不动您的知识库。")
    p.add_argument("--questions", type=int, default=200, help="计时的问题数（默认 200）")
    p.add_argument("--ingest-mb", type=float, default=1.0, help="导入测试的文档大小，MB（默认 1）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--mode", choices=MODES, help="回答方式（默认：设置了 LLM_BASE_URL 和 LLM_MODEL 时用 llm）")
    p.add_argument("--docs", type=int, default=0, metavar="N", help="改为测量由 N 篇 CMRC 文章组成的知识库（导入、磁盘、冷启动、内存、延迟）")
    p.add_argument("--docs-file", type=Path, metavar="PATH", help="CMRC 数据文件（默认：../shared/eval/cmrc/cmrc2018.jsonl）")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE.jsonl", help="问题集（默认：内置的校准问题集）")
    for command in sub.choices.values():
        command.formatter_class = _ChineseHelp
        _add_common(command, argparse.SUPPRESS)  # accepted after the command name too
    for command in (parser, *sub.choices.values()):
        _translate_help(command)
    return parser


def _translate_help(parser: argparse.ArgumentParser) -> None:
    """argparse's own words in Chinese: section titles and the -h line."""
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "显示帮助并退出"


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


def _add_common(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--data-dir", type=Path, default=default, help="知识库文件夹（环境变量 CADRE_BOT_DATA_DIR，默认 ./data）")
    parser.add_argument("-v", "--verbose", action="store_true", default=default if default is not None else False, help="在标准错误输出中显示日志")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        settings = Settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    except ValidationError as exc:
        print(_invalid_setting(exc), file=sys.stderr)
        return EXIT_USAGE
    handler: Callable[[argparse.Namespace, Settings], int] = COMMANDS[args.command]
    try:
        if args.command not in _NO_DATA_DIR and not _is_cmrc_eval(args):
            _announce_data_dir(settings)
        return handler(args, settings)
    except UserError as exc:
        print(f"错误：{exc.user_message} ({exc.log_message})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("\n已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, and keep Python from failing to flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


_NO_DATA_DIR = {"bench"}  # works on throwaway folders of its own


def _is_cmrc_eval(args: argparse.Namespace) -> bool:
    """`eval` on a CMRC file builds throwaway knowledge bases and leaves the data dir alone."""
    if args.command != "eval":
        return False
    from bot.cmrc import is_cmrc_file

    return is_cmrc_file(args.file)


def _announce_data_dir(settings: Settings) -> None:
    """Refuse a data dir that is a file; say where a new knowledge base goes, since running from
    another folder silently starts an empty one otherwise. The folder is made then, so this is said
    once, even by a command that writes nothing (`docs`)."""
    data_dir = settings.data_dir
    if data_dir.exists() and not data_dir.is_dir():
        raise ConfigError(
            f"data dir {data_dir} is not a directory",
            f"数据目录 {data_dir} 是一个文件而不是文件夹，请用 --data-dir 或 CADRE_BOT_DATA_DIR 指定一个文件夹。",
        )
    if not data_dir.exists() and not settings.chroma_host:
        print(f"新建知识库：{data_dir.resolve()}（用 --data-dir 或 CADRE_BOT_DATA_DIR 可指定其他位置）", file=sys.stderr)
        with suppress(OSError):  # a folder that cannot be made is reported by the first write to it
            data_dir.mkdir(parents=True)


def _invalid_setting(exc: ValidationError) -> str:
    """One line naming the setting as it is spelt in `.env`, and what it accepts."""
    error = exc.errors()[0]
    name = "_".join(str(part) for part in error["loc"]).upper() or "?"
    return f"错误：配置项 {name} 的值无效，请检查 .env 或环境变量。({error['msg']})"


def _services(settings: Settings, seed: bool = True, model: bool = True):
    """`model=False` for commands that only list or remove documents: they never load the embedding model."""
    from bot.services import WITHOUT_MODEL, build_services

    services = build_services(settings, None if model else WITHOUT_MODEL)
    if seed:
        results = services.documents.ensure_seeded(_progress_bar())
        if results:
            print(f"知识库为空，已自动导入 {len(results)} 篇种子文档。", file=sys.stderr)
    return services


def _with_mode(settings: Settings, mode: str | None) -> Settings:
    """`--mode extractive` ignores a configured LLM; `--mode llm` insists on one."""
    if mode == "extractive":
        return settings.model_copy(update={"llm_base_url": None, "llm_model": None})
    if mode == "llm" and not settings.llm_enabled:
        raise ConfigError("--mode llm needs LLM_BASE_URL and LLM_MODEL", "LLM 模式需要先设置 LLM_BASE_URL 和 LLM_MODEL。")
    return settings


def _progress_bar() -> Callable[[str, int, int], None]:
    """A tqdm bar per document on stderr, fed by the ingest service's (label, done, total) callbacks."""
    bars: dict[str, tqdm] = {}

    def update(label: str, done: int, total: int) -> None:
        bar = bars.get(label)
        if bar is None:
            # disable=None: no bar when stderr is a file or pipe, where its redraws are only noise
            bar = bars[label] = tqdm(total=total, desc=label[:20], unit="句", file=sys.stderr, leave=False, disable=None)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


@contextmanager
def _owned_services(settings: Settings, model: bool = True) -> Iterator:
    """The services of a command that changes documents, holding the data-dir lock while it runs:
    refused when a running bot (or another command) owns the embedded store."""
    from bot.documents import claim_data_dir

    lock = claim_data_dir(settings)
    try:
        yield _services(settings, seed=False, model=model)
    finally:
        if lock is not None:
            lock.release()


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """The good files go in; each bad one gets a line with its reason, and the exit status says so."""
    with _owned_services(settings) as services:
        code = _ingest(args, settings, services.documents)
        if code != EXIT_INTERRUPTED:
            services.index.prepare_next_process()
        return code


def _ingest(args: argparse.Namespace, settings: Settings, documents) -> int:
    from ingest.pipeline import BatchIngestError, IngestFailure

    paths = args.paths or [settings.resolved_seeds_dir()]
    before = {r.doc_id: r.content for r in documents.records()}
    failures: list[IngestFailure] = []
    try:
        results = documents.ingest(paths, _actor(), _progress_bar())
    except BatchIngestError as exc:
        log.info("%s", exc)
        results, failures = exc.results, exc.failures
    except KeyboardInterrupt:
        _report_interrupted_ingest(before, documents.records())
        return EXIT_INTERRUPTED
    labels = {"new": "新增", "replaced": "已更新", "unchanged": "未变化", "reindexed": "已重建"}
    for r in results:
        if args.json:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        else:
            print(f"{labels[r.status]}  {r.doc_id}  《{r.title}》  {r.paragraphs}段 {r.chunks}句  {r.seconds:.2f}s")
            if r.flagged:
                print(flagged_warning(r.title, r.flagged))
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


def _report_interrupted_ingest(before: dict[str, str], after: list) -> None:
    """Ctrl-C mid-ingest: say what was kept, since a half-written document is never visible."""
    done = [r for r in after if before.get(r.doc_id) != r.content]
    print("\n已中断。", file=sys.stderr)
    for r in done:
        print(f"已保存：{r.doc_id}  《{r.title}》", file=sys.stderr)
    print(
        f"完成导入的 {len(done)} 篇已保存；正在导入的文档未做任何改动（旧版本仍可用），其余文件未导入。再次运行同一命令即可继续。",
        file=sys.stderr,
    )


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    if args.history is not None:
        return _history(settings, args.history or None, args.json)
    if args.outline is not None:
        return _outline(settings, args.outline)
    records = _services(settings, seed=False, model=False).documents.records()
    if args.json:
        for r in records:
            print(json.dumps(r.__dict__, ensure_ascii=False))
        return 0
    if not records:
        print("知识库中还没有文档。用 `cadre-bot ingest 路径` 导入。")
    for r in records:
        print(f"{r.doc_id}  《{r.title}》  来源 {r.source}  {r.paragraphs}段 {r.chunks}句  导入于 {_when(r.ingested_at)}")
    return 0


def _when(iso: str) -> str:
    """The archive keeps microseconds so that one ingest's files keep their order; people read seconds."""
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _outline(settings: Settings, doc_id: str) -> int:
    from bot.outline import format_outline

    structure = _services(settings, seed=False, model=False).documents.structure(doc_id)
    if structure is None:
        raise IngestError(f"no document with id {doc_id}", f"没有编号为 {doc_id} 的文档，请用 cadre-bot docs 查看编号。")
    print(format_outline(structure))
    return 0


def _history(settings: Settings, doc_id: str | None, as_json: bool) -> int:
    entries = _services(settings, seed=False, model=False).documents.history(doc_id)
    labels = {"new": "新增", "replaced": "更新", "unchanged": "未变化", "removed": "删除", "reindexed": "重建索引", "rebuilt": "从存档恢复"}
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
    with _owned_services(settings, model=False) as services:
        record = services.documents.remove(args.doc_id, _actor())
    print(f"已删除 {record.doc_id} 《{record.title}》")
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    with _owned_services(settings) as services:
        results = services.documents.reindex(_actor(), _progress_bar())
    print(f"已用当前模型重建 {len(results)} 篇文档的索引。")
    return 0


def cmd_gc(args: argparse.Namespace, settings: Settings) -> int:
    with _owned_services(settings) as services:
        done = services.documents.housekeeping(_progress_bar())
    print(
        f"已清理 {done.stale_vectors} 条过期向量、{done.temporary_files} 个未写完的存档文件、{done.legacy_collections} 个旧版集合；"
        f"为 {done.embedded} 篇文档补建了向量。"
    )
    return 0


def cmd_rebuild(args: argparse.Namespace, settings: Settings) -> int:
    from bot.documents import claim_data_dir
    from ingest.recovery import move_store_aside

    lock = claim_data_dir(settings)
    try:
        aside = None if settings.chroma_host else move_store_aside(settings.data_dir)
        services = _services(settings, seed=False)
        if settings.chroma_host and services.kb.vectors is not None:
            services.kb.vectors.drop()  # a server's store cannot be set aside: this model's vectors are made anew
        results = services.documents.rebuild(_actor(), _progress_bar())
    finally:
        if lock is not None:
            lock.release()
    print(f"已从存档恢复 {len(results)} 篇文档。")
    if aside is not None:
        print(f"原索引已移到 {aside}，确认无误后可删除。")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    if args.question is not None:
        if not args.question.strip():
            raise QuestionError("empty question", "问题不能为空，请输入要查询的内容。")
        from bot.hints import plain_text

        services = _services(settings)
        answer = services.answers.ask(args.question)
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else plain_text(answer))
        _warn_if_degraded(services)
        return 0
    services = _services(settings)
    if sys.stdin.isatty():
        print("请输入问题，每行一个，按 Ctrl-D 结束（每个回答输出一行 JSON）：", file=sys.stderr)
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        try:
            payload = services.answers.ask(question).to_json()
        except UserError as exc:
            payload = {"question": question, "error": exc.user_message}
        print(json.dumps(payload, ensure_ascii=False), flush=True)
    _warn_if_degraded(services)
    return 0


def _warn_if_degraded(services) -> None:
    """Answers came by keywords alone because the vector store is damaged: say so, and what fixes it."""
    if services.kb.unavailable is not None:
        print(services.kb.unavailable.user_message, file=sys.stderr)


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import run_console

    run_console(_services(settings).answers, settings.data_dir / "chat_history")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import evaluate, load_cases

    settings = _with_mode(settings, args.mode)
    if args.calibrate and settings.llm_enabled:
        raise ConfigError("--calibrate tunes the extractive threshold", "--calibrate 只用于抽取式答案，请加 --mode extractive。")
    if _is_cmrc_eval(args):
        return _eval_cmrc(args, settings)
    if args.part or args.limit is not None:
        raise ConfigError("--part and --limit apply to CMRC files", "--part 和 --limit 只用于 CMRC 格式的评测文件。")
    cases = load_cases(args.file)
    report = evaluate(_services(settings), cases, calibrate=args.calibrate)
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
    if report.needs_span:
        print(f"needs a span         {len(report.needs_span)} (not scored until it has a \"gold\": the span that answers, or \"\" if it must be refused)")
    for question in report.needs_span:
        print(f"TODO {question}")
    return 0


def _eval_cmrc(args: argparse.Namespace, settings: Settings) -> int:
    """`eval` on a CMRC file: answerable, near-miss and off-topic cases, each in a throwaway knowledge base."""
    from bot.cmrc_eval import evaluate_cmrc, format_report

    if args.limit is not None and args.limit < 1:
        raise ConfigError(f"--limit {args.limit} is not positive", "--limit 须为正整数。")

    def phase(name: str) -> None:
        print(f"… {name}", file=sys.stderr, flush=True)

    report = evaluate_cmrc(settings, args.file, args.part or "test", args.limit, phase=phase, calibrate=args.calibrate)
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else format_report(report))
    return 0


def cmd_quiz(args: argparse.Namespace, settings: Settings) -> int:
    from bot.quiz import build_bank, select_items
    from bot.quiz.model import KIND_LABELS

    if args.count < 1:
        raise ConfigError(f"--count must be positive, got {args.count}", "题数必须是正整数。")
    services = _services(settings)
    if args.doc and services.documents.record(args.doc) is None:
        raise UserError(f"no document {args.doc}", f"没有编号为 {args.doc} 的文档，请用 cadre-bot docs 查看编号。")
    bank = [item for item in build_bank(services.index.corpus().passages) if not args.doc or item.source.doc_id == args.doc]
    items = select_items(bank, args.count, seed=args.seed)
    if not items:
        raise UserError("no quiz questions", "知识库中的资料还出不了题，请先导入文档。")
    for number, item in enumerate(items, start=1):
        if args.json:
            print(json.dumps(item.to_json(), ensure_ascii=False))
            continue
        kind = KIND_LABELS.get(item.kind, item.kind)
        print(f"{number}. [{kind}] {item.question}")
        for letter, option in zip("ABCDEFGHIJKL", item.options):
            print(f"   {letter}. {option}")
        print(f"   答案：{''.join('ABCDEFGHIJKL'[i] for i in item.correct_options)}. {item.answer}")
        print(f"   {item.explanation}\n")
    return 0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.benchmark import dumps, format_report, run_benchmark
    from bot.settings import CALIBRATION_SET

    files = args.files or [CALIBRATION_SET]
    def phase(name: str) -> None:
        print(f"… {name}", file=sys.stderr, flush=True)

    if args.docs:
        return _bench_docs(args, settings, phase)
    report = run_benchmark(_with_mode(settings, args.mode), files, questions=args.questions, ingest_mb=args.ingest_mb, phase=phase)
    print(dumps(report) if args.json else format_report(report))
    return 0


def _bench_docs(args: argparse.Namespace, settings: Settings, phase: Callable[[str], None]) -> int:
    """`bench --docs N`: a knowledge base of N CMRC documents instead of the seed documents."""
    from bot.benchmark import CMRC_FILE, dumps, format_docs_report, run_docs_benchmark

    if args.docs < 0:
        raise IngestError(f"--docs {args.docs} is negative", "--docs 须为正整数。")
    report = run_docs_benchmark(_with_mode(settings, args.mode), args.docs, args.docs_file or CMRC_FILE, questions=args.questions, phase=phase)
    print(dumps(report) if args.json else format_docs_report(report))
    return 0


def cmd_gaps(args: argparse.Namespace, settings: Settings) -> int:
    """What /gaps shows, from the bot's progress database; `--export` writes the 👎 answers as eval lines."""
    from bot.gaps import GapTracker, export_feedback, first_line
    from bot.progress.store import ProgressStore
    from bot.tgbot.app import PROGRESS_DB

    if args.days < 1 or args.limit < 1:
        raise ConfigError(f"--days {args.days} / --limit {args.limit} must be positive", "--days 和 --limit 须为正整数。")
    path = settings.data_dir / PROGRESS_DB
    if not path.is_file():
        print(f"还没有提问记录（{path} 不存在）：机器人运行后才会记录。")
        return 0
    tracker = GapTracker(ProgressStore(path), min_confidence=0.0)  # reads only: the threshold matters when the bot records
    voted = tracker.down_voted(args.days, args.limit)
    gaps = tracker.recent(args.days, args.limit)
    if args.export:
        written = export_feedback(tracker.down_voted(args.days, limit=1_000_000), args.export)
        print(f"已把 {written} 条新的 👎 回答加入 {args.export}（已有的行保持不变）：填入 \"gold\"（答案原文）后可用 cadre-bot eval 评测。", file=sys.stderr)
    print(f"近 {args.days} 天用户点 👎 的回答：{len(voted) or '无'}")
    for number, item in enumerate(voted, start=1):
        print(f"{number}. {item.question} — 👎 {item.votes} 人")
        print(f"   回答：{first_line(item.answer)}")
        for reason in item.reasons:
            print(f"   原因：{reason}")
    print(f"近 {args.days} 天拒答或把握度低的问题：{len(gaps) or '无'}")
    for number, gap in enumerate(gaps, start=1):
        print(f"{number}. {gap.question} — {gap.times} 次，{gap.users} 人，{'拒答' if gap.refused else '把握度低'}")
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
    "gc": cmd_gc,
    "rebuild": cmd_rebuild,
    "ask": cmd_ask,
    "chat": cmd_chat,
    "eval": cmd_eval,
    "quiz": cmd_quiz,
    "gaps": cmd_gaps,
    "bench": cmd_bench,
    "serve": cmd_serve,
}
