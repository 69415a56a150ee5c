"""Render stage: the aggregated Archive through Jinja2 templates into output files.

``render_site`` is a pure function: archive and config in, ``{relative path: bytes}``
out; writing to disk and indexing belong to later stages. Templates come from a
list of theme folders searched in order, so a site overrides the default theme
file by file. Templates get small view records built here (quote cards, actor
counts), keeping the theme free of logic that belongs in Python.

Every path comes from ``urls`` (the ``urls`` global in templates) and every link is
prefixed with ``config.base_path`` (the ``url`` global) so the same build works at
``/`` and under a subpath such as GitHub Pages' ``/archive/``. Every list is cut into
pages by ``pagination``; the taxonomies (outlets, tags, authors) come from ``taxonomy``,
the feeds, sitemaps and robots.txt from ``feeds``. Each page's context holds all it
shows, so ``site.incremental`` can key it; a page whose context is costly to build (an
article's, an actor's, the quotes index's) is keyed on its inputs instead (``incremental.Inputs``:
the archive's records its context is made from), and its context is built only when it is rendered.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence

import jinja2
from markupsafe import Markup, escape

import archivist
from archivist.config import Config
from archivist.site.data import data_files
from archivist.site import feeds, quote_ids, taxonomy, urls
from archivist.site.incremental import FILE_KIND, Inputs
from archivist.site.pagination import page_count, paginate, pagination
from archivist.site.urls import absolute_url, url_for
from archivist.text.lexicon import PRONOUNS, RELATIVE
from archivist.models import KINDS, Actor, Archive, Article, Quote

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
KIND_LABELS = {"person": "People", "organisation": "Organisations", "place": "Places", "group": "Groups",
               "other": "Other"}
SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "place": "Place", "group": "Organization",
                "other": "Thing"}
QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」"
#: A compact list (an actor's articles by title, actors index rows, the quotes index's rows, taxonomy
#: pages) holds this many times ``per_page`` items a page: its rows are a tenth of a card's size.
LIST_FACTOR = 5
#: Actors shown beside an article in lists (home, year archives).
TOP_ACTORS = 5
#: Co-actors shown on an actor page ("Often in the same articles"), people and the rest each, and
#: for an actor of one article (its article lists them all; here only the strongest). 5, not 6: the
#: sixth of each list was 0.8 MB of CNN's actor pages.
CO_ACTORS_SHOWN = 5
CO_ACTORS_ONE = 4
#: Actors a page's JSON-LD ``mentions``, most mentioned first (all of them were a sixth of a long article's page;
#: 20 were 2.6 MB of CNN's article pages, 10 were 1.5, 5 are 0.8: the page itself lists them all).
JSONLD_MENTIONS = 5
#: Taxonomies whose values get an Atom feed of their own.
FEED_TAXONOMIES = ("outlets",)
#: Longest page description (meta description, OpenGraph), cut at a word.
DESCRIPTION_LIMIT = 200
#: Words at a cue that name no one on a card of their own ("she", "who").
_NO_ONE = PRONOUNS | RELATIVE


def default_theme_dir() -> Path:
    """The default theme: inside the package when installed from a wheel, else the repo's ``themes/default``."""
    packaged = Path(archivist.__file__).parent / "themes" / "default"
    if packaged.is_dir():
        return packaged
    return Path(archivist.__file__).resolve().parent.parent / "themes" / "default"


@dataclass(frozen=True)
class QuoteCard:
    """A quotation as a card: the quote, its article and its speaker resolved for display."""

    article: Article
    number: int  # N of the body's ``data-quote="N"`` (annotation index + 1)
    quote: Quote
    text: str  # the quotation without its outer quote marks
    speaker: str  # the name (or the article's own words, e.g. "a senior official") to show
    actor: Actor | None  # the speaker's page, None when unnamed or without a page
    role: str | None
    anchor: str = ""  # the quote's stable id in the article body (``quote_ids``), e.g. "q-we-will-1a2b3c"
    about: tuple[str, ...] = ()  # names of the actors the quotation mentions


@dataclass(frozen=True)
class ActorCount:
    """An actor with how often it appears in some context (an article, beside another actor)."""

    actor: Actor
    count: int


