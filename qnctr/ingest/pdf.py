"""A PDF page's characters into paragraphs and tables. The positions are all a PDF has: lines
are characters on one baseline in the order of x (a letter drawn later in a fallback font takes
its place), tables are the cells that the page's ruling lines enclose, paragraphs begin where a
line is indented, follows a gap, or follows a line that stopped short of the margin."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from .blocks import Block, Para, Table, clean

MAX_PAGES = 2000


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


@dataclass(slots=True)
class _Line:
    glyphs: list[Glyph]

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def y(self) -> float:
        return min(g.y0 for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)

    def text(self) -> str:
        out: list[str] = []
        previous: Glyph | None = None
        for glyph in self.glyphs:
            if previous is not None and glyph.x0 - previous.x1 > 0.18 * glyph.size and not out[-1].endswith(" ") \
                    and glyph.text != " ":
                out.append(" ")
            out.append(glyph.text)
            previous = glyph
        return "".join(out)


def _lines(glyphs: list[Glyph]) -> list[_Line]:
    """Characters on one baseline (within a third of their size), each line in the order of x."""
    rows: list[tuple[float, list[Glyph]]] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.y0, g.x0)):
        if rows and abs(rows[-1][0] - glyph.y0) <= max(1.0, 0.3 * glyph.size):
            rows[-1][1].append(glyph)
        else:
            rows.append((glyph.y0, [glyph]))
    lines = []
    for _, row in rows:
        row.sort(key=lambda g: g.x0)
        if "".join(g.text for g in row).strip():
            lines.append(_Line(row))
    return lines


def _bands(rules: list[tuple[float, float, float, float]]) -> list[tuple[float, float, list[float]]]:
    """Row bands of the page's tables: between two horizontal rules, the x of the vertical rules
    that cross the whole band (the cell borders), top to bottom."""
    flat = sorted({round(y0, 0) for x0, y0, x1, y1 in rules if abs(y1 - y0) < 1.5 and x1 - x0 > 10}, reverse=True)
    upright = [(round((x0 + x1) / 2, 0), min(y0, y1), max(y0, y1)) for x0, y0, x1, y1 in rules
               if abs(x1 - x0) < 1.5 and abs(y1 - y0) > 5]
    bands = []
    for top, bottom in itertools.pairwise(flat):
        xs = sorted({x for x, low, high in upright if low <= bottom + 1.5 and high >= top - 1.5})
        if len(xs) >= 2 and top - bottom > 4:
            bands.append((top, bottom, xs))
    return bands


def _grids(bands: list[tuple[float, float, list[float]]]) -> list[list[float]]:
    """For each band, the column borders of its whole table (the bands that touch, one under the
    other): a row with a cell spanning columns ("Mục tiêu" over "Năm 2026" | "Năm 2027", a
    group's title) is laid on them as Word lays a gridSpan, its text in each column it covers."""
    grids: list[list[float]] = []
    start = 0
    for index in range(1, len(bands) + 1):
        if index < len(bands) and abs(bands[index - 1][1] - bands[index][0]) <= 1.5:
            continue  # the same table goes on
        borders: list[float] = []
        for x in sorted(x for _, _, xs in bands[start:index] for x in xs):
            if not borders or x - borders[-1] > 2:
                borders.append(x)
        grids += [borders] * (index - start)
        start = index
    return grids


def _spans(xs: list[float], grid: list[float]) -> list[int]:
    """How many of the grid's columns each cell between `xs` covers."""
    return [1 + sum(1 for x in grid if left + 2 < x < right - 2) for left, right in itertools.pairwise(xs)]


def page_blocks(blocks: list[Block], glyphs: list[Glyph], rules: list[tuple[float, float, float, float]],
                page: int, width: float, open_before: bool = True) -> bool:
    """Adds the page's paragraphs and table rows to `blocks`; a paragraph or a table that goes on
    from the page before is joined to it (a paragraph only when the page before ended on a full
    line, `open_before`). Returns whether this page ends on a full line."""
    bands = _bands(rules)
    grids = _grids(bands)
    flat = [(y0, min(x0, x1), max(x0, x1)) for x0, y0, x1, y1 in rules if abs(y1 - y0) < 1.5 and abs(x1 - x0) > 2]

    def open_above(top: float, left: float, right: float) -> bool:
        """No border drawn above the cell: it goes on from the cell above (merged down)."""
        middle = (left + right) / 2
        return not any(abs(y - top) <= 1.5 and x0 <= middle <= x1 for y, x0, x1 in flat)

    in_table: dict[int, list[Glyph]] = {}
    loose: list[Glyph] = []
    for glyph in glyphs:
        middle = (glyph.y0 + glyph.y1) / 2
        for index, (top, bottom, xs) in enumerate(bands):
            if bottom <= middle <= top and xs[0] - 2 <= glyph.x0 <= xs[-1] + 2:
                in_table.setdefault(index, []).append(glyph)
                break
        else:
            loose.append(glyph)
    # Things in order from the top: a band is placed at its top, a line at its baseline.
    items: list[tuple[float, object]] = [(top, ("band", i)) for i, (top, _, _) in enumerate(bands)
                                         if i in in_table]
    lines = [line for line in _lines(loose) if not _page_number(line, loose)]
    items += [(line.y, line) for line in lines]
    items.sort(key=lambda item: -item[0])
    # The left margin: the leftmost x at which several lines start (on a page of one-line
    # items, the indented x is the most common one).
    starts = Counter(round(line.x0) for line in lines)
    margin = min((x for x, n in starts.items() if n >= 2), default=min(starts, default=0))
    right = max((line.x1 for line in lines), default=width)
    first = True
    previous: _Line | None = None
    table: Table | None = None
    for _, item in items:
        if isinstance(item, tuple):
            _, index = item
            top, bottom, xs = bands[index]
            cells = [[] for _ in xs[1:]]  # type: list[list[Glyph]]
            for glyph in in_table[index]:
                column = max(0, min(len(cells) - 1, sum(1 for x in xs[1:-1] if glyph.x0 >= x - 1)))
                cells[column].append(glyph)
            grid = grids[index]
            texts = []
            for column, cell in enumerate(cells):
                held = _lines(cell)
                texts.append(_cell_text([line.text() for line in held], [
                    _ends_short(line, after, xs[column + 1]) for line, after in itertools.pairwise(held)]))
            row = [text for text, span in zip(texts, _spans(xs, grid), strict=True) for text in [text] * span]
            if table is not None and table.rows and len(table.rows[-1]) == len(row):
                _merge_down(table, row, [open_above(top, left, right) for left, right in itertools.pairwise(grid)])
            if table is None:
                last = blocks[-1] if blocks else None
                if first and isinstance(last, Table) and len(row) in (1, max(len(r) for r in last.rows)):
                    table = last  # the table goes on from the page before
                    if row == last.rows[0]:
                        first = False
                        previous = None
                        continue  # its header, repeated
                    # a row broken by the page: its first cell empty, or a title across the table
                    # ("… CHUYỂN ĐỔI SỐ" over "DOANH NGHIỆP") that does not start a new one
                    across = len(set(row)) == 1
                    broken = len(row) == len(last.rows[-1]) and (
                        not row[0] if not across else len(set(last.rows[-1])) == 1 and not _starts_item(row[0] + " "))
                    if broken and any(row):  # a row broken by the page
                        last.rows[-1] = [clean(f"{a} {b}") for a, b in zip(last.rows[-1], row, strict=True)]
                        first = False
                        previous = None
                        continue
                else:
                    table = Table([], [], page)
                    blocks.append(table)
            table.rows.append(row)
            table.lines.append(page)
            first = False
            previous = None
            continue
        line = item
        assert isinstance(line, _Line)
        table = None
        gap = previous is not None and previous.y - line.y > 1.8 * line.size
        indented = line.x0 > margin + 8
        short = previous is not None and previous.x1 < right - 0.12 * (right - margin)
        text = line.text()
        if previous is not None and not gap and _centred(line, margin, right) and _centred(previous, margin, right):
            indented = short = False  # a title over several centred lines
        # A line at the margin that starts like an item ("- ", "1.", "b)") is one only after a
        # sentence has ended: a wrap inside "kinh tế - xã hội" goes on with its paragraph.
        ended = bool(blocks) and isinstance(blocks[-1], Para) and blocks[-1].text.rstrip()[-1:] in ".;:!?"
        item = _starts_item(text) and ended
        if first and open_before and not indented and not item and blocks and isinstance(blocks[-1], Para):
            last = blocks[-1]
            blocks[-1] = Para(clean(f"{last.text} {text}"), last.line, last.bold)
        elif previous is None or gap or indented or short or item:
            blocks.append(Para(clean(text), page))
        else:
            last = blocks[-1]
            assert isinstance(last, Para)
            blocks[-1] = Para(clean(f"{last.text} {text}"), last.line, last.bold)
        first = False
        previous = line
    # A page of a line or two (a signer's name carried over, then a page break) is its own right
    # margin: its last line seemed full, and was joined to the next page's heading ("Nguyễn Văn An
    # PHỤ LỤC"). A paragraph that goes on to the next page fills the page it is on.
    return previous is not None and len(lines) >= 3 and previous.x1 >= right - 0.12 * (right - margin)


def _merge_down(table: Table, row: list[str], open_top: list[bool]) -> None:
    """The cells of `row` with no border above go on from the cell above: their text (a name set
    in the middle of three rows, or its second line) joins the text of the merged cell's first
    row, and they are marked merged, as Word marks them."""
    here = len(table.rows)
    for column, is_open in enumerate(open_top):
        if not is_open:
            continue
        start = here - 1
        while (start, column) in table.merged:
            start -= 1
        if row[column]:
            above = table.rows[start][column]
            table.rows[start][column] = clean(f"{above} {row[column]}") if above else row[column]
            row[column] = ""
        table.merged.add((here, column))


def _centred(line: _Line, margin: float, right: float) -> bool:
    return line.x0 > margin + 8 and abs((line.x0 - margin) - (right - line.x1)) < 20


def _starts_item(text: str) -> bool:
    return bool(re.match(r"\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•–])\s", text))


def _page_number(line: _Line, glyphs: list[Glyph]) -> bool:
    """A line of only digits above or below everything else on the page."""
    if not line.text().strip().isdigit():
        return False
    return line.y >= max(g.y0 for g in glyphs) - 0.5 or line.y <= min(g.y0 for g in glyphs) + 0.5


def join_across_pages(blocks: list[Block]) -> None:
    """Empty rows (a table's blank spacer rows) dropped; nothing else to do once pages are read."""
    for block in blocks:
        if isinstance(block, Table):
            kept = [index for index, row in enumerate(block.rows) if any(row)]
            where = {old: new for new, old in enumerate(kept)}
            merged = {(where[row], column) for row, column in block.merged if row in where}
            block.merged.clear()
            block.merged.update(merged)
            block.lines[:] = [block.lines[index] for index in kept]
            block.rows[:] = [block.rows[index] for index in kept]


def extract(path: str) -> list[Block]:
    """The paragraphs and tables of a PDF, or ValueError with a Vietnamese message."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTCurve
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    blocks: list[Block] = []
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    chars_seen = 0
    open_line = True
    with open(path, "rb") as handle:
        for number, page in enumerate(PDFPage.get_pages(handle, maxpages=MAX_PAGES + 1), 1):
            if number > MAX_PAGES:
                raise ValueError(f"{path}: hơn {MAX_PAGES} trang, quá dài cho một văn bản")
            interpreter.process_page(page)
            result = device.get_result()
            glyphs = [Glyph(o.get_text(), o.x0, o.x1, o.y0, o.y1, o.size) for o in result if isinstance(o, LTChar)]
            rules = [(o.x0, o.y0, o.x1, o.y1) for o in result if isinstance(o, LTCurve)]
            chars_seen += len(glyphs)
            open_line = page_blocks(blocks, glyphs, rules, number, result.width, open_line)
    if chars_seen == 0:
        raise ValueError(f"{path}: PDF không có lớp chữ (bản chụp/quét); cần nhận dạng chữ (OCR) trước khi đọc, "
                         "hoặc dùng bản .docx của văn bản")
    join_across_pages(blocks)
    return blocks


def main() -> None:
    """`python -m qnctr.ingest.pdf FILE`: the blocks as JSON on standard output (the child
    process of `qnctr ingest`, which bounds its time and memory)."""
    import json
    import sys

    path = sys.argv[1]
    try:
        blocks = extract(path)
    except ValueError as exc:
        print(json.dumps({"error": str(exc)}, ensure_ascii=False))
        return
    except MemoryError:
        print(json.dumps({"error": f"{path}: tệp PDF quá lớn để đọc (hết bộ nhớ cho phép)"}, ensure_ascii=False))
        return
    except Exception as exc:  # pdfminer raises many kinds on a damaged or hostile file
        print(json.dumps({"error": f"{path}: tệp PDF hỏng hoặc không đọc được ({type(exc).__name__})"},
                         ensure_ascii=False))
        return
    out = [["p", b.text, b.line, b.bold] if isinstance(b, Para) else ["t", b.rows, b.lines, b.line, sorted(b.merged)]
           for b in blocks]
    sys.stdout.write(json.dumps({"blocks": out}, ensure_ascii=False))


def _ends_short(line: _Line, after: _Line, right: float) -> bool:
    """Whether a cell's line ends before its border with room for the next line's first word:
    the writer ended it ("Sở Beta" over "Sở Gamma"), it was not wrapped."""
    word = list(itertools.takewhile(lambda g: g.text.strip(), after.glyphs))
    width = word[-1].x1 - word[0].x0 if word else 0
    return line.x1 + 0.3 * line.size + width < right - 2


def _cell_text(lines: list[str], ended: list[bool] | None = None) -> str:
    """A table cell's lines as one text: joined by a space, but a date broken in a narrow cell
    ("30/9/202" over "6") is joined whole, else its year read "202" and the deadline fell back on
    the document's own year. A line the writer ended (`ended`) is kept apart by a newline: the
    reader makes a list of bodies of such lines (source._pdf)."""
    text = ""
    for index, line in enumerate(lines):
        broken = re.search(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{1,3}$|\d{1,2}\s*/$|\d{1,2}\s*/\s*\d{1,2}\s*/$", text)
        apart = "\n" if ended and index and ended[index - 1] else " "
        text = f"{text}{line.lstrip()}" if broken and line.lstrip()[:1].isdigit() else \
            f"{text}{apart}{line}" if text else line
    return "\n".join(clean(part) for part in text.split("\n"))


if __name__ == "__main__":
    main()

