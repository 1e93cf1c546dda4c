"""The follow-up loop: the reminder letter (qnctr remind), and its figures against `overdue`."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .support import run_cli


def _late_task(history: Path) -> None:
    """A task of Sở Ngân Quỹ due 31/3/2026 that nobody reported done, and one of a merged body's
    that its successor now holds."""
    tasks = history / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        '      - {id: "2.a.1", lead: [so-b], due: ongoing, source: III.2.a, text: Việc thường xuyên}',
        '      - {id: "2.a.1", lead: [so-b], due: ongoing, source: III.2.a, text: Việc thường xuyên}\n'
        '      - {id: "2.a.3", lead: [so-b], due: 2026-03-31, source: III.2.a, text: Việc có hạn của Sở Ngân Quỹ}\n'
        '      - {id: "2.a.4", lead: [so-cu], due: 2026-04-30, source: III.2.a, text: Việc của sở đã sáp nhập}'),
        encoding="utf-8")


def _letter(history: Path, day: str, *extra: str) -> str:
    result = run_cli("remind", "-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(history), "--as-of", day, *extra)
    assert result.code == 0, result.err
    return result.out


def test_the_letter_asks_for_what_can_still_be_done_about_a_target_whose_time_is_up(mini: Path) -> None:
    # "khẩn trương hoàn thành các nhiệm vụ, chỉ tiêu quá hạn" was asked of a 2025 target in
    # December 2026: it can no longer be completed; its figure is asked for, or its shortfall
    # explained. A late task is still to be completed.
    def request(agency: str) -> str:
        result = run_cli("remind", "-p", "2026", "-a", agency, "-f", "md", "-o", "-", "--data", str(mini),
                         "--as-of", "2026-12-10")
        assert result.code == 0, result.err
        return next(line for line in result.out.splitlines() if line.startswith("Để kịp tổng hợp"))

    report = mini / "progress/2026-H1/so-a.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace('value: 92.5,', 'value: 85,'), encoding="utf-8")
    asked = request("so-a")
    assert "làm rõ nguyên nhân các chỉ tiêu đã hết hạn chưa đạt" in asked and "chỉ tiêu quá hạn" not in asked, asked
    assert "khẩn trương hoàn thành các nhiệm vụ quá hạn" in asked  # 1.b.1, due 30/6/2026, not done
    report.write_text(text.replace('  - {indicator: "2025.1.a", value: 92.5, as_of: 2025-12-31}\n', ""), encoding="utf-8")
    asked = request("so-a")
    assert "báo cáo số liệu các chỉ tiêu đã hết hạn chưa có số liệu" in asked and "chưa đạt" not in asked, asked


def test_the_letters_closing_request_is_a_paragraph_of_its_own(history: Path) -> None:
    """In Markdown a line right under a list item continues that item: the letter's request
    ("… đề nghị các cơ quan …") must not read as part of the last agency's last point."""
    _late_task(history)
    for agency in ((), ("-a", "so-b")):
        lines = _letter(history, "2026-06-25", *agency).splitlines()
        request = max(i for i, line in enumerate(lines) if "đề nghị" in line and not line.startswith(("-", " ", ">")))
        assert lines[request - 1] == "", lines[request - 2:request + 1]


def test_the_letter_says_what_overdue_says_agency_by_agency(history: Path) -> None:
    _late_task(history)
    letter = _letter(history, "2026-06-25")
    late = json.loads(run_cli("overdue", "-f", "json", "--data", str(history), "--as-of", "2026-06-25").out)
    assert late["tasks"], "the round has overdue tasks"
    for row in late["tasks"]:
        assert f"{row['id']} (hạn " in letter and f"quá {row['days_overdue']} ngày" in letter
    for row in late["reports"]:
        assert row["agency_name"] in letter and f"đã quá hạn {row['days_overdue']} ngày" in letter
    # The merged body never appears: its successor answers for its task.
    assert "Sở Cũ" not in letter and "2.a.4" in letter.split("Sở Thử Nghiệm**")[1]
    # Sở Thử Nghiệm sent its report on 25/06 (late): only its overdue task is asked of it.
    assert "Sở Thử Nghiệm" in letter and "Sở Ngân Hà" not in letter
    assert "Ban Đầu mối đề nghị" in letter and "- Ban Đầu mối" not in letter  # the sender is no recipient


