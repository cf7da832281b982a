"""Issue 14, quality: items a teacher keeps, on the seed essay and on a policy-style document of our own.

A distractor is neither a near-synonym of the answer nor true in its place; a NOT item's outsider comes from a
list of another topic; slogans, filing notes and grammar fillers are never asked; figures get wrong options
of their own kind.
"""

from __future__ import annotations

import shutil

import pytest

from bot.quiz import build_bank, problems, select_items
from bot.quiz.candidates import ITEM, TermStats, find_candidates
from bot.quiz.distractors import DistractorPool
from bot.quiz.model import CHOICE, CLOZE, JUDGE, MULTI, NOT, QuizItem
from bot.services import build_services
from bot.settings import Settings
from ingest.embeddings import EmbeddingChoice
from tests.conftest import PROJECT_ROOT, FakeEmbeddings, visible_sentences
from tests.test_quiz_bank import bank, seed_passages  # noqa: F401  (module fixtures)

POLICY = PROJECT_ROOT / "tests" / "data" / "policy_sample.md"


@pytest.fixture(scope="module")
def policy_bank(tmp_path_factory: pytest.TempPathFactory) -> list[QuizItem]:
    """The policy-style sample (一、（一）、一是…) ingested alone, as `cadre-bot ingest` would."""
    seeds = tmp_path_factory.mktemp("policy-seeds")
    shutil.copy(POLICY, seeds / POLICY.name)
    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("policy-data"), seeds_dir=seeds)
    services = build_services(settings, embedding=EmbeddingChoice("fake", FakeEmbeddings(), "fake-64"))
    services.documents.ensure_seeded()
    return build_bank(visible_sentences(services))


def near_synonym(a: str, b: str) -> bool:
    """The test's own reading of a near-synonym: the two phrases share two characters in a row."""
    return bool({a[i : i + 2] for i in range(len(a) - 1)} & {b[i : i + 2] for i in range(len(b) - 1)})


def _wrong_options(item: QuizItem) -> list[str]:
    return [o for i, o in enumerate(item.options) if i not in item.correct_options]


def _items_about(bank: list[QuizItem], fragment: str) -> list[QuizItem]:  # noqa: F811
    return [i for i in bank if fragment in i.source.text]


# Near-synonyms and options that are true in the blank


def test_near_synonyms_share_a_morpheme() -> None:
    from bot.quiz.distractors import near_synonym

    assert near_synonym("尤为重要", "至关重要") and near_synonym("政治坚定", "信念坚定")
    assert not near_synonym("战斗力", "凝聚力") and not near_synonym("专业能力", "综合素质")


def test_a_near_synonym_of_the_answer_is_no_distractor() -> None:
    """'信念坚定' beside '政治坚定' in '打造一支（政治坚定）…的队伍': a reader could defend either."""
    sentences = [
        "努力打造一支政治坚定、业务精湛、作风优良的干部队伍。",
        "要把那些信念坚定、为民服务、勤政务实的好干部选拔出来。",
        "要采取专题讲座、理论研讨、参观考察等途径。",
        "要通过技能竞赛、业务比武、岗位练兵等活动。",
    ]
    stats = TermStats(sentences)
    found = [find_candidates(s, stats) for s in sentences]
    pool = DistractorPool([c for cs in found for c in cs], stats)
    answer = next(c for c in found[0] if c.text == "政治坚定")
    wrong = pool.pick(answer, sentences[0], "", 3)
    assert wrong and not [w for w in wrong if near_synonym(w, "政治坚定")], wrong


def test_no_distractor_of_the_seed_bank_is_a_near_synonym_of_its_answer(bank: list[QuizItem]) -> None:  # noqa: F811
    asked = [i for i in bank if i.kind in (CLOZE, CHOICE)]
    near = [(i.answer, o) for i in asked for o in _wrong_options(i) if near_synonym(i.answer, o) and not o[-1] == i.answer[-1]]
    assert asked and near == []


def test_a_distractor_the_text_also_puts_in_that_place_is_rejected(bank: list[QuizItem]) -> None:  # noqa: F811
    """'保持队伍的活力和（战斗力）': '向心力' is what the text says of 队伍 too ('增强队伍的凝聚力和向心力')."""
    items = [i for i in _items_about(bank, "保持队伍的活力和战斗力") if i.answer == "战斗力"]
    assert items
    for item in items:
        assert not {"向心力", "凝聚力"} & set(item.options), item.options
    items = [i for i in _items_about(bank, "增强队伍的凝聚力和向心力") if i.kind in (CLOZE, CHOICE)]
    assert items and not any({"活力", "战斗力"} & set(i.options) for i in items)


# NOT and multi-select outsiders


def _outsiders(item: QuizItem) -> list[str]:
    return _wrong_options(item) if item.kind == MULTI else [item.answer]


@pytest.mark.parametrize("which", ["seed", "policy"])
def test_a_not_or_multi_outsider_is_no_paraphrase_of_a_member(
    which: str, bank: list[QuizItem], policy_bank: list[QuizItem]  # noqa: F811
) -> None:
    items = [i for i in (bank if which == "seed" else policy_bank) if i.kind in (NOT, MULTI) and "部分的标题" not in i.question]
    assert len(items) >= 2
    for item in items:
        members = [o for o in item.options if o not in _outsiders(item)]
        for outsider in _outsiders(item):
            assert not any(near_synonym(outsider, m) for m in members), (outsider, members)


def test_the_outsider_comes_from_a_list_of_another_topic(bank: list[QuizItem]) -> None:  # noqa: F811
    """'政治坚定' (of the 质监干部队伍 list) is no outsider to '信念坚定、为民服务…的好干部': same topic."""
    cadre_lists = ("信念坚定、为民服务", "政治坚定、业务精湛")
    for item in bank:
        if item.kind in (NOT, MULTI) and any(lst in item.source.text for lst in cadre_lists):
            assert not {"政治坚定", "信念坚定", "业务精湛", "作风优良", "清正廉洁"} & set(_outsiders(item)), item.options


