"""Tests of archivist.attribution: the cue and speaker token of a quotation in its own sentence."""

from __future__ import annotations

import pytest

from archivist.annotate.quotes.attribution import attribute, said_word


def _attribution(quoted, text, n=0):
    doc, index, spans, in_quote, paras = quoted(text)
    s, e = spans[n]
    i0, i1 = index.tokens(s, e)
    para = next(p for p in paras if p[0] <= s < p[1])
    return doc, attribute(doc, i0, i1, in_quote, para), (i0, i1, in_quote)


@pytest.mark.parametrize("text, cue, speaker, strength", [
    ('"We will rebuild," Governor Ellen Park said.', "said", "Park", 3),
    ('"We will rebuild," said Ellen Park.', "said", "Park", 3),
    ('"We will rebuild," Ramos, 58, told reporters.', "told", "Ramos", 3),
    ('"It will end," he surmised.', "surmised", "he", 3),
    ('Park said the plan was "a costly mistake for the city."', "said", "Park", 3),
    ("Roe's claim that the bridge would be \"the finest in the country\" drew laughs.", "claim", "Roe", 2),
    ('Clinton: "Our goal is to defeat the group."', None, "Clinton", 2),
])
def test_attribute(quoted, text, cue, speaker, strength):
    _, att, _ = _attribution(quoted, text)
    assert (att.cue.text if att.cue is not None else None, att.speaker.text, att.strength) == (cue, speaker, strength)


def test_nothing_to_attribute(quoted):
    _, att, _ = _attribution(quoted, 'The film "Ordinary Days" opened.')
    assert att.speaker is None or att.strength < 2


def test_said_word(quoted):
    doc, _, (i0, i1, in_quote) = _attribution(quoted, 'Governor Tom Reyes called the senator a "disgrace" on Wednesday.')
    assert said_word(doc, i0, i1, in_quote)
    doc, _, (i0, i1, in_quote) = _attribution(quoted, 'The agency will "deescalate" the crisis soon.')
    assert not said_word(doc, i0, i1, in_quote)
