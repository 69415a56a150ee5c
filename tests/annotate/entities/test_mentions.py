"""Entity mentions within one article (archivist.entities), through the real spaCy model.

One table per identity rule: a text, and (span text, actor) pairs that must come out.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA, SHARED

from archivist.models import KINDS

GOLD = SHARED / "gold" / "seed.jsonl"


@pytest.fixture(scope="module")
def mentions_of(nlp):
    """Text in, its mentions out (checking the invariants every Mention tuple must keep)."""
    from archivist.annotate.entities.mentions import extract_mentions
    from archivist.annotate.quotes.marks import find_quote_spans

    def run(text):
        mentions = extract_mentions(nlp(text), find_quote_spans(text))
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert m.kind in KINDS
        starts = [m.start for m in mentions]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
        return mentions

    return run


def pairs(mentions):
    return [(m.text, m.actor) for m in mentions]


# --- people: surnames, first names, possessives, titles --------------------------------------

PEOPLE = [
    ("President Vladimir Putin met his aides in Moscow. Putin's spokesman said Putin would travel.",
     [("Vladimir Putin", "Vladimir Putin"), ("Putin", "Vladimir Putin")]),
    ("Senator Elizabeth Warren spoke first. Elizabeth later left the room with reporters.",
     [("Elizabeth Warren", "Elizabeth Warren"), ("Elizabeth", "Elizabeth Warren")]),
    # Two Johnsons: the bare surname stays as written.
    ("Boris Johnson met Mike Johnson in London on Monday. Johnson said the talks went well.",
     [("Boris Johnson", "Boris Johnson"), ("Mike Johnson", "Mike Johnson"), ("Johnson", "Johnson")]),
    # An occupation opening the sentence is no part of the name.
    ("Historian Arash Azizi says the killing made for useful imagery. Later, Azizi said the regime would use it.",
     [("Arash Azizi", "Arash Azizi"), ("Azizi", "Arash Azizi")]),
    # A hyphenated given name is one name, lower-case part and all.
    ("UN chief Ban Ki-moon said the talks failed. Ban said more.", [("Ban Ki-moon", "Ban Ki-moon")]),
    # A name after an honorific is a person's, tagged as nothing or as a place ...
    ("Speaking on the BBC's Today programme on Tuesday, Lord Browne said the profits were up.",
     [("Lord Browne", "Lord Browne")]),
    ("Mr Hague said the party would win. Mr Ash agreed with Mr Hague on Monday.", [("Hague", "Hague")]),
    # ... and starts a name of its own inside another entity
    ("Jack Straw spoke. In a speech to the Foreign Policy Centre Mr Straw said the Tory leader was clever.",
     [("Jack Straw", "Jack Straw"), ("Straw", "Jack Straw")]),
    # A bare name used all along before a fuller one appears already meant someone else.
    ("Obama spoke on Monday. Obama met Congress. Obama left Washington. Obama called Merkel. "
     "Obama flew to Chicago. Later, first lady Michelle Obama joined the trip.",
     [("Obama", "Obama"), ("Michelle Obama", "Michelle Obama")]),
    # A surname spelled another way later in the article is the one full name it fits.
    ("The campaign interviewed two voters, Tyresha McClenney and Bryan Anderson. McLenney said she was unsure.",
     [("Tyresha McClenney", "Tyresha McClenney"), ("McLenney", "Tyresha McClenney")]),
    ("The band's singer Anthony Kiedis spoke on Monday. Keidis said the tour would go on.",
     [("Anthony Kiedis", "Anthony Kiedis"), ("Keidis", "Anthony Kiedis")]),
    # A given name before a family name the article gives a person is a person of that family, where
    # the model tagged it as nothing: the bare "Trump" then has two people to be
    ("At the convention, Ivanka Trump strode across the stage. Donald Trump's eldest daughter spoke of "
     "work. As Ivanka Trump delivered her speech, the crowd cheered.",
     [("Donald Trump", "Donald Trump"), ("Ivanka Trump", "Ivanka Trump")]),
]


@pytest.mark.parametrize("text, expected", PEOPLE)
def test_person_names_resolve_within_article(mentions_of, text, expected):
    mentions = mentions_of(text)
    found = pairs(mentions)
    assert {span for span, _ in expected} <= {m.text for m in mentions if m.label == "PERSON"}
    for pair in expected:
        assert pair in found
    # Possessives and titles are never part of a span or an actor name.
    assert not any("'s" in t or "President" in t or "Senator" in t for t, _ in found)


# --- roles ------------------------------------------------------------------------------------

ROLES = [
    ("Kremlin spokesperson Dmitry Peskov called the talks unsuccessful. Later, Peskov said more.",
     {"Dmitry Peskov": "Kremlin spokesperson", "Peskov": "Kremlin spokesperson"}),
    ("U.S. Secretary of State Antony Blinken told MSNBC on Thursday that Blinken was hopeful.",
     {"Antony Blinken": "U.S. Secretary of State", "Blinken": "U.S. Secretary of State"}),
    ("Deputy Foreign Minister Sergey Ryabkov led the talks in Geneva.",
     {"Sergey Ryabkov": "Deputy Foreign Minister"}),
    ("Russia's Foreign Minister Sergey Lavrov met the country's Foreign Minister Zbigniew Rau in Warsaw.",
     {"Sergey Lavrov": "Russia's Foreign Minister", "Zbigniew Rau": "Foreign Minister"}),
    ("Sergey Ryabkov, Russia's deputy foreign minister, said Moscow was ready.",
     {"Sergey Ryabkov": "Russia's deputy foreign minister"}),
    ("Moscow  A senior Russian diplomat said it, including Foreign Minister Sergey Lavrov and Prime "
     "Minister Mikhail Mishustin.", {"Sergey Lavrov": "Foreign Minister", "Mikhail Mishustin": "Prime Minister"}),
    # another actor joined by "and" is not part of the title
    ("Zampolli said he put the idea to Trump and FIFA president Gianni Infantino on Monday.",
     {"Gianni Infantino": "FIFA president"}),
    # a demonstrative is no part of the role
    ("That lawyer, Julie Le, was removed from her post in Minnesota.", {"Julie Le": "lawyer"}),
    ("Even Trump’s own transportation secretary, Sean Duffy, said so.",
     {"Sean Duffy": "Trump’s own transportation secretary"}),
    # a lower-case adjective of the title word belongs to the title
    ("University of Minnesota political scientist Lawrence Jacobs said the powers are real.",
     {"Lawrence Jacobs": "University of Minnesota political scientist"}),
    # a name joined by "and" to a role before it has no role of its own
    ("Summers said he was ashamed of the ties between the famed economist and Jeffrey Epstein.",
     {"Jeffrey Epstein": None}),
    # a title of one country's own
    ("Taoiseach Micheál Martin told reporters Tuesday that the facilities are a concern.",
     {"Micheál Martin": "Taoiseach"}),
    # an apposition the parser cut short ends at its last word, not at "at"
    ("Lisa Power, head of policy at Aids charity the Terrence Higgins Trust said the policy was wrong.",
     {"Lisa Power": "head of policy"}),
    # an occupation before the name is a role, not a part of it
    ("Broadcaster Piers Morgan commented on the chase.", {"Piers Morgan": "Broadcaster"}),
    ("DJ Norman Cook played in Rio to a crowd of 360,000.", {"Norman Cook": "DJ"}),
    # a word that opens the sentence is not part of the title
    ('Even Justice Elena Kagan, a member of the liberal wing, asked: "What are those words doing there?"',
     {"Elena Kagan": "Justice"}),
    # a title's "of" complement ends where the name begins, whichever side the model glued it to
    ('"We will enforce them," said Deputy Secretary of Labor Seth Harris.',
     {"Seth Harris": "Deputy Secretary of Labor"}),
    ('"It is a good day for London," Mayor of London Sadiq Khan said on Tuesday.',
     {"Sadiq Khan": "Mayor of London"}),
    # a title's abbreviation is a title too ("AG" for attorney general), not part of the name
    ('Former AG Eric Holder spoke on Monday. "It is wrong," Holder said.', {"Eric Holder": "Former AG"}),
]


@pytest.mark.parametrize("text, expected", ROLES)
def test_roles_are_kept_apart_from_names(mentions_of, text, expected):
    roles = {m.text: m.role for m in mentions_of(text) if m.kind == "person"}
    for span, role in expected.items():
        assert roles.get(span) == role
    # "State" in "Secretary of State" is part of the title, not an organisation.
    assert "State" not in {m.text for m in mentions_of(text)}


# --- acronyms and equivalent names ------------------------------------------------------------

SAME_ACTOR = [
    ("The talks were held by the Organization for Security and Cooperation in Europe (OSCE) in Vienna. "
     "The OSCE said it would meet again.",
     "Organization for Security and Cooperation in Europe",
     {"Organization for Security and Cooperation in Europe", "OSCE"}),
    ("The last round was held under the auspices of the Organization for Security and Cooperation in "
     "Europe OSCE, on Thursday.", "Organization for Security and Cooperation in Europe",
     {"Organization for Security and Cooperation in Europe", "OSCE"}),
    ("The U.S. and the United States of America are the same country, and so is the US, said Joe Biden.",
     "United States", {"U.S.", "United States of America", "US"}),
]


@pytest.mark.parametrize("text, actor, spans", SAME_ACTOR)
def test_acronyms_and_equivalents_are_one_actor(mentions_of, text, actor, spans):
    found = {m.text for m in mentions_of(text) if m.actor == actor}
    assert spans <= found


# --- NER mistakes and boundaries --------------------------------------------------------------

JUNK = [
    # A span glued to a quote mark keeps only a name the article gives elsewhere.
    ('The Kremlin called the talks with the U.S. and NATO"unsuccessful." NATO said nothing.',
     {"Kremlin", "U.S.", "NATO"}, {'NATO"unsuccessful'}),
    # Dates, numbers, percentages are not actors; "the" is not part of a name.
    ("Officials at the White House said 57 people met on Thursday, 3% of them from the World Health "
     "Organization.", {"White House", "World Health Organization"}, {"57", "Thursday", "3%", "the White House"}),
    # A politician's party and district is not an actor (the model tags "D-Newport News" ORG).
    ('"We need more funds," said Delegate Marcia Price (D-Newport News) on Monday.',
     {"Marcia Price"}, {"D-Newport News", "Delegate Marcia Price"}),
    # An institution named with a possessive keeps it; a possessive before another name ends the name
    ("“The weather hindered the recovery,” the Nevada County Sheriff’s Office said. Trump's Iran plan failed.",
     {"Nevada County Sheriff’s Office", "Trump", "Iran"}, {"Nevada County Sheriff", "Office", "Trump's Iran"}),
    # A headline's gerund glued to a name: "Hosting Herzog, Australia braces ..."
    ("Hosting Herzog, Australia braces for protests.\n\nHerzog said he wanted to confront lies.",
     {"Herzog"}, {"Hosting Herzog"}),
    # A place glued before a person's name, tied to a title ("Senator from Vermont"): the name is the person's
    ("On Wednesday, United States Senator from Vermont Bernie Sanders ended his bid for the nomination.",
     {"Bernie Sanders", "United States"}, {"Vermont Bernie Sanders"}),
]


@pytest.mark.parametrize("text, kept, dropped", JUNK)
def test_ner_mistakes_are_dropped_or_trimmed(mentions_of, text, kept, dropped):
    found = {m.text for m in mentions_of(text)}
    assert kept <= found
    assert not (dropped & found)


def test_capital_ms_is_no_honorific(mentions_of):
    mentions = mentions_of("The anchors of MS NOW said on Sunday that the network would grow.")
    assert [(m.text, m.label) for m in mentions] == [("MS NOW", "ORG")]


def test_glued_piece_takes_the_label_of_its_name(mentions_of):
    mentions = mentions_of('The talks with the U.S. and NATO"unsuccessful." NATO said nothing.')
    assert {m.label for m in mentions if m.actor == "NATO"} == {"ORG"}


def test_one_label_per_actor(mentions_of):
    text = ("Alexey Navalny's team met in Vilnius. Navalny's widow Yulia Navalnaya spoke, "
            "and Navalny was remembered. Navalnaya thanked Navalny's supporters.")
    by_actor = {}
    for m in mentions_of(text):
        by_actor.setdefault(m.actor, set()).add((m.label, m.kind))
    assert all(len(v) == 1 for v in by_actor.values())


# --- the seed article -------------------------------------------------------------------------

def _seed_text():
    lines = (DATA / "seed_article.txt").read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines[3:] if line.strip())


@pytest.fixture(scope="module")
def seed(mentions_of):
    return mentions_of(_seed_text())


# The hand-annotated actors of the seed article (a copy of ../shared/gold/seed.jsonl's "actors",
# so the project's tests do not need ../shared).
SEED_PEOPLE = ["Vladimir Putin", "Antony Blinken", "Dmitry Peskov", "Sergey Ryabkov", "Wendy Sherman",
               "Zbigniew Rau", "Sergey Lavrov", "Mikhail Mishustin"]
SEED_ORGS = ["NATO", "Kremlin", "Organization for Security and Cooperation in Europe", "MSNBC", "RTVI",
             "Congress", "White House"]
SEED_PLACES = ["Russia", "Ukraine", "United States", "Cuba", "Venezuela", "Moscow", "Washington", "Havana",
               "Caracas", "Geneva", "Brussels", "Poland", "Eastern Europe", "Crimean Peninsula"]
SEED_SAME = [("Putin", "Vladimir Putin"), ("Peskov", "Dmitry Peskov"), ("Ryabkov", "Sergey Ryabkov"),
             ("Sherman", "Wendy Sherman"), ("Rau", "Zbigniew Rau"),
             ("OSCE", "Organization for Security and Cooperation in Europe")]


def test_seed_gold_copy_is_current():
    if not GOLD.exists():
        pytest.skip("../shared/gold/seed.jsonl not present")
    actors = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])["actors"]
    assert actors["people"] == SEED_PEOPLE
    assert actors["organisations"] == SEED_ORGS
    assert actors["places"] == SEED_PLACES
    assert [tuple(p) for p in actors["same_actor"]] == SEED_SAME


@pytest.mark.parametrize("kind, expected", [("person", SEED_PEOPLE), ("organisation", SEED_ORGS),
                                            ("place", SEED_PLACES)])
def test_seed_actors(seed, kind, expected):
    actors = {m.actor for m in seed if m.kind == kind}
    assert set(expected) <= actors


@pytest.mark.parametrize("short, full", SEED_SAME)
def test_seed_same_actor_pairs(seed, short, full):
    by_text = {}
    for m in seed:
        by_text.setdefault(m.text, set()).add(m.actor)
    assert by_text[short] == {full}
    assert by_text[full] == {full}


def test_seed_roles(seed):
    roles = {m.actor: m.role for m in seed if m.role}
    assert roles["Dmitry Peskov"] == "Kremlin spokesperson"
    assert roles["Antony Blinken"] == "U.S. Secretary of State"
    assert roles["Sergey Ryabkov"] == "Deputy Foreign Minister"
    assert roles["Wendy Sherman"] == "U.S. Deputy Secretary of State"
    assert roles["Mikhail Mishustin"] == "Prime Minister"
    assert "Vladimir Putin" not in roles  # the article gives him no title


def test_seed_has_no_junk(seed):
    texts = {m.text for m in seed}
    assert not any('"' in t for t in texts)
    assert not {"State", "Thursday", "57", "2014"} & texts
    assert not any(t.startswith("the ") for t in texts)
