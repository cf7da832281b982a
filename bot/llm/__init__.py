"""Optional LLM answers over the retrieved passages, verified before use (issue 6).

Importing this package stays cheap: the OpenAI client is imported only when an LLM is configured.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.llm.answerer import LLMAnswerer


def load_llm(settings: Settings) -> LLMAnswerer | None:
    """The LLM answerer when LLM_BASE_URL and LLM_MODEL are both set, else None (extractive answers only)."""
    if not settings.llm_enabled:
        return None
    from bot.llm.answerer import LLMAnswerer

    return LLMAnswerer(settings)
