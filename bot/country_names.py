"""Whether a text names a country, for a question asking which one ("杜老志是哪国人", "柴郡是哪个国家西北部的郡").

Such a question is not answered by a sentence on its subject that names no country ("杜老志是湾仔街道杜老志道命名的由来"):
CMRC's near misses, the sentence naming the country deleted, were quoted that way. Countries come from the Unicode
CLDR's territory names as Babel ships them (simplified and traditional; not China's regions), states named by their form
(中华人民共和国, 奥匈帝国, 鲁国) and a few former states CLDR has no code for.
"""

from __future__ import annotations

import re
from functools import cache

# How a question asks which country, by jieba's words: 哪国 人, 哪个 国家, 哪 一国, 什么 国家; not 哪个 国际 (酒店集团), 国王, 国内,
# nor a state's body or standard (什么 国家 标准, 哪个 国家 部门).
_WHICH = ("哪", "哪个", "哪一", "哪些", "什么")
_COUNTRY_WORDS = ("国", "国家", "国人")
_STATE_THINGS = frozenset({"标准", "部门", "机关", "机构", "单位", "部委", "级", "政策", "法律", "法规", "规定", "项目", "队", "队伍"})
# A state named by its form: 中华人民共和国, 奥匈帝国, 普鲁士王国, 贝专纳保护国, 阿拉伯联合酋长国.
_STATE_FORM = re.compile(r"共和国|帝国|王国|合众国|保护国|酋长国|公国|联邦")
# CLDR codes that are no country: pseudo-locales, unknown region, the euro area, the UN, the EU; and China's regions.
_NOT_COUNTRIES = frozenset({"XA", "XB", "ZZ", "EZ", "UN", "EU", "QO", "TW", "HK", "MO"})
# States of the past, and the UK's countries, that CLDR names no territory for.
_OTHER_STATES = (
    "苏联", "南斯拉夫", "捷克斯洛伐克", "东德", "西德", "雅典", "斯巴达", "罗马", "波斯", "普鲁士", "奥斯曼", "拜占庭",
    "柔然", "突厥", "吐蕃", "匈奴", "西夏", "高句丽", "百济", "新罗", "琉球", "英格兰", "苏格兰", "威尔士",
    "澳洲", "南韩", "北韩", "纽西兰", "义大利", "俄国",
)


def asks_country(question: str) -> bool:
    """Whether a question asks which country ("杜老志是哪国人", "冈察洛夫是哪一国的小说家")."""
    from bot.questions import segmented

    words = segmented(question)
    return any(
        (word in ("哪国", "何国", "哪国人") or (before in _WHICH and word in _COUNTRY_WORDS) or (before == "哪" and word == "一国"))
        and after not in _STATE_THINGS
        for before, word, after in zip(("", *words), words, (*words[1:], ""))
    )


@cache
def country_names() -> frozenset[str]:
    """CLDR's countries in Chinese, simplified and traditional, without a bracketed part (刚果（金） → 刚果)."""
    from babel import Locale

    names = set(_OTHER_STATES)
    for locale in ("zh", "zh_Hant", "zh_Hant_HK"):
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                names.add(re.sub(r"[（(].*", "", name))
    return frozenset(name for name in names if len(name) >= 2)


@cache
def _named_country() -> re.Pattern[str]:
    """One search for every name and state form: a country question checks each of its candidates."""
    names = sorted(country_names(), key=len, reverse=True)
    return re.compile(f"{_STATE_FORM.pattern}|" + "|".join(map(re.escape, names)))


def names_country(text: str) -> bool:
    """Whether `text` names a country: one of CLDR's, a state by its form, or a place jieba tags ending in 国 (鲁国, 吴国)."""
    if _named_country().search(text):
        return True
    if "国" not in text:
        return False
    import jieba.posseg

    return any(tag.startswith("ns") and len(word) >= 2 and word.endswith("国") for word, tag in jieba.posseg.cut(text))
