"""The lines of an official document a question asks for by what they are: who issued or signed it, whom it
goes to, its number, its title, its author or drafter, when a meeting was held, and what the text calls for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.answering import Answer
from bot.corpus import Corpus
from bot.question_analysis import tells_author
from bot.questions import question_terms
from bot.study_document import StudyDoc
from bot.study_gist import named_part, part_answer
from bot.study_intent import ADDRESSED, CONVENED, ISSUED, NUMBERED, SIGNER_ASKED, PartRef, asks_of_speech, document_kinds, given_at
from bot.study_reply import StudyAnswer, counted_note, lines_answer, missing_answer, noted, rivals_note
from ingest.structure import DATE, DISTRIBUTION_LABELS, DocumentStructure, ParagraphStructure, Section
from ingest.textnorm import CJK, normalize
from ingest.zh_text import CALL_VERBS, CLOSING_FORMULA, COLONS, ROLE_WORDS, DOCUMENT_KINDS, MINUTES, QUOTED_TITLE, SPEECH_WORDS, is_call, split_sentences, strip_indent

_ADDRESSED_OR_PLACED = re.compile(rf"(?:[^\s]*(?:{ROLE_WORDS})|大家|我们|各位|广大|全体|最后|结尾|文章|全文|最终)")
_MEETING_REPORTED = re.compile(rf"(?:{CONVENED})[^，。]{{0,30}}会(?:议)?$")  # a news report's title: 我市召开…推进会
_HELD_ON = re.compile(rf"(?:会议)?时间\s*[{COLONS}]")  # a 纪要's header line for when the meeting was held
_MEETING_DAY = re.compile(rf"{DATE.pattern}|\d{{1,2}}\s*月\s*\d{{1,2}}\s*日")  # 2024年4月16日, or 4月16日 under a dated title
_CONVENED = re.compile(rf"{CONVENED}|主持")
_DISTRIBUTION = re.compile(rf"(?:{DISTRIBUTION_LABELS})\s*[{COLONS}]")
_ASKS_WHEN = re.compile(r"哪天|哪一天|什么时候|什么时间|何时|几号|几月|日期|时间")
_DRAFTER_LINE = re.compile(rf"^[{CJK}]{{0,6}}(?:起草|执笔|撰稿)人?\s*[{COLONS}]")  # 报告起草：…, 执笔人：…, 撰稿：…
# Who made or issued a document, as a text about it says in its opening: 研究制定了《…》, 印发了《…》.
_ISSUING = re.compile(r"(?:制定|印发|发布|出台|制发)了?《")
_ISSUED_ON = re.compile(r"印发|发布|施行|审议通过|出台")
OPENING_PARAGRAPHS = 2  # the paragraphs a text's opening is looked for in


def _addressees(structure: DocumentStructure) -> tuple[ParagraphStructure, ...]:
    """The line naming whom the document goes to; a 纪要 has none at its head, only 送：, 发： or 分送： after its text."""
    if structure.address is not None:
        return (structure.address,)
    if MINUTES not in structure.title:
        return ()
    return tuple(p for p in structure.paragraphs if not p.heading_only and _DISTRIBUTION.match(strip_indent(p.text)))


# The lines of an official document each question about it is answered by.
LETTER_LINES: dict[str, Callable[[DocumentStructure], tuple[ParagraphStructure, ...]]] = {
    ISSUED: lambda structure: structure.issuer_lines,
    ADDRESSED: _addressees,
    NUMBERED: lambda structure: (structure.document_number,) if structure.document_number else (),
}


def from_first_with(
    question: str, doc: StudyDoc, note: str, docs: dict[str, StudyDoc], corpus: Corpus, answer_from: Callable[[StudyDoc], Answer | None]
) -> Answer | None:
    """The answer from `doc`, else from the newest document that has one ("这份文件是谁发的" when the newest
    document has no signature), saying which document it is for when the library has several. A kind named
    without pointing at the document ("对该站作出的行政处罚决定文号是什么" of a 信访事项处理意见书) is another document's,
    which `doc` answers only when its title says that kind; one pointed at ("这个通知" of a 通报) is `doc`'s, misnamed."""
    kinds = [kind for kind in DOCUMENT_KINDS if kind in question]  # "这份通知…": only a 通知 will do; a speech, see _may_answer
    own = bool(document_kinds(question)) or all(kind in doc.structure.title for kind in kinds)
    answer = answer_from(doc) if _may_answer(question, doc) and own else None
    if answer is not None:
        return noted(answer, note)
    for doc_id in corpus.newest_first(docs):
        other = docs[doc_id]
        if other is doc or not all(kind in other.structure.title for kind in kinds) or not _may_answer(question, other):
            continue
        if (answer := answer_from(other)) is not None:
            rest = [d for d in docs.values() if d is not other]
            return noted(answer, rivals_note(other, rest, len(docs)))
    return None


