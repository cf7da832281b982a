"""Example questions shown to new users: only those the current knowledge base really answers."""

from __future__ import annotations

from bot.answer_service import AnswerService
from bot.search_index import SearchIndex

CANDIDATES = (
    "质监干部工作的主题是什么？",
    "要重点抓好哪三支队伍的建设？",
    "党风廉政建设要确保干部怎样做事做人？",
    "关心干部生活能增强队伍的什么？",
    "干部选拔任用要坚持什么原则？",
)


def answerable_examples(answers: AnswerService, index: SearchIndex, limit: int = 4) -> list[str]:
    """Curated questions that get an answer, else questions about the documents' own section titles.

    Judged by the extractive answer alone: no LLM call at start-up or after an upload (the LLM answers
    from the same passages, so a question the extractive answer covers is answerable either way)."""
    found = [q for q in CANDIDATES if not answers.ask_extractive(q).refused]
    for topic in index.topics(limit * 2):
        if len(found) >= limit:
            break
        question = f"关于“{topic}”，资料里是怎么说的？"
        if not answers.ask_extractive(question).refused:
            found.append(question)
    return found[:limit]
