"""A document as the office receives it, read into one shape: paragraphs and tables in order,
each with where it stands in the file (a line of a text, a paragraph of a .docx, a page of a PDF).

Four forms are read: plain text where each table cell is its own paragraph; text saved from a
legal-documents website as Markdown (cells between lines holding only `|`); a Word document
(real tables, merged rows, Word's automatic numbering); a PDF with a text layer. What is not
one of them is refused with a message, before anything is parsed."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import QnctrError
from . import names
from .blocks import Block, Para, Table, clean

MAX_BYTES = 50 * 1024 * 1024  # a plan of a few hundred pages is a few MB
MAX_UNZIPPED = 200 * 1024 * 1024  # a .docx part larger than this is a zip bomb, not a plan
MAX_PARAGRAPHS = 200_000


class DocumentError(QnctrError):
    """The file cannot be read as a document."""


@dataclass(slots=True)
class Document:
    path: Path
    kind: str  # "text", "markdown", "docx", "pdf"
    blocks: list[Block] = field(default_factory=list)
    unit: str = "dòng"  # what `line` counts: dòng, đoạn, trang

    def where(self, line: int) -> str:
        return f"{self.path.name}, {self.unit} {line}"


def read(path: Path) -> Document:
    """The document at `path`, whatever its form. Raises DocumentError with a Vietnamese message."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DocumentError(f"{path}: không phải là tệp")
        if size == 0:
            raise DocumentError(f"{path}: tệp rỗng")
        if size > MAX_BYTES:
            raise DocumentError(f"{path}: tệp {size // (1024 * 1024)} MB, quá lớn cho một văn bản "
                                f"(tối đa {MAX_BYTES // (1024 * 1024)} MB)")
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        from ..wording import os_reason

        raise DocumentError(f"{path}: không đọc được ({os_reason(exc)})") from None
    if head.startswith(b"%PDF"):
        return _pdf(path)
    if head.startswith(b"PK\x03\x04"):
        return _docx(path)
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")):
        raise DocumentError(f"{path}: là tệp ảnh, không phải văn bản; cần nhận dạng chữ (OCR) trước, "
                            "rồi đưa vào tệp .docx, .pdf có lớp chữ hoặc .txt")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(f"{path}: là tệp Word/Excel đời cũ (.doc/.xls); mở bằng Word hoặc LibreOffice "
                            "và lưu lại thành .docx")
    if head.lstrip().startswith(b"{\\rtf"):
        raise DocumentError(f"{path}: là tệp RTF; mở bằng Word hoặc LibreOffice và lưu lại thành .docx")
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise DocumentError(f"{path}: là tệp nhị phân, không phải văn bản (.docx, .pdf hoặc .txt)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DocumentError(f"{path}:{line}: văn bản không mã hóa UTF-8; lưu lại tệp với bảng mã UTF-8") from None
    return _text(path, text)


# --- plain text and Markdown ---------------------------------------------------------------


def _demark(text: str) -> str:
    """Markdown emphasis dropped: `**KẾ HOẠCH**`, `*(DN)*`; a `*` that stands for itself (a
    footnote mark between words) is kept."""
    return text.replace("**", "").replace("*", "") if "*" in text else text


def _text(path: Path, text: str) -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_PARAGRAPHS * 4:
        raise DocumentError(f"{path}: {len(lines)} dòng, quá dài cho một văn bản")
    markdown = sum(1 for line in lines if line.strip() == "|") >= 4
    doc = Document(path, "markdown" if markdown else "text")
    doc.blocks = list(_markdown_blocks(lines) if markdown else _text_blocks(lines))
    return doc


_NUMBER_HEADERS = ("STT", "TT", "SỐ TT")  # the first cell of a table's header: its rows' numbers


def _text_blocks(lines: list[str]) -> Iterator[Block]:
    """Paragraphs are separated by empty lines; a table is a header of short cells starting with
    `STT` (or `TT`), each cell its own paragraph, an empty cell a paragraph of a non-breaking space;
    or a line a row, its cells apart by tabs (copied from Word)."""
    paras: list[tuple[str, int]] = []
    for number, line in enumerate(lines, 1):
        if line == "" or line.strip("\t ") == "":
            continue  # a paragraph break (an empty cell is " ", a non-breaking space: kept below)
        paras.append((line, number))
    i = 0
    while i < len(paras):
        text, number = paras[i]
        if clean(text).upper() in _NUMBER_HEADERS:
            table, i = _cell_table(paras, i)
            if table:
                yield table
                continue
        if text.count("\t") >= 2 and clean(text.split("\t")[0]).upper() in _NUMBER_HEADERS:
            table, i = _tab_table(paras, i)
            yield table
            continue
        yield Para(clean(_demark(text)), number, bold=text.strip().startswith("**") and text.strip().endswith("**"))
        i += 1


_HEADER_WORD = re.compile(r"(?i)nội dung|nhiệm vụ|chủ trì|phối hợp|thời gian|thời hạn|sản phẩm|ghi chú|chỉ tiêu|"
                          r"cơ quan|đơn vị|kết quả|tiến độ|hoàn thành|kinh phí|"
                          # a table of targets: its unit and its figures by year ("Thực hiện năm 2025", "Năm 2026")
                          r"^đvt$|^(?:kế hoạch |mục tiêu |thực hiện |ước (?:thực hiện )?)?(?:năm )?\d{4}$|mục tiêu|phấn đấu")


def _cell_table(paras: list[tuple[str, int]], start: int) -> tuple[Table | None, int]:
    """A table written one cell a paragraph: the header's width is the run of header words after
    `STT`; rows follow, each that many cells, while a row starts with a number or a Roman number."""
    width = 1
    while start + width < len(paras) and _HEADER_WORD.search(paras[start + width][0]) \
            and len(paras[start + width][0]) < 80:
        width += 1
    if width < 3:
        return None, start
    rows = [[clean(c) for c, _ in paras[start:start + width]]]
    lines = [paras[start][1]]
    i = start + width
    while i + width <= len(paras):
        first = clean(paras[i][0])
        if not re.fullmatch(r"(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.?|[a-zđ]\)?|-)?", first):
            break
        cells = [clean(_demark(c)) for c, _ in paras[i:i + width]]
        if any(clean(c).upper() in _NUMBER_HEADERS for c, _ in paras[i + 1:i + width]):
            break
        rows.append(cells)
        lines.append(paras[i][1])
        i += width
    return Table(rows, lines, lines[0]), i


def _tab_table(paras: list[tuple[str, int]], start: int) -> tuple[Table, int]:
    """A table copied from Word into a text file: a line a row, its cells apart by tabs, while
    the lines hold a tab (read as paragraphs, the plan was refused as having no task). A row
    short of the header's cells lost its empty last cells to the editor: they are empty again."""
    rows, lines = [], []
    i = start
    while i < len(paras) and "\t" in paras[i][0]:
        rows.append([clean(_demark(cell)) for cell in paras[i][0].split("\t")])
        lines.append(paras[i][1])
        i += 1
    width = len(rows[0])
    return Table([row + [""] * (width - len(row)) for row in rows], lines, lines[0]), i


def _markdown_blocks(lines: list[str]) -> Iterator[Block]:
    """Website text: paragraphs separated by empty lines, hard line breaks inside them. A table
    opens with a line holding only `|`; each cell's lines are closed by such a line, a second
    one at once closes the row, and an empty line after a row's end closes the table."""
    buffer: list[str] = []
    start = 0
    rows: list[list[str]] | None = None
    row: list[str] = []
    cell: list[str] = []
    row_lines: list[int] = []
    row_start = 0
    after_bar = after_row = False

    def paragraph() -> Iterator[Para]:
        raw = " ".join(buffer)
        text = clean(_demark(raw))
        if text:
            yield Para(text, start, bold=raw.strip().startswith("**") and raw.strip().endswith("**"))
        buffer.clear()

    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if rows is None:
            if stripped == "|":
                yield from paragraph()
                rows, row, cell, row_lines = [], [], [], []
                row_start, after_bar, after_row = number, True, False
            elif stripped == "":
                yield from paragraph()
            else:
                if not buffer:
                    start = number
                buffer.append(line)
            continue
        if stripped == "|":
            if after_bar and not cell:  # a second bar: the row ends
                if row:
                    rows.append(row)
                    row_lines.append(row_start)
                row, after_row = [], True
            else:
                row.append(clean(_demark(" ".join(cell))))
                cell = []
            after_bar = True
            continue
        # an empty line after a bar ends the table; a non-breaking space alone is an empty cell
        # (a website's `&nbsp;`): read as the end, it cut the table at its first empty cell
        spaced = stripped == "" and line.strip(" \t\r\n") != ""
        if after_bar and stripped == "" and not spaced:
            if row:
                rows.append(row)
                row_lines.append(row_start)
            yield Table(rows, row_lines, row_lines[0] if row_lines else number)
            rows = None
            continue
        if after_row:
            row_start, after_row = number, False
        after_bar = False
        if stripped or cell or spaced:
            cell.append(line)
    if rows is not None:
        if cell:
            row.append(clean(_demark(" ".join(cell))))
        if row:
            rows.append(row)
            row_lines.append(row_start)
        yield Table(rows, row_lines, row_lines[0] if row_lines else len(lines))
    else:
        yield from paragraph()


# --- Word ----------------------------------------------------------------------------------


_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_lines(lines: list[str]) -> str:
    """A table cell's paragraphs (Word) or the lines its writer ended (PDF) as one text: bodies
    one a line ("Sở A" over "Sở B") are a list of bodies (joined by a space they were one new
    agency "Sở A Sở B"), anything else one text."""
    bodies = len(lines) > 1 and all(names.starts_name(re.sub(r"^[-–+•]\s*", "", line)) for line in lines)
    return ("; " if bodies else " ").join(lines)


_WRAPPERS = {f"{_NS}sdt", f"{_NS}sdtContent", f"{_NS}customXml"}


def _within(element: Any, tag: str | None = None) -> Iterator[Any]:
    """The children of a body, a table or a row, seen through the content controls and custom
    XML a template wraps them in (`w:sdt`, `w:customXml`): read as direct children only, the
    paragraphs, rows and cells inside were lost without a word."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _within(child, tag)
        elif child.tag != f"{_NS}sdtPr" and (tag is None or child.tag == tag):
            yield child


def _docx(path: Path) -> Document:
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename: info for info in archive.infolist()}
            if "word/document.xml" not in names:
                if "xl/workbook.xml" in names:
                    raise DocumentError(f"{path}: là bảng tính Excel, không phải văn bản; "
                                        "văn bản cần ở dạng .docx, .pdf hoặc .txt")
                if names.get("mimetype") and names["mimetype"].file_size < 200 and b"opendocument" in archive.read("mimetype"):
                    raise DocumentError(f"{path}: là tệp OpenDocument (.odt/.ods); mở bằng LibreOffice hoặc Word và "
                                        "lưu lại thành .docx")
                raise DocumentError(f"{path}: là tệp nén, không phải văn bản Word (.docx)")
            for info in names.values():
                if info.file_size > MAX_UNZIPPED:
                    raise DocumentError(f"{path}: phần {info.filename} giải nén ra {info.file_size // 2**20} MB, "
                                        "không phải một văn bản bình thường")
            parts = {}
            for name in ("word/document.xml", "word/numbering.xml", "word/styles.xml"):
                if name in names:
                    with archive.open(name) as part:  # the header's size can lie: read no more than the bound
                        parts[name] = part.read(MAX_UNZIPPED + 1)
                    if len(parts[name]) > MAX_UNZIPPED:
                        raise DocumentError(f"{path}: phần {name} giải nén ra hơn {MAX_UNZIPPED // 2**20} MB, "
                                            "không phải một văn bản bình thường")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise DocumentError(f"{path}: tệp .docx hỏng (không mở được phần nén)") from None
    for name, data in parts.items():
        if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data[:65536]:
            raise DocumentError(f"{path}: phần {name} khai báo thực thể XML (DOCTYPE/ENTITY), "
                                "không có trong văn bản Word thật; không đọc")
    import xml.etree.ElementTree as ET

    try:
        body = ET.fromstring(parts["word/document.xml"]).find(f"{_NS}body")
        numbering = _Numbering(ET.fromstring(parts["word/numbering.xml"])) if "word/numbering.xml" in parts \
            else _Numbering(None)
        styles = _styles(ET.fromstring(parts["word/styles.xml"])) if "word/styles.xml" in parts else {}
    except ET.ParseError as exc:
        raise DocumentError(f"{path}: tệp .docx hỏng ({exc})") from None
    doc = Document(path, "docx", unit="đoạn")
    if body is None:
        return doc
    count = 0
    for element in _within(body):
        if element.tag == f"{_NS}p":
            count += 1
            para = _paragraph(element, count, numbering, styles)
            if para.text or para.label:
                doc.blocks.append(para)
        elif element.tag == f"{_NS}tbl":
            count += 1
            doc.blocks.append(_table(element, count, numbering, styles))
        if count > MAX_PARAGRAPHS:
            raise DocumentError(f"{path}: hơn {MAX_PARAGRAPHS} đoạn, quá dài cho một văn bản")
    return doc


def _styles(root: Any) -> dict[str, tuple[str, str]]:
    """Style id → (numbering id, level) for styles that number their paragraphs."""
    out: dict[str, tuple[str, str]] = {}
    for style in root.iter(f"{_NS}style"):
        num = style.find(f"{_NS}pPr/{_NS}numPr")
        if num is not None:
            num_id = num.find(f"{_NS}numId")
            level = num.find(f"{_NS}ilvl")
            out[style.get(f"{_NS}styleId", "")] = (
                num_id.get(f"{_NS}val", "") if num_id is not None else "",
                level.get(f"{_NS}val", "0") if level is not None else "0")
    return out


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_VIET_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the order of points in Vietnamese documents


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


class _Numbering:
    """Word's automatic list numbers: the formats of each list's levels, and counters that run
    as the paragraphs come, restarting the deeper levels when a shallower one steps."""

    def __init__(self, root: Any) -> None:
        self.abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
        self.nums: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for abstract in root.iter(f"{_NS}abstractNum"):
            levels = {}
            for level in abstract.iter(f"{_NS}lvl"):
                fmt = level.find(f"{_NS}numFmt")
                text = level.find(f"{_NS}lvlText")
                start = level.find(f"{_NS}start")
                levels[level.get(f"{_NS}ilvl", "0")] = (
                    fmt.get(f"{_NS}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_NS}val", "") if text is not None else "",
                    int(start.get(f"{_NS}val", "1")) if start is not None else 1)
            self.abstract[abstract.get(f"{_NS}abstractNumId", "")] = levels
        for num in root.iter(f"{_NS}num"):
            ref = num.find(f"{_NS}abstractNumId")
            if ref is not None:
                self.nums[num.get(f"{_NS}numId", "")] = ref.get(f"{_NS}val", "")

    def label(self, num_id: str, level: str) -> str:
        levels = self.abstract.get(self.nums.get(num_id, ""), {})
        if level not in levels or num_id in ("", "0"):
            return ""
        depth = int(level) if level.isdigit() else 0
        starts = [levels.get(str(i), ("decimal", "", 1))[2] for i in range(9)]
        counters = self.counters.setdefault(self.nums[num_id], [s - 1 for s in starts])
        counters[depth] += 1
        for deeper in range(depth + 1, 9):
            counters[deeper] = starts[deeper] - 1
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "-" if text in ("", "-", "–", "\uf02d", "\u2013") else "•"

        def shown(i: int) -> str:
            value = counters[i]
            kind = levels.get(str(i), ("decimal", "", 1))[0]
            if kind == "upperRoman":
                return roman(value)
            if kind == "lowerRoman":
                return roman(value).lower()
            if kind in ("lowerLetter", "upperLetter"):
                letter = _VIET_LETTERS[(value - 1) % len(_VIET_LETTERS)] if value > 0 else "a"
                return letter.upper() if kind == "upperLetter" else letter
            return str(value)

        return re.sub(r"%(\d)", lambda m: shown(int(m.group(1)) - 1), text)


def _paragraph(element: Any, count: int, numbering: _Numbering, styles: dict[str, tuple[str, str]]) -> Para:
    parts: list[str] = []
    bold_chars = plain_chars = 0
    # text a tracked change moved away (w:moveFrom) or deleted stands where it now is, once
    gone = {id(run) for tag in ("moveFrom", "del") for change in element.iter(f"{_NS}{tag}")
            for run in change.iter(f"{_NS}r")}
    for run in element.iter(f"{_NS}r"):
        if id(run) in gone:
            continue
        props = run.find(f"{_NS}rPr")
        bold = props is not None and props.find(f"{_NS}b") is not None and \
            props.find(f"{_NS}b").get(f"{_NS}val", "true") not in ("0", "false")
        for child in run:
            if child.tag == f"{_NS}t" and child.text:
                parts.append(child.text)
                if child.text.strip():
                    if bold:
                        bold_chars += len(child.text.strip())
                    else:
                        plain_chars += len(child.text.strip())
            elif child.tag in (f"{_NS}tab",):
                parts.append("\t")
            elif child.tag in (f"{_NS}br", f"{_NS}cr"):
                parts.append(" ")
    label = ""
    props = element.find(f"{_NS}pPr")
    num = props.find(f"{_NS}numPr") if props is not None else None
    style = props.find(f"{_NS}pStyle") if props is not None else None
    if num is not None:
        num_id = num.find(f"{_NS}numId")
        level = num.find(f"{_NS}ilvl")
        label = numbering.label(num_id.get(f"{_NS}val", "") if num_id is not None else "",
                                level.get(f"{_NS}val", "0") if level is not None else "0")
    elif style is not None and style.get(f"{_NS}val", "") in styles:
        label = numbering.label(*styles[style.get(f"{_NS}val", "")])
    return Para(clean("".join(parts)), count, bold=bold_chars > 0 and plain_chars == 0, label=label)


def _table(element: Any, count: int, numbering: _Numbering, styles: dict[str, tuple[str, str]]) -> Table:
    """Rows of cell texts on the table's grid: a cell merged across columns (Word's gridSpan)
    stands in each column it covers, so that a two-row header ("Cơ quan thực hiện" over "Chủ
    trì" and "Phối hợp") lines up with the rows; a cell merged down (vMerge continue) is empty
    and marked merged; a cell's paragraphs are joined by a space."""
    rows: list[list[str]] = []
    merged: set[tuple[int, int]] = set()
    for tr in _within(element, f"{_NS}tr"):
        # a row that starts or ends off the grid (w:gridBefore, w:gridAfter): its first cell stands
        # in the column after the ones it skips, not in the first (read so, every cell slid left)
        skip = {name: tr.find(f"{_NS}trPr/{_NS}{name}") for name in ("gridBefore", "gridAfter")}
        before, after = (int(v.get(f"{_NS}val", "0")) if v is not None and v.get(f"{_NS}val", "0").isdigit() else 0
                         for v in skip.values())
        row: list[str] = [""] * min(before, 64)
        for tc in _within(tr, f"{_NS}tc"):
            paras = [_paragraph(p, count, numbering, styles) for p in tc.iter(f"{_NS}p")]
            shown = [" ".join(filter(None, (p.label if p.label not in ("-", "•") else "-", p.text)))
                     for p in paras if p.text or p.label]
            text = _cell_lines(shown)
            span = tc.find(f"{_NS}tcPr/{_NS}gridSpan")
            width = int(span.get(f"{_NS}val", "1")) if span is not None and span.get(f"{_NS}val", "1").isdigit() else 1
            width = max(1, min(width, 64))
            down = tc.find(f"{_NS}tcPr/{_NS}vMerge")
            if down is not None and down.get(f"{_NS}val", "continue") == "continue" and rows:
                merged.update((len(rows), column) for column in range(len(row), len(row) + width))
            row += [clean(text)] * width
        rows.append(row + [""] * min(after, 64))
    return Table(rows, [count] * len(rows), count, merged)


# --- PDF -----------------------------------------------------------------------------------


PDF_SECONDS = 300  # a few hundred pages take seconds; a hostile file is stopped
PDF_MEMORY = 2 * 1024**3


def _lines_of_cell(text: str) -> str:
    """A PDF cell's lines its writer ended (pdf._cell_text), as one text (`_cell_lines`)."""
    return _cell_lines([line for line in text.split("\n") if line])


def _pdf(path: Path) -> Document:
    """A PDF is read in a child process with bounded time and memory: a crafted file (a stream
    that inflates to gigabytes, an endless object graph) stops there, not in the session."""
    import importlib.util
    import json
    import subprocess
    import sys

    if importlib.util.find_spec("pdfminer") is None:
        raise DocumentError("đọc PDF cần gói pdfminer.six: pip install 'qnctr[pdf]'")

    def limits() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (PDF_MEMORY, PDF_MEMORY))

    try:
        done = subprocess.run([sys.executable, "-m", "qnctr.ingest.pdf", str(path)], capture_output=True,
                              timeout=PDF_SECONDS, preexec_fn=limits if sys.platform != "win32" else None,
                              check=False)
    except subprocess.TimeoutExpired:
        raise DocumentError(f"{path}: đọc PDF quá {PDF_SECONDS} giây; tệp có thể bị hỏng hoặc cố ý làm chậm") from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        answer = {"error": f"{path}: tệp PDF hỏng hoặc quá lớn để đọc (hết bộ nhớ cho phép)"}
    if "error" in answer:
        raise DocumentError(answer["error"])
    doc = Document(path, "pdf", unit="trang")
    for item in answer["blocks"]:
        if item[0] == "p":
            doc.blocks.append(Para(item[1], item[2], item[3]))
        else:
            rows = [[_lines_of_cell(cell) for cell in row] for row in item[1]]
            doc.blocks.append(Table(rows, item[2], item[3], {(r, c) for r, c in item[4]}))
    return doc
