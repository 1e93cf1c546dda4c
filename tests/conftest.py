"""Fixtures: writable copies of the shipped and the test register."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .support import DATA, MINI


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
