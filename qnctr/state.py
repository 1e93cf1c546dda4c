"""Task and target state as of a date (pure functions over the loaded register)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import field, replace
from datetime import date
from itertools import pairwise
from typing import Any, Literal, TypeVar

from .calendar import Calendar, Period
from .load import LoadedProgress
from .model import Due, Indicator, Observation, Target, Task, TaskEntry
from .numbers import OP_SIGNS, figure_doubts, format_figure, format_number
from .records import record

TaskState = Literal[
    "done_on_time", "done_late", "in_progress", "overdue", "not_started", "suspended", "no_report", "not_required"
]
TargetState = Literal["met", "not_met", "no_data", "on_track", "off_track", "too_early"]

TASK_STATE_LABELS: dict[TaskState, str] = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_progress": "Đang thực hiện trong hạn",
    "overdue": "Quá hạn",
    "not_started": "Chưa triển khai",
    "suspended": "Dừng thực hiện",
    "no_report": "Chưa có báo cáo",
    # Duties that are requests to other bodies (section V: proposals, directions): nobody owes
    # a report on them, so they are neither "in progress" nor late; counted apart.
    "not_required": "Không thuộc diện báo cáo",
}
DONE_STATES: frozenset[TaskState] = frozenset({"done_on_time", "done_late"})
# A task in one of these has nothing left to fall due: done, stopped, or owed by nobody. What
# `upcoming` and the report's "due before the next report" list leave out, both from here.
NOTHING_DUE: frozenset[TaskState] = DONE_STATES | {"suspended", "not_required"}
TASK_STATES: tuple[TaskState, ...] = tuple(TASK_STATE_LABELS)

# What an agency writes in its report (progress files, Excel forms), as it reads in Vietnamese.
REPORT_STATUS_LABELS: dict[str, str] = {
    "not_started": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "suspended": "Dừng thực hiện",
}

TARGET_STATE_LABELS: dict[TargetState, str] = {
    "met": "Đạt",
    "not_met": "Không đạt",
    "no_data": "Chưa có số liệu",
    "on_track": "Đúng tiến độ",
    "off_track": "Chậm tiến độ",
    # Behind the goal, with too few figures (or no deadline) to say whether it will be met in time.
    "too_early": "Chưa đủ số liệu để đánh giá",
}

# Open SDG's progress measure: observed pace / needed pace ≥ 0.95 counts as on track.
ON_TRACK_RATIO = 0.95

# Tasks with these tags are duties of bodies that do not send the periodic report.
NON_REPORTING_TAGS = frozenset({"de-nghi", "chi-dao"})


@record
class EntryRef:
    """One reported line about a task, with the report it came from."""

    entry: TaskEntry
    agency: str
    period: Period
    submitted: date
    document: str | None

    def json(self) -> dict[str, object]:
        e = self.entry
        return {
            "period": str(self.period),
            "agency": self.agency,
            "submitted": self.submitted.isoformat(),
            "document": self.document,
            "status": e.status,
            "completed": e.completed.isoformat() if e.completed else None,
            "result": e.result,
            "difficulties": e.difficulties,
            "evidence": e.evidence,
            "proposals": e.proposals,
        }


@record
class ObservationRef:
    """An indicator's figure as reported: by whom, for which period, sent when."""

    observation: Observation
    agency: str
    period: Period
    submitted: date


