"""Self-study service: quiz rounds, spaced review of mistakes, progress statistics.

Channel-agnostic: the Telegram handlers send what this returns as polls and messages.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from bot.corpus import Corpus
from bot.search_index import SearchIndex
from bot.progress.review import ReviewScheduler
from bot.progress.stats import StudyStats, compute_stats
from bot.progress.store import ProgressStore, Reminder, Round
from bot.quiz.bank import build_bank, select_items

log = logging.getLogger(__name__)

DEFAULT_ROUND = 5
MAX_ROUND = 20
REVIEW_ROUND = 10
CHALLENGE = "challenge"  # 挑战答题: questions keep coming until the first mistake
CHALLENGE_ITEMS = 100  # at most this many questions in one challenge
DAILY = "daily"  # 每日答题: a short set of new items and due reviews, counted in the study streak
DAILY_NEW = 5
DAILY_REVIEWS = 5
REPORTS_TO_RETIRE = 3  # default of the QUIZ_REPORTS_TO_RETIRE setting: reports that take an item out of every round


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class QuizQuestion:
    """One question of a round, ready to be sent as a quiz poll."""

    round_id: str
    mode: str
    position: int
    total: int
    item: dict[str, Any]


@dataclass(frozen=True)
class RoundSummary:
    mode: str
    total: int
    correct: int
    wrong_items: list[dict[str, Any]]
    best: int = 0  # a challenge's best score so far (this one included); 0 for other rounds
    streak: int = 0  # days in a row with answers, after a daily set; 0 for other rounds


@dataclass(frozen=True)
class Feedback:
    """What follows an answer: the source paragraph, then the next question or the round's summary."""

    chat_id: int
    correct: bool
    item: dict[str, Any]
    paragraph: list[str]
    next_question: QuizQuestion | None
    summary: RoundSummary | None


