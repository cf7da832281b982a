"""What kind of answer a question asks for, and the words it asks about.

"海宁西站哪一年启用？" wants a year and "赵鹏是什么职业呀" a category: a sentence without a year cannot
answer the first. The answer type comes from the interrogative (哪年, 多少, 谁, 为啥 …) and, after
什么/哪 + a noun, from that noun and its jieba part-of-speech tag; the focus terms are the question's
content words without interrogatives and fillers. `has_type` tells whether a candidate sentence holds
something of the asked type. Both run per question and per candidate, so they are regexes plus one
jieba.posseg pass, using jieba's default tokenizer (its dictionary loaded by bot.jieba_dictionary).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import permutations
from types import ModuleType

import jieba

from bot.jieba_dictionary import in_dictionary
from ingest.textnorm import CJK_RUN, normalize
from ingest.zh_text import (
    ASIDE,
    COMMON_SURNAMES,
    CJK,
    DATE_UNITS,
    ASK_AMOUNT,
    ASK_HOW_MANY,
    CASUAL_FILLERS,
    CASUAL_VERBS,
    QUOTED_TITLE,
    REQUESTS,
    ROLE_WORDS,
    MEASURE_WORDS,
    OFFICIAL_TITLES,
    ASK_LIST,
    ASK_WHAT,
    ASK_WHICH,
    ASK_WHY,
    ASK_YES_NO,
    ASK_WHO,
    NAMED_AS,
    ASKED_COUNT,
    asked_unit,
    MEASURE_ASKED,
    MEASURES_ASKED,
    LATEST,
    LATEST_LINKS,
    CLAUSE_ENDS,
    cn_number,
    compound_halves,
    CN_DIGITS,
    ADDRESS_PREFIXES,
    ADDRESS_SUFFIXES,
    CN_NUMERALS,
    COUNT_COUNTERS,
    GREETINGS,
    POST_SHORT_FORMS,
    POST_TITLES,
    COUNTERS,
    INTERROGATIVES,
    QUESTION_PARTICLES,
    QUESTION_WORDS,
    SHARES,
    TEXT_REFERENCES,
    any_of,
)

jieba.setLogLevel(logging.WARNING)

PERSON = "person"
ORGANISATION = "organisation"
PLACE = "place"
TIME = "time"  # a date, a year, a period
NUMBER = "number"  # a count, a quantity, a percentage, a duration
DEFINITION = "definition"  # what something is: a definition, a category, a description
REASON = "reason"
METHOD = "method"
YES_NO = "yes_no"  # yes or no, or a choice between named options
LIST = "list"
NONE = "none"  # a thing or a fact of no particular type
ANSWER_TYPES = (PERSON, ORGANISATION, PLACE, TIME, NUMBER, DEFINITION, REASON, METHOD, YES_NO, LIST, NONE)
# Answer types a sentence can be checked for: a quote without one cannot answer the question.
TYPED = (PERSON, ORGANISATION, PLACE, TIME, NUMBER)
# Nouns that, after 什么/哪/何 (哪个国家, 什么公司, 什么时候), name the type of the answer.
_HEAD_NOUNS: dict[str, tuple[str, ...]] = {
    TIME: ("时候", "时间", "年代", "年份", "日期", "时期", "朝代", "世纪", "月份", "季节", "时刻", "年", "月", "天", r"日(?!子)", "朝"),  # 什么日子 asks a named day (世界邮政日) as often as a date
    PLACE: (
        "地方", "地区", "国家", "城市", "省份", "地点", "位置", "区域", "大洲", "岛屿", "县区", "区县", "市县", "县市", "乡镇",
        "省", "市", "县", "州", "国",
        "洲", "岛", "地", "城", "镇", "村", "山", "河", "湖",
    ),
    ORGANISATION: (
        "公司", "企业", "机构", "组织", "部门", "单位", "大学", "学校", "学院", "政党", "球队", "俱乐部", "银行",
        "媒体", "电视台", "出版社", "医院", "团体", "乐队", "集团", "工作室", "厂商", "报社", "网站", "军队",
        "部队", "协会", "政府", "队",
    ),
    PERSON: (
        "人物", "作者", "导演", "演员", "歌手", "球员", "教练", "皇帝", "国王", "创始人", "领导人", "发明人",
        "设计师", "主角", "人", "位",
    ),
}
_WH = rf"(?:{any_of(ASK_WHAT)}|哪[一几]?[个家所座位种些]?|(?<![任如为几])何)"
# A name of one or two characters between 哪 + classifier and a noun of two or more: 哪家日本公司, 哪个朝鲜领导人
# (not after 什么/何, which a verb may follow: 什么叫时间管理; not 用什么泡封敌人: 人 alone could end any word).
_WHICH = "哪[一两三四五六七八九几]?[个家所座位种些支条]"
_MODIFIER = r"(?:(?![的是在了和与或及])[\u4e00-\u9fff]){0,2}?"
_COMPOUND = "际位气然赋才民众下方面本鲜轻亮"  # 国际, 地位, 天气, 日本, 年轻: a one-character head noun that starts a longer word


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# Counters asked for that are no counters in text: 起, 批, 回 and 遍 also begin words (一起, 批评, 回应, 遍布), and 趟 is
# seldom written in policy prose. 几回, 几趟 and 几遍 ask how often, as 几次 does; a text's 三遍 is therefore no count
# (zh_text.COUNTERS lacks them), its 3遍 and 42次 are.
ASKED_ONLY_COUNTERS = "起宗例批回趟遍"
YEAR_ASKED = r"哪一?年|何年"  # a when question asking for a year, which a period (新时期) does not answer
# The units a head (…长) leads, as a post with a deputy (局长, 副局长); a place's head (市长, 村长) besides.
POST_UNITS = "组局处科股校院厅部社队团班所站"
# People asked for by their role and name: 组长叫什么名字, 校长是谁 (not 这首歌叫什么名字).
_PERSON_ROLES = (
    f"[{POST_UNITS}市县镇村]长|[者员师]|负责人|联系人|发言人|主持人|同志|主任|书记|主角|主席|总理|总统|经理|"
    "弟弟|哥哥|姐姐|妹妹|儿子|女儿|父亲|母亲|妻子|丈夫|女性|男性"
)
# The name of whoever holds a post asked for (处长是谁, 队长叫啥名字, 负责人的姓名是什么, 谁是组长, 组长由谁担任,
# 由哪位领导担任组长, 哪位局长牵头).
_ROLE_NAME_ASKED = (
    rf"(?:{_PERSON_ROLES})(?:分别|都)?(?:是谁|是哪位|由谁(?:担任|出任|兼任)|叫(?:什么|啥)(?:名字)?|的?(?:名字|姓名)(?:叫|是)?(?:什么|啥)?)"
    rf"|(?:谁|哪一?位[{CJK}]{{0,3}}?)(?:来)?(?:是|担任|任|出任|兼任)[^，,。？?]{{0,12}}?(?:{_PERSON_ROLES})[？?。！!\s]*$"
    rf"|由哪一?位副?(?:[{POST_UNITS}]长|主任|书记|主席|经理)|哪一?位副?(?:[{POST_UNITS}]长|主任|书记|主席|经理)(?:来)?(?:牵头|负责|担任|主持|分管)"
)
_ASKS_NAMED = re.compile(_ROLE_NAME_ASKED)
_WHAT = f"(?:{any_of(ASK_WHAT)})"  # 什么 or its casual 啥: 叫啥, 啥样的, 用啥办法 ask as 叫什么, 什么样的, 用什么办法 do
# Checked in order: the first rule that matches gives the type.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (answer_type, re.compile(pattern))
    for answer_type, pattern in (
        (YES_NO, any_of(ASK_YES_NO) + "|还是"),
        (REASON, r"(?<![算称叫成为变当之])(?:" + any_of(ASK_WHY) + ")" + rf"|怎么会|何故|{_WHAT}原因|原因是|缘故|理由"),
        (NUMBER, any_of(ASK_AMOUNT) + rf"|(?<![哪那这近头])(?<!(?<!提)前)(?<!(?<![抓做搞办管干])好)几[{COUNT_COUNTERS}{ASKED_ONLY_COUNTERS}]|第几|{MEASURE_ASKED}|{any_of(SHARES)}|百分之几"),
        (TIME, rf"什么时候|啥时候?|多会儿?|(?<!任)何时|几时|{YEAR_ASKED}|哪一?天|几月|几号|(?<!哪)几点|哪个月|何日|生日|出生日期"),
        (PERSON, rf"谁|哪位|(?<!任)何人|{_ROLE_NAME_ASKED}|姓{_WHAT}"),
        (PLACE, r"哪里|哪儿|(?<!任)何处|(?<!任)何地|[在去]哪(?![一个些几部次场本种位家所座])|哪边|位于何|来自哪"),
        (ORGANISATION, r"哪一?家(?![人里])"),  # 定的是哪家, 由哪家承担: a company, a body
        (LIST, any_of(ASK_LIST) + rf"|有几[个种项方]|(?:包括|包含|分为|都有){_WHAT}"),
        (METHOD, rf"怎么做|怎么办|如何|怎样(?!的)|怎么(?!样的|回事)|咋|{_WHAT}(?:方法|方式|办法|途径)|(?:通过|采取){_WHAT}"),
        (DEFINITION, rf"{_WHAT}是|(?:是|指|叫|称为){_WHAT}|{_WHAT}(?:意思|样)|含义|定义|怎样的|怎么样的"),
        (YES_NO, r"(?:吗|嘛|(?<![什怎那这多要])么)[？?！!。\s]*$"),
    )
)
# Each head-noun type's "什么/哪 + noun" pattern: checked before the rules above, since 哪个国家 is a place.
_HEAD_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        answer_type,
        re.compile(
            rf"(?:{_WH}(?:{_alternation(nouns)})|{_WHICH}{_MODIFIER}(?:{_alternation(tuple(n for n in nouns if len(n) > 1))}))(?![{_COMPOUND}])"
        ),
    )
    for answer_type, nouns in _HEAD_NOUNS.items()
)
_ASK_WHICH_PERSON = re.compile(rf"哪[{CN_DIGITS}两几]?位(?!置)")  # before the head nouns: 哪位导演在哪一年获奖 asks who
_HEAD_ASKERS = frozenset((*ASK_WHAT, *ASK_WHICH, "哪个", "何"))  # as jieba cuts them off the noun after them
_CATEGORY = re.compile(rf"(?:是|当|做|干)(?:{any_of(ASK_WHAT)})(?!时候|时间|地方)")  # 是什么职业: the category of something
# Words that ask or pad rather than say what the question is about.
_FILLERS = INTERROGATIVES | frozenset(
    QUESTION_WORDS
    + QUESTION_PARTICLES
    + (
        "的", "了", "地", "得", "是", "在", "有", "和", "与", "及", "或", "把", "被", "对", "从", "到", "给", "由",
        "就", "都", "也", "还", "又", "这", "那", "这个", "那个", "其", "之", "我", "我们", "你", "你们", "他",
        "她", "它", "他们", "想", "知道", "问", "问问", "告诉", "能", "会", "要", "应", "应该", "需要", "即", "请",
        "一下", "这样", "那样", "多长",
    )
    + ASK_AMOUNT  # 多长时间 asks as 多久 does
    + CASUAL_VERBS
    + CASUAL_FILLERS
    + TEXT_REFERENCES
)
CONTENT_TAGS = ("n", "v", "a", "t", "s", "i", "j", "l", "m", "eng", "b", "z", "g")


@dataclass(frozen=True)
class QuestionAnalysis:
    """The expected answer type and the content words ("focus") of one question."""

    question: str
    answer_type: str
    focus: tuple[str, ...]
    places: tuple[str, ...] = ()  # the places it names, as jieba's tagger reads them (东城区, 云台 of 云台县)
    # Focus compounds of two words jieba kept whole and tagged a common word, not a name (基层干部, not 国际联盟): the
    # materials may say them apart (减轻基层负担,让干部…).
    common_compounds: tuple[str, ...] = ()


@cache
def jieba_tagger() -> ModuleType:
    """jieba's tagger, imported on first use: its word-tag table (~45 MB) is no concern of an ingest."""
    import jieba.posseg

    return jieba.posseg


