"""Reporting periods: names, data cut-offs and due dates, by the calendar the register declares
(`programme.reporting`). Days themselves (their bounds, how they are typed and written) are
days.py's.

A calendar is the list of a year's rounds, each with its code in a period's name: the year
itself ("2026"), the first half ("2026-H1"), a quarter ("2026-Q3"), a month ("2026-09"), one
of the fixed dates a document names ("trước ngày 01/6 và 15/11 hằng năm": "2026-L1",
"2026-L2") or a report due once ("trước ngày 30/11/2023": "2023-D1", a round of that year
only). Its dates are (month, day, years after the period's year) triples, so nothing about a
year's calendar is hard-coded. Periods follow one another by their due dates (then by their
place in the year): with quarters and a year report due on 19/12, "2026" comes before
"2026-Q4" due in January."""

from __future__ import annotations

import functools
import re
from dataclasses import field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .days import short_date
from .errors import QnctrError
from .records import record

if TYPE_CHECKING:
    from .model import Reporting, ReportingPeriod


class PeriodError(QnctrError, ValueError):
    """A period string that names no period, or one the programme does not report on."""


PERIOD_NAME = re.compile(r"(\d{4})(?:-(H1|Q[1-4]|0[1-9]|1[0-2]|[LD][1-9]))?")
ROMAN_QUARTERS = ("I", "II", "III", "IV")
LAST = -1  # a day that is the last of its month

# (month, day, years after the period's year); day LAST is the month's last day
Day = tuple[int, int, int]


def _rank(code: str) -> float:
    """A period's place in its year by its code alone (so that reports sort without a calendar):
    months and quarters by their last month, the first half as June, the year after December;
    a fixed-date round or a report due once by its number."""
    if not code:
        return 12.5
    if code == "H1":
        return 6
    if code[0] == "Q":
        return 3 * int(code[1])
    if code[0] == "L":
        return int(code[1]) / 100
    if code[0] == "D":
        return int(code[1]) / 100 + 0.001
    return int(code)


@record
class Round:
    """One report of a year: its code, its data window and its due date (the last day on time);
    a round whose window has no start opens the day after the round before it was due. A
    report due once is a round of its `year` only."""

    code: str
    due: Day
    end: Day
    start: Day | None
    year: int | None = None

    @property
    def rank(self) -> float:
        return _rank(self.code)


@functools.lru_cache(maxsize=4096)  # asked for every report of a register, a few dozen distinct answers
def _day(year: int, when: Day) -> date:
    month, day, years = when
    y = year + years + (month - 1) // 12
    m = (month - 1) % 12 + 1
    last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).day  # the month's last day
    return date(y, m, last if day == LAST else min(day, last))


def _rounds(reporting: Reporting) -> tuple[Round, ...]:
    rounds: list[Round] = []
    for rule in reporting.periods:
        rounds += _rounds_of(rule, reporting.due_day)
    return tuple(sorted(rounds, key=lambda r: r.rank))


def _rounds_of(rule: ReportingPeriod, due_day: int | None) -> list[Round]:
    if rule.kind in ("half-year", "year"):
        assert rule.cutoff is not None and rule.due_month is not None and due_day is not None
        (fm, fd), (tm, td) = ((int(x) for x in md.split("-")) for md in (rule.cutoff.start, rule.cutoff.end))
        opens_year_before = (fm, fd) > (tm, td)
        return [Round("" if rule.kind == "year" else "H1", (rule.due_month, due_day, 0), (tm, td, 0),
                      (fm, fd, -int(opens_year_before)))]
    if rule.kind == "dates":
        out = []
        for i, md in enumerate(rule.dates or [], 1):
            m, d = (int(x) for x in md.split("-"))
            out.append(Round(f"L{i}", (m, d, 0), (m, d, 0), None))
        return out
    if rule.kind == "once":
        once: list[Round] = []
        numbered: dict[int, int] = {}
        for day in rule.days or []:
            n = numbered[day.year] = numbered.get(day.year, 0) + 1
            once.append(Round(f"D{n}", (day.month, day.day, 0), (day.month, day.day, 0), None, day.year))
        return once
    assert due_day is not None  # a quarter's or a month's: the model requires it
    length = 3 if rule.kind == "quarter" else 1
    count = 12 // length
    out = []
    for n in range(1, count + 1):
        first, last = (n - 1) * length + 1, n * length
        code = f"Q{n}" if rule.kind == "quarter" else f"{n:02d}"
        due = (last + (1 if rule.due_in == "next-month" else 0), due_day, 0)
        if rule.window is None:  # the calendar months themselves
            start, end = (first, 1, 0), (last, LAST, 0)
        else:  # from a day of the month before (or of the first month) to a day of the last month
            opens = first - 1 if rule.window.start > rule.window.end else first
            start, end = (opens, rule.window.start, 0), (last, rule.window.end, 0)
        out.append(Round(code, due, end, start))
    return out


