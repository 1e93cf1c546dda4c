"""The register, validated and checked, kept between runs: a repeated query on an unchanged
register neither parses YAML nor validates (nor imports pydantic, which only validation needs).

What is kept is every record of a register that loaded without a single problem, as JSON (a
data format: loading it runs nothing), each record's fields by name; it is read back into the
same record classes by their annotations (`_builder`), without validating again: what was
stored had passed validation and every check. An entry is used only when its key matches, and
the key covers everything the data could depend on:

- the register folder's real path; every file and folder the loader could read (the register
  files, progress/ and its period folders, and for one programme of many the directory of
  agencies): names, kinds, real paths (a symlink retargeted), and each file's size, inode,
  modification and change times (an edit that puts the old mtime back still changes the
  change time, which no user can set), as git's index keys a work tree; and beside the key, the
  SHA-256 of each file changed in the last RACY_S seconds, which must still match, since a
  second write within the same clock tick could leave every time as it was (git's "racily
  clean" files); once such files are no longer recent, a run that finds their bytes unchanged
  drops them from the entry (_forget_aged), and their times alone key them from then on;
- qnctr's version and its own source files (paths, sizes, inodes, times); Python's version;
  where PyYAML, pydantic and pydantic-core are installed, with their files' sizes and times (an
  upgrade rewrites them).

Only a register that loaded without a single problem and passed every check is kept, with the
day it passed them on (a check refuses only dates after the day it is run for: such a register
passes on any later day). Entries live in the user's cache folder ($XDG_CACHE_HOME/qnctr or
~/.cache/qnctr, mode 0700), one per register folder, written atomically; an entry that is
unreadable, corrupt, not the user's, writable by others, not a regular file or over 512 MiB is
ignored (and replaced), opened without blocking. Entries unused for 30 days are removed, and
temporary files of writes killed midway after an hour. `QNCTR_CACHE=0` or `qnctr --no-cache` turns it off; `validate`
never uses it.

A question about one agency (status, overdue, upcoming, targets with --agency) builds from
the entry only what can concern that agency (_narrowed): the tasks and targets listing it, its
kin by succession or a group holding one of them, and their entries in the reports, every
report's header kept. It answers exactly as the whole register would (tests/test_cache.py asks
every agency of the test registers both ways); such a register is never stored.

A command that writes a progress report (record, observe, import; and form, which reads) takes
the register from the cache when the entry is current, exactly as a question does, then reads
and checks its own file anew under the lock as always. After writing it keeps the register as
it now is (record._keep_cached): the register it read with the written report read anew,
validated and checked as validate checks a report, stored under the key of the files after
the write, but only when every other file is as it was when the register was read, so that a
change another writer made in between is never hidden behind the entry.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import importlib
import json
import operator
import os
import stat
import sys
import time
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .records import record

if TYPE_CHECKING:
    from .load import Register

MAX_ENTRY_BYTES = 512 * 2**20  # a 100k-task register's entry is ~70 MB; larger is not one of ours
RACY_S = 3  # a file changed this recently may change again unseen by its times: its bytes are keyed
STALE_WRITE_S = 3600  # a temporary file this old is a write that was killed, never one under way
FORMAT = 7  # 3: the validated records, no longer the files' parsed data; 4: files ignored; 5: explanations; 6: racy;
# 7: a line for each task and each report's entry
KEEP_DAYS = 30
TOUCHED_S = 86400  # an entry read is marked as used at most once a day (pruning counts in days)
_REGISTER_FILES = ("agencies.yaml", "tasks.yaml", "targets.yaml", "explanations.yaml")
_LIBRARIES = ("yaml", "pydantic", "pydantic_core")  # what reads and validates the files


class _Digest(typing.Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


def _builtin_sha256() -> Callable[..., _Digest]:
    """The interpreter's own SHA-256 (`_sha256` up to Python 3.11, `_sha2` since): hashlib
    loads OpenSSL before it, 2 ms of a warm query that hashes a few hundred bytes. hashlib's
    when the interpreter was built without it."""
    for name in ("_sha2", "_sha256"):
        with contextlib.suppress(ImportError):
            found: Callable[..., _Digest] = importlib.import_module(name).sha256
            return found
    import hashlib

    return hashlib.sha256


sha256 = _builtin_sha256()


def enabled() -> bool:
    return os.environ.get("QNCTR_CACHE", "1") != "0"


def folder() -> Path | None:
    """The user's cache folder for qnctr, made 0700 if new; None when it is not safely ours, or
    where the system cannot say whose a file is (no user ids, as on Windows): no cache there.

    $XDG_CACHE_HOME counts only when absolute (the XDG specification: a relative one, such as an
    unexpanded '~/.cache', is ignored), else ~/.cache. Nothing is created, written or removed in
    a folder the user does not own: root running with another user's HOME gets no cache."""
    if not hasattr(os, "getuid"):
        return None
    uid = os.getuid()
    try:
        env = os.environ.get("XDG_CACHE_HOME", "")
        base = Path(env) if os.path.isabs(env) else Path.home() / ".cache"
        path = base / "qnctr"
        existing = next(p for p in (path, *path.parents) if p.exists() or p.is_symlink())
        if existing.stat().st_uid != uid:
            return None
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except (OSError, RuntimeError, StopIteration):  # RuntimeError: no home folder to be found (a service account)
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & 0o022:
        return None
    return path


