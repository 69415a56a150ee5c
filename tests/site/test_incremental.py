"""Tests of archivist.site.incremental: page keys, the templates that may have one, the key store."""

from __future__ import annotations

import dataclasses
import datetime as dt

from markupsafe import Markup

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
