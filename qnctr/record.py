"""Writing progress back: validate first, then one locked, atomic, round-trip write.

ruamel.yaml keeps comments, key order and untouched entries as they were; the file is
replaced with os.replace after fsync, under an exclusive lock, so concurrent writers lose nothing
and a writer killed at any moment leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .agencies import Directory, fold
from .atomic import as_read, atomic_write, exclusive, in_form_of
from .calendar import Period
from .diagnostics import Diagnostic, error, warning
from .document import Document
from .errors import QnctrError
from .load import PROGRESS_DIR, LoadedProgress, Place, Register, Where, describe_error
from .model import Observation, ProgressReport, TaskEntry, rule_field, validate
from .numbers import DOUBT_CODES
from .state import REPORT_STATUS_LABELS
from .wording import os_reason
from .yamldoc import YamlProblem, decode, parse_text

M = TypeVar("M")
SCHEMA_FILE = "progress.schema.json"


def schema_comment(path: Path, home: Path) -> str:
    """The editor's schema comment for a new progress file at `path`: the schema folder that
    `init` and `ingest` make in the register (`home`), or the one beside it (the shipped
    register's), as a path from the file's folder; none when neither holds the schema (a
    comment pointing nowhere makes an editor report an error on every file)."""
    for folder in (home / "schema", home.parent / "schema"):
        if (folder / SCHEMA_FILE).is_file():
            relative = os.path.relpath(folder / SCHEMA_FILE, path.parent).replace(os.sep, "/")
            return f"# yaml-language-server: $schema={relative}\n"
    return ""


class RecordError(QnctrError):
    """A change that must not be written; the file stays byte-identical."""


class _Remove:
    """Marks a field to delete from an entry: the only way an update removes anything."""

    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Any = _Remove()
WITHDRAW = "_withdraw"  # an entry given with this key set is taken out of the report whole
TYPED = "_typed"  # a figure as typed on the command line ("45%"): its sign is checked against the unit

# The words a person reads for each field of a report entry (change lists, --clear).
FIELD_LABELS = {
    "status": "tình trạng", "completed": "ngày hoàn thành", "result": "kết quả",
    "difficulties": "khó khăn, vướng mắc", "evidence": "văn bản, minh chứng", "proposals": "đề xuất, kiến nghị",
    "value": "số liệu", "met": "đạt/không đạt", "as_of": "tính đến ngày", "source": "nguồn số liệu", "note": "ghi chú",
    "confirmed": "đã xác nhận số liệu nghi vấn",
}
CLEARABLE_TASK_FIELDS = ("completed", "result", "difficulties", "evidence", "proposals")
CLEARABLE_OBSERVATION_FIELDS = ("source", "note", "confirmed")  # confirmed: the office's mark taken back


@dataclass
class Change:
    """Fields to set (or REMOVE) in one agency's report for one period; a field that is
    absent or None is left as it is. An entry not yet in the report is added."""

    agency: str
    period: Period
    tasks: list[dict[str, Any]] = field(default_factory=list)
    observations: list[dict[str, Any]] = field(default_factory=list)
    submitted: date | None = None
    document: str | None = None
    # "Tính đến" of a new observation given without one: the period's cut-off, never the future.
    default_observed: date | None = None
    # ... except for an indicator whose target ends within the period: its figure stands at the
    # target's last day (a 2021-2025 target's figure in the 2026 round is the one for 2025).
    observed_caps: dict[str, date] = field(default_factory=dict)
    # Write an entry for a task the agency has no role in (the register may lack an assignment
    # the document makes): refused unless asked for by name (`record --force`).
    force: bool = False
    # Write a figure qnctr doubts, marked confirmed (`--confirm-doubts`); else it is refused.
    confirm_doubts: bool = False
    # How to keep the first sending date, said where a correction's date would make it late:
    # the option on the command line, the cell on a form.
    keep_sent: str = "ghi không kèm --submitted"


def merge_entry(old: dict[str, Any] | None, given: dict[str, Any]) -> dict[str, Any]:
    """An entry after an update: `old` with the given fields set and the REMOVE ones dropped."""
    merged = dict(old or {})
    for key, value in given.items():
        if value is REMOVE:
            merged.pop(key, None)
        elif value is not None:
            merged[key] = value
    return merged


def report_of(register: Register, agency: str, period: Period) -> ProgressReport | None:
    """The agency's report for the period, if the register has one (validate allows one)."""
    return next((r.report for r in register.reports if r.report.agency == agency and r.report.period == str(period)),
                None)


def existing_entries(register: Register, agency: str, period: Period) -> dict[str, dict[str, dict[str, Any]]]:
    """{"tasks": {task id: entry}, "targets": {indicator: entry}} of the agency's report for the period."""
    report = report_of(register, agency, period)
    return {"tasks": {e.task: _fields(e) for e in report.tasks} if report else {},
            "targets": {o.indicator: _fields(o) for o in report.targets} if report else {}}


def progress_path(root: Path, period: Period, agency: str) -> Path:
    """The agency's report for the period: its .yaml, or the .yml it already has (a second file
    beside it would be a duplicate report, and the register would no longer load)."""
    folder = root / PROGRESS_DIR / str(period)
    path = folder / f"{agency}.yaml"
    other = folder / f"{agency}.yml"
    return other if not path.exists() and other.is_file() else path


def judged(found: Diagnostic, given: dict[str, Any] | None, change: Change) -> tuple[bool, str]:
    """Whether a problem of an entry refuses the write, and how it is said. Besides errors, a
    write refuses an entry for a task the agency has no role in (unless `force`) and a figure
    qnctr doubts (unless `confirm_doubts`, which marks the entry confirmed)."""
    if found.code == "no-role" and not change.force:
        return True, found.message + "; nếu văn bản đúng là giao cho cơ quan này, ghi lại với --force"
    if found.code in DOUBT_CODES:
        if not change.confirm_doubts or given is None:
            return True, found.message + "; nếu đúng là số liệu này, ghi lại với --confirm-doubts"
        given["confirmed"] = True
        return False, "đã xác nhận theo --confirm-doubts: " + found.message
    if found.code == "conflicting-figures":  # written either way: the office settles it before the report
        if change.confirm_doubts and given is not None:
            given["confirmed"] = True
            return False, "đã xác nhận theo --confirm-doubts (số liệu này được tính): " + found.message
        return False, (found.message + "; báo cáo chỉ lập được khi thống nhất một số liệu (sửa, rút, hoặc xác nhận "
                       "số liệu được tính bằng --confirm-doubts)")
    return found.severity == "error", found.message


def check_change(register: Register, change: Change, today: date) -> tuple[list[str], list[str]]:
    """Errors (refuse) and warnings (write anyway) for a change, before touching any file:
    the same rules `validate` applies (checks.py), on each entry as it will stand after the merge."""
    errors: list[str] = []
    warnings: list[str] = []
    for given, found in check_entries(register, change, today):
        for d in found:
            refused, message = judged(d, given, change)
            (errors if refused else warnings).append(message)
    return errors, warnings


def check_entries(register: Register, change: Change, today: date,
                  place: Callable[[dict[str, Any]], Place] | None = None,
                  ) -> Iterator[tuple[dict[str, Any] | None, list[Diagnostic]]]:
    """(entry as given, what is wrong with it) for each entry of the change, checked as it will
    stand after the merge by the rules `validate` applies; the report's own head comes first,
    as (None, its problems). `place` says where each entry was given (a form's row), so that a
    problem names the cell of its field. What every entry needs (the directory, the report as
    it is) is looked up once, so a form of hundreds of rows is checked in one pass."""
    from .checks import Known, check_head, check_observation, check_task_entry

    path = progress_path(register.root, change.period, change.agency)
    nowhere = Where(Document(str(path), None), ())
    if change.agency not in register.agencies:
        yield None, [error(str(path), 0, 0, "unknown-agency", f"không có cơ quan '{change.agency}'")]
        return
    head = _head_after(register, change, today)
    known = Known.of(register)
    yield None, list(check_head(register, head, path, nowhere, today, known.directory))
    before = existing_entries(register, change.agency, change.period)
    for given in change.tasks:
        where = place(given) if place else nowhere
        if given.get(WITHDRAW):
            yield given, _withdrawable(before["tasks"], given["task"], "nhiệm vụ", change, where)
            continue
        entry, found = _task_after(change, given, before["tasks"].get(given.get("task", "")), where)
        if entry is not None:
            found += check_task_entry(register, head, entry, where, (), today, known)
        yield given, found
    for given in change.observations:
        where = place(given) if place else nowhere
        if given.get(WITHDRAW):
            yield given, _withdrawable(before["targets"], given["indicator"], "chỉ tiêu", change, where)
            continue
        old = before["targets"].get(given.get("indicator", ""))
        if old and old.get("confirmed") and not change.confirm_doubts \
                and any(k in given and given[k] is not REMOVE and given[k] != old.get(k) for k in ("value", "met", "as_of")):
            given["confirmed"] = REMOVE  # the office confirmed that figure, not this one: said, and checked anew
        obs, found = _validated(Observation, observation_with_default(change, merge_entry(old, given)), where)
        if obs is not None:
            found += check_observation(register, head, obs, where, (), today, known)
            if (falls := known.falls_after(head, obs)) is not None:
                found.append(warning(*where.at("value"), "cumulative-falls-after", falls))
            if others := known.others_figures(change.agency, obs):
                found.append(warning(*where.at("value"), "conflicting-figures",
                                     f"{obs.indicator} tính đến {obs.as_of:%d/%m/%Y}: đã có số liệu khác của "
                                     f"{'; '.join(others)}"))
        yield given, found


def _withdrawable(entries: dict[str, Any], item_id: str, what: str, change: Change, where: Place) -> list[Diagnostic]:
    if item_id in entries:
        return []
    return [error(*where.at("status"), "bad-change", f"{what} {item_id} không có trong báo cáo kỳ {change.period} "
                  "của cơ quan này: không có gì để rút")]


def _head_after(register: Register, change: Change, today: date) -> ProgressReport:
    """The report's head as it will be: what is there, with the date sent and document given."""
    old = report_of(register, change.agency, change.period)
    submitted = change.submitted or (old.submitted if old is not None else today)
    return ProgressReport(agency=change.agency, period=str(change.period), submitted=submitted,
                          document=change.document or (old.document if old else None))


def _task_after(change: Change, given: dict[str, Any], old: dict[str, Any] | None,
                where: Place) -> tuple[TaskEntry | None, list[Diagnostic]]:
    """The entry after the merge, or why an update may not make it (the rules of an update; the
    rules of an entry are the model's)."""
    def refused(field_name: str, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [error(*where.at(field_name), "bad-change", message)]

    task_id = given.get("task", "")
    raw = merge_entry(old, given)
    if old is None and raw.get("status") is None:
        return refused("status", f"nhiệm vụ {task_id} chưa có trong báo cáo kỳ {change.period}: "
                                 "phải ghi tình trạng (--status)")
    if raw.get("status") != "done" and raw.get("completed") is not None and given.get("completed") is None:
        return refused("completed", f"nhiệm vụ {task_id} đang ghi ngày hoàn thành {raw['completed']:%d/%m/%Y}; "
                                    "đổi tình trạng khỏi 'Hoàn thành' thì bỏ ngày đó (--clear completed)")
    if raw.get("status") == "suspended" and (old or {}).get("status") != "suspended" and not given.get("result"):
        return refused("result", f"nhiệm vụ {task_id} chuyển sang 'Dừng thực hiện' phải ghi lý do mới "
                                 "ở kết quả (--result)")
    return _validated(TaskEntry, raw, where)


def _validated(model: type[M], raw: dict[str, Any], where: Place) -> tuple[M | None, list[Diagnostic]]:
    """The entry as its model, or the model's errors, each at the field it concerns."""
    try:
        return validate(model, raw), []
    except ValidationError as exc:
        found = []
        for e in exc.errors():
            field_name = rule_field(e) or next((str(p) for p in e["loc"] if isinstance(p, str)), "")
            found.append(error(*where.at(field_name), "bad-entry", _plain(e)))
        return None, found


def _fields(entry: TaskEntry | Observation) -> dict[str, Any]:
    """An entry's fields that hold a value (the record classes are slotted dataclasses)."""
    names = entry.__dataclass_fields__
    return {k: getattr(entry, k) for k in names if getattr(entry, k) is not None}


def observation_with_default(change: Change, entry: dict[str, Any]) -> dict[str, Any]:
    if entry.get("as_of") is None and change.default_observed is not None:
        cap = change.observed_caps.get(entry.get("indicator", ""))
        return {**entry, "as_of": min(change.default_observed, cap) if cap else change.default_observed}
    return entry


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


def _scalar(value: Any) -> Any:
    """A value as it is written: ids and free text double-quoted, so that what reads back is
    exactly what was given (YAML 1.1 would read `yes` as true and `1:30` as 90)."""
    if isinstance(value, str) and value not in REPORT_STATUS_LABELS:
        return _quoted(value)
    return value


def said_fields(entry: Mapping[str, Any], id_key: str) -> str:
    """An entry's fields in words, as the change list says them ("tình trạng Hoàn thành; kết quả «…»")."""
    return "; ".join(_confirmation(v) if k == "confirmed" else f"{FIELD_LABELS.get(k, k)} {shown(v)}"
                     for k, v in entry.items() if k != id_key)


def _confirmation(confirmed: Any) -> str:
    """The office's mark on a figure, in words (a boolean, but not "Đạt": that is a target's verdict)."""
    return "đánh dấu đã xác nhận (số liệu này được tính)" if confirmed else "bỏ dấu đã xác nhận"


def shown(value: Any) -> str:
    """A field value as the change list shows it."""
    if isinstance(value, str) and value in REPORT_STATUS_LABELS:
        return REPORT_STATUS_LABELS[value]
    if isinstance(value, bool):
        return "Đạt" if value else "Không đạt"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float)):
        from .numbers import format_number

        return format_number(value, 6)
    text = str(value).replace("\n", " ")
    return f"«{text[:77]}…»" if len(text) > 80 else f"«{text}»"