class StudyService:
    def __init__(
        self,
        index: SearchIndex,
        store: ProgressStore,
        scheduler: ReviewScheduler | None = None,
        clock: Callable[[], datetime] = utc_now,
        reports_to_retire: int = REPORTS_TO_RETIRE,
    ) -> None:
        self._index = index
        self.reports_to_retire = max(1, reports_to_retire)
        self._store = store
        self._scheduler = scheduler or ReviewScheduler()
        self._clock = clock
        self._bank: list = []
        self._bank_signature: tuple = ()
        self._bank_lock = threading.Lock()

    def bank(self) -> list:
        """The question bank, regenerated whenever the documents change."""
        corpus = self._index.corpus()
        with self._bank_lock:
            if corpus.signature != self._bank_signature:
                self._bank = build_bank(corpus.passages)
                self._bank_signature = corpus.signature
                log.info("quiz bank rebuilt: %d items from %d passages", len(self._bank), len(corpus.passages))
            return self._bank

    def bank_is_current(self) -> bool:
        """Whether the bank already matches the documents, so the next round need not rebuild it."""
        return self._index.corpus().signature == self._bank_signature

    def start_quiz(
        self, user_id: int, chat_id: int, count: int = DEFAULT_ROUND, doc_id: str | None = None
    ) -> QuizQuestion | None:
        """A new round of `count` questions from different paragraphs (only of `doc_id` when given, for a
        专项 round on one document), or None if there are no questions."""
        count = max(1, min(MAX_ROUND, count))
        bank = [item for item in self.bank() if doc_id is None or item.source.doc_id == doc_id]
        items = select_items(bank, count, exclude_ids=self._retired())
        if not items:
            return None
        corpus = self._index.corpus()
        payload = [self._with_topic(item.to_json(), corpus) for item in items]
        return self._question(self._store.start_round(user_id, chat_id, "quiz", payload, self._clock()))

    def start_challenge(self, user_id: int, chat_id: int) -> QuizQuestion | None:
        """A challenge round: the bank's best items in turn, ending at the first wrong answer."""
        items = select_items(self.bank(), CHALLENGE_ITEMS, exclude_ids=self._retired())
        if not items:
            return None
        corpus = self._index.corpus()
        payload = [self._with_topic(item.to_json(), corpus) for item in items]
        return self._question(self._store.start_round(user_id, chat_id, CHALLENGE, payload, self._clock()))

    def start_daily(self, user_id: int, chat_id: int) -> QuizQuestion | None:
        """Today's set: the reviews FSRS says are due, then items the learner has not answered yet."""
        self._forget_stale_cards(user_id)
        due = self._store.due_items(user_id, self._clock(), DAILY_REVIEWS)
        seen = {a.item_id for a in self._store.answers(user_id)} | {i["id"] for i in due} | self._retired()
        fresh = select_items(self.bank(), DAILY_NEW, exclude_ids=seen)
        corpus = self._index.corpus()
        items = [*due, *(self._with_topic(item.to_json(), corpus) for item in fresh)]
        if not items:
            return None
        return self._question(self._store.start_round(user_id, chat_id, DAILY, items, self._clock()))

    def report(self, user_id: int, item_id: str) -> bool:
        """Record a learner's 「题目有误」 report; True when the item is now retired from every round."""
        item = next((i for i in self.bank() if i.id == item_id), None)
        count = self._store.report_item(user_id, item_id, item.question if item else "", self._clock())
        retired = count >= self.reports_to_retire
        if retired:
            log.info("quiz item %s retired after %d reports", item_id, count)
        return retired

    def reports(self, limit: int = 20) -> list[tuple[str, str, int]]:
        """The most reported items: (id, question, learners); `reports_to_retire` or more are retired."""
        return self._store.item_reports(limit)

    def _retired(self) -> set[str]:
        return self._store.reported_items(self.reports_to_retire)

    def start_review(self, user_id: int, chat_id: int) -> QuizQuestion | None:
        """A round of the user's mistakes that FSRS says are due now, or None if none are due."""
        self._forget_stale_cards(user_id)
        items = self._store.due_items(user_id, self._clock(), REVIEW_ROUND)
        if not items:
            return None
        return self._question(self._store.start_round(user_id, chat_id, "review", items, self._clock()))

    def next_review_at(self, user_id: int) -> datetime | None:
        self._forget_stale_cards(user_id)
        due = self._store.next_due(user_id)
        return datetime.fromisoformat(due) if due else None

    def poll_sent(self, question: QuizQuestion, poll_id: str, chat_id: int, message_id: int) -> None:
        self._store.register_poll(poll_id, question.round_id, question.position, question.item["id"], chat_id, message_id)

    def answer(self, poll_id: str, user_id: int, option_ids: list[int]) -> Feedback | None:
        """Record a poll answer once; None for polls that are not ours or were answered already."""
        record = self._store.poll(poll_id)
        if record is None:
            return None
        round_before = self._store.round(record.round_id)
        item = round_before.items[record.position]
        correct = sorted(option_ids) == item.get("answer_indices", [item["answer_index"]])
        now = self._clock()
        outcome = self._store.record_answer(
            poll_id, user_id, correct, now, lambda card, ok: self._scheduler.update(card, ok, now)
        )
        if outcome is None:
            return None
        current = outcome.round
        source = item.get("source", {})
        paragraph = self._index.paragraph_sentences(source.get("doc_id", ""), int(source.get("paragraph", 0))) or [source.get("text", "")]
        next_item = current.current_item
        if current.mode == CHALLENGE and not correct:
            next_item = None  # a challenge ends at the first mistake
        if next_item is not None:
            return Feedback(record.chat_id, correct, item, paragraph, self._question(current), None)
        self._store.finish_round(current.round_id, now)
        return Feedback(record.chat_id, correct, item, paragraph, None, self._summary(current))

    def due_count(self, user_id: int) -> int:
        self._forget_stale_cards(user_id)
        return self._store.count_due(user_id, self._clock())

    def reminders(self) -> list[Reminder]:
        return self._store.reminders()

    def stats(self, user_id: int) -> StudyStats:
        self._forget_stale_cards(user_id)
        now = self._clock()
        return compute_stats(self._store.answers(user_id), self._store.count_due(user_id, now), now)

    def set_daily(self, user_id: int, chat_id: int, enabled: bool, hour: int) -> None:
        self._store.set_reminder(user_id, chat_id, enabled, hour, self._clock())

    def _forget_stale_cards(self, user_id: int) -> None:
        """Drop the user's review cards whose sentence is no longer in its paragraph: the document was
        removed, or a new version changed or moved that text. Such a card could never be reviewed against
        the materials again and would stay due forever. Checked on every read of the user's reviews, so
        changes made while the bot was stopped, or during a round, are caught too."""
        corpus = self._index.corpus()
        stale = [item["id"] for item in self._store.card_items(user_id) if not _still_in(corpus, item.get("source", {}))]
        if stale:
            self._store.delete_cards(user_id, stale)
            log.info("dropped %d review cards of user %s whose source sentence is gone", len(stale), user_id)

    @staticmethod
    def _question(current: Round) -> QuizQuestion:
        return QuizQuestion(current.round_id, current.mode, current.position, len(current.items), current.items[current.position])

    def _summary(self, finished: Round) -> RoundSummary:
        results = self._store.round_results(finished.round_id)
        challenge = finished.mode == CHALLENGE
        return RoundSummary(
            mode=finished.mode,
            total=len(results) if challenge else len(finished.items),
            correct=finished.correct,
            wrong_items=[i for i in finished.items if results.get(i["id"]) is False],
            best=self._store.best_score(finished.user_id, CHALLENGE) if challenge else 0,
            streak=self._streak(finished.user_id) if finished.mode == DAILY else 0,
        )

    def _streak(self, user_id: int) -> int:
        now = self._clock()
        return compute_stats(self._store.answers(user_id), 0, now).streak_days

    @staticmethod
    def _with_topic(item: dict[str, Any], corpus: Corpus) -> dict[str, Any]:
        source = item["source"]
        topic = corpus.heading_of(source["doc_id"], source["paragraph"]) or f"第{source['paragraph']}段"
        return {**item, "topic": topic}


def _still_in(corpus: Corpus, source: dict[str, Any]) -> bool:
    """Whether the sentence a question was made from is still in the same paragraph of its document."""
    sentences = corpus.paragraph(source.get("doc_id", ""), int(source.get("paragraph", 0)))
    return any(chunk.text == source.get("text") for chunk in sentences)
