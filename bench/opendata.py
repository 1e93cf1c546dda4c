"""Time `qnctr export`: a 10k-task register with two years of progress, and a synthetic national
aggregate (provinces × programmes × tasks, eight periods of progress) into one SQLite file, then
one national question asked of it (overdue tasks by lead agency, in every province).

    python bench/opendata.py                          # 34 provinces × 50 programmes × 100 tasks
    python bench/opendata.py --provinces 4 --programmes 5   # quicker

Prints the figures as Markdown."""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

AS_OF = "2026-07-01"
NATIONAL = ("SELECT r.province, a.name, count(*) AS overdue FROM task_agencies ta "
            "JOIN tasks t ON t.id = ta.task_id JOIN programmes p ON p.id = t.programme_id "
            "JOIN registers r ON r.id = p.register_id JOIN agencies a ON a.id = ta.agency_id "
            "WHERE ta.state = 'overdue' AND ta.role = 'lead' GROUP BY r.province, a.name ORDER BY overdue DESC")


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "qnctr", *args], check=True, capture_output=True,
                   env={"QNCTR_CACHE": "0", "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - started


def province(folder: Path, number: int, programmes: int, tasks: int, periods: int) -> None:
    """A province's register: `programmes` synthetic plans of `tasks` tasks under programmes/."""
    for k in range(programmes):
        plan = folder / "programmes" / f"{k + 1}-kh-ubnd"
        generate(tasks, plan, seed=number * 1000 + k, n_periods=periods)
        if k == 0:
            shutil.move(str(plan / "agencies.yaml"), folder / "agencies.yaml")
        else:
            (plan / "agencies.yaml").unlink()
        text = (plan / "tasks.yaml").read_text(encoding="utf-8")
        head, _, rest = text.partition("\n  title:")
        head = head.replace("id: 999/CTr-UBND", f"id: {k + 1}/KH-UBND")
        if "place:" in rest:
            rest = rest.replace("place: Quảng Ninh", f"place: Tỉnh {number:02d}")
        (plan / "tasks.yaml").write_text(f"{head}\n  title:{rest}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--programmes", type=int, default=50)
    parser.add_argument("--tasks", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        generate(10_000, work / "10k", n_periods=4)
        seconds = timed("export", str(work / "10k"), "--sqlite", str(work / "10k.db"), "--as-of", AS_OF)
        size = (work / "10k.db").stat().st_size / 2**20
        print("| export | registers | tasks | seconds | SQLite MB |\n|---|---|---|---|---|")
        print(f"| 10k tasks, 4 periods of progress | 1 | 10,000 | {seconds:.1f} | {size:.0f} |")
        started = time.perf_counter()
        folders = []
        for number in range(1, args.provinces + 1):
            folder = work / f"tinh-{number:02d}"
            province(folder, number, args.programmes, args.tasks, 8)
            folders.append(str(folder))
        made = time.perf_counter() - started
        seconds = timed("export", *folders, "--sqlite", str(work / "all.db"), "--as-of", AS_OF)
        size = (work / "all.db").stat().st_size / 2**20
        total = args.provinces * args.programmes * args.tasks
        print(f"| national: {args.provinces} provinces × {args.programmes} programmes × {args.tasks} tasks, "
              f"8 periods | {args.provinces} | {total:,} | {seconds:.1f} | {size:.0f} |")
        db = sqlite3.connect(work / "all.db")
        progress = db.execute("SELECT count(*) FROM task_entries").fetchone()[0]
        started = time.perf_counter()
        rows = db.execute(NATIONAL).fetchall()
        asked = time.perf_counter() - started
        print(f"\nGenerated in {made:.0f} s; {progress:,} progress rows. National question (overdue tasks by lead "
              f"agency in every province, {len(rows)} rows): {asked:.2f} s.")


if __name__ == "__main__":
    main()
