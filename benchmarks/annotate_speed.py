"""Annotation speed on CNN articles: spaCy's own nlp.pipe against archivist's annotation.

    python benchmarks/annotate_speed.py [--articles 300] [--repeats 5] [--chunk 10] [--processes 2]

Reads ../shared/corpus/cnn_lite.tar.gz. Times, in the same process and interleaved (``--chunk``
articles by one, then by the other, the order alternating, so a change of load falls on both):

- spaCy: ``nlp.pipe`` of the stock model with the components archivist runs (``spacy.load``
  without the lemmatizer; spaCy's own tokenizer and attribute ruler), which is the floor;
- archivist: its annotation in one process, pipe and extraction (``pipeline.annotate_texts``).

Prints each repeat's words/s and ratio (archivist's time / spaCy's), their medians, the
Python version and the load average before and after; ``--processes N`` also times archivist
in N processes once. Words are whitespace-separated words of the article bodies. On a shared
machine, read the ratio of the same repeat, not the words/s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from cnn import cnn_files


def cnn_texts(limit: int) -> list[str]:
    """Bodies of the first ``limit`` CNN articles (line 4 on, blank lines dropped), in file order."""
    return ["\n".join(line for line in text.split("\n")[3:] if line.strip()) for _, text in cnn_files()[:limit]]


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--chunk", type=int, default=10, help="articles timed at a time, spaCy's and archivist's in turn")
    ap.add_argument("--processes", type=int, default=0, help="also time archivist in this many processes (0: no)")
    a = ap.parse_args()
    texts = cnn_texts(a.articles)
    words = sum(len(t.split()) for t in texts)
    import spacy

    import archivist
    from archivist.annotate import nlp as nlp_module
    from archivist.annotate.model import available_model
    from archivist.annotate.pipeline import annotate_texts

    model = available_model()
    ours = nlp_module.load_model(model)  # also sets the thinc ops both pipelines use
    stock = spacy.load(model, exclude=["lemmatizer"])
    print(f"Python {platform.python_version()}, spaCy {spacy.__version__}, model {model}; {len(texts)} articles, "
          f"{words:,} words; load {_load()}")
    print(f"spaCy's components {stock.pipe_names}; archivist's {ours.pipe_names} (from {archivist.__path__[0]})")

    def spacy_run(part: list[str]) -> None:
        for _ in stock.pipe(part, batch_size=32):
            pass

    def archivist_run(part: list[str]) -> None:
        annotate_texts(part, model, processes=1, progress=False)

    list(stock.pipe(texts[:10]))  # warm up: first-call costs and caches, on both
    annotate_texts(texts[:10], model, processes=1, progress=False)
    ratios, rates = [], {"spaCy": [], "archivist": []}
    parts = [texts[i:i + a.chunk] for i in range(0, len(texts), a.chunk)]
    for r in range(a.repeats):
        seconds = {"spaCy": 0.0, "archivist": 0.0}
        for k, part in enumerate(parts):  # the two alternate chunk by chunk: a change of load falls on both
            order = [("spaCy", spacy_run), ("archivist", archivist_run)]
            for name, run in order if (r + k) % 2 == 0 else order[::-1]:
                t = time.perf_counter()
                run(part)
                seconds[name] += time.perf_counter() - t
        for name in rates:
            rates[name].append(words / seconds[name])
        ratios.append(seconds["archivist"] / seconds["spaCy"])
        print(f"repeat {r + 1}: spaCy {rates['spaCy'][-1]:8,.0f} words/s, archivist {rates['archivist'][-1]:8,.0f}"
              f" words/s, ratio {ratios[-1]:.3f}; load {_load()}")
    print(f"median: spaCy {statistics.median(rates['spaCy']):,.0f} words/s, archivist "
          f"{statistics.median(rates['archivist']):,.0f} words/s; archivist's time / spaCy's: median "
          f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f}); load {_load()}")
    if a.processes > 1:
        t = time.perf_counter()
        annotate_texts(texts, model, processes=a.processes, progress=False)
        print(f"archivist, {a.processes} processes: {words / (time.perf_counter() - t):,.0f} words/s; load {_load()}")


if __name__ == "__main__":
    main()