@functools.cache
def _software() -> str:
    """qnctr's version and source, and which installed libraries read and validated the files
    (found without importing them: a warm run needs neither pydantic nor PyYAML)."""
    from importlib.util import find_spec

    from . import __version__

    digest = sha256()
    for name, info in _sources(os.path.dirname(os.path.realpath(__file__)), ""):
        # Its files as the register's are keyed (an edit changes the change time, which nobody
        # can set back), not their bytes: reading 60 files on every query took longer than the query.
        digest.update(f"{name}\0{info.st_size}\0{info.st_ino}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0".encode())
    for name in _LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            digest.update(f"{name}\0none\0".encode())
            continue
        with os.scandir(os.path.dirname(origin)) as listing:  # its modules, and a compiled core
            found = sorted(listing, key=lambda e: e.name)
        for entry in found:
            info = entry.stat()
            if stat.S_ISREG(info.st_mode):
                digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return f"{FORMAT}|{__version__}|{digest.hexdigest()}|{sys.version}"


def _sources(folder: str, relative: str) -> list[tuple[str, os.stat_result]]:
    """qnctr's own .py files below `folder`, by their path in the package, with what stat says."""
    found = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                found += _sources(entry.path, f"{relative}{entry.name}/")
            elif entry.name.endswith(".py"):
                found.append((relative + entry.name, entry.stat()))
    return found


Parts = list[tuple[str, str]]  # each file and folder the key looked at: (its path in the register, what it saw)


@record
class Keyed:
    """The register's files as the key sees them: `key`, a digest of every file's and folder's
    name, kind, real path, size, inode, mtime and change time; `parts`, what it saw of each;
    `racy`, the SHA-256 of each file changed in the last RACY_S seconds (by its real path), whose
    times a second write within the same clock tick could leave as they were. An entry is used
    only when the key is the same and each of its racy files still has the bytes it had."""

    key: str
    parts: Parts
    racy: dict[str, str]


def _sha256(path: str) -> str:
    with open(path, "rb") as f:
        return sha256(f.read()).hexdigest()


def _describe(path: str, relative: str, real: str, into: Parts, racy: dict[str, str], now: float,
              info: os.stat_result | None = None) -> None:
    """One entry of the register folder, as the key sees it (`real`: its real path, were it not
    a symlink; `info`: what lstat says, when its folder's listing said it); a folder with its
    entries. Paths are plain strings: a register of fifty programmes has thousands of files,
    keyed on every query."""
    if info is None:
        info = os.lstat(path)
    linked = stat.S_ISLNK(info.st_mode)
    if linked:
        real = os.path.realpath(path)
    seen = f"{relative}\0{real}\0"
    if linked:
        with contextlib.suppress(OSError):
            info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        into.append((relative, seen + "d\0"))
        with os.scandir(path) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")),  # the loader never reads dot-files
                             key=lambda e: e.name)
        below = real.rstrip("/") + "/"  # below a resolved folder, only a symlink's real path needs resolving
        for e in entries:
            _describe(e.path, f"{relative}/{e.name}", below + e.name, into, racy, now, e.stat(follow_symlinks=False))
    elif stat.S_ISREG(info.st_mode):
        into.append((relative, seen + f"f\0{info.st_size}\0{info.st_ino}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0"))
        if not (info.st_mtime < now - RACY_S and info.st_ctime < now - RACY_S):  # recent, or dated ahead
            racy[real] = _sha256(path)
    else:
        into.append((relative, seen + f"o\0{info.st_mode}\0"))


