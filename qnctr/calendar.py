"""Reporting periods: names, data cut-offs and due dates, by the calendar the register declares
(`programme.reporting`). Days themselves (their bounds, how they are typed and written) are
days.py's."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .days import short_date
from .errors import QnctrError

if TYPE_CHECKING:
    from .model import Reporting


class PeriodError(QnctrError, ValueError):
    """A period string that is not YYYY-H1 or YYYY, or one the programme does not report on."""


PERIOD_NAME = re.compile(r"(\d{4})(-H1)?")


@dataclass(frozen=True, slots=True)
class PeriodRule:
    """How one kind of period is reported (the register's `programme.reporting.periods`):
    the month its report is due in, and its data window as (month, day) pairs; a window that
    opens later in the year than it closes opens in the year before."""

    due_month: int
    cutoff_from: tuple[int, int]
    cutoff_to: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Calendar:
    """A programme's reporting calendar, read from its register: nothing here is hard-coded.
    `due_day` is the last day on time ("trước ngày 20" is 19)."""

    due_day: int
    half_year: PeriodRule | None
    year: PeriodRule | None

    @classmethod
    def from_reporting(cls, reporting: Reporting) -> Calendar:
        def rule(kind: str) -> PeriodRule | None:
            found = next((p for p in reporting.periods if p.kind == kind), None)
            if found is None:
                return None
            start, end = (tuple(int(x) for x in md.split("-")) for md in (found.cutoff.start, found.cutoff.end))
            return PeriodRule(found.due_month, (start[0], start[1]), (end[0], end[1]))

        return cls(reporting.due_day, rule("half-year"), rule("year"))

    def rule(self, full_year: bool) -> PeriodRule:
        found = self.year if full_year else self.half_year
        if found is None:
            raise PeriodError(f"chương trình không có kỳ báo cáo {'năm' if full_year else '6 tháng'}")
        return found

    def parse(self, text: str) -> Period:
        """A period as typed (YYYY-H1, in any case, or YYYY), on this calendar."""
        name = Period.parse(text.strip().upper())
        self.rule(name.full_year)
        return Period(name.year, name.full_year, self)

    def first(self, year: int) -> Period:
        """The first period reported on in a year."""
        return Period(year, self.half_year is None, self)

    def before_issue(self, period: Period, programme_id: str, issued: date) -> str | None:
        """Why no report can exist for `period` (its data window closed before the programme
        was issued), or None when it can."""
        if period.cutoff_end >= issued:
            return None
        return (f"kỳ {period} ({period.label}) kết thúc trước khi {programme_id} ban hành ngày "
                f"{short_date(issued)}; kỳ báo cáo đầu tiên là {self.first_after(issued).label}")

    def first_after(self, issued: date) -> Period:
        """The first period whose data window is still open on the day of issue."""
        period = self.first(issued.year)
        while period.cutoff_end < issued:
            period = period.next()
        return period

    def latest_due(self, as_of: date) -> Period:
        """The newest period whose report deadline has passed on `as_of` (due date < as_of)."""
        period = self.current(as_of)
        while period.due >= as_of:
            period = period.previous()
        return period

    def current(self, as_of: date) -> Period:
        """The period whose report comes due next, on or after `as_of`."""
        period = self.first(as_of.year)
        while period.due < as_of:
            period = period.next()
        return period


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """`YYYY-H1` (6 tháng đầu năm) or `YYYY` (cả năm) on a programme's calendar. Orders H1
    before the year; equal periods are equal whatever calendar they were read with."""

    year: int
    full_year: bool
    calendar: Calendar | None = field(default=None, compare=False, repr=False)

    @classmethod
    def parse(cls, text: str) -> Period:
        """The name only, for ordering and keys; dates need `Calendar.parse`."""
        m = PERIOD_NAME.fullmatch(text.strip())
        if not m or not 2000 <= int(m.group(1)) <= 2100:
            raise PeriodError(
                f"kỳ báo cáo '{text}' không hợp lệ: dùng YYYY-H1 (6 tháng đầu năm) hoặc YYYY (cả năm)"
            )
        return cls(int(m.group(1)), m.group(2) is None)

    def __str__(self) -> str:
        return str(self.year) if self.full_year else f"{self.year}-H1"

    @property
    def label(self) -> str:
        return f"năm {self.year}" if self.full_year else f"6 tháng đầu năm {self.year}"

    @property
    def _calendar(self) -> Calendar:
        if self.calendar is None:
            raise TypeError(f"kỳ {self} chưa gắn với lịch báo cáo của chương trình (Calendar.parse)")
        return self.calendar

    @property
    def _rule(self) -> PeriodRule:
        return self._calendar.rule(self.full_year)

    @property
    def cutoff_start(self) -> date:
        """The day the period's data window opens (the register's cutoff.from)."""
        rule = self._rule
        opens_year_before = rule.cutoff_from > rule.cutoff_to
        return date(self.year - opens_year_before, *rule.cutoff_from)

    @property
    def cutoff_end(self) -> date:
        return date(self.year, *self._rule.cutoff_to)

    @property
    def due(self) -> date:
        """Last day on which the report is on time."""
        return date(self.year, self._rule.due_month, self._calendar.due_day)

    def default_observed(self, today: date) -> date:
        """"Tính đến" of a figure given without one: the period's cut-off, never the future."""
        return min(today, self.cutoff_end)

    def next(self) -> Period:
        if self.full_year:
            return Period(self.year + 1, False, self.calendar).first_kind()
        return Period(self.year, True, self.calendar)

    def previous(self) -> Period:
        if self.full_year and (self.calendar is None or self.calendar.half_year is not None):
            return Period(self.year, False, self.calendar)
        return Period(self.year - 1, True, self.calendar)

    def first_kind(self) -> Period:
        """This year's first period on the calendar (a programme with no half-year report: the year)."""
        if self.calendar is not None and self.calendar.half_year is None:
            return Period(self.year, True, self.calendar)
        return self


def periods_between(first: Period, last: Period) -> list[Period]:
    out = []
    period = first
    while period <= last:
        out.append(period)
        period = period.next()
    return out
