"""Days: the dates a register may hold, the forms a person types a day in and reads it back in,
and today. A leaf: it needs nothing else of qnctr but its error, so the records (model.py) and
the calendar (calendar.py) both build on it."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta, timezone

from .errors import QnctrError

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)  # what a register date can be
# A day as people type it: ISO, the way Vietnamese officials write it, or with dashes (15-05-2026,
# as a spreadsheet may show it). The one list: options and form cells read days through read_day.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
# A reporting period as people type it, on any calendar a programme may have (calendar.Period
# reads these names; a programme's own forms are said when one is typed wrong): the command
# line's help and the hints of validate say it so.
PERIOD_FORMS = ("YYYY-H1 (6 tháng), YYYY (năm), YYYY-Q1…Q4 (quý), YYYY-01…12 (tháng), "
                "YYYY-L1… (ngày cố định), YYYY-D1 (báo cáo một lần)")


# Vietnam keeps UTC+7 all year (no summer time since 1975). The day a deadline falls on is the
# day in Vietnam, whatever the machine's clock is set to: a CI runner or a server on UTC is still
# on yesterday until 07:00, and counted a task due yesterday as not yet late, a report recorded
# at 06:30 on the 20th as sent on the 19th.
VIETNAM = timezone(timedelta(hours=7), "ICT")


def today() -> date:
    """The real today in Vietnam: the one place qnctr reads the clock (`--as-of` stands in for it)."""
    return datetime.now(VIETNAM).date()


def _month(day: date) -> str:
    """NĐ 30/2020 writes months 1 and 2 with a leading zero (no digit can be added before them)."""
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def vn_date(day: date) -> str:
    """'ngày 05 tháng 01 năm 2026' (NĐ 30/2020: leading zero for days < 10 and months 1–2)."""
    return f"ngày {day.day:02d} tháng {_month(day)} năm {day.year}"


def cited_date(day: date) -> str:
    """A document's date as a text cites it: '02/7/2021', '10/01/2026' (the day in two digits,
    the month in two only when it is 1 or 2, as NĐ 30/2020 writes a date, so that no digit can
    be added before it)."""
    return f"{day.day:02d}/{_month(day)}/{day.year}"


def short_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def read_day(text: str) -> date | None:
    """A day typed in one of DATE_FORMATS, or None."""
    plain = text.strip()
    if len(plain) == 10 and plain[4] == plain[7] == "-" and plain[:4].isdigit():  # YYYY-MM-DD, as strptime
        with contextlib.suppress(ValueError):  # reads it, without importing strptime's locale machinery
            return date.fromisoformat(plain)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(plain, fmt).date()
        except ValueError:
            continue
    return None


def parse_day(text: str | None, option: str) -> date | None:
    """A date typed as YYYY-MM-DD or dd/mm/yyyy (or dd-mm-yyyy); a wrong one is refused naming its option."""
    if text is None:
        return None
    if (day := read_day(text)) is not None:
        return day
    raise QnctrError(f"{option} '{text}' không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)")


def as_of_day(text: str | None) -> date:
    """The day a command takes as today: `--as-of`, or the real today."""
    day = parse_day(text, "--as-of") or today()
    if not FIRST_DAY <= day <= LAST_DAY:
        raise QnctrError(f"--as-of {day.isoformat()} nằm ngoài khoảng qnctr tính được "
                         f"({FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y})")
    return day
