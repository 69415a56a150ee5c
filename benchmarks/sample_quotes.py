"""A random draw of direct quotes from a corpus's articles, each with its context, to read by hand.

    python benchmarks/sample_quotes.py [--seed 4242] [--quotes 40] [--corpus cnn_lite]

Reads ../shared/corpus/<corpus>.tar.gz (cnn_lite, bbc, wikinews, reuters21578), shuffles its
articles with ``--seed``, annotates the first 60 and prints ``--quotes`` of their direct quotes
(drawn with a fixed second shuffle), each with the speaker archivist gives it, the words at the
cue, the role, and the text around the quote and its speaker. The README's hand-read figure is this draw, read in full:
a new seed gives a draw nobody has studied.
"""

from __future__ import annotations

import argparse
import random

from cnn import CORPUS, cnn_files

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=4242)
    ap.add_argument("--quotes", type=int, default=40)
    ap.add_argument("--corpus", default="cnn_lite", help="an archive in ../shared/corpus, without .tar.gz")
    a = ap.parse_args()
    from archivist.annotate.nlp import annotate_doc, load_model

    bodies = ["\n".join(text.split("\n")[3:]) for _, text in cnn_files(CORPUS.with_name(f"{a.corpus}.tar.gz"))]
    random.Random(a.seed).shuffle(bodies)
    nlp = load_model()
    rows = [(body, q) for body in bodies[:60] for q in annotate_doc(nlp(body)).quotes if q.kind == "direct"]
    random.Random(5).shuffle(rows)
    for n, (body, q) in enumerate(rows[:a.quotes], 1):
        m = q.speaker_mention
        lo, hi = min(q.start, m.start if m else q.start), max(q.end, m.end if m else q.end)
        print(f"{n}. SPEAKER: {q.speaker} | words: {m.text if m else None} | role: {q.role}")
        print(f"    QUOTE: {q.text[:120]}")
        print("   ", body[max(0, lo - 250):hi + 60].replace("\n", " / "))


if __name__ == "__main__":
    main()
