"""Quiz mode end to end through the fake Bot API: rounds, review, stats, reminders, restarts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.progress.store import ProgressStore
from bot.services import Services
from bot.settings import Settings
from bot.study import StudyService
from bot.tgbot.app import PROGRESS_DB, build_application
from tests.telegram_fake import ApplicationThread, FakeBotApi

USER = 4242


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def quiz_bot(fake_telegram: FakeBotApi, fake_services: Services, tmp_path: Path) -> Iterator:
    fake_services.documents.ensure_seeded()
    clock = Clock()
    running: list[ApplicationThread] = []

    def start() -> ApplicationThread:
        settings = fake_services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url})
        study = StudyService(fake_services.index, ProgressStore(tmp_path / "progress.sqlite3"), clock=clock)
        thread = ApplicationThread(build_application(replace(fake_services, settings=settings), fake_telegram.token, study=study)).start()
        running.append(thread)
        return thread

    start.clock = clock
    yield start
    for thread in running:
        thread.stop()


def polls(server: FakeBotApi) -> list[dict]:
    return [c.message for c in server.sent if c.method == "sendPoll"]


def wait_polls(server: FakeBotApi, count: int) -> list[dict]:
    return server.wait_for(lambda: polls(server) if len(polls(server)) >= count else None, description=f"{count} polls")


def answer(server: FakeBotApi, poll_message: dict, right: bool) -> None:
    poll = poll_message["poll"]
    correct = poll["correct_option_ids"] if "correct_option_ids" in poll else [poll["correct_option_id"]]
    wrong = next(i for i in range(len(poll["options"])) if i not in correct)
    server.inject_poll_answer(USER, poll["id"], correct if right else [wrong])


def texts(server: FakeBotApi) -> list[str]:
    return [m.get("text", "") for m in server.messages(USER)]


def wait_text(server: FakeBotApi, fragment: str, count: int = 1) -> list[str]:
    return server.wait_for(
        lambda: [t for t in texts(server) if fragment in t] if sum(fragment in t for t in texts(server)) >= count else None,
        description=f"{count}× {fragment!r}",
    )


def test_round_review_and_stats(fake_telegram: FakeBotApi, quiz_bot) -> None:
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 3")
    (first,) = wait_polls(fake_telegram, 1)
    assert first["poll"]["type"] == "quiz" and first["poll"]["is_anonymous"] is False
    assert first["poll"]["question"].startswith("（1/3）")
    answer(fake_telegram, first, right=True)
    wait_text(fake_telegram, "回答正确")
    hint = next(m for m in fake_telegram.messages(USER) if "回答正确" in m.get("text", ""))
    assert "出处《浅谈质量强国与质监干部队伍建设》第" in hint["text"]
    assert any(e["type"] == "bold" for e in hint.get("entities", [])), "the answer is bold in the paragraph"

    second = wait_polls(fake_telegram, 2)[1]
    wrong_question = second["poll"]["question"].partition("）")[2]
    answer(fake_telegram, second, right=False)
    wait_text(fake_telegram, "回答错误")
    third = wait_polls(fake_telegram, 3)[2]
    answer(fake_telegram, third, right=True)
    (summary,) = wait_text(fake_telegram, "本轮答题结束")
    assert "答对 2/3 题" in summary

    fake_telegram.inject_text(USER, "/review")
    wait_text(fake_telegram, "没有到期的复习题")
    quiz_bot.clock.now += timedelta(minutes=2)
    fake_telegram.inject_text(USER, "/review")
    review = wait_polls(fake_telegram, 4)[3]
    assert review["poll"]["question"].endswith(wrong_question), "the review replays the wrong item"
    answer(fake_telegram, review, right=True)
    (review_summary,) = wait_text(fake_telegram, "本轮复习结束")
    assert "答对 1/1 题" in review_summary

    fake_telegram.inject_text(USER, "/stats")
    (stats,) = wait_text(fake_telegram, "📊")
    assert "已答题：4 题" in stats and "正确率：75%" in stats and "连续学习：1 天" in stats
    assert "最需要加强的段落" in stats
    fake_telegram.wait_for(lambda: fake_telegram.calls("sendPhoto"), description="stats chart")
    photo = fake_telegram.calls("sendPhoto")[0]
    assert next(iter(photo.uploads.values())).content.startswith(b"\x89PNG")
    fake_telegram.assert_no_errors()


def test_restart_mid_round_keeps_progress_and_reviews(fake_telegram: FakeBotApi, quiz_bot) -> None:
    bot = quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 3")
    answer(fake_telegram, wait_polls(fake_telegram, 1)[0], right=False)
    second = wait_polls(fake_telegram, 2)[1]
    bot.stop()

    quiz_bot()
    answer(fake_telegram, second, right=True)
    third = wait_polls(fake_telegram, 3)[2]
    answer(fake_telegram, third, right=True)
    (summary,) = wait_text(fake_telegram, "本轮答题结束")
    assert "答对 2/3 题" in summary
    quiz_bot.clock.now += timedelta(minutes=2)
    fake_telegram.inject_text(USER, "/review")
    review = wait_polls(fake_telegram, 4)[3]
    assert review["poll"]["question"].endswith(wait_polls(fake_telegram, 1)[0]["poll"]["question"].partition("）")[2])
    fake_telegram.assert_no_errors()


def test_daily_reminder_and_bad_arguments(fake_telegram: FakeBotApi, quiz_bot) -> None:
    bot = quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 99")
    wait_text(fake_telegram, "1 到 20 之间")
    fake_telegram.inject_text(USER, "/daily on 8")
    wait_text(fake_telegram, "每天北京时间 8:00")
    jobs = bot.application.job_queue.get_jobs_by_name(f"daily-{USER}")
    assert len(jobs) == 1
    fake_telegram.inject_text(USER, "/daily off")
    wait_text(fake_telegram, "已关闭每日答题提醒")
    fake_telegram.wait_for(lambda: not bot.application.job_queue.get_jobs_by_name(f"daily-{USER}") or None, description="job removed")


def test_answers_to_a_replaced_round_are_ignored(fake_telegram: FakeBotApi, quiz_bot) -> None:
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 3")
    (old,) = wait_polls(fake_telegram, 1)
    fake_telegram.inject_text(USER, "/quiz 2")
    new = wait_polls(fake_telegram, 2)[1]
    assert new["poll"]["question"].startswith("（1/2）")
    answer(fake_telegram, old, right=True)
    answer(fake_telegram, new, right=False)
    last = wait_polls(fake_telegram, 3)[2]
    assert last["poll"]["question"].startswith("（2/2）"), "the new round goes on, the replaced one does not"
    answer(fake_telegram, last, right=True)
    (summary,) = wait_text(fake_telegram, "本轮答题结束")
    assert "答对 1/2 题" in summary
    fake_telegram.inject_text(USER, "/stats")
    (stats,) = wait_text(fake_telegram, "📊")
    assert "已答题：2 题" in stats, "the answer to the replaced round counts nowhere"
    assert sum("回答正确" in t or "回答错误" in t for t in texts(fake_telegram)) == 2
    assert len(polls(fake_telegram)) == 3
    fake_telegram.assert_no_errors()


def test_review_skips_questions_of_a_removed_document(fake_telegram: FakeBotApi, quiz_bot, fake_services: Services) -> None:
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 1")
    answer(fake_telegram, wait_polls(fake_telegram, 1)[0], right=False)
    wait_text(fake_telegram, "本轮答题结束")
    quiz_bot.clock.now += timedelta(minutes=2)
    for record in fake_services.documents.records():
        fake_services.documents.remove(record.doc_id)
    fake_telegram.inject_text(USER, "/review")
    wait_text(fake_telegram, "目前没有错题需要复习")
    assert len(polls(fake_telegram)) == 1, "no review poll for a question whose document is gone"
    fake_telegram.assert_no_errors()


def test_a_round_sends_true_false_and_not_items_as_quiz_polls(fake_telegram: FakeBotApi, quiz_bot) -> None:
    """Issue 14: the key points come first, as a NOT item over the essay's outline and a 判断题 with two options."""
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 6")
    sent: list[dict] = []
    for count in range(1, 7):
        poll = wait_polls(fake_telegram, count)[-1]
        sent.append(poll["poll"])
        answer(fake_telegram, poll, right=True)
    wait_text(fake_telegram, "本轮答题结束")
    options = [[o["text"] for o in p["options"]] for p in sent]
    assert all(p["type"] == "quiz" for p in sent)
    assert ["正确", "错误"] in options, "a true/false item"
    outline = next(p for p in sent if "不是其中之一" in p["question"])
    shown = [o["text"] for o in outline["options"]]
    assert len(shown) == 4 and len({"提供展示舞台", "强化教育培训", "深化体制改革", "加强作风建设"} & set(shown)) == 3
    feedback = [m for m in fake_telegram.messages(USER) if "回答正确" in m.get("text", "")]
    assert len(feedback) == 6
    assert all(any(e["type"] == "bold" for e in m.get("entities", [])) for m in feedback), "the key phrase is bold in its paragraph"


