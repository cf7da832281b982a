"""The `cadre-bot` command as a user runs it: exit codes and output of `cli.main`, and two real processes."""

from __future__ import annotations

import io
import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.evaluation import load_cases
from tests.conftest import DEV_SET, SEEDS

ASK_KEYS = {"question", "answer", "refused", "mode", "sources", "latency_ms"}
SOURCE_KEYS = {"doc_id", "title", "paragraph", "text", "score"}


@pytest.fixture(autouse=True)
def _lexical_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """BM25 alone in process: these tests are about the command line, not about the model."""
    for key in [k for k in os.environ if k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_")) and k != "CADRE_BOT_CACHE_DIR"]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))


def main(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    """Run `cadre-bot --data-dir data_dir args…` in this process: (exit code, stdout, stderr)."""
    code = cli.main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def docs(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict]:
    code, out, err = main(capsys, data_dir, "docs", "--json")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def run(data_dir: Path, *args: str, stdin: str | None = None, backend: str = "e5") -> subprocess.CompletedProcess:
    """A real `python -m bot` process, with the real default model unless `backend` says otherwise."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_"))}
    env.update({"EMBEDDING_BACKEND": backend, "CADRE_BOT_SEEDS_DIR": str(SEEDS)})
    return subprocess.run(
        [sys.executable, "-m", "bot", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.slow
def test_first_ask_ingests_seeds_and_prints_the_contract(tmp_path: Path) -> None:
    done = run(tmp_path, "ask", "关心干部生活能增强队伍的什么？", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert ASK_KEYS <= set(payload)
    assert payload["mode"] == "extractive" and payload["refused"] is False
    assert "增强队伍的凝聚力和向心力" in payload["answer"]
    assert "出处《浅谈质量强国与质监干部队伍建设》第5段" in payload["answer"]
    assert SOURCE_KEYS <= set(payload["sources"][0])
    assert payload["sources"][0]["paragraph"] == 5
    assert "种子文档" in done.stderr


@pytest.mark.slow
def test_ask_reads_stdin_one_json_line_per_question(tmp_path: Path) -> None:
    done = run(tmp_path, "ask", stdin="深化体制改革要营造怎样的竞争环境？\n\n上海到杭州的高铁要多久？\n")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["refused"] for line in lines] == [False, True]
    assert "营造公平公正的竞争环境" in lines[0]["answer"]


def test_first_ask_in_process_seeds_and_prints_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = main(capsys, tmp_path, "ask", "关心干部生活能增强队伍的什么？", "--json")
    assert code == 0, err
    payload = json.loads(out)
    assert ASK_KEYS <= set(payload) and SOURCE_KEYS <= set(payload["sources"][0])
    assert payload["mode"] == "extractive" and payload["refused"] is False
    assert "出处《浅谈质量强国与质监干部队伍建设》第5段" in payload["answer"]
    assert "种子文档" in err


def test_ask_in_process_reads_stdin_one_json_line_per_question(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("深化体制改革要营造怎样的竞争环境？\n\n上海到杭州的高铁要多久？\n"))
    code, out, err = main(capsys, tmp_path, "ask")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["refused"] for line in lines] == [False, True]
    assert "营造公平公正的竞争环境" in lines[0]["answer"]


def test_empty_question_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = main(capsys, tmp_path, "ask", "  ")
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "问题不能为空" in err


@pytest.fixture(scope="module")
def ingested_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lexical knowledge base holding the seeds, built once and copied by each test that changes it."""
    data_dir = tmp_path_factory.mktemp("cli-seeds") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBEDDING_BACKEND", "none")
        patch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))
        assert cli.main(["--data-dir", str(data_dir), "ingest", str(SEEDS)]) == 0
    return data_dir


@pytest.mark.parametrize(
    "name,content,expect",
    [
        ("missing.txt", None, "找不到文件"),
        ("empty.txt", b"", "没有可用的正文"),
        ("garbage.txt", bytes(range(256)) * 4, "编码"),
        ("table.xlsx", b"PK\x03\x04", "不支持的文件类型"),
    ],
)
def test_bad_input_exits_nonzero_and_leaves_index_untouched(tmp_path: Path, ingested_seeds: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, expect: str) -> None:
    capsys.readouterr()
    data_dir = tmp_path / "data"
    shutil.copytree(ingested_seeds, data_dir)
    before = docs(capsys, data_dir)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, _, err = main(capsys, data_dir, "ingest", str(path))
    assert code != 0
    error_lines = [line for line in err.splitlines() if line.strip()]
    assert len(error_lines) == 1 and expect in error_lines[0], err
    assert docs(capsys, data_dir) == before


