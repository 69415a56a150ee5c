#!/usr/bin/env python3
"""The confidence of speaker names: calibrate it, and the curve of wrong vs missing names by threshold.

    python benchmarks/confidence_curve.py [--calibrate] [--pred-dir DIR] [--out benchmarks/confidence_curve.svg]

Annotates PolNeAR dev, a studied slice of PolNeAR train (the first 300 drawn, ``--sample 300``),
the unstudied slice (``--sample 340 --skip 500``), the named part of it (``train-named``: its first
36 articles, every quote named by hand in ``benchmarks/gold/polnear-train-names.jsonl``, as
``eval_quotes.py --names`` scores them) and the named part of the studied draw
(``train-named-studied``: its first 65 articles, ``benchmarks/gold/polnear-train-names-studied.jsonl``)
with archivist (or reads the predictions ``--pred-dir`` already holds), then:

- ``--calibrate``: measures, for each (quote kind, attribution rule, resolution) of a quote's
  evidence, the share of its names that are right, and writes that table to
  ``archivist/annotate/speakers/calibration.py``. The share is P(mention right) on the studied
  sets (all have speaker spans) times P(name right | mention right) on the studied sets with names
  (dev and ``train-named-studied``), each smoothed towards its parent ((kind, any rule, resolution),
  then (kind, any, any), then all names) with the weight of :data:`SMOOTHING` quotes. A quote in
  two studied sets (the named studied articles are in the studied slice too) counts once. Neither
  the unstudied slice nor its named part ever enters it.
- prints the curve: for each threshold, on dev and on the named train slice the found quotes with
  a gold name key whose shown name is right / wrong / part of it / missing (the scorer's
  definitions), and on the other train slices (speaker spans, no names) the shown names whose
  mention is right / wrong, and the names withheld; and draws it as an SVG (no plotting library
  needed). The unstudied named slice is a check, like the unstudied one: read its aggregate rows,
  never its errors; the studied named slice may be read for errors, like dev.

Needs ``../shared`` (gold files and scorer), like ``eval_quotes.py``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CALIBRATION = ROOT / "archivist" / "annotate" / "speakers" / "calibration.py"
#: Pseudo-counts pulling a rare (rule, resolution) towards its parent's share.
SMOOTHING = 8
THRESHOLDS = [round(0.05 * k, 2) for k in range(21)]
#: The hand-named quotes of the unstudied train draw (see benchmarks/gold/README.md).
NAMED_SLICE = ROOT / "benchmarks" / "gold" / "polnear-train-names.jsonl"
#: The hand-named quotes of the studied train draw (its first 65 articles; benchmarks/gold/README.md).
NAMED_STUDIED = ROOT / "benchmarks" / "gold" / "polnear-train-names-studied.jsonl"
#: (label, gold file, sample, skip, studied, names): the sets the curve is drawn on; ``names``, a
#: file of hand-named quotes whose articles (with the names merged in) are the set, or None.
SETS = [("dev", "gold/polnear-dev.jsonl", 0, 0, True, None),
        ("train-studied", "gold/polnear-train.jsonl", 300, 0, True, None),
        ("train-unstudied", "gold/polnear-train.jsonl", 340, 500, False, None),
        ("train-named", "gold/polnear-train.jsonl", 0, 0, False, NAMED_SLICE),
        ("train-named-studied", "gold/polnear-train.jsonl", 0, 0, True, NAMED_STUDIED)]
#: The sets calibration may learn from; the others only check it.
STUDIED = {label for label, *_, studied, _names in SETS if studied}
#: The sets whose gold has speaker names: their curve counts right, wrong, partial and missing names.
NAMED = {"dev"} | {label for label, *_, names in SETS if names}


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predictions(pred_dir: Path, tmp: Path) -> dict[str, tuple[Path, Path]]:
    """label -> (gold file, predictions), annotating where ``pred_dir`` has none yet."""
    ev = _module(ROOT / "benchmarks" / "eval_quotes.py", "eval_quotes")
    out = {}
    for label, rel, sample, skip, _, names in SETS:
        gold = SHARED / rel
        if sample:
            gold = ev.sample_of(gold, sample, skip, tmp)
        if names:
            gold = ev.named_gold(gold, names, tmp)
        pred = pred_dir / f"pred-{label}.jsonl"
        if not pred.exists():
            print(f"annotating {label} ...", file=sys.stderr, flush=True)
            ev.annotate_in_process(gold, pred)
        out[label] = (gold, pred)
    return out


def matched(gold: Path, pred: Path, scorer) -> list[tuple[dict, dict]]:
    """(gold quote, its best prediction) for every found gold quote, as the scorer matches them."""
    golds = scorer.load(str(gold))
    preds = scorer.load(str(pred))
    pairs = []
    for aid, g in golds.items():
        pq = [q for q in (preds.get(aid) or {}).get("quotes", []) if q.get("end", 0) > q.get("start", 0)]
        for q in g["quotes"]:
            best = max(pq, key=lambda p: scorer.overlap(p["start"], p["end"], q["start"], q["end"]), default=None)
            if best is not None and scorer.overlap(best["start"], best["end"], q["start"], q["end"]) > \
                    0.3 * max(1, q["end"] - q["start"]):
                pairs.append(({**q, "article": aid}, best))
    return pairs


def _key(p: dict) -> tuple[str, str, str]:
    """(rule, resolution, kind) of a predicted quote, as ``confidence`` takes them."""
    ev = p.get("evidence") or {}
    return ev.get("rule") or "", ev.get("resolution") or "none", p.get("kind") or "direct"


def _rows(rule: str, how: str, kind: str) -> tuple[tuple[str, str, str], ...]:
    """The calibration rows a quote counts in: its own, its kind and resolution's, its kind's, all."""
    return (kind, rule, how), (kind, "*", how), (kind, "*", "*"), ("*", "*", "*")


def _parent(key: tuple[str, str, str]) -> tuple[str, str, str]:
    kind, rule, how = key
    return (kind, "*", how) if rule != "*" else (kind, "*", "*") if how != "*" else ("*", "*", "*")


def _mention_right(q: dict, p: dict, scorer) -> bool:
    m = p.get("speaker_mention") or {}
    return m.get("end") is not None and scorer.overlap(m["start"], m["end"], q["speaker_start"], q["speaker_end"]) > 0


def studied_pairs(sets: dict[str, list]):
    """(label, gold quote, prediction) of the studied sets, each gold quote once, a named set's first.

    The named studied articles are also in the studied slice: their quotes count once, from the
    set that has their names. The unstudied sets never appear.
    """
    seen = set()
    for label in sorted((label for label in sets if label in STUDIED), key=lambda label: label not in NAMED):
        for q, p in sets[label]:
            quote = (q["article"], q["start"], q["end"])
            if quote not in seen:
                seen.add(quote)
                yield label, q, p


def calibrate(sets: dict[str, list], scorer) -> tuple[float, dict[tuple[str, str], float]]:
    """(prior, table): the smoothed share of right names by (kind, rule, resolution), with "*" rows."""
    mention = defaultdict(lambda: [0, 0])  # key -> [right, all] over named predictions with a gold span
    name = defaultdict(lambda: [0, 0])  # key -> [right, all] over named sets' predictions whose mention is right
    for label, q, p in studied_pairs(sets):
        if not p.get("speaker") or q.get("speaker_start") is None:
            continue
        ok = _mention_right(q, p, scorer)
        for key in _rows(*_key(p)):
            mention[key][0] += ok
            mention[key][1] += 1
        if label in NAMED and ok and "speaker_name" in q:
            right = bool(q["speaker_name"]) and scorer.same_name(p["speaker"], q["speaker_name"])
            for key in _rows(*_key(p)):
                name[key][0] += right
                name[key][1] += 1
    top = ("*", "*", "*")

    def share(counts, key):
        """The key's share, smoothed towards its parent's (recursively), the top row's as measured."""
        right, n = counts.get(key, (0, 0))
        if key == top:
            return right / max(1, n)
        return (right + SMOOTHING * share(counts, _parent(key))) / (n + SMOOTHING)

    table = {key: round(share(mention, key) * share(name, key), 3) for key in sorted(mention) if key != top}
    return round(share(mention, top) * share(name, top), 3), table


