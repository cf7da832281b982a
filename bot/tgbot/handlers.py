"""Telegram handlers: parse the update, call the services off the event loop, format the reply."""

from __future__ import annotations

import asyncio
import html
import json
import logging
import secrets
import time
from concurrent.futures import Executor

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, MessageEntityType
from telegram.error import BadRequest

from bot.answering import Answer
from bot.answer_service import AnswerService
from bot.gaps import GapTracker
from bot.llm.streaming import drafts
from bot.tgbot.formatting import (
    EXAMPLE_CALLBACK,
    MAX_MESSAGE,
    answer_html,
    answer_keyboard,
    continue_keyboard,
    docs_messages,
    paragraph_messages,
    parse_feedback_callback,
    parse_source_callback,
    source_keyboard,
    truncate_text,
)
from bot.tgbot.services import BotContext
from bot.tgbot.workers import run
from ingest.errors import UserError

log = logging.getLogger(__name__)
question_log = logging.getLogger("bot.questions")

WELCOME = (
    "您好！我是<b>学习助手</b>，专门解答质监干部学习资料中的问题。\n\n"
    "• 直接发送问题，我会引用资料原文作答，并注明出处（文件和段落）；\n"
    "• 资料里没有的内容，我会如实告诉您，不会编造；\n"
    "• 点击答案下方的「查看原文」可以阅读整段原文，点 👍/👎 告诉我答得好不好；\n"
    "• 发送 /quiz 用资料出题自测，答错的题会按记忆规律安排复习（/review）。\n\n"
    "可以试试下面的问题："
)
HELP = (
    "<b>使用方法</b>\n"
    "• 私聊：直接发送问题即可。\n"
    "• 群聊：发送 <code>/ask 问题</code>，或 @我 提问，或回复我的消息。\n"
    "• 答案下方点 👍/👎 评价；点 👎 后可回复说明原因，帮助改进资料。\n\n"
    "<b>命令</b>\n"
    "/ask 问题 — 提问\n"
    "/quiz [题数] — 答题（默认 5 题），每题下方可点「题目有误」报告\n"
    "/quiz 专项 文档标题或编号 — 专项答题：只就这一篇文档出题\n"
    "/review — 复习到期的错题\n"
    "/challenge — 挑战答题：一直答，答错即止，记录最好成绩\n"
    "/stats — 学习统计\n"
    "/daily — 今天的每日答题（到期复习加新题，记录连续学习天数）\n"
    "/daily on [小时] | off — 每日答题提醒\n"
    "/docs — 查看学习资料列表\n"
    "/help — 显示本帮助\n"
    "管理员：直接发送 .txt/.md/.docx/.pdf 文件即可导入；/remove 编号、/reindex、/gaps。\n\n"
    "我只依据学习资料回答，每个答案都注明出处。"
)
UNSUPPORTED = "我目前只能回答文字问题，请直接用文字发送您的问题。"
ERROR_REPLY = "抱歉，处理您的请求时出了点问题，请稍后再试。"
ASK_USAGE = "请在 /ask 后面写上问题，例如：<code>/ask 质监干部工作的主题是什么？</code>"
STREAM_EDIT_INTERVAL_S = 1.0
TYPING_DELAY_S = 0.5  # answers faster than this arrive before an indicator would register
SOURCE_GONE = "这段原文已不在学习资料中（资料可能已更新或删除）。"
VOTE_LABELS = {True: "有帮助 👍", False: "没帮助 👎"}
VOTE_GONE = "这条回答太久了，已不能评价；如有问题请重新提问。"
REASON_ASK = "请直接回复这条消息说明原因"  # also how a reply is known to answer a prompt
REASON_PROMPT = "{who}您觉得这条回答哪里不对、应该怎么答？" + REASON_ASK + "（可不填，忽略即可）。"
REASON_PLACEHOLDER = "说明原因（可不填）"
REASON_THANKS = "已记下您的意见，谢谢！管理员会据此改进学习资料。"


async def start(update: Update, context: BotContext) -> None:
    """Welcome, with example questions as buttons."""
    examples = context.bot_data.examples
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=f"{EXAMPLE_CALLBACK}:{i}")] for i, q in enumerate(examples)]
    )
    await update.effective_message.reply_html(WELCOME if examples else WELCOME.rpartition("\n\n")[0], reply_markup=keyboard if examples else None)


