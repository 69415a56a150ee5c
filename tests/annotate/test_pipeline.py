"""The annotate stage: cached annotations are reused, processes change nothing but speed, chunks come as done."""

from __future__ import annotations

import os

from conftest import ROOT

from archivist.annotate.model import available_model
from archivist.annotate.pipeline import (CHUNK, PARALLEL_MIN, annotate, annotate_texts, annotated_chunks, choose_processes,
                                         chunk_starts)
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
    # Many texts: one process a core, at most four (a worker costs a model load and ~150 MB).
    assert choose_processes(0, 10_000) == max(1, min(os.cpu_count() or 1, 4))
    assert choose_processes(0, PARALLEL_MIN - 1) == 1 and choose_processes(0, PARALLEL_MIN) == choose_processes(0, 10_000)


def test_chunk_starts_give_every_worker_work():
    assert chunk_starts(6, 2) == [0, 3]
    assert chunk_starts(40, 2) == [0, 16, 32]
    assert chunk_starts(5, 8) == [0, 1, 2, 3, 4]
    assert chunk_starts(0, 2) == []


def test_chunks_arrive_one_at_a_time_for_the_cache(nlp):
    texts = [f'"We are ready," said Minister Anna Berg{i}.' for i in range(CHUNK + 3)]
    chunks = annotated_chunks(texts, available_model(), progress=False)
    start, first, workers = next(chunks)  # a chunk at a time: annotate() caches each as it comes
    assert (start, len(first), workers) == (0, CHUNK, 1)
    assert [(s, len(a)) for s, a, _ in chunks] == [(CHUNK, 3)]
    assert first[0].quotes[0].speaker == "Anna Berg0"