def leans_on_clause_before(clause: str) -> bool:
    """Whether a clause asks where, from where, to or by whom without naming of what (在哪个质监局工作, 从哪年开始, 由谁负责):
    after another clause it asks of that one's subject ("这篇文章的作者是谁，在哪个质监局工作"), not on its own. A clause
    opening on a topic (关于统一思想文章怎么说, 对于年轻干部有什么要求) stands alone; one asking only what the text says
    ("质监干部怎样守住不贪不占的底线，文章有什么要求"), or what the asker should do ("…，想结合文章内容说说自己该怎么做"),
    asks it of the clause before."""
    return asks_detail_of_clause_before(clause) or _TEXT_SAYS_ONLY.fullmatch(clause) is not None


def asks_detail_of_clause_before(clause: str) -> bool:
    """Whether a clause asks where, from where, to or by whom of the clause before's subject ("作者是谁，在哪个质监局工作"):
    the two ask one thing together, not two."""
    return _LEANS_ON_BEFORE.match(clause) is not None


_LEANS_ON_BEFORE = re.compile(r"在(?:哪(?:里|儿|个)?(?![些种])|何处)|由(?:谁|哪)|从哪|到哪|向谁|跟谁")
_TEXT_SAYS_ONLY = re.compile(
    r"(?:那|那么)?(?:(?:文章|文中|原文|作者|材料)(?:里|中|对此|在这方面)?|都|又)(?:是|都)?(?:有|提出了?|提了|是)?(?:什么|啥|哪些|怎么|如何|怎样)(?:要求|说法|规定|看法|说|讲|写)的?[呢吗啊呀]?"
    r"|(?:文章|文中|原文|作者|材料)(?:里|中)?(?:说|讲|认为)?(?:该|应该|要)?(?:咋办|怎么办|如何办|怎么处理|咋处理)[呢吗啊呀]?"
    # "文中有没有提到年轻干部？怎么说的", "…都在哪儿，分别怎么说的": how the text says what the clause before names
    # (a plain 说了什么 after 这篇文章是谁写的 asks the summary: tried alone)
    r"|(?:那|那么)?(?:(?:分别|具体|都|又|各自)?(?:是)?(?:怎么|如何|怎样|咋)(?:说|讲|写|论述|表述)的?|(?:分别|具体|都|又|各自)(?:说|讲|写)了(?:些)?(?:什么|啥))[呢吗啊呀]?"
    # "…有哪些要求？想结合文章内容说说自己该怎么做": what the asker should do by what the clause before asks
    r"|(?:我?想)?(?:结合(?:文章|原文|全文)(?:内容)?)?(?:说说|谈谈|讲讲)?(?:自己|我|我们)(?:该|应该|要)?(?:怎么做|如何做|咋做|怎么办|咋办)[呢吗啊呀]?"
)