def test_a_multi_select_item_is_a_quiz_poll_with_several_right_options(fake_telegram: FakeBotApi, quiz_bot) -> None:
    """Bot API 9.6 quiz polls take several correct options: all of them, and only them, count as right."""
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 12")
    for count in range(1, 13):
        poll = wait_polls(fake_telegram, count)[-1]["poll"]
        if len(poll["correct_option_ids"]) > 1:
            break
        answer(fake_telegram, {"poll": poll}, right=True)
    else:
        pytest.fail("no multi-select item in a round of 12")
    assert poll["type"] == "quiz" and poll["allows_multiple_answers"] is True and "（多选）" in poll["question"]
    fake_telegram.inject_poll_answer(USER, poll["id"], poll["correct_option_ids"][:1])
    wait_text(fake_telegram, "回答错误")


def test_a_challenge_ends_at_the_first_mistake_and_keeps_the_best_score(fake_telegram: FakeBotApi, quiz_bot) -> None:
    quiz_bot()
    fake_telegram.inject_text(USER, "/challenge")
    for count in (1, 2, 3):
        poll = wait_polls(fake_telegram, count)[-1]
        assert poll["poll"]["question"].startswith(f"（第{count}题）")
        answer(fake_telegram, poll, right=count < 3)
    (summary,) = wait_text(fake_telegram, "挑战结束")
    assert "连续答对 2 题" in summary and "最好成绩 2 题" in summary
    assert len(polls(fake_telegram)) == 3, "no question after the mistake"

    fake_telegram.inject_text(USER, "/challenge")
    poll = wait_polls(fake_telegram, 4)[-1]
    answer(fake_telegram, poll, right=False)
    summaries = wait_text(fake_telegram, "挑战结束", count=2)
    assert "连续答对 0 题" in summaries[-1] and "最好成绩 2 题" in summaries[-1]


