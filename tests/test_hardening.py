"""Bounds and edges: output paths, Unicode, large progress folders, the lazy-import rule."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .support import AS_OF, ROOT, run_cli

HEAVY = ("docx", "docxtpl", "openpyxl", "jinja2", "ruamel")


def imported_after(*argv: str) -> tuple[int, set[str], str]:
    code = (
        "import atexit, sys\n"
        f"heavy = {HEAVY!r}\n"
        "atexit.register(lambda: print('HEAVY=' + ','.join(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))),"
        " file=sys.stderr))\n"
        "from qnctr.__main__ import run\n"
        f"sys.argv = ['qnctr', *{list(argv)!r}]\n"
        "run()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    line = next(x for x in proc.stderr.splitlines() if x.startswith("HEAVY="))
    return proc.returncode, {m for m in line[6:].split(",") if m}, proc.stdout


@pytest.mark.parametrize("argv", [
    ("--help",),
    ("status", "--agency", "Sở Nội vụ", "--as-of", AS_OF),
    ("overdue", "--as-of", AS_OF),
    ("validate",),
])
def test_everyday_commands_import_no_heavy_module(argv: tuple[str, ...]) -> None:
    code, heavy, out = imported_after(*argv)
    assert code == 0 and out
    assert heavy == set(), f"{argv[0]} imported {heavy}"


def test_the_lazy_import_check_can_see_heavy_modules(tmp_path: Path) -> None:
    code, heavy, _ = imported_after("report", "-p", "2026-H1", "--as-of", AS_OF, "-o", str(tmp_path / "r.docx"))
    assert code == 0 and {"docx", "docxtpl", "jinja2"} <= heavy


def test_output_into_an_unwritable_place_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, "-f", "md", "-o", "/proc/qnctr-report.md")
    assert result.code == 2 and "không ghi được" in result.err
    assert not Path("/proc/qnctr-report.md").exists()
    folder = tmp_path / "a-folder.docx"
    folder.mkdir()
    as_dir = run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, "-o", str(folder), "--force")
    assert as_dir.code == 2 and list(folder.iterdir()) == []


def test_decomposed_register_text_comes_out_composed(mini: Path) -> None:
    tasks = mini / "tasks.yaml"
    tasks.write_text(unicodedata.normalize("NFD", tasks.read_text(encoding="utf-8")), encoding="utf-8")
    out = run_cli("show", "1.a.1", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out
    text = json.loads(out)["text"]
    assert text == "Xong đúng hạn" and unicodedata.is_normalized("NFC", out)
    table = run_cli("status", "-a", "  sở   THỬ nghiệm ", "--data", str(mini), "--as-of", AS_OF).out
    assert unicodedata.is_normalized("NFC", table) and "Sở Thử Nghiệm" in table


def test_zero_width_and_rtl_marks_do_not_break_lookup_or_output(mini: Path) -> None:
    agencies = mini / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    marked = text.replace("name: Sở Ngân Quỹ", "name: Sở Ngân\u200b Quỹ\u202e")
    assert marked != text
    agencies.write_text(marked, encoding="utf-8")
    result = run_cli("status", "-a", "Sở Ngân Quỹ", "--data", str(mini), "--as-of", AS_OF, "-f", "json")
    assert result.code == 0 and json.loads(result.out)["agency"]["id"] == "so-b"  # the marks do not hide the name
    table = run_cli("status", "-a", "so-b", "--data", str(mini), "--as-of", AS_OF).out
    assert "Sở Ngân" in table and "\u202e" not in table  # a right-to-left override never reaches the terminal


def test_thousands_of_progress_files(tmp_path: Path) -> None:
    root = tmp_path / "big"
    shutil.copytree(ROOT / "tests/fixtures/mini", root)
    extra = "".join(f"- {{id: don-vi-{n}, name: Đơn vị {n}, kind: office}}\n" for n in range(2500))
    with (root / "agencies.yaml").open("a", encoding="utf-8") as f:
        f.write(extra)
    folder = root / "progress/2026-H1"
    for n in range(2500):
        (folder / f"don-vi-{n}.yaml").write_text(
            f"agency: don-vi-{n}\nperiod: 2026-H1\nsubmitted: 2026-06-10\ntasks:\n"
            f"  - {{task: \"1.a.3\", status: in_progress, result: \"Đơn vị {n}\"}}\n", encoding="utf-8")
    result = run_cli("validate", "--data", str(root), "--as-of", AS_OF, "-f", "json")
    payload = json.loads(result.out)
    assert payload["errors"] == 0
    assert sum(1 for d in payload["diagnostics"] if d["code"] == "no-role") == 2500
    shown = json.loads(run_cli("show", "1.a.3", "--data", str(root), "--as-of", AS_OF, "-f", "json").out)
    assert len(shown["history"]) == 1  # other agencies' reports are not so-a's history


def test_written_files_get_the_usual_permissions(mini: Path, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = tmp_path / "r.md"
        assert run_cli("report", "-p", "2026-H1", "-f", "md", "-o", str(out), "--data", str(mini), "--as-of", AS_OF).code == 0
        assert out.stat().st_mode & 0o777 == 0o644
        assert run_cli("record", "1.c.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(mini),
                       "--as-of", AS_OF).code == 0
        created = mini / "progress/2026/so-a.yaml"
        assert created.stat().st_mode & 0o777 == 0o644
        created.chmod(0o664)
        assert run_cli("record", "1.c.1", "-p", "2026", "-a", "so-a", "-s", "not_started", "--data", str(mini),
                       "--as-of", AS_OF).code == 0
        assert created.stat().st_mode & 0o777 == 0o664  # an existing file keeps its mode
    finally:
        os.umask(umask)


# --- round 2: data loss and writes where they must not go -----------------------------------


@pytest.mark.parametrize("command", [["report", "-p", "2026-H1", "-f", "md"], ["form", "-p", "2026", "-a", "so-a"]])
def test_force_never_replaces_what_is_not_a_regular_file(mini: Path, tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "pipe.out"
    os.mkfifo(fifo)
    device = Path("/dev/null")
    for target in (fifo, device):
        before = os.lstat(target)
        result = run_cli(*command, "-o", str(target), "--force", "--data", str(mini), "--as-of", AS_OF)
        assert result.code == 2 and "không phải tệp thông thường" in result.err
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)


def test_progress_folder_symlinked_outside_is_neither_read_nor_written(mini: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    shutil.move(str(mini / "progress"), outside)
    (mini / "progress").symlink_to(outside, target_is_directory=True)
    before = sorted(p.name for p in outside.rglob("*"))
    check = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert check.code == 1 and "symlink-outside" in check.out
    (outside / "2026-H1" / "so-a.yaml").unlink()
    result = run_cli("record", "1.c.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(mini), "--as-of", AS_OF)
    assert result.code != 0
    assert not (outside / "2026").exists()
    assert sorted(p.name for p in outside.rglob("*")) == [n for n in before if n != "so-a.yaml"]


def test_progress_for_a_period_that_has_not_begun_is_refused(mini: Path, tmp_path: Path) -> None:
    result = run_cli("record", "1.c.1", "-p", "2030", "-a", "so-a", "-s", "in_progress", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and "trước khi kỳ bắt đầu" in result.err and not (mini / "progress/2030").exists()
    form = run_cli("form", "-p", "2030", "-a", "so-a", "-o", str(tmp_path / "f.xlsx"), "--data", str(mini), "--as-of", AS_OF)
    assert form.code == 2 and "chưa bắt đầu" in form.err and not (tmp_path / "f.xlsx").exists()
    folder = mini / "progress/2030"
    folder.mkdir()
    (folder / "so-a.yaml").write_text("agency: so-a\nperiod: \"2030\"\nsubmitted: 2026-11-01\n"
                                      "tasks:\n  - {task: \"1.c.1\", status: done, completed: 2026-10-01}\n", encoding="utf-8")
    check = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert check.code == 1 and "early-report" in check.out


def test_replacing_an_entry_keeps_the_comment_before_the_next(mini: Path) -> None:
    path = mini / "progress/2026-H1/so-a.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('  - {task: "1.a.1", status: done, completed: 2026-05-01, result: Đã ban hành}\n',
                                 '  - task: "1.a.1"\n    status: done\n    result: Đã ban hành\n    completed: 2026-05-01\n'
                                 '    # Ghi chú của Ban: kiểm tra lại quý sau\n'), encoding="utf-8")
    # The comment hangs on the entry's last key; the update removes that very key.
    result = run_cli("record", "1.a.1", "-p", "2026-H1", "-a", "so-a", "-s", "in_progress", "--clear", "completed",
                     "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0, result.err
    new = path.read_text(encoding="utf-8")
    assert "    # Ghi chú của Ban: kiểm tra lại quý sau\n" in new
    assert new.index("Ghi chú của Ban") < new.index('"1.a.2"') and "completed: 2026-05-01" not in new


def _form(root: Path, tmp_path: Path, agency: str = "so-a") -> Path:
    out = tmp_path / f"form-{agency}.xlsx"
    result = run_cli("form", "-p", "2026-H1", "-a", agency, "-o", str(out), "--data", str(root), "--as-of", AS_OF)
    assert result.code == 0, result.err
    return out


def _tamper(form: Path, sheet: str, cell: str, value: object) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(form)
    wb[sheet][cell].value = value
    wb[sheet].protection.sheet = False
    wb.save(form)


@pytest.mark.parametrize(("sheet", "cell", "value", "says"), [
    ("_qnctr", "B3", "so-b", "cơ quan, kỳ báo cáo"),       # the identity: another agency's report
    ("_qnctr", "B4", "2026", "cơ quan, kỳ báo cáo"),       # another period
    ("Nhiệm vụ", "A3", "2.b.2", "danh sách mã"),           # a row's task id
    ("_qnctr_prefill", "D2", "Đã xong", "điền sẵn"),       # what the form claims was reported
])
def test_a_tampered_form_is_refused_and_nothing_is_written(mini: Path, tmp_path: Path, sheet: str, cell: str,
                                                           value: object, says: str) -> None:
    form = _form(mini, tmp_path)
    _tamper(form, "Nhiệm vụ", "F3", "Hoàn thành")
    _tamper(form, sheet, cell, value)
    before = {p: p.read_bytes() for p in (mini / "progress").rglob("*.yaml")}
    result = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and says in result.err and "_qnctr" in result.err
    assert {p: p.read_bytes() for p in (mini / "progress").rglob("*.yaml")} == before
    assert not (mini / "progress/2026-H1/so-b.yaml").exists()


def test_a_form_from_another_register_is_refused(mini: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(mini, other)
    form = _form(other, tmp_path)
    result = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and "chưa có khóa kiểm tra mẫu" in result.err and "git pull" in result.err
    (tmp_path / "own").mkdir()
    _form(mini, tmp_path / "own")  # now this register has a key of its own
    result = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and "do một sổ đăng ký khác tạo" in result.err


def test_the_form_key_stays_with_the_register_and_is_announced(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    first = run_cli("form", "-p", "2026-H1", "-a", "so-a", "-o", str(out), "--data", str(mini), "--as-of", AS_OF)
    key = mini / ".qnctr-form-key"
    assert "Đã tạo khóa kiểm tra mẫu" in first.out and key.stat().st_mode & 0o777 == 0o600
    assert key.read_text(encoding="ascii").strip() not in out.read_bytes().hex()
    again = run_cli("form", "-p", "2026-H1", "-a", "so-a", "-o", str(out), "--force", "--data", str(mini), "--as-of", AS_OF)
    assert "khóa" not in again.out and "mẫu báo cáo của Sở Thử Nghiệm" in again.out
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0


def test_a_register_that_cannot_be_written_keeps_its_key_in_the_users_config(mini: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import qnctr.intake.signing

    monkeypatch.setattr(qnctr.intake.signing, "_register_writable", lambda _: False)  # as the package's own copy
    out = tmp_path / "f.xlsx"
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = run_cli("form", "-p", "2026", "-a", "so-a", "-o", str(out), "--data", str(mini), "--as-of", AS_OF, env=env)
    assert result.code == 0, result.err
    keys = list((tmp_path / "config/qnctr/form-keys").iterdir())
    assert len(keys) == 1 and not (mini / ".qnctr-form-key").exists()
    assert str(keys[0]) in result.out and keys[0].stat().st_mode & 0o777 == 0o600


# --- round 2: hostile text ------------------------------------------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31mđỏ\x9b2J\u202eabc"
ESCAPES_YAML = r"\e]0;pwned\a\e[2J\e[31mđỏ\x9b2J\u202eabc"  # the same, as YAML escapes


def test_escape_sequences_never_reach_the_terminal(mini: Path) -> None:
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("text: Xong đúng hạn}", f'text: "Xong {ESCAPES_YAML}"}}')
                     .replace("title: Nhóm một", 'title: Nhóm một\n    "x\\e[2J": 1'), encoding="utf-8")
    checked = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    tasks.write_text(tasks.read_text(encoding="utf-8").replace('    "x\\e[2J": 1\n', ""), encoding="utf-8")
    shown = run_cli("show", "1.a.1", "--data", str(mini), "--as-of", AS_OF)
    status = run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF)
    as_json = run_cli("show", "1.a.1", "--data", str(mini), "--as-of", AS_OF, "-f", "json")
    for result in (checked, shown, status, as_json):
        for stream in (result.out, result.err):
            assert not any(c in stream for c in "\x1b\x07\x9b\u202e"), stream
    assert "\\x1b]0;pwned" in shown.out and "\\x1b[2J" in checked.out + checked.err
    assert json.loads(as_json.out)["text"] == f"Xong {ESCAPES}"  # JSON escapes them and keeps the value


_HOSTILE = st.text(alphabet=st.sampled_from([*"\x00\x07\x08\x0b\x0c\r\x1b\x7f\x9b\u202e\u2066\t\n\\", *"bfru01aệ \""]),
                   max_size=12)
_DATA = st.recursive(st.one_of(_HOSTILE, st.integers(), st.none(), st.booleans()),
                     lambda inner: st.one_of(st.lists(inner, max_size=4),
                                             st.dictionaries(_HOSTILE, inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(data=_DATA)
def test_printable_data_escapes_every_control_whether_it_walks_or_not(data: Any) -> None:
    """printable_data skips walking the strings when the data, as JSON, holds no control: that
    shortcut must give exactly what walking gives (controls, C1, bidi marks, backslashes)."""
    from qnctr.safe_text import map_strings, printable, printable_data

    assert printable_data(data) == map_strings(data, printable, keys=True)


def test_printable_data_escapes_each_control_alone() -> None:
    """Each character a terminal could act on, alone in otherwise clean data, as a value and as
    a key: the shortcut must notice every one."""
    from qnctr.safe_text import map_strings, printable, printable_data

    for code in [*range(0x00, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        for data in ({"a": [f"x{chr(code)}y"]}, {f"k{chr(code)}": 1}):
            assert printable_data(data) == map_strings(data, printable, keys=True), hex(code)


def test_csv_cells_never_start_a_formula(mini: Path) -> None:
    tasks = mini / "tasks.yaml"
    evil = ['=HYPERLINK(\\"http://x\\",\\"bấm\\")', "+cmd|' /C calc'!A0", "@SUM(1)", "-lệnh"]
    text = tasks.read_text(encoding="utf-8")
    for plain, bad in zip(["Xong đúng hạn", "Xong quá hạn", "Đang làm", "Chưa làm"], evil, strict=True):
        text = text.replace(f"text: {plain}}}", f'text: "{bad}"}}')
    tasks.write_text(text, encoding="utf-8")
    out = run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, "-f", "csv").out
    import csv
    import io

    cells = [c for row in csv.reader(io.StringIO(out.lstrip("\ufeff"))) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:2].isdigit())]
    assert "'=HYPERLINK(\"http://x\",\"bấm\")" in cells and "'-lệnh" in cells


def test_markdown_report_cannot_be_given_structure_or_html(mini: Path) -> None:
    path = mini / "progress/2026-H1/so-a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "result: Đang triển khai", 'result: "ok\\r# Tiêu đề giả\\r\\n<script>alert(1)</script><img src=x onerror=alert(1)> | ô"'),
        encoding="utf-8")
    md = run_cli("report", "-p", "2026-H1", "-a", "so-a", "-f", "md", "-o", "-", "--data", str(mini), "--as-of", AS_OF).out
    assert "<script>" not in md and "<img" not in md and "\r" not in md
    assert not any(line.startswith("# Tiêu đề giả") for line in md.splitlines())
    assert "ok<br># Tiêu đề giả<br>&lt;script>alert(1)&lt;/script>&lt;img src=x onerror=alert(1)> \\| ô" in md


# --- round 2: tracebacks and exhaustion ---------------------------------------------------------


def _errors_of(root: Path) -> tuple[int, str]:
    result = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    return result.code, result.out + result.err


@pytest.mark.parametrize("name", ["9999", "1999", "0000-H1"])
def test_a_period_folder_outside_the_calendar_is_an_error(mini: Path, name: str) -> None:
    folder = mini / "progress" / name
    folder.mkdir()
    (folder / "so-a.yaml").write_text(f'agency: so-a\nperiod: "{name}"\nsubmitted: 2026-01-01\n', encoding="utf-8")
    code, out = _errors_of(mini)
    assert code == 1 and f"progress/{name}:1:1: error [bad-period]" in out


def test_a_huge_integer_is_refused_not_converted(mini: Path) -> None:
    targets = mini / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace("value: 90,", "value: " + "9" * 5001 + ","), encoding="utf-8")
    code, out = _errors_of(mini)
    assert code == 1 and "targets.yaml:7:" in out and "[bad-number]" in out


def test_symlink_loops_and_fifos_are_refused_without_hanging(mini: Path) -> None:
    period = mini / "progress/2026-H1"
    (period / "loop.yaml").symlink_to(period / "loop2.yaml")
    (period / "loop2.yaml").symlink_to(period / "loop.yaml")
    (mini / "progress/2025").symlink_to(mini / "progress/2025")
    os.mkfifo(period / "so-b.yaml")
    proc = subprocess.run([sys.executable, "-m", "qnctr", "validate", "--data", str(mini), "--as-of", AS_OF],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "loop.yaml:1:1: error [broken-symlink]" in proc.stdout and "so-b.yaml:1:1: error [not-a-file]" in proc.stdout


def test_a_yml_beside_a_yaml_for_the_same_report_is_refused(mini: Path) -> None:
    period = mini / "progress/2026-H1"
    shutil.copy(period / "so-a.yaml", period / "so-a.yml")
    code, out = _errors_of(mini)
    assert code == 1 and "so-a.yml:1:1: error [duplicate-report]" in out


@pytest.mark.parametrize("argv", [("status", "--as-of", "0001-01-01"), ("status", "--as-of", "9999-12-31"),
                                  ("upcoming", "-w", "300", "--as-of", "9999-06-01")])
def test_absurd_dates_are_usage_errors(argv: tuple[str, ...]) -> None:
    result = run_cli(*argv)
    assert result.code == 2 and "nằm ngoài khoảng" in result.err


@pytest.mark.parametrize("argv", [("status", "-a", "so-noi-vu", "--as-of", AS_OF), ("status", "-f", "json", "--as-of", AS_OF),
                                  ("schema",)])
def test_an_output_that_cannot_be_written_is_a_message(argv: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "qnctr", *argv],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "không ghi được" in proc.stderr


@pytest.mark.parametrize("argv", [("--no-cache", "status"), ("--no-cache", "status", "-f", "json"), ("status",),
                                  ("--no-cache", "show", "1.a.1"), ("agencies",)])
def test_a_reader_that_stops_early_is_no_error(mini: Path, argv: tuple[str, ...]) -> None:
    """`qnctr status | head`: the reader closed standard output before qnctr wrote; that is no
    error, on the command line's path as on the quick one (typer made the first exit 1)."""
    readable, writable = os.pipe()
    os.close(readable)  # closed before anything is written: every write meets a broken pipe
    try:
        proc = subprocess.run([sys.executable, "-m", "qnctr", *argv, "--data", str(mini), "--as-of", AS_OF],
                              stdout=writable, stderr=subprocess.PIPE, text=True, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        os.close(writable)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr


@pytest.mark.parametrize("errno_", [28, 30])  # ENOSPC, EROFS
def test_a_failed_write_names_the_file_and_leaves_nothing_behind(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  errno_: int) -> None:
    import qnctr.record

    def broken(path: Path, data: bytes) -> None:
        raise OSError(errno_, os.strerror(errno_))

    monkeypatch.setattr(qnctr.record, "atomic_write", broken)
    result = run_cli("record", "1.c.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(mini), "--as-of", AS_OF)
    reason = {28: "đĩa đã đầy", 30: "ổ đĩa chỉ cho đọc"}[errno_]  # the system's reason, in Vietnamese
    assert result.code == 2 and "progress/2026/so-a.yaml" in result.err and reason in result.err
    assert "None" not in result.err and not (mini / "progress/2026").exists()
    before = (mini / "progress/2026-H1/so-a.yaml").read_bytes()
    result = run_cli("record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--result", "x", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and (mini / "progress/2026-H1/so-a.yaml").read_bytes() == before


# --- round 2: templates are bounded ----------------------------------------------------------------

TEMPLATE_ATTACKS = {
    "{% for i in range(10**9) %}{% endfor %}": "vượt giới hạn",
    "{% include 'khac.md.j2' %}": "include, import hay extends",
    "{% extends 'khac.md.j2' %}": "include, import hay extends",
    "{% import 'khac.md.j2' as k %}": "include, import hay extends",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}": "lồng nhau quá sâu",
    "{{ 'a' * 10**10 }}": "vượt giới hạn",
    "{{ 'a'.center(10**9) }}": "vượt giới hạn",
    "{{ 'a' | center(10**9) }}": "vượt giới hạn",
    "{% set a = 'a' * 5000000 %}{{ (a ~ a ~ a) | replace('a', a) }}": "bộ nhớ",
    "{% set n = 10**9 %}{{ 7 ** n }}": "vượt giới hạn",
}


@pytest.mark.parametrize("body", list(TEMPLATE_ATTACKS))
def test_a_hostile_template_is_a_message_not_a_hang(tmp_path: Path, body: str) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text(body, encoding="utf-8")
    result = run_cli("report", "-p", "2026-H1", "-f", "md", "-t", str(template), "-o", "-", "--as-of", AS_OF)
    assert result.code == 2 and TEMPLATE_ATTACKS[body] in result.err and str(template) in result.err


def test_a_template_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import qnctr.render.templates

    monkeypatch.setattr(qnctr.render.templates, "TEMPLATE_SECONDS", 1)
    template = tmp_path / "t.md.j2"
    template.write_text("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", encoding="utf-8")
    result = run_cli("report", "-p", "2026-H1", "-f", "md", "-t", str(template), "-o", "-", "--as-of", AS_OF)
    assert result.code == 2 and "quá 1 giây" in result.err


def test_a_hostile_docx_template_is_bounded_too(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("{{ 'a' * 10**10 }}")
    template = tmp_path / "t.docx"
    doc.save(str(template))
    out = tmp_path / "r.docx"
    result = run_cli("report", "-p", "2026-H1", "-t", str(template), "-o", str(out), "--as-of", AS_OF)
    assert result.code == 2 and "vượt giới hạn" in result.err and not out.exists()


# --- round 2: Excel files that would exhaust the machine ---------------------------------------


def _bomb_timing(mini: Path, path: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    import time

    # VmHWM (peak resident memory) of this process alone: ru_maxrss would carry pytest's own
    # size across fork and exec.
    started = time.monotonic()
    code = ("import sys\nfrom qnctr.__main__ import run\n"
            f"sys.argv = ['qnctr', 'import', {str(path)!r}, '--data', {str(mini)!r}, '--as-of', {AS_OF!r}]\n"
            "try:\n    run()\nfinally:\n"
            "    peak = [x for x in open('/proc/self/status') if x.startswith('VmHWM')][0].split()[1]\n"
            "    print('MAXRSS=' + peak, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    rss = int(next(x for x in proc.stderr.splitlines() if x.startswith("MAXRSS="))[7:])
    return proc, time.monotonic() - started, rss


def _form_with(mini: Path, tmp_path: Path, change: Callable[[Any], None]) -> Path:
    from openpyxl import load_workbook

    form = _form(mini, tmp_path)
    wb = load_workbook(form)
    change(wb)
    wb.save(form)
    return form


def test_a_far_away_cell_is_refused_fast(mini: Path, tmp_path: Path) -> None:
    form = _form_with(mini, tmp_path, lambda wb: wb["Nhiệm vụ"].cell(1048576, 16384, "x"))
    proc, seconds, rss_kb = _bomb_timing(mini, form)
    assert proc.returncode == 2 and "XFD1048576" in proc.stderr and "Traceback" not in proc.stderr
    assert seconds < 5 and rss_kb < 300 * 1024


def test_a_shared_strings_bomb_is_refused_before_parsing(mini: Path, tmp_path: Path) -> None:
    import zipfile

    form = _form(mini, tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     + b"<si><t>" + b"A" * (200 * 2**20) + b"</t></si></sst>")
    assert bomb.stat().st_size < 4 * 2**20
    proc, seconds, rss_kb = _bomb_timing(mini, bomb)
    assert proc.returncode == 2 and "sharedStrings.xml" in proc.stderr
    assert seconds < 5 and rss_kb < 300 * 1024


def test_a_million_row_form_is_refused_fast(mini: Path, tmp_path: Path) -> None:
    import zipfile

    form = _form(mini, tmp_path)
    big = tmp_path / "big.xlsx"
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>1.a.1</t></is></c></row>' % (n, n)
                    for n in range(3, 1_000_003))
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", rows + b"</sheetData>")
            dst.writestr(item, data)
    proc, seconds, rss_kb = _bomb_timing(mini, big)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "quá" in proc.stderr
    assert seconds < 5 and rss_kb < 300 * 1024


# --- round 2: wrong or unclear results ---------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "code"), [
    ("value: 92.5,", "value: .nan,", "không nhận nan"),
    ("value: 92.5,", "value: -.inf,", "không nhận nan"),
    ("status: suspended, result: Văn bản cấp trên thay đổi", 'status: suspended, result: "  \\u200b "', "để trống"),
    ("completed: 2026-05-01", "completed: 0001-01-01", "nằm ngoài khoảng"),
    ("completed: 2026-05-01", "completed: 1899-12-31", "nằm ngoài khoảng"),
])
def test_values_no_report_can_hold_are_refused(mini: Path, old: str, new: str, code: str) -> None:
    path = mini / "progress/2026-H1/so-a.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    check, out = _errors_of(mini)
    assert check == 1 and code in out
    targets = run_cli("targets", "-f", "json", "--data", str(mini), "--as-of", AS_OF)
    assert targets.code == 1 and "NaN" not in targets.out


@pytest.mark.parametrize("reason", ["   ", "\u200b", " \ufeff "])
def test_a_blank_reason_is_no_reason(mini: Path, reason: str) -> None:
    result = run_cli("record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "-s", "suspended", "--result", reason,
                     "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and "để trống" in result.err


@pytest.mark.parametrize(("day", "column", "says"), [((1899, 12, 31), "G", "không phải ngày"),  # Excel's day 0
                                                     ((1900, 1, 1), "G", "nằm ngoài khoảng")])
def test_an_excel_day_zero_in_the_form_is_refused_naming_the_cell(mini: Path, tmp_path: Path, day: tuple[int, int, int],
                                                                  column: str, says: str) -> None:
    from datetime import datetime

    row = 0

    def fill(wb: Any) -> None:
        nonlocal row
        ws = wb["Nhiệm vụ"]
        row = next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == "1.c.1")
        ws.cell(row, 6).value = "Hoàn thành"
        ws.cell(row, 7).value = datetime(*day)

    form = _form_with(mini, tmp_path, fill)
    result = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and f"Nhiệm vụ!{column}{row}" in result.err and says in result.err


def test_schema_out_on_a_full_disk_leaves_no_empty_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import qnctr.atomic

    def full(*_: Any) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(qnctr.atomic.os, "fsync", full)
    result = run_cli("schema", "-o", str(tmp_path))
    assert result.code == 2 and "agencies.schema.json" in result.err and "đĩa đã đầy" in result.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_output_a_stream_cannot_encode_comes_out_in_utf8(encoding: str) -> None:
    """Redirected to a file on Windows, standard output has the ANSI code page (cp1252), which
    has no 'ệ'; so has a Latin-1 locale. The first line of a status ended in a traceback; it is
    written in UTF-8 instead, answers and messages alike, the CSV with its byte-order mark."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT), "QNCTR_CACHE": "0"}

    def run(*argv: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "qnctr", *argv, "--as-of", AS_OF], capture_output=True, env=env,
                              timeout=120, cwd=ROOT)

    status = run("status", "-a", "Sở Nội vụ")
    assert status.returncode == 0, status.stderr.decode("utf-8", "replace")
    assert status.stdout.decode("utf-8").startswith("Sở Nội vụ — tình hình đến ngày 24/11/2026\n")
    unknown = run("status", "-a", "không có")
    assert unknown.returncode == 2 and b"Traceback" not in unknown.stderr
    assert unknown.stderr.decode("utf-8").startswith("qnctr: không tìm thấy cơ quan 'không có'")
    table = run("overdue", "-f", "csv")
    assert table.returncode == 0 and table.stdout.decode("utf-8").startswith("\ufeffkind,")


def test_a_file_is_written_whole_where_files_have_no_modes_and_folders_no_fsync(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows: os has no fchmod, and a folder cannot be opened to be synced. The report,
    the form and the register's files are still replaced whole (temp file, fsync, os.replace)."""
    from qnctr import atomic

    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.delattr(os, "fchmod")
    real_open = os.open

    def no_folders(path: Any, flags: int, *args: Any) -> int:
        if os.path.isdir(path):
            raise PermissionError(13, "Access is denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_folders)
    target = tmp_path / "bao-cao.md"
    target.write_text("cũ", encoding="utf-8")
    atomic.atomic_write(target, "mới — đủ".encode())
    assert target.read_text(encoding="utf-8") == "mới — đủ"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.md"]  # no temp file left
