"""Where Chinese text breaks: sentence and clause marks, closing quotes, indents, numerals; the words that ask.

Defined once so that the ingest splitter, the answer verifier, the streaming draft and the Telegram
packer agree on where a sentence ends. Kept apart from ingest.textnorm, whose forms exist only for
matching: these rules cut the original text, and every cut joins back to it exactly. The interrogatives
at the end are defined once too, so that every reader of a question agrees on which of its words ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # a character class body: ideographs
CJK_RUN = re.compile(rf"[{CJK}]+")  # a run of ideographs: the Chinese words in mixed text
_COMPOUND = re.compile(rf"[{CJK}]{{4}}")  # two two-ideograph words, as jieba often keeps them joined (人才培养)

STOPS = "。！？!?"  # full stop, question and exclamation marks
SEMICOLONS = "；;"
COLONS = "：:"
COMMAS = "，,"
QUOTED_TITLE = re.compile(r"《([^》]*)》")  # a title in 《》: of a document, a law, a work
_TITLE_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def bare_title(title: str) -> str:
    """A title without its closing qualifier in brackets, which no one says when naming it: 杨昊 of 杨昊 (足球运动员),
    …实施办法 of …实施办法（征求意见稿）."""
    return _TITLE_QUALIFIER.sub("", title)
ENUMERATION_COMMA = "、"  # separates list items ("甲、乙、丙"), not clauses with a claim of their own
SENTENCE_MARKS = STOPS + SEMICOLONS
PAUSE_MARKS = COMMAS + SEMICOLONS + COLONS  # clause marks that are not list separators
CLAUSE_MARKS = PAUSE_MARKS + ENUMERATION_COMMA
ELLIPSIS = "…"
# Closing quotes and brackets that belong to the sentence whose mark they follow: 他说：“好。”
CLOSERS = "”’」』》）)\"'"
QUOTES = "“”‘’\"'"
QUOTE_MARKS = QUOTES + "「」『』"  # with the corner brackets a phrase may be quoted in too
BREAKING_SPACES = " \t\u3000"
INDENT = BREAKING_SPACES + "\u00a0"  # what may pad a line or paragraph at either end
CN_DIGITS = "零〇一二三四五六七八九"
CN_NUMERALS = CN_DIGITS + "十百千万两"

_ENTITY = r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
# A sentence ends at a run of sentence marks or an ellipsis (… …… ...), with the closers after it.
SENTENCE_END_PATTERN = rf"(?:[{re.escape(SENTENCE_MARKS)}]+|{ELLIPSIS}{{1,2}}|\.{{3,}})[{re.escape(CLOSERS)}]*"
_CLAUSE_END = re.compile(rf"[{re.escape(PAUSE_MARKS + SENTENCE_MARKS + ELLIPSIS)}]+[{re.escape(CLOSERS)}]*")


@lru_cache(maxsize=8)
def _boundary(lines: bool, trailer: str) -> re.Pattern[str]:
    """The pattern of sentence ends. The ';' closing an HTML entity (&amp; &#39;) is matched first, as the
    entity group, and ends nothing. `trailer` (e.g. citation markers) sticks to the end before it;
    with `lines`, a line break ends a sentence too and the line breaks right after an end stay with it."""
    end = SENTENCE_END_PATTERN + (rf"(?:[ \t]*(?:{trailer}))*" if trailer else "")
    if lines:
        end = rf"(?:{end}\n*|\n+)"
    return re.compile(rf"(?P<entity>{_ENTITY})|{end}")


def sentence_ends(text: str, *, lines: bool = False, trailer: str = "") -> Iterator[int]:
    """The offsets right after each sentence end (mark, closers and, as asked, trailer and line breaks)."""
    for match in _boundary(lines, trailer).finditer(text):
        if match.group("entity") is None:
            yield match.end()


def sentence_spans(text: str, *, lines: bool = False, trailer: str = "") -> list[tuple[int, int]]:
    """(start, end) of each sentence: they cover the text exactly, in order. A blank stretch is not a
    sentence: at the start it joins the sentence after it, at the end the one before it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in sentence_ends(text, lines=lines, trailer=trailer):
        if text[start:end].strip():
            spans.append((start, end))
            start = end
    if text[start:].strip() or (not spans and start < len(text)):
        spans.append((start, len(text)))
    elif spans and start < len(text):
        spans[-1] = (spans[-1][0], len(text))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its closing mark; "".join() gives the text back."""
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_pieces(text: str, trailer: str = "") -> list[str]:
    """Sentences of a multi-line text: also cut after line breaks (kept with the piece they end), with
    `trailer` matches (citation markers) kept with the sentence they follow; "".join() gives the text back."""
    return [text[start:end] for start, end in sentence_spans(text, lines=True, trailer=trailer)]


def split_clauses(text: str) -> list[str]:
    """The pieces of a text between pause, sentence and ellipsis marks, each with its mark; "".join()
    gives the text back. List commas (、) do not cut: "甲、乙、丙" is one clause."""
    pieces: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def clause_texts(text: str) -> list[str]:
    """The words of each clause: without their marks and the spaces around them, blank ones dropped."""
    texts: list[str] = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        texts.append(text[start : match.start()].strip())
        start = match.end()
    texts.append(text[start:].strip())
    return [clause for clause in texts if clause]


def strip_indent(text: str) -> str:
    """The text without the spaces, tabs, ideographic and no-break spaces that pad it."""
    return text.strip(INDENT)


def ends_with_colon(text: str) -> bool:
    """Whether a line or sentence ends in a colon: it leads in to what follows (成员如下：, 主要职责：)."""
    return strip_indent(text).strip().endswith(tuple(COLONS))


def strip_sentence_end(text: str) -> str:
    """The text without the sentence marks and spaces it ends with: a heading shown as a label."""
    return text.rstrip(SENTENCE_MARKS + BREAKING_SPACES)


_CN_DIGITS_IN_ORDER = "零一二三四五六七八九"
_CN_DIGIT_VALUES = {ch: value for value, ch in enumerate(_CN_DIGITS_IN_ORDER)} | {"〇": 0, "两": 2}


def cn_numeral(value: int) -> str:
    """1-99 in Chinese numerals ('五', '十五', '二十'): how a reply names a part or an option a question counted."""
    tens, ones = divmod(value, 10)
    if not tens:
        return _CN_DIGITS_IN_ORDER[ones]
    return ("" if tens == 1 else _CN_DIGITS_IN_ORDER[tens]) + "十" + (_CN_DIGITS_IN_ORDER[ones] if ones else "")


def cn_number(text: str) -> int | None:
    """The value of a small numeral as documents and questions write it ("四", "十二", "二十", "12"), or
    None: position words such as 第四段 and heading numbers 三、 are read by this one rule."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGIT_VALUES and ch not in "十百" for ch in text):
        return None
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGIT_VALUES:
            digit = _CN_DIGIT_VALUES[ch]
        else:
            total += (digit or 1) * (10 if ch == "十" else 100)
            digit = 0
    return total + digit


# Words of one meaning, said in other words by people than by policy text: a question saying one of them is read
# in the one the materials use (说到底 of 归根到底, 课时 of 学时). Only true equivalents: 钱 is not 资金. Latin letters
# lower case, as matching reads them.
SAME_MEANING: tuple[tuple[str, ...], ...] = (
    ("归根到底", "归根结底", "说到底"),
    ("学时", "课时"),
    ("公斤", "千克"),
    ("公里", "千米"),
    ("名义", "名头"),  # 以…名义, 用的啥名头; not 名目
    ("妻子", "老婆", "媳妇"),  # family as people say it (他老婆是干什么的) and as a text writes it; not 爱人, either spouse
    ("丈夫", "老公"),
    ("配偶", "爱人"),  # either spouse, as a 述职报告 reports family (配偶在县第二中学任教)
    ("籍贯", "老家"),  # where one is from, as a 现实表现材料's header gives it
    ("父亲", "爸爸"),
    ("母亲", "妈妈"),
    ("最低", "垫底"),  # 哪类产品合格率垫底
    ("家用电器", "家电"),
    ("年龄", "岁数"),  # 报名岁数一般不能超过多少
    ("抽查", "抽检"),  # a spot check, as reports write it and as people ask it (这回抽检一共涉及多少家企业)
    ("不合格", "不过关", "没过关"),  # 抽检下来有几批东西不过关, 连着两回没过关
    ("本次", "这次", "这回"),  # 这回查燃气灶一共查了几家企业, of a text saying 本次共抽查…38家
    ("来访", "上门"),  # 要上门当面投诉该去哪儿, of a 来访地址：… line
    ("aaa", "3a"),  # a credit or scenic grade as people say it (拿到3A的一共几家), of a 公示 listing AAA级; normalised
    ("aa", "2a"),
    ("异议", "不服"),  # 对结果不服要找哪个科室, of a text saying 对公示结果有异议的
    # Choosing cadres for a post, as cadres say it (提拔干部讲究啥原则) of a text saying 选拔干部; jieba keeps each phrase whole.
    # Not 提拔 and 选拔 alone: 选拔 also picks people for training or a team.
    ("选拔干部", "提拔干部"),
    # An everyday word for the written one (让干部换岗 of 轮岗交流). Not 要紧 for 重要: jieba cuts 要紧跟 as 要紧/跟.
    ("轮岗", "换岗"),
    # Short and spoken forms of the written phrase (给基层减负 of 切实减轻基层负担; 熬资历 of 论资排辈; 反腐 of 拒腐防变),
    # read so only where the materials write the long form and not the short one.
    ("减轻负担", "减负"),
    ("论资排辈", "熬资历", "论资历"),
    ("拒腐防变", "反腐", "反腐败"),
    ("世界观、人生观、价值观", "三观"),
    ("选拔任用", "选人用人"),  # choosing and using cadres, as people say it (在选人用人方面) of 干部选拔任用制度
)


# A cadre's record in its five parts, 德能勤绩廉, each headed by its character and asked of by a word for it
# ("能力方面", "廉洁方面"): not any word holding the character (节能, 职能, 成绩 of a plan).
ASPECT_WORDS: dict[str, tuple[str, ...]] = {
    "德": ("品德", "道德品质", "政治品德", "思想品德"),
    "能": ("能力", "业务能力", "工作能力"),
    "勤": ("勤政", "勤勉", "勤奋", "敬业", "工作态度"),
    "绩": ("业绩", "实绩", "工作实绩", "工作业绩"),
    "廉": ("廉洁", "廉政", "廉洁自律"),
}


# A verb's result said with the way it went, as people say it (追回来, 收回去) and texts do not (追回, 收回).
RETURNING = ("回来", "回去")
DATE_UNITS = "年月日号"  # after a date's figures (2026年, 7月, 12日, 3号); jieba cuts them apart from the figure
# What a numeral counts or dates: 三支队伍, 十五路, 二〇一七年.
COUNTERS = "个名人年月日天岁次项条支位家所元块倍种部座本场届只件台辆层号分秒米里吨斤亩篇区门颗首集期级章卷匹头株枚路桌张户"
ITEM_COUNTERS = "个项类种条起件"  # what counts a list's items (三个阶段, 四项任务, 7起问题); not 点, which is also a clock
COUNTED_ITEMS = re.compile(rf"[{CN_NUMERALS}\d]+[{ITEM_COUNTERS}]")  # a count of items as written: 三个, 4项, 7起
# Units of measure no single counter says: "多少学时" is answered only by a figure in 学时, not by 3支队伍.
MEASURE_WORDS = ("学时", "课时", "学分", "小时", "分钟", "公里", "千米", "平方米", "平方公里", "平方千米", "立方米", "公斤", "千克", "公顷", "人次", "毫米", "厘米")
# Names of one unit, as texts write it: a question in 公里 is answered by 12千米 or 12km, one in 厘米 by 2cm or 15公分.
_SQUARE_METRES = ("平方米", "平米", "㎡", "m²", "m2")
_SQUARE_KILOMETRES = ("平方公里", "平方千米", "km²", "km2")
SAME_UNITS = (
    ("公里", "千米", "km"), ("公斤", "千克", "kg"), ("厘米", "公分", "cm"), ("毫米", "mm"),
    _SQUARE_METRES, _SQUARE_KILOMETRES, ("立方米", "m³", "m3"),
)
# Every unit of area: "面积有多大" is answered in any of them.
AREA_UNITS = (*_SQUARE_METRES, *_SQUARE_KILOMETRES, "亩", "公顷")
_COUNTED = re.compile(rf"[{CN_DIGITS}两十百]+(?=[{COUNTERS}])")


def unit_names(unit: str) -> str:
    """A pattern for every name of `unit` (SAME_UNITS). A Latin one, in either case, only right after a figure and not
    run into a word (12 KM, 2cm; not 2cmos, nor the km of www.km.gov.cn)."""
    names = next((group for group in SAME_UNITS if unit in group), (unit,))
    latin = r"(?<=[0-9０-９])\s?(?i:{})(?![A-Za-z])"
    return "(?:" + "|".join(latin.format(re.escape(name)) if name.isascii() else re.escape(name) for name in names) + ")"


# How a 简报 or a news page counts its items, each under its own headline: 三条消息, 第二则新闻.
NEWS_ITEM = r"(?:(?:条|则|篇)(?:消息|新闻|报道|稿件)|则)"  # not 信息: 第三条信息公开… is an article


def arabic_counts(text: str) -> str:
    """Counted numerals in Arabic figures (三支 → 3支, 二〇一七年 → 2017年), so that a question and a
    document writing a count differently still match. For matching only: quotes stay verbatim."""
    return _COUNTED.sub(_arabic, text)


def written_counts(text: str) -> list[tuple[str, str]]:
    """Each count written in characters, with its counter, and the same count in figures: ("三支", "3支")."""
    return [(m.group(0) + text[m.end()], _arabic(m) + text[m.end()]) for m in _COUNTED.finditer(text)]


def _arabic(match: re.Match[str]) -> str:
    numeral = match.group(0)
    if len(numeral) > 1 and all(ch in _CN_DIGIT_VALUES for ch in numeral):  # 二〇一七: digit by digit
        return "".join(str(_CN_DIGIT_VALUES[ch]) for ch in numeral)
    value = cn_number(numeral)
    return str(value) if value is not None else numeral


# A modal verb that tells the reader what to do (应/要/必须), not the 要/应 inside 要求, 重要, 主要, 需要, 首要,
# 适应, 相应, 应用: a paragraph's measures are its directive sentences, its background is the rest.
# Targets and bans direct too: 力争, 确保, 不少于 3200 批次, 不得.
_DIRECTIVE = re.compile(
    r"(?<![重主需只首纲摘适相反响供对])(?:必须|应当|应该|应|要)(?![求点素件用])|力争|(?<!为)确保|不少于|不低于|不超过|不得(?!不)|严禁|计划(?:安排|完成)"
)


def is_directive(sentence: str) -> bool:
    """Whether a sentence says what to do ("质监部门应定期组织…", "还要注重…") rather than why."""
    return _DIRECTIVE.search(sentence) is not None


# A call to the readers, as policy texts close ("让我们紧密团结…", "号召广大干部…"): what a learner asks for
# with "文章最后号召我们做什么". 响应号召 reports a call made elsewhere: only 让我们 or a call with its
# addressees counts.
CALL_VERBS = ("号召", "呼吁", "倡议")
_CALL = re.compile(rf"让我们|(?:{'|'.join(CALL_VERBS)}|希望)(?:广大|各位|大家|全体|全社会|各级|我们)")
# In a text's closing, "我们必须…努力造就…" calls on the readers as well: the writer counts them in. Not 我们必须清醒地看到,
# which owns a fact, nor in the body, where the writer reasons with the reader.
_WE_MUST = re.compile(r"我们(?:必须|一定要|务必|应当)(?![^，,。；;]{0,4}?(?:清醒|看到|认识到|承认|正视|指出|明白))")

# Words by which a question and a heading name the same part of a report or a plan: "去年干成了哪些事" asks for
# "一、主要工作成效", "分哪几步" for the stages under "三、工作安排", "有哪些不足" for "二、存在的问题".
# The parts a report lists (成绩, 问题, 打算): "有什么打算" asks for one as "有哪些打算" does.
PLAN_WORDS = ("打算", "计划", "思路", "下一步")
LISTED_PART_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("成绩", "成效", "成果", "成就", "干成", "做成", "亮点"),
    ("问题", "不足", "短板", "差距", "薄弱"),
    PLAN_WORDS,
)
# A question asking what was done ("他在学习方面做了哪些事"), which a plan's part ("五、下一步打算 > 一是持续加强学习") does
# not tell, however well its heading names the topic.
ASKS_DONE = re.compile(r"(?:做|干|办|抓|搞|开展|完成|取得|落实)了|(?:做|干|办)过|去年|过去一年")
PART_SYNONYMS: tuple[tuple[str, ...], ...] = LISTED_PART_SYNONYMS + (
    ("几步", "步骤", "阶段", "环节", "流程", "安排"),  # not 步: 进一步, 同步; "这次会议有什么安排" is a fact (review)
    ("罚则", "法律责任", "责任追究", "处罚"),
)


