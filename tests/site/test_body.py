"""Article bodies: entity links and quote anchors at their offsets, everything escaped."""

from __future__ import annotations

from archivist.load.markdown import parse_markdown
from archivist.models import Annotation, Article, Mention, Quote
from archivist.site.body import render_body
from archivist.site.quote_ids import quote_anchor, quote_anchors


def article(text, fmt="txt", skeleton=None):
    return Article(id="a", source="a", title="t", date=None, url=None, outlet=None, text=text,
                   format=fmt, skeleton=skeleton)


def mention(text, sub, actor, kind="person", nth=0, actor_id=None):
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Mention(start, start + len(sub), sub, "PERSON", actor, kind, actor_id=actor_id)


def href(actor_id):
    """An actor page's URL, as the build makes it (without a base path)."""
    return f"/actors/{actor_id}/"


def test_links_and_quotes_in_plain_text():
    text = '"We will not," Sherman said.\nPeskov <b>replied</b>.'
    ann = Annotation(mentions=(mention(text, "Sherman", "Wendy Sherman", actor_id="wendy-sherman"),
                               mention(text, "Peskov", "Dmitry Peskov")),  # Peskov: no page
                     quotes=(Quote(0, 14, text[:14], "Wendy Sherman", None, "said"),))
    html = render_body(article(text), ann, href)
    assert html == ('<p id="p-1"><span class="quote quote-direct" id="q-we-will-not-35398d" data-quote="1">'
                    '&#34;We will not,&#34;</span> <a class="entity-person" href="/actors/wendy-sherman/">'
                    'Sherman</a> said.</p>\n<p id="p-2">Peskov &lt;b&gt;replied&lt;/b&gt;.</p>')


def test_an_actor_links_once_an_article_by_default():
    """The first mention of an actor in the article is its link (as site.toml's default says); the rest are text."""
    from archivist.config import parse_config

    text = "Sherman spoke.\nLater Sherman left, and Sherman came back."
    ann = Annotation(mentions=tuple(mention(text, "Sherman", "Wendy Sherman", nth=n, actor_id="wendy-sherman")
                                    for n in range(3)))
    html = render_body(article(text), ann, href)
    assert html == ('<p id="p-1"><a class="entity-person" href="/actors/wendy-sherman/">Sherman</a> spoke.</p>\n'
                    '<p id="p-2">Later Sherman left, and Sherman came back.</p>')
    assert parse_config({"title": "T"}).link_mentions == "article"
    assert render_body(article(text), ann, href, "paragraph").count("<a ") == 2


def test_quote_over_two_paragraphs_gets_one_anchor():
    text = '"First part\n"second part," she said.'
    ann = Annotation(quotes=(Quote(0, 25, text[:25], None, None, None),))
    html = render_body(article(text), ann, href)
    assert 'id="quote-1"' not in html and html.count('data-quote="1"') == 2  # highlight.js maps #quote-1
    assert html.count('id="q-first-part-second-part') == 1


def test_quote_anchors_come_from_the_words_not_the_position():
    """Dropping the first quote keeps the second one's anchor; the old positional number moves."""
    text = '"One thing," she said. "Another thing," he said.'
    first, second = Quote(0, 12, text[:12], None, None, None), Quote(23, 39, text[23:39], None, None, None)
    both = render_body(article(text), Annotation(quotes=(first, second)), href)
    alone = render_body(article(text), Annotation(quotes=(second,)), href)
    anchor = quote_anchor(second.text)
    assert anchor.startswith("q-another-thing-") and f'id="{anchor}"' in both and f'id="{anchor}"' in alone
    assert quote_anchors((second, second)) == (anchor, anchor + "-2")
    assert f'id="{anchor}" data-quote="2"' in both and f'id="{anchor}" data-quote="1"' in alone


def test_overlapping_mentions_link_once():
    text = "President Vladimir Putin spoke."
    ann = Annotation(mentions=(mention(text, "President Vladimir Putin", "Vladimir Putin", actor_id="p"),
                               mention(text, "Vladimir Putin", "Vladimir Putin", actor_id="p")))
    html = render_body(article(text), ann, href)
    assert html.count("<a ") == 1


def test_markdown_keeps_its_formatting_and_gets_links():
    md = "# Talks\n\nKremlin spokesman *Dmitry Peskov* said [more](https://example.org).\n\n<script>x</script>"
    text, skeleton = parse_markdown(md)
    assert text == "Talks\nKremlin spokesman Dmitry Peskov said more.\n<script>x</script>"  # raw HTML is text
    ann = Annotation(mentions=(mention(text, "Dmitry Peskov", "Dmitry Peskov", actor_id="dmitry-peskov"),))
    html = render_body(article(text, "md", skeleton), ann, href)
    assert "<h1>Talks</h1>" in html
    assert '<em><a class="entity-person" href="/actors/dmitry-peskov/">Dmitry Peskov</a></em>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_raw_html_passes_only_when_allowed():
    md = "Text <b>bold</b>."
    allowed, escaped = parse_markdown(md, allow_html=True), parse_markdown(md)
    assert "<b>bold</b>" in render_body(article(allowed[0], "md", allowed[1]), Annotation(), href)
    assert "&lt;b&gt;" in render_body(article(escaped[0], "md", escaped[1]), Annotation(), href)


def test_markdown_images_from_another_host_are_links_not_loads():
    text, skeleton = parse_markdown("![x](https://evil.example/t.png) ![y](//evil.example/u.png) ![z](img/a.png)")
    html = render_body(article(text, "md", skeleton), Annotation(), href)
    assert "<img" in html and html.count("<img") == 1 and 'src="img/a.png"' in html
    assert 'href="https://evil.example/t.png"' in html and "src=\"https://evil" not in html
