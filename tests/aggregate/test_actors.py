"""Tests of the aggregate stage (archivist.actors): one rule a test, over hand-built annotations.

No model here: Articles and Annotations are built by hand from short texts, with each
mention's ``actor`` set as entities.py would set it (the fullest name the article uses).
"""

from __future__ import annotations

import dataclasses

import pytest
from conftest import actor_ids, article, by_name, corpus, quote

from archivist.aggregate.actors import (ScanMemo, _NameFinder, _with_actor_id, actor_slug, aggregate_actors,
                                        relate_actors)
from archivist.aggregate.prune import keeps_page, prune_actors
from archivist.models import Actor, Evidence, Mention, Quote, QuoteRef, Span


def test_same_full_name_is_one_actor_across_articles():
    arts, anns = corpus(
        (article("a", "Vladimir Putin spoke."), [("Vladimir Putin", "Vladimir Putin", "person")]),
        (article("b", "VLADIMIR PUTIN's plan."), [("VLADIMIR PUTIN's", "VLADIMIR PUTIN's", "person")]),
        (article("c", "President Vladimir Putin met."), [("Vladimir Putin", "President Vladimir Putin", "person")]),
    )
    archive = aggregate_actors(arts, anns)
    assert [a.name for a in archive.actors] == ["Vladimir Putin"]
    putin = archive.actors[0]
    assert putin.mentions == 3 and putin.id == "vladimir-putin"
    assert putin.aliases == ("VLADIMIR PUTIN",)


@pytest.mark.parametrize("names, linked", [
    (["Boris Johnson"], True),  # one full name with the surname: the bare name is that person
    (["Boris Johnson", "Mike Johnson"], False),  # two Johnsons stay two: the bare name keeps its own actor
    (["Boris Johnson", "Boris Johnson"], True),  # one full name used twice is still one candidate
])
def test_bare_surname_links_only_to_a_unique_full_name(names, linked):
    items = [(article(f"full{i}", f"{n} spoke."), [(n, n, "person")]) for i, n in enumerate(names)]
    items.append((article("bare", "Johnson spoke."), [("Johnson", "Johnson", "person")]))
    archive = aggregate_actors(*corpus(*items))
    bare_actor = actor_ids(archive)["bare"][0]
    if linked:
        assert bare_actor == "boris-johnson"
        assert by_name(archive)["Boris Johnson"].mentions == len(names) + 1
    else:
        assert bare_actor == "johnson"
        assert sorted(a.name for a in archive.actors) == ["Boris Johnson", "Johnson", "Mike Johnson"]


def test_surname_with_particle_links_to_full_name():
    arts, anns = corpus(
        (article("a", "Bashar al-Assad fled."), [("Bashar al-Assad", "Bashar al-Assad", "person")]),
        (article("b", "Assad fled and al-Assad hid."), [("Assad", "Assad", "person"), ("al-Assad", "al-Assad", "person")]),
    )
    archive = aggregate_actors(arts, anns)
    assert actor_ids(archive)["b"] == ("bashar-al-assad", "bashar-al-assad")


def test_surname_rule_is_for_people_only():
    arts, anns = corpus(
        (article("a", "Michael Jordan scored."), [("Michael Jordan", "Michael Jordan", "person")]),
        (article("b", "Jordan closed its border."), [("Jordan", "Jordan", "place")]),
    )
    archive = aggregate_actors(arts, anns)
    assert actor_ids(archive)["b"] == ("jordan",)
    assert by_name(archive)["Jordan"].kind == "place"


def test_acronym_joins_expansion_where_paired_in_an_article():
    arts, anns = corpus(
        (article("a", "The World Health Organization (WHO) warned."),
         [("World Health Organization", "World Health Organization", "organisation"), ("WHO", "WHO", "organisation")]),
        (article("b", "WHO officials said."), [("WHO", "WHO", "organisation")]),
        # never paired with its expansion: stays apart
        (article("c", "NATO met. The North Atlantic Treaty Organization is old."),
         [("NATO", "NATO", "organisation")]),
    )
    archive = aggregate_actors(arts, anns)
    assert actor_ids(archive)["b"] == ("world-health-organization",)
    assert by_name(archive)["World Health Organization"].mentions == 3
    assert actor_ids(archive)["c"][0] == "nato"


