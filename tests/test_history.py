"""History: each agency's reporting record over the periods (issue 13, point 2 — `show <agency>`)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from .support import AS_OF, docx_text, run_cli


def test_show_agency_lists_every_period_sent_when_and_on_time_or_not(mini: Path) -> None:
    late = run_cli("record", "1.a.3", "-p", "2025", "-a", "so-a", "-s", "in_progress", "--result", "Muộn",
                   "--submitted", "2025-12-22", "--data", str(mini), "--as-of", AS_OF)
    assert late.code == 0, late.err
    data = json.loads(run_cli("show", "so-a", "-f", "json", "--data", str(mini), "--as-of", AS_OF).out)
    rows = {r["period"]: r for r in data["reporting"]}
    periods = [r["period"] for r in data["reporting"]]
    assert periods[0] == "2021" and periods[-1] == "2026"  # from the first period to the one due next
    assert (rows["2024"]["state"], rows["2024"]["submitted"]) == ("on_time", "2024-12-10")  # sent by its predecessor
    assert (rows["2025"]["state"], rows["2025"]["days"], rows["2025"]["submitted"]) == ("late", 3, "2025-12-22")
    assert (rows["2026-H1"]["state"], rows["2026-H1"]["submitted"]) == ("on_time", "2026-06-15")
    assert rows["2025-H1"]["state"] == "missing" and rows["2025-H1"]["days"] == 523
    assert (rows["2026"]["state"], rows["2026"]["days"]) == ("not_due", 25)
    table = run_cli("show", "so-a", "--data", str(mini), "--as-of", AS_OF).out
    assert "Lịch sử gửi báo cáo (11 kỳ)" in table and "Gửi muộn: 3 ngày, ngày 22/12/2025" in table
    # Above it, the latest period due in the words of `status --agency`: this agency's report,
    # not the periods of its history counted as if they were agencies.
    status = run_cli("status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF).out
    latest = "Kỳ báo cáo đã đến hạn gần nhất: 2026-H1 — báo cáo: đã gửi đúng hạn (ngày 15/06/2026)"
    assert latest in status and latest in table and "cơ quan phải gửi báo cáo" not in table


def test_status_says_who_sent_the_latest_report_and_when(mini: Path) -> None:
    one = json.loads(run_cli("status", "-a", "so-a", "-f", "json", "--data", str(mini), "--as-of", AS_OF).out)
    assert [(r["period"], r["state"], r["submitted"]) for r in one["reporting"]] == [("2026-H1", "on_time", "2026-06-15")]
    everyone = json.loads(run_cli("status", "-f", "json", "--data", str(mini), "--as-of", AS_OF).out)
    owed = {r["agency"]: r["state"] for r in everyone["reporting"]}
    assert owed["so-a"] == "on_time" and "missing" in owed.values()
    table = run_cli("status", "--data", str(mini), "--as-of", AS_OF).out
    missing = sum(s == "missing" for s in owed.values())
    assert f"{len(owed)} cơ quan phải gửi báo cáo: 1 đúng hạn, 0 muộn, {missing} chưa gửi" in table
    rows = run_cli("status", "-a", "so-a", "-f", "csv", "--data", str(mini), "--as-of", AS_OF).out.splitlines()
    assert any(r.startswith("report,2026-H1,") and ",on_time,Đã gửi đúng hạn," in r for r in rows)


def test_an_indicator_series_rises_then_falls_with_its_trend_and_method(mini: Path) -> None:
    for period, value, observed, sent in (("2025", "20", "2025-12-10", "2025-12-15"),
                                          ("2026", "25", "2026-11-20", "2026-11-21")):
        wrote = run_cli("observe", "2030.1.a", "-p", period, "-a", "so-a", "--value", value, "--observed", observed,
                        "--submitted", sent, "--confirm-doubts", "--data", str(mini), "--as-of", AS_OF)
        assert wrote.code == 0, wrote.err
    shown = json.loads(run_cli("show", "2030.1.a", "-f", "json", "--data", str(mini), "--as-of", AS_OF).out)
    (indicator,) = shown["indicators"]  # the indicator asked for, not its siblings
    assert [(h["as_of"], h["value"]) for h in indicator["history"]] == [
        ("2025-12-10", 20), ("2026-06-30", 30), ("2026-11-20", 25)]
    assert indicator["trend"] == "down" and indicator["history"][1]["source"] == "Cục Thống kê"
    table = run_cli("show", "2030.1.a", "--data", str(mini), "--as-of", AS_OF, env={"COLUMNS": "120"}).out
    assert "▁█▅" in table and "(20 → 25, 3 lần báo cáo)" in table and "Cục Thống kê" in table
    assert "tốc độ thực tế / tốc độ cần" in table  # the projection method, in words
    targets = run_cli("targets", "--data", str(mini), "--as-of", AS_OF, env={"COLUMNS": "120"}).out
    assert "25 doanh nghiệp ↓" in next(line for line in targets.splitlines() if line.startswith("2030.1.a"))
    earlier = json.loads(run_cli("targets", "-f", "json", "--data", str(mini), "--as-of", "2026-07-01").out)
    rising = next(i for t in earlier["targets"] for i in t["indicators"] if i["id"] == "2030.1.a")
    assert rising["trend"] == "up" and rising["value"] == 30  # on 1/7/2026 the fall was not yet known


def test_a_cumulative_figure_that_falls_is_questioned_where_it_was_written(mini: Path, tmp_path: Path) -> None:
    """A running total below the figure of the day before it is a doubt like a fraction for a
    percent: refused as it is written unless confirmed, warned of by validate where it stands,
    and no report rests a verdict on it until the office settles it."""
    assert run_cli("observe", "2030.1.a", "-p", "2025", "-a", "so-a", "--value", "20", "--observed", "2025-12-10",
                   "--data", str(mini), "--as-of", AS_OF).code == 0
    refused = run_cli("observe", "2030.1.a", "-p", "2026", "-a", "so-a", "--value", "25", "--observed", "2026-11-20",
                      "--data", str(mini), "--as-of", AS_OF)
    assert refused.code == 2 and "giảm: 30 (đến 30/06/2026, Sở Thử Nghiệm, kỳ 2026-H1) → 25 (đến 20/11/2026)" in refused.err
    assert "--confirm-doubts" in refused.err and not (mini / "progress/2026/so-a.yaml").exists()
    report = mini / "progress/2026/so-a.yaml"  # written by hand, as an office may
    report.parent.mkdir(parents=True)
    report.write_text("agency: so-a\nperiod: '2026'\nsubmitted: 2026-11-21\ntargets:\n"
                      "  - indicator: 2030.1.a\n    value: 25\n    as_of: 2026-11-20\n", encoding="utf-8")
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0 and "so-a.yaml:6:" in result.out and "[cumulative-falls]" in result.out, result.out
    made = run_cli("report", "-p", "2026", "-f", "md", "-o", "-", "--data", str(mini), "--as-of", AS_OF)
    assert made.code == 1 and "so-a.yaml:6: 2030.1.a" in made.err and "giảm" in made.err, made.err
    confirmed = run_cli("observe", "2030.1.a", "-p", "2026", "-a", "so-a", "--value", "25", "--observed", "2026-11-20",
                        "--confirm-doubts", "--data", str(mini), "--as-of", AS_OF)
    assert confirmed.code == 0, confirmed.err
    assert run_cli("report", "-p", "2026", "-f", "md", "-o", "-", "--data", str(mini), "--as-of", AS_OF).code == 0
    assert "[cumulative-falls]" not in run_cli("validate", "--data", str(mini), "--as-of", AS_OF).out
    # A figure written for an earlier day above the one after it: written, and said, since the
    # later figure now falls and the report will wait for it.
    earlier = run_cli("observe", "2030.1.a", "-p", "2025", "-a", "so-a", "--value", "35", "--observed", "2025-12-20",
                      "--data", str(mini), "--as-of", AS_OF)
    assert earlier.code == 0 and "sau số này (35 đến 20/12/2025), số liệu 30 đến 30/06/2026" in earlier.err, earlier.err
    assert run_cli("report", "-p", "2026", "-f", "md", "-o", "-", "--data", str(mini), "--as-of", AS_OF).code == 1


def test_compare_two_periods_by_table_json_and_csv(mini: Path) -> None:
    data = json.loads(run_cli("compare", "2025", "2026-H1", "-f", "json", "--data", str(mini), "--as-of", AS_OF).out)
    moved = {(r["id"], r["agency"]): (r["before"], r["after"], r["change"]) for r in data["tasks"]}
    assert moved[("1.a.1", "so-a")] == ("no_report", "done_on_time", "newly_done")
    assert moved[("1.b.1", "so-a")] == ("no_report", "overdue", "newly_overdue")
    assert moved[("1.b.3", "so-a")] == ("no_report", "suspended", "suspended")
    assert data["summary"]["newly_done"] == sum(r["change"] == "newly_done" for r in data["tasks"]) == 3
    assert data["by_group"]["1"]["newly_done"] == 2 and data["by_agency"]["so-a"]["suspended"] == 1
    assert [(r["agency"], r["before"], r["after"]) for r in data["reporting"]] == [("so-a", "missing", "on_time")]
    assert [(t["id"], t["after"]) for t in data["targets"]] == [("2025.1.a", "met")]
    table = run_cli("compare", "2025", "2026-H1", "--data", str(mini), "--as-of", AS_OF, env={"COLUMNS": "120"}).out
    assert "6 tháng đầu năm 2026 so với năm 2025" in table and "Mới hoàn thành: 3" in table
    rows = run_cli("compare", "2025", "2026-H1", "-f", "csv", "--data", str(mini), "--as-of", AS_OF).out.splitlines()
    assert rows[0].lstrip("\ufeff").startswith("kind,id,group,agency") and len(rows) == 1 + 8 + 1 + 1
    backwards = run_cli("compare", "2026-H1", "2025", "--data", str(mini), "--as-of", AS_OF)
    assert backwards.code == 2 and "kỳ trước rồi kỳ sau" in backwards.err
    same = run_cli("compare", "2026-h1", "2026-H1", "--data", str(mini), "--as-of", AS_OF)  # one period, typed twice
    assert same.code == 2 and "hai kỳ trùng nhau (2026-H1, 6 tháng đầu năm 2026)" in same.err, same.err


def test_a_stopped_task_is_resumed_only_when_its_agency_says_work_goes_on(mini: Path) -> None:
    # 1.b.3 stopped in 2026-H1; in 2026 so-a reports it not started, or in progress. "Thực hiện
    # lại" was said of both (and of a stopped task left with no report at all).
    (mini / "progress/2026").mkdir()
    report = mini / "progress/2026/so-a.yaml"
    for status, change in (("not_started", "other"), ("in_progress", "resumed")):
        report.write_text('agency: so-a\nperiod: "2026"\nsubmitted: 2026-11-20\ntasks:\n'
                          f'  - {{task: "1.b.3", status: {status}, result: Làm lại}}\n', encoding="utf-8")
        data = json.loads(run_cli("compare", "2026-H1", "2026", "-f", "json", "--data", str(mini),
                                  "--as-of", "2026-12-01").out)
        moved = {(r["id"], r["agency"]): (r["before"], r["change"]) for r in data["tasks"]}
        assert moved[("1.b.3", "so-a")] == ("suspended", change), moved


def test_compare_since_a_day_shows_what_moved_after_it(mini: Path) -> None:
    data = json.loads(run_cli("compare", "--since", "10/06/2026", "-f", "json", "--data", str(mini),
                              "--as-of", AS_OF).out)
    assert (data["from"], data["to"]) == ("2026-06-10", "2026-11-24")
    moved = {r["id"]: (r["before"], r["after"]) for r in data["tasks"] if r["agency"] == "so-a"}
    assert moved["1.a.1"] == ("no_report", "done_on_time")  # reported on 15/06, after the day compared from
    assert [(r["agency"], r["before"], r["after"]) for r in data["reporting"]] == [("so-a", "not_due", "on_time")]
    table = run_cli("compare", "--since", "10/06/2026", "--data", str(mini), "--as-of", AS_OF).out
    assert "Cơ quan        10/06/2026" in table and "24/11/2026" in table and "2026-06-10" not in table
    both = run_cli("compare", "2025", "2026-H1", "--since", "2026-06-10", "--data", str(mini), "--as-of", AS_OF)
    neither = run_cli("compare", "--data", str(mini), "--as-of", AS_OF)
    assert both.code == neither.code == 2 and "một trong hai" in both.err and "một trong hai" in neither.err
    # Before the programme was issued no task existed: a "before" state of it would be made up.
    early = run_cli("compare", "--since", "01/01/2019", "-f", "json", "--data", str(mini), "--as-of", AS_OF)
    assert early.code == 2 and early.out == "" and "trước khi 1/CTr-TEST ban hành ngày 02/07/2021" in early.err
    assert "--since 02/07/2021" in early.err, early.err
    assert run_cli("compare", "--since", "02/07/2021", "--data", str(mini), "--as-of", AS_OF).code == 0


# --- the history register: four periods (2024 to 2026-H1), on time, late, missing ---------------


def test_an_agency_record_over_four_periods_on_time_late_and_missing(history: Path) -> None:
    data = json.loads(run_cli("show", "so-b", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
    rows = {r["period"]: (r["state"], r["days"]) for r in data["reporting"]}
    assert rows["2024"] == ("on_time", 0) and rows["2025-H1"] == ("on_time", 0)
    assert rows["2025"] == ("late", 3)  # sent 22/12/2025, due 19/12
    assert rows["2026-H1"] == ("missing", (date.fromisoformat(AS_OF) - date(2026, 6, 19)).days)
    assert rows["2026"][0] == "not_due"
    overdue = json.loads(run_cli("overdue", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
    assert [(r["agency"], r["period"]) for r in overdue["reports"]] == [("so-b", "2026-H1")]


def test_compare_the_history_register_by_table_json_and_csv(history: Path) -> None:
    args = ("compare", "2025-H1", "2026-H1", "--data", str(history), "--as-of", AS_OF)
    data = json.loads(run_cli(*args, "-f", "json").out)
    moved = {(r["id"], r["agency"]): r["change"] for r in data["tasks"]}
    assert moved[("1.a.2", "so-a")] == "newly_done" and moved[("2.a.1", "so-b")] != "newly_done"
    reporting = {r["agency"]: (r["before"], r["after"]) for r in data["reporting"]}
    assert reporting == {"so-a": ("on_time", "late"), "so-b": ("on_time", "missing")}
    # so-a's 2026-H1 report came late (25/6) but came: its "done" counts for the period.
    assert moved[("1.a.1", "so-a")] == "newly_done"
    # 85 against 95 on 19/6/2025, one figure: too few to forecast; on 19/6/2026, 85 → 93 → 88 (sent
    # late) against the revised 90: behind.
    assert [(t["id"], t["before"], t["after"]) for t in data["targets"]] == [("2026.1.a", "too_early", "off_track")]
    # Asked on 20/6/2026, before the late report came: 93 was the latest figure, the task unreported.
    early = json.loads(run_cli("compare", "2025-H1", "2026-H1", "--data", str(history), "--as-of", "2026-06-20",
                               "-f", "json").out)
    assert [(t["id"], t["before"], t["after"]) for t in early["targets"]] == [("2026.1.a", "too_early", "on_track")]
    assert {(r["id"], r["agency"]): r["after"] for r in early["tasks"]}[("1.a.1", "so-a")] == "no_report"
    table = run_cli(*args, env={"COLUMNS": "120"}).out
    assert "6 tháng đầu năm 2026 so với 6 tháng đầu năm 2025" in table
    rows = run_cli(*args, "-f", "csv").out.splitlines()
    assert sum(r.startswith("report,") for r in rows) == 2 and len(rows) == 1 + len(data["tasks"]) + 2 + len(data["targets"])


def test_the_year_report_counts_against_the_same_period_a_year_earlier(history: Path) -> None:
    report = run_cli("report", "-p", "2025", "-f", "md", "-o", "-", "--data", str(history), "--as-of", AS_OF).out
    now = json.loads(run_cli("status", "-f", "json", "--data", str(history), "--as-of", "2025-12-19").out)
    then = json.loads(run_cli("status", "-f", "json", "--data", str(history), "--as-of", "2024-12-19").out)
    done_now = sum(t["state"] == "done_on_time" for t in now["tasks"])
    done_then = sum(t["state"] == "done_on_time" for t in then["tasks"])
    line = next(row for row in report.splitlines() if row.startswith("So với cùng kỳ"))
    assert line.startswith("So với cùng kỳ (năm 2024): ")
    assert f"Hoàn thành đúng hạn {done_now} (cùng kỳ {done_then}, tăng {done_now - done_then})" in line
    first = run_cli("report", "-p", "2025-H1", "-f", "md", "-o", "-", "--data", str(history), "--as-of", AS_OF).out
    assert "So với cùng kỳ" not in first  # nobody reported for 2024-H1: nothing to compare with


def test_a_period_report_counts_the_reports_that_came_late(history: Path) -> None:
    """so-a sent its 2026-H1 report six days late (25/06/2026). A report written afterwards says
    so in its appendix and counts what that report says: never "no report" for tasks the same
    document lists as reported. Deadlines are still judged on the period's due date."""
    args = ("report", "-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(history))
    report = run_cli(*args, "--as-of", AS_OF)
    assert "Gửi muộn (6 ngày, ngày 25/06/2026)" in report.out and "chưa được tính" not in report.err
    row = next(r for r in report.out.splitlines() if r.startswith("| 1.a.1 |"))
    assert "Hoàn thành đúng hạn" in row and "Đã xong" in row, row
    # The library, asked without a date for the document, dates it the day its reports are known.
    from qnctr.context import Context
    from qnctr.load import load_register
    from qnctr.report import build_context

    register, _ = load_register(history)
    ctx = Context.open(register, date.fromisoformat(AS_OF), "2026-H1")
    assert ctx.period is not None
    context = build_context(ctx, ctx.period, None)
    assert context["issued_on"] == AS_OF
    assert {r["agency"]: r["state"] for r in context["reporting"]} == {"so-a": "late", "so-b": "missing"}
    # Written the day after the due date, before the late report came, it cannot know it yet.
    early = run_cli(*args, "--as-of", "2026-06-20")
    row = next(r for r in early.out.splitlines() if r.startswith("| 1.a.1 |"))
    assert "Chưa có báo cáo" in row and "Chưa gửi, quá hạn" in early.out


def test_a_period_seen_later_tells_who_sent_late_and_its_counts_add_up(history: Path) -> None:
    """status --period 2025: so-b's year report came on 22/12/2025, three days late. Asked
    today it is late; asked on the due day it is not sent and not yet late. Either way the
    counts add up to the agencies that owe a report."""
    args = ("status", "--period", "2025", "--data", str(history))
    later = run_cli(*args, "--as-of", AS_OF).out
    assert "2025 — 2 cơ quan phải gửi báo cáo: 1 đúng hạn, 1 muộn, 0 chưa gửi\n" in later
    on_the_day = run_cli(*args, "--as-of", "2025-12-19").out
    assert "2025 — 2 cơ quan phải gửi báo cáo: 1 đúng hạn, 0 muộn, 0 chưa gửi, 1 chưa đến hạn\n" in on_the_day


def test_the_markdown_report_totals_row_carries_the_counts(history: Path) -> None:
    report = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(history), "--as-of", AS_OF).out
    lines = report.splitlines()
    at = next(i for i, r in enumerate(lines) if r.startswith("| **Cộng** |"))
    start = next(i for i in range(at, 0, -1) if lines[i].startswith("|---"))

    def cells(row: str) -> list[str]:
        return [c.strip() for c in row.strip("|").split("|")][1:]

    total = cells(lines[at])
    sums = [sum(int(c) for c in col) for col in zip(*(cells(r) for r in lines[start + 1:at]), strict=True)]
    assert len(lines[start + 1:at]) == 2  # one row per group
    assert total == [str(n) for n in sums] and "" not in total  # was blank for every code with "_"


