"""Every Telegram reply stays within Telegram's limits, whatever the material: huge titles, endless
paragraphs, sentences without punctuation, emoji, HTML-heavy text; and the bot's own memory stays bounded."""

from __future__ import annotations

import asyncio
import gc
import html
import random
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot.answering import Answer, Source
from bot.progress.store import ProgressStore
from bot.services import Services
from bot.study import Feedback
from bot.tgbot import quiz_handlers
from bot.tgbot.app import build_application
from bot.tgbot.formatting import TITLE_CHARS, answer_html, pack, paragraph_messages, utf16_len
from bot.tgbot.quiz_formatting import feedback_messages
from bot.tgbot.ratelimit import RateLimiter
from bot.tgbot.services import BotServices
from ingest.errors import StoreError
from tests.telegram_fake import ApplicationThread, FakeBotApi
from tests.telegram_fake.fixtures import FAKE_TOKEN
from tests.telegram_fake.html_parser import parse_html
from tests.telegram_fake.validation import MAX_RAW_TEXT_BYTES

ADMIN, USER, GROUP = 9001, 1001, -100200300
LIMIT = MessageLimit.MAX_TEXT_LENGTH
HUGE_TITLE = "关于进一步加强计量监督管理工作的实施意见" * 500  # 10,000 characters


def telegram_text(message: str) -> str:
    """What Telegram would show, after rejecting what it would reject: bad HTML, oversize text."""
    assert len(message.encode("utf-8")) <= MAX_RAW_TEXT_BYTES
    text, _ = parse_html(message, strict_ampersand=True)
    assert text.strip(), "Telegram rejects empty messages"
    assert utf16_len(text) <= LIMIT
    return text


def random_text(rng: random.Random, size: int) -> str:
    alphabet = ["质", "量", "监", "督", "。", "；", "\n", " ", "&", "<", ">", '"', "'", "😀", "𠀀", "a", "&amp;"]
    weights = [8, 8, 8, 8, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 1, 3, 1]
    if rng.random() < 0.3:
        alphabet, weights = ["质", "😀", "&", "<"], [5, 2, 1, 1]  # unbreakable: no sentence end anywhere
    return "".join(rng.choices(alphabet, weights, k=size))


def test_pack_always_terminates_and_every_message_fits() -> None:
    rng = random.Random(20261202)
    for case in range(150):
        header_size = rng.choice([0, 10, 2_000, 4_090, 4_100, 10_000])
        header = html.escape(random_text(rng, header_size))
        if rng.random() < 0.3:
            header = f"<b>{header}</b>\n"
        segments = [(random_text(rng, rng.choice([1, 50, 3_000, 9_000])), rng.random() < 0.3) for _ in range(rng.randint(1, 6))]
        limit = rng.choice([LIMIT, LIMIT, 64, 9])
        messages = pack(segments, header=header, limit=limit)
        shown = ""
        for message in messages:
            text, _ = parse_html(message, strict_ampersand=True)
            assert text.strip(), f"case {case}: an empty message"
            assert utf16_len(text) <= limit, f"case {case}: {utf16_len(text)} units"
            assert len(message.encode("utf-8")) <= MAX_RAW_TEXT_BYTES
            shown += text
        body = "".join(text for text, _ in segments)
        assert "".join(shown.split()).endswith("".join(body.split())), f"case {case}: text was lost"


def huge_answer(quote: str) -> Answer:
    source = Source(doc_id="0123456789", title=HUGE_TITLE, paragraph=3, text=quote, score=0.9, sentence=1, section="（一）" + "工作目标" * 1_000)
    return Answer(question="问题", quote=quote, refused=False, citation="出处…", sources=(source, source), confidence=0.9)


@pytest.mark.parametrize("quote", ["电子秤强制检定" * 15_000, "检定&<😀" * 25_000, "短句。"])
def test_an_answer_is_one_valid_message_whatever_the_quote_and_title(quote: str) -> None:
    text = telegram_text(answer_html(huge_answer(quote)))
    assert text.startswith(quote[:100])
    assert f"出处《{HUGE_TITLE[:TITLE_CHARS]}…》第3段" in text