@pytest.mark.parametrize("surface", ["U.S.", "US", "United States", "the United States"])
def test_united_states_forms_are_one_actor(surface):
    text = f"{surface} and United States."
    arts, anns = corpus(
        (article("a", "The US said."), [("US", "US", "place")]),
        (article("b", f"{surface} acted."), [(surface, surface, "place")]),
    )
    archive = aggregate_actors(arts, anns)
    assert [a.name for a in archive.actors] == ["United States"]
    assert archive.actors[0].mentions == 2, text


def test_name_scan_adds_mentions_the_model_missed():
    text = "Vladimir Putin spoke. Later Vladimir Putin left, and Putin slept. George Washington University."
    arts, anns = corpus(
        (article("a", text), [("Vladimir Putin", "Vladimir Putin", "person")]),
        (article("b", "George Washington crossed."), [("George Washington", "George Washington", "person")]),
    )
    archive = aggregate_actors(arts, anns)
    added = archive.annotations["a"].mentions
    # the second full name is found; the bare surname is not scanned; nor is a name inside a longer one
    assert [(m.start, m.text, m.actor, m.kind) for m in added] == [
        (0, "Vladimir Putin", "Vladimir Putin", "person"), (28, "Vladimir Putin", "Vladimir Putin", "person")]
    assert added[1].label == "PERSON"
    assert actor_ids(archive)["a"] == ("vladimir-putin", "vladimir-putin")
    assert by_name(archive)["Vladimir Putin"].mentions == 2
    assert anns["a"].mentions == (dataclasses.replace(added[0], actor_id=None),)  # the input is untouched


@pytest.mark.parametrize("text, found", [
    ("Joe Biden met Joe Bidens.", [(0, "Joe Biden")]),  # whole words only
    ("Joe Biden Jr. spoke", [(0, "Joe Biden Jr.")]),  # the longest name that fits
    ("Joe Biden Jrx spoke", [(0, "Joe Biden")]),  # a longer one cut mid-word falls back to the shorter
    ("McJoe Biden met", [(2, "Joe Biden")]),  # inside a word: found (the scan drops it), and consumed
    ("Joe Biden Harris Trump", [(0, "Joe Biden")]),  # no overlapping matches: "Biden Harris" is consumed
    ("Kamala Harris Trump", [(0, "Kamala Harris")]),
    ("no names here at all", []),
    ("ends with Joe", []),
    ("ends with Joe Biden", [(10, "Joe Biden")]),  # a longer name that would run past the end does not fit
])
def test_name_finder_is_whole_word_longest_first_left_to_right(text, found):
    finder = _NameFinder(["Joe Biden", "Joe Biden Jr.", "Biden Harris", "Kamala Harris"])
    assert [(start, name) for start, _, name in finder.finditer(text)] == found
    assert all(text[s:e] == name and e - s == len(name) for s, e, name in finder.finditer(text))


def test_name_scan_leaves_covered_spans_alone():
    # "State of the Union" is an EVENT in "a" (dropped from what the site shows) and an ORG in "b":
    # the scan must not add it back to "a" as the organisation
    text = "The State of the Union speech ran long. State of the Union viewers left."
    arts, anns = corpus((article("a", text), []),
                        (article("b", "The State of the Union met."),
                         [("State of the Union", "State of the Union", "organisation")]))
    first = text.index("State of the Union")
    event = (first, first + len("State of the Union"))
    archive = aggregate_actors(arts, anns, covered={"a": [event]})
    assert [(m.start, m.end) for m in archive.annotations["a"].mentions] == [(text.rindex("State of"),
                                                                             len(text) - len(" viewers left."))]
    assert by_name(archive)["State of the Union"].mentions == 2
    # without it, both occurrences are added
    assert len(aggregate_actors(arts, anns).annotations["a"].mentions) == 2


