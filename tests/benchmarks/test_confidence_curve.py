"""Tests of benchmarks/confidence_curve.py: how the threshold is chosen from the curve, and the
feature weights' logistic regression (no gold files needed: small made-up curves and quotes)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "confidence_curve.py"
_spec = importlib.util.spec_from_file_location("confidence_curve", _PATH)
cc = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cc)


def _named(rows: list[tuple[float, int, int, int]]) -> list[dict]:
    """Curve rows of a named set of 100 judged quotes, all with a named gold speaker: (threshold, right, wrong, missing)."""
    return [{"threshold": t, "judged": 100, "gold_named": 100, "right": r, "wrong": w, "missing": m}
            for t, r, w, m in rows]


def test_the_lowest_threshold_that_meets_the_wrong_name_target_and_keeps_the_names():
    curves = {"dev": _named([(0.0, 95, 4, 1), (0.5, 94, 3, 3), (0.7, 92, 2, 6), (1.0, 0, 0, 100)])}
    assert cc.choose(curves, ["dev"])[0] == 0.5


def test_without_the_wrong_name_target_the_most_withheld_that_keeps_the_name_target():
    curves = {"dev": _named([(0.0, 95, 4, 1), (0.5, 93, 4, 3), (0.7, 91, 3, 6), (1.0, 0, 0, 100)]),
              "train-named-studied": _named([(0.0, 85, 8, 7), (0.5, 84, 7, 9), (0.7, 80, 6, 14), (1.0, 0, 0, 100)])}
    assert cc.choose(curves, list(curves))[0] == 0.5  # 0.7 would take dev under 92% right names


def test_a_set_that_never_had_the_name_target_does_not_bound_it():
    curves = {"dev": _named([(0.0, 85, 8, 7), (0.5, 84, 5, 11), (0.7, 70, 4, 26), (1.0, 0, 0, 100)])}
    # no set meets 92% right: the least cost, wrong = COST_WRONG missing (0.0: 31, 0.5: 26, 0.7: 38)
    assert cc.choose(curves, ["dev"])[0] == 0.5


def test_fit_weights_finds_a_fact_that_lowers_the_odds():
    # 400 quotes whose key says 0.9: right 90% without the fact, 50% with it
    quotes = []
    for n in range(400):
        fact = n % 2
        right = (n // 2) % 10 != 0 if not fact else (n // 2) % 2 == 0
        q = {"article": f"a{n}", "start": 0, "end": 1, "speaker_start": 0, "speaker_end": 1,
             "speaker_name": "Jane Roe" if right else "John Doe"}
        p = {"speaker": "Jane Roe", "start": 0, "end": 1, "kind": "direct",
             "evidence": {"rule": "trailing-cue", "resolution": "name"}, "speaker_mention": {"start": 0, "end": 1},
             "features": {name: (fact if name == "contested" else 0) for name, _ in cc_features()}}
        quotes.append((q, p))

    class Scorer:
        @staticmethod
        def same_name(a, b):
            return a == b

        @staticmethod
        def overlap(a0, a1, b0, b1):
            return max(0, min(a1, b1) - max(a0, b0))

    share = lambda rule, how, kind: 0.9  # noqa: E731
    bias, weights = cc.fit_weights({"train-named-studied": quotes}, Scorer, share, share, penalty=1e-6)
    assert abs(bias) < 0.05  # the key is right where the fact is absent
    assert abs(weights["contested"] - (-2.197)) < 0.05  # log-odds 9:1 -> 1:1
    assert all(abs(w) < 0.05 for name, w in weights.items() if name != "contested")


def cc_features():
    from archivist.annotate.speakers.confidence import FEATURES
    return FEATURES
