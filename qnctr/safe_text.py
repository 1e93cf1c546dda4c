"""Text from the register made safe for where it is shown: a terminal, a spreadsheet, Markdown,
a file name.

Register text is written by many hands (and by Excel forms); none of it may act on the place
it is shown in: no escape sequence reaches a terminal, no cell becomes a spreadsheet formula,
no line break or tag turns into Markdown structure or HTML.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any


def _compiled(pattern: str) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled when first used: a warm question whose text is clean uses
    none of this module's, and compiling them (character classes over the whole of Unicode)
    was a millisecond of its start."""
    return functools.cache(lambda: re.compile(pattern))


# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that make
# text read differently from what it holds ("Trojan source").
_CONTROLS = _compiled(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "@", "\t", "\r", "\n", "-")
_LINE_BREAKS = _compiled(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


RESERVED_PAGES = frozenset({"index"})  # each folder's list page


def page_name(item_id: str) -> str:
    """The file name (without .html) of an id's page: ASCII, so that a link works on any disk
    and server ("8.đ.3" → "8.dd.3"); an id that is a list page's name gets a leading "_",
    which no id holds, so that agency "index" never overwrites the list of agencies."""
    name = item_id.replace("đ", "dd").replace("Đ", "DD")
    return f"_{name}" if name.casefold() in RESERVED_PAGES else name


def printable(text: str) -> str:
    """Controls shown as visible escapes (\\x1b): what the text holds, with no effect."""
    return _CONTROLS().sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                         else f"\\u{ord(m.group()):04x}", text)


def map_strings(value: Any, fn: Callable[[str], str], keys: bool = False) -> Any:
    """`fn` on every string of plain data (dicts, lists), and on dict keys too with `keys`."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, dict):
        return {(fn(k) if keys and isinstance(k, str) else k): map_strings(v, fn, keys) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, fn, keys) for v in value]
    return value


def printable_data(value: Any) -> Any:
    """`printable` on every string (keys too) of plain data. Nearly always nothing needs it:
    one look at the data as JSON (C speed) says so, instead of walking its strings (for 10,000
    tasks, a fifth of a warm `status`)."""
    try:
        dumped = json.dumps(value, ensure_ascii=False, default=str, check_circular=False)
        # Every character _RAW_CONTROL matches is one str.isprintable refuses (a control or a
        # format mark), and isprintable reads Vietnamese text four times faster than the search.
        clean = (dumped.isprintable() or not _RAW_CONTROL().search(dumped)) \
            and ("\\" not in dumped or not _ESCAPED_CONTROL().search(dumped))
    except (TypeError, ValueError, RecursionError):  # not plain JSON data: walk it
        clean = False
    return value if clean else map_strings(value, printable, keys=True)


# What _CONTROLS matches, as json.dumps writes it: C0 controls as \b \f \r or \u00XX (searched
# for at C speed: every match starts with a backslash), DEL, C1 and bidi marks as they are. A
# backslash written in the text before b, f, r or u00 also matches: then the strings are
# walked, which is only slower.
_ESCAPED_CONTROL = _compiled(r"\\(?:[bfr]|u00[01][0-9a-fA-F])")
_RAW_CONTROL = _compiled(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def spreadsheet_cell(text: str) -> str:
    """A text cell that a spreadsheet reads as text, never as a formula (OWASP CSV injection):
    a leading = + - @ tab or line break gets a leading apostrophe. A plain negative number
    ("-3,5") is left alone: it is a number, not a formula."""
    if text.startswith(_FORMULA_START) and not re.fullmatch(r"-\d+(?:[.,]\d+)*", text):
        return "'" + text
    return text


def markdown_text(text: str) -> str:
    """Text that stays text in Markdown: no tag can open (< as &lt;, & as &amp; where it would
    start an entity), a leading > cannot quote, line breaks as <br> (a bare CR or LF would start
    a heading or a list), and | [ ] ` escaped so no table cell, link or code opens. What needs
    no escaping is left as written: "> 10 %" and "A&B" read as themselves in a preview."""
    escaped = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
    escaped = re.sub(r"([\\\\|\[\]`*_])", r"\\\1", escaped)
    escaped = re.sub(r"^(\s*)>", r"\1\\>", escaped)
    return _LINE_BREAKS().sub("<br>", escaped)


def markdown_data(value: Any) -> Any:
    return map_strings(value, markdown_text)


_JSON_UNSAFE = _compiled(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(data: Any, indent: int | None = None) -> str:
    """JSON with every character a terminal could act on written as a \\u escape: the same
    value for a JSON reader (json.dumps already escapes C0; C1 and bidi marks are added)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, default=str)
    return _JSON_UNSAFE().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten(text: str, limit: int) -> str:
    """Text cut at a word before `limit` characters, with an ellipsis, for a list whose reader
    finds the whole text elsewhere (the task's page, the programme itself)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + " …"
