"""Errors raised for bad input, carrying a Chinese message for users and an English one for logs."""

from __future__ import annotations


class IngestError(Exception):
    """A document or request that cannot be ingested; nothing was written when this is raised."""

    def __init__(self, log_message: str, user_message: str) -> None:
        super().__init__(log_message)
        self.user_message = user_message
