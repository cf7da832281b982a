"""LangChain view of the hybrid searcher, so chains and agents can use the same retrieval.

A module of its own because langchain_core.retrievers costs ~0.5 s to import, which every `ask`
would pay without using it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from bot.search_hit import SearchHit


class HybridRetriever(BaseRetriever):
    """Passages ranked by `bot.retrieval.HybridSearcher`, with their doc_id, title, paragraph and scores."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k: int = 8

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [to_document(hit) for hit in self.searcher.search(query, self.k)]


def to_document(hit: SearchHit) -> Document:
    """The LangChain shape of a hit: the sentence as content; where it is and how it scored as metadata
    (a dense score is left out when vectors took no part, so `"dense" in metadata` tells)."""
    chunk = hit.chunk
    scores = {name: value for name, value in asdict(hit).items() if name != "chunk" and value is not None}
    fields = {name: value for name, value in asdict(chunk).items() if name != "text"}
    return Document(id=chunk.id, page_content=chunk.text, metadata={"chunk_id": chunk.id, **fields, **scores})
