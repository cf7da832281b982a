"""Structured answers to study questions: a summary, a part's gist, a numbered list of parallel items.

Read from the document's own structure (ingest.structure), never written: every line is a verbatim span
of one paragraph and carries its own 出处. Returns None when the structure does not answer the question
(a list question whose topic heads no enumeration, say), and the question goes the ordinary extractive way,
which quotes one sentence or refuses.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from bot.answering import Answer, Source, citation, is_section_heading
from bot.corpus import Corpus
from bot.kinds_named import names_of_kind
from bot.questions import QuestionTerms, is_function_word, question_terms
from bot.question_analysis import PERSON, tagged_as, tells_author
from bot.study_intent import ADDRESSED, ARTICLE, AUTHOR, CONVENED, asks_for_list, CALL, COUNT, ISSUED, LIST, NUMBERED, PART, SUMMARY, TITLE, SIGNER_ASKED, PartRef, PlaceRef, QuotedOpening, asks_of_speech, asks_purpose, asks_shape, document_kinds, document_reference_spans, given_at, is_document_reference, is_whole_document, news_counter, part_ref, part_refs, point_ref, quoted_opening, sentence_ref, study_intent
from ingest.sections import SEPARATOR, glued_answer, heading_topic, is_question_heading, is_question_line, numbered_heading, transcript_turn
from ingest.structure import DATE, DISTRIBUTION_LABELS, LEAD_IN_END, LEAD_IN_MAX_CHARS, LISTED_POINT_MIN_CHARS, DocumentStructure, ParagraphStructure, Point, Section, embedded_heading, short_point
from ingest.tables import CELL_JOINER, LABEL_SEPARATOR, labelled_cells
from ingest.textnorm import CJK, CJK_RUN, longest_shared_run, normalize, strip_question_words
from ingest.zh_text import (
    ALL_TOLD, AS_A_WHOLE, ASKING_PARTS, CASUAL_FILLERS, CASUAL_VERBS, CN_NUMERALS, COLONS, QUOTES, COUNTED_ITEMS, ITEM_COUNTERS, cn_number, DEMONSTRATIVES, ROLE_WORDS, QUOTED_TITLE, DOCUMENT_KINDS, DOCUMENT_WORDS, INTERROGATIVES, OFFICIAL_TITLES, PERSONAL_PRONOUNS, SPEECH_WORDS, WHICH_COUNTED, WORK_DOCUMENT_KINDS, any_of, is_call,
    ASPECT_WORDS, abbreviates, clause_texts, ends_with_colon, compound_halves, is_directive, names_part,
    STOPS, LISTED_PART_SYNONYMS, MINUTES, part_synonyms, split_clauses, split_sentences, strip_indent, strip_sentence_end, CLOSING_FORMULA,
    ASKS_DONE, PLAN_WORDS, SAYING_VERBS, ANAPHORS, OUTLINE_WORDS, TEXT_SHAPE_WORDS, which_count,
)

# A list asked by how many items or which ones ("说了几条", "有哪几项"), not "怎样的" or "怎么做".
_COUNTS_ITEMS = re.compile(rf"几[条项点个类种]|哪几|哪些|{WHICH_COUNTED}")

# A part named by what it speaks of: 讲激励干部的那段, 关于作风的那部分, 说培训的那块; not 说说这部分, 讲讲这段时间
_PART_BY_THEME = re.compile(r"(?:讲|说|谈|写|关于|有关)(?![讲说谈明])[^，,。？?]{1,12}?的(?:那|这)一?(?:段|部分|块|节)(?!时间|时期|课)")
TOPIC_MIN_COVERAGE = 0.6  # share of the question's content (by rarity) a heading must hold to be its topic
# What a learner asks for across a text, where it may be said in several parts: its requirements or measures, not
# a fact (形式, 任务, 原则) one sentence states.
_ASKS_MEASURES = re.compile(r"要求|措施|举措|建议|对策|(?<!这个)(?<![本该此])办法|(?:哪些|什么|啥|几)招|招数|高招|妙招|做法|途径|怎么做|咋办|咋做")
ACROSS_MIN_SHARE = 0.4  # a sentence holding this share of a topic's words (by rarity) speaks of it ...
ACROSS_MAX_ITEMS = 4  # ... and a list across paragraphs shows at most this many of them
QUOTED_MIN_CHARS = 4  # a heading the question says this much of in one piece is the part it names
ANNOUNCEMENT_MAX_CHARS = 20  # a sentence counting a section's items before them, as 活动分三个阶段进行
GIST_MAX_CHARS = 120  # a paragraph without points, asked by position, is told by its heading and sentences up to this length
ANSWER_OPENING_CHARS = 40  # a handout's answer, listed after its question, by clauses up to at least this many characters
KEY_MAX_CHARS = 240  # ... as a topic, by its directive sentences (its measures), or by its report when it mostly reports
SECTION_WHOLE_MAX = 600  # a part asked about is told item by item in full up to this length (listed, items that are paragraphs)
SUMMARY_SUB_ITEMS = 8  # a summary names at most this many parts of each top-level section
SUB_ITEM_INDENT = "\u3000"  # a part of a section stands under the section's heading, indented
NOTE_TITLE_CHARS = 30  # titles in the note saying which document an answer is for are cut to this length
_MEETING_REPORTED = re.compile(rf"(?:{CONVENED})[^，。]{{0,30}}会(?:议)?$")  # a news report's title: 我市召开…推进会
_CAUSING = ("造成", "导致", "引起")  # what leads to the asked causes ("造成这些问题的原因"), no topic of its own
# Words that say what kind of answer is wanted, not what it is about.
_GENERIC = frozenset(
    "包括 包含 哪些方面 方面 哪些 几个 几项 几点 主要 内容 主要内容 措施 举措 要求 途径 做法 办法 任务 怎样 如何 怎么"
    " 概括 总结 归纳 一下 中心思想 大意 要点 讲了什么 什么 提出 有 哪几 几 简要 简单 说说 介绍"
    " 论述 阐述 入手 着手 做好 部分 几部分 分几 分为 分成 层面 提了 提过 讲了 谈了 说了 谈到 讲到 些 一些 这方面 做些"
    # Where the part is ("那段", "这部分") and when the reader stands ("去年", "今年"): no heading says them
    # (这块, 那块 and 做 are dropped with question_terms' stopwords already).
    " 那段 这段 那部分 这部分 那一段 这一段 分别 今年 去年 明年 全年 本年度 当前 目前 事 事情 分 取得 那章 这章 那一章 这一章 抓 干 叫"
    # jieba's cut of them: 那/一段, 分几/大部分, 分/几大块 ("培训那一段的要点是什么", "文章分几大部分", "一共分了几块").
    " 一段 一部分 一章 一节 一块 块儿 大部分 几块 几大块 大块"
    # What a part means, said simply ("统筹力量那几句啥意思，说简单点"): how the learner asks, not about what.
    " 几句 那几句 这几句 意思 啥意思 什么意思 点 简单点 通俗"
    # "列一下", "给我捋一捋": how the answer should look.
    " 列 列出 列举 罗列 捋 捋一捋 梳理 给我 招 招数 高招 妙招"
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
    # "作者认为该怎么做": who wrote the text, and what it says.
    " 作者 认为"
    # "帮我一条条列出来" (jieba: 帮/一条/条列/出来), "整体结构咋安排的": how the learner wants the answer told.
    " 帮 帮我 帮忙 一条 条列 列出来 一条条 逐条 挨个"
    # "文章有哪些小标题": the parts by their headings (结构 and 层次 only said of the text: TEXT_SHAPE_WORDS).
    " 标题".split()
    + list(OUTLINE_WORDS)
    + list(CASUAL_VERBS)
    + list(CASUAL_FILLERS)
    + list(ALL_TOLD)
)
_HELD_ON = re.compile(rf"(?:会议)?时间\s*[{COLONS}]")  # a 纪要's header line for when the meeting was held
_MEETING_DAY = re.compile(rf"{DATE.pattern}|\d{{1,2}}\s*月\s*\d{{1,2}}\s*日")  # 2024年4月16日, or 4月16日 under a dated title
_CONVENED = re.compile(rf"{CONVENED}|主持")
_DISTRIBUTION = re.compile(rf"(?:{DISTRIBUTION_LABELS})\s*[{COLONS}]")
# What a 总结 achieved ("标准化和品牌建设取得了哪些成绩"): a topic when a heading names it ("充分肯定…取得的成绩"), else
# how the learner asks of the part the other words name.
_RESULTS = frozenset(LISTED_PART_SYNONYMS[0])
# Measures by another name ("文章提出了哪些建议"): a topic where the materials say it ("三、选购建议"), else how the
# learner asks for the measures.
_ADVICE = frozenset(("建议", "对策"))
_COUNTED_IN_TEXT = re.compile(r"(?:文中|文章|全文|本文)[^，。？?]{0,4}几个")  # "文中提到了几个意识": the text's count of a kind
# What a meeting did with its 议题 ("这次局长办公会研究了哪些议题"): how the learner asks of a 纪要's parts, dropped
# only beside 议题 ("理论研究有哪些要求" names a part "二、深化理论研究").
_MEETING_VERBS = frozenset(("研究", "审议", "讨论", "议定"))
_Place = PlaceRef | QuotedOpening  # where a study question asks within a part
_PURPOSE_WORDS = frozenset(("目的", "用意", "意图", "想", "达到", "想要"))
_SHAPE_ASKED = re.compile(r"(?:咋|怎么|如何|怎样)(安排|布局|构成|组成)")  # how a text's parts are set out, asked with its shape
_WHOLE_SHAPE = re.compile(rf"({any_of(AS_A_WHOLE)})的?({any_of(TEXT_SHAPE_WORDS)})")  # the text's shape (整体结构); not 总体要求
# "从哪几个方面展开": a last word after 方面 says how the question asks, not what about ("…方面加强作风建设" does).
_ASKING_VERB = re.compile(rf"方面([{CJK}]{{1,2}})\W*$")
# Where a study question starts asking; 谁, 啥, 多少 and 咋 are not looked for, as ever (study questions seldom use them).
_ASKED = re.compile(any_of(ASKING_PARTS, without=("谁", "啥", "多少", "咋")))
_CASUAL_WHAT = re.compile("啥")  # ... but "主要目标是啥" names its heading as "主要目标是什么" does
_ASKS_WHEN = re.compile(r"哪天|哪一天|什么时候|什么时间|何时|几号|几月|日期|时间")
_TITLES = f"(?:副?(?:{any_of(OFFICIAL_TITLES)})|同志)"  # how a question names the speaker: 魏局长
_CHAPTERS_COUNTED = re.compile(r"(?:几|多少)个?章")
_ANNOUNCING_FRAME = re.compile(r"分为|分成|主要|包括|共有|进行|开展|实施|组成|安排|如下|以下|具体|整个|[本此该这]次|[分有共为是了的将]")
_ASKED_KIND = re.compile(rf"(?:几|哪几|哪些|多少)[{ITEM_COUNTERS}大]?([{CJK}]{{2,4}})")  # 分几个阶段, 有哪几类: what is counted
_SECTION_NUMBER = re.compile(rf"第?(?:(\d{{1,2}})|([{CN_NUMERALS}]{{1,3}}))(?!\d)(?![.．]\d)")  # 2, 二, 第二 of a heading's opening
_DRAFTER_LINE = re.compile(rf"^[{CJK}]{{0,6}}(?:起草|执笔|撰稿)人?\s*[{COLONS}]")  # 报告起草：…, 执笔人：…, 撰稿：…
_NAME_BREAKS = re.compile(rf"[^{CJK}]+|、")  # between the names on a dateline: spaces, brackets, 、
# A question that asks only what something is ("工作纪律是什么？", "活动时间是啥"), nothing more specific.
_WHAT_IS = re.compile(r"^[^，,。；;]{2,20}?(?:是|指|有|包括|包含)(?:什么|啥|哪些)(?:内容)?[呢啊呀吗]?[？?。！!\s]*$")
# What frames the topic before the asking part: the document named ("这份通知的"), the verb ("都有", "包括").
_HEAD_FRAME = re.compile(
    # The document by its kind with a word of its title before it, then where in it ("实施意见里的"), first:
    # the second form, all optional, matches anywhere.
    rf"^(?:请问)?(?:{any_of(DEMONSTRATIVES)})?[{CJK}]{{1,4}}?(?:{any_of(DOCUMENT_WORDS)})(?:中的|里的|中|里|提出的|规定的)"
    rf"|^(?:请问)?(?:{any_of(DEMONSTRATIVES)})?(?:{any_of(DOCUMENT_WORDS)})?(?:中的|里的|中|里|的|提出的|规定的)?"
)
_HEAD_TAIL = re.compile(rf"(?:[这那]一?(?:部分|段|块|方面|章|节))?(?:里|中|里面|当中)?(?:主要|具体|{any_of(ALL_TOLD)}|都|分别)*(?:有|包括|包含|是|分为|涉及|提出了?|讲|说|写|谈)?(?:了|的)?$")
# "总结一下第二项 抽查那块": the words beside it name the part (alone, it stays a word no heading says; 第五条 is an article).
_NTH_ITEM = re.compile(rf"第[{CN_NUMERALS}\d]{{1,3}}项")
# Who made or issued a document, as a text about it says in its opening: 研究制定了《…》, 印发了《…》.
_ISSUING = re.compile(r"(?:制定|印发|发布|出台|制发)了?《")
_ISSUED_ON = re.compile(r"印发|发布|施行|审议通过|出台")
OPENING_PARAGRAPHS = 2  # the paragraphs a text's opening is looked for in
_CONCERNING = re.compile(r"^(?:有关|相关|关于)")  # "三、有关工作要求" names 工作要求
_PLAIN_KIND = re.compile(r"^(?:工作|主要|具体)")  # "工作要求", "主要任务": the kind itself, as a heading says it
_PEOPLE = rf"人|{ROLE_WORDS}"  # people by no name: what "哪些人", "哪几位干部" list
_ASKED_PEOPLE = re.compile(rf"(?:哪几|哪些|几)(?:个|位|名)?(?:{_PEOPLE})(?![{CJK}])")  # 通报了哪几个人
# ... and what follows it when the topic comes last ("有哪几项主要措施", "有哪些工作要求").
_AFTER_ASKED = re.compile(r"^几?(?:项|个|条|点|些|类|种|大)?(?:方面)?的?")
_AFTER_END = re.compile(r"[呢吗啊呀]?[？?。！!\s]*$")


@dataclass(frozen=True)
class Item:
    """One line of a structured answer: verbatim text and where it stands."""

    text: str
    doc_id: str
    title: str
    paragraph: int
    level: int = 1  # 2 for a part listed under its section's heading in a summary


@dataclass(frozen=True)
class StudyAnswer(Answer):
    """An Answer whose quote is a list of items; JSON lists them apart under `items`."""

    items: tuple[Item, ...] = ()

    def to_json(self) -> dict:
        data = super().to_json()
        data["items"] = [item.__dict__ for item in self.items]
        return data


class StudyAnswerer:
    """Answers study questions from the structure of the documents a Corpus holds."""

    def __init__(self) -> None:
        self._cache: tuple[tuple, dict[str, _Doc]] | None = None

    def answer(self, question: str, corpus: Corpus) -> Answer | None:
        """The structured answer, or None when the question is no study question or the structure has none."""
        intent = study_intent(question)
        if not corpus.passages:
            return None
        if intent is None or intent.kind in (PART, LIST, SUMMARY):
            if (placed := self._placed_answer(question, corpus)) is not None:
                return placed
        if intent is None and _COUNTED_IN_TEXT.search(question):  # "文中提到了几个机制": no list word, the kind's names
            if (kinds := self._kinds_only(question, corpus)) is not None:
                return kinds
        if intent is None:  # "活动时间是什么" of a section "二、活动时间": its content answers
            return self._heading_answer(question, corpus)
        structures = self._structures(corpus)
        terms = question_terms(question)
        doc, note = _document(question, intent.part, structures, corpus)
        if intent.kind == COUNT:
            return _noted(_count_answer(question, doc), note)
        if intent.kind in _LETTER_LINES:
            return _from_first_with(question, doc, note, structures, corpus, lambda d: _letter_answer(question, d, intent.kind))
        if intent.kind == TITLE:
            return _noted(_title_answer(question, doc), note)
        if intent.kind == AUTHOR:
            return _noted(_author_answer(question, doc), note)
        if intent.kind == CALL:
            return _from_first_with(question, doc, note, structures, corpus, lambda d: _call_answer(question, d, intent.part))
        if intent.kind == PART and intent.part is not None:
            if intent.part.unit == ARTICLE and not doc.articles:
                return None  # "第一条措施是什么" of an essay: its first measure, read the fact way
            if not _asks_of_questions(intent.part, doc):
                return None  # "通报的第二个问题是什么": the second case, read the fact way
            if intent.part.words.startswith("会议"):  # "会议最后强调了什么": the end of a meeting's 纪要 or speech only
                part = intent.part
                return _from_first_with(question, doc, note, structures, corpus, lambda d: _part_answer(question, d, part) if _of_a_meeting(d) else None)
            return _noted(_part_answer(question, doc, intent.part), note)
        words = _library_topic_words(question, structures, terms)
        words = [w for w in words if w not in _ADVICE or w in doc.text]  # 建议 of "三、选购建议" in the document asked about
        if intent.kind == LIST and (kinds := _kinds_answer(question, words, doc)) is not None:  # "文章提到了哪些主义"
            return _noted(kinds, note)
        if intent.kind == LIST and (people := _people_unit(question, words, doc)) is not None:  # "通报了哪几个人"
            return _noted(_gist_answer(question, doc, people, as_list=True), note)
        if intent.kind == LIST and (rows := _table_rows_answer(question, doc)) is not None:  # "质量发展科牵头哪些任务"
            return _noted(rows, note)
        if intent.kind in (SUMMARY, LIST) and (labelled := _labelled_unit(question, structures, corpus)) is not None:
            return _gist_answer(question, labelled[0], labelled[1], as_list=intent.kind == LIST)
        holders = _holding(words, structures, corpus)
        if _named_by_kind(question, doc):  # "这个通报提了哪些工作要求": the 通报's, not another document's 工作主题
            holders = [d for d in holders if d is doc] or holders
        done = ASKS_DONE.search(question) is not None and not any(word in question for word in PLAN_WORDS)
        found = _topic_unit(words, holders, corpus, intent.kind, done)  # no other heading names it
        if found is None and (plain := [w for w in words if w not in _RESULTS]) and plain != words:
            found = _topic_unit(plain, _holding(plain, structures, corpus), corpus, intent.kind, done)  # 成绩 no heading names
        # "主要活动有哪些" of a section "三、主要活动": the title's 活动 leaves no topic word, the heading is word for word;
        # and a heading said word for word ("工作要求那部分") outweighs one naming a word of it (围绕工作主题).
        named = _named_unit(question, structures, corpus)
        if named is not None and (found is None or _quotes_more(normalize(question), named[1], found[1])):
            found = named
        if found is None and _PART_BY_THEME.search(question):  # "讲激励干部的那段说了啥": no heading says 激励
            found = _theme_unit(words, doc, corpus)
        if found is None and intent.kind == LIST and terms.position is None:
            found = _kind_unit(question, doc, structures, corpus) or _opened_unit(question, structures, corpus)
        # 方式 of "有哪些方式" too; not 通报 of "通报里有哪些问题", which names the document ("现将7起典型问题通报如下"
        # says no list)
        said = tuple(w for w in terms.words if not is_document_reference(w)) + tuple(t for t in terms.answer_types if t in question)
        if found is not None and intent.kind == LIST and _said_in_one_sentence(said, found[1], corpus):
            # "培训的主要内容有哪些": "…培训的主要内容包括…" says it; a heading naming 培训 does not. Unless what says it is
            # a lead-in whose items follow as paragraphs (重点抓好五项活动：): they are the list.
            if (led := _led_in_unit(words, found[0])) is None:
                return None
            if found[1].heading not in led.members:  # "直属参公单位有哪几个职位": its part of what 具体职位如下： leads in
                found = (found[0], led, found[2])
        if found is not None:
            found_doc, unit, rivals = found
            if intent.kind == LIST:
                unit = _introducing_member(unit, words) or unit
            answer = _gist_answer(question, found_doc, unit, as_list=intent.kind == LIST)
            return _noted(answer, _note(found_doc, rivals, len(structures)) if rivals else "")
        if intent.kind == LIST and terms.position is not None:
            return None  # a list in the conclusion or the opening ("总结时提出了哪几项举措"): quoted by position
        if intent.kind == SUMMARY and (is_whole_document(question) or _about_whole(words, doc, corpus)):
            return _noted(_summary_answer(question, doc), note)
        whole = intent.kind == LIST and _about_whole(words, doc, corpus)
        if whole and (section := _kind_section(question, doc)) is not None:  # "通报提了哪些要求" of "三、有关工作要求"
            return _noted(_gist_answer(question, doc, section, as_list=True), note)
        if intent.kind == LIST and (led := _led_in_unit(words, doc)) is not None:  # "今年质量月有哪几项重点活动" of 重点抓好五项活动：
            return _noted(_gist_answer(question, doc, led, as_list=True), note)
        if whole:
            return _noted(_headings_answer(question, doc), note)
        if intent.kind == LIST and terms.position is None and _COUNTS_ITEMS.search(question):
            if (introduced := _introduced_unit(question, words, holders, corpus)) is not None:
                found_doc, unit, rivals = introduced
                answer = _gist_answer(question, found_doc, unit, as_list=True)
                return _noted(answer, _note(found_doc, rivals, len(structures)) if rivals else "")
        if intent.kind == LIST and terms.position is None and (listed := _colon_list(words, structures, corpus)) is not None:
            listing_doc, text, paragraph = listed
            return _answer(question, listing_doc, [(text, paragraph)])
        if terms.position is None and _ASKS_MEASURES.search(question):
            return _noted(_across_answer(question, doc, words, corpus), note)
        return None

    def _kinds_only(self, question: str, corpus: Corpus) -> Answer | None:
        """The things of a kind a question counts in the text ("文章提到了几个机制"), or None."""
        structures = self._structures(corpus)
        doc, note = _document(question, None, structures, corpus)
        return _noted(_kinds_answer(question, _library_topic_words(question, structures), doc), note)

    def _placed_answer(self, question: str, corpus: Corpus) -> Answer | None:
        """A point, a sentence or several parts asked for by place ("体制改革的第一条", "文章第一句话是什么",
        "第二段和第三段分别讲了什么"), or None for no such question or none the documents tell."""
        point = point_ref(question)
        if point is not None and point.of:
            return self._each_part(question, point, corpus, self._point_answer)
        sentence = sentence_ref(question)
        if sentence is not None:
            return self._each_part(question, sentence, corpus, self._sentence_answer)
        if (opening := quoted_opening(question)) is not None:
            return self._each_part(question, opening, corpus, self._opening_answer)
        if parts := part_refs(question):
            doc, note = _document(question, parts[0], self._structures(corpus), corpus)
            return _noted(_parts_answer(question, parts, [_part_answer(question, doc, part) for part in parts]), note)
        return None

    def _each_part(
        self, question: str, place: _Place, corpus: Corpus, answer: Callable[[str, _Place, Corpus], Answer | None]
    ) -> Answer | None:
        """`answer` for the place in each part the question names before it ("第一段和第二段的第二句话"), or in the one."""
        parts = part_refs(place.of)
        if not parts:
            return answer(question, place, corpus)
        answers = [answer(question, replace(place, of=part.words), corpus) for part in parts]
        if any(a is None for a in answers):
            return None
        return _parts_answer(question, parts, answers)

    def _container(self, question: str, place: _Place, corpus: Corpus) -> tuple[_Doc, _Unit | None, str, str] | None:
        """Where a place is asked in: the document, the part the words before it name (by position or heading; None for
        the whole text), how the reply names that part, and the note on which document; None when those words name a
        topic no heading names, or a part that does not exist."""
        structures = self._structures(corpus)
        part = part_ref(place.of)
        # The document by the words other than the place: 第一句 and 第二条 pick none.
        doc, note = _document(question.replace(place.words, " "), part, structures, corpus)
        if part is not None:
            named = _named_part(doc, part)
            if named is None:
                return None
            unit = _Unit(named.heading, named.paragraphs) if isinstance(named, Section) else _Unit(named, (named,))
            return doc, unit, f"「{part.words}」", note
        words = [w for w in _library_topic_words(place.of, structures) if not is_document_reference(w)]
        found = _named_unit(place.of, structures, corpus) or (_topic_unit(words, _holding(words, structures, corpus), corpus, LIST) if words else None)
        if found is not None:
            found_doc, unit, rivals = found
            name = f"「{unit.heading.heading}」" if unit.heading.heading else f"《{found_doc.structure.title}》"
            return found_doc, unit, name, _note(found_doc, rivals, len(structures)) if rivals else ""
        if words and not _about_whole(words, doc, corpus):
            return None
        return doc, None, f"《{doc.structure.title}》", note

    def _point_answer(self, question: str, point: PlaceRef, corpus: Corpus) -> Answer | None:
        """The nth point of the part the words before it name ("体制改革的第二条", "第四段的第二点"), or of the
        whole text when they name only it ("文章提出的第一条措施": its nth part). None when they name no part with
        points, or a 规定's 第三条 is asked (its article, read as such)."""
        found = self._container(question, point, corpus)
        if found is None:
            return None
        doc, unit, name, note = found
        if "条" in point.words and doc.articles:
            return None
        items = _unit_items(unit) if unit is not None else [(p.heading, p) for p in doc.structure.headings()]
        if len(items) < 2:
            return None
        opening = [item for item in items if strip_indent(item[0]).startswith(point.opens)] if point.opens else []
        if not opening and abs(point.number) > len(items):
            return _missing(question, f"{name}共{len(items)}项，没有{point.words}。")
        text, paragraph = opening[0] if opening else items[point.number if point.number < 0 else point.number - 1]
        if (listed := _point_listed_as(text, paragraph)) is not None:
            return _noted(_answer(question, doc, [(f"{name}的{point.words}：", None), (strip_indent(listed.text), paragraph)]), note)
        section = next((s for s in doc.structure.sections if s.heading is paragraph), None)
        members = section.paragraphs if section is not None else (paragraph,)
        return _noted(_gist_answer(question, doc, _Unit(paragraph, members), as_list=False), note)

    def _sentence_answer(self, question: str, sentence: PlaceRef, corpus: Corpus) -> Answer | None:
        """The sentence asked for by its place in the paragraph or part the words before it name, else in the whole
        text ("文章第一句话", "第三段最后一句"), verbatim. A part that does not exist gets the reply saying how many there are."""
        found = self._container(question, sentence, corpus)
        if found is None:
            part = part_ref(sentence.of)
            if part is None:
                return None
            return _part_answer(question, _document(question.replace(sentence.words, " "), part, self._structures(corpus), corpus)[0], part)
        doc, unit, name, note = found
        members = set(map(id, unit.members)) if unit is not None else None
        said = [(text, p) for p, text, _ in doc.sentences if members is None or id(p) in members]
        if not said:
            return None
        if abs(sentence.number) > len(said):
            return _missing(question, f"{name}共{len(said)}句，没有{sentence.words}。")
        return _noted(_answer(question, doc, [said[sentence.number if sentence.number < 0 else sentence.number - 1]]), note)

    def _opening_answer(self, question: str, opening: QuotedOpening, corpus: Corpus) -> Answer | None:
        """The sentences of the part named (else of the text) that open as the question quotes, verbatim; None when
        none does, for the question to be read the fact way."""
        found = self._container(question, opening, corpus)
        if found is None:
            return None
        doc, unit, name, note = found
        members = set(map(id, unit.members)) if unit is not None else None
        start = normalize(opening.opening)
        said = [(text, p) for p, text, _ in doc.sentences if (members is None or id(p) in members) and normalize(text).startswith(start)]
        if not said:
            return None
        return _noted(_answer(question, doc, [(f"{name}中以“{opening.opening}”开头的共{len(said)}句：", None), *said]), note)

    def _heading_answer(self, question: str, corpus: Corpus) -> Answer | None:
        """The gist of the section a fact question asks about by its heading alone ("X是什么")."""
        if _WHAT_IS.match(question) is None:
            return None
        structures = self._structures(corpus)
        named = _labelled_unit(question, structures, corpus, whole=False) or _named_unit(question, structures, corpus)
        if named is None:
            return None
        doc, unit, rivals = named
        answer = _gist_answer(question, doc, unit, as_list=False, titled=False)
        return _noted(answer, _note(doc, rivals, len(structures)) if rivals else "") if answer.sources else None

    def prepare(self, corpus: Corpus) -> None:
        """Read every document's structure now: in a library of a thousand documents that takes a few
        tenths of a second, which the first study question would otherwise wait for."""
        self._structures(corpus)

    def _structures(self, corpus: Corpus) -> dict[str, _Doc]:
        """Each document's structure, rebuilt only when the corpus holds other document versions."""
        if self._cache is None or self._cache[0] != corpus.signature:
            self._cache = (corpus.signature, _from_corpus(corpus))
        return self._cache[1]


