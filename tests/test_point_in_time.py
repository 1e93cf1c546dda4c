"""`--as-of` is a point in time: the register as it was known that day (issue 13, point 1)."""

from __future__ import annotations

import json
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

from .support import run_cli


def _status(root: Path, day: str) -> tuple[dict[str, Any], str]:
    result = run_cli("status", "-a", "so-a", "-f", "json", "--data", str(root), "--as-of", day)
    assert result.code == 0, result.err
    return json.loads(result.out), result.err


def test_a_day_before_a_report_was_sent_shows_what_was_known_then(mini: Path) -> None:
    """so-a's 2026-H1 report was sent on 15/06/2026. Asked about 10/06, the register answers
    without it (said once, as a notice); asked about 16/06, with it."""
    before, notice = _status(mini, "2026-06-10")
    after, quiet = _status(mini, "2026-06-16")
    assert "10/06/2026" in notice and "1 báo cáo gửi sau ngày đó (ngày 15/06/2026) chưa được tính" in notice
    assert quiet == ""
    states_before = {t["id"]: t["state"] for t in before["tasks"]}
    states_after = {t["id"]: t["state"] for t in after["tasks"]}
    assert states_after["1.a.1"] == "done_on_time" and states_before["1.a.1"] != "done_on_time"
    assert states_after["1.b.3"] == "suspended" and states_before["1.b.3"] != "suspended"
    targets = run_cli("show", "2025.1", "-f", "json", "--data", str(mini), "--as-of", "2026-06-10").out
    assert "92.5" not in targets  # the figure came in that report: not yet known on 10/06


def test_validate_accepts_an_earlier_as_of_but_not_a_date_after_the_real_today(mini: Path) -> None:
    assert run_cli("validate", "--data", str(mini), "--as-of", "2026-06-10").code == 0
    future = date.today() + timedelta(days=10)
    (mini / "progress/2026").mkdir(exist_ok=True)
    (mini / "progress/2026/so-b.yaml").write_text(
        f"agency: so-b\nperiod: \"2026\"\nsubmitted: {future.isoformat()}\n"
        "tasks:\n  - {task: \"2.b.2\", status: in_progress, result: Từ tương lai}\n", encoding="utf-8")
    result = run_cli("validate", "--data", str(mini), "--as-of", "2026-06-10")
    assert result.code == 1 and "future-date" in result.out and future.strftime("%d/%m/%Y") in result.out
    assert run_cli("status", "--data", str(mini), "--as-of", "2026-06-10").code == 1


def test_today_is_the_day_in_vietnam_whatever_the_machine_s_clock(monkeypatch: Any) -> None:
    """At 20:00 UTC on 19/06 it is already 03:00 on 20/06 in Vietnam: a runner or a server on UTC
    took 'today' to be the 19th, when a half-year report due by 19/06 is already late."""
    from datetime import datetime

    from qnctr import days

    instant = datetime(2026, 6, 19, 20, 0, tzinfo=UTC)

    class Clock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:  # type: ignore[override]
            return instant.astimezone(tz) if tz is not None else instant.replace(tzinfo=None)

        @classmethod
        def today(cls) -> Any:  # type: ignore[override]
            return instant.replace(tzinfo=None)

    class Calendar(date):
        @classmethod
        def today(cls) -> Any:  # type: ignore[override]
            return instant.date()  # what a machine on UTC says

    monkeypatch.setattr(days, "datetime", Clock)
    monkeypatch.setattr(days, "date", Calendar)
    assert days.today() == date(2026, 6, 20)
    late = datetime(2026, 6, 19, 16, 59, tzinfo=UTC)  # 23:59 in Vietnam: still the 19th
    instant = late
    assert days.today() == date(2026, 6, 19)
