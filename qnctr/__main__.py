"""`qnctr` as a process: run the command line, and end the way a Unix tool should.

A closed pipe (`qnctr status | head`) is not an error; an output that cannot be written (a full
disk, /dev/full) is a message and exit 1, not a traceback; the parser's own usage errors are said
in Vietnamese. The commands themselves are in cli.py.
"""

import contextlib
import gc
import os
import sys

# --- the entry point ----------------------------------------------------------------------------------


def run() -> None:
    """Console entry point: a closed pipe (qnctr status | head) is not an error; an output that
    cannot be written (a full disk, /dev/full) is a message and exit 1, not a traceback.

    The cyclic garbage collector is off until a command of the command line starts (its
    callback turns it on): importing qnctr and answering a warm question make objects that
    reference counting frees or that live to the end, and the collector's passes over them
    were a twentieth of a warm `status`. A command that builds a large register or a site runs
    with it, as ever."""
    gc.disable()
    _inspect_when_used()
    try:
        _run()
    finally:
        gc.enable()


class Answered(SystemExit):
    """The end of a warm question answered whole from the cache (exit 0, its answer flushed)."""


def main() -> None:
    """The console script and `python -m qnctr`: `run`, and after a warm question answered from
    the cache, the process ends at once (os._exit) instead of tearing the interpreter down: the
    answer is written and flushed, nothing was opened that must be closed, and freeing every
    object one by one was a twentieth of a warm question across fifty programmes. Any other
    command ends as `run` ends it."""
    try:
        run()
    except Answered:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.flush()
        os._exit(0)


def _inspect_when_used() -> None:
    """The standard library's `inspect` loaded when something first uses one of its names, not
    when it is imported: dataclasses imports it for the one case (a class without a docstring
    described by its signature) that qnctr's records leave until a docstring is read
    (records.py), and with ast, dis and tokenize it is a tenth of a warm query that never uses
    it. A stand-in module takes its place until then (PEP 562: its `__getattr__` imports the real
    one, puts it in sys.modules and answers from it), so that the typer, click and pydantic of the
    other commands use inspect as ever."""
    if "inspect" in sys.modules:
        return
    import importlib.machinery
    import types

    spec = importlib.machinery.PathFinder.find_spec("inspect")
    if spec is None:
        return
    stand_in = types.ModuleType("inspect", "inspect, imported when first used")
    stand_in.__spec__ = spec  # where it is, as found (importlib.util.find_spec refuses a module without one)

    def real(name: str) -> object:
        if sys.modules.get("inspect") is stand_in:
            del sys.modules["inspect"]
        import inspect

        return getattr(inspect, name)

    stand_in.__getattr__ = real  # type: ignore[method-assign]
    sys.modules["inspect"] = stand_in


def _run() -> None:
    from .errors import ClosedOutput
    from .session import say

    _write_vietnamese()
    try:
        from .quick import answer

        quick = answer(sys.argv[1:])  # a warm everyday question, without loading the parser
        if quick is not None:
            sys.stderr.write(quick[1])
            sys.stdout.write(quick[0])
            sys.stdout.flush()
            raise Answered(0)
        from .cli import app
        from .options import command_line

        code = command_line(app)(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except (BrokenPipeError, ClosedOutput):
        _drop_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:
        if exc.filename is not None:
            raise
        _drop_stdout()
        with contextlib.suppress(OSError):
            from .wording import os_reason

            sys.stderr.write(f"qnctr: không ghi được kết quả ra đầu ra chuẩn: {os_reason(exc)}\n")
        sys.exit(1)
    except Exception as exc:
        if type(exc).__name__ == "Abort":
            sys.stderr.write("qnctr: đã hủy\n")
            sys.exit(1)
        if not hasattr(exc, "format_message"):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError" and getattr(exc, "ctx", None) is not None:
            import typer

            typer.echo(exc.ctx.get_help())  # type: ignore[attr-defined]
            sys.exit(0)
        # typer's own (click's) usage errors, said in Vietnamese with the option they concern.
        from .wording import usage_message

        say(f"qnctr: {usage_message(exc)}", err=True)
        say(f"Xem hướng dẫn: {getattr(getattr(exc, 'ctx', None), 'command_path', 'qnctr')} -h", err=True)
        sys.exit(int(getattr(exc, "exit_code", 2)))


# What qnctr writes beyond ASCII: Vietnamese letters, its punctuation, arrows, signs and rules.
WRITTEN = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ—…·↳↑↓→≥≤─▁█"


def _write_vietnamese() -> None:
    """Standard output and error in an encoding that can write what qnctr says. Redirected to a
    file on Windows (the ANSI code page) or under a Latin-1 locale, they cannot write 'ệ': the
    first line of a status ended in a UnicodeEncodeError. Such a stream writes UTF-8 instead,
    which every editor and Excel's import read; a stream that can write it all is left alone."""
    for stream in (sys.stdout, sys.stderr):
        try:
            WRITTEN.encode(getattr(stream, "encoding", None) or "ascii")
        except (LookupError, UnicodeEncodeError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                with contextlib.suppress(ValueError, OSError):
                    reconfigure(encoding="utf-8")


def _drop_stdout() -> None:
    """Point stdout at /dev/null so that the final flush at exit cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
