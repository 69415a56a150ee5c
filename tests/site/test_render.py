"""Tests for archivist.render: a small hand-made Archive (no model) rendered to pages.

Golden files: every rendered page of the sample archive is compared byte for byte
with ``tests/golden/<path>``. When a change to the output is meant, regenerate them
and review the diff before committing:

    ARCHIVIST_UPDATE_GOLDEN=1 pytest tests/test_render.py

``sample_archive``, ``sample_config`` and ``sample_body`` are shared with
test_search.py and test_browser.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from conftest import (
    GOLDEN,
    XSS,
    broken_links,
    sample_archive,
    sample_body,
    sample_config,
)

from archivist.aggregate.prune import prune_actors
from archivist.models import (
    Actor,
    Annotation,
    Mention,
    QuoteRef,
    Span,
)
from archivist.site import feeds
from archivist.site.body import render_body
from archivist.site.render import (
    _pagination,
    default_theme_dir,
    linkify,
    quote_text,
    render_site,
    timeline_html,
    timeline_svg,
)

UPDATE = os.environ.get("ARCHIVIST_UPDATE_GOLDEN") == "1"


def render(**overrides) -> dict[str, bytes]:
    """The sample archive rendered with the default theme."""
    archive, config = sample_archive(), sample_config(**overrides)
    return render_site(archive, config, [default_theme_dir()], sample_body(archive, config))


@pytest.fixture(scope="module")
def site() -> dict[str, bytes]:
    return render()


def text(site, path: str) -> str:
    return site[path].decode("utf-8")


def quote_rows(html: str) -> int:
    """How many quote rows (``quote_rows``: an ``<li>`` each in a ``quote-rows`` list) a page holds."""
    return sum(block.count("<li>") for block in re.findall(r'<ul class="quote-rows">(.*?)</ul>', html, re.S))


def test_pages_written(site):
    expected = {
        "index.html", "page/2/index.html", "articles/budget/index.html",
        "articles/xss/index.html", "articles/harbour/index.html", "actors/index.html",
        "actors/by-mentions/index.html", "actors/by-quotes/index.html", "actors/jane-doe/index.html",
        "actors/springfield/index.html", "quotes/index.html", "search/index.html",
        "archive/index.html", "archive/2023/index.html", "archive/2024/index.html", "404.html",
        "sitemap.xml", "feed.xml", ".nojekyll", "static/style.css",
    }
    assert expected <= set(site)
    assert site[".nojekyll"] == b""


@pytest.mark.parametrize("path", ["index.html", "articles/budget/index.html", "actors/jane-doe/index.html",
                                  "search/index.html", "404.html"])
def test_links_carry_base_path(site, path):
    page = text(site, path)
    assert 'href="/archive/static/style.css"' in page
    assert '<html lang="en">' in page
    for link in re.findall(r'(?:href|src)="([^"]+)"', page):
        assert link.startswith(("/archive/", "#", "https://", "data:")), link


def test_no_broken_internal_links(site):
    assert broken_links(site, "https://someone.github.io/archive/") == []
    broken = dict(site)
    del broken["actors/springfield/index.html"]
    assert ("actors/index.html", "/archive/actors/springfield/") in broken_links(broken, "/archive/")


def pruned_site(min_mentions: int = 3, min_articles: int = 1) -> dict[str, bytes]:
    """The sample archive without actors mentioned fewer than ``min_mentions`` times or in fewer than
    ``min_articles`` articles, rendered (with actors.json)."""
    full = sample_archive()
    config = sample_config(actors={"min_mentions": min_mentions, "min_articles": min_articles},
                           data={"formats": ["json"]})
    archive = prune_actors(full, min_mentions, min_articles)
    assert len(archive.unpaged) == len(full.actors) - len(archive.actors)
    return render_site(archive, config, [default_theme_dir()], sample_body(archive, config))


def test_actors_below_min_mentions_get_no_page_and_no_link():
    site = pruned_site(3)  # Port Authority and Springfield (2 mentions each) lose their pages
    pages = {p.split("/")[1] for p in site if p.startswith("actors/") and p.count("/") == 2}
    assert pages == {"jane-doe", "john-smith", "by-mentions", "by-quotes"}  # John Smith: 1 mention, but quoted
    assert broken_links(site, "https://someone.github.io/archive/") == []
    for path, data in site.items():
        assert b"actors/springfield/" not in data and b"actors/port-authority/" not in data, path
    article = text(site, "articles/budget/index.html")
    assert "the Springfield council" in article  # the name stays, as plain text
    assert 'href="/archive/actors/john-smith/"' in article  # the quoted speaker keeps his link
    index = text(site, "actors/index.html")
    assert "2 more actors, mentioned fewer than 3 times and never quoted, have no page" in index
    assert ">Springfield<" not in index
    assert [a["id"] for a in json.loads(site["actors.json"])] == ["jane-doe", "john-smith"]
    assert "mentioned fewer than" not in text(render(), "actors/index.html")
    # Port Authority and Springfield are in two articles each: three are asked for
    index = text(pruned_site(1, 3), "actors/index.html")
    assert ("2 more actors, named in fewer than 3 articles and never quoted, have no page") in index
    assert ">Springfield<" not in index


@pytest.mark.parametrize("words, description, shown", [
    ("who", "A senior official", "A senior official"),  # "a senior official, who said": the description
    ("she", None, "Unattributed"),  # a pronoun resolved to nobody names no one
    ("that", None, "Unattributed"),  # so does a relative pronoun with no description
])
def test_card_of_an_unnamed_speaker(words, description, shown):
    archive, config = sample_archive(), sample_config()
    ann = archive.annotations["budget"]
    quotes = tuple(dataclasses.replace(q, description=description, speaker_mention=Span(
        q.speaker_mention.start, q.speaker_mention.start + len(words), words))
                   if q.speaker is None and q.speaker_mention else q for q in ann.quotes)
    archive = dataclasses.replace(archive, annotations={**archive.annotations,
                                                        "budget": dataclasses.replace(ann, quotes=quotes)})
    page = text(render_site(archive, config, [default_theme_dir()], sample_body(archive, config)),
                "articles/budget/index.html")
    assert shown in page and f">{words}<" not in page


@pytest.mark.parametrize("current, total, shown", [
    (1, 1, [1]),
    (1, 2, [1, 2]),
    (3, 7, [1, 2, 3, 4, 5, 7]),
    (1, 1067, [1, 2, 3, 1067]),
    (500, 1067, [1, 498, 499, 500, 501, 502, 1067]),
    (1067, 1067, [1, 1065, 1066, 1067]),
])
def test_pagination_shows_a_window_of_pages(current, total, shown):
    p = _pagination(current, total, "quotes/")
    assert [n for n, _ in p["pages"]] == shown
    assert p["pages"][0] == (1, "quotes/") and p["pages"][-1][1] == ("quotes/" if total == 1 else f"quotes/page/{total}/")


def test_pagination_marks_gaps():
    archive = sample_archive()
    articles = tuple(dataclasses.replace(archive.articles[2], id=f"a{i}", title=f"Story {i}") for i in range(12))
    archive = dataclasses.replace(archive, articles=articles, annotations={a.id: Annotation() for a in articles},
                                  actors=())
    config = sample_config(per_page=1)
    site = render_site(archive, config, [default_theme_dir()], sample_body(archive, config))
    page = text(site, "page/6/index.html")
    assert page.count('<li class="gap" aria-hidden="true">…</li>') == 2
    assert 'href="/archive/page/4/"' in page and 'href="/archive/page/3/"' not in page
    assert 'href="/archive/page/12/"' in page and 'href="/archive/page/9/"' not in page
    assert broken_links(site, "/archive/") == []


def test_escaping(site):
    page = text(site, "articles/xss/index.html")
    assert XSS not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>Comment form shows &lt;script&gt;" in page
    for path in ("index.html", "feed.xml", "archive/2023/index.html", "actors/jane-doe/index.html"):
        assert XSS not in text(site, path), path
    # JSON-LD keeps the title but can't close its script element.
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "\\u003cscript\\u003e" in ld and json.loads(ld)["headline"] == f"Comment form shows {XSS}"


def test_the_same_bytes_whatever_order_the_actors_and_annotations_come_in():
    """Nothing from the clock, nor from the order of ``Archive.actors`` or of the annotations' mapping."""
    archive, config = sample_archive(), sample_config()
    shuffled = dataclasses.replace(archive, actors=archive.actors[::-1],
                                   annotations=dict(reversed(archive.annotations.items())))
    assert render_site(shuffled, config, [default_theme_dir()], sample_body(shuffled, config)) == render()