@lru_cache(maxsize=4096)
def part_synonyms(word: str) -> tuple[str, ...]:
    """The other words for the part a question's word asks for (a word holding a member of a PART_SYNONYMS
    group: 几步 holds 步), or none."""
    return tuple(member for group in PART_SYNONYMS if any(m in word for m in group) for member in group)


def names_part(word: str, heading: str) -> bool:
    """Whether a question's word names what a heading (or a text) names: the word itself, a synonym, a
    four-ideograph compound in the other order ("人才培养" of "培养人才"), or its verb with another result
    ("练出" of "练就")."""
    return (
        word in heading
        or any(member in heading for member in part_synonyms(word))
        or _reordered_in(word, heading)
        or _with_other_result(word, heading)
    )


# What a verb's result is said with (练出, 练成, 练就 本领): the same doing, another way of saying it is done. Not 好,
# 到: 完成 is no 完好, 提出 no 提到.
RESULT_COMPLEMENTS = "出成就"


def _with_other_result(word: str, text: str) -> bool:
    """Whether `word` is a verb and its result (练出) and `text` holds that verb with another result (练就)."""
    if len(word) != 2 or word[1] not in RESULT_COMPLEMENTS or not re.fullmatch(f"[{CJK}]", word[0]):
        return False
    return re.search(f"{re.escape(word[0])}[{RESULT_COMPLEMENTS}]", text) is not None


