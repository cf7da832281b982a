"""One set of Chinese text rules: the ingest splitter, the answer verifier, the streaming draft and the
Telegram packer cut text at the same sentence ends, and every cut joins back to the text."""

from __future__ import annotations

import html
import random
import re

import pytest

from bot.answering import Source
from bot.llm.draft import DraftFilter
from bot.llm.verify import sentences as verifier_sentences
from bot.tgbot.formatting import pack
from ingest.sections import numbered_heading
from ingest.splitting import split_sentences as ingest_sentences
from ingest.wrapping import join_lines
from ingest.zh_text import (
    CLOSING_FORMULA,
    CN_NUMERALS,
    REQUESTS,
    clause_texts,
    is_directive,
    abbreviates,
    names_part,
    sentence_pieces,
    split_clauses,
    split_sentences,
    strip_indent,
)
from tests.conftest import SEEDS

_ALPHABET = (
    list("质量强国人才干部工作提高能力学习")
    + list("。！？；!?;，、：,:…”’」』》）)\"'“‘《（(.&[] \u3000\u00a0\t")
    + ["&amp;", "&#39;", "&nbsp;", "&#x4e2d;", "...", "……", "a", "1", "[1]", "。”", "？」"]
)


def _random_texts(seed: int, count: int, newlines: bool) -> list[str]:
    rng = random.Random(seed)
    alphabet = _ALPHABET + (["\n", "\n\n", "。\n"] if newlines else [])
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(count)]