def test_before_the_due_date_the_letter_reminds_and_lists_what_falls_due(history: Path) -> None:
    _late_task(history)
    letter = _letter(history, "2026-04-20")
    assert "hạn ngày 19/06/2026 (còn 60 ngày)" in letter
    assert "2.a.3 (hạn 31/03/2026, quá 20 ngày)" in letter
    assert "Nhiệm vụ đến hạn trước ngày 19/06/2026 (1)" in letter and "2.a.4, hạn 30/04/2026" in letter
    assert "đúng hạn (trước ngày 19/06/2026)" in letter


def test_one_agency_one_letter_and_nothing_outstanding(history: Path, tmp_path: Path) -> None:
    _late_task(history)
    one = _letter(history, "2026-06-25", "-a", "Sở Ngân Quỹ")
    assert one.count("Kính gửi: Sở Ngân Quỹ.") == 1 and "Sở Thử Nghiệm" not in one
    nothing = run_cli("remind", "-p", "2026-H1", "-a", "Sở Ngân Hà", "--data", str(history), "--as-of", "2026-06-25",
                      "-o", str(tmp_path / "x.docx"))
    assert nothing.code == 0 and "không lập công văn" in nothing.out + nothing.err
    assert not (tmp_path / "x.docx").exists()


def test_letters_per_agency_as_word_documents(history: Path, tmp_path: Path) -> None:
    _late_task(history)
    result = run_cli("remind", "-p", "2026-H1", "--per-agency", "-o", str(tmp_path), "--data", str(history),
                     "--as-of", "2026-06-25")
    assert result.code == 0, result.err
    made = sorted(p.name for p in tmp_path.glob("don-doc-*.docx"))
    assert made == ["don-doc-1-ctr-test-2026-H1-so-a.docx", "don-doc-1-ctr-test-2026-H1-so-b.docx"]
    with zipfile.ZipFile(tmp_path / made[1]) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "Kính gửi: Sở Ngân Quỹ." in xml and "2.a.3" in xml and "V/v đôn đốc" in xml
    assert "{{" not in xml and "{%" not in xml


@pytest.mark.parametrize(("args", "says"), [
    (["-p", "2026-H3"], "2026-H3"),
    (["-p", "2026-H1", "-a", "Sở Không Có"], "Sở Không Có"),
    (["-p", "2026-H1", "-f", "docx", "-o", "-"], "--format md"),  # the screen takes text, not Word
    (["-p", "2100", "-f", "md", "-o", "-"], "kỳ 2100 (năm 2100) chưa bắt đầu"),  # a letter about nothing yet
])
def test_bad_requests_are_refused(history: Path, args: list[str], says: str) -> None:
    result = run_cli("remind", *args, "--data", str(history), "--as-of", "2026-06-25")
    assert result.code in (1, 2) and says in result.out + result.err


def test_a_template_without_the_agencies_and_an_existing_file(history: Path, tmp_path: Path) -> None:
    _late_task(history)
    bare = tmp_path / "bare.md.j2"
    bare.write_text("Kính gửi các cơ quan.\n", encoding="utf-8")
    refused = run_cli("remind", "-p", "2026-H1", "-f", "md", "-t", str(bare), "-o", str(tmp_path / "a.md"),
                      "--data", str(history), "--as-of", "2026-06-25")
    assert refused.code in (1, 2) and "agencies" in refused.out + refused.err and not (tmp_path / "a.md").exists()
    existing = tmp_path / "letter.docx"
    existing.write_bytes(b"old")
    again = run_cli("remind", "-p", "2026-H1", "-o", str(existing), "--data", str(history), "--as-of", "2026-06-25")
    assert again.code in (1, 2) and "--force" in again.out + again.err and existing.read_bytes() == b"old"


def _scorecard(history: Path, *args: str) -> dict[str, dict[str, object]]:
    result = run_cli("scorecard", "-f", "json", "--data", str(history), *args)
    assert result.code == 0, result.err
    return {a["agency"]: a for a in json.loads(result.out)["agencies"]}


