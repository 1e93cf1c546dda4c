"""Everyday surfaces (round 2): what people type and read, in Vietnamese, meaning what it says."""

from __future__ import annotations

from pathlib import Path

from .support import AS_OF, run_cli


def test_a_mistyped_command_is_answered_in_vietnamese() -> None:
    import os
    import subprocess
    import sys

    from .support import ROOT

    proc = subprocess.run([sys.executable, "-m", "qnctr", "statu"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2 and "có phải 'status'" in proc.stderr and "Did you mean" not in proc.stderr


def test_help_names_types_in_vietnamese() -> None:
    out = run_cli("upcoming", "-h").out
    assert "<int range>" not in out and "SỐ NGUYÊN" in out


def test_a_period_may_be_typed_in_any_case(mini: Path) -> None:
    lower = run_cli("status", "-p", "2026-h1", "--data", str(mini), "--as-of", AS_OF, "-f", "json")
    upper = run_cli("status", "-p", "2026-H1", "--data", str(mini), "--as-of", AS_OF, "-f", "json")
    assert lower.code == 0 and lower.out == upper.out


def test_a_period_not_yet_due_is_not_called_the_latest_due(mini: Path) -> None:
    out = run_cli("status", "-p", "2027", "--data", str(mini), "--as-of", "2026-12-03").out
    assert "Kỳ báo cáo 2027 (hạn gửi 19/12/2027, chưa đến hạn)" in out and "đã đến hạn gần nhất: 2027" not in out


def test_a_missing_form_is_said_before_any_register_is_looked_for(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QNCTR_DATA", raising=False)
    result = run_cli("import", "khong-co.xlsx")
    assert result.code == 2 and "không có tệp 'khong-co.xlsx'" in result.err
    assert "sổ đi kèm gói" not in result.err


def test_a_group_of_tasks_shows_no_targets_and_a_target_count_says_its_indicators() -> None:
    grouped = run_cli("status", "-g", "V", "--as-of", AS_OF, "-f", "json")
    import json

    assert json.loads(grouped.out)["targets"] == []
    out = run_cli("targets", "--as-of", AS_OF).out
    assert "Chỉ tiêu (24 chỉ tiêu, 30 chỉ số)" in out


def test_schema_out_is_a_folder_in_help() -> None:
    assert "--out THƯ_MỤC" in run_cli("schema", "-h").out


def test_an_edit_to_a_locked_task_text_is_said_to_be_ignored(mini: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    form = tmp_path / "f.xlsx"
    assert run_cli("form", "-p", "2026", "-a", "so-a", "-o", str(form), "--data", str(mini), "--as-of", AS_OF).code == 0
    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    row = next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == "1.c.1")
    ws.protection.sheet = False
    ws.cell(row, 2).value = "Nội dung do cơ quan tự sửa"
    ws.cell(row, 6).value = "Đang thực hiện"
    wb.save(form)
    result = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0 and f"Nhiệm vụ!B{row} (1.c.1)" in result.err and "không được ghi nhận" in result.err
    assert "Nội dung do cơ quan tự sửa" not in (mini / "tasks.yaml").read_text(encoding="utf-8")


def test_the_targets_csv_names_each_indicator_and_its_lead_and_writes_whole_figures_whole(mini: Path) -> None:
    import csv
    import io

    assert run_cli("observe", "2030.1.a", "-p", "2026", "-a", "so-b", "--value", "1250", "--data", str(mini),
                   "--as-of", AS_OF).code == 0
    rows = list(csv.DictReader(io.StringIO(run_cli("targets", "-f", "csv", "--data", str(mini), "--as-of", AS_OF)
                                           .out.lstrip("\ufeff"))))
    row = next(r for r in rows if r["id"] == "2030.1.a")
    assert row["name"] == "Doanh nghiệp cộng dồn" and row["lead"] == "so-b; so-a"
    assert row["lead_name"] == "Sở Ngân Quỹ; Sở Thử Nghiệm" and row["value"] == "1250"


def test_compare_says_its_unit_and_prints_no_empty_table(history: Path) -> None:
    out = run_cli("compare", "2025-H1", "2026-H1", "--data", str(history), "--as-of", AS_OF,
                  env={"COLUMNS": "120", "QNCTR_LAYOUT": "table"}).out
    assert "Số lượt cơ quan – nhiệm vụ" in out and " lượt, " in out and " nhiệm vụ)" in out
    from .support import MINI

    quiet = run_cli("compare", "2025-H1", "2025", "--data", str(MINI), "--as-of", AS_OF,
                    env={"COLUMNS": "120", "QNCTR_LAYOUT": "table"}).out
    assert "Chỉ tiêu đổi đánh giá: không có" in quiet and "Nhiệm vụ đổi trạng thái: không có" in quiet
    assert "Chỉ số" not in quiet and "───" not in quiet


def test_overdue_and_upcoming_print_no_empty_table(mini: Path) -> None:
    """An empty section was a title over a header with no rows ("Chỉ số  Cơ quan chủ trì  Hạn …"
    and nothing under it), in a pipe and in a terminal; it is one line, as in compare."""
    for env in ({"COLUMNS": "120", "QNCTR_LAYOUT": "table"}, {"COLUMNS": "120"}):
        out = run_cli("overdue", "-a", "so-b", "--data", str(mini), "--as-of", "2025-01-05", env=env).out
        assert "Chỉ tiêu quá hạn chưa đạt hoặc chưa có số liệu: không có" in out, out
        assert "Nhiệm vụ quá hạn: không có" in out and "Chỉ số" not in out and "Mã " not in out
        assert "Cơ quan chưa gửi báo cáo (1)" in out and "19/12/2024" in out  # a section with rows keeps its table
        soon = run_cli("upcoming", "-w", "0", "--data", str(mini), "--as-of", "2025-01-05", env=env).out
        assert "Sắp đến hạn trong 0 ngày kể từ 05/01/2025: không có" in soon and "Loại" not in soon, soon


def test_the_markdown_preview_reads_as_written() -> None:
    md = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", "--as-of", AS_OF).out
    assert "&gt;" not in md and "&amp;" not in md
    assert "| \\> 10 % |" in md  # Markdown's own escape of a leading >: shown as "> 10 %" by any viewer


def test_at_120_columns_a_target_state_stays_on_one_line() -> None:
    out = run_cli("targets", "--as-of", AS_OF, env={"COLUMNS": "120", "QNCTR_LAYOUT": "table"}).out
    assert "Chưa có số liệu" in out and not any(line.rstrip().endswith("Chưa có số") for line in out.splitlines())


def test_piped_agencies_are_not_padded_out_to_the_longest_aliases() -> None:
    lines = run_cli("agencies", "--as-of", AS_OF).out.splitlines()
    assert all(line == line.rstrip() for line in lines)
    short = next(line for line in lines if line.startswith("so-noi-vu "))
    assert len(short) < 200


def test_a_table_for_people_opens_in_a_spreadsheet_with_ids_as_text() -> None:
    import io

    from openpyxl import load_workbook

    from qnctr.render.export import to_xlsx

    result = run_cli("targets", "-f", "xlsx", "--as-of", AS_OF)
    assert result.code == 0
    workbook = load_workbook(io.BytesIO(result.raw))
    assert workbook.properties.creator == "qnctr"
    sheet = workbook.active
    heading = [c.value for c in sheet[1]]
    assert heading[:5] == ["Chỉ tiêu", "Mã", "Tên", "Mã cơ quan chủ trì", "Cơ quan chủ trì"]
    ids = {row[0].value: row[0] for row in sheet.iter_rows(min_row=2)}
    assert "2025.10" in ids and "2025.1" in ids and ids["2025.10"].data_type == "s"  # not the number 2025.1
    book = load_workbook(io.BytesIO(to_xlsx([{"id": "=1+1", "value": 11250.0}], ["id", "value"], "t"))).active
    assert book["A2"].value == "=1+1" and book["A2"].data_type == "s" and book["B2"].value == 11250


def test_a_figure_is_shown_with_its_unit_beside_a_goal_with_one(history: Path) -> None:
    out = run_cli("show", "2026.1", "--data", str(history), "--as-of", AS_OF).out
    row = next(line for line in out.splitlines() if line.startswith("2026.1.a  ") and "≥ 90 %" in line)
    assert "88 %" in row
    assert "93 %" in out and "85 %" in out  # the figures as reported, each with its unit


def test_on_a_wide_terminal_a_task_state_stays_on_one_line() -> None:
    out = run_cli("status", "-a", "Sở Nội vụ", "--as-of", AS_OF, env={"COLUMNS": "120", "QNCTR_LAYOUT": "table"}).out
    rows = [line for line in out.splitlines() if line.startswith(" 2.d.1 ") or line.startswith(" 4.b.3 ")]
    assert len(rows) == 2 and all("Chưa có báo cáo" in row for row in rows)
    narrow = run_cli("status", "-a", "Sở Nội vụ", "--as-of", AS_OF, env={"COLUMNS": "80", "QNCTR_LAYOUT": "table"}).out
    assert max(len(line) for line in narrow.splitlines()) <= 80


def test_a_task_text_changed_in_the_register_after_the_form_is_said_with_both_texts(mini: Path,
                                                                                    tmp_path: Path) -> None:
    """The agency answered the wording it was sent; when the office has since changed the task's
    text, the import says so with both texts, instead of blaming the agency for an edit."""
    from openpyxl import load_workbook

    form = tmp_path / "f.xlsx"
    assert run_cli("form", "-p", "2026", "-a", "so-a", "-o", str(form), "--data", str(mini), "--as-of", AS_OF).code == 0
    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    row = next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == "1.c.1")
    was = ws.cell(row, 2).value
    ws.cell(row, 6).value = "Đang thực hiện"
    wb.save(form)
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(was, "Nội dung đã được văn phòng sửa lại"), encoding="utf-8")
    result = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert f"Nhiệm vụ!B{row} (1.c.1): nội dung nhiệm vụ trong sổ đăng ký đã sửa sau khi tạo mẫu" in result.err
    assert f"mẫu: «{was}»" in result.err and "nay: «Nội dung đã được văn phòng sửa lại»" in result.err
    assert "cột khóa" not in result.err
