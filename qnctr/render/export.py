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