def test_the_record_counts_what_status_and_overdue_count(history: Path) -> None:
    _late_task(history)
    cards = _scorecard(history, "--as-of", "2026-06-25")
    for aid in ("so-a", "so-b"):
        status = json.loads(run_cli("status", "-a", aid, "-f", "json", "--data", str(history),
                                    "--as-of", "2026-06-25").out)
        led = [t for t in status["tasks"] if t["role"] != "support"]
        counts = cards[aid]["counts"]
        assert isinstance(counts, dict)
        for state in counts:
            assert counts[state] == sum(1 for t in led if t["state"] == state), (aid, state)
    late = json.loads(run_cli("overdue", "-f", "json", "--data", str(history), "--as-of", "2026-06-25").out)
    for aid in ("so-a", "so-b"):
        assert cards[aid]["counts"]["overdue"] == sum(1 for r in late["tasks"] if r["agency"] == aid)  # type: ignore[index]


def test_the_rate_leaves_out_ongoing_duties_and_tasks_not_yet_due(history: Path) -> None:
    _late_task(history)
    cards = _scorecard(history, "--as-of", "2026-06-25")
    # Sở Ngân Quỹ: 2.a.1 is ongoing (not counted), 2.a.3 overdue: 0 of 1.
    assert cards["so-b"]["rate"] == 0.0 and cards["so-b"]["rate_base"] == 1
    # Sở Thử Nghiệm: 1.a.1 done on time (due 2026, done early), 1.a.2 done on time, 1.a.3 done
    # late, 2.a.4 (its predecessor's) overdue; 2.a.2 ongoing: 2 of 4.
    assert cards["so-a"]["rate_base"] == 4 and cards["so-a"]["rate"] == 50.0
    # the table says what the rate is of, as the report and the site do ("(4)" read as nothing)
    table = run_cli("scorecard", "--data", str(history), "--as-of", "2026-06-25").out
    assert "50 % (trên 4)" in table and "0 % (trên 1)" in table
    before = _scorecard(history, "--as-of", "2026-03-01")
    assert "2.a.3" not in before["so-b"]["task_ids"]["overdue"]  # type: ignore[index]
    assert before["so-b"]["rate"] is None  # nothing it had to have done yet
    tasks = history / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("  kind: Chương trình hành động\n",
                                                               "  kind: Kế hoạch\n  ongoing_in_rates: true\n"),
                     encoding="utf-8")
    counted = _scorecard(history, "--as-of", "2026-06-25")
    assert counted["so-a"]["rate_base"] == 5
    said = json.loads(run_cli("scorecard", "-f", "json", "--data", str(history), "--as-of", "2026-06-25").out)
    assert said["ongoing_rule"].startswith("Kế hoạch này tính cả nhiệm vụ thường xuyên")  # in its own word


def test_an_on_time_rate_is_a_hundred_only_when_every_task_was_on_time() -> None:
    # 1.998 of 1.999 tasks rounded to one decimal was "100 %" beside an overdue task (and 1 of
    # 2.000 was "0 %"): the rate as the scorecard, the report's appendix and the site show it.
    from qnctr.scores import on_time_rate

    assert on_time_rate(1998, 1999) == 99.9 and on_time_rate(1, 2000) == 0.1
    assert (on_time_rate(5, 5), on_time_rate(0, 5), on_time_rate(2, 4), on_time_rate(2, 3)) == (100.0, 0.0, 50.0, 66.7)
    assert on_time_rate(0, 0) is None


def test_the_rate_reads_the_same_in_the_terminal_the_report_and_the_site(history: Path, tmp_path: Path) -> None:
    _late_task(history)  # Sở Thử Nghiệm: 2 of 4 on time
    day = ("--data", str(history), "--as-of", "2026-06-25")
    table = run_cli("scorecard", *day).out
    report = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", *day).out
    assert run_cli("site", "-o", str(tmp_path / "site"), *day).code == 0
    page = (tmp_path / "site/co-quan/so-a.html").read_text(encoding="utf-8")
    assert "50 %" in table and "50 %" in report and "<strong>50 %</strong>" in page
    assert "50,0" not in table + report + page  # the terminal said "50,0 %" where the others say "50 %"


