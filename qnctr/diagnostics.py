"""Problems found in a register, as data, and the printers that show them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from typing import Literal

from .records import record
from .safe_text import json_text, printable

Severity = Literal["error", "warning"]

# GitHub shows at most 10 error and 10 warning annotations per step; more are dropped.
GITHUB_ANNOTATION_CAP = 10


@record
class Diagnostic:
    """One problem at one place: `path:line:col: severity [code] message`. A warning the register
    keeps on purpose carries the reason it gave (known-warnings.yaml): `--strict` passes over it."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str = ""
    acknowledged: str = ""

    def text(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity} [{self.code}] {self.message}"
        if self.hint:
            head += f"\n    gợi ý: {self.hint}"
        return f"{head}\n    đã ghi nhận: {self.acknowledged}" if self.acknowledged else head


def error(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, col, "error", code, message, hint)


def warning(path: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(path, line, col, "warning", code, message, hint)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.col, d.code)


def promote_warnings(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`--strict`: every warning becomes an error, except one the register acknowledged."""
    return [d if d.acknowledged else replace(d, severity="error") for d in diagnostics]


def count(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.severity == "error")
    return errors, len(diagnostics) - errors


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    errors, warnings = count(diagnostics)
    if not diagnostics:
        return "Sổ đăng ký hợp lệ: 0 lỗi, 0 cảnh báo."
    known = sum(1 for d in diagnostics if d.acknowledged)
    return f"{errors} lỗi, {warnings} cảnh báo" + (f" ({known} đã ghi nhận)." if known else ".")


def printed(diagnostics: list[Diagnostic], fmt: str, strict: bool) -> tuple[str, int]:
    """What `validate` prints in a format (text, json, github: annotations then the text) and
    its exit code: 1 when there is an error (with `strict`, an unacknowledged warning too)."""
    if strict:
        diagnostics = promote_warnings(diagnostics)
    if fmt == "json":
        text = as_json(diagnostics)
    else:
        annotations = as_github(diagnostics) if fmt == "github" else ""
        text = "\n".join(part for part in (annotations, as_text(diagnostics)) if part)
    return text, 1 if count(diagnostics)[0] else 0


def as_text(diagnostics: Sequence[Diagnostic]) -> str:
    lines = [d.text() for d in diagnostics]
    lines.append(summary_line(diagnostics))
    return "\n".join(lines)


def as_json(diagnostics: Sequence[Diagnostic]) -> str:
    errors, warnings = count(diagnostics)
    payload = {
        "errors": errors,
        "warnings": warnings,
        "diagnostics": [asdict(d) for d in diagnostics],
    }
    return json_text(payload, indent=2)


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = printable(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, capped per severity as GitHub caps them."""
    shown = {"error": 0, "warning": 0}
    lines = []
    for d in diagnostics:
        if shown[d.severity] >= GITHUB_ANNOTATION_CAP:
            continue
        shown[d.severity] += 1
        props = (
            f"file={_github_escape(d.path, prop=True)},line={d.line},col={d.col},"
            f"title={_github_escape(d.code, prop=True)}"
        )
        message = d.message + (f" — {d.hint}" if d.hint else "")
        lines.append(f"::{d.severity} {props}::{_github_escape(message)}")
    return "\n".join(lines)
