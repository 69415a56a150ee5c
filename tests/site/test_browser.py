"""What only a browser shows: the search page finding quotes, filtering, sorting, staying inert.

Debian's chromium runs through Playwright against archivist's own server (``serve.make_server``)
with the site under a subpath (``/archive/``), as GitHub Pages would. Any request to a host
other than 127.0.0.1 fails the test (the site must load nothing from elsewhere), and so does
any dialog (``alert`` from a payload) or any element a payload would make.

Sites: the hand-made sample archive of test_render.py (rendered and indexed here, no model),
that archive with script in its outlet, actor name, title and quote, a synthetic one with
3,000 speakers, and the repository's example archive built by ``archivist.build.build`` (the
session's ``example_site`` fixture; marked slow: it runs the spaCy model). Run just these
with ``pytest -m browser``.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import sample_archive, sample_body, sample_config, write_site

from archivist.models import Annotation, Mention, Quote
from archivist.serve import make_server
from archivist.site.render import default_theme_dir, render_site
from archivist.site.search import index_search

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SUBPATH = "/archive/"
WAIT = 15_000  # ms for the first results: Pagefind loads its WebAssembly first
PAYLOAD = "<img src=x onerror=alert(document.domain) class=pwned>"


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Served:
    """A built site served by archivist's server at ``SUBPATH`` from a thread."""

    def __init__(self, site: Path):
        self.server = make_server(site, "127.0.0.1", 0, SUBPATH)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}{SUBPATH}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def page(browser):
    """A fresh page that records requests to other hosts, dialogs and script errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.foreign, pg.dialogs, pg.errors = [], [], []
    pg.on("request", lambda r: pg.foreign.append(r.url)
          if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and urlsplit(r.url).hostname != "127.0.0.1"
          else None)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()
    assert pg.foreign == [], f"requests to other hosts: {pg.foreign}"
    assert pg.dialogs == [], f"a payload ran: {pg.dialogs}"
    assert pg.errors == [], f"script errors: {pg.errors}"


#: Index shards small enough that the sample's 7 pages make 3 (search.plan_shards), for the sharded tests.
SMALL_SHARDS = {"shard_pages": 2, "shard_max": 3}


def indexed_site(root: Path, archive=None, shards=None, **overrides) -> Served:
    """``archive`` (default: the sample) rendered and indexed into ``root`` (``shards``: index_search's
    shard sizes), served."""
    config = sample_config(**overrides)
    assert config.base_path == SUBPATH
    archive = archive or sample_archive()
    for path, data in render_site(archive, config, [default_theme_dir()], sample_body(archive, config)).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    index_search(root, config, **(shards or {}))
    return Served(root)


def search(page, served: Served, query: str, params: str = "") -> None:
    """Open the search page and type ``query``; returns once results (or "0 results") show."""
    page.goto(f"{served.base}search/{params}")
    page.wait_for_selector('#search[data-ready="true"]', timeout=WAIT)
    page.fill("#search-input", query)
    page.wait_for_function("t => document.getElementById('search-summary').textContent.includes(t)",
                           arg=f"for “{query}”", timeout=WAIT)


def result_texts(page) -> list[str]:
    return page.locator(".search-result").all_inner_texts()


def settled(page, action) -> None:
    """Run ``action`` and wait until the search it starts has shown its results."""
    before = page.evaluate("() => Number(document.getElementById('search').dataset.done || 0)")
    action()
    page.wait_for_function("b => Number(document.getElementById('search').dataset.done || 0) > b", arg=before,
                           timeout=WAIT)


def check_filter(page, name: str, label: str) -> None:
    """Tick ``label`` in filter ``name`` and wait for the results to follow."""
    settled(page, lambda: page.locator(f'fieldset[data-filter="{name}"] label', has_text=label).first.click())


def test_sample_site_search_filters_and_entity_link(tmp_path, page):
    served = indexed_site(tmp_path)
    try:
        search(page, served, "library")
        texts = result_texts(page)
        assert any(t.startswith("QUOTE") and "This budget keeps every library open" in t and "Jane Doe, Mayor" in t
                   and "Council approves the budget" in t for t in texts), texts
        # The speaker filter: only what Jane Doe said, and pages that quote her.
        search(page, served, "council")
        check_filter(page, "speaker", "Jane Doe")
        texts = result_texts(page)
        assert texts and all("Jane Doe" in t or t.startswith("ARTICLE") for t in texts), texts
        assert not any("A senior official" in t for t in texts)
        assert "speaker=Jane+Doe" in page.url  # the search is a link
        # An article result leads to the article, and its entity links to the actor page.
        search(page, served, "harbour reopened")
        page.locator('.search-result-link[href^="/archive/articles/harbour/"]').first.click()
        page.wait_for_url(f"{served.base}articles/harbour/?highlight=harbour&highlight=reopened")
        page.wait_for_selector("mark.pagefind-highlight", timeout=WAIT)
        assert "reopened" in page.locator("mark.pagefind-highlight").all_inner_texts()
        page.locator(f'.article-body a[href="{SUBPATH}actors/springfield/"]').first.click()
        page.wait_for_url(f"{served.base}actors/springfield/")
        assert page.locator("h1").inner_text() == "Springfield"
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    finally:
        served.close()


@pytest.mark.parametrize("shards", [None, SMALL_SHARDS], ids=["one shard", "three shards"])
def test_sort_by_date_keeps_actor_pages(tmp_path, page, shards):
    """Pagefind drops records without the sort key: actor pages sort by their newest article. Over
    shards, Pagefind's own merge (by score) would mix the dates: the date order holds across them."""
    served = indexed_site(tmp_path, shards=shards)
    assert len(page.request.get(f"{served.base}pagefind/shards.json").json()["shards"]) == (3 if shards else 1)
    try:
        search(page, served, "Springfield")
        relevance = result_texts(page)
        assert any(t.startswith("ACTOR") for t in relevance)
        for order in ("desc", "asc"):
            settled(page, lambda: page.select_option("#search-sort", order))
            assert f"sort={order}" in page.url
            texts = result_texts(page)
            assert sorted(texts) == sorted(relevance)  # the same results, actors kept
            dated = [t for t in texts if t.startswith("ARTICLE")]
            years = [2024 if "2024" in t else 2023 for t in dated]
            assert years == sorted(years, reverse=order == "desc"), dated
    finally:
        served.close()


