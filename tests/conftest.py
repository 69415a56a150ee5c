"""Shared fixtures: the real spaCy model, loaded once per test session."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Mapping

import pytest
from markupsafe import Markup, escape

from archivist.config import parse_config
from archivist.models import (
    Actor,
    Annotation,
    Archive,
    Article,
    Mention,
    Quote,
    QuoteRef,
    Span,
)
from archivist.site.quote_ids import quote_anchors
from archivist.site.render import (
    default_theme_dir,
    render_site,
)

#: The repository, its example archive and tests' data; ``../shared`` beside it (benchmarks' data).
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, as archivist loads it."""
    from archivist.annotate.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def annotate(nlp):
    """Text in, Annotation out, through the real model and archivist's extractors."""
    from archivist.annotate.nlp import annotate_doc

    def run(text: str):
        return annotate_doc(nlp(text))

    return run


@pytest.fixture(scope="session")
def quoted(nlp):
    """Text in, what the cue finders read out: (doc, DocIndex, quote spans, in-quote flags per token, paragraphs)."""
    from archivist.annotate.docindex import DocIndex
    from archivist.annotate.quotes.marks import find_quote_spans, paragraphs

    def run(text: str):
        doc = nlp(text)
        index = DocIndex(doc)
        spans = find_quote_spans(text)
        in_quote = [False] * len(doc)
        for s, e in spans:
            i0, i1 = index.tokens(s, e)
            for k in range(i0, i1):
                in_quote[k] = True
        return doc, index, spans, in_quote, paragraphs(text)

    return run


@pytest.fixture(scope="session")
def example_site(tmp_path_factory, nlp):
    """The repository's example archive, copied and built once under a GitHub Pages subpath.

    Returns (site folder, BuildReport, log lines); the output is ``<tmp>/www/archive``, so
    serving ``<tmp>/www`` puts the site at ``/archive/`` as GitHub Pages would.
    """
    import shutil

    from archivist.build import build

    tmp = tmp_path_factory.mktemp("example")
    site = tmp / "site"
    site.mkdir()
    shutil.copy(ROOT / "site.toml", site / "site.toml")
    shutil.copytree(ROOT / "content", site / "content")
    logs: list[str] = []
    report = build(site, output_dir=tmp / "www" / "archive", overrides={"base_url": BASE_URL}, progress=False,
                   log=logs.append)
    return site, report, logs


BASE_URL = "https://someone.github.io/archive/"


# Shared by the aggregate, render, search and browser tests: hand-built archives, no model.

def write_site(out: Path, **overrides) -> Path:
    """Render the sample archive into ``out``; the folder."""
    archive, config = sample_archive(), sample_config(**overrides)
    for path, data in render_site(archive, config, [default_theme_dir()], sample_body(archive, config)).items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return out


XSS = "<script>alert(1)</script>"


