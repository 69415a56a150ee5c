#!/usr/bin/env python3
"""Score archivist's quote extraction and speaker attribution against a gold file.

    python benchmarks/eval_quotes.py [GOLD.jsonl ...] [--in-process] [--errors N] [--keep DIR]
                                     [--sample N [--skip K]] [--min-confidence T] [--names FILE]

Runs ``archivist annotate GOLD --output PRED`` (or, with ``--in-process`` or when the
CLI is unavailable, the same annotation through ``archivist.nlp`` directly), then the
shared scorer ``../shared/tools/eval_quotes.py`` and prints its figures. Without
arguments it scores ``../shared/gold/seed.jsonl`` and ``../shared/gold/polnear-dev.jsonl``.

The gold files and the scorer live beside the project in ``../shared``, which a user's
clone does not have: the script says so and exits with status 2 when it is missing.
``--errors N`` also prints up to N quote, speaker-mention and speaker-name errors with context.
``--min-confidence T`` withholds names below confidence T, as a build does with ``[quotes]
min_confidence`` (default: that key's default; 0 shows every name).
``--sample N --skip K`` scores N articles of each file drawn in a fixed order. On PolNeAR
train, the first 500 drawn (``--sample 200``, ``--sample 300 --skip 200``) were studied for
errors while the method was built; the rest (``--sample 340 --skip 500``) never were, so they
check that the method generalises.

PolNeAR train has speaker spans but no ``speaker_name``, so its slices give quote and mention
figures only. ``--names FILE`` scores names on train too: FILE is one JSON line a quote, ``{"id",
"start", "end", "speaker_start", "speaker_end", "speaker_name"}``, named by hand (ids, offsets and
names, never the text). The script builds a gold file of just the articles FILE names, each quote's
``speaker_name`` merged in by its offsets, and scores that with the shared scorer, so its
``speaker_name``, ``name_wrong``, ``name_partial`` and ``name_missing`` mean what they mean on dev.
Without GOLD arguments it reads ``../shared/gold/polnear-train.jsonl``. The committed file::

    python benchmarks/eval_quotes.py --names benchmarks/gold/polnear-train-names.jsonl

holds every quote of the first 36 articles of the unstudied draw (384 quotes; see
``benchmarks/gold/README.md``): report its aggregate figures, never study its errors, or it
stops measuring how the method generalises. Its studied counterpart::

    python benchmarks/eval_quotes.py --names benchmarks/gold/polnear-train-names-studied.jsonl --errors 50

holds every quote of the first 65 articles of the studied draw (534 quotes): read its errors
freely, as dev's, to improve the method on more text than dev.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "eval_quotes.py"
DEFAULT_GOLD = ("gold/seed.jsonl", "gold/polnear-dev.jsonl")
#: The gold file ``--names`` merges into when no GOLD is given.
NAMES_GOLD = "gold/polnear-train.jsonl"
#: The hand-named quotes of the unstudied train draw (benchmarks/gold/README.md).
NAMED_SLICE = ROOT / "benchmarks" / "gold" / "polnear-train-names.jsonl"
#: The hand-named quotes of the studied train draw, whose errors may be read (benchmarks/gold/README.md).
NAMED_STUDIED = ROOT / "benchmarks" / "gold" / "polnear-train-names-studied.jsonl"


def annotate_cli(gold: Path, pred: Path) -> bool:
    """Annotate through the ``archivist annotate`` command; False when the CLI is unavailable."""
    exe = shutil.which("archivist") or str(Path(sys.executable).with_name("archivist"))
    if not Path(exe).exists():
        return False
    cmd = [exe, "annotate", str(gold), "--output", str(pred), "--quiet"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"archivist annotate failed ({proc.returncode}): {proc.stderr.strip()[-500:]}", file=sys.stderr)
        return False
    return True


def annotate_in_process(gold: Path, pred: Path) -> None:
    """The same output as ``archivist annotate`` (names resolved across the file), in this process."""
    from archivist.load.articles import read_texts
    from archivist.aggregate.export import archive_annotations, json_lines
    from archivist.annotate.nlp import annotate_texts, load_model

    items, problems = read_texts([gold])
    if problems:
        sys.exit("\n".join(problems))
    annotations = list(annotate_texts(load_model(), [text for _, text in items]))
    with pred.open("w", encoding="utf-8") as f:
        f.writelines(json_lines(items, archive_annotations(items, annotations)))


def _overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def print_errors(gold: Path, pred: Path, limit: int) -> None:
    """Missed and spurious quotes and wrong speaker mentions, with their context, for error analysis."""
    golds = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = {r["id"]: r for r in (json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip())}
    shown = {"missed": 0, "spurious": 0, "mention": 0}
    for g in golds:
        text, gq = g["text"], g["quotes"]
        pq = (preds.get(g["id"]) or {}).get("quotes", [])

        def ctx(s, e):
            return (text[max(0, s - 80):s] + "<<" + text[s:e][:120] + ">>" + text[e:e + 60]).replace("\n", " / ")

        for p in pq:
            if not any(_overlap(p["start"], p["end"], q["start"], q["end"]) > 0.3 * (p["end"] - p["start"]) for q in gq):
                if shown["spurious"] < limit:
                    shown["spurious"] += 1
                    print(f"SPURIOUS [{p.get('kind')} cue={p.get('cue')!r}] {ctx(p['start'], p['end'])}")
        for q in gq:
            best = max(pq, key=lambda p: _overlap(p["start"], p["end"], q["start"], q["end"]), default=None)
            if best is None or _overlap(best["start"], best["end"], q["start"], q["end"]) <= 0.3 * (q["end"] - q["start"]):
                if shown["missed"] < limit:
                    shown["missed"] += 1
                    print(f"MISSED [{q.get('kind')} speaker={q.get('speaker')!r}] {ctx(q['start'], q['end'])}")
                continue
            m = best.get("speaker_mention") or {}
            if q.get("speaker_start") is not None and not (
                    m.get("end") is not None and _overlap(m["start"], m["end"], q["speaker_start"], q["speaker_end"]) > 0):
                if shown["mention"] < limit:
                    shown["mention"] += 1
                    print(f"MENTION gold={q.get('speaker')!r} pred={m.get('text')!r} cue={best.get('cue')!r} "
                          f"{ctx(q['start'], q['end'])}")


def withhold(pred: Path, min_confidence: float) -> int:
    """Rewrite ``pred`` with every name below ``min_confidence`` withheld, as a build shows it; how many."""
    records = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = 0
    for rec in records:
        for q in rec.get("quotes", ()):
            ev = q.get("evidence") or {}
            if q.get("speaker") and ev.get("confidence", 1.0) < min_confidence:
                q["speaker"] = None
                n += 1
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return n


def default_min_confidence() -> float:
    """``[quotes] min_confidence``'s default, as a build without that key uses."""
    from archivist.config import QuotesConfig

    return QuotesConfig().min_confidence


