"""Time qnctr as whole processes on synthetic registers, next to the floors. One command:

    python bench/run.py                 # 1k, 10k and 100k tasks (100k takes a few minutes)
    python bench/run.py --sizes 1000 10000 --repeat 5

Prints a Markdown table (also written to bench/results.md): median wall time, peak RSS, and
the ratios to the floors: the bare import of typer, pydantic, yaml and rich.table for
start-up, and a bare libyaml (CSafeLoader) load of the same files for the register work.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

AS_OF = "2026-11-24"
IMPORT_FLOOR = [sys.executable, "-c", "import typer, pydantic, yaml, rich.table"]
QNCTR = [sys.executable, "-m", "qnctr"]


def parse_floor(root: Path) -> list[str]:
    code = ("import sys, pathlib, yaml\n"
            "for f in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
            "    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)\n")
    return [sys.executable, "-c", code, str(root)]


CACHE = Path(tempfile.mkdtemp(prefix="qnctr-bench-cache-"))


def measure(cmd: list[str], repeat: int, cache: str = "off", ok: tuple[int, ...] = (0,),
            **extra: str) -> tuple[float, float]:
    """Median wall seconds and peak RSS (MiB) over `repeat` runs; output discarded (a pipe).
    cache: "off" (QNCTR_CACHE=0), "cold" (the cache emptied before each run) or "warm" (filled
    by one run first)."""
    times, peaks = [], []
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "XDG_CACHE_HOME": str(CACHE),
           "QNCTR_CACHE": "0" if cache == "off" else "1", **extra}
    if cache == "warm":
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
    for _ in range(repeat):
        if cache == "cold":
            shutil.rmtree(CACHE / "qnctr", ignore_errors=True)
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tempfile.gettempdir())
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {code}: {proc.stderr.read().decode() if proc.stderr else ''}")
    return statistics.median(times), max(peaks)


def in_turns(runs: dict[str, Callable[[], float]], repeat: int) -> dict[str, list[float]]:
    """Each run's seconds over `repeat` rounds, the runs in turns, round after round: a busy
    moment of the machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            times[name].append(run())
    return times


def settle() -> None:
    """Wait until the files just generated are no longer recent to the cache (qnctr.cache.RACY_S):
    a register is asked about long after its files were written, while a warm run in those first
    seconds reads every file's bytes as well as its times."""
    from qnctr.cache import RACY_S

    time.sleep(RACY_S + 1)


def compile_qnctr() -> None:
    """qnctr's bytecode, as `pip install .` writes it: an editable checkout run with
    PYTHONDONTWRITEBYTECODE=1 would compile every module of qnctr at every run (about 30 ms),
    while the floor's libraries come compiled from their install."""
    import qnctr

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(qnctr.__file__).parent)], check=True)


def size_of(root: Path) -> int:
    return sum(f.stat().st_size for f in root.rglob("*.yaml"))


