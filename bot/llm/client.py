"""The OpenAI-compatible chat model behind LLM answers, streamed under one overall deadline.

The HTTP timeout alone cannot bound a call: it applies to each read, so a server that trickles tokens (or
sends nothing after the headers) could hold a question for much longer. The stream is therefore read on a
worker thread and abandoned once the deadline passes; the worker then ends at its own next read timeout.

At most MAX_IN_FLIGHT requests are open at once (a slot is held until the reading thread ends, not just
until the deadline). A question that finds every slot taken gets its extractive answer at once instead of
queueing: behind N slow calls it could wait N deadlines, while the extractive answer is ready now.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator, Sequence

import httpx
import openai
from langchain_core.messages import BaseMessage
from langchain_openai import ChatOpenAI

from bot.settings import Settings

# OpenAI's client insists on a key; local servers such as Ollama or llama.cpp ignore it.
PLACEHOLDER_KEY = "not-needed"
# The prompt asks for at most 200 characters; this bounds a model that rambles on (about 1.5 tokens a character).
MAX_TOKENS = 600
# Open requests to the model at most; a slow or hung server then holds at most this many worker threads.
MAX_IN_FLIGHT = 4


class LLMError(Exception):
    """No usable text from the model: timeout, HTTP error, unreachable server or malformed response."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def build_chat_model(settings: Settings) -> ChatOpenAI:
    """ChatOpenAI for the configured server; no retries, so a failure falls back at once."""
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else PLACEHOLDER_KEY
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=key,
        model=settings.llm_model,
        timeout=settings.llm_timeout_s,
        max_retries=0,
        streaming=True,
        stream_usage=False,
        temperature=0.0,
        max_tokens=MAX_TOKENS,
    )


def stream_text(
    chat: ChatOpenAI, messages: Sequence[BaseMessage], timeout_s: float, slots: threading.Semaphore | None = None
) -> Iterator[str]:
    """Text deltas of the model's reply; raises LLMError on failure, when `timeout_s` has passed in total,
    or at once when `slots` (the cap on open requests) has none free."""
    if slots is not None and not slots.acquire(blocking=False):
        raise LLMError("busy: every LLM request slot is taken")
    deadline = time.monotonic() + timeout_s
    items: queue.Queue[tuple[str, object]] = queue.Queue()
    stop = threading.Event()

    def read() -> None:
        try:
            for chunk in chat.stream(list(messages)):
                if stop.is_set():
                    return
                text = chunk.content if isinstance(chunk.content, str) else chunk.text
                if text:
                    items.put(("delta", text))
            items.put(("end", None))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a fallback, classified below
            items.put(("error", exc))
        finally:
            if slots is not None:
                slots.release()

    threading.Thread(target=read, name="llm-stream", daemon=True).start()
    try:
        while True:
            remaining = deadline - time.monotonic()
            try:
                kind, value = items.get(timeout=max(0.0, remaining))
            except queue.Empty:
                raise LLMError(f"timed out: no complete answer within {timeout_s:g} s") from None
            if kind == "end":
                return
            if kind == "error":
                raise LLMError(describe(value)) from None
            yield str(value)
    finally:
        stop.set()


def describe(exc: object) -> str:
    """A short English reason for a failed call; never the request itself, so never the key."""
    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
        return "timed out waiting for the server"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code} from the server"
    if isinstance(exc, (openai.APIConnectionError, httpx.TransportError)):
        return "server unreachable or connection lost"
    return f"malformed response ({type(exc).__name__}: {str(exc)[:160]})"
