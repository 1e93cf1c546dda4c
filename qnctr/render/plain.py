"""The two shapes the views build, for a pipe or a file: text and a table with nothing but
their words (no widths, styles or wrapping), so that plain output never imports rich. The
views build these when `table.plain_text` asks (the same calls, `Text(...)`, `add_column`,
`add_row`), and rich's own classes for a terminal."""

from __future__ import annotations

from typing import Any


class PlainText:
    __slots__ = ("plain",)

    def __init__(self, text: str = "", style: Any = None, **_: Any) -> None:
        self.plain = text

    def append(self, text: str | PlainText, style: Any = None) -> PlainText:
        self.plain += text.plain if isinstance(text, PlainText) else text
        return self

    def append_text(self, text: PlainText) -> PlainText:
        self.plain += text.plain
        return self

    def __str__(self) -> str:
        return self.plain


class PlainColumn:
    __slots__ = ("_cells", "header")

    def __init__(self, header: Any) -> None:
        self.header = header
        self._cells: list[Any] = []


class PlainTable:
    """A table's title, columns with their cells, and caption; what else a terminal table takes
    (box, widths, justification, styles) is accepted and left out."""

    def __init__(self, title: Any = None, **_: Any) -> None:
        self.title = title
        self.caption: Any = None
        self.caption_justify = "left"
        self.columns: list[PlainColumn] = []

    def add_column(self, header: Any = "", **_: Any) -> None:
        self.columns.append(PlainColumn(header))

    def add_row(self, *cells: Any) -> None:
        for column, cell in zip(self.columns, [*cells, *[""] * (len(self.columns) - len(cells))], strict=True):
            column._cells.append(cell)