def _may_answer(question: str, doc: StudyDoc) -> bool:
    """A question of who spoke or when the meeting was held, or of a 讲稿 or 党课, is answered by a speech (a title
    ending in its kind) given at that meeting: a notice about a 党课 is signed by its issuer, not its lecturer. When
    the meeting was held, its 纪要 says as well ("这次会是哪天开的")."""
    title = doc.structure.title
    if asks_of_speech(question) and _ASKS_WHEN.search(question) and MINUTES in title and given_at(question, title):
        return True
    speech = asks_of_speech(question) or any(word in question for word in SPEECH_WORDS)
    return not speech or (title.endswith(SPEECH_WORDS) and given_at(question, title))


def letter_answer(question: str, doc: StudyDoc, kind: str) -> Answer | None:
    """An official document's issuer and date, whom it is sent to or its number, as its own line says; None
    when it has no such line. The closing signature lies in no section, whatever the last heading was."""
    lines = LETTER_LINES[kind](doc.structure)
    signer = [p for p in doc.structure.front if "签发人" in p.text] if kind == ISSUED and SIGNER_ASKED.search(question) else []
    lines = signer or lines  # "这份请示是谁签发的": its 签发人 line, else the issuer
    if kind == ISSUED and _ASKS_WHEN.search(question) and asks_of_speech(question) and MINUTES in doc.structure.title:
        held = _held_on(doc)  # "这次会是哪天开的" of a 纪要: its meeting's date, never its issue date
        return None if held is None else lines_answer(question, doc, [held])
    if not lines:
        return _issuing_sentence(question, doc) if kind == ISSUED else None
    if kind == ISSUED and _ASKS_WHEN.search(question):
        lines = lines[-1:]  # "会议是哪天开的": the dated line, not the speaker's
    closing = doc.structure.signature is not None and lines[-1] is doc.structure.signature
    closing = closing or (kind == ADDRESSED and doc.structure.address is None)  # a 纪要's 送：, 发： follow the text, in no section
    return lines_answer(question, doc, [(strip_indent(line.text), replace(line, section="") if closing else line) for line in lines])


def of_a_meeting(doc: StudyDoc) -> bool:
    """Whether a document records a meeting or was spoken at one: a 纪要, a speech, a report of it ("我市召开2025年质量
    强市工作推进会", its last paragraph what the chair required)."""
    title = doc.structure.title
    return MINUTES in title or title.endswith(SPEECH_WORDS) or _MEETING_REPORTED.search(title) is not None


def _held_on(doc: StudyDoc) -> tuple[str, ParagraphStructure] | None:
    """What a 纪要 says of when its meeting was held, which its issue date under the title does not: its header line
    (时间：2024年4月16日下午), else the opening sentence dating the meeting (2024年6月18日下午，…召开…局务会议)."""
    opening = (*doc.structure.front, *doc.structure.text_paragraphs[:OPENING_PARAGRAPHS])
    line = next((p for p in opening if _HELD_ON.match(strip_indent(p.text)) and _MEETING_DAY.search(p.text)), None)
    if line is not None:
        return strip_indent(line.text), line
    numbers = {p.number for p in opening}
    return next(((text, p) for p, text, _ in doc.sentences if p.number in numbers and _MEETING_DAY.search(text) and _CONVENED.search(text)), None)


