"""Tests of archivist.annotate.docindex: token lookups by character offset, through the real model."""

from __future__ import annotations

from archivist.annotate.docindex import DocIndex


def test_a_character_finds_its_token_and_a_range_its_tokens(nlp):
    doc = nlp("She pointed out that it rained.")
    index = DocIndex(doc)
    assert doc[index.token_at(doc.text.index("rained") + 2)].text == "rained"
    assert doc[index.token_at(len("She"))].text == "She"  # the space after a token is still that token's
    i, j = index.tokens(0, len("She pointed"))
    assert doc[i:j].text == "She pointed"
