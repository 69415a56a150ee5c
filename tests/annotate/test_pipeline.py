"""The annotate stage: cached annotations are reused, and processes change nothing but speed."""

from __future__ import annotations

from conftest import ROOT

from archivist.annotate.model import available_model
from archivist.annotate.pipeline import annotate, annotate_texts, choose_processes
from archivist.load.articles import load_articles


def test_cache_is_used_on_the_second_run(tmp_path, nlp):
    articles = load_articles(ROOT / "content").articles[:3]
    first, stats1 = annotate(articles, tmp_path / "cache.sqlite3", progress=False)
    second, stats2 = annotate(articles, tmp_path / "cache.sqlite3", progress=False)
    assert (stats1.annotated, stats1.cached) == (3, 0)
    assert (stats2.annotated, stats2.cached) == (0, 3)
    assert first == second
    assert any(a.mentions for a in first.values())


def test_two_processes_give_the_same_annotations_as_one(nlp):
    texts = [a.text for a in load_articles(ROOT / "content").articles[:6]]
    model = available_model()
    assert annotate_texts(texts, model, processes=2, progress=False) == \
        annotate_texts(texts, model, processes=1, progress=False)


def test_process_choice():
    assert choose_processes(3, 1) == 3
    assert choose_processes(0, 10) == 1
    assert choose_processes(0, 10_000) >= 1
