"""`qnctr validate`: the shipped register passes; each broken register fails with file:line."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from qnctr import yamldoc

from .support import AS_OF, DATA, run_cli


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


REPORT = "progress/2026-H1/so-a.yaml"
BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def _report_line(root: Path, old: str, new: str) -> tuple[str, int]:
    replace(root / REPORT, old, new)
    return REPORT, line_of(root / REPORT, new.strip().split("\n")[0])


# Each case breaks a copy of the mini register and names (file, line, code) the message must carry.
CASES: dict[str, Callable[[Path], tuple[str, int, str]]] = {}


def case(name: str) -> Callable[[Callable[[Path], tuple[str, int, str]]], Callable[[Path], tuple[str, int, str]]]:
    def register(fn: Callable[[Path], tuple[str, int, str]]) -> Callable[[Path], tuple[str, int, str]]:
        CASES[name] = fn
        return fn
    return register


@case("yaml syntax")
def _syntax(root: Path) -> tuple[str, int, str]:
    replace(root / "tasks.yaml", "title: Nhóm một", 'title: "Nhóm một')
    return "tasks.yaml", 0, "yaml-syntax"


@case("tab indentation")
def _tabs(root: Path) -> tuple[str, int, str]:
    replace(root / "agencies.yaml", "  name: Sở Ngân Quỹ", "\tname: Sở Ngân Quỹ")
    return "agencies.yaml", line_of(root / "agencies.yaml", "\tname"), "yaml-syntax"


@case("duplicate agency id")
def _dup_id(root: Path) -> tuple[str, int, str]:
    with (root / "agencies.yaml").open("a", encoding="utf-8") as f:
        f.write("- id: so-b\n  name: Sở Khác\n  kind: department\n")
    return "agencies.yaml", line_of(root / "agencies.yaml", "name: Sở Khác") - 1, "duplicate-id"


@case("duplicate key")
def _dup_key(root: Path) -> tuple[str, int, str]:
    replace(root / "agencies.yaml", "  name: Sở Ngân Quỹ\n", "  name: Sở Ngân Quỹ\n  name: Sở Ngân Quỹ 2\n")
    return "agencies.yaml", line_of(root / "agencies.yaml", "Sở Ngân Quỹ 2"), "duplicate-key"


@case("unknown agency")
def _unknown_agency(root: Path) -> tuple[str, int, str]:
    replace(root / "tasks.yaml", 'id: "1.a.3", lead: [so-a]', 'id: "1.a.3", lead: [so-z]')
    return "tasks.yaml", line_of(root / "tasks.yaml", "so-z"), "unknown-agency"


@case("impossible date")
def _bad_date(root: Path) -> tuple[str, int, str]:
    replace(root / "tasks.yaml", "issued: 2021-07-02", "issued: 2021-02-30")
    return "tasks.yaml", line_of(root / "tasks.yaml", "2021-02-30"), "bad-date"


@case("unquoted numeric id")
def _numeric_id(root: Path) -> tuple[str, int, str]:
    replace(root / "targets.yaml", 'id: "2030.1"', "id: 2030.10")
    return "targets.yaml", line_of(root / "targets.yaml", "2030.10"), "schema"


@case("unknown task in a report")
def _unknown_task(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, 'task: "1.b.2"', 'task: "9.z.9"'), "unknown-task")


@case("bad status")
def _bad_status(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, "status: not_started", "status: finished"), "schema")


@case("done without completion date")
def _done_no_date(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, "status: in_progress, result: Đang triển khai", "status: done, result: Đang triển khai"),
            "schema")


@case("bad period in a report")
def _bad_period(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, "period: 2026-H1", "period: 2026-H3"), "schema")


@case("bad period folder")
def _bad_period_dir(root: Path) -> tuple[str, int, str]:
    (root / "progress/2026-H1").rename(root / "progress/2026-Q1")
    return "progress/2026-Q1", 1, "bad-period"


@case("report for a period before the programme")
def _before_programme(root: Path) -> tuple[str, int, str]:
    folder = root / "progress/2021-H1"
    folder.mkdir()
    text = (root / REPORT).read_text(encoding="utf-8").replace("period: 2026-H1", "period: 2021-H1")
    text = text.replace("submitted: 2026-06-15", "submitted: 2021-06-15")
    (folder / "so-a.yaml").write_text(text, encoding="utf-8")
    return "progress/2021-H1/so-a.yaml", line_of(folder / "so-a.yaml", "period: 2021-H1"), "bad-period"


@case("path and content disagree")
def _path_mismatch(root: Path) -> tuple[str, int, str]:
    (root / REPORT).rename(root / "progress/2026-H1/so-b.yaml")
    return "progress/2026-H1/so-b.yaml", 1, "path-mismatch"


@case("empty file")
def _empty(root: Path) -> tuple[str, int, str]:
    (root / "targets.yaml").write_text("# nothing here\n", encoding="utf-8")
    return "targets.yaml", 1, "empty"


@case("wrong top-level type")
def _top_type(root: Path) -> tuple[str, int, str]:
    (root / "agencies.yaml").write_text("agencies: 1\n", encoding="utf-8")
    return "agencies.yaml", 1, "schema"


@case("alias bomb")
def _alias_bomb(root: Path) -> tuple[str, int, str]:
    (root / "agencies.yaml").write_text(BILLION_LAUGHS + "\n", encoding="utf-8")
    # libyaml shares one node for an anchor and its aliases: the place named is the anchor.
    return "agencies.yaml", 1, "alias"


@case("python tag")
def _python_tag(root: Path) -> tuple[str, int, str]:
    replace(root / "tasks.yaml", "title: Nhóm một", "title: !!python/object/apply:os.system ['echo pwned']")
    return "tasks.yaml", line_of(root / "tasks.yaml", "python/object"), "tag"


@case("invalid UTF-8")
def _bad_utf8(root: Path) -> tuple[str, int, str]:
    raw = (root / "agencies.yaml").read_bytes().replace("Sở Ngân Quỹ".encode(), b"S\xff T\xe0i ch\xednh", 1)
    (root / "agencies.yaml").write_bytes(raw)
    return "agencies.yaml", line_of(root / "agencies.yaml", "ch\ufffdnh"), "encoding"


@case("absurd nesting")
def _nesting(root: Path) -> tuple[str, int, str]:
    (root / "targets.yaml").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return "targets.yaml", 1, "too-deep"


@case("report dated in the future")
def _future(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, "submitted: 2026-06-15", "submitted: 2027-01-05"), "future-date")


@case("misspelt key")
def _misspelt(root: Path) -> tuple[str, int, str]:
    replace(root / "targets.yaml", "  support: [nhom]", "  suport: [nhom]")
    return "targets.yaml", line_of(root / "targets.yaml", "suport"), "schema"


@case("unknown indicator")
def _unknown_indicator(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, 'indicator: "2030.1.a"', 'indicator: "2030.9.a"'), "unknown-indicator")


@case("duplicate task in one report")
def _dup_entry(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, 'task: "1.b.2", status: not_started', 'task: "1.a.3", status: not_started'),
            "duplicate-entry")


@case("completed after the report was sent")
def _completed_future(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, "completed: 2026-05-01", "completed: 2026-09-01"), "future-date")


@case("year range backwards")
def _backwards(root: Path) -> tuple[str, int, str]:
    replace(root / "tasks.yaml", "due: {from: 2021, to: 2030}", "due: {from: 2030, to: 2021}")
    return "tasks.yaml", line_of(root / "tasks.yaml", "from: 2030"), "schema"


@case("missing file")
def _missing(root: Path) -> tuple[str, int, str]:
    (root / "tasks.yaml").unlink()
    return "tasks.yaml", 1, "missing-file"


@case("value given for a qualitative indicator")
def _wrong_kind(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, 'indicator: "2025.1.a", value: 92.5', 'indicator: "2025.2.a", value: 92.5'), "wrong-kind")


@case("two agencies with one name")
def _same_name(root: Path) -> tuple[str, int, str]:
    replace(root / "agencies.yaml", "name: Sở Ngân Quỹ", "name: Sở Thử Nghiệm")
    return "agencies.yaml", line_of(root / "agencies.yaml", "id: so-b") + 1, "ambiguous-name"


@case("suspended without a reason")
def _suspended(root: Path) -> tuple[str, int, str]:
    return (*_report_line(root, 'task: "1.b.2", status: not_started', 'task: "1.b.2", status: suspended'), "schema")


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_register_fails_with_file_and_line(name: str, mini: Path) -> None:
    file, line, code = CASES[name](mini)
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 1, result.out
    assert "Traceback" not in result.out + result.err
    where = f"{mini / file}:{line}:" if line else f"{mini / file}:"
    matching = [x for x in result.out.splitlines() if x.startswith(where) and f"[{code}]" in x]
    assert matching, f"expected {where} … [{code}] in:\n{result.out}"
    assert "error" in matching[0]
    assert result.out.rstrip().splitlines()[-1].endswith("cảnh báo.")


@pytest.mark.parametrize(("written", "said"), [
    ('"92,5"', "không phải chuỗi '92,5' (trong tệp YAML, phần thập phân viết sau dấu chấm: 92.5)"),
    ('"92.5%"', "không phải chuỗi '92.5%'"),
    ("true", "không phải true/false"),
    (".nan", "số phải hữu hạn"),
])
def test_a_figure_that_is_not_a_number_is_one_error_in_plain_words(mini: Path, written: str, said: str) -> None:
    file, line = _report_line(mini, "value: 92.5", f"value: {written}")
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    errors = [x for x in result.out.splitlines() if f"{file}:{line}:" in x]
    assert result.code == 1 and len(errors) == 1, result.out
    assert said in errors[0] and "function-after" not in result.out and "'int'" not in result.out


def test_out_of_range_values_unknown_kinds_and_bad_dates_are_said_in_vietnamese(mini: Path) -> None:
    replace(mini / "tasks.yaml", "due_day: 19", "due_day: 0")
    replace(mini / "tasks.yaml", "due_month: 6,", "due_month: 13,")
    replace(mini / "tasks.yaml", "issued: 2021-07-02", 'issued: "2021/07/02"')
    replace(mini / "tasks.yaml", "text: Xong quá hạn}", 'text: ""}')
    replace(mini / "agencies.yaml", "kind: department\n  aliases", "kind: ministry\n  aliases")
    replace(mini / REPORT, "submitted: 2026-06-15", "submitted: 15/06/2026")
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 1
    for said in ("'due_day' = 0 ngoài khoảng cho phép (nhỏ nhất là 1)",
                 "'due_month' = 13 ngoài khoảng cho phép (lớn nhất là 12)",
                 "'issued' = '2021/07/02' không phải ngày dạng YYYY-MM-DD",
                 "'submitted' = '15/06/2026' không phải ngày dạng YYYY-MM-DD",
                 "'text': không được để trống",
                 "'kind' = 'ministry' không hợp lệ; chỉ nhận 'department'"):
        assert said in result.out, said
    for english in ("Input should", "String should", "should be", "Field required", "valid date"):
        assert english not in result.out, english


def test_every_field_of_a_report_head_reaches_the_register(mini: Path) -> None:
    """The loader validates a report's head, then its entries one by one, and puts them back
    together: nothing of the head may be lost on the way."""
    from dataclasses import fields

    from qnctr.load import load_register
    from qnctr.model import ProgressHead

    replace(mini / REPORT, "submitted: 2026-06-15", "submitted: 2026-06-15\nsummary: Tóm tắt kỳ này")
    register, problems = load_register(mini)
    assert not [p for p in problems if p.severity == "error"]
    (loaded,) = [r for r in register.reports if r.file == mini / REPORT]
    head = {f.name for f in fields(ProgressHead)} - {"tasks", "targets"}
    seen = {name: getattr(loaded.report, name) for name in head}
    assert seen == {"agency": "so-a", "period": "2026-H1", "submitted": date(2026, 6, 15),
                    "document": "Báo cáo số 85/BC-STN", "summary": "Tóm tắt kỳ này"}


def test_there_are_at_least_twenty_broken_registers() -> None:
    assert len(CASES) >= 20


def test_shipped_register_is_valid() -> None:
    result = run_cli("validate", "--data", str(DATA), "--as-of", AS_OF)
    assert result.code == 0, result.out
    assert "0 lỗi, 1 cảnh báo (1 đã ghi nhận)." in result.out
    assert "[no-lead] chỉ tiêu 2025.15" in result.out and "đã ghi nhận: Phụ lục" in result.out


def test_strict_passes_over_an_acknowledged_warning_only(shipped: Path) -> None:
    result = run_cli("validate", "--data", str(shipped), "--as-of", AS_OF, "--strict")
    assert result.code == 0 and "warning [no-lead]" in result.out  # the shipped register acknowledges it
    (shipped / "known-warnings.yaml").unlink()
    result = run_cli("validate", "--data", str(shipped), "--as-of", AS_OF, "--strict")
    assert result.code == 1
    assert "error [no-lead]" in result.out


def test_an_acknowledgement_that_matches_nothing_fails_strict(mini: Path) -> None:
    (mini / "known-warnings.yaml").write_text(
        '- {code: no-lead, about: "2025.2", reason: Văn bản để trống}\n'
        '- {code: no-lead, about: "2099.9", reason: Đã sửa từ lâu}\n', encoding="utf-8")
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF, "--strict")
    assert result.code == 1 and "known-warnings.yaml:2:3: error [unused-acknowledgement]" in result.out
    assert "warning [no-lead] chỉ tiêu 2025.2" in result.out
    (mini / "known-warnings.yaml").write_text("- {code: no-lead, reason: thiếu about}\n", encoding="utf-8")
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 1 and "known-warnings.yaml:1:3: error [schema]" in result.out


def test_validate_never_checks_the_packaged_copy_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QNCTR_DATA", raising=False)
    result = run_cli("validate", "--as-of", AS_OF)
    assert result.code == 2 and "không tự kiểm tra sổ đi kèm gói" in result.err and not result.out
    status = run_cli("status", "-a", "Sở Nội vụ", "--as-of", AS_OF)  # a query answers, and says from where
    assert status.code == 0 and "đang dùng sổ đi kèm gói qnctr" in status.err


def test_validate_checks_the_register_the_committed_files_belong_to(mini: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """As pre-commit runs it: in a repository whose register is not ./data, with the changed files."""
    repo = tmp_path / "repo"
    (repo / "registers").mkdir(parents=True)
    register = repo / "registers/ninh-binh"
    shutil.copytree(mini, register)
    _future(register)
    (repo / "ci.yml").write_text("on: push\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    result = run_cli("validate", "registers/ninh-binh/progress/2026-H1/so-a.yaml", "ci.yml", "--as-of", AS_OF)
    assert result.code == 1 and "registers/ninh-binh/" in result.out
    only_other = run_cli("validate", "ci.yml", "--as-of", AS_OF)
    assert only_other.code == 0 and "không có tệp nào thuộc một sổ đăng ký" in only_other.err


def test_json_format_lists_every_problem(mini: Path) -> None:
    _future(mini)
    _bad_status(mini)
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF, "--format", "json")
    payload = json.loads(result.out)
    codes = {d["code"] for d in payload["diagnostics"]}
    assert {"future-date", "schema"} <= codes
    assert payload["errors"] == sum(1 for d in payload["diagnostics"] if d["severity"] == "error")
    assert all({"path", "line", "col", "message", "hint"} <= set(d) for d in payload["diagnostics"])


def test_github_format_caps_annotations_and_still_prints_the_text(mini: Path) -> None:
    lines = "".join(f'      - {{id: "1.c.{n}", lead: [so-z{n}], due: ongoing, source: x, text: y}}\n' for n in range(2, 20))
    replace(mini / "tasks.yaml", '  - id: "2"\n', lines + '  - id: "2"\n')
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF, "--format", "github")
    annotations = [x for x in result.out.splitlines() if x.startswith("::error ")]
    assert len(annotations) == 10
    assert annotations[0].startswith(f"::error file={mini / 'tasks.yaml'},line=")
    text_lines = [x for x in result.out.splitlines() if "[unknown-agency]" in x and not x.startswith("::")]
    assert len(text_lines) == 18
    assert result.code == 1


def test_file_above_the_size_bound_is_refused(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "MAX_FILE_BYTES", 200)
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 1
    assert "[too-large]" in result.out


def test_symlink_out_of_the_register_is_refused(mini: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text((mini / REPORT).read_text(encoding="utf-8").replace("so-a", "so-b"), encoding="utf-8")
    os.symlink(outside, mini / "progress/2026-H1/so-b.yaml")
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 1
    assert f"{mini / 'progress/2026-H1/so-b.yaml'}:1:1: error [symlink-outside]" in result.out


def test_bom_crlf_and_decomposed_text_are_accepted(mini: Path) -> None:
    import unicodedata

    path = mini / "agencies.yaml"
    text = unicodedata.normalize("NFD", path.read_text(encoding="utf-8")).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_cli("validate", "--data", str(mini), "--as-of", AS_OF)
    assert result.code == 0, result.out
    shown = run_cli("status", "--data", str(mini), "--as-of", AS_OF, "-a", "Sở Ngân Quỹ", "-f", "json")
    assert json.loads(shown.out)["agency"]["name"] == unicodedata.normalize("NFC", "Sở Ngân Quỹ")


def test_missing_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", str(tmp_path / "nope"))
    assert result.code == 2
    assert "không có thư mục" in result.err


def test_bad_as_of_is_a_usage_error() -> None:
    result = run_cli("validate", "--as-of", "2026-13-01")
    assert result.code == 2
    assert "--as-of" in result.err


def test_a_period_written_wrong_in_a_report_is_told_every_form_a_period_can_have(mini: Path) -> None:
    """A report's `period` is checked before any calendar is known: its hint names the forms of
    every calendar (a quarterly programme's reports are not told to write half-years)."""
    replace(mini / REPORT, "period: 2026-H1", "period: 2026-Q5")
    result = run_cli("validate", "--data", str(mini), "--format", "json")
    found = [d for d in json.loads(result.out)["diagnostics"] if d["line"] == 2 and d["path"].endswith("so-a.yaml")]
    assert result.code == 1 and found, result.out
    assert "YYYY-Q1…Q4 (quý)" in found[0]["hint"] + found[0]["message"]
    assert "YYYY-01…12 (tháng)" in found[0]["hint"] + found[0]["message"]


@pytest.mark.parametrize("text", [
    "  - a: 1\n- b: 2\n",  # a list less indented than its first item: more after the document's end
    "a: -\n- b\n",  # a list opened where a value stands
    'a: "x \\q"\n',  # a backslash that escapes nothing
    "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
])
def test_every_yaml_syntax_error_is_said_in_vietnamese(mini: Path, text: str) -> None:
    (mini / "targets.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", "--data", str(mini), "--format", "json")
    said = [d for d in json.loads(result.out)["diagnostics"] if d["code"] == "yaml-syntax"]
    assert result.code == 1 and said, result.out
    assert not re.search(r"\b(?:found|expected|allowed|while|parsing|scanning)\b", said[0]["message"]), said[0]


def test_every_value_s_place_is_kept_in_one_array_per_document() -> None:
    """Each value keeps its line and column, at any depth, in lists and mappings alike, while
    the marks of all of a document's containers share one array (an array for each of the
    620,000 containers of a 100,000-task register was a tenth of `validate`'s memory)."""
    from qnctr.document import Document

    text = "groups:\n" + "".join(
        f"  - id: \"{g}\"\n    tasks:\n" + "".join(f"      - {{id: \"{g}.{t}\", lead: [so-{t}, so-x]}}\n" for t in range(3))
        for g in range(4))
    data, marks = yamldoc.parse_text(text)
    doc = Document("tasks.yaml", data, marks)
    lines = text.splitlines()
    for g in range(4):
        assert doc.mark(("groups", g)) == (2 + 5 * g, 5)
        assert doc.key_mark(("groups", g, "tasks")) == (3 + 5 * g, 5)
        for t in range(3):
            line, col = doc.mark(("groups", g, "tasks", t, "lead", 1))
            assert lines[line - 1][col - 1:].startswith("so-x]"), (g, t)
            line, col = doc.key_mark(("groups", g, "tasks", t, "lead"))
            assert lines[line - 1][col - 1:].startswith(f"lead: [so-{t}"), (g, t)
    assert doc.mark(("groups", 9, "tasks")) == doc.mark(("groups",))  # past the end: the nearest parent
    containers = 1 + 1 + 4 * (1 + 1 + 3 * (1 + 1))  # the root, groups, each group, its tasks, each task and lead
    assert len(marks.of) == containers and all(type(start) is int for start in marks.of.values())
    assert len(marks.flat) == sum(2 * len(c) if isinstance(c, dict) else len(c) for c in _containers(data))


def _containers(value: object) -> list[object]:
    found: list[object] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            found.append(item)
            stack.extend(item.values() if isinstance(item, dict) else item)
    return found
