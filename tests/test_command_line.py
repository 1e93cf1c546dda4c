"""The command line as `qnctr` runs it (options.command_line: each command built when first asked
for) says exactly what typer's group built at once says: every help page at every width, the
usage errors, the suggestion for a mistyped command; and a help page or a usage error builds
only what it shows."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing

from qnctr.cli import app
from qnctr.options import Group, command_line

from .support import DATA, run_cli

COMMANDS = [info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
            for info in app.registered_commands]


def said(group: Any, args: list[str], width: int) -> tuple[int, str, str]:
    """Exit code, output and error of the group run as typer's CliRunner runs an app."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _: group)
        result = typer.testing.CliRunner().invoke(app, args, prog_name="qnctr", terminal_width=width,
                                                  env={"COLUMNS": str(width)})
    error = "" if result.exception is None or isinstance(result.exception, SystemExit) else \
        getattr(result.exception, "format_message", lambda: repr(result.exception))()
    return result.exit_code, result.output, error


ASKED = [["--help"], [], *([name, "--help"] for name in COMMANDS), ["status", "--bogus"], ["statu"], ["nosuch"],
         ["record", "4.b.7", "-p", "2026"], ["upcoming", "-w", "abc"], ["status", "-f", "xyz"], ["status", "extra"],
         ["--version"], ["programmes", "bogus"]]


@pytest.mark.parametrize("args", ASKED, ids=lambda a: " ".join(a) or "(nothing)")
def test_what_the_command_line_says_is_what_typer_built_at_once_says(args: list[str]) -> None:
    for width in (40, 80, 200):
        eager = typer.main.get_command(app)
        assert isinstance(eager, Group) and not eager.lazy
        assert said(command_line(app), args, width) == said(eager, args, width), (args, width)


def test_a_help_page_builds_no_command_and_a_usage_error_only_its_own() -> None:
    assert len(COMMANDS) >= 20
    group = command_line(app)
    said(group, ["--help"], 80)
    assert group.commands == {}
    said(group, ["status", "--bogus"], 80)
    assert list(group.commands) == ["status"]
    said(group, ["statu"], 80)  # a mistyped command: typer suggests among all, so all are built
    assert set(group.commands) == set(COMMANDS)


def test_the_help_says_which_folder_is_taken_for_the_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """./data is taken when it holds programmes/ (today's layout) or a tasks.yaml; the help said
    only the latter, so an analyst whose ./data has no tasks.yaml took it for unused."""
    said_help = " ".join(run_cli("--help", env={"COLUMNS": "200"}).out.split())
    assert "./data (nếu là sổ đăng ký: có programmes/ hoặc tasks.yaml)" in said_help
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    seen = run_cli("status", "--agency", "Sở Nội vụ", "-f", "json", "--as-of", "2026-11-24")
    assert seen.code == 0 and "sổ đi kèm gói" not in seen.err
