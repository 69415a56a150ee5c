"""Tests of archivist.identity: name keys and the word-level helpers of the identity rules.

The rules themselves (editor file, surname, acronym) run across articles and are tested
through ``aggregate_actors`` in test_actors.py.
"""

from __future__ import annotations

from collections import Counter

import pytest

from archivist.aggregate.editor import parse_editor_file
from archivist.aggregate.identity import (
    Resolver,
    actor_key,
    display_name,
    is_junk,
    majority,
    top_form,
)
from archivist.models import Article


@pytest.mark.parametrize("a, b, kind", [
    ("President Vladimir Putin's", "Vladimir Putin", "person"),
    ("U.S.", "United States", "place"),
    ("the White House", "White House", "organisation"),
    ("José Ñúñez", "Jose Nunez", "person"),
])
def test_same_key(a, b, kind):
    assert actor_key(a, kind) == actor_key(b, kind)


def test_display_name():
    assert display_name("Deputy Foreign Minister Sergey Ryabkov", "person") == "Sergey Ryabkov"
    assert display_name("the U.S.'s", None) == "United States"


@pytest.mark.parametrize("key, junk", [("", True), ("7", True), ("--", True), ("un", False)])
def test_is_junk(key, junk):
    assert is_junk(key) is junk


def test_majority_and_top_form():
    assert majority(Counter({"person": 3, "organisation": 1})) == "person"
    assert top_form(Counter({"Putin": 5, "Vladimir Putin": 5, "V. Putin": 1})) in {"Putin", "Vladimir Putin"}


def test_resolver_follows_the_editor_file():
    editor = parse_editor_file({"actor": [{"name": "Dmitry Peskov", "aliases": ["Dmitri Peskov"]}]})
    resolver = Resolver(editor)
    article = Article(id="a", source="a.txt", title="t", date=None, url=None, outlet=None, text="")
    assert resolver.resolve(actor_key("Dmitri Peskov", "person"), article) == \
        resolver.resolve(actor_key("Dmitry Peskov", "person"), article)
    assert resolver.resolve("nobody", article) == "nobody"
