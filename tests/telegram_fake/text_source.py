"""Primitives shared by the parse-mode parsers, mirroring TDLib's string handling."""

from __future__ import annotations

import unicodedata
from typing import Any

Entity = dict[str, Any]


class EntityParseError(ValueError):
    """Markup the server cannot parse; the text is what follows "can't parse entities: "."""


def utf16_units(char: str) -> int:
    """UTF-16 code units of one character (2 outside the BMP)."""
    return 2 if ord(char) > 0xFFFF else 1


def is_space(char: str) -> bool:
    """Whitespace as TDLib's is_space sees it; NUL doubles as the end-of-string sentinel."""
    return char in " \t\r\n\0\v"


def is_ascii_alnum(char: str) -> bool:
    """[A-Za-z0-9], TDLib's is_alnum()."""
    return char.isascii() and char.isalnum()


def is_word_char(char: str) -> bool:
    """TDLib's is_word_character(): letters, numbers and '_'."""
    return char == "_" or unicodedata.category(char)[0] in "LN"


class Source:
    """Random access to the input with TDLib's NUL-terminator semantics and byte offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)

    def at(self, index: int) -> str:
        """The character at ``index``, or NUL past the end like a C string."""
        return self.text[index] if index < self.size else "\0"

    def byte(self, index: int) -> int:
        """UTF-8 byte offset of ``index``, the unit of TDLib's error messages."""
        return len(self.text[: min(index, self.size)].encode("utf-8", "surrogatepass"))


def make_entity(kind: str, offset: int, length: int, **extra: Any) -> Entity:
    """A MessageEntity dict; ``None`` extras are left out like in Telegram's JSON."""
    entity: Entity = {"type": kind, "offset": offset, "length": length}
    entity.update({key: value for key, value in extra.items() if value is not None})
    return entity


def sort_entities(entities: list[Entity]) -> list[Entity]:
    """Telegram's order: by offset, longer (outer) entities first."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def checked_link(url: str) -> str:
    """Approximate TDLib's LinkManager::get_checked_link; '' means "drop the entity"."""
    url = url.strip()
    if not url or any(is_space(c) for c in url):
        return ""
    scheme, sep, _ = url.partition("://")
    if sep:
        return url if scheme.lower() in {"http", "https", "tg", "ton", "tonsite"} else ""
    return f"http://{url}" if "." in url else ""


def link_entity(offset: int, length: int, url: str) -> Entity | None:
    """text_mention for ``tg://user?id=...``, text_link for valid URLs, else ``None``."""
    prefix = "tg://user?id="
    if url.startswith(prefix) and url[len(prefix) :].isdigit():
        user = {"id": int(url[len(prefix) :]), "is_bot": False, "first_name": ""}
        return make_entity("text_mention", offset, length, user=user)
    checked = checked_link(url)
    return make_entity("text_link", offset, length, url=checked) if checked else None
