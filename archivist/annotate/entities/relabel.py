"""Label evidence: which of an article's actors the NER model mislabelled, by what the article says of them.

Two tables of evidence. :func:`rule_labels` tries :data:`LABEL_RULES`, named rules in order, each a
small test of one mention: names that are laws, events or works whatever the model tagged them
("the Affordable Care Act" ORG, "Covid-19" PERSON, "the NATO Summit" ORG, a show's name in quotation
marks) become LAW, EVENT or WORK_OF_ART mentions, actors only where site.toml asks
(``annotate.shown``); a company tagged PERSON ("AI company Anthropic", "Kalshi, which ...") an ORG;
a place tagged PERSON ("in Kyiv") a GPE.

The small model tags "Sophia" a place, "Iannacci" and "Huda Ammori" organisations and "SpaceX"
a person. :func:`label_evidence` reads the words around each actor's mentions (an age beside
the name, a "she added" after it speaks, an appositive naming what it is) and says which actors
are people and which organisations; :mod:`archivist.entities` relabels them before the majority
vote. Pure functions over a parsed Doc and the entity candidates being built (duck-typed: ``s``,
``e``, ``start``, ``label``, ``actor``, ``person_linked``); this module does not import spaCy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from archivist.text import names
from archivist.text.lexicon import (DISEASES, GROUP_NOUNS, ORG_NOUNS, PEOPLE_NOUNS, PERSON_NOUNS, SPEECH_VERBS,
                                    given_gender, singular)
from archivist.annotate.quotes.marks import within


def label_evidence(doc, cands: list, quoted: list[tuple[int, int]]) -> tuple[set[str], set[str]]:
    """(actors that are people, actors that are organisations) by the article's own words;
    ``quoted`` is the article's quotation spans (:func:`~archivist.annotate.quotes.marks.find_quote_spans`).

    A person: a name with an age beside it ("Sophia, 23,"), in apposition to a word for a person
    ("The co-founder of the group, Huda Ammori,"), that speaks and is then "he" or "she"
    ("Iannacci said in an email. But, she added"), or a common given name tagged PERSON at least
    as often as anything else. An evidenced surname joins its one fuller name written before it
    ("Kaeden Rowland ... Rowland, 22,"): the candidates' ``actor`` is rewritten in place. An
    organisation: a name tagged PERSON in apposition to a word for an organisation ("SpaceX, the
    Elon Musk-owned rocket company,").
    """
    persons: set[str] = set()
    organisations = {c.actor for c in cands if c.label == "PERSON" and _org_apposition(doc, c)}
    first_at: dict[str, int] = {}
    for c in sorted(cands, key=lambda c: c.start):
        first_at.setdefault(c.actor, c.start)
    evidenced = {c.actor for c in cands if _age_follows(doc, c.e)}
    evidenced |= {c.actor for c in cands if c.label in ("ORG", "GPE", "NORP") and len(c.actor.split()) >= 2 and
                  _person_apposition(doc, c)}
    evidenced |= _speaks_as_he_or_she(doc, cands, quoted)
    evidenced |= _speaks_by_surname(doc, cands, quoted)
    evidenced |= {c.actor for c in cands if c.label in _NAME_MISTAKEN_AS | {"GPE"} and _after_person_noun(doc, c)}
    for actor in sorted(evidenced):
        persons.add(actor)
        fuller = {c.actor for c in cands if c.actor.endswith(" " + actor) and len(c.actor.split()) <= 3} \
            if " " not in actor else set()
        if len(fuller) == 1 and first_at[min(fuller)] < first_at[actor]:
            # one fuller name, written first; two ("Gary Johnson", "Jeh Johnson") are for the speakers to tell apart
            (full,) = fuller
            persons.add(full)
            for c in cands:
                if c.actor == actor:
                    c.actor, c.person_linked = full, True
    # "Sophia" tagged GPE once and PERSON once: a common given name that the model tags PERSON as
    # often as anything else is a person's, whatever came first
    votes: dict[str, Counter] = {}
    for c in cands:
        votes.setdefault(c.actor, Counter())[c.label] += 1
    for actor, counter in votes.items():
        if counter["PERSON"] and counter["PERSON"] == max(counter.values()) and given_gender(actor, alone=True):
            persons.add(actor)
    return persons, organisations - persons


#: Prepositions before a place ("in Kyiv", "to Russia"): an actor after one is no person.
_PLACE_PREPS = frozenset("in into to at across near outside inside throughout around toward towards".split())


#: Labels of a name that may be a person's the model did not know: actors' and things' that cannot speak
#: ("Adrian Aviles" WORK_OF_ART), not NORP ("Democrats said ... he").
_SPEAKER_OR_MISTAKEN = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})


def _speaks_as_he_or_she(doc, cands: list, quoted: list[tuple[int, int]]) -> set[str]:
    """Actors the model tagged as places or organisations that speak and are then "he" or "she".

    "Iannacci said in an email. But, she added, ...", "Kid Rock said in the post ... “...,” he
    added", "Montgomery, the neighbor who saw them, said he saw the children": a name that is
    a speech verb's subject (or that of a verb with a speech participle: "hit out, saying"), whose
    next subject within the next sentence is "he"/"she" of another speech verb or of that verb's
    own complement, is a person's; unless the article also puts it after a preposition of place
    ("in Russia") or before a word for its people ("a Google spokeswoman", "Google's spokesman":
    her "she" is the spokeswoman's).
    """
    placed = {c.actor for c in cands if c.s > 0 and doc[c.s - 1].lower_ in _PLACE_PREPS or
              c.s > 1 and doc[c.s - 1].lower_ == "the" and doc[c.s - 2].lower_ in _PLACE_PREPS}
    placed |= {c.actor for c in cands if doc[c.e - 1].dep_ in ("compound", "poss") and
               (doc[c.e - 1].head.lower_ in PERSON_NOUNS or doc[c.e - 1].head.lower_ in names.ROLE_HEADS)}
    out: set[str] = set()
    for c in cands:
        if c.label not in _SPEAKER_OR_MISTAKEN or c.actor in placed or c.actor in out or \
                c.actor.isupper() or len(c.actor.split()) > 3 or (c.s > 0 and doc[c.s - 1].lower_ == "the"):
            continue
        head = doc[c.e - 1]
        if head.dep_ != "nsubj" or head.head.lower_ not in SPEECH_VERBS and not any(
                ch.dep_ == "advcl" and ch.tag_ == "VBG" and ch.lower_ in SPEECH_VERBS for ch in head.head.children):
            continue  # "Iannacci said", "Mutu has hit out at the club, saying: ..."
        if within(quoted, c.start):
            continue  # words inside a quotation are the speaker's, not the article's
        sent = head.sent
        end = sent.end if sent.end >= len(doc) else doc[sent.end].sent.end  # this sentence and the next
        following = (t for t in doc[head.head.i + 1:end] if t.dep_ in ("nsubj", "nsubjpass") and
                     t.head.dep_ != "relcl" and not within(quoted, t.idx))
        tok = next(following, None)
        if tok is not None and tok.lower_ in ("he", "she") and tok.dep_ == "nsubj" and \
                (tok.head.lower_ in SPEECH_VERBS or tok.head.dep_ == "ccomp" and tok.head.head.i == head.head.i):
            out.add(c.actor)  # "“...,” he added", or "Montgomery ... said he saw the children"
    return out


#: Labels the model gives a person's full name that it did not know as one ("Adrian Aviles" WORK_OF_ART).
_NAME_MISTAKEN_AS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"})


def _speaks_by_surname(doc, cands: list, quoted: list[tuple[int, int]]) -> set[str]:
    """Full names the model tagged as no person that speak, and whose last word alone also speaks.

    "Adrian Aviles told CNN ... Aviles said" (WORK_OF_ART): a name of two or three capitalised words
    that is a speech verb's subject, whose last word the article writes alone, outside every longer
    name, as a speech verb's subject too, is a person's: news style calls a person by the surname
    and an organisation by its first word or its acronym ("Goldman Sachs said ... Goldman said").
    Not a name after "the" or within quotation marks, nor one with a word for a body ("Trump Media
    Group"), nor one whose last word another person's name ends with ("Trump Tower" beside "Donald
    Trump": that "Trump said" is his)."""
    speaking = {t.text for t in doc if t.dep_ == "nsubj" and t.head.lower_ in SPEECH_VERBS and
                t.pos_ == "PROPN" and not within(quoted, t.idx) and
                not any(ch.dep_ in ("compound", "flat") for ch in t.children)}
    others = {c.actor.split()[-1]: c.actor for c in cands if c.label == "PERSON" and " " in c.actor}
    out: set[str] = set()
    for c in cands:
        words = c.actor.split()
        if c.label not in _NAME_MISTAKEN_AS or not 2 <= len(words) <= 3 or words[-1] not in speaking or \
                others.get(words[-1], c.actor) != c.actor or c.actor in out:
            continue
        if not all(w[:1].isupper() and w[1:].replace("-", "").isalpha() and not w.isupper() for w in words) or \
                any(w.lower() in _BODY_WORDS for w in words) or c.s > 0 and doc[c.s - 1].lower_ == "the":
            continue
        head = doc[c.e - 1]
        if head.dep_ == "nsubj" and head.head.lower_ in SPEECH_VERBS and not within(quoted, c.start) and \
                not (c.s > 0 and doc[c.s - 1].text[-1:] in _OPENING):
            out.add(c.actor)
    return out


#: Words for one person written right before their name ("her husband Haakon", "voter Jane Roe"): kin and
#: people, and gendered words for a person; not a group's ("team", "family": "team Ferrari").
_PERSON_BEFORE = (PEOPLE_NOUNS | {w for w, g in PERSON_NOUNS.items() if g != "person"}) - GROUP_NOUNS


def _after_person_noun(doc, c) -> bool:
    """True when the word right before the name is a lower-case singular noun for one person
    (:data:`_PERSON_BEFORE`): "Mette-Marit's husband Haakon said" (Haakon tagged ORG)."""
    before = doc[c.s - 1] if c.s > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.tag_ == "NN" and before.text.islower() and \
        before.lower_ in _PERSON_BEFORE


#: Words for an organisation that a person's name is never in apposition to ("party" is: "led by
#: Gagan Thapa, the country's oldest party" hangs the party on the leader).
_ORG_APPOSITIVES = ORG_NOUNS - {"party", "administration", "government", "court", "council", "committee",
                                "department", "ministry"}


#: Role words a company holds as often as a person ("his original publisher, W.W. Norton,").
_COMPANY_ROLES = frozenset("publisher owner host partner sponsor".split())


def _person_apposition(doc, c) -> bool:
    """True when the name stands in apposition to a word for a person ("the co-founder of the group,
    Huda Ammori," or "Huda Ammori, the group's co-founder,")."""
    root = doc[c.e - 1]

    def role_word(tok) -> bool:
        return tok.pos_ == "NOUN" and (names.is_role_head(tok.text) or tok.lower_ in PERSON_NOUNS)

    def personal(tok) -> bool:
        return role_word(tok) and tok.lower_ not in _COMPANY_ROLES
    if root.dep_ == "appos" and root.head.i < c.s and personal(root.head):
        # ... unless the word before the comma could own the appositive itself ("a spokesperson for
        # the Journal's publisher, Dow Jones,", "a professor at the University of California, Santa Cruz,")
        before = doc[c.s - 2] if c.s >= 2 and doc[c.s - 1].text == "," else None
        return before is not None and (before.i == root.head.i or before.pos_ == "NOUN" and not role_word(before))
    # "Huda Ammori, the group's co-founder,": the appositive right after the name's comma
    return any(ch.dep_ == "appos" and ch.left_edge.i == c.e + 1 and doc[c.e].text == "," and personal(ch)
               for ch in root.children)


def _org_apposition(doc, c) -> bool:
    """True when the name stands in apposition to a word for an organisation ("SpaceX, the company,")."""
    root = doc[c.e - 1]
    appositives = [ch for ch in root.children if ch.dep_ == "appos" and ch.i >= c.e]
    if any(names.is_role_head(ch.text) for ch in appositives):
        return False  # "Guido Schmidt-Traub, managing director of ..., the ... Network": a person
    if any(ch.pos_ == "NOUN" and ch.lower_ in _ORG_APPOSITIVES for ch in appositives):
        return True
    return root.dep_ == "appos" and root.head.i < c.s and root.head.pos_ == "NOUN" and \
        root.head.lower_ in _ORG_APPOSITIVES


def _age_follows(doc, e: int) -> bool:
    """True when tokens from ``e`` read ", 23," (or ", 23 and"): an age in apposition to the name before."""
    if e + 2 >= len(doc) or doc[e].text != "," or not doc[e + 1].text.isdigit():
        return False
    return len(doc[e + 1].text) <= 2 and doc[e + 2].text in (",", "and", ".", ")")


# --- laws, events, works, companies and places the model took for other actors -----------------

@dataclass(frozen=True)
class LabelRule:
    """A named rule that finds an actor the model mislabelled (a law, an event, a work, a company or
    a place): ``label`` is the label it gives, ``overrides`` the NER labels it may replace (one of the
    actor's mentions must have one), ``fires(doc, cand, ctx)`` its test
    of one mention, with the article's :class:`RuleContext` (an actor is relabelled where any of its
    mentions fires)."""

    name: str
    label: str
    overrides: frozenset[str]
    fires: Callable


@dataclass(frozen=True)
class RuleContext:
    """What the rules read of the whole article, found once: its quotation spans, the names written just
    before a word for a disease ("Covid-19" of "the Covid-19 pandemic", tagged or not), those written
    after a preposition of place ("in Kyiv"), and the share of each actor's mentions that stand before a
    word for an event ("the State of the Union address")."""

    quoted: list[tuple[int, int]]
    before_disease: frozenset[str]
    after_place: frozenset[str] = frozenset()
    before_event: dict[str, float] = field(default_factory=dict)  # actor -> share of its mentions before one
    text: str = ""  #: the article's text, joined once (``doc.text`` joins every token again at each call)


def rule_context(doc, quoted: list[tuple[int, int]], cands: list = ()) -> RuleContext:
    """The :class:`RuleContext` of an article: one pass over its tokens and one over its candidates."""
    shares: dict[str, list[int]] = {}
    for c in cands:
        i = c.e + (1 if c.e < len(doc) and doc[c.e].text in _POSSESSIVES else 0)
        counts = shares.setdefault(c.actor, [0, 0])
        counts[0] += i < len(doc) and doc[i].lower_ in EVENT_NOUNS
        counts[1] += 1
    before = {doc[i - k:i].text for i, t in enumerate(doc) if t.lower_ in DISEASE_NOUNS
              for k in range(1, min(i, 3) + 1)}
    n = len(doc)
    after = {doc[i + 1:i + 1 + k].text for i, t in enumerate(doc) if t.lower_ in _PLACE_ONLY_PREPS
             for k in range(1, 4) if i + k < n and (i + k + 1 >= n or doc[i + k + 1].text not in _POSSESSIVES)}
    return RuleContext(quoted, frozenset(before), frozenset(after),
                       {actor: hits / total for actor, (hits, total) in shares.items()}, doc.text)


_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


#: Last words that make a name a law or a document of law ("the Affordable Care Act", "the Paris
#: Agreement", "the Bipartisan Infrastructure Law"): ``Law`` and ``Code`` are surnames too ("Jude
#: Law"), so the rule leaves names tagged PERSON alone.
LAW_HEADS = frozenset("Act Acts Amendment Amendments Treaty Accord Accords Agreement Constitution "
                      "Conventions Charter Protocol Doctrine Directive Ordinance Statute Bill Law Code".split())

#: Last words that make a name an event ("the Cold War", "the NATO Summit", "the World Cup", "the
#: Covid-19 Pandemic"); not "Bowl" nor "Games", also a stadium's and a company's ("Epic Games").
EVENT_HEADS = frozenset("War Wars Summit Cup Olympics Paralympics Championships Pandemic Epidemic Outbreak "
                        "Open Marathon Series Tournament Classic Festival Awards Oscars Grammys Emmys Debate Debates "
                        "Riot Riots Massacre Uprising Crisis Shutdown Recession Depression Olympiad Expo "
                        "Convention Primary Primaries Election Elections Referendum".split())

#: Last words of laws and events, which a possessive does not end ("the Women's World Cup").
THING_HEADS = LAW_HEADS | EVENT_HEADS

#: Nouns for a disease or its spread: a name that modifies one ("the Covid-19 pandemic", "Ebola
#: outbreak") is the disease's, an event, not a person or an organisation; not "vaccine", which a
#: company's name modifies as often ("the Pfizer vaccine").
DISEASE_NOUNS = frozenset("pandemic pandemics epidemic outbreak outbreaks virus variant variants infection "
                          "infections symptoms".split())

#: Opening and closing quotation marks around a title ("“Saturday Night Live”", "\"Succession\"").
_OPENING = frozenset("\"“„«")
_CLOSING = frozenset("\"”»")

#: The labels of actors: what the model may have given a law, an event or a work.
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})


def _headed_by(heads: frozenset[str]) -> Callable:
    """A test: the name has two words or more, its last word or the last before "of" is one of
    ``heads`` ("the Paris Agreement", "the Treaty of Versailles"), and no word before is one for an
    organisation ("the Commission on Presidential Debates", "the UCLA School of Law")."""
    def fires(doc, c, ctx) -> bool:
        words = c.actor.split(" ")
        if len(words) < 2 or any(w.lower() in _BODY_WORDS for w in words[:-1]):
            return False
        return words[-1] in heads or "of" in words and words[words.index("of") - 1] in heads
    return fires


#: Words for an organisation that head its name whatever follows ("Commission on Presidential Debates").
_BODY_WORDS = ORG_NOUNS | frozenset("school university college center centre board society league club academy "
                                    "caucus".split())


def _modifies_a_disease_noun(doc, c, ctx) -> bool:
    """The article writes the name before a word for a disease ("the Covid-19 pandemic", "the Ebola
    outbreak"), there or elsewhere: read from the words, since the small model parses "pandemic"
    there as an adjective of the next noun, and tags the name only where it stands alone."""
    return c.actor in ctx.before_disease or doc[c.s:c.e].text in ctx.before_disease


#: Nouns for an event or a programme written after its name ("Trump's State of the Union address",
#: "the Apollo program", "the El Niño weather phenomenon").
EVENT_NOUNS = frozenset("address speech program programme mission missions launch phenomenon".split())


def _before_event_noun(doc, c, ctx) -> bool:
    """A third of the article's mentions of the name or more stand before a word for an event
    (:data:`EVENT_NOUNS`): an event's or a programme's ("ahead of a State of the Union address ...
    the State of the Union, it"), unless an acronym ("the NASA program")."""
    return ctx.before_event.get(c.actor, 0) >= EVENT_SHARE and not names.is_acronym(c.actor)


#: The share of an actor's mentions before a word for an event that makes it one (see above).
EVENT_SHARE = 1 / 3


def _disease_name(doc, c, ctx) -> bool:
    """The name is a disease's (:data:`~archivist.text.lexicon.DISEASES`: "Covid", "Covid-19", "Ebola")."""
    return c.actor.lower() in DISEASES


def _quoted_title(doc, c, ctx) -> bool:
    """The name is all a pair of quotation marks holds (a comma or full stop aside), after a word for a
    work, a verb for making or watching one, or an owner's possessive ("the show “Yellowstone”",
    "starred in “Saturday Night Live”", "told CNN’s “State of the Union”"): a title. A name in scare
    quotes is no title ("the so-called “Islamic State”")."""
    text = ctx.text or doc.text
    if c.start == 0 or text[c.start - 1] not in _OPENING:
        return False
    end = c.end + (1 if text[c.end:c.end + 1] in (",", ".") else 0)
    if text[end:end + 1] not in _CLOSING:
        return False
    opening = c.s - 1 if c.s > 0 and doc[c.s - 1].idx == c.start - 1 else c.s  # the mark, a token or glued
    before = doc[max(opening - _TITLE_WINDOW, doc[c.s].sent.start):opening]
    return any(t.lower_ in WORK_NOUNS or t.lemma_ in WORK_VERBS or t.text in ("'s", "’s") for t in before)


#: Tokens before a quoted title read for a word that makes it one.
_TITLE_WINDOW = 4

#: Words for a work, before its title ("the series “Succession”").
WORK_NOUNS = frozenset("show shows series film films movie movies book books novel memoir song songs album single "
                       "podcast documentary play musical episode sitcom drama comedy special program programme "
                       "opera poem track game magazine newsletter column play".split())

#: Lemmas of verbs for making, giving or taking in a work, before its title ("starred in “Friends”").
WORK_VERBS = frozenset("star host watch read write direct produce release air stream publish sing perform "
                       "premiere record title".split())


#: Nouns for what a name names, written before it as a title before a person's ("AI company
#: Anthropic", "prediction markets like Kalshi", "the chatbot Claude", "the capital Kyiv"), singular,
#: and the label they give the name; not "state", whose "state Senate" is no place.
NOUNS_BEFORE = {**dict.fromkeys(ORG_NOUNS | frozenset(
    "startup start-up platform giant maker market exchange retailer chain airline carrier bank lender insurer "
    "studio outlet website brand manufacturer automaker broker conglomerate nonprofit lab laboratory "
    "charity affiliate station broadcaster".split()), "ORG"),
    **dict.fromkeys("chatbot app".split(), "PRODUCT"),
    **dict.fromkeys("capital city town village country province region".split(), "GPE")}

#: Nouns written right after a name (or its possessive) that make it a company's or a product's, never
#: a person's ("Anthropic CEO Dario Amodei", "Anthropic's shareholders", "the Claude chatbot").
NOUNS_AFTER = {**dict.fromkeys("ceo cfo coo cto shareholders stock shares subsidiary".split(), "ORG"),
               **dict.fromkeys("chatbot chatbots app model assistant software".split(), "PRODUCT")}

#: Words between a noun and the name it stands before ("markets like Kalshi", "platforms such as Kalshi").
_LIKE = frozenset({"like", "as"})


def _noun_before(label: str) -> Callable:
    """A test: the word before the name (or before "like", "such as") is a common noun that
    :data:`NOUNS_BEFORE` gives ``label``."""
    def fires(doc, c, ctx) -> bool:
        i = c.s - 1
        if i >= 0 and doc[i].lower_ in _LIKE:
            i -= 2 if i >= 1 and doc[i - 1].lower_ == "such" else 1
        if i < 0:
            return False
        before = doc[i]
        return before.pos_ == "NOUN" and before.text.islower() and NOUNS_BEFORE.get(singular(before.text)) == label
    return fires


def _noun_after(label: str) -> Callable:
    """A test: the word after the name (or after its possessive) is one that :data:`NOUNS_AFTER` gives ``label``."""
    def fires(doc, c, ctx) -> bool:
        i = c.e + (1 if c.e < len(doc) and doc[c.e].text in ("'s", "’s") else 0)
        return i < len(doc) and doc[i].pos_ == "NOUN" and NOUNS_AFTER.get(doc[i].lower_) == label
    return fires


def _which_follows(doc, c, ctx) -> bool:
    """", which" follows the name: a thing's or a body's, no person's ("Kalshi, which ...")."""
    return c.e + 1 < len(doc) and doc[c.e].text == "," and doc[c.e + 1].lower_ == "which"


#: Prepositions of a place that put no person after them ("in Kyiv", "across Gaza"; "to" and "at" do:
#: "spoke to Biden").
_PLACE_ONLY_PREPS = frozenset("in into across throughout near outside inside".split())


def _after_place_preposition(doc, c, ctx) -> bool:
    """A one-word name that the model tags a place here, and that the article writes after a
    preposition of place, not owning what follows ("in Kyiv", not "in Kaley's case"), there or
    elsewhere, tagged or not: a place's, however often the model tags it a person ("aid for Kyiv");
    a common given name is a person's ("Victoria")."""
    return c.label in _PLACE_LABELS and " " not in c.actor and c.actor in ctx.after_place and \
        not given_gender(c.actor, alone=True)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


#: The rules, in the order tried: the first that fires for one of an actor's mentions gives the label.
LABEL_RULES: tuple[LabelRule, ...] = (
    LabelRule("law-head", "LAW", _ACTOR_LABELS - {"PERSON"}, _headed_by(LAW_HEADS)),
    LabelRule("event-head", "EVENT", _ACTOR_LABELS, _headed_by(EVENT_HEADS)),
    LabelRule("disease-name", "EVENT", frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "GPE"}), _disease_name),
    LabelRule("disease-modifier", "EVENT", frozenset({"PERSON", "ORG", "NORP", "PRODUCT"}), _modifies_a_disease_noun),
    LabelRule("event-noun-after", "EVENT", frozenset({"ORG", "PRODUCT", "FAC"}), _before_event_noun),
    LabelRule("quoted-title", "WORK_OF_ART", _ACTOR_LABELS, _quoted_title),
    LabelRule("org-noun-before", "ORG", frozenset({"PERSON", "GPE"}), _noun_before("ORG")),
    LabelRule("org-noun-after", "ORG", frozenset({"PERSON"}), _noun_after("ORG")),
    LabelRule("product-noun-before", "PRODUCT", frozenset({"PERSON", "GPE", "ORG"}), _noun_before("PRODUCT")),
    LabelRule("product-noun-after", "PRODUCT", frozenset({"PERSON", "GPE"}), _noun_after("PRODUCT")),
    LabelRule("place-noun-before", "GPE", frozenset({"PERSON"}), _noun_before("GPE")),
    LabelRule("which-follows", "ORG", frozenset({"PERSON"}), _which_follows),
    LabelRule("place-after-preposition", "GPE", frozenset({"PERSON"}), _after_place_preposition),
)


def rule_labels(doc, cands: list, quoted: list[tuple[int, int]]) -> dict[str, tuple[str, str]]:
    """{actor: (rule name, label)} for the article's actors that the model mislabelled
    (:data:`LABEL_RULES`, tried in order); a person the article gives a role or links to a
    fuller name ("President Bill ...") keeps the label. ``quoted`` is the article's quotation spans."""
    out: dict[str, tuple[str, str]] = {}
    personal = {c.actor for c in cands if c.label == "PERSON" and (c.role or c.person_linked)}
    labels: dict[str, set[str]] = {}
    for c in cands:
        labels.setdefault(c.actor, set()).add(c.label)
    ctx = rule_context(doc, quoted, cands)
    for rule in LABEL_RULES:
        for c in cands:
            if c.actor in out or c.actor in personal or not labels[c.actor] & rule.overrides:
                continue  # any mention may show what the actor is: "aid for Kyiv" PERSON, "in Kyiv" GPE
            if rule.fires(doc, c, ctx):
                out[c.actor] = (rule.name, rule.label)
    return out
