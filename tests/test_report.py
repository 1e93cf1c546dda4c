"""The report: layout per Nghị định 30/2020 read back from the .docx, content, escaping, safety."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from .support import AS_OF, MINI, run_cli

HOSTILE = "Đã xong & kiểm tra <b>ổn</b> > 90% {{ 7*7 }} {% if %}\x0bhết"
# A vertical tab is Word's manual line break: <w:br/> in the .docx (read back as "\n"),
# <br> inside a Markdown table cell.
HOSTILE_IN_DOCX = HOSTILE.replace("\x0b", "\n")
# In Markdown the same text is escaped for Markdown and HTML: it shows as written, acts as nothing.
HOSTILE_IN_MD = "Đã xong & kiểm tra &lt;b>ổn&lt;/b> > 90% {{ 7\\*7 }} {% if %}<br>hết"


def make(tmp_path: Path, *args: str, name: str = "out.docx") -> Path:
    out = tmp_path / name
    result = run_cli("report", "--as-of", AS_OF, "-o", str(out), *args)
    assert result.code == 0, result.err
    return out


def all_text(doc) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("r"), "--period", "2026-H1")


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("r"), "--period", "2026-H1", "--agency", "Sở Nội vụ")


def test_page_setup_and_fonts(province: Path) -> None:
    doc = Document(str(province))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt in (13, 14)
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Chương trình hành động"))
    assert body.paragraph_format.alignment == 3  # justified
    assert abs(body.paragraph_format.first_line_indent - Mm(12.7)) < Mm(0.5)


def test_page_number_in_header_from_page_two(province: Path) -> None:
    doc = Document(str(province))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_header_block_title_and_closing(province: Path) -> None:
    doc = Document(str(province))
    left, right = doc.tables[0].rows[0].cells
    assert "UBND TỈNH QUẢNG NINH" in left.text and "BAN XÚC TIẾN VÀ HỖ TRỢ ĐẦU TƯ" in left.text
    assert "Số:" in left.text and "/BC-" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text and "Độc lập - Tự do - Hạnh phúc" in right.text
    place = next(p for p in right.paragraphs if p.text.startswith("Quảng Ninh, ngày"))
    assert place.text == "Quảng Ninh, ngày 24 tháng 11 năm 2026" and place.runs[0].font.italic
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert any(t.startswith("Kết quả thực hiện Chương trình hành động số 131/CTr-UBND") and "6 tháng đầu năm 2026" in t
               for t in texts)
    for heading in ("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI", "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP",
                    "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "IV. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN",
                    "V. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI", "VI. ĐỀ XUẤT, KIẾN NGHỊ", "Phụ lục 1", "Phụ lục 2"):
        assert heading in texts, heading
    closing = [t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")]
    assert closing, "closing two-column table"
    nhan = closing[0].rows[0].cells[0].paragraphs[0].runs[0]
    assert nhan.font.bold and nhan.font.italic and nhan.font.size.pt == 12
    assert "- Lưu: VT." in closing[0].rows[0].cells[0].text
    assert any("[Nội dung do đơn vị soạn thảo" in t for t in texts)


def test_tables_hold_every_task_and_target(province: Path) -> None:
    doc = Document(str(province))
    ids = {row.cells[0].text for t in doc.tables for row in t.rows[1:]}
    status = json.loads(run_cli("status", "--as-of", "2026-06-19", "-f", "json").out)
    assert {t["id"] for t in status["tasks"]} <= ids
    assert {"2025.10.a", "2025.15.a", "2030.8.a"} <= ids
    appendix = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nhóm")
    assert [r.cells[0].text for r in appendix.rows[1:]] == ["1", "2", "3", "4", "5", "6", "7", "8", "V", "Cộng"]
    sending = next(t for t in doc.tables if t.rows[0].cells[1].text == "Cơ quan")
    rows = {r.cells[1].text: r.cells[3].text for r in sending.rows[1:]}
    assert rows["Sở Nội vụ"] == "Chưa gửi, quá hạn (quá hạn 158 ngày)"
    # "25/06/2026" in 12 pt Times is 21 mm, plus the cell's margins: a narrower column breaks
    # the date over two lines ("25/06/202" / "6").
    assert sending.rows[0].cells[2].text == "Văn bản, ngày gửi" and sending.columns[2].width >= Mm(25)


def test_agency_report_has_exactly_its_tasks(agency: Path) -> None:
    doc = Document(str(agency))
    heading = "\n".join(c.text for t in doc.tables[:1] for row in t.rows for c in row.cells)
    assert "SỞ NỘI VỤ" in heading and "UBND TỈNH QUẢNG NINH" in heading  # the agency reports, under its province
    ids = {row.cells[0].text for t in doc.tables[1:] for row in t.rows[1:] if "." in row.cells[0].text}
    status = json.loads(run_cli("status", "--agency", "so-noi-vu", "--as-of", "2026-06-19", "-f", "json").out)
    own = {t["id"] for t in status["tasks"] if t["role"] != "support"}
    lead_targets = {i["id"] for t in status["targets"] if t["role"] != "support" for i in t["indicators"]}
    assert ids == own | lead_targets
    assert "SỞ NỘI VỤ" in doc.tables[0].rows[0].cells[0].text
    assert "qua Ban Xúc tiến và Hỗ trợ đầu tư" in all_text(doc)
    _assert_state_chart(doc, status)


def _assert_state_chart(doc: Any, status: dict[str, Any]) -> None:
    """The chart is Word tables: a bar per group whose segments carry the counts, shaded, and a
    legend whose totals equal the counts of the query (no image, no image library)."""
    from collections import Counter

    at = next(i for i, t in enumerate(doc.tables) if t.rows[0].cells[0].text.startswith("Nhóm "))
    bars, legend = doc.tables[at], doc.tables[at + 1]
    own = [t for t in status["tasks"] if t["role"] != "support"]
    by_group = Counter(t["group"] for t in own)
    totals = {row.cells[0].text.removeprefix("Nhóm "): row.cells[-1].text for row in bars.rows}
    assert totals == {g: f"= {n}" for g, n in by_group.items()}
    assert "w:shd" in bars._tbl.xml and 'w:fill="' in bars._tbl.xml
    labels = " ".join(c.text for row in legend.rows for c in row.cells)
    for state, n in Counter(t["state_label"] for t in own).items():
        assert f"{state} ({n})" in labels
    # One block on the page: no row splits, and every paragraph of the bars, the gap between
    # the two tables and the legend is kept with the next (down to the caption below).
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in bars.rows)
    gap = bars._tbl.getnext()
    assert gap.tag == qn("w:p") and legend._tbl is gap.getnext()
    paragraphs = [*bars._tbl.iter(qn("w:p")), gap, *legend._tbl.iter(qn("w:p"))]
    assert all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)


def _hostile_register(tmp_path: Path) -> Path:
    root = tmp_path / "reg"
    shutil.copytree(MINI, root)
    report = root / "progress/2026-H1/so-a.yaml"
    text = report.read_text(encoding="utf-8").replace(
        "result: Đang triển khai", "result: " + json.dumps(HOSTILE, ensure_ascii=False))
    report.write_text(text, encoding="utf-8")
    return root


def test_hostile_text_appears_verbatim_in_docx_and_md(tmp_path: Path) -> None:
    root = _hostile_register(tmp_path)
    out = make(tmp_path, "--period", "2026-H1", "--data", str(root), "--agency", "so-a")
    doc = Document(str(out))
    assert HOSTILE_IN_DOCX in all_text(doc)
    assert doc.element.body.xpath(".//w:t[contains(., '{% if %}')]/following-sibling::w:br")
    md = run_cli("report", "--period", "2026-H1", "--data", str(root), "--as-of", AS_OF, "-a", "so-a", "-f", "md", "-o", "-")
    assert md.code == 0 and HOSTILE_IN_MD in md.out and "\x0b" not in md.out


def test_default_name_and_no_overwrite_without_force(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = run_cli("report", "--period", "2026-H1", "--agency", "so noi vu", "--as-of", AS_OF)
    target = tmp_path / "bao-cao-131-CTr-UBND-2026-H1-so-noi-vu.docx"
    assert first.code == 0 and target.is_file()
    before = target.read_bytes()
    again = run_cli("report", "--period", "2026-H1", "--agency", "so noi vu", "--as-of", AS_OF)
    assert again.code == 2 and "--force" in again.err and target.read_bytes() == before
    forced = run_cli("report", "--period", "2026-H1", "--agency", "so noi vu", "--as-of", AS_OF, "--force")
    assert forced.code == 0
    md = run_cli("report", "--period", "2026", "--as-of", AS_OF, "-f", "md")
    assert md.code == 0 and (tmp_path / "bao-cao-131-CTr-UBND-2026.md").is_file()


def test_the_file_name_says_the_form_and_a_contradiction_is_refused(tmp_path: Path) -> None:
    """`-o bao-cao.md` wrote a Word file into a name an editor opens as text; `-f md -o x.docx`
    a Markdown text Word calls unreadable; `-o x.pdf` a Word file named PDF. The name now says
    the form unless --format does; a name that says the other form, or neither, is refused."""
    def report(*args: str) -> Any:
        return run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, *args)

    assert report("-o", str(tmp_path / "a.md")).code == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("UBND")
    assert report("-o", str(tmp_path / "a.txt"), "-a", "so noi vu").code == 0
    assert "Sở Nội vụ".upper() in (tmp_path / "a.txt").read_text(encoding="utf-8").upper()
    assert report("-o", str(tmp_path / "a.docx")).code == 0
    assert Document(str(tmp_path / "a.docx")).paragraphs
    template = Path(__file__).resolve().parent.parent / "templates" / "bao-cao.md.j2"
    assert report("-t", str(template), "-o", str(tmp_path / "t.md")).code == 0
    refused = {
        ("-f", "docx", "-o", str(tmp_path / "b.md")): "--output",
        ("-f", "md", "-o", str(tmp_path / "b.docx")): "--output",
        ("-o", str(tmp_path / "b.pdf")): ".docx",
        ("-o", str(tmp_path / "b")): ".docx",
        ("-t", str(template), "-o", str(tmp_path / "b.docx")): "--template",
        ("-f", "docx", "-o", "-"): "--format md",
    }
    for args, said in refused.items():
        result = report(*args)
        assert result.code == 2 and said in result.err, (args, result.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "a.md", "a.txt", "t.md"]
    letter = run_cli("remind", "-p", "2026-H1", "--as-of", AS_OF, "-o", str(tmp_path / "l.md"))
    assert letter.code == 0 and not (tmp_path / "l.md").read_bytes().startswith(b"PK")
    wrong = run_cli("remind", "-p", "2026-H1", "--as-of", AS_OF, "-f", "docx", "-o", str(tmp_path / "m.md"))
    assert wrong.code == 2 and not (tmp_path / "m.md").exists()
    form = run_cli("form", "-p", "2026-H1", "-a", "so noi vu", "--as-of", AS_OF, "-o", str(tmp_path / "f.csv"))
    assert form.code == 2 and ".xlsx" in form.err and not (tmp_path / "f.csv").exists()


def test_output_into_missing_or_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, "-o", str(tmp_path / "no/such/x.docx"))
    assert missing.code == 2 and "không có thư mục" in missing.err
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() == 0:
        # Root ignores the mode bits; make the kernel's answer for a read-only folder the
        # one the temp file gets, so the refusal path still runs.
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        result = run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, "-o", str(locked / "x.docx"))
        assert result.code == 2 and "không ghi được" in result.err and "không có quyền truy cập" in result.err
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize("body", [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ programme.__class__.__base__.__subclasses__() }}",
])
def test_template_reaching_python_internals_is_refused(tmp_path: Path, body: str) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text(body, encoding="utf-8")
    result = run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, "-f", "md", "-t", str(template), "-o", "-")
    assert result.code == 2
    assert "từ chối" in result.err or "không có trong ngữ cảnh" in result.err
    assert "Traceback" not in result.err and "object" not in result.out


def test_template_syntax_error_names_the_line(tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("dòng 1\ndòng 2\n{% for x in %}\n", encoding="utf-8")
    result = run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, "-f", "md", "-t", str(template), "-o", "-")
    assert result.code == 2
    assert f"{template}:3:" in result.err


def test_not_a_docx_template_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "fake.docx"
    template.write_text("not a zip", encoding="utf-8")
    result = run_cli("report", "--period", "2026-H1", "--as-of", AS_OF, "-t", str(template), "-o", str(tmp_path / "o.docx"))
    assert result.code == 2 and "không phải tệp .docx" in result.err
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_report(province: Path, tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(province)],
                   check=True, capture_output=True, timeout=240)
    pdf = tmp_path / (province.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 10_000


def test_consolidated_report_comes_from_the_focal_agencys_successor(tmp_path: Path) -> None:
    root = tmp_path / "reg"
    shutil.copytree(MINI, root)
    agencies = root / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace(
        "- id: ban-dau-moi\n  name: Ban Đầu mối\n  kind: board\n",
        "- id: ban-dau-moi\n  name: Ban Đầu mối\n  kind: board\n  succeeded_by: so-b\n  since: 2025-03-01\n"
        "  basis: Nghị quyết thử số 2\n"), encoding="utf-8")
    md = run_cli("report", "--period", "2026-H1", "--data", str(root), "--as-of", AS_OF, "-f", "md", "-o", "-")
    assert md.code == 0, md.err
    assert "**SỞ NGÂN QUỸ**" in md.out and "Ban Đầu mối" not in md.out


def test_group_count_and_names_only_in_the_consolidated_report() -> None:
    def row_of(md: str, task: str) -> str:
        return next(line for line in md.splitlines() if line.startswith(f"| {task} |"))

    common = ("--period", "2026-H1", "--data", str(MINI), "--as-of", AS_OF, "-f", "md", "-o", "-")
    province = run_cli("report", *common)
    own = run_cli("report", *common, "--agency", "so-a")
    assert province.code == 0 and own.code == 0
    assert "Chưa có báo cáo (1/2 cơ quan báo cáo kỳ này, 1 hoàn thành)" in row_of(province.out, "2.a.1")
    assert "cơ quan báo cáo kỳ này" not in row_of(own.out, "2.a.1")
    # ... and says whose result it reports; an agency's own report needs no name.
    assert row_of(province.out, "2.a.1").endswith("| Sở Thử Nghiệm: Phần của Sở |")
    assert row_of(own.out, "2.a.1").endswith("| Phần của Sở |")


@pytest.mark.parametrize("period", ["2100", "2062-H1", "2027-H1"])
def test_a_report_for_a_period_not_yet_begun_is_refused(tmp_path: Path, period: str) -> None:
    """A year typed decades off (2062 for 2026), or next half-year, has no figures yet: a report
    of it would be a signed document of nothing. Refused, naming the day its figures begin."""
    out = tmp_path / "bc.docx"
    result = run_cli("report", "--as-of", AS_OF, "--period", period, "-o", str(out))
    assert result.code == 2 and f"kỳ {period} (" in result.err and "chưa bắt đầu" in result.err, result.err
    assert not out.exists()


PARTY_PLAN = """programme:
  id: "45-CTr/TU"
  title: Chương trình hành động của Tỉnh ủy về khoa học, công nghệ và chuyển đổi số
  issued: 2026-01-10
  issuer: tinh-uy
  place: Quảng Ninh
  focal_agency: so-khoa-hoc-va-cong-nghe
  reporting:
    source: "IV"
    text: Định kỳ 6 tháng và hằng năm báo cáo Ban Thường vụ Tỉnh ủy.
    due_day: 19
    periods:
      - {kind: half-year, due_month: 6, cutoff: {from: "12-15", to: "06-14"}}
      - {kind: year, due_month: 12, cutoff: {from: "12-15", to: "12-14"}}
