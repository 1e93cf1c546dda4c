"""`@record`: a dataclass made without compiling what every class can share.

`@dataclass(frozen=True, slots=True)` compiles up to five methods for each class (`__init__`;
`__setattr__` and `__delattr__`, which refuse; `__repr__`, `__eq__`, `__hash__`). The thirty
classes a warm query makes on every start cost it 15 ms that way, a quarter of its own time.
`record` asks dataclass only for the fields and slots (nothing compiled), compiles `__init__`
alone, and gives every class the same hand-written refusing `__setattr__`/`__delattr__`, and
`__repr__`, `__eq__` and `__hash__` over the fields, each doing what dataclass's would
(tests/test_records.py holds every record class to a twin made by dataclass). What dataclasses
offers on a class (fields, replace, is_dataclass) works on a record, and pydantic validates one
as it does any dataclass.
"""

from __future__ import annotations

import builtins
import functools
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from types import FunctionType, MemberDescriptorType
from typing import Any, NamedTuple, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True, slots: bool = True, kw_only: bool = False,
           eq: bool = True, repr: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, frozen: bool = True, slots: bool = True, kw_only: bool = False,
           eq: bool = True, repr: bool = True) -> Any:
    """What `@dataclass(frozen=frozen, slots=slots, kw_only=kw_only, eq=eq, repr=repr)` makes
    (frozen and slotted unless told), with the methods every class shares written once."""

    def make(kind: type[T]) -> type[T]:
        own = kind.__dict__
        explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        shared = {"__setattr__": _refuse_set, "__delattr__": _refuse_delete} if frozen else {}
        if frozen and slots:  # what copy and pickle use, as dataclass gives such a class
            shared.update(__getstate__=_getstate, __setstate__=_setstate)
        if repr:
            shared["__repr__"] = _repr
        if eq:
            shared["__eq__"] = _eq
        for name, method in shared.items():
            if name in own and name in ("__setattr__", "__delattr__"):
                raise TypeError(f"{kind.__qualname__} defines {name}, which a frozen record cannot have")
            if name not in own:
                setattr(kind, name, method)
        if eq and not explicit_hash:  # as dataclass: a mutable record is not hashable
            kind.__hash__ = _hash if frozen else None  # type: ignore[assignment]
        undocumented = not kind.__doc__
        if undocumented:  # else dataclass reads object's signature from its text: 8 ms a start
            kind.__doc__ = kind.__name__
        made = dataclass(kind, init=False, repr=False, eq=False, slots=slots, kw_only=kw_only)
        made.__init__ = _LazyInit(made, frozen)  # type: ignore[method-assign,assignment]
        if undocumented:  # what dataclass says of a class without a docstring: its signature, when asked
            made.__doc__ = _SIGNATURE_DOC  # type: ignore[assignment]
        return made

    return make if cls is None else make(cls)


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(fields(self), state, strict=False):
        object.__setattr__(self, f.name, value)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{self.__class__.__qualname__}({shown})"


def _eq(self: Any, other: object) -> Any:
    if other.__class__ is self.__class__:
        compared = _values(self.__class__, "compare")
        same: bool = compared(self) == compared(other)
        return same
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(_values(self.__class__, "hash")(self))


_VALUES: dict[tuple[type, str], Callable[[Any], tuple[Any, ...]]] = {}


def _values(kind: type, use: str) -> Callable[[Any], tuple[Any, ...]]:
    """The values of a class's fields that are compared (`use` "compare") or hashed ("hash": a
    field's own `hash`, else its `compare`, as dataclass reads them), in order, as one tuple."""
    found = _VALUES.get((kind, use))
    if found is None:
        names = [f.name for f in fields(kind) if (f.compare if use == "compare" or f.hash is None else f.hash)]
        getter = attrgetter(*names) if names else None
        found = _VALUES[(kind, use)] = (
            (lambda record: ()) if getter is None
            else getter if len(names) > 1
            else (lambda record: (getter(record),))
        )
    return found


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"  # as dataclass shows such a default in a signature


_FACTORY = _Factory()  # the default of a parameter whose field's default is made anew for each record


class _LazyInit:
    """A record class's `__init__` until it is first looked up (a record made, a signature
    read): then compiled (_init) and put in the class in its place. A warm query makes records
    of about half of the forty classes it defines; compiling the others' was 3 ms of it."""

    __slots__ = ("frozen", "kind")

    def __init__(self, kind: type, frozen: bool) -> None:
        self.kind, self.frozen = kind, frozen

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        init = _init(self.kind, self.frozen)
        type.__setattr__(self.kind, "__init__", init)
        return init if instance is None else init.__get__(instance, owner)


class InitSource(NamedTuple):
    """A record class's `__init__` as written for `exec` (`source`), the same without its
    defaults (`bare`: what qnctr/_inits.py holds, compiled ahead), the names its body and
    defaults use, and its defaults in order: positional ones, then keyword-only ones by name."""

    source: str
    bare: str
    names: dict[str, Any]
    defaults: tuple[Any, ...]
    keyword_defaults: dict[str, Any]


