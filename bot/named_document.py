"""The document a question names by its title, so that only that document's sentences answer it.

"那篇质量强国文章里说干部一年要培训多少学时" asks what the essay says: a 会议纪要 beside it that says 90学时 does
not answer it, however well its sentence matches. A question names a document by a title in 《》 (which then
decides alone), or by a run of its title's words just before a word for a document that the question goes on
from (那篇质量强国文章里, 局务会议纪要中说): 规定 of 中央八项规定精神 names nothing. A kind of document names only a
title of that kind (…的讲话里 is no essay's); 文章, 文件 and 材料 fit any. Only a run one title alone holds names it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ingest.textnorm import normalize
from ingest.zh_text import DOCUMENT_KINDS, DOCUMENT_WORDS, QUOTED_TITLE, SPEECH_WORDS, any_of

NAMING_RUN_MIN_CHARS = 4  # a shorter run of a title's words (质量, 干部) is a topic, not the title
_BEFORE_CHARS = 12  # how far before the document word its title's words are looked for
_KINDS = frozenset((*DOCUMENT_KINDS, *SPEECH_WORDS))
# A word for a document, then where in it or what it says: the question goes on from the document it names.
_DOCUMENT_WORD = re.compile(rf"({any_of(DOCUMENT_WORDS)})(?=里|中|上|说|讲|提|写|规定了|要求了|的|$)")
_POINTERS = re.compile(r"(?:这份|这篇|那份|那篇|这个|那个|本|该|此|的|里|中)+$")


def named_document(question: str, titles: Mapping[str, str]) -> str | None:
    """The id of the one document whose title the question names, or None. `titles` as normalize() gives them
    (Corpus.normalized_titles), made once for every question."""
    normal = {doc_id: title for doc_id, title in titles.items() if title}
    quoted = [normalize(q) for q in QUOTED_TITLE.findall(question) if normalize(q)]
    if quoted:
        named = {doc_id for doc_id, title in normal.items() for said in quoted if said in title or title in said}
        return next(iter(named)) if len(named) == 1 else None
    asked = normalize(question)
    named = set()
    for word in _DOCUMENT_WORD.finditer(asked):
        kind = word.group(1)
        fitting = {doc_id: title for doc_id, title in normal.items() if kind not in _KINDS or kind in title}
        before = _POINTERS.sub("", asked[max(0, word.start() - _BEFORE_CHARS) : word.start()])
        named |= _holders_of_longest_run(before, fitting)
    return next(iter(named)) if len(named) == 1 else None


def _holders_of_longest_run(before: str, titles: Mapping[str, str]) -> set[str]:
    """The documents whose title holds the longest ending of `before` that any title holds, when it is long enough."""
    for start in range(len(before) - NAMING_RUN_MIN_CHARS + 1):
        run = before[start:]
        holders = {doc_id for doc_id, title in titles.items() if run in title}
        if holders:
            return holders
    return set()
