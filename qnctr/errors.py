"""The one kind of error a user can cause and fix: said in one message, with its exit code.

Every module raises a subclass of `QnctrError` (a bad period, an unknown agency, a template
that fails, a change that would break the register); the command line prints
`qnctr: <message>` on stderr and exits with `code`. Anything else is a bug.
"""

from __future__ import annotations

USAGE = 2  # the command was asked wrongly: an option, a file, a name (like click's usage errors)
INVALID = 1  # the register, or what would be written into it, does not pass its checks


class QnctrError(Exception):
    """A failure the user can fix; `str(error)` is the whole message, in Vietnamese."""

    code: int = USAGE

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class ClosedOutput(Exception):
    """Standard output closed by its reader (`qnctr status | head`): the command stops there,
    and that is no error. Not an OSError: typer turns a broken pipe into exit 1."""
