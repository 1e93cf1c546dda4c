"""The register's files, parsed, kept between runs: a repeated query on an unchanged register
skips YAML parsing (two thirds of loading a large register).

What is kept is the plain data each YAML file parses to, as JSON (a data format: loading it
runs nothing); every run still builds the models from it and checks them, the same code as
without the cache. An entry is used only when its key matches, and the key covers everything
the data could depend on:

- the register folder's real path; every file and folder the loader could read (the three
  register files, progress/ and its period folders): names, kinds, real paths (a symlink
  retargeted), sizes, modification times and a SHA-256 of each file's bytes (an edit that
  puts the old mtime back);
- qnctr's version and a digest of its own source; Python's, PyYAML's and pydantic's versions.

Only a register that loaded without a single problem is kept. Entries live in the user's
cache folder ($XDG_CACHE_HOME/qnctr or ~/.cache/qnctr, mode 0700), one per register folder,
written atomically; an entry that is unreadable, corrupt, not the user's or writable by
others is ignored (and replaced). Entries unused for 30 days are removed. `QNCTR_CACHE=0`
or `qnctr --no-cache` turns it off; `validate` and the commands that write never use it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

FORMAT = 2  # 2: the entry says up to which day its files passed the checks
KEEP_DAYS = 30
_DATE = "\x00date"  # no key of a register can hold a NUL: the reader refuses control characters
_REGISTER_FILES = ("agencies.yaml", "tasks.yaml", "targets.yaml")


def enabled() -> bool:
    return os.environ.get("QNCTR_CACHE", "1") != "0"


def folder() -> Path | None:
    """The user's cache folder for qnctr, made 0700 if new; None when it is not safely ours."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        path = Path(base) / "qnctr"
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found (a service account)
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return path


@functools.cache
def _software() -> str:
    """qnctr's version and source, and the versions of what parses and validates."""
    import pydantic
    import yaml

    from . import __version__

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes() + b"\0")
    return f"{FORMAT}|{__version__}|{digest.hexdigest()}|{sys.version}|{yaml.__version__}|{pydantic.VERSION}"


def _describe(path: Path, root: Path, into: Any) -> None:
    """One entry of the register folder, as the key sees it; a folder with its entries."""
    info = path.lstat()
    real = os.path.realpath(path)
    into.update(f"{path.relative_to(root)}\0{real}\0".encode())
    if stat.S_ISLNK(info.st_mode):
        with contextlib.suppress(OSError):
            info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        into.update(b"d\0")
        for child in sorted(path.iterdir()):
            if not child.name.startswith("."):  # the loader never reads dot-files (locks, keys)
                _describe(child, root, into)
    elif stat.S_ISREG(info.st_mode):
        into.update(f"f\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        into.update(hashlib.sha256(path.read_bytes()).digest())
    else:
        into.update(f"o\0{info.st_mode}\0".encode())


def key(root: Path) -> str | None:
    """The key of the register as it is on disk now; None when it cannot be read whole."""
    digest = hashlib.sha256(_software().encode())
    real_root = Path(os.path.realpath(root))
    digest.update(str(real_root).encode() + b"\0")
    try:
        for name in (*_REGISTER_FILES, "progress"):
            if (root / name).exists() or (root / name).is_symlink():
                _describe(root / name, root, digest)
    except (OSError, RuntimeError, ValueError):
        return None
    return digest.hexdigest()


def _entry(root: Path, where: Path) -> Path:
    return where / (hashlib.sha256(os.path.realpath(root).encode()).hexdigest()[:32] + ".json")


def _decoded(value: dict[str, Any]) -> Any:
    if len(value) == 1 and _DATE in value:
        return date.fromisoformat(value[_DATE])
    return value


def _encoded(value: Any) -> Any:
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    raise TypeError(type(value).__name__)


def _plain_keys(value: Any) -> bool:
    """Only data whose every mapping key is a string round-trips through JSON unchanged."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(type(k) is str for k in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


@dataclass(frozen=True, slots=True)
class Entry:
    """What a run finds: the register's key now, and on a hit its files' data (by path relative
    to the folder) and the day up to which those files passed every check."""

    key: str
    files: dict[str, Any] | None = None
    clean_to: date | None = None


def load(root: Path) -> Entry:
    """The register's entry; `files` None on a miss."""
    current = key(root)
    where = folder()
    if current is None or where is None:
        return Entry(current or "")
    path = _entry(root, where)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return Entry(current)
    try:
        info = os.fstat(fd)
        if info.st_uid != os.getuid() or info.st_mode & 0o022 or not stat.S_ISREG(info.st_mode):
            return Entry(current)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            entry = json.loads(f.read(), object_hook=_decoded)
    except (OSError, ValueError, RecursionError):
        return Entry(current)
    finally:
        if fd >= 0:
            os.close(fd)
    if not isinstance(entry, dict) or entry.get("key") != current or not isinstance(entry.get("files"), dict):
        return Entry(current)
    with contextlib.suppress(OSError):
        os.utime(path)  # used: kept from pruning
    clean_to = entry.get("clean_to")
    return Entry(current, entry["files"], clean_to if isinstance(clean_to, date) else None)


def store(root: Path, current: str, files: dict[str, Any], clean_to: date) -> None:
    """Keep the parsed files under the key they were read with, and the day up to which they
    passed every check; any failure only means no cache."""
    from .atomic import atomic_write

    where = folder()
    if where is None or not current or not _plain_keys(files):
        return
    try:
        text = json.dumps({"format": FORMAT, "key": current, "clean_to": clean_to, "files": files},
                          ensure_ascii=False, default=_encoded, separators=(",", ":"))
        old_umask = os.umask(0o077)
        try:
            atomic_write(_entry(root, where), text.encode("utf-8"))
        finally:
            os.umask(old_umask)
        _prune(where)
    except (OSError, TypeError, ValueError, RecursionError):
        return


def _prune(where: Path) -> None:
    limit = time.time() - KEEP_DAYS * 86400
    for old in where.glob("*.json"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < limit:
                old.unlink()
