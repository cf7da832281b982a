"""A fake Telegram Bot API HTTP server for offline end-to-end tests of python-telegram-bot bots.

It runs aiohttp on 127.0.0.1 in a background thread with its own event loop, so the bot
can run in the test's process or in a subprocess.  Point PTB at it with
``base_url=server.base_url`` and ``base_file_url=server.base_file_url``.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import socket
import threading
from types import TracebackType
from typing import Any

from aiohttp import web

from . import methods
from .errors import ApiError, not_found, unauthorized
from .injection import InjectionMixin
from .observation import ApiCall, ObservationMixin
from .params import Params, Upload
from .state import DEFAULT_ALLOWED_UPDATES, FakeState, JsonDict

LOGGER = logging.getLogger(__name__)
LONG_POLL_MAX_TIMEOUT = 50
MAX_REQUEST_BYTES = 60 * 1024 * 1024
SUPERSEDED_BY_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
SUPERSEDED_BY_WEBHOOK = "Conflict: terminated by setWebhook request"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


def _json_response(body: Any, status: int = 200) -> web.Response:
    """JSON with raw UTF-8 like Telegram's responses (readable in captures and logs)."""
    return web.json_response(body, status=status, dumps=lambda value: json.dumps(value, ensure_ascii=False))


async def _read_params(request: web.Request) -> Params:
    """Collect query, urlencoded/multipart form and JSON body parameters like Telegram does."""
    values: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                body = None
            if isinstance(body, dict):
                values.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    uploads[key] = Upload(key, value.filename, value.content_type, value.file.read())
                else:
                    values[key] = value
    return Params(values, uploads)


