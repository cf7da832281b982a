"""Simulated users: build realistic Update JSON and queue it for the bot's getUpdates.

Every helper returns the queued update dict (``update["message"]`` etc. is what the bot
will see).  Group chats have negative ids; with privacy mode on (Telegram's default) a
group message that is not a command, does not @mention the bot and does not reply to it
is *not* delivered: it lands in ``hidden_updates`` with ``update_id`` ``None`` instead.
"""

from __future__ import annotations

import copy
import mimetypes
import secrets
import threading
from typing import Any

from .entities import detect_entities, entity_text
from .state import ChatState, FakeState, JsonDict, StoredFile

FAKE_WEBP = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
)


class InjectionMixin:
    """``inject_*`` helpers; they run under the server lock and wake long polls."""

    _state: FakeState
    _cond: threading.Condition

    def _notify_updates(self) -> None:
        raise NotImplementedError

    def _user(
        self, user_id: int, username: str | None, first_name: str | None, language_code: str | None
    ) -> JsonDict:
        if user_id <= 0:
            raise ValueError("user ids are positive; negative ids are group chats")
        known = self._state.users.get(user_id, {})
        user: JsonDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or known.get("first_name") or f"用户{user_id}",
        }
        if username or known.get("username"):
            user["username"] = username or known["username"]
        if language_code or known.get("language_code"):
            user["language_code"] = language_code or known["language_code"]
        self._state.users[user_id] = user
        return user

    def _chat(
        self, user: JsonDict, chat_id: int | None, chat_type: str | None, title: str | None
    ) -> ChatState:
        if chat_id is None or chat_id == user["id"]:
            if chat_type not in (None, "private"):
                raise ValueError(f"a {chat_type} chat needs a negative chat_id")
            chat: JsonDict = {"id": user["id"], "first_name": user["first_name"]}
            if "username" in user:
                chat["username"] = user["username"]
            chat["type"] = "private"
            state = self._state.chats.setdefault(user["id"], ChatState(chat))
            state.chat = chat
            return state
        if chat_id > 0:
            raise ValueError("a private chat's id is the user's id; group chats use negative ids")
        existing = self._state.chats.get(chat_id)
        if existing is not None:
            if chat_type not in (None, existing.chat["type"]):
                raise ValueError(f"chat {chat_id} is a {existing.chat['type']}, not a {chat_type}")
            return existing
        kind = chat_type or "group"
        if kind not in ("group", "supergroup"):
            raise ValueError("negative chat ids are for chat_type 'group' or 'supergroup'")
        chat = {"id": chat_id, "title": title or "测试群", "type": kind}
        return self._state.chats.setdefault(chat_id, ChatState(chat))

    def _bot_can_see(self, message: JsonDict) -> bool:
        """Privacy mode as BotFather describes it: in groups the bot only gets messages that
        start with '/' (not addressed to another bot), mention it by @username, or reply to it.
        """
        if not self._state.privacy_mode or message["chat"]["type"] == "private":
            return True
        reply = message.get("reply_to_message")
        if reply and reply["from"]["id"] == self._state.bot_user["id"]:
            return True
        text = message.get("text") or message.get("caption") or ""
        bot_name = self._state.bot_user["username"].lower()
        entities = message.get("entities") or message.get("caption_entities") or []
        mentions = {entity_text(text, e).lower() for e in entities if e["type"] == "mention"}
        if f"@{bot_name}" in mentions:
            return True
        if not text.startswith("/"):
            return False
        command = text.split(maxsplit=1)[0]
        _, at, addressee = command.partition("@")
        return not at or addressee.lower() == bot_name

    def _deliver(self, payload: JsonDict, *, visible: bool = True) -> JsonDict:
        if visible:
            update = self._state.enqueue(payload)
        else:
            update = {"update_id": None, **payload}
            self._state.hidden_updates.append(update)
        self._cond.notify_all()
        self._notify_updates()
        return copy.deepcopy(update)

    def _user_message(
        self,
        user_id: int,
        content: JsonDict,
        chat_id: int | None,
        chat_type: str | None,
        reply_to_message_id: int | None,
        sender: dict[str, Any],
    ) -> JsonDict:
        language = sender.get("language_code", "zh-hans")
        user = self._user(user_id, sender.get("username"), sender.get("first_name"), language)
        chat = self._chat(user, chat_id, chat_type, sender.get("chat_title"))
        if reply_to_message_id is not None:
            target = self._state.find_message(chat.chat["id"], reply_to_message_id)
            if target is None:
                raise ValueError(f"no message {reply_to_message_id} in chat {chat.chat['id']} to reply to")
            content["reply_to_message"] = self._state.reply_snapshot(target)
        message = self._state.add_message(chat.chat["id"], user, content)
        return self._deliver({"message": copy.deepcopy(message)}, visible=self._bot_can_see(message))

    def inject_text(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        chat_type: str | None = None,
        username: str | None = None,
        first_name: str | None = None,
        reply_to_message_id: int | None = None,
        *,
        language_code: str | None = "zh-hans",
        chat_title: str | None = None,
    ) -> JsonDict:
        """A user sends text; commands and @mentions get their entities like in Telegram.

        Note Telegram only recognises ``/ask`` as a command when a non-word character
        follows: ``/ask 问题`` is a command, ``/ask问题`` is not.
        """
        content: JsonDict = {"text": text}
        entities = detect_entities(text)
        if entities:
            content["entities"] = entities
        sender = {"username": username, "first_name": first_name, "language_code": language_code}
        with self._cond:
            return self._user_message(
                user_id,
                content,
                chat_id,
                chat_type,
                reply_to_message_id,
                {**sender, "chat_title": chat_title},
            )

    def inject_callback(
        self,
        user_id: int,
        message: JsonDict | int,
        data: str,
        *,
        chat_id: int | None = None,
        check_button: bool = True,
        username: str | None = None,
        first_name: str | None = None,
    ) -> JsonDict:
        """A user taps an inline button of a bot message (dict, or message_id + chat_id).

        With ``check_button`` the message's current keyboard must contain ``data``, as a
        real client can only send data of buttons it shows.
        """
        with self._cond:
            if isinstance(message, dict):
                chat_id, message_id = message["chat"]["id"], message["message_id"]
            else:
                chat_id, message_id = (chat_id if chat_id is not None else user_id), message
            current = self._state.find_message(chat_id, message_id)
            if current is None or current["from"]["id"] != self._state.bot_user["id"]:
                raise ValueError(f"no bot message {message_id} in chat {chat_id}")
            buttons = [
                button.get("callback_data")
                for row in current.get("reply_markup", {}).get("inline_keyboard", [])
                for button in row
            ]
            if check_button and data not in buttons:
                raise ValueError(f"message {message_id} has no button with callback_data {data!r}: {buttons}")
            user = self._user(user_id, username, first_name, "zh-hans")
            query_id = str(10**18 + secrets.randbelow(9 * 10**18))
            self._state.callback_queries[query_id] = {"answered": False, "user_id": user_id}
            query = {
                "id": query_id,
                "from": user,
                "message": copy.deepcopy(current),
                "chat_instance": str((chat_id * 7_919 + self._state.bot_user["id"]) % 10**19),
                "data": data,
            }
            return self._deliver({"callback_query": query})

    def _inject_file_message(
        self,
        user_id: int,
        stored: StoredFile,
        content: JsonDict,
        chat_id: int | None,
        caption: str | None,
        sender: dict[str, Any],
    ) -> JsonDict:
        if caption:
            content["caption"] = caption
            entities = detect_entities(caption)
            if entities:
                content["caption_entities"] = entities
        with self._cond:
            self._state.add_file(stored)
            return self._user_message(user_id, content, chat_id, sender.pop("chat_type", None), None, sender)

    def inject_document(
        self,
        user_id: int,
        filename: str,
        content: bytes,
        mime_type: str | None = None,
        chat_id: int | None = None,
        caption: str | None = None,
        *,
        chat_type: str | None = None,
        file_size: int | None = None,
        username: str | None = None,
        first_name: str | None = None,
    ) -> JsonDict:
        """A user sends a file; getFile and the download URL serve ``content``.

        ``file_size`` overrides the reported size (e.g. 25 MB) without allocating it,
        to exercise Telegram's 20 MB getFile limit.
        """
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        stored = StoredFile("document", content, filename, mime, reported_size=file_size)
        document = {"file_name": filename, "mime_type": mime, **stored.base_json()}
        sender = {"username": username, "first_name": first_name, "chat_type": chat_type}
        return self._inject_file_message(user_id, stored, {"document": document}, chat_id, caption, sender)

    def inject_sticker(
        self,
        user_id: int,
        emoji: str = "👍",
        chat_id: int | None = None,
        *,
        chat_type: str | None = None,
        username: str | None = None,
    ) -> JsonDict:
        """A user sends a regular static sticker."""
        stored = StoredFile("sticker", FAKE_WEBP, mime_type="image/webp")
        sticker = {
            "width": 512,
            "height": 512,
            "emoji": emoji,
            "set_name": "TestStickers",
            "is_animated": False,
            "is_video": False,
            "type": "regular",
            **stored.base_json(),
        }
        sender = {"username": username, "chat_type": chat_type}
        return self._inject_file_message(user_id, stored, {"sticker": sticker}, chat_id, None, sender)

    def inject_poll_answer(
        self,
        user_id: int,
        poll_id: str,
        option_ids: list[int],
        *,
        username: str | None = None,
        first_name: str | None = None,
    ) -> JsonDict:
        """A user votes in a bot poll (empty ``option_ids`` retracts the vote).

        Like Telegram, a non-anonymous poll yields a ``poll_answer`` update followed by a
        ``poll`` update with the new counts; an anonymous one only the ``poll`` update.
        Returns the first update queued.
        """
        with self._cond:
            poll_state = self._state.polls.get(poll_id)
            if poll_state is None:
                raise ValueError(f"unknown poll {poll_id!r}; the bot never sent it")
            poll = poll_state.poll
            if poll["is_closed"]:
                raise ValueError("the poll is closed")
            if any(not 0 <= i < len(poll["options"]) for i in option_ids) or len(set(option_ids)) != len(
                option_ids
            ):
                raise ValueError(f"invalid option_ids {option_ids} for {len(poll['options'])} options")
            if len(option_ids) > 1 and not poll["allows_multiple_answers"]:
                raise ValueError("the poll does not allow multiple answers")
            previous = poll_state.votes.get(user_id)
            if previous is not None and not poll["allows_revoting"]:
                raise ValueError("the poll does not allow changing a vote")
            if previous is None and not option_ids:
                raise ValueError("nothing to retract: the user has not voted")
            for index in previous or []:
                poll["options"][index]["voter_count"] -= 1
            for index in option_ids:
                poll["options"][index]["voter_count"] += 1
            if option_ids:
                poll_state.votes[user_id] = sorted(option_ids)
            else:
                poll_state.votes.pop(user_id, None)
            poll["total_voter_count"] = len(poll_state.votes)
            message = self._state.find_message(poll_state.chat_id, poll_state.message_id)
            if message is not None:
                message["poll"] = copy.deepcopy(poll)
            first = None
            if not poll["is_anonymous"]:
                answer = {
                    "poll_id": poll_id,
                    "user": self._user(user_id, username, first_name, "zh-hans"),
                    "option_ids": sorted(option_ids),
                    "option_persistent_ids": [
                        poll["options"][i]["persistent_id"] for i in sorted(option_ids)
                    ],
                }
                first = self._deliver({"poll_answer": answer})
            poll_update = self._deliver({"poll": copy.deepcopy(poll)})
            return first or poll_update

    def inject_update(self, payload: JsonDict) -> JsonDict:
        """Queue any other update, e.g. ``{"edited_message": {...}}``; update_id is assigned."""
        fields = [key for key in payload if key != "update_id"]
        if len(fields) != 1:
            raise ValueError(f"an update has exactly one payload field, got {fields}")
        with self._cond:
            return self._deliver({fields[0]: copy.deepcopy(payload[fields[0]])})