def _kinds_answer(question: str, words: Sequence[str], doc: _Doc) -> Answer | None:
    """The things of the kind a question asks which of ("文章提到了哪些主义", "讲了几种意识"): their names, then each
    sentence naming them. None when the question names more than the kind, a heading names it (the part answers),
    or the text names fewer than two."""
    if len(words) != 1 or not re.search(rf"(?:哪些|哪几|几)[种类个项]?{re.escape(words[0])}", question):
        return None
    kind = words[0]
    if any(kind in unit.heading.heading for unit, _, _ in doc.units):
        return None
    naming = [(text, p, found) for p, text, _ in doc.sentences if kind in text and (found := names_of_kind(text, kind))]
    named = [name for _, _, found in naming for name in found]
    names = list(dict.fromkeys(name for name in named if not any(other != name and other.endswith(name) for other in named)))
    if len(names) < 2:
        return None
    return _answer(question, doc, [(f"文中提到的{kind}：{'、'.join(names)}", None), *((text, p) for text, p, _ in naming)])


def _holding(words: Iterable[str], docs: dict[str, _Doc], corpus: Corpus) -> list[_Doc]:
    """The documents whose text holds one of the words, or a heading its short form spells out (深化改革 of 深化体制改革). For a
    Chinese word only the documents holding all its characters are tested (the index postings name them), not each of
    a thousand documents."""
    found: set[str] = set()
    for word in {said for word in words for said in (word, *part_synonyms(word))}:
        characters = "".join(CJK_RUN.findall(word))
        candidates = corpus.documents_with_characters(characters) if characters else None
        tested = docs if candidates is None else [doc_id for doc_id in candidates if doc_id in docs]
        found.update(doc_id for doc_id in tested if word in docs[doc_id].text or abbreviates(word, docs[doc_id].headings))
    return [doc for doc_id, doc in docs.items() if doc_id in found]


