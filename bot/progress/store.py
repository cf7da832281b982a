"""SQLite repository for study progress: WAL mode, a schema version, and short transactions.

Every write runs in one `BEGIN IMMEDIATE` transaction on its own connection, so answers arriving
concurrently from many users (and duplicate deliveries of the same poll answer) never lose or double
an update.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bot.progress.migrations import MIGRATIONS

log = logging.getLogger(__name__)
QUESTION_LOG_DAYS = 90  # /gaps looks back 30 days; older questions are dropped
QUESTION_LOG_ROWS = 10_000  # newest rows kept, whatever the traffic
ANSWER_LOG_DAYS = 30  # an answer nobody voted on can be voted on this long; a voted one is kept
ANSWER_LOG_ROWS = 20_000  # newest unvoted answers kept, whatever the traffic
REASON_CHARS = 500  # a 👎 reason is cut to this many characters

# (card json or None, correct?) -> (new card json, due ISO time)
CardUpdate = Callable[[str | None, bool], tuple[str, str]]


@dataclass(frozen=True)
class Round:
    round_id: str
    user_id: int
    chat_id: int
    mode: str
    items: list[dict[str, Any]]
    position: int
    correct: int
    finished: bool

    @property
    def current_item(self) -> dict[str, Any] | None:
        return self.items[self.position] if self.position < len(self.items) else None


@dataclass(frozen=True)
class PollRecord:
    poll_id: str
    round_id: str
    position: int
    item_id: str
    chat_id: int
    message_id: int
    answered: bool


@dataclass(frozen=True)
class AnswerOutcome:
    round: Round
    item: dict[str, Any]
    correct: bool


@dataclass(frozen=True)
class AnswerRow:
    item_id: str
    correct: bool
    doc_id: str
    paragraph: int
    topic: str
    answered_at: str


@dataclass(frozen=True)
class Gap:
    question: str
    times: int
    users: int
    refused: int
    last_asked: str


@dataclass(frozen=True)
class LoggedAnswer:
    """An answer as sent, for a vote to name: the question, the answer text and its sources."""

    token: str
    user_id: int
    chat_id: int
    question: str
    normalized: str
    answer: str
    sources: list[dict[str, Any]]
    refused: bool
    confidence: float
    asked_at: str


@dataclass(frozen=True)
class VoteOutcome:
    """What a 👍/👎 tap did: the vote now (1 or -1) and before it (0 for a first vote)."""

    vote: int
    previous: int


@dataclass(frozen=True)
class DownVoted:
    """One answer wording users voted 👎 on, with how many did and the reasons they gave."""

    question: str
    answer: str
    sources: list[dict[str, Any]]
    refused: bool
    votes: int
    reasons: list[str]
    last_voted: str


@dataclass(frozen=True)
class Reminder:
    user_id: int
    chat_id: int
    hour: int


class ProgressStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
        self._migrate()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self._path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA foreign_keys=ON")
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self._write() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            current = row["version"] if row else 0
            if row is None:
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            if current > len(MIGRATIONS):
                raise RuntimeError(f"progress database {self._path} has schema {current}, newer than this program knows")
            for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in statements:
                    conn.execute(statement)
                conn.execute("UPDATE schema_version SET version = ?", (version,))
                log.info("progress database migrated to schema %d", version)

    @property
    def schema_version(self) -> int:
        with self._connect() as conn:
            return conn.execute("SELECT version FROM schema_version").fetchone()["version"]

    # Rounds

    def start_round(self, user_id: int, chat_id: int, mode: str, items: list[dict[str, Any]], now: datetime) -> Round:
        """A new round; the user's unfinished rounds end here (one round at a time)."""
        round_id = uuid.uuid4().hex[:16]
        with self._write() as conn:
            conn.execute(
                "UPDATE rounds SET finished_at = ? WHERE user_id = ? AND finished_at IS NULL", (now.isoformat(), user_id)
            )
            conn.execute(
                "INSERT INTO rounds (round_id, user_id, chat_id, mode, items, started_at) VALUES (?, ?, ?, ?, ?, ?)",
                (round_id, user_id, chat_id, mode, json.dumps(items, ensure_ascii=False), now.isoformat()),
            )
        return self.round(round_id)

    def round(self, round_id: str) -> Round:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM rounds WHERE round_id = ?", (round_id,)).fetchone()
        if row is None:
            raise KeyError(round_id)
        return _round(row)

    def open_round(self, user_id: int) -> Round | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT * FROM rounds WHERE user_id = ? AND finished_at IS NULL ORDER BY started_at DESC LIMIT 1", (user_id,)
            ).fetchone()
        return _round(row) if row else None

    def finish_round(self, round_id: str, now: datetime) -> None:
        with self._write() as conn:
            conn.execute("UPDATE rounds SET finished_at = ? WHERE round_id = ? AND finished_at IS NULL", (now.isoformat(), round_id))

    def best_score(self, user_id: int, mode: str) -> int:
        """The most right answers of any of the user's rounds of `mode` (a challenge's best score)."""
        with self._connect() as conn:
            row = conn.execute("SELECT MAX(correct) FROM rounds WHERE user_id = ? AND mode = ?", (user_id, mode)).fetchone()
        return int(row[0] or 0)

    # Reports of faulty items

    def report_item(self, user_id: int, item_id: str, question: str, now: datetime) -> int:
        """Record one learner's 「题目有误」 report (once per learner); how many learners reported the item."""
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO item_reports (user_id, item_id, question, reported_at) VALUES (?, ?, ?, ?)",
                (user_id, item_id, question, now.isoformat()),
            )
            return conn.execute("SELECT COUNT(*) FROM item_reports WHERE item_id = ?", (item_id,)).fetchone()[0]

    def item_reports(self, limit: int) -> list[tuple[str, str, int]]:
        """(item id, question, learners who reported it) of the most reported items, for admins."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT item_id, MAX(question) AS question, COUNT(*) AS times FROM item_reports"
                " GROUP BY item_id ORDER BY times DESC, MAX(reported_at) DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [(r["item_id"], r["question"], r["times"]) for r in rows]

    def reported_items(self, at_least: int) -> set[str]:
        """Ids of the items that at least `at_least` learners reported."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT item_id FROM item_reports GROUP BY item_id HAVING COUNT(*) >= ?", (at_least,)
            ).fetchall()
        return {r["item_id"] for r in rows}

    # Polls and answers

    def register_poll(self, poll_id: str, round_id: str, position: int, item_id: str, chat_id: int, message_id: int) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO polls (poll_id, round_id, position, item_id, chat_id, message_id) VALUES (?, ?, ?, ?, ?, ?)",
                (poll_id, round_id, position, item_id, chat_id, message_id),
            )

    def poll(self, poll_id: str) -> PollRecord | None:
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM polls WHERE poll_id = ?", (poll_id,)).fetchone()
        return PollRecord(**{**dict(row), "answered": bool(row["answered"])}) if row else None

    def record_answer(self, poll_id: str, user_id: int, correct: bool, now: datetime, update_card: CardUpdate) -> AnswerOutcome | None:
        """Apply one poll answer exactly once: the answer log, the round's progress and the review card.

        Returns None for a poll that is unknown, already answered, or not this user's, and for a poll of a
        finished round: a round another /quiz or /review replaced is over, so its answers count nowhere.
        """
        with self._write() as conn:
            poll = conn.execute("SELECT * FROM polls WHERE poll_id = ?", (poll_id,)).fetchone()
            if poll is None or poll["answered"]:
                return None
            round_row = conn.execute("SELECT * FROM rounds WHERE round_id = ?", (poll["round_id"],)).fetchone()
            if round_row is None or round_row["user_id"] != user_id or round_row["finished_at"] is not None:
                return None
            conn.execute("UPDATE polls SET answered = 1 WHERE poll_id = ?", (poll_id,))
            current = _round(round_row)
            item = current.items[poll["position"]]
            source = item.get("source", {})
            conn.execute(
                "INSERT INTO answers (user_id, item_id, round_id, correct, doc_id, paragraph, topic, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (user_id, item["id"], current.round_id, int(correct), source.get("doc_id", ""), int(source.get("paragraph", 0)), item.get("topic", ""), now.isoformat()),
            )
            conn.execute(
                "UPDATE rounds SET position = ?, correct = correct + ? WHERE round_id = ?",
                (max(current.position, poll["position"] + 1), int(correct), current.round_id),
            )
            existing = conn.execute("SELECT card FROM cards WHERE user_id = ? AND item_id = ?", (user_id, item["id"])).fetchone()
            if existing is not None or not correct:
                card, due = update_card(existing["card"] if existing else None, correct)
                conn.execute(
                    "INSERT INTO cards (user_id, item_id, card, due, item) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (user_id, item_id) DO UPDATE SET card = excluded.card, due = excluded.due, item = excluded.item",
                    (user_id, item["id"], card, due, json.dumps(item, ensure_ascii=False)),
                )
            updated = _round(conn.execute("SELECT * FROM rounds WHERE round_id = ?", (current.round_id,)).fetchone())
        return AnswerOutcome(round=updated, item=item, correct=correct)

    def round_results(self, round_id: str) -> dict[str, bool]:
        """item id -> answered correctly, for one round."""
        with self._connect() as conn:
            rows = conn.execute("SELECT item_id, correct FROM answers WHERE round_id = ?", (round_id,)).fetchall()
        return {r["item_id"]: bool(r["correct"]) for r in rows}

    # Reviews and statistics

    def due_items(self, user_id: int, now: datetime, limit: int) -> list[dict[str, Any]]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT item FROM cards WHERE user_id = ? AND due <= ? ORDER BY due LIMIT ?", (user_id, now.isoformat(), limit)
            ).fetchall()
        return [json.loads(r["item"]) for r in rows]

    def card_items(self, user_id: int) -> list[dict[str, Any]]:
        """The items of all the user's review cards, due or not."""
        with self._connect() as conn:
            rows = conn.execute("SELECT item FROM cards WHERE user_id = ?", (user_id,)).fetchall()
        return [json.loads(r["item"]) for r in rows]

    def delete_cards(self, user_id: int, item_ids: list[str]) -> None:
        with self._write() as conn:
            conn.executemany("DELETE FROM cards WHERE user_id = ? AND item_id = ?", [(user_id, i) for i in item_ids])

    def next_due(self, user_id: int) -> str | None:
        with self._connect() as conn:
            row = conn.execute("SELECT MIN(due) AS due FROM cards WHERE user_id = ?", (user_id,)).fetchone()
        return row["due"] if row else None

    def count_due(self, user_id: int, now: datetime) -> int:
        with self._connect() as conn:
            return conn.execute("SELECT COUNT(*) AS n FROM cards WHERE user_id = ? AND due <= ?", (user_id, now.isoformat())).fetchone()["n"]

    def answers(self, user_id: int) -> list[AnswerRow]:
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT item_id, correct, doc_id, paragraph, topic, answered_at FROM answers WHERE user_id = ? ORDER BY id", (user_id,)
            ).fetchall()
        return [AnswerRow(r["item_id"], bool(r["correct"]), r["doc_id"], r["paragraph"], r["topic"], r["answered_at"]) for r in rows]

    # Questions the materials did not answer well

    def log_question(self, user_id: int, question: str, normalized: str, refused: bool, confidence: float, now: datetime) -> None:
        """Log a gap question; the log keeps QUESTION_LOG_DAYS and at most QUESTION_LOG_ROWS rows, so it cannot grow without bound."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO question_log (user_id, question, normalized, refused, confidence, asked_at) VALUES (?, ?, ?, ?, ?, ?)",
                (user_id, question, normalized, int(refused), confidence, now.isoformat()),
            )
            conn.execute("DELETE FROM question_log WHERE asked_at < ?", ((now - timedelta(days=QUESTION_LOG_DAYS)).isoformat(),))
            conn.execute(
                "DELETE FROM question_log WHERE id <= (SELECT id FROM question_log ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (QUESTION_LOG_ROWS,),
            )

    def gaps(self, since: datetime, limit: int) -> list[Gap]:
        """Distinct questions since `since`, most often asked first, with one example wording."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT normalized, MIN(question) AS question, COUNT(*) AS times, COUNT(DISTINCT user_id) AS users,"
                " SUM(refused) AS refused, MAX(asked_at) AS last_asked"
                " FROM question_log WHERE asked_at >= ? GROUP BY normalized"
                " ORDER BY times DESC, last_asked DESC LIMIT ?",
                (since.isoformat(), limit),
            ).fetchall()
        return [Gap(r["question"], r["times"], r["users"], r["refused"], r["last_asked"]) for r in rows]

    # Answers and the users' votes on them

    def log_answer(self, answer: LoggedAnswer) -> None:
        """Keep an answer a user may vote on; unvoted ones older than ANSWER_LOG_DAYS or beyond ANSWER_LOG_ROWS go."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO answer_log (token, user_id, chat_id, question, normalized, answer, sources, refused, confidence, asked_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer.token, answer.user_id, answer.chat_id, answer.question, answer.normalized, answer.answer,
                    json.dumps(answer.sources, ensure_ascii=False), int(answer.refused), answer.confidence, answer.asked_at,
                ),
            )
            unvoted = "token NOT IN (SELECT token FROM answer_votes)"
            cutoff = (datetime.fromisoformat(answer.asked_at) - timedelta(days=ANSWER_LOG_DAYS)).isoformat()
            conn.execute(f"DELETE FROM answer_log WHERE asked_at < ? AND {unvoted}", (cutoff,))
            conn.execute(
                f"DELETE FROM answer_log WHERE id <= (SELECT id FROM answer_log ORDER BY id DESC LIMIT 1 OFFSET ?) AND {unvoted}",
                (ANSWER_LOG_ROWS,),
            )

    def vote(self, token: str, user_id: int, vote: int, chat_id: int, now: datetime) -> VoteOutcome | None:
        """One vote per user per answer: a second tap replaces the first (and a 👍 drops an earlier 👎's reason)."""
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM answer_log WHERE token = ?", (token,)).fetchone() is None:
                return None
            row = conn.execute("SELECT vote FROM answer_votes WHERE token = ? AND user_id = ?", (token, user_id)).fetchone()
            previous = row["vote"] if row else 0
            if previous != vote:
                conn.execute(
                    "INSERT INTO answer_votes (token, user_id, vote, chat_id, voted_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (token, user_id) DO UPDATE SET vote = excluded.vote, chat_id = excluded.chat_id,"
                    " voted_at = excluded.voted_at, reason = NULL, prompt_message_id = NULL",
                    (token, user_id, vote, chat_id, now.isoformat()),
                )
        return VoteOutcome(vote, previous)

    def await_reason(self, token: str, user_id: int, prompt_message_id: int) -> None:
        """The message asking this user why they voted 👎; a reply to it is the reason."""
        with self._write() as conn:
            conn.execute(
                "UPDATE answer_votes SET prompt_message_id = ? WHERE token = ? AND user_id = ? AND vote < 0",
                (prompt_message_id, token, user_id),
            )

    def record_reason(self, chat_id: int, prompt_message_id: int, user_id: int, reason: str, latest: bool = False) -> bool:
        """Store a reply to a 👎 prompt as that vote's reason; False when it answers no prompt of this user.

        With `latest` (the reply is to a prompt whose id is not stored yet: the user answered within the
        moment between sending it and storing its id), the user's newest 👎 in the chat still awaiting one.
        """
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE answer_votes SET reason = ? WHERE chat_id = ? AND prompt_message_id = ? AND user_id = ? AND vote < 0",
                (reason[:REASON_CHARS], chat_id, prompt_message_id, user_id),
            )
            if cursor.rowcount or not latest:
                return cursor.rowcount > 0
            cursor = conn.execute(
                "UPDATE answer_votes SET reason = ?, prompt_message_id = ? WHERE user_id = ? AND token = ("
                " SELECT token FROM answer_votes WHERE chat_id = ? AND user_id = ? AND vote < 0 AND prompt_message_id IS NULL"
                " ORDER BY voted_at DESC LIMIT 1)",
                (reason[:REASON_CHARS], prompt_message_id, user_id, chat_id, user_id),
            )
            return cursor.rowcount > 0

    def down_voted(self, since: datetime, limit: int) -> list[DownVoted]:
        """Answers voted 👎 since `since`, grouped by question and answer wording, most votes first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT a.normalized, a.answer, MIN(a.question) AS question, MAX(a.sources) AS sources, MAX(a.refused) AS refused,"
                " COUNT(DISTINCT v.user_id) AS votes, MAX(v.voted_at) AS last_voted"
                " FROM answer_votes v JOIN answer_log a ON a.token = v.token"
                " WHERE v.vote < 0 AND v.voted_at >= ? GROUP BY a.normalized, a.answer"
                " ORDER BY votes DESC, last_voted DESC LIMIT ?",
                (since.isoformat(), limit),
            ).fetchall()
            result = []
            for r in rows:
                reasons = conn.execute(
                    "SELECT v.reason FROM answer_votes v JOIN answer_log a ON a.token = v.token"
                    " WHERE v.vote < 0 AND v.voted_at >= ? AND a.normalized = ? AND a.answer = ? AND v.reason IS NOT NULL"
                    " ORDER BY v.voted_at DESC",
                    (since.isoformat(), r["normalized"], r["answer"]),
                ).fetchall()
                result.append(
                    DownVoted(r["question"], r["answer"], json.loads(r["sources"]), bool(r["refused"]), r["votes"], [x["reason"] for x in reasons], r["last_voted"])
                )
        return result

    # Daily reminders

    def set_reminder(self, user_id: int, chat_id: int, enabled: bool, hour: int, now: datetime) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO reminders (user_id, chat_id, enabled, hour, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id, enabled = excluded.enabled,"
                " hour = excluded.hour, updated_at = excluded.updated_at",
                (user_id, chat_id, int(enabled), hour, now.isoformat()),
            )

    def reminders(self) -> list[Reminder]:
        with self._connect() as conn:
            rows = conn.execute("SELECT user_id, chat_id, hour FROM reminders WHERE enabled = 1").fetchall()
        return [Reminder(r["user_id"], r["chat_id"], r["hour"]) for r in rows]


def _round(row: sqlite3.Row) -> Round:
    return Round(
        round_id=row["round_id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        mode=row["mode"],
        items=json.loads(row["items"]),
        position=row["position"],
        correct=row["correct"],
        finished=row["finished_at"] is not None,
    )