@record(frozen=False, slots=False)
class ProgressIndex:
    """Reports that exist on the as-of date, indexed for the questions the commands ask."""

    as_of: date
    entries: dict[tuple[str, str], list[EntryRef]] = field(default_factory=dict)
    reported: dict[tuple[str, Period], set[str]] = field(default_factory=dict)
    newest_cover: dict[tuple[str, str], Period] = field(default_factory=dict)
    submitted: dict[tuple[str, Period], date] = field(default_factory=dict)
    observations: dict[str, list[ObservationRef]] = field(default_factory=dict)
    # The state of a task for an agency none of whose lineage wrote on it depends on the task
    # alone: worked out once per task, not once per member of the group that leads it.
    unreported: dict[tuple[str, Period | None], AgencyTaskState] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, reports: Sequence[LoadedProgress], as_of: date, calendar: Calendar,
              known_on: date | None = None, source: Callable[[str], str] = str) -> ProgressIndex:
        """The reports sent by `known_on` (default `as_of`), judged on `as_of`: a period's
        report written after its due date knows the reports that came late, and still judges
        deadlines and figures on the due date. `source`: whose word an agency's figure is (an
        agency and its successor are one source; `figures_counted_last`)."""
        index = cls(as_of)
        known = as_of if known_on is None else known_on
        periods = {text: calendar.parse(text) for text in {r.report.period for r in reports}}
        order = {text: period.order for text, period in periods.items()}
        ordered = sorted(
            (r.report for r in reports if r.report.submitted <= known),
            key=lambda r: (order[r.period], r.submitted),
        )
        for report in ordered:
            period = periods[report.period]
            key = (report.agency, period)
            index.submitted[key] = min(report.submitted, index.submitted.get(key, report.submitted))
            covered = index.reported.setdefault(key, set())
            for entry in report.tasks:
                covered.add(entry.task)
                index.newest_cover[(report.agency, entry.task)] = period  # reports come in period order
                ref = EntryRef(entry, report.agency, period, report.submitted, report.document)
                index.entries.setdefault((report.agency, entry.task), []).append(ref)
            for obs in report.targets:
                if obs.as_of <= as_of:
                    index.observations.setdefault(obs.indicator, []).append(
                        ObservationRef(obs, report.agency, period, report.submitted)
                    )
        for refs in index.observations.values():
            refs.sort(key=lambda o: (o.observation.as_of, o.submitted))
            _confirmed_counts(refs, source)
        return index

    def history(self, agencies: Sequence[str], task_id: str) -> list[EntryRef]:
        """The entries on the task by these agencies (an agency and its predecessors), oldest
        first. One agency's are already in order (build adds them so)."""
        if len(agencies) == 1:
            return list(self.entries.get((agencies[0], task_id), ()))
        refs = [r for a in agencies for r in self.entries.get((a, task_id), [])]
        refs.sort(key=lambda r: (r.period, r.submitted))
        return refs

    def has_report(self, agencies: Sequence[str], period: Period) -> bool:
        return any((a, period) in self.reported for a in agencies)

    def covers(self, agencies: Sequence[str], period: Period, task_id: str) -> bool:
        """Has the task been reported on for `period` or a later one?"""
        return any((p := self.newest_cover.get((a, task_id))) is not None and p >= period for a in agencies)


@record
class AgencyTaskState:
    """One agency's state in a task on the day asked about: the state, the report it rests on, the
    deadline in force, and by how many days it is late."""

    state: TaskState
    latest: EntryRef | None
    deadline: date | None
    days_overdue: int = 0


def in_force(task: Task, period: Period) -> bool:
    """A task is in force in a period unless its deadline (as in force when the period's report
    was due) fell before the period opened."""
    deadline = task.due_on(period.due).deadline_in(period.year)
    return deadline is None or deadline >= period.cutoff_start


def owes_report(task: Task) -> bool:
    return not NON_REPORTING_TAGS.intersection(task.tags)


def task_state(
    task: Task,
    lineage: Sequence[str],
    index: ProgressIndex,
    latest_due: Period | None,
) -> AgencyTaskState:
    """State of one agency's obligation (its reports and its predecessors') on `index.as_of`."""
    history = index.history(lineage, task.id)
    if history:
        return _task_judged(task, history, lineage, index, latest_due)
    key = (task.id, latest_due)  # nothing written by them: nothing of theirs to look at below
    found = index.unreported.get(key)
    if found is None:
        found = index.unreported[key] = _task_judged(task, history, lineage, index, latest_due)
    return found


def _task_judged(task: Task, history: list[EntryRef], lineage: Sequence[str], index: ProgressIndex,
                 latest_due: Period | None) -> AgencyTaskState:
    as_of = index.as_of
    due = task.due_on(as_of)  # a revised deadline counts from the day it was decided
    deadline = due.deadline_in(as_of.year)
    if due.kind == "annual":
        history = [r for r in history if r.period.year == as_of.year]
    latest = history[-1] if history else None
    status = latest.entry.status if latest else None
    if latest and status == "done":
        completed = latest.entry.completed
        late = deadline is not None and completed is not None and completed > deadline
        return AgencyTaskState("done_late" if late else "done_on_time", latest, deadline)
    if status == "suspended":
        return AgencyTaskState("suspended", latest, deadline)
    if latest is None and not owes_report(task):
        return AgencyTaskState("not_required", None, deadline)
    if deadline is not None and as_of > deadline:
        return AgencyTaskState("overdue", latest, deadline, (as_of - deadline).days)
    if (
        latest_due is not None
        and owes_report(task)
        and in_force(task, latest_due)
        and not index.covers(lineage, latest_due, task.id)
    ):
        return AgencyTaskState("no_report", latest, deadline)
    if status == "not_started":
        return AgencyTaskState("not_started", latest, deadline)
    return AgencyTaskState("in_progress", latest, deadline)


