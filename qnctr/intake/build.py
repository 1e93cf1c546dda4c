"""The form written out for one agency and one period: its sheets, pre-filled with what the register holds, signed."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..calendar import Period
from ..context import Context
from ..days import short_date
from ..model import Agency
from ..numbers import (
    goal_text,
)
from ..queries import status
from ..state import REPORT_STATUS_LABELS
from ..wording import path_problem
from . import layout
from .layout import (
    FIRST_ROW,
    FORM_VERSION,
    HELP_SHEET,
    HELP_WIDTH,
    INSTRUCTIONS,
    LINE_HEIGHT_PT,
    MET_CHOICES,
    META_SHEET,
    PREFILL_SHEET,
    PRINT_TITLE_ROWS,
    REPORT_CELLS,
    REPORT_SHEET,
    STATUS_CHOICES,
    TARGET_LAYOUT,
    TARGET_SHEET,
    TASK_LAYOUT,
    TASK_SHEET,
    FormError,
    Layout,
)
from .signing import FormKey, _identity, _macs, _prefilled, _row_ids, form_key


def _cell_value(field: str | None, entry: dict[str, Any]) -> Any:
    """What the form shows for one field of an entry already reported this period."""
    if field is None or entry.get(field) is None:
        return None
    value = entry[field]
    if field == "status":
        return REPORT_STATUS_LABELS[value]
    if field == "met":
        return "Đạt" if value else "Không đạt"
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return value


def put(cell: Any, value: Any) -> None:
    """Write a value; text is always a string cell, so register text that begins with '='
    never becomes a live formula."""
    if value is None:
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _row_height(values: list[Any], widths: Iterable[int]) -> float:
    """Enough height for the longest wrapped cell (Excel does not grow rows by itself)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if value is None:
            continue
        text = str(value)
        per_line = max(int(width * 1.2) - 1, 4)  # a column of width w holds about 1.2 w letters of text
        lines = max(lines, sum(max(1, -(-len(part) // per_line)) for part in text.split("\n")))
    return LINE_HEIGHT_PT * lines + 3


def _print_setup(ws: Any, last_row: int, columns: int, landscape: bool = True) -> None:
    """A4, one page wide, header rows on every page, a print area: a form that can be printed."""
    from openpyxl.utils import get_column_letter

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{get_column_letter(columns)}{last_row}"
    if landscape:
        ws.print_title_rows = PRINT_TITLE_ROWS
    ws.oddFooter.center.text = "Trang &P / &N"


def _span(layout: Layout, name: str, last: int) -> str:
    """The cells of one column from the first row to `last` ('F3:F40'), for a data validation."""
    letter = layout.letter(name)
    return f"{letter}{FIRST_ROW}:{letter}{last}"


def build_form(ctx: Context, agency: Agency, period: Period, key: FormKey) -> bytes:
    """A pre-filled workbook for one agency and one period: its tasks and targets, and what it
    has already reported for the period (kept in a hidden sheet, so that an import changes only
    the cells the agency changed)."""
    return _FormBuilder(ctx, agency, period).build(key)


def _within_bound(agency: Agency, count: int, what: str) -> None:
    """A form has no more rows than an import reads: a larger one is refused before it is made."""
    if count > layout.MAX_FORM_ROWS:
        raise FormError(f"{agency.name} có {count} {what} phải báo cáo, quá số dòng một mẫu chứa được "
                        f"({layout.MAX_FORM_ROWS}): một mẫu như vậy không nhập lại được; ghi báo cáo bằng "
                        "'qnctr record' hoặc 'qnctr observe'")




class _FormBuilder:
    """The workbook, one sheet at a time: instructions, tasks, targets, then the hidden sheets
    that let an import tell what changed and that the form came from this register."""

    def __init__(self, ctx: Context, agency: Agency, period: Period) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        from ..record import existing_entries

        self.ctx, self.agency, self.period = ctx, agency, period
        self.data = status(ctx, agency)
        self.reported = existing_entries(ctx.register, agency.id, period)
        self.wb = Workbook()
        programme = ctx.register.programme
        self.programme_id = programme.id if programme else ""
        self.title = f"{self.programme_id} — {agency.name} — {period.label}"
        thin = Side(style="thin", color="808080")
        self.grid = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.locked_fill = PatternFill("solid", fgColor="E7E6E6")
        self.header_fill = PatternFill("solid", fgColor="D9E1F2")
        self.font, self.bold = Font, Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.centred = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.prefill = self.wb.create_sheet(PREFILL_SHEET)
        self.prefill.append(["sheet", "id", "field", "value"])
        self.prefill_rows = 1  # counted here: openpyxl's max_row walks every cell, once per pre-filled cell

    def build(self, key: FormKey) -> bytes:
        self.help_sheet()
        tasks_ws, last_task = self.task_sheet()
        targets_ws, last_target = self.target_sheet()
        self.report_sheet()
        _print_setup(tasks_ws, last_task, len(TASK_LAYOUT))
        _print_setup(targets_ws, last_target, len(TARGET_LAYOUT))
        for ws in (tasks_ws, targets_ws):
            ws.protection.sheet = True
            ws.protection.formatColumns = False
            ws.protection.formatRows = False
        self.sign(key, tasks_ws, targets_ws)
        self.wb.active = 1
        # What Excel's document information shows the agency: the form, not the library.
        self.wb.properties.title = f"Mẫu báo cáo {self.title}"
        self.wb.properties.creator = "qnctr"
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()

    def help_sheet(self) -> None:
        ws, period = self.wb.active, self.period
        ws.title = HELP_SHEET
        programme = self.ctx.register.programme
        kind = (programme.kind_name if programme else "Chương trình").upper()
        lines = [f"MẪU BÁO CÁO KẾT QUẢ THỰC HIỆN {kind}", *INSTRUCTIONS, "",
                 f"Cơ quan: {self.agency.name} ({self.agency.id})",
                 f"Kỳ báo cáo: {period.label} ({period}); số liệu từ {short_date(period.cutoff_start)}"
                 f" đến {short_date(period.cutoff_end)}; hạn gửi {short_date(period.due)}."]
        # One wrapped column narrower than a portrait page, each row as tall as its text: printed,
        # every line starts at the margin and ends inside it (an unwrapped 110-wide column
        # overflowed the page, and LibreOffice centred it, cutting the start of every line).
        width = HELP_WIDTH
        for i, line in enumerate(lines, 1):
            cell = ws.cell(row=i, column=1, value=line)
            cell.font, cell.alignment = self.font(bold=(i == 1), size=12 if i == 1 else 11), self.wrap
            ws.row_dimensions[i].height = _row_height([line], [width])
        ws.column_dimensions["A"].width = width
        _print_setup(ws, len(lines), 1, landscape=False)
        ws.print_options.horizontalCentered = False

    def report_sheet(self) -> None:
        """The covering document's number and the day it was sent, pre-filled with what the
        register holds: they head the agency's report and date it (on time or late)."""
        from openpyxl.styles import Protection

        from ..record import report_of

        ws = self.wb.create_sheet(REPORT_SHEET, index=len(self.wb.sheetnames) - 1)
        ws.cell(row=1, column=1, value=self.title).font = self.font(bold=True, size=12)
        head = report_of(self.ctx.register, self.agency.id, self.period)
        held = {"document": head.document if head else None,
                "submitted": datetime.combine(head.submitted, datetime.min.time()) if head else None}
        labels = {"document": "Số, ký hiệu văn bản báo cáo (ví dụ 85/BC-SNV)",
                  "submitted": "Ngày gửi văn bản (dd/mm/yyyy)"}
        for name, coordinate in REPORT_CELLS.items():
            label = ws[coordinate].offset(column=-1)
            label.value, label.font, label.fill, label.border = labels[name], self.bold, self.locked_fill, self.grid
            cell = ws[coordinate]
            put(cell, held[name])
            cell.border, cell.protection = self.grid, Protection(locked=False)
            if name == "submitted":
                cell.number_format = "DD/MM/YYYY"
            if held[name] is not None:
                self.remember(REPORT_SHEET, "report", name, held[name])
        ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 48, 30
        ws.protection.sheet = True
        _print_setup(ws, 4, 2, landscape=False)

    def remember(self, sheet: str, item_id: str, key: str, value: Any) -> None:
        """A pre-filled cell, kept (and signed) in the hidden sheet: what an import compares with."""
        self.prefill_rows += 1
        at = self.prefill_rows
        for k, v in enumerate((sheet, item_id, key, value), 1):
            put(self.prefill.cell(at, k), v)

    def sheet(self, name: str, columns: Layout) -> Any:
        """A sheet with the form's title, its column headers and frozen panes."""
        ws = self.wb.create_sheet(name, index=len(self.wb.sheetnames) - 1)
        ws.cell(row=1, column=1, value=self.title).font = self.font(bold=True, size=12)
        for col, column in enumerate(columns, 1):
            cell = ws.cell(row=2, column=col, value=column.header)
            cell.font, cell.fill, cell.border, cell.alignment = self.bold, self.header_fill, self.grid, self.centred
            ws.column_dimensions[cell.column_letter].width = column.width
        ws.row_dimensions[2].height = 3 * LINE_HEIGHT_PT + 3
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
        return ws

    def row(self, ws: Any, row: int, columns: Layout, values: list[Any], item_id: str, entry: dict[str, Any]) -> None:
        """One task or indicator: its fixed cells, then what was reported (also kept in the hidden sheet)."""
        from openpyxl.styles import Protection

        shown = [*values, *(_cell_value(c.field, entry) for c in columns.columns[len(values):])]
        for col, (value, column) in enumerate(zip(shown, columns, strict=True), 1):
            editable, key = column.editable, column.field
            cell = ws.cell(row=row, column=col)
            put(cell, value)
            cell.alignment, cell.border = self.wrap, self.grid
            cell.protection = Protection(locked=not editable)
            if not editable:
                cell.fill = self.locked_fill
            if key is not None and value is not None:
                self.remember(ws.title, item_id, key, value)
        ws.row_dimensions[row].height = _row_height(shown, (c.width for c in columns))

    def task_sheet(self) -> tuple[Any, int]:
        from openpyxl.worksheet.datavalidation import DataValidation

        ws, layout = self.sheet(TASK_SHEET, TASK_LAYOUT), TASK_LAYOUT
        rows = [t for t in self.data["tasks"] if t["role"] != "support"]
        _within_bound(self.agency, len(rows), "nhiệm vụ")
        for offset, task in enumerate(rows):
            r = FIRST_ROW + offset
            latest = task["latest"] or {}
            previous = next((k for k, v in STATUS_CHOICES.items() if v == latest.get("status")), "")
            values = [task["id"], task["text"], task["role_label"], task["due_label"],
                      f"{previous} ({latest['period']})" if previous else "Chưa có báo cáo"]
            self.row(ws, r, layout, values, task["id"], self.reported["tasks"].get(task["id"], {}))
            self.remember(ws.title, task["id"], "text", task["text"])  # what the agency was asked about
            ws.cell(row=r, column=layout.number("completed")).number_format = "DD/MM/YYYY"
        last = FIRST_ROW + max(len(rows), 1) - 1
        status_list = DataValidation(type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=True,
                                     showErrorMessage=True, errorTitle="Tình trạng",
                                     error="Chọn một tình trạng trong danh sách.")
        status_list.add(_span(layout, "status", last))
        dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                               showErrorMessage=True, errorTitle="Ngày", error="Nhập một ngày, ví dụ 15/05/2026.")
        dates.add(_span(layout, "completed", last))
        ws.add_data_validation(status_list)
        ws.add_data_validation(dates)
        return ws, last

    def target_sheet(self) -> tuple[Any, int]:
        from openpyxl.worksheet.datavalidation import DataValidation

        ws, layout = self.sheet(TARGET_SHEET, TARGET_LAYOUT), TARGET_LAYOUT
        r = FIRST_ROW
        for target in self.data["targets"]:
            ends = self.ctx.register.targets[target["id"]].due_on(self.ctx.as_of).ends
            if target["role"] == "support" or (ends is not None and ends < self.period.cutoff_start):
                continue  # not this agency's figure, or a target whose horizon ended before the period
            _within_bound(self.agency, r - FIRST_ROW + len(target["indicators"]), "chỉ số")
            for ind in target["indicators"]:
                goal = "" if ind["qualitative"] else goal_text(ind["op"], ind["target"], None)
                values = [ind["id"], ind["name"], goal, ind["unit"] or "",
                          "Định tính" if ind["qualitative"] else "Định lượng", target["due_label"]]
                self.row(ws, r, layout, values, ind["id"], self.reported["targets"].get(ind["id"], {}))
                ws.cell(row=r, column=layout.number("as_of")).number_format = "DD/MM/YYYY"
                r += 1
        if r == FIRST_ROW:  # nothing to fill in: say so on the sheet instead of an empty table
            programme = self.ctx.register.programme
            word = programme.word if programme else "Chương trình"
            why = (f"{word} không đặt chỉ tiêu" if not self.ctx.register.targets
                   else f"{self.agency.name} không chủ trì chỉ tiêu nào cần báo cáo kỳ này")
            ws.cell(row=FIRST_ROW, column=layout.number("name"), value=f"{why}; không cần điền sheet này.")
        last = max(r - 1, FIRST_ROW)
        met_list = DataValidation(type="list", formula1='"' + ",".join(MET_CHOICES) + '"', allow_blank=True)
        met_list.add(_span(layout, "met", last))
        numbers = DataValidation(type="decimal", allow_blank=True, showErrorMessage=True, error="Nhập một số.")
        numbers.add(_span(layout, "value", last))
        dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True)
        dates.add(_span(layout, "as_of", last))
        for dv in (met_list, numbers, dates):
            ws.add_data_validation(dv)
        return ws, last

    def sign(self, key: FormKey, tasks_ws: Any, targets_ws: Any) -> None:
        """The hidden sheet naming the form (agency, period, programme) with the signatures that
        let an import refuse a form from elsewhere or with its fixed cells edited."""
        identity = {"form": "qnctr", "version": FORM_VERSION, "agency": self.agency.id, "period": str(self.period),
                    "programme": self.programme_id, "register": key.fingerprint}
        macs = _macs(key.key, _identity(identity), _row_ids(tasks_ws, targets_ws), _prefilled(self.wb)[1])
        meta = self.wb.create_sheet(META_SHEET)
        for i, (name, value) in enumerate([*identity.items(), *macs.items()], 1):
            put(meta.cell(row=i, column=1), name)
            put(meta.cell(row=i, column=2), value)
        for hidden in (meta, self.prefill):
            hidden.sheet_state = "hidden"
            hidden.protection.sheet = True



def form_name(ctx: Context, agency: Agency, period: Period) -> Path:
    """The form's default file name; with several programmes in the register, its programme's
    key too, so that two programmes' forms for one agency and period are two files."""
    from ..load import programme_folders

    several = ctx.register.root != ctx.register.home and len(programme_folders(ctx.register.home)) > 1
    return Path(f"mau-bao-cao-{ctx.register.root.name + '-' if several else ''}{period}-{agency.id}.xlsx")


def write_form(ctx: Context, agency: Agency, period: Period, target: Path, force: bool) -> Path | None:
    """Write the form the agency fills in for the period; returns the path of the signing key
    when this call created it (the user must be told to keep it), else None."""
    from ..atomic import check_output, write_output

    ctx.refuse_draft("tạo mẫu báo cáo")
    if (early := period.not_begun(ctx.as_of)) is not None:
        raise FormError(early)
    if (problem := ctx.directory.cannot_report(agency.id, period.due)) is not None:
        raise FormError(f"không tạo mẫu kỳ {period.label}: {problem}")
    check_output(target, force)
    if target.suffix.lower() != ".xlsx":  # Excel refuses a workbook whose name says another kind of file
        raise FormError(f"--output '{target}': mẫu là tệp Excel, tên tệp cần đuôi .xlsx")
    try:
        key = form_key(ctx.register.home, create=True)
    except OSError as exc:
        raise FormError(f"không tạo được khóa kiểm tra mẫu: {path_problem(exc)}") from None
    write_output(target, build_form(ctx, agency, period, key), force)
    return key.path if key.created else None
