"""Other tools' English in qnctr's Vietnamese: libyaml's syntax errors, typer's help pages and
usage errors. One table per source, applied by one function; an unknown message is kept."""

from __future__ import annotations

import re
from collections.abc import Callable

Table = list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]

HELP: Table = [
    (re.compile(r"^Usage: ", re.MULTILINE), "Cách dùng: "),
    (re.compile(r"^Options:$", re.MULTILINE), "Tùy chọn:"),
    (re.compile(r"^Commands:$", re.MULTILINE), "Lệnh:"),
    (re.compile(r"^Arguments:$", re.MULTILINE), "Đối số:"),
    (re.compile(r"\[OPTIONS\]"), "[TÙY CHỌN]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "LỆNH [ĐỐI SỐ]..."),
    (re.compile(r"Show this message and exit\."), "In hướng dẫn này rồi thoát."),
    (re.compile(r"\[required\]"), "[bắt buộc]"),
    (re.compile(r"\[default:(\s)"), r"[mặc định:\1"),  # a line may break after the colon
    # typer's type names, as words of the same length so that the help columns stay aligned
    (re.compile(r"<str>"), "CHUỖI"),
    (re.compile(r"<path>"), "TỆP   "),
    (re.compile(r"<int range>"), "SỐ NGUYÊN  "),
    (re.compile(r"<integer>"), "SỐ NGUYÊN"),
    (re.compile(r"\{(task|item|indicator|file)\}"), lambda m: m.group(1).upper()),
]


USAGE: Table = [
    (re.compile(r"^Value error, "), ""),
    # click's words (typer < 0.29 and its vendored click); typer 0.29 says it through pydantic, below.
    (re.compile(r"'?(.+?)'? is not a valid (?:integer|int)( range)?\.?$"), "phải là số nguyên"),
    (re.compile(r"'?(.+?)'? is not a valid float( range)?\.?"), r"'\1' không phải số"),
    (re.compile(r"'?(.+?)'? is not in the range (-?\d+)<=x<=(-?\d+)\.?$"), r"phải từ \2 đến \3 (không phải \1)"),
    (re.compile(r"'?(.+?)'? is not in the range (.+?)\.?$"), r"'\1' nằm ngoài khoảng \2"),
    (re.compile(r"'?(.+?)'? is not one of (.+?)\.?$"), r"'\1' không thuộc \2"),
    (re.compile(r"No such command '(.+?)'\.?"), r"không có lệnh '\1'"),
    (re.compile(r" ?Did you mean '(.+?)'\?"), r"; có phải '\1'?"),
    (re.compile(r" ?Did you mean one of (.+?)\?"), r"; có phải một trong: \1?"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.+?)\)"), r"thừa đối số: \1"),
    (re.compile(r"Option '(.+?)' requires an argument\.?"), r"tùy chọn '\1' cần một giá trị"),
    (re.compile(r"(?:Path|File) '(.+?)' does not exist\.?"), r"không có tệp '\1'"),
    (re.compile(r"File '(.+?)' is a directory\.?"), r"'\1' là một thư mục, không phải tệp"),
    (re.compile(r"Directory '(.+?)' is a file\.?"), r"'\1' là một tệp, không phải thư mục"),
    (re.compile(r"(?:Path|File|Directory) '(.+?)' is not readable\.?"), r"không đọc được '\1': không có quyền đọc"),
    (re.compile(r"Missing command\.?"), "thiếu tên lệnh"),
    (re.compile(r"Input should be a valid integer.*"), "phải là số nguyên"),
    (re.compile(r"Input should be a valid number.*"), "phải là số"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"phải nhỏ hơn hoặc bằng \1"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"phải lớn hơn hoặc bằng \1"),
    (re.compile(r"Input should be a valid boolean.*"), "phải là có/không"),
]