def test_every_query_on_a_day_between_two_reports_gives_what_was_known_then(history: Path, tmp_path: Path) -> None:
    """On 20/12/2025 so-a's year report (15/12) was in, so-b's (22/12) was not, nor anything
    later: each query must answer as a register holding only the reports sent by then."""
    day = "2025-12-20"
    known = tmp_path / "known"
    shutil.copytree(history, known)
    for path in (known / "progress/2025/so-b.yaml", known / "progress/2026-H1/so-a.yaml"):
        path.unlink()
    queries = [("status",), ("status", "-a", "so-b"), ("overdue",), ("upcoming",), ("targets",), ("show", "so-b"),
               ("show", "2026.1.a"), ("show", "2.a.2"), ("compare", "2025-H1", "2025"), ("compare", "--since", "2025-07-01"),
               ("agencies",)]
    for query in queries:
        for fmt in ("json", "csv", "table"):
            if fmt == "csv" and query[0] in ("show", "agencies"):
                continue
            seen = run_cli(*query, "-f", fmt, "--data", str(history), "--as-of", day)
            only = run_cli(*query, "-f", fmt, "--data", str(known), "--as-of", day)
            assert seen.code == only.code == 0, (query, seen.err)
            assert seen.out == only.out, (query, fmt)
            assert "2 báo cáo gửi sau ngày đó" in seen.err and "chưa được tính" not in only.err
    report = [run_cli("report", "-p", "2025", "-f", "md", "-o", "-", "--data", str(root), "--as-of", day).out
              for root in (history, known)]
    assert report[0] == report[1] and "Sở Ngân Quỹ" in report[0]


