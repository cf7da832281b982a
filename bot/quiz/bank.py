"""The question bank: every valid quiz item the documents yield, and rounds drawn from it.

`build_bank` is deterministic (same passages, same items, same ids), so progress kept by item id stays
meaningful across restarts and re-ingests. `select_items` spreads a round over paragraphs and sentences,
like a daily quiz that walks through the material instead of circling one passage.
"""

from __future__ import annotations

import random
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

from bot.corpus import Corpus
from bot.quiz.candidates import (
    IDIOM,
    ITEM,
    NUMBER,
    QUOTE,
    Candidate,
    TermStats,
    find_candidates,
    is_generic,
    is_slogan,
)
from bot.quiz.distractors import DistractorPool
from bot.quiz.model import CHOICE, CLOZE, FALSE, JUDGE, MULTI, NOT, TRUE, QuizItem, QuizSource, item_id
from bot.quiz.text import Token, cjk_share, has_inner_space, is_nounish, strip_discourse, tokens
from bot.quiz.validation import is_valid
from bot.quiz.wording import (
    choice_question,
    cloze_question,
    explanation,
    headings_not_question,
    judge_question,
    multi_question,
    not_question,
)
from ingest.chunks import Chunk
from ingest.structure import paragraph_structure
from ingest.zh_text import split_clauses, strip_sentence_end

MIN_SENTENCE_CHARS = 12  # shorter sentences leave too little around a blank to recall it from
MAX_SENTENCE_CHARS = 200  # longer ones make a question nobody reads to the end on a phone
CLOZE_PER_SENTENCE = 3
CHOICE_PER_SENTENCE = 2
DISTRACTORS = 3

# What an item is worth asking (issue 14): key points first. Lists, slogans and figures beat plain terms;
# a sentence that titles its paragraph or is an enumerated point (一是/首先) is a key point; so is a
# definition ('归根到底是') and a principle or named policy ('…的原则', '八项规定精神').
_CATEGORY_IMPORTANCE = {QUOTE: 3.0, ITEM: 3.0, NUMBER: 3.0, IDIOM: 1.5}
_TERM_IMPORTANCE = 1.0
_SHORT_TERM_PENALTY = 1.5
_KEY_SENTENCE_BONUS = 2.0
_DEFINITION_BONUS = 2.5
_PRINCIPLE_BONUS = 2.0
_DEFINITION_BEFORE = ("归根到底是", "就是", "即是", "是指", "是")
_PRINCIPLE_AFTER = ("的原则", "原则", "精神", "方针", "规定", "战略", "制度")
# A closing call to action ('让我们紧密团结在…周围,…不忘初心、牢记使命,…而不懈奋斗') strings slogans
# together: asking which one came where tests how the slogan goes, not what the document says.
_EXHORTATIONS = ("让我们", "我们要紧密团结")
# A document's closing notes on its own handling ('…于2025年6月底前报市委组织部备案', '本意见由…负责解释,
# 自印发之日起施行') are filing instructions, not content a cadre studies.
_ADMINISTRATIVE = ("备案", "负责解释", "印发之日起")
_KIND_IMPORTANCE = {CLOZE: 0.0, CHOICE: 0.3, NOT: 0.6, JUDGE: 0.2, MULTI: 0.5}
MULTI_RIGHT = 2
JUDGE_MIN_IMPORTANCE = 5.0  # 判断题 only about key points: an outline, definition or principle sentence  # right options of a multi-select item (of four)
HEADINGS_ITEM_IMPORTANCE = 9.0  # the document's own outline: what a cadre must remember first
# How much a round gives up for spread: the same sentence, paragraph, answer or kind again costs this much.
_REPEAT_COST = {"sentence": 4.0, "paragraph": 0.8, "answer": 20.0, "kind": 0.4}


def build_bank(passages: Iterable[Chunk]) -> list[QuizItem]:
    """All valid items of the passages, in document order, each kept once."""
    ordered = sorted(passages, key=lambda c: c.position)
    corpus = Corpus(ordered)
    stats = TermStats([c.text for c in ordered])
    usable = [chunk for chunk in ordered if _usable(chunk, corpus)]
    found = [(chunk, find_candidates(chunk.text, stats)) for chunk in usable]
    pool = DistractorPool((c for _, candidates in found for c in candidates), stats)
    key = _key_sentences(ordered, corpus)
    bank: list[QuizItem] = []
    seen: set[str] = set()
    made = [item for chunk, candidates in found for item in _items_of(chunk, candidates, pool, chunk.position in key)]
    for item in [*made, *_headings_items(ordered, corpus)]:
        if item.id not in seen and is_valid(item):
            seen.add(item.id)
            bank.append(item)
    return bank


