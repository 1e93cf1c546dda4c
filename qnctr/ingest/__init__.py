"""`qnctr ingest`: a programme's draft register from the document the office receives (.docx,
PDF with text, plain or website text), with everything the reader was unsure of listed for a
person to confirm. Nothing on disk is changed but the new programme's folder (and the directory,
to which new agencies are added); a programme already there is shown as a difference and
written over only when asked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import QnctrError


@dataclass(frozen=True, slots=True)
class Ingested:
    summary: dict[str, Any]
    written: list[Path]
    differences: str  # for a programme already in the register, what a new reading would change
    reverted: str = ""  # the status a programme written over had (in_force, ended): it is a draft again


# How the document gave its tasks (the JSON summary's "layout"), in the words of the text summary.
LAYOUT_WORDS = {"table": "nhiệm vụ theo bảng phân công", "fields": "nhiệm vụ theo từng mục có cơ quan, thời hạn",
                "prose": "nhiệm vụ trong lời văn"}


def ingest(document: Path, register: Path, key: str | None, replace: bool, today: date) -> Ingested:
    from ..load import PROGRAMMES_DIR, TASKS_FILE, programme_folders
    from ..register import checked_key, programme_header, programme_key, programme_number
    from . import parse, source, write

    if register.exists() and not register.is_dir():
        raise QnctrError(f"{register}: không phải thư mục sổ đăng ký")
    if (register / TASKS_FILE).is_file():
        raise QnctrError(f"{register} là sổ một chương trình ở gốc; chạy 'qnctr programmes move' trước khi thêm chương trình")
    if register.is_dir() and any(register.iterdir()) and not (register / "agencies.yaml").is_file() \
            and not (register / PROGRAMMES_DIR).is_dir():
        raise QnctrError(f"{register}: thư mục đã có tệp nhưng không phải sổ đăng ký (không có agencies.yaml); "
                         "chọn thư mục trống hoặc một sổ đăng ký")
    doc = source.read(document)
    draft = parse.parse(doc)
    if draft.task_count == 0:
        raise QnctrError(f"{document}: không tìm thấy nhiệm vụ nào (không có bảng phân công, mục giao nhiệm vụ "
                         "hay ý nào nêu cơ quan chủ trì); văn bản có phải là một kế hoạch, chương trình?")
    if not draft.number:
        raise QnctrError(f"{document}: không tìm thấy số, ký hiệu văn bản (dòng 'Số: …'); thêm --key và sửa "
                         "programme.id sau khi đọc")
    key = checked_key(key) if key else checked_key(programme_key(draft.number), "mã từ số hiệu (đặt bằng --key)")
    programme_dir = register / PROGRAMMES_DIR / key
    if (programme_dir / TASKS_FILE).is_file() and programme_number(programme_dir) not in ("", draft.number):
        raise QnctrError(f"programmes/{key} là chương trình số {programme_number(programme_dir)}, không phải "
                         f"{draft.number}: chọn mã khác (--key)")
    others = {k: f for k, f in programme_folders(register).items() if k != key} if register.is_dir() else {}
    same = [k for k, f in others.items() if programme_number(f) == draft.number]
    if same:
        raise QnctrError(f"sổ đăng ký đã có chương trình số {draft.number} (programmes/{same[0]}); "
                         f"đọc lại vào đó: --key {same[0]}")
    outcome = write.build(doc, draft, register, key, today)
    differences = ""
    if programme_dir.exists():
        for path, text in outcome.files.items():
            old = path.read_text(encoding="utf-8") if path.is_file() else ""
            if path.parent == register or path.name == "ingest.md":
                continue
            differences += "".join(difflib.unified_diff(
                old.splitlines(keepends=True), text.splitlines(keepends=True),
                fromfile=f"{path} (trong sổ)", tofile=f"{path} (đọc lại)"))
        if not replace:
            return Ingested(outcome.summary, [], differences or "(không khác)")
    was = str(programme_header(programme_dir).get("status", "in_force")) if (programme_dir / TASKS_FILE).is_file() else ""
    written = _write(outcome.files, register)
    return Ingested(outcome.summary, written, differences, "" if was in ("", "draft") else was)


def _write(files: dict[Path, str], register: Path) -> list[Path]:
    from ..atomic import atomic_write, in_form_of
    from ..schema import schemas_beside

    written: list[Path] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            # A file already there (the directory, new agencies appended) keeps its BOM and line
            # ends: one edited on Windows stays so, and only the added lines show in a diff.
            atomic_write(path, in_form_of(path.read_bytes() if path.is_file() else None, text))
            written.append(path)
        written += schemas_beside(register)
    except OSError as exc:
        from ..wording import os_reason

        raise QnctrError(f"không ghi được {exc.filename or register}: {os_reason(exc)}") from None
    return written


def printed(result: Ingested, fmt: str, replace: bool) -> tuple[str, int]:
    """What `qnctr ingest` prints, and its exit code: the summary, the review items as
    `file:line` diagnostics (text, json or GitHub annotations), the files written or, for a
    programme already in the register, the differences a new reading would make."""
    import json

    from ..diagnostics import as_github, warning

    summary = result.summary
    review = summary["review"]
    assert isinstance(review, list)
    items = [warning(r["file"], r["line"], 1, r["code"], f"{r['item'] + ': ' if r['item'] else ''}{r['message']}",
                     f"văn bản: {r['source']}") for r in review]
    code = 0 if result.written or not result.differences else 1
    if fmt == "json":
        return json.dumps({**summary, "written": [str(p) for p in result.written],
                           "differences": result.differences or None, "reverted": result.reverted or None},
                          ensure_ascii=False, indent=2), code
    if fmt == "github":
        return as_github(items), code
    alternative = f"\n  Cách đếm khác: {summary['alternative_count']}." if summary["alternative_count"] else ""
    from ..numbers import format_number

    layout = LAYOUT_WORDS.get(summary["layout"], summary["layout"])
    coverage, used = (format_number(summary[k], 1) for k in ("coverage", "used"))
    lines = [f"Đã đọc {summary['document']} ({summary['form']}, {layout}): "
             f"{summary['tasks']} nhiệm vụ trong {summary['groups']} nhóm, {summary['targets']} chỉ tiêu; "
             f"độ phủ {coverage} % (dùng {used} %, còn lại giữ làm ghi chú trong ingest.md)."
             f"{alternative}"]
    if result.written:
        if result.differences:  # a programme written over: what changed, as a reading without --replace shows it
            lines += ["Đã ghi đè chương trình đã có; khác biệt so với bản trước:", result.differences]
        lines += [f"Đã ghi {path}" for path in result.written]
        if result.reverted:
            lines.append(f"{summary['programme']} trở lại bản nháp (status: draft; trước đó: {result.reverted}): "
                         "không lập báo cáo, công văn đôn đốc, mẫu báo cáo cho đến khi kiểm tra và đổi lại status")
    elif result.differences:
        lines.append("Chương trình đã có trong sổ; không ghi gì. Khác biệt nếu đọc lại:" if not replace else "")
        lines.append(result.differences)
        lines.append("Ghi đè bằng: qnctr ingest … --replace (những gì đã sửa tay trong các tệp trên sẽ mất).")
    counts: dict[str, int] = {}
    for item in items:
        counts[item.code] = counts.get(item.code, 0) + 1
    if items:
        lines.append(f"Cần kiểm tra {len(items)} điểm (" + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
                     + "); mỗi điểm có '# KIỂM TRA:' trong tệp YAML:")
        lines += [item.text() for item in items]
    new_agencies = summary["new_agencies"]
    if isinstance(new_agencies, list) and new_agencies:
        verb = "Đã thêm" if result.written else "Nếu ghi, sẽ thêm"
        lines.append(f"{verb} {len(new_agencies)} cơ quan mới vào agencies.yaml, mỗi cơ quan ghi "
                     "'Cần xác nhận'.")
    lines.append("Tiếp theo: sửa các điểm trên và xóa chú thích '# KIỂM TRA:' của từng điểm, xác nhận các cơ quan mới, "
                 "rồi đổi status: draft thành in_force và chạy 'qnctr validate'.")
    return "\n".join(lines), code
