"""Which part of a document a study question names: by its heading word for word, by a label, by the kind it
lists, by the topic its heading or its text holds, or by a lead-in ending in a colon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.answering import is_section_heading
from bot.corpus import Corpus
from bot.question_analysis import PERSON, tagged_as
from bot.study_document import BARE_LABEL_MAX_CHARS, NUMBERED_LABEL, StudyDoc, Unit, coverage, introduced_paragraphs, unit_items
from bot.study_intent import LIST, SAYS_ASKED
from bot.study_topics import ASKED, GENERIC, TITLES, TOPIC_MIN_COVERAGE
from ingest.sections import SEPARATOR, heading_topic, numbered_heading
from ingest.structure import LEAD_IN_END, LEAD_IN_MAX_CHARS, ParagraphStructure
from ingest.textnorm import CJK, CJK_RUN, longest_shared_run, normalize
from ingest.zh_text import (
    ALL_TOLD,
    ASPECT_WORDS,
    CN_NUMERALS,
    COUNTED_ITEMS,
    DEMONSTRATIVES,
    DOCUMENT_WORDS,
    ITEM_COUNTERS,
    PERSONAL_PRONOUNS,
    PLAN_WORDS,
    QUOTE_MARKS,
    ROLE_WORDS,
    SAYING_VERBS,
    STOPS,
    abbreviates,
    any_of,
    clause_texts,
    names_part,
    split_clauses,
    split_sentences,
    strip_indent,
    which_count,
)

QUOTED_MIN_CHARS = 4  # a heading the question says this much of in one piece is the part it names
_CASUAL_WHAT = re.compile("啥")  # not where ASKED starts asking, but "主要目标是啥" names its heading as "主要目标是什么" does
_ANNOUNCING_FRAME = re.compile(r"分为|分成|主要|包括|共有|进行|开展|实施|组成|安排|如下|以下|具体|整个|[本此该这]次|[分有共为是了的将]")
_ASKED_KIND = re.compile(rf"(?:几|哪几|哪些|多少)[{ITEM_COUNTERS}大]?([{CJK}]{{2,4}})")  # 分几个阶段, 有哪几类: what is counted
# What frames the topic before the asking part: the document named ("这份通知的"), the verb ("都有", "包括").
_HEAD_FRAME = re.compile(
    # The document by its kind with a word of its title before it, then where in it ("实施意见里的"), first:
    # the second form, all optional, matches anywhere.
    rf"^(?:请问)?(?:{any_of(DEMONSTRATIVES)})?[{CJK}]{{1,4}}?(?:{any_of(DOCUMENT_WORDS)})(?:中的|里的|中|里|提出的|规定的)"
    rf"|^(?:请问)?(?:{any_of(DEMONSTRATIVES)})?(?:{any_of(DOCUMENT_WORDS)})?(?:中的|里的|中|里|的|提出的|规定的)?"
)
_HEAD_TAIL = re.compile(rf"(?:[这那]一?(?:部分|段|块|方面|章|节))?(?:里|中|里面|当中)?(?:主要|具体|{any_of(ALL_TOLD)}|都|分别)*(?:有|包括|包含|是|分为|涉及|提出了?|讲|说|写|谈)?(?:了|的)?$")
# ... and what follows it when the topic comes last ("有哪几项主要措施", "有哪些工作要求").
_AFTER_ASKED = re.compile(r"^几?(?:项|个|条|点|些|类|种|大)?(?:方面)?的?")
_CONCERNING = re.compile(r"^(?:有关|相关|关于)")  # "三、有关工作要求" names 工作要求
_PLAIN_KIND = re.compile(r"^(?:工作|主要|具体)")  # "工作要求", "主要任务": the kind itself, as a heading says it
_PEOPLE = rf"人|{ROLE_WORDS}"  # people by no name: what "哪些人", "哪几位干部" list
_ASKED_PEOPLE = re.compile(rf"(?:哪几|哪些|几)(?:个|位|名)?(?:{_PEOPLE})(?![{CJK}])")  # 通报了哪几个人
_AFTER_END = re.compile(r"[呢吗啊呀]?[？?。！!\s]*$")


def said_in_one_sentence(words: tuple[str, ...], unit: Unit, corpus: Corpus) -> bool:
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


def named_unit(question: str, docs: dict[str, StudyDoc], corpus: Corpus) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The section or titled paragraph whose heading is, word for word, what the question asks about
    ("工作要求有几条" of "四、工作要求"; "这份通知的主要活动有哪些"), in the newest document that has one,
    with the other documents that have it too."""
    asked = ASKED.search(question) or _CASUAL_WHAT.search(question) or _PART_SAYS.search(question) or _SUMMING_UP.match(question)
    if asked is None:
        return None
    head = _HEAD_TAIL.sub("", _HEAD_FRAME.sub("", normalize(question[: asked.start()]), count=1), count=1)
    tail = _AFTER_END.sub("", _AFTER_ASKED.sub("", normalize(question[asked.end() :]), count=1), count=1)
    tail = _HEAD_TAIL.sub("", tail.strip(QUOTE_MARKS + "的"), count=1) if asked.re is _SUMMING_UP else tail  # 总结一下“绩”这一部分
    owned = head.rsplit("的", 1)[-1]  # "这次监管工作的主要目标是啥": 主要目标, whose it is said before 的
    # "…有哪几项主要措施" names 主要措施 after; one character names a heading of one ("德这一部分讲了哪几点" of 一、德)
    named = {phrase.strip(QUOTE_MARKS) for phrase in (head, tail, owned)} - {""}
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