def _delete_keeping_comments(entry: Any, key: str) -> None:
    """Delete a key; a comment that followed its value (ruamel keeps it on the key, so it would
    go with it) moves to the key before, where it stands in the file."""
    keys = list(entry)
    comment = entry.ca.items.pop(key, None)
    del entry[key]
    at = keys.index(key)
    if comment is not None and comment[2] is not None and at > 0:
        before = keys[at - 1]
        slot = entry.ca.items.setdefault(before, [None, None, None, None])
        if slot[2] is None:
            slot[2] = comment[2]


def _merge(items: Any, raw: dict[str, Any], id_key: str, change: Change) -> list[str]:
    """Update the entry with the same id in place (only the given fields; keeping its position
    and comments), or append it. Returns what changed, field by field, in words."""
    from ruamel.yaml.comments import CommentedMap

    key_id = raw[id_key]
    for i, existing in enumerate(items):
        if isinstance(existing, dict) and existing.get(id_key) == key_id and raw.get(WITHDRAW):
            del items[i]
            return [f"{key_id}: rút khỏi báo cáo (đã ghi: {said_fields(existing, id_key)})"]
        if isinstance(existing, dict) and existing.get(id_key) == key_id:
            lines = []
            for key, value in raw.items():
                if key == id_key or value is None:
                    continue
                label = FIELD_LABELS.get(key, key)
                if key == "confirmed" and (value is REMOVE or existing.get(key) != value):
                    lines.append(f"{key_id}: {_confirmation(value is not REMOVE and value)}")
                    if value is REMOVE:
                        _delete_keeping_comments(existing, key)
                    else:
                        existing[key] = _scalar(value)
                elif value is REMOVE:
                    if key in existing:
                        lines.append(f"{key_id}: {label}: xóa {shown(existing[key])}")
                        _delete_keeping_comments(existing, key)
                elif key not in existing:
                    lines.append(f"{key_id}: {label}: thêm {shown(value)}")
                    existing[key] = _scalar(value)
                elif existing[key] != value:
                    lines.append(f"{key_id}: {label}: {shown(existing[key])} → {shown(value)}")
                    existing[key] = _scalar(value)
            return lines
    entry = CommentedMap()
    entry[id_key] = _quoted(key_id)
    full = observation_with_default(change, raw) if id_key == "indicator" else raw
    given = {k: v for k, v in full.items() if k != id_key and v is not None and v is not REMOVE}
    for key, value in given.items():
        entry[key] = _scalar(value)
    items.append(entry)
    return [f"{key_id}: thêm mới ({said_fields(given, id_key)})"]


