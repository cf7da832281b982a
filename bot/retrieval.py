"""Hybrid retrieval: BM25 over character n-grams fused with dense e5 vectors by reciprocal rank.

The archive decides which documents are searched (see ingest.store): every archived document's
sentences go into the BM25 index, and those the current embedding space holds a vector for into the
dense one. Dense search is an exact cosine product over every visible vector, in memory: at 10k
sentences (15 MB) it costs about a millisecond and scores every sentence, where Chroma's approximate
top-k query would score a few. Vectors are read from Chroma once at start (one pass) and then only
for the documents a write changed.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bot import vector_cache
from bot.corpus import Corpus
from bot.lexical import LexicalIndex
from bot.search_hit import SearchHit
from ingest.archive import ArchivedDocument
from ingest.chunks import Chunk
from ingest.store import STORE_FOLDER, KnowledgeBase
from ingest.textnorm import longest_shared_run, normalize
from ingest.vectors import VectorStore
from ingest.zh_text import DOCUMENT_WORDS, SENTENCE_MARKS, bare_title

log = logging.getLogger(__name__)

RRF_K = 60
QUERY_CACHE_SIZE = 2048
CANDIDATES = 20
# Sentences of a document the question names by its title added to the candidates, each a row for the answer model:
# of 1, 3 and 6 on CMRC's train part, 3 put gold in the most quotes (2009, 2015, 2012 of 2210).
NAMED_DOCUMENT_EXTRAS = 3
BULK_READ_DOCUMENTS = 50  # more documents lacking vectors than this are read in one pass over the store


@dataclass(frozen=True)
class _Block:
    """One document version: its chunks in order and the unit vectors this space holds for them."""

    passages: list[Chunk]
    vectors: np.ndarray | None  # one row per entry of `rows`
    rows: np.ndarray  # which passages have a vector
    complete: bool  # every passage has one


@dataclass(frozen=True)
class _Snapshot:
    corpus: Corpus
    by_id: dict[str, int]
    lexical: LexicalIndex
    vectors: np.ndarray | None
    vector_rows: np.ndarray | None = None  # the passage each row of `vectors` belongs to
    copies: dict[int, tuple[int, ...]] = field(default_factory=dict)  # a sentence other documents hold too: all its copies
    documents: dict[str, list[int]] = field(default_factory=dict)  # each document's passages, in order
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # what a question may call each document: its title, bare

    @property
    def passages(self) -> list[Chunk]:
        return self.corpus.passages


class HybridSearcher:
    """Ranks sentence chunks for a question; thread-safe, swaps its index atomically on refresh."""

    def __init__(self, kb: KnowledgeBase, embeddings: Embeddings | None, cache_dir: Path | None = None) -> None:
        self._kb = kb
        self._embeddings = embeddings
        self._cache_dir = cache_dir
        self._refresh_lock = threading.Lock()
        self._blocks: dict[tuple[str, str], _Block] = {}
        self._snapshot = self._build()
        # Popular questions (example buttons, repeated exam questions) skip the model; vectors never go stale.
        self._query_vector = lru_cache(maxsize=QUERY_CACHE_SIZE)(self._embed_query)

    @property
    def passages(self) -> list[Chunk]:
        return self._snapshot.passages

    @property
    def corpus(self) -> Corpus:
        return self._snapshot.corpus

    def refresh(self) -> None:
        """Re-read the knowledge base after a write; readers keep the old snapshot until the swap."""
        with self._refresh_lock:
            self._snapshot = self._build()

    def search(self, question: str, k: int) -> list[SearchHit]:
        """Top-k passages with fused score and each retriever's score and rank (see search_with_corpus for what may follow)."""
        return self.search_with_corpus(question, k)[0]

    def search_with_corpus(
        self, question: str, k: int, position: str | None = None, dense: bool = True, dense_text: str | None = None
    ) -> tuple[list[SearchHit], Corpus]:
        """Like `search`, plus the corpus the results came from, so answers use the same snapshot.

        `position` ("first"/"last") adds that paragraph of each found document, for questions about
        a document's opening or conclusion. `dense_text`, when given, is embedded instead of `question`:
        a question one character off its retry means nearly the same, and its vector is already made.
        Beyond the `k` fused, up to NAMED_DOCUMENT_EXTRAS sentences of a document the question names by its title.
        """
        snap = self._snapshot
        if not snap.passages:
            return [], snap.corpus
        lexical = {idx: (rank, score) for rank, (idx, score) in enumerate(snap.lexical.search(question, CANDIDATES), start=1)}
        similarities = self._similarities(dense_text or question, snap) if dense else None
        dense_ranks: dict[int, int] = {}
        if similarities is not None:
            dense_ranks = _nearest(similarities, snap)
            similarities = self._by_passage(similarities, snap)
        if snap.copies:
            lexical, dense_ranks = _one_copy(question, snap, lexical, dense_ranks)
        fused = _fuse({idx: rank for idx, (rank, _) in lexical.items()}, dense_ranks)
        ranked = [idx for idx, _ in sorted(fused.items(), key=lambda item: -item[1])[:k]]
        ranked += [i for i in _beside_the_title(question, snap) if i not in ranked]
        if position:
            doc_ids = {snap.passages[i].doc_id for i in ranked}
            extra = [snap.by_id[c.id] for c in snap.corpus.positional(position, doc_ids)]
            ranked += [i for i in extra if i not in ranked]
        hits = []
        for idx in ranked:
            bm25_rank, bm25 = lexical.get(idx, (None, 0.0))
            similarity = None if similarities is None or np.isnan(similarities[idx]) else float(similarities[idx])
            hits.append(
                SearchHit(
                    chunk=snap.passages[idx],
                    score=round(fused.get(idx, 0.0), 6),
                    bm25=float(bm25),
                    bm25_rank=bm25_rank,
                    dense=similarity,
                    dense_rank=dense_ranks.get(idx),
                )
            )
        return hits, snap.corpus

    def _embed_query(self, question: str) -> tuple[float, ...]:
        return tuple(self._embeddings.embed_query(question))

    @staticmethod
    def _by_passage(similarities: np.ndarray, snap: _Snapshot) -> np.ndarray:
        """Similarities indexed by passage, NaN for passages without a vector."""
        if len(similarities) == len(snap.passages):
            return similarities
        full = np.full(len(snap.passages), np.nan, dtype=np.float32)
        full[snap.vector_rows] = similarities
        return full

    def _similarities(self, question: str, snap: _Snapshot) -> np.ndarray | None:
        """Cosine similarity of the question to every passage that has a vector (rows of `snap.vectors`),
        or None for lexical-only search."""
        if snap.vectors is None:
            return None
        query = np.asarray(self._query_vector(question), dtype=np.float32)
        # einsum, not `@`: BLAS splits this product over its threads, which spin-wait for each other on
        # shared cores (7 ms of CPU at 12,716 sentences against einsum's 1 ms on one thread).
        return np.einsum("ij,j->i", snap.vectors, query / (np.linalg.norm(query) or 1.0))

    def _build(self) -> _Snapshot:
        blocks, added = self._blocks_of_archive()
        passages = [p for block in blocks for p in block.passages]
        by_id = {chunk.id: i for i, chunk in enumerate(passages)}
        matrices, rows, start = [], [], 0
        for block in blocks:
            if block.vectors is not None:
                matrices.append(block.vectors)
                rows.append(start + block.rows)
            start += len(block.passages)
        vectors = np.vstack(matrices) if matrices else None
        vector_rows = np.concatenate(rows) if rows else None
        log.debug("search index built over %d passages, %d with vectors", len(passages), 0 if vectors is None else len(vectors))
        lexical = LexicalIndex([p.text for p in passages], self._cache_dir)
        documents: dict[str, list[int]] = defaultdict(list)
        for index, passage in enumerate(passages):
            documents[passage.doc_id].append(index)
        corpus = Corpus(passages, added, lexical.holding)
        return _Snapshot(corpus, by_id, lexical, vectors, vector_rows, _copies(passages), dict(documents), _names(corpus.normalized_titles))

    def _blocks_of_archive(self) -> tuple[list[_Block], dict[str, str]]:
        """Every archived document's sentences, with the vectors this space holds for them, and when each
        document was ingested. A block with every vector is kept while its version stays; one lacking some
        is read again, since an embedding of missing vectors may have filled it."""
        entries = sorted(self._kb.entries(), key=lambda e: e.record.doc_id)
        blocks: dict[tuple[str, str], _Block] = {}
        lacking: list[ArchivedDocument] = []
        for entry in entries:
            key = (entry.record.doc_id, entry.record.version)
            cached = self._blocks.get(key)
            if cached is not None and (cached.complete or self._embeddings is None):
                blocks[key] = cached
            else:
                lacking.append(entry)
        if self._embeddings is not None and lacking and (len(lacking) > BULK_READ_DOCUMENTS or not self._blocks):
            found = self._bulk_vectors(lacking)  # the first build, or many documents: the cache dir's copy if it holds
        else:
            store = self._kb.readable_vectors() if self._embeddings is not None and lacking else None
            found = self._vectors_for(store, lacking)
        for entry in lacking:
            blocks[(entry.record.doc_id, entry.record.version)] = _block(self._kb.chunks(entry), found)
        self._blocks = blocks
        return list(blocks.values()), {entry.record.doc_id: entry.record.ingested_at for entry in entries}

    def _bulk_vectors(self, entries: list[ArchivedDocument]) -> dict[str, np.ndarray]:
        """Every vector in one read (the first build, or many documents), from the cache dir's copy when
        the embedded store has not changed since the copy was made: a cold `ask` then never imports or
        opens Chroma, however few the documents."""
        store_dir = self._kb.connection.data_dir / STORE_FOLDER
        kept = self._cache_dir is not None and not self._kb.connection.host
        versions = sorted((e.record.doc_id, e.record.version) for e in entries)
        key = vector_cache.cache_key(store_dir, self._kb.space, versions) if kept else None
        found = vector_cache.load(self._cache_dir, key) if key is not None else None
        if found is not None:
            return found
        store = self._kb.readable_vectors()
        before = vector_cache.cache_key(store_dir, self._kb.space, versions) if kept and store is not None else None
        found = self._vectors_for(store, entries)
        if before is not None and before == vector_cache.cache_key(store_dir, self._kb.space, versions):
            vector_cache.save(self._cache_dir, before, found)  # only what no write changed while it was read
        return found

    def _vectors_for(self, store: VectorStore | None, entries: list[ArchivedDocument]) -> dict[str, np.ndarray]:
        """Vectors by chunk id: all in one read when many documents need them (the first build),
        else document by document."""
        if store is None or not entries:
            return {}
        try:
            if len(entries) > BULK_READ_DOCUMENTS:
                return store.all_vectors()
            found: dict[str, np.ndarray] = {}
            for entry in entries:
                found.update(store.vectors_of(entry.record.doc_id, entry.record.version))
            return found
        except Exception as exc:  # noqa: BLE001 - a damaged store: keywords still answer from the archive
            log.error("cannot read vectors (%s); searching by keywords only", exc)
            return {}