def _first_with_rivals(found: list[tuple[StudyDoc, Unit]]) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The first unit found, with the other documents that have one too (for the note naming the one taken)."""
    if not found:
        return None
    doc, unit = found[0]
    return doc, unit, list(dict.fromkeys(d for d, _ in found[1:] if d is not doc))


# An aspect named by a word of its one-character heading: "能力方面" of 二、能, "在勤的方面", "廉洁这块" (德能勤绩廉).
_ASPECT = re.compile(rf"([{CJK}]{{1,2}})的?(?:方面|这一?(?:部分|块|方面))")
_PART_SAYS = re.compile(SAYS_ASKED)  # "培训费用那部分咋说的": the part is named before
_SUMMING_UP = re.compile(r"^\s*(?:请)?(?:总结|概括|归纳|梳理|捋)(?:一下)?")  # "总结一下…": what follows names the part


def labelled_unit(question: str, docs: dict[str, StudyDoc], corpus: Corpus, whole: bool = True) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The section a question names by its heading's label ("案例二的处理结果是什么" of "案例二：金禾加油站…"), or the
    section under it whose heading the rest of the question names (its 处理结果, not case one's): in a compilation
    every case has the same sub-headings, and only the label tells them apart. Not the whole section unless
    `whole`: a fact asked of a case is a sentence in it."""
    asked = normalize(question)
    for doc_id in corpus.newest_first(docs):
        doc = docs[doc_id]
        for unit, heading, _ in doc.units:
            label = NUMBERED_LABEL.match(heading) if unit.heading.heading_only else None  # the label before the colon
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


