"""A Markdown or numbered section heading names a section: a question about it is answered from the section."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus import Corpus
from bot.services import Services
from ingest.chunks import Chunk
from ingest.sections import glued_answer, is_question_line

RULES = """# 机关工作人员行为规范

## 一、总体要求

全体工作人员要坚持依法行政，自觉接受监督。

## 四、工作纪律

严格遵守上下班时间，不得迟到早退。工作时间不得擅离岗位，不得从事与工作无关的活动。

## 五、廉洁自律

不得收受管理服务对象的礼品礼金。
"""


@pytest.fixture
def rules(fake_services: Services, tmp_path: Path) -> Services:
    path = tmp_path / "rules.md"
    path.write_text(RULES, encoding="utf-8")
    fake_services.documents.ingest([path])
    return fake_services


@pytest.mark.parametrize(
    ("question", "section", "content"),
    [
        ("工作纪律是什么？", "四、工作纪律", "不得"),
        ("廉洁自律是什么？", "五、廉洁自律", "不得收受管理服务对象的礼品礼金"),
        ("总体要求是什么？", "一、总体要求", "坚持依法行政"),
    ],
)
def test_a_question_naming_a_section_is_answered_from_its_content_not_its_heading(
    rules: Services, question: str, section: str, content: str
) -> None:
    answer = rules.answers.ask(question)
    assert not answer.refused
    assert answer.quote.strip() != section and content in answer.quote
    assert any(s.section == section and s.text != section for s in answer.sources)
    assert section in answer.citation


def test_a_question_and_answer_heading_is_named_by_its_question() -> None:
    """Tenth tester: a 政策解读's "九、问：对考核结果不服怎么办？" was labelled 九、问, so every section was named 问."""
    from ingest.sections import heading_label, heading_topic

    label = heading_label("九、问：对考核结果不服怎么办？")
    assert label == "九、问：对考核结果不服怎么办"
    assert heading_topic(label) == "对考核结果不服怎么办"
    assert heading_label("一、总体要求：坚持党管干部原则") == "一、总体要求"
    assert heading_label("二、问题：部分单位落实不到位。") == "二、问题"  # a 总结's problems, no question


def test_a_handouts_question_line_is_told_from_a_heading_that_asks_nothing() -> None:
    assert is_question_line("2. 问：企业对监督抽查检验结果有异议的，应当在什么时限内提出复检申请？")
    assert is_question_line("问：考核对象包括哪些人员？") and is_question_line("九、问：对考核结果不服怎么办？")
    assert not is_question_line("问题：整改不到位怎么办？")  # a 总结's problems, not the handout's question
    assert not is_question_line("1. 加强学习？") and not is_question_line("答：应当在15日内提出。")
    # An exam paper's task, its marks after it, heads an answer that stands elsewhere (its 答题要点); a part's heading
    # with its marks and an answer key's line are no task.
    assert is_question_line("26．简述产品质量监督抽查的基本工作程序。（20分）")
    assert not is_question_line("四、简答题（共40分）") and not is_question_line("26．答题要点（20分）：一是制定抽查计划")
    assert is_question_line("27．结合本职工作，谈谈如何深化改革？（本题20分）")
    assert not is_question_line("1．建立健全食品安全管理制度，明确责任人。（5分）")  # a scoring rule's criterion


def test_a_numbered_list_item_ending_in_a_semicolon_is_quotable() -> None:
    """Twenty-first tester: the notice's "3.江州高新区市场监督管理分局10名；" opens a section of its own (a numbered line),
    so it was taken for a heading and never quoted: "高新区分局给了几个名额" was refused."""
    from bot.answering import quotable
    from bot.corpus import Corpus
    from ingest.loaders import load_document
    from ingest.splitting import chunk_document
    from tests.conftest import PROJECT_ROOT

    notice = load_document(next((PROJECT_ROOT / "tests" / "data" / "policy_set20").glob("*.pdf")))
    corpus = Corpus(chunk_document(notice, notice.content_hash()))
    (item,) = [c for c in corpus.passages if c.text.startswith("3.江州高新区")]
    (heading,) = [c for c in corpus.passages if c.text.startswith("二、参训对象")]
    assert quotable(item, corpus) and not quotable(heading, corpus)


def _opening(title: str, *sentences: str) -> list[Chunk]:
    return [Chunk("d", "v", 1, n, text, title, "d.txt") for n, text in enumerate(sentences, start=1)]


@pytest.mark.parametrize(
    ("title", "first", "heading"),
    [
        ("五月艾", "五月艾（学名：）是菊科蒿属的植物。", False),  # an article's opening statement of its subject
        ("罗保铭", "罗保铭，天津人。", False),
        ("九号风球", "九号风球（）。", True),  # its title said alone still titles the paragraph
        ("乡村振兴", "乡村振兴实施方案。", True),  # ... as does its title run on as a heading
        ("市场监管", "市场监管领域重点工作。", True),
        ("关于加强干部教育培训的意见", "强化教育培训，提升专业素养。", True),
    ],
)
def test_a_short_opening_sentence_stating_something_of_the_documents_subject_is_no_heading(title: str, first: str, heading: bool) -> None:
    chunks = _opening(title, first, "分布于越南、老挝以及中国大陆的四川、浙江等地。")
    assert Corpus(chunks).is_heading(chunks[0]) is heading


def test_what_an_article_says_its_subject_is_answers_what_the_subject_is(fake_services: Services, tmp_path: Path) -> None:
    path = tmp_path / "五月艾.txt"
    path.write_text(
        "五月艾\n\n五月艾（学名：）是菊科蒿属的植物。分布于越南、老挝、缅甸以及中国大陆的四川、浙江等地。生长于海拔100米至2,800米的地区。\n",
        encoding="utf-8",
    )
    fake_services.documents.ingest([path])
    answer = fake_services.answers.ask("什么是五月艾？")
    assert not answer.refused and "菊科蒿属的植物" in answer.quote, answer.text


def test_a_question_headings_glued_answer_is_what_follows_its_answer_mark() -> None:
    assert glued_answer("二、问：考核包括哪些内容？各部分分别占多大比重？答：考核围绕德、能、勤、绩、廉五个方面进行。") == "考核围绕德、能、勤、绩、廉五个方面进行。"
    assert glued_answer("二、问：考核包括哪些内容？") is None  # its answer is the next paragraph
    assert glued_answer("二、考核内容。答：考核围绕五个方面进行。") is None  # no question heading
