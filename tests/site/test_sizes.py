"""The build's size report: files sorted into kinds of page by path, bytes summed, the largest page named."""

from __future__ import annotations

import pytest

from archivist.site.sizes import format_report, kind_of, measure


@pytest.mark.parametrize("path, kind", [
    ("articles/a/index.html", "article"),
    ("articles/a/annotations.json", "article json"),
    ("actors/jane-doe/index.html", "actor"),
    ("actors/jane-doe/page/2/index.html", "actor, pages 2+"),
    ("actors/index.html", "list pages"),
    ("actors/by-mentions/page/3/index.html", "list pages"),
    ("actors/page/2/index.html", "list pages"),
    ("actors/jane-doe/feed.xml", "feeds"),
    ("outlets/cnn/feed.xml", "feeds"),
    ("sitemap.xml", "sitemap, robots"),
    ("sitemap-12.xml", "sitemap, robots"),
    ("robots.txt", "sitemap, robots"),
    ("actors.json", "json"),
    ("pagefind/fragment/en_1.pf_fragment", "search bundle"),
    ("data/quotes.csv", "data"),
    ("static/style.css", "static"),
])
def test_kinds(path, kind):
    assert kind_of(path) == kind


def test_measure(tmp_path):
    for rel, size in (("index.html", 10), ("actors/x/index.html", 300), ("actors/y/index.html", 200),
                      ("pagefind/a.pf", 5000), (".archivist-output", 7)):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * size)
    report = measure(tmp_path)
    assert report.kinds == (("search bundle", 5000, 1), ("actor", 500, 2), ("list pages", 10, 1))
    assert (report.total_bytes, report.total_files) == (5510, 4)  # the build's own marker is not counted
    assert report.largest == ("actors/x/index.html", 300)
    assert format_report(report)[-1] == "  largest page: actors/x/index.html (0 KB)"