def keyed(root: Path) -> Keyed | None:
    """The key, what it was made of file by file, and the bytes of the files changed lately."""
    digest = sha256(_software().encode())
    real_root = os.path.realpath(root)
    digest.update(real_root.encode() + b"\0")
    from .load import AGENCIES_FILE, home_of

    home = home_of(root)
    now = time.time()
    parts: Parts = []
    racy: dict[str, str] = {}
    try:
        for name in (*_REGISTER_FILES, "progress"):
            path = os.path.join(root, name)
            try:
                info = os.lstat(path)  # there, or a symlink to nowhere (one stat: fifty programmes key 300 of these)
            except (FileNotFoundError, NotADirectoryError):
                continue
            _describe(path, name, os.path.join(real_root, name), parts, racy, now, info)
        if home != root:  # one programme of many: the register's directory of agencies too
            real_home = os.path.realpath(home)
            parts.append(("", f"home\0{real_home}\0"))
            _describe(str(home / AGENCIES_FILE), AGENCIES_FILE, os.path.join(real_home, AGENCIES_FILE), parts, racy, now)
        digest.update("".join(seen for _, seen in parts).encode("utf-8", "surrogateescape"))
    except (OSError, RuntimeError, ValueError):
        return None
    return Keyed(digest.hexdigest(), parts, racy)


def still_racy_alike(racy: dict[str, str], skip: str = "") -> bool:
    """Whether each file changed lately when these hashes were taken still has those bytes."""
    try:
        return all(_sha256(real) == digest for real, digest in racy.items() if real != skip)
    except OSError:
        return False


def _entry(root: Path, where: Path) -> Path:
    return where / (sha256(os.path.realpath(root).encode()).hexdigest()[:32] + ".json")


@record
class Entry:
    """What a run finds: the register's key now, and on a hit the register and the day up to
    which it passed every check."""

    key: str
    register: Register | None = None
    clean_to: date | None = None
    keyed: Keyed | None = None


def load(root: Path, focus: str | None = None) -> Entry:
    """The register's entry; `register` None on a miss. `focus`: an agency as a user names it;
    when it names one, only what can concern that agency is built (_narrowed)."""
    found = keyed(root)
    current = found.key if found is not None else ""
    where = folder()
    if found is None or where is None:
        return Entry(current, keyed=found)
    path = _entry(root, where)
    try:  # without blocking: a FIFO put in the entry's place must not hang every query
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return Entry(current, keyed=found)
    try:
        info = os.fstat(fd)
        if (info.st_uid != os.getuid() or info.st_mode & 0o022 or not stat.S_ISREG(info.st_mode)
                or info.st_size > MAX_ENTRY_BYTES):
            return Entry(current, keyed=found)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            raw = f.read()
        entry, body = _head(raw)
        if not isinstance(entry, dict) or entry.get("key") != current or not still_racy_alike(entry["racy"]):
            return Entry(current, keyed=found)
        if not entry["racy"].keys() <= found.racy.keys():
            _forget_aged(path, entry, found.racy, body)
        clean_to = date.fromisoformat(entry["clean_to"])
        register = _register(root, entry["register"], body, focus)
    except Exception:  # anything wrong with an entry (hand-edited, an older shape) means a miss
        return Entry(current, keyed=found)
    finally:
        if fd >= 0:
            os.close(fd)
    if info.st_mtime < time.time() - TOUCHED_S:
        with contextlib.suppress(OSError):
            os.utime(path)  # used: kept from pruning
    return Entry(current, register, clean_to, found)


def store(root: Path, current: Keyed, register: Register, clean_to: date) -> None:
    """Keep the register under the key its files were read with (and the bytes of those changed
    lately), and the day up to which it passed every check; any failure only means no cache."""
    where = folder()
    if where is None or not current.key or register.focus is not None:
        return
    try:
        _write(_entry(root, where), _text({"format": FORMAT, "key": current.key, "racy": current.racy,
                                           "clean_to": clean_to.isoformat()}, register))
        _prune(where)
    except (OSError, TypeError, ValueError, RecursionError):
        return


