"""The page in a real browser: Debian's chromium driven by Playwright, against `sitreps serve` on 127.0.0.1.

One server and one browser for the module. Every request the page makes is checked to stay on the
server (no CDN, no tile server), and every console error (a CSP violation included) fails the test.
Screenshots of each view go to the test's temporary folder and to /tmp/sitreps-screens/.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Error,
    Locator,
    Page,
    Request,
    Route,
)
from serve_support import (
    HOSTILE_MARKERS,
    article_id_with_title,
    example_database,
    september_2022_cluster,
)

from server_support import CHROMIUM, chromium, serving

SCREENS = Path("/tmp/sitreps-screens")
STARTUP_LIMIT_S = 3.0

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"Debian's chromium is not installed at {CHROMIUM} (make setup installs it)"
)


@dataclass
class Server:
    url: str
    db: Path
    startup_s: float
    shots: Path


@dataclass
class Watch:
    """What a page did that it should not: console errors, page errors, requests to other hosts."""

    problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = example_database(tmp_path_factory.mktemp("serve-db"))
    started = time.perf_counter()
    with serving(db) as (url, _port):
        startup = time.perf_counter() - started
        yield Server(url=url, db=db, startup_s=startup, shots=tmp_path_factory.mktemp("screens"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    watch = Watch()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":  # a CSP violation is reported here too
            watch.problems.append(f"console: {message.text}")

    def page_error(error: Error) -> None:
        watch.problems.append(f"page error: {error}")

    def dialog(opened_dialog: Dialog) -> None:
        watch.problems.append(f"dialog: {opened_dialog.message}")
        opened_dialog.dismiss()

    def only_this_server(route: Route, request: Request) -> None:
        if request.url.startswith(server.url) or request.url.startswith("data:"):
            route.continue_()
        else:
            watch.problems.append(f"request to another host: {request.url}")
            route.abort()

    opened.on("console", console)
    opened.on("pageerror", page_error)
    opened.on("dialog", dialog)
    opened.route("**/*", only_this_server)
    yield opened, watch
    context.close()
    assert watch.problems == []


def wait_until(page: Page, expression: str, timeout_s: float = 10.0) -> None:
    """Poll a JavaScript expression until it is true. (Playwright's wait_for_function evaluates its
    predicate with eval inside the page, which the page's CSP rightly forbids.)"""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s} s: {expression}")
        page.wait_for_timeout(50)


def screenshot(page: Page | Locator, server: Server, name: str) -> None:
    path = server.shots / f"{name}.png"
    page.screenshot(path=str(path))
    SCREENS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENS / path.name)


def test_serve_starts_quickly(server: Server) -> None:
    assert server.startup_s < STARTUP_LIMIT_S, f"sitreps serve took {server.startup_s:.2f} s to answer"


def test_the_map_draws_markers_on_a_local_basemap(page: tuple[Page, Watch], server: Server) -> None:
    p, _ = page
    p.goto(server.url + "/")
    p.wait_for_selector("body[data-ready=true]")
    p.wait_for_selector("#map[data-basemap=drawn]")
    p.wait_for_selector("#map[data-cells]")
    markers = p.locator("#map .sr-marker")
    assert markers.count() > 3
    assert p.locator("#map .sr-cluster").count() > 0  # many events in one place: a numbered bubble
    assert p.locator("#map path.leaflet-interactive, #map .sr-cluster").count() == markers.count()
    assert p.locator("#event-list li.event").count() > 0
    assert p.locator("#timeline rect.bar").count() > 1
    # A bubble opens into its events: clicking zooms in until single events show as markers.
    for _ in range(8):
        if p.locator("#map path.sr-single").count():
            break
        p.locator("#map .sr-cluster").first.dispatch_event("click")
        p.wait_for_timeout(500)
    assert p.locator("#map path.sr-single").count() > 0
    p.locator("#map path.sr-single").first.dispatch_event("click")
    popup = p.locator(".leaflet-popup .event-detail")
    popup.wait_for()
    assert popup.inner_text().strip()
    p.wait_for_timeout(400)  # the map pans to show the whole popup
    screenshot(p, server, "1-map-and-list")


