"""Tests of archivist.lexicon: word lists and word-level tests, no model except for could_speak."""

from __future__ import annotations

import pytest

from archivist.text.lexicon import (
    FEMALE_NAMES,
    MALE_NAMES,
    capitalised,
    could_speak,
    given_gender,
    singular,
)


@pytest.mark.parametrize("name, alone, expected", [
    ("Marjorie Taylor Greene", False, "f"),
    ("Antonin Scalia", False, "m"),
    ("Melanie", True, "f"),
    ("Melanie", False, None),  # one word may be a surname
    ("Jordan Smith", False, None),  # names given to both are left out
    ("Dr. Ole Hansen", False, None),  # the first word must be the given name
])
def test_given_gender(name, alone, expected):
    assert given_gender(name, alone=alone) == expected


def test_name_lists_do_not_overlap():
    assert not MALE_NAMES & FEMALE_NAMES


@pytest.mark.parametrize("word, expected", [("reports", "report"), ("press", "press"), ("study", "study")])
def test_singular(word, expected):
    assert singular(word) == expected


@pytest.mark.parametrize("text, word, expected", [
    ("The economist said so.", "economist", True),
    ("The plan called it a gift.", "plan", False),
    ("The committee said so.", "committee", True),
    ("The error suggests a flaw.", "error", False),
    ("Jane Roe said so.", "Roe", True),
])
def test_could_speak(nlp, text, word, expected):
    tok = next(t for t in nlp(text) if t.text == word)
    assert could_speak(tok) is expected


def test_capitalised_words_inside_a_sentence(nlp):
    doc = nlp("Then O’Saben noted it, and Will wrote from Paris on Monday.")
    flags = {t.text: capitalised(t) for t in doc}
    assert flags["O’Saben"] and flags["Will"] and flags["Paris"]
    assert not flags["Then"] and not flags["Monday"] and not flags["noted"]
