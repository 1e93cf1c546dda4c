"""The half-year / year report: one context (documented in templates/README.md) and its renderers.

Heavy modules (jinja2, docxtpl, python-docx) are imported inside the functions that use them
so that the query commands start fast.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .agencies import ROLE_LABELS
from .calendar import Period
from .context import Context
from .days import cited_date, short_date, vn_date
from .errors import QnctrError
from .model import Agency, Task
from .numbers import format_figure, goal_text
from .ordering import name_key
from .queries import overdue, overdue_by_task, status, tasks_by_group
from .reporting import REPORT_TIMELINESS_LABELS, report_timeliness, timeliness_counts
from .safe_text import map_strings, shorten
from .scores import agencies_say
from .state import DONE_STATES, NOTHING_DUE, TASK_STATE_LABELS, TASK_STATES

# XML 1.0 cannot hold these; docxtpl would write a broken document (design: "The report").
# The vertical tab is the exception: it is how Word itself stores a manual line break, so it
# becomes one ("\n", which docxtpl writes as <w:br/>) instead of vanishing.
_ILLEGAL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
APPENDIX_TEXT = 200  # characters of a task's text in the task-by-task appendix (the programme has it whole)


class ReportError(QnctrError):
    """A report that cannot be produced as asked (no such template, output to the screen as .docx)."""


def clean(value: Any) -> Any:
    """Strip XML-illegal control characters from every string in the context, recursively;
    a vertical tab becomes the line break it stands for."""
    return map_strings(value, lambda text: _ILLEGAL.sub("", text).replace("\x0b", "\n"))


def default_filename(ctx: Context, period: Period, agency: Agency | None, fmt: str) -> str:
    programme = ctx.register.programme.id if ctx.register.programme else "chuong-trinh"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", programme).strip("-")
    who = f"-{agency.id}" if agency else ""
    return f"bao-cao-{slug}-{period}{who}.{fmt}"


def result_text(ind: dict[str, Any]) -> str:
    """A result as the report prints it, with the day it was true of: "88 % (đến 14/06/2026)",
    "Đạt (đến 14/12/2024)" — an assessment years old reads as one, not as this round's."""
    value = ind["value"]
    if value is None:
        return "Chưa có số liệu"
    when = f" (đến {short_date(date.fromisoformat(ind['observed']))})" if ind["observed"] else ""
    if isinstance(value, bool):
        return ("Đạt" if value else "Không đạt") + when
    unit = f" {ind['unit']}" if ind["unit"] else ""
    return f"{format_figure(value)}{unit}{when}"


def with_evidence(result: str | None, evidence: str | None) -> str:
    """A reported result with the document that supports it: "Đã ban hành (Văn bản: QĐ 12/QĐ-UBND)"."""
    text = result or ""
    if evidence:
        text = f"{text} (Văn bản: {evidence})" if text else f"Văn bản: {evidence}"
    return text


def _results_by_agency(ctx: Context, task: Task, period: Period) -> str:
    """A task several agencies answer for: each one's latest result, named, a line each."""
    lines = []
    for aid, st in sorted(ctx.task_states(task).items(), key=lambda kv: name_key(ctx.directory.name(kv[0]))):
        if st.latest is not None and (st.latest.entry.result or st.latest.entry.evidence):
            said = with_evidence(st.latest.entry.result, st.latest.entry.evidence)
            lines.append(f"{ctx.directory.name(aid)}: {_said_for(said, st.latest.period, period)}")
    return "\n".join(lines)


def _reported_result(ctx: Context, row: dict[str, Any], consolidated: bool, period: Period) -> str:
    """What the report quotes for a task: its latest result with the evidence; in the consolidated
    report, for a task several agencies answer for, each agency's own, named. A result reported
    for an earlier period says which."""
    if consolidated and row["agencies_total"] > 1:
        return _results_by_agency(ctx, ctx.register.tasks[row["id"]], period)
    latest = row["latest"] or {}
    said = with_evidence(latest.get("result"), latest.get("evidence"))
    return _said_for(said, ctx.register.calendar.parse(latest["period"]), period) if said else said


