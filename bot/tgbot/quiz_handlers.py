"""Telegram handlers for self-study: /quiz, /review, /stats, /daily, and quiz poll answers."""

from __future__ import annotations

import asyncio
import logging
from datetime import time as daytime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import PollType

from bot.progress.stats import LOCAL_TZ
from bot.study import DEFAULT_ROUND, MAX_ROUND, QuizQuestion
from bot.tgbot.formatting import shorten
from bot.tgbot.services import BotContext
from bot.tgbot.workers import run
from bot.tgbot.quiz_formatting import (
    DAILY_REMINDER,
    feedback_messages,
    no_review_message,
    poll_question,
    stats_message,
    summary_message,
)
from ingest.archive import DocumentRecord

log = logging.getLogger(__name__)

DEFAULT_DAILY_HOUR = 20
REPORT_CALLBACK = "qr"
NO_QUESTIONS = "学习资料里暂时还生成不了题目，请管理员先导入学习资料。"
TOPIC_ROUND = "专项"


async def quiz_command(update: Update, context: BotContext) -> None:
    """/quiz [N]: a round of N questions (default 5) as quiz polls; /quiz 专项 <文档>: a round on one document."""
    args = context.args or []
    if args and args[0] == TOPIC_ROUND:
        await _topic_quiz(update, context, " ".join(args[1:]).strip())
        return
    count = DEFAULT_ROUND
    if args:
        if not args[0].isdigit() or not 1 <= int(args[0]) <= MAX_ROUND:
            await update.effective_message.reply_text(f"题数请写 1 到 {MAX_ROUND} 之间的数字，例如 /quiz 5")
            return
        count = int(args[0])
    user, chat = update.effective_user, update.effective_chat
    # Under the user's lock, so an answer to the round this one replaces is handled wholly before it
    # (its feedback and next poll come first) or is ignored, never interleaved with the new round.
    async with _user_lock(context, user.id):
        question = await run(context.bot_data.workers.small, context.bot_data.study.start_quiz, user.id, chat.id, count)
        if question is None:
            await update.effective_message.reply_text(NO_QUESTIONS)
            return
        await update.effective_message.reply_text(f"📝 开始答题，共 {question.total} 题。选出正确答案，答完自动出下一题。")
        await send_question(context, chat.id, question)


async def _topic_quiz(update: Update, context: BotContext, wanted: str) -> None:
    """A 专项 round: questions from the one document whose id or title matches `wanted`."""
    message = update.effective_message
    records = await run(context.bot_data.workers.small, context.bot_data.documents.records)
    titles = "、".join(f"《{shorten(r.title)}》" for r in records) or "（暂无文档）"
    if not wanted:
        await message.reply_text(f"用法：/quiz 专项 文档标题或编号。现有文档：{titles}")
        return
    matches = matching_documents(records, wanted)
    if not matches:
        await message.reply_text(f"没有找到与「{shorten(wanted)}」相符的文档。现有文档：{titles}")
        return
    if len(matches) > 1:
        listed = "、".join(f"《{shorten(r.title)}》" for r in matches)
        await message.reply_text(f"有 {len(matches)} 篇文档与「{shorten(wanted)}」相符，请写得更具体些：{listed}")
        return
    (record,) = matches
    user, chat = update.effective_user, update.effective_chat
    async with _user_lock(context, user.id):
        study = context.bot_data.study
        question = await run(context.bot_data.workers.small, study.start_quiz, user.id, chat.id, DEFAULT_ROUND, record.doc_id)
        if question is None:
            await message.reply_text(f"《{shorten(record.title)}》里暂时还生成不了题目，请换一篇文档试试。")
            return
        await message.reply_text(f"📝 开始《{shorten(record.title)}》专项答题，共 {question.total} 题。选出正确答案，答完自动出下一题。")
        await send_question(context, chat.id, question)


def matching_documents(records: list[DocumentRecord], wanted: str) -> list[DocumentRecord]:
    """The document with id `wanted`, else those whose title contains it (case and spaces ignored)."""
    exact = [r for r in records if r.doc_id == wanted]
    if exact:
        return exact
    needle = "".join(wanted.split()).casefold()
    return [r for r in records if needle in "".join(r.title.split()).casefold()]


async def challenge_command(update: Update, context: BotContext) -> None:
    """/challenge: questions until the first mistake, with a best score."""
    user, chat = update.effective_user, update.effective_chat
    async with _user_lock(context, user.id):
        question = await run(context.bot_data.workers.small, context.bot_data.study.start_challenge, user.id, chat.id)
        if question is None:
            await update.effective_message.reply_text(NO_QUESTIONS)
            return
        await update.effective_message.reply_text("🏆 挑战答题：一直答下去，答错一题即结束。")
        await send_question(context, chat.id, question)


async def report_button(update: Update, context: BotContext) -> None:
    """「题目有误」 under a question: the learner's report is recorded; enough of them retire the item."""
    query = update.callback_query
    item_id = query.data.partition(":")[2]
    await run(context.bot_data.workers.small, context.bot_data.study.report, update.effective_user.id, item_id)
    await query.answer("已记录，谢谢反馈！多人报告有误的题目将不再出现。")


async def review_command(update: Update, context: BotContext) -> None:
    """/review: replay the mistakes FSRS says are due."""
    study = context.bot_data.study
    user, chat = update.effective_user, update.effective_chat
    async with _user_lock(context, user.id):
        question = await run(context.bot_data.workers.small, study.start_review, user.id, chat.id)
        if question is None:
            next_due = await run(context.bot_data.workers.small, study.next_review_at, user.id)
            await update.effective_message.reply_text(no_review_message(next_due))
            return
        await update.effective_message.reply_text(f"🔁 错题复习，共 {question.total} 题。")
        await send_question(context, chat.id, question)