def _reordered_in(word: str, text: str) -> bool:
    """Whether `text` holds a compound of two two-ideograph words the other way round (人才培养: 培养人才)."""
    return bool(halves := compound_halves(word)) and halves[1] + halves[0] in text


def abbreviates(word: str, text: str) -> bool:
    """Whether a word of three or more ideographs that `text` does not hold is a short form of a run it does:
    its characters in order, first and last included, within one run of ideographs at most twice its length
    (电动车 of 电动自行车; not 质监局 of 质量技术监督管理局, too long a run to be its short form)."""
    if len(word) < 3 or word in text or not CJK_RUN.fullmatch(word) or not set(word) <= set(text):
        return False
    return spells_out(word, text)


def spells_out(word: str, text: str) -> bool:
    """Whether `text` holds `word`'s ideographs in order, first and last included, within one run of ideographs at most
    twice its length: the run a short form abbreviates (新冠 of 新型冠状病毒, 电动车 of 电动自行车)."""
    return CJK_RUN.fullmatch(word) is not None and any(len(found.group(1)) <= 2 * len(word) for found in _spread(word).finditer(text))


@lru_cache(maxsize=4096)
def _spread(word: str) -> re.Pattern[str]:
    """`word`'s characters in order within one run of ideographs; compiled once per word, as every
    document's title is tried against the same few words of a question."""
    return re.compile("(?=(" + f"[{CJK}]*?".join(map(re.escape, word)) + "))")


