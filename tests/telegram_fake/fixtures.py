"""Pytest fixtures for the fake Bot API; import them from ``tests/conftest.py``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .server import FakeBotApi

FAKE_TOKEN = "123456789:AAFakeTokenForOfflineTests-0123456789"


@pytest.fixture
def fake_telegram() -> Iterator[FakeBotApi]:
    """A fresh, started fake Bot API per test; PTB needs ``base_url``/``base_file_url`` from it."""
    with FakeBotApi(token=FAKE_TOKEN) as server:
        yield server