def _from_corpus(corpus: Corpus) -> dict[str, _Doc]:
    """Every document of the corpus with its structure, read for study questions."""
    structures = {doc_id: _Doc(doc_id, corpus.structure(doc_id)) for doc_id in dict.fromkeys(c.doc_id for c in corpus.passages)}
    for doc in structures.values():
        doc.read()
    return structures


@dataclass(frozen=True)
class _Doc:
    doc_id: str
    structure: DocumentStructure

    def read(self) -> None:
        """Normalise the title, text, headings and signers now: the first study question weighs every document by
        them (a tenth of a second at a thousand documents), so they are made with the structures."""
        _ = self.title, self.text, self.headings, self.signers, self.listed_items, self.openings

    @cached_property
    def title(self) -> str:
        """Normalised once: a library of a thousand documents is weighed for every study question."""
        return normalize(self.structure.title)

    @cached_property
    def text(self) -> str:
        return normalize("".join(p.text for p in self.structure.paragraphs))

    @cached_property
    def headings(self) -> str:
        """Every section and paragraph heading, normalised: a word in one names a topic the document treats."""
        return "\x00".join(heading for _, heading, _ in self.units)

    @cached_property
    def signers(self) -> tuple[str, ...]:
        """The names on the dateline that the text never uses: who gave or issued it (宋立群,
        江川市市场监督管理局), not its date, nor a word the text speaks of too."""
        lines = self.structure.issuer_lines
        if not lines:
            return ()
        dateline = normalize(" ".join(line.text for line in lines))
        body = self.text
        for line in lines:
            body = body.replace(normalize(line.text), "")
        return tuple(name for name in _NAME_BREAKS.split(DATE.sub(" ", dateline)) if len(name) >= 2 and name not in body)

    @cached_property
    def units(self) -> tuple[tuple[_Unit, str, bool], ...]:
        """Each section and titled paragraph with its normalised heading and whether it lists items."""
        return tuple((unit, normalize(unit.label or unit.heading.heading), len(_unit_items(unit)) >= 2) for unit in _units(self))

    @cached_property
    def listed_items(self) -> tuple[tuple[_Unit, tuple[str, ...]], ...]:
        """The units that list items, with what tells each item from the others (its normalised text past the
        opening they all share): "四、工作步骤" lists 动员部署阶段, 排查整治阶段 …, which is what "分几个阶段" asks
        for; the essay's three parts, all opening 质监干部工作要为…, are no list of 干部."""
        listed = []
        for unit, _, lists in self.units:
            if lists:
                items = [normalize(text) for text, _ in _unit_items(unit)]
                shared = len(os.path.commonprefix(items))
                listed.append((unit, tuple(item[shared:] for item in items)))
        return tuple(listed)

    @cached_property
    def sentences(self) -> tuple[tuple[ParagraphStructure, str, str], ...]:
        """Each sentence of the text's paragraphs (not headings alone), as written and normalised: read once, not
        for every question looking across the document."""
        return tuple(
            (paragraph, sentence, normalize(sentence))
            for paragraph in self.structure.text_paragraphs
            if not paragraph.heading_only
            for sentence in map(strip_indent, split_sentences(paragraph.text))
        )

    @cached_property
    def sections_by_position(self) -> tuple[Section | ParagraphStructure, ...]:
        """The top-level sections, or, where numbered paragraphs open sections of their own ("一、问：…？答：…"),
        those: what "第三部分" and "第十问" count."""
        sections = self.structure.top_sections()
        if len(sections) >= 2:
            return tuple(sections)
        return tuple(p for p in self.structure.text_paragraphs if p.section and SEPARATOR not in p.section and _opens_section(p))

    @cached_property
    def articles(self) -> dict[int, ParagraphStructure]:
        """The paragraphs that open articles, by number (第十二条 → 12; the first of a number said twice): none in a
        document without articles."""
        found: dict[int, ParagraphStructure] = {}
        for paragraph in self.structure.text_paragraphs:
            number = _article_number(paragraph)
            if number is not None:
                found.setdefault(number, paragraph)
        return found

    @cached_property
    def openings(self) -> tuple[tuple[str, ParagraphStructure], ...]:
        """The paragraphs whose points all open alike, with that opening, normalised."""
        return tuple((normalize(opening), p) for p in self.structure.text_paragraphs if (opening := p.shared_opening()))


def _library_topic_words(text: str, docs: dict[str, _Doc], terms: QuestionTerms | None = None) -> list[str]:
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
    if "列出来" in question:
        of_text.add("出来")  # jieba's cut of 一条条列出来; not 总结归纳出来, what was found
    words = [w for w in terms.words if w not in _GENERIC and w not in frame and w not in of_text and w not in INTERROGATIVES and not is_function_word(w)]
    words = [w for w in words if not _NTH_ITEM.fullmatch(w)] or words
    if "议题" in question:
        words = [w for w in words if w not in _MEETING_VERBS]
    naming = _naming_words(normalize(question), words, titles)
    named_by = [name for name in signed if name in normalize(question)]
    named_by += [m.group() for name in signed if len(name) <= 3 for m in re.finditer(rf"{name[0]}{_TITLES}", question)]  # 魏局长
    words = [w for w in words if w not in naming and not any(w in name for name in named_by)]
    quoted = [title for title in (m.group(1) for m in QUOTED_TITLE.finditer(question)) if title in titles]
    words = [w for w in words if not any(w in title for title in quoted)] or words  # 《浅谈…》里深化体制改革: the title picks it
    # "造成这些问题的原因有哪些": 这些问题 points back at the problems, the causes are asked (三、原因分析, not 二、主要问题)
    pointed = [w for w in words if any(f"{anaphor}{w}" in question for anaphor in ANAPHORS)]
    if pointed and any(t in question for t in terms.answer_types):
        words = [w for w in words if w not in pointed and w not in _CAUSING]
    asked = _ASKED.search(question)
    head = question[: asked.start()] if asked else question
    return words or [w for w in terms.answer_types if w in head]


def _said_in_one_sentence(words: tuple[str, ...], unit: _Unit, corpus: Corpus) -> bool:
    """Whether a clause of the text, not a heading, holds every word of the question while the heading of
    `unit` does not: the sentence answers more exactly than the part. One clause, not a sentence: a closing
    call (…更加务实的工作作风，凝心聚力、真抓实干，…为建设质量强市…) holds 作风, 抓 and 建设 far apart, and
    says nothing of "作风建设要怎么抓"."""
    heading = normalize(unit.heading.heading)
    if not words or all(w in heading for w in words):
        return False
    return any(
        not is_section_heading(c) and not corpus.is_heading(c) and _in_one_clause(words, c.text) and not _counts_only(words, c.text)
        for c in corpus.sentences_holding(words)
    )


def _counts_only(words: Sequence[str], text: str) -> bool:
    """Whether a sentence only counts what it is about, naming none of it ("活动分三个阶段进行。", "主要任务有以下四项"):
    it announces the list that follows, which is the answer. "培训分为线上和线下两种" names them: it says the list."""
    rest = normalize(text)
    if not COUNTED_ITEMS.search(rest):
        return False
    for word in words:
        rest = rest.replace(word, "")
    return len("".join(CJK_RUN.findall(_ANNOUNCING_FRAME.sub("", COUNTED_ITEMS.sub("", rest))))) <= 1


def _in_one_clause(words: Sequence[str], text: str) -> bool:
    """Whether one clause of `text` holds every word: a sentence's clauses say different things."""
    return any(all(w in clause for w in words) for clause in map(normalize, clause_texts(text)))


def _named_unit(question: str, docs: dict[str, _Doc], corpus: Corpus) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The section or titled paragraph whose heading is, word for word, what the question asks about
    ("工作要求有几条" of "四、工作要求"; "这份通知的主要活动有哪些"), in the newest document that has one,
    with the other documents that have it too."""
    asked = _ASKED.search(question) or _CASUAL_WHAT.search(question) or _PART_SAYS.search(question) or _SUMMING_UP.match(question)
    if asked is None:
        return None
    head = _HEAD_TAIL.sub("", _HEAD_FRAME.sub("", normalize(question[: asked.start()]), count=1), count=1)
    tail = _AFTER_END.sub("", _AFTER_ASKED.sub("", normalize(question[asked.end() :]), count=1), count=1)
    tail = _HEAD_TAIL.sub("", tail.strip(_QUOTE_MARKS + "的"), count=1) if asked.re is _SUMMING_UP else tail  # 总结一下“绩”这一部分
    owned = head.rsplit("的", 1)[-1]  # "这次监管工作的主要目标是啥": 主要目标, whose it is said before 的
    # "…有哪几项主要措施" names 主要措施 after; one character names a heading of one ("德这一部分讲了哪几点" of 一、德)
    named = {phrase.strip(_QUOTE_MARKS) for phrase in (head, tail, owned)} - {""}
    if not named:
        return None
    numbered = {phrase for phrase in named if numbered_heading(phrase) is not None}
    aspects = {m.group(1).removeprefix("在") for m in _ASPECT.finditer(normalize(question))}  # 在勤的方面: 勤
    found = [
        (docs[doc_id], unit)
        for doc_id in corpus.newest_first(docs)
        for unit, heading, _ in docs[doc_id].units
        if {topic := normalize(heading_topic(heading)), _CONCERNING.sub("", topic)} & {p for p in named if len(p) >= 2 or len(topic) == 1}
        or (numbered and normalize(strip_indent(unit.heading.text)) in numbered)  # 四、绩 names it with its number too
        or (len(topic) == 1 and any(aspect == topic or aspect in ASPECT_WORDS.get(topic, ()) for aspect in aspects))  # 能力方面 of 二、能
    ]
    return _first_with_rivals(found)


def _first_with_rivals(found: list[tuple[_Doc, _Unit]]) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The first unit found, with the other documents that have one too (for the note naming the one taken)."""
    if not found:
        return None
    doc, unit = found[0]
    return doc, unit, list(dict.fromkeys(d for d, _ in found[1:] if d is not doc))


_QUOTE_MARKS = QUOTES + "「」『』"
# An aspect named by a word of its one-character heading: "能力方面" of 二、能, "在勤的方面", "廉洁这块" (德能勤绩廉).
_ASPECT = re.compile(rf"([{CJK}]{{1,2}})的?(?:方面|这一?(?:部分|块|方面))")
_PART_SAYS = re.compile(r"(?:咋|怎么)(?:说|讲|写)的?")  # "培训费用那部分咋说的": the part is named before
_SUMMING_UP = re.compile(r"^\s*(?:请)?(?:总结|概括|归纳|梳理|捋)(?:一下)?")  # "总结一下…": what follows names the part
BARE_LABEL_MAX_CHARS = 4  # 基本案情, 处理结果, 编者按: a label naming a part, not what it says
# A heading's label: a word and its number before a colon or space (案例二：…, 专题3 …), which names it in a question.
_NUMBERED_LABEL = re.compile(rf"^([{CJK}]{{1,6}}[{CN_NUMERALS}\d]{{1,3}})(?=[{COLONS}\s]|$)")


