"""Many short documents are embedded together: the fast batch encoder needs dozens of sentences a call."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings
from ingest.pipeline import EMBED_BATCH
from tests.conftest import FakeEmbeddings, counting_services


def notices(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for n in range(count):
        body = "\n\n".join(f"第{n}号通知第{k}条：各单位按期完成第{k}项计量检定工作。" for k in range(5))
        path = folder / f"notice-{n:02d}.txt"
        path.write_text(f"第{n}号通知\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_short_documents_are_embedded_in_bulk_and_answer_as_before(settings: Settings, tmp_path: Path) -> None:
    counting, services = counting_services(settings)
    results = services.documents.ingest(notices(tmp_path / "docs", 12))
    assert [r.status for r in results] == ["new"] * 12
    sentences = sum(r.chunks for r in results)
    assert sum(counting.calls) == sentences  # each sentence embedded once
    assert len(counting.calls) == -(-sentences // EMBED_BATCH) < 12  # not one call per document
    reference = FakeEmbeddings()
    stored = services.kb.vectors.all_vectors()
    for entry in services.kb.archive.documents():  # every sentence stored with its own vector, none shifted by the batching
        chunks = services.kb.chunks(entry)
        assert len(chunks) == 5
        for chunk in chunks:
            assert list(stored[chunk.id]) == pytest.approx(reference.embed_query(chunk.text))
    answer = services.answers.ask("第5号通知第3条要求完成什么工作？")
    assert "第5号通知第3条" in answer.quote and "第5号通知" in answer.citation

    counting.calls.clear()
    again = services.documents.ingest(notices(tmp_path / "same", 12))
    assert {r.status for r in again} == {"unchanged"} and counting.calls == []

    counting.calls.clear()
    services.documents.reindex()
    assert sum(counting.calls) == sentences and len(counting.calls) < 12