def _mention(text: str, needle: str, label: str, actor: str, kind: str, nth: int = 0, role=None) -> Mention:
    """A Mention of the nth occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Mention(start, start + len(needle), needle, label, actor, kind, role)


def _quote(text: str, quoted: str, speaker: str | None, who: str | None, cue="said", kind="direct", role=None) -> Quote:
    """A Quote of ``quoted`` (with its marks) in ``text``, said by ``who`` (the words naming the speaker)."""
    start = text.index(quoted)
    mention = None
    if who:
        at = text.index(who)
        mention = Span(at, at + len(who), who)
    return Quote(start, start + len(quoted), quoted, speaker, mention, cue, kind, role)


def sample_archive() -> Archive:
    """Three articles, four actors, direct/partial/unattributed quotes and a hostile title."""
    t1 = ("Mayor Jane Doe said the Springfield council approved the budget on Tuesday.\n"
          "“This budget keeps every library open for another year,” Jane Doe said.\n"
          "A senior official said “nothing has been decided about the harbour yet, not at all.”\n"
          "John Smith, of the Port Authority, called it “a start”.")
    m1 = (_mention(t1, "Jane Doe", "PERSON", "Jane Doe", "person", role="Mayor"),
          _mention(t1, "Springfield", "GPE", "Springfield", "place"),
          _mention(t1, "Jane Doe", "PERSON", "Jane Doe", "person", nth=1),
          _mention(t1, "John Smith", "PERSON", "John Smith", "person"),
          _mention(t1, "Port Authority", "ORG", "Port Authority", "organisation"))
    q1 = (_quote(t1, "“This budget keeps every library open for another year,”", "Jane Doe", "Jane Doe", role="Mayor"),
          _quote(t1, "“nothing has been decided about the harbour yet, not at all.”", None, "A senior official",
                 kind="partial"),
          _quote(t1, "“a start”", "John Smith", "John Smith", cue="called", kind="partial"))
    a1 = Article("budget", "budget.txt", "Council approves the budget", dt.date(2024, 3, 5),
                 "https://example.com/news/budget?id=1&lang=en", "Example Times", t1,
                 authors=("Ann Writer",), tags=("council", "budget"))

    t2 = (f"Readers saw {XSS} in a comment.\n"
          "Jane Doe said: “We will fix the comment form before the next meeting of the council.”")
    m2 = (_mention(t2, "Jane Doe", "PERSON", "Jane Doe", "person"),)
    q2 = (_quote(t2, "“We will fix the comment form before the next meeting of the council.”", "Jane Doe", "Jane Doe"),)
    a2 = Article("xss", "xss.md", f"Comment form shows {XSS}", dt.date(2023, 11, 20),
                 "https://en.wikinews.org/wiki/Comment_form", "Wikinews", t2, format="md",
                 credit="Wikinews, CC BY 2.5")

    t3 = ("The harbour in Springfield reopened on Thursday.\n"
          "The Port Authority said repairs cost less than expected.")
    m3 = (_mention(t3, "Springfield", "GPE", "Springfield", "place"),
          _mention(t3, "Port Authority", "ORG", "Port Authority", "organisation"))
    a3 = Article("harbour", "harbour.txt", "Harbour reopens", dt.date(2023, 6, 1), None, "Example Times", t3,
                 reference="wire/NEWID=7&<b>")

    actors = (
        Actor("jane-doe", "Jane Doe", "person", aliases=("Doe",), roles=("Mayor",),
              description="Mayor of Springfield.", links=(("Wikipedia", "https://en.wikipedia.org/wiki/Jane_Doe"),),
              mentions=3, articles=("budget", "xss"), quotes=(QuoteRef("budget", 0), QuoteRef("xss", 0)),
              co_actors=(("springfield", 1), ("john-smith", 1), ("port-authority", 1)),
              timeline=(("2023-11", 1), ("2024-03", 2)), outlets=(("Example Times", 1), ("Wikinews", 1))),
        Actor("john-smith", "John Smith", "person", mentions=1, articles=("budget",),
              quotes=(QuoteRef("budget", 2),), co_actors=(("jane-doe", 1),), timeline=(("2024-03", 1),),
              outlets=(("Example Times", 1),)),
        Actor("port-authority", "Port Authority", "organisation", mentions=2, articles=("budget", "harbour"),
              co_actors=(("springfield", 2),), timeline=(("2023-06", 1), ("2024-03", 1))),
        Actor("springfield", "Springfield", "place", mentions=2, articles=("budget", "harbour"),
              co_actors=(("port-authority", 2),), timeline=(("2023-06", 1), ("2024-03", 1))),
    )
    ids = {"Jane Doe": "jane-doe", "John Smith": "john-smith", "Port Authority": "port-authority",
           "Springfield": "springfield"}
    def resolved(mentions, quotes):  # as the aggregate stage leaves them: each with its actor's id
        return Annotation(tuple(dataclasses.replace(m, actor_id=ids.get(m.actor)) for m in mentions),
                          tuple(dataclasses.replace(q, actor_id=ids.get(q.speaker)) for q in quotes))

    annotations = {"budget": resolved(m1, q1), "xss": resolved(m2, q2), "harbour": resolved(m3, ())}
    return Archive(articles=(a1, a2, a3), annotations=annotations, actors=actors)


def sample_config(**overrides):
    """The sample site's config (two articles a page, so pagination shows)."""
    data = {"title": "Springfield Archive", "description": "News about Springfield & its harbour",
            "base_url": "https://someone.github.io/archive/", "per_page": 2}
    return parse_config({**data, **overrides})


