"""Rich tables with Vietnamese labels; colour carries the state and vanishes when piped."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from ..numbers import format_figure, goal_text
from ..state import DOUBT_MARK, REPORT_STATUS_LABELS, TASK_STATE_LABELS, TASK_STATES, UNSETTLED_MARK
from .plain import Table, Text
from .words import per_programme, whole

STATE_STYLES = {
    "done_on_time": "green",
    "done_late": "yellow",
    "in_progress": "cyan",
    "overdue": "bold red",
    "not_started": "magenta",
    "suspended": "dim",
    "no_report": "red",
    "not_required": "dim",
    "met": "green",
    "not_met": "bold red",
    "no_data": "dim",
    "on_track": "cyan",
    "off_track": "yellow",
    "too_early": "dim",
}
KIND_LABELS = {"task": "Nhiệm vụ", "target": "Chỉ tiêu", "report": "Báo cáo"}
LABEL_WIDTH = 10  # "Chưa có số" / "Hoàn thành" on one line: a state label never breaks inside a word
# A table longer than this is cut, saying so: nobody reads 10,000 rows in a terminal,
# and drawing them takes seconds. --format csv or json gives every row.
MAX_ROWS = 300


class Stack:
    """A view's parts, one under another: render/terminal.py draws them for a terminal and
    plain_text for a pipe."""

    def __init__(self, *parts: Any) -> None:
        self.parts = parts


# Output to a pipe or a file is plain text with every row and every value whole (see plain_text);
# only a terminal gets the wrapped, shortened, capped layout.
_PLAIN: contextvars.ContextVar[bool] = contextvars.ContextVar("plain", default=False)


def _shown(rows: list[Any], table: Table) -> list[Any]:
    if len(rows) > MAX_ROWS and not _PLAIN.get():
        table.caption = (f"Hiển thị {MAX_ROWS}/{len(rows)} dòng đầu; dùng --format csv hoặc json để xem đủ.")
        table.caption_justify = "left"
        return rows[:MAX_ROWS]
    return rows


def _d(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _when(value: str) -> str:
    """A period as named (2026-H1), a day as a reader writes it (10/06/2026)."""
    return _d(value) if len(value) == 10 and value[4] == "-" and value[7] == "-" else value


def _state(code: str, label: str) -> Text:
    return _text(label, style=STATE_STYLES.get(code, ""))


def _short(text: str, limit: int) -> str:
    if _PLAIN.get():
        return text
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Đạt" if value else "Không đạt"
    return format_figure(value)


def _with_unit(value: Any, unit: str | None) -> str:
    """A figure with its unit ("12,4 %"), as the goal beside it is written."""
    shown = _num(value)
    return f"{shown} {unit}" if shown and unit and not isinstance(value, bool) else shown


def _goal(ind: dict[str, Any]) -> str:
    return "định tính" if ind["qualitative"] else goal_text(ind["op"], ind["target"], ind["unit"])


def _table(title: str | None = None) -> Table:
    return Table(title=title, title_justify="left", title_style="bold")


def _text(text: str = "", style: str = "") -> Text:
    return Text(text, style=style)


def summary_text(summary: dict[str, int]) -> Text:
    # Two lines of at most 78 characters (work moving / work stuck), so no terminal
    # wraps the summary in the middle of a count.
    text = _text()
    for i, state in enumerate(TASK_STATES):
        if state == "not_required" and not summary.get(state):
            continue  # a third line only where there are such duties
        if state in ("overdue", "not_required"):
            text.append("\n")
        elif i:
            text.append(" · ")
        text.append(f"{TASK_STATE_LABELS[state]}: ")
        text.append(str(summary.get(state, 0)), style=STATE_STYLES[state] + " bold")
    return text


def _counted(data: dict[str, Any]) -> str:
    """What the summary below counts, so it never seems to contradict the table under it."""
    counted = sum(data["summary"].values())
    if not data["agency"]:
        return f"Đếm {counted} nhiệm vụ theo trạng thái chung (mỗi nhiệm vụ một lần):"
    support = sum(1 for t in data["tasks"] if t["role"] == "support")
    text = f"Đếm {counted} nhiệm vụ cơ quan chịu trách nhiệm (chủ trì, thành viên nhóm, kế thừa)"
    if data.get("reported_by"):  # no longer exists: what its successor reported
        text = (f"Đếm {counted} nhiệm vụ cơ quan từng chịu trách nhiệm, theo báo cáo của "
                f"{data['reported_by']['name']}")
    elif data.get("ended"):  # dissolved, no successor: the tasks as they stand for all who hold them
        text = f"Đếm {counted} nhiệm vụ cơ quan từng chịu trách nhiệm, theo trạng thái chung của nhiệm vụ"
    return text + (f"; không đếm {support} nhiệm vụ phối hợp:" if support else ":")


def _sending(rows: list[dict[str, Any]]) -> str:
    """The latest period's reports in a few words: one agency's, or the counts of all."""
    if len(rows) == 1:
        return f" — báo cáo: {rows[0]['state_label'].lower()} ({rows[0]['detail']})"
    if not rows:
        return ""
    from ..reporting import timeliness_counts

    counts = timeliness_counts(rows)
    said = [f"{counts['on_time']} đúng hạn", f"{counts['late']} muộn", f"{counts['missing']} chưa gửi"]
    if counts["not_due"]:  # on the due day itself: not sent, not yet late
        said.append(f"{counts['not_due']} chưa đến hạn")
    return f" — {len(rows)} cơ quan phải gửi báo cáo: " + ", ".join(said)


def status_view(data: dict[str, Any], width: int = 80) -> Stack:
    who = data["agency"]["name"] if data["agency"] else whole()
    parts: list[Any] = [_text(f"{who} — tình hình đến ngày {_d(data['as_of'])}", style="bold")]
    if data["period"]:
        sending = _sending(data["reporting"])
        if data.get("reported_by"):  # an agency that no longer exists: its successor's report counts
            sending = sending.replace(" — báo cáo: ", f" — báo cáo của {data['reported_by']['name']}: ", 1)
        elif data.get("ended"):
            sending = " — cơ quan không còn phải gửi báo cáo"
        due = data.get("period_due")
        head = (f"Kỳ báo cáo {data['period']} (hạn gửi {_d(due)}, chưa đến hạn)" if due and due > data["as_of"]
                else f"Kỳ báo cáo đã đến hạn gần nhất: {data['period']}")
        parts.append(_text(head + sending))
    if data.get("notice"):
        parts.append(_text(data["notice"], style="yellow"))
    parts.append(_text(_counted(data), style="dim"))
    parts.append(summary_text(data["summary"]))
    tasks = _table(f"Nhiệm vụ ({len(data['tasks'])})")
    tasks.add_column("Mã", no_wrap=True)
    if data["agency"]:
        tasks.add_column("Vai trò", max_width=10)
    # On a wide screen a state stays on one line ("Hoàn thành đúng hạn"); "Nội dung" takes what is left.
    longest = max((len(t["state_label"]) for t in data["tasks"]), default=LABEL_WIDTH)
    wide = width >= 100
    tasks.add_column("Trạng thái", min_width=min(longest, 24) if wide else LABEL_WIDTH, max_width=24 if wide else 14)
    tasks.add_column("Hạn", max_width=12)
    tasks.add_column("Nội dung", ratio=1, min_width=24)
    for row in _shown(data["tasks"], tasks):
        state = _state(row["state"], row["state_label"])
        if row["agencies_total"] > 1 and row["role"] in (None, "support"):
            state.append(f"\n{row['agencies_done']}/{row['agencies_total']} cơ quan xong")
        cells: list[Any] = [row["id"]]
        if data["agency"]:
            cells.append(row["role_label"])
        latest = row["latest"]
        # About three lines of the text column; `qnctr show ID` prints it whole.
        limit = max(80, (width - 50) * 3)
        text = _short(row["text"], limit)
        if latest:
            said = latest["result"] or REPORT_STATUS_LABELS.get(latest["status"], latest["status"])
            whose = f" (báo cáo của {row['latest_by']})" if row.get("latest_by") else ""
            text += f"\n↳ {latest['period']}{whose}: {_short(said, limit)}"
        cells += [state, row["due_label"], text]
        tasks.add_row(*cells)
    parts.append(tasks)
    if data["targets"]:
        parts.append(targets_table(data["targets"], with_role=bool(data["agency"]), width=width))
        if (unsettled := _unsettled_note(data["targets"])) is not None:
            parts.append(_text(unsettled, style="yellow"))
    return Stack(*parts)


TREND_ARROWS = {"up": "↑", "down": "↓", "same": "→"}
SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | int]) -> str:
    """The figures as a row of bars, lowest to highest (empty with fewer than two)."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values)


