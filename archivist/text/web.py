"""URL helpers over plain strings that every stage shares: hosts as outlets are keyed."""

from __future__ import annotations

from urllib.parse import urlsplit


def host_key(host: str) -> str:
    """A host as outlets are keyed: lower case, without "www." ("www.CBSNews.com" -> "cbsnews.com")."""
    return host.lower().removeprefix("www.")


def outlet_from_url(url: str | None) -> str | None:
    """The outlet named by a URL's host, without "www." ("https://www.cbsnews.com/x" -> "cbsnews.com")."""
    if not url:
        return None
    return host_key(urlsplit(url).hostname or "") or None
