"""Structured answers to study questions: a summary, a part's gist, a numbered list of parallel items.

Read from the document's own structure (ingest.structure), never written: every line is a verbatim span
of one paragraph and carries its own 出处. Returns None when the structure does not answer the question
(a list question whose topic heads no enumeration, say), and the question goes the ordinary extractive way,
which quotes one sentence or refuses. This module decides which kind of answer a question gets; the study_*
modules beside it find the part and tell it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.answering import Answer
from bot.corpus import Corpus
from bot.named_document import named_document
from bot.questions import question_terms
from bot.study_document import StudyDoc, Unit, from_corpus, holding_documents, unit_items
from bot.study_gist import (
    asks_of_questions,
    gist_answer,
    grounds_lines,
    named_part,
    paragraph_answer,
    part_answer,
    part_heading_answer,
    point_listed_as,
)
from bot.study_intent import (
    ARTICLE,
    AUTHOR,
    CALL,
    COUNT,
    KEYWORDS,
    LIST,
    PART,
    SUMMARY,
    TITLE,
    PartRef,
    PlaceRef,
    QuotedOpening,
    StudyIntent,
    asks_points_by_part,
    asks_where_discussed,
    asks_how_discussed,
    asks_shape,
    is_document_reference,
    is_whole_document,
    part_ref,
    part_refs,
    point_ref,
    point_refs,
    quoted_opening,
    sentence_ref,
    study_intent,
    summary_subject,
    titled_text,
)
from bot.study_letters import LETTER_LINES, author_answer, call_answer, from_first_with, letter_answer, of_a_meeting, title_answer
from bot.study_overview import (
    across_answer,
    count_answer,
    headings_answer,
    keywords_answer,
    kinds_answer,
    points_by_part_answer,
    speaks_of,
    summary_answer,
)
from bot.study_reply import lines_answer, missing_answer, noted, parts_answer, rivals_note
from bot.study_tables import table_rows_answer
from bot.study_topics import GENERIC, about_whole, asked_document, library_topic_words, named_by_kind
from bot.study_units import (
    colon_list,
    introduced_unit,
    introducing_member,
    kind_section,
    kind_unit,
    labelled_unit,
    led_in_unit,
    named_unit,
    opened_unit,
    people_unit,
    quotes_more,
    said_in_one_sentence,
    theme_unit,
    topic_unit,
)
from ingest.structure import ParagraphStructure, Section
from ingest.textnorm import normalize
from ingest.zh_text import (
    ASK_WHY,
    ASKS_DONE,
    ITEM_COUNTERS,
    LISTED_PART_SYNONYMS,
    PLAN_WORDS,
    QUOTE_MARKS,
    STOPS,
    STUDY_TASKS,
    TASK_FRAME_WORDS,
    WHICH_COUNTED,
    any_of,
    clause_texts,
    which_count,
    strip_indent,
)

# A list asked by how many items or which ones ("说了几条", "有哪几项"), not "怎样的" or "怎么做".
_COUNTS_ITEMS = re.compile(rf"几[条项点个类种]|哪几|哪些|{WHICH_COUNTED}")
# A part named by what it speaks of: 讲激励干部的那段, 关于作风的那部分, 说培训的那块; not 说说这部分, 讲讲这段时间
_PART_BY_THEME = re.compile(r"(?:讲|说|谈|写|关于|有关)(?![讲说谈明])[^，,。？?]{1,12}?的(?:那|这)一?(?:段|部分|块|节)(?!时间|时期|课)")
# What a learner asks for across a text, where it may be said in several parts: its requirements or measures, not
# a fact (形式, 任务, 原则) one sentence states.
_ASKS_MEASURES = re.compile(r"要求|措施|举措|建议|对策|(?<!这个)(?<![本该此])办法|(?:哪些|什么|啥|几)招|招数|高招|妙招|做法|途径|怎么做|咋办|咋做")
_QUOTED = re.compile(rf"[{QUOTE_MARKS}]([^{QUOTE_MARKS}]{{2,30}})[{QUOTE_MARKS}]")  # a phrase the question quotes
# A paragraph named by words it says, quoted ("把“总之”那一段帮我概括一下", "以“人是质量发展的决定因素”开头的那段讲了啥")
# (not "“…”这段话", the quoted sentence itself)
_QUOTED_PARAGRAPH = re.compile(rf"{_QUOTED.pattern}(?:开头|打头)?的?[这那]一?(?:段|自然段)(?!话|时间|时期)")
# Where the text speaks of a topic ("文中哪些地方讲到廉洁", "关于激励的内容散在几处"): each place that does
# How a question asks every place the text says something ("好像不只一个地方提到", "其他地方提到的也要", "…的内容都在哪儿"):
# no words of the topic, which the learner's words around them name.
_EVERY_PLACE = re.compile(
    r"(?:哪些地方|哪几个地方|哪几处|几处|哪里|哪儿|何处)[^，,。？?]{0,3}?(?:讲到|提到|说到|谈到|涉及|写到)|散在几处"
    r"|不[只止]一(?:个地方|处)|(?:其他|其它|别的)地方|都在哪[儿里]?(?![些几个一])|好几处|多处|分散"
    # what the text says of a topic, every saying of it ("关于人才的说法有哪些", "有几种表述都列一下"); not
    # 关键提法, the key phrases, nor "这种说法对吗"
    r"|(?<!关键)(?<!重要)(?:说法|表述|提法)(?:都|一共|主要)?(?:有|是)(?:哪些|哪几种|几种|什么|啥)|有(?:哪)?几种(?:说法|表述|提法)"
    r"|(?:提|讲|说)了?(?:哪些|哪几种)(?:说法|表述|提法)|不同(?:地方|段落|部分)"  # "在不同地方都提了哪些说法"
)
_WHERE_SAID = re.compile(rf"{_EVERY_PLACE.pattern}|(?:讲到|提到|说到|谈到)[^，,。？?]{{1,10}}?的(?:地方|有几处)")  # 提到作风的地方
# What a 总结 achieved ("标准化和品牌建设取得了哪些成绩"): a topic when a heading names it ("充分肯定…取得的成绩"), else
# how the learner asks of the part the other words name.
_RESULTS = frozenset(LISTED_PART_SYNONYMS[0])
# Measures by another name ("文章提出了哪些建议"): a topic where the materials say it ("三、选购建议"), else how the
# learner asks for the measures.
_ADVICE = frozenset(("建议", "对策"))
_ASIDE = re.compile(r"[（(][^（）()]{1,20}[）)]")  # a bracketed aside in a question: (总之开头的)
# A word of the title counted by a measure ("文中提到的那几支队伍是哪些": the text's 3支队伍), not the text's own parts
_COUNTED_WORD = r"(?:几|哪几|多少)[{counters}支]{word}"
_COUNTED_IN_TEXT = re.compile(r"(?:文中|文章|全文|本文)[^，。？?]{0,4}几个")  # "文中提到了几个意识": the text's count of a kind
_Place = PlaceRef | QuotedOpening  # where a study question asks within a part
# Why asked, and the words of asking it that name no topic ("作者为什么觉得作风建设这么重要", "文章为何强调要加强…")
_WHY_ASKED = re.compile(any_of(ASK_WHY))
_WHY_FRAME = frozenset(
    ("重要", "重要性", "重视", "强调", "觉得", "认为", "这么", "那么", "如此", "要", "必要", "意义", "原因", "理由", "需要", "提出", "作者")
)
# A question that asks only what something is ("工作纪律是什么？", "活动时间是啥"), nothing more specific.
_WHAT_IS = re.compile(r"^[^，,。；;]{2,20}?(?:是|指|有|包括|包含)(?:什么|啥|哪些)(?:内容)?[呢啊呀吗]?[？?。！!\s]*$")


def _quoted_unit(question: str, doc: StudyDoc, part: PartRef) -> Unit | None:
    """The part within the `part` named by position whose heading holds a phrase the question quotes (第一部分讲“为质量强国
    统筹力量”), the shortest such heading (the most specific part), or None: a quote of another part's words (第三段里提到的
    “作风建设”) names none."""
    named = named_part(doc, part)
    if named is None:
        return None
    within = {p.number for p in (named.paragraphs if isinstance(named, Section) else (named,))}
    quotes = [normalize(m.group(1)) for m in _QUOTED.finditer(question)]
    found = [
        unit for (unit, _, _), heading in zip(doc.units, doc.unit_headings)
        if {p.number for p in unit.members} <= within and any(q in heading for q in quotes)
    ]
    return min(found, key=lambda unit: len(unit.heading.heading), default=None)


def _quoted_paragraph(question: str, doc: StudyDoc) -> Unit | ParagraphStructure | None:
    """The part of `doc` saying the words a question quotes to name it: the smallest titled part holding them (“3支队伍”那一段:
    the point 质量强国培养人才, not all of paragraph 1), else the one paragraph saying them, or None: words said in two
    name neither, words of a heading name its part, and a sentence quoted whole is asked itself."""
    quoted = _QUOTED_PARAGRAPH.search(question)
    if quoted is None or any(mark in quoted.group(1) for mark in STOPS):
        return None
    words = normalize(quoted.group(1))
    if any(words in heading or words in whole for (_, heading, _), whole in zip(doc.units, doc.unit_headings)):
        return None  # “统筹力量”那一段: a part's heading, which names it (named_unit)
    units = [unit for (unit, _, _), text in zip(doc.units, doc.unit_texts) if words in text]
    if units:
        return min(units, key=lambda unit: (len(unit.members), sum(len(p.text) for p in unit.members)))
    holding = [p for p in doc.structure.text_paragraphs if words in normalize(p.text)]
    return holding[0] if len(holding) == 1 else None


def _topic_inside(rest: str, words: Sequence[str], doc: StudyDoc) -> bool:
    """Whether a question names a topic within the text ("文章关于干部交流讲了什么"): a word of two or more characters of what the
    summary is asked of (`rest`, study_intent.summary_subject) that its text says and its title does not, nor a word naming
    the document (这篇推进会的新闻稿: 推进会 of its title, 新闻稿 said nowhere; 期 of 这期简报)."""
    return any(
        w in rest and w not in GENERIC and not is_document_reference(w) and len(n := normalize(w)) >= 2 and n in doc.text and n not in doc.title
        for w in words
    )


_TOLD_TASK = re.compile(any_of(sorted(STUDY_TASKS, key=len, reverse=True)))  # 学习笔记 of "写学习笔记，想问一下…": no 学习 asked


def _topic_only(words: Sequence[str]) -> list[str]:
    """The words naming a topic: not how the learner asks (GENERIC) nor tells their own task (我在写廉政方面的心得: 写, 心得)."""
    return [w for w in words if w not in GENERIC and w not in STUDY_TASKS and w not in TASK_FRAME_WORDS]


def _points_by_part(question: str, intent: StudyIntent, words: Sequence[str], doc: StudyDoc, corpus: Corpus) -> Answer | None:
    """Every part with its points ("列个复习提纲，每部分下面要有几个要点"), when the question names no part: not "作风建设每个方面的
    要求是什么", that part's list."""
    by_part = asks_points_by_part(question)
    if intent.kind not in (LIST, SUMMARY) or intent.part is not None or by_part is None:
        return None
    topic = [normalize(w) for w in words if w not in by_part]  # 重点 of 每个部分的重点是什么: what is asked of each part
    # a part is named by a word of its heading (作风建设每个方面); 复习提纲, 一个, 学习, 新时期 name none
    if about_whole(topic, doc, corpus) or not any(len(w) >= 2 and any(w in heading for heading in doc.unit_headings) for w in topic):
        return points_by_part_answer(question, doc)
    return None


