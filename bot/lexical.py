"""BM25 over Chinese character unigrams and bigrams (bm25s)."""

from __future__ import annotations

import logging

import bm25s
import numpy as np

from ingest.textnorm import char_ngrams, strip_question_words

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG


def query_tokens(question: str) -> list[str]:
    return char_ngrams(strip_question_words(question))


class LexicalIndex:
    """Built from the texts the knowledge base holds; rebuilt whenever it changes."""

    def __init__(self, texts: list[str]) -> None:
        self._size = len(texts)
        self._bm25 = bm25s.BM25()
        if texts:
            self._bm25.index([char_ngrams(t) or ["\u0000"] for t in texts], show_progress=False)

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        """(text index, BM25 score) of the best matches with a positive score."""
        tokens = [t for t in query_tokens(question) if t in self._bm25.vocab_dict] if self._size else []
        if not tokens:
            return []
        scores = self._bm25.get_scores(tokens)
        top = np.argsort(-scores)[:k]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
