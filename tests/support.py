"""What the tests share: paths, the day they run as, running the CLI in-process, a register
seen on a day. Plain helpers (fixtures are in conftest.py); no test imports another test file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import typer.testing
from typer.main import get_command
from typer.testing import CliRunner

from qnctr.cli import app
from qnctr.context import Context
from qnctr.load import Register, load_register

# typer's CliRunner rebuilds the whole command tree on every invoke (tens of ms); the
# test suite runs thousands of invocations, so build it once and hand that one back.
COMMAND = get_command(app)
typer.testing._get_command = lambda given: COMMAND if given is app else get_command(given)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PROGRAMME_131 = DATA / "programmes" / "131-ctr-ubnd"  # the shipped programme's own files
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
HISTORY = FIXTURES / "history"  # four periods of reports, a revised deadline and goal
SOURCE = ROOT / "docs" / "source" / "131-CTr-UBND-2021.txt"  # the programme as published, kept with the code
AS_OF = "2026-11-24"


@dataclass
class Result:
    code: int
    out: str
    err: str
    raw: bytes = b""  # standard output as written (a workbook)


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False, prog_name="qnctr")
    return Result(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


def ctx_at(day: str, root: Path = MINI) -> Context:
    """The register at `root` seen on `day` (loaded without the cross-file checks, which refuse a
    report sent after the day asked about)."""
    register, problems = load_register(root)
    assert not [p for p in problems if p.severity == "error"]
    return Context.build(register, date.fromisoformat(day))


def through_cache(register: Register, focus: str | None = None) -> Register:
    """The register as a warm run gets it: stored as the cache stores it, read back as it reads it
    (for a question about the agency `focus`, when given)."""

    from qnctr import cache

    head, body = cache._head(cache._text({}, register))
    return cache._register(register.root, head["register"], body, focus)


def entry_lines(path: Path) -> list[Any]:
    """A cache entry decoded line by line: its head, then each task and report entry."""
    import json

    return [json.loads(line) for line in path.read_bytes().split(b"\n")]


def same_register(a: Register, b: Register) -> bool:
    """Every record a query can see, equal (where each came from in its file aside)."""
    def seen(r: Register) -> tuple[object, ...]:
        return (r.programme, r.agencies, r.groups, r.tasks, r.task_group, r.targets, r.loaded, r.ignored,
                [(p.report, p.file) for p in r.reports])
    return seen(a) == seen(b)


def docx_text(path: Path) -> str:
    """A .docx as text: its paragraphs, then each table row with its cells joined by tabs."""
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += ["\t".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(parts)


def form_column(sheet: str, column: int | str) -> int:
    """A form column's number: given as a number, or by its name in the sheet's layout ("value")."""
    from qnctr.intake.layout import TARGET_LAYOUT, TASK_LAYOUT

    if isinstance(column, int):
        return column
    return (TASK_LAYOUT if sheet == "Nhiệm vụ" else TARGET_LAYOUT).number(column)


def put_in_force(tasks_file: Path) -> None:
    """A draft (from `init` or `ingest`) as someone leaves it once checked against its document:
    the '# KIỂM TRA:' comments taken out, then status: in_force."""
    text = re.sub(r"[ \t]+#\s*KIỂM TRA:[^\n]*", "", tasks_file.read_text(encoding="utf-8"))
    tasks_file.write_text(text.replace("status: draft", "status: in_force"), encoding="utf-8")
