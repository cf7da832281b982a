"""Bridge from `AnswerEngine.ask_stream` (a blocking generator) to an async channel such as Telegram.

The generator runs on a worker thread, so retrieval and the HTTP stream never block the event loop;
drafts are coalesced so a caller that edits one message per draft edits it at most once per interval.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass

from bot.answering import Answer


@dataclass(frozen=True)
class Draft:
    text: str  # the draft so far: finished sentences that passed the clause check, not yet the verified answer
    answer: Answer | None = None  # set on the last draft only: the answer that replaces the provisional text


@dataclass(frozen=True)
class _Failed:
    error: BaseException


_END = object()


async def drafts(stream: Iterator[str | Answer], interval_s: float = 1.0, executor: Executor | None = None) -> AsyncIterator[Draft]:
    """Drafts at most once per `interval_s` while text arrives, then one final Draft carrying the Answer.

    The stream runs on `executor` (asyncio's default pool when None); a bot gives questions a pool of
    their own, so slow answers cannot take the threads other work needs.

    Exceptions of the stream (such as QuestionError for an empty question) are raised here.
    """
    loop = asyncio.get_running_loop()
    items: asyncio.Queue[object] = asyncio.Queue()

    def put(item: object) -> None:
        try:
            loop.call_soon_threadsafe(items.put_nowait, item)
        except RuntimeError:  # the loop has closed: nobody is waiting any more
            pass

    def pump() -> None:
        try:
            for item in stream:
                put(item)
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting caller
            put(_Failed(exc))
        put(_END)

    loop.run_in_executor(executor, pump)
    text = ""
    shown_at = float("-inf")
    unshown = False
    while True:
        wait = max(0.0, shown_at + interval_s - time.monotonic()) if unshown else None
        try:
            item = await asyncio.wait_for(items.get(), wait)
        except TimeoutError:
            yield Draft(text)
            shown_at, unshown = time.monotonic(), False
            continue
        if isinstance(item, Answer):
            yield Draft(text, item)
            return
        if isinstance(item, _Failed):
            raise item.error
        if item is _END:
            raise RuntimeError("answer stream ended without an answer")
        text += str(item)
        if time.monotonic() - shown_at >= interval_s:
            yield Draft(text)
            shown_at, unshown = time.monotonic(), False
        else:
            unshown = True
