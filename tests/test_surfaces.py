"""The everyday surfaces: what a new user meets in the terminal, in CSV and in messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .support import AS_OF, run_cli


def test_import_dry_run_refuses_the_packaged_register_as_the_import_does(mini: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import qnctr.register

    form = tmp_path / "f.xlsx"
    assert run_cli("form", "-p", "2026-H1", "-a", "so-a", "-o", str(form), "--data", str(mini), "--as-of", AS_OF).code == 0
    monkeypatch.setattr(qnctr.register, "packaged_root", lambda: mini)  # as if mini were the copy inside the package
    dry = run_cli("import", str(form), "--dry-run", "--data", str(mini), "--as-of", AS_OF)
    real = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert dry.code == real.code == 2
    assert "sổ đăng ký đi kèm gói cài đặt" in dry.err and dry.err == real.err


def _column_blocks(out: str, header: str, next_header: str | None) -> list[str]:
    """The text under one column, a row's lines joined: what a reader sees in that cell."""
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if header in line and (next_header is None or next_header in line))
    start = lines[head].index(header)
    end = lines[head].index(next_header) if next_header else None
    blocks: list[list[str]] = []
    for line in lines[head + 2:]:
        if not line.strip():
            break
        if line[1:2].strip():  # a new row: its first column (the id) is filled
            blocks.append([])
        if blocks:
            blocks[-1].append(line[start:end].strip())
    return [" ".join(p for p in block if p) for block in blocks]


@pytest.mark.parametrize("width", ["80", "120"])
def test_labels_are_never_cut_in_a_terminal(mini: Path, width: str) -> None:
    import json

    env = {"COLUMNS": width, "QNCTR_LAYOUT": "table"}
    data = json.loads(run_cli("targets", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out)
    labels = [i["state_label"] for t in data["targets"] for i in t["indicators"]]
    out = run_cli("targets", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, env=env).out
    assert max(len(line) for line in out.splitlines()) <= int(width)
    assert _column_blocks(out, "Đánh giá", None) == labels
    status = json.loads(run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out)
    out = run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, env=env).out
    got = _column_blocks(out, "Trạng thái", "Hạn")
    assert [g.split(" 1/")[0].split(" 0/")[0] for g in got] == [t["state_label"] for t in status["tasks"]]


def test_piped_output_is_never_cut(shipped: Path) -> None:
    out = run_cli("status", "-a", "Sở Nội vụ", "--data", str(shipped), "--as-of", AS_OF).out
    import json

    data = json.loads(run_cli("status", "-a", "Sở Nội vụ", "--data", str(shipped), "--as-of", AS_OF, "-f", "json").out)
    for task in data["tasks"]:
        line = next(x for x in out.splitlines() if x.startswith(task["id"] + " "))
        assert task["text"] in line and task["state_label"] in line and "…" not in line


def _csv(text: str) -> list[dict[str, str]]:
    import csv
    import io

    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_names_agencies_and_says_met_in_words(mini: Path) -> None:
    overdue = _csv(run_cli("overdue", "--data", str(mini), "--as-of", AS_OF, "-f", "csv").out)
    task = next(r for r in overdue if r["kind"] == "task")
    assert task["agency"] == "so-a" and task["agency_name"] == "Sở Thử Nghiệm"
    upcoming = _csv(run_cli("upcoming", "-w", "3650", "--data", str(mini), "--as-of", AS_OF, "-f", "csv").out)
    assert all(r["agency_name"] for r in upcoming if r["agency"])
    assert run_cli("observe", "2025.2.a", "-p", "2026-H1", "-a", "so-a", "--met", "--observed", "2025-12-31",
                   "--data", str(mini), "--as-of", AS_OF).code == 0  # 2025.2 is due in 2025: a figure up to then
    targets = _csv(run_cli("targets", "--data", str(mini), "--as-of", AS_OF, "-f", "csv").out)
    assert next(r for r in targets if r["id"] == "2025.2.a")["value"] == "Đạt"
    assert "True" not in {r["value"] for r in targets}


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_csv_opens_in_libreoffice_calc_with_the_vietnamese_intact(mini: Path, tmp_path: Path) -> None:
    import subprocess

    from openpyxl import load_workbook

    path = tmp_path / "qua-han.csv"
    path.write_text(run_cli("overdue", "--data", str(mini), "--as-of", AS_OF, "-f", "csv").out, encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir",
                    str(tmp_path), str(path)], check=True, capture_output=True, timeout=120)
    ws = load_workbook(tmp_path / "qua-han.xlsx").active
    header = [c.value for c in ws[1]]
    assert header[0] == "kind" and "agency_name" in header  # the BOM is not glued to the first header
    names = {row[header.index("agency_name")] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert "Sở Thử Nghiệm" in names


def test_the_summary_says_what_it_counts(mini: Path) -> None:
    import json

    data = json.loads(run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out)
    support = sum(1 for t in data["tasks"] if t["role"] == "support")
    counted = sum(data["summary"].values())
    assert support and counted == len(data["tasks"]) - support
    out = run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF).out
    assert f"Đếm {counted} nhiệm vụ cơ quan chịu trách nhiệm" in out and f"không đếm {support} nhiệm vụ phối hợp" in out
    whole = run_cli("status", "--data", str(mini), "--as-of", AS_OF).out
    assert "nhiệm vụ theo trạng thái chung" in whole


