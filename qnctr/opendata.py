"""The register as open data: SQLite with foreign keys and a Vietnamese full-text search for
Datasette (with its metadata file), and the same tables as Parquet for DuckDB and pandas.

Several registers go into one file, their ids namespaced (province / programme / item) so
they join. The states are the queries' (`status`, `overdue`, the scorecard), computed as of
the day asked and at each period's due date. The same registers and day give the same bytes:
rows are inserted sorted, nothing records the clock."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .agencies import fold
from .calendar import periods_between
from .context import Context
from .errors import QnctrError
from .load import Register, programme_folders
from .model import EXPLANATION_STATE_LABELS
from .register import load_checked, programme_key
from .reporting import report_timeliness
from .state import TASK_STATE_LABELS

# Each table: its columns (name, SQL type, Vietnamese description) and what its rows are.
TABLES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "registers": ("Sổ đăng ký (mỗi tỉnh một sổ)", [
        ("id", "TEXT PRIMARY KEY", "Mã tỉnh (từ địa danh của chương trình)"),
        ("province", "TEXT", "Tỉnh, thành phố"), ("source", "TEXT", "Thư mục sổ đăng ký"),
        ("commit_id", "TEXT", "Phiên bản (commit git) của sổ, nếu có"), ("as_of", "TEXT", "Số liệu tính đến ngày")]),
    "agencies": ("Cơ quan, nhóm cơ quan", [
        ("id", "TEXT PRIMARY KEY", "Mã (tỉnh/cơ quan)"), ("register_id", "TEXT REFERENCES registers(id)", "Sổ đăng ký"),
        ("agency", "TEXT", "Mã cơ quan trong sổ"), ("name", "TEXT", "Tên"), ("kind", "TEXT", "Loại"),
        ("short_name", "TEXT", "Tên viết tắt"), ("aliases", "TEXT", "Tên gọi khác (JSON)"),
        ("members", "TEXT", "Thành viên nhóm (JSON)"),
        ("succeeded_by", "TEXT REFERENCES agencies(id)", "Cơ quan kế thừa"), ("since", "TEXT", "Từ ngày"),
        ("basis", "TEXT", "Căn cứ tổ chức lại"),
        ("under", "TEXT REFERENCES agencies(id)", "Cơ quan chủ quản (khi sổ ghi)")]),
    "programmes": ("Chương trình, kế hoạch", [
        ("id", "TEXT PRIMARY KEY", "Mã (tỉnh/chương trình)"), ("register_id", "TEXT REFERENCES registers(id)", "Sổ"),
        ("key", "TEXT", "Mã thư mục"), ("number", "TEXT", "Số, ký hiệu"), ("kind", "TEXT", "Loại văn bản"),
        ("title", "TEXT", "Tên"), ("issued", "TEXT", "Ngày ban hành"),
        ("issuer_id", "TEXT REFERENCES agencies(id)", "Cơ quan ban hành"),
        ("focal_agency_id", "TEXT REFERENCES agencies(id)", "Cơ quan đầu mối"), ("status", "TEXT", "Tình trạng"),
        ("horizon_from", "INTEGER", "Giai đoạn từ năm"), ("horizon_to", "INTEGER", "Giai đoạn đến năm")]),
    "groups": ("Nhóm nhiệm vụ", [
        ("id", "TEXT PRIMARY KEY", "Mã"), ("programme_id", "TEXT REFERENCES programmes(id)", "Chương trình"),
        ("group_id", "TEXT", "Mã nhóm trong văn bản"), ("title", "TEXT", "Tên nhóm")]),
    "tasks": ("Nhiệm vụ", [
        ("id", "TEXT PRIMARY KEY", "Mã (tỉnh/chương trình/nhiệm vụ)"),
        ("programme_id", "TEXT REFERENCES programmes(id)", "Chương trình"),
        ("group_fk", "TEXT REFERENCES groups(id)", "Nhóm"), ("task", "TEXT", "Mã nhiệm vụ trong văn bản"),
        ("text", "TEXT", "Nội dung"), ("source", "TEXT", "Vị trí trong văn bản"),
        ("due", "TEXT", "Thời hạn"), ("deadline", "TEXT", "Hạn cuối (ngày)"),
        ("lead_id", "TEXT REFERENCES agencies(id)", "Cơ quan chủ trì (đầu tiên)"),
        ("leads", "TEXT", "Các cơ quan chủ trì (JSON)"), ("supports", "TEXT", "Các cơ quan phối hợp (JSON)"),
        ("state", "TEXT", "Tình trạng chung ngày xét"), ("state_label", "TEXT", "Tình trạng (chữ)")]),
    "task_agencies": ("Cơ quan chịu trách nhiệm từng nhiệm vụ và tình trạng của họ ngày xét", [
        ("task_id", "TEXT REFERENCES tasks(id)", "Nhiệm vụ"), ("agency_id", "TEXT REFERENCES agencies(id)", "Cơ quan"),
        ("role", "TEXT", "Vai trò"), ("state", "TEXT", "Tình trạng"), ("state_label", "TEXT", "Tình trạng (chữ)"),
        ("deadline", "TEXT", "Hạn"), ("days_overdue", "INTEGER", "Số ngày quá hạn")]),
    "periods": ("Kỳ báo cáo", [
        ("id", "TEXT PRIMARY KEY", "Mã"), ("programme_id", "TEXT REFERENCES programmes(id)", "Chương trình"),
        ("period", "TEXT", "Kỳ"), ("label", "TEXT", "Tên kỳ"), ("cutoff_start", "TEXT", "Số liệu từ ngày"),
        ("cutoff_end", "TEXT", "Số liệu đến ngày"), ("due", "TEXT", "Hạn gửi báo cáo")]),
    "task_states": ("Tình trạng từng nhiệm vụ của từng cơ quan tại hạn báo cáo mỗi kỳ", [
        ("task_id", "TEXT REFERENCES tasks(id)", "Nhiệm vụ"), ("agency_id", "TEXT REFERENCES agencies(id)", "Cơ quan"),
        ("period_id", "TEXT REFERENCES periods(id)", "Kỳ"), ("state", "TEXT", "Tình trạng"),
        ("state_label", "TEXT", "Tình trạng (chữ)")]),
    "reports": ("Báo cáo của các cơ quan", [
        ("id", "TEXT PRIMARY KEY", "Mã"), ("period_id", "TEXT REFERENCES periods(id)", "Kỳ"),
        ("agency_id", "TEXT REFERENCES agencies(id)", "Cơ quan"), ("submitted", "TEXT", "Ngày gửi"),
        ("document", "TEXT", "Văn bản"), ("timeliness", "TEXT", "Đúng hạn, muộn")]),
    "task_entries": ("Từng nhiệm vụ trong báo cáo", [
        ("report_id", "TEXT REFERENCES reports(id)", "Báo cáo"), ("task_id", "TEXT REFERENCES tasks(id)", "Nhiệm vụ"),
        ("status", "TEXT", "Tình hình"), ("completed", "TEXT", "Ngày hoàn thành"), ("result", "TEXT", "Kết quả"),
        ("difficulties", "TEXT", "Khó khăn, vướng mắc"), ("proposals", "TEXT", "Đề xuất, kiến nghị"),
        ("evidence", "TEXT", "Văn bản, minh chứng")]),
    "targets": ("Chỉ tiêu", [
        ("id", "TEXT PRIMARY KEY", "Mã"), ("programme_id", "TEXT REFERENCES programmes(id)", "Chương trình"),
        ("target", "TEXT", "Mã chỉ tiêu"), ("text", "TEXT", "Nội dung"), ("due", "TEXT", "Thời hạn"),
        ("lead_id", "TEXT REFERENCES agencies(id)", "Cơ quan chủ trì"), ("leads", "TEXT", "Các cơ quan chủ trì (JSON)")]),
    "indicators": ("Chỉ số đo chỉ tiêu", [
        ("id", "TEXT PRIMARY KEY", "Mã"), ("target_id", "TEXT REFERENCES targets(id)", "Chỉ tiêu"),
        ("indicator", "TEXT", "Mã chỉ số"), ("name", "TEXT", "Tên"), ("unit", "TEXT", "Đơn vị"), ("op", "TEXT", "So sánh"),
        ("goal", "REAL", "Mục tiêu"), ("measure", "TEXT", "Cách đo")]),
    "observations": ("Số liệu các cơ quan báo cáo", [
        ("report_id", "TEXT REFERENCES reports(id)", "Báo cáo"),
        ("indicator_id", "TEXT REFERENCES indicators(id)", "Chỉ số"), ("value", "REAL", "Số liệu"),
        ("met", "INTEGER", "Đạt (định tính)"), ("as_of", "TEXT", "Tính đến ngày"), ("source", "TEXT", "Nguồn"),
        ("confirmed", "INTEGER", "Đã xác nhận (số liệu được tính)")]),
    "revisions": ("Điều chỉnh thời hạn", [
        ("item_id", "TEXT", "Nhiệm vụ hoặc chỉ tiêu"), ("date", "TEXT", "Ngày"), ("basis", "TEXT", "Căn cứ"),
        ("due", "TEXT", "Thời hạn mới")]),
    "explanations": ("Đề nghị giải trình", [
        ("task_id", "TEXT REFERENCES tasks(id)", "Nhiệm vụ"), ("agency_id", "TEXT REFERENCES agencies(id)", "Cơ quan"),
        ("asked", "TEXT", "Ngày đề nghị"), ("letter", "TEXT", "Văn bản đề nghị"), ("answer_due", "TEXT", "Hạn trả lời"),
        ("answered", "TEXT", "Ngày trả lời"), ("answer", "TEXT", "Nội dung"), ("state", "TEXT", "Tình trạng ngày xét")]),
}
LABELS = {"registers": "province", "agencies": "name", "programmes": "number", "groups": "title", "tasks": "task",
          "periods": "label", "targets": "target", "indicators": "name", "reports": "id"}
FACETS = {"tasks": ["state_label", "lead_id", "programme_id"], "task_agencies": ["state_label", "agency_id", "role"],
          "reports": ["timeliness", "agency_id"], "task_states": ["period_id", "state_label"],
          "agencies": ["kind", "register_id"]}


class ExportError(QnctrError):
    """An export that cannot be written as asked."""


@dataclass(slots=True)
class Rows:
    tables: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {name: [] for name in TABLES})
    search: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # kind, id, title, text, folded

    def add(self, table: str, *values: Any) -> None:
        self.tables[table].append(values)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "so"


def _commit(root: Path) -> str | None:
    """The commit of a git checkout holding the register, read from .git without running git."""
    for folder in (root, *root.parents):
        head = folder / ".git" / "HEAD"
        if head.is_file():
            text = head.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("ref: "):
                ref = folder / ".git" / text[5:]
                return ref.read_text(encoding="utf-8").strip() if ref.is_file() else None
            return text or None
    return None


def batches(roots: Iterable[Path], as_of: date, drafts: list[str] | None = None) -> Iterator[Rows]:
    """Each register's rows in turn, sorted (each checked: one with errors is refused): a file
    of many provinces is written one province at a time, never held whole in memory. A
    programme still a draft is left out (its keys added to `drafts`): its tasks, leads and
    deadlines are not yet checked against its document (and its skeleton's place, 'Tên tỉnh',
    could name the province), and open data is published."""
    seen: set[str] = set()
    for root in roots:
        folders = programme_folders(root)
        if not folders:
            raise ExportError(f"{root}: không phải sổ đăng ký (không có tasks.yaml hay programmes/)")
        checked = {key: load_checked(folder, as_of) for key, folder in folders.items()}
        registers = {key: r for key, r in checked.items() if not (r.programme and r.programme.status == "draft")}
        if drafts is not None:
            drafts += [key or (r.programme.id if r.programme else str(root)) for key, r in checked.items()
                       if key not in registers]
        if not registers:
            raise ExportError(f"{root}: mọi chương trình còn là bản nháp (status: draft); không có gì để xuất")
        first = next(iter(registers.values()))
        place = next((r.programme.place for r in registers.values() if r.programme and r.programme.place), None)
        province = slug(place) if place else slug(root.resolve().name)
        if province in seen:
            raise ExportError(f"{root}: mã tỉnh '{province}' đã có trong tệp (hai sổ của một tỉnh?)")
        seen.add(province)
        rows = Rows()
        rows.add("registers", province, place or root.resolve().name, str(root), _commit(root.resolve()),
                 as_of.isoformat())
        _agencies(rows, province, first)
        for key, register in sorted(registers.items()):
            _programme(rows, province, programme_key(register.programme.id) if register.programme and not key
                       else key, register, as_of)
        for table in rows.tables.values():
            table.sort(key=lambda row: tuple("" if v is None else str(v) for v in row))
        rows.search.sort()
        yield rows


def collect(roots: Iterable[Path], as_of: date, drafts: list[str] | None = None) -> Rows:
    """Every register's rows in one (for Parquet, written table by table)."""
    whole = Rows()
    for rows in batches(roots, as_of, drafts):
        for name, table in rows.tables.items():
            whole.tables[name] += table
        whole.search += rows.search
    return whole


