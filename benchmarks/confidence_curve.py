#!/usr/bin/env python3
"""The confidence of speaker names: calibrate it, and the curve of wrong vs missing names by threshold.

    python benchmarks/confidence_curve.py [--calibrate] [--pred-dir DIR] [--out benchmarks/confidence_curve.svg]

Annotates PolNeAR dev, the studied draw of PolNeAR train (its first 500, ``--sample 500``: every record studied),
the unstudied slice (``--sample 340 --skip 500``), the named part of it (``train-named``: its first
36 articles, every quote named by hand in ``benchmarks/gold/polnear-train-names.jsonl``, as
``eval_quotes.py --names`` scores them) and the named part of the studied draw
(``train-named-studied``: its first 65 articles, ``benchmarks/gold/polnear-train-names-studied.jsonl``)
with archivist (or reads the predictions ``--pred-dir`` already holds), then:

- ``--calibrate``: measures, for each (quote kind, attribution rule, resolution) of a quote's
  evidence, the share of its names that are right, and writes that table to
  ``archivist/annotate/speakers/calibration.py``. The share is P(mention right) on the studied
  train slice (speaker spans) times P(name right | mention right) on the studied named quotes
  (``train-named-studied``), each smoothed towards its parent ((kind, any rule, resolution), then
  (kind, any, any), then all names) with the weight of :data:`SMOOTHING` quotes. Then the weights of
  the facts about a quote's surroundings (``confidence.FEATURES``) as a logistic regression with the
  table's share as offset (:func:`fit_weights`: a name right, or on the speaker spans its mention
  right, against the facts), written beside the table as ``BIAS`` and ``WEIGHTS``. A quote in two
  studied sets (the named studied articles are in the studied slice too) counts once. **Not dev**
  (by default; ``--calibrate-on`` may add it): its errors were studied rule by rule for three
  rounds, so its shares say how well the rules fit the text they were fitted to (a table learned
  with dev was 3 to 10 points over the share of right names on the unstudied named quotes). Neither
  the unstudied slice nor its named part ever enters it.
- ``--folds K`` (default :data:`FOLDS`): the curve of the sets the table learns from is
  cross-validated: each article's quotes get the confidence of a table learned without its fold
  (articles split by a hash of their id), so that curve is one the table never saw, like the
  others'. Also prints each named set's Brier score (the confidence as the chance its name is right).
- chooses ``[quotes] min_confidence`` (:func:`choose`) between the issue's two targets: the fewest
  names withheld with at most :data:`MAX_WRONG` wrong names on every studied named set; where no
  threshold gets there without losing :data:`MIN_NAME` right names on a set that has them, the
  most names withheld that keeps them (the fewest wrong names the name target allows).
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
import math
import sys
import tempfile
import textwrap
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CALIBRATION = ROOT / "archivist" / "annotate" / "speakers" / "calibration.py"
#: Pseudo-counts pulling a rare (rule, resolution) towards its parent's share: 20 had the lowest
#: cross-validated Brier score on the studied named quotes (0.0794; 8: 0.0803, 50: 0.0796).
SMOOTHING = 20
#: L2 penalty of the feature weights' logistic regression (so no weight of a rare fact runs off on a
#: handful of quotes): 5 had the lowest cross-validated Brier score on the studied named quotes
#: (0.0518; 1: 0.0520, 2: 0.0519, 10: 0.0519, 20: 0.0521; predictions of 6c97dcb).
PENALTY = 5.0
#: Folds of the cross-validated curve of the sets calibration learns from.
FOLDS = 5
THRESHOLDS = [round(0.025 * k, 3) for k in range(41)]
#: The hand-named quotes of the unstudied train draw (see benchmarks/gold/README.md).
NAMED_SLICE = ROOT / "benchmarks" / "gold" / "polnear-train-names.jsonl"
#: The hand-named quotes of the studied train draw (its first 65 articles; benchmarks/gold/README.md).
NAMED_STUDIED = ROOT / "benchmarks" / "gold" / "polnear-train-names-studied.jsonl"
#: (label, gold file, sample, skip, studied, names): the sets the curve is drawn on; ``names``, a
#: file of hand-named quotes whose articles (with the names merged in) are the set, or None.
SETS = [("dev", "gold/polnear-dev.jsonl", 0, 0, True, None),
        ("train-studied", "gold/polnear-train.jsonl", 500, 0, True, None),
        ("train-unstudied", "gold/polnear-train.jsonl", 340, 500, False, None),
        ("train-named", "gold/polnear-train.jsonl", 0, 0, False, NAMED_SLICE),
        ("train-named-studied", "gold/polnear-train.jsonl", 0, 0, True, NAMED_STUDIED)]
#: The sets calibration may learn from; the others only check it.
STUDIED = {label for label, *_, studied, _names in SETS if studied}
#: How calibration.py's docstring names a set it was learned from.
SOURCE_NAMES = {"dev": "PolNeAR dev",
                "train-studied": "the speaker spans of the studied draw of PolNeAR train (its first 500)",
                "train-named-studied": "the hand-named first 65 articles of the studied train draw"}
#: The sets ``--calibrate`` learns from by default (see the module docstring for why not dev).
CALIBRATE_ON = frozenset({"train-studied", "train-named-studied"})
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
    """(gold quote, its best prediction) for every found gold quote, as the scorer matches them; each
    named prediction carries its ``features`` (``confidence.features`` over its article)."""
    golds = scorer.load(str(gold))
    preds = scorer.load(str(pred))
    pairs = []
    for aid, g in golds.items():
        pq = [q for q in (preds.get(aid) or {}).get("quotes", []) if q.get("end", 0) > q.get("start", 0)]
        _add_features(g["text"], preds.get(aid) or {}, pq)
        for q in g["quotes"]:
            best = max(pq, key=lambda p: scorer.overlap(p["start"], p["end"], q["start"], q["end"]), default=None)
            if best is not None and scorer.overlap(best["start"], best["end"], q["start"], q["end"]) > \
                    0.3 * max(1, q["end"] - q["start"]):
                pairs.append(({**q, "article": aid}, best))
    return pairs


def _add_features(text: str, pred: dict, quotes: list[dict]) -> None:
    """Set ``features`` on each named quote of ``quotes`` (dicts of the article ``pred``), as
    ``confidence.calibrated`` reads them from the annotation in a build."""
    from archivist.annotate.speakers import confidence
    from archivist.models import Annotation

    annotation = Annotation.from_json(pred)
    where = confidence.Surroundings.of(text, annotation)
    by_span = {(q.start, q.end): q for q in annotation.quotes}
    for p in quotes:
        q = by_span.get((p["start"], p["end"]))
        if p.get("speaker") and q is not None:
            p["features"] = confidence.features(where, q)


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


def studied_pairs(sets: dict[str, list], on=None):
    """(label, gold quote, prediction) of the sets ``on`` (default :data:`CALIBRATE_ON`), each gold
    quote once, a named set's first.

    The named studied articles are also in the studied slice: their quotes count once, from the
    set that has their names. The unstudied sets never appear.
    """
    on = CALIBRATE_ON if on is None else on
    assert on <= STUDIED, f"calibration may learn only from studied sets, not {sorted(on - STUDIED)}"
    seen = set()
    for label in sorted((label for label in sets if label in on), key=lambda label: label not in NAMED):
        for q, p in sets[label]:
            quote = (q["article"], q["start"], q["end"])
            if quote not in seen:
                seen.add(quote)
                yield label, q, p


def calibrate(sets: dict[str, list], scorer, on=None, smoothing: int = None,
              leave_out=frozenset(), names: bool = True) -> tuple[float, dict[tuple[str, str, str], float]]:
    """(prior, table): the smoothed share of right names by (kind, rule, resolution), with "*" rows.

    Learned from the sets ``on`` (default :data:`CALIBRATE_ON`), leaving out the articles of
    ``leave_out`` (a fold, for cross-validation); ``smoothing`` pseudo-counts pull a row towards
    its parent (default :data:`SMOOTHING`). Without ``names``, the share of right mentions alone.
    """
    on = CALIBRATE_ON if on is None else on
    smoothing = SMOOTHING if smoothing is None else smoothing
    mention = defaultdict(lambda: [0, 0])  # key -> [right, all] over named predictions with a gold span
    name = defaultdict(lambda: [0, 0])  # key -> [right, all] over named sets' predictions whose mention is right
    for label, q, p in studied_pairs(sets, on):
        if not p.get("speaker") or q.get("speaker_start") is None or q["article"] in leave_out:
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
        return (right + smoothing * share(counts, _parent(key))) / (n + smoothing)

    named = (lambda key: share(name, key)) if names else (lambda key: 1.0)
    table = {key: round(share(mention, key) * named(key), 3) for key in sorted(mention) if key != top}
    return round(share(mention, top) * named(top), 3), table


def lookup(prior: float, table: dict) -> "callable":
    """``confidence.confidence`` over another table: (rule, resolution, kind) -> share, with its fallbacks."""
    def conf(rule: str, how: str, kind: str = "direct") -> float:
        for key in ((kind, rule, how), (kind, "*", how), (kind, "*", "*")):
            if key in table:
                return table[key]
        return prior
    return conf


def _logit(share: float) -> float:
    share = min(max(share, 1e-4), 1 - 1e-4)
    return math.log(share / (1 - share))


def fit_weights(sets: dict[str, list], scorer, share, mention_share, on=None, leave_out=frozenset(),
                penalty: float = None, names=None) -> tuple[float, dict[str, float]]:
    """(bias, weights): a logistic regression of a name being right on its quote's ``features``,
    with the log-odds of its rule key's share as offset.

    Learned from the sets ``on`` (default :data:`CALIBRATE_ON`) without the articles of
    ``leave_out``: a hand-named quote is right when its name is, its offset the key's ``share``
    of right names; a quote with a speaker span only is right when its mention is, its offset the
    key's ``mention_share`` (both (rule, resolution, kind) -> share). So the weights say how the
    facts move the odds past what the key already knows. Newton's method on the L2-penalised
    (``penalty``, default :data:`PENALTY`) log-likelihood; the bias is not penalised. Pure
    Python: a handful of features (``names``, default every one of ``confidence.FEATURES``).
    """
    penalty = PENALTY if penalty is None else penalty
    from archivist.annotate.speakers.confidence import FEATURES

    names = [name for name, _ in FEATURES if names is None or name in names]
    rows = []
    for label, q, p in studied_pairs(sets, on):
        if not p.get("speaker") or q.get("speaker_start") is None or q["article"] in leave_out or "features" not in p:
            continue
        if label in NAMED and "speaker_name" in q:
            right, offset = bool(q["speaker_name"]) and scorer.same_name(p["speaker"], q["speaker_name"]), share
        else:
            right, offset = _mention_right(q, p, scorer), mention_share
        rows.append(([1.0] + [float(p["features"][n]) for n in names], _logit(offset(*_key(p))), float(right)))
    k = len(names) + 1

    def loss(beta):
        """The penalised negative log-likelihood."""
        out = 0.5 * penalty * sum(b * b for b in beta[1:])
        for x, offset, y in rows:
            z = offset + sum(b * v for b, v in zip(beta, x))
            out += math.log1p(math.exp(-abs(z))) + max(z, 0) - y * z  # log(1 + e^z) - y z, stably
        return out

    beta = [0.0] * k
    for _ in range(100):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, offset, y in rows:
            z = offset + sum(b * v for b, v in zip(beta, x))
            mu = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
            for i in range(k):
                grad[i] += (y - mu) * x[i]
                for j in range(k):
                    hess[i][j] += mu * (1 - mu) * x[i] * x[j]
        for i in range(1, k):
            grad[i] -= penalty * beta[i]
            hess[i][i] += penalty
        step = _solve(hess, grad)
        # Newton's step, halved until the loss falls (a full step can overshoot and swing off)
        before, scale = loss(beta), 1.0
        while scale > 1e-4 and loss([b + scale * d for b, d in zip(beta, step)]) > before:
            scale /= 2
        beta = [b + scale * d for b, d in zip(beta, step)]
        if max(abs(scale * d) for d in step) < 1e-6:
            break
    return round(beta[0], 3), {name: round(b, 3) for name, b in zip(names, beta[1:])}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b, by Gaussian elimination with partial pivoting (a small, positive definite a)."""
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) / m[r][r]
    return x


