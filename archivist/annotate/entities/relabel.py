"""Label evidence: which of an article's actors the NER model mislabelled, by what the article says of them.

The small model tags "Sophia" a place, "Iannacci" and "Huda Ammori" organisations and "SpaceX"
a person. :func:`label_evidence` reads the words around each actor's mentions (an age beside
the name, a "she added" after it speaks, an appositive naming what it is) and says which actors
are people and which organisations; :mod:`archivist.entities` relabels them before the majority
vote. Pure functions over a parsed Doc and the entity candidates being built (duck-typed: ``s``,
``e``, ``start``, ``label``, ``actor``, ``person_linked``); this module does not import spaCy.
"""

from __future__ import annotations

from collections import Counter

from archivist.text import names
from archivist.text.lexicon import ORG_NOUNS, PERSON_NOUNS, SPEECH_VERBS, given_gender
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
        if c.label not in ("PERSON", "ORG", "GPE", "LOC", "FAC") or c.actor in placed or c.actor in out or \
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