def _said_for(said: str, reported: Period, period: Period) -> str:
    """A quoted result, with the period it was reported for when that is not the report's own:
    "Vẫn làm (báo cáo năm 2025)". Without it, last year's words in this period's report read
    as this period's, beside a task that has no report for it."""
    return said if reported == period else f"{said} (báo cáo {reported.label})"


def _task_items(ctx: Context, rows: list[dict[str, Any]], consolidated: bool, period: Period) -> list[dict[str, Any]]:
    items = []
    for r in rows:
        latest = r["latest"] or {}
        result = _reported_result(ctx, r, consolidated, period)
        several = consolidated and r["agencies_total"] > 1
        items.append({
            "id": r["id"], "text": r["text"], "short_text": shorten(r["text"], APPENDIX_TEXT),
            "state": r["state"], "state_label": r["state_label"], "due_label": r["due_label"],
            "role_label": r["role_label"] or "",
            "result": result, "evidence": latest.get("evidence") or "",
            "difficulties": latest.get("difficulties") or "", "proposals": latest.get("proposals") or "",
            "reported_period": latest.get("period") or "",
            "agencies_done": r["agencies_done"], "agencies_total": r["agencies_total"],
            # Only the consolidated report speaks for a whole group; in an agency's
            # own report the state is that agency's and a group count would mislead.
            "progress_note": (f"{r['agencies_reported']}/{r['agencies_total']} cơ quan báo cáo kỳ này, "
                              f"{r['agencies_done']} hoàn thành") if several else "",
            "lead_names": "; ".join(ctx.directory.name(a) for a in ctx.register.tasks[r["id"]].lead),
        })
    return items


def _groups(ctx: Context, tasks: list[dict[str, Any]], consolidated: bool,
            period: Period) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The task-by-task sections (appendix) and the counts by state and group (body)."""
    groups, state_table = [], []
    for group in tasks_by_group(ctx, tasks):
        rows, counts = group["rows"], group["counts"]
        groups.append({"id": group["id"], "title": group["title"], "tasks": _task_items(ctx, rows, consolidated, period),
                       "counts": counts, "total": len(rows)})
        state_table.append({"group": group["id"], "counts": list(counts.values()), "total": len(rows)})
    return groups, state_table


def _completed(ctx: Context, tasks: list[dict[str, Any]], agency: Agency | None, period: Period) -> list[dict[str, Any]]:
    """Tasks done (as a whole, or by this agency), named with what was reported."""
    done = []
    for t in tasks:
        if t["state"] not in DONE_STATES:
            continue
        completed = (t["latest"] or {}).get("completed")
        done.append({"id": t["id"], "text": t["text"], "state_label": t["state_label"],
                     "result": _reported_result(ctx, t, agency is None, period),
                     "completed_vn": short_date(date.fromisoformat(completed)) if completed else ""})
    return done


def _ended_note(ctx: Context, tasks: list[dict[str, Any]]) -> str:
    """One sentence naming the agencies a task was given to that ended with no successor (the
    district-level UBND after 01/07/2025): they are counted nowhere, and the reader is told so
    instead of seeing "11 cơ quan" where the programme named 24. The consolidated report's: an
    agency's own counts only its own duties, never the bodies it shares a task with."""
    gone: dict[str, tuple[set[str], set[str]]] = {}  # as named in the programme: (ended members, tasks)
    for t in tasks:
        for lead in ctx.register.tasks[t["id"]].lead:
            ended = {a for a in ctx.directory.members(lead) if ctx.directory.holder(a, ctx.as_of) is None}
            if ended:
                members, named_in = gone.setdefault(lead, (set(), set()))
                members.update(ended)
                named_in.add(t["id"])
    if not gone:
        return ""
    parts = []
    for lead, (members, named_in) in sorted(gone.items(), key=lambda kv: name_key(ctx.directory.name(kv[0]))):
        since = {d for a in members if (d := ctx.directory[a].since) is not None}
        bits = ([] if lead in members else [f"{len(members)} cơ quan"]) + (
            [f"từ {short_date(since.pop())}"] if len(since) == 1 else []) + [f"ở {len(named_in)} nhiệm vụ"]
        parts.append(f"{ctx.directory.name(lead)} ({', '.join(bits)})")
    return ("Cơ quan được giao nhiệm vụ nhưng đã chấm dứt hoạt động, không có cơ quan kế thừa, không được tính "
            "trong số cơ quan phải thực hiện: " + "; ".join(parts))


