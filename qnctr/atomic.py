"""Replacing a file so that a reader, or a crash, sees the old bytes or the new ones, never half."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import QnctrError
from .wording import os_reason

WINDOWS = sys.platform == "win32"
LOCK_WAIT_S = 120  # a writer holds a register file's lock for milliseconds


def _file_mode(path: Path) -> int:
    """Keep an existing file's mode; a new one gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_target(path: Path, force: bool) -> str | None:
    """Why an output file may not be written at `path`, or None. Only a regular file is ever
    replaced (with --force): a device, a FIFO, a socket or a folder never is, so that
    `-o /dev/null --force` run as root cannot turn /dev/null into a file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        return f"không có thư mục '{folder}' để ghi"
    if path.is_dir():
        return f"'{path}' là một thư mục"
    if path.exists() or path.is_symlink():
        if not path.is_file():
            return f"'{path}' đã có và không phải tệp thông thường; không ghi đè"
        if not force:
            return f"tệp '{path}' đã có; dùng --force để ghi đè"
    return None


def as_read(raw: bytes) -> str:
    """A register file's bytes as read_text would give them: the BOM dropped, every line end "\n"."""
    return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def in_form_of(raw: bytes | None, text: str) -> bytes:
    """The new text in the form the file (`raw`) already had: a UTF-8 BOM and CRLF line ends
    are kept (a file edited on Windows stays a Windows file; only changed lines show in a diff)."""
    old = raw or b""
    body = text.replace("\n", "\r\n") if b"\r\n" in old else text
    return (b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b"") + body.encode("utf-8")


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Temp file in the same folder, fsync, os.replace, fsync the folder. Raises OSError.
    The file gets `mode` (else the old file's, or the usual one); the temp file is 0600 from its
    first byte, so a secret is never readable by others, not even before the rename."""
    mode = _file_mode(path) if mode is None else mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if not WINDOWS:  # Windows files have no such mode bits (and os has no fchmod there)
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if WINDOWS:  # a folder cannot be opened as a file there; NTFS journals the rename
        return
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def check_output(path: Path, force: bool) -> None:
    """Refuse early, before the work: a missing folder, a target that is not a regular file,
    an existing file without --force."""
    if (problem := refuse_target(path, force)) is not None:
        raise QnctrError(problem)


# What a document's file name says it holds: Word opens a .docx, an editor or a mail a .md or .txt.
_NAMED_FORM = {".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "md"}
_FORM_WORDS = {"docx": "văn bản Word (.docx)", "md": "Markdown (.md)"}


def document_format(fmt: str | None, output: Path | None, template: Path | None, folder: bool = False) -> str:
    """The form a report or letter is written in: --format as given, else the one the output's
    name says (.docx; .md or .txt; '-', the screen, is Markdown), else the template's (.docx;
    .md.j2), else Word. Refused before any work: a name that says one form while --format or
    the template says the other, or a name that says neither (.pdf, .doc) — a Word file named
    .md opens as bytes in an editor, a Markdown one named .docx is "unreadable content" in
    Word, and a report named .pdf is not one. `folder`: the output is a folder (one file per
    letter, named by qnctr), which says nothing of the form."""
    named = None
    if output is not None and not folder:
        if str(output) == "-":
            named = "md"
        elif (named := _NAMED_FORM.get(output.suffix.lower())) is None:
            raise QnctrError(f"--output '{output}': tên tệp cần đuôi .docx (Word) hoặc .md (Markdown)"
                             + ("; báo cáo ra PDF: lập .docx rồi in ra PDF từ Word hoặc LibreOffice"
                                if output.suffix.lower() == ".pdf" else ""))
    shaped = None
    if template is not None:
        name = template.name.lower()
        shaped = "docx" if name.endswith(".docx") else "md" if name.endswith((".j2", ".md", ".txt")) else None
    chosen = fmt or named or shaped or "docx"
    if named is not None and named != chosen:
        if str(output) == "-":
            raise QnctrError("chỉ in ra màn hình được với --format md")
        raise QnctrError(f"--output '{output}' là tên tệp {_FORM_WORDS[named]} nhưng --format {chosen}: "
                         f"đặt tên tệp đuôi .{chosen}, hoặc bỏ --format")
    if shaped is not None and shaped != chosen:
        said = f"--format {fmt}" if fmt else f"--output '{output}'"
        raise QnctrError(f"--template '{template}' là mẫu {_FORM_WORDS[shaped]} nhưng {said} là "
                         f"{_FORM_WORDS[chosen]}: dùng mẫu cùng loại (xem templates/README.md)")
    return chosen


def write_output(path: Path, payload: bytes, force: bool) -> None:
    """A document the user asked for (report, form, schema): checked as check_output, then
    written atomically; a failure is one message."""
    check_output(path, force)
    try:
        atomic_write(path, payload)
    except OSError as exc:
        raise QnctrError(f"không ghi được '{path}': {os_reason(exc)}") from None


@contextlib.contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """An exclusive lock on `lock_path` (created if need be), waited for. Raises OSError."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        """msvcrt.locking of the first byte gives up after ten seconds: asked again, for
        LOCK_WAIT_S at most."""
        until = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                if time.monotonic() > until:
                    raise

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
