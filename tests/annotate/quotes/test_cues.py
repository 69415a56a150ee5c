"""Tests of archivist.cues: the speech-verb lexicon and the climb from a cue to its speaker."""

from __future__ import annotations

import pytest

from archivist.annotate.quotes.cues import cue_text, fix_relative, subject_of
from archivist.text.lexicon import SPEECH_VERBS, WEAK_CUES, inflect


@pytest.mark.parametrize("lemma, forms", [
    ("say", {"say", "says", "said", "saying"}),
    ("tell", {"tell", "tells", "told", "telling"}),
    ("admit", {"admit", "admits", "admitted", "admitting"}),  # doubled consonant
    ("argue", {"argue", "argues", "argued", "arguing"}),
])
def test_inflect(lemma, forms):
    assert forms <= inflect(lemma)


def test_lexicon():
    assert {"said", "told", "wrote", "according"} & SPEECH_VERBS >= {"said", "told", "wrote"}
    assert "called" in WEAK_CUES and "said" not in WEAK_CUES


@pytest.mark.parametrize("text, verb, speaker", [
    ("Jane Roe said it would rain.", "said", "Roe"),
    ("It will rain, said Jane Roe.", "said", "Roe"),
    ("Jane Roe, adding that it would rain, left.", "adding", "Roe"),  # a participle's subject is its clause's
    ("The mayor, who said it would rain, left.", "said", "mayor"),  # "who" stands for its noun
    # ... for the item of a list nearest before it, whichever item the parser hangs the clause on
    ("The ceremony featured Oprah Winfrey, Will Smith, Patti LaBelle and Stevie Wonder, who joked about it.",
     "joked", "Wonder"),
])
def test_subject_of_a_cue(nlp, text, verb, speaker):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == verb)
    assert fix_relative(subject_of(tok)).text == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Moreno, meanwhile, who holds no such seats, said that record speaks volumes.", "Moreno"),
    ("One neighbour, who like others asked not to be named, said the mood was grim.", "neighbour"),
])
def test_a_speaker_the_parse_hid_in_its_own_relative_clause_is_the_subject(nlp, text, speaker):
    # the parser made the speaker (and "who") the subjects of the relative clause and hung that
    # clause on "said", which has no subject of its own
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "said")
    assert not [c for c in verb.children if c.dep_ == "nsubj"]
    assert subject_of(verb).text == speaker


@pytest.mark.parametrize("text, speaker", [
    # the parser hangs "added" on the reported clause's verb ("wants"), whose subject is not the speaker
    ("Asked about the call, Trump said the Kremlin leader “wants to be helpful” in the Middle East, but added, "
     "“I said, ‘You could be more helpful by getting the war over with.’”", "Trump"),
])
def test_a_speech_verb_coordinated_with_a_reported_clause_is_the_reporters(nlp, text, speaker):
    doc = nlp(text)
    verb = next(t for t in doc if t.text == "added")
    assert verb.dep_ == "conj" and verb.head.text == "wants"
    assert subject_of(verb).text == speaker


def test_cue_text(nlp):
    doc = nlp("She pointed out that it rained.")
    verb = next(t for t in doc if t.text == "pointed")
    assert cue_text(verb) == "pointed out"