def _labelled_unit(question: str, docs: dict[str, _Doc], corpus: Corpus, whole: bool = True) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The section a question names by its heading's label ("案例二的处理结果是什么" of "案例二：金禾加油站…"), or the
    section under it whose heading the rest of the question names (its 处理结果, not case one's): in a compilation
    every case has the same sub-headings, and only the label tells them apart. Not the whole section unless
    `whole`: a fact asked of a case is a sentence in it."""
    asked = normalize(question)
    for doc_id in corpus.newest_first(docs):
        doc = docs[doc_id]
        for unit, heading, _ in doc.units:
            label = _NUMBERED_LABEL.match(heading) if unit.heading.heading_only else None  # the label before the colon
            if label is None or (at := re.search(rf"{re.escape(label.group(1))}(?![{CN_NUMERALS}\d])", asked)) is None:
                continue
            rest = asked[: at.start()] + SEPARATOR + asked[at.end() :]
            within = unit.heading.section + SEPARATOR
            subs = [(sub, longest_shared_run((rest,), sub_heading)) for sub, sub_heading, _ in doc.units if sub.heading.section.startswith(within)]
            best = max(subs, key=lambda found: found[1], default=None)
            if best is not None and best[1] >= 2:
                return doc, best[0], []
            return (doc, unit, []) if whole else None  # "案例三的处罚依据是什么": a sentence in it, the fact way
    return None


def _kind_unit(question: str, doc: _Doc, docs: dict[str, _Doc], corpus: Corpus) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The unit whose items are each what the question counts ("分几个阶段" of 动员部署阶段, 排查整治阶段 …), in
    the document the question is about (`doc`), else the newest that has one, with the others that have one too."""
    asked = [m.group(1) for m in _ASKED_KIND.finditer(normalize(question))]
    if not asked:
        return None
    kinds = {word[:size] for word in asked for size in range(2, len(word) + 1)} - _GENERIC  # 阶段 of 阶段都, not 方面
    found = [
        (docs[doc_id], unit)
        for doc_id in [doc.doc_id, *(d for d in corpus.newest_first(docs) if d != doc.doc_id)]
        for unit, items in docs[doc_id].listed_items
        if any(all(kind in item for item in items) for kind in kinds)
    ]
    return _first_with_rivals(found)


def _kind_section(question: str, doc: _Doc) -> _Unit | None:
    """The one top-level section whose heading is nothing but the kind of item the question lists ("哪些要求" of
    "三、有关工作要求", "主要任务"): of a 通报 of cases, lessons and requirements, "提了哪些要求" asks for the last.
    Not a heading that qualifies the kind ("总体要求" of an 意见 is one part of what it requires)."""
    asked = [m.group(1) for m in _ASKED_KIND.finditer(normalize(question))]
    kinds = {word[:size] for word in asked for size in range(2, len(word) + 1)}
    found = [
        _Unit(section.heading, section.paragraphs)
        for section in doc.structure.top_sections()
        if _PLAIN_KIND.sub("", _CONCERNING.sub("", normalize(heading_topic(section.heading.text)))) in kinds
    ]
    return found[0] if len(found) == 1 else None


def _people_unit(question: str, words: Sequence[str], doc: _Doc) -> _Unit | None:
    """The unit of the question's document whose items mostly name a person, when the question lists people and
    says nothing else the document holds that the unit lacks ("通报了哪几个人" of a 通报's cases, each headed by who
    did what; not "回访教育的对象是哪些干部"). A name as jieba's tagger reads one, not a role word (干部, 人员), and in
    most items, not all: the tagger misses some names."""
    if _ASKED_PEOPLE.search(question) is None:
        return None
    said = [w for w in words if w in doc.text and not re.fullmatch(_PEOPLE, w)]
    for unit, _, lists in doc.units:
        items = [text for text, _ in _unit_items(unit)] if lists else []
        told = normalize("".join(p.text for p in (unit.heading, *unit.members)))
        if items and all(w in told for w in said) and sum(tagged_as(text, PERSON) for text in items) * 2 > len(items):
            return unit
    return None


def _opened_unit(question: str, docs: dict[str, _Doc], corpus: Corpus) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The paragraph whose points all open as the question does ("质监干部工作要为质量强国干哪几件事" of
    质监干部工作要为质量强国凝聚共识。…培养人才。…统筹力量。): those points are what it asks for."""
    asked, count = normalize(question), which_count(question)
    for doc_id in corpus.newest_first(docs):
        for opening, paragraph in docs[doc_id].openings:
            if opening in asked and count in (None, len(paragraph.points)):
                return docs[doc_id], _Unit(paragraph, (paragraph,)), []
    return None


def _introduced_unit(question: str, words: Sequence[str], docs: Sequence[_Doc], corpus: Corpus) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The paragraph whose points (一是…二是…) follow a lead-in naming every topic word, two or more, all of which the
    materials know, bar those its headings name ("人事改革那块一共说了几条" of "…必须进一步深化质监干部人事制度改革…。一是…四是…", under a heading
    that says 体制改革): no heading names the topic, the sentences introducing the points do. One such paragraph
    in a document, else the question does not tell which; the newest document's, with the others that have one."""
    topic = [said for said in map(normalize, words) if corpus.knows(said)]
    unknown = [said for said in map(normalize, words) if said not in topic and len(said) >= 2]
    if len(topic) < 2 or unknown:
        return None  # a thing the materials never name is no topic they introduce: 示范城市 of "质量强国示范城市有哪些"
    posts = "".join(m.group() for m in re.finditer(_TITLES, question))
    by_id = {doc.doc_id: doc for doc in docs}
    found = []
    for doc in (by_id[doc_id] for doc_id in corpus.newest_first(by_id)):
        introduced = [p for p in doc.structure.text_paragraphs if len(p.points) >= 2 and _introduces(p, topic, posts)]
        if len(introduced) == 1:
            found.append((doc, _Unit(introduced[0], (introduced[0],))))
    return _first_with_rivals(found)


def _introducing_member(unit: _Unit, words: Sequence[str]) -> _Unit | None:
    """The one paragraph of a section whose points a lead-in naming every topic word introduces, when another
    paragraph of it has points too: "主要目标有哪几个" of "一、总体要求和主要目标" lists what 主要目标是： leads in,
    not the 三条原则 before it. None when no paragraph, or more than one, leads in so."""
    topic = [normalize(w) for w in words]
    listing = [p for p in unit.members if len(p.points) >= 2]
    if not topic or len(listing) < 2:
        return None
    led = [p for p in listing if all(w in _lead_in(p) for w in topic)]
    return _Unit(led[0], (led[0],)) if len(led) == 1 else None


def _colon_list(words: Sequence[str], docs: dict[str, _Doc], corpus: Corpus) -> tuple[_Doc, str, ParagraphStructure] | None:
    """The sentence that lists, with no marker numbering its items, what a lead-in naming every topic word introduces
    ("我们也要清醒看到存在的问题：基层检验检测能力仍然薄弱…；老旧电梯占比较高…；…。"): from the lead-in's sentence to the
    full stop after its colon. In the newest document holding every topic word and one such paragraph; None when it
    has two, which the question does not tell apart."""
    topic = [said for said in map(normalize, words) if said not in SAYING_VERBS]
    if not topic:
        return None
    for doc_id in corpus.newest_first(docs):
        if not all(said in docs[doc_id].text for said in topic):
            continue  # "耶利米的著作有哪些" of a document that never names him: no 著作 of another answers
        found = [(docs[doc_id], *listed) for p in docs[doc_id].structure.text_paragraphs if not p.points and (listed := _listing(p, topic)) is not None]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _listing(paragraph: ParagraphStructure, topic: Sequence[str]) -> tuple[str, ParagraphStructure] | None:
    """A paragraph's items after a lead-in naming `topic` (see _colon_list), with the lead-in's sentence, else None.
    A paragraph opening with a bare label ("考生须知：…") is that label's whole, not the clauses up to its first stop."""
    text = paragraph.text
    for colon in LEAD_IN_END.finditer(text):
        start = max(text.rfind(stop, 0, colon.start()) for stop in STOPS) + 1
        lead_in = strip_indent(text[start : colon.start()])
        if start == 0 and len(lead_in) <= BARE_LABEL_MAX_CHARS:
            return None
        end = min((at for stop in STOPS if (at := text.find(stop, colon.end())) >= 0), default=len(text))
        if len(lead_in) <= LEAD_IN_MAX_CHARS and len(split_clauses(text[colon.end() : end])) >= 2 and all(word in normalize(lead_in) for word in topic):
            return strip_indent(text[start : end + 1]), paragraph
    return None


def _introduces(paragraph: ParagraphStructure, topic: Sequence[str], posts: str = "") -> bool:
    """Whether a paragraph's lead-in names two topic words or more, and its headings the rest ("形势分析会对二季度部署了
    哪些工作" of "会议对二季度工作作出部署：一是…" under the headline "市局召开一季度质量安全形势分析会"); a word of a
    post the question gives its speaker (`posts`: 副市长 of "周立新副市长讲话") need not be said there."""
    lead_in, headings = _lead_in(paragraph), normalize(paragraph.section)
    named = [w for w in topic if w in lead_in]
    return len(named) >= 2 and all(w in lead_in or w in headings or w in posts for w in topic)


def _lead_in(paragraph: ParagraphStructure) -> str:
    """The sentence just before a paragraph's first point, normalised: what introduces the points, not the
    paragraph's other sentences; or the lead-in the first point opens with ("会议对二季度工作作出部署：一是…；").
    One opening with 他 or 她 takes the sentence before it too, which says who ("周立新在讲话中…。他强调，…")."""
    first = paragraph.points[0]
    glued = first.text[: max(first.text.find(first.short), 0)]
    if glued.strip():
        return normalize(glued)
    before = split_sentences(paragraph.text[: max(paragraph.text.find(first.text), 0)])
    if len(before) >= 2 and before[-1].lstrip().startswith(PERSONAL_PRONOUNS):
        return normalize(before[-2] + before[-1])
    return normalize(before[-1]) if before else ""


def _named_by_kind(question: str, doc: _Doc) -> bool:
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


def _about_whole(words: Sequence[str], doc: _Doc, corpus: Corpus) -> bool:
    """Whether a question is about the document as a whole: it names no topic, or its title holds the topic
    ("加强基层干部队伍建设从哪几个方面入手" of a 《关于加强基层干部队伍建设的实施意见》)."""
    return not words or _coverage(words, doc.title, corpus) >= TOPIC_MIN_COVERAGE


def _document(question: str, part: PartRef | None, docs: dict[str, _Doc], corpus: Corpus) -> tuple[_Doc, str]:
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
    return leaders[0], _note(leaders[0], leaders[1:], len(docs))


def _choosing_words(question: str, part: PartRef | None, docs: dict[str, _Doc]) -> list[str]:
    """The words that may tell documents apart: not the part named by position ("第四段"), not the words
    asking for a kind of answer, not "这篇文章" unless a title holds it ("这份意见" of a 《…意见》)."""
    kinds = (*WORK_DOCUMENT_KINDS, *DOCUMENT_KINDS, *SPEECH_WORDS)
    named_kinds = [kind for kind in kinds if part is not None and kind in part.words]  # 讲话 of 讲话最后, 心得体会 of 心得体会最后
    if part is not None:
        question = question.replace(part.words, " ")
    titles = [doc.title for doc in docs.values()]
    words = [w for w in question_terms(question).words if w not in _GENERIC and not is_function_word(w)] + named_kinds
    words += [kind for kind in document_kinds(question) if kind not in words]  # "这个办法": 办法 is no measure here
    return [w for w in words if not is_document_reference(w) or any(w in title for title in titles)]


def _weight(words: Sequence[str], doc: _Doc, corpus: Corpus) -> float:
    """How strongly the words point at a document: a word of its title names it, a word of a heading names
    a topic it treats, a word found only in its text is mentioned in passing."""
    return sum(
        corpus.idf(w) * (3 if w in doc.title else 2 if w in doc.headings else 1)
        for w in words
        if w in doc.text or w in doc.title
    )


def _note(doc: _Doc, others: Sequence[_Doc], library: int) -> str:
    """One line naming the document an answer is for when others fit the question as well, and how to
    ask about another: it names one of them as the example."""
    if len(others) + 1 == library:
        chosen = f"资料库共有{library}篇文章，以上按最近导入的《{_short_title(doc)}》回答"
    else:
        chosen = f"资料库中有{len(others) + 1}篇文章都符合，以上按其中最近导入的《{_short_title(doc)}》回答"
    return f"{chosen}；问其他文章请带上标题，如「《{_short_title(others[0])}》主要讲了什么」。"


def _short_title(doc: _Doc) -> str:
    title = doc.structure.title
    return title if len(title) <= NOTE_TITLE_CHARS else title[:NOTE_TITLE_CHARS] + "…"


def _noted(answer: Answer | None, note: str) -> Answer | None:
    """The answer with `note` after any note it has."""
    return replace(answer, note=answer.note + note) if answer is not None and note else answer


def _coverage(words: Sequence[str], text: str, corpus: Corpus) -> float:
    """The share of the words (by rarity) a normalised text holds."""
    if not words:
        return 0.0
    total = sum(corpus.idf(w) for w in words)
    return sum(corpus.idf(w) for w in words if w in text) / total if total else 0.0


@dataclass(frozen=True)
class _Unit:
    """A section, a titled paragraph or a part of a paragraph (ParagraphStructure.parts) a question may be about."""

    heading: ParagraphStructure
    members: tuple[ParagraphStructure, ...]  # the paragraph itself, or the paragraphs of a section
    label: str = ""  # what names it, when not all its heading does: a part's words after the opening all share


def _units(doc: _Doc) -> list[_Unit]:
    """Not a question standing alone (a 思考题's "2. 查处加油机作弊案件时，如何计算违法所得？"): it names a question, no topic."""
    sections = [_Unit(s.heading, s.paragraphs) for s in doc.structure.sections if s.paragraphs or not is_question_line(s.heading.text)]
    titled = [_Unit(p, (p, *_introduced(p, doc.structure.paragraphs))) for p in doc.structure.paragraphs if p.heading and not p.heading_only]
    parts = [_Unit(part, (part,), _label(part, p)) for p in doc.structure.paragraphs for part in p.parts()]
    return sections + titled + parts


def _led_in_unit(words: Sequence[str], doc: _Doc) -> _Unit | None:
    """The one paragraph ending in a colon, with items it introduces, that holds every topic word the title does not:
    "今年质量月有哪几项重点活动" of a 质量月 发布会实录 lists the five activities after 重点抓好五项活动：, not the
    document's parts. None without topic words beyond the title's, or with two such paragraphs."""
    title = normalize(doc.title)
    topic = [said for said in map(normalize, words) if said not in title]
    if not topic:
        return None
    paragraphs = doc.structure.paragraphs
    found = [  # the lead-ins first: a paragraph's text is normalised only when it introduces items
        (p, introduced) for p in doc.structure.text_paragraphs
        if len(introduced := _introduced(p, paragraphs)) >= 2 and all(word in normalize(p.text) for word in topic)
    ]
    return _Unit(found[0][0], (found[0][0], *found[0][1])) if len(found) == 1 else None


def _introduced(paragraph: ParagraphStructure, paragraphs: Sequence[ParagraphStructure]) -> tuple[ParagraphStructure, ...]:
    """The paragraphs under a titled paragraph that ends in a colon ("（四）工作组。指挥部下设四个工作组："), in the
    sections its numbered items open (1.现场处置组 …): what it introduces is part of it."""
    if not paragraph.section or not ends_with_colon(paragraph.text):
        return ()
    within = paragraph.section + SEPARATOR
    after = paragraphs[paragraph.number :]  # numbered from 1: the ones after it
    return tuple(itertools.takewhile(lambda p: p.section.startswith(within), after))


def _label(part: ParagraphStructure, paragraph: ParagraphStructure) -> str:
    """A part of a paragraph is named by what follows the opening its points share ("质量强国培养人才" of
    "质监干部工作要为质量强国培养人才"): "质监干部工作" names all of them, so none. Only the opening that made
    them points is cut: a longer shared prefix may end inside a word (为质量强国培养, 培育)."""
    shared = paragraph.shared_opening()
    return part.heading[len(shared) :] if part.heading.startswith(shared) else part.heading


def _topic_unit(
    words: Sequence[str], docs: Iterable[_Doc], corpus: Corpus, kind: str, done: bool = False
) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The section or paragraph, in any document, whose heading names the question's topic, with the other
    documents one of whose headings names it as well (then the most recently ingested document's is taken).

    The words of a document's title only pick the document ("基层干部" of a 《…基层干部队伍建设…意见》): the
    heading must name the rest, and name more of the question than the title does, else the question is about
    the whole document ("加强质监干部队伍建设有哪几项措施" is not about "加强作风建设"). A list question
    answered by a paragraph without items needs a heading naming every word of its topic, title words too
    ("强化教育培训有哪些做法", not "干部培训的形式有哪些"), unless it names two or more words beside the
    title's ("转变作风这块要求干部做些啥" of a speech on 干部队伍建设: "三是着力转变工作作风"). Asked what was `done`,
    a part of a plan (下一步打算) gives way to another naming the topic as much.
    """
    idf = {w: corpus.idf(w) for w in words}
    by_id = {doc.doc_id: doc for doc in docs}
    best, best_score, best_share, rivals = None, 0.0, 0.0, []
    for doc in (by_id[doc_id] for doc_id in corpus.newest_first(by_id)):
        # A word the text holds is a topic; one it lacks may be the title's said in short (电动车 of 电动自行车).
        focus = [w for w in words if w not in doc.title and (w in doc.text or not abbreviates(w, doc.title))]
        if not any(names_part(w, doc.text) or abbreviates(w, doc.headings) for w in focus):
            continue  # a heading is part of the text: none names this topic
        total = sum(idf[w] for w in focus)
        for unit, heading, listed in doc.units:
            named = sum(idf[w] for w in focus if _names_heading(w, heading))
            score = named / total if total else 0.0
            if done and any(word in unit.heading.section for word in PLAN_WORDS):
                score -= 1e-9  # a tie goes to what was done
            if score < best_score or named <= sum(idf[w] for w in words if w in doc.title and w not in heading):
                continue
            named_all = all(_names_heading(w, heading) for w in (focus if len(focus) >= 2 else words))
            if not ((score >= TOPIC_MIN_COVERAGE) if listed or kind != LIST else named_all):
                continue
            # Of two headings of one document naming as much, the one that is more wholly the topic: "（二）整治重点",
            # not "二、整治范围和重点" above it.
            share = sum(len(w) for w in focus if _names_heading(w, heading)) / max(1, sum(map(len, CJK_RUN.findall(heading))))
            if best is None or score > best_score or (best[0] is doc and score == best_score and share > best_share):
                best, best_score, best_share, rivals = (doc, unit), score, share, []
            elif best[0] is not doc and doc not in rivals:
                rivals.append(doc)
    return None if best is None else (best[0], best[1], rivals)


def _names_heading(word: str, heading: str) -> bool:
    """Whether a question's word names what a heading does (zh_text.names_part), or is its short form: jieba keeps 深化改革
    whole, which 深化体制改革 spells out."""
    return names_part(word, heading) or abbreviates(word, heading)


def _theme_unit(words: Sequence[str], doc: _Doc, corpus: Corpus) -> tuple[_Doc, _Unit, list[_Doc]] | None:
    """The titled paragraph or section of `doc` whose text holds most of the topic words its title lacks (by rarity), when
    it holds more than any other part or paragraph: a part named by what it speaks of ("讲激励干部的那段": 激励机制 is in
    提供展示舞台,激发干部潜能)."""
    focus = [w for w in map(normalize, words) if w not in doc.title]
    if not focus:
        return None
    scored = [(_coverage(focus, normalize("".join(p.text for p in unit.members)), corpus), unit) for unit, _, _ in doc.units if not unit.label]
    best = max((score for score, _ in scored), default=0.0)
    if best <= 0:
        return None
    tied = sorted((unit for score, unit in scored if score >= best), key=lambda u: len(u.members))
    unit = tied[0]  # of a section and its own paragraph scoring alike, the paragraph
    if any(not set(unit.members) <= set(other.members) for other in tied[1:]):
        return None
    others = [p for p in doc.structure.text_paragraphs if p not in unit.members and p is not doc.structure.conclusion]
    if any(_coverage(focus, normalize(p.text), corpus) >= best for p in others):
        return None  # another paragraph speaks of it as much (廉洁: 清正廉洁 in the first, 廉洁自律 in the fifth), bar the close recapping all
    return doc, unit, []


def _quotes_more(question: str, unit: _Unit, other: _Unit) -> bool:
    """Whether `unit`'s heading holds a piece of the question of QUOTED_MIN_CHARS or more, longer than any
    `other`'s holds: a phrase quoted, not a word or two ("不足" of "二是监管力量相对不足")."""
    quoted = longest_shared_run((question,), normalize(unit.label or unit.heading.heading))
    return quoted >= QUOTED_MIN_CHARS and quoted > longest_shared_run((question,), normalize(other.label or other.heading.heading))


def _unit_items(unit: _Unit, details: bool = False) -> list[tuple[str, ParagraphStructure]]:
    """The parallel items under a heading: sub-section headings, else enumerated points, else topic sentences; with
    `details` (a part summed up, not listed), the lines between items labelled alike too (责任人：…)."""
    members = unit.members
    if unit.heading.heading_only or len(members) > 1:  # a section, or a lead-in with the paragraphs it introduces
        depth = min((_depth(p) for p in members if p.heading_only), default=0)
        subsections = [(_with_answer(p, members), p) for p in members if p.heading_only and _depth(p) == depth and p is not unit.heading]
        if len(subsections) >= 2:
            return (not details and _same_labelled(subsections)) or subsections
        # A chapter's 第四条, 第五条 … all of them, before the few whose opening clause reads as a heading.
        articles = [(short_point(p.text), p) for p in members if _is_article(p) and p is not unit.heading]
        if len(articles) >= 2:
            return articles
        # A list's numbered items, each a paragraph saying all it says in one sentence (1. 对…实施监督检查，每名…。),
        # all of them, not only the few that say more after it (they keep their own numbers: see _numbered); with a
        # heading alone among them, numbered alike, whose items are a level below ("（三）所需材料。" between (二) and (四)).
        numbered = [p for p in members if not p.heading_only and numbered_heading(p.text) is not None]
        shallowest = min(map(_depth, numbered), default=0)
        styles = {numbered_heading(p.text).style for p in numbered if _depth(p) == shallowest}
        items = [
            (p.heading or short_point(p.text), p) for p in members
            if p is not unit.heading and _depth(p) == shallowest and (own := numbered_heading(p.text)) is not None
            and (not p.heading_only or own.style in styles)
        ]
        if len(items) >= 2:
            return items
        # A record of questions and answers (询问记录: 问：… 答：…): what was asked, each question, not the few lines
        # short enough to read as headings.
        turns = [transcript_turn(p.text) for p in members]
        asked = [p for p, turn in zip(members, turns) if turn == "问"]
        if len(asked) >= 2 and "答" in turns:
            return [(short_point(split_sentences(p.text)[0]), p) for p in asked]
        titled = [(p.heading, p) for p in members if p.heading and not p.heading_only and p is not unit.heading]
        if len(titled) >= 2:
            return (not details and _same_labelled(titled)) or titled
    points = [(point.short, p) for p in members for point in p.points]
    if len(points) >= 2:
        return points
    titled = [(p.heading, p) for p in members if p.heading and not p.heading_only]
    below = [item for item in titled if item[1] is not unit.heading]  # a lead-in's items, not the lead-in
    return below if len(below) >= 2 else titled


def _with_answer(heading: ParagraphStructure, members: Sequence[ParagraphStructure]) -> str:
    """A sub-section's heading as a list shows it; a handout's question with the opening of its answer after it
    (问：标准分为哪几类？答：按照…), since the questions alone teach nothing; so is an unnumbered label of a few
    characters that every case of a compilation repeats (基本案情：2025年3月12日，…)."""
    after = next((p for p in members if p.number == heading.number + 1 and not p.heading_only), None)
    if not is_question_line(heading.text):
        if after is None or numbered_heading(heading.text) is not None or len(heading.heading) > BARE_LABEL_MAX_CHARS:
            return heading.heading
        return f"{heading.heading}：{_answer_opening(after.text)}"  # 基本案情, 处理结果: a label, no gist
    question = f"问：{heading_topic(strip_indent(heading.text))}"  # the list numbers it: not "1. 1. 问：…" (review)
    return question if after is None else f"{question}{_answer_opening(after.text)}"


def _answer_opening(text: str) -> str:
    """A handout's answer as its question's list line shows it: its clauses up to ANSWER_OPENING_CHARS, within its
    first full sentence (a figure or a deadline is rarely in the first clause: 接到电梯困人报警后，…30分钟内; the
    六不准 are not one rule: 一是…；二是…)."""
    opening = ""
    for clause in split_clauses(strip_indent(text)):
        opening += clause
        if len(opening) >= ANSWER_OPENING_CHARS or clause.rstrip().endswith(tuple(STOPS)):
            break
    return strip_sentence_end(opening).rstrip("，,、；;：:")


def _is_article(paragraph: ParagraphStructure) -> bool:
    heading = numbered_heading(paragraph.text)
    return heading is not None and heading.style == "article"


def _depth(paragraph: ParagraphStructure) -> int:
    return paragraph.section.count(">") + 1 if paragraph.section else 0


def _gist_answer(question: str, doc: _Doc, unit: _Unit, as_list: bool, titled: bool = True) -> Answer:
    """A part's gist: its heading (unless not `titled`: a question naming it has said it), then its items
    numbered (or, without items, what its paragraph says)."""
    heading = unit.heading
    whole = not as_list  # a part asked about, not its measures: read whole when short
    items = _unit_items(unit, details=whole)
    as_list = as_list and len(items) >= 2  # without items, a list question gets the part's gist
    lines: list[tuple[str, ParagraphStructure]] = [] if as_list or not titled else _lead(heading)
    rest = _beside_items(unit, items) if whole and titled else None
    listed = {p.number for _, p in items}
    # "第三条消息讲了啥": the points of its last paragraph (一要…二要…) are not all a news item says
    among_others = whole and len(listed) == 1 and any(not p.heading_only and p.number not in listed for p in unit.members)
    if rest is not None:  # "总结一下第二部分" of a post: its 现任人员 and 任职条件 lines, then its duties, all short
        lines += rest
    elif len(items) >= 2 and not (among_others and heading.heading_only):
        told = _whole_items(items) if whole or _separate_paragraphs(items) else None
        if told is not None and len({p.number for _, p in told}) == 1 and len(told) != len(items):
            # A paragraph's sentences, in order, not numbered as its points would be; its opening among them.
            lines = (lines if heading.heading else []) + told
        else:
            lines += [(_numbered(n, text), p) for n, (text, p) in enumerate(told or _listed_points(items), start=1)]
    elif heading.heading_only and len(paragraphs := [p for p in unit.members if not p.heading_only and not _closes_document(p)]) >= 2:
        # A section of plain paragraphs ("三、组织领导": the 领导小组, its office, the counties' 专班): each of
        # them, in full when all fit in SECTION_WHOLE_MAX, else each one's gist; not the first alone.
        full = [(s, p) for p in paragraphs for s in p.told()]
        lines += full if sum(len(s) for s, _ in full) <= SECTION_WHOLE_MAX else _gists_within(paragraphs, whole)
    else:
        told = unit.members[0] if heading.heading_only and unit.members else heading
        # "总结一下第一部分" or "德这一部分讲了哪几点" of a part that is one paragraph under its heading: all of it, up to
        # SECTION_WHOLE_MAX, as for several
        short = titled and told is not heading and sum(map(len, told.told())) <= SECTION_WHOLE_MAX
        said = [] if told.heading_only else [(s, told) for s in (told.told() if short else _gist_sentences(told, whole))]
        if said and told is not heading and told.heading and strip_indent(told.first_sentence) != said[0][0]:
            said.insert(0, (strip_indent(told.first_sentence), told))  # 本次培训不收取培训费。: under a section, its own title is content
        lines += [line for line in said if line not in lines]  # a paragraph without a heading opened the gist already
    if as_list:
        announcing = _announcement(unit, items) or _lead_in_before(unit, items)
        if announcing is not None and heading.heading:  # "活动分三个阶段进行。": the text's own words for the count
            return _answer(question, doc, [(f"「{heading.heading}」：", None), announcing] + lines)
        if not heading.heading and len(unit.members) > 1 and heading not in {p for _, p in items}:  # "重点抓好五项活动：" leads in
            lead = strip_indent(heading.text).strip()
            return _answer(question, doc, [(lead if len(lead) <= GIST_MAX_CHARS else strip_indent(split_sentences(lead)[-1]), heading)] + lines)
        intro = f"「{heading.heading}」共{len(items)}项：" if heading.heading else f"文中共{len(items)}项："
        return _answer(question, doc, [(intro, None)] + lines)
    return _answer(question, doc, lines)


def _announcement(unit: _Unit, items: list[tuple[str, ParagraphStructure]]) -> tuple[str, ParagraphStructure] | None:
    """The short paragraph before a section's items that counts them, naming what each is ("活动分三个阶段进行。"
    before 动员部署阶段 …), as written."""
    first_item = min(p.number for _, p in items)
    for paragraph in unit.members:
        if paragraph.number >= first_item:
            return None
        if paragraph.heading_only:
            continue
        text = strip_indent(paragraph.text)
        normal = normalize(text)
        counted = COUNTED_ITEMS.search(normal)
        if len(normal) > ANNOUNCEMENT_MAX_CHARS or counted is None or cn_number(counted.group()[:-1]) != len(items):
            continue
        kind = "".join(CJK_RUN.findall(normal[counted.end() : counted.end() + 2]))
        if len(kind) == 2 and all(kind in normalize(item) for item, _ in items):  # 三个阶段 of 动员部署阶段 …, not 3个部门
            return text, paragraph
    return None


def _lead_in_before(unit: _Unit, items: list[tuple[str, ParagraphStructure]]) -> tuple[str, ParagraphStructure] | None:
    """The paragraph right before a section's items that leads in to them with a colon and says more before it, up to
    GIST_MAX_CHARS ("调查组组长由…郑立衡担任，副组长由…冯晓岚担任。成员如下：" before 1. 何明哲 …): the leader and deputy
    are not among the members. A lead-in alone ("主要职责：", "本局决定…作出如下行政处罚：") adds nothing to the list."""
    first_item = min(p.number for _, p in items)
    before = next((p for p in unit.members if p.number == first_item - 1 and not p.heading_only and p is not unit.heading), None)
    if before is None or not ends_with_colon(before.text):
        return None
    text = strip_indent(before.text).strip()
    return (text, before) if len(split_sentences(text)) >= 2 and len(text) <= GIST_MAX_CHARS else None


def _gists_within(paragraphs: Sequence[ParagraphStructure], whole: bool) -> list[tuple[str, ParagraphStructure]]:
    """Each paragraph's gist, in order, while they fit in SECTION_WHOLE_MAX (the first always)."""
    lines: list[tuple[str, ParagraphStructure]] = []
    size = 0
    for paragraph in paragraphs:
        gist = _gist_sentences(paragraph, whole)
        length = sum(map(len, gist))
        if lines and size + length > SECTION_WHOLE_MAX:
            break
        lines += [(s, paragraph) for s in gist]
        size += length
    return lines


def _lead(heading: ParagraphStructure) -> list[tuple[str, ParagraphStructure]]:
    """What a part's gist opens with: its heading; a paragraph without one, the sentences before its first
    point, up to GIST_MAX_CHARS ("第一段讲了什么": the thesis it opens with, then its points)."""
    if heading.heading:
        return [(heading.heading, heading)]
    first_point = heading.points[0].sentence if heading.points else len(split_sentences(heading.text)) + 1
    return _opening_within(heading, first_point - 1, GIST_MAX_CHARS)


def _opening_within(paragraph: ParagraphStructure, count: int, budget: int) -> list[tuple[str, ParagraphStructure]]:
    """The paragraph's first `count` sentences, indent stripped: the first always, the others while all fit in `budget`."""
    chosen: list[tuple[str, ParagraphStructure]] = []
    for sentence in (strip_indent(s) for s in split_sentences(paragraph.text)[:count]):
        if chosen and sum(len(text) for text, _ in chosen) + len(sentence) > budget:
            break
        chosen.append((sentence, paragraph))
    return chosen


def _same_labelled(subsections: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]]:
    """The sub-headings labelled alike with a number (问题10：…, 问题11：…) when others stand between them (责任人：…
    under each): those are the items, the others their details; [] when there are no such two."""
    words = [label.group(1).rstrip(CN_NUMERALS + "0123456789") if (label := _NUMBERED_LABEL.match(p.heading)) else "" for _, p in subsections]
    common = max(set(words) - {""}, key=words.count, default="")
    chosen = [item for item, word in zip(subsections, words) if word == common] if common else []
    return chosen if 2 <= len(chosen) < len(subsections) else []


def _numbered(n: int, text: str) -> str:
    """A list's nth line; an item numbered 1., 2. as written keeps its own number (not "1. 1. 主持…")."""
    own = numbered_heading(text)
    return text if own is not None and own.style == "arabic" else f"{n}. {text}"


def _beside_items(unit: _Unit, items: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]] | None:
    """A short section with paragraphs beside its items (a post's 岗位名称, 现任人员 lines before 主要职责; a meeting's
    汇报 before 会议决定： and its 会议要求： after), every paragraph in full and in order, an item that is a paragraph of its
    own numbered, when all fit in SECTION_WHOLE_MAX: its items alone leave out who holds the post, or what the meeting
    heard and asked. A titled paragraph heading the part says its own text after the heading; a closing formula
    (特此报告。) belongs to no section."""
    per_paragraph = Counter(p.number for _, p in items)
    listed = {p.number: n for n, (_, p) in enumerate(items, start=1) if per_paragraph[p.number] == 1}  # not a paragraph's points
    told = [
        p for p in unit.members
        if (not p.heading_only or p.number in listed) and not _closes_document(p)  # sub-headings listed, with their text
    ]
    if len(items) < 2 or not {p.number for p in told} - set(per_paragraph):
        return None
    if any(is_question_line(p.text) for _, p in items) and any(p.number > min(per_paragraph) for p in told if p.number not in per_paragraph):
        return None  # a handout's answers between its questions are theirs
    sentences = [(strip_indent(s), p, i) for p in told for i, s in enumerate(p.told() if p is unit.heading else split_sentences(p.text))]
    full = [(_numbered(listed[p.number], s) if p.number in listed and i == 0 else s, p) for s, p, i in sentences]
    return full if sum(len(text) for text, _ in full) <= SECTION_WHOLE_MAX else None