def sample_of(gold: Path, n: int, skip: int, folder: Path) -> Path:
    """A gold file of ``n`` articles of ``gold`` after the first ``skip``, in a fixed shuffled order (seed 7)."""
    records = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(7).shuffle(records)
    out = folder / f"{gold.stem}-sample{skip}-{skip + n}.jsonl"
    out.write_text("\n".join(records[skip:skip + n]) + "\n", encoding="utf-8")
    return out


def named_gold(gold: Path, names: Path, folder: Path) -> Path:
    """A gold file of the articles of ``gold`` that ``names`` labels, each labelled quote's name merged in.

    ``names`` holds one quote a line (``id``, ``start``, ``end``, ``speaker_name``); a labelled quote
    is found by its article and offsets, and a label that matches no gold quote is an error (the
    gold changed, or the labels were made on another file). Articles keep the order of ``names``.
    """
    labels: dict[str, dict[tuple[int, int], str | None]] = {}
    for line in names.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            labels.setdefault(rec["id"], {})[(rec["start"], rec["end"])] = rec["speaker_name"]
    records = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if rec["id"] in labels:
                records[rec["id"]] = rec
    unmatched = []
    for aid, by_offsets in labels.items():
        rec = records.get(aid)
        if rec is None:
            unmatched.append(f"{aid}: no such article in {gold.name}")
            continue
        quotes = {(q["start"], q["end"]): q for q in rec["quotes"]}
        unmatched += [f"{aid}: no gold quote at {s}-{e}" for s, e in by_offsets if (s, e) not in quotes]
        rec["quotes"] = [{**q, "speaker_name": by_offsets[k]} if (k := (q["start"], q["end"])) in by_offsets else q
                         for q in rec["quotes"]]
    if unmatched:
        sys.exit(f"{names}: {len(unmatched)} labels match no quote of {gold}:\n" + "\n".join(unmatched[:10]))
    out = folder / f"{gold.stem}-named-{names.stem}.jsonl"
    out.write_text("".join(json.dumps(records[aid], ensure_ascii=False) + "\n" for aid in labels), encoding="utf-8")
    return out