def targets_table(targets: list[dict[str, Any]], with_role: bool = False, width: int = 80) -> Table:
    indicators = sum(len(t["indicators"]) for t in targets)
    table = _table(f"Chỉ tiêu ({len(targets)} chỉ tiêu, {indicators} chỉ số)" if indicators != len(targets)
                   else f"Chỉ tiêu ({len(targets)})")
    table.add_column("Mã", no_wrap=True)
    if with_role:
        table.add_column("Vai trò", max_width=10)
    # Label columns are as wide as their longest word needs ("Chưa có số liệu" wraps between
    # words, never inside one); the free text of "Chỉ số" is what narrows at 80 columns.
    table.add_column("Chỉ số", ratio=1, min_width=12)
    table.add_column("Mục tiêu", min_width=8, max_width=12)
    pairs = [(target, ind) for target in targets for ind in target["indicators"]]
    # On a wide screen a label stays on one line ("Chưa có số liệu"); "Chỉ số" takes what is left.
    wide = width >= 100
    longest = max((len(ind["state_label"]) for _, ind in pairs), default=LABEL_WIDTH)
    table.add_column("Kết quả", min_width=7, max_width=16 if wide else 12)
    table.add_column("Đánh giá", min_width=min(longest, 16) if wide else LABEL_WIDTH, max_width=16 if wide else 12)
    for target, ind in _shown(pairs, table):
        cells: list[Any] = [ind["id"]]
        if with_role:
            cells.append(target["role_label"])
        result = _with_unit(ind["value"], ind["unit"]) + (f" {TREND_ARROWS[ind['trend']]}" if ind.get("trend") else "")
        if unsettled(ind):
            result += f" {UNSETTLED_SIGN}"
        cells += [ind["name"], _goal(ind), result, _state(ind["state"], ind["state_label"])]
        table.add_row(*cells)
    return table


