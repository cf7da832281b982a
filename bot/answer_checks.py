"""Whether a candidate sentence gives what a question asks for, beyond holding its words.

A sentence on the topic is no answer to "什么时候", "多少", "由谁负责" or "依据哪部法律" unless it holds a time, a figure,
who does it or a document: `holds_new_item` reads the question once (what it asks, the years it names, the figures it
states itself) and checks each candidate against it. Its checks for the details a policy question asks (a procedure,
a document, a penalty, a deadline, a venue, a comparison, who approves, the grades) are one table, `_DETAILS_SAID`.
bot.question_analysis gives the answer type and the tagger checks it builds on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

from bot.contacts_asked import contact_asked
from bot.jieba_dictionary import in_dictionary
from bot.country_names import asks_country, names_country
from bot.names_asked import gives_name_asked, names_business_asked
from bot.question_analysis import (
    ARABIC,
    ASKED_ONLY_COUNTERS,
    CLAUSE_OPENING,
    COMPARED,
    CONTENT_TAGS,
    LIST,
    NUMBER,
    ORIGINATING,
    PERSON,
    PLACE,
    PLACE_CUE,
    PLACE_LEVELS,
    POST_UNITS,
    QUANTITY,
    RANGE_MARKS,
    RELATIVE_YEARS,
    TIME,
    TYPED,
    UNITS,
    YEAR_ASKED,
    YEAR_OR_DATE,
    YES_NO,
    analyse,
    asks_name,
    asks_originator,
    jieba_tagger,
    named_near,
    names_person,
    role_asked_of,
    tagged_as,
    years_named,
)
from ingest.structure import listed_count
from ingest.textnorm import normalize
from ingest.zh_text import (
    AREA_UNITS,
    CJK,
    ASK_DURATION,
    ENUMERATION_COMMA,
    QUOTED_TITLE,
    SEMICOLONS,
    SENTENCE_MARKS,
    MEASURE_WORDS,
    cn_number,
    ITEM_COUNTERS,
    names_part,
    is_indefinite_one,
    split_sentences,
    CN_DIGITS,
    CN_NUMERALS,
    COUNTERS,
    SHARES,
    TEXT_REFERENCES,
    any_of,
    arabic_counts,
    unit_names,
)

_TEAM_UNITS = "组队团班"  # of those, teams set up for a task (巡察组, 领导小组, 工作队), not offices
_DIVISIONS = "科股"  # a bureau's divisions (质量发展科科长 is no 人事教育科科长)
_WORD_AFTER_TEAM = "员织成建合伍结子级"  # 组 or 队 of another word: 队员, 组织, 组成, 队伍, 团结, 班子
_ORIGIN_SAID = re.compile(rf"{ORIGINATING}|首倡|创作|创始|倡议|(?<![描书抄改])写|著(?![名称])|作者|编写")


def holds_new_item(text: str, answer_type: str, question: str, frame: str = "", titled: str | None = None) -> bool:
    """Whether `text` holds a time or a quantity that `question` does not itself state: a sentence whose only
    year is the one the question names does not say when. A question for a web address, a telephone or fax
    number, an email address or a postcode needs one ("平台的网址是什么" is not answered by the platform's name),
    and a question naming a year (not in a 《title》) is not answered by a text naming only other years ("2024年合格率是多少"
    by "到2026年底合格率稳定在95%以上", "2021年度考核是什么等次" by 2022年度's), though a question of a thing (not a
    time or figure) may be by a year from which something holds (2022年3月起任…); a when or how-many question not by
    a total over years (25年来) either. Who holds a post and who said something first are checked before years. A text
    naming no year is dated by its `frame`: the sentence opening its paragraph when that names a year, else the
    headings and the title it stands under (a 2025年工作总结 does not say what was fined in 2024); a thing asked,
    by those headings and title alone (`titled`, when given): a narrative's "1949年10月，…" opening does not
    date a sermon's title told later in its paragraph.
    True for other types: names are told by jieba's tagger, which misses too many of them to refuse an answer on;
    but who first said, wrote or founded something ("质量强国是谁提出的") is answered only by a text telling an
    origin (提出, 首创, 作者 …) with a person named next to it: a sentence on the topic alone misleads. A shop or
    firm asked for by name, or which school or court, needs its name, whatever the type; another name, an address,
    a courtesy name, a formula, where one is from, a translation or a family name asked for, a text giving one (both
    bot.names_asked); a procedure asked for, a text telling one; a document asked for, a text naming one; who is
    responsible, a text saying who does it; a penalty, a text telling one; a deadline, one set; a venue, a place; a
    comparison or which is the most, a text comparing; how many and which, a text listing them, counted or not; a
    country asked for, a country (bot.country_names); a contact asked for, the contact (bot.contacts_asked); a count
    of a thing named, that thing (锅炉 of 全县在册的锅炉有多少台), in the text or its headings."""
    if not names_business_asked(text, question):
        return False
    if asks_country(question) and not names_country(text):
        return False
    if not gives_name_asked(text, question):
        return False
    if answer_type == TIME and _BIRTH_ASKED.search(question) and not _BIRTH_SAID.search(text):
        return False
    if answer_type == LIST and _ASKS_KINDS.search(question):
        return _ENUMERATION.search(text) is not None
    if (counted := _WHICH_N.search(question)) is not None and listed_count(text) < (cn_number(counted.group(1)) or 0) >= _WHICH_N_LISTED:
        return False  # "中央八项规定具体是哪八项" is not answered by a sentence naming 八项规定 and listing none
    listed = answer_type == NUMBER and _COUNT_AND_ITEMS.search(question) is not None and listed_count(text) >= 2
    if _WHICH_MOST.search(question) and not _COMPARING.search(text):
        return False  # "三支队伍里哪一支人数最多": a sentence naming the three compares none
    if _ASKS_CHARGE.search(question):
        return _CHARGE_SAID.search(text) is not None
    if any(asked.search(question) and not said.search(_TO_BE_MADE.sub("", text)) for asked, said in _DETAILS_SAID):
        return False
    if (responsible := _RESPONSIBLE_ASKED.search(question)) and not _RESPONSIBLE_SAID.search(text):
        kind = responsible.group(1) or responsible.group(2)  # 部门 of 由哪个部门: a body it names answers too, not for 由谁
        if not kind or (kind not in text and not _BODY_NAMED.search(text)):
            return False
        if kind in _PEOPLE_KINDS and not _PERSON_SAID.search(text):
            return False  # 由哪个领导牵头, with no 由 or 牵头 said: a leader by a post or a name, not 领导 of 领导机构 or 领导班子
    if (holder := _HOLDER_ASKED.search(question)) and (holder.group(1) or holder.group(2)) not in text and not (_HOLDER_SAID.search(text) or tagged_as(text, PERSON, question)):
        return False
    if _VENUE_ASKED.search(question) and not (PLACE_CUE.search(text) or _VENUE_KIND.search(text) or tagged_as(text, PLACE, question)):
        return False
    if answer_type == YES_NO and not _says_what_is_asked_of(text, question):
        return False
    if _opposite_extreme(text, question):
        return False
    if (role := role_asked_of(question)) and not re.search(rf"{re.escape(role)}(?:则|就|也|都|正)?(?:是|为|作为|扮演|充当|担当|当好|成为)", text):
        return False
    if answer_type == PERSON and asks_name(question):
        return names_person(text, question) and _names_post_asked(text, question)
    if answer_type == PERSON and asks_originator(question):
        return named_near(text, _ORIGIN_SAID, question) or _FOUNDED_BY.search(text) is not None
    asked = _asked_item(question, answer_type)
    if asked.contact is not None:
        return asked.contact.search(text) is not None
    dating = frame if asked.pattern is not None or titled is None else titled  # a thing is dated by its title, not a story's
    if asked.years and (named := years_named(_LAST_TIME_YEAR.sub("", text)) or _frame_years(text, dating)) and not asked.years & named:
        # Of a thing asked, not a time or a figure: a year from which something holds (2022年3月起任…, 2021年以来)
        # or a target year (到2026年底) may cover the year asked.
        if asked.pattern is not None or not (_OPEN_YEARS.search(text) or _OPEN_YEARS.search(question)):
            return False
    if asked.quarter is not None:  # only its sentences of the quarter asked may answer (a quote of two sentences)
        text = "".join(sentence for sentence in split_sentences(text) if _of_quarter(sentence, dating, asked.quarter))
        if not text:
            return False
    if asked.pattern is None:
        return True
    if asked.years and not named and _OVER_YEARS.search(text):
        return False  # a total over years (25年来…累计检查电梯1.46万台次) is no one year's figure
    if listed:
        return True  # "有几条标准？分别是什么": the items listed say both, their year checked above
    if asked.counted and asked.counted not in text:
        return False
    if asked.entity and asked.entity not in text and asked.entity not in (frame if titled is None else titled):
        return False
    if asked.measure and not re.search(rf"(?:[0-9０-９{CN_NUMERALS}.．]+[余多]?个?)?半?{asked.measure}", text):
        return False
    if asked.family == DURATION and _HOW_OFTEN.search(question) and _EVERY_PERIOD.search(text):
        return True  # "质量讲堂多长时间办一次": 每月 says how often, with no figure
    windows = _compared_windows(text, asked.years) if answer_type == NUMBER and not _ASKS_CHANGE.search(question) else None
    for match, item in _items_at(asked.pattern, text):
        if arabic_counts(item) in asked.said:
            continue
        if windows is not None and not any(start <= match < end for start, end in windows):
            continue  # "较2024年的92.1%提高…": of 2024, only the figure right after it
        if answer_type == NUMBER and _is_article(text, match, item, asked.counter):
            continue
        if answer_type == NUMBER and _MODEL_CODE_BEFORE.search(text, 0, match) and not _AMOUNT_AFTER.match(text, match + len(item) - 1):
            continue  # BV2.5平方毫米电线, HD-2000型: a product's model, no quantity (GDP3560亿元 is one)
        if answer_type == TIME and _is_house_number(text, match, item):
            continue
        if answer_type == NUMBER and not asked.rank and _is_ordinal(text, match, item):
            continue
        if answer_type == NUMBER and is_indefinite_one(text, match, item):
            continue  # 造就一支…队伍 counts no 队伍 ("一共要建设几支干部队伍": 3支队伍 does)
        if asked.family and not _fits_family(text, match, item, asked.family, asked.after):
            continue
        return True
    return False


# A document asked for ("按哪个文件认定", "依据什么规定", "根据哪部法律") is answered only by a text naming one: a title in
# 《》 or a kind of document, not by a sentence on the matter that names none (对不适应岗位要求…的干部及时调整).
# Not "有什么办法" (a method) nor "有什么规定" (what a rule says).
_DOCUMENT_ASKED = re.compile(
    r"哪一?[个份部项条](?:(?!部门|单位|机关|机构|领导|人)[\u4e00-\u9fff]){0,4}?(?:文件|法规|法律|条例|规章|规定)(?![要了把将对])|(?<![带交备传开持需])哪些(?:文件|法规|法律|条例)(?!里|中)|哪一?部法|(?<![带交备传开持需])(?:什么|啥)(?:文件|法规|法律(?!责任|后果|效力|地位)|条例|规章)"
    r"|(?:依据|根据|按照?|依照)(?:的是)?(?:什么|啥|哪些)规定"
)
_DOCUMENT_NAMED = re.compile(
    r"《|文件|法规|法律|条例|规章|规定|办法|细则|纲要|意见|通知|决定(?!因素|性|作用)|[^方执违合守立司办做说想用依手书算语看无非设]法(?![官院师子治])"
)
# A deadline asked ("考评办法要求在什么期限内完善"): a text setting one, a date or a span (年底前, 30个工作日内), not one saying
# only what is to be done.
_DEADLINE_ASKED = re.compile(r"(?:什么|啥|哪个|多长)(?:期限|时限)|(?:期限|时限)(?:是|为)(?:多久|多长|什么|啥)")
_DEADLINE_SAID = re.compile(
    rf"\d+\s*个?(?:工作日|[天日月年周])|[{CN_NUMERALS}]+个?(?:工作日|[天日月年周])|年[底内末]|月[底内末]|[上下]半年|季度|之前|以前|前完成|以内|之内|期限"
    r"|时限|当[天日年月]|即时"
)
# A venue asked ("技能竞赛一般在什么地方举办"): a text naming a place (tagged, or by a venue's kind), not one saying only
# that the event is held.
_VENUE_ASKED = re.compile(
    r"在(?:什么|啥|哪个|哪一?些)?(?:地方|地点|场所|场地|哪里|哪儿|哪)(?:来)?(?:举办|举行|召开|开展|进行|比赛|组织)"
    r"|[去到](?:什么|啥|哪个|哪一?些)?(?:地方|地点|单位|哪里|哪儿)(?:参观|考察|学习|调研|培训)"  # 一般安排去哪些地方参观
    r"|(?:举办|举行|召开|比赛|活动|会议)的?(?:地点|地方)(?:是|在)(?:哪|什么|啥)|在哪儿?[办搞]"  # not 被发现的地点在哪里
)
# ... a place the text names (PLACE_CUE: 南京市, not 市场 or 全市) or a venue by its kind:
_VENUE_KIND = re.compile(r"区|馆|中心(?!组|任务|工作)|会场|现场|基地|广场|[球赛考剧]场|体育场|大厦|大楼|楼|礼堂|学校|学院|大学|宾馆|酒店|厅|室|园")
# A comparison asked ("和其他执法部门相比怎么样"): a text comparing (_COMPARING), not one describing one side.
_COMPARISON_ASKED = re.compile(r"(?:和|与|跟|同)[^，,。？?]{1,15}?(?:相比|比较|比起来|比)[^，,。？?]{0,4}?(?:怎么样|如何|怎样|咋样|谁|哪个)")
# Who usually holds a post ("组长一般由谁担任"): a text naming the post, a person, or who by their post (主要负责同志, 一把手).
_HOLDER_ASKED = re.compile(
    rf"([{POST_UNITS}]长|主任|书记|负责人)(?:一般|通常|具体|主要)(?:由谁|是谁|是哪位|由哪位)"
    rf"|由(?:谁|哪位[{CJK}]{{0,4}}?)(?:来)?(?:担任|出任|兼任)(?:[{CJK}]{{0,6}}?的)?([{POST_UNITS}]长|主任|书记|负责人)"  # 由谁担任组长, 由哪位领导同志担任组长
)
_HOLDER_SAID = re.compile(rf"[{POST_UNITS}]长|主任|书记|负责同志|负责人|一把手|领导同志|主要领导")
# Who is responsible ("由哪个部门负责执行", "培训经费由谁出", "由哪位局长牵头"): a text saying who does it (由…, 负责, 牵头,
# 承担) or naming the kind asked (公司 of 由哪家公司负责), not one saying only that it is to be done (建立健全干部退出机制).
_RESPONSIBLE_ASKED = re.compile(
    rf"由(?:[^，,。？?谁哪]{{1,8}}?[里中内的])?(?:谁|哪(?!一?[年天日月]|个?时)一?[个家所位级]?([{CJK}]{{0,4}}?))(?:来)?(?:负责|牵头|承担|执行|组织实施|实施|制定|审批|办理|出资|出钱|出[？?的]*$)"
    rf"|(?:谁|哪一?[个家所]([{CJK}]{{0,4}}?))(?:来)?(?:负责|牵头)"  # 哪个部门负责制定…, 这项工作谁来负责
)
_PEOPLE_KINDS = ("领导", "同志", "人", "个人", "负责人")  # whom 由哪个… asks: a person, whom a body's name does not answer
_PERSON_SAID = re.compile(rf"{_HOLDER_SAID.pattern}|分管领导|联系人|[{CJK}]{{2,3}}同志")  # a post, or one named (李明同志, 联系人：张伟)
_RESPONSIBLE_SAID = re.compile(r"(?<![理自缘经])由(?![于此衷])|负责|牵头|承担|主管|主办|承办|出资|拨付|列支|开支")
# A body by its name (人事教育处 of 由哪个部门), not 科学, 全局, 好处 or 中心组.
_BODY_NAMED = re.compile(
    rf"[{CJK}]{{2}}(?:(?<![好到之难长用益])处|(?<![全格大结布时当])局|科(?![学技研普])|委员会|办公室|厅|(?<!为)中心(?![组任工思])|公司)(?![长员])"
)
# A penalty asked ("违反…会受到什么处分", 要承担什么后果): a text telling one or what follows (会导致…), not the rule itself
# (严格执行廉洁自律各项规定). Not 有什么后果 or 处理, which a text tells in too many ways (不得确定为优秀等次, 由市局予以通报).
_PENALTY_ASKED = re.compile(
    r"(?:受到?|承担|面临|给予?|有|招致|处以|挨)(?:什么|啥|哪些|怎样的|何种)(?:样的)?(?:[\u4e00-\u9fff]{0,4}?)(?:处分|处罚|惩罚|惩处)|(?:处分|处罚|惩罚)(?:是|有)(?:什么|啥|哪些)"
    r"|(?:咋|怎么|怎样|如何)(?:处罚|处分|惩处)|承担(?:什么|啥|哪些|怎样的)(?:样的)?后果"
)
_PENALTY_SAID = re.compile(
    r"处分|处罚|惩罚|惩处|追究|问责|撤职|开除|免职|降级|降职|警告|记过|罚款|罚金|吊销|没收|处以|拘留|判处|刑|责令|通报|诫勉"
    r"|予以|不予|扣[除减发]|暂停|不得(?:确定|评为|参加|享受|晋升|提拔)|承担[^，,。；;]{0,6}责任"
    r"|取消[^，,。；;]{0,6}资格|调离|清退|辞退|停产停业|移送|导致|造成"
)
# A procedure asked ("干部退出具体按什么程序认定和办理", 要走哪些审批程序): a text telling one, by its name or its steps (经…审批, 报…, 先…再),
# not one saying only that the thing exists (建立健全干部退出机制).
# Not 手续, which a text answers by what one needs (还需要什么手续: 仍需取得以色列签证), nor software (用什么程序打开).
_PROCEDURE_ASKED = re.compile(
    r"(?<!用)(?:什么|啥|哪些|怎样的|哪几个?|何种)(?:样的)?(?:审批|报批|审核|办理|申报)?(?:程序|流程)(?!员)|(?:程序|流程)(?:是|有)(?:什么|啥|哪些|怎样)"
    r"|(?:程序|流程|步骤)(?:分|有|包括)?(?:哪几|几)个?(?:步|环节|阶段)|(?:分|要走)(?:哪几|几)步"  # 具体流程分哪几步
    r"|(?:程序|流程)(?:是)?(?:如何|怎样|怎么样)"  # 具体办理程序如何
)
_PROCEDURE_SAID = re.compile(
    r"程序|流程|手续|步骤|环节|审批|审核|批准|提交|申请|备案|登记|办理"
    r"|经[^，,。；;]{0,12}?(?:同意|认定|审查|研究)|报[^，,。；;]{0,10}?(?:审定|同意)|先[^。；;]{1,20}?(?:再|后|然后)"
    r"|[：:]\s*一是|第一步"  # its steps in order, led in and the first opening them (答题要点：一是制定抽查计划…；二是…)
)
# Whether there is something ("年轻干部提拔到重要岗位有没有年龄上限", 是否有补贴): the words after 有没有. Not a bare 有…吗
# (所有, 有关 and 有效 hold 有 too).
_HAS_ASKED = re.compile(
    r"(?:有没有|有无|是否有|是不是有|(?<![没还所拥具])有(?![关效些的])(?=[^，,。？?！!；;]{2,10}?[吗嘛][？?！!。\s]*$))([^，,。？?！!；;吗嘛呢]{2,})"
)
# Whether one may (能不能申诉): a text naming it, or saying what may or may not be done (可以委托代理人办理, 不得评为优秀)
_MAY_ASKED = re.compile(r"(?:能不能|能否|可不可以|可否)([^，,。？?！!；;吗嘛呢]{2,})")
_MAY_SAID = re.compile(r"可以|[可须]|不得|不能|不可|允许|禁止|方可|准予|不予")
# "文章有没有说全国质监干部队伍目前有多少人": a question asked within one, which the text must answer as such
_EMBEDDED_ASKED = re.compile(r"(?:有没有|是否|有无)(?:说|提到|提及|讲|写|介绍|交代)(?:过|了|到)?(.{4,})")


def _says_what_is_asked_of(text: str, question: str) -> bool:
    """Whether a text names something of what a question asks there is (年龄 or 上限 of 有没有年龄上限): a sentence on young
    cadres' promotion that names no age limit neither says there is one nor that there is none. One word named will do
    (德才兼备 of 是否有德才兼备的要求, the text saying 坚持…原则); so for whether one may (能不能申诉). A thing pointed at
    (有这么一说吗) asks nothing the text must name, a text named (有没有提到…) only what it is said to mention, and a who, when
    or how-many question asked within (文章有没有说…有多少人) needs what it asks."""
    embedded = _EMBEDDED_ASKED.search(question)
    if embedded is not None and (inner := analyse(embedded.group(1))).answer_type in TYPED:
        return holds_new_item(text, inner.answer_type, embedded.group(1))
    if _MAY_ASKED.search(question) is not None and _MAY_SAID.search(text):
        return True
    words = _words_asked_there_are(question)
    said = normalize(text)
    return not words or any(names_part(word, said) for word in words)


@lru_cache(maxsize=1024)
def _words_asked_there_are(question: str) -> tuple[str, ...]:
    """The content words of what a question asks there is or one may do (年龄, 上限 of 有没有年龄上限), normalised; () when
    it asks of nothing or of a thing pointed at (有这么一说吗). Cached: checked against every candidate."""
    asked = _HAS_ASKED.search(question) or _MAY_ASKED.search(question)
    if asked is None or asked.group(1)[0] in "这那":
        return ()
    return tuple(
        normalize(w.word) for w in jieba_tagger().lcut(asked.group(1)) if w.flag.startswith(CONTENT_TAGS) and len(w.word) > 1 and w.word not in TEXT_REFERENCES
    )


# What someone is in charge of ("副局长李红梅分管哪些工作"): a text saying what is 分管 (分管质量发展股、计量股), not one
# naming the person by that post (分管副局长林晓岚任副组长), which policy prose does everywhere.
_ASKS_CHARGE = re.compile(r"(?:分管|主管|协管)(?:的是|了|着)?(?:哪|什么|啥)")
_CHARGE_SAID = re.compile(
    rf"(?:分管|主管|协管)(?!的?副?(?:[{POST_UNITS}]?长|领导|局领导|负责|同志|书记|主任))"
    r"|[：:]\s*(?:负责|主持|联系|协助)"  # a 分工 line: "李红梅同志：负责计量、标准化工作"
)
# The two ends of a ranking: "哪类产品合格率垫底" is not answered by "食品相关产品合格率最高".
_LOWEST = re.compile(r"最低|垫底|最少|最差|最小|最弱|倒数|末位|最末|靠后")
_HIGHEST = re.compile(r"最高|最多|最好|最大|最强|居首|首位|榜首|排名第一|名列第一")


def _opposite_extreme(text: str, question: str) -> bool:
    """Whether the question asks one end of a ranking and `text` names only the other."""
    for asked, other in ((_LOWEST, _HIGHEST), (_HIGHEST, _LOWEST)):
        if asked.search(question) and not other.search(question) and other.search(text) and not asked.search(text):
            return True
    return False


# When someone was born ("刘德胜是哪年出生的"): a text telling a birth (1983年5月出生, 生于, a life's span "（1920年－1998年）"),
# not any date near the name (考察时间为2025年6月23日).
_BIRTH_ASKED = re.compile(r"(?:哪一?年|什么时候|啥时候?|何时|哪一?天|几月|哪个月)(?:出生|生)的?|出生(?:于|在)?(?:哪|什么|何|啥)|生日|出生(?:年月|日期|年份|时间)")
_BIRTH_SAID = re.compile(
    rf"出生|生于|生人|诞生|出世|生日|降生|[\d{CN_NUMERALS}]{{2,4}}年(?:[\d{CN_NUMERALS}]{{1,2}}月)?(?:[\d{CN_NUMERALS}]{{1,3}}日)?生"
    r"|[（(]\s*(?:公元前?)?\d{1,4}\s*年?(?:\d{1,2}月)?(?:\d{1,2}日)?\s*[－—\-–~～至]"
    r"|[男女][，,]\s*(?:[\u4e00-\u9fff]{1,3}族[，,]\s*)?\d{4}年\d{1,2}月"  # a résumé line: 何丽萍，女，汉族，1985年5月，…
)
# A list asked by its kinds (哪几类干部队伍, 哪几种方式): the answer sets them out (甲、乙) or counts them (3支队伍;
# 一支 is "a", no count).
_ASKS_KINDS = re.compile(r"几[类种支]")
_ENUMERATION = re.compile(rf"{ENUMERATION_COMMA}|[{SEMICOLONS}]|一是|(?![一])(?:[0-9０-９]+|[{CN_NUMERALS}]+)[个支类种]")
# Which ones, their number said (哪八项, 哪三支): a text listing that many, three or more (two are said in too many ways: 往返于
# X至Y, 由A及B合并); which is the most (哪一支人数最多), a text comparing.
_WHICH_N_LISTED = 3
_WHICH_N = re.compile(rf"哪([两二三四五六七八九十\d]{{1,2}})[{ITEM_COUNTERS}支位座家所部本首名条]")
# How many, and which ("有几条标准？分别是什么", "一共几项，都有哪些"): a text listing them says both, counted or not.
_COUNT_AND_ITEMS = re.compile(
    rf"(?<![这那哪第])几(?:个方面|[{ITEM_COUNTERS}支位名条点件家])[^，,。？?]{{0,8}}[，,。？?\s]*(?:具体|分别|各|都)?(?:是|有|包括)?(?:什么|啥|哪些|哪几|谁)"
)
_WHICH_MOST = re.compile(r"哪[^，,。？?]{0,14}?最(?:多|少|大|小|高|低|差|强|弱|明显|重要|关键|有效|突出|显著|好(?=[？?。，,！!\s的呢吗啊用]|$))")  # not 最好提前准备
_COMPARING = re.compile(
    r"最|第一|首位|居首|之首|榜首|之冠|首要|首次|率先|最先|重中之重|关键在于|(?<!比)较|相较|超过|多于|少于|高于|低于|大于|小于|优于|劣于|不如"
    r"|比(?!较|如)[^，,。；;]{1,12}?[高低强弱多少好差快慢]|相当|持平|差距|偏[高低]"
)  # not 更: 更加重视 compares nothing
# Who approves ("需要报哪一级审批", "由谁批准"): a text saying it is approved, or by whom (报…审批, 经…研究决定), not one saying
# only what is done (对不适应岗位要求的干部及时调整).
_APPROVER_ASKED = re.compile(
    r"(?:报|由|经|找)(?:哪一?级|哪个|哪些|哪|谁|什么)[^，,。？?]{0,6}?(?:审批|批准|审核|审定|核准|备案)|(?:谁|哪一?级|哪个部门)(?:来)?(?:审批|批准|审核|审定|核准)"
    r"|谁说了算|谁拍板|(?:由|归)?谁(?:来)?(?:决定|定夺)"  # 调整干部谁说了算, 由谁决定: a text saying a decision (朱棣决定迁都)
)
_APPROVER_SAID = re.compile(
    r"审批|批准|审核|审定|核准|备案|同意|报[^，,。；;]{1,10}?[批审定]|[由经][^，,。；;]{1,12}?(?:研究|认定)|决定|定夺"
)
# The grades a thing is divided into ("年度绩效考核分哪几个等次"): a text naming grades, not one saying the assessment exists.
_GRADES_ASKED = re.compile(r"分(?:为|成)?(?:哪几|哪些|几)个?(?:等次|等级|档次|档|级别)")
_GRADES_SAID = re.compile(
    rf"等次|等级|档次|级别|优秀|良好|合格|称职|[甲乙丙丁ABCD]级|[{CN_NUMERALS}\d]+个?(?:星|级|档|等)(?!于)"
)
# Details a policy question asks that a sentence on the topic does not give, each with what gives it: answered only
# by a text saying it (holds_new_item).
_DETAILS_SAID: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (_PROCEDURE_ASKED, _PROCEDURE_SAID),
    (_DOCUMENT_ASKED, _DOCUMENT_NAMED),
    (_PENALTY_ASKED, _PENALTY_SAID),
    (_DEADLINE_ASKED, _DEADLINE_SAID),
    (_COMPARISON_ASKED, _COMPARING),
    (_APPROVER_ASKED, _APPROVER_SAID),
    (_GRADES_ASKED, _GRADES_SAID),
)
# A rule or a document the text says is to be made (完善考评办法, 建立健全…制度): none in force, which no detail asked is said by
_TO_BE_MADE = re.compile(
    r"(?<!已)(?<!依据)(?<!按照)(?<!根据)(?<!依照)(?:完善|健全|制定|建立|修订|出台)(?![了的过])[\u4e00-\u9fff]{0,8}?(?:办法|规定|制度|细则|意见|机制)"
    r"|正在(?:制定|修订|研究)的[\u4e00-\u9fff]{0,8}?(?:办法|规定|制度|细则|意见)"
)  # … not one made already (已制定了, 省局研究制定的实施意见, 依据总局出台的…规定)


@dataclass(frozen=True)
class _AskedItem:
    """What a question asks `holds_new_item` to find, read from the question once for all its candidates."""

    contact: re.Pattern[str] | None  # a web address, telephone, email or postcode asked for
    pattern: re.Pattern[str] | None  # a time or a quantity asked for
    years: frozenset[int]  # the years it names, outside 《titles》
    said: frozenset[str]  # the times or quantities it states itself
    counter: str  # the counter it asks with (几个, 多少名)
    family: str  # the units that may answer a how-many question
    rank: bool  # it asks for a place in an order (排多少位, 第几)
    counted: str  # the negated state a count is of (多少批次不合格: 不合格), which the answer must say too
    after: str  # the two characters after the counter (多少家企业: 企业): 3个企业 counts them too
    measure: str  # the unit of measure asked in (多少学时: 学时), which the answer's figure must be in
    entity: str  # the thing counted, named just before the count asked (锅炉 of 全县在册的锅炉有多少台)
    quarter: int | None  # the one quarter of a year it names (二季度), not a span of them (前三季度)


@lru_cache(maxsize=1024)
def _asked_item(question: str, answer_type: str) -> _AskedItem:
    contact = contact_asked(question)
    when = _CLOCK_ITEM if _ASKS_CLOCK.search(question) else _YEAR_ITEM if _ASKS_YEAR.search(question) else YEAR_OR_DATE
    pattern = {TIME: when, NUMBER: QUANTITY}.get(answer_type)
    said = frozenset(arabic_counts(item) for _, item in _items_at(pattern, question)) if pattern is not None else frozenset()
    counted = _ASKED_COUNTER.search(question) if answer_type == NUMBER else None
    counter = counted.group(1) if counted else ""
    return _AskedItem(
        contact=contact,
        pattern=pattern,
        years=frozenset(years_named(QUOTED_TITLE.sub("", question))),
        said=said,
        counter=counter,
        family=_asked_family(question, counter) if answer_type == NUMBER else "",
        rank=_ASKS_RANK.search(question) is not None,
        counted=_counted_word(question, counted) if counted else "",
        after=_after_counter(question, counted)[:2] if counted else "",
        measure=_asked_measure(question) if answer_type == NUMBER else "",
        entity=_counted_entity(question) if answer_type == NUMBER else "",
        quarter=_one_quarter(QUOTED_TITLE.sub("", question)),
    )


def _asked_measure(question: str) -> str:
    """The unit the answer's figure must be in, as a pattern: 学时 of 多少学时; an area's units of 面积有多大."""
    if (measured := _ASKED_MEASURE.search(question)) is not None:
        return unit_names(measured.group(1))
    return _AREA_UNITS if _AREA_ASKED.search(question) else ""


# "建筑面积有多大" is answered by 1.2万平方米, not by 新建计量标准12项 (a held-out near miss).
_AREA_ASKED = re.compile(r"面积(?:是|有|为|达到?|约|大约)?(?:多大|多少|几)")
_AREA_UNITS = f"(?:{any_of(AREA_UNITS)})"
_COUNT_ASKED = re.compile(r"(?:一共|总共|共|大约|约|大概)?(?:有|是|为|达到?|共计|合计)(?:多少|几)")  # 锅炉有多少台; not 花费多少天
# Attributes, which texts say otherwise (体长 of 长91厘米, 面积 of 占地1.2万平方米, 补贴 of 每人补助500元): not a thing counted.
_ATTRIBUTE_END = re.compile(r"[长量数额率例度重高宽深分价龄期号码收入字值幅限间格压积离准费资金贴润本]$")
_SCOPE = re.compile(rf"[全本我该此][{''.join(sorted(PLACE_LEVELS))}国局所]")  # 全市 of 电梯在全市有多少台: where, not what, is counted
_COUNTED_AFTER = re.compile(rf"[{COUNTERS}]?(?![{COUNTERS}])[\u4e00-\u9fff]")  # 全市有多少家企业: the thing counted follows


def _counted_entity(question: str) -> str:
    """The thing a how-many question counts, when a noun names it before the count it asks (锅炉 of 全县在册的锅炉有多少台),
    by its head (干部 of 年轻干部, which a text may call 青年干部): a figure of other things (在册特种设备3862台，其中电梯2140台)
    does not answer it. None when the thing follows the count (全市有多少家企业) or the noun is an attribute or a scope."""
    asked = _COUNT_ASKED.search(question)
    if asked is None or _COUNTED_AFTER.match(question, asked.end()):
        return ""
    pairs = jieba_tagger().lcut(question[: asked.start()], HMM=False)  # dictionary words: not 能记 of 能记的学时有多少
    if not pairs or pairs[-1].flag not in ("n", "nz") or len(pairs[-1].word) < 2:
        return ""
    word = pairs[-1].word
    if _ATTRIBUTE_END.search(word) or _SCOPE.fullmatch(word):
        return ""
    return next((word[at:] for at in range(1, len(word) - 1) if in_dictionary(word[at:])), word)  # its head: 干部 of 年轻干部


def _after_counter(question: str, counted: re.Match[str]) -> str:
    """What the question says after its counter, past the 次 of 批次 / 人次."""
    rest = question[counted.end() :]
    return rest[1:] if rest[:1] == "次" else rest


def _counted_word(question: str, counted: re.Match[str]) -> str:
    """The negated state a count is of: "多少批次不合格" counts what failed, and the plan's 3200 批次 does not
    answer it. Only a negation (不合格, 未整改, 没通过), said word for word: other words after a counter (参加,
    重大, 产品) are often left out of the answer ("培训干部1150人次")."""
    words = [w for w in jieba.lcut(_after_counter(question, counted)[:8]) if w.strip()]
    if not words or not words[0].startswith(_NEGATIONS):
        return ""
    return words[0] + words[1] if words[0] in _NEGATIONS and len(words) > 1 else words[0]


# "哪一年" asks for a year: 新时期, 三国时期 or 五月 are times, not years (every CMRC year question's gold has one).
_ASKS_YEAR = re.compile(rf"{YEAR_ASKED}|年份")
# "几点开始的" asks the time of day, which a date does not say (2024年6月18日下午); not "讲了几点", "有几点要求".
_ASKS_CLOCK = re.compile(r"几点钟|什么时刻|(?<![讲说提有分共了])几点(?=[开结到召举出起上下]|[？?。！!吗呢啊\s]*$)")
_DAYTIME = "上午|下午|晚上|早上|凌晨|中午|傍晚|早晨|夜里"
# A time of day: 9:30, 下午3点, 上午九时, 14时30分, 三点半, 3点钟; not 三点要求.
_CLOCK_ITEM = re.compile(
    rf"\d{{1,2}}\s*[:：]\s*\d{{2}}|(?:{_DAYTIME})[\d{CN_NUMERALS}]{{1,3}}\s*[点时]"
    rf"|[\d{CN_NUMERALS}]{{1,3}}\s*(?:点钟|点半|[点时][\d{CN_NUMERALS}]{{1,3}}分|时许)|\d{{1,2}}\s*[点时](?![\u4e00-\u9fff])"
)
# A year, not a span of years (三年行动, 任职满三年, 工作满10年): four digits, a relative year, a reign year opening
# a clause (崇宁五年, as YEAR_OR_DATE reads one).
_YEAR_ITEM = re.compile(
    rf"(?<![0-9０-９]){ARABIC}{{3,4}}\s*年|[{CN_DIGITS}]{{4}}年|[同当次翌今去明前]年|元年|"
    rf"{CLAUSE_OPENING}[\u4e00-\u9fff]{{2,3}}[{CN_NUMERALS}]{{1,3}}年"
)
# A frame over several years: a plan's (三年行动), or a range to another year or to now (至2026年, 至今); not
# 4月8日至5月31日, within its year, nor a count reached (登记总数达到6412台).
_SEVERAL_YEARS = re.compile(rf"[{CN_NUMERALS}\d]+年(?:行动|规划|计划|攻坚)|五年|[—–~～至到]\s*(?:(?:19|20)\d{{2}}\s*年|[{CN_DIGITS}]{{4}}年|今)")
# A year from which something holds, or up to which: 2022年3月起, 2021年以来, 至今, 到2026年底.
_OPEN_YEARS = re.compile(r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:起|以来|开始|至今)|[到至]\d{4}年")
# A figure summed over years, with no year of its own: 25年来, 近五年来, 多年来, 历年 (not 累计 alone: 今年以来累计).
_OVER_YEARS = re.compile(rf"(?:[{CN_NUMERALS}\d]+|多)年(?:来|以来)|历年")


def _frame_years(text: str, frame: str) -> set[int]:
    """The years of the headings and title a text stands under, for a text naming no year of its own: the
    frame's year, or the years before or after it the text says (去年, 明年; 今年, 本年度 are the frame's own)."""
    framed = years_named(_COMPARED_YEAR.sub("", QUOTED_TITLE.sub("", frame)))  # 2024年…，较2023年下降…: of 2024
    if len(framed) != 1 or _SEVERAL_YEARS.search(frame):
        return set()
    year = next(iter(framed))
    compared = COMPARED.sub("", text)  # 比上年下降0.8个百分点 dates nothing
    shifted = {year + shift for word, shift in RELATIVE_YEARS if word in compared}
    return shifted | ({year} if not shifted or any(word in text for word in ("今年", "本年", "当年", "全年")) else set())


# A quarter of the year (二季度, 第3季度), not one ending a span of quarters (1至3季度, 前三季度), which sums them.
# 上一季度 and 下一季度 name the quarters beside the text's own; 一、二季度 is a span too.
_QUARTER = re.compile(rf"(?<![{RANGE_MARKS}前上下本])(?<![1-4一二三四][、和及与])第?([1-4一二三四])\s*季度")
_QUARTER_SPAN = re.compile(
    rf"(?:第?[1-4一二三四]\s*(?:季度)?\s*[{RANGE_MARKS}、和及与]\s*第?[1-4一二三四]|前[2-4二三四两]个?)\s*季度"
)


def _quarters(text: str) -> set[int]:
    """The quarters a text names one by one."""
    return {cn_number(m.group(1)) or 0 for m in _QUARTER.finditer(text)}


def _one_quarter(question: str) -> int | None:
    """The quarter a question asks of, when it names one and no span ("二季度全市抽查了多少批次")."""
    named = _quarters(question)
    return next(iter(named)) if len(named) == 1 and not _QUARTER_SPAN.search(question) else None


def _of_quarter(text: str, frame: str, quarter: int) -> bool:
    """Whether a text may tell of the quarter asked: one naming quarters must name it (a span, 1至3季度累计, sums
    them and tells none), one naming none must not stand under another quarter's title or headings (the figures
    of a 第三季度 report answer no 二季度 question)."""
    if _QUARTER_SPAN.search(text) or _quarters(text):
        return quarter in _quarters(text)
    framed = _quarters(frame)
    return len(framed) != 1 or quarter in framed


# What a how-many question counts, by the units that may answer it: "多少钱" is not answered by "前10名",
# "多少人" not by "9月". 个 counts anything, so it asks for no unit.
_MONEY_ASKED = re.compile(
    r"多少钱|(?:几|多少)[元块]|多少万元|金额|多少(?![人名位个家次件项台辆批期户所])[\u4e00-\u9fff]{0,4}?(?:经费|费用|(?<![免消浪花耗收])费|资金|奖金|补贴|工资|薪酬|钱款)|花了?多少|价格|"
    r"(?:(?<![免消浪花耗收])费用?|资金|预算|罚款|罚没款|罚金|奖金|补贴|投资|工资|薪酬)(?:总额|总计|合计)?(?:是|为|有|达到?|共)?多少"
    # A sum paid asked by its standard (奖金标准是多少); not a fine's or a fee's, which a multiple or a rate may set
    r"|(?:奖金|补贴|工资|薪酬)的?(?:标准|数额|额度)(?:是|为|有)?多少"
)
# A rate asks for a share ("合格率是多少": 95%, 九成), which counts nothing: "多少起案件" is not answered by 95%.
_RATE_WORD = rf"(?<!频)率|{any_of(SHARES)}"  # 合格率, 占比: not 频率, how often
_RATE_ASKED = re.compile(rf"(?:{_RATE_WORD})(?:是|为|达到|达|有|要达到)?(?:多少|几)|百分之几|几成")
PERCENT = "%％"
# Before the colon a figure follows: a ratio's first term (1：7) or a rate's label (合格率：95.2), not a count's (抽样企业数：86家).
_RATIO_OR_RATE_LABEL = re.compile(rf"(?:\d|{_RATE_WORD})$")
_RATE_SAID_BEFORE = re.compile(rf"(?:{_RATE_WORD})(?:为|是|达到?|约|仅|高达)$")
_DECIMAL = re.compile(r"\d+[.．]\d+")
RATIO_MARKS = ":：比"  # after a figure: 1：7, 1比7 (九成 and 两倍 end their item; 成 after a figure begins 成功)
_MONEY = "元块钱"
# A figure in a unit of measure (人次 counts people): what it measures is no count of things, people or money.
_MEASURED = re.compile(rf"[0-9０-９.．{CN_NUMERALS}]+(?:{any_of(tuple(w for w in MEASURE_WORDS if w != '人次'))})")
_MEASURES = "份张册套幅盒瓶袋箱"  # measure words COUNTERS leaves out: what they count is no sum of money
_FAMILIES = ("名人位员", _MONEY, "天日", "年", "次回趟遍", "家所间户", "项条", "支队", "起宗例件", "批")  # 3.2万户 个体工商户: 多少家


def _asked_family(question: str, counter: str) -> str:
    if _MONEY_ASKED.search(question):
        return _MONEY
    if not counter and _DURATION_ASKED.search(question):
        return DURATION
    if _RATE_ASKED.search(question):
        return PERCENT
    family = next((family for family in _FAMILIES if counter and counter in family), "")
    return family or (counter if counter in _OWN_FAMILY else "")


def _fits_family(text: str, start: int, item: str, family: str, asked_noun: str = "") -> bool:
    """Whether the item's unit (its last character, or the two after it: 77亿美元) is one the question
    asks for; a bare figure, with no unit to tell, may be, but a percentage answers a rate alone. 个 with a
    noun after it counts that noun: the question's own (多少家企业: 23个企业) or one of its unit's family."""
    end = start + len(item)
    after = text[end : end + 1]
    before = text[max(0, start - 1) : start]
    # 95%, 百分之九十, 九成, 两倍, 3.5个百分点, 1：7 (a ratio; not a label's value, 抽样企业数：86家), a rate said as a bare
    # decimal (收视率为7.07: a rating's points)
    percent = (
        item[-1] in PERCENT + "成倍" or "百分之" in text[max(0, start - 3) : end] or text[end : end + 3] == "百分点"
        or (after != "" and after in RATIO_MARKS) or (before != "" and before in ":：" and _RATIO_OR_RATE_LABEL.search(text[:start - 1]) is not None)
        or (_DECIMAL.fullmatch(item) is not None and _RATE_SAID_BEFORE.search(text[:start]) is not None and after not in COUNTERS + "万亿")
    )
    if family == PERCENT or percent:
        return family == PERCENT and percent
    if family == DURATION:
        return _is_span(text, start, item)
    unit = item[-1] if item[-1] in COUNTERS else text[end : end + 2]
    unit = "岁" if unit.startswith("周岁") else unit  # 35周岁 is an age, not weeks
    if family in _OWN_FAMILY:  # 多少桌: not 3.5万元, 300人, 5月, 860公里, 4200批次 or 12类; but 12台 may count 辆, 15期 场
        kinds = family in _KIND_COUNTERS and unit[:1] in _KIND_COUNTERS  # 多少种 of 17类: kinds either way (review)
        return family in unit or kinds or not (any(ch in _COUNTS_OTHER_THINGS for ch in unit) or unit.startswith(_DURATIONS))
    if unit == "个":  # 个 counts anything: the noun after it says what (15个工作日, 3个月; 16个州 are no 起)
        noun = text[end : end + 3]
        return not _NOUN_START.match(noun) or any(ch in family for ch in noun) or (len(asked_noun) == 2 and noun.startswith(asked_noun))
    if unit.startswith(_DURATIONS):  # 24小时内 is no sum of money, no number of people
        return family == "天日"
    if _MEASURED.match(text, start):  # 1000千克, 2.1毫米, 24学时: a measured quantity counts no 起, 名 or 元
        return False
    if family == _MONEY and any(ch in _MEASURES for ch in text[end : end + 2]):
        return False  # 指令书37份, 30余份: a count of copies is no sum (罚款2万并… may be one)
    if not unit or not any(ch in COUNTERS or ch in family for ch in unit):
        return True
    return any(ch in family for ch in unit)


# "多久", "多长时间" ask for a span of time (72小时, 12分钟, 25年, 3个月), which a date (2022年, 7月, 12日) does not say.
DURATION = "时长"
_DURATION_ASKED = re.compile(any_of(ASK_DURATION))
_SPAN_NUMBER = re.compile(rf"[0-9０-９.．{CN_NUMERALS}半几]+")
_TIME_UNIT = r"(?:小时|钟头|分钟|秒|天|日|昼夜|周(?!岁)|星期|旬|工作日|学时|课时|季度|赛季|月(?!份)|年)"
# To a second figure with a unit of time: 1-3月, 3月至5月 (not 0571-87654321, TSG T7001-2009).
_RANGE_ON = re.compile(rf"\s*[{RANGE_MARKS}]\s*[0-9０-９{CN_NUMERALS}]+\s*个?{_TIME_UNIT}")
_SPAN_UNIT = re.compile(rf"[余多]?(?:个半|个[余多]?|半)?{_TIME_UNIT}")
_YEAR_BEFORE_RANGE = re.compile(rf"\d{{4}}\s*[{RANGE_MARKS}]\s*$")
_SEASON_OF_YEAR = re.compile(rf"\s*(?:[{RANGE_MARKS}]\s*\d{{2,4}}\s*)?赛季")
_WITHIN = re.compile(r"内|以内|之内")  # 自受理之日起30日内: a span
_WRITTEN_YEAR = re.compile(rf"(?:{ARABIC}{{4}}|[{CN_DIGITS}]{{4}})$")  # 2022, 二〇二二: a year, not a span (一百二十)


def _is_span(text: str, start: int, item: str) -> bool:
    """Whether the figure at `start` counts time: a unit of time follows it, a month only counted (3个月, not
    7月) and a year not as a year is written (25年, not 2022年 or 二〇二二年); or it opens a range of dates
    (花期1-3月, 2019年至2021年), which is a span too."""
    number = _SPAN_NUMBER.match(item)
    if number is None:
        return False
    end = start + number.end()
    if _SEASON_OF_YEAR.match(text, end) and (_WRITTEN_YEAR.match(number.group()) or _YEAR_BEFORE_RANGE.search(text, 0, start)):
        return False  # 2019赛季, 2019-20赛季: a season named by its year, no length
    if _RANGE_ON.match(text, end):
        return True
    unit = _SPAN_UNIT.match(text, end)
    if unit is None:
        return False
    if _RANGE_ON.match(text, unit.end()):
        return True
    said = unit.group()
    if said in ("月", "日"):
        return _WITHIN.match(text, unit.end()) is not None  # 30日内; 7月, 12日 are dates
    return not (said == "年" and _WRITTEN_YEAR.match(number.group()))  # 2022年内 is a date too


# How often, asked (多久开展一次, 隔多久搞一回) and said (每月, 每季度, 每半年, 每两周).
_HOW_OFTEN = re.compile(r"(?:多久|多长时间)[^，,。？?]{0,10}?(?:一次|一回|一趟)")
_EVERY_PERIOD = re.compile(rf"每(?:[半{CN_NUMERALS}\d]+个?)?(?:年|季度|季|月|周|星期|旬|天|日|小时)")
# Counters of their own, in no family: "摆了多少桌" is not answered by a sum, a count of people, a time or a length;
# another counter may count the same things (12台 of 多少辆), so it may. 个 counts anything; 倍 is a ratio.
_OWN_FAMILY = frozenset(COUNTERS) - frozenset("".join(_FAMILIES)) - frozenset("个倍")
# What a counter of its own (台, 桌) is not answered by: sums, people, times and lengths, batches, firms and cases
# (4200批次, 3家, 12起), kinds of things (12类). Occurrences and pieces may be (3次 of 几期, 86条 of 多少篇).
_KIND_COUNTERS = "种类"
_COUNTS_OTHER_THINGS = _MONEY + "名人位员年月日天岁里米吨斤亩秒" + "批家起宗例" + _KIND_COUNTERS
_DURATIONS = ("小时", "分钟", "秒", "周", "星期", "学时", "课时")  # 24学时 is hours of study: no sum, no count of people
_NEGATIONS = ("不", "未", "没有", "没")
_NOUN_START = re.compile(rf"(?![{CN_NUMERALS}])[\u4e00-\u9fff]")  # 个 then a noun, not 个亿 (a bare amount)
# Not an area: "多少平方公里" is answered in any unit of area (_AREA_UNITS: 平方千米, km², 公顷).
_ASKED_MEASURE = re.compile(rf"(?:多少|几)个?({any_of(MEASURE_WORDS, without=('平方公里', '平方千米'))})")
_ASKED_COUNTER = re.compile(rf"(?:几|多少)([{COUNTERS}{ASKED_ONLY_COUNTERS}])(?<!回(?=[\u4e00-\u9fff]))")  # not 多少回报, 回复
_COUNT_CUES = ("至少", "只", "仅", "每", "共", "达")
_MODEL_CODE_BEFORE = re.compile(r"[A-Za-z][-－]?$")
_AMOUNT_AFTER = re.compile(r".?(?:[万亿元%％]|百分点)")
# The last time before, which dates nothing of the sentence (《2008年NBA总决赛》: "继1987年以后，再一次由凯尔特人及湖人对决").
_LAST_TIME_YEAR = re.compile(r"继\s*\d{4}\s*年\s*(?:以后|之后|后)")
# A year named only as what a figure is compared with ("批次合格率为93.6%，较2024年的92.1%提高1.5个百分点"): the text
# gives that year's figure right after it, and its other figures are another year's.
_COMPARED_YEAR = re.compile(r"(?:较|比|同比|相比|高于|低于|(?<!年)与)\s*(\d{4})\s*年(?:度|同期)?(?:的|相比|比)?")
_ASKS_CHANGE = re.compile(r"(?:较|比|相比|同比)|(?:提高|增长|下降|增加|减少|上升|降低)了?(?:多少|几)")
COMPARED_WINDOW = 12  # characters after the compared year within which its own figure stands


def _compared_windows(text: str, years: frozenset[int]) -> list[tuple[int, int]] | None:
    """Where the asked years' own figures may stand when the text names them only in comparisons; None when it names
    one otherwise (or none is asked)."""
    if not years:
        return None
    compared = [m for m in _COMPARED_YEAR.finditer(text) if int(m.group(1)) in years]
    named = sum(len(re.findall(rf"(?<!\d){year}\s*年", text)) for year in years)
    if not compared or named > len(compared):
        return None
    return [(m.end(), m.end() + COMPARED_WINDOW) for m in compared]


_STREET_BEFORE = re.compile(r"[路道街巷弄]$")
_DAYS_IN_MONTH = 31


def _is_house_number(text: str, start: int, item: str) -> bool:
    """滨江大道218号: an address, not the 218th of a month ("公示期是哪几天" is not answered by a 来信地址)."""
    if not item.endswith("号"):
        return False
    figure = arabic_counts(item[:-1])
    return _STREET_BEFORE.search(text, 0, start) is not None or (figure.isdigit() and int(figure) > _DAYS_IN_MONTH)


def _is_article(text: str, start: int, item: str, asked: str) -> bool:
    """一支队伍, 一项事业: "a", not a count that answers "how many"; but 每月召开一次 answers 几次, and 至少一名 counts."""
    if len(item) != 2 or item[0] != "一" or item[1] not in COUNTERS or item[1] in "年月日天岁号分秒期" or item[1] == asked:
        return False  # 一年, 一天: a span or a date, never "a"
    if text[start + 2 : start + 3] == "半":
        return False  # 一个半赛季, 一个半小时: one and a half
    return not text[max(0, start - 2) : start].endswith(_COUNT_CUES)


_ASKS_RANK = re.compile(r"第几|第多少|排(?:名|行|在|第)?(?:多少|几)|名次|位列|排名")


def _is_ordinal(text: str, start: int, item: str) -> bool:
    """第三, 玉函路45号, a table row's 序号：1, a list item's 2. (at a line's start, or anywhere before a character:
    "附件：1.职位表2.推荐表"), a clause's 5.1: a place in an order or an address, which counts nothing ("现有几个校区")."""
    end = start + len(item)
    return (
        item.startswith("第") or text[max(0, start - 1) : start] == "第" or item.endswith("号") or text[end : end + 1] == "号"
        or _NUMBERED_LABEL.search(text[max(0, start - 4) : start]) is not None
        or (_opens_a_line(text, start) and _ITEM_NUMBER_END.match(text, end) is not None)  # a list item's own 2.
        or _ITEM_DOT_BEFORE_WORD.match(text, end) is not None
        or (_opens_a_line(text, start) and _CLAUSE_NUMBER.fullmatch(item) is not None and text[end : end + 1].isspace())  # 5.1　评价…
    )


