"""Check an LLM answer against the passages it was given, before anything reaches the user.

Pure functions, no I/O. An answer passes when
- every [n] marker names a passage that was given, and there is at least one (unless it is the refusal);
- every clause (the text between Chinese commas, semicolons and sentence ends) shares at least
  CLAUSE_MIN_SUPPORT of its character bigrams with the passages its sentence cites (a sentence without its
  own marker is checked against every passage the answer cites), and the answer as a whole shares at least
  ANSWER_MIN_SUPPORT of its bigrams with them;
- every Arabic number it states appears in those passages, and every negation (不/没/未/无/非 with the next
  character) appears there or in the question, because bigram overlap alone cannot see "需要" turn into
  "不需要". The question's bigrams count as support as well: answers restate it.

What this guarantees: the answer re-uses the wording of the passages it cites, clause by clause, so an
invented fact phrased in new words, a made-up number, a citation of a passage that says something else, or
an answer with no citation is rejected. What it does not: that the meaning is right. A clause can recombine
words of the passage into a false statement (swapped subject and object, a dropped negation, a wrong
"because"), and a faithful paraphrase in very different words can be rejected. The thresholds were tuned
on tests/data/llm_answers.jsonl (hand-written good and bad answers for the seed essay).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answering import Source
from bot.llm.prompt import REFUSAL_PHRASE
from ingest.textnorm import bigrams, normalize
from ingest.zh_text import CLAUSE_MARKS, QUOTES, SENTENCE_MARKS, clause_texts, sentence_pieces

CLAUSE_MIN_SUPPORT = 0.5
ANSWER_MIN_SUPPORT = 0.7
MIN_CLAUSE_GRAMS = 3
NEGATORS = "不没未无非"

MARKER_PATTERN = r"[\[［【]\s*\d+(?:\s*[,，、\-–~]\s*\d+)*\s*[\]］】]"
MARKER = re.compile(MARKER_PATTERN)
# Framing that carries no claim ("根据资料，", "资料指出：") is dropped before a clause is judged.
_FRAMING = re.compile(
    r"^(?:综上所述?|总之|因此|所以|具体来说|具体而言|简而言之|也就是说)?"
    r"(?:(?:根据|依据|按照|据)?(?:所给|以上|上述|提供的|给出的)?(?:学习)?(?:资料|材料|片段|原文|文章|文中|文件)"
    r"(?:中|里)?(?:的内容)?(?:指出|提到|显示|表明|写道|强调|所述|来看|可知)?(?:的)?)?"
)
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.、)）]|[（(]\d{1,2}[)）]|[-*•])\s*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PUNCTUATION = re.compile(rf"[\s{re.escape(SENTENCE_MARKS + CLAUSE_MARKS + QUOTES)}]")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""  # why it failed (English, for logs); "" when ok
    refusal: bool = False  # the model said the passages don't answer
    cited: tuple[int, ...] = ()  # 1-based passage numbers, in order of first citation
    body: str = ""  # the answer text without its [n] markers


def citations(text: str) -> list[int]:
    """Passage numbers in order of first citation: [1], [2][3], [1,2], [1-3], ［1］ and 【1】 all count."""
    found: list[int] = []
    for marker in MARKER.findall(text):
        for number in _marker_numbers(marker):
            if number not in found:
                found.append(number)
    return found


def strip_markers(text: str) -> str:
    """The answer as the user reads it: markers removed, no stray space left before punctuation."""
    stripped = MARKER.sub("", text)
    stripped = re.sub(r"[ \t]+([。！？!?，,；;：:）)])", r"\1", stripped)
    return "\n".join(line.strip() for line in stripped.strip().splitlines() if line.strip())


def is_refusal(text: str) -> bool:
    """The model used the fixed refusal phrase (punctuation and width ignored)."""
    return _squash(REFUSAL_PHRASE) in _squash(text)


def verify(text: str, passages: Sequence[Source], question: str = "") -> Verdict:
    """Judge an answer over `passages` (numbered from 1, as in the prompt).

    The question's words count as support too, since answers restate it ("除了业务能力，还要……");
    numbers and negations must come from the passages.
    """
    text = text.strip()
    if not text:
        return Verdict(False, "empty answer")
    cited = citations(text)
    body = strip_markers(text)
    if is_refusal(text):
        return Verdict(False, "the model declined to answer", refusal=True, body=body)
    if not cited:
        return Verdict(False, "no citation", body=body)
    unknown = [n for n in cited if not 1 <= n <= len(passages)]
    if unknown:
        return Verdict(False, f"cites [{unknown[0]}] but only {len(passages)} passages were given", cited=tuple(cited), body=body)
    everything = _evidence(cited, passages, question)
    shared = total = 0
    for sentence in sentences(text):
        own = citations(sentence)
        evidence = _evidence(own, passages, question) if own else everything
        numbers = own or cited
        for clause in clauses(sentence):
            problem = clause_problem(clause, evidence)
            if problem:
                return Verdict(False, f"{problem} in cited passages {_numbers(numbers)}: {clause!r}", cited=tuple(cited), body=body)
            grams = bigrams(clause)
            shared += len(grams & evidence.grams)
            total += len(grams)
    support = shared / total if total else 0.0
    if support < ANSWER_MIN_SUPPORT:
        return Verdict(False, f"only {support:.0%} of the answer's bigrams are in the cited passages", cited=tuple(cited), body=body)
    return Verdict(True, cited=tuple(cited), body=body)


def sentences(text: str) -> list[str]:
    """Sentences (as the ingest splitter cuts them, and at line breaks) with the markers that follow their
    closing mark, e.g. '……提供人才支撑。[1]'."""
    return [piece.strip() for piece in sentence_pieces(text, MARKER_PATTERN) if piece.strip()]


def clauses(sentence: str) -> list[str]:
    """The marker-free pieces of a sentence between commas, colons and semicolons, framing removed.

    A list number at the start ("1. ", "（2）") is not a claim either, so it is dropped too.
    """
    text = _ENUMERATOR.sub("", MARKER.sub("", sentence), count=1)
    pieces = (_FRAMING.sub("", c, count=1).strip() for c in clause_texts(text))
    return [c for c in pieces if c]


@dataclass(frozen=True)
class Evidence:
    text: str  # the passages, normalised: numbers must occur here
    grams: frozenset[str]  # bigrams of the passages and of the question
    asked: str = ""  # the question, normalised: a negation may come from the passages or from here


def clause_problem(clause: str, evidence: Evidence) -> str:
    """Why a clause is not supported by the evidence, or '' when it is (or is too short to judge)."""
    norm = normalize(clause)
    for number in _NUMBER.findall(norm):
        if not re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", evidence.text):
            return f"number {number} not found"
    for match in re.finditer(f"[{NEGATORS}][\u4e00-\u9fff]", norm):
        if match.group() not in evidence.text and match.group() not in evidence.asked:
            return f"negation {match.group()!r} not found"
    grams = bigrams(clause)
    if len(grams) < MIN_CLAUSE_GRAMS:
        return ""
    support = len(grams & evidence.grams) / len(grams)
    if support < CLAUSE_MIN_SUPPORT:
        return f"clause has {support:.0%} bigram support"
    return ""


def evidence_of(passages: Sequence[Source], question: str = "") -> Evidence:
    """The normalised text and bigrams that clauses are checked against."""
    text = normalize("\n".join(p.text for p in passages))
    return Evidence(text, frozenset(bigrams(text) | bigrams(question)), normalize(question))


def _evidence(numbers: Sequence[int], passages: Sequence[Source], question: str) -> Evidence:
    return evidence_of([passages[n - 1] for n in numbers if 1 <= n <= len(passages)], question)


def _marker_numbers(marker: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,，、]\s*", marker.strip("[]［］【】 ")):
        low, _, high = re.sub(r"\s", "", part).replace("–", "-").replace("~", "-").partition("-")
        if high and low.isdigit() and high.isdigit() and int(high) - int(low) < 20:
            numbers.extend(range(int(low), int(high) + 1))
        elif low.isdigit():
            numbers.append(int(low))
    return numbers


def _numbers(numbers: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _squash(text: str) -> str:
    return _PUNCTUATION.sub("", normalize(text))
