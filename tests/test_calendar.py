"""Periods, cut-offs and report due dates: read from the register's programme.reporting."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from qnctr.calendar import Calendar, PeriodError
from qnctr.days import vn_date
from qnctr.model import Reporting, validate

from .support import AS_OF, run_cli


def calendar(due_day: int, *periods: dict[str, object]) -> Calendar:
    """A calendar as a register declares it (programme.reporting)."""
    return Calendar.from_reporting(validate(Reporting, {"source": "V", "text": "Định kỳ", "due_day": due_day,
                                                        "periods": list(periods)}))


HALF_YEAR = {"kind": "half-year", "due_month": 6, "cutoff": {"from": "12-15", "to": "06-14"}}
YEAR = {"kind": "year", "due_month": 12, "cutoff": {"from": "12-15", "to": "12-14"}}
# The calendar of Nghị định 09/2019 as the shipped register and the test register declare it.
DECREE_09 = calendar(19, HALF_YEAR, YEAR)


def test_half_year_and_year_periods() -> None:
    h1, year = DECREE_09.parse("2026-H1"), DECREE_09.parse("2026")
    assert (h1.due, year.due) == (date(2026, 6, 19), date(2026, 12, 19))
    assert (h1.cutoff_start, h1.cutoff_end) == (date(2025, 12, 15), date(2026, 6, 14))
    assert (year.cutoff_start, year.cutoff_end) == (date(2025, 12, 15), date(2026, 12, 14))
    assert h1.label == "6 tháng đầu năm 2026" and year.label == "năm 2026"
    assert h1 < year < DECREE_09.parse("2027-H1")
    assert str(h1) == "2026-H1" and str(year) == "2026"


@pytest.mark.parametrize("text", ["2026-H2", "2026H1", "26", "2026-h1x", "", "abcd", "1999"])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(PeriodError):
        DECREE_09.parse(text)


def test_report_is_due_through_the_19th_and_missing_from_the_20th() -> None:
    assert str(DECREE_09.latest_due(date(2026, 6, 19))) == "2025"
    assert str(DECREE_09.latest_due(date(2026, 6, 20))) == "2026-H1"
    assert str(DECREE_09.latest_due(date(2026, 12, 19))) == "2026-H1"
    assert str(DECREE_09.latest_due(date(2026, 12, 20))) == "2026"
    assert str(DECREE_09.current(date(2026, 11, 24))) == "2026"
    assert str(DECREE_09.current(date(2026, 6, 19))) == "2026-H1"


def test_a_programme_with_only_a_year_report_has_no_half_year() -> None:
    yearly = calendar(10, YEAR)
    year = yearly.parse("2026")
    assert str(yearly.current(date(2026, 3, 1))) == "2026" and year.due == date(2026, 12, 10)
    assert (str(year.previous()), str(year.next())) == ("2025", "2027")
    with pytest.raises(PeriodError, match="6 tháng"):
        yearly.parse("2026-H1")


def test_vietnamese_dates_use_leading_zeros_as_decree_30_says() -> None:
    assert vn_date(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vn_date(date(2026, 6, 19)) == "ngày 19 tháng 6 năm 2026"
    assert vn_date(date(2026, 12, 9)) == "ngày 09 tháng 12 năm 2026"


def _rewrite(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


def test_the_calendar_and_the_letterhead_come_from_the_register(mini: Path) -> None:
    """Change the reporting rules, the place and the issuer in the register: due dates, cut-offs,
    what is missing and the report's letterhead all follow; nothing is taken from the code."""
    tasks = mini / "tasks.yaml"
    _rewrite(tasks, r"^    due_day: 19$", "    due_day: 9")
    _rewrite(tasks, r'kind: half-year, due_month: 6, cutoff: \{from: "12-15", to: "06-14"\}',
             'kind: half-year, due_month: 7, cutoff: {from: "01-01", to: "06-30"}')
    _rewrite(tasks, r"^  place: Thử$", "  place: Làng Thử")
    _rewrite(mini / "agencies.yaml", r"^  short_name: UBND tỉnh Thử$", "  short_name: UBND tỉnh Khác")

    upcoming = json.loads(run_cli("upcoming", "--within", "400", "-f", "json", "--data", str(mini),
                                  "--as-of", "2027-06-01").out)
    dues = {i["due"] for i in upcoming["items"] if i["kind"] == "report"}
    assert "2027-07-09" in dues and "2027-06-19" not in dues  # 9 July now, not 19 June

    status = json.loads(run_cli("status", "-f", "json", "--data", str(mini), "--as-of", "2026-07-05").out)
    assert status["period"] == "2025", "2026-H1 is not yet due on 5/7 when reports are due on 9/7"

    report = run_cli("report", "-p", "2027-H1", "-f", "md", "-o", "-", "--data", str(mini), "--as-of", "2027-07-09")
    assert report.code == 0, report.err
    assert "01/01/2027" in report.out and "30/06/2027" in report.out  # the new data window
    assert "Làng Thử, ngày 09 tháng 7 năm 2027" in report.out
    assert "UBND TỈNH KHÁC" in report.out and "UBND tỉnh Khác (b/c)" in report.out
    assert "09/7/2027" in report.out or "09/07/2027" in report.out


