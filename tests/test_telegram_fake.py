"""The fake Bot API, exercised by a real python-telegram-bot Application over HTTP."""

from __future__ import annotations

import asyncio
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from tests.telegram_fake import ApplicationThread, FakeBotApi
from tests.telegram_fake.html_parser import parse_html
from tests.telegram_fake.state import tiny_png
from tests.telegram_fake.text_source import EntityParseError

USER = 1001
GROUP = -100200300


def http_post(url: str, data: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """POST form data without PTB, to check raw protocol behaviour."""
    body = urllib.parse.urlencode(data or {}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(f"echo: {update.message.text}")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("继续", callback_data="next")]])
    await update.message.reply_text("<b>欢迎</b>", parse_mode=ParseMode.HTML, reply_markup=keyboard)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("好的")
    await query.edit_message_text(f"已选择: {query.data}")


async def quiz(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await context.bot.send_poll(
        update.effective_chat.id,
        "质量监督的主体是？",
        ["企业", "市场监管部门", "消费者"],
        type="quiz",
        correct_option_ids=[1],
        is_anonymous=False,
        explanation="见《产品质量法》第八条",
    )


async def on_poll_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    answer = update.poll_answer
    assert answer is not None and answer.user is not None
    await context.bot.send_message(answer.user.id, f"收到选项 {list(answer.option_ids)}")


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.message
    assert message is not None and message.document is not None
    try:
        file = await message.document.get_file()
    except BadRequest as error:
        await message.reply_text(f"无法下载: {error.message}")
        return
    buffer = io.BytesIO()
    await file.download_to_memory(buffer)
    await message.reply_text(f"{message.document.file_name}: {len(buffer.getvalue())} bytes")


async def register_commands(application: Application) -> None:
    await application.bot.set_my_commands([("start", "开始"), ("quiz", "每日一测")])


def build_app(fake: FakeBotApi) -> Application:
    app = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(fake.base_url)
        .base_file_url(fake.base_file_url)
        .post_init(register_commands)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("quiz", quiz))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(PollAnswerHandler(on_poll_answer))
    app.add_handler(MessageHandler(filters.Document.ALL, on_document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


@pytest.fixture
def bot(fake_telegram: FakeBotApi) -> Iterator[ApplicationThread]:
    with ApplicationThread(build_app(fake_telegram)) as runner:
        yield runner
    assert runner.handler_errors == []


def test_ptb_startup_and_shutdown_calls(fake_telegram: FakeBotApi) -> None:
    with ApplicationThread(build_app(fake_telegram)):
        fake_telegram.wait_for(lambda: fake_telegram.waiting_polls, description="the bot's long poll")
    methods = [call.method for call in fake_telegram.requests]
    assert methods[:3] == ["getMe", "setMyCommands", "deleteWebhook"], "post_init runs before polling"
    assert set(methods[3:]) == {"getUpdates"}
    assert [c["command"] for c in fake_telegram.commands] == ["start", "quiz"]
    polls = fake_telegram.calls("getUpdates")
    assert [call.params["timeout"] for call in polls if call.ok] == [0], "shutdown confirms with timeout=0"
    fake_telegram.assert_no_errors()


def test_long_poll_waits_for_injected_update_and_drops_confirmed(fake_telegram: FakeBotApi) -> None:
    url = f"{fake_telegram.base_url}{fake_telegram.token}/getUpdates"
    results: list[tuple[float, dict[str, Any]]] = []
    started = time.monotonic()
    poller = threading.Thread(
        target=lambda: results.append((time.monotonic(), http_post(url, {"timeout": 5})[1]))
    )
    poller.start()
    fake_telegram.wait_for(lambda: fake_telegram.waiting_polls, timeout=5, description="a waiting long poll")
    update = fake_telegram.inject_text(USER, "hi")
    poller.join(5)
    answered_at, body = results[0]
    assert answered_at - started < 2, "long poll must return as soon as an update arrives"
    assert [u["update_id"] for u in body["result"]] == [update["update_id"]]
    second = fake_telegram.inject_text(USER, "again")
    _, body = http_post(url, {"offset": update["update_id"] + 1, "timeout": 0})
    assert [u["update_id"] for u in body["result"]] == [second["update_id"]]
    _, body = http_post(url, {"offset": second["update_id"] + 1, "limit": 1, "timeout": 0})
    assert body == {"ok": True, "result": []}
    fake_telegram.inject_text(USER, "filtered out")
    _, body = http_post(url, {"allowed_updates": json.dumps(["callback_query"]), "timeout": 0})
    assert body["result"] == []


def test_echo_round_trip_returns_real_message_objects(
    fake_telegram: FakeBotApi,
    bot: ApplicationThread,
) -> None:
    fake_telegram.inject_text(USER, "你好，请问质量监督是什么？", username="cadre")
    (reply,) = fake_telegram.wait_for_messages(USER, 1)
    assert reply["text"] == "echo: 你好，请问质量监督是什么？"
    assert reply["from"]["username"] == fake_telegram.bot_user["username"]
    assert reply["chat"] == {"id": USER, "first_name": f"用户{USER}", "username": "cadre", "type": "private"}
    assert fake_telegram.sent[-1].method == "sendMessage"
    assert fake_telegram.sent[-1].params["chat_id"] == USER


def test_command_entities_follow_telegram_rules(fake_telegram: FakeBotApi) -> None:
    bot_name = fake_telegram.bot_user["username"]
    command = fake_telegram.inject_text(USER, "/ask 什么是抽查？")["message"]
    assert command["entities"] == [{"type": "bot_command", "offset": 0, "length": 4}]
    glued = fake_telegram.inject_text(USER, "/ask什么是抽查")["message"]
    assert "entities" not in glued
    chatter = fake_telegram.inject_text(USER, "大家好", chat_id=GROUP, chat_type="group")
    assert chatter["update_id"] is None, "privacy mode hides plain group messages"
    mention = fake_telegram.inject_text(USER, f"@{bot_name} 你好", chat_id=GROUP)["message"]
    assert mention["entities"] == [{"type": "mention", "offset": 0, "length": 1 + len(bot_name)}]
    group_command = fake_telegram.inject_text(USER, f"/ask@{bot_name} 问题", chat_id=GROUP)["message"]
    assert group_command["chat"]["type"] == "group"
    assert group_command["entities"][0] == {"type": "bot_command", "offset": 0, "length": 5 + len(bot_name)}


def test_callback_button_round_trip(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    fake_telegram.inject_text(USER, "/start")
    (menu,) = fake_telegram.wait_for_messages(USER, 1)
    assert menu["text"] == "欢迎"
    assert menu["entities"] == [{"type": "bold", "offset": 0, "length": 2}]
    fake_telegram.inject_callback(USER, menu, "next")
    fake_telegram.wait_for(
        lambda: fake_telegram.messages(USER)[0]["text"] == "已选择: next", description="edit"
    )
    edited = fake_telegram.messages(USER)[0]
    assert "reply_markup" not in edited, "editMessageText without reply_markup drops the keyboard"
    assert fake_telegram.callback_answers[0]["text"] == "好的"
    with pytest.raises(ValueError, match="no button"):
        fake_telegram.inject_callback(USER, edited, "next")


def test_rejections_raise_bad_request_in_ptb(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    fake_telegram.inject_text(USER, "hello")
    fake_telegram.wait_for_messages(USER, 1)
    send = bot.application.bot.send_message

    assert bot.run(send(USER, "质" * 4096)).text == "质" * 4096
    with pytest.raises(BadRequest, match="Message is too long"):
        bot.run(send(USER, "质" * 4097))
    too_long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="数" * 22)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        bot.run(send(USER, "66 bytes of callback data", reply_markup=too_long_data))
    for bad_html in ("<b>未闭合", "a < b", "<div>x</div>", "A & B", "<b><i>x</b></i>"):
        with pytest.raises(BadRequest, match="Can't parse entities"):
            bot.run(send(USER, bad_html, parse_mode=ParseMode.HTML))
    with pytest.raises(BadRequest, match="Chat not found"):
        bot.run(send(999, "stranger"))
    with pytest.raises(BadRequest, match="Text must be non-empty"):
        bot.run(send(USER, " \n "))
    errors = [e.description for e in fake_telegram.errors]
    assert errors[0] == "Bad Request: message is too long"
    assert errors[1] == "Bad Request: BUTTON_DATA_INVALID"
    assert (
        errors[2] == "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
    )


def test_edit_rules(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    fake_telegram.inject_text(USER, "hello")
    (message,) = fake_telegram.wait_for_messages(USER, 1)
    edit = bot.application.bot.edit_message_text
    with pytest.raises(BadRequest, match="Message is not modified"):
        bot.run(edit(message["text"], chat_id=USER, message_id=message["message_id"]))
    with pytest.raises(BadRequest, match="Message to edit not found"):
        bot.run(edit("x", chat_id=USER, message_id=9999))
    user_message = fake_telegram.messages(USER, include_user=True)[0]
    with pytest.raises(BadRequest, match="Message can't be edited"):
        bot.run(edit("x", chat_id=USER, message_id=user_message["message_id"]))
    with pytest.raises(BadRequest, match="Query is too old"):
        bot.run(bot.application.bot.answer_callback_query("12345", text="late"))
    with pytest.raises(BadRequest, match="Message_too_long"):
        bot.run(bot.application.bot.answer_callback_query("12345", text="长" * 201))


# The real server still sends the deprecated ``correct_option_id`` next to ``correct_option_ids``
# for single-answer quizzes, and PTB 22.8 warns when it parses that.
@pytest.mark.filterwarnings("ignore:.*correct_option_id.*:telegram.warnings.PTBDeprecationWarning")
def test_quiz_poll_validation_and_answers(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    fake_telegram.inject_text(USER, "/quiz")
    (poll_message,) = fake_telegram.wait_for_messages(USER, 1)
    poll = poll_message["poll"]
    assert poll["type"] == "quiz" and poll["correct_option_ids"] == [1] and poll["correct_option_id"] == 1
    assert poll["is_anonymous"] is False and poll["allows_revoting"] is False
    fake_telegram.inject_poll_answer(USER, poll["id"], [1])
    assert fake_telegram.wait_for_messages(USER, 2)[-1]["text"] == "收到选项 [1]"
    assert fake_telegram.polls[0]["options"][1]["voter_count"] == 1

    send_poll = bot.application.bot.send_poll
    options = ["甲", "乙"]
    with pytest.raises(BadRequest, match="Correct quiz option list must be non-empty"):
        bot.run(send_poll(USER, "问题", options, type="quiz"))
    with pytest.raises(BadRequest, match="Wrong quiz correct_option_id"):
        bot.run(send_poll(USER, "问题", options, type="quiz", correct_option_ids=[2]))
    with pytest.raises(BadRequest, match="Poll question length must not exceed 300"):
        bot.run(send_poll(USER, "问" * 301, options))
    with pytest.raises(BadRequest, match="Poll can't have more than 12 options"):
        bot.run(send_poll(USER, "问题", [str(i) for i in range(13)]))
    with pytest.raises(BadRequest, match="Poll options length must not exceed 100"):
        bot.run(send_poll(USER, "问题", ["选" * 101, "乙"]))
    with pytest.raises(BadRequest, match="explanation length must not exceed 200"):
        bot.run(send_poll(USER, "问题", options, type="quiz", correct_option_ids=[0], explanation="解" * 201))
    anonymous = bot.run(send_poll(USER, "匿名", options))
    assert anonymous.poll.is_anonymous is True
    assert anonymous.poll.api_kwargs == {}, "every field the fake sends is known to PTB"
    update = fake_telegram.inject_poll_answer(USER + 1, anonymous.poll.id, [0])
    assert "poll" in update and update["poll"]["options"][0]["voter_count"] == 1
    assert "poll_answer" not in update


def test_document_upload_and_download(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    payload = "质量监督抽查管理办法\n第一条 ……".encode()
    fake_telegram.inject_document(USER, "办法.txt", payload, caption="请学习")
    (reply,) = fake_telegram.wait_for_messages(USER, 1)
    assert reply["text"] == f"办法.txt: {len(payload)} bytes"
    assert fake_telegram.downloads == ["documents/file_0.txt"]

    fake_telegram.inject_document(USER, "big.pdf", b"%PDF", file_size=25 * 1024 * 1024)
    assert fake_telegram.wait_for_messages(USER, 2)[-1]["text"] == "无法下载: File is too big"
    with pytest.raises(BadRequest, match="Wrong file_id"):
        bot.run(bot.application.bot.get_file("unknown"))

    photo = bot.run(bot.application.bot.send_photo(USER, tiny_png(), caption="<i>图</i>", parse_mode="HTML"))
    assert (photo.photo[-1].width, photo.caption, photo.caption_entities[0].type) == (1, "图", "italic")
    with pytest.raises(BadRequest, match="Image_process_failed"):
        bot.run(bot.application.bot.send_photo(USER, b"not an image"))


def test_commands_and_chat_actions(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    ptb = bot.application.bot
    assert bot.run(ptb.set_my_commands([("ask", "提问"), ("quiz", "每日一测")]))
    assert fake_telegram.commands == [
        {"command": "ask", "description": "提问"},
        {"command": "quiz", "description": "每日一测"},
    ]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        bot.run(ptb.set_my_commands([("Ask", "大写不行")]))
    with pytest.raises(BadRequest, match="Command description length must not exceed 256"):
        bot.run(ptb.set_my_commands([("ask", "长" * 257)]))
    fake_telegram.inject_text(USER, "hi")
    fake_telegram.wait_for_messages(USER, 1)
    assert bot.run(ptb.send_chat_action(USER, "typing"))
    assert fake_telegram.chat_actions[0]["action"] == "typing"


def test_wrong_token_and_unknown_method(fake_telegram: FakeBotApi) -> None:
    status, body = http_post(f"{fake_telegram.base_url}999:WRONG/getMe")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    status, body = http_post(f"{fake_telegram.base_url}{fake_telegram.token}/sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})

    async def initialize_with_wrong_token() -> None:
        async with Bot("999:WRONG", base_url=fake_telegram.base_url):
            pass

    with pytest.raises(InvalidToken):
        asyncio.run(initialize_with_wrong_token())


def test_wait_for_timeout_shows_what_the_bot_did(fake_telegram: FakeBotApi) -> None:
    fake_telegram.inject_text(USER, "nobody is polling")
    with pytest.raises(AssertionError) as failure:
        fake_telegram.wait_for_messages(USER, 1, timeout=0.1)
    assert "1 bot message(s) in chat 1001" in str(failure.value)
    assert "Unconfirmed updates: [100000001]" in str(failure.value)


@pytest.mark.parametrize(
    ("markup", "text", "entities"),
    [
        ("<b>粗</b>&lt;&#x4e2d;&gt;", "粗<中>", [{"type": "bold", "offset": 0, "length": 1}]),
        (
            '<a href="https://samr.gov.cn">链接</a>',
            "链接",
            [{"type": "text_link", "offset": 0, "length": 2, "url": "https://samr.gov.cn"}],
        ),
        (
            '<pre><code class="language-python">x</code></pre>',
            "x",
            [{"type": "pre", "offset": 0, "length": 1, "language": "python"}],
        ),
        ("😀<i>x</i>", "😀x", [{"type": "italic", "offset": 2, "length": 1}]),
        (
            "<blockquote expandable>引用</blockquote>",
            "引用",
            [{"type": "expandable_blockquote", "offset": 0, "length": 2}],
        ),
    ],
)
def test_html_parser_matches_tdlib(markup: str, text: str, entities: list[dict[str, Any]]) -> None:
    assert parse_html(markup) == (text, entities)


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("中<x>", 'Unsupported start tag "x" at byte offset 3'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ('<span class="bold">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_parser_errors_match_tdlib(markup: str, error: str) -> None:
    with pytest.raises(EntityParseError) as failure:
        parse_html(markup)
    assert str(failure.value) == error


def test_injected_faults(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    fake_telegram.inject_text(USER, "hi")
    fake_telegram.wait_for_messages(USER, 1)
    fake_telegram.fail_next("sendMessage", "Forbidden: bot was blocked by the user", error_code=403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        bot.run(bot.application.bot.send_message(USER, "还在吗？"))
    assert fake_telegram.errors[-1].error_code == 403


def test_webhook_blocks_get_updates(fake_telegram: FakeBotApi) -> None:
    url = f"{fake_telegram.base_url}{fake_telegram.token}"
    assert http_post(f"{url}/setWebhook", {"url": "https://example.org/hook"})[0] == 200
    status, body = http_post(f"{url}/getUpdates")
    assert status == 409
    assert body["description"].startswith("Conflict: can't use getUpdates method while webhook is active")
    assert http_post(f"{url}/deleteWebhook")[0] == 200
    assert http_post(f"{url}/getUpdates")[1] == {"ok": True, "result": []}

