"""Task and target states on the mini register, which has one task in every state."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from qnctr.calendar import Period
from qnctr.model import Indicator, Target, validate
from qnctr.queries import status
from qnctr.state import ObservationRef, indicator_state, overall_state

from .support import AS_OF, MINI, ctx_at, run_cli

EXPECTED = {
    "1.a.1": ("lead", "done_on_time"),
    "1.a.2": ("lead", "done_late"),
    "1.a.3": ("lead", "in_progress"),
    "1.b.1": ("lead", "overdue"),
    "1.b.2": ("lead", "not_started"),
    "1.b.3": ("lead", "suspended"),
    "1.c.1": ("lead", "no_report"),
    "2.a.1": ("member", "done_on_time"),
    "2.b.1": ("inherited", "in_progress"),
    "2.b.2": ("support", "no_report"),
}



def test_every_state_and_role_for_one_agency() -> None:
    ctx = ctx_at(AS_OF)
    data = status(ctx, ctx.directory.find("so-a"))
    got = {t["id"]: (t["role"], t["state"]) for t in data["tasks"]}
    assert got == EXPECTED
    assert data["summary"] == {"done_on_time": 2, "done_late": 1, "in_progress": 2, "overdue": 1,
                               "not_started": 1, "suspended": 1, "no_report": 1, "not_required": 0}
    labels = {t["id"]: t["state_label"] for t in data["tasks"]}
    assert labels["1.b.1"] == "Quá hạn" and labels["1.c.1"] == "Chưa có báo cáo"
    assert labels["1.a.2"] == "Hoàn thành quá hạn" and labels["1.b.3"] == "Dừng thực hiện"


def test_group_task_is_done_only_when_every_member_is() -> None:
    ctx = ctx_at(AS_OF)
    row = next(t for t in status(ctx)["tasks"] if t["id"] == "2.a.1")
    assert (row["state"], row["agencies_done"], row["agencies_total"]) == ("no_report", 1, 2)
    assert row["agencies_reported"] == 1


def test_latest_report_wins_and_predecessor_reports_count(mini: Path) -> None:
    ctx = ctx_at(AS_OF, mini)
    heir = ctx.agency_state(ctx.register.tasks["2.b.1"], "so-a")
    assert heir.latest is not None and heir.latest.period == Period.parse("2026-H1")
    # Before the 2026-H1 report existed, the predecessor's 2024 report was the latest word.
    early = ctx_at("2025-06-01", mini)
    before = early.agency_state(early.register.tasks["2.b.1"], "so-a")
    assert before.latest is not None and before.latest.agency == "so-cu" and before.state == "not_started"


def test_report_due_boundary_19th_versus_20th() -> None:
    # so-a's 2026-H1 report was sent on 15/6; so-b never reported.
    on_19 = ctx_at("2026-06-19")
    assert str(on_19.latest_due) == "2025"
    on_20 = ctx_at("2026-06-20")
    assert str(on_20.latest_due) == "2026-H1"
    assert on_20.agency_state(on_20.register.tasks["2.b.2"], "so-b").state == "no_report"
    assert on_20.agency_state(on_20.register.tasks["1.a.3"], "so-a").state == "in_progress"


def test_deadline_is_inclusive() -> None:
    task = ctx_at("2025-12-31").register.tasks["1.b.1"]
    assert ctx_at("2025-12-31").agency_state(task, "so-a").state != "overdue"
    late = ctx_at("2026-01-01").agency_state(task, "so-a")
    assert (late.state, late.days_overdue) == ("overdue", 1)


def test_reports_sent_after_as_of_are_not_seen() -> None:
    ctx = ctx_at("2026-06-14")
    assert ctx.agency_state(ctx.register.tasks["1.a.1"], "so-a").latest is None


def test_dissolved_district_owes_nothing_after_abolition() -> None:
    ctx = ctx_at(AS_OF)
    assert ctx.task_states(ctx.register.tasks["2.c.1"]) == {}
    before = ctx_at("2025-06-01")
    assert set(before.task_states(before.register.tasks["2.c.1"])) == {"huyen-x"}


def test_overall_state_rules() -> None:
    assert overall_state(["done_on_time", "done_late"]) == "done_late"
    assert overall_state(["done_on_time", "suspended"]) == "done_on_time"
    assert overall_state(["done_on_time", "overdue", "no_report"]) == "overdue"
    assert overall_state(["done_on_time", "in_progress"]) == "in_progress"
    assert overall_state(["not_started"]) == "not_started"
    assert overall_state(["suspended"]) == "suspended"


def _target(measure: str, op: str | None, value: float | None, due: object) -> tuple[Target, Indicator]:
    ind = {"id": "a", "name": "x", "measure": measure}
    if op is not None:
        ind |= {"op": op, "value": value, "unit": "%"}
    target = validate(Target, {"id": "2025.1", "due": due, "source": "s", "text": "t", "indicators": [ind]})
    return target, target.indicators[0]


def _obs(*pairs: tuple[str, float | bool]) -> list[ObservationRef]:
    from qnctr.model import Observation, validate

    out = []
    for day, v in pairs:
        body = {"indicator": "2025.1.a", "as_of": day, **({"met": v} if isinstance(v, bool) else {"value": v})}
        out.append(ObservationRef(validate(Observation, body), "so-a", Period.parse("2026"), date(2026, 1, 1)))
    return out


@pytest.mark.parametrize(("measure", "op", "goal", "due", "obs", "as_of", "state"), [
    ("level", ">=", 90, 2025, [("2025-12-31", 92.0)], "2026-01-10", "met"),
    ("level", ">=", 90, 2025, [("2025-12-31", 80.0)], "2026-01-10", "not_met"),
    ("level", ">=", 90, 2025, [], "2026-01-10", "no_data"),
    ("level", ">=", 90, 2030, [("2026-06-30", 95.0)], "2026-11-24", "on_track"),
    ("level", ">=", 90, 2030, [("2024-12-31", 50.0), ("2025-12-31", 60.0)], "2026-11-24", "on_track"),
    ("level", ">=", 90, 2030, [("2024-12-31", 50.0), ("2025-12-31", 51.0)], "2026-11-24", "off_track"),
    ("cumulative", ">=", 10000, {"from": 2021, "to": 2025}, [("2023-12-31", 6000.0)], "2024-01-10", "on_track"),
    ("cumulative", ">=", 10000, {"from": 2021, "to": 2025}, [("2023-12-31", 4000.0)], "2024-01-10", "off_track"),
    ("average-growth", ">", 10, 2030, [("2024-12-31", 12.0), ("2025-12-31", 9.0)], "2026-11-24", "on_track"),
    ("average-growth", ">", 10, 2025, [("2024-12-31", 8.0), ("2025-12-31", 9.0)], "2026-11-24", "not_met"),
    ("each-year", ">", 99, 2030, [("2024-12-31", 99.5), ("2025-12-31", 98.0)], "2026-11-24", "not_met"),
    # a year's growth is its latest figure: half-years' growth does not count as years of their own
    ("average-growth", ">", 10, 2025, [("2024-06-14", 4.0), ("2024-12-14", 12.0), ("2025-06-14", 5.0),
                                       ("2025-12-14", 11.0)], "2026-11-24", "met"),
    ("average-growth", ">", 10, 2030, [("2024-12-14", 12.0), ("2025-06-14", 4.0)], "2025-07-01", "off_track"),
    # "luôn đạt trên 99 %" holds year by year: a half-year below it is not a year that failed
    ("each-year", ">", 99, 2025, [("2024-06-14", 98.5), ("2024-12-14", 99.3), ("2025-12-14", 99.4)], "2026-01-10", "met"),
    # a mean of 10,004 is shown as 10 %, which is not "trên 10 %": judged as shown
    ("average-growth", ">", 10, 2025, [("2024-12-14", 10.004), ("2025-12-14", 10.004)], "2026-01-10", "not_met"),
    ("qualitative", None, None, "annual", [("2025-12-31", True)], "2026-11-24", "met"),
    # past its deadline, a goal to hold every year is met only when its last year was seen
    ("qualitative", None, None, {"annual": {"from": 2021, "to": 2025}}, [("2024-06-14", True)], "2026-11-24",
     "too_early"),
    ("qualitative", None, None, {"annual": {"from": 2021, "to": 2025}}, [("2024-06-14", False)], "2026-11-24",
     "not_met"),
    ("each-year", ">", 99, 2025, [("2024-12-14", 99.3)], "2026-01-10", "too_early"),
    # "giữ vững … hằng năm" is held only if held every year: a year assessed "Không đạt" stays one
    ("qualitative", None, None, {"annual": {"from": 2021, "to": 2025}},
     [("2023-12-14", False), ("2024-12-14", True), ("2025-12-14", True)], "2026-01-10", "not_met"),
    ("qualitative", None, None, {"annual": {"from": 2021, "to": 2025}},
     [("2023-06-14", False), ("2023-12-14", True), ("2025-12-14", True)], "2026-01-10", "met"),  # a year's latest
    ("qualitative", None, None, {"annual": {"from": 2021, "to": 2025}},
     [("2020-12-31", False), ("2025-12-14", True)], "2026-01-10", "met"),  # before its first year
    ("qualitative", None, None, {"from": 2021, "to": 2025},
     [("2023-12-14", False), ("2025-12-14", True)], "2026-01-10", "met"),  # by 2025, not every year
    ("level", ">=", 90, 2025, [("2024-12-31", 92.0)], "2026-01-10", "met"),  # reached before its deadline
    ("qualitative", None, None, 2030, [("2025-12-31", False)], "2026-11-24", "off_track"),
])
def test_indicator_states(measure: str, op: str | None, goal: float | None, due: object,
                          obs: list[tuple[str, float | bool]], as_of: str, state: str) -> None:
    target, ind = _target(measure, op, goal, due)
    result = indicator_state(target, ind, _obs(*obs), date.fromisoformat(as_of), 2021)
    assert result.state == state, result.explanation
    if measure == "average-growth" and result.state in ("met", "not_met"):
        assert f"bình quân {len({day[:4] for day, _ in obs})} năm" in result.explanation


def test_an_each_year_verdict_shows_the_year_that_failed_it_and_a_mean_as_it_is_shown() -> None:
    # "99,5 % — Không đạt" in a signed report, with no word of 2024's 83,6 %: the verdict now
    # shows the figure it rests on, and names every year that fell short.
    target, ind = _target("each-year", ">", 99, 2025)
    result = indicator_state(target, ind, _obs(("2024-06-14", 66.6), ("2024-12-14", 83.6), ("2025-06-14", 99.5)),
                             date(2026, 1, 10), 2021)
    assert (result.state, result.value, result.observed) == ("not_met", 83.6, date(2024, 12, 14))
    assert result.explanation == "phải đạt > 99 mỗi năm; không đạt năm 2024: 83,6"
    target, ind = _target("average-growth", ">", 10, 2025)
    result = indicator_state(target, ind, _obs(("2023-12-14", 11.9), ("2024-12-14", 10.0), ("2025-12-14", 10.9)),
                             date(2026, 1, 10), 2021)
    assert (result.state, result.value) == ("met", 10.93)  # never 10,933333 in the report's column


def test_a_yearly_assessment_names_the_year_that_failed_it() -> None:
    target, ind = _target("qualitative", None, None, {"annual": {"from": 2021, "to": 2025}})
    result = indicator_state(target, ind, _obs(("2022-12-14", False), ("2023-12-14", False), ("2024-12-14", True),
                                                ("2025-12-14", True)), date(2026, 1, 10), 2021)
    assert (result.state, result.value, result.observed) == ("not_met", False, date(2023, 12, 14))
    assert result.explanation.endswith("phải đạt hằng năm; không đạt năm 2022, năm 2023")


def test_projection_is_explained() -> None:
    target, ind = _target("cumulative", ">=", 10000, {"from": 2021, "to": 2025})
    result = indicator_state(target, ind, _obs(("2023-12-31", 6000.0)), date(2024, 1, 10), 2021)
    assert "dự báo theo tốc độ hiện tại" in result.explanation
    assert "0,95" in result.explanation and "0.95" not in result.explanation  # Vietnamese decimals


def test_targets_command_on_mini() -> None:
    result = run_cli("targets", "--data", str(MINI), "--as-of", AS_OF, "-f", "json")
    rows = {i["id"]: i for t in json.loads(result.out)["targets"] for i in t["indicators"]}
    assert rows["2025.1.a"]["state"] == "met" and rows["2025.1.a"]["value"] == 92.5
    assert rows["2025.2.a"]["state"] == "no_data"
    assert rows["2030.1.a"]["state"] == "on_track"
    table = run_cli("targets", "--data", str(MINI), "--as-of", AS_OF)
    assert "Đúng tiến độ" in table.out and "dự báo theo tốc độ hiện tại" in table.out


def test_a_worked_out_figure_is_never_shown_on_the_other_side_of_the_line_it_is_judged_by() -> None:
    # "tốc độ thực tế / tốc độ cần = 0,95; ≥ 0,95 là đúng tiến độ" beside "Chậm tiến độ", and a
    # projection "90" beside a goal "≥ 90" called behind: rounded to two decimals, a figure just
    # under its line read as on it. Such a figure is shown with the decimals that keep it under.
    target, ind = _target("cumulative", ">=", 10000, {"from": 2021, "to": 2025})
    result = indicator_state(target, ind, _obs(("2023-12-31", 5695.0)), date(2024, 1, 10), 2021)
    assert result.state == "off_track"
    assert "tốc độ cần = 0,9497;" in result.explanation and "0,95;" not in result.explanation
    assert "9.496,87 vào" in result.explanation  # far from any line: two decimals, as before
    target, ind = _target("level", ">=", 90, 2030)
    result = indicator_state(target, ind, _obs(("2024-12-31", 50.0), ("2025-12-31", 56.6632)), date(2026, 1, 10), 2021)
    assert result.state == "off_track"
    assert result.explanation.endswith("31/12/2030: 89,997")
    target, ind = _target("average-growth", ">", 10, 2030)
    result = indicator_state(target, ind, _obs(("2024-12-31", 9.48), ("2025-12-31", 9.5)), date(2026, 1, 10), 2021)
    assert result.state == "off_track"  # a mean of 9,49 against > 10: 0,949 of it
    assert "(tỷ lệ 0,949;" in result.explanation
