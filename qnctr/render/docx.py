"""The report as a Word document: the docxtpl template filled in, with its chart.

python-docx and docxtpl are imported only here, when a .docx is asked for.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..state import TASK_STATES
from .templates import TemplateError

# Okabe–Ito colours (safe for colour-blind readers); a greyscale print still reads, since every
# segment has its count written on it and the segments keep the legend's order.
CHART_STYLES: dict[str, tuple[str, str]] = {
    "done_on_time": ("009E73", "clear"), "done_late": ("56B4E9", "clear"), "in_progress": ("0072B2", "clear"),
    "overdue": ("D55E00", "clear"), "not_started": ("CC79A7", "clear"), "suspended": ("999999", "clear"),
    "no_report": ("F0E442", "clear"), "not_required": ("DDDDDD", "clear"),
}
DARK = {"009E73", "0072B2", "D55E00"}  # white numbers on these
BAR_UNITS = 50  # the bar's width in table columns: any count takes at least MIN_UNITS of them
MIN_UNITS = 2  # room for a two-digit count
BAR_MM, LABEL_MM, TOTAL_MM, ROW_MM = 115.0, 20.0, 14.0, 6.0


def _bar_units(counts: list[int], longest: int) -> list[int]:
    """How many of BAR_UNITS columns each state's count takes, in proportion to the longest
    bar; a state with tasks always shows (MIN_UNITS columns at least), and no bar is wider than the chart."""
    units = [max(MIN_UNITS, round(c * BAR_UNITS / longest)) if c else 0 for c in counts]
    while sum(units) > BAR_UNITS:
        widest = max(range(len(units)), key=lambda i: units[i])
        units[widest] -= 1
    return units


def _shade(cell: Any, colour: str, pattern: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), pattern)
    shading.set(qn("w:color"), "FFFFFF" if colour in DARK else "333333")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _fixed(table: Any, widths: list[Any]) -> None:
    """Columns of the given widths, kept as given (Word and LibreOffice otherwise fit them to text)."""
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            tight = cell.paragraphs[0].paragraph_format
            tight.space_before, tight.space_after, tight.line_spacing = Pt(0), Pt(0), 1.0
    for row in table.rows:
        row.height, row.height_rule = Mm(ROW_MM), WD_ROW_HEIGHT_RULE.EXACTLY


def _write(cell: Any, text: str, colour: str | None = None, bold: bool = False, size: float = 9) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if colour else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(size), bold
    if colour in DARK:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _cell_xml(width_mm: float, span: int, text: str, fill: str | None = None, bold: bool = False) -> str:
    """One cell of a bar row as WordprocessingML: built as text, since python-docx's cell
    merging walks the whole table for every merge (seconds for a hundred groups)."""
    from xml.sax.saxutils import escape

    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    shade = (f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "")
    colour = '<w:color w:val="FFFFFF"/>' if fill in DARK else ""
    run_props = f"<w:rPr>{'<w:b/>' if bold or fill else ''}{colour}<w:sz w:val=\"{16 if fill else 18}\"/></w:rPr>"
    align = '<w:jc w:val="center"/>' if fill else ""
    run = f'<w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{_twips(width_mm)}" w:type="dxa"/>{span_xml}{shade}<w:vAlign w:val="center"/>'
            '</w:tcPr><w:p><w:pPr><w:keepNext/>'  # a bar never apart from the rest of the chart
            f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{align}</w:pPr>'
            f"{run}</w:p></w:tc>")


def state_chart(doc: Any, context: dict[str, Any]) -> list[Any]:
    """A stacked bar per group drawn as Word tables (an official can edit, print and copy it;
    no image library is needed): each state a shaded, patterned segment with its count, then
    a legend with each state's total. Returns the two tables' elements, added at the end of
    `doc` (a python-docx Document) for the caller to move into place."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm

    rows = context["state_table"]
    shown = [i for i, _ in enumerate(TASK_STATES) if any(r["counts"][i] for r in rows)]
    longest = max((sum(r["counts"][i] for i in shown) for r in rows), default=0) or 1
    table = doc.add_table(rows=0, cols=BAR_UNITS + 2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed(table, [Mm(LABEL_MM), *([Mm(BAR_MM / BAR_UNITS)] * BAR_UNITS), Mm(TOTAL_MM)])
    unit = BAR_MM / BAR_UNITS
    for group in rows:
        counts = [group["counts"][i] for i in shown]
        cells = [_cell_xml(LABEL_MM, 1, f"Nhóm {group['group']}")]
        used = 0
        for i, units in zip(shown, _bar_units(counts, longest), strict=True):
            if units:
                colour = CHART_STYLES[TASK_STATES[i]][0]
                cells.append(_cell_xml(unit * units, units, str(group["counts"][i]), colour))
                used += units
        if used < BAR_UNITS:  # the rest of the row: one empty cell
            cells.append(_cell_xml(unit * (BAR_UNITS - used), BAR_UNITS - used, ""))
        cells.append(_cell_xml(TOTAL_MM, 1, f"= {sum(counts)}", bold=True))
        table._tbl.append(parse_xml(
            f'<w:tr {nsdecls("w")}><w:trPr><w:cantSplit/><w:trHeight w:val="{_twips(ROW_MM)}" w:hRule="exact"/></w:trPr>'
            + "".join(cells) + "</w:tr>"))
    legend = doc.add_table(rows=(len(shown) + 1) // 2, cols=4)
    legend.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed(legend, [Mm(6), Mm(67), Mm(6), Mm(67)])
    for k, i in enumerate(shown):
        swatch, label = legend.rows[k // 2].cells[2 * (k % 2)], legend.rows[k // 2].cells[2 * (k % 2) + 1]
        colour, pattern = CHART_STYLES[TASK_STATES[i]]
        _shade(swatch, colour, pattern)
        _write(label, f"{context['state_labels'][i]} ({sum(r['counts'][i] for r in rows)})", size=9)
    for row in legend.rows:
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    gap = OxmlElement("w:p")  # Word joins two tables that touch into one
    gap.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:keepNext/></w:pPr>'))
    # Every paragraph kept with the next: the bars, the legend and the caption under them go
    # to the page as one, never a bar on one page and the rest on the next.
    return [table._tbl, gap, legend._tbl]


CHART_MARK = "\u2063qnctr-chart\u2063"  # invisible separators: nothing a person types


def _place_chart(document: Any, context: dict[str, Any]) -> None:
    """Each paragraph that is only the chart's marker becomes the chart; a marker anywhere else
    (inside other text) is dropped."""
    for paragraph in list(document.paragraphs):
        if CHART_MARK not in paragraph.text:
            continue
        if paragraph.text.strip() == CHART_MARK:
            anchor = paragraph._p
            for element in state_chart(document, context):
                anchor.addnext(element)
                anchor = element
            paragraph._p.getparent().remove(paragraph._p)
        else:
            for run in paragraph.runs:
                run.text = run.text.replace(CHART_MARK, "")


def render_docx(context: dict[str, Any], template: Path, title: str) -> bytes:
    """The template filled in; the document's properties say what it is and when it was
    written (`title`; the day it is dated, context["issued_on"]), not what the template's were:
    a PDF made of it shows that title, and a document list sorts it by that day."""
    from datetime import date, datetime, time

    from docxtpl import DocxTemplate

    from .templates import bounded, sandbox, template_failure

    try:
        doc = DocxTemplate(str(template))
        doc.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a file that is not a .docx
        raise TemplateError(f"{template}: không phải tệp .docx hợp lệ ({type(exc).__name__})") from None
    # The chart is a marker in the text for the template; once rendered, the paragraph that
    # holds it is replaced by the chart's tables (a table cannot stand inside a text run).
    full = {**context, "chart": CHART_MARK if context["state_table"] else None}
    try:
        with bounded():
            doc.render(full, jinja_env=sandbox(autoescape=True), autoescape=True)
    except Exception as exc:  # a template is code: whatever it raises is the template's fault
        raise TemplateError(template_failure(exc, template)) from None
    _place_chart(doc.docx, context)
    properties = doc.docx.core_properties
    properties.title = title
    properties.created = properties.modified = datetime.combine(date.fromisoformat(context["issued_on"]), time())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
