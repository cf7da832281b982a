"""Turn answers and documents into Telegram HTML messages that the Bot API accepts.

Source text is always escaped; only our own tags are markup. Long texts are split on sentence
boundaries so that no message exceeds Telegram's limit, counted in UTF-16 code units as Telegram does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import groupby, islice

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot.answering import RELATED_HEADING, Answer, Source, citation
from ingest.archive import DocumentRecord
from ingest.zh_text import sentence_pieces

MAX_MESSAGE = MessageLimit.MAX_TEXT_LENGTH
SOURCE_CALLBACK = "src"
EXAMPLE_CALLBACK = "ex"
FEEDBACK_CALLBACK = "fb"  # fb:<answer token>:u (👍) or :d (👎)
VOTE_UP, VOTE_DOWN = "u", "d"
MAX_RAW_BYTES = 30_000  # the Bot API refuses text parameters over 32 KiB before parsing HTML
TITLE_CHARS = 60  # titles, questions and file names in replies are cut to this many characters
CITATION_UNITS = 1_000  # the 出处 line of an answer; the quote gets the rest of the message
RELATED_UNITS = 1_500  # each passage of related reading (two at most) within one message
SOURCE_PAGE_MESSAGES = 2  # messages per 「查看原文」/「继续阅读」 tap
CONTINUE_LABEL = "继续阅读"
_HTML_TOKEN = re.compile(r"<(/?)([A-Za-z][\w-]*)[^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);|.", re.S)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: astral characters (emoji) take two UTF-16 units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def shorten(text: str, chars: int = TITLE_CHARS) -> str:
    """A title, question or name as shown in replies: long ones end in "…", so no reply outgrows Telegram."""
    text = " ".join(text.split())
    return text if len(text) <= chars else text[:chars].rstrip() + "…"


def truncate_text(text: str, limit: int) -> str:
    """Plain text within `limit` UTF-16 units; a cut one ends in "…"."""
    if utf16_len(text) <= limit:
        return text
    return text[: _cut_end(text, 0, limit - 1)].rstrip() + "…"


def truncate_html(markup: str, limit: int) -> str:
    """Markup whose visible text fits in `limit` UTF-16 units: cut with "…" between tokens, open tags closed."""
    if utf16_len(_visible(markup)) <= limit:
        return markup
    kept: list[str] = []
    open_tags: list[str] = []
    used = 0
    for token in _HTML_TOKEN.finditer(markup):
        closing, tag = token.group(1), token.group(2)
        if tag:
            if not closing:
                open_tags.append(tag)
            elif open_tags and open_tags[-1] == tag:
                open_tags.pop()
            kept.append(token.group())
            continue
        size = utf16_len(html.unescape(token.group()))
        if used + size > limit - 1:
            break
        kept.append(token.group())
        used += size
    return "".join(kept) + "…" + "".join(f"</{tag}>" for tag in reversed(open_tags))


def answer_html(answer: Answer, topics: Sequence[str] = (), titles: Sequence[str] = ()) -> str:
    """The reply to a question: the quote, then 出处 (and the note on which document, if any); or a polite
    refusal saying what is covered.

    Always one message: a quote too long for it is cut with "…" (「查看原文」 shows the rest).
    """
    if answer.refused and answer.related:
        return related_html(answer)
    if answer.refused:
        if answer.hint:  # the nearest topics to this question, not the first ones of the materials
            return refusal_html(answer.text, (), titles, answer.hint)
        return refusal_html(answer.text, topics, titles)
    source_line = html.escape(truncate_text(_citation(answer), CITATION_UNITS))
    reading_line = f"<i>{html.escape(truncate_text(answer.reading, CITATION_UNITS))}</i>\n" if answer.reading else ""
    note = f"\n{html.escape(truncate_text(answer.note, CITATION_UNITS))}" if answer.note else ""
    quote_room = MAX_MESSAGE - utf16_len(_visible(reading_line + source_line + note)) - 1
    return f"{reading_line}<blockquote>{html.escape(truncate_text(answer.quote, quote_room))}</blockquote>\n{source_line}{note}"


def _citation(answer: Answer) -> str:
    return _short_citation(answer.sources) if answer.sources else answer.citation


def _short_citation(sources: Sequence[Source]) -> str:
    return citation([replace(s, title=shorten(s.title), section=shorten(s.section)) for s in sources])


def related_html(answer: Answer) -> str:
    """An on-topic refusal: it says the materials do not answer, then the closest passages under a plain
    heading, as text rather than a quote block, so that none reads as the answer."""
    items = [
        f"{n}. {html.escape(truncate_text(s.text, RELATED_UNITS))}\n{html.escape(_short_citation([s]))}"
        for n, s in enumerate(answer.related, start=1)
    ]
    return "\n\n".join([html.escape(answer.quote), f"{RELATED_HEADING}：\n" + "\n".join(items)])


def refusal_html(text: str, topics: Sequence[str], titles: Sequence[str], hint: str = "") -> str:
    lines = [html.escape(truncate_text(text, CITATION_UNITS))]
    if hint:
        lines.append(html.escape(truncate_text(hint, CITATION_UNITS)))
    if titles:
        lines.append("目前的学习资料有：" + "、".join(f"《{html.escape(shorten(t))}》" for t in titles[:3]))
    if topics:
        lines.append("可以问问这些方面：" + "；".join(html.escape(shorten(t)) for t in topics[:4]))
    return "\n\n".join(lines)


def source_keyboard(sources: Sequence[Source]) -> InlineKeyboardMarkup | None:
    """One 「查看原文」 button per cited paragraph."""
    buttons = []
    seen: set[tuple[str, int]] = set()
    for source in sources:
        if (source.doc_id, source.paragraph) in seen:
            continue
        seen.add((source.doc_id, source.paragraph))
        label = "查看原文" if len(sources) == 1 else f"查看原文 · 第{source.paragraph}段"
        data = f"{SOURCE_CALLBACK}:{source.doc_id}:{source.paragraph}:{source.sentence}"
        buttons.append([InlineKeyboardButton(label, callback_data=data)])
    return InlineKeyboardMarkup(buttons) if buttons else None


def answer_keyboard(sources: Sequence[Source], token: str) -> InlineKeyboardMarkup:
    """「查看原文」 per cited paragraph and 👍/👎 for the answer: beside a single 「查看原文」, else on a row of their own."""
    votes = [
        InlineKeyboardButton("👍", callback_data=f"{FEEDBACK_CALLBACK}:{token}:{VOTE_UP}"),
        InlineKeyboardButton("👎", callback_data=f"{FEEDBACK_CALLBACK}:{token}:{VOTE_DOWN}"),
    ]
    sources_markup = source_keyboard(sources)
    rows = [list(row) for row in sources_markup.inline_keyboard] if sources_markup else []
    if len(rows) == 1:
        rows[0].extend(votes)
    else:
        rows.append(votes)
    return InlineKeyboardMarkup(rows)


def parse_feedback_callback(data: str) -> tuple[str, bool] | None:
    """(answer token, 👍?) of a vote button."""
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != FEEDBACK_CALLBACK or not parts[1] or parts[2] not in (VOTE_UP, VOTE_DOWN):
        return None
    return parts[1], parts[2] == VOTE_UP


def continue_keyboard(doc_id: str, paragraph: int, sentence: int, page: int) -> InlineKeyboardMarkup | None:
    """「继续阅读」 for the next page of a long paragraph (none if the data would outgrow Telegram's 64 bytes)."""
    data = f"{SOURCE_CALLBACK}:{doc_id}:{paragraph}:{sentence}:{page}"
    if len(data.encode("utf-8")) > InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(CONTINUE_LABEL, callback_data=data)]])