def test_the_record_as_csv_has_a_row_an_agency(history: Path) -> None:
    result = run_cli("scorecard", "-f", "csv", "--data", str(history), "--as-of", "2026-06-25", "-p", "2026-H1")
    assert result.code == 0
    lines = result.out.lstrip("\ufeff").strip().splitlines()
    assert lines[0].startswith("agency,agency_name,tasks,ongoing,done_on_time")
    assert len(lines) == 3 and any(line.startswith("so-b,Sở Ngân Quỹ") and ",missing," in line for line in lines)


def test_the_reports_appendix_is_the_record_figure_for_figure(history: Path) -> None:
    _late_task(history)
    report = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(history), "--as-of", "2026-06-25")
    assert report.code == 0, report.err
    appendix = report.out.split("Kết quả thực hiện theo cơ quan", 1)[1]
    cards = _scorecard(history, "-p", "2026-H1", "--as-of", "2026-06-25")
    for card in cards.values():
        row = next(line for line in appendix.splitlines() if line.startswith(f"| {card['agency_name']} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        counts = card["counts"]
        assert isinstance(counts, dict)
        assert cells[1:7] == [str(card["tasks"]), *(str(counts[s]) for s in
                                                   ("done_on_time", "done_late", "in_progress", "overdue", "no_report"))]
        assert cells[7] == ("—" if card["rate"] is None
                            else f"{card['rate']:g}".replace(".", ",") + f" % (trên\u00a0{card['rate_base']})")


def _said(history: Path) -> None:
    """Sở Ngân Quỹ's 2026-H1 report, late, with a difficulty and a proposal; and a difficulty in
    Sở Thử Nghiệm's."""
    (history / "progress/2026-H1/so-b.yaml").write_text(
        "agency: so-b\nperiod: 2026-H1\nsubmitted: 2026-06-28\ntasks:\n"
        '  - {task: "2.a.3", status: in_progress, result: Đang soạn dự thảo,'
        " difficulties: Thiếu biên chế soạn thảo, proposals: Đề nghị bổ sung 02 biên chế}\n", encoding="utf-8")
    own = history / "progress/2026-H1/so-a.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace(
        "result: Đã xong}", "result: Đã xong, difficulties: Phần mềm chưa kết nối liên thông}"), encoding="utf-8")


def test_the_difficulties_are_the_reports_figure_for_figure(history: Path) -> None:
    _late_task(history)
    _said(history)
    listed = json.loads(run_cli("difficulties", "-p", "2026-H1", "-f", "json", "--data", str(history),
                                "--as-of", "2026-06-30").out)
    assert [(r["agency_name"], r["task"], r["text"]) for r in listed["difficulties"]] == [
        ("Sở Ngân Quỹ", "2.a.3", "Thiếu biên chế soạn thảo"), ("Sở Thử Nghiệm", "1.a.1", "Phần mềm chưa kết nối liên thông")]
    assert [(r["agency_name"], r["text"]) for r in listed["proposals"]] == [("Sở Ngân Quỹ", "Đề nghị bổ sung 02 biên chế")]
    assert listed["difficulties"][0]["submitted"] == "2026-06-28"
    report = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(history), "--as-of", "2026-06-30")
    assert report.code == 0, report.err
    for r in listed["difficulties"] + listed["proposals"]:
        assert f"{r['agency_name']} (nhiệm vụ {r['task']}): {r['text']}" in report.out
    one = json.loads(run_cli("difficulties", "-p", "2026-H1", "-a", "Sở Thử Nghiệm", "-f", "json", "--data",
                             str(history), "--as-of", "2026-06-30").out)
    assert [r["task"] for r in one["difficulties"]] == ["1.a.1"] and one["proposals"] == []


