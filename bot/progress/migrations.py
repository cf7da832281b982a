"""Schema versions of the progress database, applied in order. Never edit a released step; add one.

The SQL is kept to what both SQLite and PostgreSQL accept, so a PostgreSQL backend can reuse it.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: answers, review cards, rounds and the polls that carry them, daily reminders
    [
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            user_id BIGINT NOT NULL,
            item_id TEXT NOT NULL,
            round_id TEXT,
            correct INTEGER NOT NULL,
            doc_id TEXT NOT NULL,
            paragraph INTEGER NOT NULL,
            topic TEXT NOT NULL DEFAULT '',
            answered_at TEXT NOT NULL
        )""",
        "CREATE INDEX answers_user ON answers (user_id, answered_at)",
        """CREATE TABLE cards (
            user_id BIGINT NOT NULL,
            item_id TEXT NOT NULL,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            item TEXT NOT NULL,
            PRIMARY KEY (user_id, item_id)
        )""",
        "CREATE INDEX cards_due ON cards (user_id, due)",
        """CREATE TABLE rounds (
            round_id TEXT PRIMARY KEY,
            user_id BIGINT NOT NULL,
            chat_id BIGINT NOT NULL,
            mode TEXT NOT NULL,
            items TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            correct INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            finished_at TEXT
        )""",
        "CREATE INDEX rounds_user ON rounds (user_id, started_at)",
        """CREATE TABLE polls (
            poll_id TEXT PRIMARY KEY,
            round_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            item_id TEXT NOT NULL,
            chat_id BIGINT NOT NULL,
            message_id BIGINT NOT NULL,
            answered INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE reminders (
            user_id BIGINT PRIMARY KEY,
            chat_id BIGINT NOT NULL,
            enabled INTEGER NOT NULL,
            hour INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ],
    # 2: questions the bot refused or answered with low confidence, for admins' /gaps
    [
        """CREATE TABLE question_log (
            id INTEGER PRIMARY KEY,
            user_id BIGINT NOT NULL,
            question TEXT NOT NULL,
            normalized TEXT NOT NULL,
            refused INTEGER NOT NULL,
            confidence REAL NOT NULL,
            asked_at TEXT NOT NULL
        )""",
        "CREATE INDEX question_log_time ON question_log (asked_at)",
    ],
    # 3: learners' 「题目有误」 reports; an item reported by enough learners leaves every round
    [
        """CREATE TABLE item_reports (
            user_id BIGINT NOT NULL,
            item_id TEXT NOT NULL,
            question TEXT NOT NULL,
            reported_at TEXT NOT NULL,
            PRIMARY KEY (user_id, item_id)
        )""",
    ],
    # 4: every answer sent in Telegram (so a 👍/👎 under it can name the question, answer and sources),
    # and one vote per user per answer, with the optional reason a 👎 asks for
    [
        """CREATE TABLE answer_log (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            user_id BIGINT NOT NULL,
            chat_id BIGINT NOT NULL,
            question TEXT NOT NULL,
            normalized TEXT NOT NULL,
            answer TEXT NOT NULL,
            sources TEXT NOT NULL,
            refused INTEGER NOT NULL,
            confidence REAL NOT NULL,
            asked_at TEXT NOT NULL
        )""",
        "CREATE INDEX answer_log_time ON answer_log (asked_at)",
        """CREATE TABLE answer_votes (
            token TEXT NOT NULL,
            user_id BIGINT NOT NULL,
            vote INTEGER NOT NULL,
            reason TEXT,
            chat_id BIGINT NOT NULL,
            prompt_message_id BIGINT,
            voted_at TEXT NOT NULL,
            PRIMARY KEY (token, user_id)
        )""",
        "CREATE INDEX answer_votes_prompt ON answer_votes (chat_id, prompt_message_id)",
        "CREATE INDEX answer_votes_time ON answer_votes (voted_at)",
    ],
]
