"""Tests of archivist.load.markdown: a Markdown body's annotatable text and its HTML skeleton."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from markupsafe import escape

from archivist.load.markdown import parse_markdown

PLACEHOLDER = re.compile("\x00(\\d+):(\\d+)\x00")


def _filled(text: str, skeleton: str) -> str:
    """The skeleton with each placeholder replaced by its (escaped) piece of the text."""
    return PLACEHOLDER.sub(lambda m: str(escape(text[int(m[1]):int(m[1]) + int(m[2])])), skeleton)


@pytest.mark.parametrize("markdown, text, skeleton", [
    ("Hello *world*", "Hello world", "<p>\x000:6\x00<em>\x006:5\x00</em></p>\n"),
    # one block a line; a soft or hard break is a space of the text
    ("# Title\n\nPara one\nline two  \nthree", "Title\nPara one line two three",
     "<h1>\x000:5\x00</h1>\n<p>\x006:8\x00\n\x0015:8\x00<br />\n\x0024:5\x00</p>\n"),
    # inline code is text to annotate, rendered as it is
    ("a `code` b", "a code b", "<p>\x000:2\x00<code>code</code>\x006:2\x00</p>\n"),
    ("[link](http://e.com) x", "link x", '<p><a href="http://e.com">\x000:4\x00</a>\x004:2\x00</p>\n'),
    # tables are enabled: a cell a line
    ("| a | b |\n|---|---|\n| c | d |", "a\nb\nc\nd",
     "<table>\n<thead>\n<tr>\n<th>\x000:1\x00</th>\n<th>\x002:1\x00</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
     "<td>\x004:1\x00</td>\n<td>\x006:1\x00</td>\n</tr>\n</tbody>\n</table>\n"),
    ("", "", ""),
])
def test_text_and_skeleton(markdown, text, skeleton):
    assert parse_markdown(markdown) == (text, skeleton)


def test_html_is_text_unless_allowed():
    assert parse_markdown("<b>hi</b> there") == ("<b>hi</b> there", "<p>\x000:15\x00</p>\n")
    assert parse_markdown("<b>hi</b> there", allow_html=True) == ("hi there", "<p><b>\x000:2\x00</b>\x002:6\x00</p>\n")


@pytest.mark.parametrize("src", ["https://x.org/c.png", "//x.org/c.png", "HTTP://x.org/c.png", "data:image/png;base64,AA"])
def test_a_remote_image_is_a_link_not_loaded(src):
    text, skeleton = parse_markdown(f"![a <cat>]({src})")
    assert text == ""
    assert skeleton == f'<p><a class="remote-image" href="{escape(src)}" rel="nofollow noopener">' \
                       "[image: a &lt;cat&gt;]</a></p>\n"


def test_a_remote_image_without_alt_text_is_called_image():
    assert parse_markdown("![](https://x.org/c.png)")[1] == \
        '<p><a class="remote-image" href="https://x.org/c.png" rel="nofollow noopener">[image: image]</a></p>\n'


@pytest.mark.parametrize("markdown, html", [
    ("![cat](img/c.png)", '<p><img src="img/c.png" alt="cat" /></p>\n'),  # local: shown
    ("![cat](/img/c.png)", '<p><img src="/img/c.png" alt="cat" /></p>\n'),
])
def test_a_local_image_is_shown(markdown, html):
    assert parse_markdown(markdown) == ("", html)


def test_remote_images_are_shown_where_allowed():
    assert parse_markdown("![cat](https://x.org/c.png)", allow_remote_images=True) == \
        ("", '<p><img src="https://x.org/c.png" alt="cat" /></p>\n')


@pytest.mark.parametrize("markdown", [
    "Mayor *Jane Doe* said the council met.\n\n> “We will fix it,” she said.\n\n- one & two\n- three < four",
    "# A & B\n\nText with **bold _and_ italic** and a [link](https://e.com/?a=1&b=2).\nNext line.",
    "| who | said |\n|---|---|\n| Jane | “yes” |\n\n1. first\n2. second",
])
def test_the_filled_skeleton_is_the_markdowns_html_and_every_piece_is_its_text(markdown):
    text, skeleton = parse_markdown(markdown)
    assert _filled(text, skeleton) == MarkdownIt("commonmark").enable("table").render(markdown)
    pieces = [(int(m[1]), int(m[2])) for m in PLACEHOLDER.finditer(skeleton)]
    ends = [0] + [s + n for s, n in pieces]
    assert all(e <= s for e, (s, _) in zip(ends, pieces))  # in order, never overlapping
    gaps = "".join(text[e:s] for e, (s, _) in zip(ends, pieces)) + text[ends[-1]:]
    assert set(gaps) <= {"\n", " "}  # the text is the pieces, joined by block breaks and soft breaks
