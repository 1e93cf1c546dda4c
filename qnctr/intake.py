"""The Excel reporting form an agency fills in, and reading it back (errors name sheet!cell)."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from .calendar import Period
from .context import Context
from .days import read_day, short_date
from .errors import QnctrError
from .load import Register
from .model import Agency
from .numbers import (
    NumberError,
    finite,
    format_number,
    goal_text,
    parse_number,
    percent_from_fraction,
    scales_percent,
)
from .queries import status
from .record import REMOVE, WITHDRAW, Change, Outcome, parse_status
from .state import REPORT_STATUS_LABELS
from .wording import path_problem

TASK_SHEET = "Nhiệm vụ"
TARGET_SHEET = "Chỉ tiêu"
HELP_SHEET = "Hướng dẫn"
HELP_WIDTH = 72  # the instructions' one column: about an A4 page's width, portrait
REPORT_SHEET = "Văn bản gửi"  # the agency's covering document: its number and the day it was sent
REPORT_CELLS = {"document": "B3", "submitted": "B4"}
META_SHEET = "_qnctr"
PREFILL_SHEET = "_qnctr_prefill"
FORM_VERSION = "4"  # 3: names its register (the fingerprint of its key); 4: a target's deadline column
READABLE_VERSIONS = ("2", "3", FORM_VERSION)  # forms already sent out still come back
FIRST_ROW = 3  # row 1: title, row 2: column headers

STATUS_CHOICES = {label: code for code, label in REPORT_STATUS_LABELS.items()}
# What an agency writes in a cell to take back what it reported before: in a field, that field;
# in 'Tình trạng kỳ này' or 'Số liệu', the whole entry. A blank cell that was not pre-filled
# cannot say this (it may only mean "nothing new"), so it never removes anything.
ERASE = "(xóa)"


def _erased(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in (ERASE, "(xoá)", "(xoa)")
MET_CHOICES = {"Đạt": True, "Không đạt": False}

# (header, width, editable, field of the progress entry it holds)
class Column(NamedTuple):
    """One column of a form sheet: what it holds (an entry's field when the agency fills it in,
    else the fixed value's name), its header, its width, whether the agency may edit it."""

    name: str
    header: str
    width: int
    editable: bool = False

    @property
    def field(self) -> str | None:
        """The progress entry's field the column holds (None: a fixed, locked column)."""
        return self.name if self.editable else None


@dataclass(frozen=True, slots=True)
class Layout:
    """A form sheet's columns, the one place that says where each one is: building, reading and
    every message find a column by its name, never by a typed position."""

    columns: tuple[Column, ...]

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def index(self, name: str) -> int:
        """The column's position, 0-based (a row's cells)."""
        return next(i for i, c in enumerate(self.columns) if c.name == name)

    def number(self, name: str) -> int:
        """The column's number, 1-based (openpyxl's `column=`)."""
        return self.index(name) + 1

    def letter(self, name: str) -> str:
        from openpyxl.utils import get_column_letter

        letter: str = get_column_letter(self.number(name))
        return letter

    def cell(self, sheet: str, name: str, row: int) -> str:
        """'Chỉ tiêu!G12': where a message points."""
        return f"{sheet}!{self.letter(name)}{row}"

    @property
    def fields(self) -> tuple[str | None, ...]:
        return tuple(c.field for c in self.columns)


TASK_LAYOUT = Layout((
    Column("id", "Mã nhiệm vụ", 8), Column("text", "Nội dung nhiệm vụ", 46), Column("role", "Vai trò", 11),
    Column("due", "Hạn", 11), Column("previous", "Tình trạng kỳ trước", 15),
    Column("status", "Tình trạng kỳ này", 15, True), Column("completed", "Ngày hoàn thành", 12, True),
    Column("result", "Kết quả thực hiện", 32, True), Column("difficulties", "Khó khăn, vướng mắc", 22, True),
    Column("evidence", "Văn bản, minh chứng", 18, True), Column("proposals", "Đề xuất, kiến nghị", 22, True),
))
_TARGET_HEAD = (Column("id", "Mã chỉ số", 10), Column("name", "Chỉ số", 50), Column("goal", "Mục tiêu", 12),
                Column("unit", "Đơn vị", 12), Column("kind", "Loại", 11))
_TARGET_FILLED = (Column("value", "Số liệu", 12, True), Column("met", "Đạt / Không đạt", 14, True),
                  Column("as_of", "Số liệu tính đến ngày", 14, True), Column("source", "Nguồn số liệu", 25, True))
# Version 4 shows each target's deadline; forms of versions 2 and 3 (already sent) have no such column.
TARGET_LAYOUT = Layout((*_TARGET_HEAD, Column("deadline", "Hạn", 12), *_TARGET_FILLED))
TARGET_LAYOUT_V3 = Layout((*_TARGET_HEAD, *_TARGET_FILLED))

INSTRUCTIONS = [  # one paragraph a row, under the form's title: the sheet wraps each to the page
    "",
    "Cách điền:",
    "1. Sheet 'Nhiệm vụ': với mỗi nhiệm vụ, chọn 'Tình trạng kỳ này' trong danh sách.",
    "   - Hoàn thành: bắt buộc ghi 'Ngày hoàn thành' (dạng ngày, ví dụ 15/05/2026).",
    "   - Dừng thực hiện: bắt buộc ghi lý do ở cột 'Kết quả thực hiện'.",
    "   - Để trống 'Tình trạng kỳ này' nếu chưa báo cáo nhiệm vụ đó.",
    "   - Ghi khó khăn, vướng mắc và đề xuất, kiến nghị (nếu có): các nội dung này được đưa vào báo cáo chung.",
    "2. Sheet 'Chỉ tiêu': chỉ tiêu định lượng ghi 'Số liệu'; chỉ tiêu định tính chọn 'Đạt / Không đạt'. Cột 'Hạn' "
    "là thời hạn của chỉ tiêu.",
    "   - 'Số liệu tính đến ngày': mặc định là ngày chốt số liệu của kỳ (hoặc ngày nhập nếu chưa đến ngày đó); chỉ "
    "tiêu hết hạn trong kỳ thì là ngày hết hạn của chỉ tiêu: chỉ số liệu đến hạn mới được tính.",
    "   - Chỉ tiêu có đơn vị % ghi số phần trăm: 92,4 (hoặc gõ 92,4% trong Excel), không ghi 0,924.",
    "3. Những ô đã điền sẵn là số liệu đã báo cáo trong kỳ này: chỉ sửa ô cần thay đổi; xóa trắng một ô đã điền "
    "sẵn nghĩa là xóa nội dung đó khỏi báo cáo.",
    f"   - Muốn rút lại nội dung đã gửi ở lần trước (kể cả ô không điền sẵn), ghi {ERASE} vào ô đó; ghi {ERASE} ở "
    "'Tình trạng kỳ này' (hoặc 'Số liệu') thì rút cả nhiệm vụ (chỉ tiêu) đó khỏi báo cáo. Ô để trống mà không "
    "điền sẵn thì không xóa gì.",
    "4. Các cột màu xám được khóa: không sửa mã, nội dung, vai trò, hạn.",
    "5. Không đổi tên sheet, không chèn hoặc xóa cột. Dòng thêm vào cuối bảng không có mã thì không được nhập.",
    f"6. Sheet '{REPORT_SHEET}': ghi số, ký hiệu và ngày gửi của văn bản báo cáo (công văn gửi kèm tệp này).",
    "7. Gửi lại tệp cho cơ quan đầu mối; cơ quan đầu mối nhập bằng lệnh: qnctr import <tệp>.xlsx",
]

PRINT_TITLE_ROWS = "1:2"
LINE_HEIGHT_PT = 14.5


class FormError(QnctrError):
    """A form that cannot be read at all (not an .xlsx, not a qnctr form)."""


# --- the form's identity, made tamper-evident --------------------------------------------------
#
# A returned form says whose report it is (agency, period) and which rows it holds; an edited
# form must not overwrite another agency's report. Each part is signed with a key that stays
# with the register (never in the form): HMAC-SHA256 over the identity, the row ids, and the
# pre-filled values, each separately so that a refusal can say which part was changed.

KEY_FILE = ".qnctr-form-key"
KEY_BYTES = 32
_MIN_DISTINCT_BYTES = 16  # 32 random bytes have ~30 distinct values; fewer than 16 is a made-up key


@dataclass
class FormKey:
    key: bytes
    path: Path
    created: bool = False

    @property
    def fingerprint(self) -> str:
        """What a form names its register by: a digest of the key (which it does not reveal)."""
        return hashlib.sha256(b"qnctr-register\0" + self.key).hexdigest()[:16]


def _config_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(base) / "qnctr" if os.path.isabs(base) else Path.home() / ".config" / "qnctr"


def _legacy_user_key() -> Path:
    """The one key every read-only register shared before each had its own (qnctr < round 3)."""
    return _config_folder() / "form-key"


def _unwritable_key_path(root: Path) -> Path:
    """A register that cannot be written (the copy in the package) keeps its key in the user's
    config folder, one per register folder: two registers never share a key."""
    name = hashlib.sha256(os.path.realpath(root).encode("utf-8")).hexdigest()[:32]
    return _config_folder() / "form-keys" / name


def _register_writable(root: Path) -> bool:
    """False for the copy inside the installed package (never written) and read-only folders."""
    here = Path(__file__).resolve().parent
    return os.access(root, os.W_OK) and not root.resolve().is_relative_to(here)


def _read_key(path: Path) -> bytes:
    """The key in a key file: 64 hex digits of random bytes; an empty, short or made-up key
    would let anyone sign a form, so it is refused."""
    try:
        if path.stat().st_size > 1024:
            raise ValueError
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, OSError, UnicodeDecodeError):
        key = b""
    if len(key) != KEY_BYTES or len(set(key)) < _MIN_DISTINCT_BYTES:
        raise FormError(f"{path}: khóa kiểm tra mẫu không hợp lệ (phải là {KEY_BYTES * 2} chữ số hex ngẫu nhiên do "
                        "qnctr tạo); xóa tệp này rồi tạo lại mẫu bằng 'qnctr form' (các mẫu đã gửi phải gửi lại)")
    return key


