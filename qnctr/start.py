"""A new register, or a new programme in one, from a commented skeleton (`qnctr init`): the
files a person fills in from the document, which validate as they are (marked draft)."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

from .errors import QnctrError
from .load import PROGRAMMES_DIR, TASKS_FILE, programme_folders
from .register import checked_key, number_key, programme_key, programme_number


def init_register(folder: Path, key: str | None, number: str, today_: date) -> list[Path]:
    """A new register with one programme, or a new programme in an existing register: a
    commented skeleton that validates, marked draft, for a person to fill from the document,
    with the JSON Schema beside it for an editor. Nothing that exists is written over."""
    from .atomic import atomic_write
    from .schema import schemas_beside

    skeleton = Path(__file__).resolve().parent / "skeleton"
    number = number.strip()
    if not number or any(unicodedata.category(c)[0] == "C" for c in number):
        shown = json.dumps(number, ensure_ascii=False)  # a line break or a control shown, not done
        raise QnctrError(f"--number {shown}: cần số, ký hiệu văn bản trên một dòng, ví dụ 210/KH-UBND")
    key = checked_key(key) if key else checked_key(programme_key(number), "mã từ số hiệu (đặt bằng --key)")
    programme_dir = folder / PROGRAMMES_DIR / key
    if (folder / TASKS_FILE).is_file():
        raise QnctrError(f"{folder} là sổ một chương trình ở gốc; chạy 'qnctr programmes move' trước khi thêm chương trình")
    holding = [(key, held) for key, f in programme_folders(folder).items()
               if number_key(held := programme_number(f)) == number_key(number)]
    if holding:  # said first: another --key would not help (the same number, however it is written)
        raise QnctrError(f"sổ đăng ký đã có chương trình số {holding[0][1]} (programmes/{holding[0][0]})")
    if programme_dir.exists():
        raise QnctrError(f"đã có {programme_dir}; chọn mã khác (--key)")
    from .load import AGENCIES_FILE

    written: list[Path] = []
    depth = "../" * len(programme_dir.relative_to(folder).parts)  # from the programme's folder to the register's
    agencies = folder / AGENCIES_FILE
    issuer, focal = _issuer_and_focal(agencies if agencies.exists() else skeleton / AGENCIES_FILE)
    if not agencies.exists():
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(agencies, (skeleton / AGENCIES_FILE).read_text(encoding="utf-8").replace(
            "{schema}", "schema/").encode("utf-8"))
        written.append(agencies)
        if not (folder / ".gitignore").exists():  # a new register kept in git: the writers' lock files stay out
            atomic_write(folder / ".gitignore", (skeleton / "gitignore").read_bytes())
            written.append(folder / ".gitignore")
    written += schemas_beside(folder)
    from .model import document_kind

    text = (skeleton / TASKS_FILE).read_text(encoding="utf-8").format(
        schema=depth + "schema/", number=json.dumps(number, ensure_ascii=False),  # quoted: '5/KH: x' stays text
        issued=today_.isoformat(), issuer=issuer, focal=focal, kind=document_kind(number) or "Kế hoạch")
    programme_dir.mkdir(parents=True)
    atomic_write(programme_dir / TASKS_FILE, text.encode("utf-8"))
    written.append(programme_dir / TASKS_FILE)
    return written


def _issuer_and_focal(agencies: Path) -> tuple[str, str]:
    """In the directory (the register's, or the skeleton's): the government (the issuer) and a
    first agency that is not a group (the focal agency, to be changed), so that the new
    programme validates; without a government, that agency stands as the issuer too. Refused
    (nothing written) when the directory cannot be read or names no agency that still exists."""
    import yaml

    try:
        items = yaml.load(agencies.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, ValueError, yaml.YAMLError):
        items = None
    if not isinstance(items, list):
        raise QnctrError(f"{agencies}: không đọc được danh mục cơ quan; chạy 'qnctr validate' để xem lỗi, sửa rồi tạo lại")
    usable = [a for a in items if isinstance(a, dict) and isinstance(a.get("id"), str) and a["id"]
              and a.get("kind") != "group" and not a.get("since")]
    if not usable:
        raise QnctrError(f"{agencies} chưa có cơ quan nào (không kể nhóm, cơ quan đã thôi hoạt động) để ghi làm cơ "
                         "quan ban hành và cơ quan đầu mối: thêm vào danh mục trước")
    government = next((str(a["id"]) for a in usable if a.get("kind") == "government"), None)
    focal = next((str(a["id"]) for a in usable if a.get("kind") != "government"), government or str(usable[0]["id"]))
    return government or focal, focal
