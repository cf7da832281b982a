"""Admin-only Telegram commands: upload documents, /remove with confirmation, /reindex, /gaps.

`bot.tgbot.app` registers the commands and uploads behind a `filters.User(ADMIN_IDS)` filter, with `refuse`
as the lower-priority handler everyone else reaches: a polite refusal, nothing downloaded or changed.
Callback queries take no filters, so `remove_button` checks the tapping user itself.
"""

from __future__ import annotations

import asyncio
import html
import logging
import shutil
import time
import uuid
from concurrent.futures import Executor
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import FileSizeLimit
from telegram.error import BadRequest

from bot.examples import answerable_examples
from bot.gaps import first_line
from bot.progress.store import DownVoted
from bot.tgbot.formatting import MAX_MESSAGE, join_lines, shorten, truncate_text
from bot.tgbot.services import BotContext
from bot.tgbot.workers import run
from ingest.documents import source_name
from ingest.errors import UserError
from ingest.instructions import flagged_warning
from ingest.loaders import supported_suffixes
from ingest.pipeline import IngestResult

log = logging.getLogger(__name__)

NOT_ADMIN = "抱歉，只有管理员可以管理学习资料。如需添加资料，请联系管理员。"
REMOVE_CALLBACK = "rm"
PROGRESS_EVERY_S = 2.0
UPLOAD_FAILED = "❌ 导入《{name}》时出错了，请稍后再试；如果一直失败，请查看机器人日志。"
REINDEX_FAILED = "❌ 重建索引时出错了，请稍后再试；如果一直失败，请查看机器人日志。"
STATUS = {"new": "新增", "replaced": "已替换旧版本", "unchanged": "内容未变化，无需更新", "reindexed": "已重建索引"}
UPLOADS_DIR = "uploads"  # under the data dir: one folder per upload being ingested, removed when done


def remove_leftover_uploads(data_dir: Path) -> int:
    """Uploads a killed bot was still ingesting; call at start, while holding the data dir, so no
    upload is in progress. Returns how many were removed."""
    folder = data_dir / UPLOADS_DIR
    leftovers = list(folder.iterdir()) if folder.is_dir() else []
    for path in leftovers:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if leftovers:
        log.info("removed %d upload(s) left by an earlier run in %s", len(leftovers), folder)
    return len(leftovers)


async def refuse(update: Update, context: BotContext) -> None:
    """Admin commands and uploads from anyone not in ADMIN_IDS: a polite no, nothing downloaded."""
    if update.callback_query:
        await update.callback_query.answer(NOT_ADMIN, show_alert=True)
    else:
        await update.effective_message.reply_text(NOT_ADMIN)


async def upload(update: Update, context: BotContext) -> None:
    """An admin sends a file: download it, ingest it with progress, and report what changed."""
    message = update.effective_message
    document = message.document
    name = Path(document.file_name or "未命名文件").name
    shown = shorten(name)
    suffix = Path(name).suffix.lower()
    if suffix not in supported_suffixes():
        await message.reply_text(f"不支持的文件类型《{shown}》。目前支持：{'、'.join(supported_suffixes())}")
        return
    if document.file_size and document.file_size > FileSizeLimit.FILESIZE_DOWNLOAD:
        limit_mb = FileSizeLimit.FILESIZE_DOWNLOAD // 1_000_000
        await message.reply_text(f"文件《{shown}》超过 Telegram 机器人可下载的 {limit_mb} MB 上限，请拆分后再发送，或由管理员用命令行导入。")
        return
    if document.file_size == 0:
        await message.reply_text(f"文件《{shown}》是空的，没有可导入的内容。")
        return
    status = await message.reply_text(f"📥 已收到《{shown}》，正在导入……")
    svc = context.bot_data
    folder = svc.settings.data_dir / UPLOADS_DIR / uuid.uuid4().hex
    started = time.perf_counter()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / source_name(name)  # NUL, control characters or over 255 bytes cannot be a file name
        try:
            telegram_file = await context.bot.get_file(document.file_id)
            await telegram_file.download_to_drive(path)
        except BadRequest as exc:
            await status.edit_text(truncate_text(f"❌ 无法下载《{shown}》：{exc.message}。知识库没有变化。", MAX_MESSAGE))
            return
        results = await _with_progress(status, shown, lambda progress: svc.documents.ingest([path], f"telegram:{update.effective_user.id}", progress), context.bot_data.workers.ingest)
    except UserError as exc:
        await status.edit_text(truncate_text(f"❌ 导入失败：{exc.user_message}\n知识库没有变化。", MAX_MESSAGE))
        return
    except Exception:  # noqa: BLE001 - whatever failed, the status must not stay at "正在导入"
        log.exception("upload of %s failed", name)
        await status.edit_text(UPLOAD_FAILED.format(name=shown))
        return
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    await _documents_changed(context)
    await status.edit_text(_summary(results, time.perf_counter() - started), parse_mode="HTML")