def scan_corpus(extra_text=""):
    """Three articles whose scan finds names the model missed; ``extra_text`` edits the last one."""
    return corpus(
        (article("a", "Vladimir Putin spoke. Later Vladimir Putin left for George Washington University."),
         [("Vladimir Putin", "Vladimir Putin", "person")]),
        (article("b", "George Washington crossed. Vladimir Putin watched.", date="2024-03-04"),
         [("George Washington", "George Washington", "person")]),
        (article("c", "Joe Biden met Vladimir Putin." + extra_text, date="2024-03-03"),
         [("Joe Biden", "Joe Biden", "person")]),
    )


def test_the_scan_memo_gives_the_archive_a_full_scan_gives():
    arts, anns = scan_corpus()
    plain = aggregate_actors(arts, anns, min_mentions=2)
    first = ScanMemo()
    assert aggregate_actors(arts, anns, min_mentions=2, memo=first) == plain
    assert set(first.made) == {"a", "b", "c"} and first.made["b"][1] == [(27, 41, "Vladimir Putin")]
    # A memo whose hits are wrong is read: proof that a matching entry stands in for the scan.
    wrong = ScanMemo(known={**first.made, "b": (first.made["b"][0], [])})
    assert aggregate_actors(arts, anns, min_mentions=2, memo=wrong) != plain
    again = ScanMemo(known=first.made)
    assert aggregate_actors(arts, anns, min_mentions=2, memo=again) == plain
    assert again.made == first.made


def test_an_edited_article_changes_its_memo_entry_only():
    arts, anns = scan_corpus()
    memo = ScanMemo()
    aggregate_actors(arts, anns, memo=memo)
    edited_arts, edited_anns = scan_corpus(" Vladimir Putin smiled.")
    after = ScanMemo(known=memo.made)
    assert aggregate_actors(edited_arts, edited_anns, memo=after) == aggregate_actors(edited_arts, edited_anns)
    assert {i for i in after.made if after.made[i] != memo.made[i]} == {"c"}
    assert len(after.made["c"][1]) == 2


def test_a_new_name_anywhere_changes_every_memo_key():
    # The hits depend on the names looked for: a name new to the archive may occur in any article.
    arts, anns = scan_corpus()
    memo = ScanMemo()
    aggregate_actors(arts, anns, memo=memo)
    arts2, anns2 = corpus(*zip(arts, [[(m.text, m.actor, m.kind) for m in anns[a.id].mentions] for a in arts]),
                          (article("d", "Joe Biden and Kamala Harris.", date="2024-03-01"),
                           [("Kamala Harris", "Kamala Harris", "person")]))
    after = ScanMemo(known=memo.made)
    assert aggregate_actors(arts2, anns2, memo=after) == aggregate_actors(arts2, anns2)
    assert all(after.made[i][0] != memo.made[i][0] for i in "abc")


def test_name_scan_is_case_sensitive_and_whole_word_and_keeps_order():
    text = "Joe Biden met. joe biden. Joe Bidenesque. Joe Biden's dog."
    arts, anns = corpus((article("a", text), [("Joe Biden's", "Joe Biden", "person")]),
                        (article("b", "Joe Biden won."), [("Joe Biden", "Joe Biden", "person")]))
    archive = aggregate_actors(arts, anns)
    starts = [m.start for m in archive.annotations["a"].mentions]
    assert starts == [0, text.index("Joe Biden's")]
    assert starts == sorted(starts)


