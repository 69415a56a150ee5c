"""Tests of archivist.annotate.rulematch: the attribute ruler's matches by lookup, the same as spaCy's Matcher's."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from archivist.annotate.rulematch import lookup_matcher

TEXT = ("There are people who got it.\nIt isn't nothin' , y' know: \"He gets it,\" she said -- and there's more.\n\n"
        "Officials weren't sure. ")

PATTERNS = [
    # (a pattern of the kinds the English attribute ruler holds)
    [{"TAG": "VBD"}],
    [{"TAG": "VBZ", "LOWER": "gets"}],
    [{"LOWER": {"IN": ["is", "are", "'s"]}, "TAG": {"IN": ["VBZ", "VBP"]}}],
    [{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are", "was", "were", "'s", "'re"]}}],
    [{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}],
    [{"IS_SPACE": True}],
    [{"TAG": "_SP", "IS_SPACE": False}],
    [{"LOWER": {"REGEX": "^n'?t$"}}],
    [{"LOWER": {"REGEX": "^n[ou]thin'$"}}],
    [{"TAG": "DT"}, {"TAG": {"NOT_IN": ["NN", "NNS"]}}],
    [{"ORTH": "said", "POS": "VERB"}],
    [{}],
    [{"LOWER": {"IN": []}}],
]


def _both(nlp, patterns):
    """spaCy's Matcher and the lookup matcher of the same patterns, one key each."""
    matcher = Matcher(nlp.vocab)
    keyed = []
    for i, pattern in enumerate(patterns):
        matcher.add(str(i), [pattern])
        keyed.append((str(i), [pattern]))
    return matcher, lookup_matcher(matcher, keyed, nlp.vocab.strings)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_each_kind_of_pattern_matches_where_spacys_matcher_does(nlp, pattern):
    doc = nlp(TEXT)
    matcher, quick = _both(nlp, [pattern])
    expected = sorted(matcher(doc, allow_missing=True, as_spans=False))
    assert sorted(quick(doc, allow_missing=True, as_spans=False)) == expected
    assert sorted(quick(doc)) == expected  # again, from what it remembered of each token


def test_all_patterns_together_match_as_spacys_matcher(nlp):
    matcher, quick = _both(nlp, PATTERNS)
    for doc in nlp.pipe([TEXT, "", " ", "No one said it."]):
        assert sorted(quick(doc)) == sorted(matcher(doc, allow_missing=True, as_spans=False))


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "?"}],  # operators
    [{"LENGTH": 3}],  # an attribute it does not read
    [{"LOWER": {"FUZZY": "said"}}],  # a test it does not know
    [{"TAG": {"IN": ["NN"], "NOT_IN": ["NNS"]}}],  # two tests of one attribute
])
def test_a_pattern_of_another_kind_keeps_spacys_matcher(nlp, pattern):
    assert _both(nlp, [pattern])[1] is None


def test_the_model_ruler_gives_the_same_tokens_as_with_spacys_matcher(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert ruler.matcher.original is not None  # the loaded pipeline uses the lookup
    texts = [TEXT, "Dwyer says he wouldn’t put his money on it. There's been a lot, y'know.",
             "“We are done,” Trumpsaid. Gets got getting. Nothin' doin'."]

    def tokens():
        return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in nlp.pipe(texts)]

    quick, lookup = tokens(), ruler.matcher
    ruler.matcher = lookup.original
    try:
        assert tokens() == quick
    finally:
        ruler.matcher = lookup  # the session's pipeline as it was
