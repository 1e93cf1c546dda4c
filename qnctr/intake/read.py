"""A returned form read back (every problem at its sheet!cell, in the form's words) and
imported, checked, into the agency's report."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..days import read_day
from ..load import Register
from ..numbers import (
    NumberError,
    finite,
    format_number,
    parse_number,
    percent_for_unit,
    percent_from_fraction,
    scales_percent,
)
from ..record import REMOVE, WITHDRAW, Change, Outcome, parse_status
from ..state import REPORT_STATUS_LABELS
from . import layout
from .layout import (
    ERASE,
    FIRST_ROW,
    FORM_VERSION,
    MET_CHOICES,
    META_SHEET,
    PREFILL_SHEET,
    READABLE_VERSIONS,
    REPORT_CELLS,
    REPORT_SHEET,
    STATUS_CHOICES,
    TARGET_LAYOUT,
    TARGET_LAYOUT_V3,
    TARGET_SHEET,
    TASK_LAYOUT,
    TASK_SHEET,
    FormError,
    Layout,
    _erased,
)
from .signing import MAC_PROBLEMS, _identity, _macs, _prefilled, _row_ids, form_key

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
    rows = layout.MAX_FORM_ROWS * (layout.PREFILLED_PER_ROW if ws.title == PREFILL_SHEET else 1)
    if ws.max_row > FIRST_ROW + rows or ws.max_column > MAX_FORM_COLUMNS:
        raise FormError(f"{path}: sheet '{ws.title}' dùng đến ô {ws.cell(ws.max_row, ws.max_column).coordinate}; "
                        f"mẫu có nhiều nhất {format_number(rows)} dòng, {MAX_FORM_COLUMNS} cột. "
                        "Xóa các ô thừa rồi gửi lại")


def _open(path: Path, read_only: bool = False) -> Any:
    """The workbook with its values (read_only: sheets read as asked, for one small sheet)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    _check_package(path)
    try:
        return load_workbook(path, data_only=True, read_only=read_only)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise FormError(f"{path}: không mở được tệp Excel ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile/lxml raise many kinds for a damaged file
        raise FormError(f"{path}: tệp Excel bị hỏng ({type(exc).__name__})") from None


def _check_headers(path: Path, ws: Any, columns: Layout) -> None:
    headers = [c.value for c in ws[2]][: len(columns)]
    if headers != [c.header for c in columns]:
        raise FormError(f"{path}: sheet '{ws.title}' đã bị đổi cột (dòng 2); hãy dùng mẫu mới do 'qnctr form' tạo")


def _number(cell: Any, where: str, content: FormContent, unit: str | None) -> float | int | str | None:
    """A number cell as the person meant it: a percent-formatted cell holds 0.924 for 92,4 %; a
    percent (typed "45%" or formatted as one) for an indicator not in % is refused."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if _erased(value):
        return ERASE
    shown = value if isinstance(value, str) else ""  # as the agency saw it: typed, or formatted as a percent
    if isinstance(value, (int, float)) and not isinstance(value, bool) and scales_percent(cell.number_format):
        shown = f"{value:.0%}"
    if wrong := percent_for_unit(shown, unit):
        content.errors.append(f"{where}: {wrong}")
        return None
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
    _locked_edits(wb[TASK_SHEET], register, content, before)
    _read_tasks(wb[TASK_SHEET], before, content)
    _read_targets(wb[TARGET_SHEET], before, content)
    _find_stale(register, content)
    return content


def _locked_edits(ws: Any, register: Register, content: FormContent, before: dict[tuple[str, str, str], Any]) -> None:
    """A task's text that differs in the form from the register: edited by the agency (the sheet
    unprotected), never imported, and said so; or changed in the register after the form was
    made (the form's own text is the one it was given, kept signed), said with both texts, since
    the agency answered the wording it was sent."""
    from ..safe_text import shorten

    def plain(text: str) -> str:
        return " ".join(text.split())

    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=2):
        task = register.tasks.get(_text(row[0].value) or "")
        shown = _text(row[1].value)
        if task is None or shown is None or plain(shown) == plain(task.text):
            continue
        given = _text(getattr(before.get((ws.title, task.id, "text")), "value", None))
        where = f"{ws.title}!B{row[0].row} ({task.id})"
        if given is not None and plain(given) == plain(shown):
            content.notes.append(f"{where}: nội dung nhiệm vụ trong sổ đăng ký đã sửa sau khi tạo mẫu (mẫu: "
                                 f"«{shorten(plain(given), 80)}»; nay: «{shorten(plain(task.text), 80)}»): cơ quan báo "
                                 "cáo theo nội dung cũ; đối chiếu báo cáo với nội dung mới")
        else:
            content.notes.append(f"{where}: nội dung nhiệm vụ là cột khóa; chỗ sửa trong mẫu không được ghi nhận "
                                 "(nội dung giữ đúng văn bản)")


def _read_covering_document(wb: Any, before: dict[tuple[str, str, str], Any], content: FormContent) -> None:
    """The covering document's number and day sent, when the agency wrote or changed them."""
    if REPORT_SHEET not in wb.sheetnames:  # a form of version 2
        return
    ws = wb[REPORT_SHEET]
    raw_document = ws[REPORT_CELLS["document"]].value
    if isinstance(raw_document, date):  # a day typed where the number goes: never a document's number
        content.errors.append(f"{REPORT_SHEET}!{REPORT_CELLS['document']}: ô số, ký hiệu văn bản (ví dụ 85/BC-SNV) "
                              f"có ngày {raw_document.strftime('%d/%m/%Y')}; ngày gửi ghi ở ô "
                              f"{REPORT_SHEET}!{REPORT_CELLS['submitted']}")
        raw_document = None
    document = _text(raw_document)
    sent = _date(ws[REPORT_CELLS["submitted"]].value, f"{REPORT_SHEET}!{REPORT_CELLS['submitted']}", content.errors)
    held = {name: getattr(before.get((REPORT_SHEET, "report", name)), "value", None) for name in REPORT_CELLS}
    was_document, was_sent = _text(held["document"]), _date(held["submitted"], "", [])
    if document not in (None, ERASE) and document != was_document:
        content.change.document = document
    if isinstance(sent, date) and sent != was_sent:
        content.change.submitted = sent
        content.change.keep_sent = (f"giữ ngày gửi lần đầu ({was_sent:%d/%m/%Y}) ở ô {REPORT_SHEET}!"
                                    f"{REPORT_CELLS['submitted']}" if isinstance(was_sent, date) else
                                    content.change.keep_sent)


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

    from ..record import existing_entries

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
    from ..record import shown

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
        "value": _number(cells[layout.index("value")], layout.cell(sheet, "value", n), content,
                         _text(cells[layout.index("unit")].value)),
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
    wb = _open(path, read_only=True)  # only the hidden sheet is read: the form is read whole once, by import_form
    try:
        if META_SHEET not in wb.sheetnames:
            return None
        meta = {str(r[0].value): r[1].value for r in wb[META_SHEET].iter_rows(min_row=1, max_col=2) if r[0].value}
    except Exception as exc:  # a damaged part found only when the sheet is read
        raise FormError(f"{path}: tệp Excel bị hỏng ({type(exc).__name__})") from None
    finally:
        wb.close()
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
    from ..record import observed_caps, report_of, write_checked, written_lines
    from ..register import refuse_packaged

    refuse_missing_form(path)
    refuse_packaged(root)  # a dry run that would succeed where the real import refuses is no preview
    content = read_form(path, register)
    change = content.change
    # Sent today unless said otherwise; an existing report keeps the date it was first sent.
    change.submitted = submitted or change.submitted  # --submitted wins over the form's own date
    if submitted:
        change.keep_sent = "nhập không kèm --submitted"
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
    sent_before = report_of(register, change.agency, change.period) is not None
    if not (change.tasks or change.observations or change.document or change.submitted or sent_before):
        # A form sent back as it went out (or the office's own copy imported by mistake) is not a
        # report: written, it made the agency one that reported on time, with nothing in it.
        raise FormError(f"{path}: mẫu chưa điền gì (không ô nào khác phần điền sẵn): không nhập. Nếu cơ quan gửi "
                        f"văn bản báo cáo không có gì mới, ghi số và ngày văn bản ở sheet '{REPORT_SHEET}' "
                        "(hoặc ngày gửi bằng --submitted) rồi nhập lại")
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
    from ..record import check_entries, judged

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
