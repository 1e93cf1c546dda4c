"""Strict YAML reading: libyaml parsing, our own construction, marks kept for every value.

PyYAML's safe loader silently keeps the last of two duplicate keys, expands aliases
(a billion-laughs bomb), and its C composer recurses without limit (a deeply nested
file crashes the process). This module composes with libyaml, then builds plain Python
values itself so it can refuse all of that with a message naming the line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, error

# Documented bounds (SECURITY.md): a register file larger or deeper than this is refused.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_constructor = SafeConstructor()

Loc = tuple[str | int, ...]


class YamlProblem(Exception):
    """A document that cannot be turned into data; carries the place."""

    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint


@dataclass
class Document:
    """One YAML file: its data and the node tree that says where each value was written."""

    path: str
    data: Any
    root: Node | None = None
    _cache: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)

    def mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, col) of the value at `loc`, or of its nearest existing parent."""
        key = tuple(loc)
        if key in self._cache:
            return self._cache[key]
        node = self.root
        if node is None:
            return (1, 1)
        for part in key:
            child = _child(node, part)
            if child is None:
                break
            node = child
        result = (node.start_mark.line + 1, node.start_mark.column + 1)
        self._cache[key] = result
        return result

    def key_mark(self, loc: Sequence[str | int]) -> tuple[int, int]:
        """Mark of the mapping key at the end of `loc` (for duplicate or unknown keys)."""
        node = self.root
        for part in loc[:-1]:
            child = _child(node, part) if node is not None else None
            if child is None:
                return self.mark(loc)
            node = child
        if isinstance(node, MappingNode):
            for k, _ in node.value:
                if isinstance(k, ScalarNode) and k.value == loc[-1]:
                    return (k.start_mark.line + 1, k.start_mark.column + 1)
        return self.mark(loc)


