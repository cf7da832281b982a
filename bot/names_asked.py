"""Whether a text gives the kind of name a question asks for: another name, an address, a courtesy name, a formula.

CMRC's near misses, the sentence giving it deleted, were answered by sentences on the subject saying none: "松鸦又可以叫什么"
by one on its call, "北上车站的地址是哪里" by one on its lines. The answer says what it gives (又名, 地址, 字, 化学式为).
"""

from __future__ import annotations

import re

from ingest.zh_text import ALIAS_SAID, CN_NUMERALS

# Another name asked ("白尾雀鲷又可以叫啥", "首钢是什么的简称", "梁诚的原名是什么"): the answer says it is one (ALIAS_SAID).
_ALIAS_ASKED = re.compile(
    r"[又也还亦或](?:可以|可|能|被|常|通常|一般)?(?:叫|称|名)(?:之为|作为|做|作|为)?(?:什么(?!人)|啥|何)|被称(?:之|作)?为(?:什么|啥)"
    r"|(?:别名|别称|简称|原名|初名|旧称|古称|史称|前称|通称|俗称|俗名|本名|学名|原称|曾用名|昵称|绰号|外号|又名)(?:是|为|叫)?(?:什么|啥|何)"
    r"|(?:原来|最初|之前|以前|起初|早先|当初)的?名[称字]|什么的简称"
)
_FOREIGN_NAME_ASKED = re.compile(r"(?:英文|英语|外文|拉丁文?)名")
_LETTERS = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]{2,}")
# What each asked needs the answer to say: another name; an address (not a web or mail address, a contact; not
# 变更注册地址, the topic); a courtesy name or title (字, 别号, 谥号); a chemical formula. Not a full name (全称), which is
# said whole with no word saying so.
_NAMING_SAID: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(f"{_ALIAS_ASKED.pattern}|{_FOREIGN_NAME_ASKED.pattern}"), ALIAS_SAID),
    (
        re.compile(r"(?<![网站箱件])地址(?:是|在|为)?(?:哪|什么|啥|何)"),
        re.compile(rf"地址|地点|[\d{CN_NUMERALS}]+\s*号|[路街道巷弄]\s*\d|位于|设于|设在|坐落|[室楼座]|交叉口"),
    ),
    (re.compile(r"[的之]表?字(?:是|叫|为)?(?:什么|啥)|表字|[别字谥庙尊封法道艺年]号(?:是|为|叫)?(?:什么|啥)"), re.compile(r"[字号谥]")),
    (re.compile(r"(?:化学式|分子式|结构式)(?:是|为)?(?:什么|啥)"), re.compile(r"化学式|分子式|结构式|示性式")),
)


def gives_name_asked(text: str, question: str) -> bool:
    """False when `question` asks one of these and `text` does not give it; True otherwise. An English name may stand
    in brackets alone: 西贡商业信用银行（Sacombank）."""
    if _FOREIGN_NAME_ASKED.search(question) is not None and _LETTERS.search(text) is not None:
        return True
    return not any(asked.search(question) and not said.search(text) for asked, said in _NAMING_SAID)
