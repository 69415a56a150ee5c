"""An article's body as HTML: paragraphs, entity links and quote anchors at their offsets.

Annotation offsets point into ``Article.text``. For a plain-text article that is
its paragraphs joined by newlines; for Markdown it is the text of each block's
inline content, one block a line, and the loader kept the HTML markdown-it made
with a placeholder for each piece of that text (``archivist.load.markdown``), so
each piece gets its links at its offset without a second parse.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Sequence

from markupsafe import Markup, escape

from archivist.models import PLACEHOLDER, Annotation, Article
from archivist.site.quote_ids import quote_anchors


@dataclass(frozen=True)
class Link:
    """An entity mention to link: its offsets, target URL, and the actor's kind."""

    start: int
    end: int
    href: str
    kind: str
    title: str


# ``link_mentions`` (config.LINK_SCOPES) says which mentions of an actor become links: "paragraph",
# the first in each paragraph; "article", the first in the article (the default, Wikipedia's rule:
# a reader clicks the first; the page's "Who and where" lists them all again); "all", every one
# (the seed article had 97 links in 838 words, most of them repeats a reader had just seen).


def _links(annotation: Annotation, actor_href: Callable[[str], str], scope: str = "all",
           paragraphs: Sequence[tuple[int, int]] = ()) -> list[Link]:
    links, last_end, seen = [], -1, set()
    ends = [end for _, end in paragraphs]
    for mention in sorted(annotation.mentions, key=lambda m: (m.start, -m.end)):
        if mention.actor_id is None or mention.start < last_end:
            continue  # no page, or overlaps a link already made
        href = actor_href(mention.actor_id)
        where = {"paragraph": bisect.bisect_left(ends, mention.start), "article": 0}.get(scope)
        if where is not None and (href, where) in seen:
            continue  # linked already in this paragraph (or article): the rest stays text
        seen.add((href, where))
        links.append(Link(mention.start, mention.end, href, mention.kind, mention.actor))
        last_end = mention.end
    return links


def mark(text: str, start: int, end: int, links: Sequence[Link], quotes: Sequence[tuple[int, int, int, str, str]],
         opened: set[int]) -> Markup:
    """Escaped ``text[start:end]`` with entity links and quote spans inside it.

    ``quotes`` are (start, end, number, kind, anchor); a quote that runs over several pieces
    gets its anchor id (``quote_ids``) on its first piece only (``opened`` remembers those).
    Every piece says its number N (``data-quote``): a positional ``#quote-N`` link made before
    stable anchors is sent to the anchor by the theme's script (``static/highlight.js``), in
    place of an empty ``<span id="quote-N">`` a quote (1.3 MB of CNN's article pages).
    """
    out: list[str] = []

    def emit_text(a: int, b: int) -> None:
        pos = a
        for link in links:
            if link.start < a or link.end > b:
                continue
            out.append(str(escape(text[pos:link.start])))
            out.append(f'<a class="entity-{escape(link.kind)}" href="{escape(link.href)}">'
                       f"{escape(text[link.start:link.end])}</a>")
            pos = link.end
        out.append(str(escape(text[pos:b])))

    pos = start
    for q0, q1, n, kind, anchor in quotes:
        a, b = max(q0, start), min(q1, end)
        if a >= b or a < pos:
            continue
        emit_text(pos, a)
        ids = f' id="{escape(anchor)}"' if n not in opened else ""
        opened.add(n)
        out.append(f'<span class="quote quote-{escape(kind)}"{ids} data-quote="{n}">')
        emit_text(a, b)
        out.append("</span>")
        pos = b
    emit_text(pos, end)
    return Markup("".join(out))


def render_body(article: Article, annotation: Annotation, actor_href: Callable[[str], str],
                link_mentions: str = "article") -> Markup:
    """The article body as HTML, with a link for the mentions of actors with a page (an ``actor_id``),
    to ``actor_href(actor_id)``.

    ``link_mentions`` (one of ``LINK_SCOPES``) says which: the first of each actor in each
    paragraph, in the article (the default), or all.

    Quote N (from 1, in annotation order) is wrapped in ``<span id="q-..." data-quote="N">`` (its
    stable anchor, ``quote_ids.quote_anchors``).
    """
    links = _links(annotation, actor_href, link_mentions, article.paragraphs)
    anchors = quote_anchors(annotation.quotes)
    quotes = sorted((q.start, q.end, i, q.kind, anchors[i - 1]) for i, q in enumerate(annotation.quotes, 1))
    opened: set[int] = set()
    text = article.text
    if article.format != "md":
        paras = []
        for n, (a, b) in enumerate(article.paragraphs, 1):
            paras.append(f'<p id="p-{n}">{mark(text, a, b, links, quotes, opened)}</p>')
        return Markup("\n".join(paras))
    # Markdown was parsed once, at load: fill its skeleton's placeholders, in document order.
    return Markup(PLACEHOLDER.sub(
        lambda m: str(mark(text, int(m[1]), int(m[1]) + int(m[2]), links, quotes, opened)), article.skeleton or ""))
