"""Chinese text helpers shared by ingest and retrieval.

Users always see the original text; these forms exist only for matching.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ingest.zh_text import (
    ANSWER_LAYOUT,
    CJK,
    CJK_RUN,
    CLAUSE_END_PARTICLES,
    INTERROGATIVES,
    NOT_ASKING,
    PRESENTATION_MEDIA,
    QUESTION_WORDS,
    QUOTE_MARKS,
    REQUESTS,
    SLANG_ASKING,
    STUDY_TASKS,
    TASK_FRAME_WORDS,
    split_clauses,
    split_sentences,
)

_TOKEN_RUN = re.compile(rf"[{CJK}]+|[a-z]+|\d+(?:\.\d+)?")
_CJK_CHAR = re.compile(rf"[{CJK}]")


def normalize(text: str) -> str:
    """Fold width and case so that ',' matches '，' and 'ABC' matches 'abc'."""
    return unicodedata.normalize("NFKC", text).lower()


def standard_asking(question: str) -> str:
    """The question as the readers of questions expect it: net slang for an interrogative written as the word it stands for
    (神马 → 什么), and a space typed between two clauses as the pause it is ("廉洁方面文章有讲吗 说了些啥"), outside a quote or
    a title (“围绕工作主题 培养强国人才”)."""
    for slang, word in SLANG_ASKING:
        question = question.replace(slang, word)
    pieces = _QUOTED_SPAN.split(question)  # the quoted spans at odd places
    return "".join(piece if n % 2 else _SPACE_PAUSE.sub("，", piece) for n, piece in enumerate(pieces))


_QUOTED_SPAN = re.compile(rf"([{QUOTE_MARKS}《][^{QUOTE_MARKS}《》]*[{QUOTE_MARKS}》])")
_SPACE_PAUSE = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")


def strip_question_words(text: str) -> str:
    """Remove interrogative words (ingest.zh_text.QUESTION_WORDS) and requests for the answer's form
    (ingest.zh_text.REQUESTS), which carry no evidence about the answer."""
    text = REQUESTS.sub(" ", text)
    for word in QUESTION_WORDS:
        text = text.replace(word, " ")
    return CLAUSE_END_PARTICLES.sub(" ", text)


_ASKING = re.compile("|".join(re.escape(word) for word in sorted(INTERROGATIVES, key=len, reverse=True)))
_NOT_ASKING = re.compile("|".join(map(re.escape, NOT_ASKING)))
_NOT_WORDS = re.compile(r"[\W_]+")


def first_interrogative(question: str) -> re.Match[str] | None:
    """The question's first interrogative that asks: not one inside 任何, 几乎 or 哪怕 (NOT_ASKING)."""
    inside = {at for word in _NOT_ASKING.finditer(question) for at in range(*word.span())}
    return next((found for found in _ASKING.finditer(question) if found.start() not in inside), None)


def without_study_task(question: str) -> str:
    """The question without the asker's own study task told beside it ("作风建设部分提了哪几个方面的要求？我要在座谈会上讲讲
    作风问题", "我下周要交一篇心得体会，帮我把…概括一下", "…讲了哪几个方面？我要据此拟个作风建设方案。"): a sentence after the
    question, or a clause, opening on 我 and naming such a task (ingest.zh_text.STUDY_TASKS), or naming a presentation (做PPT用,
    一页幻灯片), and asking nothing but the answer's layout (分几点), while the rest
    asks. A sentence after the question only adds where the answer will be used (问题 of 作风问题 is in no heading); a clause
    is left when it names what the rest does not (我下周要在党课上讲作风建设，文章有哪些要求), nor is a sentence that names no
    task left out (我指的是作风建设方面的)."""
    sentences = split_sentences(question)
    asking = next((n for n, sentence in enumerate(sentences) if first_interrogative(sentence) is not None), len(sentences))
    told = [n > asking and _tells_study_task(sentence) and not _narrows(sentence, question) for n, sentence in enumerate(sentences)]
    if any(told):
        return "".join(s for s, dropped in zip(sentences, told) if not dropped).strip()
    clauses = split_clauses(question)
    kept = [c for c in clauses if not (_tells_study_task(c) and not _names_more(c, question.replace(c, "")))]
    rest = "".join(kept)
    if kept and len(kept) < len(clauses) and (first_interrogative(rest) is not None or REQUESTS.search(rest)):
        return rest.strip()
    return question


