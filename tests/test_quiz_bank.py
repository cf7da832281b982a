"""The quiz question bank on the seed essay: valid items, stable ids, spread-out rounds, the `quiz` command."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from telegram.constants import PollLimit

import bot.cli
from bot.corpus import Corpus
from bot.quiz import CHOICE, CLOZE, QuizItem, build_bank, problems, select_items
from bot.services import Services, build_services
from bot.settings import Settings
from ingest.chunks import Chunk
from ingest.embeddings import EmbeddingChoice
from ingest.errors import UserError
from tests.conftest import SEEDS, FakeEmbeddings, visible_sentences

JSON_KEYS = {"id", "kind", "question", "options", "answer_index", "answer", "explanation", "key", "answer_indices", "source"}
SOURCE_KEYS = {"doc_id", "paragraph", "text"}
SEED_FILE = next(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seed_passages(tmp_path_factory: pytest.TempPathFactory) -> list[Chunk]:
    """The seed essay's sentence chunks, ingested once for the module with the fake embedder."""
    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("quiz-data"), seeds_dir=SEEDS)
    services = build_services(settings, embedding=EmbeddingChoice("fake", FakeEmbeddings(), "fake-64"))
    services.documents.ensure_seeded()
    return visible_sentences(services)


@pytest.fixture(scope="module")
def bank(seed_passages: list[Chunk]) -> list[QuizItem]:
    return build_bank(seed_passages)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def test_a_round_of_30_covers_the_essay(bank: list[QuizItem]) -> None:
    items = select_items(bank, count=30, seed=1)
    assert len(items) == 30
    assert len({i.id for i in items}) >= 20
    assert all(not problems(i) for i in items)
    assert len({(i.source.doc_id, i.source.paragraph) for i in items}) >= 5
    assert {CLOZE, CHOICE} <= {i.kind for i in items} and len({i.kind for i in items}) >= 3
    # A round walks through the essay: it keeps the best items, yet rarely asks one sentence twice.
    assert len({(i.source.paragraph, i.source.sentence) for i in items}) >= 25


def test_every_item_of_the_bank_obeys_every_rule(bank: list[QuizItem], seed_passages: list[Chunk]) -> None:
    corpus = Corpus(seed_passages)
    sentences = {c.position: c for c in seed_passages}
    assert len(bank) >= 60
    assert len({i.id for i in bank}) == len(bank)
    for item in bank:
        assert problems(item) == [], item
        if item.kind not in (CLOZE, CHOICE):
            continue  # NOT and true/false items: tests/test_quiz_importance.py
        options = item.options
        source = item.source
        passage = sentences[(source.doc_id, source.paragraph, source.sentence)]
        assert source.text == passage.text and source.title == passage.title
        assert not corpus.is_heading(passage)
        assert item.answer and item.answer in source.text, "the answer is a verbatim span of its sentence"
        assert _norm(item.answer) not in _norm(item.question), "the question gives the answer away"
        assert options[item.answer_index] == item.answer
        assert 3 <= len(options) <= min(4, PollLimit.MAX_OPTION_NUMBER)
        assert all(o.strip() for o in options)
        assert len(set(options)) == len(options)
        for a in options:
            assert not any(a != b and _norm(a) in _norm(b) for b in options), (a, options)
            assert _norm(a) not in _norm(item.question), (a, item.question)
        assert len(item.question) <= PollLimit.MAX_QUESTION_LENGTH
        assert all(len(o) <= PollLimit.MAX_OPTION_LENGTH for o in options)
        assert len(item.explanation) <= PollLimit.MAX_EXPLANATION_LENGTH
        assert item.explanation.startswith(f"出处《{source.title}》第{source.paragraph}段：")
        payload = item.to_json()
        assert set(payload) == JSON_KEYS and set(payload["source"]) >= SOURCE_KEYS
        assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload


def test_bank_has_the_kinds_of_questions_a_cadre_expects(bank: list[QuizItem]) -> None:
    by_answer = {(i.kind, i.answer): i for i in bank}
    listed = by_answer[(CLOZE, "专题讲座")]
    assert "（    ）、理论研讨、参观考察等途径" in listed.question
    count = by_answer[(CHOICE, "3支")]
    assert count.question.endswith("几支队伍建设？") and all(o.endswith("支") for o in count.options)
    rule = by_answer[(CLOZE, "八项")]
    assert all(o.endswith("项") for o in rule.options)
    idiom = by_answer[(CLOZE, "论资排辈")]
    assert all(len(o) == 4 for o in idiom.options)