def test_the_shipped_register_keeps_its_decree_09_calendar() -> None:
    upcoming = json.loads(run_cli("upcoming", "--within", "60", "-f", "json", "--as-of", AS_OF).out)
    assert {i["due"] for i in upcoming["items"] if i["kind"] == "report"} == {"2026-12-19"}


QUARTER = {"kind": "quarter", "window": {"from": 15, "to": 14}}
MONTH_NEXT = {"kind": "month", "due_in": "next-month"}
FIXED = {"kind": "dates", "dates": ["05-31", "11-14"]}  # "trước ngày 01/6 và 15/11 hằng năm"


def test_quarterly_reports_as_a_plan_writes_them() -> None:
    quarterly = calendar(19, QUARTER, YEAR)
    q1, q3, q4, year = (quarterly.parse(t) for t in ("2026-Q1", "2026-q3", "2026-Q4", "2026"))
    assert (q1.cutoff_start, q1.cutoff_end, q1.due) == (date(2025, 12, 15), date(2026, 3, 14), date(2026, 3, 19))
    assert (q3.cutoff_start, q3.cutoff_end, q3.due) == (date(2026, 6, 15), date(2026, 9, 14), date(2026, 9, 19))
    assert q1.label == "quý I năm 2026" and q4.label == "quý IV năm 2026" and str(q3) == "2026-Q3"
    assert q1 < q3 < q4 < year < quarterly.parse("2027-Q1")
    assert [str(p) for p in (q4.next(), year.next(), q1.previous())] == ["2026", "2027-Q1", "2025"]
    assert str(quarterly.latest_due(date(2026, 10, 1))) == "2026-Q3" and str(quarterly.current(date(2026, 10, 1))) == "2026-Q4"


@pytest.mark.parametrize("due_day", [14, 19, 1])
def test_a_quarter_due_before_its_data_close_is_refused_with_a_window_that_would_do(due_day: int) -> None:
    """The message offered {from: 15, to: 14} whatever the due day: for reports due on the 14th,
    a window the same rule refuses. The window it offers now passes, and none is offered when no
    window can close before the due day."""
    with pytest.raises(ValueError) as refused:
        calendar(due_day, {"kind": "quarter", "window": {"from": due_day + 1, "to": due_day}})
    said = str(refused.value)
    offered = re.search(r"\{from: (\d+), to: (\d+)\}", said)
    if due_day == 1:
        assert offered is None and "due_in: next-month" in said
        return
    assert offered is not None, said
    window = {"from": int(offered[1]), "to": int(offered[2])}
    assert str(calendar(due_day, {"kind": "quarter", "window": window}).parse("2026-Q3").cutoff_end) == \
        f"2026-09-{window['to']:02d}"