def apply_change(text: str | None, change: Change, today: date, schema: str = "") -> tuple[str, list[str]]:
    """The new file text and what the change does to it, a line per field; a new file starts
    with `schema` (schema_comment)."""
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
        head = schema
    else:
        doc = yaml.load(text)
        head = ""
        if not isinstance(doc, dict):
            raise RecordError("tệp báo cáo hiện có không phải một bảng khóa: giá trị; sửa bằng tay trước")
    lines: list[str] = []
    if text is None:  # a new report: its head said (a form's covering document, --submitted, or today)
        lines += [f"{label}: {shown(value)}" for value, label in ((change.submitted, "ngày gửi báo cáo"),
                                                                  (change.document, "số hiệu văn bản báo cáo"))
                  if value is not None]
        if change.submitted is None:  # the day it is taken in stands for the day it was sent: said, late or not
            late = (today - change.period.due).days
            lines.insert(0, f"ngày gửi báo cáo: {shown(today)} (hôm nay, vì không có ngày gửi; ngày khác: --submitted)"
                            + (f", sau hạn {shown(change.period.due)} {late} ngày: tính là gửi muộn" if late > 0 else ""))
    if text is not None:
        # The report's own head changes only when asked (--submitted, --document), and says so:
        # a date sent that moved silently would turn an on-time report into a late one.
        for key, value, label in (("submitted", change.submitted, "ngày gửi báo cáo"),
                                  ("document", change.document, "số hiệu văn bản báo cáo")):
            if value is not None and doc.get(key) != value:
                was = f"{shown(doc[key])} → " if doc.get(key) is not None else "thêm "
                moved = _timeliness_moved(doc.get(key), value, change.period.due, change.keep_sent) \
                    if isinstance(value, date) else ""
                lines.append(f"{label}: {was}{shown(value)}{moved}")
                doc[key] = _scalar(value)
    for key, entries, id_key in (("tasks", change.tasks, "task"), ("targets", change.observations, "indicator")):
        if not entries:
            continue
        if doc.get(key) is None:
            doc[key] = CommentedSeq()
        if not isinstance(doc[key], list):
            raise RecordError(f"mục '{key}' trong tệp hiện có không phải danh sách; sửa bằng tay trước")
        for raw in entries:
            lines += _merge(doc[key], raw, id_key, change)
    out = io.StringIO()
    yaml.dump(doc, out)
    return head + out.getvalue(), lines


