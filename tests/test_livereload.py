"""``archivist serve`` reloads an open page after a rebuild and lays a failed build's error over it.

A real ``archivist serve`` process and Debian's chromium through Playwright: the page is
edited on disk, and the test waits (with timeouts, never fixed sleeps) for the browser to
reload it by itself; a broken site.toml shows its error, as text, in the page.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from archivist.livereload import EVENTS_PATH, OVERLAY_ID, SNIPPET, Reloader, inject

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTICLE = "{title}\n20240101\nhttps://www.example.org/a\nThe mayor of Springfield spoke on Monday.\n"
#: How long a (re)build may take on a busy 2-core machine, in milliseconds.
BUILD_MS = 90_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """A one-article site under /archive/, served by ``archivist serve``: (site folder, page URL)."""
    (tmp_path / "site.toml").write_text('title = "Live"\nbase_url = "/archive/"\n')
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(ARTICLE.format(title="First title"))
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "archivist", "serve", "--site", str(tmp_path), "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout] + [lines.put("")],
                     daemon=True).start()
    try:
        log = []
        while not any(line.startswith("serving ") for line in log):  # the server is up once it says so
            log.append(lines.get(timeout=BUILD_MS / 1000))
            assert log[-1], f"serve exited: {''.join(log)}"
        yield tmp_path, f"http://127.0.0.1:{port}/archive/articles/a/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def page():
    assert CHROMIUM.exists(), "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser.new_page()
        browser.close()


@pytest.mark.browser
def test_an_edited_article_reloads_the_page_and_a_failed_build_shows_its_error(served, page):
    site, url = served
    page.goto(url)
    assert "First title" in page.title()
    page.wait_for_function("document.documentElement.dataset.archivistLive === 'connected'", timeout=10_000)
    page.evaluate("window.notReloaded = true")

    (site / "content" / "a.txt").write_text(ARTICLE.format(title="Second title"))
    page.wait_for_function("document.title.includes('Second title')", timeout=BUILD_MS)
    assert page.evaluate("window.notReloaded") is None  # a new page, not one edited in place

    page.wait_for_function("document.documentElement.dataset.archivistLive === 'connected'", timeout=10_000)
    # a key that is markup: the overlay must show it as text
    (site / "site.toml").write_text('title = "Live"\nbase_url = "/archive/"\n"<img src=x>" = 1\n')
    overlay = page.locator(f"#{OVERLAY_ID}")
    overlay.wait_for(timeout=BUILD_MS)
    assert "unknown key '<img src=x>'" in overlay.inner_text()
    assert overlay.locator("img").count() == 0
    page.reload()  # a page opened after the failure shows it too
    overlay.wait_for(timeout=10_000)

    (site / "site.toml").write_text('title = "Live"\nbase_url = "/archive/"\n')
    page.wait_for_function(f"!document.getElementById('{OVERLAY_ID}')", timeout=BUILD_MS)
    assert "Second title" in page.title()

    # a theme being edited: a template that does not parse fails the build, and serve goes on
    page.wait_for_function("document.documentElement.dataset.archivistLive === 'connected'", timeout=10_000)
    template = site / "themes" / "default" / "templates" / "404.html"
    template.parent.mkdir(parents=True)
    template.write_text('{% extends "base.html" %}\n{% block content %}{{ oops( }}{% endblock %}\n')
    overlay.wait_for(timeout=BUILD_MS)
    assert re.search(r"theme template( 404\.html)?, line 2: unexpected", overlay.inner_text())
    template.unlink()
    page.wait_for_function(f"!document.getElementById('{OVERLAY_ID}')", timeout=BUILD_MS)
    page.goto(url.replace("articles/a/", "no-such-page/"))  # the 404 page listens too
    page.wait_for_function("document.documentElement.dataset.archivistLive === 'connected'", timeout=10_000)
    built = (site / "build" / "articles" / "a" / "index.html").read_text()
    assert "EventSource" not in built and EVENTS_PATH not in built  # only served, never written


def test_the_script_goes_before_the_end_of_the_body_and_only_there():
    page = b"<html><body><p>x</p></body></html>"
    assert inject(page) == b"<html><body><p>x</p>" + SNIPPET + b"</body></html>"
    assert inject(b"<p>no body") == b"<p>no body" + SNIPPET
    assert re.search(rb"innerHTML|insertAdjacentHTML|document\.write", SNIPPET) is None  # the error stays text


def test_a_stream_waits_for_the_next_build():
    reloader = Reloader()
    reloader.built()
    assert reloader.wait(0, 1) == (1, None)
    threading.Timer(0.05, reloader.failed, ["bad site.toml"]).start()
    assert reloader.wait(1, 30) == (2, "bad site.toml")
    reloader.close()
    assert reloader.wait(2, 30) is None