def test_monthly_reports_due_the_month_after() -> None:
    monthly = calendar(4, MONTH_NEXT)  # "trước ngày 05 tháng sau"
    december = monthly.parse("2026-12")
    assert (december.cutoff_start, december.cutoff_end, december.due) == (date(2026, 12, 1), date(2026, 12, 31),
                                                                           date(2027, 1, 4))
    assert monthly.parse("2026-02").cutoff_end == date(2026, 2, 28) and december.label == "tháng 12 năm 2026"
    assert str(monthly.current(date(2026, 12, 20))) == "2026-12" and str(monthly.latest_due(date(2027, 1, 5))) == "2026-12"
    assert str(december.next()) == "2027-01"


def test_reports_on_fixed_dates_each_year() -> None:
    fixed = calendar(19, FIXED)
    first, second = fixed.parse("2026-L1"), fixed.parse("2026-L2")
    assert (first.cutoff_start, first.cutoff_end, first.due) == (date(2025, 11, 15), date(2026, 5, 31), date(2026, 5, 31))
    assert (second.cutoff_start, second.due) == (date(2026, 6, 1), date(2026, 11, 14))
    assert first.label == "lần 1 năm 2026" and str(second.next()) == "2027-L1"
    assert str(fixed.current(date(2026, 11, 20))) == "2027-L1"


def test_fixed_dates_need_no_due_day_and_a_half_year_says_it_needs_one() -> None:
    """"Trước ngày 01/6 và 15/11 hằng năm" names its own days: a register had to invent a
    `due_day` the calendar never read, or be refused for the field missing."""
    bare = {"source": "IV", "text": "Báo cáo trước ngày 01/6 và 15/11 hằng năm.", "periods": [FIXED]}
    fixed = Calendar.from_reporting(validate(Reporting, bare))
    assert [str(p) for p in (fixed.parse("2026-L1"), fixed.parse("2026-L2"))] == ["2026-L1", "2026-L2"]
    assert fixed.parse("2026-L2").due == date(2026, 11, 14)
    once = {**bare, "periods": [{"kind": "once", "days": ["2025-11-30"]}]}
    assert Calendar.from_reporting(validate(Reporting, once)).parse("2025-D1").due == date(2025, 11, 30)
    with pytest.raises(ValueError, match="thiếu due_day: ngày cuối cùng còn đúng hạn của kỳ 'half-year'"):
        validate(Reporting, {**bare, "periods": [HALF_YEAR, FIXED]})


@pytest.mark.parametrize(("text", "forms"), [
    ("2026-Q3", "YYYY-H1 (6 tháng đầu năm) hoặc YYYY (cả năm)"),
    ("2026-13", "YYYY-H1 (6 tháng đầu năm) hoặc YYYY (cả năm)"),
])
def test_a_period_not_in_the_programme_s_calendar_names_the_ones_that_are(text: str, forms: str) -> None:
    with pytest.raises(PeriodError, match=re.escape(forms)):
        DECREE_09.parse(text)
    with pytest.raises(PeriodError, match=re.escape("YYYY-Q1…YYYY-Q4 (quý) hoặc YYYY (cả năm)")):
        calendar(19, QUARTER, YEAR).parse("2026-H1")
    # a round the calendar has not, of a kind it has: named as typed, never "no such kind"
    with pytest.raises(PeriodError, match=re.escape("không có kỳ báo cáo 2026-L3; dùng YYYY-L1…YYYY-L2 (các lần")):
        calendar(19, FIXED).parse("2026-L3")


# --- periods follow one another by their due dates --------------------------------------------

QUARTERS_NEXT_MONTH = {"kind": "quarter", "due_in": "next-month"}


def test_periods_follow_their_due_dates_not_their_place_in_the_year() -> None:
    """Quarters reported the month after, and a year report due 19/12: the year's report comes
    due before the fourth quarter's (19/01 of the next year), and every question follows that."""
    cal = calendar(19, QUARTERS_NEXT_MONTH, YEAR)
    q3, year, q4 = cal.parse("2026-Q3"), cal.parse("2026"), cal.parse("2026-Q4")
    assert (q3.due, year.due, q4.due) == (date(2026, 10, 19), date(2026, 12, 19), date(2027, 1, 19))
    assert [str(p) for p in (q3.next(), year.next(), q4.next())] == ["2026", "2026-Q4", "2027-Q1"]
    assert str(q4.previous()) == "2026" and q3 < year < q4
    assert str(cal.current(date(2026, 12, 1))) == "2026"  # not the quarter due in January
    assert str(cal.latest_due(date(2027, 1, 10))) == "2026"  # the year's report was due in December
    assert str(cal.latest_due(date(2027, 1, 20))) == "2026-Q4"
    assert str(cal.current(date(2026, 12, 20))) == "2026-Q4"