def compound_halves(word: str) -> tuple[str, ...]:
    """The two words of a four-ideograph compound jieba kept whole (选拔干部: 选拔, 干部); () for another word."""
    return (word[:2], word[2:]) if _COMPOUND.fullmatch(word) else ()


def written_apart(word: str, text: str) -> bool:
    """Whether `text` holds both words of a compound jieba kept whole (基层干部: 基层 … 干部; 职业规划: 职业发展规划), anywhere
    in it: a caller passes a text as short as a paragraph."""
    return bool(halves := compound_halves(word)) and all(half in text for half in halves)


# The kinds of document policy work is written in: a title ends with one (《…实施意见》), a question names a
# document by one ("这个办法", "这份通知") or by what it is (文章, 讲话).
DOCUMENT_KINDS = (
    "通知", "意见", "办法", "规定", "方案", "决定", "报告", "总结", "细则", "规则", "规划", "纲要", "标准", "制度", "公告",
    "通报", "批复", "指南", "规范", "条例", "要点", "函", "纪要", "简报", "汇编", "说明书", "决定书", "通知书", "告知书", "意见书", "请示",
    "公示", "实录",  # 公示: a 评价结果公示; 实录: a 新闻发布会文字实录
    "笔录", "试卷",  # 笔录: a 询问笔录 or 现场检查笔录; 试卷: an exam paper
)
# Kinds that name the document only when pointed at (这个提示, 这份警示: a 消费提示, a 风险警示): 风险提示 and 警示教育 are topics.
POINTED_KINDS = ("提示", "警示")
MINUTES = "纪要"  # a meeting's record (局长办公会议纪要): it says when the meeting was held and whom it goes to
SPEECH = "讲话"
# What a speech is called by the kind of its title: a 讲话, a 讲稿 read out, a 党课 given to the party members.
SPEECH_WORDS = (SPEECH, "讲稿", "党课")
# Kinds named in two words ("这个工作要点", "本工作方案", "这份述职报告"): the whole phrase names the document. Not
# 工作总结, which a question says as a verb ("此项工作总结一下").
WORK_DOCUMENT_KINDS = (
    "工作要点", "工作方案", "工作规则", "工作计划", "工作报告", "述职述廉报告", "述职报告", "调研报告", "事迹材料", "知识问答",
    "现实表现材料", "表现材料", "考察材料", "心得体会", "学习体会", "学习心得",
)
# The line closing an official document before its signature (or a speech): a formula, nothing the document says.
CLOSING_FORMULA = re.compile(
    r"^(?:特此(?:报告|通知|通报|函告|函复|批复|公告|说明|请示)|以上(?:报告|意见|请示|对照检查|发言|汇报)?[，,]?(?:恳|敬)?请[^。！]{0,12}|妥否[，,]?请[^。！]{0,6}"
    r"|(?:谢谢(?:大家|各位)?|讲话完毕)"  # a speech's thanks close it too
    # a record read back: 当事人意见：以上笔录我已看过，与我说的一致; not 以上记录表明问题依然突出
    r"|(?:[\u4e00-\u9fff]{2,5}意见[：:])?以上(?:笔录|记录)[^。！]{0,12}(?:看过|宣读|核对|属实|无误|一致)[^。！]{0,12}"
    r")[。！!]?$"
)
# The titles by which officials sign and are spoken of: "局长　魏承远" on a speech, "魏局长" in a question.
OFFICIAL_TITLES = ("局长", "厅长", "处长", "部长", "主任", "书记", "主席", "市长", "县长")
# A bracketed aside (学名, 化学式, 又名, an English name), which says nothing of its own: 保罗·塞里诺（Paul Sereno）.
ASIDE = re.compile(r"[（(][^（）()]*[）)]")
# How a text gives a thing another name: 又名, 亦称, 简称, 俗称, 原名, 改为, 称为, 名为, 外号 (白尾雀鲷，又称金尾雀鲷),
# or the name of an age (唐代称黄木湾, 人称小诸葛).
ALIAS_SAID = re.compile(
    r"[又亦也或]被?(?:名|称|叫|作|译|写)|别[名称]|[简俗通合统昵古史前]称|俗名|[原旧本学初曾]名|旧称|原称|全称|前身|改[名称为]|更名|[代时朝人]称|"
    r"称[为作之]|叫[做作]|名[为叫]|译[为作]|外号|绰号|号称|缩写|简写|之称|被誉为|名称|名字"
)
# The hundred commonest surnames (about 85% of people): what a three-character name jieba's fast pass misses opens with,
# where its slower pass also reads place names (尚贤坊, 神姬岛) as people.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# How a question calls someone other than by full name: by post (韩局长, 陈科长, or short: 韩局, 陈科, 王总) or as people
# address each other (小王, 老李, 阿强, 王哥, 李姐, 张师傅). Texts name the same person in full, so none is a stranger.
POST_TITLES = OFFICIAL_TITLES + ("科长", "所长", "站长", "队长", "院长", "校长", "经理")
POST_SHORT_FORMS = ("局", "处", "科", "所", "站", "队", "院", "校", "总", "部", "厅")
ADDRESS_PREFIXES = ("小", "老", "阿")
ADDRESS_SUFFIXES = ("哥", "姐", "叔", "姨", "师傅", "老师", "同志")
GREETINGS = ("你好", "您好", "老师好", "哈喽")  # may open a question, and name nothing
# A sentence opening with one speaks of the person the sentence before named ("周立新在讲话中…。他强调，…").
PERSONAL_PRONOUNS = ("他们", "她们", "他", "她")
DOCUMENT_WORDS = DOCUMENT_KINDS + ("文章", "文件", "材料", "百科词条", "词条", *SPEECH_WORDS)  # 词条: an encyclopedia entry
# An official document's issuing number (江市监人〔2024〕17号), and the lines printed above its title: its copy
# number (000015), secrecy and urgency (机密★1年, 特急), letterhead (澄州市市场监督管理局文件), number, who signed it.
DOCUMENT_NUMBER = re.compile(r"[〔［\[(（]\d{4}[〕］\])）]\s*第?\s*\d{1,4}\s*号")  # 〔2025〕58号, 〔2025〕第58号
ABOVE_TITLE_MAX_LINES = 6  # copy number, secrecy, urgency, letterhead, number, signer
_LETTERHEAD = re.compile(rf"^(?!.*(?:关于|的))[{CJK}（）()]{{2,40}}文件$")
_SIGNER = r"签发人[:：]\s*\S{2,12}"
_NUMBER_LINE = re.compile(rf"^[{CJK}A-Za-z]{{0,12}}{DOCUMENT_NUMBER.pattern}(?:[\s\u3000]*{_SIGNER})?$")
_ABOVE_TITLE = re.compile(
    rf"^(?:绝密|机密|秘密)(?:[★☆]\s*\S{{0,6}})?$|^(?:特急|加急|平急|特提)$|^{_SIGNER}$|^\d{{6}}$"
    # a standard's cover: 浙江省地方标准, then its code (DB33/T 2781—2025, GB/T 1.1-2020, JJG 539—2016)
    rf"|^[{CJK}]{{0,10}}(?:国家|地方|行业|团体|企业)标准$|^[A-Z]{{1,4}}(?:\s?\d{{1,3}})?(?:/[TZ])?\s?[\d.]+\s?[—\-–－]\s?\d{{4}}$"
)


