"""The Excel reporting form an agency fills in, and reading it back (errors name sheet!cell)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .calendar import Period, short_date
from .model import Agency
from .queries import Context, status
from .record import Change, parse_status
from .state import REPORT_STATUS_LABELS

TASK_SHEET = "Nhiệm vụ"
TARGET_SHEET = "Chỉ tiêu"
HELP_SHEET = "Hướng dẫn"
META_SHEET = "_qnctr"
FORM_VERSION = "1"
FIRST_ROW = 3  # row 1: title, row 2: column headers

STATUS_CHOICES = {label: code for code, label in REPORT_STATUS_LABELS.items()}
MET_CHOICES = {"Đạt": True, "Không đạt": False}

TASK_COLUMNS = [  # (header, width, editable)
    ("Mã nhiệm vụ", 11, False), ("Nội dung nhiệm vụ", 60, False), ("Vai trò", 14, False), ("Hạn", 13, False),
    ("Tình trạng kỳ trước", 20, False), ("Tình trạng kỳ này", 18, True), ("Ngày hoàn thành", 15, True),
    ("Kết quả thực hiện", 45, True), ("Khó khăn, vướng mắc", 30, True), ("Văn bản, minh chứng", 25, True),
]
TARGET_COLUMNS = [
    ("Mã chỉ số", 11, False), ("Chỉ số", 50, False), ("Mục tiêu", 14, False), ("Đơn vị", 12, False),
    ("Loại", 12, False), ("Số liệu", 12, True), ("Đạt / Không đạt", 15, True), ("Số liệu tính đến ngày", 18, True),
    ("Nguồn số liệu", 25, True),
]

INSTRUCTIONS = [
    "MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "",
    "Cách điền:",
    "1. Sheet 'Nhiệm vụ': với mỗi nhiệm vụ, chọn 'Tình trạng kỳ này' trong danh sách.",
    "   - Hoàn thành: bắt buộc ghi 'Ngày hoàn thành' (dạng ngày, ví dụ 15/05/2026).",
    "   - Dừng thực hiện: bắt buộc ghi lý do ở cột 'Kết quả thực hiện'.",
    "   - Để trống 'Tình trạng kỳ này' nếu chưa báo cáo nhiệm vụ đó.",
    "2. Sheet 'Chỉ tiêu': chỉ tiêu định lượng ghi 'Số liệu'; chỉ tiêu định tính chọn 'Đạt / Không đạt';",
    "   ghi 'Số liệu tính đến ngày' (mặc định là ngày chốt số liệu của kỳ).",
    "3. Các cột màu xám được khóa: không sửa mã, nội dung, vai trò, hạn.",
    "4. Không đổi tên sheet, không chèn hoặc xóa cột.",
    "5. Gửi lại tệp cho cơ quan đầu mối; cơ quan đầu mối nhập bằng lệnh: qnctr import <tệp>.xlsx",
]


class FormError(Exception):
    """A form that cannot be read at all (not an .xlsx, not a qnctr form)."""


def build_form(ctx: Context, agency: Agency, period: Period) -> bytes:
    """A pre-filled workbook for one agency and one period."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    data = status(ctx, agency)
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = HELP_SHEET
    programme = ctx.register.programme
    title = f"{programme.id if programme else ''} — {agency.name} — {period.label}"
    for i, line in enumerate([*INSTRUCTIONS, "", f"Cơ quan: {agency.name} ({agency.id})",
                              f"Kỳ báo cáo: {period.label} ({period}); số liệu từ {short_date(period.cutoff_start)}"
                              f" đến {short_date(period.cutoff_end)}; hạn gửi {short_date(period.due)}."], 1):
        help_ws.cell(row=i, column=1, value=line).font = Font(bold=(i == 1), size=12 if i == 1 else 11)
    help_ws.column_dimensions["A"].width = 110

    locked_fill = PatternFill("solid", fgColor="E7E6E6")
    header_font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(name: str, columns: list[tuple[str, int, bool]]) -> Any:
        ws = wb.create_sheet(name)
        ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=12)
        for col, (header, width, _) in enumerate(columns, 1):
            cell = ws.cell(row=2, column=col, value=header)
            cell.font = header_font
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[cell.column_letter].width = width
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
        return ws

    def style_row(ws: Any, row: int, columns: list[tuple[str, int, bool]]) -> None:
        for col, (_, _, editable) in enumerate(columns, 1):
            cell = ws.cell(row=row, column=col)
            cell.alignment = wrap
            cell.protection = Protection(locked=not editable)
            if not editable:
                cell.fill = locked_fill

    tasks_ws = sheet(TASK_SHEET, TASK_COLUMNS)
    rows = [t for t in data["tasks"] if t["role"] != "support"]
    for offset, task in enumerate(rows):
        r = FIRST_ROW + offset
        latest = task["latest"] or {}
        previous = next((k for k, v in STATUS_CHOICES.items() if v == latest.get("status")), "")
        values = [task["id"], task["text"], task["role_label"], task["due_label"],
                  f"{previous} ({latest['period']})" if previous else "Chưa có báo cáo"]
        for col, value in enumerate(values, 1):
            tasks_ws.cell(row=r, column=col, value=value)
        tasks_ws.cell(row=r, column=7).number_format = "DD/MM/YYYY"
        style_row(tasks_ws, r, TASK_COLUMNS)
    last_task = FIRST_ROW + max(len(rows), 1) - 1
    status_list = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                                 showErrorMessage=True, errorTitle="Tình trạng", error="Chọn một tình trạng trong danh sách.")
    status_list.add(f"F{FIRST_ROW}:F{last_task}")
    task_dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                                showErrorMessage=True, errorTitle="Ngày", error="Nhập một ngày, ví dụ 15/05/2026.")
    task_dates.add(f"G{FIRST_ROW}:G{last_task}")
    tasks_ws.add_data_validation(status_list)
    tasks_ws.add_data_validation(task_dates)

    targets_ws = sheet(TARGET_SHEET, TARGET_COLUMNS)
    r = FIRST_ROW
    for target in data["targets"]:
        if target["role"] == "support":
            continue
        for ind in target["indicators"]:
            qualitative = ind["op"] is None
            goal = "" if qualitative else f"{ind['op']} {ind['target']}"
            for col, value in enumerate([ind["id"], ind["name"], goal, ind["unit"] or "",
                                         "Định tính" if qualitative else "Định lượng"], 1):
                targets_ws.cell(row=r, column=col, value=value)
            targets_ws.cell(row=r, column=8).number_format = "DD/MM/YYYY"
            style_row(targets_ws, r, TARGET_COLUMNS)
            r += 1
    last_target = max(r - 1, FIRST_ROW)
    met_list = DataValidation(type="list", formula1='"' + ",".join(MET_CHOICES) + '"', allow_blank=True)
    met_list.add(f"G{FIRST_ROW}:G{last_target}")
    numbers = DataValidation(type="decimal", allow_blank=True, showErrorMessage=True, error="Nhập một số.")
    numbers.add(f"F{FIRST_ROW}:F{last_target}")
    target_dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True)
    target_dates.add(f"H{FIRST_ROW}:H{last_target}")
    for dv in (met_list, numbers, target_dates):
        targets_ws.add_data_validation(dv)

    for ws in (tasks_ws, targets_ws):
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False

    meta = wb.create_sheet(META_SHEET)
    for i, (key, value) in enumerate((("form", "qnctr"), ("version", FORM_VERSION), ("agency", agency.id),
                                      ("period", str(period)),
                                      ("programme", programme.id if programme else "")), 1):
        meta.cell(row=i, column=1, value=key)
        meta.cell(row=i, column=2, value=value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.active = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading back ---------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value: Any, where: str, errors: list[str]) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            errors.append(f"{where}: chỉ ghi ngày, không ghi giờ ({value})")
            return None
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    errors.append(f"{where}: '{value}' không phải ngày (ví dụ 15/05/2026)")
    return None