def _timeliness_moved(before: object, after: date, due: date, keep: str) -> str:
    """What a report's new sending date does to it when it crosses the due date, said beside
    the change: an on-time report made late by a correction's date loses its first date."""
    if not isinstance(before, date) or (before > due) == (after > due):
        return ""
    if after > due:
        return (f" (sau hạn {shown(due)} {(after - due).days} ngày: báo cáo đã gửi đúng hạn nay tính là gửi muộn; "
                f"một bản sửa gửi sau không đổi ngày gửi: {keep})")
    return f" (trong hạn {shown(due)}: báo cáo nay tính là gửi đúng hạn)"


def _read_new(text: str, path: Path, register: Register, today: date) -> tuple[LoadedProgress | None, list[Diagnostic]]:
    """The new file as the loader reads it (None when it does not read whole: any problem of the
    loader's), and everything it would give under `qnctr validate`."""
    from .checks import check_progress
    from .diagnostics import error
    from .load import Loader

    display = str(path)
    try:
        data, marks = parse_text(decode(text.encode("utf-8")))
    except YamlProblem as p:
        return None, [error(display, p.line, p.col, p.code, p.message)]
    doc = Document(display, data, marks)
    loader = Loader(register.root)
    read = loader.report(doc)
    problems = list(loader.diagnostics)
    if read is None:
        return None, problems
    loaded = LoadedProgress(read[0], Where(doc, ()), path, read[1])
    return None if problems else loaded, problems + list(check_progress(register, loaded, today))