def _key_sentences(ordered: Sequence[Chunk], corpus: Corpus) -> set[tuple[str, int, int]]:
    """Positions of sentences the document's structure marks as key points: topic sentences, enumerated
    points (一是/首先/一方面) and the conclusion's first sentence."""
    key: set[tuple[str, int, int]] = set()
    for doc_id, number in dict.fromkeys((c.doc_id, c.paragraph) for c in ordered):
        sentences = corpus.paragraph(doc_id, number)
        structure = paragraph_structure(number, "".join(c.text for c in sentences), "")
        marked = {p.text.strip() for p in structure.points}
        for chunk in sentences:
            text = chunk.text.strip()
            if text in marked or (structure.heading and chunk.sentence <= 2 and text.startswith(("总之", "综上"))):
                key.add(chunk.position)
            if structure.heading and strip_sentence_end(text) == structure.heading:
                key.add(chunk.position)
    return key


def importance(sentence: str, candidate: Candidate, key_sentence: bool) -> float:
    """How much a blank of `candidate` tests a key point of the text rather than a passing phrase."""
    score = _CATEGORY_IMPORTANCE.get(candidate.category, _TERM_IMPORTANCE)
    if candidate.category != NUMBER and len(candidate.text) <= 2:
        score -= _SHORT_TERM_PENALTY  # '展示（才华）的机会', '管理（理念）和方法': a two-character word is rarely the point
    if key_sentence:
        score += _KEY_SENTENCE_BONUS
    start = candidate.group_start if candidate.group_start >= 0 else candidate.start
    end = candidate.group_end if candidate.group_end >= 0 else candidate.end
    if sentence[:start].endswith(_DEFINITION_BEFORE):
        score += _DEFINITION_BONUS
    if sentence[end:].startswith(_PRINCIPLE_AFTER) or candidate.text.endswith(_PRINCIPLE_AFTER):
        score += _PRINCIPLE_BONUS
    if len(candidate.group) >= 3:
        score += 0.5
    return score


def _usable(chunk: Chunk, corpus: Corpus) -> bool:
    """Headings answer nothing; very short or long sentences and scraping artefacts make poor questions."""
    text = chunk.text.strip()
    return (
        not corpus.is_heading(chunk)
        and strip_sentence_end(text) != chunk.title  # the title line: '…的实施（意见）' asks nothing
        and not strip_discourse(text).startswith(_EXHORTATIONS)
        and not any(marker in text for marker in _ADMINISTRATIVE)
        and MIN_SENTENCE_CHARS <= len(text) <= MAX_SENTENCE_CHARS
        and not has_inner_space(text)
        and cjk_share(text) >= 0.6
    )


def _items_of(chunk: Chunk, candidates: list[Candidate], pool: DistractorPool, key_sentence: bool) -> list[QuizItem]:
    sentence = chunk.text
    source = QuizSource(chunk.doc_id, chunk.title, chunk.paragraph, chunk.sentence, sentence)
    items: list[QuizItem] = []
    made: Counter[str] = Counter()
    choice_lists: set[tuple[str, ...]] = set()
    list_items: set[tuple[str, tuple[str, ...]]] = set()
    for candidate in candidates:
        if is_slogan(candidate) or pool.rhetorical_ordinal(candidate):
            continue
        worth = importance(sentence, candidate, key_sentence)
        if made[CLOZE] < CLOZE_PER_SENTENCE:
            item = _item(CLOZE, cloze_question(sentence, candidate), candidate, source, pool, worth)
            if item is not None:
                items.append(item)
                made[CLOZE] += 1
        if made[CHOICE] < CHOICE_PER_SENTENCE and candidate.group not in choice_lists:
            question = choice_question(source.title, sentence, candidate)
            item = _item(CHOICE, question, candidate, source, pool, worth) if question else None
            if item is not None:
                items.append(item)
                made[CHOICE] += 1
                if candidate.group:
                    choice_lists.add(candidate.group)  # one 'which belongs to the list' question per list
        # One NOT and one multi-select item per list, asked about the first member that has clear outsiders.
        for kind, make in ((NOT, _not_item), (MULTI, _multi_item)):
            if candidate.group and (kind, candidate.group) not in list_items:
                item = make(candidate, source, pool, worth)
                if item is not None:
                    items.append(item)
                    list_items.add((kind, candidate.group))
        if not made[JUDGE]:
            item = _judge_item(candidate, source, pool, worth)
            if item is not None:
                items.append(item)
                made[JUDGE] += 1
    return items


