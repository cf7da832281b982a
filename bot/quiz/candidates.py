"""Phrases of a sentence worth blanking: enumeration items, quoted slogans, numbers, idioms, key terms.

A good blank is a phrase a cadre should remember from the text ('专题讲座', '3支', '论资排辈'), not a
function word or a term the whole document repeats ('质量强国').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import jieba.analyse
import jieba.posseg

from bot.quiz.text import Token, cjk_share, clauses, is_idiom, is_nounish, tokens
from ingest.textnorm import CJK
from ingest.zh_text import CN_NUMERALS

ITEM = "item"  # one item of a list: '专题讲座、理论研讨、参观考察', '荣誉感和归属感'
QUOTE = "quote"  # a quoted slogan: “两个维护”
NUMBER = "number"  # a counted or ordinal quantity: '3支', '八项', '第一位'
IDIOM = "idiom"  # a set phrase: '论资排辈', '拒腐防变'
TERM = "term"  # a key noun phrase found by TF-IDF: '激励机制', '人才评价体系'

# Rank of a blank within its sentence: lists, slogans and numbers are what study quizzes ask first.
_BASE_WEIGHT = {QUOTE: 6.0, ITEM: 5.0, NUMBER: 5.5, IDIOM: 3.0, TERM: 2.0}

# Words any reader fills in from grammar alone ('新的质量（问题）', '完善考评（办法）', '涉及（方方面面）'):
# never an answer. The one stop list of the quiz; tests/test_quiz_importance.py keeps it honest.
GENERIC_WORDS = frozenset(
    "问题 时间 办法 平台 方面 工作 渠道 路径 方法 手段 措施 途径 作用 机会 能力 要求 任务 内容 情况 过程 "
    "方向 水平 环境 氛围 力量 形式 方式 基础 条件 因素 目标 重点 关键 领域 活动 精力 事业 形象 效率 "
    "关系 组成部分 归根到底 方方面面 各个方面 至关重要 尤为重要 十分重要 非常重要 坚强有力 强有力 更高要求 新要求 积极性 主动性".split()
)
# Adjective-like tags: before 的 such a phrase only colours the noun, and grammar gives it away.
_ADJECTIVE_FLAGS = ("a", "ad", "an", "z", "b")

MIN_PHRASE_CHARS = 2
MAX_ITEM_CHARS = 16
MAX_TERM_CHARS = 6
MAX_PAIR_SIDE_CHARS = 8

_CLASSIFIERS = "个项支条名次年月日天倍种类批所家位件级%％"
NUMBER_PATTERN = re.compile(rf"(第?)([0-9０-９]+(?:\.[0-9]+)?|[{CN_NUMERALS}]+)([{_CLASSIFIERS}])")
_QUOTE_PATTERN = re.compile(r"“([^“”]{2,40})”|「([^「」]{2,40})」|『([^『』]{2,40})』|\"([^\"]{2,40})\"")
# Where the last item of a list stops: '参观考察等途径', '清正廉洁的好干部', '不同部门之间', '执法干部3支'.
_LIST_END = re.compile(r"等|的|之间|之|这|以及|[0-9０-９]")
_LIST_HEAD = re.compile(rf"^等([{CJK}]{{2,4}}?)(?:[,，;；。、的]|$)")
_CONJUNCTIONS = ("和", "与", "及", "以及")
_LEADING_FUNCTION_FLAGS = ("p", "c", "r", "u")


@dataclass(frozen=True)
class Candidate:
    """A blankable phrase at `start` in its sentence, with what a question about it needs to know."""

    text: str
    start: int
    category: str
    weight: float
    flag: str = ""  # part of speech of its last word, to find distractors of the same kind
    group: tuple[str, ...] = ()  # the whole list an item belongs to
    group_start: int = -1
    group_end: int = -1
    head: str = ""  # the noun a list is 'of': '途径' in '…等途径'
    unit: str = ""  # the classifier of a number: '支' in '3支'
    before: str = ""  # grammatical role of the word before and after it ('de', 'v', 'n', 'x' for a break…),
    after: str = ""  # so distractors can be phrases the documents use in the same kind of slot
    topic: str = ""  # what a list is of, from the words after it: '途径', '质监干部队伍', '原则' ('' = unsaid)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class TermStats:
    """How often phrases occur across the documents' sentences, and how rare words are in general
    Chinese (jieba's IDF table), so blanks favour distinctive terms over ones every sentence repeats."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = list(sentences)
        self._idf = jieba.analyse.default_tfidf.idf_freq
        self._median_idf = jieba.analyse.default_tfidf.median_idf
        self.containing = lru_cache(maxsize=65536)(self._containing)

    def _containing(self, phrase: str) -> tuple[str, ...]:
        """The sentences that contain `phrase` (looked up once per phrase)."""
        return tuple(s for s in self.sentences if phrase in s)

    def df(self, phrase: str) -> int:
        return len(self.containing(phrase))

    def contains(self, phrase: str, text: str) -> bool:
        """Whether the documents contain `text`, which includes `phrase`: only sentences holding the
        phrase are searched."""
        return any(text in s for s in self.containing(phrase))

    def idf(self, word: str) -> float:
        return self._idf.get(word, self._median_idf)

    def is_common(self, phrase: str) -> bool:
        """Repeated so often that a blank of it would be guessed, not recalled."""
        return self.df(phrase) > max(3, len(self.sentences) // 12)


def find_candidates(text: str, stats: TermStats) -> list[Candidate]:
    """Every blankable phrase of a sentence, best first, without overlaps between categories."""
    found = [*_list_items(text), *_quotes(text), *_numbers(text), *_terms(text, stats)]
    found = [
        c
        for c in found
        if text.count(c.text) == 1
        and (c.category == NUMBER or cjk_share(c.text) >= 0.5)
        and not (c.category in (IDIOM, TERM) and stats.is_common(c.text))
        and not is_generic(c.text)
        and not _adjective_before_de(text, c)
    ]
    found.sort(key=lambda c: (-c.weight, c.start, c.text))
    kept: list[Candidate] = []
    for candidate in found:
        if any(_overlaps(candidate, other) and candidate.category != other.category for other in kept):
            continue
        if any(candidate.text == other.text for other in kept):
            continue
        kept.append(
            replace(
                candidate,
                flag=_contextual_flag(text, candidate),
                before=_role(text, candidate.start, -1),
                after=_role(text, candidate.end, 0),
            )
        )
    return kept


def is_generic(phrase: str) -> bool:
    """Whether blanking `phrase` tests grammar, not the material: a generic word of the stop list."""
    return phrase.strip() in GENERIC_WORDS


def _adjective_before_de(text: str, candidate: Candidate) -> bool:
    """'提供（坚强有力）的人才保障': an adjective or set phrase that only modifies the noun after 的."""
    if candidate.category not in (IDIOM, TERM) or text[candidate.end : candidate.end + 1] != "的":
        return False
    inside = [t for t in tokens(text) if candidate.start <= t.start and t.end <= candidate.end]
    return bool(inside) and inside[-1].flag.startswith(_ADJECTIVE_FLAGS)


def _contextual_flag(text: str, candidate: Candidate) -> str:
    """A noun in this sentence stays a noun: the dictionary files '修养' under verbs, but in
    '道德修养和作风建设' jieba tags it as a noun from its context."""
    inside = [t for t in tokens(text) if candidate.start <= t.start and t.end <= candidate.end]
    if inside and inside[-1].flag.startswith("n") and len(inside[-1].word) >= 2:
        return "n"
    return candidate.flag


def _role(text: str, at: int, side: int) -> str:
    """The kind of word just before (side -1) or after (side 0) offset `at`."""
    toks = tokens(text)
    neighbour = next((t for t in toks if (t.end if side else t.start) == at), None)
    if neighbour is None:
        return "x"
    if neighbour.word == "的":
        return "de"
    if neighbour.flag == "x" or not neighbour.word.strip():
        return "x"
    return neighbour.flag[:1]


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


# Lists


def _list_items(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    for group in [*_dunhao_lists(text), *_conjunction_pairs(text)]:
        items, head = group
        names = tuple(t for t, _ in items)
        if not _good_list(names):
            continue
        start, end = items[0][1], items[-1][1] + len(items[-1][0])
        topic = list_topic(text, end)
        for name, offset in items:
            weight = _BASE_WEIGHT[ITEM] + min(len(names), 5) * 0.1
            found.append(Candidate(name, offset, ITEM, weight, tail_tag(name), names, start, end, head, topic=topic))
    return found


def list_topic(text: str, end: int) -> str:
    """The noun phrase right after a list, which says what its members are ('…等途径' -> '途径',
    '…作风优良的质监干部队伍' -> '质监干部队伍', '…四种能力' -> '能力'); '' when a clause break follows."""
    words: list[str] = []
    for tok in tokens(text):
        if tok.start < end:
            continue
        if not words and (tok.word in ("等", "的") or tok.flag in ("m", "q", "mq")):
            continue
        if not (tok.flag.startswith(("n", "a", "b", "j")) or tok.flag in ("vn", "an")):
            break
        words.append(tok.word)
    return "".join(words)


def is_slogan(candidate: Candidate) -> bool:
    """A list of set phrases that names no topic ('锐意进取、开拓创新,为…奋斗'): which phrase stood there
    is a matter of how the slogan goes, not of what the text teaches, so no item asks for it. A list of set
    phrases with a topic ('德才兼备、以德为先的原则', '求真务实、真抓实干的作风') states content."""
    if candidate.category != ITEM or candidate.topic or len(candidate.group) < 2:
        return False
    table = jieba.posseg.dt.word_tag_tab
    return all(table.get(member) in ("i", "l") for member in candidate.group)


def _good_list(names: tuple[str, ...]) -> bool:
    lengths = [len(n) for n in names]
    return (
        len(set(names)) == len(names) >= 2
        and min(lengths) >= MIN_PHRASE_CHARS
        and max(lengths) <= MAX_ITEM_CHARS
        and max(lengths) <= 2.5 * min(lengths)
        and all(cjk_share(n) >= 0.8 for n in names)
    )


def _dunhao_lists(text: str) -> list[tuple[list[tuple[str, int]], str]]:
    """Lists joined by 、, with the first and last item cut to the length of the inner ones."""
    toks = tokens(text)
    found = []
    for cs, ce in clauses(text):
        clause = text[cs:ce]
        if "、" not in clause:
            continue
        parts: list[tuple[int, int]] = []
        start = cs
        for piece in clause.split("、"):
            parts.append((start, start + len(piece)))
            start += len(piece) + 1
        parts[-1:] = _split_last_by_conjunction(text, toks, *parts[-1])
        middles = [text[a:b] for a, b in parts[1:-1]]
        last = _last_item(text, toks, *parts[-1], middles)
        if last is None:
            continue
        reference = sorted(len(m) for m in middles)[len(middles) // 2] if middles else len(last[0])
        first = _first_item(text, toks, *parts[0], reference)
        if first is None:
            continue
        first = _without_leading_verb(toks, first, middles)
        items = [first, *[(text[a:b], a) for a, b in parts[1:-1]], last]
        head = _LIST_HEAD.match(text[last[1] + len(last[0]) : ce])
        found.append((items, head.group(1) if head else ""))
    return found


def _split_last_by_conjunction(text: str, toks: tuple[Token, ...], start: int, end: int) -> list[tuple[int, int]]:
    """'培养、使用和管理的具体要求': the last two items of a list are joined by 和/及/与, not by 、."""
    stop = _LIST_END.search(text, start, end)
    limit = stop.start() if stop else end
    conjunction = next(
        (t for t in toks if start < t.start and t.end < limit and t.word in _CONJUNCTIONS and t.flag == "c"), None
    )
    if conjunction is None:
        return [(start, end)]
    return [(start, conjunction.start), (conjunction.end, end)]


def _last_item(text: str, toks: tuple[Token, ...], start: int, end: int, middles: list[str]) -> tuple[str, int] | None:
    stop = _LIST_END.search(text, start, end)
    cut = stop.start() if stop else end
    if middles:
        reference = sorted(len(m) for m in middles)[len(middles) // 2]
        if abs((cut - start) - reference) > 2:
            ends = [t.end for t in toks if start < t.end <= cut]
            if not ends:
                return None
            cut = min(ends, key=lambda e: (abs(e - start - reference), -e))
    locative = next((t for t in toks if t.end == cut and t.flag == "f" and len(t.word) == 1), None)
    if locative is not None:
        cut = locative.start  # '…、退役军人中选拔': the list ends before the locative '中'
    return (text[start:cut], start) if cut - start >= MIN_PHRASE_CHARS else None


def _first_item(text: str, toks: tuple[Token, ...], start: int, end: int, reference: int) -> tuple[str, int] | None:
    de = text.rfind("的", start, end)
    lower = de + 1 if de >= 0 else start
    starts = [t.start for t in toks if lower <= t.start < end] or [lower]
    # Of two starts as near the others' length, the later: '充分利用报刊、广播电视' lists '报刊', and the
    # words before a list ('充分利用', jieba's noun) belong to the sentence, not to its first item.
    begin = min(starts, key=lambda s: (abs(end - s - reference), -s))
    leading = next((t for t in toks if t.start == begin), None)
    if leading and leading.flag in _LEADING_FUNCTION_FLAGS and end - leading.end >= MIN_PHRASE_CHARS:
        begin = leading.end
    return (text[begin:end], begin) if end - begin >= MIN_PHRASE_CHARS else None


def _without_leading_verb(toks: tuple[Token, ...], first: tuple[str, int], middles: list[str]) -> tuple[str, int]:
    """'加强计量、标准、认证认可' lists nouns after a verb: drop the verb from the first item, unless the
    other items start with verbs too ('推进改革、加强监管') or the rest would be shorter than any of them."""
    text, start = first
    leading = next((t for t in toks if t.start == start), None)
    if leading is None or leading.flag != "v" or not middles:
        return first
    if any(_verb_object_phrase(m) for m in middles):
        return first
    rest = len(text) - len(leading.word)
    if not min(len(m) for m in middles) <= rest <= max(len(m) for m in middles):
        return first
    return text[len(leading.word) :], leading.end


def _verb_object_phrase(phrase: str) -> bool:
    """'加强监管' (verb + noun), unlike '认证认可', which jieba also tags as two verbs."""
    toks = tokens(phrase)
    return len(toks) >= 2 and toks[0].flag == "v" and word_class(toks[1].flag) == "n"


def _conjunction_pairs(text: str) -> list[tuple[list[tuple[str, int]], str]]:
    """'荣誉感和归属感', '年度目标管理和领导干部政绩考核': noun phrases of like size around 和/与/及."""
    toks = tokens(text)
    found = []
    for i, tok in enumerate(toks):
        if tok.word not in _CONJUNCTIONS or tok.flag not in ("c", "p") or i == 0:
            continue
        right_end = i + 1
        while right_end < len(toks) and is_nounish(toks[right_end]):
            right_end += 1
        if right_end == i + 1:
            continue
        right = text[toks[i + 1].start : toks[right_end - 1].end]
        if len(right) > MAX_PAIR_SIDE_CHARS:
            continue
        lefts = []
        j = i - 1
        while j >= 0 and is_nounish(toks[j]) and tok.start - toks[j].start <= MAX_PAIR_SIDE_CHARS:
            lefts.append(toks[j].start)
            j -= 1
        if not lefts:
            continue
        begin = min(lefts, key=lambda s: (abs(tok.start - s - len(right)), -s))
        left = text[begin : tok.start]
        before = text[:begin]
        after = text[toks[right_end - 1].end :]
        if before.endswith("的") and after.startswith("的"):
            continue  # '科技的飞速发展和社会的不断进步' pairs two phrases, not two nouns
        if abs(len(left) - len(right)) > 2:
            continue
        found.append(([(left, begin), (right, toks[i + 1].start)], ""))
    return found


# Quotes and numbers


def _quotes(text: str) -> list[Candidate]:
    found = []
    for match in _QUOTE_PATTERN.finditer(text):
        group = next(g for g in range(1, 5) if match.group(g))
        found.append(Candidate(match.group(group), match.start(group), QUOTE, _BASE_WEIGHT[QUOTE]))
    return found


def _numbers(text: str) -> list[Candidate]:
    found = []
    for match in NUMBER_PATTERN.finditer(text):
        ordinal, numeral, unit = match.groups()
        if (not ordinal and numeral in ("一", "两")) or text[match.end() : match.end() + 1] == "是":
            continue  # '一支队伍', '一项事业' count nothing worth asking; '一是' enumerates
        if not ordinal and text[max(0, match.start() - 1) : match.start()] in ("每", "这", "那"):
            continue
        found.append(Candidate(match.group(0), match.start(), NUMBER, _BASE_WEIGHT[NUMBER], "m", unit=unit))
    return found


# Idioms and key terms

_NOUN_FLAGS = ("n", "nz", "nt", "ns", "nr", "nrt")
# A noun phrase follows a modifier (的), a verb, a preposition, a measure word, a conjunction or a clause break;
# after another noun, a pronoun or an adverb it is part of something larger ('各级领导班子', '始终保持良好').
_BAD_BEFORE = ("n", "r", "d", "a", "b", "f", "t", "z", "m", "q")  # after a number: "八项（规定）" is given away
MAX_TERM_TOKEN_CHARS = 4


def _terms(text: str, stats: TermStats) -> list[Candidate]:
    toks = tokens(text)
    found: list[Candidate] = []
    for tok in toks:
        if is_idiom(tok):
            if _modifier_and_noun(tok):
                continue
            weight = _BASE_WEIGHT[IDIOM] + stats.idf(tok.word) / 12
            found.append(Candidate(tok.word, tok.start, IDIOM, weight, tail_tag(tok.word)))
    run: list[int] = []
    for index, tok in enumerate([*toks, Token("", "x", len(text), len(text))]):
        if index < len(toks) and is_nounish(tok) and not is_idiom(tok):
            run.append(index)
            continue
        if run:
            term = _noun_term(text, toks, run)
            if term is not None:
                phrase = text[term[0].start : term[-1].end]
                rarity = sum(stats.idf(t.word) for t in term) / len(term)
                tag = tail_tag(phrase)
                if word_class(tag) == "n":
                    # Two-character nouns make thinner questions than longer terms.
                    weight = _BASE_WEIGHT[TERM] + rarity / 12 - 0.3 * (stats.df(phrase) - 1) - 0.3 * (len(phrase) < 3)
                    found.append(Candidate(phrase, term[0].start, TERM, weight, tag))
                elif len(phrase) == 4:
                    # '尤为重要', '奖优罚劣': jieba calls them nouns, but they behave like set phrases.
                    found.append(Candidate(phrase, term[0].start, IDIOM, _BASE_WEIGHT[IDIOM] + rarity / 12, tag))
        run = []
    return found


def _modifier_and_noun(tok: Token) -> bool:
    """'各项规定', '各级党委', '重要依据': jieba files them as set phrases (l), yet they are a determiner or
    an everyday adjective (twice as common as jieba's median word, like '重要', '良好'; not '廉洁') before a
    noun; blanking one tests the filler ('各项', '重要') that grammar supplies."""
    if tok.flag != "l" or len(tok.word) != 4:
        return False
    table = jieba.posseg.dt.word_tag_tab
    first, last = table.get(tok.word[:2], ""), table.get(tok.word[2:], "")
    tfidf = jieba.analyse.default_tfidf
    everyday = first == "a" and tfidf.idf_freq.get(tok.word[:2], tfidf.median_idf) < tfidf.median_idf / 2
    return (first == "r" or everyday) and bool(last) and not last.startswith(("v", "a", "d"))


def _noun_term(text: str, toks: tuple[Token, ...], run: list[int]) -> list[Token] | None:
    """A whole noun run of one or two plain nouns ('土壤', '人才强国'), or the long head noun ending a
    longer run ('综合性系统工程' -> '系统工程'): blanking part of a compound leaves a riddle, not a question."""
    before = toks[run[0] - 1] if run[0] > 0 else None
    if before is not None and (before.flag.startswith(_BAD_BEFORE) and before.word != "的" or before.word == "等"):
        return None  # after '等' it names the list ('…等途径'), it is not part of the content
    if before is not None and before.word == "是" and run[0] >= 2 and toks[run[0] - 2].flag == "m":
        return None  # '三是大力弘扬…': an enumerated point opens with its verb, whatever jieba tags it
    words = [toks[i] for i in run]
    too_long = sum(len(t.word) for t in words) > MAX_TERM_CHARS
    if len(words) > 2 or too_long or any(len(t.word) > MAX_TERM_TOKEN_CHARS for t in words):
        words = words[-1:] if len(words[-1].word) >= 3 else []
        before = None
    if not words or any(t.flag not in _NOUN_FLAGS or _locative(t.word) for t in words):
        return None
    if tail_tag(words[-1].word) == "v":
        return None  # '严格执行': jieba calls it a name, the dictionary a verb
    after = toks[run[-1] + 1] if run[-1] + 1 < len(toks) else None
    at_clause_start = run[0] == 0 or toks[run[0] - 1].flag == "x"
    if len(words) == 1 and at_clause_start and after is not None and after.flag.startswith("v"):
        return None  # '大力实施', '重点抓好': a noun used as an adverb
    follows_de = before is not None and before.word == "的"
    if any(_verb_object(t.word) for t in (words if not follows_de else words[1:])):
        return None
    return words


def _locative(word: str) -> bool:
    """'在实践中': a prepositional phrase jieba files under nouns."""
    return len(word) >= 3 and jieba.posseg.dt.word_tag_tab.get(word[0]) == "p"


def _verb_object(word: str) -> bool:
    """'选拔干部', '培养人才', '保持良好': a verb phrase jieba files under nouns."""
    return len(word) >= 4 and jieba.posseg.dt.word_tag_tab.get(word[:2]) == "v"


def word_class(tag: str) -> str:
    """Noun ('n', also verbal and adjectival nouns: '培训', '困难'), verb ('v') or modifier ('a')."""
    if tag.startswith("n") or tag in ("vn", "an"):
        return "n"
    return "v" if tag.startswith("v") else "a"


def tail_tag(phrase: str) -> str:
    """Part of speech of a phrase's last word, as the dictionary files it: '价值观' and '归属感' share 'n'."""
    table = jieba.posseg.dt.word_tag_tab
    for size in (2, 1):
        tag = table.get(phrase[-size:])
        if tag:
            return tag
    inside = tokens(phrase)
    return inside[-1].flag if inside else ""
