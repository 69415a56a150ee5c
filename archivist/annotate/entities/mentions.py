"""Named entities of one article, as Mentions resolved to actor names within the article.

Pure functions over a parsed spaCy ``Doc`` (this module does not import spaCy; the Doc
is used duck-typed: ``doc.ents``, ``doc.sents``, tokens' ``text``/``idx``/``head``/``dep_``).

Identity rules, in the order ``extract_mentions`` applies them:

1. Clean each entity: drop non-actor labels (dates, numbers...), cut at quote marks,
   brackets and possessives, strip "the", punctuation, trailing lower-case words and
   (for people) leading titles, which become the mention's ``role``. Drop what is left
   if it is lower-case only, one character, or only a title. A name after an honorific
   ("Mr", "Lord") is a person's, whatever the model tagged it, or if it tagged nothing.
2. Acronyms: "Organization for Security and Cooperation in Europe (OSCE)" defines OSCE;
   the expansion and every "OSCE" in the article are one actor named by the expansion.
3. Names go through ``names.canonical_name`` ("U.S." -> "United States").
4. People: a one-word name resolves to the unique longer PERSON name in the article that
   ends with it (surname) or, for PERSON mentions, starts with it (first name).
5. Each actor takes the majority label of its mentions (ties: the first), after the evidence
   of titles and of ``evidence.label_evidence`` (an age, "she added", an appositive) decided
   the actors the model mislabelled, and ``evidence.rule_labels`` the laws, events, works, companies
   and places it took for other actors ("the Affordable Care Act" ORG is a LAW, "Covid-19" PERSON
   an EVENT, "AI company Anthropic" PERSON an ORG).
6. Roles: the title words just before a person ("Kremlin spokesperson"), else an
   apposition ("Peskov, the Kremlin spokesman,"); an actor's first role fills its
   mentions that have none.

Every step is one pass over the entities or tokens, so extraction stays linear.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from archivist.annotate.entities import relabel as evidence
from archivist.text import names
from archivist.text.lexicon import ORG_NOUNS, given_gender
from archivist.models import Mention

LABEL_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "other",
               "FAC": "place", "EVENT": "other", "WORK_OF_ART": "other", "LAW": "other", "PRODUCT": "other"}

#: The kind of a NORP entity that is no actor: a nationality or other adjective ("American",
#: "Russian officials", "Western"), or a group that neither speaks nor acts ("the ears of
#: Americans"). Such mentions serve speaker resolution within the article, never a page or a link.
NOT_ACTOR = "word"
#: The kind of a NORP entity that speaks or acts ("Democrats said"): a group, an actor of its own kind.
GROUP = "group"
#: Grammatical roles in which a group speaks or acts ("Democrats said", "was blocked by Republicans").
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Tags of a plural noun: a group is written as one ("Democrats", "Iranians"); a nationality adjective
#: is not, and a singular ("a Republican said") is one unnamed person, no group.
_NOUN_TAGS = frozenset({"NNS", "NNPS"})

#: Labels whose entities may sit inside a role ("Kremlin spokesperson", "U.S. Secretary of State").
ROLE_ENTITY_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})

#: Portfolios after "Secretary of"/"Minister of": part of a title, not an actor ("Secretary of State").
PORTFOLIOS = frozenset("""State Defense Defence Treasury Commerce Labor Labour Energy Education Health Agriculture
Interior Justice Transportation Finance War Staff""".split()) | {
    "Homeland Security", "Veterans Affairs", "Health and Human Services", "Housing and Urban Development",
    "Foreign Affairs", "Home Affairs", "Internal Affairs", "the Navy", "the Army", "the Air Force", "Navy", "Army",
    "Air Force", "Trade", "Culture", "Economy", "Environment"}

_CANONICAL_VALUES = frozenset(names.EQUIVALENTS.values())
_DOUBLE_QUOTES = "\"“”„‟«»"
_GLUE = re.compile(r"[(\[{:;|•]|\.(?=[A-Z][a-z])| [—–] ")
_WEAK_POS = frozenset({"ADV", "VERB", "AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "INTJ", "PART"})
_COMMA_CUT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
#: Parts of speech of stray leading words NER pulls into a name ("Neither Jackson", "Both Smith").
_STRAY_POS = frozenset({"DET", "CCONJ", "SCONJ", "ADV", "PRON", "ADP", "AUX", "PART", "INTJ"})
_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
#: Last words of institutions named with a possessive ("Sheriff's Office", "Veterans' Affairs Department").
_INSTITUTION_HEADS = frozenset("Office Department Hospital Party Association Union League Council Fund Club College "
                               "University School Bureau Court Museum Church Center Centre Committee Service "
                               "Services Commission Agency Institute Foundation Society Alliance Coalition".split())
_MAX_ROLE_TOKENS = 10
#: What follows "Gen" when it names a generation ("Gen Xers"), not a general.
_GENERATIONS = frozenset({"X", "Y", "Z", "Xer", "Zer", "Alpha"})
_MAX_EXPANSION_WORDS = 12


class _Cand:
    """A mention being built: token range [s, e), character range, label and resolved names."""

    __slots__ = ("s", "e", "start", "end", "label", "name", "actor", "role", "tentative", "person_linked")

    def __init__(self, s, e, start, end, label):
        self.s, self.e, self.start, self.end, self.label = s, e, start, end, label
        self.name = self.actor = self.role = None
        self.tentative = False  # a piece salvaged from a glued span: kept only if its name is known
        self.person_linked = False


def extract_mentions(doc, quoted: list[tuple[int, int]]) -> tuple[Mention, ...]:
    """The article's mentions of actors, each with the fullest name the article gives its actor.

    Mentions are sorted by position and never overlap; see the module docstring for the rules.
    Nationality adjectives and groups that neither speak nor act are left out (see :func:`entity_mentions`).
    ``quoted`` is the article's quotation spans, found once per article
    (:func:`~archivist.annotate.quotes.marks.find_quote_spans`).
    """
    return actor_mentions(entity_mentions(doc, quoted))


def entity_mentions(doc, quoted: list[tuple[int, int]]) -> tuple[Mention, ...]:
    """Every entity mention of the article, also those of kind :data:`NOT_ACTOR` ("Russian" of
    "Russian officials"), which speaker resolution reads and actors leave out; ``quoted`` is the
    article's quotation spans (words inside them are no evidence of what a name is)."""
    text = doc.text
    places = frozenset(ent.text for ent in doc.ents if ent.label_ in _PLACE_LABELS)
    cands = [c for c in (_clean(doc, ent, places) for ent in doc.ents if ent.label_ in LABEL_KINDS)
             if c is not None]
    cands += _honorific_names(doc, cands)
    cands += _given_names(doc, cands)
    cands = _apply_acronyms(doc, cands)
    for c in cands:
        if c.name is None:
            c.name = names.canonical_name(text[c.start:c.end], person=c.label == "PERSON")
        if c.actor is None:
            c.actor = c.name
    _link_bare_acronyms(cands)
    known: dict[str, str] = {}
    for c in sorted(cands, key=lambda c: c.start):
        if not c.tentative:
            known.setdefault(c.name, c.label)
    cands = [c for c in cands if _valid(c)]
    _resolve_people(cands)
    cands = [c for c in cands if not c.tentative or c.name in known or c.person_linked]
    for c in cands:
        if c.tentative and not c.person_linked:
            c.label = known[c.name]  # a salvaged piece (`NATO"unsuccessful` tagged GPE) has no vote
    sent_start, ent_labels = _sentence_starts(doc), _ent_labels(doc)
    if _person_evidence(doc, cands, sent_start, ent_labels, quoted):
        _resolve_people(cands)  # "Ammori" now points at "Huda Ammori", a person only since the evidence
    _join_places(cands)
    relabelled = evidence.rule_labels(doc, cands, quoted)  # "the Affordable Care Act" tagged ORG is a law
    for c in cands:
        if c.actor in relabelled:
            c.label = relabelled[c.actor][1]
    _majority_labels(cands)
    for c in cands:
        if c.label == "PERSON" and c.role is None:
            c.role = _role_before(doc, c, sent_start, ent_labels) or _role_apposition(doc, c)
    first_role: dict[str, str] = {}
    for c in cands:
        if c.role and c.label == "PERSON":
            first_role.setdefault(c.actor, c.role)
    out = []
    for c in sorted(cands, key=lambda c: (c.start, c.end)):
        if out and c.start < out[-1].end:
            continue  # overlapping pieces (acronym rewrites): the earlier wins
        role = (c.role or first_role.get(c.actor)) if c.label == "PERSON" else None
        out.append(Mention(c.start, c.end, text[c.start:c.end], c.label, c.actor, _kind(doc, c), role))
    return tuple(out)


