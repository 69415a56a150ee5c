"""Benchmark and eyeball check of the aggregate stage on the CNN Lite corpus (2,287 real articles).

Three steps, each cached in ``--work`` (default /tmp/actors_cnn) so the slow one runs once::

    # 1. parse every article with spaCy and keep the Docs (DocBin): ~15 min on 2 cores, run it in the background
    nohup python benchmarks/actors_cnn.py parse > /tmp/actors_cnn/parse.log 2>&1 &
    # 2. re-run archivist's extractors over the kept Docs -> annotations.jsonl (a minute; redo it
    #    whenever archivist/annotate/ changes, without re-parsing)
    python benchmarks/actors_cnn.py extract
    # 3. aggregate and report (seconds): actors, merges, the 100 most-mentioned actors of each kind
    #    (to read for NER junk), time and peak memory, then a synthetic 20,000-article archive
    python benchmarks/actors_cnn.py report [--synthetic 20000] [--merges 50] [--top 100]

The corpus is copyrighted: it is read straight from the tarball and nothing derived
from it is written inside the repository.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archivist.models import Annotation, Article  # noqa: E402
from cnn import cnn_files  # noqa: E402


def read_corpus() -> list[Article]:
    """Articles from the tarball: line 1 title, 2 date YYYYMMDD, 3 URL, body = lines 4+ joined by newlines."""
    out = []
    for name, text in cnn_files():
        lines = text.split("\n")
        title, date, url = (lines + ["", "", ""])[:3]
        try:
            day = dt.datetime.strptime(date.strip(), "%Y%m%d").date()
        except ValueError:
            day = None
        host = urlsplit(url.strip()).netloc.lower()
        outlet = host.removeprefix("www.").removeprefix("lite.") or None
        stem = Path(name).stem
        out.append(Article(id=stem, source=name, title=title.strip(), date=day, url=url.strip() or None,
                           outlet=outlet, text="\n".join(lines[3:]).strip("\n")))
    return out


def cmd_parse(work: Path, n_process: int) -> None:
    """Parse every article and keep the Docs as DocBins of 100 (resumable: finished chunks are skipped)."""
    from spacy.tokens import DocBin  # the benchmark, not the package, keeps Docs: archivist itself never does

    from archivist.annotate.nlp import load_model

    articles = read_corpus()
    nlp = load_model()
    start = time.perf_counter()
    for c in range(0, len(articles), 100):
        target = work / f"docs-{c // 100:03d}.spacy"
        if target.exists():
            continue
        chunk = articles[c:c + 100]
        docs = DocBin(store_user_data=False)
        for doc in nlp.pipe((a.text for a in chunk), batch_size=32, n_process=n_process):
            docs.add(doc)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(docs.to_bytes())
        tmp.rename(target)
        print(f"{c + len(chunk)}/{len(articles)} parsed, {time.perf_counter() - start:.0f}s", flush=True)
    print("done", flush=True)


def cmd_extract(work: Path) -> None:
    """Run archivist's current extractors over the kept Docs; write annotations.jsonl."""
    from spacy.tokens import DocBin

    from archivist.annotate.nlp import annotate_doc, load_model

    articles = read_corpus()
    nlp = load_model()
    start = time.perf_counter()
    n = 0
    with (work / "annotations.jsonl.tmp").open("w", encoding="utf-8") as out:
        for c in range(0, len(articles), 100):
            docs = DocBin().from_bytes((work / f"docs-{c // 100:03d}.spacy").read_bytes()).get_docs(nlp.vocab)
            for article, doc in zip(articles[c:c + 100], docs):
                assert doc.text == article.text, article.id
                out.write(json.dumps({"id": article.id, **annotate_doc(doc).to_json()}) + "\n")
                n += 1
            print(f"{n} extracted, {time.perf_counter() - start:.0f}s", flush=True)
    (work / "annotations.jsonl.tmp").rename(work / "annotations.jsonl")
    print(f"{n} annotations extracted in {time.perf_counter() - start:.1f}s")


def load_annotations(work: Path) -> dict[str, Annotation]:
    """The cached annotations, by article id."""
    out = {}
    with (work / "annotations.jsonl").open(encoding="utf-8") as f:
        for line in f:
            data = json.loads(line)
            out[data["id"]] = Annotation.from_json(data)
    return out


def measure(articles, annotations, editor=None):
    """(archive, seconds, peak MiB) of aggregation alone: timed in one run, memory traced in a second
    (tracemalloc slows allocation several times, so it must not be on while timing)."""
    from archivist.aggregate import actors
    from archivist.aggregate import identity

    identity.actor_key.cache_clear()
    identity.display_name.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    archive = actors.aggregate_actors(articles, annotations, editor)
    seconds = (time.perf_counter() - start, time.process_time() - cpu)
    identity.actor_key.cache_clear()
    identity.display_name.cache_clear()
    tracemalloc.start()
    actors.aggregate_actors(articles, annotations, editor)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return archive, seconds, peak


def synthetic(articles: list[Article], annotations: dict[str, Annotation], n: int):
    """``n`` articles replicating the corpus' texts and annotations under fresh ids and spread dates."""
    rng = random.Random(4)
    out_articles, out_annotations = [], {}
    base = dt.date(2015, 1, 1)
    for i in range(n):
        a = articles[i % len(articles)]
        new_id = f"syn-{i:05d}-{a.id}"
        day = base + dt.timedelta(days=rng.randrange(4000))
        out_articles.append(Article(id=new_id, source=new_id + ".txt", title=a.title, date=day, url=None,
                                    outlet=a.outlet, text=a.text))
        out_annotations[new_id] = annotations[a.id]
    return out_articles, out_annotations


