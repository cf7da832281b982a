"""`cadre-bot bench --docs N`: a knowledge base of many documents, measured (numbers reported, never asserted)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main

# Three made-up contexts in the CMRC JSONL format, so the test needs no shared data.
CONTEXTS = [
    {
        "title": "青石镇",
        "context": "青石镇位于河谷北岸，始建于明代。镇上的石桥建于1582年，共有七个桥洞。每年秋天，镇上举办桂花节。",
        "qas": [{"id": "T1_0", "q": "青石镇的石桥建于哪一年？", "answers": ["1582年"]}],
    },
    {
        "title": "白鹭湖",
        "context": "白鹭湖是一座人工湖，面积约三平方公里。湖中有两座小岛，东岛上有一座灯塔。湖区每年冬季有大量候鸟停留。",
        "qas": [{"id": "T2_0", "q": "东岛上有什么建筑？", "answers": ["灯塔"]}],
    },
    {
        "title": "木偶剧团",
        "context": "红星木偶剧团成立于1956年，以提线木偶表演闻名。剧团曾赴十二个国家演出。团长由著名艺人李春担任。",
        "qas": [{"id": "T3_0", "q": "木偶剧团的团长是谁？", "answers": ["李春"]}],
    },
]


def write_contexts(path: Path) -> Path:
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in CONTEXTS), encoding="utf-8")
    return path


@pytest.mark.slow  # the ingest, the cold ask and the batch each run in a `cadre-bot` subprocess
def test_bench_docs_reports_the_knowledge_base_it_built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")  # BM25 alone: no model to load in the subprocesses
    docs_file = write_contexts(tmp_path / "tiny.jsonl")
    assert main(["bench", "--docs", "3", "--docs-file", str(docs_file), "--questions", "6", "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["docs"] == 3
    assert report["sentences"] >= 9, "every sentence of the three contexts was ingested"
    assert report["chars"] == sum(len(c["title"]) + len(c["context"]) + 3 for c in CONTEXTS)
    for field in ("ingest_s", "ingest_peak_rss_mb", "data_dir_mb", "cold_ask_s", "batch_ask_peak_rss_mb", "warm_p50_ms", "warm_p95_ms"):
        assert report[field] > 0, field
    assert report["data_dir_files"] > 0 and report["data_dir_folders"] > 0
    assert report["questions"] == report["batch_questions"] == 6, "distinct questions made from the three"
    assert "导入 3 篇文档" in captured.err, "each phase is announced on stderr"


def test_bench_docs_without_the_cmrc_file_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "cmrc2018.jsonl"
    assert main(["bench", "--docs", "3", "--docs-file", str(missing)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：找不到 CMRC 数据文件") and str(missing) in err and "\n" not in err


def test_bench_docs_asking_for_more_documents_than_the_file_holds_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs_file = write_contexts(tmp_path / "tiny.jsonl")
    assert main(["bench", "--docs", "5", "--docs-file", str(docs_file)]) == 1
    err = capsys.readouterr().err.strip()
    assert "只有 3 篇文章" in err and "\n" not in err