UNSETTLED_SIGN = "(?)"  # beside a figure the report would not print a verdict on


def unsettled(ind: dict[str, Any]) -> bool:
    """The verdict rests on figures not settled: agencies' figures differ, or one is doubted."""
    return any(mark in (ind["explanation"] or "") for mark in (UNSETTLED_MARK, DOUBT_MARK))


def _unsettled_note(targets: list[dict[str, Any]]) -> str | None:
    marked = [ind["id"] for t in targets for ind in t["indicators"] if unsettled(ind)]
    if not marked:
        return None
    return (f"{UNSETTLED_SIGN} {', '.join(marked)}: số liệu còn nghi vấn hoặc các cơ quan báo cáo khác nhau, chưa được "
            "xác nhận; báo cáo chưa lập được cho đến khi sửa hoặc xác nhận (qnctr targets, qnctr validate cho biết chi tiết)")


def targets_view(data: dict[str, Any], width: int = 80) -> Stack:
    who = data["agency"]["name"] if data["agency"] else whole()
    table = targets_table(data["targets"], with_role=bool(data["agency"]), width=width)
    notes = _text()
    for target in data["targets"]:
        for ind in target["indicators"]:
            ended = f"hết hạn {_d(ind['ended'])}" if ind.get("ended") else ""
            # also how a yearly goal or a yearly mean was judged: its figure is not simply the latest
            if ind["state"] in ("on_track", "off_track", "too_early") or "sau hạn" in ind["explanation"] \
                    or (ind["measure"] in ("each-year", "average-growth") and ind["value"] is not None) \
                    or unsettled(ind):
                notes.append(f"{ind['id']}: " + "; ".join(p for p in (ended, ind["explanation"]) if p) + "\n")
            elif ended:
                notes.append(f"{ind['id']}: {ended}\n", style="dim")
    return Stack(_text(f"{who} — chỉ tiêu đến ngày {_d(data['as_of'])}", style="bold"),
                 _section(table, data["targets"]), notes)


