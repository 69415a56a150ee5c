"""Annotate stage: every article's Annotation, from the cache or from spaCy.

spaCy is imported only when some text is not cached, so an unchanged rebuild
never loads a model. Uncached texts run batched through ``nlp.pipe``; many of
them are split over worker processes, each with its own model, which return
plain Annotation data.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from archivist.annotate.model import available_model, model_version
from archivist.annotate.cache import AnnotationCache, cache_key
from archivist.models import Annotation, Article

#: Packages whose source is the annotator's version (see ``annotator_version``).
ANNOTATOR_PACKAGES = ("annotate", "text")
#: Fewer uncached articles than this run in one process (a worker's start costs a model load).
PARALLEL_MIN = 64
CHUNK = 16


@dataclass(frozen=True)
class AnnotateStats:
    """What the annotate stage did: cached and new annotations, words annotated, seconds."""

    cached: int
    annotated: int
    words: int
    seconds: float
    processes: int
    model: str


def annotator_version() -> str:
    """A hash of the code that decides annotations: every ``.py`` file of the ``annotate``
    package and of ``text`` (the names and words it reads), by path and content. Any change
    there invalidates the cached annotations; nothing else does.
    """
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in ANNOTATOR_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\x00")
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


_worker_nlp = None


def _worker_init(model: str) -> None:
    global _worker_nlp
    from archivist.annotate import nlp as nlp_module

    _worker_nlp = nlp_module.load_model(model)


def _worker_run(args: tuple[list[str], int]) -> list[dict]:
    from archivist.annotate import nlp as nlp_module

    texts, batch_size = args
    return [a.to_json() for a in nlp_module.annotate_texts(_worker_nlp, texts, batch_size)]


def choose_processes(requested: int, pending: int) -> int:
    """Worker processes for ``pending`` texts: as requested, else one per core for large batches."""
    if requested > 0:
        return requested
    return max(1, min(os.cpu_count() or 1, 4)) if pending >= PARALLEL_MIN else 1


def annotate_texts(texts: Sequence[str], model: str, batch_size: int = 32, processes: int = 1,
                   progress: bool = True, desc: str = "annotate") -> list[Annotation]:
    """Annotations of ``texts`` in order, computed with spaCy (no cache)."""
    bar = tqdm(total=len(texts), desc=desc, unit="article", disable=not progress or None, leave=False)
    try:
        if processes <= 1:
            from archivist.annotate import nlp as nlp_module

            nlp = nlp_module.load_model(model)
            out = []
            for annotation in nlp_module.annotate_texts(nlp, texts, batch_size):
                out.append(annotation)
                bar.update(1)
            return out
        size = max(1, min(CHUNK, -(-len(texts) // processes)))  # every worker gets work, even for few texts
        chunks = [(list(texts[i:i + size]), batch_size) for i in range(0, len(texts), size)]
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        ctx = multiprocessing.get_context(method)
        out = []
        with ctx.Pool(processes, initializer=_worker_init, initargs=(model,)) as pool:
            for result in pool.imap(_worker_run, chunks):
                out.extend(Annotation.from_json(a) for a in result)
                bar.update(len(result))
        return out
    finally:
        bar.close()


def annotate(articles: Sequence[Article], cache_path: Path | None, model: str | None = None,
             batch_size: int = 32, processes: int = 0, progress: bool = True) -> tuple[dict[str, Annotation], AnnotateStats]:
    """Every article's Annotation by id: cached where possible, else computed and cached."""
    started = time.perf_counter()
    name = available_model(model)
    model_key, annotator = model_version(name), annotator_version()
    keys = {a.id: cache_key(a.text, model_key, annotator) for a in articles}
    cache = AnnotationCache(cache_path) if cache_path else None
    try:
        found = cache.get_many(set(keys.values())) if cache else {}
        pending = [a for a in articles if keys[a.id] not in found]
        n_proc = choose_processes(processes, len(pending))
        words = 0
        if pending:
            texts = [a.text for a in pending]
            words = sum(len(t.split()) for t in texts)
            new = annotate_texts(texts, name, batch_size, n_proc, progress)
            fresh = {keys[a.id]: ann for a, ann in zip(pending, new)}
            if cache:
                cache.put_many(fresh)
            found.update(fresh)
    finally:
        if cache:
            cache.close()
    result = {a.id: found[keys[a.id]] for a in articles}
    stats = AnnotateStats(cached=len(articles) - len(pending), annotated=len(pending), words=words,
                          seconds=time.perf_counter() - started, processes=n_proc if pending else 0, model=model_key)
    return result, stats
