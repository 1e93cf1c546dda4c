"""`records.record` makes what `dataclass` makes (its methods shared rather than compiled for each
class): every record class of qnctr is held to a twin that dataclass makes with the same options,
for what it takes, refuses, copies, compares, hashes and prints."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
from dataclasses import MISSING, FrozenInstanceError, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import qnctr
from qnctr import records
from qnctr.records import record

from .support import DATA, HISTORY, load_register


def _record_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(qnctr.__path__, "qnctr."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == info.name
                    and "__record_set__" in getattr(value.__init__, "__globals__", {})):
                found.append(value)
    return found


def _options(kind: type) -> dict[str, bool]:
    own = vars(kind)
    return {"frozen": kind.__setattr__ is records._refuse_set, "slots": "__slots__" in own,
            "eq": "__eq__" in own, "repr": "__repr__" in own}


def _twin(kind: type, options: dict[str, bool] | None = None) -> Any:
    """The class as dataclass itself makes it, with the same fields and options."""
    specs = []
    for f in dataclasses.fields(kind):
        made: dict[str, Any] = {"repr": f.repr, "compare": f.compare, "hash": f.hash, "kw_only": f.kw_only}
        if f.default is not MISSING:
            made["default"] = f.default
        elif f.default_factory is not MISSING:
            made["default_factory"] = f.default_factory
        specs.append((f.name, f.type, field(**made)))
    twin = dataclasses.make_dataclass(kind.__name__, specs, **(options or _options(kind)))
    twin.__qualname__ = kind.__qualname__
    return twin


def _slots(kind: type) -> set[str] | None:
    """Every slot of a class and its bases; None when it has a __dict__."""
    if "__slots__" not in vars(kind):
        return None
    return {name for k in kind.__mro__ for name in vars(k).get("__slots__", ())}


def _signature(kind: type) -> list[tuple[str, Any, Any]]:
    """The parameters of a class's __init__: name, kind, default (a default made by a factory
    said as such: the marker for it is each maker's own)."""
    factories = {f.name for f in dataclasses.fields(kind) if f.default_factory is not MISSING}
    return [(p.name, p.kind, "factory" if p.name in factories else p.default)
            for p in inspect.signature(kind).parameters.values()]


RECORD_CLASSES = _record_classes()


def test_the_record_classes_are_found() -> None:
    names = {k.__qualname__ for k in RECORD_CLASSES}
    assert {"Task", "ProgressReport", "Period", "AgencyTaskState", "Diagnostic", "Register"} <= names


@pytest.mark.parametrize("kind", RECORD_CLASSES, ids=lambda k: f"{k.__module__}.{k.__qualname__}")
def test_each_record_class_is_made_as_dataclass_would_make_it(kind: type) -> None:
    twin = _twin(kind)
    assert _signature(kind) == _signature(twin)
    assert dataclasses.is_dataclass(kind)
    assert [f.name for f in dataclasses.fields(kind)] == [f.name for f in dataclasses.fields(twin)]
    assert getattr(kind, "__match_args__", None) == getattr(twin, "__match_args__", None)
    assert _slots(kind) == _slots(twin)
    assert (kind.__hash__ is None) == (twin.__hash__ is None)  # type: ignore[comparison-overlap]
    assert kind.__init__.__qualname__ == twin.__init__.__qualname__
    # A class without a docstring is described by its signature, as dataclass describes it.
    assert kind.__doc__ and kind.__doc__ != kind.__name__
    if kind.__doc__.startswith(f"{kind.__name__}("):
        assert kind.__doc__ == twin.__doc__


@record(kw_only=True)
class _Named:
    name: str
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    day: date = date(2026, 1, 1)


@record
class _Pair:
    first: int
    second: int = 2
    seen: list[int] = field(default_factory=list, compare=False, repr=False)


@record(frozen=False, slots=False)
class _Mutable:
    count: int
    items: list[str] = field(default_factory=list)


@record(eq=False)
class _ByIdentity:
    code: str


CASES: list[tuple[type, tuple[Any, ...], dict[str, Any]]] = [
    (_Named, (), {"name": "Sở Nội vụ"}),
    (_Named, (), {"name": "a", "tags": ["x"], "note": "n", "day": date(2025, 6, 30)}),
    (_Pair, (1,), {}),
    (_Pair, (1, 3), {"seen": [4]}),
    (_Pair, (), {"first": 5, "second": 6}),
    (_Mutable, (3,), {}),
    (_ByIdentity, ("x",), {}),
]


