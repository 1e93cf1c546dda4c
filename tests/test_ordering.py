"""Lists in the order a reader expects: ids as numbered, names in Vietnamese alphabetical order."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from qnctr.ordering import id_key, name_key

from .support import AS_OF, run_cli


def test_ids_sort_as_the_document_numbers_them() -> None:
    ids = ["2025.12.a", "2025.13.a", "2025.6.a", "2025.10.b", "2025.10.a", "8.đ.3", "8.d.1", "8.e.1", "V.2.b",
           "1.a.10", "1.a.2"]
    assert sorted(ids, key=id_key) == ["1.a.2", "1.a.10", "8.d.1", "8.đ.3", "8.e.1", "2025.6.a", "2025.10.a",
                                       "2025.10.b", "2025.12.a", "2025.13.a", "V.2.b"]


def test_names_sort_in_vietnamese_alphabetical_order() -> None:
    names = ["Chi cục Hải quan", "Các Hiệp hội ngành nghề", "Sở Tư pháp", "Sở Tài chính", "Đài PT-TH", "Dân tộc",
             "Ủy ban MTTQ", "UBND tỉnh", "Ban Quản lý", "Bộ Chỉ huy"]
    assert sorted(names, key=name_key) == ["Ban Quản lý", "Bộ Chỉ huy", "Các Hiệp hội ngành nghề", "Chi cục Hải quan",
                                           "Dân tộc", "Đài PT-TH", "Sở Tài chính", "Sở Tư pháp", "UBND tỉnh",
                                           "Ủy ban MTTQ"]


@given(st.lists(st.text(max_size=12), max_size=12))
def test_any_names_or_ids_can_be_sorted(values: list[str]) -> None:
    assert sorted(sorted(values, key=name_key), key=name_key) == sorted(values, key=name_key)
    assert len(sorted(values, key=id_key)) == len(values)


def test_the_reporting_list_is_in_vietnamese_alphabetical_order(shipped: Path) -> None:
    data = json.loads(run_cli("status", "-f", "json", "--data", str(shipped), "--as-of", AS_OF).out)
    names = [r["agency_name"] for r in data["reporting"]]
    assert names == sorted(names, key=name_key)
    assert names.index("Các Hiệp hội ngành nghề") < names.index("Chi cục Hải quan khu vực VIII")


def test_upcoming_and_overdue_list_agencies_in_alphabetical_order() -> None:
    import json

    from qnctr.ordering import name_key

    from .support import run_cli

    coming = json.loads(run_cli("upcoming", "--as-of", "2026-12-03", "-f", "json").out)["items"]
    reports = [i["agency_name"] for i in coming if i["kind"] == "report"]
    assert len(reports) > 5 and reports == sorted(reports, key=name_key)  # "Các cơ quan …" before "Chi cục …"
    late = json.loads(run_cli("overdue", "--as-of", "2026-12-03", "-f", "json").out)["tasks"]
    shared = [r["agency_name"] for r in late if r["id"] == "V.2.b"]
    assert len(shared) > 5 and shared == sorted(shared, key=name_key)
