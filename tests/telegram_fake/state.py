"""The fake's world: users, chats, messages, files, polls and the update queue.

Everything is plain Bot API JSON (dicts) so what the bot receives is exactly what it
would get from Telegram.  ``FakeState`` is not thread-safe; ``FakeBotApi`` guards it.
"""

from __future__ import annotations

import copy
import mimetypes
import secrets
import struct
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

from telegram.constants import UpdateType

from .errors import bad_request

JsonDict = dict[str, Any]

# Telegram's default when allowed_updates was never set: everything but these three.
DEFAULT_ALLOWED_UPDATES = frozenset(kind.value for kind in UpdateType) - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}
FILE_ID_PREFIXES = {
    "document": "BQACAgUAAxkBAAI",
    "photo": "AgACAgUAAxkBAAI",
    "sticker": "CAACAgUAAxkBAAI",
}
FILE_FOLDERS = {"document": "documents", "photo": "photos", "sticker": "stickers"}


def now() -> int:
    """Unix time as Telegram reports it (whole seconds)."""
    return int(time.time())


def tiny_png() -> bytes:
    """A valid 1x1 PNG, the default content of injected photos."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def image_size(content: bytes) -> tuple[int, int] | None:
    """Width/height of PNG, GIF or JPEG bytes; ``None`` if it is not a recognisable image."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return width, height
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        width, height = struct.unpack("<HH", content[6:10])
        return width, height
    if content.startswith(b"\xff\xd8"):
        return _jpeg_size(content)
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return 0, 0
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(content):
        if content[index] != 0xFF:
            return None
        marker = content[index + 1]
        length = struct.unpack(">H", content[index + 2 : index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", content[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return 0, 0


@dataclass
class StoredFile:
    """A file Telegram knows about: uploaded by the bot or sent by a user."""

    kind: str
    content: bytes = field(repr=False)
    file_name: str | None = None
    mime_type: str | None = None
    reported_size: int | None = None
    file_id: str = ""
    file_unique_id: str = ""
    file_path: str | None = None

    def __post_init__(self) -> None:
        if not self.file_id:
            self.file_id = FILE_ID_PREFIXES[self.kind] + secrets.token_urlsafe(48)
        if not self.file_unique_id:
            self.file_unique_id = "AgAD" + secrets.token_urlsafe(9)

    @property
    def file_size(self) -> int:
        """Size Telegram reports (may be overridden to simulate huge files cheaply)."""
        return self.reported_size if self.reported_size is not None else len(self.content)

    def base_json(self) -> JsonDict:
        """The file_id/file_unique_id/file_size triple shared by all file objects."""
        return {"file_id": self.file_id, "file_unique_id": self.file_unique_id, "file_size": self.file_size}


@dataclass
class ChatState:
    """One chat and the messages in it (message ids are per chat, as in Telegram)."""

    chat: JsonDict
    messages: dict[int, JsonDict] = field(default_factory=dict)
    next_message_id: int = 1


@dataclass
class PollState:
    """A poll the bot sent, with per-user votes so counts and re-votes stay consistent."""

    poll: JsonDict
    chat_id: int
    message_id: int
    votes: dict[int, list[int]] = field(default_factory=dict)


class FakeState:
    """All mutable data of one fake Bot API server."""

    def __init__(self, token: str, bot_username: str, bot_first_name: str, privacy_mode: bool) -> None:
        self.token = token
        self.bot_user: JsonDict = {
            "id": int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": not privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.privacy_mode = privacy_mode
        self.users: dict[int, JsonDict] = {}
        self.chats: dict[int, ChatState] = {}
        self.files: dict[str, StoredFile] = {}
        self.polls: dict[str, PollState] = {}
        self.callback_queries: dict[str, JsonDict] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.chat_actions: list[JsonDict] = []
        self.callback_answers: list[JsonDict] = []
        self.webhook: JsonDict | None = None
        self.updates: list[JsonDict] = []
        self.hidden_updates: list[JsonDict] = []
        self.allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self.next_update_id = 100_000_001
        self._next_file_number = 0

    def bot_sender(self) -> JsonDict:
        """The bot as it appears in ``from`` of its messages (no getMe-only fields)."""
        keys = ("id", "is_bot", "first_name", "username")
        return {key: self.bot_user[key] for key in keys}

    def chat(self, chat_id: int) -> ChatState:
        """The chat the bot addresses, or Telegram's "chat not found"."""
        if chat_id not in self.chats:
            raise bad_request("chat not found")
        return self.chats[chat_id]

    def chat_from_param(self, raw: Any) -> ChatState:
        """Resolve a ``chat_id`` parameter (int, numeric string or ``@username``)."""
        if isinstance(raw, int) and not isinstance(raw, bool):
            return self.chat(raw)
        text = str(raw or "").strip()
        if text.lstrip("-").isdigit():
            return self.chat(int(text))
        for state in self.chats.values():
            if text.startswith("@") and state.chat.get("username") == text[1:]:
                return state
        raise bad_request("chat not found")

    def add_message(self, chat_id: int, sender: JsonDict, content: JsonDict) -> JsonDict:
        """Store a new message; returns the stored dict (callers copy before exposing it)."""
        state = self.chats[chat_id]
        message = {
            "message_id": state.next_message_id,
            "from": dict(sender),
            "chat": dict(state.chat),
            "date": now(),
            **content,
        }
        state.next_message_id += 1
        state.messages[message["message_id"]] = message
        return message

    def find_message(self, chat_id: int, message_id: int) -> JsonDict | None:
        """The current version of a message, or ``None``."""
        state = self.chats.get(chat_id)
        return state.messages.get(message_id) if state else None

    def reply_snapshot(self, message: JsonDict) -> JsonDict:
        """A message as embedded in ``reply_to_message`` (Telegram does not nest further)."""
        snapshot = copy.deepcopy(message)
        snapshot.pop("reply_to_message", None)
        return snapshot

    def add_file(self, file: StoredFile) -> StoredFile:
        """Register a file so getFile and downloads find it."""
        self.files[file.file_id] = file
        return file

    def assign_file_path(self, file: StoredFile) -> str:
        """Give a file its download path on first getFile, like ``documents/file_3.pdf``."""
        if file.file_path is None:
            extension = ""
            if file.file_name and "." in file.file_name:
                extension = "." + file.file_name.rsplit(".", 1)[1]
            elif file.mime_type:
                extension = mimetypes.guess_extension(file.mime_type) or ""
            elif file.kind == "photo":
                extension = ".jpg"
            file.file_path = f"{FILE_FOLDERS[file.kind]}/file_{self._next_file_number}{extension}"
            self._next_file_number += 1
        return file.file_path

    def file_by_path(self, path: str) -> StoredFile | None:
        """Look a file up by the path getFile handed out."""
        return next((f for f in self.files.values() if f.file_path == path), None)

    def enqueue(self, payload: JsonDict) -> JsonDict:
        """Append an update (``payload`` holds exactly one update field) to the queue."""
        update = {"update_id": self.next_update_id, **payload}
        self.next_update_id += 1
        self.updates.append(update)
        return update

    def confirm_updates(self, offset: int) -> None:
        """Apply getUpdates ``offset``: drop confirmed updates; negative keeps the last -offset."""
        if offset < 0:
            self.updates = self.updates[offset:]
        elif offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def take_updates(self, limit: int) -> list[JsonDict]:
        """Updates to deliver now, dropping queued ones whose type is not allowed."""
        self.updates = [u for u in self.updates if update_type(u) in self.allowed_updates]
        return copy.deepcopy(self.updates[:limit])


def update_type(update: JsonDict) -> str:
    """The name of the single payload field of an update, e.g. ``"message"``."""
    return next(key for key in update if key != "update_id")
