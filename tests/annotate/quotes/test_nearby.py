"""Tests of archivist.leads: sign-offs, transcript labels and the paragraph before a quotation."""

from __future__ import annotations

import pytest

from archivist.annotate.quotes.nearby import colon_lead, signed


@pytest.mark.parametrize("text, speaker", [
    ('Readers wrote in.\n"He is no leader at all." ― Ann Ruiz\nMore.', "Ruiz"),
    ('We checked the claims.\n"Almost all new income is going to the top."\n- Bernie Sanders.\nOld.', "Sanders"),
    ('Transcript follows.\n"PENCE: Well, look, this is serious business."', "PENCE"),
    ('Readers wrote.\n"Nobody I know will vote for him." And "never." ― Carla Sanchez.', "Sanchez"),
])
def test_signed(quoted, text, speaker):
    doc, index, spans, in_quote, paras = quoted(text)
    s, e = spans[0]
    para = next(p for p in paras if p[0] <= s < p[1])
    att = signed(doc, text, s, e, para, index)
    assert att is not None and att.speaker.text == speaker


@pytest.mark.parametrize("text, speaker", [
    ('Dr. Kelli Ward stated:\n"The department is not about justice any more."', "Ward"),
    ('Trump was quick to add that the deal has limits.\n"Building it? Not negotiable."', "Trump"),
    ('Carter said that the deal would not happen.\n"That is because nobody wants it."', "Carter"),
    # a quoted term is no quotation of the paragraph's own
    ('The "mongrel" attack, he says, is just the latest example.\n"I have to say I do not understand it."', "he"),
])
def test_colon_and_report_leads(quoted, text, speaker):
    doc, index, spans, in_quote, paras = quoted(text)
    s, _ = spans[-1]
    p = next(k for k, (a, b) in enumerate(paras) if a <= s < b)
    att = colon_lead(doc, text, paras, p, index, in_quote)
    assert att is not None and att.speaker.text == speaker


def test_no_lead_without_speech(quoted):
    text = 'The bridge opened on Monday.\n"That is a fine bridge for the city."'
    doc, index, spans, in_quote, paras = quoted(text)
    assert colon_lead(doc, text, paras, 1, index, in_quote) is None
