"""The command line as a new user meets it: one clear line for every mistake, Chinese help, no tracebacks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.settings import PROJECT_ROOT
from ingest.pipeline import IngestService
from tests.conftest import SEEDS


@pytest.fixture(autouse=True)
def _lexical_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """BM25 alone: these tests are about the command line, not about the model."""
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))
    monkeypatch.delenv("CADRE_BOT_DATA_DIR", raising=False)


def test_help_speaks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["ask", "--help"], ["ingest", "--help"]):
        with pytest.raises(SystemExit) as done:
            cli.main(argv)
        assert done.value.code == 0
        out = capsys.readouterr().out
        assert "用法：" in out and "显示帮助并退出" in out and "show this help" not in out


def test_data_dir_is_accepted_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["ingest", "--data-dir", str(tmp_path / "kb"), str(SEEDS)]) == 0
    capsys.readouterr()
    assert cli.main(["docs", "--data-dir", str(tmp_path / "kb")]) == 0
    assert "浅谈质量强国" in capsys.readouterr().out


def test_a_data_dir_that_is_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("x", encoding="utf-8")
    assert cli.main(["--data-dir", str(not_a_folder), "docs"]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "不是文件夹" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_new_knowledge_base_says_where_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--data-dir", str(tmp_path / "fresh"), "docs"]) == 0
    assert f"新建知识库：{(tmp_path / 'fresh').resolve()}" in capsys.readouterr().err
    assert cli.main(["--data-dir", str(tmp_path / "fresh"), "docs"]) == 0
    assert "新建知识库" not in capsys.readouterr().err


def test_bad_admin_ids_name_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ADMIN_IDS", "123;456")
    assert cli.main(["--data-dir", str(tmp_path), "docs"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "ADMIN_IDS" in err and len(err.strip().splitlines()) == 1


def test_ask_on_a_terminal_prompts_for_questions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("质量强国归根到底是什么？\n"))
    assert cli.main(["--data-dir", str(tmp_path), "ask"]) == 0
    captured = capsys.readouterr()
    assert "请输入问题" in captured.err and "Ctrl-D" in captured.err
    assert "出处" in captured.out


def test_ctrl_c_during_an_ingest_says_what_was_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("第一份通知\n\n第一份通知的正文。", encoding="utf-8")
    (folder / "b.txt").write_text("第二份通知\n\n第二份通知的正文。", encoding="utf-8")
    real = IngestService._commit
    calls = []

    def interrupted_on_the_second(self, plan, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(plan.document.source)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, plan, *args, **kwargs)

    monkeypatch.setattr(IngestService, "_commit", interrupted_on_the_second)
    assert cli.main(["--data-dir", str(tmp_path / "kb"), "ingest", str(folder)]) == cli.EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert "已中断" in err and "《第一份通知》" in err and "第二份通知" not in err
    assert "正在导入的文档未做任何改动" in err


@pytest.mark.slow
def test_piping_into_head_prints_no_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CADRE_BOT_DATA")}
    questions = "质量强国归根到底是什么？\n" * 200
    command = f"{sys.executable} -m bot --data-dir {tmp_path} ask | head -n 1"
    done = subprocess.run(["bash", "-c", command], input=questions, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_no_progress_bar_noise_when_stderr_is_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--data-dir", str(tmp_path / "kb"), "ingest", str(SEEDS)]) == 0
    err = capsys.readouterr().err
    assert "%|" not in err and "句/s" not in err
