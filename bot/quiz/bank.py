"""The question bank: every valid quiz item the documents yield, and rounds drawn from it.

`build_bank` is deterministic (same passages, same items, same ids), so progress kept by item id stays
meaningful across restarts and re-ingests. `select_items` spreads a round over paragraphs and sentences,
like a daily quiz that walks through the material instead of circling one passage.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Sequence

from bot.corpus import Corpus
from bot.quiz.candidates import Candidate, TermStats, find_candidates
from bot.quiz.distractors import DistractorPool
from bot.quiz.model import CHOICE, CLOZE, QuizItem, QuizSource, item_id
from bot.quiz.text import cjk_share, has_inner_space
from bot.quiz.validation import is_valid
from bot.quiz.wording import choice_question, cloze_question, explanation
from ingest.chunks import Chunk

MIN_SENTENCE_CHARS = 12  # shorter sentences leave too little around a blank to recall it from
MAX_SENTENCE_CHARS = 200  # longer ones make a question nobody reads to the end on a phone
CLOZE_PER_SENTENCE = 3
CHOICE_PER_SENTENCE = 2
DISTRACTORS = 3


def build_bank(passages: Iterable[Chunk]) -> list[QuizItem]:
    """All valid items of the passages, in document order, each kept once."""
    ordered = sorted(passages, key=lambda c: c.position)
    corpus = Corpus(ordered)
    stats = TermStats([c.text for c in ordered])
    usable = [chunk for chunk in ordered if _usable(chunk, corpus)]
    found = [(chunk, find_candidates(chunk.text, stats)) for chunk in usable]
    pool = DistractorPool((c for _, candidates in found for c in candidates), stats)
    bank: list[QuizItem] = []
    seen: set[str] = set()
    for chunk, candidates in found:
        for item in _items_of(chunk, candidates, pool):
            if item.id not in seen and is_valid(item):
                seen.add(item.id)
                bank.append(item)
    return bank


def _usable(chunk: Chunk, corpus: Corpus) -> bool:
    """Headings answer nothing; very short or long sentences and scraping artefacts make poor questions."""
    text = chunk.text.strip()
    return (
        not corpus.is_heading(chunk)
        and MIN_SENTENCE_CHARS <= len(text) <= MAX_SENTENCE_CHARS
        and not has_inner_space(text)
        and cjk_share(text) >= 0.6
    )


def _items_of(chunk: Chunk, candidates: list[Candidate], pool: DistractorPool) -> list[QuizItem]:
    sentence = chunk.text
    source = QuizSource(chunk.doc_id, chunk.title, chunk.paragraph, chunk.sentence, sentence)
    items: list[QuizItem] = []
    made: Counter[str] = Counter()
    choice_lists: set[tuple[str, ...]] = set()
    for candidate in candidates:
        if made[CLOZE] < CLOZE_PER_SENTENCE:
            item = _item(CLOZE, cloze_question(sentence, candidate), candidate, source, pool)
            if item is not None:
                items.append(item)
                made[CLOZE] += 1
        if made[CHOICE] < CHOICE_PER_SENTENCE and candidate.group not in choice_lists:
            question = choice_question(source.title, sentence, candidate)
            item = _item(CHOICE, question, candidate, source, pool) if question else None
            if item is not None:
                items.append(item)
                made[CHOICE] += 1
                if candidate.group:
                    choice_lists.add(candidate.group)  # one 'which belongs to the list' question per list
    return items


def _item(kind: str, question: str, answer: Candidate, source: QuizSource, pool: DistractorPool) -> QuizItem | None:
    wrong = pool.pick(answer, source.text, question, DISTRACTORS)
    if len(wrong) < DISTRACTORS:
        return None
    # Where the right option sits is fixed by the id, so it is stable yet differs from item to item.
    identity = item_id(kind, source.doc_id, source.paragraph, source.text, answer.text)
    position = int(identity, 16) % (len(wrong) + 1)
    options = [*wrong[:position], answer.text, *wrong[position:]]
    return QuizItem(
        id=identity,
        kind=kind,
        question=question,
        options=options,
        answer_index=position,
        answer=answer.text,
        explanation=explanation(source.title, source.paragraph, source.text, answer.text),
        source=source,
    )


def select_items(
    bank: Sequence[QuizItem], count: int, seed: int | str | None = None, exclude_ids: Iterable[str] = ()
) -> list[QuizItem]:
    """`count` items for one round, reproducible for a given seed.

    Each pick takes an item of a sentence used least so far, then of a paragraph used least, then with a
    new answer and the kind asked less often, so a round covers the material and mixes cloze with choice.
    """
    excluded = set(exclude_ids)
    rng = random.Random(seed)
    remaining = [item for item in bank if item.id not in excluded]
    rng.shuffle(remaining)
    chosen: list[QuizItem] = []
    sentences: Counter[tuple[str, int, int]] = Counter()
    paragraphs: Counter[tuple[str, int]] = Counter()
    answers: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    while remaining and len(chosen) < max(0, count):

        def cost(ranked: tuple[int, QuizItem]) -> tuple[int, int, int, int, int]:
            rank, item = ranked
            s = item.source
            return (
                sentences[(s.doc_id, s.paragraph, s.sentence)],
                paragraphs[(s.doc_id, s.paragraph)],
                answers[item.answer],
                kinds[item.kind],
                rank,
            )

        index, best = min(enumerate(remaining), key=cost)
        remaining.pop(index)
        chosen.append(best)
        s = best.source
        sentences[(s.doc_id, s.paragraph, s.sentence)] += 1
        paragraphs[(s.doc_id, s.paragraph)] += 1
        answers[best.answer] += 1
        kinds[best.kind] += 1
    return chosen
