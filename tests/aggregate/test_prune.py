"""Tests of archivist.aggregate.prune: which actors keep a page, and what a dropped one leaves behind."""

from __future__ import annotations

import dataclasses

import pytest

from archivist.aggregate.prune import keeps_page, prune_actors
from archivist.models import Actor, QuoteRef
from conftest import actor_ids, sample_archive


@pytest.mark.parametrize("actor, quoted, keeps", [
    (Actor("a", "A", "person", mentions=3), (), True),  # enough mentions
    (Actor("a", "A", "person", mentions=2), (), False),  # too few, nothing else
    (Actor("a", "A", "person", mentions=1, quotes=(QuoteRef("x", 0),)), (), True),  # quoted on its page
    (Actor("a", "A", "person", mentions=1), ("a",), True),  # quoted in an annotation
    (Actor("a", "A", "person", mentions=1), ("b",), False),  # another actor quoted
    (Actor("a", "A", "person", mentions=1, description="An editor wrote this."), (), True),
    (Actor("a", "A", "person", mentions=1, links=(("Wikipedia", "https://example.org/A"),)), (), True),
])
def test_keeps_page(actor, quoted, keeps):
    assert keeps_page(actor, 3, frozenset(quoted)) is keeps


ONE, TWO = ("x",), ("x", "y")


@pytest.mark.parametrize("actor, min_mentions, min_articles, keeps", [
    (Actor("a", "A", "person", mentions=9, articles=ONE), 2, 2, False),  # named often, but in one article
    (Actor("a", "A", "person", mentions=2, articles=TWO), 2, 2, True),
    (Actor("a", "A", "person", mentions=2, articles=TWO), 2, 3, False),
    (Actor("a", "A", "person", mentions=9, articles=ONE), 2, 1, True),  # 1: no such rule
    (Actor("a", "A", "person", mentions=2, articles=TWO), 3, 2, False),  # enough articles, too few mentions
    (Actor("a", "A", "person", mentions=1, articles=ONE, quotes=(QuoteRef("x", 0),)), 2, 2, True),  # quoted
    (Actor("a", "A", "person", mentions=1, articles=ONE, description="An editor wrote this."), 2, 2, True),
])
def test_keeps_page_of_an_actor_of_few_articles(actor, min_mentions, min_articles, keeps):
    assert keeps_page(actor, min_mentions, frozenset(), min_articles) is keeps


def test_min_articles_drops_the_actors_of_fewer_articles():
    archive = sample_archive()  # Port Authority and Springfield: two articles each, John Smith one (quoted)
    assert prune_actors(archive, 1, 2) is archive  # every unquoted, undescribed actor is in two articles
    pruned = prune_actors(archive, 1, 3)
    assert [a.id for a in pruned.actors] == ["jane-doe", "john-smith"]
    assert pruned.unpaged == ("Port Authority", "Springfield")
    assert pruned == prune_actors(archive, 3)  # here the same actors as three mentions


@pytest.mark.parametrize("min_mentions", [0, 1, 2])
def test_nothing_dropped_returns_the_archive_itself(min_mentions):
    archive = sample_archive()  # its unquoted, undescribed actors have two mentions each
    assert prune_actors(archive, min_mentions) is archive


def test_dropped_actors_lose_their_page_and_their_links():
    archive = sample_archive()
    pruned = prune_actors(archive, 3)
    assert [a.id for a in pruned.actors] == ["jane-doe", "john-smith"]  # described / quoted
    assert pruned.unpaged == ("Port Authority", "Springfield")
    assert actor_ids(pruned) == {
        "budget": ("jane-doe", None, "jane-doe", "john-smith", None),
        "xss": ("jane-doe",),
        "harbour": (None, None),
    }
    assert actor_ids(pruned, "quotes") == actor_ids(archive, "quotes")
    assert pruned.annotations["xss"] is archive.annotations["xss"]  # nothing unlinked: the same annotation
    assert [m.actor for m in pruned.annotations["harbour"].mentions] == ["Springfield", "Port Authority"]
    assert pruned.articles == archive.articles


def test_a_speaker_quoted_in_an_annotation_keeps_its_page():
    archive = sample_archive()
    # John Smith's page lists no quote, but the budget article's third quote is his
    actors = tuple(dataclasses.replace(a, quotes=()) if a.id == "john-smith" else a for a in archive.actors)
    pruned = prune_actors(dataclasses.replace(archive, actors=actors), 3)
    assert [a.id for a in pruned.actors] == ["jane-doe", "john-smith"]


def test_an_unquoted_speakers_quotes_are_unlinked():
    archive = sample_archive()
    actors = tuple(dataclasses.replace(a, quotes=(), description=None, links=()) for a in archive.actors)
    anns = {k: dataclasses.replace(v, quotes=tuple(dataclasses.replace(q, actor_id=None) if q.actor_id == "john-smith"
                                                   else q for q in v.quotes)) for k, v in archive.annotations.items()}
    pruned = prune_actors(dataclasses.replace(archive, actors=actors, annotations=anns), 3)
    assert [a.id for a in pruned.actors] == ["jane-doe"]  # three mentions (and quoted)
    assert pruned.unpaged == ("John Smith", "Port Authority", "Springfield")
    assert actor_ids(pruned, "quotes") == {"budget": ("jane-doe", None, None), "xss": ("jane-doe",), "harbour": ()}
