"""How a question reads: a sentence with a blank, or the sentence turned into a question.

Cloze questions quote the sentence verbatim with the phrase blanked, as 学习强国 填空题 do. Choice
questions name the document and ask with a question word in place of the phrase ('……几支队伍建设？'),
the way a teacher would ask it aloud.
"""

from __future__ import annotations

import re

from telegram.constants import PollLimit

from bot.quiz.candidates import IDIOM, ITEM, NUMBER, QUOTE, TERM, Candidate, word_class
from bot.quiz.text import clause_span, strip_discourse, tokens
from ingest.zh_text import PAUSE_MARKS, SENTENCE_MARKS

BLANK = "（    ）"
ELLIPSIS = "……"
MIN_CONTEXT = 8  # characters before '什么': '要注重什么？' says too little to have one right answer
MAX_STEM_HEAD = 80  # characters of context kept before the asked phrase
MAX_WHOLE_STEM = 120  # a reworded sentence this short is quoted to its end

_SMALL_NUMERALS = set("一二两三四五六七八九十")
_LOCATIVES = set("中上下里内外时前后间")
_CLAUSE_END = re.compile(rf"[{re.escape(PAUSE_MARKS)}]")


def cloze_question(sentence: str, answer: Candidate) -> str:
    masked = sentence[: answer.start] + BLANK + sentence[answer.end :]
    return "填空：" + masked.strip()


def choice_question(title: str, sentence: str, answer: Candidate) -> str | None:
    """A question asking for the phrase, or None when no natural wording exists for this kind of phrase."""
    if answer.category == ITEM and answer.group_start >= 0:
        return _list_question(title, sentence, answer)
    if answer.category == QUOTE:
        stem = _stem(sentence, answer.start, answer.end, ELLIPSIS, whole=True)
        return f"根据《{title}》，{stem}。省略号处引号里的原话是？"
    if answer.category == NUMBER:
        asked = _number_question(answer)
        stem = _stem(sentence, answer.start, answer.end, asked)
        if len(stem) - len(asked) < MIN_CONTEXT:  # '到哪一年？' alone asks nothing: quote the sentence on
            stem = _stem(sentence, answer.start, answer.end, asked, whole=True)
        return f"根据《{title}》，{stem}？"
    if answer.category == TERM and _asks_well(sentence, answer):
        return f"根据《{title}》，{_stem(sentence, answer.start, answer.end, '什么')}？"
    if answer.category == IDIOM and answer.after == "de" and answer.before == "v":
        return f"根据《{title}》，{_stem(sentence, answer.start, answer.end, '什么样')}？"
    return None


def _number_question(answer: Candidate) -> str:
    """'3支' -> '几支', '第一位' -> '第几位', '2024年' -> '哪一年', '95%' -> '多少'."""
    digits = answer.text.strip("第" + answer.unit)
    if answer.unit == "年" and len(digits) == 4:
        return "哪一年"
    if answer.unit in "%％":
        return "多少"
    if answer.text.startswith("第"):
        return "第几" + answer.unit
    small = digits in _SMALL_NUMERALS or (digits.isdigit() and int(digits) <= 10)
    return ("几" if small else "多少") + answer.unit


def _asks_well(sentence: str, answer: Candidate) -> bool:
    """'什么' can stand where a noun is the object ('凝聚共识' -> '凝聚什么') or follows 的 ('肥沃的土壤'),
    but not inside a compound ('决定因素'), after '这一', before a locative ('进程中') or as a whole clause."""
    if word_class(answer.flag) != "n":
        return False
    if answer.before not in ("de", "v") or sentence[answer.end : answer.end + 1] in _LOCATIVES:
        return False
    head = sentence[: answer.start]
    if answer.before == "v" and not head.endswith("是") and not _ends_with_verb(head):
        return False
    if answer.after not in ("x", "de", "c", "p", "u") and not (answer.after == "v" and answer.before == "de"):
        return False  # '岗位要求', '个性化成长路径': it modifies the next word
    if _object_of_preposition(sentence, answer):
        return False
    return len(strip_discourse(head)) >= MIN_CONTEXT


def _object_of_preposition(sentence: str, answer: Candidate) -> bool:
    """'对连续两年考核为优秀的（乡镇干部），优先推荐为…': the clause is a 对/把/将 phrase whose verb comes in
    the next clause, so '对…的什么？' cut at the clause end asks nothing."""
    start, end = clause_span(sentence, answer.start, answer.end)
    words = tokens(sentence[start:end])
    return bool(words) and words[0].flag == "p" and answer.end == end


