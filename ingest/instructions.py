"""Recognise text that tries to instruct a model: "ignore the rules above", role markers, prompt tags.

One detector for both sides. Questions that match are refused before retrieval (bot/guard.py); document
sentences that match are reported at ingest, never quoted as an answer and never put into an LLM prompt.
Matching runs on a folded form, so spacing ("忽 略 以 上"), zero-width characters, full-width letters and
Cyrillic/Greek look-alikes ("іgnоre") cannot hide a pattern. Users always see the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Cyrillic and Greek letters (lower case; folding lowers first) that look like Latin ones.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "н": "h", "і": "i",
        "ј": "j", "к": "k", "м": "m", "о": "o", "р": "p", "ԛ": "q", "г": "r", "ѕ": "s", "т": "t", "у": "y",
        "ѵ": "v", "ԝ": "w", "х": "x", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u",
        "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ı": "i", "ɡ": "g",
    }
)
# Spacing, combining accents (after NFD) and invisible format characters: zero-width, joiners, bidi marks, BOM.
_HIDING = re.compile(r"[\s\u0300-\u036f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]+")

_S = "[^。!?]"  # any character within one sentence (NFKC has folded ！？ to !?)
_PATTERNS = [
    # "ignore / forget / don't follow the rules above"
    rf"(忽略|无视|忘记|忘掉|不要管|不用管|别管|跳过|抛开|撇开|不再遵守|不要遵守|不必遵守){_S}{{0,12}}"
    r"(规则|指令|指示|限制|设定|约束|提示|资料|文档|材料|上面|之前|以上|上述|前面)",
    # "print / reveal your prompt"
    r"(提示词|系统提示|系统指令|系统消息|初始指令|内部指令|隐藏指令|systemmessage)",
    rf"(输出|显示|告诉我|泄露|打印|复述|重复|透露|说出|给出){_S}{{0,6}}(你的|你被|原始|初始|隐藏){_S}{{0,6}}(指令|设定|规则|配置|提示)",
    rf"你的{_S}{{0,4}}(设定|指令|提示|规则|配置)",
    r"(隐藏|内部)(设定|指令)",
    r"(?<![a-z])prompts?(?![a-z])|(system|your|initial|hidden|original|secret)prompts?",
    # role play / jailbreak
    r"(你现在是|现在你是|你不再是|假装你是|从现在开始你|从现在起你|进入开发者模式|开发者模式|越狱|jailbreak|dan模式)",
    rf"(请|你)({_S}{{0,3}})扮演",
    # English, matched with the spaces removed
    r"ignore(all|any|the|your|every|of|these|those)*(previous|prior|above|earlier|preceding|former)",
    r"ignore(all|any|the|your|these|those)*(instructions?|rules|prompts?|guidelines|directions|documents|passages)",
    r"(disregard|forget|override|bypass)(all|any|the|your|of|these|those)*"
    r"(previous|prior|above|earlier|preceding|instructions?|rules|prompts?|guidelines|documents|passages|context)",
    r"(reveal|print|show|repeat|output|display|tellme|leak)(me|us)?(all|of)*(your|the)(system|initial|hidden|original|internal)?"
    r"(prompts?|instructions|rules)",
    r"(youarenow|fromnowon,?you|pretend(tobe|you)|developermode|newinstructions|systemprompt)",
    # chat role markers and prompt tags
    r"(?<![a-z])(system|assistant|developer)[:：]",
    r"^(系统|助手|系统消息|系统指令)[:：]",
    r"</?(passages?|question|system|user|assistant|instructions?|context|documents?)>",
    r"<\|[a-z_]*\|?>|\[/?inst\]|<</?sys>>",
]
# Searched one by one: each has a literal start the regex engine can scan for, unlike their alternation.
_INSTRUCTIONS = [re.compile(p) for p in _PATTERNS]

EXCERPT_CHARS = 40
MAX_EXCERPTS = 3


def fold(text: str) -> str:
    """The form patterns match: NFKC, lower case, no accents, format or space characters, look-alikes as Latin."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    return _HIDING.sub("", text).translate(_HOMOGLYPHS)


def is_instruction_like(text: str) -> bool:
    """Whether the text asks a model to drop its rules, change role or reveal its prompt, or mimics prompt syntax."""
    folded = fold(text)
    return any(p.search(folded) for p in _INSTRUCTIONS)


def instruction_excerpts(sentences: Iterable[str]) -> tuple[str, ...]:
    """Short excerpts of the first few instruction-like sentences, for a warning to the admin."""
    found: list[str] = []
    for sentence in sentences:
        if is_instruction_like(sentence):
            text = " ".join(sentence.split())
            found.append(text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…")
            if len(found) == MAX_EXCERPTS:
                break
    return tuple(found)


def flagged_warning(title: str, excerpts: Iterable[str]) -> str:
    """The admin's one-line warning about a document with instruction-like sentences."""
    quoted = "、".join(f"“{e}”" for e in excerpts)
    return f"⚠️ 《{title}》含有疑似向AI下指令的文字（{quoted}），这些句子不会被引用为答案，也不会发给大模型，请核对文档。"