# An issuer's name printed over the title (清河市市场监督管理局 over 行政处罚决定书, or over 关于…的通知): a body,
# nothing else; and a title line ending in a document's kind.
_ISSUER_HEAD = re.compile(rf"^(?!.*(?:关于|的))[{CJK}（）()]{{2,30}}(?:局|委员会|委|厅|政府|办公室|党组|党委|中心|研究院)$")
_KIND_TITLE = re.compile("(?:" + "|".join(map(re.escape, DOCUMENT_KINDS)) + ")$")
_BARE_KIND_MAX_CHARS = 10  # 行政处罚决定书, 责令改正通知书: a kind with no subject, named by the issuer above it


def title_index(lines: Sequence[str]) -> int:
    """Where a document's title line is: past the lines printed above it. A letterhead counts only with a number
    line below it (a title may end in 文件: 廉政学习参考文件), an issuer's bare name only with a title of a document's
    kind right below it; with nothing but such lines, the first is taken."""
    texts = [strip_indent(line).strip() for line in lines[: ABOVE_TITLE_MAX_LINES + 1]]
    for index, text in enumerate(texts):
        below = texts[index + 1 : index + 3]
        letterhead = _LETTERHEAD.match(text) is not None and any(_NUMBER_LINE.match(line) for line in below)
        if not (letterhead or _issuer_over_title(texts, index) or _NUMBER_LINE.match(text) or _ABOVE_TITLE.match(text)):
            return index
    return 0


def full_title(lines: Sequence[str], at: int) -> str:
    """The title at `at`, with the issuer's name above it when the title names a kind alone: 《清河市市场监督管理局行政处罚决定书》,
    not 《行政处罚决定书》, which every such document is called."""
    title = strip_indent(lines[at]).strip()
    texts = [strip_indent(line).strip() for line in lines[: at + 1]]
    if at > 0 and len(title) <= _BARE_KIND_MAX_CHARS and _issuer_over_title(texts, at - 1):
        return texts[at - 1] + title
    return title


def _issuer_over_title(texts: Sequence[str], index: int) -> bool:
    below = texts[index + 1] if index + 1 < len(texts) else ""
    return _ISSUER_HEAD.match(texts[index]) is not None and _KIND_TITLE.search(below) is not None and len(below) <= 60


# The words that point at one document ("这份通知", "本办法"): with a kind after them, they name the text asked
# about, not its content.
DEMONSTRATIVES = ("这个", "这份", "这篇", "这项", "这期", "那份", "那篇", "那期", "本", "该", "此")  # not 那个, 那项: 那项要求 is a requirement
# Words pointing back at what was said before ("造成这些问题的原因"): the thing they point at is not what is asked.
# Not 以上, which is "and above" as often (30岁以上干部).
ANAPHORS = ("这些", "那些", "上述")
# Words for people by their role, which name no one: 质监干部, 工作人员.
ROLE_WORDS = "干部|人员|同志|职工|员工|工作者"


# A sentence that opens with 此外 (besides) adds one more to the points before it: 一方面…；另一方面…。此外，还应…
ADDITIVE_OPENER = re.compile(r"^\s*(?:此外|另外|除此之外|除此以外)")
# A sentence that opens with 因此 (so) states a consequence: the reason stands in the sentence before.
_CONSEQUENCE_OPENER = re.compile(r"^\s*(?:因此|所以|因而|故而|为此|由此|正因如此|正因为如此|鉴于此|基于此|有鉴于此)")


# The verbs after which 一 and a counter of kinds stand for "a" when a 的-phrase follows before the noun (造就一支忠诚干净担当的…
# 队伍, 成为一名合格的干部): a kind said, no count. Not 是 or 建成 (他是一个孩子的父亲, 建成一座现代化国际机场 count one).
_INDEFINITE_AFTER = re.compile(r"(?:造就|打造|培养|形成|成为|作为)$")
_KIND_DESCRIBED = re.compile(r"[^，,。；;！!？?]{1,24}?的")
_KIND_COUNTERS = ITEM_COUNTERS + "支名位"  # 一支队伍, 一名干部, 一位同志


