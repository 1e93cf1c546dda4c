"""Agencies as plans write them: where a list of bodies starts and ends in a sentence, where one
name ends and the next begins ("Sở A; các cơ quan, đơn vị liên quan"), and which agency of
the register's directory each name is. Matching is exact after spelling is made alike (case,
tone-mark placement `Uỷ`/`Ủy`, the usual abbreviations `UBND`, `KH&CN`): a near match is shown
to the person as a suggestion, never taken."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..agencies import fold
from ..model import Agency

# Words that begin the name of a body in a plan (the kinds of bodies, not any body's name).
_KIND = (r"Sở|Ban|Bộ|UBND|Ủy ban|Uỷ ban|HĐND|Hội đồng|Văn phòng|Công an|Trung tâm|Cục|Chi cục|Kho bạc|"
         r"Ngân hàng|Thuế|Hải\squan|Viện|Tòa án|Toà án|Trường|Hội|Hiệp hội|Liên minh|Liên đoàn|Đài|Báo|"
         r"Thanh tra|Kiểm toán|Thường trực|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Đảng ủy|Đảng uỷ|Mặt trận|"
         r"Tỉnh đoàn|Thành đoàn|Đoàn|Quỹ|Bảo hiểm|Cơ quan|Thành viên|Cấp ủy|Cấp uỷ|Công ty|Tổng công ty|"
         r"Bưu điện|Lực lượng|Bộ đội|Bệnh viện|Đại học|Tập đoàn|Thủ trưởng|Giám đốc|Chủ tịch|Người đứng đầu")
_PLURAL = r"các|Các|những|Những"
_PLURAL_KIND = (r"sở|ban|ngành|cơ quan|đơn vị|địa phương|doanh nghiệp|tổ chức|hội|hiệp hội|huyện|xã|"
                r"phường|trường|bệnh viện|ngân hàng|tổ chức tín dụng|Ban|Sở|thành viên|hội viên|cấp|"
                r"đoàn thể|cơ sở|chi nhánh|nhà đầu tư|đồng chí|Hội|Hiệp hội|Bộ|Thành viên|cơ quan báo chí|"
                r"lực lượng|chủ đầu tư|UBND|Ủy ban|Uỷ ban")
# Words that begin with a kind of body and are none: a verb ("Ban hành quy chế …", "Báo cáo …"),
# a meeting, a thing ("Bộ chỉ số", "Quỹ đất", "Trung tâm dữ liệu"). Read as a body, the task's
# first words became its lead, a new agency in the directory.
_NOT_A_BODY = (r"Ban hành|Báo cáo|Hội nghị|Hội thảo|Hội thi|Hội nhập|Trường hợp|Bộ máy|Bộ chỉ số|Bộ tiêu chí|"
               r"Bộ thủ tục|Bộ dữ liệu|Bộ công cụ|Sở hữu|Cục bộ|Quỹ đất|Đoàn kết|Trung tâm dữ liệu|Thuế suất")
_STARTS = re.compile(rf"^(?!(?:{_NOT_A_BODY})\b)(?:{_KIND})\b|^(?:{_PLURAL}) (?:{_PLURAL_KIND})\b")
_JOINT = re.compile(r"^(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân)\b")
_STARTS_AFTER_AND = re.compile(r"^(?:sở, ngành|sở|ngành|địa phương)\b")
# Words that end a list of bodies: the verb of the sentence, or what the work is about.
_STOP = re.compile(
    r"(?<!\bcác)(?<!\bCác)(?<!\bBan)(?<!\bban)"
    r"\s(?:tham mưu|tổ chức thực hiện|tổ chức|triển khai|xây dựng|thực hiện|rà soát|nghiên cứu|hướng dẫn|"
    r"đề xuất|theo dõi|kiểm tra|nâng cao|hoàn thiện|chỉ đạo|tăng cường|đảm bảo|bảo đảm|tiến hành|"
    r"tiếp tục|cung cấp|phổ biến|tuyên truyền|quán triệt|đôn đốc|giám sát|chịu trách nhiệm|có trách nhiệm|"
    r"căn cứ|trong|để|nhằm|về việc|về|theo|đối với|thuộc|tại|trên|khi|chủ trì|phối hợp|tập trung|"
    r"chủ động|kịp thời|định kỳ|hằng năm|thường xuyên|là cơ quan|là đầu mối|báo cáo|giúp|cho|"
    r"lựa chọn|ban hành|trình|duy trì|phát triển|đẩy mạnh|thúc đẩy|vận động|tiếp nhận|ứng dụng|nghiêm túc|"
    r"trực tiếp|tích cực|quản lý|khai thác|chức năng|nâng cấp|hoàn thành|cập nhật|sửa đổi|bổ sung|kiện toàn|"
    r"đánh giá|tổng hợp|giải quyết|công khai|vận hành|số hóa|đơn giản hóa|gửi)\b")

ABBREVIATIONS = [  # the usual shortenings of words in names of bodies
    (r"\bUBND\b", "Ủy ban nhân dân"), (r"\bHĐND\b", "Hội đồng nhân dân"), (r"\bMTTQ\b", "Mặt trận Tổ quốc"),
    (r"\bKH\s*&\s*CN\b", "Khoa học và Công nghệ"), (r"\bKH\s*&\s*ĐT\b", "Kế hoạch và Đầu tư"),
    (r"\bTT\s*&\s*TT\b", "Thông tin và Truyền thông"), (r"\bTN\s*&\s*MT\b", "Tài nguyên và Môi trường"),
    (r"\bGD\s*&\s*ĐT\b", "Giáo dục và Đào tạo"), (r"\bNN\s*&\s*PTNT\b", "Nông nghiệp và Phát triển nông thôn"),
    (r"\bNN\s*&\s*MT\b", "Nông nghiệp và Môi trường"),
    (r"\bLĐ\s*-?\s*TB\s*&\s*XH\b", "Lao động - Thương binh và Xã hội"),
    (r"\bVH\s*,?\s*TT\s*&\s*DL\b", "Văn hóa, Thể thao và Du lịch"), (r"\bGTVT\b", "Giao thông vận tải"),
    (r"\bKKT\b", "Khu kinh tế"), (r"\bBQL\b", "Ban Quản lý"), (r"\bVP\b", "Văn phòng"),
    (r"\bCA\b", "Công an"), (r"\bBCH\b", "Bộ Chỉ huy"), (r"\bHTX\b", "Hợp tác xã"),
    # the bodies of the 2025 reorganisation, and "và" written out where "&" stands
    (r"\bDT\s*(?:&|và)\s*TG\b", "Dân tộc và Tôn giáo"), (r"\bNN\s+và\s+MT\b", "Nông nghiệp và Môi trường"),
    (r"\bKH\s+và\s+CN\b", "Khoa học và Công nghệ"), (r"\bGD\s+và\s+ĐT\b", "Giáo dục và Đào tạo"),
    (r"\bVHTTDL\b", "Văn hóa, Thể thao và Du lịch"), (r"\bCHQS\b", "Chỉ huy Quân sự"),
]


def key(name: str) -> str:
    """The comparison key of a name: abbreviations written out, then folded (no case, no tone
    marks, so `Uỷ`/`Ủy` and `hoà`/`hòa` are one)."""
    text = unicodedata.normalize("NFC", name)
    for pattern, full in ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    text = re.sub(r"^(?:các|những)\s+", "", text.strip(), flags=re.IGNORECASE)
    return fold(text)


def starts_name(text: str) -> bool:
    return bool(_STARTS.match(text.strip()))


def split_names(text: str) -> list[str]:
    """The bodies a list names, as written: split at `;`, and at `,` or `và` where a new body's
    name begins ("Sở A và B" stays whole, as does a plural body whose name has commas)."""
    text = text.strip(" ,;:.")
    if re.match(r"[-–+•]\s", text):  # "- Sở A - Sở B": a list of bodies, one a line, each after its bullet
        items: list[str] = []
        for piece in re.split(r"(?:^|\s)([-–+•])\s+(?=\S)", text)[1:]:
            if len(piece) == 1 and piece in "-–+•":
                bullet = piece
            elif not items or starts_name(piece):
                items.append(piece.strip(" ,;"))
            else:  # "Chi cục Văn thư - Lưu trữ": a dash inside a name
                items[-1] += f" {bullet} {piece.strip(' ,;')}"
        text = "; ".join(items)
    out: list[str] = []
    # "Sở A, các Sở: B, C" and "Sở A và các Sở: B, C": the list after "các Sở:" is a part of its own
    for part in re.split(r"\s*;\s*|(?:,\s*|\s+và\s+)(?=(?i:các)\s+(?i:sở)\s*:)", text):
        if shared := re.match(r"(?i)^(?:các\s+)?(sở)\s*:\s*(\S.*)$", part):
            # "các Sở: Tài chính, Nội vụ": each a Sở (read whole, one new agency of them all); a
            # "và" stays inside a name ("Kế hoạch và Đầu tư"), to be confirmed where it joins two,
            # but not before a body of its own ("Nội vụ và UBND các xã")
            kind = shared.group(1)[0].upper() + shared.group(1)[1:]
            for name in re.split(r",\s*", shared.group(2)):
                cut = next((m for m in re.finditer(r"\s+và\s+", name) if starts_name(name[m.end():])), None)
                own, after = (name[:cut.start()], name[cut.end():]) if cut else (name, "")
                out += [f"{kind} {own[0].upper()}{own[1:]}"] if own else []
                out += [after] if after else []
            continue
        pieces = re.split(r"(,\s+|\s+và\s+|\s+với\s+)", part)
        current = pieces[0]
        for sep, piece in zip(pieces[1::2], pieces[2::2], strict=False):
            joint = "và" in sep and current.startswith("Văn phòng") and _JOINT.match(piece)  # one joint office
            if not joint and (starts_name(piece) or ("và" in sep and _STARTS_AFTER_AND.match(piece))):
                out.append(current)
                current = piece
            else:
                current += sep + piece
        out.append(current)
    return [n.strip(" ,;:.") for n in out if n.strip(" ,;:.")]


def names_at_start(text: str) -> tuple[list[str], str]:
    """The bodies a sentence begins with and the rest: "Sở A: Chủ trì, …" gives
    (["Sở A"], "Chủ trì, …"); a sentence not beginning with a body gives ([], text)."""
    body = re.sub(r"^(?:Thủ trưởng|Giám đốc|Chủ tịch|Người đứng đầu)\s+(?=(?:các\s+)?(?:sở|Sở|UBND|Ủy ban|Uỷ ban|cơ quan))",
                  "", text.strip())
    body = re.sub(r"([,;])\s*(?:Thủ trưởng|Giám đốc|Chủ tịch|Người đứng đầu)\s+(?=(?:các\s+)?(?:sở|Sở|UBND|Ủy ban|Uỷ ban))",
                  r"\1 ", body)
    if not starts_name(body):
        return [], text
    head, colon, rest = body.partition(":")
    if colon and re.fullmatch(r"(?i)(?:các\s+)?sở", head.strip()):  # "Các Sở: Tài chính, Nội vụ: Chủ trì …"
        listed, colon, rest = rest.partition(":")  # the list runs to the next colon, or to where the sentence goes on
        head = f"{head}: {listed}" if colon else head
    if colon and len(head) < 240 and all(starts_name(n) for n in split_names(_before_stop(head)[0]) or ["-"]):
        names, tail = _before_stop(head)
        if not tail:
            return split_names(names), rest.strip()
    names, tail = _before_stop(body)
    found = [n for n in split_names(names) if starts_name(n)]
    return found, tail


def _before_stop(text: str) -> tuple[str, str]:
    m = _STOP.search(text)
    return (text[:m.start()], text[m.start():].strip()) if m else (text, "")


def partners(text: str) -> list[str]:
    """The bodies an opening clause names as working with the lead: "Chủ trì, phối hợp với Sở
    A và Sở B tham mưu …" gives the two bodies after "với"; only the
    sentence's opening (its first words) is read, not every "phối hợp" of a long text."""
    m = re.match(r"\s*(?:[^,.;:]{0,80}?\s)?(?:chủ trì,?\s+)?phối hợp(?: chặt chẽ)?(?: với)?\s+", text, re.IGNORECASE)
    if not m or len(m.group(0)) > 110:
        return []
    names, _ = _before_stop(" " + text[m.end():])
    names = re.split(r"[.;:(]", names, maxsplit=1)[0]
    return [n for n in split_names(names) if starts_name(n) or re.match(r"(?i)(?:các )?(?:địa phương|ngành|sở)", n)]


