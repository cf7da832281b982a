"""What a study question is about: the words naming its topic (not how it asks, nor the document it names) and
the document it means, when the library holds several.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from bot.corpus import Corpus
from bot.questions import QuestionTerms, is_function_word, question_terms, segmented
from bot.study_document import StudyDoc, coverage
from bot.study_intent import PartRef, asks_purpose, document_kinds, document_reference_spans, is_document_reference
from bot.study_reply import rivals_note
from ingest.textnorm import CJK, normalize
from ingest.zh_text import (
    ALL_TOLD,
    ANAPHORS,
    AS_A_WHOLE,
    ASKING_PARTS,
    CASUAL_FILLERS,
    CASUAL_VERBS,
    CN_NUMERALS,
    DOCUMENT_KINDS,
    INTERROGATIVES,
    ITEM_COUNTERS,
    LEARNER_VIEWS,
    OFFICIAL_TITLES,
    OUTLINE_WORDS,
    PRESENTATION_MEDIA,
    QUOTED_TITLE,
    SPEECH_WORDS,
    STOPS,
    TEXT_SHAPE_WORDS,
    WORK_DOCUMENT_KINDS,
    any_of,
)

TOPIC_MIN_COVERAGE = 0.6  # share of the question's content (by rarity) a heading must hold to be its topic
_CAUSING = ("造成", "导致", "引起")  # what leads to the asked causes ("造成这些问题的原因"), no topic of its own
# Words that say what kind of answer is wanted, not what it is about.
GENERIC = frozenset(
    "每 每个 各个 各个方面 各方面 再 包括 包含 哪些方面 方面 哪些 几个 几项 几点 主要 内容 主要内容 措施 举措 要求 途径 做法 办法 任务 怎样 如何 怎么"
    " 概括 总结 归纳 一下 中心思想 大意 要点 讲了什么 什么 提出 有 哪几 几 简要 简单 说说 介绍 大概 大致 大体"
    " 论述 阐述 展开 这一 入手 着手 做好 部分 几部分 分几 分为 分成 层面 提了 提过 讲了 谈了 说了 谈到 讲到 些 一些 这方面 做些"
    # Where the part is ("那段", "这部分") and when the reader stands ("去年", "今年"): no heading says them
    # (这块, 那块 and 做 are dropped with question_terms' stopwords already).
    " 那段 这段 那部分 这部分 那一段 这一段 下面 下边 分别 今年 去年 明年 全年 本年度 当前 目前 事 事情 分 取得 那章 这章 那一章 这一章 抓 干 作 叫"
    # jieba's cut of them: 那/一段, 分几/大部分, 分/几大块 ("培训那一段的要点是什么", "文章分几大部分", "一共分了几块").
    " 一段 一部分 一章 一节 一块 块儿 大部分 几块 几大块 大块"
    # What a part means, said simply ("统筹力量那几句啥意思，说简单点"): how the learner asks, not about what.
    " 几句 那几句 这几句 意思 啥意思 什么意思 点 简单点 通俗 一点 这一点 那一点"
    # "核心观点", "文中哪些地方讲到廉洁", "培训这块要干部学些什么": the text's thesis, its places, what it wants learnt.
    " 核心 观点 核心观点 主要观点 基本观点 论点 中心论点 学些 学点 哪些地方 几处 哪几处 散在"
    # "好像不只一个地方提到", "不光是专门讲作风的那部分，其他地方提到的也要", "单独摘出来", "想问一下": how the learner asks.
    " 地方 不光 不只 不止 好像 挺 专门 摘 摘出来 其他 其它 别的 问 想问"
    # "帮我每条提炼成一句话放幻灯片上": how the answer is to be set out, and where it goes (PRESENTATION_MEDIA below).
    " 每条 每一条 每点 一句 话 成 放"
    # "列一下", "列下措施", "简述…", "给我捋一捋": how the answer should look.
    " 列下 列个 简述 试述 概述 略述 汇总 列 列出 列举 罗列 捋 捋一捋 梳理 提炼 给我 招 几招 招数 高招 妙招 路子 几条路子 条路子"
    # "用几句话说说…", "按首先、其次、再次、最后说说": how the answer should be told.
    " 几句话 一句话 两句话 三句话 按 首先 其次 再次 然后 最后"
    # A 简报's item by what it is ("电动自行车专项检查那条消息"): its headline names the topic, not 消息.
    " 那条 这条 那则 这则 消息 新闻 报道 稿件 那篇 这篇"
    # How problems came to light ("干部队伍建设方面发现了哪些问题"): no heading says it.
    " 发现 查出 查摆 查找"
    # "深化体制改革那部分提了哪几条具体措施", "关于廉洁这块儿", "列一下措施呗": how the learner asks.
    " 具体措施 具体要求 具体做法 关于 提 儿 呗"
    # "这次会定了哪几件事": which occasion and how the items are counted ("体制改革那部分一共有几条").
    " 这次 本次 那次 几件事 件事 哪几件"
    # "这次局长办公会研究了哪些议题": a 纪要's parts.
    " 议题"
    # "特种设备那项主要定了些啥": the item pointed at, and what was decided of it.
    " 项 那项 这项 定"
    # "一共几部分，各讲了啥": each part told apart (jieba: 各讲, 各说).
    " 各 各讲 各说 各写 各谈 各自"
    # "作者认为该怎么做": who wrote the text, and what it says; "结合全文，谈谈…的认识", "想结合文章说说自己该怎么做": the
    # learner's own view asked for.
    " 作者 认为 结合 谈谈 想 自己"
    # "哪些措施和培训有关？请把相关内容都找出来", "有哪些要求可以参考": how the learner relates the topic and will use it.
    " 找出来 找出 找 参考 借鉴 所有 全部 跟"
    # "帮我一条条列出来" (jieba: 帮/一条/条列/出来), "整体结构咋安排的": how the learner wants the answer told.
    " 帮 帮我 帮忙 一条 条列 列出来 一条条 逐条 挨个"
    # "文章有哪些小标题": the parts by their headings (结构 and 层次 only said of the text: TEXT_SHAPE_WORDS).
    " 标题".split()
    + list(OUTLINE_WORDS)
    + list(LEARNER_VIEWS)
    + list(CASUAL_VERBS)
    + list(CASUAL_FILLERS)
    + list(ALL_TOLD)
    + list(PRESENTATION_MEDIA)
)
# What a meeting did with its 议题 ("这次局长办公会研究了哪些议题"): how the learner asks of a 纪要's parts, dropped
# only beside 议题 ("理论研究有哪些要求" names a part "二、深化理论研究").
_MEETING_VERBS = frozenset(("研究", "审议", "讨论", "议定"))
_PURPOSE_WORDS = frozenset(("目的", "用意", "意图", "想", "达到", "想要"))
_SHAPE_ASKED = re.compile(r"(?:咋|怎么|如何|怎样)(安排|布局|构成|组成)")  # how a text's parts are set out, asked with its shape
_RELATED_TO = re.compile(r"[和跟与同][^，,。？?]{1,12}?有关")
_RELATED_PARTS = re.compile(r"相关的?(?:内容|论述|表述|段落|部分|语句)")
# The whole told at once ("帮我把这篇文章整体概括一下", "总体上讲了什么"): how the learner wants it told, not a topic.
_AS_A_WHOLE_TOLD = re.compile(rf"({any_of(AS_A_WHOLE)})(?:地|上|来)?(?=概括|总结|归纳|介绍|说|讲|梳理|谈|看|把握|理解)")
_WHOLE_SHAPE = re.compile(rf"({any_of(AS_A_WHOLE)})的?({any_of(TEXT_SHAPE_WORDS)})")  # the text's shape (整体结构); not 总体要求
# "从哪几个方面展开": a last word after 方面 says how the question asks, not what about ("…方面加强作风建设" does).
_ASKING_VERB = re.compile(rf"方面([{CJK}]{{1,2}})\W*$")
# Where a study question starts asking; 谁, 啥, 多少 and 咋 are not looked for, as ever (study questions seldom use them).
ASKED = re.compile(any_of(ASKING_PARTS, without=("谁", "啥", "多少", "咋")))
TITLES = f"(?:副?(?:{any_of(OFFICIAL_TITLES)})|同志)"  # how a question names the speaker: 魏局长
_BY_MEANS = re.compile(r"用(?:什么|啥|哪些|哪几种|哪种)(?:样的)?(?:途径|方法|方式|办法|手段|形式|措施|路子)")  # "用什么途径"
_IN_SENTENCES = re.compile(r"用[^，,。？?]{0,4}?话")  # 用几句话, 用一段话, 用自己的话: how the answer is to be told
# "总结一下第二项 抽查那块": the words beside it name the part (alone, it stays a word no heading says; 第五条 is an article).
_NTH_ITEM = re.compile(rf"第[{CN_NUMERALS}\d]{{1,3}}项")
_COUNT_ONLY = re.compile(rf"[{CN_NUMERALS}\d]{{1,3}}[{ITEM_COUNTERS}点]")  # 四个, 三项, 两点


def _counts_asking(word: str, question: str) -> bool:
    """Whether a word only counts what is asked for (四个 of 四个方面, 三项 of 三项措施分别是什么), not a thing the text names
    (三类 of 哪三类干部, a count it states)."""
    if not _COUNT_ONLY.fullmatch(word):
        return False
    tokens = [t for t in segmented(question) if t.strip()]
    after = next((tokens[n + 1] for n, token in enumerate(tokens[:-1]) if token == word), "")
    return after in GENERIC  # not 两个 of "…是哪两个？", which names no kind to ask the text's parts of


def library_topic_words(text: str, docs: dict[str, StudyDoc], terms: QuestionTerms | None = None) -> list[str]:
    """_topic_words of `text` in this library: without its documents' titles and the names they are signed by."""
    signed = [name for d in docs.values() for name in d.signers]
    return _topic_words(text, terms or question_terms(text), [d.title for d in docs.values()], signed)


