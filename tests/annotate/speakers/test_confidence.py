"""Tests of archivist.annotate.speakers.confidence: a name below the site's min_confidence is
withheld, the article's words shown instead."""

from __future__ import annotations

from archivist.annotate.speakers import calibration
from archivist.annotate.speakers.confidence import confidence, withheld
from dataclasses import replace

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


# --- the facts around a quote (FEATURES) and the confidence they adjust ---

from archivist.annotate.speakers.confidence import FEATURES, Surroundings, adjusted, calibrated, features  # noqa: E402
from archivist.models import Mention  # noqa: E402

#: Two paragraphs: Jane Roe, then John Doe's and Ann Lee's paragraph with a quote.
_TEXT = ("Jane Roe spoke first. Jane Roe left.\n"
         "John Doe and Ann Lee came. \"We agree,\" she said.")
_P2 = _TEXT.index("\n") + 1


def _person(name: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = _TEXT.index(name, start + 1)
    return Mention(start, start + len(name), name, "PERSON", name, "person")


def _org(where: str, nth: int = 0) -> Mention:
    """An organisation "Acme" mentioned over the words of ``where`` (offsets are all the features read)."""
    m = _person(where, nth)
    return Mention(m.start, m.end, m.text, "ORG", "Acme", "organisation")


def _said(speaker: str, how: str, antecedent: Mention | None = None, mention: tuple[int, int] | None = None) -> Quote:
    s = _TEXT.index('"We')
    e = _TEXT.index('," she') + 2
    m0, m1 = mention or (_TEXT.index("she said"), _TEXT.index("she said") + 3)
    ante = Span(antecedent.start, antecedent.end, antecedent.text) if antecedent else None
    return Quote(s, e, _TEXT[s:e], speaker, Span(m0, m1, _TEXT[m0:m1]), "said",
                 evidence=Evidence("trailing-cue", how, 0.9, ante))


_ALL = (_person("Jane Roe"), _person("Jane Roe", 1), _person("John Doe"), _person("Ann Lee"))

#: (feature, mentions, quote, expected): each fact on the two paragraphs above.
FEATURE_CASES = [
    ("contested", _ALL, _said("Ann Lee", "pronoun", _person("Ann Lee")), 1),  # John Doe is in her paragraph
    ("contested", (_person("Ann Lee"),), _said("Ann Lee", "pronoun", _person("Ann Lee")), 0),
    ("crowded", _ALL, _said("Ann Lee", "pronoun", _person("Ann Lee")), 0),  # one other: John Doe
    ("crowded", _ALL, _said("Jane Roe", "pronoun", _person("Jane Roe", 1)), 1),  # John Doe and Ann Lee
    ("named-elsewhere", _ALL, _said("Jane Roe", "pronoun", _person("Jane Roe", 1)), 1),
    ("named-elsewhere", _ALL, _said("Ann Lee", "pronoun", _person("Ann Lee")), 0),
    ("mention-outside", _ALL, _said("Jane Roe", "name", mention=(0, 8)), 1),  # the words are in paragraph 1
    ("mention-outside", _ALL, _said("Ann Lee", "pronoun", _person("Ann Lee")), 0),
    ("antecedent-far", _ALL, _said("Jane Roe", "pronoun", _person("Jane Roe", 1)), 0),  # the paragraph before
    ("passed-over", _ALL, _said("Jane Roe", "pronoun", _person("Jane Roe", 1)), 1),  # past John Doe, Ann Lee
    ("passed-over", _ALL, _said("Ann Lee", "pronoun", _person("Ann Lee")), 0),
    ("passed-over", _ALL, _said("Ann Lee", "name", mention=(_P2 + 13, _P2 + 20)), 0),  # no antecedent
    ("named-once", _ALL, _said("Ann Lee", "pronoun", _person("Ann Lee")), 1),
    ("named-once", _ALL, _said("Jane Roe", "pronoun", _person("Jane Roe", 1)), 0),  # named twice
    ("pronoun-to-dominant", _ALL, _said("Jane Roe", "pronoun", _person("Jane Roe", 1)), 1),  # named most
    ("pronoun-to-dominant", _ALL, _said("Ann Lee", "pronoun", _person("Ann Lee")), 0),
    ("pronoun-to-dominant", _ALL, _said("Jane Roe", "name", mention=(0, 8)), 0),  # a name, not a pronoun
    # the facts count people: an organisation speaker is never named as one, nor a candidate
    ("named-once", _ALL + (_org("Jane Roe"), _org("Jane Roe", 1)), _said("Acme", "name"), 1),
    ("named-elsewhere", _ALL + (_org("Ann Lee"),), _said("Acme", "name"), 1),
    ("contested", (_person("Ann Lee"), _org("John Doe")), _said("Ann Lee", "pronoun", _person("Ann Lee")), 0),
]


def test_feature_cases_cover_every_feature():
    assert {name for name, *_ in FEATURE_CASES} >= {name for name, _ in FEATURES} - {"antecedent-far"}


def test_each_feature_reads_its_fact_from_the_annotation():
    for name, mentions, q, expected in FEATURE_CASES:
        ann = Annotation(mentions, (q,))
        assert features(Surroundings.of(_TEXT, ann), q)[name] == expected, name


def test_an_antecedent_before_the_paragraph_before_is_far():
    text = "Jane Roe arrived.\nThe hall filled.\n\"Yes,\" she said."
    roe = Mention(0, 8, "Jane Roe", "PERSON", "Jane Roe", "person")
    s = text.index('"Yes')
    q = Quote(s, s + 6, '"Yes,"', "Jane Roe", Span(s + 7, s + 10, "she"), "said",
              evidence=Evidence("trailing-cue", "pronoun", 0.9, Span(0, 8, "Jane Roe")))
    assert features(Surroundings.of(text, Annotation((roe,), (q,))), q)["antecedent-far"] == 1


def test_a_person_named_inside_a_quotation_is_no_candidate():
    text = 'Ann Lee said: "John Doe is wrong," she said.'
    lee = Mention(0, 7, "Ann Lee", "PERSON", "Ann Lee", "person")
    doe = Mention(15, 23, "John Doe", "PERSON", "John Doe", "person")
    q = Quote(14, 34, text[14:34], "Ann Lee", Span(35, 38, "she"), "said",
              evidence=Evidence("trailing-cue", "pronoun", 0.9, Span(0, 7, "Ann Lee")))
    assert features(Surroundings.of(text, Annotation((lee, doe), (q,))), q)["contested"] == 0


def test_adjusted_moves_the_log_odds_by_the_weights():
    assert adjusted(0.9, {"contested": 1}, {}, 0.0) == 0.9  # no weights: the key's share
    assert adjusted(0.9, {"contested": 0}, {"contested": -1.0}, 0.0) == 0.9
    lower = adjusted(0.9, {"contested": 1}, {"contested": -1.0}, 0.0)
    assert lower == round(1 / (1 + 9 ** -1 * 2.718281828459045), 3) and lower < 0.9
    assert adjusted(0.9, {}, {"contested": -1.0}, 1.0) > 0.9  # the bias alone
    assert adjusted(1.0, {"contested": 1}, {"contested": -50.0}, 0.0) < 0.01  # a sure key, clamped: no overflow


def test_calibrated_gives_each_named_quote_its_adjusted_confidence():
    named = _said("Ann Lee", "pronoun", _person("Ann Lee"))
    unnamed = replace(named, speaker=None, evidence=Evidence("trailing-cue", "none", 0.5))
    ann = Annotation(_ALL, (named, unnamed))
    out = calibrated(_TEXT, ann)
    where = Surroundings.of(_TEXT, ann)
    assert out.quotes[0].evidence.confidence == adjusted(confidence("trailing-cue", "pronoun", "direct"),
                                                         features(where, named))
    assert out.quotes[0].evidence.antecedent == named.evidence.antecedent  # only the confidence changes
    assert out.quotes[1] == unnamed
