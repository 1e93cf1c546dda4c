"""Build templates/bao-cao.docx, the docxtpl template of the report (Nghị định 30/2020 layout).

The .docx is committed; run this script after changing it:  python templates/make_docx_template.py
Layout facts (domain-notes §1): A4; margins top/bottom 20 mm, left 30 mm, right 15 mm;
Times New Roman; two-column header; body 14 pt justified with a 1.27 cm first-line indent
and 6 pt after; PAGE field centred in the header from page 2; closing two-column table.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
OUT = Path(__file__).resolve().parent / "bao-cao.docx"


def set_font(style_or_run, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:  # type: ignore[no-untyped-def]
    font = style_or_run.font
    font.name = FONT
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def para(doc_or_cell, text: str = "", *, size: float = 14, bold: bool = False, italic: bool = False,  # type: ignore[no-untyped-def]
         align=WD_ALIGN_PARAGRAPH.CENTER, indent: bool = False, after: float = 0, style: str | None = None) -> Paragraph:
    p = doc_or_cell.add_paragraph(style=style)
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    if text:
        run = p.add_run(text)
        set_font(run, size, bold, italic)
    return p


def rule(cell, width_fraction: float, cell_width_mm: float) -> None:  # type: ignore[no-untyped-def]
    """A short solid line under a block: a paragraph border, indented to the wanted length.

    `cell` is a table cell or the document itself (both add paragraphs the same way).
    """
    p = cell.add_paragraph()
    side = Mm(cell_width_mm * (1 - width_fraction) / 2)
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    p.paragraph_format.space_after = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    run = p.add_run()
    set_font(run, 4)


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def widths(table: Table, mm: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both honour (grid, cells, layout)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, w in zip(table.columns, mm, strict=True):
        column.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, mm, strict=True):
            cell.width = Mm(w)


def first_cell_paragraph(cell, text: str, **kw) -> Paragraph:  # type: ignore[no-untyped-def]
    p = cell.paragraphs[0]
    p.paragraph_format.alignment = kw.get("align", WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    set_font(run, kw.get("size", 13), kw.get("bold", False), kw.get("italic", False))
    return p


def page_number_header(section) -> None:  # type: ignore[no-untyped-def]
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    set_font(run, 13)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


def grid_table(doc, headers: list[str], row_cells: list[str], mm: list[float], loop: tuple[str, str],  # type: ignore[no-untyped-def]
               left: tuple[int, ...] = (), size: float = 12) -> Table:
    """A bordered table: header row, one template row between {%tr for %} and {%tr endfor %} rows."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        first_cell_paragraph(cell, text, size=size, bold=True)
    mark_header_row(table)
    first_cell_paragraph(table.rows[1].cells[0], loop[0], size=size)
    for i, (cell, text) in enumerate(zip(table.rows[2].cells, row_cells, strict=True)):
        align = WD_ALIGN_PARAGRAPH.LEFT if i in left else WD_ALIGN_PARAGRAPH.CENTER
        first_cell_paragraph(cell, text, size=size, align=align)
    first_cell_paragraph(table.rows[3].cells[0], loop[1], size=size)
    widths(table, mm)
    return table


def keep_rows_whole(table: Table) -> None:
    """No row of the table is split across two pages (w:cantSplit); the template row carries it
    to every row docxtpl makes from it."""
    for row in table.rows:
        row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))  # before w:tblHeader, as the schema orders them


def mark_header_row(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def staff_note(doc, text: str) -> None:  # type: ignore[no-untyped-def]
    """A place for staff to write, marked in yellow so it cannot be missed."""
    p = para(doc, "", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)
    run = p.add_run(text)
    set_font(run, 14, italic=True)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def heading(doc, text: str) -> None:  # type: ignore[no-untyped-def]
    para(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6)


def body(doc, text: str, **kw) -> Paragraph:  # type: ignore[no-untyped-def]
    return para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, after=6, **kw)


STATE_HEADERS = ["Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn", "Quá hạn",
                 "Chưa triển khai", "Dừng thực hiện", "Chưa có báo cáo", "Không thuộc diện báo cáo"]


# Each header word whole in LibreOffice and Word ("Nhóm", "Tổng", "Không" are the widest); 164 mm.
STATE_GRID_MM = [16, *[16.5] * (len(STATE_HEADERS) - 1), 17.5, 15]


