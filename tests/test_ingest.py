"""`qnctr ingest`: small documents of each layout and form, each deadline phrase, hostile files."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from qnctr.ingest import names, phrases
from qnctr.ingest.source import DocumentError, read
from qnctr.model import Agency

from .support import put_in_force, run_cli


@pytest.mark.parametrize(("phrase", "value"), [
    ("trước ngày 30/6/2022", "2022-06-29"),
    ("tháng 9/2026", "2026-09-30"),
    ("Quý II/2022", "2022-06-30"),
    ("Quí IV-2025", "2025-12-31"),
    ("6 tháng đầu năm 2023", "2023-06-30"),
    ("năm 2023", 2023),
    ("Hoàn thành trong năm 2025.", 2025),
    ("2026-2030", {"from": 2026, "to": 2030}),
    ("Giai đoạn 2021 - 2025", {"from": 2021, "to": 2025}),
    ("hằng năm", "annual"),
    ("Hàng năm", "annual"),
    ("thường xuyên", "ongoing"),
    ("Thực hiện thường xuyên.", "ongoing"),
    ("Quý III, IV/2026", "2026-12-31"),
    # a span ends at its last period: read by its first, "Quý IV/2026 - Quý I/2027" was due 31/12/2026
    ("Quý IV/2026 - Quý I/2027", "2027-03-31"),
    ("Tháng 12/2026 - tháng 3/2027", "2027-03-31"),
    ("Hoàn thành trước 31/12/2025", "2025-12-30"),
    ("Đến hết năm 2027", 2027),
    ("theo tiến độ của dự án", None),
    ("Năm 2025 và các năm tiếp theo", None),
    # a range of days ends at its last ("Từ 01/01/2026 đến 30/6/2026" was due on its first day)
    ("Từ 01/01/2026 đến 30/6/2026", "2026-06-30"),
    ("Trước ngày 30/6/2026 (đợt 1) và trước ngày 31/12/2026 (đợt 2)", "2026-12-30"),
    # before a month or a quarter is before it begins (read as its end, three months late)
    ("Hoàn thành trước tháng 6/2026", "2026-05-31"),
    ("Trước Quý III/2026", "2026-06-30"),
    ("Trước Quý I/2027", "2026-12-31"),
    ("Tháng 10-12/2026", "2026-12-31"),
])
def test_each_deadline_phrase_means_its_last_day_or_its_kind(phrase: str, value: object) -> None:
    assert phrases.deadline(phrase, 2021).value == value


def test_a_day_within_each_year_is_annual_and_asks_for_review() -> None:
    """The register's annual item is due by 31/12: "trước ngày 31/3 hằng năm" was a single day in the
    document's year, unmarked; it is annual now, with what the register cannot say left to a person."""
    read = phrases.deadline("Trước ngày 31/3 hằng năm", 2025)
    assert read.value == "annual" and read.doubt is not None and "31/12" in read.doubt
    assert phrases.deadline("Quý IV hằng năm", 2025).doubt is None


@pytest.mark.parametrize(("phrase", "value"), [
    # when the work begins is no deadline: "Từ Quý II/2026" was due on 30/06/2026, unmarked
    ("Từ Quý II/2026", "ongoing"),
    ("Từ năm 2026", "ongoing"),
    # a first deadline and work that goes on after it: the first is kept, and a person asked
    ("Quý II/2026 và các năm tiếp theo", "2026-06-30"),
    ("Trước 31/12/2026; các năm tiếp theo thực hiện thường xuyên", "2026-12-30"),
])
def test_a_deadline_that_says_less_than_its_phrase_asks_for_review(phrase: str, value: str) -> None:
    read = phrases.deadline(phrase, 2026)
    assert (read.value, read.doubt is not None) == (value, True)
    assert phrases.deadline("Từ 01/01/2026 đến 30/6/2026", 2026).doubt is None


def test_a_date_without_its_year_takes_the_documents() -> None:
    assert phrases.deadline("hoàn thành trước ngày 15/7", 2021).value == "2021-07-14"


@pytest.mark.parametrize(("sentence", "due_day", "kinds"), [
    ("Định kỳ 6 tháng và một năm (trước ngày 20 của tháng cuối kỳ báo cáo) và theo yêu cầu, báo cáo", 19,
     ["half-year", "year"]),
    ("báo cáo kết quả thực hiện thông qua Sở A trước ngày 15 hằng tháng.", 14, ["month"]),
    ("định kỳ hằng quý, trước ngày 10 của tháng cuối quý báo cáo", 9, ["quarter"]),
    ("báo cáo hằng tháng trong tháng, trước ngày 25", 24, ["month"]),
    # a kind of report named by its period (read as no calendar: half-year and year assumed)
    ("Trước ngày 25 tháng cuối quý, các đơn vị gửi báo cáo quý về Văn phòng UBND tỉnh.", 24, ["quarter"]),
    ("Các đơn vị gửi báo cáo tháng về Sở A trước ngày 20.", 19, ["month"]),
])
def test_the_reporting_sentence_sets_the_calendar(sentence: str, due_day: int, kinds: list[str]) -> None:
    calendar = phrases.reporting_calendar(sentence)
    assert calendar is not None and calendar.due_day == due_day
    assert [p["kind"] for p in calendar.periods] == kinds
    from qnctr.model import Reporting, validate

    validate(Reporting, {"source": "IV", "text": sentence, "due_day": calendar.due_day,
                         "periods": calendar.periods})  # the register accepts what was read


def test_one_report_of_a_named_quarter_or_month_is_no_calendar() -> None:
    assert phrases.reporting_calendar("Gửi báo cáo quý I/2026 về Sở A trước ngày 20/3/2026.") is None
    assert phrases.reporting_calendar("Gửi báo cáo tháng 12/2026 về Sở A trước ngày 15/12/2026.") is None


def test_reporting_on_fixed_days_each_year() -> None:
    calendar = phrases.reporting_calendar("định kỳ trước ngày 01/6 và 15/11 hằng năm báo cáo kết quả")
    assert calendar is not None and calendar.periods == [{"kind": "dates", "dates": ["05-31", "11-14"]}]
    once_a_year = phrases.reporting_calendar("báo cáo định kỳ hằng năm trước ngày 15/12")
    assert once_a_year is not None and once_a_year.periods == [{"kind": "dates", "dates": ["12-14"]}]
    assert phrases.reporting_calendar("gửi báo cáo trước ngày 15/7/2021 về Sở A") is None  # a one-off date
    # each period with its own day: read as its first, the year's report was never asked for
    both = phrases.reporting_calendar("báo cáo kết quả 6 tháng (trước ngày 10/6) và năm (trước ngày 10/12) về Sở A")
    assert both is not None and both.periods == [{"kind": "dates", "dates": ["06-09", "12-09"]}]


def test_goal_values_with_comparison_and_unit() -> None:
    assert phrases.goal("Có ≥ 30% doanh nghiệp") == phrases.Goal(">=", 30, "%")
    assert phrases.goal("tăng bình quân trên 10%.") == phrases.Goal(">", 10, "%", "tăng", "average-growth")
    assert phrases.goal("thu hút đạt 5 tỷ USD") == phrases.Goal(">=", 5, "tỷ USD")
    assert phrases.goal("có 10.000 doanh nghiệp") == phrases.Goal(None, 10000, "doanh nghiệp")
    assert phrases.goal("Chỉ số PCI trong nhóm 10 tỉnh dẫn đầu cả nước") == phrases.Goal("<=", 10, "thứ hạng")


@pytest.mark.parametrize(("text", "op", "value", "unit"), [
    # "không dưới 95%" is at least 95 %: read by its last word it was "< 95 %", and a 96 % judged
    # against it "Không đạt" in a signed report
    ("Tỷ lệ hồ sơ đúng hạn không dưới 95%", ">=", 95, "%"),
    ("thời gian giải quyết không trên 5 ngày", "<=", 5, "ngày"),
    ("tỷ lệ nợ xấu từ 3% trở xuống", "<=", 3, "%"),
    ("đạt trên 90% trở lên", ">", 90, "%"),
    # the year before the figure took the comparison with it ("năm 2026 đạt" read as a unit)
    ("Chỉ số PCI năm 2026 đạt từ 66 điểm trở lên.", ">=", 66, "điểm"),
    ("tăng từ 2 - 4 bậc so với năm 2025", ">=", 2, "bậc"),
    # "from … down to …": the goal is where it goes, not where it starts (read "≥ 5 %", a poverty
    # rate that fell to 2 % would have been "Không đạt")
    ("Giảm tỷ lệ hộ nghèo từ 5% xuống còn dưới 3%", "<", 3, "%"),
    ("giảm thời gian từ 20 ngày xuống 15 ngày", "<=", 15, "ngày"),
    ("tăng tỷ lệ từ 60% lên 80%", ">=", 80, "%"),
    # where the figure is to go, said without a comparison: "giảm xuống 2%" was "≥ 2 %" (assumed)
    ("giảm tỷ lệ nợ đọng xuống 2%", "<=", 2, "%"),
    ("rút ngắn thời gian còn 2 ngày", "<=", 2, "ngày"),
    # a place in a ranking is better as it is smaller: "top 30" was "≥ 30 cả nước"
    ("PCI nằm trong top 30 cả nước", "<=", 30, "thứ hạng"),
    ("PAPI xếp thứ 15 trở lên", "<=", 15, "thứ hạng"),
])
def test_goal_comparisons_read_whole_never_by_their_last_word(text: str, op: str, value: int, unit: str) -> None:
    read = phrases.goal(text)
    assert read is not None and (read.op, read.value, read.unit) == (op, value, unit)


@pytest.mark.parametrize(("text", "goal"), [
    # a day before the figure was the figure: "Đến 30/6/2026, 90% hồ sơ" read ">= 30 /6/2026"
    ("Đến 30/6/2026, 90% hồ sơ được số hóa", (None, 90, "%", None, None)),
    ("Đến ngày 31/12/2026 đạt 95%", (">=", 95, "%", None, None)),
    ("trong 06 tháng, 80% hồ sơ", (None, 80, "%", None, None)),
    # a fraction is a share: "rút ngắn 1/2 thời gian" was 1 of the unit "/2 thời"
    ("rút ngắn 1/2 thời gian giải quyết", (None, 50, "%", "giảm", None)),
    ("đạt 4/5 tiêu chí", (">=", 80, "%", None, None)),
    # a change is not a level to reach, and the words say how it is measured
    ("Giảm 10% chi phí không chính thức so với năm 2025", (None, 10, "%", "giảm", None)),
    ("Tổng vốn đầu tư toàn xã hội tăng bình quân trên 10%.", (">", 10, "%", "tăng", "average-growth")),
    ("tăng trưởng 10%/năm", (None, 10, "%", "tăng", "average-growth")),
    ("Mỗi năm tăng 2 bậc", (None, 2, "bậc", "tăng", "each-year")),
    ("giảm còn 5%", ("<=", 5, "%", None, None)),
    ("tăng từ 60% lên 80%", (">=", 80, "%", None, None)),
    ("Phấn đấu trong 05 năm tới có ít nhất 10.000 doanh nghiệp thành lập mới",
     (">=", 10000, "doanh nghiệp", None, "cumulative")),
    ("Tỷ lệ hài lòng luôn đạt tỷ lệ trên 99%", (">", 99, "%", None, "each-year")),
])
def test_a_goal_says_whether_it_is_a_change_and_how_it_is_measured(text: str, goal: tuple[Any, ...]) -> None:
    read = phrases.goal(text)
    assert read is not None and (read.op, read.value, read.unit, read.change, read.measure) == goal


def test_a_decimal_point_is_never_read_as_a_share() -> None:
    """"1.5 lần" is one and a half (written the English way), not 1/5: read as a share it was "20 %"."""
    read = phrases.goal("Quy mô kinh tế tăng 1.5 lần")
    assert read is not None and read.unit != "%"


def test_abbreviations_resolve_exactly_and_never_to_a_neighbour() -> None:
    from datetime import date

    science = Agency(id="khcn", name="Sở Khoa học và Công nghệ", kind="department")  # type: ignore[arg-type]
    planning = Agency(id="khdt", name="Sở Kế hoạch và Đầu tư", kind="department")  # type: ignore[arg-type]
    resolver = names.Resolver({"khcn": science, "khdt": planning}, date(2025, 1, 1))
    assert resolver.resolve("Sở KH&CN").agency_id == "khcn"
    assert resolver.resolve("Sở KH&ĐT").agency_id == "khdt"
    assert resolver.resolve("sở khoa học và công nghệ").agency_id == "khcn"
    assert resolver.resolve("Sở KH&MT").agency_id is None