def read_form(path: Path) -> tuple[Change, list[str]]:
    """Read a filled form into a Change; content problems are collected (sheet!cell), never raised.

    Each entry carries `_cell`, the form row it came from, for later error messages.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise FormError(f"{path}: không mở được tệp Excel ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile/lxml raise many kinds for a damaged file
        raise FormError(f"{path}: tệp Excel bị hỏng ({type(exc).__name__})") from None
    if META_SHEET not in wb.sheetnames or TASK_SHEET not in wb.sheetnames or TARGET_SHEET not in wb.sheetnames:
        raise FormError(f"{path}: không phải mẫu báo cáo do 'qnctr form' tạo (thiếu sheet)")
    meta = {str(r[0].value): r[1].value for r in wb[META_SHEET].iter_rows(min_row=1, max_col=2) if r[0].value}
    if meta.get("form") != "qnctr":
        raise FormError(f"{path}: không phải mẫu báo cáo do 'qnctr form' tạo")
    try:
        period = Period.parse(str(meta.get("period", "")))
    except ValueError:
        raise FormError(f"{path}: kỳ báo cáo trong mẫu bị hỏng ('{meta.get('period')}')") from None
    content = Change(str(meta.get("agency", "")), period)
    errors: list[str] = []

    ws = wb[TASK_SHEET]
    headers = [c.value for c in ws[2]][: len(TASK_COLUMNS)]
    if headers != [h for h, _, _ in TASK_COLUMNS]:
        raise FormError(f"{path}: sheet '{TASK_SHEET}' đã bị đổi cột (dòng 2)")
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=len(TASK_COLUMNS)):
        task_id, chosen = _text(row[0].value), _text(row[5].value)
        n = row[0].row
        if task_id is None:
            if any(_text(c.value) for c in row[5:]):
                errors.append(f"{TASK_SHEET}!A{n}: dòng có số liệu nhưng không có mã nhiệm vụ")
            continue
        if chosen is None:
            if any(_text(c.value) for c in row[6:]):
                errors.append(f"{TASK_SHEET}!F{n}: có kết quả nhưng chưa chọn 'Tình trạng kỳ này'")
            continue
        status_code = parse_status(chosen)  # typed over the dropdown ("hoan thanh") is fine too
        if status_code not in REPORT_STATUS_LABELS:
            errors.append(f"{TASK_SHEET}!F{n}: tình trạng '{chosen}' không hợp lệ; chọn: {', '.join(STATUS_CHOICES)}")
            continue
        before = len(errors)
        completed = _date(row[6].value, f"{TASK_SHEET}!G{n}", errors)
        if status_code == "done" and completed is None and _text(row[6].value) is None:
            errors.append(f"{TASK_SHEET}!G{n}: nhiệm vụ {task_id} 'Hoàn thành' phải có ngày hoàn thành")
        if status_code != "done" and completed is not None:
            errors.append(f"{TASK_SHEET}!G{n}: chỉ ghi ngày hoàn thành khi tình trạng là 'Hoàn thành'")
        result = _text(row[7].value)
        if status_code == "suspended" and not result:
            errors.append(f"{TASK_SHEET}!H{n}: nhiệm vụ {task_id} 'Dừng thực hiện' phải ghi lý do")
        if len(errors) > before:
            continue  # the row's own cell is named; the model would only repeat it
        content.tasks.append({"task": task_id, "status": status_code, "completed": completed, "result": result,
                              "difficulties": _text(row[8].value), "evidence": _text(row[9].value), "_cell": f"A{n}"})

    ws = wb[TARGET_SHEET]
    headers = [c.value for c in ws[2]][: len(TARGET_COLUMNS)]
    if headers != [h for h, _, _ in TARGET_COLUMNS]:
        raise FormError(f"{path}: sheet '{TARGET_SHEET}' đã bị đổi cột (dòng 2)")
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=len(TARGET_COLUMNS)):
        ref, n = _text(row[0].value), row[0].row
        value_cell, met_cell = row[5].value, _text(row[6].value)
        if ref is None or (value_cell in (None, "") and met_cell is None):
            continue
        value: float | int | None = None
        if value_cell not in (None, ""):
            if isinstance(value_cell, bool) or not isinstance(value_cell, (int, float)):
                try:
                    value_cell = float(str(value_cell).replace(",", "."))
                except ValueError:
                    errors.append(f"{TARGET_SHEET}!F{n}: '{row[5].value}' không phải số")
                    continue
            value = int(value_cell) if float(value_cell).is_integer() else float(value_cell)
        met = None
        if met_cell is not None:
            if met_cell not in MET_CHOICES:
                errors.append(f"{TARGET_SHEET}!G{n}: '{met_cell}' không hợp lệ; chọn Đạt hoặc Không đạt")
                continue
            met = MET_CHOICES[met_cell]
        if value is not None and met is not None:
            errors.append(f"{TARGET_SHEET}!F{n}: ghi số liệu hoặc đạt/không đạt, không ghi cả hai")
            continue
        observed = _date(row[7].value, f"{TARGET_SHEET}!H{n}", errors)
        content.observations.append({"indicator": ref, "value": value, "met": met, "as_of": observed,
                                     "source": _text(row[8].value), "_cell": f"A{n}"})
    return content, errors