def state_grid(doc) -> None:  # type: ignore[no-untyped-def]
    """Counts by group and state, a row a group, then the totals row."""
    n = len(STATE_HEADERS)
    table = grid_table(doc, ["Nhóm", *STATE_HEADERS, "Tổng"],
                       ["{{ r.group }}", *[f"{{{{ r.counts[{i}] }}}}" for i in range(n)], "{{ r.total }}"],
                       STATE_GRID_MM, ("{%tr for r in state_table %}", "{%tr endfor %}"))
    cells = table.add_row().cells
    for cell, text in zip(cells, ["Cộng", *[f"{{{{ totals.{s} }}}}" for s in STATE_CODES], "{{ totals.total }}"],
                          strict=True):
        first_cell_paragraph(cell, text, size=11, bold=True)
    widths(table, STATE_GRID_MM)
    keep_rows_whole(table)  # a row split at a page break left an empty row under the repeated header
    for row in table.rows[:1]:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(10)


STATE_CODES = ["done_on_time", "done_late", "in_progress", "overdue", "not_started", "suspended", "no_report",
               "not_required"]


def appendix_title(doc, number: str, title: str) -> None:  # type: ignore[no-untyped-def]
    brk = doc.add_paragraph()
    brk.add_run().add_break(WD_BREAK.PAGE)
    para(doc, number, bold=True)
    para(doc, title, bold=True)
    para(doc, "(Kèm theo Báo cáo số      /BC-…… {{ place_date.split(', ')[1] }} của {{ issuer.name }})",
         italic=True, after=12)


def new_document() -> Document:  # type: ignore[valid-type]
    """An A4 page in the Nghị định 30/2020 layout, Times New Roman 14, the page number in the
    header from page 2."""
    doc = Document()
    normal = doc.styles["Normal"]
    set_font(normal, 14)
    normal.paragraph_format.line_spacing = 1.15
    table_grid = doc.styles["Table Grid"]
    set_font(table_grid, 12)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    page_number_header(section)
    return doc


