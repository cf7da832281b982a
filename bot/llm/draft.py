"""What of a streaming LLM answer may be shown before it is verified.

Text is released one finished sentence at a time, with its [n] markers removed, and only while every
sentence so far passes the clause check against the passages it cites. The first doubtful sentence stops
the draft; the verified answer or the extractive fallback replaces it at the end in any case.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answering import Source
from bot.llm.verify import (
    MARKER_PATTERN,
    citations,
    clause_problem,
    clauses,
    evidence_of,
    is_refusal,
    strip_markers,
)
from ingest.zh_text import sentence_pieces

_MARKER_OPENERS = "[［【"


class DraftFilter:
    """Turns the model's raw deltas into showable draft text; one instance per answer."""

    def __init__(self, passages: Sequence[Source], question: str = "") -> None:
        self._passages = list(passages)
        self._question = question
        self._everything = evidence_of(self._passages, question)
        self._pending = ""
        self.stopped = False

    def feed(self, delta: str) -> list[str]:
        """The sentences that `delta` completes and that may be shown now."""
        if self.stopped:
            return []
        self._pending += delta
        released: list[str] = []
        while (sentence := _finished(self._pending)) is not None:
            self._pending = self._pending[len(sentence) :]
            if not self._looks_supported(sentence):
                self.stopped = True
                break
            released.append(strip_markers(sentence) + ("\n" if sentence.rstrip(" \t").endswith("\n") else ""))
        return released

    def _looks_supported(self, sentence: str) -> bool:
        if is_refusal(sentence):
            return False
        own = citations(sentence)
        if any(not 1 <= n <= len(self._passages) for n in own):
            return False
        evidence = evidence_of([self._passages[n - 1] for n in own], self._question) if own else self._everything
        return all(not clause_problem(c, evidence) for c in clauses(sentence))


def _finished(text: str) -> str | None:
    """The first sentence of `text` (as the verifier cuts it) once nothing can join it any more: it ended
    with a line break, or something other than a marker or space follows its closing mark."""
    pieces = sentence_pieces(text, MARKER_PATTERN)
    if len(pieces) < 2:
        return None
    first, rest = pieces[0], text[len(pieces[0]) :].lstrip(" \t")
    if not rest or (rest[0] in _MARKER_OPENERS and not first.endswith("\n")):
        return None
    return first
