"""sendPoll validation with the server's wording and the installed PTB's PollLimit values."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from telegram.constants import PollLimit

from .errors import bad_request
from .params import Params
from .validation import FormattedText, format_text


@dataclass(frozen=True)
class PollSpec:
    """A validated sendPoll request."""

    question: FormattedText
    options: list[FormattedText]
    poll_type: str
    is_anonymous: bool
    allows_multiple_answers: bool
    allows_revoting: bool
    correct_option_ids: list[int]
    explanation: FormattedText | None


def _poll_option_texts(params: Params, strict_ampersand: bool) -> list[FormattedText]:
    raw_options = params.json("options", "can't parse options JSON object")
    if not isinstance(raw_options, list):
        raise bad_request("expected an Array of String as options")
    if len(raw_options) < PollLimit.MIN_OPTION_NUMBER:
        raise bad_request(
            "poll must have at least one answer option"
            if PollLimit.MIN_OPTION_NUMBER == 1
            else f"poll must have at least {PollLimit.MIN_OPTION_NUMBER.value} options"
        )
    if len(raw_options) > PollLimit.MAX_OPTION_NUMBER:
        raise bad_request(f"poll can't have more than {PollLimit.MAX_OPTION_NUMBER.value} options")
    options = []
    for raw in raw_options:
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise bad_request("expected an option to be of type String")
        option_params = Params(
            {
                "text": raw["text"],
                "parse_mode": raw.get("text_parse_mode"),
                "entities": raw.get("text_entities"),
            }
        )
        option = format_text(
            option_params,
            text_key="text",
            parse_mode_key="parse_mode",
            entities_key="entities",
            strict_ampersand=strict_ampersand,
        )
        if not option.text:
            raise bad_request("text must be non-empty")
        if len(option.text) > PollLimit.MAX_OPTION_LENGTH:
            raise bad_request(f"poll options length must not exceed {PollLimit.MAX_OPTION_LENGTH.value}")
        options.append(option)
    return options


def _correct_option_ids(params: Params, option_count: int) -> list[int]:
    if params.has("correct_option_ids"):
        value = params.json("correct_option_ids", "can't parse correct option identifiers JSON object")
        if not isinstance(value, list):
            raise bad_request("expected an Array of correct option identifiers")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise bad_request("correct option identifier must be of type Number")
        ids = list(value)
    elif params.has("correct_option_id"):
        ids = [params.integer("correct_option_id", -1)]
    else:
        ids = []
    if not ids:
        raise bad_request("correct quiz option list must be non-empty")
    if any(a >= b for a, b in pairwise(ids)):
        raise bad_request("correct quiz option list must be increasing")
    if any(not 0 <= i < option_count for i in ids):
        raise bad_request("wrong quiz correct_option_id")
    return ids


def _explanation(params: Params, strict_ampersand: bool) -> FormattedText | None:
    explanation = format_text(
        params,
        text_key="explanation",
        parse_mode_key="explanation_parse_mode",
        entities_key="explanation_entities",
        strict_ampersand=strict_ampersand,
    )
    if not explanation.text:
        return None
    if len(explanation.text) > PollLimit.MAX_EXPLANATION_LENGTH:
        raise bad_request(f"poll explanation length must not exceed {PollLimit.MAX_EXPLANATION_LENGTH.value}")
    if explanation.text.count("\n") > PollLimit.MAX_EXPLANATION_LINE_FEEDS:
        raise bad_request(
            f"poll explanation can't have more than {PollLimit.MAX_EXPLANATION_LINE_FEEDS.value} line feeds"
        )
    return explanation


def poll(params: Params, *, chat_type: str, strict_ampersand: bool) -> PollSpec:
    """Validate sendPoll like the server: question, options, type, quiz answers, explanation."""
    question = format_text(
        params,
        text_key="question",
        parse_mode_key="question_parse_mode",
        entities_key="question_entities",
        strict_ampersand=strict_ampersand,
    )
    if not question.text:
        raise bad_request("text must be non-empty")
    if len(question.text) > PollLimit.MAX_QUESTION_LENGTH:
        raise bad_request(f"poll question length must not exceed {PollLimit.MAX_QUESTION_LENGTH.value}")
    options = _poll_option_texts(params, strict_ampersand)
    poll_type = params.text("type") or "regular"
    if poll_type not in ("regular", "quiz"):
        raise bad_request("unsupported poll type specified")
    is_quiz = poll_type == "quiz"
    correct = _correct_option_ids(params, len(options)) if is_quiz else []
    explanation = _explanation(params, strict_ampersand) if is_quiz else None
    if chat_type != "channel" and (
        params.boolean("members_only")
        or params.json("country_codes", "can't parse country codes JSON object")
    ):
        raise bad_request("poll voters can be restricted only in channel chats")
    return PollSpec(
        question=question,
        options=options,
        poll_type=poll_type,
        is_anonymous=params.boolean("is_anonymous", True),
        allows_multiple_answers=params.boolean("allows_multiple_answers"),
        allows_revoting=params.boolean("allows_revoting", not is_quiz),
        correct_option_ids=correct,
        explanation=explanation,
    )
