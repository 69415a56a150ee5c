"""Tests of archivist.annotate.speakers.calibration: the measured table is well-formed and adds up."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from archivist.annotate.quotes.cues import RULES
from archivist.annotate.speakers import calibration
from archivist.annotate.speakers.calibration import CALIBRATION, PRIOR
from archivist.annotate.speakers.resolve import RESOLUTIONS

#: One row of the generated table: its key, its share and (the comment) how many quotes it was measured on.
_ROW = re.compile(r"^    \('(\w+)', '([\w*-]+)', '([\w*-]+)'\): ([\d.]+),  # (\d+)$", re.MULTILINE)


def _counts() -> dict[tuple[str, str, str], int]:
    """(kind, rule, resolution) -> the number of named quotes the row's comment gives."""
    source = Path(calibration.__file__).read_text(encoding="utf-8")
    return {m.group(1, 2, 3): int(m.group(5)) for m in _ROW.finditer(source)}


def test_every_key_names_a_kind_a_rule_and_a_resolution():
    assert {kind for kind, _, _ in CALIBRATION} == {"direct", "partial"}
    assert {rule for _, rule, _ in CALIBRATION} - set(RULES) == {"*"}
    assert {how for _, _, how in CALIBRATION} - set(RESOLUTIONS) == {"*"}


def test_shares_are_shares():
    assert 0.0 < PRIOR <= 1.0
    assert [key for key, share in CALIBRATION.items() if not 0.0 < share <= 1.0] == []


def test_each_kind_has_its_overall_row_and_each_rule_row_its_resolution_row():
    assert ("direct", "*", "*") in CALIBRATION and ("partial", "*", "*") in CALIBRATION
    missing = {(kind, "*", how) for kind, rule, how in CALIBRATION if rule != "*"} - set(CALIBRATION)
    assert missing == set()
    assert [key for key in CALIBRATION if key[1] != "*" and key[2] == "*"] == []  # a rule row names its resolution


def test_every_row_says_how_many_quotes_it_was_measured_on():
    counts = _counts()
    assert set(counts) == set(CALIBRATION)
    assert [key for key, n in counts.items() if n < 1] == []


def test_the_counts_add_up():
    counts = _counts()
    by_resolution, by_kind = Counter(), Counter()
    for (kind, rule, how), n in counts.items():
        if rule != "*":
            by_resolution[kind, how] += n
        elif how != "*":
            by_kind[kind] += n
    # a kind's resolution rows share out its overall row; a resolution's rule rows share out its row
    assert {kind: counts[kind, "*", "*"] for kind in ("direct", "partial")} == dict(by_kind)
    assert {(kind, how): n for (kind, rule, how), n in counts.items() if rule == "*" and how != "*"} == \
        dict(by_resolution)


def test_every_feature_is_weighed_and_every_weight_names_a_feature():
    from archivist.annotate.speakers.calibration import BIAS, WEIGHTS
    from archivist.annotate.speakers.confidence import FEATURES

    assert set(WEIGHTS) == {name for name, _ in FEATURES}
    assert all(-10.0 < w < 10.0 for w in WEIGHTS.values()) and -10.0 < BIAS < 10.0
