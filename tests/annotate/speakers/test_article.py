"""Tests of archivist.annotate.speakers.article: one article's indexes for speaker resolution."""

from __future__ import annotations

from archivist.annotate.entities.mentions import extract_mentions
from archivist.annotate.quotes.marks import find_quote_spans
from archivist.annotate.speakers.article import ArticleIndex

TEXT = ('Barack Obama spoke in Chicago on Monday.\n“We will win,” Obama said.\n'
        '___.\nMichelle Obama spoke later.')


def _index(nlp):
    doc = nlp(TEXT)
    quoted = find_quote_spans(TEXT)
    return ArticleIndex(doc, extract_mentions(doc, quoted), quoted)


def test_a_surname_is_the_full_name_the_article_gives_first(nlp):
    article = _index(nlp)
    bare = next(m for m in article.mentions if m.text == "Obama")
    assert article.name_of(bare) == "Barack Obama"
    assert article.mention_at(article.doc[article.token_index(bare.start)]) == bare


def test_quotations_and_sections_are_looked_up_by_offset(nlp):
    article = _index(nlp)
    assert article.in_quote(TEXT.index("We will"))
    assert not article.in_quote(TEXT.index("Obama said"))
    assert article.same_section(0, TEXT.index("Obama said"))
    assert not article.same_section(0, TEXT.index("Michelle"))  # "___." opens a live blog's new entry
