"""The register cache (cache.py): every run with it gives exactly what a run without it gives,
whatever happened to the files, the cache entry or the cache folder in between."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qnctr.load import Register, load_register

from .support import AS_OF, DATA, HISTORY, MINI, ROOT, entry_lines, run_cli, same_register, through_cache

QUERIES = [("status", "-a", "so-a", "-f", "json"), ("overdue", "-f", "json"), ("show", "2030.1", "-f", "json")]


def outputs(root: Path, *, cache: bool = True) -> list[str]:
    env = {"QNCTR_CACHE": "1" if cache else "0"}
    results = [run_cli(*q, "--data", str(root), "--as-of", AS_OF, env=env) for q in QUERIES]
    assert all(r.code == 0 for r in results), [r.err for r in results]
    return [r.out for r in results]


def entry(own_cache: Path) -> Path:
    found = list(own_cache.glob("*.json"))
    assert len(found) == 1, found
    return found[0]


def head(stored: Path) -> dict[str, Any]:
    """An entry's head: its first line (a line for each task and report entry follows)."""
    found: dict[str, Any] = json.loads(stored.read_bytes().split(b"\n", 1)[0])
    return found


def test_a_warm_run_equals_a_cache_off_run_and_the_entry_is_private(mini: Path, own_cache: Path) -> None:
    cold = outputs(mini)
    stored = entry(own_cache)
    assert stored.stat().st_mode & 0o777 == 0o600 and own_cache.stat().st_mode & 0o777 == 0o700
    assert head(stored)["register"]["programme"]["id"] == "1/CTr-TEST"
    assert outputs(mini) == cold == outputs(mini, cache=False)


def _edit(path: Path, old: str, new: str, keep_mtime: bool = False) -> None:
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    if keep_mtime:
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_an_edit_with_the_same_size_and_mtime_is_seen(mini: Path, own_cache: Path) -> None:
    outputs(mini)
    report = mini / "progress/2026-H1/so-a.yaml"
    size = report.stat().st_size
    _edit(report, "result: Đang triển khai", "result: Đang triển khaI", keep_mtime=True)
    assert report.stat().st_size == size
    warm = outputs(mini)
    assert "Đang triển khaI" in warm[0] and warm == outputs(mini, cache=False)


@pytest.mark.parametrize("racy", [3600, 0], ids=["bytes-keyed", "times-only"])
def test_an_edit_that_puts_the_old_mtime_back_is_seen_by_its_bytes_or_its_change_time(
        mini: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch, racy: int) -> None:
    """A file changed lately is keyed by its bytes; any other by its times, size and inode, as
    git keys a work tree: an edit that sets the old mtime back still moves the change time."""
    from qnctr import cache

    monkeypatch.setattr(cache, "RACY_S", racy)
    outputs(mini)
    report = mini / "progress/2026-H1/so-a.yaml"
    _edit(report, "result: Đang triển khai", "result: Đang triển khaX", keep_mtime=True)
    warm = outputs(mini)
    assert "Đang triển khaX" in warm[0] and warm == outputs(mini, cache=False)


