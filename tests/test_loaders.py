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
    first = chunks[0].metadata
    assert (first["doc_id"], first["title"], first["paragraph"], first["sentence"]) == (doc.doc_id, doc.title, 1, 1)
    third = [c for c in chunks if c.metadata["paragraph"] == 3]
    assert "".join(c.page_content for c in third) == doc.paragraphs[2]


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


def test_lines_without_blank_separators_are_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("标题\n\u3000\u3000第一段内容。\n\u3000\u3000第二段内容。\n", encoding="utf-8")
    assert load_document(path).paragraphs == ["第一段内容。", "第二段内容。"]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.txt", b"", "没有可用的正文"),
        ("blank.txt", b"   \n\n \t\n", "没有可用的正文"),
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
