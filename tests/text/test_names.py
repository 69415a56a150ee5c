"""Pure name helpers (archivist.names): no model needed."""

from __future__ import annotations

import pytest

from archivist.text import names


@pytest.mark.parametrize("text, person, expected", [
    ("President Vladimir Putin's", False, "Vladimir Putin"),
    ("Putin’s", False, "Putin"),
    ("“NATO”", False, "NATO"),
    ("the White House", False, "White House"),
    ("Sen.  Chris   Murphy", False, "Chris Murphy"),
    ("Dr. Anthony Fauci", False, "Anthony Fauci"),
    ("General Motors", False, "General Motors"),  # an organisation keeps "General"
    ("Deputy Foreign Minister Sergey Ryabkov", True, "Sergey Ryabkov"),
    ("King Charles", True, "King Charles"),  # a title that is part of the name
    ("McDonald's", False, "McDonald's"),  # a name that ends in a possessive
    ("Europe.", False, "Europe"),
    ("U.S.", False, "U.S."),
    ("Ga.", False, "Ga."),
    ("President", False, "President"),  # never emptied: callers drop title-only names
    ("President Fran\u00c3\u00a7ois Hollande", True, "Fran\u00e7ois Hollande"),  # mojibake repaired
    ("Fran\u00c3\u0083\u00c2\u00a7ois Hollande", False, "Fran\u00e7ois Hollande"),  # ... even twice over
    ("Fran\u0041\u0303\u0083\u0041\u0302\u00a7ois Hollande", False, "Fran\u00e7ois Hollande"),  # ... decomposed
    ("Beyonc\u00e9", False, "Beyonc\u00e9"),  # right accents stay
])
def test_normalise_name(text, person, expected):
    assert names.normalise_name(text, person=person) == expected


@pytest.mark.parametrize("text, expected", [
    ("U.S.", "United States"), ("US", "United States"), ("the United States", "United States"),
    ("U.S.A.", "United States"), ("the U.S.'s", "United States"), ("America", "United States"),
    ("U.K.", "United Kingdom"), ("UK", "United Kingdom"), ("Britain", "United Kingdom"),
    ("U.N.", "United Nations"), ("EU", "European Union"), ("Russia", "Russia"),
])
def test_canonical_name(text, expected):
    assert names.canonical_name(text) == expected


@pytest.mark.parametrize("a, b", [
    ("Zelenskyy", "ZELENSKYY"), ("José Jerí", "Jose Jeri"), ("U.S.", "US"), ("Warner Bros.", "Warner Bros"),
    ("Roberts-Smith", "Roberts Smith"),
])
def test_name_key_folds(a, b):
    assert names.name_key(a) == names.name_key(b)


@pytest.mark.parametrize("name, sur, first", [
    ("Vladimir Putin", "Putin", "Vladimir"),
    ("President Joe Biden", "Biden", "Joe"),
    ("Martin Luther King Jr.", "King", "Martin"),
    ("Charles de Gaulle", "de Gaulle", "Charles"),
    ("Putin", "Putin", "Putin"),
])
def test_surname_and_first_name(name, sur, first):
    assert names.surname(name) == sur
    assert names.first_name(name) == first


@pytest.mark.parametrize("text, expected", [
    ("NATO", True), ("OSCE", True), ("U.N.", True), ("DoD", True), ("UKHSA", True),
    ("Ukraine", False), ("I", False), ("Mr", False), ("McDonald", False), ("nato", False),
])
def test_is_acronym(text, expected):
    assert names.is_acronym(text) is expected


@pytest.mark.parametrize("acronym, expansion, expected", [
    ("OSCE", "Organization for Security and Cooperation in Europe", True),
    ("DoD", "Department of Defense", True),
    ("NPT", "Non-Proliferation Treaty", True),
    ("UKHSA", "UK Health Security Agency", True),
    ("WHO", "World Health Organization", True),
    ("OSCE", "Cooperation in Europe", False),
    ("ICE", "ICE and", False),
    ("NATO", "North Atlantic", False),
])
def test_acronym_matches(acronym, expansion, expected):
    assert names.acronym_matches(acronym, expansion.split()) is expected


@pytest.mark.parametrize("word, title, head, honorific", [
    ("Sen.", True, True, False), ("spokesperson", True, True, False), ("Deputy", True, False, False),
    ("Mr.", True, False, True), ("Putin", False, False, False),
])
def test_title_lexicon(word, title, head, honorific):
    assert names.is_title_word(word) is title
    assert names.is_role_head(word) is head
    assert names.is_honorific(word) is honorific


@pytest.mark.parametrize("a, b, expected", [
    ("McLenney", "McClenney", True), ("McClenney", "McLenney", True), ("Phillips", "Philips", True),
    ("Keidis", "Kiedis", True), ("Kiedis", "Kiedsi", True),  # two neighbouring letters swapped
    ("Kiedis", "Kidies", False),  # swapped apart
    ("Clinton", "Clifton", False),  # a letter changed: as often another name as a typo
    ("Clinton", "Clintons", False),  # a family
    ("Smith", "Smiths", False), ("Hahn", "Hahne", False),  # too short to tell
    ("Trump", "Trump", False), ("McLenney", "Mclenney", False),  # the same, in any case
    ("Harris", "Harrison", False), ("Peters", "Keters", False),
])
def test_spelled_alike(a, b, expected):
    assert names.spelled_alike(a, b) is expected
