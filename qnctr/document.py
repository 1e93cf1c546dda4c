"""Where each value of a register file was written: a document's data and the marks of its
values, so that any later check names file, line and column. (The YAML reading that makes
them is yamldoc.py; this part needs no YAML library, so a register from the cache has it too.)"""

from __future__ import annotations

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


@record(frozen=False, slots=False)
class Marks:
    """Where things were written: per container (by its id), one array of marks: a list's
    values, a mapping's keys and values in turn (key, value, key, value…). One array and one
    entry per container: at 100,000 tasks the marks were a third of the memory."""

    root: int = (1 << COL_BITS) | 1
    of: dict[int, array[int]] = field(default_factory=dict)


@record(frozen=False, slots=False)
class Document:
    """One YAML file: its data and the marks that say where each value was written."""

    path: str
    data: Any
    marks: Marks = field(default_factory=Marks)

    def _walk(self, loc: Sequence[str | int], key: bool) -> tuple[int, int]:
        node, packed = self.data, self.marks.root
        for n, part in enumerate(loc):
            marks = self.marks.of.get(id(node))
            if marks is None:
                break
            if isinstance(node, dict):
                if part not in node:
                    break
                index = list(node).index(part)
                last = n == len(loc) - 1
                packed = marks[2 * index] if (key and last) else marks[2 * index + 1]
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                packed, node = marks[part], node[part]
            else:
                break
        return _unpack(packed)

    def mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """(line, col) of the value at `loc`, or of its nearest existing parent."""
        return self._walk(loc, key=False)

    def key_mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """(line, col) of the mapping key at the end of `loc` (for duplicate or unknown keys)."""
        return self._walk(loc, key=True)
