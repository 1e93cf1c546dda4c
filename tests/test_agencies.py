"""Finding agencies by any name; groups, successions and roles."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from qnctr.agencies import AgencyQueryError, Directory, fold
from qnctr.load import load_register

from .support import AS_OF, DATA, run_cli


@pytest.fixture(scope="module")
def directory() -> Directory:
    register, _ = load_register(DATA)
    return Directory(register.agencies)


@pytest.mark.parametrize("query", [
    "so-noi-vu", "Sở Nội vụ", "sở nội vụ", "SỞ NỘI VỤ", "so noi vu", "SO NOI VU", "  Sở   Nội  vụ ",
    unicodedata.normalize("NFD", "Sở Nội vụ"), "SNV",
])
def test_every_form_of_a_name_finds_the_agency(directory: Directory, query: str) -> None:
    assert directory.find(query).id == "so-noi-vu"


def test_d_with_stroke_folds_to_d(directory: Directory) -> None:
    assert fold("Đầm Hà") == "dam ha"
    assert directory.find("ubnd huyen dam ha").id == "ubnd-huyen-dam-ha"
    assert directory.find("Sở KH&ĐT").id == "so-ke-hoach-va-dau-tu"


def test_document_spellings_are_aliases(directory: Directory) -> None:
    assert directory.find("UBND các địa phương cấp huyện").id == "ubnd-cap-huyen"
    assert directory.find("Trung tâm phục vụ hành chính công").id == "trung-tam-phuc-vu-hanh-chinh-cong-tinh"


def test_ambiguous_query_lists_candidates(directory: Directory) -> None:
    with pytest.raises(AgencyQueryError) as caught:
        directory.find("Sở Tài")
    assert {a.id for a in caught.value.candidates} == {"so-tai-chinh", "so-tai-nguyen-va-moi-truong"}


def test_unknown_query_suggests_close_names(directory: Directory) -> None:
    with pytest.raises(AgencyQueryError) as caught:
        directory.find("So Noi Vuu")
    assert "so-noi-vu" in {a.id for a in caught.value.candidates}
    with pytest.raises(AgencyQueryError) as caught:
        directory.find("Sở Noi vu x")
    assert caught.value.candidates[0].id == "so-noi-vu", "the closest name comes first"


def test_cli_exits_2_for_ambiguous_and_unknown_agencies() -> None:
    ambiguous = run_cli("status", "--as-of", AS_OF, "--agency", "Sở Tài")
    assert ambiguous.code == 2
    assert "so-tai-chinh" in ambiguous.err and "so-tai-nguyen-va-moi-truong" in ambiguous.err
    unknown = run_cli("status", "--as-of", AS_OF, "--agency", "Sở Nội vuu")
    assert unknown.code == 2
    assert "không tìm thấy" in unknown.err and "so-noi-vu" in unknown.err


def test_succession_moves_duties_to_the_successor(directory: Directory) -> None:
    assert directory.holder("so-lao-dong-thuong-binh-va-xa-hoi", date(2025, 2, 28)) == "so-lao-dong-thuong-binh-va-xa-hoi"
    assert directory.holder("so-lao-dong-thuong-binh-va-xa-hoi", date(2025, 3, 1)) == "so-noi-vu"
    assert directory.holder("ubnd-huyen-co-to", date(2025, 7, 1)) is None
    assert set(directory.lineage("so-noi-vu")) == {"so-noi-vu", "so-lao-dong-thuong-binh-va-xa-hoi"}


def test_roles_lead_member_inherited(directory: Directory) -> None:
    on = date(2026, 11, 24)
    assert directory.responsible(["so-noi-vu"], on)["so-noi-vu"].role == "lead"
    member = directory.responsible(["cac-so-ban-nganh"], on)["so-noi-vu"]
    assert (member.role, member.via) == ("member", "cac-so-ban-nganh")
    heir = directory.responsible(["so-lao-dong-thuong-binh-va-xa-hoi"], on)["so-noi-vu"]
    assert (heir.role, heir.via) == ("inherited", "so-lao-dong-thuong-binh-va-xa-hoi")
    districts = directory.responsible(["ubnd-cap-huyen"], date(2025, 6, 30))
    assert len(districts) == 13
    assert directory.responsible(["ubnd-cap-huyen"], on) == {}


def test_a_role_answer_is_worked_out_once_and_shared_read_only(directory: Directory) -> None:
    """Thousands of tasks share a lead list: the second ask is the first answer, which no
    caller can change for the others."""
    on = date(2026, 11, 24)
    first = directory.roles(["cac-so-ban-nganh"], ["so-noi-vu"], on)
    assert directory.roles(("cac-so-ban-nganh",), ("so-noi-vu",), on) is first
    assert first["so-noi-vu"].role == "member"  # answerable outranks supporting
    with pytest.raises(TypeError):
        first["so-noi-vu"] = first["so-tai-chinh"]  # type: ignore[index]
    assert directory.roles(["cac-so-ban-nganh"], [], date(2025, 2, 28)) is not first


def test_agencies_command_lists_and_finds() -> None:
    listing = run_cli("agencies", "--as-of", AS_OF, "-f", "json")
    import json

    rows = {a["id"]: a for a in json.loads(listing.out)["agencies"]}
    assert rows["so-noi-vu"]["tasks"]["lead"] == 13
    assert rows["so-noi-vu"]["tasks"]["inherited"] == 3
    assert rows["ubnd-cap-huyen"]["members"][0] == "ubnd-tp-ha-long"
    one = run_cli("agencies", "so lao dong", "--as-of", AS_OF)
    assert one.code == 0
    assert "Sở Nội vụ" in one.out and "kế thừa" in one.out


def test_names_people_type_are_found_or_said_to_be_absent() -> None:
    """Abbreviations as offices write them, the distinctive words alone; a sở the programme does
    not name is said to be absent, not answered with unrelated sở."""
    import json

    from .support import AS_OF, run_cli

    def found(name: str) -> str:
        result = run_cli("status", "-a", name, "--as-of", AS_OF, "-f", "json")
        assert result.code == 0, (name, result.err)
        return str(json.loads(result.out)["agency"]["id"])

    for name in ("Sở TT-TT", "STTTT", "Sở TT&TT"):
        assert found(name) == "so-thong-tin-va-truyen-thong"
    for name in ("SKHĐT", "Sở KH&ĐT", "Sở KH-ĐT"):
        assert found(name) == "so-ke-hoach-va-dau-tu"
    assert found("Sở KH&CN") == "so-khoa-hoc-va-cong-nghe"  # never confused with KH&ĐT
    assert found("Nội vụ") == "so-noi-vu"
    absent = run_cli("status", "-a", "Sở Y tế", "--as-of", AS_OF)
    assert absent.code == 2 and "so-" not in absent.err
    assert "danh mục không có cơ quan nào có tên này (xem: qnctr agencies)" in absent.err
    both = run_cli("status", "-a", "Hạ Long", "--as-of", AS_OF)
    assert both.code == 2 and "nhiều cơ quan" in both.err
