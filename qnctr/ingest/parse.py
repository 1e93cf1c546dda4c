"""The structure of a plan: its header, its numbered parts, the part that assigns tasks, its
appendix tables, its targets and its reporting sentence, read by the rules of the genre
(Nghị định 30/2020 layout; tasks assigned by table rows, by bullets under an agency's heading,
by points that name their lead, or by items with their own lead and deadline lines).

Every paragraph and table row is given a role; what no rule takes is kept as a note, so that
nothing of the source is lost without a person seeing it."""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..ordering import roman_value
from . import names, phrases
from .blocks import Block, Para, Table, clean
from .source import Document

_MARKERS = [  # (kind, pattern): the order is the usual depth of a plan's parts
    ("roman", re.compile(r"^([IVXL]+)\.\s*(.*)$")),
    ("dotted", re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(.*)$")),
    ("number", re.compile(r"^(\d+)[.)]\s*(.*)$")),
    ("letter", re.compile(r"^([a-zđ])\)\s*(.*)$")),
    ("dash", re.compile(r"^[-–—]\s*(.*)$")),
    ("plus", re.compile(r"^\+\s*(.*)$")),
    ("bullet", re.compile(r"^[•·▪●]\s*(.*)$")),
]
_RANK = {"roman": 0, "number": 1, "dotted": 2, "letter": 3, "dash": 4, "bullet": 4, "plus": 5}


@dataclass(slots=True)
class Node:
    kind: str  # a marker kind, "root"
    label: str  # "III", "2", "1.2", "b", "" for bullets
    text: str  # without its marker
    para: Para | None
    children: list[Node] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)  # paragraphs without a marker under it
    ordinal: int = 0  # the n-th bullet among its siblings

    @property
    def rank(self) -> int:
        return _RANK.get(self.kind, -1)


@dataclass(slots=True)
class Review:
    """One thing a person must check: where in the draft, where in the source, what."""

    code: str
    message: str
    source: str
    item: str = ""  # the task or target id, "" for the programme
    field: str = ""


@dataclass(slots=True)
class DraftItem:
    """A task or a target as read: names as written, the deadline phrase, where it stands;
    then the agency ids and the due value the writer resolves."""

    id: str
    source: str
    text: str
    lead_names: list[str]
    support_names: list[str]
    due_phrase: str
    where: int
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    due: Any = "ongoing"
    placed: str = ""  # how a short table row's cells were placed, for a person to check (_carry_down)


@dataclass(slots=True)
class DraftTask(DraftItem):
    inferred: bool = False  # the deadline is the period the text speaks of, not one it sets
    extra: str = ""  # its row's cells no field holds (when work begins, its product, a note): kept as a note


@dataclass(slots=True)
class DraftGroup:
    id: str
    title: str
    tasks: list[DraftTask] = field(default_factory=list)
    label: str = ""  # the document's own number for it, where the id had to say more ("PL2.I" for "I")


@dataclass(slots=True)
class DraftTarget(DraftItem):
    goal: phrases.Goal | None = None


@dataclass(slots=True)
class Draft:
    number: str = ""
    issued: date | None = None
    place: str = ""
    issuer_name: str = ""
    kind: str = ""
    title: str = ""
    signer: str = ""
    implements: str = ""
    reporting_text: str = ""
    reporting_source: str = ""
    reporting_where: int = 0
    calendar: phrases.Calendar | None = None
    focal_name: str = ""
    groups: list[DraftGroup] = field(default_factory=list)
    targets: list[DraftTarget] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)  # id(block or row) → role
    layout: str = ""
    alternative: str = ""
    units: int = 0
    covered: int = 0

    @property
    def task_count(self) -> int:
        return sum(len(g.tasks) for g in self.groups)


def marker(text: str) -> tuple[str, str, str]:
    """(kind, label, rest) of a paragraph's leading number, letter or bullet; ("", "", text)."""
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            if kind in ("dash", "plus", "bullet"):
                return kind, "", m.group(1)
            if kind == "roman" and not re.fullmatch(r"M{0,3}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})",
                                                     m.group(1)):
                continue
            return kind, m.group(1), m.group(2)
    return "", "", text


def _para_text(para: Para) -> str:
    return f"{para.label} {para.text}".strip() if para.label else para.text


_KINDS = ["CHƯƠNG TRÌNH HÀNH ĐỘNG", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "ĐỀ ÁN", "CHỈ THỊ", "QUYẾT ĐỊNH", "NGHỊ QUYẾT",
          "KẾT LUẬN", "PHƯƠNG ÁN"]


def parse(doc: Document) -> Draft:
    draft = Draft()
    blocks = doc.blocks
    body_start = _header(doc, draft)
    end = _body_end(blocks, body_start)
    root = _outline([b for b in blocks[body_start:end] if isinstance(b, Para)])
    tables = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Table)]
    _reporting(root, draft)
    task_tables, target_tables = _classify_tables(blocks, tables)
    if task_tables:
        draft.layout = "table"
        for number, table in enumerate(task_tables, 1):
            label = appendix_label(blocks, table)
            before = {group.id for group in draft.groups}
            _tasks_from_table(table, draft, label)
            added = draft.groups[len(before):] if len(draft.groups) > len(before) else []
            if before & {group.id for group in added}:
                # a second appendix numbers its groups afresh ("I", "II" again): named by its
                # appendix, the draft had two groups "I" and validate refused it
                prefix = _table_prefix(label, number)
                for group in added:
                    group.label, group.id = group.id, f"{prefix}.{group.id}"
                    for task in group.tasks:
                        if task.id.startswith(f"{group.label}."):  # "1.a" under "1"
                            task.id = f"{prefix}.{task.id}"
        _qualify_ids(draft)
        # named by their ids once qualified: three rows "STT 1" were three tasks A.1, B.I.1, B.II.1
        draft.notes += [(task.where, f"Nhiệm vụ {task.id}: {task.extra}")
                        for group in draft.groups for task in group.tasks if task.extra]
    else:
        _tasks_from_prose(root, draft)
    for table in target_tables:
        _targets_from_table(table, draft, appendix_label(blocks, table))
    if not draft.targets:
        _targets_from_objectives(root, draft)
    # a part that only holds parts ("B. NHIỆM VỤ CỤ THỂ" over "B.I", "B.II") has no task of its own
    draft.groups = [group for group in draft.groups if group.tasks]
    _account(blocks, draft, doc)
    return draft


def _table_prefix(label: str, number: int) -> str:
    """What names the groups of a later table of tasks: its appendix's number ("PL2" for "Phụ lục
    II"), else its place among the tables ("PL2" for a second "Phụ lục" without one, "B2" for a
    second table under no appendix heading: it was "PL0", its label "Bảng" read as a numeral)."""
    appendix = label.startswith("Phụ lục")
    numeral = label.removeprefix("Phụ lục").strip() if appendix else ""
    value = numeral if numeral.isdigit() else roman_value(numeral.upper())
    return f"{'PL' if appendix else 'B'}{value or number}"


def appendix_label(blocks: list[Block], table: Table) -> str:
    index = next(i for i, b in enumerate(blocks) if b is table)
    for block in reversed(blocks[:index]):
        if isinstance(block, Para) and re.match(r"(?i)^phụ lục\b", block.text):
            m = re.match(r"(?i)^phụ lục\s*([IVX0-9]+)?", block.text)
            return f"Phụ lục {m.group(1)}" if m and m.group(1) else "Phụ lục"
    return "Bảng"


# --- header -----------------------------------------------------------------------------------


_NUMBER = r"[0-9][\w.]*(?:\s*[-–]\s*[\w.&Đđ]+)*(?:\s*/\s*[\w.\-–&Đđ]+)+"  # a document's number and symbol