def overdue_view(data: dict[str, Any], width: int = 80) -> Stack:
    parts: list[Any] = [_text(f"Quá hạn đến ngày {_d(data['as_of'])}", style="bold")]
    tasks = _table(f"Nhiệm vụ quá hạn ({len(data['tasks'])})")
    for col in ("Mã", "Cơ quan", "Hạn", "Số ngày quá hạn"):
        tasks.add_column(col, no_wrap=col in ("Mã", "Hạn"), justify="right" if col.startswith("Số") else "left")
    for row in _shown(data["tasks"], tasks):
        tasks.add_row(row["id"], row["agency_name"], _d(row["due"]), _text(str(row["days_overdue"]), style="red"))
    targets = _table(f"Chỉ tiêu quá hạn chưa đạt hoặc chưa có số liệu ({len(data['targets'])})")
    for col in ("Chỉ số", "Cơ quan chủ trì", "Hạn", "Đánh giá", "Số ngày quá hạn"):
        targets.add_column(col, no_wrap=col in ("Chỉ số", "Hạn"), justify="right" if col.startswith("Số") else "left")
    for row in _shown(data["targets"], targets):
        targets.add_row(row["indicator"], row["agency_name"], _d(row["due"]),
                        _state(row["state"], row["state_label"]), _text(str(row["days_overdue"]), style="red"))
    reports = _table(f"Cơ quan chưa gửi báo cáo ({len(data['reports'])})")
    for col in ("Cơ quan", "Kỳ", "Hạn", "Số ngày quá hạn"):
        reports.add_column(col, no_wrap=col in ("Kỳ", "Hạn"), justify="right" if col.startswith("Số") else "left")
    for row in _shown(data["reports"], reports):
        reports.add_row(row["agency_name"], row["period"], _d(row["due"]), _text(str(row["days_overdue"]), style="red"))
    parts += [_section(tasks, data["tasks"]), _section(targets, data["targets"]), _section(reports, data["reports"])]
    if data.get("explanations"):
        asked = _table(f"Đề nghị giải trình quá hạn chưa trả lời ({len(data['explanations'])})")
        for col in ("Nhiệm vụ", "Cơ quan", "Văn bản đề nghị", "Hạn trả lời", "Số ngày quá hạn"):
            asked.add_column(col, no_wrap=col in ("Nhiệm vụ", "Hạn trả lời"),
                             justify="right" if col.startswith("Số") else "left")
        for row in _shown(data["explanations"], asked):
            asked.add_row(row["task"], row["agency_name"], row["letter"] or "", _d(row["answer_due"]),
                          _text(str(row["days_overdue"]), style="red"))
        parts.append(asked)
    return Stack(*parts)


def upcoming_view(data: dict[str, Any], width: int = 80) -> Stack:
    table = _table(f"Sắp đến hạn trong {data['within']} ngày kể từ {_d(data['as_of'])} ({len(data['items'])})")
    table.add_column("Loại", no_wrap=True)
    table.add_column("Mã", no_wrap=True)
    table.add_column("Cơ quan")
    table.add_column("Hạn", no_wrap=True)
    table.add_column("Còn (ngày)", justify="right")
    for item in _shown(data["items"], table):
        table.add_row(KIND_LABELS[item["kind"]], item["id"], item["agency_name"] or "",
                      _d(item["due"]), str(item["days_left"]))
    return Stack(_section(table, data["items"]))


def compare_view(data: dict[str, Any], width: int = 80) -> Stack:
    from ..compare import COMPARE_LABELS

    who = data["agency"]["name"] if data["agency"] else whole()
    parts: list[Any] = [_text(f"{who} — {data['to_label']} so với {data['from_label']}", style="bold")]
    parts.append(_text("Số lượt cơ quan – nhiệm vụ (một nhiệm vụ nhiều cơ quan thực hiện được đếm theo từng cơ quan): "
                      + " · ".join(f"{COMPARE_LABELS[k]}: {n}" for k, n in data["summary"].items())))
    tasks = _table(f"Nhiệm vụ đổi trạng thái ({len(data['tasks'])} lượt, "
                   f"{len({t['id'] for t in data['tasks']})} nhiệm vụ)")
    for col in ("Mã", "Nhóm", "Cơ quan", "Thay đổi", "Trước", "Sau"):
        tasks.add_column(col, no_wrap=col in ("Mã", "Nhóm"))
    for row in _shown(data["tasks"], tasks):
        tasks.add_row(row["id"], row["group"] or "", row["agency_name"], row["change_label"],
                      _state(row["before"], row["before_label"]), _state(row["after"], row["after_label"]))
    parts.append(_section(tasks, data["tasks"]))
    if data["by_group"]:
        groups = _table("Theo nhóm")
        groups.add_column("Nhóm", no_wrap=True)
        for key in COMPARE_LABELS:
            groups.add_column(COMPARE_LABELS[key], justify="right")
        for group, counts in sorted(data["by_group"].items()):
            groups.add_row(group, *(str(counts[k]) for k in COMPARE_LABELS))
        parts.append(groups)
    targets = _table(f"Chỉ tiêu đổi đánh giá ({len(data['targets'])})")
    for col in ("Chỉ số", "Trước", "Sau"):
        targets.add_column(col, no_wrap=col == "Chỉ số")
    for row in _shown(data["targets"], targets):
        targets.add_row(row["id"], _state(row["before"], row["before_label"]), _state(row["after"], row["after_label"]))
    reports = _table(f"Cơ quan đổi việc gửi báo cáo đúng hạn ({len(data['reporting'])})")
    for col in ("Cơ quan", _when(data["from"]), _when(data["to"])):
        reports.add_column(col)
    for row in _shown(data["reporting"], reports):
        reports.add_row(row["agency_name"], row["before_label"], row["after_label"])
    return Stack(*parts, _section(targets, data["targets"]), _section(reports, data["reporting"]))