def scorer_of(prior: float, table: dict, bias: float = 0.0, weights=None) -> "callable":
    """prediction -> confidence: the table's share of its key, adjusted by its features as a build does."""
    from archivist.annotate.speakers.confidence import adjusted

    share = lookup(prior, table)
    weights = weights or {}
    return lambda p: adjusted(share(*_key(p)), p.get("features") or {}, weights, bias)


def learn(sets: dict[str, list], scorer, on=None, smoothing: int = None, leave_out=frozenset(),
          features: bool = True) -> "callable":
    """prediction -> confidence learned from the sets ``on`` without ``leave_out``: the table, then
    (``features``) the weights of the facts around the quote."""
    prior, table = calibrate(sets, scorer, on, smoothing, leave_out)
    if not features:
        return scorer_of(prior, table)
    mention = lookup(*calibrate(sets, scorer, on, smoothing, leave_out, names=False))
    bias, weights = fit_weights(sets, scorer, lookup(prior, table), mention, on, leave_out)
    return scorer_of(prior, table, bias, weights)


def fold_of(article: str, folds: int) -> int:
    """The cross-validation fold of an article: a stable hash of its id."""
    return zlib.crc32(article.encode("utf-8")) % folds


def cross_validated(sets: dict[str, list], scorer, folds: int, on=None, smoothing: int = None, features: bool = True):
    """(label, quote, prediction) -> confidence, each studied article's from a table learned without its fold.

    Articles of the sets ``on`` fall in ``folds`` folds by id; each fold's quotes get the confidence
    of the table the other folds make, so the curve drawn with it is one the table never saw. The
    other sets take the table of all the sets ``on``, as a build would.
    """
    on = CALIBRATE_ON if on is None else on
    full = learn(sets, scorer, on, smoothing, features=features)
    articles = {q["article"] for label in on if label in sets for q, _ in sets[label]}
    by_fold = {}
    for k in range(folds):
        out = frozenset(a for a in articles if fold_of(a, folds) == k)
        by_fold[k] = (out, learn(sets, scorer, on, smoothing, leave_out=out, features=features))

    def conf(label: str, q: dict, p: dict) -> float:
        if label in on:
            out, fn = by_fold[fold_of(q["article"], folds)]
            if q["article"] in out:
                return fn(p)
        return full(p)
    return conf