async def remove_command(update: Update, context: BotContext) -> None:
    """/remove <id>: ask for confirmation with a button."""
    if not context.args:
        await update.effective_message.reply_text("用法：/remove 文档编号（编号见 /docs）")
        return
    doc_id = context.args[0].strip()
    record = await run(context.bot_data.workers.small, context.bot_data.documents.record, doc_id)
    if record is None:
        await update.effective_message.reply_text(f"没有编号为 {shorten(doc_id)} 的文档，请用 /docs 查看编号。")
        return
    keyboard = InlineKeyboardMarkup(
        [[
            InlineKeyboardButton("确认删除", callback_data=f"{REMOVE_CALLBACK}:{doc_id}"),
            InlineKeyboardButton("取消", callback_data=f"{REMOVE_CALLBACK}:"),
        ]]
    )
    await update.effective_message.reply_html(
        f"确定要删除《{html.escape(shorten(record.title))}》（{record.paragraphs}段）吗？删除后将不再依据它回答问题。", reply_markup=keyboard
    )


async def remove_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    user = update.effective_user
    if not context.bot_data.is_admin(user.id if user else None):  # no filters for callback queries
        await refuse(update, context)
        return
    await query.answer()
    doc_id = query.data.partition(":")[2]
    if not doc_id:
        await query.edit_message_text("已取消，文档保持不变。")
        return
    try:
        record = await run(context.bot_data.workers.ingest, context.bot_data.documents.remove, doc_id, f"telegram:{update.effective_user.id}")
    except UserError as exc:
        await query.edit_message_text(exc.user_message)
        return
    await _documents_changed(context)
    await query.edit_message_text(f"🗑 已删除《{shorten(record.title)}》，今后不再依据它回答。")


async def reindex_command(update: Update, context: BotContext) -> None:
    """/reindex: re-embed everything, e.g. after the embedding model changed."""
    status = await update.effective_message.reply_text("🔄 正在用当前模型重建索引，期间仍可正常提问……")
    started = time.perf_counter()
    actor = f"telegram:{update.effective_user.id}"
    try:
        results = await _with_progress(status, "重建索引", lambda progress: context.bot_data.documents.reindex(actor, progress), context.bot_data.workers.ingest)
    except UserError as exc:  # a reason the admin can act on (disk full, store damaged)
        log.warning("reindex refused: %s", exc)
        await status.edit_text(truncate_text(f"❌ 重建索引失败：{exc.user_message}", MAX_MESSAGE))
        return
    except Exception:  # noqa: BLE001 - whatever failed, the status must not stay at "正在重建"
        log.exception("reindex failed")
        await status.edit_text(REINDEX_FAILED)
        return
    await _documents_changed(context)
    await status.edit_text(f"✅ 已重建 {len(results)} 篇文档的索引，用时 {time.perf_counter() - started:.1f} 秒。")


