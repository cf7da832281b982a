"""What a quiz question is: plain data, ready for a poll, a JSON line or a progress record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

CLOZE = "cloze"
CHOICE = "choice"
NOT = "not"  # 'which of these is NOT one of the …': the members of a list and one outsider
JUDGE = "judge"  # 判断题: a statement of the text, true as written or with one key term swapped
MULTI = "multi"  # 多选题: which of these are in the list; a quiz poll with several correct options (Bot API 9.6)
KINDS = (CLOZE, CHOICE, NOT, JUDGE, MULTI)
TRUE, FALSE = "正确", "错误"
KIND_LABELS = {CLOZE: "填空题", CHOICE: "单选题", NOT: "选非题", JUDGE: "判断题", MULTI: "多选题"}


@dataclass(frozen=True)
class QuizSource:
    """The sentence a question was made from, so every answer can be traced back to the document."""

    doc_id: str
    title: str
    paragraph: int
    sentence: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "paragraph": self.paragraph,
            "sentence": self.sentence,
            "text": self.text,
        }


@dataclass(frozen=True)
class QuizItem:
    id: str
    kind: str
    question: str
    options: list[str]
    answer_index: int
    answer: str
    explanation: str
    source: QuizSource = field(compare=False)
    importance: float = field(default=0.0, compare=False)  # how much the item tests a key point; rounds prefer high
    key: str = ""  # the phrase of the source the item is about, shown in bold with the answer ('' = the answer)
    answer_indices: tuple[int, ...] = field(default=(), compare=False)  # all right options (multi-select); () = answer_index

    @property
    def correct_options(self) -> list[int]:
        return list(self.answer_indices) or [self.answer_index]

    def __hash__(self) -> int:
        # `options` is a list, so the generated hash would fail; the id identifies an item.
        return hash(self.id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "question": self.question,
            "options": list(self.options),
            "answer_index": self.answer_index,
            "answer": self.answer,
            "explanation": self.explanation,
            "key": self.key or self.answer,
            "answer_indices": self.correct_options,
            "source": self.source.to_json(),
        }


def item_id(kind: str, doc_id: str, paragraph: int, sentence_text: str, answer: str) -> str:
    """A short id that survives re-ingesting an unchanged document (chunk ids carry the version, this does
    not) and changes when the sentence or the blanked phrase changes, so progress never points at a
    question whose text moved under it."""
    key = "\x1f".join((kind, doc_id, str(paragraph), sentence_text, answer))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
