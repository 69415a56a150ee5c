"""Stable quote anchors and the search records of quote cards.

A quote's anchor comes from its words, not its position: ``q-`` + the first words of the
quotation as a slug + 6 hex digits of a hash of the whole quotation (case and spacing folded),
e.g. ``q-introducing-sanctions-against-the-1a2b3c``. A link to a quote keeps working when an
earlier quote of the article is found or dropped; the same words quoted twice in one article
number their second anchor (``-2``). A link to the old positional ``#quote-N`` still lands:
the theme's script sends it to the quote whose ``data-quote`` is N (body.py).

The quote cards of an article page also carry their search records (JSON inside the page,
never indexed as text): the search stage turns each into a Pagefind record of its own. The
island holds what the records of one article share (its id, title, outlet, date) once, and each
quote only what differs from the defaults (``RECORD_DEFAULTS``): repeated per quote, they were
half of the records' bytes on CNN's long articles. A quote's anchor is left out where its words
give it (``quote_anchor`` of its text: all but a repeat's ``-2``), 0.9 MB of CNN's 5.0 MB of
islands, and so is its text, which the page's card holds (``CARD_TEXT``: the quote cards' own
``<figure class="quote-card"><blockquote><p>``, in the island's order), 2.4 MB. ``read_records``
gives back whole records; a theme whose article page loses that card markup fails the search
stage (``CardsMissing``) rather than index quotes without their words.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
import unicodedata
from typing import Any, Iterable, Mapping, Sequence

from markupsafe import Markup

from archivist.models import Annotation, Quote
from archivist.text.slug import slugify

#: Words of the quotation kept in its anchor: enough to read, short enough to cite.
ANCHOR_WORDS = 4
#: Hex digits of the quotation's hash in its anchor.
HASH_DIGITS = 6
#: The id of the JSON island of an article page that holds its quote records.
RECORDS_ID = "search-quotes"
#: The fields every quote record of one article has alike: written once in its island.
ARTICLE_FIELDS = ("article", "title", "outlet", "date")
#: A record's value left out of the island where it is this (``said_by``: where it is ``speaker``).
RECORD_DEFAULTS: Mapping[str, Any] = {"role": "", "about": [], "kind": "direct", "speaker": ""}
_NOT_WORD = re.compile(r"[^\w]+")
#: A quote card's text on its article's page (the default theme's ``quote_card`` macro), escaped as
#: Jinja escapes it: what ``read_records`` reads a record's text back from.
CARD_TEXT = re.compile(rb'<figure class="quote-card">\s*<blockquote><p>(.*?)</p></blockquote>', re.S)


class CardsMissing(ValueError):
    """An article page's island leaves its quotes' words to cards the page does not have."""


def _folded(text: str) -> str:
    """The quotation as its hash reads it: its words only (NFKC, lower case), so quote marks,
    punctuation and spacing, which a reloaded or repaired article may change, leave it alone."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def quote_anchor(text: str) -> str:
    """The anchor a quotation's words give it, e.g. ``q-introducing-sanctions-against-the-1a2b3c``.

    >>> quote_anchor("“We will fix it,”") == quote_anchor('"we  will fix it"')
    True
    """
    folded = _folded(text)
    digest = hashlib.sha1(folded.encode("utf-8")).hexdigest()[:HASH_DIGITS]
    words = slugify(" ".join(folded.split()[:ANCHOR_WORDS]))[:40].rstrip("-")
    return f"q-{words}-{digest}" if words else f"q-{digest}"


def quote_anchors(quotes: Sequence[Quote]) -> tuple[str, ...]:
    """Each quote's anchor, in annotation order; a repeat of the same words gets ``-2``, ``-3``."""
    seen: dict[str, int] = {}
    out = []
    for q in quotes:
        anchor = quote_anchor(q.text)
        seen[anchor] = seen.get(anchor, 0) + 1
        out.append(anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}")
    return tuple(out)


