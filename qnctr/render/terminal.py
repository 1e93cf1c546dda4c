"""A view drawn for a terminal: words wrapped to its width, tables laid out, states in colour.

The views build render/plain.py's Text and Table, and a terminal shows them as rich's Console
would show rich's Text and Table built by the same calls: the same column widths, line breaks,
box and colours, without importing rich's console, table, text or style: importing those was a
fifth of a warm `status` in a terminal, and the Console's general rendering half of it. rich.cells
(the width of wide characters) is imported only when a text has a character it must look up,
which Vietnamese letters never are. Here the steps that decide a line are rich's (MIT),
taken one by one for the one kind of table the views make (box SIMPLE_HEAD, no edge padding):
Text.wrap's breaking, justifying and cutting (on plain strings when a text has no styled part,
on the text's spans otherwise: _wrap_text), Table's column widths (_collapse_widths,
_ratio_reduce), Style's escape codes for 16 colours (_sgr). tests/test_terminal.py holds the
drawing to the Console's, for every view and for any text (wide characters, accents, tabs, words
longer than a line, styled parts).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Any

from .plain import Table, Text
from .screen import Screen

# rich's theme for the parts of a table the views leave unstyled
HEADER_STYLE = "bold"
RULE = "─"  # box.SIMPLE_HEAD: no borders, spaces for edges and dividers, a rule under the header

Line = list[tuple[str, str]]  # a line as pieces of text, each with its style ("" for none)
_SPACE = (" ", "")  # the space at each edge of a table's line and between its cells


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
    if not table.columns:
        raise ValueError(f"a table without columns: {table.title}")
    columns = table.columns
    count = len(columns)
    room = width - 2 - (count - 1)  # two edges and a divider between columns
    pads = [(0 if i == 0 else 1, 0 if i == count - 1 else 1) for i in range(count)]
    cells = [[column.header, *column._cells] for column in columns]
    widest = [_widest(column_cells) for column_cells in cells]
    widths = [_fit(widest[i], sum(pads[i]), column, room) or 1 for i, column in enumerate(columns)]
    if sum(widths) > room:
        widths = _collapse_widths(widths, [not c.no_wrap for c in columns], room)
        if sum(widths) > room:
            widths = _ratio_reduce(sum(widths) - room, [1] * count, widths, widths)
        widths = [_fit(widest[i], sum(pads[i]), column, w) for i, (w, column) in enumerate(zip(widths, columns, strict=True))]
    full = sum(widths) + 2 + count - 1
    if full > width:  # the columns' least widths do not fit: cut at the edge, as the Console does
        yield from (_crop(line, width) for line in _table_lines(table, cells, widths, pads, full))
    else:
        yield from _table_lines(table, cells, widths, pads, full)


def _table_lines(table: Table, cells: list[list[Any]], widths: list[int], pads: list[tuple[int, int]],
                 full: int) -> Iterable[Line]:
    columns = table.columns
    if table.title:
        yield from _wrapped(table.title, full, table.title_justify, "fold", table.title_style)
    yield [(" " * full, "")]
    fits = _one_line_fits(widths, pads, columns)
    for index, row in enumerate(zip(*cells, strict=True)):
        header = index == 0
        if not header and fits is not None and (whole := _one_line_row(row, fits)) is not None:
            yield whole
            continue
        drawn = [_cell(cell, w, pad, column, HEADER_STYLE if header else "")
                 for cell, w, pad, column in zip(row, widths, pads, columns, strict=True)]
        height = max(len(c) for c in drawn)
        for c, w in zip(drawn, widths, strict=True):
            filler: list[Line] = [[(" " * w, "")]] * (height - len(c))
            c[:] = (filler + c) if header else (c + filler)  # a header sits on its rule
        for parts in zip(*drawn, strict=True):  # each cell as high as the row now; a space at each edge and between
            line: Line = [_SPACE]
            for part in parts:
                line += part
                line.append(_SPACE)
            yield line
        if header:
            yield [(" " + RULE * (full - 2) + " ", "")]
    yield [(" " * full, "")]
    if table.caption:
        yield from _wrapped(table.caption, full, table.caption_justify, "fold", table.caption_style)


Fit = tuple[str, int, int]  # a left-justified column's cell padding: its left padding, the room within, its right padding


def _one_line_fits(widths: list[int], pads: list[tuple[int, int]], columns: list[Any]) -> list[Fit] | None:
    """Each column's Fit, when every column is left-justified with room (nearly every table);
    None otherwise, when no row is drawn by _one_line_row."""
    fits = []
    for width, (left, right), column in zip(widths, pads, columns, strict=True):
        if column.justify != "left" or width - left - right < 1:
            return None
        fits.append((" " * left, width - left - right, right))
    return fits


def _one_line_row(row: tuple[Any, ...], fits: list[Fit]) -> Line | None:
    """A row whose every cell is one line of one style that fits (most rows of a table), as the
    steps below draw it: each cell as _one_line pads it, a space between cells and at each
    edge. None for any other row, which the steps below draw."""
    line: Line = [_SPACE]
    for value, fit in zip(row, fits, strict=True):
        if (cell := _one_line(value, fit, "")) is None:
            return None
        line += cell
        line.append(_SPACE)
    return line


def _one_line(value: Any, fit: Fit, style: str) -> Line | None:
    """A left-justified cell that is one line of one style and fits (nearly every cell), padded
    to the column's width; None for any other cell."""
    if (one := _of_one_style(value, style)) is None:
        return None
    plain, own = one
    if "\n" in plain or "\t" in plain or (size := _width(plain)) > fit[1]:
        return None
    return _padded(plain, own, fit, size)


