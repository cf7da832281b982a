"""Bot API method handlers for the methods the bot calls (getUpdates, which needs the event loop,
is in ``server``).  Any other real method answers 404 "not implemented yet", so a new call in the bot
shows up in its tests instead of passing unchecked.

Each handler gets the shared state and the request parameters, returns the ``result``
Telegram would return, or raises ``ApiError``.  Validation runs before lookups, in the
same order as the Bot API server, so the first error reported is the one Telegram reports.
"""

from __future__ import annotations

import copy
import json
import mimetypes
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from telegram import Bot
from telegram.constants import FileSizeLimit

from . import keyboards, polls, validation
from .errors import ApiError, bad_request
from .params import Params
from .state import ChatState, FakeState, JsonDict, PollState, StoredFile, image_size, now

# The Bot API server refuses getFile above 20 MiB (MAX_DOWNLOAD_FILE_SIZE = 20 << 20);
# PTB's FileSizeLimit.FILESIZE_DOWNLOAD (20_000_000) is slightly more conservative.
MAX_DOWNLOAD_SIZE = 20 << 20
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


@dataclass
class MethodContext:
    """What a handler may use: the state and the fake's strictness switches."""

    state: FakeState
    strict_ampersand: bool


Handler = Callable[[MethodContext, Params], Any]
HANDLERS: dict[str, tuple[str, Handler]] = {}
# Every Bot API method PTB knows (its camelCase aliases), to tell "not faked yet" from "no such method".
REAL_METHODS = frozenset(
    name.lower()
    for name in dir(Bot)
    if name[:1].islower() and name.lower() != name and callable(getattr(Bot, name))
)


