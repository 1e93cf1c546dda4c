"""The form's identity made tamper-evident: the register's key, and the signatures of the
form's identity, its rows and its pre-filled cells."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .layout import FIRST_ROW, PREFILL_SHEET, FormError

# --- the form's identity, made tamper-evident --------------------------------------------------
#
# A returned form says whose report it is (agency, period) and which rows it holds; an edited
# form must not overwrite another agency's report. Each part is signed with a key that stays
# with the register (never in the form): HMAC-SHA256 over the identity, the row ids, and the
# pre-filled values, each separately so that a refusal can say which part was changed.

KEY_FILE = ".qnctr-form-key"
KEY_BYTES = 32
_MIN_DISTINCT_BYTES = 16  # 32 random bytes have ~30 distinct values; fewer than 16 is a made-up key


@dataclass
class FormKey:
    key: bytes
    path: Path
    created: bool = False

    @property
    def fingerprint(self) -> str:
        """What a form names its register by: a digest of the key (which it does not reveal)."""
        return hashlib.sha256(b"qnctr-register\0" + self.key).hexdigest()[:16]


def _config_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(base) / "qnctr" if os.path.isabs(base) else Path.home() / ".config" / "qnctr"


def _legacy_user_key() -> Path:
    """The one key every read-only register shared before each had its own (qnctr < round 3)."""
    return _config_folder() / "form-key"


def _unwritable_key_path(root: Path) -> Path:
    """A register that cannot be written (the copy in the package) keeps its key in the user's
    config folder, one per register folder: two registers never share a key."""
    name = hashlib.sha256(os.path.realpath(root).encode("utf-8")).hexdigest()[:32]
    return _config_folder() / "form-keys" / name


def _register_writable(root: Path) -> bool:
    """False for the copy inside the installed package (never written) and read-only folders."""
    here = Path(__file__).resolve().parent
    return os.access(root, os.W_OK) and not root.resolve().is_relative_to(here)


def _read_key(path: Path) -> bytes:
    """The key in a key file: 64 hex digits of random bytes; an empty, short or made-up key
    would let anyone sign a form, so it is refused."""
    try:
        if path.stat().st_size > 1024:
            raise ValueError
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, OSError, UnicodeDecodeError):
        key = b""
    if len(key) != KEY_BYTES or len(set(key)) < _MIN_DISTINCT_BYTES:
        raise FormError(f"{path}: khóa kiểm tra mẫu không hợp lệ (phải là {KEY_BYTES * 2} chữ số hex ngẫu nhiên do "
                        "qnctr tạo); xóa tệp này rồi tạo lại mẫu bằng 'qnctr form' (các mẫu đã gửi phải gửi lại)")
    return key


def form_key(root: Path, create: bool) -> FormKey:
    """The register's own form key: `<register>/.qnctr-form-key`, kept (and committed) with the
    register; for a register that cannot be written, a key of its own in the user's config
    folder. Created on first use when `create`, readable by its owner only from the first byte;
    FormError when there is none to check a form with."""
    path = root / KEY_FILE if _register_writable(root) else _unwritable_key_path(root)
    if path.is_file() and not path.is_symlink():
        return FormKey(_read_key(path), path)
    if not create:
        legacy = _legacy_user_key()
        also = (f" Mẫu tạo trước đây có thể đã ký bằng khóa chung {legacy}: nếu chắc mẫu là của sổ này, chép "
                f"tệp đó thành {path}.") if legacy.is_file() and path.parent == root else ""
        raise FormError(f"chưa có khóa kiểm tra mẫu {path}: khóa được tạo cùng mẫu đầu tiên và đi cùng sổ đăng ký. "
                        "Nếu mẫu do đồng nghiệp tạo ở bản sao khác, lấy tệp khóa từ kho sổ đăng ký (git pull) "
                        f"hoặc nhờ người đó gửi; không có khóa thì không nhập được mẫu.{also}")
    from ..atomic import atomic_write

    key = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, key.hex().encode("ascii") + b"\n", mode=0o600)
    return FormKey(key, path, created=True)


def _canon(value: Any) -> Any:
    """A cell value as it survives a save by Excel or LibreOffice (dates, whole floats)."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return repr(float(value))
    return str(value).strip()


def _macs(key: bytes, identity: list[Any], rows: list[Any], prefill: list[Any]) -> dict[str, str]:
    def sign(part: str, value: Any) -> str:
        payload = json.dumps([part, value], ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hmac.new(key, payload, hashlib.sha256).hexdigest()

    return {"mac_identity": sign("identity", identity), "mac_rows": sign("rows", rows),
            "mac_prefill": sign("prefill", prefill)}


MAC_PROBLEMS = {
    "mac_identity": "cơ quan, kỳ báo cáo hoặc chương trình ghi trong mẫu đã bị sửa",
    "mac_rows": "danh sách mã nhiệm vụ, chỉ tiêu trong mẫu đã bị sửa (thêm, bớt hoặc đổi mã)",
    "mac_prefill": "nội dung điền sẵn trong sheet ẩn đã bị sửa",
}



def _identity(meta: dict[str, Any]) -> list[Any]:
    """What a form's identity signature covers; a version 3 form also names its register."""
    names = ("form", "version", "agency", "period", "programme") + (("register",) if "register" in meta else ())
    return [_canon(meta.get(k)) for k in names]


def _row_ids(*sheets: Any, added: frozenset[tuple[str, int]] = frozenset()) -> list[Any]:
    return [[ws.title, _canon(r[0].value)] for ws in sheets for r in ws.iter_rows(min_row=FIRST_ROW, max_col=1)
            if r[0].value is not None and (ws.title, r[0].row) not in added]


def _prefilled(wb: Any) -> tuple[dict[tuple[str, str, str], Any], list[Any]]:
    """The pre-filled cells by (sheet, id, field), and the same rows as signed, in one pass."""
    if PREFILL_SHEET not in wb.sheetnames:
        return {}, []
    rows = [r for r in wb[PREFILL_SHEET].iter_rows(min_row=2, max_col=4) if r[0].value is not None]
    cells = {(str(r[0].value), str(r[1].value), str(r[2].value)): r[3] for r in rows}
    return cells, [[_canon(c.value) for c in r] for r in rows]