def test_actor_record_contents():
    t1 = "Dmitry Peskov, the Kremlin spokesman, said: \"No comment at all today.\" Joe Biden disagreed."
    t2 = "Peskov met Joe Biden. \"We talked for a long while,\" Peskov said."
    t3 = "Dmitry Peskov spoke in Moscow."
    arts, anns = corpus(
        (article("old", t1, "2023-01-10", "bbc.co.uk"),
         [("Dmitry Peskov", "Dmitry Peskov", "person", "Kremlin spokesman"), ("Joe Biden", "Joe Biden", "person")],
         [quote(t1, "\"No comment at all today.\"", "Dmitry Peskov", "Kremlin spokesman")]),
        (article("new", t2, "2024-06-01"),
         [("Peskov", "Peskov", "person", "Kremlin Spokesman"), ("Joe Biden", "Joe Biden", "person"),
          ("Peskov", "Peskov", "person")],
         [quote(t2, "\"We talked for a long while,\"", "Peskov")]),
        (article("mid", t3, "2023-01-20"),
         [("Dmitry Peskov", "Dmitry Peskov", "person", "spokesperson"), ("Moscow", "Moscow", "place")]),
        (article("undated", "Dmitry Peskov again.", None), [("Dmitry Peskov", "Dmitry Peskov", "person")]),
    )
    archive = aggregate_actors(arts, anns)
    assert [a.id for a in archive.articles] == ["new", "mid", "old", "undated"]
    p = by_name(archive)["Dmitry Peskov"]
    assert p.id == "dmitry-peskov" and p.kind == "person"
    assert p.aliases == ("Peskov",)
    assert p.roles == ("Kremlin spokesman", "spokesperson")  # 3 uses of one role (any case), then 1
    assert p.mentions == 5
    assert p.articles == ("new", "mid", "old", "undated")
    assert p.quotes == (QuoteRef("new", 0), QuoteRef("old", 0))
    assert p.co_actors == (("joe-biden", 2), ("moscow", 1))
    assert p.timeline == (("2023-01", 2), ("2024-06", 2))
    assert p.outlets == (("bbc.co.uk", 1), ("cnn.com", 1))
    assert actor_ids(archive, "quotes") == {"new": ("dmitry-peskov",), "mid": (), "old": ("dmitry-peskov",),
                                            "undated": ()}
    assert p.description is None and p.links == ()


def test_unnamed_speaker_and_junk_get_no_actor():
    text = "A senior official said: \"It will not happen this week.\" 2024 was long."
    arts, anns = corpus((article("a", text), [("2024", "2024", "other")],
                         [quote(text, "\"It will not happen this week.\"", None)]))
    archive = aggregate_actors(arts, anns)
    assert archive.actors == ()
    assert actor_ids(archive)["a"] == (None,) and actor_ids(archive, "quotes")["a"] == (None,)


def test_ids_are_slugs_and_collisions_are_numbered_deterministically():
    assert actor_slug("José Ñúñez") == "jose-nunez"
    assert actor_slug("AT&T") == "at-and-t"
    assert actor_slug("O'Brien") == "obrien"
    items = [(article("a", "AT&T grew."), [("AT&T", "AT&T", "organisation")]),
             (article("b", "AT and T shrank."), [("AT and T", "AT and T", "organisation")])]
    first = aggregate_actors(*corpus(*items))
    again = aggregate_actors(*corpus(*reversed(items)))
    # different names, one slug: the first by name key keeps it
    assert [(a.id, a.name) for a in first.actors] == [("at-and-t", "AT and T"), ("at-and-t-2", "AT&T")]
    assert first == again


def test_aggregation_is_a_pure_function():
    arts, anns = corpus(
        (article("a", "Vladimir Putin spoke to Joe Biden."), [("Vladimir Putin", "Vladimir Putin", "person")]),
        (article("b", "Joe Biden answered."), [("Joe Biden", "Joe Biden", "person")]),
    )
    assert aggregate_actors(arts, anns) == aggregate_actors(list(reversed(arts)), dict(reversed(anns.items())))


def test_bare_surname_links_to_a_dominant_full_name():
    # Donald Trump is named 10 times as often as every other Trump together: "Trump" is him
    items = [(article(f"d{i}", "Donald Trump spoke."), [("Donald Trump", "Donald Trump", "person")]) for i in range(10)]
    items += [(article("m", "Melania Trump spoke."), [("Melania Trump", "Melania Trump", "person")]),
              (article("bare", "Trump spoke."), [("Trump", "Trump", "person")])]
    archive = aggregate_actors(*corpus(*items))
    assert actor_ids(archive)["bare"] == ("donald-trump",)
    # one Melania mention more and the lead is under tenfold: the bare name stays apart
    items.append((article("m2", "Melania Trump again."), [("Melania Trump", "Melania Trump", "person")]))
    assert actor_ids(aggregate_actors(*corpus(*items)))["bare"] == ("trump",)


