"""Write a synthetic register of N tasks (agencies, targets, three periods of progress).

    python bench/generate.py 10000 bench/out/10k
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

LETTERS = "abcdeghik"
GROUP_SIZE = 30
PERIODS = [("2025-H1", date(2025, 6, 10)), ("2025", date(2025, 12, 10)), ("2026-H1", date(2026, 6, 10))]
TEXT = ("Rà soát, hoàn thiện quy trình nội bộ, quy trình liên thông, quy trình điện tử giải quyết đối với từng "
        "thủ tục hành chính, đảm bảo rõ thời gian, rõ trách nhiệm của các cơ quan trong từng bước")


def q(value: str) -> str:
    return '"' + value + '"'


def generate(n_tasks: int, root: Path, seed: int = 131) -> None:
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
    for t in range(1, max(24, n_tasks // 40) + 1):
        targets.append(f'- id: "2025.{t}"\n  lead: [{rng.choice(departments)}]\n  support: [cac-so-ban-nganh]\n'
                       f"  due: 2025\n  source: Phụ lục I.{t}\n  text: Chỉ tiêu thử số {t}.\n  indicators:\n"
                       f'    - {{id: "a", name: Tỷ lệ {t}, unit: "%", op: ">=", value: 90, measure: level}}\n')
    (root / "targets.yaml").write_text("".join(targets), encoding="utf-8")

    by_agency: dict[str, list[str]] = {}
    for task_id, lead in tasks:
        owner = "so-noi-vu" if lead in ("so-cu", "cac-so-ban-nganh") else lead
        by_agency.setdefault(owner, []).append(task_id)
    for period, submitted in PERIODS:
        folder = root / "progress" / period
        folder.mkdir(parents=True, exist_ok=True)
        for agency, ids in by_agency.items():
            if rng.random() < 0.1:
                continue  # some agencies never report
            body = [f"agency: {agency}\nperiod: {q(period)}\nsubmitted: {submitted}\ntasks:\n"]
            for task_id in ids:
                status = rng.choice(["in_progress", "in_progress", "done", "not_started"])
                done = f", completed: {submitted - timedelta(days=20)}" if status == "done" else ""
                body.append(f"  - {{task: {q(task_id)}, status: {status}{done}, result: Đã triển khai theo kế hoạch}}\n")
            body.append("targets: []\n")
            (folder / f"{agency}.yaml").write_text("".join(body), encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
