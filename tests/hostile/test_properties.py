"""Property tests of every reader of user files: any input gives a record or the module's own error.

The plain-text reader, Markdown with TOML and with YAML front matter, site.toml and
actors.toml are fed arbitrary bytes, text shaped like their format, and parsed tables of
arbitrary keys and values (dates, nesting, wrong types). Each must return its record or
raise its own clear error (a ``Problem`` for articles, ``ConfigError``, ``EditorError``),
never another exception. Examples are kept few so the suite stays fast
(``ARCHIVIST_PROPERTY_EXAMPLES=5000`` for a deeper search).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import tomllib
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.aggregate.editor import EditorError, EditorFile, parse_editor_file
from archivist.config import Config, ConfigError, parse_config
from archivist.load.articles import Loaded, load_articles
from archivist.models import Article

#: 100 examples a property keeps the suite fast; ARCHIVIST_PROPERTY_EXAMPLES=5000 searches deeper.
SETTINGS = settings(max_examples=int(os.environ.get("ARCHIVIST_PROPERTY_EXAMPLES", "100")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

#: Keys the readers know, so that generated tables hit real keys as often as unknown ones.
KNOWN = sorted({"title", "date", "url", "outlet", "authors", "tags", "draft", "slug", "credit",
                *Config.__dataclass_fields__, "actor", "name", "aliases",
                "kind", "when", "outlet", "before", "after", "hide", "id", "wikipedia", "model", "batch_size",
                "processes", "card_min_words", "min_mentions", "enabled", "cbsnews.com"})
keys = st.one_of(st.sampled_from(KNOWN), st.text(max_size=12))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40),
    st.dates(), st.datetimes(), st.sampled_from(["2022-13-01", "2022-02-30", "20220113", "0000-01-01", "/", "//x",
                                                 "https://a.org/", "person", "../..", "en", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)), max_leaves=12)
tables = st.dictionaries(keys, values, max_size=8)


def toml_value(value) -> str:
    """``value`` written as TOML where it can be (None has no TOML form: a string stands in)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else "nan"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps("" if value is None else value)


def toml_text(table: dict) -> str:
    return "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in table.items())


def yaml_text(table: dict) -> str:
    return yaml.safe_dump(table, allow_unicode=True)


#: Values written bare into front matter lines, where the parsers read them as dates, tags, URLs.
LITERALS = ["2022-13-01", "2022-02-30", "0000-01-01", "2022-01-01 25:00:00", "9999-12-31T23:59:59+25:00",
            "!!timestamp 2022-13-01", "2022-01-13", "20220113", "http://[", "https://a.org:99999/", "true", "~",
            "[a, [b]]", "{a: 1}", "&x [*x]", "!!binary AAAA", "'quoted", "1e999", "-1", '"\\x00"', "''"]
raw_lines = st.lists(st.tuples(keys.filter(lambda k: k.strip() and ":" not in k and "\n" not in k),
                               st.one_of(st.sampled_from(LITERALS), st.text(max_size=20))),
                     max_size=6)


def yaml_lines(pairs) -> str:
    return "".join(f"{k}: {v}\n" for k, v in pairs)


def toml_lines(pairs) -> str:
    return "".join(f"{k} = {v}\n" for k, v in pairs)


texts = st.one_of(st.text(max_size=300), st.text(alphabet=st.sampled_from(list("\n\r\t\x00\x07 -+=:\"'[]{}#!&*|>"
                                                                                 "abc12ÄЖ\ufeff\ufffe")),
                                                  max_size=200))
bodies = st.one_of(st.text(max_size=200), st.sampled_from(["", "Text.", "> " * 200 + "deep", "[a]: <", "*" * 500]))


def load_one(name: str, data: bytes) -> Loaded:
    """load_articles over a content folder of this one file (plus nothing else)."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / name).write_bytes(data)
        return load_articles(Path(tmp))


def assert_record_or_problem(loaded: Loaded) -> None:
    assert len(loaded.articles) + len(loaded.problems) <= 1
    for article in loaded.articles:
        assert isinstance(article, Article) and article.title and article.text.strip()
        assert "\x00" not in article.text and len(article.id) <= 84
    for problem in loaded.problems:
        assert problem.path.endswith((".txt", ".md")) and problem.message


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_a_text_article(data):
    assert_record_or_problem(load_one("a.txt", data))


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_a_markdown_article(data):
    assert_record_or_problem(load_one("a.md", data))


@SETTINGS
@given(st.text(max_size=80), st.text(max_size=12), st.text(max_size=60), st.lists(texts, max_size=4))
def test_text_shaped_like_a_text_article(title, date, url, paragraphs):
    text = "\n".join([title, date, url, *paragraphs])
    assert_record_or_problem(load_one("a.txt", text.encode("utf-8", "surrogatepass")))


@SETTINGS
@given(st.one_of(tables.map(toml_text), raw_lines.map(toml_lines), texts), bodies)
def test_markdown_with_toml_front_matter(front, body):
    assert_record_or_problem(load_one("a.md", f"+++\n{front}\n+++\n{body}".encode("utf-8", "surrogatepass")))


@SETTINGS
@given(st.one_of(tables.map(yaml_text), raw_lines.map(yaml_lines), texts, st.sampled_from(["&a [*a]", "!!python/object:os.system x",
                                                                  "a: !!binary AAAA", "? [a]\n: b", "*x"])), bodies)
def test_markdown_with_yaml_front_matter(front, body):
    assert_record_or_problem(load_one("a.md", f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")))


@SETTINGS
@given(st.one_of(tables, tables.map(lambda t: {"title": "T", **t})))
def test_site_toml_tables(data):
    try:
        assert isinstance(parse_config(data), Config)
    except ConfigError as e:
        assert e.errors and all(isinstance(m, str) and m for m in e.errors)


@SETTINGS
@given(st.one_of(tables.map(toml_text), texts))
def test_site_toml_text(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # load_config turns this into a ConfigError (tests/test_config.py)
    try:
        parse_config(data)
    except ConfigError as e:
        assert e.errors


entries = st.dictionaries(keys, values, max_size=8)


@SETTINGS
@given(st.one_of(st.fixed_dictionaries({"actor": st.lists(entries, max_size=4)}), tables,
                 st.fixed_dictionaries({"actor": values})))
def test_actors_toml_tables(data):
    try:
        assert isinstance(parse_editor_file(data), EditorFile)
    except EditorError as e:
        assert e.errors and all(m for m in e.errors)


@SETTINGS
@given(st.lists(entries.map(lambda e: "[[actor]]\n" + toml_text(e)), max_size=3).map("\n".join))
def test_actors_toml_text(text):
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    try:
        parse_editor_file(data)
    except EditorError as e:
        assert e.errors
