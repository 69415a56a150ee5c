"""An attacker's and a careless user's inputs after the hardening of issue 11: each one crashed
archivist with a traceback, wrote a site that does not build, or let a page load from another
host without ``archivist check`` saying so. Each test failed before its fix.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from archivist.config import ConfigError, load_config
from archivist.init import InitError, init_site
from archivist.load.articles import read_texts
from archivist.site.check import check_files, sitemap_base_url

PAGE = '<!doctype html><html><head><title>t</title></head><body>{}</body></html>'


def _problems(body: str, base_url: str = "/") -> list[str]:
    return [str(p) for p in check_files({"index.html": PAGE.format(body).encode()}, base_url)]


# archivist check: unparseable URLs are problems of their page, not tracebacks

@pytest.mark.parametrize("href", ["http://[abc/", "http://example.org:99999/x", "//[::1/x"])
def test_check_names_a_url_it_cannot_parse(href):
    assert _problems(f'<a href="{href}">x</a>') == [f"index.html: bad URL {href}: it cannot be parsed"]


def test_check_skips_a_sitemap_url_it_cannot_parse():
    sitemap = b'<urlset><url><loc>http://[abc/</loc></url><url><loc>https://ok.example/a/</loc></url></urlset>'
    assert sitemap_base_url({"sitemap.xml": sitemap}) == "https://ok.example/a/"


def test_check_a_bad_base_url_is_one_problem():
    assert _problems("", base_url="http://[abc/") == [
        ".: bad base URL http://[abc/: expected http(s)://host/path/ or /path/"]


# archivist check: every way a page can load from, or send the reader to, another host

@pytest.mark.parametrize("body", [
    '<div style="background: url(https://evil.example/t.png)">x</div>',
    "<p style=\"background-image:url('//evil.example/t.png')\">x</p>",
    '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    '<meta http-equiv="Refresh" content="5;URL=\'//evil.example/\'">',
    '<base href="https://evil.example/">',
])
def test_check_sees_loads_from_another_host_in_attributes(body):
    problems = _problems(body)
    assert len(problems) == 1 and "from another host" in problems[0], problems


def test_check_same_host_style_and_refresh_are_fine():
    assert _problems('<meta http-equiv="refresh" content="0; url=/"><div style="color: red">x</div>') == []


# archivist annotate: a JSONL text that no output can encode

def test_annotate_refuses_a_jsonl_text_with_a_lone_surrogate(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "\\ud800 lone"}\n{"id": "b\\udfff", "text": "ok"}\n'
                    '{"id": "c", "text": "fine"}\n', encoding="utf-8")
    items, problems = read_texts([path])
    assert items == [("c", "fine")]
    expected = "expected a JSON object with 'id' and 'text' ({!r} holds a lone surrogate, which UTF-8 cannot hold)"
    assert problems == [f"{path}:1: {expected.format('text')}", f"{path}:2: {expected.format('id')}"]
    for _, text in items:
        json.dumps(text, ensure_ascii=False).encode("utf-8")


# archivist init: the new site builds at once, whatever the title or folder name

@pytest.mark.parametrize("title", ["a\nb", "x\u2028y", "tab\there", "esc\x1b[31m"])
def test_init_refuses_a_title_the_config_would_refuse(tmp_path, title):
    with pytest.raises(InitError, match="--title must be one line"):
        init_site(tmp_path / "s", title)
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("name, title", [
    (os.fsdecode(b"caf\xe9-archive"), "Caf archive"),
    ("q\x1b[31m", "Q[31m"),
    ("\x07\x08", "My archive"),
])
def test_init_titles_from_folder_names_that_are_not_text(tmp_path, name, title):
    init_site(tmp_path / name)
    assert load_config(tmp_path / name).title == title


def test_init_names_a_folder_it_cannot_create(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InitError, match="cannot create"):
        init_site(tmp_path / "file" / "site")


# site.toml: folder names the file system refuses

@pytest.mark.parametrize("key", ["output_dir", "content_dir"])
def test_config_refuses_a_folder_name_too_long_for_the_file_system(tmp_path, key):
    (tmp_path / "site.toml").write_text(f'title = "x"\n{key} = "out/{"x" * 256}"\n')
    with pytest.raises(ConfigError, match=f"'{key}' must have names of at most 255 bytes"):
        load_config(tmp_path)


@pytest.mark.parametrize("base_url", ["/%2e%2e/", "/a/%2E./", "https://h.example/.%2e/x/", "http://h.example:99999/"])
def test_config_refuses_base_urls_that_browsers_read_otherwise(tmp_path, base_url):
    (tmp_path / "site.toml").write_text(f'title = "x"\nbase_url = "{base_url}"\n')
    with pytest.raises(ConfigError, match="base_url"):
        load_config(tmp_path)


# content/: article files named in capitals, as archives copied from other systems often are

def test_articles_named_in_capitals_are_read(tmp_path):
    from archivist.load.articles import load_articles

    content = tmp_path / "content"
    content.mkdir()
    (content / "OLD.TXT").write_text("Old news\n20220113\nhttps://example.org/old\nText.\n")
    (content / "Notes.MD").write_text("---\ntitle: Notes\ndate: 2022-01-14\n---\nMore *text*.\n")
    (content / "x.Txt").write_text("---\n20220115\n\nA .txt whatever its capitals: line 1 is the title.\n")
    loaded = load_articles(content, site_dir=tmp_path)
    assert loaded.problems == ()
    assert sorted((a.source, a.title) for a in loaded.articles) == [
        ("Notes.MD", "Notes"), ("OLD.TXT", "Old news"), ("x.Txt", "---")]


# site.toml [outlets]: keys that are no host, and two keys for one host

@pytest.mark.parametrize("table, message", [
    ('"cbsnews.com" = "CBS"\n"www.CBSNews.com" = "CBS News"',
     "'outlets.www.CBSNews.com' names the host of 'outlets.cbsnews.com' again (cbsnews.com): keep one"),
    ('"" = "Nobody"', "'outlets' keys must be hosts (cbsnews.com), not ''"),
    ('"\\u0007bell.example" = "Bell"', "'outlets' keys must be hosts (cbsnews.com), not '\\x07bell.example'"),
    ('"my host" = "Mine"', "'outlets' keys must be hosts (cbsnews.com), not 'my host'"),
])
def test_config_refuses_outlet_keys_that_would_be_lost(tmp_path, table, message):
    (tmp_path / "site.toml").write_text(f'title = "x"\n[outlets]\n{table}\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert caught.value.errors == [message]


# the annotation cache: SQLite follows a link and writes the database and its -journal beside the target

@pytest.mark.parametrize("kind", ["link to a file outside", "link to /dev/null", "fifo"])
def test_cache_file_that_is_a_link_or_fifo_is_set_aside_untouched(tmp_path, kind):
    import sqlite3

    from archivist.annotate.cache import AnnotationCache
    from archivist.models import Annotation

    path = tmp_path / "site" / ".archivist-cache" / "annotations.sqlite3"
    path.parent.mkdir(parents=True)
    outside = tmp_path / "mine.db"
    if kind == "fifo":
        os.mkfifo(path)
        shown = "a FIFO or a device, not a file"
    else:
        target = outside if kind.endswith("outside") else Path(os.devnull)
        if target == outside:
            with sqlite3.connect(outside) as db:
                db.execute("CREATE TABLE annotations (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        path.symlink_to(target)
        shown = f"a symbolic link to {target}, not a file: the cache is never written through a link"
    before = outside.read_bytes() if outside.exists() else None
    with AnnotationCache(path) as cache:
        cache.put_many({"k": Annotation()})
        assert list(cache.get_many(["k"])) == ["k"]
    assert cache.warnings == [f"cache {path} is damaged ({shown}); set aside as {path}.corrupt-1 and rebuilt"]
    assert path.is_file() and not path.is_symlink()
    assert (outside.read_bytes() if outside.exists() else None) == before
    assert not os.path.lexists(str(outside) + "-journal") and not os.path.lexists(os.devnull + "-journal")


def test_a_content_dir_that_is_a_file_is_named_so(tmp_path):
    from archivist.load.articles import load_articles

    (tmp_path / "notes.txt").write_text("Title\n20220113\n\nText.\n")
    loaded = load_articles(tmp_path / "notes.txt", site_dir=tmp_path)
    assert [str(p) for p in loaded.problems] == [
        f"{tmp_path}/notes.txt: the content folder is a file, not a folder (content_dir in site.toml)"]


def test_check_names_a_page_that_is_not_utf8():
    page = PAGE.format("caf\xe9").encode("latin-1")
    at = page.index("\xe9".encode("latin-1"))
    assert [str(p) for p in check_files({"index.html": page}, "/")] == [f"index.html: not UTF-8 (byte 0xe9 at offset {at})"]
