"""One character off: a question word the materials never use, read as the corpus term it nearly spells.

Chinese is typed through pinyin input methods, so a typo is a wrong character of the same length
("主提" for "主题", "质检" for "质监", "麻痹大义" for "麻痹大意"). A question word is a candidate for
correction only when no sentence of the knowledge base holds it; its replacement must occur in the
knowledge base, be a word of jieba's dictionary and differ from it in exactly one Chinese character
(same length, edit distance 1). Among several such forms, one that also occurs next to the
question's neighbouring word wins, then the most frequent. A typed word that is itself a dictionary word
(防止, 减负, 排球: a paraphrase or another thing, not a typo) is replaced only by a form that completes
a dictionary phrase with its neighbour ("麻痹大义" → "麻痹大意") or is a term the materials use in
several sentences beside that neighbour ("质检干部" → the materials' "质监干部"). Whether the corrected question is then used is
the answer service's call (only when a quoted sentence holds every word of the corrected question);
this module only proposes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


from bot.corpus import Corpus
from bot.jieba_dictionary import in_dictionary
from bot.questions import ANSWER_TYPES, question_terms, segmented
from ingest.textnorm import CJK_RUN, normalize
from ingest.zh_text import ASKING_PARTS, CN_NUMERALS, RETURNING, SAME_MEANING, any_of, spells_out, written_counts

MIN_WORD_CHARS = 2
MAX_WORD_CHARS = 6
_MODALS = "要会能该应可需得"  # before a verb: 要罚, 能办, 该交
MIN_TERM_SENTENCES = 3  # a term the materials keep using: in at least this many sentences
# A word holding one of these asks; not 如何, which sits in words that ask nothing (无论如何), nor 咋, never looked for.
_ASKS = re.compile(any_of(ASKING_PARTS, without=("如何", "咋")))


@dataclass(frozen=True)
class Correction:
    """`typed` in the question read as `meant`, a form the materials use."""

    typed: str
    meant: str


def corrections(question: str, words: tuple[str, ...], corpus: Corpus) -> tuple[Correction, ...]:
    """A correction for each content word of the question that the materials lack and nearly spell."""
    tokens = [t for t in segmented(question) if t.strip()]
    # A question asking for something already (多少钱) is not read as asking for another (要罚 as 要求, a list).
    terms = question_terms(question)
    asking = frozenset(ANSWER_TYPES) if terms.answer_types else frozenset()
    found: list[Correction] = []
    for word in words:
        if not _checkable(word) or corpus.document_frequency(word) or _modal_and_known_verb(word, corpus):
            continue
        if word == terms.slot and in_dictionary(word):
            continue  # 比作 of "文中把质监干部比作啥": a real word the asked thing attaches to is what is asked, as typed
        meant = _nearest_form(word, _neighbours(word, tokens), corpus, asking)
        if meant is not None:
            found.append(Correction(word, meant))
    return tuple(found)


def corrected(question: str, fixes: tuple[Correction, ...]) -> str:
    """The question with each typed word replaced by the form it was read as."""
    text = normalize(question)
    for fix in fixes:
        text = text.replace(fix.typed, fix.meant)
    return text


def counts_as_written(question: str, corpus: Corpus) -> str:
    """The question with each count the materials write only in figures written so ("三支队伍" → "3支队伍"):
    the same count, so no reading is shown, and every signal (n-grams, vectors, focus words) sees the
    materials' form."""
    for typed, figures in written_counts(normalize(question)):
        if not corpus.document_frequency(typed) and corpus.document_frequency(figures):
            question = question.replace(typed, figures)
    return question


def said_as_written(question: str, corpus: Corpus) -> str:
    """The question with each word of one meaning the materials say otherwise said their way (SAME_MEANING:
    "说到底" → "归根到底" when only that is written; 追回来 → 追回), as counts_as_written does for counts: the same
    question, so no reading is shown. Only where the question says it as a word: 课时费 is no 课时, nor 上课/时间."""
    words = segmented(question)
    normalized = normalize(question)  # once, not once per word of every group: this runs on every question
    for group in SAME_MEANING:
        said = next((word for word in group if _said_as_a_word(word, normalized, words)), None)
        if said is None or _written(said, corpus):
            continue
        written = next((word for word in group if word != said and _written(word, corpus, spread=True)), None)
        if written is not None:
            question = question.replace(said, written) if CJK_RUN.search(said) else _latin_word(said).sub(lambda _: written, question)
            normalized = normalize(question)
    for word in words:  # 追回来 of a text saying 追回: the verb and its result, said with the way it went
        if word.endswith(RETURNING) and len(word) > 2 and not corpus.document_frequency(word) and corpus.document_frequency(word[:-1]):
            question = question.replace(word, word[:-1])
    return question


def _written(word: str, corpus: Corpus, spread: bool = False) -> bool:
    """Whether the materials say `word`; a word of Latin letters and digits only standing alone, not inside a code
    (the 3a of a credit code 91361102MA3AH5JC0T is no 3A grade). `spread`: a phrase of four ideographs or more may be
    said with a word inside it (减轻负担 of 切实减轻基层负担)."""
    if CJK_RUN.search(word):
        return corpus.document_frequency(word) > 0 or (spread and len(word) >= 4 and spells_out(word, corpus.text))
    return _latin_word(word).search(corpus.text) is not None