def _keep_cached(root: Path, path: Path, loaded: LoadedProgress | None, register: Register, today: date) -> None:
    """After a write, the cache holds the register as it now is, so that the next question, or
    the next of a round's imports, need not read every file again: the register as read, with
    the written report read anew (validated, and every rule about one report checked). It is
    kept only when the files other than this one are as they were when the register was read
    (another writer's change in between leaves the cache to be rebuilt from the files), and the
    new file read whole by the loader (`loaded`, None otherwise) and without an error, as a cold
    load requires: a warning of the checks (a task reported done before, now said in progress)
    no more keeps this register out of the cache than it keeps a register read cold."""
    from . import cache
    from .register import horizon

    before = register.keyed
    if before is None or loaded is None or not cache.enabled():
        return
    now = cache.keyed(root)
    if now is None:
        return
    written = path.relative_to(root).as_posix()
    moved = {relative for relative, _ in set(before.parts) ^ set(now.parts)}
    if not moved <= {written, *(p.as_posix() for p in Path(written).parents)}:
        return
    if not cache.still_racy_alike(before.racy, skip=os.path.realpath(path)):
        return  # a file changed lately when the register was read has other bytes now
    register.reports = sorted([r for r in register.reports if r.file != path] + [loaded], key=lambda r: r.file)
    register.keyed = now
    cache.store(root, now, register, horizon(today))


