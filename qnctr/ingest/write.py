"""A parsed plan into the register: agencies resolved against the directory (new ones added,
marked to confirm), deadlines read from their phrases, the programme's YAML written in the
shipped register's style (`>-` texts, one field a line) with a `# KIỂM TRA:` comment on every
field a person must check, and each such field listed as a `file:line` review item."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..document import REVIEW_MARK
from ..errors import QnctrError
from ..load import AGENCIES_FILE, PROGRAMMES_DIR, TARGETS_FILE, TASKS_FILE
from ..model import Agency, validate
from . import names, phrases
from .parse import Draft, Review
from .source import Document

WIDTH = 92


@dataclass(slots=True)
class Outcome:
    files: dict[Path, str] = field(default_factory=dict)  # what would be written
    appended_agencies: list[Agency] = field(default_factory=list)
    reviews: list[tuple[str, int, Review]] = field(default_factory=list)  # (file, line, review)
    key: str = ""
    summary: dict[str, Any] = field(default_factory=dict)


def _kind_of(name: str) -> str:
    """The kind of a body a plan names, by the words it starts with."""
    text = phrases.plain(name)
    if re.match(r"^(?:các|những)\s", text) or re.search(r"(?:sở|ban|ngành|đơn vị|địa phương),", text):
        return "group"
    if re.search(r"\b(?:tỉnh|thành|đảng) (?:ủy|uỷ)\b", text):  # a body of a Party committee, whatever its first word
        return "party"
    rules = [(r"^(?:ủy|uỷ) ban nhân dân (?:các )?(?:xã|phường)|^ubnd (?:các )?(?:xã|phường)", "group"),
             (r"^sở\b", "department"), (r"^ban\b", "board"), (r"^trung tâm", "centre"), (r"^văn phòng", "office"),
             (r"^(?:công an|bộ chỉ huy|bộ đội)", "armed-force"),
             (r"^(?:hội|hiệp hội|liên minh|liên đoàn)\b", "association"),
             (r"^(?:thuế|kho bạc|ngân hàng|chi cục|cục|kiểm toán|viện kiểm sát|tòa án|toà án|bảo hiểm)", "central-branch"),
             (r"^(?:tỉnh ủy|tỉnh uỷ|thành ủy|đảng ủy|cấp ủy)", "party"), (r"^(?:hđnd|hội đồng|thường trực)", "council"),
             (r"^(?:ủy ban|uỷ ban|ubnd)", "government"), (r"^(?:trường|đại học)", "school")]
    for pattern, kind in rules:
        if re.search(pattern, text):
            return kind
    return "department" if text.startswith("sở") else "board"


def _slug(name: str, taken: set[str]) -> str:
    from ..register import programme_key

    base = programme_key(names.key(name).replace(" ", "-"))[:60].strip("-") or "co-quan"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def read_agencies(register: Path) -> tuple[dict[str, Agency], str]:
    """The register's directory and its text ({}, "" for a new register)."""
    path = register / AGENCIES_FILE
    if not path.is_file():
        return {}, ""
    import yaml

    text = path.read_text(encoding="utf-8-sig")  # the BOM, if any, is kept by in_form_of when written
    try:
        items = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
    except yaml.YAMLError:
        raise QnctrError(f"{path}: không đọc được danh mục cơ quan; chạy 'qnctr validate' để xem lỗi") from None
    agencies: dict[str, Agency] = {}
    for item in items if isinstance(items, list) else []:
        try:
            agency = validate(Agency, item)
        except (ValueError, TypeError):
            continue
        agencies[agency.id] = agency
    return agencies, text


