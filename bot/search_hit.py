"""One search result: the chunk found, its fused score and what each retriever said about it.

The component scores are kept as the retrievers gave them (not re-derived from the fused score), so a
model trained on them later sees exactly what ranking saw.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.chunks import Chunk


@dataclass(frozen=True, slots=True)
class SearchHit:
    chunk: Chunk
    score: float  # reciprocal-rank fusion of the ranks below; 0.0 for a sentence added only for its position
    bm25: float = 0.0  # the lexical retriever's score; 0.0 when it did not find the chunk
    bm25_rank: int | None = None  # 1-based rank among the lexical candidates; None when not among them
    dense: float | None = None  # cosine similarity to the question; None without a vector or in lexical-only search
    dense_rank: int | None = None  # 1-based rank among the dense candidates; None when not among them