def render_site(archive: Archive, config: Config, theme_dirs: Sequence[Path],
                body_html: Callable[[Article], Markup],
                reuse: Callable[[str, str, Mapping[str, Any]], bool] | None = None,
                sitemap_limit: int = feeds.SITEMAP_LIMIT,
                sink: MutableMapping[str, bytes | None] | None = None) -> MutableMapping[str, bytes | None]:
    """Every output file of the site, by path relative to the output folder.

    ``theme_dirs`` are searched in order (the site's theme first, the default
    theme last) for ``templates/`` and ``static/``; ``body_html`` renders an
    article's body with entity links and quote anchors, from the article, its annotation
    and the config alone (an article page is keyed on those, not on its body). The actors index says how
    many actors ``aggregate.prune`` left without a page (``Archive.unpaged``).
    ``reuse(path, template, context)`` (``site.incremental.PageReuse``), where given, is asked
    before each page is rendered, with the page's context or, where that is costly to build,
    its ``Inputs``: a page it keeps maps to None, meaning "the file already in the output
    stands" (so does an article's annotations JSON, asked as ``file:annotations``). ``sitemap.xml`` becomes a sitemap index of ``sitemap-N.xml``
    files past ``sitemap_limit`` URLs (the sitemap protocol's limit is 50,000). Files go into
    ``sink`` as they are made, where one is given (the build streams them to disk, so that no
    more than one page is held at a time), and the sink is returned; else a new sorted dict.

    Every list is cut into pages (``pagination``): cards ``per_page`` a page, compact lists
    (an actor's articles, the actors index, the quotes index, taxonomy pages) ``LIST_FACTOR`` times that.
    """
    dirs = [Path(d) for d in theme_dirs if Path(d).is_dir()] or [default_theme_dir()]
    site = _Site(archive, config)
    env = _environment(dirs, config)
    # For themes that look an article's actors up themselves; the default theme gets them in
    # each page's context instead (``top``), so that every page can be keyed (site.incremental).
    env.globals["top_actors"] = lambda article, n=TOP_ACTORS: site.article_counts(article)[:n]
    out: MutableMapping[str, bytes | None] = sink if sink is not None else {}
    per_page, per_list = config.per_page, config.per_page * LIST_FACTOR

    def made(path: str, template: str, inputs: Mapping[str, Any], context: Callable[[], Mapping[str, Any]]) -> None:
        # A page keyed on what it is made from: its context is built only when it is rendered.
        if reuse is not None and reuse(path, template, inputs):
            out[path] = None  # unchanged since the last build: the writer keeps the file there
            return
        out[path] = env.get_template(template).render(page_path=path, **context()).encode("utf-8")

    def page(path: str, template: str, **context: Any) -> None:
        # A page whose context is cheap: keyed on the context itself.
        made(path, template, context, lambda: context)

    def made_file(path: str, kind: str, inputs: Mapping[str, Any], data: Callable[[], bytes]) -> None:
        out[path] = None if reuse is not None and reuse(path, FILE_KIND + kind, inputs) else data()

    articles = archive.articles
    for path, chunk, p in paginate(articles, per_page, urls.HOME):
        made(urls.file_of(path), "index.html", {"articles": tuple(map(site.inputs, chunk)), "pagination": p},
             lambda chunk=chunk, p=p: {"articles": chunk, "top": site.tops(chunk), "pagination": p})

    for article in articles:
        made(urls.file_of(urls.article_url(article.id)), "article.html", {"article": site.inputs(article)},
             lambda article=article: site.article_page(article, body_html))
        if "json" in config.data.formats:  # [data] formats: annotations.json beside each article
            made_file(urls.annotations_url(article.id), "annotations",
                      {"id": article.id, "title": article.title, "annotation": archive.annotations.get(article.id)},
                      lambda article=article: _json_bytes(site.annotation_json(article), compact=True))

    for actor in archive.actors:
        inputs = site.actor_inputs(actor)
        for n, (path, context) in enumerate(site.actor_pages(actor, per_page, per_list), 1):
            made(urls.file_of(path), "actor.html", {"actor": inputs, "page": n}, context)
        if feeds.has_quote_feed(actor, config):
            made(urls.actor_feed_url(actor.id), "quote_feed.xml", {"actor": inputs},
                 lambda actor=actor: site.quote_feed(actor))

    for sort, _, prefix in urls.ACTOR_SORTS:
        ranked = site.ranked_actors(sort)
        starts = _letter_starts(ranked, per_list, prefix) if sort == "name" else {}
        for path, chunk, p in paginate(ranked, per_list, prefix):
            page(urls.file_of(path), "actors.html", sort=sort, actors=chunk, pagination=p, unpaged=len(archive.unpaged),
                 kind_counts=site.kind_counts, letters=list(starts.values()),
                 anchors={a.id: starts[a.id][0] for a in chunk if a.id in starts})

    # The quotes index, keyed on (article, quote number) of each card and its articles' inputs; its
    # rows are compact (``quote_rows``), so a list's length a page (CNN: 213 pages, not 1,065).
    all_refs = [(a, i) for a in articles for i in site.card_indices(a)]
    for path, chunk, p in paginate(all_refs, per_list, urls.QUOTES):
        made(urls.file_of(path), "quotes.html",
             {"cards": tuple((a.id, i) for a, i in chunk), "articles": tuple(site.inputs(a) for a, _ in chunk),
              "total": len(all_refs), "pagination": p},
             lambda chunk=chunk, p=p: {"cards": [site.quote_cards(a.id)[i] for a, i in chunk],
                                       "total": len(all_refs), "pagination": p})

    years = site.years()
    groups = site.taxonomies
    page(urls.file_of(urls.ARCHIVE), "archive_index.html", years=[(y, len(a)) for y, a in years],
         taxonomies=[(t.label, t.path, len(t.terms)) for t in groups])
    for year, year_articles in years:
        for path, chunk, p in paginate(year_articles, per_page, urls.year_url(year)):
            made(urls.file_of(path), "archive_year.html",
                 {"year": year, "articles": tuple(map(site.inputs, chunk)), "pagination": p},
                 lambda year=year, chunk=chunk, p=p: {"year": year, "articles": chunk, "top": site.tops(chunk),
                                                      "pagination": p})

    for group in groups:
        # Labels, not the Taxonomy record: a term page's key must not hold every other term's articles.
        labels = {"label": group.label, "singular": group.singular, "index_path": group.path}
        rows = [(t.name, urls.term_url(t.taxonomy, t.slug), len(t.articles)) for t in group.terms]
        for path, chunk, p in paginate(rows, per_list, group.path):
            page(urls.file_of(path), "taxonomy.html", terms=chunk, pagination=p, **labels)
        for term in group.terms:
            prefix = urls.term_url(term.taxonomy, term.slug)
            feed = urls.term_feed_url(term.taxonomy, term.slug) if term.taxonomy in FEED_TAXONOMIES else None
            for path, chunk, p in paginate(term.articles, per_list, prefix):
                page(urls.file_of(path), "term.html", name=term.name, count=len(term.articles), articles=chunk,
                     pagination=p, feed=feed, description=f"{plural(len(term.articles), 'article')} of "
                     f"{config.title} with the {group.singular} {term.name}.", **labels)
            if feed:
                recent = term.articles[:config.feeds.limit]
                page(feed, "feed.xml", articles=recent, updated=feeds.updated(a.date for a in recent),
                     feed_title=f"{term.name} · {config.title}", feed_path=feed, home_path=prefix)

    if config.search.enabled:
        page(urls.file_of(urls.SEARCH), "search.html")
    page("404.html", "404.html")
    recent = articles[:config.feeds.limit]
    page(urls.FEED, "feed.xml", articles=recent, updated=feeds.updated(a.date for a in recent),
         feed_title=config.title, feed_path=urls.FEED, home_path=urls.HOME)
    maps = feeds.sitemaps(feeds.sitemap_paths(out), sitemap_limit)
    for path, paths in maps.items():
        page(path, "sitemap.xml", paths=paths)
    if len(maps) > 1:
        page(urls.SITEMAP, "sitemap_index.xml", maps=list(maps))
    out[urls.ROBOTS] = feeds.robots_txt(config).encode("utf-8")
    if "json" in config.data.formats:  # the actors as JSON, beside the articles' annotations.json
        made_file("actors.json", "actors", {"actors": archive.actors},
                  lambda: _json_bytes([site.actor_summary(a) for a in sorted(archive.actors, key=lambda a: a.id)],
                                      compact=True))
    out[".nojekyll"] = b""
    # data/: the tables as CSV and SQLite, for research; each file keyed on what its rows are made from
    out.update(data_files(archive, config, keep=None if reuse is None else
                          lambda path, inputs: reuse(path, FILE_KIND + "data", inputs)))
    out.update(_static_files(dirs))
    return out if sink is not None else dict(sorted(out.items()))


