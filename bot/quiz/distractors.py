"""Wrong options that look right: phrases of the same kind taken from the same documents.

A distractor is only useful if a cadre who has not read the passage might pick it and one who has would
not: same kind of phrase (another list item for a list item, another idiom for an idiom), about the same
length and shape ('归属感' for '荣誉感'), and never a phrase that the documents also put in that very
place ('为质量强国培养人才' and '为质量强国凝聚共识' are both true sentences).
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

from bot.quiz.candidates import (
    IDIOM,
    ITEM,
    NUMBER,
    NUMBER_PATTERN,
    QUOTE,
    TERM,
    Candidate,
    TermStats,
    word_class,
)
from bot.quiz.text import tokens
from ingest.textnorm import CJK
from ingest.zh_text import CLAUSE_MARKS, QUOTES, SENTENCE_MARKS, cn_numeral

# Which other kinds may stand in when a kind has too few phrases of its own.
_FALLBACK = {
    ITEM: (IDIOM, TERM),
    QUOTE: (ITEM, IDIOM),
    IDIOM: (ITEM, TERM),
    TERM: (ITEM, IDIOM),
    NUMBER: (),
}
_CONTEXT_CHARS = 4
_SCAN = 32  # phrases looked at per kind and length for one answer
_LENGTH_SPREAD = 2  # characters a distractor may be longer or shorter than the answer
_HAN = re.compile(rf"[{CJK}]{{2}}")
_PUNCTUATION = re.compile(rf"[{re.escape(CLAUSE_MARKS + SENTENCE_MARKS + QUOTES)}（）()《》\s]")

_CN_VALUES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


class DistractorPool:
    """Every blankable phrase of the documents, by kind, to draw wrong options from."""

    def __init__(self, candidates: Iterable[Candidate], stats: TermStats) -> None:
        self._stats = stats
        self._by_text: dict[str, Candidate] = {}
        for candidate in candidates:
            known = self._by_text.get(candidate.text)
            if known is None or _KIND_RANK[candidate.category] < _KIND_RANK[known.category]:
                self._by_text[candidate.text] = candidate
        self._phrases = sorted(self._by_text.values(), key=lambda c: (c.category, c.text))
        # Indexes so a pick looks at a bounded number of phrases however large the documents are.
        self._by_shape: dict[tuple[str, int], list[Candidate]] = {}
        self._by_last: dict[str, list[Candidate]] = {}
        for phrase in self._phrases:
            self._by_shape.setdefault((phrase.category, len(phrase.text)), []).append(phrase)
            self._by_last.setdefault(phrase.text[-1], []).append(phrase)
        self._ranked: dict[Candidate, list[str]] = {}

    def pick(
        self, answer: Candidate, sentence: str, question: str, count: int = 3, outsiders: bool = False
    ) -> list[str]:
        """Up to `count` wrong options for `answer`, best first, none of which the text would also allow.

        When the answer's list mates all share a beginning or ending with it ('世界观、人生观、价值观'),
        every distractor must share it too, or the shape alone gives the answer away. With `outsiders`,
        only options that are clearly no member of the answer's list (see `_outsider`).
        """
        pool = self._ranked.get(answer)
        if pool is None:
            pool = self._ranked[answer] = self._rank(answer)
        affixes = _shared_affixes(answer)
        chosen: list[str] = []
        groups: set[tuple[str, ...]] = set()
        for text in pool:
            group = self._by_text[text].group if text in self._by_text else ()
            if group and group in groups:
                continue  # two mates of one list ('不同地区', '不同部门') stand or fall together
            if not all(text.startswith(a) if first else text.endswith(a) for first, a in affixes):
                continue
            if answer.category != NUMBER and near_synonym(_core(answer.text, affixes), _core(text, affixes)):
                continue
            if outsiders and not self._outsider(text, answer):
                continue
            if self._acceptable(text, answer, sentence, question, chosen):
                chosen.append(text)
                groups.add(group)
                if len(chosen) == count:
                    break
        return chosen

    def _outsider(self, text: str, answer: Candidate) -> bool:
        """Whether `text` is clearly not a member of the answer's list: an item of another list of another
        topic, sharing no morpheme with any member. '政治坚定' (of '政治坚定、业务精湛、作风优良的质监干部
        队伍') is no outsider to '信念坚定、为民服务…的好干部': both lists describe a good cadre."""
        other = self._by_text.get(text)
        if other is None or other.category != ITEM or not other.group:
            return False
        if any(near_synonym(member, mate) for member in answer.group for mate in other.group):
            return False
        same_topic = bool(answer.topic and other.topic) and (answer.topic == other.topic or near_synonym(answer.topic, other.topic))
        return not same_topic

    def _rank(self, answer: Candidate) -> list[str]:
        """Candidate distractors for one answer, best first (before the checks against its question)."""
        if answer.category == NUMBER:
            return self._number_options(answer)
        scored = [(self._score(answer, other), other.text) for other in self._nearby(answer)]
        usable = [(score, text) for score, text in scored if score is not None]
        return [text for _, text in sorted(usable, key=lambda p: (-p[0], _tie_break(answer.text, p[1])))]

    def _nearby(self, answer: Candidate) -> list[Candidate]:
        """Phrases worth scoring: those ending like the answer and, from each kind and length that may
        stand in for it, a slice that starts at a place fixed by the answer (all of them in small documents)."""
        start = _tie_break(answer.text, "")
        found: dict[str, Candidate] = {}
        for group in (
            self._by_last.get(answer.text[-1], []),
            *(
                self._by_shape.get((category, size), [])
                for category in (answer.category, *_FALLBACK[answer.category])
                for size in range(len(answer.text) - _LENGTH_SPREAD, len(answer.text) + _LENGTH_SPREAD + 1)
            ),
        ):
            for i in range(min(len(group), _SCAN)):
                phrase = group[(start + i) % len(group)]
                found.setdefault(phrase.text, phrase)
        return [found[text] for text in sorted(found)]

    def _score(self, answer: Candidate, other: Candidate) -> float | None:
        if other.category == answer.category:
            score = 4.0
        elif other.category in _FALLBACK[answer.category]:
            score = 0.0
        else:
            return None
        a, b = answer.text, other.text
        if abs(len(a) - len(b)) > max(2, len(a) // 2):
            return None
        if answer.flag and other.flag and _word_class(answer.flag) != _word_class(other.flag):
            return None  # an option must at least be the same part of speech
        if _shape(a) != _shape(b):
            return None  # '有能力' (verb + noun) beside '活力', '清清白白做人' beside '年度目标管理': another kind
        score -= 1.5 * abs(len(a) - len(b))
        if a[-1] == b[-1]:
            score += 2.0  # same head: '归属感' / '荣誉感', '评价体系' / '激励机制' is weaker
        if a[0] == b[0]:
            score += 0.5
        if answer.flag and _word_class(answer.flag) == _word_class(other.flag):
            score += 2.0  # noun for noun, verb for verb: the option must at least fit the sentence
        if answer.head and answer.head == other.head:
            score += 0.5
        score += 1.0 * (answer.before == other.before) + 1.0 * (answer.after == other.after)
        return score

    def _acceptable(self, text: str, answer: Candidate, sentence: str, question: str, chosen: list[str]) -> bool:
        if not text.strip() or text in sentence or text in question:
            return False
        if answer.text in text or text in answer.text:
            return False
        if any(text in other or other in text for other in chosen):
            return False
        # A list mate of a phrase the text puts in the answer's place ('队伍的凝聚力和向心力') is as true there.
        mates = self._by_text[text].group if text in self._by_text else ()
        return not any(self._fits_in_place(phrase, answer, sentence) for phrase in (text, *mates) if phrase != answer.text)

    def _fits_in_place(self, text: str, answer: Candidate, sentence: str) -> bool:
        """Whether the documents put `text` next to the same words as the answer ('队伍的' + '凝聚力'), or
        next to the words around the answer's whole list ('保持队伍的' + '活力和战斗力' beside '增强队伍的
        凝聚力和向心力'): then a cadre could rightly say the text supports it too."""
        spans = [(answer.start, answer.end)]
        if answer.group_start >= 0:
            spans.append((answer.group_start, answer.group_end))
        for start, end in spans:
            left = _PUNCTUATION.split(sentence[max(0, start - _CONTEXT_CHARS) : start])[-1]
            right = _PUNCTUATION.split(sentence[end : end + _CONTEXT_CHARS])[0]
            if any(self._stats.contains(text, left[-size:] + text) for size in _context_sizes(len(left))):
                return True
            if any(self._stats.contains(text, text + right[:size]) for size in _context_sizes(len(right))):
                return True
        return False

    def rhetorical_ordinal(self, answer: Candidate) -> bool:
        """'把人民群众的利益放在第一位': an ordinal the documents use alone ranks nothing, it stresses, and
        anyone fills it in; an ordinal is worth asking only where the documents count several."""
        if answer.category != NUMBER or not answer.text.startswith("第"):
            return False
        return not any(
            c.category == NUMBER and c.unit == answer.unit and c.text.startswith("第") and c.text != answer.text
            for c in self._by_shape.get((NUMBER, len(answer.text)), [])
        )

    def _number_options(self, answer: Candidate) -> list[str]:
        """Numbers of the documents with the same measure word first, then nearby values in the same script."""
        ordinal_answer = answer.text.startswith("第")
        same_unit = [
            c.text
            for c in self._phrases
            if c.category == NUMBER
            and c.unit == answer.unit
            and c.text.startswith("第") == ordinal_answer
            and _is_year(c.text) == _is_year(answer.text)  # '十年' is a span of time, '2025年' a date
        ]
        match = NUMBER_PATTERN.fullmatch(answer.text)
        if match is None:
            return same_unit
        ordinal, numeral, unit = match.groups()
        value = _value(numeral)
        if value is None:
            return same_unit
        chinese = not numeral[0].isdigit()
        step = 1 if _is_year(answer.text) or chinese else _round_step(value)  # '二十年' would contain '十年'
        nearby = sorted(
            {value + k * step for k in (-1, 1, 2, -2, 3) if value + k * step > 0} - {value},
            key=lambda v: (abs(v - value), v),
        )
        generated = []
        for v in nearby:
            if chinese and not (isinstance(v, int) and 1 <= v <= 99):
                continue
            numeral_text = ("两" if v == 2 and not ordinal else cn_numeral(v)) if chinese else v  # '两年', '第二位'
            generated.append(f"{ordinal}{numeral_text}{unit}")
        return [*same_unit, *generated]


_KIND_RANK = {QUOTE: 0, ITEM: 1, NUMBER: 2, IDIOM: 3, TERM: 4}


def _context_sizes(available: int) -> range:
    """Three or four neighbouring characters; two only when that is the whole clause fragment, since
    two characters such as '部的' occur all over the documents."""
    return range(2 if available == 2 else 3, available + 1)


def _tie_break(answer: str, option: str) -> int:
    """Equally good distractors are ordered differently for each answer, so the same few words do not
    turn up in every question."""
    return zlib.crc32(f"{answer}\x1f{option}".encode())


_word_class = lru_cache(maxsize=256)(word_class)


@lru_cache(maxsize=8192)
def _shape(phrase: str) -> tuple[str, str]:
    """Word classes of a phrase's first and last word as it is cut in context."""
    words = tokens(phrase)
    if not words:
        return ("", "")
    return (word_class(words[0].flag), word_class(words[-1].flag))


def near_synonym(a: str, b: str) -> bool:
    """Whether two phrases share a morpheme of two characters ('尤为重要' / '至关重要' share '重要',
    '政治坚定' / '信念坚定' share '坚定'): then one reads as a variant of the other, and whatever makes one
    right makes the other look right too, so neither can be the wrong option beside the other."""
    return bool(_morphemes(a) & _morphemes(b))


@lru_cache(maxsize=8192)
def _morphemes(phrase: str) -> frozenset[str]:
    """Every run of two Chinese characters in the phrase."""
    return frozenset(phrase[i : i + 2] for i in range(len(phrase) - 1) if _HAN.fullmatch(phrase[i : i + 2]))


def _core(phrase: str, affixes: list[tuple[bool, str]]) -> str:
    """The phrase without the beginning or ending every member of the answer's list shares ('质量…干部'):
    that shape is required of every option, so it says nothing about meaning."""
    for first, affix in affixes:
        if first and phrase.startswith(affix):
            phrase = phrase[len(affix) :]
        elif not first and phrase.endswith(affix):
            phrase = phrase[: len(phrase) - len(affix)]
    return phrase


def _shared_affixes(answer: Candidate) -> list[tuple[bool, str]]:
    """The beginning or ending the answer shares with all of its list mates ('不同' of '不同地区、不同部门',
    '力' of '凝聚力和向心力'): a reader who knows the list's shape would rule out any option without it."""
    if answer.category != ITEM or len(answer.group) < 2:
        return []
    prefix = os.path.commonprefix(list(answer.group))
    suffix = os.path.commonprefix([m[::-1] for m in answer.group])[::-1]
    return [(first, affix) for first, affix in ((True, prefix), (False, suffix)) if affix]


def _is_year(text: str) -> bool:
    """'2025年' names a year; '3年', '十年' count years."""
    return bool(re.fullmatch(r"[0-9０-９]{4}年", text))


def _round_step(value: float) -> int:
    """Policy figures are round ('精简30%', '2000元'): their wrong options are as round (20%, 40%), since
    '29%' beside '30%' gives the answer away."""
    for step in (1000, 100, 10, 5):
        if isinstance(value, int) and value % step == 0 and 2 * step <= value:
            return step
    return 1


def _value(numeral: str) -> float | None:
    if numeral[0].isdigit():
        try:
            return float(numeral) if "." in numeral else int(numeral)
        except ValueError:
            return None
    return _CN_VALUES.get(numeral)
