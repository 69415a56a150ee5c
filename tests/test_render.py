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
import datetime as dt
import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Mapping
from xml.etree import ElementTree

import pytest
from markupsafe import Markup, escape

from archivist.config import parse_config
from archivist.models import Actor, Annotation, Archive, Article, Mention, Quote, QuoteRef, Span
from archivist.prune import prune_actors
from archivist.render import _pagination, default_theme_dir, linkify, quote_text, render_site, timeline_svg

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ARCHIVIST_UPDATE_GOLDEN") == "1"
XSS = "<script>alert(1)</script>"


def _mention(text: str, needle: str, label: str, actor: str, kind: str, nth: int = 0, role=None) -> Mention:
    """A Mention of the nth occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Mention(start, start + len(needle), needle, label, actor, kind, role)


def _quote(text: str, quoted: str, speaker: str | None, who: str | None, cue="said", kind="direct", role=None) -> Quote:
    """A Quote of ``quoted`` (with its marks) in ``text``, said by ``who`` (the words naming the speaker)."""
    start = text.index(quoted)
    mention = None
    if who:
        at = text.index(who)
        mention = Span(at, at + len(who), who)
    return Quote(start, start + len(quoted), quoted, speaker, mention, cue, kind, role)


def sample_archive() -> Archive:
    """Three articles, four actors, direct/partial/unattributed quotes and a hostile title."""
    t1 = ("Mayor Jane Doe said the Springfield council approved the budget on Tuesday.\n"
          "“This budget keeps every library open for another year,” Jane Doe said.\n"
          "A senior official said “nothing has been decided about the harbour yet, not at all.”\n"
          "John Smith, of the Port Authority, called it “a start”.")
    m1 = (_mention(t1, "Jane Doe", "PERSON", "Jane Doe", "person", role="Mayor"),
          _mention(t1, "Springfield", "GPE", "Springfield", "place"),
          _mention(t1, "Jane Doe", "PERSON", "Jane Doe", "person", nth=1),
          _mention(t1, "John Smith", "PERSON", "John Smith", "person"),
          _mention(t1, "Port Authority", "ORG", "Port Authority", "organisation"))
    q1 = (_quote(t1, "“This budget keeps every library open for another year,”", "Jane Doe", "Jane Doe", role="Mayor"),
          _quote(t1, "“nothing has been decided about the harbour yet, not at all.”", None, "A senior official",
                 kind="partial"),
          _quote(t1, "“a start”", "John Smith", "John Smith", cue="called", kind="partial"))
    a1 = Article("budget", "budget.txt", "Council approves the budget", dt.date(2024, 3, 5),
                 "https://example.com/news/budget?id=1&lang=en", "Example Times", t1,
                 authors=("Ann Writer",), tags=("council", "budget"))

    t2 = (f"Readers saw {XSS} in a comment.\n"
          "Jane Doe said: “We will fix the comment form before the next meeting of the council.”")
    m2 = (_mention(t2, "Jane Doe", "PERSON", "Jane Doe", "person"),)
    q2 = (_quote(t2, "“We will fix the comment form before the next meeting of the council.”", "Jane Doe", "Jane Doe"),)
    a2 = Article("xss", "xss.md", f"Comment form shows {XSS}", dt.date(2023, 11, 20),
                 "https://en.wikinews.org/wiki/Comment_form", "Wikinews", t2, format="md",
                 credit="Wikinews, CC BY 2.5")

    t3 = ("The harbour in Springfield reopened on Thursday.\n"
          "The Port Authority said repairs cost less than expected.")
    m3 = (_mention(t3, "Springfield", "GPE", "Springfield", "place"),
          _mention(t3, "Port Authority", "ORG", "Port Authority", "organisation"))
    a3 = Article("harbour", "harbour.txt", "Harbour reopens", dt.date(2023, 6, 1), None, "Example Times", t3,
                 reference="wire/NEWID=7&<b>")

    actors = (
        Actor("jane-doe", "Jane Doe", "person", aliases=("Doe",), roles=("Mayor",),
              description="Mayor of Springfield.", links=(("Wikipedia", "https://en.wikipedia.org/wiki/Jane_Doe"),),
              mentions=3, articles=("budget", "xss"), quotes=(QuoteRef("budget", 0), QuoteRef("xss", 0)),
              co_actors=(("springfield", 1), ("john-smith", 1), ("port-authority", 1)),
              timeline=(("2023-11", 1), ("2024-03", 2)), outlets=(("Example Times", 1), ("Wikinews", 1))),
        Actor("john-smith", "John Smith", "person", mentions=1, articles=("budget",),
              quotes=(QuoteRef("budget", 2),), co_actors=(("jane-doe", 1),), timeline=(("2024-03", 1),),
              outlets=(("Example Times", 1),)),
        Actor("port-authority", "Port Authority", "organisation", mentions=2, articles=("budget", "harbour"),
              co_actors=(("springfield", 2),), timeline=(("2023-06", 1), ("2024-03", 1))),
        Actor("springfield", "Springfield", "place", mentions=2, articles=("budget", "harbour"),
              co_actors=(("port-authority", 2),), timeline=(("2023-06", 1), ("2024-03", 1))),
    )
    ids = {"Jane Doe": "jane-doe", "John Smith": "john-smith", "Port Authority": "port-authority",
           "Springfield": "springfield"}
    annotations = {"budget": Annotation(m1, q1), "xss": Annotation(m2, q2), "harbour": Annotation(m3, ())}
    return Archive(
        articles=(a1, a2, a3), annotations=annotations, actors=actors,
        mention_actors={k: tuple(ids.get(m.actor) for m in a.mentions) for k, a in annotations.items()},
        quote_actors={k: tuple(ids.get(q.speaker) for q in a.quotes) for k, a in annotations.items()},
    )


def sample_config(**overrides):
    """The sample site's config (two articles a page, so pagination shows)."""
    data = {"title": "Springfield Archive", "description": "News about Springfield & its harbour",
            "base_url": "https://someone.github.io/archive/", "per_page": 2}
    return parse_config({**data, **overrides})


