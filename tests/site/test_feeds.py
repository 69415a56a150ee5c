"""Tests of archivist.site.feeds: a feed's date, the sitemap's pages and its split, robots.txt."""

from __future__ import annotations

import datetime as dt

from archivist.config import parse_config
from archivist.site.feeds import robots_txt, sitemap_paths, sitemaps, updated


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
