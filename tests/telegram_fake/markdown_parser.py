"""Telegram MarkdownV2 and legacy Markdown, ported from TDLib's ``parse_markdown_v2`` and
``parse_markdown`` (td/telegram/MessageEntity.cpp), with the server's error wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .text_source import (
    Entity,
    EntityParseError,
    Source,
    is_space,
    link_entity,
    make_entity,
    sort_entities,
    utf16_units,
)

_TD_TYPE_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "pre_code": "PreCode",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
    "blockquote": "BlockQuote",
}
_MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!\n"


@dataclass
class _MarkdownOpen:
    kind: str
    argument: str
    offset: int
    position: int
    out_begin: int


def _reserved_error(char: str) -> EntityParseError:
    return EntityParseError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")


def _unclosed_error(src: Source, entry: _MarkdownOpen) -> EntityParseError:
    name = _TD_TYPE_NAMES.get(entry.kind, entry.kind)
    return EntityParseError(f"Can't find end of {name} entity at byte offset {src.byte(entry.position)}")


def _is_markdown_v2_end(src: Source, i: int, kind: str, have_blockquote: bool) -> bool:
    char, nxt = src.at(i), src.at(i + 1)
    if have_blockquote and char == "\n" and (i + 1 == src.size or nxt != ">"):
        return True
    checks: dict[str, Callable[[], bool]] = {
        "bold": lambda: char == "*",
        "italic": lambda: char == "_" and nxt != "_",
        "code": lambda: char == "`",
        "pre": lambda: char == "`" and nxt == "`" and src.at(i + 2) == "`",
        "pre_code": lambda: char == "`" and nxt == "`" and src.at(i + 2) == "`",
        "text_link": lambda: char == "]",
        "underline": lambda: char == "_" and nxt == "_",
        "strikethrough": lambda: char == "~",
        "spoiler": lambda: char == "|" and nxt == "|",
        "custom_emoji": lambda: char == "]",
    }
    check = checks.get(kind)
    return bool(check and check())


def _skip_pre_header(src: Source, i: int) -> tuple[int, str]:
    """Read an optional language after an opening ``` and skip one newline, like TDLib."""
    language = ""
    language_end = i
    while not is_space(src.at(language_end)) and src.at(language_end) != "`":
        language_end += 1
    if i != language_end and language_end < src.size and src.at(language_end) != "`":
        language = src.text[i:language_end]
        i = language_end
    if src.at(i) in "\n\r" and src.at(i) != "\0":
        if src.at(i + 1) in "\n\r" and src.at(i + 1) != "\0" and src.at(i) != src.at(i + 1):
            i += 2
        else:
            i += 1
    return i, language


def _read_url(src: Source, i: int) -> tuple[str, int]:
    """Read ``(url)`` starting at the '(' index; returns the URL and the index of ')'."""
    i += 1
    url_begin = i
    url: list[str] = []
    while i < src.size and src.text[i] != ")":
        if src.text[i] == "\\" and "\0" < src.at(i + 1) <= "~":
            url.append(src.text[i + 1])
            i += 2
            continue
        url.append(src.text[i])
        i += 1
    if src.at(i) != ")":
        raise EntityParseError(f"Can't find end of a URL at byte offset {src.byte(url_begin)}")
    return "".join(url), i


