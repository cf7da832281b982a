"""LangChain view of the hybrid searcher, so chains and agents can use the same retrieval.

A module of its own because langchain_core.retrievers costs ~0.5 s to import, which every `ask`
would pay without using it.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class HybridRetriever(BaseRetriever):
    """Passages ranked by `bot.retrieval.HybridSearcher`, with their doc_id, title and paragraph."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any
    k: int = 8

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.searcher.search(query, self.k)