def dated_archive():
    """Eight articles a year apart, the later ones no likelier to rank first: "harbour" appears in
    each a number of times that does not follow the date."""
    archive = sample_archive()
    base = archive.articles[0]
    times = (3, 1, 4, 1, 5, 9, 2, 6)
    articles = tuple(dataclasses.replace(base, id=f"y{2016 + i}", source=f"y{2016 + i}.txt",
                                         title=f"Report of {2016 + i}", date=base.date.replace(year=2016 + i),
                                         text=" ".join(["The harbour was busy."] * n + ["Ships came and went."] * 4))
                     for i, n in enumerate(times))
    return dataclasses.replace(archive, articles=articles, actors=(),
                               annotations={a.id: Annotation((), ()) for a in articles})


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_date_sort_holds_across_shards(tmp_path, page, order):
    """Eight articles in shards of at most two: Pagefind merges shards by score, which would put
    the most relevant first; sorted by date, every year follows the one before."""
    served = indexed_site(tmp_path, dated_archive(), shards={"shard_pages": 2, "shard_max": 2})
    assert len(page.request.get(f"{served.base}pagefind/shards.json").json()["shards"]) >= 4
    try:
        search(page, served, "harbour", f"?sort={order}")
        years = [int(re.search(r"Report of (\d+)", t).group(1)) for t in result_texts(page)]
        assert years == sorted(range(2016, 2024), reverse=order == "desc"), years
        settled(page, lambda: page.select_option("#search-sort", ""))
        assert sorted(int(re.search(r"Report of (\d+)", t).group(1)) for t in result_texts(page)) \
            == list(range(2016, 2024))
    finally:
        served.close()


def filter_counts(page) -> list[str]:
    """Each filter value's label and count as the search page shows them ("type: Quote 2")."""
    return sorted(f"{box.get_attribute('data-filter')}: {label.inner_text()}"
                  for box in page.locator("fieldset.search-filter").all() for label in box.locator("label").all())