@pytest.mark.parametrize("debris", ["NCAA Sweet", "X. Sweet", "Senator Sweet", "sweet Sweet"])
def test_bare_surname_ignores_ner_debris_as_full_name(debris):
    arts, anns = corpus((article("a", f"{debris} won."), [(debris, debris, "person")]),
                        (article("b", "Sweet won."), [("Sweet", "Sweet", "person")]))
    assert actor_ids(aggregate_actors(arts, anns))["b"] == ("sweet",)


def test_bare_given_name_does_not_link():
    arts, anns = corpus((article("a", "Brian Kilmeade spoke."), [("Brian Kilmeade", "Brian Kilmeade", "person")]),
                        (article("b", "Rich Brian sang."), [("Rich Brian", "Rich Brian", "person")]),
                        (article("c", "Brian sang."), [("Brian", "Brian", "person")]))
    assert actor_ids(aggregate_actors(arts, anns))["c"] == ("brian",)


def test_a_shared_surname_links_to_whom_the_archive_itself_calls_by_it():
    """Articles that name one Obama and then say "Obama" teach what a bare "Obama" means."""
    items = [(article(f"b{n}", "Barack Obama spoke. Obama left."),
              [("Barack Obama", "Barack Obama", "person"), ("Obama", "Barack Obama", "person")]) for n in range(3)]
    items.append((article("m", "Michelle Obama spoke. Obama left."),
                  [("Michelle Obama", "Michelle Obama", "person"), ("Obama", "Michelle Obama", "person")]))
    items += [(article(f"m{n}", "Michelle Obama spoke."), [("Michelle Obama", "Michelle Obama", "person")])
              for n in range(3)]
    items.append((article("x", "Obama said no."), [("Obama", "Obama", "person")]))
    arts, anns = corpus(*items)
    archive = aggregate_actors(arts, anns)
    ids = {a.id: a.name for a in archive.actors}
    assert ids[actor_ids(archive)["x"][0]] == "Barack Obama"
    # evenly used surnames stay apart: two Johnsons
    items = [(article("j1", "Boris Johnson met Lyndon Johnson. Johnson left."),
              [("Boris Johnson", "Boris Johnson", "person"), ("Lyndon Johnson", "Lyndon Johnson", "person"),
               ("Johnson", "Johnson", "person")]),
             (article("j2", "Boris Johnson spoke. Johnson left."),
              [("Boris Johnson", "Boris Johnson", "person"), ("Johnson", "Boris Johnson", "person")]),
             (article("j3", "Lyndon Johnson spoke. Johnson left."),
              [("Lyndon Johnson", "Lyndon Johnson", "person"), ("Johnson", "Lyndon Johnson", "person")])]
    arts, anns = corpus(*items)
    archive = aggregate_actors(arts, anns)
    assert {a.name for a in archive.actors} == {"Boris Johnson", "Lyndon Johnson", "Johnson"}


# --- aggregate.prune: [actors] min_mentions, before what actors share is counted ---

@pytest.mark.parametrize("fields, quoted, min_mentions, kept", [
    ({"mentions": 3}, False, 3, True),  # exactly at the threshold
    ({"mentions": 2}, False, 3, False),
    ({"mentions": 1}, False, 1, True),  # the default keeps everyone
    ({"mentions": 1, "quotes": (QuoteRef("a", 0),)}, False, 5, True),  # quoted speakers keep their page
    ({"mentions": 0}, True, 5, True),  # a speaker only quoted, per the quotes' actor_id
    ({"mentions": 1, "description": "Mayor"}, False, 5, True),  # the editor file wrote about it
    ({"mentions": 1, "links": (("Wikipedia", "https://en.wikipedia.org/wiki/X"),)}, False, 5, True),
])
def test_keeps_page(fields, quoted, min_mentions, kept):
    actor = Actor("x", "X", "person", **fields)
    assert keeps_page(actor, min_mentions, {"x"} if quoted else set()) is kept


