"""The whole pipeline on the example archive: pages, cache, determinism, failure safety."""

from __future__ import annotations

import hashlib
import os
import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import BASE_URL, broken_links

from archivist.build import BuildError, build


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file below ``folder`` by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_example_builds_every_kind_of_page(example_site):
    site, report, _ = example_site
    out = report.output
    assert report.problems == ()
    n_articles = len(list((site / "content").iterdir()))
    assert len(list((out / "articles").glob("*/index.html"))) == n_articles
    for rel in ["index.html", "404.html", "search/index.html", "actors/index.html", "quotes/index.html",
                "sitemap.xml", "feed.xml", "actors.json", ".nojekyll", "pagefind/pagefind.js",
                "articles/000-5f1a2df0ae99eeb5/annotations.json"]:
        assert (out / rel).exists(), rel
    actors = json.loads((out / "actors.json").read_text())
    assert len(actors) > 50
    assert all(a["url"].startswith("https://someone.github.io/archive/actors/") or
               a["url"].startswith("/archive/actors/") for a in actors)


def test_seed_article_links_its_people_to_one_page_each(example_site):
    site, report, _ = example_site
    page = (report.output / "articles/000-5f1a2df0ae99eeb5/index.html").read_text()
    for person in ["vladimir-putin", "dmitry-peskov", "sergey-ryabkov", "wendy-sherman", "zbigniew-rau",
                   "antony-blinken"]:
        assert f'href="/archive/actors/{person}/"' in page, person
        assert (report.output / f"actors/{person}/index.html").exists()
    assert "Wendy Sherman" in page and 'data-quote="1"' in page


def test_links_stay_under_the_base_path(example_site):
    site, report, _ = example_site
    import re

    for path in report.output.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="(/[^"]*)"', path.read_text()):
            assert href.startswith("/archive/"), (path, href)


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_internal_link_of_the_built_site_exists(example_site):
    site, report, _ = example_site
    assert broken_links(read_tree(report.output), BASE_URL, not_rendered=()) == []


def test_min_mentions_drops_rare_actors_without_breaking_links(example_site, tmp_path):
    site, report, _ = example_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    with open(copy / "site.toml", "a") as f:
        f.write("\n[actors]\nmin_mentions = 3\n")
    logs: list[str] = []
    pruned = build(copy, output_dir=tmp_path / "out", overrides={"base_url": BASE_URL}, progress=False,
                   log=logs.append)
    assert any(line.startswith("aggregate") and "without one (mentioned fewer than 3 times" in line
               for line in logs), logs
    before = {a["id"]: a for a in json.loads((report.output / "actors.json").read_text())}
    after = {a["id"]: a for a in json.loads((pruned.output / "actors.json").read_text())}
    assert set(after) == {i for i, a in before.items() if a["mentions"] >= 3 or a["quotes"]}
    assert len(after) < len(before) and pruned.pages < report.pages
    assert not (pruned.output / "actors" / next(i for i in before if i not in after)).exists()
    files = read_tree(pruned.output)
    assert broken_links(files, BASE_URL, not_rendered=()) == []
    # Speakers keep their pages, whatever their mentions: every quote card's speaker is a link.
    for path, data in files.items():
        if path.startswith("articles/") and path.endswith("annotations.json"):
            for q in json.loads(data)["quotes"]:
                assert q["actor_id"] is None or q["actor_id"] in after, (path, q)


def test_unchanged_rebuild_runs_no_nlp_and_gives_the_same_bytes(example_site, tmp_path):
    site, report, _ = example_site
    before = tree_digest(report.output)
    logs: list[str] = []
    again = build(site, output_dir=report.output, overrides={"base_url": BASE_URL}, progress=False, log=logs.append)
    # Nothing changed: the build stops before any stage (or, were the page keys lost, runs them from cache).
    assert again.up_to_date or any("0 annotated" in line for line in logs), logs
    assert not any(line.startswith("annotate") and " 0 annotated" not in line for line in logs), logs
    assert tree_digest(report.output) == before


def test_a_bad_article_is_skipped_or_fails_the_build_when_strict(example_site, tmp_path):
    site, report, _ = example_site
    bad = site / "content" / "zz-bad.txt"
    bad.write_text("Title\n2022-01-13\nhttps://example.org/\nText.\n")
    before = tree_digest(report.output)
    try:
        with pytest.raises(BuildError, match="--strict"):
            build(site, output_dir=report.output, overrides={"strict": True, "base_url": BASE_URL},
                  progress=False, log=lambda m: None)
        assert tree_digest(report.output) == before  # untouched
        logs: list[str] = []
        report = build(site, output_dir=tmp_path / "out", progress=False, log=logs.append)
        assert [str(p) for p in report.problems] == [
            "content/zz-bad.txt:2: bad date '2022-01-13' on line 2: expected YYYYMMDD"]
        assert any(line.startswith("skipped: content/zz-bad.txt:2") for line in logs)
    finally:
        bad.unlink()


def tiny_site(folder: Path, body: str) -> Path:
    """A site of one title line in site.toml and one article, content/a.txt, with ``body``; built once."""
    (folder / "site.toml").write_text('title = "Tiny"\n')
    (folder / "content").mkdir()
    (folder / "content" / "a.txt").write_text(f"Talks\n20240101\nhttps://www.example.org/a\n{body}\n")
    build(folder, progress=False, log=lambda m: None)
    return folder


