"""Any programme's document shape (issue 32): a plan with no targets, its own numbering, its own
words for what it is, its own reporting calendar."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from .support import AS_OF, entry_lines, put_in_force, run_cli


def _without_targets(mini: Path) -> Path:
    (mini / "targets.yaml").unlink()
    for report in (mini / "progress").rglob("*.yaml"):  # the mini register's figures name its targets
        text = report.read_text(encoding="utf-8")
        if "\ntargets:" in text:
            report.write_text(text.split("\ntargets:")[0] + "\n", encoding="utf-8")
    return mini


def test_a_plan_with_no_targets_needs_no_targets_file(mini: Path, tmp_path: Path) -> None:
    root = _without_targets(mini)
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 0, checked.out + checked.err
    assert "Chỉ tiêu: không có" in run_cli("targets", "--data", str(root), "--as-of", AS_OF).out
    status = json.loads(run_cli("status", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert status["targets"] == [] and status["tasks"]
    md = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF).out
    assert "## III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU\n\nChương trình không đặt chỉ tiêu.\n" in md
    site = run_cli("site", "-o", str(tmp_path / "site"), "--data", str(root), "--as-of", AS_OF)
    assert site.code == 0 and "Chương trình không có chỉ tiêu nào." in (
        tmp_path / "site/chi-tieu/index.html").read_text(encoding="utf-8")
    form = run_cli("form", "-p", "2026", "-a", "so-a", "-o", str(tmp_path / "f.xlsx"), "--data", str(root),
                   "--as-of", AS_OF)
    assert form.code == 0, form.err
    observed = run_cli("observe", "2025.1.a", "-p", "2026", "-a", "so-a", "--value", "90", "--data", str(root),
                       "--as-of", AS_OF)
    assert observed.code != 0 and "không có chỉ tiêu đo '2025.1.a'" in observed.err


def _header(title: str, reporting: str, periods: str) -> str:
    """A Kế hoạch's header in the mini register's directory."""
    return (f"programme:\n  id: 210/KH-UBND\n  title: {title}\n  issued: 2024-03-01\n  issuer: ubnd-tinh\n"
            f"  place: Thử\n  focal_agency: ban-dau-moi\n  reporting:\n    source: \"IV\"\n    text: {reporting}\n"
            f"    due_day: 19\n    periods:\n{periods}")


PLAIN = _header("Kế hoạch thử đánh số trơn", "Định kỳ 6 tháng và một năm.",
                '      - {kind: half-year, due_month: 6, cutoff: {from: "12-15", to: "06-14"}}\n'
                '      - {kind: year, due_month: 12, cutoff: {from: "12-15", to: "12-14"}}\n') + """groups:
  - id: "I"
    title: Nhiệm vụ chung
    tasks:
      - {id: "1", lead: [so-a], due: ongoing, source: "I", text: Việc một}
      - {id: "2", lead: [so-b], due: 2026, source: "I", text: Việc hai}
      - {id: "10", lead: [so-a], due: ongoing, source: "I", text: Việc mười}
  - id: "II"
    title: Nhiệm vụ cụ thể
    tasks:
      - {id: "II.2.a", lead: [so-a], due: ongoing, source: "II.2", text: Việc II.2.a}
  - id: "A"
    title: Phần A
    tasks:
      - {id: "A.IV.12", lead: [so-b], due: ongoing, source: "A.IV", text: Việc A.IV.12}
  - id: "IX"
    title: Nhóm chín
    tasks:
      - {id: "I.3", lead: [so-a], due: ongoing, source: "IX", text: Việc I.3}
"""


def _plain(mini: Path) -> Path:
    """The mini register's agencies with a plan numbered as plain documents are: 1, 2, 10, I.3."""
    (mini / "tasks.yaml").write_text(PLAIN, encoding="utf-8")
    return _no_progress(mini)


def _no_progress(root: Path) -> Path:
    import shutil

    shutil.rmtree(root / "progress")
    (root / "targets.yaml").unlink()
    return root