def parse_source_callback(data: str) -> tuple[str, int, int, int] | None:
    """(doc_id, paragraph, sentence, page) of a 「查看原文」 or 「继续阅读」 button; page 0 when absent."""
    parts = data.split(":")
    if len(parts) == 4:
        parts.append("0")
    if len(parts) != 5 or parts[0] != SOURCE_CALLBACK or not all(p.isdigit() for p in parts[2:]):
        return None
    return parts[1], int(parts[2]), int(parts[3]), int(parts[4])


def paragraph_messages(
    title: str, paragraph: int, sentences: Sequence[str], highlight: Sequence[int], page: int = 0
) -> tuple[list[str], bool]:
    """One page of a paragraph, the quoted sentences (1-based positions) in bold, and whether more follows.

    A page is at most SOURCE_PAGE_MESSAGES messages, so one tap never floods the chat.
    """
    header = f"《{html.escape(shorten(title))}》第{paragraph}段\n\n"
    segments = [(text, i in highlight) for i, text in enumerate(sentences, start=1)]
    start = page * SOURCE_PAGE_MESSAGES
    shown = list(islice(_packed(segments, header, MAX_MESSAGE), start, start + SOURCE_PAGE_MESSAGES + 1))
    return shown[:SOURCE_PAGE_MESSAGES], len(shown) > SOURCE_PAGE_MESSAGES


