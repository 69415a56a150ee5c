"""Tests of archivist.annotate.speakers.ranker: candidate speaker mentions, their features and scores."""

from __future__ import annotations

import pytest

from archivist.annotate.speakers.ranker import (
    Candidate,
    RulesChoice,
    candidate_features,
    candidates,
    cue_of,
    features,
    path_length,
    probability,
    ranked,
    score,
    shipped_model,
    tree_score,
    with_choice,
)


@pytest.fixture
def site(quoted):
    """Text in: (doc, i0, i1, window, in_quote) of its first quotation, the window the whole text."""
    def run(text: str):
        doc, index, spans, in_quote, _ = quoted(text)
        i0, i1 = index.tokens(*spans[0])
        return doc, i0, i1, (0, len(doc)), in_quote
    return run


def _text(doc, cand: Candidate) -> str:
    return doc[cand.start:cand.end].text


def test_candidates_lie_outside_the_quote_and_an_entity_is_kept_once(site):
    doc, i0, i1, window, _ = site("Mayor Anne Hidalgo of Paris spoke. “The city of Lyon will pay,” she said.")
    texts = [_text(doc, c) for c in candidates(doc, i0, i1, window)]
    assert "Anne Hidalgo" in texts and "she" in texts and "Paris" in texts
    assert "Lyon" not in texts  # inside the quotation
    assert len(texts) == len(set(texts))


def test_candidates_stay_within_the_window(site):
    doc, i0, i1, _, _ = site("John Smith left.\n“We lost,” she said.")
    window = (next(t.i for t in doc if t.text == "“"), len(doc))
    assert [_text(doc, c) for c in candidates(doc, i0, i1, window)] == ["she"]


def test_the_cue_is_the_nearest_speech_verb_outside_quotes(site):
    doc, i0, i1, _, in_quote = site("“We said no,” Smith told reporters.")
    cue = cue_of(doc, i0, i1, in_quote)
    assert cue is not None and cue.text == "told"
    smith = next(t for t in doc if t.text == "Smith")
    assert path_length(smith, cue) == 1
    assert path_length(cue, cue) == 0


def test_no_cue_without_a_speech_verb(site):
    doc, i0, i1, _, in_quote = site("“Not again” was on every sign.")
    assert cue_of(doc, i0, i1, in_quote) is None


def test_features_name_the_side_role_and_the_cue(site):
    doc, i0, i1, window, in_quote = site("“We will win,” Obama said.")
    cand = next(c for c in candidates(doc, i0, i1, window) if _text(doc, c) == "Obama")
    f = features(doc, cand, i0, i1, in_quote, cue_of(doc, i0, i1, in_quote), nearest=True)
    assert f["after"] == 1.0 and f["role:nsubj"] == 1.0 and f["speech_verb:nsubj"] == 1.0
    assert f["cue:path<=1"] == 1.0 and f["nearest:after"] == 1.0 and f["same_sentence"] == 1.0
    assert "before" not in f and "no_cue" not in f


def test_a_score_sums_the_known_weights():
    assert score({"a": 1.0, "b": 2.0, "unknown": 5.0}, {"a": 0.5, "b": -1.0}) == pytest.approx(-1.5)
    assert probability(0.0) == 0.5 and probability(1e9) == pytest.approx(1.0)


def test_a_forest_sums_the_leaves_each_tree_reaches():
    trees = [["a", 0.5, -1.0, 2.0], ["b", 0.0, ["a", 1.5, 0.25, 0.5], 4.0], 3.0]
    assert tree_score({"a": 1.0}, trees) == pytest.approx(2.0 + 0.25 + 3.0)
    assert tree_score({"b": 1.0}, trees) == pytest.approx(-1.0 + 4.0 + 3.0)  # an absent feature reads 0


def test_the_rules_choice_is_a_candidate_and_a_feature(site):
    doc, i0, i1, window, in_quote = site("“We will win,” Obama said.")
    cands = candidates(doc, i0, i1, window)
    obama = next(c for c in cands if _text(doc, c) == "Obama")
    rules = RulesChoice(obama.start, obama.end, "trailing-cue", 0.9)
    assert with_choice(cands, rules) == cands
    rows = candidate_features(doc, cands, i0, i1, in_quote, rules)
    mine = rows[cands.index(obama)]
    assert mine["rules"] == 1.0 and mine["rules:trailing-cue"] == 1.0 and mine["rules:confidence"] == 0.9
    assert all("rules" not in f for c, f in zip(cands, rows) if c != obama)
    said = next(t.i for t in doc if t.text == "said")  # a mention no candidate holds is added
    added = with_choice(cands, RulesChoice(said, said + 1, "trailing-cue", 0.5))
    assert len(added) == len(cands) + 1 and Candidate(said, said + 1, "chunk") in added


def test_the_shipped_model_is_a_forest_of_named_features():
    trees = shipped_model()["trees"]
    assert len(trees) >= 50 and all(isinstance(t, (list, float)) for t in trees)
    assert tree_score({}, trees) == tree_score({"unknown feature": 1.0}, trees)


def _choice(doc, i0, i1, speaker: str, rule: str, confidence: float) -> RulesChoice:
    k = next(t.i for t in doc if t.text == speaker.split()[0] and not i0 <= t.i < i1)
    return RulesChoice(k, k + len(speaker.split()), rule, confidence)


#: A sentence, the words the rules chose with their rule and confidence, and the words of its
#: speaker the shipped model ranks first.
CASES = [
    ("“We will win,” Obama said.", ("Obama", "trailing-cue", 0.95), "Obama"),
    ("Senator Elizabeth Warren told reporters: “The bill is dead.”", ("Elizabeth Warren", "cue-subject", 0.95),
     "Elizabeth Warren"),
    ("Maria Lopez met the mayor on Monday. “It is over,” she said later.", ("she", "trailing-cue", 0.9), "she"),
    ("According to John Kerry, the talks were “a success for both sides.”", ("John Kerry", "according-to", 0.9),
     "John Kerry"),
]


@pytest.mark.parametrize("text, choice, speaker", CASES)
def test_the_shipped_model_ranks_the_speaker_first(site, text, choice, speaker):
    doc, i0, i1, window, in_quote = site(text)
    best = ranked(doc, i0, i1, window, in_quote, _choice(doc, i0, i1, *choice))[0][1]
    assert _text(doc, best) == speaker


#: Sentences where the rules name nobody; the speaker the model alone ranks first.
UNCHOSEN = [
    ("“We will win,” Obama said.", "Obama"),
    ("“The plan is working,” a spokeswoman for the agency said.", "a spokeswoman"),
]


@pytest.mark.parametrize("text, speaker", UNCHOSEN)
def test_without_the_rules_choice_the_parse_decides(site, text, speaker):
    doc, i0, i1, window, in_quote = site(text)
    assert _text(doc, ranked(doc, i0, i1, window, in_quote)[0][1]) == speaker
