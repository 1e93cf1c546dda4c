"""The shape every reader gives a document: paragraphs and tables, each with its place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph: its text (runs of white space as one space, emphasis marks dropped), the
    place it starts (`line` is a line of a text file, a paragraph of a .docx, a page of a PDF),
    and whether it is set in bold throughout (a heading)."""

    text: str
    line: int
    bold: bool = False
    label: str = ""  # a list number Word draws itself ("1.", "a)", "-")


@dataclass(frozen=True, slots=True)
class Table:
    rows: list[list[str]]
    lines: list[int]  # where each row starts
    line: int = 0
    # (row, column) of each cell merged with the cell above it: a lead or a deadline written once
    # for several rows (Word's vMerge, a PDF cell with no border above it). Left empty by the
    # readers; the rows below take the text above where a task's own field is (parse._carry_down).
    merged: set[tuple[int, int]] = field(default_factory=set)


Block = Para | Table


def clean(text: str) -> str:
    """NFC, no invisible characters, white space (the non-breaking space too) as one space."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    return " ".join(text.split())