def actor_mentions(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The mentions that stand for actors: without nationality adjectives and groups that do nothing."""
    return tuple(m for m in mentions if m.kind != NOT_ACTOR)


def _kind(doc, c: _Cand) -> str:
    """The mention's actor kind by its label; a NORP entity is a group (:data:`GROUP`) only where it speaks or acts:
    a noun as a clause's subject or a passive's agent ("Democrats said", "Republicans blocked it"),
    also in a list of such subjects; else it is a word (:data:`NOT_ACTOR`)."""
    if c.label != "NORP":
        return LABEL_KINDS[c.label]
    head = doc[c.e - 1]
    while c.s <= head.head.i < c.e and head.head.i != head.i:
        head = head.head
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "Democrats and Republicans said": the list's first item has the role
    acting = head.dep_ in _ACTING_DEPS or head.dep_ == "pobj" and head.head.dep_ == "agent"
    return GROUP if acting and head.tag_ in _NOUN_TAGS else NOT_ACTOR


# --- 1. cleaning --------------------------------------------------------------------------

def _clean(doc, ent, places: frozenset[str] = frozenset()) -> _Cand | None:
    """The entity with its boundaries fixed, or None if nothing of it is an actor name; ``places``
    are the texts the model tags as places anywhere in the article."""
    s, e, label = ent.start, ent.end, ent.label_
    # A possessive token ends the name: "Trump's Iran" -> "Trump"; "McDonald's" is a name, and so
    # is an institution named for its members: "the Nevada County Sheriff's Office", and a thing.
    for i in range(s + 1, e):
        if doc[i].text in _POSSESSIVE_TOKENS:
            if doc[s:i + 1].text.lower().replace("’", "'") in names.POSSESSIVE_NAMES:
                continue
            if label != "PERSON" and (doc[e - 1].text in _INSTITUTION_HEADS or doc[e - 1].text in evidence.THING_HEADS):
                continue  # ... and so is an event or a law: "the Women's World Cup", "Megan's Law"
            e = i
            break
    # Leading "the", stray words ("Neither Jackson") and punctuation; trailing punctuation
    # and lower-case words ("the Congress of the Republic vacant").
    while s < e and (doc[s].lower_ == "the" or not any(ch.isalnum() for ch in doc[s].text)
                     or (doc[s].is_stop and doc[s].pos_ in _STRAY_POS and e - s > 1)):
        s += 1
    while e > s and (not any(ch.isalnum() for ch in doc[e - 1].text)
                     or (doc[e - 1].text.isalpha() and doc[e - 1].text.islower() and not _hyphen_glued(doc, e - 1))):
        e -= 1
    if s >= e:
        return None
    s, label = _after_title_of(doc, s, e, label)
    s, label = _after_place(doc, s, e, label, places)
    # "the Foreign Policy Centre Mr Straw": an honorific inside starts another actor's name
    e = next((i for i in range(s + 1, e - 1) if names.is_honorific_before_name(doc[i].text)), e)
    if label != "PERSON" and (names.is_honorific_before_name(doc[s].text) and e - s > 1 or
                              s > 0 and names.is_honorific_before_name(doc[s - 1].text)):
        label = "PERSON"  # "Mr Gates" tagged ORG, "Mr Straw" GPE: an honorific makes a person's name
    # People: titles inside the entity are a role, not the name ("President Vladimir Putin").
    if label == "PERSON":
        cut = s
        for i in range(s, e - 1):
            t = doc[i].text
            if (names.is_title_word(t) and names._word_key(t) not in names.NAME_TITLES) or t.lower() == "of":
                cut = i + 1
        while cut < e - 1 and (doc[cut].text in _POSSESSIVE_TOKENS or doc[cut].lower_ in ("of", "the")):
            cut += 1
        s = cut
        # Headline debris around a name: "Derelict Obama", "Obama Says", "Clinton Hid".
        while e - s > 1 and (doc[s].tag_ in ("JJ", "VBG") or doc[s].tag_ in ("VBD", "VBZ") and doc[s].is_sent_start):
            s += 1  # ... "Hosting Herzog, Australia braces", and an inverted cue: "Said Ellis: ..."
        while e - s > 1 and doc[e - 1].tag_ in ("VBZ", "VBD", "VBP"):
            e -= 1
    # A portfolio is part of a title, not an actor: "Secretary of State", "Commerce Secretary".
    if doc[s:e].text in PORTFOLIOS and (
            (s >= 2 and doc[s - 1].lower_ == "of" and names.is_role_head(doc[s - 2].text))
            or (e < len(doc) and names.is_role_head(doc[e].text))):
        return None
    start = doc[s].idx
    end = doc[e - 1].idx + len(doc[e - 1].text)
    piece = doc[s:e].text  # not doc.text, which re-joins the whole doc on every access
    # Character-level cuts, for junk glued into one token: `NATO"unsuccessful`,
    # "Chris Murphy(D-Conn.", "Party:44%", "KENS.The", "Dominican Republic, Cordero".
    tentative = False
    cut = len(piece)
    q = next((k for k, ch in enumerate(piece) if ch in _DOUBLE_QUOTES), -1)
    if q >= 0:
        cut, tentative = q, True  # kept only if the article names it elsewhere
    for m in _GLUE.finditer(piece, 1):
        if m.start() < cut:
            cut = m.start()
        break
    if label in _COMMA_CUT_LABELS:
        k = piece.find(", ")
        if 0 < k < cut and len(piece) - k - 2 > 5:  # "Washington, D.C." keeps its state
            cut = k
    piece = piece[:cut].rstrip(" \t\n,.;:-–—") if cut < len(piece) else piece
    # A possessive glued to the last token: "Vrabel’s" -> "Vrabel".
    piece = names.strip_possessive(piece)
    if not piece:
        return None
    end = start + len(piece)
    while e - 1 > s and doc[e - 1].idx >= end:
        e -= 1
    # A lone common word ("Kidnappings are rare", "Realistically,"): kept only if the article
    # names it elsewhere, as with glued pieces ("Trump" tagged as a verb is still Trump).
    if e - s == 1 and not names.is_acronym(doc[s].text) and (
            doc[s].pos_ in _WEAK_POS or (doc[s].pos_ == "NOUN" and doc[s].is_sent_start and label != "NORP")):
        tentative = True
    c = _Cand(s, e, start, end, label)
    c.tentative = tentative
    return c


#: Entity labels of a title's "of" complement ("Mayor of London", "Secretary of Labor").
_COMPLEMENT_LABELS = frozenset({"GPE", "ORG", "LOC", "NORP"})
#: The most words a person's name after a title's complement takes ("Seth D. Harris").
_MAX_NAME_AFTER_TITLE = 3


def _title_of_before(doc, i: int) -> bool:
    """True when token ``i`` is "of" after a title ("Mayor of", "Deputy Secretary of")."""
    return i >= 1 and doc[i].lower_ == "of" and names.is_role_head(doc[i - 1].text)


def _after_title_of(doc, s: int, e: int, label: str) -> tuple[int, str]:
    """(start, label) of entity ``doc[s:e]`` where a title's "of" complement ends and a name begins.

    The model glues the complement to the name ("Deputy Secretary of Labor Seth Harris": ORG "Labor
    Seth Harris") or leaves the given name to the title ("Mayor of London Sadiq Khan": PERSON "Khan").
    An entity right after "<title> of" whose last words are a known given name and a surname is that
    person; a person's name takes the one proper noun that stands between it and such a complement.
    """
    if label != "PERSON" and _title_of_before(doc, s - 1):
        for k in range(s + 1, e - 1):
            if e - k <= _MAX_NAME_AFTER_TITLE and given_gender(doc[k].text, alone=True) and \
                    all(doc[j].pos_ == "PROPN" for j in range(k, e)):
                return k, "PERSON"
        return s, label
    if label == "PERSON" and s >= 4:
        given = doc[s - 1]
        j = s - 2  # back over the complement's entity to its first word
        while j > 0 and doc[j].ent_type_ in _COMPLEMENT_LABELS and doc[j].ent_iob_ == "I":
            j -= 1
        if given.pos_ == "PROPN" and not given.ent_type_ and given.text[:1].isupper() and \
                s <= given.head.i < e and not names.is_title_word(given.text) and \
                doc[j].ent_type_ in _COMPLEMENT_LABELS and _title_of_before(doc, j - 1):
            return s - 1, label
    return s, label


#: Words that tie a place to the title before it ("Senator from Vermont", "Governor of Ohio").
_PLACE_TIES = frozenset({"from", "of"})


def _after_place(doc, s: int, e: int, label: str, places: frozenset[str]) -> tuple[int, str]:
    """(start, label) of entity ``doc[s:e]`` where a place glued before a person's name ends.

    The model reads "Senator from Vermont Bernie Sanders" as one entity "Vermont Bernie Sanders"
    (an ORG or a PERSON). Where the entity's last words are a common given name and proper nouns
    (at most :data:`_MAX_NAME_AFTER_TITLE`), and the words before them are a place, the name is that
    person's: a place the model tags as such elsewhere in the article, or tied to a title before the
    entity ("Senator from", "Governor of").
    """
    for k in range(s + 1, e - 1):
        if e - k <= _MAX_NAME_AFTER_TITLE and given_gender(doc[k].text, alone=True) and \
                all(doc[j].pos_ == "PROPN" for j in range(k, e)):
            tied = s >= 2 and doc[s - 1].lower_ in _PLACE_TIES and names.is_role_head(doc[s - 2].text)
            if tied or doc[s:k].text in places:
                return k, "PERSON"
            break
    return s, label


def _honorific_names(doc, cands: list[_Cand]) -> list[_Cand]:
    """PERSON candidates for names after an honorific that the model tagged as nothing ("Lord
    Browne said", "Mr Prettejohn, Lloyd's chief executive"): up to three capitalised proper nouns."""
    covered = {i for c in cands for i in range(c.s, c.e)}
    out = []
    for t in doc[:-1]:
        if not names.is_honorific_before_name(t.text):
            continue
        s = e = t.i + 1
        while e < len(doc) and e - s < 3 and e not in covered and doc[e].pos_ == "PROPN" and \
                doc[e].text[:1].isupper() and doc[e].text.replace("-", "").replace("'", "").isalpha() and \
                not names.is_title_word(doc[e].text):
            e += 1
        if e > s and (s - 1 not in covered):
            if not names.is_honorific(t.text):
                s = t.i  # a peer is known by the title: "Lord Nicholls", as the model writes it when it sees one
            end = doc[e - 1].idx + len(doc[e - 1].text)
            out.append(_Cand(s, e, doc[s].idx, end, "PERSON"))
            covered.update(range(s, e))
    return out


def _given_names(doc, cands: list[_Cand]) -> list[_Cand]:
    """PERSON candidates for a common given name and a surname the article gives a person, that the
    model tagged as nothing: "Ivanka Trump" left untagged in an article that names "Donald Trump"
    (a second person of the family, who the bare "Trump" and "she" may be). Only a name the article
    writes at least :data:`GIVEN_NAME_USES` times: one the article follows, not one in passing."""
    covered = {i for c in cands for i in range(c.s, c.e)}
    surnames = {doc[c.e - 1].text for c in cands if c.label == "PERSON"}
    found = [t for t in doc[:-1] if doc[t.i + 1].text in surnames and t.whitespace_ and t.pos_ == "PROPN" and
             doc[t.i + 1].pos_ == "PROPN" and t.text[:1].isupper() and given_gender(t.text, alone=True)]
    uses = Counter((t.text, doc[t.i + 1].text) for t in found)
    out = []
    for t in found:
        n = doc[t.i + 1]
        if t.i not in covered and n.i not in covered and uses[t.text, n.text] >= GIVEN_NAME_USES:
            out.append(_Cand(t.i, t.i + 2, t.idx, n.idx + len(n.text), "PERSON"))
            covered.update((t.i, n.i))
    return out


#: How often the article must write a given name and a family name for :func:`_given_names`.
GIVEN_NAME_USES = 2


def _hyphen_glued(doc, i: int) -> bool:
    """True for the "moon" of "Ban Ki-moon": a word glued by a hyphen to the word before it."""
    return i >= 2 and doc[i - 1].text in ("-", "‑") and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


def _valid(c: _Cand) -> bool:
    """False for what is left of NER mistakes: lower-case only, one character, only a title."""
    name = c.name or ""
    if len(name) < 2 or not any(ch.isupper() for ch in name) or not any(ch.isalpha() for ch in name):
        return False
    if name in names.NOT_NAMES:
        return False
    if all(names.is_title_word(w) for w in name.split(" ")):
        return False
    if _PARTY_TAG.match(name):
        return False  # "(D-Newport News)", "R-Texas": a politician's party and district, not an actor
    return True


_PARTY_TAG = re.compile(r"[DRI]-[A-Z]")


# --- 2. acronyms --------------------------------------------------------------------------

def _expansion_before(doc, i: int) -> tuple[int, str] | None:
    """(first token, text) of the capitalised phrase just before token ``i`` that its acronym spells."""
    acronym = doc[i].text
    j = i - 1
    if j >= 0 and doc[j].text == "(":
        j -= 1
    words: list[str] = []  # right to left
    firsts: list[int] = []
    while j >= 0 and len(words) < _MAX_EXPANSION_WORDS:
        t = doc[j]
        if "\n" in t.text_with_ws:
            break
        if t.text == "-" and words and not t.whitespace_ and j > 0:
            words[-1] = doc[j - 1].text + "-" + words[-1]
            firsts[-1] = j - 1
            j -= 2
            continue
        if not t.text.isalpha() or not (t.text[0].isupper() or t.lower_ in names.CONNECTORS):
            break
        words.append(t.text)
        firsts.append(j)
        j -= 1
    # The longest phrase that spells the acronym and starts with a capitalised non-connector.
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if not w[0].isupper() or w.lower() in names.CONNECTORS:
            continue
        phrase = list(reversed(words[:k + 1]))
        if names.acronym_matches(acronym, phrase):
            return firsts[k], " ".join(phrase)
    return None


def _apply_acronyms(doc, cands: list[_Cand]) -> list[_Cand]:
    """Link acronyms to the expansions the article gives them ("... in Europe (OSCE)")."""
    defs: dict[str, tuple[str, str]] = {}  # acronym -> (expansion name, label)
    spans = []  # (expansion first token, acronym token)
    for tok in doc:
        if not names.is_acronym(tok.text) or tok.text in defs:
            continue
        found = _expansion_before(doc, tok.i)
        if found is None:
            continue
        first, _ = found
        last = tok.i - (2 if doc[tok.i - 1].text == "(" else 1)
        overlapping = [c for c in cands if c.s <= last and c.e > first]
        label = next((c.label for c in overlapping if c.label in ("ORG", "GPE", "LOC", "FAC", "NORP", "LAW",
                                                                    "EVENT", "PRODUCT")), "ORG")
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        expansion = names.canonical_name(doc[first:last + 1].text)
        defs[tok.text] = (expansion, label)
        spans.append((first, last, start, end, label, expansion))
    if not defs:
        return cands
    covered = set()
    new = []
    for first, last, start, end, label, expansion in spans:
        c = _Cand(first, last + 1, start, end, label)
        c.name = c.actor = expansion
        new.append(c)
        covered.update(range(first, last + 1))
    for tok in doc:
        if tok.text in defs:
            expansion, label = defs[tok.text]
            c = _Cand(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok.text), label)
            c.name, c.actor = tok.text, expansion
            new.append(c)
            covered.add(tok.i)
    # Entities overlapping a rewritten span give way ("the Organization for Security and
    # Cooperation" tagged without "in Europe"), unless they are longer names holding the acronym.
    kept = [c for c in cands if not any(i in covered for i in range(c.s, c.e))]
    return kept + new


def _link_bare_acronyms(cands: list[_Cand]) -> None:
    """Link an acronym the article never defines to the one name in the article it spells.

    "DHS" -> "Department of Homeland Security", "CBP" -> "US Customs and Border Protection"
    (a leading country is optional). Ambiguous acronyms stay as written.
    """
    long_names: dict[str, str] = {}  # name -> label
    for c in cands:
        if c.label != "PERSON" and " " in c.actor and c.actor == c.name:
            long_names.setdefault(c.actor, c.label)
    if not long_names:
        return
    spelled: dict[str, str | None] = {}
    for c in cands:
        if c.actor != c.name or not names.is_acronym(c.name) or c.name in names.EQUIVALENTS:
            continue
        if c.name not in spelled:
            hits = set()
            for full in sorted(long_names):
                words = full.split(" ")
                if names.acronym_matches(c.name, words) or (
                        len(words) > 2 and words[0] in names.EQUIVALENTS and names.acronym_matches(c.name, words[1:])):
                    hits.add(full)
            spelled[c.name] = next(iter(hits)) if len(hits) == 1 else None
        full = spelled[c.name]
        if full is not None:
            c.actor, c.label = full, long_names[full]


# --- 4. people ----------------------------------------------------------------------------

def _resolve_people(cands: list[_Cand]) -> None:
    """Point short person names at the unique fuller PERSON name that ends (or starts) with them.

    "Putin" -> "Vladimir Putin"; "Shah Alam" -> "Nurul Amin Shah Alam" when the only longer
    names ending in it are nested ("Amin Shah Alam" too); "Johnson" with two Johnsons stays.
    A first name ("Vladimir") resolves only from a PERSON mention and only if no name ends with it.
    A first and last name join the one fuller name with a middle between them ("Jesse Jackson" ->
    "Jesse Louis Jackson"); a surname spelled another way the one full name it fits ("McLenney" ->
    "Tyresha McClenney", :func:`names.spelled_alike`).
    """
    fulls = sorted({c.actor for c in cands if c.label == "PERSON" and " " in c.actor
                    and c.actor not in _CANONICAL_VALUES})
    by_suffix: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for full in fulls:
        words = full.split(" ")
        for k in range(1, len(words)):
            by_suffix.setdefault(" ".join(words[k:]), set()).add(full)
        sur = names.surname(full)
        if sur != words[-1]:  # "Martin Luther King Jr." ends, for a reader, with "King"
            by_suffix.setdefault(sur, set()).add(full)
        by_first.setdefault(names.first_name(full), set()).add(full)
    by_ends: dict[tuple[str, str], set[str]] = {}  # (first word, last word) -> names with a middle
    for full in fulls:
        words = full.split(" ")
        if len(words) > 2:
            by_ends.setdefault((words[0], words[-1]), set()).add(full)
    first_at: dict[str, int] = {}
    starts_of: dict[str, list[int]] = {}  # a name's mention starts, in text order
    for c in sorted(cands, key=lambda c: c.start):
        first_at.setdefault(c.actor, c.start)
        starts_of.setdefault(c.name, []).append(c.start)
    for c in cands:
        if c.actor != c.name or c.name in _CANONICAL_VALUES:
            continue  # already resolved (acronym, equivalence)
        target = _unique_fullest(by_suffix.get(c.name, ()))
        if target is not None and bisect.bisect_left(starts_of[c.name], first_at[target]) >= KNOWN_BEFORE:
            target = None  # "Obama" all along, then "Michelle Obama" once: the reader's Obama is another
        if target is None and c.name in by_suffix:
            c.label = "PERSON"  # two Trumps: which one is unclear, that it is a person is not
        if target is None and c.label == "PERSON" and " " not in c.name and c.name not in by_suffix:
            target = _unique_fullest(by_first.get(c.name, ()))
        if target is None and c.label == "PERSON" and " " not in c.name and c.name not in by_suffix:
            # "Tyresha McClenney ... McLenney said": a surname spelled another way, where one full name fits
            alike = {full for full in fulls if names.spelled_alike(c.name, names.surname(full))}
            target = next(iter(alike)) if len(alike) == 1 else None
        if target is None and c.label == "PERSON" and c.name.count(" ") == 1:
            # "Jesse Jackson" beside "Jesse Louis Jackson": one person with a middle name or initial,
            # where the article has only one such fuller name ("George Bush" beside George W. and
            # George H. W. stays as written)
            first, last = c.name.split(" ")
            middles = by_ends.get((first, last), set())
            target = next(iter(middles)) if len(middles) == 1 else None
        if target is not None and target != c.name:
            c.actor = target
            c.label = "PERSON"  # "Navalny" tagged ORG next to "Alexey Navalny"
            c.person_linked = True


#: A bare name used this often before a fuller name first appears already meant someone else.
KNOWN_BEFORE = 5


def _unique_fullest(candidates) -> str | None:
    """The longest candidate if every other one is a word-suffix of it, else None (ambiguous)."""
    if not candidates:
        return None
    longest = max(candidates, key=lambda n: (len(n), n))
    if all(n == longest or longest.endswith(" " + n) for n in candidates):
        return longest
    return None


#: Labels the model gives a person's full name by mistake ("Mitch Landrieu" ORG, "Savannah Guthrie"
#: GPE, "Ivanka Trump" PRODUCT, for her brand).
_MISTAKEN_PERSON_LABELS = frozenset({"ORG", "GPE", "PRODUCT"})


def _person_evidence(doc, cands: list[_Cand], sent_start: list[int], ent_labels: list[str],
                     quoted: list[tuple[int, int]]) -> bool:
    """Relabel as PERSON an actor that some PERSON mention gives a title ("President Trump"), or
    whose name is a common given name and a surname the article uses for a person, or that
    :func:`archivist.evidence.label_evidence` finds a person; as ORG what it finds an organisation.

    The small model tags a bare "Trump" ORG as often as PERSON; a title is stronger evidence
    than a vote, so it decides before the majority does. True when some mention became a person.
    """
    persons = set()
    for c in cands:
        if c.label == "PERSON":
            c.role = _role_before(doc, c, sent_start, ent_labels) or _role_apposition(doc, c)
            if c.role:
                persons.add(c.actor)
    # "Mitch Landrieu" tagged ORG every time ("Savannah Guthrie" GPE), in an article that calls him
    # "Landrieu" as a person: a common given name before a surname the article uses for a person is a
    # person's name
    surnames = {c.actor.split()[-1] for c in cands if c.label == "PERSON" and c.actor.split()}
    # ... and so is an unknown given name before it ("Kouri Richins" beside "Eric Richins") that is no
    # word for an organisation nor a word of another actor's name ("Trump Tower" beside "Donald Trump")
    word_actors: dict[str, set[str]] = {}
    for c in cands:
        for w in c.actor.split():
            word_actors.setdefault(w, set()).add(c.actor)
    for c in cands:
        words = c.actor.split()
        if c.label in _MISTAKEN_PERSON_LABELS and 2 <= len(words) <= 3 and words[-1] in surnames and (
                given_gender(c.actor) or len(words) == 2 and _plain_given_name(words[0]) and
                word_actors[words[0]] <= {c.actor, words[0]}):  # "Kouri" alone is hers too
            persons.add(c.actor)
    more, organisations = evidence.label_evidence(doc, cands, quoted)
    persons |= more
    relabelled = False
    for c in cands:
        if c.actor in persons:
            relabelled = relabelled or c.label != "PERSON"
            c.label = "PERSON"
        elif c.label == "PERSON" and c.actor in organisations:
            c.label = "ORG"
    return relabelled


def _plain_given_name(word: str) -> bool:
    """True for a word that may be a given name unknown to the lexicon ("Kouri"): capitalised letters,
    no acronym, no word for an organisation."""
    return word.isalpha() and word[:1].isupper() and word[1:].islower() and \
        word.lower() not in ORG_NOUNS and word not in _INSTITUTION_HEADS


# --- 5. labels ----------------------------------------------------------------------------

#: Labels of a place's name.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _join_places(cands: list[_Cand]) -> None:
    """A one-word person or organisation that is the last word of the one place of several words the
    article names is that place: "Hormuz" beside "Strait of Hormuz", which the model took for a man.
    A surname of a person the article names (linked to them already) stays theirs."""
    places: dict[str, set[str]] = {}
    for c in cands:
        words = c.actor.split()
        if c.label in _PLACE_LABELS and len(words) > 1:
            places.setdefault(words[-1], set()).add(c.actor)
    # a word the model also tags a place of its own is that place ("Cyprus" beside "Northern Cyprus")
    own = {c.actor for c in cands if c.label in _PLACE_LABELS}
    for c in cands:
        owners = places.get(c.actor, ())
        if c.label in ("PERSON", "ORG") and " " not in c.actor and not c.person_linked and len(owners) == 1 and \
                c.actor not in own:
            place = next(iter(owners))
            c.actor = place
            c.label = next(o.label for o in cands if o.actor == place and o.label in _PLACE_LABELS)


def _majority_labels(cands: list[_Cand]) -> None:
    """Give every mention of an actor the label most of its mentions have (ties: the first seen)."""
    counts: dict[str, Counter] = {}
    order: dict[str, list[str]] = {}
    for c in sorted(cands, key=lambda c: c.start):
        counts.setdefault(c.actor, Counter())[c.label] += 1
        if c.label not in order.setdefault(c.actor, []):
            order[c.actor].append(c.label)
    best = {}
    for actor, counter in counts.items():
        top = max(counter.values())
        best[actor] = next(lab for lab in order[actor] if counter[lab] == top)
    for c in cands:
        c.label = best[c.actor]


# --- 6. roles -----------------------------------------------------------------------------

def _sentence_starts(doc) -> list[int]:
    """For each token index, the index of its sentence's first token."""
    starts = [0] * len(doc)
    try:
        sents = list(doc.sents)
    except ValueError:  # no parser or sentencizer: the whole doc is one sentence
        return starts
    for sent in sents:
        for i in range(sent.start, sent.end):
            starts[i] = sent.start
    return starts


def _role_tokenish(doc, i: int, ent_labels) -> bool:
    """Whether token ``i`` may be part of a title before a name."""
    t = doc[i]
    w = t.text
    if names.is_honorific_before_name(w) or names.is_honorific(w):
        return False
    if ent_labels[i] == "PERSON" and names.is_role_head(w) and not (
            w.rstrip(".").lower() == "gen" and i + 1 < len(doc) and doc[i + 1].text.rstrip("s") in _GENERATIONS):
        return True  # "Broadcaster Piers Morgan", "DJ Norman Cook": a title the model put inside the name
    if ent_labels[i] and ent_labels[i] not in ROLE_ENTITY_LABELS:
        return False  # another person ("Lavrov and Prime Minister Mishustin"), a date...
    if names.is_title_word(w) or ent_labels[i]:
        return True
    if w in _POSSESSIVE_TOKENS or w == "-" or t.lower_ in ("of", "and", "&"):
        return True
    if t.tag_ == "JJ" and w.isalpha() and i + 1 < len(doc) and names.is_role_head(doc[i + 1].text):
        return True  # "political scientist Lawrence Jacobs"
    return w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha()


def _role_before(doc, c: _Cand, sent_start: list[int], ent_labels: list[str]) -> str | None:
    """The title just before a person's name: "U.S. Secretary of State", "Kremlin spokesperson"."""
    lo = sent_start[c.s] if c.s < len(sent_start) else 0
    if c.s > 0 and doc[c.s - 1].lower_ in ("and", "&"):
        return None  # "between the famed economist and Epstein": a second actor, with no title of its own
    i = c.s - 1
    while i >= lo and c.s - i <= _MAX_ROLE_TOKENS and _role_tokenish(doc, i, ent_labels):
        i -= 1
    a = i + 1
    # Keep only tokens that attach inside the phrase ("told CNN Sen. Murphy": CNN is the verb's object).
    while a < c.s:
        t = doc[a]
        if t.text not in _POSSESSIVE_TOKENS and t.lower_ not in ("of", "and", "&", "-") and a <= t.head.i < c.e:
            break
        a += 1
    # "the country's": drop an owner that is not a named entity.
    for k in range(a, c.s):
        if doc[k].text in _POSSESSIVE_TOKENS and ent_labels[k - 1] not in ROLE_ENTITY_LABELS:
            a = k + 1
    # ... and words that open the sentence, not the title: "Even Justice Elena Kagan", "But Senator Roe"
    while a < c.s and (doc[a].text in _POSSESSIVE_TOKENS or doc[a].lower_ in ("of", "and", "&", "-")
                       or doc[a].tag_ in ("RB", "CC", "IN", "DT", "WRB", "UH")):
        a += 1
    # ... and another actor joined by "and": "to Trump and FIFA president Gianni Infantino"
    for k in range(c.s - 1, a - 1, -1):
        if doc[k].lower_ in ("and", "&") and not any(names.is_role_head(doc[j].text) for j in range(a, k)):
            a = k + 1
            break
    if a >= c.s or not any(names.is_role_head(doc[k].text) for k in range(a, c.s)):
        return None
    return doc[a:c.s].text


def _role_apposition(doc, c: _Cand) -> str | None:
    """A title given in apposition: "Peskov, the Kremlin spokesman," or "the Kremlin spokesman, Peskov"."""
    root = doc[c.e - 1]
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= c.e:
            return _appos_text(doc, child.left_edge.i, child.right_edge.i + 1)
    if root.dep_ == "appos" and root.head.i < c.s:
        head = root.head
        end = c.s
        while end > head.left_edge.i and not doc[end - 1].text[:1].isalnum():
            end -= 1
        return _appos_text(doc, head.left_edge.i, end)
    return None


def _appos_text(doc, a: int, b: int) -> str | None:
    """The role text of tokens [a, b) if short and headed by a title word, without its article."""
    while a < b and (doc[a].lower_ in ("the", "a", "an", "its", "his", "her", "their", "our", "my", "that", "this",
                                       "these", "those") or doc[a].tag_ in ("RB", "CC") and doc[a].is_sent_start):
        a += 1
    while b > a and (not doc[b - 1].text[:1].isalnum() or doc[b - 1].tag_ in ("IN", "CC", "DT", "TO")):
        b -= 1  # a role never ends in "at" or "and" ("head of policy at" where the parser cut the phrase)
    if a >= b or b - a > 8 or not any(names.is_role_head(doc[k].text) for k in range(a, b)):
        return None
    if any(doc[k].text in _DOUBLE_QUOTES or "\n" in doc[k].text for k in range(a, b)):
        return None
    return doc[a:b].text


def _ent_labels(doc) -> list[str]:
    """Each token's entity label ("" outside entities), computed once per doc."""
    labels = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels
