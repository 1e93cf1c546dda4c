"""Vietnamese phrases of plans into the register's values: deadlines ("Quý II/2022", "trước ngày
30/6/2022", "hằng năm"), reporting calendars ("Định kỳ 6 tháng và một năm (trước ngày 20 của
tháng cuối kỳ báo cáo)"), goal values ("≥ 30%", "5 tỷ USD"). Each rule is written out: no date
library reads these right (a period means its last day, "trước ngày 20" means the 19th)."""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def plain(text: str) -> str:
    """Lower case, `Quí`/`Quý`, `hàng`/`hằng`, `Uỷ`/`Ủy` alike (tone marks on either vowel)."""
    text = unicodedata.normalize("NFC", text).lower()
    for old, new in (("quí", "quý"), ("hàng năm", "hằng năm"), ("hàng quý", "hằng quý"),
                     ("hàng tháng", "hằng tháng"), ("–", "-"), ("—", "-")):
        text = text.replace(old, new)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due value of the schema (None: the phrase could not be read), the phrase as written."""

    value: Any
    phrase: str
    doubt: str | None = None  # what a person should check in the value read


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


def _last_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _valid(year: int) -> bool:
    return 1900 <= year <= 2200


def _before(text: str, at: int) -> bool:
    """The period starting at `at` follows "trước" ("trước Quý III/2026"): it ends the day before."""
    return text[:at].rstrip().endswith("trước")


def deadline(phrase: str, year: int | None = None) -> Deadline:
    """The due value a deadline phrase means. `year` is the document's, for a phrase without one
    ("trước ngày 15/7" in a plan of 2021). Unreadable phrases give value None; a value that says
    less than the phrase carries a doubt for a person to settle."""
    text = plain(phrase).strip(" .;,")
    if re.match(r"(?:bắt đầu )?từ\b", text) and not re.search(r"đến|tới|\d\s*-\s*\d|-\s*(?:quý|tháng|năm)", text):
        # "Từ Quý II/2026" is when the work begins: read as a deadline, it was due at its start
        return Deadline("ongoing", phrase, f"văn bản nêu lúc bắt đầu ('{phrase.strip()}'), không nêu hạn: tạm ghi "
                                           "ongoing (thường xuyên)")
    read = _deadline(text, phrase, year)
    if read.doubt is None and read.value not in (None, "ongoing", "annual") and not isinstance(read.value, dict) \
            and re.search(r"các năm tiếp theo|năm tiếp theo|hằng năm|thường xuyên|hằng quý|hằng tháng", text):
        # "Quý II/2026 và các năm tiếp theo": the first deadline, and work that goes on after it
        return Deadline(read.value, phrase, f"văn bản nêu cả việc làm tiếp sau hạn ('{phrase.strip()}'): sổ ghi hạn "
                                            "đầu tiên; nếu việc làm hằng năm, ghi annual")
    return read


def _deadline(text: str, phrase: str, year: int | None) -> Deadline:
    if not text:
        return Deadline(None, phrase)
    ongoing = re.search(r"thường xuyên|liên tục|hằng ngày", text)
    annual = re.search(r"hằng năm|mỗi năm|định kỳ năm", text)
    if annual and re.search(r"\d{1,2}\s*[/.]\s*\d{1,2}(?!\d)|tháng \d|quý (?:i{1,3}|[1-3])\b", text) \
            and not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        # "trước ngày 31/3 hằng năm": the register's annual item is due by the end of each year
        return Deadline("annual", phrase, f"văn bản nêu hạn trong năm ('{phrase.strip()}'): sổ ghi hằng năm, "
                                          "tính đến 31/12 mỗi năm; ghi rõ hạn trong nội dung hoặc ghi một ngày")
    # "trước ngày 30/6/2026 (đợt 1) và trước ngày 31/12/2026 (đợt 2)": done when the last is
    befores = [m.groups() for m in re.finditer(
        r"trước (?:ngày )?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?|"
        r"trước ngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?", text)]
    if befores:
        days = []
        for groups in befores:
            d, mo, y_text = groups[:3] if groups[0] else groups[3:]
            y = int(y_text) if y_text else year
            try:
                days.append(_day_before(date(y, int(mo), int(d))) if y is not None and _valid(y) else None)
            except ValueError:
                days.append(None)
        if None in days:
            return Deadline(None, phrase)
        return Deadline(max(d for d in days if d is not None).isoformat(), phrase)
    # "Từ 01/01/2026 đến 30/6/2026": the last day named (read by the first, it was six months early)
    dates = list(re.finditer(r"(?:ngày )?(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})", text))
    if dates:
        try:
            return Deadline(max(date(int(m.group(3)), int(m.group(2)), int(m.group(1))) for m in dates).isoformat(),
                            phrase)
        except ValueError:
            return Deadline(None, phrase)
    ends: list[date] = []
    for m in re.finditer(r"qu[ýy]\s*((?:[IV]+|[1-4])(?:\s*(?:,|-|và)\s*(?:[IV]+|[1-4]))*)\s*[/-]?\s*(?:năm\s*)?(\d{4})",
                         text, re.IGNORECASE):
        # "Quý III, IV/2026": the last quarter named; "Quý IV/2026 - Quý I/2027": the last of all
        quarters = [_ROMAN_QUARTER.get(q.upper(), 0) for q in re.findall(r"[IV]+|[1-4]", m.group(1), re.IGNORECASE)]
        if quarters and min(quarters) > 0 and _valid(int(m.group(2))):
            end = _last_of_month(int(m.group(2)), 3 * max(quarters))
            ends.append(_day_before(date(end.year, 3 * min(quarters) - 2, 1)) if _before(text, m.start()) else end)
    if ends:
        return Deadline(max(ends).isoformat(), phrase)
    half = re.search(r"(6|sáu) tháng (đầu|cuối) năm (\d{4})", text)
    if half:
        return Deadline(_last_of_month(int(half.group(3)), 6 if half.group(2) == "đầu" else 12).isoformat(), phrase)
    month_ends = []
    for m in re.finditer(r"tháng (?:\d{1,2}\s*(?:-|đến)\s*(?:tháng\s*)?)?(\d{1,2})\s*[/-]\s*(\d{4})"
                         r"|tháng (\d{1,2}) năm (\d{4})", text):
        month, y = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), int(m.group(4)))
        if 1 <= month <= 12 and _valid(y):  # "trước tháng 6/2026": by the end of May
            month_ends.append(_day_before(date(y, month, 1)) if _before(text, m.start()) else _last_of_month(y, month))
    if month_ends:  # "tháng 12/2026 - tháng 3/2027", "tháng 10-12/2026": the last month named
        return Deadline(max(month_ends).isoformat(), phrase)
    span = re.search(r"(\d{4})\s*-\s*(\d{4})", text)
    if span and _valid(int(span.group(1))) and int(span.group(1)) <= int(span.group(2)):
        first, last = int(span.group(1)), int(span.group(2))
        school = re.search(r"năm học\s*$", text[:span.start()]) and last == first + 1
        return Deadline({"annual": {"from": first, "to": last}} if annual else {"from": first, "to": last}, phrase,
                        f"'{phrase.strip()}' là một năm học, kết thúc giữa năm {last}: sổ tạm ghi giai đoạn "
                        f"{first}-{last} (hạn cuối năm {last}); ghi ngày kết thúc năm học theo văn bản"
                        if school else None)
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text) if _valid(int(y))]
    if len(years) == 1 and not ongoing and (annual is None) and \
            re.fullmatch(r"(?:(?:hoàn thành |thực hiện )?(?:trong |cả )?(?:năm )?)?\d{4}", text):
        return Deadline(years[0], phrase)
    if len(years) == 1 and re.search(r"(?:trong|cuối|hết|đến|trước) năm \d{4}$|^năm \d{4}$", text) and not annual:
        return Deadline(years[0], phrase)
    if annual and not years:
        return Deadline("annual", phrase)
    if ongoing and not years and not re.search(r"theo|khi|sau", text):
        return Deadline("ongoing", phrase)
    return Deadline(None, phrase)


# --- reporting ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Calendar:
    """The periods a reporting sentence sets and the day they are due; `sure` is False when
    the sentence names no day ("báo cáo hằng quý") and due_day is a placeholder to confirm."""

    due_day: int
    periods: list[dict[str, Any]]
    sure: bool = True


_HALF_YEAR = {"kind": "half-year", "due_month": 6, "cutoff": {"from": "12-15", "to": "06-14"}}
_YEAR = {"kind": "year", "due_month": 12, "cutoff": {"from": "12-15", "to": "12-14"}}


def _short_period(kind: str, due_day: int, in_last_month: bool) -> dict[str, Any]:
    """A month's or a quarter's report as the register can hold it: due in the period's last
    month only with a data window that closes before the due day (the NĐ 09/2019 window 15 → 14
    when it fits, else from the due day to the day before); otherwise due in the month after."""
    if in_last_month and due_day > 14:
        return {"kind": kind, "window": {"from": 15, "to": 14}}
    if in_last_month and due_day >= 2:
        return {"kind": kind, "window": {"from": due_day, "to": due_day - 1}}
    return {"kind": kind, "due_in": "next-month"}


def reporting_calendar(sentence: str) -> Calendar | None:
    """The calendar a reporting sentence sets, or None when it names none."""
    text = plain(sentence)
    # "…; báo cáo sơ kết trước ngày 30/11/2025" beside periodic reports: also one due once, the
    # day before. A dated report alone is None: as often a task's one-off deadline as a calendar.
    once: list[date] = []
    for d, m, y in re.findall(r"trước ngày (\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", text):
        try:
            once.append(_day_before(date(int(y), int(m), int(d))))
        except ValueError:
            return None
    also = [{"kind": "once", "days": sorted(set(once))}] if once else []
    # "trước ngày 01/6 và 15/11 hằng năm", "trước ngày 15/12 hằng năm": days of the year, without
    # a year of their own (\b: never 30/1 out of 30/11/2025).
    # Every such phrase: "6 tháng (trước ngày 10/6) và năm (trước ngày 10/12)" is two days, and
    # read as its first it was a calendar without the year's report.
    listed = re.findall(r"trước (?:các )?ngày (\d{1,2}\s*/\s*\d{1,2}\b(?:\s*(?:và|,)\s*\d{1,2}\s*/\s*\d{1,2}\b)*)"
                        r"(?!\s*/\s*\d)", text)
    dates = [pair for each in listed for pair in re.findall(r"(\d{1,2})\s*/\s*(\d{1,2})", each)]
    if dates:
        days = []
        for d, m in dates:
            try:
                day = _day_before(date(2001, int(m), int(d)))  # a year without 29/2
            except ValueError:
                return None
            days.append(f"{day.month:02d}-{day.day:02d}")
        days = sorted(set(days))
        return Calendar(min(28, int(days[0][3:])), [{"kind": "dates", "dates": days}, *also])
    due = re.search(r"trước ngày (\d{1,2})(?!\d|\s*/)", text)  # a day of the month, never 1 out of 15/12
    due_day = max(1, min(28, int(due.group(1)) - 1)) if due else 28
    sure = due is not None
    periods: list[dict[str, Any]] = []
    # "gửi báo cáo quý", "báo cáo tháng": a kind of report, never "báo cáo quý I/2026", one report
    if re.search(r"hằng tháng|định kỳ tháng|mỗi tháng|báo cáo tháng(?!\s*\d)|tháng một lần", text):
        periods.append(_short_period("month", due_day, bool(re.search(r"cuối kỳ|trong tháng|cuối tháng", text))))
    if re.search(r"hằng quý|định kỳ quý|mỗi quý|theo quý|báo cáo quý(?!\s*(?:[iv]+\b|\d))|quý một lần", text):
        periods.append(_short_period("quarter", due_day, bool(re.search(r"cuối kỳ|cuối quý|tháng cuối", text))))
    if re.search(r"6 tháng|sáu tháng", text):
        periods.append(dict(_HALF_YEAR))
    if re.search(r"(?:và|,) (?:một |1 )?năm|hằng năm|báo cáo năm|định kỳ năm|cả năm", text) or (
            periods and periods[-1]["kind"] == "half-year" and "năm" in text.split("6 tháng", 1)[-1][:12]):
        periods.append(dict(_YEAR))
    if not periods:
        return None
    return Calendar(due_day, [*periods, *also], sure)


# --- goals ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Goal:
    op: str | None
    value: float | int | None
    unit: str | None
    change: str | None = None  # "tăng" / "giảm": the figure is a change from a baseline, not a level
    measure: str | None = None  # what the words say of how it is measured: "tăng 8%/năm" average-growth


# The words before a figure that say how it compares, longest first (so "không dưới 95%" is read
# whole, as at least 95 %, never as its last word "dưới": less than 95 %).
_OP_WORDS = {
    "không thấp hơn": ">=", "không ít hơn": ">=", "không nhỏ hơn": ">=", "không dưới": ">=", "không kém": ">=",
    "tối thiểu": ">=", "ít nhất": ">=", "từ": ">=", "đạt": ">=",
    "không vượt quá": "<=", "không vượt": "<=", "không quá": "<=", "không cao hơn": "<=", "không lớn hơn": "<=",
    "không nhiều hơn": "<=", "không trên": "<=", "tối đa": "<=",
    "cao hơn": ">", "lớn hơn": ">", "nhiều hơn": ">", "trên": ">", "hơn": ">", "vượt": ">",
    "thấp hơn": "<", "nhỏ hơn": "<", "ít hơn": "<", "dưới": "<",
    # where a figure is to go: "giảm xuống còn 3%", "rút ngắn còn 2 ngày", "tăng lên 80%"
    "xuống còn": "<=", "xuống": "<=", "còn": "<=", "lên": ">=",
}
_NOT_A_UNIT = frozenset({"trên", "các", "của", "và", "trong", "năm"})
_OP_SIGNS = {"≥": ">=", "≤": "<=", ">": ">", "<": "<"}
_OP_RE = "|".join(sorted(map(re.escape, _OP_WORDS), key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
_UNIT = r"%|tỷ USD|triệu USD|tỷ đồng|triệu đồng|nghìn tỷ đồng|[^\s,.;:()]+(?: [^\s,.;:()]+)?"
_GOAL = re.compile(rf"(?i)((?:≥|≤|>|<)\s*|(?<!\w)(?:{_OP_RE})\s+)?({_NUMBER})")
# after the figure: a range's upper end ("từ 2 - 4 bậc", "2 đến 4 bậc"), the unit, "trở lên"/"trở xuống"
_RANGE = re.compile(rf"\s*(?:-|–|đến)\s*(?:{_NUMBER})(?!\d)")
_UNIT_RE = re.compile(rf"\s*({_UNIT})?")
_BOUND = re.compile(r"(?i)\s*(?:\S+\s+){0,2}?trở\s+(lên|xuống)\b")


def _number(text: str) -> float | int:
    if "." in text and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        return int(text.replace(".", ""))
    return float(text.replace(",", ".")) if "," in text else int(text)


def goal(text: str) -> Goal | None:
    """The first figure a target states, with its comparison and unit: "≥ 30%", "trên 10%",
    "không dưới 95%" (at least), "từ 66 điểm trở lên", "10.000 doanh nghiệp", "5 tỷ USD",
    "100%"; a range ("tăng từ 2 - 4 bậc") is its lower end; a year ("năm 2026") is not a
    figure; a place in a ranking ("trong nhóm 10 tỉnh dẫn đầu", "top 30", "xếp thứ 15 trở lên") is
    a rank of at most that number."""
    rank = re.search(r"(?i)(?:trong )?(?:nhóm|top)\s+(\d{1,3})\s+(?:tỉnh|địa phương|tỉnh, thành phố)[^.;]{0,40}?"
                     r"(?:dẫn đầu|đứng đầu|cao nhất|tốt nhất)|\btop\s+(\d{1,3})\b(?!\s*%)"
                     r"|(?:xếp|đứng|vị trí|thứ hạng)[^.;\d]{0,15}?\bthứ\s+(\d{1,3})\b", text)
    if rank:  # "top 30 cả nước", "xếp thứ 15 trở lên": a place, better as it is smaller
        return Goal("<=", int(next(g for g in rank.groups() if g)), "thứ hạng")
    m = _GOAL.search(text)
    if not m:
        return None
    after = text[m.end(2):]
    if re.fullmatch(r"\d{4}", m.group(2)) and 1900 <= int(m.group(2)) <= 2200 and not after.lstrip().startswith("%"):
        return goal(after) if after else None  # a year, not a figure: the goal is in what follows it
    before = text[:m.start()]
    day = re.match(r"\s*[/.]\s*(\d{1,2})(?:\s*[/.]\s*(\d{4}))?(?!\d)", after)
    if day and (day.group(2) or re.search(r"(?i)(?:ngày|đến|trước|từ|sau)\s*$", before)):
        return goal(after[day.end():])  # "Đến 30/6/2026, 90% hồ sơ": a day, not a figure
    if re.search(r"(?i)\btrong\s*$", before) and not m.group(1) and (span := re.match(r"\s*(tháng|năm|ngày)\b", after)):
        found = goal(after)  # "trong 06 tháng, 80% ...": a time, not a figure
        if found and span.group(1) == "năm" and found.measure is None and not found.change:
            return replace(found, measure="cumulative")  # "trong 05 năm tới có ít nhất 10.000 doanh nghiệp"
        return found
    word = " ".join((m.group(1) or "").split()).casefold()
    op = _OP_SIGNS.get(word) or _OP_WORDS.get(word)
    if day and "/" in day.group(0) and int(day.group(1)) > int(m.group(2)) > 0:  # never "1.5 lần"
        share = round(100 * int(m.group(2)) / int(day.group(1)), 2)  # "rút ngắn 1/2 thời gian": half
        return Goal(op, int(share) if share == int(share) else share, "%", *_change(before, word, after[day.end():]))
    # "từ 5% xuống còn dưới 3%", "tăng từ 60% lên 80%": the figure to reach is the second, and
    # the direction is the comparison when the text gives none (first read, the goal was ≥ 5 %)
    moved = re.match(rf"\s*(?:%|[^\s\d,.;:()]+(?: [^\s\d,.;:()]+)?)?\s+(lên|xuống)(?:\s+(?:còn|mức|đến|tới))?\s+"
                     rf"(?=(?:(?:{_OP_RE})\s+|[≥≤<>]\s*)?(?:{_NUMBER}))", after, re.IGNORECASE)
    if word == "từ" and moved is not None and (target := goal(after[moved.end():])) is not None:
        return Goal(target.op or (">=" if moved.group(1).casefold() == "lên" else "<="), target.value,
                    target.unit or _UNIT_RE.match(after).group(1))  # type: ignore[union-attr]
    if (span := _RANGE.match(after)) is not None:
        after = after[span.end():]
        op = ">="  # "từ 2 - 4 bậc": at least the lower end
    unit = _UNIT_RE.match(after).group(1)  # type: ignore[union-attr]
    if (bound := _BOUND.match(after)) is not None:  # "trên 90% trở lên" stays above 90 %
        up = bound.group(1).casefold() == "lên"
        op = op if op == (">" if up else "<") else ">=" if up else "<="
        unit = after[:bound.start(1)].strip()[: -len("trở")].strip() or None
    if unit and unit.split(" ")[0] in _NOT_A_UNIT:
        unit = None
    elif unit and " " in unit and unit.split(" ")[1] in _NOT_A_UNIT | {"so", "với", "trở", "đến", "tại", "cho", "được"}:
        unit = unit.split(" ")[0]  # "4 bậc so với năm 2025": the unit is "bậc"
    if unit and unit.startswith("%/"):
        unit = "%"  # "tăng 8%/năm": a percent each year
    change, measure = _change(before, word, after)
    if not change and re.search(r"(?i)\bluôn\b|\bduy trì\b|(?:mỗi|hằng|hàng) năm", before):
        measure = "each-year"  # "luôn đạt tỷ lệ trên 99%": it must hold every year
    return Goal(op, _number(m.group(2)), unit, change, measure)


# before a year: not "so với" ("giảm 10% so với năm 2025"), which names the baseline a figure is
# measured from, not a year the figure is for
NOT_A_BASELINE = r"(?<!so với )(?<!so với cùng kỳ )"


def goals_by_year(text: str) -> list[tuple[int, Goal]]:
    """Each year's figure where a target names several years, each before its own figure ("năm
    2026 đạt 98%, năm 2027 đạt 100%") or each after it ("đạt 80% vào năm 2026 và 90% vào năm
    2027"): read as one, the later years' figures were dropped. Empty when it names fewer than
    two years so, or a year without a figure of its own."""
    marks = list(re.finditer(rf"(?i){NOT_A_BASELINE}\bnăm (\d{{4}})\b", text))
    if len({m.group(1) for m in marks}) < 2 or len(marks) != len({m.group(1) for m in marks}):
        return []
    found = []
    for here, after in zip(marks, [*marks[1:], None], strict=True):
        read = goal(text[here.end():after.start() if after else len(text)])
        if read is None or read.value is None:
            return _figures_before_years(text, marks)
        found.append((int(here.group(1)), read))
    return found


# what may stand between a figure and the year it is for: "80% vào năm 2026", "90% đến hết năm 2027"
_TO_A_YEAR = re.compile(r"(?i)(?:[\s,]|vào|trong|đến hết|đến|tới|cuối)*$")
_FIGURE_LAST = re.compile(rf"({_NUMBER})\s*(?:%|[^\W\d_]+(?: [^\W\d_]+)?)?$")


def _figures_before_years(text: str, marks: list[re.Match[str]]) -> list[tuple[int, Goal]]:
    """Each year's figure where each figure stands just before its year ("đạt 80% vào năm 2026
    và 90% vào năm 2027"); a later figure without its own comparison, unit or change takes the
    first one's ("và 90%": at least 90 %, as "đạt" said of 80). Empty unless the figure read
    before every year is the one right before it: a year after "so với" is a baseline, not a
    year to reach ("giảm 10% so với năm 2025")."""
    found: list[tuple[int, Goal]] = []
    start = 0
    for mark in marks:
        segment = text[start:mark.start()]
        core = segment[:_TO_A_YEAR.search(segment).start()]  # type: ignore[union-attr]
        last = _FIGURE_LAST.search(core)
        read = goal(segment)
        if last is None or read is None or read.value != _number(last.group(1)):
            return []
        if found:
            first = found[0][1]
            read = Goal(read.op or first.op, read.value, read.unit or first.unit, read.change or first.change,
                        read.measure or first.measure)
        found.append((int(mark.group(1)), read))
        start = mark.end()
    return found


_CHANGE = re.compile(r"(?i)(tăng(?: trưởng)?|giảm|cắt giảm|giảm thiểu|rút ngắn|nâng)(?:\s+(?:thêm|bình quân|trung bình|tối thiểu|"
                     r"ít nhất))?\s*$")


def _change(before: str, word: str, after: str) -> tuple[str | None, str | None]:
    """Whether the figure is a change ("giảm 10% so với năm 2025", "tăng 8%/năm", "tăng từ 2 - 4
    bậc") and whether each year: never a level to reach ("giảm còn 5%", "tăng lên 80%")."""
    if word in ("lên", "xuống", "còn", "xuống còn", "đạt") or not (found := _CHANGE.search(before)):
        return None, None
    change = "giảm" if found.group(1).casefold() in ("giảm", "cắt giảm", "giảm thiểu", "rút ngắn") else "tăng"
    yearly = bool(re.match(r"\s*\S*\s*/\s*năm|\s*\S*\s*(?:mỗi|hằng|hàng) năm", after)) or \
        bool(re.search(r"(?i)(?:mỗi|hằng|hàng) năm\s+\S+\s*$|bình quân|trung bình", before[-40:]))
    if not yearly:
        return change, None
    return change, "average-growth" if change == "tăng" and after.lstrip().startswith("%") else "each-year"
