"""Tables in Word and Markdown documents: each row a paragraph that says what each cell is."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from bot.services import Services
from ingest.loaders import load_document
from ingest.tables import markdown_table_rows, table_paragraphs

TASKS = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "举办“质量大讲堂”", "局质量发展科", "局人事教育科、市委党校", "2025年12月15日前"],
    ["2", "新入职干部岗前培训", "市质量技术监督培训中心", "局人事教育科", "2025年5月31日前"],
    ["3", "遴选导师并签订带徒协议", "局机关党委", "局人事教育科", "2025年4月20日前"],
]
FIRST_ROW = "序号：1，重点任务：举办“质量大讲堂”，牵头单位：局质量发展科，配合单位：局人事教育科、市委党校，完成时限：2025年12月15日前"


def test_a_header_row_labels_every_cell_of_the_rows_below() -> None:
    paragraphs = table_paragraphs(TASKS)
    assert paragraphs[0] == FIRST_ROW
    assert len(paragraphs) == 3  # the header is in every row, not a paragraph of its own


def test_a_statistics_tables_columns_with_their_units_are_a_header() -> None:
    """Sixteenth tester: "南岭区抽了几家企业" was answered "…见表1。": the 调研报告's table rows were bare cells
    (南岭区 | 86 | 35 | 40.7% | 28), since its columns end in 数, 占比 and a unit (抽样企业数（家）), which no column
    name was known to. Counts, rates and the places counted name columns as 单位 and 时限 do."""
    rows = [
        ["区县", "抽样企业数（家）", "通过认证数（家）", "认证占比", "设专职质量员企业数（家）"],
        ["南岭区", "86", "35", "40.7%", "28"],
    ]
    assert table_paragraphs(rows) == ["区县：南岭区，抽样企业数：86家，通过认证数：35家，认证占比：40.7%，设专职质量员企业数：28家"]
    assert table_paragraphs([["项目", "金额(万元)", "备注"], ["培训", "约52", "含教材"]]) == ["项目：培训，金额(万元)：约52，备注：含教材"]
    qualified = [["指标", "投诉件数（上年）", "投诉件数（本年）"], ["产品质量", "120", "135"]]  # no unit: no 120上年 (review)
    assert not any("120上年" in p for p in table_paragraphs(qualified))


@pytest.mark.parametrize(
    "rows",
    [
        [["姓名", "张三"], ["职务", "科长"]],  # a form of two columns: a label and its value on each row
        [["2024年", "82%", "90%"], ["2025年", "95%", "96%"]],  # figures are no column names
        [["本表由各单位填写。", "联系人", "电话"], ["局办公室", "王芳", "12345"]],  # a sentence is no column name
        [["组长", "韦承舟", "局长"], ["副组长", "贺思源", "副局长"]],  # a list of members: no cell names a column
        [["姓名", "王芳", "性别", "女", "民族", "汉族"], ["籍贯", "江苏南京", "学历", "本科", "职务", "科长"]],  # a form
    ],
)
def test_rows_without_a_header_stay_as_their_cells(rows: list[list[str]]) -> None:
    assert table_paragraphs(rows) == [" | ".join(row) for row in rows]


def test_a_row_that_does_not_line_up_with_the_header_is_not_labelled_wrongly() -> None:
    rows = [*TASKS[:2], ["合计", "3项任务"]]
    assert table_paragraphs(rows) == [FIRST_ROW, "合计 | 3项任务"]


def test_a_cell_ending_a_sentence_does_not_cut_its_row_and_a_repeated_header_is_no_row() -> None:
    """A cell "举办“质量大讲堂”。" would end the row's first sentence: 牵头单位 would then be quoted without its task."""
    rows = [TASKS[0], [cell + "。" if i == 1 else cell for i, cell in enumerate(TASKS[1])], TASKS[0], TASKS[2]]
    paragraphs = table_paragraphs(rows)
    assert paragraphs[0] == FIRST_ROW and len(paragraphs) == 2


def test_captions_and_dividers_keep_the_header_and_a_lone_header_keeps_its_words() -> None:
    rows = [["重点任务分工表", "", "", "", ""], TASKS[0], ["一、能力提升类", "", "", "", ""], TASKS[1]]
    assert table_paragraphs(rows) == ["重点任务分工表", "一、能力提升类", FIRST_ROW]
    assert table_paragraphs([TASKS[0]]) == [" | ".join(TASKS[0])]


