"""Finding the register folder, and loading it checked: the one way every command gets a register."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from .days import today
from .diagnostics import Diagnostic
from .errors import INVALID, QnctrError
from .load import TASKS_FILE, Register

SHOWN_ERRORS = 20  # a broken register names this many errors, then points at `qnctr validate`


def packaged_data_dir() -> Path:
    """The register shipped in the wheel, or the checkout's data/ in an editable install."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "data"):
        if (candidate / TASKS_FILE).is_file():
            return candidate
    raise QnctrError("không tìm thấy sổ đăng ký đi kèm gói qnctr")


def packaged_root() -> Path:
    """Where a regular install keeps its copy of the register (never written to)."""
    return Path(__file__).resolve().parent / "_data"


def data_dir(option: Path | None, cwd: Path | None = None) -> tuple[Path, str | None]:
    """--data → $QNCTR_DATA → ./data (when it holds tasks.yaml) → the packaged register, with
    what to say when it came to that last one: an analyst in the wrong folder must not take its
    figures for those of the register they keep."""
    found = find_register(option, cwd)
    if found is not None:
        return found, None
    root = packaged_data_dir()
    return root, (f"không có sổ đăng ký ở thư mục này (./data/tasks.yaml) và chưa chỉ --data hay QNCTR_DATA; "
                  f"đang dùng sổ đi kèm gói qnctr ({root})")


def find_register(option: Path | None, cwd: Path | None = None) -> Path | None:
    """The register the user named or stands in (--data, $QNCTR_DATA, ./data); None when there
    is none and only the packaged copy is left."""
    if option is not None:
        return _existing_dir(option, "--data")
    env = os.environ.get("QNCTR_DATA")
    if env:
        return _existing_dir(Path(env), "QNCTR_DATA")
    local = (cwd or Path.cwd()) / "data"
    if (local / TASKS_FILE).is_file():
        return local
    return None


def register_of(files: list[Path]) -> list[Path]:
    """The register folders the given files belong to (what pre-commit passes): for each file,
    the nearest folder above it that holds tasks.yaml; files of no register are passed over."""
    roots: list[Path] = []
    for file in files:
        for folder in file.absolute().parents:
            if (folder / TASKS_FILE).is_file():
                if folder not in roots:
                    roots.append(folder)
                break
    return roots


def _existing_dir(path: Path, source: str) -> Path:
    if not path.is_dir():
        raise QnctrError(f"{source}: không có thư mục '{path}'")
    return path


def refuse_packaged(root: Path) -> None:
    """A write never goes to the copy of the register inside the installed package."""
    if root.resolve() == packaged_root().resolve():
        raise QnctrError(
            "đây là sổ đăng ký đi kèm gói cài đặt; hãy ghi vào sổ của bạn: --data THƯ_MỤC hoặc chạy "
            "trong thư mục có data/tasks.yaml"
        )


def horizon(as_of: date) -> date:
    """The last day the register may speak of: today, or a later --as-of (a look ahead).
    What was sent between --as-of and this day is in the register but not yet known on
    --as-of: the queries leave it out (queries.Context), nothing refuses it."""
    return max(as_of, today())


def load_checked(root: Path, as_of: date, cached: bool = False) -> Register:
    """Load and check; a register with errors is not queried (exit 1, its first errors said).
    `cached`: read-only commands may take the register from the cache (cache.py), which holds
    only registers that passed every check, with the day they passed on. Every check that looks
    at the day refuses a date after it, so a register that passed on one day passes on any later
    one; asked about an earlier day, the files are read and checked again."""
    from . import cache

    day = horizon(as_of)
    use_cache = cached and cache.enabled()
    entry = cache.load(root) if use_cache else cache.Entry("")
    if entry.register is not None and entry.clean_to is not None and entry.clean_to <= day:
        return entry.register

    from .checks import check_register, one_error_per_place
    from .load import load_register

    register, diagnostics = load_register(root)
    read_whole = not diagnostics
    diagnostics = one_error_per_place(diagnostics + check_register(register, day))
    errors = [d for d in diagnostics if d.severity == "error"]
    if use_cache and read_whole and not errors and cache.key(root) == entry.key:
        cache.store(root, entry.key, register, day)  # only what was read whole, checked, unchanged while read
    if errors:
        more = f" (và {len(errors) - SHOWN_ERRORS} lỗi khác)" if len(errors) > SHOWN_ERRORS else ""
        head = f"sổ đăng ký có {len(errors)} lỗi{more}; chạy 'qnctr validate' để xem đủ:"
        raise QnctrError("\n".join([head, *(d.text() for d in errors[:SHOWN_ERRORS])]), INVALID)
    return register


def validate_registers(files: list[Path], data: Path | None, as_of: date) -> list[Diagnostic]:
    """What `qnctr validate` finds: in the registers the given files belong to (a pre-commit
    hook passes the committed files), else in the one named or stood in; never in the copy
    shipped in the package unless it is named. Warnings the register acknowledges carry their
    reason (known-warnings.yaml)."""
    from .checks import acknowledged, validate

    if files:
        roots = register_of(files)
        if not roots:
            raise QnctrError("không có tệp nào thuộc một sổ đăng ký (thư mục có tasks.yaml); không kiểm tra gì", 0)
    else:
        root = find_register(data)
        if root is None:
            raise QnctrError("không có sổ đăng ký để kiểm tra ở thư mục này (./data/tasks.yaml), và chưa chỉ --data "
                             "hay QNCTR_DATA; validate không tự kiểm tra sổ đi kèm gói. Chỉ rõ: qnctr validate --data "
                             "THƯ_MỤC")
        roots = [root]
    found: list[Diagnostic] = []
    for root in roots:
        found += acknowledged(root, validate(root, as_of)[1])
    return found