def test_a_request_for_explanation_its_answer_and_its_lateness(history: Path) -> None:
    _late_task(history)

    def explain(*args: str) -> Any:
        return run_cli("explain", "2.a.3", "-a", "Sở Ngân Quỹ", "--data", str(history), *args)

    asked = explain("--due", "2026-07-15", "--letter", "125/BĐM-TH", "--as-of", "2026-07-10")
    assert asked.code == 0 and "hạn trả lời 15/07/2026" in asked.out
    assert run_cli("validate", "--data", str(history), "--as-of", "2026-07-10").code == 0
    late = json.loads(run_cli("overdue", "-f", "json", "--data", str(history), "--as-of", "2026-07-20").out)
    assert [(r["task"], r["agency"], r["days_overdue"]) for r in late["explanations"]] == [("2.a.3", "so-b", 5)]
    letter = _letter(history, "2026-07-20")
    assert "nhiệm vụ 2.a.3, văn bản 125/BĐM-TH ngày 10/07/2026: hạn trả lời 15/07/2026, quá 5 ngày" in letter
    card = _scorecard(history, "--as-of", "2026-07-20")["so-b"]["explanations"]
    assert card == {"asked": 1, "answered": 0, "overdue": 1}
    ahead = explain("--answered", "2026-07-23", "--answer", "Sẽ trả lời", "--as-of", "2026-07-22")
    assert ahead.code == 2 and "--answered 23/07/2026 sau ngày 22/07/2026" in ahead.err  # only what happened
    answered = explain("--answered", "2026-07-22", "--answer", "Thiếu biên chế; trình trong tháng 8", "--as-of", "2026-07-22")
    assert answered.code == 0, answered.err
    shown = json.loads(run_cli("show", "2.a.3", "-f", "json", "--data", str(history), "--as-of", "2026-07-25").out)
    assert [(x["state"], x["answer"]) for x in shown["explanations"]] == [("answered", "Thiếu biên chế; trình trong tháng 8")]
    later = json.loads(run_cli("overdue", "-f", "json", "--data", str(history), "--as-of", "2026-07-25").out)
    assert later["explanations"] == []


def test_a_request_given_twice_is_one_request(history: Path) -> None:
    # Run twice (a retry, a colleague), the same letter of the same day was two requests: the
    # record counted "asked: 2" and the reminder listed the task twice.
    _late_task(history)

    def ask(due: str, letter: str = "125/BĐM-TH") -> Any:
        return run_cli("explain", "2.a.3", "-a", "Sở Ngân Quỹ", "--due", due, "--letter", letter,
                       "--data", str(history), "--as-of", "2026-07-10")

    first = ask("2026-07-15")
    assert first.code == 0 and "đề nghị Sở Ngân Quỹ giải trình nhiệm vụ 2.a.3" in first.out  # named, not "so-b"
    path = history / "explanations.yaml"
    before = path.read_bytes()
    again = ask("2026-07-15")
    assert again.code == 0 and "Không ghi gì" in again.out and "đã có" in again.out and path.read_bytes() == before
    moved = ask("2026-07-17")
    assert moved.code == 0 and "hạn trả lời 15/07/2026 → 17/07/2026" in moved.out
    assert ask("2026-07-20", "130/BĐM-TH").code == 0  # another letter: another request
    card = _scorecard(history, "--as-of", "2026-07-20")["so-b"]["explanations"]
    assert card == {"asked": 2, "answered": 0, "overdue": 1}
    assert run_cli("validate", "--data", str(history), "--as-of", "2026-07-20").code == 0


def test_an_answer_written_ahead_by_hand_is_refused_by_validate(history: Path) -> None:
    """An answer dated after today would count as given before it was: validate refuses it as
    it refuses a report sent in the future."""
    _late_task(history)
    assert run_cli("explain", "2.a.3", "-a", "Sở Ngân Quỹ", "--due", "2026-07-15", "--data", str(history),
                   "--as-of", "2026-07-10").code == 0
    path = history / "explanations.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "    answered: 2099-01-01\n    answer: Sẽ trả lời\n",
                    encoding="utf-8")
    checked = run_cli("validate", "--data", str(history), "--format", "json")
    found = [d for d in json.loads(checked.out)["diagnostics"] if d["code"] == "future-date"]
    assert checked.code == 1 and [d["path"].endswith("explanations.yaml") for d in found] == [True], checked.out
    assert "ngày trả lời 01/01/2099" in found[0]["message"]