def test_a_refusal_with_huge_titles_and_topics_fits() -> None:
    refusal = Answer(question="问题", quote="抱歉，学习资料中没有找到。", refused=True)
    telegram_text(answer_html(refusal, topics=["强化教育培训" * 2_000] * 6, titles=[HUGE_TITLE] * 5))


def test_original_paragraph_comes_in_bounded_pages_that_cover_it_all() -> None:
    sentence = "每年十一月三十日前完成电子秤强制检定" * 6_000  # 108,000 characters, no sentence end
    pages, page, more = [], 0, True
    while more:
        messages, more = paragraph_messages(HUGE_TITLE, 7, ["第一句。", sentence], [2], page)
        assert 1 <= len(messages) <= 2, "one tap shows at most two messages"
        pages.append("".join(telegram_text(m) for m in messages))
        page += 1
    assert pages[0].startswith(f"《{HUGE_TITLE[:TITLE_CHARS]}…》第7段")
    assert "".join(pages).endswith("第一句。" + sentence)


def test_quiz_feedback_from_a_huge_paragraph_is_bounded() -> None:
    answer = "十一月三十日"
    sentence = "检定" * 40_000 + f"截止日期是{answer}" + "检定" * 40_000
    item = {"answer": answer, "source": {"title": HUGE_TITLE, "paragraph": 2, "text": sentence}}
    feedback = Feedback(chat_id=USER, correct=False, item=item, paragraph=["前文。" * 5_000, sentence, "后文。" * 5_000], next_question=None, summary=None)
    messages = feedback_messages(feedback)
    assert 1 <= len(messages) <= 2
    shown = "".join(telegram_text(m) for m in messages)
    assert f"截止日期是{answer}" in shown, "the answer in its source sentence is shown"
    assert f"出处《{HUGE_TITLE[:TITLE_CHARS]}…》" in shown


def test_rate_limiter_warns_once_per_window_and_forgets_idle_users() -> None:
    now = [0.0]
    limiter = RateLimiter(1, 60, clock=lambda: now[0])
    assert limiter.allow(1) == 0
    waits = [limiter.allow(1) for _ in range(5)]
    assert all(waits)
    assert [limiter.should_warn(1, w) for w in waits] == [True, False, False, False, False]
    now[0] = 61
    assert limiter.allow(1) == 0 and limiter.allow(1)
    assert limiter.should_warn(1, limiter.allow(1)), "a new throttled stretch gets its notice again"
    for user in range(2, 1_000):
        limiter.allow(user)
    now[0] = 200
    limiter.allow(5_000)
    assert limiter.tracked() == 1, "users with nothing in their window are forgotten"


def test_quiz_locks_of_idle_users_are_not_kept() -> None:
    context = SimpleNamespace(bot_data=BotServices())

    async def use_locks() -> None:
        for user in range(500):
            async with quiz_handlers._user_lock(context, user):
                assert quiz_handlers._user_lock(context, user).locked(), "the same lock while it is held"

    asyncio.run(use_locks())
    gc.collect()
    assert len(context.bot_data.quiz_locks) == 0


def test_question_log_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    now = datetime(2026, 12, 1, tzinfo=timezone.utc)
    store.log_question(1, "很久以前的问题", "很久以前的问题", True, 0.0, now - timedelta(days=120))
    monkeypatch.setattr("bot.progress.store.QUESTION_LOG_ROWS", 3)
    for n in range(5):
        store.log_question(1, f"问题{n}", f"问题{n}", True, 0.0, now + timedelta(minutes=n))
    assert sorted(g.question for g in store.gaps(now - timedelta(days=1000), 100)) == ["问题2", "问题3", "问题4"]


# End to end through the fake Bot API


@pytest.fixture
def telegram() -> Iterator[FakeBotApi]:
    """Privacy mode off, as for a bot that is a group admin: it sees every group message."""
    with FakeBotApi(token=FAKE_TOKEN, privacy_mode=False) as server:
        yield server