def test_a_result_quoted_from_an_earlier_periods_report_says_which(history: Path, tmp_path: Path) -> None:
    """so-b sent nothing for 2026-H1: its task 2.a.1 has no report for the period, and the last
    thing it said ("Vẫn làm") is from its 2025 report. The 2026-H1 report quotes it with that
    period, in both formats and in the agency's own report, so nobody signs last year's words as
    this period's; a result reported for the period itself is quoted as it is."""
    def rows(*args: str) -> dict[str, str]:
        out = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", *args, "--data", str(history),
                      "--as-of", AS_OF).out
        return {r.split(" | ")[0][2:]: r for r in out.splitlines() if r.startswith("| 1.a.") or r.startswith("| 2.a.")}

    whole = rows()
    assert whole["2.a.1"].endswith("| Chưa có báo cáo | Vẫn làm (báo cáo năm 2025) |")
    assert whole["1.a.1"].endswith("| Hoàn thành đúng hạn | Đã xong |")  # reported for 2026-H1
    assert ("Sở Ngân Quỹ: Phần của Sở Ngân Quỹ (báo cáo năm 2025)<br>Sở Thử Nghiệm: Phần của Sở Thử Nghiệm |"
            in whole["2.a.2"])
    assert rows("-a", "so-b")["2.a.1"].endswith("| Vẫn làm (báo cáo năm 2025) |")
    out = tmp_path / "bc.docx"
    assert run_cli("report", "-p", "2026-H1", "-o", str(out), "--data", str(history), "--as-of", AS_OF).code == 0
    assert "Vẫn làm (báo cáo năm 2025)" in docx_text(out)
    # The year report quotes 2.a.1 as said for 2025 itself, the first half of 2025 as said then.
    year = run_cli("report", "-p", "2025", "-f", "md", "-o", "-", "--data", str(history), "--as-of", AS_OF).out
    assert "| Vẫn làm |" in year and "(báo cáo" not in year
    first = run_cli("report", "-p", "2025-H1", "-f", "md", "-o", "-", "--data", str(history), "--as-of", AS_OF).out
    assert "| Đang làm |" in first and "(báo cáo" not in first
