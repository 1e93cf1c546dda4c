"""What a command does between its options and the library, shared by the command line (cli.py)
and its quick path for warm questions (quick.py), so that neither needs the other's parser: the
register and the programme a command names (said once when it falls back to the packaged copy),
the day, the register checked, the context, one answer or one per programme in force, and how a
command speaks (`say`, `note`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the library's types, for mypy only: importing them would slow every start
    from .context import Context
    from .load import Register

# --data, --as-of and --no-cache may stand before the command (qnctr --data X status) or after it;
# after it wins. The command line records those given before it here, and whether the quick path
# asks (cache_only: a register not in the cache is not read, the command line answers instead).
BEFORE: dict[str, Any] = {}
CHOSEN: dict[str, str] = {}  # the programme named by -P (or KEY:ID), wherever on the line it stood
UPCOMING_DAYS, UPCOMING_MOST_DAYS = 30, 3650  # `upcoming --within`: its default and its bound, wherever it is read


def begin(data: Path | None, as_of: str | None, no_cache: bool, programme: str | None, cache_only: bool = False) -> None:
    """What the options before the command say, for the command to come (the command line's
    callback, or the quick path with `cache_only`); -P, else $QNCTR_PROGRAMME, names the
    programme until a -P after the command names another."""
    BEFORE.clear()
    CHOSEN.clear()
    BEFORE.update(data=data, as_of=as_of, no_cache=no_cache, cache_only=cache_only)
    chosen = programme or os.environ.get("QNCTR_PROGRAMME")
    CHOSEN.update({"programme": chosen} if chosen else {})


def say(text: str, err: bool = False, fit: bool = True) -> None:
    """Print a line; register text in it cannot act on the terminal (controls made visible). On
    a terminal (a real one: FORCE_COLOR in a CI log is not), a line wider than it is broken
    between words (`fitted`) unless `fit` is False (lines a machine reads, as GitHub's
    annotations); a pipe or a file gets each line whole."""
    from .safe_text import printable

    stream = sys.stderr if err else sys.stdout
    text = printable(text)
    if fit and _on_terminal(stream):
        from .render.screen import screen

        width = screen(stream).width
        if any(len(line) > width for line in text.split("\n")):
            text = fitted(text, width)
    stream.write(text + "\n")
    stream.flush()


def _on_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def fitted(text: str, width: int) -> str:
    """Each line of a message broken between words to the width, its continuation indented two
    more than the line ("  - …" goes on under its words): a terminal breaks a long line at its
    edge, mid-word ("c|ommit", "cơ|quan"), and back at the first column, out of its list. A
    word longer than a line (a path) stays whole."""
    import textwrap

    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if len(line) <= width or width - indent - 2 < 20:
            lines.append(line)
            continue
        lines += textwrap.wrap(line, width, subsequent_indent=" " * (indent + 2), break_long_words=False,
                               break_on_hyphens=False) or [line]
    return "\n".join(lines)


def note(notice: str | None) -> None:
    """A notice about what was asked (files left unread, reports not yet known), on stderr."""
    if notice is not None:
        say(f"Lưu ý: {notice}.", err=True)


def register_root(data: Path | None) -> Path:
    """--data, $QNCTR_DATA, ./data or the packaged copy (said once, however often a command asks)."""
    from .register import data_dir

    root, fallback = data_dir(data if data is not None else BEFORE.get("data"))
    if fallback != BEFORE.get("said"):
        note(BEFORE.setdefault("said", fallback))
    return root


def root(data: Path | None) -> Path:
    """The folder of the programme the command works on."""
    from .register import choose_programme

    return choose_programme(register_root(data), CHOSEN.get("programme"), CHOSEN.get("item"), day(None))


def day(as_of: str | None) -> date:
    from .days import as_of_day

    return as_of_day(as_of if as_of is not None else BEFORE.get("as_of"))


def _cache_wanted(wanted: bool) -> bool:
    return wanted and not BEFORE.get("no_cache")


def register(data: Path | None, as_of: str | None, cached: bool = False, folder: Path | None = None,
             focus: str | None = None) -> Register:
    """The register checked; only the read-only commands (cached=True) may use the cache.
    `folder`: the programme's, when already found (each programme of a question across them);
    `focus`: the agency asked about, when the question is about one (load_checked)."""
    from .register import load_checked

    found = load_checked(folder or root(data), day(as_of), _cache_wanted(cached),
                         cache_only=bool(BEFORE.get("cache_only")), focus=focus)
    if found.ignored:  # named from the register's folder, found only then (a warm question asks fifty programmes)
        note(found.ignored_notice(register_root(data)))
    return found


def context(data: Path | None, as_of: str | None, period: str | None = None, cached: bool = True,
            folder: Path | None = None, focus: str | None = None, later: list[date] | None = None) -> Context:
    """The register seen on the day asked; the reports sent after it are said to be left out, or,
    given `later` (one of several programmes answering), their days are added to it to be said
    once for all (`say_later`)."""
    from .context import Context
    from .render.words import speak_of

    ctx = Context.open(register(data, as_of, cached, folder, focus), day(as_of), period)
    if later is None:
        note(ctx.not_yet_known)
    else:
        later += ctx.sent_later
    speak_of(ctx.register.programme)  # the views call it by its own kind: "Toàn Kế hoạch"
    return ctx


def keys(data: Path | None, as_of: str | None) -> Iterator[str]:
    """Each programme asked, chosen in turn."""
    from .register import asked

    for key in asked(register_root(data), CHOSEN, day(as_of), _cache_wanted(True)) or [""]:
        CHOSEN.update({"programme": key} if key else {})
        yield key


def each(fmt: str, query: str, ask: Callable[[Context], Any], data: Path | None, as_of: str | None,
         *one: str | None, focus: str | None = None) -> None:
    """One programme's answer; with several and none chosen (nor --period, --group), each one's
    in force. `focus`: the agency `ask` is about, when it asks about one and nothing else."""
    from .register import asked
    from .render.output import emit, emit_across

    folders = asked(register_root(data), CHOSEN, day(as_of), _cache_wanted(True))
    if len(folders) == 1:  # the one in force, beside drafts and ended ones
        CHOSEN["programme"] = next(iter(folders))
    if len(folders) <= 1 or any(one):
        ctx = context(data, as_of, one[0] if one else None, focus=focus)
        return emit(fmt, ask(ctx), query)
    from .errors import INVALID, QnctrError
    from .forked import in_two
    from .register import InvalidRegister, programme_number
    from .render.output import across

    def answer(item: tuple[str, Path]) -> tuple[str, Any, Any, list[date], str | None]:
        key, folder = item  # each folder as found: not looked for again among fifty
        CHOSEN["programme"] = key
        later: list[date] = []
        try:
            ctx = context(data, as_of, folder=folder, focus=focus, later=later)
        except InvalidRegister as unreadable:  # the others are answered all the same, and this one named
            return key, None, None, later, str(unreadable)
        programme = ctx.register.programme
        return key, programme, across(fmt, programme, ask(ctx), query), later, None

    answers = in_two(list(folders.items()), answer)  # the second half on a second processor, when there is one
    CHOSEN["programme"] = answers[-1][0]  # as answering them one by one leaves it
    broken = [(key, said) for key, _, _, _, said in answers if said is not None]
    if len(broken) == len(answers):  # nothing to answer (the shared directory itself, say): as for one
        raise InvalidRegister(broken[0][1], INVALID)
    say_later(as_of, [day for _, _, _, later, _ in answers for day in later])
    emit_across(fmt, [(key, programme, text) for key, programme, text, _, said in answers if said is None], query)
    if broken:
        raise QnctrError("\n".join([f"không đọc được {len(broken)} trong {len(answers)} chương trình; các chương trình "
                                    "khác đã được trả lời ở trên:",
                                    *(f"{key} ({programme_number(folders[key]) or '?'}): {said}"
                                      for key, said in broken)]), INVALID)


def say_later(as_of: str | None, later: list[date]) -> None:
    """The reports several programmes hold that were sent after the day asked, said once."""
    from .context import later_notice

    note(later_notice(day(as_of), sorted(later)))


# --- the questions asked every day: the command line's and the quick path's ------------------------


def ask_status(fmt: str, agency: str | None, data: Path | None, as_of: str | None, period: str | None = None,
               group: str | None = None) -> None:
    from .queries import status

    each(fmt, "status", lambda ctx: status(ctx, ctx.find_agency(agency), group), data, as_of, period, group,
         focus=agency)


def ask_overdue(fmt: str, agency: str | None, data: Path | None, as_of: str | None) -> None:
    from .queries import overdue

    each(fmt, "overdue", lambda ctx: overdue(ctx, ctx.find_agency(agency)), data, as_of, focus=agency)


def ask_upcoming(fmt: str, within: int, agency: str | None, data: Path | None, as_of: str | None) -> None:
    from .queries import upcoming

    each(fmt, "upcoming", lambda ctx: upcoming(ctx, within, ctx.find_agency(agency)), data, as_of, focus=agency)


def ask_targets(fmt: str, agency: str | None, data: Path | None, as_of: str | None) -> None:
    from .queries import targets

    each(fmt, "targets", lambda ctx: targets(ctx, ctx.find_agency(agency)), data, as_of, focus=agency)
