"""Split paragraphs into sentence chunks on Chinese punctuation, keeping every character.

Sentences of a paragraph concatenate back to the paragraph exactly, so the original paragraph can be
shown without storing it twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.documents import Document

from ingest.documents import SourceDocument

SPLITTER_VERSION = "sentences-v2"

# A sentence ends at 。！？；!?; or an ellipsis, together with any closing quotes or brackets after it.
_SENTENCE_END = re.compile(r"(?:[。！？；!?;]+|…{1,2}|\.{3,})[”’」』》）)\"']*")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(paragraph: str) -> list[Sentence]:
    """Cut a paragraph after each sentence-ending mark; the pieces cover the whole paragraph."""
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end()
        if paragraph[start:end].strip():
            sentences.append(Sentence(start, end, paragraph[start:end]))
            start = end
    if paragraph[start:].strip():
        sentences.append(Sentence(start, len(paragraph), paragraph[start:]))
    elif sentences and start < len(paragraph):
        last = sentences[-1]
        sentences[-1] = Sentence(last.start, len(paragraph), paragraph[last.start :])
    return sentences


def chunk_document(document: SourceDocument, version: str) -> list[Document]:
    """One LangChain Document per sentence, carrying doc id, title, section, paragraph number and position."""
    chunks: list[Document] = []
    doc_id = document.doc_id
    for paragraph_no, (paragraph, section) in enumerate(zip(document.paragraphs, document.sections), start=1):
        for sentence_no, sentence in enumerate(split_sentences(paragraph), start=1):
            chunk_id = f"{doc_id}:{version[:12]}:{paragraph_no}:{sentence_no}"
            chunks.append(
                Document(
                    id=chunk_id,
                    page_content=sentence.text,
                    metadata={
                        "chunk_id": chunk_id,
                        "doc_id": doc_id,
                        "version": version,
                        "title": document.title,
                        "source": document.source,
                        "section": section,
                        "paragraph": paragraph_no,
                        "sentence": sentence_no,
                        "start": sentence.start,
                        "end": sentence.end,
                    },
                )
            )
    return chunks