def bot_method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler; Telegram matches method names case-insensitively."""

    def register(handler: Handler) -> Handler:
        HANDLERS[name.lower()] = (name, handler)
        return handler

    return register


def _message_copy(message: JsonDict) -> JsonDict:
    return copy.deepcopy(message)


def _set_optional(target: JsonDict, key: str, value: Any) -> None:
    if value:
        target[key] = value
    else:
        target.pop(key, None)


def _reply_target(state: FakeState, chat: ChatState, params: Params) -> JsonDict | None:
    reply = params.json("reply_parameters", "can't parse reply parameters JSON object")
    if reply is None and params.has("reply_to_message_id"):
        reply = {
            "message_id": params.integer("reply_to_message_id"),
            "allow_sending_without_reply": params.boolean("allow_sending_without_reply"),
        }
    if reply is None:
        return None
    message_id = reply.get("message_id") if isinstance(reply, dict) else None
    if not isinstance(message_id, int) or isinstance(message_id, bool):
        raise bad_request("can't parse reply parameters JSON object")
    target = state.find_message(chat.chat["id"], message_id)
    if target is not None:
        return state.reply_snapshot(target)
    if reply.get("allow_sending_without_reply"):
        return None
    raise bad_request("message to be replied not found")


def _send(
    ctx: MethodContext, chat: ChatState, params: Params, content: JsonDict, markup: JsonDict | None
) -> JsonDict:
    reply_to = _reply_target(ctx.state, chat, params)
    if reply_to is not None:
        content["reply_to_message"] = reply_to
    if markup and "inline_keyboard" in markup:  # a ForceReply is the client's business: messages never carry it
        content["reply_markup"] = markup
    return _message_copy(ctx.state.add_message(chat.chat["id"], ctx.state.bot_sender(), content))


def _editable_message(ctx: MethodContext, params: Params, what: str) -> JsonDict:
    if params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID (the fake does not support inline messages)")
    chat = ctx.state.chat_from_param(params.values.get("chat_id"))
    message = ctx.state.find_message(chat.chat["id"], params.integer("message_id"))
    if message is None:
        raise bad_request(f"{what} not found")
    if message["from"]["id"] != ctx.state.bot_user["id"]:
        raise bad_request("message can't be edited")
    return message


@bot_method("getMe")
def get_me(ctx: MethodContext, params: Params) -> JsonDict:
    """The bot user with the getMe-only capability fields."""
    return dict(ctx.state.bot_user)


@bot_method("setWebhook")
def set_webhook(ctx: MethodContext, params: Params) -> bool:
    """Record the webhook; while one is set getUpdates answers 409 like Telegram."""
    url = params.text("url")
    ctx.state.webhook = {"url": url, **params.decoded()} if url else None
    if params.boolean("drop_pending_updates"):
        ctx.state.updates.clear()
    return True


@bot_method("deleteWebhook")
def delete_webhook(ctx: MethodContext, params: Params) -> bool:
    """Remove the webhook, optionally dropping queued updates (PTB's drop_pending_updates)."""
    ctx.state.webhook = None
    if params.boolean("drop_pending_updates"):
        ctx.state.updates.clear()
    return True


@bot_method("sendMessage")
def send_message(ctx: MethodContext, params: Params) -> JsonDict:
    """Send a text message after Telegram's text, entity and markup checks."""
    formatted = validation.message_text(params, strict_ampersand=ctx.strict_ampersand)
    markup = keyboards.reply_markup(params)
    chat = ctx.state.chat_from_param(params.values.get("chat_id"))
    content: JsonDict = {"text": formatted.text}
    _set_optional(content, "entities", formatted.entities)
    return _send(ctx, chat, params, content, markup)


@bot_method("editMessageText")
def edit_message_text(ctx: MethodContext, params: Params) -> JsonDict:
    """Edit text; omitting reply_markup removes the inline keyboard, as in Telegram."""
    formatted = validation.message_text(params, strict_ampersand=ctx.strict_ampersand)
    markup = keyboards.reply_markup(params)
    if markup and "force_reply" in markup:
        raise bad_request("inline keyboard expected")
    message = _editable_message(ctx, params, "message to edit")
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    unchanged = (
        message["text"] == formatted.text
        and message.get("entities", []) == formatted.entities
        and message.get("reply_markup") == markup
    )
    if unchanged:
        raise bad_request(NOT_MODIFIED)
    message["text"] = formatted.text
    _set_optional(message, "entities", formatted.entities)
    _set_optional(message, "reply_markup", markup)
    message["edit_date"] = now()
    return _message_copy(message)


@bot_method("answerCallbackQuery")
def answer_callback_query(ctx: MethodContext, params: Params) -> bool:
    """Answer an injected callback query exactly once."""
    text = validation.callback_answer_text(params)
    query_id = params.text("callback_query_id")
    query = ctx.state.callback_queries.get(query_id)
    if query is None or query["answered"]:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    query["answered"] = True
    ctx.state.callback_answers.append(
        {
            "callback_query_id": query_id,
            "text": text,
            "show_alert": params.boolean("show_alert"),
            "url": params.text("url") or None,
            "cache_time": params.integer("cache_time"),
        }
    )
    return True


@bot_method("sendChatAction")
def send_chat_action(ctx: MethodContext, params: Params) -> bool:
    """Record a chat action such as ``typing``."""
    action = validation.chat_action(params)
    chat = ctx.state.chat_from_param(params.values.get("chat_id"))
    ctx.state.chat_actions.append({"chat_id": chat.chat["id"], "action": action, "date": now()})
    return True


def _commands_key(params: Params) -> tuple[str, str]:
    scope = params.json("scope", "can't parse BotCommandScope JSON object") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), params.text("language_code")


@bot_method("setMyCommands")
def set_my_commands(ctx: MethodContext, params: Params) -> bool:
    """Store the command list for a scope/language pair."""
    commands = validation.bot_commands(params)
    ctx.state.commands[_commands_key(params)] = commands
    return True


