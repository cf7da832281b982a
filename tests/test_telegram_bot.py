"""The real bot, end to end, against the fake Bot API over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
import time

import pytest

from bot.services import Services
from bot.tgbot.app import COMMANDS, build_application
from bot.tgbot.handlers import ERROR_REPLY, UNSUPPORTED
from tests.load import burst
from tests.telegram_fake import ApplicationThread, FakeBotApi

USER = 1001
GROUP = -100200300
TITLE = "浅谈质量强国与质监干部队伍建设"


def texts(server: FakeBotApi, chat_id: int) -> list[str]:
    return [m.get("text", "") for m in server.messages(chat_id)]


@pytest.fixture
def run_bot(fake_telegram: FakeBotApi, e5_services: Services) -> Iterator:
    """Start the real Application on the real services; yields a function to (re)configure it."""
    running: list[ApplicationThread] = []

    def start(services: Services = e5_services, **overrides) -> ApplicationThread:
        settings = services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url, **overrides})
        app = build_application(replace(services, settings=settings), fake_telegram.token)
        thread = ApplicationThread(app).start()
        running.append(thread)
        return thread

    yield start
    for thread in running:
        thread.stop()


def test_start_and_question_answered_with_source(fake_telegram: FakeBotApi, run_bot) -> None:
    run_bot()
    assert [c["command"] for c in fake_telegram.commands] == [c.command for c in COMMANDS]
    fake_telegram.inject_text(USER, "/start")
    (welcome,) = fake_telegram.wait_for_messages(USER, 1)
    assert "学习助手" in welcome["text"]
    buttons = [b for row in welcome["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons and all(b["callback_data"].startswith("ex:") for b in buttons)

    fake_telegram.inject_text(USER, "关心干部生活能增强队伍的什么？")
    answer = fake_telegram.wait_for_messages(USER, 2)[-1]
    assert "增强队伍的凝聚力和向心力" in answer["text"]
    assert f"出处《{TITLE}》第5段" in answer["text"]
    assert answer["reply_markup"]["inline_keyboard"][0][0]["text"] == "查看原文"

    fake_telegram.inject_callback(USER, welcome, buttons[0]["callback_data"])
    example_answer = fake_telegram.wait_for_messages(USER, 3)[-1]
    assert "出处《" in example_answer["text"]
    fake_telegram.assert_no_errors()


def test_a_slow_answer_shows_typing_first(fake_telegram: FakeBotApi, run_bot, e5_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    real_ask = e5_services.answers.ask

    def slow_ask(question: str):
        time.sleep(1.5)
        return real_ask(question)

    monkeypatch.setattr(e5_services.answers, "ask", slow_ask)
    run_bot()
    fake_telegram.inject_text(USER, "关心干部生活能增强队伍的什么？")
    (answer,) = fake_telegram.wait_for_messages(USER, 1)
    assert "凝聚力和向心力" in answer["text"]
    order = [c.method for c in fake_telegram.sent if c.method in ("sendChatAction", "sendMessage")]
    assert order == ["sendChatAction", "sendMessage"], "typing… shows while the answer is computed, never after it"
    assert fake_telegram.chat_actions[0]["action"] == "typing"


def test_view_original_paragraph_highlights_the_quote(fake_telegram: FakeBotApi, run_bot) -> None:
    run_bot()
    fake_telegram.inject_text(USER, "党风廉政建设要确保干部怎样做事做人？")
    answer = fake_telegram.wait_for_messages(USER, 1)[-1]
    button = answer["reply_markup"]["inline_keyboard"][0][0]
    fake_telegram.inject_callback(USER, answer, button["callback_data"])
    original = fake_telegram.wait_for_messages(USER, 2)[-1]
    assert original["text"].startswith(f"《{TITLE}》第5段")
    assert "加强作风建设,打造过硬队伍。" in original["text"], "the whole paragraph is shown"
    bold = [original["text"][e["offset"] : e["offset"] + e["length"]] for e in original.get("entities", []) if e["type"] == "bold"]
    assert any("确保干部干干净净做事、清清白白做人" in b for b in bold)
    assert fake_telegram.callback_answers, "the button press was acknowledged"
    fake_telegram.assert_no_errors()


def test_out_of_scope_question_is_refused_politely(fake_telegram: FakeBotApi, run_bot) -> None:
    run_bot()
    fake_telegram.inject_text(USER, "上海到杭州的高铁要多久？")
    (reply,) = fake_telegram.wait_for_messages(USER, 1)
    assert "没有找到" in reply["text"]
    assert f"《{TITLE}》" in reply["text"], "the refusal says what the materials do cover"
    assert "可以换用资料中的说法再问" in reply["text"], "the refusal says how to ask"
    assert any(topic in reply["text"] for topic in ("加强作风建设", "强化教育培训", "深化体制改革", "提供展示舞台"))
    assert "reply_markup" not in reply
    assert "出处" not in reply["text"]


def test_group_ask_mention_and_silence(fake_telegram: FakeBotApi, run_bot) -> None:
    run_bot()
    bot_name = fake_telegram.bot_user["username"]
    fake_telegram.inject_text(USER, "/ask 深化体制改革要营造怎样的竞争环境？", chat_id=GROUP)
    (reply,) = fake_telegram.wait_for_messages(GROUP, 1)
    assert "营造公平公正的竞争环境" in reply["text"]
    assert reply.get("reply_to_message"), "in groups the answer replies to the question"
    fake_telegram.inject_text(USER, f"@{bot_name} 建立干部退出机制有什么作用？", chat_id=GROUP)
    second = fake_telegram.wait_for_messages(GROUP, 2)[-1]
    assert "保持队伍的活力和战斗力" in second["text"]
    fake_telegram.inject_text(USER, "/ask", chat_id=GROUP)
    usage = fake_telegram.wait_for_messages(GROUP, 3)[-1]
    assert "/ask" in usage["text"]
    fake_telegram.assert_no_errors()


def test_long_paragraph_is_split_into_valid_messages(fake_telegram: FakeBotApi, run_bot, e5_services: Services, tmp_path: Path) -> None:
    sentences = [f"第{i}条要求各单位按时报送第{i}号计量台账并做好归档工作。" for i in range(1, 200)]
    sentences[150] = "电子秤强制检定的截止日期是每年十一月三十日。"
    doc = tmp_path / "long.txt"
    doc.write_text("计量台账管理规定\n\n" + "".join(sentences) + "\n", encoding="utf-8")
    e5_services.documents.ingest([doc])
    run_bot()
    fake_telegram.inject_text(USER, "电子秤强制检定的截止日期是哪天？")
    answer = fake_telegram.wait_for_messages(USER, 1)[-1]
    assert "十一月三十日" in answer["text"]
    fake_telegram.inject_callback(USER, answer, answer["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    parts = fake_telegram.wait_for(lambda: texts(fake_telegram, USER)[1:] if len(texts(fake_telegram, USER)) >= 3 else None)
    assert len(parts) >= 2
    joined = "".join(parts)
    assert all(s in joined for s in sentences), "nothing of the paragraph is lost across messages"
    fake_telegram.assert_no_errors()


def test_error_in_handler_is_reported_and_bot_keeps_running(fake_telegram: FakeBotApi, run_bot, e5_services: Services) -> None:
    real_ask = e5_services.answers.ask

    def flaky_ask(question: str):
        if "崩溃" in question:
            raise RuntimeError("simulated failure inside the engine")
        return real_ask(question)

    e5_services.answers.ask = flaky_ask
    thread = run_bot()
    fake_telegram.inject_text(USER, "请让它崩溃")
    (apology,) = fake_telegram.wait_for_messages(USER, 1)
    assert apology["text"] == ERROR_REPLY
    fake_telegram.inject_text(USER, "关心干部生活能增强队伍的什么？")
    answer = fake_telegram.wait_for_messages(USER, 2)[-1]
    assert "凝聚力和向心力" in answer["text"]
    assert [type(e) for e in thread.handler_errors] == [RuntimeError]


def test_unsupported_messages_and_rate_limit(fake_telegram: FakeBotApi, run_bot) -> None:
    run_bot(rate_limit_count=2, rate_limit_window_s=60)
    fake_telegram.inject_sticker(USER)
    (reply,) = fake_telegram.wait_for_messages(USER, 1)
    assert reply["text"] == UNSUPPORTED
    for _ in range(3):
        fake_telegram.inject_text(USER, "质监干部工作的主题是什么？")
    replies = fake_telegram.wait_for_messages(USER, 4)[1:]
    assert sum("太频繁" in r["text"] for r in replies) == 1
    assert sum("出处" in r["text"] for r in replies) == 2


def test_load_twenty_users_five_questions_each(fake_telegram: FakeBotApi, run_bot) -> None:
    """100 different questions arrive at once; every one gets its right answer. Prints p50/p95."""
    run_bot()
    print(f"\nin-process load test: {burst(fake_telegram, first_user=2000)}")


def test_a_list_question_gets_numbered_quoted_points_in_one_message(fake_telegram: FakeBotApi, run_bot) -> None:
    run_bot()
    fake_telegram.inject_text(USER, "深化体制改革有哪几项举措？")
    (answer,) = fake_telegram.wait_for_messages(USER, 1)
    text = answer["text"]
    assert len(text) < 400, "one short message"
    assert "1." in text and "2." in text and "出处" in text, "numbered points with their source"
    assert "第4段" in text
    button = answer["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "查看原文"
    fake_telegram.inject_callback(USER, answer, button["callback_data"])
    original = fake_telegram.wait_for_messages(USER, 2)[-1]
    assert original["text"].startswith(f"《{TITLE}》第4段"), "the button opens the paragraph the points come from"
    fake_telegram.assert_no_errors()
