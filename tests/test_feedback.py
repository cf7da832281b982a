"""👍/👎 under Telegram answers, the reason a 👎 asks for, /gaps listing them first, and their export to eval."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from telegram.constants import InlineKeyboardButtonLimit

from bot import cli
from bot.gaps import export_feedback
from bot.progress.store import ANSWER_LOG_DAYS, DownVoted, LoggedAnswer, ProgressStore
from bot.services import Services
from bot.tgbot.app import build_application
from tests.conftest import SEEDS
from tests.telegram_fake import ApplicationThread, FakeBotApi

ADMIN, USER, OTHER = 9001, 1001, 1002
GROUP = -100200300
QUESTION = "关心干部生活能增强队伍的什么？"
OFF_TOPIC = "上海到杭州的高铁要多久？"
REASON = "应该说明为什么要关心干部生活"


def start_bot(fake_telegram: FakeBotApi, services: Services) -> ApplicationThread:
    settings = services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url, "admin_ids": [ADMIN]})
    return ApplicationThread(build_application(replace(services, settings=settings), fake_telegram.token)).start()


@pytest.fixture
def bot(fake_telegram: FakeBotApi, fake_services: Services) -> Iterator[list[ApplicationThread]]:
    """The running bot, as a list so a test can restart it on the same data dir."""
    fake_services.documents.ensure_seeded()
    running = [start_bot(fake_telegram, fake_services)]
    yield running
    running[-1].stop()


def buttons(message: dict) -> list[list[dict]]:
    return message.get("reply_markup", {}).get("inline_keyboard", [])


def vote_data(message: dict, label: str) -> str:
    return next(b["callback_data"] for row in buttons(message) for b in row if b["text"] == label)


def wait_message(server: FakeBotApi, chat: int, fragment: str, after: int = 0) -> dict:
    return server.wait_for(
        lambda: next((m for m in server.messages(chat)[after:] if fragment in m.get("text", "")), None), description=fragment
    )


def tap(server: FakeBotApi, user: int, message: dict, label: str) -> str:
    """Tap 👍 or 👎; the text the bot acknowledged the tap with."""
    before = len(server.callback_answers)
    server.inject_callback(user, message, vote_data(message, label))
    return server.wait_for(lambda: server.callback_answers[before]["text"] if len(server.callback_answers) > before else None, description="ack")


def ask(server: FakeBotApi, user: int, question: str) -> dict:
    before = len(server.messages(user))
    server.inject_text(user, question)
    return server.wait_for_messages(user, before + 1)[-1]


def gaps_reply(server: FakeBotApi) -> str:
    before = len(server.messages(ADMIN))
    server.inject_text(ADMIN, "/gaps")
    return server.wait_for_messages(ADMIN, before + 1)[-1]["text"]


def test_down_vote_with_reason_is_listed_first_in_gaps(fake_telegram: FakeBotApi, bot) -> None:
    answer = ask(fake_telegram, USER, QUESTION)
    assert "凝聚力和向心力" in answer["text"]
    (row,) = buttons(answer)
    assert [b["text"] for b in row] == ["查看原文", "👍", "👎"], "the votes sit beside 「查看原文」"
    assert all(len(b["callback_data"].encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA for b in row)
    refusal = ask(fake_telegram, OTHER, OFF_TOPIC)
    assert "没有找到" in refusal["text"] and not buttons(refusal), "a refusal is in /gaps already; no votes under it"

    assert "没帮助" in tap(fake_telegram, USER, answer, "👎")
    prompt = wait_message(fake_telegram, USER, "哪里不对")
    sent = next(c for c in fake_telegram.calls("sendMessage") if c.result and c.result["message_id"] == prompt["message_id"])
    assert sent.params["reply_markup"]["force_reply"] is True, "the client opens a reply to the prompt"
    fake_telegram.inject_text(USER, REASON, reply_to_message_id=prompt["message_id"])
    wait_message(fake_telegram, USER, "已记下")
    assert not any("没有找到" in m.get("text", "") for m in fake_telegram.messages(USER)), "the reason is not asked as a question"

    lines = gaps_reply(fake_telegram).splitlines()
    assert "👎" in lines[0]
    assert QUESTION in lines[1] and "👎 1 人" in lines[1]
    assert "凝聚力和向心力" in lines[2], "the answer's first line"
    assert REASON in lines[3]
    gap_header = next(n for n, line in enumerate(lines) if "资料没能很好回答" in line)
    assert gap_header > 3 and "高铁" in lines[gap_header + 1], "refused questions follow the 👎 answers"
    fake_telegram.assert_no_errors()


def test_a_question_whose_reply_cannot_be_delivered_is_still_in_gaps(fake_telegram: FakeBotApi, bot) -> None:
    fake_telegram.fail_next("sendMessage", "Forbidden: bot was blocked by the user", error_code=403)
    fake_telegram.inject_text(OTHER, OFF_TOPIC)
    fake_telegram.wait_for(lambda: any(e.method == "sendMessage" for e in fake_telegram.errors) or None, description="the failed reply")
    assert "高铁" in gaps_reply(fake_telegram), "the question was asked even though its reply was lost"


def test_a_second_tap_changes_the_vote_and_votes_survive_a_restart(fake_telegram: FakeBotApi, bot, fake_services: Services) -> None:
    answer = ask(fake_telegram, USER, QUESTION)
    assert tap(fake_telegram, USER, answer, "👎") == "已记录：没帮助 👎，谢谢反馈！"
    wait_message(fake_telegram, USER, "哪里不对")
    assert "已评价为「没帮助 👎」" in tap(fake_telegram, USER, answer, "👎")
    assert tap(fake_telegram, USER, answer, "👍") == "已改为：有帮助 👍。"
    assert sum("哪里不对" in m.get("text", "") for m in fake_telegram.messages(USER)) == 1, "one prompt per 👎, none for a repeat"
    assert "用户点 👎" not in gaps_reply(fake_telegram), "a changed vote no longer counts as 👎"

    other = ask(fake_telegram, OTHER, QUESTION)
    tap(fake_telegram, OTHER, other, "👎")
    bot[-1].stop()
    bot.append(start_bot(fake_telegram, fake_services))
    assert "👎 1 人" in gaps_reply(fake_telegram), "votes survive a restart"
    assert tap(fake_telegram, USER, answer, "👎") == "已改为：没帮助 👎。", "an answer sent before the restart can still be voted on"
    assert "👎 2 人" in gaps_reply(fake_telegram)
    fake_telegram.assert_no_errors()


def test_in_a_group_the_voter_is_asked_and_only_their_reply_is_the_reason(fake_telegram: FakeBotApi, bot) -> None:
    fake_telegram.inject_text(USER, f"/ask {QUESTION}", chat_id=GROUP)
    answer = wait_message(fake_telegram, GROUP, "凝聚力和向心力")
    tap(fake_telegram, USER, answer, "👎")
    prompt = wait_message(fake_telegram, GROUP, "哪里不对")
    assert any(e["type"] == "text_mention" and e["user"]["id"] == USER for e in prompt.get("entities", [])), "the voter is named"
    sent = next(c for c in fake_telegram.calls("sendMessage") if c.result and c.result["message_id"] == prompt["message_id"])
    assert sent.params["reply_markup"]["selective"] is True, "only the voter's client opens the reply"
    fake_telegram.inject_text(USER, REASON, chat_id=GROUP, reply_to_message_id=prompt["message_id"])
    wait_message(fake_telegram, GROUP, "已记下")
    assert REASON in gaps_reply(fake_telegram)
    fake_telegram.assert_no_errors()


def test_exported_down_votes_load_in_eval_and_score_once_filled(
    fake_telegram: FakeBotApi, bot, fake_services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = ask(fake_telegram, USER, QUESTION)
    tap(fake_telegram, USER, answer, "👎")
    prompt = wait_message(fake_telegram, USER, "哪里不对")
    fake_telegram.inject_text(USER, REASON, reply_to_message_id=prompt["message_id"])
    wait_message(fake_telegram, USER, "已记下")

    export = tmp_path / "feedback.jsonl"
    assert cli.main(["--data-dir", str(fake_services.settings.data_dir), "gaps", "--export", str(export)]) == 0
    out = capsys.readouterr().out
    assert QUESTION in out and REASON in out and out.index("👎") < out.index("拒答或把握度低")
    (line,) = [json.loads(text) for text in export.read_text(encoding="utf-8").splitlines()]
    assert line["q"] == QUESTION and "gold" not in line and line["reasons"] == [REASON]
    assert "凝聚力和向心力" in line["bot_answer"] and line["sources"][0]["paragraph"] == 5

    for key in [k for k in os.environ if k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_")) and k != "CADRE_BOT_CACHE_DIR"]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))
    eval_dir = tmp_path / "eval-data"
    assert cli.main(["--data-dir", str(eval_dir), "eval", str(export)]) == 0
    out = capsys.readouterr().out
    assert "needs a span         1" in out and f"TODO {QUESTION}" in out, "an unfinished line is reported, not scored"
    assert "gold in answer       0/0" in out

    export.write_text(json.dumps({**line, "gold": "增强队伍的凝聚力和向心力"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert cli.main(["--data-dir", str(eval_dir), "eval", str(export), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["in_scope"] == 1 and report["answered_with_gold"] == 1 and report["needs_span"] == []


def logged(token: str, asked_at: datetime) -> LoggedAnswer:
    return LoggedAnswer(token, USER, USER, QUESTION, "key", "答", [], False, 0.5, asked_at.isoformat())


def test_the_answer_log_keeps_voted_answers_and_drops_old_unvoted_ones(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    now = datetime(2026, 12, 1, tzinfo=timezone.utc)
    old = now - timedelta(days=ANSWER_LOG_DAYS + 1)
    store.log_answer(logged("voted", old))
    store.log_answer(logged("unvoted", old))
    assert store.vote("voted", USER, -1, USER, old) is not None
    store.log_answer(logged("new", now))
    assert store.vote("unvoted", USER, -1, USER, now) is None, "an old unvoted answer is gone: the tap is told so"
    assert store.vote("voted", OTHER, -1, OTHER, now) is not None, "a voted answer stays"


def test_in_a_group_another_users_reply_to_the_prompt_is_neither_the_reason_nor_a_question(fake_telegram: FakeBotApi, bot) -> None:
    fake_telegram.inject_text(USER, f"/ask {QUESTION}", chat_id=GROUP)
    answer = wait_message(fake_telegram, GROUP, "凝聚力和向心力")
    tap(fake_telegram, USER, answer, "👎")
    prompt = wait_message(fake_telegram, GROUP, "哪里不对")
    remark = fake_telegram.inject_text(OTHER, OFF_TOPIC, chat_id=GROUP, reply_to_message_id=prompt["message_id"])
    fake_telegram.inject_text(USER, REASON, chat_id=GROUP, reply_to_message_id=prompt["message_id"])
    thanks = wait_message(fake_telegram, GROUP, "已记下")
    assert thanks["reply_to_message"]["from"]["id"] == USER, "only the voter is thanked"
    gaps = gaps_reply(fake_telegram)
    assert REASON in gaps and "高铁" not in gaps, "the other user's words are no reason"
    replies = [m for m in fake_telegram.messages(GROUP) if m.get("reply_to_message", {}).get("message_id") == remark["message"]["message_id"]]
    assert replies == [], "the other user's remark is not answered as a question"
    fake_telegram.assert_no_errors()


def test_a_reason_replying_to_a_prompt_not_stored_yet_goes_to_the_newest_down_vote(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    now = datetime.now(timezone.utc)
    store.log_answer(logged("a", now))
    store.vote("a", USER, -1, USER, now)
    assert not store.record_reason(USER, 99, USER, REASON), "a reply to some other message is a question"
    assert store.record_reason(USER, 99, USER, REASON, latest=True)
    (item,) = store.down_voted(now - timedelta(days=1), 10)
    assert item.reasons == [REASON]


def test_exporting_again_keeps_the_spans_an_admin_filled_in(tmp_path: Path) -> None:
    def voted(question: str) -> DownVoted:
        return DownVoted(question, "答", [], False, 1, [], "2026-12-01T00:00:00+00:00")

    export = tmp_path / "feedback.jsonl"
    assert export_feedback([voted("甲问题？")], export) == 1
    filled = {**json.loads(export.read_text(encoding="utf-8")), "gold": "甲答案"}
    own = {"q": "管理员自己加的问题？", "gold": None}
    export.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in (filled, own)), encoding="utf-8")
    assert export_feedback([voted("甲问题？"), voted("乙问题？")], export) == 1
    lines = [json.loads(text) for text in export.read_text(encoding="utf-8").splitlines()]
    assert lines[:2] == [filled, own] and [line["q"] for line in lines[2:]] == ["乙问题？"]
