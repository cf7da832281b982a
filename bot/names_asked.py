"""Whether a text gives the kind of name a question asks for: another name, an address, a courtesy name, a formula,
where one is from, a translation, a family name by birth; the name of a shop, firm, school or court asked for by
which one it is.

CMRC's near misses, the sentence giving it deleted, were answered by sentences on the subject saying none: "松鸦又可以叫什么"
by one on its call, "北上车站的地址是哪里" by one on its lines. The answer says what it gives (又名, 地址, 字, 化学式为).
"""

from __future__ import annotations

import re

from ingest.zh_text import ALIAS_SAID, CN_NUMERALS, any_of

# Another name asked ("白尾雀鲷又可以叫啥", "首钢是什么的简称", "梁诚的原名是什么"): the answer says it is one (ALIAS_SAID).
_ALIAS_ASKED = re.compile(
    r"[又也还亦或](?:可以|可|能|被|常|通常|一般)?(?:叫|称|名)(?:之为|作为|做|作|为)?(?:什么(?!人)|啥|何)|被称(?:之|作)?为(?:什么|啥)"
    r"|(?:别名|别称|简称|原名|初名|旧称|古称|史称|前称|通称|俗称|俗名|本名|学名|原称|曾用名|昵称|绰号|外号|又名)(?:是|为|叫)?(?:什么|啥|何)"
    r"|(?:原来|最初|之前|以前|起初|早先|当初)的?名[称字]|什么的简称"
)
_FOREIGN_NAME_ASKED = re.compile(r"(?:英文|英语|外文|拉丁文?)名")
_LETTERS = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]{2,}")
# Where one is from ("袁彭年是哪里人", "刘节的籍贯是哪里", "梁邦彦出生于什么地方"): the answer says a birthplace or an
# origin (湖广公安人, 籍贯, 生于, 祖籍), or where a people lives (主要分布在). Not 哪国人 (bot.country_names), 哪些人 or
# 哪里人最多 (people, counted), nor when one was born (生于哪一年) or where a thing happened or is made (发生在哪, 产于何地).
_ORIGIN_ASKED = re.compile(
    r"(?:哪里|哪儿|哪个地方|哪块|何地|何处|何方|什么地方|啥地方)(?:的)?人(?:士|氏)?(?=[？?。，,！!呢吗啊呀]|$)"
    r"|(?:籍贯|祖籍|原籍|老家|家乡|故乡|出生地)(?:是|在|为)?(?:哪|什么|何|啥)"
    r"|(?<![发产派衍滋催寄再共])生(?:于|在)(?:哪(?!一?年|[天月日号]|个(?:月|朝代|世纪|年代)|朝|代)|什么地方|何处|何地|啥地方)"
    r"|在哪(?:里|儿)?(?:出生|出世)"
)
_BIRTHPLACE_SAID = re.compile(
    r"(?<![古典书])籍|出生|生于|生在|出身|人士|家乡|故乡|老家|来自|迁居|移居|分布|[\u4e00-\u9fff）)]人(?:[，。,；;、）)\s（(]|$)"
)
# What each asked needs the answer to say: another name; an address (not a web or mail address, a contact; not
# 变更注册地址, the topic); a courtesy name or title (字, 别号, 谥号); a chemical formula; where one is from; a
# translation; a family name by birth. Not a full name (全称), which is said whole with no word saying so.
_NAMING_SAID: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(f"{_ALIAS_ASKED.pattern}|{_FOREIGN_NAME_ASKED.pattern}"), ALIAS_SAID),
    (
        re.compile(r"(?<![网站箱件])地址(?:是|在|为)?(?:哪|什么|啥|何)"),
        re.compile(rf"地址|地点|[\d{CN_NUMERALS}]+\s*号|[路街道巷弄]\s*\d|位于|设于|设在|坐落|[室楼座]|交叉口"),
    ),
    (re.compile(r"[的之]表?字(?:是|叫|为)?(?:什么|啥)|表字|[别字谥庙尊封法道艺年]号(?:是|为|叫)?(?:什么|啥)"), re.compile(r"[字号谥]")),
    (re.compile(r"(?:化学式|分子式|结构式)(?:是|为)?(?:什么|啥)"), re.compile(r"化学式|分子式|结构式|示性式")),
    (_ORIGIN_ASKED, _BIRTHPLACE_SAID),
    # A translation (温泉关的音译是什么, 禅那被译为什么): the text says it translates (音译, 又译, 意为)
    (
        re.compile(r"(?:音译|意译|译名|汉译名?|直译)(?:是|为|叫)?(?:什么|啥|何)|被?译(?:为|成|作)(?:什么|啥|何)|语言?的音译"),
        re.compile(r"译|意为|意指|意思是|意即|原意"),
    ),
    # A family name by birth (李思摩的本姓是什么): the text says a family name (本姓阿史那氏), not 百姓
    (re.compile(r"(?:本姓|原姓|原来姓|本来姓)(?:是|为|叫)?(?:什么|啥|何)"), re.compile(r"(?<!百)姓|氏")),
)