@lru_cache(maxsize=4096)
def analyse(question: str) -> QuestionAnalysis:
    """The answer type and focus terms of `question` (cached: the same question is analysed once)."""
    asked = REQUESTS.sub(" ", normalize(question).strip())  # typed on the text jieba cuts, where its words' places are
    words = [(pair.word, pair.flag) for pair in jieba_tagger().lcut(asked)]
    focus = _focus(words)
    compounds = tuple(word for word, tag in words if word in focus and compound_halves(word) and tag in _COMMON_TAGS)
    return QuestionAnalysis(question=question, answer_type=_answer_type(asked, words), focus=focus, places=_places(words), common_compounds=compounds)


_LEVELS = ("地区", "区", "县", "市", "省", "镇", "乡", "州")  # what a place's name ends with: 东城区, 云台县
PLACE_LEVELS = frozenset(level for level in _LEVELS if len(level) == 1) | {"郡", "村"}  # a level in one character


def _places(words: list[tuple[str, str]]) -> tuple[str, ...]:
    """The places a question names by a name and its level (东城区; 云台 县 as jieba cuts 云台县): a word tagged as a
    place alone is too often none (东西, things)."""
    found = []
    for at, (word, tag) in enumerate(words):
        after = words[at + 1][0] if at + 1 < len(words) else ""
        named = word + after if after in _LEVELS else word
        if tag.startswith("ns") and named.endswith(_LEVELS):
            found.append(named)
    return tuple(found)


def place_names(place: str) -> tuple[str, ...]:
    """How a text may name a place a question names: in full, or without its level (西藏地区: 西藏; 东城区: 东城). A
    name of one character left (新区: 新) names nothing."""
    core = re.sub(rf"(?:{'|'.join(_LEVELS)})$", "", place)
    return tuple(name for name in dict.fromkeys((place, core)) if len(name) >= 2)


def _answer_type(text: str, words: list[tuple[str, str]]) -> str:
    spans = _word_spans(words)
    for answer_type, pattern in _RULES[:2]:  # 是不是 and 为什么 frame the whole question
        if any(answer_type != REASON or not _asks_what(text, match, words, spans) for match in pattern.finditer(text)):
            return answer_type
    head = _head_type(text, words)
    if head:
        return head
    for answer_type, pattern in _RULES[2:]:
        if any(not _inside_word(match, spans) for match in pattern.finditer(text)):
            return answer_type
    return DEFINITION if _CATEGORY.search(text) else NONE


def _asks_what(text: str, match: re.Match[str], words: list[tuple[str, str]], spans: list[tuple[int, int]]) -> bool:
    """Whether a match of the reason rule is 为 + 什么 (as what), not why."""
    return _opens_inside_word(match, spans) or _named_as(text, match, words, spans)


def _named_as(text: str, match: re.Match[str], words: list[tuple[str, str]], spans: list[tuple[int, int]]) -> bool:
    """Whether a 为什么 is 为 + 什么 after a verb naming something as (zh_text.NAMED_AS), the clause ending there or a
    noun following (被列为什么级别): 被译为什么 asks what, 这个数列为什么收敛 why."""
    if match.group() not in ASK_WHY or NAMED_AS.search(text[: match.start()]) is None:
        return False
    if CLAUSE_ENDS.match(text, match.end()) is not None:
        return True
    after = next((tag for (first, _), (_, tag) in zip(spans, words) if first >= match.end()), "")
    return after.startswith("n")


