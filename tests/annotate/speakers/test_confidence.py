"""Tests of archivist.annotate.speakers.confidence: a name below the site's min_confidence is
withheld, the article's words shown instead."""

from __future__ import annotations

from archivist.annotate.speakers import calibration
from archivist.annotate.speakers.confidence import confidence, withheld
from archivist.models import Annotation, Evidence, Quote, Span


def _quote(conf: float, words: str = "she", description=None) -> Quote:
    return Quote(0, 6, '"Yes,"', "Jane Roe", Span(8, 8 + len(words), words), "said", role="spokeswoman",
                 description=description, evidence=Evidence("trailing-cue", "pronoun", conf, Span(20, 28, "Jane Roe")))


def test_confidence_is_the_calibrated_share_with_fallbacks():
    table = calibration.CALIBRATION
    for (kind, rule, how), value in table.items():
        assert 0.0 <= value <= 1.0
        if "*" not in (kind, rule):
            assert confidence(rule, how, kind) == value
    assert confidence("no-such-rule", "no-such-resolution", "no-such-kind") == calibration.PRIOR


def test_a_name_below_the_threshold_is_withheld_and_the_words_shown():
    ann = Annotation((), (_quote(0.4), _quote(0.9)))
    out = withheld(ann, 0.5)
    low, high = out.quotes
    assert (low.speaker, low.role, low.description) == (None, None, "she")
    assert low.evidence == ann.quotes[0].evidence  # the evidence stays: why it was withheld
    assert high == ann.quotes[1]


def test_a_description_is_kept_as_the_words_shown():
    ann = Annotation((), (_quote(0.1, "who", description="an impersonator"),))
    assert withheld(ann, 0.5).quotes[0].description == "an impersonator"


def test_no_threshold_and_old_annotations_show_every_name():
    old = Quote(0, 6, '"Yes,"', "Jane Roe", None, "said")  # made before evidence was recorded
    ann = Annotation((), (_quote(0.1), old))
    assert withheld(ann, 0.0) is ann
    assert withheld(ann, 0.5).quotes[1] == old


def test_evidence_round_trips_and_old_json_still_loads():
    ann = Annotation((), (_quote(0.7),))
    assert Annotation.from_json(ann.to_json()) == ann
    data = ann.to_json()
    del data["quotes"][0]["evidence"]
    assert Annotation.from_json(data).quotes[0].evidence is None
