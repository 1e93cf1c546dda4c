"""Nothing wrong in the signed report (round 3): one home for each rule, agencies that no longer
exist, corrections and withdrawals, supporters, doubts, verdicts on targets. Each test fails on
the code before its fix."""

from __future__ import annotations

import json
from pathlib import Path

from .support import AS_OF, run_cli


def cli(root: Path, *args: str, as_of: str = AS_OF) -> tuple[int, str, str]:
    result = run_cli(*args, "--data", str(root), "--as-of", as_of)
    return result.code, result.out, result.err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- rules stated twice ----------------------------------------------------------------------------


def test_a_short_name_shared_by_two_agencies_is_refused_where_lookup_would_refuse_it(mini: Path) -> None:
    edit(mini / "agencies.yaml", "  aliases: [Sở TN, STN]", "  aliases: [Sở TN, STN]\n  short_name: SNQ")
    edit(mini / "agencies.yaml", "  name: Sở Ngân Quỹ", "  name: Sở Ngân Quỹ\n  short_name: SNQ")
    code, out, _ = cli(mini, "validate")
    assert code == 1 and "[ambiguous-name]" in out and "SNQ" in out


def test_the_report_and_upcoming_agree_that_a_suspended_task_falls_due_for_nobody(mini: Path) -> None:
    edit(mini / "tasks.yaml", 'due: ongoing, source: III.1.b, text: Dừng}', 'due: 2026-09-30, source: III.1.b, text: Dừng}')
    edit(mini / "tasks.yaml", 'due: ongoing, source: III.1.b, text: Chưa làm}',
         'due: 2026-09-30, source: III.1.b, text: Chưa làm}')
    day = "2026-06-16"
    coming = json.loads(cli(mini, "upcoming", "-w", "200", "-f", "json", as_of=day)[1])
    ids = {i["id"] for i in coming["items"] if i["kind"] == "task"}
    assert "1.b.2" in ids and "1.b.3" not in ids
    code, report, err = cli(mini, "report", "-p", "2026-H1", "-f", "md", "-o", "-", as_of=day)
    assert code == 0, err
    start = report.index("Các nhiệm vụ đến hạn trước kỳ báo cáo tiếp theo")
    listed = report[start:report.index("> [", start)]
    assert "1.b.2" in listed and "1.b.3" not in listed


def test_a_day_written_with_dashes_is_read_by_the_option_as_by_the_form(mini: Path) -> None:
    code, out, err = cli(mini, "record", "1.c.1", "-p", "2026", "-a", "so-a", "-s", "done", "--completed", "15-05-2026")
    assert code == 0, err
    assert "15/05/2026" in out