def _issuing_sentence(question: str, doc: StudyDoc) -> Answer | None:
    """For a text without an issuer line (a 政策解读, an essay), the sentence of its opening that says who made or
    issued the document it is about ("…党组研究制定了《…考核办法》"), or when, if one does."""
    opening = {p.number for p in doc.structure.text_paragraphs[:OPENING_PARAGRAPHS]}
    # "什么时候印发的": a sentence dating it (经…审议通过，…印发)
    wanted = (DATE, _ISSUED_ON) if _ASKS_WHEN.search(question) else (_ISSUING,)
    found = next(((p, text) for p, text, _ in doc.sentences if p.number in opening and all(w.search(text) for w in wanted)), None)
    return None if found is None else lines_answer(question, doc, [(found[1], found[0])])


def author_answer(question: str, doc: StudyDoc) -> Answer | None:
    """Who wrote the document: its speaker or issuer line when it has one; else a plain refusal naming the
    document, as an essay without a byline does not say (a sentence on its topic would mislead). None when the
    《title》 asked about is no document's (《长眠不醒》的作者 asks of a novel a text speaks of)."""
    quoted = QUOTED_TITLE.findall(normalize(question))
    if quoted and not any(t and doc.title and (t in doc.title or doc.title in t) for t in quoted):
        return None
    drafted = next((p for p in doc.structure.paragraphs if _DRAFTER_LINE.match(strip_indent(p.text))), None)
    if drafted is not None:  # 报告起草：质量监督科 周晓岚（科长）: who wrote it, not the office that issued it
        return lines_answer(question, doc, [(strip_indent(drafted.text).strip(), drafted)])
    answer = letter_answer(question, doc, ISSUED)
    if answer is not None:
        return answer
    if tells_author(doc.text) or any(f"《{t}》" in doc.text for t in quoted):
        return None  # the text tells who wrote it (…罗贯中所著), or speaks of the work (《长眠不醒》是…): the fact way
    return missing_answer(question, f"《{doc.structure.title}》没有写明作者，学习资料中找不到，我不能凭空作答。")


def title_answer(question: str, doc: StudyDoc) -> Answer:
    """The title, cited as the title: it stands above the numbered paragraphs."""
    title = doc.structure.title
    return StudyAnswer(question=question, quote=f"《{title}》", refused=False, citation=f"出处《{title}》标题", confidence=1.0)


def call_answer(question: str, doc: StudyDoc, part: PartRef | None) -> Answer | None:
    """What a document, its end or a part calls on its readers to do: the calling sentences of the last
    paragraph that has any; the gist of a part named that calls for nothing ("第四段号召什么"); else None,
    as a closing line that calls for nothing (a signature, a date of effect) does not answer."""
    named = part is not None and part.number != -1
    paragraphs: Sequence[ParagraphStructure] = [p for p in doc.structure.paragraphs if not p.heading_only]
    if named:
        found = named_part(doc, part)
        if found is None:
            return part_answer(question, doc, part)  # says how many parts there are
        paragraphs = found.paragraphs if isinstance(found, Section) else (found,)
    # "号召紧密团结在谁的周围", "号召我们高举什么旗帜": a detail asked of the call, which the call saying it answers; not whom
    # it addresses (干部 of 号召干部做什么) nor where it stands (最后, 结尾)
    detail = [w for w in question_terms(question).words if len(w) > 1 and w not in CALL_VERBS and not _ADDRESSED_OR_PLACED.fullmatch(w)]
    # the closing: the last paragraph but a closing formula (谢谢大家！)
    body = [p for p in paragraphs if not CLOSING_FORMULA.match(strip_indent(p.text))]
    last = body[-1] if body else None
    for paragraph in reversed(paragraphs):
        closing = not named and paragraph is last
        calls = [strip_indent(s) for s in split_sentences(paragraph.text) if is_call(s, closing)]
        calls = [s for s in calls if (said := normalize(s)) and any(w in said for w in detail)] or calls
        if calls:
            answer = lines_answer(question, doc, [(s, paragraph) for s in calls])
            return counted_note(answer, doc.structure, part) if named else answer
    return part_answer(question, doc, part) if named else None