def test_no_other_hosts_loaded(site):
    """Pages load nothing from another host; only <a href> may leave the site (sources, actor links)."""
    for path, data in site.items():
        if not path.endswith((".html", ".xml")) or path.endswith(".xml"):
            continue
        page = data.decode("utf-8")
        for tag, attr, value in re.findall(r"<(\w+)[^>]*?\s(src|href)=\"([^\"]*)\"", page):
            if value.startswith(("http://", "https://", "//")):
                # <link rel="canonical"> names the page's own full URL: it loads nothing
                assert tag == "a" or (tag == "link" and value.startswith("https://someone.github.io/archive/")), \
                    (path, tag, value)
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", page), path
    assert "//" not in re.sub(r"/\*.*?\*/", "", text(site, "static/style.css"), flags=re.S)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Structure(HTMLParser):
    """Collects what test_html_structure checks: unclosed or stray tags, ids, h1s."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.ids, self.h1 = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]
        self.h1 += tag == "h1"
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_html_structure(site):
    """Every page: tags balanced, ids unique, exactly one h1, a skip link to <main id="main">."""
    for path, data in site.items():
        if not path.endswith(".html"):
            continue
        parser = _Structure()
        parser.feed(data.decode("utf-8"))
        parser.close()
        assert parser.errors == [] and parser.stack == [], (path, parser.errors, parser.stack)
        assert len(parser.ids) == len(set(parser.ids)), (path, sorted(parser.ids))
        assert parser.h1 == 1 and "main" in parser.ids, path


def test_article_page(site):
    page = text(site, "articles/budget/index.html")
    assert '<a class="source" href="https://example.com/news/budget?id=1&amp;lang=en" rel="nofollow noopener">' in page
    assert 'By <a href="/archive/authors/ann-writer/">Ann Writer</a>' in page
    assert '<a class="tag" href="/archive/tags/council/">council</a>' in page
    assert 'data-pagefind-body' in page and 'data-pagefind-filter="type:article"' in page
    assert 'data-pagefind-filter="year:2024"' in page
    assert '<span class="outlet"><a href="/archive/outlets/example-times/">Example Times</a></span>' in page
    # Cards: the direct quote and the long partial one, not the two-word fragment.
    cards = re.findall(r'<figure class="quote-card">.*?</figure>', page, re.S)
    assert len(cards) == 2
    assert 'href="/archive/actors/jane-doe/"' in cards[0] and 'href="#q-this-budget' in cards[0]
    assert "This budget keeps every library open for another year</p>" in cards[0]
    assert "Mayor" in cards[0]
    assert "A senior official" in cards[1] and "actors/" not in cards[1] and 'href="#q-nothing-has' in cards[1]
    assert 'id="quote-3"' in page  # the fragment is anchored in the text all the same
    assert "annotations.json" not in page  # an opt-in export ([data] formats, tests/site/test_data.py)
    # Actors grouped by kind, with counts and search filters.
    actors = page[page.index('class="article-actors"'):]
    assert actors.index("<h3>People</h3>") < actors.index("<h3>Organisations</h3>") < actors.index("<h3>Places</h3>")
    assert '>Jane Doe</a> 2 mentions</li>' in actors


def test_source_identifier_where_no_url(site):
    page = text(site, "articles/harbour/index.html")
    assert '<span class="reference">Source: wire/NEWID=7&amp;&lt;b&gt;</span>' in page
    assert 'class="source"' not in page
    assert '"identifier":"wire/NEWID=7\\u0026\\u003cb\\u003e"' in page  # JSON-LD, escaped for a script


def test_credit_line(site):
    page = text(site, "articles/xss/index.html")
    assert ('<p class="credit">Article text: Wikinews, <a href="https://creativecommons.org/licenses/by/2.5/" '
            'rel="license nofollow noopener">CC BY 2.5</a></p>') in page
    assert "credit" not in text(site, "articles/harbour/index.html").split("</main>")[0].split("<main")[1]


@pytest.mark.parametrize("credit, html", [
    ("Wikinews, CC BY 2.5", 'Wikinews, <a href="https://creativecommons.org/licenses/by/2.5/" '
                            'rel="license nofollow noopener">CC BY 2.5</a>'),
    ("CC BY-SA 4.0 <b>", '<a href="https://creativecommons.org/licenses/by-sa/4.0/" '
                         'rel="license nofollow noopener">CC BY-SA 4.0</a> &lt;b&gt;'),
    ("see https://x.org/a.", 'see <a href="https://x.org/a" rel="license nofollow noopener">https://x.org/a</a>.'),
    ("Public domain", "Public domain"),
])
def test_linkify(credit, html):
    assert linkify(credit) == html


def test_feed_and_sitemap_are_xml(site):
    feed = ElementTree.fromstring(site["feed.xml"])
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.find(atom + "title").text for e in feed.iter(atom + "entry")]
    assert titles[1] == f"Comment form shows {XSS}"  # escaped in the file, intact for readers
    sitemap = ElementTree.fromstring(site["sitemap.xml"])
    assert len(sitemap) == sum(1 for p in site if p.endswith("index.html") and not p.startswith("search/"))


def test_annotations_json():
    data = json.loads(render(data={"formats": ["json"]})["articles/budget/annotations.json"])
    assert data["id"] == "budget"
    assert [e["actor_id"] for e in data["entities"]] == ["jane-doe", "springfield", "jane-doe", "john-smith",
                                                         "port-authority"]
    assert [q["actor_id"] for q in data["quotes"]] == ["jane-doe", None, "john-smith"]
    assert data["quotes"][1]["speaker_mention"]["text"] == "A senior official"


def test_actor_page(site):
    page = text(site, "actors/jane-doe/index.html")
    assert '<h1>Jane Doe</h1>' in page
    assert "2 articles · 3 mentions · 2 quotes" in page
    assert '<a href="https://en.wikipedia.org/wiki/Jane_Doe" rel="nofollow noopener">Wikipedia</a>' in page
    # Quotes newest first, each linking to its place in the article.
    assert page.index("/archive/articles/budget/#q-") < page.index("/archive/articles/xss/#q-")
    # Mentions in two months: a line says them (a chart from three months, test_timeline_html).
    assert '<p class="timeline-line">2023-11: 1 mention · 2024-03: 2 mentions</p>' in page and "<svg" not in page
    assert '"@type":"Person"' in page and '"sameAs":["https://en.wikipedia.org/wiki/Jane_Doe"]' in page
    # JSON-LD only where it says more than the title and canonical link: not for a bare name.
    assert "application/ld+json" not in text(site, "actors/port-authority/index.html")
    assert "Example Times" in page and "Wikinews" in page
    assert '<a href="/archive/outlets/wikinews/">Wikinews</a> <span class="count">1 quote</span>' in page
    assert "Quoted by" not in text(site, "actors/john-smith/index.html")  # quoted by one outlet: the header says it
    co = page[page.index('id="co-heading"'):]
    assert co.index("<h3>People</h3>") < co.index(">John Smith<") < co.index("<h3>Organisations, places and other</h3>")
    assert co.index("<h3>Organisations, places and other</h3>") < co.index(">Springfield<") < co.index(">Port Authority<")
    one = text(site, "actors/john-smith/index.html")  # one article: its people, no counts of 1
    co = one[one.index('id="co-heading"'):one.index("</section>", one.index('id="co-heading"'))]
    assert "Also in this article</h2>" in co and ">Jane Doe</a></li>" in co and "Organisations" not in co


def test_timeline_fills_missing_months():
    svg = timeline_svg(sample_archive().actors[0])
    assert svg.count("<rect") == 2  # 2023-11 and 2024-03, placed on an axis of 5 months
    assert '<rect x="56" y="16" width="12" height="80"><title>2024-03: 2 mentions</title></rect>' in svg
    assert "2024-01" not in svg
    assert "most (2) in 2024-03" in svg
    assert timeline_svg(Actor("x", "X", "other")) == ""
    assert timeline_svg(Actor("x", "X", "other", timeline=(("2024-03", 4),))) == ""  # one month: nothing to compare


def test_timeline_html_draws_from_three_months():
    three = Actor("x", "X", "other", timeline=(("2024-01", 1), ("2024-02", 3), ("2024-03", 2)))
    assert timeline_html(three) == timeline_svg(three) and timeline_svg(three).count("<rect") == 3
    two = Actor("x", "X", "other", timeline=(("2024-03", 2), ("2023-11", 1)))
    assert timeline_html(two) == '<p class="timeline-line">2023-11: 1 mention · 2024-03: 2 mentions</p>'
    assert timeline_html(Actor("x", "X", "other", timeline=(("2024-03", 4),))) == ""


def test_actor_index_sorts(site):
    by_name = text(site, "actors/index.html")
    assert by_name.index(">Jane Doe<") < by_name.index(">John Smith<")
    assert '<tr id="letter-J">' in by_name and 'href="/archive/actors/#letter-J"' in by_name
    assert by_name.count('id="letter-J"') == 1  # John Smith, also a J, has no anchor of his own
    by_quotes = text(site, "actors/by-quotes/index.html")
    assert by_quotes.index(">Jane Doe<") < by_quotes.index(">John Smith<")
    assert '<a href="/archive/actors/by-quotes/" aria-current="page">' in by_quotes


def test_pagination(site):
    home = text(site, "index.html")
    assert home.index("Council approves the budget") < home.index("Comment form shows")
    assert "Harbour reopens" not in home
    assert 'href="/archive/page/2/" rel="next"' in home
    second = text(site, "page/2/index.html")
    assert "Harbour reopens" in second and 'href="/archive/" rel="prev"' in second
    quotes = text(site, "quotes/index.html")
    # Rows are compact: the quotes index holds a compact list's length a page (LIST_FACTOR x per_page).
    assert quote_rows(quotes) == 3 and "3 quotes from the archive" in quotes and "quotes/page/2/" not in quotes


def test_search_page(site):
    page = text(site, "search/index.html")
    assert '<script type="module" src="/archive/static/search.js"></script>' in page
    assert 'data-bundle="/archive/pagefind/" data-site="/archive/"' in page
    assert "data-pagefind-body" not in page
    assert "search/index.html" not in render(search={"enabled": False})


def test_feed_and_sitemap(site):
    feed = text(site, "feed.xml")
    assert "<id>https://someone.github.io/archive/articles/budget/</id>" in feed
    assert "<updated>2024-03-05T00:00:00Z</updated>" in feed
    assert "News about Springfield &amp; its harbour" in feed
    assert feed.count("<entry>") == 3
    sitemap = text(site, "sitemap.xml")
    assert "<loc>https://someone.github.io/archive/</loc>" in sitemap
    assert "<loc>https://someone.github.io/archive/actors/jane-doe/</loc>" in sitemap
    assert "search/" not in sitemap and "404" not in sitemap


def test_actors_json(site):
    assert "actors.json" not in site  # with annotations.json, an opt-in export ([data] formats)
    data = json.loads(render(data={"formats": ["json"]})["actors.json"])
    assert [a["id"] for a in data] == ["jane-doe", "john-smith", "port-authority", "springfield"]
    assert data[0] == {"id": "jane-doe", "name": "Jane Doe", "kind": "person", "aliases": ["Doe"], "mentions": 3,
                       "articles": 2, "quotes": 2, "url": "/archive/actors/jane-doe/"}


def test_root_base_path():
    site = render(base_url="/")
    assert 'href="/static/style.css"' in site["404.html"].decode()
    assert 'data-bundle="/pagefind/"' in site["search/index.html"].decode()


def test_site_theme_overrides_default(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "static").mkdir()
    (tmp_path / "templates" / "404.html").write_text('{% extends "base.html" %}{% block content %}Gone{% endblock %}')
    (tmp_path / "static" / "style.css").write_text("body{}")
    (tmp_path / "static" / "extra.css").write_text("p{}")
    archive, config = sample_archive(), sample_config()
    site = render_site(archive, config, [tmp_path, default_theme_dir()], sample_body(archive, config))
    assert "Gone" in site["404.html"].decode() and 'class="skip-link"' in site["404.html"].decode()
    assert site["static/style.css"] == b"body{}" and site["static/extra.css"] == b"p{}"
    assert b"Quotes" in site["articles/budget/index.html"]


def test_quote_text_strips_marks():
    assert quote_text("“a start”") == "a start"
    assert quote_text('"It is done," ') == "It is done"
    assert quote_text("“Why?”") == "Why?"


#: The paginated sample's golden files, inside tests/golden but no page of the sample site.
PAGED = "paged"
#: Golden files of other tests (tests/annotate/test_golden.py), no page of the sample site.
NOT_PAGES = "annotations.jsonl"


def _compare_golden(site: dict[str, bytes], folder, skip: tuple[str, ...] = ()) -> None:
    """``site`` equals the files under ``folder`` (but those under ``skip``); rewritten first with UPDATE."""
    def committed() -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                if p.is_file() and not p.relative_to(folder).as_posix().startswith(skip)}
    if UPDATE:
        for path, data in site.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for path in committed() - set(site):
            (folder / path).unlink()
    assert committed() == set(site), f"golden files differ in names in {folder}: run with ARCHIVIST_UPDATE_GOLDEN=1"
    changed = [path for path, data in site.items() if (folder / path).read_bytes() != data]
    assert not changed, f"pages differ from {folder}: {changed} (ARCHIVIST_UPDATE_GOLDEN=1 to accept)"


def test_golden(site):
    """Every page equals its committed copy in tests/golden (see the module docstring to update)."""
    _compare_golden(site, GOLDEN, skip=(PAGED + "/", NOT_PAGES))


def paged_site() -> dict[str, bytes]:
    """The sample archive with one card a page (five rows a compact list) and three URLs a sitemap."""
    archive, config = sample_archive(), sample_config(per_page=1)
    return render_site(archive, config, [default_theme_dir()], sample_body(archive, config), sitemap_limit=3)


def test_golden_paginated():
    """Pagination and the sitemap index, page by page, in tests/golden/paged."""
    _compare_golden(paged_site(), GOLDEN / PAGED)


def test_actor_pages_paginate_with_stable_urls():
    site = paged_site()
    first, second = text(site, "actors/jane-doe/index.html"), text(site, "actors/jane-doe/page/2/index.html")
    assert "actors/jane-doe/page/3/index.html" not in site  # two quotes, two articles: two pages
    assert '<link rel="next" href="/archive/actors/jane-doe/page/2/">' in first and 'rel="prev"' not in first
    assert '<link rel="prev" href="/archive/actors/jane-doe/">' in second
    assert "data-pagefind-body" in first and "data-pagefind-body" not in second  # one search record an actor
    assert quote_rows(first) == 1 and quote_rows(second) == 1
    assert "Quotes<span class=\"range\">, 2–2 of 2</span>" in second
    assert "Often in the same articles" in first and "Often in the same articles" not in second
    assert '<link rel="canonical" href="https://someone.github.io/archive/actors/jane-doe/page/2/">' in second
    assert broken_links(site, "https://someone.github.io/archive/") == []


def test_lists_paginate():
    site = paged_site()
    assert {"archive/2024/index.html", "page/3/index.html"} <= set(site)
    assert "archive/2023/page/2/index.html" in site  # two articles in 2023, one a page
    assert '<link rel="next" href="/archive/archive/2023/page/2/">' in text(site, "archive/2023/index.html")


def test_quotes_index_paginates_by_a_compact_lists_length():
    """Quote rows go ``per_page * LIST_FACTOR`` a page (5 with per_page 1), with rel=prev/next and stable URLs."""
    archive = sample_archive()
    budget = next(a for a in archive.articles if a.id == "budget")
    copies = tuple(dataclasses.replace(budget, id=f"budget-{i}", title=f"Budget {i}") for i in range(4))
    archive = dataclasses.replace(archive, articles=archive.articles + copies,
                                  annotations={**archive.annotations, **{a.id: archive.annotations["budget"] for a in copies}})
    config = sample_config(per_page=1)
    site = render_site(archive, config, [default_theme_dir()], sample_body(archive, config))
    total = int(re.search(r"([0-9]+) quotes from the archive", text(site, "quotes/index.html")).group(1))
    pages = [p for p in site if p.startswith("quotes/")]
    assert total == 3 + 4 * 2 and len(pages) == 3  # 11 rows, 5 a page
    assert [quote_rows(text(site, p)) for p in ("quotes/index.html", "quotes/page/2/index.html",
                                                "quotes/page/3/index.html")] == [5, 5, 1]
    second = text(site, "quotes/page/2/index.html")
    assert '<link rel="prev" href="/archive/quotes/">' in second
    assert '<link rel="next" href="/archive/quotes/page/3/">' in second


def test_sitemap_becomes_an_index_past_the_limit():
    site = paged_site()
    sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ElementTree.fromstring(site["sitemap.xml"])
    assert index.tag == sm + "sitemapindex"
    maps = [e.find(sm + "loc").text for e in index]
    assert maps[0] == "https://someone.github.io/archive/sitemap-1.xml"
    listed = []
    for loc in maps:
        urlset = ElementTree.fromstring(site[loc.rsplit("/", 1)[1]])
        assert urlset.tag == sm + "urlset" and 1 <= len(urlset) <= 3
        listed += [u.find(sm + "loc").text for u in urlset]
    pages = [p for p in site if p.endswith("index.html") and not p.startswith("search/")]
    assert len(listed) == len(set(listed)) == len(pages)
    assert feeds.sitemaps(["a/", "b/"], 2) == {"sitemap.xml": ["a/", "b/"]}
    assert feeds.sitemaps(["a/", "b/", "c/"], 2) == {"sitemap-1.xml": ["a/", "b/"], "sitemap-2.xml": ["c/"]}


ATOM = "{http://www.w3.org/2005/Atom}"


def test_actor_feed_of_new_quotes(site):
    # Jane Doe is quoted twice: a feed of her quotes only from [feeds] actor_min_quotes = 2
    assert "actors/jane-doe/feed.xml" not in site and "jane-doe/feed.xml" not in text(site, "actors/jane-doe/index.html")
    site = render(feeds={"actor_min_quotes": 2})
    feed = ElementTree.fromstring(site["actors/jane-doe/feed.xml"])
    assert feed.find(ATOM + "title").text == "New quotes by Jane Doe · Springfield Archive"
    assert feed.find(ATOM + "link[@rel='self']").get("href") == "https://someone.github.io/archive/actors/jane-doe/feed.xml"
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == 2
    assert entries[0].find(ATOM + "title").text.startswith("Jane Doe: “This budget keeps every library")
    assert entries[0].find(ATOM + "link").get("href").startswith("https://someone.github.io/archive/articles/budget/#q-")
    assert entries[0].find(ATOM + "link").get("rel") is None  # Atom reads a link without rel as the alternate
    # A quote the title holds whole is not said again in the summary; the source is.
    assert entries[0].find(ATOM + "summary").text == (
        "Jane Doe, Mayor. In “Council approves the budget”, Example Times, 5 March 2024.")
    assert feed.find(ATOM + "updated").text == "2024-03-05T00:00:00Z"
    assert "actors/springfield/feed.xml" not in site  # never quoted: no feed
    assert "actors/john-smith/feed.xml" not in site  # quoted once
    assert ('<link rel="alternate" type="application/atom+xml" title="New quotes by Jane Doe" '
            'href="/archive/actors/jane-doe/feed.xml">') in text(site, "actors/jane-doe/index.html")


def test_outlet_feed_and_taxonomy_pages(site):
    feed = ElementTree.fromstring(site["outlets/example-times/feed.xml"])
    assert [e.find(ATOM + "title").text for e in feed.findall(ATOM + "entry")] == [
        "Council approves the budget", "Harbour reopens"]
    assert feed.find(ATOM + "link[@rel='alternate']").get("href") == "https://someone.github.io/archive/outlets/example-times/"
    outlets = text(site, "outlets/index.html")
    assert '<a href="/archive/outlets/example-times/">Example Times</a> <span class="count">2 articles</span>' in outlets
    tag = text(site, "tags/council/index.html")
    assert '<a href="/archive/articles/budget/">Council approves the budget</a>' in tag
    assert "tags/budget/index.html" in site and "authors/ann-writer/index.html" in site
    assert '<a href="/archive/tags/">Tags</a>' in text(site, "archive/index.html")


def test_robots_txt(site):
    assert site["robots.txt"] == (b"User-agent: *\nDisallow: /archive/search/\n"
                                  b"Sitemap: https://someone.github.io/archive/sitemap.xml\n")
    assert b"Sitemap" not in render(base_url="/")["robots.txt"]  # no host: no absolute sitemap URL to give


@pytest.mark.parametrize("path", ["index.html", "articles/budget/index.html", "actors/jane-doe/index.html",
                                  "page/2/index.html", "outlets/index.html", "404.html"])
def test_canonical_and_opengraph_meta(site, path):
    page = text(site, path)
    url = "https://someone.github.io/archive/" + path.removesuffix("index.html")
    assert f'<link rel="canonical" href="{url}">' in page
    assert re.search(r'<meta property="og:title" content="[^"]+">', page)
    assert '<meta name="twitter:card" content="summary">' in page
    assert re.search(r'<meta name="description" content="[^"]+">', page)
    # Open Graph's url and description would repeat the canonical link and the description: left out.
    assert "og:url" not in page and "og:description" not in page


def test_each_page_has_its_own_description(site):
    def description(path):
        return re.search(r'<meta name="description" content="([^"]*)">', text(site, path)).group(1)
    assert description("articles/budget/index.html") == (
        "Mayor Jane Doe said the Springfield council approved the budget on Tuesday.")
    assert description("actors/jane-doe/index.html") == (
        "Mayor of Springfield. A person in 2 articles of Springfield Archive: 3 mentions, 2 quotes.")
    assert description("actors/port-authority/index.html") == (
        "An organisation in 2 articles of Springfield Archive: 2 mentions.")
    assert description("index.html") == "News about Springfield &amp; its harbour"
    assert '<meta property="og:type" content="article">' in text(site, "articles/budget/index.html")


def test_quotes_off_the_article_page_are_rows_under_their_article(site):
    """An actor's quotes and the quotes index: a row a quote under its article's title (said once a group),
    the quote a link to its anchor in the article; the full card, and how to cite it, on the article page only."""
    jane = text(site, "actors/jane-doe/index.html")
    quotes = jane[jane.index('id="quotes-heading"'):jane.index('id="articles-heading"')]
    assert quotes.count('class="quote-source"') == 2 and quote_rows(quotes) == 2  # two articles
    assert ('<a href="/archive/articles/budget/#q-this-budget-keeps-every-2861c2"><q>This budget keeps every '
            'library open for another year</q></a>') in quotes
    assert 'class="speaker"' not in quotes and "<figure" not in jane and "Cite this quote" not in jane
    index = text(site, "quotes/index.html")  # two quotes of one article, one of another
    assert index.count('class="quote-source"') == 2 and quote_rows(index) == 3
    assert '>Council approves the budget</a> <time>2024-03-05</time></h2>' in index  # compact: the ISO date
    assert '<li>A senior official: <a href="/archive/articles/budget/#q-nothing' in index
    article = text(site, "articles/budget/index.html")
    assert article.count("<figure") == 2 and " cite=" not in article
    # How to cite a quote, said once: the article, and the quote's "In context" link as its address
    assert article.count('class="cite-how"') == 1 and ('quoted in “Council approves the budget”, Example Times, '
                                                       '5 March 2024, and the address of its “In context” link '
                                                       '(https://someone.github.io/archive/articles/budget/#q-…)'
                                                       ) in article


def test_actor_page_lists_articles_by_title_not_excerpt(site):
    page = text(site, "actors/port-authority/index.html")
    articles = page[page.index('id="articles-heading"'):]
    assert '<a href="/archive/articles/budget/">Council approves the budget</a>' in articles
    assert "approved the budget on Tuesday" not in page and 'class="excerpt"' not in page


def test_actor_page_says_who_they_talk_about_and_who_talks_about_them():
    archive = sample_archive()
    jane, john = archive.actors[0], archive.actors[1]
    # John Smith's "a start" names nobody; say Jane Doe's first quote names John and the official's names Jane.
    actors = (dataclasses.replace(jane, talks_about=(("john-smith", 1),),
                                  quoted_about=(QuoteRef("budget", 1),)),
              dataclasses.replace(john, quoted_about=(QuoteRef("budget", 0),)), *archive.actors[2:])
    archive = dataclasses.replace(archive, actors=actors)
    config = sample_config()
    site = render_site(archive, config, [default_theme_dir()], sample_body(archive, config))
    jane_page, john_page = text(site, "actors/jane-doe/index.html"), text(site, "actors/john-smith/index.html")
    talks = jane_page[jane_page.index('id="talks-heading"'):]
    assert "<h3>Whom Jane Doe talks about</h3>" in talks and '>John Smith</a> 1 quote</li>' in talks
    about = john_page[john_page.index('id="about-heading"'):]
    assert "Quoted about John Smith" in about and "This budget keeps every library open" in about
    by = john_page[john_page.index('id="talks-heading"'):]  # who talks about him: Jane Doe, in one quote
    assert "<h3>Who talks about John Smith</h3>" in by and '>Jane Doe</a> 1 quote</li>' in by
    assert "nothing has been decided about the harbour" in jane_page[jane_page.index('id="about-heading"'):]


@pytest.mark.parametrize("scope, links", [("paragraph", 3), ("article", 2), ("all", 4)])
def test_link_mentions_scope(scope, links):
    text_ = "Jane Doe met Jane Doe.\nJane Doe and Springfield."
    body_article = dataclasses.replace(sample_archive().articles[2], text=text_)
    ids = {"Jane Doe": "jane", "Springfield": "spring"}
    mentions = tuple(Mention(m.start(), m.end(), m.group(), "PERSON", m.group(), "person", actor_id=ids[m.group()])
                     for m in re.finditer("Jane Doe|Springfield", text_))
    html = render_body(body_article, Annotation(mentions), lambda actor_id: f"/a/{actor_id}/", scope)
    assert html.count("<a ") == links
    assert html.startswith('<p id="p-1"><a class="entity-person" href="/a/jane/">Jane Doe</a> met ')


def _jsonld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def test_article_jsonld_names_only_the_most_mentioned_actors(site, monkeypatch):
    from archivist.site import render as render_module

    every = _jsonld(text(site, "articles/budget/index.html"))["mentions"]
    assert len(every) == 4 < render_module.JSONLD_MENTIONS
    monkeypatch.setattr(render_module, "JSONLD_MENTIONS", 2)
    assert _jsonld(text(render(), "articles/budget/index.html"))["mentions"] == every[:2]


def test_a_card_says_how_its_speaker_was_found():
    from archivist.models import Evidence

    archive, config = sample_archive(), sample_config()
    ann = archive.annotations["budget"]
    named, unnamed = next(q for q in ann.quotes if q.speaker), next(q for q in ann.quotes if q.speaker is None)
    shown_name = dataclasses.replace(named, evidence=Evidence(
        "trailing-cue", "pronoun", 0.912, Span(0, 5, "<b>Doe</b>")))
    withheld = dataclasses.replace(unnamed, kind="direct", evidence=Evidence("inverted-cue", "name", 0.41))
    quotes = tuple(shown_name if q is named else withheld if q is unnamed else q for q in ann.quotes)
    archive = dataclasses.replace(archive, annotations={**archive.annotations,
                                                        "budget": dataclasses.replace(ann, quotes=quotes)})
    page = text(render_site(archive, config, [default_theme_dir()], sample_body(archive, config)),
                "articles/budget/index.html")
    evidence = re.findall(r'<small class="evidence">(.*?)</small>', page)
    assert "trailing-cue · pronoun of “&lt;b&gt;Doe&lt;/b&gt;” · 0.91" in evidence  # content stays inert
    assert f"inverted-cue · name withheld: 0.41 &lt; {config.quotes.min_confidence}" in evidence
    assert len(evidence) == 2  # the sample's other quotes record no evidence: nothing is said of them
