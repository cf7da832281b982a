"""A read-only view of the visible passages: neighbours within a paragraph and word rarity."""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property, lru_cache

import numpy as np

from ingest.chunks import Chunk
from ingest.instructions import is_instruction_like
from ingest.sections import heading_topic
from ingest.structure import CONTACT_LABELS, DocumentStructure, document_structure
from ingest.textnorm import CJK_RUN, normalize
from ingest.zh_text import ASIDE, SEMICOLONS, spells_out, strip_indent, strip_sentence_end

HEADING_MAX_CHARS = 20
_CONTACT_LABEL = re.compile(CONTACT_LABELS)
_SEPARATOR = "\x00"
# A word with more than its CJK run is tested in at most this many sentences holding the run, else searched for.
MAX_FILTERED_ROWS = 2000


class Corpus:
    def __init__(
        self, passages: list[Chunk], added: Mapping[str, str] | None = None, postings: Callable[[str], np.ndarray] | None = None
    ) -> None:
        """`added`: when each document was ingested (doc_id -> ISO time), since "这篇文章" in a library of
        several is the newest. `postings`: the passages (by index) whose character n-grams hold a CJK
        character or bigram, as the lexical index of these passages knows them; without it document
        frequencies scan every sentence."""
        self.passages = passages
        self._added = dict(added or {})
        self._postings = postings
        self._normalized = [normalize(p.text) for p in passages]
        # One string of every sentence, so a word's document frequency is found by C-level `find` over
        # it instead of one Python `in` per sentence (7 ms a new word at 12,000 sentences).
        self._joined = _SEPARATOR.join(self._normalized)
        self._starts = list(itertools.accumulate((len(t) + 1 for t in self._normalized[:-1]), initial=0))
        self._row = {p.id: i for i, p in enumerate(passages)}
        self._doc_ids = sorted({p.doc_id for p in passages})
        number = {doc_id: i for i, doc_id in enumerate(self._doc_ids)}
        self._doc_of_row = np.array([number[p.doc_id] for p in passages], dtype=np.int64)
        self._paragraphs: dict[tuple[str, int], list[Chunk]] = {}
        self._normalized_paragraphs: dict[tuple[str, int], str] = {}  # filled as candidates come up
        for chunk in passages:
            self._paragraphs.setdefault((chunk.doc_id, chunk.paragraph), []).append(chunk)
        self.idf = lru_cache(maxsize=4096)(self._idf)
        self._instruction_like: dict[str, bool] = {}  # by text: checked on first use, not for every passage at start
        # Which document versions this view holds: equal signatures mean equal content.
        self.signature = tuple(sorted({(p.doc_id, p.version) for p in passages}))
        self.max_idf = math.log((len(passages) + 1) / 0.5)
        # doc_id -> title, normalised once: a question naming a document is matched against every title
        self.normalized_titles = {p.doc_id: normalize(p.title) for p in passages}
        self._last_paragraph: dict[str, int] = {}
        self._structures: dict[str, DocumentStructure] = {}  # filled as study questions or warm-up read them
        for doc_id, paragraph in self._paragraphs:
            self._last_paragraph[doc_id] = max(paragraph, self._last_paragraph.get(doc_id, 0))

    def newest_first(self, doc_ids: Iterable[str]) -> list[str]:
        """Documents from the most recently ingested on; equal times by id, the reverse of how `docs` lists them."""
        rank = self._newest_rank
        listed = list(doc_ids)
        if all(doc_id in rank for doc_id in listed):
            return sorted(listed, key=rank.__getitem__)
        return sorted(listed, key=self._added_key, reverse=True)

    def _added_key(self, doc_id: str) -> tuple[str, str]:
        return self._added.get(doc_id, ""), doc_id

    @cached_property
    def _newest_rank(self) -> dict[str, int]:
        """Each document's place from the most recently ingested on, ordered once: study questions order a
        thousand documents several times each."""
        ordered = sorted({p.doc_id for p in self.passages}, key=self._added_key, reverse=True)
        return {doc_id: place for place, doc_id in enumerate(ordered)}

    @property
    def text(self) -> str:
        """Every sentence, normalised, joined by NUL: one string to search for near forms of a word."""
        return self._joined

    def is_at(self, chunk: Chunk, position: str) -> bool:
        """Whether a passage lies in the first paragraph of its document, or in its closing one."""
        if position == "first":
            return chunk.paragraph == 1
        return chunk.paragraph == self.closing_paragraph(chunk.doc_id)

    def positional(self, position: str, doc_ids: set[str]) -> list[Chunk]:
        """Sentences of the first paragraph of the given documents, or of their closing ones."""
        found: list[Chunk] = []
        for doc_id in sorted(doc_ids):
            paragraph = 1 if position == "first" else self.closing_paragraph(doc_id)
            found.extend(self.paragraph(doc_id, paragraph))
        return found

    def closing_paragraph(self, doc_id: str) -> int:
        """The paragraph a document concludes in: its conclusion as ingest.structure reads one ("综上，考察组认为…"),
        else its last. A report's last lines are who signed it and when (2024年9月20日), which conclude nothing."""
        conclusion = self.structure(doc_id).conclusion
        return conclusion.number if conclusion is not None else self._last_paragraph.get(doc_id, 0)

    def structure(self, doc_id: str) -> DocumentStructure:
        """A document's structure (ingest.structure), read once from its sentences joined back into paragraphs: the
        splitter covers each paragraph exactly. Study answers and questions on a document's close read the same one."""
        if doc_id not in self._structures:
            numbers = range(1, self._last_paragraph.get(doc_id, 0) + 1)
            chunks = [sorted(self.paragraph(doc_id, n), key=lambda c: c.sentence) for n in numbers]
            title = next((cs[0].title for cs in chunks if cs), "")
            texts = ["".join(c.text for c in cs) for cs in chunks]
            self._structures[doc_id] = document_structure(title, texts, [cs[0].section if cs else "" for cs in chunks])
        return self._structures[doc_id]

    def paragraph_count(self, doc_id: str) -> int:
        """How many paragraphs a document has (its last paragraph's number)."""
        return self._last_paragraph.get(doc_id, 0)

    def paragraph(self, doc_id: str, paragraph: int) -> list[Chunk]:
        """Sentences of one paragraph in order."""
        return self._paragraphs.get((doc_id, paragraph), [])

    def neighbour(self, chunk: Chunk, step: int) -> Chunk | None:
        """The sentence `step` places from `chunk` in its paragraph, if there is one."""
        sentences = self.paragraph(chunk.doc_id, chunk.paragraph)
        index = chunk.sentence - 1 + step
        return sentences[index] if 0 <= index < len(sentences) else None

    def is_heading(self, chunk: Chunk) -> bool:
        """A short first sentence like '强化教育培训,提升专业素养。' titles its paragraph; it answers nothing. Not a
        contact line's first clause ("（联系人：周文涛，局食品安全协调科科长；" before the phone)."""
        if chunk.sentence != 1 or len(chunk.text) > HEADING_MAX_CHARS or _states_a_figure(chunk.text):
            return False
        if chunk.paragraph == 1 and speaks_of_title(self.normalized(chunk), self.normalized_titles.get(chunk.doc_id, "")):
            return False
        if chunk.text.rstrip().endswith(tuple(SEMICOLONS)) and _CONTACT_LABEL.search(chunk.text):
            return False
        return len(self.paragraph(chunk.doc_id, chunk.paragraph)) > 1

    def heading_of(self, doc_id: str, paragraph: int) -> str:
        """The title sentence of a paragraph, or '' when it has none."""
        sentences = self.paragraph(doc_id, paragraph)
        return strip_sentence_end(sentences[0].text) if sentences and self.is_heading(sentences[0]) else ""

    def headings(self) -> list[str]:
        """Paragraph titles without their closing mark, in document order."""
        return [heading for doc_id, paragraph in self._paragraphs if (heading := self.heading_of(doc_id, paragraph))]

    def is_instruction_like(self, chunk: Chunk) -> bool:
        """`ingest.instructions.is_instruction_like`, remembered: the same candidates come up question after question."""
        text = chunk.text
        found = self._instruction_like.get(text)
        if found is None:
            found = self._instruction_like[text] = is_instruction_like(text)
        return found

    def paragraph_text(self, doc_id: str, paragraph: int) -> str:
        return "".join(c.text for c in self.paragraph(doc_id, paragraph))

    def normalized(self, chunk: Chunk) -> str:
        """`normalize(chunk.text)`, made once at build: answers weigh twenty candidates a question."""
        row = self._row.get(chunk.id)
        return self._normalized[row] if row is not None else normalize(chunk.text)

    def normalized_paragraph(self, doc_id: str, paragraph: int) -> str:
        """`normalize` of a paragraph's text, remembered: the same paragraphs come up question after question."""
        key = (doc_id, paragraph)
        found = self._normalized_paragraphs.get(key)
        if found is None:
            found = self._normalized_paragraphs[key] = normalize(self.paragraph_text(doc_id, paragraph))
        return found

    def _idf(self, word: str) -> float:
        """Rarer words weigh more; a word the documents never use weighs most of all."""
        return math.log((len(self._normalized) + 1) / (self.document_frequency(word) + 0.5))

    def titled(self, word: str) -> bool:
        """Whether a document's title holds `word` (《学习郑晓峰同志先进事迹心得体会》, whose text says 他)."""
        return "\n" not in word and word in self._titles

    @cached_property
    def _titles(self) -> str:
        """Every distinct title on a line of its own: one search in C, not one per title (a stranger's name is tried
        reordered and two characters at a time, against a thousand titles)."""
        return "\n".join(dict.fromkeys(chunk.title for chunk in self.passages))

    def knows(self, word: str) -> bool:
        """Whether some sentence holds `word`, read from its remembered rarity: a word no sentence holds weighs max_idf."""
        return self.idf(word) < self.max_idf

    def spells_out(self, word: str) -> bool:
        """Whether some sentence (normalised) holds the run that `word` is a short form of (新冠 of 新型冠状病毒), as
        ingest.zh_text.spells_out reads one; found among the sentences holding each of its characters."""
        if self._postings is None or not CJK_RUN.fullmatch(word):
            return False
        rows: np.ndarray | None = None
        for character in set(word):
            held = self._postings(character)
            rows = held if rows is None else np.intersect1d(rows, held)
            if not len(rows):
                return False
        return rows is not None and any(spells_out(word, self._normalized[row]) for row in rows.tolist())

    def document_frequency(self, word: str) -> int:
        """How many sentences hold `word`: each match counts its sentence once, then the search goes on
        from the next sentence."""
        if not word or _SEPARATOR in word:
            return 0
        runs = CJK_RUN.findall(word) if self._postings is not None else []
        if runs:
            return self._frequency_by_postings(word, max(runs, key=len), self._postings)
        return self._scanned_frequency(word)

    def documents_holding(self, word: str) -> set[str]:
        """The documents one of whose sentences holds `word`, by C-level `find` over the joined sentences:
        study questions weigh only these, not every document of a large library."""
        found: set[str] = set()
        if not word or _SEPARATOR in word:
            return found
        runs = CJK_RUN.findall(word) if self._postings is not None else []
        rows = self._rows_with(max(runs, key=len), self._postings) if runs else None
        if rows is not None and len(rows) <= MAX_FILTERED_ROWS:  # else the search in C is quicker
            normalized = self._normalized
            return {self.passages[row].doc_id for row in rows.tolist() if word in normalized[row]}
        at, starts, joined = 0, self._starts, self._joined
        while (hit := joined.find(word, at)) >= 0:
            sentence = bisect.bisect_right(starts, hit) - 1
            found.add(self.passages[sentence].doc_id)
            if sentence + 1 >= len(starts):
                break
            at = starts[sentence + 1]
        return found

    def documents_with_characters(self, characters: str) -> set[str] | None:
        """The documents one of whose sentences holds each of the CJK characters (from the index
        postings), or None without postings: every document whose text holds a word is among those
        holding its characters, since no character spans two sentences."""
        if self._postings is None:
            return None
        found: np.ndarray | None = None
        for character in set(characters):
            docs = np.unique(self._doc_of_row[self._postings(character)])
            found = docs if found is None else np.intersect1d(found, docs, assume_unique=True)
            if not len(found):
                break
        return set(self._doc_ids) if found is None else {self._doc_ids[i] for i in found.tolist()}

    def holds_together(self, words: tuple[str, ...]) -> bool:
        """Whether one sentence (normalised) holds every word."""
        return not words or next(self.sentences_holding(words), None) is not None

    def sentences_holding(self, words: tuple[str, ...]) -> Iterator[Chunk]:
        """The sentences (normalised) holding every word, in order: found where the longest word is found,
        by C-level `find` over the joined sentences."""
        anchor = max(words, key=len) if words else ""
        if not anchor or _SEPARATOR in anchor:
            return
        at, starts, joined = 0, self._starts, self._joined
        while (hit := joined.find(anchor, at)) >= 0:
            sentence = bisect.bisect_right(starts, hit) - 1
            if all(word in self._normalized[sentence] for word in words):
                yield self.passages[sentence]
            if sentence + 1 >= len(starts):
                break
            at = starts[sentence + 1]

    def _scanned_frequency(self, word: str) -> int:
        """`document_frequency` by a search through every sentence."""
        found, at = 0, 0
        starts, joined = self._starts, self._joined
        while (hit := joined.find(word, at)) >= 0:
            found += 1
            sentence = bisect.bisect_right(starts, hit)  # the index of the sentence after the hit's
            if sentence >= len(starts):
                break
            at = starts[sentence]
        return found

    @staticmethod
    def _rows_with(anchor: str, postings: Callable[[str], np.ndarray]) -> np.ndarray:
        """The sentences (by index) holding a one- or two-character CJK run `anchor`, or, for a longer run,
        every sentence holding all its bigrams: the only sentences that can hold a word with that run."""
        if len(anchor) <= 2:
            return postings(anchor)
        bigrams = sorted({anchor[i : i + 2] for i in range(len(anchor) - 1)}, key=lambda b: len(postings(b)))
        rows = postings(bigrams[0])
        for bigram in bigrams[1:]:
            if not len(rows):
                break
            rows = np.intersect1d(rows, postings(bigram), assume_unique=True)
        return rows

    def _frequency_by_postings(self, word: str, anchor: str, postings: Callable[[str], np.ndarray]) -> int:
        """A word's document frequency from the postings of its longest CJK run `anchor`: a sentence holds a
        one- or two-character run exactly when its n-grams do; a longer run, or a word with more than the
        run ("，质量", "2024年": a typo's neighbour token), is looked for in the sentences holding all the
        run's bigrams, not by a scan of every sentence."""
        rows = self._rows_with(anchor, postings)
        if word == anchor and len(anchor) <= 2:
            return len(rows)
        if word != anchor and len(rows) > MAX_FILTERED_ROWS:
            return self._scanned_frequency(word)  # "的？": the search in C is quicker than so many tests
        normalized = self._normalized
        return sum(1 for row in rows.tolist() if word in normalized[row])


