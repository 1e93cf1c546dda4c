"""The follow-up figures. Each agency's record (`qnctr scorecard`, the report's appendix, the
site's page): its tasks by state, the on-time rate over the tasks it had to have done, its
reports. What agencies said they face and ask for (`qnctr difficulties`, the report's sections,
the site's page). The states and entries are the ones `status`, `overdue` and the report use:
one count, many views."""

from __future__ import annotations

from typing import Any

from .calendar import Period
from .context import Context
from .model import Agency, Task
from .ordering import id_key, name_key
from .reporting import report_timeliness, reporting_history
from .state import TASK_STATE_LABELS, TASK_STATES, EntryRef

SCORE_COUNTED = ("done_on_time", "done_late", "overdue")  # the tasks an on-time rate is taken over
SCORE_FORMULA = ("Tỷ lệ đúng hạn = số nhiệm vụ hoàn thành đúng hạn / (hoàn thành đúng hạn + hoàn thành quá hạn "
                 "+ quá hạn chưa hoàn thành). Chỉ tính nhiệm vụ cơ quan chủ trì (hoặc thuộc nhóm chủ trì, hoặc kế "
                 "thừa), đã hoàn thành hoặc đã hết hạn vào ngày xét: nhiệm vụ chưa đến hạn không làm tăng hay "
                 "giảm tỷ lệ.")
ONGOING_RULE = ("Nhiệm vụ thường xuyên (không có thời hạn) không tính vào tỷ lệ, theo cách tính của Quyết định "
                "23/2018/QĐ-TTg (loại trừ nhiệm vụ thực hiện thường xuyên theo chức năng).")
ONGOING_COUNTED = "{word} này tính cả nhiệm vụ thường xuyên vào tỷ lệ (ongoing_in_rates trong tasks.yaml)."


def scorecard(ctx: Context, period: Period | None) -> dict[str, Any]:
    """Each agency's record on the day `ctx` judges (a period's due date at the latest): its
    tasks by state, the on-time rate over the tasks it had to have done, its report for the
    period, and its reports over every period so far. The states are the report's and
    `overdue`'s: one count."""
    programme = ctx.register.programme
    ongoing_counts = bool(programme and programme.ongoing_in_rates)
    rows: dict[str, dict[str, Any]] = {}
    for task in ctx.register.tasks.values():
        ongoing = task.due_on(ctx.as_of).kind == "ongoing"
        for aid, st in ctx.task_states(task).items():
            row = rows.setdefault(aid, {"agency": aid, "agency_name": ctx.directory.name(aid), "tasks": 0,
                                        "ongoing": 0, "counts": {s: 0 for s in TASK_STATES},
                                        "task_ids": {s: [] for s in TASK_STATES}})
            row["tasks"] += 1
            row["counts"][st.state] += 1
            row["task_ids"][st.state].append(task.id)
            if ongoing and not ongoing_counts:
                row["ongoing"] += 1
                continue
            if st.state in SCORE_COUNTED:
                row.setdefault("_base", []).append(st.state)
    timeliness = {r["agency"]: r for r in report_timeliness(ctx, period, on=ctx.known)} if period else {}
    from .queries import explanation_rows

    asked: dict[str, dict[str, int]] = {}
    for x in explanation_rows(ctx):
        counts = asked.setdefault(x["agency"], {"asked": 0, "answered": 0, "overdue": 0})
        counts["asked"] += 1
        counts["answered"] += x["state"] == "answered"
        counts["overdue"] += x["state"] == "overdue"
    out = []
    for aid, row in rows.items():
        base = row.pop("_base", [])
        on_time = base.count("done_on_time")
        row["rate_base"] = len(base)
        row["rate"] = on_time_rate(on_time, len(base))
        for ids in row["task_ids"].values():
            ids.sort(key=id_key)
        report = timeliness.get(aid)
        row["report"] = {"state": report["state"], "state_label": report["state_label"], "detail": report["detail"]} \
            if report else None
        agency = ctx.register.agencies.get(aid)
        history = reporting_history(ctx, agency) if agency is not None else []
        row["reports"] = {s: sum(1 for h in history if h["state"] == s) for s in ("on_time", "late", "missing")}
        row["explanations"] = asked.get(aid, {"asked": 0, "answered": 0, "overdue": 0})
        out.append(row)
    out.sort(key=lambda r: name_key(r["agency_name"]))
    return {"as_of": ctx.as_of.isoformat(), "period": str(period) if period else None,
            "period_label": period.label if period else None, "formula": SCORE_FORMULA,
            "ongoing_rule": ONGOING_COUNTED.format(word=programme.word) if programme and ongoing_counts else ONGOING_RULE,
            "state_labels": dict(TASK_STATE_LABELS), "explanations": bool(asked), "agencies": out}


def on_time_rate(on_time: int, base: int) -> float | None:
    """The on-time rate in percent to one decimal, as it is shown: 100 only when every task
    counted was done on time, 0 only when none was (1.998 of 1.999 is 99,9 %, not 100 %)."""
    if not base:
        return None
    rate = round(100 * on_time / base, 1)
    if on_time < base:
        rate = min(rate, 99.9)
    if on_time > 0:
        rate = max(rate, 0.1)
    return rate


# --- difficulties and proposals -----------------------------------------------------------------


def period_entries(ctx: Context, task: Task, agency_ids: list[str], period: Period) -> list[tuple[str, EntryRef]]:
    """(agency id, entry) of each agency's report on the task for `period` itself, by agency name."""
    found = []
    for aid in sorted(agency_ids, key=lambda a: name_key(ctx.directory.name(a))):
        history = [r for r in ctx.index.history(ctx.directory.lineage(aid), task.id) if r.period == period]
        if history:
            found.append((aid, history[-1]))
    return found


def agencies_say(ctx: Context, task_ids: list[str], period: Period, field: str,
                 agency: Agency | None) -> list[dict[str, Any]]:
    """What the responsible agencies (or only `agency`) reported for this period in one field
    (difficulties, proposals), named and tied to the task: {agency, agency_name, task, text}."""
    own = [ctx.directory.holder(agency.id, ctx.as_of) or agency.id] if agency else None
    said = []
    for task_id in task_ids:
        task = ctx.register.tasks[task_id]
        for aid, ref in period_entries(ctx, task, own or list(ctx.task_states(task)), period):
            text = getattr(ref.entry, field)
            if text:
                said.append({"agency": aid, "agency_name": ctx.directory.name(aid), "task": task.id, "text": text,
                             "task_text": task.text, "submitted": ref.submitted.isoformat(),
                             "document": ref.document})
    said.sort(key=lambda r: (name_key(r["agency_name"]), id_key(r["task"])))
    return said


def concerns(ctx: Context, period: Period, agency: Agency | None = None) -> dict[str, Any]:
    """Every difficulty and proposal the agencies reported for `period`, with agency and task:
    the lists the report quotes, in one place."""
    tasks = [t.id for t in ctx.register.tasks.values()]
    return {"period": str(period), "period_label": period.label, "as_of": ctx.as_of.isoformat(),
            "difficulties": agencies_say(ctx, tasks, period, "difficulties", agency),
            "proposals": agencies_say(ctx, tasks, period, "proposals", agency)}
