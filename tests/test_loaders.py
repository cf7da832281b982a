"""Loading documents: titles, paragraphs, metadata, encodings, and every kind of bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.loaders import load_document
from ingest.splitting import chunk_document, split_sentences
from tests.conftest import SEEDS


def test_seed_essay_title_paragraphs_and_attribution() -> None:
    doc = load_document(next(SEEDS.glob("*.txt")))
    assert doc.title == "浅谈质量强国与质监干部队伍建设"
    assert len(doc.paragraphs) == 6
    assert doc.paragraphs[0].startswith("人是质量发展的决定因素")
    assert doc.metadata["source_url"] == "http://www.sanweiyuan.com/news/29688.html"
    assert all("http" not in p for p in doc.paragraphs), "the scraped attribution line is metadata, not text"


def test_sentences_cover_the_paragraph_exactly() -> None:
    paragraph = "第一句话,带半角逗号。第二句！第三句？“引号里的话。”最后没有句号"
    sentences = split_sentences(paragraph)
    assert "".join(s.text for s in sentences) == paragraph
    assert [s.text for s in sentences][3] == "“引号里的话。”"
    assert len(sentences) == 5


def test_chunks_know_document_paragraph_and_position() -> None:
    doc = load_document(next(SEEDS.glob("*.txt")))
    chunks = chunk_document(doc, doc.content_hash())
    first = chunks[0]
    assert (first.doc_id, first.title, first.paragraph, first.sentence) == (doc.doc_id, doc.title, 1, 1)
    third = [c for c in chunks if c.paragraph == 3]
    assert "".join(c.text for c in third) == doc.paragraphs[2]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b"")])
def test_text_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "质量工作通知\n\n各单位要加强计量器具的检定工作。请于月底前上报检定结果。\n"
    path = tmp_path / "notice.txt"
    path.write_bytes(bom + text.encode(encoding))
    doc = load_document(path)
    assert doc.title == "质量工作通知"
    assert doc.paragraphs == ["各单位要加强计量器具的检定工作。请于月底前上报检定结果。"]


def test_markdown_heading_is_title(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text("# 计量工作指南\n\n## 一、总体要求\n\n- 坚持依法计量。\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "计量工作指南"
    assert doc.paragraphs == ["一、总体要求", "坚持依法计量。"]


RED_HEAD = "澄州市市场监督管理局文件\n\n澄市监党〔2023〕27号\n\n关于全市质监系统典型问题的通报\n\n各县（市、区）局：\n\n现将3起典型问题通报如下。\n"


def test_letterhead_and_number_above_an_official_title_are_no_title(tmp_path: Path) -> None:
    """A red-head document opens with its issuer's 文件 line and its number; the title is the line after them,
    and both lines stay text (文号 is asked about)."""
    path = tmp_path / "通报.txt"
    path.write_text(RED_HEAD, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "关于全市质监系统典型问题的通报"
    assert doc.paragraphs == ["澄州市市场监督管理局文件", "澄市监党〔2023〕27号", "各县（市、区）局：", "现将3起典型问题通报如下。"]


def test_a_title_opening_with_a_quoted_title_keeps_it_as_a_title_within_a_title(tmp_path: Path) -> None:
    """Tenth tester: 《溪岚市质监干部年度考核办法》政策解读 was cited as 《溪岚市质监干部年度考核办法》政策解读》:
    stripping the marks at the ends left the inner 》 alone."""
    path = tmp_path / "解读.txt"
    path.write_text("《溪岚市质监干部年度考核办法》政策解读\n\n为便于理解，现解读如下。\n", encoding="utf-8")
    assert load_document(path).title == "〈溪岚市质监干部年度考核办法〉政策解读"
    path.write_text("《浅谈质量强国与质监干部队伍建设》\n\n人是质量发展的决定因素。\n", encoding="utf-8")
    assert load_document(path).title == "浅谈质量强国与质监干部队伍建设"
    from ingest.documents import clean_title

    assert clean_title("《《纲要》解读》") == "〈纲要〉解读" and clean_title("纲要》") == "纲要"  # review findings
    assert clean_title("关于学习《纲要》的通知") == "关于学习《纲要》的通知"


@pytest.mark.parametrize(
    "above",
    [
        ["机密★1年", "特急", "澄州市市场监督管理局文件", "澄市监党〔2023〕27号", "签发人：王建国"],
        ["000015", "澄州市市场监督管理局文件", "澄市监党〔2023〕27号"],
        ["澄市监〔2023〕27号　　签发人：王建国"],
    ],
)
def test_every_line_an_official_document_prints_above_its_title_is_passed(tmp_path: Path, above: list[str]) -> None:
    """Copy number, secrecy, urgency, letterhead, number, signer (on the number's line in a 请示)."""
    path = tmp_path / "doc.txt"
    path.write_text("\n\n".join([*above, "关于全市质监系统典型问题的通报", "现将3起典型问题通报如下。"]), encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "关于全市质监系统典型问题的通报"
    assert doc.paragraphs == [*above, "现将3起典型问题通报如下。"]


@pytest.mark.parametrize(
    "first",
    ["机密文件管理办法", "关于转发省局文件", "关于印发《质量工作要点》的通知（浙市监〔2023〕5号）", "廉政学习参考文件"],
)
def test_a_title_that_names_a_file_or_a_number_is_still_the_title(tmp_path: Path, first: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(f"{first}\n\n各单位要加强计量器具的检定工作。\n", encoding="utf-8")
    assert load_document(path).title == first


def test_lines_without_blank_separators_are_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("标题\n\u3000\u3000第一段内容。\n\u3000\u3000第二段内容。\n", encoding="utf-8")
    assert load_document(path).paragraphs == ["第一段内容。", "第二段内容。"]


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        (
            "一、聚焦安全底线\n（一）特种设备安全监管\n1．全年检查电梯312台。\n2．未发生事故。\n\n"
            "第二十八条 下列用语的含义：\n（一）质量基础设施，是指计量。\n（二）首席质量官，是指负责人。\n\n本分局今年共\n办结案件42件。\n",
            [
                "一、聚焦安全底线", "（一）特种设备安全监管", "1．全年检查电梯312台。", "2．未发生事故。",
                "第二十八条 下列用语的含义：（一）质量基础设施，是指计量。（二）首席质量官，是指负责人。", "本分局今年共办结案件42件。",
            ],
        ),
        (  # under a bare heading: a lead-in keeps its items, a sentence opens its own paragraph, a wrapped line runs on (review)
            "一、工作要求\n各单位要做好以下工作：\n1．加强领导。\n2．压实责任。\n\n二、处罚依据\n依据《计量法实施细则》第四十三条第\n（一）项规定处罚。\n",
            ["一、工作要求", "各单位要做好以下工作：1．加强领导。2．压实责任。", "二、处罚依据", "依据《计量法实施细则》第四十三条第（一）项规定处罚。"],
        ),
        (  # a fifty-third tester's 发布会实录: a lead-in's items of a title and sentences are paragraphs, as typed
            "一、基本情况\n全省抽查6842批次。\n\n二、总体安排\n重点抓好两项活动：\n（一）开展质量开放日活动。组织86家企业开放生产线。\n"
            "（二）举办质量大会。大会定于9月18日召开。\n\n三、用语\n下列用语的含义：\n（一）质量，是指特性；包括服务。\n（二）品牌，是指标识。\n",
            [
                "一、基本情况", "全省抽查6842批次。", "二、总体安排", "重点抓好两项活动：", "（一）开展质量开放日活动。组织86家企业开放生产线。",
                "（二）举办质量大会。大会定于9月18日召开。", "三、用语", "下列用语的含义：（一）质量，是指特性；包括服务。（二）品牌，是指标识。",
            ],
        ),
    ],
)
def test_a_parts_numbered_lines_stay_apart_when_only_parts_are_blank_separated(tmp_path: Path, text: str, paragraphs: list[str]) -> None:
    """A forty-ninth tester's 工作总结 put blank lines between its parts only: 一、 ran into （一） and every 1．
    item under it, one paragraph cited whole (标准化和品牌建设取得了哪些成绩 listed another subpart's items). A
    lead-in's items stay with it, and a wrapped line joins its paragraph as before."""
    path = tmp_path / "summary.txt"
    path.write_text(f"某分局2025年工作总结\n\n{text}", encoding="utf-8")
    assert load_document(path).paragraphs == paragraphs


def test_a_contact_line_typed_under_the_date_is_no_part_of_the_signature(tmp_path: Path) -> None:
    """Forty-ninth tester: "这份工作总结的落款日期是哪天" was refused: the issuer, the date and "（联系人：…）" typed on three
    lines ran into one paragraph, which no longer ended with its date."""
    path = tmp_path / "summary.txt"
    path.write_text("某分局2025年工作总结\n\n全年办结案件42件。\n\n某分局\n2025年12月26日\n（联系人：黄晓岚，联系电话：6235418）\n", encoding="utf-8")
    assert load_document(path).paragraphs[-2:] == ["某分局2025年12月26日", "（联系人：黄晓岚，联系电话：6235418）"]


def test_items_typed_one_per_line_under_a_heading_are_paragraphs_of_their_own(tmp_path: Path) -> None:
    """Forty-seventh tester's 办事指南: "（一）…变更登记。" to "（四）…罚款。" typed one per line, no blank line between, ran
    into one paragraph, so "其他事项有哪些" listed three of the four. A line wrapped within an item, or items after a
    lead-in in one block, stay joined."""
    path = tmp_path / "guide.txt"
    path.write_text(
        "办事指南\n\n十三、其他事项\n\n（一）名称变化的，应当办理变更登记。\n（二）设备停用1年以上的，应当告知。\n"
        "（三）未按规定办理的，责令限期改正；\n逾期未改正的，处一万元以上罚款。\n\n下列用语的含义：\n（一）使用单位，是指…；\n（二）设备，是指…。\n",
        encoding="utf-8",
    )
    assert load_document(path).paragraphs[1:] == [
        "（一）名称变化的，应当办理变更登记。",
        "（二）设备停用1年以上的，应当告知。",
        "（三）未按规定办理的，责令限期改正；逾期未改正的，处一万元以上罚款。",
        "下列用语的含义：（一）使用单位，是指…；（二）设备，是指…。",
    ]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "没有可用的正文"),
        ("blank.txt", b"   \n\n \t\n", "没有可用的正文"),
        ("nbsp.txt", "\u00a0 \n".encode(), "没有可用的正文"),
        ("separators.txt", "\u2028\u2029\n".encode(), "没有可用的正文"),
        ("zero-width.txt", "\u200b\ufeff\u200b".encode(), "没有可用的正文"),
        ("utf16-blank.txt", "  \n \n".encode("utf-16-le"), "没有可用的正文"),
        ("binary.txt", bytes(range(256)) * 8, "编码"),
        ("slides.pptx", b"PK\x03\x04", "不支持的文件类型"),
        ("noext", "标题\n\n正文。".encode(), "不支持的文件类型"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as caught:
        load_document(path)
    assert message in caught.value.user_message


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        load_document(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="not a regular file"):
        load_document(tmp_path)


LONG_OPENING = "人是质量发展的决定因素。" + "质监干部队伍建设要坚持以人为本，强化教育培训，深化体制改革，加强作风建设。" * 120


@pytest.mark.parametrize("name,text", [("essay.txt", f"{LONG_OPENING}\n\n第二段。\n"), ("essay.md", f"{LONG_OPENING}\n\n## 一、总体要求\n\n第二段。\n")])
def test_paragraph_too_long_for_a_title_stays_text(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "人是质量发展的决定因素…"
    assert doc.paragraphs[0] == LONG_OPENING, "the long paragraph is content"
    assert doc.paragraphs[-1] == "第二段。"


def test_title_without_sentence_end_is_cut_at_a_clause(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    opening = "为深入贯彻落实质量强国建设纲要，" + "全面提升计量器具检定水平和质量监督效能" * 10
    path.write_text(f"{opening}\n\n第二段。\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "为深入贯彻落实质量强国建设纲要…"
    assert doc.paragraphs == [opening, "第二段。"]


@pytest.mark.parametrize(
    "body",
    [
        "申报系统网址为 https://www.samr.gov.cn/jls/ ，请各单位于月底前登录填报。",
        "详见附件：http://www.example.gov.cn/notice/2024/01.html",
    ],
)
def test_paragraph_with_a_url_is_content(tmp_path: Path, body: str) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(f"计量器具检定申报通知\n\n{body}\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.paragraphs == [body]
    assert "source_url" not in doc.metadata


def test_trailing_scrape_credit_is_metadata(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    credit = "本文来源：中国质量新闻网 http://www.cqn.com.cn/zj/content/2024-01/01/content_1.htm"
    path.write_text(f"计量器具检定申报通知\n\n各单位须于月底前完成申报。\n\n{credit}\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.paragraphs == ["各单位须于月底前完成申报。"]
    assert doc.metadata["attribution"] == credit


@pytest.mark.parametrize("entity", ["&amp;", "&lt;", "&#39;", "&#x27;", "&nbsp;"])
def test_html_entity_does_not_end_a_sentence(entity: str) -> None:
    paragraph = f"甲方{entity}乙方应当共同遵守本规定。下一句。"
    assert [s.text for s in split_sentences(paragraph)] == [f"甲方{entity}乙方应当共同遵守本规定。", "下一句。"]
    assert [s.text for s in split_sentences("第一项;第二项")] == ["第一项;", "第二项"], "a bare ';' still ends one"
