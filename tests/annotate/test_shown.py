"""Tests of archivist.annotate.shown: what a site shows of a cached annotation, by its site.toml."""

from __future__ import annotations

import pytest

from archivist.annotate.shown import OPT_IN_LABELS, shown
from archivist.models import Annotation, Evidence, Mention, Quote, Span

MENTIONS = (Mention(0, 8, "Cold War", "EVENT", "Cold War", "other"),
            Mention(10, 25, "First Amendment", "LAW", "First Amendment", "other"),
            Mention(30, 35, "Obama", "PERSON", "Barack Obama", "person"),
            Mention(40, 52, "The Guardian", "WORK_OF_ART", "The Guardian", "other"))


def _quote(conf: float) -> Quote:
    return Quote(60, 66, '"Yes,"', "Jane Roe", Span(68, 71, "she"), "said", role="spokeswoman",
                 evidence=Evidence("trailing-cue", "pronoun", conf, Span(80, 88, "Jane Roe")))


def test_events_laws_and_works_are_actors_only_where_asked():
    ms = MENTIONS[:3]
    ann = Annotation(ms, ())
    assert [m.label for m in shown(ann, 0.5).mentions] == ["PERSON"]
    assert [m.label for m in shown(ann, 0.5, ("events",)).mentions] == ["EVENT", "PERSON"]
    assert shown(ann, 0.5, ("events", "laws", "works")).mentions == ms


@pytest.mark.parametrize("include, labels", [
    ((), ["PERSON"]),
    (("laws",), ["LAW", "PERSON"]),
    (("works",), ["PERSON", "WORK_OF_ART"]),
    (["events", "works"], ["EVENT", "PERSON", "WORK_OF_ART"]),
    (("people",), ["PERSON"]),  # a value that opts nothing in
])
def test_each_include_value_lets_in_its_label(include, labels):
    assert [m.label for m in shown(Annotation(MENTIONS, ()), 0.0, include).mentions] == labels


def test_include_may_be_an_iterator():
    # an iterator is read once, not once per opt-in label: "works" after "events" still counts
    out = shown(Annotation(MENTIONS, ()), 0.0, iter(["events", "works"]))
    assert [m.label for m in out.mentions] == ["EVENT", "PERSON", "WORK_OF_ART"]


def test_the_opt_in_labels_are_spacys():
    assert OPT_IN_LABELS == {"events": "EVENT", "laws": "LAW", "works": "WORK_OF_ART"}


def test_names_below_min_confidence_are_withheld():
    ann = Annotation(MENTIONS[2:3], (_quote(0.4), _quote(0.9)))
    low, high = shown(ann, 0.5).quotes
    assert (low.speaker, low.role, low.description) == (None, None, "she")
    assert high == ann.quotes[1]
    assert shown(ann, 0.3).quotes == ann.quotes


def test_both_apply_at_once():
    ann = Annotation(MENTIONS, (_quote(0.4),))
    out = shown(ann, 0.5, ("events",))
    assert [m.label for m in out.mentions] == ["EVENT", "PERSON"]
    assert [q.speaker for q in out.quotes] == [None]


def test_an_annotation_with_nothing_to_hide_is_returned_as_it_is():
    ann = Annotation(MENTIONS[2:3], (_quote(0.9),))
    assert shown(ann, 0.5) is ann
    everything = Annotation(MENTIONS, (_quote(0.4),))
    assert shown(everything, 0.0, ("events", "laws", "works")) is everything
