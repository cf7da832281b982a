"""Chinese text helpers shared by ingest and retrieval.

Users always see the original text; these forms exist only for matching.
"""

from __future__ import annotations

import re
import unicodedata

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # a character class body: ideographs
CJK_RUN = re.compile(rf"[{CJK}]+")  # a run of ideographs: the Chinese words in mixed text
_TOKEN_RUN = re.compile(rf"[{CJK}]+|[a-z]+|\d+(?:\.\d+)?")
_CJK_CHAR = re.compile(rf"[{CJK}]")

# Function words of questions: they say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = (
    "为什么", "是什么", "什么", "怎么样", "怎么", "怎样", "如何", "哪些", "哪几项", "哪几个", "哪几",
    "哪个", "哪里", "多少", "几项", "几个", "是否", "有没有", "能否", "可以", "请问", "一下", "吗", "呢", "吧",
)


def normalize(text: str) -> str:
    """Fold width and case so that ',' matches '，' and 'ABC' matches 'abc'."""
    return unicodedata.normalize("NFKC", text).lower()


def strip_question_words(text: str) -> str:
    """Remove interrogative words, which carry no evidence about the answer."""
    for word in QUESTION_WORDS:
        text = text.replace(word, " ")
    return text


def runs(text: str) -> list[str]:
    """Split normalised text into runs of CJK characters, latin words and numbers."""
    return _TOKEN_RUN.findall(normalize(text))


def char_ngrams(text: str) -> list[str]:
    """Character unigrams and bigrams of CJK runs, plus whole latin words and numbers."""
    tokens: list[str] = []
    for run in runs(text):
        if _CJK_CHAR.match(run):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def bigrams(text: str) -> set[str]:
    """The CJK bigrams (and latin words) of a text: the unit of evidence for answer support."""
    grams: set[str] = set()
    for run in runs(text):
        if _CJK_CHAR.match(run):
            if len(run) == 1:
                grams.add(run)
            grams.update(run[i : i + 2] for i in range(len(run) - 1))
        else:
            grams.add(run)
    return grams


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))
