"""Tests of archivist.marks: quoted stretches from the marks alone, no model."""

from __future__ import annotations

import pytest

from archivist.annotate.quotes.marks import excerpts, find_quote_spans, paragraphs

SPAN_CASES = [
    # (text, the quoted stretches found)
    ('"Yes," she said.', ['"Yes,"']),
    ("“Yes,” she said. “No.”", ["“Yes,”", "“No.”"]),
    ("''Yes,'' Mr. Smith said.", ["''Yes,''"]),
    ("He said: \"I'm sure 'it' works.\"", ["\"I'm sure 'it' works.\""]),
    # a quotation over two paragraphs: the first part runs to its paragraph's end
    ('"One thing.\n"Another," he said.', ['"One thing.', '"Another,"']),
    # a damaged mark glued between words is dropped; later pairs are unaffected
    ('Talks with NATO"failed." Later "fine," he said.', ['"fine,"']),
    # curly marks typed the wrong way round
    ("He said ”this” works.", ["”this”"]),
    # a quotation inside another is part of it: the outer speaker says both
    ("“I’d rather live in what he calls “hell” than here.” ― Ann Ruiz", ["“I’d rather live in what he calls “hell” than here.”"]),
    ('"I will read you the question: “Do you agree?” Most said yes."', ['"I will read you the question: “Do you agree?” Most said yes."']),
    # ... also typed in the other style inside a quotation left open at the paragraph's end
    ('Ward stated:\n"It isn’t about “Equal Justice Under Law” anymore. It’s about Obama.\n"The latest is this."',
     ['"It isn’t about “Equal Justice Under Law” anymore. It’s about Obama.', '"The latest is this."']),
    # ... but marks right around a quoted passage only wrap it
    ('"“We will win,” Rubio responded before adding more."', ['“We will win,”']),
    # paragraphs run into one line, each opened again: every part is a quotation
    ('He said: "One thing. "Another thing. "A third."', ['"One thing.', '"Another thing.', '"A third."']),
    ("He said: “Yes. It’s true! “But not now.”", ["“Yes. It’s true!", "“But not now.”"]),
    # a closer lost before the reporting clause: the quotation stops before the clause
    ('"It is bad, said David Wyss of Data Resources Inc.', ['"It is bad,']),
    ("“It depends, right? he said. “We will see.”", ["“It depends, right?", "“We will see.”"]),
    ("“DNA is not enough, the Nassau County police told CNN.", ["“DNA is not enough,"]),
    # ... but a clause of the quotation's own stays in it
    ('"We, as I said, will win.', ['"We, as I said, will win.']),
    ('"Back then, people said \'you are dreaming\' to me.', ['"Back then, people said \'you are dreaming\' to me.']),
    ('"It will pass, said it would.', ['"It will pass, said it would.']),
    # an opener while open with no closer for it: the earlier one lost its closer
    ("“We will win “ she said. “Absolutely.”", ["“Absolutely.”"]),
    ('No quotes at all.', []),
    ('"', []),
    ('', []),
]


@pytest.mark.parametrize("text, expected", SPAN_CASES)
def test_find_quote_spans(text, expected):
    assert [text[s:e] for s, e in find_quote_spans(text)] == expected


EXCERPT_CASES = [
    # (text, the quotations that are excerpts of another text)
    # reported prose with a quotation of its own and its speech verb, going on in the next paragraph
    ('Dale reports:\n"At the rally, Maria was unsure. She had called it a “last try,” and left.\n"Maria thought it '
     'unfair.\nShe went home.',
     ['"At the rally, Maria was unsure. She had called it a “last try,” and left.', '"Maria thought it unfair.']),
    # ... closed at its paragraph's end, it goes on no further
    ('Dale reports:\n"At the rally, Maria was unsure. She had called it a “last try,” and left."\n"We will see."',
     ['"At the rally, Maria was unsure. She had called it a “last try,” and left."']),
    # someone speaking in the first person, quoting another, is speech, not a text
    ('Dale said:\n"At the rally, I was unsure. She had called it a “last try,” and left.', []),
    # a term held at a distance with no speech verb beside it
    ('Ward stated:\n"It isn’t about “Equal Justice Under Law” anymore. It’s about Obama.', []),
    # one sentence is too little to tell a text from someone's words
    ('"Trump walked onto the stage, chanting “U-S-A! U-S-A!”', []),
    ('"No inner quotation. Just speech.\n"More of it."', []),
]


@pytest.mark.parametrize("text, expected", EXCERPT_CASES)
def test_excerpts(text, expected):
    spans = find_quote_spans(text)
    assert sorted(text[s:e] for s, e in excerpts(text, spans)) == sorted(expected)


def test_paragraphs_are_lines():
    text = "One.\nTwo.\n\nThree."
    assert [text[a:b] for a, b in paragraphs(text)] == ["One.", "Two.", "", "Three."]
