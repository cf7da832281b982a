"""The study service over a changing knowledge base, and the /stats chart drawn from many threads at once."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.progress.store import ProgressStore
from bot.services import Services
from bot.study import StudyService
from tests.conftest import SEEDS

USER = 77
SEED_FILE = next(SEEDS.glob("*.txt"))


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def answer_wrong(study: StudyService, count: int) -> list[dict]:
    """A round of `count` questions, every one answered wrongly: each becomes a review card."""
    question = study.start_quiz(USER, USER, count)
    items = []
    for n in range(count):
        assert question is not None
        items.append(question.item)
        study.poll_sent(question, f"poll-{n}", USER, n + 1)
        wrong = (question.item["answer_index"] + 1) % len(question.item["options"])
        question = study.answer(f"poll-{n}", USER, [wrong]).next_question
    return items


def test_cards_of_a_changed_sentence_leave_the_review_queue(fake_services: Services, tmp_path: Path) -> None:
    fake_services.documents.ensure_seeded()
    clock = Clock()
    study = StudyService(fake_services.index, ProgressStore(tmp_path / "progress.sqlite3"), clock=clock)
    changed, kept = answer_wrong(study, 2)
    assert changed["source"]["text"] != kept["source"]["text"]
    clock.now += timedelta(minutes=2)
    assert study.due_count(USER) == 2

    new_version = tmp_path / "upload" / SEED_FILE.name  # same name: it replaces the seed document
    new_version.parent.mkdir()
    text = SEED_FILE.read_text(encoding="utf-8")
    assert changed["source"]["text"] in text
    new_version.write_text(text.replace(changed["source"]["text"], "本句在新版本中已经删去并改写为别的内容。"), encoding="utf-8")
    (result,) = fake_services.documents.ingest([new_version])
    assert result.status == "replaced"

    assert study.due_count(USER) == 1, "the card of the rewritten sentence is gone"
    review = study.start_review(USER, USER)
    assert review is not None and review.total == 1 and review.item["id"] == kept["id"]


@pytest.mark.slow
def test_charts_drawn_on_many_threads_match_and_leave_pyplot_alone() -> None:
    """pyplot keeps global figures and rcParams; worker threads drawing /stats charts at once must not share them."""
    script = """
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from bot.progress.chart import render_chart
from bot.progress.stats import DayCount, StudyStats

def stats(n):
    days = [DayCount(date(2026, 11, 1) + timedelta(days=i), (i + n) % 4, i % 3) for i in range(14)]
    return StudyStats(answered=40, correct=25, streak_days=3, due=2, recent_days=days)

alone = [render_chart(stats(n)) for n in range(4)]
with ThreadPoolExecutor(8) as pool:
    together = list(pool.map(lambda k: render_chart(stats(k % 4)), range(32)))
print(all(png == alone[k % 4] for k, png in enumerate(together)), "matplotlib.pyplot" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"], "every chart is drawn as if alone, without pyplot"
