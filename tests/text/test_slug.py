"""The one slug function (``archivist.text.slug``): transliterated, hyphenated, bounded, with a fallback."""

from __future__ import annotations

import pytest

from archivist.text.slug import MAX_LENGTH, slugify


@pytest.mark.parametrize("text, slug", [
    ("Владимир Путин", "vladimir-putin"),  # transliterated, not dropped
    ("Łódź", "lodz"),
    ("Ça va, Zürich!", "ca-va-zurich"),
    ("AT&T Inc.", "at-and-t-inc"),  # "&" is a word, the dot goes
    ("O'Brien", "obrien"),  # apostrophes join, never split
    ("Sinn Féin’s leader", "sinn-feins-leader"),
    ("U.S. Army", "us-army"),
    ("000_5f1a", "000-5f1a"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["...", "???", "", None])
def test_fallback_where_nothing_is_left(text):
    assert slugify(text) == ""
    assert slugify(text, "actor") == "actor"


def test_a_slug_is_cut_at_a_word_boundary():
    slug = slugify(" ".join(["word"] * 40))
    assert slug == "-".join(["word"] * 16)  # 79 characters: a 17th word would pass MAX_LENGTH
    assert len(slug) == 79 <= MAX_LENGTH


def test_one_long_word_is_cut_at_the_limit():
    assert slugify("a" * 100) == "a" * MAX_LENGTH
