"""The static website (`qnctr site`): the CLI's own query results as linked HTML pages.

Nothing is fetched when the site is built or viewed: the stylesheet and the one small
script are in the package and copied beside the pages, charts are inline SVG with a text
alternative, and every link is relative, so the folder works opened from disk (file://),
served by any web server, or copied onto a USB stick. Every register string reaches the
page through Jinja's autoescape (and the SVG builders escape their own text).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..agencies import ROLE_ORDER
from ..calendar import periods_between
from ..context import Context
from ..days import short_date
from ..errors import QnctrError
from ..numbers import format_figure, goal_text
from ..ordering import name_key
from ..queries import agencies, explanation_rows, overdue, overdue_by_task, show, status, tasks_by_group
from ..reporting import REPORT_TIMELINESS_LABELS, report_timeliness, reporting_history, timeliness_counts
from ..safe_text import page_name, shorten
from ..scores import concerns, scorecard
from ..state import REPORT_STATUS_LABELS, TARGET_STATE_LABELS, TASK_STATE_LABELS
from ..wording import os_reason
from .table import TREND_ARROWS, UNSETTLED_SIGN, unsettled

SCORE_COLUMNS = ("done_on_time", "done_late", "in_progress", "overdue", "no_report")  # the record's columns on the site

if TYPE_CHECKING:
    from ..calendar import Period

SITE_FILES = Path(__file__).resolve().parent / "site"
MARKER = "qnctr-site.json"  # what says a folder is a site qnctr built (and may be replaced)
MOST_OVERDUE = 10
SHORT_TEXT = 160  # characters of a task's text in a list (an agency's page)
ROUND_OPENS_DAYS = 31  # a round is "in progress" on the overview this many days before its deadline



class SiteError(QnctrError):
    """A site that cannot be written where asked (a folder that holds other files)."""


def vn_day(value: str | None) -> str:
    return short_date(date.fromisoformat(value)) if value else ""


def state_chart(rows: list[dict[str, Any]], labels: Mapping[Any, str], title: str) -> str:
    """A horizontal stacked bar per row ({"label", "counts": {state: n}}), bars on one scale,
    each segment labelled with its count when it has room; a legend under it (an HTML list). Each segment is
    a group of class `s-<state>`: its colours are the state's, from site.css (the only palette)."""
    left, width, bar, gap = 110, 400, 22, 8
    biggest = max((sum(r["counts"].values()) for r in rows), default=0) or 1
    height = len(rows) * (bar + gap) + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 60} {height}" role="img" '
           f'aria-labelledby="chart-title chart-desc" class="chart">',
           f'<title id="chart-title">{escape(title)}</title>',
           '<desc id="chart-desc">' + escape("; ".join(
               f"{r['label']}: " + ", ".join(f"{labels[s]} {n}" for s, n in r["counts"].items() if n)
               for r in rows)) + "</desc>"]
    for i, row in enumerate(rows):
        y = i * (bar + gap) + 4
        out.append(f'<text x="{left - 8}" y="{y + bar * 0.7:.1f}" text-anchor="end" class="axis">{escape(row["label"])}</text>')
        x = float(left)
        for state, count in row["counts"].items():
            if not count:
                continue
            w = width * count / biggest
            out.append(f'<g class="s-{state}"><rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" '
                       f'stroke="#fff" stroke-width="1"><title>{escape(labels[state])}: {count}</title></rect>')
            if w >= 18:
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + bar * 0.7:.1f}" text-anchor="middle" '
                           f'class="count">{count}</text>')
            out.append("</g>")
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + bar * 0.7:.1f}" class="axis">{sum(row["counts"].values())}</text>')
    # The legend is HTML under the drawing, so that it wraps on a narrow screen instead of being cut.
    shown = [state for state in labels if any(r["counts"].get(state) for r in rows)]
    legend = "".join(f'<li class="s-{state}"><span class="swatch" aria-hidden="true"></span>{escape(labels[state])}</li>'
                     for state in shown)
    out.append(f'</svg><ul class="legend">{legend}</ul>')
    return "".join(out)