async def help_command(update: Update, context: BotContext) -> None:
    """How to ask, in private chats and groups."""
    await update.effective_message.reply_html(HELP)


async def docs_command(update: Update, context: BotContext) -> None:
    """List the study materials; admins also see document ids."""
    svc = context.bot_data
    records = await run(context.bot_data.workers.small, svc.documents.records)
    user = update.effective_user
    await _send(update.effective_message, docs_messages(records, show_ids=svc.is_admin(user.id if user else None)))


async def ask_command(update: Update, context: BotContext) -> None:
    """/ask 问题 — the way to ask in groups."""
    question = " ".join(context.args or []).strip()
    if not question:
        await update.effective_message.reply_html(ASK_USAGE)
        return
    await answer_question(update, context, question)


async def private_text(update: Update, context: BotContext) -> None:
    """Any text in a private chat is a question, except a reply to a 👎 reason prompt."""
    if await _feedback_reason(update, context):
        return
    await answer_question(update, context, update.effective_message.text)


async def group_text(update: Update, context: BotContext) -> None:
    """In groups, answer mentions of the bot and replies to its messages; ignore the rest."""
    message = update.effective_message
    bot = context.bot
    text = message.text or ""
    mention = f"@{bot.username}"
    replied_to_bot = message.reply_to_message is not None and message.reply_to_message.from_user is not None and message.reply_to_message.from_user.id == bot.id
    if replied_to_bot and await _feedback_reason(update, context):
        return
    if mention.lower() not in text.lower() and not replied_to_bot:
        return
    question = text.replace(mention, " ").replace(mention.lower(), " ").strip()
    if not question:
        await message.reply_html(ASK_USAGE)
        return
    await answer_question(update, context, question)


async def example_button(update: Update, context: BotContext) -> None:
    """A tapped example question is asked as if typed."""
    query = update.callback_query
    await query.answer()
    examples = context.bot_data.examples
    index = query.data.partition(":")[2]
    if not index.isdigit() or int(index) >= len(examples):
        return
    await answer_question(update, context, examples[int(index)])


async def source_button(update: Update, context: BotContext) -> None:
    """「查看原文」 and 「继续阅读」: the source paragraph a page at a time, the quoted sentence in bold."""
    query = update.callback_query
    parsed = parse_source_callback(query.data or "")
    svc = context.bot_data
    if parsed is None:
        await query.answer()
        return
    doc_id, paragraph, sentence, page = parsed
    sentences = await run(context.bot_data.workers.small, svc.index.paragraph_sentences, doc_id, paragraph)
    record = await run(context.bot_data.workers.small, svc.documents.record, doc_id)
    if not sentences or record is None:
        await query.answer(SOURCE_GONE, show_alert=True)
        return
    messages, more = paragraph_messages(record.title, paragraph, sentences, [sentence], page)
    if not messages:  # 「继续阅读」 past the end: the paragraph changed since the button was sent
        await query.answer(SOURCE_GONE, show_alert=True)
        return
    await query.answer()
    keyboard = continue_keyboard(doc_id, paragraph, sentence, page + 1) if more else None
    await _send(query.message, messages, reply_markup=keyboard, quote=True)


async def feedback_button(update: Update, context: BotContext) -> None:
    """👍/👎 under an answer: one vote per user per answer (a second tap changes it); a new 👎 asks why."""
    query = update.callback_query
    parsed = parse_feedback_callback(query.data or "")
    user = update.effective_user
    if parsed is None or user is None:
        await query.answer()
        return
    token, up = parsed
    message = query.message if isinstance(query.message, Message) else None
    chat_id = message.chat_id if message else user.id
    svc = context.bot_data
    outcome = await run(svc.workers.small, svc.gaps.vote, token, user.id, up, chat_id)
    if outcome is None:
        await query.answer(VOTE_GONE, show_alert=True)
        return
    await query.answer(_vote_ack(up, outcome.previous))
    question_log.info(json.dumps({"event": "vote", "user_id": user.id, "chat_id": chat_id, "answer": token, "vote": outcome.vote, "previous": outcome.previous}))
    if up or outcome.previous < 0 or message is None:
        return
    who = "" if message.chat.type == "private" else f'<a href="tg://user?id={user.id}">{html.escape(user.first_name)}</a>，'
    prompt = await message.reply_html(
        REASON_PROMPT.format(who=who), reply_markup=ForceReply(selective=True, input_field_placeholder=REASON_PLACEHOLDER), do_quote=True
    )
    await run(svc.workers.small, svc.gaps.await_reason, token, user.id, prompt.message_id)