def test_a_file_added_removed_or_renamed_is_seen(mini: Path, own_cache: Path) -> None:
    outputs(mini)
    added = mini / "progress/2026-H1/so-b.yaml"
    added.write_text("agency: so-b\nperiod: 2026-H1\nsubmitted: 2026-06-10\n"
                     "tasks:\n  - {task: \"2.b.2\", status: in_progress, result: Mới thêm}\n", encoding="utf-8")
    assert outputs(mini) == outputs(mini, cache=False)
    assert "Mới thêm" in run_cli("show", "2.b.2", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out
    added.rename(mini / "progress/2026-H1/so-b.txt")  # not a report any more: a stray file
    renamed = run_cli("show", "2.b.2", "--data", str(mini), "--as-of", AS_OF, "-f", "json").out
    assert "Mới thêm" not in renamed
    (mini / "progress/2026-H1/so-b.txt").unlink()
    (mini / "progress/2026-H1/so-a.yaml").unlink()
    assert outputs(mini) == outputs(mini, cache=False)
    assert "Đang triển khai" not in outputs(mini)[0]


def test_a_retargeted_symlink_is_seen(mini: Path, own_cache: Path) -> None:
    report = mini / "progress/2026-H1/so-a.yaml"
    store = mini / "store"
    store.mkdir()
    shutil.move(report, store / "a.yaml")
    shutil.copy(store / "a.yaml", store / "b.yaml")
    _edit(store / "b.yaml", "result: Đang triển khai", "result: Bản khác")
    report.symlink_to(store / "a.yaml")
    first = outputs(mini)
    report.unlink()
    report.symlink_to(store / "b.yaml")
    second = outputs(mini)
    assert first != second and "Bản khác" in second[0] and second == outputs(mini, cache=False)


def test_an_upgraded_qnctr_does_not_read_an_older_entry(mini: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import qnctr.cache

    outputs(mini)
    before = entry(own_cache).read_text(encoding="utf-8")
    monkeypatch.setattr(qnctr.cache, "_software", lambda: "another qnctr")
    assert outputs(mini) == outputs(mini, cache=False)
    assert entry(own_cache).read_text(encoding="utf-8") != before  # read again and stored anew


def test_an_edit_to_qnctrs_own_source_changes_what_the_key_sees_of_it(tmp_path: Path) -> None:
    """qnctr's source is keyed by its files' stats, as the register's are: an edit of the same
    size that puts the old mtime back still moves the change time."""
    from qnctr.cache import _sources

    (tmp_path / "sub").mkdir()
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "a.py").write_text("A = 1\n")
    (tmp_path / "sub" / "b.py").write_text("B = 1\n")
    (tmp_path / "__pycache__" / "c.py").write_text("")
    (tmp_path / "notes.txt").write_text("")

    def seen() -> list[tuple[str, int, int, int, int]]:
        return [(n, i.st_size, i.st_ino, i.st_mtime_ns, i.st_ctime_ns) for n, i in _sources(str(tmp_path), "")]

    before = seen()
    assert [n for n, *_ in before] == ["a.py", "sub/b.py"]
    old = (tmp_path / "sub" / "b.py").stat()
    time.sleep(0.02)
    (tmp_path / "sub" / "b.py").write_text("B = 2\n")
    os.utime(tmp_path / "sub" / "b.py", ns=(old.st_atime_ns, old.st_mtime_ns))
    assert seen() != before


@pytest.mark.parametrize("damage", ["corrupt", "truncated", "foreign", "group-writable", "poisoned-key",
                                    "unknown-field", "wrong-type"])
def test_a_damaged_or_foreign_entry_is_ignored(mini: Path, own_cache: Path, damage: str) -> None:
    expected = outputs(mini, cache=False)
    outputs(mini)
    stored = entry(own_cache)
    text = stored.read_text(encoding="utf-8")
    if damage == "corrupt":
        stored.write_bytes(b"\xff\x00{not json")
    elif damage == "truncated":
        stored.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "unknown-field":  # an entry of another shape, under the right key
        stored.write_text(text.replace('"status":', '"state":'), encoding="utf-8")
    elif damage == "wrong-type":
        stored.write_text(text.replace('"submitted":"2026-06-15"', '"submitted":20260615'), encoding="utf-8")
    elif damage == "poisoned-key":
        first, rest = text.replace("Đang triển khai", "Sai").split("\n", 1)
        data = json.loads(first)
        data["key"] = "0" * 64
        stored.write_text(json.dumps(data) + "\n" + rest, encoding="utf-8")
    else:
        stored.write_text(text.replace("Đang triển khai", "Sai"), encoding="utf-8")
        if damage == "foreign":
            os.chown(stored, 12345, 12345) if os.getuid() == 0 else pytest.skip("chown needs root")
        else:
            stored.chmod(0o664)
    assert outputs(mini) == expected


def test_an_unusable_cache_folder_only_means_no_cache(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = outputs(mini, cache=False)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    assert outputs(mini) == expected
    shared = tmp_path / "shared"
    (shared / "qnctr").mkdir(parents=True)
    (shared / "qnctr").chmod(0o777)  # writable by others: never used
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    assert outputs(mini) == expected and not list((shared / "qnctr").iterdir())


def test_a_read_only_cache_folder_only_means_no_cache(mini: Path, own_cache: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    expected = outputs(mini, cache=False)
    own_cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    own_cache.chmod(0o500)
    if os.getuid() == 0:  # root writes into a 0500 folder anyway: fail the write as it fails for a user
        import qnctr.atomic

        def refused(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Read-only file system")

        monkeypatch.setattr(qnctr.atomic, "atomic_write", refused)
    try:
        assert outputs(mini) == expected and outputs(mini) == expected
        assert list(own_cache.iterdir()) == []
    finally:
        own_cache.chmod(0o700)


def test_validate_and_writes_never_read_the_cache(mini: Path, own_cache: Path) -> None:
    """An entry whose records disagree with the files but whose key matches (it cannot happen by
    accident: the key hashes every file) shows which commands read it: only the queries."""
    outputs(mini)
    stored = entry(own_cache)
    text = stored.read_text(encoding="utf-8")
    assert text.count("Đang triển khai") == 1
    stored.write_text(text.replace("Đang triển khai", "Chỉ trong bộ nhớ đệm"), encoding="utf-8")
    assert "Chỉ trong bộ nhớ đệm" in run_cli("show", "1.a.3", "--data", str(mini), "--as-of", AS_OF).out
    for command in (("validate",), ("--no-cache", "show", "1.a.3")):
        result = run_cli(*command, "--data", str(mini), "--as-of", AS_OF)
        assert result.code == 0 and "Chỉ trong bộ nhớ đệm" not in result.out + result.err, command
    wrote = run_cli("record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--difficulties", "Ghi thật",
                    "--data", str(mini), "--as-of", AS_OF)
    saved = (mini / "progress/2026-H1/so-a.yaml").read_text(encoding="utf-8")
    assert wrote.code == 0 and "Ghi thật" in saved and "Đang triển khai" in saved and "bộ nhớ đệm" not in saved


def test_a_warm_run_needs_neither_yaml_nor_pydantic(mini: Path, own_cache: Path) -> None:
    """Parsing and validating are what the cache saves: a warm query imports neither library;
    and its answer in a pipe is plain text, which needs nothing of rich's terminal console."""
    argv = [sys.executable, "-X", "importtime", "-m", "qnctr", "status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF]
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "QNCTR_LAYOUT")}
    env["PYTHONPATH"] = str(ROOT)

    def imported() -> set[str]:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}

    libraries = {"yaml", "pydantic", "pydantic_core"}
    cold, warm = imported(), imported()
    assert libraries <= cold and "typer" in cold
    # the quick path (quick.py): not even the command line's parser, nor rich in a pipe, nor the
    # inspect that dataclasses imports (with ast, dis, tokenize) for what no warm question asks
    assert not (libraries | {"typer", "click", "rich", "inspect", "ast", "dis", "tokenize"}) & {
        name.split(".")[0] for name in warm}
    assert "inspect" in cold  # a cold load validates with pydantic, which uses it: the real one is loaded


@dataclass(frozen=True, slots=True, kw_only=True)
class Dated:
    days: dict[str, date]


def test_a_field_json_would_give_back_as_something_else_is_refused() -> None:
    """A record class given a new kind of field the cache cannot read back exactly (dates in a
    mapping come back as text) stops the cache at once instead of answering with the text."""
    import qnctr.cache

    with pytest.raises(TypeError, match="cannot keep"):
        qnctr.cache._builder(Dated)


@pytest.mark.parametrize("root", [DATA, MINI, HISTORY], ids=["shipped", "mini", "history"])
def test_the_cache_gives_back_the_register_it_was_given(root: Path) -> None:
    register, problems = load_register(root)
    assert not [p for p in problems if p.severity == "error"]
    warm = through_cache(register)
    assert same_register(warm, register)
    assert all(type(a) is type(b) for a, b in zip(warm.tasks.values(), register.tasks.values(), strict=True))
    # where each report is, worked out only when asked for, as reading it from its file says
    assert [(r.file, r.where.doc.path, r.where.loc) for r in warm.reports] == \
        [(r.file, r.where.doc.path, r.where.loc) for r in register.reports]


@pytest.mark.parametrize("root", [DATA, MINI, HISTORY], ids=["shipped", "mini", "history"])
def test_a_question_about_one_agency_builds_only_what_concerns_it_and_answers_as_the_whole(root: Path) -> None:
    """A warm status, overdue, upcoming or targets --agency builds from the cache only the tasks
    and targets that can concern the agency (its kin by succession, the groups holding them), and their report
    entries: for every agency, on days before, around and after the mergers, for the period
    last due and as things stand, the answer is the whole register's."""
    from qnctr.context import Context
    from qnctr.queries import overdue, status, targets, upcoming
    from qnctr.register import programme_folders

    for folder in list(programme_folders(root).values()) or [root]:
        whole, problems = load_register(folder)
        assert not [p for p in problems if p.severity == "error"]
        for aid in whole.agencies:
            narrowed = through_cache(whole, aid)
            assert narrowed.focus == aid
            for day in (date(2021, 12, 1), date(2025, 6, 20), date(2026, 1, 25), date(2026, 12, 3)):
                due = whole.calendar.latest_due(day)
                for period in (None, *([str(due)] if due and due.due >= whole.programme.issued else [])):
                    a, b = Context.open(whole, day, period), Context.open(narrowed, day, period)
                    for question in (status, overdue, targets, lambda c, a: upcoming(c, 400, a)):
                        assert question(b, b.find_agency(aid)) == question(a, a.find_agency(aid)), (aid, day, period)
        few = min(whole.agencies, key=lambda a: len(through_cache(whole, a).tasks))
        assert len(through_cache(whole, few).tasks) < len(whole.tasks)  # something was left out


@functools.cache
def _mini() -> Register:
    register, _ = load_register(MINI)
    return register


_DEPARTMENTS = ["so-a", "so-b", "so-c", "so-cu", "huyen-x", "ban-dau-moi"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_shape_of_duties_and_successions_is_answered_for_one_agency_as_for_the_whole(data: st.DataObject) -> None:
    """The mini register with its duties and its directory redrawn at random: tasks and targets
    led and supported by any agencies and groups, groups of any members (one nested in another),
    chains of successions on any days. Every agency gets the same four answers from a register
    built for it as from the whole one."""
    from qnctr.context import Context
    from qnctr.queries import overdue, status, targets, upcoming

    whole = _mini()
    ids = st.sampled_from([*_DEPARTMENTS, "nhom", "nhom-2"])
    day = st.sampled_from([date(2024, 6, 1), date(2025, 3, 1), date(2025, 7, 1), date(2026, 1, 1)])
    agencies = dict(whole.agencies)
    for aid in ("so-b", "so-c", "so-cu", "huyen-x"):
        after = data.draw(st.none() | st.sampled_from([a for a in _DEPARTMENTS if a != aid]), label=f"{aid} →")
        since = data.draw(day) if after else whole.agencies[aid].since
        agencies[aid] = dataclasses.replace(agencies[aid], succeeded_by=after, since=since,
                                            basis=agencies[aid].basis or ("Thử" if since else None))
    agencies["nhom"] = dataclasses.replace(agencies["nhom"], members=data.draw(
        st.lists(st.sampled_from(_DEPARTMENTS), min_size=1, max_size=4, unique=True), label="nhom"))
    agencies["nhom-2"] = dataclasses.replace(agencies["nhom"], id="nhom-2", name="Nhóm hai", members=data.draw(
        st.lists(st.sampled_from([*_DEPARTMENTS, "nhom"]), min_size=1, max_size=3, unique=True), label="nhom-2"))

    def duty(item: Any) -> Any:
        return dataclasses.replace(item, lead=data.draw(st.lists(ids, min_size=1, max_size=2, unique=True)),
                                   support=data.draw(st.lists(ids, max_size=2, unique=True)))

    drawn = dataclasses.replace(whole, agencies=agencies, tasks={k: duty(t) for k, t in whole.tasks.items()},
                                targets={k: duty(t) for k, t in whole.targets.items()})
    asked = data.draw(st.sampled_from([date(2025, 6, 20), date(2026, 12, 3)]), label="day")
    for aid in agencies:
        a, b = Context.open(drawn, asked), Context.open(through_cache(drawn, aid), asked)
        for question in (status, overdue, targets, lambda c, x: upcoming(c, 400, x)):
            assert question(b, b.find_agency(aid)) == question(a, a.find_agency(aid)), aid


def test_a_register_built_for_one_agency_is_never_stored(mini: Path, own_cache: Path) -> None:
    from qnctr import cache

    register, _ = load_register(mini)
    keyed = cache.keyed(mini)
    assert keyed is not None
    cache.store(mini, keyed, through_cache(register, "so-a"), date(2026, 12, 3))
    assert not list(own_cache.rglob("*.json"))
    cache.store(mini, keyed, register, date(2026, 12, 3))
    assert len(list(own_cache.rglob("*.json"))) == 1


def test_sixteen_concurrent_cold_runs_agree(mini: Path, own_cache: Path) -> None:
    argv = [sys.executable, "-m", "qnctr", "status", "-a", "so-a", "-f", "json", "--data", str(mini), "--as-of", AS_OF]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def one(_: int) -> str:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, range(16)))
    assert len(set(results)) == 1 and results[0] == outputs(mini, cache=False)[0]
    entry_lines(entry(own_cache))  # whole, whichever run wrote it last


def test_a_system_without_user_ids_only_means_no_cache(mini: Path, own_cache: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Whose an entry is cannot be told without user ids (Windows): such a system gets no cache,
    not a traceback."""
    expected = outputs(mini, cache=False)
    monkeypatch.delattr(os, "getuid")
    assert outputs(mini) == expected and not own_cache.exists()


def test_no_home_folder_only_means_no_cache(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = outputs(mini, cache=False)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert outputs(mini) == expected


def test_a_register_that_fails_a_check_is_never_stored(mini: Path, own_cache: Path) -> None:
    _edit(mini / "tasks.yaml", "lead: [so-b], support: [so-a]", "lead: [so-khong-co], support: [so-a]")
    for _ in range(2):
        result = run_cli("status", "--data", str(mini), "--as-of", AS_OF, env={"QNCTR_CACHE": "1"})
        assert result.code == 1 and "tasks.yaml:" in result.err and "so-khong-co" in result.err
    assert not list(own_cache.glob("*.json"))


def test_an_entry_checked_for_a_later_day_is_checked_again_for_an_earlier_one(mini: Path, own_cache: Path) -> None:
    """A report dated 2099 is fine when asked as of 2099 (stored, clean up to then), but a
    future date today: the warm run must check again and refuse it, as a cache-off run does."""
    later = mini / "progress/2026-H1/so-a.yaml"
    _edit(later, "submitted: 2026-06-15", "submitted: 2099-06-15")
    ahead = run_cli("status", "--data", str(mini), "--as-of", "2099-12-31", env={"QNCTR_CACHE": "1"})
    assert ahead.code == 0, ahead.err
    stored = head(entry(own_cache))
    assert "2099-12-31" in json.dumps(stored["clean_to"])
    now = [run_cli("status", "--data", str(mini), "--as-of", AS_OF, env={"QNCTR_CACHE": flag}) for flag in ("1", "0")]
    assert now[0].code == now[1].code == 1 and now[0].err == now[1].err and "15/06/2099" in now[0].err


def test_a_clean_entry_skips_the_checks_on_a_later_day_and_answers_the_same(mini: Path, own_cache: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cold = outputs(mini)
    import qnctr.checks

    def no_checks(*args: object) -> list[object]:
        raise AssertionError("a clean entry was checked again")

    monkeypatch.setattr(qnctr.checks, "check_register", no_checks)
    assert outputs(mini) == cold  # same day: no check ran, same answers


def test_entries_unused_for_thirty_days_are_pruned_and_those_in_use_kept(mini: Path, own_cache: Path,
                                                                         tmp_path: Path) -> None:
    """Storing an entry removes the entries nobody has used for 30 days; reading one counts as
    using it, so a register asked about every month never loses its entry; files that are not
    entries are left alone."""
    import time

    outputs(mini)
    mine = entry(own_cache)
    day = 86400
    now = time.time()
    old, recent, other = own_cache / f"{'0' * 64}.json", own_cache / f"{'1' * 64}.json", own_cache / "ghi-chu.txt"
    for path, age in ((old, 31), (recent, 29), (other, 31), (mine, 40)):
        if path is not mine:
            path.write_text("{}", encoding="utf-8")
        os.utime(path, (now - age * day, now - age * day))
    assert outputs(mini) == outputs(mini, cache=False)  # warm: the entry is read, so in use again
    assert mine.stat().st_mtime > now - day
    second = tmp_path / "second"
    shutil.copytree(mini, second)
    outputs(second)  # cold: a second entry is stored, and the unused ones pruned
    assert not old.exists() and recent.exists() and other.exists() and mine.exists()
    assert len(list(own_cache.glob("*.json"))) == 3


def test_reading_an_entry_marks_it_used_at_most_once_a_day(mini: Path, own_cache: Path) -> None:
    """Pruning counts in days: an entry read is marked as used (its time set to now) when it
    was last marked a day or more ago, and a warm question otherwise writes nothing at all,
    not even a time (fifty programmes read fifty entries on every question)."""
    import time

    outputs(mini)
    mine = entry(own_cache)
    now = time.time()
    hour_ago, two_days_ago = now - 3600, now - 2 * 86400
    os.utime(mine, (hour_ago, hour_ago))
    assert outputs(mini) == outputs(mini, cache=False)
    assert mine.stat().st_mtime == pytest.approx(hour_ago, abs=1)  # read, left as it was
    os.utime(mine, (two_days_ago, two_days_ago))
    outputs(mini)
    assert mine.stat().st_mtime > now - 60  # read, and marked as used today


def test_a_write_while_another_file_changes_leaves_the_cache_to_be_rebuilt(mini: Path, own_cache: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A write keeps the register it read, plus its own file, in the cache only when no other
    file changed in between: another writer's report, saved while this one wrote, is never
    hidden behind a cache entry that claims the files as they now are."""
    import qnctr.record

    outputs(mini)  # the cache holds the register
    merged = qnctr.record._merged
    other = mini / "progress/2026-H1/so-a.yaml"

    def meanwhile(*args: object, **kwargs: object) -> object:
        if "Sửa giữa chừng" not in other.read_text(encoding="utf-8"):
            _edit(other, "result: Đang triển khai", "result: Sửa giữa chừng")
        return merged(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(qnctr.record, "_merged", meanwhile)
    wrote = run_cli("record", "2.b.2", "-p", "2026", "-a", "so-b", "-s", "in_progress", "--result", "Ghi mới",
                    "--data", str(mini), "--as-of", AS_OF)
    assert wrote.code == 0, wrote.err
    warm = outputs(mini)
    assert "Sửa giữa chừng" in warm[0] and warm == outputs(mini, cache=False)


def test_a_write_that_draws_a_warning_leaves_the_cache_as_a_cold_load_would(mini: Path, own_cache: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A report the checks warn about (1.a.1 was reported done in 2026-H1, this one says it is
    in progress) is kept in the cache with the register after the write, as a cold load keeps a
    register with warnings: the next question is answered from the cache, as from the files.
    Each such write left the whole register to be read again by the next command (16 s at 100k
    tasks)."""
    import qnctr.load

    outputs(mini)  # the cache holds the register
    wrote = run_cli("record", "1.a.1", "-p", "2026", "-a", "so-a", "-s", "in_progress", "--result", "Làm lại",
                    "--data", str(mini), "--as-of", AS_OF)
    assert wrote.code == 0 and "đã được báo cáo hoàn thành" in wrote.err, wrote.err
    kept = entry_lines(entry(own_cache))
    reads: list[Path] = []
    loading = qnctr.load.load_register
    monkeypatch.setattr(qnctr.load, "load_register", lambda root: reads.append(root) or loading(root))
    warm = outputs(mini)
    assert reads == [] and any("Làm lại" in out for out in warm)
    assert warm == outputs(mini, cache=False)
    entry(own_cache).unlink()
    outputs(mini)  # read cold, and kept
    assert entry_lines(entry(own_cache)) == kept


def test_a_register_just_written_is_kept_even_when_its_files_stop_being_recent_while_read(
        mini: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files changed in the last seconds are keyed by their bytes too; a register read just after
    it was written (a generated or copied one, read for tens of seconds at 100k tasks) must still
    be kept when those seconds pass during the reading, its files unchanged."""
    import qnctr.load
    from qnctr import cache

    monkeypatch.setattr(cache, "RACY_S", 3600)  # every file is recent when the key is first made
    loading = qnctr.load.load_register

    def slow(*args: object, **kwargs: object) -> object:
        monkeypatch.setattr(cache, "RACY_S", 0)  # and none any more once the files are read
        return loading(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(qnctr.load, "load_register", slow)
    first = run_cli(*QUERIES[0], "--data", str(mini), "--as-of", AS_OF)
    assert first.code == 0 and entry(own_cache).is_file()  # kept by the first reading
    monkeypatch.setattr(cache, "RACY_S", 3)
    assert outputs(mini) == outputs(mini, cache=False) and outputs(mini)[0] == first.out


def test_files_recent_when_stored_are_no_longer_read_once_they_age(
        mini: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A register asked about just after it was copied or cloned is stored with the bytes of
    every file (each was changed lately). Once those files are no longer recent and still hold
    those bytes, the entry forgets them: their times now say any later change, and a warm run
    need not read every file of the register again, every time."""
    from qnctr import cache

    monkeypatch.setattr(cache, "RACY_S", 3600)  # every file is recent when the entry is stored
    first = outputs(mini)
    assert len(head(entry(own_cache))["racy"]) >= 5
    monkeypatch.setattr(cache, "RACY_S", 0)  # and none is any more
    key = head(entry(own_cache))["key"]
    assert outputs(mini) == first  # a hit: the entry is rewritten under the same key, without them
    aged = head(entry(own_cache))
    assert aged["key"] == key and aged["racy"] == {}

    read: list[str] = []
    hashed = cache._sha256
    monkeypatch.setattr(cache, "_sha256", lambda path: read.append(path) or hashed(path))
    assert cache.load(mini).register is not None and read == []  # nothing read to answer
    report = mini / "progress/2026-H1/so-a.yaml"
    _edit(report, "result: Đang triển khai", "result: Đang triển khaX", keep_mtime=True)
    monkeypatch.setattr(cache, "RACY_S", 3)
    assert "Đang triển khaX" in outputs(mini)[0]  # a later change, seen by its change time


def test_a_question_about_one_agency_decodes_only_the_lines_that_concern_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry keeps each task and each report's entry on a task on a line of its own; a
    question about one agency decodes only the lines of the tasks that can concern it (and their
    entries), not the whole register, and builds the same answer as from every line."""
    from qnctr import cache

    register, _ = load_register(DATA)
    head, body = cache._head(cache._text({}, register))
    decoded: list[int] = []
    lines = cache._lines

    def counted(body: bytes, wanted: list[int] | None, total: int) -> list[Any]:
        found = lines(body, wanted, total)
        decoded.append(len(found))
        return found

    monkeypatch.setattr(cache, "_lines", counted)
    narrowed = cache._register(DATA, head["register"], body, "Sở Nội vụ")
    every = len(register.tasks) + sum(len(r.report.tasks) for r in register.reports)
    assert decoded == [len(narrowed.tasks) + sum(len(r.report.tasks) for r in narrowed.reports)]
    assert 0 < decoded[0] < every
    assert narrowed.tasks == {i: t for i, t in register.tasks.items() if i in narrowed.tasks}
    whole = cache._register(DATA, cache._head(cache._text({}, register))[0]["register"], body)
    assert decoded[1] == every and same_register(whole, register)


@pytest.mark.parametrize("cut", ["last-line", "a-line-twice", "no-lines", "two-lines-swapped"])
def test_an_entry_with_a_line_more_or_less_is_a_miss(mini: Path, own_cache: Path, cut: str) -> None:
    """An entry cut or spliced at a line break is still JSON line by line; it must be a miss,
    never a register with a task or an entry left out, given twice or taken for another."""
    from qnctr import cache

    expected = outputs(mini, cache=False)
    outputs(mini)
    stored = entry(own_cache)
    lines = stored.read_bytes().split(b"\n")
    assert len(lines) > 3
    changed = {"last-line": lines[:-1], "a-line-twice": [*lines[:2], *lines[1:]], "no-lines": lines[:1],
               "two-lines-swapped": [lines[0], lines[2], lines[1], *lines[3:]]}[cut]
    stored.write_bytes(b"\n".join(changed))
    assert cache.load(mini).register is None
    assert cache.load(mini, "so-a").register is None
    assert outputs(mini) == expected