def sample_body(archive: Archive, config):
    """A stand-in for markup.py: escaped paragraphs, actor links on mentions, ``quote-N`` anchors."""
    def body(article: Article) -> Markup:
        ann = archive.annotations[article.id]
        ids = archive.mention_actors.get(article.id, ())
        tags: list[tuple[int, int, str]] = []  # (offset, order, markup); closes sort before opens
        for n, q in enumerate(ann.quotes, 1):
            tags += [(q.start, 1, f'<span class="quote" id="quote-{n}">'), (q.end, 0, "</span>")]
        for m, actor_id in zip(ann.mentions, ids):
            if actor_id:
                href = f"{config.base_path}actors/{actor_id}/"
                tags += [(m.start, 2, f'<a class="entity" href="{href}">'), (m.end, -1, "</a>")]
        paras = []
        for start, end in article.paragraphs:
            out, pos = [], start
            for at, _, tag in sorted(t for t in tags if start <= t[0] <= end):
                out += [str(escape(article.text[pos:at])), tag]
                pos = at
            out.append(str(escape(article.text[pos:end])))
            paras.append("<p>" + "".join(out) + "</p>")
        return Markup("\n".join(paras))
    return body


def render(**overrides) -> dict[str, bytes]:
    """The sample archive rendered with the default theme."""
    archive, config = sample_archive(), sample_config(**overrides)
    return render_site(archive, config, [default_theme_dir()], sample_body(archive, config))


@pytest.fixture(scope="module")
def site() -> dict[str, bytes]:
    return render()


def text(site, path: str) -> str:
    return site[path].decode("utf-8")


