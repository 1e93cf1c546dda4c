"""The `qnctr` command line: options in, one library call, print. A user's error is a
`QnctrError` raised below; `options.Group` prints it and exits with its code."""

# No `from __future__ import annotations` here: typer would eval every annotation string
# at start-up, which costs more than the rest of `qnctr status` on the shipped register.
import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from . import session
from .days import PERIOD_FORMS
from .errors import QnctrError
from .options import (
    STATUS_HELP,
    AgencyOpt,
    AsOfOpt,
    CheckFmt,
    ClearOpt,
    Command,
    ConfirmOpt,
    DataOpt,
    Fmt,
    FmtOpt,
    ForceOpt,
    Group,
    PeriodOpt,
    ProgrammeOpt,
    ProgrammesAction,
    ReportFmt,
    SubmittedOpt,
    WithdrawOpt,
    qualified,
    say_outcome,
    show_version,
)
from .session import CHOSEN, say


def emit(fmt: str, data: Any, query: str) -> None:
    """A result in the form asked (render/output.py, imported when a command answers: a help
    page or a usage error needs none of it)."""
    from .render.output import emit as shown

    shown(fmt, data, query)


app = typer.Typer(
    cls=Group,
    add_completion=False,
    name="qnctr",
    help=(
        "Theo dõi thực hiện các chương trình, kế hoạch: ai làm gì, hạn nào, đã báo cáo gì, "
        "chỉ tiêu nào đạt; và lập báo cáo theo lịch báo cáo của từng chương trình.\n\n"
        "Sổ đăng ký: --data DIR, hoặc $QNCTR_DATA, hoặc ./data (nếu là sổ đăng ký: có programmes/ hoặc tasks.yaml), "
        "hoặc sổ đi kèm gói."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


_BEFORE_COMMAND = session.BEFORE  # --data, --as-of, --no-cache given before the command


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True,
                                          help="In phiên bản rồi thoát.")] = False,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Đọc lại mọi tệp, không dùng bộ nhớ đệm (như QNCTR_CACHE=0).")] = False,
) -> None:
    """Theo dõi thực hiện các chương trình, kế hoạch."""
    gc.enable()  # off while qnctr was imported (__main__.run); a command may build much and free cycles
    session.begin(data, as_of, no_cache, programme)  # a -P after the command (its callback) wins


# --- from options to library objects (session.py, shared with the quick path) ------------------------

_register_root, _root, _day, _register, _context, _keys = (
    session.register_root, session.root, session.day, session.register, session.context, session.keys)


def _each(fmt: Fmt, query: str, ask: Any, data: Path | None, as_of: str | None, *one: str | None) -> None:
    session.each(fmt.value, query, ask, data, as_of, *one)


# --- validate and schema --------------------------------------------------------------------------


@app.command(cls=Command)
def validate(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Tệp của sổ đăng ký (pre-commit truyền vào): kiểm tra sổ chứa chúng.", show_default=False)] = None,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (trừ cảnh báo đã ghi nhận).")] = False,
    fmt: Annotated[
        CheckFmt, typer.Option("--format", "-f", help="text, json hoặc github (chú thích GitHub Actions).")
    ] = CheckFmt.text,
) -> None:
    """Kiểm tra sổ đăng ký: cú pháp, kiểu dữ liệu, mã trùng, tham chiếu, ngày tháng.

    Kiểm tra sổ ở --data, QNCTR_DATA hoặc ./data, hoặc sổ chứa các TỆP nêu ra; không bao giờ tự
    kiểm tra sổ đi kèm gói. Cảnh báo ghi nhận trong known-warnings.yaml (kèm lý do) không làm
    --strict thất bại. Thoát 0 khi không có lỗi, 1 khi có lỗi, 2 khi dùng sai lệnh.
    """
    from .diagnostics import printed
    from .register import validate_registers

    found = validate_registers(files or [], data if data is not None else _BEFORE_COMMAND.get("data"), _day(as_of))
    text, code = printed(found, fmt.value, strict)
    typer.echo(text) if fmt is CheckFmt.json else say(text, fit=fmt is CheckFmt.text)
    raise typer.Exit(code)


