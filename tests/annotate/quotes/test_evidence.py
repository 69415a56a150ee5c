"""Every quote's name carries its evidence: the rule that attributed it, how the name was resolved
(with the antecedent of a pronoun or description) and a confidence, one table case per rule."""

from __future__ import annotations

import pytest

from archivist.annotate.quotes.cues import RULES
from archivist.annotate.speakers.resolve import RESOLUTIONS

CASES = [
    # (text, speaker, rule, resolution, antecedent text)
    ('Mayor Jane Holloway opened the bridge on Monday.\n"This bridge will change the city," Holloway said.',
     "Jane Holloway", "trailing-cue", "surname-expansion", None),
    ('Mayor Jane Holloway opened the bridge on Monday.\n"This bridge will change the city," said Jane Holloway.',
     "Jane Holloway", "inverted-cue", "name", None),
    ('Senator Mark Delgado spoke on Tuesday.\nDelgado told reporters, "We have the votes to pass this bill."',
     "Mark Delgado", "cue-subject", "surname-expansion", None),
    ('The storm hit hard on Friday. "We will rebuild every one of them," according to Governor Ellen Park.',
     "Ellen Park", "according-to", "name", None),
    ('Governor Ellen Park addressed the state on Friday.\nShe said: \n"We will rebuild every one of them."',
     "Ellen Park", "colon-lead", "pronoun", "Ellen Park"),
    ('"We will rebuild every one of them." ― Ellen Park', "Ellen Park", "sign-off", "name", None),
    ('Police Chief Tom Reyes spoke after the arrest.\n"We found the car," he said.',
     "Tom Reyes", "trailing-cue", "pronoun", "Tom Reyes"),
    ('The Kremlin spokesman Dmitry Peskov spoke on Monday.\n"We are not ready to talk," the spokesman said.',
     "Dmitry Peskov", "trailing-cue", "description", "Dmitry Peskov"),
    ('Governor Ellen Park spoke on Friday.\nPark said the storm was bad.\n"We will rebuild every one of them."',
     "Ellen Park", "paragraph-before", "surname-expansion", None),
    ('A senior official said on Monday: "We are not ready to talk."', None, "cue-subject", "none", None),
]


@pytest.mark.parametrize("text, speaker, rule, resolution, antecedent", CASES, ids=[c[2] + "/" + c[3] for c in CASES])
def test_evidence_names_the_rule_and_the_resolution(annotate, text, speaker, rule, resolution, antecedent):
    (q,) = annotate(text).quotes
    ev = q.evidence
    assert (q.speaker, ev.rule, ev.resolution) == (speaker, rule, resolution)
    assert (ev.antecedent.text if ev.antecedent else None) == antecedent
    if antecedent:
        assert text[ev.antecedent.start:ev.antecedent.end] == antecedent
    assert 0.0 <= ev.confidence <= 1.0


def test_a_quote_that_goes_on_and_the_second_half_keep_the_evidence_of_their_name(annotate):
    text = ('Police Chief Tom Reyes spoke after the arrest.\n"We found the car," Reyes said. "The driver is in custody."\n'
            '"We are still looking for the second man."')
    rules = [(q.evidence.rule, q.evidence.resolution) for q in annotate(text).quotes]
    assert rules == [("trailing-cue", "surname-expansion"), ("sentence-before", "surname-expansion"),
                     ("continuation", "surname-expansion")]


def test_every_rule_and_resolution_recorded_is_a_named_one(annotate):
    from conftest import DATA

    body = "\n".join((DATA / "seed_article.txt").read_text(encoding="utf-8").split("\n")[3:])
    for q in annotate(body).quotes:
        assert q.evidence.rule in RULES and q.evidence.resolution in RESOLUTIONS