def test_brushing_the_timeline_filters_the_list(page: tuple[Page, Watch], server: Server) -> None:
    p, _ = page
    p.goto(server.url + "/")
    p.wait_for_selector("body[data-ready=true]")
    p.wait_for_selector("#event-list[data-total]")
    before = int(p.locator("#event-list").get_attribute("data-total") or 0)
    bars = p.locator("#timeline rect.bar")
    counts = [int(bars.nth(i).get_attribute("data-count") or 0) for i in range(bars.count())]
    busiest = counts.index(max(counts))
    first = bars.nth(busiest).bounding_box()
    last = bars.nth(min(busiest + 1, len(counts) - 1)).bounding_box()
    assert first and last
    y = first["y"] + first["height"] - 2
    p.mouse.move(first["x"] + first["width"] / 2, y)
    p.mouse.down()
    p.mouse.move(last["x"] + last["width"] / 2, y, steps=5)
    p.mouse.up()
    wait_until(p, f"Number(document.querySelector('#event-list').dataset.total) !== {before}")
    wait_until(p, "new URL(location.href).searchParams.get('from') !== null")
    params = p.evaluate("Object.fromEntries(new URL(location.href).searchParams)")
    after = int(p.locator("#event-list").get_attribute("data-total") or 0)
    assert 0 < after < before
    dates = p.locator("#event-list li.event").evaluate_all("items => items.map(li => li.dataset.date)")
    assert dates and all(params["from"] <= d <= params["to"] for d in dates)
    assert p.locator("#timeline rect.bar.selected").count() >= 1
    assert p.locator("#chips .chip").count() == 1
    screenshot(p, server, "2-timeline-brushed")
    p.locator("#timeline-clear").click()
    wait_until(p, f"Number(document.querySelector('#event-list').dataset.total) === {before}")


def test_the_article_view_highlights_every_kind_of_span(page: tuple[Page, Watch], server: Server) -> None:
    p, _ = page
    article_id = article_id_with_title(server.db, "Pashinyan tells parliament")
    p.goto(f"{server.url}/articles/{article_id}")
    p.wait_for_selector("main.article[data-ready=true]")
    for kind in ("actor", "place", "time", "figure", "trigger"):
        assert p.locator(f"#article-text mark.hl-{kind}").count() > 0, kind
    text = p.locator("#article-text").inner_text()
    assert "49 Armenian servicemen" in text
    figure = p.locator("#article-text mark.hl-figure").first
    figure.hover()
    tip = p.locator("#tip")
    tip.wait_for(state="visible")
    assert "killed 49" in tip.inner_text()
    screenshot(p, server, "3-article-highlights")


def test_script_in_an_article_is_shown_as_text_and_never_runs(
    page: tuple[Page, Watch], server: Server
) -> None:
    p, watch = page
    article_id = article_id_with_title(server.db, "Shelling reported near Goris")
    p.goto(f"{server.url}/articles/{article_id}")
    p.wait_for_selector("main.article[data-ready=true]")
    text = p.locator("#article-text").inner_text()
    for marker in HOSTILE_MARKERS:
        assert marker in text
    assert p.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert p.locator("h1 img").count() == 0 and "<img src=x" in p.locator("h1").inner_text()
    p.locator("#article-text mark.hl").first.hover()
    # The same article through the explorer's search list, rendered by JavaScript.
    p.goto(f"{server.url}/?q=unprovoked")
    p.wait_for_selector("body[data-ready=true]")
    p.wait_for_selector("#article-list li.article-item")
    listed = p.locator("#article-list").inner_text()
    assert "<img src=x" in listed and "<script>" in listed
    p.wait_for_selector("#event-list li.event", state="attached")
    p.wait_for_timeout(300)
    ran = p.evaluate(
        "[window.__xss, window.__xss_title, window.__xss_outlet, window.__xss_url, document.title]"
    )
    assert ran[:4] == [None, None, None, None] and ran[4] != "pwned"
    assert p.locator("#article-list img, #event-list img").count() == 0
    assert watch.problems == []
    screenshot(p, server, "4-hostile-article-search")
    p.goto(f"{server.url}/articles/{article_id}")
    p.wait_for_selector("main.article[data-ready=true]")
    screenshot(p, server, "5-hostile-article-view")


def test_the_claims_view_shows_both_ministries_figures(page: tuple[Page, Watch], server: Server) -> None:
    p, _ = page
    p.goto(f"{server.url}/clusters/{september_2022_cluster(server.db)}")
    p.wait_for_selector("#figure-chart[data-series]")
    claimants = p.locator("table.versions thead th.claimant").all_inner_texts()
    assert any("Armenia (officials)" in c for c in claimants)
    assert any("Azerbaijan (officials)" in c for c in claimants)
    assert int(p.locator("#figure-chart").get_attribute("data-series") or 0) >= 2
    legend = p.locator("#figure-chart .chart-legend").inner_text()
    assert "Armenia (officials): killed" in legend and "Azerbaijan (officials): killed" in legend
    assert p.locator("#contradictions li.contradiction").count() > 0
    assert p.locator("table.versions .flag.contradiction").count() > 0
    screenshot(p, server, "6-claims-view")
    screenshot(p.locator("#figures"), server, "7-claims-figures-chart")


def test_api_docs_work_offline(page: tuple[Page, Watch], server: Server) -> None:
    p, _ = page
    p.goto(f"{server.url}/docs")
    p.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert p.locator(".swagger-ui .opblock").count() >= 8
    screenshot(p, server, "8-api-docs")
