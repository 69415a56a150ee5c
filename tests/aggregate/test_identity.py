"""Tests of archivist.aggregate.identity: name keys, the word-level helpers of the identity rules, and
the middle-name and surname rules over pass 1's statistics (tables of names and their mentions).

The rules also run across articles through ``aggregate_actors`` in test_actors.py.
"""

from __future__ import annotations

from collections import Counter

import pytest

from archivist.aggregate.editor import parse_editor_file
from archivist.aggregate.identity import (
    NameStats,
    Resolver,
    actor_key,
    display_name,
    is_junk,
    link_middle_names,
    link_surnames,
    majority,
    name_parts,
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


def stats_of(names: dict[str, int], kind: str = "person") -> dict[str, NameStats]:
    """Pass 1's statistics of an archive that mentions each name (as written) so often, all of one kind."""
    out: dict[str, NameStats] = {}
    for name, n in names.items():
        s = out.setdefault(actor_key(name, kind), NameStats(Counter(), Counter()))
        s.kinds[kind] += n
        s.forms[name] += n
    return out


@pytest.mark.parametrize("name, parts", [
    ("Jesse L. Jackson", ("jesse", ("l",), "jackson")),
    ("Jesse Jackson Jr.", ("jesse", (), "jackson jr")),
    ("Robert F. Kennedy Jr.", ("robert", ("f",), "kennedy jr")),
    ("Charles de Gaulle", ("charles", (), "de gaulle")),
    ("George H. W. Bush", ("george", ("h", "w"), "bush")),
    ("Madonna", None),
])
def test_name_parts(name, parts):
    assert name_parts(name) == parts


MIDDLE_NAMES = [
    # (names the archive uses and their mentions, the names that end on one page: {name: page's name})
    ({"Jesse Louis Jackson": 2, "Jesse Jackson": 9, "Jesse L. Jackson": 1},
     {"Jesse Louis Jackson": "Jesse Jackson", "Jesse L. Jackson": "Jesse Jackson", "Jesse Jackson": "Jesse Jackson"}),
    # an initial and its name, without the short form
    ({"John F. Kennedy": 5, "John Fitzgerald Kennedy": 1},
     {"John F. Kennedy": "John F. Kennedy", "John Fitzgerald Kennedy": "John F. Kennedy"}),
    # two middle names that disagree: two people, and the short name is either's: all stay apart
    ({"George W. Bush": 9, "George H. W. Bush": 4, "George Bush": 3},
     {"George W. Bush": "George W. Bush", "George H. W. Bush": "George H. W. Bush", "George Bush": "George Bush"}),
    ({"Maria Elena Garcia": 2, "Maria Luisa Garcia": 2, "Maria Garcia": 2},
     {"Maria Elena Garcia": "Maria Elena Garcia", "Maria Luisa Garcia": "Maria Luisa Garcia",
      "Maria Garcia": "Maria Garcia"}),
    # a suffix is another person: the son keeps his page
    ({"Jesse Jackson Jr.": 4, "Jesse Louis Jackson": 2, "Jesse Jackson": 5},
     {"Jesse Jackson Jr.": "Jesse Jackson Jr.", "Jesse Louis Jackson": "Jesse Jackson", "Jesse Jackson": "Jesse Jackson"}),
    # no middle name anywhere: nothing to join
    ({"Boris Johnson": 3, "Mike Johnson": 3}, {"Boris Johnson": "Boris Johnson", "Mike Johnson": "Mike Johnson"}),
]


@pytest.mark.parametrize("names, pages", MIDDLE_NAMES)
def test_a_middle_name_or_initial_is_one_person_across_the_archive(names, pages):
    stats, resolver = stats_of(names), Resolver(None)
    link_middle_names(stats, resolver)
    article = Article(id="a", source="a.txt", title="t", date=None, url=None, outlet=None, text="")
    assert {name: resolver.resolve(actor_key(name, "person"), article) for name in names} == \
        {name: actor_key(page, "person") for name, page in pages.items()}


def test_middle_names_are_for_people_only():
    stats, resolver = stats_of({"Bank of America": 3, "Bank America": 1}, "organisation"), Resolver(None)
    link_middle_names(stats, resolver)
    assert resolver.links == {}


def test_the_editor_file_decides_before_middle_names():
    editor = parse_editor_file({"actor": [{"name": "Jesse Louis Jackson"}]})
    stats, resolver = stats_of({"Jesse Louis Jackson": 2, "Jesse Jackson": 9}), Resolver(editor)
    link_middle_names(stats, resolver)
    article = Article(id="a", source="a.txt", title="t", date=None, url=None, outlet=None, text="")
    assert resolver.resolve(actor_key("Jesse Louis Jackson", "person"), article) == f"@{editor.entries[0].index}"
    assert resolver.resolve(actor_key("Jesse Jackson", "person"), article) == actor_key("Jesse Jackson", "person")


SURNAMES = [
    # (names the archive uses and their mentions, what the bare surname resolves to: a page's name or itself)
    ({"Vladimir Putin": 4, "Putin": 10}, "Putin", "Vladimir Putin"),
    # two people of the surname, of like weight, and nothing to tell them apart: the bare name keeps its page
    ({"Boris Johnson": 5, "Mike Johnson": 4, "Johnson": 6}, "Johnson", "Johnson"),
    # ... unless one has ten times the others' mentions
    ({"Donald Trump": 200, "Eric Trump": 5, "Trump": 300}, "Trump", "Donald Trump"),
    # names that differ only by a middle name are one person, so the surname is theirs
    ({"Jesse Louis Jackson": 2, "Jesse Jackson": 3, "Jackson": 4}, "Jackson", "Jesse Jackson"),
    # a given name is no surname
    ({"Brian Kemp": 3, "Brian Kilmeade": 3, "Brian": 2}, "Brian", "Brian"),
]


@pytest.mark.parametrize("names, bare, page", SURNAMES)
def test_a_bare_surname_page_only_where_the_archive_cannot_tell(names, bare, page):
    stats, resolver = stats_of(names), Resolver(None)
    link_surnames(stats, resolver)
    article = Article(id="a", source="a.txt", title="t", date=None, url=None, outlet=None, text="")
    assert resolver.resolve(actor_key(bare, "person"), article) == actor_key(page, "person")


def test_an_acronym_is_the_expansion_an_article_defines_it_by():
    from archivist.aggregate.identity import link_acronyms
    from archivist.models import Annotation, Mention

    full = "Transportation Security Administration"
    anns = [  # "the Transportation Security Administration (TSA) ... TSA": the article's TSA is the expansion
        Annotation(mentions=(Mention(4, 42, full, "ORG", full, "organisation"),
                             Mention(44, 47, "TSA", "ORG", full, "organisation"))),
        Annotation(mentions=(Mention(0, 3, "TSA", "ORG", "TSA", "organisation"),)),  # elsewhere, bare
        Annotation(mentions=(Mention(0, 3, "WHO", "ORG", "WHO", "organisation"),)),  # never defined nor paired
        # defined, but the archive's bare "VA" is a place (Virginia): no link across kinds
        Annotation(mentions=(Mention(0, 16, "Veterans Affairs", "ORG", "Veterans Affairs", "organisation"),
                             Mention(18, 20, "VA", "ORG", "Veterans Affairs", "organisation"))),
        Annotation(mentions=(Mention(0, 2, "VA", "GPE", "VA", "place"),)),
    ]
    stats = stats_of({full: 2, "TSA": 1, "WHO": 1, "World Health Organization": 1, "Veterans Affairs": 2},
                     "organisation") | stats_of({"VA": 3}, "place")
    resolver = Resolver(None)
    link_acronyms([], anns, stats, resolver)
    assert resolver.links == {"tsa": ("acronym", actor_key(full, "organisation"))}
