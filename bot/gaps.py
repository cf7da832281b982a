"""Which questions the materials answer badly: refused or low-confidence questions, for admins."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from bot.answering import Answer
from bot.progress.store import Gap, ProgressStore
from ingest.textnorm import normalize

LOW_CONFIDENCE_MARGIN = 0.1
_NOISE = re.compile(r"[\W_]+")


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class GapTracker:
    def __init__(self, store: ProgressStore, min_confidence: float, clock: Callable[[], datetime] = _utc_now) -> None:
        self._store = store
        self._threshold = min_confidence + LOW_CONFIDENCE_MARGIN
        self._clock = clock

    def record(self, user_id: int, answer: Answer) -> bool:
        """Log the question if it was refused for lack of material or answered with little support."""
        if answer.injection or not (answer.refused or answer.confidence < self._threshold):
            return False
        key = _NOISE.sub("", normalize(answer.question))
        self._store.log_question(user_id, answer.question, key, answer.refused, answer.confidence, self._clock())
        return True

    def recent(self, days: int = 30, limit: int = 15) -> list[Gap]:
        return self._store.gaps(self._clock() - timedelta(days=days), limit)
