"""JSON and CSV output with stable English keys."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..safe_text import json_text, printable, spreadsheet_cell


def to_json(data: Any) -> str:
    return json_text(data, indent=2)


def _cell(value: Any) -> str:
    """A CSV cell: text that no spreadsheet runs as a formula and no terminal obeys."""
    if value is None:
        return ""
    if isinstance(value, bool):  # the only booleans in a table are a qualitative indicator's value
        return "Đạt" if value else "Không đạt"
    if isinstance(value, (dict, list)):
        return spreadsheet_cell(json_text(value))
    if isinstance(value, str):
        return spreadsheet_cell(printable(value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))  # 11250, not 11250.0
    return str(value)


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """One row per record; nested values as JSON text so no information is lost. UTF-8 with a
    BOM, which is how Excel recognises UTF-8 (without it Vietnamese opens as mojibake)."""
    out = io.StringIO()
    out.write("\ufeff")
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


# The heading a person reads over each column of a spreadsheet (CSV keeps the keys, for machines).
HEADINGS = {
    "kind": "Loại", "id": "Mã", "group": "Nhóm", "role": "Vai trò", "role_label": "Vai trò", "state": "Mã tình trạng",
    "state_label": "Tình trạng", "due": "Hạn", "due_label": "Hạn", "value": "Kết quả", "target": "Mục tiêu",
    "op": "So sánh", "unit": "Đơn vị", "text": "Nội dung", "indicator": "Chỉ số", "agency": "Mã cơ quan",
    "agency_name": "Cơ quan", "period": "Kỳ", "days_overdue": "Số ngày quá hạn", "days_left": "Số ngày còn lại",
    "target_id": "Chỉ tiêu", "name": "Tên", "lead": "Mã cơ quan chủ trì", "lead_name": "Cơ quan chủ trì",
    "observed": "Tính đến ngày", "deadline": "Thời hạn", "explanation": "Giải thích", "aliases": "Tên gọi khác",
    "members": "Thành viên", "succeeded_by": "Tổ chức lại thành", "since": "Từ ngày", "basis": "Căn cứ",
    "under": "Cơ quan chủ quản",
    "tasks_lead": "Số nhiệm vụ chủ trì", "tasks_member": "Số nhiệm vụ (thành viên nhóm)",
    "tasks_inherited": "Số nhiệm vụ kế thừa", "tasks_support": "Số nhiệm vụ phối hợp", "change": "Thay đổi",
    "before": "Trước", "after": "Sau", "before_label": "Trước", "after_label": "Sau", "submitted": "Ngày gửi",
    "result": "Kết quả", "status": "Trạng thái", "key": "Mã chương trình", "number": "Số hiệu",
    "horizon": "Giai đoạn", "tasks": "Số nhiệm vụ", "next_period": "Kỳ báo cáo tới", "next_due": "Hạn gửi",
    "title": "Tên", "problem": "Lỗi", "programme": "Chương trình", "completed": "Ngày hoàn thành", "reason": "Lý do",
}


def to_xlsx(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], title: str) -> bytes:
    """The same table as `to_csv`, as an Excel workbook a person opens with a double click: a
    heading row in Vietnamese, every text cell typed as text (an id "2025.10" stays "2025.10",
    where a spreadsheet reads the CSV's as the number 2025.1; a text starting with = stays text),
    figures as numbers, the heading frozen and filterable."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.properties.creator = "qnctr"  # what Excel's document information shows, not the library
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([HEADINGS.get(c, c) for c in columns])
    widths = [len(HEADINGS.get(c, c)) for c in columns]
    for r, row in enumerate(rows, start=2):
        for c, key in enumerate(columns, start=1):
            value = row.get(key)
            cell = sheet.cell(r, c)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value = int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value
            elif value is not None:
                cell.value = _text(value)
                cell.data_type = "s"  # never a formula, never a number read from text
                widths[c - 1] = max(widths[c - 1], min(len(cell.value), 60))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width + 2
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    """A cell's text in a workbook: as in the CSV, but no apostrophe (the cell is typed as text)."""
    if isinstance(value, bool):
        return "Đạt" if value else "Không đạt"
    if isinstance(value, (dict, list)):
        return _XLSX_ILLEGAL.sub("", json_text(value))
    return _XLSX_ILLEGAL.sub("", printable(str(value)))


_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses (printable shows them first)


# --- one table per command: each query's nested result as CSV rows ------------------------------

Flat = tuple[list[dict[str, Any]], list[str]]


def status_rows(result: Mapping[str, Any]) -> Flat:
    rows = [{"kind": "task", **t} for t in result["tasks"]] + [
        {"kind": "indicator", "role": t["role"], **i} for t in result["targets"] for i in t["indicators"]] + [
        {"kind": "report", "id": r["period"], "text": r["agency_name"], **r} for r in result["reporting"]]
    return rows, ["kind", "id", "group", "role", "state", "state_label", "due", "value", "target", "op", "unit", "text"]


def overdue_rows(result: Mapping[str, Any]) -> Flat:
    rows = ([{"kind": "task", **r} for r in result["tasks"]]
            + [{"kind": "target", **r} for r in result["targets"]]
            + [{"kind": "report", "id": r["period"], **r} for r in result["reports"]]
            + [{"kind": "explanation", **r} for r in result.get("explanations", [])])
    return rows, ["kind", "id", "indicator", "agency", "agency_name", "period", "due", "days_overdue", "state"]


def upcoming_rows(result: Mapping[str, Any]) -> Flat:
    return list(result["items"]), ["kind", "id", "agency", "agency_name", "due", "days_left"]


def targets_rows(result: Mapping[str, Any]) -> Flat:
    rows = [{"target_id": t["id"], "role": t["role"], "lead": "; ".join(t["lead"]), "lead_name": t["lead_names"], **i}
            for t in result["targets"] for i in t["indicators"]]
    return rows, ["target_id", "id", "name", "lead", "lead_name", "role", "state", "state_label", "value", "observed",
                  "target", "op", "unit", "deadline", "explanation"]


def show_rows(result: Mapping[str, Any]) -> Flat:
    """A task's or target's reports, or an agency's tasks: whichever list the item has."""
    rows = list(result.get("history") or result.get("tasks") or result.get("indicators") or [])
    return rows, sorted({k for r in rows for k in r if not isinstance(r[k], (dict, list))})


def agencies_rows(result: Mapping[str, Any]) -> Flat:
    rows = [{**a, **{f"tasks_{k}": v for k, v in a["tasks"].items()}} for a in result["agencies"]]
    return rows, ["id", "name", "kind", "aliases", "members", "succeeded_by", "since", "basis", "under",
                  "tasks_lead", "tasks_member", "tasks_inherited", "tasks_support"]


def scorecard_rows(result: Mapping[str, Any]) -> Flat:
    rows = [{"agency": a["agency"], "agency_name": a["agency_name"], "tasks": a["tasks"], "ongoing": a["ongoing"],
             **a["counts"], "rate": a["rate"], "rate_base": a["rate_base"],
             "report": a["report"]["state"] if a["report"] else None,
             **{f"reports_{k}": v for k, v in a["reports"].items()},
             **{f"explanations_{k}": v for k, v in a["explanations"].items()}} for a in result["agencies"]]
    return rows, ["agency", "agency_name", "tasks", "ongoing", "done_on_time", "done_late", "in_progress", "overdue",
                  "not_started", "suspended", "no_report", "not_required", "rate", "rate_base", "report",
                  "reports_on_time", "reports_late", "reports_missing", "explanations_asked", "explanations_answered",
                  "explanations_overdue"]


def difficulties_rows(result: Mapping[str, Any]) -> Flat:
    rows = [{"kind": kind, "period": result["period"], **r} for kind in ("difficulties", "proposals")
            for r in result[kind]]
    return rows, ["kind", "period", "agency", "agency_name", "task", "text", "submitted", "document"]


def compare_rows(result: Mapping[str, Any]) -> Flat:
    rows = ([{"kind": "task", **r} for r in result["tasks"]]
            + [{"kind": "indicator", **r} for r in result["targets"]]
            + [{"kind": "report", "id": r["agency"], **r} for r in result["reporting"]])
    return rows, ["kind", "id", "group", "agency", "agency_name", "change", "before", "after", "before_label",
                  "after_label"]


def programmes_rows(result: Mapping[str, Any]) -> Flat:
    return list(result["programmes"]), ["key", "number", "kind", "status", "horizon", "tasks", "next_period",
                                        "next_due", "title", "problem", "to_check"]