# --- locking and atomic replacement -------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside the file (dot-file: the loader ignores it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with exclusive(path.parent / f".{path.name}.lock"):
        yield


@dataclass
class Written:
    """What a write did: the file, its new text, and the change list (empty: nothing changed)."""

    path: Path
    text: str
    changes: list[str]


def write_change(root: Path, change: Change, today: date, register: Register, dry_run: bool = False) -> Written:
    """Merge the change into its progress file under the lock (or only show it, `dry_run`)."""
    path = progress_path(root, change.period, change.agency)
    # The same bound as reading: no write may land outside the register folder, whatever
    # symlink stands in the way (progress/ itself, a period folder, the file).
    if not path.resolve().is_relative_to(root.resolve()):
        raise RecordError(f"{path}: đường dẫn trỏ ra ngoài thư mục sổ đăng ký (liên kết tượng trưng); không ghi")
    # Refuse before touching the disk, so a change that cannot be written leaves no new
    # folder or lock file behind; then merge again under the lock, against what is there now.
    _, new, lines, _ = _merged(path, change, today, register)
    if dry_run:
        return Written(path, new, lines)
    created = [p for p in (path.parent.parent, path.parent) if not p.exists()]
    try:
        with locked(path):
            raw, new, lines, clean = _merged(path, change, today, register)
            if lines:
                atomic_write(path, in_form_of(raw, new))
                _keep_cached(root, path, clean, register, today)
    except OSError as exc:
        # A write that failed (a full disk, a read-only folder) leaves nothing behind: no new
        # period folder, no lock file; the old file, if any, is as it was.
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                (folder / f".{path.name}.lock").unlink(missing_ok=True)
                folder.rmdir()
        raise RecordError(f"không ghi được {path}: {os_reason(exc)}; tệp cũ (nếu có) giữ nguyên") from None
    return Written(path, new, lines)


