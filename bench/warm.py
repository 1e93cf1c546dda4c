"""A warm `qnctr status --agency` beside its floors, side by side in one run:

    python bench/warm.py                          # the shipped register and 50 programmes × 100 tasks
    python bench/warm.py --sizes 1000 10000       # and generated registers of these many tasks

Rows: the interpreter alone (`python -c pass`); the standard-library floor (bench/floor.py: the
same work from qnctr's cache, without judging anything); a 10-line PyYAML script (tasks.yaml
filtered by the agency's id, the way an analyst would without qnctr); gojq --yaml-input doing
the same, when Debian's gojq is installed; qnctr warm in a pipe and laid out for a terminal
(QNCTR_LAYOUT=table); `--help` and a usage error. For each generated size, the writes with
the cache current: `record` (one entry, three in a row), `form` for the agency, and `import`
of that form with one cell filled, and a cold `validate` (cache off) with its peak memory
beside the size of the register's YAML. qnctr runs as its console script, as users type it.
The commands of one register run in turns, round after round (a busy moment of the machine
falls on all of them alike); each figure is the median of --repeat rounds, its ratio
is to the floor of the same rounds; peak MiB is a command's largest resident size, measured by
GNU time (/usr/bin/time) when it is installed, in a run that is not timed.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate, many  # noqa: E402
from run import AS_OF, CACHE, QNCTR, ROOT, compile_qnctr, in_turns, settle  # noqa: E402

SCRIPT = Path(sys.executable).parent / "qnctr"
QNCTR_CMD = [str(SCRIPT)] if SCRIPT.is_file() else QNCTR
PYYAML = """import sys, yaml
doc = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
for group in doc["groups"]:
    for task in group["tasks"]:
        if sys.argv[2] in task["lead"] or sys.argv[2] in task.get("support", []):
            print(task["id"], task["text"])
"""


PEAKS: dict[tuple[str, str], float] = {}  # (register, command) → the largest resident size of its runs, MiB
TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time: a command's own peak, not this script's


def timed(cmd: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,), row: tuple[str, str] | None = None) -> float:
    """Seconds a command takes; with `row`, its peak memory kept in PEAKS (measured by GNU time,
    which costs about a millisecond: the quick commands' peaks come from a run of their own)."""
    with tempfile.NamedTemporaryFile() as said, tempfile.NamedTemporaryFile() as peak:
        measured = [TIME, "-f", "%M", "-o", peak.name, *cmd] if row is not None and TIME else cmd
        start = time.perf_counter()
        done = subprocess.run(measured, stdout=subprocess.DEVNULL, stderr=said, env=env, cwd=tempfile.gettempdir())
        seconds = time.perf_counter() - start
        if done.returncode not in ok:
            said.seek(0)
            raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {said.read().decode()}")
        if row is not None and TIME:
            kib = int(peak.read().split()[-1])
            PEAKS[row] = max(PEAKS.get(row, 0.0), kib / 1024)
    return seconds


def rows_for(label: str, root: Path, agency: str, agency_id: str, repeat: int) -> list[tuple[str, str, float]]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "XDG_CACHE_HOME": str(CACHE), "QNCTR_CACHE": "1"}
    tasks = next(iter(sorted(root.glob("programmes/*/tasks.yaml"))), root / "tasks.yaml")
    script = CACHE / "pyyaml_floor.py"
    script.write_text(PYYAML, encoding="utf-8")
    status = [*QNCTR_CMD, "--data", str(root), "--as-of", AS_OF, "status", "--agency", agency]
    timed(status, env)  # fills the cache that the floor and the warm runs read
    commands: dict[str, tuple[list[str], dict[str, str], tuple[int, ...]]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], env, (0,)),
        "floor (bench/floor.py, from qnctr's cache)": ([sys.executable, str(HERE / "floor.py"), str(root), agency],
                                                       env, (0,))}
    if len(list(root.glob("programmes/*"))) <= 1:
        commands["PyYAML script (one tasks.yaml)"] = ([sys.executable, str(script), str(tasks), agency_id], env, (0,))
        if shutil.which("gojq"):
            query = f'[.groups[].tasks[] | select(.lead + (.support // []) | index("{agency_id}"))] | length'
            commands["gojq --yaml-input (one tasks.yaml)"] = (["gojq", "--yaml-input", query, str(tasks)], env, (0,))
    commands["qnctr status --agency, warm, pipe"] = (status, env, (0,))
    commands["qnctr status --agency, warm, terminal layout"] = (status, {**env, "QNCTR_LAYOUT": "table"}, (0,))
    if label.startswith("shipped"):
        commands["qnctr --help"] = ([*QNCTR_CMD, "--help"], env, (0,))
        commands["qnctr usage error (exit 2)"] = ([*QNCTR_CMD, "status", "--bogus"], env, (2,))
    times = in_turns({name: functools.partial(timed, cmd, cmd_env, ok) for name, (cmd, cmd_env, ok) in commands.items()},
                     repeat)
    for name, (cmd, cmd_env, ok) in commands.items():  # the peaks, from runs that are not timed
        timed(cmd, cmd_env, ok, (label, name))
    return [(label, name, statistics.median(seconds)) for name, seconds in times.items()]