def test_shards_give_the_results_and_counts_of_one_index(tmp_path, page):
    """The same searches over one index and over three shards: the same results (by relevance and
    by date, the sample's quote records included) and the same filter counts (summed over shards)."""
    seen = []
    for name, shards in (("one", None), ("three", SMALL_SHARDS)):
        served = indexed_site(tmp_path / name, shards=shards)
        try:
            search(page, served, "budget")
            page.locator("#search-filters").evaluate("d => d.open = true")
            found = [sorted(result_texts(page)), filter_counts(page)]
            settled(page, lambda: page.select_option("#search-sort", "desc"))
            found.append(sorted(result_texts(page)))  # the order of one date's records may differ
            check_filter(page, "type", "Quote")
            found += [sorted(result_texts(page)), filter_counts(page)]
            seen.append(found)
        finally:
            served.close()
    assert seen[0] == seen[1]
    assert seen[0][1] and any("Quote" in label for label in seen[0][1]), seen[0][1]
    assert seen[0][3] and all(t.startswith("QUOTE") for t in seen[0][3]), seen[0][3]


def hostile_archive():
    """The sample archive with script in an outlet, an actor's name, a title and a quotation."""
    archive = sample_archive()
    budget, xss, harbour = archive.articles
    text = budget.text.replace("library", "library <script>alert(2)</script>")
    annotation = archive.annotations["budget"]
    shift = len(text) - len(budget.text)
    quote = annotation.quotes[0]
    moved = dataclasses.replace(quote, end=quote.end + shift, text=text[quote.start:quote.end + shift])
    mentions = tuple(m if m.start < quote.end else dataclasses.replace(m, start=m.start + shift, end=m.end + shift)
                     for m in annotation.mentions)
    annotations = {**archive.annotations,
                   "budget": dataclasses.replace(annotation, mentions=mentions, quotes=(moved, *annotation.quotes[1:]))}
    jane = dataclasses.replace(archive.actors[0], name=f"Jane {PAYLOAD}")
    return dataclasses.replace(
        archive, annotations=annotations, actors=(jane, *archive.actors[1:]),
        articles=(dataclasses.replace(budget, text=text, outlet=PAYLOAD, title=f"Budget {PAYLOAD}"), xss,
                  dataclasses.replace(harbour, outlet=f'"><svg onload=alert(3)>{PAYLOAD}')))


def test_script_in_values_stays_text(tmp_path, page):
    """Issue 11 #2: an outlet, actor name, title or quote with script ran on /search/; now it is text."""
    served = indexed_site(tmp_path, hostile_archive())
    try:
        for query in ("library", "budget", "harbour", "Jane"):
            search(page, served, query)
            page.locator("#search-filters").evaluate("d => d.open = true")
            for box in page.locator(".search-filter-find").all():
                box.fill("img")  # list the hostile values in every filter that has a box
            assert page.locator("#search img, #search svg, #search script, .pwned").count() == 0
        search(page, served, "budget")
        assert PAYLOAD in page.locator("#search").inner_text()  # shown, as text
        check_filter(page, "outlet", "<img src=x")
        assert page.locator(".search-result").count() >= 1
        page.locator(".search-result-link").first.click()
        page.wait_for_load_state("load")
        assert page.locator(".pwned").count() == 0
    finally:
        served.close()


def many_speakers(n: int = 3000):
    """An archive whose one article quotes ``n`` speakers (a few thousand, as CNN's 21,054 actors)."""
    archive = sample_archive()
    budget = archive.articles[0]
    lines = [f"“Statement number {i} about the harbour budget,” said Speaker {i:04d}." for i in range(n)]
    text = "\n".join(lines)
    quotes, mentions = [], []
    pos = 0
    for i, line in enumerate(lines):
        name = f"Speaker {i:04d}"
        q_end = line.index("”") + 1
        n_at = line.index(name)
        quotes.append(Quote(pos, pos + q_end, line[:q_end], name, None, "said"))
        mentions.append(Mention(pos + n_at, pos + n_at + len(name), name, "PERSON", name, "person"))
        pos += len(line) + 1
    # No actor pages (3,000 of them would only slow the test): the speakers are named all the same.
    article = dataclasses.replace(budget, text=text)
    return dataclasses.replace(archive, articles=(article,), actors=(),
                               annotations={budget.id: Annotation(tuple(mentions), tuple(quotes))})


