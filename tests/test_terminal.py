"""The terminal drawing (render/terminal.py) shows every view as rich's Console lays out the same
view built of rich's Text and Table, and decides width and colour as the Console does, without
importing rich (but for its table of character widths)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Span as RichSpan
from rich.text import Text as RichText

from qnctr.compare import compare
from qnctr.context import Context
from qnctr.queries import agencies, overdue, show, status, targets, upcoming
from qnctr.render import table as views
from qnctr.render.plain import Table, Text
from qnctr.render.screen import Screen, screen
from qnctr.render.terminal import NARROW_RANGES, _narrow, draw
from qnctr.safe_text import printable_data

from .support import AS_OF, HISTORY, MINI, ROOT, ctx_at

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def rich_draws(view: Any, width: int, **colour: Any) -> str:
    """The view built of rich's own Text and Table, as its Console prints it."""
    console = Console(file=io.StringIO(), width=width, highlight=False, soft_wrap=False, markup=False, emoji=False,
                      force_terminal=bool(colour), **colour)
    console.print(as_riches(view))
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def as_riches(view: Any) -> Any:
    """A view's Stack, Table and Text as rich's Group, Table and Text, built by the same calls."""
    from qnctr.render.table import Stack

    if isinstance(view, Stack):
        return Group(*map(as_riches, view.parts))
    if isinstance(view, Text):
        return RichText(view.plain, style=view.style, spans=[RichSpan(*span) for span in view.spans])
    if isinstance(view, Table):
        table = RichTable(title=as_riches(view.title), title_justify=view.title_justify,  # type: ignore[arg-type]
                          title_style=view.title_style, caption=as_riches(view.caption),
                          caption_justify=view.caption_justify,  # type: ignore[arg-type]
                          caption_style=view.caption_style, box=box.SIMPLE_HEAD, pad_edge=False)
        for c in view.columns:
            table.add_column(as_riches(c.header), justify=c.justify, no_wrap=c.no_wrap,  # type: ignore[arg-type]
                             min_width=c.min_width, max_width=c.max_width, ratio=c.ratio,
                             overflow=c.overflow)  # type: ignore[arg-type]
        for row in zip(*(c._cells for c in view.columns), strict=True):
            table.add_row(*map(as_riches, row))
        return table
    return view


def every_view(ctx: Context) -> list[tuple[str, Any]]:
    """Each query's view on this register: whole, for its first agency, and each kind of `show`."""
    agency = ctx.directory.find(next(iter(ctx.register.agencies)))
    found: list[tuple[str, Any]] = [
        ("status", status(ctx)), ("status -a", status(ctx, agency)), ("overdue", overdue(ctx)),
        ("upcoming", upcoming(ctx, 3650)), ("targets", targets(ctx)), ("targets -a", targets(ctx, agency)),
        ("agencies", agencies(ctx)),
    ]
    for item in (next(iter(ctx.register.tasks)), next(iter(ctx.register.targets)), agency.id):
        found.append((f"show {item}", show(ctx, item)))
    return found


def view_of(query: str, data: dict[str, Any], width: int) -> Any:
    return getattr(views, f"{query.split()[0]}_view")(printable_data(data), width)


@pytest.mark.parametrize("root", [ROOT / "data", MINI, HISTORY], ids=["shipped", "mini", "history"])
def test_every_view_is_laid_out_as_riches_console_lays_it(root: Path) -> None:
    ctx = ctx_at(AS_OF, root)
    for query, data in every_view(ctx):
        for width in (40, 60, 80, 120, 200):
            ours = draw(view_of(query, data, width), Screen(width, terminal=True))
            assert ours == rich_draws(view_of(query, data, width), width), (root.name, query, width)


def test_compare_is_laid_out_as_riches_console_lays_it() -> None:
    ctx = ctx_at(AS_OF, HISTORY)
    data = printable_data(compare(ctx.register, ctx.as_of, "2025", "2026-H1"))
    assert data["tasks"]
    for width in (60, 80, 120):
        assert draw(views.compare_view(data, width), Screen(width, terminal=True)) == rich_draws(
            views.compare_view(data, width), width)


