"""What every command of the command line shares: typer's classes with Vietnamese help and one
way to fail, the output formats, the common options, and how a command speaks (`say`, `note`).

No `from __future__ import annotations` here: typer reads these annotations at start-up.
"""

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core

from . import __version__
from .days import PERIOD_FORMS
from .errors import ClosedOutput, QnctrError
from .session import CHOSEN, say
from .wording import HELP, path_problem, translated

if TYPE_CHECKING:
    from .record import Outcome


class Group(typer.core.TyperGroup):
    """The command line's group. Made by `command_line`, its commands are built from their
    registrations when first asked for: building one reads its options (typer inspects the
    function and makes each click parameter), and a usage error needs one, a help page none."""

    lazy: Mapping[str, Any] = MappingProxyType({})  # a command's name → its registration (typer's CommandInfo)
    build: Any = None

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] not in self.lazy:  # no such command:
            for name in self.lazy:  # typer suggests the closest among those built, so build them all
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.lazy, *(name for name in super().list_commands(ctx) if name not in self.lazy)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.commands[cmd_name] = self.build(self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands as typer writes it, each line from the command's registration
        (its help, short help, whether hidden or deprecated) without building the command."""
        if not self.lazy:
            return super().format_commands(ctx, formatter)
        import inspect
        from gettext import gettext

        rows = []
        for name in self.list_commands(ctx):
            info = self.lazy.get(name)
            if info is None:
                continue
            shown = (info.cls or typer.core.TyperCommand)(
                name=name, short_help=info.short_help, hidden=info.hidden, deprecated=info.deprecated,
                help=inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help))
            if not shown.hidden:
                rows.append((name, shown))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section(gettext("Commands")):
                formatter.write_dl([(name, shown.get_short_help_str(limit)) for name, shown in rows])
        return None

    def get_help(self, ctx: Any) -> str:
        return translated(super().get_help(ctx), HELP)

    def invoke(self, ctx: Any) -> Any:
        """Every command's failure that the user can fix: its message, then its exit code; a
        standard output its reader closed early (`qnctr status | head`) passed on as
        ClosedOutput, which is no error (typer would make a broken pipe exit 1)."""
        try:
            return super().invoke(ctx)
        except QnctrError as exc:
            say(f"qnctr: {exc}", err=True)
            raise typer.Exit(exc.code) from None
        except BrokenPipeError as closed:
            raise ClosedOutput from closed
        except OSError as exc:  # a path the system refuses (too long a name, no permission): named
            if exc.filename is None:
                raise  # standard output that cannot be written: __main__.run says so
            say(f"qnctr: {path_problem(exc)}", err=True)
            raise typer.Exit(2) from None


def command_line(app: typer.Typer) -> Group:
    """The app's click group as typer makes it (its callback's options), with its commands
    left to be built when asked for (Group.lazy)."""
    import typer.main

    registered = app.registered_commands
    app.registered_commands = []
    try:
        group = typer.main.get_group(app)
    finally:
        app.registered_commands = registered
    if not isinstance(group, Group):
        raise TypeError("the command line's group is options.Group")
    group.lazy = {info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")): info
                  for info in registered}
    group.build = lambda info: typer.main.get_command_from_info(
        info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode)
    return group


class Command(typer.core.TyperCommand):
    def get_help(self, ctx: Any) -> str:
        return translated(super().get_help(ctx), HELP)


class Fmt(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class CheckFmt(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class ProgrammesAction(StrEnum):
    move = "move"


class ReportFmt(StrEnum):
    docx = "docx"
    md = "md"


DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Thư mục sổ đăng ký (mặc định: $QNCTR_DATA, ./data, sổ đi kèm).", metavar="THƯ_MỤC"),
]


def _choose(value: str | None) -> str | None:
    if value is not None:
        CHOSEN["programme"] = value
    return value


def qualified(value: str | None) -> str | None:
    """An id as typed: 'KEY:ID' names its programme too (one id in two programmes: 210:1.a.1)."""
    if value is not None and ":" in value:
        key, _, value = value.rpartition(":")
        if not key.strip() or not value.strip():
            raise typer.BadParameter(f"thiếu mã {'chương trình trước' if not key.strip() else 'sau'} dấu ':' "
                                     "(viết MÃ_CHƯƠNG_TRÌNH:MÃ, như 210-kh-ubnd:1.a.1)")
        CHOSEN["programme"] = key
    if value is not None:
        CHOSEN["item"] = value
    return value


ProgrammeOpt = Annotated[str | None, typer.Option(
    "--programme", "-P", metavar="CHƯƠNG_TRÌNH", callback=_choose,
    help="Chương trình (mã thư mục, số hiệu như 210/KH-UBND, hoặc phần đầu); mặc định $QNCTR_PROGRAMME; "
         "không cần khi sổ chỉ có một chương trình.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Coi 'hôm nay' là ngày này (YYYY-MM-DD hoặc dd/mm/yyyy).", metavar="DATE")
]
FmtOpt = Annotated[Fmt, typer.Option("--format", "-f", help=(
    "table (người đọc), xlsx (mở bằng Excel/Calc; chuyển vào tệp: > kq.xlsx), json hoặc csv (máy đọc)."))]
AgencyOpt = Annotated[
    str | None,
    typer.Option("--agency", "-a", help="Mã, tên hoặc tên gọi khác; không phân biệt hoa thường, có dấu hay không."),
]
PeriodOpt = Annotated[str, typer.Option("--period", "-p", help=f"Kỳ báo cáo theo lịch của chương trình: {PERIOD_FORMS}.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")]
ClearOpt = Annotated[list[str] | None, typer.Option(
    "--clear", help="Xóa một trường đã ghi (lặp lại được). Trường không nêu thì giữ nguyên.", metavar="TRƯỜNG")]
SubmittedOpt = Annotated[str | None, typer.Option("--submitted", help="Ngày gửi báo cáo (mặc định: hôm nay khi tạo tệp).")]
STATUS_HELP = ("not_started / in_progress / done / suspended, hoặc viết tiếng Việt: "
               "'chưa triển khai', 'đang thực hiện', 'hoàn thành', 'dừng thực hiện'")
ConfirmOpt = Annotated[bool, typer.Option("--confirm-doubts", help=(
    "Ghi cả số liệu đáng ngờ (0,924 cho chỉ tiêu %, tỷ lệ trên 100 %, số gấp trăm lần mục tiêu) "
    "và đánh dấu đã xác nhận; mặc định: từ chối."))]
WithdrawOpt = Annotated[bool, typer.Option(
    "--withdraw", help="Rút cả mục này khỏi báo cáo kỳ đó (ghi nhầm); mọi trường đã ghi được in ra.")]


def say_outcome(outcome: "Outcome") -> None:
    """What a write did: its warnings on stderr, then every change it made."""
    for w in outcome.warnings:
        say(f"cảnh báo: {w}", err=True)
    for line in outcome.lines:
        say(line)


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"qnctr {__version__}")
        raise typer.Exit()