def gives_name_asked(text: str, question: str) -> bool:
    """False when `question` asks one of these and `text` does not give it; True otherwise. An English name may stand
    in brackets alone: 西贡商业信用银行（Sacombank）."""
    if _FOREIGN_NAME_ASKED.search(question) is not None and _LETTERS.search(text) is not None:
        return True
    return not any(asked.search(question) and not said.search(text) for asked, said in _NAMING_SAID)


# A shop, station or firm asked for by its name (眼镜店叫什么名字, 那几家加油站叫啥名): the text must name one, not
# count it or point at it (3家加油站, 亲属经营的一家眼镜店).
_BUSINESSES = ("店", "站", "厂", "公司", "企业", "酒店", "饭店", "宾馆", "商场", "超市", "医院", "银行", "网点", "工厂", "机构")
_BUSINESS_NAME_ASKED = re.compile(
    rf"([\u4e00-\u9fff]{{0,8}}(?:{any_of(_BUSINESSES)}))(?:都|分别)?(?:叫(?:什么|啥)|的?(?:名字|名称|全称)(?:是|叫)?(?:什么|啥))"
)
_NO_NAME_BEFORE = frozenset(CN_NUMERALS + "0123456789几数多各该这那此其每家个所座间的和与及、，,：: ")


def _names_business(text: str, asked: str) -> bool:
    """Whether `text` names the shop or firm `asked` ends with: the longest ending of it the text holds stands after
    a name (明亮眼镜店), not after a count or a pointer (3家加油站). A text without it is not judged here."""
    asked = asked.rsplit("的", 1)[-1]  # 亲戚开的眼镜店: the shop, not the question's own 的
    word = next((asked[-size:] for size in range(len(asked), 1, -1) if asked[-size:] in text), "")
    if not word:
        return True
    return _named_before(text, word)


def _named_before(text: str, word: str, also_not: frozenset[str] = frozenset()) -> bool:
    """Whether `word` (眼镜店, 大学) stands in `text` after a name's last character, not after a count, a pointer or
    one of `also_not` (3家加油站, 这家店; 上大学)."""
    return any(
        at > 0 and text[at - 1] not in _NO_NAME_BEFORE and text[at - 1] not in also_not
        for at in (m.start() for m in re.finditer(re.escape(word), text))
    )


# A school, court or branch asked for by which one it is ("何丽萍是哪个大学毕业的", "该去哪个法院起诉", "调去哪个分局"):
# the text names one (清河市运河区人民法院, 东湖分局), not only the kind (研究生学历, 上大学, 3个分局).
_INSTITUTION_ASKED = re.compile(r"哪一?[个所家座]?(大学|学院|学校|中学|小学|医院|法院|分局|银行)")
_NOT_A_NAME_BEFORE = frozenset("上读考进在到回去名位")  # 一名小学教师: a teacher, no school named
_SCHOOLS = ("大学", "学院", "学校", "党校", "中学", "小学")  # 学校 asked: 南京大学, 省委党校 answer it
_SCHOOL_KINDS = {"学校": _SCHOOLS, "大学": _SCHOOLS, "学院": _SCHOOLS, "中学": ("中学", "学校"), "小学": ("小学", "学校")}
_SCHOOL_NAMED = re.compile(r"(?:毕业于|就读于|考入|考上|肄业于)[\u4e00-\u9fff]{2,}")  # 毕业于北大法学院


def _names_institution(text: str, kind: str) -> bool:
    if kind in _SCHOOL_KINDS and _SCHOOL_NAMED.search(text):
        return True
    return any(_named_before(text, word, _NOT_A_NAME_BEFORE) for word in _SCHOOL_KINDS.get(kind, (kind,)))


def names_business_asked(text: str, question: str) -> bool:
    """False when `question` asks a shop or firm by its name, or which school, court or branch, and `text` names none of
    that kind; True otherwise."""
    if (business := _BUSINESS_NAME_ASKED.search(question)) is not None and not _names_business(text, business.group(1)):
        return False
    if (institution := _INSTITUTION_ASKED.search(question)) is not None and not _names_institution(text, institution.group(1)):
        return False
    return True