def test_colours_are_riches_and_no_color_keeps_only_bold_and_dim() -> None:
    ctx = ctx_at(AS_OF)
    data = printable_data(status(ctx, ctx.directory.find("so-a")))
    coloured = draw(views.status_view(data, 100), Screen(100, terminal=True, styled=True, coloured=True))
    assert "\x1b[1;31m" in coloured and "\x1b[31m" in coloured  # overdue in bold red, no report in red
    rich_coloured = rich_draws(views.status_view(data, 100), 100, color_system="standard")
    assert ESCAPE.sub("", coloured) == ESCAPE.sub("", rich_coloured) == rich_draws(views.status_view(data, 100), 100)
    # every piece of text is in the colour rich gives it
    assert _coloured_words(coloured) == _coloured_words(rich_coloured)
    plain = draw(views.status_view(data, 100), Screen(100, terminal=True, styled=True, coloured=False))
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", plain) and "\x1b[1m" in plain
    assert ESCAPE.sub("", plain) == ESCAPE.sub("", coloured)
    piped = draw(views.status_view(data, 100), Screen(100, terminal=True))
    assert "\x1b[" not in piped


def _coloured_words(drawn: str) -> list[tuple[str, str]]:
    """(escape code, word) for every word drawn inside an escape code, in order."""
    found = []
    for code, text in re.findall(r"\x1b\[([0-9;]*)m([^\x1b]*)\x1b\[0m", drawn):
        found += [(code, word) for word in text.split()]
    return found


texts = st.text(alphabet=st.sampled_from(list("abc xyz ăđêôơư ÁẢÃ Ệ 中文 😀 \u0301 \n\t-…—↳≥ 12345")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(rows=st.lists(st.tuples(texts, texts, texts), max_size=5), width=st.integers(min_value=10, max_value=130),
       title=texts, caption=texts, no_wrap=st.booleans(), ratio=st.booleans(), bounds=st.booleans(),
       justify=st.sampled_from(["left", "center", "right"]))
@example(rows=[("", "", "\t\u0301"), ("1111111111中", "", "")], width=24, title="", caption="", no_wrap=True,
         ratio=False, bounds=True, justify="left")  # an accent at the edge of a line cut short: dropped
def test_any_table_and_text_is_laid_out_as_riches_console_lays_it(
        rows: list[tuple[str, str, str]], width: int, title: str, caption: str, no_wrap: bool, ratio: bool,
        bounds: bool, justify: Any) -> None:
    """Wide characters (CJK, emoji), combining accents, tabs, words longer than a line, cells
    cut with "…", right-justified numbers, columns with bounds, tables wider than the screen,
    titles and captions justified every way."""
    table = Table(title=title or None, title_justify=justify, title_style="bold", caption=caption or None,
                  caption_justify=justify)
    table.add_column("Mã", no_wrap=no_wrap)
    table.add_column("Trạng thái", min_width=10 if bounds else None, max_width=14 if bounds else None)
    table.add_column("Số ngày", justify="right")
    table.add_column("Nội dung", ratio=1 if ratio else None, min_width=24 if bounds else None)
    for a, b, c in rows:
        state = Text(b, style="bold red")
        state.append(f"\n{c[:5]}", style="dim")
        table.add_row(a, state, c[:8], Text(c + a))
    said = Text(title, style="bold")
    said.append(caption, style="yellow")
    from qnctr.render.table import Stack

    said.append(Text(f"\t{caption[:7]}\t", style="italic"))
    view = Stack(said, table, Text(caption))
    assert draw(view, Screen(width, terminal=True)) == rich_draws(view, width)
    # every word in the style rich gives it (rich also styles some padding, which shows nothing)
    coloured = draw(view, Screen(width, terminal=True, styled=True, coloured=True))
    assert _coloured_words(coloured) == _coloured_words(rich_draws(view, width, color_system="standard"))


def test_a_table_justified_in_a_way_it_cannot_draw_as_rich_would_is_refused() -> None:
    """Lines filled to both edges need a Console (rich styles the spaces it adds): refused by name."""
    with pytest.raises(ValueError, match="justified"):
        Table(title="Tiêu đề", title_justify="full")
    with pytest.raises(ValueError, match="justified"):
        Table().add_column("Mã", justify="full")


def test_every_narrow_character_is_one_cell_wide_for_rich() -> None:
    """The drawing counts a text made only of these as wide as it is long; rich must agree, and
    the search that tells a narrow text finds exactly the characters outside them."""
    from rich.cells import cell_len

    narrow = {chr(c) for start, end in NARROW_RANGES for c in range(start, end + 1)}
    assert "ệ" in narrow and "…" in narrow and "\u0301" not in narrow and "中" not in narrow
    assert [c for c in narrow if cell_len(c) != 1] == []
    assert [c for c in range(0x110000) if _narrow(chr(c)) != (chr(c) in narrow)] == []
    assert _narrow("Sở Nội vụ — 92,4 % ↑") and not _narrow("Sở\tNội") and not _narrow("Sở 中") and _narrow("")


@pytest.mark.parametrize(("env", "tty", "expected"), [
    ({}, False, Screen(80)),
    ({"COLUMNS": "120"}, False, Screen(120)),
    ({"COLUMNS": "50"}, False, Screen(80)),  # a file or pipe laid out as a table: never below 80
    ({"COLUMNS": "50"}, True, Screen(50, True, True, True)),
    ({"COLUMNS": "100", "NO_COLOR": "1"}, True, Screen(100, True, True, False)),
    ({"COLUMNS": "100", "FORCE_COLOR": "1"}, False, Screen(100, True, True, True)),
    ({"COLUMNS": "100", "FORCE_COLOR": ""}, True, Screen(100, False, False, False)),
    ({"COLUMNS": "100", "TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}, True, Screen(100)),
    ({"COLUMNS": "100", "TTY_COMPATIBLE": "1"}, False, Screen(100, True, True, True)),
    ({"COLUMNS": "100", "TERM": "dumb"}, True, Screen(80, True, False, False)),
])
def test_the_screen_is_seen_as_riches_console_sees_it(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], tty: bool,
                                                       expected: Screen) -> None:
    for name in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    seen = screen(Stream())
    assert seen == expected
    console = Console(file=Stream(), highlight=False, soft_wrap=False, markup=False, emoji=False)
    assert seen.terminal == console.is_terminal
    assert seen.styled == (console.color_system is not None)
    assert seen.coloured == (console.color_system is not None and not console.no_color)
    assert seen.width == (console.width if console.is_terminal or console.width >= 80 else 80)


def test_a_terminal_run_needs_nothing_of_riches_console(tmp_path: Path) -> None:
    """Drawn for a terminal (colours forced), a query imports nothing of rich but its table of
    character widths."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FORCE_COLOR": "1", "COLUMNS": "100", "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("NO_COLOR", None)
    argv = [sys.executable, "-X", "importtime", "-m", "qnctr", "status", "-a", "so-a", "--data", str(MINI),
            "--as-of", AS_OF]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "\x1b[1;31m" in proc.stdout
    assert not {"rich.console", "rich.table", "rich.text", "rich.style", "rich.color"} & imported
    warm = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert warm.returncode == 0 and warm.stdout == proc.stdout
    # nothing of rich at all: its table of widths is looked at only for a character not one cell wide
    assert "rich" not in {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in warm.stderr.splitlines() if "|" in line}


narrow_lines = st.text(alphabet=st.sampled_from(list("ab xy ăđ  ệ\u00a0-…12")), max_size=120)


@settings(max_examples=1000, deadline=None)
@given(line=narrow_lines, width=st.integers(min_value=1, max_value=40), fold=st.booleans())
@example(line="  ab  xy   ăđ", width=2, fold=True)  # leading spaces wider than the line
@example(line="ab\u00a0xy ăđ", width=3, fold=False)  # a no-break space, which \s reads as a space
def test_a_line_breaks_where_rich_breaks_it(line: str, width: int, fold: bool) -> None:
    """Where a line of text is broken to fit a width (by bisection when every character is one
    cell wide and no word is wider than the line), at rich's own positions."""
    from rich._wrap import divide_line

    from qnctr.render.terminal import _breaks

    assert _breaks(line, width, fold) == divide_line(line, width, fold)


narrow_texts = st.text(alphabet=st.sampled_from(list("ab xy ăđ  ệ\u00a0-…12\n")), max_size=160)


@settings(max_examples=500, deadline=None)
@given(cells=st.lists(narrow_texts, min_size=1, max_size=4), width=st.integers(min_value=12, max_value=90))
@example(cells=["  ab  xy   ăđ\n\n ab ", "ab\u00a0xy ăđ  \n"], width=14)  # leading, trailing and no-break spaces, blank lines
def test_a_cell_of_several_lines_breaks_where_rich_breaks_it(cells: list[str], width: int) -> None:
    """The texts of several lines that every view shows (one cell a character, each word
    shorter than the column: each line found by one search, _narrow_lines), as strings and as
    texts of one style, in the Console's lines and colours."""
    table = Table()
    table.add_column("Mã")
    table.add_column("Nội dung")
    table.add_column("Ghi chú")
    for text in cells:
        table.add_row(text[:9], text, Text(text[::-1], style="bold red"))
    assert draw(table, Screen(width, terminal=True)) == rich_draws(table, width)
    coloured = draw(table, Screen(width, terminal=True, styled=True, coloured=True))
    assert _coloured_words(coloured) == _coloured_words(rich_draws(table, width, color_system="standard"))