def test_a_reported_item_leaves_every_round_after_three_reports(
    fake_telegram: FakeBotApi, quiz_bot, fake_services: Services, tmp_path: Path
) -> None:
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 1")
    (first,) = wait_polls(fake_telegram, 1)
    data = first["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    item_id = data.partition(":")[2]
    fake_telegram.inject_callback(USER, first, data)
    fake_telegram.wait_for(
        lambda: [c for c in fake_telegram.sent if c.method == "answerCallbackQuery"] or None, description="report confirmed"
    )
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert store.reported_items(1) == {item_id}
    study = StudyService(fake_services.index, store)

    def round_ids() -> set[str]:
        study.start_quiz(USER + 9, USER + 9, 20)
        return {item["id"] for item in store.open_round(USER + 9).items}

    assert item_id in round_ids(), "one report retires nothing"
    for other in (USER + 1, USER + 2):
        store.report_item(other, item_id, "", datetime.now(timezone.utc))
    assert item_id not in round_ids(), "three learners' reports retire the item"


def test_daily_set_brings_due_reviews_and_new_items_and_counts_the_streak(fake_telegram: FakeBotApi, quiz_bot) -> None:
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 1")
    (first,) = wait_polls(fake_telegram, 1)
    answer(fake_telegram, first, right=False)
    wait_text(fake_telegram, "本轮答题结束")
    quiz_bot.clock.now += timedelta(days=1)
    fake_telegram.inject_text(USER, "/daily")
    (intro,) = wait_text(fake_telegram, "每日答题，共")
    assert "共 6 题" in intro, "the due review and five new items"
    daily = []
    for count in range(2, 8):
        poll = wait_polls(fake_telegram, count)[-1]
        daily.append(poll["poll"]["question"].partition("）")[2])
        answer(fake_telegram, poll, right=True)
    assert daily[0] == first["poll"]["question"].partition("）")[2], "the due review comes first"
    assert len(set(daily)) == 6
    (summary,) = wait_text(fake_telegram, "本轮每日答题结束")
    assert "已连续学习 2 天" in summary


def test_admins_see_reported_items_in_reports(fake_telegram: FakeBotApi, fake_services: Services, tmp_path: Path) -> None:
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url, "admin_ids": [USER]})
    study = StudyService(fake_services.index, ProgressStore(tmp_path / "progress.sqlite3"))
    thread = ApplicationThread(build_application(replace(fake_services, settings=settings), fake_telegram.token, study=study)).start()
    try:
        fake_telegram.inject_text(USER, "/reports")
        wait_text(fake_telegram, "还没有学员报告题目有误")
        fake_telegram.inject_text(USER, "/quiz 1")
        (first,) = wait_polls(fake_telegram, 1)
        fake_telegram.inject_callback(USER, first, first["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
        fake_telegram.wait_for(lambda: study.reports() or None, description="report recorded")
        fake_telegram.inject_text(USER, "/reports")
        (listing,) = wait_text(fake_telegram, "学员报告有误的题目")
        assert "1 人报告，使用中" in listing and first["poll"]["question"].partition("）")[2][:20] in listing
    finally:
        thread.stop()


RULES = (
    "计量管理办法\n\n一、自查要求\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n"
    "二、检定\n\n检定不合格的器具应当停用。强制检定的器具由市计量所每年检定一次。\n\n"
    "三、处罚\n\n使用不合格计量器具的单位，由市场监管部门责令改正并处二千元罚款。\n"
)
CODE = "计量检定规程\n\n检定人员应当持证上岗。检定证书应当加盖检定专用章。\n"


def test_topic_round_asks_only_about_the_named_document(fake_telegram: FakeBotApi, fake_services: Services, quiz_bot, tmp_path: Path) -> None:
    for name, text in (("rules.txt", RULES), ("code.txt", CODE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    fake_services.documents.ingest([tmp_path / "rules.txt", tmp_path / "code.txt"])
    quiz_bot()
    fake_telegram.inject_text(USER, "/quiz 专项 计量")
    (ambiguous,) = wait_text(fake_telegram, "请写得更具体些")
    assert "《计量管理办法》" in ambiguous and "《计量检定规程》" in ambiguous
    fake_telegram.inject_text(USER, "/quiz 专项 税收征管")
    (unknown,) = wait_text(fake_telegram, "没有找到")
    assert "《计量管理办法》" in unknown and "\n" not in unknown, "one line naming the documents there are"

    fake_telegram.inject_text(USER, "/quiz 专项 计量管理")
    (start,) = wait_text(fake_telegram, "专项答题")
    total = int(start.split("共 ")[1].split(" 题")[0])
    assert "《计量管理办法》" in start and total > 1
    for number in range(total):
        answer(fake_telegram, wait_polls(fake_telegram, number + 1)[number], right=True)
    wait_text(fake_telegram, "本轮")
    sources = [t for t in texts(fake_telegram) if "📖 出处《" in t]
    assert len(sources) == total and all("出处《计量管理办法》" in t for t in sources)


def test_reports_to_retire_is_a_setting(
    fake_telegram: FakeBotApi, fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QUIZ_REPORTS_TO_RETIRE=1: the bot built from the settings retires an item at its first report, and
    /reports says how many reports retire one."""
    assert Settings(_env_file=None).quiz_reports_to_retire == 3
    monkeypatch.setenv("QUIZ_REPORTS_TO_RETIRE", "1")
    assert Settings(_env_file=None).quiz_reports_to_retire == 1
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(
        update={"telegram_api_url": fake_telegram.root_url, "admin_ids": [USER], "quiz_reports_to_retire": 1}
    )
    application = build_application(replace(fake_services, settings=settings), fake_telegram.token)
    study = application.bot_data.study
    thread = ApplicationThread(application).start()
    try:
        fake_telegram.inject_text(USER, "/quiz 1")
        (first,) = wait_polls(fake_telegram, 1)
        data = first["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        fake_telegram.inject_callback(USER, first, data)
        fake_telegram.wait_for(lambda: study.reports() or None, description="report recorded")
        fake_telegram.inject_text(USER, "/reports")
        (listing,) = wait_text(fake_telegram, "学员报告有误的题目")
        assert "1 人报告后自动停用" in listing and "1 人报告，已停用" in listing
        study.start_quiz(USER + 9, USER + 9, 20)
        store = ProgressStore(settings.data_dir / PROGRESS_DB)
        assert data.partition(":")[2] not in {item["id"] for item in store.open_round(USER + 9).items}
    finally:
        thread.stop()