_FIGURE_NOT_YEAR = re.compile(r"(?<!\d)(?!\d{4}年)\d+(?:\.\d+)?")


# How many ideographs past the title make a statement of it: 天津人 of 罗保铭，天津人。
_STATEMENT_MIN_CHARS = 3
# How an article's opening goes on from its subject: a comma (罗保铭，天津人) or a verb saying what it is or where
# it is from; a heading's title runs on as a noun phrase (乡村振兴实施方案).
_STATES = re.compile(r"[,，、]|是|为|系|指|位于|又称|又名|原名|生于|出生于|起源于|源于")


def speaks_of_title(text: str, title: str) -> bool:
    """Whether a document's (normalised) first sentence opens with its (normalised) title and says something of
    it ("五月艾（学名：）是菊科蒿属的植物。", "罗保铭，天津人。"): the opening statement of an article about its subject,
    which answers "什么是五月艾", not a title sentence of its paragraph. The title said alone ("九号风球（）。") or run
    on as a heading ("乡村振兴实施方案。") still titles it."""
    title = title.strip()
    if len(title) < 2 or not text.startswith(title):
        return False
    said = ASIDE.sub("", text[len(title) :]).lstrip()
    return _STATES.match(said) is not None and sum(map(len, CJK_RUN.findall(said))) >= _STATEMENT_MIN_CHARS


def _states_a_figure(text: str) -> bool:
    """Whether a sentence states a figure after its number, if it has one ("6.4　评价结果有效期为2年。", "法定时限：15个
    工作日。"): it says something, as no title sentence does (a year, as in 2024年工作回顾, may stand in one)."""
    return _FIGURE_NOT_YEAR.search(heading_topic(strip_indent(text))) is not None