def letter_head(doc, subject: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """The issuing body (left) and Quốc hiệu, Tiêu ngữ (right); a letter's trích yếu ("V/v …")
    under its number."""
    head = doc.add_table(rows=1, cols=2)
    no_borders(head)
    widths(head, [68, 97])
    left, right = head.rows[0].cells
    first_cell_paragraph(left, "{%p if issuer.parent_upper %}", size=13)  # a UBND, HĐND heads its own
    para(left, "{{ issuer.parent_upper }}", size=13)
    para(left, "{%p endif %}", size=13)
    para(left, "{{ issuer.name_upper }}", size=13, bold=True)
    rule(left, 0.4, 68)
    para(left, "{{ number_line }}", size=13)
    if subject:
        para(left, subject, size=12)
    # ND 30 allows 12 to 13 points: at 12.5 the title broke before "NAM" in Times New Roman's metrics
    first_cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    rule(right, 0.6, 97)
    para(right, "{{ place_date }}", size=14, italic=True)


def closing_block(doc) -> None:  # type: ignore[no-untyped-def]
    """Nơi nhận (left) and the signature block (right)."""
    closing = doc.add_table(rows=1, cols=2)
    no_borders(closing)
    widths(closing, [80, 85])
    left, right = closing.rows[0].cells
    first_cell_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    para(left, "{%p for r in recipients %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    para(left, "- {{ r }}{% if not loop.last %};{% endif %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    para(left, "{%p endfor %}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    first_cell_paragraph(right, "{{ signer.title }}", size=14, bold=True)
    for _ in range(4):
        para(right, "")
    para(right, "{{ signer.name }}", bold=True)


def build() -> None:
    doc = new_document()
    letter_head(doc)

    para(doc, "", after=6)
    para(doc, "BÁO CÁO", bold=True)
    para(doc, "{{ summary_line }}", bold=True)
    rule(doc, 0.25, 165)
    para(doc, "", after=6)
    para(doc, "Kính gửi: {{ recipient }}.", after=12)

    body(doc, "Thực hiện {{ programme.phrase }}"
              "{% if programme.implements %} về triển khai thực hiện {{ programme.implements }}{% endif %}, "
              "{{ issuer.name }} báo cáo kết quả thực hiện {{ period.label }} (số liệu từ ngày "
              "{{ period.cutoff_start }} đến ngày {{ period.cutoff_end }}) như sau:")

    heading(doc, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI")
    staff_note(doc, "[Nội dung do đơn vị soạn thảo: việc ban hành kế hoạch, văn bản chỉ đạo, "
                    "hướng dẫn, kiểm tra, đôn đốc trong kỳ.]")

    heading(doc, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP")
    body(doc, "1. Tổng quát", bold=True)
    body(doc, "Tổng số {{ totals.total }} nhiệm vụ; {{ totals_line }}. Số nhiệm vụ theo tình trạng và nhóm:")
    state_grid(doc)
    para(doc, "", after=6)
    para(doc, "{%p if ended_note %}")
    body(doc, "{{ ended_note }}.")
    para(doc, "{%p endif %}")
    para(doc, "{%p if chart %}")
    para(doc, "{{ chart }}")
    para(doc, "Biểu đồ: Tình trạng nhiệm vụ theo nhóm", size=12, italic=True, after=6)
    para(doc, "{%p endif %}")
    para(doc, "{%p if same_period.line %}")
    body(doc, "{{ same_period.line }}.")
    para(doc, "{%p endif %}")
    body(doc, "2. Nhiệm vụ đã hoàn thành ({{ completed|length }})", bold=True)
    para(doc, "{%p if not completed %}")
    body(doc, "Chưa có nhiệm vụ nào được báo cáo hoàn thành.")
    para(doc, "{%p endif %}")
    para(doc, "{%p for r in completed %}")
    body(doc, "- Nhiệm vụ {{ r.id }} ({{ r.state_label|lower }}{% if r.completed_vn %}, ngày {{ r.completed_vn }}"
              "{% endif %}){% if r.result %}: {{ r.result }}{% endif %}.")
    para(doc, "{%p endfor %}")
    body(doc, "Kết quả chi tiết từng nhiệm vụ tại {{ appendix.tasks }} kèm theo.", italic=True)

    heading(doc, "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    para(doc, "{%p if targets %}")
    keep_rows_whole(grid_table(doc, ["Mã", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"],
               ["{{ r.id }}", "{{ r.name }}", "{{ r.goal }}", "{{ r.result }}", "{{ r.state_label }}"],
               [27, 60, 25, 30, 23], ("{%tr for r in targets %}", "{%tr endfor %}"), left=(1, 3)))
    para(doc, "{%p else %}")
    body(doc, "{{ no_targets_line }}.")
    para(doc, "{%p endif %}")
    para(doc, "", after=6)

    heading(doc, "IV. TỒN TẠI, HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN")
    body(doc, "1. Nhiệm vụ quá hạn chưa hoàn thành ({{ overdue_by_task|length }})", bold=True)
    para(doc, "{%p if not overdue_by_task %}")
    body(doc, "Không có nhiệm vụ quá hạn.")
    para(doc, "{%p endif %}")
    para(doc, "{%p for r in overdue_by_task %}")
    body(doc, "- Nhiệm vụ {{ r.id }} (hạn {{ r.due_vn }}, quá {{ r.days_overdue }} ngày): {{ r.agency_names }}.")
    para(doc, "{%p endfor %}")
    body(doc, "2. Chỉ tiêu đã hết hạn nhưng chưa đạt hoặc chưa có số liệu ({{ overdue_targets|length }})", bold=True)
    para(doc, "{%p if not overdue_targets %}")
    body(doc, "Không có chỉ tiêu nào.")
    para(doc, "{%p endif %}")
    para(doc, "{%p for r in overdue_targets %}")
    body(doc, "- Chỉ tiêu {{ r.indicator }} ({{ r.agency_name }}): {{ r.state_label }}, hạn {{ r.due_vn }}.")
    para(doc, "{%p endfor %}")
    body(doc, "3. Khó khăn, vướng mắc do các cơ quan báo cáo ({{ difficulties|length }})", bold=True)
    para(doc, "{%p if not difficulties %}")
    body(doc, "Chưa có cơ quan nào báo cáo khó khăn, vướng mắc trong kỳ.")
    para(doc, "{%p endif %}")
    para(doc, "{%p for r in difficulties %}")
    body(doc, "- {{ r.agency_name }} (nhiệm vụ {{ r.task }}): {{ r.text }}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if consolidated %}")
    body(doc, "4. Tình hình gửi báo cáo {{ period.label }} (hạn {{ period.due }})", bold=True)
    body(doc, "{{ reporting_summary.line }}.{% if reporting %} Danh sách tại {{ appendix.reporting }} kèm theo.{% endif %}"
              "{% if scorecard.rows %} Kết quả theo từng cơ quan tại {{ appendix.agencies }}.{% endif %}")
    para(doc, "{%p endif %}")
    staff_note(doc, "[Nội dung do đơn vị soạn thảo: tồn tại, hạn chế và nguyên nhân chủ quan, khách quan.]")

    heading(doc, "V. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI")
    body(doc, "{% if period.next_label %}Kỳ báo cáo tiếp theo: {{ period.next_label }}, hạn gửi báo cáo ngày "
              "{{ period.next_due }}.{% if upcoming %} Các nhiệm vụ đến hạn trước kỳ báo cáo tiếp theo:{% endif %}"
              "{% else %}Đây là kỳ báo cáo cuối cùng theo lịch báo cáo.{% endif %}")
    para(doc, "{%p for r in upcoming %}")
    body(doc, "- Nhiệm vụ {{ r.id }}: hạn {{ r.due_vn }}.")
    para(doc, "{%p endfor %}")
    staff_note(doc, "[Nội dung do đơn vị soạn thảo: nhiệm vụ, giải pháp trọng tâm kỳ tới.]")

    heading(doc, "VI. ĐỀ XUẤT, KIẾN NGHỊ")
    body(doc, "{% if proposals %}Đề xuất, kiến nghị do các cơ quan báo cáo ({{ proposals|length }}):"
              "{% else %}Chưa có cơ quan nào báo cáo đề xuất, kiến nghị trong kỳ.{% endif %}")
    para(doc, "{%p for r in proposals %}")
    body(doc, "- {{ r.agency_name }} (nhiệm vụ {{ r.task }}): {{ r.text }}")
    para(doc, "{%p endfor %}")
    staff_note(doc, "[Nội dung do đơn vị soạn thảo: đề xuất, kiến nghị với {{ governing }} và các cơ quan liên quan.]")
    body(doc, "Trên đây là báo cáo kết quả thực hiện {{ programme.phrase }} {{ period.label }} của {{ issuer.name }}./.")

    closing_block(doc)

    # Appendices, each on its own page.
    para(doc, "{%p if reporting %}")
    appendix_title(doc, "{{ appendix.reporting }}", "TÌNH HÌNH GỬI BÁO CÁO {{ period.label|upper }}")
    body(doc, "{{ reporting_summary.line }}.")
    keep_rows_whole(grid_table(doc, ["STT", "Cơ quan", "Văn bản, ngày gửi", "Tình trạng"],
               ["{{ loop.index }}", "{{ r.agency_name }}",
                "{% if r.document %}{{ r.document }}, {% endif %}{{ r.submitted_vn }}", "{{ r.state_label }} ({{ r.detail }})"],
               [14, 55, 40, 56], ("{%tr for r in reporting %}", "{%tr endfor %}"), left=(1, 3)))
    para(doc, "{%p endif %}")

    appendix_title(doc, "{{ appendix.tasks }}", "KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ")
    para(doc, "{%p for g in groups %}")
    body(doc, "{{ g.id }}. {{ g.title }}", bold=True)
    body(doc, "Số nhiệm vụ: {{ g.total }}; hoàn thành: {{ g.counts.done_on_time + g.counts.done_late }}; "
              "quá hạn: {{ g.counts.overdue }}; chưa có báo cáo: {{ g.counts.no_report }}.")
    keep_rows_whole(grid_table(
        doc, ["Mã", "Nhiệm vụ", "Cơ quan chủ trì", "Tình trạng", "Kết quả báo cáo"],
        ["{{ t.id }}", "{{ t.short_text }}", "{{ t.lead_names }}",
         "{{ t.state_label }}{% if t.progress_note %} ({{ t.progress_note }}){% endif %}", "{{ t.result }}"],
        [17, 66, 27, 25, 30], ("{%tr for t in g.tasks %}", "{%tr endfor %}"), left=(1, 2, 3, 4), size=11))
    para(doc, "", after=6)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if scorecard.rows %}")
    appendix_title(doc, "{{ appendix.agencies }}", "KẾT QUẢ THỰC HIỆN THEO CƠ QUAN")
    body(doc, "{{ scorecard.formula }}", size=12)
    keep_rows_whole(grid_table(
        doc, ["Cơ quan", "Số NV", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Đang thực hiện trong hạn",
              "Quá hạn", "Chưa có báo cáo", "Tỷ lệ đúng hạn", "Báo cáo kỳ này"],
        ["{{ r.agency_name }}", "{{ r.tasks }}", "{{ r.done_on_time }}", "{{ r.done_late }}", "{{ r.in_progress }}",
         "{{ r.overdue }}", "{{ r.no_report }}", "{{ r.rate }}", "{{ r.report }}"],
        [35, 11, 16, 16, 16, 13, 15, 21, 22], ("{%tr for r in scorecard.rows %}", "{%tr endfor %}"),
        left=(0, 8), size=10))
    para(doc, "{%p endif %}")
    doc.core_properties.title = "Báo cáo kết quả thực hiện chương trình hành động"
    doc.core_properties.author = "qnctr"
    doc.save(str(OUT))


def build_reminder() -> None:
    """templates/don-doc.docx: the reminder letter (công văn đôn đốc) of `qnctr remind`."""
    doc = new_document()
    letter_head(doc, "{{ subject }}")
    para(doc, "", after=12)
    para(doc, "{%p if recipient_names|length == 1 %}")
    para(doc, "Kính gửi: {{ recipient_names[0] }}.", after=12)
    para(doc, "{%p else %}")
    # Several recipients: "Kính gửi:" with the list under it, left-aligned from the same indent.
    para(doc, "Kính gửi:", after=0, align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.left_indent = Cm(3)
    para(doc, "{%p for r in recipient_names %}")
    para(doc, "- {{ r }};", after=0, align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.left_indent = Cm(4.5)
    para(doc, "{%p endfor %}")
    para(doc, "", after=6)
    para(doc, "{%p endif %}")
    body(doc, "{{ opening }}")
    staff_note(doc, "[Nội dung do đơn vị soạn thảo: văn bản đã gửi đề nghị báo cáo (số, ngày), các lần đôn đốc trước.]")
    body(doc, "{{ status_line }}")
    para(doc, "{%p for a in agencies %}")
    body(doc, "{% if agencies|length > 1 %}{{ a.number }}. {% endif %}{{ a.name }}", bold=True)
    para(doc, "{%p if a.report %}")
    body(doc, "- Báo cáo: {{ a.report.line }}.")
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.overdue %}")
    body(doc, "- Nhiệm vụ quá hạn chưa hoàn thành ({{ a.overdue|length }}):")
    keep_rows_whole(grid_table(
        doc, ["Mã", "Nhiệm vụ", "Hạn", "Số ngày quá hạn"],
        ["{{ t.id }}", "{{ t.short_text }}", "{{ t.due }}", "{{ t.days_overdue }}"],
        [18, 100, 25, 22], ("{%tr for t in a.overdue %}", "{%tr endfor %}"), left=(1,), size=11))
    para(doc, "", after=6)
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.overdue_targets %}")
    body(doc, "- Chỉ tiêu đã hết hạn, chưa đạt hoặc chưa có số liệu ({{ a.overdue_targets|length }}):")
    para(doc, "{%p for t in a.overdue_targets %}")
    body(doc, "+ Chỉ tiêu {{ t.id }} ({{ t.name }}): {{ t.state_label|lower }}, hạn {{ t.due }}.")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.explanations %}")
    body(doc, "- Đề nghị giải trình chưa được trả lời ({{ a.explanations|length }}):")
    para(doc, "{%p for x in a.explanations %}")
    body(doc, "+ Nhiệm vụ {{ x.task }}{% if x.letter %}, văn bản {{ x.letter }}{% endif %} ngày {{ x.asked }}: "
              "hạn trả lời {{ x.due }}, quá {{ x.days_overdue }} ngày.")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "{%p if a.coming %}")
    body(doc, "- Nhiệm vụ đến hạn trước ngày {{ period.due }} ({{ a.coming|length }}):")
    para(doc, "{%p for t in a.coming %}")
    body(doc, "+ Nhiệm vụ {{ t.id }}, hạn {{ t.due }}: {{ t.short_text }}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    body(doc, "{{ request }}")
    staff_note(doc, "[Nội dung do đơn vị soạn thảo: thời hạn gửi báo cáo, giải trình; đầu mối liên hệ.]")
    closing_block(doc)
    doc.core_properties.title = "Công văn đôn đốc"
    doc.core_properties.author = "qnctr"
    doc.save(str(OUT.with_name("don-doc.docx")))


if __name__ == "__main__":
    build()
    print(f"wrote {OUT}")
    build_reminder()
    print(f"wrote {OUT.with_name('don-doc.docx')}")
