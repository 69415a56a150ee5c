"""site.toml: defaults, validation of every key, all errors at once."""

from __future__ import annotations

import pytest

from archivist.config import ConfigError, load_config, parse_config


def test_one_line_config_gets_defaults(tmp_path):
    (tmp_path / "site.toml").write_text('title = "My archive"\n')
    config = load_config(tmp_path)
    assert config.title == "My archive"
    assert config.base_path == "/"
    assert config.content_dir == "content" and config.output_dir == "build"
    assert config.nlp.processes == 0 and config.search.enabled


@pytest.mark.parametrize("base_url, path", [
    ("/", "/"),
    ("https://someone.github.io/archive/", "/archive/"),
    ("https://someone.github.io/archive", "/archive/"),
    ("https://example.org", "/"),
    ("/a/b", "/a/b/"),
])
def test_base_path(base_url, path):
    assert parse_config({"title": "t", "base_url": base_url}).base_path == path


def test_all_errors_at_once_name_their_keys():
    with pytest.raises(ConfigError) as e:
        parse_config({"titel": "x", "per_page": "3", "nlp": {"modle": "x", "batch_size": True}, "search": 1})
    errors = e.value.errors
    assert any("unknown key 'titel'" in m and "did you mean 'title'" in m for m in errors)
    assert any("'per_page' must be an integer" in m for m in errors)
    assert any("unknown key 'nlp.modle'" in m for m in errors)
    assert any("'nlp.batch_size' must be an integer" in m for m in errors)
    assert any("'search' must be a table" in m for m in errors)
    assert any("missing key 'title'" in m for m in errors)
    assert len(errors) == 6


def test_overrides_win_and_none_is_ignored():
    config = parse_config({"title": "t", "base_url": "/x/"}, overrides={"base_url": "https://a.io/y/", "strict": None})
    assert config.base_url == "https://a.io/y/" and config.strict is False


@pytest.mark.parametrize("text, message", [
    ("title = ", "not valid TOML"),
    ('title = "t"\nbase_url = "archive"', "'base_url' must start with"),
    ('title = "t"\nper_page = 0', "'per_page' must be at least 1"),
    ('title = "t"\nper_page = -3', "'per_page' must be at least 1"),
])
def test_bad_files_name_the_file(tmp_path, text, message):
    (tmp_path / "site.toml").write_text(text)
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path)
    assert message in str(e.value) and "site.toml" in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="site.toml.*not found"):
        load_config(tmp_path)


@pytest.mark.parametrize("actors, value", [
    (None, 2),  # the default: no page for an actor mentioned once and never quoted
    ({}, 2),
    ({"min_mentions": 1}, 1),
    ({"min_mentions": 3}, 3),
])
def test_actors_min_mentions(actors, value):
    data = {"title": "t"} if actors is None else {"title": "t", "actors": actors}
    assert parse_config(data).actors.min_mentions == value


@pytest.mark.parametrize("actors, message", [
    ({"min_mentions": 0}, "'actors.min_mentions' must be at least 1"),
    ({"min_mentions": -2}, "'actors.min_mentions' must be at least 1"),
    ({"min_mentions": "3"}, "'actors.min_mentions' must be an integer"),
    ({"min_mentions": 2.5}, "'actors.min_mentions' must be an integer"),
    ({"min_mentions": True}, "'actors.min_mentions' must be an integer"),
    ({"min_mention": 3}, "unknown key 'actors.min_mention' (did you mean 'actors.min_mentions'?)"),
    (3, "'actors' must be a table [actors]"),
])
def test_actors_min_mentions_errors_name_the_key(actors, message):
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", "actors": actors})
    assert [m for m in e.value.errors if message in m], e.value.errors
    assert len(e.value.errors) == 1


@pytest.mark.parametrize("actors, value", [
    (None, 2),  # the default: no page for an actor named in one article only and never quoted
    ({"min_articles": 1}, 1),
    ({"min_articles": 3}, 3),
])
def test_actors_min_articles(actors, value):
    data = {"title": "t"} if actors is None else {"title": "t", "actors": actors}
    assert parse_config(data).actors.min_articles == value