def overall_state(states: Sequence[TaskState]) -> TaskState:
    """A task with several responsible agencies is done only when all of them are."""
    if not states:
        return "no_report"
    if all(s == "not_required" for s in states):
        return "not_required"
    active = [s for s in states if s not in ("suspended", "not_required")]
    if not active:
        return "suspended"
    if all(s in DONE_STATES for s in active):
        return "done_late" if "done_late" in active else "done_on_time"
    if "overdue" in active:
        return "overdue"
    if "no_report" in active:
        return "no_report"
    if any(s == "in_progress" or s in DONE_STATES for s in active):
        return "in_progress"
    return "not_started"


# --- targets ----------------------------------------------------------------------------


@record
class IndicatorState:
    """An indicator judged on the day asked about: met or not, on which figure, by when."""

    state: TargetState
    value: float | bool | None
    observed: date | None
    deadline: date | None
    explanation: str


def meets(value: float, op: str, goal: float) -> bool:
    return {
        ">": value > goal,
        ">=": value >= goal,
        "=": value == goal,
        "<=": value <= goal,
        "<": value < goal,
    }[op]


def _num(value: float) -> str:
    """A figure qnctr worked out (a mean, a projection, a ratio): to two decimals."""
    return format_number(value)


def _beside(value: float, op: str, line: float) -> str:
    """A figure qnctr worked out, shown beside the line it is judged by: to two decimals, or
    with the fewest more that keep it on the side of the line it was judged on (a pace of
    0,9497 is not shown as 0,95 beside "≥ 0,95 là đúng tiến độ" and a verdict of behind)."""
    judged = meets(value, op, line)
    for decimals in range(2, 10):
        if meets(float(f"{value:.{decimals}f}"), op, line) == judged:
            return format_number(value, decimals)
    return format_number(value, 15)


def _as_given(value: float) -> str:
    """A figure as reported or a goal as the document writes it: every decimal it has (a latest
    0,785 said as 0,79 would not be the figure the agency sent)."""
    return format_figure(value)


def indicator_state(
    target: Target,
    indicator: Indicator,
    observations: Sequence[ObservationRef],
    as_of: date,
    programme_year: int,
) -> IndicatorState:
    """Latest value against the goal; cumulative and growth goals projected at current pace.
    Goal and deadline are those in force on `as_of` (revisions decided later are not known).
    Past its deadline, an indicator is judged on the figures up to the deadline only; a later
    figure is named in the explanation, never used for the verdict."""
    indicator = indicator.goal_on(as_of)
    due = target.due_on(as_of)
    deadline = due.deadline_in(as_of.year)
    if deadline is None or as_of <= deadline:
        return _judged(due, deadline, indicator, observations, as_of, programme_year)
    within = [o for o in observations if o.observation.as_of <= deadline]
    later = [o.observation for o in observations if o.observation.as_of > deadline]
    after = (f"sau hạn có số liệu {_shown(later[-1].value, later[-1].met)} (đến {later[-1].as_of:%d/%m/%Y}), "
             "không tính vào đánh giá") if later else ""
    if later and not within:
        return IndicatorState("no_data", None, None, deadline, f"không có số liệu đến hạn {deadline:%d/%m/%Y}; {after}")
    judged = _last_year_seen(_judged(due, deadline, indicator, within, as_of, programme_year), due, indicator, deadline)
    return replace(judged, explanation=f"{judged.explanation}; {after}") if later else judged


def _last_year_seen(judged: IndicatorState, due: Due, indicator: Indicator, deadline: date) -> IndicatorState:
    """A yearly indicator ("hằng năm", "mỗi năm") past its deadline is met only when its last year
    was seen: "Đạt" on a 2024 figure for a goal to hold every year to 2025 would say of 2025 what
    nobody reported. Not met stays not met: a year that fell short is not made good by another."""
    if judged.state != "met" or not _yearly(indicator, due) or judged.observed is None \
            or judged.observed.year >= deadline.year:
        return judged
    return replace(judged, state="too_early",
                   explanation=f"{judged.explanation}; chưa có số liệu năm {deadline.year}, năm cuối phải đạt: "
                               "chưa đánh giá được là đạt")


