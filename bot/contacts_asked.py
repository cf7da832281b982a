"""Whether a question asks for a contact (a web address, email, telephone, postcode, account, plate or code), and
the pattern a text must hold to give it: a sentence on the topic without the number does not answer
"值班电话是多少", however many of its words it shares.
"""

from __future__ import annotations

import re

from ingest.zh_text import COUNTERS

# A telephone: with an area code (0571-87654321, （0768）8632 1155), a mobile number, or a hotline of five to eight
# digits (12315); not a span of years (2023—2025年), nor a count (120000人).
_NO_NUMBER_AFTER = r"(?![\d.年月日人元号万亿%％])"  # a date, a count, an amount, a share go on so
_PHONE = re.compile(
    rf"(?:(?<![\d.])(?:0\d{{2,3}}[-－— ]?\d{{7,8}}|1\d{{10}}|\d{{5,8}})|[（(]0\d{{2,3}}[)）]\s?\d{{3,4}}[-－ ]?\d{{4}}){_NO_NUMBER_AFTER}"
)
# A code: letters, digits and dashes with a digit among them (CL2024050812, LJ-SCJG-TZ-0417), capitals then digits
# stated as the value (编号为G11, a motorway's; not PM10 or T3 in passing), or five digits and more inside other words
# (梯11松岚00386).
# A count (12345件), an amount (120000元) or a date (2024-05-08) is none.
_NOT_COUNTED = rf"(?![\d.．{COUNTERS}万亿%％])"
_CODE = re.compile(
    rf"(?<![A-Za-z0-9\-－])(?!\d{{4}}[-－]\d{{1,2}}[-－]\d{{1,2}}(?!\d))(?=[A-Za-z\-－]*\d)[A-Za-z0-9][A-Za-z0-9\-－]{{5,}}{_NOT_COUNTED}"
    rf"|(?<=[为是：:])[A-Z]{{1,3}}\d{{1,6}}(?![A-Za-z0-9\-－.．])"
    rf"|(?<![\d.．])\d{{5,}}{_NOT_COUNTED}"
)
_CONTACTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    # The contact must be what is asked (电话是多少, 哪个邮箱), not the topic ("为什么移动电话难窃听").
    (re.compile(rf"(?:{asked})(?:号码|地址)?(?:是|为)?(?:多少|(?:什么|啥)(?!时候|时间|原因|意思)|几)|(?:(?<!为)什么|啥|哪个)(?:{asked})", re.IGNORECASE), answer)
    for asked, answer in (
        (r"网址|网站地址|链接|域名", re.compile(r"https?://|www\.|[A-Za-z0-9-]+\.(?:gov|com|cn|org|net|edu)\b", re.IGNORECASE)),
        (r"邮箱|电子邮件|邮件地址|email|e-mail", re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
        (r"电话|热线|手机号|座机|传真|(?:值班|联系|咨询|投诉|举报|报警|救援)号码?", _PHONE),  # 值班号码是啥, 科室座机多少
        (r"邮编|邮政编码", re.compile(rf"(?<!\d)\d{{6}}{_NO_NUMBER_AFTER}")),
        (r"银行账号|缴款账号|收款账号|汇款账号|银行卡号|卡号", re.compile(r"(?<![\d-])\d(?:[\d\s-]?\d){8,}")),  # 罚没款缴款的银行账号: digits, not the bank's name
        (r"车牌号?|牌照号", re.compile(r"[\u4e00-\u9fff][A-ZＡ-Ｚ][-－·・\s]?[A-Z0-9Ａ-Ｚ０-９]{5,6}(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])")),
        # A case's, a certificate's or a register's code (信访件编号是多少): no count or date.
        (r"(?<![文账卡])编号|编码|代码|注册号|登记号|证号|批号|单号|档案号|识别码", _CODE),
    )
)


def contact_asked(question: str) -> re.Pattern[str] | None:
    """The pattern of the contact `question` asks for, or None when it asks none."""
    return next((pattern for asked, pattern in _CONTACTS if asked.search(question)), None)
