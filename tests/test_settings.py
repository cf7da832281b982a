"""Settings: every documented key is read, and the defaults hold where the environment is bare."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import PROJECT_ROOT, Settings, shipped_seeds_dir


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
    private = Path(tempfile.gettempdir()) / f"cadre-bot-{os.getuid()}"  # never a folder other users share
    assert Settings(_env_file=None).cache_dir == private
    monkeypatch.setenv("CADRE_BOT_CACHE_DIR", "  ")
    assert Settings(_env_file=None).cache_dir == private


@pytest.mark.parametrize(
    ("value", "ids"),
    [("123,456", [123, 456]), ("123 456", [123, 456]), (" 123 , 456 ,", [123, 456]), ("123，456", [123, 456]), ("", []), ("42", [42])],
)
def test_admin_ids_accept_commas_and_spaces(monkeypatch: pytest.MonkeyPatch, value: str, ids: list[int]) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    assert Settings(_env_file=None).admin_ids == ids


@pytest.mark.parametrize("value", ["123;456", "alice", "123 abc", "12.5"])
def test_admin_ids_that_are_not_a_list_of_ids_are_a_configuration_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    with pytest.raises(ValidationError, match="ADMIN_IDS"):
        Settings(_env_file=None)


def test_seeds_default_to_the_shipped_essay_wherever_the_command_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()  # an unrelated folder of the same name in the working directory is not used
    seeds = Settings(_env_file=None).resolved_seeds_dir()
    assert seeds == shipped_seeds_dir() and list(seeds.glob("*.txt"))
    monkeypatch.setenv("CADRE_BOT_SEEDS_DIR", str(tmp_path / "mine"))
    assert Settings(_env_file=None).resolved_seeds_dir() == tmp_path / "mine"