def _write(path: Path, text: bytes) -> None:
    from .atomic import atomic_write

    old_umask = os.umask(0o077)
    try:
        atomic_write(path, text)
    finally:
        os.umask(old_umask)


def _forget_aged(path: Path, entry: dict[str, Any], recent: dict[str, str], body: bytes) -> None:
    """The entry without the bytes of the files that were recent when it was stored and are no
    longer (their bytes are still those, checked just now). A later write changes a file's change
    time past these, so its times alone say so, and the entry need not read the file on every
    run: a register copied or cloned and asked at once had every file racy, and a warm query on
    fifty programmes read all 3,700 of them, every time (twice the query)."""
    aged = {**entry, "racy": {real: digest for real, digest in entry["racy"].items() if real in recent}}
    with contextlib.suppress(OSError, TypeError, ValueError, RecursionError):
        _write(path, _dumps(aged) + b"\n" + body)


# --- records ⇄ JSON, by the record classes' annotations ----------------------------------------


# An entry is a line of JSON, its head (the key, and the register but for its tasks and the
# reports' entries on tasks), then a line for each task and then for each report's entries on
# tasks, in order: a question about one agency decodes only the lines that concern it (a tenth
# of a fifty-programme register's, a few hundredths of a 10k one's), the rest stays bytes. The
# head lists each task's id with the agencies it names, and each report's entries' tasks.


def _dumps(value: Any) -> bytes:
    return _encoder().encode(value).encode("utf-8")


@functools.cache
def _encoder() -> json.JSONEncoder:
    return json.JSONEncoder(ensure_ascii=False, default=_plain, separators=(",", ":"),
                            check_circular=False)  # records are trees (a cycle would end in RecursionError)


def _text(fields: dict[str, Any], register: Register) -> bytes:
    """The entry for the register, with the head's other `fields`."""
    tasks = list(register.tasks.values())
    reports, entries = [], []
    for loaded in register.reports:
        head = _plain(loaded.report)
        on_tasks = head.pop("tasks", [])
        reports.append({"file": loaded.file.relative_to(register.root).as_posix(), "report": head,
                        "entries": [e.task for e in on_tasks]})
        entries += on_tasks
    plain = {
        "programme": register.programme,
        "agencies": list(register.agencies.values()),
        "groups": [{"id": g.id, "title": g.title, "tasks": g.task_ids} for g in register.groups],
        "tasks": [[t.id, *t.lead, *t.support] for t in tasks],
        "targets": list(register.targets.values()),
        "explanations": register.explanations,
        "reports": reports,
        "loaded": sorted(register.loaded),
        "ignored": register.ignored,
    }
    return b"\n".join([_dumps({**fields, "register": plain}), *map(_dumps, tasks), *map(_dumps, entries)])


def _head(raw: bytes) -> tuple[Any, bytes]:
    """An entry's head, decoded, and the lines after it, as bytes."""
    end = raw.find(b"\n")
    return (json.loads(raw), b"") if end < 0 else (json.loads(raw[:end]), raw[end + 1:])


def _lines(body: bytes, wanted: list[int] | None, total: int) -> list[Any]:
    """The body's lines numbered `wanted` (every line when None), decoded at once; ValueError
    unless the body has `total` lines."""
    if not body:
        if total:
            raise ValueError("an entry without its lines")
        return []
    if wanted is None:
        every: list[Any] = json.loads(b"[" + body.replace(b"\n", b",") + b"]")
        if len(every) != total:
            raise ValueError("an entry with a line more or less than its head lists")
        return every
    lines = body.split(b"\n")
    if len(lines) != total:
        raise ValueError("an entry with a line more or less than its head lists")
    some: list[Any] = json.loads(b"[" + b",".join([lines[i] for i in wanted]) + b"]")
    return some


