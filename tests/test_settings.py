"""Settings: every documented key is read, and the defaults hold where the environment is bare."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, Settings


def test_every_env_example_key_is_a_setting_and_documented() -> None:
    keys = re.findall(r"^([A-Z][A-Z0-9_]+)=", (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8"), re.M)
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    fields = {name.upper() for name in Settings.model_fields} | {"CADRE_BOT_DATA_DIR", "CADRE_BOT_SEEDS_DIR", "CADRE_BOT_CACHE_DIR"}
    assert keys and set(keys) <= fields
    assert [key for key in keys if f"`{key}`" not in readme] == []


def test_cache_dir_follows_xdg_and_survives_a_missing_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CADRE_BOT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert Settings(_env_file=None).cache_dir == tmp_path / "cadre-bot"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert Settings(_env_file=None).cache_dir == Path(tempfile.gettempdir()) / "cadre-bot"
    monkeypatch.setenv("CADRE_BOT_CACHE_DIR", "  ")
    assert Settings(_env_file=None).cache_dir == Path(tempfile.gettempdir()) / "cadre-bot"