def _section(table: Table, rows: list[Any]) -> Table | Text:
    """A table, or for a section with nothing in it one line: not a title over an empty table."""
    if rows:
        return table
    return _text(f"{str(table.title).rsplit(' (', 1)[0]}: không có", style="bold")


def _agency_kind(kind: str) -> str:
    from ..model import AgencyKind

    member = AgencyKind._value2member_map_.get(kind)
    return member.label if isinstance(member, AgencyKind) else kind


def agencies_view(data: dict[str, Any], width: int = 80) -> Table:
    table = _table(f"Cơ quan ({len(data['agencies'])})")
    table.caption = "Số nhiệm vụ: CT chủ trì · TV thành viên nhóm · KT kế thừa · PH phối hợp"
    table.caption_justify = "left"
    # The free text comes last: piped, no line is padded out to the longest list of aliases.
    table.add_column("Mã", no_wrap=True)
    table.add_column("CT/TV/KT/PH", justify="right", no_wrap=True)
    table.add_column("Tên, loại, tên gọi khác", ratio=1, min_width=20)
    for a in data["agencies"]:
        names = _text(a["name"], style="bold")
        names.append(f"\n{_agency_kind(a['kind'])}", style="dim")
        if a["aliases"]:
            names.append("\n" + "; ".join(a["aliases"]), style="dim")
        if a["notice"]:
            names.append("\n" + a["notice"], style="yellow")
        if a["members"]:
            names.append(f"\n{len(a['members'])} thành viên", style="dim")
        t, named = a["tasks"], a["named"]
        if not any(t.values()) and any(named.values()):  # a group, or an agency whose duties moved on
            names.append(f"\nVăn bản giao: chủ trì {named['lead']}, phối hợp {named['support']} nhiệm vụ", style="dim")
        table.add_row(a["id"], f"{t['lead']}/{t['member']}/{t['inherited']}/{t['support']}", names)
    return table


SCORECARD_WIDE = 130  # below this many columns the record shows its main figures only


