"""Issue 14: a quiz that tests what matters: key points ranked first, no generic blanks, NOT and true/false items."""

from __future__ import annotations

import pytest

from bot.quiz import build_bank, problems, select_items
from bot.quiz.candidates import GENERIC_WORDS, TermStats, find_candidates
from bot.quiz.model import CHOICE, CLOZE, FALSE, JUDGE, MULTI, NOT, TRUE, QuizItem
from tests.test_quiz_bank import bank, seed_passages  # noqa: F401  (module fixtures)

# Sentences from the issue whose blanks any reader fills in from grammar alone, and the phrase blanked.
GIVEAWAYS = [
    ("质量强国是一项综合性系统工程,涉及方方面面,需要统筹协调。", "方方面面"),
    ("随着科技的飞速发展,新的质量问题和挑战层出不穷。", "问题"),
    ("三是畅通干部进出渠道,建立健全干部退出机制。", "渠道"),
    ("切实减轻基层负担,让干部有更多时间和精力投入到实际工作中去。", "时间"),
    ("要把质量强国列入年度目标管理的重要内容,健全工作职责,完善考评办法。", "办法"),
    ("为推动质量强国建设提供坚强有力的人才保障和智力支持。", "坚强有力"),
    ("帮助他们明确发展方向,制定个性化成长路径,确保每一名干部都能发光发热。", "路径"),
    ("各级质监部门应积极搭建平台,为干部提供展示才华的机会。", "平台"),
]
MEASURES = ("提供展示舞台", "强化教育培训", "深化体制改革", "加强作风建设")
TEAMS = ("质量技术检测干部", "质量综合管理干部", "质量行政执法干部")


def _text(item: QuizItem) -> str:
    return " ".join([item.question, *item.options, item.explanation])


def test_the_stop_list_holds_the_generic_words_of_the_issue() -> None:
    assert {"问题", "时间", "办法", "平台", "方面", "工作", "渠道", "路径", "方方面面", "坚强有力"} <= GENERIC_WORDS


@pytest.mark.parametrize(("sentence", "generic"), GIVEAWAYS)
def test_a_generic_word_is_never_a_blank(sentence: str, generic: str) -> None:
    stats = TermStats([sentence])
    assert generic not in [c.text for c in find_candidates(sentence, stats)]


def test_no_item_of_the_bank_asks_for_a_generic_word(bank: list[QuizItem]) -> None:  # noqa: F811
    asked = [i for i in bank if i.kind in (CLOZE, CHOICE)]
    assert asked and not [i.answer for i in asked if i.answer in GENERIC_WORDS]


@pytest.mark.parametrize("seed", [None, 1, 5, 11])
def test_a_round_of_30_asks_the_key_points_of_the_essay(bank: list[QuizItem], seed: int | None) -> None:  # noqa: F811
    items = select_items(bank, count=30, seed=seed)
    assert len(items) == len({i.id for i in items}) == 30
    assert all(not problems(i) for i in items)
    assert len({(i.source.doc_id, i.source.paragraph) for i in items}) >= 5
    assert len({i.kind for i in items}) >= 3
    asked = " ".join(_text(i) for i in items)
    for point in (*MEASURES, *TEAMS, "德才兼备", "以德为先", "八项"):
        assert point in asked, point


def test_a_round_starts_with_what_matters(bank: list[QuizItem]) -> None:  # noqa: F811
    """The first items of a round are the outline, definitions, principles and enumerations, not filler."""
    first = select_items(bank, count=8, seed=3)
    assert all(i.importance >= 3 for i in first), [(i.answer, i.importance) for i in first]
    answers = {i.answer for i in select_items(bank, count=15, seed=3)}
    assert {"八项", "人才强国"} & answers


def test_not_items_list_members_of_their_source_and_one_outsider(bank: list[QuizItem]) -> None:  # noqa: F811
    nots = [i for i in bank if i.kind == NOT]
    assert len(nots) >= 3
    for item in nots:
        cited = item.source.text + item.explanation
        assert "不" in item.question and item.answer not in cited
        assert all(o in cited for o in item.options if o != item.answer)
    outline = [i for i in nots if "部分的标题" in i.question]
    shown = {o for i in outline for o in i.options if o != i.answer}
    assert shown == set(MEASURES)
    assert not {i.answer for i in outline} & set(MEASURES)


