"""The holes an attack round found (round 3): files the register ignores, form keys, the website
folder, the cache, paths. Each test fails on the code before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import AS_OF, run_cli


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(*args, "--data", str(root), "--as-of", AS_OF)
    return result.code, result.out, result.err


# --- files the register does not read ------------------------------------------------------------


@pytest.mark.parametrize("name", ["so-b.YAML", "so-b.yaml.txt", "so-b.yaml ", "So-b.Yml"])
def test_a_report_saved_under_a_near_name_is_an_error_not_a_missing_report(mini: Path, name: str) -> None:
    period = mini / "progress/2026-H1"
    (period / name).write_text("agency: so-b\nperiod: 2026-H1\nsubmitted: 2026-06-10\ntasks: []\n", encoding="utf-8")
    code, out, _ = cli(mini, "validate")
    assert code == 1 and "[misnamed-report]" in out and "đổi tên thành" in out
    code, out, err = cli(mini, "overdue")
    assert code == 1 and name.strip() in err and not out  # no list that calls so-b's report missing


def test_every_command_says_which_files_it_ignored(mini: Path) -> None:
    (mini / "progress/2026-H1/ghi-chu.docx").write_bytes(b"not a report")
    for _ in range(2):  # cold, then from the cache
        code, out, err = cli(mini, "status", "-a", "so-a")
        assert code == 0 and out
        assert "bỏ qua 1 tệp" in err and "progress/2026-H1/ghi-chu.docx" in err
    code, _, err = cli(mini, "overdue", "-f", "json")
    assert code == 0 and "ghi-chu.docx" in err


@pytest.mark.parametrize("argv", [
    ("record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--evidence", "Quyết định 12/QĐ-SNV"),
    ("observe", "2025.1.a", "-p", "2026-H1", "-a", "so-a", "--value", "91"),
])
def test_a_write_goes_into_the_yml_file_the_agency_already_has(mini: Path, argv: tuple[str, ...]) -> None:
    period = mini / "progress/2026-H1"
    (period / "so-a.yaml").rename(period / "so-a.yml")
    code, _, err = cli(mini, *argv)
    assert code == 0, err
    assert not (period / "so-a.yaml").exists()
    text = (period / "so-a.yml").read_text(encoding="utf-8")
    assert "Quyết định 12/QĐ-SNV" in text or "value: 91" in text
    assert cli(mini, "validate")[0] == 0
