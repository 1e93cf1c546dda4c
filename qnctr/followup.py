"""The office's follow-up between sending the forms and signing the report: the reminder letter
(công văn đôn đốc) to agencies with something outstanding, each agency's record, the agencies'
difficulties and proposals in one list.

Every figure comes from the queries `overdue`, `upcoming` and the report use (`overdue`,
`report_timeliness`, the task states): one count, many views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .calendar import Period
from .context import Context
from .days import short_date, vn_date
from .errors import QnctrError
from .model import Agency
from .ordering import id_key, name_key
from .queries import overdue, upcoming
from .reporting import report_timeliness
from .safe_text import shorten

REMINDER_TEXT = 160  # characters of a task's text in a letter: enough to know it, short enough to read


class FollowUpError(QnctrError):
    """A reminder or record that cannot be made as asked."""


def _outstanding(ctx: Context, period: Period, on: date) -> dict[str, dict[str, Any]]:
    """What each agency has outstanding on `on`: its report for `period` (not sent; due or past
    due), its overdue tasks and targets, and before the period's due date what falls due by then."""
    agencies: dict[str, dict[str, Any]] = {}

    def entry(aid: str) -> dict[str, Any]:
        return agencies.setdefault(aid, {"id": aid, "name": ctx.directory.name(aid), "report": None,
                                          "overdue": [], "overdue_targets": [], "coming": [], "explanations": []})

    for row in report_timeliness(ctx, period, on=on):
        if row["state"] in ("missing", "not_due"):
            entry(row["agency"])["report"] = {
                "state": row["state"], "due": short_date(period.due), "days": row["days"],
                "line": (f"chưa gửi báo cáo {period.label}, hạn ngày {short_date(period.due)}, đã quá hạn "
                         f"{row['days']} ngày" if row["state"] == "missing" else
                         f"chưa gửi báo cáo {period.label}, hạn ngày {short_date(period.due)} (còn {row['days']} ngày)")}
    late = overdue(ctx)
    for row in late["tasks"]:
        entry(row["agency"])["overdue"].append({
            "id": row["id"], "short_text": shorten(row["text"], REMINDER_TEXT),
            "due": short_date(date.fromisoformat(row["due"])), "days_overdue": row["days_overdue"]})
    for row in late["targets"]:
        if row["agency"]:
            entry(row["agency"])["overdue_targets"].append({
                "id": row["indicator"], "name": row["name"], "state": row["state"], "state_label": row["state_label"],
                "due": short_date(date.fromisoformat(row["due"])), "days_overdue": row["days_overdue"]})
    for row in late["explanations"]:
        entry(row["agency"])["explanations"].append({
            "task": row["task"], "letter": row["letter"] or "", "asked": short_date(date.fromisoformat(row["asked"])),
            "due": short_date(date.fromisoformat(row["answer_due"])), "days_overdue": row["days_overdue"]})
    if on <= period.due:
        for item in upcoming(ctx, (period.due - on).days)["items"]:
            if item["kind"] == "task" and item["agency"]:
                task = ctx.register.tasks[item["id"]]
                entry(item["agency"])["coming"].append({
                    "id": item["id"], "short_text": shorten(task.text, REMINDER_TEXT),
                    "due": short_date(date.fromisoformat(item["due"])), "days_left": item["days_left"]})
    for value in agencies.values():
        value["overdue"].sort(key=lambda r: (-r["days_overdue"], id_key(r["id"])))
        value["count"] = len(value["overdue"]) + len(value["overdue_targets"]) + len(value["coming"]) \
            + len(value["explanations"]) + (1 if value["report"] else 0)
    return {aid: value for aid, value in agencies.items() if value["count"]}


@dataclass(frozen=True, slots=True)
class Letter:
    agency: str | None  # None: the consolidated letter
    context: dict[str, Any]


