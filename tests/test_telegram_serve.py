"""`cadre-bot serve` as a real process against the fake Bot API: start-up, secrets, webhook, load."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.load import burst
from tests.telegram_fake import FakeBotApi

USER = 1001


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, bot: ServedBot, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert bot.process.poll() is None and time.monotonic() < deadline, bot.log
            time.sleep(0.1)


class ServedBot:
    def __init__(self, process: subprocess.Popen, log_path: Path, env: dict[str, str]) -> None:
        self.process = process
        self.log_path = log_path
        self.env = env

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def serve(fake_telegram: FakeBotApi, seeded_e5_dir: Path, tmp_path: Path) -> Iterator:
    """Start `python -m bot serve` on a copy of the seeded knowledge base; stopped after the test."""
    started: list[ServedBot] = []

    def start(ready: bool = True, **env_overrides: str) -> ServedBot:
        data_dir = tmp_path / f"data{len(started)}"
        shutil.copytree(seeded_e5_dir, data_dir)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CADRE_BOT_", "EMBEDDING_", "CHROMA_", "WEBHOOK_", "TELEGRAM_"))}
        env.update(
            {
                "TELEGRAM_BOT_TOKEN": fake_telegram.token,
                "TELEGRAM_API_URL": fake_telegram.root_url,
                "CADRE_BOT_DATA_DIR": str(data_dir),
                "CADRE_BOT_SEEDS_DIR": str(SEEDS),
                "LOG_LEVEL": "INFO",
                **env_overrides,
            }
        )
        log_path = tmp_path / f"serve{len(started)}.log"
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            env=env,
            stdout=log_path.open("w"),
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
        bot = ServedBot(process, log_path, env)
        started.append(bot)
        if ready:
            fake_telegram.wait_for(lambda: fake_telegram.commands or process.poll() is not None, timeout=60, description="setMyCommands")
            assert process.poll() is None, bot.log
        return bot

    yield start
    for bot in started:
        bot.stop()


def test_serve_answers_and_never_logs_the_token(fake_telegram: FakeBotApi, serve) -> None:
    bot = serve()
    descriptions = {c["command"]: c["description"] for c in fake_telegram.commands}
    assert descriptions["docs"] == "查看学习资料"
    fake_telegram.inject_text(USER, "/start")
    fake_telegram.inject_text(USER, "干部选拔任用要坚持什么原则？")
    welcome, answer = fake_telegram.wait_for_messages(USER, 2, timeout=30)
    assert "学习助手" in welcome["text"]
    assert "坚持德才兼备、以德为先的原则" in answer["text"]
    fake_telegram.wait_for(lambda: '"event": "question"' in bot.log, timeout=10, description="question log line")
    assert bot.stop() == 0, bot.log
    log = bot.log
    question_line = next(line for line in log.splitlines() if '"event": "question"' in line)
    record = json.loads(question_line[question_line.index("{") :])
    assert record["user_id"] == USER and record["refused"] is False and record["sources"]
    secret = fake_telegram.token.split(":")[1]
    assert secret not in log, "the bot token must never reach the logs"
    assert "getUpdates" in log or "HTTP" not in log


def test_serve_refuses_to_start_without_a_valid_token(serve) -> None:
    bot = serve(ready=False, TELEGRAM_BOT_TOKEN="not-a-token")
    assert bot.process.wait(timeout=30) != 0
    assert "TELEGRAM_BOT_TOKEN 格式不对" in bot.log


def test_serve_without_a_reachable_bot_api_is_one_line(serve) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    bot = serve(ready=False, TELEGRAM_API_URL=f"http://127.0.0.1:{port}")
    assert bot.process.wait(timeout=60) != 0
    assert "无法连接 Telegram 服务器" in bot.log
    assert "Traceback" not in bot.log and len(bot.log.strip().splitlines()) <= 3, bot.log


def test_serve_reports_a_token_telegram_rejects(fake_telegram: FakeBotApi, serve) -> None:
    bot = serve(ready=False, TELEGRAM_BOT_TOKEN="123456789:AAWrongTokenWrongTokenWrongToken00")
    assert bot.process.wait(timeout=60) != 0
    assert "Telegram 拒绝了这个机器人令牌" in bot.log
    assert "AAWrongTokenWrongTokenWrongToken00" not in bot.log


def test_webhook_mode_checks_the_secret(fake_telegram: FakeBotApi, serve) -> None:
    port = free_port()
    secret = "webhook-secret-0123456789"
    bot = serve(
        ready=False,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram-hook",
        WEBHOOK_SECRET=secret,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    fake_telegram.wait_for(lambda: fake_telegram.webhook or bot.process.poll() is not None, timeout=60, description="setWebhook")
    assert bot.process.poll() is None, bot.log
    assert fake_telegram.webhook["url"] == f"http://127.0.0.1:{port}/telegram-hook"
    assert fake_telegram.webhook["secret_token"] == secret
    # The fake builds the update (and knows the chat); Telegram would POST it to the webhook.
    update = fake_telegram.inject_text(USER, "关心干部生活能增强队伍的什么？")

    def post(token: str) -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/telegram-hook",
            data=json.dumps(update).encode(),
            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": token},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    wait_for_port(port, bot)
    assert post("wrong-secret") == 403
    assert post(secret) == 200
    (answer,) = fake_telegram.wait_for_messages(USER, 1, timeout=30)
    assert "凝聚力和向心力" in answer["text"]
    assert secret not in bot.log


def test_load_against_the_served_process(fake_telegram: FakeBotApi, serve) -> None:
    """20 users send 5 different questions each at once to `cadre-bot serve`; prints p50/p95."""
    serve()
    print(f"\nserved load test: {burst(fake_telegram, first_user=3000)}")
