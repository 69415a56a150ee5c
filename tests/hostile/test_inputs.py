"""Hostile and careless input: every bad file is one Problem naming it (and its line), never a traceback.

A table of bad article files (dates that do not exist, control characters anywhere, other
encodings, empty files, FIFOs, folders, files over the size limit, links out of the site,
link loops, very long names), each with the exact message the build prints; the good
article beside it always loads. Then the files a site is configured by (site.toml,
actors.toml) when unreadable, and one real build with all of it at once and a damaged cache:
the build goes on, names every file, and publishes nothing a link pointed to.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from archivist.aggregate.editor import EditorError, load_editor_file
from archivist.build import CACHE_FILE, BuildError, build
from archivist.config import ConfigError, load_config
from archivist.load.articles import load_articles
from archivist.text.slug import MAX_LENGTH

GOOD = "Good news\n20220113\nhttps://example.org/good\nJane Smith said the harbour reopens.\n"
DAY = "expected YYYYMMDD or YYYY-MM-DD, a day that exists"
ROOT_USER = os.geteuid() == 0  # root reads whatever the permissions say

#: (file name, its bytes, the exact Problem printed: "content/<name>[:line]: message")
ARTICLES = [
    # dates that do not exist, in each place a date can be written
    ("month.md", "---\ntitle: T\ndate: 2022-13-01\n---\nText.\n",
     f"content/month.md:3: front matter: 'date' is a bad date '2022-13-01': {DAY}"),
    ("feb30.md", "---\ntitle: T\ndate: 2022-02-30\n---\nText.\n",
     f"content/feb30.md:3: front matter: 'date' is a bad date '2022-02-30': {DAY}"),
    ("year0.md", "---\ntitle: T\ndate: 0000-01-01\n---\nText.\n",
     f"content/year0.md:3: front matter: 'date' is a bad date '0000-01-01': {DAY}"),
    ("hour25.md", "---\ntitle: T\nauthors: [A]\ndate: 2022-01-01 25:00:00\n---\nText.\n",
     f"content/hour25.md:4: front matter: 'date' is a bad date '2022-01-01 25:00:00': {DAY}"),
    ("tagged.md", "---\ntitle: T\ndate: !!timestamp 2022-13-01\n---\nText.\n",
     "content/tagged.md: bad front matter: month must be in 1..12"),
    ("number.md", "---\ntitle: T\ndate: 3.5\n---\nText.\n", f"content/number.md:3: front matter: 'date' is a bad date 3.5: {DAY}"),
    ("bool.md", "---\ntitle: T\ndate: true\n---\nText.\n", f"content/bool.md:3: front matter: 'date' is a bad date True: {DAY}"),
    ("toml.md", '+++\ntitle = "T"\ndate = 2022-02-30\n+++\nText.\n',
     "content/toml.md:3: bad front matter: Invalid date or datetime (at line 2, column 8)"),
    ("feb30.txt", "T\n20220230\nhttps://a.org/\nText.\n", f"content/feb30.txt:2: bad date '20220230': {DAY}"),
    # every front matter error at once, at the first one's line
    ("many.md", '---\ntitle: ""\ncolour: red\ndraft: maybe\n---\nText.\n',
     "content/many.md:2: front matter: 'title' must be a non-empty string; unknown key 'colour'; allowed: authors, "
     "credit, date, draft, outlet, slug, tags, title, url; 'draft' must be true or false, not 'maybe'"),
    ("typo.md", "---\ntitle: T\nauthor: A\n---\nText.\n",
     "content/typo.md:3: front matter: unknown key 'author' (did you mean 'authors'?)"),
    ("deep.md", "---\ntitle: T\ntags: " + "[" * 3000 + "]" * 3000 + "\n---\nText.\n",
     "content/deep.md: bad front matter: nested too deeply"),
    ("anchors.md", "---\ntitle: T\ntags: &a [x, x]\nslug: &b [*a, *a]\ncredit: &c [*b, *b]\nauthors: [*c, *c]\n---\nT.\n",
     "content/anchors.md:4: front matter: 'slug' must be a string, not [['x', 'x'], ['x', 'x']]; 'credit' must be "
     "a string, not [[[...], [...]], [[...], [...]]]; 'authors' must be a string or a list of strings, each on "
     "one line, not [[[...], [...]], [[...], [...]]]"),  # YAML anchors: shown short, never expanded
    ("python.md", "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nText.\n",
     "content/python.md:2: bad front matter: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object/apply:os.system'"),  # safe loading: no code runs
    ("ipv6.txt", "T\n20220101\nhttp://[abc/\nText.\n", "content/ipv6.txt:3: bad source URL 'http://[abc/': expected http(s)://host/..."),
    # bytes no article holds, anywhere in the file
    ("nul-late.txt", GOOD + ("x" * 100 + "\n") * 100 + "a \x00 b\n",
     "content/nul-late.txt:105: binary file (a NUL byte), not a text article"),
    ("bell.txt", "T\n20220101\nhttps://a.org/\nOne.\nTwo \x07 rings.\n",
     "content/bell.txt:5: control character U+0007 at column 5: an article holds text only"),
    ("escape.md", "---\ntitle: T\n---\nA \x1b[31m red\n",
     "content/escape.md:4: control character U+001B at column 3: an article holds text only"),
    ("in-title.txt", "A \x0c title\n20220101\nhttps://a.org/\nText.\n",
     "content/in-title.txt:1: control character U+000C at column 3: an article holds text only"),
    ("nonchar.txt", "T\n20220101\nhttps://a.org/\nOne \ufffe.\n",
     "content/nonchar.txt:4: control character U+FFFE at column 5: an article holds text only"),
    ("latin1-late.txt", (GOOD + "more\n" * 3000).encode() + b"caf\xe9\n",
     "content/latin1-late.txt:3005: not UTF-8 (byte 0xe9 at offset 15084)"),
    ("utf16.txt", GOOD.encode("utf-16"), "content/utf16.txt:1: UTF-16 text, not UTF-8: save the article as UTF-8"),
    ("empty.md", "", "content/empty.md:1: empty file"),
    ("blank.txt", " \n\n\t\n", "content/blank.txt:1: empty file"),
    ("crlf-bad.md", b"---\r\ntitle: T\r\ndraft: maybe\r\n---\r\nText.\r\n",
     "content/crlf-bad.md:3: front matter: 'draft' must be true or false, not 'maybe'"),
]

#: (file name, bytes) that are fine: a BOM, CRLF or CR line ends, dates in every good form.
GOOD_ARTICLES = [
    ("bom.md", b"\xef\xbb\xbf---\ntitle: BOM\ndate: 2022-01-02\n---\nText.\n"),
    ("crlf.md", b"---\r\ntitle: CRLF\r\ndate: 2022-01-03\r\n---\r\nText.\r\n"),
    ("cr.txt", b"CR\r20220104\rhttps://a.org/\rText.\r"),
    ("int-date.md", b"---\ntitle: Int\ndate: 20220105\n---\nText.\n"),
    ("toml-datetime.md", b'+++\ntitle = "DT"\ndate = 2022-01-06T10:00:00Z\n+++\nText.\n'),
    ("yaml-datetime.md", b"---\ntitle: YDT\ndate: 2022-01-07T10:00:00+02:00\n---\nText.\n"),
    ("tab.txt", b"Tab\n20220108\nhttps://a.org/\nA\ttabbed paragraph.\n"),
]


def content(tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "content"
    folder.mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD)
    return folder


def put(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, data, expected", ARTICLES, ids=[c[0] for c in ARTICLES])
def test_a_bad_article_is_one_problem_naming_file_and_line(tmp_path, name, data, expected):
    folder = content(tmp_path)
    put(folder, name, data)
    loaded = load_articles(folder)
    assert [str(p) for p in loaded.problems] == [expected]
    assert [a.source for a in loaded.articles] == ["good.txt"]


def test_every_bad_article_is_reported_at_once(tmp_path):
    folder = content(tmp_path)
    for name, data, _ in ARTICLES:
        put(folder, name, data)
    loaded = load_articles(folder)
    assert sorted(str(p) for p in loaded.problems) == sorted(e for _, _, e in ARTICLES)
    assert [a.source for a in loaded.articles] == ["good.txt"]


def test_bom_crlf_and_every_date_form_load(tmp_path):
    folder = content(tmp_path)
    for name, data in GOOD_ARTICLES:
        put(folder, name, data)
    loaded = load_articles(folder)
    assert loaded.problems == ()
    dates = {a.source: a.date.isoformat() for a in loaded.articles}
    assert dates == {"good.txt": "2022-01-13", "bom.md": "2022-01-02", "crlf.md": "2022-01-03", "cr.txt": "2022-01-04",
                     "int-date.md": "2022-01-05", "toml-datetime.md": "2022-01-06", "yaml-datetime.md": "2022-01-07",
                     "tab.txt": "2022-01-08"}
    assert next(a for a in loaded.articles if a.source == "crlf.md").text == "Text."


def test_a_fifo_is_never_opened_for_reading(tmp_path):
    folder = content(tmp_path)
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for a writer forever
    loaded = load_articles(folder)
    assert [str(p) for p in loaded.problems] == ["content/pipe.txt: a FIFO (named pipe), not an article file"]
    assert len(loaded.articles) == 1


def test_a_folder_named_like_an_article(tmp_path):
    folder = content(tmp_path)
    (folder / "2022.md").mkdir()
    put(folder / "2022.md", "inner.txt", GOOD.replace("Good news", "Inner"))
    loaded = load_articles(folder)
    assert [str(p) for p in loaded.problems] == [
        "content/2022.md: a folder, not an article file (the articles inside it are read)"]
    assert sorted(a.source for a in loaded.articles) == ["2022.md/inner.txt", "good.txt"]


@pytest.mark.skipif(ROOT_USER, reason="root reads files whatever their permissions")
def test_an_unreadable_file_and_folder(tmp_path):
    folder = content(tmp_path)
    put(folder, "secret.txt", GOOD).chmod(0)
    (folder / "locked").mkdir(mode=0)
    try:
        loaded = load_articles(folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert [str(p) for p in loaded.problems] == ["content/locked: cannot read the folder: Permission denied",
                                                 "content/secret.txt: cannot read: Permission denied"]


def test_the_size_limit(tmp_path):
    folder = content(tmp_path)
    put(folder, "transcript.txt", GOOD + "word " * 400 + "\n")
    loaded = load_articles(folder, max_article_bytes=1000)
    assert [str(p) for p in loaded.problems] == [
        "content/transcript.txt: 2,082 bytes, over the limit of 1,000 for one article (max_article_bytes in site.toml)"]
    assert len(load_articles(folder).articles) == 2  # the default limit is 20 MB


def test_long_and_non_latin_names_stay_within_the_file_system(tmp_path):
    folder = content(tmp_path)
    put(folder, "n" * 251 + ".txt", GOOD)  # 255 bytes: the longest name ext4 allows
    put(folder, "Ж" * 124 + ".md", "---\ntitle: " + "Заголовок " * 60 + "\n---\nText.\n")  # 251 bytes
    put(folder, "slug.md", "---\ntitle: T\nslug: " + "s" * 500 + "\n---\nText.\n")
    put(folder, "untitled.md", "---\ntitle: " + "Владимир Путин " * 40 + "\nslug: ???\n---\nText.\n")
    loaded = load_articles(folder)
    assert loaded.problems == ()
    ids = sorted(a.id for a in loaded.articles)
    assert all(len(i) <= MAX_LENGTH for i in ids)
    assert ids[:4] == ["good", "n" * MAX_LENGTH, "s" * MAX_LENGTH, "vladimir-putin-vladimir-putin-vladimir-putin-"
                       "vladimir-putin-vladimir-putin-putin"]
    assert ids[4] == "zh" * 40  # "Ж" transliterated, cut at 80


@pytest.mark.parametrize("name, shown", [
    (b"caf\xe9.txt", "content/caf\\udce9.txt"),  # Latin-1 bytes in a name: not UTF-8
    (b"two\nlines.txt", "content/two\\nlines.txt"),
    (b"\x1b[31mred.md", "content/\\x1b[31mred.md"),  # a terminal escape: never printed as it is
    (b"bad\x7fdir", "content/bad\\x7fdir"),  # a folder: not entered
])
def test_a_file_name_that_cannot_be_shown(tmp_path, name, shown):
    folder = content(tmp_path)
    target = os.path.join(os.fsencode(folder), name)
    if name.endswith(b"dir"):
        os.mkdir(target)
        with open(os.path.join(target, b"inner.txt"), "w") as f:
            f.write(GOOD)
    else:
        with open(target, "w") as f:
            f.write(GOOD)
    loaded = load_articles(folder)
    assert [str(p) for p in loaded.problems] == [
        f"{shown}: a file name that is not UTF-8 or holds control characters: rename it"]
    assert [a.source for a in loaded.articles] == ["good.txt"]
    print(loaded.problems[0])  # printable: no UnicodeEncodeError


# Symbolic links: judged before anything is read through them.

SECRET = "root:x:0:0:SECRET-LINE\n"


def linked_site(tmp_path: Path) -> tuple[Path, Path]:
    folder = content(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET)
    (outside / "articles").mkdir()
    (outside / "articles" / "far.txt").write_text(GOOD.replace("Good news", "Far away"))
    return folder, outside


LINKS = [
    # (link inside content/, its target (relative to the tmp folder), the Problem or None when loaded)
    ("leak.txt", "outside/passwd", "content/leak.txt: a symbolic link to outside the site folder: not read "
                                   "(set follow_external_links = true in site.toml to read it)"),
    ("far", "outside/articles", "content/far: a symbolic link to outside the site folder: not read "
                                "(set follow_external_links = true in site.toml to read it)"),
    ("etc.md", "/etc/passwd", "content/etc.md: a symbolic link to outside the site folder: not read "
                              "(set follow_external_links = true in site.toml to read it)"),
    ("dangling.txt", "outside/missing.txt", "content/dangling.txt: a symbolic link that is broken"),
    ("self.txt", "site/content/self.txt", "content/self.txt: a symbolic link that loops"),
    ("loop", "site/content", None),  # a folder link back up: read once, no hang, no duplicates
    ("shared.txt", "site/shared/inside.txt", None),  # inside the site: fine
]


@pytest.mark.parametrize("name, target, expected", LINKS, ids=[c[0] for c in LINKS])
def test_links_out_of_the_site_are_refused_unread(tmp_path, name, target, expected):
    folder, _ = linked_site(tmp_path)
    (tmp_path / "site" / "shared").mkdir()
    (tmp_path / "site" / "shared" / "inside.txt").write_text(GOOD.replace("Good news", "Shared"))
    os.symlink(target if target.startswith("/") else tmp_path / target, folder / name)
    loaded = load_articles(folder, site_dir=tmp_path / "site")
    assert [str(p) for p in loaded.problems] == ([expected] if expected else [])
    assert "SECRET" not in repr(loaded)
    expected_sources = ["good.txt"] + (["shared.txt"] if name == "shared.txt" else [])
    assert sorted(a.source for a in loaded.articles) == expected_sources


def test_follow_external_links_reads_them(tmp_path):
    folder, outside = linked_site(tmp_path)
    os.symlink(outside / "articles", folder / "far")
    loaded = load_articles(folder, site_dir=tmp_path / "site", follow_external_links=True)
    assert loaded.problems == () and sorted(a.source for a in loaded.articles) == ["far/far.txt", "good.txt"]


def test_a_content_folder_that_links_out_of_the_site(tmp_path):
    _, outside = linked_site(tmp_path)
    site = tmp_path / "site"
    os.rename(site / "content", tmp_path / "moved")
    os.symlink(outside / "articles", site / "content")
    loaded = load_articles(site / "content", site_dir=site)
    assert loaded.articles == () and [p.message for p in loaded.problems] == [
        "the content folder is a symbolic link to outside the site folder: not read "
        "(set follow_external_links = true in site.toml)"]


# The files that configure a site, when they are not text at all.

@pytest.mark.parametrize("make, expected", [
    (lambda p: (p / "site.toml").mkdir(), "site.toml: cannot read: Is a directory"),
    (lambda p: (p / "site.toml").write_bytes(b'title = "\xff"\n'), "site.toml: not valid TOML"),
    (lambda p: (p / "site.toml").write_text("x = " + "[" * 3000 + "]" * 3000), "site.toml: not valid TOML"),
    (lambda p: (p / "site.toml").write_text('title = "T"\nbase_url = "/\\\\evil.example/"\n'),
     "site.toml: 'base_url' must have a path of one leading '/'"),
])
def test_site_toml_faults_are_one_error_naming_the_file(tmp_path, make, expected):
    make(tmp_path)
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path)
    assert expected in str(e.value).replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("make, expected", [
    (lambda p: (p / "actors.toml").mkdir(), "actors.toml: cannot read: Is a directory"),
    (lambda p: (p / "actors.toml").write_bytes(b'[[actor]]\nname = "\xff"\n'), "actors.toml: not valid TOML: not UTF-8"),
    (lambda p: (p / "actors.toml").write_text("x = " + "[" * 3000 + "]" * 3000), "actors.toml: not valid TOML"),
    (lambda p: (p / "actors.toml").write_text('[[actor]]\nname = "A\\nB"\n'),
     "actors.toml: actor[1]: 'name' must be one line without control characters"),
])
def test_actors_toml_faults_are_one_error_naming_the_file(tmp_path, make, expected):
    make(tmp_path)
    with pytest.raises(EditorError) as e:
        load_editor_file(tmp_path)
    assert expected in str(e.value).replace(str(tmp_path) + "/", "")


# One real build: all of the above at once, with a damaged cache.

#: The article cases the real build holds (a few of each kind: the rest are the loader's alone).
IN_BUILD = [c for c in ARTICLES if c[0] in {"month.md", "feb30.md", "year0.md", "nul-late.txt", "bell.txt", "escape.md"}]


def hostile_site(tmp_path: Path) -> Path:
    folder, outside = linked_site(tmp_path)
    site = folder.parent
    (site / "site.toml").write_text('title = "Hostile"\n[search]\nenabled = false\n')
    for name, data, _ in IN_BUILD:
        put(folder, name, data)
    put(folder, "Ж" * 124 + ".md", "---\ntitle: " + "Заголовок " * 60 + "\nslug: " + "s" * 500 + "\n---\nText.\n")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(outside / "passwd", folder / "leak.txt")
    os.symlink(folder, folder / "loop")
    cache = site / CACHE_FILE
    cache.parent.mkdir()
    cache.write_bytes(b"garbage, not SQLite" * 50)
    return site


def test_a_build_goes_on_past_every_bad_input(tmp_path, nlp):
    site = hostile_site(tmp_path)
    logs: list[str] = []
    report = build(site, progress=False, log=logs.append)
    skipped = [line for line in logs if line.startswith("skipped: ")]
    assert sorted(s.removeprefix("skipped: ") for s in skipped) == sorted(
        [e for _, _, e in IN_BUILD]
        + ["content/pipe.txt: a FIFO (named pipe), not an article file",
           "content/leak.txt: a symbolic link to outside the site folder: not read "
           "(set follow_external_links = true in site.toml to read it)"])
    assert len(report.problems) == 8
    cache = site / CACHE_FILE
    assert f"warning: cache {cache} is damaged (file is not a database); set aside as {cache}.corrupt-1 and rebuilt" \
        in logs
    assert (site / "build" / "articles" / "good" / "index.html").exists()
    assert (site / "build" / "articles" / ("s" * MAX_LENGTH) / "index.html").exists()
    assert not any(b"SECRET" in p.read_bytes() for p in (site / "build").rglob("*") if p.is_file())
    assert not any("SECRET" in line for line in logs)
    with sqlite3.connect(cache) as db:  # the rebuilt cache holds both articles
        assert db.execute("SELECT count(*) FROM annotations").fetchone() == (2,)

    logs.clear()  # --strict: every problem is printed, then the build fails without writing
    with pytest.raises(BuildError, match="8 bad article"):
        build(site, overrides={"strict": True}, progress=False, log=logs.append)
    assert sum(line.startswith("error: content/") for line in logs) == 8