def test_global_options_go_before_or_after_the_command(mini: Path) -> None:
    before = run_cli("--data", str(mini), "--as-of", "24/11/2026", "status", "-a", "so-a", "-f", "json")
    after = run_cli("status", "-a", "so-a", "-f", "json", "--data", str(mini), "--as-of", AS_OF)
    assert before.code == after.code == 0 and before.out == after.out
    mixed = run_cli("--as-of", "2026-06-01", "status", "-f", "json", "--data", str(mini), "--as-of", AS_OF)
    assert '"as_of": "2026-11-24"' in mixed.out  # after the command wins
    again = run_cli("status", "-f", "json", "--data", str(mini))  # nothing carried over from the run before
    assert '"as_of": "2026-06-01"' not in again.out


def test_validate_shows_every_problem_of_a_file_in_one_run(mini: Path) -> None:
    path = mini / "progress/2026-H1/so-a.yaml"
    path.write_text('agency: so-a\nperiod: 2026-H1\nsubmitted: 2026-06-15\ntasks:\n'
                    '  - {task: "1.a.1", status: done, completed: 2026-05-32}\n'
                    '  - {task: "1.a.3", status: finished}\n'
                    '  - {task: "9.z.9", status: in_progress}\n', encoding="utf-8")
    out = run_cli("validate", "--data", str(mini), "--as-of", AS_OF).out
    errors = [line for line in out.splitlines() if ": error [" in line]
    assert [e.split(": error ")[0].rsplit("/", 1)[1] for e in errors] == ["so-a.yaml:5:46", "so-a.yaml:6:29", "so-a.yaml:7:12"]
    assert "[bad-date]" in errors[0] and "'finished'" in errors[1] and "[unknown-task]" in errors[2]
    assert "3 lỗi" in out


def test_a_raw_control_character_is_named_where_it_stands(mini: Path) -> None:
    path = mini / "progress/2026-H1/so-a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("result: Chưa xong", 'result: "Chưa\x01 xong"'),
                    encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "\x01" in text)
    out = run_cli("validate", "--data", str(mini), "--as-of", AS_OF).out
    assert f"so-a.yaml:{line}:" in out and "[bad-character]" in out and "#x0001" in out