@dataclass(slots=True)
class Resolution:
    agency_id: str | None
    note: str = ""


class Resolver:
    """Names to the directory's agencies by exact keys; names it does not know become new
    agencies (to confirm), one per key, so that a name and its abbreviation (`KH&CN`) are one."""

    def __init__(self, agencies: dict[str, Agency], on: date) -> None:
        self.agencies = agencies
        self.on = on
        self.keys: dict[str, list[str]] = {}
        for agency in agencies.values():
            for name in (agency.name, agency.short_name, *agency.aliases):
                if name:
                    self.keys.setdefault(key(name), []).append(agency.id)

    def resolve(self, name: str) -> Resolution:
        k = key(name)
        found = list(dict.fromkeys(self.keys.get(k, [])))
        if len(found) > 1:  # the same name for a body before and after a reorganisation
            current = [a for a in found if not self._ended(a)]
            found = current if len(current) == 1 else found
        if len(found) == 1:
            agency_id = found[0]
            seen: set[str] = set()
            note = ""
            while self._ended(agency_id) and agency_id not in seen:
                seen.add(agency_id)
                successor = self.agencies[agency_id].succeeded_by
                assert successor is not None
                note = f"'{name}' đã được thay bằng {self.agencies[successor].name} trước ngày văn bản"
                agency_id = successor
            return Resolution(agency_id, note)
        if len(found) > 1:
            return Resolution(None, f"'{name}' khớp nhiều cơ quan: {', '.join(sorted(found))}")
        return Resolution(None)

    def _ended(self, agency_id: str) -> bool:
        agency = self.agencies.get(agency_id)
        return agency is not None and bool(agency.succeeded_by and agency.since and agency.since <= self.on
                    and agency.succeeded_by in self.agencies)

    def suggest(self, name: str) -> list[str]:
        import difflib

        k = key(name)
        close = difflib.get_close_matches(k, list(self.keys), n=3, cutoff=0.85)
        return list(dict.fromkeys(a for c in close for a in self.keys[c]))