def test_pages_written(site):
    expected = {
        "index.html", "page/2/index.html", "articles/budget/index.html", "articles/budget/annotations.json",
        "articles/xss/index.html", "articles/harbour/index.html", "actors/index.html",
        "actors/by-mentions/index.html", "actors/by-quotes/index.html", "actors/jane-doe/index.html",
        "actors/springfield/index.html", "quotes/index.html", "quotes/page/2/index.html", "search/index.html",
        "archive/index.html", "archive/2023/index.html", "archive/2024/index.html", "404.html",
        "sitemap.xml", "feed.xml", "actors.json", ".nojekyll", "static/style.css",
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


_LINK = re.compile(r'(?:href|src)="([^"]*)"|<loc>([^<]*)</loc>')


def broken_links(files: Mapping[str, bytes], base_url: str, not_rendered: tuple[str, ...] = ("pagefind/",)) -> list:
    """(page, link) for every link from an HTML or XML file to a missing file or ``#fragment`` of the site.

    Links under ``base_url`` (full, or its path alone) must name a file of ``files`` (a folder
    means its index.html) and, with a fragment, an element of that page with that id. Paths under
    ``not_rendered`` are written by a later stage (Pagefind) and skipped.
    """
    base_path = "/" + base_url.split("://", 1)[-1].split("/", 1)[-1] if "://" in base_url else base_url
    base_path = base_path.rstrip("/") + "/"
    ids: dict[str, set[str]] = {}

    def ids_of(path: str) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\sid="([^"]+)"', files[path].decode("utf-8")))
        return ids[path]

    broken = []
    for page, data in sorted(files.items()):
        if not page.endswith((".html", ".xml")):
            continue
        for groups in _LINK.findall(data.decode("utf-8")):
            link = html.unescape(groups[0] or groups[1])
            if link.startswith(base_url):
                link = base_path + link[len(base_url):]
            if link.startswith("#"):
                target, fragment = page, link[1:]
            elif link.startswith(base_path):
                rel, _, fragment = link[len(base_path):].partition("#")
                target = rel.split("?")[0]
                target = target + "index.html" if target == "" or target.endswith("/") else target
                if target.startswith(not_rendered):
                    continue
            else:
                continue  # another site, or data: URL
            if target not in files or (fragment and target.endswith(".html") and fragment not in ids_of(target)):
                broken.append((page, link))
    return broken


def test_no_broken_internal_links(site):
    assert broken_links(site, "https://someone.github.io/archive/") == []
    broken = dict(site)
    del broken["actors/springfield/index.html"]
    assert ("actors/index.html", "/archive/actors/springfield/") in broken_links(broken, "/archive/")


def pruned_site(min_mentions: int = 3) -> dict[str, bytes]:
    """The sample archive without actors mentioned fewer than ``min_mentions`` times, rendered."""
    full, config = sample_archive(), sample_config(actors={"min_mentions": min_mentions})
    archive = prune_actors(full, min_mentions)
    return render_site(archive, config, [default_theme_dir()], sample_body(archive, config),
                       unpaged=len(full.actors) - len(archive.actors))


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
                                  actors=(), mention_actors={}, quote_actors={})
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


def test_deterministic():
    assert render() == render()


def test_no_other_hosts_loaded(site):
    """Pages load nothing from another host; only <a href> may leave the site (sources, actor links)."""
    for path, data in site.items():
        if not path.endswith((".html", ".xml")) or path.endswith(".xml"):
            continue
        page = data.decode("utf-8")
        for tag, attr, value in re.findall(r"<(\w+)[^>]*?\s(src|href)=\"([^\"]*)\"", page):
            if value.startswith(("http://", "https://", "//")):
                assert tag == "a", (path, tag, value)
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
    assert "By Ann Writer" in page
    assert 'data-pagefind-body' in page and 'data-pagefind-filter="type:article"' in page
    assert 'data-pagefind-filter="year:2024"' in page
    assert '<span class="outlet" data-pagefind-filter="outlet">Example Times</span>' in page
    # Cards: the direct quote and the long partial one, not the two-word fragment.
    cards = re.findall(r'<figure class="quote-card">.*?</figure>', page, re.S)
    assert len(cards) == 2
    assert 'href="/archive/actors/jane-doe/"' in cards[0] and 'href="#quote-1"' in cards[0]
    assert "This budget keeps every library open for another year</p>" in cards[0]
    assert "Mayor" in cards[0]
    assert "A senior official" in cards[1] and "actors/" not in cards[1] and 'href="#quote-2"' in cards[1]
    assert 'id="quote-3"' in page  # the fragment is anchored in the text all the same
    assert 'href="/archive/articles/budget/annotations.json"' in page
    # Actors grouped by kind, with counts and search filters.
    actors = page[page.index('class="article-actors"'):]
    assert actors.index("<h3>People</h3>") < actors.index("<h3>Organisations</h3>") < actors.index("<h3>Places</h3>")
    assert ('data-pagefind-filter="actor">Jane Doe</a> <span class="count">2 mentions</span>') in actors


