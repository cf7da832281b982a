"""A small PNG of the last two weeks' answers for /stats (matplotlib, no display needed).

Charts are drawn from worker threads, several at once, so nothing here touches pyplot or rcParams (both
are global state): each chart is its own `Figure`, and the font is given to each text, not set globally.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache

from matplotlib import font_manager
from matplotlib.figure import Figure

from bot.progress.stats import StudyStats

log = logging.getLogger(__name__)

_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC")


@lru_cache(maxsize=1)
def _cjk_font() -> str | None:
    """A font that can draw Chinese, if the system has one; otherwise labels fall back to English."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _CJK_FONTS:
        if name in installed:
            return name
    log.info("no CJK font found (install fonts-noto-cjk); chart labels will be in English")
    return None


def render_chart(stats: StudyStats) -> bytes:
    """Stacked bars of right and wrong answers per day."""
    font = _cjk_font()
    labels = ("答对", "答错", "近两周答题", "题数") if font else ("correct", "wrong", "last 14 days", "answers")
    family = {"fontfamily": font} if font else {}
    days = stats.recent_days
    x = range(len(days))
    correct = [d.correct for d in days]
    wrong = [d.wrong for d in days]
    fig = Figure(figsize=(6, 2.6), dpi=100)
    ax = fig.subplots()
    ax.bar(x, correct, color="#2e7d32", label=labels[0])
    ax.bar(x, wrong, bottom=correct, color="#c62828", label=labels[1])
    ax.set_xticks(list(x), [d.day.strftime("%m-%d") for d in days], rotation=45, fontsize=7)
    ax.set_title(labels[2], fontsize=10, **family)
    ax.set_ylabel(labels[3], fontsize=8, **family)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", prop={"size": 7, **({"family": font} if font else {})})
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
