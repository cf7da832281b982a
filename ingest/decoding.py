"""Turn the bytes of an uploaded text file into text, whatever common Chinese encoding it uses."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ingest.errors import IngestError


def decode_text(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) directly, otherwise ask charset-normalizer (GB18030/GBK…)."""
    if b"\x00" in raw and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _undecodable(name, "contains NUL bytes (binary file?)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise _undecodable(name, "no text encoding fits")
    text = str(best)
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t\u3000")
    if not text or printable / len(text) < 0.97:
        raise _undecodable(name, f"decoded as {best.encoding} but is mostly unprintable")
    return text


def _undecodable(name: str, why: str) -> IngestError:
    return IngestError(
        f"cannot decode {name}: {why}",
        f"无法识别文件《{name}》的文字编码，请另存为 UTF-8 或 GB18030 文本后重试。",
    )
