"""How a study answer is told: verbatim lines, each with its 出处, and the note saying which document it is for
when the library holds several that could answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.answering import Answer, Source, citation
from bot.study_document import StudyDoc
from bot.study_intent import PartRef, PlaceRef
from ingest.structure import DocumentStructure, ParagraphStructure
from ingest.zh_text import strip_sentence_end

SUB_ITEM_INDENT = "\u3000"  # a part of a section stands under the section's heading, indented
NOTE_TITLE_CHARS = 30  # titles in the note saying which document an answer is for are cut to this length


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


def rivals_note(doc: StudyDoc, others: Sequence[StudyDoc], library: int) -> str:
    """One line naming the document an answer is for when others fit the question as well, and how to
    ask about another: it names one of them as the example."""
    if len(others) + 1 == library:
        chosen = f"资料库共有{library}篇文章，以上按最近导入的《{_short_title(doc)}》回答"
    else:
        chosen = f"资料库中有{len(others) + 1}篇文章都符合，以上按其中最近导入的《{_short_title(doc)}》回答"
    return f"{chosen}；问其他文章请带上标题，如「《{_short_title(others[0])}》主要讲了什么」。"


def _short_title(doc: StudyDoc) -> str:
    title = doc.structure.title
    return title if len(title) <= NOTE_TITLE_CHARS else title[:NOTE_TITLE_CHARS] + "…"


def noted(answer: Answer | None, note: str) -> Answer | None:
    """The answer with `note` after any note it has."""
    return replace(answer, note=answer.note + note) if answer is not None and note else answer


def parts_answer(question: str, parts: Sequence[PartRef | PlaceRef], answers: Sequence[Answer]) -> Answer:
    """Several parts or points asked at once ("第二段和第三段分别讲了什么", "第三点和第四点"): each one's answer under its name, one 出处 for all;
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


def counted_note(answer: Answer, structure: DocumentStructure, part: PartRef) -> Answer:
    """A paragraph named by position in a document with lines before its text: the reply says how it
    was counted, since 出处 numbers those lines too."""
    if structure.front and part.unit == "paragraph" and part.number > 0:
        return replace(answer, note=f"这是正文的{part.words}，出处的段号从文首算起，正文前的{len(structure.front)}行也计在内。")
    return answer


def missing_answer(question: str, message: str) -> Answer:
    """A part that does not exist: refused, with how many the document has, so the learner can ask again."""
    return Answer(question=question, quote=message, refused=True)


def lines_answer(question: str, doc: StudyDoc, lines: Sequence[tuple[str, ParagraphStructure | None]]) -> Answer:
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
