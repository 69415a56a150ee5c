"""Prune stage: actors too rarely mentioned to deserve a page of their own lose it.

Between aggregation and rendering. On a large archive most actors are named once
(on 2,287 CNN articles, 53% of 20,876 actors), and a page each is most of the
site's size. ``[actors] min_mentions = N`` in site.toml drops every actor mentioned
fewer than N times across the archive, except

* quoted speakers: quote cards link to their speaker, and the speaker's page
  gathers what they said, which is worth a page even when said once;
* actors the editor file (``actors.toml``) describes or links: an editor wrote them a page.

A dropped actor disappears from the Archive: its mentions map to None (the article
text shows the name as plain text, ``annotations.json`` gives ``actor_id: null``),
and no listing, co-actor list or ``actors.json`` names it, so no page links to a
page that was not written. Co-actor lists are recounted over the actors kept, so a
kept actor still shows its ``CO_ACTORS`` most frequent companions.
"""

from __future__ import annotations

import dataclasses

from archivist.aggregate.actors import co_actor_counts
from archivist.models import Actor, Archive

__all__ = ["prune_actors", "keeps_page"]


def keeps_page(actor: Actor, min_mentions: int, quoted: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether ``actor`` gets a page: enough mentions, quoted (its id in ``quoted``), or editor-described."""
    return (actor.mentions >= min_mentions or bool(actor.quotes) or actor.id in quoted
            or actor.description is not None or bool(actor.links))


def prune_actors(archive: Archive, min_mentions: int) -> Archive:
    """The archive without the actors that get no page (``archive`` itself when none is dropped)."""
    if min_mentions <= 1:
        return archive  # every actor has at least one mention or quote: nothing to drop
    quoted = {i for ids in archive.quote_actors.values() for i in ids if i is not None}
    kept = tuple(a for a in archive.actors if keeps_page(a, min_mentions, quoted))
    if len(kept) == len(archive.actors):
        return archive
    keep = {a.id for a in kept}
    mention_actors = {article: tuple(i if i in keep else None for i in ids)
                      for article, ids in archive.mention_actors.items()}
    co = co_actor_counts(mention_actors, archive)
    return dataclasses.replace(
        archive,
        actors=tuple(dataclasses.replace(a, co_actors=co.get(a.id, ())) for a in kept),
        mention_actors=mention_actors,
    )
