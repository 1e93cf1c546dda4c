"""Recording progress: round-trip writes, validation before writing, locks, atomic replacement."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from qnctr.yamldoc import read_document

from .support import AS_OF, run_cli

REPORT = "progress/2026-H1/so-a.yaml"


def record(root: Path, *args: str) -> tuple[int, str]:
    result = run_cli("record", "--data", str(root), "--as-of", AS_OF, *args)
    return result.code, result.out + result.err


def test_update_keeps_comments_order_and_other_entries_byte_for_byte(mini: Path) -> None:
    path = mini / REPORT
    original = "# Báo cáo của Sở — giữ dòng này\n" + path.read_text(encoding="utf-8").replace(
        '  - {task: "1.b.2", status: not_started}', '  - {task: "1.b.2", status: not_started}  # chú thích giữ lại')
    path.write_text(original, encoding="utf-8")
    code, out = record(mini, "1.a.3", "-p", "2026-H1", "-a", "so-a", "-s", "done", "--completed", "2026-06-10",
                       "--result", "Đã hoàn thành")
    assert code == 0, out
    new = path.read_text(encoding="utf-8")
    old_lines, new_lines = original.splitlines(), new.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert len(changed) == 1 and '"1.a.3"' in new_lines[changed[0]] and "done" in new_lines[changed[0]]
    assert new.count('"1.a.3"') == 1
    assert "# chú thích giữ lại" in new and new.startswith("# Báo cáo của Sở")


def test_new_entry_and_new_file_are_valid(mini: Path) -> None:
    code, out = record(mini, "1.c.1", "-p", "2026", "-a", "Sở Thử Nghiệm", "-s", "in_progress", "--result", "Đang làm")
    assert code == 0, out
    created = mini / "progress/2026/so-a.yaml"
    data = yaml.safe_load(created.read_text(encoding="utf-8"))
    assert data["period"] == "2026" and data["tasks"] == [{"task": "1.c.1", "status": "in_progress", "result": "Đang làm"}]
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0
    state = json.loads(run_cli("show", "1.c.1", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out)
    assert state["latest"]["period"] == "2026" and state["state"] == "in_progress"


def test_a_new_report_dated_today_says_so_and_says_when_that_makes_it_late(mini: Path, tmp_path: Path) -> None:
    """A report written without its sending date takes the day it is taken in, which decides
    whether it was on time: a form received on the 18th and imported on the 25th was recorded
    as sent late, and nothing said so. The date is now said, and that it counts as late."""
    def taken(*args: str, day: str) -> str:
        result = run_cli("record", "1.c.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--result", "x",
                         "--data", str(mini), "--as-of", day, *args)
        assert result.code == 0, result.err
        return result.out

    said = taken(day="2026-12-22")  # the year report is due by 19/12
    assert "ngày gửi báo cáo: 22/12/2026 (hôm nay" in said and "sau hạn 19/12/2026 3 ngày: tính là gửi muộn" in said
    again = taken(day="2026-12-23")  # the file is there: its date stays, and is not said again
    assert "ngày gửi báo cáo" not in again
    (mini / "progress/2026/so-a.yaml").unlink()
    said = taken("--submitted", "2026-12-18", day="2026-12-22")
    assert "ngày gửi báo cáo: 18/12/2026" in said and "muộn" not in said
    (mini / "progress/2026/so-a.yaml").unlink()
    early = taken(day="2026-12-10")
    assert "ngày gửi báo cáo: 10/12/2026 (hôm nay" in early and "muộn" not in early


def test_a_sending_date_moved_across_the_due_date_says_what_it_does(mini: Path) -> None:
    """A correction recorded with its own date (--submitted, or the day in a resent form) moved
    an on-time report's date past its due date: the report became late, its first date gone,
    and the change said only "15/06/2026 → 30/06/2026"."""
    def taken(day: str) -> str:
        result = run_cli("record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "-s", "in_progress", "--submitted", day,
                         "--data", str(mini), "--as-of", "2026-07-01")
        assert result.code == 0, result.err
        return result.out

    said = taken("2026-06-30")  # 2026-H1 is due by 19/06; the report was sent on 15/06
    assert "ngày gửi báo cáo: 15/06/2026 → 30/06/2026 (sau hạn 19/06/2026 11 ngày: báo cáo đã gửi đúng hạn nay tính " \
           "là gửi muộn" in said and "không kèm --submitted" in said
    assert "trong hạn 19/06/2026: báo cáo nay tính là gửi đúng hạn" in taken("2026-06-18")
    assert "(" not in next(line for line in taken("2026-06-17").splitlines() if "ngày gửi" in line)  # on time both


@pytest.mark.parametrize(("args", "message"), [
    (["1.a.3", "-s", "finished"], "'status' = 'finished' không hợp lệ; chỉ nhận 'not_started'"),
    (["1.a.3", "-s", "done"], "completed"),
    (["1.a.3", "-s", "suspended"], "lý do"),
    (["9.z.9", "-s", "in_progress"], "không có nhiệm vụ"),
    (["1.a.3", "-s", "done", "--completed", "2026-12-01"], "sau ngày gửi"),
    (["1.a.3", "-s", "in_progress", "--completed", "2026-05-01"], "completed"),
])
def test_bad_record_exits_2_and_leaves_the_file_byte_identical(mini: Path, args: list[str], message: str) -> None:
    path = mini / REPORT
    before = path.read_bytes()
    code, out = record(mini, *args[:1], "-p", "2026-H1", "-a", "so-a", *args[1:])
    assert code == 2 and message in out, out
    assert path.read_bytes() == before


def test_bad_period_and_agency_write_nothing(mini: Path) -> None:
    before = sorted(p.name for p in (mini / "progress").rglob("*"))
    assert record(mini, "1.a.3", "-p", "2026-H3", "-a", "so-a", "-s", "in_progress")[0] == 2
    assert record(mini, "1.a.3", "-p", "2026", "-a", "Sở Không Có", "-s", "in_progress")[0] == 2
    # A period whose data window closed before the programme was issued (2/7/2021): refused
    # before anything touches the disk, so no folder or lock file is left behind.
    code, out = record(mini, "1.a.3", "-p", "2019", "-a", "so-a", "-s", "in_progress", "--submitted", "2019-12-01")
    assert code == 2 and "kỳ báo cáo đầu tiên là năm 2021" in out
    assert sorted(p.name for p in (mini / "progress").rglob("*")) == before


@pytest.mark.parametrize(("typed", "code"), [
    ("Đang thực hiện", "in_progress"), ("dang thuc hien", "in_progress"), ("IN_PROGRESS", "in_progress"),
    ("Chưa triển khai", "not_started"), ("dừng thực hiện", "suspended"),
])
def test_status_may_be_typed_in_vietnamese(mini: Path, typed: str, code: str) -> None:
    written, out = record(mini, "1.a.3", "-p", "2026-H1", "-a", "so-a", "-s", typed, "--result", "Lý do")
    assert written == 0, out
    entries = yaml.safe_load((mini / REPORT).read_text(encoding="utf-8"))["tasks"]
    assert [e["status"] for e in entries if e["task"] == "1.a.3"] == [code]


def test_record_for_a_task_without_a_role_is_refused_unless_forced(mini: Path) -> None:
    code, out = record(mini, "1.a.3", "-p", "2026", "-a", "so-b", "-s", "in_progress")
    assert code == 2 and "không có vai trò" in out and "--force" in out
    code, out = record(mini, "1.a.3", "-p", "2026", "-a", "so-b", "-s", "in_progress", "--force")
    assert code == 0 and "không có vai trò" in out


def test_observe_value_and_met(mini: Path) -> None:
    ok = run_cli("observe", "2030.1.a", "-p", "2026", "-a", "so-b", "--value", "40", "--data", str(mini), "--as-of", AS_OF)
    assert ok.code == 0, ok.err
    again = run_cli("observe", "2030.1.a", "-p", "2026", "-a", "so-b", "--value", "45", "--data", str(mini), "--as-of", AS_OF)
    assert again.code == 0
    data = yaml.safe_load((mini / "progress/2026/so-b.yaml").read_text(encoding="utf-8"))
    assert data["targets"] == [{"indicator": "2030.1.a", "value": 45, "as_of": data["submitted"]}]
    wrong = run_cli("observe", "2025.2.a", "-p", "2026", "-a", "so-b", "--value", "1", "--data", str(mini), "--as-of", AS_OF)
    assert wrong.code == 2 and "định tính" in wrong.err
    met = run_cli("observe", "2025.2.a", "-p", "2026", "-a", "so-b", "--met", "--data", str(mini), "--as-of", AS_OF)
    assert met.code == 0
    both = run_cli("observe", "2025.2.a", "-p", "2026", "-a", "so-b", "--met", "--value", "2", "--data", str(mini))
    assert both.code == 2
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0


WRITER = """
import sys
from datetime import date
from pathlib import Path
from qnctr.load import load_register
from qnctr.record import Change, write_change
from qnctr.calendar import Period
root, n, loops = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
register, _ = load_register(root)
for i in range(loops):
    change = Change("so-a", register.calendar.parse("2026"))
    change.tasks.append({"task": "1.a.3", "status": "in_progress", "result": f"writer {n} pass {i} " + "x" * 2000})
    change.observations.append({"indicator": "2030.1.a", "value": n * 1000 + i, "as_of": date(2026, 6, 30)})
    if n >= 0:
        change.tasks.append({"task": "1.b.2", "status": "in_progress", "result": f"w{n}"})
    write_change(root, change, date(2026, 11, 24), register)
