"""chroma-core/chroma#5366: Chroma rewrites a collection's HNSW files every `sync_threshold` additions, and a
process killed during that rewrite was reported to leave an index that cannot be loaded. The vector store
keeps one collection per embedding model and writes it in place, so this test kills writers at random moments
of a long run of upserts (many index rewrites) and checks that every committed vector reads back. With the
Chroma release pinned in pyproject.toml it has not failed; if an upgrade brings the defect back, this test
shows it, and the product still answers by keywords from the archive until `cadre-bot rebuild`.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from ingest.store import open_client
from ingest.vectors import VectorStore

WRITER = """
import sys
import numpy as np
from ingest.chunks import Chunk
from ingest.store import open_client
from ingest.vectors import VectorStore

store = VectorStore(open_client(__import__("pathlib").Path(sys.argv[1])), "kill-test")
rng = np.random.default_rng(int(sys.argv[2]))
for n in range(10_000):
    chunks = [Chunk(f"d{n}", "v" * 64, 1, s, f"句子{n}-{s}", "t", "s.txt") for s in range(1, 201)]
    store.add(chunks, rng.random((200, 384)).astype(np.float32))
    print(n, flush=True)
"""


@pytest.mark.slow
def test_writers_killed_while_the_index_is_rewritten_leave_it_readable(tmp_path: Path) -> None:
    rng = random.Random(5366)
    for trial in range(6):
        data_dir = tmp_path / f"trial-{trial}"
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), str(trial)], stdout=subprocess.PIPE, text=True)
        done = -1
        deadline = time.monotonic() + rng.uniform(2.0, 6.0)
        while time.monotonic() < deadline and writer.poll() is None:
            done = int(writer.stdout.readline() or done)
        writer.kill()
        writer.wait()
        assert done >= 0, "the writer wrote nothing before it was killed"
        store = VectorStore(open_client(data_dir), "kill-test")
        vectors = store.all_vectors()
        assert len(vectors) >= (done + 1) * 200, f"trial {trial}: committed vectors were lost"
        query = store.collection.query(query_embeddings=np.ones((1, 384), dtype=np.float32), n_results=3)
        assert len(query["ids"][0]) == 3, f"trial {trial}: the index cannot be searched"
