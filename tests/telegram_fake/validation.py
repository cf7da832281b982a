"""Text, command and small parameter checks with the Bot API server's error wording.

Limits come from ``telegram.constants`` so they follow the installed PTB (i.e. the Bot
API version the bot is written against).  Wording comes from the Bot API server
(tdlib/telegram-bot-api ``Client.cpp``) and TDLib; checks marked "stricter than Telegram"
(here and in ``keyboards``/``polls``) catch bot bugs the real server silently tolerates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from telegram.constants import BotCommandLimit, CallbackQueryLimit, ChatAction, MessageLimit

from .entities import EmptyTextError, clean_and_trim, detect_entities
from .errors import bad_request
from .html_parser import parse_html
from .params import Params
from .text_source import Entity, EntityParseError

MAX_RAW_TEXT_BYTES = 1 << 15
CHAT_ACTIONS = frozenset(action.value for action in ChatAction)
_COMMAND_RE = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class FormattedText:
    """Text after entity parsing, cleanup and trimming, as stored in the Message."""

    text: str
    entities: list[Entity]


def format_text(
    params: Params,
    *,
    text_key: str,
    parse_mode_key: str,
    entities_key: str,
    strict_ampersand: bool,
) -> FormattedText:
    """Parse a text parameter like the server's ``get_formatted_text``; may return empty text."""
    raw = params.text(text_key)
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_RAW_TEXT_BYTES:
        raise bad_request("text is too long")
    parse_mode = params.text(parse_mode_key).lower()
    if params.has(entities_key):
        raise bad_request(f"{entities_key} is not supported by the fake: the bot formats with HTML")
    if raw and parse_mode not in ("", "none"):
        if parse_mode != "html":
            raise bad_request("unsupported parse_mode (the fake parses HTML only, which is all the bot sends)")
        try:
            text, entities = parse_html(raw, strict_ampersand=strict_ampersand)
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    else:
        text, entities = raw, []
    try:
        text, entities = clean_and_trim(text, entities)
    except EmptyTextError:
        return FormattedText("", [])
    return FormattedText(text, detect_entities(text, entities))


def message_text(params: Params, *, strict_ampersand: bool) -> FormattedText:
    """Validate ``text`` of sendMessage/editMessageText: 1..4096 code points after parsing."""
    if not params.has("text"):
        raise bad_request("message text is empty")
    formatted = format_text(
        params,
        text_key="text",
        parse_mode_key="parse_mode",
        entities_key="entities",
        strict_ampersand=strict_ampersand,
    )
    if not formatted.text:
        raise bad_request("text must be non-empty")
    if len(formatted.text) > MessageLimit.MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return formatted


def caption_text(params: Params, *, strict_ampersand: bool) -> FormattedText:
    """Validate an optional media caption: 0..1024 code points after parsing."""
    formatted = format_text(
        params,
        text_key="caption",
        parse_mode_key="parse_mode",
        entities_key="caption_entities",
        strict_ampersand=strict_ampersand,
    )
    if len(formatted.text) > MessageLimit.CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return formatted


def callback_answer_text(params: Params) -> str:
    """Validate answerCallbackQuery ``text`` (0..200 characters)."""
    text = params.text("text")
    if len(text) > CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    return text


def chat_action(params: Params) -> str:
    """Validate sendChatAction ``action`` against PTB's ChatAction values."""
    action = params.text("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return action


def bot_commands(params: Params) -> list[dict[str, str]]:
    """Validate setMyCommands ``commands`` the way TDLib and the server do."""
    commands = params.json("commands", "can't parse commands JSON object")
    if commands is None:
        return []
    if not isinstance(commands, list):
        raise bad_request("expected an Array of BotCommand")
    if len(commands) > BotCommandLimit.MAX_COMMAND_NUMBER:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    return [_bot_command(item) for item in commands]


def _bot_command(item: Any) -> dict[str, str]:
    if not isinstance(item, dict):
        raise bad_request("can't parse BotCommand: expected an Object")
    for key in ("command", "description"):
        if key not in item:
            raise bad_request(f"can't parse BotCommand: Can't find field \"{key}\"")
        if not isinstance(item[key], str):
            raise bad_request(f'can\'t parse BotCommand: Field "{key}" must be of type String')
    command = item["command"].strip().removeprefix("/")
    description = item["description"].strip()
    if not command:
        raise bad_request("command must be non-empty")
    if len(command) > BotCommandLimit.MAX_COMMAND:
        raise bad_request(f"command length must not exceed {BotCommandLimit.MAX_COMMAND.value}")
    if not _COMMAND_RE.fullmatch(command):
        raise bad_request("BOT_COMMAND_INVALID")
    if len(description) < BotCommandLimit.MIN_DESCRIPTION:
        raise bad_request("command description must be non-empty")
    if len(description) > BotCommandLimit.MAX_DESCRIPTION:
        raise bad_request(
            f"command description length must not exceed {BotCommandLimit.MAX_DESCRIPTION.value}"
        )
    return {"command": command, "description": description}