def brier(sets: dict[str, list], scorer, conf, labels) -> tuple[float, int]:
    """(mean squared error of the confidence as the chance a shown name is right, names judged) on ``labels``."""
    err, n = 0.0, 0
    for label in labels:
        for q, p in sets.get(label, ()):
            if not p.get("speaker") or "speaker_name" not in q:
                continue
            right = bool(q["speaker_name"]) and scorer.same_name(p["speaker"], q["speaker_name"])
            err += (conf(label, q, p) - right) ** 2
            n += 1
    return err / max(1, n), n


def reliability(sets: dict[str, list], scorer, conf, label: str) -> tuple[float, float]:
    """(mean confidence, share right) of the shown names of a named set's judged quotes: equal when calibrated."""
    total, right, n = 0.0, 0, 0
    for q, p in sets.get(label, ()):
        if p.get("speaker") and "speaker_name" in q:
            total += conf(label, q, p)
            right += bool(q["speaker_name"]) and scorer.same_name(p["speaker"], q["speaker_name"])
            n += 1
    return total / max(1, n), right / max(1, n)


def write_calibration(prior: float, table: dict, counts: dict, on=CALIBRATE_ON, smoothing: int = SMOOTHING,
                      bias: float = 0.0, weights=None) -> None:
    """The table as ``calibration.py``: data, regenerated by ``--calibrate``."""
    sources = " and ".join(name for label, name in SOURCE_NAMES.items() if label in on)
    lines = ['"""The share of right speaker names by (quote kind, attribution rule, resolution), measured.',
             "",
             *textwrap.wrap(f"Written by ``benchmarks/confidence_curve.py --calibrate`` from {sources}, smoothed "
                            f"with {smoothing} pseudo-counts, with the weights of the facts around a quote "
                            "(``confidence.FEATURES``: a logistic regression with the table's share as offset, "
                            f"L2 penalty {PENALTY:g}); do not edit by hand. A \"*\" stands for "
                            "every rule or resolution; the comment after a row is how many named quotes it "
                            "was measured on.", 100),
             '"""', "", f"PRIOR = {prior}",
             "#: Log-odds added to every named quote's share before its features' weights (fit_weights).",
             f"BIAS = {bias}",
             "#: Feature (confidence.FEATURES) -> its weight on the log-odds of a name being right.",
             "WEIGHTS: dict[str, float] = {",
             *(f"    {name!r}: {w}," for name, w in (weights or {}).items()),
             "}",
             "#: (quote kind, attribution rule, resolution) -> share of right names",
             "CALIBRATION: dict[tuple[str, str, str], float] = {"]
    for key, value in table.items():
        lines.append(f"    {key!r}: {value},  # {counts.get(key, 0)}")
    lines.append("}")
    CALIBRATION.write_text("\n".join(lines) + "\n", encoding="utf-8")


