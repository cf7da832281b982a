"""What tests look at: the request log, chat state, and blocking waits with readable failures."""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .params import Upload
from .state import FakeState, JsonDict

T = TypeVar("T")
RECHECK_S = 0.05  # how often wait_for looks again when the fake saw no change

# Calls that only read; everything else is an "outgoing bot action" listed in ``sent``.
READ_ONLY_METHODS = frozenset(
    {
        "getUpdates",
        "getMe",
        "getFile",
        "getMyCommands",
        "getWebhookInfo",
        "getMyDescription",
        "getMyShortDescription",
        "getMyName",
    }
)


@dataclass(frozen=True)
class ApiCall:
    """One Bot API request as the fake saw and answered it."""

    method: str
    params: dict[str, Any]
    ok: bool
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    uploads: dict[str, Upload] = field(default_factory=dict)
    timestamp: float = field(default_factory=time.time)

    @property
    def message(self) -> JsonDict | None:
        """The Message the call returned (sendMessage, editMessageText, sendPoll...), if any."""
        if isinstance(self.result, dict) and "message_id" in self.result:
            return self.result
        return None

    def summary(self) -> str:
        """One readable line: method, the parameters that identify it, and the outcome."""
        parts = [self.method]
        for key in ("chat_id", "message_id", "callback_query_id", "action", "question", "text", "caption"):
            if key in self.params:
                value = self.params[key]
                if isinstance(value, str) and len(value) > 80:
                    value = value[:77] + "..."
                parts.append(f"{key}={value!r}")
        if self.method == "getUpdates" and self.ok:
            parts.append(f"-> {[u['update_id'] for u in self.result or []]}")
        elif self.ok:
            message = self.message
            parts.append(f"-> ok (message_id={message['message_id']})" if message else "-> ok")
        else:
            parts.append(f"-> {self.error_code} {self.description}")
        return " ".join(parts)


class ObservationMixin:
    """Read access and waiting helpers; all reads take the server lock and return copies."""

    _state: FakeState
    _cond: threading.Condition
    _requests: list[ApiCall]
    _error_log: list[ApiCall]
    _downloads: list[str]
    _waiting_polls: int

    @property
    def requests(self) -> list[ApiCall]:
        """Every request in arrival order, including getUpdates and failures."""
        with self._cond:
            return list(self._requests)

    @property
    def sent(self) -> list[ApiCall]:
        """Successful outgoing bot actions in order (sendMessage, editMessageText, ...)."""
        with self._cond:
            return [c for c in self._requests if c.ok and c.method not in READ_ONLY_METHODS]

    @property
    def errors(self) -> list[ApiCall]:
        """Every request the fake rejected, with Telegram's error code and description."""
        with self._cond:
            return list(self._error_log)

    def calls(self, method: str, *, ok: bool | None = None) -> list[ApiCall]:
        """Requests of one method (case-insensitive); ``ok`` filters by outcome."""
        with self._cond:
            return [
                c for c in self._requests if c.method.lower() == method.lower() and (ok is None or c.ok == ok)
            ]

    def messages(self, chat_id: int, *, include_user: bool = False) -> list[JsonDict]:
        """Current state (after edits and deletions) of the bot's messages in a chat.

        ``include_user=True`` also returns the messages users sent, interleaved by id.
        """
        with self._cond:
            chat = self._state.chats.get(chat_id)
            if chat is None:
                return []
            bot_id = self._state.bot_user["id"]
            return [
                copy.deepcopy(m)
                for _, m in sorted(chat.messages.items())
                if include_user or m["from"]["id"] == bot_id
            ]

    @property
    def commands(self) -> list[dict[str, str]]:
        """Commands set for the default scope and no language (what /-menus show)."""
        key = (json.dumps({"type": "default"}, sort_keys=True), "")
        with self._cond:
            return copy.deepcopy(self._state.commands.get(key, []))

    @property
    def chat_actions(self) -> list[JsonDict]:
        """sendChatAction calls as ``{"chat_id", "action", "date"}`` in order."""
        with self._cond:
            return copy.deepcopy(self._state.chat_actions)

    @property
    def polls(self) -> list[JsonDict]:
        """Current state of every poll the bot sent, oldest first (votes included)."""
        with self._cond:
            return [copy.deepcopy(p.poll) for p in self._state.polls.values()]

    @property
    def callback_answers(self) -> list[JsonDict]:
        """answerCallbackQuery calls as dicts (callback_query_id, text, show_alert, ...)."""
        with self._cond:
            return copy.deepcopy(self._state.callback_answers)

    @property
    def webhook(self) -> JsonDict | None:
        """The webhook set via setWebhook, or ``None``."""
        with self._cond:
            return copy.deepcopy(self._state.webhook)

    @property
    def downloads(self) -> list[str]:
        """File paths the bot downloaded, in order."""
        with self._cond:
            return list(self._downloads)

    @property
    def waiting_polls(self) -> int:
        """getUpdates requests currently blocked in a long poll (the bot is idle-waiting)."""
        with self._cond:
            return self._waiting_polls

    @property
    def hidden_updates(self) -> list[JsonDict]:
        """Group messages privacy mode kept from the bot (never queued)."""
        with self._cond:
            return copy.deepcopy(self._state.hidden_updates)

    def wait_for(self, predicate: Callable[[], T | None], timeout: float = 10.0, description: str = "") -> T:
        """Block until ``predicate()`` is truthy and return its value.

        The predicate is re-evaluated whenever the fake's state changes (condition variable) and at
        least every ``RECHECK_S``, since it may watch the bot's own state (gaps recorded, documents
        ingested), which changes after the bot's last request.  On timeout an AssertionError shows
        what the bot did.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                result = predicate()
                if result:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    what = description or getattr(predicate, "__name__", repr(predicate))
                    raise AssertionError(f"Timed out after {timeout:g}s waiting for {what}\n{self.dump()}")
                self._cond.wait(min(remaining, RECHECK_S))

    def wait_for_messages(self, chat_id: int, count: int = 1, timeout: float = 10.0) -> list[JsonDict]:
        """Wait until the bot has at least ``count`` messages in the chat; returns them all."""

        def enough() -> list[JsonDict] | None:
            found = self.messages(chat_id)
            return found if len(found) >= count else None

        return self.wait_for(enough, timeout, f"{count} bot message(s) in chat {chat_id}")

    def assert_no_errors(self) -> None:
        """Fail with the activity dump if the fake rejected any request."""
        errors = self.errors
        if errors:
            listing = "\n".join(f"  {e.summary()}" for e in errors)
            raise AssertionError(
                f"The fake Bot API rejected {len(errors)} request(s):\n{listing}\n{self.dump()}"
            )

    def dump(self) -> str:
        """Human-readable log of the bot's calls (empty long polls omitted) and pending updates."""
        with self._cond:
            calls = list(self._requests)
            pending = [u["update_id"] for u in self._state.updates]
        shown = [c for c in calls if not (c.method == "getUpdates" and c.ok and not c.result)]
        lines = [f"Bot API activity ({len(calls)} requests, {len(calls) - len(shown)} empty polls hidden):"]
        lines += [f"  {c.summary()}" for c in shown] or ["  (none)"]
        lines.append(f"Unconfirmed updates: {pending or 'none'}")
        return "\n".join(lines)
