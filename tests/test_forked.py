"""forked.in_two: a question across many programmes answered on two processors gives what
answering them one by one gives — the answers, what was said and where, and every failure."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from qnctr import forked

from .support import AS_OF, run_cli


@pytest.fixture
def two_processors(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """in_two forks from two items on, as on a machine with two processors; the forks made."""
    if sys.platform != "linux":
        pytest.skip("in_two forks on Linux only")
    made: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(forked, "FORK_FROM", 2)
    monkeypatch.setattr(forked, "processors", lambda: 2)
    monkeypatch.setattr(forked.os, "fork", fork)
    return made


def _work(item: int) -> dict[str, Any]:
    print(f"out {item}")
    print(f"err {item}", file=sys.stderr)
    return {"item": item, "square": item * item, "pid": os.getpid()}


def test_the_answers_and_what_was_said_come_in_order(two_processors: list[int],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    answers = forked.in_two(list(range(9)), _work)
    said = capsys.readouterr()
    assert len(two_processors) == 1
    assert [a["square"] for a in answers] == [i * i for i in range(9)]
    assert len({a["pid"] for a in answers}) == 2  # two processes answered
    assert said.out == "".join(f"out {i}\n" for i in range(9))
    assert said.err == "".join(f"err {i}\n" for i in range(9))


class Refused(Exception):
    pass


def _refuses(at: int) -> Any:
    def work(item: int) -> int:
        print(f"said {item}", file=sys.stderr)
        if item == at:
            raise Refused(f"không trả lời được mục {item}")
        return item

    return work


@pytest.mark.parametrize("at", [7, 2])  # in the child's half, in this process's own
def test_a_failure_is_raised_as_answering_one_by_one_raises_it(two_processors: list[int], at: int,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(Refused, match=f"mục {at}$"):
        forked.in_two(list(range(9)), _refuses(at))
    assert capsys.readouterr().err == "".join(f"said {i}\n" for i in range(at + 1))
    assert len(two_processors) == 1
    with pytest.raises(ChildProcessError):  # the child was waited for: nothing left running
        os.waitpid(-1, os.WNOHANG)


def test_no_process_to_fork_is_answered_here(two_processors: list[int], monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A limit on processes (EAGAIN) or memory: the answers all the same, from one process."""
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked.os, "fork", refused)
    answers = forked.in_two(list(range(9)), _work)
    assert [a["square"] for a in answers] == [i * i for i in range(9)] and {a["pid"] for a in answers} == {os.getpid()}
    assert capsys.readouterr().out == "".join(f"out {i}\n" for i in range(9))


def test_few_items_or_one_processor_are_answered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked.os, "fork", lambda: pytest.fail("forked"))
    assert forked.in_two(list(range(forked.FORK_FROM - 1)), lambda i: i) == list(range(forked.FORK_FROM - 1))
    monkeypatch.setattr(forked, "processors", lambda: 1)
    assert forked.in_two(list(range(50)), lambda i: i) == list(range(50))


def _several(mini: Path) -> Path:
    """Four programmes in one register: the test register's, moved, and three copies."""
    import shutil

    assert run_cli("programmes", "move", "--data", str(mini)).code == 0
    source = mini / "programmes/1-ctr-test"
    for n in (2, 3, 4):
        copy = mini / f"programmes/{n}-ctr-test"
        shutil.copytree(source, copy)
        tasks = copy / "tasks.yaml"
        tasks.write_text(tasks.read_text(encoding="utf-8").replace("1/CTr-TEST", f"{n}/CTr-TEST"), encoding="utf-8")
    return mini


@pytest.mark.parametrize("args", [["status"], ["status", "-a", "so-a"], ["overdue"], ["upcoming", "--within", "400"],
                                  ["targets", "-a", "Sở Thử Nghiệm"], ["show", "so-a"], ["scorecard"]])
def test_a_question_across_programmes_is_answered_alike_in_two(mini: Path, two_processors: list[int],
                                                               monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    root = _several(mini)
    answers = {}
    for fork_from in (10**9, 2):
        monkeypatch.setattr(forked, "FORK_FROM", fork_from)
        for fmt in ("table", "json", "csv"):
            answers[fork_from, fmt] = run_cli(*args, "-f", fmt, "--data", str(root), "--as-of", AS_OF)
    assert len(two_processors) == 3  # one fork for each form, none when told not to
    for fmt in ("table", "json", "csv"):
        one, two = answers[10**9, fmt], answers[2, fmt]
        assert (two.code, two.out, two.err) == (one.code, one.out, one.err)
        assert one.code == 0 and one.out.count("4/CTr-TEST") >= 1
    assert len(json.loads(answers[2, "json"].out)["programmes"]) == 4
