"""Who owes a report for a period, and whether it came: on time, late (by how many days),
missing, or not yet due; an agency's whole record. The one place the reporting duty and its
timeliness are judged: the status, the overdue list, the report and the site read it here."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from .calendar import Period, periods_between
from .context import Context, _iso
from .days import short_date
from .model import Agency
from .ordering import name_key
from .state import in_force, owes_report


def owed_reports(ctx: Context, period: Period) -> dict[str, list[str]]:
    """Agencies that owe a report for `period`, each with the tasks that make them owe it: a
    task in force in the period, or one whose deadline passed before it opened that the agency
    had not reported done or stopped by then (an unfinished task is reported on until it is
    finished: a plan whose every task was late showed 'đã gửi 0/0' while nothing was done). The
    report that says it is done is one of them: it is the report owed."""
    def work() -> dict[str, list[str]]:
        owed: dict[str, list[str]] = {}
        for task in ctx.register.tasks.values():
            if not owes_report(task):
                continue
            current = in_force(task, period)
            for aid in ctx.directory.responsible(task.lead, period.due):
                if current or _unfinished(ctx, task.id, aid, period):
                    owed.setdefault(aid, []).append(task.id)
        return owed

    return ctx.remembered(("owed", period), work)


def _unfinished(ctx: Context, task_id: str, agency_id: str, period: Period) -> bool:
    """Whether the agency (or a predecessor) had not reported the task done or stopped in a
    report for a period before `period`."""
    history = ctx.index.history(ctx.directory.lineage(agency_id), task_id)
    latest = next((r for r in reversed(history) if r.period < period), None)
    return latest is None or latest.entry.status not in ("done", "suspended")


def missing_reports(ctx: Context, period: Period) -> list[str]:
    return sorted(
        aid for aid in owed_reports(ctx, period)
        if not ctx.reported(aid, period)
    )


REPORT_TIMELINESS_LABELS = {
    "on_time": "Đã gửi đúng hạn",
    "late": "Gửi muộn",
    "not_due": "Chưa gửi (chưa đến hạn)",
    "missing": "Chưa gửi, quá hạn",
}


def timeliness_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many of `report_timeliness`'s rows are in each state, every state named (0 included):
    the one count the report, the terminal and the website give."""
    counts = Counter(r["state"] for r in rows)
    return {s: counts.get(s, 0) for s in REPORT_TIMELINESS_LABELS}


def report_timeliness(ctx: Context, period: Period, agency: Agency | None = None,
                      on: date | None = None) -> list[dict[str, Any]]:
    """Every agency that owes a report for `period` (or only `agency`), as things stand on `on`:
    sent on time, sent late (by how many days), not sent and not yet due, not sent and overdue.

    `on` is the real day asked about, by default the day whose reports `ctx` knows: a period's
    context is judged on its due date at the latest, but whether a report arrived late can only
    be told after that day.
    """
    on = ctx.known if on is None else on
    sent, documents = _sent(ctx, period, on)
    owed = set(owed_reports(ctx, period))
    if agency is not None:
        holder = ctx.directory.holder(agency.id, on) or agency.id
        owed = {holder} if holder in owed or agency.id in owed else set()
    rows = []
    for aid in sorted(owed, key=lambda a: name_key(ctx.directory.name(a))):
        dates = [sent[a] for a in ctx.directory.lineage(aid) if a in sent]
        document = next((documents[a] for a in ctx.directory.lineage(aid) if a in documents), None)
        first = min(dates) if dates else None
        if first is not None:
            state, days = ("on_time", 0) if first <= period.due else ("late", (first - period.due).days)
        elif on <= period.due:
            state, days = "not_due", (period.due - on).days
        else:
            state, days = "missing", (on - period.due).days
        label = REPORT_TIMELINESS_LABELS[state]
        detail = {"on_time": f"ngày {short_date(first)}", "late": f"{days} ngày, ngày {short_date(first)}",
                  "not_due": f"hạn {short_date(period.due)}, còn {days} ngày",
                  "missing": f"quá hạn {days} ngày"}[state]
        rows.append({"agency": aid, "agency_name": ctx.directory.name(aid), "period": str(period),
                     "due": period.due.isoformat(), "submitted": _iso(first), "document": document, "state": state,
                     "state_label": label, "days": days, "detail": detail})
    return rows


def _sent(ctx: Context, period: Period, on: date) -> tuple[dict[str, date], dict[str, str]]:
    """For `period`, by `on`: each agency's first report's day, and the covering document's
    number ("85/BC-SNV") when one was given; one pass over the reports for every agency asked about."""
    def work() -> tuple[dict[str, date], dict[str, str]]:
        sent: dict[str, date] = {}
        documents: dict[str, str] = {}
        for loaded in ctx.register.reports:
            report = loaded.report
            if report.period == str(period) and report.submitted <= on:
                sent[report.agency] = min(report.submitted, sent.get(report.agency, report.submitted))
                if report.document:
                    documents[report.agency] = report.document
        return sent, documents

    return ctx.remembered(("sent", period, on), work)


def reporting_history(ctx: Context, agency: Agency) -> list[dict[str, Any]]:
    """Every period the agency owed a report for, from the programme's first to the one due
    next: sent when, on time or late by how many days, missing, or not yet due."""
    programme = ctx.register.programme
    if programme is None or ctx.as_of < programme.issued:
        return []
    calendar = ctx.register.calendar
    periods = periods_between(calendar.first_after(programme.issued), calendar.current(ctx.as_of))
    return [row for period in periods for row in report_timeliness(ctx, period, agency)]