@app.command(cls=Command)
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="THƯ_MỤC", help="Ghi các <tệp>.schema.json vào thư mục này.")
    ] = None,
) -> None:
    """JSON Schema của các tệp sổ đăng ký (cho trình soạn thảo và check-jsonschema)."""
    from .render.export import to_json
    from .schema import schemas, write_schemas

    if out is None:
        typer.echo(to_json(schemas()))
        return
    for path in write_schemas(out):
        say(f"đã ghi {path}")


# --- queries ------------------------------------------------------------------------------------------


@app.command(cls=Command)
def status(
    agency: AgencyOpt = None,
    group: Annotated[str | None, typer.Option("--group", "-g", help="Chỉ nhóm nhiệm vụ này (mã nhóm trong tasks.yaml).")] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help=f"Tình hình tại kỳ báo cáo: {PERIOD_FORMS}.")] = None,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
    fmt: FmtOpt = Fmt.table,
) -> None:
    """Số nhiệm vụ theo trạng thái, rồi từng nhiệm vụ và chỉ tiêu (vai trò, trạng thái, báo cáo gần nhất)."""
    session.ask_status(fmt.value, agency, data, as_of, period, group)


@app.command(cls=Command)
def overdue(agency: AgencyOpt = None, data: DataOpt = None,
            programme: ProgrammeOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Nhiệm vụ quá hạn, chỉ tiêu quá hạn chưa đạt/chưa có số liệu, cơ quan chưa gửi báo cáo."""
    session.ask_overdue(fmt.value, agency, data, as_of)


@app.command(cls=Command)
def upcoming(within: Annotated[int, typer.Option("--within", "-w", min=0, max=session.UPCOMING_MOST_DAYS,
                                                 help="Số ngày tới cần xem.")] = session.UPCOMING_DAYS,
             agency: AgencyOpt = None, data: DataOpt = None,
             programme: ProgrammeOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Hạn nhiệm vụ, hạn chỉ tiêu và hạn gửi báo cáo trong N ngày tới."""
    session.ask_upcoming(fmt.value, within, agency, data, as_of)


@app.command(cls=Command)
def targets(agency: AgencyOpt = None, data: DataOpt = None,
            programme: ProgrammeOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Từng chỉ số: mục tiêu, số liệu mới nhất, đánh giá (và cách dự báo tiến độ)."""
    session.ask_targets(fmt.value, agency, data, as_of)


@app.command(cls=Command)
def show(item: Annotated[str, typer.Argument(callback=qualified, help="Mã nhiệm vụ, chỉ tiêu (KEY:MÃ), hoặc cơ quan.")],
         data: DataOpt = None, programme: ProgrammeOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Toàn bộ một nhiệm vụ, chỉ tiêu hoặc cơ quan, kèm lịch sử báo cáo."""
    from .queries import show as run

    _each(fmt, "show", lambda ctx: run(ctx, item), data, as_of)


@app.command(cls=Command)
def agencies(query: Annotated[str | None, typer.Argument(help="Tên cần tra (không bắt buộc).")] = None,
             data: DataOpt = None, programme: ProgrammeOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Các cơ quan, tên gọi khác, nhóm, kế thừa và số nhiệm vụ (chủ trì/thành viên/kế thừa/phối hợp)."""
    from .queries import agencies as run

    _each(fmt, "agencies", lambda ctx: run(ctx, query), data, as_of)


@app.command(cls=Command)
def scorecard(period: Annotated[str | None, typer.Option("--period", "-p", help="Kỳ xét (mặc định: hôm nay).")] = None,
              data: DataOpt = None, programme: ProgrammeOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Kết quả của từng cơ quan: nhiệm vụ theo tình trạng, tỷ lệ đúng hạn, báo cáo đúng hạn/muộn/thiếu.

    Tỷ lệ chỉ tính nhiệm vụ đã hoàn thành hoặc đã hết hạn; nhiệm vụ thường xuyên không tính
    (QĐ 23/2018/QĐ-TTg), trừ khi chương trình ghi ongoing_in_rates: true."""
    from .scores import scorecard as run

    _each(fmt, "scorecard", lambda ctx: run(ctx, ctx.period), data, as_of, period)


@app.command(cls=Command)
def difficulties(period: PeriodOpt, agency: AgencyOpt = None, data: DataOpt = None, programme: ProgrammeOpt = None,
                 as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Khó khăn, vướng mắc và đề xuất, kiến nghị các cơ quan báo cáo trong kỳ, kèm cơ quan, nhiệm vụ, ngày gửi."""
    from .scores import concerns

    ctx = _context(data, as_of, period)
    assert ctx.period is not None
    emit(fmt.value, concerns(ctx, ctx.period, ctx.find_agency(agency)), "difficulties")


@app.command(cls=Command)
def compare(
    first: Annotated[str | None, typer.Argument(help="Kỳ trước, ví dụ 2025.")] = None,
    second: Annotated[str | None, typer.Argument(help="Kỳ sau, ví dụ 2026.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Thay cho hai kỳ: từ ngày này đến nay.")] = None,
    agency: AgencyOpt = None, data: DataOpt = None,
    programme: ProgrammeOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table,
) -> None:
    """Những gì thay đổi giữa hai kỳ (hoặc từ --since đến nay): nhiệm vụ đổi trạng thái,
    chỉ tiêu đổi đánh giá, cơ quan gửi báo cáo đúng hạn/muộn."""
    from .compare import changes
    from .days import parse_day

    ctx = _context(data, as_of)
    result = changes(ctx.register, ctx.as_of, first, second, parse_day(since, "--since"), ctx.find_agency(agency))
    emit(fmt.value, result, "compare")


@app.command(cls=Command)
def programmes(action: Annotated[ProgrammesAction | None, typer.Argument(metavar="[move]", help=(
        "Bỏ trống: liệt kê. move: chuyển sổ một chương trình ở gốc sang programmes/<mã>/."))] = None,
        key: Annotated[str | None, typer.Argument(help="Mã thư mục khi move (mặc định: từ số hiệu, như 210-kh-ubnd).")] = None,
        data: DataOpt = None, as_of: AsOfOpt = None, fmt: FmtOpt = Fmt.table) -> None:
    """Các chương trình trong sổ đăng ký: mã, số hiệu, loại, tình trạng, giai đoạn, số nhiệm vụ, kỳ báo cáo tới."""
    from .register import list_programmes, move_to_programmes

    root = _register_root(data)
    if action is None:
        emit(fmt.value, list_programmes(root, _day(as_of), not _BEFORE_COMMAND.get("no_cache")), "programmes")
    for line in move_to_programmes(root, key) if action is ProgrammesAction.move else ():
        say(f"Đã chuyển {line}")


@app.command(cls=Command)
def init(folder: Annotated[Path, typer.Argument(help="Thư mục sổ đăng ký (mới, hoặc sổ đã có để thêm chương trình).")],
         number: Annotated[str, typer.Option("--number", "-n", help="Số, ký hiệu văn bản, ví dụ 210/KH-UBND.")],
         key: Annotated[str | None, typer.Option("--key", help="Mã thư mục (mặc định: từ số hiệu).")] = None,
         as_of: AsOfOpt = None) -> None:
    """Tạo sổ đăng ký mới, hoặc thêm một chương trình vào sổ đã có: khung mẫu có chú thích, kiểm tra được ngay.

    Điền phần đầu, lịch báo cáo, các nhóm và nhiệm vụ theo văn bản (mỗi dòng '# KIỂM TRA:' là chỗ
    khung ghi tạm: điền xong thì xóa chú thích), rồi chạy 'qnctr validate' và đổi status sang in_force."""
    from .start import init_register

    for path in init_register(folder, key, number, _day(as_of)):
        say(f"Đã tạo {path}")
    say(f"Điền theo văn bản các dòng có '# KIỂM TRA:' (xóa chú thích khi đã điền), rồi kiểm tra: "
        f"qnctr validate --data {folder}")


@app.command(cls=Command)
def ingest(file: Annotated[Path, typer.Argument(help="Văn bản .docx, .pdf có lớp chữ, .txt (cả bản lưu từ trang luật).")],
           data: Annotated[Path | None, typer.Option(
               "--data", metavar="THƯ_MỤC", help="Sổ đăng ký (đã có, hoặc thư mục mới).")] = None,
           key: Annotated[str | None, typer.Option("--key", help="Mã thư mục chương trình (mặc định: từ số hiệu).")] = None,
           replace: Annotated[bool, typer.Option("--replace", help="Đọc lại vào chương trình đã có và ghi đè.")] = False,
           fmt: Annotated[CheckFmt, typer.Option("--format", "-f", help="text, json (tóm tắt) hoặc github.")] = CheckFmt.text,
           as_of: AsOfOpt = None) -> None:
    """Đọc một kế hoạch, chương trình (.docx, PDF, văn bản) thành bản nháp trong sổ đăng ký.

    Ghi programmes/<mã>/tasks.yaml, targets.yaml (status: draft) và thêm cơ quan mới vào
    agencies.yaml; mọi điểm chưa chắc được in dạng tệp:dòng và đánh dấu '# KIỂM TRA:'. Chương
    trình đã có: chỉ in khác biệt, ghi đè khi có --replace. Sổ: --data, QNCTR_DATA hoặc ./data."""
    from .ingest import ingest as run
    from .ingest import printed

    register = data or _BEFORE_COMMAND.get("data") or Path(os.environ.get("QNCTR_DATA") or "data")
    text, code = printed(run(file, register, key, replace, _day(as_of)), fmt.value, replace)
    typer.echo(text) if fmt is not CheckFmt.text else say(text)
    raise typer.Exit(code)


# --- documents --------------------------------------------------------------------------------------


@app.command(cls=Command)
def report(
    period: PeriodOpt,
    agency: Annotated[str | None, typer.Option(
        "--agency", "-a", help="Báo cáo của cơ quan này; bỏ trống: báo cáo tổng hợp của cơ quan đầu mối.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o",
        help="Tệp kết quả (mặc định: bao-cao-<chương trình>-<kỳ>[-<cơ quan>].docx; '-' in Markdown ra màn hình).")] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", "-t", help="Mẫu riêng: .docx (docxtpl) hoặc .md.j2 (Jinja); xem templates/README.md.")] = None,
    fmt: Annotated[ReportFmt | None, typer.Option(
        "--format", "-f", help=("docx (Word, LibreOffice) hoặc md (xem nhanh); mặc định theo đuôi tệp -o "
                                "(.md, .txt: md), rồi theo mẫu -t, rồi docx."))] = None,
    force: ForceOpt = False,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Lập báo cáo kỳ theo thể thức Nghị định 30/2020/NĐ-CP (6 tháng, năm, quý, tháng… theo lịch của chương trình).

    Số liệu lấy từ sổ đăng ký; các phần tường thuật được đánh dấu [vàng] để cán bộ viết tiếp.
    """
    from .report import ReportRequest, produce

    ctx = _context(data, as_of, period)
    request = ReportRequest.of(ctx, ctx.find_agency(agency), fmt and fmt.value, output, template, force, issued_on=_day(as_of))
    from .render.table import delayed_spinner

    with delayed_spinner("Lập báo cáo") as step:
        payload = produce(ctx, request, progress=step)
        if request.to_stdout:
            sys.stdout.write(payload.decode("utf-8"))
            return
        from .atomic import write_output

        write_output(request.output, payload, force)
    say(f"Đã lập {request.output}")


@app.command(cls=Command)
def remind(
    period: PeriodOpt,
    agency: Annotated[str | None, typer.Option("--agency", "-a", help="Chỉ công văn gửi cơ quan này.")] = None,
    per_agency: Annotated[bool, typer.Option("--per-agency", help="Mỗi cơ quan một công văn.")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=(
        "Tệp (mặc định don-doc-<chương trình>-<kỳ>[-<cơ quan>]); thư mục với --per-agency; '-' in ra với -f md."))] = None,
    template: Annotated[Path | None, typer.Option("--template", "-t", help="Mẫu riêng (.docx hoặc .md.j2).")] = None,
    fmt: Annotated[ReportFmt | None, typer.Option("--format", "-f", help=(
        "docx (Word) hoặc md (thư điện tử); mặc định theo đuôi tệp -o (.md, .txt: md), rồi theo mẫu -t, rồi docx."))] = None,
    force: ForceOpt = False, data: DataOpt = None, programme: ProgrammeOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Lập công văn đôn đốc (NĐ 30/2020) gửi các cơ quan còn báo cáo chưa gửi, nhiệm vụ quá hạn.

    Theo tình hình ngày lập (--as-of): báo cáo kỳ chưa gửi, nhiệm vụ và chỉ tiêu quá hạn, việc
    sắp đến hạn trước hạn báo cáo. Cơ quan không còn việc tồn đọng thì không được gửi."""
    from .followup import write_reminders
    from .register import asked

    folders = asked(_register_root(data), CHOSEN, _day(as_of), not _BEFORE_COMMAND.get("no_cache"))
    keys = list(folders) if len(folders) > 1 else [""]  # several in force, none named: a letter for each
    for key in keys:
        CHOSEN.update({"programme": key} if key else {})
        ctx = _context(data, as_of)
        text, said = write_reminders(ctx, period, ctx.find_agency(agency), per_agency, fmt and fmt.value, output, template,
                                     force, _day(as_of), several=len(keys) > 1)
        sys.stdout.write(text)
        for line in said:
            say(f"{key}: {line}" if key else line)


@app.command(cls=Command)
def export(
    registers: Annotated[list[Path] | None, typer.Argument(help="Các sổ đăng ký (mặc định: sổ ở --data).")] = None,
    sqlite: Annotated[Path | None, typer.Option("--sqlite", help="Tệp SQLite (kèm <tệp>.metadata.json cho Datasette).")] = None,
    parquet: Annotated[Path | None, typer.Option("--parquet", help="Thư mục Parquet (cần qnctr[parquet]).")] = None,
    force: ForceOpt = False, data: DataOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Xuất sổ đăng ký (một hay nhiều tỉnh) thành SQLite cho Datasette, hoặc Parquet cho DuckDB, pandas.

    Bảng có khóa ngoại, mã theo tỉnh/chương trình/mục để ghép nhiều sổ; tình trạng tính như
    status, overdue; tìm kiếm có dấu hay không dấu. Cùng sổ, cùng ngày cho cùng một tệp."""
    from .opendata import export as run

    for line in run(registers or [_register_root(data)], _day(as_of), sqlite, parquet, force):
        say(line)


@app.command(cls=Command)
def site(output: Annotated[Path, typer.Option("--output", "-o", metavar="THƯ_MỤC", help=(
        "Thư mục trang web: mới, trống, hoặc do qnctr site tạo trước đó (được thay cả thư mục)."))] = Path("public"),
         data: DataOpt = None, programme: ProgrammeOpt = None, as_of: AsOfOpt = None) -> None:
    """Dựng trang web tĩnh để xem: tổng quan, từng cơ quan, nhiệm vụ, chỉ tiêu, quá hạn.

    Mở index.html ngay trên máy (không cần mạng, máy chủ), đặt lên mạng nội bộ, hoặc chép cả thư mục."""
    from .render.site import write_site
    from .render.table import delayed_spinner

    later: list[date] = []  # the reports sent after the day asked, in every programme: said once
    contexts = [(key, _context(data, as_of, later=later)) for key in _keys(data, as_of)]  # several in force: a site each
    session.say_later(as_of, later)
    with delayed_spinner("Dựng trang web") as step:
        built = write_site(contexts if len(contexts) > 1 else contexts[0][1], output, progress=step)
    say(built.said())


@app.command(cls=Command)
def form(
    period: PeriodOpt,
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan nhận mẫu.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Tệp .xlsx (mặc định: mau-bao-cao-[<chương trình>-]<kỳ>-<cơ quan>.xlsx).")] = None,
    force: ForceOpt = False,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Tạo mẫu báo cáo Excel đã điền sẵn nhiệm vụ, chỉ tiêu của một cơ quan để gửi đi."""
    from .context import period_of
    from .intake.build import form_name, write_form

    ctx = _context(data, as_of)
    parsed, found = period_of(ctx.register, period), ctx.directory.find(agency)
    target = output or form_name(ctx, found, parsed)
    if (key := write_form(ctx, found, parsed, target, force)) is not None:
        say(f"Đã tạo khóa kiểm tra mẫu {key}: giữ tệp này cùng sổ đăng ký (commit vào kho sổ đăng ký để đồng nghiệp "
            "nhập được mẫu; không gửi kèm mẫu). Thiếu nó thì không nhập được các mẫu đã gửi đi.")
    say(f"Đã tạo {target} (mẫu báo cáo của {found.name}, {parsed.label})")


# --- recording progress -------------------------------------------------------------------------------


@app.command(cls=Command)
def record(
    task: Annotated[str, typer.Argument(callback=qualified, help="Mã nhiệm vụ, ví dụ 4.b.7 (hoặc 210-kh-ubnd:1.a.1).")],
    period: PeriodOpt,
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
    withdraw: WithdrawOpt = False,
    force: Annotated[bool, typer.Option("--force", help=(
        "Ghi cả khi cơ quan không có vai trò trong nhiệm vụ theo sổ đăng ký (văn bản giao thêm)."))] = False,
    submitted: SubmittedOpt = None,
    document: Annotated[str | None, typer.Option("--document", help="Số hiệu văn bản báo cáo, ví dụ 85/BC-ABC.")] = None,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Thêm hoặc cập nhật một nhiệm vụ trong báo cáo của cơ quan (progress/<kỳ>/<cơ quan>.yaml của chương trình).

    Cập nhật chỉ đổi các trường được nêu; muốn xóa một trường đã ghi thì dùng --clear TRƯỜNG
    (completed, result, difficulties, evidence, proposals); --withdraw rút cả mục khỏi báo cáo.
    Mọi thay đổi được liệt kê.
    """
    from .days import parse_day
    from .record import CLEARABLE_TASK_FIELDS, entry_given, parse_status

    given = {"status": parse_status(status) if status is not None else None,
             "completed": parse_day(completed, "--completed"), "result": result,
             "difficulties": difficulties, "evidence": evidence, "proposals": proposals}
    entry = entry_given("task", task, given, clear or [], CLEARABLE_TASK_FIELDS, withdraw)
    _write(data, as_of, agency, period, submitted, document, tasks=[entry], force=force)


@app.command(cls=Command)
def observe(
    indicator: Annotated[str, typer.Argument(callback=qualified, help="Mã chỉ tiêu đo, ví dụ 2025.10.a.")],
    period: PeriodOpt,
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan báo cáo.")],
    value: Annotated[str | None, typer.Option(
        "--value", help="Số liệu (chỉ tiêu định lượng): 92,4 hoặc 92.4; 12.345 là mười hai nghìn…")] = None,
    met: Annotated[bool | None, typer.Option("--met/--not-met", help="Đạt / không đạt (chỉ tiêu định tính).")] = None,
    observed: Annotated[str | None, typer.Option(
        "--observed", help="Số liệu tính đến ngày (mặc định: ngày chốt số liệu của kỳ, hoặc hôm nay nếu chưa đến).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Nguồn số liệu.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú.")] = None,
    clear: ClearOpt = None,
    withdraw: WithdrawOpt = False,
    confirm_doubts: ConfirmOpt = False,
    submitted: SubmittedOpt = None,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Ghi số liệu (hoặc đạt/không đạt) của một chỉ tiêu vào báo cáo của cơ quan.

    Cập nhật chỉ đổi các trường được nêu; --clear source / --clear note xóa trường đó, --clear confirmed bỏ dấu đã xác nhận;
    --withdraw rút số liệu đã ghi khỏi báo cáo.
    """
    from .days import parse_day
    from .numbers import parse_option
    from .record import CLEARABLE_OBSERVATION_FIELDS, TYPED, entry_given

    if value is not None and met is not None:
        raise QnctrError("ghi một trong hai: --value X hoặc --met/--not-met, không cả hai")
    given = {"value": parse_option(value, "--value"), "met": met, TYPED: value,  # as typed: its % is checked
             "as_of": parse_day(observed, "--observed"), "source": source, "note": note}
    entry = entry_given("indicator", indicator, given, clear or [], CLEARABLE_OBSERVATION_FIELDS, withdraw)
    _write(data, as_of, agency, period, submitted, None, observations=[entry], confirm_doubts=confirm_doubts)


def _write(data: Path | None, as_of: str | None, agency: str, period: str, submitted: str | None,
           document: str | None, force: bool = False, confirm_doubts: bool = False,
           **entries: list[dict[str, Any]]) -> None:
    from .days import parse_day
    from .record import record_entries

    say_outcome(record_entries(_root(data), _register(data, as_of, cached=True), _day(as_of), agency, period,
                        parse_day(submitted, "--submitted"), document, force=force, confirm_doubts=confirm_doubts,
                        **entries))


@app.command(cls=Command)
def explain(
    task: Annotated[str, typer.Argument(callback=qualified, help="Mã nhiệm vụ cần giải trình.")],
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan được đề nghị giải trình.")],
    due: Annotated[str | None, typer.Option("--due", help="Ghi đề nghị: hạn trả lời (YYYY-MM-DD, dd/mm/yyyy).")] = None,
    letter: Annotated[str | None, typer.Option("--letter", help="Số văn bản đề nghị, ví dụ 125/BXT-TH.")] = None,
    asked: Annotated[str | None, typer.Option("--asked", help="Ngày đề nghị (mặc định: hôm nay).")] = None,
    answered: Annotated[str | None, typer.Option("--answered", help="Ghi kết quả: ngày cơ quan trả lời.")] = None,
    answer: Annotated[str | None, typer.Option("--answer", help="Nội dung giải trình.")] = None,
    answer_letter: Annotated[str | None, typer.Option("--answer-letter", help="Số văn bản trả lời.")] = None,
    data: DataOpt = None, programme: ProgrammeOpt = None, as_of: AsOfOpt = None,
) -> None:
    """Ghi đề nghị giải trình một nhiệm vụ (--due) hoặc kết quả giải trình (--answered) vào explanations.yaml.

    Đề nghị chưa trả lời quá hạn được tính là quá hạn (overdue, công văn đôn đốc, kết quả theo cơ quan)."""
    from .days import parse_day
    from .explain import Asked, record_explanation
    from .register import refuse_packaged

    root, register = _root(data), _register(data, as_of, cached=True)
    refuse_packaged(root)
    found = _context(data, as_of).find_agency(agency)
    assert found is not None
    given = Asked(task, found.id, parse_day(asked, "--asked"), letter, parse_day(due, "--due"),
                  parse_day(answered, "--answered"), answer, answer_letter)
    path, said, written = record_explanation(root, register, given, _day(as_of))
    say(f"{'Đã ghi' if written else 'Không ghi gì vào'} {path}: " + "; ".join(said))


@app.command(cls=Command)
def withdraw(
    period: PeriodOpt,
    agency: Annotated[str, typer.Option("--agency", "-a", help="Cơ quan có báo cáo cần rút.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ cho xem báo cáo sẽ rút; không xóa.")] = False,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Rút cả báo cáo của một cơ quan cho một kỳ (ghi nhầm cơ quan, nhầm kỳ); in mọi mục đã ghi để ghi lại đúng chỗ."""
    from .record import withdraw_report

    say_outcome(withdraw_report(_root(data), _register(data, as_of, cached=True), _day(as_of), agency, period, dry_run))


@app.command("import", cls=Command)
def import_form(
    file: Annotated[Path, typer.Argument(help="Mẫu .xlsx đã điền (từ 'qnctr form').")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Chỉ kiểm tra và cho xem kết quả; không ghi.")] = False,
    overwrite_newer: Annotated[bool, typer.Option("--overwrite-newer", help=(
        "Ghi cả những ô mà sổ đăng ký đã sửa sau khi tạo mẫu (mặc định: từ chối, nêu từng ô)."))] = False,
    confirm_doubts: ConfirmOpt = False,
    submitted: Annotated[str | None, typer.Option(
        "--submitted", help="Ngày cơ quan gửi báo cáo (mặc định: hôm nay khi tạo tệp; tệp đã có giữ ngày gửi cũ).")] = None,
    data: DataOpt = None, programme: ProgrammeOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Nhập mẫu Excel đã điền vào progress/<kỳ>/<cơ quan>.yaml của chương trình ghi trong mẫu. Có lỗi thì không ghi gì.

    Chỉ những ô khác với nội dung điền sẵn trong mẫu mới được ghi; mọi thay đổi, kể cả
    việc xóa, được liệt kê từng trường (cả khi --dry-run).
    """
    from .days import parse_day
    from .intake.read import form_programme
    from .intake.read import import_form as run
    from .register import route_form

    CHOSEN["programme"] = route_form(form_programme(file), _register_root(data), CHOSEN.get("programme"))
    say_outcome(run(file, _root(data), _register(data, as_of, cached=True), _day(as_of), parse_day(submitted, "--submitted"),
                    dry_run, overwrite_newer, confirm_doubts))
