"""Strict YAML reading: libyaml's event stream, our own construction, marks kept for every value.

PyYAML's safe loader silently keeps the last of two duplicate keys, expands aliases (a
billion-laughs bomb) and composes recursively (a deeply nested file crashes the process).
Here libyaml only tokenises and parses; values are built from its event stream in one
iterative pass that refuses all of that with a message naming the line. Building from
events is also about three times faster than PyYAML's composer.
"""

from __future__ import annotations

import re
import stat
import sys
import unicodedata
from array import array
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .diagnostics import Diagnostic, error
from .document import COL_BITS, Document, Marks, pack, review_marks
from .wording import YAML, os_reason, translated

# Documented bounds (SECURITY.md): a register file larger or deeper than this is refused.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_NUMBER_CHARS = 32  # no figure of a register needs more; 5,000 digits would stall int()

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = f"{_TAG}str", f"{_TAG}map", f"{_TAG}seq"
_ALLOWED_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_RESOLVERS = Resolver.yaml_implicit_resolvers  # YAML 1.1 implicit typing, keyed by first character
_constructor = SafeConstructor()
_PLAIN_INT = re.compile(r"-?[1-9][0-9]*|0")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

class YamlProblem(Exception):
    """A document that cannot be turned into data; carries the place."""

    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint


def _at(mark: Any, code: str, message: str, hint: str = "") -> YamlProblem:
    return YamlProblem(mark.line + 1, mark.column + 1, code, message, hint) if mark else YamlProblem(
        1, 1, code, message, hint)


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is accepted) to NFC text; invalid bytes raise YamlProblem at their line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            line, col, "encoding", f"không phải UTF-8 hợp lệ (byte 0x{raw[exc.start]:02x})",
            "lưu tệp với mã hóa UTF-8",
        ) from None
    return unicodedata.normalize("NFC", text)


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "lỗi cú pháp"
    if "nesting depth" in problem:  # libyaml ≥ 0.2.5 stops at its own depth limit
        return YamlProblem(line, col, "too-deep", f"lồng nhau quá sâu: {problem}",
                           "sổ đăng ký không cần cấu trúc sâu như vậy")
    hint = "thụt lề bằng dấu cách, không dùng tab" if "\t" in problem or "tab" in problem else (
        "kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép"
    )
    words = translated(problem, YAML, whole=True)
    context = f" ({translated(exc.context, YAML, whole=True)})" if exc.context else ""
    return YamlProblem(line, col, "yaml-syntax", f"lỗi cú pháp YAML: {words}{context}", hint)




def _resolve(value: str) -> str:
    """The implicit tag of a plain scalar, exactly as PyYAML's YAML 1.1 resolver gives it."""
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", ()):
        if regexp.match(value):
            return str(tag)
    return _STR


def _scalar(event: Any, soft: list[YamlProblem] | None = None) -> Any:
    tag = event.tag
    value = event.value
    if tag is None or tag == "!":
        tag = _resolve(value) if event.implicit[0] else _STR
    if tag not in _ALLOWED_SCALAR_TAGS:
        if tag == f"{_TAG}merge":
            raise _at(event.start_mark, "bad-key", "không dùng khóa gộp <<", "viết đầy đủ các khóa")
        raise _at(event.start_mark, "tag", f"thẻ YAML không được hỗ trợ: {tag}",
                  "chỉ dùng chuỗi, số, ngày, true/false")
    if tag == _STR:
        return value
    if tag in (f"{_TAG}int", f"{_TAG}float") and len(value) > MAX_NUMBER_CHARS:
        raise _at(event.start_mark, "bad-number", f"số quá dài ({len(value)} ký tự)",
                  f"một số trong sổ đăng ký có nhiều nhất {MAX_NUMBER_CHARS} ký tự")
    if tag == f"{_TAG}int" and _PLAIN_INT.fullmatch(value):
        return int(value)
    if tag == f"{_TAG}timestamp" and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            problem = _at(event.start_mark, "bad-date", f"ngày không tồn tại: {value}",
                          "ngày theo dạng YYYY-MM-DD, ví dụ 2026-06-19")
            if soft is None:
                raise problem from None
            # Reported, and the value kept as text so that the rest of the file is still read
            # and checked: one run shows every problem (the model's own error here is dropped).
            soft.append(problem)
            return value
    node = ScalarNode(tag, value, event.start_mark, event.end_mark)
    try:
        if tag == f"{_TAG}int":
            return _constructor.construct_yaml_int(node)
        if tag == f"{_TAG}float":
            return _constructor.construct_yaml_float(node)
        if tag == f"{_TAG}bool":
            return _constructor.construct_yaml_bool(node)
        if tag == f"{_TAG}null":
            return None
        stamp = _constructor.construct_yaml_timestamp(node)
    except (ValueError, OverflowError, ConstructorError):
        raise _at(event.start_mark, "bad-date", f"ngày không tồn tại: {value}",
                  "ngày theo dạng YYYY-MM-DD, ví dụ 2026-06-19") from None
    if isinstance(stamp, datetime):
        raise _at(event.start_mark, "bad-date", f"chỉ ghi ngày, không ghi giờ: {value}", "ví dụ 2026-06-19")
    return stamp


class _Frame:
    """A container being filled: a dict waiting for a key or a value, or a list."""

    __slots__ = ("container", "key", "key_mark", "marks")

    def __init__(self, container: Any) -> None:
        self.container = container
        self.marks: array[int] = array("Q")  # a list's values; a dict's keys and values in turn (until it ends)
        self.key: Any = _NO_KEY
        self.key_mark = 0


_NO_KEY = object()