def _asking_words(question: str, structures: dict[str, StudyDoc], words: Sequence[str]) -> list[str]:
    """The topic words of the last clause that asks, when the other clauses add words of their own: a premise or the
    learner's errand told first ("质量强国涉及面广，文章说怎么统筹力量", "处里要搞一个发言，文章对用人环境是怎么论述的") names
    no part, which the asking clause may. [] when one clause names it all, or the asking clause a word no document says."""
    clauses = [c for c in clause_texts(question) if study_intent(c) is not None]  # not 质量强国工作做得怎么样, a fact asked
    if not clauses or len(clause_texts(question)) < 2:
        return []
    for clause in reversed(clauses):  # 有哪几项措施 after 文章说怎么统筹力量 names none
        asking = [w for w in library_topic_words(clause, structures) if len(w) >= 2 and not is_document_reference(w)]  # not 用 of 用了哪些途径
        if asking:  # a topic the materials speak of: not 业绩评价 of "会不会算进领导干部的业绩评价里"
            said = all(any(speaks_of(normalize(w), doc) for doc in structures.values()) for w in asking)
            return asking if said and set(asking) < set(words) else []
    return []


class StudyAnswerer:
    """Answers study questions from the structure of the documents a Corpus holds."""

    def __init__(self) -> None:
        self._cache: tuple[tuple, dict[str, StudyDoc]] | None = None

    def answer(self, question: str, corpus: Corpus) -> Answer | None:
        """The structured answer, or None when the question is no study question or the structure has none."""
        intent = study_intent(question)
        if intent is None and (plain := _ASIDE.sub("", question)) != question and (intent := study_intent(plain)) is not None:
            question = plain  # "文章结尾那段(总之开头的)说了些什么": the aside only tells the part again
        if not corpus.passages:
            return None
        if titled_text(question) is not None and named_document(question, corpus.normalized_titles) is None:
            return None  # "这篇《质量强国建设纲要》的整体框架是什么": no document of that title, none other answers
        if intent is None or intent.kind in (PART, LIST, SUMMARY):
            if (placed := self._placed_answer(question, corpus)) is not None:
                return placed
        if intent is None and _COUNTED_IN_TEXT.search(question):  # "文中提到了几个机制": no list word, the kind's names
            if (kinds := self._kinds_only(question, corpus)) is not None:
                return kinds
        if intent is None and (grounds := self._grounds_answer(question, corpus)) is not None:
            return grounds
        if intent is None:  # "活动时间是什么" of a section "二、活动时间": its content answers
            return self._heading_answer(question, corpus)
        structures = self._structures(corpus)
        terms = question_terms(question)
        doc, note = asked_document(question, intent.part, structures, corpus)
        if intent.kind == COUNT:
            return noted(count_answer(question, doc), note)
        if intent.kind in LETTER_LINES:
            return from_first_with(question, doc, note, structures, corpus, lambda d: letter_answer(question, d, intent.kind))
        if intent.kind == TITLE:
            return noted(title_answer(question, doc), note)
        if intent.kind == LIST and asks_shape(question) and intent.part is None:  # its shape, whatever parts it names
            return noted(headings_answer(question, doc), note)
        if intent.kind == KEYWORDS:
            return noted(keywords_answer(question, doc) or summary_answer(question, doc), note)
        if intent.kind == AUTHOR:
            return noted(author_answer(question, doc), note)
        if intent.kind == CALL:
            return from_first_with(question, doc, note, structures, corpus, lambda d: call_answer(question, d, intent.part))
        if intent.kind in (PART, SUMMARY) and (said := _quoted_paragraph(question, doc)) is not None:
            if isinstance(said, Unit):
                return noted(gist_answer(question, doc, said, as_list=False), note)
            return noted(paragraph_answer(question, doc, said), note)
        if intent.kind == PART and intent.part is not None:
            if intent.part.unit == ARTICLE and not doc.articles:
                return None  # "第一条措施是什么" of an essay: its first measure, read the fact way
            if not asks_of_questions(intent.part, doc):
                return None  # "通报的第二个问题是什么": the second case, read the fact way
            if intent.part.words.startswith("会议"):  # "会议最后强调了什么": the end of a meeting's 纪要 or speech only
                part = intent.part
                return from_first_with(question, doc, note, structures, corpus, lambda d: part_answer(question, d, part) if of_a_meeting(d) else None)
            if (quoted := _quoted_unit(question, doc, intent.part)) is not None:  # 第一部分讲“为质量强国统筹力量”: the part quoted within it
                return noted(gist_answer(question, doc, quoted, as_list=_COUNTS_ITEMS.search(question) is not None), note)
            return noted(part_heading_answer(question, doc, intent.part) or part_answer(question, doc, intent.part), note)
        words = library_topic_words(question, structures, terms)
        words = [w for w in words if w not in _ADVICE or w in doc.text]  # 建议 of "三、选购建议" in the document asked about
        if (points := _points_by_part(question, intent, words, doc, corpus)) is not None:  # 列个复习提纲，每部分下面要有几个要点
            return noted(points, note)
        if intent.kind == LIST and (kinds := kinds_answer(question, words, doc)) is not None:  # "文章提到了哪些主义"
            return noted(kinds, note)
        if intent.kind == LIST and (people := people_unit(question, words, doc)) is not None:  # "通报了哪几个人"
            return noted(gist_answer(question, doc, people, as_list=True), note)
        if intent.kind == LIST and (rows := table_rows_answer(question, doc)) is not None:  # "质量发展科牵头哪些任务"
            return noted(rows, note)
        if intent.kind in (SUMMARY, LIST) and (labelled := labelled_unit(question, structures, corpus)) is not None:
            return gist_answer(question, labelled[0], labelled[1], as_list=intent.kind == LIST)
        if _EVERY_PLACE.search(question):  # "文中关于廉洁的内容有哪些？好像不只一个地方提到", "…分散的，开头有、结尾也有": every place
            topic = _topic_only(library_topic_words(_TOLD_TASK.sub("，", _EVERY_PLACE.sub("，", question)), structures))
            said = [w for w in topic if speaks_of(normalize(w), doc)]  # not 单独 of 单独摘出来: how the learner asks
            if said and (across := across_answer(question, doc, said, corpus)) is not None:
                return noted(across, note)
        holders = holding_documents(words, structures, corpus)
        if named_by_kind(question, doc):  # "这个通报提了哪些工作要求": the 通报's, not another document's 工作主题
            holders = [d for d in holders if d is doc] or holders
        done = ASKS_DONE.search(question) is not None and not any(word in question for word in PLAN_WORDS)
        found = topic_unit(words, holders, corpus, intent.kind, done)  # no other heading names it
        if found is None and (plain := [w for w in words if w not in _RESULTS]) and plain != words:
            found = topic_unit(plain, holding_documents(plain, structures, corpus), corpus, intent.kind, done)  # 成绩 no heading names
        # "主要活动有哪些" of a section "三、主要活动": the title's 活动 leaves no topic word, the heading is word for word;
        # and a heading said word for word ("工作要求那部分") outweighs one naming a word of it (围绕工作主题).
        named = named_unit(question, structures, corpus)
        if named is not None and (found is None or quotes_more(normalize(question), named[1], found[1])):
            found = named
        if found is None and (asking := _asking_words(question, structures, words)):  # "质量强国涉及面广，文章说怎么统筹力量？"
            found = topic_unit(asking, holding_documents(asking, structures, corpus), corpus, intent.kind, done)
        where = asks_where_discussed(question)  # "廉政在文中哪里提到": the part saying it, though one sentence of it does
        if found is None and where:  # "哪部分讲了激励机制": the part whose text says most of it
            found = theme_unit(words, doc, corpus)
        if found is None and (theme := _PART_BY_THEME.search(question)):  # "讲激励干部的那段说了啥": no heading says 激励
            found = theme_unit([w for w in words if w in theme.group()] or words, doc, corpus)  # not 重点 of 那块重点是啥
        if found is None and intent.kind == LIST and terms.position is None:
            found = kind_unit(question, doc, structures, corpus) or opened_unit(question, structures, corpus)
        # 方式 of "有哪些方式" too; not 通报 of "通报里有哪些问题", which names the document ("现将7起典型问题通报如下"
        # says no list)
        said = tuple(w for w in terms.words if not is_document_reference(w)) + tuple(t for t in terms.answer_types if t in question)
        discussed = asks_how_discussed(question)  # "文章对人文关怀是怎么讲的": what one sentence says is quoted
        if found is not None and (intent.kind == LIST or discussed) and not where and said_in_one_sentence(said, found[1], corpus):
            # "培训的主要内容有哪些": "…培训的主要内容包括…" says it; a heading naming 培训 does not. Unless what says it is
            # a lead-in whose items follow as paragraphs (重点抓好五项活动：): they are the list.
            if (led := led_in_unit(words, found[0])) is None:
                return None
            if found[1].heading not in led.members:  # "直属参公单位有哪几个职位": its part of what 具体职位如下： leads in
                found = (found[0], led, found[2])
        if found is not None:
            found_doc, unit, rivals = found
            if intent.kind == LIST:
                unit = introducing_member(unit, words) or unit
            counted = which_count(question)  # "激发干部潜能那段的两个方面分别是什么": no list of three
            if intent.kind == LIST and counted is not None and len(unit_items(unit)) >= 2 and counted != len(unit_items(unit)):
                return None
            # where it is discussed: the part as it says it, not its items cut short (哪部分提到了年轻干部)
            answer = gist_answer(question, found_doc, unit, as_list=intent.kind == LIST and not where)
            return noted(answer, rivals_note(found_doc, rivals, len(structures)) if rivals else "")
        if intent.kind == LIST and terms.position is not None:
            return None  # a list in the conclusion or the opening ("总结时提出了哪几项举措"): quoted by position
        if discussed:
            return None  # "文章对食品安全是怎么说的": a topic no part is about, the fact way (refused when nothing says it)
        if intent.kind == SUMMARY and about_whole(words, doc, corpus):
            return noted(summary_answer(question, doc), note)
        if intent.kind == SUMMARY and is_whole_document(question) and not _topic_inside(summary_subject(question), words, doc):
            return noted(summary_answer(question, doc), note)  # not "文章关于干部交流讲了什么": what it says of that topic
        # "文章提出的主要措施有哪些", "列下措施": the words left are how a list is asked (措施), no heading's topic
        generic_only = all(w in GENERIC for w in words)
        whole = intent.kind == LIST and (about_whole(words, doc, corpus) or generic_only)
        if whole and words and all(re.search(_COUNTED_WORD.format(counters=ITEM_COUNTERS, word=re.escape(w)), question) for w in words):
            return None  # "文中提到的那几支队伍是哪些": a count the text states of a thing its title names, the fact way
        if whole and (section := kind_section(question, doc)) is not None:  # "通报提了哪些要求" of "三、有关工作要求"
            return noted(gist_answer(question, doc, section, as_list=True), note)
        if intent.kind == LIST and (led := led_in_unit(words, doc)) is not None:  # "今年质量月有哪几项重点活动" of 重点抓好五项活动：
            return noted(gist_answer(question, doc, led, as_list=True), note)
        if whole and which_count(question) not in (None, len(doc.structure.headings())):
            return None  # "文章说的两个方面分别是什么" of five parts: not its parts
        if whole:
            return noted(headings_answer(question, doc), note)
        if intent.kind == LIST and terms.position is None and _COUNTS_ITEMS.search(question):
            if (introduced := introduced_unit(question, words, holders, corpus)) is not None:
                found_doc, unit, rivals = introduced
                answer = gist_answer(question, found_doc, unit, as_list=True)
                return noted(answer, rivals_note(found_doc, rivals, len(structures)) if rivals else "")
        if intent.kind == LIST and terms.position is None and (listed := colon_list(words, structures, corpus)) is not None:
            listing_doc, text, paragraph = listed
            return lines_answer(question, listing_doc, [(text, paragraph)])
        if terms.position is None and (_ASKS_MEASURES.search(question) or _WHERE_SAID.search(question) or where):
            return noted(across_answer(question, doc, words, corpus), note)
        return None

    def _kinds_only(self, question: str, corpus: Corpus) -> Answer | None:
        """The things of a kind a question counts in the text ("文章提到了几个机制"), or None."""
        structures = self._structures(corpus)
        doc, note = asked_document(question, None, structures, corpus)
        return noted(kinds_answer(question, library_topic_words(question, structures), doc), note)

    def _placed_answer(self, question: str, corpus: Corpus) -> Answer | None:
        """A point, a sentence or several parts asked for by place ("体制改革的第一条", "文章第一句话是什么",
        "第二段和第三段分别讲了什么"), or None for no such question or none the documents tell."""
        if len(points := point_refs(question)) >= 2:  # "体制改革那段的第三点和第四点分别讲了什么"
            answers = [self._point_answer(question, point, corpus) for point in points]
            return None if any(a is None for a in answers) else parts_answer(question, points, answers)
        point = point_ref(question)
        if point is not None and point.of:
            return self._each_part(question, point, corpus, self._point_answer)
        sentence = sentence_ref(question)
        if sentence is not None:
            return self._each_part(question, sentence, corpus, self._sentence_answer)
        if (opening := quoted_opening(question)) is not None:
            return self._each_part(question, opening, corpus, self._opening_answer)
        if (parts := part_refs(question)) and not asks_shape(question):  # the shape tells the parts it names
            doc, note = asked_document(question, parts[0], self._structures(corpus), corpus)
            return noted(parts_answer(question, parts, [part_answer(question, doc, part) for part in parts]), note)
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
        return parts_answer(question, parts, answers)

    def _container(self, question: str, place: _Place, corpus: Corpus) -> tuple[StudyDoc, Unit | None, str, str] | None:
        """Where a place is asked in: the document, the part the words before it name (by position or heading; None for
        the whole text), how the reply names that part, and the note on which document; None when those words name a
        topic no heading names, or a part that does not exist."""
        structures = self._structures(corpus)
        part = part_ref(place.of)
        # The document by the words other than the place: 第一句 and 第二条 pick none.
        doc, note = asked_document(question.replace(place.words, " "), part, structures, corpus)
        if part is not None:
            named = named_part(doc, part)
            if named is None:
                return None
            unit = Unit(named.heading, named.paragraphs) if isinstance(named, Section) else Unit(named, (named,))
            return doc, unit, f"「{part.words}」", note
        words = [w for w in library_topic_words(place.of, structures) if not is_document_reference(w)]
        found = named_unit(place.of, structures, corpus) or (topic_unit(words, holding_documents(words, structures, corpus), corpus, LIST) if words else None)
        if found is not None:
            found_doc, unit, rivals = found
            name = f"「{unit.heading.heading}」" if unit.heading.heading else f"《{found_doc.structure.title}》"
            return found_doc, unit, name, rivals_note(found_doc, rivals, len(structures)) if rivals else ""
        if words and not about_whole(words, doc, corpus):
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
        items = unit_items(unit) if unit is not None else [(p.heading, p) for p in doc.structure.headings()]
        if len(items) < 2:
            return None
        opening = [item for item in items if strip_indent(item[0]).startswith(point.opens)] if point.opens else []
        if not opening and abs(point.number) > len(items):
            return missing_answer(question, f"{name}共{len(items)}项，没有{point.words}。")
        text, paragraph = opening[0] if opening else items[point.number if point.number < 0 else point.number - 1]
        if (listed := point_listed_as(text, paragraph)) is not None:
            return noted(lines_answer(question, doc, [(f"{name}的{point.words}：", None), (strip_indent(listed.text), paragraph)]), note)
        section = next((s for s in doc.structure.sections if s.heading is paragraph), None)
        members = section.paragraphs if section is not None else (paragraph,)
        return noted(gist_answer(question, doc, Unit(paragraph, members), as_list=False), note)

    def _sentence_answer(self, question: str, sentence: PlaceRef, corpus: Corpus) -> Answer | None:
        """The sentence asked for by its place in the paragraph or part the words before it name, else in the whole
        text ("文章第一句话", "第三段最后一句"), verbatim. A part that does not exist gets the reply saying how many there are."""
        found = self._container(question, sentence, corpus)
        if found is None:
            part = part_ref(sentence.of)
            if part is None:
                return None
            return part_answer(question, asked_document(question.replace(sentence.words, " "), part, self._structures(corpus), corpus)[0], part)
        doc, unit, name, note = found
        members = set(map(id, unit.members)) if unit is not None else None
        # a part named by its topic opens after its heading (作风建设那段开头那句); one by position as written (第五段第一句)
        heading = normalize(unit.heading.heading) if unit is not None and part_ref(sentence.of) is None else ""
        said = [(text, p) for p, text, _ in doc.sentences if (members is None or id(p) in members) and (not heading or normalize(text).rstrip("。！？!?；;") != heading)]
        if not said:
            return None
        if abs(sentence.number) > len(said):
            return missing_answer(question, f"{name}共{len(said)}句，没有{sentence.words}。")
        return noted(lines_answer(question, doc, [said[sentence.number if sentence.number < 0 else sentence.number - 1]]), note)

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
        return noted(lines_answer(question, doc, [(f"{name}中以“{opening.opening}”开头的共{len(said)}句：", None), *said]), note)

    def _grounds_answer(self, question: str, corpus: Corpus) -> Answer | None:
        """Why a part's point matters ("为什么要加强作风建设", "作者为什么觉得作风建设这么重要"), when the question's topic is
        all in a part's heading: what the part argues before its measures (study_gist.grounds_lines). Not the closing
        sentence listing 加强作风建设 among its calls, which holds the words and says no why."""
        if _WHY_ASKED.search(question) is None:
            return None
        structures = self._structures(corpus)
        words = [w for w in library_topic_words(question, structures) if w not in _WHY_FRAME and not is_document_reference(w)]
        found = topic_unit(words, holding_documents(words, structures, corpus), corpus, LIST) if words else None
        if found is None or not all(w in normalize(found[1].heading.heading) for w in words):
            return None
        doc, unit, rivals = found
        lines = grounds_lines(unit)
        if not lines:
            return None
        return noted(lines_answer(question, doc, lines), rivals_note(doc, rivals, len(structures)) if rivals else "")

    def _heading_answer(self, question: str, corpus: Corpus) -> Answer | None:
        """The gist of the section a fact question asks about by its heading alone ("X是什么")."""
        if _WHAT_IS.match(question) is None:
            return None
        structures = self._structures(corpus)
        named = labelled_unit(question, structures, corpus, whole=False) or named_unit(question, structures, corpus)
        if named is None:
            return None
        doc, unit, rivals = named
        answer = gist_answer(question, doc, unit, as_list=False, titled=False)
        return noted(answer, rivals_note(doc, rivals, len(structures)) if rivals else "") if answer.sources else None

    def prepare(self, corpus: Corpus) -> None:
        """Read every document's structure now: in a library of a thousand documents that takes a few
        tenths of a second, which the first study question would otherwise wait for."""
        self._structures(corpus)

    def _structures(self, corpus: Corpus) -> dict[str, StudyDoc]:
        """Each document's structure, rebuilt only when the corpus holds other document versions."""
        if self._cache is None or self._cache[0] != corpus.signature:
            self._cache = (corpus.signature, from_corpus(corpus))
        return self._cache[1]