@record(eq=False)  # one per register, kept: hashed by identity, as the caches below need
class Calendar:
    """A programme's reporting calendar, read from its register: nothing here is hard-coded."""

    rounds: tuple[Round, ...]
    opens: date | None = None  # the programme's day of issue: the first window opens no earlier

    @classmethod
    def from_reporting(cls, reporting: Reporting, opens: date | None = None) -> Calendar:
        return cls(_rounds(reporting), opens)

    def round(self, code: str, year: int | None = None) -> Round:
        found = next((r for r in self.rounds if r.code == code and (year is None or r.year in (None, year))), None)
        if found is None:
            if year is not None and any(r.code == code for r in self.rounds):
                raise PeriodError(f"chương trình không có kỳ báo cáo {year}-{code}; dùng {self.forms()}")
            if any(_kind_label(r.code) == _kind_label(code) for r in self.rounds):  # a third of two rounds
                named = f"{year}-{code}" if year is not None else f"YYYY-{code}"
                raise PeriodError(f"chương trình không có kỳ báo cáo {named}; dùng {self.forms()}")
            raise PeriodError(f"chương trình không có kỳ báo cáo {_kind_label(code)}; dùng {self.forms()}")
        return found

    @property
    def _once_years(self) -> tuple[int, int] | None:
        """The first and last year of a calendar of reports due once only; None when it recurs."""
        if any(r.year is None for r in self.rounds):
            return None
        years = [r.year for r in self.rounds if r.year is not None]
        return min(years), max(years)

    def _after(self, key: tuple[date, float], year: int) -> Period | None:
        """The first period that comes after `key` (due date, place in the year), looking from `year` on."""
        span = self._once_years
        years = range(year, year + 3) if span is None else range(max(year, span[0]), span[1] + 1)
        return min((p for y in years for p in _year_periods(self, y) if p.order > key),
                   key=_order, default=None)

    def _before(self, key: tuple[date, float], year: int) -> Period | None:
        """The last period that comes before `key`, looking from `year` back."""
        span = self._once_years
        years = range(year, year - 3, -1) if span is None else range(min(year, span[1]), span[0] - 1, -1)
        return max((p for y in years for p in _year_periods(self, y) if p.order < key),
                   key=_order, default=None)

    def forms(self) -> str:
        """How this calendar's periods are typed: 'YYYY-H1 (6 tháng đầu năm) hoặc YYYY (cả năm)';
        reports due once by their own names: '2023-D1 (báo cáo một lần, hạn 30/11/2023)'."""
        recurring = tuple(r.code for r in self.rounds if r.year is None)
        once = [f"{r.year}-{r.code} (báo cáo một lần, hạn {short_date(_day(r.year, r.due))})"
                for r in self.rounds if r.year is not None]
        return " hoặc ".join([*([_forms(recurring)] if recurring else []), *([", ".join(once)] if once else [])])

    def parse(self, text: str) -> Period:
        """A period as typed (2026, 2026-H1, 2026-Q3, 2026-09, 2026-L1, 2023-D1; in any case), on this calendar."""
        return _parsed(self, text)

    def before_issue(self, period: Period, programme_id: str, issued: date) -> str | None:
        """Why no report can exist for `period` (its data window closed before the programme
        was issued), or None when it can."""
        if period.cutoff_end >= issued:
            return None
        return (f"kỳ {period} ({period.label}) kết thúc trước khi {programme_id} ban hành ngày "
                f"{short_date(issued)}; kỳ báo cáo đầu tiên là {self.first_after(issued).label}")

    def first_after(self, issued: date) -> Period:
        """The first period whose data window is still open on the day of issue (the last one
        when every report due once came before it)."""
        period = self._after((date.min, 0), issued.year - 1)
        assert period is not None  # a calendar has at least one round
        while period.cutoff_end < issued and (later := period.next()) is not None:
            period = later
        return period

    def latest_due(self, as_of: date) -> Period | None:
        """The newest period whose report deadline has passed on `as_of` (due date < as_of);
        None before the first of a calendar of reports due once."""
        return self._before((as_of, -1), as_of.year)

    def upcoming(self, as_of: date) -> Period | None:
        """The period whose report comes due next, on or after `as_of`; None when there is none
        (every report of a calendar of reports due once is past)."""
        period = self.current(as_of)
        return period if period.due >= as_of else None

    def current(self, as_of: date) -> Period:
        """The period whose report comes due next, on or after `as_of`; when every report due
        once is past, the last of them. Never one whose data window closed before the programme
        was issued (a monthly plan issued on 3 December owes nothing for November): no report
        can be written for it (before_issue), so none is ever due."""
        # a round of a year may fall due in the next one
        period = self._after((as_of - timedelta(days=1), 99), as_of.year - 1) or self.latest_due(as_of)
        assert period is not None
        if self.opens is not None and period.cutoff_end < self.opens:
            return self.first_after(self.opens)
        return period