def _closes_document(paragraph: ParagraphStructure) -> bool:
    """A closing formula (特此报告。), which the last section's paragraphs hold though it belongs to none."""
    return CLOSING_FORMULA.match(strip_indent(paragraph.text)) is not None


def _separate_paragraphs(items: list[tuple[str, ParagraphStructure]]) -> bool:
    """Whether each listed item is a paragraph of text of its own (a chapter's articles, a list's numbered items, a
    sub-section's heading over its text): then each is shown whole when all fit (see _whole_items), since what the
    testers ask a list for (a deadline, a penalty, what a measure does) comes after the opening clause or heading:
    "4.4.2 对消费者提出的计量纠纷，市场开办者应在24小时内受理". A heading line among them stays a line ("（三）所需材料。"
    over its own list); points of one paragraph are listed as they are."""
    return len({p.number for _, p in items}) == len(items) and not all(p.heading_only for _, p in items)


def _point_listed_as(text: str, paragraph: ParagraphStructure) -> Point | None:
    """The point of `paragraph` a list shows as `text` (its short form), or None for an item that is no point."""
    return next((point for point in paragraph.points if point.short == text), None)


def _listed_points(items: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]]:
    """The items, each point of a paragraph shown by LISTED_POINT_MIN_CHARS of its opening clauses (三是畅通干部进出渠道,
    建立健全干部退出机制), not the fewer that name it among the others."""
    shown = []
    for text, paragraph in items:
        point = _point_listed_as(text, paragraph)
        at = point.text.find(text) if point is not None else -1  # the marker may open after a lead-in (答：…：一是…)
        shown.append((short_point(point.text[at:], LISTED_POINT_MIN_CHARS) if at >= 0 else text, paragraph))
    return shown