def init_source(kind: type, frozen: bool) -> InitSource:
    """The class's `__init__`, as dataclass writes it: the fields in order as parameters (those
    that are keyword-only after a `*`), each default as given or made by its factory; a frozen
    record's fields set past its refusing `__setattr__` (through each field's slot, when it has
    slots: object.__setattr__ would look the slot up by name); `__post_init__` called when there
    is one."""
    names: dict[str, Any] = {"__record_set__": object.__setattr__, "__record_factory__": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    bare_positional: list[str] = []
    bare_keyword: list[str] = []
    defaults: list[Any] = []
    keyword_defaults: dict[str, Any] = {}
    body: list[str] = []
    for f in fields(kind):
        if not f.init:
            raise TypeError(f"{kind.__qualname__}.{f.name}: a record's fields are all given to __init__")
        value = f.name
        default: Any = MISSING
        if f.default is not MISSING:
            names[f"__record_default_{f.name}__"] = default = f.default
            param = f"{f.name}=__record_default_{f.name}__"
        elif f.default_factory is not MISSING:
            names[f"__record_make_{f.name}__"] = f.default_factory
            default = _FACTORY
            param = f"{f.name}=__record_factory__"
            value = f"__record_make_{f.name}__() if {f.name} is __record_factory__ else {f.name}"
        else:
            param = f.name
        (keyword if f.kw_only else positional).append(param)
        (bare_keyword if f.kw_only else bare_positional).append(f.name)
        if default is not MISSING:
            if f.kw_only:
                keyword_defaults[f.name] = default
            else:
                defaults.append(default)
        if not frozen:
            body.append(f"self.{f.name} = {value}")
        elif (slot := _slot(kind, f.name)) is not None:  # set through the slot itself: half the time
            names[f"__record_slot_{f.name}__"] = slot.__set__
            body.append(f"__record_slot_{f.name}__(self, {value})")
        else:
            body.append(f"__record_set__(self, {f.name!r}, {value})")
    if hasattr(kind, "__post_init__"):
        body.append("self.__post_init__()")
    lines = "".join(f"    {line}\n" for line in body or ["pass"])

    def written(given: list[str], only_keyword: list[str]) -> str:
        return ", ".join(["self", *given, *(["*", *only_keyword] if only_keyword else [])])

    return InitSource(f"def __init__({written(positional, keyword)}):\n{lines}",
                      f"({written(bare_positional, bare_keyword)}):\n{lines}",
                      names, tuple(defaults), keyword_defaults)


def _init(kind: type, frozen: bool) -> Callable[..., None]:
    """The class's `__init__` (init_source): compiled ahead in qnctr/_inits.py when its source
    is there (compiling the twenty-odd a warm question makes was 2.4 ms of it, in each of its
    processes), else compiled here."""
    made = init_source(kind, frozen)
    ahead = _compiled_ahead().get(made.source)
    if ahead is not None:
        code = ahead.__code__.replace(co_name="__init__", co_qualname=f"{kind.__qualname__}.__init__")
        init: Callable[..., None] = FunctionType(code, {**made.names, "__builtins__": builtins}, "__init__",
                                                 made.defaults or None)
        init.__kwdefaults__ = made.keyword_defaults or None
    else:
        names = dict(made.names)
        exec(made.source, names)  # the source is made above from the class's own field names
        init = names["__init__"]
    init.__qualname__ = f"{kind.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in fields(kind)}, "return": None}
    return init


@functools.cache
def _compiled_ahead() -> dict[str, Any]:
    """qnctr/_inits.py's functions by the source they were written from ({} without it)."""
    try:
        from . import _inits
    except ImportError:
        return {}
    return dict(_inits.BY_SOURCE)


def _slot(kind: type, name: str) -> MemberDescriptorType | None:
    """The slot that holds a field of a slotted class (the first found along its classes, as
    setting the attribute would find it), or None when it is not held in a slot."""
    for owner in kind.__mro__:
        if name in vars(owner):
            found = vars(owner)[name]
            return found if isinstance(found, MemberDescriptorType) else None
    return None


class _SignatureDoc:
    """The docstring of a record class written without one, as dataclass writes it (its name and
    signature), made when first read: the signature is inspect's, and importing inspect (with
    ast, dis and tokenize) is a tenth of a warm query that never reads a docstring."""

    def __get__(self, instance: Any, owner: type) -> str:
        init: Callable[..., None] = owner.__init__  # type: ignore[misc]
        text = owner.__name__ + _signature_text(init)
        type.__setattr__(owner, "__doc__", text)
        return text


_SIGNATURE_DOC = _SignatureDoc()


def _signature_text(init: Callable[..., None]) -> str:
    """The parameters of a record's __init__ as inspect.signature writes them, without self."""
    from inspect import signature

    return str(signature(init)).replace("(self, ", "(", 1).replace("(self)", "()", 1).replace(" -> None", "")
