"""Where Chinese text breaks: sentence and clause marks, closing quotes, indents, numerals.

Defined once so that the ingest splitter, the answer verifier, the streaming draft and the Telegram
packer agree on where a sentence ends. Kept apart from ingest.textnorm, whose forms exist only for
matching: these rules cut the original text, and every cut joins back to it exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

STOPS = "。！？!?"  # full stop, question and exclamation marks
SEMICOLONS = "；;"
COLONS = "：:"
COMMAS = "，,"
ENUMERATION_COMMA = "、"  # separates list items ("甲、乙、丙"), not clauses with a claim of their own
SENTENCE_MARKS = STOPS + SEMICOLONS
PAUSE_MARKS = COMMAS + SEMICOLONS + COLONS  # clause marks that are not list separators
CLAUSE_MARKS = PAUSE_MARKS + ENUMERATION_COMMA
ELLIPSIS = "…"
# Closing quotes and brackets that belong to the sentence whose mark they follow: 他说：“好。”
CLOSERS = "”’」』》）)\"'"
QUOTES = "“”‘’\"'"
BREAKING_SPACES = " \t\u3000"
INDENT = BREAKING_SPACES + "\u00a0"  # what may pad a line or paragraph at either end
CN_DIGITS = "零〇一二三四五六七八九"
CN_NUMERALS = CN_DIGITS + "十百千万两"

_ENTITY = r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
# A sentence ends at a run of sentence marks or an ellipsis (… …… ...), with the closers after it.
SENTENCE_END_PATTERN = rf"(?:[{re.escape(SENTENCE_MARKS)}]+|{ELLIPSIS}{{1,2}}|\.{{3,}})[{re.escape(CLOSERS)}]*"
_CLAUSE_END = re.compile(rf"[{re.escape(PAUSE_MARKS + SENTENCE_MARKS + ELLIPSIS)}]+[{re.escape(CLOSERS)}]*")


@lru_cache(maxsize=8)
def _boundary(lines: bool, trailer: str) -> re.Pattern[str]:
    """The pattern of sentence ends. The ';' closing an HTML entity (&amp; &#39;) is matched first, as the
    entity group, and ends nothing. `trailer` (e.g. citation markers) sticks to the end before it;
    with `lines`, a line break ends a sentence too and the line breaks right after an end stay with it."""
    end = SENTENCE_END_PATTERN + (rf"(?:[ \t]*(?:{trailer}))*" if trailer else "")
    if lines:
        end = rf"(?:{end}\n*|\n+)"
    return re.compile(rf"(?P<entity>{_ENTITY})|{end}")


def sentence_ends(text: str, *, lines: bool = False, trailer: str = "") -> Iterator[int]:
    """The offsets right after each sentence end (mark, closers and, as asked, trailer and line breaks)."""
    for match in _boundary(lines, trailer).finditer(text):
        if match.group("entity") is None:
            yield match.end()


def sentence_spans(text: str, *, lines: bool = False, trailer: str = "") -> list[tuple[int, int]]:
    """(start, end) of each sentence: they cover the text exactly, in order. A blank stretch is not a
    sentence: at the start it joins the sentence after it, at the end the one before it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in sentence_ends(text, lines=lines, trailer=trailer):
        if text[start:end].strip():
            spans.append((start, end))
            start = end
    if text[start:].strip() or (not spans and start < len(text)):
        spans.append((start, len(text)))
    elif spans and start < len(text):
        spans[-1] = (spans[-1][0], len(text))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its closing mark; "".join() gives the text back."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_pieces(text: str, trailer: str = "") -> list[str]:
    """Sentences of a multi-line text: also cut after line breaks (kept with the piece they end), with
    `trailer` matches (citation markers) kept with the sentence they follow; "".join() gives the text back."""
    return [text[start:end] for start, end in sentence_spans(text, lines=True, trailer=trailer)]


def split_clauses(text: str) -> list[str]:
    """The pieces of a text between pause, sentence and ellipsis marks, each with its mark; "".join()
    gives the text back. List commas (、) do not cut: "甲、乙、丙" is one clause."""
    pieces: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def clause_texts(text: str) -> list[str]:
    """The words of each clause: without their marks and the spaces around them, blank ones dropped."""
    texts: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        texts.append(text[start : match.start()].strip())
        start = match.end()
    texts.append(text[start:].strip())
    return [clause for clause in texts if clause]


def strip_indent(text: str) -> str:
    """The text without the spaces, tabs, ideographic and no-break spaces that pad it."""
    return text.strip(INDENT)


def strip_sentence_end(text: str) -> str:
    """The text without the sentence marks and spaces it ends with: a heading shown as a label."""
    return text.rstrip(SENTENCE_MARKS + BREAKING_SPACES)


_CN_DIGIT_VALUES = {ch: value for value, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def cn_number(text: str) -> int | None:
    """The value of a small numeral as documents and questions write it ("四", "十二", "二十", "12"), or
    None: position words such as 第四段 and heading numbers 三、 are read by this one rule."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGIT_VALUES and ch not in "十百" for ch in text):
        return None
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGIT_VALUES:
            digit = _CN_DIGIT_VALUES[ch]
        else:
            total += (digit or 1) * (10 if ch == "十" else 100)
            digit = 0
    return total + digit


# A modal verb that tells the reader what to do (应/要/必须), not the 要/应 inside 要求, 重要, 主要, 需要, 首要,
# 适应, 相应, 应用: a paragraph's measures are its directive sentences, its background is the rest.
_DIRECTIVE = re.compile(r"(?<![重主需只首纲摘适相反响供对])(?:必须|应当|应该|应|要)(?![求点素件用])")


def is_directive(sentence: str) -> bool:
    """Whether a sentence says what to do ("质监部门应定期组织…", "还要注重…") rather than why."""
    return _DIRECTIVE.search(sentence) is not None
