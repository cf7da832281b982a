"""CMRC 2018 reading-comprehension data as evaluation cases, split by context once and for all.

Each context falls in one part (train, calibrate or test) by a hash of its id, so a model trained on
one part is never measured on a question whose context it has seen, and every run splits the same
way. The cases are the three kinds `../shared/eval/cmrc/README.md` describes: answerable (the
context is in the knowledge base), off-topic (it is left out) and near miss (it is there without
the sentences that hold the gold span).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.errors import ConfigError

TRAIN, CALIBRATE, TEST = "train", "calibrate", "test"
PARTS = (TRAIN, CALIBRATE, TEST)
ALL = "all"
# Cumulative shares of the hash range: 60% train, 20% calibrate, 20% test.
_BOUNDS = ((60, TRAIN), (80, CALIBRATE), (100, TEST))

ANSWERABLE, OFF_TOPIC, NEAR_MISS = "answerable", "off_topic", "near_miss"
KINDS = (ANSWERABLE, NEAR_MISS, OFF_TOPIC)


@dataclass(frozen=True)
class CmrcQuestion:
    id: str
    question: str
    answers: tuple[str, ...]  # gold spans of the context, any one of which answers


@dataclass(frozen=True)
class CmrcContext:
    id: str
    title: str
    context: str
    questions: tuple[CmrcQuestion, ...]

    def as_document(self) -> dict[str, str]:
        """The form bot.benchmark.write_documents writes as a document (title line, then context)."""
        return {"title": self.title, "context": self.context}


@dataclass(frozen=True)
class CmrcCase:
    """One question to ask, and of which kind: answerable ones must quote a gold span, the others be refused."""

    question: str
    answers: tuple[str, ...]
    kind: str
    context_id: str


@dataclass(frozen=True)
class KnowledgeBaseCases:
    """The contexts of one knowledge base and the questions asked of it."""

    kind: str
    contexts: tuple[CmrcContext, ...]
    cases: tuple[CmrcCase, ...]


def is_cmrc_file(path: Path) -> bool:
    """Whether `path` is in the CMRC format (a context with its questions a line), not the seed eval format."""
    try:
        with path.open(encoding="utf-8-sig") as lines:
            first = next((line for line in lines if line.strip()), "")
        row = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(row, dict) and "context" in row and "qas" in row


def load_cmrc(path: Path) -> list[CmrcContext]:
    """Every context of a CMRC JSONL file, in file order, less the questions with no text (two in CMRC's trial data)."""
    contexts: list[CmrcContext] = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            # A span's surrounding whitespace is annotation noise (13 of CMRC's 4,698: "…入囚九个月。 "), no part of what answers.
            questions = tuple(
                CmrcQuestion(qa["id"], qa["q"], tuple(span for a in qa["answers"] if (span := a.strip()))) for qa in row["qas"] if (qa["q"] or "").strip()
            )
            contexts.append(CmrcContext(row["id"], row.get("title", ""), row["context"], questions))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{path}:{number}: not a CMRC line ({exc})", f"CMRC 文件第{number}行格式不对：需要 id、context、qas 字段。") from exc
    return contexts


def part_of(context_id: str) -> str:
    """The part a context belongs to, from a hash of its id: the same on every machine and every run."""
    bucket = int.from_bytes(hashlib.sha256(context_id.encode("utf-8")).digest()[:8], "big") % 100
    return next(part for bound, part in _BOUNDS if bucket < bound)


def select(contexts: list[CmrcContext], part: str, limit: int | None = None) -> list[CmrcContext]:
    """The contexts of `part` ("all" for every one), in file order, at most `limit` of them."""
    if part != ALL and part not in PARTS:
        raise ConfigError(f"unknown CMRC part {part!r}", f"没有这个数据部分：{part}（可选 {'、'.join(PARTS)}、{ALL}）。")
    chosen = [c for c in contexts if part == ALL or part_of(c.id) == part]
    return chosen[:limit] if limit is not None else chosen


def answerable(contexts: list[CmrcContext]) -> KnowledgeBaseCases:
    """Every context in one knowledge base; each question should be answered with a gold span."""
    cases = tuple(CmrcCase(q.question, q.answers, ANSWERABLE, c.id) for c in contexts for q in c.questions)
    return KnowledgeBaseCases(ANSWERABLE, tuple(contexts), cases)


def off_topic(contexts: list[CmrcContext]) -> KnowledgeBaseCases:
    """Half of the articles in the knowledge base, the questions of the other half asked of it.

    Contexts are grouped by title, so no question meets another passage of its own article; titles
    are ordered by hash and dealt alternately, so the halves are even and the same on every run."""
    titles = sorted({c.title for c in contexts}, key=_digest)
    kept = set(titles[0::2])
    present = tuple(c for c in contexts if c.title in kept)
    absent = [c for c in contexts if c.title not in kept]
    cases = tuple(CmrcCase(q.question, q.answers, OFF_TOPIC, c.id) for c in absent for q in c.questions)
    return KnowledgeBaseCases(OFF_TOPIC, present, cases)


def near_miss(contexts: list[CmrcContext]) -> KnowledgeBaseCases:
    """Each context without the sentences that answer one of its questions, and that question asked.

    The question is the first whose gold spans leave the title and some sentence once every sentence
    touching one of them is deleted; a context with no such question stays whole and is not asked."""
    kept: list[CmrcContext] = []
    cases: list[CmrcCase] = []
    for context in contexts:
        found = _first_near_miss(context)
        if found is None:
            kept.append(context)
            continue
        question, remainder = found
        kept.append(replace(context, context=remainder))
        cases.append(CmrcCase(question.question, question.answers, NEAR_MISS, context.id))
    return KnowledgeBaseCases(NEAR_MISS, tuple(kept), tuple(cases))


def _first_near_miss(context: CmrcContext) -> tuple[CmrcQuestion, str] | None:
    for question in context.questions:
        remainder = without_answer(context.context, question.answers)
        if remainder.strip() and not any(a in context.title or a in remainder for a in question.answers):
            return question, remainder
    return None


def without_answer(text: str, answers: tuple[str, ...]) -> str:
    """`text` less every sentence that overlaps an occurrence of one of the gold spans."""
    from ingest.splitting import split_sentences  # here: the command line imports this module on every start

    spans = [(start, start + len(a)) for a in answers if a for start in _occurrences(text, a)]
    return "".join(
        s.text for s in split_sentences(text) if not any(start < s.end and s.start < end for start, end in spans)
    )


def _occurrences(text: str, needle: str) -> list[int]:
    starts: list[int] = []
    start = text.find(needle)
    while start >= 0:
        starts.append(start)
        start = text.find(needle, start + 1)
    return starts


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()
