"""The analyst's commands on the shipped register (issue acceptance) and their output formats."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from .support import AS_OF, MINI, run_cli


def status_json(*args: str) -> dict:  # type: ignore[type-arg]
    result = run_cli("status", "--as-of", AS_OF, "-f", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_so_noi_vu_status_lists_lead_member_and_inherited_tasks() -> None:
    data = status_json("--agency", "Sở Nội vụ")
    assert data["agency"] == {"id": "so-noi-vu", "name": "Sở Nội vụ"}
    roles: dict[str, set[str]] = {}
    for task in data["tasks"]:
        roles.setdefault(task["role"], set()).add(task["id"])
    lead = {"2.d.1", "3.b.1", "3.b.2", *(f"4.b.{n}" for n in range(1, 9)), "8.g.1"}
    assert lead <= roles["lead"]
    assert {f"1.a.{n}" for n in range(1, 8)} | {f"2.a.{n}" for n in range(1, 5)} <= roles["member"]
    assert roles["inherited"] == {"7.b.1", "7.b.2", "7.b.3"}
    targets = {t["id"]: t["role"] for t in data["targets"]}
    assert {k for k, v in targets.items() if v == "lead"} == {"2025.2", "2030.1", "2030.2", "2030.3"}
    for task in data["tasks"]:
        assert set(task) >= {"id", "group", "role", "state", "state_label", "due", "text", "latest"}
    assert sum(data["summary"].values()) == sum(1 for t in data["tasks"] if t["role"] != "support")


def test_status_table_shows_roles_and_states_in_vietnamese() -> None:
    result = run_cli("status", "--as-of", AS_OF, "--agency", "so noi vu")
    assert result.code == 0
    for label in ("Chủ trì", "Thành viên", "Kế thừa", "Phối hợp", "Chưa có báo cáo", "7.b.1", "2030.3.a"):
        assert label in result.out
    assert "\x1b[" not in result.out  # piped: no colour


def test_old_name_says_who_holds_its_tasks_now() -> None:
    data = status_json("--agency", "Sở Lao động - TB&XH")
    assert data["agency"]["id"] == "so-lao-dong-thuong-binh-va-xa-hoi"
    assert "Sở Nội vụ" in data["notice"]
    assert {t["id"] for t in data["tasks"] if t["role"] == "lead"} == {"7.b.1", "7.b.2", "7.b.3"}


def test_overdue_lists_missing_reports_and_expired_targets() -> None:
    result = run_cli("overdue", "--as-of", AS_OF, "-f", "json")
    data = json.loads(result.out)
    missing = {r["agency"] for r in data["reports"]}
    assert {"so-noi-vu", "so-tai-chinh", "ban-xuc-tien-ho-tro-dau-tu"} <= missing
    assert all(r["period"] == "2026-H1" and r["due"] == "2026-06-19" and r["days_overdue"] == 158
               for r in data["reports"])
    assert "so-lao-dong-thuong-binh-va-xa-hoi" not in missing  # merged: its successor owes it
    assert not any(a.startswith("ubnd-huyen") or a.startswith("ubnd-tp") for a in missing)
    expired = {(t["indicator"], t["state"]) for t in data["targets"]}
    assert ("2025.15.a", "no_data") in expired and ("2025.10.b", "no_data") in expired
    no_lead = {t["id"]: t for t in data["targets"] if t["agency"] is None}
    assert no_lead["2025.15"]["agency_name"] == "Phụ lục để trống"
    assert "giải thể" in no_lead["2025.14"]["agency_name"]  # led by the district level, ended 1/7/2025
    days = [t["days_overdue"] for t in data["targets"]]
    assert days == sorted(days, reverse=True)
    for row in data["tasks"]:
        assert set(row) >= {"id", "agency", "due", "days_overdue", "state"}


def test_overdue_for_one_agency() -> None:
    data = json.loads(run_cli("overdue", "--as-of", AS_OF, "-a", "Sở Tài chính", "-f", "json").out)
    assert {r["agency"] for r in data["reports"]} == {"so-tai-chinh"}
    assert {t["id"] for t in data["tasks"]} >= {"5.b.3", "7.a.1"}


def test_upcoming_shows_the_year_report_due_19_december() -> None:
    result = run_cli("upcoming", "--as-of", AS_OF, "--within", "30", "-f", "json")
    items = json.loads(result.out)["items"]
    reports = [i for i in items if i["kind"] == "report"]
    assert reports and all(i["id"] == "2026" and i["due"] == "2026-12-19" and i["days_left"] == 25 for i in reports)
    table = run_cli("upcoming", "--as-of", AS_OF, "--within", "30")
    assert "19/12/2026" in table.out and "Báo cáo" in table.out
    none = json.loads(run_cli("upcoming", "--as-of", AS_OF, "--within", "10", "-f", "json").out)
    assert none["items"] == []


def test_show_task_target_and_agency() -> None:
    task = json.loads(run_cli("show", "4.b.7", "--as-of", AS_OF, "-f", "json").out)
    assert task["kind"] == "task" and task["text"].startswith("Hoàn thành ứng dụng phần mềm")
    assert task["responsible"][0]["agency"] == "so-noi-vu"
    target = json.loads(run_cli("show", "2025.10", "--as-of", AS_OF, "-f", "json").out)
    assert [i["id"] for i in target["indicators"]] == ["2025.10.a", "2025.10.b"]
    agency = run_cli("show", "Sở Nội vụ", "--as-of", AS_OF)
    assert agency.code == 0 and "Kế thừa từ: Sở Lao động - Thương binh và Xã hội" in agency.out
    old = run_cli("show", "so-lao-dong-thuong-binh-va-xa-hoi", "--as-of", AS_OF, env={"COLUMNS": "300"})
    assert old.out.count("đã được tổ chức lại") == 1 and "(so-lao-dong-thuong-binh-va-xa-hoi, sở)" in old.out
    missing = run_cli("show", "9.z.9", "--as-of", AS_OF)
    assert missing.code == 2 and "9.z.9" in missing.err


def test_show_history_on_mini() -> None:
    data = json.loads(run_cli("show", "2.a.1", "--data", str(MINI), "--as-of", AS_OF, "-f", "json").out)
    assert [h["period"] for h in data["history"]] == ["2024", "2026-H1"]
    assert data["names"]["so-cu"] == "Sở Cũ - Thử & Nghiệm → nay là Sở Thử Nghiệm"  # what became of it, beside its name
    assert data["names"]["nhom"] == "Các sở, ban, ngành"
    text = run_cli("show", "2.a.1", "--data", str(MINI), "--as-of", AS_OF).out
    assert "Phần của sở cũ" in text and "Phần của Sở" in text
    # Names and Vietnamese labels, not ids and codes, for a reader.
    assert "Thành viên nhóm (qua Các sở, ban, ngành)" in text
    assert "Hoàn thành" in text and "Đang thực hiện" in text and "in_progress" not in text
    quiet = run_cli("show", "7.b.1", "--as-of", AS_OF, env={"COLUMNS": "200"}).out
    assert "Kế thừa (qua Sở Lao động - Thương binh và Xã hội → nay là Sở Nội vụ)" in quiet
    assert "Chưa có báo cáo nào về nhiệm vụ này." in quiet and "Lịch sử báo cáo" not in quiet


def test_agencies_table_keeps_long_ids_and_counts_at_80_columns() -> None:
    result = run_cli("agencies", "--as-of", AS_OF, env={"COLUMNS": "80", "QNCTR_LAYOUT": "table"})
    assert result.code == 0 and max(len(line) for line in result.out.splitlines()) <= 80
    assert "CT/TV/KT/PH" in result.out
    row = next(line for line in result.out.splitlines() if "so-lao-dong-thuong-binh-va-xa-hoi " in line)
    assert row.split()[1] == "0/0/0/0"  # its duties are Sở Nội vụ's now
    snv = next(line for line in result.out.splitlines() if line.startswith(" so-noi-vu "))
    data = json.loads(run_cli("agencies", "--as-of", AS_OF, "-f", "json").out)
    counts = next(a["tasks"] for a in data["agencies"] if a["id"] == "so-noi-vu")
    assert snv.split()[1] == f"{counts['lead']}/{counts['member']}/{counts['inherited']}/{counts['support']}"
    group = next(a for a in data["agencies"] if a["id"] == "cac-so-ban-nganh")
    assert group["named"]["lead"] > 0 and not any(group["tasks"].values())
    assert f"Văn bản giao: chủ trì {group['named']['lead']}" in run_cli("agencies", "cac-so-ban-nganh").out


def test_group_filter_and_period() -> None:
    data = status_json("--group", "4")
    assert {t["id"] for t in data["tasks"]} == {f"4.a.{n}" for n in range(1, 5)} | {f"4.b.{n}" for n in range(1, 9)}
    assert run_cli("status", "--group", "9", "--as-of", AS_OF).code == 2
    bad = run_cli("status", "--period", "2026-H3", "--as-of", AS_OF)
    assert bad.code == 2 and "YYYY-H1" in bad.err
    past = json.loads(run_cli("status", "--data", str(MINI), "--period", "2025", "--as-of", AS_OF, "-f", "json").out)
    assert past["as_of"] == "2025-12-19" and past["period"] == "2025"


def test_csv_output_has_stable_columns() -> None:
    result = run_cli("status", "--as-of", AS_OF, "-a", "so-noi-vu", "-f", "csv")
    assert result.out.startswith("\ufeff")  # UTF-8 with BOM: Excel reads the Vietnamese right
    rows = list(csv.DictReader(io.StringIO(result.out.lstrip("\ufeff"))))
    assert rows[0].keys() >= {"kind", "id", "role", "state", "due"}
    assert {r["kind"] for r in rows} == {"task", "indicator", "report"}
    overdue = list(csv.DictReader(io.StringIO(run_cli("overdue", "--as-of", AS_OF, "-f", "csv").out.lstrip("\ufeff"))))
    assert {r["kind"] for r in overdue} == {"task", "target", "report"}


@pytest.mark.parametrize("width", ["80", "120", "200"])
def test_tables_fit_the_terminal_and_keep_ids_whole(width: str) -> None:
    result = run_cli("status", "--as-of", AS_OF, "-a", "so-noi-vu", env={"COLUMNS": width, "QNCTR_LAYOUT": "table"})
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= int(width)
    ids = re.findall(r"^ (\d\.[a-zđ]\.\d|V\.[\d.a-zđ]+|20\d\d\.\d+\.[a-z])\s", result.out, re.MULTILINE)
    assert "4.b.8" in ids and "2030.3.a" in ids


def test_register_with_errors_is_not_queried(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path / "bad"
    shutil.copytree(MINI, root)
    (root / "agencies.yaml").write_text("- id: [\n", encoding="utf-8")
    result = run_cli("status", "--data", str(root), "--as-of", AS_OF)
    assert result.code == 1
    assert "agencies.yaml:" in result.err and "qnctr validate" in result.err


def test_long_tables_are_cut_and_say_so(mini) -> None:  # type: ignore[no-untyped-def]
    tasks = mini / "tasks.yaml"
    extra = "".join(f'      - {{id: "1.d.{k}", lead: [so-a], due: 2024, source: x, text: y}}\n' for k in range(1, 401))
    tasks.write_text(tasks.read_text(encoding="utf-8").replace('  - id: "2"\n', extra + '  - id: "2"\n'), encoding="utf-8")
    table = run_cli("overdue", "--data", str(mini), "--as-of", AS_OF, env={"COLUMNS": "120", "QNCTR_LAYOUT": "table"})
    assert "Hiển thị 300/401 dòng đầu; dùng --format csv hoặc json để xem đủ." in " ".join(table.out.split())
    assert sum(1 for line in table.out.splitlines() if line.strip().startswith("1.d.")) == 300
    piped = run_cli("overdue", "--data", str(mini), "--as-of", AS_OF)  # not a terminal: every row
    assert sum(1 for line in piped.out.splitlines() if line.startswith(("1.d.", "1.b.1 "))) == 401
    assert "Hiển thị" not in piped.out
    rows = list(csv.DictReader(io.StringIO(
        run_cli("overdue", "--data", str(mini), "--as-of", AS_OF, "-f", "csv").out.lstrip("\ufeff"))))
    assert sum(1 for r in rows if r["kind"] == "task") == 401


def test_cli_colours_a_terminal_and_honours_no_color() -> None:
    args = ("status", "--as-of", AS_OF, "-a", "so-noi-vu")
    coloured = run_cli(*args, env={"FORCE_COLOR": "1", "NO_COLOR": None, "QNCTR_LAYOUT": "table"})
    assert "\x1b[31m" in coloured.out or "\x1b[1;31m" in coloured.out  # red: Chưa có báo cáo / Quá hạn
    plain = run_cli(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "QNCTR_LAYOUT": "table"})
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", plain.out)
    assert "Chưa có báo cáo" in plain.out


def test_periods_and_days_before_the_programme() -> None:
    for args in (("status", "-p", "2019"), ("report", "-p", "2021-H1", "-f", "md", "-o", "-"),
                 ("form", "-p", "2021-H1", "-a", "so-noi-vu", "-o", "never.xlsx")):
        result = run_cli(*args, "--as-of", AS_OF)
        assert result.code == 2 and "trước khi 131/CTr-UBND ban hành ngày 02/07/2021" in result.err, args
    early = json.loads(run_cli("status", "--as-of", "2021-01-01", "-f", "json").out)
    assert "ban hành ngày 02/07/2021" in early["notice"] and early["period"] is None
    # A valid period looked at before the issue date is a notice, not a refusal.
    ahead = run_cli("status", "-p", "2021", "--as-of", "2021-05-01", "-f", "json")
    assert ahead.code == 0 and "ban hành ngày 02/07/2021" in json.loads(ahead.out)["notice"]
    first = run_cli("report", "-p", "2021", "-f", "md", "-o", "-", "--as-of", AS_OF)
    assert first.code == 0 and "năm 2021" in first.out
