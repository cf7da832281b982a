"""What a question asks about: its content words, weighted by how much evidence each carries."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

from bot.jieba_dictionary import load_dictionary
from ingest.textnorm import has_cjk, normalize
from ingest.zh_text import (
    ASK_AMOUNT,
    ASK_HOW_MANY,
    ASKED_COUNT,
    asked_unit,
    CN_NUMERALS,
    DEMONSTRATIVES,
    DOCUMENT_WORDS,
    MEASURE_ASKED,
    QUESTION_PARTICLES,
    QUESTION_WORDS,
    REQUESTS,
    SLOT_INTERROGATIVES,
    TERM_INTERROGATIVES,
    TEXT_REFERENCES,
    any_of,
)

jieba.setLogLevel(logging.WARNING)

_STOPWORDS = frozenset(
    QUESTION_WORDS
    + TERM_INTERROGATIVES
    + QUESTION_PARTICLES  # 啊, 呀 … end a casual question: they ask, they say nothing
    + (
        "的", "了", "是", "在", "有", "和", "与", "及", "或", "要", "应", "该", "应该", "需要", "能", "会",
        "把", "被", "对", "为", "从", "到", "让", "给", "向", "就", "都", "也", "还", "又", "而", "并",
        "这", "那", "这个", "那个", "这些", "那些", "其", "之", "做", "说", "讲",
        "我", "我们", "你", "你们", "他", "他们", "请", "时", "中", "里", "上", "下", "方面",
        "这块", "那块", "块",  # "生产企业那块至少要抽多少批": where in the text, not what
    )
    + TEXT_REFERENCES
    + tuple(d for d in DEMONSTRATIVES if len(d) > 1)  # 本, 该, 此 stay words: as stopwords they cost a CMRC gold answer
)


# Words that name the kind of answer wanted ("which measures", "what forms") rather than its content,
# with the wording by which a sentence typically supplies that kind of answer.
_DIRECTIVE = r"必须|要|应|需要|坚持|加强|强化|深化|推进|建立|完善"
_PURPOSE = r"为了|以便|从而|保持|增强|提高|提升|确保|有利于|能够|有助于"
_MEANS = r"通过|采取|举办|组织|参加|开展|利用|依靠"
ANSWER_TYPES: dict[str, re.Pattern[str]] = {
    word: re.compile(pattern)
    for pattern, words in (
        (_DIRECTIVE, ("举措", "措施", "做法", "办法", "对策", "要求", "任务")),
        (_PURPOSE, ("作用", "意义", "目的", "好处", "效果")),
        (_MEANS, ("形式", "方式", "途径", "渠道", "手段")),
        (r"因为|由于|因此|所以|才能|只有", ("原因", "理由")),
    )
    for word in words
}

# Words that point at a place in the document rather than at its content.
_POSITION_CUES = {
    "总结": "last", "结尾": "last", "结语": "last", "结论": "last", "末尾": "last", "最后一段": "last",
    "开头": "first", "开篇": "first", "引言": "first", "第一段": "first",
}


# A question asking for a quantity or a date can only be answered by a sentence that states one.
_QUANTITY_QUESTION = re.compile(any_of(ASK_AMOUNT) + rf"|{MEASURE_ASKED}|几[天年岁次人名个月号点位家所]|哪一?年|何时|什么时候|几月")
QUANTITY = "数量"
ANSWER_TYPES[QUANTITY] = re.compile(r"\d|[一二三四五六七八九十百千万两半][个名人年月日天岁次项条支位家所%]|百分之|[0-9一二三四五六七八九十]+倍")


_NUMERAL = rf"[\d{CN_NUMERALS}半几]"
_CLASSIFIER = re.compile(rf"(?:{any_of(ASK_HOW_MANY)})([个名人年月日天岁次项条支位家所元块倍])")
_SAME_UNIT = {"名": "名人", "人": "名人", "元": "元块", "块": "元块"}


def _quantity_type(question: str) -> str:
    """'多少人' wants a count of people: '3支队伍' does not answer it; plain '多少' takes any number."""
    unit = _CLASSIFIER.search(question)
    if unit is None:
        return QUANTITY
    units = _SAME_UNIT.get(unit.group(1), unit.group(1))
    key = f"{QUANTITY}:{units}"
    ANSWER_TYPES.setdefault(key, re.compile(f"{_NUMERAL}+[{units}]"))
    return key


@dataclass(frozen=True)
class QuestionTerms:
    words: tuple[str, ...]
    answer_types: tuple[str, ...] = ()
    position: str | None = None
    slot: str | None = None  # the content word the asked-for thing attaches to: 反对 in "要反对什么"


_STOP_CHARS = frozenset(word for word in _STOPWORDS if len(word) == 1)


def is_function_word(word: str) -> bool:
    """Whether a word carries no content: a stopword, or stopwords the segmenter glued together ("应从")."""
    return word in _STOPWORDS or all(ch in _STOP_CHARS for ch in word)


@lru_cache(maxsize=1024)
def segmented(question: str) -> tuple[str, ...]:
    """jieba's words of the normalised question, less any request for the answer's form ("给我列一下"),
    remembered: a question's terms, its typo check and its retry each read them."""
    return tuple(jieba.lcut(REQUESTS.sub(" ", normalize(question))))


def question_terms(question: str) -> QuestionTerms:
    """Content words of the question, in order, without duplicates; answer types and position cues apart."""
    words: list[str] = []
    answer_types: list[str] = []
    position: str | None = None
    slot: str | None = None
    if _QUANTITY_QUESTION.search(question):
        answer_types.append(_quantity_type(question))
    previous = ""
    for token in segmented(question):
        word = token.strip()
        if word in SLOT_INTERROGATIVES and slot is None and words and previous == words[-1]:
            slot = previous  # right before the interrogative: 反对 in "反对什么", not 纪律 in "纪律是什么"
        before, previous = previous, word
        if word in DOCUMENT_WORDS and before in DEMONSTRATIVES:
            continue  # "这份通知最后号召什么": the notice is what is asked about, not a word to find in it
        if not word or word in _STOPWORDS or ASKED_COUNT.fullmatch(word) or asked_unit(before, word) or not (has_cjk(word) or word.isalnum()):
            continue
        if word in _POSITION_CUES:
            position = _POSITION_CUES[word]
        elif word in ANSWER_TYPES:
            answer_types.append(word)
        elif word not in words:
            words.append(word)
    if position == "last":
        words = [word for word in words if word not in _LAST_WORDS]  # "考察组最后给出了什么结论": 最后 is the position said twice
    return QuestionTerms(tuple(words), tuple(answer_types), position, slot)


_LAST_WORDS = ("最后", "最终", "末了")


def warm_up(cache_dir: Path) -> None:
    """Load jieba's dictionary now rather than on the first question, from a fast cache in `cache_dir`."""
    load_dictionary(cache_dir)