def _topic_words(question: str, terms: QuestionTerms, titles: Sequence[str], signed: Sequence[str] = ()) -> list[str]:
    """The words naming what a study question is about, without those naming the document ("这份实施意见",
    or who gave or issued it, as its dateline says: "宋立群对青年干部提了哪几点要求");
    when there is nothing else, an answer-type word the question opens with ("主要任务有哪些" is about 任务,
    as a section "二、主要任务" says; "提出了哪几项任务" asks for tasks of the whole document)."""
    asking = _ASKING_VERB.search(question)
    frame = {asking.group(1)} if asking else set()
    of_text = {w for w in TEXT_SHAPE_WORDS for _, end in document_reference_spans(question) if re.match(rf"(?:的|分为?|分成|有)?(?:几个|哪几个|哪些)?{w}", question[end:])}
    for shape in _WHOLE_SHAPE.finditer(question):  # 文章的小标题有哪些？整体结构咋安排的; not 干部队伍的整体结构
        before = question[: shape.start()].removesuffix("的")
        if not before or before[-1] in STOPS or any(end == len(before) for _, end in document_reference_spans(question)):
            of_text |= set(shape.groups())
    if of_text or any(w in question for w in OUTLINE_WORDS):
        of_text |= set(_SHAPE_ASKED.findall(question))  # how the text's parts are set out (咋安排的), not a part on 安排
    if asks_purpose(question):
        of_text |= _PURPOSE_WORDS  # 深化体制改革这部分想达到啥目的: what the part is for, no words it must say
    of_text |= set(_AS_A_WHOLE_TOLD.findall(question))  # 整体概括一下: how it is to be told; not 总体要求, a part
    if _RELATED_TO.search(question):
        of_text.add("有关")  # 哪些措施和培训有关: how the topic is tied to, not 有关部门
    if _RELATED_PARTS.search(question):
        of_text.add("相关")  # 请把相关内容都找出来: what was asked, not 相关部门
    if "列出来" in question or "找出来" in question:
        of_text.add("出来")  # jieba's cut of 一条条列出来, 都找出来; not 总结归纳出来, what was found
    if _BY_MEANS.search(question):
        of_text.add("用")  # 用什么途径: by what means, asked; not 用人, 作用
    if _IN_SENTENCES.search(question):
        of_text |= {"用", "自己", "的话"}  # 用几句话说说, 用自己的话: how it is to be told; not 可以用哪些办法, the measures
    words = [w for w in terms.words if w not in GENERIC and w not in frame and w not in of_text and w not in INTERROGATIVES and not is_function_word(w)]
    words = [w for w in words if not _NTH_ITEM.fullmatch(w)] or words
    words = [w for w in words if not _counts_asking(w, question)]  # 四个 of "四个方面分别是啥": how many, no topic
    if "议题" in question:
        words = [w for w in words if w not in _MEETING_VERBS]
    naming = _naming_words(normalize(question), words, titles)
    named_by = [name for name in signed if name in normalize(question)]
    named_by += [m.group() for name in signed if len(name) <= 3 for m in re.finditer(rf"{name[0]}{TITLES}", question)]  # 魏局长
    words = [w for w in words if w not in naming and not any(w in name for name in named_by)]
    quoted = [title for title in (m.group(1) for m in QUOTED_TITLE.finditer(question)) if title in titles]
    words = [w for w in words if not any(w in title for title in quoted)] or words  # 《浅谈…》里深化体制改革: the title picks it
    # "造成这些问题的原因有哪些": 这些问题 points back at the problems, the causes are asked (三、原因分析, not 二、主要问题)
    pointed = [w for w in words if any(f"{anaphor}{w}" in question for anaphor in ANAPHORS)]
    if pointed and any(t in question for t in terms.answer_types):
        words = [w for w in words if w not in pointed and w not in _CAUSING]
    asked = ASKED.search(question)
    head = question[: asked.start()] if asked else question
    return words or [w for w in terms.answer_types if w in head]


