"""Shared fixtures: the real spaCy model, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, as archivist loads it."""
    from archivist.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def annotate(nlp):
    """Text in, Annotation out, through the real model and archivist's extractors."""
    from archivist.nlp import annotate_doc

    def run(text: str):
        return annotate_doc(nlp(text))

    return run


@pytest.fixture(scope="session")
def quoted(nlp):
    """Text in, what the cue finders read out: (doc, DocIndex, quote spans, in-quote flags per token, paragraphs)."""
    from archivist.cues import DocIndex
    from archivist.marks import find_quote_spans, paragraphs

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
