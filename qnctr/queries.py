"""The analyst's questions — status, overdue, upcoming, targets, show — answered as plain data.

Every function returns JSON-ready dicts in the shapes the design fixes; the table and
CSV printers and the report read these same dicts.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Literal

from .agencies import ROLE_LABELS, ROLE_ORDER, AgencyQueryError
from .calendar import Period
from .context import Context, QueryError, _iso, agency_ref, succession_notice
from .model import Agency, Indicator, Target, Task, known_on
from .ordering import id_key, name_key
from .reporting import missing_reports, owed_reports, report_timeliness, reporting_history
from .state import (
    DONE_STATES,
    NOTHING_DUE,
    TARGET_STATE_LABELS,
    TASK_STATE_LABELS,
    TASK_STATES,
    AgencyTaskState,
    doubt_note,
    indicator_state,
    overall_state,
    unconfirmed_doubts,
    unsettled,
)

# --- status ---------------------------------------------------------------------------------


def _task_row(ctx: Context, task: Task, role: str | None, state: AgencyTaskState | None,
              states: dict[str, AgencyTaskState]) -> dict[str, Any]:
    overall = state.state if state else overall_state([s.state for s in states.values()])
    latest = state.latest if state else max(
        (s.latest for s in states.values() if s.latest), key=lambda r: (r.period, r.submitted), default=None
    )
    done = sum(1 for s in states.values() if s.state in DONE_STATES)
    due = task.due_on(ctx.as_of)
    # Agencies that reported on this task for the round due (or a later one): one that sent the
    # round's report without this task has not reported on it ("9/11 cơ quan báo cáo kỳ này" stands
    # beside the task's own state), nor has one that never reported and is late or not required.
    due_round = ctx.latest_due
    reported = 0 if due_round is None else sum(
        1 for aid in states if ctx.index.covers(ctx.directory.lineage(aid), due_round, task.id))
    return {
        "id": task.id,
        "group": ctx.register.task_group.get(task.id),
        "role": role,
        "role_label": ROLE_LABELS.get(role) if role else None,  # type: ignore[call-overload]
        "state": overall,
        "state_label": TASK_STATE_LABELS[overall],
        "due": due.json_value(),
        "due_label": due.label(),
        "text": task.text,
        "latest": latest.json() if latest else None,
        "agencies_total": len(states),
        "agencies_done": done,
        "agencies_reported": reported,
        # Whose report the latest words are, when they are not this agency's own (a supporter
        # sees the lead's report, named as such, never as if it were its own).
        "latest_by": _name_now(ctx, latest.agency) if latest and state is None and role is not None else None,
    }


def _selected_tasks(ctx: Context, group: str | None) -> list[Task]:
    tasks = list(ctx.register.tasks.values())
    if group is None:
        return tasks
    if group not in {g.id for g in ctx.register.groups}:
        known = ", ".join(g.id for g in ctx.register.groups)
        raise QueryError(f"không có nhóm nhiệm vụ '{group}' (các nhóm: {known})")
    return [t for t in tasks if ctx.register.task_group.get(t.id) == group]


def _target_rows(ctx: Context, agency_id: str | None, on: date) -> list[dict[str, Any]]:
    rows = []
    for target in ctx.register.targets.values():
        role = None
        if agency_id is not None:
            found = ctx.role_of(target.lead, target.support, agency_id, on)
            if found is None:
                continue
            role = found.role
        due = target.due_on(ctx.as_of)
        rows.append({"id": target.id, "role": role,
                     "role_label": ROLE_LABELS[role] if role else None,
                     "text": target.text, "due": due.json_value(), "due_label": due.label(),
                     "lead": list(target.lead), "lead_names": "; ".join(_name_now(ctx, a) for a in target.lead),
                     "indicators": indicator_rows(ctx, target)})
    return rows


def tasks_by_group(ctx: Context, tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Task rows under their groups, in the register's order, each group with its count of
    every state (0 included): the one count by group the report and the website both show."""
    rows_of: dict[str, list[dict[str, Any]]] = {}
    for t in tasks:
        rows_of.setdefault(t["group"] or "", []).append(t)
    out = []
    for info in ctx.register.groups:
        rows = rows_of.get(info.id)
        if rows:
            counts = Counter(r["state"] for r in rows)
            out.append({"id": info.id, "title": info.title, "rows": rows,
                        "counts": {s: counts.get(s, 0) for s in TASK_STATES}})
    return out


