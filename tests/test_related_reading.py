"""A refusal that still helps: on-topic material that does not answer is offered as related reading,
never as the answer; an off-topic question gets none. In the CLI, its JSON and the Telegram reply."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot import cli
from bot.answering import MAX_RELATED, RELATED_HEADING, REFUSAL_TEXT
from bot.services import Services
from bot.tgbot.app import build_application
from tests.conftest import SEEDS, visible_sentences
from tests.telegram_fake import ApplicationThread, FakeBotApi

USER = 1001
TITLE = "浅谈质量强国与质监干部队伍建设"
NEAR_MISS = "质量技术检测干部需要考什么职业资格证书？"  # the essay speaks of their training, names no certificate (dev set: refused)
OFF_TOPIC = "上海到杭州的高铁要多久？"
RELATED_KEYS = {"text", "doc_id", "title", "paragraph"}


def test_a_near_miss_is_refused_with_related_reading(fake_services: Services) -> None:
    fake_services.documents.ensure_seeded()
    answer = fake_services.answers.ask(NEAR_MISS)
    assert answer.refused and not answer.sources and not answer.citation, "related reading is not an answer"
    assert 1 <= len(answer.related) <= MAX_RELATED
    assert "谈到了这个话题" in answer.quote and "没有找到能回答这个问题的内容" in answer.quote
    sentences = {s.text for s in visible_sentences(fake_services)}
    assert all(r.text in sentences and r.title == TITLE for r in answer.related), "verbatim sentences of the materials"
    assert len({(r.doc_id, r.paragraph) for r in answer.related}) == len(answer.related), "one passage a paragraph"
    assert f"{RELATED_HEADING}：" in answer.text and answer.related[0].text in answer.text
    payload = answer.to_json()
    assert payload["refused"] is True and payload["sources"] == []
    assert [set(item) for item in payload["related"]] == [RELATED_KEYS] * len(answer.related)


def test_an_off_topic_question_gets_no_related_reading(fake_services: Services) -> None:
    fake_services.documents.ensure_seeded()
    answer = fake_services.answers.ask(OFF_TOPIC)
    assert answer.refused and answer.related == ()
    assert answer.text == REFUSAL_TEXT and RELATED_HEADING not in answer.text
    assert "related" not in answer.to_json(), "the JSON of a plain refusal is as before"


@pytest.fixture
def lexical_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command in process with BM25 alone (the rules answer), on the seed essay."""
    for key in [k for k in os.environ if k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_")) and k != "CADRE_BOT_CACHE_DIR"]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))


def test_ask_shows_related_reading_in_json_and_text(lexical_cli: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--data-dir", str(tmp_path), "ask", NEAR_MISS, "--json"]) == 0
    near = json.loads(capsys.readouterr().out)
    assert near["refused"] is True and 1 <= len(near["related"]) <= MAX_RELATED
    assert all(set(item) == RELATED_KEYS and item["title"] == TITLE for item in near["related"])

    assert cli.main(["--data-dir", str(tmp_path), "ask", NEAR_MISS]) == 0
    text = capsys.readouterr().out
    assert f"{RELATED_HEADING}：" in text and near["related"][0]["text"] in text
    assert f"出处《{TITLE}》第{near['related'][0]['paragraph']}段" in text

    assert cli.main(["--data-dir", str(tmp_path), "ask", OFF_TOPIC, "--json"]) == 0
    off = json.loads(capsys.readouterr().out)
    assert off["refused"] is True and "related" not in off


@pytest.fixture
def fake_bot(fake_telegram: FakeBotApi, fake_services: Services) -> Iterator[FakeBotApi]:
    """The real bot on the seed essay with the fake embedder, against the fake Bot API."""
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url})
    thread = ApplicationThread(build_application(replace(fake_services, settings=settings), fake_telegram.token)).start()
    yield fake_telegram
    thread.stop()


def test_the_telegram_reply_offers_related_reading_under_its_heading(fake_bot: FakeBotApi, fake_services: Services) -> None:
    related = fake_services.answers.ask(NEAR_MISS).related
    fake_bot.inject_text(USER, NEAR_MISS)
    (reply,) = fake_bot.wait_for_messages(USER, 1)
    text = reply["text"]
    assert "没有找到能回答这个问题的内容" in text
    assert f"{RELATED_HEADING}：" in text, "marked as related reading, not the answer"
    assert text.index("没有找到") < text.index(RELATED_HEADING) < text.index(related[0].text)
    assert f"出处《{TITLE}》第{related[0].paragraph}段" in text
    assert "目前的学习资料有" not in text, "the related passages say what is covered"
    buttons = [b["text"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons and all(b.startswith("查看原文") for b in buttons), "each passage can be read in full"

    fake_bot.inject_text(USER, OFF_TOPIC)
    off = fake_bot.wait_for_messages(USER, 2)[-1]
    assert RELATED_HEADING not in off["text"] and "目前的学习资料有" in off["text"]
    assert "reply_markup" not in off
    fake_bot.assert_no_errors()


@pytest.mark.parametrize("question", ["中央八项规定是哪一年出台的？", "质监局有多少名干部？"])
def test_the_rules_refuse_a_when_or_how_many_quote_without_one(fake_services: Services, question: str) -> None:
    """Without the answer model too: the essay names the 中央八项规定 and 每一名干部, with no year and no head count."""
    fake_services.documents.ensure_seeded()
    assert not fake_services.answers.learned
    answer = fake_services.answers.ask(question)
    assert answer.refused and not answer.sources, answer.quote
