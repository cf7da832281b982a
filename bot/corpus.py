"""A read-only view of the visible passages: neighbours within a paragraph and word rarity."""

from __future__ import annotations

import math
from functools import lru_cache

from langchain_core.documents import Document

from ingest.instructions import is_instruction_like
from ingest.textnorm import normalize
from ingest.zh_text import strip_sentence_end

HEADING_MAX_CHARS = 20


class Corpus:
    def __init__(self, passages: list[Document]) -> None:
        self.passages = passages
        self._normalized = [normalize(p.page_content) for p in passages]
        self._paragraphs: dict[tuple[str, int], list[Document]] = {}
        for doc in passages:
            key = (doc.metadata["doc_id"], doc.metadata["paragraph"])
            self._paragraphs.setdefault(key, []).append(doc)
        self.idf = lru_cache(maxsize=4096)(self._idf)
        self._instruction_like: dict[str, bool] = {}  # by text: checked on first use, not for every passage at start
        # Which document versions this view holds: equal signatures mean equal content.
        self.signature = tuple(sorted({(p.metadata["doc_id"], p.metadata["version"]) for p in passages}))
        self.max_idf = math.log((len(passages) + 1) / 0.5)
        self._last_paragraph: dict[str, int] = {}
        for doc_id, paragraph in self._paragraphs:
            self._last_paragraph[doc_id] = max(paragraph, self._last_paragraph.get(doc_id, 0))

    def is_at(self, doc: Document, position: str) -> bool:
        """Whether a passage lies in the first or last paragraph of its document."""
        if position == "first":
            return doc.metadata["paragraph"] == 1
        return doc.metadata["paragraph"] == self._last_paragraph.get(doc.metadata["doc_id"])

    def positional(self, position: str, doc_ids: set[str]) -> list[Document]:
        """Sentences of the first or last paragraph of the given documents."""
        found: list[Document] = []
        for doc_id in sorted(doc_ids):
            paragraph = 1 if position == "first" else self._last_paragraph.get(doc_id, 0)
            found.extend(self.paragraph(doc_id, paragraph))
        return found

    def paragraph(self, doc_id: str, paragraph: int) -> list[Document]:
        """Sentences of one paragraph in order."""
        return self._paragraphs.get((doc_id, paragraph), [])

    def is_heading(self, doc: Document) -> bool:
        """A short first sentence like '强化教育培训,提升专业素养。' titles its paragraph; it answers nothing."""
        if doc.metadata["sentence"] != 1 or len(doc.page_content) > HEADING_MAX_CHARS:
            return False
        return len(self.paragraph(doc.metadata["doc_id"], doc.metadata["paragraph"])) > 1

    def heading_of(self, doc_id: str, paragraph: int) -> str:
        """The title sentence of a paragraph, or '' when it has none."""
        sentences = self.paragraph(doc_id, paragraph)
        return strip_sentence_end(sentences[0].page_content) if sentences and self.is_heading(sentences[0]) else ""

    def headings(self) -> list[str]:
        """Paragraph titles without their closing mark, in document order."""
        return [heading for doc_id, paragraph in self._paragraphs if (heading := self.heading_of(doc_id, paragraph))]

    def is_instruction_like(self, doc: Document) -> bool:
        """`ingest.instructions.is_instruction_like`, remembered: the same candidates come up question after question."""
        text = doc.page_content
        found = self._instruction_like.get(text)
        if found is None:
            found = self._instruction_like[text] = is_instruction_like(text)
        return found

    def paragraph_text(self, doc_id: str, paragraph: int) -> str:
        return "".join(d.page_content for d in self.paragraph(doc_id, paragraph))

    def _idf(self, word: str) -> float:
        """Rarer words weigh more; a word the documents never use weighs most of all."""
        df = sum(1 for text in self._normalized if word in text)
        return math.log((len(self._normalized) + 1) / (df + 0.5))