def curve(sets: dict[str, list], scorer, conf) -> dict[str, list[dict]]:
    """label -> one row a threshold: what a reader sees when names below it are withheld.

    ``conf(label, gold quote, prediction)`` is the prediction's confidence (the shipped table's,
    or a cross-validated one)."""
    out = {}
    for label, pairs in sets.items():
        rows = []
        for t in THRESHOLDS:
            row = defaultdict(int)
            for q, p in pairs:
                shown = p.get("speaker") if p.get("speaker") and conf(label, q, p) >= t else None
                if label in NAMED:
                    if "speaker_name" not in q:
                        continue
                    row["judged"] += 1
                    gold = q["speaker_name"]
                    row["gold_named"] += bool(gold)
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


#: What a wrong name costs, in missing names: a wrong name puts words in someone's mouth. For a
#: calibrated confidence it means "show a name whose chance of being right is over 3/4".
COST_WRONG = 3


def cost(row: dict, first: dict) -> float:
    """A curve row's cost per judged quote: :data:`COST_WRONG` a wrong name, 1 a right name not shown.

    On a named set a name not shown is a missing one; on a set of speaker spans a right mention
    withheld (the withheld names less the wrong ones the threshold took away from ``first``, the
    row that withholds nothing)."""
    lost = row.get("missing", 0) if "missing" in row or "partial" in row else \
        row.get("withheld", 0) - (first.get("wrong", 0) - row.get("wrong", 0))
    return (COST_WRONG * row.get("wrong", 0) + lost) / max(1, row["judged"])


