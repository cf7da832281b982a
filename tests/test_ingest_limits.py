"""Input that must not exhaust memory or time at ingest: decompression bombs in Word and PDF files,
over-long lines without sentence punctuation, and file names no file system or log should hold."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from bot.services import Services
from ingest.errors import IngestError
from ingest.loaders import load_document
from ingest.splitting import MAX_SENTENCE_CHARS, chunk_document

MB = 1024 * 1024
# Memory a refused bomb may cost; the bombs below unpack to well over it.
SMALL_PEAK = 64 * MB


def refusal_and_peak(path: Path) -> tuple[str, int]:
    """The message loading `path` is refused with, and the peak Python allocation meanwhile (zlib and
    pypdf output are Python bytes, so they count)."""
    tracemalloc.start()
    try:
        with pytest.raises(IngestError) as caught:
            load_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return caught.value.user_message, peak


def padded_docx(path: Path, padding_mb: int, declared_size: int | None = None) -> Path:
    """A real .docx whose document.xml carries `padding_mb` MB of blanks (a few hundred KB on disk);
    with `declared_size`, its zip headers claim that size instead of the true one."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("关于开展计量器具专项检查的通知")
    document.add_paragraph("各区县须在十二月十五日前完成自查。")
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                target.writestr(info, data)
                continue
            head, _, tail = data.partition(b"?>")
            with target.open("word/document.xml", "w") as part:
                part.write(head + b"?>")
                block = b" " * MB
                for _ in range(padding_mb):
                    part.write(block)
                part.write(tail)
    if declared_size is not None:
        _declare_size(path, "word/document.xml", declared_size)
    return path


def _declare_size(path: Path, name: str, size: int) -> None:
    """Overwrite the uncompressed size a zip's local and central headers give for `name`."""
    raw = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = raw.find(signature)
        while at >= 0:
            if raw[at + name_at : at + name_at + len(encoded)] == encoded:
                raw[at + size_at : at + size_at + 4] = size.to_bytes(4, "little")
            at = raw.find(signature, at + 4)
    path.write_bytes(bytes(raw))


def test_docx_declaring_a_huge_unpacked_size_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = padded_docx(tmp_path / "炸弹.docx", padding_mb=110)
    assert path.stat().st_size < MB
    message, peak = refusal_and_peak(path)
    assert "解压后超过" in message and "炸弹.docx" in message
    assert peak < SMALL_PEAK, f"{peak / MB:.0f} MB allocated for a refused file"


def test_docx_lying_about_its_unpacked_size_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = padded_docx(tmp_path / "伪装.docx", padding_mb=200, declared_size=4096)
    message, peak = refusal_and_peak(path)
    assert "无法打开 Word 文件《伪装.docx》" in message
    assert peak < SMALL_PEAK, f"{peak / MB:.0f} MB allocated for a refused file"


def deflated_blanks(size_mb: int) -> bytes:
    compressor = zlib.compressobj(9)
    block = b" " * MB
    return b"".join(compressor.compress(block) for _ in range(size_mb)) + compressor.flush()


def pdf_with_contents(stream: bytes, filters: str, pages: int = 1) -> bytes:
    """A minimal PDF whose every page has `stream` (encoded with `filters`) as its content."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R /Resources << >> >>".encode())
        objects.append(f"<< /Length {len(stream)} /Filter {filters} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_stream_that_unpacks_beyond_the_parser_limit_is_refused_as_too_large(tmp_path: Path) -> None:
    bomb = zlib.compress(deflated_blanks(128), 9)  # 128 MB of blanks, deflated twice: a few KB
    path = tmp_path / "炸弹.pdf"
    path.write_bytes(pdf_with_contents(bomb, "[/FlateDecode /FlateDecode]"))
    assert path.stat().st_size < 16 * 1024
    message, peak = refusal_and_peak(path)
    assert "解压后过大" in message, "not mistaken for a scanned PDF"
    assert peak < 256 * MB, f"{peak / MB:.0f} MB allocated for a refused file"


def test_pdf_pages_that_together_unpack_beyond_the_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.pdf_loader

    monkeypatch.setattr(ingest.pdf_loader, "MAX_CONTENT_BYTES", 2 * MB)
    path = tmp_path / "多页.pdf"
    path.write_bytes(pdf_with_contents(deflated_blanks(1), "/FlateDecode", pages=3))
    assert "解压后过大" in refusal_and_peak(path)[0]


@pytest.mark.parametrize("line", ["质" * 400_000, "x" * 1_000_000, "甲乙丙丁，" * 100_000])
def test_over_long_line_splits_into_bounded_chunks_that_rebuild_it(tmp_path: Path, line: str) -> None:
    path = tmp_path / "长行.txt"
    path.write_text(f"数据表\n\n{line}\n", encoding="utf-8")
    document = load_document(path)
    chunks = chunk_document(document, "v")
    assert max(len(c.text) for c in chunks) <= MAX_SENTENCE_CHARS
    assert "".join(c.text for c in chunks) == line


def test_over_long_sentence_is_cut_at_clause_marks() -> None:
    from ingest.splitting import split_sentences

    clause = "各区县市场监督管理部门要组织开展计量器具专项检查" * 3 + "，"
    paragraph = clause * 8 + "确保检查取得实效。"
    pieces = [s.text for s in split_sentences(paragraph)]
    assert "".join(pieces) == paragraph
    assert len(pieces) > 1 and all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(p.endswith("，") for p in pieces[:-1]), "cut after a comma, not inside a word"


@pytest.mark.parametrize(
    "name,stored",
    [
        ("通知\x1b[2J\t第一版.txt", "通知[2J第一版.txt"),
        ("\u202e通知txt.exe.txt", "通知txt.exe.txt"),
    ],
)
def test_control_characters_never_reach_the_stored_name_or_audit_log(
    fake_services: Services, tmp_path: Path, name: str, stored: str
) -> None:
    path = tmp_path / name
    path.write_text("计量检查通知\n\n各区县须在十二月十五日前完成自查。\n", encoding="utf-8")
    assert load_document(path).source == stored
    service = fake_services.documents
    (result,) = service.ingest([path], "cli")
    assert result.source == stored
    assert [d.source for d in fake_services.documents.records() if d.doc_id == result.doc_id] == [stored]
    assert [e.source for e in service.history(result.doc_id)] == [stored]


def test_over_long_name_is_cut_to_255_bytes_keeping_its_extension() -> None:
    from ingest.documents import source_name

    name = "关于开展计量器具专项检查的通知" * 10 + ".docx"
    stored = source_name(name)
    assert len(stored.encode("utf-8")) <= 255 and stored.endswith(".docx")
    assert stored.startswith("关于开展计量器具专项检查的通知")
    assert source_name("\x00\x01.pdf") == "未命名文件.pdf"
