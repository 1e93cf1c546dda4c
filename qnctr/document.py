"""Where each value of a register file was written: a document's data and the marks of its
values, so that any later check names file, line and column. (The YAML reading that makes
them is yamldoc.py; this part needs no YAML library, so a register from the cache has it too.)"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import field
from typing import Any

from .records import record

Loc = tuple[str | int, ...]
# A mark packs (line, column), both 1-based, into one integer: line << 24 | column.
COL_BITS = 24
COL_MAX = (1 << COL_BITS) - 1


def pack(mark: Any) -> int:
    return int(((mark.line + 1) << COL_BITS) | min(mark.column + 1, COL_MAX))


def _unpack(packed: int) -> tuple[int, int]:
    return packed >> COL_BITS, packed & COL_MAX


# What marks a value someone must check against the document before the programme is in force:
# ingest writes it beside every doubtful field it read, `qnctr init` beside every field it could
# only fill with a stand-in (the title, the signer, the focal agency, the first task…).
REVIEW_MARK = "# KIỂM TRA:"
_REVIEW = re.compile(r"(?:^|\s)(#\s*KIỂM TRA:)")


def review_marks(text: str) -> tuple[tuple[int, int, str], ...]:
    """(line, column, what it says to check) of each '# KIỂM TRA:' comment in a file's text (NFC)."""
    if "KIỂM TRA:" not in text:
        return ()
    return tuple((n, found.start(1) + 1, line[found.end():].strip()) for n, line in enumerate(text.splitlines(), 1)
                 if (found := _REVIEW.search(line)) is not None)


@record(frozen=False, slots=False)
class Marks:
    """Where things were written: the marks of every container, one after another in one
    array (`flat`): a list's values, a mapping's keys and values in turn (key, value, key,
    value…); `of`, where each container's marks begin (by the container's id). At 100,000
    tasks the marks were a third of the memory, and an array of their own for each of the
    620,000 containers a tenth."""

    root: int = (1 << COL_BITS) | 1
    of: dict[int, int] = field(default_factory=dict)
    flat: array[int] = field(default_factory=lambda: array("Q"))


@record(frozen=False, slots=False)
class Document:
    """One YAML file: its data and the marks that say where each value was written."""

    path: str
    data: Any
    marks: Marks = field(default_factory=Marks)
    review: tuple[tuple[int, int, str], ...] = ()  # where '# KIỂM TRA:' comments stand (review_marks)

    def _walk(self, loc: Sequence[str | int], key: bool) -> tuple[int, int]:
        node, packed = self.data, self.marks.root
        flat = self.marks.flat
        for n, part in enumerate(loc):
            start = self.marks.of.get(id(node))
            if start is None:
                break
            if isinstance(node, dict):
                if part not in node:
                    break
                index = list(node).index(part)
                last = n == len(loc) - 1
                packed = flat[start + 2 * index] if (key and last) else flat[start + 2 * index + 1]
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                packed, node = flat[start + part], node[part]
            else:
                break
        return _unpack(packed)

    def mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """(line, col) of the value at `loc`, or of its nearest existing parent."""
        return self._walk(loc, key=False)

    def key_mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """(line, col) of the mapping key at the end of `loc` (for duplicate or unknown keys)."""
        return self._walk(loc, key=True)