def _header(doc: Document, draft: Draft) -> int:
    """The header's facts, read from the first blocks (a table or paragraphs); the index of the
    first block of the body (the paragraph after the title)."""
    blocks = doc.blocks
    texts: list[tuple[int, str]] = []
    for i, block in enumerate(blocks[:40]):
        if isinstance(block, Table):
            texts += [(i, cell) for row in block.rows for cell in row]
        else:
            texts.append((i, block.text))
    for k, (i, text) in enumerate(texts):
        # "Số: 617/KH-UBND"; a Party body's "Số 12-KH/TU" has no colon (then the line begins with it)
        # "12/2026/QĐ-UBND" (a normative decision's year) and "45 - KH/TU" are one number, whole
        if not draft.number and (m := re.search(rf"Số\s*:\s*({_NUMBER}|[0-9][\w/.\-&Đđ]*)", text)
                                 or re.search(rf"(?m)^\W*Số\s+({_NUMBER})", text)):
            draft.number = re.sub(r"\s+", "", m.group(1)).replace("–", "-").rstrip(".")
            draft.roles[id(blocks[i])] = "header"
        # the date line, or one broken before its year (a narrow cell read from a PDF)
        dated = f"{text} {texts[k + 1][1]}" if re.search(r"\snăm$", text) and k + 1 < len(texts) else text
        if not draft.issued and (m := re.search(r"(?:([^,]{2,40}),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
                                                dated)):
            try:
                draft.issued = date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
                # the number may share the line, read from a PDF: "Số 12-KH/TU Thử Nghiệm, ngày …"
                draft.place = re.sub(r"^\W*Số\s*:?\s*\S+\s+", "", (m.group(1) or "").strip(" *"))
                draft.roles[id(blocks[i])] = "header"
            except ValueError:
                pass
        if not draft.issuer_name and re.match(r"(?i)^(?:ỦY|UỶ) BAN NHÂN DÂN|^HỘI ĐỒNG NHÂN DÂN|^UBND", text):
            head = re.split(r"\s*-{3,}|\s+CỘNG HÒA|\s+Số\s*:", text)[0]
            following = next((t for j, t in texts if j > i), "") if head.rstrip().endswith("DÂN") else ""
            # read from a PDF, one line may join both columns: "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ
            # NGHĨA TỈNH TUYÊN QUANG VIỆT NAM" (the place between the two halves of the Quốc hiệu)
            if head.rstrip().endswith("DÂN") and (joined := re.search(r"CHỦ NGHĨA\s+((?:TỈNH|THÀNH PHỐ)\s.+?)\s+VIỆT NAM",
                                                                   text)):
                following = joined.group(1)
            if re.match(r"^(?:TỈNH|THÀNH PHỐ)\s", following):
                head += " " + re.split(r"\s*-{3,}", following)[0]
            draft.issuer_name = _title_case_body(head)
            draft.roles[id(blocks[i])] = "header"
        if not draft.issuer_name and (m := re.match(r"^\W*ĐẢNG BỘ (?:TỈNH|THÀNH PHỐ)\s+(.+?)\s*(?:\b(TỈNH|THÀNH) (?:ỦY|UỶ)\b"
                                                    r"|\s+ĐẢNG CỘNG SẢN|\s-{3,}|\n|$)", text)):
            # A Party body's header: "ĐẢNG BỘ TỈNH ĐỒNG THÁP" over "TỈNH ỦY" (or "THÀNH ỦY")
            below = m.group(2) or next((b.group(1) for j, t in texts if i < j <= i + 2
                                        if (b := re.match(r"^\W*(TỈNH|THÀNH) (?:ỦY|UỶ)\b", t))), None)
            if below:
                place = " ".join(w[:1].upper() + w[1:].lower() for w in m.group(1).split())
                draft.issuer_name = f"{below.capitalize()} ủy {place}"
                draft.roles[id(blocks[i])] = "header"
    start = 0
    for i, block in enumerate(blocks[:60]):
        if isinstance(block, Para) and not draft.kind:
            upper = block.text.upper()
            kind = next((k for k in _KINDS if upper == k or (upper.startswith(k + " ") and block.text.isupper())), None)
            if kind and block.text.isupper():
                draft.kind = kind.capitalize() if kind != "CHƯƠNG TRÌNH HÀNH ĐỘNG" else "Chương trình hành động"
                title = [block.text]
                draft.roles[id(block)] = "header"
                j = i + 1
                while j < len(blocks) and isinstance(blocks[j], Para) and _mostly_upper(blocks[j].text):  # type: ignore[union-attr]
                    title.append(blocks[j].text)  # type: ignore[union-attr]
                    draft.roles[id(blocks[j])] = "header"
                    j += 1
                if len(title) == 1:  # the trích yếu as Nghị định 30 sets it: in lower case, under the kind
                    lines = _subject(blocks, j)
                    for k in range(j, j + len(lines)):
                        draft.roles[id(blocks[k])] = "header"
                    j += len(lines)
                    if lines:
                        subject = " ".join(lines)
                        lowered = subject[:1].lower() + subject[1:] if subject[1:2].islower() else subject
                        title = [draft.kind, lowered]
                draft.title = " ".join(title)
                start = j
                break
        if isinstance(block, Para) and (block.text.startswith("Số") or "CỘNG HÒA" in block.text
                                        or "Độc lập" in block.text or re.fullmatch(r"-{3,}", block.text)
                                        or re.search(r"ngày \d+ tháng \d+ năm \d{4}", block.text)
                                        or (block.text.upper() == block.text and i < 6)):
            draft.roles.setdefault(id(block), "header")
    for i, text in [(i, b.text) for i, b in enumerate(blocks) if isinstance(b, Para)] + \
            [(i, c) for i, b in enumerate(blocks) if isinstance(b, Table) for row in b.rows for c in row]:
        if (signing := re.search(r"CHỦ TỊCH|BÍ THƯ", text)) is not None:  # a UBND's, a Party body's signer
            tail = text.replace("(Đã ký)", "").rsplit(signing.group(0), 1)[1].strip()
            if re.fullmatch(r"[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){1,4}", tail):
                draft.signer = tail
        elif re.fullmatch(r"[A-ZĐ][a-zà-ỹđ]+(?:\s+[A-ZĐ][a-zà-ỹđ]+){1,4}", text) and _signed_above(blocks, i):
            draft.signer = text
            draft.roles[id(blocks[i])] = "header"
    preamble = [b for b in blocks[start:start + 6] if isinstance(b, Para)]
    for para in preamble:
        # a decision's articles ("Điều 2. Giao Sở A làm đầu mối …, định kỳ … báo cáo") are its body
        if marker(para.text)[0] or re.match(r"^(?:Điều \d|QUYẾT (?:ĐỊNH|NGHỊ)\s*:)", para.text):
            break
        draft.roles[id(para)] = "header"
        if not draft.implements:
            draft.implements = _implements(para.text, draft.title)
    while start < len(blocks) and id(blocks[start]) in draft.roles:
        start += 1
    return start


# How a preamble opens and a trích yếu never does ("Thực hiện …", "Triển khai …" open both: a
# trích yếu has no stop at its end and says nothing of issuing the plan itself).
_PREAMBLE = re.compile(r"(?i)^(?:căn cứ|nhằm|để|theo|ngày|xét|trên cơ sở|qua|nhận được|(?:ủy|uỷ) ban|ubnd|năm \d{4})\b"
                       r"|ban hành (?:kế hoạch|chương trình)|như sau")


def _signed_above(blocks: list[Block], i: int) -> bool:
    """The name at `i` is the signer's: the title is just above it, or above the recipients' list
    that a PDF prints beside it ("Nơi nhận: CHỦ TỊCH", "- Như trên;", "- Lưu: VT.", the name)."""
    for block in reversed(blocks[max(0, i - 6):i]):
        if not isinstance(block, Para):
            return False
        if re.search(r"CHỦ TỊCH|BÍ THƯ", block.text):
            return True
        if not re.match(r"-|\(Đã ký\)|Lưu\b", block.text):
            return False
    return False


def _subject(blocks: list[Block], start: int) -> list[str]:
    """The lines of a trích yếu set in lower case under the kind ("KẾ HOẠCH" over "Nâng cao Chỉ
    số … năm 2026"): bold lines where the reader knows (.docx, Markdown); else a short line
    ending without a stop that does not open as a preamble does ("Thực hiện …", "Căn cứ …"),
    and the lines that carry on its sentence. None when the body follows the kind at once."""
    lines: list[str] = []
    for block in blocks[start:start + 4]:
        if not isinstance(block, Para) or marker(block.text)[0] or re.fullmatch(r"[-_–—=*\s]*", block.text):
            break
        text = block.text
        if lines:  # a line more: bold as the first was, or carrying on its sentence
            if not ((block.bold and blocks[start].bold) or text[:1].islower()):  # type: ignore[union-attr]
                break
        elif len(text) > 400 or (not block.bold and (len(text) > 300 or re.search(r"[.;:,]$", text)
                                                      or _PREAMBLE.search(text))):
            break
        lines.append(text)
        if re.search(r"[.;:]$", text):
            break
    return lines


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and not marker(text)[0]


def _title_case_body(text: str) -> str:
    """An issuer written in capitals, in title case; the place (each word after tỉnh/thành phố)
    keeps its capitals."""
    words = " ".join(text.replace("*", " ").split()).split(" ")
    out: list[str] = []
    place = False
    for word in words:
        low = word.lower()
        if place:
            out.append(word[:1].upper() + word[1:].lower())
        else:
            out.append(low if out else word[:1].upper() + word[1:].lower())
        if low in ("tỉnh", "phố") and not place:
            place = True
    name = " ".join(out).replace("Uỷ ban", "Ủy ban")
    return name


