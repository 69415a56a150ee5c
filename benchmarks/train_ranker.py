#!/usr/bin/env python3
"""Train the speaker-mention ranker on PolNeAR train and measure it against the rules.

    python benchmarks/train_ranker.py [--cache DIR] [--trees] [--write] [--c C ...]

Needs the training extra (``pip install -e '.[train]'``: scikit-learn, LightGBM) and ``../shared``.
PolNeAR train is drawn in the fixed order of ``eval_quotes.py --sample`` (seed 7): its first
500 articles are the training set; articles 500-840 are the unstudied slice, held out as a test
with PolNeAR dev (only aggregates are printed). For every gold quote with a speaker span that
archivist finds, the candidates (``archivist.annotate.speakers.ranker``) of the quote archivist
found are labelled by overlap with the gold speaker span. Four models are fit on the training
set, each setting tried chosen on dev (dev selects, the slice tests): a logistic regression
(``--c``) and, with ``--trees``, a LightGBM LambdaRank forest, each on the parse features alone
("ranker", "trees") and stacked on the rules' choice ("stacked", "stacked trees": the rules'
mention is a candidate, and its rule and confidence are features).

Printed for each, on dev and the slice, as speaker-mention accuracy over those quotes (the
``speaker mention`` figure of ``eval_quotes.py``): (a) the rules, (b) the model's best candidate,
(c) combinations: the model only where the rules give no mention, or where the rules' confidence
is below a threshold; how often it overrides the rules, by the rules' mention; a veto that
withholds the rules' mention where another candidate is far ahead (log-odds: logistic models
only). ``--write`` writes the stacked forest to ``archivist/annotate/speakers/ranker_model.json``.
``--cache DIR`` keeps the parses and the rules' annotations (delete it when either changes).
Deterministic: a fixed draw, fixed solvers and seeds, one LightGBM thread.
"""

from __future__ import annotations

import argparse
import functools
import json
import pickle
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TRAIN, DEV = SHARED / "gold" / "polnear-train.jsonl", SHARED / "gold" / "polnear-dev.jsonl"
NAMES = ROOT / "benchmarks" / "gold" / "polnear-train-names.jsonl"  # names of held-out quotes, by reading
MODEL = ROOT / "archivist" / "annotate" / "speakers" / "ranker_model.json"
#: The draw of eval_quotes.py's ``sample_of``: its first 500 were studied, 500-840 never were.
SEED, STUDIED, HELD_OUT = 7, (0, 500), (500, 840)
THRESHOLD = 0.3  # the shared scorer's overlap threshold for a found quote


def drawn(gold: Path, lo: int, hi: int) -> list[dict]:
    """Records ``lo``..``hi`` of ``gold`` in ``sample_of``'s shuffled order (seed 7)."""
    lines = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(SEED).shuffle(lines)
    return [json.loads(line) for line in lines[lo:hi]]


def _overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def parsed(nlp, records: list[dict], cache: Path | None, name: str):
    """(Doc, Annotation) of each record's text, parsed and annotated by the rules once, then cached in
    ``cache`` (a DocBin and a pickle: delete them when the model or the rules change)."""
    from spacy.tokens import DocBin

    from archivist.annotate.nlp import annotate_doc
    from archivist.annotate.pieces import MAX_PIECE

    assert all(len(r["text"]) <= MAX_PIECE for r in records)  # one piece each: annotate_doc is the CLI's
    path = cache / f"{name}.spacy" if cache else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((r["text"] for r in records), batch_size=32))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(path)
    assert [d.text for d in docs] == [r["text"] for r in records]
    saved = cache / f"{name}.annotations.pickle" if cache else None
    if saved is not None and saved.exists():
        annotations = pickle.loads(saved.read_bytes())
    else:
        annotations = [annotate_doc(doc) for doc in docs]
        if saved is not None:
            saved.write_bytes(pickle.dumps(annotations))
    return list(zip(docs, annotations))