class _Site:
    """Lookups over the archive shared by every page (internal)."""

    def __init__(self, archive: Archive, config: Config):
        self.archive = archive
        self.config = config
        self.articles = {a.id: a for a in archive.articles}
        self.actors = {a.id: a for a in archive.actors}
        self.taxonomies = taxonomy.taxonomies(archive.articles)  # outlets, tags, authors: gathered once
        self.term_slugs = {(t.taxonomy, taxonomy.term_key(t.name)): t.slug
                           for group in self.taxonomies for t in group.terms}
        kinds = Counter(a.kind for a in archive.actors)
        #: (label, actors) per kind, for the actors index's header.
        self.kind_counts = [(KIND_LABELS[k], kinds[k]) for k in KINDS if kinds[k]]
        self._cards: dict[str, tuple[QuoteCard, ...]] = {}
        self._counts: dict[str, list[ActorCount]] = {}
        self._inputs: dict[str, Inputs] = {}

    def inputs(self, article: Article) -> Inputs:
        """What every view of an article (its page, its cards, its row in a list) is made from: the
        article, its annotation, the actors with a page that the annotation names, and its
        taxonomy pages; made once a build, so that each page's key walks it once."""
        found = self._inputs.get(article.id)
        if found is None:
            annotation = self.archive.annotations.get(article.id)
            named = set()
            if annotation is not None:
                named = {m.actor_id for m in annotation.mentions if m.actor_id in self.actors}
                named |= {q.actor_id for q in annotation.quotes if q.actor_id in self.actors}
            found = self._inputs[article.id] = Inputs("article", (
                article, annotation, tuple(self.actors[i] for i in sorted(named)),
                self.article_terms(article)))
        return found

    def article_page(self, article: Article, body_html: Callable[[Article], Markup]) -> dict[str, Any]:
        """The context of an article's page (made from ``inputs(article)`` and the config)."""
        cards = self.cards(article)
        return {"article": article, "body": body_html(article), "cards": cards,
                "actor_groups": self.article_groups(article), "jsonld": _jsonld(self.article_jsonld(article)),
                "description": first_sentence(article), "terms": self.article_terms(article),
                "quote_records": quote_ids.records_json(quote_ids.card_records(cards))}

    def quote_at(self, article_id: str, index: int) -> Quote | None:
        """Quote ``index`` of an article, where ``card`` would make a card of it (else None)."""
        annotation = self.archive.annotations.get(article_id) if article_id in self.articles else None
        return annotation.quotes[index] if annotation is not None and 0 <= index < len(annotation.quotes) else None

    def card_indices(self, article: Article) -> list[int]:
        """The indexes in ``quote_cards`` of the article's quotes that make cards (``cards``, uncut)."""
        annotation = self.archive.annotations.get(article.id)
        quotes = annotation.quotes if annotation is not None else ()
        return [i for i, q in enumerate(quotes) if self.makes_card(q)]

    def actor_inputs(self, actor: Actor) -> Inputs:
        """What an actor's pages and quote feed are made from: the actor; the articles it is listed
        in (by their records: a list shows title, date, outlet); the inputs of every article
        whose quotes it shows (its own and those about it); the actors it shows beside it; its
        outlets' pages."""
        quoted = sorted({r.article_id for r in actor.quotes + actor.quoted_about if r.article_id in self.articles})
        beside = sorted({i for i, _ in actor.co_actors + actor.talks_about if i in self.actors})
        return Inputs("actor", (
            actor, tuple(self.articles[a] for a in actor.articles if a in self.articles),
            tuple(self.inputs(self.articles[a]) for a in quoted), tuple(self.actors[i] for i in beside),
            tuple(self.term_path("outlets", name) for name, _ in actor.outlets)))

    def quote_feed(self, actor: Actor) -> dict[str, Any]:
        """The context of an actor's quote feed: its newest cards."""
        cards = self.actor_cards(actor)[:self.config.feeds.quotes_limit]
        return {"actor": actor, "cards": cards, "updated": feeds.updated(c.article.date for c in cards)}

    def card(self, article_id: str, index: int) -> QuoteCard | None:
        """The card of quote ``index`` of an article (None if the reference is stale)."""
        cards = self.quote_cards(article_id)
        return cards[index] if 0 <= index < len(cards) else None

    def quote_cards(self, article_id: str) -> tuple[QuoteCard, ...]:
        """Every quote of an article as a card, in annotation order, whether it makes one or not:
        built once a build, for the article's page, the quotes index and the actor pages alike."""
        cards = self._cards.get(article_id)
        if cards is None:
            article, annotation = self.articles.get(article_id), self.archive.annotations.get(article_id)
            cards = () if article is None or annotation is None else tuple(map(
                self._card, (article,) * len(annotation.quotes), range(len(annotation.quotes)), annotation.quotes,
                quote_ids.annotation_anchors(annotation), quote_ids.quoted_actors(annotation, self.actors)))
            self._cards[article_id] = cards
        return cards

    def _card(self, article: Article, index: int, q: Quote, anchor: str, about: tuple[str, ...]) -> QuoteCard:
        actor = self.actors.get(q.actor_id) if q.actor_id else None
        words = q.speaker_mention.text if q.speaker_mention else None
        speaker = ((actor.name if actor else None) or q.speaker or q.description
                   or (words if words and words.lower() not in _NO_ONE else None) or "Unattributed")
        return QuoteCard(article, index + 1, q, quote_text(q.text), speaker, actor, q.role, anchor=anchor, about=about)

    def actor_cards(self, actor: Actor) -> list[QuoteCard]:
        """An actor's own quotes as cards, newest first."""
        return [c for c in (self.card(r.article_id, r.index) for r in actor.quotes) if c]

    def actor_card_counts(self, actor: Actor) -> tuple[int, int]:
        """``len(actor_cards(actor))`` and ``len(about_cards(actor))``, without making the cards."""
        own = sum(1 for r in actor.quotes if self.quote_at(r.article_id, r.index) is not None)
        about = sum(1 for r in actor.quoted_about
                    if (q := self.quote_at(r.article_id, r.index)) is not None and self.makes_card(q))
        return own, about

    def about_cards(self, actor: Actor) -> list[QuoteCard]:
        """Quotes by others that name the actor ("quoted about them"), those that make cards, newest first."""
        return [c for r in actor.quoted_about if (c := self.card(r.article_id, r.index)) and self.makes_card(c.quote)]

    def makes_card(self, q: Quote) -> bool:
        """Whether a quote gets a card: every direct quote, and partial ones of ``card_min_words`` words."""
        return q.kind == "direct" or len(quote_text(q.text).split()) >= self.config.quotes.card_min_words

    def actor_pages(self, actor: Actor, per_page: int,
                    per_list: int) -> Iterator[tuple[str, Callable[[], dict[str, Any]]]]:
        """(path, context maker) of each page of an actor: page N holds the Nth slice of each of its lists.

        The pages are counted without making the cards; the cards are made at the first page
        rendered, once for all of the actor's pages (a page kept needs none).
        Page 1, at ``actors/<id>/``, also has what does not grow with the archive: the header,
        the timeline, co-actors, whom they talk about. An article is listed by title, date and
        outlet, not its excerpt: the excerpts were 40% of the CNN site's actor pages.
        """
        prefix = urls.actor_url(actor.id)
        listed = [self.articles[a] for a in actor.articles if a in self.articles]
        own, about_count = self.actor_card_counts(actor)
        total = max(page_count(own, per_page), page_count(len(listed), per_list),
                    page_count(about_count, per_page))
        lists: dict[str, list[QuoteCard]] = {}

        def context(n: int) -> dict[str, Any]:
            if not lists:
                lists.update(cards=self.actor_cards(actor), about=self.about_cards(actor))
            cards, about = lists["cards"], lists["about"]
            page: dict[str, Any] = {
                "actor": actor, "pagination": pagination(n, total, prefix),
                "cards": cards[(n - 1) * per_page:n * per_page], "cards_total": len(cards),
                "cards_first": (n - 1) * per_page + 1,
                "about": about[(n - 1) * per_page:n * per_page], "about_total": len(about),
                "about_first": (n - 1) * per_page + 1,
                "articles": listed[(n - 1) * per_list:n * per_list], "articles_total": len(listed),
                "articles_first": (n - 1) * per_list + 1,
                "description": actor_description(actor, self.config),
                "feed": urls.actor_feed_url(actor.id) if feeds.has_quote_feed(actor, self.config) else None,
            }
            if n == 1:
                co = [ActorCount(self.actors[i], k) for i, k in actor.co_actors if i in self.actors]
                people = [c for c in co if c.actor.kind == "person"]
                others = [c for c in co if c.actor.kind != "person"]
                # People apart from the rest, so that the strongest places and bodies do not crowd them
                # out. An actor of one article: its people only, since the article lists everyone.
                groups = ([("People", people[:CO_ACTORS_SHOWN]), ("Organisations, places and other",
                                                                  others[:CO_ACTORS_SHOWN])]
                          if len(actor.articles) > 1 else [("People", people[:CO_ACTORS_ONE])])
                page.update(
                    co_actors=groups,
                    talks_about=[ActorCount(self.actors[i], k) for i, k in actor.talks_about
                                 if i in self.actors][:CO_ACTORS_SHOWN],
                    talked_by=_speakers(about)[:CO_ACTORS_SHOWN],
                    timeline=timeline_html(actor), jsonld=self.actor_jsonld_markup(actor),
                    outlets=[(name, n, self.term_path("outlets", name)) for name, n in actor.outlets])
            else:
                page.update(co_actors=[], talks_about=[], talked_by=[], timeline=Markup(""), jsonld=None,
                            outlets=[])
            return page

        for n in range(1, total + 1):
            yield urls.page_url(prefix, n), (lambda n=n: context(n))

    def tops(self, articles: Iterable[Article]) -> dict[str, list[ActorCount]]:
        """Each article's most mentioned actors, for lists that show them beside the title."""
        return {a.id: self.article_counts(a)[:TOP_ACTORS] for a in articles}

    def article_terms(self, article: Article) -> dict[str, list[tuple[str, str]]]:
        """The article's outlet, tags and authors as (name, page path), by taxonomy name."""
        return {name: [(value, path) for value in taxonomy.VALUES[name](article)
                       if (path := self.term_path(name, value))]
                for name, *_ in urls.TAXONOMIES}

    def term_path(self, taxonomy_name: str, value: str) -> str | None:
        """The page of a taxonomy value ("outlets", "CNN" -> "outlets/cnn/"), None where it has none."""
        slug = self.term_slugs.get((taxonomy_name, taxonomy.term_key(value)))
        return urls.term_url(taxonomy_name, slug) if slug else None

    def ranked_actors(self, sort: str) -> list[Actor]:
        """The actors index's rows: all actors by name or by mentions; the quoted ones by quotes."""
        keys: dict[str, Callable[[Actor], Any]] = {
            # "#" names (digits, other scripts) first, as one group: else they come twice, with one id
            "name": lambda a: (initial(a.name) != "#", _fold(a.name), a.id),
            "mentions": lambda a: (-a.mentions, _fold(a.name), a.id),
            "quotes": lambda a: (-len(a.quotes), -a.mentions, _fold(a.name), a.id),
        }
        actors = self.archive.actors if sort != "quotes" else [a for a in self.archive.actors if a.quotes]
        return sorted(actors, key=keys[sort])

    def cards(self, article: Article) -> list[QuoteCard]:
        """The article's quotes that make cards, in text order."""
        return [c for c in self.quote_cards(article.id) if self.makes_card(c.quote)]

    def article_counts(self, article: Article) -> list[ActorCount]:
        """The actors mentioned in an article, most mentioned first: counted once a build, for the
        article's page, its JSON-LD and every list that shows it (home, year archives)."""
        ranked = self._counts.get(article.id)
        if ranked is None:
            annotation = self.archive.annotations.get(article.id)
            counts = Counter(m.actor_id for m in annotation.mentions if m.actor_id in self.actors) \
                if annotation else Counter()
            ranked = self._counts[article.id] = [
                ActorCount(self.actors[i], n)
                for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], self.actors[kv[0]].name, kv[0]))]
        return ranked

    def article_groups(self, article: Article) -> list[tuple[str, list[ActorCount]]]:
        """The article's actors grouped by kind (in KINDS order), most mentioned first."""
        counts = self.article_counts(article)
        return [(KIND_LABELS[k], group) for k in KINDS
                if (group := [c for c in counts if c.actor.kind == k])]

    def years(self) -> list[tuple[int, list[Article]]]:
        """(year, articles newest first), newest year first; undated articles have no year page."""
        by_year: dict[int, list[Article]] = {}
        for a in self.archive.articles:
            if a.date:
                by_year.setdefault(a.date.year, []).append(a)
        return sorted(by_year.items(), reverse=True)

    def annotation_json(self, article: Article) -> dict[str, Any]:
        """The article's annotation as JSON, with each mention's and speaker's actor id."""
        annotation = self.archive.annotations.get(article.id)
        data = annotation.to_json(resolved=True) if annotation else {"entities": [], "quotes": []}
        return {"id": article.id, "title": article.title, **data}

    def actor_summary(self, actor: Actor) -> dict[str, Any]:
        """One entry of the root ``actors.json``."""
        return {"id": actor.id, "name": actor.name, "kind": actor.kind, "aliases": list(actor.aliases),
                "mentions": actor.mentions, "articles": len(actor.articles), "quotes": len(actor.quotes),
                "url": url_for(self.config, urls.actor_url(actor.id))}

    def article_jsonld(self, article: Article) -> dict[str, Any]:
        """schema.org NewsArticle for an article page."""
        data: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
            "url": absolute_url(self.config, urls.article_url(article.id)),
            "mentions": [{"@type": SCHEMA_TYPES[c.actor.kind], "name": c.actor.name,
                          "url": absolute_url(self.config, urls.actor_url(c.actor.id))}
                         for c in self.article_counts(article)[:JSONLD_MENTIONS]],
        }
        if article.date:
            data["datePublished"] = article.date.isoformat()
        if article.url:
            data["isBasedOn"] = article.url
        elif article.reference:
            data["identifier"] = article.reference
        if article.outlet:
            data["publisher"] = {"@type": "Organization", "name": article.outlet}
        if article.authors:
            data["author"] = [{"@type": "Person", "name": a} for a in article.authors]
        return data

    def actor_jsonld_markup(self, actor: Actor) -> Markup | None:
        """An actor page's JSON-LD, where it says more than the page's title and canonical link do
        (aliases, a description or links): a record of a name and a URL alone was 1.2 MB of CNN's
        8,850 actor pages and tells a search engine nothing new."""
        data = self.actor_jsonld(actor)
        return _jsonld(data) if data.keys() - {"@context", "@type", "name", "url"} else None

    def actor_jsonld(self, actor: Actor) -> dict[str, Any]:
        """schema.org Person/Organization/Place for an actor page."""
        data: dict[str, Any] = {"@context": "https://schema.org", "@type": SCHEMA_TYPES[actor.kind],
                                "name": actor.name, "url": absolute_url(self.config, urls.actor_url(actor.id))}
        if actor.aliases:
            data["alternateName"] = list(actor.aliases)
        if actor.description:
            data["description"] = actor.description
        if actor.links:
            data["sameAs"] = [link for _, link in actor.links]
        return data