@lru_cache(maxsize=64)
def _latin_word(word: str) -> re.Pattern[str]:
    """`word` of Latin letters and digits standing alone, in either case (3A as typed, 3a as matching reads it)."""
    return re.compile(rf"(?<![0-9a-z]){re.escape(word)}(?![0-9a-z])", re.IGNORECASE)


def _said_as_a_word(word: str, normalized: str, words: Sequence[str]) -> bool:
    """Whether the (normalised) question says `word` as a word: a two-character one where jieba's words start and
    end (上课/时间 holds no 课时); a longer one starting anywhere but ending where a word does and inside no longer word, since
    jieba's cut of what comes before may run across it (强国说/到底) once the library's words are in its dictionary,
    while what follows is another word's (不过/关于 holds no 不过关)."""
    if word not in normalized:
        return False
    if len(word) <= 2:
        return _on_word_bounds(word, words)
    return _on_word_bounds(word, words, start_anywhere=True) and not any(word in w and word != w for w in words)


def _on_word_bounds(word: str, words: Sequence[str], start_anywhere: bool = False) -> bool:
    """Whether `word` occurs in the joined `words` ending where one of them does, and starting where one does."""
    bounds = set(itertools.accumulate((len(w) for w in words), initial=0))
    text = "".join(words)
    return any((start_anywhere or m.start() in bounds) and m.end() in bounds for m in re.finditer(re.escape(word), text))


def reading(fixes: tuple[Correction, ...]) -> str:
    """What was assumed, in the reply, so that nobody takes a corrected reading for their own words."""
    return "；".join(f"按「{fix.meant}」理解「{fix.typed}」" for fix in fixes)


def _modal_and_known_verb(word: str, corpus: Corpus) -> bool:
    """A modal verb and a verb the materials use, run together by jieba ("要罚" of "维保公司要罚多少钱", read as
    要为): two words, neither mistyped. Not any function word's character: 时线 is 时限 mistyped."""
    return len(word) == 2 and word[0] in _MODALS and corpus.document_frequency(word[1]) > 0 and in_dictionary(word[1])


def _checkable(word: str) -> bool:
    """A Chinese content word; not one holding an interrogative (几枚, 哪国), which asks rather than names."""
    return MIN_WORD_CHARS <= len(word) <= MAX_WORD_CHARS and bool(CJK_RUN.fullmatch(word)) and not _ASKS.search(word)


def _neighbours(word: str, tokens: list[str]) -> tuple[str, str]:
    """The question's tokens just before and after `word` ('' at either end or when not found)."""
    if word not in tokens:
        return "", ""
    at = tokens.index(word)
    before = tokens[at - 1] if at > 0 else ""
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    return before, after


def _nearest_form(word: str, neighbours: tuple[str, str], corpus: Corpus, asking: frozenset[str] = frozenset()) -> str | None:
    """The corpus form one character away from `word` that fits best, or None when there is none; not one of
    `asking`, the words that would name another thing asked for (要求, 措施, 原因)."""
    forms = {form: count for form, count in _forms_in(word, corpus).items() if in_dictionary(form) and form not in asking}
    if not forms:
        return None
    # A neighbour of one character (要, 的) is a function word: the form beside it (单位要) is no term of the materials.
    before, after = (word if len(word) > 1 else "" for word in neighbours)

    def fit(form: str) -> tuple[bool, int]:
        in_context = bool(before and corpus.document_frequency(before + form)) or bool(
            after and corpus.document_frequency(form + after)
        )
        return in_context, forms[form]

    best = max(sorted(forms), key=fit)
    in_context, count = fit(best)
    if not in_dictionary(word):
        return best
    # A real word the materials happen not to use (防止, 减负, 排球) is a paraphrase or another thing, not a
    # typo: it is replaced only where the form completes a dictionary phrase with its neighbour (麻痹大义 →
    # 麻痹大意) or is a term the materials keep using beside that neighbour (质检干部 → 质监干部).
    completes = bool(before) and in_dictionary(before + best) or bool(after) and in_dictionary(best + after)  # no neighbour completes nothing
    return best if completes or (in_context and count >= MIN_TERM_SENTENCES) else None


def _forms_in(word: str, corpus: Corpus) -> dict[str, int]:
    """Every form of the corpus that differs from `word` in one Chinese character, with how many
    sentences hold it. Each search is for the longer literal part of the word (at C speed); the rest
    is checked where it is found."""
    text = corpus.text
    forms: set[str] = set()
    for i in range(len(word)):
        head, tail = word[:i], word[i + 1 :]
        anchor_is_head = len(head) >= len(tail)
        for match in re.finditer(re.escape(head if anchor_is_head else tail), text):
            start = match.start() if anchor_is_head else match.start() - len(head) - 1
            if start < 0:
                continue
            form = text[start : start + len(word)]
            if len(form) == len(word) and form.startswith(head) and form.endswith(tail) and CJK_RUN.match(form[i]):
                if not (word[i] in CN_NUMERALS and form[i] in CN_NUMERALS):  # 三支 for 一支 is another count, no typo
                    forms.add(form)
    forms.discard(word)
    return {form: count for form in forms if (count := corpus.document_frequency(form))}
