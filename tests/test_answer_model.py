"""The learned answer model: shipped as JSON, reproducible, choosing quotes by type and refusing what the material does not say."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer_model import load_answer_model
from bot.cmrc import load_cmrc, without_answer
from bot.cmrc_eval import evaluate_cmrc
from bot.services import WITHOUT_MODEL, Services, build_services
from bot.settings import ANSWER_MODEL_FILE, PROJECT_ROOT, Settings, shipped_threshold

SLICE = PROJECT_ROOT / "tests" / "data" / "cmrc_slice.jsonl"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """As tests/conftest.py's, here so that this file runs on its own (`--noconftest`) too."""
    return Settings(_env_file=None, data_dir=tmp_path / "data", seeds_dir=PROJECT_ROOT / "seeds")


@pytest.fixture
def knowledge_base(settings: Settings, tmp_path: Path):  # noqa: ANN201
    """Services over the given documents (file name -> text) in a knowledge base of their own, BM25
    alone: no model to load, and the answer model reads a missing similarity as its training mean."""

    built: list[Services] = []

    def build(documents: dict[str, str]) -> Services:
        folder = tmp_path / f"docs-{len(built)}"
        folder.mkdir()
        for name, text in documents.items():
            (folder / name).write_text(text, encoding="utf-8")
        services = build_services(settings.model_copy(update={"data_dir": tmp_path / f"data-{len(built)}"}), WITHOUT_MODEL)
        services.documents.ingest([folder])
        built.append(services)
        return services

    return build


def test_the_shipped_model_records_how_it_was_trained_and_sets_the_default_threshold(settings: Settings) -> None:
    model = load_answer_model()
    assert model is not None, "bot/data/answer_model.json ships with the code"
    record = model.record
    assert record["command"].startswith("python -m bot.train_answer_model")
    assert re.fullmatch(r"[0-9a-f]{64}", record["data_sha256"])
    assert record["split"]["train_contexts"] > 0 and record["split"]["calibrate_contexts"] > 0
    assert "test never read" in record["split"]["how"]
    assert "CC BY-SA 4.0" in record["licence"] and "Cui et al." in record["licence"]
    calibrated = record["metrics"]["calibrate"]["at_threshold"]
    assert calibrated["false_refusal_rate"] <= 0.03, "the threshold keeps false refusals within 3% where it was chosen"
    assert settings.answer_min_confidence == model.threshold == shipped_threshold()


def test_the_model_reloads_and_reproduces_its_stored_metrics_on_the_fixed_slice(settings: Settings) -> None:
    stored = load_answer_model().record["slice_metrics"]
    report = evaluate_cmrc(settings, SLICE, stored["part"], embedding=WITHOUT_MODEL)
    assert report.threshold == stored["threshold"]
    assert {k: report.answerable[k] for k in stored["answerable"]} == stored["answerable"]
    assert report.near_miss == stored["near_miss"]
    assert report.off_topic == stored["off_topic"]


def test_answering_needs_neither_scikit_learn_nor_pickle() -> None:
    code = (
        "import sys\n"
        "from bot.answer_model import load_answer_model\n"
        "assert load_answer_model() is not None\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'pickle', 'joblib')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120, check=True)
    assert "sklearn" not in done.stdout and "joblib" not in done.stdout
    assert "pickle" not in ANSWER_MODEL_FILE.read_text(encoding="utf-8")[:200]
    json.loads(ANSWER_MODEL_FILE.read_text(encoding="utf-8"))  # plain JSON


def test_a_model_file_that_does_not_fit_the_code_is_ignored_not_fatal(tmp_path: Path) -> None:
    data = json.loads(ANSWER_MODEL_FILE.read_text(encoding="utf-8"))
    data["selection"]["features"] = data["selection"]["features"][:-1]
    stale = tmp_path / "answer_model.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    assert load_answer_model(stale) is None
    assert load_answer_model(tmp_path / "missing.json") is None


def test_the_package_ships_the_model_file() -> None:
    text = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"bot\.data" = \[[^\]]*"\*\.json"', text)
    assert "scikit-learn" not in text.split("[project.optional-dependencies]")[0], "training only: not a runtime dependency"
    assert re.search(r'train = \[\s*"scikit-learn', text)


RULES = "# 干部工作规范\n\n## 一、总体要求\n\n干部要坚持原则，敢于担当。\n\n## 四、工作纪律\n\n严格遵守工作时间，不得迟到早退。上班期间不得从事与工作无关的活动。\n"


def test_a_section_heading_is_never_the_answer(knowledge_base) -> None:  # noqa: ANN001
    services = knowledge_base({"rules.md": RULES})
    answer = services.answers.ask("工作纪律是什么？")
    assert "四、工作纪律" not in answer.quote
    if not answer.refused:
        assert answer.sources and all(s.text != "四、工作纪律" for s in answer.sources)
        assert "不得" in answer.quote, "answered from the section's content"


STATION = (
    "海宁西站\n\n"
    "海宁西站是位于浙江省海宁市的一座铁路车站，隶属上海铁路局管辖。"
    "车站启用后成为当地重要的交通枢纽。"
    "海宁西站于2013年7月1日正式启用。"
    "车站设有两座侧式站台。\n"
)


def test_a_which_year_question_quotes_the_sentence_that_holds_a_year(knowledge_base) -> None:  # noqa: ANN001
    services = knowledge_base({"station.txt": STATION})
    answer = services.answers.ask("海宁西站哪一年启用？")
    assert not answer.refused
    assert "2013年" in answer.quote, "not 车站启用后成为当地重要的交通枢纽, which names no year"


def _slice_context(context_id: str):  # noqa: ANN202
    return next(c for c in load_cmrc(SLICE) if c.id == context_id)


def test_both_kinds_of_unanswerable_question_are_refused_and_the_answerable_one_answered(knowledge_base) -> None:  # noqa: ANN001
    kangaroo, comics = _slice_context("TRIAL_154"), _slice_context("TRIAL_632")
    question = next(q for q in kangaroo.questions if q.question == "尤金袋鼠最初是何时被发现的？")
    other = {"comics.txt": f"{comics.title}\n\n{comics.context}\n"}

    whole = knowledge_base({"kangaroo.txt": f"{kangaroo.title}\n\n{kangaroo.context}\n", **other})
    answered = whole.answers.ask(question.question)
    assert not answered.refused and any(gold in answered.quote for gold in question.answers)

    for name, documents in (
        ("near-miss", {"kangaroo.txt": f"{kangaroo.title}\n\n{without_answer(kangaroo.context, question.answers)}\n", **other}),
        ("off-topic", other),
    ):
        services = knowledge_base(documents)
        refused = services.answers.ask(question.question)
        assert refused.refused, f"{name}: {refused.quote}"
        assert refused.confidence < services.answers.min_confidence < answered.confidence
