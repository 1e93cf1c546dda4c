"""What moved between two periods (or since a day): tasks that changed state, indicators that
changed assessment, agencies whose reporting changed; `qnctr compare`."""

from __future__ import annotations

from datetime import date
from typing import Any

from .calendar import Period
from .context import Context, QueryError, agency_ref
from .days import short_date
from .load import Register
from .model import Agency
from .queries import indicator_rows
from .reporting import report_timeliness
from .state import DONE_STATES, TASK_STATE_LABELS

# --- what moved between two periods -----------------------------------------------------------

COMPARE_LABELS = {
    "newly_done": "Mới hoàn thành", "newly_overdue": "Mới quá hạn", "suspended": "Mới dừng thực hiện",
    "resumed": "Thực hiện lại", "other": "Thay đổi khác",
}


def _moved(before: str, after: str) -> str:
    if after in DONE_STATES and before not in DONE_STATES:
        return "newly_done"
    if after == "overdue" and before != "overdue":
        return "newly_overdue"
    if after == "suspended" and before != "suspended":
        return "suspended"
    if before == "suspended" and after == "in_progress":  # work taken up again, as its agency reports
        return "resumed"
    return "other"  # a stopped task not reported on, or reported not started, was not resumed


def compare(register: Register, as_of: date, first: str, second: str, agency: Agency | None = None) -> dict[str, Any]:
    """What changed between two periods, each judged on its due date (or today, if sooner) from the
    reports sent by `as_of`, late ones included: tasks whose state moved (by agency, counted by
    group), indicators whose assessment moved, agencies whose report went from on time to late
    or missing (or back)."""
    a, b = (Context.open(register, as_of, p) for p in (first, second))
    if a.period is not None and a.period == b.period:
        raise QueryError(f"hai kỳ trùng nhau ({a.period}, {a.period.label}): so sánh hai kỳ khác nhau, "
                         "kỳ trước rồi kỳ sau, hoặc dùng --since NGÀY")
    if a.period is None or b.period is None or not a.period < b.period:
        raise QueryError(f"so sánh hai kỳ theo thứ tự thời gian: kỳ trước rồi kỳ sau (không phải {first} rồi {second})")
    return _compare(register, a, b, (a.period, b.period), (a.period.label, b.period.label), agency,
                    (str(a.period), str(b.period)))


def changes(register: Register, as_of: date, first: str | None, second: str | None, since: date | None,
            agency: Agency | None) -> dict[str, Any]:
    """`qnctr compare`: between two periods, or from a day (`--since`) to `as_of`; one of the two."""
    if since is not None and first is None and second is None:
        return compare_since(register, as_of, since, agency)
    if since is None and first is not None and second is not None:
        return compare(register, as_of, first, second, agency)
    raise QueryError("so sánh hai kỳ (qnctr compare 2025 2026) hoặc từ một ngày (--since 10/06/2026), một trong hai")


def compare_since(register: Register, as_of: date, since: date, agency: Agency | None = None) -> dict[str, Any]:
    """What changed between a day and `as_of`: the same lists as between two periods; the
    reporting compared is that of the period last due on `as_of`, as known on each day."""
    if not since < as_of:
        raise QueryError(f"--since {short_date(since)} phải trước ngày đang xem ({short_date(as_of)})")
    programme = register.programme
    if programme is not None and since < programme.issued:  # no task existed: "before" would be made up
        raise QueryError(f"--since {short_date(since)} trước khi {programme.id} ban hành ngày "
                         f"{short_date(programme.issued)}: trước ngày đó chưa có nhiệm vụ nào; mọi thay đổi từ khi "
                         f"ban hành: --since {short_date(programme.issued)}")
    a, b = Context.build(register, since), Context.build(register, as_of)
    if b.latest_due is None:
        raise QueryError(f"chưa có kỳ báo cáo nào đến hạn vào ngày {short_date(as_of)}")
    return _compare(register, a, b, (b.latest_due, b.latest_due),
                    (f"ngày {short_date(since)}", f"ngày {short_date(as_of)}"), agency,
                    (since.isoformat(), as_of.isoformat()))


def _compare(register: Register, a: Context, b: Context, periods: tuple[Period, Period], labels: tuple[str, str],
             agency: Agency | None, names: tuple[str, str]) -> dict[str, Any]:
    """The two views `a` and `b` side by side; `periods` are whose reporting is compared, each as
    known on the day its view knows."""
    wanted = None if agency is None else b.directory.holder(agency.id, b.as_of) or agency.id
    tasks: list[dict[str, Any]] = []
    for task in register.tasks.values():
        before = a.task_states(task)
        for aid, now in b.task_states(task).items():
            then = before.get(aid)
            if (wanted is None or aid == wanted) and then is not None and then.state != now.state:
                change = _moved(then.state, now.state)
                tasks.append({"id": task.id, "group": register.task_group.get(task.id), "agency": aid,
                              "agency_name": b.directory.name(aid), "before": then.state, "after": now.state,
                              "before_label": TASK_STATE_LABELS[then.state], "after_label": TASK_STATE_LABELS[now.state],
                              "change": change, "change_label": COMPARE_LABELS[change]})
    targets: list[dict[str, Any]] = []
    for target in register.targets.values():
        if wanted is not None and b.role_of(target.lead, target.support, wanted, b.as_of) is None:
            continue
        for old, new in zip(indicator_rows(a, target), indicator_rows(b, target), strict=True):
            if old["state"] != new["state"]:
                targets.append({"id": new["id"], "name": new["name"], "before": old["state"], "after": new["state"],
                                "before_label": old["state_label"], "after_label": new["state_label"],
                                "value_before": old["value"], "value_after": new["value"]})
    sent_a = {r["agency"]: r for r in report_timeliness(a, periods[0], agency)}
    reporting: list[dict[str, Any]] = []
    for row in report_timeliness(b, periods[1], agency):
        sent = sent_a.get(row["agency"])
        if sent is not None and (sent["state"] == "on_time") != (row["state"] == "on_time"):
            reporting.append({"agency": row["agency"], "agency_name": row["agency_name"], "before": sent["state"],
                              "after": row["state"], "before_label": sent["state_label"],
                              "after_label": row["state_label"]})
    by_group: dict[str, dict[str, int]] = {}
    by_agency: dict[str, dict[str, int]] = {}
    for row in tasks:
        for key, table in ((str(row["group"] or ""), by_group), (str(row["agency"]), by_agency)):
            counts = table.setdefault(key, dict.fromkeys(COMPARE_LABELS, 0))
            counts[row["change"]] += 1
    return {"as_of": b.known.isoformat(), "from": names[0], "to": names[1], "agency": agency_ref(agency),
            "from_label": labels[0], "to_label": labels[1],
            "summary": {c: sum(1 for r in tasks if r["change"] == c) for c in COMPARE_LABELS},
            "by_group": by_group, "by_agency": by_agency, "tasks": tasks, "targets": targets, "reporting": reporting}
