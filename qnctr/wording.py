"""Other tools' English in qnctr's Vietnamese: libyaml's syntax errors, typer's help pages and
usage errors. One table per source, applied by one function; an unknown message is kept."""

from __future__ import annotations

import re
from collections.abc import Callable

Table = list[tuple[str, str | Callable[[re.Match[str]], str]]]  # compiled when first used (re caches them)

HELP: Table = [
    (r"(?m)^Usage: ", "Cách dùng: "),
    (r"(?m)^Options:$", "Tùy chọn:"),
    (r"(?m)^Commands:$", "Lệnh:"),
    (r"(?m)^Arguments:$", "Đối số:"),
    (r"\[OPTIONS\]", "[TÙY CHỌN]"),
    (r"COMMAND \[ARGS\]\.\.\.", "LỆNH [ĐỐI SỐ]..."),
    (r"Show this message and exit\.", "In hướng dẫn này rồi thoát."),
    (r"\[required\]", "[bắt buộc]"),
    (r"\[default:(\s)", r"[mặc định:\1"),  # a line may break after the colon
    # typer's type names, as words of the same length so that the help columns stay aligned
    (r"<str>", "CHUỖI"),
    (r"<path>", "TỆP   "),
    (r"<int range>", "SỐ NGUYÊN  "),
    (r"<integer>", "SỐ NGUYÊN"),
    (r"\{([a-z_]+)\}", lambda m: m.group(1).upper()),  # a required argument as typer writes it: {folder} → FOLDER
]


USAGE: Table = [
    (r"^Value error, ", ""),
    # click's words (typer < 0.29 and its vendored click); typer 0.29 says it through pydantic, below.
    (r"'?(.+?)'? is not a valid (?:integer|int)( range)?\.?$", "phải là số nguyên"),
    (r"'?(.+?)'? is not a valid float( range)?\.?", r"'\1' không phải số"),
    (r"'?(.+?)'? is not in the range (-?\d+)<=x<=(-?\d+)\.?$", r"phải từ \2 đến \3 (không phải \1)"),
    (r"'?(.+?)'? is not in the range (.+?)\.?$", r"'\1' nằm ngoài khoảng \2"),
    (r"'?(.+?)'? is not one of (.+?)\.?$", r"'\1' không thuộc \2"),
    (r"No such command '(.+?)'\.?", r"không có lệnh '\1'"),
    (r" ?Did you mean '(.+?)'\?", r"; có phải '\1'?"),
    (r" ?Did you mean one of (.+?)\?", r"; có phải một trong: \1?"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+?)\)", r"thừa đối số: \1"),
    (r"Option '(.+?)' requires an argument\.?", r"tùy chọn '\1' cần một giá trị"),
    (r"(?:Path|File) '(.+?)' does not exist\.?", r"không có tệp '\1'"),
    (r"File '(.+?)' is a directory\.?", r"'\1' là một thư mục, không phải tệp"),
    (r"Directory '(.+?)' is a file\.?", r"'\1' là một tệp, không phải thư mục"),
    (r"(?:Path|File|Directory) '(.+?)' is not readable\.?", r"không đọc được '\1': không có quyền đọc"),
    (r"Missing command\.?", "thiếu tên lệnh"),
    (r"Input should be a valid integer.*", "phải là số nguyên"),
    (r"Input should be a valid number.*", "phải là số"),
    (r"Input should be less than or equal to (\S+)", r"phải nhỏ hơn hoặc bằng \1"),
    (r"Input should be greater than or equal to (\S+)", r"phải lớn hơn hoặc bằng \1"),
    (r"Input should be a valid boolean.*", "phải là có/không"),
]


YAML: Table = [
    (r"mapping values are not allowed (?:in this context|here)",
     "không được có dấu hai chấm ở đây (giá trị có dấu ':' phải đặt trong ngoặc kép)"),
    (r"did not find expected ',' or '\]'", "thiếu dấu ',' hoặc ']'"),
    (r"did not find expected ',' or '\}'", "thiếu dấu ',' hoặc '}'"),
    (r"found unexpected end of stream", "tệp kết thúc khi chưa đóng"),
    (r"found character that cannot start any token", "gặp ký tự không được đứng đầu một giá trị"),
    (r"found a tab character.*", "gặp ký tự tab"),
    (r"did not find expected key", "thiếu khóa (kiểm tra thụt lề)"),
    (r"did not find expected '-' indicator", "thiếu dấu '-' của danh sách (kiểm tra thụt lề)"),
    (r"could not find expected ':'", "thiếu dấu ':'"),
    (r"found undefined alias.*", "bí danh chưa định nghĩa"),
    (r"expected <document start>, but found .*", "nội dung sau phần cuối tài liệu"),
    (r"did not find expected <document start>", "nội dung sau phần cuối tài liệu (kiểm tra thụt lề)"),
    (r"block sequence entries are not allowed in this context", "không được mở danh sách '-' ở đây (kiểm tra thụt lề)"),
    (r"found unknown escape character.*",  # said by a function: a replacement string would read its backslashes
     lambda _: "dấu '\\' trong chuỗi ngoặc kép không thành ký tự nào (dùng ngoặc đơn, hoặc viết '\\\\')"),
    (r"found duplicate %YAML directive", "chỉ thị %YAML bị lặp"),
    (r"while parsing a flow sequence", "trong danh sách [ ]"),
    (r"while parsing a flow mapping", "trong bảng { }"),
    (r"while parsing a block mapping", "trong một bảng khóa: giá trị"),
    (r"while parsing a block collection", "trong một danh sách"),
    (r"while (?:scanning|parsing) a quoted scalar", "trong một chuỗi có ngoặc kép"),
    (r"while scanning a simple key", "trong một khóa"),
    (r"while scanning for the next token", "khi đọc giá trị tiếp theo"),
    (r"while scanning a plain scalar", "trong một giá trị"),
]


def translated(text: str, table: Table, whole: bool = False) -> str:
    """`text` with every pattern of `table` replaced by its words; with `whole`, only a message
    that one pattern matches entirely is replaced (libyaml's messages are whole sentences)."""
    for source, words in table:
        pattern = re.compile(source)
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