def test_task_ids_follow_the_document_s_own_numbering(mini: Path) -> None:
    root = _plain(mini)
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 0, checked.out + checked.err
    status = json.loads(run_cli("status", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert [t["id"] for t in status["tasks"]] == ["1", "2", "10", "II.2.a", "A.IV.12", "I.3"]  # as the document has them
    wrote = run_cli("record", "10", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(root),
                    "--as-of", AS_OF)
    assert wrote.code == 0, wrote.err
    assert run_cli("show", "A.IV.12", "--data", str(root), "--as-of", AS_OF).code == 0


def test_an_id_that_is_no_label_is_refused_with_a_hint_about_task_ids(mini: Path) -> None:
    root = _plain(mini)
    tasks = root / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace('id: "10"', 'id: "1 0"'), encoding="utf-8")
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 1 and "'id' = '1 0' không đúng định dạng mã" in checked.out
    assert "theo cách đánh số của văn bản" in checked.out and "co-quan-a" not in checked.out


def test_a_plan_is_called_what_it_is_everywhere(mini: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _plain(mini)  # 210/KH-UBND: a Kế hoạch, by the symbol in its number
    md = run_cli("report", "-p", "2026", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF).out
    assert "Kết quả thực hiện Kế hoạch số 210/KH-UBND ngày 01/3/2024" in md and "Chương trình" not in md
    assert run_cli("status", "--data", str(root), "--as-of", AS_OF).out.startswith("Toàn Kế hoạch — ")
    assert run_cli("targets", "--data", str(root), "--as-of", AS_OF).out.startswith("Toàn Kế hoạch — ")
    run_cli("site", "-o", str(tmp_path / "site"), "--data", str(root), "--as-of", AS_OF)
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")]
    assert all("Chương trình" not in page for page in pages) and "sổ đăng ký của Kế hoạch" in pages[0]
    # The Word documents say so in their properties too (a PDF made of them takes its title from
    # there), and they are dated the day they are written, not the template's day.
    from docx import Document

    for command, name, starts in (("report", "bc.docx", "Báo cáo kết quả thực hiện Kế hoạch số 210/KH-UBND"),
                                  ("remind", "dd.docx", "Công văn đôn đốc thực hiện và báo cáo kết quả thực hiện "
                                                        "Kế hoạch số 210/KH-UBND")):
        wrote = run_cli(command, "-p", "2026", "-o", str(tmp_path / name), "--data", str(root), "--as-of", AS_OF)
        assert wrote.code == 0, wrote.err
        properties = Document(str(tmp_path / name)).core_properties
        assert properties.title.startswith(starts) and properties.title.endswith(" năm 2026"), properties.title
        assert properties.created.date() == properties.modified.date() == date.fromisoformat(AS_OF)
    run_cli("form", "-p", "2026", "-a", "so-a", "-o", str(tmp_path / "f.xlsx"), "--data", str(root), "--as-of", AS_OF)
    form = load_workbook(tmp_path / "f.xlsx")
    assert form["Hướng dẫn"]["A1"].value == "MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH"
    assert form.properties.title == "Mẫu báo cáo 210/KH-UBND — Sở Thử Nghiệm — năm 2026"
    assert form.properties.creator == "qnctr"
    # A document that names its own kind is called so ("Đề án" with a number of another symbol).
    tasks = root / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("  focal_agency: ban-dau-moi\n",
                                                               "  focal_agency: ban-dau-moi\n  kind: Đề án\n"),
                     encoding="utf-8")
    md = run_cli("report", "-p", "2026", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF).out
    assert "Đề án số 210/KH-UBND" in md


def _calendar(root: Path, periods: str, due_day: int = 19) -> Path:
    tasks = root / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    start = text.index("    due_day:")
    end = text.index("groups:")
    tasks.write_text(text[:start] + f"    due_day: {due_day}\n    periods:\n{periods}" + text[end:], encoding="utf-8")
    return root


def test_a_quarterly_plan_is_reported_quarter_by_quarter(mini: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _calendar(_plain(mini), '      - {kind: quarter, window: {from: 15, to: 14}}\n'
                                   '      - {kind: year, due_month: 12, cutoff: {from: "12-15", to: "12-14"}}\n')
    assert run_cli("validate", "--data", str(root), "--as-of", AS_OF).code == 0
    status = json.loads(run_cli("status", "-p", "2026-Q3", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert status["period"] == "2026-Q3" and status["period_due"] == "2026-09-19"
    assert json.loads(run_cli("status", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)["period"] == "2026-Q3"
    coming = json.loads(run_cli("upcoming", "-f", "json", "--within", "40", "--data", str(root), "--as-of", AS_OF).out)
    assert {i["id"] for i in coming["items"] if i["kind"] == "report"} == {"2026-Q4", "2026"}  # both due 19/12
    wrong = run_cli("status", "-p", "2026-H1", "--data", str(root), "--as-of", AS_OF)
    assert wrong.code == 2 and "YYYY-Q1…YYYY-Q4 (quý) hoặc YYYY (cả năm)" in wrong.err
    wrote = run_cli("record", "1", "-p", "2026-Q3", "-a", "so-a", "-s", "in_progress", "--result", "Đang làm",
                    "--submitted", "2026-09-10", "--data", str(root), "--as-of", AS_OF)
    assert wrote.code == 0, wrote.err
    assert (root / "progress/2026-Q3/so-a.yaml").is_file()
    form = tmp_path / "q4.xlsx"
    assert run_cli("form", "-p", "2026-Q4", "-a", "so-a", "-o", str(form), "--data", str(root),
                   "--as-of", AS_OF).code == 0
    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    row = next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == "10")
    ws.cell(row, 6).value = "Hoàn thành"
    ws.cell(row, 7).value = datetime(2026, 11, 2)
    wb.save(form)
    imported = run_cli("import", str(form), "--data", str(root), "--as-of", AS_OF)
    assert imported.code == 0, imported.err
    assert "status: done" in (root / "progress/2026-Q4/so-a.yaml").read_text(encoding="utf-8")
    md = run_cli("report", "-p", "2026-Q3", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF).out
    assert "Kế hoạch số 210/KH-UBND" in md and "quý III năm 2026" in md and "hạn 19/09/2026" in md
    assert run_cli("site", "-o", str(tmp_path / "site"), "--data", str(root), "--as-of", AS_OF).code == 0


def test_a_plan_reported_on_fixed_dates(mini: Path) -> None:
    root = _calendar(_plain(mini), '      - {kind: dates, dates: ["05-31", "11-14"]}\n')  # trước 01/6 và 15/11
    assert run_cli("validate", "--data", str(root), "--as-of", AS_OF).code == 0
    status = json.loads(run_cli("status", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert status["period"] == "2026-L2" and status["period_due"] == "2026-11-14"
    md = run_cli("report", "-p", "2026-L2", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF).out
    assert "lần 2 năm 2026" in md and "số liệu từ ngày 01/06/2026 đến ngày 14/11/2026" in md


# --- a register of two programmes sharing one directory of agencies -----------------------------------

QUARTERLY_PLAN = _header("Kế hoạch thử, báo cáo hằng quý", "Hằng quý, trước ngày 20 của tháng cuối quý.",
                         "      - {kind: quarter, window: {from: 15, to: 14}}\n") + """groups:
  - id: "1"
    title: Nhóm một của Kế hoạch
    tasks:
      - {id: "1.a.1", lead: [so-a], due: ongoing, source: "1.a", text: Việc 1.a.1 của Kế hoạch}
      - {id: "1.a.2", lead: [so-b], due: 2026-09-30, source: "1.a", text: Việc có hạn của Kế hoạch}
"""


def _two(mini: Path) -> Path:
    """The mini register moved to programmes/1-ctr-test/ with `qnctr programmes move`, and a
    second programme beside it: the same task id 1.a.1, a quarterly calendar, the same agencies."""
    moved = run_cli("programmes", "move", "1-ctr-test", "--data", str(mini))
    assert moved.code == 0, moved.err
    plan = mini / "programmes/210-kh-ubnd"
    plan.mkdir()
    (plan / "tasks.yaml").write_text(QUARTERLY_PLAN, encoding="utf-8")
    return mini


def test_a_task_left_unfinished_past_its_deadline_is_still_reported_on(mini: Path) -> None:
    """1.a.2 of the quarterly plan was due 30/09/2026; nobody reported it done. Its lead owed no
    report from 2027-Q1 on (the deadline fell before the quarter opened): the round's report
    counted one agency, and a plan whose every task was late showed 'đã gửi 0/0'. Until it is
    reported done or stopped, it keeps its lead reporting."""
    root = _two(mini)

    def owing(day: str) -> str:
        md = run_cli("report", "-P", "210", "-p", "2027-Q1", "-f", "md", "-o", "-", "--data", str(root), "--as-of", day)
        assert md.code == 0, md.err
        return next(line for line in md.out.splitlines() if "phải gửi báo cáo" in line)

    assert owing("2027-03-25").startswith("2 cơ quan phải gửi báo cáo"), owing("2027-03-25")
    so_b = json.loads(run_cli("status", "-P", "210", "-a", "so-b", "-f", "json", "--data", str(root),
                              "--as-of", "2027-03-25").out)
    assert so_b["period"] == "2027-Q1" and [(r["period"], r["state"]) for r in so_b["reporting"]] == \
        [("2027-Q1", "missing")], so_b["reporting"]
    done = run_cli("record", "1.a.2", "-P", "210", "-p", "2026-Q4", "-a", "so-b", "-s", "done", "--completed",
                   "2026-11-30", "--result", "Xong, muộn", "--data", str(root), "--as-of", "2026-12-10")
    assert done.code == 0, done.err
    assert owing("2027-03-25").startswith("1 cơ quan phải gửi báo cáo")  # reported done: nothing more to report


def test_the_report_that_says_a_late_task_is_done_is_counted_as_sent(mini: Path) -> None:
    """so-b owed 2027-Q1's report for 1.a.2 (due 30/09/2026, unfinished). It sent that report on
    time saying the task was done: the report then counted it as owing nothing, and the agency
    that had done everything asked vanished from 'phải gửi' (2 → 1) and from its own record."""
    root = _two(mini)
    done = run_cli("record", "1.a.2", "-P", "210", "-p", "2027-Q1", "-a", "so-b", "-s", "done", "--completed",
                   "2027-02-20", "--submitted", "2027-03-10", "--data", str(root), "--as-of", "2027-03-10")
    assert done.code == 0, done.err
    md = run_cli("report", "-P", "210", "-p", "2027-Q1", "-f", "md", "-o", "-", "--data", str(root), "--as-of", "2027-03-25")
    assert md.code == 0, md.err
    said = next(line for line in md.out.splitlines() if "phải gửi báo cáo" in line)
    assert said.startswith("2 cơ quan phải gửi báo cáo; đã gửi đúng hạn: 1"), said
    so_b = json.loads(run_cli("status", "-P", "210", "-a", "so-b", "-f", "json", "--data", str(root),
                              "--as-of", "2027-03-25").out)
    assert [(r["period"], r["state"]) for r in so_b["reporting"]] == [("2027-Q1", "on_time")], so_b["reporting"]
    after = run_cli("report", "-P", "210", "-p", "2027-Q2", "-f", "md", "-o", "-", "--data", str(root),
                    "--as-of", "2027-06-25")
    assert after.code == 0 and "1 cơ quan phải gửi báo cáo" in after.out  # done: nothing more to report on


def test_a_register_moves_to_many_programmes_and_keeps_its_figures(mini: Path) -> None:
    before = {cmd: run_cli(*cmd.split(), "-f", "json", "--data", str(mini), "--as-of", AS_OF).out
              for cmd in ("status", "overdue", "targets", "status -a so-a", "upcoming")}
    moved = run_cli("programmes", "move", "--data", str(mini))
    assert moved.code == 0 and "programmes/1-ctr-test/tasks.yaml" in moved.out
    assert not (mini / "tasks.yaml").exists() and (mini / "agencies.yaml").is_file()
    assert (mini / "programmes/1-ctr-test/progress/2026-H1/so-a.yaml").is_file()
    after = {cmd: run_cli(*cmd.split(), "-f", "json", "--data", str(mini), "--as-of", AS_OF).out for cmd in before}
    assert after == before
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0
    again = run_cli("programmes", "move", "--data", str(mini))
    assert again.code == 2 and "không có tasks.yaml ở gốc" in again.err


def test_programmes_are_listed_and_chosen_by_key_number_or_prefix(mini: Path) -> None:
    root = _two(mini)
    listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)["programmes"]
    assert [(p["key"], p["number"], p["kind"], p["next_period"]) for p in listed] == [
        ("1-ctr-test", "1/CTr-TEST", "Chương trình hành động", "2026"), ("210-kh-ubnd", "210/KH-UBND", "Kế hoạch", "2026-Q4")]
    none = run_cli("report", "-p", "2026", "-o", "-", "-f", "md", "--data", str(root), "--as-of", AS_OF)
    assert none.code == 2 and "1-ctr-test (1/CTr-TEST); 210-kh-ubnd (210/KH-UBND)" in none.err
    for name in ("210-kh-ubnd", "210/KH-UBND", "210", "210/kh"):
        chosen = json.loads(run_cli("status", "-P", name, "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
        assert [t["id"] for t in chosen["tasks"]] == ["1.a.1", "1.a.2"] and chosen["period"] == "2026-Q3"
    assert run_cli("-P", "1-ctr", "status", "-f", "json", "--data", str(root), "--as-of", AS_OF).code == 0
    unknown = run_cli("status", "-P", "999", "--data", str(root), "--as-of", AS_OF)
    assert unknown.code == 2 and "không có chương trình '999'" in unknown.err
    assert run_cli("init", str(root), "-n", "2/KH-UBND", "--as-of", AS_OF).code == 0
    several = run_cli("status", "-P", "2", "--data", str(root), "--as-of", AS_OF)  # 210/KH-UBND and 2/KH-UBND
    assert several.code == 2 and "'2' khớp nhiều chương trình: 2-kh-ubnd (2/KH-UBND); 210-kh-ubnd (210/KH-UBND)" \
        in several.err and "1-ctr-test" not in several.err  # the ones it matches, not every one
    shutil.rmtree(root / "programmes/2-kh-ubnd")
    bad_period = run_cli("status", "-P", "210", "-p", "2026-H1", "--data", str(root), "--as-of", AS_OF)
    assert bad_period.code == 2 and "YYYY-Q1…YYYY-Q4 (quý)" in bad_period.err
    assert run_cli("validate", "--data", str(root), "--as-of", AS_OF).code == 0


def test_each_programme_writes_its_own_progress_and_report(mini: Path, tmp_path: Path) -> None:
    root = _two(mini)
    for key, period in (("210", "2026-Q3"), ("1-ctr", "2026")):
        wrote = run_cli("record", "1.a.1", "-P", key, "-p", period, "-a", "so-a", "-s", "in_progress", "--result",
                        f"Phần của {key}", "--data", str(root), "--as-of", AS_OF)
        assert wrote.code == 0, wrote.err
    assert "Phần của 210" in (root / "programmes/210-kh-ubnd/progress/2026-Q3/so-a.yaml").read_text(encoding="utf-8")
    assert "Phần của 1-ctr" in (root / "programmes/1-ctr-test/progress/2026/so-a.yaml").read_text(encoding="utf-8")
    md = run_cli("report", "-P", "210", "-p", "2026-Q3", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF).out
    assert "Kế hoạch số 210/KH-UBND" in md and "quý III năm 2026" in md and "Phần của 210" in md and "Phần của 1-ctr" not in md
    site = run_cli("site", "-P", "210", "-o", str(tmp_path / "site"), "--data", str(root), "--as-of", AS_OF)
    assert site.code == 0 and "210/KH-UBND" in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_a_form_is_imported_into_its_own_programme_only(mini: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    root = _two(mini)
    monkeypatch.chdir(tmp_path)
    named = run_cli("form", "-P", "210", "-p", "2026-Q4", "-a", "so-a", "--data", str(root), "--as-of", AS_OF)
    assert named.code == 0 and (tmp_path / "mau-bao-cao-210-kh-ubnd-2026-Q4-so-a.xlsx").is_file()
    form = tmp_path / "q4.xlsx"
    made = run_cli("form", "-P", "210", "-p", "2026-Q4", "-a", "so-a", "-o", str(form), "--data", str(root),
                   "--as-of", AS_OF)
    assert made.code == 0, made.err
    assert not (root / "programmes/210-kh-ubnd/.qnctr-form-key").exists() and (root / ".qnctr-form-key").is_file()
    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    ws.cell(next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == "1.a.1"), 6).value = "Đang thực hiện"
    wb.save(form)
    wrong = run_cli("import", str(form), "-P", "1-ctr", "--data", str(root), "--as-of", AS_OF)
    assert wrong.code == 2 and "mẫu này là của chương trình 210/KH-UBND (210-kh-ubnd)" in wrong.err
    assert not (root / "programmes/1-ctr-test/progress/2026-Q4").exists()
    routed = run_cli("import", str(form), "--data", str(root), "--as-of", AS_OF)
    assert routed.code == 0, routed.err
    assert (root / "programmes/210-kh-ubnd/progress/2026-Q4/so-a.yaml").is_file()


def test_two_programmes_with_one_number_are_refused(mini: Path) -> None:
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("210/KH-UBND", "1/CTr-TEST"), encoding="utf-8")
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 1 and "[duplicate-programme] số hiệu 1/CTr-TEST đã là của chương trình 1-ctr-test" in checked.out
    # The same number written otherwise is the same document: in another case, with spaces.
    plan.write_text(plan.read_text(encoding="utf-8").replace("1/CTr-TEST", "1 / ctr-test"), encoding="utf-8")
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 1 and "[duplicate-programme] số hiệu 1 / ctr-test đã là của chương trình 1-ctr-test" \
        in checked.out
    shutil.rmtree(root / "programmes/210-kh-ubnd")
    again = run_cli("init", str(root), "-n", "1/ctr-test", "--key", "khac", "--as-of", AS_OF)
    assert again.code == 2 and "đã có chương trình số 1/CTr-TEST (programmes/1-ctr-test)" in again.err
    assert not (root / "programmes/khac").exists()


def test_an_agency_s_duties_across_every_programme_in_force(mini: Path) -> None:
    root = _two(mini)
    table = run_cli("status", "-a", "so-a", "--data", str(root), "--as-of", AS_OF)
    assert table.code == 0, table.err
    assert "══ Chương trình hành động số 1/CTr-TEST ══" in table.out and "══ Kế hoạch số 210/KH-UBND ══" in table.out
    answers = json.loads(run_cli("status", "-a", "so-a", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    parts = {p["programme"]["key"]: p for p in answers["programmes"]}
    assert set(parts) == {"1-ctr-test", "210-kh-ubnd"} and parts["210-kh-ubnd"]["period"] == "2026-Q3"
    assert all("1.a.1" in {t["id"] for t in part["tasks"]} for part in parts.values())  # one id, two programmes
    late = run_cli("overdue", "-f", "csv", "--data", str(root), "--as-of", AS_OF).out.splitlines()
    assert late[0].lstrip("\ufeff").startswith("programme,") and any(r.startswith("210/KH-UBND,task,1.a.2,") for r in late)
    for query in ("upcoming", "targets"):
        assert run_cli(query, "-a", "so-a", "--data", str(root), "--as-of", AS_OF).code == 0
    one_period = run_cli("status", "-p", "2026", "--data", str(root), "--as-of", AS_OF)
    assert one_period.code == 2 and "chọn một bằng --programme (-P)" in one_period.err
    # A draft is not asked: the one programme in force answers alone.
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  focal_agency: ban-dau-moi\n",
                                                             "  focal_agency: ban-dau-moi\n  status: draft\n"),
                    encoding="utf-8")
    alone = run_cli("status", "-a", "so-a", "--data", str(root), "--as-of", AS_OF)
    assert alone.code == 0 and "══" not in alone.out and "của Kế hoạch" not in alone.out


def test_one_id_in_two_programmes_is_named_with_its_programme(mini: Path) -> None:
    root = _two(mini)
    ambiguous = run_cli("show", "1.a.1", "--data", str(root), "--as-of", AS_OF)
    assert ambiguous.code == 2 and "mã '1.a.1' có ở 2 chương trình: 1-ctr-test:1.a.1, 210-kh-ubnd:1.a.1" in ambiguous.err
    shown = run_cli("show", "210-kh-ubnd:1.a.1", "--data", str(root), "--as-of", AS_OF)
    assert shown.code == 0 and "Việc 1.a.1 của Kế hoạch" in shown.out
    only_one = run_cli("show", "1.a.2", "-f", "json", "--data", str(root), "--as-of", AS_OF)  # both have a 1.a.2
    assert only_one.code == 2
    single = run_cli("show", "1.b.1", "--data", str(root), "--as-of", AS_OF)  # only the first programme has it
    assert single.code == 0 and "Quá hạn" in single.out
    refused = run_cli("record", "1.a.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(root),
                      "--as-of", AS_OF)
    assert refused.code == 2 and "1-ctr-test:1.a.1" in refused.err
    wrote = run_cli("record", "1-ctr:1.a.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(root),
                    "--as-of", AS_OF)
    assert wrote.code == 0, wrote.err
    agency = run_cli("show", "so-a", "--data", str(root), "--as-of", AS_OF)  # the directory is shared
    assert agency.code == 0 and sum(line.startswith("══ ") for line in agency.out.splitlines()) == 2
    # Half a KEY:ID names nothing: said as such, not matched against every programme.
    for half, missing in ((":1.a.1", "thiếu mã chương trình trước dấu ':'"), ("210:", "thiếu mã sau dấu ':'")):
        refused_half = run_cli("show", half, "--data", str(root), "--as-of", AS_OF)
        assert refused_half.code == 2 and missing in refused_half.err, refused_half.err


def test_a_programme_named_by_nothing_a_key_is_read_by_names_none(mini: Path) -> None:
    root = _two(mini)
    for name in ("∞", "--", "/"):
        asked = run_cli("status", "-P", name, "--data", str(root), "--as-of", AS_OF)
        assert asked.code == 2 and f"không có chương trình '{name}'" in asked.err, asked.err


def test_a_new_register_s_stand_in_focal_agency_holds_back_a_programme_in_force(tmp_path: Path) -> None:
    """A register made by init names its focal agency 'Cơ quan đầu mối (sửa thành tên …)': with
    the programme's own marks deleted and put in force, that name headed the consolidated
    report. Its mark in agencies.yaml holds the register back, said once for every programme."""
    import re

    root = tmp_path / "so-dang-ky"
    for number in ("1/KH-UBND", "2/KH-UBND"):
        assert run_cli("init", str(root), "-n", number, "--as-of", AS_OF).code == 0
    for key in ("1-kh-ubnd", "2-kh-ubnd"):
        put_in_force(root / "programmes" / key / "tasks.yaml")
    directory = root / "agencies.yaml"
    line = next(n for n, text in enumerate(directory.read_text(encoding="utf-8").splitlines(), 1) if "KIỂM TRA:" in text)
    held = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert held.code == 1 and held.out.count("[unreviewed]") == 1 and f"agencies.yaml:{line}:" in held.out, held.out
    refused = run_cli("report", "-P", "1", "-p", "2026", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF)
    assert refused.code == 1 and "Cơ quan đầu mối (sửa" not in refused.out
    directory.write_text(re.sub(r"[ \t]+# KIỂM TRA:[^\n]*", "", directory.read_text(encoding="utf-8")), encoding="utf-8")
    assert run_cli("validate", "--data", str(root), "--as-of", AS_OF).code == 0


def test_init_makes_a_register_and_adds_programmes_that_validate(tmp_path: Path, shipped: Path) -> None:
    root = tmp_path / "so-dang-ky"
    made = run_cli("init", str(root), "-n", "210/KH-UBND", "--as-of", AS_OF)
    assert made.code == 0, made.err
    assert (root / "agencies.yaml").is_file() and (root / "schema/tasks.schema.json").is_file()
    tasks = (root / "programmes/210-kh-ubnd/tasks.yaml").read_text(encoding="utf-8")
    assert tasks.startswith("# yaml-language-server: $schema=../../schema/tasks.schema.json")
    assert 'id: "210/KH-UBND"' in tasks and "kind: Kế hoạch" in tasks and "status: draft" in tasks
    assert run_cli("validate", "--data", str(root), "--as-of", AS_OF).code == 0
    again = run_cli("init", str(root), "-n", "210/KH-UBND", "--key", "khac", "--as-of", AS_OF)
    assert again.code == 2 and "đã có chương trình số 210/KH-UBND (programmes/210-kh-ubnd)" in again.err
    same_key = run_cli("init", str(root), "-n", "210/KH-UBND", "--as-of", AS_OF)  # not "choose another --key"
    assert same_key.code == 2 and "đã có chương trình số 210/KH-UBND" in same_key.err and "--key" not in same_key.err
    # Kept in git, the register leaves out the writers' lock files and keeps the form key.
    ignored = (root / ".gitignore").read_text(encoding="utf-8")
    assert ".*.lock" in ignored.splitlines() and ".qnctr-form-key" not in [
        line for line in ignored.splitlines() if not line.startswith("#")]
    if shutil.which("git"):
        import subprocess

        subprocess.run(["git", "init", "-q", str(root)], check=True)
        lock = root / "programmes/210-kh-ubnd/progress/2026-H1/.so-a.yaml.lock"
        lock.parent.mkdir(parents=True)
        lock.touch()
        (root / ".qnctr-form-key").write_text("k", encoding="utf-8")
        shown = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
                               capture_output=True, text=True, check=True).stdout
        assert ".lock" not in shown and ".qnctr-form-key" in shown, shown
        shutil.rmtree(root / ".git")
        shutil.rmtree(root / "programmes/210-kh-ubnd/progress")
        (root / ".qnctr-form-key").unlink()
    edited = (root / "schema/tasks.schema.json").read_bytes() + b" "  # a schema folder already there is left alone
    (root / "schema/tasks.schema.json").write_bytes(edited)
    assert run_cli("init", str(root), "-n", "15/ĐA-UBND", "--as-of", AS_OF).code == 0
    assert (root / "schema/tasks.schema.json").read_bytes() == edited
    listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)["programmes"]
    assert [(p["key"], p["kind"], p["status"]) for p in listed] == [("15-da-ubnd", "Đề án", "draft"),
                                                                    ("210-kh-ubnd", "Kế hoạch", "draft")]
    # Into the shipped register: the new programme takes the issuer from its directory.
    added = run_cli("init", str(shipped), "-n", "99/KH-UBND", "--as-of", AS_OF)
    assert added.code == 0, added.err
    assert "issuer: ubnd-tinh" in (shipped / "programmes/99-kh-ubnd/tasks.yaml").read_text(encoding="utf-8")
    assert run_cli("validate", "--data", str(shipped), "--as-of", AS_OF).code == 0


def test_init_writes_any_number_as_text_and_only_inside_the_register(tmp_path: Path) -> None:
    """A number is the document's, written as text whatever YAML would read it as (a colon, a
    '#', digits, 'yes'); a folder name that is not one plain name, and a number that is empty or
    spans lines, are refused with nothing written."""
    root = tmp_path / "so"
    for number, key in (("7/KH: x #y", "7-kh-x-y"), ("123", "123"), ("yes", "yes")):
        made = run_cli("init", str(root), "-n", number, "--as-of", AS_OF)
        assert made.code == 0, made.err
        listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
        assert {p["key"]: p["number"] for p in listed["programmes"]}[key] == number
    assert run_cli("validate", "--data", str(root), "--as-of", AS_OF).code == 0
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for args, said in ((("-n", "11/KH", "--key", "../../ra-ngoai"), "--key '../../ra-ngoai' không hợp lệ"),
                       (("-n", "12/KH", "--key", "a b/c"), "--key 'a b/c' không hợp lệ"),
                       (("-n", "  "), '--number "": cần số'),
                       (("-n", "9/KH\nstatus: ended"), '--number "9/KH\\nstatus: ended"')):
        refused = run_cli("init", str(root), *args, "--as-of", AS_OF)
        assert refused.code == 2 and said in refused.err, refused.err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_init_into_a_register_of_one_programme_at_its_root_asks_to_move_it_first(mini: Path) -> None:
    refused = run_cli("init", str(mini), "-n", "99/KH-UBND", "--as-of", AS_OF)
    assert refused.code == 2 and "qnctr programmes move" in refused.err
    assert not (mini / "programmes").exists()


def test_the_site_of_several_programmes_has_each_and_each_agency_across_them(mini: Path, tmp_path: Path) -> None:
    import re

    root = _two(mini)
    out = tmp_path / "site"
    built = run_cli("site", "-o", str(out), "--data", str(root), "--as-of", AS_OF)
    assert built.code == 0, built.err
    top = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="1-ctr-test/index.html">Chương trình hành động số 1/CTr-TEST</a>' in top
    assert '<a href="210-kh-ubnd/index.html">Kế hoạch số 210/KH-UBND</a>' in top
    for key, number in (("1-ctr-test", "1/CTr-TEST"), ("210-kh-ubnd", "210/KH-UBND")):
        own = json.loads(run_cli("status", "-P", key, "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
        shown = {m[0]: int(m[1]) for m in re.findall(rf'data-programme="{key}-([a-z_]+)">(\d+)<', top)}
        assert shown == own["summary"]
        assert number in (out / key / "index.html").read_text(encoding="utf-8") and (out / key / "assets/site.css").is_file()
    agency = (out / "co-quan/so-a.html").read_text(encoding="utf-8")
    assert 'href="../1-ctr-test/co-quan/so-a.html"' in agency and 'href="../210-kh-ubnd/co-quan/so-a.html"' in agency
    # Its reporting record in each programme, period by period, on its calendar.
    for key in ("1-ctr-test", "210-kh-ubnd"):
        history = json.loads(run_cli("show", "so-a", "-P", key, "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
        assert history["reporting"], key
        section = agency.split(f'id="h-{key}"', 1)[1].split("</section>", 1)[0]
        assert re.findall(r'<td class="nowrap">(\d{4}(?:-[A-Z0-9]+)?)</td>', section) == \
            [r["period"] for r in history["reporting"]]
    for page in out.rglob("*.html"):  # every link stays inside the site and finds its page
        for ref in re.findall(r'href="([^"#:]+)', page.read_text(encoding="utf-8")):
            assert (page.parent / ref).resolve().is_file(), f"{page.relative_to(out)} → {ref}"


def test_a_real_monthly_plan_beside_131_from_init_to_report(shipped: Path, tmp_path: Path) -> None:
    """Done when: a second programme started with `qnctr init` and typed from a real Kế hoạch
    (308/KH-UBND: monthly reports, tasks 1.1 … 4.3) validates, gets a form that imports, a
    report that calls it a Kế hoạch, its pages on the site; Sở Nội vụ sees both programmes."""
    from openpyxl import load_workbook

    from .support import FIXTURES

    assert run_cli("init", str(shipped), "-n", "308/KH-UBND", "--as-of", AS_OF).code == 0
    (shipped / "programmes/308-kh-ubnd/tasks.yaml").write_text(
        (FIXTURES / "kh-308/tasks.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    checked = run_cli("validate", "--data", str(shipped), "--as-of", AS_OF, "--strict")
    assert checked.code == 0, checked.out
    status = run_cli("status", "-a", "Sở Nội vụ", "--data", str(shipped), "--as-of", AS_OF)
    assert "══ Chương trình hành động số 131/CTr-UBND ══" in status.out and "══ Kế hoạch số 308/KH-UBND ══" in status.out
    form = tmp_path / "f.xlsx"
    assert run_cli("form", "-P", "308", "-p", "2026-11", "-a", "Sở Nội vụ", "-o", str(form), "--data", str(shipped),
                   "--as-of", AS_OF).code == 0
    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    ws.cell(next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == "4.1"), 6).value = "Đang thực hiện"
    wb.save(form)
    imported = run_cli("import", str(form), "--data", str(shipped), "--as-of", AS_OF)
    assert imported.code == 0, imported.err
    assert (shipped / "programmes/308-kh-ubnd/progress/2026-11/so-noi-vu.yaml").is_file()
    md = run_cli("report", "-P", "308", "-p", "2026-11", "-f", "md", "-o", "-", "--data", str(shipped), "--as-of", AS_OF).out
    assert "Kế hoạch số 308/KH-UBND ngày 17/11/2025" in md and "tháng 11 năm 2026" in md and "Chương trình" not in md
    site = run_cli("site", "-o", str(tmp_path / "site"), "--data", str(shipped), "--as-of", AS_OF)
    assert site.code == 0 and (tmp_path / "site/308-kh-ubnd/nhiem-vu/4.1.html").is_file()


def test_a_report_due_before_its_data_are_in_is_refused(mini: Path) -> None:
    root = _calendar(_plain(mini), "      - {kind: month}\n")  # due the 19th of the month it covers
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 1 and "trước khi hết thời gian chốt số liệu: ghi due_in: next-month" in checked.out


def test_the_cache_sees_a_new_programme_and_a_change_to_the_shared_directory(mini: Path, own_cache: Path) -> None:
    root = _two(mini)
    env = {"QNCTR_CACHE": "1"}

    def answers() -> dict[str, object]:
        result = run_cli("status", "-a", "so-a", "-f", "json", "--data", str(root), "--as-of", AS_OF, env=env)
        assert result.code == 0, result.err
        return {p["programme"]["key"]: p for p in json.loads(result.out)["programmes"]}

    first = answers()
    assert set(first) == {"1-ctr-test", "210-kh-ubnd"} and answers() == first  # the second run from the cache
    assert len(list(own_cache.glob("*.json"))) == 2  # one entry per programme
    third = root / "programmes/300-kh-ubnd"
    third.mkdir()
    (third / "tasks.yaml").write_text(QUARTERLY_PLAN.replace("210/KH-UBND", "300/KH-UBND"), encoding="utf-8")
    assert set(answers()) == {"1-ctr-test", "210-kh-ubnd", "300-kh-ubnd"}  # a new folder is never missed
    agencies = root / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace("name: Sở Thử Nghiệm", "name: Sở Thử Mới"),
                        encoding="utf-8")
    assert all(p["agency"]["name"] == "Sở Thử Mới" for p in answers().values())  # the shared directory is in each key


def test_the_list_of_programmes_reads_at_80_columns(mini: Path) -> None:
    root = _two(mini)
    out = run_cli("programmes", "--data", str(root), "--as-of", AS_OF, env={"COLUMNS": "80", "QNCTR_LAYOUT": "table"}).out
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80
    assert " 1-ctr-test " in out and "210-kh-ubnd: Kế hoạch thử, báo cáo hằng quý" in out


def test_a_form_with_no_targets_says_so_and_still_imports(mini: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _plain(mini)  # 210/KH-UBND sets no targets
    form = tmp_path / "f.xlsx"
    assert run_cli("form", "-p", "2026", "-a", "so-a", "-o", str(form), "--data", str(root), "--as-of", AS_OF).code == 0
    wb = load_workbook(form)
    assert wb["Chỉ tiêu"]["B3"].value == "Kế hoạch không đặt chỉ tiêu; không cần điền sheet này."
    ws = wb["Nhiệm vụ"]
    ws.cell(next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == "10"), 6).value = "Đang thực hiện"
    wb.save(form)
    imported = run_cli("import", str(form), "--data", str(root), "--as-of", AS_OF)
    assert imported.code == 0 and not imported.err, imported.err


def test_the_programme_named_in_the_environment_is_the_one_asked(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _two(mini)
    monkeypatch.setenv("QNCTR_PROGRAMME", "210")
    chosen = run_cli("status", "-a", "so-a", "-f", "json", "--data", str(root), "--as-of", AS_OF)
    assert chosen.code == 0 and json.loads(chosen.out)["period"] == "2026-Q3"  # one answer, not one per programme
    overridden = run_cli("status", "-P", "1-ctr", "-a", "so-a", "-f", "json", "--data", str(root), "--as-of", AS_OF)
    assert json.loads(overridden.out)["period"] == "2026-H1"  # -P wins over the environment


def test_a_write_that_finds_its_programme_by_the_id_leaves_the_cache_as_a_cold_load_would(mini: Path,
                                                                                         own_cache: Path) -> None:
    """A write reads the register from the cache when it is current, and afterwards keeps there
    the register as it now is: entry for entry what reading every file again would keep."""
    root = _two(mini)
    folder = root / "programmes/1-ctr-test"
    for text in ("Đang làm", "Đã làm thêm"):  # the first write fills the cache, the second reads it
        wrote = run_cli("record", "1.b.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--result", text,
                        "--data", str(root), "--as-of", AS_OF, env={"QNCTR_CACHE": "1"})
        assert wrote.code == 0, wrote.err
    entries = sorted(own_cache.glob("*.json"))
    kept = {e.name: entry_lines(e) for e in entries}
    assert any("Đã làm thêm" in json.dumps(k, ensure_ascii=False) for k in kept.values())
    for entry in entries:
        entry.unlink()
    for key in ("1-ctr-test", "210-kh-ubnd"):  # a cold load of each programme
        assert run_cli("-P", key, "status", "--data", str(root), "--as-of", AS_OF).code == 0
    cold = {e.name: entry_lines(e) for e in sorted(own_cache.glob("*.json"))}
    for name, entry in kept.items():
        assert entry == cold[name], name
    assert (folder / "progress/2026/so-a.yaml").is_file()


def test_no_cache_is_honoured_when_a_question_finds_its_programme(mini: Path, own_cache: Path) -> None:
    root = _two(mini)
    shown = run_cli("--no-cache", "show", "1.b.1", "--data", str(root), "--as-of", AS_OF, env={"QNCTR_CACHE": "1"})
    assert shown.code == 0, shown.err
    assert not list(own_cache.glob("*.json"))


def test_a_warm_question_across_programmes_needs_neither_yaml_nor_pydantic(mini: Path, own_cache: Path) -> None:
    import os
    import subprocess
    import sys

    from .support import ROOT

    root = _two(mini)
    argv = [sys.executable, "-X", "importtime", "-m", "qnctr", "status", "-a", "so-a", "--data", str(root), "--as-of", AS_OF]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QNCTR_CACHE": "1"}

    def imported() -> set[str]:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0 and "══ Kế hoạch số 210/KH-UBND ══" in proc.stdout, proc.stderr
        return {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}

    imported()  # fills each programme's entry
    assert not {"yaml", "pydantic", "pydantic_core"} & imported()


def test_reminders_and_records_across_the_programmes_in_force(mini: Path, tmp_path: Path) -> None:
    root = _two(mini)
    out = tmp_path / "thu"
    out.mkdir()
    result = run_cli("remind", "-p", "2026-Q3", "-o", str(out), "--data", str(root), "--as-of", "2026-10-20")
    assert result.code == 0, result.err
    said = result.out + result.err
    assert "1-ctr-test: không lập công văn" in said  # a half-yearly programme has no quarter
    assert sorted(p.name for p in out.iterdir()) == ["don-doc-210-kh-ubnd-2026-Q3.docx"]
    one_file = run_cli("remind", "-p", "2026-Q3", "-o", str(tmp_path / "x.docx"), "--data", str(root),
                       "--as-of", "2026-10-20")
    assert one_file.code in (1, 2) and "thư mục" in one_file.out + one_file.err
    cards = json.loads(run_cli("scorecard", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert [c["programme"]["number"] for c in cards["programmes"]] == ["1/CTr-TEST", "210/KH-UBND"]


def test_the_agencies_of_each_programme_in_force(mini: Path) -> None:
    root = _two(mini)
    listed = json.loads(run_cli("agencies", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)["programmes"]
    assert [p["programme"]["number"] for p in listed] == ["1/CTr-TEST", "210/KH-UBND"]
    first, second = ({a["id"]: a["tasks"]["lead"] for a in p["agencies"]} for p in listed)
    assert first.keys() == second.keys() and first != second  # one directory, each programme's own tasks
    one = json.loads(run_cli("agencies", "-P", "210", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert {a["id"]: a["tasks"]["lead"] for a in one["agencies"]} == second


def test_a_plan_reported_once(mini: Path, tmp_path: Path) -> None:
    """"Báo cáo sơ kết trước ngày 30/6/2026, tổng kết trước ngày 30/11/2026": two reports due
    once; after the last, nothing more is owed and the report says it is the last."""
    root = _calendar(_plain(mini), '      - {kind: once, days: [2026-06-30, 2026-11-30]}\n')
    assert run_cli("validate", "--data", str(root), "--as-of", AS_OF).code == 0
    status = json.loads(run_cli("status", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert status["period"] == "2026-D1" and status["period_due"] == "2026-06-30"
    coming = json.loads(run_cli("upcoming", "-f", "json", "--within", "30", "--data", str(root), "--as-of", AS_OF).out)
    assert {(i["id"], i["due"]) for i in coming["items"] if i["kind"] == "report"} == {("2026-D2", "2026-11-30")}
    wrote = run_cli("record", "1", "-p", "2026-D2", "-a", "so-a", "-s", "in_progress", "--result", "Đang làm",
                    "--submitted", "2026-11-20", "--data", str(root), "--as-of", AS_OF)
    assert wrote.code == 0, wrote.err
    md = run_cli("report", "-p", "2026-D2", "-f", "md", "-o", "-", "--data", str(root), "--as-of", AS_OF).out
    assert "đợt 2 năm 2026" in md and "số liệu từ ngày 01/07/2026 đến ngày 30/11/2026" in md
    assert "Đây là kỳ báo cáo cuối cùng theo lịch báo cáo." in md and "Kỳ báo cáo tiếp theo" not in md
    later = "2027-03-01"
    coming = json.loads(run_cli("upcoming", "-f", "json", "--within", "400", "--data", str(root), "--as-of", later).out)
    assert not [i for i in coming["items"] if i["kind"] == "report"]
    assert json.loads(run_cli("status", "-f", "json", "--data", str(root), "--as-of", later).out)["period"] == "2026-D2"
    assert run_cli("site", "-o", str(tmp_path / "site"), "--data", str(root), "--as-of", later).code == 0
    overview = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "đợt 2 năm 2026" in overview and "đang nhận báo cáo" not in overview and "còn -" not in overview
    listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", later).out)["programmes"]
    assert (listed[0]["next_period"], listed[0]["next_due"]) == (None, None)  # no report is owed any more
    assert run_cli("form", "-p", "2026-D2", "-a", "so-b", "-o", str(tmp_path / "d2.xlsx"), "--data", str(root),
                   "--as-of", AS_OF).code == 0
    wrong = run_cli("status", "-p", "2025-D1", "--data", str(root), "--as-of", AS_OF)
    assert wrong.code == 2 and "không có kỳ báo cáo 2025-D1" in wrong.err
    assert "2026-D1 (báo cáo một lần, hạn 30/06/2026), 2026-D2 (báo cáo một lần, hạn 30/11/2026)" in wrong.err


def test_a_report_due_once_before_the_plan_was_issued_is_refused(mini: Path) -> None:
    root = _calendar(_plain(mini), '      - {kind: once, days: [2023-11-30]}\n')
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 1 and "tasks.yaml:" in checked.out and "30/11/2023 trước ngày ban hành 01/03/2024" in checked.out


def test_programmes_from_the_cache_share_one_directory_of_agencies(mini: Path, own_cache: Path) -> None:
    """Fifty programmes read from the cache build the register's agencies once, and every
    context asks one Directory; a directory that differs is never taken for it."""
    from datetime import date

    from qnctr.context import Context
    from qnctr.register import load_checked

    root = _two(mini)
    day = date.fromisoformat(AS_OF)
    folders = sorted((root / "programmes").iterdir())
    for folder in folders:  # fills the cache
        load_checked(folder, day, cached=True)
    first, second = (load_checked(folder, day, cached=True) for folder in folders)
    assert first.agencies is second.agencies
    assert Context.build(first, day).directory is Context.build(second, day).directory
    text = (root / "agencies.yaml").read_text(encoding="utf-8")
    assert "name: Sở Ngân Quỹ\n" in text
    (root / "agencies.yaml").write_text(text.replace("name: Sở Ngân Quỹ\n", "name: Sở Ngân Quỹ mới\n"), encoding="utf-8")
    for folder in folders:
        load_checked(folder, day, cached=True)
    renamed = load_checked(folders[0], day, cached=True)
    assert renamed.agencies is not first.agencies and renamed.agencies["so-b"].name == "Sở Ngân Quỹ mới"


def _schema_named(path: Path) -> Path | None:
    """The schema a file's editor comment names, resolved from the file's folder (None: no comment)."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    marker = "# yaml-language-server: $schema="
    return (path.parent / first.removeprefix(marker)).resolve() if first.startswith(marker) else None


def test_a_report_written_or_moved_names_a_schema_that_is_there(mini: Path) -> None:
    """A progress file's editor comment points at the progress schema from where the file is: one
    written by `record` in a programme's folder (three folders deeper than the register), one
    moved there by `programmes move` (its line ends kept), and none when no schema is there."""
    beside = mini.parent / "schema"
    beside.mkdir()
    assert run_cli("schema", "-o", str(beside)).code == 0
    report = mini / "progress/2026-H1/so-a.yaml"
    body = report.read_bytes().replace(b"\n", b"\r\n")
    report.write_bytes(b"# yaml-language-server: $schema=../../../schema/progress.schema.json\r\n" + body)
    assert _schema_named(report) == beside / "progress.schema.json"
    moved = run_cli("programmes", "move", "--data", str(mini))
    assert moved.code == 0 and "1 tệp: sửa đường dẫn tới lược đồ" in moved.out, moved.out
    report = mini / "programmes/1-ctr-test/progress/2026-H1/so-a.yaml"
    assert _schema_named(report) == beside / "progress.schema.json"
    assert report.read_bytes().endswith(body)  # only the comment changed: CRLF line ends kept

    def recorded(task: str, agency: str, period: str = "2026") -> Path:
        wrote = run_cli("record", task, "-p", period, "-a", agency, "-s", "in_progress", "--result", "Đang làm",
                        "--data", str(mini), "--as-of", AS_OF)
        assert wrote.code == 0, wrote.err
        return mini / f"programmes/1-ctr-test/progress/{period}/{agency}.yaml"

    assert _schema_named(recorded("1.a.1", "so-a")) == beside / "progress.schema.json"
    (mini / "schema").mkdir()
    assert run_cli("schema", "-o", str(mini / "schema")).code == 0  # the register's own (init, ingest) comes first
    assert _schema_named(recorded("2.b.2", "so-b")) == mini / "schema/progress.schema.json"
    for folder in (beside, mini / "schema"):
        for made in folder.iterdir():
            made.unlink()
        folder.rmdir()
    assert _schema_named(recorded("2.b.2", "so-b", "2026-H1")) is None  # no schema anywhere: no comment pointing nowhere
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0


def test_no_document_goes_out_for_a_draft_programme(mini: Path, tmp_path: Path) -> None:
    """A programme just made by `init` (or read by `ingest`) is a draft until someone checks it
    against its document: no report, reminder letter or form is made from it, and nothing is
    written; once it is in force, they are."""
    root = _two(mini)
    assert run_cli("init", str(root), "-n", "15/KH-UBND", "--as-of", AS_OF).code == 0
    out = tmp_path / "out"
    out.mkdir()
    for command, making in ((["report", "-o", str(out / "r.docx")], "không lập báo cáo"),
                            (["remind", "-o", str(out / "d.docx")], "không lập công văn đôn đốc"),
                            (["form", "-a", "so-a", "-o", str(out / "m.xlsx")], "không tạo mẫu báo cáo")):
        refused = run_cli(*command, "-P", "15", "-p", "2026", "--data", str(root), "--as-of", AS_OF)
        assert refused.code == 2 and f"{making}: 15/KH-UBND còn là bản nháp" in refused.err, refused.err
    assert not list(out.iterdir())
    plan = root / "programmes/15-kh-ubnd/tasks.yaml"
    skeleton = plan.read_text(encoding="utf-8")
    # `programmes` says what stands between the draft and being in force.
    listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)["programmes"]
    marks = sum("  # KIỂM TRA:" in line for line in skeleton.splitlines())
    assert marks > 5 and [(p["key"], p["to_check"]) for p in listed if p["status"] == "draft"] == [("15-kh-ubnd", marks)]
    shown = run_cli("programmes", "--data", str(root), "--as-of", AS_OF, env={"COLUMNS": "160"}).out
    assert f"Dự thảo (còn {marks} điểm KIỂM TRA)" in shown
    plan.write_text(skeleton.replace("status: draft", "status: in_force"), encoding="utf-8")
    # In force with the skeleton's stand-ins (its title, signer, focal agency, first task) still
    # marked: a report would print "Tên đầy đủ của văn bản" and "Họ và tên người ký" as signed.
    unchecked = run_cli("report", "-P", "15", "-p", "2026", "-o", str(out / "r.docx"), "--data", str(root),
                        "--as-of", AS_OF)
    assert unchecked.code == 1 and "[unreviewed]" in unchecked.err and not list(out.iterdir())
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    for n, line in enumerate(skeleton.splitlines(), 1):
        if line.lstrip().startswith(("title:", "signer:", "place:", "focal_agency:", "text:", "lead:")):
            assert f"programmes/15-kh-ubnd/tasks.yaml:{n}:" in checked.out, line
    put_in_force(plan)
    made = run_cli("report", "-P", "15", "-p", "2026", "-o", str(out / "r.docx"), "--data", str(root), "--as-of", AS_OF)
    assert made.code == 0, made.err


def test_a_period_closed_before_the_programme_was_issued_is_never_owed(mini: Path) -> None:
    """A monthly plan issued on 3 December: November's report cannot be written (its data
    window closed before the plan existed), so no view may say it is due, or late."""
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued: 2024-03-01", "issued: 2026-12-03").replace(
        "      - {kind: quarter, window: {from: 15, to: 14}}\n", "      - {kind: month, due_in: next-month}\n").replace(
        "due: 2026-09-30", "due: 2026-12-31"), encoding="utf-8")
    assert run_cli("validate", "--data", str(root), "--as-of", "2026-12-05").code == 0
    refused = run_cli("record", "210:1.a.1", "-p", "2026-11", "-a", "so-a", "-s", "in_progress", "--data", str(root),
                      "--as-of", "2026-12-05")
    assert refused.code == 2 and "kết thúc trước khi 210/KH-UBND ban hành" in refused.err
    for day in ("2026-12-03", "2026-12-05", "2026-12-21"):  # the last: after November's report would be due
        status = json.loads(run_cli("status", "-P", "210", "-a", "so-a", "-f", "json", "--data", str(root),
                                    "--as-of", day).out)
        assert status["period"] is None and not status["reporting"], status
        late = json.loads(run_cli("overdue", "-P", "210", "-f", "json", "--data", str(root), "--as-of", day).out)
        assert late["reports"] == []
        coming = json.loads(run_cli("upcoming", "-P", "210", "-w", "60", "-f", "json", "--data", str(root),
                                    "--as-of", day).out)
        reports = {i["id"] for i in coming["items"] if i["kind"] == "report"}
        assert "2026-12" in reports and "2026-11" not in reports
        listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", day).out)
        assert [p["next_period"] for p in listed["programmes"] if p["key"] == "210-kh-ubnd"] == ["2026-12"]


def test_a_programme_folder_named_by_hand_is_warned_of(mini: Path) -> None:
    """A folder renamed by hand ("Kế hoạch 210") still loads, and validate says how to name it."""
    root = _two(mini)
    (root / "programmes/210-kh-ubnd").rename(root / "programmes/Kế hoạch 210")
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 0 and "[programme-key] thư mục chương trình 'Kế hoạch 210'" in checked.out, checked.out
    assert "đổi tên thư mục, ví dụ thành 210-kh-ubnd" in checked.out
    assert "Kế hoạch 210/tasks.yaml:1:1: warning" in checked.out
    assert run_cli("status", "-P", "210", "--data", str(root), "--as-of", AS_OF).code == 0
    (root / "programmes/Kế hoạch 210").rename(root / "programmes/210-kh-ubnd")
    assert "programme-key" not in run_cli("validate", "--data", str(root), "--as-of", AS_OF).out


def test_a_move_that_fails_midway_puts_everything_back(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Were progress/ not to move (another file system, a lock), tasks.yaml already moved would
    leave a register whose programme has lost its targets and reports from view: everything
    goes back where it was, and the failure is said."""
    def files() -> dict[Path, bytes]:  # the register's own (a lock file beside them is no part of it)
        return {p.relative_to(mini): p.read_bytes() for p in mini.rglob("*") if p.is_file() and p.name[0] != "."}

    before = files()
    real = Path.rename

    def refuse_progress(self: Path, target: Path) -> Path:
        if self.name == "progress" and self.parent == mini:
            raise OSError(18, "Invalid cross-device link", str(self))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", refuse_progress)
    failed = run_cli("programmes", "move", "--data", str(mini))
    assert failed.code != 0 and "progress" in failed.err and "Traceback" not in failed.err, failed.err
    assert files() == before and not (mini / "programmes").exists()
    assert run_cli("validate", "--data", str(mini), "--as-of", AS_OF).code == 0


def test_a_task_given_to_an_agency_gone_before_the_plan_is_warned_of(mini: Path) -> None:
    """A plan issued in August 2025 that names Sở Cũ (merged into Sở Thử Nghiệm in March) and
    huyện X (dissolved in July): its tasks are counted for the successor, or for nobody, and
    validate says so where each is named. The programme of 2021 naming Sở Cũ is as it was."""
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued: 2024-03-01", "issued: 2025-08-01").replace(
        '{id: "1.a.2", lead: [so-b]', '{id: "1.a.2", lead: [so-cu], support: [huyen-x]'), encoding="utf-8")
    checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
    assert checked.code == 0, checked.out
    warned = [line for line in checked.out.splitlines() if "[ceased-agency]" in line]
    assert len(warned) == 2 and all("programmes/210-kh-ubnd/tasks.yaml:" in line for line in warned), warned
    assert ("nhiệm vụ 1.a.2 giao cho Sở Cũ - Thử & Nghiệm, cơ quan không còn từ 01/03/2025, trước khi 210/KH-UBND "
            "ban hành (01/08/2025); nay Sở Thử Nghiệm thực hiện") in checked.out
    assert "nếu văn bản giao cho Sở Thử Nghiệm, ghi so-a" in checked.out
    assert "giao cho UBND huyện X, cơ quan không còn từ 01/07/2025" in checked.out and "không cơ quan nào kế thừa" in checked.out


@pytest.mark.parametrize(("directory", "refusal"), [
    ("- id: so-a\n  name: Sở A\n  kind: department\n", None),  # no government: the one agency stands for both
    ("- id: ubnd\n  name: UBND tỉnh\n  kind: government\n", None),  # only the government: it is the focal one too
    ("- id: nhom\n  name: Nhóm\n  kind: group\n  members: []\n", "chưa có cơ quan nào"),
    ("- id: [\n", "không đọc được danh mục cơ quan"),
])
def test_init_into_a_directory_of_any_shape_validates_or_writes_nothing(tmp_path: Path, directory: str,
                                                                        refusal: str | None) -> None:
    """A programme added to a register whose directory has no government (or nothing but a
    group, or cannot be read) is a skeleton that validates, or a refusal that writes nothing:
    never a skeleton with an empty issuer that fails its first `validate`."""
    root = tmp_path / "reg"
    root.mkdir()
    (root / "agencies.yaml").write_text(directory, encoding="utf-8")
    made = run_cli("init", str(root), "-n", "3/KH-UBND", "--as-of", AS_OF)
    if refusal is None:
        assert made.code == 0, made.err
        checked = run_cli("validate", "--data", str(root), "--as-of", AS_OF)
        assert checked.code == 0, checked.out
    else:
        assert made.code == 2 and refusal in made.err, made.err
        assert sorted(p.name for p in root.iterdir()) == ["agencies.yaml"]


def test_a_question_across_programmes_says_each_notice_once_and_where(mini: Path, tmp_path: Path) -> None:
    """Reports sent after the day asked are counted once for every programme (one line, not one per
    programme, none saying whose), and a file left unread is named from the register's folder."""
    root = _two(mini)
    wrote = run_cli("record", "1.a.1", "-P", "210", "-p", "2026-Q3", "-a", "so-a", "-s", "in_progress", "--data",
                    str(root), "--as-of", "2026-10-05")
    assert wrote.code == 0, wrote.err
    (root / "programmes/210-kh-ubnd/progress/ghi-chu.txt").write_text("ghi chú", encoding="utf-8")
    for command in (["status", "-a", "so-a"], ["overdue"], ["site", "-o", str(tmp_path / "site")]):
        seen = run_cli(*command, "--data", str(root), "--as-of", "2026-06-01")
        assert seen.code == 0, seen.err
        later = [line for line in seen.err.splitlines() if "chưa được tính" in line]
        assert later == ["Lưu ý: tính đến ngày 01/06/2026: 2 báo cáo gửi sau ngày đó "
                         "(từ 15/06/2026 đến 05/10/2026) chưa được tính."], seen.err
        assert "bỏ qua 1 tệp không phải báo cáo: programmes/210-kh-ubnd/progress/ghi-chu.txt" in seen.err
    one = run_cli("status", "-P", "1-ctr", "--data", str(root), "--as-of", "2026-06-01")
    assert "1 báo cáo gửi sau ngày đó (ngày 15/06/2026) chưa được tính" in one.err and "bỏ qua" not in one.err


@pytest.mark.parametrize(("number", "kind"), [("12-KH/TU", "Kế hoạch"), ("45-CTr/TU", "Chương trình"),
                                              ("03-CT/TU", "Chỉ thị"), ("23/2025/KH-UBND", "Kế hoạch")])
def test_a_party_or_dated_number_names_its_document_by_its_kind(mini: Path, tmp_path: Path, number: str,
                                                                  kind: str) -> None:
    """A Tỉnh ủy document is numbered number-SYMBOL/ISSUER ("12-KH/TU"), some state ones carry a year
    ("23/2025/KH-UBND"): a Kế hoạch among them was called a Chương trình in its own views."""
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("210/KH-UBND", number), encoding="utf-8")
    listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)["programmes"]
    assert [p["kind"] for p in listed if p["number"] == number] == [kind]
    status = run_cli("status", "-P", number, "--data", str(root), "--as-of", AS_OF, env={"COLUMNS": "120"})
    assert status.code == 0 and f"Toàn {kind}" in status.out, status.out
    made = run_cli("init", str(tmp_path / "moi"), "-n", number, "--as-of", AS_OF)
    assert made.code == 0, made.err
    assert f"kind: {kind}" in next((tmp_path / "moi/programmes").glob("*/tasks.yaml")).read_text(encoding="utf-8")


def test_an_ended_programme_is_listed_with_no_report_to_come(mini: Path) -> None:
    """The office marks a programme ended: no report is owed for it, and the list said the next one
    was due all the same."""
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  focal_agency:", "  status: ended\n  focal_agency:"),
                    encoding="utf-8")
    listed = json.loads(run_cli("programmes", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)["programmes"]
    assert [(p["key"], p["status"], p["next_period"]) for p in listed] == [
        ("1-ctr-test", "in_force", "2026"), ("210-kh-ubnd", "ended", None)]
    table = run_cli("programmes", "--data", str(root), "--as-of", AS_OF, env={"COLUMNS": "120"}).out
    assert "không còn" in next(line for line in table.splitlines() if line.startswith("210-kh-ubnd "))


def test_one_unreadable_programme_does_not_hide_the_others(mini: Path) -> None:
    """A typo in one programme's file stopped every question across the province's programmes;
    the others are answered, and the one left out is named with its error (exit 1)."""
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "      - {id: broken\n", encoding="utf-8")
    for fmt in ("table", "json"):
        seen = run_cli("status", "-a", "so-a", "-f", fmt, "--data", str(root), "--as-of", AS_OF)
        assert seen.code == 1 and "không đọc được 1 trong 2 chương trình" in seen.err, seen.err
        assert "210-kh-ubnd (210/KH-UBND): sổ đăng ký có 1 lỗi" in seen.err and "tasks.yaml:" in seen.err
        assert "1/CTr-TEST" in seen.out and "210/KH-UBND" not in seen.out
    listed = json.loads(run_cli("overdue", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
    assert [p["programme"]["key"] for p in listed["programmes"]] == ["1-ctr-test"]
    agencies = root / "agencies.yaml"  # the shared directory broken: nothing to answer, said as for one
    agencies.write_text(agencies.read_text(encoding="utf-8") + "- {id: x\n", encoding="utf-8")
    none = run_cli("status", "-a", "so-a", "--data", str(root), "--as-of", AS_OF)
    assert none.code == 1 and none.out == "" and "không đọc được" not in none.err and "agencies.yaml" in none.err


def test_a_programme_s_header_is_read_whatever_follows_it(mini: Path) -> None:
    """A question across programmes reads only each programme's header, its number and status:
    a byte that is not UTF-8 among the tasks leaves the programme named by its number beside
    its error (the loader's to explain), and a header written with Windows or old Mac line
    breaks reads as any other (a draft so written is left out)."""
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    written = plan.read_bytes()
    plan.write_bytes(written + b"# \xff\n")
    broken = run_cli("status", "-a", "so-a", "--data", str(root), "--as-of", AS_OF)
    assert broken.code == 1 and "210-kh-ubnd (210/KH-UBND):" in broken.err, broken.err
    assert "1/CTr-TEST" in broken.out
    for breaks in (b"\r\n", b"\r"):
        plan.write_bytes(written.replace(b"\n  id:", b"\n  status: draft\n  id:", 1).replace(b"\n", breaks))
        listed = run_cli("status", "-a", "so-a", "-f", "json", "--data", str(root), "--as-of", AS_OF)
        assert listed.code == 0 and "210/KH-UBND" not in listed.out, (breaks, listed.err)
        plan.write_bytes(written.replace(b"\n", breaks))
        both = json.loads(run_cli("status", "-a", "so-a", "-f", "json", "--data", str(root), "--as-of", AS_OF).out)
        assert [p["programme"]["number"] for p in both["programmes"]] == ["1/CTr-TEST", "210/KH-UBND"], breaks


def test_an_id_is_looked_up_past_an_unreadable_programme_but_never_written_by_a_guess(mini: Path) -> None:
    root = _two(mini)
    plan = root / "programmes/210-kh-ubnd/tasks.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "      - {id: broken\n", encoding="utf-8")
    shown = run_cli("show", "1.a.3", "--data", str(root), "--as-of", AS_OF)  # only 1-ctr-test has it, as far as reads
    assert shown.code == 1 and "Nhiệm vụ 1.a.3" in shown.out and "210-kh-ubnd (210/KH-UBND): sổ đăng ký có 1 lỗi" in shown.err
    agency = run_cli("show", "so-a", "--data", str(root), "--as-of", AS_OF)
    assert agency.code == 1 and "1/CTr-TEST" in agency.out, agency.err
    write = run_cli("record", "1.a.3", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(root),
                    "--as-of", AS_OF)
    assert write.code == 2 and "không đọc được 210-kh-ubnd" in write.err and "1-ctr-test:1.a.3" in write.err
    assert not (root / "programmes/1-ctr-test/progress/2026").exists()
    named = run_cli("record", "1-ctr-test:1.a.3", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--data", str(root),
                    "--as-of", AS_OF)
    assert named.code == 0, named.err
