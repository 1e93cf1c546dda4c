"""Property tests: no register a user can write makes qnctr crash or hang.

Random mutations of a register (deleted keys, swapped types, hostile Unicode, huge strings,
deep nesting, random bytes) go through validate, status, overdue, report --format md and site;
every run must end with exit 0, 1 or 2 and a message, never an exception. The default
run makes 5,000 cases; QNCTR_FUZZ_SCALE=10 makes ten times as many.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from qnctr.cli import app
from qnctr.load import load_register

from .support import AS_OF, MINI, same_register, through_cache

# The full fuzz (5,000 mutations, about two minutes on two cores) runs in CI; a developer's
# `pytest` runs a tenth of it, so the second command of the README stays quick.
# QNCTR_FUZZ_SCALE=1 runs the full one anywhere, =10 ten times more.
SCALE = float(os.environ.get("QNCTR_FUZZ_SCALE") or ("1" if os.environ.get("CI") else "0.1"))
FILES = ["agencies.yaml", "tasks.yaml", "targets.yaml", "progress/2026-H1/so-a.yaml", "progress/2024/so-cu.yaml"]
ORIGINAL = {name: (MINI / name).read_text(encoding="utf-8") for name in FILES}
DATA = {name: yaml.safe_load(text) for name, text in ORIGINAL.items()}
def fuzz(examples: int) -> settings:
    return settings(max_examples=int(examples * SCALE), deadline=None, suppress_health_check=list(HealthCheck),
                    database=None)

hostile_chars = st.sampled_from([
    "\u0301", "\u0303", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\x00", "\x07", "\x0b", "\x1b", "\t",
    "\r", "\n", "đ", "Đ", "ơ", "ư", "\ud7ff", "\U0001f600", "&", "<", ">", "{{", "}}", "{%", ":", "#", "'", '"',
    "- ", "*", "&a", "!!python/object", "%", "|", ">-", "@", "`",
])
hostile_text = st.one_of(
    st.text(max_size=40),
    st.lists(hostile_chars, max_size=20).map("".join),
    st.builds(lambda c, n: c * n, hostile_chars, st.integers(1, 200_000)),
    st.sampled_from(["2025.10", "1.a.1", "9.z.9", "so-a", "nhom", "2026-H1", "2026-02-30", "done", "NO", "yes",
                     "0x1F", "1e309", "2030.1.a", ".nan", "~", "null", ""]),
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.dates(), hostile_text,
)


def nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


values = st.one_of(
    scalars,
    st.lists(scalars, max_size=5),
    st.dictionaries(hostile_text, scalars, max_size=4),
    st.integers(1, 60).map(nested),
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, (*prefix, i))
    return out


PATHS = {name: paths(data) for name, data in DATA.items()}


def mutate(data: Any, path: tuple[Any, ...], op: str, value: Any) -> Any:
    if not path:
        return value if op == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if op == "delete":
        del parent[key]
    elif op == "replace":
        parent[key] = value
    elif op == "rename" and isinstance(parent, dict):
        parent[str(value)[:50] if value is not None else "khóa-lạ"] = parent.pop(key)
    elif op == "duplicate" and isinstance(parent, list):
        parent.append(parent[key])
    return data


VALID_SEEN = [0]


def run_all(root: Path) -> None:
    """validate, then the queries and the report when the register is valid."""
    runner = CliRunner()
    base = ["--data", str(root), "--as-of", AS_OF]
    first = runner.invoke(app, ["validate", *base], catch_exceptions=True)
    check(first, "validate")
    if first.exit_code != 0:
        return
    register, _ = load_register(root)
    assert same_register(through_cache(register), register), "the cache would give another register"
    queries = [["status", "--agency", "so-a"], ["overdue", "-f", "json"], ["upcoming", "-f", "csv"],
               ["targets"], ["report", "-p", "2026-H1", "-f", "md", "-o", "-"]]
    VALID_SEEN[0] += 1
    if VALID_SEEN[0] % 8 == 1:  # the whole website for one valid register in eight (it writes every page)
        queries.append(["site", "-o", str(root.parent / "site")])
    for args in queries:
        check(runner.invoke(app, [*args, *base], catch_exceptions=True), args[0])


def check(result: Any, what: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{what} raised {result.exception!r}")
    assert result.exit_code in (0, 1, 2), f"{what} exit {result.exit_code}"
    if result.exit_code:
        assert (result.stderr + result.stdout).strip(), f"{what} failed without a message"


def write_register(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@fuzz(3000)
@given(st.sampled_from(FILES), st.data(), st.sampled_from(["delete", "replace", "rename", "duplicate"]), values)
def test_structural_mutations_never_crash(name: str, data: st.DataObject, op: str, value: Any) -> None:
    import copy

    path = data.draw(st.sampled_from(PATHS[name]))
    mutated = mutate(copy.deepcopy(DATA[name]), path, op, value)
    try:
        text = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError):
        return  # not a YAML document PyYAML can write; nothing to feed qnctr
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "reg"
        write_register(root, {**ORIGINAL, name: text})
        run_all(root)


byte_edits = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.binary(max_size=12)), min_size=1, max_size=4)


@fuzz(2000)
@given(st.sampled_from(FILES), byte_edits)
def test_byte_mutations_never_crash(name: str, edits: list[tuple[int, int, bytes]]) -> None:
    raw = bytearray(ORIGINAL[name].encode("utf-8"))
    for pos, cut, insert in edits:
        at = pos % (len(raw) + 1)
        raw[at:at + cut] = insert
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "reg"
        write_register(root, {**ORIGINAL, name: bytes(raw)})
        run_all(root)


# --- the Excel form reader ----------------------------------------------------------------------

FORM_CELLS = st.one_of(
    scalars.filter(lambda v: not isinstance(v, str) or len(v) < 5_000),
    st.sampled_from(["Hoàn thành", "hoan thanh", "Dừng thực hiện", "Đạt", "Không đạt", "=1+1", "nan", "Infinity",
                     "1e400", "92,4%", "15/05/2026", "32/13/2026", "0001-01-01", "   ", "\u200b", "1.a.1", "9.z.9"]),
    st.datetimes(),
)
FORM_SHEETS = st.sampled_from(["Nhiệm vụ", "Chỉ tiêu", "_qnctr", "_qnctr_prefill", "Hướng dẫn"])


@functools.cache
def _made_form() -> tuple[Path, bytes]:
    """One register and one form for it, made once; each example works on copies."""
    base = Path(tempfile.mkdtemp(prefix="qnctr-form-fuzz-"))
    atexit.register(shutil.rmtree, base, True)
    write_register(base / "reg", ORIGINAL)
    form = base / "form.xlsx"
    made = CliRunner().invoke(app, ["form", "-p", "2026-H1", "-a", "so-a", "-o", str(form), "--data", str(base / "reg"),
                                    "--as-of", AS_OF], catch_exceptions=True)
    check(made, "form")
    return base / "reg", form.read_bytes()


@fuzz(400)
@given(st.lists(st.tuples(FORM_SHEETS, st.integers(1, 14), st.integers(1, 12), FORM_CELLS,
                          st.sampled_from(["General", "0.0%", "DD/MM/YYYY", "@"])), min_size=1, max_size=8))
def test_form_reader_never_crashes(edits: list[tuple[str, int, int, Any, str]]) -> None:
    """Any edit of any cell of a returned form ends in an import, a refusal naming the problem,
    or a message: never an exception, never a write that validate then rejects."""
    import io
    import warnings

    from openpyxl import load_workbook

    register, form_bytes = _made_form()
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "reg"
        shutil.copytree(register, root)
        wb = load_workbook(io.BytesIO(form_bytes))
        for sheet, row, col, value, number_format in edits:
            cell = wb[sheet].cell(row, col)
            try:
                cell.value = value
            except Exception:  # a value openpyxl itself refuses to store is not a form anyone can send
                continue
            cell.number_format = number_format
        form = Path(tmp) / "form.xlsx"
        try:
            wb.save(form)
        except Exception:
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of out-of-range date serials; qnctr names the cell
            result = runner.invoke(app, ["import", str(form), "--data", str(root), "--as-of", AS_OF],
                                   catch_exceptions=True)
        check(result, "import")
        after = runner.invoke(app, ["validate", "--data", str(root), "--as-of", AS_OF], catch_exceptions=True)
        check(after, "validate")
        assert after.exit_code == 0, after.stdout


@given(st.text(alphabet=st.sampled_from([" ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\x1c", "\x85", "a", "đ", "-",
                                         "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]), max_size=8))
def test_a_text_is_visible_exactly_when_something_but_space_and_invisible_marks_is_left(text: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    from qnctr.model import INVISIBLE, Text

    left = "".join(c for c in text if c not in INVISIBLE and not c.isspace())
    try:
        TypeAdapter(Text).validate_python(text)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == bool(left)
