"""The quick path of a warm question: `qnctr status`, `overdue`, `upcoming` and `targets`
answered from the cache without importing the command line's parser (typer and click), nor
PyYAML or pydantic, nor rich but its table of character widths. They are the questions asked
every day, and on a small register starting the parser took longer than the answer.

It takes a command line only when it understands every word of it, in the forms the command
line itself would read the same way: options before the command (--data, --as-of,
-P/--programme), the command, then --agency/-a, --data, --as-of, -P/--programme and
--format/-f (table, json or csv), and for upcoming --within/-w (a number of days, 0 to 3650,
in plain digits), each once, each with its value as the next word. Anything else (help,
another command or option, `--opt=value`, a value that starts with '-'), a register the cache
does not hold, QNCTR_CACHE=0, and any error is the command line's: the quick path prints
nothing until it has the whole answer, so the command line then answers exactly as it always
does. Both go through session.py, the same steps from options to output; tests/test_quick.py
compares their outputs."""

from __future__ import annotations

import contextvars
import os
import sys
from pathlib import Path

from .session import UPCOMING_DAYS, UPCOMING_MOST_DAYS

BEFORE_COMMAND = {"--data": "data", "--as-of": "as_of", "-P": "programme", "--programme": "programme"}
AFTER_COMMAND = {**BEFORE_COMMAND, "--agency": "agency", "-a": "agency", "--format": "fmt", "-f": "fmt"}
COMMANDS = {"status": AFTER_COMMAND, "overdue": AFTER_COMMAND, "targets": AFTER_COMMAND,
            "upcoming": {**AFTER_COMMAND, "--within": "within", "-w": "within"}}
FORMATS = ("table", "json", "csv")


def read(argv: list[str]) -> tuple[str, dict[str, str], dict[str, str]] | None:
    """The command and its options before and after it, or None when any word is not one the
    quick path takes."""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    command = None
    words = iter(argv)
    for word in words:
        if command is None and word in COMMANDS:
            command = word
            continue
        names = COMMANDS[command] if command is not None else BEFORE_COMMAND
        into = after if command is not None else before
        value = next(words, None)
        if word not in names or value is None or value.startswith("-") or names[word] in into:
            return None
        into[names[word]] = value
    if command is None or after.get("fmt", "table") not in FORMATS:
        return None
    within = after.get("within", "0")
    if not (within.isascii() and within.isdigit() and int(within) <= UPCOMING_MOST_DAYS):
        return None  # the command line's number, or its message
    return command, before, after


def answer(argv: list[str]) -> tuple[str, str] | None:
    """What `qnctr ARGV` prints on standard output and standard error when the quick path can
    answer it whole from the cache; None otherwise (the command line answers)."""
    if os.environ.get("QNCTR_CACHE", "1") == "0" or (found := read(argv)) is None:
        return None
    from .forked import Held

    out, err = Held(sys.stdout), Held(sys.stderr)  # until the answer is whole
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        answered = contextvars.copy_context().run(_ask, *found)
    finally:
        sys.stdout, sys.stderr = real
    return (out.getvalue(), err.getvalue()) if answered else None


def _ask(command: str, before: dict[str, str], after: dict[str, str]) -> bool:
    from . import session
    from .errors import QnctrError
    from .register import NotCached

    def data(given: dict[str, str]) -> Path | None:  # --data as typer gives it
        return Path(given["data"]) if "data" in given else None

    session.begin(data(before), before.get("as_of"), False, after.get("programme") or before.get("programme"),
                  cache_only=True)
    fmt, agency, where, day = after.get("fmt", "table"), after.get("agency"), data(after), after.get("as_of")
    try:
        if command == "upcoming":
            session.ask_upcoming(fmt, int(after.get("within", UPCOMING_DAYS)), agency, where, day)
        else:
            {"status": session.ask_status, "overdue": session.ask_overdue,
             "targets": session.ask_targets}[command](fmt, agency, where, day)
    except (QnctrError, NotCached):
        return False
    except OSError as exc:
        if exc.filename is None:
            raise
        return False
    finally:
        session.BEFORE.clear()
        session.CHOSEN.clear()
    return True