def kind_unit(question: str, doc: StudyDoc, docs: dict[str, StudyDoc], corpus: Corpus) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The unit whose items are each what the question counts ("分几个阶段" of 动员部署阶段, 排查整治阶段 …), in
    the document the question is about (`doc`), else the newest that has one, with the others that have one too."""
    asked = [m.group(1) for m in _ASKED_KIND.finditer(normalize(question))]
    if not asked:
        return None
    kinds = {word[:size] for word in asked for size in range(2, len(word) + 1)} - GENERIC  # 阶段 of 阶段都, not 方面
    found = [
        (docs[doc_id], unit)
        for doc_id in [doc.doc_id, *(d for d in corpus.newest_first(docs) if d != doc.doc_id)]
        for unit, items in docs[doc_id].listed_items
        if any(all(kind in item for item in items) for kind in kinds)
    ]
    return _first_with_rivals(found)


def kind_section(question: str, doc: StudyDoc) -> Unit | None:
    """The one top-level section whose heading is nothing but the kind of item the question lists ("哪些要求" of
    "三、有关工作要求", "主要任务"): of a 通报 of cases, lessons and requirements, "提了哪些要求" asks for the last.
    Not a heading that qualifies the kind ("总体要求" of an 意见 is one part of what it requires)."""
    asked = [m.group(1) for m in _ASKED_KIND.finditer(normalize(question))]
    kinds = {word[:size] for word in asked for size in range(2, len(word) + 1)}
    found = [
        Unit(section.heading, section.paragraphs)
        for section in doc.structure.top_sections()
        if _PLAIN_KIND.sub("", _CONCERNING.sub("", normalize(heading_topic(section.heading.text)))) in kinds
    ]
    return found[0] if len(found) == 1 else None


def people_unit(question: str, words: Sequence[str], doc: StudyDoc) -> Unit | None:
    """The unit of the question's document whose items mostly name a person, when the question lists people and
    says nothing else the document holds that the unit lacks ("通报了哪几个人" of a 通报's cases, each headed by who
    did what; not "回访教育的对象是哪些干部"). A name as jieba's tagger reads one, not a role word (干部, 人员), and in
    most items, not all: the tagger misses some names."""
    if _ASKED_PEOPLE.search(question) is None:
        return None
    said = [w for w in words if w in doc.text and not re.fullmatch(_PEOPLE, w)]
    for unit, _, lists in doc.units:
        items = [text for text, _ in unit_items(unit)] if lists else []
        told = normalize("".join(p.text for p in (unit.heading, *unit.members)))
        if items and all(w in told for w in said) and sum(tagged_as(text, PERSON) for text in items) * 2 > len(items):
            return unit
    return None


def opened_unit(question: str, docs: dict[str, StudyDoc], corpus: Corpus) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The paragraph whose points all open as the question does ("质监干部工作要为质量强国干哪几件事" of
    质监干部工作要为质量强国凝聚共识。…培养人才。…统筹力量。): those points are what it asks for."""
    asked, count = normalize(question), which_count(question)
    for doc_id in corpus.newest_first(docs):
        for opening, paragraph in docs[doc_id].openings:
            if opening in asked and count in (None, len(paragraph.points)):
                return docs[doc_id], Unit(paragraph, (paragraph,)), []
    return None


def introduced_unit(question: str, words: Sequence[str], docs: Sequence[StudyDoc], corpus: Corpus) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The paragraph whose points (一是…二是…) follow a lead-in naming every topic word, two or more, all of which the
    materials know, bar those its headings name ("人事改革那块一共说了几条" of "…必须进一步深化质监干部人事制度改革…。一是…四是…", under a heading
    that says 体制改革): no heading names the topic, the sentences introducing the points do. One such paragraph
    in a document, else the question does not tell which; the newest document's, with the others that have one."""
    topic = [said for said in map(normalize, words) if corpus.knows(said)]
    unknown = [said for said in map(normalize, words) if said not in topic and len(said) >= 2]
    if len(topic) < 2 or unknown:
        return None  # a thing the materials never name is no topic they introduce: 示范城市 of "质量强国示范城市有哪些"
    posts = "".join(m.group() for m in re.finditer(TITLES, question))
    by_id = {doc.doc_id: doc for doc in docs}
    found = []
    for doc in (by_id[doc_id] for doc_id in corpus.newest_first(by_id)):
        introduced = [p for p in doc.structure.text_paragraphs if len(p.points) >= 2 and _introduces(p, topic, posts)]
        if len(introduced) == 1:
            found.append((doc, Unit(introduced[0], (introduced[0],))))
    return _first_with_rivals(found)


def introducing_member(unit: Unit, words: Sequence[str]) -> Unit | None:
    """The one paragraph of a section whose points a lead-in naming every topic word introduces, when another
    paragraph of it has points too: "主要目标有哪几个" of "一、总体要求和主要目标" lists what 主要目标是： leads in,
    not the 三条原则 before it. None when no paragraph, or more than one, leads in so."""
    topic = [normalize(w) for w in words]
    listing = [p for p in unit.members if len(p.points) >= 2]
    if not topic or len(listing) < 2:
        return None
    led = [p for p in listing if all(w in _lead_in(p) for w in topic)]
    return Unit(led[0], (led[0],)) if len(led) == 1 else None


