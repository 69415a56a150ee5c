"""``archivist actors``'s report: counts, likely duplicates and the merge log (archivist.report)."""

from __future__ import annotations

from conftest import article, corpus

from archivist.aggregate.actors import aggregate_actors
from archivist.aggregate.duplicates import duplicate_report, format_report, merge_log


def test_duplicate_report_counts_and_suspects():
    arts, anns = corpus(
        (article("a", "Boris Johnson and Mike Johnson."), [("Boris Johnson", "Boris Johnson", "person"),
                                                          ("Mike Johnson", "Mike Johnson", "person")]),
        (article("b", "Johnson. Apple and Apple Store. WHO"), [("Johnson", "Johnson", "person"),
                                                             ("Apple", "Apple", "organisation"),
                                                             ("Apple Store", "Apple Store", "organisation"),
                                                             ("WHO", "WHO", "organisation")]),
        (article("c", "World Health Organization"),
         [("World Health Organization", "World Health Organization", "organisation")]),
    )
    rows = {r.name: r for r in duplicate_report(aggregate_actors(arts, anns))}
    assert {s.name for s in rows["Johnson"].suspects} == {"Boris Johnson", "Mike Johnson"}
    assert [(s.name, s.reason) for s in rows["Apple"].suspects] == [("Apple Store", "name inside")]
    assert [(s.name, s.reason) for s in rows["WHO"].suspects] == [("World Health Organization", "acronym")]
    assert (rows["Boris Johnson"].mentions, rows["Boris Johnson"].articles, rows["Boris Johnson"].quotes) == (1, 1, 0)
    text = format_report(list(rows.values()))
    assert "Likely duplicates" in text and "Apple [apple] ~ Apple Store [apple-store]  (name inside)" in text
    assert format_report(list(rows.values()), as_json=True).startswith("[")


def test_merge_log_names_the_rule():
    arts, anns = corpus(
        (article("a", "Vladimir Putin and the World Health Organization (WHO)."),
         [("Vladimir Putin", "Vladimir Putin", "person"),
          ("World Health Organization", "World Health Organization", "organisation"),
          ("WHO", "WHO", "organisation")]),
        (article("b", "Putin and the U.S."), [("Putin", "Putin", "person"), ("U.S.", "U.S.", "place")]),
    )
    log = merge_log(aggregate_actors(arts, anns))
    assert log == [("acronym", "WHO", "World Health Organization"), ("equivalent", "U.S.", "United States"),
                   ("surname", "Putin", "Vladimir Putin")]
