"""Markdown bodies, parsed once: the text to annotate and the HTML skeleton to render.

markdown-it parses a body once, at load. Its text (each block's inline content, one
block a line) is what the annotate stage reads, so every offset points into it; its
HTML is kept with a placeholder ``\\x00start:length\\x00`` where each piece of that text
goes, so the site stage fills in entity links and quote anchors at their offsets
without parsing the Markdown again. Article files never hold a NUL (the loader refuses
them), so a placeholder cannot be forged by content.

Images from another host are shown as a link to the image, never loaded: a reader's
browser fetches nothing from another host unless ``allow_remote_images`` is set.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import escape

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_LOCAL = re.compile(r"^(?![a-z][a-z0-9+.-]*:|//|\\)", re.IGNORECASE)


def _parser(allow_html: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt  # here: an archive of .txt articles never pays for importing it

    return MarkdownIt("commonmark", {"html": allow_html}).enable("table")


def _pieces(tokens) -> tuple[list[tuple[object, int]], str]:
    """(child token, its offset) for every text piece, and the text they make: one block a line."""
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


def parse_markdown(markdown: str, allow_html: bool = False, allow_remote_images: bool = False) -> tuple[str, str]:
    """(text, skeleton) of a Markdown body: the annotatable text and the HTML with placeholders.

    >>> parse_markdown("Hello *world*")
    ('Hello world', '<p>\\x000:6\\x00<em>\\x006:5\\x00</em></p>\\n')
    """
    md = _parser(allow_html)
    tokens = md.parse(markdown)
    pieces, text = _pieces(tokens)
    for child, offset in pieces:
        if child.type == "text":
            child.meta = {**(child.meta or {}), "piece": f"\x00{offset}:{len(child.content)}\x00"}
    rules = md.renderer.rules
    default_text, default_image = rules["text"], rules["image"]

    def text_rule(tokens, idx, options, env):
        meta = tokens[idx].meta
        return meta["piece"] if meta and "piece" in meta else default_text(tokens, idx, options, env)

    def image_rule(tokens, idx, options, env):
        src = tokens[idx].attrGet("src") or ""
        if allow_remote_images or _LOCAL.match(src):
            return default_image(tokens, idx, options, env)
        alt = "".join(c.content for c in tokens[idx].children or []) or "image"
        return f'<a class="remote-image" href="{escape(src)}" rel="nofollow noopener">[image: {escape(alt)}]</a>'

    rules["text"], rules["image"] = text_rule, image_rule
    return text, md.renderer.render(tokens, md.options, {})
