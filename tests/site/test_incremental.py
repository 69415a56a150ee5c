"""Tests of archivist.site.incremental: page keys, the templates that may have one, the key store."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil

import pytest
from conftest import ROOT
from markupsafe import Markup

from archivist.build import build
from archivist.models import Article
from archivist.site.incremental import PageKeyStore, PageReuse, _Walker, build_id, inputs_digest
from archivist.site.render import default_theme_dir


def _article(**changes):
    base = Article(id="a", source="a.txt", title="Talks", date=dt.date(2024, 1, 2), url=None, outlet="x.org",
                   text="Peskov said so.")
    return dataclasses.replace(base, **changes)


def test_a_key_changes_with_any_field_of_any_record_in_the_context():
    walk = _Walker().digest
    same = walk({"article": _article(), "body": Markup("<p>x</p>"), "cards": [1, "two", None]})
    assert same == _Walker().digest({"article": _article(), "body": Markup("<p>x</p>"), "cards": [1, "two", None]})
    for changed in ({"article": _article(title="Talks!"), "body": Markup("<p>x</p>"), "cards": [1, "two", None]},
                    {"article": _article(date=None), "body": Markup("<p>x</p>"), "cards": [1, "two", None]},
                    {"article": _article(), "body": Markup("<p>y</p>"), "cards": [1, "two", None]},
                    {"article": _article(), "body": Markup("<p>x</p>"), "cards": [1, "two"]},
                    {"article": _article(), "body": Markup("<p>x</p>"), "cards": [1, "two", 0]}):
        assert _Walker().digest(changed) != same


def test_values_of_other_types_are_told_apart():
    walk = _Walker().digest
    assert len({walk(v) for v in (1, "1", 1.0, True, None, b"1", (1,), dt.date(2024, 1, 1))}) == 8
    assert walk((1, 2)) == walk([1, 2])  # a template reads a tuple and a list alike


def _theme(tmp_path, article_template: str):
    theme = tmp_path / f"theme-{abs(hash(article_template))}"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "article.html").write_text(article_template, encoding="utf-8")
    return [theme, default_theme_dir()]


def test_a_template_that_reads_the_archive_through_a_global_has_no_key(tmp_path):
    plain = PageReuse({}, tmp_path, _theme(tmp_path, '{% extends "base.html" %}{{ article.title }}'), "salt")
    assert plain.keyable("article.html")
    reads = PageReuse({}, tmp_path, _theme(tmp_path, "{% for c in top_actors(article) %}{{ c }}{% endfor %}"), "s")
    assert not reads.keyable("article.html")
    assert reads("articles/a/index.html", "article.html", {"article": _article()}) is False


def test_the_template_analysis_is_reused_under_the_same_salt_only(tmp_path):
    themes = _theme(tmp_path, '{% extends "base.html" %}{{ article.title }}')
    first = PageReuse({}, tmp_path, themes, "salt")
    assert first.keyable("article.html")
    analysis = first.analysis()
    (themes[0] / "templates" / "article.html").write_text("{{ top_actors(article) }}", encoding="utf-8")
    # the salt holds the theme's digest: a changed theme comes with another salt, and is analysed again
    again = PageReuse({}, tmp_path, themes, "salt of the changed theme", analysis=analysis)
    assert not again.keyable("article.html")
    trusted = PageReuse({}, tmp_path, themes, "salt", analysis=analysis)
    assert trusted.keyable("article.html") and trusted._parsed == {}  # from the last build's analysis, unparsed
    for damaged in ("not json", "[1, 2]", '{"salt": 1}', ""):
        assert not PageReuse({}, tmp_path, themes, "salt", analysis=damaged).keyable("article.html")


def test_a_page_is_kept_only_when_its_key_is_the_same_and_its_file_is_there(tmp_path):
    themes = [default_theme_dir()]
    first = PageReuse({}, tmp_path, themes, "salt")
    context = {"article": _article()}
    assert first("articles/a/index.html", "article.html", context) is False
    keys = dict(first.keys)
    again = PageReuse(keys, tmp_path, themes, "salt")
    assert again("articles/a/index.html", "article.html", context) is False  # no file in the output
    (tmp_path / "articles" / "a").mkdir(parents=True)
    (tmp_path / "articles" / "a" / "index.html").write_text("old", encoding="utf-8")
    assert PageReuse(keys, tmp_path, themes, "salt")("articles/a/index.html", "article.html", context) is True
    assert PageReuse(keys, tmp_path, themes, "other salt")("articles/a/index.html", "article.html", context) is False
    assert PageReuse(keys, tmp_path, themes, "salt")("articles/a/index.html", "article.html",
                                                     {"article": _article(outlet="y.org")}) is False


def test_the_store_round_trips_and_reads_damage_as_no_previous_build(tmp_path):
    store = PageKeyStore(tmp_path / "cache" / "pages.sqlite3")
    assert store.load() == ({}, {})
    assert store.save({"a/index.html": "k1", "b/index.html": "k2"}, {"inputs": "d", "build_id": "i"}) is None
    assert store.load() == ({"a/index.html": "k1", "b/index.html": "k2"}, {"inputs": "d", "build_id": "i"})
    store.path.write_bytes(b"this is not a database")
    assert store.load() == ({}, {})
    unwritable = PageKeyStore(tmp_path / "file" / "pages.sqlite3")
    (tmp_path / "file").write_text("a file where the folder should be", encoding="utf-8")
    assert "not saved" in unwritable.save({}, {})


def test_the_build_id_and_the_inputs_digest_depend_on_content_only(tmp_path):
    assert build_id({"b": "2", "a": "1"}, "in") == build_id({"a": "1", "b": "2"}, "in") != build_id({"a": "1"}, "in")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "site.toml").write_text('title = "T"\n', encoding="utf-8")
    (site / "content" / "a.txt").write_text("A\n20240101\n\nText.\n", encoding="utf-8")
    digest = inputs_digest(site, site / "content", [default_theme_dir()], "overrides")
    assert digest == inputs_digest(site, site / "content", [default_theme_dir()], "overrides")
    assert digest != inputs_digest(site, site / "content", [default_theme_dir()], "other overrides")
    (site / "content" / "a.txt").write_text("A\n20240101\n\nText!\n", encoding="utf-8")
    edited = inputs_digest(site, site / "content", [default_theme_dir()], "overrides")
    assert edited != digest
    (site / "actors.toml").write_text("", encoding="utf-8")
    assert inputs_digest(site, site / "content", [default_theme_dir()], "overrides") != edited


# Incremental builds against clean ones: each change to a small site, built on the previous output,
# must give exactly the bytes a --clean build of the changed site gives.

ARTICLES = ("000_5f1a2df0ae99eeb5.txt", "wikinews-00000_e8d671d308115e18.txt", "wikinews-00001_b815ca1248d498e2.txt",
            "wikinews-00008_80e164ae36c542b3.txt")


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory, nlp):
    """A site of four example articles, built once (its annotations then stay cached)."""
    site = tmp_path_factory.mktemp("incremental") / "site"
    (site / "content").mkdir(parents=True)
    for name in ARTICLES:
        shutil.copy(ROOT / "content" / name, site / "content" / name)
    shutil.copy(ROOT / "site.toml", site / "site.toml")
    build(site, progress=False, log=lambda _: None)
    return site


def _changes():
    def edit_article(site):
        path = site / "content" / ARTICLES[1]
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " Dmitry Peskov said nothing more.\n",
                        encoding="utf-8")

    def delete_article(site):
        (site / "content" / ARTICLES[2]).unlink()

    def edit_actors_toml(site):
        (site / "actors.toml").write_text('[[actor]]\nname = "Dmitry Peskov"\ndescription = "Kremlin spokesman"\n',
                                          encoding="utf-8")

    def change_template(site):
        templates = site / "themes" / "default" / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        source = (default_theme_dir() / "templates" / "404.html").read_text(encoding="utf-8")
        (templates / "404.html").write_text(source.replace("</h1>", " (moved?)</h1>", 1), encoding="utf-8")

    def change_site_toml(site):
        path = site / "site.toml"
        path.write_text(path.read_text(encoding="utf-8").replace("per_page = 20", "per_page = 2"), encoding="utf-8")

    return [edit_article, delete_article, edit_actors_toml, change_template, change_site_toml]


@pytest.mark.parametrize("change", _changes(), ids=lambda f: f.__name__)
def test_an_incremental_build_gives_the_bytes_of_a_clean_one(small_site, tmp_path, change):
    site = tmp_path / "site"
    shutil.copytree(small_site, site)  # with its cache
    # A copied output is another output: its first build keys it anew, then the change is built on it.
    assert not build(site, progress=False, log=lambda _: None).up_to_date
    before = _tree(site / "build")
    change(site)
    logs: list[str] = []
    report = build(site, progress=False, log=logs.append)
    assert not report.up_to_date
    clean = build(site, output_dir=tmp_path / "clean", progress=False, log=lambda _: None, clean=True)
    incremental, full = _tree(site / "build"), _tree(clean.output)
    assert incremental.keys() == full.keys()
    assert [p for p in full if incremental[p] != full[p]] == []
    assert incremental != before
    kept = int(re.search(r"(\d+) unchanged", next(line for line in logs if line.startswith("render")))[1])
    assert kept > 0 or change.__name__ in ("change_site_toml", "change_template")  # pages were kept, not all made


def test_an_unchanged_rebuild_stops_at_once_and_a_one_article_edit_renders_only_its_pages(small_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(small_site, site)
    first = build(site, progress=False, log=lambda _: None)  # a copied output is another output: keys anew
    assert not first.up_to_date
    before = _tree(site / "build")
    logs: list[str] = []
    assert build(site, progress=False, log=logs.append).up_to_date
    assert _tree(site / "build") == before and not any(line.startswith("annotate") for line in logs)
    path = site / "content" / ARTICLES[3]
    path.write_text(path.read_text(encoding="utf-8").replace("\n", " \n", 1), encoding="utf-8")  # the title only
    logs.clear()
    report = build(site, progress=False, log=logs.append)
    render_line = next(line for line in logs if line.startswith("render"))
    kept = int(re.search(r"(\d+) unchanged", render_line)[1])
    assert kept > report.pages // 2, render_line  # most pages did not depend on that title


# Page keys on what pages are made from (``incremental.Inputs``): each change to the archive must
# render again every page and file whose bytes it changes, of every kind, and no page it leaves alone.

def _archive_changes():
    from conftest import sample_archive  # noqa: F401  (the archive the changes apply to)

    def article(archive, article_id, **changes):
        return dataclasses.replace(archive, articles=tuple(dataclasses.replace(a, **changes) if a.id == article_id
                                                           else a for a in archive.articles))

    def actor(archive, actor_id, **changes):
        return dataclasses.replace(archive, actors=tuple(dataclasses.replace(a, **changes) if a.id == actor_id
                                                         else a for a in archive.actors))

    def annotation(archive, article_id, edit):
        return dataclasses.replace(archive, annotations={**archive.annotations,
                                                         article_id: edit(archive.annotations[article_id])})

    def quote_words(ann):
        q = ann.quotes[0]
        return dataclasses.replace(ann, quotes=(dataclasses.replace(q, text=q.text.replace("library", "museum")),
                                                *ann.quotes[1:]))

    def quote_speaker(ann):  # the first quote, given to John Smith
        q = ann.quotes[0]
        return dataclasses.replace(ann, quotes=(dataclasses.replace(q, actor_id="john-smith"), *ann.quotes[1:]))

    def mention_unlinked(ann):
        return dataclasses.replace(ann, mentions=tuple(dataclasses.replace(m, actor_id=None)
                                                       if m.actor_id == "springfield" else m for m in ann.mentions))

    return {
        "article title": lambda a: article(a, "harbour", title="Harbour reopens at last"),
        "article text": lambda a: article(a, "xss", text=a.articles[1].text.replace("comment", "reply")),
        "article date": lambda a: article(a, "harbour", date=dt.date(2022, 6, 1)),
        "article outlet": lambda a: article(a, "harbour", outlet="Other Times"),
        "article tags": lambda a: article(a, "budget", tags=("council",)),
        "quote words": lambda a: annotation(a, "budget", quote_words),
        "quote speaker": lambda a: annotation(a, "budget", quote_speaker),
        "mention unlinked": lambda a: annotation(a, "harbour", mention_unlinked),
        "actor name": lambda a: actor(a, "john-smith", name="Johnny Smith"),
        "co-actor name": lambda a: actor(a, "port-authority", name="Harbour Authority"),  # on Springfield's page
        "actor description": lambda a: actor(a, "jane-doe", description="Mayor since 2020."),
        "actor mentions": lambda a: actor(a, "springfield", mentions=9),
        "actor co-actors": lambda a: actor(a, "john-smith", co_actors=()),
        "actor kind": lambda a: actor(a, "port-authority", kind="group"),
        "actor gone": lambda a: dataclasses.replace(a, actors=tuple(x for x in a.actors if x.id != "john-smith")),
    }


def _keyed_render(archive, config, out, previous, made_bodies=None):
    from conftest import sample_body
    from archivist.site.render import render_site
    body = sample_body(archive, config)

    def counted(article):
        if made_bodies is not None:
            made_bodies.append(article.id)
        return body(article)

    reuse = PageReuse(previous, out, [default_theme_dir()], "salt")
    files = render_site(archive, config, [default_theme_dir()], counted, reuse=reuse)
    for path, data in files.items():
        if data is not None:
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes(data)
    return files, reuse.keys


@pytest.fixture(scope="module")
def keyed_sample(tmp_path_factory):
    """The sample archive rendered with page keys (one card a page: many pages of each kind): (output, keys)."""
    from conftest import sample_archive, sample_config
    out = tmp_path_factory.mktemp("keyed") / "out"
    _, keys = _keyed_render(sample_archive(), sample_config(per_page=1), out, {})
    return out, keys


@pytest.mark.parametrize("change", list(_archive_changes()))
def test_a_change_to_the_archive_renders_again_every_page_it_changes_and_only_those(keyed_sample, tmp_path, change):
    from conftest import sample_archive, sample_body, sample_config
    from archivist.site.render import render_site
    config = sample_config(per_page=1)
    changed = _archive_changes()[change](sample_archive())
    out = tmp_path / "out"
    shutil.copytree(keyed_sample[0], out)
    keys = keyed_sample[1]
    before = _tree(out)
    bodies: list[str] = []
    files, _ = _keyed_render(changed, config, out, keys, bodies)
    clean = render_site(changed, config, [default_theme_dir()], sample_body(changed, config))
    assert _tree(out).keys() >= clean.keys()
    stale = [p for p in clean if (out / p).read_bytes() != clean[p]]
    assert stale == [], f"{change}: kept though changed"
    differs = {p for p in clean if before.get(p) != clean[p]}
    assert differs, "a change that changes no page tests nothing"
    assert {p for p, data in files.items() if data is not None} >= differs
    kept = [p for p, data in files.items() if data is None]
    assert kept, f"{change}: every page was made again"
    # an article's body is made only for the article pages made again
    assert set(bodies) == {p.split("/")[1] for p, data in files.items()
                           if data is not None and p.startswith("articles/") and p.endswith("/index.html")}


def test_an_unchanged_archive_makes_no_page_and_no_article_body(tmp_path):
    from conftest import sample_archive, sample_config
    archive, config = sample_archive(), sample_config()
    _, keys = _keyed_render(archive, config, tmp_path, {})
    bodies: list[str] = []
    files, again = _keyed_render(sample_archive(), config, tmp_path, keys, bodies)
    assert again == keys and bodies == []
    made = sorted(p for p, data in files.items() if data is not None and not p.startswith("static/"))
    assert made == [".nojekyll", "robots.txt"]  # no page, no data table: each is keyed


@pytest.mark.parametrize("formats", [["csv"], ["csv", "sqlite", "json"], ["sqlite"]])
def test_a_data_file_is_made_again_when_its_rows_change_and_only_then(tmp_path, formats):
    from conftest import sample_archive, sample_body, sample_config
    from archivist.site.render import render_site
    config = sample_config(data={"formats": formats, "min_cooccurrence": 1})
    out = tmp_path / "out"
    _, keys = _keyed_render(sample_archive(), config, out, {})
    changes = _archive_changes()
    made_by = {}
    for change in ("article text", "quote words", "actor name", "mention unlinked"):
        edited = changes[change](sample_archive())
        shutil.copytree(out, tmp_path / change)
        files, _ = _keyed_render(edited, config, tmp_path / change, keys)
        clean = render_site(edited, config, [default_theme_dir()], sample_body(edited, config))
        data = [p for p in clean if p.startswith("data/")]
        assert [p for p in data if (tmp_path / change / p).read_bytes() != clean[p]] == [], change
        made_by[change] = {p.removeprefix("data/") for p in data if files[p] is not None}
    if formats == ["csv"]:
        # the tables made from the annotations are keyed on them whole (and so the README, on
        # cooccurrence's, which has no cheap count); an edit of an article's text keeps them
        annotated = {"quotes.csv", "mentions.csv", "cooccurrence.csv", "README.txt"}
        assert made_by == {"article text": {"articles.csv"}, "quote words": annotated,
                           "actor name": {"actors.csv"}, "mention unlinked": annotated}
    else:  # one changed row changes the whole database
        assert all(m >= {"archive.sqlite", "README.txt"} for m in made_by.values())


def test_the_archive_records_are_keyed_by_a_repr_that_names_every_field():
    from conftest import sample_archive
    archive = sample_archive()
    ann = archive.annotations["budget"]
    records = [archive.articles[0], ann, ann.mentions[0], ann.quotes[0], ann.quotes[0].speaker_mention,
               archive.actors[0], archive.actors[0].quotes[0]]
    for record in records:
        text = repr(record)
        assert text.startswith(type(record).__qualname__ + "(")
        assert all(f.repr and f"{f.name}=" in text for f in dataclasses.fields(record)), type(record)
    warm = _Walker()
    warm.digest(records[0])  # a record digested before reads the same in a list (feed's inlined memo)
    assert warm.digest([records[0], records[0], "x"]) == _Walker().digest([records[0], records[0], "x"])
    walk = _Walker().digest
    assert walk(records[2]) != walk(dataclasses.replace(records[2], actor_id=None))
    assert walk(ann) != walk(dataclasses.replace(ann, quotes=ann.quotes[:1]))