def _whole_items(items: list[tuple[str, ParagraphStructure]]) -> list[tuple[str, ParagraphStructure]] | None:
    """A part asked about (or listed, when its items are paragraphs: _separate_paragraphs), in full when no longer
    than SECTION_WHOLE_MAX: "总结一下第三章" wants what each article says, its deadlines and fees too, not its opening
    clause; a paragraph of points ("第二段讲了什么") is told sentence by sentence, those around its points too (此外…)."""
    paragraphs = {paragraph.number: paragraph for _, paragraph in items}
    if len(paragraphs) == 1:
        (paragraph,) = paragraphs.values()
        sentences = paragraph.told()
        return [(s, paragraph) for s in sentences] if sum(map(len, sentences)) <= SECTION_WHOLE_MAX else None
    full = []
    for text, paragraph in items:
        point = _point_listed_as(text, paragraph)
        shown = is_question_line(paragraph.text) or (paragraph.heading_only and text != paragraph.heading)  # with its answer
        told = point.text if point is not None else text if shown else paragraph.text
        full.append((strip_sentence_end(strip_indent(told)), paragraph))
    return full if sum(len(text) for text, _ in full) <= SECTION_WHOLE_MAX else None


def _gist_sentences(paragraph: ParagraphStructure, whole: bool = False) -> list[str]:
    """What a paragraph without points says: all of it when `whole` is asked for ("讲了什么", not "有哪些做法")
    and it is no longer than KEY_MAX_CHARS; else its opening sentence when it has no heading, then the
    sentences that say what to do (its measures, not their background), up to KEY_MAX_CHARS, when at least
    half of its sentences direct; else its opening."""
    sentences = [strip_indent(s) for s in split_sentences(paragraph.text)]
    told = paragraph.told()
    if whole and sum(map(len, told)) <= KEY_MAX_CHARS:  # its figures are its content too
        return told
    opening = [] if paragraph.heading else sentences[:1]
    chosen: list[str] = []
    size = sum(map(len, opening))
    for sentence in sentences[1:]:
        if not is_directive(sentence):
            continue
        if chosen and size + len(sentence) > KEY_MAX_CHARS:
            break
        chosen.append(sentence)
        size += len(sentence)
    body = len(sentences) - 1
    # A paragraph that mostly reports (成绩, 问题, 情况) rather than directs is told from its opening: its few
    # directive sentences ("这些问题必须引起重视") are its close, not its content.
    return opening + chosen if chosen and 2 * _directives(sentences[1:]) >= body else _opening(paragraph, KEY_MAX_CHARS)


def _directives(sentences: Sequence[str]) -> int:
    return sum(1 for sentence in sentences if is_directive(sentence))


def _opening(paragraph: ParagraphStructure, limit: int = GIST_MAX_CHARS) -> list[str]:
    """The sentences after a paragraph's heading, up to `limit` characters, for a paragraph without points."""
    sentences = paragraph.told()
    chosen, size = [], 0
    for sentence in sentences:
        if chosen and size + len(sentence) > limit:
            break
        chosen.append(sentence)
        size += len(sentence)
    return chosen


def _named_part(doc: _Doc, part: PartRef) -> Section | ParagraphStructure | None:
    """The top-level section or the paragraph a question names by position; None when there is none."""
    if part.unit == ARTICLE:
        return doc.articles.get(part.number)
    sections = doc.sections_by_position
    units = sections if part.unit == "section" and len(sections) >= 2 else doc.structure.text_paragraphs
    if units is sections and part.number > 0:  # "第二部分" of a standard is "2　规范性引用文件", not 前言 counted first
        numbered: dict[int, Section | ParagraphStructure] = {}
        for section in sections:
            if (number := _section_number(section)) is not None:
                numbered.setdefault(number, section)
        if len(numbered) >= 2:
            return numbered.get(part.number)  # none numbered so: no such part, not the one counted there
    index = len(units) + part.number + 1 if part.number < 0 else part.number  # -1 the last, -2 倒数第二
    return units[index - 1] if 1 <= index <= len(units) else None  # 第零段 is none, not the last


def _section_number(section: Section | ParagraphStructure) -> int | None:
    """The number a top-level section's heading gives it (二、…, 2　…, 2. …, 第二部分), or None for an unnumbered one (前言)."""
    heading = section.heading if isinstance(section, Section) else section
    text = strip_indent(heading.text)
    if numbered_heading(text) is None:
        return None
    found = _SECTION_NUMBER.match(text)
    return None if found is None else int(found.group(1)) if found.group(1) else cn_number(found.group(2))


def _article_number(paragraph: ParagraphStructure) -> int | None:
    """The number of the article a paragraph opens (第十二条 → 12), or None."""
    heading = numbered_heading(paragraph.text)
    return cn_number(heading.label[1:-1]) if heading is not None and heading.style == "article" else None


def _asks_of_questions(part: PartRef, doc: _Doc) -> bool:
    """Whether a part asked for as a question (第六个问题, 第十问) may be one: the document's sections are questions
    (一、问：…), not a 通报's 典型问题 or a 总结's 问题 in other words."""
    if "问" not in part.words:
        return True
    return any(is_question_heading(s.heading.text if isinstance(s, Section) else s.text) for s in doc.sections_by_position)


def _opens_section(paragraph: ParagraphStructure) -> bool:
    """Whether the paragraph opens with the numbered heading its section is named by."""
    heading = numbered_heading(strip_indent(paragraph.text))
    return heading is not None and heading.label == paragraph.section


