"""The load stage: text and Markdown readers, slugs, outlets, and bad files named with their line."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from conftest import ROOT

from archivist.load.articles import ReadMemo, load_articles, memo_version, outlet_from_url, slugify

GOOD = "A title\n20220113\nhttps://www.cbsnews.com/news/x/\nFirst paragraph.\n\nSecond \"quoted\" one.\n"


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)
    return path


def test_text_article(tmp_path):
    write(tmp_path, "000_Abc.txt", GOOD)
    loaded = load_articles(tmp_path)
    assert loaded.problems == ()
    (a,) = loaded.articles
    assert (a.id, a.title, a.date, a.url, a.outlet) == (
        "000-abc", "A title", dt.date(2022, 1, 13), "https://www.cbsnews.com/news/x/", "cbsnews.com")
    assert a.text == 'First paragraph.\nSecond "quoted" one.'
    assert a.paragraphs == ((0, 16), (17, 37))


@pytest.mark.parametrize("data, line, message", [
    ("\n20220113\nhttps://a.org/\nText", 1, "no title"),
    ("T\n2022-13-01\nhttps://a.org/\nText", 2, "bad date"),
    ("T\n20221301\nhttps://a.org/\nText", 2, "bad date"),
    ("T\n20220101\nnot a url\nText", 3, "bad source line"),
    ("T\n20220101\nhttps://no host\nText", 3, "bad source URL"),
    ("T\n20220101\nhttps://a.org/\n", 4, "no text"),
    ("T\n20220101\nhttps://a.org/\nCaf\xe9".encode("latin-1"), 4, "not UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", 3, "binary file"),  # the line of the first NUL
])
def test_bad_text_articles_are_reported_with_file_and_line(tmp_path, data, line, message):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "bad.txt", data)
    loaded = load_articles(tmp_path)
    assert [a.source for a in loaded.articles] == ["good.txt"]
    (problem,) = loaded.problems
    assert problem.path.endswith("bad.txt") and problem.line == line and message in problem.message
    assert str(problem).startswith(f"{problem.path}:{line}:" if line else f"{problem.path}:")


@pytest.mark.parametrize("line3, url, reference", [
    ("reuters21578/NEWID=1", None, "reuters21578/NEWID=1"),  # an archive's own identifier, as in Reuters-21578
    ("bbc-fulltext/tech/392.txt", None, "bbc-fulltext/tech/392.txt"),
    ("", None, None),
    ("https://a.org/x", "https://a.org/x", None),
])
def test_line_3_is_a_url_an_identifier_or_empty(tmp_path, line3, url, reference):
    write(tmp_path, "a.txt", f"T\n20220101\n{line3}\nText.")
    loaded = load_articles(tmp_path)
    assert loaded.problems == ()
    (a,) = loaded.articles
    assert (a.url, a.reference) == (url, reference)


def test_markdown_with_toml_and_yaml_front_matter(tmp_path):
    write(tmp_path, "a.md", '+++\ntitle = "Toml one"\ndate = 2021-05-04\nurl = "https://www.bbc.co.uk/news/1"\n'
                            'authors = ["A. Writer"]\ntags = ["x"]\nslug = "custom"\n+++\n\nHello **Putin** said.\n')
    write(tmp_path, "b.md", "---\ntitle: Yaml one\ndate: 2020-01-02\noutlet: The Paper\n---\n# Head\n\nBody text.\n")
    loaded = load_articles(tmp_path)
    assert loaded.problems == ()
    a, b = loaded.articles
    assert (a.id, a.title, a.outlet, a.authors, a.tags, a.format) == (
        "custom", "Toml one", "bbc.co.uk", ("A. Writer",), ("x",), "md")
    assert a.text == "Hello Putin said."
    assert (b.id, b.outlet, b.text) == ("b", "The Paper", "Head\nBody text.")


@pytest.mark.parametrize("data, message", [
    ("+++\ntitle = \n+++\nx", "bad front matter"),
    ("---\ndate: 2020-01-01\n---\nx", "front matter: missing key 'title'"),
    ("---\ntitle: t\ncolour: red\n---\nx", "front matter: unknown key 'colour'; allowed: authors, credit, date"),
    ("---\ntitle: t\ndate: 2022-13-01\n---\nx", "front matter: 'date' is a bad date '2022-13-01'"),
    ("---\ntitle: t\n", "never closed"),
    ("---\ntitle: t\ndraft: maybe\n---\nx", "'draft' must be true or false"),
])
def test_bad_markdown(tmp_path, data, message):
    write(tmp_path, "bad.md", data)
    (problem,) = load_articles(tmp_path).problems
    assert message in problem.message and problem.path.endswith("bad.md")


def test_drafts_are_left_out_unless_asked(tmp_path):
    write(tmp_path, "d.md", "---\ntitle: t\ndraft: true\n---\nx")
    assert load_articles(tmp_path).articles == ()
    assert len(load_articles(tmp_path, include_drafts=True).articles) == 1


def test_slugs_are_unique_and_order_is_the_paths(tmp_path):
    write(tmp_path, "x.txt", GOOD.replace("20220113", "20200101"))
    write(tmp_path, "sub/x.txt", GOOD)
    write(tmp_path, "x.md", "---\ntitle: t\ndate: 2023-01-01\n---\nx")
    ids = [(a.id, a.source) for a in load_articles(tmp_path).articles]
    # clashing slugs are numbered in path order, so the same files always get the same URLs
    assert ids == [("x", "sub/x.txt"), ("x-2", "x.md"), ("x-3", "x.txt")]


def test_wikinews_articles_get_their_credit(tmp_path):
    write(tmp_path, "w.txt", "T\n20190104\nhttps://en.wikinews.org/wiki/X\nText.")
    (a,) = load_articles(tmp_path).articles
    assert a.credit == "Wikinews, CC BY 2.5" and a.outlet == "en.wikinews.org"


def test_outlets_get_their_display_names(tmp_path):
    write(tmp_path, "w.txt", "T\n20190104\nhttps://en.wikinews.org/wiki/X\nText.")
    write(tmp_path, "c.txt", "C\n20190105\nhttps://www.cbsnews.com/news/x/\nText.")
    write(tmp_path, "o.txt", "O\n20190106\nhttps://example.org/x\nText.")
    loaded = load_articles(tmp_path, outlets={"en.wikinews.org": "Wikinews", "cbsnews.com": "CBS News"})
    assert {a.id: a.outlet for a in loaded.articles} == {"w": "Wikinews", "c": "CBS News", "o": "example.org"}
    assert next(a for a in loaded.articles if a.outlet == "Wikinews").credit == "Wikinews, CC BY 2.5"


@pytest.mark.parametrize("text, slug", [("Ça va, Zürich!", "ca-va-zurich"), ("000_5f1a", "000-5f1a"), ("...", "")])
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_outlet_from_url():
    assert outlet_from_url("https://www.cnn.com/2022/x") == "cnn.com"
    assert outlet_from_url(None) is None


def test_the_example_archive_loads_cleanly():

    loaded = load_articles(ROOT / "content")
    assert loaded.problems == () and len(loaded.articles) >= 11


def _memo_site(folder):
    write(folder, "a.txt", GOOD)
    write(folder, "sub/b.md", '+++\ntitle = "Toml one"\ndate = 2021-05-04\nurl = "https://www.bbc.co.uk/news/1"\n'
                              'authors = ["A. Writer"]\ntags = ["x", "y"]\ndraft = true\n+++\n\nHello **Putin** said.\n')
    write(folder, "c.md", "---\ntitle: Undated\noutlet: The Paper\n---\n# Head\n\nBody text.\n")
    write(folder, "bad.txt", "T\n2022-13-01\nhttps://a.org/\nText")


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def test_the_read_memo_gives_what_reading_gives(tmp_path):
    # Dates, author and tag tuples, drafts, Markdown skeletons and an undated article go through JSON
    # and back; a bad file is no entry (it is read, and reported, every time).
    _memo_site(tmp_path)
    fresh = load_articles(tmp_path, include_drafts=True, outlets={"The Paper": "Paper"})
    first = ReadMemo(_digests(tmp_path))
    assert load_articles(tmp_path, include_drafts=True, outlets={"The Paper": "Paper"}, memo=first) == fresh
    assert first.reused == 0 and set(first.made) == {"a.txt", "sub/b.md", "c.md"}
    assert {rel: entry[0] for rel, entry in first.made.items()} == {rel: d for rel, d in _digests(tmp_path).items()
                                                                   if rel != "bad.txt"}
    known = json.loads(json.dumps(first.made))  # as the build keeps it
    second = ReadMemo(_digests(tmp_path), known)
    assert load_articles(tmp_path, include_drafts=True, outlets={"The Paper": "Paper"}, memo=second) == fresh
    assert second.reused == 3 and second.made == known
    assert load_articles(tmp_path, memo=ReadMemo(_digests(tmp_path), known)).articles == \
        tuple(a for a in load_articles(tmp_path).articles if not a.draft)


def test_a_memo_entry_stands_in_for_the_file_only_while_its_digest_holds(tmp_path):
    _memo_site(tmp_path)
    memo = ReadMemo(_digests(tmp_path))
    load_articles(tmp_path, memo=memo)
    known = json.loads(json.dumps(memo.made))
    known["a.txt"][1]["title"] = "From the memo"  # proof that the entry, not the file, was read
    titles = {a.source: a.title for a in load_articles(tmp_path, memo=ReadMemo(_digests(tmp_path), known)).articles}
    assert titles["a.txt"] == "From the memo"
    write(tmp_path, "a.txt", GOOD.replace("A title", "Edited"))
    edited = ReadMemo(_digests(tmp_path), known)
    assert {a.source: a.title for a in load_articles(tmp_path, memo=edited).articles}["a.txt"] == "Edited"
    assert edited.reused == 2 and edited.made["a.txt"][0] == _digests(tmp_path)["a.txt"]
    # a digest the caller does not know (a file new since its walk) is read, never trusted
    unknown = ReadMemo({}, known)
    assert {a.source: a.title for a in load_articles(tmp_path, memo=unknown).articles}["a.txt"] == "Edited"
    assert unknown.reused == 0


def test_the_memo_version_names_the_code_and_the_settings():
    base = memo_version("code", False, 100)
    assert base == memo_version("code", False, 100)
    assert len({base, memo_version("other", False, 100), memo_version("code", True, 100),
                memo_version("code", False, 99)}) == 4
