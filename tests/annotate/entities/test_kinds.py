"""Actors are actors: nationality adjectives are no actors, groups that speak or act are "group"s."""

from __future__ import annotations

import pytest

from archivist.annotate.entities.mentions import GROUP

CASES = [
    # (text, NORP word, its kind or None where it is no actor)
    ("Russian officials met American diplomats in Geneva on Monday.", "Russian", None),
    ("Russian officials met American diplomats in Geneva on Monday.", "American", None),
    ("The Western alliance has grown since 1990.", "Western", None),
    ("It rang in the ears of Americans old enough to remember.", "Americans", None),
    ("Democrats said the bill would fail in the Senate.", "Democrats", GROUP),
    ("The bill was blocked by Republicans on Tuesday.", "Republicans", GROUP),
    ("A Republican said the bill would fail.", "Republican", None),
]


@pytest.mark.parametrize("text, word, kind", CASES)
def test_norp_is_an_actor_only_as_a_group_that_speaks_or_acts(annotate, text, word, kind):
    found = [m.kind for m in annotate(text).mentions if m.text == word]
    assert found == ([kind] if kind else [])


def test_the_speaker_of_russian_officials_is_still_found_and_unnamed(annotate):
    q, = annotate('Russian officials said they would "counter threats" from the alliance.').quotes
    assert q.speaker is None and q.speaker_mention.text == "Russian officials"


def test_the_seed_article_lists_only_actors_a_reader_would_list(annotate):
    import json

    from conftest import DATA

    from archivist.annotate.shown import shown

    body = "\n".join((DATA / "seed_article.txt").read_text(encoding="utf-8").split("\n")[3:]).rstrip("\n")
    listed = json.loads((DATA / "seed_quotes.json").read_text(encoding="utf-8"))["actors"]
    readers = set(listed["people"] + listed["organisations"] + listed["places"] + listed["optional"])
    actors = {m.actor for m in shown(annotate(body), 0.0).mentions}
    assert actors - readers == set()
    assert set(listed["people"] + listed["organisations"] + listed["places"]) - actors == set()


MIDDLE_CASES = [
    ("Jesse Louis Jackson spoke in Chicago. Later Jesse Jackson met the mayor.", "Jesse Jackson", "Jesse Louis Jackson"),
    ("George W. Bush spoke on Monday. Later George Bush met the mayor.", "George Bush", "George W. Bush"),
    ("George H. W. Bush and George W. Bush spoke. Later George Bush met the mayor.", "George Bush", "George Bush"),
]


@pytest.mark.parametrize("text, written, actor", MIDDLE_CASES)
def test_a_middle_name_or_initial_is_the_same_person_within_an_article(annotate, text, written, actor):
    assert {m.actor for m in annotate(text).mentions if m.text == written} == {actor}


def test_the_last_word_of_a_place_is_that_place_not_a_person(annotate):
    text = "Tankers crossed the Strait of Hormuz on Monday. Traffic through Hormuz fell, officials said."
    assert {(m.text, m.actor, m.kind) for m in annotate(text).mentions if "Hormuz" in m.text} == \
        {("Strait of Hormuz", "Strait of Hormuz", "place"), ("Hormuz", "Strait of Hormuz", "place")}


def test_a_surname_that_ends_a_place_stays_the_persons(annotate):
    text = "Mayor Jane Park opened Lincoln Park on Monday. Park said the city needed it."
    assert {m.actor for m in annotate(text).mentions if m.text == "Park"} == {"Jane Park"}


def test_a_place_of_its_own_is_not_joined_to_a_longer_place(annotate):
    text = "Talks on Cyprus resumed. Northern Cyprus rejected the plan, and Cyprus welcomed it."
    assert {m.actor for m in annotate(text).mentions if m.text == "Cyprus"} == {"Cyprus"}
