"""Excel report forms: pre-filled, protected, read back with errors that name sheet!cell."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from .support import AS_OF, form_column, run_cli


def make_form(root: Path, tmp_path: Path, agency: str = "so-a", period: str = "2026") -> Path:
    out = tmp_path / "form.xlsx"
    result = run_cli("form", "-p", period, "-a", agency, "-o", str(out), "--data", str(root), "--as-of", AS_OF)
    assert result.code == 0, result.err
    return out


def rows_by_id(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {row[0].value: row[0].row for row in ws.iter_rows(min_row=3) if row[0].value}


def test_form_is_prefilled_protected_and_explained(mini: Path, tmp_path: Path) -> None:
    wb = load_workbook(make_form(mini, tmp_path))
    assert wb.sheetnames[:3] == ["Hướng dẫn", "Nhiệm vụ", "Chỉ tiêu"]
    assert "Hoàn thành: bắt buộc ghi 'Ngày hoàn thành'" in "\n".join(
        str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    ws = wb["Nhiệm vụ"]
    ids = rows_by_id(ws)
    assert set(ids) == {"1.a.1", "1.a.2", "1.a.3", "1.b.1", "1.b.2", "1.b.3", "1.c.1", "2.a.1", "2.b.1"}
    row = ids["2.b.1"]
    assert ws.cell(row, 3).value == "Kế thừa" and ws.cell(row, 5).value == "Đang thực hiện (2026-H1)"
    assert ws.protection.sheet
    assert ws.cell(row, 1).protection.locked and not ws.cell(row, 6).protection.locked
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and "Hoàn thành" in lists[0].formula1
    assert any(dv.type == "date" for dv in ws.data_validations.dataValidation)
    targets = rows_by_id(wb["Chỉ tiêu"])
    assert set(targets) == {"2025.1.a", "2030.1.a"}  # so-a leads 2030.1 with so-b
    assert wb["_qnctr"].sheet_state == "hidden"


def fill(path: Path, edits: dict[tuple[str, str, int | str], object]) -> Path:
    wb = load_workbook(path)
    rows = {name: rows_by_id(wb[name]) for name in ("Nhiệm vụ", "Chỉ tiêu")}
    for (sheet, task, col), value in edits.items():
        wb[sheet].cell(rows[sheet][task], form_column(sheet, col), value)
    out = path.with_name("filled.xlsx")
    wb.save(out)
    return out


def test_form_fill_import_status(mini: Path, tmp_path: Path) -> None:
    filled = fill(make_form(mini, tmp_path), {
        ("Nhiệm vụ", "1.c.1", 6): "Hoàn thành", ("Nhiệm vụ", "1.c.1", 7): datetime(2026, 9, 1),
        ("Nhiệm vụ", "1.c.1", 8): "Đã ban hành quyết định",
        # typed over the dropdown, without diacritics: still understood
        ("Nhiệm vụ", "1.b.1", 6): "dung thuc hien", ("Nhiệm vụ", "1.b.1", 8): "Không còn phù hợp",
        ("Chỉ tiêu", "2025.1.a", "value"): 93.5, ("Chỉ tiêu", "2025.1.a", "as_of"): datetime(2025, 12, 31),  # due 2025
    })
    dry = run_cli("import", str(filled), "--dry-run", "--data", str(mini), "--as-of", AS_OF)
    assert dry.code == 0 and "thử, không ghi" in dry.out
    assert not (mini / "progress/2026/so-a.yaml").exists()
    done = run_cli("import", str(filled), "--data", str(mini), "--as-of", AS_OF)
    assert done.code == 0, done.err
    data = json.loads(run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out)
    states = {t["id"]: t["state"] for t in data["tasks"]}
    assert states["1.c.1"] == "done_on_time" and states["1.b.1"] == "suspended"
    value = {i["id"]: i["value"] for t in data["targets"] for i in t["indicators"]}
    assert value["2025.1.a"] == 93.5


@pytest.mark.parametrize(("edits", "cell"), [
    ({("Nhiệm vụ", "1.c.1", 6): "Xong"}, "Nhiệm vụ!F"),
    ({("Nhiệm vụ", "1.c.1", 6): "Hoàn thành", ("Nhiệm vụ", "1.c.1", 7): "ngày mai"}, "Nhiệm vụ!G"),
    ({("Nhiệm vụ", "1.c.1", 6): "Hoàn thành"}, "Nhiệm vụ!G"),
    ({("Nhiệm vụ", "1.c.1", 6): "Dừng thực hiện"}, "Nhiệm vụ!H"),
    ({("Nhiệm vụ", "1.c.1", 1): "9.z.9", ("Nhiệm vụ", "1.c.1", 6): "Đang thực hiện"}, "Nhiệm vụ!A"),
    ({("Chỉ tiêu", "2025.1.a", "value"): "nhiều"}, "Chỉ tiêu!G"),
    ({("Nhiệm vụ", "1.c.1", 6): "Hoàn thành", ("Nhiệm vụ", "1.c.1", 7): datetime(2027, 1, 1)}, "Nhiệm vụ!G"),
])
def test_bad_form_is_refused_naming_the_cell_and_writes_nothing(mini: Path, tmp_path: Path, edits: dict, cell: str) -> None:  # type: ignore[type-arg]
    form = make_form(mini, tmp_path)
    row = rows_by_id(load_workbook(form)["Nhiệm vụ"])["1.c.1"]
    filled = fill(form, {**edits, ("Nhiệm vụ", "1.a.3", 6): "Đang thực hiện"})
    before = sorted(p.name for p in (mini / "progress").rglob("*"))
    result = run_cli("import", str(filled), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2
    expected = f"{cell}{row}" if "Nhiệm vụ" in cell else cell
    assert expected in result.err, result.err
    assert "không ghi gì" in result.err
    assert sorted(p.name for p in (mini / "progress").rglob("*")) == before


def test_not_a_form_is_refused(tmp_path: Path, mini: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really")
    result = run_cli("import", str(junk), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and "junk.xlsx" in result.err


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_form_saved_by_libreoffice_calc_imports(mini: Path, tmp_path: Path) -> None:
    filled = fill(make_form(mini, tmp_path), {
        ("Nhiệm vụ", "1.c.1", 6): "Hoàn thành", ("Nhiệm vụ", "1.c.1", 7): datetime(2026, 9, 1),
        ("Chỉ tiêu", "2025.1.a", "value"): 91,
    })
    outdir = tmp_path / "calc"
    outdir.mkdir()
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(outdir), str(filled)], check=True, capture_output=True, timeout=240)
    resaved = outdir / "filled.xlsx"
    assert resaved.is_file()
    result = run_cli("import", str(resaved), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0, result.err
    data = json.loads(run_cli("show", "1.c.1", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out)
    assert data["state"] == "done_on_time"


def test_a_form_shows_each_target_deadline_and_a_version_3_form_still_imports(mini: Path, tmp_path: Path) -> None:
    from qnctr.intake.layout import META_SHEET, TARGET_LAYOUT
    from qnctr.intake.signing import _identity, _macs, _prefilled, _row_ids, form_key

    form = make_form(mini, tmp_path)
    wb = load_workbook(form)
    targets = wb["Chỉ tiêu"]
    deadline = TARGET_LAYOUT.number("deadline")
    assert targets.cell(2, deadline).value == "Hạn" and targets.cell(rows_by_id(targets)["2025.1.a"], deadline).value
    # The same form as version 3 made it (already sent out): no deadline column, signed as such.
    targets.delete_cols(deadline)
    meta = wb[META_SHEET]
    values = {str(r[0].value): r[1] for r in meta.iter_rows(min_row=1, max_col=2) if r[0].value}
    values["version"].value = "3"
    identity = {k: c.value for k, c in values.items()}
    key = form_key(mini, create=False).key
    for name, mac in _macs(key, _identity(identity), _row_ids(wb["Nhiệm vụ"], targets), _prefilled(wb)[1]).items():
        values[name].value = mac
    targets.cell(rows_by_id(targets)["2025.1.a"], 6).value = 91  # F: the figure, in version 3
    old = tmp_path / "v3.xlsx"
    wb.save(old)
    result = run_cli("import", str(old), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert "value: 91" in (mini / "progress/2026/so-a.yaml").read_text(encoding="utf-8")


def test_rows_the_agency_added_are_named_and_left_out_not_a_refusal(mini: Path, tmp_path: Path) -> None:
    form = make_form(mini, tmp_path)
    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    ids = rows_by_id(ws)
    ws.cell(ids["1.c.1"], 6).value = "Đang thực hiện"
    extra = max(ids.values()) + 1
    ws.cell(extra, 2).value, ws.cell(extra, 6).value = "Việc thêm của Sở", "Hoàn thành"  # no id, no date
    ws.cell(extra + 1, 1).value, ws.cell(extra + 1, 6).value = "9.z.9", "Đang thực hiện"  # an id not in the programme
    filled = tmp_path / "extra.xlsx"
    wb.save(filled)
    result = run_cli("import", str(filled), "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert f"Nhiệm vụ!A{extra}: dòng thêm không có mã nhiệm vụ, không được nhập" in result.err
    assert f"Nhiệm vụ!A{extra + 1}: mã '9.z.9' không có trong chương trình (dòng thêm), không được nhập" in result.err
    written = (mini / "progress/2026/so-a.yaml").read_text(encoding="utf-8")
    assert "1.c.1" in written and "9.z.9" not in written


def test_form_problems_are_said_in_the_form_s_words(mini: Path, tmp_path: Path) -> None:
    filled = fill(make_form(mini, tmp_path), {("Nhiệm vụ", "1.c.1", 6): "Hoàn thành",
                                              ("Nhiệm vụ", "1.b.1", 6): "Dừng thực hiện"})
    result = run_cli("import", str(filled), "--dry-run", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2
    assert "tình trạng 'Hoàn thành' phải có 'Ngày hoàn thành'" in result.err
    assert "lý do ở cột 'Kết quả thực hiện'" in result.err or "lý do mới ở cột 'Kết quả thực hiện'" in result.err
    assert "(completed)" not in result.err and "(--result)" not in result.err and "(result)" not in result.err


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler-utils is not installed")
def test_the_printed_instructions_keep_every_line_whole(mini: Path, tmp_path: Path) -> None:
    from qnctr.intake.layout import INSTRUCTIONS

    form = make_form(mini, tmp_path)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(form)],
                   check=True, capture_output=True, timeout=180)
    page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "form.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    words = " ".join(page.split())
    for line in INSTRUCTIONS:  # the start and the end of every paragraph are on the page
        if line.strip():
            first, last = line.split()[:3], line.split()[-3:]
            assert " ".join(first) in words and " ".join(last) in words, line


def test_a_form_qnctr_writes_is_always_one_it_can_import(mini: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The row bound is one: form writes no form import would refuse (the hidden sheet of
    pre-filled cells holds several rows a task, and was once held to the tasks' bound)."""
    from qnctr.intake import layout

    rows = len(rows_by_id(load_workbook(make_form(mini, tmp_path, period="2026-H1"))["Nhiệm vụ"]))
    monkeypatch.setattr(layout, "MAX_FORM_ROWS", rows)
    form = tmp_path / "exact.xlsx"
    made = run_cli("form", "-p", "2026-H1", "-a", "so-a", "-o", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert made.code == 0, made.err
    back = run_cli("import", str(form), "--dry-run", "--submitted", AS_OF, "--data", str(mini), "--as-of", AS_OF)
    assert back.code == 0, back.out + back.err  # (a form sent back blank is a report only with its date)
    monkeypatch.setattr(layout, "MAX_FORM_ROWS", rows - 1)
    refused = run_cli("form", "-p", "2026-H1", "-a", "so-a", "-o", str(tmp_path / "big.xlsx"), "--data", str(mini),
                      "--as-of", AS_OF)
    assert refused.code in (1, 2) and "không nhập lại được" in refused.out + refused.err
    assert not (tmp_path / "big.xlsx").exists()
