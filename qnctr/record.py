"""Writing progress back: validate first, then one locked, atomic, round-trip write.

ruamel.yaml keeps comments, key order and untouched entries as they were; the file is
replaced with os.replace after fsync, under an flock, so concurrent writers lose nothing
and a writer killed at any moment leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .agencies import Directory, fold
from .atomic import atomic_write
from .calendar import Period
from .diagnostics import Diagnostic
from .load import PROGRESS_DIR, Register, describe_error
from .model import Observation, TaskEntry, validate
from .state import REPORT_STATUS_LABELS
from .yamldoc import Document, YamlProblem, decode, parse_text

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/progress.schema.json\n"


class RecordError(Exception):
    """A change that must not be written; the file stays byte-identical."""


@dataclass
class Change:
    """Entries to add or replace in one agency's report for one period."""

    agency: str
    period: Period
    tasks: list[dict[str, Any]] = field(default_factory=list)
    observations: list[dict[str, Any]] = field(default_factory=list)
    submitted: date | None = None
    document: str | None = None


def progress_path(root: Path, period: Period, agency: str) -> Path:
    return root / PROGRESS_DIR / str(period) / f"{agency}.yaml"


def check_change(register: Register, change: Change, today: date) -> tuple[list[str], list[str]]:
    """Errors (refuse) and warnings (write anyway) for a change, before touching any file."""
    errors: list[str] = []
    warnings: list[str] = []
    if change.agency not in register.agencies:
        errors.append(f"không có cơ quan '{change.agency}'")
    if change.submitted is not None and change.submitted > today:
        errors.append(f"ngày gửi báo cáo {change.submitted:%d/%m/%Y} sau ngày hôm nay")
    directory = Directory(register.agencies)
    lineage = directory.lineage(change.agency)
    indicators = register.indicator_ids()
    for raw in change.tasks:
        task = register.tasks.get(raw.get("task", ""))
        if task is None:
            errors.append(f"không có nhiệm vụ '{raw.get('task')}'")
            continue
        try:
            validate(TaskEntry, raw)
        except ValidationError as exc:
            errors += [_plain(e) for e in exc.errors()]
            continue
        done_on = raw.get("completed")
        if done_on is not None and done_on > (change.submitted or today):
            errors.append(f"ngày hoàn thành {done_on:%d/%m/%Y} sau ngày gửi báo cáo")
        bound = {m for named in (*task.lead, *task.support) for m in (named, *directory.members(named))}
        if not bound.intersection(lineage):
            warnings.append(f"{change.agency} không có vai trò trong nhiệm vụ {task.id}; vẫn ghi")
    for raw in change.observations:
        ref = raw.get("indicator", "")
        if ref not in indicators:
            errors.append(f"không có chỉ tiêu đo '{ref}'")
            continue
        target, k = indicators[ref]
        qualitative = target.indicators[k].measure == "qualitative"
        if qualitative and raw.get("value") is not None:
            errors.append(f"{ref} là chỉ tiêu định tính: dùng --met hoặc --not-met")
        if not qualitative and raw.get("met") is not None:
            errors.append(f"{ref} là chỉ tiêu định lượng: dùng --value")
        try:
            validate(Observation, raw)
        except ValidationError as exc:
            errors += [_plain(e) for e in exc.errors()]
            continue
        if raw["as_of"] > today:
            errors.append(f"số liệu tính đến {raw['as_of']:%d/%m/%Y}, sau ngày hôm nay")
    return errors, warnings


def _plain(err: Any) -> str:
    """A pydantic error in the words `validate` uses (a file position is not needed here)."""
    message, hint = describe_error(err)
    return f"{message} ({hint})" if hint else message


def parse_status(text: str) -> str:
    """A status as typed: its code (in_progress) or Vietnamese label ("đang thực hiện"), any
    case, with or without diacritics. Anything else is returned for validation to refuse."""
    key = fold(text)
    for code, label in REPORT_STATUS_LABELS.items():
        if key in (fold(code), fold(label)):
            return code
    return text.strip()