def _not_item(answer: Candidate, source: QuizSource, pool: DistractorPool, worth: float) -> QuizItem | None:
    """'下列不属于……的是？': three members of the list and one outsider of the same kind, which is the answer."""
    question = not_question(source.title, source.text, answer)
    if question is None:
        return None
    outsider = pool.pick(answer, source.text, question, 1, outsiders=True)
    if not outsider:
        return None
    members = list(answer.group[:DISTRACTORS])
    return _assemble(NOT, question, outsider[0], members, source, worth, answer.text)


def _multi_item(answer: Candidate, source: QuizSource, pool: DistractorPool, worth: float) -> QuizItem | None:
    """多选题: two members of the list and two outsiders of the same kind; every member is a right option."""
    question = multi_question(source.title, source.text, answer)
    if question is None:
        return None
    outsiders = pool.pick(answer, source.text, question, 4 - MULTI_RIGHT, outsiders=True)
    if len(outsiders) < 4 - MULTI_RIGHT:
        return None
    identity = item_id(MULTI, source.doc_id, source.paragraph, source.text, answer.text)
    members = list(answer.group[:MULTI_RIGHT])
    options = sorted([*members, *outsiders], key=lambda o: zlib.crc32(f"{identity}\x1f{o}".encode()))
    right = tuple(i for i, o in enumerate(options) if o in members)
    note = explanation(source.title, source.paragraph, source.text, answer.text)
    worth += _KIND_IMPORTANCE[MULTI]
    shown = "、".join(members)
    return QuizItem(identity, MULTI, question, options, right[0], shown, note, source, worth, members[0], right)


def _judge_item(answer: Candidate, source: QuizSource, pool: DistractorPool, worth: float) -> QuizItem | None:
    """判断题: the statement as written (正确) or with the phrase swapped for a distractor (错误); which one
    is fixed by the item's id, so a learner meets both."""
    if answer.category not in (ITEM, NUMBER, QUOTE, IDIOM) or worth < JUDGE_MIN_IMPORTANCE:
        return None  # a true/false statement of a passing sentence tests reading, not recall
    swapped = pool.pick(answer, source.text, "", 1)
    if not swapped:
        return None
    truthful = zlib.crc32(f"{source.text}\x1f{answer.text}".encode()) % 2 == 0
    shown = answer.text if truthful else swapped[0]
    question = judge_question(source.title, source.text, answer, shown)
    identity = item_id(JUDGE, source.doc_id, source.paragraph, source.text, answer.text)
    verdict = TRUE if truthful else FALSE
    note = explanation(source.title, source.paragraph, source.text, answer.text)
    options = [TRUE, FALSE]
    worth += _KIND_IMPORTANCE[JUDGE]
    return QuizItem(identity, JUDGE, question, options, options.index(verdict), verdict, note, source, worth, answer.text)


def _headings_items(ordered: Sequence[Chunk], corpus: Corpus) -> list[QuizItem]:
    """Per document, 'which is NOT one of the measures the headings name?': the topic sentences' first
    clauses ('强化教育培训') and one verb phrase of the same length the text uses elsewhere."""
    items = []
    for doc_id in dict.fromkeys(c.doc_id for c in ordered):
        chunks = [c for c in ordered if c.doc_id == doc_id]
        heads = [c for c in chunks if corpus.is_heading(c)]
        if len(heads) < 3:
            continue
        measures = [split_clauses(strip_sentence_end(c.text))[0].rstrip(",，") for c in heads]
        outsiders = _outsiders(chunks, heads, measures)
        # Two windows of the outline (the first and the last measures), so every measure is shown.
        windows = dict.fromkeys((0, max(0, len(heads) - DISTRACTORS)))
        for window, outsider in zip(windows, outsiders):
            shown = heads[window : window + DISTRACTORS]
            items.append(_headings_item(shown, measures[window : window + DISTRACTORS], outsider, window + 1))
    return items