@dataclass(slots=True)
class Written:
    """What an SQLite export holds: the programmes (for Datasette's metadata) and its counts."""

    programmes: list[str] = field(default_factory=list)
    rows: int = 0
    tasks: int = 0


def _agencies(rows: Rows, province: str, register: Register) -> None:
    for agency in register.agencies.values():
        rows.add("agencies", f"{province}/{agency.id}", province, agency.id, agency.name, str(agency.kind),
                 agency.short_name, json.dumps(list(agency.aliases), ensure_ascii=False),
                 json.dumps([f"{province}/{m}" for m in agency.members], ensure_ascii=False),
                 f"{province}/{agency.succeeded_by}" if agency.succeeded_by else None,
                 agency.since.isoformat() if agency.since else None, agency.basis,
                 f"{province}/{agency.under}" if agency.under else None)
        rows.search.append(("agency", f"{province}/{agency.id}", agency.name,
                            " ".join([agency.name, *agency.aliases]), fold(" ".join([agency.name, *agency.aliases]))))


def _programme(rows: Rows, province: str, key: str, register: Register, as_of: date) -> None:
    from .queries import explanation_rows, status

    programme = register.programme
    if programme is None:
        return
    pid = f"{province}/{key}"
    horizon = programme.horizon
    rows.add("programmes", pid, province, key, programme.id, programme.kind_name, programme.title,
             programme.issued.isoformat(), f"{province}/{programme.issuer}", f"{province}/{programme.focal_agency}",
             programme.status, horizon.start if horizon else None, horizon.end if horizon else None)
    ctx = Context.build(register, as_of)
    overall = {r["id"]: r for r in status(ctx)["tasks"]}

    def agency(aid: str) -> str:
        return f"{province}/{aid}"

    for group in register.groups:
        rows.add("groups", f"{pid}/nhom-{group.id}", pid, group.id, group.title)
    for task in register.tasks.values():
        tid = f"{pid}/{task.id}"
        due = task.due_on(as_of)
        row = overall[task.id]
        rows.add("tasks", tid, pid, f"{pid}/nhom-{register.task_group[task.id]}", task.id, task.text, task.source,
                 due.label(), due.deadline.isoformat() if due.deadline else None,
                 agency(task.lead[0]) if task.lead else None, json.dumps([agency(a) for a in task.lead]),
                 json.dumps([agency(a) for a in task.support]), row["state"], TASK_STATE_LABELS[row["state"]])
        roles = ctx.directory.roles(task.lead, task.support, as_of)
        states = ctx.task_states(task)
        for aid, assignment in roles.items():
            st = states.get(aid)
            rows.add("task_agencies", tid, agency(aid), assignment.role, st.state if st else None,
                     TASK_STATE_LABELS[st.state] if st else None,
                     st.deadline.isoformat() if st and st.deadline else None, st.days_overdue if st else 0)
        for revision in task.revisions:
            rows.add("revisions", tid, revision.date.isoformat(), revision.basis, revision.due.label())
        rows.search.append(("task", tid, f"{programme.id} {task.id}", task.text, fold(task.text)))
    for target in register.targets.values():
        target_id = f"{pid}/{target.id}"
        rows.add("targets", target_id, pid, target.id, target.text, target.due_on(as_of).label(),
                 agency(target.lead[0]) if target.lead else None, json.dumps([agency(a) for a in target.lead]))
        for ind in target.indicators:
            rows.add("indicators", f"{target_id}.{ind.id}", target_id, f"{target.id}.{ind.id}", ind.name, ind.unit,
                     ind.op, float(ind.value) if ind.value is not None else None, ind.measure)
        rows.search.append(("target", target_id, f"{programme.id} {target.id}", target.text, fold(target.text)))
    calendar = register.calendar
    periods = periods_between(calendar.first_after(programme.issued), calendar.current(as_of)) \
        if as_of >= programme.issued else []
    for period in periods:
        period_id = f"{pid}/{period}"
        rows.add("periods", period_id, pid, str(period), period.label, period.cutoff_start.isoformat(),
                 period.cutoff_end.isoformat(), period.due.isoformat())
        if period.due <= as_of:  # the states at each due date that has come
            at = Context.build(register, as_of, period)
            for task in register.tasks.values():
                for aid, st in at.task_states(task).items():
                    rows.add("task_states", f"{pid}/{task.id}", agency(aid), period_id, st.state,
                             TASK_STATE_LABELS[st.state])
        timeliness = {r["agency"]: r["state"] for r in report_timeliness(ctx, period, on=as_of)}
        for loaded in register.reports:
            report = loaded.report
            if report.period != str(period) or report.submitted > as_of:
                continue
            report_id = f"{period_id}/{report.agency}"
            holder = ctx.directory.holder(report.agency, period.due) or report.agency
            rows.add("reports", report_id, period_id, agency(report.agency), report.submitted.isoformat(),
                     report.document, timeliness.get(holder) or timeliness.get(report.agency))
            for entry in report.tasks:
                rows.add("task_entries", report_id, f"{pid}/{entry.task}", entry.status,
                         entry.completed.isoformat() if entry.completed else None, entry.result, entry.difficulties,
                         entry.proposals, entry.evidence)
            for obs in report.targets:
                rows.add("observations", report_id, f"{pid}/{obs.indicator}",
                         float(obs.value) if obs.value is not None else None,
                         None if obs.met is None else int(obs.met), obs.as_of.isoformat(), obs.source,
                         int(bool(obs.confirmed)))
    for x in explanation_rows(ctx):
        rows.add("explanations", f"{pid}/{x['task']}", agency(x["agency"]), x["asked"], x["letter"], x["answer_due"],
                 x["answered"], x["answer"], EXPLANATION_STATE_LABELS[x["state"]])


