"""How the services are put together: document commands need no model, and a removal reaches every model's vectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import cli
from bot.services import Services, build_services
from bot.settings import Settings
from ingest.embeddings import EmbeddingChoice
from tests.conftest import FakeEmbeddings

RULES = "计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用。\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_listing_and_removing_documents_never_load_the_model(
    fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (result,) = fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES)])

    def no_model(*args: object, **kwargs: object) -> EmbeddingChoice:
        raise AssertionError("the embedding model was loaded")

    monkeypatch.setattr("bot.services.load_embeddings", no_model)
    data_dir = str(fake_services.settings.data_dir)
    assert cli.main(["--data-dir", data_dir, "docs"]) == 0
    assert cli.main(["--data-dir", data_dir, "docs", "--history"]) == 0
    assert cli.main(["--data-dir", data_dir, "remove", result.doc_id]) == 0
    out = capsys.readouterr().out
    assert "计量管理办法" in out and f"已删除 {result.doc_id}" in out


def test_removing_a_document_drops_its_vectors_under_every_model(fake_services: Services, settings: Settings, tmp_path: Path) -> None:
    (result,) = fake_services.documents.ingest([write(tmp_path / "rules.txt", RULES)])
    other = build_services(settings, EmbeddingChoice("other", FakeEmbeddings(), "other-64"))
    assert len(other.documents.embed_missing()) == 1
    assert other.kb.vectors.collection.count() == fake_services.kb.vectors.collection.count() == 3
    fake_services.documents.remove(result.doc_id)
    assert other.kb.vectors.collection.count() == fake_services.kb.vectors.collection.count() == 0
    assert other.documents.records() == []
