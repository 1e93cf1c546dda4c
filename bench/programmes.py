"""Many programmes in one register, timed as whole processes beside the shipped register:

    python bench/programmes.py                    # 50 programmes × 100 tasks, two years of reports
    python bench/programmes.py --counts 10 25 50  # cold validate at each count (is it linear?)
    python bench/programmes.py --then cf704b5     # and the one-programme status of qnctr as it was then

Prints a Markdown table: warm `status --agency` across every programme against the same on the
shipped register (one programme), measured side by side in one run; cold `validate` at each
count of programmes; `site` for the whole register. With `--then REV`, also the shipped
register's warm status with the qnctr of that revision (its own register, a git worktree), the
one-programme status users had before a register held many programmes (cf704b5: the last
commit before issues 31 and 32 were filed).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import many  # noqa: E402
from run import AS_OF, CACHE, QNCTR, ROOT, compile_qnctr, in_turns, measure, settle  # noqa: E402
from warm import timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--then", metavar="REV", help="also time the shipped register's status with qnctr at REV")
    args = parser.parse_args()
    compile_qnctr()
    work = Path(tempfile.mkdtemp(prefix="qnctr-bench-programmes-"))
    rows = []
    shipped = ROOT / "data"
    registers = {n: many(n, work / f"p{n}") for n in args.counts}
    biggest = registers[max(args.counts)]
    settle()
    status = ["status", "--agency", "Sở Nội vụ", "--as-of", AS_OF]
    warm = {"one": ([*QNCTR, *status, "--data", str(shipped)], {}),
            "across": ([*QNCTR, *status, "--data", str(biggest)], {})}
    tree = work / "then"
    if args.then:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), args.then], check=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "qnctr")], check=True)
        warm["then"] = ([*QNCTR, *status, "--data", str(tree / "data")], {"PYTHONPATH": str(tree)})
    try:
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "XDG_CACHE_HOME": str(CACHE), "QNCTR_CACHE": "1"}
        for cmd, extra in warm.values():  # each filled in the cache by one run first
            timed(cmd, {**env, **extra})
        seconds = {name: statistics.median(times) for name, times in in_turns(
            {name: functools.partial(timed, cmd, {**env, **extra}) for name, (cmd, extra) in warm.items()},
            args.repeat).items()}
    finally:
        if args.then:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    one, across, then = seconds["one"], seconds["across"], seconds.get("then")
    _, peak = measure(warm["across"][0], 1, cache="warm")
    rows.append(("shipped (1 programme, 106 tasks)", "warm status --agency", one, None))
    rows.append((f"{max(args.counts)} programmes × 100 tasks", "warm status --agency, every programme", across, peak))
    if then is not None:
        rows.append((f"shipped, qnctr at {args.then}", "warm status --agency", then, None))
    for n, root in registers.items():
        seconds, peak = measure([*QNCTR, "validate", "--data", str(root), "--as-of", AS_OF], max(1, args.repeat // 2))
        rows.append((f"{n} programmes × 100 tasks", "cold validate", seconds, peak))
    seconds, peak = measure([*QNCTR, "site", "-o", str(work / "site"), "--data", str(biggest), "--as-of", AS_OF], 1)
    rows.append((f"{max(args.counts)} programmes × 100 tasks", "site, every programme", seconds, peak))
    print("| register | command | median s | peak MiB |\n|---|---|---:|---:|")
    for register, command, seconds, peak in rows:
        print(f"| {register} | {command} | {seconds:.3f} | {'' if peak is None else f'{peak:.0f}'} |")
    print(f"\nacross / one: {across / one:.2f}×")
    if then is not None:
        print(f"across / one at {args.then}: {across / then:.2f}×")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