NOTICE = [
    "各单位要牢固树立“质量第一”的理念,增强“四个意识”、坚定“四个自信”、做到“两个维护”。"
    "全系统要在2024年底前完成5项重点任务,确保抽检合格率达到95%以上。",
    "要健全质量安全责任体系,落实企业主体责任和部门监管责任。"
    "要加强计量、标准、认证认可、检验检测等质量基础设施建设,推动质量技术服务向中小企业延伸。",
    "坚持问题导向,对群众反映强烈的突出问题开展专项整治,每季度至少组织1次联合检查,"
    "对发现的问题实行台账管理、限期整改、跟踪问效。",
]


def _passages(title: str, paragraphs: list[str]) -> list[Chunk]:
    """Sentence chunks as the knowledge base stores them, without ingesting a file."""
    from ingest.splitting import split_sentences

    return [
        Chunk(doc_id="notice", version="v1", paragraph=p, sentence=n, text=s.text, title=title, source="notice.txt")
        for p, text in enumerate(paragraphs, start=1)
        for n, s in enumerate(split_sentences(text), start=1)
    ]


def test_quotes_years_and_listed_nouns_of_another_document() -> None:
    items = build_bank(_passages("关于加强质量监管工作的通知", NOTICE))
    assert all(problems(i) == [] for i in items)
    asked = {(i.kind, i.answer): i for i in items}
    assert "牢固树立“（    ）”的理念" in asked[(CLOZE, "质量第一")].question
    assert asked[(CHOICE, "2024年")].question.endswith("全系统要在哪一年底前完成5项重点任务？")
    assert all(o.endswith("年") for o in asked[(CHOICE, "2024年")].options)
    assert asked[(CHOICE, "5项")].question.endswith("完成几项重点任务？")
    # '加强' is the verb before the list, not part of its first item.
    assert (CLOZE, "计量") in asked and not any(i.answer == "加强计量" for i in items)


def test_validator_names_each_broken_rule(bank: list[QuizItem]) -> None:
    good = next(i for i in bank if i.kind == CLOZE)
    wrong = next(o for o in good.options if o != good.answer)
    broken = {
        "answer is not a verbatim span": replace(
            good, answer="无此短语", options=[*good.options[:-1], "无此短语"], answer_index=len(good.options) - 1
        ),
        "question contains its answer": replace(good, question=good.question + good.answer),
        "duplicate options": replace(good, options=[*good.options, wrong]),
        "is contained in": replace(good, options=[o if o != wrong else good.answer + "等" for o in good.options]),
        "empty option": replace(good, options=[o if o != wrong else " " for o in good.options]),
        "question of": replace(good, question="问" * (PollLimit.MAX_QUESTION_LENGTH + 1)),
        "explanation of": replace(good, explanation="出处《" + "长" * PollLimit.MAX_EXPLANATION_LENGTH),
        "does not cite": replace(good, explanation="没有出处"),
        "answer_index": replace(good, answer_index=(good.answer_index + 1) % len(good.options)),
        "source lacks": replace(good, source=replace(good.source, paragraph=0)),
    }
    for rule, item in broken.items():
        assert any(rule in p for p in problems(item)), (rule, problems(item))


def test_ids_are_stable_across_builds_and_reingest(fake_services: Services, bank: list[QuizItem]) -> None:
    fake_services.documents.ensure_seeded()
    passages = visible_sentences(fake_services)
    first = [i.id for i in build_bank(passages)]
    assert first == [i.id for i in build_bank(passages)] == [i.id for i in bank]
    fake_services.documents.remove(passages[0].doc_id)
    fake_services.documents.ingest([SEEDS])
    assert [i.id for i in build_bank(visible_sentences(fake_services))] == first
    # A new split version renames every chunk; unchanged sentences keep their questions.
    renamed = [replace(c, version="v2") for c in reversed(passages)]
    assert [i.to_json() for i in build_bank(renamed)] == [i.to_json() for i in build_bank(passages)]