@functools.lru_cache(maxsize=1024)
def _year_periods(calendar: Calendar, year: int) -> tuple[Period, ...]:
    """A year's periods on the calendar, in the order they fall due."""
    return tuple(sorted((Period(year, r.code, calendar) for r in calendar.rounds if r.year in (None, year)), key=_order))


def _order(period: Period) -> tuple[date, float]:
    return period.order


@functools.lru_cache(maxsize=4096)
def _round_of(calendar: Calendar, code: str, year: int) -> Round:
    return calendar.round(code, year)


@functools.lru_cache(maxsize=4096)
def _parsed(calendar: Calendar, text: str) -> Period:
    name = Period.parse(text.strip().upper(), calendar)
    _round_of(calendar, name.code, name.year)  # refused when the calendar has no such period
    return Period(name.year, name.code, calendar)


def _forms(codes: tuple[str, ...]) -> str:
    """The forms of period names, in the order of the year."""
    parts: list[str] = []
    if "H1" in codes:
        parts.append("YYYY-H1 (6 tháng đầu năm)")
    for prefix, what in (("Q", "quý"), ("L", "các lần báo cáo trong năm")):
        found = [c for c in codes if c.startswith(prefix)]
        if found:
            parts.append(f"YYYY-{found[0]}…YYYY-{found[-1]} ({what})" if len(found) > 1 else f"YYYY-{found[0]} ({what})")
    if any(c[:1].isdigit() for c in codes):
        parts.append("YYYY-01…YYYY-12 (tháng)")
    if "" in codes:
        parts.append("YYYY (cả năm)")
    return ", ".join(parts[:-1]) + " hoặc " + parts[-1] if len(parts) > 1 else parts[0]


def _kind_label(code: str) -> str:
    return {"": "năm", "H1": "6 tháng"}.get(code) or (
        "quý" if code.startswith("Q") else "theo ngày cố định" if code.startswith("L")
        else "một lần" if code.startswith("D") else "tháng")


