"""What the server does to text after parsing: cleanup, trimming and automatic entities.

Offsets and lengths are UTF-16 code units; Telegram's length limits count code points.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import accumulate

from .text_source import Entity, is_ascii_alnum, is_word_char, make_entity, sort_entities, utf16_units

_NO_AUTO_ENTITIES_INSIDE = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})


class EmptyTextError(ValueError):
    """The text consists of whitespace only after parsing and cleanup."""


def entity_text(text: str, entity: Entity) -> str:
    """The part of ``text`` an entity covers (offsets are UTF-16 code units)."""
    encoded = text.encode("utf-16-le", "surrogatepass")
    start, end = 2 * entity["offset"], 2 * (entity["offset"] + entity["length"])
    return encoded[start:end].decode("utf-16-le", "surrogatepass")


def _utf16_positions(text: str) -> list[int]:
    return [0, *accumulate(utf16_units(c) for c in text)]


def _to_char_spans(text: str, entities: list[Entity]) -> list[tuple[int, int, Entity]]:
    positions = _utf16_positions(text)
    spans = []
    for entity in entities:
        start = bisect.bisect_left(positions, entity["offset"])
        end = bisect.bisect_left(positions, entity["offset"] + entity["length"])
        spans.append((start, end, entity))
    return spans


def _from_char_spans(text: str, spans: list[tuple[int, int, Entity]]) -> list[Entity]:
    positions = _utf16_positions(text)
    result = []
    for start, end, entity in spans:
        start, end = min(start, len(text)), min(end, len(text))
        if end > start:
            result.append({**entity, "offset": positions[start], "length": positions[end] - positions[start]})
    return sort_entities(result)


def clean_and_trim(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Apply TDLib's clean_input_string and trimming; raise ``EmptyTextError`` if nothing is left.

    Control characters (including tabs) become spaces, carriage returns and U+2028..U+202E
    are dropped, then spaces/newlines are stripped at the end and, up to the first entity,
    at the start.
    """
    spans = _to_char_spans(text, entities)
    new_index = []
    chars: list[str] = []
    for char in text:
        new_index.append(len(chars))
        if char == "\r" or "\u2028" <= char <= "\u202e":
            continue
        chars.append(" " if ord(char) < 32 and char != "\n" else char)
    new_index.append(len(chars))
    spans = [(new_index[s], new_index[e], ent) for s, e, ent in spans]
    spans = [span for span in spans if span[1] > span[0]]
    end = len(chars)
    while end > 0 and chars[end - 1] in " \n":
        end -= 1
    if end == 0:
        raise EmptyTextError("text must be non-empty")
    first_entity = min((s for s, _, _ in spans), default=end)
    start = 0
    while start < min(first_entity, end) and chars[start] in " \n":
        start += 1
    trimmed = "".join(chars[start:end])
    spans = [(max(s, start) - start, min(e, end) - start, ent) for s, e, ent in spans]
    return trimmed, _from_char_spans(trimmed, spans)


def _scan(
    text: str, trigger: str, body: Callable[[str], bool], min_len: int, max_len: int
) -> list[tuple[int, int]]:
    """Find ``trigger`` + body runs not glued to word characters (TDLib's match_* helpers)."""
    found = []
    index = text.find(trigger)
    while index >= 0:
        prev = text[index - 1] if index else " "
        end = index + 1
        while end < len(text) and body(text[end]):
            end += 1
        nxt = text[end] if end < len(text) else " "
        if not is_word_char(prev) and min_len <= end - index - 1 <= max_len and not is_word_char(nxt):
            found.append((index, end))
        index = text.find(trigger, index + 1)
    return found


def _is_username_char(char: str) -> bool:
    return is_ascii_alnum(char) or char == "_"


def _find_bot_commands(text: str) -> list[tuple[int, int]]:
    found = []
    index = text.find("/")
    while index >= 0:
        prev = text[index - 1] if index else " "
        end = index + 1
        while end < len(text) and _is_username_char(text[end]):
            end += 1
        ok = not (is_word_char(prev) or prev in "/<>") and 1 <= end - index - 1 <= 64
        if ok and end < len(text) and text[end] == "@":
            user_end = end + 1
            while user_end < len(text) and _is_username_char(text[user_end]):
                user_end += 1
            ok = 3 <= user_end - end - 1 <= 32
            end = user_end
        nxt = text[end] if end < len(text) else " "
        if ok and not (is_word_char(nxt) or nxt in "/<>"):
            found.append((index, end))
        index = text.find("/", index + 1)
    return found


def _find_urls(text: str) -> list[tuple[int, int]]:
    found = []
    for scheme in ("http://", "https://"):
        index = text.find(scheme)
        while index >= 0:
            end = index + len(scheme)
            while end < len(text) and not text[end].isspace():
                end += 1
            while end > index + len(scheme) and text[end - 1] in ".,;:!?)]}'\"":
                end -= 1
            if end > index + len(scheme):
                found.append((index, end))
            index = text.find(scheme, end)
    return found


def detect_entities(text: str, existing: list[Entity] | None = None) -> list[Entity]:
    """Add the entities Telegram finds by itself: bot_command, mention, hashtag and url.

    Detected entities never overlap code, pre or link entities, mirroring TDLib's merge.
    """
    existing = list(existing or [])
    blocked = [
        (s, e) for s, e, ent in _to_char_spans(text, existing) if ent["type"] in _NO_AUTO_ENTITIES_INSIDE
    ]
    candidates = [
        *(("bot_command", s, e) for s, e in _find_bot_commands(text)),
        *(("mention", s, e) for s, e in _scan(text, "@", _is_username_char, 4, 32)),
        *(
            ("hashtag", s, e)
            for s, e in _scan(text, "#", is_word_char, 1, 256)
            if any(c.isalpha() for c in text[s:e])
        ),
        *(("url", s, e) for s, e in _find_urls(text)),
    ]
    positions = _utf16_positions(text)
    detected = []
    taken: list[tuple[int, int]] = []
    for kind, start, end in sorted(candidates, key=lambda c: c[1]):
        if any(s < end and start < e for s, e in blocked + taken):
            continue
        taken.append((start, end))
        detected.append(make_entity(kind, positions[start], positions[end] - positions[start]))
    return sort_entities(existing + detected)