def test_true_false_items_state_the_text_or_swap_one_term(bank: list[QuizItem]) -> None:  # noqa: F811
    judges = [i for i in bank if i.kind == JUDGE]
    assert {i.answer for i in judges} == {TRUE, FALSE}
    for item in judges:
        assert item.options == [TRUE, FALSE] and item.options[item.answer_index] == item.answer
        statement = item.question.split("“", 1)[1].rstrip("”")
        key = item.source.text
        if item.answer == TRUE:
            assert statement in key.replace("“", "‘").replace("”", "’")
        else:
            assert statement not in key
        assert item.explanation.startswith(f"出处《{item.source.title}》第{item.source.paragraph}段")


def test_no_option_is_a_list_mate_of_what_the_text_puts_in_that_place(bank: list[QuizItem]) -> None:  # noqa: F811
    """'保持队伍的（活力）和战斗力': '增强队伍的凝聚力和向心力' makes 凝聚力 and its mate 向心力 true there too."""
    asked = [i for i in bank if i.answer == "活力"]
    assert asked
    for item in asked:
        assert not {"凝聚力", "向心力"} & set(item.options), item.options


def test_multi_select_items_mark_every_listed_option_right(bank: list[QuizItem]) -> None:  # noqa: F811
    multis = [i for i in bank if i.kind == MULTI]
    assert multis
    for item in multis:
        assert problems(item) == []
        assert "（多选）" in item.question and len(item.options) == 4 and len(item.correct_options) == 2
        right = {item.options[i] for i in item.correct_options}
        assert all(r in item.source.text for r in right)
        assert not any(o in item.source.text for o in set(item.options) - right)


def test_options_are_phrases_of_the_same_shape(bank: list[QuizItem]) -> None:  # noqa: F811
    """'保持队伍的（活力）': '有能力' (a verb phrase from '有能力、有担当') would not even fit the blank."""
    asked = [i for i in bank if i.answer in ("活力", "凝聚力") and i.kind in (CLOZE, CHOICE)]
    assert asked
    for item in asked:
        assert "有能力" not in item.options, item.options


NOTICE_TITLE = "关于加强基层干部作风建设的实施意见"
NOTICE = [
    NOTICE_TITLE,
    "加强作风建设,密切联系群众。作风建设是党的建设的重要内容,关系党的形象和事业成败。一是坚持问题导向,聚焦群众反映强烈的突出问题开展专项整治。"
    "二是坚持从严治党,严格落实中央八项规定及其实施细则精神。三是坚持标本兼治,建立健全长效机制,巩固拓展主题教育成果。",
    "深化教育培训,提升履职能力。干部教育培训是建设高素质干部队伍的先导性、基础性、战略性工程。要采取集中轮训、网络学习、实践锻炼等方式,"
    "每年对基层干部开展不少于2次的集中培训。",
    "完善考核评价,激发干事活力。要建立健全以实绩为导向的考核评价体系,坚持德才兼备、以德为先的用人标准。",
]


def test_a_policy_notice_asks_its_points_not_its_title_or_given_away_words() -> None:
    from tests.test_quiz_bank import _passages

    bank = build_bank(_passages(NOTICE_TITLE, NOTICE))
    assert bank and all(problems(i) == [] for i in bank)
    assert not [i for i in bank if i.source.paragraph == 1], "the title line is no question"
    answers = {i.answer for i in bank}
    assert not {"规定", "关系", "意见"} & answers, "'中央八项（规定）' is given away by 八项"
    round_ = select_items(bank, count=12, seed=2)
    asked = " ".join(_text(i) for i in round_)
    for point in ("八项", "2次", "问题导向", "长效机制", "德才兼备"):
        assert point in asked, point
    assert len({i.kind for i in round_}) >= 3