def _padded(text: str, style: str, fit: Fit, size: int) -> Line:
    """A line of a left-justified cell, `size` cells wide, padded to the column's width."""
    left, inner, right = fit
    return [(left, ""), (text, style), (" " * (right + inner - size), "")]


def _cell(value: Any, width: int, pad: tuple[int, int], column: Any, style: str) -> list[Line]:
    """A cell's lines, each padded to the column's width."""
    left, right = pad
    inner = width - left - right
    if inner < 1:
        return [[(" " * width, "")]]
    if column.justify == "left":
        fit = (" " * left, inner, right)
        if (line := _one_line(value, fit, style)) is not None:
            return [line]
        if not column.no_wrap and (one := _of_one_style(value, style)) is not None \
                and (lines := _narrow_lines(one[0], inner)) is not None:  # most cells of several lines
            return [_padded(text, one[1], fit, len(text)) for text in lines]
    # a left-justified line is padded here, with the cell's padding
    justify = "default" if column.justify == "left" else column.justify
    drawn = []
    for pieces in _wrapped(value, inner, justify, column.overflow, style, column.no_wrap):
        short = inner - sum(_width(text) for text, _ in pieces)
        drawn.append([(" " * left, ""), *pieces, (" " * (right + max(short, 0)), "")])
    return drawn


def _widest(cells: list[Any]) -> int:
    """A column's longest line, in cells (its header's included)."""
    # One text of them all, a line break between cells: its lines are theirs (with at most an
    # empty line more or less, where a cell ends in a break), so its longest line is theirs.
    return max(map(_width, "\n".join(map(str, cells)).splitlines()), default=0)


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


def _wrapped(value: Any, width: int, justify: str, overflow: str, style: str = "", no_wrap: bool = False) -> list[Line]:
    """A text's lines at this width, as rich's Text.wrap breaks, justifies and cuts them: on
    strings when no part of it has a style of its own (nearly every cell), with its spans
    otherwise (_wrap_text). `style` is the base under the text's own (a header's bold)."""
    if not isinstance(value, Text) and ("\t" in str(value) or justify not in ("default", "left", "right")):
        value = Text(str(value))  # centred or with tabs: rich's own steps
    if isinstance(value, Text):
        if value.spans or "\t" in value.plain or justify not in ("default", "left", "right"):
            return [_styled(line, style) for line in _wrap_text(value, width, justify, overflow, no_wrap)]
        value, style = value.plain, _with_own(style, value)
    return [[(line, style)] for line in _wrap(str(value), width, justify, overflow, no_wrap)]


def _of_one_style(value: Any, style: str) -> tuple[str, str] | None:
    """A string, or a text without spans: its words, and the style they are all in."""
    if value.__class__ is str:
        return value, style
    if isinstance(value, Text) and not value.spans:
        return value.plain, _with_own(style, value)
    return None


def _with_own(style: str, text: Text) -> str:
    """The base style with a text's own after it (as rich combines them)."""
    return " ".join(s for s in (style, text.style) if s)


