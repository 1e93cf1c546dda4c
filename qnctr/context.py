"""The register seen on a day (`Context`): what every question is asked of — the directory, the
reports known that day, the period last due, and what each agency's state in a task is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from datetime import date
from typing import Any, TypeVar

from .agencies import Assignment, Directory
from .calendar import Period
from .days import short_date
from .errors import QnctrError
from .load import Register
from .model import Agency, Task
from .records import record
from .state import AgencyTaskState, ProgressIndex, task_state


def later_notice(known: date, later: list[date]) -> str | None:
    """What is said of the reports sent after `known` (their days, in order), None when none was."""
    if not later:
        return None
    when = (f"ngày {short_date(later[0])}" if later[0] == later[-1]
            else f"từ {short_date(later[0])} đến {short_date(later[-1])}")
    return f"tính đến ngày {short_date(known)}: {len(later)} báo cáo gửi sau ngày đó ({when}) chưa được tính"


class QueryError(QnctrError):
    """A question that cannot be asked of this register (unknown id, bad group)."""


R = TypeVar("R")


@record(frozen=False, slots=False)
class Context:
    """A register seen on one day: the directory, the reports that exist, the period due."""

    register: Register
    directory: Directory
    index: ProgressIndex
    as_of: date
    latest_due: Period | None
    period: Period | None = None
    known_on: date | None = None  # the day whose reports are known, when later than as_of (a period's view)
    # Answers that depend only on the register and a day, kept for the life of this context:
    # a site asks them once per agency page (hundreds of times at 10k tasks).
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def not_yet_known(self) -> str | None:
        """A notice when the register holds reports sent after the day asked about (they are
        left out: on that day nobody knew them), else None."""
        return later_notice(self.known, self.sent_later)

    @property
    def sent_later(self) -> list[date]:
        """The days the register's reports sent after the day known were sent, in order."""
        known = self.known
        return sorted(r.report.submitted for r in self.register.reports if r.report.submitted > known)

    @property
    def known(self) -> date:
        """The day up to which sent reports are known (a period's view judges on an earlier one)."""
        return self.known_on if self.known_on is not None else self.as_of

    @classmethod
    def build(cls, register: Register, as_of: date, period: Period | None = None) -> Context:
        """The register seen on `as_of`; with a period, judged on its due date at the latest
        (deadlines, figures), knowing every report for it and earlier ones sent by `as_of`,
        late ones included: a report written after the due date counts what came late."""
        known_on = as_of
        if period is not None:
            as_of = min(as_of, period.due)
            reports = [r for r in register.reports if register.calendar.parse(r.report.period) <= period]
        else:
            reports = register.reports
        directory = Directory.of(register.agencies)
        index = ProgressIndex.build(reports, as_of, register.calendar, known_on,
                                    lambda agency: directory.holder(agency, date.max) or agency)
        latest: Period | None = period if period is not None else register.calendar.latest_due(as_of)
        issued = register.programme.issued if register.programme else None
        if issued is not None and latest is not None and latest.cutoff_end < issued:
            latest = None  # no report was owed yet: its window closed before the programme (before_issue)
        return cls(register, directory, index, as_of, latest, period, known_on)

    @classmethod
    def open(cls, register: Register, as_of: date, period: str | None = None) -> Context:
        """The register seen on `as_of`, or at the end of the named period (refused when the
        programme had no such period)."""
        return cls.build(register, as_of, None if period is None else period_of(register, period))

    def find_agency(self, query: str | None) -> Agency | None:
        """The agency an --agency value names (id, name or alias), None when not given."""
        return None if query is None else self.directory.find(query)

    def before_programme(self) -> str | None:
        """A notice when the day asked about predates the programme (None otherwise)."""
        programme = self.register.programme
        if programme is None or self.as_of >= programme.issued:
            return None
        return (f"{programme.id} ban hành ngày {short_date(programme.issued)}: "
                "trước ngày đó chưa có nhiệm vụ nào đến hạn")

    def refuse_draft(self, making: str) -> None:
        """No document goes out (a report, a letter, a form) for a programme still a draft: its
        tasks and agencies are not yet checked against the document it was read from."""
        programme = self.register.programme
        if programme is not None and programme.status == "draft":
            raise QnctrError(f"không {making}: {programme.id} còn là bản nháp (status: draft). Đối chiếu với văn bản "
                             "(cả các dòng '# KIỂM TRA:' nếu có), chạy 'qnctr validate', rồi đổi status: draft thành "
                             "in_force trong tasks.yaml của chương trình")

    @property
    def programme_year(self) -> int:
        return self.register.programme.issued.year if self.register.programme else self.as_of.year

    # --- per-task computations shared by the commands -----------------------------

    def responsible(self, task: Task) -> Mapping[str, Assignment]:
        return self.directory.responsible(task.lead, self.as_of)

    def agency_state(self, task: Task, agency_id: str) -> AgencyTaskState:
        return task_state(task, self.directory.lineage(agency_id), self.index, self.latest_due)

    def task_states(self, task: Task) -> dict[str, AgencyTaskState]:
        return {aid: self.agency_state(task, aid) for aid in self.responsible(task)}

    def reported(self, agency_id: str, period: Period) -> bool:
        """Whether the agency (or a predecessor) sent a report for `period`: asked for every
        agency of every task, worked out once for each."""
        return self.remembered(("reported", agency_id, period),
                               lambda: self.index.has_report(self.directory.lineage(agency_id), period))

    def remembered(self, key: tuple[Any, ...], work: Callable[[], R]) -> R:
        """`work`'s answer, worked out the first time `key` is asked for in this context."""
        if key not in self._memo:
            self._memo[key] = work()
        return self._memo[key]  # type: ignore[no-any-return]

    def task_roles(self, on: date) -> dict[str, dict[str, Assignment]]:
        """{agency id: {task id: its role}} on `on`, for every task: one pass over the tasks
        instead of one per agency asked about."""
        def work() -> dict[str, dict[str, Assignment]]:
            roles: dict[str, dict[str, Assignment]] = {}
            for task in self.register.tasks.values():
                for aid, assignment in self.directory.roles(task.lead, task.support, on).items():
                    roles.setdefault(aid, {})[task.id] = assignment
            return roles

        return self.remembered(("task_roles", on), work)

    def task_role(self, task: Task, agency_id: str, on: date) -> Assignment | None:
        return self.task_roles(on).get(agency_id, {}).get(task.id)

    def role_of(self, lead: list[str], support: list[str], agency_id: str, on: date) -> Assignment | None:
        return self.directory.roles(lead, support, on).get(agency_id)


def agency_ref(agency: Agency | None) -> dict[str, str] | None:
    return {"id": agency.id, "name": agency.name} if agency else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def succession_notice(ctx: Context, agency: Agency) -> str | None:
    """What a query for an old name should say: who holds its tasks now."""
    if not agency.ended_by(ctx.as_of):
        return None
    since = short_date(agency.since)
    holder = ctx.directory.holder(agency.id, ctx.as_of)
    if holder is None:
        return (f"{agency.name} chấm dứt hoạt động từ {since} ({agency.basis}); "
                "chưa có cơ quan kế thừa được xác nhận trong sổ đăng ký.")
    return (f"{agency.name} đã được tổ chức lại từ {since} ({agency.basis}); "
            f"nhiệm vụ nay do {ctx.directory.name(holder)} thực hiện (kế thừa).")


def period_of(register: Register, text: str) -> Period:
    """A period as typed, refused when the programme can have no report for it."""
    period = register.calendar.parse(text)
    programme = register.programme
    if programme is not None and (problem := register.calendar.before_issue(period, programme.id, programme.issued)):
        raise QueryError(problem)
    return period
