"""Loading the register from its folder: files → validated models, with every problem kept."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .calendar import Calendar, PeriodError
from .days import PERIOD_FORMS
from .diagnostics import Diagnostic, error, warning
from .document import REVIEW_MARK, Document, Loc
from .errors import QnctrError
from .model import (
    PERIOD,
    PROGRAMME_STATUS_LABELS,
    Agency,
    Explanation,
    Group,
    Observation,
    Programme,
    ProgressHead,
    ProgressReport,
    Target,
    Task,
    TaskEntry,
    TasksFile,
    rule_field,
    validate,
)
from .records import record

if TYPE_CHECKING:
    from pydantic import ValidationError

M = TypeVar("M")
L = TypeVar("L", Agency, Target)

AGENCIES_FILE = "agencies.yaml"
TASKS_FILE = "tasks.yaml"
TARGETS_FILE = "targets.yaml"
EXPLANATIONS_FILE = "explanations.yaml"  # the office's requests for explanation (giải trình), optional
PROGRESS_DIR = "progress"
PROGRAMMES_DIR = "programmes"  # a register of many programmes: programmes/<key>/tasks.yaml


class Place(Protocol):
    """Anything that says where a value stands: a YAML file (Where), a form row (intake)."""

    def at(self, *more: str | int) -> tuple[str, int, int]: ...


@record
class Where:
    """Where a model came from, so a later check can name the file and line."""

    doc: Document
    loc: Loc

    def at(self, *more: str | int) -> tuple[str, int, int]:
        line, col = self.doc.mark(self.loc + more)
        return self.doc.path, line, col


@record(frozen=False, slots=False)
class GroupInfo:
    """A group of tasks as the programme numbers and titles it, with its tasks' ids in order."""

    id: str
    title: str
    task_ids: list[str]


@record(frozen=False, slots=False)
class LoadedProgress:
    """A progress report read from its file, with where it stood."""

    report: ProgressReport
    where: Where
    file: Path
    # Where each valid entry stood in the file (bad entries are left out of `report`).
    positions: dict[str, list[int]] = field(default_factory=dict)

    def entry_loc(self, key: str, i: int) -> tuple[str, int]:
        return (key, self.positions[key][i] if key in self.positions else i)


class StoredProgress(LoadedProgress):
    """A progress report as the cache gives it back: its file and where it stood are worked
    out when first asked for (a warm question across fifty programmes holds 3,500 reports and
    asks where none of them is). `shown`: the register folder as messages show it, or None
    to show the file relative to the working folder."""

    def __init__(self, report: ProgressReport, root: Path, relative: str, shown: str | None) -> None:
        self.report = report
        self.positions = {}
        self._at = (root, relative, shown)

    def __getattr__(self, name: str) -> Any:
        if name not in ("file", "where"):
            raise AttributeError(name)
        root, relative, shown = self._at
        file = self.__dict__["file"] = root / relative
        if name == "file":
            return file
        # Asked only to name a line (a doubt the report refuses, a check): the file is read
        # again for where each entry stands, as the loader read it; failing that, its name alone.
        from .yamldoc import read_document

        display = display_path(file) if shown is None else os.path.join(shown, relative)
        doc, _ = read_document(file, display)
        where = self.__dict__["where"] = Where(doc if doc is not None else Document(display, None), ())
        return where