def reminder_letters(ctx: Context, period: Period, agency: Agency | None, per_agency: bool,
                     issued_on: date) -> list[Letter]:
    """The reminder letters to write: one to every agency with something outstanding, or one
    each (`per_agency`), or one to `agency`; [] when nobody has anything outstanding. The
    letter is dated `issued_on` and states what stands on that day."""
    from .report import letterhead, programme_phrase

    head = letterhead(ctx, period, None, issued_on)
    # The letter is the focal agency's: it does not write to itself.
    outstanding = {k: v for k, v in _outstanding(ctx, period, issued_on).items() if k != head["issuer"]["id"]}
    if agency is not None:
        holder = ctx.directory.holder(agency.id, issued_on) or agency.id
        outstanding = {k: v for k, v in outstanding.items() if k == holder}
    ordered = sorted(outstanding.values(), key=lambda a: name_key(a["name"]))
    phrase = programme_phrase(ctx)
    groups = [[a] for a in ordered] if per_agency or agency is not None else ([ordered] if ordered else [])
    letters = []
    for agencies in groups:
        before_due = issued_on <= period.due
        context = {
            **head,
            "number_line": "Số:        /……-……",
            "subject": f"V/v đôn đốc thực hiện và báo cáo kết quả thực hiện {phrase} {period.label}",
            "recipient_names": [a["name"] for a in agencies],
            "agencies": [{**a, "number": i} for i, a in enumerate(agencies, 1)],
            "before_due": before_due,
            "opening": (f"Thực hiện {phrase}, {head['issuer']['name']} đã đề nghị các cơ quan, đơn vị báo cáo kết quả "
                        f"thực hiện {period.label} (số liệu từ ngày {short_date(period.cutoff_start)} đến ngày "
                        f"{short_date(period.cutoff_end)}), hạn gửi ngày {short_date(period.due)}."),
            "status_line": f"Theo dõi đến {vn_date(issued_on)}, tình hình cụ thể như sau:",
            "request": _request(head, period, agencies, before_due),
            "recipients": ["Như trên", head["recipients"][0], "Lưu: VT."],
        }
        letters.append(Letter(agencies[0]["id"] if len(groups) > 1 or agency is not None else None, context))
    return letters


def _writes_to_itself(ctx: Context, period: Period, agency: Agency, issued_on: date) -> str | None:
    """Why no letter goes to `agency`, when it is the one that signs them: said as such, never
    as "nothing outstanding" of an agency that may have overdue tasks of its own."""
    from .report import letterhead, programme_phrase

    issuer = letterhead(ctx, period, None, issued_on)["issuer"]
    if (ctx.directory.holder(agency.id, issued_on) or agency.id) != issuer["id"]:
        return None
    return (f"{issuer['name']} là cơ quan ký công văn đôn đốc thực hiện {programme_phrase(ctx)}: công văn không gửi "
            f"cho chính cơ quan này; việc còn tồn đọng của cơ quan:\n  qnctr overdue -a \"{agency.name}\"")


def _request(head: dict[str, Any], period: Period, agencies: list[dict[str, Any]], before_due: bool) -> str:
    """What the letter asks, from what is outstanding: no word of overdue tasks to an agency
    that has none."""
    asks = []
    if any(a["overdue"] for a in agencies):
        asks.append("khẩn trương hoàn thành các nhiệm vụ quá hạn")
    # A target past its deadline can no longer be completed: its figure is reported, or its
    # shortfall explained.
    ended = {t["state"] for a in agencies for t in a["overdue_targets"]}
    if ended & {"no_data", "too_early"}:  # no figure, or none of the last year a yearly goal asks of
        asks.append("báo cáo số liệu các chỉ tiêu đã hết hạn chưa có số liệu")
    if "not_met" in ended:
        asks.append("làm rõ nguyên nhân các chỉ tiêu đã hết hạn chưa đạt")
    if any(a["report"] for a in agencies):
        asks.append(f"gửi báo cáo {period.label} đúng hạn (trước ngày {short_date(period.due)})" if before_due
                    else f"gửi ngay báo cáo {period.label} và giải trình lý do chậm gửi")
    if any(a["explanations"] for a in agencies):
        asks.append("gửi ngay văn bản giải trình đã được đề nghị")
    if any(a["coming"] for a in agencies):
        asks.append("chủ động hoàn thành các nhiệm vụ sắp đến hạn")
    who = "các cơ quan, đơn vị" if len(agencies) > 1 else agencies[0]["name"]
    return (f"Để kịp tổng hợp, báo cáo {head['recipient']}, {head['issuer']['name']} đề nghị {who} "
            + "; ".join(asks) + ".")


def default_letter_name(ctx: Context, period: Period, letter: Letter, fmt: str) -> str:
    from .register import programme_key

    programme = ctx.register.programme
    key = programme_key(programme.id) if programme else "chuong-trinh"
    who = f"-{letter.agency}" if letter.agency else ""
    return f"don-doc-{key}-{period}{who}.{'docx' if fmt == 'docx' else 'md'}"


def render_letter(letter: Letter, fmt: str, template: Path | None) -> bytes:
    """The letter's bytes from the packaged template (or the office's own)."""
    from .render.templates import packaged_templates

    template = template or packaged_templates() / ("don-doc.docx" if fmt == "docx" else "don-doc.md.j2")
    if fmt == "docx":
        from .render.docx import render_docx

        title = f"Công văn {letter.context['subject'].removeprefix('V/v ')}"
        return render_docx({**letter.context, "state_table": []}, template, title=title)
    from .render.markdown import render_markdown
    from .safe_text import markdown_data

    return render_markdown(markdown_data(letter.context), template).encode("utf-8")


