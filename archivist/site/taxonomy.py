"""Taxonomies like Hugo's and Pelican's: outlets, tags and authors, each an index and a page per value.

An article's outlet (``Article.outlet``), its tags and its authors are the values; each
value gets a :class:`Term` with a slug unique within its taxonomy and its articles newest
first. Render pages them at ``outlets/``, ``outlets/<slug>/`` (and ``page/N/`` below them),
likewise for ``tags/`` and ``authors/``; an outlet also gets an Atom feed (``feeds``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from archivist.models import Article
from archivist.site.urls import TAXONOMIES, term_slug

#: Each taxonomy's values of an article, by the taxonomy's name in ``urls.TAXONOMIES``.
VALUES: dict[str, Callable[[Article], Iterable[str]]] = {
    "outlets": lambda a: (a.outlet,) if a.outlet else (),
    "tags": lambda a: a.tags,
    "authors": lambda a: a.authors,
}


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy ("CNN" among outlets) and the articles that have it, newest first."""

    taxonomy: str  # "outlets", "tags" or "authors"
    name: str
    slug: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Taxonomy:
    """A taxonomy's labels and its terms, sorted by name."""

    name: str  # "outlets"
    singular: str  # "outlet"
    label: str  # "Outlets"
    path: str  # "outlets/"
    terms: tuple[Term, ...]


def _fold(name: str) -> str:
    """Case and accents ignored, so "élan" sorts beside "Elan"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold() or name.casefold()


def term_key(value: str) -> str:
    """What makes two values one term: case and runs of spaces ignored ("Russia", "russia ")."""
    return " ".join(value.casefold().split())


def terms_of(articles: Sequence[Article], taxonomy: str) -> tuple[Term, ...]:
    """The taxonomy's terms over ``articles`` (given newest first), by name; slugs numbered where two clash.

    Values that differ only in case or spacing ("Russia", "russia ") are one term, shown as first met.
    """
    found: dict[str, tuple[str, list[Article]]] = {}
    for article in articles:
        for value in dict.fromkeys(v.strip() for v in VALUES[taxonomy](article) if v and v.strip()):
            key = term_key(value)
            found.setdefault(key, (value, []))[1].append(article)
    terms, used = [], set()
    for key in sorted(found, key=lambda k: (_fold(found[k][0]), k)):
        name, items = found[key]
        base = term_slug(name)
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        terms.append(Term(taxonomy, name, slug, tuple(items)))
    return tuple(terms)


def taxonomies(articles: Sequence[Article]) -> tuple[Taxonomy, ...]:
    """Every taxonomy of ``urls.TAXONOMIES`` that has at least one value in the archive."""
    out = []
    for name, singular, label, path in TAXONOMIES:
        terms = terms_of(articles, name)
        if terms:
            out.append(Taxonomy(name, singular, label, path, terms))
    return tuple(out)