def _tells_study_task(piece: str) -> bool:
    """Whether a piece tells where the answer will be used and asks nothing but its layout (分几点): opening on 我 (not 我们,
    which may be the unit asked about) and naming a study task, or naming a presentation (做PPT, 一页幻灯片) however it opens."""
    text = piece.strip()
    own_task = text.startswith("我") and not text.startswith("我们") and any(t in text for t in STUDY_TASKS)
    presentation = any(medium in text.lower() for medium in PRESENTATION_MEDIA)
    return (own_task or presentation) and first_interrogative(ANSWER_LAYOUT.sub("", text)) is None


def _narrows(sentence: str, question: str) -> bool:
    """Whether a sentence telling a presentation limits what is asked to what the rest does not name (幻灯片上只放廉洁相关的,
    做PPT只要作风建设方面的), not only where the answer goes (做培训PPT用, 做PPT结束页). The asker's own task in a sentence of
    its own only adds where the answer will be used (我要在座谈会上讲讲作风问题)."""
    text = sentence.strip()
    return not text.startswith("我") and _LIMITED.search(text) is not None and _names_more(text, question.replace(sentence, ""))


_LIMITED = re.compile(r"只|仅|光(?:放|要|讲|写)")


_TASK_WORDS = tuple(sorted((*STUDY_TASKS, *PRESENTATION_MEDIA, *TASK_FRAME_WORDS), key=len, reverse=True))  # longest first


def _names_more(piece: str, rest: str) -> bool:
    """Whether a piece telling the asker's task names something the rest does not: a run of two ideographs left beyond
    the task and how it is told (作风建设 of 我下周要在党课上讲作风建设)."""
    left = ANSWER_LAYOUT.sub(" ", piece.lower())
    for word in _TASK_WORDS:
        left = left.replace(word, " ")
    return any(run not in rest for run in CJK_RUN.findall(left) if len(run) >= 2)


def interrogative_sides(question: str) -> tuple[str, str]:
    """The runs of the (normalised) question just before and just after its first interrogative, question
    words cut: "海宁西站哪一年启用" gives 海宁西站 and 启用. The sentence holding the answer mostly says them
    right beside it, where the question says the interrogative."""
    asking = first_interrogative(question)
    if asking is None:
        return "", ""
    before = [run for run in _NOT_WORDS.split(strip_question_words(question[: asking.start()])) if run]
    after = [run for run in _NOT_WORDS.split(strip_question_words(question[asking.end() :])) if run]
    return (before[-1] if before else ""), (after[0] if after else "")


def runs(text: str) -> list[str]:
    """Split normalised text into runs of CJK characters, latin words and numbers."""
    return _TOKEN_RUN.findall(normalize(text))


def char_ngrams(text: str) -> list[str]:
    """Character unigrams and bigrams of CJK runs, plus whole latin words and numbers."""
    tokens: list[str] = []
    for run in runs(text):
        if _CJK_CHAR.match(run):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def bigrams(text: str) -> set[str]:
    """The CJK bigrams (and latin words) of a text: the unit of evidence for answer support."""
    grams: set[str] = set()
    for run in runs(text):
        if _CJK_CHAR.match(run):
            if len(run) == 1:
                grams.add(run)
            grams.update(run[i : i + 2] for i in range(len(run) - 1))
        else:
            grams.add(run)
    return grams


def longest_shared_run(pieces: Iterable[str], text: str) -> int:
    """Length of the longest run of characters of any piece that `text` holds verbatim (grown greedily from
    each start): how much of a question a sentence or a heading quotes in one piece."""
    best = 0
    for piece in pieces:
        for start in range(len(piece) - best):
            end = start + best + 1
            while end <= len(piece) and piece[start:end] in text:
                best = end - start
                end += 1
    return best


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))
