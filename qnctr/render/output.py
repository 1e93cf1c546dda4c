"""A query's result on standard output, in the form asked: a table on a terminal, plain aligned
text in a pipe or a file, JSON or CSV. The views are render/plain.py's tables and texts, drawn
for a terminal by render/terminal.py."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from ..errors import QnctrError
from ..safe_text import printable_data
from . import export

QUERIES = ("status", "overdue", "upcoming", "targets", "show", "agencies", "compare", "programmes", "scorecard",
           "difficulties")


def refuse_binary_on_terminal(fmt: str) -> None:
    """An Excel workbook goes to a file; on a terminal it would be noise."""
    if fmt == "xlsx" and sys.stdout.isatty():
        raise QnctrError("--format xlsx ghi một tệp Excel: chuyển kết quả vào tệp, ví dụ "
                         "'qnctr status -f xlsx > trang-thai.xlsx'")


def _flat_out(fmt: str, rows: list[dict[str, Any]], columns: list[str], query: str) -> None:
    """A table of rows as CSV (for machines) or as a workbook (for people) on standard output."""
    if fmt == "csv":
        sys.stdout.write(export.to_csv(rows, columns))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(export.to_xlsx(rows, columns, title=query))


def emit(fmt: str, data: dict[str, Any], query: str) -> None:
    """A query's result as a table (terminal), plain aligned text (pipe), JSON or CSV; each
    query has its table view (table.<query>_view) and its CSV rows (export.<query>_rows)."""
    if query not in QUERIES:
        raise ValueError(query)
    refuse_binary_on_terminal(fmt)
    if fmt == "json":
        sys.stdout.write(export.to_json(data) + "\n")
    elif fmt in ("csv", "xlsx"):
        flat: Callable[[dict[str, Any]], export.Flat] = getattr(export, f"{query}_rows")
        _flat_out(fmt, *flat(data), query)
    else:
        sys.stdout.write(shown(data, query))


def shown(data: dict[str, Any], query: str) -> str:
    """A query's result as a table on a terminal (or when QNCTR_LAYOUT=table), else as plain
    aligned text."""
    from . import table
    from .screen import screen

    view: Callable[[dict[str, Any], int], Any] = getattr(table, f"{query}_view")
    where = screen()
    if where.terminal or os.environ.get("QNCTR_LAYOUT") == "table":
        from .terminal import draw

        return draw(view(printable_data(data), where.width), where)
    return table.plain_text(view, printable_data(data))  # a pipe or a file: every row and value whole, one per line


DATA_FORMS = ("json", "csv", "xlsx")  # answers written as data; the others laid out for people


def across(fmt: str, programme: Any, data: dict[str, Any], query: str) -> Any:
    """One programme's answer as `emit_across` takes it: in a data form the data itself; for a
    table, laid out already (`section`), in whichever process answered it (forked.in_two)."""
    return data if fmt in DATA_FORMS else section(programme, data, query)


def section(programme: Any, data: dict[str, Any], query: str) -> str:
    """One programme's answer as a question across programmes shows it in a table or plain text,
    in its own words ("Toàn Kế hoạch")."""
    from .words import PROGRAMME_WORD

    if query not in QUERIES:
        raise ValueError(query)
    token = PROGRAMME_WORD.set(programme.word)
    try:
        return shown(data, query)
    finally:
        PROGRAMME_WORD.reset(token)


def emit_across(fmt: str, answers: list[tuple[str, Any, Any]], query: str) -> None:
    """One question's answers from several programmes, side by side: in a terminal each under
    its programme's number and kind; in JSON a list, each answer with its `programme`; in CSV
    and xlsx one table, each row with the programme's number first. Each answer is as `across`
    made it: for a table, its text."""
    refuse_binary_on_terminal(fmt)
    named = [({"key": key, "number": p.id, "kind": p.kind_name, "title": p.title}, data) for key, p, data in answers]
    if fmt == "json":
        sys.stdout.write(export.to_json({"programmes": [{"programme": who, **data} for who, data in named]}) + "\n")
        return
    if fmt in ("csv", "xlsx"):
        flat: Callable[[dict[str, Any]], export.Flat] = getattr(export, f"{query}_rows")
        rows: list[dict[str, Any]] = []
        columns: list[str] = []
        for who, data in named:
            part, columns = flat(data)
            rows += [{"programme": who["number"], **row} for row in part]
        _flat_out(fmt, rows, ["programme", *columns], query)
        return
    for i, (who, text) in enumerate(named):
        sys.stdout.write(f"{'' if i == 0 else chr(10)}══ {who['kind']} số {who['number']} ══\n{text}")
