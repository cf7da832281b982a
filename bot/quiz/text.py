"""Chinese text helpers for question making: part-of-speech tokens with offsets, clauses, markers."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import NamedTuple

import jieba
import jieba.posseg

from ingest.textnorm import CJK
from ingest.zh_text import BREAKING_SPACES, ELLIPSIS, PAUSE_MARKS, SENTENCE_MARKS

jieba.setLogLevel(logging.WARNING)

# List commas (、) do not break: a list is one clause, and its items are what questions ask for.
_CLAUSE_BREAK = re.compile(rf"[{re.escape(PAUSE_MARKS + SENTENCE_MARKS + ELLIPSIS)}\s]")
# Words that open a sentence to link it to the previous one; a reworded question drops them.
_DISCOURSE = re.compile(
    r"^(?:首先|其次|再次|最后|此外|同时|因此|为此|所以|总之|另外|另一方面|一方面|[一二三四五六七八九十]是|第[一二三四五六七八九十]+)[,，、]?"
)
# A glued-in heading such as '围绕工作主题 培养强国人才新时期…' (scraping artefact): CJK, a space, CJK.
_INNER_SPACE = re.compile(rf"[{CJK}][{BREAKING_SPACES}]+[{CJK}]")


class Token(NamedTuple):
    word: str
    flag: str
    start: int
    end: int


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """jieba words with their part of speech and character offsets in `text`."""
    found: list[Token] = []
    position = 0
    for pair in jieba.posseg.cut(text):
        end = position + len(pair.word)
        found.append(Token(pair.word, pair.flag, position, end))
        position = end
    return tuple(found)


def is_nounish(token: Token) -> bool:
    """Nouns and noun-like words (jieba tags 4-character terms such as '道德修养' as names, nr)."""
    return len(token.word) >= 2 and (token.flag.startswith("n") or token.flag in ("vn", "an", "b", "j"))


def is_idiom(token: Token) -> bool:
    return len(token.word) >= 4 and token.flag in ("i", "l")


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, full stops) around text[start:end]."""
    left = start
    while left > 0 and not _CLAUSE_BREAK.match(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and not _CLAUSE_BREAK.match(text[right]):
        right += 1
    return left, right


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of every clause of a sentence, without the punctuation between them."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(text + "。"):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    return spans


def strip_discourse(text: str) -> str:
    """'首先,要深入…' -> '要深入…': a question reads naturally without the linking word."""
    return _DISCOURSE.sub("", text, count=1)


def has_inner_space(text: str) -> bool:
    return bool(_INNER_SPACE.search(text.strip()))


def cjk_share(text: str) -> float:
    return len(re.findall(rf"[{CJK}]", text)) / max(1, len(text))
