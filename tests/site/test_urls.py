"""The site's URL scheme (``archivist.site.urls``): every page's path, links under the base path."""

from __future__ import annotations

import pytest
from conftest import sample_config

from archivist.site import urls


@pytest.mark.parametrize("path, expected", [
    (urls.article_url("budget"), "articles/budget/"),
    (urls.annotations_url("budget"), "articles/budget/annotations.json"),
    (urls.actor_url("jane-doe"), "actors/jane-doe/"),
    (urls.actor_feed_url("jane-doe"), "actors/jane-doe/feed.xml"),
    (urls.year_url(2024), "archive/2024/"),
    (urls.taxonomy_url("outlets"), "outlets/"),
    (urls.term_url("tags", "council"), "tags/council/"),
    (urls.term_feed_url("outlets", "cnn"), "outlets/cnn/feed.xml"),
])
def test_page_paths(path, expected):
    assert path == expected


@pytest.mark.parametrize("value, slug", [("Example Times", "example-times"), ("lite.cnn.com", "lite-cnn-com"),
                                         ("U.S.", "us"), ("Ann Writer", "ann-writer"), ("CNN", "cnn"),
                                         ("Dr. Who", "dr-who"), ("???", "term")])
def test_term_slugs(value, slug):
    assert urls.term_slug(value) == slug  # a host's dots part words; an abbreviation's do not


@pytest.mark.parametrize("prefix, n, path", [
    ("quotes/", 1, "quotes/"),
    ("quotes/", 0, "quotes/"),  # below 1 is page 1
    ("quotes/", 2, "quotes/page/2/"),
    ("", 3, "page/3/"),  # the home page's list
    ("actors/jane-doe/", 12, "actors/jane-doe/page/12/"),
])
def test_page_url_keeps_page_one_at_the_plain_url(prefix, n, path):
    assert urls.page_url(prefix, n) == path


@pytest.mark.parametrize("path, file", [
    ("", "index.html"),
    ("actors/", "actors/index.html"),
    ("articles/budget/", "articles/budget/index.html"),
    ("feed.xml", "feed.xml"),
    ("static/style.css", "static/style.css"),
])
def test_file_of_and_path_of_are_inverse(path, file):
    assert urls.file_of(path) == file
    assert urls.path_of(file) == path


@pytest.mark.parametrize("base_url, path, link, absolute", [
    ("https://someone.github.io/archive/", "actors/", "/archive/actors/", "https://someone.github.io/archive/actors/"),
    ("https://someone.github.io/archive/", "/feed.xml", "/archive/feed.xml", "https://someone.github.io/archive/feed.xml"),
    ("https://someone.github.io/archive/", "", "/archive/", "https://someone.github.io/archive/"),
    ("https://example.org", "sitemap.xml", "/sitemap.xml", "https://example.org/sitemap.xml"),
    ("/", "sitemap.xml", "/sitemap.xml", "/sitemap.xml"),  # no host: only a path
])
def test_url_for_and_absolute_url(base_url, path, link, absolute):
    config = sample_config(base_url=base_url)
    assert urls.url_for(config, path) == link
    assert urls.absolute_url(config, path) == absolute


def test_the_actor_sorts_start_at_the_actors_index():
    assert urls.ACTOR_SORTS[0][2] == urls.ACTORS
    assert [path for _, _, path in urls.ACTOR_SORTS] == ["actors/", "actors/by-mentions/", "actors/by-quotes/"]
    assert [(name, urls.taxonomy_url(name)) for name, _, _, path in urls.TAXONOMIES] == [
        (name, path) for name, _, _, path in urls.TAXONOMIES]