def scorecard_view(data: dict[str, Any], width: int = 80) -> Table:
    """Each agency's record: tasks by state, the on-time rate and its base, reports. In a
    terminal narrower than SCORECARD_WIDE, the main figures only (the rest: a wider terminal,
    or -f csv/json), so that no column is cut off."""
    period = f", {data['period_label']}" if data.get("period_label") else ""
    table = _table(f"Kết quả theo cơ quan đến ngày {_d(data['as_of'])}{period} ({len(data['agencies'])})")
    wide = width >= SCORECARD_WIDE
    more = "" if wide else (" Xong: hoàn thành đúng hạn/quá hạn. Cửa sổ hẹp: mở rộng cửa sổ để xem đủ các cột, "
                            "hoặc dùng -f csv.")
    table.caption = f"{data['formula']} {data['ongoing_rule']}{more}"
    table.caption_justify = "left"
    table.add_column("Cơ quan", ratio=1, min_width=16)
    counted = ("NV", "Đúng hạn", "Muộn", "Đang làm", "Quá hạn", "Chưa BC") if wide else \
        ("NV", "Xong", "Quá hạn", "Chưa BC")
    for title in counted:
        table.add_column(title, justify="right", no_wrap=True)
    table.add_column("Tỷ lệ đúng hạn" if wide else "Tỷ lệ", justify="right", no_wrap=True)
    if wide:
        table.add_column("Báo cáo (đúng/muộn/thiếu)", justify="right")
    else:
        table.add_column("Báo cáo kỳ", min_width=10)
    explained = bool(data.get("explanations")) and wide
    if explained:
        table.add_column("Giải trình (đề nghị/đã trả lời/quá hạn)", justify="right")
    for a in data["agencies"]:
        c = a["counts"]
        rate = "—" if a["rate"] is None else f"{format_figure(a['rate'])} %" + (
            f" (trên {a['rate_base']})" if wide else "")
        late = _text(str(c["overdue"]), style="red" if c["overdue"] else "")
        cells: list[str | Text]
        if wide:
            r, x = a["reports"], a["explanations"]
            report = f"{a['report']['state_label']}\n" if a["report"] else ""
            cells = [str(a["tasks"]), str(c["done_on_time"]), str(c["done_late"]), str(c["in_progress"]), late,
                     str(c["no_report"]), rate, f"{report}{r['on_time']}/{r['late']}/{r['missing']}"]
            cells += [f"{x['asked']}/{x['answered']}/{x['overdue']}"] if explained else []
        else:
            cells = [str(a["tasks"]), f"{c['done_on_time']}/{c['done_late']}", late, str(c["no_report"]), rate,
                     a["report"]["state_label"] if a["report"] else ""]
        table.add_row(a["agency_name"], *cells)
    return table


def difficulties_view(data: dict[str, Any], width: int = 80) -> Stack:
    """The agencies' difficulties, then their proposals, for one period."""
    parts = []
    for key, title in (("difficulties", "Khó khăn, vướng mắc"), ("proposals", "Đề xuất, kiến nghị")):
        table = _table(f"{title} {data['period_label']} ({len(data[key])})")
        table.add_column("Cơ quan", ratio=1, min_width=14)
        table.add_column("Nhiệm vụ", no_wrap=True)
        table.add_column("Nội dung", ratio=3, min_width=24)
        table.add_column("Gửi ngày", no_wrap=True)
        for r in data[key]:
            table.add_row(r["agency_name"], r["task"], r["text"], _d(r["submitted"]))
        parts.append(_section(table, data[key]))
    return Stack(*parts)


def _revision_lines(data: dict[str, Any]) -> Text:
    """Deadlines and goals changed after the programme: the original, then each change with its
    date and basis — what the state above is judged against."""
    lines = _text()
    if data["revisions"]:
        lines.append(f"Thời hạn {per_programme()}: {data['due_original_label']}\n")
        for r in data["revisions"]:
            lines.append(f"Điều chỉnh từ {_d(r['date'])}: hạn {r['due_label']} ({r['basis']})\n", style="yellow")
    for ind in data.get("indicators", []):
        if ind.get("revisions"):
            first = ind["goal_original"]
            lines.append(f"{ind['id']}: mục tiêu {per_programme()} {goal_text(first['op'], first['value'], ind['unit'])}\n")
            for r in ind["revisions"]:
                lines.append(f"{ind['id']}: điều chỉnh từ {_d(r['date'])}: {goal_text(r['op'], r['value'], ind['unit'])}"
                             f" ({r['basis']})\n", style="yellow")
    return lines


def show_view(data: dict[str, Any], width: int = 80) -> Stack:
    names: dict[str, str] = data.get("names", {})

    def named(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids)

    if data["kind"] == "agency":
        details = data["details"]
        kind = _agency_kind(details["kind"])
        lines = _text(f"{details['name']} ({details['id']}, {kind})\n", style="bold")
        if details["aliases"]:
            lines.append("Tên gọi khác: " + "; ".join(details["aliases"]) + "\n")
        if details.get("under"):
            lines.append("Cơ quan chủ quản: " + named([details["under"]]) + "\n")
        if details["groups"]:
            lines.append("Thuộc nhóm: " + named(details["groups"]) + "\n")
        if details["members"]:
            lines.append(f"Thành viên ({len(details['members'])}): " + named(details["members"]) + "\n")
        if details["predecessors"]:
            lines.append("Kế thừa từ: " + named(details["predecessors"]) + "\n")
        if details["note"]:
            lines.append("Ghi chú: " + details["note"] + "\n", style="dim")
        sending = _table(f"Lịch sử gửi báo cáo ({len(data['reporting'])} kỳ)")
        for col in ("Kỳ", "Hạn", "Ngày gửi", "Tình trạng"):
            sending.add_column(col, no_wrap=col != "Tình trạng")
        for r in data["reporting"]:
            style = {"on_time": "green", "late": "yellow", "missing": "red"}.get(r["state"], "")
            sending.add_row(r["period"], _d(r["due"]), _d(r["submitted"]), _text(f"{r['state_label']}: {r['detail']}",
                                                                             style=style))
        # The status part speaks of the latest period due, as `status --agency` does; the
        # history of every period is the table below it.
        latest = [r for r in data["reporting"] if r["period"] == data["period"]]
        return Stack(lines, status_view({**data, "reporting": latest}, width), sending)
    if data["kind"] == "target":
        head = _text(f"Chỉ tiêu {data['id']} — {data['due_label']} ({data['source']})\n", style="bold")
        head.append(data["text"] + "\n", style="")
        head.append("Chủ trì: " + (named(data["lead"]) or "không ghi (Phụ lục để trống)") + "\n")
        head.append("Phối hợp: " + (named(data["support"]) or "không") + "\n")
        head.append_text(_revision_lines(data))
        table = targets_table([{"indicators": data["indicators"], "role_label": None}])
        rows = [(ind, h) for ind in data["indicators"] for h in ind["history"]]
        if not rows:
            return Stack(head, table, _text("Chưa có số liệu nào được báo cáo."))
        history = _table(f"Số liệu đã báo cáo ({len(rows)})")
        for col in ("Chỉ số", "Cơ quan", "Kỳ", "Tính đến", "Giá trị", "Nguồn"):
            history.add_column(col, no_wrap=col in ("Chỉ số", "Kỳ", "Tính đến"))
        for ind, h in _shown(rows, history):
            value = _with_unit(h["value"], ind["unit"]) if h["value"] is not None else _num(h["met"])
            history.add_row(ind["id"], names.get(h["agency"], h["agency"]), h["period"], _d(h["as_of"]), value,
                            h["source"] or "")
        trends = _text()
        for ind in data["indicators"]:
            series = [h["value"] for h in ind["history"] if h["value"] is not None]
            if line := sparkline(series):
                trends.append(f"{ind['id']}: {line}  ({_num(series[0])} → {_num(series[-1])}, "
                              f"{len(series)} lần báo cáo)\n")
            trends.append(f"{ind['id']}: {ind['explanation']}\n", style="dim")
        return Stack(head, table, history, trends)
    head = _text(f"Nhiệm vụ {data['id']} — {data['source']} — hạn: {data['due_label']}\n", style="bold")
    head.append(data["text"] + "\n")
    if data["note"]:
        head.append("Ghi chú: " + data["note"] + "\n", style="dim")
    head.append_text(_revision_lines(data))
    head.append("Trạng thái chung: ")
    head.append_text(_state(data["state"], data["state_label"]))
    head.append("\nChủ trì: " + named(data["lead"]))
    support = _text("Phối hợp: " + (named(data["support"]) or "không") + "\n")
    who = _table(f"Cơ quan chịu trách nhiệm ({len(data['responsible'])})")
    for col in ("Cơ quan", "Vai trò", "Trạng thái"):
        who.add_column(col)
    for r in _shown(data["responsible"], who):
        role = r["role_label"] + (f" (qua {names.get(r['via'], r['via'])})" if r["via"] else "")
        who.add_row(r["name"], role, _state(r["state"], r["state_label"]))
    asked = _explanations_table(data.get("explanations") or [])
    if not data["history"]:
        return Stack(head, support, who, _text("Chưa có báo cáo nào về nhiệm vụ này."), *asked)
    history = _table(f"Lịch sử báo cáo ({len(data['history'])})")
    for col in ("Kỳ", "Cơ quan", "Ngày gửi", "Tình trạng", "Kết quả"):
        history.add_column(col, ratio=1 if col == "Kết quả" else None, no_wrap=col in ("Kỳ", "Ngày gửi"))
    for h in _shown(data["history"], history):
        history.add_row(h["period"], names.get(h["agency"], h["agency"]), _d(h["submitted"]),
                        REPORT_STATUS_LABELS.get(h["status"], h["status"]), h["result"] or "")
    return Stack(head, support, who, history, *asked)


