"""The holes an attack round found (round 3): files the register ignores, form keys, the website
folder, the cache, paths. Each test fails on the code before its fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import AS_OF, run_cli


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(*args, "--data", str(root), "--as-of", AS_OF)
    return result.code, result.out, result.err


# --- files the register does not read ------------------------------------------------------------


@pytest.mark.parametrize("name", ["so-b.YAML", "so-b.yaml.txt", "so-b.yaml ", "So-b.Yml"])
def test_a_report_saved_under_a_near_name_is_an_error_not_a_missing_report(mini: Path, name: str) -> None:
    period = mini / "progress/2026-H1"
    (period / name).write_text("agency: so-b\nperiod: 2026-H1\nsubmitted: 2026-06-10\ntasks: []\n", encoding="utf-8")
    code, out, _ = cli(mini, "validate")
    assert code == 1 and "[misnamed-report]" in out and "đổi tên thành" in out
    code, out, err = cli(mini, "overdue")
    assert code == 1 and name.strip() in err and not out  # no list that calls so-b's report missing


def test_every_command_says_which_files_it_ignored(mini: Path) -> None:
    (mini / "progress/2026-H1/ghi-chu.docx").write_bytes(b"not a report")
    for _ in range(2):  # cold, then from the cache
        code, out, err = cli(mini, "status", "-a", "so-a")
        assert code == 0 and out
        assert "bỏ qua 1 tệp" in err and "progress/2026-H1/ghi-chu.docx" in err
    code, _, err = cli(mini, "overdue", "-f", "json")
    assert code == 0 and "ghi-chu.docx" in err


@pytest.mark.parametrize("argv", [
    ("record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--evidence", "Quyết định 12/QĐ-SNV"),
    ("observe", "2025.1.a", "-p", "2026-H1", "-a", "so-a", "--value", "91"),
])
def test_a_write_goes_into_the_yml_file_the_agency_already_has(mini: Path, argv: tuple[str, ...]) -> None:
    period = mini / "progress/2026-H1"
    (period / "so-a.yaml").rename(period / "so-a.yml")
    code, _, err = cli(mini, *argv)
    assert code == 0, err
    assert not (period / "so-a.yaml").exists()
    text = (period / "so-a.yml").read_text(encoding="utf-8")
    assert "Quyết định 12/QĐ-SNV" in text or "value: 91" in text
    assert cli(mini, "validate")[0] == 0


# --- form signing ----------------------------------------------------------------------------------


def _form(root: Path, out: Path, *more: str, period: str = "2026-H1", agency: str = "so-a") -> tuple[int, str]:
    result = run_cli("form", "-p", period, "-a", agency, "-o", str(out), "--data", str(root), "--as-of", AS_OF, *more)
    return result.code, result.out + result.err


def test_the_form_key_is_never_readable_by_others_not_even_before_its_rename(mini: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import qnctr.atomic

    modes: dict[str, int] = {}
    real_replace = os.replace

    def watching(src: str, dst: str) -> None:
        modes[Path(dst).name] = os.stat(src).st_mode & 0o777
        real_replace(src, dst)

    monkeypatch.setattr(qnctr.atomic.os, "replace", watching)
    code, out = _form(mini, tmp_path / "f.xlsx")
    assert code == 0, out
    assert modes[".qnctr-form-key"] == 0o600
    assert (mini / ".qnctr-form-key").stat().st_mode & 0o777 == 0o600


def test_a_users_shared_key_never_signs_for_a_register_nor_lets_its_forms_into_another(
        mini: Path, tmp_path: Path) -> None:
    import secrets
    import shutil

    config = tmp_path / "config"
    (config / "qnctr").mkdir(parents=True)
    (config / "qnctr/form-key").write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    other = tmp_path / "other"
    shutil.copytree(mini, other)
    env = {"XDG_CONFIG_HOME": str(config)}
    form = tmp_path / "a.xlsx"
    made = run_cli("form", "-p", "2026-H1", "-a", "so-a", "-o", str(form), "--data", str(other), "--as-of", AS_OF,
                   env=env)
    assert made.code == 0 and (other / ".qnctr-form-key").is_file()  # a key of its own, not the user's
    from openpyxl import load_workbook

    wb = load_workbook(form)
    wb["Nhiệm vụ"]["F3"] = "Hoàn thành"
    wb.save(form)
    result = run_cli("import", str(form), "--data", str(mini), "--as-of", AS_OF, env=env)
    assert result.code == 2 and "khóa" in result.err
    assert not (mini / "progress/2026-H1/so-a.yaml").read_text(encoding="utf-8").count("Hoàn thành")


@pytest.mark.parametrize("key", ["", "\n", "00" * 32, "ab" * 32, "abcd", "0123456789abcdef" * 4, "zz" * 32])
def test_an_empty_short_or_made_up_key_is_refused(mini: Path, tmp_path: Path, key: str) -> None:
    (mini / ".qnctr-form-key").write_text(key, encoding="ascii")
    code, out = _form(mini, tmp_path / "f.xlsx")
    assert code == 2 and "khóa kiểm tra mẫu không hợp lệ" in out
    assert not (tmp_path / "f.xlsx").exists()


def test_a_form_names_its_register(mini: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from qnctr.intake.signing import FormKey, form_key

    assert _form(mini, tmp_path / "f.xlsx")[0] == 0
    meta = {r[0].value: r[1].value for r in load_workbook(tmp_path / "f.xlsx")["_qnctr"].iter_rows(max_col=2)}
    key: FormKey = form_key(mini, create=False)
    assert meta["register"] == key.fingerprint and key.key.hex() not in str(meta)


# --- a form older than the register ---------------------------------------------------------------


def _edit_form(form: Path, task: str, column: int, value: object) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(form)
    ws = wb["Nhiệm vụ"]
    row = next(r[0].row for r in ws.iter_rows(min_row=3) if r[0].value == task)
    ws.cell(row, column).value = value
    wb.save(form)
    return row


REPORT = "progress/2026-H1/so-a.yaml"


@pytest.mark.parametrize("agency_writes", ["Đang làm tiếp", None])  # a new text, or the cell cleared
def test_a_correction_recorded_after_the_form_was_made_is_never_silently_undone(
        mini: Path, tmp_path: Path, agency_writes: str | None) -> None:
    form = tmp_path / "f.xlsx"
    assert _form(mini, form)[0] == 0  # pre-filled: 1.a.3 result "Đang triển khai"
    code, _, err = cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--result", "Đã sửa: triển khai 80 %")
    assert code == 0, err
    row = _edit_form(form, "1.a.3", 8, agency_writes)
    before = (mini / REPORT).read_bytes()
    code, _, err = cli(mini, "import", str(form))
    assert code == 2 and f"Nhiệm vụ!H{row}" in err and "Đã sửa: triển khai 80 %" in err and "--overwrite-newer" in err
    assert (mini / REPORT).read_bytes() == before
    code, out, err = cli(mini, "import", str(form), "--overwrite-newer")
    assert code == 0 and "ghi đè" in err and "1.a.3" in out
    assert "Đã sửa: triển khai 80 %" not in (mini / REPORT).read_text(encoding="utf-8")


def test_an_older_form_imported_after_a_newer_one_is_refused_for_the_cells_it_would_revert(
        mini: Path, tmp_path: Path) -> None:
    old, new = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    assert _form(mini, old)[0] == 0
    _edit_form(old, "1.b.1", 8, "Bản gửi lần 1")
    assert cli(mini, "import", str(old))[0] == 0
    assert _form(mini, new)[0] == 0
    _edit_form(new, "1.b.1", 8, "Bản gửi lần 2, đã sửa")
    assert cli(mini, "import", str(new))[0] == 0
    code, _, err = cli(mini, "import", str(old))  # the first form, received again by e-mail
    assert code == 2 and "1.b.1" in err and "Bản gửi lần 2, đã sửa" in err
    assert "Bản gửi lần 2, đã sửa" in (mini / REPORT).read_text(encoding="utf-8")


def test_an_older_form_still_imports_the_cells_nobody_changed_since(mini: Path, tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    assert _form(mini, form)[0] == 0
    assert cli(mini, "record", "1.a.3", "-p", "2026-H1", "-a", "so-a", "--result", "Sửa sau")[0] == 0
    _edit_form(form, "1.b.2", 6, "Đang thực hiện")
    code, _, err = cli(mini, "import", str(form))
    assert code == 0, err
    text = (mini / REPORT).read_text(encoding="utf-8")
    assert "Sửa sau" in text  # the untouched, later-corrected cell kept its correction


# --- the website folder ----------------------------------------------------------------------------


def _site(root: Path, out: Path | str) -> tuple[int, str, str]:
    return cli(root, "site", "-o", str(out))


def test_a_rebuild_keeps_what_qnctr_did_not_write(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert _site(history, out)[0] == 0
    (out / ".git").mkdir()
    (out / ".git/HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    (out / "CNAME").write_text("theodoi.example.vn\n", encoding="utf-8")
    (out / "co-quan/ghi-chu.txt").write_text("ghi chú của văn phòng", encoding="utf-8")
    code, said, err = _site(history, out)
    assert code == 0, err and "Đã thay trang web cũ" in said
    assert (out / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert (out / "CNAME").read_text(encoding="utf-8") == "theodoi.example.vn\n"
    assert (out / "co-quan/ghi-chu.txt").read_text(encoding="utf-8") == "ghi chú của văn phòng"
    assert (out / "index.html").is_file() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_file_written_into_the_site_during_the_build_is_kept(history: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from qnctr.render import site

    out = tmp_path / "public"
    assert _site(history, out)[0] == 0
    pages = site._Site.pages

    def meanwhile(self: object):  # type: ignore[no-untyped-def]
        (out / "upload.pdf").write_bytes(b"%PDF written while the site was built")
        yield from pages(self)  # type: ignore[arg-type]

    monkeypatch.setattr(site._Site, "pages", meanwhile)
    assert _site(history, out)[0] == 0
    assert (out / "upload.pdf").read_bytes() == b"%PDF written while the site was built"


def test_a_site_folder_that_is_a_symlink_is_followed(history: Path, tmp_path: Path) -> None:
    real = tmp_path / "www" / "public"
    real.parent.mkdir()
    link = tmp_path / "public"
    link.symlink_to(real, target_is_directory=True)
    assert _site(history, link)[0] == 0
    assert link.is_symlink() and (real / "index.html").is_file()
    again = run_cli("site", "-o", str(link), "--data", str(history), "--as-of", "2026-01-10")
    assert again.code == 0, again.err
    assert link.is_symlink() and "10/01/2026" in (real / "index.html").read_text(encoding="utf-8")


def test_the_working_folder_is_never_the_site_folder(history: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "public"
    assert _site(history, out)[0] == 0
    monkeypatch.chdir(out)
    for target in (".", str(out), ".."):
        code, _, err = _site(history, target)
        assert code == 2 and "thư mục đang làm việc" in err and "Traceback" not in err
    assert (out / "index.html").is_file()


def test_an_agency_called_index_does_not_overwrite_the_list_of_agencies(mini: Path, tmp_path: Path) -> None:
    agencies = mini / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8") +
                        "- {id: index, name: Ban Chỉ Mục, kind: department}\n", encoding="utf-8")
    assert cli(mini, "validate")[0] == 0
    out = tmp_path / "public"
    code, _, err = _site(mini, out)
    assert code == 0, err
    listing = (out / "co-quan/index.html").read_text(encoding="utf-8")
    assert "Ban Chỉ Mục" in listing and "Sở Thử Nghiệm" in listing
    assert "Ban Chỉ Mục" in (out / "co-quan/_index.html").read_text(encoding="utf-8")
    assert 'co-quan/_index.html"' in listing


def test_a_task_id_that_is_a_target_id_is_refused_by_validate(mini: Path, tmp_path: Path) -> None:
    tasks = mini / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace('id: "2.b.1"', 'id: "2025.1"'), encoding="utf-8")
    code, out, _ = cli(mini, "validate")
    assert code == 1 and "[id-clash]" in out and "2025.1" in out
    code, _, err = _site(mini, tmp_path / "public")
    assert code == 1 and "Traceback" not in err and not (tmp_path / "public").exists()


# --- the cache -------------------------------------------------------------------------------------


def _entry_path(root: Path) -> Path:
    from qnctr import cache

    where = cache.folder()
    assert where is not None
    return cache._entry(root, where)


def _status_in_a_process(root: Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> Any:
    import os
    import subprocess
    import sys

    from .support import ROOT

    return subprocess.run([sys.executable, "-m", "qnctr", "status", "-a", "so-a", "--data", str(root), "--as-of", AS_OF],
                          capture_output=True, text=True, timeout=60, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


def test_a_fifo_in_place_of_the_cache_entry_does_not_hang_a_query(mini: Path) -> None:
    import os

    entry = _entry_path(mini)
    os.mkfifo(entry, 0o600)
    proc = _status_in_a_process(mini)  # would block forever opening the FIFO for reading
    assert proc.returncode == 0 and "1.a.1" in proc.stdout


def test_a_huge_cache_entry_is_not_read(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    import os

    from qnctr import cache

    entry = _entry_path(mini)
    with open(entry, "wb") as f:
        f.truncate(3 * 2**29)  # 1.5 GiB, sparse: costs no disk
    os.chmod(entry, 0o600)
    reads: list[int] = []
    real_open = builtins.open

    def counting_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        reads.append(os.fstat(fd).st_size)
        return real_open(fd, *args, **kwargs)

    monkeypatch.setattr(cache.os, "fdopen", counting_fdopen)
    assert cache.load(mini).register is None and reads == []


def test_a_write_killed_midway_leaves_no_temporary_file_for_long(mini: Path) -> None:
    import os
    import time

    where = _entry_path(mini).parent
    old = where / ".0123abcd.json.x1y2z3.tmp"
    old.write_bytes(b'{"half": ')
    os.utime(old, (time.time() - 2 * 3600,) * 2)
    fresh = where / ".4567cdef.json.q9w8e7.tmp"  # another run's write, under way
    fresh.write_bytes(b'{"half": ')
    assert cli(mini, "status", "-a", "so-a")[0] == 0  # a cold run stores, and cleans
    assert not old.exists() and fresh.exists()


def test_a_relative_cache_home_is_ignored(mini: Path, tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    proc = _status_in_a_process(mini, env={"XDG_CACHE_HOME": "~/.cache", "HOME": str(home)}, cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert list(work.iterdir()) == []  # nothing written into the working folder
    assert list((home / ".cache/qnctr").glob("*.json"))


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() != 0,
                    reason="needs root to make a folder another user owns")
def test_root_with_another_users_home_writes_and_removes_nothing_there(mini: Path, tmp_path: Path) -> None:
    import os
    import time

    home = tmp_path / "alice"
    (home / ".cache/qnctr").mkdir(parents=True)
    old = home / ".cache/qnctr/old.json"
    old.write_text("{}", encoding="utf-8")
    os.utime(old, (time.time() - 40 * 86400,) * 2)
    for path in (home, home / ".cache", home / ".cache/qnctr", old):
        os.chown(path, 65534, 65534)
    os.chmod(home / ".cache/qnctr", 0o700)
    bare = tmp_path / "bob"  # a home with no cache folder yet
    bare.mkdir()
    os.chown(bare, 65534, 65534)
    for who in (home, bare):
        proc = _status_in_a_process(mini, env={"HOME": str(who), "XDG_CACHE_HOME": ""})
        assert proc.returncode == 0, proc.stderr
    assert old.exists() and sorted(p.name for p in (home / ".cache/qnctr").iterdir()) == ["old.json"]
    assert list(bare.iterdir()) == []


# --- paths -----------------------------------------------------------------------------------------

LONG = "a" * 300  # over the 255 bytes a file name may have


@pytest.mark.parametrize("argv", [
    ("report", "-p", "2026-H1", "-o", f"{{tmp}}/{LONG}.docx"),
    ("report", "-p", "2026-H1", "-f", "md", "-o", f"{{tmp}}/{LONG}/r.md"),
    ("form", "-p", "2026-H1", "-a", "so-a", "-o", f"{{tmp}}/{LONG}.xlsx"),
    ("site", "-o", f"{{tmp}}/{LONG}"),
    ("import", f"{{tmp}}/{LONG}.xlsx"),
])
def test_a_name_over_255_bytes_is_a_message_naming_it(mini: Path, tmp_path: Path, argv: tuple[str, ...]) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = cli(mini, *(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert code == 2 and LONG[:50] in err and "tên quá dài" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("where", ["option", "before", "env"])
def test_a_register_folder_name_over_255_bytes_is_a_message(tmp_path: Path, where: str) -> None:
    folder = str(tmp_path / LONG)
    argv = {"option": ("status", "--data", folder), "before": ("--data", folder, "status"), "env": ("status",)}[where]
    result = run_cli(*argv, "--as-of", AS_OF, env={"QNCTR_DATA": folder} if where == "env" else None)
    assert result.code == 2 and LONG[:50] in result.err and "Traceback" not in result.err


def test_a_period_folder_that_cannot_be_read_is_an_error_naming_it(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    closed = mini / "progress/2026-H1"
    real_iterdir = Path.iterdir

    def iterdir(self: Path) -> Any:
        if self == closed:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, out, _ = cli(mini, "validate")
    assert code == 1 and "progress/2026-H1:1:1: error [unreadable]" in out and "không có quyền truy cập" in out
    code, out, err = cli(mini, "overdue")
    assert code == 1 and "[unreadable]" in err and not out


def test_the_same_form_imported_twice_changes_nothing_and_refuses_nothing(mini: Path, tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    assert _form(mini, form)[0] == 0
    _edit_form(form, "1.c.1", 6, "Đang thực hiện")
    _edit_form(form, "1.c.1", 8, "Đã họp triển khai")
    assert cli(mini, "import", str(form))[0] == 0
    code, out, err = cli(mini, "import", str(form))  # received twice (e-mail and the document system)
    assert code == 0, err
    assert "Không có gì thay đổi" in out