#: The issue's targets on a named set: at most this share of its judged quotes shows a wrong name ...
MAX_WRONG = 0.03
#: ... and at least this share of its quotes with a named gold speaker shows the right name.
MIN_NAME = 0.92


def name_share(row: dict) -> float:
    """A curve row's share of right names among the judged quotes whose gold speaker is named (the
    scorer's ``speaker_name``)."""
    return row.get("right", 0) / max(1, row.get("gold_named", 0))


def within_target(curves: dict[str, list[dict]], labels) -> list[float]:
    """The thresholds at which every named set of ``labels`` shows at most :data:`MAX_WRONG` wrong
    names and keeps :data:`MIN_NAME` right ones where it has them with no name withheld."""
    wrong = _thresholds(curves, labels, lambda r, first: r.get("wrong", 0) <= MAX_WRONG * max(1, r["judged"]))
    return sorted(set(wrong) & set(keeping_names(curves, labels)))


def keeping_names(curves: dict[str, list[dict]], labels) -> list[float]:
    """The thresholds at which every named set of ``labels`` that shows :data:`MIN_NAME` right names
    with none withheld still does."""
    return _thresholds(curves, labels, lambda r, first: name_share(first) < MIN_NAME or name_share(r) >= MIN_NAME)


def _thresholds(curves, labels, ok) -> list[float]:
    """The thresholds whose row passes ``ok(row, the row that withholds nothing)`` on every named set of ``labels``."""
    out = None
    for label in (label for label in labels if label in curves and label in NAMED):
        rows = curves[label]
        fine = {r["threshold"] for r in rows if ok(r, rows[0])}
        out = fine if out is None else out & fine
    return sorted(t for t in (out or ()) if t < 1.0)