@pytest.mark.parametrize(("kind", "args", "kwargs"), CASES)
def test_a_record_behaves_as_its_dataclass_twin(kind: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    twin = _twin(kind)
    ours, theirs = kind(*args, **kwargs), twin(*args, **kwargs)
    values = [getattr(ours, f.name) for f in dataclasses.fields(kind)]
    assert values == [getattr(theirs, f.name) for f in dataclasses.fields(twin)]
    assert repr(ours) == repr(theirs)
    again, twin_again = kind(*args, **kwargs), twin(*args, **kwargs)
    assert (ours == again) == (theirs == twin_again)
    assert (ours != again) == (theirs != twin_again)
    assert (ours == object()) is False and (theirs == object()) is False
    try:
        expected = hash(theirs)
    except TypeError:
        with pytest.raises(TypeError):
            hash(ours)
    else:
        if _options(kind)["eq"]:
            assert hash(ours) == expected
    for f in dataclasses.fields(kind):  # a default made by a factory is made anew for each record
        if f.default_factory is not MISSING and f.name not in kwargs:
            assert getattr(ours, f.name) is not getattr(again, f.name)
    for changed in (ours, theirs):
        name = dataclasses.fields(kind)[0].name
        if _options(kind)["frozen"]:
            with pytest.raises(FrozenInstanceError) as ours_said:
                setattr(ours, name, None)
            with pytest.raises(FrozenInstanceError) as theirs_said:
                setattr(theirs, name, None)
            assert str(ours_said.value) == str(theirs_said.value)
            with pytest.raises(FrozenInstanceError):
                delattr(changed, name)
    replaced = dataclasses.replace(ours)
    assert [getattr(replaced, f.name) for f in dataclasses.fields(kind)] == values
    for copied in (copy.copy(ours), copy.deepcopy(ours), pickle.loads(pickle.dumps(ours))):
        assert [getattr(copied, f.name) for f in dataclasses.fields(kind)] == values
    with pytest.raises(TypeError) as ours_said:
        kind(*args, **kwargs, unknown=1)
    with pytest.raises(TypeError) as theirs_said:
        twin(*args, **kwargs, unknown=1)
    assert str(ours_said.value) == str(theirs_said.value)


def test_a_frozen_record_cannot_define_its_own_setattr() -> None:
    class Own:
        x: int

        def __setattr__(self, name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

    with pytest.raises(TypeError, match="__setattr__"):
        record(Own)


def test_a_record_class_compiles_its_init_when_first_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class's __init__ is compiled when a record is first made or its signature first read,
    not when the class is defined (a warm query defines forty and makes records of about half);
    a subclass that inherits it, and the class's docstring, see the same __init__."""
    compiled: list[str] = []
    real = records._init

    def counted(kind: type, frozen: bool) -> Any:
        compiled.append(kind.__name__)
        return real(kind, frozen)

    monkeypatch.setattr(records, "_init", counted)

    @record
    class Made:
        a: int
        b: str = "x"

    @record
    class Never:
        c: int

    assert compiled == []
    assert Made(1).b == "x" and Made(2, "y") == Made(2, b="y")
    assert compiled == ["Made"]

    class Below(Made):
        pass

    assert Below(3).a == 3 and compiled == ["Made"]
    twin = dataclasses.make_dataclass("Never", [("c", "int")])
    assert Never.__doc__ == twin.__doc__ == "Never(c: 'int')" and compiled == ["Made", "Never"]
    assert str(inspect.signature(Made)) == "(a: 'int', b: 'str' = 'x') -> None" and compiled == ["Made", "Never"]


def _records(value: Any) -> list[Any]:
    """Every record reachable from a value (records, their fields, lists and dicts of them)."""
    found: list[Any] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            found.append(item)
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
    return found


@pytest.mark.parametrize("root", [DATA, HISTORY], ids=["shipped", "history"])
def test_records_compare_hash_and_print_as_a_dataclass_would(root: Path) -> None:
    """The register's records and what the questions make of them (periods, states): repr, ==
    and hash as dataclass's would say, or the cache's check that it gives back the register it
    was given, and every == between records, would mean something else."""
    from qnctr.context import Context

    register, _ = load_register(root)
    ctx = Context.open(register, date(2026, 12, 3))
    answers = [ctx.task_states(t) for t in register.tasks.values()]
    records_found = _records([register.programme, register.agencies, register.tasks, register.targets,
                              [p.report for p in register.reports], answers, list(ctx.index.observations.values())])
    assert len({type(r) for r in records_found}) >= 12

    twins: dict[type, Any] = {}  # one twin class for each: two of different classes are never equal

    def twin(value: Any) -> Any:
        kind = type(value)
        if kind not in twins:
            twins[kind] = _twin(kind, {**_options(kind), "eq": True, "repr": True})
        return twins[kind](**{f.name: getattr(value, f.name) for f in dataclasses.fields(value)})

    by_kind: dict[type, list[Any]] = {}
    for found in records_found:
        if "__record_set__" in getattr(type(found).__init__, "__globals__", {}):
            by_kind.setdefault(type(found), []).append(found)
    for kind, alike in by_kind.items():
        if vars(kind).get("__eq__") is not records._eq:
            continue  # compared by identity, or by a method of its own
        for a, b in zip(alike, [*alike[1:], alike[0], dataclasses.replace(alike[0])], strict=False):
            if vars(kind).get("__repr__") is records._repr:
                assert repr(a) == repr(twin(a))
            assert (a == b) == (twin(a) == twin(b)), (kind, a, b)
            assert (a != b) == (twin(a) != twin(b))
            try:
                expected = hash(twin(a))
            except TypeError:
                with pytest.raises(TypeError):
                    hash(a)
            else:
                assert hash(a) == expected
        assert alike[0] == dataclasses.replace(alike[0]) and alike[0] != object()


# --- each record class's __init__ compiled ahead (qnctr/_inits.py) ----------------------------------

INITS = Path(qnctr.__file__).parent / "_inits.py"


def inits_module() -> str:
    """qnctr/_inits.py as the record classes now are: each distinct `__init__` source once, as a
    function without its defaults (they are given when the class's own is made), and a table from
    each source to its function."""
    written: dict[str, str] = {}
    for kind in sorted(RECORD_CLASSES, key=lambda k: (k.__module__, k.__qualname__)):
        made = records.init_source(kind, kind.__setattr__ is records._refuse_set)
        written.setdefault(made.source, made.bare)
    functions = "".join(f"\n\ndef _{n}{bare}" for n, bare in enumerate(written.values()))
    table = "".join(f"    {source!r}: _{n},\n" for n, source in enumerate(written))
    return ('"""The `__init__` of every record class of qnctr, compiled ahead with the package (records.py:\n'
            "compiling them as a warm question first makes records was a twentieth of it). Written by\n"
            "`python -m tests.test_records` from the classes; tests/test_records.py checks that it is\n"
            'current. A class whose source is not here is compiled as it is first used, as ever."""\n'
            "# mypy: ignore-errors\n# ruff: noqa\n"
            f"{functions}\n\nBY_SOURCE = {{\n{table}}}\n")


def test_every_record_class_s_init_is_compiled_ahead_and_made_from_it() -> None:
    """qnctr/_inits.py holds the __init__ of every record class as the classes now are (after a
    change to a record's fields: `python -m tests.test_records`), and each record class's
    __init__ is made from it, named as its own (what it does is held to dataclass's above)."""
    assert INITS.read_text(encoding="utf-8") == inits_module(), "run: python -m tests.test_records"
    for kind in RECORD_CLASSES:
        code = kind.__init__.__code__
        assert (code.co_filename, code.co_name) == (str(INITS), "__init__"), kind
        assert code.co_qualname.endswith(".__init__") and kind.__init__.__qualname__ == code.co_qualname


def test_a_record_class_not_compiled_ahead_is_compiled_when_first_used() -> None:
    @record(kw_only=True)
    class Unlisted:
        first: int
        later: list[int] = field(default_factory=list)
        note: str = "—"

    made = Unlisted(first=1)
    assert (made.first, made.later, made.note) == (1, [], "—") and Unlisted(first=2).later is not made.later
    assert Unlisted.__init__.__code__.co_filename == "<string>"
    assert str(inspect.signature(Unlisted)) == "(*, first: 'int', later: 'list[int]' = <factory>, note: 'str' = '—') -> None"
    twin = dataclasses.make_dataclass("Unlisted", [("first", "int"), ("later", "list[int]", field(default_factory=list)),
                                                   ("note", "str", field(default="—"))], kw_only=True)
    assert str(inspect.signature(twin)).replace("<factory>", "F") == str(inspect.signature(Unlisted)).replace("<factory>", "F")


if __name__ == "__main__":  # python -m tests.test_records: write qnctr/_inits.py anew
    INITS.write_text(inits_module(), encoding="utf-8")
    print(f"wrote {INITS}")