def trend(values: list[float | int]) -> str | None:
    """The change since the previous figure: "up", "down", "same", or None with fewer than two."""
    if len(values) < 2:
        return None
    return "up" if values[-1] > values[-2] else "down" if values[-1] < values[-2] else "same"


def indicator_rows(ctx: Context, target: Target) -> list[dict[str, Any]]:
    rows = []
    for written in target.indicators:
        ind = written.goal_on(ctx.as_of)
        ref = f"{target.id}.{ind.id}"
        seen = ctx.index.observations.get(ref, [])
        st = indicator_state(target, ind, seen, ctx.as_of, ctx.programme_year)
        if seen and (clash := unsettled(seen, st.observed, ind.unit, ctx.directory)) is not None:
            st = replace(st, explanation=f"{st.explanation}; {clash}" if st.explanation else clash)
        if seen and (doubt := doubt_note(unconfirmed_doubts(written, seen, ctx.directory.name))) is not None:
            st = replace(st, explanation=f"{st.explanation}; {doubt}" if st.explanation else doubt)
        ends = target.due_on(ctx.as_of).ends
        figures = [o.observation for o in seen if o.observation.value is not None]
        # The arrow tells how the latest figure moved: beside anything else (a mean, the year that
        # failed a yearly goal) it would tell of a figure that is not the one shown.
        latest = bool(figures) and (figures[-1].value, figures[-1].as_of) == (st.value, st.observed)
        rows.append({"trend": trend([o.value for o in figures if o.value is not None]) if latest else None,
            "id": ref, "name": ind.name, "state": st.state, "state_label": TARGET_STATE_LABELS[st.state],
            "value": st.value, "observed": _iso(st.observed), "target": ind.value, "op": ind.op,
            "unit": ind.unit, "measure": ind.measure, "qualitative": ind.qualitative, "deadline": _iso(st.deadline),
            "explanation": st.explanation,
            # The day its horizon or deadline ended, once past: no figure after it counts.
            "ended": _iso(ends) if ends is not None and ends < ctx.as_of else None,
        })
    return rows


def status(ctx: Context, agency: Agency | None = None, group: str | None = None) -> dict[str, Any]:
    tasks = _selected_tasks(ctx, group)
    rows = []
    notices = [n for n in (ctx.before_programme(), succession_notice(ctx, agency) if agency else None) if n]
    if agency is None:
        for task in tasks:
            rows.append(_task_row(ctx, task, None, None, ctx.task_states(task)))
        targets = _target_rows(ctx, None, ctx.as_of) if group is None else []  # targets belong to no group
    else:
        # An old name is answered with the roles it had before it ended, the state with its holder's.
        on = agency.since - timedelta(days=1) if agency.since and agency.ended_by(ctx.as_of) else ctx.as_of
        # One dissolved with no successor answers for nothing: its tasks are shown as they stand.
        holder = ctx.directory.holder(agency.id, ctx.as_of)
        for task in tasks:
            found = ctx.task_role(task, agency.id, on)
            if found is None:
                continue
            states = ctx.task_states(task)
            own = None if found.role == "support" or holder is None else ctx.agency_state(task, holder)
            rows.append(_task_row(ctx, task, found.role, own, states))
        rows.sort(key=lambda r: ROLE_ORDER[r["role"]])
        targets = _target_rows(ctx, agency.id, on)
    reporter = _reporter(ctx, agency)
    counted = [r for r in rows if r["role"] != "support"]
    summary = Counter(r["state"] for r in counted)
    return {
        "as_of": ctx.as_of.isoformat(),
        "period": str(ctx.latest_due) if ctx.latest_due else None,
        "period_due": ctx.latest_due.due.isoformat() if ctx.latest_due else None,
        "agency": agency_ref(agency),
        "notice": "\n".join(notices) or None,
        "summary": {s: summary.get(s, 0) for s in TASK_STATES},
        # Who sent the report of the latest period due, and when (or only this agency; for one
        # that no longer exists, the agency whose report covers its tasks, if any).
        "reporting": report_timeliness(ctx, ctx.latest_due, reporter) if ctx.latest_due and reporter is not False else [],
        "ended": reporter is not agency,
        "reported_by": agency_ref(reporter) if reporter and reporter is not agency else None,
        "tasks": rows,
        "targets": targets,
    }


