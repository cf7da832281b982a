"""The typed answer: quote, 出处 and sources apart, rendered the same way for every channel."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from bot.services import Services

TITLE = "关于开展计量器具专项检查的通知"
TEXT = (
    f"{TITLE}\n\n一、总体要求\n\n为加强计量监督管理，决定开展专项检查。\n\n"
    "二、时间安排\n\n各单位应于十二月十五日前完成自查，并报送自查报告。\n"
)
JSON_KEYS = {"question", "answer", "refused", "mode", "sources", "latency_ms", "confidence"}
SOURCE_KEYS = {"doc_id", "title", "paragraph", "text", "score", "sentence", "section"}


@pytest.fixture
def notice_services(fake_services: Services, tmp_path: Path) -> Services:
    path = tmp_path / "notice.txt"
    path.write_text(TEXT, encoding="utf-8")
    fake_services.documents.ingest([path])
    return fake_services


def test_answer_keeps_quote_and_sectioned_citation_apart(notice_services: Services) -> None:
    answer = notice_services.answers.ask("各单位应于什么时候前完成自查？")
    assert not answer.refused
    assert "十二月十五日前完成自查" in answer.quote and "出处" not in answer.quote
    assert answer.citation == f"出处《{TITLE}》第4段（二、时间安排）"
    assert answer.text == f"{answer.quote}\n{answer.citation}"
    with pytest.raises(FrozenInstanceError):
        answer.latency_ms = 0.0  # type: ignore[misc]


def test_json_contract_is_unchanged(notice_services: Services) -> None:
    answer = notice_services.answers.ask("各单位应于什么时候前完成自查？")
    payload = answer.to_json()
    assert set(payload) == JSON_KEYS
    assert payload["answer"] == f"{answer.quote}\n出处《{TITLE}》第4段（二、时间安排）"
    assert payload["latency_ms"] > 0 and payload["mode"] == "extractive"
    assert isinstance(payload["sources"], list) and set(payload["sources"][0]) == SOURCE_KEYS


def test_refusal_has_no_citation(notice_services: Services) -> None:
    answer = notice_services.answers.ask("上海到杭州的高铁要多久？")
    assert answer.refused and answer.citation == "" and answer.sources == ()
    assert answer.text == answer.quote and answer.text.startswith("抱歉")
    assert set(answer.to_json()) == JSON_KEYS | {"hint", "topics"} and answer.to_json()["answer"] == answer.text
