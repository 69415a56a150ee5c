"""Prune stage: actors too rarely mentioned to deserve a page of their own lose it.

Between aggregation and rendering. On a large archive most actors are named once
(on 2,287 CNN articles, 53% of 20,876 actors), and a page each is most of the
site's size. ``[actors] min_mentions = N`` in site.toml drops every actor mentioned
fewer than N times across the archive, and ``[actors] min_articles = M`` every actor
named in fewer than M articles (a page that lists one article, the one it is named in,
and the actors that article names, says nothing its article page does not), except

* quoted speakers: quote cards link to their speaker, and the speaker's page
  gathers what they said, which is worth a page even when said once;
* actors the editor file (``actors.toml``) describes or links: an editor wrote them a page.

A dropped actor disappears from the Archive: its mentions' ``actor_id`` becomes None (the
article text shows the name as plain text, ``annotations.json`` gives ``actor_id: null``), its
name goes to ``Archive.unpaged``, and no listing or ``actors.json`` names it, so no page links to
a page that was not written. ``aggregate_actors`` prunes before it counts what actors share
(``relate_actors``): co-actor lists are counted once, over the actors kept, so a kept actor
still shows its ``CO_ACTORS`` most frequent companions.
"""

from __future__ import annotations

import dataclasses

from archivist.models import Actor, Annotation, Archive

__all__ = ["prune_actors", "keeps_page"]


def keeps_page(actor: Actor, min_mentions: int, quoted: frozenset[str] | set[str] = frozenset(),
               min_articles: int = 1) -> bool:
    """Whether ``actor`` gets a page: enough mentions in enough articles, quoted (its id in ``quoted``),
    or editor-described."""
    return ((actor.mentions >= min_mentions and (min_articles <= 1 or len(actor.articles) >= min_articles))
            or bool(actor.quotes)
            or actor.id in quoted or actor.description is not None or bool(actor.links))


def prune_actors(archive: Archive, min_mentions: int, min_articles: int = 1) -> Archive:
    """The archive without the actors that get no page (``archive`` itself when none is dropped).

    What the kept actors share is left as it is: ``aggregate_actors`` prunes before counting it.
    """
    if min_mentions <= 1 and min_articles <= 1:
        return archive  # every actor has at least one mention or quote in an article: nothing to drop
    quoted = {q.actor_id for ann in archive.annotations.values() for q in ann.quotes if q.actor_id is not None}
    kept = tuple(a for a in archive.actors if keeps_page(a, min_mentions, quoted, min_articles))
    if len(kept) == len(archive.actors):
        return archive
    keep = {a.id for a in kept}
    return dataclasses.replace(
        archive,
        actors=kept,
        annotations={article: _unlinked(ann, keep) for article, ann in archive.annotations.items()},
        unpaged=tuple(sorted(a.name for a in archive.actors if a.id not in keep)),
    )


def _unlinked(annotation: Annotation, keep: set[str]) -> Annotation:
    """``annotation`` with the mentions and quotes of actors not in ``keep`` carrying no actor id."""
    def unlinked(records):
        return tuple(r if r.actor_id is None or r.actor_id in keep else dataclasses.replace(r, actor_id=None)
                     for r in records)

    if all(r.actor_id is None or r.actor_id in keep for r in (*annotation.mentions, *annotation.quotes)):
        return annotation
    return Annotation(mentions=unlinked(annotation.mentions), quotes=unlinked(annotation.quotes))
