"""The progress database: schema versions, exactly-once answers under concurrency, FSRS reviews, stats."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.progress.migrations import MIGRATIONS
from bot.progress.review import ReviewScheduler
from bot.progress.stats import compute_stats
from bot.progress.store import ProgressStore

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)


def item(n: int, paragraph: int = 1) -> dict:
    return {
        "id": f"item{n}",
        "kind": "choice",
        "question": f"问题{n}",
        "options": ["甲", "乙", "丙"],
        "answer_index": 0,
        "answer": "甲",
        "explanation": "出处",
        "source": {"doc_id": "doc", "paragraph": paragraph, "text": "甲。"},
        "topic": f"主题{paragraph}",
    }


def answer_all(store: ProgressStore, user: int, chat: int, results: list[bool], now: datetime = NOW) -> str:
    scheduler = ReviewScheduler()
    started = store.start_round(user, chat, "quiz", [item(i, i % 3 + 1) for i in range(len(results))], now)
    for position, correct in enumerate(results):
        poll_id = f"{user}-{started.round_id}-{position}"
        store.register_poll(poll_id, started.round_id, position, f"item{position}", chat, position + 1)
        store.record_answer(poll_id, user, correct, now, lambda card, ok: scheduler.update(card, ok, now))
    return started.round_id


def test_schema_is_versioned_and_migrations_run_once(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    store = ProgressStore(path)
    assert store.schema_version == len(MIGRATIONS)
    assert ProgressStore(path).schema_version == len(MIGRATIONS)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(RuntimeError, match="newer than this program"):
        ProgressStore(path)


def test_answers_survive_a_restart_and_count_once(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    store = ProgressStore(path)
    round_id = answer_all(store, 7, 7, [True, False, True])
    scheduler = ReviewScheduler()
    duplicate = store.record_answer(f"7-{round_id}-1", 7, False, NOW, lambda c, ok: scheduler.update(c, ok, NOW))
    assert duplicate is None, "a second delivery of the same poll answer changes nothing"
    reopened = ProgressStore(path)
    finished = reopened.round(round_id)
    assert (finished.position, finished.correct) == (3, 2)
    assert [a.correct for a in reopened.answers(7)] == [True, False, True]
    assert reopened.round_results(round_id) == {"item0": True, "item1": False, "item2": True}


def test_concurrent_answers_lose_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    users = range(100, 120)
    errors: list[BaseException] = []

    def user_round(user: int) -> None:
        try:
            answer_all(store, user, user, [True, False, True, True, False])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=user_round, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for user in users:
        assert [a.correct for a in store.answers(user)] == [True, False, True, True, False]
        assert store.open_round(user).correct == 3


def test_wrong_answers_become_fsrs_reviews(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    answer_all(store, 7, 7, [True, False, True])
    assert store.due_items(7, NOW, 10) == [], "a fresh mistake is not due this very second"
    later = NOW + timedelta(minutes=2)
    due = store.due_items(7, later, 10)
    assert [i["id"] for i in due] == ["item1"], "only the wrong item is scheduled"
    assert store.count_due(7, later) == 1
    scheduler = ReviewScheduler()
    review = store.start_round(7, 7, "review", due, later)
    store.register_poll("r1", review.round_id, 0, "item1", 7, 99)
    store.record_answer("r1", 7, True, later, lambda c, ok: scheduler.update(c, ok, later))
    assert datetime.fromisoformat(store.next_due(7)) > later + timedelta(minutes=5), "a right review pushes it further out"


def test_stats_accuracy_streak_and_weak_spots(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    answer_all(store, 7, 7, [True, False, False], now=NOW - timedelta(days=1))
    answer_all(store, 7, 7, [True, True, False], now=NOW)
    stats = compute_stats(store.answers(7), store.count_due(7, NOW), NOW)
    assert (stats.answered, stats.correct) == (6, 3)
    assert stats.accuracy == 0.5
    assert stats.streak_days == 2
    assert stats.weakest[0].paragraph == 3 and stats.weakest[0].topic == "主题3"
    assert sum(d.correct + d.wrong for d in stats.recent_days) == 6


def test_reminders(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    store.set_reminder(7, 70, True, 20, NOW)
    store.set_reminder(8, 80, True, 9, NOW)
    store.set_reminder(8, 80, False, 9, NOW)
    assert [(r.user_id, r.chat_id, r.hour) for r in store.reminders()] == [(7, 70, 20)]


def test_upgrade_from_first_schema_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version (version) VALUES (1)")
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO answers (user_id, item_id, correct, doc_id, paragraph, answered_at) VALUES (7, 'x', 1, 'doc', 1, ?)",
            (NOW.isoformat(),),
        )
    store = ProgressStore(path)
    assert store.schema_version == len(MIGRATIONS) >= 2
    assert [a.item_id for a in store.answers(7)] == ["x"], "existing answers survive the upgrade"
    store.log_question(7, "工资标准是多少？", "工资标准是多少", True, 0.1, NOW)
    assert [g.question for g in store.gaps(NOW - timedelta(days=1), 10)] == ["工资标准是多少？"]