@record(frozen=False, slots=False)
class Register:
    """Everything in the register that loaded cleanly, plus where each piece came from."""

    root: Path
    # The register folder holding the directory of agencies, the form key and the acknowledged
    # warnings: `root` itself, or for one programme of many the folder above programmes/.
    home: Path = Path()
    programme: Programme | None = None
    agencies: dict[str, Agency] = field(default_factory=dict)
    groups: list[GroupInfo] = field(default_factory=list)
    tasks: dict[str, Task] = field(default_factory=dict)
    task_group: dict[str, str] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    reports: list[LoadedProgress] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)
    where: dict[tuple[str, str], Where] = field(default_factory=dict)
    duplicates: list[tuple[str, str, Where]] = field(default_factory=list)
    # Files that loaded as a whole: references into a file that did not are not checked,
    # so one broken file gives its own errors, not a cascade of "unknown" ones.
    loaded: set[str] = field(default_factory=set)
    # Files under progress/ that are not reports and were not read (a note, a scan): every
    # command says so, since a report saved under a wrong name would otherwise just be missing.
    ignored: list[str] = field(default_factory=list)
    # What the cache key saw of the files this register was read from (a cache.Keyed; None when
    # the cache is off): a write compares it with the files after it (record._keep_cached).
    keyed: Any = field(default=None, compare=False, repr=False)
    # Set when read from the cache for the questions about one agency (cache.load's `focus`):
    # only the tasks and targets that can concern it were built, and only their report entries.
    # Such a register answers those questions exactly as the whole one would, and nothing else:
    # it is never stored, written from, or checked.
    focus: str | None = field(default=None, compare=False, repr=False)

    def ignored_notice(self, seen_from: Path) -> str | None:
        """The files left unread, named from `seen_from` (the register's folder, where one
        programme among several is a folder of its own), None when there were none."""
        if not self.ignored:
            return None
        within = self.root.relative_to(seen_from).as_posix() if self.root.is_relative_to(seen_from) else "."
        named = [name if within == "." else f"{within}/{name}" for name in self.ignored]
        return f"bỏ qua {len(named)} tệp không phải báo cáo: {', '.join(named)}"

    @functools.cached_property
    def calendar(self) -> Calendar:
        """The reporting calendar the register declares (programme.reporting)."""
        if self.programme is None:
            raise QnctrError("sổ đăng ký chưa có lịch báo cáo (programme.reporting trong tasks.yaml)")
        return Calendar.from_reporting(self.programme.reporting, self.programme.issued)

    def indicator_ids(self) -> dict[str, tuple[Target, int]]:
        return {
            f"{t.id}.{ind.id}": (t, i) for t in self.targets.values() for i, ind in enumerate(t.indicators)
        }


def home_of(root: Path) -> Path:
    """The register folder a programme's folder belongs to: the folder itself when it holds the
    directory of agencies (one programme at the root), else the folder above `programmes/`
    (one programme of many). The directory, the form key and the acknowledged warnings are the
    register's; tasks, targets and progress are the programme's."""
    if root.parent.name == PROGRAMMES_DIR and not (root / AGENCIES_FILE).exists() \
            and (root.parent.parent / AGENCIES_FILE).is_file():
        return root.parent.parent
    return root


def _os_reason(exc: OSError) -> str:
    from .wording import os_reason

    return os_reason(exc)


def display_path(path: Path) -> str:
    """Relative to the working folder when inside it (editors jump to it), else absolute."""
    absolute = path.absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


# --- pydantic errors → diagnostics ---------------------------------------------------------------

# A misspelt key (a dataclass names it as an unexpected keyword argument).
_EXTRA = ("extra_forbidden", "unexpected_keyword_argument")
_MESSAGES = {
    "string_type": "phải là chuỗi văn bản",
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "khóa không được phép",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một bảng khóa: giá trị",
    "model_type": "phải là một bảng khóa: giá trị",
    "dataclass_type": "phải là một bảng khóa: giá trị",
    "model_attributes_type": "phải là một bảng khóa: giá trị",
    "int_type": "phải là số nguyên",
    "float_type": "phải là số",
    "bool_type": "phải là true hoặc false",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "chỉ ghi ngày, không ghi giờ",
    "too_short": "không được để trống",
    "string_too_short": "không được để trống",
}


def describe_error(err: Any, loc: Loc = ()) -> tuple[str, str]:
    kind = err["type"]
    field_name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
    if kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        return msg, ""
    if kind == "string_pattern_mismatch":
        value = err.get("input")
        return f"'{field_name}' = {value!r} không đúng định dạng mã", _pattern_hint(field_name, loc)
    if kind in ("literal_error", "enum"):
        expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " hoặc ")
        return f"'{field_name}' = {err.get('input')!r} không hợp lệ; chỉ nhận {expected}", ""
    if kind in ("greater_than_equal", "less_than_equal"):
        bounds = err.get("ctx", {})
        limit = f"nhỏ nhất là {bounds.get('ge')}" if kind == "greater_than_equal" else f"lớn nhất là {bounds.get('le')}"
        return f"'{field_name}' = {err.get('input')!r} ngoài khoảng cho phép ({limit})", ""
    if kind in ("date_parsing", "date_from_datetime_parsing"):
        return f"'{field_name}' = {err.get('input')!r} không phải ngày dạng YYYY-MM-DD", "ví dụ 2026-06-19"
    if kind in _EXTRA:
        return f"khóa không được phép: '{err['loc'][-1]}'", "kiểm tra chính tả tên khóa"
    if kind == "missing":
        return f"thiếu trường bắt buộc '{err['loc'][-1]}'", ""
    if kind == "string_type" and isinstance(err.get("input"), (int, float)):
        return (
            f"'{field_name}' phải là chuỗi, không phải số {err['input']!r}",
            'đặt mã/văn bản trong dấu ngoặc kép, ví dụ "2025.10" (không có ngoặc YAML đọc thành số 2025.1)',
        )
    text = _MESSAGES.get(kind, str(err["msg"]))
    return (f"'{field_name}': {text}" if field_name else text), ""