def test_a_bad_file_in_a_batch_is_reported_and_the_others_go_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    good = tmp_path / "a.txt"
    good.write_text("计量检定通知\n\n各单位须在十月底前完成电子秤的强制检定。\n", encoding="utf-8")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01")
    other = tmp_path / "c.md"
    other.write_text("# 送检须知\n\n送检的器具须附检定申请单。\n", encoding="utf-8")
    code, out, err = main(capsys, data_dir, "ingest", str(good), str(bad), str(other))
    assert code == 1
    failed = [line for line in err.splitlines() if "未导入" in line]
    assert len(failed) == 1 and "bad.bin" in failed[0] and "不支持的文件类型" in failed[0], err
    assert "新增 2" in out and "未导入 1 个文件" in out
    assert sorted(d["source"] for d in docs(capsys, data_dir)) == ["a.txt", "c.md"]


def test_ingest_docs_remove_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    notice = tmp_path / "notice.txt"
    notice.write_text("计量检定通知\n\n各单位须在十月底前完成电子秤的强制检定。\n", encoding="gb18030")
    code, out, err = main(capsys, data_dir, "ingest", str(SEEDS), str(notice))
    assert code == 0, err
    assert "共 2 篇：新增 2" in out
    assert "未变化" in main(capsys, data_dir, "ingest", str(notice))[1]
    listed = {d["title"]: d for d in docs(capsys, data_dir)}
    assert set(listed) == {"浅谈质量强国与质监干部队伍建设", "计量检定通知"}
    assert {"doc_id", "source", "paragraphs", "chunks", "ingested_at"} <= set(listed["计量检定通知"])
    listing = main(capsys, data_dir, "docs")[1]
    assert re.search(r"导入于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$", listing.splitlines()[0]), listing
    answer = json.loads(main(capsys, data_dir, "ask", "电子秤什么时候之前要完成强制检定？", "--json")[1])
    assert "十月底前" in answer["answer"]
    code, out, _ = main(capsys, data_dir, "remove", listed["计量检定通知"]["doc_id"])
    assert code == 0 and "已删除" in out
    answer = json.loads(main(capsys, data_dir, "ask", "电子秤什么时候之前要完成强制检定？", "--json")[1])
    assert answer["refused"] and "十月底前" not in answer["answer"]
    code, _, err = main(capsys, data_dir, "remove", "nosuchid")
    assert code != 0 and "没有编号为 nosuchid 的文档" in err


def test_eval_reports_hit_rates_and_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = main(capsys, tmp_path, "eval", str(DEV_SET), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["answered_with_gold"] >= 11 and report["in_scope"] == 12
    assert report["correctly_refused"] == 3 and report["wrongly_refused"] == 0
    assert set(report["latency_ms"]) == {"p50", "p95", "max"}
    assert set(report["retrieval_hits"]) == {"R@1", "R@3", "R@5"}


def test_chat_console_answers_and_exits(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("党风廉政建设要确保干部怎样做事做人？\n退出\n"))
    code, out, err = main(capsys, tmp_path, "chat")
    assert code == 0, err
    assert "干干净净做事、清清白白做人" in out
    assert (tmp_path / "chat_history").exists()


@pytest.mark.slow
def test_an_ingest_does_not_load_jiebas_tagger(tmp_path: Path) -> None:
    """Its word-tag table is ~45 MB at the ingest's peak, and only questions use it."""
    script = (
        "import sys; from bot import cli; "
        f"code = cli.main(['--data-dir', {str(tmp_path / 'data')!r}, 'ingest', {str(SEEDS)!r}]); "
        "print(code, 'jieba.posseg' in sys.modules)"
    )
    env = {**os.environ, "EMBEDDING_BACKEND": "none"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, check=True)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stdout + done.stderr


def test_eval_reads_an_empty_gold_as_a_question_to_refuse(tmp_path: Path) -> None:
    """The shared eval sets mark an unanswerable question with "gold": ""; only a line with no gold awaits its span."""
    path = tmp_path / "set.jsonl"
    lines = [{"q": "质量强国是哪一年提出的？", "gold": ""}, {"q": "谁写的？", "gold": None}, {"q": "待标注的问题？"}, {"q": "主题是什么？", "gold": "为建设质量强国服务"}]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    cases = load_cases(path)
    assert [(case.gold, case.needs_span) for case in cases] == [(None, False), (None, False), (None, True), ("为建设质量强国服务", False)]
