"""Which document a study question is about, in a library of several: the one it names, else the newest.

A cadre who has just uploaded a document and asks "这篇文章主要讲了什么？" means that document, not whichever
came first; the answer names the document it was read from and how to ask about another.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot import cli
from bot.answering import Answer
from bot.services import Services
from bot.tgbot.app import build_application
from tests.conftest import SEEDS
from tests.telegram_fake import ApplicationThread, FakeBotApi

SEED = SEEDS / "000_2370bcce6b5f5f27.txt"
POLICY = Path(__file__).parent / "data" / "study_policy.md"
SEED_TITLE = "浅谈质量强国与质监干部队伍建设"
POLICY_TITLE = "关于加强基层干部队伍建设的实施意见"
TITLES = {SEED: SEED_TITLE, POLICY: POLICY_TITLE}
ORDERS = {"policy newest": (SEED, POLICY), "seed newest": (POLICY, SEED)}
USER = 1001


def library(services: Services, order: str) -> tuple[str, str]:
    """The two documents ingested one after the other; (older title, newer title)."""
    older, newer = ORDERS[order]
    services.documents.ingest([older])
    services.documents.ingest([newer])
    return TITLES[older], TITLES[newer]


def titles(answer: Answer) -> set[str]:
    return {source.title for source in answer.sources}


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_an_unnamed_summary_answers_for_the_newest_document_and_says_so(fake_services: Services, order: str) -> None:
    older, newer = library(fake_services, order)
    answer = fake_services.answers.ask("这篇文章主要讲了什么？")
    assert not answer.refused and titles(answer) == {newer}
    assert f"最近导入的《{newer}》" in answer.note and f"《{older}》主要讲了什么" in answer.note
    assert answer.text.splitlines()[-1] == answer.note, "the note is the last line of the plain answer"
    assert answer.to_json()["note"] == answer.note
    assert len(answer.text) < 600  # the outline with each section's parts, not every paragraph's section path


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_a_title_picks_its_document_whichever_is_newer(fake_services: Services, order: str) -> None:
    """The older document, named by its title words, is answered for without a note; an unnamed question
    in the same library goes to the newer one."""
    older, newer = library(fake_services, order)
    question = {SEED_TITLE: "简要概括质量强国这篇文章的主要内容。", POLICY_TITLE: "实施意见主要讲了什么？"}[older]
    named = fake_services.answers.ask(question)
    assert not named.refused and titles(named) == {older}
    assert named.note == "" and "note" not in named.to_json()
    unnamed = fake_services.answers.ask("文章提出了哪几方面的举措？")
    assert titles(unnamed) == {newer} and unnamed.note


@pytest.mark.parametrize("order", sorted(ORDERS))
def test_a_topic_only_one_documents_headings_name_picks_that_document(fake_services: Services, order: str) -> None:
    """廉政教育 heads a part of the 实施意见 only (the essay mentions 廉政 once in passing): its last
    paragraph is read, whichever document is newer."""
    library(fake_services, order)
    answer = fake_services.answers.ask("讲廉政教育的那篇文章最后一段讲了什么？")
    assert not answer.refused and titles(answer) == {POLICY_TITLE}
    assert answer.quote.startswith("总之，加强基层干部队伍建设是一项长期任务")
    assert answer.note == ""


def test_a_part_by_position_reads_the_newest_document(fake_services: Services) -> None:
    """"总结一下第四段" is the newest document's 4th paragraph; a 第九段 it lacks gets the reply naming how many
    paragraphs it has, with the note, though the older document has a 9th."""
    library(fake_services, "seed newest")
    fourth = fake_services.answers.ask("总结一下第四段")
    assert titles(fourth) == {SEED_TITLE} and [s.paragraph for s in fourth.sources] == [4]
    assert fourth.quote.startswith("深化体制改革,优化用人环境") and f"最近导入的《{SEED_TITLE}》" in fourth.note
    ninth = fake_services.answers.ask("第九段讲了什么？")
    assert ninth.refused and ninth.quote == f"《{SEED_TITLE}》共有6段，没有第九段。"
    assert f"《{POLICY_TITLE}》主要讲了什么" in ninth.note and ninth.text.endswith(ninth.note)


def test_one_document_answers_carry_no_note_until_a_second_arrives(fake_services: Services) -> None:
    fake_services.documents.ingest([SEED])
    alone = fake_services.answers.ask("这篇文章主要讲了什么？")
    assert titles(alone) == {SEED_TITLE} and alone.note == "" and "note" not in alone.to_json()
    assert alone.text.splitlines()[-1].startswith("出处")
    fake_services.documents.ingest([POLICY])
    assert titles(fake_services.answers.ask("这篇文章主要讲了什么？")) == {POLICY_TITLE}
    assert fake_services.answers.ask("这篇文章主要讲了什么？").note.startswith("资料库共有2篇文章")


def test_the_cli_prints_the_note_and_json_carries_it(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """One `ingest` of both files: the one named last is the newest."""
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    data_dir = ["--data-dir", str(tmp_path / "data")]
    assert cli.main(["ingest", str(POLICY), str(SEED), *data_dir]) == 0
    capsys.readouterr()
    assert cli.main(["ask", "这篇文章主要讲了什么？", *data_dir]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith(f"出处《{SEED_TITLE}》")
    assert lines[-1].startswith(f"资料库共有2篇文章，以上按最近导入的《{SEED_TITLE}》回答")
    assert cli.main(["ask", "这篇文章主要讲了什么？", "--json", *data_dir]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["note"] == lines[-1] and payload["sources"][0]["title"] == SEED_TITLE


@pytest.fixture
def bot(fake_telegram: FakeBotApi, fake_services: Services) -> Iterator[ApplicationThread]:
    settings = fake_services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url})
    thread = ApplicationThread(build_application(replace(fake_services, settings=settings), fake_telegram.token)).start()
    yield thread
    thread.stop()


def test_the_telegram_reply_names_the_document_in_one_short_message(fake_telegram: FakeBotApi, fake_services: Services, bot) -> None:
    library(fake_services, "policy newest")
    fake_telegram.inject_text(USER, "这篇文章主要讲了什么？")
    (answer,) = fake_telegram.wait_for_messages(USER, 1)
    text = answer["text"]
    assert f"出处《{POLICY_TITLE}》" in text
    assert text.splitlines()[-1].startswith(f"资料库共有2篇文章，以上按最近导入的《{POLICY_TITLE}》回答")
    assert f"《{SEED_TITLE}》主要讲了什么" in text
    assert len(text) < 600, "one short message"
    fake_telegram.assert_no_errors()


def test_a_heading_two_documents_share_is_read_from_the_newest_with_the_note(fake_services: Services, tmp_path: Path) -> None:
    """"加强作风建设" heads a part of the essay and of a newer study note: the note's part is read, and the
    answer says which of the two it was and how to ask about the other."""
    notes = tmp_path / "学习笔记.md"
    notes.write_text("# 学习笔记\n\n## 加强作风建设\n\n一是严守纪律规矩。二是改进工作作风。三是密切联系群众。\n", encoding="utf-8")
    fake_services.documents.ingest([SEED])
    fake_services.documents.ingest([POLICY])
    fake_services.documents.ingest([notes])
    answer = fake_services.answers.ask("加强作风建设包括哪些方面？")
    assert titles(answer) == {"学习笔记"}
    assert answer.quote.splitlines()[1:] == ["1. 一是严守纪律规矩", "2. 二是改进工作作风", "3. 三是密切联系群众"]
    assert answer.note.startswith("资料库中有2篇文章都符合，以上按其中最近导入的《学习笔记》回答")
    assert f"《{SEED_TITLE}》主要讲了什么" in answer.note
