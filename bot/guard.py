"""Recognise attempts to make the assistant ignore its materials or reveal its instructions.

Such questions are refused before retrieval: the documents can never answer them, and an optional
LLM must never see them. The patterns live in ingest/instructions.py, which also screens documents.
"""

from __future__ import annotations

from ingest.instructions import is_instruction_like


def is_injection(question: str) -> bool:
    """Whether the question tries to override the rules, even when spaced out or written with look-alikes."""
    return is_instruction_like(question)
