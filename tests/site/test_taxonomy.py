"""Taxonomies (``archivist.site.taxonomy``): outlets, tags and authors, a term per value with a unique slug."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import sample_archive

from archivist.models import Article
from archivist.site.taxonomy import taxonomies, term_key, terms_of


def story(id: str, outlet: str | None = None, tags: tuple[str, ...] = (), authors: tuple[str, ...] = ()) -> Article:
    """An article with only what taxonomies read."""
    return Article(id, f"{id}.txt", id, dt.date(2024, 1, 1), None, outlet, "Text.", tags=tags, authors=authors)


@pytest.mark.parametrize("value, key", [("Russia", "russia"), ("russia ", "russia"),
                                        ("  Russia   Today ", "russia today"), ("élan", "élan")])
def test_term_key(value, key):
    assert term_key(value) == key


def test_values_differing_in_case_or_spacing_are_one_term():
    articles = [story("a", tags=("Russia", " ")), story("b", tags=("russia ", "Zed")), story("c", tags=("Russia", "Russia"))]
    terms = terms_of(articles, "tags")
    assert [(t.taxonomy, t.name, t.slug, [a.id for a in t.articles]) for t in terms] == [
        ("tags", "Russia", "russia", ["a", "b", "c"]),  # shown as first met; an article once; blanks dropped
        ("tags", "Zed", "zed", ["b"])]


def test_clashing_slugs_are_numbered_in_name_order():
    articles = [story("a", outlet="CNN", tags=("élan",)), story("b", outlet="cnn", tags=("Elan",)),
                story("c", outlet="C.N.N.")]
    assert [(t.name, t.slug, [a.id for a in t.articles]) for t in terms_of(articles, "outlets")] == [
        ("C.N.N.", "cnn", ["c"]), ("CNN", "cnn-2", ["a", "b"])]
    # accents are not case: two terms, sorted side by side
    assert [(t.name, t.slug) for t in terms_of(articles, "tags")] == [("Elan", "elan"), ("élan", "elan-2")]


def test_taxonomies_of_the_sample_archive():
    found = taxonomies(sample_archive().articles)
    assert [(t.name, t.singular, t.label, t.path) for t in found] == [
        ("outlets", "outlet", "Outlets", "outlets/"), ("tags", "tag", "Tags", "tags/"),
        ("authors", "author", "Authors", "authors/")]
    assert {t.name: [(term.name, term.slug, [a.id for a in term.articles]) for term in t.terms] for t in found} == {
        "outlets": [("Example Times", "example-times", ["budget", "harbour"]), ("Wikinews", "wikinews", ["xss"])],
        "tags": [("budget", "budget", ["budget"]), ("council", "council", ["budget"])],
        "authors": [("Ann Writer", "ann-writer", ["budget"])]}


def test_a_taxonomy_without_values_is_left_out():
    assert [t.name for t in taxonomies([story("a", outlet="CNN")])] == ["outlets"]
    assert taxonomies([story("a")]) == ()
