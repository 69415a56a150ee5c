"""Tests of archivist.site.feeds: which actors get a feed, a feed's date, the sitemap's pages and its split,
robots.txt."""

from __future__ import annotations

import datetime as dt

import pytest

from archivist.config import parse_config
from archivist.models import Actor, QuoteRef
from archivist.site.feeds import has_quote_feed, robots_txt, sitemap_paths, sitemaps, updated


@pytest.mark.parametrize("quotes, threshold, expected", [
    (0, 1, False),  # never quoted: nothing to follow
    (1, 1, True),
    (2, 3, False),  # below [feeds] actor_min_quotes
    (3, 3, True),
    (5, 0, False),  # 0: no actor feeds at all
])
def test_an_actor_gets_a_quote_feed_from_actor_min_quotes_quotes(quotes, threshold, expected):
    actor = Actor(id="a", name="A", kind="person", quotes=tuple(QuoteRef("x", i) for i in range(quotes)))
    config = parse_config({"title": "T", "feeds": {"actor_min_quotes": threshold}})
    assert has_quote_feed(actor, config) is expected


def test_updated_is_the_newest_date_and_none_without_dates():
    assert updated([dt.date(2020, 1, 2), None, dt.date(2021, 5, 6), dt.date(2019, 1, 1)]) == dt.date(2021, 5, 6)
    assert updated([None, None]) is None
    assert updated([]) is None


def test_sitemap_lists_html_pages_sorted_but_not_search_or_other_files():
    files = {"index.html": 1, "search/index.html": 1, "articles/b/index.html": 1, "articles/a/index.html": 1,
             "feed.xml": 1, "static/style.css": 1}
    assert sitemap_paths(files) == ["", "articles/a/", "articles/b/"]


def test_one_sitemap_up_to_the_limit_then_numbered_files_of_the_limit():
    paths = [f"p{i}/" for i in range(5)]
    assert sitemaps(paths, limit=5) == {"sitemap.xml": paths}
    split = sitemaps(paths, limit=2)
    assert split == {"sitemap-1.xml": ["p0/", "p1/"], "sitemap-2.xml": ["p2/", "p3/"], "sitemap-3.xml": ["p4/"]}
    assert sitemaps(paths, limit=0) == {f"sitemap-{i + 1}.xml": [p] for i, p in enumerate(paths)}


def test_robots_disallows_the_search_page_and_names_the_sitemap_only_with_a_host():
    with_host = robots_txt(parse_config({"title": "T", "base_url": "https://example.org/archive/"}))
    assert with_host == ("User-agent: *\nDisallow: /archive/search/\n"
                         "Sitemap: https://example.org/archive/sitemap.xml\n")
    path_only = robots_txt(parse_config({"title": "T", "base_url": "/archive/"}))
    assert path_only == "User-agent: *\nDisallow: /archive/search/\n"
