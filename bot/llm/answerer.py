"""LLM answers over the extractive answer's passages: streamed, verified, or replaced by the extractive answer."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace

from langchain_openai import ChatOpenAI

from bot.answering import Answer, Source, citation
from bot.llm.client import MAX_IN_FLIGHT, LLMError, build_chat_model, stream_text
from bot.llm.draft import DraftFilter
from bot.llm.prompt import build_messages
from bot.llm.verify import verify
from bot.settings import Settings

log = logging.getLogger(__name__)


class LLMAnswerer:
    """Asks the configured model about numbered passages and keeps its answer only if it verifies."""

    def __init__(self, settings: Settings, chat: ChatOpenAI | None = None) -> None:
        self.timeout_s = settings.llm_timeout_s
        self._chat = chat or build_chat_model(settings)
        self._secret = settings.llm_api_key.get_secret_value() if settings.llm_api_key else ""
        self._slots = threading.BoundedSemaphore(MAX_IN_FLIGHT)

    def stream(self, question: str, passages: Sequence[Source], fallback: Answer) -> Iterator[str | Answer]:
        """Draft text as the model writes it, then the verified LLM answer or `fallback` (always last).

        Never raises for a model failure and never takes much longer than the timeout: every failure is
        logged with its reason and answered with `fallback`.
        """
        drafts = DraftFilter(passages, question)
        parts: list[str] = []
        try:
            for delta in stream_text(self._chat, build_messages(question, passages), self.timeout_s, self._slots):
                parts.append(delta)
                yield from drafts.feed(delta)
        except LLMError as exc:
            self._fall_back(exc.reason)
            yield fallback
            return
        yield self.finish(question, "".join(parts), passages, fallback)

    def finish(self, question: str, text: str, passages: Sequence[Source], fallback: Answer) -> Answer:
        """The model's full reply as an Answer with 出处, or `fallback` when verification rejects it."""
        verdict = verify(text, passages, question)
        if not verdict.ok:
            self._fall_back(verdict.reason)
            return fallback
        cited = tuple(sorted((passages[n - 1] for n in verdict.cited), key=lambda s: (s.doc_id, s.paragraph, s.sentence)))
        return replace(fallback, quote=verdict.body, citation=citation(cited), sources=cited, mode="llm")

    def _fall_back(self, reason: str) -> None:
        if self._secret:
            reason = reason.replace(self._secret, "***")
        log.warning("LLM answer not used (%s); falling back to the extractive answer", reason)
