"""Agencies: finding one by any name, groups and their members, successions, roles on a task."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from .errors import QnctrError
from .model import Agency
from .records import record

Role = Literal["lead", "inherited", "member", "support"]
ROLE_ORDER: dict[Role, int] = {"lead": 0, "member": 1, "inherited": 2, "support": 3}


def fold(text: str) -> str:
    """Comparison key: NFC, no diacritics (đ → d), case-folded, punctuation as single spaces."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("đ", "d").replace("Đ", "D").casefold()
    text = text.replace("&", " va ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


class AgencyQueryError(QnctrError):
    """An --agency value that names no agency, or more than one."""

    def __init__(self, message: str, candidates: list[Agency]) -> None:
        lines = [message]
        if candidates:
            lines.append("Có thể là:" if "không tìm thấy" in message else "Các cơ quan khớp:")
            lines += [f"  {a.id:<40} {a.name}" for a in candidates]
        super().__init__("\n".join(lines))
        self.candidates = candidates


@record
class Assignment:
    """How one agency is bound to a task: its role and, for inherited roles, from whom."""

    role: Role
    via: str | None = None  # the group or the predecessor it comes through


_LAST_DIRECTORY: dict[str, tuple[Mapping[str, Any], Directory]] = {}


class Directory:
    """Agencies by id with name lookup, group membership and succession."""

    def __init__(self, agencies: Mapping[str, Agency]) -> None:
        self.by_id = dict(agencies)
        self.keys: dict[str, set[str]] = {}
        for agency in self.by_id.values():
            for name in agency.names:
                self.keys.setdefault(fold(name), set()).add(agency.id)
        self.groups_of: dict[str, list[str]] = {}
        for agency in self.by_id.values():
            for member in agency.members:
                self.groups_of.setdefault(member, []).append(agency.id)
        self.predecessors: dict[str, list[str]] = {}
        for agency in self.by_id.values():
            if agency.succeeded_by:
                self.predecessors.setdefault(agency.succeeded_by, []).append(agency.id)
        # The same few groups and dates are asked about for every task: remember the answers.
        self._members: dict[str, list[str]] = {}
        self._holders: dict[tuple[str, date], str | None] = {}
        self._lineages: dict[str, list[str]] = {}
        # Thousands of tasks share a few lead and support lists: each answer is worked out once.
        self._roles: dict[tuple[str, tuple[str, ...], tuple[str, ...], date], Mapping[str, Assignment]] = {}

    @classmethod
    def of(cls, agencies: Mapping[str, Agency]) -> Directory:
        """The directory of these agencies, shared by every context over the same mapping (the
        programmes of one register read from the cache): what it works out, it works out once."""
        last = _LAST_DIRECTORY.get("it")
        if last is not None and last[0] is agencies:
            return last[1]
        directory = cls(agencies)
        _LAST_DIRECTORY["it"] = (agencies, directory)
        return directory

    def cannot_report(self, agency_id: str, due: date) -> str | None:
        """Why this agency sends no report due on `due` (None: it does): a group is not an
        agency that reports, and an agency that ended by then has a successor that answers for
        its tasks (or nobody does): its report would outrank the one that counts."""
        agency = self.by_id.get(agency_id)
        if agency is None:
            return None
        if agency.members:
            return (f"'{agency.name}' là một nhóm cơ quan, không phải cơ quan gửi báo cáo; mỗi cơ quan thành viên "
                    "gửi báo cáo của mình")
        if agency.since is None or agency.since > due:
            return None
        holder = self.holder(agency_id, due)
        since = agency.since.strftime("%d/%m/%Y")
        if holder is None:
            return f"{agency.name} đã chấm dứt hoạt động từ {since}; không còn báo cáo về nhiệm vụ của cơ quan này"
        successor = self.name(holder)
        return f"{agency.name} không còn từ {since} (nhiệm vụ chuyển cho {successor}); ghi báo cáo cho {successor}"

    def __getitem__(self, agency_id: str) -> Agency:
        return self.by_id[agency_id]

    def name(self, agency_id: str) -> str:
        agency = self.by_id.get(agency_id)
        return agency.name if agency else agency_id

    # --- lookup -----------------------------------------------------------------------

    def find(self, query: str) -> Agency:
        """Id, official name or alias, any case, with or without diacritics."""
        key = fold(query)
        if not key:
            raise AgencyQueryError("tên cơ quan trống", [])
        exact = self.keys.get(key, set())
        if len(exact) == 1:
            return self.by_id[next(iter(exact))]
        if not exact:
            exact = {aid for k, ids in self.keys.items() if _word_prefix(key, k) for aid in ids}
        if len(exact) == 1:
            return self.by_id[next(iter(exact))]
        if not exact:  # the distinctive words of a name without its first ones (the kind of agency)
            exact = {aid for k, ids in self.keys.items() if f" {key} " in f" {k} " for aid in ids}
        if not exact and (wanted := initials(query)):  # an abbreviation, with or without its kind
            exact = {a.id for a in self.by_id.values() for name in a.names[1:] if initials(name, whole=True) == wanted}
        if len(exact) == 1:
            return self.by_id[next(iter(exact))]
        if exact:
            found = sorted((self.by_id[a] for a in exact), key=lambda a: a.name)
            raise AgencyQueryError(f"'{query}' khớp với nhiều cơ quan", found)
        # Suggestions only where the distinctive words are alike: "Sở Y tế" is like no "Sở …" here.
        import difflib  # only to suggest a name, when none matched

        close = [k for k in difflib.get_close_matches(key, list(self.keys), n=5, cutoff=0.5)
                 if difflib.SequenceMatcher(None, _tail(key), _tail(k)).ratio() >= 0.5]
        suggestions = list(dict.fromkeys(a for k in close for a in sorted(self.keys[k])))
        if not suggestions:
            raise AgencyQueryError(f"không tìm thấy cơ quan '{query}': danh mục không có cơ quan nào có tên này "
                                   "(xem: qnctr agencies)", [])
        raise AgencyQueryError(
            f"không tìm thấy cơ quan '{query}'", [self.by_id[a] for a in suggestions]
        )

    # --- structure --------------------------------------------------------------------

    def members(self, group_id: str) -> list[str]:
        """Members of a group, nested groups flattened; a group without members stands for itself."""
        found = self._members.get(group_id)
        if found is None:
            found = self._members[group_id] = self._flatten(group_id)
        return found

    def _flatten(self, group_id: str) -> list[str]:
        agency = self.by_id.get(group_id)
        if agency is None or not agency.members:
            return [group_id]
        out: list[str] = []
        stack, seen = list(reversed(agency.members)), {group_id}
        while stack:
            aid = stack.pop()
            if aid in seen:
                continue
            seen.add(aid)
            sub = self.by_id.get(aid)
            if sub is not None and sub.members:
                stack.extend(reversed(sub.members))
            else:
                out.append(aid)
        return out

    def holder(self, agency_id: str, on: date) -> str | None:
        """Who carries this agency's duties on `on`: itself, its successor, or nobody."""
        key = (agency_id, on)
        if key not in self._holders:
            self._holders[key] = self._follow(agency_id, on)
        return self._holders[key]

    def _follow(self, agency_id: str, on: date) -> str | None:
        seen: set[str] = set()
        current: str | None = agency_id
        while current is not None and current not in seen:
            seen.add(current)
            agency = self.by_id.get(current)
            if agency is None or not agency.ended_by(on):
                return current
            current = agency.succeeded_by
        return None

    def lineage(self, agency_id: str) -> list[str]:
        """The agency and every predecessor whose duties and reports it carries."""
        found = self._lineages.get(agency_id)
        if found is None:
            found = self._lineages[agency_id] = self._ancestors(agency_id)
        return found

    def _ancestors(self, agency_id: str) -> list[str]:
        out, stack = [], [agency_id]
        while stack:
            aid = stack.pop()
            if aid in out:
                continue
            out.append(aid)
            stack.extend(self.predecessors.get(aid, []))
        return out

    def concerning(self, agency_id: str) -> frozenset[str]:
        """Every id whose listing as lead or support of an item can bear on what is asked about
        this agency, on any day: the agency's kin by succession (the agencies whose duties pass
        to it or from it, however far), and every group holding one of them, nested groups
        included. An item listing none of these gives none of them a role."""
        kin, stack = set(), [agency_id]
        while stack:
            aid = stack.pop()
            if aid in kin:
                continue
            kin.add(aid)
            after = self.by_id[aid].succeeded_by if aid in self.by_id else None
            stack += [*self.predecessors.get(aid, ()), *([after] if after else [])]
        groups = {g.id for g in self.by_id.values() if g.members and not kin.isdisjoint(self.members(g.id))}
        return frozenset(kin | groups)

    def responsible(self, lead: Iterable[str], on: date) -> Mapping[str, Assignment]:
        """Every agency answerable for a task led by `lead`, as of `on`, with its role."""
        ids = tuple(lead)
        return self._remembered(("lead", ids, (), on), lambda: self._responsible(ids, on))

    def supporting(self, support: Iterable[str], on: date) -> Mapping[str, Assignment]:
        ids = tuple(support)
        return self._remembered(("support", (), ids, on), lambda: self._supporting(ids, on))

    def roles(self, lead: Iterable[str], support: Iterable[str], on: date) -> Mapping[str, Assignment]:
        """Every agency with a role in an item led by `lead` and supported by `support`, as of
        `on`: being answerable (lead, member, inherited) outranks supporting."""
        leads, supports = tuple(lead), tuple(support)
        return self._remembered(("roles", leads, supports, on),
                                lambda: {**self.supporting(supports, on), **self.responsible(leads, on)})

    def _remembered(self, key: tuple[str, tuple[str, ...], tuple[str, ...], date],
                    work: Callable[[], dict[str, Assignment]]) -> Mapping[str, Assignment]:
        """The answer for `key`, worked out the first time it is asked (a read-only view: every
        caller shares it)."""
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = MappingProxyType(work())
        return found

    def _responsible(self, lead: tuple[str, ...], on: date) -> dict[str, Assignment]:
        out: dict[str, Assignment] = {}
        for lead_id in lead:
            for aid in self.members(lead_id):
                role: Role = "lead" if aid == lead_id else "member"
                via = None if aid == lead_id else lead_id
                holder = self.holder(aid, on)
                if holder is None:
                    continue
                if holder != aid:
                    role, via = "inherited", aid
                _keep_best(out, holder, Assignment(role, via))
        return out

    def _supporting(self, support: tuple[str, ...], on: date) -> dict[str, Assignment]:
        out: dict[str, Assignment] = {}
        for sid in support:
            for aid in self.members(sid):
                holder = self.holder(aid, on)
                if holder is not None:
                    _keep_best(out, holder, Assignment("support", None if aid == sid else sid))
        return out


def _keep_best(out: dict[str, Assignment], agency_id: str, assignment: Assignment) -> None:
    current = out.get(agency_id)
    if current is None or ROLE_ORDER[assignment.role] < ROLE_ORDER[current.role]:
        out[agency_id] = assignment


def _tail(key: str) -> str:
    """A folded name without its first word (the kind: "so", "ban"…), what tells agencies apart."""
    return key.partition(" ")[2] or key


_VOWELS = set("aeiouy")


def initials(name: str, whole: bool = False) -> str:
    """The letters an abbreviation of a name keeps: a word gives its first letter, an abbreviation
    (capitals, or no vowel) all its letters, "và"/"&" nothing: "Ban Quản lý Dự án", "Ban QL&DA"
    and "BQLDA" all give "bqlda". For a query (`whole` False), "" unless it holds an
    abbreviation: a name in words is never matched by its initials alone."""
    letters, abbreviated = [], False
    for word in re.findall(r"[^\s&\-–/.,()]+", unicodedata.normalize("NFC", name)):
        plain = fold(word).replace(" ", "")
        if not plain or plain == "va":
            continue
        if len(word) > 1 and (word.isupper() or not _VOWELS & set(plain)):
            letters.append(plain)
            abbreviated = True
        else:
            letters.append(plain[0])
    return "".join(letters) if (whole or abbreviated) else ""


def _word_prefix(query: str, key: str) -> bool:
    """'so tai' matches 'so tai chinh': every query word starts the matching word of the key."""
    q, k = query.split(), key.split()
    return len(q) <= len(k) and all(kw.startswith(qw) for qw, kw in zip(q, k, strict=False))


ROLE_LABELS: dict[Role, str] = {
    "lead": "Chủ trì",
    "inherited": "Kế thừa",
    "member": "Thành viên nhóm",
    "support": "Phối hợp",
}