@functools.total_ordering
@record(eq=False)
class Period:
    """A period on a programme's calendar: `2026` (cả năm), `2026-H1`, `2026-Q3`, `2026-09`,
    `2026-L1`, `2023-D1`. Periods on a calendar order by their due dates, then by their place in
    the year; without one (a name only), by their place in the year (H1 before the year). Equal
    periods are equal whatever calendar they were read with."""

    year: int
    code: str
    calendar: Calendar | None = field(default=None, repr=False)

    @classmethod
    def parse(cls, text: str, calendar: Calendar | None = None) -> Period:
        """The name only, for ordering and keys; dates need `Calendar.parse`."""
        m = PERIOD_NAME.fullmatch(text.strip())
        if not m or not 2000 <= int(m.group(1)) <= 2100:
            forms = calendar.forms() if calendar is not None else _forms(("H1", ""))
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: dùng {forms}")
        return cls(int(m.group(1)), m.group(2) or "")

    @property
    def rank(self) -> float:
        return _rank(self.code)

    @property
    def order(self) -> tuple[date, float]:
        """Where the period falls on its calendar: its due date, then its place in the year."""
        return self.due, self.rank

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Period) and (self.year, self.code) == (other.year, other.code)

    def __lt__(self, other: Period) -> bool:
        if self.calendar is not None and other.calendar is not None:
            return self.order < other.order
        return (self.year, self.rank) < (other.year, other.rank)

    def __hash__(self) -> int:
        return hash((self.year, self.code))

    def __str__(self) -> str:
        return f"{self.year}-{self.code}" if self.code else str(self.year)

    @property
    def full_year(self) -> bool:
        return not self.code

    @property
    def label(self) -> str:
        code, y = self.code, self.year
        if not code:
            return f"năm {y}"
        if code == "H1":
            return f"6 tháng đầu năm {y}"
        if code[0] == "Q":
            return f"quý {ROMAN_QUARTERS[int(code[1]) - 1]} năm {y}"
        if code[0] == "L":
            return f"lần {code[1]} năm {y}"
        if code[0] == "D":
            return f"đợt {code[1]} năm {y}"
        return f"tháng {int(code)} năm {y}"

    @property
    def _calendar(self) -> Calendar:
        if self.calendar is None:
            raise TypeError(f"kỳ {self} chưa gắn với lịch báo cáo của chương trình (Calendar.parse)")
        return self.calendar

    @property
    def _round(self) -> Round:
        return _round_of(self._calendar, self.code, self.year)

    def not_begun(self, on: date) -> str | None:
        """Why nothing can be reported for this period on `on` (its data window has not opened:
        a year typed decades off, the next round asked for early), or None."""
        if self.cutoff_start <= on:
            return None
        return f"kỳ {self} ({self.label}) chưa bắt đầu: số liệu của kỳ tính từ {short_date(self.cutoff_start)}"

    @property
    def cutoff_start(self) -> date:
        """The day the period's data window opens (the register's cutoff.from)."""
        start = self._round.start
        if start is None:  # a fixed-date round: the day after the round before it was due
            before = self.previous()
            if before is None:  # the first of a calendar's reports due once: since the programme began
                return self._calendar.opens or date(self.year, 1, 1)
            return before.due + timedelta(days=1)
        return _day(self.year, start)

    @property
    def cutoff_end(self) -> date:
        return _day(self.year, self._round.end)

    @property
    def due(self) -> date:
        """Last day on which the report is on time."""
        return _day(self.year, self._round.due)

    def default_observed(self, today: date) -> date:
        """"Tính đến" of a figure given without one: the period's cut-off, never the future."""
        return min(today, self.cutoff_end)

    def next(self) -> Period | None:
        """The period due after this one; None after the last of a calendar of reports due once."""
        return self._calendar._after(self.order, self.year)

    def previous(self) -> Period | None:
        """The period due before this one; None before the first of a calendar of reports due once."""
        return self._calendar._before(self.order, self.year)

    def a_year_before(self) -> Period | None:
        """The same period a year earlier ("so với cùng kỳ"); None for a report due once."""
        if self.code.startswith("D"):
            return None
        return Period(self.year - 1, self.code, self.calendar)


def periods_between(first: Period, last: Period) -> list[Period]:
    """The periods from `first` to `last`, both included, in the order they fall due."""
    out = []
    period: Period | None = first
    while period is not None and period.order <= last.order:
        out.append(period)
        period = period.next()
    return out