def _merged(path: Path, change: Change, today: date,
            register: Register) -> tuple[bytes | None, str, list[str], LoadedProgress | None]:
    """(the file's bytes or None, the text with the change in it, the change list, the new file
    as the loader reads it when it gives not a single problem); RecordError if it may not be
    written: any error it would give under `qnctr validate`, found before it is written."""
    from ruamel.yaml.error import YAMLError

    raw = path.read_bytes() if path.exists() else None
    old = as_read(raw) if raw is not None else None
    try:
        new, lines = apply_change(old, change, today, schema_comment(path, register.home))
    except YAMLError as exc:
        raise RecordError(f"{path}: tệp hiện có không đọc được ({exc.__class__.__name__}); sửa bằng tay trước") from None
    loaded, problems = _read_new(new, path, register, today)
    if errors := [p for p in problems if p.severity == "error"]:
        raise RecordError("\n".join(p.text() for p in errors))
    return raw, new, lines, loaded


def describe(errors: Sequence[str]) -> str:
    return "\n".join(f"  - {e}" for e in errors)


# --- the write workflow of `record`, `observe` and `import` ---------------------------------------


def new_change(register: Register, today: date, agency: str, period: str, submitted: date | None = None,
               document: str | None = None) -> Change:
    """An empty change to the report of the agency named (id, name or alias) for a period."""
    from .context import period_of

    parsed = period_of(register, period)
    found = Directory(register.agencies).find(agency)
    return Change(found.id, parsed, submitted=submitted, document=document,
                  default_observed=parsed.default_observed(today), observed_caps=observed_caps(register, parsed))


def observed_caps(register: Register, period: Period) -> dict[str, date]:
    """The indicators whose target ends within the period's data window, with that last day:
    what a figure given for them without its day stands at."""
    caps = {}
    for target in register.targets.values():
        ends = target.due_on(period.cutoff_end).ends
        if ends is not None and period.cutoff_start <= ends < period.cutoff_end:
            caps.update({f"{target.id}.{ind.id}": ends for ind in target.indicators})
    return caps


def entry_given(id_key: str, item_id: str, given: dict[str, Any], clear: Sequence[str], allowed: tuple[str, ...],
                withdraw: bool) -> dict[str, Any]:
    """One entry as `record` or `observe` gives it: fields to set, `--clear` ones to remove, or,
    with `--withdraw` (and nothing else), the whole entry to take out of the report."""
    if withdraw:
        if clear or any(v is not None for v in given.values()):
            raise RecordError("--withdraw rút cả mục: không ghi kèm trường nào khác")
        return {id_key: item_id.strip(), WITHDRAW: True}
    return {id_key: item_id.strip(), **given, **removals(clear, allowed, given)}


def removals(clear: Sequence[str], allowed: tuple[str, ...], given: dict[str, Any]) -> dict[str, Any]:
    """`--clear FIELD` options as REMOVE marks; a field cleared and given a value is refused."""
    fields: dict[str, Any] = {}
    for name in clear:
        key = name.strip()
        if key not in allowed:
            choices = ", ".join(f"{k} ({FIELD_LABELS[k]})" for k in allowed)
            raise RecordError(f"--clear '{name}' không hợp lệ; chỉ xóa được: {choices}. Muốn rút cả mục "
                              "(tình trạng, số liệu) khỏi báo cáo: --withdraw")
        if given.get(key) is not None:
            raise RecordError(f"--clear {key} cùng với giá trị mới cho trường đó: chọn một")
        fields[key] = REMOVE
    return fields


def record_change(root: Path, change: Change, today: date, register: Register,
                  dry_run: bool = False) -> tuple[Written, list[str]]:
    """Check the change, then write it (or only show it); returns what was written and the
    warnings. Nothing is written when any entry has an error."""
    errors, warnings = check_change(register, change, today)
    if errors:
        raise RecordError("không ghi gì vì:\n" + describe(errors))
    return write_checked(root, change, today, register, dry_run), warnings


def write_checked(root: Path, change: Change, today: date, register: Register, dry_run: bool = False) -> Written:
    """write_change with its failures said as one message each."""
    try:
        return write_change(root, change, today, register, dry_run=dry_run)
    except RecordError as exc:
        raise RecordError(f"không ghi gì vì:\n{exc}") from None
    except OSError as exc:
        raise RecordError(f"không ghi được: {os_reason(exc)} ({exc.filename})") from None


