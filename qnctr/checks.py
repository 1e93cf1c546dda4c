"""Cross-file checks of a loaded register; each returns the problems it finds."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from .agencies import Directory, fold
from .calendar import Period, PeriodError
from .days import today
from .diagnostics import Diagnostic, error, sort_key, warning
from .document import Loc
from .errors import INVALID, QnctrError
from .load import (
    AGENCIES_FILE,
    TARGETS_FILE,
    TASKS_FILE,
    LoadedProgress,
    Place,
    Register,
    Where,
    duplicate_diagnostics,
    load_register,
)
from .model import DueRevision, GoalRevision, Observation, ProgressReport, Target, TaskEntry
from .numbers import format_figure
from .safe_text import page_name
from .state import REPORT_STATUS_LABELS, each_source_latest, figure_with_unit, unsettled_day, value_doubts

Check = Callable[[Register, date], Iterator[Diagnostic]]


def _closest(name: str, choices: list[str], fallback: str = "thêm cơ quan vào agencies.yaml hoặc sửa mã") -> str:
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.6)
    return f"có phải: {', '.join(close)}?" if close else fallback


def _agency_refs(register: Register) -> Iterator[tuple[str, Where, tuple[str | int, ...]]]:
    for agency in register.agencies.values():
        where = register.where[("agency", agency.id)]
        for i, member in enumerate(agency.members):
            yield member, where, ("members", i)
        if agency.succeeded_by:
            yield agency.succeeded_by, where, ("succeeded_by",)
        if agency.under:
            yield agency.under, where, ("under",)
    for kind, items in (("task", register.tasks), ("target", register.targets)):
        for item in items.values():
            where = register.where[(kind, item.id)]
            for field_name in ("lead", "support"):
                for i, aid in enumerate(getattr(item, field_name)):
                    yield aid, where, (field_name, i)
    for i, asked in enumerate(register.explanations):
        if ("explanation", str(i)) in register.where:
            yield asked.agency, register.where[("explanation", str(i))], ("agency",)
    if register.programme is not None and ("programme", "") in register.where:
        where = register.where[("programme", "")]
        yield register.programme.issuer, where, ("issuer",)
        yield register.programme.focal_agency, where, ("focal_agency",)


def unknown_agencies(register: Register, as_of: date) -> Iterator[Diagnostic]:
    if AGENCIES_FILE not in register.loaded:
        return
    known = list(register.agencies)
    for aid, where, loc in _agency_refs(register):
        if aid not in register.agencies:
            yield error(*where.at(*loc), "unknown-agency", f"cơ quan '{aid}' không có trong agencies.yaml",
                        _closest(aid, known))


def ceased_before_issue(register: Register, as_of: date) -> Iterator[Diagnostic]:
    """A task or target of a programme given to an agency that had already ceased when the
    programme was issued (merged, dissolved): a document seldom does that, and the register
    then counts the task for the successor without a word. Said where it is named, with who
    carries it now, for a person to check against the document."""
    programme = register.programme
    if programme is None or AGENCIES_FILE not in register.loaded:
        return
    directory = Directory(register.agencies)
    issued = programme.issued
    for kind, items in (("task", register.tasks), ("target", register.targets)):
        for item in items.values():
            for field_name in ("lead", "support"):
                for i, aid in enumerate(getattr(item, field_name)):
                    agency = register.agencies.get(aid)
                    if agency is None or agency.since is None or agency.since > issued:
                        continue
                    holder = directory.holder(aid, issued)
                    if holder == aid:
                        continue
                    now = (f"nay {directory.name(holder)} thực hiện" if holder is not None
                           else "không cơ quan nào kế thừa")
                    what = "nhiệm vụ" if kind == "task" else "chỉ tiêu"
                    yield warning(*register.where[(kind, item.id)].at(field_name, i), "ceased-agency",
                                  f"{what} {item.id} giao cho {agency.name}, cơ quan không còn từ "
                                  f"{agency.since:%d/%m/%Y}, trước khi {programme.id} ban hành "
                                  f"({issued:%d/%m/%Y}); {now}",
                                  "đối chiếu với văn bản" + (f"; nếu văn bản giao cho {directory.name(holder)}, ghi "
                                                             f"{holder}" if holder is not None else ""))


def agency_structure(register: Register, as_of: date) -> Iterator[Diagnostic]:
    directory = Directory(register.agencies)
    for agency in register.agencies.values():
        where = register.where[("agency", agency.id)]
        if agency.id in agency.members:
            yield error(*where.at("members"), "group-cycle", f"nhóm '{agency.id}' chứa chính nó")
        if agency.under == agency.id or (agency.under in register.agencies
                                         and register.agencies[agency.under].kind == "group"):
            yield error(*where.at("under"), "bad-superior",
                        "cơ quan chủ quản phải là một cơ quan khác, không phải chính nó hay một nhóm")
        if agency.succeeded_by == agency.id:
            yield error(*where.at("succeeded_by"), "succession-cycle", "cơ quan kế thừa chính nó")
        elif agency.succeeded_by and agency.since and directory.holder(agency.id, date.max) is None \
                and agency.succeeded_by in register.agencies:
            yield error(*where.at("succeeded_by"), "succession-cycle", "chuỗi kế thừa bị vòng lặp")
    owners: dict[str, str] = {}
    for agency in register.agencies.values():
        for name in agency.names:
            key = fold(name)
            other = owners.setdefault(key, agency.id)
            if other != agency.id:
                where = register.where[("agency", agency.id)]
                field_name = "short_name" if name == agency.short_name else "aliases" if name in agency.aliases else "name"
                yield error(*where.at(field_name), "ambiguous-name",
                            f"tên '{name}' dùng cho cả '{other}' và '{agency.id}'",
                            "mỗi tên hoặc tên gọi khác chỉ thuộc về một cơ quan")


def task_ids_match_groups(register: Register, as_of: date) -> Iterator[Diagnostic]:
    """Where a group numbers its tasks under its own id ("1.a.1" in group 1), a task numbered
    otherwise is a slip; a document that numbers its tasks plainly ("1", "2", … in group I)
    numbers none of them so, and that is its numbering."""
    nested = {g for t, g in register.task_group.items() if t.startswith(g + ".")}
    for task_id, group_id in register.task_group.items():
        if group_id in nested and not task_id.startswith(group_id + "."):
            where = register.where[("task", task_id)]
            yield error(*where.at("id"), "task-group", f"nhiệm vụ '{task_id}' không thuộc nhóm '{group_id}'",
                        f"mã nhiệm vụ trong nhóm {group_id} phải bắt đầu bằng '{group_id}.'")


def indicator_ids(register: Register, as_of: date) -> Iterator[Diagnostic]:
    for target in register.targets.values():
        seen: set[str] = set()
        for i, ind in enumerate(target.indicators):
            if ind.id in seen:
                where = register.where[("target", target.id)]
                yield error(*where.at("indicators", i, "id"), "duplicate-id",
                            f"chỉ tiêu đo '{target.id}.{ind.id}' bị trùng")
            seen.add(ind.id)


def targets_without_lead(register: Register, as_of: date) -> Iterator[Diagnostic]:
    for target in register.targets.values():
        if not target.lead:
            where = register.where[("target", target.id)]
            yield warning(*where.at("lead"), "no-lead",
                          f"chỉ tiêu {target.id} chưa có cơ quan chủ trì (Phụ lục để trống)",
                          "giữ trống nếu văn bản để trống; không tự gán")


def yearly_levels(register: Register, as_of: date) -> Iterator[Diagnostic]:
    """A target due every year ("hằng năm") whose figure is measured as a `level` is judged on
    its latest figure only, so a later year hides one that fell short: said, so that the
    register says which it means (`each-year`: held every year; a range: reached by its end)."""
    for target in register.targets.values():
        if target.due.kind != "annual":
            continue
        for i, ind in enumerate(target.indicators):
            if ind.measure == "level":
                where = register.where[("target", target.id)]
                yield warning(*where.at("indicators", i, "measure"), "yearly-level",
                              f"chỉ tiêu {target.id}.{ind.id} hằng năm nhưng đo kiểu level: chỉ xét số liệu mới nhất, "
                              "một năm không đạt bị năm sau che mất",
                              "phải đạt mỗi năm: measure: each-year; chỉ cần đạt vào cuối giai đoạn: due là một "
                              "khoảng ({from: …, to: …}) thay vì annual")


def revisions(register: Register, as_of: date) -> Iterator[Diagnostic]:
    """A revised deadline or goal is decided on a day: after the programme, not in the future,
    each later than the one before (the latest in force wins, so an order slip would hide one).
    A revised deadline falls on or after the day it was decided (so after the programme too): an
    earlier one would make the task overdue from the day it was set."""
    issued = register.programme.issued if register.programme else None
    number = register.programme.id if register.programme else ""
    for kind, items in (("task", register.tasks), ("target", register.targets)):
        for item in items.values():
            where = register.where[(kind, item.id)]
            lists: list[tuple[tuple[str | int, ...], Sequence[DueRevision | GoalRevision]]] = [
                (("revisions",), item.revisions)]
            if isinstance(item, Target):
                lists += [(("indicators", k, "revisions"), ind.revisions) for k, ind in enumerate(item.indicators)]
            for loc, revised in lists:
                for i, revision in enumerate(revised):
                    day = revision.date
                    at = where.at(*loc, i, "date")
                    if day > as_of:
                        yield error(*at, "revision-future",
                                    f"điều chỉnh ghi ngày {day:%d/%m/%Y}, sau hôm nay ({as_of:%d/%m/%Y})")
                    elif issued is not None and day < issued:
                        yield error(*at, "revision-early", f"điều chỉnh ghi ngày {day:%d/%m/%Y}, "
                                    f"trước khi {number} ban hành ({issued:%d/%m/%Y})")
                    if i and day <= revised[i - 1].date:
                        yield error(*at, "revision-order", "các lần điều chỉnh phải theo thứ tự ngày tăng dần",
                                    f"lần trước ghi ngày {revised[i - 1].date:%d/%m/%Y}")
                    if isinstance(revision, DueRevision) and (new := revision.due.deadline) is not None and new < day:
                        yield error(*where.at(*loc, i, "due"), "revision-due-early",
                                    f"hạn mới {new:%d/%m/%Y} trước ngày điều chỉnh ({day:%d/%m/%Y})",
                                    "kiểm tra lại hạn trong văn bản điều chỉnh")


class Figure(NamedTuple):
    """A figure as reported: the day it stands at, the day its report was sent, and whose."""

    as_of: date
    sent: date
    observation: Observation
    agency: str
    period: str


@dataclass(frozen=True, slots=True)
class Known:
    """What every report is checked against, looked up once per register."""

    indicators: dict[str, tuple[Target, int]]
    directory: Directory
    tasks_of: dict[str, set[str]]
    figures: dict[str, list[Figure]]  # each indicator's reported figures (a value or met / not met)
    # each (agency, task)'s entries as reported, in one flat tuple: period, its status, the day
    # the task was done, then the next entry's (a tuple of three and a list for each entry were
    # a twentieth of validate's memory at 100,000 tasks)
    statuses: dict[tuple[str, str], tuple[Any, ...]]

    @classmethod
    def of(cls, register: Register) -> Known:
        directory = Directory(register.agencies)
        indicators = register.indicator_ids()
        figures: dict[str, list[Figure]] = {}
        statuses: dict[tuple[str, str], tuple[Any, ...]] = {}
        for loaded in register.reports:
            report = loaded.report
            for obs in report.targets:
                if obs.indicator in indicators and (obs.value is not None or obs.met is not None):
                    figures.setdefault(obs.indicator, []).append(
                        Figure(obs.as_of, report.submitted, obs, report.agency, report.period))
            for entry in report.tasks:
                key = (report.agency, entry.task)
                statuses[key] = (*statuses.get(key, ()), report.period, entry.status, entry.completed)
        return cls(indicators, directory, _tasks_by_agency(register, directory), figures, statuses)

    def said_unfinished(self, register: Register, agency: str, task: str, period: str,
                        completed: date) -> tuple[str, str, date] | None:
        """An earlier round's report of the agency (or one it took over from) whose data ran past
        `completed` and said the task was not started or in progress: (its period, its status,
        its data's last day), the latest such; None when there is none."""
        said = [(p, status) for p, status, _ in self._earlier(register, agency, task, period)
                if status in ("not_started", "in_progress") and completed <= p.cutoff_end]
        if not said:
            return None
        latest, status = max(said, key=lambda e: e[0])
        return str(latest), status, latest.cutoff_end

    def done_before(self, register: Register, agency: str, task: str, period: str,
                    same_year: bool) -> tuple[str, date | None] | None:
        """The earlier period whose report, the latest before `period` (of its year only, for a
        task due each year) of the agency or one it took over from, said the task was done, and
        the day it said; None when that report said otherwise or there is none."""
        before = self._earlier(register, agency, task, period, same_year)
        if not before:
            return None
        latest, status, day = max(before, key=lambda e: e[0])
        return (str(latest), day) if status == "done" else None

    def _earlier(self, register: Register, agency: str, task: str, period: str,
                 same_year: bool = False) -> list[tuple[Period, str, date | None]]:
        """The task's entries in the agency's (and its predecessors') reports of rounds before
        `period` (of its year only, `same_year`): (round, status, day done); none when a period
        does not read (validate says so)."""
        try:
            this = register.calendar.parse(period)
            earlier = [(register.calendar.parse(p), status, day) for a in self.directory.lineage(agency)
                       for p, status, day in _threes(self.statuses.get((a, task), ()))]
        except QnctrError:
            return []
        return [e for e in earlier if e[0] < this and (not same_year or e[0].year == this.year)]

    def _running_totals(self, report: ProgressReport, obs: Observation) -> list[tuple[Figure, float]]:
        """The other reports' figures of a cumulative indicator, each with its value (none for
        any other measure)."""
        target, k = self.indicators[obs.indicator]
        if target.indicators[k].measure != "cumulative":
            return []
        return [(f, float(f.observation.value)) for f in self.figures.get(obs.indicator, ())
                if f.observation.value is not None and (f.agency, f.period) != (report.agency, report.period)]

    def value_doubts(self, report: ProgressReport, obs: Observation) -> list[tuple[str, str]]:
        """(code, message) for each reason to doubt a figure of this report (state.value_doubts),
        a running total weighed against the other reports' figures: those of the same report are
        not compared (its entry is the one written or read)."""
        if obs.indicator not in self.indicators:
            return []
        target, k = self.indicators[obs.indicator]
        others = [(f.observation, f.sent, f.agency, f.period) for f, _ in self._running_totals(report, obs)]
        return value_doubts(target.indicators[k], obs, others, self.directory.name)

    def falls_after(self, report: ProgressReport, obs: Observation) -> str | None:
        """Said as a cumulative figure is written: the figure of the next day reported after it
        (not confirmed) would then fall below it, a doubt that stops the report until one of the
        two is corrected or the later one confirmed. None when nothing falls."""
        if obs.value is None or obs.indicator not in self.indicators:
            return None
        later = [(f, value) for f, value in self._running_totals(report, obs) if f.as_of > obs.as_of]
        if not later:
            return None
        after, value = min(later, key=lambda fv: (fv[0].as_of, -fv[0].sent.toordinal()))
        if after.observation.confirmed or value >= obs.value:
            return None
        return (f"{obs.indicator} là số liệu cộng dồn: sau số này ({format_figure(obs.value)} đến {obs.as_of:%d/%m/%Y}), "
                f"số liệu {format_figure(value)} đến {after.as_of:%d/%m/%Y} "
                f"({self.directory.name(after.agency)}, kỳ {after.period}) thành giảm; báo cáo chỉ lập được khi sửa "
                "một trong hai số, hoặc xác nhận số sau (--confirm-doubts)")

    def others_figures(self, agency: str, obs: Observation) -> list[str]:
        """What other agencies said for the same indicator and day, when it differs from `obs`
        (each agency's latest figure; its own lineage is not another agency)."""
        if obs.indicator not in self.indicators or (obs.value is None and obs.met is None):
            return []

        def source(agency: str) -> str:
            return self.directory.holder(agency, date.max) or agency

        own = source(agency)
        same_day = [f for f in self.figures.get(obs.indicator, ()) if f.as_of == obs.as_of and source(f.agency) != own]
        target, k = self.indicators[obs.indicator]
        unit = target.indicators[k].unit
        return [f"{self.directory.name(f.agency)} {figure_with_unit(f.observation, unit)}"
                for f in each_source_latest(same_day, lambda f: source(f.agency), lambda f: f.sent)
                if (f.observation.value, f.observation.met) != (obs.value, obs.met)]


def _threes(flat: tuple[Any, ...]) -> Iterator[tuple[Any, Any, Any]]:
    """A flat tuple's items three by three."""
    items = iter(flat)
    return zip(items, items, items, strict=True)


def reports(register: Register, as_of: date) -> Iterator[Diagnostic]:
    known = Known.of(register)
    for loaded in register.reports:
        yield from check_progress(register, loaded, as_of, known)


def check_progress(register: Register, loaded: LoadedProgress, as_of: date,
                 known: Known | None = None) -> Iterator[Diagnostic]:
    """Every rule one progress report must keep: its head, then each entry."""
    known = known or Known.of(register)
    report, where = loaded.report, loaded.where
    yield from check_head(register, report, loaded.file, where, as_of, known.directory)
    yield from _duplicate_entries(loaded)
    for i, entry in enumerate(report.tasks):
        yield from check_task_entry(register, report, entry, where, loaded.entry_loc("tasks", i), as_of, known)
    for i, obs in enumerate(report.targets):
        yield from check_observation(register, report, obs, where, loaded.entry_loc("targets", i), as_of, known)


def check_head(register: Register, report: ProgressReport, file: Path, where: Place, as_of: date,
               directory: Directory) -> Iterator[Diagnostic]:
    """Whose report (an agency that reports for that period), for which period, sent when: the
    file's place and its dates."""
    yield from _report_path(file, report.agency, report.period, where)
    if report.agency not in register.agencies and AGENCIES_FILE in register.loaded:
        yield error(*where.at("agency"), "unknown-agency",
                    f"cơ quan '{report.agency}' không có trong agencies.yaml",
                    _closest(report.agency, list(register.agencies)))
    programme = register.programme
    if programme is None:
        return  # without the programme's calendar no date of the report can be judged
    try:
        period = register.calendar.parse(report.period)
    except PeriodError as exc:
        yield error(*where.at("period"), "bad-period", str(exc), "sửa kỳ báo cáo theo programme.reporting")
        return
    if problem := register.calendar.before_issue(period, programme.id, programme.issued):
        yield error(*where.at("period"), "bad-period", problem, "xóa tệp hoặc sửa kỳ báo cáo")
    if problem := directory.cannot_report(report.agency, period.due):
        yield error(*where.at("agency"), "not-reporting", problem, "xóa tệp, hoặc chuyển nội dung vào báo cáo của "
                    "cơ quan đúng (qnctr withdraw -p KỲ -a CƠ_QUAN, rồi ghi lại)")
    if report.submitted > as_of:
        yield error(*where.at("submitted"), "future-date",
                    f"báo cáo ghi ngày gửi {report.submitted:%d/%m/%Y}, sau ngày {as_of:%d/%m/%Y}",
                    "sửa ngày gửi, hoặc dùng --as-of nếu đang kiểm tra cho một ngày khác")
    elif report.submitted < period.cutoff_start:
        # A report on a period that had not begun would count as the current state: refused.
        yield error(*where.at("submitted"), "early-report",
                    f"báo cáo kỳ {period} gửi ngày {report.submitted:%d/%m/%Y}, trước khi kỳ bắt đầu "
                    f"({period.cutoff_start:%d/%m/%Y})", "kiểm tra lại kỳ báo cáo hoặc ngày gửi")


def _duplicate_entries(loaded: LoadedProgress) -> Iterator[Diagnostic]:
    where = loaded.where
    first: dict[str, int] = {}
    for i, entry in enumerate(loaded.report.tasks):
        if entry.task in first:
            _, first_line, _ = where.at(*loaded.entry_loc("tasks", first[entry.task]))
            yield error(*where.at(*loaded.entry_loc("tasks", i), "task"), "duplicate-entry",
                        f"nhiệm vụ {entry.task} xuất hiện hai lần trong báo cáo (lần đầu ở dòng {first_line})",
                        "gộp thành một mục")
        first.setdefault(entry.task, i)
    seen: set[str] = set()
    for i, obs in enumerate(loaded.report.targets):
        if obs.indicator in seen:
            yield error(*where.at(*loaded.entry_loc("targets", i), "indicator"), "duplicate-entry",
                        f"chỉ tiêu đo {obs.indicator} xuất hiện hai lần trong báo cáo")
        seen.add(obs.indicator)


def check_task_entry(register: Register, report: ProgressReport, entry: TaskEntry, where: Place, loc: Loc,
                     as_of: date, known: Known) -> Iterator[Diagnostic]:
    """A task's entry against the register: the task exists, the agency has a role in it, and
    it was not completed after the report was sent."""
    if TASKS_FILE not in register.loaded:
        pass
    elif entry.task not in register.tasks:
        yield error(*where.at(*loc, "task"), "unknown-task", f"không có nhiệm vụ '{entry.task}'",
                    _closest(entry.task, list(register.tasks), "sửa mã theo tasks.yaml (qnctr status xem danh sách)"))
    elif report.agency in register.agencies:
        task = register.tasks[entry.task]
        day = _report_day(register, report)
        roles = known.directory.roles(task.lead, task.support, day)
        mine = {roles[a].role for a in known.directory.lineage(report.agency) if a in roles}
        if mine == {"support"}:
            leads = ", ".join(known.directory.name(a) for a in known.directory.responsible(task.lead, day))
            yield error(*where.at(*loc, "task"), "support-entry",
                        f"{known.directory.name(report.agency)} chỉ phối hợp thực hiện nhiệm vụ {entry.task} (chủ trì: "
                        f"{leads}): tình trạng nhiệm vụ do cơ quan chủ trì báo cáo",
                        "gửi phần việc phối hợp cho cơ quan chủ trì để đưa vào báo cáo của họ")
        elif not mine and not any(entry.task in known.tasks_of.get(a, ()) for a in known.directory.lineage(report.agency)):
            yield warning(*where.at(*loc, "task"), "no-role",
                          f"{report.agency} không có vai trò trong nhiệm vụ {entry.task}")
    due = register.tasks[entry.task].due_on(report.submitted).kind if entry.task in register.tasks else "ongoing"
    # a standing duty is never finished once for all; a yearly one starts again each year
    if entry.status in ("not_started", "in_progress") and due != "ongoing" and (done := known.done_before(
            register, report.agency, entry.task, report.period, same_year=due == "annual")) is not None:
        period, when = done
        on = f" ngày {when:%d/%m/%Y}" if when else ""
        yield warning(*where.at(*loc, "status"), "reopened",
                      f"nhiệm vụ {entry.task} đã được báo cáo hoàn thành{on} (kỳ {period}); báo cáo này ghi "
                      f"'{REPORT_STATUS_LABELS[entry.status]}': nhiệm vụ nay tính là chưa hoàn thành",
                      "nếu là nhầm, ghi lại tình trạng Hoàn thành; nếu đúng là phải làm lại, giữ nguyên "
                      "(và ghi nhận trong known-warnings.yaml)")
    if entry.status == "done" and entry.completed and due != "ongoing" and (said := known.said_unfinished(
            register, report.agency, entry.task, report.period, entry.completed)) is not None:
        period, status, end = said
        yield warning(*where.at(*loc, "completed"), "completed-before-report",
                      f"ngày hoàn thành {entry.completed:%d/%m/%Y}, nhưng báo cáo kỳ {period} (số liệu đến {end:%d/%m/%Y}) "
                      f"ghi nhiệm vụ {entry.task} '{REPORT_STATUS_LABELS[status]}': đúng hạn hay quá hạn tính theo "
                      "ngày hoàn thành này", "kiểm tra ngày hoàn thành (năm, tháng); nếu đúng, giữ nguyên "
                      "(và ghi nhận trong known-warnings.yaml)")
    if entry.completed and entry.completed > min(report.submitted, as_of):
        after = (f"sau ngày gửi báo cáo ({report.submitted:%d/%m/%Y})" if entry.completed > report.submitted
                 else f"sau ngày {as_of:%d/%m/%Y}")
        yield error(*where.at(*loc, "completed"), "future-date", f"ngày hoàn thành {entry.completed:%d/%m/%Y} {after}")
    programme = register.programme
    if entry.completed and programme is not None and entry.completed < programme.issued:
        yield warning(*where.at(*loc, "completed"), "completed-before-issue",
                      f"ngày hoàn thành {entry.completed:%d/%m/%Y} trước khi {programme.id} ban hành "
                      f"({programme.issued:%d/%m/%Y}): nhiệm vụ được tính là hoàn thành đúng hạn",
                      "kiểm tra năm của ngày hoàn thành; nếu việc đã xong từ trước, giữ nguyên")


def _period_of(register: Register, report: ProgressReport) -> Period | None:
    """A report's period in its programme's calendar; None when its name is not one."""
    try:
        return register.calendar.parse(report.period)
    except (PeriodError, QnctrError):
        return None


def _report_day(register: Register, report: ProgressReport) -> date:
    """The day a report's roles are judged on: its period's due date (or the day it was sent)."""
    period = _period_of(register, report)
    return report.submitted if period is None else period.due


def check_observation(register: Register, report: ProgressReport, obs: Observation, where: Place, loc: Loc,
                      as_of: date, known: Known) -> Iterator[Diagnostic]:
    """An observation against the register: the indicator exists, the agency answers for its
    target (a supporter's figure is not the indicator's: one series, one source), the value is
    of its kind (a number, or met / not met), and it is not dated in the future."""
    if TARGETS_FILE not in register.loaded:
        return
    if obs.indicator not in known.indicators:
        yield error(*where.at(*loc, "indicator"), "unknown-indicator",
                    f"không có chỉ tiêu đo '{obs.indicator}'",
                    _closest(obs.indicator, list(known.indicators),
                             "sửa mã theo targets.yaml (qnctr targets xem danh sách)"))
        return
    target, k = known.indicators[obs.indicator]
    if target.lead and report.agency in register.agencies:
        answerable = known.directory.responsible(target.lead, _report_day(register, report))
        if not any(a in answerable for a in known.directory.lineage(report.agency)):
            leads = ", ".join(known.directory.name(a) for a in answerable)
            yield error(*where.at(*loc, "indicator"), "not-lead-figure",
                        f"{known.directory.name(report.agency)} không chủ trì chỉ tiêu {target.id} (chủ trì: {leads}): "
                        "số liệu chỉ tiêu do cơ quan chủ trì báo cáo", "gửi số liệu cho cơ quan chủ trì")
    qualitative = target.indicators[k].qualitative
    if qualitative and obs.value is not None:
        yield error(*where.at(*loc, "value"), "wrong-kind",
                    f"{obs.indicator} là chỉ tiêu định tính: ghi đạt / không đạt (met: true/false, --met/--not-met)")
    if not qualitative and obs.met is not None:
        yield error(*where.at(*loc, "met"), "wrong-kind",
                    f"{obs.indicator} là chỉ tiêu định lượng: ghi số liệu (value, --value)")
    for code, doubt in known.value_doubts(report, obs):
        yield warning(*where.at(*loc, "value"), code, doubt,
                      "sửa số liệu; nếu đúng là số liệu này, ghi lại với --confirm-doubts")
    if obs.as_of > as_of:
        yield error(*where.at(*loc, "as_of"), "future-date",
                    f"số liệu tính đến {obs.as_of:%d/%m/%Y}, sau ngày {as_of:%d/%m/%Y}")
    elif obs.as_of > report.submitted and (period := _period_of(register, report)) is not None \
            and obs.as_of > period.cutoff_end:
        # a report sent before its cut-off speaks of the cut-off day (an estimate to it, as the form
        # proposes); a day past both is one the report could not speak of: a slip of the month
        yield warning(*where.at(*loc, "as_of"), "observed-after-sent",
                      f"số liệu tính đến {obs.as_of:%d/%m/%Y}, sau ngày gửi báo cáo ({report.submitted:%d/%m/%Y}) "
                      "và sau ngày chốt số liệu của kỳ: báo cáo in số liệu này như số đã tính đến ngày đó",
                      "kiểm tra ngày tính số liệu (--observed, cột 'Số liệu tính đến ngày'); nếu đúng, giữ nguyên "
                      "(và ghi nhận trong known-warnings.yaml)")
    programme = register.programme
    if programme is not None and obs.as_of < programme.issued:
        yield warning(*where.at(*loc, "as_of"), "observed-before-issue",
                      f"số liệu tính đến {obs.as_of:%d/%m/%Y}, trước khi {programme.id} ban hành "
                      f"({programme.issued:%d/%m/%Y}): nếu là số liệu mới nhất, kết quả chỉ tiêu dựa vào nó",
                      "kiểm tra năm của ngày tính số liệu (--observed); nếu là số liệu gốc, giữ nguyên "
                      "(và ghi nhận trong known-warnings.yaml)")


def _report_path(file: Path, agency: str, period: str, where: Place) -> Iterator[Diagnostic]:
    if file.stem != agency:
        yield error(*where.at("agency"), "path-mismatch",
                    f"tệp {file.name} nhưng agency là '{agency}'",
                    f"đổi tên tệp thành {agency}.yaml hoặc sửa agency")
    if file.parent.name != period:
        yield error(*where.at("period"), "path-mismatch",
                    f"tệp nằm trong thư mục {file.parent.name} nhưng period là '{period}'",
                    f"chuyển tệp vào progress/{period}/ hoặc sửa period")


def _tasks_by_agency(register: Register, directory: Directory) -> dict[str, set[str]]:
    """Every task each agency has any role in (directly or through a group)."""
    out: dict[str, set[str]] = {}
    for task in register.tasks.values():
        for named in (*task.lead, *task.support):
            for aid in {named, *directory.members(named)}:
                out.setdefault(aid, set()).add(task.id)
    return out


def one_name_one_thing(register: Register, as_of: date) -> Iterator[Diagnostic]:
    """An id names one thing: `qnctr show ID` and the website find it by the id alone, so a task,
    a target, an indicator and an agency never share one; and two items of a kind never share a
    page of the website (ids that differ only in case, or as đ and dd, are one file on a disk)."""
    owners: dict[str, tuple[str, tuple[str, int, int]]] = {}
    kinds: list[tuple[str, str, list[tuple[str, Where, tuple[str | int, ...]]]]] = [
        ("task", "nhiệm vụ", [(i, register.where[("task", i)], ("id",)) for i in register.tasks]),
        ("target", "chỉ tiêu", [(i, register.where[("target", i)], ("id",)) for i in register.targets]),
        ("indicator", "chỉ tiêu đo", [(f"{t.id}.{ind.id}", register.where[("target", t.id)], ("indicators", k, "id"))
                                      for t in register.targets.values() for k, ind in enumerate(t.indicators)]),
        ("agency", "cơ quan", [(i, register.where[("agency", i)], ("id",)) for i in register.agencies]),
    ]
    for kind, label, items in kinds:
        pages: dict[str, str] = {}
        for item_id, where, loc in items:
            at = where.at(*loc)
            if item_id in owners:
                other, (path, line, _) = owners[item_id]
                yield error(*at, "id-clash", f"mã '{item_id}' đã là mã của {other} ({Path(path).name}:{line})",
                            "mỗi mã chỉ gọi một thứ (qnctr show, trang web): đổi một trong hai mã")
                continue
            owners[item_id] = (label, at)
            if kind == "indicator":
                continue  # shown on its target's page
            page = page_name(item_id).casefold()
            if page in pages:
                yield error(*at, "page-clash", f"mã {label} '{item_id}' và '{pages[page]}' trùng tên trang web "
                            f"({page}.html, không phân biệt hoa thường, đ/dd)", "đổi một trong hai mã")
            else:
                pages[page] = item_id


def explanation_refs(register: Register, as_of: date) -> Iterator[Diagnostic]:
    """A request for explanation names a task of the programme, and neither it nor its answer is
    dated after the day checked on (an answer written ahead would count as given before it was)."""
    for i, asked in enumerate(register.explanations):
        where = register.where.get(("explanation", str(i)))
        if where is None:
            continue
        if asked.task not in register.tasks:
            yield error(*where.at("task"), "unknown-task", f"nhiệm vụ '{asked.task}' không có trong tasks.yaml",
                        _closest(asked.task, list(register.tasks), "sửa mã nhiệm vụ"))
        for name, day, what in (("asked", asked.asked, "ngày đề nghị"), ("answered", asked.answered, "ngày trả lời")):
            if day is not None and day > as_of:
                yield error(*where.at(name), "future-date", f"{what} {day:%d/%m/%Y} sau ngày {as_of:%d/%m/%Y}")


_COUNTED = {2: "hai", 3: "ba", 4: "bốn", 5: "năm"}  # a few said in words, as an official writes them


def conflicting_figures(register: Register) -> list[tuple[LoadedProgress, int, str]]:
    """Figures of one indicator for one day ("tính đến") that two agencies report differently:
    the verdict would hang on which was sent last. Each agency's latest figure for the day
    counts (its own later report corrects its earlier one; a predecessor and its successor are
    one source). For each such day: the report holding the figure sent last, its place among
    that report's figures, and what was said."""
    indicators = register.indicator_ids()
    directory = Directory(register.agencies)
    days: dict[tuple[str, date], list[tuple[date, LoadedProgress, int]]] = {}
    for loaded in register.reports:
        for i, obs in enumerate(loaded.report.targets):
            if obs.indicator in indicators and (obs.value is not None or obs.met is not None):
                days.setdefault((obs.indicator, obs.as_of), []).append((loaded.report.submitted, loaded, i))
    found = []
    for (indicator, day), given in days.items():
        said = each_source_latest(given, lambda f: directory.holder(f[1].report.agency, date.max)
                                  or f[1].report.agency, lambda f: f[0])
        observed = [loaded.report.targets[i] for _, loaded, i in said]
        if not unsettled_day(observed):
            continue  # one figure, figures that agree, or the one the office confirmed counts
        target, k = indicators[indicator]
        unit = target.indicators[k].unit
        figures = ", ".join(f"{directory.name(loaded.report.agency)} báo cáo {figure_with_unit(o, unit)} "
                            f"(kỳ {loaded.report.period}, gửi {sent:%d/%m/%Y})"
                            for (sent, loaded, _), o in zip(said, observed, strict=True))
        _, last, place = said[-1]
        distinct = len({(o.value, o.met) for o in observed})
        many = f"{_COUNTED.get(len(said), len(said))} cơ quan, {_COUNTED.get(distinct, distinct)}"
        found.append((last, place, f"{indicator} tính đến {day:%d/%m/%Y}: {figures}; {many} số liệu cho "
                                   f"cùng một ngày (kết quả đang lấy số gửi sau: {figure_with_unit(observed[-1], unit)})"))
    return found


CONFLICT_HINT = ("thống nhất một số liệu: cơ quan báo sai sửa lại (hoặc rút: qnctr observe MÃ -p KỲ -a CƠ_QUAN "
                 "--withdraw), hoặc xác nhận số liệu được tính: qnctr observe MÃ -p KỲ -a CƠ_QUAN --value SỐ "
                 "--confirm-doubts")


def conflicting(register: Register, as_of: date) -> Iterator[Diagnostic]:
    for loaded, place, message in conflicting_figures(register):
        yield warning(*loaded.where.at(*loaded.entry_loc("targets", place), "value"), "conflicting-figures",
                      message, CONFLICT_HINT)


CHECKS: tuple[Check, ...] = (
    unknown_agencies,
    one_name_one_thing,
    agency_structure,
    ceased_before_issue,
    task_ids_match_groups,
    indicator_ids,
    targets_without_lead,
    yearly_levels,
    revisions,
    reports,
    conflicting,
    explanation_refs,
)


def check_register(register: Register, as_of: date) -> list[Diagnostic]:
    out = list(duplicate_diagnostics(register))
    for check in CHECKS:
        out.extend(check(register, as_of))
    return out


def validate(root: Path, as_of: date) -> tuple[Register, list[Diagnostic]]:
    """Load, then check a register folder: everything `qnctr validate` reports. Dates are
    judged against the real today (or a later `as_of`): a report sent after an earlier
    `--as-of` is not wrong, only not yet known on that day."""
    register, diagnostics = load_register(root)
    return register, one_error_per_place(diagnostics + check_register(register, max(as_of, today())))


def refuse_open_doubts(register: Register, making: str, agency: str | None = None) -> None:
    """A signed document (a report, a reminder) is not made while a figure is in doubt: it would
    state a verdict on it as a fact. QnctrError (exit 1) listing each, with how to settle it.
    `agency`: the one agency the document is of, which speaks only of the targets it leads
    (indicators_led); another agency's disputed figure, which it can neither print nor settle,
    does not hold it up."""
    if doubts := open_doubts(register, agency):
        confirmable = any(CONFLICT_HINT not in d for d in doubts)  # a conflict's own line says how to settle it
        raise QnctrError("\n".join([f"không {making}: {len(doubts)} số liệu còn nghi vấn, chưa được xác nhận:",
                                    *(f"  - {d}" for d in doubts),
                                    *(["Sửa số liệu, hoặc nếu đúng thì xác nhận: qnctr observe MÃ -p KỲ -a CƠ_QUAN "
                                       "--value SỐ --confirm-doubts"] if confirmable else [])]), INVALID)


def open_doubts(register: Register, agency: str | None = None) -> list[str]:
    """Every reported figure qnctr doubts and nobody confirmed, as `file:line: message`: what a
    report must not print as a fact (0,785 % "Không đạt"); and every day of an indicator for
    which two agencies gave two figures (which one the report prints would be chance). With
    `agency`, only the figures of the indicators it leads (every verdict on an indicator rests on
    its own figures alone)."""
    known = Known.of(register)
    indicators = None if agency is None else indicators_led(register, known.directory, agency)
    found = []
    for loaded, place, message in conflicting_figures(register):
        if indicators is not None and loaded.report.targets[place].indicator not in indicators:
            continue
        path, line, _ = loaded.where.at(*loaded.entry_loc("targets", place), "value")
        found.append(f"{path}:{line}: {message}; {CONFLICT_HINT}")
    for loaded in register.reports:
        for i, obs in enumerate(loaded.report.targets):
            if indicators is not None and obs.indicator not in indicators:
                continue
            for _, doubt in known.value_doubts(loaded.report, obs):
                path, line, _ = loaded.where.at(*loaded.entry_loc("targets", i), "value")
                found.append(f"{path}:{line}: {obs.indicator} ({loaded.report.agency}, kỳ {loaded.report.period}): {doubt}")
    return found


def indicators_led(register: Register, directory: Directory, agency_id: str) -> set[str]:
    """The indicators of every target whose leads list an id bearing on this agency on any day
    (Directory.concerning): all that a report or a letter of the agency's can speak of (a
    supporter's part is told in the lead's report, never in its own)."""
    wanted = directory.concerning(agency_id)
    return {f"{t.id}.{ind.id}" for t in register.targets.values() if not wanted.isdisjoint(t.lead)
            for ind in t.indicators}


KNOWN_WARNINGS_FILE = "known-warnings.yaml"


def acknowledged(root: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics with each warning the register keeps on purpose marked with its reason.
    known-warnings.yaml lists {code, about, reason}: a warning of that code whose message names
    `about` (an id, as a whole word). An entry that matches no warning is itself a warning, so a
    fixed problem's acknowledgement does not stay behind to hide a new one."""
    import re
    from dataclasses import replace

    from .load import display_path, home_of
    from .yamldoc import read_document

    path = home_of(root) / KNOWN_WARNINGS_FILE
    if not path.is_file():
        return diagnostics
    doc, problems = read_document(path, display_path(path))
    if doc is None:
        return diagnostics + problems
    items = doc.data if isinstance(doc.data, list) else None
    if items is None:
        return [*diagnostics, *problems, error(doc.path, 1, 1, "schema", f"{KNOWN_WARNINGS_FILE} phải là một danh sách",
                                               "mỗi mục: {code: …, about: …, reason: …}")]
    out = list(diagnostics)
    for i, item in enumerate(items):
        line, col = doc.mark((i,))
        fields = item if isinstance(item, dict) else {}
        code, about, reason = (fields.get(k) for k in ("code", "about", "reason"))
        if not all(isinstance(v, str) and v.strip() for v in (code, about, reason)) or set(fields) - {"code", "about", "reason"}:
            out.append(error(doc.path, line, col, "schema", "mục ghi nhận cần đúng ba trường code, about, reason (chuỗi)",
                             'ví dụ {code: no-lead, about: "2025.15", reason: "Phụ lục để trống"}'))
            continue
        names = re.compile(rf"(?<![\w.]){re.escape(str(about))}(?![\w.])")
        matched = [k for k, d in enumerate(out) if d.severity == "warning" and d.code == code and names.search(d.message)]
        for k in matched:
            out[k] = replace(out[k], acknowledged=str(reason))
        if not matched:
            out.append(warning(doc.path, line, col, "unused-acknowledgement",
                               f"không còn cảnh báo [{code}] nào về '{about}'", "xóa mục này khỏi " + KNOWN_WARNINGS_FILE))
    return out


def one_error_per_place(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by place; where the reader already named a value's error (an impossible date),
    the model's error about the same value says nothing more and is dropped."""
    first: set[tuple[str, int, int]] = set()
    kept = []
    for d in diagnostics:  # in the order found: the reader's own errors come first
        place = (d.path, d.line, d.col)
        if d.severity == "error" and place in first and d.code not in ("bad-date",):
            continue
        if d.severity == "error" and d.code == "bad-date":
            first.add(place)
        kept.append(d)
    kept.sort(key=sort_key)
    return kept