def _yearly(indicator: Indicator, due: Due) -> bool:
    """Judged year by year: a goal that must hold every year, or one due every year ("hằng năm")."""
    return indicator.measure == "each-year" or due.kind == "annual"


X = TypeVar("X")


def each_source_latest(figures: Iterable[X], source: Callable[[X], str], sent: Callable[[X], date]) -> list[X]:
    """Of several figures for one indicator and day, each source's word: the last it sent (its
    own later report corrects its earlier one), in the order they were sent. The one rule by
    which validate, the report, a write and every view read a day's figures."""
    latest: dict[str, X] = {}
    for figure in figures:
        key = source(figure)
        if key not in latest or sent(figure) >= sent(latest[key]):
            latest[key] = figure
    return sorted(latest.values(), key=sent)


def differ(figures: Sequence[Observation]) -> bool:
    return len({(o.value, o.met) for o in figures}) > 1


def unsettled_day(figures: Sequence[Observation]) -> bool:
    """Each source's word for one day (each_source_latest): they differ, and the office has not
    marked exactly one as the figure that counts."""
    return differ(figures) and sum(bool(o.confirmed) for o in figures) != 1


def _confirmed_counts(refs: list[ObservationRef], source: Callable[[str], str]) -> None:
    """Refs ordered by day, then by when they were sent: of a day whose sources' words differ,
    the one the office confirmed (exactly one) is moved last, where the figure that counts is;
    a source's own earlier figure, confirmed or not, never outranks its later one."""
    start = 0
    while start < len(refs):
        end = start + 1
        while end < len(refs) and refs[end].observation.as_of == refs[start].observation.as_of:
            end += 1
        if end - start > 1:
            words = each_source_latest(refs[start:end], lambda r: source(r.agency), lambda r: r.submitted)
            confirmed = [r for r in words if r.observation.confirmed]
            if len(confirmed) == 1 and differ([r.observation for r in words]):
                refs.remove(confirmed[0])
                refs.insert(end - 1, confirmed[0])
        start = end


# The words a verdict's explanation carries when the figures under it are not settled (a view
# shows that explanation whatever the verdict): agencies' figures that differ, a doubted figure.
UNSETTLED_MARK = "chưa thống nhất"
DOUBT_MARK = "số liệu còn nghi vấn"


def unsettled(seen: Sequence[ObservationRef], day: date | None, unit: str | None, directory: Any) -> str | None:
    """Said beside a verdict whose figure is one of several agencies' different figures for its
    day, none confirmed as the one that counts: validate, the report and the reminder warn or
    refuse; a view shows what it counted, and says so. `directory`: who is who (agencies.py)."""
    if day is None:
        return None
    figures = each_source_latest((r for r in seen if r.observation.as_of == day),
                                 lambda r: directory.holder(r.agency, date.max) or r.agency, lambda r: r.submitted)
    if not unsettled_day([r.observation for r in figures]):
        return None
    said = ", ".join(f"{directory.name(r.agency)} {figure_with_unit(r.observation, unit)}" for r in figures)
    return f"số liệu các cơ quan khác nhau cho ngày {day:%d/%m/%Y} ({said}), {UNSETTLED_MARK}: đang tính số gửi sau"


def running_total_falls(obs: Observation, others: Iterable[tuple[Observation, date, str, str]],
                        name: Callable[[str], str]) -> str | None:
    """A cumulative indicator's figure below the one reported for the day before it (the latest
    earlier day; of several, the last sent), said; None when it does not fall. `others`: the
    other reports' figures of the indicator, each (figure, day sent, agency, period). A running
    total does not fall: the lower one is a slip (a year's own figure, a digit lost) more often
    than a fact."""
    if obs.value is None:
        return None
    earlier = [(o, sent, agency, period) for o, sent, agency, period in others
               if o.value is not None and o.as_of < obs.as_of]
    if not earlier:
        return None
    before, _, agency, period = max(earlier, key=lambda e: (e[0].as_of, e[1]))
    assert before.value is not None
    if float(before.value) <= obs.value:
        return None
    return (f"{obs.indicator} là số liệu cộng dồn nhưng giảm: {format_figure(before.value)} "
            f"(đến {before.as_of:%d/%m/%Y}, {name(agency)}, kỳ {period}) → {format_figure(obs.value)} "
            f"(đến {obs.as_of:%d/%m/%Y}): số cộng dồn tính từ đầu giai đoạn, không phải số của riêng kỳ")