def annotation_anchors(annotation: Annotation | None) -> tuple[str, ...]:
    """``quote_anchors`` of an annotation's quotes (none without an annotation): render asks once
    an article (``_Site.quote_cards``), as ``data`` does."""
    return quote_anchors(annotation.quotes) if annotation is not None else ()


def quoted_actors(annotation: Annotation, actors: Mapping[str, Any]) -> tuple[tuple[str, ...], ...]:
    """For each quote, the names of the actors with a page (``actors`` by id) mentioned inside it:
    whom the quote talks about (one sweep over the sorted mentions)."""
    mentions = sorted((m.start, m.end, m.actor_id) for m in annotation.mentions if m.actor_id in actors)
    starts = [m[0] for m in mentions]
    found = []
    for q in annotation.quotes:
        i = bisect.bisect_left(starts, q.start)
        names = set()
        while i < len(mentions) and mentions[i][0] < q.end:
            if mentions[i][1] <= q.end:
                names.add(actors[mentions[i][2]].name)
            i += 1
        found.append(tuple(sorted(names)))
    return tuple(found)


def card_records(cards: Iterable[Any]) -> list[dict[str, Any]]:
    """The search records of an article's quote cards (``render.QuoteCard``), for ``records_json``.

    ``speaker`` is the speaker's name (their actor page's, or the name the annotation gives one
    without a page; empty for an unnamed source, whose words stay in ``said_by``), ``about`` the actors the quotation names; the search stage
    escapes and files them (``search.quote_record``).
    """
    return [{"anchor": c.anchor, "text": c.text, "said_by": c.speaker,
             "speaker": c.actor.name if c.actor else (c.quote.speaker or ""),
             "role": c.role or "", "about": list(c.about), "kind": c.quote.kind,
             "article": c.article.id, "title": c.article.title, "outlet": c.article.outlet or "",
             "date": c.article.date.isoformat() if c.article.date else ""} for c in cards]


def records_json(records: Iterable[Mapping[str, Any]]) -> Markup:
    """Quote records as JSON for a ``<script type="application/json">``, safe against ``</script>``:
    ``{"article": {the fields all share}, "quotes": [each record without them and its defaults]}``;
    a record's anchor is left out where it is ``quote_anchor`` of its text, and its text always (the
    page's card holds it, in the same order: ``CARD_TEXT``)."""
    records = list(records)
    shared = {k: records[0][k] for k in ARTICLE_FIELDS
              if records and all(k in r and r[k] == records[0][k] for r in records)}
    quotes = [{k: v for k, v in r.items() if k not in shared and RECORD_DEFAULTS.get(k, ...) != v
               and not (k == "said_by" and v == r.get("speaker"))
               and not (k == "anchor" and v == quote_anchor(r.get("text", ""))) and k != "text"} for r in records]
    text = json.dumps({"article": shared, "quotes": quotes}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


_ISLAND = re.compile(rb'<script type="application/json" id="' + RECORDS_ID.encode() + rb'"[^>]*>(.*?)</script>', re.S)


def read_records(page: bytes) -> list[dict[str, Any]]:
    """The quote records an article page carries, whole (``[]`` for a page without any); a record's
    text from the page's cards (``CARD_TEXT``) where its island leaves it out.

    Raises ``CardsMissing`` where the island leaves out texts and the page has not as many cards.
    """
    found = _ISLAND.search(page)
    if not found:
        return []
    island = json.loads(found.group(1))
    if isinstance(island, list):  # a page written before records shared their article's fields
        return island
    quotes = island["quotes"]
    if any("text" not in q for q in quotes):
        texts = [html.unescape(t.decode("utf-8")) for t in CARD_TEXT.findall(page)]
        if len(texts) != len(quotes):
            raise CardsMissing(f"{len(quotes)} quote records but {len(texts)} quote cards "
                               '(<figure class="quote-card"><blockquote><p>...) to read their words from')
        quotes = [{"text": text, **q} for q, text in zip(quotes, texts)]
    return [{**RECORD_DEFAULTS, "about": [], "said_by": q.get("speaker", RECORD_DEFAULTS["speaker"]),
             "anchor": quote_anchor(q["text"]), **island["article"], **q} for q in quotes]