def _explanations_table(rows: list[dict[str, Any]]) -> list[Table]:
    """The office's requests for explanation of a task, with the answers ([] when none)."""
    if not rows:
        return []
    table = _table(f"Đề nghị giải trình ({len(rows)})")
    for col in ("Cơ quan", "Đề nghị", "Hạn trả lời", "Tình trạng", "Trả lời"):
        table.add_column(col, ratio=1 if col == "Trả lời" else None, no_wrap=col == "Hạn trả lời")
    for r in rows:
        letter = f"{r['letter']}, " if r["letter"] else ""
        answer = f"{_d(r['answered'])}: {r['answer'] or r['answer_letter'] or ''}" if r["answered"] else ""
        table.add_row(r["agency_name"], f"{letter}{_d(r['asked'])}", _d(r["answer_due"]),
                      _text(r["state_label"], style="red" if r["state"] == "overdue" else ""), answer)
    return [table]


def plain_text(view: Any, data: dict[str, Any]) -> str:
    """A view as plain text for a pipe or a file: nothing wrapped, cut or coloured. Each table
    is its title, a header line and one line per row, columns aligned and separated by at least
    two spaces; a value that spans lines in the terminal is joined with " / "."""
    token = _PLAIN.set(True)
    try:
        rendered = view(data, 10**6)
    finally:
        _PLAIN.reset(token)
    parts = list(rendered.parts) if isinstance(rendered, Stack) else [rendered]
    out: list[str] = []
    for part in parts:
        if isinstance(part, Table):
            out.append(_plain_table(part))
        elif isinstance(part, Text):
            text = part.plain.rstrip("\n")
            if text:
                out.append(text)
        elif isinstance(part, Stack):
            out.append(plain_text(lambda *_, group=part: group, data))
    return "\n".join(out) + "\n"


def _plain_cell(value: Any) -> str:
    lines = str(value).splitlines()  # a Text is its words
    if len(lines) <= 1:  # nearly every cell: one line
        return lines[0].strip() if lines else ""
    return " / ".join(line.strip() for line in lines if line.strip())


def _plain_table(table: Table) -> str:
    header = [_plain_cell(c.header) for c in table.columns]
    rows = [[_plain_cell(cell) for cell in cells] for cells in zip(*(c._cells for c in table.columns), strict=True)]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [_plain_cell(table.title)] if table.title else []
    for row in [header, *rows]:
        cells = [cell.ljust(widths[i]) if i < len(row) - 1 else cell for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    if table.caption:
        lines.append(_plain_cell(table.caption))
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def delayed_spinner(title: str) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr, shown only when the work takes more than a second on a terminal."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False, markup=False, emoji=False)
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                   console=console, transient=True, disable=not console.is_terminal)
    step = bar.add_task(title, total=None)
    import threading

    shown = threading.Timer(1.0, bar.start)
    shown.daemon = True
    shown.start()
    try:
        yield lambda text: bar.update(step, description=text)
    finally:
        shown.cancel()
        bar.stop()


def programmes_view(data: dict[str, Any], width: int = 80) -> Stack:
    """The programmes side by side (key, number, kind, status, tasks, next report), then each
    one's horizon and title on lines of their own: a long title never squeezes the table."""
    table = _table(f"Chương trình trong sổ đăng ký ({len(data['programmes'])})")
    for col in ("Mã", "Số hiệu", "Loại", "Tình trạng", "Nhiệm vụ", "Kỳ báo cáo tới"):
        table.add_column(col, no_wrap=col in ("Mã", "Số hiệu"), justify="right" if col == "Nhiệm vụ" else "left")
    titles = _text()
    for p in data["programmes"]:
        upcoming = f"{p['next_period']} (hạn {_d(p['next_due'])})" if p["next_period"] else \
            "" if p["tasks"] is None else "không còn"  # a programme whose reports due once are all past
        checks = f" (còn {p['to_check']} điểm KIỂM TRA)" if p.get("to_check") else ""  # a draft's way to in force
        table.add_row(p["key"], p["number"] or "", p["kind"] or "", (p["status_label"] or "") + checks,
                      "" if p["tasks"] is None else str(p["tasks"]), upcoming)
        horizon = f" (giai đoạn {p['horizon']})" if p["horizon"] else ""
        titles.append(f"{p['key']}{horizon}: ", style="bold")
        titles.append(f"{p['title'] or p['problem'] or ''}\n")
    return Stack(_section(table, data["programmes"]), titles)
