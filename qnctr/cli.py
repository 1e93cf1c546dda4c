"""The `qnctr` command line: parse options, call the core, print. No logic of its own."""

# No `from __future__ import annotations` here: typer would eval every annotation string
# at start-up, which costs more than the rest of `qnctr status` on the shipped register.
import contextlib
import os
import sys
import threading
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
import typer.core

from . import __version__
from .wording import HELP, USAGE, translated


class _Group(typer.core.TyperGroup):
    def get_help(self, ctx: Any) -> str:
        return translated(super().get_help(ctx), HELP)


class _Command(typer.core.TyperCommand):
    def get_help(self, ctx: Any) -> str:
        return translated(super().get_help(ctx), HELP)


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    name="qnctr",
    help=(
        "Theo dõi thực hiện Chương trình hành động 131/CTr-UBND (Quảng Ninh): ai làm gì, "
        "hạn nào, đã báo cáo gì, chỉ tiêu nào đạt; và lập báo cáo 6 tháng, năm.\n\n"
        "Sổ đăng ký: --data DIR, hoặc $QNCTR_DATA, hoặc ./data (nếu có tasks.yaml), "
        "hoặc sổ đi kèm gói."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Fmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class CheckFmt(StrEnum):
    text = "text"
    json = "json"
    github = "github"


DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Thư mục sổ đăng ký (mặc định: $QNCTR_DATA, ./data, sổ đi kèm).", metavar="THƯ_MỤC"),
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Coi 'hôm nay' là ngày này (YYYY-MM-DD hoặc dd/mm/yyyy).", metavar="DATE")
]
FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help="table (người đọc), json hoặc csv (máy đọc).")]
AgencyOpt = Annotated[
    str | None,
    typer.Option("--agency", "-a", help="Mã, tên hoặc tên gọi khác; không phân biệt hoa thường, có dấu hay không."),
]


def say(text: str, err: bool = False) -> None:
    """Print a line; register text in it cannot act on the terminal (controls made visible)."""
    from .safe_text import printable

    typer.echo(printable(text), err=err)


