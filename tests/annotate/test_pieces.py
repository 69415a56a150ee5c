"""Tests of archivist.annotate.pieces and of long articles through the real model: an article
over spaCy's million-character limit annotates in pieces, its offsets pointing at its own text."""

from __future__ import annotations

from archivist.annotate.pieces import merged, shifted, split_text
from archivist.models import Annotation, Mention, Quote, Span


def test_split_text_cuts_at_line_breaks_within_the_limit():
    text = "aaaa\nbbbb\ncccc\n"
    pieces = list(split_text(text, limit=10))
    assert pieces == [(0, "aaaa\nbbbb\n"), (10, "cccc\n")]
    assert "".join(p for _, p in pieces) == text


def test_split_text_falls_back_to_a_space_then_to_the_limit():
    assert list(split_text("aaa bbb ccc", limit=8)) == [(0, "aaa bbb "), (8, "ccc")]
    assert list(split_text("abcdefghij", limit=4)) == [(0, "abcd"), (4, "efgh"), (8, "ij")]


def test_split_text_keeps_a_short_text_whole_even_empty():
    assert list(split_text("short\ntext")) == [(0, "short\ntext")]
    assert list(split_text("")) == [(0, "")]


def test_shifted_moves_every_offset_and_merged_joins_in_order():
    m = Mention(0, 5, "Smith", "PERSON", "Jane Smith", "person")
    q = Quote(6, 12, '"Yes,"', "Jane Smith", Span(13, 18, "Smith"), "said")
    out = merged([Annotation((m,), ()), shifted(Annotation((m,), (q,)), 100)])
    assert [(x.start, x.end) for x in out.mentions] == [(0, 5), (100, 105)]
    assert (out.quotes[0].start, out.quotes[0].end) == (106, 112)
    assert (out.quotes[0].speaker_mention.start, out.quotes[0].speaker_mention.end) == (113, 118)


def test_an_article_over_a_million_characters_annotates_in_pieces(nlp):
    from archivist.annotate.nlp import annotate_texts

    # 1.2M characters: real paragraphs padded with long runs of spaces (cheap for the parser),
    # so that mentions and quotes fall in every piece, not only the first
    para = 'Mayor Jane Holloway opened the bridge in Springfield. "It will change the city," Holloway said.'
    text = "\n".join(para + " " * 40_000 for _ in range(30))
    assert len(text) > 1_200_000 > nlp.max_length
    (ann,) = list(annotate_texts(nlp, [text, "A short one."]))[:1]
    assert ann.mentions and ann.quotes
    assert max(m.start for m in ann.mentions) > 1_000_000
    assert max(q.start for q in ann.quotes) > 1_000_000
    for m in ann.mentions:
        assert text[m.start:m.end] == m.text
    for q in ann.quotes:
        assert text[q.start:q.end] == q.text == '"It will change the city,"'
        assert text[q.speaker_mention.start:q.speaker_mention.end] == "Holloway"
    assert len(ann.quotes) == 30