def _environment(dirs: Sequence[Path], config: Config) -> jinja2.Environment:
    """The Jinja environment: templates from every theme folder, autoescaping HTML and XML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in dirs]),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.globals.update(config=config, url=lambda path="": url_for(config, path),
                       abs_url=lambda path="": absolute_url(config, path), kinds=KIND_LABELS, urls=urls)
    env.filters.update(date=format_date, excerpt=excerpt, plural=plural, linkify=linkify, letter=initial)
    return env


def quote_text(text: str) -> str:
    """A quotation without its outer quote marks, nor the comma that led back to the writer's sentence."""
    return text.strip().strip(QUOTE_MARKS).strip().rstrip(",").rstrip()


def format_date(date: Any) -> str:
    """"2 January 2024" (English month names, independent of the machine's locale)."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}" if date else ""


def excerpt(article: Article, limit: int = 200) -> str:
    """The article's first paragraph, cut at a word boundary near ``limit`` characters."""
    spans = article.paragraphs
    text = article.text[spans[0][0]:spans[0][1]].strip() if spans else ""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def first_sentence(article: Article, limit: int = DESCRIPTION_LIMIT) -> str:
    """An article's description: the first sentence of its first paragraph, cut at a word near ``limit``."""
    text = excerpt(article, 10 * limit).rstrip("…")
    m = _SENTENCE_END.search(text)
    sentence = text[:m.end()].strip() if m else text
    return _cut(sentence, limit)