def fail(message: str, code: int = 2) -> NoReturn:
    say(f"qnctr: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"qnctr {__version__}")
        raise typer.Exit()


# --data and --as-of may stand before the command (qnctr --data X status) or after it; after
# it wins. The group's callback runs first on every invocation and records them here.
_BEFORE_COMMAND: dict[str, Any] = {}


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát.")
    ] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Theo dõi Chương trình hành động 131/CTr-UBND."""
    _BEFORE_COMMAND.clear()
    _BEFORE_COMMAND.update(data=data, as_of=as_of)


def _global(name: str) -> Any:
    return _BEFORE_COMMAND.get(name)


# --- shared plumbing --------------------------------------------------------------------------


def parse_as_of(text: str | None) -> date:
    from .model import FIRST_DAY, LAST_DAY

    day = parse_date_option(text if text is not None else _global("as_of"), "--as-of") or date.today()
    if not FIRST_DAY <= day <= LAST_DAY:
        fail(f"--as-of {day.isoformat()} nằm ngoài khoảng qnctr tính được ({FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y})")
    return day


def data_dir(option: Path | None) -> Path:
    from .load import DataDirError, resolve_data_dir

    try:
        return resolve_data_dir(option if option is not None else _global("data"))
    except DataDirError as exc:
        fail(str(exc))


def load_checked(data: Path | None, as_of: date) -> Any:
    """Load and validate; a register with errors is not queried (exit 1, errors on stderr)."""
    from .checks import validate

    register, diagnostics = validate(data_dir(data), as_of)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        for d in errors[:20]:
            say(d.text(), err=True)
        more = f" (và {len(errors) - 20} lỗi khác)" if len(errors) > 20 else ""
        fail(f"sổ đăng ký có {len(errors)} lỗi{more}; chạy 'qnctr validate' để xem đủ", 1)
    return register


def context(data: Path | None, as_of_text: str | None, period: str | None = None) -> Any:
    from .calendar import Period, PeriodError
    from .queries import Context

    as_of = parse_as_of(as_of_text)
    parsed = None
    if period is not None:
        try:
            parsed = Period.parse(period)
        except PeriodError as exc:
            fail(str(exc))
    ctx = Context.build(load_checked(data, as_of), as_of, parsed)
    if parsed is not None and (problem := ctx.period_refused(parsed)) is not None:
        fail(problem)
    return ctx


def find_agency(ctx: Any, query: str | None) -> Any:
    from .agencies import AgencyQueryError

    if query is None:
        return None
    try:
        return ctx.directory.find(query)
    except AgencyQueryError as exc:
        lines = [str(exc)]
        if exc.candidates:
            label = "Có thể là:" if "không tìm thấy" in str(exc) else "Các cơ quan khớp:"
            lines.append(label)
            lines += [f"  {a.id:<40} {a.name}" for a in exc.candidates]
        fail("\n".join(lines))


def emit(fmt: Fmt, data: dict[str, Any], view: Callable[[dict[str, Any], int], Any],
         csv_rows: list[dict[str, Any]], columns: list[str]) -> None:
    from .render import export
    from .safe_text import printable_data

    if fmt is Fmt.json:
        typer.echo(export.to_json(data))
    elif fmt is Fmt.csv:
        sys.stdout.write(export.to_csv(csv_rows, columns))
    else:
        from .render.table import make_console, plain_text

        console = make_console()
        if console.is_terminal or os.environ.get("QNCTR_LAYOUT") == "table":
            console.print(view(printable_data(data), console.width))
        else:  # a pipe or a file: every row and value whole, one row per line
            sys.stdout.write(plain_text(view, printable_data(data)))


# --- validate and schema --------------------------------------------------------------------------


@app.command(cls=_Command)
def validate(
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi.")] = False,
    fmt: Annotated[
        CheckFmt, typer.Option("--format", "-f", help="text, json hoặc github (chú thích GitHub Actions).")
    ] = CheckFmt.text,
) -> None:
    """Kiểm tra sổ đăng ký: cú pháp, kiểu dữ liệu, mã trùng, tham chiếu, ngày tháng.

    Thoát 0 khi không có lỗi, 1 khi có lỗi, 2 khi dùng sai lệnh.
    """
    from . import diagnostics as diag
    from .checks import validate as run

    day = parse_as_of(as_of)
    _, found = run(data_dir(data), day)
    if strict:
        found = diag.promote_warnings(found)
    if fmt is CheckFmt.json:
        typer.echo(diag.as_json(found))
    elif fmt is CheckFmt.github:
        annotations = diag.as_github(found)
        if annotations:
            say(annotations)
        say(diag.as_text(found))
    else:
        say(diag.as_text(found))
    errors, _ = diag.count(found)
    raise typer.Exit(1 if errors else 0)


@app.command(cls=_Command)
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Ghi mỗi lược đồ thành <tệp>.schema.json vào thư mục này.")
    ] = None,
) -> None:
    """JSON Schema của các tệp sổ đăng ký (cho trình soạn thảo và check-jsonschema)."""
    from .render.export import to_json
    from .schema import schemas

    all_schemas = schemas()
    if out is None:
        typer.echo(to_json(all_schemas))
        return
    if not out.is_dir():
        fail(f"không có thư mục '{out}'")
    from .atomic import atomic_write, refuse_target

    for name, body in all_schemas.items():
        path = out / f"{name}.schema.json"
        if (problem := refuse_target(path, force=True)) is not None:
            fail(problem)
        try:
            atomic_write(path, (to_json(body) + "\n").encode("utf-8"))
        except OSError as exc:
            fail(f"không ghi được '{path}': {exc.strerror}")
        say(f"đã ghi {path}")


# --- queries ------------------------------------------------------------------------------------------

STATUS_COLUMNS = ["kind", "id", "group", "role", "state", "state_label", "due", "value", "target", "op", "unit", "text"]


@app.command(cls=_Command)
def status(
    agency: AgencyOpt = None,
    group: Annotated[str | None, typer.Option("--group", "-g", help="Chỉ nhóm nhiệm vụ này (1–8, V).")] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Tình hình tại kỳ báo cáo YYYY-H1 hoặc YYYY.")] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Số nhiệm vụ theo trạng thái, rồi từng nhiệm vụ và chỉ tiêu (vai trò, trạng thái, báo cáo gần nhất)."""
    from .queries import QueryError
    from .queries import status as run
    from .render.table import status_view

    ctx = context(data, as_of, period)
    found = find_agency(ctx, agency)
    try:
        result = run(ctx, found, group)
    except QueryError as exc:
        fail(str(exc))
    rows = [{"kind": "task", **t} for t in result["tasks"]] + [
        {"kind": "indicator", "role": t["role"], **i} for t in result["targets"] for i in t["indicators"]
    ]
    emit(fmt, result, status_view, rows, STATUS_COLUMNS)


