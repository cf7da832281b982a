"""One error tree: every refusal a user sees is a UserError, and every boundary (CLI, console, Telegram)
shows its Chinese line, whichever kind it is, not only ingest errors."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot import cli
from bot.answer_service import MAX_QUESTION_CHARS
from bot.console import run_console
from bot.services import Services
from bot.tgbot.app import build_application
from ingest.errors import ConfigError, IngestError, QuestionError, StartupError, StoreError, UserError
from ingest.pipeline import BatchIngestError
from ingest.store import StoreDamaged
from tests.conftest import SEEDS
from tests.telegram_fake import ApplicationThread, FakeBotApi

USER = 1001
LONG_QUESTION = "计量器具" * (MAX_QUESTION_CHARS // 4 + 1)
TOO_LONG = f"问题太长了（{len(LONG_QUESTION)}字），请精简到{MAX_QUESTION_CHARS}字以内。"


@pytest.mark.parametrize("kind", [IngestError, QuestionError, ConfigError, StartupError, StoreError, StoreDamaged])
def test_every_kind_is_a_user_error_with_both_messages(kind: type[UserError]) -> None:
    error = kind("english for the log", "给用户看的中文。")
    assert isinstance(error, UserError)
    assert (error.log_message, error.user_message, str(error)) == ("english for the log", "给用户看的中文。", "english for the log")
    assert kind.__doc__ and kind.__doc__ != UserError.__doc__, "each kind says when it is raised"


def test_a_batch_that_failed_is_an_ingest_error_and_a_damaged_store_a_store_error() -> None:
    assert issubclass(BatchIngestError, IngestError)
    assert issubclass(StoreDamaged, StoreError) and not issubclass(StoreDamaged, IngestError)


@pytest.fixture
def lexical_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """BM25 alone: these tests are about the command line, not about the model."""
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(SEEDS))
    monkeypatch.delenv("CADRE_BOT_DATA_DIR", raising=False)


def cli_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The line the CLI printed for a refusal (after any seeding progress), checked to be the only
    error line and the bad-input exit."""
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("错误")]
    assert len(errors) == 1 and "Traceback" not in err
    return errors[0]


def test_cli_shows_a_config_error_in_one_chinese_line(lexical_cli: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = cli_error(["--data-dir", str(tmp_path / "kb"), "quiz", "--count", "0"], capsys)
    assert line == "错误：题数必须是正整数。 (--count must be positive, got 0)"


def test_cli_shows_a_question_error_in_one_chinese_line(lexical_cli: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = cli_error(["--data-dir", str(tmp_path / "kb"), "ask", LONG_QUESTION], capsys)
    assert line == f"错误：{TOO_LONG} (question of {len(LONG_QUESTION)} chars exceeds {MAX_QUESTION_CHARS})"


def test_cli_shows_any_user_error_in_one_chinese_line(
    lexical_cli: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(args: object, settings: object) -> int:
        raise StoreError("the store is on fire", "知识库无法读取。")

    monkeypatch.setitem(cli.COMMANDS, "docs", refuse)
    assert cli_error(["--data-dir", str(tmp_path / "kb"), "docs"], capsys) == "错误：知识库无法读取。 (the store is on fire)"


def test_console_shows_a_question_error_and_goes_on(
    fake_services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_services.documents.ensure_seeded()
    typed = iter([LONG_QUESTION, "退出"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(typed))
    run_console(fake_services.answers, tmp_path / "history")
    assert TOO_LONG in capsys.readouterr().out.splitlines()


@pytest.fixture
def bot(fake_telegram: FakeBotApi, fake_services: Services) -> Iterator[ApplicationThread]:
    fake_services.documents.ensure_seeded()
    settings = fake_services.settings.model_copy(update={"telegram_api_url": fake_telegram.root_url})
    thread = ApplicationThread(build_application(replace(fake_services, settings=settings), fake_telegram.token)).start()
    yield thread
    thread.stop()


def test_telegram_answers_an_over_long_question_with_the_reason(fake_telegram: FakeBotApi, bot: ApplicationThread) -> None:
    fake_telegram.inject_text(USER, LONG_QUESTION)
    (reply,) = fake_telegram.wait_for_messages(USER, 1)
    assert reply["text"] == TOO_LONG
    assert bot.handler_errors == []
    fake_telegram.assert_no_errors()


def test_telegram_shows_a_user_error_no_handler_caught(
    fake_telegram: FakeBotApi, bot: ApplicationThread, fake_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The central error handler: a refusal (here the store cannot be read for /docs) is shown as
    itself, not as the apology for a bug."""

    def unreadable() -> list:
        raise StoreError("the knowledge base store is damaged", "知识库索引已损坏，运行 `cadre-bot rebuild` 可从存档恢复。")

    monkeypatch.setattr(fake_services.documents, "records", unreadable)
    fake_telegram.inject_text(USER, "/docs")
    (reply,) = fake_telegram.wait_for_messages(USER, 1)
    assert reply["text"] == "知识库索引已损坏，运行 `cadre-bot rebuild` 可从存档恢复。"
    fake_telegram.inject_text(USER, LONG_QUESTION)
    assert fake_telegram.wait_for_messages(USER, 2)[-1]["text"] == TOO_LONG, "the bot keeps running"
    fake_telegram.assert_no_errors()
