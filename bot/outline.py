"""A document's table of contents as a learner reads it: title, thesis, sections, paragraph headings, points."""

from __future__ import annotations

from ingest.structure import DocumentStructure, ParagraphStructure
from ingest.zh_text import strip_indent

INDENT = "  "


def format_outline(structure: DocumentStructure) -> str:
    """The outline in plain text, one line per heading or point, each with its paragraph number."""
    lines = [f"《{structure.title}》  共{len(structure.paragraphs)}段"]
    if structure.thesis is not None:
        lines.append(f"中心论点：{strip_indent(structure.thesis.first_sentence)}（第{structure.thesis.number}段）")
    for paragraph in structure.paragraphs:
        lines.extend(_paragraph_lines(paragraph))
    if structure.conclusion is not None:
        lines.append(f"结论：{strip_indent(structure.conclusion.first_sentence)}（第{structure.conclusion.number}段）")
    return "\n".join(lines)


def _paragraph_lines(paragraph: ParagraphStructure) -> list[str]:
    depth = paragraph.section.count(">") + 1 if paragraph.section else 0
    indent = INDENT * max(depth - (1 if paragraph.heading_only else 0), 0)
    if paragraph.heading_only:
        return [f"{indent}{paragraph.heading}（第{paragraph.number}段）"]
    label = paragraph.heading or _shortened(strip_indent(paragraph.first_sentence))
    lines = [f"{indent}第{paragraph.number}段：{label}"]
    lines += [f"{indent}{INDENT}{n}. {point.short}" for n, point in enumerate(paragraph.points, start=1)]
    return lines


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
