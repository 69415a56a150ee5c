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
    ('title = "t"\nper_page = -3', "must not be negative"),
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
    (None, 1),  # the default: every actor gets a page
    ({}, 1),
    ({"min_mentions": 1}, 1),
    ({"min_mentions": 3}, 3),
])
def test_actors_min_mentions(actors, value):
    data = {"title": "t"} if actors is None else {"title": "t", "actors": actors}
    assert parse_config(data).actors.min_mentions == value


@pytest.mark.parametrize("actors, message", [
    ({"min_mentions": 0}, "'actors.min_mentions' must be at least 1"),
    ({"min_mentions": -2}, "'actors.min_mentions' must not be negative"),
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


def test_actors_min_mentions_errors_come_with_the_others():
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", "per_page": 0, "actors": {"min_mentions": 0}})
    assert e.value.errors == ["'per_page' must be at least 1", "'actors.min_mentions' must be at least 1"]


@pytest.mark.parametrize("outlets, expected", [
    (None, {}),
    ({"cbsnews.com": "CBS News"}, {"cbsnews.com": "CBS News"}),
    ({"www.CBSNews.com": " CBS News "}, {"cbsnews.com": "CBS News"}),  # hosts as the loader writes them
])
def test_outlets(outlets, expected):
    data = {"title": "t"} if outlets is None else {"title": "t", "outlets": outlets}
    assert parse_config(data).outlets == expected


@pytest.mark.parametrize("outlets, message", [
    ({"cbsnews.com": 3}, "'outlets.cbsnews.com' must be a non-empty string, not 3"),
    ({"cbsnews.com": ""}, "'outlets.cbsnews.com' must be a non-empty string"),
    ("CBS", "'outlets' must be a table [outlets]"),
])
def test_outlets_errors_name_the_key(outlets, message):
    with pytest.raises(ConfigError) as e:
        parse_config({"title": "t", "outlets": outlets})
    assert [m for m in e.value.errors if message in m], e.value.errors