async def gaps_command(update: Update, context: BotContext) -> None:
    """/gaps: answers users voted 👎 first (question, the answer's first line, reasons, count), then recent
    questions the materials could not answer well, most frequent first."""
    pool = context.bot_data.workers.small
    voted = await run(pool, context.bot_data.gaps.down_voted)
    gaps = await run(pool, context.bot_data.gaps.recent)
    if not voted and not gaps:
        await update.effective_message.reply_text("近 30 天没有被点 👎 的回答，也没有被拒答或低把握度的问题。")
        return
    lines = _down_voted_lines(voted)
    if gaps:
        lines.append("<b>近 30 天资料没能很好回答的问题</b>（按次数排序）：")
    for number, gap in enumerate(gaps, start=1):
        kind = "拒答" if gap.refused else "把握度低"
        lines.append(f"{number}. {html.escape(shorten(gap.question))} — {gap.times} 次，{gap.users} 人，{kind}")
    lines.append("\n可以考虑补充相关学习资料；用 <code>cadre-bot gaps --export 文件.jsonl</code> 把 👎 的回答导出为评测题。")
    for part in join_lines(lines):
        await update.effective_message.reply_html(part)


def _down_voted_lines(voted: list[DownVoted]) -> list[str]:
    if not voted:
        return []
    lines = ["<b>近 30 天用户点 👎 的回答</b>（按人数排序）："]
    for number, item in enumerate(voted, start=1):
        lines.append(f"{number}. {html.escape(shorten(item.question))} — 👎 {item.votes} 人")
        lines.append(f"　答：{html.escape(shorten(first_line(item.answer)))}")
        if item.reasons:
            lines.append(f"　原因：{html.escape(shorten('；'.join(item.reasons), 120))}")
    lines.append("")
    return lines


async def reports_command(update: Update, context: BotContext) -> None:
    """/reports: the quiz items learners reported as faulty (「题目有误」), most reported first."""
    retire = context.bot_data.study.reports_to_retire
    reports = await run(context.bot_data.workers.small, context.bot_data.study.reports)
    if not reports:
        await update.effective_message.reply_text("还没有学员报告题目有误。")
        return
    lines = [f"<b>学员报告有误的题目</b>（{retire} 人报告后自动停用）："]
    for number, (item_id, question, times) in enumerate(reports, start=1):
        state = "已停用" if times >= retire else "使用中"
        lines.append(f"{number}. {html.escape(shorten(question or item_id))} — {times} 人报告，{state}")
    for part in join_lines(lines):
        await update.effective_message.reply_html(part)


async def _documents_changed(context: BotContext) -> None:
    """The example questions of /start and the quiz bank follow the documents; recomputed on the ingest
    pool, after the change that made them stale, before the admin is told it is done, so the first /quiz
    after an upload does not wait for the bank."""
    svc = context.bot_data
    svc.examples = await run(context.bot_data.workers.ingest, answerable_examples, svc.answers, svc.index)
    await run(context.bot_data.workers.ingest, svc.study.bank)


async def _with_progress(status: Message, label: str, work, pool: Executor) -> list[IngestResult]:
    """Run `work(progress)` on `pool` while editing `status` with its progress every few seconds."""
    state = {"done": 0, "total": 0}

    def progress(_: str, done: int, total: int) -> None:
        state["done"], state["total"] = done, total

    task = asyncio.create_task(run(pool, work, progress))
    shown = ""
    while not task.done():
        await asyncio.wait([task], timeout=PROGRESS_EVERY_S)
        if task.done() or not state["total"]:
            continue
        text = f"⏳ 正在处理《{label}》：{state['done']}/{state['total']} 句（{state['done'] * 100 // state['total']}%）"
        if text != shown:
            try:
                await status.edit_text(text)
                shown = text
            except BadRequest as exc:
                log.debug("progress edit skipped: %s", exc)
    return task.result()


def _summary(results: list[IngestResult], seconds: float) -> str:
    lines = []
    for r in results:
        lines.append(
            f"✅ 《{html.escape(shorten(r.title))}》：{STATUS.get(r.status, r.status)}\n"
            f"{r.paragraphs} 段，{r.chunks} 句，编号 <code>{r.doc_id}</code>"
        )
        if r.flagged:
            lines.append(html.escape(flagged_warning(r.title, r.flagged)))
    lines.append(f"用时 {seconds:.1f} 秒。")
    return "\n".join(lines)