@pytest.mark.parametrize("actors, message", [
    ({"min_articles": 0}, "'actors.min_articles' must be at least 1"),
    ({"min_articles": "2"}, "'actors.min_articles' must be an integer"),
    ({"min_article": 2}, "unknown key 'actors.min_article' (did you mean 'actors.min_articles'?)"),
])
def test_actors_min_articles_errors_name_the_key(actors, message):
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", "actors": actors})
    assert [m for m in e.value.errors if message in m], e.value.errors
    assert len(e.value.errors) == 1


def test_actors_min_mentions_errors_come_with_the_others():
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", "per_page": 0, "actors": {"min_mentions": 0}})
    assert e.value.errors == ["'per_page' must be at least 1", "'actors.min_mentions' must be at least 1"]


def test_data_and_feeds_defaults_one_export_and_bounded_feeds():
    config = parse_config({"title": "t"})
    assert config.data.formats == ("csv.gz",) and config.data.min_cooccurrence == 2
    assert (config.feeds.limit, config.feeds.quotes_limit, config.feeds.actor_min_quotes) == (20, 10, 5)
    chosen = parse_config({"title": "t", "data": {"formats": ["sqlite", "json"]}, "feeds": {"limit": 50}})
    assert chosen.data.formats == ("sqlite", "json") and chosen.feeds.limit == 50
    assert parse_config({"title": "t", "data": {"formats": []}}).data.formats == ()


@pytest.mark.parametrize("table, message", [
    ({"data": {"formats": ["csv", "xml"]}}, "'data.formats[1]' must be one of csv, csv.gz, sqlite, json, not 'xml'"),
    ({"data": {"formats": ["csv", "csv"]}}, "'data.formats' must name each format once, not 'csv' again"),
    ({"data": {"formats": "csv"}}, "'data.formats' must be a list of strings"),
    ({"data": {"format": ["csv"]}}, "unknown key 'data.format' (did you mean 'data.formats'?)"),
    ({"data": {"min_cooccurrence": 0}}, "'data.min_cooccurrence' must be at least 1"),
    ({"feeds": {"limit": 0}}, "'feeds.limit' must be at least 1"),
    ({"feeds": {"quotes_limit": "10"}}, "'feeds.quotes_limit' must be an integer"),
    ({"feeds": {"actor_min_quotes": -1}}, "'feeds.actor_min_quotes' must be at least 0"),
    ({"feeds": {"rssLimit": 10}}, "unknown key 'feeds.rssLimit'"),
])
def test_data_and_feeds_errors_name_the_key(table, message):
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", **table})
    assert [m for m in e.value.errors if message in m], e.value.errors
    assert len(e.value.errors) == 1


@pytest.mark.parametrize("outlets, expected", [
    (None, {}),
    ({"cbsnews.com": "CBS News"}, {"cbsnews.com": "CBS News"}),
    ({"www.CBSNews.com": " CBS News "}, {"cbsnews.com": "CBS News"}),  # hosts as the loader writes them
])
def test_outlets(outlets, expected):
    data = {"title": "t"} if outlets is None else {"title": "t", "outlets": outlets}
    assert parse_config(data).outlets == expected


@pytest.mark.parametrize("outlets, message", [
    ({"cbsnews.com": 3}, "'outlets.cbsnews.com' must be a string, not 3"),
    ({"cbsnews.com": ""}, "'outlets.cbsnews.com' must be a non-empty string"),
    ("CBS", "'outlets' must be a table [outlets]"),
])
def test_outlets_errors_name_the_key(outlets, message):
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", "outlets": outlets})
    assert [m for m in e.value.errors if message in m], e.value.errors