def write_calibration(prior: float, table: dict, counts: dict) -> None:
    """The table as ``calibration.py``: data, regenerated by ``--calibrate``."""
    lines = ['"""The share of right speaker names by (quote kind, attribution rule, resolution), measured.',
             "",
             "Written by ``benchmarks/confidence_curve.py --calibrate`` from PolNeAR dev, the studied",
             "slice of PolNeAR train (the first 300 drawn) and its hand-named first 65 articles; do not",
             "edit by hand. A \"*\" stands for every rule or resolution; the comment after a row is how",
             "many named quotes it was measured on.",
             '"""', "", f"PRIOR = {prior}", "#: (quote kind, attribution rule, resolution) -> share of right names",
             "CALIBRATION: dict[tuple[str, str, str], float] = {"]
    for key, value in table.items():
        lines.append(f"    {key!r}: {value},  # {counts.get(key, 0)}")
    lines.append("}")
    CALIBRATION.write_text("\n".join(lines) + "\n", encoding="utf-8")


def curve(sets: dict[str, list], scorer, confidence) -> dict[str, list[dict]]:
    """label -> one row a threshold: what a reader sees when names below it are withheld."""
    out = {}
    for label, pairs in sets.items():
        rows = []
        for t in THRESHOLDS:
            row = defaultdict(int)
            for q, p in pairs:
                shown = p.get("speaker") if p.get("speaker") and confidence(*_key(p)) >= t else None
                if label in NAMED:
                    if "speaker_name" not in q:
                        continue
                    row["judged"] += 1
                    gold = q["speaker_name"]
                    if gold and scorer.same_name(shown, gold):
                        row["right"] += 1
                    elif gold and not shown:
                        row["missing"] += 1
                    elif gold and scorer.part_of_name(shown, gold):
                        row["partial"] += 1
                    elif shown:
                        row["wrong"] += 1
                    else:
                        row["right_unnamed"] += 1
                elif q.get("speaker_start") is not None:
                    row["judged"] += 1
                    if not shown:
                        row["withheld" if p.get("speaker") else "unnamed"] += 1
                    elif _mention_right(q, p, scorer):
                        row["right"] += 1
                    else:
                        row["wrong"] += 1
            rows.append({"threshold": t, "judged": 0, **row})
        out[label] = rows
    return out


