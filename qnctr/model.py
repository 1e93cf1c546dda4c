"""The register's records: agencies, programme and tasks, targets, progress reports.

Each record is a frozen slotted dataclass (records.record), and its fields' annotations say what a valid value is
(`Rule`, `After`, `Before`, `JsonSchema`, a class's `_rules`). pydantic reads them when the
register is validated from its files (`validate`, imported there and only there); a register
taken from the cache (cache.py) was validated when it was stored and is built without pydantic."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import field as dataclass_field
from dataclasses import fields, replace
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from .days import FIRST_DAY, LAST_DAY
from .numbers import as_shown
from .records import record

AGENCY_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A task's or group's id is the document's own label, however it numbers ("4.b.7", "1", "I.3",
# "II.2.a", "A.IV.12"): parts of digits or letters joined by dots.
LABEL = r"^[0-9A-Za-zĐđ]+(?:\.[0-9A-Za-zĐđ]+)*$"
GROUP_ID = LABEL
TASK_ID = LABEL
TARGET_ID = r"^[0-9]{4}\.[0-9]+$"
INDICATOR_LETTER = r"^[a-zđ]$"
INDICATOR_REF = r"^[0-9]{4}\.[0-9]+\.[a-zđ]$"
PERIOD = r"^(?:20[0-9]{2}|2100)(?:-(?:H1|Q[1-4]|0[1-9]|1[0-2]|[LD][1-9]))?$"  # the names calendar.Period accepts

# --- what a valid value is: read by pydantic when validating, nothing imported to declare it ----


class Rule:
    """Constraints on a value, as pydantic-core names them (strict, pattern, min_length, ge, le)."""

    __slots__ = ("constraints",)

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), **self.constraints}


class After:
    """A check run on a value once its type is right; raises ValueError to refuse it."""

    __slots__ = ("check",)

    def __init__(self, check: Any) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Before(After):
    """A step run on the value as read, before its type is checked (a parse, a refusal)."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.check, handler(source))


class JsonSchema:
    """The JSON Schema an editor is given for a value read by a Before step."""

    __slots__ = ("schema",)

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> Any:
        return self.schema


StrictBool = Annotated[bool, Rule(strict=True)]


