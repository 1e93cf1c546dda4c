"""What the signed report says: agencies' own words, reporting status at any date, duties
that owe no report, body and appendix, and a numbers audit against the queries."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from qnctr.checks import validate
from qnctr.context import Context
from qnctr.numbers import format_number
from qnctr.queries import overdue, status, targets
from qnctr.reporting import report_timeliness
from qnctr.state import TASK_STATE_LABELS

from .support import AS_OF, docx_text, run_cli


def cli(root: Path, *args: str, as_of: str = AS_OF) -> str:
    result = run_cli(*args, "--data", str(root), "--as-of", as_of)
    assert result.code == 0, result.out + result.err
    return result.out


def report_md(root: Path, period: str, *args: str, as_of: str = AS_OF) -> str:
    return cli(root, "report", "-p", period, "-f", "md", "-o", "-", *args, as_of=as_of)


def body_and_appendix(text: str) -> tuple[str, str]:
    cut = text.index("Trên đây là báo cáo")
    return text[:cut], text[cut:]


@pytest.fixture
def reported(mini: Path) -> Path:
    """The mini register after a round: so-a writes difficulties, a proposal and evidence."""
    cli(mini, "record", "1.a.3", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--result", "Đã họp triển khai",
        "--evidence", "Kế hoạch 12/KH-SNV", "--difficulties", "Thiếu biên chế chuyên trách",
        "--proposals", "Bổ sung 02 biên chế", "--submitted", "2026-11-20")
    return mini


def test_agencies_words_reach_both_reports_named(reported: Path) -> None:
    whole = report_md(reported, "2026")
    body, _ = body_and_appendix(whole)
    iv = body[body.index("## IV."):body.index("## V.")]
    vi = body[body.index("## VI."):]
    assert "- Sở Thử Nghiệm (nhiệm vụ 1.a.3): Thiếu biên chế chuyên trách" in iv
    assert "- Sở Thử Nghiệm (nhiệm vụ 1.a.3): Bổ sung 02 biên chế" in vi
    assert "Đã họp triển khai (Văn bản: Kế hoạch 12/KH-SNV)" in whole
    own = report_md(reported, "2026", "-a", "so-a")
    assert "Thiếu biên chế chuyên trách" in own and "Bổ sung 02 biên chế" in own
    other = report_md(reported, "2026", "-a", "so-b")
    assert "Thiếu biên chế" not in other and "Chưa có cơ quan nào báo cáo khó khăn" in other


def test_difficulties_of_an_earlier_period_are_not_this_periods(reported: Path) -> None:
    earlier = report_md(reported, "2026-H1")
    assert "Thiếu biên chế" not in earlier


def test_before_the_due_date_non_senders_are_listed_as_not_yet_due(reported: Path) -> None:
    md = report_md(reported, "2026", as_of="2026-11-25")
    appendix = md[md.index("Tình hình gửi báo cáo năm 2026\n"):]
    assert "| Sở Thử Nghiệm | 20/11/2026 | Đã gửi đúng hạn (ngày 20/11/2026) |" in appendix
    assert "| Sở Ngân Quỹ |  | Chưa gửi (chưa đến hạn) (hạn 19/12/2026, còn 24 ngày) |" in appendix
    assert "đã gửi đúng hạn: 1; gửi muộn: 0; chưa gửi (chưa đến hạn): 1; chưa gửi, quá hạn: 0" in md


def test_after_the_due_date_late_and_missing_are_told_apart(reported: Path) -> None:
    md_before = report_md(reported, "2026", as_of="2026-12-21")
    assert "| Sở Ngân Quỹ |  | Chưa gửi, quá hạn (quá hạn 2 ngày) |" in md_before
    cli(reported, "record", "2.b.2", "-p", "2026", "-a", "so-b", "-s", "in_progress", "--result", "Đang làm",
        "--submitted", "2026-12-22", as_of="2026-12-30")
    md = report_md(reported, "2026", as_of="2026-12-30")
    assert "| Sở Ngân Quỹ | 22/12/2026 | Gửi muộn (3 ngày, ngày 22/12/2026) |" in md


def test_an_agency_report_has_what_an_agency_report_has(reported: Path, tmp_path: Path) -> None:
    # Its own sending is the consolidated report's business: no one-row list of itself, no
    # "1 cơ quan phải gửi" section; its tasks are its first appendix.
    own = tmp_path / "so-a.docx"
    cli(reported, "report", "-p", "2026", "-a", "so-a", "-o", str(own))
    text = docx_text(own)
    assert "Tình hình gửi báo cáo" not in text and "TÌNH HÌNH GỬI BÁO CÁO" not in text and "cơ quan phải gửi" not in text
    assert "Phụ lục 1" in text and "Phụ lục 2" not in text
    province = tmp_path / "tinh.docx"
    cli(reported, "report", "-p", "2026", "-o", str(province))
    assert "Sở Thử Nghiệm\t20/11/2026\tĐã gửi đúng hạn (ngày 20/11/2026)" in docx_text(province)


def test_only_the_consolidated_report_names_the_bodies_that_ended_with_no_successor(mini: Path) -> None:
    # A member of the group leading 2.a.1 ceased with no successor: the consolidated report,
    # which counts agencies per task, says so; a department's own report counts only its own
    # duties and says nothing of the bodies it shares a task with.
    agencies = mini / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8").replace("members: [so-a, so-b, so-cu]", "members: [so-a, so-b, so-cu, so-het]")
    agencies.write_text(text + "- id: so-het\n  name: Sở Đã Giải Thể\n  kind: department\n  since: 2025-01-01\n"
                        "  basis: Nghị quyết thử số 2\n", encoding="utf-8")
    ended = "đã chấm dứt hoạt động, không có cơ quan kế thừa"
    consolidated = report_md(mini, "2026-H1")
    assert ended in consolidated and "Các sở, ban, ngành (1 cơ quan, từ 01/01/2025, ở 1 nhiệm vụ)" in consolidated
    own = report_md(mini, "2026-H1", "-a", "so-b")
    assert "| 2.a.1 |" in own and ended not in own


def test_the_same_period_last_year_says_when_it_counted_fewer_tasks(mini: Path) -> None:
    # so-a took over so-cu's task 2.b.1 on 01/03/2025: its 2025 report counts 9 tasks, its 2024
    # counted 8, and "Chưa có báo cáo 9 (cùng kỳ 7, tăng 2)" read as two more tasks gone unreported.
    line = next(x for x in report_md(mini, "2025", "-a", "so-a").splitlines() if x.startswith("So với cùng kỳ"))
    assert line.startswith("So với cùng kỳ (năm 2024; cùng kỳ tính 8 nhiệm vụ, kỳ này 9: 1 nhiệm vụ "
                           "chưa thuộc cơ quan ở cùng kỳ): ")
    consolidated = next(x for x in report_md(mini, "2025").splitlines() if x.startswith("So với cùng kỳ"))
    assert consolidated.startswith("So với cùng kỳ (năm 2024): ")  # the programme's tasks, then as now


def test_no_heading_promises_a_list_that_is_not_there(mini: Path) -> None:
    # An agency's own report lists no agencies' reporting: no reporting appendix, no empty list.
    md = report_md(mini, "2026", "-a", "so-b")
    assert "Tình hình gửi báo cáo" not in md
    assert "## Phụ lục 1: Kết quả thực hiện từng nhiệm vụ" in md and "Phụ lục 2" not in md


def test_no_report_in_the_name_of_a_body_that_ended_or_of_a_group(mini: Path, tmp_path: Path) -> None:
    # Sở Cũ ended on 01/03/2025: its 2025 report printed Sở Thử Nghiệm's results under its own
    # letterhead, a document nobody can sign. Refused as its form is, naming who reports; an
    # earlier round, when it still existed, is its own.
    for agency, period, says in (("so-cu", "2025", "ghi báo cáo cho Sở Thử Nghiệm"),
                                 ("huyen-x", "2026", "chấm dứt hoạt động"), ("nhom", "2026", "là một nhóm cơ quan")):
        out = tmp_path / f"{agency}.docx"
        result = run_cli("report", "-p", period, "-a", agency, "-o", str(out), "--data", str(mini), "--as-of", AS_OF)
        assert result.code == 2 and says in result.err and not out.exists(), result.err
    assert "**SỞ CŨ - THỬ & NGHIỆM**" in report_md(mini, "2024", "-a", "so-cu")


def test_duties_that_owe_no_report_are_counted_apart(shipped: Path) -> None:
    import json

    data = json.loads(cli(shipped, "status", "-f", "json"))
    states = {t["id"]: t["state"] for t in data["tasks"]}
    assert states["V.6"] == states["V.7"] == "not_required"
    assert data["summary"]["not_required"] == sum(1 for s in states.values() if s == "not_required") > 0
    md = report_md(shipped, "2026")
    assert "Không thuộc diện báo cáo: 3" in md
    row = next(line for line in md.splitlines() if line.startswith("| V.6 |"))
    assert "Không thuộc diện báo cáo" in row and "Đang thực hiện" not in row


def test_text_an_official_would_have_to_correct(shipped: Path) -> None:
    md = report_md(shipped, "2026")
    assert "((" not in md and "(Phụ lục để trống):" in md
    assert "≥ 100 %" not in md and "| 2025.12.a |" in md and "| 100 % |" in md
    for item in ("so-ke-hoach-va-dau-tu", "so-thong-tin-va-truyen-thong", "ubnd-cac-huyen", "ban-xuc-tien-ho-tro-dau-tu"):
        shown = cli(shipped, "show", item)
        assert "domain-notes" not in shown and "tin cậy" not in shown


def test_body_summarises_and_the_task_table_is_in_the_appendix(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    cli(shipped, "report", "-p", "2026", "-o", str(out))
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    appendix_at = texts.index("Phụ lục 2")
    body_text = "\n".join(texts[:appendix_at])
    # No task's verbatim text sits in the body; every one is in the appendix tables.
    task = "Tiếp tục tổ chức thực hiện có hiệu quả"
    assert task not in body_text
    task_id = re.compile(r"\d\.[a-zđ]\.\d+|V\.\d+(\.[a-zđ])?")
    task_rows = [row for t in doc.tables for row in t.rows if task_id.fullmatch(row.cells[0].text)]
    assert len(task_rows) == 106


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)*", text)


def test_numbers_audit_every_number_comes_from_the_queries(reported: Path, tmp_path: Path) -> None:
    """Read the .docx back; each figure it states must be one the queries give for the same
    register and date, and no template tag may be left in it."""
    cli(reported, "observe", "2025.1.a", "-p", "2026", "-a", "so-a", "--value", "93,5", "--submitted", "2026-11-20",
        "--observed", "2025-12-31")  # 2025.1 is due in 2025: its figure up to then
    out = tmp_path / "audit.docx"
    cli(reported, "report", "-p", "2026", "-o", str(out), as_of="2026-11-25")
    text = docx_text(out)
    assert not re.search(r"\{\{|\}\}|\{%|%\}|\[\[|\]\]", text)

    register, _ = validate(reported, date(2026, 11, 25))
    ctx = Context.build(register, date(2026, 11, 25), register.calendar.parse("2026"))
    data = status(ctx)
    counted = [t for t in data["tasks"] if t["role"] != "support"]
    summary = data["summary"]
    # The totals line and the "Cộng" row.
    line = next(p for p in text.splitlines() if p.startswith("Tổng số "))
    assert _numbers(line)[0] == str(len(counted))
    for label, value in re.findall(r"([^;:]+): (\d+)", line.split("nhiệm vụ; ", 1)[1]):
        code = next(c for c, lab in TASK_STATE_LABELS.items() if lab == label.strip())
        assert int(value) == summary[code]
    # Counts by group.
    doc = Document(str(out))
    grid = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nhóm")
    for row in grid.rows[1:]:
        cells = [c.text for c in row.cells]
        rows = counted if cells[0] == "Cộng" else [t for t in counted if t["group"] == cells[0]]
        states = list(summary)
        assert [int(x) for x in cells[1:-1]] == [sum(1 for t in rows if t["state"] == s) for s in states]
        assert int(cells[-1]) == len(rows)
    # Targets: each row's result is the query's value.
    found = {i["id"]: i for t in targets(ctx)["targets"] for i in t["indicators"]}
    target_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    for row in target_table.rows[1:]:
        ind = found[row.cells[0].text]
        assert row.cells[4].text == ind["state_label"]
        if ind["value"] is not None and not isinstance(ind["value"], bool):
            assert row.cells[3].text.startswith(format_number(ind["value"]) + " ")
    assert found["2025.1.a"]["value"] == 93.5
    # Overdue and reporting lists.
    late = overdue(ctx)
    assert f"1. Nhiệm vụ quá hạn chưa hoàn thành ({len({r['id'] for r in late['tasks']})})" in text
    assert f"({len(late['targets'])})" in text
    sending = report_timeliness(ctx, ctx.register.calendar.parse("2026"), on=date(2026, 11, 25))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Cơ quan")
    assert [r.cells[1].text for r in table.rows[1:]] == [r["agency_name"] for r in sending]
    assert f"{len(sending)} cơ quan phải gửi báo cáo" in text
    # Every other figure of the body: a date, an id, or one of the counts above.
    body, _ = body_and_appendix(text)
    allowed = {str(n) for n in (*summary.values(), len(counted), len(sending), *(r["days_overdue"] for r in late["tasks"]))}
    allowed |= {str(v) for v in range(10)}
    verbatim = [*(t["text"] for t in data["tasks"]), *(i["name"] for i in found.values()),
                register.programme.implements or "", register.programme.id,
                *(text for r in register.reports for e in r.report.tasks
                  for text in (e.result, e.evidence, e.difficulties, e.proposals) if text)]
    residue = body
    for piece in sorted(verbatim, key=len, reverse=True):
        residue = residue.replace(piece, "")
    residue = re.sub(r"\d{2}/\d{2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}|ngày \d{2} tháng \d{1,2} năm \d{4}", "", residue)
    residue = re.sub(r"\b(?:\d+\.[a-zđ]\.\d+|V\.\d+(?:\.[a-zđ])?|\d{4}\.\d+\.[a-z]|\d{4}\.\d+)\b", "", residue)
    residue = re.sub(r"năm \d{4}|≥ 90 %|≥ 70 %|> 10 %|> 99 %|≥ 95 %|100 %|≥ 10\.000|> 5|≥ 5", "", residue)
    stray = [n for n in _numbers(residue) if n not in allowed]
    assert not stray, stray


def test_a_programme_implementing_nothing_named_has_no_dangling_phrase(mini: Path) -> None:
    for fmt, out in (("md", "-"), ("docx", str(mini.parent / "r.docx"))):
        result = run_cli("report", "-p", "2026-H1", "-f", fmt, "-o", out, "--data", str(mini), "--as-of", AS_OF)
        assert result.code == 0, result.err
        text = result.out if fmt == "md" else "\n".join(p.text for p in Document(out).paragraphs)
        opening = next(line for line in text.splitlines() if line.startswith("Thực hiện Chương trình"))
        assert "về triển khai thực hiện ," not in opening and "thực hiện ," not in opening
        assert opening.startswith(
            "Thực hiện Chương trình hành động số 1/CTr-TEST ngày 02/7/2021 của UBND tỉnh Thử, Ban Đầu mối báo cáo")


def test_the_task_appendix_reads_as_the_document_is_numbered(shipped: Path, tmp_path: Path) -> None:
    md = report_md(shipped, "2026")
    appendix = md.split("Kết quả thực hiện từng nhiệm vụ")[-1]
    headings = [line[4:].split(".")[0] for line in appendix.splitlines() if line.startswith("### ")]
    assert headings == ["1", "2", "3", "4", "5", "6", "7", "8", "V"]  # section V is V, not "9"
    assert "| Mã | Nhiệm vụ | Cơ quan chủ trì | Tình trạng | Kết quả báo cáo |" in appendix
    row = next(line for line in appendix.splitlines() if line.startswith("| 4.b.1 |"))
    assert "| Sở Nội vụ |" in row and len(row.split(" | ")[1]) <= 205  # the text shortened, the lead named
    # The 13 district UBND, ended on 01/07/2025 with no successor, are said, not silently dropped.
    body, _ = body_and_appendix(md)
    assert "UBND các huyện, thị xã, thành phố (13 cơ quan, từ 01/07/2025, ở " in body


@pytest.mark.skipif(not __import__("shutil").which("soffice") or not __import__("shutil").which("pdftotext"),
                    reason="LibreOffice or poppler is not installed")
def test_ids_and_header_words_stand_whole_in_the_printed_report(shipped: Path, tmp_path: Path) -> None:
    # "2025.11." on one line and "a" on the next, as LibreOffice laid out the targets table: an
    # official refers to an indicator by that id; and "Nhó"/"m", "Cộn"/"g" in the table of counts, "ST"/"T".
    import subprocess

    out = tmp_path / "r.docx"
    cli(shipped, "report", "-p", "2026", "-o", str(out))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    ids = {i["id"] for t in __import__("json").loads(cli(shipped, "targets", "-f", "json"))["targets"]
           for i in t["indicators"]}
    assert len(ids) >= 30
    assert not [i for i in ids if not re.search(rf"^\s*{re.escape(i)}\s", text, re.MULTILINE)]
    broken = {"Nhó", "Cộn", "Tổn", "Khôn", "Khô", "ST"}
    assert not broken.intersection(text.split())
    fonts = subprocess.run(["fc-match", "Times New Roman"], capture_output=True, text=True).stdout
    if "Liberation Serif" in fonts or "Times New Roman" in fonts:  # as Word lays it out (.ci/run installs it)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text  # ND 30's national title on one line


def test_no_appendix_row_splits_across_pages(shipped: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "r.docx"
    cli(shipped, "report", "-p", "2026", "-o", str(out))
    tables = [t for t in Document(str(out)).tables if t.rows[0].cells[0].text == "Mã"
              and "Cơ quan chủ trì" in t.rows[0].cells[2].text]
    assert len(tables) == 9
    rows = [row for t in tables for row in t.rows]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    # nor any row of the table of counts, the targets or the reporting list: a row of counts split
    # at a page break showed LibreOffice's empty fragment under the repeated header
    grids = [t for t in Document(str(out)).tables if t.rows[0].cells[0].text in ("Nhóm", "Mã", "STT")]
    assert {t.rows[0].cells[0].text for t in grids} == {"Nhóm", "Mã", "STT"}
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for t in grids for row in t.rows)
