"""Plain data that flows from loaders to the splitter."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

# File systems cap a name at 255 bytes; a stored name never needs more.
SOURCE_NAME_MAX_BYTES = 255
# Control, format (bidi overrides, zero-width), surrogate (undecodable bytes) and line/paragraph separators.
_INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_UNNAMED = "未命名文件"
_EXTENSION_MAX_BYTES = 16


@dataclass(frozen=True)
class SourceDocument:
    """A loaded document: its title, its paragraphs verbatim, and where it came from.

    `source` is the file name; re-ingesting a file of the same name replaces the earlier version.
    `sections` labels each paragraph with the numbered section it lies in ("" for none), so a
    citation can say more than a paragraph number; left out, every paragraph gets "".
    """

    source: str
    title: str
    paragraphs: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.sections:
            object.__setattr__(self, "sections", [""] * len(self.paragraphs))
        elif len(self.sections) != len(self.paragraphs):
            raise ValueError(f"{len(self.sections)} section labels for {len(self.paragraphs)} paragraphs")

    @property
    def doc_id(self) -> str:
        """A short stable id derived from the source name, so re-uploads land on the same document."""
        return hashlib.sha1(self.source.encode("utf-8")).hexdigest()[:10]

    def content_hash(self, salt: str = "") -> str:
        """Hash of everything that ends up in the index; `salt` captures how it was split."""
        digest = hashlib.sha256(salt.encode("utf-8"))
        digest.update(self.title.encode("utf-8"))
        for paragraph, section in zip(self.paragraphs, self.sections):
            digest.update(b"\x00" + paragraph.encode("utf-8"))
            digest.update(b"\x02" + section.encode("utf-8"))
        for key in sorted(self.metadata):
            digest.update(f"\x01{key}={self.metadata[key]}".encode())
        return digest.hexdigest()


def source_name(name: str) -> str:
    """The name a file is stored, listed and audited under: its identity (doc_id) comes from it, so an
    uploaded name with NUL or control characters, or longer than a file system allows, is made safe here.

    Invisible characters go, and an over-long name loses the end of its stem, never its extension.
    """
    visible = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE).strip()
    stem, dot, extension = visible.rpartition(".")
    if not dot or len(extension.encode("utf-8")) > _EXTENSION_MAX_BYTES or not extension.isalnum():
        stem, extension = visible, ""
    suffix = f".{extension}" if extension else ""
    room = SOURCE_NAME_MAX_BYTES - len(suffix.encode("utf-8"))
    stem = stem.strip().encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip() or _UNNAMED
    return stem + suffix


def clean_title(text: str) -> str:
    """A title as cited in 出处《…》: without book-title marks of its own; a title quoting another at its start or
    end ("《…考核办法》政策解读"), or inside marks of its own, keeps that one as 〈〉, as a title within a title is written."""
    text = text.strip()
    wrapped = _encloses(text)
    if wrapped:
        text = text[1:-1].strip()
    if text.count("《") != text.count("》"):
        return text.strip("《》 ")  # a stray mark, as a scraped title may have
    if wrapped or text.startswith("《") or text.endswith("》"):
        return text.replace("《", "〈").replace("》", "〉")
    return text


def _encloses(text: str) -> bool:
    """Whether the first 《 and the last 》 of the text are one pair around all of it."""
    if not (text.startswith("《") and text.endswith("》")):
        return False
    depth = 0
    for at, char in enumerate(text):
        depth += (char == "《") - (char == "》")
        if depth == 0 and at < len(text) - 1:
            return False
    return depth == 0