class Record:
    """A record of the register: a frozen slotted dataclass refusing unknown keys;
    a rule between its fields is its `_rules`, run once every field is valid."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        schema = handler(source)
        rules = cls.__dict__.get("_rules")
        return core_schema.no_info_after_validator_function(rules, schema) if rules else schema


T = TypeVar("T")
_VALIDATORS: dict[Any, Any] = {}  # one per record class, built on its first validation


def validate(kind: type[T], value: Any) -> T:
    """Validate plain data into a record. Raises pydantic.ValidationError."""
    validator = _VALIDATORS.get(kind)
    if validator is None:
        from pydantic import TypeAdapter

        validator = _VALIDATORS[kind] = TypeAdapter(kind)
    result: T = validator.validate_python(value)
    return result


def _from_to(name: str) -> str:
    """A year or day range is written {from: …, to: …} (`from` cannot name a Python field)."""
    return {"start": "from", "end": "to"}.get(name, name)


FROM_TO: dict[str, Any] = {"extra": "forbid", "alias_generator": _from_to, "populate_by_name": True}


AgencyId = Annotated[str, Rule(strict=True, pattern=AGENCY_ID)]
TaskId = Annotated[str, Rule(strict=True, pattern=TASK_ID)]


class AgencyKind(StrEnum):
    """The kinds of agency, each with the word a reader sees for it: the only list of them."""

    label: str

    def __new__(cls, value: str, label: str) -> AgencyKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    DEPARTMENT = "department", "sở"
    BOARD = "board", "ban"
    CENTRE = "centre", "trung tâm"
    OFFICE = "office", "văn phòng"
    CENTRAL_BRANCH = "central-branch", "cơ quan Trung ương trên địa bàn"
    ARMED_FORCE = "armed-force", "lực lượng vũ trang"
    ASSOCIATION = "association", "hội, hiệp hội"
    DISTRICT = "district", "cấp huyện"
    COMMUNE = "commune", "cấp xã"
    GROUP = "group", "nhóm cơ quan"
    GOVERNMENT = "government", "chính quyền"
    COUNCIL = "council", "hội đồng"
    PARTY = "party", "tổ chức đảng"
    SCHOOL = "school", "trường"


TaskStatus = Literal["not_started", "in_progress", "done", "suspended"]
Op = Literal[">", ">=", "=", "<=", "<"]
Measure = Literal["level", "each-year", "cumulative", "average-growth", "qualitative"]




def _no_number_date(value: Any) -> Any:
    # pydantic would read an int as a Unix timestamp; a register date is never a number.
    if isinstance(value, (bool, int, float)):
        raise ValueError("ngày phải có dạng YYYY-MM-DD")
    return value


def _plausible_date(value: date) -> date:
    # 0001-01-01 or Excel's day 0 (1899-12-31) are slips, not dates of this programme.
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"ngày {value:%d/%m/%Y} nằm ngoài khoảng {FIRST_DAY:%d/%m/%Y} – {LAST_DAY:%d/%m/%Y}")
    return value


def _visible(value: str) -> str:
    # Spaces or a zero-width space are not a reason, a name or a result. (A search that stops
    # at the first visible character: str.translate with a table took a third of loading.)
    if _SEEN.search(value) is None:
        raise ValueError("không được để trống (chỉ có khoảng trắng hoặc ký tự vô hình)")
    return value


def _number(value: Any) -> Any:
    """A figure or a goal is a number as YAML reads it (92.5, 90): one error in the reader's
    words for anything else, not one per kind of number it is not. It is taken to the decimals
    qnctr shows of it (numbers.as_shown): a spreadsheet's 89.99999999999999, which Excel
    shows as 90, is 90 in the report's column and in its verdict on "≥ 90 %", never a "90 %"
    judged "Không đạt"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"phải là một số, như 92.5 hoặc 90, không phải {_what(value)}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("số phải hữu hạn (không nhận nan, inf)")
        return as_shown(value)  # the figure every output shows and every verdict is on
    return value


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if not isinstance(value, str):
        return type(value).__name__
    shown = value if len(value) <= 40 else value[:39] + "…"
    comma = " (trong tệp YAML, phần thập phân viết sau dấu chấm: 92.5)" if "," in value else ""
    return f"chuỗi '{shown}'{comma}"


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and the soft hyphen
_SEEN = re.compile(f"[^\\s{INVISIBLE}]")  # a character that is neither white space nor invisible
Day = Annotated[date, Before(_no_number_date), After(_plausible_date)]
Number = Annotated[float | int, Before(_number)]
Text = Annotated[str, Rule(strict=True, min_length=1), After(_visible)]


