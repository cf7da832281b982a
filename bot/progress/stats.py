"""What /stats shows: totals, accuracy, the study-day streak, reviews due, and weakest paragraphs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from bot.progress.store import AnswerRow

# Streaks count calendar days where the cadres live.
LOCAL_TZ = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class WeakSpot:
    doc_id: str
    paragraph: int
    topic: str
    wrong: int
    total: int


@dataclass(frozen=True)
class DayCount:
    day: date
    correct: int
    wrong: int


@dataclass(frozen=True)
class StudyStats:
    answered: int
    correct: int
    streak_days: int
    due: int
    weakest: list[WeakSpot] = field(default_factory=list)
    recent_days: list[DayCount] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


def compute_stats(answers: list[AnswerRow], due: int, now: datetime, days: int = 14) -> StudyStats:
    local_days = [datetime.fromisoformat(a.answered_at).astimezone(LOCAL_TZ).date() for a in answers]
    today = now.astimezone(LOCAL_TZ).date()
    studied = set(local_days)
    streak = 0
    day = today if today in studied else today - timedelta(days=1)
    while day in studied:
        streak += 1
        day -= timedelta(days=1)
    by_paragraph: dict[tuple[str, int], list[AnswerRow]] = defaultdict(list)
    for answer in answers:
        by_paragraph[(answer.doc_id, answer.paragraph)].append(answer)
    weakest = sorted(
        (
            WeakSpot(doc_id, paragraph, rows[-1].topic, sum(not r.correct for r in rows), len(rows))
            for (doc_id, paragraph), rows in by_paragraph.items()
            if any(not r.correct for r in rows)
        ),
        key=lambda w: (-(w.wrong / w.total), -w.wrong, w.paragraph),
    )
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for answer, local in zip(answers, local_days, strict=True):
        per_day[local][0 if answer.correct else 1] += 1
    recent = [
        DayCount(d, per_day[d][0], per_day[d][1]) for d in (today - timedelta(days=i) for i in range(days - 1, -1, -1))
    ]
    return StudyStats(
        answered=len(answers),
        correct=sum(a.correct for a in answers),
        streak_days=streak,
        due=due,
        weakest=weakest[:3],
        recent_days=recent,
    )
