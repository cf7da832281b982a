"""The error type every fake Bot API method raises to produce a Telegram-style failure."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API failure, serialised exactly like Telegram's ``{"ok": false, ...}`` bodies."""

    def __init__(self, error_code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> dict[str, Any]:
        """Build the response body PTB's ``BaseRequest`` parses into a ``TelegramError``."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(message: str) -> ApiError:
    """400 with Telegram's ``Bad Request: `` prefix (message starts lower-case like the server's)."""
    return ApiError(400, f"Bad Request: {message}")


def unauthorized() -> ApiError:
    """401 that Telegram returns for a well-formed but unknown bot token."""
    return ApiError(401, "Unauthorized")


def not_found() -> ApiError:
    """404 that Telegram returns for unknown methods and missing files."""
    return ApiError(404, "Not Found")
