"""JSON and CSV output with stable English keys."""

from __future__ import annotations

import csv
import io
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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


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
            + [{"kind": "report", "id": r["period"], **r} for r in result["reports"]])
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
    return rows, ["id", "name", "kind", "aliases", "members", "succeeded_by", "since", "basis",
                  "tasks_lead", "tasks_member", "tasks_inherited", "tasks_support"]


def compare_rows(result: Mapping[str, Any]) -> Flat:
    rows = ([{"kind": "task", **r} for r in result["tasks"]]
            + [{"kind": "indicator", **r} for r in result["targets"]]
            + [{"kind": "report", "id": r["agency"], **r} for r in result["reporting"]])
    return rows, ["kind", "id", "group", "agency", "agency_name", "change", "before", "after", "before_label",
                  "after_label"]
