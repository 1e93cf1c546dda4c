"""The quick path (quick.py): a warm `status`, `overdue`, `upcoming` or `targets` answered
without the command line's parser prints exactly what the command line prints, and leaves to it
everything else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qnctr.quick import answer, read

from .support import AS_OF, DATA, HISTORY, run_cli

QUESTIONS = [
    ["status"],
    ["status", "--agency", "so-a"],
    ["status", "-a", "Sở Thử Nghiệm", "-f", "json"],
    ["status", "-f", "csv"],
    ["overdue"],
    ["overdue", "-a", "so-b", "--format", "json"],
    ["overdue", "-f", "csv"],
    ["status", "-a", "so-cu"],  # a merged agency: the notice of its successor
    ["upcoming"],
    ["upcoming", "-w", "400", "-a", "so-a"],
    ["upcoming", "--within", "0", "-f", "json"],
    ["upcoming", "-w", "0400", "-a", "so-cu", "-f", "csv"],
    ["targets"],
    ["targets", "-a", "so-b", "-f", "csv"],
    ["targets", "--agency", "Sở Thử Nghiệm", "--format", "json"],
]


def _two(root: Path) -> Path:
    """The register moved to programmes/ with a second, quarterly programme beside it."""
    assert run_cli("programmes", "move", "1-ctr-test", "--data", str(root)).code == 0
    plan = root / "programmes/210-kh-ubnd"
    plan.mkdir()
    text = (root / "programmes/1-ctr-test/tasks.yaml").read_text(encoding="utf-8")
    plan.joinpath("tasks.yaml").write_text(text.replace("1/CTr-TEST", "210/KH-UBND").replace(
        "kind: Chương trình hành động", "kind: Kế hoạch"), encoding="utf-8")
    return root


@pytest.mark.parametrize("layout", ["one", "two"])
def test_the_quick_path_answers_as_the_command_line_does(mini: Path, own_cache: Path, layout: str) -> None:
    root = _two(mini) if layout == "two" else mini
    for question in QUESTIONS:
        for argv in ([*question, "--data", str(root), "--as-of", AS_OF],
                     ["--data", str(root), "--as-of", AS_OF, *question],
                     ["--as-of", "2026-01-10", "--data", str(root), *question, "--as-of", AS_OF]):
            full = run_cli(*argv, env={"QNCTR_CACHE": "0"})
            assert full.code == 0, (argv, full.err)
            run_cli(*argv)  # fills the cache
            quick = answer(argv)
            assert quick == (full.out, full.err), argv


def test_the_quick_path_follows_the_programme_chosen(mini: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _two(mini)
    for argv in (["-P", "210", "status", "--data", str(root), "--as-of", AS_OF],
                 ["-P", "1-ctr", "status", "-P", "210-kh-ubnd", "--data", str(root), "--as-of", AS_OF]):
        run_cli(*argv)
        assert answer(argv) == ((full := run_cli(*argv, env={"QNCTR_CACHE": "0"})).out, full.err)
        assert full.out.startswith("Toàn Kế hoạch")  # the programme chosen last
    monkeypatch.setenv("QNCTR_PROGRAMME", "210")
    argv = ["status", "-a", "so-a", "--data", str(root), "--as-of", AS_OF]
    run_cli(*argv)
    assert answer(argv) == ((full := run_cli(*argv, env={"QNCTR_CACHE": "0"})).out, full.err)


@pytest.mark.parametrize("register", [DATA, HISTORY], ids=["shipped", "history"])
def test_the_quick_path_on_the_shipped_and_history_registers(register: Path, tmp_path: Path, own_cache: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(register, root)
    agency = "Sở Nội vụ" if register == DATA else "so-a"
    for argv in (["status", "--agency", agency, "--data", str(root), "--as-of", AS_OF],
                 ["overdue", "--data", str(root), "--as-of", AS_OF],
                 ["upcoming", "-w", "200", "--agency", agency, "--data", str(root), "--as-of", AS_OF],
                 ["targets", "--agency", agency, "--data", str(root), "--as-of", AS_OF]):
        run_cli(*argv)
        assert answer(argv) == ((full := run_cli(*argv, env={"QNCTR_CACHE": "0"})).out, full.err)


@pytest.mark.parametrize("argv", [
    ["status", "--group", "1"], ["status", "-p", "2026-H1"], ["--no-cache", "status"], ["status", "-h"],
    ["status", "--agency=so-a"], ["status", "-a"], ["status", "-a", "so-a", "-a", "so-b"], ["status", "-f", "xlsx"],
    ["status", "-a", "-x"], ["--version"], ["agencies"], ["status", "extra"], [], ["status", "--", "-a", "so-a"],
    ["upcoming", "-w", "-1"], ["upcoming", "-w", "3651"], ["upcoming", "-w", "ba"], ["upcoming", "-w", "٣"],
    ["upcoming", "-w", "+5"], ["upcoming", "--within=5"], ["upcoming", "-w", "5", "-w", "6"], ["targets", "-w", "5"],
    ["status", "-w", "5"],
])
def test_what_the_quick_path_does_not_understand_is_the_command_line_s(argv: list[str]) -> None:
    assert read(argv) is None


def test_a_cold_cache_an_error_or_no_cache_is_the_command_line_s(mini: Path, own_cache: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["status", "-a", "so-a", "--data", str(mini), "--as-of", AS_OF]
    assert read(argv) is not None and answer(argv) is None  # nothing in the cache yet
    run_cli(*argv)
    assert answer(argv) is not None
    for wrong in (["status", "-a", "Sở Không Có", "--data", str(mini), "--as-of", AS_OF],
                  ["status", "--data", str(mini / "nowhere")], ["status", "--data", str(mini), "--as-of", "31/02/2026"],
                  ["status", "-P", "nothing", "--data", str(mini), "--as-of", AS_OF]):
        assert answer(wrong) is None, wrong
        assert run_cli(*wrong).code == 2
    monkeypatch.setenv("QNCTR_CACHE", "0")
    assert answer(argv) is None


def test_the_collector_is_off_for_a_warm_answer_and_on_for_a_command(mini: Path) -> None:
    """A warm question runs without the cyclic garbage collector (nothing it makes needs it, and
    its passes over the modules being imported cost more than they free); a command of the
    command line, which may build a large register or a site, runs with it, and the entry
    point leaves it as it found it."""
    import os
    import subprocess
    import sys

    code = (
        "import gc, sys\n"
        "import qnctr.session as s\n"
        "seen = []\n"
        "real = s.ask_status\n"
        "def spy(*a, **k):\n"
        "    seen.append(gc.isenabled())\n"
        "    return real(*a, **k)\n"
        "s.ask_status = spy\n"
        "from qnctr.__main__ import run\n"
        "sys.argv = ['qnctr', *sys.argv[1:]]\n"
        "try:\n"
        "    run()\n"
        "finally:\n"
        "    print('COLLECTOR', seen, gc.isenabled(), file=sys.stderr)\n"
    )
    root = Path(__file__).resolve().parent.parent

    def collector(*argv: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, *argv, "--data", str(mini), "--as-of", AS_OF],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)}, timeout=120)
        assert done.returncode == 0, done.stderr
        return next(line for line in done.stderr.splitlines() if line.startswith("COLLECTOR"))

    # cold: the quick path finds no entry, the command line answers (and builds the cache)
    assert collector("status", "-a", "so-a") == "COLLECTOR [False, True] True"
    assert collector("status", "-a", "so-a") == "COLLECTOR [False] True"  # warm: the quick path
    assert collector("--no-cache", "status", "-a", "so-a") == "COLLECTOR [True] True"


def test_the_console_script_ends_at_once_after_a_warm_answer_and_as_ever_otherwise(mini: Path, own_cache: Path) -> None:
    """`main` (the console script, python -m qnctr) leaves without the interpreter's teardown
    once a warm question is answered from the cache: its answer whole on a pipe, exit 0, no
    exit handler run. A cold question, an error and any other command end as `run` ends them,
    handlers run: only a warm answer, written and flushed, is left this way."""
    import os
    import subprocess
    import sys

    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('TEARDOWN', file=sys.stderr))\n"
        "from qnctr.__main__ import main, run\n"
        "entry = main if sys.argv[1] == 'main' else run\n"
        "sys.argv = ['qnctr', *sys.argv[2:]]\n"
        "entry()\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}

    def qnctr(entry: str, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code, entry, *argv, "--data", str(mini), "--as-of", AS_OF],
                              capture_output=True, text=True, env=env, timeout=120)

    cold = qnctr("main", "status", "-a", "so-a")  # the command line answers, and fills the cache
    assert (cold.returncode, cold.stderr.splitlines()[-1]) == (0, "TEARDOWN")
    warm, as_run = qnctr("main", "status", "-a", "so-a"), qnctr("run", "status", "-a", "so-a")
    assert warm.returncode == 0 and "TEARDOWN" not in warm.stderr, warm.stderr
    assert as_run.stderr.splitlines()[-1] == "TEARDOWN"
    assert warm.stdout == as_run.stdout == cold.stdout
    assert warm.stdout.count("\n") > 5 and warm.stdout.endswith("\n")
    assert warm.stderr == as_run.stderr.removesuffix("TEARDOWN\n")
    wrong = qnctr("main", "status", "-a", "không-có-cơ-quan-này")
    assert wrong.returncode == 2 and wrong.stderr.splitlines()[-1] == "TEARDOWN"
    other = qnctr("main", "validate")
    assert other.returncode == 0 and other.stderr.splitlines()[-1] == "TEARDOWN"


def test_inspect_stands_in_until_used_and_is_then_the_real_one() -> None:
    """The entry point puts a stand-in for `inspect` in its place (importing it is a tenth of a
    warm question that never uses it): dataclasses, imported after it, still describes a class
    without a docstring by its signature, where it is can be asked (importlib.util.find_spec
    refused a module without its spec), and a module that imports inspect once used gets the
    real one, whole."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from qnctr.__main__ import _inspect_when_used\n"
        "_inspect_when_used()\n"
        "import dataclasses, importlib.util\n"
        "print('ast' in sys.modules, importlib.util.find_spec('inspect').origin.endswith('inspect.py'))\n"
        "@dataclasses.dataclass\n"
        "class Made:\n"
        "    a: int\n"
        "    b: str = 'x'\n"
        "print(Made.__doc__)\n"
        "import inspect\n"
        "print(inspect.signature(Made), inspect.isclass(Made), 'ast' in sys.modules, sys.modules['inspect'] is inspect)\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["False True", "Made(a: int, b: str = 'x')",
                                        "(a: int, b: str = 'x') -> None True True True"]
