"""The two shapes the views build: a text with styled spans, and a table of columns with their
cells and options. `table.plain_text` writes their words to a pipe or a file, `terminal.draw`
lays them out for a terminal as rich's Console would lay out rich's Text and Table built with
the same calls (tests/test_terminal.py holds it to that); neither imports rich.

What a Text does is rich's Text's, for the calls the views and the drawing make: control codes
stripped as rich strips them; `append` adds a span for a style (or the appended text's own style
and spans); the steps that wrap a line (split, divide, right_crop, truncate, pad, expand_tabs)
move, cut and extend spans as rich's do (rich is MIT-licensed; these follow its rich/text.py)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any, NamedTuple

# What rich's Text removes from any text it is given (bell, backspace, vertical tab, form feed, CR)
_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))
JUSTIFY = ("default", "left", "center", "right")  # "full" needs a console's styles: never used by a view


class Span(NamedTuple):
    start: int
    end: int
    style: str


class Text:
    """A text, its own style, and spans of style over parts of it."""

    __slots__ = ("plain", "spans", "style")

    def __init__(self, text: str = "", style: str | None = "", spans: list[Span] | None = None) -> None:
        self.plain = text.translate(_CONTROL)
        self.style = style or ""
        self.spans = spans if spans is not None else []

    def __str__(self) -> str:
        return self.plain

    def __len__(self) -> int:
        return len(self.plain)

    def append(self, text: str | Text, style: str | None = None) -> Text:
        offset = len(self.plain)
        if isinstance(text, Text):
            if text.style:
                self.spans.append(Span(offset, offset + len(text.plain), text.style))
            self.spans.extend(Span(start + offset, end + offset, s) for start, end, s in text.spans)
            self.plain += text.plain
        else:
            added = text.translate(_CONTROL)
            if style:
                self.spans.append(Span(offset, offset + len(added), style))
            self.plain += added
        return self

    def append_text(self, text: Text) -> Text:
        return self.append(text)

    def copy(self) -> Text:
        return Text(self.plain, self.style, self.spans[:])

    # --- what Text.wrap does to a line, step by step --------------------------------------------------

    def set_plain(self, text: str) -> None:
        """The text replaced; spans past a shorter text's end cut back to it (rich's plain setter)."""
        if text != self.plain:
            shorter = len(text) < len(self.plain)
            self.plain = text.translate(_CONTROL)
            if shorter:
                end = len(self.plain)
                self.spans[:] = [s if s.end < end else Span(s.start, min(end, s.end), s.style)
                                 for s in self.spans if s.start < end]

    def divide(self, offsets: list[int]) -> list[Text]:
        """The text cut at these offsets, each part with its share of every span."""
        if not offsets:
            return [self.copy()]
        cuts = [0, *offsets, len(self.plain)]
        parts = [Text(self.plain[a:b], self.style) for a, b in pairwise(cuts)]
        for start, end, style in self.spans:
            for part, (a, b) in zip(parts, pairwise(cuts), strict=True):
                new_start, new_end = max(0, start - a), min(end - a, b - a)
                if new_end > new_start:
                    part.spans.append(Span(new_start, new_end, style))
        return parts

    def split(self, separator: str = "\n", include_separator: bool = False, allow_blank: bool = False) -> list[Text]:
        text = self.plain
        if separator not in text:
            return [self.copy()]
        if include_separator:
            lines = self.divide([i + len(separator) for i in _find_all(text, separator)])
        else:
            cuts = [n for i in _find_all(text, separator) for n in (i, i + len(separator))]
            lines = [line for line in self.divide(cuts) if line.plain != separator]
        if not allow_blank and text.endswith(separator):
            lines.pop()
        return lines

    def right_crop(self, amount: int) -> None:
        self.set_plain(self.plain[:-amount])

    def pad_left(self, count: int) -> None:
        if count:
            self.set_plain(" " * count + self.plain)
            self.spans[:] = [Span(s.start + count, s.end + count, s.style) for s in self.spans]

    def pad_right(self, count: int) -> None:
        if count:
            self.set_plain(self.plain + " " * count)

    def extend_style(self, spaces: int) -> None:
        """Spaces added at the end, in the style of the last character."""
        if spaces <= 0:
            return
        end = len(self.plain)
        if self.spans:
            self.spans[:] = [Span(s.start, s.end + spaces, s.style) if s.end >= end else s for s in self.spans]
            self.plain += " " * spaces
        else:
            self.set_plain(self.plain + " " * spaces)

    def expand_tabs(self, tab_size: int, width_of: Any) -> None:
        """Tabs as spaces to the next tab stop (each part taking its own style as a span, as rich's do)."""
        if "\t" not in self.plain:
            return
        parts: list[Text] = []
        for line in self.split("\n", include_separator=True):
            if "\t" not in line.plain:
                parts.append(line)
                continue
            position = 0
            for part in line.split("\t", include_separator=True):
                if part.plain.endswith("\t"):
                    part.plain = part.plain[:-1] + " "
                    position += width_of(part.plain)
                    if remainder := position % tab_size:
                        part.extend_style(tab_size - remainder)
                        position += tab_size - remainder
                else:
                    position += width_of(part.plain)
                parts.append(part)
        joined = Text()
        for part in parts:
            joined.append(part)
        self.plain, self.spans[:] = joined.plain, joined.spans


def _find_all(text: str, separator: str) -> list[int]:
    found, start = [], text.find(separator)
    while start >= 0:
        found.append(start)
        start = text.find(separator, start + len(separator))
    return found


class Column:
    __slots__ = ("_cells", "header", "justify", "max_width", "min_width", "no_wrap", "overflow", "ratio")

    def __init__(self, header: Any = "", *, justify: str = "left", no_wrap: bool = False, min_width: int | None = None,
                 max_width: int | None = None, ratio: int | None = None, overflow: str = "ellipsis") -> None:
        if justify not in JUSTIFY:
            raise ValueError(f"a column is justified {JUSTIFY}, not {justify!r}")
        self.header, self.justify, self.no_wrap, self.overflow = header, justify, no_wrap, overflow
        self.min_width, self.max_width, self.ratio = min_width, max_width, ratio
        self._cells: list[Any] = []


class Table:
    """A table as the views draw it (rich's Table with box SIMPLE_HEAD and no edge padding): a
    title and caption, columns with their cells, a header row and a rule under it."""

    def __init__(self, title: Any = None, *, title_justify: str = "left", title_style: str = "italic",
                 caption: Any = None, caption_justify: str = "center", caption_style: str = "dim italic") -> None:
        if title_justify not in JUSTIFY or caption_justify not in JUSTIFY:
            raise ValueError(f"a title or caption is justified {JUSTIFY}")
        self.title, self.title_justify, self.title_style = title, title_justify, title_style
        self.caption, self.caption_justify, self.caption_style = caption, caption_justify, caption_style
        self.columns: list[Column] = []

    def add_column(self, header: Any = "", **options: Any) -> None:
        self.columns.append(Column(header, **options))

    def add_row(self, *cells: Any) -> None:
        for column, cell in zip(self.columns, [*cells, *[""] * (len(self.columns) - len(cells))], strict=True):
            column._cells.append(cell)