YAML: Table = [
    (re.compile(r"mapping values are not allowed (?:in this context|here)"),
     "không được có dấu hai chấm ở đây (giá trị có dấu ':' phải đặt trong ngoặc kép)"),
    (re.compile(r"did not find expected ',' or '\]'"), "thiếu dấu ',' hoặc ']'"),
    (re.compile(r"did not find expected ',' or '\}'"), "thiếu dấu ',' hoặc '}'"),
    (re.compile(r"found unexpected end of stream"), "tệp kết thúc khi chưa đóng"),
    (re.compile(r"found character that cannot start any token"), "gặp ký tự không được đứng đầu một giá trị"),
    (re.compile(r"found a tab character.*"), "gặp ký tự tab"),
    (re.compile(r"did not find expected key"), "thiếu khóa (kiểm tra thụt lề)"),
    (re.compile(r"did not find expected '-' indicator"), "thiếu dấu '-' của danh sách (kiểm tra thụt lề)"),
    (re.compile(r"could not find expected ':'"), "thiếu dấu ':'"),
    (re.compile(r"found undefined alias.*"), "bí danh chưa định nghĩa"),
    (re.compile(r"expected <document start>, but found .*"), "nội dung sau phần cuối tài liệu"),
    (re.compile(r"while parsing a flow sequence"), "trong danh sách [ ]"),
    (re.compile(r"while parsing a flow mapping"), "trong bảng { }"),
    (re.compile(r"while parsing a block mapping"), "trong một bảng khóa: giá trị"),
    (re.compile(r"while parsing a block collection"), "trong một danh sách"),
    (re.compile(r"while scanning a quoted scalar"), "trong một chuỗi có ngoặc kép"),
    (re.compile(r"while scanning a simple key"), "trong một khóa"),
    (re.compile(r"while scanning for the next token"), "khi đọc giá trị tiếp theo"),
    (re.compile(r"while scanning a plain scalar"), "trong một giá trị"),
]


def translated(text: str, table: Table, whole: bool = False) -> str:
    """`text` with every pattern of `table` replaced by its words; with `whole`, only a message
    that one pattern matches entirely is replaced (libyaml's messages are whole sentences)."""
    for pattern, words in table:
        if whole:
            if pattern.fullmatch(text):
                return pattern.sub(words, text)
        else:
            text = pattern.sub(words, text)
    return text


def usage_message(exc: Exception) -> str:
    """A usage error of the command-line parser in Vietnamese, naming the option."""
    kind = type(exc).__name__
    if kind == "NoSuchOption":
        name = getattr(exc, "option_name", "")
        possible = sorted(getattr(exc, "possibilities", None) or [])
        return f"không có tùy chọn {name}" + (f"; có phải: {', '.join(possible)}?" if possible else "")
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        hint = "/".join(getattr(param, "opts", []) or [getattr(param, "name", "") or ""]) or None
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(hint)
    if kind == "MissingParameter":
        what = "đối số" if getattr(param, "param_type_name", "") == "argument" else "tùy chọn"
        return f"thiếu {what} {hint}" if hint else "thiếu một tùy chọn bắt buộc"
    message = str(getattr(exc, "message", "") or exc)
    message = translated(message, USAGE)
    if kind == "BadParameter" and hint:
        return f"giá trị không hợp lệ cho {hint}: {message}"
    return message


_OS_REASONS = {
    "ENAMETOOLONG": "tên quá dài (mỗi tên tệp, thư mục tối đa 255 byte)",
    "EACCES": "không có quyền truy cập", "EPERM": "không được phép",
    "ENOENT": "không có tệp hoặc thư mục này", "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "EISDIR": "là một thư mục", "ENOSPC": "đĩa đã đầy", "EDQUOT": "vượt hạn mức đĩa",
    "EROFS": "ổ đĩa chỉ cho đọc", "ELOOP": "vòng liên kết tượng trưng", "EEXIST": "đã có",
    "EBUSY": "đang bị dùng", "EIO": "lỗi đọc ghi đĩa", "ETXTBSY": "đang bị dùng", "EXDEV": "khác ổ đĩa",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese ("No such file or directory" → "không có tệp…")."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name) or exc.strerror or str(exc)


def path_problem(exc: OSError) -> str:
    """An error of the system about a path, as one line naming the path."""
    where = f"'{exc.filename}'" if exc.filename is not None else "đường dẫn"
    if getattr(exc, "filename2", None) is not None:
        where += f" → '{exc.filename2}'"
    return f"không dùng được {where}: {os_reason(exc)}"