def test_an_explanations_file_edited_on_windows_stays_a_windows_file(history: Path) -> None:
    _late_task(history)
    assert run_cli("explain", "2.a.3", "-a", "Sở Ngân Quỹ", "--due", "2026-07-15", "--data", str(history),
                   "--as-of", "2026-07-10").code == 0
    path = history / "explanations.yaml"
    windows = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(windows)
    answered = run_cli("explain", "2.a.3", "-a", "Sở Ngân Quỹ", "--answered", "2026-07-14", "--answer", "Đã làm",
                       "--data", str(history), "--as-of", "2026-07-14")
    assert answered.code == 0, answered.err
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and not after[3:].startswith(b"\xef\xbb\xbf")  # one BOM, kept
    assert b"\n" not in after.replace(b"\r\n", b"") and b"answer: " in after  # every line end CRLF, the answer in
    shown = json.loads(run_cli("show", "2.a.3", "-f", "json", "--data", str(history), "--as-of", "2026-07-14").out)
    assert [(x["state"], x["answer"]) for x in shown["explanations"]] == [("answered", "Đã làm")]


@pytest.mark.parametrize(("args", "says"), [
    (["2.a.3", "-a", "Sở Thử Nghiệm", "--due", "2026-07-15"], "không chủ trì"),
    (["9.9", "-a", "Sở Ngân Quỹ", "--due", "2026-07-15"], "9.9"),
    (["2.a.3", "-a", "Sở Ngân Quỹ", "--answered", "2026-07-09", "--answer", "x"], "chưa có đề nghị"),
    (["2.a.3", "-a", "Sở Ngân Quỹ", "--due", "2026-07-01", "--asked", "2026-07-10"], "answer_due"),
    (["2.a.3", "-a", "Sở Ngân Quỹ", "--due", "2026-07-20", "--asked", "2026-07-11"], "--asked 11/07/2026 sau ngày 10/07/2026"),
])
def test_explanations_that_cannot_be_recorded(history: Path, args: list[str], says: str) -> None:
    _late_task(history)
    result = run_cli("explain", *args, "--data", str(history), "--as-of", "2026-07-10")
    assert result.code in (1, 2) and says in result.out + result.err
    assert not (history / "explanations.yaml").exists()


def test_the_site_shows_requests_for_explanation_where_they_belong(history: Path, tmp_path: Path) -> None:
    _late_task(history)
    _said(history)
    asked = run_cli("explain", "2.a.3", "-a", "so-b", "--due", "2026-07-15", "--letter", "125/BĐM-TH",
                    "--data", str(history), "--as-of", "2026-07-10")
    assert asked.code == 0, asked.err
    out = tmp_path / "public"
    built = run_cli("site", "-o", str(out), "--data", str(history), "--as-of", "2026-07-20")
    assert built.code == 0, built.err
    for page in ("qua-han.html", "co-quan/so-b.html", "nhiem-vu/2.a.3.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "125/BĐM-TH" in text and "5 ngày" in text, page
    concerns = (out / "kho-khan.html").read_text(encoding="utf-8")
    assert "Thiếu biên chế soạn thảo" in concerns and "Đề nghị bổ sung 02 biên chế" in concerns
    assert "Phần mềm chưa kết nối liên thông" in concerns
    record = (out / "ket-qua.html").read_text(encoding="utf-8")
    assert "Giải trình: đề nghị / đã trả lời / quá hạn" in record


def test_the_record_fits_a_narrow_terminal_and_shows_everything_in_a_wide_one(history: Path) -> None:
    from qnctr.context import Context
    from qnctr.register import load_checked
    from qnctr.render import table as views
    from qnctr.render.terminal import Screen, draw
    from qnctr.scores import scorecard

    _late_task(history)
    ctx = Context.open(load_checked(history, date(2026, 6, 25)), date(2026, 6, 25), "2026-H1")
    data = scorecard(ctx, ctx.period)
    for width in (80, 100):
        drawn = draw(views.scorecard_view(data, width), Screen(width, terminal=True))
        assert max(len(line) for line in drawn.splitlines()) <= width
        assert "Chưa gửi, quá hạn" in drawn  # the report column is not squeezed out
    wide = draw(views.scorecard_view(data, 160), Screen(160, terminal=True))
    assert "Báo cáo (đúng/muộn/thiếu)" in wide and "Đang làm" in wide