def examples(records: list[dict], parses) -> list[dict]:
    """One example per found gold quote with a speaker span: the rules' mention, whether it is right,
    its confidence, and each candidate's features and label."""
    from archivist.annotate.docindex import DocIndex
    from archivist.annotate.entities.mentions import entity_mentions
    from archivist.annotate.speakers.resolve import SpeakerResolver
    from archivist.annotate.quotes.marks import find_quote_spans, paragraphs
    from archivist.annotate.speakers.ranker import (RulesChoice, candidate_features, candidates,
                                                   paragraph_window, root_of, with_choice)

    out = []
    for rec, (doc, ann) in zip(records, parses):
        text, index = doc.text, DocIndex(doc)
        in_quote = [False] * len(doc)
        for s, e in find_quote_spans(text):
            i0, i1 = index.tokens(s, e)
            in_quote[i0:i1] = [True] * (i1 - i0)
        paras = paragraphs(text)
        spans_all = find_quote_spans(text)
        resolver = SpeakerResolver(doc, entity_mentions(doc, spans_all), spans_all, index)
        pq = [q for q in ann.quotes if q.end > q.start]
        for g in rec["quotes"]:
            if g.get("speaker_start") is None:
                continue
            best = max(pq, key=lambda p: _overlap(p.start, p.end, g["start"], g["end"]), default=None)
            if best is None or _overlap(best.start, best.end, g["start"], g["end"]) <= THRESHOLD * max(1, g["end"] - g["start"]):
                continue
            gs, ge = g["speaker_start"], g["speaker_end"]
            m = best.speaker_mention
            i0, i1 = index.tokens(best.start, best.end)
            p = max(n for n, (a, _) in enumerate(paras) if a <= best.start)
            lo, hi = paragraph_window(index, paras, p)
            cands = candidates(doc, i0, i1, (lo, max(hi, i1)))
            spans = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in cands]
            # the stacked model also sees the rules' choice, added where no candidate holds it ("who", a far one)
            rules = None if m is None else RulesChoice(*index.tokens(m.start, m.end), best.evidence.rule,
                                                       best.evidence.confidence)
            plus = with_choice(cands, rules)
            spans_plus = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in plus]
            names = {}
            if "speaker_name" in g:  # judged by name too: what each candidate resolves to
                names = {"gold_name": g["speaker_name"], "rules_name": best.speaker,
                         "plus_names": [resolver.resolve(root_of(doc, c), best.start).name if c != rules_cand else
                                        best.speaker for c, rules_cand in zip(plus, _rules_flags(plus, rules))]}
            out.append({
                **names,
                "rules_ok": m is not None and _overlap(m.start, m.end, gs, ge) > 0,
                "rules_mention": m is not None,
                "confidence": best.evidence.confidence if best.evidence else 0.0,
                "rule": best.evidence.rule if best.evidence else "none",
                "rules_kind": _kind_of(m.text if m is not None else None),
                "feats": candidate_features(doc, cands, i0, i1, in_quote),
                "labels": [int(_overlap(a, b, gs, ge) > 0) for a, b in spans],
                "is_rules": [int(m is not None and _overlap(a, b, m.start, m.end) > 0) for a, b in spans],
                "plus": {"feats": candidate_features(doc, plus, i0, i1, in_quote, rules),
                         "labels": [int(_overlap(a, b, gs, ge) > 0) for a, b in spans_plus],
                         "is_rules": [int(m is not None and _overlap(a, b, m.start, m.end) > 0) for a, b in spans_plus]},
            })
    return out


def _rules_flags(cands, rules) -> list:
    """For each candidate, itself where it overlaps the rules' choice (whose name the rules gave), else None."""
    return [c if rules is not None and c.start < rules.end and rules.start < c.end else None for c in cands]


def named(records: list[dict], names: Path) -> list[dict]:
    """``records`` with the hand-made speaker names of ``names`` (id and quote offsets) on their quotes."""
    by_quote = {}
    for line in names.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_quote[(row["id"], row["start"], row["end"])] = row["speaker_name"]
    out = []
    for rec in records:
        quotes = [{**q, "speaker_name": by_quote[(rec["id"], q["start"], q["end"])]}
                  if (rec["id"], q["start"], q["end"]) in by_quote else q for q in rec["quotes"]]
        out.append({**rec, "quotes": quotes})
    return out


def name_figures(exs: list[dict], scores: list[list[float]]) -> str:
    """What a reader would see, by the shared scorer's name rules, over the examples judged by name:
    right / wrong / part of the name / no name, for the rules' names and for the stacked choice's
    (a candidate resolved by archivist's resolver where it overrides the rules; no names withheld)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_eval_quotes", SHARED / "tools" / "eval_quotes.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)

    def outcome(said, gold):
        if gold is None:
            return "wrong" if said else "right"
        if scorer.same_name(said, gold):
            return "right"
        return "missing" if not said else "partial" if scorer.part_of_name(said, gold) else "wrong"

    tally = {"rules": {}, "stacked": {}}
    judged = [(ex, sc) for ex, sc in zip(exs, scores) if "gold_name" in ex]
    for ex, sc in judged:
        k = _top(sc)
        mine = ex["plus_names"][k] if k is not None else None
        for who, said in (("rules", ex["rules_name"]), ("stacked", mine)):
            o = outcome(said, ex["gold_name"])
            tally[who][o] = tally[who].get(o, 0) + 1
    return "; ".join(f"{who}: " + ", ".join(f"{o} {tally[who].get(o, 0)}" for o in ("right", "wrong", "partial", "missing"))
                     for who in tally) + f" (of {len(judged)})"


def _kind_of(words: str | None) -> str:
    """What the rules' mention is, for the aggregate of overrides: none, relative, pronoun, words."""
    from archivist.text.lexicon import PRONOUNS, RELATIVE

    if words is None:
        return "none"
    low = words.lower()
    return "relative" if low in RELATIVE else "pronoun" if low in PRONOUNS else "words"


