"""The form's sheets and columns (one table per sheet: `Layout`), its markers and its printed instructions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import QnctrError
from ..state import REPORT_STATUS_LABELS

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
# The most rows a form's task or target sheet holds: `form` writes no larger form and `import`
# reads none (a bound on a hostile file's work). The hidden sheet of pre-filled cells holds a
# row a cell, so its bound is as many rows times the cells a row can pre-fill.
MAX_FORM_ROWS = 20_000
PREFILLED_PER_ROW = 10

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
