"""BM25 over Chinese character unigrams and bigrams (bm25s)."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np

from ingest.textnorm import char_ngrams, strip_question_words

log = logging.getLogger(__name__)
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG

# Bump when char_ngrams or the index parameters change: cached indexes of the old kind are then ignored.
TOKENS_VERSION = "char-1-2-v1"
KEPT_INDEXES = 4
RANKED_CACHE_SIZE = 64


def query_tokens(question: str) -> list[str]:
    return char_ngrams(strip_question_words(question))


class LexicalIndex:
    """Built from the texts the knowledge base holds; rebuilt whenever it changes.

    With a cache dir, the index of a given list of texts is kept there and loaded by the next process:
    building it takes seconds at ten thousand sentences, loading it a few milliseconds, and a cold
    `ask` pays one or the other."""

    def __init__(self, texts: list[str], cache_dir: Path | None = None) -> None:
        self._size = len(texts)
        self._bm25 = bm25s.BM25()
        # A question that BM25 alone does not answer is searched again with vectors: score it once.
        self._ranked = lru_cache(maxsize=RANKED_CACHE_SIZE)(self._rank)
        if not texts:
            return
        folder = cache_dir / f"lexical-{_key(texts)}" if cache_dir is not None else None
        cached = _load(folder) if folder is not None else None
        if cached is not None:
            self._bm25 = cached
            return
        self._bm25.index([char_ngrams(t) or ["\u0000"] for t in texts], show_progress=False)
        if folder is not None:
            _save(self._bm25, folder)

    def search(self, question: str, k: int) -> list[tuple[int, float]]:
        """(text index, BM25 score) of the best matches with a positive score."""
        return list(self._ranked(question, k))

    def _rank(self, question: str, k: int) -> tuple[tuple[int, float], ...]:
        scores = self.scores(question)
        top = np.argsort(-scores)[:k]
        return tuple((int(i), float(scores[i])) for i in top if scores[i] > 0)

    def scores(self, question: str) -> np.ndarray:
        """BM25 of every text for `question` (zeros when none of its n-grams is indexed)."""
        tokens = [t for t in query_tokens(question) if t in self._bm25.vocab_dict] if self._size else []
        return self._bm25.get_scores(tokens) if tokens else np.zeros(self._size)

    def holding(self, token: str) -> np.ndarray:
        """Indexes of the texts whose n-grams include `token` (a CJK character or bigram): the index's own
        posting list, so a word's document frequency needs no scan of every text."""
        token_id = self._bm25.vocab_dict.get(token) if self._size else None
        if token_id is None:
            return np.empty(0, dtype=np.int64)
        indptr = self._bm25.scores["indptr"]
        return np.asarray(self._bm25.scores["indices"][indptr[token_id] : indptr[token_id + 1]])


def _key(texts: list[str]) -> str:
    digest = hashlib.sha256(f"{TOKENS_VERSION}|{bm25s.__version__}".encode())
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()[:24]


def _load(folder: Path) -> bm25s.BM25 | None:
    if not folder.is_dir():
        return None
    try:
        return bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
    except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, never trusted
        log.warning("replacing the unreadable lexical index cache %s: %s", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None


def _save(bm25: bm25s.BM25, folder: Path) -> None:
    """Written to a temporary folder renamed into place, so a reader sees a whole index or none; only
    the newest few are kept (one per data dir that shares the cache, usually one)."""
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".lexical-"))
        bm25.save(str(temp), show_progress=False)
        try:
            os.rename(temp, folder)
        except OSError:  # another process saved the same index first
            shutil.rmtree(temp, ignore_errors=True)
            return
        kept = sorted(folder.parent.glob("lexical-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT_INDEXES:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        log.warning("could not keep the lexical index in %s: %s", folder.parent, exc)