def value_doubts(indicator: Indicator, obs: Observation, others: Iterable[tuple[Observation, date, str, str]],
                 name: Callable[[str], str]) -> list[tuple[str, str]]:
    """(code, message) for each reason to doubt a figure nobody confirmed: those of
    numbers.figure_doubts, judged with the goal in force on the figure's day, and for a running
    total a fall below the day before (running_total_falls over `others`, the other reports'
    figures of the indicator). The one statement of what is doubted: validate, writes, the
    report's refusal (checks.Known.value_doubts) and every view (unconfirmed_doubts) read it."""
    if obs.value is None or obs.confirmed:
        return []
    goal = indicator.goal_on(obs.as_of)
    doubts = figure_doubts(obs.value, indicator.unit, indicator.name, goal.op, goal.value)
    if indicator.measure == "cumulative" and (fall := running_total_falls(obs, others, name)) is not None:
        doubts.append(("cumulative-falls", fall))
    return doubts


def unconfirmed_doubts(indicator: Indicator, seen: Sequence[ObservationRef], name: Callable[[str], str]) -> list[str]:
    """What qnctr doubts in an indicator's figures seen on a day (value_doubts): the figures a
    report refuses to print a verdict on, which a view shows with its verdict and says so."""
    # In the order seen is kept (by day): figures that never go down have no fall to look for.
    values = [r.observation.value for r in seen if r.observation.value is not None]
    falls = indicator.measure == "cumulative" and any(b < a for a, b in pairwise(values))
    found = []
    for ref in seen:
        if ref.observation.value is None or ref.observation.confirmed:
            continue
        others = [(r.observation, r.submitted, r.agency, str(r.period)) for r in seen
                  if (r.agency, r.period) != (ref.agency, ref.period)] if falls else []
        found += [said for _, said in value_doubts(indicator, ref.observation, others, name)]
    return found


def doubt_note(doubts: Sequence[str]) -> str | None:
    """Said beside a verdict resting on figures qnctr doubts (unconfirmed_doubts)."""
    if not doubts:
        return None
    more = f" (và {len(doubts) - 1} số liệu nghi vấn khác)" if len(doubts) > 1 else ""
    return f"{DOUBT_MARK}, chưa được xác nhận — báo cáo chưa lập được cho đến khi sửa hoặc xác nhận: {doubts[0]}{more}"


def figure_with_unit(obs: Observation, unit: str | None) -> str:
    """A reported figure as a person reads it in a message: "88 %", "12 doanh nghiệp", "đạt"."""
    if obs.value is None:
        return _shown(None, obs.met)
    return _shown(obs.value, None) + (f" {unit}" if unit else "")


def _shown(value: float | None, met: bool | None) -> str:
    if value is not None:
        return format_figure(value)
    return "đạt" if met else "không đạt"


