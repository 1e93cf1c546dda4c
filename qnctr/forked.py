"""A question asked of many programmes, answered on two processors: `in_two`.

A province-wide `status --agency` reads, builds and judges fifty programmes one after the
other, each in a few milliseconds, on a machine that nearly always has a second processor
doing nothing. `in_two` gives the second half of the programmes to a forked child, which
inherits everything already loaded (the modules, the directory of agencies) and sends back
its answers; the first half is answered meanwhile. Nothing is decided differently:

- the answers come back in order, and what the child said on standard output and error is
  said after what the first half said, as one process would have said it;
- should the child fail in any way (an error in a programme of its half, a signal, a payload
  that does not arrive whole), the parent answers that half itself, so that an error is
  raised, worded and exited with exactly as without the child;
- it is used only where it cannot change anything else: on Linux, with a second processor,
  no thread running, and enough items for the fork to pay (FORK_FROM).

A forked child touches copies of the pages it writes, reference counts included; the objects
that exist before the fork are frozen out of the collector's walks (gc.freeze), so that it
does not copy every page of them. The answers travel pickled, by CPython's _pickle, the module
pickle itself calls (importing pickle.py as well, its Python Pickler, is three times as long,
and in the child it is the end of the longest half); the child's SIGINT is reset through
_signal (signal.py's enums are another half-millisecond). They are imported only when a child
is made: a warm question about one programme imports this module for `Held` alone.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

FORK_FROM = 8  # items; fewer are answered faster than a fork is made (about 3 ms)


def _worthwhile(count: int) -> bool:
    if count < FORK_FROM or sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:  # fork copies one thread of several
        return False
    return processors() > 1


def processors() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def in_two(items: Sequence[T], work: Callable[[T], R]) -> list[R]:
    """[work(item) for item in items], the second half in a forked child when that pays; the
    answers must pickle (plain data and records)."""
    if not _worthwhile(len(items)):
        return [work(item) for item in items]
    # Forked before any item is answered: what answering needs (modules, the directory of agencies)
    # is then imported and built in both processes at once. Answering the first item before the
    # fork, to share that work, left the second processor idle while it was done (7 ms of a
    # fifty-programme question).
    half = (len(items) + 1) // 2
    gc.freeze()  # what exists now is shared with the child, not walked (and copied) by its collector
    try:
        readable, writable = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(readable)
            os.close(writable)
            raise
    except OSError:  # no file descriptor or process left (a limit, no memory): one process answers them all
        return [work(item) for item in items]
    if pid == 0:  # the child: its half, then its answers and what it said, and out
        os.close(readable)
        _child(items[half:], work, writable)
    os.close(writable)
    try:
        first = [work(item) for item in items[:half]]
    except BaseException:
        _end(pid, readable)
        raise
    second = _collect(pid, readable)
    if second is None:  # the child did not answer: its half answered here, as it would have been
        return first + [work(item) for item in items[half:]]
    answers, said_out, said_err = second
    sys.stdout.write(said_out)
    sys.stderr.write(said_err)
    return first + list(answers)


class Held(io.StringIO):
    """What a stream would have been given, held to be written later; whether the stream is a
    terminal is still asked of the stream (the answers are laid out for where they will go)."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self.real = real

    def isatty(self) -> bool:
        return bool(self.real.isatty())


def _child(items: Sequence[T], work: Callable[[T], R], writable: int) -> None:
    """Answer the items and send (True, answers, stdout, stderr), or (False,) on any failure;
    never return (os._exit: the parent's buffers and exit handlers are the parent's)."""
    pickle, signals = _pickling(), _signals()
    try:
        signals.signal(signals.SIGINT, signals.SIG_DFL)  # Ctrl-C ends the child at once; the parent says it
        out, err = Held(sys.stdout), Held(sys.stderr)
        sys.stdout, sys.stderr = out, err
        payload = pickle.dumps((True, [work(item) for item in items], out.getvalue(), err.getvalue()),
                               protocol=-1)  # the highest
    except BaseException:
        payload = pickle.dumps((False,))
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(writable, view):]
    finally:
        os._exit(0)


def _collect(pid: int, readable: int) -> tuple[list[Any], str, str] | None:
    """The child's answers and what it said, or None when it failed or sent less than whole."""
    pickle = _pickling()

    chunks = []
    try:
        while chunk := os.read(readable, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(readable)
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        sent = pickle.loads(b"".join(chunks))  # from the child forked just now, never from outside
    except Exception:
        return None
    if not (isinstance(sent, tuple) and sent and sent[0] is True and len(sent) == 4):
        return None
    return sent[1], sent[2], sent[3]


def _pickling() -> Any:
    """pickle's dumps and loads (what pickle.dumps and pickle.loads are, without pickle.py)."""
    try:
        import _pickle as pickle
    except ImportError:  # another Python than CPython
        import pickle  # type: ignore[no-redef]
    return pickle


def _signals() -> Any:
    """signal's signal(), SIGINT and SIG_DFL (those of signal.py, as plain numbers)."""
    try:
        import _signal as signals  # type: ignore[import-not-found]  # (typeshed describes signal.py only)
    except ImportError:
        import signal as signals
    return signals


def _end(pid: int, readable: int) -> None:
    """Stop a child whose answers are not wanted (the parent's half failed)."""
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.close(readable)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