def _wrap_text(text: Text, width: int, justify: str, overflow: str, no_wrap: bool) -> list[Text]:
    """rich's Text.wrap, step by step, on a text with spans: each line's tabs expanded, broken
    before the words that do not fit, spaces past the edge dropped, justified, then cut."""
    lines: list[Text] = []
    no_wrap = no_wrap or overflow == "ignore"
    for line in text.split("\n", allow_blank=True):
        if "\t" in line.plain:
            line.expand_tabs(8, _width)
        if no_wrap:
            if overflow == "ignore":
                lines.append(line)
                continue
            pieces = [line]
        else:
            # A line that fits has no break (_breaks finds none): it is the one piece.
            pieces = [line] if _width(line.plain) <= width else line.divide(_breaks(line.plain, width, overflow == "fold"))
            for piece in pieces:
                if past := _spaces_past(piece.plain, width):
                    piece.right_crop(past)
        for piece in pieces:
            if justify == "left":
                _truncate_text(piece, width, overflow, pad=True)
            elif justify in ("center", "right"):
                piece.set_plain(piece.plain.rstrip())
                _truncate_text(piece, width, overflow)
                if justify == "center":
                    piece.pad_left((width - _width(piece.plain)) // 2)
                    piece.pad_right(width - _width(piece.plain))
                else:
                    piece.pad_left(width - _width(piece.plain))
            _truncate_text(piece, width, overflow)
        lines.extend(pieces)
    return lines


def _truncate_text(text: Text, width: int, overflow: str, pad: bool = False) -> None:
    """rich's Text.truncate: cut to the width (with "…" for overflow="ellipsis"), or pad to it."""
    if overflow == "ignore":
        return
    size = _width(text.plain)
    text.set_plain(_truncate(text.plain, width, overflow))
    if pad and size < width:
        text.plain += " " * (width - size)


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
        pieces.append(piece[: len(piece) - _spaces_past(piece, width)])
    return pieces


def _spaces_past(piece: str, width: int) -> int:
    """How many of a piece's trailing spaces stand past the width (rich's Text.rstrip_end drops
    them; it counts characters, not cells)."""
    if len(piece) > width and (space := _TRAILING_SPACE.search(piece)):
        return min(len(space.group(0)), len(piece) - width)
    return 0


def _truncate(piece: str, width: int, overflow: str) -> str:
    if overflow == "ignore" or _width(piece) <= width:
        return piece
    from rich.cells import set_cell_size

    return set_cell_size(piece, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(piece, width)


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Where a line breaks to fit the width: before each word that does not fit on the line
    (rich._wrap.divide_line, with widths measured by _width)."""
    narrow = _narrow(text)
    if narrow:  # as wide as long: each line found by a search, not word by word
        words = _WORD.findall(text)
        sizes = [len(word.rstrip()) for word in words]  # each word's letters, without the spaces after it
        if not sizes or max(sizes) <= width:
            return _narrow_breaks(words, sizes, width)
    breaks: list[int] = []
    used = 0
    size_of = len if narrow else _width
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        size = size_of(word.rstrip())
        if width - used >= size:
            used += size_of(word)
        elif size > width:  # longer than a whole line
            if fold:
                from rich.cells import chop_cells

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


def _narrow_lines(plain: str, width: int) -> list[str] | None:
    """The lines _wrap breaks a text into, left as they are (justify "default"), when each
    character is one cell and each word fits on a line (nearly every text of several lines);
    None otherwise. A line is the longest run of words whose last letter stands within the
    width from the line's start, with the spaces after it that stand within the width (rich
    drops those past it): one search of each line of the text finds every line it breaks into."""
    if "\t" in plain or not _narrow(plain.replace("\n", "")):
        return None
    line_of = _line_of(width)
    lines = []
    for given in plain.split("\n"):
        if not given:
            lines.append("")
            continue
        found = line_of.findall(given)
        if sum(map(len, found)) != len(given) or not found:  # a word longer than the line, or no word at all
            return None
        lines += [line[:width] for line in found]
    return lines


@lru_cache(maxsize=64)
def _line_of(width: int) -> re.Pattern[str]:
    """A line of at most `width` characters ending at a word's end, and the spaces after it."""
    return re.compile(rf".{{0,{width - 1}}}\S(?!\S)\s*")


def _narrow_breaks(words: list[str], sizes: list[int], width: int) -> list[int]:
    """_breaks for words each no wider than the line, one cell a character: a word goes on the
    line while its last visible character stands within the width from where the line began
    (what _breaks adds up word by word), so each line's first word is found by bisection."""
    starts = [0, *accumulate(map(len, words))]
    ends = [start + size for start, size in zip(starts, sizes, strict=False)]  # where each word's letters end
    breaks = []
    first = bisect_right(ends, width)  # the first word of the second line
    while first < len(words):
        breaks.append(starts[first])
        first = bisect_right(ends, starts[first] + width, first + 1)
    return breaks


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
# Characters one cell wide beyond those rich knows without looking each up (Vietnamese letters,
# punctuation, arrows, signs): a text made only of them is as wide as it is long.
NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x1E00, 0x1EFF), (0x2010, 0x2027), (0x2030, 0x205E),
                 (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2500, 0x25FC))
