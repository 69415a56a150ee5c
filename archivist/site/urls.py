"""The site's URL scheme, in one place: every page's path, for render, templates and build.

Paths here are relative to the site root and end in "/" for a page (its file is
``index.html`` inside), as GitHub Pages serves them; :func:`url_for` puts the base
path in front for a link, :func:`absolute_url` the whole ``base_url`` for feeds,
sitemaps, canonical and OpenGraph URLs. Templates get this module as the global
``urls`` (``url(urls.actor_url(actor.id))``), so a theme never spells a path itself.

A paginated list keeps page 1 at its plain URL and puts page N at ``page/N/`` below
it (``quotes/``, ``quotes/page/2/``), as Hugo and Zola do: links to page 1 never change
when the list grows.
"""

from __future__ import annotations

import re

from archivist.config import Config
from archivist.text.slug import slugify

HOME = ""
ACTORS = "actors/"
QUOTES = "quotes/"
ARCHIVE = "archive/"
SEARCH = "search/"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
STYLE = "static/style.css"
#: Sorts of the actors index: (sort key, label, path), the first at the plain URL.
ACTOR_SORTS = (("name", "name", "actors/"), ("mentions", "mentions", "actors/by-mentions/"),
               ("quotes", "quotes", "actors/by-quotes/"))
#: Taxonomies like Hugo's and Pelican's: (name, singular label, plural label, index path).
TAXONOMIES = (("outlets", "outlet", "Outlets", "outlets/"), ("tags", "tag", "Tags", "tags/"),
              ("authors", "author", "Authors", "authors/"))


def article_url(article_id: str) -> str:
    """An article's page: ``articles/<id>/``."""
    return f"articles/{article_id}/"


def annotations_url(article_id: str) -> str:
    """An article's annotations as JSON, beside its page."""
    return f"articles/{article_id}/annotations.json"


def actor_url(actor_id: str) -> str:
    """An actor's page: ``actors/<id>/``."""
    return f"actors/{actor_id}/"


def actor_feed_url(actor_id: str) -> str:
    """An actor's Atom feed of new quotes by them."""
    return f"actors/{actor_id}/feed.xml"


def year_url(year: int) -> str:
    """A year's archive page."""
    return f"archive/{year}/"


#: A value that is a host name ("lite.cnn.com"): its dots part words, where slugify drops them ("U.S." -> "us").
_HOST = re.compile(r"[\w-]+(\.[\w-]+)+")


def term_slug(value: str) -> str:
    """The URL segment of a taxonomy value ("CNN" -> "cnn", "Ann Writer" -> "ann-writer",
    an outlet shown as its host "lite.cnn.com" -> "lite-cnn-com")."""
    return slugify(value.replace(".", " ") if _HOST.fullmatch(value) else value, "term")


def taxonomy_url(taxonomy: str) -> str:
    """A taxonomy's index: ``outlets/``, ``tags/``, ``authors/``."""
    return f"{taxonomy}/"


def term_url(taxonomy: str, slug: str) -> str:
    """One value's page in a taxonomy: ``outlets/cnn/``."""
    return f"{taxonomy}/{slug}/"


def term_feed_url(taxonomy: str, slug: str) -> str:
    """One value's Atom feed (outlets have one): ``outlets/cnn/feed.xml``."""
    return f"{taxonomy}/{slug}/feed.xml"


def page_url(prefix: str, n: int) -> str:
    """Page ``n`` of the list at ``prefix``: the plain URL for page 1, else ``prefix + "page/N/"``."""
    return prefix if n <= 1 else f"{prefix}page/{n}/"


def file_of(path: str) -> str:
    """The output file a URL path is served from ("actors/" -> "actors/index.html")."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def path_of(file: str) -> str:
    """The URL path an output file is served at: the inverse of :func:`file_of` for pages."""
    return file[: -len("index.html")] if file.endswith("index.html") else file


def url_for(config: Config, path: str = "") -> str:
    """The site-absolute URL of ``path`` (relative to the site root), e.g. "/archive/actors/"."""
    return config.base_path + path.lstrip("/")


def absolute_url(config: Config, path: str = "") -> str:
    """The full URL of ``path`` from ``base_url`` (only a path when base_url has no host)."""
    return config.base_url.rstrip("/") + "/" + path.lstrip("/")