def _block(chunks: list[Chunk], vectors: dict[str, np.ndarray]) -> _Block:
    rows = [i for i, chunk in enumerate(chunks) if chunk.id in vectors]
    if not rows:
        return _Block(chunks, None, np.empty(0, dtype=np.int64), complete=not chunks)
    matrix = np.vstack([vectors[chunks[i].id] for i in rows]).astype(np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return _Block(chunks, matrix, np.asarray(rows, dtype=np.int64), complete=len(rows) == len(chunks))


def _nearest(similarities: np.ndarray, snap: _Snapshot) -> dict[int, int]:
    """The CANDIDATES most similar passages (by index) with their 1-based dense rank."""
    nearest = np.argpartition(-similarities, min(CANDIDATES, len(similarities)) - 1)[:CANDIDATES]
    ordered = sorted(nearest.tolist(), key=lambda i: -similarities[i])
    return {int(snap.vector_rows[row]): rank for rank, row in enumerate(ordered, start=1)}


def _beside_the_title(question: str, snap: _Snapshot) -> list[int]:
    """The sentences of the document whose whole title the question names that best match the rest of it ("以什么为食" of
    "黑尾前肛鳗以什么为食"): every sentence saying the title's name outranks them for the whole question ("黑尾前肛鳗的
    图片" first), so the one that answers is often among neither ranking's candidates."""
    asked = normalize(question)
    named = {
        doc_id: max(said, key=len) for doc_id, names in snap.names.items() if (said := [name for name in names if name in asked])
    }
    if not named:
        return []
    longest = max(map(len, named.values()))
    doc_id = snap.corpus.newest_first(d for d, name in named.items() if len(name) == longest)[0]
    rest = asked.replace(named[doc_id], " ")
    own = snap.documents.get(doc_id, [])
    scores = snap.lexical.scores(rest)[own] if own else np.zeros(0)
    best = np.argsort(-scores, kind="stable")[:NAMED_DOCUMENT_EXTRAS]
    return [own[int(i)] for i in best if scores[int(i)] > 0]


def _names(titles: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Each document's title and its bare form (杨昊 of 杨昊 (足球运动员)), those a question can name it by: two
    characters at least, and not a bare kind (a document titled 通知 is named by no question asking of a 通知)."""
    found = {
        doc_id: tuple(name for name in {title, bare_title(title).strip()} if len(name) >= 2 and name not in DOCUMENT_WORDS)
        for doc_id, title in titles.items()
    }
    return {doc_id: names for doc_id, names in found.items() if names}


def _copies(passages: list[Chunk]) -> dict[int, tuple[int, ...]]:
    """Each sentence that several documents hold word for word, to all its copies: templated articles repeat
    "本鱼分布于印度西太平洋海域。", notices repeat their boilerplate. Only sentences, not headings (一、总体要求), which
    name a different section in each document."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for index, passage in enumerate(passages):
        text = passage.text.strip()
        if text.endswith(tuple(SENTENCE_MARKS)):
            by_text[text].append(index)
    return {
        index: tuple(group)
        for group in by_text.values()
        if len({passages[i].doc_id for i in group}) > 1
        for index in group
    }


def _one_copy(
    question: str, snap: _Snapshot, lexical: dict[int, tuple[int, float]], dense: dict[int, int]
) -> tuple[dict[int, tuple[int, float]], dict[int, int]]:
    """The rankings with a sentence several documents hold in one place, the best its copies reached, as the copy in
    the document whose title holds most of the question ("黑尾前肛鳗以什么为食" of 《黑尾前肛鳗》), else the best-ranked
    copy. Its copies tie on every score, so before this they took candidates' places by archive order: ten fish
    articles' "以小型鱼类、甲壳类及软体动物为食。" left the asked fish's own copy out, and its title's opening was quoted."""
    asked = normalize(question)
    titles = snap.corpus.normalized_titles
    lexical, dense = dict(lexical), dict(dense)
    done: set[tuple[int, ...]] = set()
    for index in [*lexical, *dense]:
        group = snap.copies.get(index)
        if group is None or group in done:
            continue
        done.add(group)
        best_rank = {i: min(lexical.get(i, (CANDIDATES + 1, 0.0))[0], dense.get(i, CANDIDATES + 1)) for i in group}
        kept_doc = snap.passages[
            max(group, key=lambda i: (longest_shared_run([asked], titles.get(snap.passages[i].doc_id, "")), -best_rank[i]))
        ].doc_id
        kept = [i for i in group if snap.passages[i].doc_id == kept_doc]
        found = [lexical[i] for i in group if i in lexical]
        ranks = [dense[i] for i in group if i in dense]
        for i in group:
            lexical.pop(i, None)
            dense.pop(i, None)
        for i in kept:
            if found:
                lexical[i] = (min(rank for rank, _ in found), max(score for _, score in found))
            if ranks:
                dense[i] = min(ranks)
    return lexical, dense


def _fuse(*rankings: dict[int, int]) -> dict[int, float]:
    """Reciprocal-rank fusion of 1-based rankings, in the order the rankings and their passages come."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for idx, rank in ranking.items():
            fused[idx] = fused.get(idx, 0.0) + 1.0 / (RRF_K + rank)
    return fused