def choose(curves: dict[str, list[dict]], labels) -> tuple[float, dict[float, float]]:
    """(threshold, the mean cost by threshold over the sets ``labels``, each set weighing the same).

    "A wrong name is the worst outcome", and the issue sets two targets a threshold trades between:
    at most :data:`MAX_WRONG` wrong names, at least :data:`MIN_NAME` right ones. So: the lowest
    threshold (the fewest names withheld) at which every studied named set meets the wrong-name
    target without losing the name target where it meets it; where none does, the highest
    threshold that loses no name target met (the fewest wrong names the name target allows); where
    even that is none, the least mean cost (wrong = :data:`COST_WRONG` missing), the higher on a tie.
    """
    labels = [label for label in labels if label in curves]
    by_t = defaultdict(float)
    for label in labels:
        rows = curves[label]
        for r in rows:
            by_t[r["threshold"]] += cost(r, rows[0]) / len(labels)
    target, kept = within_target(curves, labels), keeping_names(curves, labels)
    if target:
        return target[0], dict(by_t)
    # the name target bounds the threshold only where some studied named set meets it with no name withheld
    bounded = any(name_share(curves[label][0]) >= MIN_NAME for label in labels if label in NAMED)
    if kept and bounded:
        return kept[-1], dict(by_t)
    best = min(by_t, key=lambda t: (round(by_t[t], 9), -t))
    return best, dict(by_t)


#: The thresholds the plot shows: below 0.5 nothing changes, at 1.0 every name is withheld.
PLOT_FROM, PLOT_TO = 0.5, 0.95


