"""Where a view goes: a terminal (its width, whether escape codes and colours reach it) or a
file or pipe, decided as rich's Console decides it (tests/test_terminal.py). Asked by every
view's output, so it imports nothing heavy."""

from __future__ import annotations

import os
import sys
from typing import Any

from ..records import record


@record(slots=False)
class Screen:
    """Where a view is drawn: its width in cells, whether it is a terminal (else a file or a
    pipe), and whether escape codes (bold, dim) and colours reach it."""

    width: int
    terminal: bool = False
    styled: bool = False
    coloured: bool = False


def screen(stream: Any = None) -> Screen:
    """The terminal as rich's Console sees it: TTY_COMPATIBLE, then FORCE_COLOR, then a tty
    decide whether escape codes are understood; NO_COLOR keeps bold and dim but no colour;
    COLUMNS, then the terminal's own size, give the width; never narrower than 80 when the
    output is not a terminal (a file or pipe laid out as a table on request)."""
    stream = sys.stdout if stream is None else stream
    env = os.environ
    terminal = _is_terminal(stream, env)
    dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    width = 80 if dumb else _columns(env)
    if not terminal and width < 80:
        width = 80
    styled = terminal and not dumb and _escape_codes_work()
    return Screen(width, terminal, styled, styled and env.get("NO_COLOR", "") == "")


def _is_terminal(stream: Any, env: os._Environ[str] | dict[str, str]) -> bool:
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    if (force := env.get("FORCE_COLOR")) is not None:
        return force != ""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def _columns(env: os._Environ[str] | dict[str, str]) -> int:
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns):
        return int(columns)
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        return width or 80
    return 80


def _escape_codes_work() -> bool:
    """On Windows, a console shows escape codes once asked to (Windows 10 and later); elsewhere
    they always work."""
    if os.name != "nt":
        return True
    try:  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.GetStdHandle(-11)
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel32.SetConsoleMode(handle, mode.value | 0x0004))
    except (AttributeError, OSError):  # pragma: no cover
        return False
