"""Run a real python-telegram-bot ``Application`` against the fake from synchronous tests."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, TypeVar

from telegram.ext import Application, ContextTypes

T = TypeVar("T")


class ApplicationThread:
    """Polls with PTB's own ``Updater`` in a background thread that owns the event loop.

    It replays ``run_polling``'s sequence (initialize, post_init, start_polling, start ...
    updater.stop, stop, post_stop, shutdown, post_shutdown) minus signal handling, so
    ``post_init`` work such as set_my_commands happens as in production.  Exceptions
    raised in handlers are collected in ``handler_errors``.
    """

    def __init__(
        self, application: Application, *, poll_timeout: int = 10, startup_timeout: float = 30.0
    ) -> None:
        self.application = application
        self.startup_timeout = startup_timeout
        self.handler_errors: list[BaseException] = []
        self._poll_timeout = poll_timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None
        application.add_error_handler(self._collect_error)

    async def _collect_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            self.handler_errors.append(context.error)

    def start(self) -> ApplicationThread:
        """Start polling; returns once post_init ran and the bot is listening."""
        self._thread = threading.Thread(target=self._main, name="ptb-application", daemon=True)
        self._thread.start()
        if not self._ready.wait(self.startup_timeout):
            raise RuntimeError("the Application did not start in time")
        if self._failure is not None:
            raise RuntimeError("the Application failed to start") from self._failure
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop polling and shut the Application down cleanly."""
        if self._thread is None or self._loop is None or self._stop is None:
            return
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError(f"the Application did not shut down within {timeout:g}s")
        self._thread = None

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        """Run a coroutine (e.g. ``app.bot.send_message(...)``) on the bot's loop and return its result."""
        if self._loop is None:
            raise RuntimeError("start() the ApplicationThread first")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def __enter__(self) -> ApplicationThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _main(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._lifecycle())
        finally:
            self._loop.close()

    async def _lifecycle(self) -> None:
        """The same steps, in the same order, as ``Application.run_polling``."""
        self._stop = asyncio.Event()
        app = self.application
        try:
            await app.initialize()
            if app.post_init:
                await app.post_init(app)
            assert app.updater is not None, "build the Application with an Updater"
            await app.updater.start_polling(poll_interval=0.0, timeout=self._poll_timeout)
            await app.start()
        except BaseException as exc:
            self._failure = exc
            self._ready.set()
            await app.shutdown()
            return
        self._ready.set()
        await self._stop.wait()
        await app.updater.stop()
        await app.stop()
        if app.post_stop:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
