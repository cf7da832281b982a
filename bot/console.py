"""Interactive console: ask questions in a terminal, with readline history kept in the data dir."""

from __future__ import annotations

import contextlib
from pathlib import Path

from bot.answer_service import AnswerService
from bot.hints import plain_text
from ingest.errors import UserError

PROMPT = "问> "
EXIT_WORDS = {"exit", "quit", "退出", ":q"}


def run_console(answers: AnswerService, history_file: Path) -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover - not every platform ships readline
        readline = None
    if readline is not None:
        with contextlib.suppress(OSError):
            readline.read_history_file(history_file)
    print("学习助手：请输入问题（输入“退出”或按 Ctrl-D 结束）。")
    try:
        while True:
            try:
                question = input(PROMPT).strip()
            except EOFError:
                print()
                break
            except KeyboardInterrupt:
                print()
                continue
            if not question:
                continue
            if question.lower() in EXIT_WORDS:
                break
            try:
                answer = answers.ask(question)
            except UserError as exc:
                print(exc.user_message)
                continue
            print(plain_text(answer))
            print()
    finally:
        if readline is not None:
            with contextlib.suppress(OSError):
                history_file.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(history_file)