def with_rules(exs: list[dict]) -> list[dict]:
    """``exs`` as the stacked combination sees them: the rules' choice among the candidates (added
    where none holds it) and among the features (its rule and confidence)."""
    return [{**ex, **ex["plus"]} for ex in exs]


def fit(train: list[dict], c: float) -> dict[str, float]:
    """Logistic-regression weights (feature -> weight) over every candidate of ``train``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [f for ex in train for f in ex["feats"]]
    ys = [y for ex in train for y in ex["labels"]]
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=c, fit_intercept=False, solver="lbfgs", max_iter=5000)
    model.fit(x, ys)
    return {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-5}


def fit_trees(train: list[dict], leaves: int = 15, rounds: int = 200) -> dict:
    """A LambdaRank forest (LightGBM) over the candidates of each quote of ``train``, as
    :func:`archivist.annotate.speakers.ranker.tree_score` reads it: feature names and nested nodes."""
    import lightgbm
    from sklearn.feature_extraction import DictVectorizer

    vec = DictVectorizer()
    x = vec.fit_transform([f for ex in train for f in ex["feats"]]).astype("float64")
    ys = [y for ex in train for y in ex["labels"]]
    groups = [len(ex["labels"]) for ex in train]
    model = lightgbm.LGBMRanker(objective="lambdarank", n_estimators=rounds, num_leaves=leaves, learning_rate=0.05,
                                min_child_samples=20, deterministic=True, force_row_wise=True, num_threads=1,
                                random_state=SEED, verbose=-1)
    model.fit(x, ys, group=groups)
    names = list(vec.get_feature_names_out())

    def node(n):
        if "leaf_value" in n:
            return round(n["leaf_value"], 6)
        assert n["decision_type"] == "<=", n
        return [names[n["split_feature"]], round(n["threshold"], 6), node(n["left_child"]), node(n["right_child"])]

    return {"trees": [node(t["tree_structure"]) for t in model.booster_.dump_model()["tree_info"]]}


def scored(exs: list[dict], weights: dict) -> list[list[float]]:
    """Each example's candidate scores under ``weights`` (a logistic model's, or a forest's)."""
    from archivist.annotate.speakers.ranker import score, tree_score

    if "trees" in weights:
        return [[tree_score(f, weights["trees"]) for f in ex["feats"]] for ex in exs]
    return [[score(f, weights) for f in ex["feats"]] for ex in exs]


def _top(scores: list[float]) -> int | None:
    return max(range(len(scores)), key=lambda k: (scores[k], -k)) if scores else None


def figures(exs: list[dict], scores: list[list[float]]) -> dict[str, object]:
    """Speaker-mention accuracies of the rules, the ranker and the combinations over ``exs``."""
    from archivist.annotate.speakers.ranker import probability

    n = len(exs)
    acc = (lambda oks: f"{sum(oks)}/{n} = {sum(oks) / n:.3f}")
    ranker_ok = [ex["labels"][k] == 1 if (k := _top(sc)) is not None else False for ex, sc in zip(exs, scores)]
    out: dict[str, object] = {
        "quotes": n,
        "rules": acc([ex["rules_ok"] for ex in exs]),
        "ranker": acc(ranker_ok),
        "candidates hold the speaker": sum(any(ex["labels"]) for ex in exs) / n,
        "candidates a quote": sum(len(ex["labels"]) for ex in exs) / n,
        "rules give no mention (of them, the ranker right)": (
            f"{sum(not ex['rules_mention'] for ex in exs)} "
            f"({sum(r for ex, r in zip(exs, ranker_ok) if not ex['rules_mention'])})"),
        "ranker where rules give no mention": acc([r if not ex["rules_mention"] else ex["rules_ok"]
                                                   for ex, r in zip(exs, ranker_ok)]),
        "rules right where ranker right / wrong": (
            f"{sum(ex['rules_ok'] for ex, r in zip(exs, ranker_ok) if r)}/{sum(ranker_ok)} / "
            f"{sum(ex['rules_ok'] for ex, r in zip(exs, ranker_ok) if not r)}/{n - sum(ranker_ok)}"),
    }
    overrides: dict[str, list[int]] = {}
    for ex, sc, r in zip(exs, scores, ranker_ok):
        k = _top(sc)
        if k is not None and not ex["is_rules"][k]:
            row = overrides.setdefault(ex["rules_kind"], [0, 0, 0])
            row[0], row[1], row[2] = row[0] + 1, row[1] + r, row[2] + ex["rules_ok"]
    out["ranker overrides the rules, by the rules' mention: n (ranker right, rules right)"] = "; ".join(
        f"{kind} {n} ({a}, {b})" for kind, (n, a, b) in sorted(overrides.items()))
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        out[f"ranker where rules' confidence < {t}"] = acc([
            r if ex["confidence"] < t else ex["rules_ok"] for ex, r in zip(exs, ranker_ok)])
    for margin in (2.0, 4.0):
        vetoed = right = 0
        for ex, sc in zip(exs, scores):
            mine = [s for s, is_rules in zip(sc, ex["is_rules"]) if is_rules]
            if not ex["rules_mention"] or not sc:
                continue
            rules_p = probability(max(mine)) if mine else 0.0
            if max(sc) - (max(mine) if mine else -50.0) >= margin and rules_p < 0.2:
                vetoed += 1
                right += ex["rules_ok"]
        out[f"veto (another candidate {margin:g} log-odds ahead, rules' p < 0.2): withheld, of them right"] = \
            f"{vetoed}, {right}"
    return out