@pytest.mark.parametrize(("written", "name"), [
    ("Sở DT&TG", "Sở Dân tộc và Tôn giáo"), ("Sở NN và MT", "Sở Nông nghiệp và Môi trường"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"), ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
])
def test_shortenings_offices_write_resolve_to_the_body(written: str, name: str) -> None:
    # each was added to the directory as a new agency beside the one it names
    from datetime import date

    resolver = names.Resolver({"x": Agency(id="x", name=name, kind="department")},  # type: ignore[arg-type]
                              date(2026, 1, 1))
    assert resolver.resolve(written).agency_id == "x"
    assert names.split_names(f"{written}; Sở Tài chính") == [written, "Sở Tài chính"]


def test_a_name_of_a_merged_body_resolves_to_its_successor_with_a_note() -> None:
    from datetime import date

    old = Agency(id="old", name="Sở Cũ", kind="department", succeeded_by="new", since=date(2025, 3, 1))  # type: ignore[arg-type]
    new = Agency(id="new", name="Sở Mới", kind="department")  # type: ignore[arg-type]
    resolution = names.Resolver({"old": old, "new": new}, date(2025, 11, 1)).resolve("Sở Cũ")
    assert resolution.agency_id == "new" and "Sở Mới" in resolution.note
    assert names.Resolver({"old": old, "new": new}, date(2024, 1, 1)).resolve("Sở Cũ").agency_id == "old"


def test_lists_of_bodies_split_where_a_new_name_begins() -> None:
    assert names.split_names("Các sở, ban, ngành tỉnh; UBND các xã, phường") == \
        ["Các sở, ban, ngành tỉnh", "UBND các xã, phường"]
    assert names.split_names("Ban Quản lý Khu kinh tế, Sở Công Thương, các doanh nghiệp viễn thông") == \
        ["Ban Quản lý Khu kinh tế", "Sở Công Thương", "các doanh nghiệp viễn thông"]
    assert names.split_names("Sở Văn hóa, Thể thao và Du lịch") == ["Sở Văn hóa, Thể thao và Du lịch"]


WEBSITE = """|
**ỦY BAN NHÂN DÂN
TỈNH THỬ NGHIỆM**
--------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
|
|
Số: 12/KH-UBND
|
*Thử Nghiệm, ngày 05 tháng 3 năm 2026*
|


**KẾ HOẠCH**

THỬ ĐỌC MỘT KẾ HOẠCH

**I. MỤC ĐÍCH**

Để thử.

**II. TỔ CHỨC THỰC HIỆN**

Các sở, ngành định kỳ 6 tháng và một năm (trước ngày 20 của tháng cuối kỳ) báo cáo về Sở Alpha để
tổng hợp.

|
**TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH**

Nguyễn Văn Thử
|


**PHỤ LỤC**

DANH MỤC NHIỆM VỤ

|
**STT**
|
**Nội dung nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian hoàn thành**
|
|
**I. NHÓM MỘT**
|
|
1
|
Xây dựng kế hoạch
thử nghiệm.
|
Sở Alpha
|
Sở Beta; UBND các xã, phường
|
Quý II/2026
|
|
2
|
Tổ chức tập huấn.
|
Sở Gamma
|
Sở Alpha
|
theo tiến độ của dự án
|
|
"""


def _plan(tmp_path: Path, number: int, *paragraphs: str) -> tuple[str, dict[str, Any]]:
    """A plan in text of `paragraphs` under a header with its number, read into a new register:
    what ingest printed, and the tasks.yaml it wrote."""
    head = [f"Số: {number}/KH-UBND", "Thử, ngày 01 tháng 2 năm 2026", "KẾ HOẠCH", "VỀ VIỆC THỬ"]
    code, out, register = _ingest(tmp_path, "plan.txt", "\n\n".join([*head, *paragraphs]))
    assert code == 0, out
    return out, yaml.safe_load((register / f"programmes/{number}-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))


def _ingest(tmp_path: Path, name: str, text: str | bytes, *extra: str) -> tuple[int, str, Path]:
    source = tmp_path / name
    source.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    register = tmp_path / "reg"
    result = run_cli("ingest", str(source), "--data", str(register), *extra)
    return result.code, result.out + result.err, register


def test_a_website_plan_with_an_appendix_table_becomes_a_draft_that_validates(tmp_path: Path) -> None:
    code, out, register = _ingest(tmp_path, "plan.txt", WEBSITE)
    assert code == 0, out
    tasks = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    programme = tasks["programme"]
    assert programme["id"] == "12/KH-UBND" and str(programme["issued"]) == "2026-03-05"
    assert programme["status"] == "draft" and programme["signer"] == "Nguyễn Văn Thử"
    assert programme["reporting"]["due_day"] == 19
    group = tasks["groups"][0]
    assert group["title"] == "NHÓM MỘT"
    first, second = group["tasks"]
    assert first["text"] == "Xây dựng kế hoạch thử nghiệm." and str(first["due"]) == "2026-06-30"
    assert first["due_text"] == "Quý II/2026" and first["source"] == "Phụ lục, STT 1"
    agencies = {a["id"]: a for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert agencies[first["lead"][0]]["name"] == "Sở Alpha"
    assert [agencies[a]["name"] for a in first["support"]] == ["Sở Beta", "UBND các xã, phường"]
    assert agencies[programme["focal_agency"]]["name"] == "Sở Alpha"
    assert second["due"] == "ongoing"
    assert "ingest-deadline" in out and "theo tiến độ của dự án" in out
    text = (register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8")
    assert "# KIỂM TRA: không đọc được thời hạn" in text
    assert run_cli("validate", "--data", str(register)).code == 0


def test_a_website_cell_wrapped_inside_a_name_is_one_body(tmp_path: Path) -> None:
    # Website text wraps a cell's text where its source wrapped it, inside a name as anywhere
    # ("**1. Sở Khoa học và Công" over "nghệ**" in the samples): a lead cell wrapped after
    # "Văn phòng" is one body, not "Văn phòng" and "UBND tỉnh" (both lines begin like a name).
    text = WEBSITE.replace("|\nSở Alpha\n|\nSở Beta; UBND", "|\nVăn phòng\nUBND tỉnh\n|\nSở Beta; UBND")
    assert text != WEBSITE
    code, out, register = _ingest(tmp_path, "plan.txt", text)
    assert code == 0, out
    first = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))[
        "groups"][0]["tasks"][0]
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert [agencies[a] for a in first["lead"]] == ["Văn phòng UBND tỉnh"]


def test_reading_again_shows_differences_and_writes_only_when_asked(tmp_path: Path) -> None:
    code, _, register = _ingest(tmp_path, "plan.txt", WEBSITE)
    assert code == 0
    tasks = register / "programmes/12-kh-ubnd/tasks.yaml"
    corrected = tasks.read_text(encoding="utf-8").replace("Tổ chức tập huấn.", "Tổ chức tập huấn (đã sửa).")
    corrected = corrected.replace("status: draft", "status: in_force")  # checked, and in force
    tasks.write_text(corrected, encoding="utf-8")
    code, out, _ = _ingest(tmp_path, "plan.txt", WEBSITE)
    assert code == 1 and "đã sửa" in out and "--replace" in out
    assert tasks.read_text(encoding="utf-8") == corrected
    code, out, _ = _ingest(tmp_path, "plan.txt", WEBSITE, "--replace")
    assert code == 0 and "đã sửa" not in tasks.read_text(encoding="utf-8")
    # What the overwrite changed is said, the step back to a draft above all.
    assert "Đã ghi đè chương trình đã có; khác biệt so với bản trước:" in out
    assert any(line.startswith("-") and "Tổ chức tập huấn (đã sửa)." in line for line in out.splitlines())
    assert "12/KH-UBND trở lại bản nháp (status: draft; trước đó: in_force)" in out
    code, out, _ = _ingest(tmp_path, "plan.txt", WEBSITE, "--replace")
    assert code == 0 and "trở lại bản nháp" not in out  # a draft written over stays what it was


def test_prose_with_agency_headings_and_items_with_their_own_fields(tmp_path: Path) -> None:
    _, tasks = _plan(
        tmp_path, 7,
        "Thực hiện Chỉ thị số 5/CT-TTg ngày 01/01/2026 của Thủ tướng Chính phủ “về việc thử”, UBND tỉnh ban "
        "hành Kế hoạch như sau:",
        "I. NHIỆM VỤ",
        "1. Về dữ liệu",
        "1.1. Làm sạch dữ liệu",
        "a) Nhiệm vụ: Rà soát, chuẩn hóa dữ liệu.",
        "b) Cơ quan thực hiện:",
        "- Đơn vị chủ trì: Sở Alpha.",
        "- Đơn vị phối hợp: Sở Beta.",
        "c) Thời gian thực hiện: Hoàn thành trong năm 2026.",
        "II. TỔ CHỨC THỰC HIỆN",
        "Các sở báo cáo kết quả thực hiện về Sở Alpha trước ngày 15 hằng tháng.")
    register = tmp_path / "reg"
    assert tasks["programme"]["implements"] == "Chỉ thị số 5/CT-TTg ngày 01/01/2026 của Thủ tướng Chính phủ"
    found = {t["id"]: t for g in tasks["groups"] for t in g["tasks"]}
    assert found["1.1"]["text"] == "Rà soát, chuẩn hóa dữ liệu." and found["1.1"]["due"] == 2026
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert [agencies[a] for a in found["1.1"]["lead"]] == ["Sở Alpha"]
    assert [agencies[a] for a in found["1.1"]["support"]] == ["Sở Beta"]
    assert run_cli("validate", "--data", str(register)).code == 0


def test_word_numbering_is_read_from_the_numbering_definitions(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Số: 9/KH-UBND")
    document.add_paragraph("Thử, ngày 01 tháng 2 năm 2026")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("I. PHÂN CÔNG NHIỆM VỤ")
    document.add_paragraph("Sở Alpha", style="List Number")
    document.add_paragraph("Sở Beta", style="List Number")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    labels = [(b.label, b.text) for b in read(path).blocks if getattr(b, "label", "")]
    assert labels == [("1.", "Sở Alpha"), ("2.", "Sở Beta")]


def _zip_with(parts: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _word_plan(number: int, *paragraphs: str) -> Any:
    """A Word plan numbered `number`/KH-UBND: its header, then `paragraphs`."""
    import docx

    document = docx.Document()
    for text in (f"Số: {number}/KH-UBND", "Thử, ngày 01 tháng 2 năm 2026", "KẾ HOẠCH", "VỀ VIỆC THỬ", *paragraphs):
        document.add_paragraph(text)
    return document


def _word_table(document: Any, rows: list[list[str]], grid: bool = False) -> Any:
    """A table of `rows` added to `document` (with its borders drawn when `grid`)."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    if grid:
        table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for i, text in enumerate(cells):
            row.cells[i].text = text
    return table


def _ingest_word(tmp_path: Path, document: Any) -> tuple[str, Path]:
    """`document` saved as plan.docx and read into a new register: what ingest said, the register."""
    path = tmp_path / "plan.docx"
    document.save(str(path))
    register = tmp_path / "reg"
    result = run_cli("ingest", str(path), "--data", str(register))
    assert result.code == 0, result.out + result.err
    return result.out + result.err, register


def _docx_with(part: bytes) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", part)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "says"), [
    ("empty.txt", b"", "tệp rỗng"),
    ("picture.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "ảnh"),
    ("archive.docx", b"PK\x03\x04" + b"\x00" * 50, "hỏng"),
    ("laughs.docx", _docx_with(b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                               b'<!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'), "ENTITY"),
    ("latin.txt", "Kế hoạch: xin chào".encode().replace(b"\xe1", b"\xff"), "UTF-8"),
    ("binary.txt", b"\x00\x01\x02" * 100, "nhị phân"),
    ("broken.pdf", b"%PDF-1.4\n garbage", "PDF"),
    # Word's other forms: each named, never "no task found" (RTF read as text) or "an archive"
    ("plan.rtf", b"{\\rtf1\\ansi K\\'e1 ho\\'e1ch}", "RTF"),
    ("plan.odt", _zip_with({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
     "OpenDocument"),
])
def test_what_is_not_a_document_is_refused_and_nothing_written(tmp_path: Path, name: str, content: bytes,
                                                              says: str) -> None:
    code, out, register = _ingest(tmp_path, name, content)
    assert code in (1, 2) and says in out and "Traceback" not in out
    assert not register.exists()


def test_a_workbook_is_named_as_one(tmp_path: Path) -> None:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "book.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(DocumentError, match="Excel"):
        read(path)


def test_a_document_without_tasks_and_a_folder_that_is_no_register(tmp_path: Path) -> None:
    code, out, register = _ingest(tmp_path, "letter.txt", "Số: 3/CV-UBND\n\nKính gửi các sở.\n\nXin cảm ơn.")
    assert code in (1, 2) and "không tìm thấy nhiệm vụ" in out and not register.exists()
    other = tmp_path / "photos"
    other.mkdir()
    (other / "a.jpg").write_bytes(b"x")
    source = tmp_path / "plan.txt"
    source.write_text(WEBSITE, encoding="utf-8")
    result = run_cli("ingest", str(source), "--data", str(other))
    assert result.code in (1, 2) and "không phải sổ đăng ký" in result.out + result.err
    assert sorted(p.name for p in other.iterdir()) == ["a.jpg"]


def test_a_joint_office_stays_one_name() -> None:
    assert names.split_names("Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng, Văn phòng Đoàn đại biểu Quốc hội và "
                             "HĐND tỉnh") == ["Văn phòng Tỉnh ủy", "các Ban Xây dựng Đảng",
                                              "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh"]


def test_a_period_the_text_speaks_of_is_proposed_as_the_deadline_for_review(tmp_path: Path) -> None:
    out, tasks = _plan(
        tmp_path, 8,
        "I. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nhóm thứ nhất",
        "a) Sở Alpha:",
        "- Triển khai Đề án thí điểm giai đoạn 2020 - 2025 cho các xã giai đoạn 2026 - 2030.",
        "- Tổ chức tập huấn hằng quý.")
    first, second = tasks["groups"][0]["tasks"]
    assert first["due"] == {"from": 2026, "to": 2030} and first["due_text"] == "giai đoạn 2026 - 2030"
    assert second["due"] == "ongoing"
    assert "thời hạn suy từ 'giai đoạn 2026 - 2030'" in out and "ingest-no-deadline" in out


def _inflating_pdf(path: Path, size: int) -> None:
    """A one-page PDF whose content stream inflates to `size` bytes (a compression bomb)."""
    import zlib

    data = zlib.compress(b"0" * size, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    path.write_bytes(out)


def test_a_pdf_bomb_stops_at_the_memory_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qnctr.ingest import source

    monkeypatch.setattr(source, "PDF_MEMORY", 400 * 1024**2)
    bomb = tmp_path / "bomb.pdf"
    _inflating_pdf(bomb, 600 * 1024**2)
    result = run_cli("ingest", str(bomb), "--data", str(tmp_path / "reg"))
    assert result.code in (1, 2) and "bộ nhớ" in result.out + result.err
    assert not (tmp_path / "reg").exists()


def test_a_pdf_without_text_needs_ocr(tmp_path: Path) -> None:
    blank = tmp_path / "scan.pdf"
    _inflating_pdf(blank, 10)
    with pytest.raises(DocumentError, match="OCR"):
        read(blank)


def _line(text: str, x: float, y: float) -> list[object]:
    from qnctr.ingest.pdf import Glyph

    return [Glyph(c, x + 6 * i, x + 6 * i + 5, y, y + 10, 12) for i, c in enumerate(text)]


def test_a_pdf_line_wrapped_at_a_dash_is_not_a_new_bullet() -> None:
    from qnctr.ingest.blocks import Para
    from qnctr.ingest.pdf import page_blocks

    glyphs = [*_line("- Nang cao chat luong phat trien kinh te", 100, 700),
              *_line("- xa hoi dia phuong.", 72, 686),
              *_line("- Mot y khac.", 100, 672),
              *_line("Van ban nay co hieu luc tu ngay ky den het", 72, 658)]
    blocks: list[object] = []
    page_blocks(blocks, glyphs, [], 1, 600)  # type: ignore[arg-type]
    assert [b.text for b in blocks if isinstance(b, Para)] == [
        "- Nang cao chat luong phat trien kinh te - xa hoi dia phuong.", "- Mot y khac.",
        "Van ban nay co hieu luc tu ngay ky den het"]


def test_a_date_broken_in_a_narrow_pdf_cell_is_joined_whole() -> None:
    # "Trước ngày 30/9/202" over "6": joined with a space, the year read "202" and the deadline
    # fell back on the document's year (2025-09-29 for a plan of 2025), with nothing marked
    from qnctr.ingest.pdf import _cell_text

    joined = _cell_text(["Trước ngày 30/9/202", "6"])
    assert joined == "Trước ngày 30/9/2026" and phrases.deadline(joined, 2025).value == "2026-09-29"
    assert _cell_text(["Trước ngày 15/", "12/2026"]) == "Trước ngày 15/12/2026"
    assert _cell_text(["Sở Tài chính", "12 đơn vị"]) == "Sở Tài chính 12 đơn vị"  # words stay apart
    assert _cell_text(["Quý III/2026", "2027"]) == "Quý III/2026 2027"


def test_a_pdf_item_at_the_margin_after_a_full_sentence_is_a_new_item() -> None:
    from qnctr.ingest.blocks import Para
    from qnctr.ingest.pdf import page_blocks

    glyphs = [*_line("- Mot y dai het dong va ket thuc o day.", 72, 700),
              *_line("- Hai.", 72, 686), *_line("Ba", 72, 672)]
    blocks: list[object] = []
    page_blocks(blocks, glyphs, [], 1, 600)  # type: ignore[arg-type]
    assert [b.text for b in blocks if isinstance(b, Para)][:2] == ["- Mot y dai het dong va ket thuc o day.", "- Hai."]


def test_from_a_document_to_a_first_report(tmp_path: Path) -> None:
    """The whole path the README shows: read the plan, confirm it, send a form, take it back,
    write the report."""
    from datetime import datetime

    from openpyxl import load_workbook

    from .support import form_column

    code, out, register = _ingest(tmp_path, "plan.txt", WEBSITE)
    assert code == 0, out
    tasks_file = register / "programmes/12-kh-ubnd/tasks.yaml"
    unchecked = tasks_file.read_text(encoding="utf-8")
    tasks_file.write_text(unchecked.replace("status: draft", "status: in_force"), encoding="utf-8")
    refused = run_cli("validate", "--data", str(register), "--as-of", "2026-05-01")  # in force, nothing checked
    marked = [n for n, line in enumerate(unchecked.splitlines(), 1) if "  # KIỂM TRA:" in line]
    assert refused.code == 1 and marked, refused.out
    assert {f"tasks.yaml:{n}:" for n in marked} <= {m for m in re.findall(r"tasks\.yaml:\d+:", refused.out)}
    assert refused.out.count("[unreviewed]") == len(marked)
    put_in_force(tasks_file)
    form = tmp_path / "form.xlsx"
    made = run_cli("form", "-p", "2026-H1", "-a", "Sở Alpha", "-o", str(form), "--data", str(register),
                   "--as-of", "2026-05-01")
    assert made.code == 0, made.out + made.err
    book = load_workbook(form)
    sheet = book["Nhiệm vụ"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value == "1")
    sheet.cell(row, form_column("Nhiệm vụ", 6), "Hoàn thành")
    sheet.cell(row, form_column("Nhiệm vụ", 7), datetime(2026, 4, 20))
    sheet.cell(row, form_column("Nhiệm vụ", 8), "Đã ban hành kế hoạch thử nghiệm")
    book.save(form)
    taken = run_cli("import", str(form), "--data", str(register), "--as-of", "2026-05-01")
    assert taken.code == 0, taken.out + taken.err
    report = run_cli("report", "-p", "2026-H1", "-f", "md", "-o", "-", "--data", str(register), "--as-of", "2026-06-19")
    assert report.code == 0, report.err
    assert "12/KH-UBND" in report.out and "Đã ban hành kế hoạch thử nghiệm" in report.out


def test_a_key_that_holds_another_programme_is_refused(tmp_path: Path) -> None:
    code, _, register = _ingest(tmp_path, "plan.txt", WEBSITE)
    assert code == 0
    before = (register / "programmes/12-kh-ubnd/tasks.yaml").read_bytes()
    other = WEBSITE.replace("Số: 12/KH-UBND", "Số: 13/KH-UBND")
    code, out, _ = _ingest(tmp_path, "other.txt", other, "--key", "12-kh-ubnd", "--replace")
    assert code in (1, 2) and "chương trình số 12/KH-UBND" in out
    assert (register / "programmes/12-kh-ubnd/tasks.yaml").read_bytes() == before
    code, out, _ = _ingest(tmp_path, "other.txt", other, "--key", "../x")
    assert code in (1, 2) and "--key" in out and not (tmp_path / "x").exists()


def test_a_table_row_that_cannot_be_aligned_is_kept_and_listed(tmp_path: Path) -> None:
    stray = WEBSITE.replace("|\n|\n2\n|", "|\n|\n-\n|\nGhi chú chung cho nhóm\n|\n…\n|\n…\n|\n…\n|\n|\n2\n|", 1)
    code, out, register = _ingest(tmp_path, "plan.txt", stray)
    assert code == 0, out
    assert "ingest-row" in out and "Ghi chú chung cho nhóm" in out
    notes = (register / "programmes/12-kh-ubnd/ingest.md").read_text(encoding="utf-8")
    assert "Ghi chú chung cho nhóm" in notes
    tasks = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert [t["id"] for t in tasks["groups"][0]["tasks"]] == ["1", "2"]


def test_a_word_table_with_a_two_row_header_and_merged_group_rows(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for text in ("Số: 21 /KH-UBND", "Thử, ngày 01 tháng 2 năm 2026", "KẾ HOẠCH", "VỀ VIỆC THỬ", "PHỤ LỤC"):
        document.add_paragraph(text)
    table = document.add_table(rows=5, cols=5)
    header = ["STT", "Nội dung công việc", "Cơ quan thực hiện", "", "Thời gian hoàn thành"]
    for i, text in enumerate(header):
        table.rows[0].cells[i].text = text
    table.rows[0].cells[2].merge(table.rows[0].cells[3])
    for i, text in enumerate(["", "", "Chủ trì", "Phối hợp", ""]):
        table.rows[1].cells[i].text = text
    group = table.rows[2].cells[0].merge(table.rows[2].cells[4])
    group.text = "I. NHÓM THỬ"
    for row, cells in zip(table.rows[3:], [["1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý III, IV/2026"],
                                            ["2", "Việc hai.", "Sở Beta", "", "Hằng năm"]], strict=True):
        for i, text in enumerate(cells):
            row.cells[i].text = text
    _, register = _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((register / "programmes/21-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["programme"]["id"] == "21/KH-UBND"
    group_read = tasks["groups"][0]
    assert group_read["title"] == "NHÓM THỬ"
    first, second = group_read["tasks"]
    assert first["text"] == "Việc một." and str(first["due"]) == "2026-12-31"
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert [agencies[a] for a in first["lead"]] == ["Sở Alpha"] and [agencies[a] for a in first["support"]] == ["Sở Beta"]
    assert second["due"] == "annual" and second["support"] == []


def test_a_numbered_row_naming_nobody_over_rows_numbered_under_it_heads_a_group(tmp_path: Path) -> None:
    """ "1 | Nội dung 1: …" over "1.1", "1.2": it was a task without a lead, its points tasks beside it."""
    document = _word_plan(21, "PHỤ LỤC")
    rows = [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"],
            ["1", "Nội dung 1: Công khai", "", "", ""],
            ["1.1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý I/2026"],
            ["1.2", "Việc hai.", "Sở Beta", "", "Năm 2026"],
            ["2", "Nội dung 2: Minh bạch", "", "", ""],
            ["2.1", "Việc ba.", "Sở Alpha", "", "Thường xuyên"],
            ["3", "Việc bốn, không ghi ai chủ trì.", "", "", ""]]
    _word_table(document, rows)
    said, _ = _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((tmp_path / "reg/programmes/21-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert [(g["id"], g["title"], [t["id"] for t in g["tasks"]]) for g in tasks["groups"]] == [
        ("1", "Nội dung 1: Công khai", ["1.1", "1.2"]), ("2", "Nội dung 2: Minh bạch", ["2.1"]),
        ("3", "Việc bốn, không ghi ai chủ trì.", ["3"])]  # a row of the level of the heads, not a task of "2"
    # a numbered row without a lead and nothing numbered under it stays a task, marked for its lead
    assert "[ingest-no-lead] 3:" in said


def test_a_point_closing_with_its_lead_partners_and_time_in_parentheses(tmp_path: Path) -> None:
    """ "a) Ban hành quy chế … (Cơ quan chủ trì: Sở Alpha; …; thời gian hoàn thành: Quý II/2026)": the
    lead was "Ban hành quy chế" (a verb read as a body, added to the directory) and the time lost."""
    out, tasks = _plan(tmp_path, 31, "II. NHIỆM VỤ, GIẢI PHÁP", "1. Hoàn thiện thể chế",
                       "a) Ban hành quy chế quản lý dữ liệu (Cơ quan chủ trì: Sở Alpha; cơ quan phối hợp: Sở Beta; "
                       "thời gian hoàn thành: Quý II/2026).",
                       "b) Rà soát kiến trúc số (Sở Alpha chủ trì, phối hợp với Sở Gamma; hoàn thành trong tháng 9/2026).",
                       "c) Báo cáo kết quả chuyển đổi số (PCI) của tỉnh.")
    read = {t["id"]: t for g in tasks["groups"] for t in g["tasks"]}
    directory = yaml.safe_load((tmp_path / "reg/agencies.yaml").read_text(encoding="utf-8"))
    named = {a["id"]: a["name"] for a in directory}
    assert [named[a] for a in read["1.a"]["lead"]] == ["Sở Alpha"] and [named[a] for a in read["1.a"]["support"]] == ["Sở Beta"]
    assert str(read["1.a"]["due"]) == "2026-06-30"
    assert [named[a] for a in read["1.b"]["support"]] == ["Sở Gamma"] and str(read["1.b"]["due"]) == "2026-09-30"
    assert read["1.c"]["lead"] == [] and "[ingest-no-lead] 1.c" in out  # "(PCI)" names no one; "Báo cáo" is no body
    assert not [name for name in named.values() if name.startswith(("Ban hành", "Báo cáo"))]
    # under a heading that names the lead, a parenthesis with the time only gives the time
    (tmp_path / "under").mkdir()
    _, under = _plan(tmp_path / "under", 32, "II. NHIỆM VỤ, GIẢI PHÁP", "1. Sở Alpha:",
                     "- Rà soát quy trình nội bộ (thời gian: Quý II/2026).", "- Việc thường xuyên (PCI).")
    first, second = under["groups"][0]["tasks"]
    assert str(first["due"]) == "2026-06-30" and first["lead"] == second["lead"] != []


def test_a_table_of_targets_with_its_figures_in_columns_above_a_table_of_tasks(tmp_path: Path) -> None:
    """Phụ lục I the targets ("Chỉ tiêu | Đơn vị tính | Chỉ tiêu năm 2026"), Phụ lục II the tasks: the
    tasks' table took the targets' heading for its own and the plan was refused as having no
    task; a table of targets without a lead column was not read at all."""
    import docx

    document = docx.Document()
    for text in ("Số: 41/KH-UBND", "Thử, ngày 20 tháng 01 năm 2026", "KẾ HOẠCH", "VỀ VIỆC THỬ", "PHỤ LỤC I",
                 "CHỈ TIÊU NĂM 2026"):
        document.add_paragraph(text)
    tables = [[["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Chỉ tiêu năm 2026"],
               ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "97", "≥ 98"],
               ["2", "Số doanh nghiệp thành lập mới", "Doanh nghiệp", "1.100", "1.200"],
               ["3", "Thời gian giải quyết thủ tục đất đai", "ngày", "20", "Không quá 15"]],
              [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
               ["1", "Ban hành kế hoạch kiểm tra.", "Sở Alpha", "", "Quý I/2026"],
               ["2", "Rà soát thủ tục hành chính.", "Sở Beta", "Sở Alpha", "Quý III/2026"]]]
    for rows, heading in zip(tables, ["PHỤ LỤC II", None], strict=True):
        _word_table(document, rows)
        if heading:
            document.add_paragraph(heading)
            document.add_paragraph("NHIỆM VỤ NĂM 2026")
    _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((tmp_path / "reg/programmes/41-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert [t["id"] for g in tasks["groups"] for t in g["tasks"]] == ["1", "2"]
    targets = yaml.safe_load((tmp_path / "reg/programmes/41-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    goals = [(t["id"], t["due"], *(t["indicators"][0][k] for k in ("op", "value", "unit"))) for t in targets]
    assert goals == [("2026.1", 2026, ">=", 98, "%"), ("2026.2", 2026, ">=", 1200, "Doanh nghiệp"),
                     ("2026.3", 2026, "<=", 15, "ngày")]  # never 97, 1.100 or 20: what was done in 2025


def test_a_decision_issuing_a_plan_gives_its_calendar_and_focal_agency_in_its_articles(tmp_path: Path) -> None:
    """ "QUYẾT ĐỊNH Ban hành Chương trình …", its Điều 2 naming who follows up and when reports are
    due: the articles were taken for the preamble, and the draft said the document set no
    calendar and guessed the focal agency."""
    text = "\n\n".join([
        "Số: 56/QĐ-UBND", "Thử, ngày 19 tháng 8 năm 2026", "**QUYẾT ĐỊNH**", "**Ban hành Chương trình hành động thử**",
        "ỦY BAN NHÂN DÂN TỈNH THỬ", "Căn cứ Luật Tổ chức chính quyền địa phương;", "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Chương trình hành động thử.",
        "Điều 2. Giao Sở Gamma làm đầu mối theo dõi, đôn đốc, định kỳ 6 tháng và hằng năm (trước ngày 15 của "
        "tháng cuối kỳ) báo cáo Ủy ban nhân dân tỉnh.", "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        "II. NHIỆM VỤ, GIẢI PHÁP", "1. Sở Alpha:", "- Rút ngắn thời gian đăng ký doanh nghiệp, hoàn thành trong năm 2026.",
        "2. Sở Beta:", "- Rà soát văn bản, hoàn thành trong năm 2027."])
    code, out, register = _ingest(tmp_path, "qd.txt", text)
    assert code == 0, out
    programme = yaml.safe_load((register / "programmes/56-qd-ubnd/tasks.yaml").read_text(encoding="utf-8"))["programme"]
    assert programme["reporting"]["source"] == "Điều 2" and programme["reporting"]["due_day"] == 14
    assert [p["kind"] for p in programme["reporting"]["periods"]] == ["half-year", "year"]
    names_of = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert names_of[programme["focal_agency"]] == "Sở Gamma"
    assert "ingest-reporting" not in out and "ingest-focal" not in out


def test_one_column_of_bodies_marking_the_lead_and_a_first_row_never_taken_for_the_header(tmp_path: Path) -> None:
    """ "Cơ quan thực hiện": "Sở Alpha (chủ trì); Sở Beta", "Sở Alpha chủ trì, phối hợp Sở Gamma". The
    first task was read as the header's second line (the draft lost it; the other ids were
    empty), and "Sở Alpha chủ trì, phối hợp Sở Gamma" became one new body of the directory."""
    document = _word_plan(22, "PHỤ LỤC")
    rows = [["STT", "Nội dung công việc", "Cơ quan thực hiện", "Thời gian hoàn thành"],
            ["1", "Tổ chức tập huấn.", "Sở Alpha (chủ trì); Sở Beta", "Quý I/2026"],
            ["2", "Kiểm tra.", "Sở Alpha chủ trì, phối hợp Sở Gamma", "Quý IV/2026"],
            ["3", "Tuyên truyền.", "Sở Beta", "Thường xuyên"]]
    _word_table(document, rows)
    _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((tmp_path / "reg/programmes/22-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    named = {a["id"]: a["name"] for a in yaml.safe_load((tmp_path / "reg/agencies.yaml").read_text(encoding="utf-8"))}
    read = [(t["id"], [named[a] for a in t["lead"]], [named[a] for a in t["support"]])
            for g in tasks["groups"] for t in g["tasks"]]
    assert read == [("1", ["Sở Alpha"], ["Sở Beta"]), ("2", ["Sở Alpha"], ["Sở Gamma"]), ("3", ["Sở Beta"], [])]


def test_a_huge_file_or_a_missing_one_is_refused_at_once(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.write(b"%PDF-1.4\n")
        handle.truncate(200 * 1024 * 1024)
    for path, says in ((huge, "quá lớn"), (tmp_path / "missing.docx", "không đọc được"), (tmp_path, "không phải là tệp")):
        result = run_cli("ingest", str(path), "--data", str(tmp_path / "reg"))
        assert result.code in (1, 2) and says in result.out + result.err
    assert not (tmp_path / "reg").exists()


def test_a_pdf_page_joins_the_paragraph_the_page_before_left_open_and_only_that() -> None:
    from qnctr.ingest.blocks import Para
    from qnctr.ingest.pdf import page_blocks

    full = "Mot doan van dai keo den het dong cuoi cung cua trang"
    blocks: list[object] = []
    open_line = page_blocks(blocks, [*_line(full, 72, 700), *_line(full[:40], 72, 686)], [], 1, 600)  # type: ignore[arg-type]
    assert open_line is False  # the page ends on a short line: its paragraph is over
    page_blocks(blocks, _line("a) Cac so, nganh", 72, 700), [], 2, 600, open_line)  # type: ignore[arg-type]
    assert [b.text for b in blocks if isinstance(b, Para)][-1] == "a) Cac so, nganh"
    again: list[object] = []
    open_line = page_blocks(again, [*_line(full, 72, 700), *_line(full, 72, 686), *_line(full, 72, 672)],  # type: ignore[arg-type]
                            [], 1, 600)
    assert open_line is True
    page_blocks(again, _line("tiep theo o trang sau.", 72, 700), [], 2, 600, open_line)  # type: ignore[arg-type]
    assert [b.text for b in again if isinstance(b, Para)] == [f"{full} {full} {full} tiep theo o trang sau."]
    # a page holding only a signer's name carried over is its own right margin: never open
    # ("Nguyễn Văn An" was joined to the next page's "PHỤ LỤC" and the plan lost its signer)
    alone: list[object] = []
    assert page_blocks(alone, _line("Nguyen Van An", 300, 700), [], 2, 600) is False  # type: ignore[arg-type]


def test_the_partners_a_heading_names_go_to_each_point_under_it(tmp_path: Path) -> None:
    _, tasks = _plan(
        tmp_path, 9,
        "I. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nhóm thứ nhất",
        "a) Sở Alpha chủ trì, phối hợp với Sở Beta:",
        "- Rà soát quy chế.",
        "- Chủ trì, phối hợp với Sở Gamma tổ chức tập huấn.")
    register = tmp_path / "reg"
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    first, second = tasks["groups"][0]["tasks"]
    assert [agencies[a] for a in first["lead"]] == ["Sở Alpha"] and [agencies[a] for a in first["support"]] == ["Sở Beta"]
    assert [agencies[a] for a in second["support"]] == ["Sở Gamma"]  # its own partner, named in its opening


def test_new_agencies_are_appended_to_the_directory_as_it_is_written(tmp_path: Path) -> None:
    register = tmp_path / "reg"
    register.mkdir()
    directory = "\ufeff# Danh mục\r\n- id: so-alpha\r\n  name: Sở Alpha\r\n  kind: department\r\n"
    (register / "agencies.yaml").write_bytes(directory.encode("utf-8"))
    code, out, _ = _ingest(tmp_path, "plan.txt", WEBSITE)
    assert code == 0, out
    after = (register / "agencies.yaml").read_bytes()
    assert after.startswith(directory.encode("utf-8"))  # every byte that was there, BOM and CRLF kept
    assert b"\r\n" in after[len(directory.encode("utf-8")):] and b"\n" not in after.replace(b"\r\n", b"")
    assert "id: so-alpha" in after.decode("utf-8") and "Sở Beta" in after.decode("utf-8")


def test_a_reporting_day_the_document_does_not_state_is_listed_for_review(tmp_path: Path) -> None:
    out, tasks = _plan(
        tmp_path, 10,
        "I. NHIỆM VỤ",
        "1. Sở Alpha",
        "- Chủ trì tổ chức tập huấn.",
        "II. TỔ CHỨC THỰC HIỆN",
        "Các sở định kỳ hằng quý báo cáo kết quả thực hiện về Sở Alpha.")
    assert tasks["programme"]["reporting"]["periods"] == [{"kind": "quarter", "due_in": "next-month"}]
    assert "ingest-reporting" in out and "không nêu hạn gửi" in out
    assert run_cli("validate", "--data", str(tmp_path / "reg")).code == 0  # a draft the register accepts
    assert phrases.reporting_calendar("định kỳ hằng quý, trước ngày 10 của tháng cuối quý báo cáo").sure  # type: ignore[union-attr]


def test_a_dated_report_beside_periodic_ones_is_a_report_due_once() -> None:
    """"…; báo cáo sơ kết trước ngày 30/11/2025": the periodic reports and one due once (the day
    before); a date with its year is never read as a day of every year (30/1 out of 30/11/2025),
    nor its day as the due day of the month (1 out of 15/12/2025)."""
    calendar = phrases.reporting_calendar("Định kỳ 6 tháng và hằng năm báo cáo UBND tỉnh trước ngày 15 của tháng "
                                          "cuối kỳ; báo cáo sơ kết trước ngày 30/11/2025.")
    assert calendar is not None and calendar.due_day == 14
    assert calendar.periods[-1] == {"kind": "once", "days": [date(2025, 11, 29)]}
    yearly = phrases.reporting_calendar("Định kỳ hằng năm báo cáo kết quả về Sở A trước ngày 15/12/2025.")
    assert yearly is not None and [p["kind"] for p in yearly.periods] == ["year", "once"] and yearly.due_day == 28
    fixed = phrases.reporting_calendar("định kỳ trước ngày 01/6 và 15/11 hằng năm báo cáo kết quả và báo cáo tổng "
                                       "kết trước ngày 30/11/2030")
    assert fixed is not None and fixed.periods == [{"kind": "dates", "dates": ["05-31", "11-14"]},
                                                   {"kind": "once", "days": [date(2030, 11, 29)]}]
    from qnctr.model import Reporting, validate

    validate(Reporting, {"source": "IV", "text": "x", "due_day": calendar.due_day, "periods": calendar.periods})


def test_a_goal_read_without_its_comparison_is_said_as_written(tmp_path: Path) -> None:
    """"100% doanh nghiệp ..." names no comparison: the draft writes >= and the review says so,
    the figure it shows being the one in the file (not ' 100 %')."""
    goals = ("**I. MỤC ĐÍCH**\n\nĐể thử.\n\n**1. Mục tiêu cụ thể**\n\n"
             "a) Đến hết năm 2030: Có ≥ 60% doanh nghiệp trên địa bàn ứng dụng công nghệ số.\n\n"
             "b) Đến hết năm 2045: 100% doanh nghiệp trên địa bàn ứng dụng công nghệ số.\n\n")
    code, out, register = _ingest(tmp_path, "plan.txt", WEBSITE.replace("**I. MỤC ĐÍCH**\n\nĐể thử.\n\n", goals))
    assert code == 0, out
    # The summary in Vietnamese words and numbers: how the tasks were given, "31,1 %", not "31.1 %".
    summary = out.splitlines()[0]
    assert "(markdown, nhiệm vụ theo bảng phân công)" in summary, summary
    assert re.search(r"độ phủ \d+(,\d)? % \(dùng \d+(,\d)? %", summary), summary
    said = {line.split("] ", 1)[1].split(":", 1)[0]: line for line in out.splitlines() if "[ingest-goal]" in line}
    assert "mục tiêu đọc được: >= 60 %;" in said["2030.1"]
    assert "mục tiêu đọc được: >= 100 % (văn bản không nêu phép so sánh: tạm ghi >=);" in said["2045.1"]
    targets = yaml.safe_load((register / "programmes/12-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    assert {t["id"]: (t["indicators"][0]["op"], t["indicators"][0]["value"]) for t in targets} == {
        "2030.1": (">=", 60), "2045.1": (">=", 100)}


def test_a_change_is_drafted_with_its_measure_and_a_review_saying_what_must_be_reported(tmp_path: Path) -> None:
    """"Giảm 10% … so với năm 2025" is a fall, not a level: the review said only that no comparison
    was written, and a person putting it in force as ">= 10 %" would judge the cost itself."""
    goals = ("**I. MỤC ĐÍCH**\n\nĐể thử.\n\n**1. Mục tiêu cụ thể**\n\n"
             "a) Đến hết năm 2026: Giảm 10% chi phí không chính thức so với năm 2025.\n\n"
             "b) Đến hết năm 2026: Tổng vốn đầu tư tăng bình quân trên 10%/năm.\n\n")
    code, out, register = _ingest(tmp_path, "plan.txt", WEBSITE.replace("**I. MỤC ĐÍCH**\n\nĐể thử.\n\n", goals))
    assert code == 0, out
    said = {line.split("] ", 1)[1].split(":", 1)[0]: line for line in out.splitlines() if "[ingest-goal]" in line}
    assert "số liệu báo cáo phải là mức giảm" in said["2026.1"], said
    assert "văn bản nêu mức tăng mỗi năm" in said["2026.2"], said
    targets = yaml.safe_load((register / "programmes/12-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    assert [t["indicators"][0]["measure"] for t in targets] == ["level", "average-growth"]


def test_a_tinh_uy_plan_is_read_with_its_number_issuer_and_signer(tmp_path: Path) -> None:
    """A Party body heads its documents "ĐẢNG BỘ TỈNH X / TỈNH ỦY" and numbers them "Số 12-KH/TU"
    (no colon); its secretary signs. Such a plan was refused for want of a 'Số:' line."""
    party = (WEBSITE.replace("**ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM**", "ĐẢNG BỘ TỈNH THỬ NGHIỆM\n**TỈNH ỦY**")
             .replace("**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**", "**ĐẢNG CỘNG SẢN VIỆT NAM**")
             .replace("Số: 12/KH-UBND", "Số 12-KH/TU")
             .replace("**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**", "**T/M BAN THƯỜNG VỤ\nBÍ THƯ**")
             .replace("Sở Gamma", "Ban Tuyên giáo Tỉnh ủy"))
    code, out, register = _ingest(tmp_path, "plan.txt", party)
    assert code == 0, out
    programme = yaml.safe_load((register / "programmes/12-kh-tu/tasks.yaml").read_text(encoding="utf-8"))["programme"]
    assert (programme["id"], programme["kind"], programme["signer"]) == ("12-KH/TU", "Kế hoạch", "Nguyễn Văn Thử")
    agencies = {a["id"]: a for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    issuer = agencies[programme["issuer"]]
    assert (issuer["name"], issuer["kind"]) == ("Tỉnh ủy Thử Nghiệm", "party")
    # a body of the Tỉnh ủy is a Party body, not a board of the UBND (its letterhead is not the UBND's)
    assert [a["kind"] for a in agencies.values() if a["name"] == "Ban Tuyên giáo Tỉnh ủy"] == ["party"]


def test_a_header_read_from_a_pdf_line_by_line_keeps_its_date_place_and_issuer() -> None:
    """A PDF's header comes as lines across both columns: the Party committee beside the national
    name, the number beside the place, the year of the date on a line of its own."""
    from qnctr.ingest.blocks import Para
    from qnctr.ingest.parse import parse
    from qnctr.ingest.source import Document

    lines = ["ĐẢNG BỘ TỈNH THỬ NGHIỆM ĐẢNG CỘNG SẢN VIỆT NAM", "TỈNH ỦY", "*",
             "Số 12-KH/TU Thử Nghiệm, ngày 05 tháng 3 năm", "2026", "KẾ HOẠCH", "THỬ ĐỌC", "I. MỤC ĐÍCH", "Để thử."]
    draft = parse(Document(Path("plan.pdf"), "pdf", [Para(text, 1) for text in lines], "trang"))
    assert (draft.number, draft.issued, draft.place) == ("12-KH/TU", date(2026, 3, 5), "Thử Nghiệm")
    assert draft.issuer_name == "Tỉnh ủy Thử Nghiệm"


def test_a_title_set_in_lower_case_under_the_kind_is_the_title(tmp_path: Path) -> None:
    """Nghị định 30 sets the trích yếu in lower case, bold, under "KẾ HOẠCH": a plan as an office
    saves it was titled "KẾ HOẠCH" alone, in the site and `qnctr programmes`. Read in each form."""
    from qnctr.ingest.blocks import Para
    from qnctr.ingest.parse import parse
    from qnctr.ingest.source import Document

    subject = "Nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh năm 2026"
    bold = WEBSITE.replace("THỬ ĐỌC MỘT KẾ HOẠCH", f"**{subject}**")
    code, out, register = _ingest(tmp_path, "plan.txt", bold)
    assert code == 0, out
    programme = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))["programme"]
    assert programme["title"] == "Kế hoạch nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh năm 2026"
    plain = "\n\n".join(["Số: 13/KH-UBND", "Thử, ngày 01 tháng 2 năm 2026", "**KẾ HOẠCH**",
                           "**Thực hiện chuyển đổi số năm 2026**", "Thực hiện Quyết định số 1/QĐ-TTg, Ủy ban nhân dân tỉnh "
                           "ban hành Kế hoạch như sau:", "I. MỤC ĐÍCH", "Để thử."])
    (tmp_path / "plain.txt").write_text(plain, encoding="utf-8")
    assert parse(read(tmp_path / "plain.txt")).title == "Kế hoạch thực hiện chuyển đổi số năm 2026"
    # from a PDF (no bold), the header's columns joined on one line, the preamble not taken for it
    lines = ["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA TỈNH THỬ NGHIỆM VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Số: 12/KH-UBND Thử Nghiệm, ngày 05 tháng 3 năm 2026", "KẾ HOẠCH", subject,
             "Thực hiện Nghị quyết số 02/NQ-CP, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", "I. MỤC ĐÍCH", "Để thử."]
    draft = parse(Document(Path("plan.pdf"), "pdf", [Para(text, 1) for text in lines], "trang"))
    assert draft.title == "Kế hoạch nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh năm 2026"
    assert draft.issuer_name == "Ủy ban nhân dân tỉnh Thử Nghiệm"
    no_subject = [*lines[:4], *lines[5:]]
    assert parse(Document(Path("plan.pdf"), "pdf", [Para(t, 1) for t in no_subject], "trang")).title == "KẾ HOẠCH"


def test_a_target_without_its_year_takes_the_year_the_plans_title_names_for_review(tmp_path: Path) -> None:
    """A plan for one year states its targets without it ("Tỷ lệ hồ sơ đúng hạn đạt trên 98%"): they
    were left out of targets.yaml, kept only as notes."""
    text = WEBSITE.replace("THỬ ĐỌC MỘT KẾ HOẠCH", "THỬ ĐỌC MỘT KẾ HOẠCH NĂM 2026").replace(
        "Để thử.", "1. Chỉ tiêu\n\n- Tỷ lệ hồ sơ đúng hạn đạt trên 98%.\n\n- Chỉ số PCI năm 2027 đạt từ 66 điểm trở lên.")
    code, out, register = _ingest(tmp_path, "plan.txt", text)
    assert code == 0, out
    written = (register / "programmes/12-kh-ubnd/targets.yaml").read_text(encoding="utf-8")
    targets = {t["id"]: t for t in yaml.safe_load(written)}
    assert (targets["2026.1"]["due"], targets["2026.1"]["indicators"][0]["op"]) == (2026, ">")
    assert (targets["2027.1"]["due"], targets["2027.1"]["indicators"][0]["value"]) == (2027, 66)
    assert "due: 2026  # KIỂM TRA: chỉ tiêu không nêu năm" in written and "[ingest-target-year] 2026.1" in out
    # a title naming no year (nor two, the first not the year of issue) gives none: the point stays a note
    code, out, register = _ingest(tmp_path, "plan.txt", text.replace("KẾ HOẠCH NĂM 2026", "KẾ HOẠCH"), "--replace")
    assert code == 0, out
    kept = yaml.safe_load((register / "programmes/12-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    assert [t["id"] for t in kept] == ["2027.1"]


def test_targets_stated_as_paragraphs_of_a_section_of_targets(tmp_path: Path) -> None:
    """ "II. CHỈ TIÊU CHỦ YẾU" followed by sentences without a mark: only points of an Arabic-numbered
    part were read, and these were kept as notes."""
    text = WEBSITE.replace("THỬ ĐỌC MỘT KẾ HOẠCH", "THỬ ĐỌC MỘT KẾ HOẠCH NĂM 2026").replace(
        "**II. TỔ CHỨC THỰC HIỆN**", "**II. CHỈ TIÊU CHỦ YẾU**\n\nTỷ lệ hồ sơ đúng hạn đạt trên 98%.\n\n"
        "Số doanh nghiệp thành lập mới năm 2027 không dưới 1.200 doanh nghiệp.\n\n**III. TỔ CHỨC THỰC HIỆN**")
    code, out, register = _ingest(tmp_path, "plan.txt", text)
    assert code == 0, out
    targets = yaml.safe_load((register / "programmes/12-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    assert [(t["id"], t["source"], t["indicators"][0]["op"], t["indicators"][0]["value"]) for t in targets] == [
        ("2026.1", "II, đoạn 1", ">", 98), ("2027.1", "II, đoạn 2", ">=", 1200)]


def test_a_plan_whose_date_is_not_found_says_so_at_its_issued_line(tmp_path: Path) -> None:
    """No date line read: the day ingest ran on (--as-of) stands in for it, marked to check; it
    was the machine's real day, unmarked, and every deadline and period counts from it."""
    undated = WEBSITE.replace("*Thử Nghiệm, ngày 05 tháng 3 năm 2026*", "*Thử Nghiệm*")
    code, out, register = _ingest(tmp_path, "plan.txt", undated, "--as-of", "2026-04-01")
    assert code == 0, out
    text = (register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.startswith("  issued:"))
    assert line.startswith("  issued: 2026-04-01  # KIỂM TRA: không tìm thấy ngày ban hành"), line
    assert "[ingest-no-date]" in out


def test_a_chi_thi_assigns_by_numbered_agency_headings_with_no_part_above_them(tmp_path: Path) -> None:
    """A Chỉ thị has no "II. NHIỆM VỤ": its "1. Sở A:", "2. Sở B:" follow the preamble. It was
    refused ("không tìm thấy nhiệm vụ nào"); read, its closing call to report was a task of the last
    agency, a partner "Văn phòng UBND tỉnh nâng cấp Hệ thống …, hoàn thành trước tháng 9/2026" a new
    agency, and "gửi … trước ngày 30/6/2026" no deadline."""
    head = ["Số: 05/CT-UBND", "Thử, ngày 12 tháng 3 năm 2026", "CHỈ THỊ", "VỀ VIỆC THỬ",
            "Thời gian qua, tỷ lệ hồ sơ quá hạn còn cao.", "Để khắc phục, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:"]
    body = ["1. Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường:",
            "a) Chấn chỉnh kỷ luật, kỷ cương hành chính.",
            "b) Rà soát thủ tục hành chính, gửi phương án về Sở Tư pháp trước ngày 30/6/2026.",
            "2. Sở Khoa học và Công nghệ:",
            "Phối hợp với Văn phòng UBND tỉnh nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính, "
            "hoàn thành trước tháng 9/2026.",
            "3. Sở Nội vụ:", "Đưa kết quả thực hiện Chỉ thị vào tiêu chí thi đua.",
            "Yêu cầu các sở, ban, ngành nghiêm túc thực hiện; định kỳ hằng quý báo cáo kết quả về Sở Nội vụ "
            "trước ngày 15 của tháng cuối quý./.",
            "CHỦ TỊCH", "Nguyễn Văn Thử"]
    code, out, register = _ingest(tmp_path, "ct.txt", "\n\n".join([*head, *body]))
    assert code == 0, out
    tasks = yaml.safe_load((register / "programmes/05-ct-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["programme"]["kind"] == "Chỉ thị"
    assert [p["kind"] for p in tasks["programme"]["reporting"]["periods"]] == ["quarter"]
    found = {t["id"]: t for g in tasks["groups"] for t in g["tasks"]}
    assert list(found) == ["1.a", "1.b", "2", "3"]
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert [agencies[a] for a in found["1.a"]["lead"]] == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert str(found["1.b"]["due"]) == "2026-06-29"
    assert [agencies[a] for a in found["2"]["support"]] == ["Văn phòng UBND tỉnh"]
    assert str(found["2"]["due"]) == "2026-08-31"
    assert not any("nâng cấp" in name for name in agencies.values())
    assert run_cli("validate", "--data", str(register)).code == 0


def test_a_one_paragraph_agency_point_is_grouped_by_the_agency_and_the_signer_found_beside_the_recipients(
        tmp_path: Path) -> None:
    """"3. Sở A: Đưa …" in one paragraph: the group was titled with the whole paragraph, and the
    closing call to report was joined to the last point's text. A PDF prints "Nơi nhận: CHỦ TỊCH"
    on one line with the recipients under it, then the name: the signer was lost."""
    paragraphs = ["Số: 07/CT-UBND", "Thử, ngày 12 tháng 3 năm 2026", "CHỈ THỊ", "VỀ VIỆC THỬ",
                  "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:",
                  "1. Sở Nội vụ: Đưa kết quả thực hiện Chỉ thị vào tiêu chí thi đua.",
                  "2. Sở Tài chính: Bố trí kinh phí thực hiện Chỉ thị.",
                  "Yêu cầu các sở, ban, ngành định kỳ hằng quý báo cáo kết quả về Sở Nội vụ trước ngày 15 của "
                  "tháng cuối quý./.",
                  "Nơi nhận: CHỦ TỊCH", "- Như trên;", "- Lưu: VT.", "Trần Văn Ký"]
    code, out, register = _ingest(tmp_path, "ct.txt", "\n\n".join(paragraphs))
    assert code == 0, out
    tasks = yaml.safe_load((register / "programmes/07-ct-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["programme"]["signer"] == "Trần Văn Ký"
    assert [g["title"] for g in tasks["groups"]] == ["Sở Nội vụ", "Sở Tài chính"]
    assert tasks["groups"][1]["tasks"][0]["text"] == "Sở Tài chính: Bố trí kinh phí thực hiện Chỉ thị."


def test_rows_numbered_afresh_in_each_group_are_named_by_their_group(tmp_path: Path) -> None:
    """"A. NHIỆM VỤ CHUNG" 1, 2; "B. NHIỆM VỤ CỤ THỂ" over "I" 1 and "II" 1: the draft had three
    tasks "1" and validate refused it (and the empty part "B" with 'tasks:' and nothing under it)."""
    def row(*cells: str) -> str:
        return "".join(f"|\n{cell}\n" for cell in cells) + "|\n"
    table = (row("**STT**", "**Nội dung nhiệm vụ**", "**Cơ quan chủ trì**", "**Cơ quan phối hợp**",
                 "**Thời gian hoàn thành**", "**Sản phẩm**")
             + row("**A. NHIỆM VỤ CHUNG**")
             + row("1", "Quán triệt kế hoạch.", "Sở Alpha", "Sở Gamma", "Quý I/2026", "Văn bản")
             + row("2", "Đưa vào thi đua.", "Sở Beta", "Sở Alpha", "Hằng năm", "\u00a0")
             + row("**B. NHIỆM VỤ CỤ THỂ**") + row("**I. Chỉ số Gia nhập thị trường**")
             + row("1", "Rút ngắn thời gian đăng ký.", "Sở Gamma", "Sở Beta", "Quý III/2026", "Báo cáo")
             + row("**II. Chỉ số Tiếp cận đất đai**")
             + row("1", "Điều chỉnh quy hoạch.", "Sở Alpha", "\u00a0", "Tháng 12/2026", "\u00a0") + "|\n")
    text = WEBSITE[:WEBSITE.index("|\n**STT**")] + table
    code, out, register = _ingest(tmp_path, "plan.txt", text)
    assert code == 0, out
    tasks = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    found = {t["id"]: t["source"] for g in tasks["groups"] for t in g["tasks"]}
    assert found == {"A.1": "Phụ lục, mục A, STT 1", "A.2": "Phụ lục, mục A, STT 2",
                     "B.I.1": "Phụ lục, mục B.I, STT 1", "B.II.1": "Phụ lục, mục B.II, STT 1"}
    assert [g["id"] for g in tasks["groups"]] == ["A", "B.I", "B.II"]
    last = tasks["groups"][-1]["tasks"][0]  # an empty cell of a website (a non-breaking space) ended the table
    assert last["support"] == [] and str(last["due"]) == "2026-12-31"
    assert run_cli("validate", "--data", str(register)).code == 0
    # what no field holds is kept under the task's own id ("STT 1" named three tasks)
    notes = (register / "programmes/12-kh-ubnd/ingest.md").read_text(encoding="utf-8")
    assert "Nhiệm vụ A.1: Sản phẩm: Văn bản" in notes and "Nhiệm vụ B.I.1: Sản phẩm: Báo cáo" in notes


def test_an_agencys_own_follow_up_duty_that_sets_the_calendar_stays_its_task(tmp_path: Path) -> None:
    """Only a Chỉ thị's closing paragraph is the document's rather than its last point's: "2. Sở
    Beta: Theo dõi, đôn đốc …; định kỳ 6 tháng và năm … báo cáo" is Sở Beta's duty, and the first
    way of keeping a Chỉ thị's calendar out of its last task dropped it from the tasks."""
    _, tasks = _plan(tmp_path, 31, "I. MỤC ĐÍCH", "Để thử.", "II. NHIỆM VỤ, GIẢI PHÁP",
                       "1. Sở Alpha:", "Xây dựng quy chế phối hợp, hoàn thành trong Quý II/2026.",
                       "2. Sở Beta:", "Theo dõi, đôn đốc các cơ quan thực hiện Kế hoạch; định kỳ 6 tháng và năm "
                       "(trước ngày 15 của tháng cuối kỳ) tổng hợp, báo cáo UBND tỉnh.",
                       "3. Sở Gamma:", "Tuyên truyền Kế hoạch.", "CHỦ TỊCH", "Nguyễn Văn Thử")
    found = [t["text"] for g in tasks["groups"] for t in g["tasks"]]
    assert len(found) == 3 and found[1].startswith("Theo dõi, đôn đốc"), found
    assert tasks["programme"]["reporting"]["due_day"] == 14


def test_a_lead_and_a_deadline_merged_down_a_word_table_belong_to_every_row_they_span(tmp_path: Path) -> None:
    # Word writes a cell merged down once: the rows below held an empty lead ("không nêu cơ quan
    # chủ trì") and no deadline, where the document gives them both.
    document = _word_plan(22, "PHỤ LỤC")
    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý III/2026"],
            ["2", "Việc hai.", "", "Sở Gamma", "Thường xuyên"],
            ["3", "Việc ba.", "", "", ""],
            ["4", "Việc bốn.", "Sở Delta", "", "Quý IV/2026"]]
    table = _word_table(document, rows)
    table.cell(1, 2).merge(table.cell(3, 2)).text = "Sở Alpha"
    table.cell(2, 4).merge(table.cell(3, 4)).text = "Thường xuyên"
    said, register = _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((register / "programmes/22-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))["groups"][0]["tasks"]
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert [[agencies[a] for a in t["lead"]] for t in tasks] == [["Sở Alpha"], ["Sở Alpha"], ["Sở Alpha"], ["Sở Delta"]]
    assert [t["due"] for t in tasks][1:3] == ["ongoing", "ongoing"] and tasks[2]["due_text"] == "Thường xuyên"
    assert [[agencies[a] for a in t["support"]] for t in tasks] == [["Sở Beta"], ["Sở Gamma"], [], []]
    assert "ingest-no-lead" not in said and "ingest-no-deadline" not in said


def test_a_pdf_cell_with_no_border_above_goes_on_from_the_cell_above() -> None:
    # A name set in the middle of the rows it spans stood in the second row, the first had none.
    from qnctr.ingest.blocks import Table
    from qnctr.ingest.pdf import page_blocks

    rules = [(50, y, 350, y) for y in (700, 660)] + [(50, 680, 150, 680), (250, 680, 350, 680)] + \
        [(x, 660, x, 700) for x in (50, 150, 250, 350)]
    glyphs = [*_line("1", 55, 685), *_line("Quy I", 255, 685), *_line("Ban A", 160, 675),
              *_line("2", 55, 665), *_line("Quy II", 255, 665)]
    blocks: list[object] = []
    page_blocks(blocks, glyphs, rules, 1, 600)  # type: ignore[arg-type]
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.rows == [["1", "Ban A", "Quy I"], ["2", "", "Quy II"]] and table.merged == {(1, 1)}


def test_a_website_row_short_of_the_cells_merged_above_is_placed_by_what_its_cells_say(tmp_path: Path) -> None:
    # A website drops the cells a row shares with the row above: read as they stood, "Sở Beta"
    # (a partner, or the lead: the row cannot say) became the lead and "Quý IV/2026" a new agency;
    # "Sở Delta | Sở Alpha" lost the deadline above them. Nothing was marked.
    rows = "|\n3\n|\nViệc ba.\n|\nSở Beta\n|\nQuý IV/2026\n|\n|\n4\n|\nViệc bốn.\n|\nSở Delta\n|\nSở Alpha\n|\n|\n"
    code, out, register = _ingest(tmp_path, "plan.txt", WEBSITE.rstrip("\n") + "\n" + rows)
    assert code == 0, out
    tasks = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    third, fourth = tasks["groups"][0]["tasks"][2:]
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert third["lead"] == [] and third["support"] == [] and str(third["due"]) == "2026-12-31"
    assert [agencies[a] for a in fourth["lead"]] == ["Sở Delta"] and [agencies[a] for a in fourth["support"]] == ["Sở Alpha"]
    assert str(fourth["due"]) == "2026-12-31" and "Quý IV/2026" not in agencies.values()
    assert re.search(r"ingest-row\] 3: .*không rõ cơ quan chủ trì, cơ quan phối hợp.*Sở Beta", out), out
    assert "ingest-no-lead] 3" not in out  # the document names the lead; which cell it is, the review says
    assert re.search(r"ingest-row\] 4: .*đã lấy thời hạn \(Quý IV/2026\) của dòng trên", out), out
    # what a short row takes from the row above is said even when its own cells are in doubt
    rows = "|\n5\n|\nViệc năm.\n|\nSở Beta\n|\n|\n"
    (tmp_path / "again").mkdir()
    code, again, _ = _ingest(tmp_path / "again", "plan.txt", WEBSITE.rstrip("\n") + "\n" + rows)
    assert re.search(r"ingest-row\] 5: .*không rõ cơ quan chủ trì, cơ quan phối hợp.*đã lấy thời hạn "
                     r"\(theo tiến độ của dự án\) của dòng trên", again), again


@pytest.mark.parametrize("header", [["Thời gian bắt đầu", "Thời gian hoàn thành"],
                                    ["Thời gian thực hiện Từ", "Thời gian thực hiện Đến"]])
def test_a_column_of_when_work_begins_is_never_the_deadline(tmp_path: Path, header: list[str]) -> None:
    # The first column naming a time was the deadline: every task fell due the day it began.
    cells = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", *header, "Sản phẩm",
             "1", "Xây dựng cơ sở dữ liệu.", "Sở Alpha", "Sở Beta", "Quý I/2026", "Quý IV/2027", "Phần mềm"]
    out, tasks = _plan(tmp_path, 23, "PHỤ LỤC", *cells)
    task = tasks["groups"][0]["tasks"][0]
    assert str(task["due"]) == "2027-12-31" and task["due_text"] == "Quý IV/2027", out
    notes = (tmp_path / "reg/programmes/23-kh-ubnd/ingest.md").read_text(encoding="utf-8")
    assert "Nhiệm vụ 1: Bắt đầu: Quý I/2026; Sản phẩm: Phần mềm" in notes


def test_paragraphs_rows_and_cells_inside_content_controls_are_read(tmp_path: Path) -> None:
    # A template's content controls (w:sdt) wrap paragraphs, rows or cells: read as the body's,
    # the table's and the row's direct children only, they were lost with nothing said.
    from docx.oxml import OxmlElement

    def wrap(element: Any) -> None:
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        sdt.append(OxmlElement("w:sdtPr"))
        element.addprevious(sdt)
        content.append(element)
        sdt.append(content)

    document = _word_plan(24, "PHỤ LỤC")
    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý III/2026"],
            ["2", "Việc hai.", "Sở Gamma", "Sở Alpha", "Quý IV/2026"]]
    table = _word_table(document, rows)
    wrap(table.rows[2]._tr.tc_lst[2])  # a cell
    wrap(table.rows[1]._tr)  # a row
    wrap(table._tbl)  # the table
    wrap(document.paragraphs[2]._p)  # the kind of document
    _, register = _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((register / "programmes/24-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["programme"]["kind"] == "Kế hoạch"
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    found = [(t["id"], [agencies[a] for a in t["lead"]], str(t["due"])) for t in tasks["groups"][0]["tasks"]]
    assert found == [("1", ["Sở Alpha"], "2026-09-30"), ("2", ["Sở Gamma"], "2026-12-31")]


def test_text_a_tracked_change_moved_away_is_read_once_where_it_now_stands(tmp_path: Path) -> None:
    # Word keeps moved text at its old place too (w:moveFrom, with w:t like any text): read
    # there as well, the task's text held its words twice.
    from docx.oxml import OxmlElement

    document = _word_plan(25, "PHỤ LỤC")
    table = document.add_table(rows=2, cols=5)
    for row, cells in zip(table.rows, [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
                                       ["1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý III/2026"]], strict=True):
        for i, text in enumerate(cells):
            row.cells[i].text = text
    paragraph = table.rows[1].cells[1].paragraphs[0]
    moved = OxmlElement("w:moveFrom")
    run = paragraph.add_run(" Việc cũ.")._r
    run.addprevious(moved)
    moved.append(run)
    _, register = _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((register / "programmes/25-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert tasks["groups"][0]["tasks"][0]["text"] == "Việc một."


def test_a_table_of_targets_with_a_figure_for_each_year_gives_a_target_for_each_year(tmp_path: Path) -> None:
    # Only the first year's column was read (the later years' figures dropped unsaid), and in a
    # table written one cell a paragraph the header stopped at "Thực hiện năm 2025".
    cells = ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Năm 2026", "Năm 2027", "Cơ quan chủ trì",
             "1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "95", "98", "100", "Sở Alpha",
             "2", "Số doanh nghiệp thành lập mới", "Doanh nghiệp", "1.200", "-", "1.800", "Sở Beta"]
    _plan(tmp_path, 26, "I. MỤC TIÊU", *cells, "II. NHIỆM VỤ",
                     "1. Sở Alpha: Rà soát thủ tục hành chính, hoàn thành trong Quý III/2026.",
                     "2. Sở Beta, Sở Gamma: Hỗ trợ doanh nghiệp thành lập mới.")
    targets = yaml.safe_load((tmp_path / "reg/programmes/26-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    goals = {t["id"]: (t["indicators"][0]["value"], t["indicators"][0]["unit"], t["source"]) for t in targets}
    assert goals == {"2026.1": (98, "%", "Bảng, 1, Năm 2026"), "2027.1": (100, "%", "Bảng, 1, Năm 2027"),
                     "2027.2": (1800, "Doanh nghiệp", "Bảng, 2, Năm 2027")}


def test_points_of_a_section_that_give_their_bodies_the_work_after_a_colon_are_tasks(tmp_path: Path) -> None:
    # "II. NHIỆM VỤ" over "1. Sở A: Rà soát …": the section was not seen to assign work, and
    # the plan was refused ("không tìm thấy nhiệm vụ nào").
    _, tasks = _plan(tmp_path, 27, "I. MỤC ĐÍCH", "Để thử.", "II. NHIỆM VỤ",
                     "1. Sở Alpha: Rà soát thủ tục hành chính, hoàn thành trong Quý III/2026.",
                     "2. Sở Beta, Sở Gamma: Hỗ trợ doanh nghiệp thành lập mới.")
    found = [(t["lead"], str(t["due"])) for g in tasks["groups"] for t in g["tasks"]]
    assert found == [(["so-alpha"], "2026-09-30"), (["so-beta", "so-gamma"], "ongoing")]


def test_a_point_giving_several_sos_the_work_after_cac_so_names_each(tmp_path: Path) -> None:
    # "Các Sở: Beta, Gamma: Hỗ trợ …" was one new agency "Các Sở", its list read as the work.
    _, tasks = _plan(tmp_path, 29, "I. MỤC ĐÍCH", "Để thử.", "II. NHIỆM VỤ",
                     "1. Sở Alpha: Rà soát thủ tục hành chính, hoàn thành trong Quý III/2026.",
                     "2. Các Sở: Beta, Gamma: Hỗ trợ doanh nghiệp thành lập mới.")
    found = [(t["lead"], t["text"]) for g in tasks["groups"] for t in g["tasks"]]
    assert found[1] == (["so-beta", "so-gamma"], "Các Sở: Beta, Gamma: Hỗ trợ doanh nghiệp thành lập mới.")


def test_years_under_a_spanning_header_and_a_target_without_its_lead_in_a_word_table(tmp_path: Path) -> None:
    # "Mục tiêu" over "Năm 2026" | "Năm 2027" was read as one header row: only 2026's figures;
    # a target whose lead cell is empty was written "lead: []" with nothing to check.
    document = _word_plan(28, "I. MỤC TIÊU")
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Mục tiêu", "", "Cơ quan chủ trì"], ["", "", "", "Năm 2026", "Năm 2027", ""],
            ["1", "Tỷ lệ hồ sơ đúng hạn", "%", "98", "100", "Sở Alpha"], ["2", "Chỉ số PCI", "Điểm", "67", "69", ""]]
    table = _word_table(document, rows)
    table.cell(0, 3).merge(table.cell(0, 4)).text = "Mục tiêu"
    for column in (0, 1, 2, 5):
        table.cell(0, column).merge(table.cell(1, column)).text = rows[0][column]
    for text in ("II. NHIỆM VỤ", "1. Sở Alpha: Rà soát thủ tục hành chính, hoàn thành trong Quý III/2026."):
        document.add_paragraph(text)
    _, register = _ingest_word(tmp_path, document)
    written = (register / "programmes/28-kh-ubnd/targets.yaml").read_text(encoding="utf-8")
    goals = {t["id"]: (t["lead"], t["indicators"][0]["value"]) for t in yaml.safe_load(written)}
    assert goals == {"2026.1": (["so-alpha"], 98), "2027.1": (["so-alpha"], 100), "2026.2": ([], 67), "2027.2": ([], 69)}
    assert written.count("lead: []  # KIỂM TRA: văn bản không nêu cơ quan chủ trì chỉ tiêu này") == 2


def test_a_pdf_cell_spanning_columns_stands_in_each_column_it_covers() -> None:
    # "Mục tiêu" over "Năm 2026" | "Năm 2027": the header's rows had 3 and 4 cells, could not be
    # read as one header, and the lead column was taken from the wrong place.
    from qnctr.ingest.blocks import Table
    from qnctr.ingest.pdf import page_blocks

    rules = [(50, y, 450, y) for y in (700, 680, 660)] + [(x, 660, x, 700) for x in (50, 150, 350, 450)] + \
        [(250, 660, 250, 680)]
    glyphs = [*_line("STT", 55, 685), *_line("Muc tieu", 160, 685), *_line("Co quan", 355, 685),
              *_line("1", 55, 665), *_line("98", 160, 665), *_line("100", 260, 665), *_line("So A", 355, 665)]
    blocks: list[object] = []
    page_blocks(blocks, glyphs, rules, 1, 600)  # type: ignore[arg-type]
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.rows == [["STT", "Muc tieu", "Muc tieu", "Co quan"], ["1", "98", "100", "So A"]]


def test_a_title_across_a_pdf_table_broken_by_the_page_is_joined() -> None:
    from qnctr.ingest.blocks import Table
    from qnctr.ingest.pdf import join_across_pages, page_blocks

    def page(lines: list[tuple[str, float]]) -> tuple[list[object], list[tuple[float, float, float, float]]]:
        tops = [700 - 20 * i for i in range(len(lines) + 1)]
        rules = [(50, y, 350, y) for y in tops] + [(x, tops[-1], x, 700) for x in (50, 350)]
        return [g for (text, x), top in zip(lines, tops, strict=False) for g in _line(text, x, top - 15)], rules

    blocks: list[object] = []
    glyphs, rules = page([("1 Viec mot", 55), ("II. HOAN THIEN CO CHE", 55)])
    page_blocks(blocks, glyphs, rules, 1, 600)  # type: ignore[arg-type]
    glyphs, rules = page([("DOANH NGHIEP", 55), ("2 Viec hai", 55)])
    page_blocks(blocks, glyphs, rules, 2, 600)  # type: ignore[arg-type]
    join_across_pages(blocks)  # type: ignore[arg-type]
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.rows == [["1 Viec mot"], ["II. HOAN THIEN CO CHE DOANH NGHIEP"], ["2 Viec hai"]]


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_a_word_table_with_merged_cells_and_the_pdf_it_prints_give_the_same_draft(tmp_path: Path) -> None:
    import subprocess


    document = _word_plan(29, "I. MỤC TIÊU")
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Mục tiêu", "", "Cơ quan chủ trì"], ["", "", "", "Năm 2026", "Năm 2027", ""],
            ["1", "Tỷ lệ hồ sơ đúng hạn", "%", "98", "100", "Sở Alpha"], ["2", "Chỉ số PCI", "Điểm", "67", "69", ""]]
    targets = _word_table(document, rows, grid=True)
    targets.cell(0, 3).merge(targets.cell(0, 4)).text = "Mục tiêu"
    for column in (0, 1, 2, 5):
        targets.cell(0, column).merge(targets.cell(1, column)).text = rows[0][column]
    targets.cell(2, 5).merge(targets.cell(3, 5)).text = "Sở Alpha"
    document.add_paragraph("II. NHIỆM VỤ")
    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["1", "Việc một.", "", "Sở Beta", "Quý III/2026"], ["2", "Việc hai.", "", "Sở Gamma", ""],
            ["3", "Việc ba.", "", "", ""]]
    tasks = _word_table(document, rows, grid=True)
    tasks.cell(1, 2).merge(tasks.cell(3, 2)).text = "Sở Alpha; Sở Delta"
    from docx.enum.table import WD_ALIGN_VERTICAL
    tasks.cell(1, 2).vertical_alignment = WD_ALIGN_VERTICAL.CENTER  # its text in the middle row of the PDF
    tasks.cell(2, 4).merge(tasks.cell(3, 4)).text = "Thường xuyên"
    tasks.cell(3, 3).text = "Sở Beta"  # bodies one a paragraph: a list, in the PDF too
    tasks.cell(3, 3).add_paragraph("Sở Gamma")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    drafts = {}
    for name in ("plan.docx", "plan.pdf"):
        register = tmp_path / f"reg-{name}"
        result = run_cli("ingest", str(tmp_path / name), "--data", str(register))
        assert result.code == 0, result.out + result.err
        drafts[name] = [yaml.safe_load((register / f"programmes/29-kh-ubnd/{file}").read_text(encoding="utf-8"))
                        for file in ("tasks.yaml", "targets.yaml")]
    assert drafts["plan.docx"] == drafts["plan.pdf"]
    read, goals = drafts["plan.pdf"]
    assert [(t["lead"], t["support"], str(t["due"])) for t in read["groups"][0]["tasks"]] == [
        (["so-alpha", "so-delta"], ["so-beta"], "2026-09-30"), (["so-alpha", "so-delta"], ["so-gamma"], "ongoing"),
        (["so-alpha", "so-delta"], ["so-beta", "so-gamma"], "ongoing")]
    assert {t["id"]: (t["lead"], t["indicators"][0]["value"]) for t in goals} == {
        "2026.1": (["so-alpha"], 98), "2027.1": (["so-alpha"], 100), "2026.2": (["so-alpha"], 67),
        "2027.2": (["so-alpha"], 69)}


@pytest.mark.parametrize(("top", "below", "cells", "expect"), [
    (["STT", "Chỉ tiêu", "ĐVT", "Mục tiêu", "Cơ quan chủ trì"], ["Năm 2026", "Năm 2027"],
     ["1", "Tỷ lệ hồ sơ đúng hạn", "%", "98", "100", "Sở Alpha"], "targets"),
    (["STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "Thời gian hoàn thành"], ["Chủ trì", "Phối hợp"],
     ["1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý III/2026"], "tasks"),
])
def test_a_website_header_of_two_rows_whose_lower_row_names_only_the_split_columns(
        tmp_path: Path, top: list[str], below: list[str], cells: list[str], expect: str) -> None:
    # A website leaves out of the second header row the cells spanning both: read as the top row
    # alone, the columns after the split slid (a figure "100" became the lead and a new agency;
    # a partner became the deadline).
    def row(*texts: str) -> str:
        return "".join(f"|\n{text}\n" for text in texts) + "|\n"
    table = row(*top) + row(*below) + row(*cells) + "|\n"
    tasks = row("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành") + \
        row("1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý III/2026") + "|\n"
    text = WEBSITE[:WEBSITE.index("|\n**STT**")] + ("**CHỈ TIÊU**\n\n" + table + "\n\n" + tasks if expect == "targets"
                                                   else table)
    code, out, register = _ingest(tmp_path, "plan.txt", text)
    assert code == 0, out
    agencies = {a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert agencies >= {"Sở Alpha", "Sở Beta"} and not agencies & {"100", "Quý III/2026"}
    if expect == "targets":
        goals = yaml.safe_load((register / "programmes/12-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
        assert {t["id"]: (t["lead"], t["indicators"][0]["value"]) for t in goals} == {
            "2026.1": (["so-alpha"], 98), "2027.1": (["so-alpha"], 100)}
    else:
        task = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))[
            "groups"][0]["tasks"][0]
        assert (task["lead"], task["support"], str(task["due"])) == (["so-alpha"], ["so-beta"], "2026-09-30")


def test_rows_lettered_under_a_numbered_row_are_its_tasks(tmp_path: Path) -> None:
    # "1 | Cải cách thể chế" over "a", "b)": the lettered rows were rows "without a number", kept
    # as notes, and "1" a task with no lead.
    cells = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành",
             "1", "Cải cách thể chế", "\u00a0", "\u00a0", "\u00a0",
             "a", "Rà soát văn bản.", "Sở Alpha", "Sở Beta", "Quý II/2026",
             "b)", "Xây dựng cơ sở dữ liệu.", "Sở Alpha", "\u00a0", "Quý IV/2026",
             "2", "Cải cách thủ tục", "\u00a0", "\u00a0", "\u00a0",
             "a", "Cắt giảm thủ tục.", "Sở Gamma", "\u00a0", "Năm 2026"]
    out, tasks = _plan(tmp_path, 30, "PHỤ LỤC", *cells)
    found = {g["id"]: [(t["id"], t["lead"], t["source"]) for t in g["tasks"]] for g in tasks["groups"]}
    assert found == {"1": [("1.a", ["so-alpha"], "Phụ lục, mục 1, STT a"), ("1.b", ["so-alpha"], "Phụ lục, mục 1, STT b")],
                     "2": [("2.a", ["so-gamma"], "Phụ lục, mục 2, STT a")]}, out
    assert "ingest-row" not in out and "ingest-no-lead" not in out


def test_a_numbered_row_after_lettered_rows_is_no_task_of_their_head(tmp_path: Path) -> None:
    # "2" and "3" after "1 | Cải cách thể chế" over "a", "b)": they were put in group 1, under a
    # title that is not theirs (status --group 1 and the report's appendix listed them there).
    # Under a roman group they go back to it; with none, each stands as the rows heading groups do.
    head = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    lettered = ["a", "Rà soát văn bản.", "Sở Alpha", "Sở Beta", "Quý II/2026",
                "b)", "Xây dựng cơ sở dữ liệu.", "Sở Alpha", "\u00a0", "Quý IV/2026"]
    after = ["3", "Công khai thủ tục.", "Sở Gamma", "\u00a0", "Năm 2026",
             "4", "Số hóa hồ sơ.", "Sở Beta", "\u00a0", "Quý III/2026"]
    (tmp_path / "bare").mkdir()
    (tmp_path / "roman").mkdir()
    _, tasks = _plan(tmp_path / "bare", 31, "PHỤ LỤC", *head, "2", "Cải cách thể chế", *["\u00a0"] * 3,
                     *lettered, *after)
    found = {g["id"]: (g["title"], [t["id"] for t in g["tasks"]]) for g in tasks["groups"]}
    assert found == {"2": ("Cải cách thể chế", ["2.a", "2.b"]), "3": ("Công khai thủ tục.", ["3"]),
                     "4": ("Số hóa hồ sơ.", ["4"])}
    _, tasks = _plan(tmp_path / "roman", 32, "PHỤ LỤC", *head, "I", "NHÓM MỘT", *["\u00a0"] * 3,
                     "1", "Việc một.", "Sở Alpha", "\u00a0", "Năm 2026",
                     "2", "Cải cách thể chế", *["\u00a0"] * 3, *lettered, *after,
                     "II", "NHÓM HAI", *["\u00a0"] * 3, "1", "Việc năm.", "Sở Beta", "\u00a0", "Năm 2027")
    found = {g["id"]: [t["id"] for t in g["tasks"]] for g in tasks["groups"]}
    assert found == {"I": ["I.1", "I.3", "I.4"], "2": ["2.a", "2.b"], "II": ["II.1"]}


@pytest.mark.parametrize(("line", "number", "key"), [
    ("Số: 12/2026/QĐ-UBND", "12/2026/QĐ-UBND", "12-2026-qd-ubnd"),  # a normative decision carries its year
    ("Số 45 - KH/TU", "45-KH/TU", "45-kh-tu"),
])
def test_a_documents_number_is_read_whole(tmp_path: Path, line: str, number: str, key: str) -> None:
    # "12/2026/QĐ-UBND" was read "12/2026" and "45 - KH/TU" was "45": the programme was named
    # by a number no document bears.
    text = "\n\n".join([line, "Thử, ngày 01 tháng 2 năm 2026", "KẾ HOẠCH", "VỀ VIỆC THỬ", "I. NHIỆM VỤ",
                        "1. Sở Alpha: Làm việc một, hoàn thành trong Quý III/2026.", "2. Sở Beta: Làm việc hai."])
    code, out, register = _ingest(tmp_path, "plan.txt", text)
    assert code == 0, out
    assert yaml.safe_load((register / f"programmes/{key}/tasks.yaml").read_text(encoding="utf-8"))["programme"]["id"] == number
    assert run_cli("validate", "--data", str(register)).code == 0


def test_bodies_one_a_line_in_a_cell_are_each_a_body(tmp_path: Path) -> None:
    # "Sở Beta" over "Sở Gamma" in one Word cell was one new agency "Sở Beta Sở Gamma"; so was a
    # list with a dash before each body, as a PDF or a website gives it.
    document = _word_plan(31, "PHỤ LỤC")
    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
            ["1", "Việc một.", "Sở Alpha", "", "Quý III/2026"],
            ["2", "Việc hai.", "Sở Alpha", "- Sở Beta - Chi cục Văn thư - Lưu trữ", "Quý IV/2026"]]
    table = _word_table(document, rows)
    cell = table.cell(1, 3)
    cell.paragraphs[0].text = "Sở Beta"
    cell.add_paragraph("Sở Gamma")
    task_cell = table.cell(1, 1)  # a task's text over two paragraphs stays one text
    task_cell.add_paragraph("Tiếp theo.")
    _, register = _ingest_word(tmp_path, document)
    tasks = yaml.safe_load((register / "programmes/31-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))["groups"][0]["tasks"]
    agencies = {a["id"]: a["name"] for a in yaml.safe_load((register / "agencies.yaml").read_text(encoding="utf-8"))}
    assert [[agencies[a] for a in t["support"]] for t in tasks] == [["Sở Beta", "Sở Gamma"],
                                                                  ["Sở Beta", "Chi cục Văn thư - Lưu trữ"]]
    assert tasks[0]["text"] == "Việc một. Tiếp theo."


def test_a_pdf_cells_lines_its_writer_ended_are_told_from_lines_it_wrapped() -> None:
    # "Sở Beta" over "Sở Gamma" (each ended well short of the border) were joined into one new
    # agency; "Văn phòng Đoàn" wrapped before "UBND tỉnh" (its first word did not fit) is one body.
    from qnctr.ingest.blocks import Table
    from qnctr.ingest.pdf import page_blocks
    from qnctr.ingest.source import _lines_of_cell

    rules = [(50, y, 200, y) for y in (700, 640)] + [(x, 640, x, 700) for x in (50, 100, 200)]
    glyphs = [*_line("1", 55, 685), *_line("Sở Beta", 105, 685), *_line("Sở Gamma", 105, 672),
              *_line("Văn phòng Đoàn", 105, 659), *_line("UBND tỉnh", 105, 646)]
    blocks: list[object] = []
    page_blocks(blocks, glyphs, rules, 1, 600)  # type: ignore[arg-type]
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.rows[0][1] == "Sở Beta\nSở Gamma\nVăn phòng Đoàn UBND tỉnh"
    assert _lines_of_cell(table.rows[0][1]) == "Sở Beta; Sở Gamma; Văn phòng Đoàn UBND tỉnh"
    assert _lines_of_cell("Rà soát văn bản\nSở Beta") == "Rà soát văn bản Sở Beta"  # not a list of bodies: one text


def test_a_goal_and_its_unit_merged_down_a_table_of_targets_are_each_rows(tmp_path: Path) -> None:
    # "100" and "%" written once for two indicators: the second had no figure and was drafted a
    # qualitative target, with nothing to check.
    document = _word_plan(32, "I. CHỈ TIÊU")
    rows = [["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026", "Cơ quan chủ trì"],
            ["1", "Tỷ lệ hồ sơ trực tuyến", "", "", "Sở Alpha"], ["2", "Tỷ lệ hồ sơ số hóa", "", "", "Sở Alpha"]]
    table = _word_table(document, rows)
    table.cell(1, 2).merge(table.cell(2, 2)).text = "%"
    table.cell(1, 3).merge(table.cell(2, 3)).text = "100"
    for text in ("II. NHIỆM VỤ", "1. Sở Alpha: Rà soát thủ tục hành chính, hoàn thành trong Quý III/2026."):
        document.add_paragraph(text)
    _, register = _ingest_word(tmp_path, document)
    goals = yaml.safe_load((register / "programmes/32-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    assert [(t["id"], t["indicators"][0].get("value"), t["indicators"][0].get("unit")) for t in goals] == [
        ("2026.1", 100, "%"), ("2026.2", 100, "%")]


def test_a_website_table_by_agency_whose_agency_cell_spans_its_rows(tmp_path: Path) -> None:
    # "STT | Cơ quan chủ trì | Nội dung | Thời gian" with the agency written once for its rows:
    # the rows below had no agency cell and their text slid into the lead column.
    def row(*cells: str) -> str:
        return "".join(f"|\n{cell}\n" for cell in cells) + "|\n"
    table = (row("**STT**", "**Cơ quan chủ trì**", "**Nội dung nhiệm vụ**", "**Thời gian hoàn thành**")
             + row("1", "Sở Alpha", "Việc một.", "Quý III/2026") + row("2", "Việc hai.", "Quý IV/2026")
             + row("3", "Sở Beta", "Việc ba.", "Thường xuyên") + "|\n")
    code, out, register = _ingest(tmp_path, "plan.txt", WEBSITE[:WEBSITE.index("|\n**STT**")] + table)
    assert code == 0, out
    tasks = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    found = [(t["text"], t["lead"], str(t["due"])) for t in tasks["groups"][0]["tasks"]]
    assert found == [("Việc một.", ["so-alpha"], "2026-09-30"), ("Việc hai.", ["so-alpha"], "2026-12-31"),
                     ("Việc ba.", ["so-beta"], "ongoing")]
    assert re.search(r"ingest-row\] 2: .*đã lấy cơ quan chủ trì \(Sở Alpha\) của dòng trên", out), out


def test_a_second_appendix_numbering_its_groups_afresh_is_named_by_its_appendix(tmp_path: Path) -> None:
    # "Phụ lục I" and "Phụ lục II" each with a group "I": two groups "I", and validate refused the draft.
    def row(*cells: str) -> str:
        return "".join(f"|\n{cell}\n" for cell in cells) + "|\n"
    header = row("**STT**", "**Nội dung nhiệm vụ**", "**Cơ quan chủ trì**", "**Cơ quan phối hợp**",
                 "**Thời gian hoàn thành**")
    first = header + row("**I. NHÓM MỘT**") + row("1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý II/2026") + "|\n"
    second = header + row("**I. NHÓM HAI**") + row("1", "Việc hai.", "Sở Beta", "Sở Alpha", "Quý III/2026") + "|\n"
    text = (WEBSITE[:WEBSITE.index("**PHỤ LỤC**")] + "**PHỤ LỤC I**\n\nNHIỆM VỤ\n\n" + first
            + "\n\n**PHỤ LỤC II**\n\nNHIỆM VỤ KHÁC\n\n" + second)
    code, out, register = _ingest(tmp_path, "plan.txt", text)
    assert code == 0, out
    tasks = yaml.safe_load((register / "programmes/12-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    found = {g["id"]: [(t["id"], t["source"]) for t in g["tasks"]] for g in tasks["groups"]}
    assert found == {"I": [("I.1", "Phụ lục I, mục I, STT 1")], "PL2.I": [("PL2.I.1", "Phụ lục II, mục I, STT 1")]}
    assert run_cli("validate", "--data", str(register)).code == 0


def test_a_second_table_under_no_appendix_heading_is_named_by_its_place(tmp_path: Path) -> None:
    # Two tables with a group "I" and no "Phụ lục" above them: the second's label "Bảng" was read
    # as a roman numeral, 0, and its groups named "PL0.I" (a third such table would have clashed).
    head = "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành"
    _, tasks = _plan(tmp_path, 47, head, "I\tNHÓM MỘT\t\t\n1\tViệc một.\tSở Alpha\tQuý III/2026",
                     "Danh mục thứ hai", head, "I\tNHÓM HAI\t\t\n1\tViệc hai.\tSở Beta\tQuý IV/2026")
    found = {g["id"]: [(t["id"], t["source"]) for t in g["tasks"]] for g in tasks["groups"]}
    assert found == {"I": [("I.1", "Bảng, mục I, STT 1")], "B2.I": [("B2.I.1", "Bảng, mục I, STT 1")]}


def test_a_cell_that_says_as_above_takes_the_cell_above(tmp_path: Path) -> None:
    # "nt", "Như trên" under a lead or a deadline: each was a new agency ("nt") or an unread deadline.
    cells = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành",
             "1", "Việc một.", "Sở Alpha", "Sở Beta", "Quý III/2026",
             "2", "Việc hai.", "nt", "Như trên", "-nt-",
             "3", "Việc ba.", "Sở Gamma", "\u00a0", "Như trên."]
    out, tasks = _plan(tmp_path, 33, "PHỤ LỤC", *cells)
    found = [(t["lead"], t["support"], str(t["due"])) for t in tasks["groups"][0]["tasks"]]
    assert found == [(["so-alpha"], ["so-beta"], "2026-09-30"), (["so-alpha"], ["so-beta"], "2026-09-30"),
                     (["so-gamma"], [], "2026-09-30")], out


def test_a_row_that_cannot_be_placed_is_said_at_once_and_one_wider_than_its_header_too(tmp_path: Path) -> None:
    # Fifteen cells in a table of thirty columns have millions of placements: tried one by one,
    # reading the plan would hang. A row wider than its header was read as if the columns matched.
    import time

    from qnctr.ingest import parse
    from qnctr.ingest.blocks import Table

    header = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", *[f"Ghi chú {i}" for i in range(26)]]
    table = Table([header, ["1", "Việc một.", "Sở Alpha", "Sở Beta", *["x"] * 26],
                   ["2", "Việc hai.", "Sở Gamma", *["y"] * 12], ["3", "Việc ba.", *["z"] * 29]], [1, 2, 3, 4])
    started = time.monotonic()
    _, rows, said = parse._rows(table)
    assert time.monotonic() - started < 5
    assert "không rõ ô nào thuộc cột nào" in said[id(rows[2][0])] and rows[2][0][1] == "Việc hai."
    assert rows[2][0][2:4] == ["", ""]  # no lead, no partner guessed
    assert "tiêu đề bảng có 30 cột" in said[id(rows[3][0])]


def test_a_table_copied_from_word_into_a_text_file_is_read_by_its_tabs(tmp_path: Path) -> None:
    # A line a row, cells apart by tabs: read as paragraphs, the plan was refused ("không tìm thấy
    # nhiệm vụ nào"). The editor trims a row's empty last cells; they are empty, not the row above's.
    _, tasks = _plan(tmp_path, 41, "PHỤ LỤC",
                     "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
                     "I\tNHÓM MỘT\n1\tViệc một.\tSở Alpha\tSở Beta\tQuý III/2026\n2\tViệc hai.\tSở Gamma")
    assert [g["title"] for g in tasks["groups"]] == ["NHÓM MỘT"]
    found = [(t["id"], t["lead"], t["support"], str(t["due"])) for t in tasks["groups"][0]["tasks"]]
    assert found == [("1", ["so-alpha"], ["so-beta"], "2026-09-30"), ("2", ["so-gamma"], [], "ongoing")]


def test_a_school_year_as_a_deadline_is_marked_to_check(tmp_path: Path) -> None:
    # "Năm học 2026-2027" was the period 2026-2027, due at the end of 2027 with nothing to check:
    # a school year ends in the middle of its second year.
    out, tasks = _plan(tmp_path, 46, "PHỤ LỤC", "STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành",
                       "1", "Việc một.", "Sở Alpha", "Năm học 2026-2027", "2", "Việc hai.", "Sở Alpha", "Giai đoạn 2026-2027")
    assert [t["due"] for t in tasks["groups"][0]["tasks"]] == [{"from": 2026, "to": 2027}] * 2
    assert "là một năm học, kết thúc giữa năm 2027" in out and out.count("[ingest-deadline]") == 1
    text = (tmp_path / "reg/programmes/46-kh-ubnd/tasks.yaml").read_text(encoding="utf-8")
    assert text.count("# KIỂM TRA: 'Năm học 2026-2027' là một năm học") == 1


def test_a_table_written_one_cell_a_paragraph_under_tt(tmp_path: Path) -> None:
    # "TT" heads as many tables as "STT": its table was read as paragraphs and the plan refused.
    _, tasks = _plan(tmp_path, 42, "PHỤ LỤC", "TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành",
                     "1", "Việc một.", "Sở Alpha", "Quý III/2026")
    assert [(t["lead"], str(t["due"])) for t in tasks["groups"][0]["tasks"]] == [(["so-alpha"], "2026-09-30")]


def test_a_point_naming_each_years_figure_gives_a_target_for_each_year(tmp_path: Path) -> None:
    # "năm 2026 đạt 98%, năm 2027 đạt 100%" was one target "≥ 98 %": the 2027 figure was dropped.
    _plan(tmp_path, 43, "I. MỤC TIÊU", "2. Chỉ tiêu",
          "- Tỷ lệ hồ sơ giải quyết đúng hạn năm 2026 đạt 98%, năm 2027 đạt 100%.",
          "- Chỉ số PCI năm 2026 đạt từ 66 điểm trở lên.",
          "II. NHIỆM VỤ", "1. Sở Alpha: Rà soát thủ tục, hoàn thành trong Quý III/2026.")
    goals = yaml.safe_load((tmp_path / "reg/programmes/43-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    assert [(t["id"], t["due"], t["indicators"][0]["value"], t["indicators"][0]["unit"]) for t in goals] == [
        ("2026.1", 2026, 98, "%"), ("2027.1", 2027, 100, "%"), ("2026.2", 2026, 66, "điểm")]


def test_a_point_naming_each_figure_before_its_year_gives_a_target_for_each_year(tmp_path: Path) -> None:
    # "đạt 80% vào năm 2026 và 90% vào năm 2027" was one target for 2026, "≥ 80 %": the 2027
    # figure was dropped without a word. A year after "so với" is a baseline, not a year to reach
    # (the target was due in 2025, the year it is measured from).
    _plan(tmp_path, 45, "I. MỤC TIÊU", "2. Chỉ tiêu",
          "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt 80% vào năm 2026 và 90% vào năm 2027.",
          "- Thu hút 500 doanh nghiệp năm 2026, 700 doanh nghiệp năm 2027.",
          "- Chi phí không chính thức giảm 10% so với năm 2025, đạt mức thấp nhất vào năm 2026.",
          "- Thời gian xử lý năm 2026 giảm 20% so với năm 2025, năm 2027 giảm 30% so với năm 2025.",
          "II. NHIỆM VỤ", "1. Sở Alpha: Rà soát thủ tục, hoàn thành trong Quý III/2026.")
    goals = yaml.safe_load((tmp_path / "reg/programmes/45-kh-ubnd/targets.yaml").read_text(encoding="utf-8"))
    assert [(t["id"], t["due"], t["indicators"][0]["value"], t["indicators"][0]["unit"],
             t["indicators"][0].get("op")) for t in goals] == [
        ("2026.1", 2026, 80, "%", ">="), ("2027.1", 2027, 90, "%", ">="),
        ("2026.2", 2026, 500, "doanh nghiệp", ">="), ("2027.2", 2027, 700, "doanh nghiệp", ">="),
        ("2026.3", 2026, 10, "%", ">="), ("2026.4", 2026, 20, "%", ">="), ("2027.3", 2027, 30, "%", ">=")]


def test_a_word_row_that_starts_off_the_grid_keeps_its_cells_in_their_columns(tmp_path: Path) -> None:
    # w:gridBefore: a row whose first cell stands in the second column; read from the first, its
    # text was the number, its lead the text, its deadline a partner.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = _word_plan(44, "PHỤ LỤC")
    table = _word_table(document, [["Ghi chú", "STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
                                   ["", "1", "Việc một.", "Sở Alpha", "Quý III/2026"],
                                   ["", "2", "Việc hai.", "Sở Beta", "Quý IV/2026"]])
    row = table.rows[2]._tr
    row.remove(row.tc_lst[0])  # the row skips the first column of the grid
    properties = row.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    properties.insert(0, before)
    said, register = _ingest_word(tmp_path, document)
    assert "ingest-row" not in said  # Word says where the row's cells stand: nothing to guess
    tasks = yaml.safe_load((register / "programmes/44-kh-ubnd/tasks.yaml").read_text(encoding="utf-8"))
    assert [(t["id"], t["text"], t["lead"], str(t["due"])) for t in tasks["groups"][0]["tasks"]] == [
        ("1", "Việc một.", ["so-alpha"], "2026-09-30"), ("2", "Việc hai.", ["so-beta"], "2026-12-31")]


def test_several_sos_named_after_one_cac_so_are_each_a_body(tmp_path: Path) -> None:
    # "Các Sở: Beta, Gamma" was one new agency "Các Sở: Beta, Gamma".
    _, tasks = _plan(tmp_path, 45, "PHỤ LỤC", "STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                     "Thời gian hoàn thành", "1", "Việc một.", "Sở Alpha", "Các Sở: Beta, Gamma; UBND các xã",
                     "Quý III/2026")
    task = tasks["groups"][0]["tasks"][0]
    assert task["support"] == ["so-beta", "so-gamma", "uy-ban-nhan-dan-cac-xa"]


def test_the_sos_listed_after_another_body_are_each_a_body() -> None:
    # "Sở Alpha, các Sở: Beta, Gamma" was "Sở Alpha" and one body "các Sở: Beta" (then "Gamma"),
    # and "Nội vụ và UBND các xã" one Sở of both.
    assert names.split_names("Sở Alpha, các Sở: Beta, Gamma") == ["Sở Alpha", "Sở Beta", "Sở Gamma"]
    assert names.split_names("Văn phòng UBND tỉnh và các sở: Tài chính, Nội vụ và UBND các xã") == \
        ["Văn phòng UBND tỉnh", "Sở Tài chính", "Sở Nội vụ", "UBND các xã"]
    assert names.split_names("Các Sở: Kế hoạch và Đầu tư, Tư pháp") == ["Sở Kế hoạch và Đầu tư", "Sở Tư pháp"]
