"""The BM25 index of a set of sentences is kept in the cache dir, so the next process loads it instead of
building it again (seconds at ten thousand sentences, the largest part of a cold `ask`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import lexical
from bot.lexical import LexicalIndex

TEXTS = ["各单位每年三月开展计量器具自查。", "检定不合格的器具应当停用。", "自查结果报送市局计量处。"]


def test_a_second_index_of_the_same_sentences_is_loaded_not_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = LexicalIndex(TEXTS, tmp_path)
    builds = []
    real_index = lexical.bm25s.BM25.index
    monkeypatch.setattr(lexical.bm25s.BM25, "index", lambda self, *a, **k: builds.append(1) or real_index(self, *a, **k))
    second = LexicalIndex(TEXTS, tmp_path)
    assert builds == [], "loaded from the cache"
    assert second.search("不合格的器具怎么办", 3) == first.search("不合格的器具怎么办", 3)
    LexicalIndex([*TEXTS, "送检的器具须附检定申请单。"], tmp_path)
    assert builds == [1], "other sentences get an index of their own"


def test_a_damaged_cached_index_is_rebuilt(tmp_path: Path) -> None:
    LexicalIndex(TEXTS, tmp_path)
    (cached,) = tmp_path.glob("lexical-*")
    for file in cached.iterdir():
        file.write_bytes(b"garbage")
    index = LexicalIndex(TEXTS, tmp_path)
    assert index.search("不合格的器具", 1)[0][0] == 1
    assert LexicalIndex(TEXTS, tmp_path).search("不合格的器具", 1)[0][0] == 1, "the damaged copy was replaced"
    assert all(file.read_bytes() != b"garbage" for file in cached.iterdir())


def test_only_the_newest_indexes_are_kept(tmp_path: Path) -> None:
    for n in range(lexical.KEPT_INDEXES + 3):
        LexicalIndex([*TEXTS, f"第{n}条。"], tmp_path)
    assert len(list(tmp_path.glob("lexical-*"))) == lexical.KEPT_INDEXES
    assert not list(tmp_path.glob(".lexical-*")), "no half-written index is left"


def test_an_ingest_leaves_the_index_for_the_next_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import cli
    from tests.conftest import SEEDS

    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main(["--data-dir", str(tmp_path / "data"), "ingest", str(SEEDS)]) == 0
    assert len(list((tmp_path / "cache").glob("lexical-*"))) == 1
