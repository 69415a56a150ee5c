"""Records passed between archivist's stages: plain, frozen data with character offsets.

Nothing here knows about spaCy, Jinja or the file system, so every stage after
annotation (aggregation, rendering, their tests) runs without loading a model,
and annotations can be cached as JSON and shipped between processes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

#: In ``Article.skeleton``, where a piece of the text goes: its offset and length in ``Article.text``.
PLACEHOLDER = re.compile("\x00(\\d+):(\\d+)\x00")
#: Segments under ``actors/`` that the site's own lists use (the actors index's sorts and pages):
#: no actor's id may be one of them, or its page and the list would be the same file.
RESERVED_ACTOR_IDS = frozenset({"by-mentions", "by-quotes", "page"})
#: Actor kinds, as shown to readers and used in search filters.
KINDS = ("person", "organisation", "place", "group", "other")


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from ``content/``, before any NLP.

    ``text`` is what gets annotated: for a plain-text article its paragraphs
    joined by ``"\\n"``; for Markdown the text of its blocks (see ``load.markdown``).
    Every offset elsewhere in archivist is a character offset into ``text``.
    """

    id: str  # the slug: unique across the archive, stable across builds
    source: str  # path relative to the content folder, with "/" separators
    title: str
    date: dt.date | None
    url: str | None
    outlet: str | None
    text: str
    format: str = "txt"  # "txt" or "md"
    skeleton: str | None = None  # format "md": the body's HTML, a placeholder per text piece (load.markdown)
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False
    credit: str | None = None  # licence credit shown on the page, e.g. Wikinews' CC BY 2.5
    reference: str | None = None  # the archive's own identifier where line 3 is no URL ("reuters21578/NEWID=1")

    @property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets of the non-empty lines of ``text``."""
        spans, pos = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity in an article, resolved to its actor's name within that article.

    ``actor`` is the fullest name the article uses for the entity ("Vladimir Putin"
    for "Putin"); ``role`` a title or role the article gives it here ("Kremlin spokesperson").
    ``actor_id`` is the id of the actor's page across the archive, set by the aggregate stage
    (``aggregate.actors``); None before it, and for a mention whose actor gets no page.
    """

    start: int
    end: int
    text: str
    label: str  # spaCy's NER label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    actor: str
    kind: str  # one of KINDS
    role: str | None = None
    actor_id: str | None = None  # archive-level: not in the annotation cache (ARCHIVE_FIELDS)


@dataclass(frozen=True, slots=True)
class Evidence:
    """How a quote's speaker was found: the ``rule`` that attributed the quote ("trailing-cue",
    "according-to", "sign-off", "continuation", ... : ``annotate.quotes.cues.RULES``), how its words
    became a name (``resolution``: "name", "surname-expansion", "pronoun", "description", ..., "none":
    ``annotate.speakers.resolve.RESOLUTIONS``), the mention a pronoun or description was resolved
    to (``antecedent``), and ``confidence``: the measured share of such names that are right (0-1).
    """

    rule: str = ""
    resolution: str = "none"
    confidence: float = 0.0
    antecedent: Span | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and who said it.

    ``start``/``end`` include the quote marks. ``speaker`` is the speaker's
    canonical name (an actor's name) or None where the article names nobody
    ("a senior official" stays unnamed: ``speaker_mention`` keeps those words).
    ``kind`` is "direct" for a quotation that makes a card, "partial" for a short
    fragment quoted inside the writer's own sentence. ``description`` is the phrase
    an unnamed speaker is described by where the mention at the cue is a relative
    pronoun ("an Abraham Lincoln impersonator, who promises ..." has mention "who").
    ``actor_id`` is the id of the speaker's actor page, set by the aggregate stage as on
    :class:`Mention`: None before it, for an unnamed speaker and for one without a page.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_mention: Span | None
    cue: str | None
    kind: str = "direct"
    role: str | None = None
    description: str | None = None
    evidence: Evidence | None = None  # None in annotations made before evidence was recorded
    actor_id: str | None = None  # archive-level: not in the annotation cache (ARCHIVE_FIELDS)


#: Fields of Mention and Quote that the aggregate stage sets across the archive: an article's
#: own annotation (the cache, ``archivist annotate``'s output) has none of them.
ARCHIVE_FIELDS = ("actor_id",)


def _article_level(record: dict[str, Any]) -> dict[str, Any]:
    for name in ARCHIVE_FIELDS:
        del record[name]
    return record


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything the NLP stage finds in one article (with actor ids, once aggregated)."""

    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def to_json(self, resolved: bool = False) -> dict[str, Any]:
        """A JSON-ready dict: the cache format and the ``annotate`` output's body; ``resolved``
        adds each mention's and quote's ``actor_id`` (the site's ``annotations.json``)."""
        keep = (lambda record: record) if resolved else _article_level
        return {
            "entities": [keep(dataclasses.asdict(m)) for m in self.mentions],
            "quotes": [keep(dataclasses.asdict(q)) for q in self.quotes],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Annotation":
        """The inverse of :meth:`to_json`."""
        mentions = tuple(Mention(**m) for m in data.get("entities", ()))
        quotes = []
        for q in data.get("quotes", ()):
            q = dict(q)
            if q.get("speaker_mention") is not None:
                q["speaker_mention"] = Span(**q["speaker_mention"])
            if q.get("evidence") is not None:
                ev = dict(q["evidence"])
                if ev.get("antecedent") is not None:
                    ev["antecedent"] = Span(**ev["antecedent"])
                q["evidence"] = Evidence(**ev)
            quotes.append(Quote(**q))
        return cls(mentions=mentions, quotes=tuple(quotes))


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote located in the archive: the article and the quote's index in its annotation."""

    article_id: str
    index: int


@dataclass(frozen=True, slots=True)
class Actor:
    """One person, organisation or place across the whole archive: one page."""

    id: str  # slug, the page's URL segment
    name: str
    kind: str  # one of KINDS
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    description: str | None = None
    links: tuple[tuple[str, str], ...] = ()  # (label, url)
    mentions: int = 0
    articles: tuple[str, ...] = ()  # article ids, newest first
    quotes: tuple[QuoteRef, ...] = ()  # newest first
    co_actors: tuple[tuple[str, int], ...] = ()  # (actor id, shared articles), strongest first
    timeline: tuple[tuple[str, int], ...] = ()  # ("YYYY-MM", mentions), in date order
    outlets: tuple[tuple[str, int], ...] = ()  # (outlet, quotes), most first
    quoted_about: tuple[QuoteRef, ...] = ()  # quotes by others that name this actor, newest first
    talks_about: tuple[tuple[str, int], ...] = ()  # (actor id, own quotes naming it), most first


@dataclass(frozen=True, slots=True)
class Archive:
    """The aggregated archive that rendering reads: articles, their annotations and actors.

    Every mention and quote of ``annotations`` carries its ``actor_id`` (None: no page).
    ``unpaged`` names the actors found but left without a page (``[actors] min_mentions``).
    """

    articles: tuple[Article, ...]  # newest first
    annotations: Mapping[str, Annotation]
    actors: tuple[Actor, ...]  # sorted by id
    unpaged: tuple[str, ...] = ()  # names, sorted
