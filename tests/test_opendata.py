"""qnctr export: SQLite for Datasette, Parquet; the answers equal the CLI's."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from .support import AS_OF, run_cli


def _export(register: Path, out: Path, *extra: str) -> Path:
    db = out / "so.db"
    result = run_cli("export", str(register), "--sqlite", str(db), "--as-of", AS_OF, *extra)
    assert result.code == 0, result.err
    return db


def test_the_database_answers_as_the_commands_do(history: Path, tmp_path: Path) -> None:
    db = sqlite3.connect(_export(history, tmp_path))
    late = json.loads(run_cli("overdue", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
    rows = db.execute("SELECT t.task, a.agency, ta.days_overdue FROM task_agencies ta JOIN tasks t ON t.id = ta.task_id "
                      "JOIN agencies a ON a.id = ta.agency_id WHERE ta.state = 'overdue' ORDER BY 1, 2").fetchall()
    assert rows == sorted((r["id"], r["agency"], r["days_overdue"]) for r in late["tasks"])
    cards = json.loads(run_cli("scorecard", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)["agencies"]
    for card in cards:
        counted = dict(db.execute(
            "SELECT state, count(*) FROM task_agencies WHERE agency_id = ? AND role != 'support' GROUP BY state",
            (f"thu/{card['agency']}",)).fetchall())
        assert {s: n for s, n in card["counts"].items() if n} == counted, card["agency"]
    status = json.loads(run_cli("status", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
    assert dict(db.execute("SELECT task, state FROM tasks").fetchall()) == {t["id"]: t["state"] for t in status["tasks"]}
    # Every reference resolves.
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_search_finds_what_people_type_without_diacritics(history: Path, tmp_path: Path) -> None:
    from qnctr.opendata import search_query

    db = sqlite3.connect(_export(history, tmp_path))

    def found(typed: str) -> list[str]:
        return [r[0] for r in db.execute("SELECT title FROM search WHERE search MATCH ? ORDER BY title",
                                         (search_query(typed),))]

    assert found("thu nghiem") == found("Thử Nghiệm") and "Sở Thử Nghiệm" in found("thu nghiem")
    assert "Ban Đầu mối" in found("dau moi")  # đ is d only in the folded column
    assert found("ngan ha") == ["Sở Ngân Hà"]


def test_the_same_register_and_day_give_the_same_bytes(history: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    a, b = _export(history, first), _export(history, second)
    assert a.read_bytes() == b.read_bytes()
    assert a.with_suffix(".metadata.json").read_bytes() == b.with_suffix(".metadata.json").read_bytes()


def test_several_registers_in_one_file_and_one_province_twice(history: Path, mini: Path, tmp_path: Path) -> None:
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("place: Thử", "place: Thử Hai"), encoding="utf-8")
    db = tmp_path / "all.db"
    result = run_cli("export", str(history), str(mini), "--sqlite", str(db), "--as-of", AS_OF)
    assert result.code == 0, result.err
    rows = sqlite3.connect(db).execute("SELECT id, province FROM registers ORDER BY id").fetchall()
    assert rows == [("thu", "Thử"), ("thu-hai", "Thử Hai")]
    again = run_cli("export", str(history), str(history), "--sqlite", str(tmp_path / "twice.db"), "--as-of", AS_OF)
    assert again.code in (1, 2) and "thu" in again.out + again.err and not (tmp_path / "twice.db").exists()


def test_a_draft_programme_is_not_published(mini: Path, tmp_path: Path) -> None:
    """A programme made by init (or ingest) and not yet checked was exported with its stand-in
    tasks and states; its skeleton's place 'Tên tỉnh', first in key order, named the province
    of every row ('ten-tinh'). Drafts are left out, and the export says which."""
    assert run_cli("programmes", "move", "--data", str(mini)).code == 0
    assert run_cli("init", str(mini), "-n", "1/KH-UBND", "--as-of", AS_OF).code == 0
    (mini / "programmes/1-kh-ubnd").rename(mini / "programmes/0-kh-ubnd")  # first in key order
    db = tmp_path / "so.db"
    result = run_cli("export", str(mini), "--sqlite", str(db), "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert "Không xuất 1 chương trình còn là bản nháp" in result.out + result.err and "0-kh-ubnd" in result.out
    con = sqlite3.connect(db)
    assert con.execute("SELECT id FROM registers").fetchall() == [("thu",)]
    assert con.execute("SELECT key, status FROM programmes").fetchall() == [("1-ctr-test", "in_force")]
    assert not con.execute("SELECT count(*) FROM tasks WHERE text LIKE 'Nội dung nhiệm vụ%'").fetchone()[0]


def test_what_cannot_be_written_is_refused_and_nothing_is_half_written(history: Path, tmp_path: Path) -> None:
    existing = tmp_path / "so.db"
    existing.write_bytes(b"old")
    refused = run_cli("export", str(history), "--sqlite", str(existing), "--as-of", AS_OF)
    assert refused.code in (1, 2) and "--force" in refused.out + refused.err and existing.read_bytes() == b"old"
    folder = tmp_path / "folder.db"
    folder.mkdir()
    assert run_cli("export", str(history), "--sqlite", str(folder), "--as-of", AS_OF).code in (1, 2)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "agencies.yaml").write_text("[]\n", encoding="utf-8")
    (broken / "tasks.yaml").write_text("programme: 1\ngroups: []\n", encoding="utf-8")
    invalid = run_cli("export", str(broken), "--sqlite", str(tmp_path / "x.db"), "--as-of", AS_OF)
    assert invalid.code in (1, 2) and "lỗi" in invalid.out + invalid.err and not (tmp_path / "x.db").exists()
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        result = run_cli("export", str(history), "--sqlite", str(locked / "so.db"), "--as-of", AS_OF)
        assert result.code in (1, 2) and not (locked / "so.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def test_datasette_serves_the_export_with_its_facets_search_and_queries(history: Path, tmp_path: Path) -> None:
    pytest.importorskip("datasette", reason="Datasette is not installed (.ci/run installs it)")
    db = _export(history, tmp_path)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db), "-m",
                               str(db.with_suffix(".metadata.json")), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/so"
    try:
        for _ in range(100):
            try:
                _get(f"{base}.json")
                break
            except OSError:
                time.sleep(0.2)
        facets = _get(f"{base}/tasks.json?_facet=state_label&_size=0")["facet_results"]["state_label"]["results"]
        status = json.loads(run_cli("status", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
        from qnctr.state import TASK_STATE_LABELS

        assert {f["value"]: f["count"] for f in facets} == {TASK_STATE_LABELS[s]: n for s, n in
                                                           status["summary"].items() if n}
        hits = _get(f"{base}/search.json?_search=dau+moi&_shape=array")
        assert [h["title"] for h in hits] == ["Ban Đầu mối"]
        late = _get(f"{base}/qua_han_theo_co_quan.json?_shape=array")
        overdue = json.loads(run_cli("overdue", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
        assert sum(r["so_nhiem_vu_qua_han"] for r in late) == len(overdue["tasks"])
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_parquet_holds_the_same_tables(history: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (qnctr[parquet])")
    folder = tmp_path / "parquet"
    db = _export(history, tmp_path, "--parquet", str(folder))
    con = sqlite3.connect(db)
    for name in ("tasks", "task_agencies", "reports", "agencies"):
        table = pq.read_table(folder / f"{name}.parquet")
        assert table.num_rows == con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    duckdb = pytest.importorskip("duckdb", reason="DuckDB is not installed")
    late = duckdb.sql(f"SELECT count(*) FROM '{folder}/task_agencies.parquet' WHERE state = 'overdue'").fetchall()
    assert late[0][0] == con.execute("SELECT count(*) FROM task_agencies WHERE state = 'overdue'").fetchone()[0]


def test_of_two_agencies_figures_for_one_day_the_one_that_counts_is_marked(history: Path, tmp_path: Path) -> None:
    """Two leads gave 2026.1.a for 31/05/2026; the office confirmed Sở Thử Nghiệm's 88 %. The
    database says which figure counts, as the commands use it."""
    for agency, value, extra in (("so-b", "92", ()), ("so-a", "88", ("--confirm-doubts",))):
        wrote = run_cli("observe", "2026.1.a", "-p", "2026-H1", "-a", agency, "--value", value, "--observed",
                        "2026-05-31", "--data", str(history), "--as-of", "2026-06-26", *extra)
        assert wrote.code == 0, wrote.err
    out = tmp_path / "reg.db"
    assert run_cli("export", "--sqlite", str(out), "--data", str(history), "--as-of", "2026-06-26").code == 0
    rows = sqlite3.connect(out).execute(
        "SELECT r.agency_id, o.value, o.confirmed FROM observations o JOIN reports r ON r.id = o.report_id "
        "WHERE o.as_of = '2026-05-31' ORDER BY 1").fetchall()
    assert rows == [("thu/so-a", 88.0, 1), ("thu/so-b", 92.0, 0)]
