"""How well `qnctr ingest` reads real plans, measured against hand-made answer keys.

    python bench/ingest.py [--shared ../shared/source] [--pages 100]

For each plan of shared/source/programmes/ in each form (.txt, .docx, .pdf): tasks found against
the key's count (and its stated alternative), the key's sample tasks found with their verbatim
start, leads, supports and deadlines right, targets found, their figures read (the key's sample
values), coverage, review items, seconds. For 131/CTr-UBND the shipped register is the key: every
task's text verbatim, its leads (resolved against the shipped directory) and its due value, the 24
targets with their first indicator's comparison, figure, unit and measure. Last, the time to read a
document of about --pages pages (131's text repeated; as .docx and, when LibreOffice is on the
machine, as PDF). Prints a Markdown table."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qnctr.ingest import names, parse, phrases, source, write  # noqa: E402


def plain(text: str) -> str:
    return " ".join(text.replace("**", "").replace("*", "").split())


def same_names(found: list[str], wanted: list[str]) -> bool:
    return sorted(names.key(n) for n in found) == sorted(names.key(n) for n in wanted)


def same_due(found: str, wanted: str | None) -> bool:
    if not wanted:
        return not found
    if not found:
        return False
    a, b = phrases.deadline(found, 2025).value, phrases.deadline(wanted, 2025).value
    return a == b if a is not None or b is not None else plain(found) == plain(wanted)


def read(path: Path, register: Path) -> tuple[parse.Draft, write.Outcome, float]:
    started = time.perf_counter()
    doc = source.read(path)
    draft = parse.parse(doc)
    outcome = write.build(doc, draft, register, "bench", date(2026, 12, 3))
    return draft, outcome, time.perf_counter() - started


def plan_row(path: Path, key: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        draft, outcome, seconds = read(path, Path(tmp))
    tasks = [t for g in draft.groups for t in g.tasks]
    found = leads = supports = dues = 0
    for sample in key["sample_tasks"]:
        start = plain(sample["text_start"])
        place = re.sub(r"\s*\(.*$", "", sample["locator"]).replace("bullet", "ý")
        candidates = [t for t in tasks if plain(t.text).startswith(start)]
        task = next((t for t in candidates if t.source == place), candidates[0] if candidates else None)
        if task is None:
            continue
        found += 1
        leads += same_names(task.lead_names, sample["lead"])
        supports += same_names(task.support_names, sample["support"])
        dues += same_due(task.due_phrase, sample["due"])
    alternative = key.get("alternative_counts", {})
    counts = [key["task_count"], *[v for k, v in alternative.items() if k != "note"]]
    summary = outcome.summary
    return {"document": path.name, "tasks": f"{len(tasks)} / {key['task_count']}"
            + (" (other count: " + ", ".join(map(str, counts[1:])) + ")" if counts[1:] else ""),
            "count_ok": len(tasks) in counts,
            "samples": f"{found}/{len(key['sample_tasks'])}", "leads": f"{leads}/{len(key['sample_tasks'])}",
            "supports": f"{supports}/{len(key['sample_tasks'])}", "deadlines": f"{dues}/{len(key['sample_tasks'])}",
            "targets": f"{len(draft.targets)} / {key['targets']['count']}", "goals": key_goals(draft, key),
            "coverage": summary["coverage"],
            "review": len(summary["review"]), "seconds": round(seconds, 2)}


def key_goals(draft: Any, key: dict[str, Any]) -> str:
    """The key's sample targets whose figure (and sign, when the key writes one) the draft read."""
    samples = key["targets"].get("sample", [])
    hits = 0
    for sample in samples:
        wanted = re.match(r"([≥≤<>])?\s*(\d+(?:[.,]\d+)?)\s*(%)?", sample["value"])
        got = next((t.goal for t in draft.targets if plain(t.text).startswith(plain(sample["text_start"]))), None)
        if wanted is None or got is None:
            continue
        sign = {"≥": ">=", "≤": "<=", ">": ">", "<": "<"}.get(wanted.group(1) or "")
        hits += float(wanted.group(2).replace(",", ".")) == got.value and (sign is None or sign == got.op) \
            and (wanted.group(3) is None or got.unit == "%")
    return f"{hits}/{len(samples)}"


