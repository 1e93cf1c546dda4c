"""`qnctr site` (issue 14): a static website that works from disk, built from the CLI's queries.

The first tests read the built files (links, no external request, escaping, the numbers, the
folder rules); the browser tests open the pages from file:// in Debian's Chromium through
Playwright, and save one full-page screenshot per page type (desktop and phone) in
build/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from .support import AS_OF, ROOT, run_cli

HOSTILE = '<script>alert("x")</script> "trích" & {{ 7*7 }} <b>đậm</b>'
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
PAGE_TYPES = {  # page type: a page of it in the test register
    "overview": "index.html", "agencies": "co-quan/index.html", "agency": "co-quan/so-a.html",
    "tasks": "nhiem-vu/index.html", "task": "nhiem-vu/1.a.2.html", "targets": "chi-tieu/index.html",
    "target": "chi-tieu/2026.1.html", "overdue": "qua-han.html", "scorecard": "ket-qua.html",
    "concerns": "kho-khan.html",
}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _build(root: Path, out: Path, as_of: str = AS_OF) -> Any:
    result = run_cli("site", "-o", str(out), "--data", str(root), "--as-of", as_of)
    assert result.code == 0, result.err
    return result


def _with_hostile_text(history: Path) -> Path:
    tasks = history / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "text: Hạn được lùi", "text: " + json.dumps(HOSTILE, ensure_ascii=False)), encoding="utf-8")
    agencies = history / "agencies.yaml"
    agencies.write_text(agencies.read_text(encoding="utf-8").replace(
        "name: Sở Ngân Quỹ", "name: " + json.dumps("Sở Ngân Quỹ <i>&amp;</i>", ensure_ascii=False)), encoding="utf-8")
    return history


@pytest.fixture
def site(history: Path, tmp_path: Path) -> Path:
    out = tmp_path / "public"
    _build(_with_hostile_text(history), out)
    return out


def test_every_link_resolves_inside_the_folder_and_nothing_is_fetched(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    # overview, overdue, record, concerns, agencies (+8), tasks (+5), targets (+1)
    assert len(pages) == 1 + 1 + 1 + 1 + 1 + 8 + 1 + 5 + 1 + 1
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = _Links()
        parser.feed(text)
        for ref in parser.refs:
            assert not re.match(r"^[a-z]+:", ref), f"{page}: {ref}"  # no http:, file:, javascript:
            path, _, anchor = ref.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.is_file() and site.resolve() in target.parents, f"{page.relative_to(site)}: {ref}"
            if anchor:
                found = _Links()
                found.feed(target.read_text(encoding="utf-8"))
                assert anchor in found.ids, f"{page.relative_to(site)}: {ref}"
        assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text
        assert '<html lang="vi">' in text
    assert (site / "assets/site.css").is_file() and (site / "assets/loc.js").is_file()


def test_hostile_register_text_is_written_as_text(site: Path) -> None:
    page = (site / "nhiem-vu/1.a.2.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>đậm</b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &#34;trích&#34; &amp; {{ 7*7 }}" in page
    agency = (site / "co-quan/so-b.html").read_text(encoding="utf-8")
    assert "Sở Ngân Quỹ &lt;i&gt;&amp;amp;&lt;/i&gt;" in agency and "<i>" not in agency


def test_the_overview_numbers_are_the_status_numbers(site: Path, history: Path) -> None:
    data = json.loads(run_cli("status", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
    page = (site / "index.html").read_text(encoding="utf-8")
    shown = {m[0]: int(m[1]) for m in re.findall(r'id="count-([a-z_]+)" data-count="(\d+)"', page)}
    assert shown == data["summary"] and sum(shown.values()) == len(data["tasks"])
    reporting = {m[0]: int(m[1]) for m in re.findall(rf'data-report="{data["period"]}-([a-z_]+)">(\d+)<', page)}
    assert reporting == {s: sum(r["state"] == s for r in data["reporting"]) for s in reporting} and sum(reporting.values()) == 2
    assert reporting["missing"] == 1 and reporting["late"] == 1


def test_the_site_shows_a_target_series_and_a_revised_deadline(site: Path) -> None:
    target = (site / "chi-tieu/2026.1.html").read_text(encoding="utf-8")
    assert target.count("<circle") == 3 and "85 (31/05/2025) → 93 (30/11/2025) → 88 (31/05/2026)" in target
    assert "Mục tiêu ≥ 90 %" in target and "Theo Chương trình</dt><dd>≥ 95 %" in target
    task = (site / "nhiem-vu/1.a.2.html").read_text(encoding="utf-8")
    assert "31/12/2025 (điều chỉnh)" in task and "<dt>Theo Chương trình</dt><dd>30/06/2025</dd>" in task


def test_a_past_day_builds_the_site_as_known_then(history: Path, tmp_path: Path) -> None:
    _build(history, tmp_path / "then", as_of="2025-08-01")
    page = (tmp_path / "then/index.html").read_text(encoding="utf-8")
    assert 'id="count-overdue" data-count="1"' in page and "01/08/2025" in page
    late = page[page.index('id="h-late"'):page.index('id="h-targets"')]
    assert '<a href="nhiem-vu/1.a.3.html">1.a.3</a></td><td class="nowrap">30/06/2025</td><td>32 ngày</td>' in late
    assert '<a href="co-quan/so-a.html">Sở Thử Nghiệm</a>' in late


def test_a_folder_with_other_files_is_refused_and_left_as_it_was(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("giữ nguyên", encoding="utf-8")
    result = run_cli("site", "-o", str(out), "--data", str(history), "--as-of", AS_OF)
    assert result.code == 2 and "không phải thư mục trang web do qnctr tạo" in result.err
    assert [p.name for p in out.iterdir()] == ["notes.txt"] and (out / "notes.txt").read_text(encoding="utf-8") == "giữ nguyên"
    afile = tmp_path / "a-file"
    afile.write_text("x", encoding="utf-8")
    assert run_cli("site", "-o", str(afile), "--data", str(history), "--as-of", AS_OF).code == 2
    assert afile.read_text(encoding="utf-8") == "x" and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_site_built_before_is_replaced_whole(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    _build(history, out)
    (out / "co-quan/stale.html").write_text("cũ", encoding="utf-8")  # a page of an agency since removed
    marker = json.loads((out / "qnctr-site.json").read_text(encoding="utf-8"))
    (out / "qnctr-site.json").write_text(json.dumps({**marker, "files": [*marker["files"], "co-quan/stale.html"]}),
                                         encoding="utf-8")
    result = _build(history, out, as_of="2026-01-10")
    assert not (out / "co-quan/stale.html").exists() and "10/01/2026" in (out / "index.html").read_text(encoding="utf-8")
    assert "Đã dựng 21 trang" in result.out and sorted(p.name for p in tmp_path.iterdir()) == ["history", "public"]
    assert f"Đã thay trang web cũ ở {out}/ (số liệu đến ngày 24/11/2026)" in result.out  # said, not silent
    first = _build(history, tmp_path / "new-one")
    assert "Đã thay" not in first.out


def test_the_shipped_register_builds_with_every_task_and_agency(tmp_path: Path) -> None:
    out = tmp_path / "site"
    _build(ROOT / "data", out)
    status = json.loads(run_cli("status", "-f", "json", "--as-of", AS_OF, "--data", str(ROOT / "data")).out)
    assert len(list((out / "nhiem-vu").glob("*.html"))) == len(status["tasks"]) + 1
    assert (out / "nhiem-vu/8.dd.3.html").is_file()  # "8.đ.3": an ASCII file name
    assert (out / "index.html").stat().st_size < 500_000
    late = json.loads(run_cli("overdue", "-f", "json", "--as-of", AS_OF, "--data", str(ROOT / "data")).out)["tasks"]
    shared = [r for r in late if r["id"] == "V.2.b"]
    assert len(shared) > 5  # one task, many agencies late on it
    page = (out / "qua-han.html").read_text(encoding="utf-8")
    assert page.count('<a href="nhiem-vu/V.2.b.html">') == 1 and page.count(f'title="{shared[0]["text"][:60]}') == 1
    assert all(f'co-quan/{r["agency"]}.html">{r["agency_name"]}</a>' in page for r in shared)


# --- in a real browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Any:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does it as root)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


def _open(browser: Any, url: str, width: int = 1280, origin: str = "file://") -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith(origin) else problems.append(f"request: {r.url}"))
    page.goto(url)
    return page, problems


def test_every_page_type_opens_from_disk_without_errors(browser: Any, site: Path) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, device in ((1280, "desktop"), (390, "phone")):
        for kind, rel in PAGE_TYPES.items():
            page, problems = _open(browser, (site / rel).as_uri(), width)
            assert page.locator("h1").count() == 1 and page.title()
            assert problems == [], (kind, problems)
            # nothing wider than the phone's screen but the tables' and charts' own scroll boxes
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (kind, device, overflow)
            page.screenshot(path=str(SHOTS / f"{device}-{kind}.png"), full_page=True)
            page.close()


def test_the_overview_in_the_browser_shows_the_status_numbers(browser: Any, site: Path, history: Path) -> None:
    data = json.loads(run_cli("status", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
    page, problems = _open(browser, (site / "index.html").as_uri())
    for state, count in data["summary"].items():
        assert page.locator(f"#count-{state}").inner_text() == str(count)
    assert page.locator("svg.chart title").first.text_content() == "Số nhiệm vụ theo tình trạng và nhóm"
    assert "Nhóm 1: Hoàn thành đúng hạn 2" in (page.locator("svg.chart desc").first.text_content() or "")
    page.keyboard.press("Tab")  # the first stop is the skip link, then the menu
    assert page.evaluate("document.activeElement.textContent") == "Bỏ qua, đến nội dung chính"
    assert problems == []


def test_the_agency_filter_keeps_the_rows_that_match_with_or_without_accents(browser: Any, site: Path) -> None:
    page, problems = _open(browser, (site / "co-quan/index.html").as_uri())
    rows = page.locator("#co-quan tbody tr")
    total = rows.count()
    box = page.get_by_label("Lọc cơ quan")
    box.fill("Ngân")  # typed with accents: as typed, "Sở Ngân Quỹ" and "Sở Ngân Hà"
    visible = [r.inner_text() for r in rows.all() if r.is_visible()]
    assert len(visible) == 2 and all("Ngân" in r for r in visible)
    assert page.locator("#co-quan-count").inner_text() == f"2 / {total} dòng"
    box.fill("ngan")  # without: also "Các sở, ban, ngành"
    assert sorted(r.inner_text().split("\t")[1] for r in rows.all() if r.is_visible()) == ["nhom", "so-b", "so-c"]
    box.fill("so-cu")  # an id
    assert [r.inner_text().split("\t")[1] for r in rows.all() if r.is_visible()] == ["so-cu"]
    box.fill("")
    assert sum(r.is_visible() for r in rows.all()) == total and problems == []


def test_hostile_text_shows_as_text_in_the_browser(browser: Any, site: Path) -> None:
    page, problems = _open(browser, (site / "nhiem-vu/1.a.2.html").as_uri())
    assert page.locator("blockquote.verbatim").inner_text() == HOSTILE
    assert page.locator("blockquote.verbatim b").count() == 0 and problems == []  # no dialog, no tag made


def test_the_shipped_register_overview_in_the_browser(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "site"
    _build(ROOT / "data", out)
    data = json.loads(run_cli("status", "-f", "json", "--as-of", AS_OF, "--data", str(ROOT / "data")).out)
    page, problems = _open(browser, (out / "index.html").as_uri())
    assert {s: int(page.locator(f"#count-{s}").inner_text()) for s in data["summary"]} == data["summary"]
    page.goto((out / "nhiem-vu/index.html").as_uri())
    page.get_by_label("Lọc nhiệm vụ").fill("8.đ.3")
    shown = [r for r in page.locator("#nhiem-vu tbody tr:not(.group)").all() if r.is_visible()]
    assert len(shown) == 1 and shown[0].inner_text().startswith("8.đ.3")
    page.screenshot(path=str(SHOTS / "desktop-shipped-tasks-filtered.png"), full_page=False)
    assert problems == []
    shutil.rmtree(out)


def test_the_site_served_by_a_web_server_asks_only_that_server(browser: Any, site: Path) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for rel in PAGE_TYPES.values():
            page, problems = _open(browser, origin + rel, origin=origin)
            assert page.locator("h1").count() == 1 and problems == [], (rel, problems)
            page.close()
        page, problems = _open(browser, origin + "index.html", origin=origin)
        page.get_by_role("link", name="Cơ quan", exact=True).click()
        page.get_by_role("link", name="Sở Thử Nghiệm", exact=True).click()
        assert page.url == origin + "co-quan/so-a.html" and problems == []
    finally:
        server.shutdown()


def test_an_agency_page_lists_its_tasks_by_role_in_the_order_of_duty(mini: Path, tmp_path: Path) -> None:
    _build(mini, tmp_path / "site")
    page = (tmp_path / "site/co-quan/so-a.html").read_text(encoding="utf-8")
    status = json.loads(run_cli("status", "-a", "so-a", "-f", "json", "--data", str(mini), "--as-of", AS_OF).out)
    roles = list(dict.fromkeys(t["role_label"] for t in status["tasks"]))  # lead, member, inherited, support
    assert roles == ["Chủ trì", "Thành viên nhóm", "Kế thừa", "Phối hợp"]
    tasks = page[page.index('id="h-tasks"'):page.index('id="h-targets"')]
    assert re.findall(r"<h3>([^<(]+) \(", tasks) == roles


def test_a_place_the_site_cannot_be_written_is_said_without_a_traceback(history: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker / "public", Path("/proc/qnctr-public")):
        result = run_cli("site", "-o", str(out), "--data", str(history), "--as-of", AS_OF)
        assert result.code == 2 and "không tạo được thư mục cho trang web" in result.err, result.err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_failed_write_keeps_the_old_site(history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qnctr.render import site as web

    out = tmp_path / "public"
    _build(history, out)
    before = (out / "index.html").read_bytes()

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(web.shutil, "copytree", full_disk)
    result = run_cli("site", "-o", str(out), "--data", str(history), "--as-of", "2026-01-10")
    assert result.code == 2 and "đĩa đã đầy" in result.err and "giữ nguyên" in result.err
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history", "public"]  # no half-built folder left


def test_the_overview_shows_no_period_before_the_programme(history: Path, tmp_path: Path) -> None:
    _build(history, tmp_path / "first", as_of="2021-12-20")  # the first period due is the year 2021
    page = (tmp_path / "first/index.html").read_text(encoding="utf-8")
    assert re.findall(r"<h3>Kỳ ([^<]+)</h3>", page) == ["năm 2021"]  # not 2021-H1, due before 2/7/2021


def test_the_overview_shows_the_round_in_progress_first(history: Path, tmp_path: Path) -> None:
    _build(history, tmp_path / "round", as_of="2025-12-16")  # the 2025 year report is due 19/12/2025
    page = (tmp_path / "round/index.html").read_text(encoding="utf-8")
    rounds = re.findall(r"<h3>Kỳ ([^<]+)</h3>", page)
    assert rounds[0] == "năm 2025: đang nhận báo cáo" and rounds[1] == "6 tháng đầu năm 2025"
    text = re.sub(r"<[^>]+>", "", page[page.index('id="h-reports"'):page.index('id="h-late"')])
    current = text[:text.index("Kỳ 6 tháng")]
    assert "Hạn gửi 19/12/2025, còn 3 ngày." in current
    assert "Đã gửi (1/2): Sở Thử Nghiệm (15/12/2025)." in current and "Chưa gửi (1/2): Sở Ngân Quỹ." in current
    assert current.count("quá hạn") == 1  # only in the count line's label, never a day count for the round


def test_an_agency_page_has_its_task_texts_and_its_targets(history: Path, tmp_path: Path) -> None:
    from qnctr.render.site import SHORT_TEXT
    from qnctr.safe_text import shorten

    _build(history, tmp_path / "agency")
    page = (tmp_path / "agency/co-quan/so-a.html").read_text(encoding="utf-8")
    assert '<td class="text" title="Xong trong năm 2026">Xong trong năm 2026</td>' in page
    targets = page[page.index('id="h-targets"'):page.index('id="h-reporting"')]
    assert "Chỉ tiêu (1 chỉ tiêu, 1 chỉ số)" in targets and "Chủ trì (1 chỉ tiêu)" in targets
    assert '<a href="../chi-tieu/2026.1.html">2026.1.a</a>' in targets and "≥ 90 %" in targets
    long = "Rà soát, sắp xếp, kiện toàn lại tổ chức " * 10
    short = shorten(long, SHORT_TEXT)
    assert len(short) <= SHORT_TEXT + 2 and short.endswith(" …") and long.startswith(short[:-2])
    assert shorten("Ngắn.", SHORT_TEXT) == "Ngắn."


def test_a_target_chart_has_a_scale_and_the_legend_is_text_that_wraps(site: Path) -> None:
    from qnctr.render.site import scale_ticks

    chart = (site / "chi-tieu/2026.1.html").read_text(encoding="utf-8")
    scale = re.findall(r'text-anchor="end" class="axis">([0-9.,]+)</text>', chart)
    assert scale == ["86", "88", "90", "92"]  # 85 … 93 with room: round steps a reader can read 92,4 against
    overview = (site / "index.html").read_text(encoding="utf-8")
    legend = re.findall(r'<li class="s-([a-z_]+)"><span class="swatch" aria-hidden="true"></span>([^<]+)</li>', overview)
    assert legend and all(label for _, label in legend) and "legend" not in overview.split("</svg>")[0].split("<svg")[-1]
    assert scale_ticks(84.2, 93.8) == [86, 88, 90, 92] and scale_ticks(10000, 12000) == [10000, 10500, 11000, 11500, 12000]
    assert scale_ticks(0.1, 0.12) == [0.1, 0.105, 0.11, 0.115, 0.12]


def test_each_list_can_be_taken_away_as_a_workbook_and_a_csv(site: Path, history: Path) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    tasks = (site / "nhiem-vu/index.html").read_text(encoding="utf-8")
    assert 'href="../du-lieu/nhiem-vu.xlsx" download' in tasks and 'href="../du-lieu/nhiem-vu.csv" download' in tasks
    status = json.loads(run_cli("status", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)
    raw = (site / "du-lieu/nhiem-vu.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == [t["id"] for t in status["tasks"]]
    sheet = load_workbook(site / "du-lieu/chi-tieu.xlsx").active
    assert sheet["B1"].value == "Mã" and sheet["B2"].value == "2026.1.a" and sheet["A2"].data_type == "s"
    for name in ("qua-han", "co-quan"):
        assert (site / f"du-lieu/{name}.xlsx").is_file() and (site / f"du-lieu/{name}.csv").is_file()


def test_the_record_page_is_the_scorecard_and_sorts_by_a_column(browser: Any, site: Path, history: Path) -> None:
    cards = json.loads(run_cli("scorecard", "-f", "json", "--data", str(history), "--as-of", AS_OF).out)["agencies"]
    page, problems = _open(browser, (site / "ket-qua.html").as_uri())
    rows = page.locator("#ket-qua tbody tr")
    shown = {r.locator("td").first.inner_text(): r.locator("td").all_inner_texts() for r in rows.all()}
    for card in cards:
        cells = shown[card["agency_name"]]
        assert cells[1:7] == [str(card["tasks"])] + [str(card["counts"][s]) for s in
                                                     ("done_on_time", "done_late", "in_progress", "overdue", "no_report")]
    overdue = page.locator("#ket-qua thead th").nth(5)
    overdue.get_by_role("button").click()
    overdue.get_by_role("button").click()  # most overdue first
    assert overdue.get_attribute("aria-sort") == "descending"
    counts = [int(r.locator("td").nth(5).inner_text()) for r in rows.all()]
    assert counts == sorted(counts, reverse=True)
    link = rows.first.locator("td").nth(5).locator("a")
    if link.count():  # a count links to the agency's tasks in that state
        href = link.get_attribute("href")
        assert href and href.endswith("#tt-overdue")
        target = site / href.split("#")[0]
        assert 'id="tt-overdue"' in target.read_text(encoding="utf-8")
    assert problems == []
