"""What the answer model reads beside the question's interrogative: the sentence that answers "海宁西站哪一年启用"
says 启用 and a year next to each other, while others on the same station name a year elsewhere."""

from __future__ import annotations

import numpy as np
import pytest

from bot.answer_features import CANDIDATE_FEATURES, Candidate, QuestionView, candidate_features
from bot.corpus import Corpus
from bot.question_analysis import NUMBER, PERSON, TIME, type_spans
from bot.questions import question_terms
from bot.search_hit import SearchHit
from ingest.chunks import Chunk
from ingest.textnorm import interrogative_sides


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("海宁西站哪一年启用？", ("海宁西站", "启用")),
        ("赵鹏的职业是什么？", ("赵鹏的职业", "")),
        ("谁是主力军", ("", "是主力军")),
        ("请问如何防止干部腐败？", ("", "防止干部腐败")),
        ("质量强国是谁提出的", ("质量强国是", "提出的")),
        ("这个比赛啥时候开始呀", ("这个比赛", "开始")),
        ("干部队伍建设很重要", ("", "")),  # no interrogative: nothing beside one
        ("任何单位都要做什么", ("任何单位都要做", "")),  # 任何, 几乎, 哪怕 ask nothing (review)
        ("几乎所有干部要学习哪些内容", ("几乎所有干部要学习", "内容")),
    ],
)
def test_the_runs_beside_the_interrogative(question: str, sides: tuple[str, str]) -> None:
    assert interrogative_sides(question) == sides


def test_type_spans_place_what_the_question_asks_for_and_skip_what_it_says() -> None:
    text = "海宁西站于2021年6月启用，距2009年规划已有十余年。"
    said = "".join(text[start:end] for start, end in type_spans(text, TIME, "海宁西站哪一年启用"))
    assert "2021年" in said and "2009年" in said
    assert not type_spans("海宁西站2021年启用", TIME, "海宁西站2021年启用了吗")
    counted = "全局共有干部356名。"
    assert [counted[s:e] for s, e in type_spans(counted, NUMBER)] == ["356"]
    assert type_spans("该书由张伟教授撰写。", PERSON)
    assert type_spans("质量是生命。", "definition") == []
    counted = "2025年全省共抽查520批次。"  # a year the question says is no answer; the figure after it is (review)
    assert [counted[s:e] for s, e in type_spans(counted, NUMBER, "2025年全省抽查了多少批次")] == ["520"]


def _rows(question: str, texts: list[str]) -> np.ndarray:
    chunks = [Chunk("d", "v", 1, n, text, "海宁西站", "d.txt") for n, text in enumerate(texts, start=1)]
    corpus = Corpus(chunks)
    found = [Candidate(SearchHit(chunk, 1.0), (chunk,), corpus.normalized(chunk)) for chunk in chunks]
    return candidate_features(QuestionView.of(question, question_terms(question)), found, corpus, None)


def test_the_year_beside_the_asked_verb_reads_nearer_than_a_year_elsewhere() -> None:
    rows = _rows(
        "海宁西站哪一年启用？",
        ["海宁西站于2021年启用。", "2009年，海宁市提出规划建设一座新的火车站，后来建成的海宁西站于当年底正式启用。", "海宁西站位于海宁市区西部。"],
    )
    near, left, right = (CANDIDATE_FEATURES.index(n) for n in ("type_near_anchor", "left_anchor", "right_anchor"))
    assert rows[0, near] > rows[1, near] > rows[2, near] == 0.0
    assert rows[0, left] == rows[2, left] == 1.0 and rows[2, right] == 0.0
    assert rows[0, CANDIDATE_FEATURES.index("type_count")] > 0 == rows[2, CANDIDATE_FEATURES.index("type_count")]


def test_words_in_the_questions_order_count_more_than_the_same_words_scattered() -> None:
    rows = _rows("干部应当树立正确的世界观吗", ["干部应当树立正确的世界观。", "世界观正确的干部应当树立榜样。"])
    ordered = CANDIDATE_FEATURES.index("ordered_share")
    assert rows[0, ordered] == pytest.approx(1.0) and rows[1, ordered] < 0.8


def test_words_in_the_questions_order_count_though_a_longer_run_stands_out_of_order() -> None:
    # 重点内容 leads the first sentence and ends the question: the question's 基层…干部培训…要 still stand in its
    # order after it, which the second sentence lacks (a longest-block-first match had scored both alike).
    rows = _rows("基层干部的培训要突出哪些重点内容", ["重点内容要突出，基层的干部培训更要这样。", "重点内容要突出，这样更好。"])
    ordered = CANDIDATE_FEATURES.index("ordered_share")
    assert rows[0, ordered] > rows[1, ordered]