def test_markdown_pipe_table_rows() -> None:
    lines = ["| 序号 | 任务 | 牵头单位 |", "|:---|---|---:|", "| 1 | 培训 | 人事科 |"]
    assert markdown_table_rows(lines) == [["序号", "任务", "牵头单位"], ["1", "培训", "人事科"]]
    assert markdown_table_rows(["| 甲 | 乙 |", "| 丙 | 丁 |"]) is None  # no rule under the first row: no table
    assert markdown_table_rows(["序号 | 任务 | 牵头单位", "-|-|-", r"1 | 培训\|考试 | 人事科"]) == [
        ["序号", "任务", "牵头单位"], ["1", "培训|考试", "人事科"],
    ]  # outer pipes and three dashes are optional; an escaped pipe is a character of its cell


def test_markdown_table_rows_are_paragraphs_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "方案.md"
    table = ["| " + " | ".join(row) + " |" for row in TASKS]
    table.insert(1, "|---|---|---|---|---|")
    path.write_text("\n".join(["# 某某实施方案", "", "## 一、主要任务", "", *table, "", "各单位要抓好落实。"]), encoding="utf-8")
    doc = load_document(path)
    assert doc.paragraphs[1] == FIRST_ROW
    assert doc.paragraphs[-1] == "各单位要抓好落实。"
    assert len(doc.paragraphs) == 5  # the heading, three rows, the closing sentence
    assert set(doc.sections) == {"一、主要任务"}


def test_markdown_table_cells_are_text_not_markdown(tmp_path: Path) -> None:
    """A two-column table keeps its cells as they are: "# " is no heading and "> 90分" no quote."""
    path = tmp_path / "评分.md"
    path.write_text("# 评分办法\n\n| # | 事项 |\n|---|---|\n| > 90分 | 优秀 |\n\n以上为评分标准。\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.paragraphs == ["# | 事项", "> 90分 | 优秀", "以上为评分标准。"]
    assert set(doc.sections) == {""}


def write_task_docx(path: Path, caption_row: bool = False) -> Path:
    """A 实施方案 whose task table follows the body as an annex, as such tables usually do."""
    document = docx.Document()
    document.add_heading("澜江市质监局干部能力建设年活动实施方案", level=0)
    document.add_heading("一、主要任务", level=1)
    document.add_paragraph("依托市委党校，每季度举办一期“质量大讲堂”，全年不少于4期。")
    document.add_heading("二、保障措施", level=1)
    document.add_paragraph("局财务审计科统筹安排活动专项经费共计86万元，其中培训经费52万元。")
    document.add_paragraph("附件：重点任务分工表")
    rows = ([["重点任务分工表"] * len(TASKS[0])] if caption_row else []) + TASKS
    table = document.add_table(rows=len(rows), cols=len(TASKS[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if caption_row:
        table.cell(0, 0).merge(table.cell(0, len(TASKS[0]) - 1))
    document.save(str(path))
    return path


@pytest.mark.parametrize("caption_row", [False, True])
def test_docx_table_rows_are_labelled_and_lie_in_the_annex(tmp_path: Path, caption_row: bool) -> None:
    doc = load_document(write_task_docx(tmp_path / "方案.docx", caption_row))
    at = doc.paragraphs.index(FIRST_ROW)
    assert doc.paragraphs[at - 1] == ("重点任务分工表" if caption_row else "附件：重点任务分工表")
    assert len(doc.paragraphs) - at == 3
    # The annex is no part of 二、保障措施, the heading above it.
    assert set(doc.sections[at - 1 :]) == {"附件：重点任务分工表"}


@pytest.mark.slow
def test_which_units_help_is_answered_from_the_table_row(e5_services: Services, tmp_path: Path) -> None:
    """A cadre's question naming a column (配合) finds the row: the bare cells never said which unit helps."""
    e5_services.documents.ingest([write_task_docx(tmp_path / "方案.docx")])
    answer = e5_services.answers.ask("办大讲堂的话哪些单位来配合")
    assert not answer.refused, answer.text
    assert "配合单位：局人事教育科、市委党校" in answer.text
    assert "附件：重点任务分工表" in answer.text  # cited in the annex