def _reporter(ctx: Context, agency: Agency | None) -> Agency | Literal[False] | None:
    """Whose report covers an agency's tasks now: itself; for one that no longer exists, its
    holder (False when nobody's does: a dissolved agency with no successor). None: everyone's."""
    if agency is None or not agency.ended_by(ctx.as_of):
        return agency
    holder = ctx.directory.holder(agency.id, ctx.as_of)
    return ctx.register.agencies[holder] if holder else False


# --- overdue ----------------------------------------------------------------------------------


def overdue(ctx: Context, agency: Agency | None = None) -> dict[str, Any]:
    wanted = None if agency is None else ctx.directory.holder(agency.id, ctx.as_of) or agency.id
    tasks = []
    for task in ctx.register.tasks.values():
        for aid, st in ctx.task_states(task).items():
            if st.state == "overdue" and (wanted is None or aid == wanted):
                tasks.append({"id": task.id, "agency": aid, "agency_name": ctx.directory.name(aid),
                              "due": _iso(st.deadline), "days_overdue": st.days_overdue,
                              "state": st.state, "text": task.text})
    targets = []
    for target in ctx.register.targets.values():
        deadline = target.due_on(ctx.as_of).deadline_in(ctx.as_of.year)
        if deadline is None or ctx.as_of <= deadline:
            continue
        leads: list[str | None] = [*sorted(ctx.directory.responsible(target.lead, ctx.as_of))] or [None]
        for ind in indicator_rows(ctx, target):
            if ind["state"] not in ("no_data", "not_met", "too_early"):  # past its deadline, not shown met
                continue
            for lead in leads:
                if wanted is not None and lead != wanted:
                    continue
                targets.append({"id": target.id, "indicator": ind["id"], "agency": lead,
                                "agency_name": ctx.directory.name(lead) if lead else _no_lead(target),
                                "due": deadline.isoformat(), "days_overdue": (ctx.as_of - deadline).days,
                                "state": ind["state"], "state_label": ind["state_label"],
                                "name": ind["name"]})
    reports = []
    if ctx.latest_due is not None:
        period = ctx.latest_due
        for aid in missing_reports(ctx, period):
            if wanted is None or aid == wanted:
                reports.append({"agency": aid, "agency_name": ctx.directory.name(aid),
                                "period": str(period), "due": period.due.isoformat(),
                                "days_overdue": (ctx.as_of - period.due).days})
    explanations = [{**row, "id": row["task"], "due": row["answer_due"]} for row in explanation_rows(ctx)
                    if row["state"] == "overdue" and (wanted is None or row["agency"] == wanted)]
    for rows in (tasks, targets, reports, explanations):
        rows.sort(key=_most_overdue_first)
    return {"as_of": ctx.as_of.isoformat(), "tasks": tasks, "targets": targets, "reports": reports,
            "explanations": explanations}


