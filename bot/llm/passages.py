"""Which passages the LLM sees: the ones the extractive answer quoted, then the next best by retrieval rank."""

from __future__ import annotations

from bot.answering import Answer, Source, quotable
from bot.corpus import Corpus
from bot.search_hit import SearchHit
from ingest.instructions import is_instruction_like

MAX_PASSAGES = 6


def select_passages(answer: Answer, candidates: list[SearchHit], corpus: Corpus, limit: int = MAX_PASSAGES) -> list[Source]:
    """Up to `limit` passages; headings and instruction-like sentences are skipped, as in extractive answers."""
    chosen = [s for s in answer.sources if not is_instruction_like(s.text)][:limit]
    seen = {(s.doc_id, s.paragraph, s.sentence) for s in chosen}
    for hit in candidates:
        if len(chosen) >= limit:
            break
        chunk = hit.chunk
        key = (chunk.doc_id, chunk.paragraph, chunk.sentence)
        if key in seen or not quotable(chunk, corpus):
            continue
        seen.add(key)
        chosen.append(Source.of(chunk, hit.score))
    return chosen
