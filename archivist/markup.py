"""An article's body as HTML: paragraphs, entity links and quote anchors at their offsets.

Annotation offsets point into ``Article.text``. For a plain-text article that is
its paragraphs joined by newlines; for Markdown it is the text of each block's
inline content, one block a line, gathered by ``markdown_text``. Rendering walks
the same tokens in the same order, so each piece of text knows its offset and
gets its links there, inside the HTML that markdown-it makes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from .models import Annotation, Article


def _parser(allow_html: bool = False) -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": allow_html}).enable("table")


def _inline_pieces(tokens) -> tuple[list[tuple[object, int]], str]:
    """(child token, its offset) for every text piece, and the text they make: one block a line.

    The one walk both ``markdown_text`` and ``render_body`` use, so offsets and text always agree.
    """
    pieces: list[tuple[object, int]] = []
    lines: list[str] = []
    offset = 0
    for block in tokens:
        if block.type != "inline":
            continue
        if lines:
            offset += 1  # the "\n" between blocks
        parts = []
        for child in block.children or []:
            if child.type in ("text", "code_inline"):
                piece = child.content
            elif child.type in ("softbreak", "hardbreak"):
                piece = " "
            else:
                continue
            pieces.append((child, offset))
            parts.append(piece)
            offset += len(piece)
        lines.append("".join(parts))
    return pieces, "\n".join(lines)


def markdown_text(markdown: str) -> str:
    """The annotatable text of a Markdown body: each block's inline text, one block a line."""
    return _inline_pieces(_parser().parse(markdown))[1]


@dataclass(frozen=True)
class Link:
    """An entity mention to link: its offsets, target URL, and the actor's kind."""

    start: int
    end: int
    href: str
    kind: str
    title: str


def _links(annotation: Annotation, mention_urls: Sequence[str | None]) -> list[Link]:
    links, last_end = [], -1
    for mention, href in sorted(zip(annotation.mentions, mention_urls), key=lambda mh: (mh[0].start, -mh[0].end)):
        if href is None or mention.start < last_end:
            continue  # no page, or overlaps a link already made
        links.append(Link(mention.start, mention.end, href, mention.kind, mention.actor))
        last_end = mention.end
    return links


def mark(text: str, start: int, end: int, links: Sequence[Link], quotes: Sequence[tuple[int, int, int, str]],
         opened: set[int]) -> Markup:
    """Escaped ``text[start:end]`` with entity links and quote spans inside it.

    ``quotes`` are (start, end, number, kind); a quote that runs over several pieces
    gets ``id="quote-N"`` on its first piece only (``opened`` remembers those).
    """
    out: list[str] = []

    def emit_text(a: int, b: int) -> None:
        pos = a
        for link in links:
            if link.start < a or link.end > b:
                continue
            out.append(str(escape(text[pos:link.start])))
            out.append(f'<a class="entity entity-{escape(link.kind)}" href="{escape(link.href)}">'
                       f"{escape(text[link.start:link.end])}</a>")
            pos = link.end
        out.append(str(escape(text[pos:b])))

    pos = start
    for q0, q1, n, kind in quotes:
        a, b = max(q0, start), min(q1, end)
        if a >= b or a < pos:
            continue
        emit_text(pos, a)
        anchor = "" if n in opened else f' id="quote-{n}"'
        opened.add(n)
        out.append(f'<span class="quote quote-{escape(kind)}"{anchor} data-quote="{n}">')
        emit_text(a, b)
        out.append("</span>")
        pos = b
    emit_text(pos, end)
    return Markup("".join(out))


def render_body(article: Article, annotation: Annotation, mention_urls: Sequence[str | None],
                allow_html: bool = False) -> Markup:
    """The article body as HTML, with a link for each mention whose URL is not None.

    Quote N (from 1, in annotation order) is wrapped in ``<span id="quote-N">``.
    """
    links = _links(annotation, mention_urls)
    quotes = sorted((q.start, q.end, i, q.kind) for i, q in enumerate(annotation.quotes, 1))
    opened: set[int] = set()
    text = article.text
    if article.format != "md":
        paras = []
        for n, (a, b) in enumerate(article.paragraphs, 1):
            paras.append(f'<p id="p-{n}">{mark(text, a, b, links, quotes, opened)}</p>')
        return Markup("\n".join(paras))
    md = _parser(allow_html)
    tokens = md.parse(article.markdown or "")
    for child, offset in _inline_pieces(tokens)[0]:
        if child.type in ("text", "code_inline") and text[offset:offset + len(child.content)] == child.content:
            html = mark(text, offset, offset + len(child.content), links, quotes, opened)
            child.meta = {**(child.meta or {}), "html": str(html)}
    rules = md.renderer.rules
    default_text = rules["text"]
    rules["text"] = lambda tokens, idx, options, env: (
        tokens[idx].meta["html"] if tokens[idx].meta and "html" in tokens[idx].meta
        else default_text(tokens, idx, options, env))
    return Markup(md.renderer.render(tokens, md.options, {}))