class FakeBotApi(InjectionMixin, ObservationMixin):
    """Telegram's Bot API on 127.0.0.1: real long polling, validation, files and state.

    ``privacy_mode`` mirrors BotFather's default: in groups the bot only receives commands,
    @mentions of itself and replies to its messages.  ``strict_html_ampersand`` rejects a
    bare ``&`` in HTML, which Telegram keeps literally; turn it off to match Telegram exactly.
    """

    def __init__(
        self,
        token: str = "123456:ABC-test",
        *,
        bot_username: str = "study_assistant_test_bot",
        bot_first_name: str = "学习助手",
        privacy_mode: bool = True,
        strict_html_ampersand: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self.host = host
        self._port = port
        self._state = FakeState(token, bot_username, bot_first_name, privacy_mode)
        self._ctx = methods.MethodContext(self._state, strict_html_ampersand)
        self._cond = threading.Condition(threading.RLock())
        self._requests: list[ApiCall] = []
        self._error_log: list[ApiCall] = []
        self._downloads: list[str] = []
        self._faults: dict[str, list[ApiError]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._updates_event: asyncio.Event | None = None
        self._poll_generation = 0
        self._superseded_reason = SUPERSEDED_BY_POLL
        self._closing = False
        self._waiting_polls = 0

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT``, valid after ``start()``."""
        return f"http://{self.host}:{self._port}"

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url`` (the token is appended by PTB)."""
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for PTB's ``base_file_url``."""
        return f"{self.root_url}/file/bot"

    @property
    def bot_user(self) -> JsonDict:
        """What getMe returns; ``bot_user["username"]`` is the bot's @name."""
        with self._cond:
            return dict(self._state.bot_user)

    def start(self) -> FakeBotApi:
        """Bind a port and serve in a daemon thread; returns self once requests are accepted."""
        if self._thread is not None:
            raise RuntimeError("FakeBotApi is already running")
        self._closing = False
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._port))
        sock.listen(128)
        sock.setblocking(False)
        self._port = sock.getsockname()[1]
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            assert self._loop is not None
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._start_site(sock))
            except BaseException as exc:  # reported to start()'s caller below
                failure.append(exc)
                ready.set()
                return
            ready.set()
            self._loop.run_forever()
            self._loop.close()

        self._thread = threading.Thread(target=serve, name=f"FakeBotApi:{self._port}", daemon=True)
        self._thread.start()
        if not ready.wait(10) or failure:
            self._thread = None
            raise RuntimeError("FakeBotApi failed to start") from (failure[0] if failure else None)
        return self

    def stop(self) -> None:
        """End pending long polls, close the server and join its thread."""
        if self._thread is None or self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(15)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def fail_next(
        self, method: str, description: str, *, error_code: int = 400, retry_after: int | None = None
    ) -> None:
        """Make the next call of ``method`` fail, e.g. 403 "Forbidden: bot was blocked by the user"."""
        with self._cond:
            self._faults.setdefault(method.lower(), []).append(
                ApiError(error_code, description, retry_after=retry_after)
            )

    async def _start_site(self, sock: socket.socket) -> None:
        app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._updates_event = asyncio.Event()
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def _shutdown(self) -> None:
        self._closing = True
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()

    def _wake_pollers(self) -> None:
        """Wake every waiting getUpdates (event loop thread only)."""
        if self._updates_event is not None:
            self._updates_event.set()
            self._updates_event = asyncio.Event()

    def _notify_updates(self) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake_pollers)

    def _supersede_polls(self, reason: str) -> None:
        self._poll_generation += 1
        self._superseded_reason = reason
        self._wake_pollers()

    def _record(self, call: ApiCall, *, is_error: bool) -> None:
        with self._cond:
            self._requests.append(call)
            if is_error:
                self._error_log.append(call)
            self._cond.notify_all()

    async def _handle_api(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        params = await _read_params(request)
        entry = methods.lookup(name)
        canonical = "getUpdates" if name.lower() == "getupdates" else (entry[0] if entry else name)
        try:
            if request.match_info["token"] != self.token:
                raise unauthorized()
            if entry is None and canonical != "getUpdates":
                if name.lower() in methods.REAL_METHODS:
                    raise ApiError(
                        404, f"Not Found: {name} is a Bot API method the fake does not implement yet"
                    )
                raise not_found()
            with self._cond:
                faults = self._faults.get(canonical.lower())
                if faults:
                    raise faults.pop(0)
            if canonical == "getUpdates":
                result: Any = await self._get_updates(params)
            else:
                assert entry is not None
                with self._cond:
                    result = entry[1](self._ctx, params)
        except ApiError as error:
            call = ApiCall(
                canonical, params.decoded(), False, None, error.error_code, error.description, params.uploads
            )
            # PTB abandons its long poll on shutdown and the next poll supersedes it: not a bot error.
            self._record(call, is_error=error.description != SUPERSEDED_BY_POLL)
            return _json_response(error.to_json(), status=error.error_code)
        except Exception as exc:
            LOGGER.exception("FakeBotApi bug while handling %s", canonical)
            description = f"Internal Server Error: fake bug: {exc!r}"
            self._record(ApiCall(canonical, params.decoded(), False, None, 500, description), is_error=True)
            return _json_response({"ok": False, "error_code": 500, "description": description}, status=500)
        call = ApiCall(canonical, params.decoded(), True, copy.deepcopy(result), uploads=params.uploads)
        self._record(call, is_error=False)
        if canonical == "setWebhook" and self._state.webhook:
            self._supersede_polls(SUPERSEDED_BY_WEBHOOK)
        return _json_response({"ok": True, "result": result})

    async def _get_updates(self, params: Params) -> list[JsonDict]:
        """Long poll: answer as soon as updates exist, at ``timeout`` or when superseded."""
        with self._cond:
            if self._state.webhook:
                raise ApiError(409, WEBHOOK_ACTIVE)
            try:
                allowed = params.json("allowed_updates", "can't parse allowed updates")
            except ApiError:
                allowed = None
            if isinstance(allowed, list):
                self._state.allowed_updates = frozenset(allowed) or DEFAULT_ALLOWED_UPDATES
            self._state.confirm_updates(params.integer("offset"))
            self._cond.notify_all()
        limit = min(max(params.integer("limit", 100), 1), 100)
        timeout = min(max(params.integer("timeout"), 0), LONG_POLL_MAX_TIMEOUT)
        self._supersede_polls(SUPERSEDED_BY_POLL)
        generation = self._poll_generation
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._updates_event
            if self._closing:
                return []
            if generation != self._poll_generation:
                raise ApiError(409, self._superseded_reason)
            with self._cond:
                batch = self._state.take_updates(limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or event is None:
                return batch
            self._set_waiting(+1)
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                pass
            finally:
                self._set_waiting(-1)

    def _set_waiting(self, delta: int) -> None:
        with self._cond:
            self._waiting_polls += delta
            self._cond.notify_all()

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _json_response(unauthorized().to_json(), status=401)
        path = request.match_info["path"]
        with self._cond:
            stored = self._state.file_by_path(path)
            if stored is not None:
                self._downloads.append(path)
                self._cond.notify_all()
        if stored is None:
            return _json_response(not_found().to_json(), status=404)
        return web.Response(body=stored.content, content_type=stored.mime_type or "application/octet-stream")
