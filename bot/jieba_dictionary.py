"""jieba's word dictionary from a compact cache: about 0.2 s to load instead of jieba's own 1-1.4 s.

jieba keeps its prefix dictionary (500k entries) in a marshal file that takes over a second to read
on a 2-core machine, a third of a cold `cadre-bot ask`. This cache holds the same dictionary as an
int64 array of counts followed by the words, one per line: plain data, nothing that executes on
load. It is written from jieba's own load the first time and keyed by jieba's version and
dictionary file, so an upgraded jieba builds a new one.
"""

from __future__ import annotations

import array
import logging
import struct
from pathlib import Path

import jieba

from ingest.cache_files import fingerprint, write_cache_file

log = logging.getLogger(__name__)

_MAGIC = b"cadre-jieba-dict 1\n"
_HEADER = struct.Struct("<qq")  # total count, number of entries


def load_dictionary(cache_dir: Path, tokenizer: jieba.Tokenizer | None = None) -> None:
    """Initialise jieba's default tokenizer (or `tokenizer`), from the cache in `cache_dir` when it is there."""
    tokenizer = tokenizer or jieba.dt
    with tokenizer.lock:
        if tokenizer.initialized:
            return
        source = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
        if tokenizer.dictionary is not None or not source.is_file():
            tokenizer.initialize()  # a custom dictionary: jieba's own cache handles it
            return
        path = cache_dir / f"jieba-{fingerprint(source, extra=jieba.__version__)}.dict"
        try:
            tokenizer.FREQ, tokenizer.total = _read(path)
            tokenizer.initialized = True
            return
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            log.warning("jieba dictionary cache %s is unreadable (%s); rebuilding it", path, exc)
        tokenizer.initialize()
        try:
            _write(path, tokenizer.FREQ, tokenizer.total)
        except (OSError, ValueError) as exc:
            log.warning("could not write the jieba dictionary cache %s (%s); next start loads it the slow way", path, exc)


def in_dictionary(word: str) -> bool:
    """Whether jieba's dictionary holds the word as one (it also keeps every word's prefixes, with a count of 0)."""
    jieba.dt.check_initialized()  # a no-op once anything was cut
    return jieba.dt.FREQ.get(word, 0) > 0


def _read(path: Path) -> tuple[dict[str, int], int]:
    data = path.read_bytes()
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + _HEADER.size:
        raise ValueError("not a dictionary cache")
    total, count = _HEADER.unpack_from(data, len(_MAGIC))
    start = len(_MAGIC) + _HEADER.size
    counts = array.array("q")
    counts.frombytes(data[start : start + 8 * count])
    words = data[start + 8 * count :].decode("utf-8").split("\n")
    if len(words) != count or len(counts) != count:
        raise ValueError(f"expected {count} entries, found {len(words)} words and {len(counts)} counts")
    return dict(zip(words, counts)), total


def _write(path: Path, freq: dict[str, int], total: int) -> None:
    if any("\n" in word for word in freq):
        raise ValueError("a dictionary word contains a line break")
    counts = array.array("q", freq.values())
    write_cache_file(path, "jieba-*.dict", _MAGIC + _HEADER.pack(total, len(freq)), counts.tobytes(), "\n".join(freq).encode("utf-8"))
