"""Typed access to Bot API parameters, which arrive as form strings, multipart parts or JSON.

PTB posts every value as a form field: strings verbatim, everything else JSON-encoded
(``reply_markup``, ``entities``, ``options`` ... are JSON strings, ints are ``"123"``,
booleans ``"true"``).  Telegram also accepts a JSON body or a query string, so do we.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request

JSON_KEYS = frozenset(
    {
        "allowed_updates",
        "caption_entities",
        "commands",
        "correct_option_ids",
        "country_codes",
        "description_entities",
        "entities",
        "explanation_entities",
        "explanation_media",
        "link_preview_options",
        "media",
        "menu_button",
        "options",
        "question_entities",
        "reply_markup",
        "reply_parameters",
        "scope",
    }
)
INT_KEYS = frozenset(
    {
        "cache_time",
        "chat_id",
        "close_date",
        "correct_option_id",
        "draft_id",
        "limit",
        "max_connections",
        "message_id",
        "message_thread_id",
        "offset",
        "open_period",
        "reply_to_message_id",
        "timeout",
        "user_id",
    }
)
BOOL_KEYS = frozenset(
    {
        "allow_adding_options",
        "allow_sending_without_reply",
        "allows_multiple_answers",
        "allows_revoting",
        "disable_content_type_detection",
        "disable_notification",
        "disable_web_page_preview",
        "drop_pending_updates",
        "has_spoiler",
        "hide_results_until_closes",
        "is_anonymous",
        "is_closed",
        "members_only",
        "protect_content",
        "show_alert",
        "show_caption_above_media",
        "shuffle_options",
    }
)


@dataclass(frozen=True)
class Upload:
    """One multipart file part as the bot uploaded it."""

    name: str
    filename: str | None
    content_type: str | None
    content: bytes = field(repr=False)

    @property
    def size(self) -> int:
        """Number of uploaded bytes."""
        return len(self.content)


def _looks_like_int(value: str) -> bool:
    return value.lstrip("-").isdigit()


def _to_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)


class Params:
    """Parameters of one Bot API request with Telegram's lenient type coercion."""

    def __init__(self, values: dict[str, Any], uploads: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.uploads = uploads or {}

    def has(self, key: str) -> bool:
        """True when the parameter is present and non-empty, like TDLib's ``has_arg``."""
        return self.values.get(key) not in (None, "")

    def text(self, key: str) -> str:
        """The parameter as a string; absent means ''."""
        value = self.values.get(key)
        if value is None:
            return ""
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, key: str, default: int = 0) -> int:
        """The parameter as an int, or ``default`` when absent or not a number."""
        value = self.values.get(key)
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, str) and _looks_like_int(value.strip()):
            return int(value.strip())
        return default

    def boolean(self, key: str, default: bool = False) -> bool:
        """The parameter as a bool; Telegram accepts ``true``/``1``."""
        return _to_bool(self.values[key]) if self.has(key) else default

    def json(self, key: str, error: str) -> Any:
        """Decode a JSON-encoded parameter, failing with ``Bad Request: <error>``."""
        value = self.values.get(key)
        if value in (None, ""):
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error) from None

    def decoded(self) -> dict[str, Any]:
        """Best-effort typed view for test assertions (JSON decoded, ints and bools coerced)."""
        view: dict[str, Any] = {}
        for key, value in self.values.items():
            if isinstance(value, str) and key in JSON_KEYS:
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            elif isinstance(value, str) and key in INT_KEYS and _looks_like_int(value.strip()):
                value = int(value.strip())
            elif key in BOOL_KEYS:
                value = _to_bool(value)
            view[key] = value
        return view
