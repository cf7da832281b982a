"""What the Telegram handlers need, as the typed `context.bot_data` of every callback.

python-telegram-bot creates `bot_data` itself, calling the class in `ContextTypes(bot_data=...)` with no
arguments while the Application is built. So `BotServices()` starts empty and `build_application` wires it
once, before the first update; handlers then read `context.bot_data.answers` and friends, typed.
"""

from __future__ import annotations

import asyncio
from typing import Any
from weakref import WeakValueDictionary

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.answer_service import AnswerService
from bot.documents import DocumentService
from bot.search_index import SearchIndex
from bot.services import Services
from bot.gaps import GapTracker
from bot.settings import Settings
from bot.study import StudyService
from bot.tgbot.ratelimit import RateLimiter
from bot.tgbot.workers import Workers


class BotServices:
    """The services, stores and worker pools of one bot, plus the little state handlers share."""

    settings: Settings
    answers: AnswerService
    index: SearchIndex
    limiter: RateLimiter
    study: StudyService
    documents: DocumentService
    gaps: GapTracker
    workers: Workers

    def __init__(self) -> None:
        self.examples: list[str] = []
        self.quiz_locks: WeakValueDictionary[int, asyncio.Lock] = WeakValueDictionary()

    def wire(
        self,
        services: Services,
        study: StudyService,
        gaps: GapTracker,
        workers: Workers,
    ) -> None:
        """Fill in the services; called once by `build_application`, before any handler runs."""
        self.settings = services.settings
        self.answers = services.answers
        self.index = services.index
        self.limiter = RateLimiter(self.settings.rate_limit_count, self.settings.rate_limit_window_s)
        self.study = study
        self.documents = services.documents
        self.gaps = gaps
        self.workers = workers

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.admin_ids


BotContext = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotServices]
CONTEXT_TYPES = ContextTypes(bot_data=BotServices)