def is_indefinite_one(text: str, start: int, item: str) -> bool:
    """Whether the figure `item` at `start` is 一 (with a counter of kinds, _KIND_COUNTERS) after such a verb, a
    的-phrase describing what follows: "努力造就一支忠诚干净担当的…队伍" says what kind of force, not how many."""
    if re.fullmatch(rf"一[{_KIND_COUNTERS}]?", item) is None or _INDEFINITE_AFTER.search(text, 0, start) is None:
        return False
    after = start + len(item)
    if len(item) == 1 and text[after : after + 1] in _KIND_COUNTERS:
        after += 1
    return _KIND_DESCRIBED.match(text, after) is not None


def opens_with_consequence(sentence: str) -> bool:
    """Whether a sentence draws a consequence from the one before ("因此,加强教育培训…显得尤为重要")."""
    return _CONSEQUENCE_OPENER.search(sentence) is not None


# A sentence that opens on what a measure is for (为适应…新形势新任务,必须进一步深化…改革; 为进一步加强…): its first clause
# says why. Not 由于 or 因为, which open on a cause of whatever the sentence tells (由于本线受到…竞争 tells why ridership is
# low, and was quoted for why it is high).
_PURPOSE_OPENER = re.compile(r"^\s*为(?:了|适应|加快|进一步|深入|切实|推动|促进|确保|保障|加强|全面|做好|贯彻|落实)")


# A cause said within a sentence (…，是因为…, 之所以…是…, 由于…): a quote saying one is kept for a why, never replaced (it
# may be the cause asked, where a sentence opening on 由于 is too often another one's to be put in its place).
_CAUSE_SAID = re.compile(r"因为|由于|之所以|原因是|原因在于")


def says_cause(sentence: str) -> bool:
    """Whether a sentence states a cause anywhere in it ("…没有赢过，是因为缺乏…能力")."""
    return _CAUSE_SAID.search(sentence) is not None


def opens_with_purpose(sentence: str) -> bool:
    """Whether a sentence opens on its purpose ("为适应质量强国建设的新形势新任务,必须进一步深化…改革")."""
    return _PURPOSE_OPENER.search(sentence) is not None


# A sentence arguing that something matters (…显得尤为重要, 离不开…, 需要不断统一思想…才能步调一致, 关系…生死存亡): what a part
# says before its measures, which answers why they are taken. 必须 is one (为适应…,必须进一步深化…改革), which is_directive
# reads as an order too: a reader of a part's reasons takes it before its points, a measure's own 必须 after them.
_GROUNDS = re.compile(r"重要|必须|至关|关键|尤为|离不开|才能|关系")  # not 需要: 各科室需要每月组织… is a measure


def gives_grounds(sentence: str) -> bool:
    """Whether a sentence argues that something matters or is needed ("因此,加强教育培训…显得尤为重要")."""
    return _GROUNDS.search(sentence) is not None


def is_call(sentence: str, closing: bool = False) -> bool:
    """Whether a sentence calls on its readers to act, rather than says what some body must do; in the text's
    `closing`, "我们必须…" does too."""
    return _CALL.search(sentence) is not None or (closing and _WE_MUST.search(sentence) is not None)


# Interrogatives, by what they ask for: the words by which a question asks instead of saying what it is
# about. ingest.textnorm strips them for matching, bot.questions and bot.question_analysis skip them as
# content words, and the analyser, the study router, the study answerer and the typo check build their
# patterns from them. Where a reader uses fewer, the subset is named below with its reason.
ASK_WHAT = ("什么", "啥")
# Net slang for an interrogative ("核心观点是神马"), read as the word it stands for (ingest.textnorm.standard_asking)
SLANG_ASKING = (("神马", "什么"), ("肿么", "怎么"), ("虾米", "什么"))
ASK_WHICH = ("哪",)  # 哪些, 哪个, 哪里, 哪年 …
ASK_WHO = ("谁",)
ASK_HOW = ("怎", "如何", "咋")  # 怎么, 怎样, 怎么样 start with 怎
ASK_HOW_MANY = ("多少", "几")  # before a measure word: 多少人, 几项
ASK_AMOUNT = ("多少", "多久", "多长时间")  # how much, how long: a number answers
ASK_DURATION = ("多久", "多长时间", "多少时间", "多长的时间")  # how long: a span of time answers, not a date
MEASURES_ASKED = "大高长重远深宽快厚"  # 多 before one asks a measure: 多高, 多远, 还剩多厚 (a number answers)
MEASURE_ASKED = rf"(?<![很许更太最诸较众])多[{MEASURES_ASKED}]"  # not 很多, 许多
CASUAL_VERBS = ("搞", "弄")  # the casual "do" of any question ("平时搞啥活动"): no topic a text holds
# What speech adds around the asked thing and no text must hold: "反对哪些东西" asks what 反对什么 asks, "按啥原则来"
# what 按什么原则, "减负具体咋弄" what 减负咋弄, "这回抽检" what 抽检, "暴雨的时候" what 暴雨. Not 一共 ("一共有多少户"):
# as a focus term no passage holds it helps the refusal classifier refuse how-many near misses, which without it lost 4
# refusals to 8 answers among the testers' folders.
CASUAL_FILLERS = ("东西", "来", "具体", "这回", "时候")
# How a study question counts ("体制改革那部分一共有几条"): no topic a heading names. (A fact question keeps 一共 as a focus
# term, as said above.)
ALL_TOLD = ("一共", "总共", "共")
# A deadline asked (最晚啥时候交, 最迟哪天): "at the latest" before the interrogative is part of asking when, and the text
# says it otherwise (11月30日前, 不迟于). Not 最晚的一班车, which names a thing.
LATEST = ("最晚", "最迟")
LATEST_LINKS = ("是", "要", "得", "在", "于", "到")  # 报名最晚是什么时候, 最晚到什么时候: between 最晚 and the asking
SHARES = ("占比", "比例", "比重")  # what a share is called: "占比多少", "合格率" (…率) asks for one too
ASK_WHY = ("为什么", "为何", "为啥")
# A verb that names or ranks something "as" (V为): 为什么 after one, where the clause ends (CLAUSE_ENDS) or a noun follows,
# is 为 + 什么 and asks what, not why (被译为什么, 改名为啥来着, 被列为什么级别). A passive one ending like a naming verb (被评,
# 被定义, 被当作; 被扣分 reads so too), or one that takes 为 so (改名, 划分, 定义 …); not a word merely ending like one (稳定为啥,
# 落选为啥), nor another passive (被罚款为什么). One going on asks why (这个数列为什么收敛, 这种划分为什么有争议).
NAMED_AS = re.compile(rf"(?:被[{CJK}]{{0,2}}[译定分列视选评誉封名类义作]|改名|更名|命名|取名|起名|定名|翻译|音译|意译|划分|定义|归类|列|誉|封)$")
CLAUSE_ENDS = re.compile(r"[呢呀啊了吗来着]*(?:[，,。；;！!？?\s]|$)")  # at a question's clause end, particles and all
ASK_LIST = ("哪些", "哪几")  # which ones: a list of items
# A text's parts by their headings, as a learner names them ("文章有哪些小标题", "列出文章的提纲") ...
OUTLINE_WORDS = ("小标题", "提纲", "框架", "脉络")
# ... or by its shape, said of the text itself only ("文章结构是怎样的", "全文分几个层次"; not 产业结构).
TEXT_SHAPE_WORDS = ("层次结构", "结构", "层次", "行文思路", "写作思路", "论证逻辑", "逻辑", "思路", "写作框架", "框架", "脉络")  # 全文的逻辑, 文章的框架: how its parts follow
AS_A_WHOLE = ("整体", "总体")  # 文章整体结构, 全文的总体框架: the text's shape as a whole
WHICH_COUNTED = rf"哪[两二三四五六七八九十\d]{{1,2}}(?:个?方面|大|点|[{ITEM_COUNTERS}])"  # 哪三个方面, 哪两项, 哪三件事: which ones, their number said


