"""Requests for explanation (giải trình): the office records that it asked an agency to explain
a task (the letter's number, the day, by when to answer), then the answer. The file is
explanations.yaml beside tasks.yaml, written as `record` writes progress: round-trip (comments
and order kept), under the lock, atomically, the entry checked by the model before the write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .days import short_date
from .errors import QnctrError
from .load import EXPLANATIONS_FILE, Register
from .model import Explanation, validate


class ExplainError(QnctrError):
    """A request or an answer that cannot be recorded as asked."""


@dataclass(frozen=True, slots=True)
class Asked:
    """A request to record (`answer_due` given) or an answer to record (`answered` given)."""

    task: str
    agency: str
    asked: date | None = None
    letter: str | None = None
    answer_due: date | None = None
    answered: date | None = None
    answer: str | None = None
    answer_letter: str | None = None


def record_explanation(root: Path, register: Register, given: Asked, today: date) -> tuple[Path, list[str], bool]:
    """Write the request or the answer into explanations.yaml; what changed, said in a line,
    and whether anything was written (a request already recorded as given is not)."""
    from .atomic import as_read, atomic_write, in_form_of
    from .record import _yaml, locked

    if given.task not in register.tasks:
        raise ExplainError(f"không có nhiệm vụ '{given.task}'")
    from .agencies import Directory

    directory = Directory(register.agencies)
    holder = directory.holder(given.agency, today) or given.agency
    if holder not in directory.responsible(register.tasks[given.task].lead, today):
        raise ExplainError(f"{directory.name(given.agency)} không chủ trì nhiệm vụ {given.task} (kể cả qua nhóm hay kế "
                           "thừa): chỉ đề nghị cơ quan chịu trách nhiệm giải trình")
    if (given.answer_due is None) == (given.answered is None):
        raise ExplainError("ghi một đề nghị giải trình (--due) hoặc kết quả giải trình (--answered), không cả hai")
    for option, day in (("--asked", given.asked), ("--answered", given.answered)):
        if day is not None and day > today:
            raise ExplainError(f"{option} {short_date(day)} sau ngày {short_date(today)}: chỉ ghi việc đã xảy ra")
    path = root / EXPLANATIONS_FILE
    if not path.resolve().is_relative_to(root.resolve()):
        raise ExplainError(f"{path}: đường dẫn trỏ ra ngoài thư mục sổ đăng ký; không ghi")
    try:
        with locked(path):
            raw = path.read_bytes() if path.exists() else None
            text = as_read(raw) if raw is not None else ""
            yaml = _yaml()
            try:
                items = yaml.load(text) if text.strip() else None
            except Exception:
                raise ExplainError(f"{path}: tệp hiện có không đọc được; sửa bằng tay trước") from None
            if items is None:
                from ruamel.yaml.comments import CommentedSeq

                items = CommentedSeq()
            if not isinstance(items, list):
                raise ExplainError(f"{path}: tệp phải là một danh sách; sửa bằng tay trước")
            said, changed = _apply(items, given, today, directory.name(given.agency))
            if not changed:
                return path, said, False
            import io

            out = io.StringIO()
            yaml.dump(items, out)
            atomic_write(path, in_form_of(raw, out.getvalue()))
    except OSError as exc:
        from .wording import os_reason

        raise ExplainError(f"không ghi được {path}: {os_reason(exc)}; tệp cũ (nếu có) giữ nguyên") from None
    return path, said, True


def _apply(items: Any, given: Asked, today: date, name: str) -> tuple[list[str], bool]:
    from ruamel.yaml.comments import CommentedMap

    from .record import _quoted

    if given.answer_due is not None:
        asked = given.asked or today
        same = [e for e in _requests(items, given) if e.get("asked") == asked
                and (str(e["letter"]) if e.get("letter") is not None else None) == given.letter]
        if same:  # the same letter of the same day, given again (a command run twice): one request
            request = same[-1]
            said = f"đề nghị {name} giải trình nhiệm vụ {given.task} ngày {short_date(asked)}"
            if request.get("answer_due") == given.answer_due:
                return [f"{said} đã có, hạn trả lời {short_date(given.answer_due)}; không ghi thêm"], False
            before = request.get("answer_due")
            request["answer_due"] = given.answer_due
            _checked(request)
            was = short_date(before) if isinstance(before, date) else str(before)
            return [f"{said}: hạn trả lời {was} → {short_date(given.answer_due)}"], True
        entry = CommentedMap()
        entry["task"] = _quoted(given.task)
        entry["agency"] = given.agency
        entry["asked"] = asked
        if given.letter:
            entry["letter"] = _quoted(given.letter)
        entry["answer_due"] = given.answer_due
        _checked(entry)
        items.append(entry)
        letter = f" (văn bản {given.letter})" if given.letter else ""
        return [f"đề nghị {name} giải trình nhiệm vụ {given.task}{letter} ngày "
                f"{short_date(entry['asked'])}, hạn trả lời {short_date(given.answer_due)}"], True
    open_requests = [e for e in _requests(items, given) if e.get("answered") is None]
    if not open_requests:
        raise ExplainError(f"chưa có đề nghị giải trình nào của nhiệm vụ {given.task} gửi {name} đang chờ trả "
                           "lời; ghi đề nghị trước (--due)")
    request = open_requests[-1]
    request["answered"] = given.answered
    if given.answer:
        request["answer"] = _quoted(given.answer)
    if given.answer_letter:
        request["answer_letter"] = _quoted(given.answer_letter)
    _checked(request)
    return [f"{name} đã giải trình nhiệm vụ {given.task} ngày {short_date(given.answered)} "
            f"(đề nghị ngày {short_date(request['asked'])})"], True


def _requests(items: Any, given: Asked) -> list[Any]:
    """The requests already in the file for the task and agency given."""
    return [e for e in items if isinstance(e, dict) and str(e.get("task")) == given.task
            and e.get("agency") == given.agency]


def _checked(entry: Any) -> None:
    from pydantic import ValidationError

    from .record import _plain

    try:
        validate(Explanation, {k: (str(v) if isinstance(v, str) else v) for k, v in entry.items()})
    except ValidationError as exc:
        raise ExplainError(f"không ghi: {_plain(exc.errors()[0])}") from None