def test_a_changed_sentence_changes_its_items_ids(fake_services: Services, tmp_path: Path) -> None:
    fake_services.documents.ensure_seeded()
    before = build_bank(visible_sentences(fake_services))
    old, new = "参观考察等途径", "实地调研等途径"
    changed = tmp_path / SEED_FILE.name
    changed.write_text(SEED_FILE.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert fake_services.documents.ingest([changed])[0].status == "replaced"
    after = build_bank(visible_sentences(fake_services))

    def key(item: QuizItem) -> tuple[str, int, str, str]:
        return (item.source.doc_id, item.source.paragraph, item.kind, item.answer)

    changed_before = [i for i in before if old in i.source.text]
    changed_after = [i for i in after if new in i.source.text]
    assert changed_before and changed_after
    assert not {i.id for i in changed_before} & {i.id for i in after}
    assert any(i.answer == "专题讲座" for i in changed_after), "same blank, new sentence, new id"
    kept_before = {key(i): i.id for i in before if old not in i.source.text}
    kept_after = {key(i): i.id for i in after if new not in i.source.text}
    shared = kept_before.keys() & kept_after.keys()
    assert len(shared) >= 0.9 * len(kept_before)
    assert all(kept_before[k] == kept_after[k] for k in shared)


def test_selection_is_reproducible_and_respects_exclusions(bank: list[QuizItem]) -> None:
    first = select_items(bank, 10, seed=42)
    assert [i.id for i in first] == [i.id for i in select_items(bank, 10, seed=42)]
    assert [i.id for i in first] != [i.id for i in select_items(bank, 10, seed=43)]
    excluded = {i.id for i in first}
    assert not excluded & {i.id for i in select_items(bank, 10, seed=42, exclude_ids=excluded)}
    everything = select_items(bank, len(bank) + 5, seed=0)
    assert sorted(i.id for i in everything) == sorted(i.id for i in bank)
    assert select_items(bank, 0) == [] and select_items([], 5) == []
    assert len({i.answer for i in select_items(bank, 5)}) == 5


def _run_quiz(data_dir: Path, *args: str, hash_seed: str = "0") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_"))}
    env.update({"EMBEDDING_BACKEND": "none", "CADRE_BOT_SEEDS_DIR": str(SEEDS), "PYTHONHASHSEED": hash_seed})
    return subprocess.run(
        [sys.executable, "-m", "bot", "--data-dir", str(data_dir), "quiz", *args],
        capture_output=True,
        check=False,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.slow
def test_quiz_command_prints_json_lines_and_a_readable_list(tmp_path: Path) -> None:
    done = _run_quiz(tmp_path, "--count", "30", "--json", "--seed", "5")
    assert done.returncode == 0, done.stderr
    assert "种子文档" in done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 30 and len({line["id"] for line in lines}) == 30
    assert all(set(line) == JSON_KEYS and set(line["source"]) >= SOURCE_KEYS for line in lines)
    assert len({line["source"]["paragraph"] for line in lines}) >= 5
    # Same seed in a process with other string hashing: the same questions, so the bank is deterministic.
    again = _run_quiz(tmp_path, "--count", "30", "--json", "--seed", "5", hash_seed="12345")
    assert again.returncode == 0, again.stderr
    assert again.stdout == done.stdout
    readable = _run_quiz(tmp_path, "--count", "2", "--seed", "5")
    assert readable.returncode == 0, readable.stderr
    assert readable.stdout.startswith("1. [") and "   A. " in readable.stdout and "答案：" in readable.stdout
    assert "出处《浅谈质量强国与质监干部队伍建设》" in readable.stdout
    bad = _run_quiz(tmp_path, "--count", "0")
    assert bad.returncode != 0 and "题数" in bad.stderr


def test_quiz_command_doc_asks_only_about_that_document(
    fake_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_services.documents.ensure_seeded()
    rules = tmp_path / "rules.txt"
    rules.write_text("计量管理办法\n\n各单位每年三月开展计量器具自查。自查结果报送市局计量处。\n\n检定不合格的器具应当停用。\n", encoding="utf-8")
    (result,) = fake_services.documents.ingest([rules])
    monkeypatch.setattr(bot.cli, "_services", lambda settings: fake_services)
    args = argparse.Namespace(count=20, seed=1, json=True, doc=result.doc_id)
    assert bot.cli.cmd_quiz(args, fake_services.settings) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines and all(line["source"]["doc_id"] == result.doc_id for line in lines)
    with pytest.raises(UserError) as refused:
        bot.cli.cmd_quiz(argparse.Namespace(count=5, seed=1, json=True, doc="nope"), fake_services.settings)
    assert "没有编号为 nope 的文档" in refused.value.user_message