#: A sentence ends at . ! or ? (and a closing quote) before a space and a capital or a quote mark.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?=\s+[\"“‘'(]?[A-Z0-9])")


def actor_description(actor: Actor, config: Config) -> str:
    """An actor page's description: the editor's description or the top role, then the counts.

    E.g. "Kremlin spokesperson. A person in 4 articles of CNN: 12 mentions, 3 quotes."
    """
    who = actor.description or (actor.roles[0] if actor.roles else "")
    kind = {"person": "A person", "organisation": "An organisation", "place": "A place"}.get(actor.kind, "A name")
    quotes = f", {plural(len(actor.quotes), 'quote')}" if actor.quotes else ""
    counts = (f"{kind} in {plural(len(actor.articles), 'article')} of {config.title}: "
              f"{plural(actor.mentions, 'mention')}{quotes}.")
    lead = who.rstrip(".") + ". " if who else ""
    return _cut(lead[:1].upper() + lead[1:] + counts, DESCRIPTION_LIMIT)


def _cut(text: str, limit: int) -> str:
    """``text`` cut at a word boundary near ``limit`` characters, with an ellipsis where cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _speakers(cards: Sequence[QuoteCard]) -> list[ActorCount]:
    """The named speakers of ``cards`` with their number of cards, most first, then by name."""
    counts = Counter(c.actor.id for c in cards if c.actor)
    actors = {c.actor.id: c.actor for c in cards if c.actor}
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], _fold(actors[kv[0]].name), kv[0]))
    return [ActorCount(actors[i], n) for i, n in ranked]


def _letter_starts(ranked: Sequence[Actor], size: int, prefix: str) -> dict[str, tuple[str, str, str]]:
    """Actor id -> (row id, letter, link) for the first actor of each A–Z letter in a by-name list.

    The A–Z bar of every page of the actors index links to the page and row where each letter starts.
    """
    starts: dict[str, tuple[str, str, str]] = {}
    seen: set[str] = set()
    for i, actor in enumerate(ranked):
        letter = initial(actor.name)
        if letter not in seen:
            seen.add(letter)
            row = "letter-" + ("0" if letter == "#" else letter)
            starts[actor.id] = (row, letter, urls.page_url(prefix, i // max(size, 1) + 1) + "#" + row)
    return starts


def plural(n: int, word: str, words: str | None = None) -> str:
    """"1 quote", "3 quotes", "2,287 articles"."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