def main() -> int:
    """Annotate each gold file, score it and print the figures; 2 when ../shared is missing."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", help="gold JSONL files (default: seed and PolNeAR dev from ../shared)")
    ap.add_argument("--in-process", action="store_true", help="annotate through archivist.nlp, not the CLI")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    ap.add_argument("--keep", type=Path, help="write the predictions into this folder")
    ap.add_argument("--sample", type=int, default=0,
                    help="score N articles of each gold file, drawn with a fixed seed (e.g. of PolNeAR train)")
    ap.add_argument("--skip", type=int, default=0, help="with --sample: leave out the first K articles drawn")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="withhold names below this confidence (default: [quotes] min_confidence's default)")
    ap.add_argument("--names", type=Path,
                    help="score only the articles of this file of hand-named quotes, their names merged into "
                         f"the gold (default gold: ../shared/{NAMES_GOLD}); {NAMED_STUDIED.relative_to(ROOT)} "
                         f"(studied) or {NAMED_SLICE.relative_to(ROOT)} (unstudied)")
    a = ap.parse_args()
    if a.names and a.sample:
        ap.error("--names and --sample choose the articles two ways: give one")
    if a.names and not a.names.exists():
        ap.error(f"--names {a.names}: not found")
    if a.names and a.errors and a.names.resolve() == NAMED_SLICE.resolve():
        ap.error(f"--errors with --names {a.names}: that slice is never studied; read the errors of "
                 f"{NAMED_STUDIED.relative_to(ROOT)} instead")
    if not SCORER.exists():
        print(f"../shared is missing ({SCORER} not found): the gold files and scorer live beside the "
              "project, not in it; nothing to evaluate.", file=sys.stderr)
        return 2
    golds = [Path(g) for g in a.gold] or [SHARED / g for g in ((NAMES_GOLD,) if a.names else DEFAULT_GOLD)]
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = a.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for gold in golds:
            if not gold.exists():
                print(f"{gold}: not found", file=sys.stderr)
                status = 2
                continue
            if a.sample:
                gold = sample_of(gold, a.sample, a.skip, Path(tmp))
            if a.names:
                gold = named_gold(gold, a.names, Path(tmp))
            pred = out_dir / f"pred-{gold.stem}.jsonl"
            how = "in process"
            if a.in_process or not annotate_cli(gold, pred):
                annotate_in_process(gold, pred)
            else:
                how = "archivist annotate"
            threshold = default_min_confidence() if a.min_confidence is None else a.min_confidence
            withheld = withhold(pred, threshold) if threshold > 0 else 0
            print(f"== {gold.name} ({how}; min_confidence {threshold}: {withheld} names withheld)", flush=True)
            scorer_args = ["--errors", str(a.errors)] if a.errors else []
            subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), *scorer_args], check=False)
            if a.errors:
                print_errors(gold, pred, a.errors)
    return status


if __name__ == "__main__":
    sys.exit(main())