#: The kinds whose most-mentioned actors the report lists, to be read for NER junk (issue 14).
TOP_KINDS = ("person", "organisation", "place", "group")


def label_mix(archive) -> dict[str, collections.Counter]:
    """The NER labels of each actor's mentions across the archive, by actor id: where an actor's
    junk comes from ("the Affordable Care Act" ORG=40 is a law the model took for an organisation)."""
    out: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    by_article = getattr(archive, "mention_actors", None)  # before mentions carried their actor_id
    for article_id, annotation in archive.annotations.items():
        ids = by_article[article_id] if by_article else [m.actor_id for m in annotation.mentions]
        for mention, actor_id in zip(annotation.mentions, ids):
            if actor_id is not None:
                out[actor_id][mention.label] += 1
    return out


def cmd_report(work: Path, n_synthetic: int, n_merges: int, n_top: int = 100) -> None:
    """Aggregate the corpus as a default site shows it (``annotate.shown``: no events, laws or works)
    and print the figures asked for in issues 4 and 14: the ``n_top`` most-mentioned actors of each kind."""
    from archivist.aggregate.duplicates import duplicate_report, merge_log
    from archivist.annotate.shown import shown
    from archivist.config import QuotesConfig

    articles = read_corpus()
    min_confidence = QuotesConfig().min_confidence
    annotations = {i: shown(a, min_confidence) for i, a in load_annotations(work).items()}
    archive, seconds, peak = measure(articles, annotations)
    mentions_in = sum(len(a.mentions) for a in annotations.values())
    mentions_out = sum(len(a.mentions) for a in archive.annotations.values())
    print(f"articles: {len(articles)}  mentions: {mentions_in} annotated + {mentions_out - mentions_in} "
          f"found by the name scan")
    print(f"actors: {len(archive.actors)} "
          + " ".join(f"{k}={v}" for k, v in sorted(collections.Counter(a.kind for a in archive.actors).items())))
    print(f"aggregation: {seconds[0]:.2f}s wall, {seconds[1]:.2f}s CPU, peak traced memory {peak:.1f} MiB, "
          f"max RSS of the process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    merges = merge_log(archive)
    by_rule = collections.Counter(rule for rule, _, _ in merges)
    print(f"\nmerges (distinct name -> actor links across articles): {len(merges)}  "
          + " ".join(f"{k}={v}" for k, v in sorted(by_rule.items())))
    rng = random.Random(50)
    sample = sorted(rng.sample(merges, min(n_merges, len(merges))))
    print(f"sample of {len(sample)} merges to check by eye:")
    for rule, alias, name in sample:
        print(f"  [{rule}] {alias!r} -> {name!r}")

    labels = label_mix(archive)
    for kind in TOP_KINDS:
        top = sorted((a for a in archive.actors if a.kind == kind), key=lambda a: (-a.mentions, a.id))[:n_top]
        print(f"\n{len(top)} most-mentioned actors of kind {kind} (rank, mentions/articles/quotes, NER labels):")
        for rank, a in enumerate(top, 1):
            aliases = ", ".join(a.aliases[:6])
            mix = " ".join(f"{label}={n}" for label, n in labels[a.id].most_common(3))
            print(f"  {rank:3d} {a.mentions:5d} {len(a.articles):4d} {len(a.quotes):3d}  {a.name}  [{a.id}]  {mix}"
                  + (f"  aka {aliases}" if aliases else ""))

    dups = [row for row in duplicate_report(archive) if row.suspects]
    print(f"\nactors with likely duplicates: {len(dups)} (first 30)")
    for row in dups[:30]:
        print(f"  {row.name} ({row.mentions}) ~ " + ", ".join(f"{s.name} [{s.reason}]" for s in row.suspects[:4]))

    if n_synthetic:
        s_articles, s_annotations = synthetic(articles, annotations, n_synthetic)
        s_archive, s_seconds, s_peak = measure(s_articles, s_annotations)
        print(f"\nsynthetic {n_synthetic} articles ({sum(len(a.mentions) for a in s_annotations.values())} "
              f"mentions): {len(s_archive.actors)} actors, aggregation {s_seconds[0]:.2f}s wall, "
              f"{s_seconds[1]:.2f}s CPU, "
              f"peak traced memory {s_peak:.1f} MiB")


def main(argv: list[str] | None = None) -> None:
    """Command line: parse | extract | report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=["parse", "extract", "report"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/actors_cnn"))
    parser.add_argument("--processes", type=int, default=1, help="spaCy processes for parse")
    parser.add_argument("--synthetic", type=int, default=20000, help="synthetic archive size (0: skip)")
    parser.add_argument("--merges", type=int, default=50, help="merges to sample for checking")
    parser.add_argument("--top", type=int, default=100, help="most-mentioned actors listed of each kind")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step == "parse":
        cmd_parse(args.work, args.processes)
    elif args.step == "extract":
        cmd_extract(args.work)
    else:
        cmd_report(args.work, args.synthetic, args.merges, args.top)


if __name__ == "__main__":
    main()
