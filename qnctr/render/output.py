"""A query's result on standard output, in the form asked: a table on a terminal, plain aligned
text in a pipe or a file, JSON or CSV. rich is imported only for the terminal and text forms."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from ..safe_text import printable_data
from . import export

QUERIES = ("status", "overdue", "upcoming", "targets", "show", "agencies", "compare")


def emit(fmt: str, data: dict[str, Any], query: str) -> None:
    """A query's result as a table (terminal), plain aligned text (pipe), JSON or CSV; each
    query has its table view (table.<query>_view) and its CSV rows (export.<query>_rows)."""
    if query not in QUERIES:
        raise ValueError(query)
    if fmt == "json":
        sys.stdout.write(export.to_json(data) + "\n")
    elif fmt == "csv":
        flat: Callable[[dict[str, Any]], export.Flat] = getattr(export, f"{query}_rows")
        sys.stdout.write(export.to_csv(*flat(data)))
    else:
        from . import table
        from .table import make_console, plain_text

        view: Callable[[dict[str, Any], int], Any] = getattr(table, f"{query}_view")

        if _terminal():
            console = make_console()
            console.print(view(printable_data(data), console.width))
        else:  # a pipe or a file: every row and value whole, one row per line
            sys.stdout.write(plain_text(view, printable_data(data)))


def _terminal() -> bool:
    """Whether to lay out for a terminal: as rich decides (FORCE_COLOR, TTY_COMPATIBLE, a tty),
    or QNCTR_LAYOUT=table; a plain pipe is told without rich.console (a tenth of a warm run)."""
    if os.environ.get("QNCTR_LAYOUT") == "table":
        return True
    if not (os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") or sys.stdout.isatty()):
        return False
    from .table import make_console

    return make_console().is_terminal
