"""Fixtures: writable copies of the shipped and the test register."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .support import DATA, HISTORY, MINI


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A writable copy of the shipped register."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A writable copy of the history register: 2024 to 2026-H1, a revised deadline and goal."""
    target = tmp_path / "history"
    shutil.copytree(HISTORY, target)
    return target


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder: none writes into the user's, none sees another's entries."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "qnctr"
