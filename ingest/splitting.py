"""Split paragraphs into sentence chunks on Chinese punctuation, keeping every character.

Sentences of a paragraph concatenate back to the paragraph exactly, so the original paragraph can be
shown without storing it twice. A run longer than MAX_SENTENCE_CHARS without a sentence end (a table
dumped as one line, a scraped page without punctuation) is cut at clause marks, else at a space, else
at a fixed length: one embedding per bounded chunk, never one of megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.chunks import Chunk
from ingest.documents import SourceDocument
from ingest.zh_text import BREAKING_SPACES, CLAUSE_MARKS, SENTENCE_MARKS, sentence_ends, sentence_spans

SPLITTER_VERSION = "sentences-v3"

MAX_SENTENCE_CHARS = 300
# A title longer than this is a paragraph taken for one; see bounded_title.
TITLE_MAX_CHARS = 100
_TITLE_TRIM = CLAUSE_MARKS + SENTENCE_MARKS + BREAKING_SPACES
# Where an over-long sentence may be cut, best first: after a clause mark, after a space. An ASCII ';'
# inside a sentence only closes an HTML entity (&amp;), so it is no cut mark here.
_CUT_MARKS = (CLAUSE_MARKS.replace(";", ""), BREAKING_SPACES)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(paragraph: str) -> list[Sentence]:
    """Cut a paragraph after each sentence-ending mark; the pieces cover the whole paragraph."""
    if not paragraph.strip():
        return []
    sentences = [Sentence(start, end, paragraph[start:end]) for start, end in sentence_spans(paragraph)]
    return [piece for sentence in sentences for piece in _bounded(paragraph, sentence)]


def _bounded(paragraph: str, sentence: Sentence) -> list[Sentence]:
    """The sentence in pieces of at most MAX_SENTENCE_CHARS (a trailing blank piece joins the one before)."""
    pieces: list[Sentence] = []
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE_CHARS:
        end = _cut(paragraph, start, start + MAX_SENTENCE_CHARS)
        pieces.append(Sentence(start, end, paragraph[start:end]))
        start = end
    if pieces and not paragraph[start : sentence.end].strip():
        start = pieces.pop().start
    pieces.append(Sentence(start, sentence.end, paragraph[start : sentence.end]))
    return pieces


def _cut(paragraph: str, start: int, limit: int) -> int:
    """Where to end a piece that starts at `start` and may reach `limit`: after the last clause mark, else
    after the last space, else at the limit."""
    for marks in _CUT_MARKS:
        at = max(paragraph.rfind(mark, start, limit) for mark in marks)
        if at > start:
            return at + 1
    return limit


def bounded_title(text: str) -> str:
    """The text itself when short enough for a title, else its first sentence (or clauses) cut with '…':
    a 4,000-character title would fill every 出处《…》 it is cited in."""
    text = text.strip()
    if len(text) <= TITLE_MAX_CHARS:
        return text
    limit = TITLE_MAX_CHARS - 1
    first = next(sentence_ends(text[:limit]), 0)
    end = first if first > 0 else _cut(text, 0, limit)
    return text[:end].rstrip(_TITLE_TRIM) + "…"


def chunk_document(document: SourceDocument, version: str) -> list[Chunk]:
    """One Chunk per sentence, carrying doc id, title, section, paragraph number and position."""
    chunks: list[Chunk] = []
    for paragraph_no, (paragraph, section) in enumerate(zip(document.paragraphs, document.sections), start=1):
        for sentence_no, sentence in enumerate(split_sentences(paragraph), start=1):
            chunks.append(
                Chunk(
                    doc_id=document.doc_id,
                    version=version,
                    paragraph=paragraph_no,
                    sentence=sentence_no,
                    text=sentence.text,
                    title=document.title,
                    source=document.source,
                    section=section,
                    start=sentence.start,
                    end=sentence.end,
                )
            )
    return chunks