def _poll_json(spec: polls.PollSpec, params: Params) -> JsonDict:
    poll: JsonDict = {
        "id": str(10**18 + secrets.randbelow(9 * 10**18)),
        "question": spec.question.text,
    }
    _set_optional(poll, "question_entities", spec.question.entities)
    options = []
    for index, option in enumerate(spec.options):
        entry: JsonDict = {"persistent_id": str(index), "text": option.text}
        _set_optional(entry, "text_entities", option.entities)
        entry["voter_count"] = 0
        options.append(entry)
    poll.update(
        {
            "options": options,
            "total_voter_count": 0,
            "is_closed": params.boolean("is_closed"),
            "is_anonymous": spec.is_anonymous,
            "allows_multiple_answers": spec.allows_multiple_answers,
            "allows_revoting": spec.allows_revoting,
            "members_only": False,
            "type": spec.poll_type,
        }
    )
    if spec.poll_type == "quiz":
        if len(spec.correct_option_ids) == 1:
            poll["correct_option_id"] = spec.correct_option_ids[0]
        poll["correct_option_ids"] = list(spec.correct_option_ids)
        if spec.explanation is not None:
            poll["explanation"] = spec.explanation.text
            poll["explanation_entities"] = spec.explanation.entities
    if params.has("open_period"):
        poll["open_period"] = params.integer("open_period")
        poll["close_date"] = now() + poll["open_period"]
    elif params.has("close_date"):
        poll["close_date"] = params.integer("close_date")
    return poll


@bot_method("sendPoll")
def send_poll(ctx: MethodContext, params: Params) -> JsonDict:
    """Send a regular or quiz poll after Telegram's poll checks."""
    chat = ctx.state.chat_from_param(params.values.get("chat_id"))
    spec = polls.poll(params, chat_type=chat.chat["type"], strict_ampersand=ctx.strict_ampersand)
    markup = keyboards.reply_markup(params)
    poll = _poll_json(spec, params)
    message = _send(ctx, chat, params, {"poll": poll}, markup)
    ctx.state.polls[poll["id"]] = PollState(copy.deepcopy(poll), chat.chat["id"], message["message_id"])
    return message


@bot_method("getFile")
def get_file(ctx: MethodContext, params: Params) -> JsonDict:
    """Describe a file for download; refuses files above the 20 MiB download limit."""
    file_id = params.text("file_id")
    if not file_id:
        raise bad_request("file_id not specified")
    stored = ctx.state.files.get(file_id)
    if stored is None:
        raise bad_request("wrong file_id or the file is temporarily unavailable")
    if stored.file_size > MAX_DOWNLOAD_SIZE:
        raise bad_request("file is too big")
    return {**stored.base_json(), "file_path": ctx.state.assign_file_path(stored)}


def _input_file(ctx: MethodContext, params: Params, key: str, kind: str) -> StoredFile:
    """Resolve a media parameter: an uploaded part, ``attach://name``, or a known file_id."""
    upload = params.uploads.get(key)
    value = params.text(key)
    if upload is None and value.startswith("attach://"):
        upload = params.uploads.get(value[len("attach://") :])
    if upload is not None:
        if not upload.content:
            raise bad_request("file must be non-empty")
        if upload.size > FileSizeLimit.FILESIZE_UPLOAD:
            raise ApiError(413, "Request Entity Too Large")
        mime_type = upload.content_type
        if not mime_type or mime_type == "application/octet-stream":
            mime_type = mimetypes.guess_type(upload.filename or "")[0] or mime_type
        return ctx.state.add_file(StoredFile(kind, upload.content, upload.filename, mime_type))
    if not value:
        raise bad_request(f"there is no {key} in the request")
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content (the fake cannot download URLs)")
    known = ctx.state.files.get(value)
    if known is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if known.kind != kind:
        raise bad_request(f"type of file mismatch: can't use file of type {known.kind} as {kind}")
    return known


@bot_method("sendPhoto")
def send_photo(ctx: MethodContext, params: Params) -> JsonDict:
    """Send a photo; uploads must really be images (PNG/JPEG/GIF/WebP)."""
    caption = validation.caption_text(params, strict_ampersand=ctx.strict_ampersand)
    markup = keyboards.reply_markup(params)
    chat = ctx.state.chat_from_param(params.values.get("chat_id"))
    stored = _input_file(ctx, params, "photo", "photo")
    size = image_size(stored.content)
    if size is None:
        raise bad_request("IMAGE_PROCESS_FAILED")
    content: JsonDict = {"photo": [{**stored.base_json(), "width": size[0], "height": size[1]}]}
    _set_optional(content, "caption", caption.text)
    _set_optional(content, "caption_entities", caption.entities)
    return _send(ctx, chat, params, content, markup)


def lookup(method: str) -> tuple[str, Handler] | None:
    """Find a handler by case-insensitive method name."""
    return HANDLERS.get(method.lower())
