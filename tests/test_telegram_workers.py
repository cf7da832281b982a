"""Slow work of one kind does not hold up the rest: a hung LLM against /docs, /stats and quiz answers,
and a start-up that never asks the LLM anything."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

from bot.llm.client import MAX_IN_FLIGHT
from bot.services import build_services
from bot.settings import Settings
from bot.tgbot.app import build_application
from ingest.embeddings import EmbeddingChoice
from tests.openai_fake import FakeOpenAIProcess, FakeOpenAIThread
from tests.telegram_fake import ApplicationThread, FakeBotApi

QUESTION = "关心干部生活能增强队伍的什么？"
QUIZZER, DOCS_READER, STATS_READER = 4001, 4002, 4003
# As many slow questions as asyncio's default thread pool has threads: enough to fill it.
SLOW = max(MAX_IN_FLIGHT + 1, min(32, (os.cpu_count() or 1) + 4))
ASKERS = range(5001, 5001 + SLOW)


def start_bot(fake_telegram: FakeBotApi, settings: Settings, choice: EmbeddingChoice, llm: FakeOpenAIProcess, model: str) -> ApplicationThread:
    configured = settings.model_copy(
        update={"telegram_api_url": fake_telegram.root_url, "llm_base_url": llm.base_url, "llm_model": model, "llm_timeout_s": 60.0}
    )
    services = build_services(configured, choice)
    return ApplicationThread(build_application(services, fake_telegram.token)).start()


def eventually(predicate: Callable[[], bool], description: str, timeout: float = 10.0) -> None:
    """For state outside the fake Bot API (the fake LLM server's request log), which has no change signal."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {description}"
        time.sleep(0.05)


def unanswered(fake_telegram: FakeBotApi) -> list[int]:
    return [user for user in ASKERS if not fake_telegram.messages(user)]


@pytest.mark.slow  # fills the worker pool with hung LLM calls, and ends them by killing the LLM process
def test_hung_llm_questions_leave_docs_stats_and_quiz_answers_working(
    fake_telegram: FakeBotApi, settings: Settings, fake_choice: EmbeddingChoice
) -> None:
    with FakeOpenAIProcess() as llm:
        bot = start_bot(fake_telegram, settings, fake_choice, llm, "hang")
        try:
            fake_telegram.inject_text(QUIZZER, "/quiz 2")
            poll = fake_telegram.wait_for(lambda: fake_telegram.calls("sendPoll"), description="a quiz poll")[0].message["poll"]
            for user in ASKERS:
                fake_telegram.inject_text(user, QUESTION)
            # The LLM cap is full, so the questions beyond it get the extractive answer instead of waiting.
            fake_telegram.wait_for(lambda: len(unanswered(fake_telegram)) == MAX_IN_FLIGHT or None, description="answers beyond the LLM cap")
            eventually(lambda: len(llm.requests()) == MAX_IN_FLIGHT, f"{MAX_IN_FLIGHT} pending LLM requests")
            assert all("增强队伍的凝聚力和向心力" in fake_telegram.messages(u)[-1]["text"] for u in ASKERS if u not in unanswered(fake_telegram))

            fake_telegram.inject_text(DOCS_READER, "/docs")
            fake_telegram.inject_text(STATS_READER, "/stats")
            fake_telegram.inject_poll_answer(QUIZZER, poll["id"], [poll["correct_option_ids"][0] if "correct_option_ids" in poll else poll["correct_option_id"]])
            assert "浅谈质量强国与质监干部队伍建设" in fake_telegram.wait_for_messages(DOCS_READER, 1)[0]["text"]
            assert "还没有答过题" in fake_telegram.wait_for_messages(STATS_READER, 1)[0]["text"]
            fake_telegram.wait_for(lambda: len(fake_telegram.calls("sendPoll")) == 2 or None, description="the quiz's next poll")
            assert any("回答正确" in m.get("text", "") for m in fake_telegram.messages(QUIZZER))

            assert len(unanswered(fake_telegram)) == MAX_IN_FLIGHT, "the LLM calls were still pending throughout"
            assert len(llm.requests()) == MAX_IN_FLIGHT, "no more than the cap were ever sent"
        finally:
            llm.__exit__(None, None, None)  # the hung calls fail now and fall back, so the bot can stop
            bot.stop(timeout=30)


def test_start_up_asks_the_llm_nothing(fake_telegram: FakeBotApi, settings: Settings, fake_choice: EmbeddingChoice) -> None:
    with FakeOpenAIThread() as llm:
        bot = start_bot(fake_telegram, settings, fake_choice, llm, "good")
        try:
            fake_telegram.inject_text(QUIZZER, "/start")
            (welcome,) = fake_telegram.wait_for_messages(QUIZZER, 1)
            assert welcome["reply_markup"]["inline_keyboard"], "example questions are still offered"
            assert llm.requests() == [], "choosing the example questions made no LLM request"
        finally:
            bot.stop()