def _pruning_corpus():
    """Putin 3 mentions; Lavrov 2; Kyiv and Jane Roe 1 each, but Jane Roe is quoted."""
    t1 = "Vladimir Putin met Sergey Lavrov in Kyiv."
    t2 = 'Vladimir Putin and Sergey Lavrov spoke. "We will not stop here at all," Jane Roe said.'
    t3 = "Vladimir Putin left."
    return corpus(
        (article("a", t1, "2024-01-01"), [("Vladimir Putin", "Vladimir Putin", "person"),
                                          ("Sergey Lavrov", "Sergey Lavrov", "person"), ("Kyiv", "Kyiv", "place")]),
        (article("b", t2, "2024-01-02"), [("Vladimir Putin", "Vladimir Putin", "person"),
                                          ("Sergey Lavrov", "Sergey Lavrov", "person"),
                                          ("Jane Roe", "Jane Roe", "person")],
         [quote(t2, '"We will not stop here at all,"', "Jane Roe")]),
        (article("c", t3, "2024-01-03"), [("Vladimir Putin", "Vladimir Putin", "person")]),
    )


@pytest.mark.parametrize("min_mentions, pages", [
    (1, ["jane-roe", "kyiv", "sergey-lavrov", "vladimir-putin"]),
    (2, ["jane-roe", "sergey-lavrov", "vladimir-putin"]),
    (3, ["jane-roe", "vladimir-putin"]),
    (4, ["jane-roe"]),
])
def test_prune_keeps_frequent_and_quoted_actors(min_mentions, pages):
    archive = aggregate_actors(*_pruning_corpus(), min_mentions=min_mentions)
    assert [a.id for a in archive.actors] == pages
    linked = {i for ids in actor_ids(archive).values() for i in ids if i}
    assert linked <= set(pages)  # no mention links to a page that is not written
    for actor in archive.actors:
        assert {i for i, _ in actor.co_actors} <= set(pages)


def test_prune_unlinks_mentions_and_counts_co_actors_over_the_kept():
    full = aggregate_actors(*_pruning_corpus())
    assert prune_actors(full, 1) is full  # the default changes nothing, not even identity
    assert by_name(full)["Vladimir Putin"].co_actors == (("sergey-lavrov", 2), ("jane-roe", 1), ("kyiv", 1))
    pruned = aggregate_actors(*_pruning_corpus(), min_mentions=3)
    assert actor_ids(pruned)["a"] == ("vladimir-putin", None, None)  # Lavrov and Kyiv: plain text
    assert actor_ids(pruned, "quotes") == actor_ids(full, "quotes")
    assert [m.text for m in pruned.annotations["a"].mentions] == [m.text for m in full.annotations["a"].mentions]
    assert pruned.unpaged == ("Kyiv", "Sergey Lavrov") and full.unpaged == ()
    putin = by_name(pruned)["Vladimir Putin"]
    assert putin.co_actors == (("jane-roe", 1),)  # counted over the actors kept
    assert (putin.mentions, putin.articles, putin.quotes) == (3, ("c", "b", "a"), ())
    # pruning keeps what the actors share as it was; aggregation counts it after pruning
    assert by_name(prune_actors(full, 3))["Vladimir Putin"].co_actors == by_name(full)["Vladimir Putin"].co_actors
    assert relate_actors(prune_actors(full, 3)) == pruned