def _opens_inside_word(match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """Whether jieba joins the match's first character to the word before it: the 为 of 作为/什么 (as what), not of
    工作/为什么 or 著作/为什么, which ask why."""
    return any(first < match.start() < last for first, last in spans)


def _word_spans(words: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Where each of jieba's words starts and ends in the text it was cut from."""
    spans, at = [], 0
    for word, _ in words:
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


def _inside_word(match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """多大 in 科罗拉多大学, 多伦多大学, 多高 in 差不多高: a 多 inside a word jieba keeps, which it neither opens nor ends with
    the measure after it, asks nothing; one that ends the word jieba joined it to (湖有多深: 有多深, 还剩多厚: 剩多厚) asks."""
    if not match.group().startswith("多"):
        return False
    first, last = next(((first, last) for first, last in spans if first <= match.start() < last), match.span())
    return first != match.start() and last != match.end()


def _head_type(text: str, words: list[tuple[str, str]]) -> str | None:
    """The type named by the noun after 什么/哪: from the noun lists, else from its part-of-speech tag."""
    if _ASK_WHICH_PERSON.search(text):  # 哪位日本作家: 位 counts people, whatever noun comes next
        return PERSON
    for answer_type, pattern in _HEAD_RULES:
        if pattern.search(text):
            return answer_type
    for (word, _), (noun, tag) in zip(words, words[1:]):
        if word in _HEAD_ASKERS and len(noun) > 1:  # jieba tags a lone 目 (哪个目) as a time word
            return {"t": TIME, "ns": PLACE, "nt": ORGANISATION, "nr": PERSON}.get(tag)
    return None


_MEASURE_ENDING = re.compile(f"{MEASURE_ASKED}$")  # a word jieba joined to the 多 of a measure asked


def _focus(words: list[tuple[str, str]]) -> tuple[str, ...]:
    """Content words in order, once each: nouns, verbs, adjectives, numbers, names; no interrogatives (nor the 多 of
    多高, alone or joined to a word)."""
    focus: list[str] = []
    previous = ""
    for at, (word, tag) in enumerate(words):
        word, asked_count = word.strip(), (previous == "哪" and tag.startswith("m")) or asked_unit(previous, word.strip())  # 哪 两位, 多少 钱: the count is asked too
        before, previous = previous, word
        following = words[at + 1] if at + 1 < len(words) else ("", "x")
        if (measured := _MEASURE_ENDING.search(word)) is not None and not following[1].startswith(CONTENT_TAGS):
            word = word[: measured.start()]  # 有多重？, 还剩多厚？: what stands before the measure asked (not 多重 of 多重保障)
        if (
            not word or word in _FILLERS or word in focus or not tag.startswith(CONTENT_TAGS) or _asks(word, tag) or asked_count
            or (word == "多" and following[0][:1] in MEASURES_ASKED)  # 多 高, 多 远: what it measures stays
            or ((word in LATEST or before + word in LATEST) and _asked_next(words, at))  # 最晚 啥时候, 最晚 是 什么时候
        ):
            continue
        focus.append(word)
    return tuple(focus)


_ASKING_START = re.compile(any_of((*ASK_WHAT, *ASK_WHICH, "何", *ASK_HOW_MANY, *ASK_AMOUNT, "多会")))  # 啥时候, 哪天, 几号
# jieba's tags of a common word two words may say apart: a noun or verb, not a name or a number (三分之一).
_COMMON_TAGS = ("n", "v", "vn", "an")


def _asked_next(words: list[tuple[str, str]], at: int) -> bool:
    """Whether the question asks right after word `at`, or after a linking 是, 要 … there."""
    after = [word for word, _ in words[at + 1 : at + 3]]
    if after and after[0] in LATEST_LINKS:
        after = after[1:]
    return bool(after) and _ASKING_START.match(after[0]) is not None


def _asks(word: str, tag: str) -> bool:
    """An interrogative that jieba joined with its noun, classifier or verb: 哪些地方, 哪一类, 几门, 谁来管."""
    return any(part in word for part in (*ASK_WHICH, *ASK_WHO, "啥")) or (word.startswith("几") and tag.startswith("m")) or ASKED_COUNT.fullmatch(word) is not None


# What a sentence must hold to answer each type. Types with no pattern here are not checked.
ARABIC = r"[0-9０-９]"
UNITS = COUNTERS + "%％万亿千百十"
_SPAN_WORDS = "经过|今后|未来|过去|最近|连续|至少|每隔|力争|历时|持续|长达|此后|随后|先后|前后|近|约"
# Where a reign year (崇宁五年) opens a clause, or follows 于/在/至…: not after 经过, 今后 (spans).
CLAUSE_OPENING = rf"(?:(?<![\u4e00-\u9fff])|(?<=[于在至到自从]))(?!{_SPAN_WORDS})"
_LIFE_STAGES = r"[高初][一二三]|[大中小]学|上学|读书|年轻|小|童年|少年|青年|中年|晚年|生前"
_SEASONS = "春夏秋冬"
_DYNASTIES = "唐宋元明清汉秦隋晋"  # by the one character a dynasty is named with (宋代, 元末, 宋、元两代)
YEAR_OR_DATE = re.compile(
    rf"{ARABIC}{{1,4}}\s*[{DATE_UNITS}]|[{CN_DIGITS}]{{2,4}}年|[{CN_NUMERALS}]{{1,3}}[月日号]|世纪|年代|年间|时期|朝|[{_SEASONS}][季天]|"
    # A part of a season (晚春或初夏开花; not 今晚春晚, 资深秋季), a wet or dry season (not 降雨季节性), a life stage's 的时候
    # (高二的时候拍了…; not 执行任务的时候, which says how, not when).
    rf"(?<![今昨明前夜傍资])[早晚初暮仲孟深盛][{_SEASONS}]|(?<!降)[雨旱]季(?!节)|(?:{_LIFE_STAGES})的时候|"
    r"[前后]\s*\d+\s*个?多?(?:天|日|周|星期|月|年|小时|分钟|工作日|季度|世纪)|公元|元年|时代|[上下]午|凌晨|\d{1,2}[:：]\d{2}|"
    rf"[{_DYNASTIES}][代朝末初]|[{_DYNASTIES}]、?[{_DYNASTIES}][两三]?[代朝]|"
    r"先秦|[东西]汉|[东西]晋|三国|南北朝|[南北]朝[宋齐梁陈]|[南北]宋|北魏|民国|[东西]周|战国|"
    # An hour of the day (晚间七时、九时及十一时): not 一时 (for a while), 四时 (the seasons), 十二时辰, 时间, 时期.
    r"(?:[二三五六七八九]|十[一二]?)时(?![间期候代刻辰节令])|"
    # Periods of other kinds: geological (中元古代, 古新世), of a span (晚期), before now, of a life (九岁,
    # 十八岁开始), in a day, a week or a year (平日早上, 清明节).
    r"[太元]古代|[古中新]生代|[古始渐中上新更全]新世(?!界)|[早中晚]期|年前|岁(?!月)|[夏冬]至|[春秋]分|正午|中午|午夜|傍晚|"
    r"清晨|早上|晚上|夜间|夜晚|白天|日间|黎明|黄昏|平日|周末|工作日|假日|节日|春节|元宵|清明节|端午|中秋|重阳|除夕|国庆|圣诞|"
    r"\d{1,2}\s*时(?![间期代候])|"
    # A time counted from an event, as rules set deadlines: 任职后一年内, 三个月内, 15个工作日内, 届满前.
    rf"[{CN_NUMERALS}\d]+个?(?:年|月|日|天|周|星期|小时|工作日)(?:内|以内|之内|后|以后|之后|前|以前|之前)|届满|"
    # How policy prose dates things: 党的十八大以来, 十八届三中全会以来, 同年, 次年.
    rf"[{CN_NUMERALS}]+大(?:以来|以后|之后|召开)|[{CN_NUMERALS}]+届[{CN_NUMERALS}]+中全会|[同当次翌今去明]年|"
    # A reign year opening a clause: 崇宁五年, 于至道三年 (not 经过三年, 今后五年: spans).
    rf"{CLAUSE_OPENING}[\u4e00-\u9fff]{{2}}[{CN_NUMERALS}]{{1,3}}年"
)
# A figure in ideographs before a unit of one character (三个, 两万) or of several (两平方公里, 五公斤), but not a
# lone 一 before one of several, which is mostly an idiom (最后一公里, 统一学分, 一小时经济圈).
_MEASURE = any_of(MEASURE_WORDS)
QUANTITY = re.compile(rf"{ARABIC}|第[{CN_NUMERALS}]|(?<![每{CN_NUMERALS}])[{CN_NUMERALS}]+[{UNITS}]|(?<![每{CN_NUMERALS}])(?!一(?:{_MEASURE}))[{CN_NUMERALS}]+(?:{_MEASURE})|(?<=每)(?:[{CN_NUMERALS}]+|半)个?(?:年|月|天|日|周|小时)|[{CN_DIGITS}]{{2,}}|百分之|[数几半]十|[一二三四五六七八九两]成|一半|过半|半数|翻[一两]?番")
# Titles, and the roles by which policy prose answers "who" (质监干部是主力军); not 领导, 群众, 人才, which
# policy prose mostly uses otherwise (党的领导, 群众路线, 人才培养).
_PERSON_CUE = re.compile(rf"[\u4e00-\u9fff]·[\u4e00-\u9fff]|先生|女士|教授|博士|院士|专家|学者|{ROLE_WORDS}")
# "谁提出的", "是谁写的": who first said, wrote or founded something is a name, not a role (质监干部 answers
# "谁是主力军", not "质量强国是谁提出的").
ORIGINATING = r"(?:提出|首创|发明|创立|创办|创造|创建|倡导|发起|撰写|作词|作曲|命名|设计(?!院))"
_ASKS_ORIGINATOR = re.compile(
    rf"谁(?:最早|最先|首先|率先|第一个)?{ORIGINATING}|谁(?:写|提)的[？?！!。\s]*$"
    rf"|{ORIGINATING}(?:了|过|来)?(?:(?!要求|主体|负责|落实)[^，,。？?]){{0,12}}?的人?是(?:谁|哪一?位)"
    r"|(?:创办人|创始人|创立人|发明人|发明者|提出者)[^，,。？?]{0,6}是谁"
)
_ROLES_ONLY = re.compile(ROLE_WORDS)
# What a text says when it tells who originated something: the act, or the author; the person is named within
# ORIGIN_WINDOW characters of it (由钱学森提出, 作者为鲁迅), not anywhere in a sentence about the topic.
ORIGIN_WINDOW = 16
# Not 全省, 本市, 我省, 各州, 16个州: policy prose says them everywhere, and they name no place. Nor 市场
# (市场监管 is in every sentence of a 市场监督管理局), nor 省市, 地市, 市县, 市州 (levels, not places).
PLACE_CUE = re.compile(
    r"(?![全本我该各外此个省地市县])[\u4e00-\u9fff](?:省|市(?!场)|县|镇|乡|村|州|岛|港|湾|站|机场)(?![\u4e00-\u9fff]{0,1}[长委员])|位于|坐落"
)
_ORG_CUE = re.compile(
    r"[\u4e00-\u9fff](?:公司|集团|大学|学院|学校|中学|小学|银行|协会|学会|委员会|研究所|研究院|医院|出版社|电视台|俱乐部|"
    r"工作室|基金会|联盟|政府|党|局|厅|部队|乐队|组合|队)"
)
# One character of the runs jieba's tagger segments as a whole (jieba.posseg.re_han_internal).
_TAGGER_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._]")
_TAG_CUES = {PERSON: ("nr",), PLACE: ("ns",), ORGANISATION: ("nt",)}
_TEXT_CUES = {PERSON: _PERSON_CUE, PLACE: PLACE_CUE, ORGANISATION: _ORG_CUE, TIME: YEAR_OR_DATE}


def has_type(text: str, answer_type: str, question: str = "") -> bool:
    """Whether `text` holds something of `answer_type`: a year or date, a number, a name of a person,
    place or organisation. Other types (reason, method, definition …) are not judged: always True.
    A name or a title the (normalised) `question` itself says is no answer to it: "哪位同志" is not
    answered by 同志们, nor "枫林市局在哪" by 枫林市局."""
    found = type_by_pattern(text, answer_type, question)
    return found if found is not None else tagged_as(text, answer_type, question)


# A post asked for ("现在是干啥的，什么职务", "1992年4月担任什么职务"): an answer names one, most by how posts end (科长,
# 副书记, 主任委员, 总督, 知县, 检验师), not a sentence about the person that names none.
_ASKS_POST = re.compile(r"(?:什么|啥|哪些|(?<!任)何)(?:职务|职位|官职)|职务是(?:什么|啥)|(?<!担)任(?:什么|啥)职")
# An appointment: 担任, 出任, 升任 … or 官至 before the post, or 任 opening a clause or after its date (1995年8月，任…;
# 为太子时，任东宫学士); not 责任, 胜任, 任务, 任由, 任劳任怨, nor 任 as a surname (任正非创办了华为).
_APPOINTED = re.compile(
    r"(?:(?<=[，,。；;：:\s时后年月日）)])任(?![务何意期内职命性由凭劳重人课])|担任|出任|升任|调任|改任|兼任|历任|转任|官至)[\u4e00-\u9fff]{2,}"
)
_POST = re.compile(
    r"[科处局部厅校院所站队组社团班区县市省镇乡村委会司行署馆]长|(?:科|职|委|专|议|检查|稽查|监察|检验|调研|联邮|组)员|"
    r"[法检外警军长次副主]官|[教程律医计检验讲技]师|[太郡]守|[上中少大郎]将|将军|书记|主任|主席|总裁|顾问|参谋|经理|教授|总督|巡抚|"
    r"知[县州府]|常委(?!会)|大使|领事|董事|监事|秘书|主持人|主编|总监|总编|司令|政委|干事|代表|"
    + "|".join(OFFICIAL_TITLES)
)


def names_a_post(text: str) -> bool:
    """Whether a text names a post (科长, 副局长, 主任 …)."""
    return _POST.search(text) is not None


def names_asked_post(text: str, question: str) -> bool:
    """Whether `text` names a post when `question` asks for one (True when it asks for none). Posts are too many
    to list (太保, 刺史 …): a quote naming none is passed over for one that does, never refused for it; one telling an
    appointment names what it gave (任东宫学士, 官至尚书), whatever the post."""
    return _ASKS_POST.search(question) is None or _POST.search(text) is not None or _APPOINTED.search(text) is not None


# A role asked of people ("质监干部在质量强国这项事业里算啥角色"): a text saying what they are (质监干部则是…的主力军),
# not one about their work (质监干部工作要为质量强国培养人才).
_ROLE_ASKED = re.compile(r"(?:什么|啥|哪种|怎样的)(?:角色|地位|身份|定位)|扮演(?:着)?(?:什么|啥)")
_PEOPLE = re.compile(ROLE_WORDS)


def asks_role(question: str) -> bool:
    """Whether a question asks the role of people (质监干部是什么角色), which no CMRC question does."""
    return bool(role_asked_of(question))


def role_asked_of(question: str) -> str:
    """The people whose role a question asks (质监干部, a word of it naming people by their role), or "" when it asks
    none."""
    if _ROLE_ASKED.search(question) is None:
        return ""
    focus = analyse(question).focus
    for at, word in enumerate(focus):
        if _PEOPLE.fullmatch(word):  # 干部, with the word before it when the question says them together: 质监干部
            joined = focus[at - 1] + word if at else word
            return joined if joined in question else word
    return ""


RANGE_MARKS = "-—–~～至到"  # from one to another: 2023—2025年, 1至3季度, 1-3月 (a leading - is literal in [])
_YEAR = re.compile(rf"(?<!\d)((?:19|20)\d{{2}})(?:\s*[{RANGE_MARKS}]\s*((?:19|20)\d{{2}}))?\s*年")
_YEAR_BEFORE_DASH = re.compile(rf"年\s*([{RANGE_MARKS}])")  # 2024年—2026年, 2023年至2025年: one span
# A text dating itself against its frame ("去年全省共抽查3050批次" in a 2026 notice is 2025), and a frame of
# several years (2024年…三年行动方案), whose one year dates no text under it.
RELATIVE_YEARS = (("前年", -2), ("去年", -1), ("上年", -1), ("上一年", -1), ("明年", 1), ("次年", 1), ("下一年", 1))
COMPARED = re.compile(r"(?:比|较|同比|环比)(?:上一?年|去年|前年)(?:同期)?|(?:与|同|和|跟)(?:上一?年|去年|前年)(?:同期)?相?比")


def dated_opening(opening: str, text: str) -> str:
    """The sentence opening a paragraph when it names a year, as what dates a `text` later in that paragraph that
    names none ("2021年7月，…遭遇特大暴雨。" dates "…停用被淹电梯136台"); "" when it names none, or when the text
    dates itself against another year (去年, 明年: a narrative's "他1998年参加工作" is no such year; 比上年 compares)."""
    if not years_named(opening) or any(word in COMPARED.sub("", text) for word, _ in RELATIVE_YEARS):  # 比上年提高: still its year
        return ""
    return opening


# An edition of something held again and again: 第七届市长质量奖, 第18期简报, 第三批名单.
_EDITION = re.compile(rf"第([{CN_NUMERALS}\d]{{1,4}})(届|期|批)")  # not 次: 第一次 is as often "the first time"


def _editions(text: str) -> set[tuple[int, str]]:
    return {(cn_number(m.group(1)) or 0, m.group(2)) for m in _EDITION.finditer(text)}


def of_other_edition(question: str, context: str) -> bool:
    """Whether the question asks of an edition (第六届) that `context` (a quote's paragraph, headings and title) does
    not name while it names another of the same kind (第七届): a near miss, however close the words."""
    asked = _editions(question)
    named = _editions(context)
    return any((n, kind) not in named and any(k == kind for _, k in named) for n, kind in asked)


def years_named(text: str) -> set[int]:
    """The years a text names, a span (2023—2025年, 2023年至2025年) with every year in it."""
    years: set[int] = set()
    for match in _YEAR.finditer(_YEAR_BEFORE_DASH.sub(r"\1", text)):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        years.update(range(first, last + 1) if 0 <= last - first <= 50 else (first, last))
    return years


@lru_cache(maxsize=1024)
def tells_author(text: str) -> bool:
    """Whether a text says who wrote something, a name within ORIGIN_WINDOW of an act of writing (罗贯中所著,
    作者为鲁迅): not of proposing or saying, as a leader quoted in a policy essay is (习近平总书记提出)."""
    return named_near(text, _AUTHORSHIP, _WHO_WROTE)


def named_near(text: str, acts: re.Pattern[str], question: str) -> bool:
    """Whether a person is named within ORIGIN_WINDOW characters of one of the acts, a role not counting (the
    originator `question` says so to has_type). An aside in brackets is no distance, and a run of Latin letters counts
    as one character: 保罗·塞里诺（Paul Sereno）在1998年提出, 霍尔以笔名S.G. Tallentyre写作."""
    return _acted_near(text, acts, question) or _acted_near(_LATIN_RUN.sub("X", ASIDE.sub("", text)), acts, question)


def _acted_near(text: str, acts: re.Pattern[str], question: str) -> bool:
    return any(
        names_person(text[max(0, said.start() - ORIGIN_WINDOW) : said.end() + ORIGIN_WINDOW], question)
        for said in acts.finditer(text)
    )


def names_person(text: str, question: str) -> bool:
    """has_type for a person, with the tagger's slower pass for names it does not know as a last resort (万润南, whose
    surname the fast pass reads as a numeral), for the candidates an answer check reads. Only a name of three characters
    or more opening with a common surname: that pass makes names of plain words and places (楼高, 尚贤坊, 花支洞)."""
    return has_type(text, PERSON, question) or any(
        len(name) >= 3 and name[0] in COMMON_SURNAMES and name not in question for name in person_names(text)
    )


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z.'\s]*[A-Za-z.]")
_AUTHORSHIP = re.compile(r"作者|著(?![名称作])|撰写|执笔|编著|编撰|撰稿")
_WHO_WROTE = "是谁写的"  # how has_type is told that a role (干部) names no author


def asks_originator(question: str) -> bool:
    """Whether a question asks who first proposed, wrote or founded something (read per candidate: remembered)."""
    return _ASKS_ORIGINATOR.search(question) is not None


@lru_cache(maxsize=1024)
def asks_name(question: str) -> bool:
    """Whether a question asks the name of whoever holds a post (处长是谁, 队长叫啥名字): a sentence naming the
    post's unit alone (具体工作由省局计量处承办) or a role (造成人员伤亡) does not answer it. Not when the
    question names the person right before the post ("王海同志是谁" asks for his post; the tagger marks the
    surname of a name it does not know, 王)."""
    asked = _ASKS_NAMED.search(question)
    if asked is None:
        return False
    text = normalize(question)
    post = text.find(asked.group())
    for name in tagged_names(text, PERSON):
        at = text.rfind(name, 0, post)
        if at >= 0 and post - at <= NAME_MAX_CHARS and CJK_RUN.fullmatch(text[at:post]) and "的" not in text[at:post]:
            return False  # 王海同志, 周明远书记: not 鲁迅的妻子
    return True


NAME_MAX_CHARS = 4  # a Chinese name's length at most (欧阳明远): the name right before a post


def type_by_pattern(text: str, answer_type: str, question: str = "") -> bool | None:
    """`has_type` as far as patterns tell; None when only the part-of-speech tagger can (a name without a cue)."""
    if answer_type == NUMBER:
        return bool(QUANTITY.search(text))
    cue = _TEXT_CUES.get(answer_type)
    if cue is None:
        return True
    named = answer_type == PERSON and (asks_originator(question) or asks_name(question))
    if any((not question or match.group() not in question) and not (named and _ROLES_ONLY.fullmatch(match.group())) for match in cue.finditer(text)):
        return True
    return None if answer_type in _TAG_CUES else False


def type_spans(text: str, answer_type: str, question: str = "", names: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Where `text` names something of `answer_type` (a figure, a year or date, a title or a tagged name) that the
    (normalised) `question` does not say itself: how near the answer stands to the question's words. `names`: the
    tagger's names of `text` when the caller tagged it in parts (tagged_names of each, as `tagged_apart` allows)."""
    cue = QUANTITY if answer_type == NUMBER else _TEXT_CUES.get(answer_type)
    if cue is None:
        return []
    spans = [match.span() for match in cue.finditer(text)]
    for word in tagged_names(text, answer_type) if names is None else names:
        spans.extend(match.span() for match in re.finditer(re.escape(word), text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # 3, 5 and 6 of 356 are one figure
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [(start, end) for start, end in merged if text[start:end] not in question]  # 2025 of "2025年…多少批次" is none


def tagged_as(text: str, answer_type: str, question: str = "") -> bool:
    """Whether jieba tags a word of `text` as a name of `answer_type` (person, place, organisation)."""
    return any(not question or word not in question for word in tagged_names(text, answer_type))


def tagged_as_noun(word: str) -> bool:
    """Whether jieba's dictionary tags `word` as a noun: what a sentence is about (作风), not what is done to it (重视)."""
    return _tagged(word, ("n",))


@lru_cache(maxsize=8192)
def tagged_names(text: str, answer_type: str) -> tuple[str, ...]:
    """The words of `text` jieba tags as names of `answer_type`, remembered: the same passages come up
    question after question."""
    tags = _TAG_CUES.get(answer_type)
    if tags is None:
        return ()
    # Without jieba's HMM pass, six times faster: unknown names still come out as surname characters tagged nr.
    return tuple(pair.word for pair in jieba_tagger().cut(text, HMM=False) if pair.flag.startswith(tags))


def tagged_apart(first: str, second: str) -> bool:
    """Whether jieba's tagger reads `first + second` as the two texts one after the other: it tags runs of
    Chinese, Latin letters and digits on their own, so a punctuation mark between them separates the two."""
    return not (first and second and _TAGGER_RUN.match(first[-1]) and _TAGGER_RUN.match(second[0]))


@lru_cache(maxsize=4096)
def person_names(question: str) -> tuple[str, ...]:
    """The people a question names, as jieba's tagger (with its HMM pass, for names it does not know) reads them:
    runs of words tagged nr joined (李/卫东), two to four ideographs; not one right after 多少 or 几, which count
    what follows (花了多少钱建的: 钱建 is money, no 钱 by surname), nor after 哪位 or 什么, which ask of its kind
    (哪位帝王: the tagger reads 帝王 as a name)."""
    names: list[str] = []
    run, before, asked = "", "", False
    for pair in [*jieba_tagger().cut(question), None]:
        if pair is not None and pair.flag.startswith("nr") and CJK_RUN.fullmatch(pair.word):
            asked = asked or (not run and (before.endswith((*ASK_HOW_MANY, *ASK_WHAT)) or before.startswith(ASK_WHICH)))
            run += pair.word
            continue
        counted = bool(run) and run[-1] in "十百千" and pair is not None and pair.word[:1] in CN_NUMERALS  # 靖江王十/一代: 十一代, not 王五/一直
        if 2 <= len(run) <= 4 and not asked and not (pair is not None and pair.word.endswith(_PREMISES)) and run[-1] not in _NO_NAME_ENDS and not counted and not _IN_A_UNIT.fullmatch(run):
            names.append(run)  # not 金禾(加油站), a place, nor 安全法, a law the tagger reads as a name
        run, asked = "", False
        before = pair.word if pair is not None else ""
    return tuple(names)


def common_word(word: str) -> bool:
    """Whether jieba's dictionary counts `word` often: a word its tagger may tag as a name (籍贯, 顾客, 师傅) but no one's."""
    return jieba.dt.FREQ.get(word, 0) >= COMMON_WORD_COUNT


def unknown_people(question: str, knows: Callable[[str], bool]) -> tuple[str, ...]:
    """The people a question names whom the materials never name, nor any two characters of (吕志兴, 唐爱陆 asked of a
    library without them): such a question is about someone else's story. Not words jieba's tagger only takes for names
    (顾客, 师傅, 段时间: common words its dictionary counts often; 里小微 of 小微企业, a word the materials hold)."""
    return tuple(
        name for name in person_names(question)
        if not common_word(name) and _unheard(name, knows) and not _heard_reordered(name, knows)
        and not (len(name) == 2 and name[1] in _NOT_A_GIVEN_NAME) and not _IN_A_UNIT.fullmatch(name)
        and not _transliterated(name, question)
    )


def unknown_subject(question: str, knows: Callable[[str], bool]) -> str | None:
    """The name a question opens on, or a work it names in 《》, when the materials hold neither it nor any two characters
    of it ("雨侨主持过什么节目", "魏玩的著作有哪些", "《捉兔记》首次出版在什么杂志上" asked of a library without them): the
    question is about something they never tell of, however many of its other words they hold. An opening word counts
    only as a proper name: a word jieba's dictionary lacks, which its tagger reads as one noun with no function character
    in it or as a surname and a given name, or a rare name of its dictionary. A common noun opening a casual question
    (县里, 卷子, 老百姓) is a paraphrase of what the materials say otherwise, and so are a pronoun, a time, a verb and the
    glue jieba's HMM makes of them (咱市, 交了, 人能); someone called by post or in address (韩局, 小王, 李姐) is named in
    full there. `knows` should also hold a short form whose full run the materials hold (新冠 of 新型冠状病毒). It also
    gives the compound a question opens on when that names a member of a kind they never tell apart (短齿天竺鲷:
    `_unheard_kind`)."""
    for title in QUOTED_TITLE.findall(question):
        title = normalize(title)
        if len("".join(CJK_RUN.findall(title))) >= 2 and _unheard(title, knows):
            return title
    words = _opening_words(question)
    if not words:
        return None
    word = words[0]
    if (
        CJK_RUN.fullmatch(word) is not None and len(word) >= 2 and _proper_name(word) and not _IN_A_UNIT.fullmatch(word) and not _transliterated(word, question)
        and not _called_by_post_or_address(word) and _unheard(word, knows)
    ):
        return word
    return _unheard_kind(words, knows)


def _opening_words(question: str) -> list[str]:
    """jieba's words of a question from what it asks of: past 请问, 你好, "1、" and quotes."""
    from bot.questions import is_function_word, segmented

    words = list(segmented(question))
    while words and (is_function_word(words[0]) or words[0] in GREETINGS or not any(ch.isalpha() for ch in words[0])):
        words.pop(0)
    return words


def opening_run(question: str) -> tuple[str, ...]:
    """jieba's words of the ideographs a question opens on, up to a function word or glue (胜利 广场 of "胜利广场是什么形状的",
    剃刀 嘴 凤冠 雉 体长 of "剃刀嘴凤冠雉体长为多少"): what it asks of, and perhaps more."""
    return _compound_of(_opening_words(question), verbs=True)


def names_no_kind(words: Sequence[str]) -> bool:
    """Whether words before a kind's name cannot tell a member of it apart: a scope (全区, 本市, 我局, 今年, 各单位), a
    single pronoun, time, numeral, adverb or other such word (主要, 最新), or several with a verb or another word no name
    is part of (当地人 兴建 of 当地人兴建关帝庙, 省政府 因 of 省政府因火山喷发). A single verb or adjective may (胜利 of
    胜利广场, 北上 of 北上车站)."""
    if not words or words[0][:1] in _SCOPES:
        return True
    if len(words) > 1:
        return any(map(_ends_a_compound, words))
    return _tagged(words[0], _NO_MEMBERS_NAME)


_SCOPES = frozenset("全本我该今各明去此这那每")  # 全市, 本局, 我市, 该县, 今年, 各单位, 明年, 去年, 此次, 这项, 那个, 每年


def _compound_of(words: Sequence[str], verbs: bool = False) -> tuple[str, ...]:
    """The words opening `words` that may make one noun compound: ideographs, up to a function word, glue or (unless
    `verbs`: 胜利广场, 北上车站) a word no name is part of (see `_ends_a_compound`)."""
    from bot.questions import is_function_word

    compound: list[str] = []
    for word in words:
        if CJK_RUN.fullmatch(word) is None or is_function_word(word) or any(ch in _GLUE for ch in word):
            break
        if not verbs and _ends_a_compound(word):
            break
        compound.append(word)
    return tuple(compound)


def _called_by_post_or_address(word: str) -> bool:
    return word.endswith(POST_TITLES + POST_SHORT_FORMS + ADDRESS_SUFFIXES) or word.startswith(ADDRESS_PREFIXES)


def _unheard_kind(words: list[str], knows: Callable[[str], bool]) -> str | None:
    """The compound a question opens on when the materials tell of its kind but hold none of what tells it apart: its last
    word (鲷, 车站, 集团) is theirs, a word before it (短齿 of 短齿天竺鲷, 雨润 of 雨润集团) is not, nor any two characters of it.
    They tell of another member of the kind (白尾雀鲷, 另一座车站), which is no answer. The word told apart must be a name:
    one jieba's dictionary lacks (not glue of a casual question: 去查, 局里, 人能; nor a verb, adverb, numeral or pronoun
    by its tagger) or holds as a rare name, not an everyday noun the materials say otherwise (电瓶车, 菜场), not someone
    called by post or address; and no two characters of it with one of each word beside it may be theirs either, for
    jieba glues characters of both neighbours into a word of its own (科新 of 计量科新科长, 人周 of 法定代表人周建国)."""
    compound = _compound_of(words)
    if len(compound) < 2 or compound[-1] in _NOUN_SUFFIXES or not knows(compound[-1]):
        return None
    for at, word in enumerate(compound[:-1]):
        before, after = compound[at - 1][-1:] if at else "", compound[at + 1]
        if _tells_apart(word, after) and _unheard(before + word + after[:1], knows):
            return "".join(compound)
    return None


def _ends_a_compound(word: str) -> bool:
    """A word of jieba's dictionary that is no part of a name: a verb, adjective, adverb, pronoun, numeral, time…"""
    return _tagged(word, _NOT_IN_A_COMPOUND)


def _tagged(word: str, tags: tuple[str, ...]) -> bool:
    """Whether jieba's dictionary tags `word` with one of `tags` (or a tag they open)."""
    tag = jieba_tagger().dt.word_tag_tab.get(word)
    return tag is not None and tag.startswith(tags)


def _tells_apart(word: str, after: str) -> bool:
    """Whether `word`, followed by `after`, can be what tells a kind's member apart (see `_unheard_kind`)."""
    if len(word) < 2 or _called_by_post_or_address(word) or (word[-1] in _POST_QUALIFIERS and after.endswith(POST_TITLES)):
        return False  # 科原 of 计量科原科长: a former holder of a post the materials name
    if word in jieba_tagger().dt.word_tag_tab:
        return _proper_name(word)  # a rare name of jieba's dictionary
    return not any(piece.flag.startswith(_NOT_IN_A_COMPOUND) for piece in jieba_tagger().lcut(word))


_NOT_IN_A_COMPOUND = ("v", "r", "p", "u", "c", "d", "m", "q", "y", "e", "f", "t", "a")  # jieba's tags of no name's part
# Alone before a kind, a verb, adjective or direction may name a member (胜利广场, 北上车站); a distinguishing or state
# word may not (主要, 最新 are tagged b and d).
_NO_MEMBERS_NAME = tuple(tag for tag in _NOT_IN_A_COMPOUND if tag not in ("v", "a", "f")) + ("b", "z")
_POST_QUALIFIERS = frozenset("新原老前副现正代")  # 新科长, 原股长, 副局长
# Characters jieba's HMM glues onto the words of casual questions (松有, 人能, 篇文章, 局里). A name may hold one (能效,
# 便利店), and such a compound is then left to the answer: this only ever errs towards answering. (`unglued` keeps a
# name opening on one as a surname, 何洁, whole.)
_GLUE = frozenset("有是在的了和与为等及将也都就以于被把对向从才还又再已便却现用此这那哪几何啥谁能篇里")
# A modal jieba's HMM glues to the word beside it (要学 of 干部培训要学什么内容, 要待 of 最少要待多久, 天得 of 多少天得办结).
_GLUED_MODALS = frozenset("要得会该")
_GLUED = _GLUE | _GLUED_MODALS
_NOUN_SUFFIXES = frozenset("子儿头们")  # 修车铺子 is a 修车铺, not a kind of 子


def _unheard(word: str, knows: Callable[[str], bool]) -> bool:
    """Whether the materials hold neither `word` nor two characters in a row of it."""
    return not knows(word) and not any(knows(word[at : at + 2]) for at in range(len(word) - 1))


def _heard_reordered(name: str, knows: Callable[[str], bool]) -> bool:
    """Whether the materials hold a name of three or four characters in another order: 沈元龙 asked of 沈龙元 is a name
    misremembered, not someone else."""
    return 3 <= len(name) <= NAME_MAX_CHARS and any(knows("".join(order)) for order in set(permutations(name)) - {tuple(name)})


def _transliterated(word: str, question: str) -> bool:
    """Whether `word` is part of a name joined by · (韦斯·昂塞尔德), which texts spell otherwise (卫斯理·昂塞尔德)."""
    return f"·{word}" in question or f"{word}·" in question


_NAME_TAGS = ("nr", "nrfg", "nrt", "ns", "nt", "nz")  # jieba's tags of people, places, organisations and other names
_NOUN_TAGS = ("n", *_NAME_TAGS)
GIVEN_NAME_MAX_CHARS = 2  # 玩 of 魏玩, 志兴 of 吕志兴: a surname and a given name make at most three characters


def _proper_name(word: str) -> bool:
    """Whether jieba reads `word` as a name: a rare name of its dictionary, or a word it lacks whose tagger reads as one
    noun (雨侨, 符泳) or as a surname and a given name (魏/nr 玩/v), with no function character (他立, 交了, 人能 are glue)."""
    from bot.questions import is_function_word

    posseg = jieba_tagger()
    tag = posseg.dt.word_tag_tab.get(word)
    if tag is not None:
        return tag in _NAME_TAGS and not common_word(word)
    if any(is_function_word(ch) for ch in word):
        return False
    pieces = posseg.lcut(word)
    if len(pieces) == 1:
        return pieces[0].flag in _NOUN_TAGS
    surname = pieces[0]
    return (
        len(surname.word) == 1 and surname.flag == "nr"
        and len(word) - 1 <= GIVEN_NAME_MAX_CHARS and word[-1] not in _NOT_A_GIVEN_NAME
    )


# jieba's HMM makes a surname and the next word one name ("上部叶有什么特点": 叶有); a given name is none of these.
# A name joined by · is a transliteration, which texts spell otherwise (韦斯·昂塞尔德 of 卫斯理·昂塞尔德).
# "科里有位同事…", "局里…": in one's own unit, said casually; the tagger reads 科里 as a name (as Corey).
# …, and 段里 of "总结段里…", 文里: inside the text or a part of it, not 段 or 文 the surname
_IN_A_UNIT = re.compile(r"[科局处所队站室股院校厂村县市省区镇乡组班]里|[文段章节篇][里中内]")
_NOT_A_GIVEN_NAME = frozenset("有是在的了和与为等及将也都就以于被把对向从才还又再已便却")
COMMON_WORD_COUNT = 50  # a count in jieba's dictionary above which a word tagged nr is a common word (冰淇淋 79, 马拉松 80)


def names_another_person(text: str, named: tuple[str, ...]) -> bool:
    """Whether a text names a person besides `named`, as `tagged_names` reads it (without the HMM pass, for the many
    sentences a question passes over): an unknown name comes out as characters tagged nr (吴/芳), a known one
    whole; a law or an office the tagger reads as a name (安全法) is none."""
    return any(
        CJK_RUN.fullmatch(word) is not None and word[-1] not in _NO_NAME_ENDS and not any(word in name for name in named)
        for word in tagged_names(text, PERSON)
    )


_PREMISES = tuple("站店厂行部局院所社馆场园区县市镇村") + ("公司", "集团", "中心")
_NO_NAME_ENDS = frozenset("法局站所院厅部处科组会社委办厂店司区县市省誉可周")  # 安全法, 高新区, 荣誉, 许可, 宣传周


def unglued(word: str) -> str | None:
    """What a word jieba's HMM made (its dictionary lacks it) says without the function character glued at either end
    (学 of 要学, 天 of 天得, 钟惺 of 钟惺有): the text says that, not the glue. None for a dictionary word, one with no
    glue, a name opening on a surname that is also glue (何洁, 于敏: no 洁 of 廉洁), or glue alone left (还得)."""
    if len(word) < 2 or in_dictionary(word) or CJK_RUN.fullmatch(word) is None:
        return None
    rest = word[1:] if word[0] in _GLUED else word
    rest = rest[:-1] if len(rest) > 1 and rest[-1] in _GLUED else rest
    if rest == word or rest in _GLUED:
        return None
    if rest != word[: len(rest)] and jieba_tagger().lcut(word)[0].flag.startswith("nr"):
        return None
    return rest
