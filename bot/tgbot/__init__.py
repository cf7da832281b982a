"""The Telegram channel: python-telegram-bot handlers over the answer and document services."""
