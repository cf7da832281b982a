"""The things of one kind a text names: 形式主义 and 官僚主义 are 主义, 宗旨意识 and 服务意识 are 意识.

A learner asks "文章提到了哪些主义" or "讲了几种意识": the kind is the head of the compounds the text says, which
jieba cuts either whole (形式主义) or apart (宗旨 / 意识). The name is the kind with up to NAME_PREFIX_WORDS nouns
just before it (质量强国意识, 中国特色社会主义, 绩效考核评价体系), or with the noun and the verb just before it
when a verb comes first (干部退出机制).
"""

from __future__ import annotations

from functools import lru_cache

NAME_PREFIX_WORDS = 2  # 质量 强国 of 质量强国意识; not 领导 干部 质量 强国 of 增强领导干部质量强国意识
NAME_PREFIX_CHARS = 6
_NOUN_TAGS = ("n", "vn", "j")  # nouns, jieba's nz ns nr among them, verbal nouns (服务) and abbreviations
_VERB_TAG = "v"


@lru_cache(maxsize=4096)
def names_of_kind(text: str, kind: str) -> tuple[str, ...]:
    """The names of `kind` (two characters or more) in `text`, in order, each once; a bare `kind` names nothing."""
    if len(kind) < 2:
        return ()
    import jieba.posseg

    pairs = [(pair.word, pair.flag) for pair in jieba.posseg.cut(text)]
    names: list[str] = []
    for i, (word, _) in enumerate(pairs):
        if not word.endswith(kind) or (word == kind and i + 1 < len(pairs) and pairs[i + 1][1].startswith("n")):
            continue  # 能力 cut from 能力素质 is no head; 社会主义 of 社会主义伟大旗帜 is a word of its own
        before, j = "", i - 1
        while j >= 0 and i - j <= NAME_PREFIX_WORDS and pairs[j][1].startswith(_NOUN_TAGS) and len(pairs[j][0] + before) <= NAME_PREFIX_CHARS:
            before = pairs[j][0] + before
            j -= 1
        # A noun and one verb or two before the bare kind (干部退出机制, 干部选拔任用制度) within NAME_PREFIX_CHARS; not a
        # verb and its object (统一思想: no noun before the verb).
        verbs = j
        while verbs >= 0 and j - verbs < 2 and pairs[verbs][1] == _VERB_TAG and len(pairs[verbs][0]) >= 2:
            verbs -= 1
        joined = "".join(w for w, _ in pairs[verbs:i]) if verbs >= 0 else ""
        if not before and word == kind and verbs < j and verbs >= 0 and pairs[verbs][1].startswith("n") and len(joined) <= NAME_PREFIX_CHARS:
            before = joined
        name = before + word
        if name != kind and name not in names:
            names.append(name)
    return tuple(names)