def shipped_row(path: Path) -> dict[str, Any]:
    import yaml

    data = ROOT / "data"
    shipped = yaml.safe_load((data / "programmes/131-ctr-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    targets = yaml.safe_load((data / "programmes/131-ctr-ubnd/targets.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        register = Path(tmp)
        shutil.copy(data / "agencies.yaml", register / "agencies.yaml")
        draft, outcome, seconds = read(path, register)
    tasks = {plain(t.text): t for g in draft.groups for t in g.tasks}
    wanted = [t for g in shipped["groups"] for t in g["tasks"]]
    verbatim = leads = dues = supports = 0
    for task in wanted:
        found = tasks.get(plain(task["text"]))
        if found is None:
            continue
        verbatim += 1
        leads += sorted(found.lead) == sorted(task["lead"])
        supports += sorted(found.support) == sorted(task.get("support") or [])
        dues += json.dumps(found.due, default=str) == json.dumps(task["due"], default=str)
    found_targets = {plain(t.text): t for t in draft.targets}
    target_hits = sum(plain(t["text"]) in found_targets for t in targets)
    goals = 0  # the first indicator's comparison, figure, unit and measure, as the shipped register has them
    for target in targets:
        wanted_goal = target["indicators"][0]
        got = found_targets.get(plain(target["text"]))
        if got is None:
            continue
        if got.goal is None or got.goal.value is None or not got.goal.unit:
            goals += wanted_goal["measure"] == "qualitative"
        else:
            goals += (got.goal.op or ">=", got.goal.value, got.goal.unit, got.goal.measure or "level") == (
                wanted_goal.get("op"), wanted_goal.get("value"), wanted_goal.get("unit"), wanted_goal["measure"])
    n = len(wanted)
    return {"document": path.name, "tasks": f"{len(tasks)} / {n}", "count_ok": len(tasks) == n,
            "samples": f"{verbatim}/{n} verbatim", "leads": f"{leads}/{n} ({100 * leads / n:.0f} %)",
            "supports": f"{supports}/{n} ({100 * supports / n:.0f} %)", "deadlines": f"{dues}/{n} ({100 * dues / n:.0f} %)",
            "targets": f"{len(draft.targets)} / {len(targets)} ({target_hits} verbatim)",
            "goals": f"{goals}/{len(targets)}",
            "coverage": outcome.summary["coverage"], "review": len(outcome.summary["review"]),
            "seconds": round(seconds, 2)}


def long_document(seed: Path, pages: int, folder: Path) -> list[Path]:
    """131's text repeated to about `pages` pages, as .docx (and PDF when LibreOffice is here)."""
    import docx

    text = seed.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    start = paragraphs.index("III. NHIỆM VỤ, GIẢI PHÁP") + 1
    end = next(i for i, p in enumerate(paragraphs) if p.startswith("IV. "))
    groups = paragraphs[start:end]  # section III's eight groups, repeated under new numbers
    per_copy = max(1, len(" ".join(groups)) // 3000)  # about 3,000 characters a page
    document = docx.Document()
    for paragraph in paragraphs[:start]:
        document.add_paragraph(paragraph)
    number = 0
    for _ in range(max(1, pages // per_copy)):
        for paragraph in groups:
            if re.match(r"\d+\. ", paragraph):
                number += 1
                paragraph = re.sub(r"^\d+", str(number), paragraph)
            document.add_paragraph(paragraph)
    for paragraph in paragraphs[end:]:
        document.add_paragraph(paragraph)
    out = [folder / "long.docx"]
    document.save(str(out[0]))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(out[0])],
                       capture_output=True, timeout=600, check=False)
        if (folder / "long.pdf").exists():
            out.append(folder / "long.pdf")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "source")
    parser.add_argument("--pages", type=int, default=100, help="0: no long document")
    args = parser.parse_args()
    rows = [shipped_row(args.shared / "131-CTr-UBND-2021.txt")]
    for key_path in sorted((args.shared / "programmes").glob("*.key.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        stem = key_path.name.removesuffix(".key.json")
        for suffix in (".txt", ".docx", ".pdf"):
            path = key_path.parent / f"{stem}{suffix}"
            if path.exists():
                rows.append(plan_row(path, key))
    columns = ["document", "tasks", "samples", "leads", "supports", "deadlines", "targets", "goals", "coverage", "review",
               "seconds"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    if args.pages <= 0:
        return
    with tempfile.TemporaryDirectory() as tmp:
        for path in long_document(args.shared / "131-CTr-UBND-2021.txt", args.pages, Path(tmp)):
            with tempfile.TemporaryDirectory() as register:
                draft, _, seconds = read(path, Path(register))
            pages = ""
            if path.suffix == ".pdf":
                count = len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))
                pages = f", {count} pages"
            print(f"\n{path.suffix[1:]} of about {args.pages} pages{pages}: {draft.task_count} tasks read in "
                  f"{seconds:.2f} s")


if __name__ == "__main__":
    main()