def docs_messages(records: Sequence[DocumentRecord], show_ids: bool) -> list[str]:
    if not records:
        return ["知识库中还没有学习资料。"]
    lines = [f"共有 {len(records)} 份学习资料：\n"]
    for number, record in enumerate(records, start=1):
        line = f"{number}. 《{html.escape(shorten(record.title))}》 {record.paragraphs}段"
        if show_ids:
            line += f"  <code>{html.escape(record.doc_id)}</code>"
        lines.append(line)
    return join_lines(lines)


def join_lines(lines: Sequence[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Whole HTML lines, as many per message as fit; a line is never split, so no tag straddles messages."""
    messages: list[str] = []
    current, used = "", 0
    for line in lines:
        line = truncate_html(line, limit)
        size = utf16_len(_visible(line)) + 1
        if current and used + size > limit:
            messages.append(current)
            current, used = "", 0
        current += line + "\n"
        used += size
    if current:
        messages.append(current)
    return messages


def around(segments: Sequence[tuple[str, bool]], focus: int, chars: int) -> list[tuple[str, bool]]:
    """The segments near `segments[focus]`, about `chars` characters in all; where text is left out, "……"."""
    if not segments:
        return []
    center, bold = segments[focus]
    kept = [(center if len(center) <= chars else center[:chars] + "……", bold)]
    left = right = (chars - min(len(center), chars)) // 2
    for text, bold in reversed(segments[:focus]):
        if len(text) > left:
            kept.insert(0, ("……" + text[len(text) - left :], bold))
            break
        kept.insert(0, (text, bold))
        left -= len(text)
    for text, bold in segments[focus + 1 :]:
        if len(text) > right:
            kept.append((text[:right] + "……", bold))
            break
        kept.append((text, bold))
        right -= len(text)
    return [(text, bold) for text, bold in kept if text]


def pack(segments: Sequence[tuple[str, bool]], header: str = "", limit: int = MAX_MESSAGE) -> list[str]:
    """Pack plain (text, bold) segments after an HTML header into messages of at most `limit` UTF-16 units.

    Segments are cut at sentence ends, then hard; a header longer than half a message is cut with "…".
    Every message is valid HTML on its own and within the raw size the Bot API accepts.
    """
    return list(_packed(segments, header, limit))


def _packed(segments: Iterable[tuple[str, bool]], header: str, limit: int) -> Iterator[str]:
    header = truncate_html(header, limit // 2)
    room = limit - utf16_len(_visible(header))
    parts: list[tuple[str, bool]] = []
    used, raw = limit - room, len(header.encode("utf-8", "surrogatepass"))
    for text, bold in segments:
        for piece in _pieces(text, room):
            size, cost = utf16_len(piece), _raw_size(piece, bold)
            if used + size > limit or raw + cost > MAX_RAW_BYTES:
                message = _render(header, parts)
                if _visible(message).strip():
                    yield message
                header, parts, used, raw = "", [], 0, 0
            parts.append((piece, bold))
            used, raw = used + size, raw + cost
    message = _render(header, parts)
    if _visible(message).strip():
        yield message


def _pieces(text: str, room: int) -> Iterator[str]:
    """Sentence-sized pieces of at most `room` UTF-16 units; unbreakable runs are cut hard."""
    for piece in sentence_pieces(text):
        start, left = 0, utf16_len(piece)
        while left > room:
            end = _cut_end(piece, start, room)
            left -= utf16_len(piece[start:end])
            yield piece[start:end]
            start = end
        if start < len(piece):
            yield piece[start:]


def _cut_end(text: str, start: int, units: int) -> int:
    """The largest end (at least start + 1) with text[start:end] within `units` UTF-16 units."""
    end = min(len(text), start + max(units, 1))
    over = utf16_len(text[start:end]) - units
    while over > 0 and end > start + 1:
        end -= max(1, over // 2)
        over = utf16_len(text[start:end]) - units
    return max(end, start + 1)


def _raw_size(piece: str, bold: bool) -> int:
    return len(html.escape(piece).encode("utf-8", "surrogatepass")) + (len("<b></b>") if bold else 0)


def _render(header: str, parts: list[tuple[str, bool]]) -> str:
    body = []
    for bold, run in groupby(parts, key=lambda part: part[1]):
        escaped = html.escape("".join(text for text, _ in run))
        body.append(f"<b>{escaped}</b>" if bold else escaped)
    return header + "".join(body)


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))