def _implements(text: str, title: str) -> str:
    """The document a plan carries out: the one its title names, as the preamble writes it."""
    m = re.search(r"(?i)(?:THỰC HIỆN|TRIỂN KHAI)\s+(NGHỊ QUYẾT|CHỈ THỊ|KẾT LUẬN|QUYẾT ĐỊNH|KẾ HOẠCH|CHƯƠNG TRÌNH)"
                  r"\s+(?:SỐ\s+)?([0-9][\w/\-Đđ]*)", title)
    if not m:
        first = re.search(r"^(?:Thực hiện|Căn cứ|Triển khai)\s+((?:Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|"
                          r"Chương trình)(?: hành động)? số \S+ ngày \S+(?: của [^;,]*?)?)(?=\s+[“\"]?về\s|[;,]|$)", text)
        return first.group(1) if first else ""
    number = m.group(2)
    found = re.search(rf"((?:Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|Chương trình)[^;.]{{0,20}}?"
                      rf"{re.escape(number)}[^;]*?)(?:\s+[“\"]?về\s+|;|,\s+(?:UBND|Ủy ban|Uỷ ban)\b|$)", text,
                      re.IGNORECASE)
    return found.group(1).strip(" ,") if found else ""


_NOTICE = re.compile(r"(?i)^nơi nhận\s*:")
# "CHỦ TỊCH" alone, as a Chỉ thị is signed; "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"; "T/M BAN THƯỜNG VỤ BÍ THƯ"
_SIGNATURE = re.compile(r"(?:(?:TM|T/M|KT|TL|TUQ)\.?\s[^a-zđ]{0,60}\s)?(?:PHÓ )?(?:CHỦ TỊCH|BÍ THƯ|GIÁM ĐỐC)")


def _body_end(blocks: list[Block], start: int) -> int:
    """Where the body ends: the recipients' list ("Nơi nhận:"), or a signature with no part of
    the body after it (a Quyết định is signed above the programme it issues)."""
    parts = [i for i, b in enumerate(blocks) if isinstance(b, Para) and re.match(r"[IVX]+\.\s", b.text)]
    for i, block in enumerate(blocks[start:], start):
        if isinstance(block, Table) and block.rows and _NOTICE.match(" ".join(block.rows[0])):
            return i
        if isinstance(block, Para) and (_NOTICE.match(block.text) or (
                _SIGNATURE.fullmatch(block.text.strip()) and (not parts or parts[-1] < i))):
            return i
    return len(blocks)


# --- outline ------------------------------------------------------------------------------------


def _outline(paras: list[Para]) -> Node:
    root = Node("root", "", "", None)
    stack = [root]
    counters: dict[int, int] = {}
    for para in paras:
        kind, label, rest = marker(_para_text(para))
        if not kind:
            stack[-1].body.append(para)
            continue
        node = Node(kind, label, rest, para)
        while len(stack) > 1 and stack[-1].rank >= node.rank:
            stack.pop()
        parent = stack[-1]
        if not label:
            counters[id(parent)] = counters.get(id(parent), 0) + 1
            node.ordinal = counters[id(parent)]
            node.label = str(node.ordinal)
        parent.children.append(node)
        stack.append(node)
    return root


def _walk(node: Node) -> list[Node]:
    out = [node]
    for child in node.children:
        out += _walk(child)
    return out


def _section_title(node: Node) -> str:
    return phrases.plain(node.text)


def _labels(path: list[Node]) -> list[str]:
    """The labels of a path, a number dropped where the next part repeats it ("4", "4.1")."""
    labels = [n.label for n in path]
    return [label for i, label in enumerate(labels)
            if not (i + 1 < len(labels) and labels[i + 1].startswith(label + "."))]


def _source(path: list[Node]) -> str:
    """`III.1.a, ý 2`: the numbers and letters of the parts, then the bullet's place."""
    labels = _labels([n for n in path if n.kind in ("roman", "number", "dotted", "letter")])
    bullets = [n for n in path if n.kind in ("dash", "plus", "bullet")]
    text = ".".join(labels)
    if bullets:
        text += ", ý " + ".".join(str(b.ordinal) for b in bullets)
    return text


# --- reporting ----------------------------------------------------------------------------------


def _reporting(root: Node, draft: Draft) -> None:
    """The sentence that sets the reporting calendar: among those that speak of reporting, the
    one with a period ("định kỳ", "hằng tháng", "6 tháng", "trước ngày"); the last such wins
    ties, as the section on organising the work comes last."""
    best: tuple[int, Node | None, Para | None, list[Node]] = (0, None, None, [])

    def visit(node: Node, path: list[Node]) -> None:
        nonlocal best
        texts = [(node.text, None)] + [(p.text, p) for p in node.body]
        for text, para in texts:
            low = phrases.plain(text)
            if "báo cáo" not in low:
                continue
            score = 1 + 2 * bool(re.search(r"định kỳ|hằng tháng|hằng quý|6 tháng|trước ngày|hằng năm", low))
            score += 2 * (phrases.reporting_calendar(text) is not None) + bool(re.search(r"trước ngày \d", low))
            if score >= best[0]:
                best = (score, node, para, path)
        for child in node.children:
            visit(child, [*path, child])

    visit(root, [])
    score, node, para, path = best
    if node is None or score < 3:
        return
    text = para.text if para else node.text
    sentences = re.split(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ])", text)
    sentence = next((s for s in sentences if "báo cáo" in phrases.plain(s)
                     and phrases.reporting_calendar(s) is not None), text)
    draft.reporting_text = sentence
    article = re.match(r"Điều \d+", text)
    draft.reporting_source = _source(path) or (article.group(0) if article else "—")
    draft.reporting_where = (para or node.para).line if (para or node.para) else 0  # type: ignore[union-attr]
    draft.calendar = phrases.reporting_calendar(sentence)
    m = re.search(r"\((?:qua|thông qua)\s+([^)]+)\)|(?:thông qua|qua)\s+((?:Sở|Ban|Văn phòng|Công an|Trung tâm)[^,;.()]*?)"
                  r"(?=\s+(?:trước|để|về|định kỳ)|[,;.(]|$)", sentence)
    focal = re.search(r"((?:Sở|Ban|Văn phòng|Công an|Trung tâm)[^,;.()]*?)\s+(?:là|làm)\s+(?:cơ quan\s+)?đầu mối", sentence)
    if focal:  # "Giao Sở A làm đầu mối theo dõi, đôn đốc, tổng hợp …"
        draft.focal_name = focal.group(1).strip()
    elif m and not re.match(r"(?i)phòng\b", (m.group(1) or m.group(2)).strip()):
        draft.focal_name = (m.group(1) or m.group(2)).strip()
    else:
        m = re.search(r"(?:về|gửi)\s+((?:Sở|Ban|Văn phòng|Công an|Trung tâm|Bộ Chỉ huy)[^,;.()]*?)"
                      r"(?=\s+(?:để|trước|định kỳ|\()|[,;.(]|$)", sentence)
        if m:
            draft.focal_name = m.group(1).strip()


# --- tasks from tables --------------------------------------------------------------------------


_COLUMNS = {
    "stt": r"^stt$|^số tt$|^tt$",
    "task": r"nhiệm vụ|nội dung|tên (?:đề án|nhiệm vụ)|chỉ tiêu",
    "lead": r"chủ trì|^(?:cơ quan|đơn vị) thực hiện$",  # the second: one column for every body named
    "support": r"phối hợp",
    # when work begins ("Thời gian bắt đầu", "Thời gian thực hiện" over "Từ" | "Đến"): never the
    # deadline, which the column beside it gives (read first, every task fell due when it began)
    "start": r"bắt đầu|khởi công|(?:^|\s)từ$",
    "due": r"thời gian|thời hạn|tiến độ|hoàn thành|(?:^|\s)đến$",
    "product": r"sản phẩm|kết quả",
    "note": r"ghi chú",
    # a table of targets: the unit, and the figure to reach (never a column of what was done:
    # "Thực hiện năm 2025", "Ước thực hiện")
    "unit": r"^đơn vị tính$|^đvt$|^đơn vị$",
    "goal": r"^(?!.*(?:thực hiện|ước|thực tế|hiện trạng|năm trước))(?:.*(?:chỉ tiêu năm|kế hoạch|mục tiêu|phấn đấu)"
            r"|.*năm \d{4}$|\d{4}$)",
}