def _part_answer(question: str, doc: _Doc, part: PartRef) -> Answer:
    """The gist of the paragraph or section a question names by position; a clear reply when there is none."""
    structure = doc.structure
    named = _named_part(doc, part)
    if named is None:
        sections = doc.sections_by_position
        if part.unit == ARTICLE:
            return _missing(question, f"《{structure.title}》中没有{part.words}。")
        if part.unit == "section" and len(sections) >= 2:
            return _missing(question, f"《{structure.title}》共有{len(sections)}个部分，没有{part.words}。")
        return _missing(question, f"《{structure.title}》共有{len(structure.text_paragraphs)}段，没有{part.words}。")
    if isinstance(named, Section):
        return _gist_answer(question, doc, _Unit(named.heading, named.paragraphs), as_list=asks_for_list(question))
    paragraph = named
    if paragraph.heading_only:
        section = next(s for s in structure.sections if s.heading is paragraph)
        answer = _gist_answer(question, doc, _Unit(paragraph, section.paragraphs), as_list=False)
    elif not paragraph.heading and not paragraph.points:
        answer = _answer(question, doc, [(s, paragraph) for s in _gist_sentences(paragraph, whole=True)])
    else:
        answer = _gist_answer(question, doc, _Unit(paragraph, (paragraph,)), as_list=False)
    return _counted(answer, structure, part)


def _parts_answer(question: str, parts: Sequence[PartRef], answers: Sequence[Answer]) -> Answer:
    """Several parts asked at once ("第二段和第三段分别讲了什么"): each part's answer under its name, one 出处 for all;
    parts past the end said once (第五至第九段 of six: 共有6段，没有第七段)."""
    if all(answer.refused for answer in answers):
        return answers[-1]
    sources = sorted({(s.doc_id, s.paragraph): s for a in answers for s in a.sources}.values(), key=lambda s: (s.doc_id, s.paragraph))
    told = [f"【{part.words}】\n{answer.quote}" for part, answer in zip(parts, answers) if not answer.refused]
    missing = list(dict.fromkeys(answer.quote for answer in answers if answer.refused))
    return StudyAnswer(
        question=question,
        quote="\n\n".join(told + missing[:1]),
        refused=False,
        citation=citation(sources),
        sources=tuple(sources),
        confidence=1.0,
        note=next((answer.note for answer in answers if answer.note), ""),
        items=tuple(item for answer in answers for item in getattr(answer, "items", ())),
    )


def _counted(answer: Answer, structure: DocumentStructure, part: PartRef) -> Answer:
    """A paragraph named by position in a document with lines before its text: the reply says how it
    was counted, since 出处 numbers those lines too."""
    if structure.front and part.unit == "paragraph" and part.number > 0:
        return replace(answer, note=f"这是正文的{part.words}，出处的段号从文首算起，正文前的{len(structure.front)}行也计在内。")
    return answer


def _addressees(structure: DocumentStructure) -> tuple[ParagraphStructure, ...]:
    """The line naming whom the document goes to; a 纪要 has none at its head, only 送：, 发： or 分送： after its text."""
    if structure.address is not None:
        return (structure.address,)
    if MINUTES not in structure.title:
        return ()
    return tuple(p for p in structure.paragraphs if not p.heading_only and _DISTRIBUTION.match(strip_indent(p.text)))


# The lines of an official document each question about it is answered by.
_LETTER_LINES: dict[str, Callable[[DocumentStructure], tuple[ParagraphStructure, ...]]] = {
    ISSUED: lambda structure: structure.issuer_lines,
    ADDRESSED: _addressees,
    NUMBERED: lambda structure: (structure.document_number,) if structure.document_number else (),
}


def _from_first_with(
    question: str, doc: _Doc, note: str, docs: dict[str, _Doc], corpus: Corpus, answer_from: Callable[[_Doc], Answer | None]
) -> Answer | None:
    """The answer from `doc`, else from the newest document that has one ("这份文件是谁发的" when the newest
    document has no signature), saying which document it is for when the library has several. A kind named
    without pointing at the document ("对该站作出的行政处罚决定文号是什么" of a 信访事项处理意见书) is another document's,
    which `doc` answers only when its title says that kind; one pointed at ("这个通知" of a 通报) is `doc`'s, misnamed."""
    kinds = [kind for kind in DOCUMENT_KINDS if kind in question]  # "这份通知…": only a 通知 will do; a speech, see _may_answer
    own = bool(document_kinds(question)) or all(kind in doc.structure.title for kind in kinds)
    answer = answer_from(doc) if _may_answer(question, doc) and own else None
    if answer is not None:
        return _noted(answer, note)
    for doc_id in corpus.newest_first(docs):
        other = docs[doc_id]
        if other is doc or not all(kind in other.structure.title for kind in kinds) or not _may_answer(question, other):
            continue
        if (answer := answer_from(other)) is not None:
            rest = [d for d in docs.values() if d is not other]
            return _noted(answer, _note(other, rest, len(docs)))
    return None


def _may_answer(question: str, doc: _Doc) -> bool:
    """A question of who spoke or when the meeting was held, or of a 讲稿 or 党课, is answered by a speech (a title
    ending in its kind) given at that meeting: a notice about a 党课 is signed by its issuer, not its lecturer. When
    the meeting was held, its 纪要 says as well ("这次会是哪天开的")."""
    title = doc.structure.title
    if asks_of_speech(question) and _ASKS_WHEN.search(question) and MINUTES in title and given_at(question, title):
        return True
    speech = asks_of_speech(question) or any(word in question for word in SPEECH_WORDS)
    return not speech or (title.endswith(SPEECH_WORDS) and given_at(question, title))


def _letter_answer(question: str, doc: _Doc, kind: str) -> Answer | None:
    """An official document's issuer and date, whom it is sent to or its number, as its own line says; None
    when it has no such line. The closing signature lies in no section, whatever the last heading was."""
    lines = _LETTER_LINES[kind](doc.structure)
    signer = [p for p in doc.structure.front if "签发人" in p.text] if kind == ISSUED and SIGNER_ASKED.search(question) else []
    lines = signer or lines  # "这份请示是谁签发的": its 签发人 line, else the issuer
    if kind == ISSUED and _ASKS_WHEN.search(question) and asks_of_speech(question) and MINUTES in doc.structure.title:
        held = _held_on(doc)  # "这次会是哪天开的" of a 纪要: its meeting's date, never its issue date
        return None if held is None else _answer(question, doc, [held])
    if not lines:
        return _issuing_sentence(question, doc) if kind == ISSUED else None
    if kind == ISSUED and _ASKS_WHEN.search(question):
        lines = lines[-1:]  # "会议是哪天开的": the dated line, not the speaker's
    closing = doc.structure.signature is not None and lines[-1] is doc.structure.signature
    closing = closing or (kind == ADDRESSED and doc.structure.address is None)  # a 纪要's 送：, 发： follow the text, in no section
    return _answer(question, doc, [(strip_indent(line.text), replace(line, section="") if closing else line) for line in lines])


def _of_a_meeting(doc: _Doc) -> bool:
    """Whether a document records a meeting or was spoken at one: a 纪要, a speech, a report of it ("我市召开2025年质量
    强市工作推进会", its last paragraph what the chair required)."""
    title = doc.structure.title
    return MINUTES in title or title.endswith(SPEECH_WORDS) or _MEETING_REPORTED.search(title) is not None


def _held_on(doc: _Doc) -> tuple[str, ParagraphStructure] | None:
    """What a 纪要 says of when its meeting was held, which its issue date under the title does not: its header line
    (时间：2024年4月16日下午), else the opening sentence dating the meeting (2024年6月18日下午，…召开…局务会议)."""
    opening = (*doc.structure.front, *doc.structure.text_paragraphs[:OPENING_PARAGRAPHS])
    line = next((p for p in opening if _HELD_ON.match(strip_indent(p.text)) and _MEETING_DAY.search(p.text)), None)
    if line is not None:
        return strip_indent(line.text), line
    numbers = {p.number for p in opening}
    return next(((text, p) for p, text, _ in doc.sentences if p.number in numbers and _MEETING_DAY.search(text) and _CONVENED.search(text)), None)


def _issuing_sentence(question: str, doc: _Doc) -> Answer | None:
    """For a text without an issuer line (a 政策解读, an essay), the sentence of its opening that says who made or
    issued the document it is about ("…党组研究制定了《…考核办法》"), or when, if one does."""
    opening = {p.number for p in doc.structure.text_paragraphs[:OPENING_PARAGRAPHS]}
    # "什么时候印发的": a sentence dating it (经…审议通过，…印发)
    wanted = (DATE, _ISSUED_ON) if _ASKS_WHEN.search(question) else (_ISSUING,)
    found = next(((p, text) for p, text, _ in doc.sentences if p.number in opening and all(w.search(text) for w in wanted)), None)
    return None if found is None else _answer(question, doc, [(found[1], found[0])])


def _author_answer(question: str, doc: _Doc) -> Answer | None:
    """Who wrote the document: its speaker or issuer line when it has one; else a plain refusal naming the
    document, as an essay without a byline does not say (a sentence on its topic would mislead). None when the
    《title》 asked about is no document's (《长眠不醒》的作者 asks of a novel a text speaks of)."""
    quoted = QUOTED_TITLE.findall(normalize(question))
    if quoted and not any(t and doc.title and (t in doc.title or doc.title in t) for t in quoted):
        return None
    drafted = next((p for p in doc.structure.paragraphs if _DRAFTER_LINE.match(strip_indent(p.text))), None)
    if drafted is not None:  # 报告起草：质量监督科 周晓岚（科长）: who wrote it, not the office that issued it
        return _answer(question, doc, [(strip_indent(drafted.text).strip(), drafted)])
    answer = _letter_answer(question, doc, ISSUED)
    if answer is not None:
        return answer
    if tells_author(doc.text) or any(f"《{t}》" in doc.text for t in quoted):
        return None  # the text tells who wrote it (…罗贯中所著), or speaks of the work (《长眠不醒》是…): the fact way
    return _missing(question, f"《{doc.structure.title}》没有写明作者，学习资料中找不到，我不能凭空作答。")


def _title_answer(question: str, doc: _Doc) -> Answer:
    """The title, cited as the title: it stands above the numbered paragraphs."""
    title = doc.structure.title
    return StudyAnswer(question=question, quote=f"《{title}》", refused=False, citation=f"出处《{title}》标题", confidence=1.0)


def _call_answer(question: str, doc: _Doc, part: PartRef | None) -> Answer | None:
    """What a document, its end or a part calls on its readers to do: the calling sentences of the last
    paragraph that has any; the gist of a part named that calls for nothing ("第四段号召什么"); else None,
    as a closing line that calls for nothing (a signature, a date of effect) does not answer."""
    named = part is not None and part.number != -1
    paragraphs: Sequence[ParagraphStructure] = [p for p in doc.structure.paragraphs if not p.heading_only]
    if named:
        found = _named_part(doc, part)
        if found is None:
            return _part_answer(question, doc, part)  # says how many parts there are
        paragraphs = found.paragraphs if isinstance(found, Section) else (found,)
    for paragraph in reversed(paragraphs):
        calls = [strip_indent(s) for s in split_sentences(paragraph.text) if is_call(s)]
        if calls:
            answer = _answer(question, doc, [(s, paragraph) for s in calls])
            return _counted(answer, doc.structure, part) if named else answer
    return _part_answer(question, doc, part) if named else None


def _table_rows_answer(question: str, doc: _Doc) -> Answer | None:
    """The rows of a table a list question picks by what their cells say ("质量发展科牵头哪些任务", "6月底前要完成
    哪些任务"): the question names the column it asks for (任务 of 重点任务), and pieces of it that short cells of
    other columns hold in some rows and not in others (a unit, a person, a deadline; not a topic inside a task's
    content, which the headings and sentences answer). A column the question names besides (牵头 of 牵头单位) is
    where the pieces are looked for: not the 质量监督科 that helps in another row. Each row is told by the asked
    column, with the cells it was picked by. None without a table, or when the question picks no rows of one."""
    asked = normalize(strip_question_words(question))
    for rows in _tables(doc):
        names = [name for name, _ in rows[0][1]]
        columns = _named_columns(asked, names)
        if not columns:
            continue
        main = next((name for name in names if name not in _ORDINAL_COLUMNS), names[0])  # what a row is, told first
        # A named column some row's short cell holds a piece of the question in is one to pick by (牵头 of 牵头单位, where
        # 质量发展科 is); of the others, the one named last is asked for (…哪些任务, …完成时限是什么).
        short = [" ".join(cell for _, cell in cells if len(cell) <= _PICKING_CELL_CHARS) for _, cells in rows]
        said = _picking_pieces(asked, short, doc.text)
        by_columns = [name for name in columns if any(piece in _cell(cells, name) for piece in said for _, cells in rows)]
        shown = next((name for name in columns if name not in by_columns), main)

        def picks_by(name: str, cell: str, shown: str = shown, by_columns: list[str] = by_columns) -> bool:
            return name != shown and len(cell) <= _PICKING_CELL_CHARS and (not by_columns or name in by_columns)

        def cells_by(cells: list[tuple[str, str]]) -> str:
            return " ".join(cell for name, cell in cells if picks_by(name, cell))

        pieces = [p for p in _picking_pieces(asked, [cells_by(cells) for _, cells in rows], doc.text) if not any(p in name for name in names)]
        picked = [(paragraph, cells) for paragraph, cells in rows if pieces and all(piece in cells_by(cells) for piece in pieces)]
        if not pieces and _counts_all_rows(question, doc, names):  # "清单一共列了多少项任务": every row
            picked = rows
        if not picked:
            continue
        lines: list[tuple[str, ParagraphStructure | None]] = [(f"共{len(picked)}项：", None)]
        for n, (paragraph, cells) in enumerate(picked, start=1):
            by = [f"{name}{LABEL_SEPARATOR}{cell}" for name, cell in cells if picks_by(name, cell) and any(piece in cell for piece in pieces)]
            named_by_main = shown == main or any(piece in _cell(cells, main) for piece in pieces)  # 质量发展科 of 负责单位
            told = f"{shown}{LABEL_SEPARATOR}{_cell(cells, shown)}" if shown != main else _cell(cells, shown)  # 配合单位：…
            told = told if named_by_main else f"{_cell(cells, main)}，{told}"
            lines.append((f"{n}. {told}" + (f"（{'，'.join(by)}）" if by else ""), paragraph))
        return _answer(question, doc, lines)
    return None


