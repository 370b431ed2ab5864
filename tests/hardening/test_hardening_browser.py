"""Hostile article text and titles are inert in every view: Debian's chromium, through Playwright, against a
real `sitreps serve` over articles full of script payloads (hardening_server.HOSTILE)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening_server import MARKERS, XSS_FLAGS, hostile_database
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Request, Route

from server_support import CHROMIUM, chromium, serving

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"Debian's chromium is not installed at {CHROMIUM}"
)
# Elements or attributes a payload would have added had it been parsed as markup.
INJECTED = (
    "img[src='x'], svg[onload], iframe, b[onmouseover], main style, [onerror], [onload], [onmouseover],"
    " a[href^='javascript:'], script:not([src])"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = hostile_database(tmp_path_factory.mktemp("hostile-browser"))
    with serving(db) as (url, _port):
        yield url, db


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as opened:
        yield opened


def views(db: Path) -> list[str]:
    """Every page that shows article text, titles, outlets or authors, for the hostile articles."""
    with sqlite3.connect(db) as conn:
        articles = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY id")]
        clusters = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT cluster_id FROM cluster_members ORDER BY cluster_id LIMIT 5"
            )
        ]
    assert len(articles) == 2 and clusters
    return [
        "/",
        "/?q=unprovoked",
        "/?actor=Armenia",
        *(f"/articles/{a}" for a in articles),
        *(f"/clusters/{c}" for c in clusters),
    ]


def test_script_payloads_are_inert_in_every_view(browser: Browser, site: tuple[str, Path]) -> None:
    url, db = site
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page: Page = context.new_page()
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":  # a CSP violation lands here too
            problems.append(f"console: {message.text}")

    def dialog(opened: Dialog) -> None:
        problems.append(f"dialog: {opened.message}")
        opened.dismiss()

    def only_this_server(route: Route, request: Request) -> None:
        if request.url.startswith(url) or request.url.startswith("data:"):
            route.continue_()
        else:
            problems.append(f"request to another host: {request.url}")
            route.abort()

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", dialog)
    page.route("**/*", only_this_server)
    shown, listed = "", 0
    try:
        for view in views(db):
            page.goto(url + view)
            page.wait_for_load_state("networkidle")
            if view.startswith("/?"):
                page.wait_for_selector("#event-list li", state="attached", timeout=10_000)
                listed += page.locator("#event-list li.event").count()
                shown += page.locator("body").inner_text()
                page.locator("#tab-articles").click()
                page.wait_for_selector("#article-list li", state="visible", timeout=10_000)
            if view.startswith("/articles/"):
                page.wait_for_selector("main.article[data-ready=true]")
                page.locator("#article-text mark.hl").first.hover()
            page.wait_for_timeout(200)
            shown += page.locator("body").inner_text()
            assert page.locator(INJECTED).count() == 0, view
            ran = page.evaluate(f"[{', '.join(f'window.__xss_{flag}' for flag in XSS_FLAGS)}]")
            assert ran == [None] * len(XSS_FLAGS), view
            assert page.title() != "pwned", view
    finally:
        context.close()
    assert problems == []
    assert listed > 0  # the explorer did list the hostile articles' events
    for marker in MARKERS:  # shown as text, not dropped
        assert marker in shown
