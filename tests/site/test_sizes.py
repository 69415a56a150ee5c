"""The build's size report: files sorted into kinds of page by path, bytes summed, the largest page named."""

from __future__ import annotations

import pytest

from archivist.site.sizes import (file_sizes, format_report, kind_of, load_ledger, measure, save_ledger,
                                   summarise, updated_sizes)


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


def _files(root, files):
    for rel, size in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x" * size)


def test_updated_sizes_are_those_of_a_walk(tmp_path):
    _files(tmp_path, {"index.html": 10, "articles/a/index.html": 20, "articles/b/index.html": 30,
                      "pagefind/x/fragment/1.pf": 40, "pagefind/old.pf": 1})
    before = file_sizes(tmp_path)
    assert before["articles/b/index.html"] == 30 and ".archivist-output" not in before
    _files(tmp_path, {"articles/a/index.html": 25, "articles/c/index.html": 5, "pagefind/y/fragment/2.pf": 7})
    (tmp_path / "articles/b/index.html").unlink()
    (tmp_path / "pagefind/old.pf").unlink()
    bundle = file_sizes(tmp_path / "pagefind")
    after = updated_sizes(tmp_path, before, ["articles/a/index.html", "articles/b/index.html",
                                             "articles/c/index.html"], {"pagefind": bundle})
    assert after == file_sizes(tmp_path)
    assert summarise(after) == measure(tmp_path)


def test_ledger_is_only_read_for_the_output_it_was_kept_for(tmp_path):
    path = tmp_path / "cache" / "pages.sizes.json"
    assert load_ledger(path, "1:2:3") is None  # none yet
    save_ledger(path, "1:2:3", {"index.html": 10})
    assert load_ledger(path, "1:2:3") == {"index.html": 10}
    assert load_ledger(path, "1:2:4") is None  # another output (another build wrote it since)
    path.write_text("{not json")
    assert load_ledger(path, "1:2:3") is None
