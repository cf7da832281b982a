"""The one place the parts are put together; the CLI, the console and the Telegram app all start here.

    Services
    ├── kb         KnowledgeBase   the archive (documents) and their vectors in Chroma   ingest/store.py
    ├── index      SearchIndex     BM25 + vectors over every archived sentence            bot/search_index.py
    ├── answers    AnswerService   question → quoted, cited answer (or a refusal)         bot/answer_service.py
    └── documents  DocumentService ingest, remove, reindex, housekeeping, audit           bot/documents.py
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.answer_model import AnswerModel, model_for_space
from bot.answer_service import AnswerService
from bot.answering import ExtractiveAnswerer
from bot.documents import DocumentService
from bot.llm import load_llm
from bot.search_index import SearchIndex
from bot.settings import RULES_MIN_CONFIDENCE, Settings
from ingest.archive import Archive
from ingest.embeddings import EmbeddingChoice, load_embeddings
from ingest.pipeline import IngestService
from ingest.store import ChromaConnection, KnowledgeBase

log = logging.getLogger(__name__)
# A set threshold this many times the model's own reads as one calibrated for the rules' scale (0.49).
LEFTOVER_FACTOR = 3

# What document commands use instead of a model: listing and removing need no vectors.
WITHOUT_MODEL = EmbeddingChoice("none", None, "lexical")


@dataclass(frozen=True)
class Services:
    settings: Settings
    embedding: EmbeddingChoice
    kb: KnowledgeBase
    index: SearchIndex
    answers: AnswerService
    documents: DocumentService


def build_services(settings: Settings, embedding: EmbeddingChoice | None = None) -> Services:
    """Everything one process needs. `embedding`: an already loaded model (tests, a second knowledge
    base in the same process) or WITHOUT_MODEL; by default the configured one is loaded."""
    if embedding is None:
        embedding = load_embeddings(settings.embedding_backend, settings.embedding_model, settings.cache_dir)
    connection = ChromaConnection(settings.data_dir, settings.chroma_host, settings.chroma_port)
    kb = KnowledgeBase(Archive(settings.data_dir), embedding.space, connection, dense=embedding.dense)
    index = SearchIndex(kb, embedding.embeddings, settings.retrieval_top_k, settings.cache_dir)
    model = model_for_space(embedding.space)
    answerer = ExtractiveAnswerer(answer_threshold(settings, model), embedding.similarity_range, model)
    answers = AnswerService(index, answerer, load_llm(settings), embedding.dense, settings.retrieval_top_k)
    documents = DocumentService(settings, kb, IngestService(kb, embedding.embeddings), index)
    return Services(settings, embedding, kb, index, answers, documents)


def answer_threshold(settings: Settings, model: AnswerModel | None) -> float:
    """ANSWER_MIN_CONFIDENCE when set, else the threshold calibrated for the scorer that runs: the
    answer model's probability and the rules' coverage are different scales."""
    if settings.answer_min_confidence is None:
        return model.threshold if model is not None else RULES_MIN_CONFIDENCE
    if model is not None and settings.answer_min_confidence > LEFTOVER_FACTOR * model.threshold:
        log.warning(
            "ANSWER_MIN_CONFIDENCE=%s is far above the answer model's calibrated %s and will refuse most answers; "
            "a value from an older .env (calibrated for the rules) should be removed, or recalibrate with `cadre-bot eval FILE --calibrate`",
            settings.answer_min_confidence,
            model.threshold,
        )
    return settings.answer_min_confidence