def _seed_paragraphs() -> list[str]:
    return [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _messages_text(messages: list[str]) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", message)) for message in messages]


@pytest.mark.parametrize("seed", range(4))
def test_splitting_and_joining_gives_the_text_back(seed: int) -> None:
    for text in _random_texts(seed, 2000, newlines=True) + _seed_paragraphs():
        assert "".join(split_sentences(text)) == text
        assert "".join(sentence_pieces(text)) == text
        assert "".join(sentence_pieces(text, r"\[\d+\]")) == text
        assert "".join(split_clauses(text)) == text
        paragraph = text.replace("\n", "")
        assert "".join(s.text for s in ingest_sentences(paragraph)) == (paragraph if paragraph.strip() else "")


@pytest.mark.parametrize("seed", range(4))
def test_every_ingest_sentence_is_one_sentence_for_the_verifier_and_the_packer(seed: int) -> None:
    """Paragraphs reach the splitter without line breaks (loaders join lines); the LLM answer and the
    packed text may have them, which only adds cuts."""
    for paragraph in _random_texts(100 + seed, 2000, newlines=False) + _seed_paragraphs():
        for sentence in ingest_sentences(paragraph):
            text = sentence.text.strip()
            assert verifier_sentences(text) == [text], sentence
            assert sentence_pieces(sentence.text) == [sentence.text], sentence


def test_a_closing_quote_and_an_entity_stay_with_their_sentence_in_telegram_messages() -> None:
    first, second = "他说：“要提高能力。”", "张三&amp;李四一起学习；"
    paragraph = (first + second) * 3
    assert [s.text for s in ingest_sentences(paragraph)] == [first, second] * 3
    messages = _messages_text(pack([(paragraph, False)], limit=max(len(first), len(second))))
    assert "".join(messages) == paragraph
    assert messages == [first, second] * 3


def test_the_verifier_keeps_a_closing_quote_and_its_marker_with_the_sentence() -> None:
    answer = "文章指出：“人才是关键。”[1] 要加强培训……[2]\n结论是明确的。"
    assert verifier_sentences(answer) == ["文章指出：“人才是关键。”[1]", "要加强培训……[2]", "结论是明确的。"]


def test_a_streamed_answer_keeps_flowing_after_a_line_break() -> None:
    passage = Source("d", "t", 1, "质监干部工作要为质量强国培养人才。实现质量强国梦，离不开质监人才培养。", 1.0)
    draft = DraftFilter([passage])
    shown = draft.feed("质监干部工作要为质量强国培养人才。[1]\n")
    shown += draft.feed("实现质量强国梦，离不开质监人才培养。[1]\n\n")
    shown += draft.feed("质监干部")
    assert shown == ["质监干部工作要为质量强国培养人才。\n", "实现质量强国梦，离不开质监人才培养。\n"]
    assert not draft.stopped


def test_a_streamed_sentence_waits_for_its_closing_quote_and_marker() -> None:
    passage = Source("d", "t", 1, "他说：“质监干部要为质量强国培养人才。”", 1.0)
    draft = DraftFilter([passage])
    assert draft.feed("他说：“质监干部要为质量强国培养人才。") == []
    assert draft.feed("”") == []
    assert draft.feed(" [1]") == []
    assert draft.feed("他") == ["他说：“质监干部要为质量强国培养人才。”"]


def test_clauses_split_at_pauses_and_ends_but_not_at_list_commas() -> None:
    assert clause_texts("采取专题讲座、理论研讨等途径，不断增强意识；要加强培训……好") == [
        "采取专题讲座、理论研讨等途径",
        "不断增强意识",
        "要加强培训",
        "好",
    ]
    assert split_clauses("甲，乙。”丙") == ["甲，", "乙。”", "丙"]


def test_indents_of_every_kind_are_stripped() -> None:
    assert strip_indent("\u3000\u3000 \t\u00a0一、总体要求\u3000") == "一、总体要求"
    assert join_lines(["\u3000\u3000质量强国", "\u00a0建设 "]) == "质量强国建设"
    assert numbered_heading("\u00a0\u3000一、总体要求").label == "一、总体要求"


def test_numerals_cover_chinese_counting_words() -> None:
    assert set("零〇一二三四五六七八九十百千万两") <= set(CN_NUMERALS)
    assert numbered_heading("第一百零二条 本办法自发布之日起施行。").label == "第一百零二条"
    assert numbered_heading("〇、说明") is not None
    assert numbered_heading("千万、千万不能放松学习。") is None


def test_directive_sentences_say_what_to_do_not_why() -> None:
    assert is_directive("质监部门应定期组织干部参加业务培训和技术交流。")
    assert is_directive("同时,还要注重干部的道德修养和作风建设。")
    assert is_directive("我们必须牢牢把握这一主题。")
    # Targets and bans (second tester: "监督抽查这块具体有啥要求" lost the 3200 批次 the plan sets).
    assert is_directive("2025年全省计划安排省级监督抽查3200批次，其中民生消费品不少于1500批次。")
    assert is_directive("不得事先通知被抽查企业。") and is_directive("力争合格率稳定在94%以上。")
    for background in ("这对质监干部的专业能力提出了更高要求。", "提升专业素养显得尤为重要。", "为适应新形势新任务。", "主要负责同志每年至少谈心一次。"):
        assert not is_directive(background), background


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("抓好三支队伍", "抓好3支队伍"),
        ("至道三年始定为十五路", "至道3年始定为15路"),
        ("二〇一七年", "2017年"),
        ("一百二十人", "120人"),
        ("统一思想，一是强化培训", "统一思想，一是强化培训"),  # no count: words keep their numerals
        ("第四段", "第四段"),
    ],
)
def test_counts_are_read_alike_in_figures_and_characters(text: str, expected: str) -> None:
    from ingest.zh_text import arabic_counts

    assert arabic_counts(text) == expected


def test_a_count_written_in_characters_finds_the_sentence_writing_it_in_figures(fake_services, tmp_path) -> None:
    doc = tmp_path / "队伍.txt"
    doc.write_text(
        "人才工作\n\n\u3000\u3000质监部门要把培养人才作为中心任务。各地重点抓好检测、管理、执法3支队伍建设,着力提高综合素质。各地还要加强宣传教育。\n",
        encoding="utf-8",
    )
    fake_services.documents.ingest([doc])
    answer = fake_services.answers.ask("三支队伍指的是什么？")
    assert not answer.refused and "3支队伍" in answer.quote


def test_a_count_matches_a_whole_figure_only() -> None:
    """三年 is not the 3年 inside 2023年, and a bare figure matches nothing on its own."""
    from bot.answering import _presence

    assert _presence("三年", "改造于2023年完成") == 0.0
    assert _presence("三年", "改造用了3年") == 1.0
    assert _presence("3", "抓好三支队伍") == 0.0