def history_rows(n: int, out: Path, repeat: int) -> list[tuple[str, str, float, float, float | None]]:
    """The history commands on a register with ten periods of reports (issue 13): an agency's
    record over every period, an indicator's series, movement between periods, the report."""
    root = out / f"{n}-10-periods"
    if not (root / "tasks.yaml").is_file():
        generate(n, root, n_periods=10)
    label = f"{n:,}".replace(",", " ") + f" tasks, 10 periods, {size_of(root) / 2**20:.1f} MiB"
    base_t, base_m = measure(parse_floor(root), repeat)
    rows: list[tuple[str, str, float, float, float | None]] = [(label, "bare libyaml parse", base_t, base_m, None)]
    common = ["--data", str(root), "--as-of", AS_OF]
    with tempfile.TemporaryDirectory() as tmp:
        for name, cmd in (
            ("validate", ["validate", *common]),
            ("status --agency", ["status", "--agency", "Sở Nội vụ", *common]),
            ("show <agency> (its record, 10 periods)", ["show", "so-noi-vu", *common]),
            ("show <indicator> (its series)", ["show", "2025.1.a", *common]),
            ("compare 2025 2026-H1", ["compare", "2025", "2026-H1", *common]),
            ("compare --since 2025-01-01", ["compare", "--since", "2025-01-01", *common]),
            ("report --format md (with cùng kỳ)", ["report", "-p", "2026-H1", "-f", "md", "-o", f"{tmp}/r.md",
                                                   "--force", *common]),
        ):
            t, m = measure([*QNCTR, *cmd], repeat)
            rows.append((label, name, t, m, t / base_t))
            print(f"{label}: {name} {t:.3f} s, {m:.0f} MiB", file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--history", type=int, default=10000, metavar="TASKS",
                        help="size of the ten-period register the history commands are timed on (0: skip)")
    parser.add_argument("--docx-max", type=int, default=10000,
                        help="largest register to build a .docx report for (docxtpl holds the whole document in memory)")
    args = parser.parse_args()
    compile_qnctr()

    rows = []
    quick = max(args.repeat, 21)  # start-up figures are tens of ms: more runs for a steady median
    floor_t, floor_m = measure(IMPORT_FLOOR, quick)
    shipped = ROOT / "data"
    shipped_status = [*QNCTR, "status", "--agency", "Sở Nội vụ", "--data", str(shipped), "--as-of", AS_OF]
    rows.append(("shipped (106 tasks)", "import floor", floor_t, floor_m, None))
    t, m = measure(shipped_status, quick)
    rows.append(("shipped (106 tasks)", "status --agency", t, m, t / floor_t))
    for what, cache, extra in (("status, cold cache", "cold", {}), ("status, warm cache", "warm", {}),
                               ("status, warm, terminal layout", "warm", {"QNCTR_LAYOUT": "table"}),
                               ("status, warm, terminal in colour", "warm",
                                {"QNCTR_LAYOUT": "table", "FORCE_COLOR": "1", "NO_COLOR": ""})):
        t, m = measure(shipped_status, quick, cache, **extra)
        rows.append(("shipped (106 tasks)", what, t, m, t / floor_t))
    t, m = measure([*QNCTR, "--help"], quick)
    rows.append(("shipped (106 tasks)", "--help", t, m, t / floor_t))

    curve = []
    notes: list[str] = []
    for n in args.sizes:
        root = args.out / f"{n}"
        if not (root / "tasks.yaml").is_file():
            generate(n, root)
        repeat = args.repeat if n <= 10000 else max(1, args.repeat // 3)
        label = f"{n:,}".replace(",", " ") + f" tasks, {size_of(root) / 2**20:.1f} MiB"
        base_t, base_m = measure(parse_floor(root), repeat)
        rows.append((label, "bare libyaml parse", base_t, base_m, None))
        common = ["--data", str(root), "--as-of", AS_OF]
        with tempfile.TemporaryDirectory() as tmp:
            for name, cmd in (
                ("validate", ["validate", *common]),
                ("status --agency", ["status", "--agency", "Sở Nội vụ", *common]),
                ("status (whole programme)", ["status", *common]),
                ("overdue", ["overdue", *common]),
                ("report --format md", ["report", "-p", "2026-H1", "-f", "md", "-o", f"{tmp}/r.md", "--force", *common]),
                ("report (docx)", ["report", "-p", "2026-H1", "-o", f"{tmp}/r.docx", "--force", *common]),
                ("site (every page)", ["site", "-o", f"{tmp}/site", *common]),
            ):
                if name == "report (docx)" and n > args.docx_max:
                    continue
                t, m = measure([*QNCTR, *cmd], repeat)
                rows.append((label, name, t, m, t / base_t))
                print(f"{label}: {name} {t:.3f} s, {m:.0f} MiB", file=sys.stderr, flush=True)
                if name.startswith("site"):
                    site = Path(tmp) / "site"
                    pages = sum(1 for _ in site.rglob("*.html"))
                    notes.append(f"{label}: site of {pages} pages, {sum(f.stat().st_size for f in site.rglob('*')) / 2**20:.1f}"
                                 f" MiB; overview page {(site / 'index.html').stat().st_size / 1024:.0f} KB")
                if name in ("validate", "status --agency"):
                    curve.append((n, name, t, m, size_of(root)))
                # The cache: status cold and warm; the other queries warm (what a second question costs).
                for cache in {"status --agency": ("cold", "warm"), "status (whole programme)": ("cold", "warm"),
                              "overdue": ("warm",),
                              "report --format md": ("warm",)}.get(name, ()):
                    t, m = measure([*QNCTR, *cmd], repeat, cache)
                    rows.append((label, f"{name}, {cache} cache", t, m, t / base_t))
                    print(f"{label}: {name} {cache} {t:.3f} s", file=sys.stderr, flush=True)

    if args.history:
        rows += history_rows(args.history, args.out, args.repeat)

    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{platform.system()} {platform.release()}", "",
             "| register | command | median s | peak MiB | ratio to floor |", "|---|---|---:|---:|---:|"]
    for label, name, t, m, ratio in rows:
        lines.append(f"| {label} | {name} | {t:.3f} | {m:.0f} | {'' if ratio is None else f'{ratio:.2f}×'} |")
    lines += ["", "Growth: seconds per 1,000 tasks; peak memory per MiB of register, whole and above the import floor:",
              "", "| tasks | command | s / 1k tasks | peak MiB / register MiB | (peak − import floor) / register |",
              "|---:|---|---:|---:|---:|"]
    for n, name, t, m, size in curve:
        mib = size / 2**20
        lines.append(f"| {n:,} | {name} | {t / n * 1000:.3f} | {m / mib:.1f} | {(m - floor_m) / mib:.1f} |".replace(",", " "))
    lines += ["", *notes]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