def write_sqlite(parts: Iterable[Rows], target: Path) -> Written:
    """The tables, their indexes and the search table into a new SQLite file at `target`, one
    register's rows at a time (written beside it, then renamed: a failed export, a register
    refused half-way included, leaves nothing half-written)."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    written = Written()
    try:
        db = sqlite3.connect(tmp, isolation_level=None)
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA page_size=4096")
        db.execute("BEGIN")
        for name, (_, columns) in TABLES.items():
            db.execute(f"CREATE TABLE {name} ({', '.join(f'{c} {t}' for c, t, _ in columns)})")
        # Vietnamese as people type it: the FTS5 tokenizer drops tone marks but keeps đ, so a
        # folded copy of each text (đ → d) is searched beside the text as written.
        db.execute("CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, item UNINDEXED, title, text, folded, "
                   "tokenize = 'unicode61 remove_diacritics 2')")
        for rows in parts:
            for name, (_, columns) in TABLES.items():
                marks = ", ".join("?" for _ in columns)
                db.executemany(f"INSERT INTO {name} VALUES ({marks})", rows.tables[name])
            db.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?)", rows.search)
            written.programmes += [f"{r[3]} ({r[1]})" for r in rows.tables["programmes"]]
            written.rows += sum(len(v) for v in rows.tables.values())
            written.tasks += len(rows.tables["tasks"])
        for name, (_, columns) in TABLES.items():
            for column, kind, _ in columns:
                if "REFERENCES" in kind:
                    db.execute(f"CREATE INDEX {name}_{column} ON {name}({column})")
        db.execute("COMMIT")
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def metadata(written: Written, target: Path) -> dict[str, Any]:
    """Datasette's metadata: titles, the source, each column's Vietnamese description, label
    columns, facets, the search table and the canned queries."""
    db = target.stem
    tables: dict[str, Any] = {}
    for name, (title, columns) in TABLES.items():
        entry: dict[str, Any] = {"title": title, "columns": {c: d for c, _, d in columns}}
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        if name in FACETS:
            entry["facets"] = FACETS[name]
        tables[name] = entry
    tables["search"] = {"title": "Tìm kiếm (gõ có dấu hay không dấu)", "hidden": False}
    programmes = sorted(written.programmes)
    return {
        "title": "Theo dõi thực hiện chương trình, kế hoạch",
        "description": "Sổ đăng ký xuất bằng qnctr: " + "; ".join(programmes),
        "source": "; ".join(programmes), "databases": {db: {"tables": tables, "queries": {
            "qua_han_theo_co_quan": {
                "title": "Nhiệm vụ quá hạn theo cơ quan",
                "sql": "SELECT a.name AS co_quan, count(*) AS so_nhiem_vu_qua_han, max(ta.days_overdue) AS lau_nhat "
                       "FROM task_agencies ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.state = 'overdue' "
                       "GROUP BY a.name ORDER BY so_nhiem_vu_qua_han DESC, a.name"},
            "ket_qua_co_quan": {
                "title": "Kết quả của một cơ quan",
                "sql": "SELECT t.id, t.text, ta.role, ta.state_label, ta.deadline FROM task_agencies ta "
                       "JOIN tasks t ON t.id = ta.task_id WHERE ta.agency_id = :agency_id ORDER BY t.id"},
            "dien_bien_chi_so": {
                "title": "Diễn biến số liệu một chỉ số",
                "sql": "SELECT o.as_of, o.value, r.agency_id, r.period_id FROM observations o "
                       "JOIN reports r ON r.id = o.report_id WHERE o.indicator_id = :indicator_id ORDER BY o.as_of"},
            "tim_kiem": {
                "title": "Tìm nhiệm vụ, chỉ tiêu, cơ quan (có dấu hay không dấu)",
                "sql": "SELECT kind, item, title, text FROM search WHERE search MATCH :q ORDER BY rank"},
        }}},
    }


def search_query(typed: str) -> str:
    """What to MATCH for what a person typed: each word as typed in the text, or folded
    (đ → d) in the folded column."""
    words = [w for w in re.findall(r"\w+", typed)]
    return " AND ".join(f'(text:"{w}" OR folded:"{fold(w)}")' for w in words if fold(w))


def export(roots: list[Path], as_of: date, sqlite_file: Path | None, parquet_dir: Path | None,
           force: bool) -> list[str]:
    """Write the export(s); what was written, a line each. Targets are checked first."""
    from .atomic import atomic_write, check_output

    if sqlite_file is None and parquet_dir is None:
        raise ExportError("cho biết nơi ghi: --sqlite TỆP và/hoặc --parquet THƯ_MỤC")
    meta_file = sqlite_file.with_suffix(".metadata.json") if sqlite_file else None
    for target in filter(None, (sqlite_file, meta_file)):
        check_output(target, force)
    if parquet_dir is not None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ExportError("xuất Parquet cần gói pyarrow: pip install 'qnctr[parquet]'") from None
        if parquet_dir.exists() and not parquet_dir.is_dir():
            raise ExportError(f"--parquet '{parquet_dir}': đã có một tệp ở đó, không phải thư mục")
        if parquet_dir.is_dir() and any(parquet_dir.iterdir()) and not force:
            raise ExportError(f"thư mục '{parquet_dir}' đã có tệp; dùng --force để ghi đè")
    said: list[str] = []
    drafts: list[str] = []
    try:
        if sqlite_file is not None and meta_file is not None:
            written = write_sqlite(batches(roots, as_of, drafts), sqlite_file)
            atomic_write(meta_file, (json.dumps(metadata(written, sqlite_file), ensure_ascii=False, indent=2,
                                                sort_keys=True) + "\n").encode("utf-8"))
            said.append(f"Đã ghi {sqlite_file} ({written.rows} dòng, {written.tasks} nhiệm vụ) và {meta_file} "
                        "(cho Datasette)")
        if parquet_dir is not None:
            write_parquet(collect(roots, as_of, drafts), parquet_dir)
            said.append(f"Đã ghi {len(TABLES)} bảng Parquet vào {parquet_dir}/")
    except OSError as exc:
        from .wording import os_reason

        raise ExportError(f"không ghi được: {os_reason(exc)}") from None
    if drafts := list(dict.fromkeys(drafts)):  # each once, when both forms were written
        said.append(f"Không xuất {len(drafts)} chương trình còn là bản nháp (chưa đối chiếu với văn bản): "
                    f"{', '.join(drafts)}")
    return said


def write_parquet(rows: Rows, folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .atomic import atomic_write

    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, columns) in TABLES.items():
        data = rows.tables[name]
        arrays = {}
        for i, (column, kind, _) in enumerate(columns):
            values = [row[i] for row in data]
            kind_word = kind.split()[0]
            arrow_type = pa.int64() if kind_word == "INTEGER" else pa.float64() if kind_word == "REAL" else pa.string()
            arrays[column] = pa.array(values, type=arrow_type)
        table = pa.table(arrays)
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression="zstd")
        atomic_write(folder / f"{name}.parquet", sink.getvalue().to_pybytes())