_NUMBERED_LABEL = re.compile(r"(?:(?:序号|编号)[:：]|附件|附表|(?<!意)[见如][表图])$")  # 序号：1; 附件1, 见表1 number a part


def _opens_a_line(text: str, start: int) -> bool:
    """Whether `start` opens the text or a sentence in it (a quote joins its sentences)."""
    before = text[:start].rstrip()
    return not before or before[-1] in SENTENCE_MARKS + "\n"


_CLAUSE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})+")  # a standard's clause, 4.2.1
_ITEM_NUMBER_END = re.compile(r"[.．、)）](?![\d０-９])")
_ITEM_DOT_BEFORE_WORD = re.compile(r"[.．](?=[\u4e00-\u9fff])")  # 2.公开遴选…: a sentence ends in 。, so this numbers an item
_NUMBER_RUN = frozenset("0123456789０１２３４５６７８９.．,%％" + CN_NUMERALS)


def _items_at(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """The pattern's matches grown over the whole run of digits and numerals and a unit after it, with
    where each starts: 2009年 and 4个, not 0 and 4 (so "4个" is not the "4" of a question's "4月")."""
    items = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and _in_figure(text, start - 1):
            start -= 1
        while end < len(text) and _in_figure(text, end):
            end += 1
        if end < len(text) and text[end] in UNITS and text[end - 1] in _NUMBER_RUN:
            end += 1
        items.append((start, text[start:end]))
    return items


def _in_figure(text: str, at: int) -> bool:
    """Whether text[at] belongs to a figure: a digit or numeral, or a comma or point between digits (1,000 and
    3.5, not the commas around "主题只有一个," or ",3个")."""
    if text[at] not in _NUMBER_RUN:
        return False
    return text[at] not in ",.．" or (text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit())


# A founder said with 由 before the act, whatever it is (由香港天主教母佑会所创办): the act's doer, named.
_FOUNDED_BY = re.compile(rf"(?<![经理为自缘])由(?![谁何于此来衷下上])[^，,。；;：:！？]{{2,24}}?{ORIGINATING}")
# Posts that have deputies: "局长叫什么名字" is not answered by whoever the text names 副局长.
_POSTS_WITH_DEPUTIES = re.compile(rf"(?<!副)(?:[{POST_UNITS}]长|主任|书记|主席|经理)")
_DEPUTY_POSTS = re.compile(rf"副(?:[{POST_UNITS}]长|主任|书记|主席|经理)")


def _names_post_asked(text: str, question: str) -> bool:
    """Whether `text` names the post the question asks the holder of (局长, 组长), and not only as its deputy's (副局长):
    "纪检组组长是谁" is not answered by a sentence naming a 局长. Nor, when the question names the team right before
    its head's post (巡察组的组长), by a text naming other teams and not that one (its last two characters, 察组):
    the 组长 of a 领导小组 is no 巡察组's; nor a bureau's division's (质量发展科科长) by another's (人事教育科科长).
    Offices are written in too many ways (市局, 市场监督管理局) to tell apart."""
    asked = normalize(question)
    if any(deputy.group() not in text for deputy in _DEPUTY_POSTS.finditer(asked)):
        return False  # 副科长 asked: 科长 or 副主任科员 is not it
    for match in _POSTS_WITH_DEPUTIES.finditer(asked):
        post = match.group()
        if re.search(rf"(?<!副){post}", text) is None:
            return False
        if post[0] in _DIVISIONS and not _names_division(text, asked[: match.start()], post[0]):
            return False
        if post[0] not in _TEAM_UNITS or (team := re.search(rf"[{CJK}]{post[0]}(?=的?$)", asked[: match.start()])) is None:
            continue
        named = set(re.findall(rf"[{CJK}]{post[0]}(?![长{_WORD_AFTER_TEAM}])", text))  # not 领队 of 带领队员
        if named and team.group() not in named:
            return False
    return True


def _names_division(text: str, before: str, unit: str) -> bool:
    """Whether the text names the division the question names before its head's post (质量发展科 of 质量发展科科长是谁),
    if it names divisions at all: as written or said short (质量股 of 质量发展股, its characters in order); not
    another (人事教育科科长)."""
    asked = re.search(rf"([{CJK}]{{1,4}}){unit}的?$", before)
    named = re.findall(rf"([{CJK}]{{2,12}}){unit}(?![{_WORD_AFTER_TEAM}学技研普])", text)
    if asked is None or not named:
        return True
    said = asked.group(1)
    return any(_in_order(said, name) or _in_order(said[-2:], name) for name in named)  # 县局计量股: 计量 of 计量股


def _in_order(short: str, name: str) -> bool:
    """Whether `short`'s characters occur in `name` in order (质量 in 质量发展, 特检 in 特种设备检验)."""
    rest = iter(name)
    return all(ch in rest for ch in short)