def scale_ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round steps (1, 2, 2,5 or 5 times a power of ten) inside [low, high], at most `most` of them."""
    import math

    span = high - low
    step = 10 ** math.floor(math.log10(span / most)) if span > 0 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if span / (step * factor) <= most:
            step *= factor
            break
    first = math.ceil(low / step) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [round(first + k * step, 10) for k in range(max(count, 0))]


def series_chart(points: list[tuple[str, float]], goal: float | None, goal_label: str, title: str) -> str:
    """A line through an indicator's figures over time (dates as dd/mm/yyyy), each point with its
    value, the goal as a dashed line; a table of the same figures stands beside it."""
    w, h, pad_l, pad_r, pad_t, pad_b = 640, 240, 40, 48, 24, 44
    values = [v for _, v in points] + ([goal] if goal is not None else [])
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span = high - low
    low, high = low - span * 0.1, high + span * 0.1
    ticks = scale_ticks(low, high)
    pad_l = max(pad_l, 14 + 7 * max(len(format_figure(t)) for t in ticks))  # room for the scale's figures
    days = [date.fromisoformat(d).toordinal() for d, _ in points]
    first, last = min(days), max(days)

    def px(day: int) -> float:  # the first and last points stand clear of the scale and the edge
        inner = 24
        return pad_l + inner + (w - pad_l - pad_r - 2 * inner) * ((day - first) / (last - first) if last > first else 0.5)

    def py(value: float) -> float:
        return pad_t + (h - pad_t - pad_b) * (1 - (value - low) / (high - low))

    summary = " → ".join(f"{format_figure(v)} ({vn_day(d)})" for d, v in points)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" class="chart series">',
           f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>",
           f'<line x1="{pad_l}" y1="{h - pad_b}" x2="{w - pad_r}" y2="{h - pad_b}" stroke="#555"/>',
           f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{h - pad_b}" stroke="#555"/>']
    for tick in ticks:  # the scale: a figure and a faint line at each step
        out.append(f'<line x1="{pad_l - 4}" y1="{py(tick):.1f}" x2="{w - pad_r}" y2="{py(tick):.1f}" stroke="#ddd"/>'
                   f'<text x="{pad_l - 7}" y="{py(tick) + 4:.1f}" text-anchor="end" class="axis">'
                   f"{escape(format_figure(tick))}</text>")
    if goal is not None:
        out.append(f'<line x1="{pad_l}" y1="{py(goal):.1f}" x2="{w - pad_r}" y2="{py(goal):.1f}" stroke="#000" '
                   f'stroke-dasharray="6 4"/><text x="{w - pad_r}" y="{py(goal) - 6:.1f}" text-anchor="end" '
                   f'class="axis">Mục tiêu {escape(goal_label)}</text>')
    line = " ".join(f"{px(d):.1f},{py(v):.1f}" for d, (_, v) in zip(days, points, strict=True))
    out.append(f'<polyline points="{line}" fill="none" stroke="#2c6fb7" stroke-width="2.5"/>')
    for k, (d, (day, value)) in enumerate(zip(days, points, strict=True)):
        anchor = "start" if k == 0 and len(points) > 1 else "end" if k == len(points) - 1 and len(points) > 1 else "middle"
        out.append(f'<circle cx="{px(d):.1f}" cy="{py(value):.1f}" r="4.5" fill="#2c6fb7" stroke="#fff"/>'
                   f'<text x="{px(d):.1f}" y="{py(value) - 9:.1f}" text-anchor="middle" class="count">'
                   f"{escape(format_figure(value))}</text>"
                   f'<text x="{px(d):.1f}" y="{h - pad_b + 18}" text-anchor="{anchor}" class="axis">{vn_day(day)}</text>')
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Built:
    """What `qnctr site` wrote: where, how many pages, and what it replaced (None: nothing;
    else the day the replaced site's figures were as of, or "" when its marker does not say)."""

    out: Path
    pages: int
    replaced: str | None = None
    tables: int = 0  # tables to download, each as .xlsx and .csv

    def said(self) -> str:
        """What the command tells: what it replaced, if anything, and what it wrote."""
        old = "" if self.replaced is None else f"Đã thay trang web cũ ở {self.out}/" + (
            f" (số liệu đến ngày {self.replaced})\n" if self.replaced else "\n")
        tables = f" và {self.tables} bảng tải về (Excel, CSV)" if self.tables else ""
        return f"{old}Đã dựng {self.pages} trang{tables} vào {self.out}/ — mở {self.out / 'index.html'}"


class _Site:
    """The pages of one register seen on one day, rendered from the query results."""

    def __init__(self, ctx: Context) -> None:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
        from markupsafe import Markup

        self.ctx = ctx
        self.env = Environment(loader=FileSystemLoader(SITE_FILES), autoescape=select_autoescape(["html"]),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(day=vn_day, num=lambda v: "" if v is None else format_figure(v),
                                shorten=lambda text: shorten(text, SHORT_TEXT))
        self.env.globals.update(slug=page_name, task_labels=TASK_STATE_LABELS, target_labels=TARGET_STATE_LABELS,
                                report_labels=REPORT_STATUS_LABELS, arrows=TREND_ARROWS, goal_text=goal_text,
                                unsettled=unsettled, unsettled_sign=UNSETTLED_SIGN,
                                Markup=Markup)  # for the charts, built here with their text escaped
        programme = ctx.register.programme
        self.programme_id = programme.id if programme else None
        self.common: dict[str, Any] = {
            "programme": {"id": programme.id, "title": programme.title} if programme else None,
            "as_of": short_date(ctx.as_of), "version": __version__,
            "word": programme.word if programme else "Chương trình"}
        self.overall = status(ctx)
        self.agencies = agencies(ctx)["agencies"]
        self.card = scorecard(ctx, ctx.period or ctx.latest_due)

    def render(self, template: str, depth: int, **data: Any) -> str:
        return str(self.env.get_template(template).render(**self.common, root="../" * depth, **data))

    def pages(self) -> Iterator[tuple[str, str]]:
        """(relative path, HTML) of every page."""
        yield "index.html", self.overview()
        yield "qua-han.html", self.render("overdue.html", 0, late=self.late, by_task=overdue_by_task(self.late["tasks"]))
        names = {a["id"]: a["name"] for a in self.agencies}
        yield "co-quan/index.html", self.render("agencies.html", 1, agencies=self._agency_rows())
        yield "ket-qua.html", self.render("scorecard.html", 0, card=self.card, codes=SCORE_COLUMNS)
        yield "kho-khan.html", self.render("concerns.html", 0, rounds=self.concerns)
        ids = list(names)
        cards = {a["agency"]: a for a in self.card["agencies"]}
        asked = explanation_rows(self.ctx)
        for i, agency_id in enumerate(ids):
            data = show(self.ctx, agency_id)
            page = self.render("agency.html", 1, a=data, siblings=_around(ids, i), names=names, card=cards.get(agency_id),
                               asked=[x for x in asked if x["agency"] == agency_id],
                               by_role=_grouped(data["tasks"], "role_label"),
                               targets_by_role=_grouped(sorted(data["targets"], key=lambda t: ROLE_ORDER[t["role"]]),
                                                        "role_label"))
            yield f"co-quan/{page_name(agency_id)}.html", page
        tasks = self.overall["tasks"]
        groups = {g.id: g.title for g in self.ctx.register.groups}
        yield "nhiem-vu/index.html", self.render("tasks.html", 1, by_group=_grouped(tasks, "group"), groups=groups,
                                                 count=len(tasks))
        order = [t["id"] for t in tasks]
        for i, task in enumerate(tasks):
            data = show(self.ctx, task["id"])
            yield (f"nhiem-vu/{page_name(task['id'])}.html",
                   self.render("task.html", 1, t=data, group=groups.get(task["group"] or ""), siblings=_around(order, i)))
        yield "chi-tieu/index.html", self.render("targets.html", 1, targets=self.overall["targets"])
        order = [t["id"] for t in self.overall["targets"]]
        for i, target_id in enumerate(order):
            data = show(self.ctx, target_id)
            charts = {ind["id"]: self._series(ind) for ind in data["indicators"]}
            yield f"chi-tieu/{page_name(target_id)}.html", self.render("target.html", 1, t=data, charts=charts,
                                                                  siblings=_around(order, i))

    def downloads(self) -> Iterator[tuple[str, bytes]]:
        """(relative path, bytes) of each list's table to take away: a workbook for people (ids
        as text), a CSV for machines (UTF-8 with a BOM), with the columns `--format csv` gives."""
        from . import export

        tables: dict[str, export.Flat] = {
            "nhiem-vu": (self.overall["tasks"], ["id", "group", "state", "state_label", "due", "text"]),
            "chi-tieu": export.targets_rows({"targets": self.overall["targets"]}),
            "qua-han": export.overdue_rows(self.late),
            "co-quan": export.agencies_rows({"agencies": self.agencies}),
            "ket-qua": export.scorecard_rows(self.card),
            "kho-khan": ([row for r in self.concerns for row in export.difficulties_rows(r)[0]],
                         export.difficulties_rows({"period": "", "difficulties": [], "proposals": []})[1]),
        }
        for name, (rows, columns) in tables.items():
            yield f"du-lieu/{name}.csv", export.to_csv(rows, columns).encode("utf-8")
            yield f"du-lieu/{name}.xlsx", export.to_xlsx(rows, columns, name)

    def overview(self) -> str:
        data = self.overall
        rows = [{"id": g["id"], "title": g["title"], "label": f"Nhóm {g['id']}", "counts": g["counts"]}
                for g in tasks_by_group(self.ctx, data["tasks"])]
        chart = state_chart(rows, TASK_STATE_LABELS, "Số nhiệm vụ theo tình trạng và nhóm")
        periods = [self._round(period, current) for period, current in self._rounds()]
        targets = Counter(i["state"] for t in data["targets"] for i in t["indicators"])
        return self.render("index.html", 0, summary=data["summary"], total=len(data["tasks"]), groups=rows,
                           chart=chart, periods=[p for p in periods if p["rows"] or p["latest"]],
                           timeliness=REPORT_TIMELINESS_LABELS,
                           late=overdue_by_task(self.late["tasks"])[:MOST_OVERDUE], targets=targets,
                           notice=data.get("notice"))

    def _rounds(self) -> list[tuple[Period, bool]]:
        """The reporting rounds the overview shows, newest first: the one in progress (due within
        a month, or a report for it already in: agencies are sending now), then the last two due,
        none from before the programme."""
        calendar, programme, as_of = self.ctx.register.calendar, self.ctx.register.programme, self.ctx.as_of
        rounds: list[tuple[Period, bool]] = []
        current = calendar.upcoming(as_of)  # None: every report due once is past
        if current is not None and self.ctx.period is None and self._in_progress(current) and (
                programme is None or calendar.before_issue(current, programme.id, programme.issued) is None):
            rounds.append((current, True))
        if self.ctx.latest_due is not None:
            latest = self.ctx.latest_due
            for period in (latest, latest.previous()):
                if period is None:
                    continue  # the first of a calendar's reports due once
                if period != latest and programme is not None and \
                        calendar.before_issue(period, programme.id, programme.issued):
                    continue  # no report was owed before the programme
                rounds.append((period, False))
        return rounds

    def _in_progress(self, period: Period) -> bool:
        if (period.due - self.ctx.as_of).days <= ROUND_OPENS_DAYS:
            return True
        return any(r.report.period == str(period) and r.report.submitted <= self.ctx.as_of
                   for r in self.ctx.register.reports)

    def _round(self, period: Period, current: bool) -> dict[str, Any]:
        """One round: who sent (and when), who has not; the days left or overdue said once."""
        rows = report_timeliness(self.ctx, period)
        waiting = [r for r in rows if r["state"] in ("missing", "not_due")]
        left = (period.due - self.ctx.as_of).days
        return {"label": period.label, "id": str(period), "rows": rows, "counts": timeliness_counts(rows),
                "due": short_date(period.due), "current": current, "left": left,
                "latest": not current and period == self.ctx.latest_due,
                "sent": [r for r in rows if r["state"] in ("on_time", "late")], "waiting": waiting}

    @functools.cached_property
    def late(self) -> dict[str, Any]:
        return overdue(self.ctx)

    @functools.cached_property
    def concerns(self) -> list[dict[str, Any]]:
        """The difficulties and proposals of every period so far that has any, newest first."""
        calendar, programme = self.ctx.register.calendar, self.ctx.register.programme
        if programme is None or self.ctx.as_of < programme.issued:
            return []
        periods = periods_between(calendar.first_after(programme.issued), calendar.current(self.ctx.as_of))
        rounds = [concerns(self.ctx, period) for period in reversed(periods)]
        return [r for r in rounds if r["difficulties"] or r["proposals"]]

    def _agency_rows(self) -> list[dict[str, Any]]:
        latest = {r["agency"]: r for r in self.overall["reporting"]}
        return [{**a, "reporting": latest.get(a["id"])} for a in self.agencies]

    @staticmethod
    def _series(ind: dict[str, Any]) -> str | None:
        points = [(h["as_of"], float(h["value"])) for h in ind["history"] if h["value"] is not None]
        if not points:
            return None
        goal = None if ind["qualitative"] or ind["target"] is None else float(ind["target"])
        label = "" if goal is None else goal_text(ind["op"], ind["target"], ind["unit"])
        return series_chart(points, goal, label, f"Diễn biến chỉ số {ind['id']}: {ind['name']}")


def _grouped(rows: list[dict[str, Any]], key: str) -> list[tuple[Any, list[dict[str, Any]]]]:
    """Rows in runs of equal `key`, in the order they come (Jinja's groupby sorts by the key:
    group "10" before "2", "Kế thừa" before "Thành viên")."""
    runs: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        runs.setdefault(row[key], []).append(row)
    return list(runs.items())


def _around(ids: list[str], i: int) -> tuple[str | None, str | None]:
    """The ids before and after the i-th: a page's siblings."""
    return (ids[i - 1] if i else None, ids[i + 1] if i + 1 < len(ids) else None)


class _RegisterPages:
    """The pages above several programmes' sites: the programmes side by side, and each agency's
    page across them (each programme's own site is under its key)."""

    def __init__(self, sites: list[tuple[str, _Site]]) -> None:
        self.sites = sites
        first = sites[0][1]
        self.env, self.as_of = first.env, first.common["as_of"]

    def render(self, depth: int, **data: Any) -> str:
        return str(self.env.get_template("register.html").render(
            **{"root": "../" * depth, "as_of": self.as_of, "version": __version__, "title": "Các chương trình",
               "agency": None, **data}))

    def pages(self) -> Iterator[tuple[str, str]]:
        rows: list[dict[str, Any]] = []
        names: dict[str, str] = {}
        per_agency: dict[str, list[dict[str, Any]]] = {}
        for key, site in self.sites:
            programme = site.ctx.register.programme
            assert programme is not None
            upcoming = site.ctx.register.calendar.upcoming(site.ctx.as_of)
            owed = report_timeliness(site.ctx, upcoming) if upcoming is not None else []
            rows.append({"key": key, "number": programme.id, "kind": programme.kind_name, "title": programme.title,
                         "summary": site.overall["summary"], "total": len(site.overall["tasks"]),
                         "next": upcoming and {"label": upcoming.label, "due": short_date(upcoming.due), "owed": len(owed),
                                               "sent": sum(r["state"] in ("on_time", "late") for r in owed)}})
            late = Counter(r["agency"] for r in site.late["tasks"])
            reporting = {r["agency"]: r for r in site.overall["reporting"]}
            cards = {c["agency"]: c for c in site.card["agencies"]}
            for a in site.agencies:
                if any(a["tasks"].values()):
                    names[a["id"]] = a["name"]
                    agency = site.ctx.register.agencies[a["id"]]
                    per_agency.setdefault(a["id"], []).append(
                        {"key": key, "number": programme.id, "kind": programme.kind_name, "roles": a["tasks"],
                         "overdue": late.get(a["id"], 0), "reporting": reporting.get(a["id"]),
                         "card": cards.get(a["id"]), "history": reporting_history(site.ctx, agency)})
        agencies = sorted(({"id": aid, "name": name} for aid, name in names.items()), key=lambda a: name_key(a["name"]))
        yield "index.html", self.render(0, programmes=rows, agencies=agencies)
        for a in agencies:
            yield (f"co-quan/{page_name(a['id'])}.html",
                   self.render(1, agency={**a, "programmes": per_agency[a["id"]]}, programmes=rows, agencies=[]))


def write_site(ctx: Context | list[tuple[str, Context]], out: Path,
               progress: Callable[[str], None] = lambda _: None) -> Built:
    """Build every page into a new folder beside `out`, then put it in place. A folder qnctr built
    before is replaced, keeping everything in it that qnctr did not write (`.git/`, `CNAME`, notes,
    a file written during the build); an empty one, or one holding only dot-entries (a fresh
    clone for GitHub Pages), is filled; one holding anything else is left untouched and refused.
    A symlink is followed: the site goes where it points."""
    shown = out
    out = _real_output(out)
    ours = _written_before(out)
    if out.exists() and (not out.is_dir() or (ours is None and any(not p.name.startswith(".") for p in out.iterdir()))):
        raise SiteError(f"'{shown}' đã có và không phải thư mục trang web do qnctr tạo; chọn thư mục khác "
                        "hoặc thư mục trống")
    replaced = _built_as_of(out) if ours is not None else None
    contexts = ctx if isinstance(ctx, list) else [("", ctx)]
    sites = [(key, _Site(one)) for key, one in contexts]
    site = sites[0][1]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as err:
        raise SiteError(f"không tạo được thư mục cho trang web cạnh '{shown}': {os_reason(err)}") from None
    try:
        written: list[str] = []
        several = len(sites) > 1
        # Each page is written as it is made (a large register's pages are never all in memory).
        pages = itertools.chain(((f"{key}/{path}" if several else path, html) for key, one in sites
                                 for path, html in one.pages()),
                                _RegisterPages(sites).pages() if several else ())
        tables = ((f"{key}/{path}" if several else path, data) for key, one in sites for path, data in one.downloads())
        for path, html in pages:
            target = staging / path
            if target.exists():  # validate refuses ids that share a page; never write one over another
                raise SiteError(f"hai trang trùng tên {path}; chạy 'qnctr validate'")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html.encode("utf-8"))
            written.append(path)
            if len(written) % 500 == 0:
                progress(f"Đã dựng {len(written)} trang")
        count = len(written)
        for path, content in tables:
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            written.append(path)
        shutil.copytree(SITE_FILES / "assets", staging / "assets")
        for key, _ in sites if several else ():  # each programme's site stands on its own
            shutil.copytree(SITE_FILES / "assets", staging / key / "assets")
        assets = [staging / "assets", *(staging / key / "assets" for key, _ in sites if several)]
        files = sorted([*written, *(p.relative_to(staging).as_posix() for folder in assets for p in folder.rglob("*"))])
        (staging / MARKER).write_text(json.dumps({"programme": site.programme_id,
                                                  "as_of": site.ctx.as_of.isoformat(), "pages": count,
                                                  "qnctr": __version__, "files": files}, ensure_ascii=False),
                                      encoding="utf-8")
        staging.chmod(0o755)
        _swap(staging, out, set(files) | {MARKER} | set(ours or ()))
    except OSError as err:  # a full disk, a folder that went away: the old site stays as it was
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"không ghi được trang web vào '{shown}': {os_reason(err)}; "
                        "trang web cũ (nếu có) được giữ nguyên") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Built(shown, count, replaced, (len(written) - count) // 2)


def _real_output(out: Path) -> Path:
    """Where the site goes: a symlink followed, `.` and `..` resolved; never the working folder or
    one that holds it (the swap would pull the folder out from under the shell that runs qnctr)."""
    try:
        real = Path(os.path.realpath(out))
    except (OSError, ValueError) as err:
        raise SiteError(f"đường dẫn '{out}' không dùng được: {err}") from None
    here = Path.cwd().resolve()
    if here == real or here.is_relative_to(real):
        raise SiteError(f"'{out}' là thư mục đang làm việc hoặc chứa nó; chọn một thư mục con, ví dụ -o public")
    return real


def _written_before(out: Path) -> set[str] | None:
    """What qnctr wrote in a site folder it built (None: not such a folder). A marker from before
    it listed its files names none: then every page and asset a site has is taken as qnctr's."""
    marker = out / MARKER
    if not marker.is_file():
        return None
    try:
        files = json.loads(marker.read_text(encoding="utf-8")).get("files")
    except (OSError, ValueError, AttributeError):
        files = None
    if isinstance(files, list) and all(isinstance(f, str) for f in files):
        return set(files)
    return {p.relative_to(out).as_posix() for p in out.rglob("*")
            if p.is_file() and (p.suffix == ".html" or p.relative_to(out).parts[0] == "assets")}


def _built_as_of(out: Path) -> str:
    """The day the figures of the site in `out` were as of, dd/mm/yyyy, from its marker ("" if unreadable)."""
    try:
        return vn_day(json.loads((out / MARKER).read_text(encoding="utf-8"))["as_of"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def _theirs(folder: Path, ours: set[str], base: Path | None = None) -> Iterator[Path]:
    """Everything in a site folder qnctr did not write: whole folders where none of it is qnctr's."""
    base = base or folder
    for entry in sorted(folder.iterdir()):
        rel = entry.relative_to(base).as_posix()
        if rel in ours:
            continue
        if entry.is_dir() and not entry.is_symlink() and any(o.startswith(rel + "/") for o in ours):
            yield from _theirs(entry, ours, base)
        else:
            yield entry


def _swap(staging: Path, out: Path, ours: set[str]) -> None:
    """Put the new folder where the old one was, carry over what qnctr did not write, and remove
    the old folder only once nothing of anyone else's is left in it."""
    if not out.exists():
        staging.rename(out)
        return
    for entry in _theirs(out, ours):  # before anything moves: a clash leaves the old site as it was
        rel = entry.relative_to(out)
        if (staging / rel).exists() or (staging / rel).is_symlink():
            raise SiteError(f"'{out / rel}' không do qnctr tạo nhưng trùng tên một trang của trang web mới; "
                            "đổi tên hoặc chuyển nó đi rồi dựng lại")
    old = out.with_name(f".{out.name}-old-{staging.name[-8:]}")
    out.rename(old)
    staging.rename(out)
    for _ in range(2):  # the second pass takes what was written into the old folder meanwhile
        for entry in list(_theirs(old, ours)):
            target = out / entry.relative_to(old)
            if target.exists() or target.is_symlink():
                continue  # left in the old folder, which is then kept and named
            target.parent.mkdir(parents=True, exist_ok=True)
            entry.rename(target)
    if any(True for _ in _theirs(old, ours)):
        raise SiteError(f"trang web mới đã ở {out}, nhưng {old} còn tệp không do qnctr tạo trùng tên tệp mới; "
                        "xem và chuyển chúng đi")
    shutil.rmtree(old, ignore_errors=True)