AGENCY_ID_HINT = "mã cơ quan viết thường, không dấu, nối bằng '-' (như 'co-quan-a')"


LABEL_HINT = ("mã theo cách đánh số của văn bản: chữ số hoặc chữ cái (không dấu cách), các cấp nối bằng dấu "
              'chấm, như "4.b.7", "1", "I.3", "II.2.a"')


def _pattern_hint(field_name: str, loc: Loc = ()) -> str:
    if field_name == "id" and "groups" in loc:  # a task's or a group's id: the document's own label
        return LABEL_HINT
    return {
        "id": "mã cơ quan viết thường không dấu nối bằng '-'; mã nhiệm vụ như \"4.b.7\"",
        "task": LABEL_HINT,
        "indicator": 'mã chỉ tiêu đo như "2025.10.a"',
        "period": f"kỳ báo cáo: {PERIOD_FORMS}",
        "agency": AGENCY_ID_HINT,
    }.get(field_name, AGENCY_ID_HINT)


def validation_diagnostics(doc: Document, base: Loc, exc: ValidationError) -> list[Diagnostic]:
    out = []
    for err in exc.errors():
        loc = base + tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        if (field_name := rule_field(err)) is not None:
            loc += (field_name,)  # a rule between fields stands at the field to fix
        if err["type"] in _EXTRA:
            line, col = doc.key_mark(loc)
        elif err["type"] == "missing":
            line, col = doc.mark(loc[:-1])
        else:
            line, col = doc.mark(loc)
        message, hint = describe_error(err, loc)
        out.append(error(doc.path, line, col, "schema", message, hint))
    return out