def _vote_ack(up: bool, previous: int) -> str:
    """The answer_callback_query text: recorded, changed, or already so."""
    label = VOTE_LABELS[up]
    if previous == 0:
        return f"已记录：{label}，谢谢反馈！"
    if (previous > 0) == up:
        return f"您已评价为「{label}」；点另一个按钮可以更改。"
    return f"已改为：{label}。"


async def _feedback_reason(update: Update, context: BotContext) -> bool:
    """A reply to this user's 👎 prompt is the reason for the vote, not a new question. True when stored."""
    message = update.effective_message
    user = update.effective_user
    reply = message.reply_to_message
    if reply is None or user is None or not message.text or reply.from_user is None or reply.from_user.id != context.bot.id:
        return False
    svc = context.bot_data
    is_prompt = REASON_ASK in (reply.text or "")
    if is_prompt and _prompted_user(reply) not in (user.id, None):
        log.info("Ignored a reply by user %s to another user's down-vote reason prompt", user.id)
        return True  # in a group, someone else's remark on the voter's prompt: neither a reason nor a question
    if not await run(svc.workers.small, svc.gaps.record_reason, message.chat_id, reply.message_id, user.id, message.text, is_prompt):
        return False
    await message.reply_text(REASON_THANKS, do_quote=message.chat.type != "private")
    question_log.info(json.dumps({"event": "vote_reason", "user_id": user.id, "chat_id": message.chat_id, "reason": message.text}, ensure_ascii=False))
    return True


def _prompted_user(prompt: Message) -> int | None:
    """The voter a 👎 reason prompt asks: the user it names in a group, the chat's own user in a private chat;
    None when Telegram dropped the mention (then the stored vote alone decides, as before)."""
    if prompt.chat.type == "private":
        return prompt.chat.id
    mentions = (e.user for e in prompt.entities if e.type == MessageEntityType.TEXT_MENTION and e.user is not None)
    return next((mentioned.id for mentioned in mentions), None)


