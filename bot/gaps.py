"""Which questions the materials answer badly, for admins: answers users voted 👎 on, and refused or
low-confidence questions. The 👎 answers export as eval lines an admin completes into a regression set."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.answering import Answer
from bot.progress.store import DownVoted, Gap, LoggedAnswer, ProgressStore, VoteOutcome
from ingest.errors import ConfigError
from ingest.textnorm import normalize

LOW_CONFIDENCE_MARGIN = 0.1
FEEDBACK_KIND = "feedback"  # the eval "kind" of an exported 👎 answer
_NOISE = re.compile(r"[\W_]+")


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def question_key(question: str) -> str:
    """Questions that differ only in punctuation, spacing or width count as one."""
    return _NOISE.sub("", normalize(question))


def first_line(text: str) -> str:
    """The first non-empty line of an answer: its quote's start, what an admin needs to recognise it."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


class GapTracker:
    def __init__(self, store: ProgressStore, min_confidence: float, clock: Callable[[], datetime] = _utc_now) -> None:
        self._store = store
        self._threshold = min_confidence + LOW_CONFIDENCE_MARGIN
        self._clock = clock

    def record(self, user_id: int, answer: Answer) -> bool:
        """Log the question if it was refused for lack of material or answered with little support."""
        if answer.injection or not (answer.refused or answer.confidence < self._threshold):
            return False
        self._store.log_question(user_id, answer.question, question_key(answer.question), answer.refused, answer.confidence, self._clock())
        return True

    def recent(self, days: int = 30, limit: int = 15) -> list[Gap]:
        return self._store.gaps(self._clock() - timedelta(days=days), limit)

    def log_answer(self, token: str, user_id: int, chat_id: int, answer: Answer) -> None:
        """Keep a sent answer under the token its 👍/👎 buttons carry, so a vote can name what it judges."""
        sources = [{"doc_id": s.doc_id, "title": s.title, "paragraph": s.paragraph, "sentence": s.sentence} for s in answer.sources]
        self._store.log_answer(
            LoggedAnswer(
                token=token, user_id=user_id, chat_id=chat_id, question=answer.question, normalized=question_key(answer.question),
                answer=answer.text, sources=sources, refused=answer.refused, confidence=answer.confidence, asked_at=self._clock().isoformat(),
            )
        )

    def vote(self, token: str, user_id: int, up: bool, chat_id: int) -> VoteOutcome | None:
        """A 👍 or 👎 on a logged answer; None when the answer is too old to be logged any more."""
        return self._store.vote(token, user_id, 1 if up else -1, chat_id, self._clock())

    def await_reason(self, token: str, user_id: int, prompt_message_id: int) -> None:
        self._store.await_reason(token, user_id, prompt_message_id)

    def record_reason(self, chat_id: int, prompt_message_id: int, user_id: int, reason: str, is_prompt: bool = False) -> bool:
        """A reply to a 👎 prompt; False when the message answers no prompt of this user (a question, then).
        `is_prompt`: the replied-to message is a prompt, even if its id is not stored yet."""
        reason = " ".join(reason.split())
        return bool(reason) and self._store.record_reason(chat_id, prompt_message_id, user_id, reason, latest=is_prompt)

    def down_voted(self, days: int = 30, limit: int = 15) -> list[DownVoted]:
        return self._store.down_voted(self._clock() - timedelta(days=days), limit)


def eval_line(item: DownVoted) -> dict:
    """A 👎 answer as an eval case without "gold" (eval reports it as needing a span) until an admin adds
    the span that answers, or "gold": "" if the question should be refused."""
    return {
        "q": item.question,
        "kind": FEEDBACK_KIND,
        "bot_answer": item.answer,
        "sources": item.sources,
        "refused": item.refused,
        "votes": item.votes,
        "reasons": item.reasons,
        "last_voted": item.last_voted,
    }


def export_feedback(items: list[DownVoted], path: Path) -> int:
    """Add the 👎 answers not yet in `path` as eval JSONL lines; how many were added. The file is a
    regression set an admin completes by hand, so its lines are kept as they are and only new
    questions are appended."""
    try:
        kept = path.read_text(encoding="utf-8") if path.exists() else ""
        known = {json.loads(line).get("q") for line in kept.splitlines() if line.strip()}
    except (OSError, ValueError, AttributeError) as exc:
        raise ConfigError(f"cannot read {path} to extend it: {exc}", f"导出文件 {path} 已存在但无法读取（不是评测 JSONL？），请换一个文件名。") from exc
    new = [item for item in items if item.question not in known]
    if kept and not kept.endswith("\n"):
        kept += "\n"
    text = kept + "".join(json.dumps(eval_line(item), ensure_ascii=False) + "\n" for item in new)
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc}", f"无法写入导出文件 {path}：{exc.strerror or exc}") from exc
    return len(new)