def main() -> int:
    """Parse, build examples, fit, print the figures of dev and the held-out slice; 2 without ../shared."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, help="keep parsed Docs here (DocBin) to rerun without parsing")
    ap.add_argument("--c", type=float, nargs="+", default=[0.1, 0.3, 1.0, 3.0], help="L2 inverse strengths tried")
    ap.add_argument("--trees", action="store_true", help="also fit LambdaRank forests (needs lightgbm)")
    ap.add_argument("--write", action="store_true", help=f"write the stacked forest to {MODEL.relative_to(ROOT)}")
    a = ap.parse_args()
    if not TRAIN.exists():
        print(f"../shared is missing ({TRAIN} not found): nothing to train on.", file=sys.stderr)
        return 2
    from archivist.annotate.nlp import load_model

    nlp = load_model()
    sets = {"dev": drawn(DEV, 0, 10_000), "train": drawn(TRAIN, *STUDIED), "held-out": named(drawn(TRAIN, *HELD_OUT), NAMES)}
    exs = {}
    for name, records in sets.items():
        t0 = time.perf_counter()
        exs[name] = examples(records, parsed(nlp, records, a.cache, name))
        print(f"{name}: {len(records)} articles, {len(exs[name])} found quotes with a speaker span "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)
    chosen: dict[str, tuple[str, dict]] = {}
    stacked = {k: with_rules(v) for k, v in exs.items()}
    grid_lr = [(f"C={c:g}", functools.partial(fit, c=c)) for c in a.c]
    grid_trees = [(f"{leaves} leaves, {rounds} rounds", functools.partial(fit_trees, leaves=leaves, rounds=rounds))
                  for leaves, rounds in ((7, 200), (15, 300))] if a.trees else []
    for model, sets_of, grid in (("ranker", exs, grid_lr), ("stacked", stacked, grid_lr),
                                 ("trees", exs, grid_trees), ("stacked trees", stacked, grid_trees)):
        best = None
        for label, fitter in grid:
            weights = fitter(sets_of["train"])
            right = sum(ex["labels"][_top(sc)] for ex, sc in zip(sets_of["dev"], scored(sets_of["dev"], weights))
                        if ex["labels"])
            print(f"{model} {label}: dev {right}/{len(sets_of['dev'])}", flush=True)
            if best is None or right > best[0]:
                best = (right, label, weights)
        if best is None:
            continue
        _, c, weights = best
        chosen[model] = (c, weights)  # c: the chosen setting's label
        print(f"{model}: chosen {c} on dev; {len(weights.get('trees', weights))} weights or trees")
        for name in ("dev", "held-out"):
            print(f"== {model} on {name}")
            for key, value in figures(sets_of[name], scored(sets_of[name], weights)).items():
                print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}")
        if model.startswith("stacked"):
            for name in ("dev", "held-out"):
                print(f"  names on {name}: {name_figures(sets_of[name], scored(sets_of[name], weights))}")
        if "trees" not in weights:
            top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:15]
            print("largest weights:", ", ".join(f"{k} {v:+.2f}" for k, v in top))
    if a.write:
        if "stacked trees" not in chosen:
            sys.exit("--write ships the stacked forest: add --trees")
        label, model = chosen["stacked trees"]
        data = {"model": f"LightGBM LambdaRank over ranker.candidate_features with the rules' choice, {label}",
                "trained_on": f"PolNeAR train, articles 0-500 of the seed-{SEED} draw (benchmarks/train_ranker.py)",
                "trees": model["trees"]}
        MODEL.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