@pytest.mark.parametrize(("argv", "says"), [
    (("record", "4.b.7", "-p", "2026"), "qnctr: thiếu tùy chọn --agency/-a"),
    (("status", "--bogus"), "qnctr: không có tùy chọn --bogus"),
    (("upcoming", "-w", "abc"), "qnctr: giá trị không hợp lệ cho --within/-w: phải là số nguyên"),
    (("upcoming", "-w", "99999"), "phải từ 0 đến 3650"),
    (("nosuch",), "qnctr: không có lệnh 'nosuch'"),
    (("status", "extra"), "qnctr: thừa đối số: extra"),
    (("status", "-f", "xyz"), "qnctr: giá trị không hợp lệ cho --format/-f: 'xyz' không thuộc 'table', 'json', 'csv'"),
])
def test_usage_errors_are_in_vietnamese_and_name_the_option(argv: tuple[str, ...], says: str) -> None:
    import os
    import subprocess
    import sys

    from .support import ROOT

    proc = subprocess.run([sys.executable, "-m", "qnctr", *argv], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr
    assert "Error" not in proc.stderr and "Usage" not in proc.stderr and "-h" in proc.stderr


@pytest.mark.parametrize("text", ["a: b: c\n", "a: [1, 2\n", 'a: "x\n', "a: @x\n", "{a: 1\n"])
def test_yaml_syntax_errors_are_in_vietnamese(mini: Path, text: str) -> None:
    (mini / "progress/2026-H1/so-a.yaml").write_text(text, encoding="utf-8")
    out = run_cli("validate", "--data", str(mini), "--as-of", AS_OF).out
    line = next(x for x in out.splitlines() if "[yaml-syntax]" in x)
    assert not any(word in line for word in ("found", "expected", "while", "allowed", "mapping")), line


@pytest.mark.parametrize("argv", [("-h",), ("status", "-h"), ("record", "--help"), ("import", "-h")])
def test_help_is_in_vietnamese(argv: tuple[str, ...]) -> None:
    result = run_cli(*argv)
    assert result.code == 0 and result.out.startswith("Cách dùng: qnctr")
    for english in ("Usage", "Options:", "Commands:", "Arguments:", "Show this message", "[required]",
                    "install-completion", "[OPTIONS]", "<str>", "<path>", "{task}", "{file}"):
        assert english not in result.out, english


def test_every_usage_line_names_its_arguments_without_braces() -> None:
    """typer writes a required argument as '{folder}': `qnctr init -h` began 'Cách dùng: qnctr
    init [TÙY CHỌN] {folder}'. Every command's names it in capitals, as import's 'FILE'."""
    from .support import COMMAND

    for name in COMMAND.list_commands(None):  # typer brings its own click: none to import
        usage = run_cli(name, "-h").out.splitlines()[0]
        assert usage.startswith(f"Cách dùng: qnctr {name} ") and not {"{", "}"} & set(usage), usage


def _in_a_terminal(*args: str, columns: int = 60) -> tuple[int, str]:
    """A command run in a pseudo-terminal that many columns wide: its exit code and what it showed."""
    import fcntl
    import os
    import pty
    import re
    import struct
    import subprocess
    import sys
    import termios

    from .support import ROOT

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "QNCTR_LAYOUT", "FORCE_COLOR", "TTY_COMPATIBLE")}
    proc = subprocess.Popen([sys.executable, "-m", "qnctr", *args], stdout=follower, stderr=follower, stdin=follower,
                            env={**env, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TERM": "xterm"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = proc.wait(timeout=60)
    os.close(leader)
    return code, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")


def test_a_real_terminal_of_80_columns_shows_whole_labels(mini: Path) -> None:
    """Through a pseudo-terminal sized 80x50, as a person at a terminal would run it."""
    code, out = _in_a_terminal("targets", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, columns=80)
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 80
    assert "Đánh giá" in out and _column_blocks(out, "Đánh giá", None)
    assert all(block in ("Đạt", "Không đạt", "Chưa có số liệu", "Đúng tiến độ", "Chậm tiến độ")
               for block in _column_blocks(out, "Đánh giá", None))


def test_a_message_wider_than_the_terminal_is_broken_between_words(mini: Path) -> None:
    # The terminal broke it at its edge: "cơ|quan", back at the first column, out of its list.
    args = ("record", "1.b.1", "-p", "2026", "-a", "so-b", "-s", "done", "--completed", "2026-11-20",
            "--data", str(mini), "--as-of", AS_OF)
    piped = run_cli(*args, env={"COLUMNS": "60", "TTY_COMPATIBLE": "1"})  # a CI log that asks for colours
    said = next(line for line in piped.err.splitlines() if "không có vai trò" in line)
    assert piped.code == 2 and said.endswith("ghi lại với --force") and len(said) > 60  # not a terminal: whole
    code, shown = _in_a_terminal(*args)
    assert code == 2
    lines = shown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  - so-b"))
    item = [lines[start], *(line for line in lines[start + 1:start + 3] if line.startswith("    "))]
    assert all(len(line) <= 60 for line in lines) and len(item) > 1
    assert " ".join(line.strip() for line in item) == said.strip()  # every word, none cut
    (mini / "tasks.yaml").write_text((mini / "tasks.yaml").read_text(encoding="utf-8").replace(
        "due: 2025-12-31", "due: 2025-13-31", 1), encoding="utf-8")
    code, shown = _in_a_terminal("validate", "-f", "github", "--data", str(mini), "--as-of", AS_OF)
    annotations = [line for line in shown.splitlines() if line.startswith("::")]
    said = json.loads(run_cli("validate", "-f", "json", "--data", str(mini), "--as-of", AS_OF).out)["diagnostics"]
    assert code == 1 and len(annotations) == len(said) >= 3  # a machine reads them: each on its line, whole
    assert any("title=bad-date::" in line and line.endswith("ví dụ 2026-06-19") for line in annotations)


def test_a_word_longer_than_the_line_stays_whole() -> None:
    from qnctr.session import fitted

    path = "/srv/so-dang-ky/" + "x" * 70 + ".yaml"
    assert fitted(f"qnctr: không đọc được {path}: không có quyền", 40).splitlines() == [
        "qnctr: không đọc được", f"  {path}:", "  không có quyền"]