def build(doc: Document, draft: Draft, register: Path, key: str, today: date) -> Outcome:
    agencies, agencies_text = read_agencies(register)
    on = draft.issued or today
    resolver = names.Resolver(agencies, on)
    taken = set(agencies)
    added: dict[str, Agency] = {}
    out = Outcome(key=key)
    reviews: list[Review] = [dataclasses.replace(r, source=doc.where(int(r.source.rsplit(", ", 1)[1])))
                             for r in draft.reviews]

    def spelled(agency: Agency, name: str) -> None:
        """Another spelling of a new agency's name: the full name wins over an abbreviation
        (`KH&CN`), the other spelling is kept as an alias."""
        name = name[:1].upper() + name[1:]
        if name == agency.name or name in agency.aliases:
            return
        if "&" in agency.name and "&" not in name:
            added[agency.id] = dataclasses.replace(agency, name=name, aliases=[*agency.aliases, agency.name])
        else:
            added[agency.id] = dataclasses.replace(agency, aliases=[*agency.aliases, name])

    def agency_id(name: str, item: str, where: int, role: str) -> str:
        resolved = resolver.resolve(name)
        if resolved.agency_id in added:
            spelled(added[resolved.agency_id], name)
            return resolved.agency_id
        if resolved.agency_id:
            if resolved.note:
                reviews.append(Review("ingest-succession", resolved.note, doc.where(where), item, role))
            return resolved.agency_id
        k = names.key(name)
        if k in resolver.keys:  # several agencies bear this name
            reviews.append(Review("ingest-agency", resolved.note, doc.where(where), item, role))
        existing = next((a for a in added.values() if names.key(a.name) == k), None)
        if existing:
            spelled(existing, name)
            return existing.id
        new = Agency(id=_slug(name, taken), name=name[:1].upper() + name[1:], kind=_kind_of(name),  # type: ignore[arg-type]
                     note=f"Cần xác nhận: thêm khi đọc {doc.path.name} ({doc.unit} {where}); đối chiếu tên, "
                          "loại cơ quan, nhóm và thành viên")
        suggestion = [a for a in resolver.suggest(name) if a not in added]
        added[new.id] = new
        resolver.keys.setdefault(k, []).append(new.id)
        hint = f"; gần giống: {', '.join(suggestion)}" if agencies and suggestion else ""
        if agencies:
            reviews.append(Review("ingest-new-agency", f"'{name}' không có trong danh mục: đã thêm cơ quan mới "
                                  f"'{new.id}' để xác nhận{hint}", doc.where(where), item, role))
        return new.id

    # The issuer and the focal agency.
    governments = [a.id for a in agencies.values() if a.kind == "government"]
    issuer = resolver.resolve(draft.issuer_name).agency_id if draft.issuer_name else None
    # The directory's government, named without its place, is the issuer named with it; a
    # government of another place never is.
    within = [g for g in governments if names.key(draft.issuer_name).startswith(names.key(agencies[g].name))]
    if issuer is None and len(within) == 1:
        issuer = within[0]
        reviews.append(Review("ingest-issuer", f"cơ quan ban hành '{draft.issuer_name}' ghi là '{issuer}' "
                              f"({agencies[issuer].name}): xác nhận", doc.where(1), "", "issuer"))
    if issuer is None:
        issuer = agency_id(draft.issuer_name or "Ủy ban nhân dân", "", 1, "issuer")
        if issuer in added and added[issuer].kind != "party":  # a Tỉnh ủy stays a Party body
            added[issuer] = Agency(id=issuer, name=added[issuer].name, kind="government",  # type: ignore[arg-type]
                                   short_name=re.sub(r"^(?:Ủy|Uỷ) ban nhân dân", "UBND", draft.issuer_name)
                                   if draft.issuer_name.startswith(("Ủy ban", "Uỷ ban")) else None,
                                   note=added[issuer].note)
    tasks_yaml = []
    for group in draft.groups:
        for task in group.tasks:
            task.lead = list(dict.fromkeys(agency_id(n, task.id, task.where, "lead") for n in task.lead_names))
            task.support = [a for a in dict.fromkeys(agency_id(n, task.id, task.where, "support")
                                                      for n in task.support_names) if a not in task.lead]
            if task.placed:  # a short row: what it says of the lead is the one thing to check there
                reviews.append(Review("ingest-row", task.placed, doc.where(task.where), task.id, "lead"))
            elif not task.lead:
                reviews.append(Review("ingest-no-lead", "văn bản không nêu cơ quan chủ trì nhiệm vụ này; ghi "
                                      "cơ quan chủ trì", doc.where(task.where), task.id, "lead"))
            if task.due_phrase:
                read = phrases.deadline(task.due_phrase, on.year)
                if read.value is None:
                    task.due = "ongoing"
                    reviews.append(Review("ingest-deadline", f"không đọc được thời hạn '{task.due_phrase}': tạm ghi "
                                          "ongoing", doc.where(task.where), task.id, "due"))
                else:
                    task.due = read.value
                    if read.doubt:
                        reviews.append(Review("ingest-deadline", read.doubt, doc.where(task.where), task.id, "due"))
                    elif task.inferred:
                        reviews.append(Review("ingest-deadline", f"thời hạn suy từ '{task.due_phrase}' trong nội dung "
                                              "nhiệm vụ, văn bản không nêu là hạn: xác nhận hoặc ghi ongoing",
                                              doc.where(task.where), task.id, "due"))
            else:
                task.due = "ongoing"
                reviews.append(Review("ingest-no-deadline", "văn bản không nêu thời hạn: ghi ongoing (thường xuyên)",
                                      doc.where(task.where), task.id, "due"))
            tasks_yaml.append(task)
    for target in draft.targets:
        target.lead = list(dict.fromkeys(agency_id(n, target.id, target.where, "lead") for n in target.lead_names))
        target.support = [a for a in dict.fromkeys(agency_id(n, target.id, target.where, "support")
                                                    for n in target.support_names) if a not in target.lead]
        if target.placed:
            reviews.append(Review("ingest-row", target.placed, doc.where(target.where), target.id, "lead"))
        if target.due == "ongoing" and target.due_phrase:
            read = phrases.deadline(target.due_phrase, on.year)
            if read.value is None:
                reviews.append(Review("ingest-deadline", f"không đọc được thời hạn '{target.due_phrase}': tạm ghi "
                                      "ongoing", doc.where(target.where), target.id, "due"))
            else:
                target.due = read.value
                if read.doubt:
                    reviews.append(Review("ingest-deadline", read.doubt, doc.where(target.where), target.id, "due"))
    focal = agency_id(draft.focal_name, "", draft.reporting_where, "focal_agency") if draft.focal_name else None
    reporting_at = doc.where(draft.reporting_where or 1)
    if focal is None:
        leads = [a for t in tasks_yaml for a in t.lead if a in added or a in agencies]
        focal = max(set(leads), key=leads.count) if leads else issuer
        reviews.append(Review("ingest-focal", "văn bản không nêu rõ cơ quan đầu mối nhận báo cáo: tạm ghi cơ quan "
                              "chủ trì nhiều nhiệm vụ nhất", reporting_at, "", "focal_agency"))
    calendar = draft.calendar
    if not calendar:
        reviews.append(Review("ingest-reporting", "văn bản không nêu lịch báo cáo đọc được: tạm ghi 6 tháng và năm, "
                              "hạn ngày 19", reporting_at, "", "reporting"))
    elif not calendar.sure:  # the periods are read, the day they are due is not
        reviews.append(Review("ingest-reporting", "câu về chế độ báo cáo không nêu hạn gửi (trước ngày …): tạm ghi "
                              f"due_day: {calendar.due_day}", reporting_at, "", "reporting"))
    if calendar and any(p["kind"] == "once" for p in calendar.periods):
        reviews.append(Review("ingest-reporting", "câu về chế độ báo cáo nêu hạn có năm (trước ngày …/…/…): tạm ghi là "
                              "báo cáo một lần (kind: once); đối chiếu văn bản, vì đó cũng có thể là thời hạn của "
                              "một nhiệm vụ", reporting_at, "", "reporting"))
    if calendar and any("window" in p for p in calendar.periods):
        reviews.append(Review("ingest-reporting", "văn bản không nêu thời gian chốt số liệu của kỳ tháng/quý: tạm ghi "
                              "window để số liệu chốt trước hạn gửi; đối chiếu văn bản", reporting_at, "", "reporting"))
    if draft.issued is None:
        reviews.append(Review("ingest-no-date", f"không tìm thấy ngày ban hành (dòng '…, ngày … tháng … năm …'): tạm ghi "
                              f"ngày {today:%d/%m/%Y}; sửa theo văn bản (mọi hạn, kỳ báo cáo tính từ ngày này)",
                              doc.where(1), "", "issued"))
    programme_dir = register / PROGRAMMES_DIR / key
    tasks_text, task_lines = _tasks_text(draft, doc, issuer, focal, reviews, key, on)
    out.files[programme_dir / TASKS_FILE] = tasks_text
    if draft.targets:
        targets_text, target_lines = _targets_text(draft, doc, reviews)
        out.files[programme_dir / TARGETS_FILE] = targets_text
    else:
        target_lines = {}
    if added:
        out.files[register / AGENCIES_FILE] = (agencies_text.rstrip("\n") + "\n\n" if agencies_text else
                                               _agencies_head()) + _agencies_text(list(added.values()), doc)
        out.appended_agencies = list(added.values())
    for review in reviews:
        in_targets = review.item and (review.item, "") in target_lines and \
            (review.code != "ingest-no-lead" or (review.item, "") not in task_lines)
        lines = target_lines if in_targets else task_lines
        line = lines.get((review.item, review.field)) or lines.get((review.item, "")) or 1
        where = programme_dir / (TARGETS_FILE if in_targets else TASKS_FILE)
        out.reviews.append((str(where), line, review))
    out.files[programme_dir / "ingest.md"] = _notes_text(doc, draft, out)
    out.summary = _summary(doc, draft, out)
    return out


