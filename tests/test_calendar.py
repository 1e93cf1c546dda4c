"""Periods, cut-offs and report due dates."""

from __future__ import annotations

from datetime import date

import pytest

from qnctr.calendar import Period, PeriodError, current_period, latest_due_period, vn_date


def test_half_year_and_year_periods() -> None:
    h1, year = Period.parse("2026-H1"), Period.parse("2026")
    assert (h1.due, year.due) == (date(2026, 6, 19), date(2026, 12, 19))
    assert (h1.cutoff_start, h1.cutoff_end) == (date(2025, 12, 15), date(2026, 6, 14))
    assert (year.cutoff_start, year.cutoff_end) == (date(2025, 12, 15), date(2026, 12, 14))
    assert h1.label == "6 tháng đầu năm 2026" and year.label == "năm 2026"
    assert h1 < year < Period.parse("2027-H1")
    assert str(h1) == "2026-H1" and str(year) == "2026"


@pytest.mark.parametrize("text", ["2026-H2", "2026H1", "26", "2026-h1x", "", "abcd", "1999"])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_report_is_due_through_the_19th_and_missing_from_the_20th() -> None:
    assert str(latest_due_period(date(2026, 6, 19))) == "2025"
    assert str(latest_due_period(date(2026, 6, 20))) == "2026-H1"
    assert str(latest_due_period(date(2026, 12, 19))) == "2026-H1"
    assert str(latest_due_period(date(2026, 12, 20))) == "2026"
    assert str(current_period(date(2026, 11, 24))) == "2026"
    assert str(current_period(date(2026, 6, 19))) == "2026-H1"


def test_vietnamese_dates_use_leading_zeros_as_decree_30_says() -> None:
    assert vn_date(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vn_date(date(2026, 6, 19)) == "ngày 19 tháng 6 năm 2026"
    assert vn_date(date(2026, 12, 9)) == "ngày 09 tháng 12 năm 2026"
