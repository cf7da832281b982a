"""One vocabulary of interrogatives (ingest.zh_text): the readers of a question agree on which words ask."""

from __future__ import annotations

import pytest

from bot.question_analysis import analyse
from bot.questions import is_function_word, question_terms
from bot.study_intent import LIST, study_intent
from ingest.textnorm import strip_question_words
from ingest.zh_text import (
    ASK_LIST,
    ASK_MANNER,
    INTERROGATIVES,
    QUESTION_WORDS,
    SLOT_INTERROGATIVES,
    STRIPPED_INTERROGATIVES,
    TERM_INTERROGATIVES,
    UNSTRIPPED_INTERROGATIVES,
)

TOPIC = "质监干部"


@pytest.mark.parametrize("word", QUESTION_WORDS)
def test_every_stripped_question_word_is_skipped_by_every_reader(word: str) -> None:
    """What the lexical search strips, the question terms and the analyser's focus leave out too."""
    assert strip_question_words(f"甲{word}乙").split() == ["甲", "乙"]
    assert question_terms(f"{TOPIC}{word}").words == ("质监", "干部")
    assert analyse(f"{TOPIC}{word}").focus == ("质监", "干部")
    assert is_function_word(word)


@pytest.mark.parametrize("word", sorted(INTERROGATIVES))
def test_the_analyser_never_takes_an_interrogative_for_what_a_question_is_about(word: str) -> None:
    assert word not in analyse(f"{TOPIC}{word}").focus
    assert word not in analyse(word).focus


def test_the_question_terms_skip_exactly_the_named_subset_of_interrogatives() -> None:
    """question_terms skips the stripped words and TERM_INTERROGATIVES; the other interrogatives (谁, 何时 …) it
    keeps as terms, an old difference from the analyser that the answer model was trained on. Widening the
    subset changes the answer model's inputs: it must be a decision, with a retrained model, not a side effect."""
    skipped = {word for word in INTERROGATIVES if is_function_word(word)}
    assert skipped == set(STRIPPED_INTERROGATIVES) | set(TERM_INTERROGATIVES)
    assert set(TERM_INTERROGATIVES) <= set(UNSTRIPPED_INTERROGATIVES)


def test_the_named_kinds_are_interrogatives_the_readers_skip() -> None:
    assert SLOT_INTERROGATIVES <= INTERROGATIVES
    assert set(ASK_LIST + ASK_MANNER) <= set(STRIPPED_INTERROGATIVES)


@pytest.mark.parametrize("word", ASK_LIST + ASK_MANNER)
def test_a_list_or_manner_interrogative_makes_a_study_question_ask_for_a_list(word: str) -> None:
    intent = study_intent(f"实施意见对{TOPIC}提出了{word}")
    assert intent is not None and intent.kind == LIST


@pytest.mark.parametrize("casual", ["咋样提升干部素质啊", "咋提升干部素质呀"])
def test_a_casual_question_has_the_terms_of_its_plain_form(casual: str) -> None:
    """咋样, 咋 and a closing 啊 or 呀 ask; they name nothing the materials could hold."""
    from bot.questions import question_terms

    assert question_terms(casual).words == question_terms("怎样提升干部素质？").words


def test_a_closing_particle_goes_but_one_inside_a_name_stays() -> None:
    from ingest.textnorm import strip_question_words

    assert "呀诺达" in strip_question_words("呀诺达在哪里")
    assert "啊" not in strip_question_words("咋样提升干部素质啊？")


def test_where_in_the_text_a_question_points_is_no_content_word() -> None:
    """Third tester: "生产企业那块至少要抽多少批" was refused; without 块 it is answered (不少于720批次)."""
    assert question_terms("生产企业那块至少要抽多少批").words == ("生产", "企业", "至少", "抽", "批")
    assert "块" not in question_terms("监督抽查这块具体有啥要求").words