def _agencies_head() -> str:
    return ("# yaml-language-server: $schema=schema/agencies.schema.json\n"
            "# Danh mục cơ quan, lập từ văn bản bằng 'qnctr ingest'. Mỗi cơ quan có ghi chú 'Cần xác nhận':\n"
            "# đối chiếu tên, loại (kind), nhóm (members) rồi xóa ghi chú.\n\n")


def _agencies_text(agencies: list[Agency], doc: Document) -> str:
    lines = [f"# --- Thêm khi đọc {doc.path.name}: cần xác nhận ---", ""]
    for agency in agencies:
        lines.append(f"- id: {agency.id}")
        lines.append(f"  name: {_q(agency.name)}")
        lines.append(f"  kind: {agency.kind}")
        if agency.short_name:
            lines.append(f"  short_name: {_q(agency.short_name)}")
        if agency.aliases:
            lines.append("  aliases: [" + ", ".join(_q_flow(a) for a in agency.aliases) + "]")
        lines.append(f"  note: {_q(agency.note or '')}")
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted (JSON's escapes are YAML's)."""
    if re.fullmatch(r"[0-9A-Za-zÀ-ỹĐđ][^:#\[\]{},&*!|>'\"%@`\n]*", text) and not text.endswith(" ") \
            and not re.fullmatch(r"(?i)yes|no|true|false|null|on|off|~|[0-9.\-]+", text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _shorter(text: str, limit: int = 200) -> str:
    """A comment on one line, not longer than `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _q_flow(text: str) -> str:
    """A scalar inside a flow list: always quoted (a comma would end it)."""
    return json.dumps(text, ensure_ascii=False)


def _folded(text: str, indent: int) -> list[str]:
    """A `>-` block: the text in lines of at most WIDTH columns, broken at spaces."""
    pad = " " * indent
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(pad) + len(current) + 1 + len(word) > WIDTH:
            lines.append(pad + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(pad + current)
    return lines


def _due_yaml(value: Any) -> str:
    if isinstance(value, dict) and "annual" in value:
        return f"{{annual: {{from: {value['annual']['from']}, to: {value['annual']['to']}}}}}"
    if isinstance(value, dict):
        return f"{{from: {value['from']}, to: {value['to']}}}"
    return str(value)


def _list_yaml(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _horizon(title: str) -> str:
    m = re.search(r"(?i)giai đoạn (\d{4})\s*-\s*(\d{4})(?:.{0,20}?(?:định hướng|tầm nhìn) đến năm (\d{4}))?", title)
    if not m:
        return ""
    towards = f", towards: {m.group(3)}" if m.group(3) else ""
    return f"{{from: {m.group(1)}, to: {m.group(2)}{towards}}}"


def _tasks_text(draft: Draft, doc: Document, issuer: str, focal: str, reviews: list[Review],
                key: str, issued: date) -> tuple[str, dict[tuple[str, str], int]]:
    flagged = _flagged(reviews)
    lines = [
        "# yaml-language-server: $schema=../../schema/tasks.schema.json",
        f"# Bản nháp lập bằng 'qnctr ingest' từ {doc.path.name}: đối chiếu với văn bản; ở mỗi dòng có",
        "# '# KIỂM TRA:' (qnctr ingest in danh sách) sửa nếu cần rồi xóa chú thích đó. Hết các dòng ấy",
        "# mới đổi status: draft thành in_force ('qnctr validate' báo dòng nào còn).",
        "",
        "programme:",
        f"  id: {_q(draft.number or key)}",
        "  title: >-",
        *_folded(draft.title or key, 4),
        f"  issued: {issued.isoformat()}",
    ]
    positions: dict[tuple[str, str], int] = {}

    def mark(item: str, field_name: str) -> None:
        """The line just written is the field's: remember it, and comment what to check there."""
        positions[(item, field_name)] = len(lines)
        lines[-1] += _marks(flagged.get((item, field_name), []))

    mark("", "issued")
    lines.append(f"  issuer: {issuer}")
    mark("", "issuer")
    if draft.signer:
        lines.append(f"  signer: {_q(draft.signer)}")
    if draft.place:
        lines.append(f"  place: {_q(draft.place)}")
    if draft.implements:
        lines.append(f"  implements: {_q(draft.implements)}")
    lines.append(f"  focal_agency: {focal}")
    mark("", "focal_agency")
    if draft.kind:
        lines.append(f"  kind: {_q(draft.kind)}")
    if horizon := _horizon(draft.title):
        lines.append(f"  horizon: {horizon}")
    lines.append("  status: draft")
    calendar = draft.calendar or phrases.Calendar(19, [dict(phrases._HALF_YEAR), dict(phrases._YEAR)], False)
    lines.append("  reporting:")
    mark("", "reporting")
    lines.append(f"    source: {_q(draft.reporting_source or '—')}")
    lines += ["    text: >-", *_folded(draft.reporting_text or "(văn bản không nêu; cần xác nhận)", 6)]
    lines.append(f"    due_day: {calendar.due_day}")
    lines.append("    periods:")
    for period in calendar.periods:
        lines.append("      - " + _flow(period))
    lines += ["", "groups:"]
    for group in draft.groups:
        lines += ["", f"  - id: {json.dumps(group.id, ensure_ascii=False)}", "    title: >-",
                  *_folded(group.title or group.id, 6), "    tasks:"]
        for task in group.tasks:
            lines.append(f"      - id: {json.dumps(task.id, ensure_ascii=False)}")
            positions[(task.id, "")] = len(lines)
            lines.append(f"        lead: {_list_yaml(task.lead)}")
            mark(task.id, "lead")
            lines.append(f"        support: {_list_yaml(task.support)}")
            mark(task.id, "support")
            lines.append(f"        due: {_due_yaml(task.due)}")
            mark(task.id, "due")
            if task.due_phrase:
                lines.append(f"        due_text: {_q(task.due_phrase)}")
            lines.append(f"        source: {_q(task.source)}")
            lines += ["        text: >-", *_folded(task.text, 10)]
    return "\n".join(lines) + "\n", positions


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def _flagged(reviews: list[Review]) -> dict[tuple[str, str], list[Review]]:
    """The reviews by the item and field they concern."""
    flagged: dict[tuple[str, str], list[Review]] = {}
    for review in reviews:
        flagged.setdefault((review.item, review.field), []).append(review)
    return flagged


def _marks(doubts: list[Review]) -> str:
    """The comment a field's line carries for what a person must check there ("" for nothing)."""
    if len(doubts) == 1:
        return f"  {REVIEW_MARK} {_shorter(doubts[0].message)}"
    if doubts:
        return f"  {REVIEW_MARK} {len(doubts)} điểm (xem danh sách 'qnctr ingest' in ra, hoặc ingest.md)"
    return ""


def _targets_text(draft: Draft, doc: Document, reviews: list[Review]) -> tuple[str, dict[tuple[str, str], int]]:
    lines = ["# yaml-language-server: $schema=../../schema/targets.schema.json",
             f"# Chỉ tiêu, lập bằng 'qnctr ingest' từ {doc.path.name}: đối chiếu mục tiêu, đơn vị, cách đo.", ""]
    positions: dict[tuple[str, str], int] = {}
    seen: set[str] = set()
    flagged = _flagged(reviews)

    def mark(item: str, *fields: str) -> None:
        """The line just written holds these fields: remember it, and comment what to check there
        (a lead the document does not name, a deadline read with a doubt, the year assumed)."""
        for name in fields:
            positions[(item, name)] = len(lines)
        lines[-1] += _marks([review for name in fields for review in flagged.get((item, name), [])])

    for target in draft.targets:
        target_id = target.id
        n = 2
        while target_id in seen:
            target_id, n = f"{target.id}{n}", n + 1
        seen.add(target_id)
        lines.append(f"- id: {json.dumps(target_id)}")
        positions[(target.id, "")] = len(lines)
        lines.append(f"  lead: {_list_yaml(target.lead)}")
        mark(target.id, "lead")
        lines.append(f"  support: {_list_yaml(target.support)}")
        lines.append(f"  due: {_due_yaml(target.due)}")
        mark(target.id, "due", "year")
        if target.due_phrase:
            lines.append(f"  due_text: {_q(target.due_phrase)}")
        lines.append(f"  source: {_q(target.source)}")
        lines += ["  text: >-", *_folded(target.text, 4), "  indicators:", "    - id: \"a\""]
        lines += ["      name: >-", *_folded(target.text[:200], 8)]
        goal = target.goal
        if goal and goal.value is not None and goal.unit:
            lines.append(f"      unit: {_q(goal.unit)}")
            op = goal.op or ">="  # "100% doanh nghiệp ...": at least that, until a person says otherwise
            lines.append(f"      op: \"{op}\"")
            lines.append(f"      value: {goal.value}")
            # "tăng bình quân 8%/năm" is a mean yearly growth; "mỗi năm tăng 2 bậc" must hold each year
            measure = goal.measure or "level"
            lines.append(f"      measure: {measure}  {REVIEW_MARK} cách đo (level, each-year, cumulative, average-growth)")
            assumed = "" if goal.op else " (văn bản không nêu phép so sánh: tạm ghi >=)"
            if goal.change:  # "giảm 10% so với năm 2025": what is reported must be the fall, not the level
                each = " mỗi năm" if goal.measure in ("average-growth", "each-year") else ""
                assumed += (f"; văn bản nêu mức {goal.change}{each}, không phải mức phải "
                            f"đạt: số liệu báo cáo phải là mức {goal.change} so với mốc văn bản nêu, hoặc ghi lại "
                            "mục tiêu theo mức phải đạt")
            reviews.append(Review("ingest-goal", f"mục tiêu đọc được: {op} {goal.value} {goal.unit}{assumed}; "
                                  "đối chiếu với văn bản và chọn cách đo", doc.where(target.where), target.id, "measure"))
            positions[(target.id, "measure")] = len(lines)
        else:
            lines.append("      measure: qualitative")
        lines.append("")
    return "\n".join(lines), positions


def _notes_text(doc: Document, draft: Draft, out: Outcome) -> str:
    lines = [f"# Ghi chép khi đọc {doc.path.name}", "",
             f"Bố cục: {draft.layout}; {draft.task_count} nhiệm vụ, {len(draft.targets)} chỉ tiêu.", ""]
    if draft.alternative:
        lines += [f"Cách đếm khác: {draft.alternative}.", ""]
    lines += ["## Cần kiểm tra", ""]
    lines += [f"- {Path(f).name}:{line}: [{r.code}] {r.item + ': ' if r.item else ''}{r.message} ({r.source})"
              for f, line, r in out.reviews] or ["- (không có)"]
    lines += ["", "## Phần văn bản không thành nhiệm vụ, chỉ tiêu hay phần đầu", ""]
    lines += [f"- {doc.unit} {line}: {text}" for line, text in draft.notes] or ["- (không có)"]
    return "\n".join(lines) + "\n"


def _summary(doc: Document, draft: Draft, out: Outcome) -> dict[str, Any]:
    roles = list(draft.roles.values())
    counts = {role: roles.count(role) for role in sorted(set(roles))}
    return {
        "document": str(doc.path), "form": doc.kind, "layout": draft.layout, "programme": draft.number,
        "issued": draft.issued.isoformat() if draft.issued else None, "key": out.key,
        "groups": len(draft.groups), "tasks": draft.task_count, "targets": len(draft.targets),
        "alternative_count": draft.alternative or None,
        "coverage": round(100 * draft.covered / draft.units, 1) if draft.units else 100.0,
        "used": round(100 * (draft.covered - counts.get("note", 0)) / draft.units, 1) if draft.units else 100.0,
        "roles": counts, "new_agencies": [a.id for a in out.appended_agencies],
        "review": [{"file": f, "line": line, "code": r.code, "item": r.item, "message": r.message,
                    "source": r.source} for f, line, r in out.reviews],
    }
