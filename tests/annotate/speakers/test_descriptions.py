"""Tests of archivist.descriptions: a description to its actor, through the real model and the resolver."""

from __future__ import annotations

import pytest

from archivist.annotate.entities.mentions import extract_mentions
from archivist.annotate.quotes.marks import find_quote_spans
from archivist.annotate.speakers.resolve import SpeakerResolver


def _describe(nlp, text, head):
    """The name the last token ``head`` of ``text``, a description's head noun, resolves to."""
    doc = nlp(text)
    tok = [t for t in doc if t.text == head][-1]
    quoted = find_quote_spans(text)
    return SpeakerResolver(doc, extract_mentions(doc, quoted), quoted).resolve(tok, tok.idx)[0]


@pytest.mark.parametrize("text, head, name", [
    # the role the article gave a person
    ("Kremlin spokesperson Dmitry Peskov spoke on Monday. Later the Kremlin spokesperson said more.",
     "spokesperson", "Dmitry Peskov"),
    # ... never one of another rank
    ("Shadow foreign secretary Michael Ancram spoke. Mr Straw spoke to the Centre on Monday. The Foreign Secretary "
     "told the BBC more.", "Secretary", "Straw"),
    # a document to its maker
    ("The Government Accountability Office released a report on Tuesday. The report says costs rose.", "report",
     "Government Accountability Office"),
    # an age points back to the person named before
    ("Comedian Ronnie Corbett criticised quiz shows. Then the 74-year-old comedian left.", "comedian",
     "Ronnie Corbett"),
    # never the person it names as a modifier or an owner
    ("President Donald Trump kept Susie Wiles. The longtime Trump adviser said so.", "adviser", None),
    ("Snoop Dogg is being sued. The rapper's spokesperson said so.", "spokesperson", None),
    # a description points back: a role written after it fits no better than one before
    ("The Bangladesh Nationalist Party won the election on Thursday. The party said in a statement that no rally "
     "would be held. The National Citizen Party won 77 seats.", "party", "Bangladesh Nationalist Party"),
    # a description that goes on from an unnamed one stays unnamed
    ("Jane Moore won. A senior official spoke to CNN on Monday. The official said more.", "official", None),
])
def test_description_to_actor(nlp, text, head, name):
    assert _describe(nlp, text, head) == name