def _register(root: Path, data: dict[str, Any], body: bytes, focus: str | None = None) -> Register:
    """The register as stored; every record built from its fields, without validating again
    (with a `focus`, only those that can concern that agency: _narrowed)."""
    from .load import GroupInfo, Register, StoredProgress, display_path, home_of, kept_for_good
    from .model import Agency, Explanation, Programme, ProgressReport, Target, Task

    with kept_for_good():
        register = Register(root=root, home=home_of(root), loaded=set(data["loaded"]), ignored=data["ignored"])
        if data["programme"] is not None:
            register.programme = _builder(Programme)(data["programme"])
        build_agency, build_task, build_target = _builder(Agency), _builder(Task), _builder(Target)
        register.agencies = _shared_agencies(data["agencies"], build_agency)
        kept = None if focus is None else _narrowed(data, register.agencies, focus)
        register.focus = None if kept is None else kept[0]
        tasks, entries = _kept_lines(data, body, None if kept is None else kept[1])
        for group in data["groups"]:
            register.groups.append(GroupInfo(group["id"], group["title"], group["tasks"]))
            register.task_group.update(dict.fromkeys(group["tasks"], group["id"]))
        register.tasks = {t.id: t for t in map(build_task, tasks)}
        register.targets = {t.id: t for t in map(build_target, data["targets"])}
        register.explanations = list(map(_builder(Explanation), data["explanations"]))
        build_report = _builder(ProgressReport)
        shown = display_path(root)
        cwd_inside = Path.cwd().is_relative_to(root.absolute())  # then a report may show relative to cwd
        for item, on_tasks in zip(data["reports"], entries, strict=True):
            if on_tasks:
                item["report"]["tasks"] = on_tasks
            register.reports.append(StoredProgress(build_report(item["report"]), root, item["file"],
                                                   None if cwd_inside else shown))
    return register


def _kept_lines(data: dict[str, Any], body: bytes, tasks: set[str] | None) -> tuple[list[Any], list[list[Any]]]:
    """The tasks and each report's entries on tasks, decoded from the body: every one, or only
    those on the `tasks` named. Each line decoded must be the one the head lists there (its
    task's id), and the body must have as many lines as the head lists: an entry cut or spliced
    at a line break is a miss (ValueError), never a register short of a task or an entry."""
    named = [task for task, *_ in data["tasks"]]
    task_lines = [i for i, task in enumerate(named) if tasks is None or task in tasks]
    entry_lines: list[int] = []  # the lines to decode, when not every one
    shares, on = [], []  # how many of each report's entries are kept; the tasks they are on
    line = len(named)
    for item in data["reports"]:
        kept = [i for i, task in enumerate(item["entries"]) if tasks is None or task in tasks]
        if tasks is not None:
            entry_lines += [line + i for i in kept]
        on += [item["entries"][i] for i in kept]
        shares.append(len(kept))
        line += len(item["entries"])
    decoded = _lines(body, None if tasks is None else task_lines + entry_lines, line)
    found, entries = decoded[:len(task_lines)], decoded[len(task_lines):]
    if [t.get("id") for t in found] != [named[i] for i in task_lines] or [e.get("task") for e in entries] != on:
        raise ValueError("an entry's lines are not those its head lists")
    return found, _runs(entries, shares)


def _runs(decoded: list[Any], shares: list[int]) -> list[list[Any]]:
    """The lines in runs of each of these lengths, in order."""
    runs, start = [], 0
    for n in shares:
        runs.append(decoded[start:start + n])
        start += n
    return runs


def _narrowed(data: dict[str, Any], agencies: dict[str, Any], focus: str) -> tuple[str, set[str]] | None:
    """Leave in the stored register only what a question about the agency `focus` names can
    look at: the tasks and targets listing an id that concerns it (Directory.concerning), and
    of each report its entries on those tasks and figures of those targets (the report itself,
    who sent it for which period and when, stays: whether a report came never depends on
    what it says). The agency's id and the ids of the tasks kept, or None (nothing left out)
    when `focus` names no agency."""
    from .agencies import AgencyQueryError, Directory

    directory = Directory.of(agencies)
    try:
        agency = directory.find(focus)
    except AgencyQueryError:
        return None  # the question's own error, said by the command as ever
    wanted = directory.concerning(agency.id)

    def concerns(item: dict[str, Any]) -> bool:
        return not (wanted.isdisjoint(item.get("lead", ())) and wanted.isdisjoint(item.get("support", ())))

    tasks = {task for task, *named in data["tasks"] if not wanted.isdisjoint(named)}
    data["targets"] = [t for t in data["targets"] if concerns(t)]
    indicators = {f"{t['id']}.{i['id']}" for t in data["targets"] for i in t["indicators"]}
    for item in data["reports"]:
        report = item["report"]
        if "targets" in report:
            report["targets"] = [o for o in report["targets"] if o["indicator"] in indicators]
    return str(agency.id), tasks