def test_a_report_due_once_is_a_period_of_its_year_only() -> None:
    """"Báo cáo sơ kết trước ngày 30/11/2023": the period 2023-D1, its window from the day after
    the report before it was due to its own day; no 2024-D1, and no same period a year before."""
    from qnctr.calendar import periods_between

    cal = calendar(19, HALF_YEAR, YEAR, {"kind": "once", "days": ["2023-11-30"]})
    d1 = cal.parse("2023-d1")
    assert (str(d1), d1.label, d1.due) == ("2023-D1", "đợt 1 năm 2023", date(2023, 11, 30))
    assert (d1.cutoff_start, d1.cutoff_end) == (date(2023, 6, 20), date(2023, 11, 30))
    assert [str(p) for p in periods_between(cal.parse("2023-H1"), cal.parse("2024-H1"))] == \
        ["2023-H1", "2023-D1", "2023", "2024-H1"]
    assert str(cal.current(date(2023, 11, 1))) == "2023-D1" and d1.a_year_before() is None
    with pytest.raises(PeriodError, match="2024-D1"):
        cal.parse("2024-D1")
    assert cal.forms() == ("YYYY-H1 (6 tháng đầu năm) hoặc YYYY (cả năm) hoặc "
                           "2023-D1 (báo cáo một lần, hạn 30/11/2023)")


def test_a_calendar_of_reports_due_once_only_has_a_first_and_a_last() -> None:
    cal = Calendar.from_reporting(validate(Reporting, {
        "source": "V", "text": "Báo cáo sơ kết, tổng kết", "due_day": 19,
        "periods": [{"kind": "once", "days": ["2024-06-30", "2025-11-30", "2025-12-15"]}]}), date(2024, 1, 10))
    first, last = cal.parse("2024-D1"), cal.parse("2025-D2")
    assert first.previous() is None and last.next() is None and str(first.next()) == "2025-D1"
    assert first.cutoff_start == date(2024, 1, 10)  # since the programme was issued
    assert cal.latest_due(date(2024, 6, 30)) is None and str(cal.current(date(2023, 1, 1))) == "2024-D1"
    assert str(cal.current(date(2026, 3, 1))) == "2025-D2"  # none left: the last one
    assert str(cal.first_after(date(2024, 1, 10))) == "2024-D1"


@pytest.mark.parametrize(("periods", "message"), [
    ([{"kind": "once", "days": ["2025-11-30", "2024-11-30"]}], "tăng dần"),
    ([{"kind": "once"}], "days"),
    ([{"kind": "year", "due_month": 12, "cutoff": {"from": "12-15", "to": "12-14"}, "days": ["2025-11-30"]}],
     "days chỉ dùng"),
])
def test_a_bad_calendar_of_reports_due_once_is_refused(periods: list[dict[str, object]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate(Reporting, {"source": "V", "text": "Định kỳ", "due_day": 19, "periods": periods})


def test_the_help_names_every_form_of_period_and_only_forms_the_calendar_reads() -> None:
    """`--period`'s help cannot know the programme: it lists how a period of any calendar is
    typed. Each form it shows is read as a period name, and every kind of period has its form."""
    from qnctr.calendar import Period, _kind_label
    from qnctr.days import PERIOD_FORMS

    shown = re.findall(r"YYYY(?:-([\w…]+))?", PERIOD_FORMS)
    codes = [code for form in shown for code in dict.fromkeys(form.split("…")) if code or not form]
    for code in codes:
        assert Period.parse(f"2026-{code}" if code else "2026").code == code
    every_kind = ("", "H1", "Q1", "01", "L1", "D1")  # what PERIOD_NAME accepts, one of each kind
    assert {_kind_label(c) for c in codes} == {_kind_label(c) for c in every_kind}
