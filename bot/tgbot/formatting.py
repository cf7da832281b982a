"""Turn answers and documents into Telegram HTML messages that the Bot API accepts.

Source text is always escaped; only our own tags are markup. Long texts are split on sentence
boundaries so that no message exceeds Telegram's limit, counted in UTF-16 code units as Telegram does.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.answering import Answer, Source
from ingest.store import DocumentRecord

MAX_MESSAGE = MessageLimit.MAX_TEXT_LENGTH
SOURCE_CALLBACK = "src"
EXAMPLE_CALLBACK = "ex"
_PIECE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;\n]+|[^。！？；!?;\n]+")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def answer_html(answer: Answer, topics: Sequence[str] = (), titles: Sequence[str] = ()) -> str:
    """The reply to a question: the quote, then 出处; or a polite refusal saying what is covered."""
    if answer.refused:
        return refusal_html(answer.answer, topics, titles)
    citation = answer.answer.rpartition("\n")[2]
    return f"<blockquote>{html.escape(answer.quote)}</blockquote>\n{html.escape(citation)}"


def refusal_html(text: str, topics: Sequence[str], titles: Sequence[str]) -> str:
    lines = [html.escape(text)]
    if titles:
        lines.append("目前的学习资料有：" + "、".join(f"《{html.escape(t)}》" for t in titles[:3]))
    if topics:
        lines.append("可以问问这些方面：" + "；".join(html.escape(t) for t in topics[:4]))
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


def parse_source_callback(data: str) -> tuple[str, int, int] | None:
    parts = data.split(":")
    if len(parts) != 4 or parts[0] != SOURCE_CALLBACK or not parts[2].isdigit() or not parts[3].isdigit():
        return None
    return parts[1], int(parts[2]), int(parts[3])


def paragraph_messages(title: str, paragraph: int, sentences: Sequence[str], highlight: Sequence[int]) -> list[str]:
    """The full paragraph with the quoted sentences (1-based positions) in bold, split to fit."""
    header = f"《{html.escape(title)}》第{paragraph}段\n\n"
    segments = [(text, i in highlight) for i, text in enumerate(sentences, start=1)]
    return pack(segments, header=header)


def docs_messages(records: Sequence[DocumentRecord], show_ids: bool) -> list[str]:
    if not records:
        return ["知识库中还没有学习资料。"]
    lines = [f"共有 {len(records)} 份学习资料：\n"]
    for number, record in enumerate(records, start=1):
        line = f"{number}. 《{html.escape(record.title)}》 {record.paragraphs}段"
        if show_ids:
            line += f"  <code>{html.escape(record.doc_id)}</code>"
        lines.append(line)
    return pack([(line + "\n", False) for line in lines], escaped=True)


def pack(segments: Sequence[tuple[str, bool]], header: str = "", escaped: bool = False, limit: int = MAX_MESSAGE) -> list[str]:
    """Pack (text, bold) segments into HTML messages of at most `limit` UTF-16 units of visible text.

    Segments longer than a message are cut at sentence ends, then hard. Tags never straddle messages.
    """
    pieces: list[tuple[str, bool]] = []
    for text, bold in segments:
        for piece in _PIECE.findall(text):
            while utf16_len(piece) > limit - utf16_len(header):
                cut = _cut_at(piece, limit - utf16_len(header))
                pieces.append((piece[:cut], bold))
                piece = piece[cut:]
            pieces.append((piece, bold))
    messages: list[str] = []
    current, visible = header, utf16_len(_visible(header))
    for text, bold in pieces:
        size = utf16_len(text if not escaped else _visible(text))
        if visible + size > limit and current.strip():
            messages.append(current)
            current, visible = "", 0
        body = text if escaped else html.escape(text)
        current += f"<b>{body}</b>" if bold else body
        visible += size
    if current.strip():
        messages.append(current)
    return messages


def _cut_at(text: str, limit: int) -> int:
    """The largest prefix length whose UTF-16 size fits."""
    cut = min(len(text), limit)
    while cut > 1 and utf16_len(text[:cut]) > limit:
        cut -= 1
    return cut


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))