@pytest.fixture
def bot(telegram: FakeBotApi, fake_services: Services) -> Iterator[ApplicationThread]:
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(
        update={"telegram_api_url": telegram.root_url, "admin_ids": [ADMIN], "rate_limit_count": 100}
    )
    thread = ApplicationThread(build_application(replace(fake_services, settings=settings), telegram.token)).start()
    yield thread
    thread.stop()


def texts(server: FakeBotApi, chat: int) -> list[str]:
    return [m.get("text", "") for m in server.messages(chat)]


def wait_text(server: FakeBotApi, chat: int, fragment: str) -> dict:
    return server.wait_for(lambda: next((m for m in server.messages(chat) if fragment in m.get("text", "")), None), description=fragment)


def buttons(message: dict) -> list[dict]:
    return [b for row in message.get("reply_markup", {}).get("inline_keyboard", []) for b in row]


def test_a_document_with_a_huge_title_can_be_uploaded_asked_viewed_and_removed(telegram: FakeBotApi, bot, fake_services: Services) -> None:
    content = f"{HUGE_TITLE}\n\n电子秤强制检定的截止日期是每年十一月三十日。\n"
    telegram.inject_document(ADMIN, "长标题.txt", content.encode("utf-8"))
    summary = wait_text(telegram, ADMIN, "✅")["text"]
    assert f"《{HUGE_TITLE[:TITLE_CHARS]}…》" in summary

    telegram.inject_text(USER, "电子秤强制检定的截止日期是哪天？")
    (answer,) = telegram.wait_for_messages(USER, 1)
    assert "十一月三十日" in answer["text"] and "出处《" in answer["text"]
    telegram.inject_callback(USER, answer, buttons(answer)[0]["callback_data"])
    original = telegram.wait_for_messages(USER, 2)[-1]
    assert "每年十一月三十日" in original["text"]

    telegram.inject_text(ADMIN, "/docs")
    assert f"《{HUGE_TITLE[:TITLE_CHARS]}…》" in wait_text(telegram, ADMIN, "份学习资料")["text"]

    doc_id = next(d.doc_id for d in fake_services.documents.records() if d.source == "长标题.txt")
    telegram.inject_text(ADMIN, f"/remove {doc_id}")
    confirm = wait_text(telegram, ADMIN, "确定要删除")
    telegram.inject_callback(ADMIN, confirm, f"rm:{doc_id}")
    wait_text(telegram, ADMIN, "已删除")
    assert all(d.doc_id != doc_id for d in fake_services.documents.records())
    telegram.assert_no_errors()


