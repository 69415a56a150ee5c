"""The records between stages: what an annotation's JSON holds, and an article's paragraphs."""

from __future__ import annotations

import dataclasses

from archivist.models import ARCHIVE_FIELDS, Annotation, Article, Evidence, Mention, Quote, Span

TEXT = '"We will not," Peskov said.'
MENTION = Mention(14, 20, "Peskov", "PERSON", "Dmitry Peskov", "person", role="Kremlin spokesman")
QUOTE = Quote(0, 13, '"We will not,"', "Dmitry Peskov", Span(14, 20, "Peskov"), "said",
              evidence=Evidence("trailing-cue", "name", 0.9, None))


def resolved() -> Annotation:
    """The annotation as the aggregate stage leaves it: each record with its actor's id."""
    return Annotation((dataclasses.replace(MENTION, actor_id="dmitry-peskov"),),
                      (dataclasses.replace(QUOTE, actor_id="dmitry-peskov"),))


def test_the_cache_format_holds_no_actor_id():
    """Actor ids are the archive's, not the article's: the cache (to_json) never stores them."""
    data = resolved().to_json()
    assert ARCHIVE_FIELDS == ("actor_id",)
    assert [set(e) & set(ARCHIVE_FIELDS) for e in data["entities"] + data["quotes"]] == [set(), set()]
    assert data == Annotation((MENTION,), (QUOTE,)).to_json()
    assert Annotation.from_json(data) == Annotation((MENTION,), (QUOTE,))


def test_the_resolved_json_keeps_each_actor_id_and_reads_back():
    data = resolved().to_json(resolved=True)
    assert [e["actor_id"] for e in data["entities"] + data["quotes"]] == ["dmitry-peskov", "dmitry-peskov"]
    assert Annotation.from_json(data) == resolved()


def test_paragraphs_are_the_non_empty_lines():
    article = Article("a", "a.txt", "t", None, None, None, "One.\n\n  \nTwo two.")
    assert article.paragraphs == ((0, 4), (9, 17))