# Items counted, each asked ("作风建设那部分说的四个方面分别是啥", "三项措施分别是什么"): the number is how many are asked for
COUNTED_EACH = rf"(?<![第{CN_NUMERALS}\d])([{CN_NUMERALS}]{{1,3}}|\d{{1,2}})(?:个方面|方面|[{ITEM_COUNTERS}]|点(?!钟))[^，,。？?]{{0,4}}?(?:分别|各自|各)是?(?:什么|啥|哪些)"


def which_count(question: str) -> int | None:
    """How many items a question says it asks for (3 of 哪三件事, 2 of 两个方面分别是什么), or None when it says no number."""
    if (found := re.search(WHICH_COUNTED, question)) is not None:
        return cn_number(found.group()[1:].rstrip(f"个方面大点{ITEM_COUNTERS}"))
    each = re.search(COUNTED_EACH, question)
    return cn_number(each.group(1)) if each else None


ASK_MANNER = ("怎样", "如何", "怎么")  # how to: the steps or measures, a list in a study question
ASK_YES_NO = ("是不是", "是否", "有没有", "能不能", "会不会", "可不可以", "对不对", "算不算")
# Interrogatives that stand where the answer goes, after the word it attaches to ("反对什么", "增强队伍的什么").
SLOT_INTERROGATIVES = frozenset(("什么", "啥", "什么样", "哪些"))
# Parts of a word that make it ask (几枚, 哪国, 什么样): a word holding one names nothing.
ASKING_PARTS = ASK_WHICH + ASK_HOW_MANY + ASK_WHAT + ASK_WHO + ASK_HOW

# Whole interrogatives as the question readers meet them, in the order ingest.textnorm strips them from a
# question's text (a longer form before its part: 怎么样 before 怎么).
STRIPPED_INTERROGATIVES = (
    "为什么", "是什么", "什么", "怎么样", "怎么", "怎样", "如何", "哪些", "哪几项", "哪几个", "哪几",
    "哪个", "哪里", "多少", "几项", "几个", "是否", "有没有", "能否", "咋样",
)
# Only skipped as words, not stripped from text: the lexical search and the answer model's features match on
# the text stripped of the list above, and single characters such as 几 and 何 sit inside words (几乎, 任何).
UNSTRIPPED_INTERROGATIVES = (
    "谁", "哪", "哪位", "何", "何时", "何人", "啥", "为啥", "咋", "几", "哪儿", "哪年", "哪一年", "哪天",
    "啥时候", "什么时候", "多久", "是不是", "为何", "怎么做", "怎么办", "哪一", "几号", "什么样", "啥样",
    "咋办", "咋整", "咋搞", "多会儿", "多会",
)
INTERROGATIVES = frozenset(STRIPPED_INTERROGATIVES + UNSTRIPPED_INTERROGATIVES)
# Words holding an interrogative's characters that ask nothing: 任何单位, 几乎所有, 哪怕困难再大, 这几项措施里.
NOT_ASKING = ("几乎", "几何", "茶几", "任何", "何况", "何必", "何等", "何尝", "哪怕", "无论如何", "或多或少", "多多少少", "这几", "那几")
# Of the unstripped ones, those bot.questions skips as non-terms; 谁, 啥, 何时 … are kept there as terms by an
# old accident, left as it is because the answer model was trained on those terms.
# 咋 and its forms joined them later (咋搞, which jieba keeps whole: "凝聚共识那块咋搞"; 咋弄 it cuts, and 弄 is a
# CASUAL_VERB): casual, CMRC has none of them, so the model's inputs did not move. The
# 哪 forms (哪一年, 哪位 …) joined last: no text holds them, and the rules lost "海宁西站哪一年启用" to one; the
# model, trained with them as terms, answers CMRC's calibrate part as before (one more near miss refused).
# 多久 ("重点岗位的干部隔多久要轮岗") and 多会儿 ("巡察意见多会儿反馈的") later; 为啥 and 为何 last ("为啥要重视做风建设": a
# term no text holds kept the typo's reading from being tried): CMRC's parts answer as before.
TERM_INTERROGATIVES = ("哪", "几", "什么样", "啥样", "咋", "咋办", "咋整", "哪年", "哪一年", "哪天", "哪一", "哪位", "哪儿", "多久", "多会儿", "多会", "为啥", "为何")
# Particles that end a question (吗, 呢, 吧 …) and polite padding ("请问…一下"): they ask, they say nothing.
QUESTION_PARTICLES = ("吗", "呢", "吧", "呀", "啊", "嘛", "哦", "哈")
STRIPPED_PARTICLES = QUESTION_PARTICLES[:3]  # cut from text; 啊, 哈 … sit inside names (呀诺达, 哈尔滨): only skipped as words
# 啊 and 呀 cut where they end a clause ("咋样提升干部素质啊"), not inside a name.
CLAUSE_END_PARTICLES = re.compile(r"[啊呀]+(?=[\s？?！!。，,]|$)")
POLITE_WORDS = ("可以", "请问", "一下")
# A label a learner puts before a question ("学习笔记：文章为何强调要加强作风建设？", "思考题：…", an exam's "简答：…"): it files the question,
# it asks nothing. Only these: "第三段：讲了什么" names what is asked.
QUESTION_LABEL = re.compile(r"^\s*(?:学习笔记|读书笔记|笔记|问题|提问|请教|思考题|讨论题|练习题|复习题|作业|考题|简答题?|问答题|论述题)\s*[：:]\s*(?=\S)")
# Verbs by which a question says a text or its speaker said something ("讲话指出当前存在哪些问题"): they ask what was
# said, they name nothing the text's words need hold (提到, 说到 … are TEXT_REFERENCES, no term at all).
SAYING_VERBS = ("指出", "强调", "谈到")
# A request to the assistant for the answer's form ("给我列一下", "帮我捋一捋", "简单说说", "列一下措施呗"): it names
# nothing the answer is about, and its words (jieba's 我列, 捋, 帮) are no terms to look for. A one-character verb
# only with 一下 ("据说下一步" says no 说下), a word of two with a bare 下 only where the question ends or pauses
# ("帮我总结下。", not 总结下一步, 解释下列名词, 介绍下属单位).
REQUESTS = re.compile(
    r"(?:[给帮替]我们?)?(?:简单)?(?:(?:列|捋|说|讲)一下|(?:梳理|整理|归纳|概括|总结|介绍|解释|提炼)(?:一下|下(?=[\s，,？?。！!呗]|$))|捋一?捋|(?<!据)说说|讲讲)"
    r"|(?<=[\u4e00-\u9fff])呗(?=[\s？?！!。，,]|$)"
    # "帮个忙，…", "麻烦问下": asking a favour, before the question
    r"|^(?:帮个忙|帮帮忙|麻烦(?:你|您)?|劳驾)(?=[，,\s])"
    # "能不能帮我归纳下…", "可不可以给我列一下": asking the assistant, not whether something may be done
    r"|^(?:请|麻烦)?你?(?:能不能|可不可以|能否|可否)(?=[给帮替]我|(?:简单)?(?:(?:列|捋|说|讲|梳理|整理|归纳|概括|总结|介绍|解释)一?下|说说|讲讲|谈谈))"
)
# The asker's own study task, said beside what is asked ("我要在座谈会上讲讲作风问题", "我下周要交一篇心得体会"): where the
# answer will be used, not what it is about. Only in a sentence or a clause opening on 我 that asks nothing (see
# ingest.textnorm.without_study_task).
STUDY_TASKS = (
    "学习笔记", "读书笔记", "学习心得", "心得体会", "心得", "体会", "发言", "座谈会", "领学", "备课", "讲课", "党课", "学习会", "读书会", "笔记", "考试", "测试", "汇报",
    "交流会", "演讲", "征文", "报告会", "宣讲", "串讲", "方案", "讲稿",
)
# A presentation the answer goes into ("做幻灯片用，…", "帮我列几条放PPT", "一页PPT放得下的那种"): where the answer will be used,
# told in any clause that asks nothing, 我 or no 我 (see ingest.textnorm.without_study_task).
PRESENTATION_MEDIA = ("ppt", "幻灯片", "幻灯", "课件", "演示文稿")  # as normalize() gives them: lower case
# The answer's layout a learner asks beside the question ("分几点", "列几条", "一页"): how to set it out, nothing it asks about.
ANSWER_LAYOUT = re.compile(r"(?:分|列|写|提炼|概括|归纳)成?几(?:点|条|句|页)|[一几两]页")
# The learner's own view asked for ("结合全文，谈谈…的认识"): what the text says of a topic, not a topic itself.
LEARNER_VIEWS = ("认识", "理解", "看法", "体会")
# How a learner ties the answer to the text ("结合全文，…"): not the whole text asked about.
WITH_THE_TEXT = re.compile(r"结合(?:全文|文章|原文|本文|文中)(?:内容)?")
# When the asker's own task is told (我下周要…, 明天): how they say it, no topic of the question.
TASK_FRAME_WORDS = ("我", "下周", "下个月", "明天", "今天", "马上", "最近", "要", "想", "准备", "打算", "得", "在", "上", "里", "交", "写", "一篇", "一段", "个", "的", "做", "用", "放", "成", "那种", "专门", "帮")
# How a question points at the text it asks about ("文章提到了几支队伍"): no content of its own.
TEXT_REFERENCES = ("文章", "文中", "本文", "全文", "提到", "提及", "说到", "讲到")
# What ingest.textnorm.strip_question_words removes, in this order; every question reader skips these words.
QUESTION_WORDS = STRIPPED_INTERROGATIVES + POLITE_WORDS + STRIPPED_PARTICLES


def any_of(words: Iterable[str], without: Iterable[str] = ()) -> str:
    """A regex alternation of the literal `words`, in their order, less those in `without`: the one way a
    reader turns a list of interrogatives above into its pattern."""
    left_out = set(without)
    return "|".join(re.escape(word) for word in words if word not in left_out)


# Counters after 几 that ask how many (几支, 几大任务, 几成); those of a date (几月, 几号) ask when.
COUNT_COUNTERS = COUNTERS.replace("月", "").replace("日", "").replace("号", "") + "成大"
# An asked count or date as jieba keeps it, interrogative and counter in one word (几支, 好几个, 几号,
# 几月份): a content word no text holds.
ASKED_COUNT = re.compile(rf"好?(?:{any_of(ASK_HOW_MANY)})(?:[{COUNTERS}成大点]|月份)?钱?")
# 钱 after 多少 names the asked amount's unit, as 元 does, and no text says it (罚了多少钱: 罚没款41.6万元).
# jieba cuts 多少钱 apart (几块钱 stays one word): the readers skip it after the interrogative.
ASKED_MONEY = "钱"


def asked_unit(previous: str, word: str) -> bool:
    """`word` right after `previous` is the unit of an asked amount, a word of the question no text holds."""
    return word == ASKED_MONEY and ASKED_COUNT.fullmatch(previous) is not None