def explanation_rows(ctx: Context, task_id: str | None = None) -> list[dict[str, Any]]:
    """The office's requests for explanation (of one task, or all), each with its state on the
    day asked about: answered, waiting, or overdue by how many days."""
    from .model import EXPLANATION_STATE_LABELS

    rows = []
    for asked in ctx.register.explanations:
        if (task_id is not None and asked.task != task_id) or asked.asked > ctx.as_of:
            continue
        agency = ctx.directory.holder(asked.agency, ctx.as_of) or asked.agency
        state = asked.state(ctx.as_of)
        rows.append({"task": asked.task, "agency": agency, "agency_name": ctx.directory.name(agency),
                     "asked": asked.asked.isoformat(), "letter": asked.letter, "answer_due": asked.answer_due.isoformat(),
                     "answered": _iso(asked.answered) if state == "answered" else None,
                     "answer": asked.answer if state == "answered" else None,
                     "answer_letter": asked.answer_letter if state == "answered" else None,
                     "state": state, "state_label": EXPLANATION_STATE_LABELS[state],
                     "days_overdue": (ctx.as_of - asked.answer_due).days if state == "overdue" else 0})
    return rows


def overdue_by_task(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`overdue` task rows (one per task and agency, most overdue first) merged to one per task:
    {id, due, days_overdue, text, agency_ids, agencies (their names)}; a group's task would
    otherwise stand once for every member."""
    merged: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = merged.setdefault(r["id"], {"id": r["id"], "due": r["due"], "days_overdue": r["days_overdue"],
                                            "text": r["text"], "agency_ids": [], "agencies": []})
        entry["agency_ids"].append(r["agency"])
        entry["agencies"].append(r["agency_name"])
    return list(merged.values())


def _no_lead(target: Target) -> str:
    """Why a target has nobody to answer for it: the appendix left it blank, or its lead is gone."""
    if not target.lead:
        return "Phụ lục để trống"
    return "cơ quan chủ trì đã giải thể, chưa có cơ quan kế thừa"


def _most_overdue_first(row: dict[str, Any]) -> tuple[Any, ...]:
    return (-int(row["days_overdue"]), id_key(str(row.get("id", ""))), name_key(str(row.get("agency_name") or "")))


# --- upcoming ---------------------------------------------------------------------------------


def upcoming(ctx: Context, within: int, agency: Agency | None = None) -> dict[str, Any]:
    horizon = ctx.as_of + timedelta(days=within)
    wanted = None if agency is None else ctx.directory.holder(agency.id, ctx.as_of) or agency.id
    items: list[dict[str, Any]] = []

    def add(kind: str, item_id: str, aid: str | None, due: date) -> None:
        if wanted is None or aid == wanted:
            items.append({"kind": kind, "id": item_id, "agency": aid,
                          "agency_name": ctx.directory.name(aid) if aid else None,
                          "due": due.isoformat(), "days_left": (due - ctx.as_of).days})

    for task in ctx.register.tasks.values():
        deadline = task.due_on(ctx.as_of).deadline_in(ctx.as_of.year)
        if deadline is None or not ctx.as_of <= deadline <= horizon:
            continue
        for aid, st in ctx.task_states(task).items():
            if st.state not in NOTHING_DUE:
                add("task", task.id, aid, deadline)
    for target in ctx.register.targets.values():
        deadline = target.due_on(ctx.as_of).deadline_in(ctx.as_of.year)
        if deadline is not None and ctx.as_of <= deadline <= horizon:
            leads: list[str | None] = [*sorted(ctx.directory.responsible(target.lead, ctx.as_of))] or [None]
            for lead in leads:
                add("target", target.id, lead, deadline)
    period: Period | None = ctx.register.calendar.upcoming(ctx.as_of)
    while period is not None and period.due <= horizon:
        for aid in sorted(owed_reports(ctx, period)):
            if not ctx.reported(aid, period):
                add("report", str(period), aid, period.due)
        period = period.next()
    items.sort(key=lambda i: (i["days_left"], i["kind"], id_key(i["id"]), name_key(i["agency_name"] or "")))
    return {"as_of": ctx.as_of.isoformat(), "within": within, "items": items}


# --- targets and show ---------------------------------------------------------------------------


def targets(ctx: Context, agency: Agency | None = None) -> dict[str, Any]:
    rows = _target_rows(ctx, agency.id if agency else None, ctx.as_of)
    return {"as_of": ctx.as_of.isoformat(), "agency": agency_ref(agency), "targets": rows}


def show(ctx: Context, item: str) -> dict[str, Any]:
    """A task, target or agency in full; an agency may also be named by its name or alias."""
    reg = ctx.register
    item_id = item.strip()
    if item_id not in reg.tasks and item_id not in reg.targets and item_id not in reg.agencies:
        with contextlib.suppress(AgencyQueryError):
            item_id = ctx.directory.find(item).id
    if item_id in reg.tasks:
        return _show_task(ctx, reg.tasks[item_id])
    if item_id in reg.targets:
        return _show_target(ctx, reg.targets[item_id])
    if (found := reg.indicator_ids().get(item_id)) is not None:  # one indicator: its target, that row only
        shown = _show_target(ctx, found[0])
        shown["indicators"] = [i for i in shown["indicators"] if i["id"] == item_id]
        return shown
    if item_id in reg.agencies:
        return _show_agency(ctx, reg.agencies[item_id])
    raise QueryError(f"không có nhiệm vụ, chỉ tiêu hay cơ quan mã '{item_id}'")


def _show_task(ctx: Context, task: Task) -> dict[str, Any]:
    states = ctx.task_states(task)
    responsible = []
    for aid, assignment in sorted(ctx.responsible(task).items()):
        st = states[aid]
        responsible.append({"agency": aid, "name": ctx.directory.name(aid), "role": assignment.role,
                            "role_label": ROLE_LABELS[assignment.role], "via": assignment.via,
                            "state": st.state, "state_label": TASK_STATE_LABELS[st.state],
                            "latest": st.latest.json() if st.latest else None})
    lineage = [a for aid in states for a in ctx.directory.lineage(aid)]
    history = [r.json() for r in ctx.index.history(lineage, task.id)]
    row = _task_row(ctx, task, None, None, states)
    mentioned: list[Any] = [*task.lead, *task.support, *(r["via"] for r in responsible), *(h["agency"] for h in history)]
    return {"kind": "task", "as_of": ctx.as_of.isoformat(), **row, **_due_revisions(task, ctx.as_of),
            "source": task.source, "note": task.note, "tags": list(task.tags),
            "lead": list(task.lead), "support": list(task.support),
            "responsible": responsible, "history": history, "explanations": explanation_rows(ctx, task.id),
            "names": _names(ctx, mentioned)}


def _due_revisions(item: Task | Target, as_of: date) -> dict[str, Any]:
    """The deadline as the programme wrote it and each revision known on `as_of` (date, basis,
    new deadline), so a reader sees what the state is judged against and why."""
    return {"due_original": item.due.json_value(), "due_original_label": item.due.label(),
            "revisions": [{"date": r.date.isoformat(), "basis": r.basis, "due": r.due.json_value(),
                           "due_label": r.due.label()} for r in known_on(item.revisions, as_of)]}


def _goal_revisions(indicator: Indicator, as_of: date) -> dict[str, Any]:
    """The goal as the programme wrote it and each revision known on `as_of`."""
    return {"goal_original": {"op": indicator.op, "value": indicator.value},
            "revisions": [{"date": r.date.isoformat(), "basis": r.basis, "op": r.op or indicator.op,
                           "value": r.value} for r in known_on(indicator.revisions, as_of)]}


def _names(ctx: Context, ids: Iterable[str | None]) -> dict[str, str]:
    """{agency id: name} for the ids a `show` answer mentions, so a reader sees names; one that
    no longer exists is named with what became of it ("Sở A → nay là Sở B")."""
    return {aid: _name_now(ctx, aid) for aid in ids if aid}


def _name_now(ctx: Context, agency_id: str) -> str:
    name = ctx.directory.name(agency_id)
    agency = ctx.register.agencies.get(agency_id)
    if agency is None or not agency.ended_by(ctx.as_of):
        return name
    holder = ctx.directory.holder(agency_id, ctx.as_of)
    return f"{name} → nay là {ctx.directory.name(holder)}" if holder else f"{name} (đã chấm dứt hoạt động)"


def _show_target(ctx: Context, target: Target) -> dict[str, Any]:
    indicators = indicator_rows(ctx, target)
    for ind, declared in zip(indicators, target.indicators, strict=True):
        ind.update(_goal_revisions(declared, ctx.as_of))
        ind["history"] = [
            {"agency": o.agency, "period": str(o.period), "value": o.observation.value,
             "met": o.observation.met, "as_of": o.observation.as_of.isoformat(),
             "source": o.observation.source, "note": o.observation.note}
            for o in ctx.index.observations.get(ind["id"], [])
        ]
    mentioned = [*target.lead, *target.support, *(h["agency"] for ind in indicators for h in ind["history"])]
    due = target.due_on(ctx.as_of)
    return {"kind": "target", "as_of": ctx.as_of.isoformat(), "id": target.id, "text": target.text,
            "lead": list(target.lead), "support": list(target.support), "due": due.json_value(),
            "due_label": due.label(), **_due_revisions(target, ctx.as_of),
            "source": target.source, "note": target.note, "indicators": indicators, "names": _names(ctx, mentioned)}


def _show_agency(ctx: Context, agency: Agency) -> dict[str, Any]:
    data = status(ctx, agency)
    lineage = ctx.directory.lineage(agency.id)
    submitted = sorted(
        ({"agency": aid, "period": str(p), "submitted": d.isoformat()}
         for (aid, p), d in ctx.index.submitted.items() if aid in lineage),
        key=lambda r: (r["period"], r["submitted"]),
    )
    details = agency_details(ctx, agency)
    mentioned = [*details["groups"], *details["members"], *details["predecessors"], details["succeeded_by"],
                 details["under"]]
    return {"kind": "agency", **data, "details": details, "reports": submitted,
            "reporting": reporting_history(ctx, agency), "names": _names(ctx, mentioned)}


def agency_details(ctx: Context, agency: Agency) -> dict[str, Any]:
    counts = Counter(a.role for a in ctx.task_roles(ctx.as_of).get(agency.id, {}).values())
    named = _named_in_tasks(ctx).get(agency.id, Counter())
    return {
        "id": agency.id, "name": agency.name, "kind": agency.kind, "aliases": list(agency.aliases),
        "members": list(agency.members), "groups": ctx.directory.groups_of.get(agency.id, []),
        "succeeded_by": agency.succeeded_by, "since": _iso(agency.since), "basis": agency.basis, "under": agency.under,
        "predecessors": ctx.directory.predecessors.get(agency.id, []),
        "note": agency.note, "notice": succession_notice(ctx, agency),
        "tasks": {role: counts.get(role, 0) for role in ROLE_ORDER},
        "named": {"lead": named["lead"], "support": named["support"]},
    }


def _named_in_tasks(ctx: Context) -> dict[str, Counter[str]]:
    """How many tasks name each agency as lead, or else as support, as the document words it
    (before groups and successions): one pass over the tasks for every agency asked about."""
    def work() -> dict[str, Counter[str]]:
        named: dict[str, Counter[str]] = {}
        for task in ctx.register.tasks.values():
            for aid in set(task.lead):
                named.setdefault(aid, Counter())["lead"] += 1
            for aid in set(task.support) - set(task.lead):
                named.setdefault(aid, Counter())["support"] += 1
        return named

    return ctx.remembered(("named",), work)


def agencies(ctx: Context, query: str | None = None) -> dict[str, Any]:
    """Every agency, or the one `query` names, with its aliases, succession and task counts."""
    chosen = ctx.register.agencies.values() if query is None else [ctx.directory.find(query)]
    return {"as_of": ctx.as_of.isoformat(), "agencies": [agency_details(ctx, a) for a in chosen]}
