"""Numbers as Vietnamese write them: reading "92,4" or "12.345,5" and writing 12.345,5."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .errors import QnctrError

_DIGITS = re.compile(r"[0-9]+")
SHOWN_DECIMALS = 6  # a reported figure or a goal to this many decimals: as shown, as judged (model._number)


class NumberError(QnctrError, ValueError):
    """Text that is not a finite number."""


def parse_number(text: str) -> float | int:
    """A number typed by a person: decimal comma (92,4) or point (92.4), thousands dots or
    commas (12.345,5 · 12,345.5 · 1.234.567), an optional trailing % (the unit says it is a
    percent already). Infinite and NaN values are refused: no target is met by infinity.
    """
    raw = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if raw.endswith("%"):
        raw = raw[:-1]
    sign = ""
    if raw[:1] in "+-":
        sign, raw = raw[:1].replace("+", ""), raw[1:]
    if not raw or not re.fullmatch(r"[0-9.,]+", raw) or not _DIGITS.search(raw):
        raise NumberError(f"'{text}' không phải số (ví dụ 92,4 hoặc 12.345)")
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:  # the later separator is the decimal one
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
    elif commas + dots == 1:
        decimal = "," if commas else "."
        whole_part, _, tail = raw.partition(decimal)
        if len(tail) == 3 and whole_part not in ("", "0"):
            fraction = tail.rstrip("0") or "0"
            if len(fraction) == 3:  # three decimals read as thousands again: a fourth, a 0, says it is not
                decimal_form = f"{whole_part},{fraction}0 (thêm chữ số 0 ở cuối để khỏi nhầm với hàng nghìn)"
            else:
                decimal_form = f"{whole_part},{fraction}"
            raise NumberError(f"'{text}' không rõ nghĩa: nếu là {whole_part}{tail} thì viết {whole_part}{tail}; "
                              f"nếu là số thập phân thì viết {decimal_form}")
    else:
        decimal = ""
    thousands = {".", ","} - {decimal}
    whole, _, fraction = raw.rpartition(decimal) if decimal else (raw, "", "")
    if decimal and not whole:
        whole = "0"
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise NumberError(f"'{text}' không phải số: nhóm hàng nghìn phải đủ 3 chữ số (ví dụ 12.345,5)")
    if any(sep in fraction for sep in thousands | {decimal} if sep):
        raise NumberError(f"'{text}' không phải số (ví dụ 92,4 hoặc 12.345)")
    digits = "".join(groups)
    if len(fraction.rstrip("0")) > SHOWN_DECIMALS:  # kept to six: said, never rounded unseen
        raise NumberError(f"'{text}' có {len(fraction.rstrip('0'))} chữ số thập phân; số liệu ghi tối đa "
                          f"{SHOWN_DECIMALS}: ghi {format_number(as_shown(float(f'{sign}{digits}.{fraction}')), SHOWN_DECIMALS)}")
    value = float(f"{sign}{digits}.{fraction or '0'}")
    return finite(value, text)


def finite(value: float | int, shown: object = None) -> float | int:
    """The value as a figure is written (as_shown), as an int when it is whole; NumberError
    when it is NaN or infinite."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NumberError(f"'{value if shown is None else shown}' không phải số hữu hạn")
        value = as_shown(value)
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
    return value


def as_shown(value: float) -> float:
    """A figure to the decimals qnctr shows of it (SHOWN_DECIMALS): what is written, shown and
    judged. A spreadsheet cell Excel shows as 29 may hold 28.999999999999996 (=B2/B3*100); kept
    so, it was "29 %" in the report beside "Không đạt" against "≥ 29 %"."""
    return float(f"{value:.{SHOWN_DECIMALS}f}")


