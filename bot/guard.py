"""Recognise attempts to make the assistant ignore its materials or reveal its instructions.

Such questions are refused before retrieval: the documents can never answer them, and an optional
LLM must never see them.
"""

from __future__ import annotations

import re

from ingest.textnorm import normalize

_PATTERNS = [
    # "ignore / forget / don't follow the rules above"
    r"(忽略|无视|忘记|忘掉|不要管|不用管|别管|跳过|抛开|撇开|不再遵守|不要遵守|违反)[^。！？]{0,12}(规则|指令|指示|限制|设定|约束|提示|资料|文档|材料|上面|之前|以上|前面)",
    # "print / reveal your prompt"
    r"(提示词|系统提示|系统指令|系统消息|初始指令|内部指令|prompt|system\s*message)",
    r"(输出|显示|告诉我|泄露|打印|复述|重复|透露)[^。！？]{0,10}(你的|全部|所有|原始)?[^。！？]{0,6}(指令|设定|规则|配置)",
    r"(你的|内部|系统|隐藏)[^。！？]{0,4}(设定|指令|提示|规则|配置)",
    # role play / jailbreak
    r"(你现在是|假装你是|扮演|从现在开始你|进入开发者模式|开发者模式|越狱|jailbreak|dan\s*模式)",
    r"ignore\s+(all\s+|any\s+)?(previous|prior|above|earlier)",
    r"(disregard|forget)\s+(all\s+|your\s+)?(instructions|rules|documents)",
    r"(reveal|print|show|repeat)\s+(me\s+)?(your|the)\s+(system\s+)?(prompt|instructions)",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def is_injection(question: str) -> bool:
    return bool(_INJECTION.search(normalize(question)))