def test_a_huge_paragraph_is_read_two_messages_per_tap(telegram: FakeBotApi, bot, fake_services: Services, tmp_path: Path) -> None:
    header = "《计量台账管理规定》第1段\n\n"
    paragraph = "电子秤强制检定的截止日期是每年十一月三十日。" + "计量台账归档备查" * 5_000
    doc = tmp_path / "台账.txt"
    doc.write_text(f"计量台账管理规定\n\n{paragraph}\n", encoding="utf-8")
    fake_services.documents.ingest([doc])
    telegram.inject_text(USER, "电子秤强制检定的截止日期是哪天？")
    (answer,) = telegram.wait_for_messages(USER, 1)

    def tap(message: dict) -> list[dict]:
        before = len(telegram.messages(USER))
        telegram.inject_callback(USER, message, buttons(message)[0]["callback_data"])

        def page() -> list[dict] | None:
            new = telegram.messages(USER)[before:]
            complete = len("".join(texts(telegram, USER)[1:])) >= len(header + paragraph)
            return new if new and (buttons(new[-1]) or complete) else None

        return telegram.wait_for(page, description="a page of the paragraph")

    pages = [tap(answer)]
    while buttons(pages[-1][-1]):
        (more,) = buttons(pages[-1][-1])
        assert more["text"] == "继续阅读"
        assert len(more["callback_data"].encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
        pages.append(tap(pages[-1][-1]))
    assert len(pages) > 1 and all(len(page) <= 2 for page in pages), "one tap shows at most two messages"
    assert "".join(texts(telegram, USER)[1:]) == header + paragraph, "every part is reachable, nothing repeats"
    telegram.assert_no_errors()


def test_gaps_of_many_long_questions_fit(telegram: FakeBotApi, bot) -> None:
    for n in range(15):
        telegram.inject_text(USER + n, f"第{n}个问题：" + "火星上的沙尘暴一般持续多久" * 36)  # just under the question length cap
    gaps = bot.application.bot_data.gaps
    telegram.wait_for(lambda: len(gaps.recent()) == 15 or None, description="15 gaps recorded")
    telegram.inject_text(ADMIN, "/gaps")
    reply = wait_text(telegram, ADMIN, "资料没能很好回答")["text"]
    assert "火星上的沙尘暴" in reply and "15." in reply
    telegram.assert_no_errors()


def test_files_in_groups_are_ignored(telegram: FakeBotApi, bot, fake_services: Services) -> None:
    before = fake_services.documents.records()
    content = "检查通知\n\n各区县须在十二月十五日前完成自查。\n".encode("utf-8")
    telegram.inject_document(ADMIN, "通知.txt", content, chat_id=GROUP)
    telegram.inject_document(USER, "通知.txt", content, chat_id=GROUP)
    telegram.inject_text(USER, "/help")
    wait_text(telegram, USER, "使用方法")
    wait_until_idle(bot)
    assert telegram.messages(GROUP) == [], "files in groups get no reply"
    assert telegram.calls("getFile") == []
    assert fake_services.documents.records() == before


def test_an_edited_question_is_not_answered_again(telegram: FakeBotApi, bot) -> None:
    question = telegram.inject_text(USER, "关心干部生活能增强队伍的什么？")["message"]
    (answer,) = telegram.wait_for_messages(USER, 1)
    telegram.inject_update({"edited_message": {**question, "text": "关心干部生活能增强队伍的什么？？", "edit_date": question["date"] + 5}})
    telegram.inject_text(USER, "党风廉政建设要确保干部怎样做事做人？")
    wait_text(telegram, USER, "清清白白")
    wait_until_idle(bot)
    assert texts(telegram, USER).count(answer["text"]) == 1


def wait_until_idle(bot: ApplicationThread) -> None:
    """Until no update is being handled: updates start in order, so every earlier one is done too."""
    deadline = time.monotonic() + 10
    while bot.application.update_processor.current_concurrent_updates and time.monotonic() < deadline:
        time.sleep(0.01)


def test_throttled_user_gets_one_notice_per_window(telegram: FakeBotApi, fake_services: Services) -> None:
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(update={"telegram_api_url": telegram.root_url, "rate_limit_count": 1, "rate_limit_window_s": 600})
    with ApplicationThread(build_application(replace(fake_services, settings=settings), telegram.token)) as bot:
        for _ in range(6):
            telegram.inject_text(USER, "质监干部工作的主题是什么？")
        telegram.wait_for_messages(USER, 2)
        telegram.inject_text(USER, "/help")
        wait_text(telegram, USER, "使用方法")
        wait_until_idle(bot)
        assert sum("太频繁" in t for t in texts(telegram, USER)) == 1


def test_a_refused_reindex_tells_the_admin_why(telegram: FakeBotApi, bot, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args, **kwargs):
        raise StoreError("disk full during reindex", "磁盘空间不足，写入失败，知识库未做任何修改。")

    monkeypatch.setattr(bot.application.bot_data.documents, "reindex", full)
    telegram.inject_text(ADMIN, "/reindex")
    status = wait_text(telegram, ADMIN, "❌")["text"]
    assert "磁盘空间不足" in status
    assert not any("正在" in t for t in texts(telegram, ADMIN)), "no status is left saying it is still working"


def test_a_failed_upload_always_finishes_its_status(telegram: FakeBotApi, bot, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(bot.application.bot_data.documents, "ingest", broken)
    telegram.inject_document(ADMIN, "通知.txt", "检查通知\n\n各区县须在十二月十五日前完成自查。\n".encode("utf-8"))
    status = wait_text(telegram, ADMIN, "❌")["text"]
    assert "《通知.txt》" in status and "出错" in status
    assert not any("正在" in t for t in texts(telegram, ADMIN)), "no status is left saying it is still working"