def form_key(root: Path, create: bool) -> FormKey:
    """The register's own form key: `<register>/.qnctr-form-key`, kept (and committed) with the
    register; for a register that cannot be written, a key of its own in the user's config
    folder. Created on first use when `create`, readable by its owner only from the first byte;
    FormError when there is none to check a form with."""
    path = root / KEY_FILE if _register_writable(root) else _unwritable_key_path(root)
    if path.is_file() and not path.is_symlink():
        return FormKey(_read_key(path), path)
    if not create:
        legacy = _legacy_user_key()
        also = (f" Mẫu tạo trước đây có thể đã ký bằng khóa chung {legacy}: nếu chắc mẫu là của sổ này, chép "
                f"tệp đó thành {path}.") if legacy.is_file() and path.parent == root else ""
        raise FormError(f"chưa có khóa kiểm tra mẫu {path}: khóa được tạo cùng mẫu đầu tiên và đi cùng sổ đăng ký. "
                        "Nếu mẫu do đồng nghiệp tạo ở bản sao khác, lấy tệp khóa từ kho sổ đăng ký (git pull) "
                        f"hoặc nhờ người đó gửi; không có khóa thì không nhập được mẫu.{also}")
    from .atomic import atomic_write

    key = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, key.hex().encode("ascii") + b"\n", mode=0o600)
    return FormKey(key, path, created=True)


