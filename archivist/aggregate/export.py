"""``archivist annotate``'s output: annotations as JSON lines, names resolved across the input.

Within one article, entities.py already names an actor by the fullest name the
article uses. Across the input, aggregation (actors.py) goes further: a bare
"Obama" in one article is the "Barack Obama" of another where that is
unambiguous. Each line's ``actor`` and ``speaker`` are those archive-level names.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Iterator, Sequence

from archivist.aggregate.actors import aggregate_actors
from archivist.models import Annotation, Article


def archive_annotations(items: Sequence[tuple[str, str]], annotations: Sequence[Annotation]) -> list[Annotation]:
    """``annotations`` of the ``(id, text)`` items, with actor and speaker names as the whole input resolves them."""
    articles = [Article(id=f"a{n}", source=item_id, title=item_id, date=None, url=None, outlet=None, text=text)
                for n, (item_id, text) in enumerate(items)]
    archive = aggregate_actors(articles, {a.id: ann for a, ann in zip(articles, annotations)})
    names = {actor.id: actor.name for actor in archive.actors}
    out = []
    for article in articles:
        ann = archive.annotations[article.id]
        mentions = tuple(dataclasses.replace(m, actor=names[m.actor_id]) if m.actor_id else m for m in ann.mentions)
        quotes = tuple(dataclasses.replace(q, speaker=names[q.actor_id]) if q.actor_id and q.speaker else q
                       for q in ann.quotes)
        out.append(Annotation(mentions=mentions, quotes=quotes))
    return out


def json_lines(items: Sequence[tuple[str, str]], annotations: Sequence[Annotation]) -> Iterator[str]:
    """One JSON line per item: ``{"id", "entities", "quotes"}`` with sorted keys."""
    for (item_id, _), annotation in zip(items, annotations):
        yield json.dumps({"id": item_id, **annotation.to_json()}, ensure_ascii=False, sort_keys=True) + "\n"
