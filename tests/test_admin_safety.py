"""Knowledge-base safety across processes: a killed ingest, and shell changes while the bot serves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.benchmark import synthetic_document
from bot.serve_lock import ServeLock
from bot.services import Services, build_services
from bot.settings import Settings
from ingest.loaders import load_document
from ingest.embeddings import EmbeddingChoice
from tests.conftest import PROJECT_ROOT, SEEDS, FakeEmbeddings, visible_sentences
from tests.telegram_fake import FakeBotApi
from tests.test_telegram_serve import serve  # noqa: F401  (fixture)


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_", "TELEGRAM_"))}
    env.update({"CADRE_BOT_SEEDS_DIR": str(SEEDS), **extra})
    return env


# The real command line in a process of its own, with the fake embedding model: vectors are written to
# a real Chroma store at full speed, so a kill lands in the middle of writing them.
FAKE_MODEL_CLI = """
import sys
import bot.services
from ingest.embeddings import EmbeddingChoice
from tests.conftest import FakeEmbeddings
bot.services.load_embeddings = lambda *args, **kwargs: EmbeddingChoice("fake", FakeEmbeddings(), "fake-64")
from bot.cli import main
sys.exit(main(sys.argv[1:]))
"""


def fake_model_cli(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", FAKE_MODEL_CLI, "--data-dir", str(data_dir), *args]


def fake_services_at(data_dir: Path) -> Services:
    return build_services(Settings(_env_file=None, data_dir=data_dir, seeds_dir=SEEDS), embedding=EmbeddingChoice("fake", FakeEmbeddings(), "fake-64"))


def store_size(data_dir: Path) -> int:
    """Bytes in the vector store while an ingest writes it: SQLite's journal may vanish between listing and reading."""
    total = 0
    for path in (data_dir / "chroma").rglob("*"):
        try:
            total += path.stat().st_size if path.is_file() else 0
        except FileNotFoundError:
            continue
    return total