def colon_list(words: Sequence[str], docs: dict[str, StudyDoc], corpus: Corpus) -> tuple[StudyDoc, str, ParagraphStructure] | None:
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
    """A paragraph's items after a lead-in naming `topic` (see colon_list), with the lead-in's sentence, else None.
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


def led_in_unit(words: Sequence[str], doc: StudyDoc) -> Unit | None:
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
        if len(introduced := introduced_paragraphs(p, paragraphs)) >= 2 and all(word in normalize(p.text) for word in topic)
    ]
    return Unit(found[0][0], (found[0][0], *found[0][1])) if len(found) == 1 else None


def topic_unit(
    words: Sequence[str], docs: Iterable[StudyDoc], corpus: Corpus, kind: str, done: bool = False
) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The section or paragraph, in any document, whose heading names the question's topic, with the other
    documents one of whose headings names it as well (then the most recently ingested document's is taken).

    The words of a document's title only pick the document ("基层干部" of a 《…基层干部队伍建设…意见》): the
    heading must name the rest, and name more of the question than the title does, else the question is about
    the whole document ("加强质监干部队伍建设有哪几项措施" is not about "加强作风建设"). A list question
    answered by a paragraph without items needs a heading naming every word of its topic, title words too
    ("强化教育培训有哪些做法", not "干部培训的形式有哪些"), unless it names two or more words beside the
    title's ("转变作风这块要求干部做些啥" of a speech on 干部队伍建设: "三是着力转变工作作风"), and then all but a word most of
    the document's parts say (质监部门 of "质监部门应如何为质量强国凝聚共识"). Asked what was `done`,
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
        # A word most of the document's parts say is its subject (质监部门 of "质监部门应如何为质量强国凝聚共识"), no topic a
        # heading must name while another word is asked.
        texts = [text for _, text in doc.parts]  # not a point and its part twice
        common = {w for w in focus if len(texts) >= 4 and 2 * sum(w in text for text in texts) > len(texts)}
        required = [w for w in focus if w not in common] or focus
        for (unit, heading, listed), whole, said in zip(doc.units, doc.unit_headings, doc.unit_texts):
            named = sum(idf[w] for w in focus if _names_heading(w, heading))
            score = named / total if total else 0.0
            if done and any(word in unit.heading.section for word in PLAN_WORDS):
                score -= 1e-9  # a tie goes to what was done
            if score < best_score or named <= sum(idf[w] for w in words if w in doc.title and w not in heading):
                continue
            # the heading as written too: a label (质量强国凝聚共识) leaves out the opening its siblings share (质监干部工作要为);
            # and a point's own few sentences within its paragraph, for the words beside those its heading names ("统一思想、凝聚共识
            # 的具体做法": its heading says 凝聚共识, its first sentence 统一思想); not a whole part's ("干部培训的形式有哪些")
            named_all = all(
                _names_heading(w, heading) or _names_heading(w, whole) or (unit.label and named and w in said)
                for w in (required if len(focus) >= 2 else words)
            )
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


def theme_unit(words: Sequence[str], doc: StudyDoc, corpus: Corpus) -> tuple[StudyDoc, Unit, list[StudyDoc]] | None:
    """The titled paragraph or section of `doc` whose text holds most of the topic words its title lacks (by rarity), when
    it holds more than any other part or paragraph: a part named by what it speaks of ("讲激励干部的那段": 激励机制 is in
    提供展示舞台,激发干部潜能)."""
    focus = [w for w in map(normalize, words) if w not in doc.title]
    if not focus:
        return None
    scored = [(coverage(focus, text, corpus), unit) for unit, text in doc.parts]
    best = max((score for score, _ in scored), default=0.0)
    if best <= 0:
        return None
    tied = sorted((unit for score, unit in scored if score >= best), key=lambda u: len(u.members))
    unit = tied[0]  # of a section and its own paragraph scoring alike, the paragraph
    if any(not set(unit.members) <= set(other.members) for other in tied[1:]):
        return None
    others = [p for p in doc.structure.text_paragraphs if p not in unit.members and p is not doc.structure.conclusion]
    if any(coverage(focus, normalize(p.text), corpus) >= best for p in others):
        return None  # another paragraph speaks of it as much (廉洁: 清正廉洁 in the first, 廉洁自律 in the fifth), bar the close recapping all
    return doc, unit, []


def quotes_more(question: str, unit: Unit, other: Unit) -> bool:
    """Whether `unit`'s heading holds a piece of the question of QUOTED_MIN_CHARS or more, longer than any
    `other`'s holds: a phrase quoted, not a word or two ("不足" of "二是监管力量相对不足")."""
    quoted = longest_shared_run((question,), normalize(unit.label or unit.heading.heading))
    return quoted >= QUOTED_MIN_CHARS and quoted > longest_shared_run((question,), normalize(other.label or other.heading.heading))