# Slogans, filing notes and fillers are not asked


def test_a_slogan_of_the_closing_call_is_never_asked(bank: list[QuizItem]) -> None:  # noqa: F811
    """'让我们…不忘初心、牢记使命,锐意进取、开拓创新,…': which slogan came where tests the slogan, not the essay."""
    slogans = {"锐意进取", "开拓创新", "不忘初心", "牢记使命"}
    assert not [i.question for i in bank if i.key in slogans or i.source.text.startswith("让我们")]


def test_a_determiner_or_everyday_adjective_with_its_noun_is_no_blank(policy_bank: list[QuizItem]) -> None:
    """'（各级党委）要把…', '作为评价…的（重要依据）': jieba calls them set phrases; the blank tests filler."""
    assert not {"各级党委", "重要依据", "各项规定"} & {i.key for i in policy_bank}


def test_an_enumerated_point_opens_with_its_verb(policy_bank: list[QuizItem]) -> None:
    """'三是（大力弘扬）求真务实…': jieba tags the verb as a noun; blanking it asks for grammar."""
    assert not [i for i in policy_bank if i.key == "大力弘扬"]


def test_the_filing_note_is_never_asked(policy_bank: list[QuizItem]) -> None:
    """'各区县…于2025年6月底前报市委组织部备案': where to file the document is no study content."""
    assert not [i for i in policy_bank if "备案" in i.source.text or "负责解释" in i.source.text]


def test_an_ordinal_the_text_uses_once_for_stress_is_not_asked(bank: list[QuizItem]) -> None:  # noqa: F811
    """'把人民群众的利益放在（第一位）': anyone fills it in."""
    assert not [i for i in bank if i.key == "第一位"]


# Figures and list edges


def test_a_span_of_years_gets_spans_not_dates(policy_bank: list[QuizItem]) -> None:
    """'任职满（十年）': '2025年' is a date, no wrong option for a span of time."""
    span = [i for i in policy_bank if i.key == "十年" and i.kind != JUDGE]
    assert span and all(not o.startswith("20") for i in span for o in i.options)
    assert all("二年" not in o for i in policy_bank for o in i.options), "two years read 两年"


def test_a_round_figure_gets_round_wrong_options(policy_bank: list[QuizItem]) -> None:
    """'精简（30%）以上': beside '29%' and '31%' the round figure gives itself away."""
    share = [i for i in policy_bank if i.key == "30%" and i.kind in (CLOZE, CHOICE)]
    assert share and all(int(o.rstrip("%")) % 10 == 0 for i in share for o in i.options)


def test_a_figure_question_keeps_enough_of_its_sentence(policy_bank: list[QuizItem]) -> None:
    """'到2027年，基层干部队伍结构明显优化…' asked as '到哪一年？' alone says nothing."""
    year = [i for i in policy_bank if i.kind == CHOICE and i.key == "2027年"]
    assert year and "基层干部队伍结构明显优化" in year[0].question


def test_a_what_question_is_not_cut_off_after_a_preposition_phrase(policy_bank: list[QuizItem]) -> None:
    """'对连续两年考核为优秀的什么？': the clause's verb (优先推荐) comes after it, the question asks nothing."""
    assert not [i.question for i in policy_bank if i.kind == CHOICE and i.question.endswith("为优秀的什么？")]


def test_a_list_ends_before_a_locative(policy_bank: list[QuizItem]) -> None:
    """'注重从…大学生村官、退役军人中选拔': the member is '退役军人', not '退役军人中'."""
    options = {o for i in policy_bank for o in i.options}
    assert "退役军人" in options and "退役军人中" not in options


def test_a_list_starts_after_the_words_before_it(policy_bank: list[QuizItem]) -> None:
    """'充分利用报刊、广播电视、网络新媒体等渠道': the first member is '报刊', as long as the others allow."""
    options = {o for i in policy_bank for o in i.options}
    assert "报刊" in options and "充分利用报刊" not in options


def test_a_list_whose_last_members_are_joined_by_he_has_each_member() -> None:
    """'分别提出培养、使用和管理的具体要求': three members, not '培养' and '使用和管理'."""
    sentence = "坚持分类施策，针对不同特点，分别提出培养、使用和管理的具体要求。"
    items = [c for c in find_candidates(sentence, TermStats([sentence])) if c.category == ITEM]
    assert items and items[0].group == ("培养", "使用", "管理")


# The checks on the second document


@pytest.mark.parametrize("seed", [None, 1, 7])
def test_a_round_of_30_on_the_policy_document(policy_bank: list[QuizItem], seed: int | None) -> None:
    items = select_items(policy_bank, count=30, seed=seed)
    assert len(items) == len({i.id for i in items}) == 30
    assert all(not problems(i) for i in items)
    assert len({i.source.paragraph for i in items}) >= 5
    assert len({i.kind for i in items}) >= 3
    asked = " ".join(" ".join([i.question, *i.options]) for i in items)
    for point in ("八项", "德才兼备", "案例教学", "群众工作", "一票否决"):
        assert point in asked, point


def test_list_items_carry_what_the_list_is_of() -> None:
    sentence = "要采取专题讲座、理论研讨、参观考察等途径,努力打造一支政治坚定、业务精湛、作风优良的干部队伍。"
    found = {c.text: c for c in find_candidates(sentence, TermStats([sentence])) if c.category == ITEM}
    assert found["理论研讨"].topic == "途径" and found["业务精湛"].topic == "干部队伍"

