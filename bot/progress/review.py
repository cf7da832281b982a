"""Spaced repetition with FSRS (the `fsrs` package): a wrong answer schedules a review, each
review reschedules it further or sooner."""

from __future__ import annotations

import json
from datetime import datetime

from fsrs import Card, Rating, Scheduler


class ReviewScheduler:
    def __init__(self, scheduler: Scheduler | None = None) -> None:
        self._scheduler = scheduler or Scheduler(enable_fuzzing=False)

    def update(self, card_json: str | None, correct: bool, now: datetime) -> tuple[str, str]:
        """The card after this answer, and when it is due next (ISO, UTC)."""
        card = Card.from_dict(json.loads(card_json)) if card_json else Card(due=now)
        card, _ = self._scheduler.review_card(card, Rating.Good if correct else Rating.Again, review_datetime=now)
        return json.dumps(card.to_dict()), card.due.isoformat()
