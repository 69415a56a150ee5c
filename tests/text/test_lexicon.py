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


def _word_lists(path):
    """The module-level names of ``path`` bound to a literal collection of lower-case words, or to such
    words split from a string: the word lists a rule module should take from the lexicon instead."""
    import ast

    def words(node):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("frozenset", "set", "tuple") and node.args:
            return words(node.args[0])
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if isinstance(node, ast.Dict):
            return [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "split" and \
                isinstance(node.func.value, ast.Constant):
            return node.func.value.value.split()
        return []

    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            found = words(node.value)
            if len(found) >= 2 and all(w.isalpha() and w.islower() for w in found):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                out.append(getattr(target, "id", "?"))
    return out


#: Module-level tables of the rule modules that hold names of the method's own, not words of the text.
_NOT_WORD_LISTS = {"_SUBJ_DEPS"}  # dependency labels


def test_the_attribution_and_speaker_modules_take_their_words_from_the_lexicon():
    from conftest import ROOT

    modules = sorted((ROOT / "archivist" / "annotate" / "quotes").glob("*.py")) + \
        sorted(p for p in (ROOT / "archivist" / "annotate" / "speakers").glob("*.py") if p.name != "ranker.py")
    found = {p.name: names for p in modules if (names := [n for n in _word_lists(p) if n not in _NOT_WORD_LISTS])}
    assert found == {}