_AGENCIES: list[tuple[list[Any], dict[str, Any]]] = []  # the directory last built, and what it was built from


def _shared_agencies(stored: list[Any], build: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    """The directory of agencies: the programmes of one register store the same one, and a
    question across fifty of them builds it once (one object, so each context's Directory
    and its answers are shared too)."""
    for seen, built in _AGENCIES:
        if seen == stored:
            return built
    raw = json.loads(json.dumps(stored))  # kept as read: building consumes the dicts it is given
    built = {a.id: a for a in map(build, stored)}
    _AGENCIES[:] = [(raw, built)]
    return built


def _plain(value: Any) -> Any:
    """A record as its fields by name (those left at their default are left out), a date as text."""
    if isinstance(value, date):
        return value.isoformat()
    names, values, defaults = _fields_of(value.__class__)
    return {n: v for n, v, d in zip(names, values(value), defaults, strict=True) if v is not d and v != d}


_REQUIRED = object()


@functools.cache
def _fields_of(kind: Any) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]], tuple[Any, ...]]:
    """A record class's field names, a getter of all their values at once, and their defaults
    (_REQUIRED when there is none)."""
    if not dataclasses.is_dataclass(kind):
        raise TypeError(kind.__name__)
    fields = dataclasses.fields(kind)
    names = tuple(f.name for f in fields)
    defaults = tuple(f.default if f.default is not dataclasses.MISSING
                     else f.default_factory() if f.default_factory is not dataclasses.MISSING
                     else _REQUIRED for f in fields)
    getter = operator.attrgetter(*names)
    return names, (getter if len(names) > 1 else lambda record: (getter(record),)), defaults


@functools.cache
def _builder(kind: Any) -> Callable[[dict[str, Any]], Any]:
    """Builds a record of `kind` from its stored fields: what JSON cannot say (a date, a nested
    record, an enum member) is converted as the field's annotation says."""
    steps = [(name, step) for name in _fields_of(kind)[0] if (step := _step(_hint(kind, name))) is not None]

    def build(fields: dict[str, Any]) -> Any:
        for name, step in steps:
            value = fields.get(name)
            if value is not None:
                fields[name] = step(value)
        return kind(**fields)

    return build


def _hint(kind: type, name: str) -> Any:
    """A field's annotation as a type, evaluated where the class that declares it was written
    (what typing.get_type_hints does for every field at once, several times slower: a warm
    query builds its readers anew in every process)."""
    owner = next(c for c in kind.__mro__ if name in vars(c).get("__annotations__", {}))
    written = vars(owner)["__annotations__"][name]
    return _evaluated(written, owner.__module__) if isinstance(written, str) else written


@functools.cache
def _evaluated(annotation: str, module: str) -> Any:
    return eval(annotation, vars(sys.modules[module]))  # qnctr's own annotations, as typing evaluates them


def _step(hint: Any) -> Callable[[Any], Any] | None:
    """How a stored value becomes the annotated one; None when JSON already gives it."""
    if typing.get_origin(hint) is typing.Annotated:  # the rules validation reads; the type is inside
        return _step(typing.get_args(hint)[0])
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _builder(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        item = _step(args[0])
        return None if item is None else (lambda values: [item(v) for v in values])
    if origin in (typing.Union, types.UnionType):
        steps = {step for a in args if a is not type(None) and (step := _step(a)) is not None}
        if len(steps) > 1:
            raise TypeError(f"no single way to read {hint}")
        return steps.pop() if steps else None
    if hint in (str, int, float, bool) or origin is typing.Literal:
        return None  # as JSON gives them back
    # Anything else (a mapping of dates, a tuple, a set) JSON would give back as something else:
    # refused here, where a new kind of field shows up, rather than read back wrong.
    raise TypeError(f"the cache cannot keep a field of type {hint}")


def _prune(where: Path) -> None:
    """Remove the user's entries unused for KEEP_DAYS, and what writes killed midway left."""
    now = time.time()
    for pattern, age in (("*.json", KEEP_DAYS * 86400), (".*.json.*.tmp", STALE_WRITE_S)):
        for old in where.glob(pattern):
            with contextlib.suppress(OSError):
                info = old.lstat()
                if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and info.st_mtime < now - age:
                    old.unlink()
