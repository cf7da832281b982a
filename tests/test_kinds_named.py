"""Things of one kind a text names, which "文章提到了哪些主义" asks for."""

import pytest

from bot.kinds_named import names_of_kind


@pytest.mark.parametrize(
    ("text", "kind", "names"),
    [
        ("坚决反对形式主义、官僚主义,切实减轻基层负担", "主义", ("形式主义", "官僚主义")),
        ("高举中国特色社会主义伟大旗帜", "主义", ("中国特色社会主义",)),
        ("要强化宗旨意识和服务意识", "意识", ("宗旨意识", "服务意识")),
        ("不断增强领导干部质量强国意识", "意识", ("质量强国意识",)),  # two nouns before it, not 领导干部 too
        ("建立健全科学合理的人才评价体系和流动机制", "机制", ("流动机制",)),  # a verbal noun (流动) as a noun
        ("建立健全干部退出机制", "机制", ("干部退出机制",)),  # a verb with the noun before it
        ("一是改革干部选拔任用制度,坚持德才兼备", "制度", ("干部选拔任用制度",)),  # two verbs with the noun before them
        ("对质监干部能力素质提出了新要求", "能力", ()),  # 能力 of 能力素质 is no head
        ("主义是什么", "主义", ()),  # the kind alone names nothing
        ("参观考察", "观", ()),  # a kind of one character is part of too many words
    ],
)
def test_names_of_a_kind_are_the_kind_with_the_words_before_it(text: str, kind: str, names: tuple[str, ...]) -> None:
    assert names_of_kind(text, kind) == names
