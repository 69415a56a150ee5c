"""Peak memory of a build, stage by stage: the build process alone and with its child processes.

    python benchmarks/memory.py reuters21578 --articles 5000 --site /tmp/mem-5k [--clean]

Makes the site as ``scale.py`` does (the first ``--articles`` articles of a corpus archive in
``../shared/corpus/``), then runs ``archivist build`` on it in this process while a thread samples,
every 50 ms with psutil, the RSS of this process and the sum over it and its children (annotation
workers, Pagefind), and every 200 ms the sum of their PSS (proportional set size: a page shared by
forked workers with the build process counts once in all, where the RSS sum counts it in each).
Prints each stage's log line as it ends, then the peaks during each stage (a stage's peak is taken
while it runs, i.e. after the line of the stage before it). A site folder
kept from an earlier run keeps its annotation cache: then the annotate stage loads no model and
the peaks are those of a build with every annotation cached.
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

import psutil

from scale import corpus_path, make_site

#: The PSS sum is read every this many samples: reading it (``/proc/PID/smaps``) costs more.
PSS_EVERY = 4
STAGES = ("load", "annotate", "aggregate", "render", "write", "index", "finish")


class Sampler:
    """Peak RSS of this process and of its process tree, by the stage running when sampled."""

    def __init__(self, every: float = 0.05):
        self.every, self.stage, self.peaks = every, "start", {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me, n = psutil.Process(), 0
        while not self._stop.is_set():
            try:
                tree = [me, *me.children(recursive=True)]
                rss = [p.memory_info().rss for p in tree]
                pss = sum(p.memory_full_info().pss for p in tree) if n % PSS_EVERY == 0 else 0
            except psutil.Error:  # a child ended between listing and reading it
                continue
            n += 1
            main, total, proportional = self.peaks.get(self.stage, (0, 0, 0))
            self.peaks[self.stage] = (max(main, rss[0]), max(total, sum(rss)), max(proportional, pss))
            self._stop.wait(self.every)

    def log(self, line: str) -> None:
        """The build's log: a stage's line moves the sampler on to the next stage."""
        word = line.split(maxsplit=1)[0] if line.strip() else ""
        if word in STAGES:
            print(line, flush=True)
            i = STAGES.index(word)
            self.stage = STAGES[i + 1] if i + 1 < len(STAGES) else "after"

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--articles", type=int, default=None, help="the first N articles (default: all)")
    parser.add_argument("--site", type=Path, required=True, help="site folder to make or reuse")
    parser.add_argument("--clean", action="store_true", help="build with --clean")
    args = parser.parse_args()
    count = make_site(corpus_path(args.corpus), args.site, args.articles)
    print(f"{args.corpus}: {count} articles in {args.site}")
    from archivist.build import build  # after the site exists: the import is part of no stage

    started = time.perf_counter()
    with Sampler() as sampler:
        build(args.site, progress=False, log=sampler.log, clean=args.clean)
    print(f"wall {time.perf_counter() - started:.1f} s")
    for stage, (main_rss, tree_rss, tree_pss) in sampler.peaks.items():
        print(f"peak during {stage:<10} build process {main_rss / 2**20:6.0f} MiB, "
              f"with its children {tree_rss / 2**20:6.0f} MiB (PSS {tree_pss / 2**20:6.0f} MiB)")


if __name__ == "__main__":
    main()
