"""Tests of archivist.annotate.speakers.resolve: a speaker's words to a name, and how, through the real model."""

from __future__ import annotations

import pytest

from archivist.annotate.entities.mentions import extract_mentions
from archivist.annotate.quotes.marks import find_quote_spans
from archivist.annotate.speakers.resolve import RESOLUTION_RULES, RESOLUTIONS, Resolved, SpeakerResolver


def _resolver(nlp, text):
    doc = nlp(text)
    quoted = find_quote_spans(text)
    return doc, SpeakerResolver(doc, extract_mentions(doc, quoted), quoted)


def _resolve(nlp, text, word):
    """What the last token ``word`` of ``text`` resolves to: (name, words, role, how, antecedent words)."""
    doc, resolver = _resolver(nlp, text)
    tok = [t for t in doc if t.text == word][-1]
    r = resolver.resolve(tok, tok.idx)
    return r.name, r.mention and r.mention.text, r.role, r.how, r.antecedent and r.antecedent.text


CASES = [
    # (text, speaker word, (name, words naming the speaker, role, how, antecedent))
    ('Mayor Jane Holloway opened the bridge.\n"This bridge will change the city," said Jane Holloway.', "Holloway",
     ("Jane Holloway", "Jane Holloway", "Mayor", "name", None)),
    ('Mayor Jane Holloway opened the bridge.\n"This bridge will change the city," Holloway said.', "Holloway",
     ("Jane Holloway", "Holloway", "Mayor", "surname-expansion", None)),
    ('"We are ready," said director of rugby Nigel Melville.', "director",
     ("Nigel Melville", "director of rugby Nigel Melville", "director of rugby", "title", None)),
    ('Michael Flynn, a top Trump surrogate, said "we are ready."', "surrogate",
     ("Michael Flynn", "Michael Flynn, a top Trump surrogate", None, "appositive", None)),
    ('The Chicago Police Department, which reported the arrest, said "we are ready."', "which",
     ("Chicago Police Department", "which", None, "relative", "Chicago Police Department")),
    ('Jane Holloway opened the bridge.\n"This bridge will change the city," she said.', "she",
     ("Jane Holloway", "she", None, "pronoun", "Jane Holloway")),
    ('Jane Holloway met Mary Stone.\n"This bridge will change the city," she said.', "she",
     ("Jane Holloway", "she", None, "pronoun-contested", "Jane Holloway")),
    # a campaign or an office speaks as its owning organisation, or nobody: never its owner in person
    ('Jane Holloway won.\n"We are ready," her campaign said.', "campaign",
     (None, "her campaign", None, "none", None)),
    ('Donald Trump spoke on Monday. "We are ready," the Trump campaign said.', "campaign",
     (None, "the Trump campaign", None, "none", None)),
    ('"We are ready," the Acme Corporation\'s office said.', "office",
     ("Acme Corporation", "the Acme Corporation's office", None, "owner", None)),
    ('"We are ready," Ivana Trump\'s brief said.', "brief", ("Ivana Trump", "Ivana Trump's brief", None, "owner", None)),
    ('"We are ready," Tanner said.', "Tanner", ("Tanner", "Tanner", None, "unlisted-name", None)),
    ('The coal miner Peabody Energy filed for bankruptcy.\n"We are ready," Peabody said.', "Peabody",
     ("Peabody Energy", "Peabody", None, "unlisted-name", None)),
    ('Vermont Sen. Bernie Sanders spoke on Monday. "We are ready," the Vermont senator said.', "senator",
     ("Bernie Sanders", "the Vermont senator", "Vermont Sen.", "description", "Bernie Sanders")),
    # indefinite sources and quantifiers stay unnamed
    ('"We are ready," a senior official said.', "official", (None, "a senior official", None, "none", None)),
    ('"We are ready," officials said.', "officials", (None, "officials", None, "none", None)),
    ('"We are ready," another said.', "another", (None, "another", None, "none", None)),
]


@pytest.mark.parametrize("text, word, expected", CASES, ids=[f"{c[2][3]}/{c[1]}" for c in CASES])
def test_resolve(nlp, text, word, expected):
    assert _resolve(nlp, text, word) == expected


def test_no_speaker_words_is_nobody(nlp):
    _, resolver = _resolver(nlp, '"We are ready."')
    assert resolver.resolve(None, 0) == Resolved(None, None, None, "none", None)


def test_every_resolution_named_is_documented():
    assert {how for how, _ in RESOLUTION_RULES} <= set(RESOLUTIONS)
    # what resolve() itself adds: the widened name, the contested pronoun, the description fallback
    assert {"surname-expansion", "pronoun-contested", "description"} <= set(RESOLUTIONS)