def named_by_kind(question: str, doc: StudyDoc) -> bool:
    """Whether the question names the document it is about by its kind, with a word pointing at it (这个通报) or as
    what it opens with (通报里…, 通报了…): its topics are looked for in that document first. Not a kind word in
    passing (规定 of 中央八项规定, 总结 asked as a verb)."""
    kinds = [*document_kinds(question), *(kind for kind in (*DOCUMENT_KINDS, *SPEECH_WORDS) if question.startswith(kind))]
    return any(kind in doc.structure.title for kind in kinds)


@lru_cache(maxsize=1024)
def _kind_asked_of(word: str) -> re.Pattern[str]:
    """哪些制度, 几种意识: `word` asked which of."""
    return re.compile(rf"(?:哪些|哪几|几|什么)[个种项类条]?{re.escape(word)}")


def _naming_words(question: str, words: Sequence[str], titles: Sequence[str]) -> set[str]:
    """The words by which a question names a document: "这份", "意见", and the title's words just before
    such a word ("实施" of "实施意见的保障措施", "质监干部队伍建设" of "质监干部队伍建设这篇文章"). Not a kind asked
    which of ("文中提到了哪些制度": the text's 制度, not a document called one)."""
    naming = {w for w in words if is_document_reference(w)}
    naming |= {w for w in words if _overlaps(question, w, document_reference_spans(question))}
    naming = {w for w in naming if not _kind_asked_of(w).search(question)}
    for reference in list(naming):
        before = question[: question.find(reference)]
        run = next((before[i:] for i in range(len(before) - 1) if any(before[i:] in title for title in titles)), "")
        naming |= {w for w in words if w in run}
    return naming