def written_lines(written: Written, register: Register, change: Change, verb: str) -> list[str]:
    """Whose report, which file, and every field that changed (or that nothing did)."""
    whose = f"{register.agencies[change.agency].name}, {change.period.label}"
    if not written.changes:
        return [f"Không có gì thay đổi trong {written.path} ({whose})."]
    return [f"{verb} {written.path} ({whose}):", *(f"  {line}" for line in written.changes)]


@dataclass
class Outcome:
    """What a write says: each change (or that nothing changed), and the warnings."""

    lines: list[str]
    warnings: list[str]


def record_entries(root: Path, register: Register, today: date, agency: str, period: str, submitted: date | None,
                   document: str | None, tasks: Sequence[dict[str, Any]] = (),
                   observations: Sequence[dict[str, Any]] = (), force: bool = False,
                   confirm_doubts: bool = False) -> Outcome:
    """`qnctr record` / `observe`: the entries given, checked against the register and written
    into the agency's report for the period under the lock."""
    from .register import refuse_packaged

    refuse_packaged(root)
    change = new_change(register, today, agency, period, submitted, document)
    change.tasks += tasks
    change.observations += [_as_typed(register, entry) for entry in observations]
    change.force, change.confirm_doubts = force, confirm_doubts
    written, warnings = record_change(root, change, today, register)
    return Outcome(written_lines(written, register, change, "Đã ghi"), warnings)



def _as_typed(register: Register, entry: dict[str, Any]) -> dict[str, Any]:
    """The entry without the figure as typed, once its percent sign (if any) is known to fit the
    indicator's unit."""
    from .numbers import percent_for_unit

    entry = dict(entry)
    typed = entry.pop(TYPED, None)
    if isinstance(typed, str) and percent_for_unit(typed, None):  # given as a percent: is the indicator in %?
        found = register.indicator_ids().get(str(entry.get("indicator", "")))
        if found is not None and (wrong := percent_for_unit(typed, found[0].indicators[found[1]].unit)):
            raise RecordError(f"--value {wrong}")
    return entry


def withdraw_report(root: Path, register: Register, today: date, agency: str, period: str,
                    dry_run: bool = False) -> Outcome:
    """`qnctr withdraw`: take an agency's whole report for a period out of the register (one
    filed under the wrong agency or period), under the lock, saying everything it held so that
    it can be entered again where it belongs. The file is removed; its history stays in git."""
    from .register import refuse_packaged

    refuse_packaged(root)
    change = new_change(register, today, agency, period)
    path = progress_path(root, change.period, change.agency)
    whose = f"{register.agencies[change.agency].name}, {change.period.label}"
    if not path.is_file():
        raise RecordError(f"không có báo cáo của {whose} ({path}): không có gì để rút")
    with locked(path):
        raw = path.read_bytes()
        lines = _report_lines(raw, path)
        if not dry_run:
            try:
                path.unlink()
            except OSError as exc:
                raise RecordError(f"không xóa được {path}: {os_reason(exc)}; báo cáo giữ nguyên") from None
    verb = "(thử, không ghi) Sẽ rút" if dry_run else "Đã rút"
    return Outcome([f"{verb} báo cáo của {whose} ({path}); báo cáo ghi:", *(f"  {line}" for line in lines)], [])


def _report_lines(raw: bytes, path: Path) -> list[str]:
    """What a report file holds, a line for its head and one per entry."""
    try:
        data, _ = parse_text(decode(raw))
    except YamlProblem as p:
        raise RecordError(f"{path}:{p.line}: tệp báo cáo không đọc được ({p.message}); sửa hoặc xóa bằng tay") from None
    data = data if isinstance(data, dict) else {}
    head = "; ".join(f"{label} {shown(data[key])}" for key, label in (("submitted", "ngày gửi"),
                                                                     ("document", "số văn bản")) if key in data)
    lines = [head] if head else []
    for key, id_key in (("tasks", "task"), ("targets", "indicator")):
        for entry in data.get(key) or []:
            if isinstance(entry, dict):
                lines.append(f"{entry.get(id_key)}: {said_fields(entry, id_key)}")
    return lines