def format_number(value: float | int, decimals: int = 2) -> str:
    """12345.5 → '12.345,5'; 100 → '100'; at most `decimals` digits after the comma."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def scales_percent(number_format: str | None) -> bool:
    """Whether a spreadsheet number format shows a stored 0.924 as 92,4 %: a bare % scales by
    100; a quoted "%" or an escaped \\% is a literal sign beside the figure as it is (92.4 shown
    as 92,4%, not scaled), and so is anything in brackets (a colour, a condition, a locale)."""
    return "%" in _LITERALS.sub("", number_format or "")


def format_figure(value: float | int) -> str:
    """A reported figure as it was reported: every decimal it has (up to six), 0,785 never 0,79."""
    return format_number(value, SHOWN_DECIMALS)


def percent_from_fraction(value: float) -> float | int:
    """A cell Excel stores as 0.924 and shows as 92,4 %: the percent it shows."""
    return finite(float(f"{value * 100:.12g}"))


OP_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


_PERCENT_WORDS = frozenset({"%", "％", "phần trăm", "phan tram", "percent"})


def is_percent(unit: str | None) -> bool:
    """Whether an indicator is counted in percent: "%" as most registers write it, or the word a
    typed register may use ("phần trăm"); its figures are then read, doubted and judged as a
    percent whichever way the unit is spelt (it is still shown as the register spells it)."""
    return unit is not None and _percent_unit(unit)


@lru_cache(maxsize=256)
def _percent_unit(unit: str) -> bool:  # a register has a handful of units, asked of every figure
    return " ".join(unit.split()).casefold() in _PERCENT_WORDS


def goal_text(op: str, value: float | int, unit: str | None) -> str:
    """A goal as the appendix words it: "≥ 90 %", "> 10 %"; a goal of 100 % is "100 %"
    (nothing lies above it, so "≥ 100 %" is a form an official would strike out)."""
    if is_percent(unit) and float(value) == 100 and op in (">=", "="):
        return f"100{_after(unit)}"
    return f"{OP_SIGNS.get(op, op)} {format_figure(value)}{_after(unit)}"  # as the document writes it


def fraction_for_percent(value: float | int, unit: str | None) -> str | None:
    """The doubt to raise when a percent indicator gets 0 < x <= 1 (0,924 where 92,4 % was
    meant, the most common slip in a spreadsheet), or None."""
    if not is_percent(unit) or not 0 < value <= 1:
        return None
    return (f"số liệu {format_number(value, 6)} % — có phải {format_number(percent_from_fraction(value), 6)} %? "
            "Chỉ tiêu tính bằng %, hãy ghi số phần trăm (92,4), không ghi tỷ lệ (0,924)")


def _is_share(name: str) -> bool:
    """An indicator that is a part of a whole ("Tỷ lệ hồ sơ đúng hạn"), never above 100 %."""
    words = name.strip().casefold()
    return words.startswith(("tỷ lệ", "tỉ lệ", "ty le", "ti le"))


SCALE_ABOVE = 100  # a figure this many times its goal, or more, is doubted: a unit or a digit slipped
SCALE_BELOW = 1000  # and one this many times smaller than a floor it must reach


def figure_doubts(value: float | int, unit: str | None, name: str, op: str | None = None,
                  goal: float | int | None = None) -> list[tuple[str, str]]:
    """(code, message) for each reason to doubt a reported figure: a fraction where a percent was
    meant, a share above 100 %, a figure off its goal by orders of magnitude (scale_doubt). A
    doubted figure is written only when the office confirms it. A percent below 1 is expected,
    not doubted, where the goal is a ceiling ("dưới 1 %", "≤ 5 %") or itself at most 1 %: a
    poverty rate of 0,8 % is a figure, not a slip."""
    doubts = []
    small_expected = op in ("<", "<=") or (goal is not None and goal <= 1)
    if not small_expected and (fraction := fraction_for_percent(value, unit)) is not None:
        doubts.append(("percent-as-fraction", fraction))
    if is_percent(unit) and value > 100 and _is_share(name):
        doubts.append(("share-over-100", f"số liệu {format_number(value, 6)} % cho «{name}»: một tỷ lệ không vượt 100 %"))
    if not doubts and (scale := scale_doubt(value, unit, name, op, goal)) is not None:
        doubts.append(("far-from-goal", scale))
    return doubts


def scale_doubt(value: float | int, unit: str | None, name: str, op: str | None, goal: float | int | None) -> str | None:
    """Why a figure is likely in the wrong unit or has digits too many or too few: a hundred
    times its goal or more (12.000.000 "tỷ đồng" for a goal of 12.000: millions typed for
    billions), or, where the goal is a floor to reach, a thousandth of it or less (9 "doanh
    nghiệp" for ≥ 10.000: thousands typed as units). Judged on it, such a figure makes a verdict
    nobody sees is wrong. A figure far below a ceiling is what the ceiling asks; zero, a
    negative figure or goal, and a goal of zero say nothing of a scale."""
    if op is None or goal is None or goal <= 0 or value <= 0:
        return None
    if value >= SCALE_ABOVE * goal:
        return (f"số liệu {format_figure(value)}{_after(unit)} cho «{name}» gấp {_times(value / goal)} lần "
                f"mục tiêu ({goal_text(op, goal, unit)}), có thể nhầm đơn vị hoặc thừa chữ số")
    if op in (">=", ">", "=") and value * SCALE_BELOW <= goal:
        share = f"chỉ bằng 1/{_times(goal / value)}" if goal / value < 1_000_000 else "chưa bằng một phần triệu"
        return (f"số liệu {format_figure(value)}{_after(unit)} cho «{name}» {share} "
                f"mục tiêu ({goal_text(op, goal, unit)}), có thể nhầm đơn vị hoặc thiếu chữ số")
    return None


def _times(ratio: float) -> str:
    """How many times, as a person says it: "150", "1.000"; past a million, "hơn 1.000.000"
    (a ratio of two figures can be too large for any integer: 1e308 over 0,000001)."""
    return format_number(round(ratio)) if ratio < 1_000_000 else "hơn 1.000.000"


def _after(unit: str | None) -> str:
    return f" {unit}" if unit else ""


DOUBT_CODES = ("percent-as-fraction", "share-over-100", "far-from-goal", "cumulative-falls")  # the last: state.value_doubts


def percent_for_unit(given: str, unit: str | None) -> str | None:
    """Why a figure given as a percent ("45%" typed, or a cell formatted as % shown so) cannot be
    one for an indicator counted in something else; None when it is not given as a percent or
    the indicator is in %: the sign said which figure was meant, and dropping it would record 45
    businesses for 45 %."""
    shown = given.strip()
    if is_percent(unit) or not shown.endswith("%"):
        return None
    counted = f"tính bằng {unit}" if unit else "không tính bằng %"
    return (f"'{shown}' ghi theo %, nhưng chỉ tiêu này {counted}: ghi số liệu theo đơn vị của chỉ tiêu, không kèm %; "
            "nếu số liệu là của một chỉ tiêu khác, ghi vào đúng chỉ tiêu đó")


def parse_option(text: str | None, option: str) -> float | int | None:
    """A number typed on the command line, refused naming its option."""
    if text is None:
        return None
    try:
        return parse_number(text)
    except NumberError as exc:
        raise NumberError(f"{option}: {exc}") from None