#: The thresholds the plot shows: below 0.5 nothing changes, at 1.0 every name is withheld.
PLOT_FROM, PLOT_TO = 0.5, 0.95


def svg(curves: dict[str, list[dict]], path: Path) -> None:
    """Wrong (solid) and missing or withheld (dashed) names against the threshold, one colour a set."""
    w, h, pad = 660, 400, 64
    colours = {"dev": "#1f77b4", "train-studied": "#2ca02c", "train-unstudied": "#d62728", "train-named": "#9467bd",
               "train-named-studied": "#ff7f0e"}
    curves = {label: [r for r in rows if PLOT_FROM <= r["threshold"] <= PLOT_TO] for label, rows in curves.items()}
    top = max(max(r.get("wrong", 0), r.get("missing", 0) + r.get("withheld", 0)) / max(1, r["judged"])
              for rows in curves.values() for r in rows) * 1.1 or 0.1

    def xy(t, share):
        return pad + (t - PLOT_FROM) / (PLOT_TO - PLOT_FROM) * (w - 2 * pad), h - pad - share / top * (h - 2 * pad)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>',
             f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>',
             f'<text x="{w / 2}" y="{h - 12}" text-anchor="middle">min_confidence</text>',
             f'<text x="14" y="{h / 2}" transform="rotate(-90 14 {h / 2})" text-anchor="middle">share of judged quotes</text>']
    for t in THRESHOLDS:
        if PLOT_FROM <= t <= PLOT_TO and round(t * 100) % 10 == 0:
            x, _ = xy(t, 0)
            parts.append(f'<text x="{x}" y="{h - pad + 16}" text-anchor="middle">{t:.1f}</text>')
    for k in range(5):
        share = top * k / 4
        _, y = xy(0, share)
        parts.append(f'<text x="{pad - 6}" y="{y + 4}" text-anchor="end">{share:.1%}</text>')
    for n, (label, rows) in enumerate(curves.items()):
        c = colours.get(label, "black")
        for series, dash in (("wrong", ""), ("missing", ' stroke-dasharray="6 4"')):
            pts = " ".join("%.1f,%.1f" % xy(r["threshold"], (r.get(series, 0) + (r.get("withheld", 0) if series == "missing" else 0))
                                            / max(1, r["judged"])) for r in rows)
            parts.append(f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="2"{dash}/>')
        parts.append(f'<text x="{pad + 10}" y="{pad + 16 * n}" fill="{c}">{label}: wrong (solid), '
                     'missing or withheld (dashed)</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> int:
    """Annotate or read the five sets, calibrate if asked, print and draw the curve."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calibrate", action="store_true", help="rewrite calibration.py from the studied sets (dev, train-studied, train-named-studied)")
    ap.add_argument("--pred-dir", type=Path, help="read (or keep) the predictions here")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "confidence_curve.svg")
    a = ap.parse_args()
    scorer_path = SHARED / "tools" / "eval_quotes.py"
    if not scorer_path.exists():
        print(f"../shared is missing ({scorer_path} not found): nothing to measure.", file=sys.stderr)
        return 2
    scorer = _module(scorer_path, "shared_eval_quotes")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        pred_dir = a.pred_dir or Path(tmp)
        pred_dir.mkdir(parents=True, exist_ok=True)
        files = predictions(pred_dir, Path(tmp))
        sets = {label: matched(gold, pred, scorer) for label, (gold, pred) in files.items()}
    if a.calibrate:
        prior, table = calibrate(sets, scorer)
        counts = defaultdict(int)
        for _label, q, p in studied_pairs(sets):
            if p.get("speaker") and q.get("speaker_start") is not None:
                for key in _rows(*_key(p)):
                    counts[key] += 1
        write_calibration(prior, table, counts)
        print(f"wrote {CALIBRATION.relative_to(ROOT)}: {len(table)} rows, prior {prior}")
    from archivist.annotate.speakers import calibration, confidence

    importlib.reload(calibration)
    importlib.reload(confidence)
    curves = curve(sets, scorer, confidence.confidence)
    for label, rows in curves.items():
        print(f"== {label}")
        cols = ["right", "wrong", "partial", "missing"] if label in NAMED else ["right", "wrong", "withheld", "unnamed"]
        print("threshold  " + "  ".join(f"{c:>8}" for c in cols) + "    judged")
        for r in rows:
            print(f"{r['threshold']:9.2f}  " + "  ".join(f"{r.get(c, 0) / max(1, r['judged']):8.3f}" for c in cols)
                  + f"  {r['judged']:8d}")
    svg(curves, a.out)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
