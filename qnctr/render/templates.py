"""The sandboxed Jinja environment every report template is rendered in, with bounds.

A template is code an office may bring: it runs in Jinja's immutable sandbox (no Python
internals), and within limits of size, depth, time and memory, so that a template that
asks for `'a' * 10**10`, `center(10**9)` or a loop of 10**10 steps ends in a message,
not a frozen or killed machine.
"""

from __future__ import annotations

import contextlib
import functools
import math
import resource
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import QnctrError
from ..numbers import format_number

MAX_TEXT = 10_000_000            # characters one expression may build (a report is ~100,000)
MAX_INT_BITS = 4_096             # a number a template may compute
TEMPLATE_SECONDS = 20            # wall-clock time for one rendering (a 10,000-task report takes ~5 s)
TEMPLATE_MEMORY = 1_500 * 2**20  # address space a rendering may add to the process
RECURSION_LIMIT = 400            # Python frames a rendering may nest (macros calling themselves)


class TemplateError(QnctrError):
    """A template that cannot be read or fails while rendering: the template's fault, said as such."""


class TemplateLimit(Exception):
    """A template that asked for more than its bounds."""


def _sized(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else 0


@functools.cache
def _environment_class() -> Any:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The immutable sandbox, with every operator and call that can build a huge value bounded."""

        intercepted_binops = frozenset({"*", "**", "+"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                count = right if isinstance(right, int) else left if isinstance(left, int) else 0
                if max(_sized(left), _sized(right)) * abs(count) > MAX_TEXT:
                    raise TemplateLimit(f"phép nhân tạo chuỗi quá {format_number(MAX_TEXT)} ký tự")
            power = operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1
            if power and right * math.log2(abs(left)) > MAX_INT_BITS:
                raise TemplateLimit(f"lũy thừa tạo số quá {MAX_INT_BITS} bit")
            if operator == "+" and _sized(left) + _sized(right) > MAX_TEXT:
                raise TemplateLimit(f"phép cộng tạo chuỗi quá {format_number(MAX_TEXT)} ký tự")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            _check_sizes(args, kwargs)
            result = super().call(__context, __obj, *args, **kwargs)
            if _sized(result) > MAX_TEXT:
                raise TemplateLimit(f"kết quả quá {format_number(MAX_TEXT)} ký tự")
            return result

    return BoundedSandbox


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A width, count or repeat of more than MAX_TEXT (center(10**9), ljust, indent) is refused."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEXT:
            raise TemplateLimit(f"đối số {value} vượt giới hạn {format_number(MAX_TEXT)}")


def _bounded_filter(fn: Any) -> Any:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs)
        result = fn(*args, **kwargs)
        if _sized(result) > MAX_TEXT:
            raise TemplateLimit(f"kết quả quá {format_number(MAX_TEXT)} ký tự")
        return result

    return wrapper


def sandbox(autoescape: bool) -> Any:
    env = _environment_class()(autoescape=autoescape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name in ("center", "indent", "wordwrap", "format", "replace", "join", "truncate", "filesizeformat"):
        if name in env.filters:
            env.filters[name] = _bounded_filter(env.filters[name])
    return env


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Run a rendering within TEMPLATE_SECONDS, TEMPLATE_MEMORY more memory and RECURSION_LIMIT
    frames; a breach raises TemplateLimit (or MemoryError, RecursionError) in the caller."""
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        def on_alarm(signum: int, frame: Any) -> None:
            raise TemplateLimit(f"dựng báo cáo từ mẫu quá {TEMPLATE_SECONDS} giây")

        previous_handler = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(TEMPLATE_SECONDS)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with contextlib.suppress(ValueError, OSError):
        limit = _address_space() + TEMPLATE_MEMORY
        if soft == resource.RLIM_INFINITY or limit < soft:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    depth = sys.getrecursionlimit()
    sys.setrecursionlimit(min(depth, _depth() + RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(depth)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        if in_main:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous_handler)


def _depth() -> int:
    """Frames on the stack now (cheap: no source lookup, unlike inspect.stack)."""
    frame, depth = sys._getframe(), 0
    while frame is not None:
        frame, depth = frame.f_back, depth + 1  # type: ignore[assignment]
    return depth


def _address_space() -> int:
    """The process's current virtual size in bytes (Linux /proc; elsewhere a large guess)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[0])
        return pages * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 8 * 2**30


def template_failure(exc: BaseException, template: Path) -> str:
    """What went wrong with a template, in words (the caller raises its own error type)."""
    from jinja2 import TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError

    if isinstance(exc, SecurityError):
        return f"{template}: mẫu báo cáo bị từ chối vì truy cập nội bộ Python ({exc})"
    if isinstance(exc, TemplateSyntaxError):
        where = f":{exc.lineno}" if template.suffix != ".docx" else ""
        return f"{template}{where}: lỗi cú pháp trong mẫu: {exc.message}"
    if isinstance(exc, UndefinedError):
        return f"{template}: mẫu dùng biến không có trong ngữ cảnh: {exc.message}"
    if isinstance(exc, TemplateLimit):
        return f"{template}: mẫu vượt giới hạn: {exc}"
    if isinstance(exc, MemoryError):
        return f"{template}: mẫu dùng quá {TEMPLATE_MEMORY // 2**20} MiB bộ nhớ"
    if isinstance(exc, RecursionError):
        return f"{template}: mẫu gọi lồng nhau quá sâu (macro đệ quy?)"
    if isinstance(exc, OverflowError):
        return f"{template}: mẫu vượt giới hạn: {exc}"
    if isinstance(exc, TypeError) and "loader" in str(exc):
        return f"{template}: mẫu không được dùng include, import hay extends (mẫu phải là một tệp)"
    return f"{template}: không dựng được báo cáo từ mẫu ({type(exc).__name__}: {exc})"


@functools.lru_cache(maxsize=8)
def compiled(template: Path, stamp: tuple[int, int]) -> Any:
    """A parsed template, reused while the file is unchanged (mtime, size)."""
    return sandbox(autoescape=False).from_string(template.read_text(encoding="utf-8"))


def packaged_templates() -> Path:
    """The templates shipped with qnctr: in the wheel, or the checkout's templates/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_templates", here.parent / "templates"):
        if (candidate / "bao-cao.docx").is_file():
            return candidate
    raise TemplateError("không tìm thấy thư mục mẫu báo cáo đi kèm gói")