async def stats_command(update: Update, context: BotContext) -> None:
    """/stats: numbers as text, plus a chart of the last two weeks."""
    svc = context.bot_data
    stats = await run(context.bot_data.workers.small, svc.study.stats, update.effective_user.id)
    titles = {r.doc_id: r.title for r in await run(context.bot_data.workers.small, svc.documents.records)}
    await update.effective_message.reply_html(stats_message(stats, titles))
    if stats.answered:
        from bot.progress.chart import render_chart

        png = await run(context.bot_data.workers.small, render_chart, stats)
        await update.effective_message.reply_photo(png, caption="近两周答题情况")


async def daily_command(update: Update, context: BotContext) -> None:
    """/daily: today's set (due reviews and new items); /daily on [hour] | off: a daily reminder (Beijing time)."""
    args = [a.lower() for a in context.args or []]
    user, chat = update.effective_user, update.effective_chat
    if not args:
        await _start_daily(update, context)
        return
    if args[0] not in ("on", "off", "开", "关"):
        await update.effective_message.reply_text("用法：/daily 开始今天的每日答题；/daily on [小时] 开启每日提醒（默认 20 点），/daily off 关闭。")
        return
    enabled = args[0] in ("on", "开")
    hour = DEFAULT_DAILY_HOUR
    if enabled and len(args) > 1:
        if not args[1].isdigit() or not 0 <= int(args[1]) <= 23:
            await update.effective_message.reply_text("小时请写 0 到 23 之间的数字，例如 /daily on 8")
            return
        hour = int(args[1])
    await run(context.bot_data.workers.small, context.bot_data.study.set_daily, user.id, chat.id, enabled, hour)
    schedule_reminder(context.application, user.id, chat.id, hour if enabled else None)
    reply = f"已开启每日答题提醒，每天北京时间 {hour}:00 提醒您。" if enabled else "已关闭每日答题提醒。"
    await update.effective_message.reply_text(reply)


async def _start_daily(update: Update, context: BotContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    async with _user_lock(context, user.id):
        question = await run(context.bot_data.workers.small, context.bot_data.study.start_daily, user.id, chat.id)
        if question is None:
            await update.effective_message.reply_text("今天没有新题，也没有到期的复习题。发送 /challenge 挑战一下吧！")
            return
        await update.effective_message.reply_text(f"📅 每日答题，共 {question.total} 题（到期复习和新题）。")
        await send_question(context, chat.id, question)


async def poll_answer(update: Update, context: BotContext) -> None:
    """A quiz answer: record it, show the source paragraph, then the next question or the score."""
    answer = update.poll_answer
    if answer.user is None:
        return
    study = context.bot_data.study
    # The same lock covers sending a poll and registering its id, so an answer never outruns that.
    async with _user_lock(context, answer.user.id):
        feedback = await run(context.bot_data.workers.small, study.answer, answer.poll_id, answer.user.id, list(answer.option_ids))
        if feedback is None:
            return
        for part in feedback_messages(feedback):
            await context.bot.send_message(feedback.chat_id, part, parse_mode="HTML")
        if feedback.next_question is not None:
            await send_question(context, feedback.chat_id, feedback.next_question)
        elif feedback.summary is not None:
            await context.bot.send_message(feedback.chat_id, summary_message(feedback.summary), parse_mode="HTML")


async def send_question(context: BotContext, chat_id: int, question: QuizQuestion) -> None:
    item = question.item
    message = await context.bot.send_poll(
        chat_id,
        poll_question(question),
        item["options"],
        is_anonymous=False,
        type=PollType.QUIZ,
        correct_option_ids=item.get("answer_indices", [item["answer_index"]]),
        allows_multiple_answers=len(item.get("answer_indices", ())) > 1,
        explanation=item.get("explanation") or None,
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("题目有误", callback_data=f"{REPORT_CALLBACK}:{item['id']}")]]),
    )
    await run(context.bot_data.workers.small, context.bot_data.study.poll_sent, question, message.poll.id, chat_id, message.message_id)


def _user_lock(context: BotContext, user_id: int) -> asyncio.Lock:
    """One lock per user while anyone holds or awaits it; weakly kept, so idle users' locks do not pile up."""
    locks = context.bot_data.quiz_locks
    lock = locks.get(user_id)
    if lock is None:
        lock = locks[user_id] = asyncio.Lock()
    return lock


def schedule_reminder(application, user_id: int, chat_id: int, hour: int | None) -> None:
    """Replace the user's daily job; `hour=None` removes it."""
    if application.job_queue is None:
        log.warning("job queue unavailable (install python-telegram-bot[job-queue]); daily reminders are off")
        return
    name = f"daily-{user_id}"
    for job in application.job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    if hour is not None:
        application.job_queue.run_daily(_remind, daytime(hour=hour, tzinfo=LOCAL_TZ), name=name, chat_id=chat_id, user_id=user_id)


async def _remind(context: BotContext) -> None:
    study = context.bot_data.study
    due = await run(context.bot_data.workers.small, study.due_count, context.job.user_id)
    extra = f"\n您有 {due} 道错题待复习，发送 /review 复习。" if due else ""
    await context.bot.send_message(context.job.chat_id, DAILY_REMINDER + extra)