def test_source_identifier_where_no_url(site):
    page = text(site, "articles/harbour/index.html")
    assert '<span class="reference">Source: wire/NEWID=7&amp;&lt;b&gt;</span>' in page
    assert 'class="source"' not in page
    assert '"identifier": "wire/NEWID=7\\u0026\\u003cb\\u003e"' in page  # JSON-LD, escaped for a script


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


def test_annotations_json(site):
    data = json.loads(site["articles/budget/annotations.json"])
    assert data["id"] == "budget"
    assert [e["actor_id"] for e in data["entities"]] == ["jane-doe", "springfield", "jane-doe", "john-smith",
                                                         "port-authority"]
    assert [q["actor_id"] for q in data["quotes"]] == ["jane-doe", None, "john-smith"]
    assert data["quotes"][1]["speaker_mention"]["text"] == "A senior official"


def test_actor_page(site):
    page = text(site, "actors/jane-doe/index.html")
    assert '<h1 data-pagefind-filter="actor">Jane Doe</h1>' in page
    assert "2 articles · 3 mentions · 2 quotes" in page
    assert '<a href="https://en.wikipedia.org/wiki/Jane_Doe" rel="nofollow noopener">Wikipedia</a>' in page
    # Quotes newest first, each linking to its place in the article.
    assert page.index("/archive/articles/budget/#quote-1") < page.index("/archive/articles/xss/#quote-1")
    assert '<svg class="timeline" role="img" aria-labelledby="timeline-title"' in page
    assert '"@type": "Person"' in page
    assert "Example Times" in page and "Wikinews" in page


def test_timeline_fills_missing_months():
    svg = timeline_svg(sample_archive().actors[0])
    assert svg.count("<rect") == 5  # 2023-11 .. 2024-03
    assert "<title>2024-01: 0 mentions</title>" in svg
    assert "most (2) in 2024-03" in svg
    assert timeline_svg(Actor("x", "X", "other")) == ""


def test_actor_index_sorts(site):
    by_name = text(site, "actors/index.html")
    assert by_name.index(">Jane Doe<") < by_name.index(">John Smith<")
    assert 'id="person-J"' in by_name and 'href="#person-J"' in by_name
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
    assert quotes.count('class="quote-card"') == 2 and "3 quotes from the archive" in quotes


def test_search_page(site):
    page = text(site, "search/index.html")
    assert '<script src="/archive/pagefind/pagefind-ui.js"></script>' in page
    assert 'bundlePath: "/archive/pagefind/"' in page and 'baseUrl: "/archive/"' in page
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
    data = json.loads(site["actors.json"])
    assert [a["id"] for a in data] == ["jane-doe", "john-smith", "port-authority", "springfield"]
    assert data[0] == {"id": "jane-doe", "name": "Jane Doe", "kind": "person", "aliases": ["Doe"], "mentions": 3,
                       "articles": 2, "quotes": 2, "url": "/archive/actors/jane-doe/"}


def test_root_base_path():
    site = render(base_url="/")
    assert 'href="/static/style.css"' in site["404.html"].decode()
    assert 'bundlePath: "/pagefind/"' in site["search/index.html"].decode()


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


def test_golden(site):
    """Every page equals its committed copy in tests/golden (see the module docstring to update)."""
    if UPDATE:
        for path, data in site.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        stale = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()} - set(site)
        for path in stale:
            (GOLDEN / path).unlink()
    committed = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert committed == set(site), "golden files differ in names: run with ARCHIVIST_UPDATE_GOLDEN=1"
    changed = [path for path, data in site.items() if (GOLDEN / path).read_bytes() != data]
    assert not changed, f"pages differ from tests/golden: {changed} (ARCHIVIST_UPDATE_GOLDEN=1 to accept)"
