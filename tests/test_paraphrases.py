"""Questions asked the way people ask, on the seed essay with the real model: paraphrases and abbreviations
find their sentence, a who-question the essay never answers is refused, real words are not "corrected"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import Services


@pytest.mark.parametrize(
    ("question", "span"),
    [("怎样给基层减负？", "切实减轻基层负担"), ("干部应树立什么样的三观？", "世界观、人生观、价值观")],
)
def test_an_abbreviated_paraphrase_is_answered_with_the_right_sentence(e5_services: Services, question: str, span: str) -> None:
    answer = e5_services.answers.ask(question)
    assert not answer.refused and span in answer.quote


def test_a_who_question_the_essay_never_answers_is_refused(e5_services: Services) -> None:
    answer = e5_services.answers.ask("质量强国是谁提出的？")
    assert answer.refused and answer.sources == ()


@pytest.mark.parametrize("question", ["如何防止干部腐败？", "怎样给基层减负？"])
def test_a_real_word_the_essay_does_not_use_is_not_read_as_a_typo(e5_services: Services, question: str) -> None:
    assert e5_services.answers.ask(question).note == ""


def test_a_who_question_is_answered_when_the_sentence_names_the_person(fake_services: Services, tmp_path: Path) -> None:
    path = tmp_path / "history.txt"
    path.write_text(
        "全面质量管理的由来\n\n全面质量管理的概念最早由美国质量管理专家费根堡姆提出。它强调全员参与和全过程控制。\n",
        encoding="utf-8",
    )
    fake_services.documents.ingest([path])
    answer = fake_services.answers.ask("全面质量管理的概念是谁提出的？")
    assert not answer.refused and "费根堡姆" in answer.quote


def test_the_sentence_holding_the_asked_verb_answers_what_it_governs(e5_services: Services) -> None:
    answer = e5_services.answers.ask("作风建设要反对什么？")
    assert not answer.refused and "坚决反对形式主义、官僚主义" in answer.quote
