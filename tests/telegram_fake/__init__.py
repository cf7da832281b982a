"""Offline stand-in for Telegram's Bot API, driven by the real python-telegram-bot client.

Typical use::

    with FakeBotApi() as telegram:
        app = (
            ApplicationBuilder()
            .token(telegram.token)
            .base_url(telegram.base_url)
            .base_file_url(telegram.base_file_url)
            .build()
        )
        with ApplicationThread(app):
            telegram.inject_text(1001, "/ask 什么是监督抽查？")
            (reply,) = telegram.wait_for_messages(1001, 1)

A bot started as a subprocess gets ``telegram.root_url`` and ``telegram.token`` instead.
"""

from .app_runner import ApplicationThread
from .errors import ApiError
from .observation import ApiCall
from .params import Upload
from .server import FakeBotApi

__all__ = ["ApiCall", "ApiError", "ApplicationThread", "FakeBotApi", "Upload"]
