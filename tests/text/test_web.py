"""URL helpers (``archivist.text.web``): hosts as outlets are keyed."""

from __future__ import annotations

import pytest

from archivist.text.web import host_key, outlet_from_url


@pytest.mark.parametrize("host, key", [
    ("www.CBSNews.com", "cbsnews.com"),
    ("lite.cnn.com", "lite.cnn.com"),  # only a leading "www." goes
    ("en.wikinews.org", "en.wikinews.org"),
    ("WWW.example.org", "example.org"),
    ("", ""),
])
def test_host_key(host, key):
    assert host_key(host) == key


@pytest.mark.parametrize("url, outlet", [
    ("https://www.cnn.com/2022/x", "cnn.com"),
    ("https://www.CBSNews.com/news/x/", "cbsnews.com"),
    ("http://en.wikinews.org:8080/wiki/X?a=1", "en.wikinews.org"),  # port, path and query ignored
    ("https://user:pw@Example.org/x", "example.org"),
    (None, None),
    ("", None),
    ("not a url", None),  # no host: no outlet
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet
