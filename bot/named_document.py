"""The document a question names by its title, so that only that document's sentences answer it.

"那篇质量强国文章里说干部一年要培训多少学时" asks what the essay says: a 会议纪要 beside it that says 90学时 does
not answer it, however well its sentence matches. A question names a document by a title in 《》, or by a run of
its title's words just before a word for a document (那篇质量强国文章, 浅谈质量强国那篇). Only a run one title
alone holds names it: words many titles share (质量, 工作) pick nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ingest.textnorm import normalize
from ingest.zh_text import DEMONSTRATIVES, DOCUMENT_WORDS, QUOTED_TITLE, any_of

NAMING_RUN_MIN_CHARS = 4  # a shorter run of a title's words (质量, 干部) is a topic, not the title
_BEFORE_CHARS = 12  # how far before the document word its title's words are looked for
_DOCUMENT_WORD = re.compile(any_of(DOCUMENT_WORDS))
_POINTERS = re.compile(rf"(?:{any_of(DEMONSTRATIVES)}|的|里|中)+$")


def named_document(question: str, titles: Mapping[str, str]) -> str | None:
    """The id of the one document whose title the question names, or None."""
    normal = {doc_id: normalize(title) for doc_id, title in titles.items()}
    asked = normalize(question)
    named: set[str] = set()
    for quoted in QUOTED_TITLE.findall(question):
        said = normalize(quoted)
        named |= {doc_id for doc_id, title in normal.items() if said and (said in title or title in said)}
    for word in _DOCUMENT_WORD.finditer(asked):
        before = _POINTERS.sub("", asked[max(0, word.start() - _BEFORE_CHARS) : word.start()])
        named |= _holders_of_longest_run(before, normal)
    return next(iter(named)) if len(named) == 1 else None


def _holders_of_longest_run(before: str, titles: Mapping[str, str]) -> set[str]:
    """The documents whose title holds the longest ending of `before` that any title holds, when it is long enough."""
    for start in range(len(before) - NAMING_RUN_MIN_CHARS + 1):
        run = before[start:]
        holders = {doc_id for doc_id, title in titles.items() if run in title}
        if holders:
            return holders
    return set()
