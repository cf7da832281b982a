"""Telegram wording for quiz rounds: poll texts, the 查看提示-style follow-up, summaries, stats."""

from __future__ import annotations

import html
from datetime import datetime

from telegram.constants import PollLimit

from bot.progress.stats import LOCAL_TZ, StudyStats
from bot.study import Feedback, QuizQuestion, RoundSummary
from bot.tgbot.formatting import SOURCE_PAGE_MESSAGES, around, pack, shorten

MODE_NAMES = {"quiz": "答题", "review": "复习", "challenge": "挑战", "daily": "每日答题"}
FEEDBACK_CONTEXT_CHARS = 3_000  # of the source paragraph around the answer; one message holds it


def poll_question(question: QuizQuestion) -> str:
    """The poll's question with its place in the round, when that still fits."""
    text = question.item["question"]
    place = f"第{question.position + 1}题" if question.mode == "challenge" else f"{question.position + 1}/{question.total}"
    numbered = f"（{place}）{text}"
    return numbered if len(numbered) <= PollLimit.MAX_QUESTION_LENGTH else text


def feedback_messages(feedback: Feedback) -> list[str]:
    """Right or wrong, the answer, and the source paragraph with the answer in bold (only near it, if the paragraph is long)."""
    item = feedback.item
    source = item.get("source", {})
    verdict = "✅ 回答正确！" if feedback.correct else f"❌ 回答错误。正确答案：<b>{html.escape(shorten(item['answer'], 200))}</b>"
    title = source.get("title", "")
    header = f"{verdict}\n\n📖 出处《{html.escape(shorten(title))}》第{source.get('paragraph', '?')}段：\n"
    answer, paragraph = item.get("key") or item["answer"], feedback.paragraph  # NOT and 判断题 answers are not in the text
    target = next((i for i, t in enumerate(paragraph) if t == source.get("text") and answer in t), None)
    if target is None:
        target = next((i for i, t in enumerate(paragraph) if answer in t), None)
    segments: list[tuple[str, bool]] = []
    focus = 0
    for index, sentence in enumerate(paragraph):
        if index == target:
            before, _, after = sentence.partition(answer)
            segments += [(before, False), (answer, True), (after, False)]
            focus = len(segments) - 2
        else:
            segments.append((sentence, False))
    return pack(around(segments, focus, FEEDBACK_CONTEXT_CHARS), header=header)[:SOURCE_PAGE_MESSAGES]


def summary_message(summary: RoundSummary) -> str:
    name = MODE_NAMES.get(summary.mode, "答题")
    if summary.mode == "challenge":
        return challenge_summary(summary)
    lines = [f"🏁 本轮{name}结束：答对 <b>{summary.correct}/{summary.total}</b> 题。"]
    if summary.wrong_items:
        lines.append("答错的题已加入错题复习，到期后发送 /review 复习。")
    elif summary.total:
        lines.append("全部答对，继续保持！")
    if summary.streak:
        lines.append(f"🔥 已连续学习 <b>{summary.streak}</b> 天，明天继续 /daily 。")
    lines.append("发送 /quiz 再来一轮，/stats 查看学习统计。")
    return "\n".join(lines)


def challenge_summary(summary: RoundSummary) -> str:
    """How far the challenge went and the best score so far."""
    lines = [f"🏁 挑战结束：连续答对 <b>{summary.correct}</b> 题，最好成绩 <b>{summary.best}</b> 题。"]
    if summary.wrong_items:
        lines.append("答错的题已加入错题复习，到期后发送 /review 复习。")
    lines.append("发送 /challenge 再挑战一次。")
    return "\n".join(lines)


def no_review_message(next_due: datetime | None) -> str:
    if next_due is None:
        return "目前没有错题需要复习。发送 /quiz 开始答题吧！"
    local = next_due.astimezone(LOCAL_TZ)
    return f"目前没有到期的复习题。下一道错题将在 {local:%m月%d日 %H:%M} 到期，届时发送 /review 复习。"


def stats_message(stats: StudyStats, titles: dict[str, str]) -> str:
    if not stats.answered:
        return "您还没有答过题。发送 /quiz 开始第一轮答题！"
    lines = [
        "📊 <b>学习统计</b>",
        f"已答题：{stats.answered} 题",
        f"正确率：{stats.accuracy:.0%}（答对 {stats.correct} 题）",
        f"连续学习：{stats.streak_days} 天",
        f"待复习错题：{stats.due} 题",
    ]
    if stats.weakest:
        lines.append("\n最需要加强的段落：")
        for spot in stats.weakest:
            title = titles.get(spot.doc_id, "")
            where = f"《{html.escape(shorten(title))}》第{spot.paragraph}段" if title else f"第{spot.paragraph}段"
            topic = f"（{html.escape(shorten(spot.topic))}）" if spot.topic and not spot.topic.startswith("第") else ""
            lines.append(f"• {where}{topic}：错 {spot.wrong}/{spot.total}")
    return "\n".join(lines)


DAILY_REMINDER = "📚 每日答题时间到了！发送 /quiz 开始今天的练习。"
