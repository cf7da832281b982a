"""Join text lines that layout broke, the way the author typed them.

Chinese has no spaces between words, so a line break between two Chinese characters disappears;
between Latin words or numbers it was a space.
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.zh_text import strip_indent


def join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one string: no space after a wide character, one between ASCII words."""
    joined = ""
    for line in lines:
        line = strip_indent(line)
        if not line:
            continue
        if joined and _needs_space(joined[-1], line[0]):
            joined += " "
        joined += line
    return joined


def _needs_space(before: str, after: str) -> bool:
    if before == "-" or not (before.isascii() and after.isascii()):
        return False
    return before.isalnum() or before in ",.;:!?)" or after.isalnum()
