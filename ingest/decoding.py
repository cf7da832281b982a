"""Turn the bytes of an uploaded text file into text, whatever common Chinese encoding it uses.

Order matters. A byte-order mark is certain. Otherwise the strict UTF-8 and GB18030 (the superset of
GBK and GB2312) readings compete on how ordinary their characters are: statistical detectors misread
short Chinese texts as Korean or Japanese, and short GBK text can even be valid UTF-8 (GBK '通知'
reads as two combining marks). charset-normalizer is the last resort, for Big5, Shift-JIS and the like.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ingest.errors import IngestError
from ingest.zh_text import BREAKING_SPACES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of non-ASCII characters that must be ordinary for a GB18030 reading to be believed without a
# detector: real GBK text scores ~1.0, Big5 text read as GB18030 about 0.4.
_GB_MIN_SHARE = 0.8
# A UTF-8 reading with at most this many non-ASCII characters, all two-byte, and no ASCII letter is
# too short to tell accented Latin from misread GBK; Chinese is the likelier reading here.
_FEW_WIDE = 4
_PRINTABLE_SHARE = 0.97
# Not the no-break space: misread GBK is full of U+00A0, so it must not count as ordinary text here.
_WHITESPACE = "\r\n\x0b\x0c" + BREAKING_SPACES
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_BLANK_BLOCK = 4096
# Unicode blocks a text in this product plausibly uses besides GB2312 characters: Latin, Greek and
# Cyrillic letters, general punctuation and symbols, CJK punctuation, full-width forms. IPA, combining
# marks, right-to-left scripts and supplementary planes are not in it. CJK ideographs outside GB2312
# count half: real text has few of them, GBK read as UTF-8 many.
_FAMILIAR = ((0xA0, 0x250), (0x370, 0x530), (0x2000, 0x2C00), (0x3000, 0x3040), (0xFF00, 0xFFF0))
_CJK_IDEOGRAPHS = (0x4E00, 0xA000)
_RARE_IDEOGRAPH_WEIGHT = 0.5
# charset-normalizer names subsets of GB18030; decoding with the superset keeps rare characters and
# maps A1AA to '—' (U+2014) as GB18030 does, not to '―'.
_GB_FAMILY = {"gb2312", "gbk", "cp936", "gb18030"}


def is_blank(raw: bytes) -> bool:
    """Whether the bytes hold nothing but white space (or zero-width characters) in UTF-8, or in UTF-16
    with or without a byte-order mark: such a file is empty, whatever its encoding would be guessed as."""
    return any(_blank_as(raw, encoding) for encoding in ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"))


def _blank_as(raw: bytes, encoding: str) -> bool:
    """Read block by block, so a large file with text in it is told apart after its first few kilobytes."""
    decoder = codecs.getincrementaldecoder(encoding)()
    for start in range(0, len(raw), _BLANK_BLOCK):
        try:
            text = decoder.decode(raw[start : start + _BLANK_BLOCK], final=start + _BLANK_BLOCK >= len(raw))
        except UnicodeError:  # the UTF-16 decoder raises the base class for a short stream without a BOM
            return False
        if not all(ch.isspace() or ch in _INVISIBLE for ch in text):
            return False
    return True


def decode_text(raw: bytes, name: str) -> str:
    """Decode a text file's bytes, or raise IngestError with a message the uploader can act on."""
    text = _by_bom(raw, name)
    if text is None:
        if b"\x00" in raw:
            raise _undecodable(name, "contains NUL bytes (binary file?)")
        text = _utf8_or_gb18030(raw) or _detected(raw, name)
    if not _mostly_printable(text):
        raise _undecodable(name, "decoded text is mostly unprintable")
    return text


def _by_bom(raw: bytes, name: str) -> str | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw, encoding)
            if text is None:
                raise _undecodable(name, f"starts with a {encoding} byte-order mark but does not decode as {encoding}")
            return text.removeprefix("\ufeff")
    return None


def _utf8_or_gb18030(raw: bytes) -> str | None:
    """The more ordinary of the strict UTF-8 and GB18030 readings; UTF-8 wins ties."""
    utf8, gb = _strict(raw, "utf-8"), _strict(raw, "gb18030")
    gb_share = _gb2312_share(gb) if gb is not None else 0.0
    if utf8 is not None and _utf8_share(utf8) >= gb_share:
        return utf8
    return gb if gb_share >= _GB_MIN_SHARE else None


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _gb2312_share(text: str) -> float:
    """Share of non-ASCII characters in GB2312, the everyday simplified-Chinese set."""
    wide = [ch for ch in text if not ch.isascii()]
    return sum(1 for ch in wide if _in_gb2312(ch)) / len(wide) if wide else 1.0


def _utf8_share(text: str) -> float:
    """Share of non-ASCII characters that are familiar; 0 for a two-byte-only reading that mixes
    Latin, Greek and Cyrillic, or is too short to judge."""
    wide = [ch for ch in text if not ch.isascii()]
    if not wide:
        return 1.0
    if all(ord(ch) < 0x800 for ch in wide):
        scripts = {_script(ch) for ch in wide if ch.isalpha()}
        if len(scripts) > 1 or (len(wide) <= _FEW_WIDE and not any(ch.isascii() and ch.isalpha() for ch in text)):
            return 0.0
    return sum(_familiarity(ch) for ch in wide) / len(wide)


def _script(ch: str) -> str:
    code = ord(ch)
    return "latin" if code < 0x370 else "greek" if code < 0x400 else "cyrillic" if code < 0x530 else "other"


def _familiarity(ch: str) -> float:
    code = ord(ch)
    if _in_gb2312(ch) or any(low <= code < high for low, high in _FAMILIAR):
        return 1.0
    low, high = _CJK_IDEOGRAPHS
    return _RARE_IDEOGRAPH_WEIGHT if low <= code < high else 0.0


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _detected(raw: bytes, name: str) -> str:
    best = from_bytes(raw).best()
    if best is None:
        raise _undecodable(name, "no text encoding fits")
    if best.encoding.replace("_", "") in _GB_FAMILY:
        return _strict(raw, "gb18030") or str(best)
    return str(best)


def _mostly_printable(text: str) -> bool:
    if not text:
        return True
    printable = sum(1 for ch in text if ch.isprintable() or ch in _WHITESPACE)
    return printable / len(text) >= _PRINTABLE_SHARE


def _undecodable(name: str, why: str) -> IngestError:
    return IngestError(
        f"cannot decode {name}: {why}",
        f"无法识别文件《{name}》的文字编码，请另存为 UTF-8 或 GB18030 文本后重试。",
    )