"""


def _writer_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


def test_sixteen_concurrent_recorders_all_land(mini: Path) -> None:
    tasks = ["1.a.1", "1.a.2", "1.a.3", "1.b.1", "1.b.2", "1.b.3", "1.c.1", "2.a.1"]
    procs = []
    for n in range(16):
        task = tasks[n % len(tasks)]
        agency_args = ["--period", "2026", "--agency", "so-a", "--status", "in_progress", "--result", f"người ghi {n}"]
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "qnctr", "record", task, *agency_args, "--data", str(mini), "--as-of", AS_OF],
            env=_writer_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read() if p.stderr else ""
    data = yaml.safe_load((mini / "progress/2026/so-a.yaml").read_text(encoding="utf-8"))
    results = {e["task"]: e["result"] for e in data["tasks"]}
    assert set(results) == set(tasks) and len(data["tasks"]) == len(tasks)
    # every writer landed: each task holds the text of the last of its two writers, none lost a write.
    assert all(r.startswith("người ghi ") for r in results.values())
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0


def test_sixteen_concurrent_writers_of_distinct_tasks_all_land(mini: Path) -> None:
    (mini / "tasks.yaml").write_text((mini / "tasks.yaml").read_text(encoding="utf-8").replace(
        '      - {id: "1.c.1", lead: [so-a], due: ongoing, source: III.1.c, text: Không báo cáo}\n',
        '      - {id: "1.c.1", lead: [so-a], due: ongoing, source: III.1.c, text: Không báo cáo}\n'
        + "".join(f'      - {{id: "1.d.{k}", lead: [so-a], due: ongoing, source: x, text: y}}\n' for k in range(1, 17))),
        encoding="utf-8")
    procs = [subprocess.Popen(
        [sys.executable, "-m", "qnctr", "record", f"1.d.{k}", "-p", "2026", "-a", "so-a", "-s", "in_progress",
         "--data", str(mini), "--as-of", AS_OF], env=_writer_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for k in range(1, 17)]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read() if p.stderr else ""
    data = yaml.safe_load((mini / "progress/2026/so-a.yaml").read_text(encoding="utf-8"))
    assert sorted(e["task"] for e in data["tasks"]) == sorted(f"1.d.{k}" for k in range(1, 17))


def test_writer_killed_mid_write_never_leaves_a_broken_file(mini: Path, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    path = mini / "progress/2026/so-a.yaml"
    seen_versions = set()
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, str(script), str(mini), str(round_), "200"], env=_writer_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.4 + 0.05 * round_)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if path.exists():
            doc, problems = read_document(path, str(path))
            assert doc is not None and not problems, problems
            assert {e["task"] for e in doc.data["tasks"]} == {"1.a.3", "1.b.2"}
            seen_versions.add(doc.data["targets"][0]["value"])
    assert path.exists() and len(seen_versions) >= 2
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 12  # a killed writer may leave its temp file; never the report itself


@pytest.mark.parametrize("value", ["yes", "No", "on", "off", "1:30", "~", "null", "0x1F", "2026-01-01", "1e3", "- x", "#x"])
def test_what_record_writes_reads_back_as_the_same_string(mini: Path, value: str) -> None:
    code, out = record(mini, "1.c.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--result", value)
    assert code == 0, out
    shown = json.loads(run_cli("show", "1.c.1", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out)
    assert shown["latest"]["result"] == value
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0


@pytest.mark.parametrize(("bom", "newline"), [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n"), (b"\xef\xbb\xbf", b"\r\n")])
def test_a_windows_file_keeps_its_bom_and_line_ends(mini: Path, bom: bytes, newline: bytes) -> None:
    path = mini / REPORT
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(bom + newline.join(lines))
    code, out = record(mini, "1.a.3", "-p", "2026-H1", "-a", "so-a", "--result", "Đã họp")
    assert code == 0, out
    new = path.read_bytes()
    assert new.startswith(bom) and (new[len(bom):].startswith(b"\xef\xbb\xbf") is False)
    body = new[len(bom):]
    assert body.count(b"\r\n") == (body.count(b"\n") if newline == b"\r\n" else 0)
    assert "Đã họp".encode() in new
