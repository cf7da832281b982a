"""The unit everything is searched, quoted and cited by: one sentence of one document version.

Chunks are derived from a document's archived text by the splitter, so they are the same whatever
embedding model is loaded; a model only adds a vector per chunk id (see ingest.vectors).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Chunk:
    doc_id: str
    version: str  # the document version (content hash) this sentence belongs to
    paragraph: int  # 1-based, as cited in 出处
    sentence: int  # 1-based within the paragraph
    text: str
    title: str
    source: str  # the file name the document came from
    section: str = ""
    start: int = 0  # character offsets within the paragraph: sentences of a paragraph cover it exactly
    end: int = 0

    @property
    def id(self) -> str:
        """Stable across processes and models; a new version of the document gives new ids."""
        return chunk_id(self.doc_id, self.version, self.paragraph, self.sentence)

    @property
    def position(self) -> tuple[str, int, int]:
        """Document order: sort by this to read chunks as the document reads."""
        return (self.doc_id, self.paragraph, self.sentence)


def chunk_id(doc_id: str, version: str, paragraph: int, sentence: int) -> str:
    return f"{doc_id}:{version[:16]}:{paragraph}:{sentence}"