def _child(node: Node | None, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == part:
                found: Node = v
                return found
        return None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item: Node = node.value[part]
        return item
    return None


def _at(node: Node, code: str, message: str, hint: str = "") -> YamlProblem:
    return YamlProblem(node.start_mark.line + 1, node.start_mark.column + 1, code, message, hint)


_BLOCK_PREFIX = re.compile(r"^( *)((?:[-?] +)*)", re.MULTILINE)
_BRACKETS = re.compile(r"[\[\]{}]")


def _nesting_upper_bound(text: str) -> int:
    """A cheap bound on nesting depth; only when it is high do we count exactly."""
    flow = depth = 0
    for m in _BRACKETS.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        flow = max(flow, depth)
    block = max(
        (len(m.group(1)) + 2 * m.group(2).count(" ") for m in _BLOCK_PREFIX.finditer(text)),
        default=0,
    )
    return flow + block + 1


def _exact_depth_exceeds(text: str, limit: int) -> yaml.Event | None:
    """Walk the event stream (iterative in libyaml) and return the event that goes too deep."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > limit:
                return event
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


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


def parse_text(text: str) -> tuple[Any, Node | None]:
    """Compose with libyaml and construct strictly. Raises YamlProblem."""
    if _nesting_upper_bound(text) > MAX_DEPTH:
        try:
            deep = _exact_depth_exceeds(text, MAX_DEPTH)
        except yaml.MarkedYAMLError as exc:
            raise _syntax_problem(exc) from None
        if deep is not None:
            line, col = (deep.start_mark.line + 1, deep.start_mark.column + 1) if deep.start_mark else (1, 1)
            raise YamlProblem(
                line, col, "too-deep",
                f"lồng nhau quá {MAX_DEPTH} cấp", "sổ đăng ký không cần cấu trúc sâu như vậy",
            )
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc) from None
    except yaml.YAMLError as exc:  # errors without a mark (rare: reader errors)
        raise YamlProblem(1, 1, "yaml-syntax", str(exc)) from None
    if root is None:
        return None, None
    return _Builder().build(root, 0), root


def _syntax_problem(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "lỗi cú pháp"
    hint = "thụt lề bằng dấu cách, không dùng tab" if "\t" in problem or "tab" in problem else (
        "kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép"
    )
    context = f" ({exc.context})" if exc.context else ""
    return YamlProblem(line, col, "yaml-syntax", f"lỗi cú pháp YAML: {problem}{context}", hint)


class _Builder:
    """Node tree → plain values, refusing aliases, odd tags and duplicate keys."""

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def build(self, node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _at(node, "too-deep", f"lồng nhau quá {MAX_DEPTH} cấp")
        # libyaml hands an alias back as the very node it names: a second visit is an alias.
        if id(node) in self.seen:
            raise _at(
                node, "alias", "không dùng neo/bí danh YAML (&, *) trong sổ đăng ký",
                "viết đầy đủ giá trị thay cho bí danh",
            )
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != f"{_TAG}seq":
                raise _at(node, "tag", f"thẻ YAML không được hỗ trợ: {node.tag}")
            return [self.build(child, depth + 1) for child in node.value]
        if isinstance(node, MappingNode):
            if node.tag != f"{_TAG}map":
                raise _at(node, "tag", f"thẻ YAML không được hỗ trợ: {node.tag}")
            return self.mapping(node, depth)
        raise _at(node, "yaml-syntax", "nút YAML không xác định")  # pragma: no cover

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == f"{_TAG}merge":
                raise _at(key_node, "bad-key", "khóa phải là một chuỗi đơn giản",
                          "không dùng khóa phức hợp hay khóa gộp <<")
            key = self.scalar(key_node)
            if not isinstance(key, str):
                raise _at(key_node, "bad-key", f"khóa {key_node.value!r} không phải chuỗi",
                          "đặt khóa trong dấu ngoặc kép")
            if key in result:
                raise _at(
                    key_node, "duplicate-key",
                    f"khóa '{key}' bị lặp (đã có ở dòng {first_line[key]})",
                    "YAML chỉ giữ giá trị sau cùng; xóa một trong hai",
                )
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            raise _at(node, "tag", f"thẻ YAML không được hỗ trợ: {tag}",
                      "chỉ dùng chuỗi, số, ngày, true/false")
        if tag == f"{_TAG}str":
            return node.value
        try:
            if tag == f"{_TAG}int":
                return _constructor.construct_yaml_int(node)
            if tag == f"{_TAG}float":
                return _constructor.construct_yaml_float(node)
            if tag == f"{_TAG}bool":
                return _constructor.construct_yaml_bool(node)
            if tag == f"{_TAG}null":
                return None
            value = _constructor.construct_yaml_timestamp(node)
        except (ValueError, OverflowError, ConstructorError):
            raise _at(node, "bad-date", f"ngày không tồn tại: {node.value}",
                      "ngày theo dạng YYYY-MM-DD, ví dụ 2026-06-19") from None
        if isinstance(value, datetime):
            raise _at(node, "bad-date", f"chỉ ghi ngày, không ghi giờ: {node.value}",
                      "ví dụ 2026-06-19")
        assert isinstance(value, date)
        return value


def read_document(path: Path, display: str) -> tuple[Document | None, list[Diagnostic]]:
    """Read, decode and parse one file; every failure becomes a Diagnostic."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [error(display, 1, 1, "too-large",
                                f"tệp lớn {size} byte, vượt giới hạn {MAX_FILE_BYTES} byte",
                                "chia nhỏ tệp hoặc kiểm tra tệp có bị hỏng không")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error(display, 1, 1, "unreadable", f"không đọc được tệp: {exc.strerror}")]
    try:
        text = decode(raw)
        data, root = parse_text(text)
    except YamlProblem as p:
        return None, [error(display, p.line, p.col, p.code, p.message, p.hint)]
    except RecursionError:
        return None, [error(display, 1, 1, "too-deep", "cấu trúc lồng nhau quá sâu")]
    if data is None:
        return None, [error(display, 1, 1, "empty", "tệp rỗng", "tệp phải có nội dung")]
    return Document(display, data, root), []
