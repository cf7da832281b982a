"""A refusal that still helps: which parts of the materials lie nearest, and how to ask again.

A bare "not covered" leaves a user guessing whether the materials lack the subject or the question
missed their wording. The nearest passages (by the same ranking the answer came from, dense vectors
included, so that an English question still finds its Chinese neighbours) name their paragraph
headings or numbered sections, else their document titles; the hint suggests asking in the
documents' own words about those, and says that the materials are Chinese when the question is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.answering import Answer
from bot.corpus import Corpus
from bot.search_hit import SearchHit
from ingest.sections import SEPARATOR as SECTION_SEPARATOR
from ingest.textnorm import CJK

MAX_TOPICS = 3
TOPIC_CHARS = 30
_LATIN = re.compile(r"[A-Za-z]")
_CJK_CHAR = re.compile(rf"[{CJK}]")


def with_hint(answer: Answer, hits: Sequence[SearchHit], corpus: Corpus | None) -> Answer:
    """The refusal with a hint and the nearest topics; answers and injection refusals are left as they are."""
    if not answer.refused or answer.injection or corpus is None or not corpus.passages:
        return answer
    topics = nearest_topics(hits, corpus)
    return replace(answer, hint=hint_text(answer.question, topics), topics=topics)


def is_foreign(question: str) -> bool:
    """Mostly Latin letters: a question in English (or pinyin), which Chinese materials cannot match."""
    return len(_LATIN.findall(question)) > len(_CJK_CHAR.findall(question))


def hint_text(question: str, topics: Sequence[str]) -> str:
    """One line in Chinese: how to ask so that the materials can answer."""
    named = "、".join(t if t.startswith("《") else f"「{t}」" for t in topics)
    if is_foreign(question):
        lead = "学习资料是中文的，请用中文提问"
        return f"{lead}。与问题最接近的主题有：{named}。" if named else f"{lead}。"
    lead = "可以换用资料中的说法再问"
    return f"{lead}，或者问问与问题最接近的这些主题：{named}。" if named else f"{lead}。"


def nearest_topics(hits: Sequence[SearchHit], corpus: Corpus) -> tuple[str, ...]:
    """Headings (or sections, or titles) of the best-ranked passages, nearest first, each once."""
    topics: list[str] = []
    for hit in hits:
        topic = _topic(hit, corpus)
        if topic and topic not in topics:
            topics.append(topic)
        if len(topics) == MAX_TOPICS:
            break
    if not topics:
        topics = [f"《{t}》" for t in dict.fromkeys(p.title for p in corpus.passages) if t][:MAX_TOPICS]
    return tuple(_shorten(t) for t in topics)


def _topic(hit: SearchHit, corpus: Corpus) -> str:
    chunk = hit.chunk
    heading = corpus.heading_of(chunk.doc_id, chunk.paragraph)
    if heading:
        return heading
    if chunk.section:
        return chunk.section.split(SECTION_SEPARATOR)[-1]
    return f"《{chunk.title}》" if chunk.title else ""


def _shorten(topic: str) -> str:
    return topic if len(topic) <= TOPIC_CHARS else topic[: TOPIC_CHARS - 1] + "…"


def plain_text(answer: Answer) -> str:
    """The answer as the CLI and the console print it: `Answer.text`, then a refusal's hint on its own line."""
    return f"{answer.text}\n{answer.hint}" if answer.hint else answer.text
