"""Shared test helpers: paths, running the CLI in-process, copying registers."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.testing
from typer.main import get_command
from typer.testing import CliRunner

from qnctr.cli import app

# typer's CliRunner rebuilds the whole command tree on every invoke (tens of ms); the
# test suite runs thousands of invocations, so build it once and hand that one back.
COMMAND = get_command(app)
typer.testing._get_command = lambda given: COMMAND if given is app else get_command(given)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
SOURCE = ROOT.parent / "shared" / "source" / "131-CTr-UBND-2021.txt"
AS_OF = "2026-11-24"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False, prog_name="qnctr")
    return Result(result.exit_code, result.stdout, result.stderr)


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