def _columns(header: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for index, cell in enumerate(header):
        low = phrases.plain(cell)
        for name, pattern in _COLUMNS.items():
            if name not in out and re.search(pattern, low):
                out[name] = index
                break
    return out


def _classify_tables(blocks: list[Block], tables: list[tuple[int, Table]]) -> tuple[list[Table], list[Table]]:
    """Tables that assign work (a task column and a lead column); those under a heading about
    targets (chỉ tiêu) assign targets."""
    tasks: list[Table] = []
    targets: list[Table] = []
    for index, table in tables:
        header, _ = _header_of(table)
        if not header:
            continue
        # its heading: the paragraphs just above it, never beyond the table before it (a table of
        # tasks under "PHỤ LỤC II" read the heading of the targets' table above as its own)
        above: list[str] = []
        for block in reversed(blocks[max(0, index - 4):index]):
            if not isinstance(block, Para):
                break
            above.append(block.text)
        heading = " ".join(reversed(above))
        columns = _columns(header)
        if ("goal" in columns and "lead" not in columns) or re.search(r"chỉ tiêu", phrases.plain(heading)) \
                or re.search(r"chỉ tiêu", phrases.plain(" ".join(header))):
            targets.append(table)
        else:
            tasks.append(table)
    return tasks, targets


def _header_of(table: Table) -> tuple[list[str], set[int]]:
    """The header naming a task column and a lead column: one of the first rows, or two rows
    read together ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"); ([], set()) if none."""
    for index, row in enumerate(table.rows[:3]):
        if index + 1 < len(table.rows) and (spanned := _spanned(row, table.rows[index + 1], table)) is not None:
            return spanned, {index, index + 1}
        if _is_header(_columns(row)):
            below = _joined(row, table.rows[index + 1]) if index + 1 < len(table.rows) else None
            # the row below says more: more columns, or it splits a cell spanning several ("Mục
            # tiêu" over "Năm 2026" | "Năm 2027", read as one, gave the first year's figures only)
            split = below is not None and any(a == b != "" and table.rows[index + 1][i] != table.rows[index + 1][i + 1]
                                              for i, (a, b) in enumerate(itertools.pairwise(row)))
            if below is not None and (len(_columns(below)) > len(_columns(row)) or split):
                return below, {index, index + 1}
            return row, {index}
    for index in range(min(2, len(table.rows) - 1)):
        joined = _joined(table.rows[index], table.rows[index + 1])
        if joined is not None and _is_header(_columns(joined)):
            return joined, {index, index + 1}
    return [], set()


def _spanned(top: list[str], below: list[str], table: Table) -> list[str] | None:
    """A website's two-row header: its top row has one cell spanning the columns the row below
    names ("Mục tiêu" over "Năm 2026" | "Năm 2027"; "Cơ quan thực hiện" over "Chủ trì" | "Phối
    hợp"), and the row below holds only those, the others spanning both rows being left out.
    Which top cell spans them is the one under which the rows' cells fit best; None when the rows
    do not have that shape or no one cell fits best. Read as the top row alone, the columns after
    it slid: a figure became the lead, a partner the deadline."""
    rows = [r for r in table.rows if r and _NUMBERED.fullmatch(r[0].strip())][:8]
    if not rows or len(below) < 2 or len(below) >= len(top) or _NUMBERED.fullmatch((below[0] or "").strip()) \
            or {len(r) for r in rows} != {len(top) - 1 + len(below)}:
        return None
    scored: list[tuple[tuple[int, int], list[str]]] = []
    for at in range(1, len(top)):
        header = [*top[:at], *(clean(f"{top[at]} {cell}") for cell in below), *top[at + 1:]]
        columns = _columns(header)
        if not _is_header(columns):
            continue
        # first, that each lower cell keeps what it names under its top cell ("Chủ trì" under
        # "Cơ quan thực hiện" is the lead; under "Nội dung nhiệm vụ" it would be the task)
        kept = sum(1 for cell in below if (_columns([cell]) or _columns([top[at]])).keys()
                   == _columns([clean(f"{top[at]} {cell}")]).keys())
        score = 0
        for name, column in columns.items():
            for row in rows:
                fit = (1 if re.search(r"\d", row[column]) else 0) if name == "goal" else \
                    _fits(row[column], name) if name in ("lead", "support", "due") else 0
                score += -len(rows) if fit is None else fit
        scored.append(((kept, score), header))
    best = max((score for score, _ in scored), default=None)
    found = [header for score, header in scored if score == best]
    return found[0] if len(found) == 1 else None


def _joined(top: list[str], below: list[str]) -> list[str] | None:
    """Two rows read as one header, cell by cell; None when they cannot be one (widths differ, or
    the lower row is numbered: a first task, not a header's second line)."""
    if len(top) != len(below) or re.fullmatch(r"\d+(?:\.\d+)*\.?|[IVX]+\.?", (below[0] if below else "").strip()):
        return None
    return [clean(f"{a} {b}") if a != b else a for a, b in zip(top, below, strict=True)]


def _is_header(columns: dict[str, int]) -> bool:
    """A table's header: who does which work, or (a table of targets) each target's figure."""
    return columns.keys() >= {"lead", "task"} or columns.keys() >= {"goal", "task"}


def _rows(table: Table) -> tuple[dict[str, int], list[tuple[list[str], int, str]], dict[int, str]]:
    """The table's columns, its rows as (cells, line, kind): "header", "group", "item", "other",
    and what a person must check in a row whose cells were placed by what they say (id(row) →
    message; `_carry_down`)."""
    header, header_rows = _header_of(table)
    columns = _columns(header)
    said = _carry_down(table, columns, len(header), header_rows)
    out = []
    for index, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        texts = [c for c in row if c]
        stt = row[columns["stt"]] if "stt" in columns and columns["stt"] < len(row) else (row[0] if row else "")
        if index in header_rows or row == header or _is_header(_columns(row)):
            out.append((row, line, "header"))
        elif len(set(texts)) == 1 or re.fullmatch(r"[IVX]+\.?|[A-Z]\.?", stt.strip()):
            out.append((row, line, "group"))
        elif re.fullmatch(r"\d+(?:\.\d+)*\.?|[a-zđ][.)]?", stt.strip()):  # "1", "1.2", and "a)" under a "1"
            out.append((row, line, "item"))
        elif re.fullmatch(r"\d+\.?", marker(texts[0] if texts else "")[1] or "") and len(texts) == 1:
            out.append((row, line, "group"))
        else:
            out.append((row, line, "other"))
    # A numbered row that names nobody and no time, with rows numbered under it ("1 | Nội dung 1:
    # Công khai, minh bạch" over "1.1", "1.2"), heads a group: as a task it had no lead.
    # So does one over rows lettered under it ("1 | Cải cách thể chế" over "a", "b"): the letters
    # were rows without a number, kept as notes, and their tasks lost.
    numbers = [_cell(row, columns, "stt").strip(" .)") if kind == "item" else "" for row, _, kind in out]
    # for each row, the number of the next row numbered, and whether a row after it is numbered
    # under its number ("1.2" under "1"): found in one pass from the end (looked for in every row
    # after each row, a table of 20,000 rows took half a minute)
    following, headed = [""] * len(out), [False] * len(out)
    after, heads = "", set()
    for index in range(len(out) - 1, -1, -1):
        following[index], headed[index] = after, numbers[index] in heads
        if numbers[index]:
            after = numbers[index]
            if "." in after:
                heads.add(after.partition(".")[0])
    for index, (row, line, kind) in enumerate(out):
        if kind == "item" and re.fullmatch(r"\d+", numbers[index]) and \
                not any(_cell(row, columns, name).strip() for name in ("lead", "support", "due")) and \
                (headed[index] or re.fullmatch(r"[a-zđ]", following[index])):
            out[index] = (row, line, "group")
    return columns, out, said


_NUMBERED = re.compile(r"\d+(?:\.\d+)*\.?")


def _carry_down(table: Table, columns: dict[str, int], width: int, header_rows: set[int]) -> dict[int, str]:
    """A lead, a deadline or a unit written once for several rows (a cell merged down) belongs
    to each of them: the rows below take it. Word and a PDF mark such cells (Table.merged);
    website text leaves them out of the rows below, which are then shorter than the header and
    are placed by what their cells say (`_place`). Read as they stood, the cells of a short row
    slid left: a partner became the lead and a deadline a new agency, with nothing to check.
    Returns, for each row placed so, what a person must check (id(row) → message)."""
    said: dict[int, str] = {}
    previous: list[str] | None = None
    for index, row in enumerate(table.rows):
        if index in header_rows:
            previous = None
            continue
        if previous is not None and 1 < len(row) < width and _NUMBERED.fullmatch(row[0].strip()):
            said[id(row)] = _place(row, index, table, columns, width, previous)
        elif width and len(row) > width and _NUMBERED.fullmatch(row[0].strip()):
            # more cells than the header names (a header whose spanning cell could not be found)
            said[id(row)] = (f"dòng có {len(row)} ô, tiêu đề bảng có {width} cột: không rõ ô nào thuộc cột nào "
                             f"({_shorten(' | '.join(row[1:]), 160)}); đối chiếu cơ quan chủ trì, phối hợp, thời hạn "
                             "với văn bản")
        own = {columns.get("stt", 0), columns.get("task")}  # a task's number and text are its own
        for column in range(min(len(row), len(previous or []))):
            if column not in own and previous is not None and _DITTO.fullmatch(row[column].strip()):
                row[column] = ""  # "Như trên", "nt": the cell above, as the writer says (it was a new agency "nt")
                table.merged.add((index, column))
            if column not in own and (index, column) in table.merged and previous is not None and not row[column]:
                row[column] = previous[column]
        previous = row if len(row) >= width else None
    return said


_DITTO = re.compile(r"(?i)như trên\.?|\(?-?\s*nt\s*-?\)?|[\"”“〃]+")


@functools.lru_cache(maxsize=4096)  # a short row's placements ask of the same cell and column again and again
def _fits(cell: str, name: str | None) -> int | None:
    """How well a cell fits a column: 1 it says what the column holds (or is empty), 0 it may,
    None it cannot (a deadline among bodies, a body as a deadline)."""
    if not cell:
        return 1
    body = all(names.starts_name(n) for n in names.split_names(cell) or ["-"])
    when = phrases.deadline(cell, 2000).value is not None
    if name in ("lead", "support"):
        return None if when and not body else 1 if body else 0
    if name == "due":
        return None if body and not when else 1 if when else 0
    if name == "stt":
        return 1 if _NUMBERED.fullmatch(cell.strip()) else None
    return 0 if body or when else 1


_PLACEMENTS = 2000

_FIELD_WORDS = {"lead": "cơ quan chủ trì", "support": "cơ quan phối hợp", "due": "thời hạn", "product": "sản phẩm",
                "note": "ghi chú", "unit": "đơn vị tính", "goal": "chỉ tiêu"}


def _place(row: list[str], index: int, table: Table, columns: dict[str, int], width: int,
           previous: list[str]) -> str:
    """Places a short row's cells in their columns (in place), leaving empty and marked merged
    the columns the row above carries, and says what a person must check. A row's number and
    text are its own; every placement of the rest that fits best is tried: a column they agree on
    is filled, one they disagree on is left empty and said (a name could be the lead or a
    partner: never guessed)."""
    by_column = {column: name for name, column in columns.items()}
    own = {columns.get("stt", 0), columns.get("task", -1)}
    given, shown = len(row), _shorten(" | ".join(c or "(trống)" for c in row[1:]), 160)
    best: list[list[str | None]] = []
    top = -1
    free = [c for c in range(width) if c not in own]
    # a few columns left out of a row of a few more; a row of 3 cells in a table of 30 columns has
    # millions of placements, none of them to be trusted: said, not tried
    if -1 not in own and math.comb(len(free), width - given) <= _PLACEMENTS:
        for missing in itertools.combinations(free, width - given):
            cells: list[str | None] = []
            rest = iter(row)
            score = 0
            for column in range(width):
                cell = None if column in missing else next(rest)
                fit = 1 if cell is None else _fits(cell, by_column.get(column))
                if fit is None:
                    break
                score += fit
                cells.append(cell)
            else:
                if score > top:
                    best, top = [cells], score
                elif score == top:
                    best.append(cells)
    if not best:
        text_at = columns.get("task", -1)
        # its text stays where nothing can have been left out before it
        kept = row[text_at] if 0 < text_at < given and all(c in own for c in range(text_at)) else ""
        row[:] = [row[0]] + [""] * (width - 1)
        if kept:
            row[text_at] = kept
        return (f"dòng có {given} ô, bảng có {width} cột: không rõ ô nào thuộc cột nào ({shown}); ghi nội dung, cơ "
                "quan chủ trì, phối hợp, thời hạn theo văn bản")
    placed: list[str] = []
    carried, unsure = [], []
    for column in range(width):
        choices = {cells[column] for cells in best}
        word = _FIELD_WORDS.get(by_column.get(column, ""), f"cột {column + 1}")
        choice = choices.pop() if len(choices) == 1 else ""
        if choice is None:
            table.merged.add((index, column))
            carried.append(f"{word} ({previous[column] or 'trống'})")
        elif len(choices) > 0:
            unsure.append(word)
        placed.append(choice or "")
    row[:] = placed
    if unsure:
        taken = f"; đã lấy {', '.join(carried)} của dòng trên" if carried else ""
        return (f"dòng có {given} ô, bảng có {width} cột (ô gộp với dòng trên): không rõ {', '.join(unsure)} là ô "
                f"nào ({shown}) hay lấy của dòng trên{taken}; ghi theo văn bản")
    return f"dòng có {given} ô, bảng có {width} cột (ô gộp với dòng trên): đã lấy {', '.join(carried)} của dòng trên"


def _row_bodies(row: list[str], columns: dict[str, int]) -> tuple[list[str], list[str]]:
    """A row's lead and partners: those its lead cell names (`_bodies_in`), then its partners' cell."""
    lead, partners = _bodies_in(_cell(row, columns, "lead"))
    return lead, partners + names.split_names(_cell(row, columns, "support"))


def _bodies_in(cell: str) -> tuple[list[str], list[str]]:
    """The lead and the partners one cell names: "Sở A (chủ trì); Sở B" and "Sở A chủ trì, phối hợp
    Sở B" name both (read whole, the second became one body "Sở A chủ trì, phối hợp Sở B", added to
    the directory); a cell of bodies alone names the leads."""
    if re.search(r"(?i)\(\s*chủ trì\s*\)", cell):
        lead: list[str] = []
        support: list[str] = []
        for name in names.split_names(cell):
            bare = re.sub(r"(?i)\s*\(\s*(?:chủ trì|phối hợp)\s*\)", "", name).strip()
            (lead if re.search(r"(?i)\(\s*chủ trì\s*\)", name) else support).append(bare)
        return lead, support
    chairs = _CLOSING_CHAIRS.match(cell.strip(" .;"))
    if chairs and all(names.starts_name(n) for n in names.split_names(chairs.group(1))):
        return names.split_names(chairs.group(1)), names.split_names(chairs.group(2) or "")
    return names.split_names(cell), []


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else ""


_EXTRA_WORDS = {"start": "Bắt đầu", "product": "Sản phẩm", "note": "Ghi chú"}  # cells kept in ingest.md


def _tasks_from_table(table: Table, draft: Draft, label: str) -> None:
    columns, rows, said = _rows(table)
    group: DraftGroup | None = None
    outer: DraftGroup | None = None  # the group above a numbered row that heads rows of its own ("1" over "a", "b")
    alone: DraftGroup | None = None  # a row of that row's level standing as a group of its own
    part = ""  # "A. NHIỆM VỤ CHUNG", "B. NHIỆM VỤ CỤ THỂ": the part above roman groups
    for row, line, kind in rows:
        if kind == "header":
            draft.roles[id(row)] = "heading"
            continue
        if kind == "group":
            text = next(c for c in row if c)
            _, group_label, title = marker(text)
            if not group_label and (part_row := re.match(r"([A-HĐ])\.\s+(\S.*)", text)):
                group_label, title = part_row.groups()  # "A. NHIỆM VỤ CHUNG" in one merged cell
            if not group_label:
                first = row[columns.get("stt", 0)].strip(". ")
                group_label, title = (first, next((c for c in row[1:] if c), text)) if first else \
                    (str(len(draft.groups) + 1), text)
            if re.fullmatch(r"[A-HĐ]", group_label):
                part = group_label
            elif part and re.fullmatch(r"[IVX]+", group_label):
                group_label = f"{part}.{group_label}"  # "B.I": the document's own numbering
            group = DraftGroup(group_label, title)
            draft.groups.append(group)
            if not group_label.isdigit():
                outer = group
            draft.roles[id(row)] = "heading"
            continue
        if kind != "item":
            draft.notes.append((line, " | ".join(c for c in row if c)))
            draft.roles[id(row)] = "note"
            draft.reviews.append(Review("ingest-row", "một dòng của bảng nhiệm vụ không có số thứ tự: giữ làm ghi "
                                        f"chú, không thành nhiệm vụ ({_shorten(' | '.join(c for c in row if c))})",
                                        f"{label}, {line}"))
            continue
        stt = _cell(row, columns, "stt").strip(". )")
        text = _cell(row, columns, "task")
        # "3" after "2 | Cải cách thể chế" over "a", "b": a row of the level above, not a third task
        # of group 2 (it stood there, under a title that is not its own). Under a roman group it
        # goes back to it; with none above, it stands as the rows heading groups do: a group of
        # its own, by its number and text.
        if group is not None and (_ends_its_head(group, stt, draft) or (group is alone and _ends_alone(group, stt, draft))):
            group = outer
            if group is None:
                group = alone = DraftGroup(stt, re.sub(r"^[-–]\s*", "", text))
                draft.groups.append(group)
        if group is None:
            group = outer = DraftGroup("1", draft.title or "Nhiệm vụ")
            draft.groups.append(group)
        lead, support = _row_bodies(row, columns)
        lettered = bool(re.fullmatch(r"[a-zđ]", stt))  # "a" under the group "1" is the document's "1.a"
        task = DraftTask(
            id=f"{group.id}.{stt}" if lettered else stt,
            source=f"{label}, mục {group.id}, STT {stt}" if lettered else f"{label}, STT {stt}",
            text=re.sub(r"^[-–]\s*", "", text),
            lead_names=lead, support_names=support, due_phrase=_cell(row, columns, "due"), where=line,
            placed=said.get(id(row), ""))
        task.extra = "; ".join(f"{_EXTRA_WORDS[name]}: {_cell(row, columns, name)}"
                               for name in ("start", "product", "note") if _cell(row, columns, name))
        group.tasks.append(task)
        draft.roles[id(row)] = "task"


def _ends_its_head(group: DraftGroup, stt: str, draft: Draft) -> bool:
    """Whether a row numbered `stt` comes after the rows a numbered row headed ("1" over "1.a",
    "1.b" or "1.1", "1.2"): a number of its own (_ends_alone), not one of them."""
    return (group.id.isdigit() and bool(group.tasks) and all(t.id.startswith(f"{group.id}.") for t in group.tasks)
            and _ends_alone(group, stt, draft))


def _ends_alone(group: DraftGroup, stt: str, draft: Draft) -> bool:
    """Whether a row numbered `stt` is the next of the level a row standing alone as its group
    is of ("3" then "4"), not a row under it ("3.1"), nor a group's id already."""
    return stt.isdigit() and stt != group.id and not any(g.id == stt for g in draft.groups)


def _qualify_ids(draft: Draft) -> None:
    """Rows numbered afresh in each group ("I" 1, 2; "II" 1, 2) are named by their group as the
    document does ("I.1", "B.II.2"): as written, two tasks had the id "1" and the draft was refused."""
    ids = [task.id for group in draft.groups for task in group.tasks]
    if len(ids) == len(set(ids)):
        return
    for group in draft.groups:
        for task in group.tasks:
            if not task.id.startswith(f"{group.id}."):
                task.id = f"{group.id}.{task.id}"
                task.source = task.source.replace(", STT ", f", mục {group.label or group.id}, STT ", 1)


# --- tasks from prose ---------------------------------------------------------------------------


_TASK_SECTION = re.compile(r"nhiệm vụ|giải pháp|phân công|nội dung thực hiện|các hoạt động")
_DUTY_SECTION = re.compile(r"tổ chức thực hiện|trách nhiệm thực hiện")
_FIELD = re.compile(r"(?i)^(?:[-–+]\s*)?(?:[a-zđ]\)\s*)?(cơ quan|đơn vị)\s+(chủ trì|phối hợp|thực hiện)[^:]*:\s*(.*)$")
_DUE_FIELD = re.compile(
    r"(?i)^(?:[-–+]\s*)?(?:[a-zđ]\)\s*)?(?:thời gian|thời hạn|tiến độ)(?: thực hiện| hoàn thành)?\s*:\s*(.*)$")
_TASK_FIELD = re.compile(r"(?i)^(?:[-–+]\s*)?(?:[a-zđ]\)\s*)?(?:nhiệm vụ|nội dung)(?: thực hiện)?\s*:\s*(.*)$")


def _tasks_from_prose(root: Node, draft: Draft) -> None:
    sections = [n for n in root.children if n.kind == "roman"]
    task_sections = [s for s in sections if _TASK_SECTION.search(_section_title(s))
                     and not _DUTY_SECTION.search(_section_title(s)) and _assigns(s)]
    duty = [s for s in sections if _DUTY_SECTION.search(_section_title(s))]
    if len(task_sections) > 1:  # "nội dung trọng tâm" names no one; the section that assigns does
        assigning = [s for s in task_sections if _assigns(s, strict=True)]
        task_sections = assigning or task_sections[-1:]
    if not task_sections and duty:
        task_sections, duty = duty, []
    named = [c for c in root.children if names.names_at_start(c.text)[0]]
    if not task_sections and not sections and len(named) >= max(2, len(root.children) / 2):
        task_sections = [root]  # a Chỉ thị: "1. Sở A:", "2. Sở B: …" with no part above them
        _detach_closing(root, draft)
    fields = any(_has_fields(s) for s in task_sections)
    draft.layout = "fields" if fields else "prose"
    for section in task_sections:
        for group_node in section.children or [section]:
            group = DraftGroup(group_node.label if group_node is not section else section.label,
                               _group_title(group_node))
            draft.groups.append(group)
            _mark(group_node, draft, "heading")
            _collect(group_node, [section, group_node] if group_node is not section else [section], draft, group,
                     inherited=names.names_at_start(group_node.text)[0] if _is_agency_heading(group_node) else [],
                     top=True)
    # "Tổ chức thực hiện" distributes standing duties when it names several agencies' work.
    for section in duty:
        items = [c for c in section.children if names.names_at_start(c.text)[0]
                 or names.names_at_start(re.sub(r"^Đề nghị\s+", "", c.text))[0]]
        if len(items) >= 3 and len(items) >= len(section.children) / 2:
            group = DraftGroup(section.label, section.text[:1] + section.text[1:].lower())
            draft.groups.append(group)
            _mark(section, draft, "heading")
            for child in section.children:
                _collect(child, [section, child], draft, group, inherited=_lead_of(child.text), top=True,
                         id_prefix=section.label)
        elif section.children:
            draft.alternative = (f"mục {section.label} ({section.text.capitalize()}) có {len(section.children)} "
                                 "ý giao việc theo dõi, báo cáo: giữ làm ghi chú, không tính là nhiệm vụ")


def _detach_closing(root: Node, draft: Draft) -> None:
    """A Chỉ thị ends with a paragraph to every body ("Yêu cầu … định kỳ hằng quý báo cáo …")
    that the outline hangs under its last point: it is the document's calendar, kept as a note,
    never a task of that point's agency (nor joined to its text)."""
    last = root
    while last.children:
        last = last.children[-1]
    for para in [p for p in last.body if p.line and p.line == draft.reporting_where]:
        last.body.remove(para)
        draft.roles[id(para)] = "note"
        draft.notes.append((para.line, para.text))


def _group_title(node: Node) -> str:
    head, colon, rest = node.text.partition(":")
    if colon and rest.strip() and len(head) < 200 and names.names_at_start(head)[0]:
        return head.strip()  # "3. Sở A: Đưa kết quả …" (one paragraph): the group is Sở A's
    return node.text.rstrip(":").strip()


def _assigns(section: Node, strict: bool = False) -> bool:
    """A section assigns work when some of its parts name a body (as a heading, as the start of
    a point, in a lead field); a section of aims or content that names no one does not."""
    for node in _walk(section)[1:]:
        if _is_agency_heading(node) or _has_fields(node):
            return True
        if not strict and names.names_at_start(node.text)[0] and re.search(r"chủ trì", node.text[:200]):
            return True
        if not strict and node.rank <= _RANK["number"] and _named_colon(node.text):
            return True  # "1. Sở A: Rà soát …": a point that gives its body the work after the colon
        if (closing := _closing_fields(node.text)) is not None and closing[0]:
            return True
    return False


def _named_colon(text: str) -> bool:
    """"Sở A: …", "Sở A, Sở B: …": bodies, a colon, then their work."""
    head, colon, _ = text.partition(":")
    return bool(colon) and len(head) < 240 and bool(names.names_at_start(text)[0]) and \
        all(names.starts_name(n) for n in names.split_names(head))


def _has_fields(node: Node) -> bool:
    return any(_FIELD.match(p.text) for p in node.body) or any(_FIELD.match(c.text) or
                                                                _FIELD.match(f"- {c.text}") for c in node.children)


def _is_agency_heading(node: Node) -> bool:
    """"1. Sở A", "a) Các cơ quan A và B:", "b) Sở B chủ trì tham mưu,
    đề xuất:": a part whose text is the bodies that do what follows."""
    found, rest = names.names_at_start(node.text)
    if not found:
        return False
    rest = rest.strip()
    return (not rest or (node.text.rstrip().endswith(":") and len(node.text) < 240)
            or (bool(re.fullmatch(r"(?i)chủ trì[^.;]*:?", rest)) and len(rest) < 200))


def _lead_of(text: str) -> list[str]:
    text = re.sub(r"^Đề nghị\s+", "", text)
    return names.names_at_start(text)[0]


def _mark(node: Node, draft: Draft, role: str) -> None:
    if node.para is not None:
        draft.roles[id(node.para)] = role


def _collect(node: Node, path: list[Node], draft: Draft, group: DraftGroup, inherited: list[str],
             top: bool = False, id_prefix: str = "", inherited_support: list[str] | None = None) -> None:
    """The tasks under `node`: its bullets if it has them, else itself (its text or its body).
    A heading's lead, and the partners it names ("Sở A chủ trì, phối hợp với Sở B:"), go to
    every point under it that names none of its own."""
    heading = _is_agency_heading(node)
    lead = (names.names_at_start(node.text)[0] if heading else []) or inherited
    support_heading = (names.partners(names.names_at_start(node.text)[1]) if heading else []) \
        or list(inherited_support or [])
    field_task = _field_task(node, path, draft, group, lead)
    if field_task:
        return
    if node.children:
        for child in node.children:
            if child.children:
                _mark(child, draft, "heading")
            _collect(child, [*path, child], draft, group, lead, id_prefix=id_prefix, inherited_support=support_heading)
        for para in node.body:
            draft.roles[id(para)] = "note"
            draft.notes.append((para.line, para.text))
        if not top:
            _mark(node, draft, "heading")
        return
    if top and not node.body and heading:
        _mark(node, draft, "heading")
        return
    if heading and node.body:  # "b) Sở A" then its paragraph(s): one task each
        _mark(node, draft, "heading")
        for index, para in enumerate(node.body, 1):
            suffix = f", ý {index}" if len(node.body) > 1 else ""
            _add_task(draft, group, path, para.text, lead, names.partners(para.text) or support_heading, para.line,
                      suffix=suffix,
                      number=index if len(node.body) > 1 else 0, id_prefix=id_prefix)
            draft.roles[id(para)] = "task"
        return
    text = node.text if not node.body else " ".join([node.text, *(p.text for p in node.body)])
    closing = _closing_fields(text)  # "… (Cơ quan chủ trì: Sở A; thời gian: Quý II/2026)."
    if closing is not None and (closing[0] or lead):  # under "1. Sở A:", "… (thời gian: Quý II/2026)" too
        own, partners_named, due = closing
        _add_task(draft, group, path, text, own or lead, partners_named or ([] if own else support_heading),
                  node.para.line if node.para else 0, due_phrase=due, id_prefix=id_prefix)
        _mark(node, draft, "task")
        for para in node.body:
            draft.roles[id(para)] = "task"
        return
    own_lead, rest = names.names_at_start(re.sub(r"^Đề nghị\s+", "", text))
    task_lead = own_lead or lead
    if not task_lead and top:  # a point of a section that names no one: not a task
        _mark(node, draft, "note")
        draft.notes.append((node.para.line if node.para else 0, text))
        return
    support = names.partners(rest if own_lead else text) or (support_heading if not own_lead else [])
    _add_task(draft, group, path, text, task_lead, support, node.para.line if node.para else 0,
              id_prefix=id_prefix)
    _mark(node, draft, "task")
    for para in node.body:
        draft.roles[id(para)] = "task"


_CLOSING = re.compile(r"\(([^()]{4,400})\)\s*[.;]?\s*$")
_CLOSING_LEAD = re.compile(r"(?i)^(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện)\s*:\s*(.+)$")
_CLOSING_SUPPORT = re.compile(r"(?i)^(?:(?:cơ quan|đơn vị)\s+)?phối hợp\s*:\s*(.+)$")
_CLOSING_DUE = re.compile(r"(?i)^(?:thời gian|thời hạn|tiến độ)(?: thực hiện| hoàn thành)?\s*:\s*(.+)$")
_CLOSING_CHAIRS = re.compile(r"(?i)^(.+?)\s+chủ trì(?:\s*,?\s*phối hợp(?: với)?\s+(.+))?$")
_CLOSING_WHEN = re.compile(r"(?i)^(?:hoàn thành|thực hiện|xong)\s+(.+)$")


def _closing_fields(text: str) -> tuple[list[str], list[str], str] | None:
    """The lead, partners and time a point states in a closing parenthesis, as many plans write
    them: "… (Cơ quan chủ trì: Sở A; cơ quan phối hợp: Sở B; thời gian hoàn thành: Quý II/2026)",
    "… (Sở A chủ trì, phối hợp với Sở B; hoàn thành trong tháng 9/2026)", or only some of them
    ("(thời gian: Quý II/2026)" under a heading naming the lead). None when the parenthesis
    states none (it is then part of the text, as "(PCI)" is)."""
    closing = _CLOSING.search(text)
    if closing is None:
        return None
    lead: list[str] = []
    support: list[str] = []
    due = ""
    for part in (p.strip(" .,") for p in closing.group(1).split(";")):
        if m := _CLOSING_LEAD.match(part):
            lead += names.split_names(m.group(1))
        elif m := _CLOSING_SUPPORT.match(part):
            support += names.split_names(m.group(1))
        elif m := _CLOSING_DUE.match(part):
            due = m.group(1).strip()
        elif (m := _CLOSING_CHAIRS.match(part)) and all(names.starts_name(n) for n in names.split_names(m.group(1))):
            lead += names.split_names(m.group(1))
            support += names.split_names(m.group(2) or "")
        elif m := _CLOSING_WHEN.match(part):
            due = part
    return (lead, support, due) if lead or support or due else None


def _field_task(node: Node, path: list[Node], draft: Draft, group: DraftGroup, lead: list[str]) -> bool:
    """An item with its own lines "a) Nhiệm vụ: …", "- Đơn vị chủ trì: …", "- Đơn vị phối hợp:
    …", "c) Thời gian thực hiện: …": one task, its text the work part (with its bullets)."""
    parts = node.children
    everything = [n for c in parts for n in _walk(c)]
    holders = [c for c in parts if c.kind == "letter" and re.match(r"(?i)(?:cơ quan|đơn vị)", c.text)]
    has_lead = any(_FIELD.match(c.text) for c in parts) or any(_FIELD.match(p.text) for p in node.body) or \
        any(_FIELD.match(g.text) for h in holders for g in h.children)
    if not has_lead:
        return False
    work: list[str] = []  # the "Nhiệm vụ" part: its words, then its bullets
    lead_names: list[str] = []
    support_names: list[str] = []
    due = ""
    for n in everything + [Node("", "", p.text, p) for p in node.body]:
        if m := _FIELD.match(n.text):
            (lead_names if m.group(2).lower() in ("chủ trì", "thực hiện") else support_names).extend(
                names.split_names(m.group(3)))
        elif m := _DUE_FIELD.match(n.text):
            due = m.group(1)
        elif m := _TASK_FIELD.match(n.text):
            work += [m.group(1)] if m.group(1) else []
        elif any(n is h for h in holders):
            pass  # "b) Cơ quan thực hiện:" holds the two field lines
        elif n.kind == "dash":
            work.append(f"- {n.text}" if work else n.text)  # the text starts at the first bullet's words
        else:
            work.append(n.text)
        if n.para is not None:
            draft.roles[id(n.para)] = "task"
    _mark(node, draft, "heading")
    task = _add_task(draft, group, path, " ".join(work), lead_names or lead, support_names,
                     node.para.line if node.para else 0, due_phrase=due, whole_node=True)
    task.lead_names = lead_names or lead
    return True


def _add_task(draft: Draft, group: DraftGroup, path: list[Node], text: str, lead: list[str], support: list[str],
              line: int, suffix: str = "", number: int = 0, due_phrase: str = "", whole_node: bool = False,
              id_prefix: str = "") -> DraftTask:
    labels = _labels(path[1:])  # below the section
    if id_prefix:
        labels = [id_prefix, *labels]
    if number:
        labels.append(str(number))
    task_id = ".".join(labels) or group.id
    inferred = ""
    if not whole_node and not due_phrase:
        due_phrase = _due_in_text(text)
        inferred = "" if due_phrase else _period_in_text(text, draft.issued.year if draft.issued else 0)
    task = DraftTask(task_id, _source(path) + suffix, text, list(lead), list(support), due_phrase or inferred, line,
                     inferred=bool(inferred))
    group.tasks.append(task)
    return task


def _period_in_text(text: str, issued: int) -> str:
    """The period a task's text says its work covers ("… giai đoạn 2022 - 2025 …", "… đến năm
    2030"), as a range from the document's year: a proposal for a person to confirm. A period
    that began before the document ("Đề án … giai đoạn 2020 - 2025") names another document."""
    for m in re.finditer(r"(?i)giai đoạn (\d{4})\s*-\s*(\d{4})", text):
        if int(m.group(1)) >= issued:
            return f"giai đoạn {m.group(1)} - {m.group(2)}"
    until = re.search(r"(?i)đến năm (\d{4})", text)
    if until and issued and int(until.group(1)) > issued:
        return f"giai đoạn {issued} - {until.group(1)}"
    return ""


def _due_in_text(text: str) -> str:
    """A deadline a task's own sentence sets: "hoàn thành trước ngày 15/7/2021", "trong năm
    2026", "trong Quý II/2026"; a date that dates another document is not one."""
    m = re.search(r"(?i)(hoàn thành|xong|thực hiện|ban hành|trình)\s+(trước ngày \d{1,2}/\d{1,2}(?:/\d{4})?|"
                  r"trong (?:năm \d{4}|quý [IV]+/\d{4}|tháng \d{1,2}/\d{4})|"
                  r"(?:trong )?giai đoạn \d{4}\s*-\s*\d{4})", text)
    if m:
        return m.group(2)
    # "gửi phương án … về Sở A trước ngày 30/6/2026", "…, hoàn thành trước tháng 9/2026"
    m = re.search(r"(?i)\b(?:hoàn thành|xong|ban hành|trình|gửi|báo cáo)\b[^.;]{0,80}?\s(trước ngày \d{1,2}/\d{1,2}/\d{4}|"
                  r"trước (?:tháng \d{1,2}/\d{4}|quý [IV]+/\d{4}))", text)
    return m.group(1) if m else ""


# --- targets --------------------------------------------------------------------------------------


def _targets_from_table(table: Table, draft: Draft, label: str) -> None:
    columns, rows, said = _rows(table)
    year = draft.issued.year if draft.issued else 2000
    header = _header_of(table)[0]  # two rows read as one: "Mục tiêu" over "Năm 2026" | "Năm 2027"
    named = re.findall(r"\d{4}", _cell(header, columns, "goal"))  # "Chỉ tiêu năm 2026": the year the figures are for
    goal_year = int(named[-1]) if named else None
    # "Năm 2026" | "Năm 2027": a figure for each year, each its own target (only the first was
    # read, and the later years' figures were dropped with nothing said)
    by_year = {int(re.findall(r"\d{4}", cell)[-1]): index for index, cell in enumerate(header)
               if re.search(_COLUMNS["goal"], phrases.plain(cell)) and re.search(r"\d{4}", cell)}
    figures = list(by_year.items()) if len(by_year) > 1 else [(goal_year, columns.get("goal"))]
    group_title = ""
    group_label = ""
    for row, line, kind in rows:
        if kind == "header":
            draft.roles[id(row)] = "heading"
            continue
        if kind == "group":
            text = " ".join(c for c in row if c)
            years = re.findall(r"\d{4}", text)
            year = int(years[-1]) if years else year
            group_title = text
            group_label = row[columns.get("stt", 0)].strip(". ") if row else ""
            draft.roles[id(row)] = "heading"
            continue
        if kind != "item":
            draft.notes.append((line, " | ".join(c for c in row if c)))
            draft.roles[id(row)] = "note"
            continue
        stt = _cell(row, columns, "stt").strip(". ")
        text = re.sub(r"^[-–]\s*", "", _cell(row, columns, "task"))
        lead, support = _row_bodies(row, columns)
        for figure_year, column in figures:
            # the figure in a column of its own ("Chỉ tiêu năm 2026": "≥ 98", unit "%"), else in the text
            given = row[column] if column is not None and column < len(row) else ""
            if len(figures) > 1 and not re.search(r"\d", given):
                continue  # no figure for that year ("-")
            figure = " ".join(c for c in (given, _cell(row, columns, "unit")) if c.strip())
            target = DraftTarget(
                id=f"{figure_year or year}.{stt.split('.')[-1]}",
                source=f"{label}, {group_label + '.' if group_label else ''}{stt}"
                       + (f", {header[column]}" if len(figures) > 1 and column is not None else ""),
                text=text, lead_names=lead, support_names=support,
                due_phrase=_cell(row, columns, "due") or (f"năm {figure_year}" if figure_year else ""), where=line,
                goal=phrases.goal(figure) if "goal" in columns else phrases.goal(text), placed=said.get(id(row), ""))
            if group_title and re.search(r"(?i)hằng năm|hàng năm", target.due_phrase):
                first = draft.issued.year if draft.issued else year
                target.due = {"annual": {"from": first, "to": year}}
            draft.targets.append(target)
            if "lead" in columns and not lead:
                draft.reviews.append(Review("ingest-no-lead", "văn bản không nêu cơ quan chủ trì chỉ tiêu này; ghi cơ "
                                            "quan chủ trì", f"{label}, {line}", target.id, "lead"))
        draft.roles[id(row)] = "target"


def _targets_from_objectives(root: Node, draft: Draft) -> None:
    """Targets stated as points of "Mục tiêu cụ thể": each point with a figure and a year; a point
    without a year takes the plan's, when its title names one year or its first is the year it
    was issued in ("năm 2026 và năm 2027", issued in 2026), marked for review."""
    titled = [int(y) for y in re.findall(r"\b(?:năm|NĂM)\s+(\d{4})\b", draft.title)]
    issued = draft.issued.year if draft.issued else None
    plan_year = titled[0] if titled and (len(set(titled)) == 1 or titled[0] == issued) else None

    def states_targets(node: Node) -> bool:
        return node.kind in ("roman", "number", "dotted") and bool(re.search(r"mục tiêu cụ thể|chỉ tiêu",
                                                                              _section_title(node)))

    # the innermost part titled so ("II. MỤC TIÊU, CHỈ TIÊU" over "2. Chỉ tiêu": the latter), its
    # points and its paragraphs ("II. CHỈ TIÊU" followed by sentences without a mark)
    holders = [n for n in _walk(root) if states_targets(n)]
    for node in [n for n in holders if not any(d is not n and states_targets(d) for d in _walk(n))]:
        points: list[tuple[Node, str, Para | None, str]] = [(child, child.text, child.para, "")
                                                             for child in _walk(node)[1:] if not child.children]
        points += [(node, para.text, para, f", đoạn {n}") for n, para in enumerate(node.body, 1)]
        for child, text, para, paragraph in points:
            goal = phrases.goal(re.sub(r"^[^:]{0,40}\d{4}\s*:", "", text))
            years = re.findall(rf"{phrases.NOT_A_BASELINE}năm (\d{{4}})", text)  # the years it is for
            first = int(years[0]) if years else plan_year
            if goal is None or first is None:
                continue
            # "năm 2026 đạt 98%, năm 2027 đạt 100%": a target for each year (the later were dropped)
            each = phrases.goals_by_year(text) or [(first, goal)]
            for year, read in each:
                number = sum(1 for t in draft.targets if t.id.startswith(f"{year}.")) + 1
                where = para.line if para else 0
                source = _source(_path_to(root, child)) + paragraph
                target = DraftTarget(f"{year}.{number}", source, text, [], [], f"năm {year}" if years else "", where,
                                     goal=read)
                target.due = year
                if not years:  # a plan for a year states its targets without it ("Tỷ lệ … đạt trên 98%")
                    draft.reviews.append(Review("ingest-target-year", f"chỉ tiêu không nêu năm: tạm ghi {year}, năm "
                                                "tên kế hoạch nêu; đối chiếu văn bản", f"{target.source}, {where}",
                                                target.id, "year"))
                draft.targets.append(target)
            if para is not None:
                draft.roles[id(para)] = "target"


def _path_to(root: Node, target: Node) -> list[Node]:
    def find(node: Node, path: list[Node]) -> list[Node] | None:
        if node is target:
            return path
        for child in node.children:
            found = find(child, [*path, child])
            if found:
                return found
        return None

    return find(root, []) or []


# --- coverage -------------------------------------------------------------------------------------


def _account(blocks: list[Block], draft: Draft, doc: Document) -> None:
    """Every paragraph and row has a role; what has none is kept as a note."""
    units = 0
    for block in blocks:
        if isinstance(block, Table):
            for row, line in zip(block.rows, block.lines, strict=True):
                units += 1
                if id(row) not in draft.roles and id(block) not in draft.roles:
                    draft.notes.append((line, " | ".join(c for c in row if c)))
                    draft.roles[id(row)] = "note"
        else:
            units += 1
            if id(block) not in draft.roles:
                draft.roles[id(block)] = "reporting" if block.text and block.text in draft.reporting_text else "note"
                if block.line and draft.roles[id(block)] == "note":
                    draft.notes.append((block.line, block.text))
    draft.units = units
    draft.covered = sum(1 for b in blocks if isinstance(b, Para) and id(b) in draft.roles) + sum(
        1 for b in blocks if isinstance(b, Table) for row in b.rows if id(row) in draft.roles or id(b) in draft.roles)
    draft.notes.sort(key=lambda n: n[0])
