"""One typed settings object, read from the environment and `.env`, built once and passed down."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
CALIBRATION_SET = PACKAGE_DIR / "data" / "calibration.jsonl"
ANSWER_MODEL_FILE = PACKAGE_DIR / "data" / "answer_model.json"  # written by `python -m bot.train_answer_model`
# The hand-tuned rules' refusal threshold, calibrated with `cadre-bot eval bot/data/calibration.jsonl --calibrate`
# (see README): the default wherever the answer model does not run (another embedding space, no model file).
RULES_MIN_CONFIDENCE = 0.49
# The rules' confidence from which a refusal still offers related reading (the material is on topic), wherever the
# rules answer: without a model, and for questions about a document's opening or conclusion, which the model never
# learned. `EMBEDDING_BACKEND=none cadre-bot eval cmrc2018.jsonl --part calibrate --calibrate` chooses it.
RULES_RELATED_CONFIDENCE = 0.415


def shipped_seeds_dir() -> Path:
    """The seed essay beside the code: `bot/seed_documents` in an installed package, `seeds/` in a checkout."""
    installed = PACKAGE_DIR / "seed_documents"
    return installed if installed.is_dir() else PROJECT_ROOT / "seeds"


def default_cache_dir() -> Path:
    """The user's cache folder (XDG), shared by every data dir: what it holds is derived from packages."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no account entry, as in some containers
            # A folder of this user's own: in a shared temp dir another user could plant a graph we would load.
            return Path(tempfile.gettempdir()) / f"cadre-bot-{os.getuid()}"
    return Path(base) / "cadre-bot"


def parse_admin_ids(value: str) -> list[int]:
    """Telegram user ids separated by commas and/or spaces; anything else is a configuration error."""
    parts = [part for part in re.split(r"[,\s，]+", value.strip()) if part]
    bad = [part for part in parts if not re.fullmatch(r"-?\d+", part)]
    if bad:
        raise ValueError(f"ADMIN_IDS must be Telegram user ids separated by commas or spaces, not {bad[0]!r}")
    return [int(part) for part in parts]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(Path("data"), validation_alias=AliasChoices("CADRE_BOT_DATA_DIR", "data_dir"))
    seeds_dir: Path | None = Field(None, validation_alias=AliasChoices("CADRE_BOT_SEEDS_DIR", "seeds_dir"))
    cache_dir: Path = Field(default_factory=default_cache_dir, validation_alias=AliasChoices("CADRE_BOT_CACHE_DIR", "cache_dir"))

    embedding_backend: Literal["e5", "sentence-transformers", "none"] = "e5"  # a misspelt one is an error, not BM25 alone
    embedding_model: str | None = None
    chroma_host: str | None = None
    chroma_port: int = 8000

    # Unset: the running scorer's own threshold, the answer model's (chosen on CMRC's calibrate part, in
    # bot/data/answer_model.json) in the embedding space it was trained in, RULES_MIN_CONFIDENCE elsewhere.
    answer_min_confidence: float | None = Field(None, ge=0.0, le=1.0)
    retrieval_top_k: int = Field(20, ge=1, le=100)

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    admin_ids: Annotated[list[int], NoDecode] = []

    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443

    rate_limit_count: int = Field(10, ge=1)
    rate_limit_window_s: float = Field(60.0, gt=0)

    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    llm_timeout_s: float = Field(20.0, gt=0)

    # Learners' 「题目有误」 reports that retire a quiz item from every round (issue 14).
    quiz_reports_to_retire: int = Field(3, ge=1)

    log_level: str = "INFO"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_admin_ids(value)
        if isinstance(value, int):
            return [value]
        return value

    @field_validator(
        "chroma_host", "embedding_model", "llm_base_url", "llm_model", "webhook_url",
        "telegram_bot_token", "webhook_secret", "llm_api_key", "seeds_dir", "answer_min_confidence", mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("embedding_backend", mode="before")
    @classmethod
    def _backend_name(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _blank_is_default(cls, value: object) -> object:
        return default_cache_dir() if isinstance(value, str) and not value.strip() else value

    @property
    def llm_enabled(self) -> bool:
        """LLM answers are on when both a server and a model are named; the key is optional (local servers)."""
        return bool(self.llm_base_url and self.llm_model)

    def resolved_seeds_dir(self) -> Path:
        """CADRE_BOT_SEEDS_DIR if set, else the seed essay shipped with the package."""
        return self.seeds_dir if self.seeds_dir is not None else shipped_seeds_dir()