class EntryRule(ValueError):
    """A rule between fields, naming the field to fix: an error's position (a YAML line, a form
    cell) is that field's, not the whole entry's."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def rule_field(err: Any) -> str | None:
    """The field an EntryRule error names (pydantic keeps the exception in its context)."""
    found = (err.get("ctx") or {}).get("error")
    return found.field if isinstance(found, EntryRule) else None


@record(kw_only=True)
class YearRange(Record):
    __pydantic_config__ = FROM_TO
    start: Annotated[int, Rule(ge=1900, le=2200, strict=True)]
    end: Annotated[int, Rule(ge=1900, le=2200, strict=True)]

    def _rules(self) -> YearRange:
        if self.end < self.start:
            raise ValueError(f"khoảng năm phải tăng dần: from {self.start} > to {self.end}")
        return self


@record(kw_only=True)
class Horizon(Record):
    """The years a programme runs, as its title says ("giai đoạn 2021 - 2025, định hướng đến năm
    2030": from 2021, to 2025, towards 2030)."""

    __pydantic_config__ = FROM_TO
    start: Annotated[int, Rule(ge=1900, le=2200, strict=True)]
    end: Annotated[int, Rule(ge=1900, le=2200, strict=True)]
    towards: Annotated[int, Rule(ge=1900, le=2200, strict=True)] | None = None

    def _rules(self) -> Horizon:
        if self.end < self.start or (self.towards is not None and self.towards < self.end):
            raise ValueError("khoảng năm phải tăng dần: from ≤ to ≤ towards")
        return self

    def label(self) -> str:
        towards = f", định hướng đến năm {self.towards}" if self.towards else ""
        return f"{self.start} - {self.end}{towards}"


ProgrammeStatus = Literal["draft", "in_force", "ended"]
PROGRAMME_STATUS_LABELS = {"draft": "Dự thảo", "in_force": "Đang thực hiện", "ended": "Đã kết thúc"}
# The kind of document by the symbol in its number ("210/KH-UBND"), when it does not say itself.
DOCUMENT_KINDS = {"CTr": "Chương trình", "KH": "Kế hoạch", "ĐA": "Đề án", "DA": "Đề án", "CT": "Chỉ thị",
                  "NQ": "Nghị quyết", "QĐ": "Quyết định", "KL": "Kết luận"}


def document_kind(number: str) -> str | None:
    """The kind of document its number says, None when it says none known. A state body's
    number is number[/year]/SYMBOL-ISSUER ("210/KH-UBND", "23/2018/QĐ-TTg"); a Party body's is
    number-SYMBOL/ISSUER ("45-CTr/TU", "05-NQ/TU")."""
    import unicodedata

    parts = unicodedata.normalize("NFC", number).strip().split("/")
    if len(parts) < 2:
        return None
    last, first = parts[-1], parts[0]
    symbol = last.split("-", 1)[0] if "-" in last else first.split("-", 1)[1] if "-" in first else ""
    known = {k.casefold(): kind for k, kind in DOCUMENT_KINDS.items()}
    return known.get(symbol.strip().casefold())


@record
class Due:
    """When a task or target is due: `ongoing`, `annual`, a year, a date or a year range."""

    kind: Literal["ongoing", "annual", "year", "date", "range"]
    first_year: int | None = None
    last_year: int | None = None
    day: date | None = None

    @property
    def deadline(self) -> date | None:
        """The inclusive last day; None for ongoing and annual (no single deadline)."""
        if self.kind == "date":
            return self.day
        if self.kind in ("year", "range") and self.last_year is not None:
            return date(self.last_year, 12, 31)
        return None

    @property
    def ends(self) -> date | None:
        """The last day the item runs to: its deadline, or the end of an annual item's horizon
        ("hằng năm" within "giai đoạn đến năm 2025"); None when it has no end."""
        if self.kind == "annual":
            return date(self.last_year, 12, 31) if self.last_year is not None else None
        return self.deadline

    def deadline_in(self, year: int) -> date | None:
        """Deadline as seen in `year`: an annual item is due by the end of every year of its
        horizon; after the horizon, its last deadline (it never comes due again)."""
        if self.kind == "annual":
            return date(min(year, self.last_year or year), 12, 31)
        return self.deadline

    def json_value(self) -> str | int | dict[str, Any] | None:
        if self.kind == "annual" and self.last_year is not None:
            return {"annual": {"from": self.first_year or 0, "to": self.last_year}}
        if self.kind in ("ongoing", "annual"):
            return self.kind
        if self.kind == "year":
            return self.last_year
        if self.kind == "date":
            return self.day.isoformat() if self.day else None
        return {"from": self.first_year or 0, "to": self.last_year or 0}

    def label(self) -> str:
        if self.kind == "ongoing":
            return "Thường xuyên"
        if self.kind == "annual":
            return f"Hằng năm {self.first_year} - {self.last_year}" if self.last_year else "Hằng năm"
        if self.kind == "year":
            return f"Năm {self.last_year}"
        if self.kind == "date" and self.day:
            return self.day.strftime("%d/%m/%Y")
        return f"{self.first_year} - {self.last_year}"


def _parse_due(value: Any) -> Due:
    if isinstance(value, Due):
        return value
    if value in ("ongoing", "annual"):
        return Due(kind=value)
    if isinstance(value, bool):
        raise ValueError("thời hạn không hợp lệ")
    if isinstance(value, int):
        if not 1900 <= value <= 2200:
            raise ValueError(f"năm {value} không hợp lệ")
        return Due(kind="year", first_year=value, last_year=value)
    if isinstance(value, date):
        return Due(kind="date", first_year=value.year, last_year=value.year, day=value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"ngày không tồn tại: {value}") from None
        return Due(kind="date", first_year=day.year, last_year=day.year, day=day)
    if isinstance(value, dict) and set(value) == {"annual"}:  # hằng năm, within a horizon
        years = validate(YearRange, value["annual"])
        return Due(kind="annual", first_year=years.start, last_year=years.end)
    if isinstance(value, dict):
        years = validate(YearRange, value)
        return Due(kind="range", first_year=years.start, last_year=years.end)
    raise ValueError(
        "thời hạn phải là ongoing, annual, một năm (2022), một ngày (2021-07-15), "
        "khoảng năm {from: 2022, to: 2025} hoặc hằng năm trong một giai đoạn {annual: {from: 2021, to: 2025}}"
    )


_DUE_SCHEMA = {
    "anyOf": [
        {"enum": ["ongoing", "annual"]},
        {"type": "integer", "minimum": 1900, "maximum": 2200},
        {"type": "string", "format": "date"},
        {
            "type": "object",
            "properties": {"from": {"type": "integer"}, "to": {"type": "integer"}},
            "required": ["from", "to"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "description": "Hằng năm trong một giai đoạn (ví dụ Phụ lục 'Giai đoạn đến năm 2025')",
            "properties": {"annual": {
                "type": "object",
                "properties": {"from": {"type": "integer"}, "to": {"type": "integer"}},
                "required": ["from", "to"],
                "additionalProperties": False,
            }},
            "required": ["annual"],
            "additionalProperties": False,
        },
    ]
}
DueField = Annotated[Due, Before(_parse_due), JsonSchema(_DUE_SCHEMA)]


# --- agencies.yaml -------------------------------------------------------------------


@record(kw_only=True)
class Agency(Record):
    id: AgencyId
    name: Text
    kind: AgencyKind
    # The short form a document uses for it (letterhead, "Nơi nhận"), when it differs from the full name.
    short_name: Text | None = None
    aliases: list[Text] = dataclass_field(default_factory=list)
    members: list[AgencyId] = dataclass_field(default_factory=list)
    succeeded_by: AgencyId | None = None
    since: Day | None = None
    basis: Text | None = None
    note: Text | None = None
    # Its direct superior (cơ quan chủ quản), named above it at the head of its documents, when
    # the default (a provincial department's is the provincial government) is not right.
    under: AgencyId | None = None

    def _rules(self) -> Agency:
        if self.succeeded_by and self.since is None:
            raise ValueError("có succeeded_by thì phải có since (ngày kế thừa)")
        if self.since is not None and not self.basis:
            raise ValueError("thay đổi tổ chức phải ghi căn cứ pháp lý (basis)")
        if self.members and self.kind != "group":
            raise ValueError("chỉ nhóm (kind: group) mới có members")
        return self

    @property
    def in_documents(self) -> str:
        """How a document names it: its short name (letterhead, "Nơi nhận"), else its name."""
        return self.short_name or self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it may be asked for by: its id, name, short name and aliases. The one list
        that lookup searches and `validate` keeps unambiguous."""
        return (self.id, self.name, *([self.short_name] if self.short_name else []), *self.aliases)

    def ended_by(self, day: date) -> bool:
        """True when the agency no longer exists on `day` (merged or abolished)."""
        return self.since is not None and self.since <= day


# --- tasks.yaml ------------------------------------------------------------------------


@record(kw_only=True)
class Cutoff(Record):
    __pydantic_config__ = FROM_TO
    start: Annotated[str, Rule(strict=True, pattern=r"^\d{2}-\d{2}$")]
    end: Annotated[str, Rule(strict=True, pattern=r"^\d{2}-\d{2}$")]


@record(kw_only=True)
class DayWindow(Record):
    """A quarter's or a month's data window by days of the month: {from: 15, to: 14} runs from
    the 15th of the month before the period to the 14th of its last month."""

    __pydantic_config__ = FROM_TO
    start: Annotated[int, Rule(ge=1, le=28, strict=True)]
    end: Annotated[int, Rule(ge=1, le=28, strict=True)]


MonthDay = Annotated[str, Rule(strict=True, pattern=r"^(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$")]


@record(kw_only=True)
class ReportingPeriod(Record):
    """One kind of periodic report, as the document words it:
    half-year / year: the month it is due in and its data window ({from: "12-15", to: "06-14"});
    quarter / month: due in the period's last month or the month after (`due_in`), data window
    the calendar months or `window`; dates: the last day on time of each report in the year
    ("trước ngày 01/6 và 15/11 hằng năm": ["05-31", "11-14"]), each window ending on its day;
    once: reports due once, on the days given ("báo cáo sơ kết trước ngày 30/11/2023":
    ["2023-11-30"]), each window ending on its day."""

    kind: Literal["half-year", "year", "quarter", "month", "dates", "once"]
    due_month: Annotated[int, Rule(ge=1, le=12, strict=True)] | None = None
    cutoff: Cutoff | None = None
    due_in: Literal["last-month", "next-month"] = "last-month"
    window: DayWindow | None = None
    dates: list[MonthDay] | None = None
    days: list[Day] | None = None

    def _rules(self) -> ReportingPeriod:
        if self.kind in ("half-year", "year"):
            if self.due_month is None or self.cutoff is None:
                raise ValueError(f"kỳ '{self.kind}' phải có due_month và cutoff")
        elif self.kind == "dates" and (not self.dates or sorted(self.dates) != self.dates
                                       or len(set(self.dates)) != len(self.dates)):
            raise ValueError("kỳ 'dates' phải có danh sách ngày (dates: [\"05-31\", \"11-14\"]) tăng dần, "
                             "không trùng")
        elif self.kind == "once" and (not self.days or sorted(self.days) != self.days
                                      or len(set(self.days)) != len(self.days)):
            raise ValueError("kỳ 'once' phải có danh sách ngày (days: [2023-11-30]) tăng dần, không trùng")
        if (self.dates is not None) != (self.kind == "dates") or (self.days is not None) != (self.kind == "once"):
            raise ValueError("dates chỉ dùng cho kỳ 'dates', days chỉ dùng cho kỳ 'once'")
        if self.kind not in ("quarter", "month") and (self.window is not None or self.due_in != "last-month"):
            raise ValueError("window và due_in chỉ dùng cho kỳ quarter, month")
        return self


@record(kw_only=True)
class Reporting(Record):
    source: Text
    text: Text
    # the last day on time of a half-year, year, quarter or month ("trước ngày 20": 19); fixed
    # dates and reports due once carry their own days and need none
    due_day: Annotated[int, Rule(ge=1, le=28, strict=True)] | None = None
    periods: list[ReportingPeriod]
    cutoff_basis: Text | None = None

    def _rules(self) -> Reporting:
        kinds = [p.kind for p in self.periods]
        if not kinds:
            raise ValueError("lịch báo cáo phải có ít nhất một kỳ (periods)")
        if len(set(kinds)) != len(kinds):
            raise ValueError("mỗi loại kỳ báo cáo chỉ ghi một lần trong periods")
        if any(len(p.dates or ()) > 9 for p in self.periods):
            raise ValueError("kỳ 'dates' có nhiều nhất 9 ngày trong năm")
        if any(max(Counter(d.year for d in p.days or ()).values(), default=0) > 9 for p in self.periods):
            raise ValueError("kỳ 'once' có nhiều nhất 9 ngày trong một năm")
        if self.due_day is None:
            if dated := [k for k in kinds if k not in ("dates", "once")]:
                raise ValueError(f"thiếu due_day: ngày cuối cùng còn đúng hạn của kỳ '{dated[0]}' ('trước ngày 20' "
                                 "là 19); chỉ kỳ 'dates' và 'once' mang ngày của riêng mình")
            return self
        for p in self.periods:  # a report due before its own data are in cannot be on time
            if p.kind in ("quarter", "month") and p.due_in == "last-month" and (
                    p.window is None or p.window.end >= self.due_day):
                window = (f", hoặc window với ngày chốt trước ngày {self.due_day} (như {{from: {self.due_day}, "
                          f"to: {self.due_day - 1}}})") if self.due_day > 1 else ""
                raise ValueError(f"kỳ '{p.kind}' hạn gửi ngày {self.due_day} của tháng cuối kỳ, trước khi hết thời gian "
                                 f"chốt số liệu: ghi due_in: next-month (báo cáo tháng trước){window}")
        return self


@record(kw_only=True)
class Programme(Record):
    id: Text
    title: Text
    issued: Day
    issuer: AgencyId
    signer: Text | None = None
    place: Text | None = None
    implements: Text | None = None
    focal_agency: AgencyId
    reporting: Reporting
    # What the document is, as it names itself ("Chương trình hành động", "Kế hoạch", "Đề án");
    # without it, the symbol in its number says (KH: Kế hoạch).
    kind: Text | None = None
    horizon: Horizon | None = None
    status: ProgrammeStatus = "in_force"
    # QĐ 23/2018/QĐ-TTg leaves duties "thường xuyên" out of on-time rates; a programme may count them.
    ongoing_in_rates: StrictBool = False

    def _rules(self) -> Programme:
        early = [d for p in self.reporting.periods for d in p.days or () if d < self.issued]
        if early:
            raise EntryRule("reporting", f"báo cáo một lần (once) hạn ngày {early[0].strftime('%d/%m/%Y')} trước "
                                         f"ngày ban hành {self.issued.strftime('%d/%m/%Y')}")
        return self

    @property
    def kind_name(self) -> str:
        """The document's kind in full: "Kế hoạch số 210/KH-UBND", "Chương trình hành động số …"."""
        if self.kind:
            return self.kind
        return document_kind(self.id) or "Chương trình"

    @property
    def word(self) -> str:
        """How the text refers back to it: "theo Kế hoạch", "toàn Chương trình" (a "Chương trình
        hành động" is "Chương trình")."""
        name = self.kind_name
        return "Chương trình" if name.startswith("Chương trình") else name


@record(kw_only=True)
class DueRevision(Record):
    """A deadline changed after the programme was issued: from which day, on what basis
    (the văn bản deciding it), and the new deadline. The programme's own `due` stays as written."""

    date: Day
    basis: Text
    due: DueField


@record(kw_only=True)
class GoalRevision(Record):
    """A goal changed after the programme was issued: from which day, on what basis, the new
    value (and comparison, when that changed too)."""

    date: Day
    basis: Text
    op: Op | None = None
    value: Number


R = TypeVar("R", DueRevision, GoalRevision)


def known_on(revisions: list[R], day: date) -> list[R]:
    """The revisions decided on or before `day`: on that day, nobody knew of a later one."""
    return [r for r in revisions if r.date <= day]


def revision_on(revisions: list[R], day: date) -> R | None:
    """The revision in force on `day`: the latest decided on or before it (None: the original)."""
    if not revisions:  # almost every task and goal: asked tens of thousands of times per query
        return None
    return max(known_on(revisions, day), key=lambda r: r.date, default=None)


class Scheduled(Record):
    """An item with a deadline the programme set and may have revised since: a task, a target."""

    __slots__ = ()
    due: Due
    revisions: list[DueRevision]

    def due_on(self, day: date) -> Due:
        """The deadline in force on `day`: the programme's, or the latest revision known then."""
        revision = revision_on(self.revisions, day)
        return revision.due if revision else self.due


@record(kw_only=True)
class Task(Scheduled):
    id: TaskId
    lead: list[AgencyId]
    support: list[AgencyId] = dataclass_field(default_factory=list)
    due: DueField
    source: Text
    text: Text
    due_text: Text | None = None  # the deadline as the document writes it ("Quý IV/2025")
    tags: list[AgencyId] = dataclass_field(default_factory=list)
    note: Text | None = None
    revisions: list[DueRevision] = dataclass_field(default_factory=list)


@record(kw_only=True)
class Group(Record):
    """A group header only; its tasks are validated one by one (see load.py)."""

    id: Annotated[str, Rule(strict=True, pattern=GROUP_ID)]
    title: Text
    tasks: list[Any]


@record(kw_only=True)
class TasksFile(Record):
    programme: Any
    groups: list[Any]


# --- targets.yaml ---------------------------------------------------------------------


@record(kw_only=True)
class Indicator(Record):
    id: Annotated[str, Rule(strict=True, pattern=INDICATOR_LETTER)]
    name: Text
    unit: Text | None = None
    op: Op | None = None
    value: Number | None = None
    measure: Measure
    window: YearRange | None = None
    revisions: list[GoalRevision] = dataclass_field(default_factory=list)

    @property
    def qualitative(self) -> bool:
        """Assessed as met / not met, with no number and no goal (the only test of it)."""
        return self.measure == "qualitative"

    def goal_on(self, day: date) -> Indicator:
        """This indicator with the goal in force on `day` (the latest revision known then)."""
        revision = revision_on(self.revisions, day)
        if revision is None:
            return self
        return replace(self, op=revision.op or self.op, value=revision.value)

    def _rules(self) -> Indicator:
        if self.qualitative:
            if self.op is not None or self.value is not None:
                raise ValueError("chỉ tiêu định tính (qualitative) không có op/value")
            if self.revisions:
                raise ValueError("chỉ tiêu định tính (qualitative) không có mục tiêu để điều chỉnh")
        elif self.op is None or self.value is None:
            raise ValueError(f"chỉ tiêu đo kiểu {self.measure} phải có op và value")
        return self


@record(kw_only=True)
class Target(Scheduled):
    id: Annotated[str, Rule(strict=True, pattern=TARGET_ID)]
    lead: list[AgencyId] = dataclass_field(default_factory=list)
    support: list[AgencyId] = dataclass_field(default_factory=list)
    due: DueField
    source: Text
    text: Text
    due_text: Text | None = None
    note: Text | None = None
    indicators: Annotated[list[Indicator], Rule(min_length=1)]
    revisions: list[DueRevision] = dataclass_field(default_factory=list)


# --- explanations.yaml ---------------------------------------------------------------------


@record(kw_only=True)
class Explanation(Record):
    """The office asked an agency to explain a task (giải trình): when, by which letter, by
    when it must answer; then when it answered and what it said."""

    task: TaskId
    agency: AgencyId
    asked: Day
    letter: Text | None = None  # the request's number, "125/BXT-TH"
    answer_due: Day
    answered: Day | None = None
    answer: Text | None = None
    answer_letter: Text | None = None

    def _rules(self) -> Explanation:
        if self.answer_due < self.asked:
            raise EntryRule("answer_due", "hạn trả lời (answer_due) không thể trước ngày đề nghị (asked)")
        if self.answered is not None and self.answered < self.asked:
            raise EntryRule("answered", "ngày trả lời (answered) không thể trước ngày đề nghị (asked)")
        if self.answered is None and (self.answer or self.answer_letter):
            raise EntryRule("answered", "đã ghi nội dung trả lời thì phải có ngày trả lời (answered)")
        if self.answered is not None and not (self.answer or self.answer_letter):
            raise EntryRule("answer", "ghi nội dung trả lời (answer) hoặc số văn bản trả lời (answer_letter)")
        return self

    def state(self, on: date) -> str:
        """answered, waiting (not yet due) or overdue, on `on`."""
        if self.answered is not None and self.answered <= on:
            return "answered"
        return "waiting" if on <= self.answer_due else "overdue"


EXPLANATION_STATE_LABELS = {"answered": "Đã giải trình", "waiting": "Chờ giải trình", "overdue": "Quá hạn giải trình"}


# --- progress/<period>/<agency>.yaml ------------------------------------------------------


@record(kw_only=True)
class TaskEntry(Record):
    task: TaskId
    status: TaskStatus
    completed: Day | None = None
    result: Text | None = None
    difficulties: Text | None = None
    evidence: Text | None = None
    proposals: Text | None = None

    def _rules(self) -> TaskEntry:
        """The rules of a task's entry (the only place they are written)."""
        if self.status == "done" and self.completed is None:
            raise EntryRule("completed", "tình trạng 'Hoàn thành' (done) phải có ngày hoàn thành (completed)")
        if self.status != "done" and self.completed is not None:
            raise EntryRule("completed", "chỉ ghi ngày hoàn thành (completed) khi tình trạng là 'Hoàn thành' (done)")
        if self.status == "suspended" and not self.result:
            raise EntryRule("result", "tình trạng 'Dừng thực hiện' (suspended) phải ghi lý do ở kết quả (result)")
        return self


@record(kw_only=True)
class Observation(Record):
    indicator: Annotated[str, Rule(strict=True, pattern=INDICATOR_REF)]
    value: Number | None = None
    met: StrictBool | None = None
    as_of: Day
    source: Text | None = None
    note: Text | None = None
    # The office confirmed a figure qnctr doubted (0,785 for a percent, 150 % for a share), or
    # the one that counts of several agencies' figures for one day: written only with
    # --confirm-doubts, after which neither validate nor the report asks again.
    confirmed: StrictBool | None = None

    def _rules(self) -> Observation:
        if (self.value is None) == (self.met is None):
            raise EntryRule("value", "ghi đúng một trong hai: value (số liệu) hoặc met (true/false)")
        return self

    @property
    def target_id(self) -> str:
        return self.indicator.rsplit(".", 1)[0]


@record(kw_only=True)
class ProgressHead(Record):
    """A report's header; its entries are validated one by one (see load.py)."""

    agency: AgencyId
    period: Annotated[str, Rule(strict=True, pattern=PERIOD)]
    submitted: Day
    document: Text | None = None
    summary: Text | None = None
    tasks: list[Any] = dataclass_field(default_factory=list)
    targets: list[Any] = dataclass_field(default_factory=list)


@record(kw_only=True)
class ProgressReport(ProgressHead):
    """One agency's report for one period: progress/<period>/<agency>.yaml."""

    tasks: list[TaskEntry] = dataclass_field(default_factory=list)
    targets: list[Observation] = dataclass_field(default_factory=list)

    @classmethod
    def of(cls, head: ProgressHead, tasks: list[TaskEntry], targets: list[Observation]) -> ProgressReport:
        """The report `head` heads, with these entries: every field of the head carried over (a
        field added to the head can never be dropped here)."""
        given = {f.name: getattr(head, f.name) for f in fields(head)}
        return cls(**{**given, "tasks": tasks, "targets": targets})