# --- YAML round trip ------------------------------------------------------------------------


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    # Equal values (a date used twice) must not become &anchors: the register refuses aliases.
    yaml.representer.ignore_aliases = lambda *_: True
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _quoted(value: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(value)


def _entry_map(raw: dict[str, Any], id_key: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap()
    for key, value in raw.items():
        if value is None:
            continue
        entry[key] = _quoted(value) if key == id_key else value
    return entry


def _merge(items: Any, raw: dict[str, Any], id_key: str) -> None:
    """Replace the entry with the same id in place (keeping its position), or append it."""
    new = _entry_map(raw, id_key)
    for existing in items:
        if isinstance(existing, dict) and existing.get(id_key) == raw[id_key]:
            for key in [k for k in existing if k not in new]:
                del existing[key]
            for key, value in new.items():
                existing[key] = value
            return
    items.append(new)


def apply_change(text: str | None, change: Change, today: date) -> str:
    """The new file text: `text` (or a fresh report) with the change merged in."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _yaml()
    if text is None:
        doc = CommentedMap()
        doc["agency"] = change.agency
        doc["period"] = _quoted(str(change.period))
        doc["submitted"] = change.submitted or today
        if change.document:
            doc["document"] = change.document
        doc["tasks"] = CommentedSeq()
        doc["targets"] = CommentedSeq()
        head = SCHEMA_LINE
    else:
        doc = yaml.load(text)
        head = ""
        if not isinstance(doc, dict):
            raise RecordError("tệp báo cáo hiện có không phải một bảng khóa: giá trị; sửa bằng tay trước")
        if change.submitted:
            doc["submitted"] = change.submitted
        if change.document:
            doc["document"] = change.document
    for key, entries, id_key in (("tasks", change.tasks, "task"), ("targets", change.observations, "indicator")):
        if not entries:
            continue
        if doc.get(key) is None:
            doc[key] = CommentedSeq()
        if not isinstance(doc[key], list):
            raise RecordError(f"mục '{key}' trong tệp hiện có không phải danh sách; sửa bằng tay trước")
        for raw in entries:
            _merge(doc[key], raw, id_key)
    out = io.StringIO()
    yaml.dump(doc, out)
    return head + out.getvalue()


def check_text(text: str, path: Path, register: Register, today: date) -> list[Diagnostic]:
    """Errors the new file would give under `qnctr validate`, found before it is written."""
    from .checks import check_report
    from .diagnostics import error
    from .load import LoadedReport, Loader, Where

    display = str(path)
    try:
        data, marks = parse_text(decode(text.encode("utf-8")))
    except YamlProblem as p:
        return [error(display, p.line, p.col, p.code, p.message)]
    doc = Document(display, data, marks)
    loader = Loader(register.root)
    loaded = loader.report(doc)
    problems = list(loader.diagnostics)
    if loaded is not None:
        report, positions = loaded
        problems += check_report(register, LoadedReport(report, Where(doc, ()), path, positions), today)
    return [p for p in problems if p.severity == "error"]


# --- locking and atomic replacement -------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside the file (dot-file: the loader ignores it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.parent / f".{path.name}.lock"
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def write_change(root: Path, change: Change, today: date, register: Register) -> tuple[Path, str]:
    """Merge the change into its progress file under the lock; returns (path, new text)."""
    path = progress_path(root, change.period, change.agency)
    # Refuse before touching the disk, so a change that cannot be written leaves no new
    # folder or lock file behind; then merge again under the lock, against what is there now.
    _merged(path, change, today, register)
    with locked(path):
        old, new = _merged(path, change, today, register)
        if new != old:
            atomic_write(path, new.encode("utf-8"))
    return path, new


def _merged(path: Path, change: Change, today: date, register: Register) -> tuple[str | None, str]:
    """(the file's text or None, the text with the change in it); RecordError if it may not be written."""
    from ruamel.yaml.error import YAMLError

    old = path.read_text(encoding="utf-8-sig") if path.exists() else None
    try:
        new = apply_change(old, change, today)
    except YAMLError as exc:
        raise RecordError(f"{path}: tệp hiện có không đọc được ({exc.__class__.__name__}); sửa bằng tay trước") from None
    problems = check_text(new, path, register, today)
    if problems:
        raise RecordError("\n".join(p.text() for p in problems))
    return old, new


def refuse_packaged(root: Path) -> None:
    """Never write into the register shipped inside the installed package."""
    here = Path(__file__).resolve().parent
    if root.resolve() == (here / "_data").resolve():
        raise RecordError(
            "đây là sổ đăng ký đi kèm gói cài đặt; hãy ghi vào sổ của bạn: --data THƯ_MỤC hoặc chạy "
            "trong thư mục có data/tasks.yaml"
        )


def describe(errors: Sequence[str]) -> str:
    return "\n".join(f"  - {e}" for e in errors)
