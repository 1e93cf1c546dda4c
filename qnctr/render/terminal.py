"""A view drawn for a terminal: words wrapped to its width, tables laid out, states in colour.

The views are rich Tables and Texts, and a terminal shows them as rich's Console would: the
same column widths, line breaks, box and colours. They are drawn here rather than by the
Console because its import and its general rendering (every cell measured and rendered as
segments, through padding and cropping) were half of a warm `status`. Here the steps that
decide a line are rich's, taken one by one for the few kinds of table the views make: Text.wrap's
breaking and cutting (on plain strings when a text has no styled part), Table's column widths
(its own _collapse_widths and ratio_reduce), cell_len for wide characters, Style for the escape
codes. tests/test_terminal.py holds the drawing to the Console's, for every view and for any
text (wide characters, accents, tabs, words longer than a line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from rich import box
from rich._ratio import ratio_reduce
from rich.cells import cell_len, chop_cells, set_cell_size
from rich.color import ColorSystem
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .screen import Screen

if TYPE_CHECKING:
    from rich.console import Console

# rich's theme for the parts of a table the views leave unstyled
HEADER_STYLE = "bold"
CAPTION_STYLE = "dim italic"
RULE = "─"  # box.SIMPLE_HEAD: no borders, spaces for edges and dividers, a rule under the header

Line = list[tuple[str, str]]  # a line as pieces of text, each with its style ("" for none)


def draw(view: Any, screen: Screen) -> str:
    """A view (a Stack of parts, a Table or a Text) as the text to write to the terminal."""
    return "".join(_ansi(line, screen) + "\n" for line in _lines(view, screen.width))


def _lines(view: Any, width: int) -> Iterable[Line]:
    parts = getattr(view, "parts", None)
    if parts is not None:  # a Stack: its parts one under another
        for part in parts:
            yield from _lines(part, width)
    elif isinstance(view, Table):
        yield from _table(view, width)
    elif isinstance(view, Text):
        yield from _wrapped(view, width, "default", "fold")
    else:
        raise TypeError(f"cannot draw {type(view).__name__}")


def _table(table: Table, width: int) -> Iterable[Line]:
    """A table as rich lays it out with box SIMPLE_HEAD and pad_edge=False: each column as wide
    as its longest line, the wrappable ones narrowed (widest first) when the table is too wide,
    then all evenly; a blank line above and below, a rule under the header."""
    if not _drawable(table):
        raise ValueError(f"a table drawn here has box SIMPLE_HEAD, no edge padding, a header, no footer and no "
                         f"line filled to both edges: {table.title}")
    columns = table.columns
    count = len(columns)
    room = width - 2 - (count - 1)  # two edges and a divider between columns
    pads = [(0 if i == 0 else 1, 0 if i == count - 1 else 1) for i in range(count)]
    cells = [[column.header, *column._cells] for column in columns]
    widest = [_widest(column_cells) for column_cells in cells]
    widths = [_fit(widest[i], sum(pads[i]), column, room) or 1 for i, column in enumerate(columns)]
    if sum(widths) > room:
        widths = Table._collapse_widths(widths, [c.width is None and not c.no_wrap for c in columns], room)
        if sum(widths) > room:
            widths = ratio_reduce(sum(widths) - room, [1] * count, widths, widths)
        widths = [_fit(widest[i], sum(pads[i]), column, w) for i, (w, column) in enumerate(zip(widths, columns, strict=True))]
    full = sum(widths) + 2 + count - 1
    if full > width:  # the columns' least widths do not fit: cut at the edge, as the Console does
        yield from (_crop(line, width) for line in _table_lines(table, cells, widths, pads, full))
    else:
        yield from _table_lines(table, cells, widths, pads, full)


def _drawable(table: Table) -> bool:
    """The tables the views make (render/table.py's _table), the only ones laid out here."""
    return (table.box is box.SIMPLE_HEAD and not table.pad_edge and table.padding == (0, 1, 0, 1) and table.show_header
            and table.show_edge and not (table.show_footer or table.show_lines or table.expand or table.leading)
            and table.width is None and table.min_width is None and not table.collapse_padding
            and table.style in ("none", "") and not (table.border_style or table.row_styles) and bool(table.columns)
            and table.header_style == "table.header"  # bold, as HEADER_STYLE
            and "full" not in (table.title_justify, table.caption_justify)  # rich fills lines with a console's styles
            and all(c.width is None and c.vertical == "top" and not c.style and not c.header_style and c.justify != "full"
                    for c in table.columns))


def _table_lines(table: Table, cells: list[list[Any]], widths: list[int], pads: list[tuple[int, int]],
                 full: int) -> Iterable[Line]:
    columns = table.columns
    if table.title:
        yield from _wrapped(table.title, full, table.title_justify, "fold", str(table.title_style or "italic"))
    yield [(" " * full, "")]
    for index, row in enumerate(zip(*cells, strict=True)):
        header = index == 0
        drawn = [_cell(cell, w, pad, column, HEADER_STYLE if header else "")
                 for cell, w, pad, column in zip(row, widths, pads, columns, strict=True)]
        height = max(len(c) for c in drawn)
        for c, w in zip(drawn, widths, strict=True):
            filler: list[Line] = [[(" " * w, "")]] * (height - len(c))
            c[:] = (filler + c) if header else (c + filler)  # a header sits on its rule
        for n in range(height):
            line: Line = [(" ", "")]
            for i, c in enumerate(drawn):
                if i:
                    line.append((" ", ""))
                line.extend(c[n])
            line.append((" ", ""))
            yield line
        if header:
            yield [(" " + RULE * (full - 2) + " ", "")]
    yield [(" " * full, "")]
    if table.caption:
        yield from _wrapped(table.caption, full, table.caption_justify, "fold", str(table.caption_style or CAPTION_STYLE))


def _cell(value: Any, width: int, pad: tuple[int, int], column: Any, style: str) -> list[Line]:
    """A cell's lines, each padded to the column's width."""
    left, right = pad
    inner = width - left - right
    if inner < 1:
        return [[(" " * width, "")]]
    # a left-justified line is padded here, with the cell's padding
    justify = "default" if column.justify == "left" else column.justify
    drawn = []
    for pieces in _wrapped(value, inner, justify, column.overflow, style, column.no_wrap):
        short = inner - sum(_width(text) for text, _ in pieces)
        drawn.append([(" " * left, ""), *pieces, (" " * (right + max(short, 0)), "")])
    return drawn


def _widest(cells: list[Any]) -> int:
    """A column's longest line, in cells (its header's included)."""
    return max((_width(line) for cell in cells for line in _plain(cell).splitlines()), default=0)


def _fit(widest: int, pad: int, column: Any, room: int) -> int:
    """How wide a column is drawn in this much room, as rich measures it: its longest line and
    padding, no wider than the room, then within the column's own least and greatest width.
    (rich also measures the longest word, which never changes this figure.)"""
    if room < 1:
        return 0
    width = room if room - pad < 1 else min(widest + pad, room)
    if column.min_width is not None:
        width = max(width, column.min_width + pad)
    if column.max_width is not None:
        width = min(width, column.max_width + pad)
    return width


def _plain(value: Any) -> str:
    return value.plain if isinstance(value, Text) else str(value)


def _wrapped(value: Any, width: int, justify: str, overflow: str, style: str = "", no_wrap: bool = False) -> list[Line]:
    """A text's lines at this width, as rich's Text.wrap breaks, justifies and cuts them: on
    strings when no part of it has a style of its own (nearly every cell), through rich's Text
    otherwise. `style` is the base under the text's own (a header's bold)."""
    if not isinstance(value, Text) and ("\t" in str(value) or justify not in ("default", "left", "right")):
        value = Text(str(value))  # centred or with tabs: rich's own steps
    if isinstance(value, Text):
        if value.spans or "\t" in value.plain or justify not in ("default", "left", "right"):
            lines = value.wrap(cast("Console", None), width, justify=cast(Any, justify),  # no console needed
                               overflow=cast(Any, overflow), no_wrap=no_wrap)
            return [_styled(line, style) for line in lines]
        style = " ".join(s for s in (style, str(value.style)) if s)
        value = value.plain
    return [[(line, style)] for line in _wrap(str(value), width, justify, overflow, no_wrap)]


def _wrap(plain: str, width: int, justify: str, overflow: str, no_wrap: bool) -> list[str]:
    """Text.wrap's steps on a string: break before each word that does not fit, drop spaces
    past the edge, cut what is still too long (with "…" for overflow="ellipsis"), justify."""
    if "\n" not in plain and justify != "right" and (size := _width(plain)) <= width:
        return [plain + " " * (width - size) if justify == "left" else plain]  # most cells: one line that fits
    out = []
    for line in plain.split("\n"):
        pieces = [line] if no_wrap else _divide(line, width, overflow == "fold")
        for piece in pieces:
            if justify == "right":
                piece = _truncate(piece.rstrip(), width, overflow)
                piece = " " * (width - _width(piece)) + piece
            piece = _truncate(piece, width, overflow)
            if justify == "left":
                piece += " " * (width - _width(piece))
            out.append(piece)
    return out


def _divide(line: str, width: int, fold: bool) -> list[str]:
    cuts = [0, *_breaks(line, width, fold), len(line)]
    pieces = []
    for start, end in pairwise(cuts):
        piece = line[start:end]
        if len(piece) > width and (space := _TRAILING_SPACE.search(piece)):  # Text.rstrip_end
            piece = piece[: len(piece) - min(len(space.group(0)), len(piece) - width)]
        pieces.append(piece)
    return pieces


def _truncate(piece: str, width: int, overflow: str) -> str:
    if overflow == "ignore" or _width(piece) <= width:
        return piece
    return set_cell_size(piece, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(piece, width)


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where a line breaks to fit the width: before each word that does not fit on the line
    (rich._wrap.divide_line, with widths measured by _width)."""
    breaks: list[int] = []
    used = 0
    size_of = len if _NARROW.issuperset(text) else _width
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        size = size_of(word.rstrip())
        if width - used >= size:
            used += size_of(word)
        elif size > width:  # longer than a whole line
            if fold:
                parts = chop_cells(word, width=width)
                for i, part in enumerate(parts):
                    if start:
                        breaks.append(start)
                    if i == len(parts) - 1:
                        used = _width(part)
                    else:
                        start += len(part)
            else:
                if start:
                    breaks.append(start)
                used = _width(word)
        elif used and start:
            breaks.append(start)
            used = _width(word)
    return breaks


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
# Characters one cell wide beyond those rich knows without looking each up (Vietnamese letters,
# punctuation, arrows, signs): a text made only of them is as wide as it is long.
_NARROW = frozenset(chr(c) for start, end in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x1E00, 0x1EFF),
                                                  (0x2010, 0x2027), (0x2030, 0x205E), (0x2190, 0x21FF),
                                                  (0x2200, 0x22FF), (0x2500, 0x25FC))
                    for c in range(start, end + 1))


def _width(text: str) -> int:
    return len(text) if _NARROW.issuperset(text) else cell_len(text)


def _styled(text: Text, base: str = "") -> Line:
    """A line of text as pieces, each with every style that covers it: the base, the text's
    own, then its spans in order (as rich combines them)."""
    own = " ".join(s for s in (base, str(text.style)) if s)
    plain = text.plain
    spans = [s for s in text.spans if s.start < s.end and str(s.style)]
    if not spans:
        return [(plain, own)]
    cuts = sorted({0, len(plain), *(s.start for s in spans), *(min(s.end, len(plain)) for s in spans)})
    pieces: Line = []
    for start, end in pairwise(cuts):
        if start < end:
            styles = [own, *(str(s.style) for s in spans if s.start <= start and s.end >= end)]
            pieces.append((plain[start:end], " ".join(s for s in styles if s)))
    return pieces


def _crop(line: Line, width: int) -> Line:
    """The line cut at the screen's edge as rich's Segment.adjust_line_length cuts it: a line
    that fits is left whole; otherwise the piece that reaches the edge is cut to it and what
    follows is dropped, even a character of no width (a combining accent)."""
    if sum(_width(text) for text, _ in line) <= width:
        return line
    used, kept = 0, []
    for text, style in line:
        size = _width(text)
        if used + size < width:
            kept.append((text, style))
            used += size
        else:
            kept.append((set_cell_size(text, width - used), style))
            break
    return kept


def _ansi(line: Line, screen: Screen) -> str:
    if not screen.styled:
        return "".join(text for text, _ in line)
    return "".join(_style(style, screen.coloured).render(text, color_system=ColorSystem.STANDARD) if style else text
                   for text, style in line)


@lru_cache(maxsize=64)
def _style(definition: str, coloured: bool) -> Style:
    style = Style.parse(definition)
    return style if coloured else style.without_color
