"""archivist annotate's output: names resolved across the input, JSON lines in the documented shape."""

from __future__ import annotations

import json

from archivist.aggregate.export import archive_annotations, json_lines
from archivist.models import Annotation, Mention, Quote, Span


def test_a_bare_surname_takes_the_full_name_another_item_gives():
    a = "Dmitry Peskov spoke in Moscow."
    b = '"No," Peskov said.'
    anns = [Annotation(mentions=(Mention(0, 13, "Dmitry Peskov", "PERSON", "Dmitry Peskov", "person"),
                                 Mention(23, 29, "Moscow", "GPE", "Moscow", "place"))),
            Annotation(mentions=(Mention(6, 12, "Peskov", "PERSON", "Peskov", "person"),),
                       quotes=(Quote(0, 5, '"No,"', "Peskov", Span(6, 12, "Peskov"), "said"),))]
    out = archive_annotations([("a", a), ("b", b)], anns)
    assert out[1].mentions[0].actor == "Dmitry Peskov" and out[1].quotes[0].speaker == "Dmitry Peskov"
    lines = [json.loads(line) for line in json_lines([("a", a), ("b", b)], out)]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[1]["quotes"][0]["speaker_mention"] == {"start": 6, "end": 12, "text": "Peskov"}
    assert lines[0]["entities"][1] == {"start": 23, "end": 29, "text": "Moscow", "label": "GPE",
                                       "actor": "Moscow", "kind": "place", "role": None}


def test_unnamed_speakers_stay_unnamed():
    text = '"Soon," a senior official said.'
    ann = Annotation(quotes=(Quote(0, 7, '"Soon,"', None, Span(8, 24, "a senior official"), "said"),))
    (out,) = archive_annotations([("x", text)], [ann])
    assert out.quotes[0].speaker is None and out.quotes[0].speaker_mention.text == "a senior official"
