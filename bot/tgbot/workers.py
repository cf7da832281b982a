"""Bounded thread pools for the bot's blocking work, one per kind, so one kind cannot starve another.

asyncio's default pool has only `cpu_count + 4` threads: a handful of questions waiting on a slow LLM, or
a long ingest, used to take every thread, and poll answers, /docs and /stats queued behind them. Now
questions, ingest and the small database and rendering work each have their own pool; LLM calls are
capped as well (`bot.llm.client.MAX_IN_FLIGHT`), so question threads are never all blocked on the model.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.llm.client import MAX_IN_FLIGHT

T = TypeVar("T")

# Threads beyond the LLM cap keep extractive answers (and questions that found the cap full) flowing.
QUESTION_WORKERS = MAX_IN_FLIGHT + 2
# Writes to the knowledge base run one at a time, in the order they were asked for.
INGEST_WORKERS = 1
# Progress database reads and writes, document lists, source paragraphs, /stats charts: milliseconds each.
SMALL_WORKERS = 4


@dataclass(frozen=True)
class Workers:
    questions: ThreadPoolExecutor
    ingest: ThreadPoolExecutor
    small: ThreadPoolExecutor

    @classmethod
    def create(cls) -> Workers:
        return cls(
            questions=ThreadPoolExecutor(QUESTION_WORKERS, thread_name_prefix="questions"),
            ingest=ThreadPoolExecutor(INGEST_WORKERS, thread_name_prefix="ingest"),
            small=ThreadPoolExecutor(SMALL_WORKERS, thread_name_prefix="small"),
        )

    def shutdown(self) -> None:
        """Stop taking work; queued work is dropped, running work finishes on its own (an ingest commits
        or rolls back, an LLM call ends at its deadline) without holding up the bot's exit."""
        for pool in (self.questions, self.ingest, self.small):
            pool.shutdown(wait=False, cancel_futures=True)


async def run(pool: Executor, fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` on `pool`, awaited without blocking the event loop (like `asyncio.to_thread`, with
    the caller's context variables, but on a bounded pool of the caller's choice)."""
    call = functools.partial(contextvars.copy_context().run, fn, *args)
    return await asyncio.get_running_loop().run_in_executor(pool, call)
