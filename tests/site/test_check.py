"""``archivist check``: the example build passes; each kind of problem is found and named with its page."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import BASE_URL, sample_config, write_site

from archivist.cli import main
from archivist.site.check import check_files, check_site, sitemap_base_url

PAGE = ('<!doctype html><html lang="en"><head><title>t</title>'
        '<link rel="stylesheet" href="/archive/static/style.css"></head>'
        '<body><main id="main"><h1 id="top">Title</h1>{body}</main></body></html>')


def site(page: str | None = None) -> dict[str, bytes]:
    """A two-page site under /archive/, and ``page/index.html`` with ``page`` inside its <main>."""
    files = {"index.html": PAGE.format(body='<p>Home <a href="/archive/about/#top">about</a>'),
             "about/index.html": PAGE.format(body="<p>About</p>"),
             "static/style.css": "body { color: black }"}
    if page is not None:
        files["page/index.html"] = PAGE.format(body=page)
    return {k: v.encode() for k, v in files.items()}


def kinds(problems) -> list[tuple[str, str, str]]:
    return [(p.page, p.kind, p.target) for p in problems]


def test_the_example_build_has_no_problem(example_site):
    _, report, _ = example_site
    assert [str(p) for p in check_site(report.output)] == []


def test_the_base_url_comes_from_the_sitemap(example_site):
    _, report, _ = example_site
    from archivist.site.check import FileTree

    assert sitemap_base_url(FileTree(report.output)) == BASE_URL


def test_the_base_url_of_a_sitemap_index_is_its_folder():
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://someone.github.io/archive/sitemap-1.xml</loc></sitemap>"
             b"<sitemap><loc>https://someone.github.io/archive/sitemap-2.xml</loc></sitemap></sitemapindex>")
    assert sitemap_base_url({"sitemap.xml": index}) == BASE_URL
    assert sitemap_base_url({}) is None


def test_a_rendered_sample_site_has_no_problem(tmp_path):
    write_site(tmp_path)
    assert [str(p) for p in check_files(
        {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()},
        sample_config().base_url, not_rendered=("pagefind/",))] == []


@pytest.mark.parametrize("body, kind, target", [
    ('<a href="/archive/missing/">x</a>', "link", "/archive/missing/"),
    ('<a href="https://someone.github.io/archive/missing.html">x</a>', "link",
     "https://someone.github.io/archive/missing.html"),
    ('<a href="/archive/about/#nowhere">x</a>', "anchor", "/archive/about/#nowhere"),
    ('<a href="#nowhere">x</a>', "anchor", "#nowhere"),
    ('<a href="../missing/">x</a>', "link", "../missing/"),
    ('<a href="/elsewhere/">x</a>', "outside", "/elsewhere/"),
    ('<script src="https://cdn.example.com/x.js"></script>', "external", "https://cdn.example.com/x.js"),
    ('<img src="//cdn.example.com/x.png" alt="">', "external", "//cdn.example.com/x.png"),
    ('<img srcset="/archive/a.png 1x, https://cdn.example.com/b.png 2x" alt="">', "link", "/archive/a.png"),
    ('<iframe src="https://video.example.com/embed"></iframe>', "external", "https://video.example.com/embed"),
    ('<style>@font-face { src: url("https://fonts.example.com/f.woff2") }</style>', "external",
     "https://fonts.example.com/f.woff2"),
    ("<div><p>open div</p>", "html", "div"),
    ("<p>one</p></section>", "html", "section"),
    ('<p id="x">one</p><p id="x">two</p>', "html", "p"),
])
def test_each_problem_is_found_and_named_with_its_page(body, kind, target):
    assert ("page/index.html", kind, target) in kinds(check_files(site(body), BASE_URL))


@pytest.mark.parametrize("body", [
    '<a href="https://www.example.com/news">a link elsewhere is fine</a>',
    '<a href="mailto:someone@example.com">mail</a> <img src="data:," alt="">',
    '<link rel="canonical" href="https://someone.github.io/archive/page/">',
    '<ul><li>items close <li>themselves</ul><p>so do paragraphs',
    '<a href="/archive/about/">x</a> <a href="/archive/?q=1#top">home</a> <a href="#top">top</a>',
    '<img src="/archive/static/style.css" alt=""><br><input type="text">',
])
def test_what_is_fine_is_not_a_problem(body):
    assert kinds(check_files(site(body), BASE_URL)) == []


def test_xml_must_be_well_formed_and_its_links_resolve():
    files = site()
    files["feed.xml"] = b'<feed xmlns="http://www.w3.org/2005/Atom"><link href="/archive/gone/"/></feed>'
    files["sitemap.xml"] = b"<urlset><url><loc>https://someone.github.io/archive/</loc></url><url></urlset>"
    found = kinds(check_files(files, BASE_URL))
    assert ("feed.xml", "link", "/archive/gone/") in found
    assert [k for k in found if k[0] == "sitemap.xml"] == [("sitemap.xml", "xml", "sitemap.xml")]


def test_stylesheets_load_nothing_from_another_host():
    files = site()
    files["static/style.css"] = b'@import "https://fonts.example.com/css"; body { background: url(/archive/bg.png) }'
    assert kinds(check_files(files, BASE_URL)) == [
        ("static/style.css", "external", "https://fonts.example.com/css"),
        ("static/style.css", "link", "/archive/bg.png")]


def test_the_command_exits_non_zero_naming_each_problem(tmp_path):
    for path, data in site('<a href="/archive/missing/">x</a>').items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    runner = CliRunner()
    bad = runner.invoke(main, ["check", str(tmp_path), "--base-url", BASE_URL])
    assert bad.exit_code == 1
    assert "page/index.html: broken link /archive/missing/" in bad.output
    (tmp_path / "page/index.html").write_bytes(site()["index.html"])
    good = runner.invoke(main, ["check", str(tmp_path), "--base-url", BASE_URL])
    assert good.exit_code == 0, good.output