@app.command(cls=_Command)
def overdue(agency: AgencyOpt = None, data: DataOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Nhiệm vụ quá hạn, chỉ tiêu quá hạn chưa đạt/chưa có số liệu, cơ quan chưa gửi báo cáo."""
    from .queries import overdue as run
    from .render.table import overdue_view

    ctx = context(data, as_of)
    result = run(ctx, find_agency(ctx, agency))
    rows = (
        [{"kind": "task", **r} for r in result["tasks"]]
        + [{"kind": "target", **r} for r in result["targets"]]
        + [{"kind": "report", "id": r["period"], **r} for r in result["reports"]]
    )
    emit(fmt, result, overdue_view, rows,
         ["kind", "id", "indicator", "agency", "agency_name", "period", "due", "days_overdue", "state"])


@app.command(cls=_Command)
def upcoming(
    within: Annotated[int, typer.Option("--within", "-w", min=0, max=3650, help="Số ngày tới cần xem.")] = 30,
    agency: AgencyOpt = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Hạn nhiệm vụ, hạn chỉ tiêu và hạn gửi báo cáo trong N ngày tới."""
    from .queries import upcoming as run
    from .render.table import upcoming_view

    ctx = context(data, as_of)
    result = run(ctx, within, find_agency(ctx, agency))
    emit(fmt, result, upcoming_view, result["items"], ["kind", "id", "agency", "agency_name", "due", "days_left"])


@app.command(cls=_Command)
def targets(agency: AgencyOpt = None, data: DataOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Từng chỉ số: mục tiêu, số liệu mới nhất, đánh giá (và cách dự báo tiến độ)."""
    from .queries import targets as run
    from .render.table import targets_view

    ctx = context(data, as_of)
    result = run(ctx, find_agency(ctx, agency))
    rows = [{"target_id": t["id"], "role": t["role"], **i} for t in result["targets"] for i in t["indicators"]]
    emit(fmt, result, targets_view, rows,
         ["target_id", "id", "role", "state", "state_label", "value", "target", "op", "unit", "deadline", "explanation"])


@app.command(cls=_Command)
def show(
    item: Annotated[str, typer.Argument(help="Mã nhiệm vụ (4.b.7), chỉ tiêu (2025.10) hoặc cơ quan (so-noi-vu, hay tên).")],
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Toàn bộ một nhiệm vụ, chỉ tiêu hoặc cơ quan, kèm lịch sử báo cáo."""
    from .queries import QueryError
    from .queries import show as run
    from .render.table import show_view

    ctx = context(data, as_of)
    key = item.strip()
    if key not in ctx.register.tasks and key not in ctx.register.targets and key not in ctx.register.agencies:
        from .agencies import AgencyQueryError

        with contextlib.suppress(AgencyQueryError):
            key = ctx.directory.find(item).id
    try:
        result = run(ctx, key)
    except QueryError as exc:
        fail(str(exc))
    rows = result.get("history") or result.get("tasks") or result.get("indicators") or []
    columns = sorted({k for r in rows for k in r if not isinstance(r[k], (dict, list))})
    emit(fmt, result, show_view, rows, columns)


@app.command(cls=_Command)
def agencies(
    query: Annotated[str | None, typer.Argument(help="Tên cần tra (không bắt buộc).")] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Các cơ quan, tên gọi khác, nhóm, kế thừa và số nhiệm vụ (chủ trì/thành viên/kế thừa/phối hợp)."""
    from .queries import agencies as run
    from .queries import agency_details
    from .render.table import agencies_view

    ctx = context(data, as_of)
    if query is not None:
        found = find_agency(ctx, query)
        result = {"as_of": ctx.as_of.isoformat(), "agencies": [agency_details(ctx, found)]}
    else:
        result = run(ctx)
    rows = [{**a, **{f"tasks_{k}": v for k, v in a["tasks"].items()}} for a in result["agencies"]]
    emit(fmt, result, agencies_view, rows,
         ["id", "name", "kind", "aliases", "members", "succeeded_by", "since", "basis",
          "tasks_lead", "tasks_member", "tasks_inherited", "tasks_support"])


class ReportFmt(StrEnum):
    docx = "docx"
    md = "md"


@app.command(cls=_Command)
def report(
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo: YYYY-H1 (6 tháng) hoặc YYYY (năm).")],
    agency: Annotated[str | None, typer.Option(
        "--agency", "-a", help="Báo cáo của cơ quan này; bỏ trống: báo cáo tổng hợp của cơ quan đầu mối.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o",
        help="Tệp kết quả (mặc định: bao-cao-<chương trình>-<kỳ>[-<cơ quan>].docx; '-' in Markdown ra màn hình).")] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", "-t", help="Mẫu riêng: .docx (docxtpl) hoặc .md.j2 (Jinja); xem templates/README.md.")] = None,
    fmt: Annotated[ReportFmt, typer.Option(
        "--format", "-f", help="docx (Word, LibreOffice) hoặc md (xem nhanh).")] = ReportFmt.docx,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Lập báo cáo 6 tháng hoặc năm theo thể thức Nghị định 30/2020/NĐ-CP.

    Số liệu lấy từ sổ đăng ký; các phần tường thuật được đánh dấu [vàng] để cán bộ viết tiếp.
    """
    from .calendar import Period, PeriodError
    from .report import ReportError, default_filename, produce, write_output

    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        fail(str(exc))
    if template is not None and not template.is_file():
        fail(f"không có tệp mẫu '{template}'")
    ctx = context(data, as_of, period)
    found = find_agency(ctx, agency)
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and fmt is not ReportFmt.md:
        fail("chỉ in ra màn hình được với --format md")
    target = output if output is not None else Path(default_filename(ctx, parsed, found, fmt.value))
    if not to_stdout:
        _check_output(target, force)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = make_stderr_console()
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                   console=console, transient=True, disable=not console.is_terminal)
    step = bar.add_task("Lập báo cáo", total=None)
    shown = threading.Timer(1.0, bar.start)  # only a report that takes more than a second shows progress
    shown.daemon = True
    shown.start()
    try:
        payload = produce(ctx, parsed, found, fmt.value, template, parse_as_of(as_of),
                          progress=lambda text: bar.update(step, description=text))
        if to_stdout:
            sys.stdout.write(payload.decode("utf-8"))
            return
        write_output(target, payload, force)
    except ReportError as exc:
        fail(str(exc))
    finally:
        shown.cancel()
        bar.stop()
    say(f"Đã lập {target}")


def _check_output(target: Path, force: bool) -> None:
    """Refuse early, before the work: a missing folder, a target that is not a regular file,
    an existing file without --force."""
    from .atomic import refuse_target

    if (problem := refuse_target(target, force)) is not None:
        fail(problem)


def make_stderr_console() -> Any:
    from .render.table import make_console

    return make_console(stderr=True)


# --- recording progress -------------------------------------------------------------------------------

STATUS_HELP = ("not_started / in_progress / done / suspended, hoặc viết tiếng Việt: "
               "'chưa triển khai', 'đang thực hiện', 'hoàn thành', 'dừng thực hiện'")


def _write(data: Path | None, change: Any, today: date, register: Any) -> None:
    """Validate against the register, then write under the lock; nothing is written on error."""
    from .record import RecordError, check_change, describe, refuse_packaged, write_change

    root = data_dir(data)
    errors, warnings = check_change(register, change, today)
    if errors:
        fail("không ghi gì vì:\n" + describe(errors))
    for w in warnings:
        say(f"cảnh báo: {w}", err=True)
    try:
        refuse_packaged(root)
        written = write_change(root, change, today, register)
    except RecordError as exc:
        fail(f"không ghi gì vì:\n{exc}")
    except OSError as exc:
        fail(f"không ghi được: {exc.strerror} ({exc.filename})")
    _say_written(written, register, change, "Đã ghi")


def _say_written(written: Any, register: Any, change: Any, verb: str) -> None:
    """Whose report, which file, and every field that changed (or that nothing did)."""
    whose = f"{register.agencies[change.agency].name}, {change.period.label}"
    if not written.changes:
        say(f"Không có gì thay đổi trong {written.path} ({whose}).")
        return
    say(f"{verb} {written.path} ({whose}):")
    for line in written.changes:
        say(f"  {line}")


def parse_date_option(text: str | None, option: str) -> date | None:
    """A date typed as YYYY-MM-DD or dd/mm/yyyy; a wrong one is refused naming its option."""
    from datetime import datetime

    if text is None:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    fail(f"{option} '{text}' không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)")


def _clear_fields(clear: list[str] | None, allowed: tuple[str, ...]) -> dict[str, Any]:
    from .record import FIELD_LABELS, REMOVE

    fields: dict[str, Any] = {}
    for name in clear or []:
        key = name.strip()
        if key not in allowed:
            choices = ", ".join(f"{k} ({FIELD_LABELS[k]})" for k in allowed)
            fail(f"--clear '{name}' không hợp lệ; chỉ xóa được: {choices}")
        fields[key] = REMOVE
    return fields


def _change_for(data: Path | None, as_of: date, agency: str, period: str, submitted: str | None,
                document: str | None) -> tuple[Any, Any]:
    from .calendar import Period, PeriodError
    from .record import Change

    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        fail(str(exc))
    from .queries import Context

    register = load_checked(data, as_of)
    found = find_agency(Context.build(register, as_of), agency)
    sent = parse_date_option(submitted, "--submitted")
    return Change(found.id, parsed, submitted=sent, document=document,
                  default_observed=min(as_of, parsed.cutoff_end)), register


ClearOpt = Annotated[list[str] | None, typer.Option(
    "--clear", help="Xóa một trường đã ghi (lặp lại được). Trường không nêu thì giữ nguyên.", metavar="TRƯỜNG")]


@app.command(cls=_Command)
def record(
    task: Annotated[str, typer.Argument(help="Mã nhiệm vụ, ví dụ 4.b.7.")],
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo YYYY-H1 hoặc YYYY.")],
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan báo cáo (mã, tên hoặc tên gọi khác).")],
    status: Annotated[str | None, typer.Option(
        "--status", "-s", help=STATUS_HELP + ". Bắt buộc khi nhiệm vụ chưa có trong báo cáo kỳ này.")] = None,
    completed: Annotated[str | None, typer.Option(
        "--completed", help="Ngày hoàn thành, YYYY-MM-DD hoặc dd/mm/yyyy (bắt buộc khi done).")] = None,
    result: Annotated[str | None, typer.Option("--result", help="Kết quả (bắt buộc khi suspended: lý do).")] = None,
    difficulties: Annotated[str | None, typer.Option("--difficulties", help="Khó khăn, vướng mắc.")] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="Văn bản, minh chứng.")] = None,
    proposals: Annotated[str | None, typer.Option("--proposals", help="Đề xuất, kiến nghị.")] = None,
    clear: ClearOpt = None,
    submitted: Annotated[str | None, typer.Option(
        "--submitted", help="Ngày gửi báo cáo (mặc định: hôm nay khi tạo tệp).")] = None,
    document: Annotated[str | None, typer.Option("--document", help="Số hiệu văn bản báo cáo, ví dụ 85/BC-SNV.")] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Thêm hoặc cập nhật một nhiệm vụ trong báo cáo của cơ quan (data/progress/<kỳ>/<cơ quan>.yaml).

    Cập nhật chỉ đổi các trường được nêu; muốn xóa một trường đã ghi thì dùng --clear TRƯỜNG
    (completed, result, difficulties, evidence, proposals). Mọi thay đổi được liệt kê.
    """
    from .record import CLEARABLE_TASK_FIELDS, parse_status

    today = parse_as_of(as_of)
    removed = _clear_fields(clear, CLEARABLE_TASK_FIELDS)
    change, register = _change_for(data, today, agency, period, submitted, document)
    given = {"status": parse_status(status) if status is not None else None,
             "completed": parse_date_option(completed, "--completed"), "result": result,
             "difficulties": difficulties, "evidence": evidence, "proposals": proposals}
    for key in removed:
        if given.get(key) is not None:
            fail(f"--clear {key} cùng với giá trị mới cho trường đó: chọn một")
    change.tasks.append({"task": task.strip(), **given, **removed})
    _write(data, change, today, register)


@app.command(cls=_Command)
def observe(
    indicator: Annotated[str, typer.Argument(help="Mã chỉ tiêu đo, ví dụ 2025.10.a.")],
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo YYYY-H1 hoặc YYYY.")],
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan báo cáo.")],
    value: Annotated[str | None, typer.Option(
        "--value", help="Số liệu (chỉ tiêu định lượng): 92,4 hoặc 92.4; 12.345 là mười hai nghìn…")] = None,
    met: Annotated[bool | None, typer.Option("--met/--not-met", help="Đạt / không đạt (chỉ tiêu định tính).")] = None,
    observed: Annotated[str | None, typer.Option(
        "--observed", help="Số liệu tính đến ngày (mặc định: ngày chốt số liệu của kỳ).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Nguồn số liệu.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú.")] = None,
    clear: ClearOpt = None,
    submitted: Annotated[str | None, typer.Option("--submitted", help="Ngày gửi báo cáo.")] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Ghi số liệu (hoặc đạt/không đạt) của một chỉ tiêu vào báo cáo của cơ quan.

    Cập nhật chỉ đổi các trường được nêu; --clear source / --clear note xóa trường đó.
    """
    from .numbers import NumberError, parse_number
    from .record import CLEARABLE_OBSERVATION_FIELDS

    if value is not None and met is not None:
        fail("ghi một trong hai: --value X hoặc --met/--not-met, không cả hai")
    number: float | int | None = None
    if value is not None:
        try:
            number = parse_number(value)
        except NumberError as exc:
            fail(f"--value: {exc}")
    today = parse_as_of(as_of)
    removed = _clear_fields(clear, CLEARABLE_OBSERVATION_FIELDS)
    change, register = _change_for(data, today, agency, period, submitted, None)
    if number is not None:
        from .numbers import fraction_for_percent

        found = register.indicator_ids().get(indicator.strip())
        if found and (doubt := fraction_for_percent(number, found[0].indicators[found[1]].unit)):
            say(f"cảnh báo: --value: {doubt}", err=True)
    change.observations.append({"indicator": indicator.strip(), "value": number, "met": met,
                                "as_of": parse_date_option(observed, "--observed"),
                                "source": source, "note": note, **removed})
    _write(data, change, today, register)


# --- Excel forms ------------------------------------------------------------------------------------


@app.command(cls=_Command)
def form(
    period: Annotated[str, typer.Option("--period", "-p", help="Kỳ báo cáo YYYY-H1 hoặc YYYY.")],
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan nhận mẫu.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Tệp .xlsx (mặc định: mau-bao-cao-<kỳ>-<cơ quan>.xlsx).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Tạo mẫu báo cáo Excel đã điền sẵn nhiệm vụ, chỉ tiêu của một cơ quan để gửi đi."""
    from .calendar import Period, PeriodError
    from .forms import FormError, build_form, form_key
    from .report import ReportError, write_output

    try:
        parsed = Period.parse(period)
    except PeriodError as exc:
        fail(str(exc))
    ctx = context(data, as_of)
    if (problem := ctx.period_refused(parsed)) is not None:
        fail(problem)
    if parsed.cutoff_start > ctx.as_of:
        fail(f"kỳ {parsed} ({parsed.label}) chưa bắt đầu: số liệu của kỳ tính từ {parsed.cutoff_start:%d/%m/%Y}")
    found = find_agency(ctx, agency)
    target = output or Path(f"mau-bao-cao-{parsed}-{found.id}.xlsx")
    _check_output(target, force)
    try:
        key = form_key(ctx.register.root, create=True)
    except (FormError, OSError) as exc:
        fail(f"không tạo được khóa kiểm tra mẫu: {exc}")
    if key.created:
        say(f"Đã tạo khóa kiểm tra mẫu {key.path}: giữ tệp này cùng sổ đăng ký (không gửi kèm mẫu); "
                   "thiếu nó thì không nhập được các mẫu đã gửi đi.")
    try:
        write_output(target, build_form(ctx, found, parsed, key.key), force)
    except ReportError as exc:
        fail(str(exc))
    say(f"Đã tạo {target} (mẫu báo cáo của {found.name}, {parsed.label})")


@app.command("import", cls=_Command)
def import_form(
    file: Annotated[Path, typer.Argument(help="Mẫu .xlsx đã điền (từ 'qnctr form').")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ kiểm tra và cho xem kết quả; không ghi.")] = False,
    submitted: Annotated[str | None, typer.Option(
        "--submitted", help="Ngày cơ quan gửi báo cáo (mặc định: hôm nay khi tạo tệp; tệp đã có giữ ngày gửi cũ).")] = None,
    data: DataOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Nhập mẫu Excel đã điền vào data/progress/<kỳ>/<cơ quan>.yaml. Có lỗi thì không ghi gì.

    Chỉ những ô khác với nội dung điền sẵn trong mẫu mới được ghi; mọi thay đổi, kể cả
    việc xóa, được liệt kê từng trường (cả khi --dry-run).
    """
    from .forms import FormError, read_form
    from .record import RecordError, refuse_packaged, write_change

    if not file.is_file():
        fail(f"không có tệp '{file}'")
    today = parse_as_of(as_of)
    register = load_checked(data, today)
    try:
        content = read_form(file, register.root)
    except FormError as exc:
        fail(str(exc))
    change = content.change
    # Sent today unless said otherwise; an existing report keeps the date it was first sent.
    change.submitted = parse_date_option(submitted, "--submitted")
    change.default_observed = min(today, change.period.cutoff_end)
    errors = content.errors + _form_entry_errors(register, change, today)
    for w in content.warnings:
        say(f"cảnh báo: {w}", err=True)
    if errors:
        fail(f"{file}: {len(errors)} lỗi, không ghi gì:\n" + "\n".join(f"  - {e}" for e in errors))
    root = data_dir(data)
    try:
        refuse_packaged(root)  # a dry run that would succeed where the real import refuses is no preview
        written = write_change(root, change, today, register, dry_run=dry_run)
    except RecordError as exc:
        fail(f"không ghi gì vì:\n{exc}")
    except OSError as exc:
        fail(f"không ghi được: {exc.strerror} ({exc.filename})")
    _say_written(written, register, change, "(thử, không ghi) Sẽ ghi vào" if dry_run else "Đã nhập vào")


def _form_entry_errors(register: Any, change: Any, today: date) -> list[str]:
    """Check the form's rows in one pass; every error names its sheet!cell."""
    from .forms import TARGET_SHEET, TASK_SHEET
    from .record import check_entries

    if change.agency not in register.agencies:
        return [f"_qnctr!B3: cơ quan '{change.agency}' không có trong sổ đăng ký"]
    cells = {id(raw): (TASK_SHEET, raw.pop("_cell")) for raw in change.tasks}
    cells.update({id(raw): (TARGET_SHEET, raw.pop("_cell")) for raw in change.observations})
    errors: list[str] = []
    for raw, problems, warnings in check_entries(register, change, today):
        sheet, cell = cells[id(raw)]
        errors += [f"{sheet}!{cell}: {p}" for p in problems]
        for w in warnings:
            say(f"cảnh báo: {sheet}!{cell}: {w}", err=True)
    return errors


def run() -> None:
    """Console entry point: a closed pipe (qnctr status | head) is not an error; an output that
    cannot be written (a full disk, /dev/full) is a message and exit 1, not a traceback."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except BrokenPipeError:
        _drop_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:
        if exc.filename is not None:
            raise
        _drop_stdout()
        with contextlib.suppress(OSError):
            sys.stderr.write(f"qnctr: không ghi được kết quả ra đầu ra chuẩn: {exc.strerror}\n")
        sys.exit(1)
    except Exception as exc:
        if type(exc).__name__ == "Abort":
            sys.stderr.write("qnctr: đã hủy\n")
            sys.exit(1)
        if not hasattr(exc, "format_message"):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError" and getattr(exc, "ctx", None) is not None:
            typer.echo(exc.ctx.get_help())  # type: ignore[attr-defined]
            sys.exit(0)
        # typer's own (click's) usage errors, said in Vietnamese with the option they concern.
        say(f"qnctr: {usage_message(exc)}", err=True)
        command = getattr(getattr(exc, "ctx", None), "command_path", "qnctr")
        say(f"Xem hướng dẫn: {command} -h", err=True)
        sys.exit(int(getattr(exc, "exit_code", 2)))




def usage_message(exc: Exception) -> str:
    """A usage error of the command-line parser in Vietnamese, naming the option."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        name = getattr(exc, "option_name", "")
        possible = sorted(getattr(exc, "possibilities", None) or [])
        return f"không có tùy chọn {name}" + (f"; có phải: {', '.join(possible)}?" if possible else "")
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        hint = "/".join(getattr(param, "opts", []) or [getattr(param, "name", "") or ""]) or None
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    if kind == "MissingParameter":
        what = "đối số" if getattr(param, "param_type_name", "") == "argument" else "tùy chọn"
        return f"thiếu {what} {hint}" if hint else "thiếu một tùy chọn bắt buộc"
    message = str(getattr(exc, "message", "") or exc)
    message = translated(message, USAGE)
    if kind == "BadParameter" and hint:
        return f"giá trị không hợp lệ cho {hint}: {message}"
    return message


def _drop_stdout() -> None:
    """Point stdout at /dev/null so that the final flush at exit cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    run()