def _headings_item(shown: Sequence[Chunk], measures: list[str], outsider: str, part: int) -> QuizItem:
    text = "；".join(strip_sentence_end(c.text) for c in shown)
    first = shown[0]
    # The source is the first heading as the document has it, so a review card of the item goes when it changes.
    source = QuizSource(first.doc_id, first.title, first.paragraph, first.sentence, first.text)
    cited = "、".join(f"第{c.paragraph}段" for c in shown)
    note = f"出处《{first.title[:40]}》{cited}的段首句：{text}"[:200]
    question = headings_not_question(first.title, part, part + len(shown) - 1)
    return _assemble(NOT, question, outsider, measures, source, HEADINGS_ITEM_IMPORTANCE, measures[0], note)


def _outsiders(chunks: Sequence[Chunk], heads: Sequence[Chunk], measures: Sequence[str]) -> list[str]:
    """Verb-object phrases of the text as long as the measures ('加强宣传教育'), none of them and sharing
    no word with them, in an order fixed by their text."""
    sizes = {len(m) for m in measures}
    heading_text = "".join(c.text for c in heads)
    found = []
    for chunk in chunks:
        if chunk in heads or chunk.text.strip().startswith(("总之", "综上")):
            continue
        for clause in split_clauses(strip_sentence_end(chunk.text)):
            clause = clause.rstrip(",，;；")
            toks = tokens(clause)
            if len(clause) not in sizes or len(toks) != 2 or not _verb_object(toks[0], toks[1]):
                continue
            if clause in heading_text or any(toks[1].word in m for m in measures):
                continue
            found.append(clause)
    return sorted(set(found), key=lambda c: zlib.crc32(c.encode()))


def _verb_object(verb: Token, noun: Token) -> bool:
    return verb.flag == "v" and len(verb.word) == 2 and is_nounish(noun) and not is_generic(noun.word)


def _assemble(
    kind: str, question: str, answer: str, others: list[str], source: QuizSource, worth: float, key: str, note: str = ""
) -> QuizItem:
    """An item with `answer` placed among `others` at a position fixed by its id."""
    identity = item_id(kind, source.doc_id, source.paragraph, source.text, key)
    position = int(identity, 16) % (len(others) + 1)
    options = [*others[:position], answer, *others[position:]]
    note = note or explanation(source.title, source.paragraph, source.text, key)
    worth += _KIND_IMPORTANCE[kind]
    return QuizItem(identity, kind, question, options, position, answer, note, source, worth, key)


def _item(
    kind: str, question: str, answer: Candidate, source: QuizSource, pool: DistractorPool, worth: float
) -> QuizItem | None:
    wrong = pool.pick(answer, source.text, question, DISTRACTORS)
    if len(wrong) < DISTRACTORS:
        return None
    # Where the right option sits is fixed by the id, so it is stable yet differs from item to item.
    return _assemble(kind, question, answer.text, wrong, source, worth, answer.text)


def select_items(
    bank: Sequence[QuizItem], count: int, seed: int | str | None = None, exclude_ids: Iterable[str] = ()
) -> list[QuizItem]:
    """`count` items for one round, reproducible for a given seed.

    Items are ranked by importance (key points first) and each pick takes the most important item left,
    less a cost for a sentence, paragraph, answer or kind the round already has, so a round asks what
    matters while it walks through the material; the seed breaks ties.
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

        def cost(ranked: tuple[int, QuizItem]) -> tuple[float, int]:
            rank, item = ranked
            s = item.source
            repeats = (
                _REPEAT_COST["sentence"] * sentences[(s.doc_id, s.paragraph, s.sentence)]
                + _REPEAT_COST["paragraph"] * paragraphs[(s.doc_id, s.paragraph)]
                + _REPEAT_COST["answer"] * answers[item.answer]
                + _REPEAT_COST["kind"] * kinds[item.kind]
            )
            return (repeats - item.importance, rank)

        index, best = min(enumerate(remaining), key=cost)
        remaining.pop(index)
        chosen.append(best)
        s = best.source
        sentences[(s.doc_id, s.paragraph, s.sentence)] += 1
        paragraphs[(s.doc_id, s.paragraph)] += 1
        answers[best.answer] += 1
        kinds[best.kind] += 1
    return chosen