def _canon(value: Any) -> Any:
    """A cell value as it survives a save by Excel or LibreOffice (dates, whole floats)."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return repr(float(value))
    return str(value).strip()


def _macs(key: bytes, identity: list[Any], rows: list[Any], prefill: list[Any]) -> dict[str, str]:
    def sign(part: str, value: Any) -> str:
        payload = json.dumps([part, value], ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hmac.new(key, payload, hashlib.sha256).hexdigest()

    return {"mac_identity": sign("identity", identity), "mac_rows": sign("rows", rows),
            "mac_prefill": sign("prefill", prefill)}


MAC_PROBLEMS = {
    "mac_identity": "cơ quan, kỳ báo cáo hoặc chương trình ghi trong mẫu đã bị sửa",
    "mac_rows": "danh sách mã nhiệm vụ, chỉ tiêu trong mẫu đã bị sửa (thêm, bớt hoặc đổi mã)",
    "mac_prefill": "nội dung điền sẵn trong sheet ẩn đã bị sửa",
}


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




class _FormBuilder:
    """The workbook, one sheet at a time: instructions, tasks, targets, then the hidden sheets
    that let an import tell what changed and that the form came from this register."""

    def __init__(self, ctx: Context, agency: Agency, period: Period) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        from .record import existing_entries

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

        from .record import report_of

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
        at = self.prefill.max_row + 1
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
        for offset, task in enumerate(rows):
            r = FIRST_ROW + offset
            latest = task["latest"] or {}
            previous = next((k for k, v in STATUS_CHOICES.items() if v == latest.get("status")), "")
            values = [task["id"], task["text"], task["role_label"], task["due_label"],
                      f"{previous} ({latest['period']})" if previous else "Chưa có báo cáo"]
            self.row(ws, r, layout, values, task["id"], self.reported["tasks"].get(task["id"], {}))
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
            for ind in target["indicators"]:
                goal = "" if ind["qualitative"] else goal_text(ind["op"], ind["target"], None)
                values = [ind["id"], ind["name"], goal, ind["unit"] or "",
                          "Định tính" if ind["qualitative"] else "Định lượng", target["due_label"]]
                self.row(ws, r, layout, values, ind["id"], self.reported["targets"].get(ind["id"], {}))
                ws.cell(row=r, column=layout.number("as_of")).number_format = "DD/MM/YYYY"
                r += 1
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


# --- reading back ---------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if _erased(value):
        return ERASE
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value: Any, where: str, errors: list[str]) -> date | str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if _erased(value):
        return ERASE
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            errors.append(f"{where}: chỉ ghi ngày, không ghi giờ ({value})")
            return None
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and (day := read_day(value)) is not None:
        return day
    errors.append(f"{where}: '{value}' không phải ngày (ví dụ 15/05/2026)")
    return None


@dataclass
class FormContent:
    """What a returned form asks to change, with every problem of its cells (its doubts, such
    as a percent written as a fraction, are the checks' on import: record.check_entries)."""

    change: Change
    errors: list[str] = field(default_factory=list)
    # Cells the agency changed whose pre-filled value is no longer what the register holds (a
    # correction recorded after the form was made, a later form imported first): writing them
    # would undo that without anyone seeing it, so they are refused unless the office says so.
    stale: list[str] = field(default_factory=list)
    # Blank cells that were not pre-filled (sheet, row, id, field): where the register holds a
    # value there, the import says that it kept it (a blank is never a silent no).
    blanks: list[tuple[str, int, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    target_layout: Layout = TARGET_LAYOUT  # the columns of the form's version
    added: frozenset[tuple[str, int]] = frozenset()  # rows the agency added with an unknown id: left out


# Bounds of a returned form, checked before anything is parsed (a form for 300 tasks is
# ~50 KB; these are 100 times that): a zip bomb, a sharedStrings bomb or a million-row sheet
# is refused in well under a second instead of taking minutes and gigabytes.
MAX_ZIP_MEMBERS = 500
MAX_MEMBER_BYTES = 8 * 2**20
MAX_UNPACKED_BYTES = 32 * 2**20
MAX_FORM_ROWS = 5_000
MAX_FORM_COLUMNS = 64


SAVE_AS_XLSX = "mở tệp rồi chọn Lưu thành (Save As), kiểu «Excel Workbook (.xlsx)» / «Excel 2007-365 (.xlsx)», rồi gửi lại"


def _not_xlsx(path: Path) -> str:
    """What a file that is not an .xlsx is, in words an office can act on."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return "không đọc được tệp"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return f"đây là tệp Excel 97-2003 (.xls), không phải .xlsx: {SAVE_AS_XLSX}"
    if head.startswith(b"PK"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as package:
                kind = package.read("mimetype")[:100] if "mimetype" in package.namelist() else b""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
            kind = b""
        if b"opendocument.spreadsheet" in kind:
            return f"đây là tệp LibreOffice Calc (.ods), không phải .xlsx: {SAVE_AS_XLSX}"
        if b"opendocument" in kind or b"wordprocessingml" in kind:
            return "đây là tệp văn bản (Word, Writer), không phải mẫu báo cáo Excel"
    if head.startswith(b"%PDF"):
        return "đây là tệp PDF, không phải mẫu báo cáo Excel: nhập số liệu vào mẫu .xlsx đã gửi"
    return f"tệp không phải Excel .xlsx (có thể đã bị hỏng); {SAVE_AS_XLSX}"


def _check_package(path: Path) -> None:
    """Refuse an .xlsx whose parts are too many or unpack too large, by the zip's own directory."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise FormError(f"{path}: {_not_xlsx(path)}") from None
    if "[Content_Types].xml" not in names:
        raise FormError(f"{path}: {_not_xlsx(path)}")
    if len(members) > MAX_ZIP_MEMBERS:
        raise FormError(f"{path}: tệp Excel có {len(members)} phần, quá {MAX_ZIP_MEMBERS}; không phải mẫu của qnctr")
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            raise FormError(f"{path}: phần '{member.filename}' giải nén ra {format_number(member.file_size)} byte, quá "
                            f"{format_number(MAX_MEMBER_BYTES)}; tệp bị hỏng hoặc không phải mẫu của qnctr")
        total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        raise FormError(f"{path}: tệp Excel giải nén ra {format_number(total)} byte, quá {format_number(MAX_UNPACKED_BYTES)}")


def _check_extent(path: Path, ws: Any) -> None:
    if ws.max_row > FIRST_ROW + MAX_FORM_ROWS or ws.max_column > MAX_FORM_COLUMNS:
        raise FormError(f"{path}: sheet '{ws.title}' dùng đến ô {ws.cell(ws.max_row, ws.max_column).coordinate}; "
                        f"mẫu có nhiều nhất {format_number(MAX_FORM_ROWS)} dòng, {MAX_FORM_COLUMNS} cột. "
                        "Xóa các ô thừa rồi gửi lại")


def _open(path: Path) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_package(path)
    try:
        return load_workbook(path, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise FormError(f"{path}: không mở được tệp Excel ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile/lxml raise many kinds for a damaged file
        raise FormError(f"{path}: tệp Excel bị hỏng ({type(exc).__name__})") from None


def _check_headers(path: Path, ws: Any, columns: Layout) -> None:
    headers = [c.value for c in ws[2]][: len(columns)]
    if headers != [c.header for c in columns]:
        raise FormError(f"{path}: sheet '{ws.title}' đã bị đổi cột (dòng 2); hãy dùng mẫu mới do 'qnctr form' tạo")


def _number(cell: Any, where: str, content: FormContent) -> float | int | str | None:
    """A number cell as the person meant it: a percent-formatted cell holds 0.924 for 92,4 %."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if _erased(value):
        return ERASE
    try:
        if isinstance(value, bool):
            raise NumberError(f"'{value}' không phải số")
        if isinstance(value, (int, float)):
            number = percent_from_fraction(value) if scales_percent(cell.number_format) else finite(value)
        else:
            number = parse_number(str(value))
    except NumberError as exc:
        content.errors.append(f"{where}: {exc}")
        return None
    return number


def _prefilled(wb: Any) -> tuple[dict[tuple[str, str, str], Any], list[Any]]:
    """The pre-filled cells by (sheet, id, field), and the same rows as signed, in one pass."""
    if PREFILL_SHEET not in wb.sheetnames:
        return {}, []
    rows = [r for r in wb[PREFILL_SHEET].iter_rows(min_row=2, max_col=4) if r[0].value is not None]
    cells = {(str(r[0].value), str(r[1].value), str(r[2].value)): r[3] for r in rows}
    return cells, [[_canon(c.value) for c in r] for r in rows]


def _identity(meta: dict[str, Any]) -> list[Any]:
    """What a form's identity signature covers; a version 3 form also names its register."""
    names = ("form", "version", "agency", "period", "programme") + (("register",) if "register" in meta else ())
    return [_canon(meta.get(k)) for k in names]


def _row_ids(*sheets: Any, added: frozenset[tuple[str, int]] = frozenset()) -> list[Any]:
    return [[ws.title, _canon(r[0].value)] for ws in sheets for r in ws.iter_rows(min_row=FIRST_ROW, max_col=1)
            if r[0].value is not None and (ws.title, r[0].row) not in added]


def _added_rows(wb: Any, register: Register, content: FormContent) -> frozenset[tuple[str, int]]:
    """Rows the agency added with an id the programme does not have ('9.z.9', 'Nhiệm vụ thêm'):
    named and left out (the signed rows are the form's own), not a reason to refuse the form."""
    known = {TASK_SHEET: register.tasks.keys(), TARGET_SHEET: register.indicator_ids().keys()}
    what = {TASK_SHEET: "nhiệm vụ", TARGET_SHEET: "chỉ số"}
    added = set()
    for sheet in (TASK_SHEET, TARGET_SHEET):
        for row in wb[sheet].iter_rows(min_row=FIRST_ROW, max_col=1):
            item_id = _text(row[0].value)
            if item_id is not None and item_id not in known[sheet]:
                added.add((sheet, row[0].row))
                content.notes.append(f"{sheet}!A{row[0].row}: mã '{item_id}' không có trong chương trình (dòng thêm), "
                                     f"không được nhập (các dòng khác vẫn nhập); nếu là kết quả của một {what[sheet]} "
                                     f"trong mẫu, ghi vào dòng của {what[sheet]} đó")
    return frozenset(added)


def read_form(path: Path, register: Register) -> FormContent:
    """Read a filled form into a Change holding only what the agency changed: a cell equal to
    what the form was pre-filled with changes nothing; a pre-filled cell made blank removes that
    field. Content problems are collected (sheet!cell), never raised.

    Each entry carries `_cell`, the form row it came from, for later error messages.
    """
    wb = _open(path)
    if META_SHEET not in wb.sheetnames or TASK_SHEET not in wb.sheetnames or TARGET_SHEET not in wb.sheetnames:
        raise FormError(f"{path}: không phải mẫu báo cáo do 'qnctr form' tạo (thiếu sheet)")
    for name in (TASK_SHEET, TARGET_SHEET, META_SHEET, PREFILL_SHEET, REPORT_SHEET):
        if name in wb.sheetnames:
            _check_extent(path, wb[name])
    meta = {str(r[0].value): r[1].value for r in wb[META_SHEET].iter_rows(min_row=1, max_col=2) if r[0].value}
    if meta.get("form") != "qnctr":
        raise FormError(f"{path}: không phải mẫu báo cáo do 'qnctr form' tạo")
    if str(meta.get("version")) not in READABLE_VERSIONS:
        raise FormError(f"{path}: mẫu phiên bản '{meta.get('version')}' đã cũ (nay là {FORM_VERSION}); "
                        "hãy tạo mẫu mới bằng 'qnctr form' và điền lại")
    try:
        period = register.calendar.parse(str(meta.get("period", "")))
    except ValueError:
        raise FormError(f"{path}: kỳ báo cáo trong mẫu bị hỏng ('{meta.get('period')}')") from None
    layout = TARGET_LAYOUT if str(meta.get("version")) == FORM_VERSION else TARGET_LAYOUT_V3
    content = FormContent(Change(str(meta.get("agency", "")), period), target_layout=layout)
    before, prefill = _prefilled(wb)
    _check_headers(path, wb[TASK_SHEET], TASK_LAYOUT)
    _check_headers(path, wb[TARGET_SHEET], layout)
    key = form_key(register.home, create=False)
    if meta.get("register") not in (None, key.fingerprint):
        raise FormError(f"{path}: mẫu này do một sổ đăng ký khác tạo (mã sổ {meta.get('register')}; sổ đang dùng là "
                        f"{key.fingerprint}, {register.root}); không nhập. Nhập vào đúng sổ bằng --data")
    content.added = _added_rows(wb, register, content)
    expected = _macs(key.key, _identity(meta), _row_ids(wb[TASK_SHEET], wb[TARGET_SHEET], added=content.added), prefill)
    for name, mac in expected.items():
        if not hmac.compare_digest(str(meta.get(name) or "").encode("utf-8"), mac.encode("ascii")):
            content.errors.append(f"{META_SHEET}: {MAC_PROBLEMS[name]}, hoặc mẫu không do sổ đăng ký này tạo; "
                                  "không nhập. Hãy tạo mẫu mới bằng 'qnctr form'")
    _uncomputed_formulas(path, wb, content)
    _read_covering_document(wb, before, content)
    _locked_edits(wb[TASK_SHEET], register, content)
    _read_tasks(wb[TASK_SHEET], before, content)
    _read_targets(wb[TARGET_SHEET], before, content)
    _find_stale(register, content)
    return content


def _locked_edits(ws: Any, register: Register, content: FormContent) -> None:
    """A task's text edited in the form (unprotected by the agency): never imported, and said so."""
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=2):
        task = register.tasks.get(_text(row[0].value) or "")
        shown = _text(row[1].value)
        if task is not None and shown is not None and " ".join(shown.split()) != " ".join(task.text.split()):
            content.notes.append(f"{ws.title}!B{row[0].row} ({task.id}): nội dung nhiệm vụ là cột khóa; chỗ sửa trong "
                                 "mẫu không được ghi nhận (nội dung giữ đúng văn bản)")


def _read_covering_document(wb: Any, before: dict[tuple[str, str, str], Any], content: FormContent) -> None:
    """The covering document's number and day sent, when the agency wrote or changed them."""
    if REPORT_SHEET not in wb.sheetnames:  # a form of version 2
        return
    ws = wb[REPORT_SHEET]
    document = _text(ws[REPORT_CELLS["document"]].value)
    sent = _date(ws[REPORT_CELLS["submitted"]].value, f"{REPORT_SHEET}!{REPORT_CELLS['submitted']}", content.errors)
    held = {name: getattr(before.get((REPORT_SHEET, "report", name)), "value", None) for name in REPORT_CELLS}
    was_document, was_sent = _text(held["document"]), _date(held["submitted"], "", [])
    if document not in (None, ERASE) and document != was_document:
        content.change.document = document
    if isinstance(sent, date) and sent != was_sent:
        content.change.submitted = sent


def _uncomputed_formulas(path: Path, wb: Any, content: FormContent) -> None:
    """A formula cell whose value was never computed (a file written by a script, not saved by
    Excel or Calc) reads as blank: it would remove what was reported. Refused, naming the cell."""
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # it opened a moment ago with values: any failure here means no formulas to find
        return
    try:
        for name, columns in ((TASK_SHEET, TASK_LAYOUT), (TARGET_SHEET, content.target_layout)):
            editable = [i for i, c in enumerate(columns, 1) if c.editable]
            for row in formulas[name].iter_rows(min_row=FIRST_ROW, min_col=min(editable), max_col=max(editable)):
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.startswith("=") and \
                            wb[name][cell.coordinate].value is None:
                        content.errors.append(f"{name}!{cell.coordinate}: ô có công thức ({cell.value[:40]}) nhưng chưa "
                                              "có giá trị tính sẵn; mở tệp bằng Excel hoặc LibreOffice rồi lưu lại, "
                                              "hoặc ghi thẳng giá trị")
    finally:
        formulas.close()


def _seen_once(seen: dict[str, str], item_id: str, where: str, content: FormContent) -> bool:
    if item_id in seen:
        content.errors.append(f"{where}: {item_id} đã có ở {seen[item_id]}; mỗi mã chỉ ghi trên một dòng")
        return False
    seen[item_id] = where
    return True


def _status(value: Any, where: str, content: FormContent) -> str | None:
    text = _text(value)
    if text is None or text == ERASE:
        return text
    code = parse_status(text)  # typed over the dropdown ("hoan thanh") is fine too
    if code not in REPORT_STATUS_LABELS:
        content.errors.append(f"{where}: tình trạng '{text}' không hợp lệ; chọn: {', '.join(STATUS_CHOICES)}")
        return None
    return code


def _task_fields(sheet: str, cells: Any, n: int, content: FormContent) -> dict[str, Any]:
    """The editable fields of one task row, typed ("status" → code, dates → date)."""
    at = TASK_LAYOUT.index
    return {
        "status": _status(cells[at("status")].value, TASK_LAYOUT.cell(sheet, "status", n), content),
        "completed": _date(cells[at("completed")].value, TASK_LAYOUT.cell(sheet, "completed", n), content.errors),
        **{name: _text(cells[at(name)].value) for name in ("result", "difficulties", "evidence", "proposals")},
    }


def _find_stale(register: Register, content: FormContent) -> None:
    """Each changed cell whose pre-filled value differs from what the register holds now."""
    from openpyxl.utils import get_column_letter

    from .record import existing_entries

    change = content.change
    now = existing_entries(register, change.agency, change.period)
    cells = {sheet: {c.field: (i, c.header) for i, c in enumerate(columns, 1) if c.field is not None}
             for sheet, columns in ((TASK_SHEET, TASK_LAYOUT), (TARGET_SHEET, content.target_layout))}
    for sheet, row, item_id, name in content.blanks:
        held = now["tasks" if sheet == TASK_SHEET else "targets"].get(item_id, {}).get(name)
        if held is not None and not (name == "as_of" and sheet == TARGET_SHEET):
            col, header = cells[sheet][name]
            content.notes.append(f"{sheet}!{get_column_letter(col)}{row} ({item_id}, {header}): ô trống nhưng sổ đăng ký "
                                 f"đang ghi {_shown(held)} (từ lần báo cáo trước); giữ nguyên. Muốn xóa, ghi {ERASE} "
                                 "vào ô")
    for sheet, key, entries in ((TASK_SHEET, "task", change.tasks), (TARGET_SHEET, "indicator", change.observations)):
        kind, fields = ("tasks" if key == "task" else "targets"), cells[sheet]
        for entry in entries:
            was, current = entry.pop("_was"), now[kind].get(entry[key], {})
            for name in entry:
                # (xóa) in a cell that was not pre-filled asks to remove whatever is there now;
                # a cell that says what the register already holds changes nothing
                erased = entry[name] is REMOVE and was.get(name) is None
                same = (None if entry[name] is REMOVE else entry[name]) == current.get(name)
                if name in fields and was.get(name) != current.get(name) and not erased and not same:
                    col, header = fields[name]
                    content.stale.append(
                        f"{sheet}!{get_column_letter(col)}{entry['_row']} ({entry[key]}, {header}): mẫu điền sẵn "
                        f"{_shown(was.get(name))}, nay sổ đăng ký ghi {_shown(current.get(name))}")


def _shown(value: Any) -> str:
    """A cell's value as the change list says it, or that it is blank."""
    from .record import shown

    return "(trống)" if value is None else shown(value)


def _changed(item: dict[str, Any], was: dict[str, Any]) -> dict[str, Any]:
    """The fields that differ from the pre-filled ones: new values, or REMOVE for a cleared
    pre-filled cell or one marked (xóa)."""
    return {k: (REMOVE if v is None or v == ERASE else v) for k, v in item.items()
            if v != was.get(k) or v == ERASE}


FieldReader = Callable[[str, Any, int, "FormContent"], dict[str, Any]]


def _changed_rows(ws: Any, columns: Layout, read: FieldReader, what: str, before: dict[tuple[str, str, str], Any],
                  content: FormContent) -> Iterator[tuple[int, str, dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(row, id, fields as filled, fields as pre-filled, what changed) of each row the agency
    changed; a row's unreadable cells, a row without an id and a repeated id are errors."""
    seen: dict[str, str] = {}
    scratch = FormContent(content.change, target_layout=content.target_layout)  # pre-filled cells' problems are not the agency's
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=len(columns)):
        n = row[0].row
        if (ws.title, n) in content.added:
            continue
        item_id = _text(row[0].value)
        errors_before = len(content.errors)
        item = read(ws.title, row, n, content)
        if item_id is None:
            if any(v is not None for v in item.values()) or len(content.errors) > errors_before:
                del content.errors[errors_before:]  # the row is left out whole: its cells' problems too
                content.notes.append(f"{ws.title}!A{n}: dòng thêm không có mã {what}, không được nhập (các dòng khác "
                                     f"vẫn nhập); nếu là kết quả của một {what} trong mẫu, ghi vào dòng của {what} đó")
            continue
        if not _seen_once(seen, item_id, f"{ws.title}!A{n}", content):
            continue
        was = read(ws.title, _PrefillRow(before, ws.title, item_id, columns), n, scratch)
        if len(content.errors) > errors_before:
            continue
        content.blanks += [(ws.title, n, item_id, f) for f, v in item.items() if v is None and was.get(f) is None]
        if given := _changed(item, was):
            yield n, item_id, item, was, given


def _left_blank(content: FormContent, cell: str, now: Any, before: Any, cleared: str, never_filled: str) -> bool:
    """A row changed but its required cell is blank: an error, worded by whether it was cleared."""
    if now is not None:
        return False
    content.errors.append(f"{cell}: {cleared if before is not None else never_filled}")
    return True


def _either(value: Any, met: Any) -> Any:
    return value if value is not None else met


def _read_tasks(ws: Any, before: dict[tuple[str, str, str], Any], content: FormContent) -> None:
    for n, task_id, item, was, given in _changed_rows(ws, TASK_LAYOUT, _task_fields, "nhiệm vụ", before, content):
        if item["status"] == ERASE:  # the whole entry taken back
            content.change.tasks.append({"task": task_id, WITHDRAW: True, "_row": n, "_was": was})
            continue
        if _left_blank(content, TASK_LAYOUT.cell(TASK_SHEET, "status", n), item["status"], was["status"],
                       f"không xóa được tình trạng đã báo cáo của {task_id}; chọn lại một tình trạng",
                       "có kết quả nhưng chưa chọn 'Tình trạng kỳ này'"):
            continue
        # The rules of an entry (done needs its date…) are the model's, checked on import.
        content.change.tasks.append({"task": task_id, **given, "_row": n, "_was": was})


def _read_targets(ws: Any, before: dict[tuple[str, str, str], Any], content: FormContent) -> None:
    layout = content.target_layout
    for n, ref, item, was, given in _changed_rows(ws, layout, _target_fields, "chỉ số", before, content):
        if ERASE in (item["value"], item["met"]):  # the figure taken back
            content.change.observations.append({"indicator": ref, WITHDRAW: True, "_row": n, "_was": was})
            continue
        if _left_blank(content, layout.cell(TARGET_SHEET, "value", n), _either(item["value"], item["met"]),
                       _either(was["value"], was["met"]),
                       f"không xóa được số liệu đã báo cáo của {ref}; ghi số liệu mới",
                       "có ngày hoặc nguồn nhưng chưa ghi số liệu"):
            continue
        content.change.observations.append({"indicator": ref, **given, "_row": n, "_was": was})


def _target_fields(sheet: str, cells: Any, n: int, content: FormContent) -> dict[str, Any]:
    """The editable fields of one indicator row, typed (a number, met / not met, a date)."""
    layout = content.target_layout
    met_text = _text(cells[layout.index("met")].value)
    met: bool | str | None = None
    if met_text == ERASE:
        met = ERASE
    elif met_text is not None:
        if met_text in MET_CHOICES:
            met = MET_CHOICES[met_text]
        else:
            content.errors.append(f"{layout.cell(sheet, 'met', n)}: '{met_text}' không hợp lệ; chọn Đạt hoặc Không đạt")
    return {
        "value": _number(cells[layout.index("value")], layout.cell(sheet, "value", n), content),
        "met": met,
        "as_of": _date(cells[layout.index("as_of")].value, layout.cell(sheet, "as_of", n), content.errors),
        "source": _text(cells[layout.index("source")].value),
    }


class _Cell:
    def __init__(self, value: Any) -> None:
        self.value = value.value if value is not None else None
        self.number_format = value.number_format if value is not None else "General"


class _PrefillRow:
    """A form row as it was pre-filled, cell by cell, from the hidden sheet."""

    def __init__(self, before: dict[tuple[str, str, str], Any], sheet: str, item_id: str,
                 columns: Layout) -> None:
        self.cells = [_Cell(before.get((sheet, item_id, c.field)) if c.field else None) for c in columns]

    def __getitem__(self, i: int) -> _Cell:
        return self.cells[i]


# --- the checked import ----------------------------------------------------------------------------


def form_programme(path: Path) -> str | None:
    """The programme a returned form names in its hidden sheet (its number), read before any
    register: an import goes to that programme. None when the form names none."""
    refuse_missing_form(path)
    wb = _open(path)
    if META_SHEET not in wb.sheetnames:
        return None
    meta = {str(r[0].value): r[1].value for r in wb[META_SHEET].iter_rows(min_row=1, max_col=2) if r[0].value}
    return str(meta.get("programme") or "") or None


def refuse_missing_form(path: Path) -> None:
    """A form that is not there is said before anything else (the register is not looked for)."""
    if not path.is_file():
        raise FormError(f"'{path}' là một thư mục, không phải tệp" if path.is_dir() else f"không có tệp '{path}'")


def import_form(path: Path, root: Path, register: Register, today: date, submitted: date | None,
                dry_run: bool = False, overwrite_newer: bool = False, confirm_doubts: bool = False) -> Outcome:
    """Read a returned form and write what the agency changed into its progress file (or only
    show it, `dry_run`). Every problem names its sheet!cell; with any, nothing is written. A
    changed cell whose pre-filled value the register no longer holds is refused unless
    `overwrite_newer` (then it is written, and said)."""
    from .record import observed_caps, write_checked, written_lines
    from .register import refuse_packaged

    refuse_missing_form(path)
    refuse_packaged(root)  # a dry run that would succeed where the real import refuses is no preview
    content = read_form(path, register)
    change = content.change
    # Sent today unless said otherwise; an existing report keeps the date it was first sent.
    change.submitted = submitted or change.submitted  # --submitted wins over the form's own date
    change.default_observed = change.period.default_observed(today)
    change.observed_caps = observed_caps(register, change.period)
    change.confirm_doubts = confirm_doubts
    errors, warnings = _entry_problems(register, change, today, content.target_layout)
    errors = content.errors + errors
    warnings += content.notes
    hint = ""
    if content.stale and overwrite_newer:
        warnings += [f"ghi đè số liệu mới hơn trong sổ: {s}" for s in content.stale]
    elif content.stale:
        errors += [f"{s}; sổ đã được sửa sau khi tạo mẫu, ô này không được nhập" for s in content.stale]
        hint = ("\nHỏi lại cơ quan, hoặc tạo mẫu mới; nếu chắc chắn muốn ghi đè bằng số liệu trong mẫu, "
                "nhập lại với --overwrite-newer")
    if errors:
        said = [f"  - {e}" for e in errors] + [f"cảnh báo: {w}" for w in warnings]
        raise FormError(f"{path}: {len(errors)} lỗi, không ghi gì:\n" + "\n".join(said) + hint)
    written = write_checked(root, change, today, register, dry_run)
    verb = "(thử, không ghi) Sẽ ghi vào" if dry_run else "Đã nhập vào"
    return Outcome(written_lines(written, register, change, verb), warnings)


@dataclass(frozen=True, slots=True)
class FormRow:
    """Where an entry was given in the form: its sheet and row; a field's cell is its column."""

    sheet: str
    row: int
    columns: tuple[str | None, ...]

    def at(self, *more: str | int) -> tuple[str, int, int]:
        field_name = next((m for m in reversed(more) if isinstance(m, str)), None)
        return self.sheet, self.row, self.columns.index(field_name) + 1 if field_name in self.columns else 1

    @staticmethod
    def cell(sheet: str, row: int, col: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{sheet}!{get_column_letter(col)}{row}" if row else ""


# The rules of an entry are worded for `record` and the YAML (field names, options); said about a
# form, they name its columns instead (office staff read them against the sheet).
FORM_WORDS = (
    (" (done)", ""), (" (suspended)", ""),
    ("ngày hoàn thành (completed)", "'Ngày hoàn thành'"),
    ("lý do mới ở kết quả (--result)", "lý do mới ở cột 'Kết quả thực hiện'"),
    ("lý do ở kết quả (result)", "lý do ở cột 'Kết quả thực hiện'"),
    ("phải ghi tình trạng (--status)", "phải chọn 'Tình trạng kỳ này'"),
    ("thì bỏ ngày đó (--clear completed)", "thì ghi (xóa) vào ô 'Ngày hoàn thành'"),
    ("ghi đúng một trong hai: value (số liệu) hoặc met (true/false)", "ghi đúng một trong hai cột: 'Số liệu' hoặc "
     "'Đạt / Không đạt'"),
    ("ghi đạt / không đạt (met: true/false, --met/--not-met)", "chọn ở cột 'Đạt / Không đạt', không ghi 'Số liệu'"),
    ("ghi số liệu (value, --value)", "ghi ở cột 'Số liệu', không chọn 'Đạt / Không đạt'"),
)


def form_words(message: str) -> str:
    for said, in_form in FORM_WORDS:
        message = message.replace(said, in_form)
    return message


def _entry_problems(register: Register, change: Change, today: date,
                    target_layout: Layout) -> tuple[list[str], list[str]]:
    """The form's rows checked in one pass by the rules every write keeps (record.check_entries);
    each problem names the cell of its field."""
    from .record import check_entries, judged

    if change.agency not in register.agencies:
        return [f"{META_SHEET}!B3: cơ quan '{change.agency}' không có trong sổ đăng ký"], []
    rows = {id(raw): FormRow(TASK_SHEET, raw.pop("_row"), TASK_LAYOUT.fields) for raw in change.tasks}
    rows.update({id(raw): FormRow(TARGET_SHEET, raw.pop("_row"), target_layout.fields) for raw in change.observations})
    errors: list[str] = []
    warnings: list[str] = []
    for raw, found in check_entries(register, change, today, lambda raw: rows[id(raw)]):
        for d in found:
            # The report's own head (its dates) is in no cell: said as it is.
            place = f"{FormRow.cell(d.path, d.line, d.col)}: " if raw is not None else ""
            refused, message = judged(d, raw, change)
            (errors if refused else warnings).append(place + form_words(message))
    return errors, warnings


def form_name(ctx: Context, agency: Agency, period: Period) -> Path:
    """The form's default file name; with several programmes in the register, its programme's
    key too, so that two programmes' forms for one agency and period are two files."""
    from .load import programme_folders

    several = ctx.register.root != ctx.register.home and len(programme_folders(ctx.register.home)) > 1
    return Path(f"mau-bao-cao-{ctx.register.root.name + '-' if several else ''}{period}-{agency.id}.xlsx")


def write_form(ctx: Context, agency: Agency, period: Period, target: Path, force: bool) -> Path | None:
    """Write the form the agency fills in for the period; returns the path of the signing key
    when this call created it (the user must be told to keep it), else None."""
    from .atomic import check_output, write_output

    if period.cutoff_start > ctx.as_of:
        raise FormError(f"kỳ {period} ({period.label}) chưa bắt đầu: số liệu của kỳ tính từ "
                        f"{period.cutoff_start:%d/%m/%Y}")
    if (problem := ctx.directory.cannot_report(agency.id, period.due)) is not None:
        raise FormError(f"không tạo mẫu kỳ {period.label}: {problem}")
    check_output(target, force)
    try:
        key = form_key(ctx.register.home, create=True)
    except OSError as exc:
        raise FormError(f"không tạo được khóa kiểm tra mẫu: {path_problem(exc)}") from None
    write_output(target, build_form(ctx, agency, period, key), force)
    return key.path if key.created else None
