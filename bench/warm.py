"""A warm `qnctr status --agency` beside its floors, side by side in one run:

    python bench/warm.py                          # the shipped register and 50 programmes × 100 tasks
    python bench/warm.py --sizes 1000 10000       # and generated registers of these many tasks

Rows: the interpreter alone (`python -c pass`); the standard-library floor (bench/floor.py: the
same work from qnctr's cache, without judging anything); a 10-line PyYAML script (tasks.yaml
filtered by the agency's id, the way an analyst would without qnctr); gojq --yaml-input doing
the same, when Debian's gojq is installed; qnctr warm in a pipe and laid out for a terminal;
`--help` and a usage error. Medians of --repeat runs; the ratio is to the floor.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from programmes import many  # noqa: E402
from run import AS_OF, CACHE, QNCTR, ROOT, compile_qnctr, measure  # noqa: E402

PYYAML = """import sys, yaml
doc = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader)
for group in doc["groups"]:
    for task in group["tasks"]:
        if sys.argv[2] in task["lead"] or sys.argv[2] in task.get("support", []):
            print(task["id"], task["text"])
"""


def rows_for(label: str, root: Path, agency: str, agency_id: str, repeat: int) -> list[tuple[str, str, float]]:
    tasks = next(iter(sorted(root.glob("programmes/*/tasks.yaml"))), root / "tasks.yaml")
    script = CACHE.parent / "pyyaml_floor.py"
    script.write_text(PYYAML, encoding="utf-8")
    status = [*QNCTR, "--data", str(root), "--as-of", AS_OF, "status", "--agency", agency]
    measure(status, 1, cache="warm")  # fills the cache that the floor reads
    floor = measure([sys.executable, str(HERE / "floor.py"), str(root), agency], repeat, cache="warm")[0]
    out = [(label, "python -c pass", measure([sys.executable, "-c", "pass"], repeat)[0]),
           (label, "floor (bench/floor.py, from qnctr's cache)", floor)]
    if len(list(root.glob("programmes/*"))) <= 1:
        out.append((label, "PyYAML script (one tasks.yaml)", measure([sys.executable, str(script), str(tasks), agency_id],
                                                                     repeat)[0]))
        if shutil.which("gojq"):
            query = f'[.groups[].tasks[] | select(.lead + (.support // []) | index("{agency_id}"))] | length'
            out.append((label, "gojq --yaml-input (one tasks.yaml)",
                        measure(["gojq", "--yaml-input", query, str(tasks)], repeat)[0]))
    out += [(label, "qnctr status --agency, warm, pipe", measure(status, repeat, cache="warm")[0]),
            (label, "qnctr status --agency, warm, terminal layout",
             measure(status, repeat, cache="warm", QNCTR_LAYOUT="table")[0])]
    if label.startswith("shipped"):
        out += [(label, "qnctr --help", measure([*QNCTR, "--help"], repeat)[0]),
                (label, "qnctr usage error (exit 2)", measure([*QNCTR, "status", "--bogus"], repeat, ok=(2,))[0])]
    return out


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
        rows += rows_for(f"{n:,} tasks".replace(",", " "), root, "Sở Nội vụ", "so-noi-vu", max(3, args.repeat // 4))
    if args.programmes:
        root = many(args.programmes, work / "many")
        rows += rows_for(f"{args.programmes} programmes × 100 tasks", root, "Sở Nội vụ", "so-noi-vu",
                         max(3, args.repeat // 4))
    print("| register | command | median s | × floor |\n|---|---|---:|---:|")
    floors = {label: s for label, command, s in rows if command.startswith("floor")}
    for label, command, seconds in rows:
        print(f"| {label} | {command} | {seconds:.3f} | {seconds / floors[label]:.2f}× |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
