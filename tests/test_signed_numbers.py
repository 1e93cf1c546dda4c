"""Issue: numbers an official signs. Percent cells, decimal commas, merging updates and the
change list: nothing reaches the register changed or dropped without a word."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from qnctr.numbers import NumberError, format_number, parse_number, scales_percent

from .support import AS_OF, form_column, run_cli

REPORT = "progress/2026-H1/so-a.yaml"


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = run_cli(*args, "--data", str(root), "--as-of", AS_OF)
    return result.code, result.out + result.err


def entries(root: Path, rel: str = REPORT) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
    return {e.get("task") or e["indicator"]: e for e in [*(data.get("tasks") or []), *(data.get("targets") or [])]}


def make_form(root: Path, tmp_path: Path, period: str = "2026-H1") -> Path:
    out = tmp_path / f"form-{period}.xlsx"
    code, text = cli(root, "form", "-p", period, "-a", "so-a", "-o", str(out))
    assert code == 0, text
    return out


def row_of(ws, item: str) -> int:  # type: ignore[no-untyped-def]
    return next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == item)


def edit(form: Path, sheet: str, item: str, column: int | str, value: object, number_format: str | None = None) -> Path:
    wb = load_workbook(form)
    cell = wb[sheet].cell(row_of(wb[sheet], item), form_column(sheet, column))
    cell.value = value
    if number_format:
        cell.number_format = number_format
    wb.save(form)
    return form


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("92,4", 92.4), ("92.4", 92.4), ("12.345,5", 12345.5), ("12,345.5", 12345.5), ("1.234.567", 1234567),
    ("0,924", 0.924), ("-3,5", -3.5), ("92,4%", 92.4), ("1 234,5", 1234.5), ("100", 100),
])
def test_numbers_are_read_as_vietnamese_write_them(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e400", "", "abc", "1,2,3", "10.000", "5,500"])
def test_non_numbers_and_ambiguous_thousands_are_refused(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize(("text", "decimal"), [("30,124", 30.124), ("30.124", 30.124), ("5,500", 5.5), ("7,120", 7.12)])
def test_the_way_out_of_an_ambiguous_number_is_a_number_that_is_read(text: str, decimal: float) -> None:
    # "30,124": thirty thousand or thirty and a bit? The message says how to write each; the
    # decimal way it named was "30,124" itself, refused again.
    with pytest.raises(NumberError) as refused:
        parse_number(text)
    said = str(refused.value)
    whole = re.search(r"nếu là (\S+) thì viết (\S+);", said)
    assert whole is not None and parse_number(whole.group(2)) == int(text.replace(",", "").replace(".", ""))
    written = re.search(r"nếu là số thập phân thì viết (\S+)", said)
    assert written is not None and parse_number(written.group(1)) == decimal, said


def test_numbers_are_written_vietnamese_style() -> None:
    assert [format_number(v) for v in (12345.5, 100, 1234567, 0.5, 92.4)] == ["12.345,5", "100", "1.234.567", "0,5", "92,4"]


def test_observe_reads_a_decimal_comma(mini: Path) -> None:
    code, out = cli(mini, "observe", "2025.1.a", "-p", "2026-H1", "-a", "so-a", "--value", "89,5")
    assert code == 0, out
    assert entries(mini)["2025.1.a"]["value"] == 89.5
    assert "92,5 → 89,5" in out


def test_observe_refuses_a_fraction_for_a_percent_indicator_unless_confirmed(mini: Path) -> None:
    before = (mini / REPORT).read_bytes()
    result = run_cli("observe", "2025.1.a", "-p", "2026-H1", "-a", "so-a", "--value", "0,924",
                     "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 2 and "có phải 92,4 %" in result.err and "--confirm-doubts" in result.err
    assert (mini / REPORT).read_bytes() == before
    result = run_cli("observe", "2025.1.a", "-p", "2026-H1", "-a", "so-a", "--value", "0,924", "--confirm-doubts",
                     "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0 and "đã xác nhận" in result.err
    assert entries(mini)["2025.1.a"]["value"] == 0.924 and entries(mini)["2025.1.a"]["confirmed"] is True
    assert "percent-as-fraction" not in run_cli("validate", "--data", str(mini), "--as-of", AS_OF).out


@pytest.mark.parametrize("value", ["nan", "inf", "10.000"])
def test_observe_refuses_non_finite_and_ambiguous_values(mini: Path, value: str) -> None:
    before = (mini / REPORT).read_bytes()
    code, out = cli(mini, "observe", "2025.1.a", "-p", "2026-H1", "-a", "so-a", "--value", value)
    assert code == 2 and "--value" in out
    assert (mini / REPORT).read_bytes() == before


# --- percent cells in the Excel form ------------------------------------------------------------


def test_a_percent_formatted_cell_is_the_percent_it_shows(mini: Path, tmp_path: Path) -> None:
    form = edit(make_form(mini, tmp_path), "Chỉ tiêu", "2025.1.a", "value", 0.924, "0.0%")
    code, out = cli(mini, "import", str(form))
    assert code == 0, out
    assert entries(mini)["2025.1.a"]["value"] == 92.4
    targets = json.loads(cli(mini, "targets", "-f", "json")[1])
    ind = next(i for t in targets["targets"] for i in t["indicators"] if i["id"] == "2025.1.a")
    assert ind["value"] == 92.4 and ind["state"] == "met"


@pytest.mark.parametrize("number_format", ['0.0"%"', "0.0\\%", '[Blue]0.0" %"', '#,##0.0"%";[Red]-#,##0.0"%"'])
def test_a_literal_percent_sign_in_the_format_is_not_a_scale(mini: Path, tmp_path: Path, number_format: str) -> None:
    """Excel shows 92.4 in 0.0"%" as 92,4% without scaling: the figure is 92.4, not 9240."""
    form = edit(make_form(mini, tmp_path), "Chỉ tiêu", "2025.1.a", "value", 92.4, number_format)
    code, out = cli(mini, "import", str(form))
    assert code == 0, out
    assert entries(mini)["2025.1.a"]["value"] == 92.4


@pytest.mark.parametrize(("number_format", "scales"), [
    ("0.0%", True), ("0%", True), ('0.0"%"', False), ("0.0\\%", False), ("[Red]0.0%", True),
    ('"tỷ lệ %" 0.0', False), ("General", False), (None, False), ("0.0_%", False), ("0.0*%", False),
])
def test_which_number_formats_scale_by_a_hundred(number_format: str | None, scales: bool) -> None:
    assert scales_percent(number_format) is scales


def test_a_bare_fraction_for_a_percent_indicator_is_questioned_naming_the_cell(mini: Path, tmp_path: Path) -> None:
    form = make_form(mini, tmp_path)
    row = row_of(load_workbook(form)["Chỉ tiêu"], "2025.1.a")
    edit(form, "Chỉ tiêu", "2025.1.a", "value", 0.924)
    before = (mini / REPORT).read_bytes()
    dry = run_cli("import", str(form), "--dry-run", "--data", str(mini), "--as-of", AS_OF)
    assert dry.code == 2
    assert f"Chỉ tiêu!G{row}" in dry.err and "có phải 92,4 %" in dry.err and "--confirm-doubts" in dry.err
    real = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF)
    assert real.code == 2 and (mini / REPORT).read_bytes() == before
    confirmed = run_cli("import", str(form), "--confirm-doubts", "--data", str(mini), "--as-of", AS_OF)
    assert confirmed.code == 0 and f"Chỉ tiêu!G{row}" in confirmed.err and "đã xác nhận" in confirmed.err
    assert entries(mini)["2025.1.a"]["confirmed"] is True


# --- updates merge -----------------------------------------------------------------------------


def test_record_changes_only_the_fields_given(mini: Path) -> None:
    code, out = cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--evidence", "Quyết định 12/QĐ-SNV")
    assert code == 0, out
    code, out = cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "-s", "in_progress", "--result", "Đã họp")
    assert code == 0, out
    entry = entries(mini)["1.a.3"]
    assert entry["evidence"] == "Quyết định 12/QĐ-SNV" and entry["result"] == "Đã họp"
    assert "kết quả: «Đang triển khai» → «Đã họp»" in out
    assert "minh chứng" not in out  # not touched, not listed


def test_clear_is_the_only_way_to_remove_a_field_and_it_is_listed(mini: Path) -> None:
    cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--evidence", "QĐ 12")
    code, out = cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--clear", "evidence")
    assert code == 0, out
    assert "evidence" not in entries(mini)["1.a.3"]
    assert "văn bản, minh chứng: xóa «QĐ 12»" in out
    code, out = cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--clear", "status")
    assert code == 2 and "--clear 'status'" in out


def test_leaving_done_needs_the_date_cleared_explicitly(mini: Path) -> None:
    before = (mini / REPORT).read_bytes()
    code, out = cli(mini, "record", "1.a.1", "-p", "2026-H1", "-a", "so-a", "-s", "in_progress")
    assert code == 2 and "--clear completed" in out
    assert (mini / REPORT).read_bytes() == before
    code, out = cli(mini, "record", "1.a.1", "-p", "2026-H1", "-a", "so-a", "-s", "in_progress", "--clear", "completed")
    assert code == 0, out
    assert "completed" not in entries(mini)["1.a.1"] and "ngày hoàn thành: xóa 01/05/2026" in out


def test_the_same_value_again_changes_nothing_and_says_so(mini: Path) -> None:
    before = (mini / REPORT).read_bytes()
    code, out = cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "-s", "in_progress", "--result", "Đang triển khai")
    assert code == 0 and "Không có gì thay đổi" in out
    assert (mini / REPORT).read_bytes() == before


def test_reimporting_a_form_keeps_what_it_did_not_change(mini: Path, tmp_path: Path) -> None:
    cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--evidence", "QĐ 12")
    form = make_form(mini, tmp_path)
    ws = load_workbook(form)["Nhiệm vụ"]
    row = row_of(ws, "1.a.3")
    assert ws.cell(row, 8).value == "Đang triển khai" and ws.cell(row, 10).value == "QĐ 12"  # pre-filled
    edit(form, "Nhiệm vụ", "1.a.3", 9, "Thiếu kinh phí")
    # Meanwhile the focal agency corrects the result by hand: the form must not undo it.
    cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--result", "Đang triển khai, đạt 60%")
    code, out = cli(mini, "import", str(form))
    assert code == 0, out
    entry = entries(mini)["1.a.3"]
    assert entry == {"task": "1.a.3", "status": "in_progress", "result": "Đang triển khai, đạt 60%",
                     "evidence": "QĐ 12", "difficulties": "Thiếu kinh phí"}
    assert "1.a.3: khó khăn, vướng mắc: thêm «Thiếu kinh phí»" in out
    assert out.count("1.a.") == 1  # untouched rows are not listed


def test_a_cleared_prefilled_cell_is_a_removal_listed_in_the_dry_run(mini: Path, tmp_path: Path) -> None:
    cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--evidence", "QĐ 12")
    form = edit(make_form(mini, tmp_path), "Nhiệm vụ", "1.a.3", 10, None)
    before = (mini / REPORT).read_bytes()
    code, out = cli(mini, "import", str(form), "--dry-run")
    assert code == 0 and "1.a.3: văn bản, minh chứng: xóa «QĐ 12»" in out and "thử, không ghi" in out
    assert (mini / REPORT).read_bytes() == before
    code, out = cli(mini, "import", str(form))
    assert code == 0 and "evidence" not in entries(mini)["1.a.3"]


def test_the_same_task_on_two_rows_is_refused_naming_both_cells(mini: Path, tmp_path: Path) -> None:
    form = make_form(mini, tmp_path)
    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    first, second = row_of(ws, "1.a.3"), row_of(ws, "1.b.1")
    ws.protection.sheet = False
    ws.cell(second, 1).value = "1.a.3"
    ws.cell(second, 6).value = "Hoàn thành"
    ws.cell(second, 7).value = datetime(2026, 6, 1)
    wb.save(form)
    before = (mini / REPORT).read_bytes()
    code, out = cli(mini, "import", str(form))
    assert code == 2 and f"Nhiệm vụ!A{second}" in out and f"Nhiệm vụ!A{first}" in out
    assert (mini / REPORT).read_bytes() == before


# --- the form prints --------------------------------------------------------------------------


def test_the_form_prints_on_a4_landscape_one_page_wide_with_header_rows(mini: Path, tmp_path: Path) -> None:
    wb = load_workbook(make_form(mini, tmp_path))
    for name in ("Nhiệm vụ", "Chỉ tiêu"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$2"
        last = max(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value)
        assert str(ws.print_area).endswith(f"${last}")
        for row in range(3, last + 1):
            assert all(c.alignment.wrap_text for c in ws[row])
            text = ws.cell(row, 2).value
            assert ws.row_dimensions[row].height >= 14.5 * (len(text) // (ws.column_dimensions["B"].width * 1.2))


def test_register_text_is_never_a_formula_in_the_form(mini: Path, tmp_path: Path) -> None:
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("text: Đang làm}", 'text: "=HYPERLINK(\\"http://x\\",\\"bấm\\")"}'),
                     encoding="utf-8")
    ws = load_workbook(make_form(mini, tmp_path))["Nhiệm vụ"]
    cell = ws.cell(row_of(ws, "1.a.3"), 2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_a_form_resaved_by_libreoffice_imports_the_same(mini: Path, tmp_path: Path) -> None:
    """The round a real agency makes: fill in (a percent cell included), save with Calc, return."""
    import subprocess

    cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--evidence", "QĐ 12")
    form = make_form(mini, tmp_path)
    edit(form, "Chỉ tiêu", "2025.1.a", "value", 0.924, "0.0%")
    edit(form, "Nhiệm vụ", "1.a.3", 9, "Thiếu kinh phí")
    out = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(form)],
                   check=True, capture_output=True, timeout=120)
    code, text = cli(mini, "import", str(out / form.name))
    assert code == 0, text
    lines = [line.strip() for line in text.splitlines()[1:]]
    assert lines == ["1.a.3: khó khăn, vướng mắc: thêm «Thiếu kinh phí»", "2025.1.a: số liệu: 92,5 → 92,4"]
    assert entries(mini)["1.a.3"]["evidence"] == "QĐ 12"


def test_an_update_keeps_the_date_the_report_was_first_sent(mini: Path, tmp_path: Path) -> None:
    """Re-importing a form in November must not make a report sent on time in June look late."""
    form = edit(make_form(mini, tmp_path), "Nhiệm vụ", "1.a.3", 9, "Thiếu kinh phí")
    code, out = cli(mini, "import", str(form))
    assert code == 0, out
    data = yaml.safe_load((mini / REPORT).read_text(encoding="utf-8"))
    assert str(data["submitted"]) == "2026-06-15" and "ngày gửi" not in out
    code, out = cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--submitted", "2026-06-18",
                    "--document", "Báo cáo số 90/BC-SNV")
    assert code == 0, out
    assert "ngày gửi báo cáo: 15/06/2026 → 18/06/2026" in out
    assert "số hiệu văn bản báo cáo: «Báo cáo số 85/BC-STN» → «Báo cáo số 90/BC-SNV»" in out


def test_a_stored_fraction_for_a_percent_indicator_is_questioned_by_validate(mini: Path) -> None:
    """The doubt is one rule (checks.check_observation): a file edited by hand gets it too, at its line."""
    report = mini / "progress/2026-H1/so-a.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace('{indicator: "2025.1.a", value: 92.5,', '{indicator: "2025.1.a", value: 0.925,'),
                      encoding="utf-8")
    line = next(i for i, row in enumerate(report.read_text(encoding="utf-8").splitlines(), 1) if "0.925" in row)
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0  # a doubt, not an error: 0,925 % can be a real figure
    assert f"so-a.yaml:{line}:" in result.out and "[percent-as-fraction]" in result.out and "có phải 92,5 %" in result.out


def test_a_small_percent_is_a_figure_where_the_goal_is_a_ceiling(mini: Path) -> None:
    """0,8 % for a poverty rate to bring below 1 % (or a late-dossier rate to keep at most 5 %) is a
    figure, not a fraction typed for 80 %: it was refused until confirmed, every period."""
    targets = mini / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8") + """- id: "2025.9"
  lead: [so-a]
  due: 2025
  source: Phụ lục I.9
  text: Tỷ lệ hộ nghèo dưới 1%; tỷ lệ hồ sơ trễ hạn không quá 5%.
  indicators:
    - {id: "a", name: Tỷ lệ hộ nghèo, unit: "%", op: "<", value: 1, measure: level}
    - {id: "b", name: Tỷ lệ hồ sơ trễ hạn, unit: "%", op: "<=", value: 5, measure: level}
""", encoding="utf-8")
    for indicator in ("2025.9.a", "2025.9.b"):
        result = run_cli("observe", indicator, "-p", "2026-H1", "-a", "so-a", "--value", "0,8",
                         "--data", str(mini), "--as-of", AS_OF)
        assert result.code == 0 and "có phải" not in result.err, result.err
    assert entries(mini)["2025.9.a"]["value"] == 0.8 and "confirmed" not in entries(mini)["2025.9.a"]
    still = run_cli("observe", "2025.1.a", "-p", "2026-H1", "-a", "so-a", "--value", "0,924",
                    "--data", str(mini), "--as-of", AS_OF)  # a floor of 90 %: 0,924 is still doubted
    assert still.code == 2 and "có phải 92,4 %" in still.err