def svg(curves: dict[str, list[dict]], path: Path, chosen: float | None = None, crossed=frozenset()) -> None:
    """Wrong (solid) and missing or withheld (dashed) names against the threshold, one colour a set;
    a grey line at the ``chosen`` threshold; the sets of ``crossed`` are labelled cross-validated."""
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
        cv = " (cross-validated)" if label in crossed else ""
        parts.append(f'<text x="{pad + 10}" y="{pad + 16 * n}" fill="{c}">{label}{cv}: wrong (solid), '
                     'missing or withheld (dashed)</text>')
    if chosen is not None and PLOT_FROM <= chosen <= PLOT_TO:
        x, _ = xy(chosen, 0)
        parts.append(f'<line x1="{x:.1f}" y1="{pad}" x2="{x:.1f}" y2="{h - pad}" stroke="grey" stroke-dasharray="2 3"/>')
        parts.append(f'<text x="{x + 4:.1f}" y="{h - pad - 6}" fill="grey">chosen {chosen:g}</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> int:
    """Annotate or read the five sets, calibrate if asked, print and draw the curve."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calibrate", action="store_true",
                    help="rewrite calibration.py from the sets of --calibrate-on")
    ap.add_argument("--calibrate-on", default=",".join(sorted(CALIBRATE_ON)),
                    help=f"comma-separated studied sets to learn from (default {','.join(sorted(CALIBRATE_ON))})")
    ap.add_argument("--smoothing", type=int, default=SMOOTHING, help=f"pseudo-counts towards a row's parent ({SMOOTHING})")
    ap.add_argument("--folds", type=int, default=FOLDS,
                    help=f"draw the sets learned from cross-validated, by article, in this many folds ({FOLDS}; 0: not)")
    ap.add_argument("--no-features", action="store_true",
                    help="the rule key's table alone, without the weights of the quote's surroundings")
    ap.add_argument("--pred-dir", type=Path, help="read (or keep) the predictions here")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "confidence_curve.svg")
    a = ap.parse_args()
    on = frozenset(x for x in a.calibrate_on.split(",") if x)
    if not on <= STUDIED:
        ap.error(f"--calibrate-on: only studied sets ({', '.join(sorted(STUDIED))}), not {', '.join(sorted(on - STUDIED))}")
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
        prior, table = calibrate(sets, scorer, on, a.smoothing)
        share, mention = lookup(prior, table), lookup(*calibrate(sets, scorer, on, a.smoothing, names=False))
        bias, weights = 0.0, {}
        if not a.no_features:
            bias, weights = fit_weights(sets, scorer, share, mention, on)
        counts = defaultdict(int)
        for _label, q, p in studied_pairs(sets, on):
            if p.get("speaker") and q.get("speaker_start") is not None:
                for key in _rows(*_key(p)):
                    counts[key] += 1
        write_calibration(prior, table, counts, on, a.smoothing, bias, weights)
        print(f"wrote {CALIBRATION.relative_to(ROOT)}: {len(table)} rows, prior {prior}, bias {bias}, weights {weights}")
    from archivist.annotate.speakers import calibration, confidence

    importlib.reload(calibration)
    importlib.reload(confidence)
    if a.no_features:
        shipped = lambda label, q, p: confidence.confidence(*_key(p))  # noqa: E731
    else:
        shipped = lambda label, q, p: confidence.adjusted(confidence.confidence(*_key(p)), p.get("features") or {})  # noqa: E731
    conf = cross_validated(sets, scorer, a.folds, on, a.smoothing, not a.no_features) if a.folds > 1 else shipped
    named = [label for label in sets if label in NAMED]
    for label in named:
        err, n = brier(sets, scorer, conf, [label])
        mean, right = reliability(sets, scorer, conf, label)
        print(f"brier {label}: {err:.4f} over {n} named quotes"
              + (f" ({a.folds}-fold cross-validated)" if a.folds > 1 and label in on else "")
              + f"; mean confidence {mean:.3f}, share right {right:.3f}")
    curves = curve(sets, scorer, conf)
    for label, rows in curves.items():
        how = f", {a.folds}-fold cross-validated" if a.folds > 1 and label in on else ""
        print(f"== {label}{how}")
        cols = ["right", "wrong", "partial", "missing"] if label in NAMED else ["right", "wrong", "withheld", "unnamed"]
        print("threshold  " + "  ".join(f"{c:>8}" for c in cols) + "    judged" + ("      name" if label in NAMED else ""))
        for r in rows:
            print(f"{r['threshold']:9.3f}  " + "  ".join(f"{r.get(c, 0) / max(1, r['judged']):8.3f}" for c in cols)
                  + f"  {r['judged']:8d}" + (f"  {name_share(r):8.3f}" if label in NAMED else ""))
    studied = [label for label in curves if label in STUDIED]
    chosen, costs = choose(curves, studied)
    print(f"cost (wrong = {COST_WRONG} missing) per 100 judged, mean of {', '.join(studied)}: "
          + " ".join(f"{t:g}:{100 * c:.2f}" for t, c in sorted(costs.items()) if PLOT_FROM <= t <= PLOT_TO))
    target, kept = within_target(curves, studied), keeping_names(curves, studied)
    print(f"thresholds with at most {MAX_WRONG:.0%} wrong names on every studied named set, keeping {MIN_NAME:.0%} "
          f"right where met: {' '.join(f'{t:g}' for t in target) or 'none'}; keeping {MIN_NAME:.0%} right names "
          f"where met: {' '.join(f'{t:g}' for t in kept) or 'none'}")
    print(f"chosen min_confidence: {chosen:g}")
    svg(curves, a.out, chosen, on if a.folds > 1 else frozenset())
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
