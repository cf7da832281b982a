"""reply_markup validation: the four keyboard kinds and Telegram's inline button rules."""

from __future__ import annotations

from typing import Any

from telegram.constants import InlineKeyboardButtonLimit, InlineKeyboardMarkupLimit

from .errors import ApiError, bad_request
from .params import Params

INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _button_error(message: str, *, inline: bool) -> ApiError:
    prefix = "can't parse inline keyboard button" if inline else "can't parse keyboard button"
    return bad_request(f"{prefix}: {message}")


def _require_text(button: dict[str, Any], *, inline: bool) -> None:
    if "text" not in button:
        raise _button_error('Can\'t find field "text"', inline=inline)
    if not isinstance(button["text"], str):
        raise _button_error('Field "text" must be of type String', inline=inline)
    if not button["text"].strip():
        kind = "inline keyboard button" if inline else "keyboard button"
        raise bad_request(f"{kind} text must be non-empty")


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise _button_error("InlineKeyboardButton must be an Object", inline=True)
    _require_text(button, inline=True)
    actions = [key for key in INLINE_BUTTON_ACTIONS if button.get(key) not in (None, "")]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard", inline=True)
    if len(actions) > 1:
        raise _button_error(
            f"exactly one of the optional fields must be used, got {', '.join(actions)} "
            "(the fake is stricter than Telegram here)",
            inline=True,
        )
    if "callback_data" in actions:
        data = button["callback_data"]
        size = len(str(data).encode("utf-8"))
        if not isinstance(data, str) or not (
            InlineKeyboardButtonLimit.MIN_CALLBACK_DATA <= size <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
        ):
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in actions:
        url = str(button["url"])
        scheme, sep, rest = url.partition("://")
        if not sep or scheme.lower() not in {"http", "https", "tg"} or not rest or " " in url:
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _rows(markup: dict[str, Any], key: str, error: str) -> list[list[Any]]:
    rows = markup[key]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(error)
    return rows


def reply_markup(params: Params, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate ``reply_markup``; returns the decoded markup or ``None`` when absent/empty.

    An empty ``{"inline_keyboard": []}`` means "no keyboard", which is how a bot removes
    the buttons of a message with editMessageReplyMarkup.
    """
    markup = params.json("reply_markup", "can't parse reply keyboard markup JSON object")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("object expected as reply markup")
    if "keyboard" in markup:
        if inline_only:
            raise bad_request("inline keyboard expected")
        rows = _rows(markup, "keyboard", 'field "keyboard" must be an Array of Arrays')
        for button in (button for row in rows for button in row):
            if isinstance(button, dict):
                _require_text(button, inline=False)
            elif not isinstance(button, str):
                raise _button_error("KeyboardButton must be a String or an Object", inline=False)
            elif not button.strip():
                raise bad_request("keyboard button text must be non-empty")
        return markup if rows else None
    if "inline_keyboard" in markup:
        error = 'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        rows = _rows(markup, "inline_keyboard", error)
        buttons = [button for row in rows for button in row]
        for button in buttons:
            _validate_inline_button(button)
        if len(buttons) > InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER or any(
            len(row) > InlineKeyboardMarkupLimit.BUTTONS_PER_ROW for row in rows
        ):
            raise bad_request("reply markup is too long")
        return markup if buttons else None
    if inline_only:
        raise bad_request("inline keyboard expected")
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request(
        "reply markup must be an InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove "
        "or ForceReply (the fake is stricter than Telegram here)"
    )