def ingest_until_the_store_grows(data_dir: Path, path: Path, grow_mb: float, **streams) -> subprocess.Popen:
    """Start `ingest path` and return once it has written `grow_mb` to the store, still running."""
    baseline = store_size(data_dir)
    streams = streams or {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    child = subprocess.Popen(fake_model_cli(data_dir, "ingest", str(path)), env=cli_env(), cwd=PROJECT_ROOT, **streams)
    deadline = time.monotonic() + 60
    while store_size(data_dir) < baseline + grow_mb * 1024 * 1024 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert child.poll() is None, "the ingest finished before the test could step in"
    return child


def big_document(folder: Path, megabytes: float, replace: tuple[str, str] = ("", "")) -> Path:
    big = folder / "big.txt"
    text = synthetic_document(load_document(next(SEEDS.glob("*.txt"))).paragraphs, megabytes)
    big.write_text(text.replace(*replace) if replace[0] else text, encoding="utf-8")
    return big


@pytest.mark.slow
@pytest.mark.parametrize("extra_mb", [0.5, 2.0, 4.0])
def test_sigkill_during_ingest_leaves_old_documents_and_no_partial_one(tmp_path: Path, extra_mb: float) -> None:
    data_dir = tmp_path / "data"
    assert subprocess.run(fake_model_cli(data_dir, "ingest"), env=cli_env(), cwd=PROJECT_ROOT, capture_output=True).returncode == 0
    big = big_document(tmp_path, max(2.0, extra_mb))  # room to grow by extra_mb before the ingest ends
    child = ingest_until_the_store_grows(data_dir, big, extra_mb)
    child.send_signal(signal.SIGKILL)
    child.wait()
    services = fake_services_at(data_dir)
    assert [d.title for d in services.documents.records()] == ["浅谈质量强国与质监干部队伍建设"], "the interrupted document must not be visible"
    assert len(visible_sentences(services)) == 45, "no partial document is visible"
    assert "营造公平公正的竞争环境" in services.answers.ask("深化体制改革要营造怎样的竞争环境？").text
    assert any(hit.dense is not None for hit in services.answers.search("深化体制改革要营造怎样的竞争环境？")), "the vectors survived the kill"
    services.documents.collect_leftovers()
    assert services.kb.vectors.collection.count() == 45, "what the interrupted write left was collected"
    if extra_mb == 2.0:
        del services
        retried = subprocess.run(fake_model_cli(data_dir, "ingest", str(big)), env=cli_env(), cwd=PROJECT_ROOT, capture_output=True, text=True)
        assert retried.returncode == 0, retried.stderr
        assert "新增" in retried.stdout, "the interrupted document goes in on the next try"


def test_cli_remove_refuses_while_the_bot_serves(fake_telegram: FakeBotApi, serve, seeded_e5_dir: Path) -> None:  # noqa: F811
    bot = serve()
    data_dir = Path(bot.env["CADRE_BOT_DATA_DIR"])
    listed = subprocess.run([sys.executable, "-m", "bot", "--data-dir", str(data_dir), "docs", "--json"], env=cli_env(), capture_output=True, text=True)
    doc_id = listed.stdout.split('"doc_id": "')[1].split('"')[0]
    removed = subprocess.run([sys.executable, "-m", "bot", "--data-dir", str(data_dir), "remove", doc_id], env=cli_env(), capture_output=True, text=True)
    assert removed.returncode != 0
    assert "机器人正在运行" in removed.stderr
    fake_telegram.inject_text(1001, "党风廉政建设要确保干部怎样做事做人？")
    (answer,) = fake_telegram.wait_for_messages(1001, 1, timeout=30)
    assert "干干净净做事" in answer["text"], "nothing was removed"
    assert bot.stop() == 0
    after = subprocess.run([sys.executable, "-m", "bot", "--data-dir", str(data_dir), "remove", doc_id], env=cli_env(), capture_output=True, text=True)
    assert after.returncode == 0, after.stderr


@pytest.mark.slow
def test_a_second_writer_refuses_while_an_ingest_runs(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert subprocess.run(fake_model_cli(data_dir, "ingest"), env=cli_env(), cwd=PROJECT_ROOT, capture_output=True).returncode == 0
    big = big_document(tmp_path, 3.0)
    ingest = ingest_until_the_store_grows(data_dir, big, 0.5, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Frozen mid-write, the ingest still holds its lock: the second writer cannot start after it has finished.
    ingest.send_signal(signal.SIGSTOP)
    try:
        assert ServeLock(data_dir).holder() == ingest.pid, "the ingest released its lock before it could be frozen"
        second = subprocess.run(fake_model_cli(data_dir, "remove", "0b2bc52de1"), env=cli_env(), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    finally:
        ingest.send_signal(signal.SIGCONT)
    out, err = ingest.communicate(timeout=120)
    assert second.returncode != 0 and "另一条命令正在修改这个知识库" in second.stderr
    assert ingest.returncode == 0, err
    listed = subprocess.run([sys.executable, "-m", "bot", "--data-dir", str(data_dir), "docs"], env=cli_env(), capture_output=True, text=True)
    assert listed.stdout.count("《") == 2, "both documents are there: the refused remove changed nothing"


@pytest.mark.slow
def test_sigkill_while_replacing_a_large_document_keeps_its_old_version(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    big = big_document(tmp_path, 1.0)
    first = subprocess.run(fake_model_cli(data_dir, "ingest", str(big)), env=cli_env(), cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    services = fake_services_at(data_dir)
    (record,) = [d for d in services.documents.records() if d.source == "big.txt"]
    before = [p.text for p in visible_sentences(services)]
    vectors = services.kb.vectors.collection.count()
    del services
    big_document(tmp_path, 1.0, replace=("质量", "品质"))
    child = ingest_until_the_store_grows(data_dir, big, 2.0)
    child.send_signal(signal.SIGKILL)
    child.wait()
    services = fake_services_at(data_dir)
    assert [d.version for d in services.documents.records() if d.source == "big.txt"] == [record.version], "the old version is still the visible one"
    assert [p.text for p in visible_sentences(services)] == before, "every sentence of the old version is intact"
    assert services.answers.ask("深化体制改革要营造怎样的竞争环境？").sources, "the old version still answers"
    services.documents.collect_leftovers()
    assert services.kb.vectors.collection.count() == vectors, "every vector of the old version is intact, the new ones are gone"