class _MarkdownV2:
    """State machine of TDLib's parse_markdown_v2."""

    def __init__(self, text: str) -> None:
        self.src = Source(text)
        self.out: list[str] = []
        self.utf16 = 0
        self.entities: list[Entity] = []
        self.stack: list[_MarkdownOpen] = []
        self.have_blockquote = False
        self.can_start_blockquote = True

    def parse(self) -> tuple[str, list[Entity]]:
        src = self.src
        i = 0
        while i < src.size:
            char = src.text[i]
            if char == "\\" and "\0" < src.at(i + 1) <= "~":
                i += 1
                self._emit(src.text[i])
                if src.text[i] != "\r":
                    self.can_start_blockquote = src.text[i] == "\n"
                i += 1
                continue
            in_code = bool(self.stack) and self.stack[-1].kind in ("code", "pre", "pre_code")
            if char not in ("`" if in_code else _MARKDOWN_V2_RESERVED):
                self._emit(char)
                if char != "\r":
                    self.can_start_blockquote = False
                i += 1
                continue
            kind = self.stack[-1].kind if self.stack else ""
            if self.stack and _is_markdown_v2_end(src, i, kind, self.have_blockquote):
                i = self._close(i)
            else:
                i = self._open(i)
            i += 1
        return self._finish()

    def _emit(self, char: str) -> None:
        self.out.append(char)
        self.utf16 += utf16_units(char)

    def _open(self, i: int) -> int:
        src = self.src
        char, nxt = src.at(i), src.at(i + 1)
        position = i
        argument = ""
        kind: str | None
        if char == "_":
            kind = "underline" if nxt == "_" else "italic"
            i += 1 if nxt == "_" else 0
        elif char == "*":
            kind = "bold"
        elif char == "~":
            kind = "strikethrough"
        elif char == "|":
            if nxt != "|":
                raise _reserved_error(char)
            kind = "spoiler"
            i += 1
        elif char == "[":
            kind = "text_link"
        elif char == "`":
            if nxt == "`" and src.at(i + 2) == "`":
                i, argument = _skip_pre_header(src, i + 3)
                kind = "pre_code" if argument else "pre"
                i -= 1
            else:
                kind = "code"
        elif char == "!":
            if nxt != "[":
                raise _reserved_error(char)
            kind = "custom_emoji"
            i += 1
        elif char == "\n":
            self._emit("\n")
            self.can_start_blockquote = True
            kind = None
        elif char == ">":
            if not self.can_start_blockquote:
                raise _reserved_error(char)
            kind = None if self.have_blockquote else "blockquote"
            self.have_blockquote = True
        else:
            raise _reserved_error(char)
        if kind is not None:
            self.stack.append(_MarkdownOpen(kind, argument, self.utf16, position, len(self.out)))
        return i

    def _close(self, i: int) -> int:
        src = self.src
        kind = self.stack[-1].kind
        if src.at(i) == "\n" and kind != "blockquote":
            top = self.stack[-1]
            after_cr = top.position == i - 3 and bool(self.out) and self.out[-1] == "\r"
            if kind != "spoiler" or not (top.position == i - 2 or after_cr):
                raise _unclosed_error(src, top)
            self.stack.pop()
            if self.stack[-1].kind != "blockquote":
                raise _unclosed_error(src, self.stack[-1])
            kind = "expandable_blockquote"
        top = self.stack[-1]
        skip = self.utf16 == top.offset
        extra: dict[str, Any] = {}
        if kind in ("underline", "spoiler"):
            i += 1
        elif kind in ("pre", "pre_code"):
            i += 2
        elif kind == "text_link":
            if src.at(i + 1) == "(":
                url, i = _read_url(src, i + 1)
            else:
                url = "".join(self.out[top.out_begin :])
            link = link_entity(top.offset, self.utf16 - top.offset, url)
            skip = skip or link is None
            if link is not None:
                kind = link["type"]
                extra = {k: v for k, v in link.items() if k not in ("type", "offset", "length")}
        elif kind == "custom_emoji":
            kind, extra, i = self._close_custom_emoji(i)
        elif kind in ("blockquote", "expandable_blockquote"):
            self.have_blockquote = False
            self._emit(src.text[i])
            self.can_start_blockquote = True
            skip = False
        if not skip:
            if kind == "pre_code":
                kind, extra = "pre", {"language": top.argument}
            self.entities.append(make_entity(kind, top.offset, self.utf16 - top.offset, **extra))
        self.stack.pop()
        return i

    def _close_custom_emoji(self, i: int) -> tuple[str, dict[str, Any], int]:
        if self.src.at(i + 1) != "(":
            raise EntityParseError("The entity must contain a tg://emoji or tg://time URL")
        url, i = _read_url(self.src, i + 1)
        emoji_prefix, time_prefix = "tg://emoji?id=", "tg://time?unix="
        if url.startswith(emoji_prefix) and url[len(emoji_prefix) :].isdigit():
            return "custom_emoji", {"custom_emoji_id": url[len(emoji_prefix) :]}, i
        if url.startswith(time_prefix):
            unix, _, rest = url[len(time_prefix) :].partition("&")
            if unix.isdigit():
                fmt = rest[len("format=") :] if rest.startswith("format=") else None
                return "date_time", {"unix_time": int(unix), "date_time_format": fmt}, i
        raise EntityParseError("Invalid tg://emoji or tg://time URL specified")

    def _finish(self) -> tuple[str, list[Entity]]:
        if self.have_blockquote:
            kind = "blockquote"
            top = self.stack[-1]
            if top.kind == "spoiler" and top.position == self.src.size - 2:
                self.stack.pop()
                kind = "expandable_blockquote"
            top = self.stack[-1]
            if top.kind == "blockquote":
                if self.utf16 != top.offset:
                    self.entities.append(make_entity(kind, top.offset, self.utf16 - top.offset))
                self.stack.pop()
        if self.stack:
            raise _unclosed_error(self.src, self.stack[-1])
        return "".join(self.out), sort_entities(self.entities)


def parse_markdown_v2(text: str) -> tuple[str, list[Entity]]:
    """Parse Telegram MarkdownV2; raise ``EntityParseError`` where the real server would."""
    return _MarkdownV2(text).parse()


def parse_markdown(text: str) -> tuple[str, list[Entity]]:
    """Parse legacy Telegram Markdown (v1); raise ``EntityParseError`` where the server would."""
    src = Source(text)
    out: list[str] = []
    utf16 = 0
    entities: list[Entity] = []
    i = 0
    while i < src.size:
        char = src.text[i]
        if char == "\\" and src.at(i + 1) in "_*`[" and src.at(i + 1) != "\0":
            out.append(src.text[i + 1])
            utf16 += 1
            i += 2
            continue
        if char not in "_*`[":
            out.append(char)
            utf16 += utf16_units(char)
            i += 1
            continue
        begin = i
        end_char = "]" if char == "[" else char
        i += 1
        is_pre = char == "`" and src.at(i) == "`" and src.at(i + 1) == "`"
        language = ""
        if is_pre:
            i, language = _skip_pre_header(src, i + 2)
        entity_offset = utf16
        while i < src.size and (
            src.text[i] != end_char or (is_pre and not (src.at(i + 1) == "`" and src.at(i + 2) == "`"))
        ):
            out.append(src.text[i])
            utf16 += utf16_units(src.text[i])
            i += 1
        if i == src.size:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {src.byte(begin)}")
        length = utf16 - entity_offset
        if length:
            if char == "[":
                if src.at(i + 1) == "(":
                    close = src.text.find(")", i + 2)
                    close = src.size if close < 0 else close
                    url = src.text[i + 2 : close]
                    i = close
                else:
                    url = src.text[begin + 1 : i]
                link = link_entity(entity_offset, length, url)
                if link is not None:
                    entities.append(link)
            elif char == "`":
                kind = "pre" if is_pre else "code"
                entities.append(make_entity(kind, entity_offset, length, language=language or None))
            else:
                kind = "italic" if char == "_" else "bold"
                entities.append(make_entity(kind, entity_offset, length))
        i += 3 if is_pre else 1
    return "".join(out), sort_entities(entities)
