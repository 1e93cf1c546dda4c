"""Write a synthetic register of N tasks (agencies, targets, periods of progress reports:
three by default, the latest ones up to 2026-H1; some reports late, some missing).

    python bench/generate.py 10000 bench/out/10k
    python bench/generate.py 10000 bench/out/10k-history --periods 10
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

LETTERS = "abcdeghik"
GROUP_SIZE = 30


def periods(count: int) -> list[tuple[str, date]]:
    """The last `count` periods up to 2026-H1, each with the day most reports are sent."""
    found: list[tuple[str, date]] = []
    year, half = 2026, True
    while len(found) < count:
        found.append((f"{year}-H1", date(year, 6, 10)) if half else (str(year), date(year, 12, 10)))
        year, half = (year, True) if not half else (year - 1, False)
    return found[::-1]

TEXT = ("Rà soát, hoàn thiện quy trình nội bộ, quy trình liên thông, quy trình điện tử giải quyết đối với từng "
        "thủ tục hành chính, đảm bảo rõ thời gian, rõ trách nhiệm của các cơ quan trong từng bước")


def q(value: str) -> str:
    return '"' + value + '"'


def generate(n_tasks: int, root: Path, seed: int = 131, n_periods: int = 3) -> None:
    rng = random.Random(seed)
    n_departments = max(20, n_tasks // 100)
    departments = ["so-noi-vu", *(f"so-{k}" for k in range(1, n_departments))]
    districts = [f"huyen-{k}" for k in range(1, 14)]
    root.mkdir(parents=True, exist_ok=True)

    lines = ["- {id: ubnd-tinh, name: UBND tỉnh, kind: government}",
             "- {id: ban-dau-moi, name: Ban Xúc tiến và Hỗ trợ đầu tư, kind: board}",
             # A province's group has a few dozen members; more agencies do not make it bigger.
             "- id: cac-so-ban-nganh\n  name: Các sở, ban, ngành\n  kind: group\n  members:\n"
             + "".join(f"    - {d}\n" for d in departments[:GROUP_SIZE]).rstrip("\n"),
             "- id: ubnd-cap-huyen\n  name: UBND các huyện, thị xã, thành phố\n  kind: group\n  members:\n"
             + "".join(f"    - {d}\n" for d in districts).rstrip("\n"),
             "- {id: so-noi-vu, name: Sở Nội vụ, kind: department, aliases: [SNV]}",
             "- id: so-cu\n  name: Sở Cũ\n  kind: department\n  succeeded_by: so-noi-vu\n  since: 2025-03-01\n"
             "  basis: Nghị quyết thử"]
    lines += [f"- {{id: {d}, name: Sở số {d[3:]}, kind: department}}" for d in departments[1:]]
    lines += [f"- {{id: {d}, name: UBND huyện {d[6:]}, kind: district}}" for d in districts]
    (root / "agencies.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    out = ["programme:\n  id: 999/CTr-UBND\n  title: Chương trình thử tải\n  issued: 2021-07-02\n  issuer: ubnd-tinh\n"
           "  focal_agency: ban-dau-moi\n  reporting:\n    source: V.2.đ\n    text: Định kỳ 6 tháng và một năm.\n"
           "    due_day: 19\n    periods:\n"
           '      - {kind: half-year, due_month: 6, cutoff: {from: "12-15", to: "06-14"}}\n'
           '      - {kind: year, due_month: 12, cutoff: {from: "12-15", to: "12-14"}}\n'
           "groups:\n"]
    tasks: list[tuple[str, str]] = []
    per_group = 100
    for g in range(1, n_tasks // per_group + 1):
        out.append(f'  - id: "{g}"\n    title: Nhóm nhiệm vụ số {g}\n    tasks:\n')
        for k in range(per_group):
            task_id = f"{g}.{LETTERS[k // 12 % len(LETTERS)]}.{k % 12 + 1}"
            roll = rng.random()
            lead = "cac-so-ban-nganh" if roll < 0.03 else ("so-cu" if roll < 0.05 else rng.choice(departments))
            due = rng.choice(["ongoing", "ongoing", "2025", "2026", "{from: 2021, to: 2027}", "2026-03-31"])
            out.append(f"      - id: {q(task_id)}\n        lead: [{lead}]\n        support: [{rng.choice(departments)}]\n"
                       f"        due: {due}\n        source: III.{g}\n        text: {TEXT} (nhiệm vụ {task_id}).\n")
            tasks.append((task_id, lead))
    (root / "tasks.yaml").write_text("".join(out), encoding="utf-8")

    targets = []
    measured: dict[str, list[str]] = {}  # agency: the indicators it reports a figure for
    for t in range(1, max(24, n_tasks // 40) + 1):
        lead_of = rng.choice(departments)
        measured.setdefault(lead_of, []).append(f"2025.{t}.a")
        targets.append(f'- id: "2025.{t}"\n  lead: [{lead_of}]\n  support: [cac-so-ban-nganh]\n'
                       f"  due: 2025\n  source: Phụ lục I.{t}\n  text: Chỉ tiêu thử số {t}.\n  indicators:\n"
                       f'    - {{id: "a", name: Tỷ lệ {t}, unit: "%", op: ">=", value: 90, measure: level}}\n')
    (root / "targets.yaml").write_text("".join(targets), encoding="utf-8")

    by_agency: dict[str, list[str]] = {}
    for task_id, lead in tasks:
        owner = "so-noi-vu" if lead in ("so-cu", "cac-so-ban-nganh") else lead
        by_agency.setdefault(owner, []).append(task_id)
    for period, usual in periods(n_periods):
        folder = root / "progress" / period
        folder.mkdir(parents=True, exist_ok=True)
        for agency, ids in by_agency.items():
            if rng.random() < 0.1:
                continue  # some agencies never report
            submitted = usual + timedelta(days=15) if rng.random() < 0.1 else usual  # and some are late
            body = [f"agency: {agency}\nperiod: {q(period)}\nsubmitted: {submitted}\ntasks:\n"]
            for task_id in ids:
                status = rng.choice(["in_progress", "in_progress", "done", "not_started"])
                done = f", completed: {submitted - timedelta(days=20)}" if status == "done" else ""
                body.append(f"  - {{task: {q(task_id)}, status: {status}{done}, result: Đã triển khai theo kế hoạch}}\n")
            figures = [f"  - {{indicator: {q(ref)}, value: {rng.randint(70, 100)}, as_of: {usual - timedelta(days=10)}}}\n"
                       for ref in measured.get(agency, [])]
            body.append("targets:\n" + "".join(figures) if figures else "targets: []\n")
            (folder / f"{agency}.yaml").write_text("".join(body), encoding="utf-8")


def many(count: int, root: Path, tasks: int = 100, periods: int = 4) -> Path:
    """A register of `count` programmes of `tasks` tasks each, sharing one directory of agencies."""
    one = root / ".one"
    generate(tasks, one, n_periods=periods)
    shutil.copy(one / "agencies.yaml", root / "agencies.yaml")
    for k in range(count):
        folder = root / "programmes" / f"kh-{k + 1:03d}"
        shutil.copytree(one, folder, ignore=shutil.ignore_patterns("agencies.yaml"))
        tasks_file = folder / "tasks.yaml"
        tasks_file.write_text(tasks_file.read_text(encoding="utf-8").replace("999/CTr-UBND", f"{k + 1}/KH-UBND"),
                              encoding="utf-8")
    shutil.rmtree(one)
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tasks", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument("--periods", type=int, default=3, help="periods of progress reports, up to 2026-H1")
    args = parser.parse_args()
    generate(args.tasks, args.root, n_periods=args.periods)
