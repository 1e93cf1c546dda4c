"""The register holds every task and target of 131/CTr-UBND, verbatim (re-read from the source)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from qnctr.checks import validate

from .support import PROGRAMME_131, SOURCE


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\xa0", " ")).strip()


def source_lines() -> list[str]:
    return [fold(line) for line in SOURCE.read_text(encoding="utf-8").splitlines() if fold(line)]


def section_three() -> dict[str, str]:
    """Bullets of section III by id, numbered the way the design says."""
    lines = source_lines()
    start = lines.index("III. NHIỆM VỤ, GIẢI PHÁP") + 1
    end = lines.index("IV. KINH PHÍ THỰC HIỆN")
    tasks: dict[str, str] = {}
    group = letter = ""
    head = ""
    paras: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if not letter:
            return
        texts = bullets or ([" ".join(paras)] if paras else [head])
        for n, text in enumerate(texts, 1):
            tasks[f"{group}.{letter}.{n}"] = text

    for line in lines[start:end]:
        if m := re.match(r"^([1-8])\. ", line):
            flush()
            group, letter = m.group(1), ""
        elif m := re.match(r"^([a-zđ])\) (.*)$", line):
            flush()
            letter, head, paras, bullets = m.group(1), m.group(2), [], []
        elif line.startswith("- "):
            bullets.append(line[2:])
        else:
            paras.append(line)
    flush()
    return tasks


def appendix_rows() -> dict[str, str]:
    lines = source_lines()
    start = lines.index("Ghi chú") + 1
    rows: dict[str, str] = {}
    phase = ""
    for i in range(start, len(lines)):
        line = lines[i]
        if line == "HIỆU LỰC VĂN BẢN":
            break
        if line in ("I", "II"):
            phase = {"I": "2025", "II": "2030"}[line]
        elif re.fullmatch(r"\d+", line) and phase and lines[i + 1] not in ("I", "II"):
            rows[f"{phase}.{line}"] = re.sub(r"^- ", "", lines[i + 1])
    return rows


@pytest.fixture(scope="module")
def register():  # type: ignore[no-untyped-def]
    reg, diagnostics = validate(PROGRAMME_131, date(2026, 11, 24))
    assert not [d for d in diagnostics if d.severity == "error"]
    return reg


def test_section_three_has_95_bullets_and_register_holds_each_verbatim(register) -> None:  # type: ignore[no-untyped-def]
    expected = section_three()
    assert len(expected) == 95
    for task_id, text in expected.items():
        assert task_id in register.tasks, task_id
        assert register.tasks[task_id].text == text, task_id
    section_iii = {t for t in register.tasks if not t.startswith("V.")}
    assert section_iii == set(expected)


def test_appendix_has_24_rows_and_register_holds_each_verbatim(register) -> None:  # type: ignore[no-untyped-def]
    expected = appendix_rows()
    assert len(expected) == 24
    assert set(register.targets) == set(expected)
    for target_id, text in expected.items():
        assert register.targets[target_id].text == text, target_id


def test_group_titles_come_from_the_source(register) -> None:  # type: ignore[no-untyped-def]
    lines = source_lines()
    titles = {g.id: g.title for g in register.groups}
    for n in range(1, 9):
        heading = next(line for line in lines if line.startswith(f"{n}. Nhóm nhiệm vụ"))
        assert titles[str(n)] == heading[3:]


def test_section_five_duties_and_the_plan_deadline(register) -> None:  # type: ignore[no-untyped-def]
    duties = {t for t in register.tasks if t.startswith("V.")}
    assert duties == {"V.1", "V.2.a", "V.2.b", "V.2.c", "V.2.d", "V.2.đ", "V.3", "V.4", "V.5", "V.6", "V.7"}
    # "hoàn thành trước ngày 15/7/2021": the last day is the 14th.
    assert register.tasks["V.2.b"].due.deadline == date(2021, 7, 14)
    assert "15/7/2021" in register.tasks["V.2.b"].text


def test_appendix_assignments_as_written(register) -> None:  # type: ignore[no-untyped-def]
    targets = register.targets
    assert targets["2025.15"].lead == []
    assert targets["2025.2"].lead == ["so-noi-vu"]
    assert targets["2025.3"].lead == ["cuc-thong-ke-tinh"]
    assert set(targets["2025.16"].lead) == {
        "ban-xuc-tien-ho-tro-dau-tu", "so-ke-hoach-va-dau-tu", "ban-quan-ly-kkt-quang-ninh", "ban-quan-ly-kkt-van-don"}
    assert targets["2025.6"].due.kind == "range" and targets["2025.6"].due.last_year == 2022
    assert targets["2025.1"].due.kind == "annual"
    assert targets["2030.1"].due.first_year == 2025 and targets["2030.1"].due.last_year == 2030


def test_quantified_goals_have_indicators(register) -> None:  # type: ignore[no-untyped-def]
    def ind(ref: str):  # type: ignore[no-untyped-def]
        target_id, letter = ref.rsplit(".", 1)
        return next(i for i in register.targets[target_id].indicators if i.id == letter)

    assert (ind("2025.10.a").op, ind("2025.10.a").value, ind("2025.10.a").unit) == (">=", 90, "%")
    assert (ind("2025.10.b").op, ind("2025.10.b").value) == (">=", 70)
    assert (ind("2025.15.a").measure, ind("2025.15.a").op, ind("2025.15.a").value) == ("cumulative", ">=", 10000)
    assert (ind("2025.3.a").measure, ind("2025.3.a").op, ind("2025.3.a").value) == ("average-growth", ">", 10)
    assert ind("2025.1.a").measure == "qualitative"


def test_every_agency_spelling_in_the_appendix_resolves(register) -> None:  # type: ignore[no-untyped-def]
    from qnctr.agencies import Directory

    directory = Directory(register.agencies)
    lines = source_lines()
    for spelling in ("UBND cấp huyện", "UBND các địa phương cấp huyện", "Trung tâm phục vụ hành chính công",
                     "UBND các huyện, thị xã thành phố", "Cục Thống kê tỉnh", "Sở Lao động - Thương binh và Xã hội"):
        assert any(spelling in line for line in lines), spelling
        directory.find(spelling)
    district = register.agencies["ubnd-cap-huyen"]
    assert len(district.members) == 13