def _ends_with_verb(text: str) -> bool:
    """Whether the text ends with a two-character verb that governs what follows ('搭建', '凝聚'), rather
    than one inside a noun phrase ('决定因素' after '的', '学习计划' after '中心组', '质量强国建设')."""
    toks = tokens(text)
    if not toks or toks[-1].flag != "v" or len(toks[-1].word) < 2:
        return False
    if len(toks) < 2:
        return True
    before = toks[-2]
    if before.word == "的":
        return False
    clause = text[clause_span(text, toks[-1].start, toks[-1].end)[0] :]
    return not before.flag.startswith("n") or "为" in clause  # '为质量强国凝聚共识': the noun ends a 为-phrase


def _list_question(title: str, sentence: str, answer: Candidate, negative: bool = False) -> str:
    """'……采取……等途径。下列属于文中所列途径的是？': the whole list is hidden, one item is asked
    (or, `negative`, the one option that is not in the list)."""
    stem = _stem(sentence, answer.group_start, answer.group_end, ELLIPSIS, whole=True)
    what = f"文中所列{answer.head}" if answer.head else "省略号处所列内容"
    return f"根据《{title}》，“{_inner_quotes(stem)}”。下列{'不' if negative else ''}属于{what}的是？"


def multi_question(title: str, sentence: str, answer: Candidate) -> str | None:
    """'下列属于文中所列……的有？（多选）' for a member of a list of three or more, else None."""
    if answer.category != ITEM or answer.group_start < 0 or len(answer.group) < 3:
        return None
    return _list_question(title, sentence, answer).removesuffix("的是？") + "的有？（多选）"


def not_question(title: str, sentence: str, answer: Candidate) -> str | None:
    """'下列不属于文中所列……的是？' for a member of a list of three or more, else None."""
    if answer.category != ITEM or answer.group_start < 0 or len(answer.group) < 3:
        return None
    return _list_question(title, sentence, answer, negative=True)


def judge_question(title: str, sentence: str, answer: Candidate, shown: str) -> str:
    """'判断正误：根据《…》，“…”': the statement around the phrase, with `shown` in its place (the phrase
    itself for a true statement, a distractor for a false one)."""
    stem = _stem(sentence, answer.start, answer.end, shown, whole=True)
    return f"判断正误：根据《{title}》，“{_inner_quotes(stem)}”"


def headings_not_question(title: str, first: int, last: int) -> str:
    """Parts `first` to `last` (1-based) of the outline, so two windows of one outline read differently."""
    return f"《{title}》第{first}至第{last}部分的标题各提出了一项举措，下列哪一项不是其中之一？"


def _inner_quotes(text: str) -> str:
    """Quotes inside a quotation become single quotes."""
    return text.replace("“", "‘").replace("”", "’")


def _stem(sentence: str, start: int, end: int, replacement: str, whole: bool = False) -> str:
    """The sentence with the span replaced, up to the end of its clause (or of the sentence when `whole`
    and short), and with far-off leading clauses dropped so the question stays readable on a phone."""
    head = strip_discourse(sentence[:start])
    if len(head) > MAX_STEM_HEAD:
        breaks = [m.end() for m in _CLAUSE_END.finditer(head) if len(head) - m.end() <= MAX_STEM_HEAD]
        head = head[breaks[0] :] if breaks else head[-MAX_STEM_HEAD:]
    _, clause_end = clause_span(sentence, start, end)
    tail = sentence[end:clause_end]
    rest = sentence[end:].rstrip().rstrip(SENTENCE_MARKS)
    if whole and len(head) + len(replacement) + len(rest) <= MAX_WHOLE_STEM:
        tail = rest
    return head + replacement + tail


def explanation(title: str, paragraph: int, sentence: str, answer: str) -> str:
    """'出处《标题》第N段：原句', shortened around the answer to fit a quiz poll's explanation."""
    limit = PollLimit.MAX_EXPLANATION_LENGTH
    prefix = f"出处《{_fit(title, 40)}》第{paragraph}段："
    text = sentence.strip()
    room = limit - len(prefix)
    if len(text) <= room:
        return prefix + text
    at = text.find(answer)
    budget = room - 2 * len(ELLIPSIS)
    start = max(0, min(at - (budget - len(answer)) // 2, len(text) - budget)) if at >= 0 else 0
    window = text[start : start + budget]
    return prefix + (ELLIPSIS if start > 0 else "") + window + (ELLIPSIS if start + budget < len(text) else "")


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
