"""Annotation speed on CNN articles: spaCy's own nlp.pipe against archivist's annotation.

    python benchmarks/annotate_speed.py [--articles 300]

Reads ../shared/corpus/cnn_lite.tar.gz. Prints words/s of (a) spaCy's nlp.pipe with the
components archivist loads, (b) archivist's annotation (pipe + extraction) in one process,
(c) the same in two processes. Words are whitespace-separated words of the article bodies.
"""

from __future__ import annotations

import argparse
import time

from cnn import cnn_files

def cnn_texts(limit: int) -> list[str]:
    """Bodies of the first ``limit`` CNN articles (line 4 on, blank lines dropped), in file order."""
    return ["\n".join(line for line in text.split("\n")[3:] if line.strip()) for _, text in cnn_files()[:limit]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    a = ap.parse_args()
    texts = cnn_texts(a.articles)
    words = sum(len(t.split()) for t in texts)
    from archivist.annotate import nlp as nlp_module
    from archivist.annotate.model import available_model
    from archivist.annotate.pipeline import annotate_texts

    model = available_model()
    nlp = nlp_module.load_model(model)
    nlp.pipe(texts[:5])  # warm up
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    spacy_s = time.perf_counter() - t
    print(f"{len(texts)} articles, {words:,} words, model {model}, components {nlp.pipe_names}")
    print(f"spaCy nlp.pipe, 1 process:          {words / spacy_s:8,.0f} words/s")
    for processes in (1, 2):
        t = time.perf_counter()
        annotate_texts(texts, model, processes=processes, progress=False)
        s = time.perf_counter() - t
        print(f"archivist annotate, {processes} process(es):  {words / s:8,.0f} words/s"
              + (f"  ({s / spacy_s:.2f}x spaCy's time)" if processes == 1 else ""))


if __name__ == "__main__":
    main()
