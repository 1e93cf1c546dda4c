"""Finding the register folder, and loading it checked: the one way every command gets a register."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from .days import today
from .diagnostics import Diagnostic
from .errors import INVALID, QnctrError
from .load import PROGRAMMES_DIR, TASKS_FILE, Register, only_programme, programme_folders

SHOWN_ERRORS = 20  # a broken register names this many errors, then points at `qnctr validate`


def packaged_data_dir() -> Path:
    """The register shipped in the wheel, or the checkout's data/ in an editable install."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "data"):
        if (candidate / TASKS_FILE).is_file() or (candidate / PROGRAMMES_DIR).is_dir():
            return candidate
    raise QnctrError("không tìm thấy sổ đăng ký đi kèm gói qnctr")


def packaged_root() -> Path:
    """Where a regular install keeps its copy of the register (never written to)."""
    return Path(__file__).resolve().parent / "_data"


def data_dir(option: Path | None, cwd: Path | None = None) -> tuple[Path, str | None]:
    """--data → $QNCTR_DATA → ./data (when it holds programmes/ or tasks.yaml) → the packaged register, with
    what to say when it came to that last one: an analyst in the wrong folder must not take its
    figures for those of the register they keep."""
    found = find_register(option, cwd)
    if found is not None:
        return found, None
    root = packaged_data_dir()
    return root, (f"không có sổ đăng ký ở thư mục này (./data) và chưa chỉ --data hay QNCTR_DATA; "
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
    if (local / TASKS_FILE).is_file() or (local / PROGRAMMES_DIR).is_dir():
        return local
    return None


_HEADER_LINE = re.compile(r"^  (id|status): *(?:\"([^\"]*)\"|'([^']*)'|([^#\n]*?)) *(?:#.*)?$", re.M)


def programme_header(folder: Path) -> dict[str, object]:
    """The programme's header as written, read without loading the register ({} when it
    cannot be read: a broken file is validate's to explain). Only the header is decoded (the
    tasks after it are most of the file, and a question across fifty programmes reads every
    header before it answers; a byte of the tasks that is not UTF-8 is the loader's to say).
    Its number and status are read from their lines when written plainly (no YAML library to
    import for a question across programmes); anything else is parsed."""
    try:
        raw = (folder / TASKS_FILE).read_bytes()
        if b"\r" in raw:  # line breaks of another system, read as a text file reads them
            raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        cut = raw.find(b"\ngroups:")  # the header only: the tasks after it are many, and not decoded here
        head = (raw if cut < 0 else raw[:cut]).decode("utf-8")
    except (OSError, ValueError):
        return {}
    if head.startswith("programme:") or "\nprogramme:\n" in head:
        found = {m[0]: next(v for v in m[1:] if v) for m in _HEADER_LINE.findall(head) if any(m[1:])}
        if "id" in found:
            return found
    import yaml

    try:
        return dict(yaml.load(head, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["programme"])
    except Exception:
        return {}


def programme_number(folder: Path) -> str:
    """The programme's number as its header gives it ("210/KH-UBND"), or ""."""
    return str(programme_header(folder).get("id") or "")


def number_key(number: str) -> str:
    """What makes two written numbers one document's: "45/kh-ubnd" and "45 / KH-UBND" are
    45/KH-UBND; "12-KH/TU" and "12/KH-TU" stay two."""
    return "".join(unicodedata.normalize("NFC", number).casefold().split())


def in_force(root: Path, item: str | None = None, as_of: date | None = None, cached: bool = True) -> dict[str, Path]:
    """The programmes a question across the register is asked of: those in force (not drafts,
    not ended ones); about a task or target id, only the one that has it (more than one:
    refused, naming each as KEY:ID)."""
    found = {key: folder for key, folder in programme_folders(root).items()
             if programme_header(folder).get("status", "in_force") == "in_force"}
    if item is not None and as_of is not None:
        holding, unreadable = holders(found, item, as_of, cached)
        if holding:  # and any that does not read, which may have it too: asked, and named as unreadable
            return {key: found[key] for key in found if key in holding or key in unreadable}
    return found


def asked(root: Path, chosen: Mapping[str, str], as_of: date, cached: bool) -> dict[str, Path]:
    """The programmes a question across the register goes to: with several and none chosen, each
    one in force (their headers are read only then); else none: the one chosen, or the only one."""
    if "programme" in chosen or len(programme_folders(root)) <= 1:
        return {}
    return in_force(root, chosen.get("item"), as_of, cached)


def holders(folders: dict[str, Path], item: str, as_of: date, cached: bool) -> tuple[list[str], list[str]]:
    """The programmes that have a task, target or indicator with this id (refused when several),
    and those that do not read (which may have it too). `cached` only for a read-only question:
    a write never reads the cache."""
    found, unreadable = [], []
    for key, folder in folders.items():
        try:
            register = load_checked(folder, as_of, cached=cached)
        except InvalidRegister:
            unreadable.append(key)
            continue
        if item in register.tasks or item in register.targets or item in register.indicator_ids():
            found.append(key)
    if len(found) > 1:
        raise QnctrError(f"mã '{item}' có ở {len(found)} chương trình: {', '.join(f'{k}:{item}' for k in found)}; "
                         f"ghi rõ chương trình, ví dụ {found[0]}:{item} (hoặc -P {found[0]})")
    return found, unreadable


def choose_programme(root: Path, wanted: str | None, item: str | None = None, as_of: date | None = None) -> Path:
    """The programme a command works on: named by key, number or a unique beginning of either
    (folded like agency names; the command line passes -P or $QNCTR_PROGRAMME); never needed
    when the register has one. Without one among several: refused, naming them."""
    from .agencies import fold

    folders = programme_folders(root)
    if not folders:
        raise QnctrError(f"không có chương trình nào trong sổ đăng ký {root} (cần {TASKS_FILE} hoặc "
                         f"{PROGRAMMES_DIR}/<mã>/{TASKS_FILE})")
    if wanted is None:
        if len(folders) == 1:
            return next(iter(folders.values()))
        if item is not None and as_of is not None:
            found, unreadable = holders(folders, item, as_of, cached=False)
            if len(found) == 1 and not unreadable:
                return folders[found[0]]  # the one programme with that task or target
            if len(found) == 1:  # a write never guesses past a programme it cannot read
                raise QnctrError(f"mã '{item}' có ở {found[0]}; không đọc được {', '.join(unreadable)} (chạy 'qnctr "
                                 f"validate'), có thể cũng có mã này: ghi rõ {found[0]}:{item} (hoặc -P {found[0]})")
        raise QnctrError(f"sổ đăng ký có {len(folders)} chương trình; chọn một bằng --programme (-P): "
                         f"{_listed(folders)}")
    if wanted in folders:  # a key as it is: no header read
        return folders[wanted]
    numbers = {key: programme_number(folder) for key, folder in folders.items()}
    asked = fold(wanted)
    if not asked:  # nothing a key or a number is read by ('∞', '--'): it names none, not every one
        raise QnctrError(f"không có chương trình '{wanted}'; các chương trình: {_listed(folders)}")
    exact = [k for k in folders if asked in (fold(k), fold(numbers[k]))]
    found = exact or [k for k in folders if fold(k).startswith(asked) or fold(numbers[k]).startswith(asked)]
    if len(found) == 1:
        return folders[found[0]]
    if found:  # the ones it matches, to choose from
        raise QnctrError(f"'{wanted}' khớp nhiều chương trình: {_listed({k: folders[k] for k in found})}; "
                         "ghi đủ mã hoặc số hiệu")
    raise QnctrError(f"không có chương trình '{wanted}'; các chương trình: {_listed(folders)}")


def _listed(folders: dict[str, Path]) -> str:
    return "; ".join(f"{key} ({number})" if (number := programme_number(folder)) else key
                     for key, folder in folders.items())


def register_of(files: list[Path]) -> list[Path]:
    """The programme folders the given files belong to (what pre-commit passes): for each file,
    the nearest folder above it that holds tasks.yaml, or for the directory of a register of
    many programmes (agencies.yaml beside programmes/) every programme; files of no register
    are passed over."""
    roots: list[Path] = []
    for file in files:
        for folder in file.absolute().parents:
            found = [folder] if (folder / TASKS_FILE).is_file() else \
                list(programme_folders(folder).values()) if (folder / PROGRAMMES_DIR).is_dir() else []
            if found:
                roots += [f for f in found if f not in roots]
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


class NotCached(Exception):
    """The quick path asked for a register the cache does not hold (the command line reads it)."""


def load_checked(root: Path, as_of: date, cached: bool = False, cache_only: bool = False,
                 focus: str | None = None) -> Register:
    """Load and check; a register with errors is not queried (exit 1, its first errors said).
    `cached`: read-only commands may take the register from the cache (cache.py), which holds
    only registers that passed every check, with the day they passed on. Every check that looks
    at the day refuses a date after it, so a register that passed on one day passes on any later
    one; asked about an earlier day, the files are read and checked again. `cache_only`: the
    quick path, which never reads the files (NotCached instead). `focus`: the agency a question
    is about, so that from the cache only what can concern it is built (cache._narrowed)."""
    from . import cache

    root = only_programme(root)
    day = horizon(as_of)
    use_cache = cached and cache.enabled()
    entry = cache.load(root, focus) if use_cache else cache.Entry("")
    if entry.register is not None and entry.clean_to is not None and entry.clean_to <= day:
        entry.register.keyed = entry.keyed
        return entry.register
    if cache_only:
        raise NotCached(root)

    from .checks import check_register, one_error_per_place
    from .load import load_register

    register, diagnostics = load_register(root)
    read_whole = not diagnostics
    diagnostics = one_error_per_place(diagnostics + check_register(register, day))
    errors = [d for d in diagnostics if d.severity == "error"]
    # Kept only when read whole, checked, and unchanged while read: the same key, and each file
    # changed lately (before the reading began) still with the bytes it had then.
    after = cache.keyed(root) if use_cache and read_whole and not errors and entry.keyed is not None else None
    if after is not None and entry.keyed is not None and after.key == entry.key \
            and cache.still_racy_alike(entry.keyed.racy):
        register.keyed = cache.Keyed(after.key, after.parts, entry.keyed.racy)
        cache.store(root, register.keyed, register, day)
    if errors:
        more = f" (và {len(errors) - SHOWN_ERRORS} lỗi khác)" if len(errors) > SHOWN_ERRORS else ""
        head = f"sổ đăng ký có {len(errors)} lỗi{more}; chạy 'qnctr validate' để xem đủ:"
        raise InvalidRegister("\n".join([head, *(d.text() for d in errors[:SHOWN_ERRORS])]), INVALID)
    return register


class InvalidRegister(QnctrError):
    """A register (or one programme's files) that does not pass its checks: not queried."""


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
            raise QnctrError("không có sổ đăng ký để kiểm tra ở thư mục này (./data), và chưa chỉ --data "
                             "hay QNCTR_DATA; validate không tự kiểm tra sổ đi kèm gói. Chỉ rõ: qnctr validate --data "
                             "THƯ_MỤC")
        roots = list(programme_folders(root).values()) or [root]
    from .diagnostics import error, warning
    from .load import home_of

    by_home: dict[Path, list[Diagnostic]] = {}
    numbers: dict[tuple[Path, str], Path] = {}
    for root in roots:
        register, diagnostics = validate(root, as_of)
        home = home_of(root)
        by_home.setdefault(home, []).extend(diagnostics)
        programme = register.programme
        if programme is None:
            continue
        if home != root and not _plain_key(root.name):  # a folder named by hand: typed at -P, in file names, in URLs
            shown = register.where[("programme", "")].at("id")[0]  # the file as every diagnostic names it
            by_home[home].append(warning(shown, 1, 1, "programme-key",
                                         f"thư mục chương trình '{root.name}' không phải mã quy ước (chữ thường không "
                                         "dấu, số, nối bằng '-'): khó gõ ở -P, vào tên tệp mẫu báo cáo và địa chỉ trang web",
                                         f"đổi tên thư mục, ví dụ thành {programme_key(programme.id)}"))
        if (seen := numbers.setdefault((home, number_key(programme.id)), root)) != root:  # one document, one programme
            where = register.where[("programme", "")]
            by_home[home].append(error(*where.at("id"), "duplicate-programme",
                                       f"số hiệu {programme.id} đã là của chương trình {seen.name} "
                                       f"({programme_number(seen)})",
                                       "mỗi văn bản là một chương trình: sửa số hiệu hoặc bỏ thư mục trùng"))
    found: list[Diagnostic] = []
    for home, diagnostics in by_home.items():  # the directory's problems once, not once per programme
        once = list(dict.fromkeys(diagnostics))
        found += acknowledged(home, once)
    return found


KEY_MAX = 80


def _plain_key(key: str) -> bool:
    return len(key) <= KEY_MAX and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key) is not None


def checked_key(key: str, option: str = "--key") -> str:
    """A programme's folder name as given (`option`: how the user gave it), refused unless it is
    one folder's plain name: lower-case letters without marks, digits, single hyphens between."""
    if not _plain_key(key):
        raise QnctrError(f"{option} '{key}' không hợp lệ: mã thư mục chương trình chỉ gồm chữ thường không dấu "
                         f"và số, nối bằng một dấu '-' (như 210-kh-ubnd), tối đa {KEY_MAX} ký tự")
    return key


def programme_key(number: str) -> str:
    """A folder name for a programme from its number: "210/KH-UBND" → "210-kh-ubnd"."""
    plain = unicodedata.normalize("NFKD", number.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "chuong-trinh"


def move_to_programmes(root: Path, key: str | None) -> list[str]:
    """Turn a register of one programme at its root into a register of many: its tasks, targets
    and progress move to programmes/<key>/ (the directory of agencies, the form key and the
    acknowledged warnings stay: they are the register's). Each move is a rename, so nothing is
    copied half; what moved is returned, said line by line."""
    from .atomic import exclusive

    refuse_packaged(root)
    if not (root / TASKS_FILE).is_file():
        raise QnctrError(f"{root} không có {TASKS_FILE} ở gốc: sổ đã ở dạng nhiều chương trình hoặc không phải sổ đăng ký")
    key = checked_key(key, "mã") if key else checked_key(programme_key(programme_number(root)), "mã từ số hiệu")
    target = root / PROGRAMMES_DIR / key
    if target.exists():
        raise QnctrError(f"đã có {target}; chọn mã khác")
    moved = []
    with exclusive(root / ".qnctr-move.lock"):  # two moves at once: the second finds the first's folder
        if target.exists():
            raise QnctrError(f"đã có {target}; chọn mã khác")
        made = [folder for folder in (target.parent, target) if not folder.exists()]
        target.mkdir(parents=True)
        names = [name for name in (TASKS_FILE, "targets.yaml", "progress") if (root / name).exists()]
        done: list[str] = []
        try:
            for name in names:
                (root / name).rename(target / name)
                done.append(name)
        except OSError:  # a half-moved register would lose its targets or progress from view: put all back
            for name in reversed(done):
                with contextlib.suppress(OSError):
                    (target / name).rename(root / name)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise
        moved += [f"{root / name} → {target / name}" for name in names]
        deepened = sum(_deepen_schema_comment(target / name, root) for name in names)
        if deepened:
            moved.append(f"{deepened} tệp: sửa đường dẫn tới lược đồ (JSON Schema) ở dòng chú thích đầu tệp, "
                         "cho trình soạn thảo")
    return moved


def _deepen_schema_comment(path: Path, within: Path) -> int:
    """An editor's schema comment (`$schema=../schema/tasks.schema.json`) still points at the
    schema from two folders further down; in a folder, each report in it (progress/<kỳ>/*.yaml).
    Only the comment changes, byte for byte the rest (line ends, a BOM); a file that a link makes
    lie outside the register `within` is not the register's to change. How many files changed."""
    from .atomic import atomic_write

    if path.is_dir():
        return sum(_deepen_schema_comment(inside, within) for inside in sorted(path.glob("*/*.yaml")))
    if not path.is_file() or path.is_symlink() or not path.resolve().is_relative_to(within.resolve()):
        return 0
    try:
        raw = path.read_bytes()
        first = raw.split(b"\n", 1)[0]
        marker = b"$schema="
        if marker not in first or b"://" in first:
            return 0
        head, tail = first.split(marker, 1)
        if tail.startswith(b"/"):
            return 0
        atomic_write(path, head + marker + b"../../" + tail + raw[len(first):])
    except OSError:  # an editor's comment only: a file that cannot be rewritten keeps it as it was
        return 0
    return 1


def list_programmes(root: Path, as_of: date, cached: bool = True) -> dict[str, object]:
    """`qnctr programmes`: each programme of the register with its key, number, title, kind,
    status, horizon, number of tasks and next report due; one that does not pass its checks is
    listed with the number of its errors (validate says which)."""
    from .model import PROGRAMME_STATUS_LABELS

    rows: list[dict[str, object]] = []
    for key, folder in programme_folders(root).items():
        row: dict[str, object] = {"key": key, "number": programme_number(folder), "title": None, "kind": None,
                                  "status": None, "status_label": None, "horizon": None, "tasks": None,
                                  "next_period": None, "next_due": None, "problem": None, "to_check": None}
        try:
            register = load_checked(folder, as_of, cached)
        except QnctrError as exc:
            row["problem"] = str(exc).splitlines()[0]
            rows.append(row)
            continue
        programme = register.programme
        if programme is not None:
            # None: every report due once is past, or the programme has ended (no report is owed)
            upcoming = None if programme.status == "ended" else register.calendar.upcoming(as_of)
            row.update(number=programme.id, title=programme.title, kind=programme.kind_name, status=programme.status,
                       status_label=PROGRAMME_STATUS_LABELS[programme.status],
                       horizon=programme.horizon.label() if programme.horizon else None, tasks=len(register.tasks),
                       next_period=str(upcoming) if upcoming else None,
                       next_due=upcoming.due.isoformat() if upcoming else None,
                       to_check=_to_check(folder) if programme.status == "draft" else None)
        rows.append(row)
    return {"as_of": as_of.isoformat(), "register": str(root), "programmes": rows}


def _to_check(folder: Path) -> int:
    """How many '# KIỂM TRA:' marks a draft still has (in its tasks and targets): what stands
    between it and being put in force."""
    from .document import review_marks
    from .load import TARGETS_FILE
    from .yamldoc import YamlProblem, decode

    count = 0
    for name in (TASKS_FILE, TARGETS_FILE):
        with contextlib.suppress(OSError, YamlProblem):  # no targets file; bytes validate will name
            count += len(review_marks(decode((folder / name).read_bytes())))
    return count


def route_form(number: str | None, root: Path, chosen: str | None) -> str:
    """The programme a returned form is imported into (its folder's key): the one its hidden
    sheet names, so a form of one programme is never written into another's progress. A
    programme chosen with -P that is not the form's is refused, naming both."""
    folders = programme_folders(root)
    if len(folders) <= 1:  # one programme: the form's own checks say whether it is this one's
        return chosen if chosen is not None else next(iter(folders), root.name)
    named = [key for key, folder in folders.items() if number and programme_number(folder) == number]
    if not named:
        raise QnctrError(f"mẫu này ghi chương trình '{number or '?'}', không có trong sổ đăng ký; các chương trình: "
                         f"{_listed(folders)}")
    if chosen is not None and choose_programme(root, chosen) != folders[named[0]]:
        raise QnctrError(f"mẫu này là của chương trình {number} ({named[0]}), không phải của chương trình đang chọn "
                         f"('{chosen}'); không nhập. Bỏ -P để nhập vào đúng chương trình của mẫu")
    return named[0]

