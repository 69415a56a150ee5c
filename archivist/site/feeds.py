"""What machines read: Atom feeds, the sitemap (an index of sitemaps past 50,000 URLs) and robots.txt.

The feeds themselves are templates (``feed.xml`` for articles: the site's and each
outlet's; ``quote_feed.xml`` for an actor's new quotes); this module holds what they
share: how many entries a feed keeps, its ``updated`` date, and which pages a sitemap
lists and how they are split.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping

from archivist.config import Config
from archivist.models import Actor
from archivist.site import urls

#: URLs per sitemap file: the sitemap protocol's limit (https://www.sitemaps.org/protocol.html).
SITEMAP_LIMIT = 50_000
#: Pages no search engine should list: the search page shows nothing without a query.
_UNLISTED = (urls.SEARCH,)


def has_quote_feed(actor: Actor, config: Config) -> bool:
    """Whether an actor gets an Atom feed of its quotes: quoted ``[feeds] actor_min_quotes`` times or more.

    A feed of a few quotes is one a reader has little reason to follow; on 2,287 CNN articles
    5,365 actors were quoted, most once, and their feeds were 12 MB; from 5 quotes (the default)
    1,100 actors keep one.
    """
    threshold = config.feeds.actor_min_quotes
    return threshold > 0 and len(actor.quotes) >= threshold


def updated(dates: Iterable[dt.date | None]) -> dt.date | None:
    """A feed's ``updated``: its newest entry's date (None when no entry has one)."""
    return max((d for d in dates if d), default=None)


def sitemap_paths(files: Mapping[str, object]) -> list[str]:
    """The URL paths of the site's HTML pages for the sitemap (not 404 or search), sorted."""
    return sorted(urls.path_of(p) for p in files
                  if p.endswith("index.html") and not urls.path_of(p).startswith(_UNLISTED))


def sitemaps(paths: list[str], limit: int = SITEMAP_LIMIT) -> dict[str, list[str]]:
    """Sitemap file -> its URL paths: ``sitemap.xml`` alone, or ``sitemap-1.xml`` ... past ``limit`` URLs.

    With more than one file, ``sitemap.xml`` becomes their sitemap index (render writes it).
    """
    limit = max(limit, 1)
    if len(paths) <= limit:
        return {urls.SITEMAP: paths}
    return {f"sitemap-{n}.xml": paths[i:i + limit] for n, i in enumerate(range(0, len(paths), limit), 1)}


def robots_txt(config: Config) -> str:
    """robots.txt: everything may be crawled but the search page; the sitemap where the site has a host.

    A crawler reads robots.txt only at a host's root, so under a GitHub Pages project path
    the file is inert; it is written all the same, for a site that moves to its own domain.
    """
    lines = ["User-agent: *", f"Disallow: {urls.url_for(config, urls.SEARCH)}"]
    sitemap = urls.absolute_url(config, urls.SITEMAP)
    if sitemap.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {sitemap}")
    return "\n".join(lines) + "\n"
