"""Annotation throughput on Dask: one local process against a LocalCluster of 1 and 2 workers.

    python benchmarks/distributed.py [--articles 300] [--workers 1 2]

Reads ../shared/corpus/cnn_lite.tar.gz (and says so when it is missing). Prints words/s of
archivist's annotation (a) in this one process, the reference, (b) in a process pool of 2,
as ``archivist build`` runs it without a scheduler, and (c) on a LocalCluster of N worker
processes of one thread each, through the same ``--scheduler`` path a remote cluster takes,
with each figure's ratio to the reference and whether its annotations are byte-identical
to it. A cluster's figure is measured once its workers have loaded the model (as on a
cluster that serves many builds); the seconds to start it and load the models are printed
beside it. Words are whitespace-separated words of the article bodies.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

# this file's name is the distributed package's: find the package first, the benchmarks beside it after
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.append(sys.path.pop(0))

from annotate_speed import cnn_texts  # noqa: E402


def _load_model(model: str) -> None:
    """Run on every worker before timing: the model loads once per worker process."""
    from archivist.annotate import nlp as nlp_module

    nlp_module.load_model(model)


def _as_json(annotations) -> list[str]:
    return [json.dumps(a.to_json(), sort_keys=True, ensure_ascii=False) for a in annotations]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    a = ap.parse_args()
    texts = cnn_texts(a.articles)
    words = sum(len(t.split()) for t in texts)
    from distributed import Client, LocalCluster

    from archivist.annotate.model import available_model
    from archivist.annotate.pipeline import annotate_texts

    model = available_model()
    _load_model(model)
    annotate_texts(texts[:5], model, progress=False)  # warm up
    print(f"{len(texts)} articles, {words:,} words, model {model}")

    def run(label: str, note: str = "", **where) -> None:
        t = time.perf_counter()
        out = annotate_texts(texts, model, progress=False, **where)
        s = time.perf_counter() - t
        rate = words / s
        same = "identical" if _as_json(out) == reference else "DIFFERENT"
        print(f"{label:<34} {rate:8,.0f} words/s  {rate / base:5.2f}x  {same}{note}")

    t = time.perf_counter()
    reference = _as_json(annotate_texts(texts, model, processes=1, progress=False))
    base = words / (time.perf_counter() - t)
    print(f"{'1 local process (reference)':<34} {base:8,.0f} words/s  1.00x")
    run("process pool of 2", processes=2)
    for n in a.workers:
        t = time.perf_counter()
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.run(_load_model, model)
            note = f"  (start and model loads {time.perf_counter() - t:.1f} s)"
            run(f"Dask LocalCluster, {n} worker(s)", note, scheduler=cluster.scheduler_address)
    run("1 local process, again", "  (the machine's drift)", processes=1)


if __name__ == "__main__":
    main()