_ORDINAL_COLUMNS = ("序号", "编号")
_PICKING_CELL_CHARS = 20  # a cell a row is picked by: a unit, a person, a deadline, not a task's content
_RUN = re.compile(r"[\u4e00-\u9fff0-9]+")  # ideographs and figures: a piece of the question a cell may hold
_MIN_PIECE_CHARS = 2


_COUNTS_ROWS = re.compile(r"(?:几|多少)[项条个]")
_COUNTING_WORDS = frozenset((*ALL_TOLD, "列", "列了", "项", "条", "个"))


def _counts_all_rows(question: str, doc: _Doc, names: Sequence[str]) -> bool:
    """Whether a question counts a table's rows with no word but its column's and its document's ("清单一共列了多少项
    任务"): "质量基础设施这块有几项任务" names a topic, which the rows' cells may hold anywhere."""
    if _COUNTS_ROWS.search(question) is None:
        return False
    words = question_terms(question).words
    return not [w for w in map(normalize, words) if w not in doc.title and not any(w in name for name in names) and w not in _COUNTING_WORDS]


def _tables(doc: _Doc) -> list[list[tuple[ParagraphStructure, list[tuple[str, str]]]]]:
    """The document's tables: runs of paragraphs written as labelled rows with the same column names, two rows at least.
    A cell saying "…，要求：…" of its own reads as one more column: it is folded back into the cell it is part of."""
    tables: list[list[tuple[ParagraphStructure, list[tuple[str, str]]]]] = []
    for paragraph in doc.structure.paragraphs:
        cells = labelled_cells(strip_indent(paragraph.text))
        if not cells:
            continue
        last = tables[-1] if tables and tables[-1][-1][0].number == paragraph.number - 1 else None
        if last and (folded := _folded(cells, [name for name, _ in last[0][1]])) is not None:
            last.append((paragraph, folded))
        elif last and (refolded := _refolded(last, [name for name, _ in cells])) is not None:  # the rows before had such a cell
            last[:] = [*refolded, (paragraph, cells)]
        else:
            tables.append([(paragraph, cells)])
    return [table for table in tables if len(table) >= 2]


def _refolded(
    rows: list[tuple[ParagraphStructure, list[tuple[str, str]]]], names: Sequence[str]
) -> list[tuple[ParagraphStructure, list[tuple[str, str]]]] | None:
    """The rows read under `names` (_folded), or None when one of them cannot be."""
    refolded = [(paragraph, _folded(cells, names)) for paragraph, cells in rows]
    return None if any(cells is None for _, cells in refolded) else [(paragraph, cells) for paragraph, cells in refolded if cells is not None]


def _folded(cells: list[tuple[str, str]], names: Sequence[str]) -> list[tuple[str, str]] | None:
    """The row's cells under the table's column `names`, a label that is none of them read as part of the cell before
    it; None when the row lacks one of the names, in order."""
    folded: list[tuple[str, str]] = []
    for name, cell in cells:
        if len(folded) < len(names) and name == names[len(folded)]:
            folded.append((name, cell))
        elif folded:
            before, said = folded[-1]
            folded[-1] = (before, f"{said}{CELL_JOINER}{name}{LABEL_SEPARATOR}{cell}")
        else:
            return None
    return folded if len(folded) == len(names) else None


def _picking_pieces(asked: str, rows: Sequence[str], text: str) -> list[str]:
    """The longest runs of the question that some rows hold and others do not (6月底前, not 月底前 or 2026); not the
    start of a longer run the document's `text` holds (质量 of 质量基础设施: that is the topic, not a cell)."""
    found: list[str] = []
    for start in range(len(asked)):
        for end in range(len(asked), start + _MIN_PIECE_CHARS - 1, -1):
            piece = asked[start:end]
            if not _RUN.fullmatch(piece):
                continue
            holding = sum(piece in row for row in rows)
            if 0 < holding < len(rows):
                if not any(piece in longer for longer in found) and asked[start : end + 1] not in text:
                    found.append(piece)
                break
    return found


def _named_columns(asked: str, names: Sequence[str]) -> list[str]:
    """The columns whose names hold two characters of the question in a row (牵头 of 牵头单位, 任务 of 重点任务), the
    one named last first: a Chinese question closes with what it asks for ("…完成时限是什么", "…牵头哪些任务"; `asked`
    is the question without its interrogatives)."""
    named: dict[str, int] = {}
    for i in range(len(asked) - 1):
        for name in names:
            if name not in _ORDINAL_COLUMNS and asked[i : i + _MIN_PIECE_CHARS] in name:
                named[name] = max(named.get(name, -1), i)
    return sorted(named, key=lambda name: -named[name])


def _cell(cells: Sequence[tuple[str, str]], name: str) -> str:
    return next((cell for column, cell in cells if column == name), "")


def _across_answer(question: str, doc: _Doc, words: Sequence[str], corpus: Corpus) -> Answer | None:
    """A topic no heading names, spoken of in several paragraphs ("咋调动干部积极性，文章给了哪些招": the
    激励机制 of one part, the 绩效考核 of another): the sentence of each paragraph saying most of it (at least
    ACROSS_MIN_SHARE of its words by rarity), the ACROSS_MAX_ITEMS saying most, in the text's order. A compound
    is looked for by its halves (选拔干部: 选拔, 干部; "干部选拔任用" speaks of it too), a word of the title not at all."""
    topic: list[str] = []
    for word in map(normalize, words):
        if word in doc.title:
            continue
        halves = compound_halves(word)
        if word not in doc.text and not (halves and all(half in doc.text for half in halves)):
            return None  # "红烧肉怎么做", "发展航天事业有哪些举措": a topic the document never speaks of
        topic += [half for half in halves or (word,) if half not in doc.title]
    weights = {word: corpus.idf(word) for word in topic}
    total = sum(weights.values())
    if not total:
        return None
    best: dict[int, tuple[float, str, ParagraphStructure]] = {}
    for paragraph, sentence, text in doc.sentences:
        share = sum(weight for word, weight in weights.items() if word in text) / total
        if share >= ACROSS_MIN_SHARE and share > best.get(paragraph.number, (0.0,))[0]:
            best[paragraph.number] = (share, sentence, paragraph)
    if len(best) < 2:
        return None
    chosen = sorted(sorted(best.values(), key=lambda b: -b[0])[:ACROSS_MAX_ITEMS], key=lambda b: b[2].number)
    lines = [("文中有这几处谈到：", None)] + [(f"{n}. {sentence}", p) for n, (_, sentence, p) in enumerate(chosen, start=1)]
    return _answer(question, doc, lines)


def _summary_answer(question: str, doc: _Doc) -> Answer:
    """A summary: the thesis, the headings numbered, each top-level section's own parts (sub-headings or
    points) under its heading, the conclusion's opening sentence. "一、工作目标" alone says little; its
    "（一）总体目标 （二）质量目标" say what it holds."""
    structure = doc.structure
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》", None)]
    if structure.thesis is not None:
        lines += _thesis_lines(structure.thesis)
    headings = structure.headings()
    if headings:
        lines.append(("主要内容：", None))
    sections = {section.heading.number: section for section in structure.top_sections()}
    for n, heading in enumerate(headings, start=1):
        answer = glued_answer(heading.text)  # a 政策解读's question says what is asked, its answer what the reading says
        section = sections.get(heading.number)
        items = _unit_items(_Unit(section.heading, section.paragraphs)) if section is not None else []
        lines.append((f"{n}. {heading.heading}" + (f"？答：{_answer_opening(answer)}" if answer else ""), heading))
        if len(items) >= 2 and not all(_is_article(p) for _, p in items):  # a chapter's articles: ask for the chapter
            if section is not None and (lead := _summing_lead_in(section)) is not None:
                lines.append((f"{SUB_ITEM_INDENT}{strip_indent(lead.text)}", lead))
            lines += [(f"{SUB_ITEM_INDENT}{text}", p) for text, p in items[:SUMMARY_SUB_ITEMS]]
            if len(items) > SUMMARY_SUB_ITEMS:
                lines.append((f"{SUB_ITEM_INDENT}……共{len(items)}项，可问「{heading_topic(heading.heading)}有哪些」看全部", None))
    if structure.conclusion is not None and structure.conclusion not in headings:  # not the last question again
        lines.append((strip_indent(structure.conclusion.first_sentence), structure.conclusion))
    return _answer(question, doc, lines)


def _summing_lead_in(section: Section) -> ParagraphStructure | None:
    """The paragraph of one sentence opening a section that leads in to its items ("经…测算，本次共申请专项经费386.4万元，
    具体如下："): it sums them up, as the items' own openings do not."""
    first = next((p for p in section.paragraphs if not p.heading_only and p is not section.heading), None)
    if first is None or first.section != section.heading.section or first.points or not ends_with_colon(first.text):
        return None  # not a sub-section's lead-in ("（一）抽检经费" … "本项共需经费100万元，具体如下："): it sums up less
    return first if len(split_sentences(first.text)) == 1 else None


def _thesis_lines(thesis: ParagraphStructure) -> list[tuple[str, ParagraphStructure]]:
    """What a summary opens with: the thesis paragraph's sentences up to KEY_MAX_CHARS, before any heading glued into it
    or its points: "我局组织开展了…评价工作。" says what was done, the sentence after it (最终拟评定12家) what came of it."""
    sentences = split_sentences(thesis.text)
    glued = next((i for i, sentence in enumerate(sentences) if embedded_heading(sentence)), len(sentences))
    first_point = thesis.points[0].sentence - 1 if thesis.points else len(sentences)
    return _opening_within(thesis, max(1, min(glued, first_point)), KEY_MAX_CHARS)


def _headings_answer(question: str, doc: _Doc) -> Answer | None:
    """A list over the whole document ("文章提出了哪几方面的举措"): its top-level headings, numbered. Asked its shape
    ("文章的结构是怎样安排的", 分几个层次), the opening and the closing around them too, by their first sentences: an essay
    opens on its thesis and closes on its conclusion outside its headed parts."""
    structure = doc.structure
    headings = structure.headings()
    if len(headings) < 2:
        return None
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》共提出{len(headings)}个方面：", None)]
    lines += _heading_lines(headings)
    if not asks_shape(question):
        return _answer(question, doc, lines)
    thesis, conclusion = structure.thesis, structure.conclusion
    opening = thesis is not None and bool(thesis.first_sentence) and not embedded_heading(thesis.first_sentence)
    closing = conclusion is not None and conclusion not in headings and bool(conclusion.first_sentence)
    if not opening and not closing:
        return _answer(question, doc, lines)
    shape: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》的结构：", None)]
    if opening:
        shape.append((f"开头：{strip_indent(thesis.first_sentence)}", thesis))
    shape += [(f"主体：共{len(headings)}个方面", None), *_heading_lines(headings)]
    if closing:
        shape.append((f"结尾：{strip_indent(conclusion.first_sentence)}", conclusion))
    return _answer(question, doc, shape)


def _count_answer(question: str, doc: _Doc) -> Answer:
    """How many paragraphs a document has, and its top-level headings when it has some: the learner can
    then ask for any of them ("总结一下第三段")."""
    structure = doc.structure
    headings = structure.headings()
    # "这规定一共几章": its chapters; "这期简报有几条消息": its items; each named by its heading.
    counted = "章" if _CHAPTERS_COUNTED.search(question) else news_counter(question)
    if counted and len(headings) >= 2:
        return _answer(question, doc, [(f"《{structure.title}》共{len(headings)}{counted}：", None), *_heading_lines(headings)])
    lines: list[tuple[str, ParagraphStructure | None]] = [(f"《{structure.title}》共有{len(structure.text_paragraphs)}段。", None)]
    if len(headings) >= 2:
        lines.append((f"主体分{len(headings)}个部分：", None))
        lines += _heading_lines(headings)
    return _answer(question, doc, lines)


def _heading_lines(headings: Sequence[ParagraphStructure]) -> list[tuple[str, ParagraphStructure | None]]:
    """The headings numbered, each line cited by its own paragraph."""
    return [(f"{n}. {p.heading}", p) for n, p in enumerate(headings, start=1)]


def _missing(question: str, message: str) -> Answer:
    """A part that does not exist: refused, with how many the document has, so the learner can ask again."""
    return Answer(question=question, quote=message, refused=True)


def _answer(question: str, doc: _Doc, lines: Sequence[tuple[str, ParagraphStructure | None]]) -> Answer:
    """Lines (each verbatim, with its paragraph's number as its own 出处) as one answer citing every paragraph."""
    title = doc.structure.title
    rendered, sources, items = [], [], []
    several = len({p.number for _, p in lines if p is not None}) > 1  # one paragraph: the 出处 line says it all
    for text, paragraph in lines:
        if paragraph is None:
            rendered.append(text)
            continue
        rendered.append(f"{text}（第{paragraph.number}段）" if several else text)
        words = (text.split(". ", 1)[1] if text[:1].isdigit() and ". " in text else text).strip()
        level = 2 if text.startswith(SUB_ITEM_INDENT) else 1
        items.append(Item(strip_sentence_end(words), doc.doc_id, title, paragraph.number, level))
        if all(s.paragraph != paragraph.number for s in sources):
            sources.append(Source(doc.doc_id, title, paragraph.number, paragraph.text, 1.0, 0, paragraph.section))
    sources.sort(key=lambda s: s.paragraph)
    return StudyAnswer(
        question=question,
        quote="\n".join(rendered),
        refused=False,
        citation=citation(sources),
        sources=tuple(sources),
        confidence=1.0,
        items=tuple(items),
    )