# A character outside them: one search tells whether a text has one, three times as fast as
# looking its characters up one by one in a set.
_NOT_NARROW = re.compile("[^" + "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end in NARROW_RANGES) + "]")


def _narrow(text: str) -> bool:
    """Whether every character of a text is one of NARROW_RANGES (one cell wide)."""
    return _NOT_NARROW.search(text) is None


@lru_cache(maxsize=1 << 16)
def _width(text: str) -> int:
    """A text's width in cells; remembered, since a cell's is asked for when the column's
    width is worked out, when its lines are broken, and when they are padded."""
    if _narrow(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


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
            from rich.cells import set_cell_size

            kept.append((set_cell_size(text, width - used), style))
            break
    return kept


def _ansi(line: Line, screen: Screen) -> str:
    if not screen.styled:
        return "".join([text for text, _ in line])
    drawn = []
    for text, style in line:
        codes = _sgr(style, screen.coloured) if style else ""
        drawn.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
    return "".join(drawn)


# rich's Style: its attributes in the order it writes their codes, and the standard colours
_ATTRIBUTES = {"bold": "1", "b": "1", "dim": "2", "d": "2", "italic": "3", "i": "3", "underline": "4", "u": "4",
               "blink": "5", "blink2": "6", "reverse": "7", "r": "7", "conceal": "8", "c": "8", "strike": "9", "s": "9",
               "underline2": "21", "uu": "21", "frame": "51", "encircle": "52", "overline": "53", "o": "53"}
_ORDER = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "21", "51", "52", "53")
_COLOURS = {name: n for n, name in enumerate(("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"))}


@lru_cache(maxsize=64)
def _sgr(definition: str, coloured: bool) -> str:
    """The escape codes rich's Style.parse(definition).render writes for 16 colours (without its
    colour when not `coloured`, as Style.without_color): attributes in rich's order, then the
    colour, the last one named winning. ValueError for a word rich would read otherwise."""
    on: set[str] = set()
    colour = ""
    words = iter(definition.split())
    for word in words:
        if word == "not":
            on.discard(_ATTRIBUTES[next(words)])
        elif word in _ATTRIBUTES:
            on.add(_ATTRIBUTES[word])
        elif word == "default":
            colour = "39"
        elif word.removeprefix("bright_") in _COLOURS:
            colour = str(_COLOURS[word.removeprefix("bright_")] + (90 if word.startswith("bright_") else 30))
        else:
            raise ValueError(f"a style the terminal drawing does not know: {word!r} in {definition!r}")
    return ";".join([*(code for code in _ORDER if code in on), *([colour] if colour and coloured else [])])


def _collapse_widths(widths: list[int], wrapable: list[bool], room: int) -> list[int]:
    """rich's Table._collapse_widths: the widest wrappable columns narrowed to the next widest, in
    turn, until the table fits the room or no wrappable column can give more."""
    excess = sum(widths) - room
    if any(wrapable):
        while sum(widths) and excess > 0:
            widest = max(w for w, wraps in zip(widths, wrapable, strict=True) if wraps)
            second = max(w if wraps and w != widest else 0 for w, wraps in zip(widths, wrapable, strict=True))
            ratios = [1 if w == widest and wraps else 0 for w, wraps in zip(widths, wrapable, strict=True)]
            if not any(ratios) or not widest - second:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
            excess = sum(widths) - room
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich's ratio_reduce: `total` taken from the values in proportion to the ratios, each
    giving no more than its maximum."""
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            given = min(most, round(ratio * remaining / total_ratio))
            result.append(value - given)
            remaining -= given
            total_ratio -= ratio
        else:
            result.append(value)
    return result