async def unsupported(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice and the like get a short pointer to what works."""
    if update.effective_chat and update.effective_chat.type == "private":
        await update.effective_message.reply_text(UNSUPPORTED)


async def answer_question(update: Update, context: BotContext, question: str) -> None:
    svc = context.bot_data
    message = update.effective_message
    user = update.effective_user
    user_id = user.id if user else 0
    wait = svc.limiter.allow(user_id)
    if wait:
        if svc.limiter.should_warn(user_id, wait):
            await message.reply_text(f"您提问太频繁了，请 {max(1, round(wait))} 秒后再试。")
        return
    started = time.perf_counter()
    typing = _Typing(context, message.chat_id)
    draft: Message | None = None
    try:
        if svc.answers.llm_enabled:
            answer, draft = await _stream_answer(svc.answers, message, question, context.bot_data.workers.questions)
        else:
            answer = await run(context.bot_data.workers.questions, svc.answers.ask, question)
    except UserError as exc:
        await message.reply_text(exc.user_message)
        return
    finally:
        await typing.stop()
    topics: list[str] = []
    titles: list[str] = []
    if answer.refused and not answer.related:  # what the materials cover, when nothing here is related
        if not answer.hint:  # a hint names the topics nearest to the question instead
            topics = await run(context.bot_data.workers.small, svc.index.topics)
        titles = [r.title for r in await run(context.bot_data.workers.small, svc.documents.records)]
    html_text = answer_html(answer, topics, titles)
    token = secrets.token_hex(8)  # names the answer in its 👍/👎 buttons
    # Logged before it is sent: a question whose reply cannot be delivered is still in /gaps, and a tap never
    # arrives before its answer is known.
    await run(context.bot_data.workers.small, _log_answer, svc.gaps, user_id, message.chat_id, token, answer)
    # Refusals are in /gaps already: no votes, only 「查看原文」 for any related reading.
    keyboard = source_keyboard(answer.related) if answer.refused else answer_keyboard(answer.sources, token)
    if draft is not None:
        await draft.edit_text(html_text, parse_mode="HTML", reply_markup=keyboard)
    else:
        await _send(message, [html_text], reply_markup=keyboard, quote=message.chat.type != "private")
    question_log.info(
        json.dumps(
            {
                "event": "question",
                "user_id": user_id,
                "chat_id": message.chat_id,
                "chat_type": message.chat.type,
                "question": question,
                "refused": answer.refused,
                "mode": answer.mode,
                "confidence": round(answer.confidence, 4),
                "sources": [f"{s.doc_id}#{s.paragraph}" for s in answer.sources],
                "engine_ms": round(answer.latency_ms, 1),
                "latency_ms": round((time.perf_counter() - started) * 1000, 1),
            },
            ensure_ascii=False,
        )
    )


def _log_answer(gaps: GapTracker, user_id: int, chat_id: int, token: str, answer: Answer) -> None:
    """One worker hop for both logs: the gap questions and the answer its buttons may vote on."""
    gaps.record(user_id, answer)
    if not answer.refused:
        gaps.log_answer(token, user_id, chat_id, answer)


async def _stream_answer(answers: AnswerService, message: Message, question: str, executor: Executor) -> tuple[Answer, Message | None]:
    """Show the LLM's draft in one message, edited at most once a second; the verified answer replaces it."""
    draft: Message | None = None
    answer: Answer | None = None
    async for update in drafts(answers.ask_stream(question), interval_s=STREAM_EDIT_INTERVAL_S, executor=executor):
        if update.answer is not None:
            answer = update.answer
            break
        preview = truncate_text(update.text.strip(), MAX_MESSAGE - 2)
        if not preview:
            continue
        if draft is None:
            draft = await message.reply_text(preview + " ▌")
        else:
            try:
                await draft.edit_text(preview + " ▌")
            except BadRequest as exc:
                log.debug("draft edit skipped: %s", exc)
    assert answer is not None, "ask_stream always ends with an Answer"
    return answer, draft


class _Typing:
    """'typing…' for answers slow enough to notice. Most answers take milliseconds and would arrive with
    the indicator; under load the extra request per question was the largest cost of a reply."""

    def __init__(self, context: BotContext, chat_id: int) -> None:
        self._context = context
        self._chat_id = chat_id
        self._sending = False
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        await asyncio.sleep(TYPING_DELAY_S)
        self._sending = True
        try:
            await self._context.bot.send_chat_action(self._chat_id, ChatAction.TYPING)
        except Exception as exc:  # noqa: BLE001 - a failure here must not cost the answer
            log.warning("chat action failed for chat %s: %s", self._chat_id, exc)

    async def stop(self) -> None:
        """Before the reply: an indicator already on its way must land first, or it would outlive the reply."""
        if self._sending:
            await self._task
        else:
            self._task.cancel()


async def on_error(update: object, context: BotContext) -> None:
    """Log with context, tell the user in Chinese, keep the bot running. A UserError no handler caught
    (a store that cannot be read, say) is a refusal, not a bug: its own message, one log line."""
    where = {}
    if isinstance(update, Update):
        where = {
            "update_id": update.update_id,
            "chat_id": update.effective_chat.id if update.effective_chat else None,
            "user_id": update.effective_user.id if update.effective_user else None,
        }
    reply = ERROR_REPLY
    if isinstance(context.error, UserError):
        log.warning("handler refused for %s: %s", where, context.error.log_message)
        reply = context.error.user_message
    else:
        log.error("handler failed for %s", where, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id, reply)
        except Exception:  # noqa: BLE001 - the error reply is best effort
            log.exception("could not tell the user about the error")


async def _send(message: Message, parts: list[str], reply_markup: InlineKeyboardMarkup | None = None, quote: bool = False) -> None:
    """Send HTML parts in order; buttons go on the last part."""
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await message.reply_html(
            part,
            reply_markup=reply_markup if last else None,
            do_quote=quote and index == 0,
        )