# A register repeats the same short words thousands of times (keys, agency ids, states, dates):
# libyaml gives a new string for each; one copy of each is kept instead (interned: the same
# copy across every file of the register).
SHARED_LENGTH = 40


def parse_text(text: str, soft: list[YamlProblem] | None = None) -> tuple[Any, Marks]:
    """Build plain values from libyaml's events in one iterative pass. Raises YamlProblem;
    with `soft`, a problem of one value (an impossible date) is collected there instead."""
    marks = Marks()
    stack: list[_Frame] = []
    result: Any = None
    documents = 0
    try:
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None:
                    raise _at(event.start_mark, "alias", "không dùng neo/bí danh YAML (&, *) trong sổ đăng ký",
                              "viết đầy đủ giá trị thay cho bí danh")
                if kind is yaml.ScalarEvent:
                    value = _scalar(event, soft)
                    if type(value) is str and len(value) <= SHARED_LENGTH:  # keys, ids, states: one copy each
                        value = sys.intern(value)
                else:
                    tag = event.tag
                    expected = _MAP if kind is yaml.MappingStartEvent else _SEQ
                    if tag not in (None, "!", expected):
                        raise _at(event.start_mark, "tag", f"thẻ YAML không được hỗ trợ: {tag}")
                    if len(stack) >= MAX_DEPTH:
                        raise _at(event.start_mark, "too-deep", f"lồng nhau quá {MAX_DEPTH} cấp",
                                  "sổ đăng ký không cần cấu trúc sâu như vậy")
                    value = {} if kind is yaml.MappingStartEvent else []
                packed = pack(event.start_mark)
                if not stack:
                    result, marks.root = value, packed
                else:
                    _add(stack[-1], value, packed, event, kind is yaml.ScalarEvent)
                if kind is not yaml.ScalarEvent:
                    stack.append(_Frame(value))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()  # its marks, whole now, join the document's
                marks.of[id(done.container)] = len(marks.flat)
                marks.flat.extend(done.marks)
            elif kind is yaml.AliasEvent:
                raise _at(event.start_mark, "alias", "không dùng neo/bí danh YAML (&, *) trong sổ đăng ký",
                          "viết đầy đủ giá trị thay cho bí danh")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _at(event.start_mark, "yaml-syntax", "tệp chỉ được chứa một tài liệu YAML",
                              "xóa dấu phân cách '---' thứ hai")
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids: name where it stands
        # libyaml counts the position in bytes of UTF-8, not in characters.
        raw = text.encode("utf-8")
        start = raw.rfind(b"\n", 0, exc.position) + 1
        line = raw.count(b"\n", 0, exc.position) + 1
        col = len(raw[start:exc.position].decode("utf-8", "replace")) + 1
        raise YamlProblem(line, col, "bad-character",
                          f"ký tự điều khiển #x{exc.character:04X} không được phép trong YAML"
                          if isinstance(exc.character, int) else f"ký tự không được phép: {exc.character!r}",
                          "xóa ký tự đó, hoặc viết nó trong chuỗi có ngoặc kép dạng \\x01") from None
    except yaml.YAMLError as exc:  # other errors without a mark (rare)
        raise YamlProblem(1, 1, "yaml-syntax", str(exc)) from None
    return result, marks


def _add(frame: _Frame, value: Any, packed: int, event: Any, scalar: bool) -> None:
    container = frame.container
    if type(container) is list:
        container.append(value)
        frame.marks.append(packed)
        return
    if frame.key is _NO_KEY:
        if not scalar:
            raise _at(event.start_mark, "bad-key", "khóa phải là một chuỗi đơn giản",
                      "không dùng khóa phức hợp")
        if not isinstance(value, str):
            raise _at(event.start_mark, "bad-key", f"khóa {event.value!r} không phải chuỗi",
                      "đặt khóa trong dấu ngoặc kép")
        if value in container:
            first = frame.marks[2 * list(container).index(value)] >> COL_BITS
            raise _at(event.start_mark, "duplicate-key", f"khóa '{value}' bị lặp (đã có ở dòng {first})",
                      "YAML chỉ giữ giá trị sau cùng; xóa một trong hai")
        frame.key, frame.key_mark = value, packed
        return
    container[frame.key] = value
    frame.marks.append(frame.key_mark)
    frame.marks.append(packed)
    frame.key = _NO_KEY


def read_document(path: Path, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read, decode and parse one file; every failure becomes a Diagnostic."""
    try:
        info = path.stat()
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block every command; a device never ends
            return None, [error(display, 1, 1, "not-a-file", "không phải tệp thông thường (FIFO, thiết bị…); bỏ qua",
                                "xóa nó khỏi sổ đăng ký")]
        if size > MAX_FILE_BYTES:
            return None, [error(display, 1, 1, "too-large",
                                f"tệp lớn {size} byte, vượt giới hạn {MAX_FILE_BYTES} byte",
                                "chia nhỏ tệp hoặc kiểm tra tệp có bị hỏng không")]
        raw = path.read_bytes()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (pathlib)
        reason = os_reason(exc) if isinstance(exc, OSError) else "vòng liên kết tượng trưng"
        return None, [error(display, 1, 1, "unreadable", f"không đọc được tệp: {reason}")]
    try:
        soft: list[YamlProblem] = []
        text = decode(raw)
        data, marks = parse_text(text, soft)
    except YamlProblem as p:
        return None, [error(display, p.line, p.col, p.code, p.message, p.hint)]
    if data is None:
        return None, [error(display, 1, 1, "empty", "tệp rỗng", "tệp phải có nội dung")]
    problems = [error(display, p.line, p.col, p.code, p.message, p.hint) for p in soft]
    return Document(display, data, marks, review_marks(text)), problems