def _judged(due: Due, deadline: date | None, indicator: Indicator, observations: Sequence[ObservationRef],
            as_of: date, programme_year: int) -> IndicatorState:
    """The verdict on these figures against the goal, the deadline in force being `deadline`."""
    if not observations:
        return IndicatorState("no_data", None, None, deadline, "chưa có số liệu nào được báo cáo")
    last = observations[-1].observation
    final = deadline is not None and as_of > deadline
    yearly = _yearly(indicator, due)
    good: TargetState = "met" if (final or yearly) else "on_track"
    bad: TargetState = "not_met" if (final or yearly) else "off_track"

    if indicator.qualitative or indicator.op is None or indicator.value is None:
        said = "đánh giá đạt/không đạt do cơ quan báo cáo"
        if due.kind == "annual":  # "hằng năm": held only if held every year (each year's latest word)
            since, until = due.first_year or 0, due.last_year or as_of.year
            assessed = {o.observation.as_of.year: o.observation for o in observations
                        if o.observation.met is not None and since <= o.observation.as_of.year <= until}
            fell_short = [(y, o) for y, o in assessed.items() if not o.met]
            if fell_short:  # the verdict rests on the latest year that fell short: that is what it shows
                named = ", ".join(f"năm {year}" for year, _ in fell_short)
                return IndicatorState(bad, False, fell_short[-1][1].as_of, deadline,
                                      f"{said}; phải đạt hằng năm; không đạt {named}")
        ok = bool(last.met) if last.met is not None else False
        return IndicatorState(good if ok else bad, last.met, last.as_of, deadline, said)
    op, goal = indicator.op, float(indicator.value)
    values = [float(o.observation.value) for o in observations if o.observation.value is not None]
    if not values:
        return IndicatorState("no_data", None, None, deadline, "chưa có số liệu định lượng")
    value = values[-1]

    # One figure a year, the latest of it: a half-year's figure is that year's until its year's
    # figure comes, never a year of its own ("mỗi năm", "bình quân hằng năm").
    years = {o.observation.as_of.year: o.observation  # in order of day: the latest stays
             for o in observations if o.observation.value is not None} \
        if indicator.measure in ("each-year", "average-growth") else {}
    if indicator.measure == "each-year":
        short = [(year, obs) for year, obs in years.items() if not meets(float(obs.value or 0), op, goal)]
        rule = f"phải đạt {OP_SIGNS[op]} {_as_given(goal)} mỗi năm"
        if not short:
            return IndicatorState(good, value, last.as_of, deadline, f"{rule}; đạt cả {len(years)} năm có số liệu")
        # the verdict rests on the latest year that fell short: that is the figure it shows
        _, failed = short[-1]
        said = ", ".join(f"năm {year}: {_as_given(float(obs.value or 0))}" for year, obs in short)
        return IndicatorState(bad, float(failed.value or 0), failed.as_of, deadline, f"{rule}; không đạt {said}")
    if indicator.measure == "average-growth":
        # to two decimals, as it is shown: the verdict is on the mean a reader sees ("10,00 %" is
        # not "trên 10 %")
        mean = float(f"{sum(float(obs.value or 0) for obs in years.values()) / len(years):.2f}")
        if final:
            return IndicatorState(good if meets(mean, op, goal) else bad, mean, last.as_of,
                                  deadline, f"bình quân {len(years)} năm: {_num(mean)}")
        ratio = mean / goal if goal else 1.0
        state: TargetState = "on_track" if meets(mean, op, goal) or ratio >= ON_TRACK_RATIO else "off_track"
        return IndicatorState(state, mean, last.as_of, deadline,
                              f"tăng bình quân {_num(mean)} so với yêu cầu {OP_SIGNS[op]} {_as_given(goal)}"
                              f" (tỷ lệ {_beside(ratio, '>=', ON_TRACK_RATIO)}; ngưỡng đúng tiến độ {_num(ON_TRACK_RATIO)})")
    if final or meets(value, op, goal):
        return IndicatorState(good if meets(value, op, goal) else bad, value, last.as_of, deadline,
                              f"số liệu mới nhất {_as_given(value)} so với mục tiêu {OP_SIGNS[op]} {_as_given(goal)}")
    if indicator.measure == "cumulative" and deadline is not None:
        start_year = indicator.window.start if indicator.window else (
            due.first_year or programme_year)
        start = date(start_year, 1, 1)
        elapsed = max((last.as_of - start).days + 1, 1)
        total = max((deadline - start).days + 1, 1)
        projected = value * total / elapsed
        ratio = (value / elapsed) / (goal / total) if goal else 1.0
        state = good if ratio >= ON_TRACK_RATIO else bad
        return IndicatorState(state, value, last.as_of, deadline,
                              f"dự báo theo tốc độ hiện tại: {_num(projected)} vào"
                              f" {deadline:%d/%m/%Y} (tốc độ thực tế / tốc độ cần = {_beside(ratio, '>=', ON_TRACK_RATIO)};"
                              f" ≥ {_num(ON_TRACK_RATIO)} là đúng tiến độ)")
    if len(values) >= 2 and deadline is not None:
        first = observations[0].observation
        span = (last.as_of - first.as_of).days
        if span > 0 and first.value is not None:
            slope = (value - float(first.value)) / span
            projected = value + slope * (deadline - last.as_of).days
            state = good if meets(projected, op, goal) else bad
            return IndicatorState(state, value, last.as_of, deadline,
                                  f"ngoại suy tuyến tính đến {deadline:%d/%m/%Y}: {_beside(projected, op, goal)}")
    return IndicatorState("too_early", value, last.as_of, deadline,
                          f"chưa đạt {OP_SIGNS[op]} {_as_given(goal)}; chưa đủ số liệu để dự báo")
