"""Study questions: what a learner asks of a text as a whole rather than of one fact.

A summary of the document or of a part ("概括全文", "这篇文章主要讲了什么"), the gist of a part named by
position ("第四段讲了什么", "总结一下第三部分", "开头"), and a list of parallel items ("有哪几项举措",
"包括哪些方面", "如何…"). Fact questions get None and go the ordinary extractive way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.zh_text import (
    COUNTED_EACH,
    ASK_WHY,
    LEARNER_VIEWS,
    WITH_THE_TEXT,
    AS_A_WHOLE,
    OUTLINE_WORDS,
    TEXT_SHAPE_WORDS,
    cn_numeral,
    ALL_TOLD,
    ASK_LIST,
    WHICH_COUNTED,
    ASK_MANNER,
    CALL_VERBS,
    CN_NUMERALS,
    DEMONSTRATIVES,
    DOCUMENT_WORDS,
    LISTED_PART_SYNONYMS,
    NEWS_ITEM,
    POINTED_KINDS,
    QUOTE_MARKS,
    WORK_DOCUMENT_KINDS,
    any_of,
    cn_number,
    split_clauses,
)

SUMMARY = "summary"
PART = "part"
LIST = "list"
COUNT = "count"  # how many paragraphs a document has ("这篇文章有几段")
CALL = "call"  # what a document or a part calls on its readers to do ("文章最后号召我们做什么")
TITLE = "title"  # the document's title ("这篇文章的题目是什么")
ISSUED = "issued"  # who issued an official document and when ("这份通知是哪个单位发的", "什么时候印发的")
ADDRESSED = "addressed"  # whom it is sent to ("通知发给哪些单位")
NUMBERED = "numbered"  # its issuing number ("这份通知的文号是多少")
ARTICLE = "article"  # a PartRef's unit for 第十二条: the paragraph that article opens
AUTHOR = "author"  # who wrote it ("这篇文章的作者是谁", "《…》的作者是谁")
KEYWORDS = "keywords"  # its key phrases ("帮我提炼几个关键词", "有哪些关键提法需要记住")

# "深化体制改革这部分想达到啥目的": what a part is for, which its heading and opening say; not 这段时间, 这节课, 这章程
_PURPOSE_ASKED = re.compile(r"[这那]一?(?:部分|段(?!时间|时期|历史|日子|路)|块|章(?!程)|节(?!课|约|日))[^，,。？?]{0,6}?(?:目的|用意|意图)")
# How the text discusses a topic ("文章对用人环境是怎么论述的", "关于作风是怎么说的"): what it says of it, not how to do it
_DISCUSSED = r"(?:论述|阐述|表述|论证)的?|(?:说|讲|写|谈|提)的(?![\u4e00-\u9fff])"
_DISCUSSED_ASKED = re.compile(rf"(?:{any_of(ASK_MANNER)}|咋)(?:{_DISCUSSED})")
_ABOUT_TOPIC = re.compile(r"(?:对|关于|就)[^，,。？?！!；;]{2,20}?(?:是)?$")
# What a text or a part says, asked ("培训费用那部分咋说的"); after a part pointed at ("统筹力量那段怎么说的"), its gist, not how
# to do something
SAYS_ASKED = r"(?:咋|怎么)(?:说|讲|写)的?"
_PART_SAID = rf"[这那](?:部分|段|块|章|节)(?:里|中)?(?:是)?{SAYS_ASKED}"
_SUMMARY = re.compile(
    r"概括|总结|归纳|提炼|梳理|主要内容|中心论点|中心思想|中心意思|核心意思|主要意思|主旨|大意|要点|核心内容|讲了什么|讲的是什么|讲了些什么|说了什么|写了什么"
    # the text pressed into a few sentences ("把全文压缩成三句话", "浓缩一下全文"), not 压缩会议, 压缩编制
    r"|(?:压缩|浓缩)(?:成|为)(?:[一两二三四五六七八九十几]|\d)+(?:句|段|个字|字|页|点)|(?:压缩|浓缩)(?:一下)?(?:全文|文章|这篇)"
    r"|主要讲|主要说|讲什么|说的是什么|(?:讲|说|写)的什么(?:意思)?(?![\u4e00-\u9fff])|什么内容|哪些内容|论点|核心观点|主要观点|基本观点"
    r"|讲了?(?:一)?些?啥|说了?(?:一)?些?啥|讲的啥|说的啥"
    # "统筹力量那几句啥意思": what a part means; not "质量强国是什么意思", a definition
    r"|[这那](?:部分|几?段|几?句|块|章|节)话?(?:是|讲的是|说的是)?(?:什么|啥)意思|说简单点|简单说说|简单讲讲|通俗(?:地|点)讲"
    # "讲培训的那块重点是啥": a part's key points
    r"|[这那]一?(?:部分|段|块|章|节)(?:的|里的?|中的?)?(?:重点|核心|关键|要点)(?:是|在|在于)?(?:什么|啥|哪些)"
    # "教育培训这块具体要干部学些什么、做到什么": what a part pointed at after its topic asks of its readers
    r"|(?<=[\u4e00-\u9fff]{2})[这那]一?(?:块|部分)儿?(?:具体|主要)?(?:要求?|让)?(?:干部|我们|大家)?(?:学|做|干)(?:些|了)?(?:什么|啥|哪些)(?!用)"
    # "作风那段", "培训那块呢": a part by its topic, nothing else said
    r"|^[\u4e00-\u9fff]{2,8}?[这那]一?(?:段|部分|块|节)儿?[呢吗啊呀]?[？?。！!\s]*$"
    # "结合全文，谈谈作者对加强作风建设的认识": what the text says of a topic, for the learner's own view
    rf"|谈谈[^，,。？?]{{0,20}}?(?:{any_of(LEARNER_VIEWS)})"
    # "培训费用那部分咋说的": what a part says
    rf"|{_PART_SAID}"
    # "干部队伍建设去年做了些啥": what a part reports; not "做了些什么处理", a fact
    r"|[做干定]了(?:一)?些(?:什么|啥)(?![\u4e00-\u9fff])"
    # "第四章经费报销那块帮我捋一下": put in order for the learner
    r"|捋一?[下捋]|梳理一?下"
)
_TEXT_WORDS = "全文|本文|这篇|那篇|该文|文章|整篇|通篇|全篇|这份|那份|文件|材料|正文"
_WHOLE = re.compile(rf"(?:{_TEXT_WORDS})(?:《[^》]{{1,40}}》)?")  # 这篇《…》的整体框架 (titled_text: a stored title only)
# The compound kinds first (工作要点, not 要点 alone), but not after 这项/此项: "这项工作要点是什么" asks of a task.
_KIND = rf"(?<![项件])(?:{any_of(WORK_DOCUMENT_KINDS)})|{any_of(DOCUMENT_WORDS)}"
_THIS = rf"(?:{any_of(DEMONSTRATIVES)})"
# Words by which a question points at a document as a whole ("这份意见", "这篇文章"): never its topic.
# The meeting a 纪要 records or a speech was given at ("这次会定了哪几件事", "会上听了哪些汇报", "这次局长办公会"): the
# document. Named by its kind only: "这次抽查会不会" holds a modal 会.
CONVENED = "召开|举行|举办"  # how a meeting is held, as a question asks it and a 纪要's opening says it
_MEETING_KINDS = "(?:办公|局务|党组|常务|座谈|推进|部署|专题|务虚|调度)"  # not 工作: 这次检查工作会不会公布
_MEETING_REFERENCE = rf"[这那本此该]次(?:[\u4e00-\u9fff]{{0,2}}?{_MEETING_KINDS})?会议?(?!不)|会议?上"  # not 会议 alone: "会议的主要任务" may be a sentence's topic
_POINTED = rf"{_THIS}(?:{any_of(POINTED_KINDS)})"  # 这个提示: the document; 风险提示 alone is a topic
_DOC_REFERENCE = re.compile(rf"{_WHOLE.pattern}|本篇|一文|本份|{_KIND}|{_POINTED}|{_MEETING_REFERENCE}")
# "这个办法", "本方案": the document named by its kind, not a list of measures asked for.
_DOC_BY_KIND = re.compile(rf"{_THIS}({_KIND})")
# "这个强检细则": the document by its kind, a word or two of its title between; not "本章规定", "此项工作总结一下".
_DOC_NAMED = re.compile(rf"{_THIS}((?:(?![章条节款段])[\u4e00-\u9fff]){{0,4}}?)(?:{_KIND})(?!一下|了)")
_NOT_TITLE_WORDS = ("部分", "问题", "工作")
# The document as what a question is about, right before what it asks of it ("这份通知是谁发的").
_DOC = rf"(?:{_THIS}?(?:{_KIND})|{_POINTED}|全文|本文|该文)"
# "有什么打算", "存在什么不足": a report's part by what it names, asked with 什么 as with 哪些.
_PART_ASKED = rf"(?:什么|啥)(?:{any_of(word for group in LISTED_PART_SYNONYMS for word in group)})"
_LIST = re.compile(any_of(ASK_LIST) + f"|{WHICH_COUNTED}|{COUNTED_EACH}|{_PART_ASKED}" + "|几个方面|几方面|几个部分|几部分|几大部分|几大?块(?=[？?。！!\\s]*$)|几章|几个章节|几个层[面次]|几项|几种|几类|(?<![午晚早上下天日号])几点(?!钟)|几条|每一?[条点项]|逐条|几个阶段|几个步骤|几个环节|几件事|哪些事|哪几件|措施|举措|要求|途径|做法|办法|任务|咋做|咋办|咋弄|咋搞|咋抓|有(?:什么|啥)规定|" + f"(?:{any_of(ASK_MANNER)})(?!的|样的|样[？?。！!呢吗]|样$|(?:概括|总结|归纳|提炼|梳理)[呢吗啊呀]?[？?。！!\\s]*$)")  # not 打造一支怎样的队伍: what kind; …应该怎么概括 asks a summary
_PART_SAID_ASKED = re.compile(_PART_SAID)
# A part asked to be told ("用自己的话说说第三部分吧，就是讲培训提素质那块"): its gist, however long the rest; not a thing in it
# (介绍一下第四段里的干部退出机制, 第一段提到的三支队伍，说说分别是哪三支)
_TOLD = r"(?<![小听])(?:说说|讲讲|聊聊|谈谈|解释一下|解读一下|讲解一下|介绍一下)"
_ITEMS_COUNTED = re.compile(r"(?:几|哪几|哪些|多少)[条项点个]")
_COUNT_ASKED_BEFORE = re.compile(r"(?<!哪)(?:几|多少)[条项点个]")  # how many, asked: 一共列了几条
_ITEMS_ASKED_BEFORE = re.compile(rf"(?<![这那])(?:{_ITEMS_COUNTED.pattern}|哪些|哪几)")
_COUNT = re.compile(r"(?<!第)(?:几|多少)个?(?:自然段|段落|段|章)")
_NEWS_COUNTED = re.compile(rf"(?<!第)(?:几|多少){NEWS_ITEM}")  # "这期简报有几条消息": its items
_NEWS_COUNT_ALONE = re.compile(rf"(?:{any_of(ALL_TOLD)})?有?(?:几|多少){NEWS_ITEM}[，,]?(?:都是(?:什么|啥|哪些))?[？?。！!\s]*$")
_COUNT_ALONE = re.compile(rf"(?:{any_of(ALL_TOLD)})?有?(?:几|多少)个?(?:自然段|段落|段|章)[？?。！!\s]*$")
# 第六个问题, 第十问: a 政策解读's questions, each a section; 第三个议题 a 纪要's, each a section too (not 第一议题制度).
# 第四章 is a top-level section; 第十二条 an article, the paragraph it opens.
_NTH = re.compile(rf"第([{CN_NUMERALS}\d]{{1,4}})(个?自然段|段落|段|个?部分|大部分|节|章|{NEWS_ITEM}|条|个问题|个议题|问(?![题答责询卷号候]))")
_CLOSING_VERBS = ("强调", "提出", "指出", "要求", "讲了", "说了", "写了", "谈了")  # what a text's end is asked by
_CLOSING_ASKING = rf"(?:{any_of(_CLOSING_VERBS)})了?(?:什么|啥|哪些)"
_TO_WHOM = r"对[^，,。？?]{1,12}?"  # whom the end addresses: 对各地各部门 of "会议最后对各地各部门提出了什么要求"
_FACT_ASKED = r"时间|时候|期限|日期|单位|部门|人|地方|数|金额"  # "最后提出了什么时间": a fact the end states, not what it says
_NO_FACT_AFTER = rf"(?![^，,。？?]*(?:(?:什么|啥|哪个?|多少)(?:{_FACT_ASKED})|哪一?年|谁|哪里|哪儿))"  # ... asked later in the clause
# "文章最后号召…" names the end, "文章最后一句" a sentence and "最后一项措施" an item: those go the fact way.
_LAST = re.compile(
    r"最后(?:一|[那这]一?)(?:段|部分|节)(?!时间|时光|时期|日子|岁月|旅程|历程|经历|路|课)|末段|结尾|结尾部分|最后部分|文末|结语"
    r"|最后(?:总结|收尾)的?(?:[那这]一?)?(?:段|部分)"  # "最后总结那段提了哪几条路子": the closing that sums up
    # "文章总结部分提出…": the closing, said of the text; not 帮我总结部分要点, 我想总结部分观点, 总结段落大意
    r"|(?:(?<=文章)|(?<=文中)|(?<=全文)|(?<=本文)|(?<=的))总结(?:部分|段)(?![落意])"
    rf"|(?:{_WHOLE.pattern})的?最后(?!一(?:[句个项条点位次章段节]|部分)|[两几二三])"
    rf"|(?:{_KIND})的?最后(?={any_of(CALL_VERBS)})"  # "讲稿最后号召…"; not 通知最后期限, 规定最后由谁解释 (review)
    rf"|(?:{_KIND}|》)的?最后(?:{_TO_WHOM})?(?={any_of(_CLOSING_VERBS)})"  # "讲话最后强调了什么", "《…》最后提出…"
    # a 纪要's "会议最后强调了什么", "会议最后对各地各部门提出了什么要求"; not "会议最后要求各单位什么时候上报", a fact
    rf"|会议的?最后(?:{_TO_WHOM})?(?={_CLOSING_ASKING})"
    # "最后号召大家干什么", "最后强调了什么": the end of the text asked about, which the question opens on
    rf"|^(?:请问|那|那么)?最后(?:{_TO_WHOM})?(?={any_of(CALL_VERBS)}|{_CLOSING_ASKING}(?!{_FACT_ASKED}))"
    # "作者最后号召大家做什么": the writer speaks through the text, its end
    rf"|^(?:请问)?作者(?:在文[章中])?的?最后(?:{_TO_WHOM})?(?=(?:{any_of(CALL_VERBS)}){_NO_FACT_AFTER}|{_CLOSING_ASKING}(?!{_FACT_ASKED}))"
)
# "作者号召大家做什么" asks what the text calls for; not "作者号召的活动在什么时候举行", a fact, nor "作者是谁，他号召…".
_BY_WRITER = re.compile(rf"^(?:请问)?作者(?:在文[章中])?(?:最后)?(?=(?:{any_of(CALL_VERBS)}){_NO_FACT_AFTER})")
_CALL_ASKED = re.compile(any_of(CALL_VERBS))
# Who signed it off ("这份请示是谁签发的"): the 签发人 line under its number, when it has one (study_letters).
SIGNER_ASKED = re.compile(r"(?:谁|哪位|什么人|哪个人)签发|签发人")
# When it was handed up ("这个经费请示是多会儿报上去的"): the document itself only as 这个/这份 names it, not "材料啥时候报上去".
_HANDED_UP = re.compile(r"[报交]上去")
# The text's key phrases, asked for themselves: not "“三支队伍”这个关键词指什么", a phrase quoted to be explained, nor
# 关键字, a programming language's reserved words
_KEYWORDS_ASKED = re.compile(
    r"关键词|关键提法|重要提法|核心概念|关键概念|核心词|主题词|高频词|金句"
    r"|(?:哪几句|哪些句子|哪些话|哪几句话)(?:最)?(?:值得|需要|应该|要)(?:大家)?(?:背下来|背会|背熟|背诵|记住|记牢|牢记|熟记)(?!出处)"  # 值得背下来
    r"|(?:哪几句|哪些句子|哪些话|哪几句话|哪句话)(?:最)?(?:能)?(?:体现|反映|表达|概括)了?(?:文章的|全文的)?(?:中心思想|主旨|主题|核心观点|中心论点|主要观点)"
)
_CONCEPT_WORDS = ("核心概念", "关键概念", "金句")  # asked for as a list only (有哪些核心概念), else one to explain (这句金句是什么意思)
_KEYWORDS_LISTED = re.compile(r"哪些|哪几|几个|提炼|列")
_PART_POINTED = re.compile(r"部分|[这那]一?[段块节章]")
_CLOSING_ASKED = re.compile(_CLOSING_ASKING)  # "…最后强调了什么": what the end says
# "最后一段得出了什么结论": what a part concludes is what it says
_CONCLUSION_ASKED = re.compile(
    r"(?:得出|得到|作出|做出|下)了?(?:什么|啥|哪些|怎样的)结论|(?:得出|得到)的(?:主要|最终)?结论是(?:什么|啥)|(?:主要|最终)?结论是(?:什么|啥)"
)
# "文章的结论是什么", "本文的主要结论是什么", "作者得出了什么结论": the text's, named first; not a test's (送检材料的结论)
_WHOLE_CONCLUSION = re.compile(rf"^(?:请问|那么)?(?:(?:{_WHOLE.pattern})+|作者)(?:的|最后|最终)?(?:{_CONCLUSION_ASKED.pattern})")
# "第四段讲的是哪方面的内容": which side of things a part is about, its gist (said of a part only)
_PART_TITLE_ASKED = re.compile(r"小标题|标题|题目")  # "第二部分的小标题叫什么名字": the part's heading (study_gist)
_SIDE_ASKED = re.compile(r"哪(?:个|一个|些)?方面的?内容")
# The text's shape: said right after the text is named (文章的结构, 全文的整体结构, 文章分几个层次), or as a whole opening a
# clause (…?整体结构咋安排的); not 干部队伍的整体结构, 文章里人才结构.
_TEXT_SHAPE_ASKED = re.compile(
    rf"(?:{_WHOLE.pattern})(?:的|有|共有|一共有)?(?:{any_of(AS_A_WHOLE)})?的?(?:{any_of(TEXT_SHAPE_WORDS)})"
    rf"|(?:{_WHOLE.pattern})分(?:为|成)?几个?层次"
    rf"|(?:^|[，,。？?！!；;\s])(?:{any_of(AS_A_WHOLE)})的?(?:{any_of(TEXT_SHAPE_WORDS)})(?!性)"
    # how its parts stand to each other (文章各部分之间是什么关系, 几个部分之间有什么联系)
    rf"|(?:各|几个|这几个)部分(?:之间|相互之间|彼此)(?:是|有)?(?:什么|啥|怎样的?|怎么样的?)(?:关系|联系)"
    # the opening or closing and the parts (开头一段和后面几个部分是什么关系)
    rf"|(?:开头|开篇|结尾|首段|末段)(?:一段|那段|部分)?(?:和|与|跟)(?:后面|下面|其他|其余|中间)?的?(?:几个|各个?)?(?:部分|段落?)(?:之间)?(?:是|有)?(?:什么|啥|怎样的?)(?:关系|联系)"
)
# How the text unfolds its argument (文章是如何展开论述的, 全文是怎样一步步论证的): not 文章怎么论证人才的重要性, a point it
# argues, nor after a why ("为什么文章把作风建设看得这么重？文章是怎么论述的？"), how that point is argued.
_ARGUED_ASKED = re.compile(
    rf"(?:{_WHOLE.pattern}|(?<![\u4e00-\u9fff])它)(?:是|又|究竟|到底|主要|整体上?|总体上?){{0,3}}(?:如何|怎样|怎么|咋)(?:一步步)?(?:展开|层层)?(?:论述|论证|展开)的?[呢吗啊呀]?(?=[？?。！!\s]*$)"
)
_SHAPE_NAMED = re.compile(any_of((*TEXT_SHAPE_WORDS, "写法")))
# What a question asks by, right before the text's shape it names ("照这篇文章的思路", "按文章的逻辑"): no shape asked.
_ACCORDING = re.compile(r"(?:按照|依照|遵照|照着|(?<![对参比关按依遵])照|按|根据|依据|顺着|循着|沿着)(?:这篇|那篇|本篇|这份|那份|该)?$")
# Who gave a speech and when its meeting was held, asked without naming the speech ("会议上是谁讲的话",
# "会议是哪天开的"): a speech's opening line says both, and only a speech may answer (see asks_of_speech).
_SPOKEN = (
    r"(?<!句)(?<!这)谁讲的话|讲话的?人?是谁|(?:会议|会)上?(?:是|在|于)?(?:哪天|哪一天|哪日|什么时候|什么时间|何时|多会儿?|几号|几月几[日号])"
    rf"(?:开|{CONVENED})"
)
_SPOKEN_ASKED = re.compile(_SPOKEN)
# The meeting a question names ("座谈会", "党组会议"): only a speech given there answers when it was held.
# "这次会议", "那场会议", "今天的会议" name no meeting: the words before 会议 are a determiner, not a name.
_THIS_MEETING = re.compile(r"^(?:[这那本此该上今][次个场届天日]|天的|日的)$")
_MEETING = re.compile(r"([\u4e00-\u9fff]{2})(?:大会|会议|会)上?(?:是|在|于)?(?:哪|什么|何时|几)")
# Who issued a document or gave a speech, and when ("这份通知是哪个单位发的", "讲话是什么时候讲的"): asked
# of the document itself, not of something in it ("省局什么时候发布抽查结果").
_ISSUED_ASKED = re.compile(
    rf"{_DOC}(?:是|由|在|于)?(?:(?:谁|哪个?(?:单位|部门|机关|机构|人|位)|什么(?:单位|部门|机关|机构|人))(?:领导|同志)?|什么(?:时候|时间)|啥时候?|何时|多会儿?|哪一?[天年]|(?:哪次|什么)会议上?)"
    r"(?:给(?:大家|我们|同志们))?"  # 党课是谁给大家讲的
    r"(?:印发|发布|下发|发出|制发|签发|报送|上报|报上去|交上去|发|讲|作|做|出台|制定|[定出下](?=的|了|[？?。！!\s]*$)|审议|通过)"
    rf"|{_THIS}(?:{_KIND})(?:是|由)?(?:哪个?|什么)(?:单位|部门|机关|机构)(?:写|撰写|起草|编写|编制|形成)"  # this one's unit; who wrote it asks for the author
    rf"|{_THIS}(?:{_KIND})(?:是|在|于)?(?:什么时候|什么时间|何时|哪一?[天年])(?:写|撰写|起草|编写|编制|形成)"  # and when it was written
    rf"|{_DOC}的?(?:落款|发文单位|发文机关|印发日期|发文日期|成文日期|发布日期|印发时间|发布时间|讲话人)"
    r"|谁(?:作|做|发表)了?(?:这篇|这次|这个)?的?讲话"
    rf"|{_SPOKEN}"
)
# Handed up (报送给), only of the document pointed at: "这份通知要求活动总结报送给哪个部门" asks a fact in it.
_ADDRESSED_ASKED = re.compile(
    rf"{_DOC}(?:是|要)?(?:下发|印发|发|送)给了?(?:谁|哪)|{_THIS}(?:{_KIND})(?:是|要)?(?:报送|呈送|报)给了?(?:谁|哪)"
    rf"|{_DOC}的?主送|主送(?:单位|机关)"
)
_NUMBER_ASKED = re.compile(r"(?<![全本该此])文号|发文字号")  # not 全文号召
# The author of the document itself, not of a work it speaks of: asked of 文章, 这篇 …, or of a 《title》 (which the
# answerer checks is a document's own).
_AUTHOR_ASKED = re.compile(
    rf"(?:{_WHOLE.pattern}|{_THIS}(?:{_KIND})|》)的?(?:作者|撰稿人|执笔人|撰写人)(?:是|为)?(?:谁|哪位|叫什么|叫啥|的?(?:名字|姓名))"
    rf"|(?:{_WHOLE.pattern}|{_THIS}(?:{_KIND}))是?(?:谁|哪位)(?:写|撰写|执笔|起草)的"
)
# A bare kind only as a word of its own: "这个标准叫啥" asks the title, "县里第一个地方标准叫啥" of a standard the text names.
_DOC_ITSELF = rf"(?:{_THIS}(?:{_KIND})|(?:(?<![\u4e00-\u9fff])|(?<=请问)|(?<=[那这]))(?:{_KIND})|全文|本文|该文)"
_TITLE_ASKED = re.compile(
    rf"{_DOC_ITSELF}的?(?:题目|标题|题名|篇名|名称|名字)(?:是|叫)?(?:什么|啥)|{_DOC_ITSELF}(?:是|的名字)?叫(?:什么|啥)"
    r"|^(?:请问)?(?:标题|题目)(?:是)?(?:啥|什么)意思"  # "标题啥意思", typed short: the text's own title
)
# "文章的主题" is what the whole text is about; "质监干部工作的主题" is a fact the text states.
_WHOLE_TOPIC = re.compile(rf"(?:{_WHOLE.pattern})(?:的|所)?(?:主题|观点|立意)")
# "全文的结构", "文章的提纲": the text's parts by their headings, a list however it is asked.
# An outline asked to be drawn up (帮我列个提纲, 列个复习提纲): the text's, no text named.
_OUTLINE_ASKED = re.compile(
    rf"(?:{_WHOLE.pattern})(?:的|有|共有|一共有)?(?:{any_of(AS_A_WHOLE)})?的?(?:几个|哪几个|哪些)?(?:{any_of(TEXT_SHAPE_WORDS + OUTLINE_WORDS)})"
    r"|(?:列|写|做|整理|拟|理|出)(?:一下|一)?个?(?:全文|文章)?的?(?:复习|学习|发言|简单|详细|具体)?的?(?:提纲|大纲)"
    rf"|(?:{_WHOLE.pattern})的?(?:详细|具体)的?(?:提纲|大纲)"
)
# Whether the text speaks of something ("廉洁方面文章有讲吗", "减负的事文章有没有提"): not 这篇文章是谁写的
_SPEAKS_OF_ASKED = re.compile(
    r"有没有(?:提|讲|说|谈|写|涉及)|有(?:提|讲|说|谈|写|涉及)(?:到|过)?[^，,。？?]{0,8}?(?:吗|么)|(?:提|讲|说|谈|写|涉及)(?:到|过)?了(?:吗|么|没有?)"
    r"|是否(?:提|讲|谈|涉及)"
)  # not 组织学习时要讲吗, what the learner will do
# Where the text discusses something (哪部分讲了激励机制, 廉政在文中哪里提到, …在哪一部分): not 在哪里开, a venue
_WHERE_DISCUSSED = re.compile(
    r"(?:哪一?|哪个)(?:部分|段|块|节|章|处)(?:里|中)?(?:有|是)?(?:讲|提|说|谈|写|论述|涉及)(?:到|了|过)?"
    r"|在(?:文中|文章里?|全文|本文)?的?(?:哪一?|哪个)(?:部分|段|块|节|章|处)"
    r"|(?:哪里|哪儿|何处)(?:有)?(?:讲到|提到|说到|谈到|写到|涉及)"
)
# Each part with its points (复习提纲，每部分下面要有几个要点; 各部分分别提出了哪些措施; 详细提纲): not the parts' headings alone.
_POINTS_BY_PART = re.compile(
    r"(?:(?:每一?个?|各个?)(?:部分|大部分|板块)|(?:每一?个|各个)方面)[^，,。？?]{0,8}?(?:要点|措施|举措|要求|做法|重点|几点|几条)"
    r"|(?:详细|具体)(?:一点|一些|些)?的?(?:提纲|大纲)"
)
LAST = -1  # the number of the last part, point or sentence ("最后一句")
# 第二点, 第三条措施, 第一个方面: a point by its place ("第四段的第二点"); not 第二段, 第三部分 (part_ref)
_POINT_KINDS = "措施|举措|要求|任务|建议|原则|目标|内容|工作|阶段|环节|步骤"
_POINT_COUNTED = rf"(?:个?方面|点|项|条|层|个(?={_POINT_KINDS}))"  # 第二点, 第一个方面, 第三个措施; 最后一条, 最后一层
_NTH_POINT = re.compile(rf"第([{CN_NUMERALS}\d]{{1,2}}){_POINT_COUNTED}(?!钟|(?:自然)?段|部分)")
# 第三点和第四点, 第一、二条: points asked together, the counter said once at least (not 第二段和第三段: parts)
_POINTS_LISTED = re.compile(
    rf"第[{CN_NUMERALS}\d]{{1,2}}(?:{_POINT_COUNTED})?(?:(?:[、和与及跟]|以及)第?[{CN_NUMERALS}\d]{{1,2}}(?:{_POINT_COUNTED})?)*(?:[、和与及跟]|以及)第?[{CN_NUMERALS}\d]{{1,2}}{_POINT_COUNTED}(?!钟|(?:自然)?段|部分)"
)
_POINT_COUNTER = re.compile(_POINT_COUNTED)
# 最后一条, 最后一个方面: the last point ("深化改革最后一条是什么"); not 最后一段, 最后一句 (a part, a sentence)
_LAST_POINT = re.compile(rf"最后一{_POINT_COUNTED}")
# A point by the word that opens it in the text (作风建设那段里"首先"讲的是啥, 其次那一点说了什么): quoted, or said as a point
# (那点, 这一条), so "作风建设首先要做什么" stays a question on what it says and "最后强调了什么" on the text's end.
_ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": LAST, "一方面": 1, "另一方面": 2}
_ORDER_POINT = re.compile(
    rf"[“\"「『‘']({any_of(tuple(_ORDER_WORDS))})[”\"」』’']|({any_of(tuple(_ORDER_WORDS))})(?=[这那]一?[点条项])"
)
_ORDER_POINT_NAMED = re.compile(r"[这那]一?[点条项]")
# Sentences asked by how they open, quoted with an ellipsis: “质监干部工作要为质量强国……”, "一是……"
_QUOTED_OPENING = re.compile(r"[“\"「『‘']([^”\"」』’'…⋯]{1,30}?)(?:[…⋯]+|\.{3,6}|。{3,6})[”\"」』’']")
# What names no part before such a quote: how many (那三个, 这几句) and 以 of 以“要……”开头; not 第二条's 条
_BEFORE_OPENING = re.compile(rf"(?:(?:[这那][{CN_NUMERALS}几]*|(?<![第{CN_NUMERALS}\d])[{CN_NUMERALS}几]+)[个些句条]?)?以?$")
# What may follow the point for the question to ask what it says: "是什么", "讲了啥", "措施是啥", or nothing
_POINT_ASKED = re.compile(rf"(?:{_POINT_KINDS})?(?:具体)?(?:是|讲的是|说的是|讲的|说的|讲了|说了|写了|谈了|提了|讲|说)?(?:什么|啥|哪些|些啥)?(?:内容|意思)?[呢吗啊呀]?[？?。！!\s]*$")
# 第一句话, 最后一句, 末句, 倒数第二句; 作风建设那段开头那句, the first (开头 alone is the opening paragraph: part_ref)
_NTH_SENTENCE = re.compile(rf"(倒数)?(?:第([{CN_NUMERALS}\d]{{1,2}})|最后一?|末一?|(开头|开篇)(?:[那这]|的)一?)句话?")
# 倒数第二段: counted from the end, as -2 (see PartRef)
_FROM_END = re.compile(rf"倒数第([{CN_NUMERALS}\d]{{1,3}})(自然段|段落|段|部分|大部分|节|章)")
_SENTENCE_ASKED = re.compile(
    r"(?:原文)?(?:(?:是|说的是|讲的是|写的是|说了|讲了|写了|说|讲|写)?(?:什么|啥|哪句|哪一句)?(?:内容|意思)?|是?(?:怎么|咋|如何)(?:说|讲|写)的)[呢吗啊呀]?[？?。！!\s]*$"
)
# Several parts by position: 第二至第四段, 第2-3段; 第二、三段, 第三和第四部分; 第二段和第三段, 第一段和最后一段.
MAX_PARTS_ASKED = 20  # a range told part by part up to here: a longer one is most of a text, no study of parts
_PART_UNIT = r"(自然段|段落|段|部分|章|节|条)"
_PART_SPAN = re.compile(rf"第([{CN_NUMERALS}\d]{{1,3}})(?:自然段|段落|段|部分|章|节|条)?(至|到|-|—|~|～)第?([{CN_NUMERALS}\d]{{1,3}}){_PART_UNIT}")
_PARTS_LISTED = re.compile(rf"第([{CN_NUMERALS}\d]{{1,3}})(?:(?:[、，,和与及跟]|以及)第?[{CN_NUMERALS}\d]{{1,3}})+{_PART_UNIT}")
_PARTS_JOINT = re.compile(r"\s*(?:[、，,和与及跟]|以及)\s*")
_FIRST = re.compile(r"开头|开篇|首段|引言|导语")


@dataclass(frozen=True)
class PartRef:
    """A part named by position: `unit` is "paragraph" or "section"; `number` 1-based, or counted from the end: -1
    the last, -2 the one before it (倒数第二段)."""

    unit: str
    number: int
    words: str  # as the question wrote it, for replies ("第九段")


@dataclass(frozen=True)
class PlaceRef:
    """A point or a sentence asked for by its place ("体制改革的第二条措施", "第三段最后一句"): `number` 1-based, or
    counted from the end (LAST, -2 of 倒数第二句); `of` what the question says before it, naming the part (empty when nothing does)."""

    number: int
    words: str  # as the question wrote it, for replies ("第二点")
    of: str
    opens: str = ""  # asked by the word opening it in the text (其次): the item opening so is it, wherever it stands


@dataclass(frozen=True)
class QuotedOpening:
    """Sentences asked for by how they open, quoted with an ellipsis (第一段里那三个“质监干部工作要为质量强国……”分别是啥)."""

    opening: str  # the quoted opening itself (质监干部工作要为质量强国)
    words: str  # the quote as the question wrote it, ellipsis and marks included
    of: str  # what the question says before it, naming the part (empty for the whole text)


@dataclass(frozen=True)
class StudyIntent:
    kind: str  # SUMMARY, PART, LIST, COUNT, CALL, TITLE, ISSUED, ADDRESSED or NUMBERED
    part: PartRef | None = None


def study_intent(question: str) -> StudyIntent | None:
    """The study intent of a question, or None for a fact question."""
    if _COUNT.search(question) and (_DOC_REFERENCE.search(question) or _COUNT_ALONE.match(question)):  # not 长城分为几段
        return StudyIntent(COUNT)
    if counts_news_items(question) and (_DOC_REFERENCE.search(question) or _NEWS_COUNT_ALONE.match(question)):
        return StudyIntent(COUNT)  # "这期简报有几条消息", not "热线收到多少条消息"
    for kind, pattern in (
        (ADDRESSED, _ADDRESSED_ASKED), (ISSUED, _ISSUED_ASKED), (NUMBERED, _NUMBER_ASKED), (TITLE, _TITLE_ASKED), (AUTHOR, _AUTHOR_ASKED)
    ):
        if pattern.search(question) and not (kind == ISSUED and _HANDED_UP.search(question) and not _DOC_NAMED.search(question)):
            return StudyIntent(kind)
    if asks_keywords(question):
        return StudyIntent(KEYWORDS)
    if asks_shape(question) and not _CALL_ASKED.search(question) and not _NTH.search(question):
        return StudyIntent(LIST)  # "文章结构咋安排的 开头结尾各说啥": the shape tells the opening and the close too
    part = part_ref(question)
    if part is None and _WHOLE_CONCLUSION.search(question):
        part = PartRef("paragraph", LAST, "结尾")  # "文章的结论是什么": what its end concludes
    if _CALL_ASKED.search(question) and (part is not None or _WHOLE.search(question) or _BY_WRITER.match(question)):
        return StudyIntent(CALL, part)
    if part is not None and (
        _SUMMARY.search(question) or _LIST.search(question) or _CLOSING_ASKED.search(question) or _CONCLUSION_ASKED.search(question)
        or _SIDE_ASKED.search(question) or _PART_TITLE_ASKED.search(question) or _told(question, part) or len(question) <= 12
    ):
        return StudyIntent(PART, part)
    if _SIDE_ASKED.search(question) and _WHOLE.match(question):
        return StudyIntent(SUMMARY)  # "这篇文章讲的是哪方面的内容": the whole text is the part named
    if _PART_SAID_ASKED.search(question):
        return StudyIntent(SUMMARY)  # "统筹力量那段怎么说的": 怎么 asks no measures
    if asks_where_discussed(question) or asks_points_by_part(question):
        return StudyIntent(LIST)  # "哪部分讲了激励机制": the part that does, or each place; "每个部分的重点是什么"
    if (discussed := _discussed(question)) is not None and not _LIST.search(question[: discussed.start()] + question[discussed.end() :]):
        return StudyIntent(SUMMARY)  # "文章对用人环境是怎么论述的": what it says of the topic, not how to do it
    if _LIST.search(_DOC_BY_KIND.sub("", question)) or _OUTLINE_ASKED.search(question):
        # "文章总结时提出了哪几项举措" asks for a list, not for a summary.
        return StudyIntent(LIST)
    if _SUMMARY.search(question) or _WHOLE_TOPIC.search(question) or asks_purpose(question):
        return StudyIntent(SUMMARY)
    return None


def _told(question: str, part: PartRef) -> bool:
    """Whether the part named is asked to be told, the telling word right before or after it ("说说第三部分吧", "第三部分讲讲")."""
    named = re.escape(part.words)
    return re.search(rf"{_TOLD}(?:一下)?{named}(?:的(?:内容|情况|意思|大意|要点))?(?![里中的])|{named}(?:吧|呢)?{_TOLD}", question) is not None


def asks_how_discussed(question: str) -> bool:
    """Whether a question asks how the text discusses a topic its clause names ("文章对用人环境是怎么论述的")."""
    return _discussed(question) is not None


def _discussed(question: str) -> re.Match[str] | None:
    """How the text discusses a topic its clause names first ("文章对用人环境是怎么论述的", "关于作风是怎么说的"): what it says of
    it. Not "…？文章咋说的", which leans on the question before it, nor "文章是怎么论证的", its shape."""
    return next((found for found in _DISCUSSED_ASKED.finditer(question) if _ABOUT_TOPIC.search(question, 0, found.start())), None)


def asks_keywords(question: str) -> bool:
    """Whether a question asks the whole text's key phrases ("帮我提炼几个关键词", "有哪些关键提法"): not a part's (第三段有哪些
    关键词, 作风建设部分的关键词), nor a concept quoted or named to be explained (质量强国这个核心概念怎么理解)."""
    found = _KEYWORDS_ASKED.search(question)
    if found is None or any(mark in question for mark in QUOTE_MARKS) or part_ref(question) is not None or _PART_POINTED.search(question):
        return False
    return found.group(0) not in _CONCEPT_WORDS or _KEYWORDS_LISTED.search(question) is not None


def asks_where_discussed(question: str) -> bool:
    """Whether a question asks where the text discusses something ("哪部分讲了激励机制", "廉政在文中哪里提到", "选人用人的内容在哪一
    部分"): the part that does, or each place."""
    return _WHERE_DISCUSSED.search(question) is not None


def asks_points_by_part(question: str) -> str | None:
    """How a question asks each part of the text with its points under it ("每部分下面要有几个要点" of "帮我列个复习提纲，每部分下面
    要有几个要点", "各部分分别提出了哪些措施"), not the parts' headings alone; None when it does not."""
    found = _POINTS_BY_PART.search(question)
    return None if found is None else found.group()


def asks_shape(question: str) -> bool:
    """Whether a question asks the text's shape ("文章的结构是怎样安排的", "全文分几个层次", 整体结构咋安排的): 结构 or 层次
    after the text is named or said as a whole; not 干部队伍结构, nor the text's thinking a question asks by ("照这篇文章的思路
    应该怎么处理": what the text says of a case)."""
    if any(_ACCORDING.search(question, 0, found.start()) is None for found in _TEXT_SHAPE_ASKED.finditer(question)):
        return True
    argued = _ARGUED_ASKED.search(question)
    if argued is None or any(word in question[: argued.start()] for word in ASK_WHY):
        return False
    # 它 is the text only after its shape or writing is named (借鉴一下结构。它是怎么…), not a point (人才强国，它是怎么论证的)
    return not argued.group().startswith("它") or _SHAPE_NAMED.search(question, 0, argued.start()) is not None


def asks_purpose(question: str) -> bool:
    """Whether a question asks what a part of the text is for ("深化体制改革这部分想达到啥目的")."""
    return _PURPOSE_ASKED.search(question) is not None


def counts_news_items(question: str) -> bool:
    """Whether a question counts a 简报's items (几条消息, 几则新闻): each is a section under its own headline."""
    return bool(news_counter(question))


def news_counter(question: str) -> str:
    """The word a question counts a 简报's items by (条, 则, 篇), for the answer to count them by too; "" for none."""
    found = _NEWS_COUNTED.search(question)
    return found.group(0).lstrip("几多少")[:1] if found else ""


def asks_for_list(question: str) -> bool:
    """Whether a question about a part counts its items ("第二章有哪几条"), not asks for its gist ("第二章讲了什么",
    "第五章讲了哪些": what the articles say, not their opening clauses)."""
    return _ITEMS_COUNTED.search(question) is not None


def asks_of_speech(question: str) -> bool:
    """Whether a who-or-when question asks of a speech or its meeting without naming its kind."""
    return _SPOKEN_ASKED.search(question) is not None


def given_at(question: str, title: str) -> bool:
    """Whether a speech of this title was given at the meeting the question names, if it names one: the
    date of "局党组会议是哪天开的" is not that of a 座谈会上的讲话."""
    meeting = _MEETING.search(question)
    return meeting is None or _THIS_MEETING.match(meeting.group(1)) is not None or meeting.group(1) in title


def document_kinds(question: str) -> list[str]:
    """The kinds by which a question names a document ("这个办法" → 办法): words that pick a document by its title."""
    return _DOC_BY_KIND.findall(question)


def titled_text(question: str) -> str | None:
    """The title a question quotes right after pointing at the text ("这篇《…》的整体框架是什么"), or None: only a document
    of that title answers such a question."""
    pointed = _TITLED.search(question)
    return pointed.group(1) if pointed else None


_TITLED = re.compile(rf"(?:{_TEXT_WORDS})《([^》]{{1,40}})》")


_ABOUT = ("关于", "对于", "就", "有关")  # a clause opening on these names what the question is about
_CLAUSE_ENDED = re.compile(r"[，,。？?！!；;…]\s*$")


def summary_subject(question: str) -> str:
    """What a summary is asked of, besides the text: the words between the text named and the asking in the asking's clause
    ("文章关于干部交流讲了什么": 关于干部交流), and a clause before opening on 关于 ("关于干部交流、轮岗，文章讲了什么"). Not
    who asks or why (作为基层干部，这篇文章主要讲了什么; 这篇文章讲了什么？我是做检测工作的), nor the asking itself (中心论点)."""
    asking = _SUMMARY.search(question) or _discussed(question)
    if asking is None:
        return ""
    clauses = split_clauses(question[: asking.start()])
    own = clauses.pop() if clauses and not _CLAUSE_ENDED.search(clauses[-1]) else ""
    named = list(_WHOLE.finditer(own))
    subject = own[named[-1].end() :] if named else own
    # a clause opening on 关于, or one asking whether the text speaks of it ("廉洁方面文章有讲吗，说了些啥")
    return " ".join([subject, *(c for c in clauses if c.lstrip().startswith(_ABOUT) or _SPEAKS_OF_ASKED.search(c))])


def is_whole_document(question: str) -> bool:
    """Whether a summary question asks about the whole text ("概括全文", "这个细则主要讲了啥") rather than a
    topic in it."""
    question = WITH_THE_TEXT.sub(" ", question)  # 结合全文，谈谈对干部交流轮岗的理解: of 交流轮岗
    named = _DOC_NAMED.search(question)
    return bool(_WHOLE.search(question) or (named and not any(word in named.group(1) for word in _NOT_TITLE_WORDS)))


def document_reference_spans(question: str) -> list[tuple[int, int]]:
    """Where a question points at the document itself ("这篇文章", "这次会"): jieba may cut such a phrase across
    words (这次 / 会定), so the words overlapping it are the reference."""
    return [m.span() for m in _DOC_REFERENCE.finditer(question)]


def is_document_reference(word: str) -> bool:
    """Whether a question word names the document itself ("篇文章", "这份", "意见") rather than a topic in it."""
    return _DOC_REFERENCE.search(word) is not None


def point_ref(question: str) -> PlaceRef | None:
    """The point a question asks for by its place among its part's ("作风建设的第三点讲了啥", "文章提出的第一条措施",
    作风建设那段里"其次"讲的是啥; LAST for 最后, as in 深化改革最后一条是什么), or None: a part named by position alone ("第三段", "第二个问题", "第十二条") is no point of another."""
    for found in _NTH_POINT.finditer(question):
        nth = _NTH.match(question, found.start())
        if nth is not None and not (nth.group(2) == "条" and question[: found.start()].strip()):
            continue  # 第三段, 第二个问题; 第十二条 unless after its part (体制改革的第一条)
        number = cn_number(found.group(1))
        if _COUNT_ASKED_BEFORE.search(question[: found.start()]):
            continue  # "一共列了几条？第二条讲的什么": the list answers both, the count and its second point; not 提了哪些要求
        if number and _POINT_ASKED.match(question, found.end()):
            return PlaceRef(number, found.group(0), _before_place(question, found.start()))
    for found in _LAST_POINT.finditer(question):
        # "一共列了几条举措，最后一条是什么": the list answers both, the count and its last point; not 这几条
        if _POINT_ASKED.match(question, found.end()) and not _ITEMS_ASKED_BEFORE.search(question[: found.start()]):
            return PlaceRef(LAST, found.group(0), _before_place(question, found.start()))
    for found in _ORDER_POINT.finditer(question):
        end = named.end() if (named := _ORDER_POINT_NAMED.match(question, found.end())) is not None else found.end()
        if _POINT_ASKED.match(question, end):
            word = found.group(1) or found.group(2)
            return PlaceRef(_ORDER_WORDS[word], f"“{word}”一点", _before_place(question, found.start()), word)
    return None


def point_refs(question: str) -> list[PlaceRef]:
    """The points a question asks for together by their places in one part ("体制改革那段的第三点和第四点分别讲了什么",
    "作风建设的第一、二条"), in order; [] for one point or none."""
    found = _POINTS_LISTED.search(question)
    if found is None:
        return []
    clause = re.split(r"[，,。？?！!；;]", question[found.end() :], maxsplit=1)[0]
    if not _POINT_ASKED.match(clause.removeprefix("分别").removeprefix("各自") + "？"):
        return []
    counter = _POINT_COUNTER.search(found.group(0)).group(0)
    numbers = [(cn_number(n), n) for n in re.findall(rf"[{CN_NUMERALS}\d]+", found.group(0))]
    of = _before_place(question, found.start())
    return [PlaceRef(n, f"第{written}{counter}", of) for n, written in numbers if n]


def sentence_ref(question: str) -> PlaceRef | None:
    """The sentence a question asks for by its place ("文章第一句话是什么", "第三段最后一句"): `number` -1 for the
    last; `of` what the question says before it, naming the paragraph, the part or the text."""
    found = _NTH_SENTENCE.search(question)
    if found is None or not _SENTENCE_ASKED.match(question, found.end()):
        return None
    number = 1 if found.group(3) else LAST if found.group(2) is None else cn_number(found.group(2))
    if number and found.group(1) and found.group(2):
        number = -number  # 倒数第二句
    return PlaceRef(number, found.group(0), _before_place(question, found.start())) if number else None


def quoted_opening(question: str) -> QuotedOpening | None:
    """The sentences a question asks for by how they open, quoted with an ellipsis ("第一段里那三个“质监干部工作要为质量强国……”
    分别是啥"), or None."""
    found = _QUOTED_OPENING.search(question)
    if found is None:
        return None
    before = _BEFORE_OPENING.sub("", question[: found.start()])  # 第一段里那三个, 文章里以“要……”
    if re.fullmatch(rf"(?:{_WHOLE.pattern}|文)(?:中|里|内)?(?:的)?", before):
        before = ""  # 文中“要把……”: the whole text
    return QuotedOpening(found.group(1), found.group(0), _before_place(before, len(before)))


_POINTED_PART = re.compile(r"[这那]一?(?:段|部分|块|节|章)")


def _before_place(question: str, start: int) -> str:
    """What a question says before the place it asks for, in its clause: the part it is in ("第四段的" of 第四段的第二点; not the
    errand told first, 讲话稿里想引一句…的话 of "…，作风建设那段开头那句"), or the sentence before when it points at a part."""
    sentences = re.split(r"[。？?！!；;]", question[:start].rstrip("的之中里 ，,"))
    if clause := re.split(r"[，,]", sentences[-1])[-1]:
        return clause
    before = sentences[-2] if len(sentences) >= 2 else ""  # "体制改革那段有几句话？第一句是什么": the sentence before names it
    return before if _POINTED_PART.search(before) or part_ref(before) is not None else ""  # not 你好。, 我要写学习体会。


def part_refs(question: str) -> list[PartRef]:
    """The parts a question names by position when it names more than one ("第二段和第三段分别讲了什么", "总结第二、
    三段", "第2-4段", "第一段和最后一段", "开头和结尾"), in order; [] for one part or none. A part it names that no
    numeral reads (第零段) is kept as number 0, which no document has, so that the reply says so."""
    if (span := _PART_SPAN.search(question)) is not None:
        first, last = sorted((cn_number(span.group(1)) or 0, cn_number(span.group(3)) or 0))
        if first != last:
            return [_part_of(number, span.group(4)) for number in range(first, min(last, first + MAX_PARTS_ASKED - 1) + 1)]
    if (listed := _PARTS_LISTED.search(question)) is not None:
        numbers = re.findall(rf"[{CN_NUMERALS}\d]+", listed.group(0)[: -len(listed.group(2))])
        return [_part_of(cn_number(n) or 0, listed.group(2)) for n in numbers[:MAX_PARTS_ASKED]]
    refs = sorted((m for m in (*_NTH.finditer(question), _LAST.search(question), _FIRST.search(question)) if m is not None), key=lambda m: m.start())
    if len(refs) < 2 or not all(_joined_parts(question[a.end() : b.start()], a, b) for a, b in zip(refs, refs[1:])):
        return []
    return [part_ref(m.group(0)) or PartRef("paragraph", 0, m.group(0)) for m in refs[:MAX_PARTS_ASKED]]


def _joined_parts(between: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two parts named one after the other are asked together: joined by 和, 、 …, or the opening and then the
    close said side by side ("开头结尾各说啥"); not 第三章第十二条, an article within a chapter, nor 最后一段开头, the
    opening of the last paragraph."""
    return _PARTS_JOINT.fullmatch(between) is not None or (not between.strip() and first.re is _FIRST and second.re is _LAST)


def _part_of(number: int, unit_word: str) -> PartRef:
    """The part of a range or list ("第二、三段"), named as part_ref reads one ("第三段")."""
    words = f"第{cn_numeral(number) if 0 < number < 100 else number}{unit_word}"
    return part_ref(words) or PartRef("paragraph", number, words)


def part_ref(question: str) -> PartRef | None:
    """The part of the document a question names by position, if any."""
    if (from_end := _FROM_END.search(question)) is not None and (number := cn_number(from_end.group(1))):
        unit = "paragraph" if "段" in from_end.group(2) else "section"
        return PartRef(unit, -number, from_end.group(0))
    nth = _NTH.search(question)
    if nth is not None:
        number = cn_number(nth.group(1))
        if number:
            unit = "paragraph" if nth.group(2) in ("段", "自然段", "个自然段", "段落") else ARTICLE if nth.group(2) == "条" else "section"
            return PartRef(unit, number, nth.group(0))
    if (last := _LAST.search(question)) is not None:
        unit = "section" if "部分" in last.group(0) else "paragraph"
        return PartRef(unit, LAST, last.group(0))
    if (first := _FIRST.search(question)) is not None:
        return PartRef("paragraph", 1, first.group(0))
    return None
