"""Reporting periods: names, data cut-offs, due dates (CTr 131 mục V, NĐ 09/2019/NĐ-CP)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .errors import QnctrError

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)  # what a register date can be
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")  # as typed: ISO, or the way Vietnamese officials write it

# "trước ngày 20 của tháng cuối kỳ báo cáo": the last day on time is the 19th.
REPORT_DUE_DAY = 19


class PeriodError(QnctrError, ValueError):
    """A period string that is not YYYY-H1 or YYYY."""


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """`YYYY-H1` (6 tháng đầu năm) or `YYYY` (cả năm). Orders H1 before the year."""

    year: int
    full_year: bool

    @classmethod
    def parse(cls, text: str) -> Period:
        m = re.fullmatch(r"(\d{4})(-H1)?", text.strip())
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
    def cutoff_start(self) -> date:
        """Data cut-off opens on 15/12 of the year before (NĐ 09/2019)."""
        return date(self.year - 1, 12, 15)

    @property
    def cutoff_end(self) -> date:
        return date(self.year, 12, 14) if self.full_year else date(self.year, 6, 14)

    @property
    def due(self) -> date:
        """Last day on which the report is on time (19/6 or 19/12)."""
        return date(self.year, 12 if self.full_year else 6, REPORT_DUE_DAY)

    def default_observed(self, today: date) -> date:
        """"Tính đến" of a figure given without one: the period's cut-off, never the future."""
        return min(today, self.cutoff_end)

    def next(self) -> Period:
        return Period(self.year + 1, False) if self.full_year else Period(self.year, True)

    def previous(self) -> Period:
        return Period(self.year, False) if self.full_year else Period(self.year - 1, True)


def before_issue(period: Period, programme_id: str, issued: date) -> str | None:
    """Why no report can exist for `period` (its data window closed before the programme
    was issued), or None when it can."""
    if period.cutoff_end >= issued:
        return None
    return (f"kỳ {period} ({period.label}) kết thúc trước khi {programme_id} ban hành ngày "
            f"{short_date(issued)}; kỳ báo cáo đầu tiên là {first_period(issued).label}")


def first_period(issued: date) -> Period:
    """The first period whose data window is still open on the day of issue."""
    period = Period(issued.year, False)
    return period if period.cutoff_end >= issued else period.next()


def latest_due_period(as_of: date) -> Period:
    """The newest period whose report deadline has passed on `as_of` (due date < as_of)."""
    period = current_period(as_of)
    while period.due >= as_of:
        period = period.previous()
    return period


def current_period(as_of: date) -> Period:
    """The period whose report comes due next, on or after `as_of`."""
    period = Period(as_of.year, False)
    while period.due < as_of:
        period = period.next()
    return period


def periods_between(first: Period, last: Period) -> list[Period]:
    out = []
    period = first
    while period <= last:
        out.append(period)
        period = period.next()
    return out


def vn_date(day: date) -> str:
    """'ngày 05 tháng 01 năm 2026' (NĐ 30/2020: leading zero for days < 10 and months 1–2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def parse_day(text: str | None, option: str) -> date | None:
    """A date typed as YYYY-MM-DD or dd/mm/yyyy; a wrong one is refused naming its option."""
    if text is None:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise QnctrError(f"{option} '{text}' không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)")


def as_of_day(text: str | None) -> date:
    """The day a command takes as today: `--as-of`, or the real today."""
    day = parse_day(text, "--as-of") or date.today()
    if not FIRST_DAY <= day <= LAST_DAY:
        raise QnctrError(f"--as-of {day.isoformat()} nằm ngoài khoảng qnctr tính được "
                         f"({FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y})")
    return day