groups:
  - id: "1"
    title: Nâng cao nhận thức
    tasks:
      - {id: "1", lead: [so-khoa-hoc-va-cong-nghe], due: ongoing, source: "1", text: Quán triệt Nghị quyết.}
      - {id: "2", lead: [so-noi-vu], due: 2026-06-30, source: "2", text: Rà soát tổ chức bộ máy.}
"""


def test_a_report_is_headed_by_its_agency_s_superior_not_by_the_plan_s_issuer(shipped: Path) -> None:
    """ND 30/2020 puts the reporting agency's direct superior above its name. A department of the
    UBND reporting on a Tỉnh ủy plan was headed "TỈNH ỦY QUẢNG NINH"; a people's committee, a
    tax office or an army command all stood "under" the UBND tỉnh."""
    agencies = shipped / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "\n- id: tinh-uy\n  name: Tỉnh ủy Quảng Ninh\n"
                        "  kind: party\n", encoding="utf-8")
    (shipped / "programmes/45-ctr-tu").mkdir()
    (shipped / "programmes/45-ctr-tu/tasks.yaml").write_text(PARTY_PLAN, encoding="utf-8")
    common = ["-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(shipped), "--as-of", "2026-06-25"]

    def head(*args: str) -> list[str]:
        made = run_cli(*args, *common)
        assert made.code == 0, made.err
        return made.out.splitlines()[:3]

    report = run_cli("report", "-P", "45", *common)
    assert report.out.splitlines()[:2] == ["UBND TỈNH QUẢNG NINH", "**SỞ KHOA HỌC VÀ CÔNG NGHỆ**"]
    assert "Kính gửi: Tỉnh ủy Quảng Ninh." in report.out
    # cited with its month in two digits, as NĐ 30/2020 writes January and February (131's stays 02/7/2021)
    assert "Thực hiện Chương trình số 45-CTr/TU ngày 10/01/2026 của Tỉnh ủy Quảng Ninh," in report.out
    assert "đề xuất, kiến nghị với Tỉnh ủy Quảng Ninh và các cơ quan liên quan" in report.out  # not "với UBND tỉnh"
    assert head("remind", "-P", "45")[:2] == ["UBND TỈNH QUẢNG NINH", "**SỞ KHOA HỌC VÀ CÔNG NGHỆ**"]
    assert head("report", "-P", "131", "-a", "ubnd-tinh")[0] == "**ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH**"
    assert head("report", "-P", "131", "-a", "cuc-thue-tinh")[:2] == ["\\[CƠ QUAN CHỦ QUẢN\\]", "**CỤC THUẾ TỈNH**"]
    assert head("report", "-P", "131", "-a", "so-noi-vu")[0] == "UBND TỈNH QUẢNG NINH"
    # The office names a superior the default cannot know; it must be an agency of the directory.
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(text.replace("  name: Trường Đại học Hạ Long\n",
                                     "  name: Trường Đại học Hạ Long\n  under: ubnd-tinh\n"), encoding="utf-8")
    assert head("report", "-P", "131", "-a", "truong-dai-hoc-ha-long")[0] == "UBND TỈNH QUẢNG NINH"
    shown = run_cli("show", "truong-dai-hoc-ha-long", "-P", "131", "--data", str(shipped), "--as-of", "2026-06-25")
    assert "Cơ quan chủ quản: Ủy ban nhân dân tỉnh Quảng Ninh" in shown.out, shown.out
    details = json.loads(run_cli("show", "truong-dai-hoc-ha-long", "-P", "131", "-f", "json", "--data", str(shipped),
                                 "--as-of", "2026-06-25").out)["details"]
    assert details["under"] == "ubnd-tinh"
    listed = run_cli("agencies", "-P", "131", "-f", "csv", "--data", str(shipped), "--as-of", "2026-06-25").out
    header, *rows = listed.splitlines()
    under = header.split(",").index("under")
    assert [row.split(",")[under] for row in rows if row.startswith("truong-dai-hoc-ha-long,")] == ["ubnd-tinh"]
    exported = shipped.parent / "open.sqlite"
    assert run_cli("export", "--sqlite", str(exported), "--data", str(shipped), "--as-of", "2026-06-25").code == 0
    with sqlite3.connect(exported) as db:
        (superior,) = db.execute("SELECT under FROM agencies WHERE agency = 'truong-dai-hoc-ha-long'").fetchone()
    assert superior.endswith("/ubnd-tinh")
    for under, said in (("cac-so-ban-nganh", "[bad-superior]"), ("khong-co", "khong-co")):
        agencies.write_text(text.replace("  name: Trường Đại học Hạ Long\n",
                                         f"  name: Trường Đại học Hạ Long\n  under: {under}\n"), encoding="utf-8")
        checked = run_cli("validate", "--data", str(shipped), "--as-of", "2026-06-25")
        assert checked.code == 1 and said in checked.out, checked.out