def test_co_actors_ranked_by_shared_articles_then_paragraphs_then_name():
    # Peskov shares one article with everyone; Putin and Lavrov also share his paragraph.
    t1 = "Dmitry Peskov said Vladimir Putin and Sergey Lavrov agreed.\nAmericans and Cubans watched the Cold War."
    t2 = "Vladimir Putin spoke. Dmitry Peskov agreed.\nZelda Zed was elsewhere."
    arts, anns = corpus(
        (article("a", t1), [("Dmitry Peskov", "Dmitry Peskov", "person"), ("Vladimir Putin", "Vladimir Putin", "person"),
                            ("Sergey Lavrov", "Sergey Lavrov", "person"), ("Americans", "Americans", "other"),
                            ("Cubans", "Cubans", "other"), ("Cold War", "Cold War", "other")]),
        (article("b", t2), [("Vladimir Putin", "Vladimir Putin", "person"), ("Dmitry Peskov", "Dmitry Peskov", "person"),
                            ("Zelda Zed", "Zelda Zed", "person")]),
    )
    archive = aggregate_actors(arts, anns)
    peskov = by_name(archive)["Dmitry Peskov"]
    # Putin: 2 articles; Lavrov: 1 article and 1 paragraph; then 1 article each, by name
    assert [i for i, _ in peskov.co_actors] == ["vladimir-putin", "sergey-lavrov", "americans", "cold-war",
                                                "cubans", "zelda-zed"]
    assert peskov.co_actors[0] == ("vladimir-putin", 2)


def test_quoted_about_and_talks_about():
    t1 = 'Dmitry Peskov said: "Vladimir Putin will not meet Joe Biden."\n"Dmitry Peskov is wrong," Joe Biden said.'
    t2 = 'A senior official said "Vladimir Putin is tired."'
    arts, anns = corpus(
        (article("new", t1, "2024-06-01"),
         [("Dmitry Peskov", "Dmitry Peskov", "person"), ("Vladimir Putin", "Vladimir Putin", "person"),
          ("Joe Biden", "Joe Biden", "person"), ("Dmitry Peskov", "Dmitry Peskov", "person"),
          ("Joe Biden", "Joe Biden", "person")],
         [quote(t1, '"Vladimir Putin will not meet Joe Biden."', "Dmitry Peskov"),
          quote(t1, '"Dmitry Peskov is wrong,"', "Joe Biden")]),
        (article("old", t2, "2023-01-01"), [("Vladimir Putin", "Vladimir Putin", "person")],
         [quote(t2, '"Vladimir Putin is tired."', None)]),
    )
    actors = by_name(aggregate_actors(arts, anns))
    assert actors["Vladimir Putin"].quoted_about == (QuoteRef("new", 0), QuoteRef("old", 0))  # unnamed speakers too
    assert actors["Dmitry Peskov"].quoted_about == (QuoteRef("new", 1),)
    assert actors["Joe Biden"].quoted_about == (QuoteRef("new", 0),)  # the Biden after the quote is no part of it
    assert actors["Dmitry Peskov"].talks_about == (("joe-biden", 1), ("vladimir-putin", 1))
    assert actors["Joe Biden"].talks_about == (("dmitry-peskov", 1),)
    assert actors["Vladimir Putin"].talks_about == ()


def test_an_actor_never_takes_the_path_of_the_actors_index_pages():
    from archivist.models import RESERVED_ACTOR_IDS

    text = "By Mentions met Page and By Quotes."
    arts, anns = corpus((article("a", text), [("By Mentions", "By Mentions", "organisation"),
                                              ("Page", "Page", "person"), ("By Quotes", "By Quotes", "organisation")]))
    ids = {a.name: a.id for a in aggregate_actors(arts, anns).actors}
    assert ids == {"By Mentions": "by-mentions-2", "Page": "page-2", "By Quotes": "by-quotes-2"}
    assert not set(ids.values()) & RESERVED_ACTOR_IDS


@pytest.mark.parametrize("record", [
    Mention(0, 8, "Jane Doe", "PERSON", "Jane Doe", "person", "mayor"),
    Mention(3, 9, "Acme's", "ORG", "Acme", "organisation", None, "old-id"),
    Quote(10, 20, "we did it", "Jane Doe", Span(0, 8, "Jane Doe"), "said", "direct", "mayor", "the mayor",
          Evidence(rule="r", resolution="name", confidence=0.9)),
])
@pytest.mark.parametrize("actor_id", ["jane-doe", None])
def test_with_actor_id_is_replace(record, actor_id):
    made = _with_actor_id(record, actor_id)
    assert made == dataclasses.replace(record, actor_id=actor_id) and type(made) is type(record)