def validated(label: str, root: Path) -> list[tuple[str, str, float]]:
    """A cold `validate` (cache off): its time, and its peak memory against the register's YAML."""
    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(CACHE), "QNCTR_CACHE": "0"}
    yaml_mib = sum(f.stat().st_size for f in root.rglob("*.yaml")) / 2**20
    name = f"validate, cache off (YAML {yaml_mib:.1f} MiB)"
    seconds = timed([*QNCTR_CMD, "validate", "--data", str(root), "--as-of", AS_OF], env, (0, 1), (label, name))
    peak = f"{PEAKS[(label, name)] / yaml_mib:.1f}×" if (label, name) in PEAKS else "(no GNU time: not measured)"
    return [(label, f"{name}: peak {peak} the YAML", seconds)]


def writes(label: str, root: Path, repeat: int) -> list[tuple[str, str, float]]:
    """A record, a form and an import on a register whose cache is current (as after any question)."""
    from openpyxl import load_workbook

    env = {**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(CACHE), "QNCTR_CACHE": "1"}
    base = [*QNCTR_CMD, "--data", str(root), "--as-of", AS_OF]
    shown = subprocess.run([*base, "status", "--agency", "Sở Nội vụ", "-f", "json"], capture_output=True, env=env,
                           check=True)
    task = next(t["id"] for t in json.loads(shown.stdout)["tasks"] if t["role"] == "lead")
    names = ("record (cache current; median of the writes in a row)", "form for one agency",
             "import of that form, one cell filled")
    records = [timed([*base, "record", task, "-p", "2026", "-a", "so-noi-vu", "-s", "in_progress", "--result",
                     f"Lần {i}"], env, row=(label, names[0])) for i in range(max(3, repeat))]
    form = CACHE / "form.xlsx"
    made = timed([*base, "form", "-p", "2026", "-a", "so-noi-vu", "-o", str(form), "--force"], env, row=(label, names[1]))
    wb = load_workbook(form)
    wb["Nhiệm vụ"].cell(3, 8).value = "Nhập từ mẫu"
    wb.save(form)
    imported = timed([*base, "import", str(form)], env, row=(label, names[2]))
    return [(label, names[0], statistics.median(records)), (label, names[1], made), (label, names[2], imported)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[])
    parser.add_argument("--programmes", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    compile_qnctr()
    work = Path(tempfile.mkdtemp(prefix="qnctr-bench-warm-"))
    rows = rows_for("shipped (106 tasks)", ROOT / "data", "Sở Nội vụ", "so-noi-vu", args.repeat)
    for n in args.sizes:
        root = work / f"t{n}"
        generate(n, root)
        settle()
        label = f"{n:,} tasks".replace(",", " ")
        rows += rows_for(label, root, "Sở Nội vụ", "so-noi-vu", max(3, args.repeat // 4))
        rows += writes(label, root, 3)
        rows += validated(label, root)
    if args.programmes:
        root = many(args.programmes, work / "many")
        settle()
        rows += rows_for(f"{args.programmes} programmes × 100 tasks", root, "Sở Nội vụ", "so-noi-vu",
                         max(3, args.repeat // 4))
    print("| register | command | median s | × floor | peak MiB |\n|---|---|---:|---:|---:|")
    floors = {label: s for label, command, s in rows if command.startswith("floor")}
    for label, command, seconds in rows:
        ratio = "" if command.startswith(("record", "form", "import", "validate")) else f"{seconds / floors[label]:.2f}×"
        peak = next((f"{m:.0f}" for (lab, name), m in PEAKS.items() if lab == label and command.startswith(name)), "")
        print(f"| {label} | {command} | {seconds:.3f} | {ratio} | {peak} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
