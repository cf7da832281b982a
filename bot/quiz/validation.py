"""The rules every quiz item obeys; the bank drops any generated item that breaks one.

They keep questions answerable from the text (the answer is a verbatim span of the cited sentence and is
not given away by the question), unambiguous (no option equals or contains another), and sendable as a
Telegram quiz poll (the Bot API's length and count limits, taken from python-telegram-bot's constants).
"""

from __future__ import annotations

from telegram.constants import PollLimit

from bot.quiz.model import FALSE, JUDGE, KINDS, MULTI, NOT, TRUE, QuizItem
from ingest.textnorm import normalize

MIN_OPTIONS = 3
JUDGE_OPTIONS = [TRUE, FALSE]
MAX_OPTIONS = min(4, PollLimit.MAX_OPTION_NUMBER)


def problems(item: QuizItem) -> list[str]:
    """Every rule the item breaks, in words; empty when the item is valid."""
    found: list[str] = []
    source = item.source
    options = list(item.options)
    if item.kind not in KINDS:
        found.append(f"unknown kind {item.kind!r}")
    if not item.id:
        found.append("no id")
    if not (source.doc_id and source.paragraph >= 1 and source.sentence >= 1 and source.text):
        found.append("source lacks doc_id, paragraph, sentence or text")
    found.extend(_answer_problems(item))
    if not 0 <= item.answer_index < len(options) or (item.kind != MULTI and options[item.answer_index] != item.answer):
        found.append("answer_index does not point at the answer")
    if item.kind != JUDGE and _norm(item.answer) in _norm(item.question):
        found.append("question contains its answer")
    if item.kind == JUDGE and options != JUDGE_OPTIONS:
        found.append(f"a true/false item has the options {JUDGE_OPTIONS}")
    if item.kind != JUDGE and not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        found.append(f"{len(options)} options, need {MIN_OPTIONS}-{MAX_OPTIONS}")
    if any(not o.strip() for o in options):
        found.append("empty option")
    if len({_norm(o) for o in options}) != len(options):
        found.append("duplicate options")
    for i, a in enumerate(options):
        for j, b in enumerate(options):
            if i != j and a.strip() and _norm(a) in _norm(b):
                found.append(f"option {a!r} is contained in {b!r}")
        if item.kind != JUDGE and a.strip() and _norm(a) in _norm(item.question):
            found.append(f"option {a!r} appears in the question")
    if not PollLimit.MIN_QUESTION_LENGTH <= len(item.question) <= PollLimit.MAX_QUESTION_LENGTH:
        found.append(f"question of {len(item.question)} chars")
    if any(len(o) > PollLimit.MAX_OPTION_LENGTH for o in options):
        found.append("option too long")
    if len(item.explanation) > PollLimit.MAX_EXPLANATION_LENGTH:
        found.append(f"explanation of {len(item.explanation)} chars")
    if item.explanation.count("\n") > PollLimit.MAX_EXPLANATION_LINE_FEEDS:
        found.append("explanation has too many line feeds")
    if not item.explanation.startswith("出处《") or f"第{source.paragraph}段" not in item.explanation:
        found.append("explanation does not cite the source")
    return found


def _answer_problems(item: QuizItem) -> list[str]:
    """Where the answer comes from: a span of the source (cloze, choice), the one option the source does
    not list (NOT), or a verdict (判断题)."""
    text = item.source.text
    if item.kind == JUDGE:
        return [] if item.answer in (TRUE, FALSE) else ["a true/false item answers 正确 or 错误"]
    if item.kind == MULTI:
        right = item.correct_options
        if not 2 <= len(right) < len(item.options) or sorted(set(right)) != right or item.answer_index != right[0]:
            return ["a multi-select item has two or more right options, in order, and at least one wrong"]
        if not all((o in text) == (i in right) for i, o in enumerate(item.options)):
            return ["a multi-select item's right options are exactly those of its source"]
        return []
    if item.kind == NOT:
        # An outline item's members come from several paragraphs: its explanation quotes each of them.
        cited = text + item.explanation
        members = [o for i, o in enumerate(item.options) if i != item.answer_index]
        if item.answer in cited or not all(m in cited for m in members):
            return ["a NOT item lists members of its source and one outsider"]
        return []
    if not item.answer.strip() or item.answer not in text:
        return ["answer is not a verbatim span of the source sentence"]
    return []


def is_valid(item: QuizItem) -> bool:
    return not problems(item)


def _norm(text: str) -> str:
    """Width and case folded, so '3支' in the question matches '３支' in an option."""
    return normalize(text).strip()
