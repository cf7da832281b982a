"""The tokenizer's dictionary cache: same words and counts as jieba's own load, rebuilt when damaged."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

import jieba
import pytest

from bot.jieba_dictionary import load_dictionary

QUESTION = "质监部门应该怎样加强干部队伍的作风建设？"


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def built_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache dir as a first load leaves it, built once for the tests that damage a copy."""
    cache_dir = tmp_path_factory.mktemp("jieba-cache")
    load_dictionary(cache_dir, jieba.Tokenizer())
    return cache_dir


def cache_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("jieba-*.dict"))


def cache_only_tokenizer() -> jieba.Tokenizer:
    """A tokenizer that fails if it has to load jieba's dictionary its own way."""
    tokenizer = jieba.Tokenizer()

    def refuse(*args, **kwargs):
        raise AssertionError("the dictionary should have come from the cache")

    tokenizer.initialize = refuse
    return tokenizer


def test_cached_dictionary_is_jiebas_own(built_cache: Path, reference: jieba.Tokenizer) -> None:
    assert len(cache_files(built_cache)) == 1, "the first load built the cache from jieba's own load"
    second = cache_only_tokenizer()
    load_dictionary(built_cache, second)
    assert second.initialized
    assert second.total == reference.total
    assert second.FREQ == reference.FREQ
    assert second.lcut(QUESTION) == reference.lcut(QUESTION)


@pytest.mark.parametrize("keep", [0.5, 25 / 8_757_012, 0.0])
def test_damaged_cache_is_rebuilt_with_a_warning(tmp_path: Path, built_cache: Path, reference: jieba.Tokenizer, caplog: pytest.LogCaptureFixture, keep: float) -> None:
    shutil.copytree(built_cache, tmp_path, dirs_exist_ok=True)
    (cache,) = cache_files(tmp_path)
    cache.write_bytes(cache.read_bytes()[: int(cache.stat().st_size * keep)])
    tokenizer = jieba.Tokenizer()
    loads: list[bool] = []

    def jiebas_own_load() -> None:
        """Stands in for jieba's own load (slow, and proven equal above): the reference's words."""
        loads.append(True)
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(reference.FREQ), reference.total, True

    tokenizer.initialize = jiebas_own_load
    with caplog.at_level(logging.WARNING):
        load_dictionary(tmp_path, tokenizer)
    assert "unreadable" in caplog.text and loads == [True], "the damaged cache was not used"
    rebuilt = cache_only_tokenizer()
    load_dictionary(tmp_path, rebuilt)
    assert rebuilt.FREQ == reference.FREQ


def test_cache_from_an_older_jieba_and_a_dead_writers_leftovers_are_removed(tmp_path: Path) -> None:
    older = tmp_path / "jieba-0123456789abcdef.dict"
    older.write_bytes(b"from an earlier jieba")
    leftover = tmp_path / ".jieba-0123456789abcdef.dict.x1y2.tmp"
    leftover.write_bytes(b"half a file")
    os.utime(leftover, (time.time() - 2 * 3600,) * 2)
    load_dictionary(tmp_path, jieba.Tokenizer())
    assert len(cache_files(tmp_path)) == 1
    assert not older.exists() and not leftover.exists()


def test_unwritable_cache_dir_still_loads_the_dictionary(tmp_path: Path, reference: jieba.Tokenizer, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    tokenizer = jieba.Tokenizer()
    with caplog.at_level(logging.WARNING):
        load_dictionary(blocker, tokenizer)
    assert "could not write the jieba dictionary cache" in caplog.text
    assert tokenizer.lcut(QUESTION) == reference.lcut(QUESTION)
