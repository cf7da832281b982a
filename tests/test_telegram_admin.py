"""Admin document management through the fake Bot API: upload, refusals, /remove, /reindex, /gaps."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import docx
import pytest

import bot.study
from bot.progress.store import ProgressStore
from bot.services import Services
from bot.study import StudyService
from bot.tgbot.admin_handlers import NOT_ADMIN
from bot.tgbot.app import build_application
from tests.telegram_fake import ApplicationThread, FakeBotApi

ADMIN, USER = 9001, 1001


def notice_docx() -> bytes:
    document = docx.Document()
    document.add_heading("关于开展计量器具专项检查的通知", level=1)
    document.add_paragraph("一、检查范围")
    document.add_paragraph("本次检查覆盖全市加油站的燃油加油机和集贸市场的电子计价秤。")
    document.add_paragraph("二、时间安排")
    document.add_paragraph("各区县须在十二月十五日前完成自查并报送自查报告。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def admin_bot(fake_telegram: FakeBotApi, fake_services: Services) -> Iterator[ApplicationThread]:
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url, "admin_ids": [ADMIN]})
    thread = ApplicationThread(build_application(replace(fake_services, settings=settings), fake_telegram.token)).start()
    yield thread
    thread.stop()


def last_text(server: FakeBotApi, chat: int) -> str:
    return server.messages(chat)[-1].get("text", "")


def wait_text(server: FakeBotApi, chat: int, fragment: str) -> str:
    return server.wait_for(lambda: next((m["text"] for m in server.messages(chat) if fragment in m.get("text", "")), None), description=fragment)


def test_admin_uploads_docx_and_users_get_answers_from_it(fake_telegram: FakeBotApi, admin_bot, fake_services: Services) -> None:
    fake_telegram.inject_document(ADMIN, "检查通知.docx", notice_docx())
    summary = wait_text(fake_telegram, ADMIN, "✅")
    assert "《关于开展计量器具专项检查的通知》" in summary and "新增" in summary
    fake_telegram.inject_text(USER, "各区县什么时候前要完成自查？")
    (answer,) = fake_telegram.wait_for_messages(USER, 1)
    assert "十二月十五日前完成自查" in answer["text"]
    assert "出处《关于开展计量器具专项检查的通知》" in answer["text"]
    assert "（二、时间安排）" in answer["text"], "the numbered section shows in the citation"

    fake_telegram.inject_document(ADMIN, "检查通知.docx", notice_docx())
    fake_telegram.wait_for(lambda: sum("内容未变化" in m.get("text", "") for m in fake_telegram.messages(ADMIN)) or None)

    doc_id = next(d.doc_id for d in fake_services.documents.records() if d.title.startswith("关于开展"))
    fake_telegram.inject_text(ADMIN, f"/remove {doc_id}")
    confirm = fake_telegram.wait_for(lambda: next((m for m in fake_telegram.messages(ADMIN) if "确定要删除" in m.get("text", "")), None))
    fake_telegram.inject_callback(ADMIN, confirm, f"rm:{doc_id}")
    wait_text(fake_telegram, ADMIN, "已删除")
    fake_telegram.inject_text(USER, "各区县什么时候前要完成自查？")
    second = fake_telegram.wait_for_messages(USER, 2)[-1]
    assert "十二月十五日" not in second["text"] and "没有找到" in second["text"]
    fake_telegram.assert_no_errors()


def test_non_admin_cannot_upload_or_manage(fake_telegram: FakeBotApi, admin_bot, fake_services: Services) -> None:
    before = fake_services.documents.records()
    fake_telegram.inject_document(USER, "检查通知.docx", notice_docx())
    for command in ("/remove " + before[0].doc_id, "/reindex", "/gaps"):
        fake_telegram.inject_text(USER, command)
    replies = fake_telegram.wait_for_messages(USER, 4)
    assert all(r["text"] == NOT_ADMIN for r in replies)
    assert fake_telegram.calls("getFile") == [], "nothing is downloaded for a non-admin"
    assert fake_services.documents.records() == before


@pytest.mark.parametrize(
    "name,content,size,reason",
    [
        ("表格.xlsx", b"PK\x03\x04", None, "不支持的文件类型"),
        ("大文件.pdf", b"%PDF-1.4", 25 * 1024 * 1024, "20 MB"),
        ("空白.txt", b"   \n", None, "没有可用的正文"),
        ("乱码.txt", bytes(range(256)) * 4, None, "编码"),
    ],
)
def test_bad_uploads_get_a_reason_and_change_nothing(fake_telegram: FakeBotApi, admin_bot, fake_services: Services, name: str, content: bytes, size: int | None, reason: str) -> None:
    before = fake_services.documents.records()
    fake_telegram.inject_document(ADMIN, name, content, file_size=size)
    text = wait_text(fake_telegram, ADMIN, reason)
    assert "✅" not in text
    assert fake_services.documents.records() == before
    if size:
        assert fake_telegram.calls("getFile") == [], "an oversize file is not downloaded"


def test_gaps_and_reindex(fake_telegram: FakeBotApi, admin_bot, fake_services: Services) -> None:
    for _ in range(2):
        fake_telegram.inject_text(USER, "质监干部的工资标准是多少？")
    fake_telegram.inject_text(USER + 1, "质监干部的工资标准是多少？")
    fake_telegram.inject_text(USER, "上海到杭州的高铁要多久？")
    fake_telegram.wait_for_messages(USER, 3)
    fake_telegram.wait_for_messages(USER + 1, 1)
    gaps_service = admin_bot.application.bot_data.gaps
    fake_telegram.wait_for(lambda: sum(g.times for g in gaps_service.recent()) == 4 or None, description="gaps recorded")
    fake_telegram.inject_text(ADMIN, "/gaps")
    gaps = wait_text(fake_telegram, ADMIN, "资料没能很好回答")
    lines = gaps.splitlines()
    assert "工资标准" in lines[1] and "3 次，2 人" in lines[1], "most frequent first"
    assert "高铁" in lines[2]
    fake_telegram.inject_text(ADMIN, "/reindex")
    done = wait_text(fake_telegram, ADMIN, "已重建")
    assert "1 篇" in done
    fake_telegram.inject_text(USER, "关心干部生活能增强队伍的什么？")
    assert "凝聚力和向心力" in fake_telegram.wait_for_messages(USER, 4)[-1]["text"]


def test_example_questions_follow_removals_and_uploads(fake_telegram: FakeBotApi, admin_bot, fake_services: Services) -> None:
    def examples_offered(count: int) -> list[str]:
        welcome = fake_telegram.wait_for_messages(USER, count)[-1]
        return [b["text"] for row in welcome.get("reply_markup", {}).get("inline_keyboard", []) for b in row]

    fake_telegram.inject_text(USER, "/start")
    assert examples_offered(1), "the seed essay answers the example questions"
    (seed,) = fake_services.documents.records()
    fake_telegram.inject_text(ADMIN, f"/remove {seed.doc_id}")
    confirm = fake_telegram.wait_for(lambda: next((m for m in fake_telegram.messages(ADMIN) if "确定要删除" in m.get("text", "")), None))
    fake_telegram.inject_callback(ADMIN, confirm, f"rm:{seed.doc_id}")
    wait_text(fake_telegram, ADMIN, "已删除")
    fake_telegram.inject_text(USER, "/start")
    assert examples_offered(2) == [], "no example question about a removed document"

    seed_file = next(fake_services.settings.resolved_seeds_dir().glob("*.txt"))
    fake_telegram.inject_document(ADMIN, seed_file.name, seed_file.read_bytes())
    wait_text(fake_telegram, ADMIN, "✅")
    fake_telegram.inject_text(USER, "/start")
    assert examples_offered(3), "an upload brings example questions back"


@pytest.mark.parametrize(
    "name,stored",
    [
        ("检查通知" * 25 + ".docx", "检查通知" * 20 + "检查通.docx"),
        ("检查\x00通知.docx", "检查通知.docx"),
    ],
)
def test_upload_name_no_file_system_can_hold_is_stored_safely(
    fake_telegram: FakeBotApi, admin_bot, fake_services: Services, name: str, stored: str
) -> None:
    fake_telegram.inject_document(ADMIN, name, notice_docx())
    summary = fake_telegram.wait_for(lambda: next((m["text"] for m in fake_telegram.messages(ADMIN) if "✅" in m.get("text", "") or "❌" in m.get("text", "")), None))
    assert "✅" in summary, summary
    assert stored in [d.source for d in fake_services.documents.records()]
    assert len(stored.encode("utf-8")) <= 255
    fake_telegram.assert_no_errors()


def test_non_admin_cannot_confirm_an_admins_removal_in_a_group(fake_telegram: FakeBotApi, admin_bot, fake_services: Services) -> None:
    before = fake_services.documents.records()
    group = -1001234
    fake_telegram.inject_text(ADMIN, f"/remove {before[0].doc_id}", chat_id=group, chat_type="supergroup")
    confirm = fake_telegram.wait_for(lambda: next((m for m in fake_telegram.messages(group) if "确定要删除" in m.get("text", "")), None))
    fake_telegram.inject_callback(USER, confirm, f"rm:{before[0].doc_id}")
    answer = fake_telegram.wait_for(lambda: next(iter(fake_telegram.callback_answers), None), description="callback answered")
    assert answer.get("text") == NOT_ADMIN and answer.get("show_alert")
    assert fake_services.documents.records() == before, "a button is no way around ADMIN_IDS"


def test_quiz_bank_is_rebuilt_right_after_an_upload(
    fake_telegram: FakeBotApi, fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url, "admin_ids": [ADMIN]})
    study = StudyService(fake_services.index, ProgressStore(tmp_path / "progress.sqlite3"))
    study.bank()
    builds: list[int] = []
    real_build = bot.study.build_bank
    monkeypatch.setattr(bot.study, "build_bank", lambda passages: builds.append(len(passages)) or real_build(passages))
    thread = ApplicationThread(build_application(replace(fake_services, settings=settings), fake_telegram.token, study=study)).start()
    try:
        fake_telegram.inject_document(ADMIN, "检查通知.docx", notice_docx())
        wait_text(fake_telegram, ADMIN, "✅")
        assert len(builds) == 1, "the upload rebuilt the quiz bank before the admin was told it is done"
        assert study.bank_is_current()
        fake_telegram.inject_text(USER, "/quiz 3")
        fake_telegram.wait_for(lambda: [c for c in fake_telegram.sent if c.method == "sendPoll"] or None, description="a poll")
        assert len(builds) == 1, "the first /quiz after the upload uses the bank already built"
    finally:
        thread.stop()
