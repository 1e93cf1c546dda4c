"""JSON Schema of each register file, generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .errors import QnctrError
from .model import Agency, Explanation, Group, Programme, ProgressReport, Target, Task

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


# What an editor shows on hover, in the words of the people who fill the files: each record's
# title and description, and each field's (title, description).
WORDS: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "Agency": ("Cơ quan", "Một cơ quan trong danh mục của tỉnh, dùng chung cho mọi chương trình.", {
        "id": ("Mã cơ quan", "Viết thường, không dấu, nối bằng '-', như so-tai-nguyen. Không đổi sau khi đã dùng."),
        "name": ("Tên chính thức", "Tên đầy đủ như văn bản ghi."),
        "kind": ("Loại cơ quan", "department (sở), board (ban), government (chính quyền), group (nhóm cơ quan)…"),
        "short_name": ("Tên ngắn", "Tên dùng ở tiêu đề văn bản, nơi nhận (tên rút gọn), khi khác tên đầy đủ."),
        "aliases": ("Tên gọi khác", "Các cách văn bản gọi cơ quan này; dùng để tra cứu và đối chiếu."),
        "members": ("Thành viên", "Với nhóm cơ quan (kind: group): mã các cơ quan trong nhóm."),
        "succeeded_by": ("Cơ quan kế thừa", "Mã cơ quan nhận nhiệm vụ khi cơ quan này sáp nhập, giải thể."),
        "since": ("Từ ngày", "Ngày cơ quan không còn (sáp nhập, giải thể); cần cùng căn cứ."),
        "basis": ("Căn cứ", "Văn bản quyết định việc tổ chức lại."),
        "note": ("Ghi chú", "Điều chưa chắc chắn, nguồn đối chiếu."),
        "under": ("Cơ quan chủ quản", "Mã cơ quan cấp trên trực tiếp, ghi ở góc trái văn bản trên tên cơ quan. Bỏ "
                  "trống: với sở, ban, trung tâm, văn phòng là chính quyền (kind: government) trong danh mục; UBND các cấp "
                  "không ghi.")}),
    "Programme": ("Chương trình", "Phần đầu của văn bản: số hiệu, tên, ngày, cơ quan ban hành, chế độ báo cáo.", {
        "id": ("Số hiệu", "Số, ký hiệu văn bản, như 210/KH-UBND."),
        "title": ("Tên văn bản", "Chép nguyên văn."),
        "issued": ("Ngày ban hành", "YYYY-MM-DD."),
        "issuer": ("Cơ quan ban hành", "Mã cơ quan trong agencies.yaml."),
        "signer": ("Người ký", "Họ và tên người ký văn bản."),
        "place": ("Địa danh", "Tên tỉnh, ghi ở dòng địa danh, ngày tháng của báo cáo."),
        "implements": ("Triển khai văn bản", "Văn bản cấp trên mà chương trình triển khai."),
        "focal_agency": ("Cơ quan đầu mối", "Cơ quan theo dõi, tổng hợp, lập báo cáo chung."),
        "reporting": ("Chế độ báo cáo", "Các kỳ báo cáo như văn bản quy định."),
        "kind": ("Loại văn bản", "Chương trình hành động, Kế hoạch, Đề án, Chỉ thị…; mặc định theo ký hiệu (KH: Kế hoạch)."),
        "horizon": ("Giai đoạn", "{from: 2021, to: 2025, towards: 2030}: giai đoạn và năm định hướng."),
        "status": ("Tình trạng", "draft (đang nhập), in_force (đang thực hiện), ended (đã kết thúc)."),
        "ongoing_in_rates": ("Tính nhiệm vụ thường xuyên vào tỷ lệ", "Mặc định không (QĐ 23/2018/QĐ-TTg); true để tính.")}),
    "Reporting": ("Chế độ báo cáo", "Các kỳ báo cáo, hạn gửi và thời gian chốt số liệu.", {
        "source": ("Mục quy định", "Vị trí trong văn bản của câu về chế độ báo cáo."),
        "text": ("Nguyên văn", "Câu về chế độ báo cáo, chép nguyên văn."),
        "due_day": ("Ngày hạn gửi", "Ngày cuối cùng còn đúng hạn của kỳ 6 tháng, năm, quý, tháng: 'trước ngày 20' "
                                    "là 19. Kỳ 'dates' và 'once' có ngày riêng, không cần trường này."),
        "periods": ("Các kỳ báo cáo", "6 tháng, năm, quý, tháng, các ngày cố định trong năm hoặc báo cáo một lần."),
        "cutoff_basis": ("Căn cứ chốt số liệu", "Văn bản quy định thời gian chốt số liệu.")}),
    "ReportingPeriod": ("Kỳ báo cáo", "Một loại kỳ báo cáo: half-year, year, quarter, month, dates hoặc once.", {
        "kind": ("Loại kỳ", "half-year (6 tháng), year (năm), quarter (quý), month (tháng), "
                 "dates (ngày cố định hằng năm), once (báo cáo một lần)."),
        "due_month": ("Tháng hạn gửi", "Với 6 tháng, năm: tháng của hạn gửi."),
        "cutoff": ("Chốt số liệu", "Với 6 tháng, năm: {from: \"12-15\", to: \"06-14\"} (tháng-ngày)."),
        "due_in": ("Hạn gửi trong tháng", "Với quý, tháng: last-month (tháng cuối kỳ) hoặc next-month (tháng sau)."),
        "window": ("Chốt số liệu theo ngày", "Với quý, tháng: {from: 15, to: 14}; bỏ trống là trọn tháng."),
        "dates": ("Các ngày hạn", "Với dates: ngày cuối cùng còn đúng hạn mỗi lần trong năm, như [\"05-31\", \"11-14\"]."),
        "days": ("Các ngày hạn báo cáo một lần", "Với once: ngày cuối cùng còn đúng hạn của mỗi báo cáo một lần "
                 "(sơ kết, tổng kết), như [2023-11-30]; kỳ của chúng là 2023-D1, 2023-D2…")}),
    "Group": ("Nhóm nhiệm vụ", "Một mục của văn bản gồm các nhiệm vụ.", {
        "id": ("Mã nhóm", "Theo đánh số của văn bản: \"1\", \"V\", \"I\"."),
        "title": ("Tên nhóm", "Chép nguyên văn."), "tasks": ("Nhiệm vụ", "Các nhiệm vụ của nhóm.")}),
    "Task": ("Nhiệm vụ", "Một nhiệm vụ như văn bản giao.", {
        "id": ("Mã nhiệm vụ", "Theo đánh số của văn bản: \"4.b.7\", \"1\", \"I.3\"; viết trong ngoặc kép."),
        "lead": ("Cơ quan chủ trì", "Mã các cơ quan (hoặc nhóm) chủ trì."),
        "support": ("Cơ quan phối hợp", "Mã các cơ quan phối hợp."),
        "due": ("Thời hạn", "ongoing (thường xuyên), annual, 2026, 2026-06-30 hoặc {from: 2026, to: 2030}."),
        "source": ("Vị trí", "Mục, điểm, ý của văn bản."), "text": ("Nội dung", "Chép nguyên văn."),
        "due_text": ("Thời hạn theo văn bản", "Nguyên văn cụm từ về thời hạn, như \"Quý IV/2025\"."),
        "note": ("Ghi chú", ""), "revisions": ("Điều chỉnh thời hạn", "Văn bản sau đã đổi thời hạn: ngày, căn cứ, hạn mới."),
        "tags": ("Nhãn", "")}),
    "Target": ("Chỉ tiêu", "Một chỉ tiêu của văn bản và các chỉ số đo nó.", {
        "id": ("Mã chỉ tiêu", "Như \"2025.10\"; viết trong ngoặc kép."), "text": ("Nội dung", "Chép nguyên văn."),
        "lead": ("Cơ quan chủ trì", "Cơ quan báo cáo số liệu."), "support": ("Cơ quan phối hợp", ""),
        "due": ("Thời hạn", "2025, {annual: {from: 2021, to: 2025}}…"), "indicators": ("Chỉ số", "Các chỉ số đo."),
        "source": ("Vị trí", "Dòng của Phụ lục."), "note": ("Ghi chú", ""),
        "due_text": ("Thời hạn theo văn bản", "Nguyên văn cụm từ về thời hạn."),
        "revisions": ("Điều chỉnh thời hạn", "Văn bản sau đã đổi thời hạn: ngày, căn cứ, hạn mới.")}),
    "Explanation": ("Đề nghị giải trình", "Văn phòng đề nghị một cơ quan giải trình một nhiệm vụ, và kết quả.", {
        "task": ("Mã nhiệm vụ", ""), "agency": ("Cơ quan giải trình", "Mã cơ quan."),
        "asked": ("Ngày đề nghị", ""), "letter": ("Văn bản đề nghị", "Số, ký hiệu, ví dụ 125/BXT-TH."),
        "answer_due": ("Hạn trả lời", ""), "answered": ("Ngày trả lời", ""),
        "answer": ("Nội dung giải trình", ""), "answer_letter": ("Văn bản trả lời", "")}),
    "Indicator": ("Chỉ số", "Một chỉ số đo của chỉ tiêu: mục tiêu, đơn vị, cách tính.", {
        "id": ("Mã chỉ số", "Một chữ cái: a, b, c…"), "name": ("Tên chỉ số", ""),
        "op": ("So sánh", ">, >=, =, <=, <"), "value": ("Mục tiêu", "Con số mục tiêu."), "unit": ("Đơn vị", "%, doanh nghiệp…"),
        "measure": ("Cách đo", "level, each-year, cumulative, average-growth, qualitative.")}),
    "ProgressReport": ("Báo cáo của cơ quan", "Báo cáo một kỳ của một cơ quan: progress/<kỳ>/<mã cơ quan>.yaml.", {
        "agency": ("Mã cơ quan", ""), "period": ("Kỳ báo cáo", "2026, 2026-H1, 2026-Q3, 2026-09, 2026-L1."),
        "submitted": ("Ngày gửi", "Ngày cơ quan gửi báo cáo (tính đúng hạn, muộn)."),
        "document": ("Văn bản báo cáo", "Số, ký hiệu công văn gửi kèm, như 85/BC-SNV."),
        "tasks": ("Nhiệm vụ", ""), "targets": ("Chỉ tiêu", "")}),
    "TaskEntry": ("Báo cáo một nhiệm vụ", "Tình trạng và kết quả một nhiệm vụ trong kỳ.", {
        "task": ("Mã nhiệm vụ", ""), "status": ("Tình trạng", "not_started, in_progress, done, suspended."),
        "completed": ("Ngày hoàn thành", "Bắt buộc khi done."), "result": ("Kết quả", "Bắt buộc khi suspended (lý do)."),
        "difficulties": ("Khó khăn, vướng mắc", ""), "evidence": ("Văn bản, minh chứng", ""),
        "proposals": ("Đề xuất, kiến nghị", "")}),
    "Observation": ("Số liệu một chỉ số", "Số liệu (hoặc đạt/không đạt) một chỉ số trong kỳ.", {
        "indicator": ("Mã chỉ số", "Như 2025.10.a."), "value": ("Số liệu", "Chỉ tiêu %: ghi 92.4, không ghi 0.924."),
        "met": ("Đạt", "Chỉ tiêu định tính: true (đạt) hoặc false."), "as_of": ("Tính đến ngày", ""),
        "source": ("Nguồn số liệu", ""), "note": ("Ghi chú", ""),
        "confirmed": ("Đã xác nhận", "Số liệu đáng ngờ (như 0,924 cho chỉ tiêu %) đã được cơ quan đầu mối xác nhận; "
                                      "khi nhiều cơ quan báo số liệu khác nhau cho cùng một ngày, số liệu được tính.")}),
}


def _worded(body: dict[str, Any]) -> dict[str, Any]:
    """The schema with each known record's and field's Vietnamese title and description."""
    for name, definition in [*body.get("$defs", {}).items(), (body.get("title"), body)]:
        if name not in WORDS:
            continue
        title, description, fields = WORDS[name]
        definition.update(title=title, description=description)
        for field_name, (field_title, field_description) in fields.items():
            if field_name in definition.get("properties", {}):
                definition["properties"][field_name].update(
                    title=field_title, **({"description": field_description} if field_description else {}))
    return body


def _schema(title: str, body: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": SCHEMA_URI, **_worded(body), "title": title}


def schemas() -> dict[str, dict[str, Any]]:
    """{file stem: schema}; `tasks` nests the real Task model inside each group."""
    tasks = TypeAdapter(dict[str, Any]).json_schema()
    programme = TypeAdapter(Programme).json_schema(by_alias=True)
    group = TypeAdapter(Group).json_schema(by_alias=True)
    task = TypeAdapter(Task).json_schema(by_alias=True)
    defs = {**programme.pop("$defs", {}), **task.pop("$defs", {})}
    group["properties"]["tasks"] = {"type": "array", "items": {"$ref": "#/$defs/Task"}}
    defs.update({"Programme": programme, "Group": group, "Task": task})
    tasks = {
        "type": "object",
        "properties": {
            "programme": {"$ref": "#/$defs/Programme"},
            "groups": {"type": "array", "items": {"$ref": "#/$defs/Group"}},
        },
        "required": ["programme", "groups"],
        "additionalProperties": False,
        "$defs": defs,
    }
    return {
        "agencies": _schema("agencies.yaml", TypeAdapter(list[Agency]).json_schema(by_alias=True)),
        "tasks": _schema("tasks.yaml", tasks),
        "targets": _schema("targets.yaml", TypeAdapter(list[Target]).json_schema(by_alias=True)),
        "progress": _schema("progress/<kỳ>/<cơ-quan>.yaml", TypeAdapter(ProgressReport).json_schema(by_alias=True)),
        "explanations": _schema("explanations.yaml", TypeAdapter(list[Explanation]).json_schema(by_alias=True)),
    }


def write_schemas(folder: Path) -> list[Path]:
    """Each schema as <folder>/<file>.schema.json (replacing what is there); the paths written."""
    from .atomic import write_output
    from .render.export import to_json

    if not folder.is_dir():
        raise QnctrError(f"không có thư mục '{folder}'")
    written = []
    for name, body in schemas().items():
        path = folder / f"{name}.schema.json"
        write_output(path, (to_json(body) + "\n").encode("utf-8"), force=True)
        written.append(path)
    return written


def schemas_beside(register: Path) -> list[Path]:
    """The schemas in <register>/schema/ for an editor of a register just made or added to,
    unless that folder is there already (it is left as it is); the paths written."""
    folder = register / "schema"
    if folder.exists():
        return []
    folder.mkdir()
    return write_schemas(folder)