def test_site_with_only_content_and_a_title_builds(tmp_path, nlp):
    tiny_site(tmp_path, '"We are done," Jane Smith said on Monday.\n<script>alert(1)</script> appeared in the text.')
    page = (tmp_path / "build/articles/a/index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert (tmp_path / "build/index.html").exists()


def test_editing_actors_toml_takes_effect_without_nlp(tmp_path, nlp):
    tiny_site(tmp_path, '"We will see," Dmitri Peskov told reporters in Moscow on Monday.')
    assert (tmp_path / "build/actors/dmitri-peskov/index.html").exists()
    (tmp_path / "actors.toml").write_text(
        '[[actor]]\nname = "Dmitry Peskov"\naliases = ["Dmitri Peskov"]\ndescription = "Kremlin spokesman"\n'
        'wikipedia = "https://en.wikipedia.org/wiki/Dmitry_Peskov"\n\n'
        '[[actor]]\nname = "Moscow"\nhide = true\n')
    logs: list[str] = []
    build(tmp_path, progress=False, log=logs.append)
    assert any("0 annotated, 1 from cache" in line for line in logs), logs
    out = tmp_path / "build"
    assert not (out / "actors/dmitri-peskov").exists() and not (out / "actors/moscow").exists()
    page = (out / "actors/dmitry-peskov/index.html").read_text()
    assert "Kremlin spokesman" in page and "https://en.wikipedia.org/wiki/Dmitry_Peskov" in page
    article = (out / "articles/a/index.html").read_text()
    assert 'href="/actors/dmitry-peskov/"' in article and 'href="/actors/moscow/"' not in article


@pytest.mark.parametrize("theme_file, data, message", [
    ("static/passwd.css", None, "a symbolic link to outside the theme folder"),
    ("templates/404.html", b"{% if %}", "theme template "),
    ("templates/404.html", b"\xff\xfe not UTF-8", "is not UTF-8"),
])
def test_a_bad_theme_file_fails_the_build_naming_it_and_publishes_nothing(tmp_path, nlp, theme_file, data, message):
    (tmp_path / "site").mkdir()
    site = tiny_site(tmp_path / "site", "Mayor Jane Doe said the budget passed.")
    before = tree_digest(site / "build")
    target = site / "themes" / "default" / theme_file
    target.parent.mkdir(parents=True)
    if data is None:
        secret = tmp_path / "secret.txt"
        secret.write_text("root:x:0:0\n")
        target.symlink_to(secret)
    else:
        target.write_bytes(data)
    with pytest.raises(BuildError, match=message) as failure:
        build(site, progress=False, log=lambda m: None)
    assert "root:x" not in str(failure.value)
    if data is None:
        assert "passwd.css" in str(failure.value)
    assert tree_digest(site / "build") == before


def test_a_theme_template_that_extends_itself_fails_the_build_in_one_line(tmp_path, nlp):
    (tmp_path / "site").mkdir()
    site = tiny_site(tmp_path / "site", "Mayor Jane Doe said the budget passed.")
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text('{% extends "404.html" %}')
    with pytest.raises(BuildError, match="extends or includes itself"):
        build(site, progress=False, log=lambda m: None)


def test_a_site_folder_whose_name_is_not_utf8_builds(tmp_path, nlp):
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    folder.mkdir()
    site = tiny_site(folder, "Mayor Jane Doe said the budget passed.")
    assert (site / "build" / "index.html").is_file()
    assert build(site, progress=False, log=lambda m: None).up_to_date


def test_an_edit_that_keeps_the_size_and_mtime_is_built(tmp_path, nlp, monkeypatch):
    # The unchanged-build check reads only files whose stat changed: the ctime moves on every write.
    from archivist.site import stat_cache

    monkeypatch.setattr(stat_cache, "RACY_NS", 0)  # trust the keys of files written a moment ago
    tiny_site(tmp_path, "Mayor Jane Doe said the budget passed.")
    [recorded] = (tmp_path / ".archivist-cache").glob("stat-*.json")
    assert list(json.loads(recorded.read_text())["files"]) == ["a.txt"]
    time.sleep(0.05)  # past the file system's clock tick
    a = tmp_path / "content" / "a.txt"
    st = a.stat()
    a.write_text(a.read_text().replace("Jane Doe", "Jane Roe"))
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
    report = build(tmp_path, progress=False, log=lambda m: None)
    assert not report.up_to_date
    assert "Jane Roe" in (tmp_path / "build/articles/a/index.html").read_text()
    assert build(tmp_path, progress=False, log=lambda m: None).up_to_date


def test_size_report_of_a_rebuild_is_that_of_a_walk(tmp_path, nlp):
    # The report comes from the last build's ledger and what this build wrote or removed (no walk):
    # after an edit, an added and a removed article it must still be what a walk of the output finds.
    from archivist.site import sizes

    tiny_site(tmp_path, '"We are done," Jane Smith said on Monday in Paris.')
    content = tmp_path / "content"
    (content / "b.txt").write_text("Later\n20240102\nhttps://www.example.org/b\nJohn Doe met Jane Smith in Rome.\n")
    build(tmp_path, progress=False, log=lambda m: None)
    (content / "a.txt").write_text((content / "a.txt").read_text() + "Jane Smith left for Berlin.\n")
    (content / "b.txt").unlink()
    (content / "c.txt").write_text("Third\n20240103\nhttps://www.example.org/c\nMary Major spoke in Madrid.\n")
    logs: list[str] = []
    build(tmp_path, progress=False, log=logs.append)
    walked = sizes.measure(tmp_path / "build")
    start = logs.index("bytes by kind of page (issue 13's budget):") + 1
    assert logs[start:start + len(sizes.format_report(walked))] == sizes.format_report(walked)
    ledgers = list((tmp_path / ".archivist-cache").glob("*.sizes.json"))
    assert len(ledgers) == 1
    assert json.loads(ledgers[0].read_text())["sizes"] == sizes.file_sizes(tmp_path / "build")
    assert not (tmp_path / "build/articles/b").exists() and (tmp_path / "build/articles/c/index.html").exists()
