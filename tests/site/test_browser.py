"""What only a browser shows: Pagefind's UI finding a speaker, and entity links leading to actor pages.

Debian's chromium runs through Playwright against a local http.server that serves
the site under a subpath (``/archive/``), as GitHub Pages would. Any request to a
host other than 127.0.0.1 fails the test: the site must load nothing from elsewhere.

Two sites: the hand-made sample archive of test_render.py (rendered and indexed
here, no model), and the repository's example archive built by ``archivist.build.build``
(the session's ``example_site`` fixture; marked slow: it runs the spaCy model). Run just these with ``pytest -m browser``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import sample_config, write_site

from archivist.site.search import index_search

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SUBPATH = "/archive/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest's output readable
        pass


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def serve(root: Path):
    """Serve ``root`` on 127.0.0.1 from a thread; (server, base URL). Call server.shutdown() after."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def page(browser):
    """A fresh page that records every request's host."""
    context = browser.new_context()
    pg = context.new_page()
    pg.foreign = []  # requests that left 127.0.0.1
    pg.on("request", lambda r: pg.foreign.append(r.url)
          if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and urlsplit(r.url).hostname != "127.0.0.1"
          else None)
    yield pg
    context.close()
    assert pg.foreign == [], f"requests to other hosts: {pg.foreign}"


def search_and_follow(page, base: str, query: str, article_path: str, actor_path: str, actor_name: str) -> None:
    """Search ``query`` on the site's search page, open ``article_path`` from the results, click to the actor."""
    page.goto(f"{base}{SUBPATH}search/")
    page.fill(".pagefind-ui__search-input", query)
    link = page.locator(f'.pagefind-ui__result-link[href="{SUBPATH}{article_path}"]')
    link.wait_for(timeout=15_000)
    assert page.locator(".pagefind-ui__filter-panel").count() == 1  # filters are shown
    link.click()
    page.wait_for_url(f"{base}{SUBPATH}{article_path}")
    page.locator(f'.article-body a[href="{SUBPATH}{actor_path}"]').first.click()
    page.wait_for_url(f"{base}{SUBPATH}{actor_path}")
    assert page.locator("h1").inner_text() == actor_name


def test_sample_site_search_and_entity_link(tmp_path, page):
    config = sample_config()
    assert config.base_path == SUBPATH
    site = write_site(tmp_path / SUBPATH.strip("/"))
    index_search(site, config)
    server, base = serve(tmp_path)
    try:
        search_and_follow(page, base, "Jane Doe", "articles/budget/", "actors/jane-doe/", "Jane Doe")
        # The actor filter lists the speaker, and the stylesheet loaded from the subpath.
        page.goto(f"{base}{SUBPATH}search/")
        page.fill(".pagefind-ui__search-input", "budget")
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
        page.locator("summary.pagefind-ui__filter-name", has_text="mentions").click()
        assert "Jane Doe" in page.locator(".pagefind-ui__filter-panel").inner_text()
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    finally:
        server.shutdown()


def test_404_page_works_at_any_depth(tmp_path, page):
    write_site(tmp_path / SUBPATH.strip("/"))
    server, base = serve(tmp_path)
    try:
        page.goto(f"{base}{SUBPATH}404.html")
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
        page.click("text=actors")
        page.wait_for_url(f"{base}{SUBPATH}actors/")
    finally:
        server.shutdown()


@pytest.mark.slow
def test_example_archive_search_a_speaker_and_follow_an_entity_link(example_site, page):
    """The example archive, built under /archive/: search "Ryabkov", open the seed article, go to his page."""
    _, report, _ = example_site
    server, base = serve(report.output.parent)
    try:
        search_and_follow(page, base, "Ryabkov", "articles/000-5f1a2df0ae99eeb5/", "actors/sergey-ryabkov/",
                          "Sergey Ryabkov")
    finally:
        server.shutdown()
