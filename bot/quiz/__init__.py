"""Quiz question bank for self-study: cloze and single-choice items generated from the documents.

A pure core (no Telegram, no storage): `build_bank(passages)` makes every valid item, `select_items`
draws a round from them. Channels and the progress store build on these plain items.
"""

from bot.quiz.bank import build_bank, select_items
from bot.quiz.model import CHOICE, CLOZE, QuizItem, QuizSource
from bot.quiz.validation import is_valid, problems

__all__ = ["CHOICE", "CLOZE", "QuizItem", "QuizSource", "build_bank", "is_valid", "problems", "select_items"]