def _overdue_by_task(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The overdue list with one line per task, naming every agency late on it."""
    return [{**r, "due_vn": short_date(date.fromisoformat(r["due"])), "agency_count": len(r["agencies"]),
             "agency_names": ", ".join(r["agencies"])} for r in overdue_by_task(rows)]


def _coming(ctx: Context, tasks: list[dict[str, Any]], horizon: date) -> list[dict[str, Any]]:
    coming = []
    for task in tasks:
        deadline = ctx.register.tasks[task["id"]].due_on(ctx.as_of).deadline_in(ctx.as_of.year)
        if deadline is not None and ctx.as_of <= deadline <= horizon and task["state"] not in NOTHING_DUE:
            coming.append({"id": task["id"], "text": task["text"], "due_vn": short_date(deadline),
                           "days_left": (deadline - ctx.as_of).days})
    return coming


def _timeliness_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    counts = timeliness_counts(rows)
    parts = [f"{REPORT_TIMELINESS_LABELS[s].lower()}: {n}" for s, n in counts.items()]
    line = (f"{len(rows)} cơ quan phải gửi báo cáo; " + "; ".join(parts) if rows
            else "Không có cơ quan nào phải gửi báo cáo kỳ này")
    return {"total": len(rows), **counts, "line": line}


def same_period_last_year(ctx: Context, period: Period, agency: Agency | None,
                          tasks: list[dict[str, Any]]) -> dict[str, Any]:
    """"So với cùng kỳ": the counts by state of these tasks in this period against the same
    period a year earlier, each seen on its own due date. Empty (no line) when the earlier
    period predates the programme or nobody reported for it — a comparison against nothing
    would read as a change that never happened."""
    earlier = period.a_year_before()
    if earlier is None:  # a report due once has no same period a year before
        return {"label": "", "rows": [], "line": ""}
    programme = ctx.register.programme
    if programme is not None and ctx.register.calendar.before_issue(earlier, programme.id, programme.issued):
        return {"label": earlier.label, "rows": [], "line": ""}
    then = Context.build(ctx.register, ctx.known, earlier)
    if not any(p == earlier for _, p in then.index.submitted):
        return {"label": earlier.label, "rows": [], "line": ""}
    ids = {t["id"] for t in tasks}
    before = Counter(t["state"] for t in status(then, agency)["tasks"] if t["id"] in ids and t["role"] != "support")
    now = Counter(t["state"] for t in tasks)
    rows: list[dict[str, Any]] = [
        {"state": s, "label": TASK_STATE_LABELS[s], "now": now.get(s, 0), "before": before.get(s, 0),
         "change": now.get(s, 0) - before.get(s, 0)} for s in TASK_STATES if now.get(s, 0) or before.get(s, 0)]

    def moved(change: int) -> str:
        return "không đổi" if change == 0 else f"tăng {change}" if change > 0 else f"giảm {-change}"

    parts = [f"{r['label']} {r['now']} (cùng kỳ {r['before']}, {moved(r['change'])})" for r in rows]
    # Tasks the agency took on since (a merger, a group it joined) are counted now and not then:
    # said, or their count would read as progress.
    counted_then, counted_now = sum(before.values()), sum(now.values())
    basis = "" if counted_then == counted_now else (
        f"; cùng kỳ tính {counted_then} nhiệm vụ, kỳ này {counted_now}: {counted_now - counted_then} nhiệm vụ "
        "chưa thuộc cơ quan ở cùng kỳ")
    return {"label": earlier.label, "rows": rows,
            "line": f"So với cùng kỳ ({earlier.label}{basis}): " + "; ".join(parts)}


# A provincial department, board, centre or office is headed by the provincial government; a
# people's committee (of the province, a district, a commune) heads its own documents.
_UNDER_GOVERNMENT = ("department", "board", "centre", "office")
_HEADS_ITSELF = ("government", "district", "commune")
SUPERIOR_BLANK = "[CƠ QUAN CHỦ QUẢN]"


def superior_of(ctx: Context, agency: Agency, governing: Agency | None) -> str:
    """The line above the reporting agency's name (cơ quan chủ quản, ND 30/2020): its `under`
    (whoever holds that body's duties now); for a provincial department and the like, the
    government the programme's reports go to, else the one government of the directory; nothing
    for a body that heads its own documents; otherwise a blank the official fills in. The
    programme's issuer is not the agency's superior: a Tỉnh ủy plan is reported by departments of
    the UBND."""
    if agency.under:
        holder = ctx.directory.holder(agency.under, ctx.as_of) or agency.under
        above = ctx.register.agencies.get(holder)
        return above.in_documents if above else SUPERIOR_BLANK
    if agency.kind in _HEADS_ITSELF:
        return ""
    if agency.kind in _UNDER_GOVERNMENT:
        if governing is not None and governing.kind == "government":
            return governing.in_documents
        governments = [a for a in ctx.register.agencies.values() if a.kind == "government" and not a.ended_by(ctx.as_of)]
        if len(governments) == 1:
            return governments[0].in_documents
    return SUPERIOR_BLANK


def letterhead(ctx: Context, period: Period, agency: Agency | None, issued_on: date) -> dict[str, Any]:
    """Who reports to whom, and how the document is headed: nothing here is counted."""
    register = ctx.register
    programme = register.programme
    focal_id = programme.focal_agency if programme else None
    if focal_id is not None:  # the focal agency, or whoever holds its duties now
        focal_id = ctx.directory.holder(focal_id, ctx.as_of) or focal_id
    issuer_agency = agency or (register.agencies.get(focal_id) if focal_id else None)
    issuer_name = issuer_agency.name if issuer_agency else ""
    # The body the programme's reports go to (its issuer), as the register names it.
    governing = register.agencies.get(programme.issuer) if programme else None
    governing_name = governing.name if governing else "[CƠ QUAN NHẬN BÁO CÁO]"
    governing_short = governing.in_documents if governing else governing_name
    place = programme.place if programme and programme.place else "[Địa danh]"
    next_period = period.next()
    superior = superior_of(ctx, issuer_agency, governing) if issuer_agency else governing_short
    return {
        "programme": {
            "id": programme.id if programme else "", "title": programme.title if programme else "",
            "issued": programme.issued.isoformat() if programme else "",
            "issued_vn": short_date(programme.issued) if programme else "",
            "implements": programme.implements or "" if programme else "",
            "phrase": programme_phrase(ctx),
        },
        "period": {
            "id": str(period), "label": period.label, "label_title": period.label[:1].upper() + period.label[1:],
            "cutoff_start": short_date(period.cutoff_start), "cutoff_end": short_date(period.cutoff_end),
            "due": short_date(period.due), "next_label": next_period.label if next_period else "",
            "next_due": short_date(next_period.due) if next_period else "",
        },
        "as_of": ctx.as_of.isoformat(),
        "as_of_vn": vn_date(ctx.as_of),
        "consolidated": agency is None,
        "issuer": {"id": issuer_agency.id if issuer_agency else "", "name": issuer_name,
                   "name_upper": issuer_name.upper(), "parent_upper": superior.upper()},
        "place_date": f"{place}, {vn_date(issued_on)}",
        "issued_on": issued_on.isoformat(),
        "number_line": "Số:        /BC-……",
        "summary_line": f"Kết quả thực hiện {programme_phrase(ctx)} {period.label}" if programme else period.label,
        "recipient": governing_name + ("" if agency is None else f" (qua {ctx.directory.name(focal_id or '')})"),
        "governing": governing_short,  # the body the programme's reports go to, as a sentence names it
        "signer": {"title": "[CHỨC VỤ NGƯỜI KÝ]", "name": "[Họ và tên]"},
        "recipients": [f"{governing_short} (b/c)"]
                      + ([] if agency is None else [f"{ctx.directory.name(focal_id or '')} (t/h)"]) + ["Lưu: VT."],
    }


def build_context(ctx: Context, period: Period, agency: Agency | None, issued_on: date | None = None) -> dict[str, Any]:
    """Everything a template may use; plain data only (strings, numbers, lists, dicts).

    States are judged on the period's due date at the latest, from every report sent by the day
    asked about, late ones included (`ctx`); `issued_on` dates the document, and whether
    reports arrived on time is told as of that day.
    """
    issued_on = issued_on or ctx.known  # the day the report is written: the one whose reports it knows
    data = status(ctx, agency)
    tasks = [t for t in data["tasks"] if t["role"] != "support"]
    groups, state_table = _groups(ctx, tasks, agency is None, period)
    totals = Counter(t["state"] for t in tasks)
    targets = []
    for target in data["targets"]:
        if target["role"] == "support":
            continue  # an agency reports on what it answers for; supporters feed the lead's report
        for ind in target["indicators"]:
            goal = "Định tính" if ind["qualitative"] else goal_text(ind["op"], ind["target"], ind["unit"])
            targets.append({"target_id": target["id"], "id": ind["id"], "name": ind["name"], "text": target["text"],
                            "goal": goal, "result": result_text(ind), "state": ind["state"],
                            "state_label": ind["state_label"], "explanation": ind["explanation"],
                            "role_label": ROLE_LABELS[target["role"]] if target["role"] else ""})
    late = overdue(ctx, agency)
    overdue_tasks = [{**r, "due_vn": short_date(date.fromisoformat(r["due"]))} for r in late["tasks"]]
    # Only the consolidated report tells who sent theirs: an agency's own report is one of them.
    timeliness = [{**r, "submitted_vn": short_date(date.fromisoformat(r["submitted"])) if r["submitted"] else ""}
                  for r in report_timeliness(ctx, period, agency, on=max(issued_on, ctx.as_of))] if agency is None else []
    context: dict[str, Any] = clean({
        **letterhead(ctx, period, agency, issued_on),
        "totals": {**{s: totals.get(s, 0) for s in TASK_STATES}, "total": len(tasks)},
        "totals_line": "; ".join(f"{TASK_STATE_LABELS[s]}: {totals.get(s, 0)}" for s in TASK_STATES),
        "same_period": same_period_last_year(ctx, period, agency, tasks),
        "ended_note": _ended_note(ctx, tasks) if agency is None else "",  # who is counted: the consolidated report's
        "state_labels": [TASK_STATE_LABELS[s] for s in TASK_STATES],
        "state_codes": list(TASK_STATES),
        "state_table": state_table,
        "groups": groups,
        "completed": _completed(ctx, tasks, agency, period),
        "targets": targets,
        "no_targets_line": "" if targets else (
            f"{ctx.register.programme.word if ctx.register.programme else 'Chương trình'} không đặt chỉ tiêu"
            if not ctx.register.targets else
            "Cơ quan không chủ trì chỉ tiêu nào" if agency is not None else "Chưa có chỉ tiêu nào đến kỳ đánh giá"),
        "overdue_tasks": overdue_tasks,
        "overdue_by_task": _overdue_by_task(late["tasks"]),
        "overdue_targets": [{**r, "due_vn": short_date(date.fromisoformat(r["due"]))} for r in late["targets"]],
        "difficulties": agencies_say(ctx, [t["id"] for t in tasks], period, "difficulties", agency),
        "proposals": agencies_say(ctx, [t["id"] for t in tasks], period, "proposals", agency),
        "reporting": timeliness,
        # An appendix is numbered only when it is there: an agency that owes no report has no list.
        "appendix": {"reporting": "Phụ lục 1" if timeliness else "",
                     "tasks": "Phụ lục 2" if timeliness else "Phụ lục 1",
                     "agencies": "Phụ lục 3" if agency is None else ""},
        "scorecard": _scorecard_rows(ctx, period) if agency is None else [],
        "reporting_summary": _timeliness_summary(timeliness),
        "missing_reports": [{"id": r["agency"], "name": r["agency_name"]} for r in timeliness if r["state"] == "missing"],
        "upcoming": _coming(ctx, tasks, following.due) if (following := period.next()) else [],
        "chart": None,
    })
    return context


def _scorecard_rows(ctx: Context, period: Period) -> dict[str, Any]:
    """Each agency's record for the consolidated report, from `qnctr scorecard`'s query."""
    from .scores import scorecard

    card = scorecard(ctx, period)
    rows = [{"agency_name": a["agency_name"], "tasks": a["tasks"], **a["counts"],
             # with the number of tasks it is taken over, as the site and the scorecard give it:
             # "0 %" beside eight tasks done on time reads as an error unless it says "trên 1"
             # (kept on one line, so that a narrow cell breaks before it, never inside it)
             "rate": "—" if a["rate"] is None else f"{format_figure(a['rate'])} % (trên\u00a0{a['rate_base']})",
             "report": a["report"]["state_label"] if a["report"] else ""} for a in card["agencies"]]
    return {"rows": rows, "formula": f"{card['formula']} {card['ongoing_rule']}"}


def programme_phrase(ctx: Context) -> str:
    p = ctx.register.programme
    if p is None:
        return ""
    kind = p.kind_name
    issuer = ctx.register.agencies.get(p.issuer)
    by = f" của {issuer.in_documents}" if issuer else ""
    return f"{kind} số {p.id} ngày {cited_date(p.issued)}{by}"


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """One report as asked: whose, for which period, in which form, from which template, to where."""

    period: Period
    agency: Agency | None
    fmt: str  # "docx" or "md"
    output: Path
    template: Path | None
    issued_on: date
    to_stdout: bool = False

    @classmethod
    def of(cls, ctx: Context, agency: Agency | None, fmt: str | None, output: Path | None, template: Path | None,
           force: bool, issued_on: date) -> ReportRequest:
        """Checked before any work: the period, the template, where the output goes and in which
        form (--format, else the output's or the template's name: `atomic.document_format`)."""
        from .atomic import check_output, document_format

        period = ctx.period
        if period is None:
            raise ReportError("thiếu kỳ báo cáo (--period)")
        if (early := period.not_begun(issued_on)) is not None:  # else a signed report of nothing
            raise ReportError(early)
        # A body that ended (or a group) signs no report for the round: its successor's results
        # under its letterhead would be a document nobody can sign. As `form` refuses it.
        if agency is not None and (problem := ctx.directory.cannot_report(agency.id, period.due)) is not None:
            raise ReportError(f"không lập báo cáo {period.label}: {problem}")
        if template is not None and not template.is_file():
            raise ReportError(f"không có tệp mẫu '{template}'")
        to_stdout = output is not None and str(output) == "-"
        if output is not None and not to_stdout:  # a device or a pipe named x.md is refused as such, first
            check_output(output, force)
        fmt = document_format(fmt, output, template)
        target = output if output is not None else Path(default_filename(ctx, period, agency, fmt))
        if output is None:
            check_output(target, force)
        return cls(period, agency, fmt, target, template, issued_on, to_stdout)


def produce(ctx: Context, request: ReportRequest, progress: Callable[[str], None] = lambda _: None) -> bytes:
    """The report's bytes: the context gathered, then rendered by its template. A register with
    a figure qnctr doubts and nobody confirmed gives no report: a signed document would state it
    as a fact (0,785 % "Không đạt"). An agency's report waits only on the figures of the targets
    it leads: another agency's disputed figure, which it neither prints nor can settle, does not
    hold it up."""
    from .checks import refuse_open_doubts

    ctx.refuse_draft("lập báo cáo")
    refuse_open_doubts(ctx.register, "lập báo cáo", request.agency.id if request.agency else None)
    progress("Tổng hợp số liệu")
    context = build_context(ctx, request.period, request.agency, request.issued_on)
    from .render.markdown import render_markdown
    from .render.templates import packaged_templates

    template = request.template
    if template is None:
        template = packaged_templates() / ("bao-cao.docx" if request.fmt == "docx" else "bao-cao.md.j2")
    progress("Dựng văn bản")
    if request.fmt == "docx":
        from .render.docx import render_docx

        summary = context["summary_line"]
        return render_docx(context, template, title=f"Báo cáo {summary[:1].lower()}{summary[1:]}")
    from .safe_text import markdown_data

    # Every string escaped for Markdown and HTML before the template sees it: a CR cannot
    # open a heading, a <script> stays text, a | cannot split a table cell.
    # The state codes are keys (`totals[s]`), not text: escaped, "done_on_time" became
    # "done\\_on\\_time", found nothing, and the totals row printed blanks. They are fixed words.
    escaped = {**markdown_data(context), "state_codes": list(TASK_STATES)}
    return render_markdown(escaped, template).encode("utf-8")
