"""Tests of archivist.pronouns: a pronoun to its person, through the real model and the resolver."""

from __future__ import annotations

import pytest

from archivist.entities import extract_mentions
from archivist.speakers import SpeakerResolver


def _resolve(nlp, text, which=-1):
    """The name the ``which``-th he/she/they/it of ``text`` resolves to."""
    doc = nlp(text)
    pronouns = [t for t in doc if t.lower_ in ("he", "she", "they", "it")]
    tok = pronouns[which]
    return SpeakerResolver(doc, extract_mentions(doc)).resolve(tok, tok.idx)[0]


@pytest.mark.parametrize("text, name", [
    # the main clause's subject, not an embedded one
    ("Carl Benson said Tom Reyes had won the debate. He was pleased.", "Carl Benson"),
    # gender from given names: "she" skips the man named last
    ("Jane Moore met Tom Reyes on Monday. She left early.", "Jane Moore"),
    # "he" never lands on a woman, even the only person named
    ("Marjorie Taylor Greene posted on X. The president denied it, and he left.", None),
    # a singular they after an unnamed source stays unnamed
    ("Iranians fled. One resident told CNN the blast was loud. They said so twice.", None),
    # a live blog's entry starts its own story
    ("___.\n\n5:55 p.m.\n\nSenator Tom Reyes spoke.\n\n___.\n\n8:05 a.m.\n\nThe governor is a runner. He won.", None),
])
def test_pronoun_to_person(nlp, text, name):
    assert _resolve(nlp, text) == name