def _overlaps(question: str, word: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the word, where the question first says it, overlaps one of the spans."""
    at = question.find(word)
    return at >= 0 and any(at < end and start < at + len(word) for start, end in spans)


def about_whole(words: Sequence[str], doc: StudyDoc, corpus: Corpus) -> bool:
    """Whether a question is about the document as a whole: it names no topic, or its title holds the topic
    ("加强基层干部队伍建设从哪几个方面入手" of a 《关于加强基层干部队伍建设的实施意见》)."""
    return not words or coverage(words, doc.title, corpus) >= TOPIC_MIN_COVERAGE


def asked_document(question: str, part: PartRef | None, docs: dict[str, StudyDoc], corpus: Corpus) -> tuple[StudyDoc, str]:
    """The document a question is about, and the note to add when the question left it open.

    The one whose title, headings or text hold most of the question's words (by rarity); when several hold
    as much ("这篇文章主要讲了什么", "总结一下第四段" in a library of several), the most recently ingested of
    them: a learner asking about "这篇文章" most likely means the one just added, and the note says so.
    """
    if len(docs) == 1:
        return next(iter(docs.values())), ""
    quoted = {normalize(m.group(1)) for m in QUOTED_TITLE.finditer(question)}
    named = [docs[doc_id] for doc_id in corpus.newest_first(docs) if normalize(docs[doc_id].title) in quoted]
    if named:  # 《浅谈质量强国与质监干部队伍建设》 is that essay, not a 心得体会 whose title quotes it
        return named[0], ""
    words = _choosing_words(question, part, docs)
    # Only documents holding a word can weigh more than nothing: the others are not looked at one by one.
    holders = {doc_id for w in words for doc_id in corpus.documents_holding(normalize(w))}
    holders |= {doc_id for doc_id, doc in docs.items() if any(w in doc.title for w in words)}
    weights = {doc_id: _weight(words, docs[doc_id], corpus) for doc_id in holders if doc_id in docs}
    top = max(weights.values(), default=0.0)
    leaders = [docs[doc_id] for doc_id in corpus.newest_first(docs) if math.isclose(weights.get(doc_id, 0.0), top)]
    if len(leaders) == 1:
        return leaders[0], ""
    return leaders[0], rivals_note(leaders[0], leaders[1:], len(docs))


def _choosing_words(question: str, part: PartRef | None, docs: dict[str, StudyDoc]) -> list[str]:
    """The words that may tell documents apart: not the part named by position ("第四段"), not the words
    asking for a kind of answer, not "这篇文章" unless a title holds it ("这份意见" of a 《…意见》)."""
    kinds = (*WORK_DOCUMENT_KINDS, *DOCUMENT_KINDS, *SPEECH_WORDS)
    named_kinds = [kind for kind in kinds if part is not None and kind in part.words]  # 讲话 of 讲话最后, 心得体会 of 心得体会最后
    if part is not None:
        question = question.replace(part.words, " ")
    titles = [doc.title for doc in docs.values()]
    words = [w for w in question_terms(question).words if w not in GENERIC and not is_function_word(w)] + named_kinds
    words += [kind for kind in document_kinds(question) if kind not in words]  # "这个办法": 办法 is no measure here
    return [w for w in words if not is_document_reference(w) or any(w in title for title in titles)]


def _weight(words: Sequence[str], doc: StudyDoc, corpus: Corpus) -> float:
    """How strongly the words point at a document: a word of its title names it, a word of a heading names
    a topic it treats, a word found only in its text is mentioned in passing."""
    return sum(
        corpus.idf(w) * (3 if w in doc.title else 2 if w in doc.headings else 1)
        for w in words
        if w in doc.text or w in doc.title
    )