def test_a_speaker_filter_of_thousands_stays_usable(tmp_path, page):
    """Issue 15: Pagefind's UI drew every value (32,938 px for 845 actors); here the most frequent
    few show, and a box finds the rest."""
    served = indexed_site(tmp_path, many_speakers(3000), per_page=100)
    try:
        search(page, served, "harbour")
        speaker = page.locator('fieldset[data-filter="speaker"]')
        assert speaker.locator("input[type=checkbox]").count() <= 12
        assert speaker.bounding_box()["height"] < 600
        assert page.locator("#search-filters input[type=checkbox]").count() <= 60
        assert "more: find them by name" in speaker.inner_text()
        speaker.locator(".search-filter-find").fill("2718")
        page.wait_for_function("() => document.querySelectorAll('fieldset[data-filter=speaker] li').length === 1",
                               timeout=WAIT)
        check_filter(page, "speaker", "Speaker 2718")
        texts = result_texts(page)
        assert any("Statement number 2718 about" in t and "Speaker 2718" in t for t in texts), texts
        assert all("Speaker 2718" in t for t in texts if t.startswith("QUOTE"))
    finally:
        served.close()


def test_404_page_works_at_any_depth(tmp_path, page):
    write_site(tmp_path)
    served = Served(tmp_path)
    try:
        page.goto(f"{served.base}no/such/page/")
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
        page.click("text=actors")
        page.wait_for_url(f"{served.base}actors/")
    finally:
        served.close()


@pytest.mark.slow
def test_example_archive_a_quote_found_by_speaker_and_words(example_site, page):
    """Search "Peskov sanctions": his quote is a result with his name; it opens at its anchor, highlighted."""
    _, report, _ = example_site
    served = Served(report.output)
    try:
        search(page, served, "Peskov sanctions")
        quote = page.locator(".search-result-quote", has_text="Introducing sanctions against the head of the government")
        quote.first.wait_for(timeout=WAIT)
        assert "Dmitry Peskov" in quote.first.inner_text()
        quote.first.locator("a").click()
        page.wait_for_url("**/articles/000-5f1a2df0ae99eeb5/?highlight=peskov&highlight=sanctions#q-introducing-*")
        anchor = urlsplit(page.url).fragment
        assert "Introducing sanctions against the head" in page.locator(f"#{anchor}").inner_text()
        page.wait_for_function("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                          return r.top >= 0 && r.bottom <= innerHeight; }""", arg=anchor,
                               timeout=WAIT)  # scrolled to the quote (smoothly, where motion is welcome)
        page.wait_for_selector("mark.pagefind-highlight", timeout=WAIT)
        marked = {t.lower() for t in page.locator(".article-body mark.pagefind-highlight").all_inner_texts()}
        assert {"peskov", "sanctions"} <= marked
        # The old positional link (#quote-N) still lands on its quote: the theme's script sends it to the anchor.
        first = page.locator('.article-body [data-quote="1"][id]').get_attribute("id")
        page.goto(page.url.split("?")[0].split("#")[0] + "#quote-1")
        page.wait_for_url(f"**#{first}", timeout=WAIT)
        page.wait_for_function("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                          return r.top >= 0 && r.bottom <= innerHeight; }""", arg=first,
                               timeout=WAIT)
        # And the Ryabkov path of before: the seed article, then his page.
        search(page, served, "Ryabkov")
        page.locator('.search-result-link[href^="/archive/articles/000-5f1a2df0ae99eeb5/"]').first.click()
        page.locator(f'.article-body a[href="{SUBPATH}actors/sergey-ryabkov/"]').first.click()
        page.wait_for_url(f"{served.base}actors/sergey-ryabkov/")
        assert page.locator("h1").inner_text() == "Sergey Ryabkov"
    finally:
        served.close()