@pytest.mark.parametrize("data, message", [
    ({"nlp": {"batch_size": 0}}, "'nlp.batch_size' must be at least 1"),
    ({"nlp": {"processes": -1}}, "'nlp.processes' must be at least 0"),
    ({"nlp": {"processes": 10_000}}, "'nlp.processes' must be at most 64"),
    ({"nlp": {"model": "../models/x"}}, "'nlp.model' must be a model's package name"),
    ({"nlp": {"model": "en core"}}, "'nlp.model' must be a model's package name"),
    ({"per_page": 10**9}, "'per_page' must be at most 1000"),
    ({"quotes": {"card_min_words": 0}}, "'quotes.card_min_words' must be at least 1"),
    ({"language": "english language"}, "'language' must be a language tag"),
    ({"language": "<script>"}, "'language' must be a language tag"),
    ({"theme": "../../etc"}, "'theme' must be a folder name under themes/"),
    ({"theme": "a/b"}, "'theme' must be a folder name under themes/"),
    ({"theme": ".."}, "'theme' must be a folder name under themes/"),
    ({"content_dir": "/etc"}, "'content_dir' must be relative to the site, not absolute"),
    ({"content_dir": "../other"}, "'content_dir' must stay inside the site folder"),
    ({"output_dir": "a/../../b"}, "'output_dir' must stay inside the site folder"),
    ({"output_dir": ""}, "'output_dir' must be a folder name relative to the site"),
    ({"output_dir": "."}, "'output_dir' must be a folder inside the site, not the site itself"),
    ({"output_dir": "C:\\build"}, "'output_dir' must be a folder name relative to the site"),
    ({"output_dir": "~/build"}, "'output_dir' must be relative to the site, not absolute"),
    ({"base_url": "//evil.example/"}, "'base_url' must have a path of one leading '/'"),
    ({"base_url": "/\\evil.example/"}, "'base_url' must have a path of one leading '/'"),
    ({"base_url": "/a b/"}, "'base_url' must have a path of one leading '/'"),
    ({"base_url": "/a\n/"}, "'base_url' must have a path of one leading '/'"),
    ({"base_url": "/x/'/"}, "'base_url' must have a path of one leading '/'"),
    ({"base_url": "https://"}, "'base_url' must be an http(s)://host/path URL with a host"),
    ({"base_url": "https://user:pw@host.org/"}, "'base_url' must not hold credentials"),
    ({"base_url": "https://host.org/?q=1"}, "'base_url' must not hold credentials, a query or a fragment"),
    ({"base_url": "https://host.org/#x"}, "'base_url' must not hold credentials, a query or a fragment"),
    ({"base_url": "https://host.org//evil.example/"}, "'base_url' must have a path of one leading '/'"),
    ({"base_url": "javascript:alert(1)"}, "'base_url' must start with '/' or http(s)://"),
    ({"title": ""}, "'title' must be a non-empty string"),
    ({"title": "two\nlines"}, "'title' must be one line"),
    ({"outlets": {"cbsnews.com": "CBS\nNews"}}, "'outlets.cbsnews.com' must be one line"),
    ({"max_article_bytes": 0}, "'max_article_bytes' must be at least 1"),
    ({"follow_external_links": "yes"}, "'follow_external_links' must be true or false"),
])
def test_values_are_checked_by_meaning_naming_the_key(data, message):
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", **data})
    assert len(e.value.errors) == 1 and message in e.value.errors[0], e.value.errors


@pytest.mark.parametrize("data", [
    {"base_url": "https://someone.github.io:8443/archive/"}, {"base_url": "http://[::1]:8000/"},
    {"base_url": "/archive/2024/"}, {"language": "pt-BR"}, {"language": "zh-Hant-TW"}, {"theme": "my-theme_2"},
    {"content_dir": "archive/articles"}, {"output_dir": "public/site"}, {"content_dir": "."},
    {"nlp": {"model": "en_core_web_trf", "batch_size": 1, "processes": 2}}, {"max_article_bytes": 50_000_000},
    {"follow_external_links": True}, {"description": ""},
])
def test_sane_values_pass(data):
    parse_config({"title": "t", **data})


def test_every_meaning_error_at_once():
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "", "per_page": 0, "theme": "../x", "nlp": {"batch_size": 0, "processes": -1},
                      "base_url": "//evil"})
    assert [m.split("'")[1] for m in e.value.errors] == [
        "title", "per_page", "theme", "nlp.batch_size", "nlp.processes", "base_url"]


@pytest.mark.parametrize("make, message", [
    (lambda p: (p / "site.toml").mkdir(), "cannot read: Is a directory"),
    (lambda p: (p / "site.toml").write_text("a = " + "[" * 5000 + "]" * 5000), "not valid TOML"),
    (lambda p: (p / "site.toml").write_bytes(b'title = "\xff"'), "not valid TOML"),
])
def test_unreadable_site_toml_is_one_error_naming_it(tmp_path, make, message):
    make(tmp_path)
    with pytest.raises(ConfigError) as e:
        load_config(tmp_path)
    assert message in str(e.value) and "site.toml" in str(e.value)