def _check_template(template: Path) -> None:
    """An office's own template must say what is outstanding: a letter without the agencies'
    items would be sent with nothing to do in it."""
    import zipfile

    if not template.is_file():
        raise FollowUpError(f"không có tệp mẫu '{template}'")
    try:
        if template.suffix.lower() == ".docx":
            with zipfile.ZipFile(template) as archive:
                text = archive.read("word/document.xml").decode("utf-8", "replace")
        else:
            text = template.read_text(encoding="utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        raise FollowUpError(f"'{template}' không phải mẫu .docx hay .md.j2 đọc được") from None
    if "agencies" not in text:
        raise FollowUpError(f"mẫu '{template}' không dùng trường 'agencies' (các cơ quan và việc tồn đọng của "
                            "từng cơ quan): công văn sẽ không nêu việc gì; xem templates/README.md")


def write_reminders(ctx: Context, period_text: str, agency: Agency | None, per_agency: bool, fmt: str | None,
                    output: Path | None, template: Path | None, force: bool, issued_on: date,
                    several: bool = False) -> tuple[str, list[str]]:
    """The letters made and written (or printed): (text for standard output, lines to say).
    Every target is checked, and every letter rendered, before the first is written. With
    `several` programmes asked at once, `output` is a folder (each letter named by its
    programme) and a programme without such a period is passed over, saying so."""
    from .atomic import check_output, document_format, write_output
    from .checks import refuse_open_doubts
    from .context import QueryError, period_of

    ctx.refuse_draft("lập công văn đôn đốc")  # several at once are those in force: never a draft
    try:  # a letter's "chưa đạt" would rest on it; one agency's letter, only on the figures it can name
        refuse_open_doubts(ctx.register, "lập công văn đôn đốc", agency.id if agency else None)
    except QnctrError as exc:
        if several:  # the other programmes' letters are made; this one is said
            return "", [str(exc)]
        raise
    try:
        period = period_of(ctx.register, period_text)
        if (early := period.not_begun(issued_on)) is not None:  # a letter about a round not yet open
            raise FollowUpError(early)
    except (QueryError, QnctrError) as exc:
        if several:
            return "", [f"không lập công văn: {exc}"]
        raise
    if several and output is not None and str(output) != "-" and not output.is_dir():
        raise FollowUpError(f"--output '{output}': sổ có nhiều chương trình, mỗi chương trình một công văn; "
                            "cho một thư mục có sẵn, hoặc chọn chương trình bằng -P")
    per_agency_folder = per_agency or several
    if template is not None:
        _check_template(template)
    to_stdout = output is not None and str(output) == "-"
    fmt = document_format(fmt, output, template, folder=per_agency_folder and not to_stdout)
    letters = reminder_letters(ctx, period, agency, per_agency, issued_on)
    # no letter to the agency that signs them (reminder_letters): said as such, not as "nothing outstanding"
    if not letters and agency is not None and (itself := _writes_to_itself(ctx, period, agency, issued_on)):
        if several:
            return "", [itself]
        raise FollowUpError(itself)
    if not letters:
        who = f"{agency.name} không" if agency is not None else "Không có cơ quan nào"
        return "", [f"{who} còn báo cáo chưa gửi, nhiệm vụ quá hạn hay việc sắp đến hạn ({period.label}, "
                    f"{short_date(issued_on)}): không lập công văn đôn đốc."]
    targets: list[Path] = []
    for letter in letters:
        name = default_letter_name(ctx, period, letter, fmt)
        if to_stdout:
            targets.append(Path("-"))
        elif output is None:
            targets.append(Path(name))
        elif per_agency_folder:
            targets.append(output / name)
        else:
            targets.append(output)
    if per_agency and output is not None and not to_stdout and not output.is_dir():
        raise FollowUpError(f"--output '{output}': với --per-agency cần một thư mục có sẵn")
    if not to_stdout:
        for target in targets:
            check_output(target, force)
    payloads = [render_letter(letter, fmt, template) for letter in letters]
    if to_stdout:
        text = "\n---\n\n".join(p.decode("utf-8") for p in payloads)
        return text if text.endswith("\n") else text + "\n", []
    said = []
    for letter, target, payload in zip(letters, targets, payloads, strict=True):
        write_output(target, payload, force)
        names = letter.context["recipient_names"]
        said.append(f"Đã lập {target} (gửi {names[0] if len(names) == 1 else f'{len(names)} cơ quan'})")
    return "", said