def test_a_question_word_names_a_part_by_its_synonyms() -> None:
    assert names_part("几步", "三、工作安排") and names_part("干成", "一、主要工作成效") and names_part("不足", "二、存在的问题")
    assert names_part("培训", "（六）干部培训") and not names_part("培训", "一、主要工作成效")
    assert not names_part("进一步", "三、工作安排")  # 步 alone is no step


def test_a_verb_with_another_result_names_the_same_doing() -> None:
    """Fourteenth tester: "他是怎么练出过硬本领的" was refused; the section is "一、扎根一线，练就“火眼金睛”的过硬本领"."""
    assert names_part("练出", "一、扎根一线，练就“火眼金睛”的过硬本领") and names_part("练成", "练就过硬本领")
    assert not names_part("练习", "练就过硬本领") and not names_part("练出", "三、强化业务培训")
    assert not names_part("提出", "会上提到") and not names_part("完成", "设备完好") and not names_part("达到", "达成共识")


def test_a_purpose_or_a_compulsion_is_no_directive() -> None:
    assert not is_directive("为确保抽查工作顺利开展，市局成立了领导小组。")
    assert not is_directive("部分县区不得不将样品送外地检测。")


@pytest.mark.parametrize(
    ("word", "text", "short"),
    [
        ("电动车", "江澜市电动自行车及配件产品质量安全专项整治工作方案", True),
        ("质监局", "质量技术监督管理局", False),  # a run three times its length: no short form of it
        ("电动车", "电动车", False),  # held as it is: no short form
        ("车电动", "电动自行车", False),  # out of order
        ("强检", "强制检定", False),  # two ideographs are read as words, never as short forms
    ],
)
def test_a_short_form_keeps_its_characters_in_order_within_a_short_run(word: str, text: str, short: bool) -> None:
    assert abbreviates(word, text) is short


@pytest.mark.parametrize(
    ("question", "left"),
    [
        ("今年主要目标有哪几个，给我列一下", "今年主要目标有哪几个，"),
        ("廉政方面的要求给我捋一捋", "廉政方面的要求"),
        ("帮我总结下。", "。"),
        # a bare 下 after a two-character verb starts the next word here: 下列, 下半年, 下属, 下一步
        ("解释下列名词", "解释下列名词"),
        ("梳理下半年重点工作有哪些", "梳理下半年重点工作有哪些"),
        ("介绍下属单位情况", "介绍下属单位情况"),
        ("这份总结下一步打算有哪些", "这份总结下一步打算有哪些"),
        ("据说说明会改期了", "据说说明会改期了"),
    ],
)
def test_a_request_for_the_answers_form_is_cut_and_nothing_else(question: str, left: str) -> None:
    assert REQUESTS.sub("", question) == left


def test_a_records_read_back_closes_it_and_a_sentence_on_records_does_not() -> None:
    assert CLOSING_FORMULA.match("当事人意见：以上笔录我已看过，与我说的一致。")
    assert CLOSING_FORMULA.match("以上笔录我已看过，记录属实，与我所说一致。")
    assert not CLOSING_FORMULA.match("以上记录表明问题依然突出。") and not CLOSING_FORMULA.match("以上记录均已归档。")


def test_how_many_things_a_text_lists() -> None:
    from ingest.structure import listed_count

    assert listed_count("重点抓好质量技术检测干部、质量综合管理干部、质量行政执法干部3支队伍建设") == 3
    assert listed_count("一是改革制度；二是完善体系；三是畅通渠道；四是加大交流。") == 4
    assert listed_count("首先,要深入贯彻落实中央八项规定精神,坚决反对形式主义、官僚主义,切实减轻基层负担。") < 8
    assert listed_count("立法权，行政权，司法权") == 3  # review: a list by commas
    assert listed_count("改进调查研究，精简会议活动，精简文件简报，规范出访活动，改进警卫工作，改进新闻报道，严格文稿发表，厉行勤俭节约") == 8
    assert listed_count("1.加强学习培训的各项工作安排；2.完善考核评价的具体办法措施；3.落实监督检查的责任分工要求") == 3  # numbered
    assert listed_count("单人剧情模式由动画的剧情开始，中途须经历28个关卡，最后一战为漩涡鸣人与宇智波佐助的对决。") < 3  # no list of three
