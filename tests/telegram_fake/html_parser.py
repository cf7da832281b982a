"""Telegram HTML parse mode, ported from TDLib's ``parse_html`` (td/telegram/MessageEntity.cpp).

Same tags, same attribute rules, same error wording and byte offsets as the Bot API server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text_source import (
    Entity,
    EntityParseError,
    Source,
    is_ascii_alnum,
    is_space,
    link_entity,
    make_entity,
    sort_entities,
    utf16_units,
)

HTML_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "tg-time",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)


def _decode_htmlmake_entity(src: Source, pos: int) -> tuple[str, int] | None:
    """Decode ``&...;`` at ``pos`` like TDLib; ``None`` means "not an entity, keep the '&'"."""
    end = pos + 1
    if src.at(end) == "#":
        end += 1
        digits_start = end
        if src.at(end) == "x":
            end += 1
            digits_start = end
            while src.at(end) in "0123456789abcdefABCDEF" and src.at(end) != "\0":
                end += 1
            code = int(src.text[digits_start:end] or "0", 16)
        else:
            while src.at(end).isascii() and src.at(end).isdigit():
                end += 1
            code = int(src.text[digits_start:end] or "0")
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
        decoded = chr(code)
    else:
        while src.at(end).isascii() and src.at(end).isalpha():
            end += 1
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
        if src.text[pos + 1 : end] not in named:
            return None
        decoded = named[src.text[pos + 1 : end]]
    return decoded, end + 1 if src.at(end) == ";" else end


_SPECIAL = re.compile("[&<]")

@dataclass
class _OpenTag:
    name: str
    argument: str
    date: int
    offset: int
    out_begin: int


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[Entity]]:
    """Parse Telegram HTML; raise ``EntityParseError`` where the real server would.

    With ``strict_ampersand`` a ``&`` that starts no valid entity is an error; Telegram
    itself keeps it literally, but a bot that leaves ``&`` unescaped also corrupts
    ``&lt;``-like user text, so the fake flags it.
    """
    src = Source(text)
    out: list[str] = []
    utf16 = 0
    entities: list[Entity] = []
    stack: list[_OpenTag] = []
    i = 0
    while i < src.size:
        char = src.text[i]
        if char not in "&<":
            # Plain text up to the next entity or tag, in one step.
            special = _SPECIAL.search(src.text, i)
            end = special.start() if special else src.size
            run = src.text[i:end]
            out.append(run)
            utf16 += len(run.encode("utf-16-le", "surrogatepass")) // 2
            i = end
            continue
        if char == "&":
            decoded = _decode_htmlmake_entity(src, i)
            if decoded is not None:
                out.append(decoded[0])
                utf16 += utf16_units(decoded[0])
                i = decoded[1]
                continue
            if strict_ampersand:
                raise EntityParseError(
                    f'Unescaped "&" at byte offset {src.byte(i)}; use "&amp;" '
                    "(the fake is stricter than Telegram here)"
                )
        if char != "<":
            out.append(char)
            utf16 += utf16_units(char)
            i += 1
            continue
        begin = i
        i += 1
        if src.at(i) != "/":
            i = _parse_start_tag(src, begin, i, stack, utf16, len(out))
        else:
            i = _parse_end_tag(src, begin, i, stack, utf16, out, entities)
        i += 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    pre_ranges = {(e["offset"], e["length"]) for e in entities if e["type"] == "pre"}
    kept = []
    for entity in entities:
        if entity["type"] == "code":
            # A code entity spanning exactly a pre block is the <pre><code> idiom: one pre entity.
            if (entity["offset"], entity["length"]) in pre_ranges:
                continue
            entity.pop("language", None)
        kept.append(entity)
    return "".join(out), sort_entities(kept)


def _parse_start_tag(src: Source, begin: int, i: int, stack: list[_OpenTag], utf16: int, out_len: int) -> int:
    while not is_space(src.at(i)) and src.at(i) != ">":
        i += 1
    if src.at(i) == "\0":
        raise EntityParseError(f"Unclosed start tag at byte offset {src.byte(begin)}")
    name = src.text[begin + 1 : i].lower()
    where = f"at byte offset {src.byte(begin)}"
    if name not in HTML_TAGS:
        raise EntityParseError(f'Unsupported start tag "{name}" {where}')
    argument = ""
    date = 0
    while src.at(i) != ">":
        while src.at(i) != "\0" and is_space(src.at(i)):
            i += 1
        if src.at(i) == ">":
            break
        attr_begin = i
        while not is_space(src.at(i)) and src.at(i) not in "=>/\"'":
            i += 1
        attribute = src.text[attr_begin:i]
        if not attribute:
            raise EntityParseError(f'Empty attribute name in the tag "{name}" {where}')
        while src.at(i) != "\0" and is_space(src.at(i)):
            i += 1
        if src.at(i) != "=":
            if src.at(i) == "\0":
                raise EntityParseError(f'Unclosed start tag "{name}" {where}')
            if name == "blockquote" and attribute == "expandable":
                argument = "1"
            continue
        i += 1
        while src.at(i) != "\0" and is_space(src.at(i)):
            i += 1
        if src.at(i) == "\0":
            raise EntityParseError(f'Unclosed start tag "{name}" {where}')
        value, i = _parse_attribute_value(src, i)
        if src.at(i) == "\0":
            raise EntityParseError(f"Unclosed start tag {where}")
        argument, date = _apply_attribute(name, attribute, value, argument, date)
    if name == "span" and argument != "spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
    stack.append(_OpenTag(name, argument, date, utf16, out_len))
    return i


def _parse_attribute_value(src: Source, i: int) -> tuple[str, int]:
    if src.at(i) not in "'\"":
        token_begin = i
        while is_ascii_alnum(src.at(i)) or src.at(i) in ".-":
            i += 1
        if not is_space(src.at(i)) and src.at(i) != ">":
            raise EntityParseError(f"Unexpected end of name token at byte offset {src.byte(token_begin)}")
        return src.text[token_begin:i].lower(), i
    quote = src.at(i)
    i += 1
    value: list[str] = []
    while src.at(i) not in (quote, "\0"):
        if src.at(i) == "&":
            decoded = _decode_htmlmake_entity(src, i)
            if decoded is not None:
                value.append(decoded[0])
                i = decoded[1]
                continue
        value.append(src.at(i))
        i += 1
    if src.at(i) == quote:
        i += 1
    return "".join(value), i


def _apply_attribute(name: str, attribute: str, value: str, argument: str, date: int) -> tuple[str, int]:
    if name == "a" and attribute == "href":
        return value, date
    if name == "code" and attribute == "class" and value.startswith("language-"):
        return value[len("language-") :], date
    if name == "span" and attribute == "class" and value.startswith("tg-"):
        return value[len("tg-") :], date
    if name == "tg-emoji" and attribute == "emoji-id":
        return value, date
    if name == "blockquote" and attribute == "expandable":
        return "1", date
    if name == "tg-time" and attribute == "unix":
        return argument, int(value) if value.lstrip("-").isdigit() else 0
    if name == "tg-time" and attribute == "format":
        return value, date
    return argument, date


def _parse_end_tag(
    src: Source,
    begin: int,
    i: int,
    stack: list[_OpenTag],
    utf16: int,
    out: list[str],
    entities: list[Entity],
) -> int:
    if not stack:
        raise EntityParseError(f"Unexpected end tag at byte offset {src.byte(begin)}")
    while not is_space(src.at(i)) and src.at(i) != ">":
        i += 1
    end_name = src.text[begin + 2 : i].lower()
    while is_space(src.at(i)) and src.at(i) != "\0":
        i += 1
    if src.at(i) != ">":
        raise EntityParseError(f"Unclosed end tag at byte offset {src.byte(begin)}")
    tag = stack.pop()
    if end_name and end_name != tag.name:
        raise EntityParseError(
            f'Unmatched end tag at byte offset {src.byte(begin)}, expected "</{tag.name}>", '
            f'found "</{end_name}>"'
        )
    if utf16 > tag.offset:
        _close_htmlmake_entity(tag, utf16 - tag.offset, "".join(out[tag.out_begin :]), entities)
    return i


_SIMPLE_HTML_TYPES = {
    "i": "italic",
    "em": "italic",
    "b": "bold",
    "strong": "bold",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "u": "underline",
    "ins": "underline",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}


def _close_htmlmake_entity(tag: _OpenTag, length: int, inner_text: str, entities: list[Entity]) -> None:
    offset = tag.offset
    last = entities[-1] if entities else None
    same_range = last is not None and last["offset"] == offset and last["length"] == length
    if tag.name in _SIMPLE_HTML_TYPES:
        entities.append(make_entity(_SIMPLE_HTML_TYPES[tag.name], offset, length))
    elif tag.name == "tg-emoji":
        if not tag.argument.isdigit() or int(tag.argument) == 0:
            raise EntityParseError("Invalid custom emoji identifier specified")
        entities.append(make_entity("custom_emoji", offset, length, custom_emoji_id=tag.argument))
    elif tag.name == "tg-time":
        if tag.date > 0:
            entities.append(
                make_entity(
                    "date_time", offset, length, unix_time=tag.date, date_time_format=tag.argument or None
                )
            )
    elif tag.name == "a":
        link = link_entity(offset, length, tag.argument or inner_text)
        if link is not None:
            entities.append(link)
    elif tag.name == "pre":
        if same_range and last is not None and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
        else:
            entities.append(make_entity("pre", offset, length))
    elif tag.name == "code":
        if same_range and last is not None and last["type"] == "pre" and tag.argument:
            last["language"] = tag.argument
        else:
            entities.append(make_entity("code", offset, length, language=tag.argument or None))
    elif tag.name == "blockquote":
        kind = "expandable_blockquote" if tag.argument else "blockquote"
        entities.append(make_entity(kind, offset, length))
