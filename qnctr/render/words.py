"""The words the views use for the programme itself, which are its own: "Toàn Kế hoạch", "theo
Chương trình". Set once per command, when it opens the register (cli._context)."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

PROGRAMME_WORD: ContextVar[str] = ContextVar("programme_word", default="Chương trình")


def whole() -> str:
    """What a view of everything is headed: "Toàn Chương trình", "Toàn Kế hoạch"."""
    return f"Toàn {PROGRAMME_WORD.get()}"


def per_programme() -> str:
    """How a view says "as the document wrote it": "theo Chương trình", "theo Kế hoạch"."""
    return f"theo {PROGRAMME_WORD.get()}"


def speak_of(programme: Any) -> None:
    """The views of this command call the programme by its kind (a `Programme`, or None)."""
    if programme is not None:
        PROGRAMME_WORD.set(programme.word)