_LINKABLE = re.compile(r"(?P<url>https?://[^\s<>\"]+[^\s<>\".,;:!?)])"
                       r"|\bCC[ -](?P<cc>BY(?:-(?:SA|NC|ND))*)[ -](?P<version>\d\.\d)\b")


def linkify(text: str) -> Markup:
    """Escaped text with its http(s) URLs and Creative Commons licence names made links (credit lines)."""
    parts, pos = [], 0
    for m in _LINKABLE.finditer(text):
        href = m["url"] or f"https://creativecommons.org/licenses/{m['cc'].lower()}/{m['version']}/"
        parts.append(escape(text[pos:m.start()]))
        parts.append(Markup('<a href="{}" rel="license nofollow noopener">{}</a>').format(href, m.group()))
        pos = m.end()
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def _fold(name: str) -> str:
    """A sort key that ignores case and accents."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold() or name.casefold()


def initial(name: str) -> str:
    """The A–Z letter a name files under ("#" for anything else)."""
    first = _fold(name)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


#: Months with mentions from which an actor page draws its timeline; with fewer, a line of text says them.
TIMELINE_CHART_MONTHS = 3


def timeline_html(actor: Actor) -> Markup:
    """An actor page's mentions by month: the chart (``timeline_svg``) from ``TIMELINE_CHART_MONTHS``
    months with mentions, a line of text for two ("2026-03: 4 mentions · 2026-04: 8 mentions"),
    nothing for one. Two bars were 0.7 KB an actor page where the line is 0.05 (1.2 MB of CNN's
    2,246 such pages) and say the same two numbers.
    """
    counts = sorted(actor.timeline)
    if len(counts) >= TIMELINE_CHART_MONTHS:
        return timeline_svg(actor)
    if len(counts) < 2:
        return Markup("")
    return Markup('<p class="timeline-line">{}</p>').format(
        Markup(" · ").join(f"{month}: {plural(n, 'mention')}" for month, n in counts))


def timeline_svg(actor: Actor) -> Markup:
    """An accessible inline SVG bar chart of the actor's mentions by month.

    Empty unless the mentions fall in two months at least: one bar says no more than the
    header's counts, and most actors of a large archive appear in one month only. Months
    without mentions get no bar, only their place on the axis (a bar each was most of the
    chart's bytes for actors named across years).
    """
    counts = dict(actor.timeline)
    if len(counts) < 2:
        return Markup("")
    months = _month_range(min(counts), max(counts))
    bar, gap, height, top = 12, 2, 80, 16
    width = max(len(months) * (bar + gap), 120)
    peak = max(counts.values())
    peak_month = min(m for m, n in counts.items() if n == peak)
    title = (f"Mentions of {actor.name} by month, {months[0]} to {months[-1]}: "
             f"{sum(counts.values())} in all, most ({peak}) in {peak_month}.")
    rows = []
    for i, month in enumerate(months):
        n = counts.get(month, 0)
        if not n:
            continue
        h = round(height * n / peak)
        rows.append(Markup('<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>').format(
            i * (bar + gap), top + height - h, bar, h, month, plural(n, "mention")))
    label_y = top + height + 14
    svg = Markup(
        '<svg class="timeline" role="img" aria-labelledby="timeline-title" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" preserveAspectRatio="xMinYMin meet">'
        '<title id="timeline-title">{title}</title>'
        '<line x1="0" y1="{base}" x2="{w}" y2="{base}" class="axis"/>{rows}'
        '<text x="0" y="{ly}">{first}</text><text x="{w}" y="{ly}" text-anchor="end">{last}</text></svg>'
    ).format(w=width, h=label_y + 4, title=title, base=top + height, rows=Markup("").join(rows),
             ly=label_y, first=months[0], last=months[-1] if len(months) > 1 else "")
    return svg


def _month_range(first: str, last: str) -> list[str]:
    """Every "YYYY-MM" from first to last inclusive (capped at 50 years, against bad dates)."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while len(out) < 600:
        key = f"{y:04d}-{m:02d}"
        out.append(key)
        if key >= last:
            break
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _pagination(current: int, total: int, prefix: str) -> dict[str, Any]:
    """``pagination.pagination`` as a dict (kept for tests and themes written against it)."""
    p = pagination(current, total, prefix)
    return {"current": p.current, "total": p.total, "pages": list(p.pages), "prev": p.prev, "next": p.next}


def _jsonld(data: Mapping[str, Any]) -> Markup:
    """JSON for a <script type="application/ld+json">, safe against "</script>" in the data."""
    # compact: an article's "mentions" list, indented, was a sixth of its page at CNN scale
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _json_bytes(data: Any, compact: bool = False) -> bytes:
    """Deterministic JSON; ``compact`` without indentation, one line (the per-article annotations
    and actors.json: indentation was 40% of their 45 MB at CNN scale)."""
    if compact:
        return (json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class ThemeError(ValueError):
    """A theme file that cannot be published (a link out of its theme folder)."""


def _static_files(dirs: Iterable[Path]) -> dict[str, bytes]:
    """``static/`` of every theme folder; a file in an earlier folder wins.

    A file is published only where it really lies inside its theme folder: a symbolic link
    out of it (``static/x.css -> /etc/passwd``) is a ThemeError naming the link, never read.
    """
    files: dict[str, bytes] = {}
    for d in dirs:
        static = d / "static"
        if not static.is_dir():
            continue
        home = d.resolve()
        for f in sorted(static.rglob("*")):
            rel = "static/" + f.relative_to(static).as_posix()
            if rel in files or not f.is_file():
                continue
            if home not in f.resolve().parents:
                raise ThemeError(f"{f}: a symbolic link to outside the theme folder {d}: not published")
            files[rel] = f.read_bytes()
    return files
