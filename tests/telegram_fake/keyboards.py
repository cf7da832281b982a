"""reply_markup validation: inline keyboards of callback buttons and ForceReply (all the bot sends), with Telegram's rules."""

from __future__ import annotations

from typing import Any

from telegram.constants import InlineKeyboardButtonLimit, InlineKeyboardMarkupLimit

from .errors import bad_request
from .params import Params


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str) or not button["text"].strip():
        raise bad_request("inline keyboard button text must be non-empty")
    if "callback_data" not in button:
        raise bad_request(
            "can't parse inline keyboard button: only callback_data buttons are supported by the fake "
            "(the bot sends no other kind)"
        )
    data = button["callback_data"]
    size = len(str(data).encode("utf-8"))
    if not isinstance(data, str) or not (
        InlineKeyboardButtonLimit.MIN_CALLBACK_DATA <= size <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
    ):
        raise bad_request("BUTTON_DATA_INVALID")


def reply_markup(params: Params) -> dict[str, Any] | None:
    """Validate ``reply_markup``; returns the decoded markup or ``None`` when absent/empty
    (an empty ``{"inline_keyboard": []}`` means no keyboard)."""
    markup = params.json("reply_markup", "can't parse reply keyboard markup JSON object")
    if markup is None:
        return None
    if isinstance(markup, dict) and "force_reply" in markup:
        return _force_reply(markup)
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected (the fake supports inline keyboards only, as the bot sends)")
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
    buttons = [button for row in rows for button in row]
    for button in buttons:
        _validate_inline_button(button)
    if len(buttons) > InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER or any(
        len(row) > InlineKeyboardMarkupLimit.BUTTONS_PER_ROW for row in rows
    ):
        raise bad_request("reply markup is too long")
    return markup if buttons else None


def _force_reply(markup: dict[str, Any]) -> dict[str, Any]:
    """ForceReply: force_reply must be True; the placeholder is 1-64 characters."""
    if markup["force_reply"] is not True:
        raise bad_request("can't parse ForceReply: force_reply must be True")
    placeholder = markup.get("input_field_placeholder")
    if placeholder is not None and not (isinstance(placeholder, str) and 1 <= len(placeholder) <= 64):
        raise bad_request("can't parse ForceReply: input_field_placeholder must be 1-64 characters")
    return markup
