"""`cadre-bot eval` on CMRC 2018 files: answerable, near-miss and off-topic figures, by answer type."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot import cli
from bot.cmrc import load_cmrc, near_miss, off_topic, select
from bot.cmrc_eval import CmrcResult, calibrate_threshold, choose_related_threshold, evaluate_cmrc, format_report, summarize
from bot.settings import PROJECT_ROOT, Settings
from ingest.embeddings import EmbeddingChoice
from tests.conftest import DEV_SET, SEEDS

SLICE = PROJECT_ROOT / "tests" / "data" / "cmrc_slice.jsonl"


def test_eval_asks_every_kind_of_case_of_the_part_in_throwaway_knowledge_bases(settings: Settings, fake_choice: EmbeddingChoice) -> None:
    contexts = select(load_cmrc(SLICE), "test")
    report = evaluate_cmrc(settings, SLICE, "test", embedding=fake_choice)
    assert report.contexts == len(contexts) == 8
    assert report.answerable["cases"] == sum(len(c.questions) for c in contexts)
    assert report.near_miss["cases"] == len(near_miss(contexts).cases)
    assert report.off_topic["cases"] == len(off_topic(contexts).cases) > 0
    assert 0 < report.answerable["gold_in_answer"] <= report.answerable["gold_in_sources"] <= report.answerable["cases"]
    assert 0 < report.answerable["own_context"] <= report.answerable["cases"] - report.answerable["refused"], "quotes traced to their context"
    assert report.answerable["accuracy"] == round(report.answerable["gold_in_answer"] / report.answerable["cases"], 4)
    for kind in ("answerable", "near_miss", "off_topic"):
        cells = [table[kind] for table in report.by_answer_type.values() if kind in table]
        assert sum(cases for _, cases in cells) == getattr(report, kind)["cases"], kind
    assert set(report.by_answer_type) <= {"person", "organisation", "place", "time", "number", "definition", "reason", "method", "yes_no", "list", "none"}
    assert report.latency_ms["p50"] > 0 and report.latency_ms["p95"] >= report.latency_ms["p50"]
    assert not settings.data_dir.exists(), "the user's knowledge base is never touched"


def _result(
    kind: str, answer_type: str, *, gold: bool = False, refused: bool = False, latency: float = 10.0, confidence: float = 0.5, related: bool = False
) -> CmrcResult:
    return CmrcResult(
        question=f"{kind}-{answer_type}?", kind=kind, answer_type=answer_type, answers=("金",), answer="…", refused=refused,
        confidence=confidence, gold_in_answer=gold, gold_in_sources=gold, latency_ms=latency, own_context=gold, related=related,
    )


def test_the_figures_count_answers_with_gold_refusals_and_rejections() -> None:
    results = [
        _result("answerable", "time", gold=True, latency=10),
        _result("answerable", "time", latency=20),  # answered without the year: wrong, not refused
        _result("answerable", "person", refused=True, latency=30),
        _result("answerable", "person", gold=True, latency=40),
        _result("near_miss", "time", refused=True, related=True),
        _result("near_miss", "time"),  # quoted the nearest sentence: the worst failure
        _result("off_topic", "person", refused=True),
    ]
    report = summarize(results, SLICE, "test", 2, "fake-64", "extractive", 0.49)
    assert report.answerable == {"own_context": 2, "cases": 4, "gold_in_answer": 2, "accuracy": 0.5, "gold_in_sources": 2, "refused": 1, "false_refusal_rate": 0.25}
    assert report.near_miss == {"cases": 2, "refused": 1, "rejection_rate": 0.5, "related_reading": 1}
    assert report.off_topic == {"cases": 1, "refused": 1, "rejection_rate": 1.0, "related_reading": 0}
    assert report.by_answer_type == {
        "person": {"answerable": [1, 2], "off_topic": [1, 1]},
        "time": {"answerable": [1, 2], "near_miss": [1, 2]},
    }
    assert [f["question"] for f in report.failures] == ["answerable-time?", "answerable-person?", "near_miss-time?"]
    text = format_report(report)
    assert "gold in answer 2/4 (50.0%)" in text and "near-miss rejection  1/2 (50.0%), 1 with related reading" in text
    assert "  time               1/2 · 1/2 · -" in text


@pytest.fixture
def _lexical_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """BM25 alone in process: these tests are about the command line, not the model."""
    for key in [k for k in os.environ if k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_")) and k != "CADRE_BOT_CACHE_DIR"]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))


@pytest.mark.usefixtures("_lexical_backend")
def test_eval_command_reads_the_cmrc_format_with_part_and_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    assert cli.main(["--data-dir", str(data_dir), "eval", str(SLICE), "--part", "calibrate", "--limit", "2", "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["part"] == "calibrate" and report["contexts"] == 2
    assert {"answerable", "near_miss", "off_topic", "by_answer_type", "latency_ms", "failures"} <= set(report)
    assert report["near_miss"]["cases"] == 2 and report["off_topic"]["cases"] > 0
    assert "新建知识库" not in captured.err and not data_dir.exists(), "no knowledge base of the user's is created"
    assert cli.main(["--data-dir", str(data_dir), "eval", str(SLICE), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "CMRC part            test, 1 contexts" in out
    assert all(label in out for label in ("gold in answer", "false refusals", "near-miss rejection", "by answer type"))


@pytest.mark.usefixtures("_lexical_backend")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((str(DEV_SET), "--part", "test"), "--part 和 --limit 只用于 CMRC 格式"),
        ((str(SLICE), "--limit", "0"), "--limit 须为正整数"),
    ],
)
def test_eval_options_that_do_not_fit_the_file_are_refused_in_one_line(
    args: tuple[str, ...], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data-dir", str(tmp_path / "data"), "eval", *args]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]  # after the data dir's announcement, if any
    assert err.startswith("错误：") and message in err


def test_calibration_takes_the_highest_threshold_that_keeps_false_refusals_within_three_percent() -> None:
    answerable = [_result("answerable", "time", gold=True, confidence=0.2 + i / 100) for i in range(100)]  # 0.20 … 1.19
    near = [_result("near_miss", "time", confidence=c) for c in (0.1, 0.21, 0.5)]
    off = [_result("off_topic", "none", confidence=c) for c in (0.05, 0.15, 0.3, 0.9)]
    calibration = calibrate_threshold(answerable + near + off)
    assert calibration["threshold"] == 0.23, "0.23 refuses three of the hundred answerable questions, 0.24 four"
    assert calibration["false_refusal_rate"] == 0.03 and calibration["accuracy"] == 0.97
    assert calibration["near_miss_rejection"] == round(2 / 3, 4) and calibration["off_topic_rejection"] == 0.5


@pytest.mark.parametrize("related_from", [None, 0.0], ids=["shipped", "every-refusal-offers-reading"])
def test_calibrating_leaves_the_figures_at_the_configured_threshold_unchanged(
    settings: Settings, fake_choice: EmbeddingChoice, monkeypatch: pytest.MonkeyPatch, related_from: float | None
) -> None:
    if related_from is not None:  # the running scorer's related reading, whatever the calibration would choose
        monkeypatch.setattr("bot.answering.RULES_RELATED_CONFIDENCE", related_from)
    plain = evaluate_cmrc(settings, SLICE, "test", limit=4, embedding=fake_choice)
    calibrated = evaluate_cmrc(settings, SLICE, "test", limit=4, embedding=fake_choice, calibrate=True)
    assert plain.calibration is None and calibrated.calibration is not None
    assert (calibrated.answerable, calibrated.near_miss, calibrated.off_topic) == (plain.answerable, plain.near_miss, plain.off_topic)
    assert calibrated.calibration["false_refusal_rate"] <= 0.03
    assert "calibrated threshold" in format_report(calibrated)


def test_related_reading_starts_where_at_most_five_percent_of_off_topic_questions_would_get_it() -> None:
    off_topic = [0.001 * n for n in range(100)]  # refused at 0.1: 0.000 … 0.099
    near_miss = [0.05, 0.08, 0.09, 0.2]  # the last is answered, no reading either way
    confidences, kinds = off_topic + near_miss, ["off_topic"] * 100 + ["near_miss"] * 4
    assert choose_related_threshold(confidences, kinds, 0.1) == 0.095, "0.095 offers it to 5 of 100, 0.09 to 10"
    assert choose_related_threshold([0.5], ["near_miss"], 0.1) == 0.1, "nothing measured: no reading"


def test_warm_up_loads_the_question_encoder_of_a_model_the_eval_wraps(settings: Settings) -> None:
    from bot.cmrc_eval import CachedEmbeddings
    from bot.services import build_services
    from tests.conftest import FakeEmbeddings

    class WithQuestionEncoder(FakeEmbeddings):
        loaded = 0

        def load_question_encoder(self) -> None:
            self.loaded += 1

    inner = WithQuestionEncoder()
    services = build_services(settings, embedding=EmbeddingChoice("fake", CachedEmbeddings(inner), "fake-64"))
    services.answers.warm_up()
    assert inner.loaded == 1, "the eval's questions should be embedded as a serving bot's are"