def sample_body(archive: Archive, config):
    """A stand-in for body.py: escaped paragraphs, actor links on mentions, quote anchors (stable and ``quote-N``)."""
    def body(article: Article) -> Markup:
        ann = archive.annotations[article.id]
        tags: list[tuple[int, int, str]] = []  # (offset, order, markup); closes sort before opens
        for n, (q, anchor) in enumerate(zip(ann.quotes, quote_anchors(ann.quotes)), 1):
            tags += [(q.start, 1, f'<span id="quote-{n}"></span><span class="quote" id="{anchor}">'), (q.end, 0, "</span>")]
        for m in ann.mentions:
            if m.actor_id:
                href = f"{config.base_path}actors/{m.actor_id}/"
                tags += [(m.start, 2, f'<a class="entity" href="{href}">'), (m.end, -1, "</a>")]
        paras = []
        for start, end in article.paragraphs:
            out, pos = [], start
            for at, _, tag in sorted(t for t in tags if start <= t[0] <= end):
                out += [str(escape(article.text[pos:at])), tag]
                pos = at
            out.append(str(escape(article.text[pos:end])))
            paras.append("<p>" + "".join(out) + "</p>")
        return Markup("\n".join(paras))
    return body


def broken_links(files: Mapping[str, bytes], base_url: str, not_rendered: tuple[str, ...] = ("pagefind/",)) -> list:
    """(page, link) for every link from an HTML or XML file to a missing file or ``#fragment`` of the site.

    ``archivist check``'s link rules (``archivist.site.check``); paths under ``not_rendered`` are
    written by a later stage (Pagefind) and skipped.
    """
    from archivist.site.check import check_files

    return [(p.page, p.target) for p in check_files(files, base_url, not_rendered)
            if p.kind in ("link", "anchor", "outside")]


LABELS = {"person": "PERSON", "organisation": "ORG", "place": "GPE", "other": "NORP"}


def article(id, text, date="2024-03-05", outlet="cnn.com"):
    return Article(id=id, source=f"{id}.txt", title=id, date=dt.date.fromisoformat(date) if date else None,
                   url=None, outlet=outlet, text=text)


def mentions(text, *specs):
    """Mentions of ``text``: each spec is (surface, actor, kind[, role]) for the surface's next occurrence."""
    out, pos = [], {}
    for spec in specs:
        surface, actor, kind, role = (*spec, None)[:4]
        start = text.index(surface, pos.get(surface, 0))
        pos[surface] = start + 1
        out.append(Mention(start, start + len(surface), surface, LABELS[kind], actor, kind, role))
    return tuple(out)


def corpus(*items):
    """(articles, annotations) from (article, mention specs[, quotes]) items."""
    arts, anns = [], {}
    for a, specs, *quotes in items:
        arts.append(a)
        anns[a.id] = Annotation(mentions(a.text, *specs), tuple(quotes[0]) if quotes else ())
    return arts, anns


def quote(text, said, speaker, role=None):
    start = text.index(said)
    return Quote(start, start + len(said), said, speaker, None, "said", role=role)


def by_name(archive):
    return {a.name: a for a in archive.actors}


def actor_ids(archive, records="mentions"):
    """Article id -> the ``actor_id`` of each of its ``records`` ("mentions" or "quotes"), in order."""
    return {article: tuple(r.actor_id for r in getattr(ann, records)) for article, ann in archive.annotations.items()}