def validate_one(doc: Document, loc: Loc, value: Any, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    from pydantic import ValidationError

    try:
        return validate(model, value), []
    except ValidationError as exc:
        return None, validation_diagnostics(doc, loc, exc)


def _items(doc: Document, value: Any, loc: Loc, what: str) -> tuple[list[Any], list[Diagnostic]]:
    if isinstance(value, list):
        return value, []
    line, col = doc.mark(loc)
    got = type(value).__name__
    return [], [error(doc.path, line, col, "schema", f"{what} phải là một danh sách (đang là {got})")]


# --- the files ---------------------------------------------------------------------------------




class Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.register = Register(root=root, home=home_of(root))
        self.diagnostics: list[Diagnostic] = []
        self.read_files: dict[str, Document] = {}  # by name: the programme's and the directory's files

    def display(self, path: Path) -> str:
        return display_path(path)

    def read(self, path: Path) -> tuple[Document | None, list[Diagnostic]]:
        from .yamldoc import read_document

        return read_document(path, self.display(path))

    def document(self, name: str, folder: Path | None = None) -> Document | None:
        path = (folder or self.root) / name
        if not path.is_file():
            self.diagnostics.append(
                error(self.display(path), 1, 1, "missing-file", f"thiếu tệp {name} trong sổ đăng ký")
            )
            return None
        doc, problems = self.read(path)
        self.diagnostics += problems
        if doc is not None:
            self.read_files[name] = doc
        return doc

    def remember(self, kind: str, key: str, where: Where) -> bool:
        if (kind, key) in self.register.where:
            self.register.duplicates.append((kind, key, where))
            return False
        self.register.where[(kind, key)] = where
        return True

    def load_agencies(self) -> None:
        self.register.agencies = self._load_list(AGENCIES_FILE, Agency, "agency", home=True)

    def _load_list(self, name: str, model: type[L], kind: str, optional: bool = False,
                   home: bool = False) -> dict[str, L]:
        """A file that is a list of items with an `id` (agencies.yaml, targets.yaml); an
        optional one that is not there is an empty list (a plan with no targets). `home`: the
        register's file, not the programme's (the directory of agencies)."""
        found: dict[str, L] = {}
        listed = self._list_file(name, optional, home)
        if listed is None:
            return found
        doc, items = listed
        for i, raw in enumerate(items):
            item, problems = validate_one(doc, (i,), raw, model)
            self.diagnostics += problems
            if item and self.remember(kind, item.id, Where(doc, (i,))):
                found[item.id] = item
        return found

    def _list_file(self, name: str, optional: bool, home: bool = False) -> tuple[Document, list[Any]] | None:
        """A file that is a list: its document and items as read; None when an optional file is
        not there (nothing to read) or the file cannot be read (the problem is recorded)."""
        if optional and not (self.root / name).exists() and not (self.root / name).is_symlink():
            self.register.loaded.add(name)
            return None
        doc = self.document(name, self.register.home if home else self.root)
        if doc is None:
            return None
        items, problems = _items(doc, doc.data, (), name)
        self.diagnostics += problems
        if not problems:
            self.register.loaded.add(name)
        return doc, items

    def load_tasks(self) -> None:
        doc = self.document(TASKS_FILE)
        if doc is None:
            return
        head, problems = validate_one(doc, (), doc.data, TasksFile)
        self.diagnostics += problems
        if head is None:
            return
        self.register.programme, problems = validate_one(doc, ("programme",), head.programme, Programme)
        self.diagnostics += problems
        self.register.where[("programme", "")] = Where(doc, ("programme",))
        groups, problems = _items(doc, head.groups, ("groups",), "groups")
        self.diagnostics += problems
        if not problems:
            self.register.loaded.add(TASKS_FILE)
        for gi, raw_group in enumerate(groups):
            group, problems = validate_one(doc, ("groups", gi), raw_group, Group)
            self.diagnostics += problems
            if group is None:
                continue
            if not self.remember("group", group.id, Where(doc, ("groups", gi))):
                continue
            info = GroupInfo(group.id, group.title, [])
            self.register.groups.append(info)
            for ti, raw_task in enumerate(group.tasks):
                loc: Loc = ("groups", gi, "tasks", ti)
                task, problems = validate_one(doc, loc, raw_task, Task)
                self.diagnostics += problems
                if task and self.remember("task", task.id, Where(doc, loc)):
                    self.register.tasks[task.id] = task
                    self.register.task_group[task.id] = group.id
                    info.task_ids.append(task.id)

    def load_targets(self) -> None:
        self.register.targets = self._load_list(TARGETS_FILE, Target, "target", optional=True)

    def check_reviewed(self) -> None:
        """A programme in force (or ended) with a '# KIỂM TRA:' comment left in its files: a value
        ingest doubted, or a stand-in `init` wrote, that nobody checked against the document, and
        that a signed report would print as the document's. Each is an error at its line; one in
        the directory (a new register's stand-in focal agency) is said once for every programme."""
        programme = self.register.programme
        if programme is None or programme.status == "draft":
            return
        hint = "đối chiếu với văn bản, sửa nếu cần, rồi xóa chú thích này; chưa xong thì để status: draft"
        for doc in (self.read_files[name] for name in (TASKS_FILE, TARGETS_FILE) if name in self.read_files):
            for line, col, said in doc.review:
                self.diagnostics.append(error(
                    doc.path, line, col, "unreviewed",
                    f"{programme.id} đã là '{PROGRAMME_STATUS_LABELS[programme.status]}' (status: {programme.status}) nhưng "
                    f"còn điểm chưa kiểm tra ('{REVIEW_MARK}'){': ' + said if said else ''}", hint))
        directory = self.read_files.get(AGENCIES_FILE)  # the skeleton's stand-in focal agency: said once for all
        if directory is None:
            return
        for line, col, said in directory.review:
            self.diagnostics.append(error(
                directory.path, line, col, "unreviewed",
                f"danh mục cơ quan còn điểm chưa kiểm tra ('{REVIEW_MARK}'), mà đã có chương trình đang thực hiện"
                f"{': ' + said if said else ''}", "sửa theo văn bản rồi xóa chú thích này"))

    def load_explanations(self) -> None:
        """explanations.yaml: a list of requests, each kept with its place (key: its index)."""
        listed = self._list_file(EXPLANATIONS_FILE, optional=True)
        if listed is None:
            return
        doc, items = listed
        for i, raw in enumerate(items):
            item, problems = validate_one(doc, (i,), raw, Explanation)
            self.diagnostics += problems
            if item is not None:
                self.register.where[("explanation", str(len(self.register.explanations)))] = Where(doc, (i,))
                self.register.explanations.append(item)

    def load_progress(self) -> None:
        base = self.root / PROGRESS_DIR
        if not base.is_dir() or not self.inside(base, self.root.resolve()):
            return
        for path in self.progress_files(base):
            doc, problems = self.read(path)
            self.diagnostics += problems
            if doc is None:
                continue
            loaded = self.report(doc)
            if loaded is None:
                continue
            report, positions = loaded
            entry = LoadedProgress(report, Where(doc, ()), path, positions)
            self.register.reports.append(entry)

    def report(self, doc: Document) -> tuple[ProgressReport, dict[str, list[int]]] | None:
        """A report with its valid entries; each bad entry is reported on its own."""
        head, problems = validate_one(doc, (), doc.data, ProgressHead)
        self.diagnostics += problems
        if head is None:
            return None
        entries: dict[str, list[Any]] = {"tasks": [], "targets": []}
        for key, model in (("tasks", TaskEntry), ("targets", Observation)):
            for i, raw in enumerate(getattr(head, key)):
                entry, problems = validate_one(doc, (key, i), raw, model)
                self.diagnostics += problems
                # A bad entry keeps its place so later checks still name the right item.
                entries[key].append(entry)
        report = ProgressReport.of(head, [e for e in entries["tasks"] if e is not None],
                                   [e for e in entries["targets"] if e is not None])
        positions = {key: [i for i, e in enumerate(items) if e is not None] for key, items in entries.items()}
        return report, positions

    def progress_files(self, base: Path) -> Iterator[Path]:
        root = self.root.resolve()
        for period_dir in self._listing(base):
            if period_dir.name.startswith("."):
                continue
            if not self.inside(period_dir, root):
                continue
            if not period_dir.is_dir():
                if period_dir.name.lower() != "readme.md":
                    self.ignore(period_dir, "tệp nằm ngoài thư mục kỳ báo cáo; bỏ qua")
                continue
            if (problem := self._not_a_period(period_dir.name)) is not None:
                self.diagnostics.append(error(
                    self.display(period_dir), 1, 1, "bad-period",
                    f"tên thư mục '{period_dir.name}' không phải kỳ báo cáo", problem))
                continue
            stems: dict[str, Path] = {}
            for path in self._listing(period_dir):
                if path.name.startswith("."):
                    continue
                if path.suffix not in (".yaml", ".yml"):
                    if (meant := _meant_report(path.name)) is not None:
                        self.diagnostics.append(error(
                            self.display(path), 1, 1, "misnamed-report",
                            f"tên tệp '{path.name}' giống một báo cáo nhưng không đúng dạng; tệp không được đọc",
                            f"đổi tên thành {meant}",
                        ))
                    else:
                        self.ignore(path, "không phải tệp .yaml; bỏ qua")
                    continue
                if path.stem in stems:  # so-a.yaml and so-a.yml: two reports for one agency and period
                    self.diagnostics.append(error(
                        self.display(path), 1, 1, "duplicate-report",
                        f"đã có báo cáo của '{path.stem}' cho kỳ này: {stems[path.stem].name}; bị từ chối",
                        "giữ một tệp .yaml cho mỗi cơ quan, mỗi kỳ",
                    ))
                    continue
                stems[path.stem] = path
                if self.inside(path, root):
                    yield path

    def _not_a_period(self, name: str) -> str | None:
        """How a folder under progress/ should be named, when `name` is not one of the
        programme's periods (None: it is)."""
        if self.register.programme is None:  # no calendar to read it by: the names any may have
            return None if re.fullmatch(PERIOD, name) else f"dùng {PERIOD_FORMS}"
        calendar = self.register.calendar
        try:
            calendar.parse(name)
        except PeriodError:
            return f"dùng {calendar.forms()}"
        return None if name == str(calendar.parse(name)) else f"viết đúng tên kỳ: {calendar.parse(name)}"

    def ignore(self, path: Path, why: str) -> None:
        self.diagnostics.append(warning(self.display(path), 1, 1, "stray-file", why,
                                        "đặt báo cáo ở progress/<kỳ>/<mã-cơ-quan>.yaml"))
        self.register.ignored.append(path.relative_to(self.root).as_posix())

    def _listing(self, folder: Path) -> list[Path]:
        """A folder's entries in order; one that cannot be read (no permission on a shared drive)
        is an error naming it, not a traceback."""
        try:
            return sorted(folder.iterdir())
        except OSError as exc:
            self.diagnostics.append(error(self.display(folder), 1, 1, "unreadable",
                                          f"không đọc được thư mục: {_os_reason(exc)}",
                                          "kiểm tra quyền đọc thư mục"))
            return []

    def inside(self, path: Path, root: Path) -> bool:
        """Symlinks may point only inside the register folder (and must end somewhere)."""
        try:
            target = path.resolve(strict=path.is_symlink())
        except (OSError, RuntimeError):  # a loop, or a link to nothing
            self.diagnostics.append(error(
                self.display(path), 1, 1, "broken-symlink",
                "liên kết tượng trưng hỏng hoặc tạo vòng lặp; bị từ chối", "xóa hoặc sửa liên kết",
            ))
            return False
        if path.is_symlink() and not target.is_relative_to(root):
            self.diagnostics.append(error(
                self.display(path), 1, 1, "symlink-outside",
                "liên kết tượng trưng trỏ ra ngoài thư mục sổ đăng ký; bị từ chối",
            ))
            return False
        return True


_REPORT_NAME = re.compile(r"(?P<stem>.+?)\.(?P<suffix>ya?ml)(?:\.txt)?", re.IGNORECASE)


def _meant_report(name: str) -> str | None:
    """The report name a misnamed file was meant to have ('so-a.YAML', 'so-a.yaml.txt' as Notepad
    saves it, a trailing space), or None when the file is not a report at all."""
    found = _REPORT_NAME.fullmatch(name.strip())
    if found is None:
        return None
    return f"{found['stem'].strip()}.{found['suffix'].lower()}"


def programme_folders(root: Path) -> dict[str, Path]:
    """A register's programmes by key: each folder under programmes/ that holds tasks.yaml, or
    the register itself when it holds one programme at its root (keyed by its folder's name)."""
    if (root / TASKS_FILE).is_file():
        return {root.name: root}
    base = root / PROGRAMMES_DIR
    if not base.is_dir():
        return {}
    return {p.name: p for p in sorted(base.iterdir()) if not p.name.startswith(".") and (p / TASKS_FILE).is_file()}


def only_programme(root: Path) -> Path:
    """A programme's folder as given, or for a register whose one programme is under
    programmes/, that programme's folder (a library caller may name the register)."""
    if not (root / TASKS_FILE).exists() and len(found := programme_folders(root)) == 1:
        return next(iter(found.values()))
    return root


def load_register(root: Path) -> tuple[Register, list[Diagnostic]]:
    """Read every file of the register: models for what is valid, diagnostics for the rest.
    Nothing across files is checked here (that is checks.py); every model keeps where it was
    written, so a later check names its file and line. `root` is a programme's folder, or a
    register whose only programme is under programmes/."""
    loader = Loader(only_programme(root))
    with kept_for_good():
        loader.load_agencies()
        loader.load_tasks()
        loader.load_targets()
        loader.check_reviewed()
        loader.load_explanations()
        loader.load_progress()
    return loader.register, loader.diagnostics


@contextlib.contextmanager
def kept_for_good() -> Iterator[None]:
    """Building a register makes hundreds of thousands of objects and frees almost none: the
    cyclic garbage collector would walk them again and again for nothing (a sixth of the time
    of a 10k-task register). It is paused while they are built, and what was built is set
    aside (gc.freeze) so that later collections do not walk it either."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
    gc.freeze()


def duplicate_diagnostics(register: Register) -> Sequence[Diagnostic]:
    labels = {"agency": "cơ quan", "group": "nhóm", "task": "nhiệm vụ", "target": "chỉ tiêu"}
    out = []
    for kind, key, where in register.duplicates:
        first = register.where[(kind, key)]
        _, first_line, _ = first.at("id")
        path, line, col = where.at("id")
        out.append(error(path, line, col, "duplicate-id",
                         f"mã {labels[kind]} '{key}' bị trùng (đã có ở dòng {first_line})"))
    return out
