"""Tests of archivist.site.quote_ids' search records: what an article page's island holds and reads back."""

from __future__ import annotations

import json

import pytest
from markupsafe import escape

from archivist.site.quote_ids import RECORDS_ID, CardsMissing, quote_anchor, read_records, records_json

ARTICLE = {"article": "budget", "title": "Council approves the budget", "outlet": "Example Times",
           "date": "2024-03-05"}
RECORDS = [
    {"anchor": "q-this-budget-1a2b3c", "text": "This budget </script><b>keeps</b>", "said_by": "Jane Doe",
     "speaker": "Jane Doe", "role": "", "about": [], "kind": "direct", **ARTICLE},
    {"anchor": "q-nothing-has-2d3e4f", "text": "nothing has been decided", "said_by": "A senior official",
     "speaker": "", "role": "Mayor", "about": ["Port Authority"], "kind": "partial", **ARTICLE},
]


def page(island: str, cards=()) -> bytes:
    """An article page with ``island`` and a quote card (as the default theme's, escaped) for each of ``cards``."""
    figures = "".join(f'<figure class="quote-card">\n<blockquote><p>{escape(r["text"])}</p></blockquote>\n'
                      f'<figcaption>x</figcaption>\n</figure>' for r in cards)
    return f'<p>x</p><script type="application/json" id="{RECORDS_ID}">{island}</script>{figures}'.encode()


def test_records_read_back_whole_from_the_island():
    assert read_records(page(records_json(RECORDS), RECORDS)) == RECORDS
    assert read_records(page(records_json([]))) == [] and read_records(b"<p>no island</p>") == []


def test_a_quotes_words_are_read_from_its_card_not_held_twice():
    island = str(records_json(RECORDS))
    assert "keeps" not in island and "nothing has been decided" not in island
    with pytest.raises(CardsMissing, match="2 quote records but 1 quote cards"):
        read_records(page(island, RECORDS[:1]))


def test_the_island_holds_an_article_s_fields_once_and_no_defaults():
    island = str(records_json(RECORDS))
    assert "</script>" not in island and "<b>" not in island
    data = json.loads(island)
    assert data["article"] == ARTICLE
    assert data["quotes"][0] == {"anchor": "q-this-budget-1a2b3c",
                                 "speaker": "Jane Doe"}  # said_by is the speaker; role, about, kind defaults; text: the card's
    assert island.count("Council approves") == 1


def test_records_of_different_articles_keep_their_own_fields():
    other = {**RECORDS[1], "title": "Harbour reopens"}
    assert read_records(page(records_json([RECORDS[0], other]), [RECORDS[0], other])) == [RECORDS[0], other]


def test_a_page_written_with_a_list_of_records_still_reads():
    assert read_records(page(json.dumps(RECORDS[1:]))) == RECORDS[1:]


def test_an_anchor_the_words_give_is_left_out_and_read_back():
    own = {**RECORDS[0], "anchor": quote_anchor(RECORDS[0]["text"])}
    repeat = {**own, "anchor": own["anchor"] + "-2"}
    data = json.loads(str(records_json([own, repeat])))
    assert "anchor" not in data["quotes"][0] and data["quotes"][1]["anchor"] == repeat["anchor"]
    assert read_records(page(records_json([own, repeat]), [own, repeat])) == [own, repeat]
