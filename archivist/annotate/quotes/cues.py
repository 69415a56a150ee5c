"""The tokens around a cue that name its speaker.

Shared by :mod:`~archivist.annotate.quotes.attribution` (the cue in a quote's own sentence) and
:mod:`~archivist.annotate.quotes.nearby` (sign-offs, labels and the paragraph before): the
:class:`Attribution` both return, the names of its rules, and the climb from a verb to its
subject. The speech-verb lexicon is :mod:`archivist.text.lexicon`'s, token lookups by offset
:mod:`archivist.annotate.docindex`'s. Pure functions over spaCy tokens, used duck-typed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from archivist.text.lexicon import (ADDRESSING_VERBS, CARRIERS, CAUSING_VERBS, POLL_NOUNS, RELATIVE, SHARE_WORDS,
                                    SOURCE_PHRASES, SOURCE_PREPOSITIONS, SPEECH_VERBS, capitalised, could_speak)
from archivist.models import Span

_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True)
class Attribution:
    """Where a quote's speaker was found: the cue token, the speaker's head token and the rule
    that found them (a name of :data:`RULES`, which the quote's evidence records)."""

    cue: object | None  # Token
    cue_text: str | None
    speaker: object | None  # Token
    strength: int  # 3 speech verb governs, 2 speech verb in sentence, 1 weaker, 0 none
    rule: str = ""


#: The attribution rules, by the name a quote's evidence gives them, with what each reads.
RULES = {
    "trailing-cue": '`"...," he said`: a speech verb right after the quote, its subject before it',
    "inverted-cue": '`"...," said Smith`: a speech verb right after the quote, its subject after it',
    "trailing-verb": '`"...," he surmised`: any verb closing its clause right after the quote',
    "appositive-cue": '`"...," Nate Silver, the polling guru, tweeted`',
    "reads": '`"...," the post read`',
    "cue-subject": 'the subject of a speech verb that governs the quote ("Smith said "..."")',
    "owned-speech": '"Trump\'s claim that "..."": the owner of a noun for something said',
    "asked": '"He was asked, "..."": by someone unnamed',
    "outer-cue": "the next speech verb above a clause whose subject is a thing, or an imagined one's wisher",
    "reported-within": '"Clinton pointed to reports that Trump called her "X"": a fragment in a reported clause is the reporter\'s',
    "governing-clause": "the subject of the clause above one whose subject is a thing",
    "colon-label": '`Clinton: "..."`, `Said Ellis: "..."`, `X delivered a retort: "..."`',
    "aside": '`This study, Anstett said, offers "..."`',
    "according-to": '"according to X", "per X", also relayed: `"...," Walker said, according to AP`',
    "sentence-cue": "a speech verb elsewhere in the quote's sentence, nearest first",
    "sentence-before": '`..., Schiff said. "..."`: the sentence before in the paragraph',
    "governing-verb": 'paraphrase: the nearest governing verb\'s subject ("he warned of "X"")',
    "sign-off": '`"..." ― Jane Roe`, `"PENCE: ...`',
    "colon-lead": '`He said:` / `"..."`: a paragraph ending in a colon',
    "paragraph-before": '`Carter said that ...` / `"..."`: the paragraph before reports speech',
    "continuation": "a cue-less quote that goes on the previous quote's speech",
    "carried-back": "a cue-less paragraph of a quotation named in the next paragraph",
    "none": "no cue: an unattributed quotation",
}


def names_rule(rule: str):
    """Decorate a cue finder so its Attribution records ``rule`` unless a rule it called did."""
    assert rule in RULES, rule

    def wrap(find):
        @functools.wraps(find)
        def named(*args, **kwargs):
            att = find(*args, **kwargs)
            return replace(att, rule=rule) if att is not None and not att.rule else att
        return named
    return wrap


def agent_of(verb):
    """The agent of a passive verb: X of "was asked by X"; else None."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def asked_of(verb) -> bool:
    """True for a passive verb of asking or telling ("he was asked"): its subject is spoken to."""
    return verb.lower_ in ADDRESSING_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children)


#: Entity types of a proper noun that is no speaker ("WASHINGTON, Aug. 24 (UPI) -- A spokesman").
_NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"})


def subject_of(verb):
    """The subject token of ``verb``, climbing through participles and conjuncts ("adding", "and said")."""
    seen = 0
    tok = verb
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "advcl") and before is not None and \
            before.pos_ == "PROPN" and before.dep_ in ("pobj", "dobj"):
        return before  # "footage of Hillary Clinton asking ...": the name the participle stands against
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and _comma_before(verb) and \
            verb.head.dep_ == "ccomp" and verb.head.lower_ not in SPEECH_VERBS and \
            verb.head.head.lower_ in SPEECH_VERBS and verb.head.head.i < verb.head.i:
        # "Cardin said that Republicans rejected it, calling it ...": a participle after a comma
        # closing a reported clause is the reporter's, whatever the parse hangs it on
        tok = verb.head.head
    if _reporters_conjunct(verb):
        # "Trump said the Kremlin leader “wants to be helpful”, but added, “...”": a speech verb the
        # parse coordinates with the reported clause's verb is the reporter's, as a participle is
        tok = verb.head.head
    if asked_of(verb):
        # "Rubio was asked by moderator Gerard Baker whether ...": the asker speaks, not the one asked
        return agent_of(verb)
    while tok is not None and seen < 4:
        # a clause as subject ("praising him was like saying ...") is nobody: look further up
        subjects = [c for c in tok.children if c.dep_ in _SUBJ_DEPS and c.dep_ != "csubj" and
                    not (c.tag_ == "VBG" and c.text.islower())]
        if subjects:
            return _nearest_subject(subjects, tok)
        found = _subject_child(tok)
        if found is not None:
            return found
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "after saying ...": the subject of the clause the phrase hangs on
            seen += 1
            continue
        if tok.dep_ == "xcomp" and tok.head.i != tok.i and tok.head.lower_ in CAUSING_VERBS:
            objects = [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i]
            if objects:
                return objects[0]  # "prompted his wife to make a comment ...": the object did it
        if tok.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl", "ccomp", "parataxis") and tok.head.i != tok.i:
            if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ == "NOUN" and tok.head.dep_ == "dobj" and \
                    tok.head.lower_ not in CARRIERS and not could_speak(tok.head) and _comma_before(tok):
                tok = tok.head.head  # "Carson rejected the notion that ..., saying ...": the clause's, not the notion's
                seen += 1
                continue
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
                return _carrier_owner(tok.head)  # "Peskov, who said ...", "a statement saying ..."
            tok = tok.head
            seen += 1
            continue
        break
    return None


def _nearest_subject(subjects, tok):
    """Of the subjects the parse gives verb ``tok``, the speaker's: the nearest, past a noun split off
    before a name and an appositive made a second subject, repaired where the parser got it wrong."""
    # the nearest: a quote the parser hangs on the verb as a second subject is farther away
    near = min(subjects, key=lambda c: abs(c.i - tok.i))
    names = [c for c in subjects if c.pos_ == "PROPN" and c.ent_type_ not in _NOT_SPEAKERS and
             (c.i > tok.i) == (near.i > tok.i)]
    if near.pos_ == "NOUN" and names and not could_speak(near):
        # "said world No. 20 Harris English": a noun before the name split off as a second subject
        near = min(names, key=lambda c: abs(c.i - tok.i))
    elif near.pos_ == "NOUN" and any(n.i + 2 == near.left_edge.i and n.nbor().text == "," for n in names):
        # "Mr Prettejohn, Lloyd's chief executive said": an appositive the parser made a second subject
        near = next(n for n in names if n.i + 2 == near.left_edge.i)
    return _repaired(near, tok)


def _subject_child(tok):
    """A speaker the parse hung on verb ``tok`` as something other than its subject: the object of a
    fronted "as" ("As Akhil Amar put it"), a passive's agent ("was quoted by X"), the subject of a
    participle describing the speaker ("said one cyber expert focused on ..."); else None."""
    for child in tok.children:
        if child.lower_ == "as" and child.dep_ in ("mark", "prep") and child.i < tok.i and tok.lower_ in SPEECH_VERBS:
            # "As Akhil Amar, a professor, put it": the parser took the name for the object of "as"
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN")]
            if objects:
                return objects[0]
        agent = agent_of(tok) if child.dep_ == "agent" else None
        if agent is not None:
            return agent  # "was quoted by X"
        if child.dep_ == "ccomp" and child.tag_ in ("VBN", "VBG") and child.i > tok.i and \
                tok.lower_ in SPEECH_VERBS and tok.tag_ in ("VBD", "VBZ", "VBP") and \
                not any(a.dep_ in ("aux", "auxpass") for a in child.children):
            # "said one cyber expert focused on health care": the parser made the speaker the
            # subject of the participle describing them
            inverted = [g for g in child.children if g.dep_ == "nsubj" and g.left_edge.i == tok.i + 1]
            if inverted:
                return inverted[0]
        swallowed = _swallowed_subject(tok, child)
        if swallowed is not None:
            return swallowed
    return None


#: The words that open a relative clause on a speaker ("Sanders, who ...", "Slinker, whose ...").
_RELATIVE_OPENERS = RELATIVE | {"whose"}


def _swallowed_subject(verb, clause):
    """"Sanders, meanwhile, who sits at zero endorsements, said ...": the parser made the speaker the
    subject of the relative clause set off before speech verb ``verb`` and hung that clause on the
    verb as ``clause`` (its complement or an adverbial). The speaker is the subject that opens the
    clause, its head word followed by a comma and the relative word (past adverbs and commas); else None."""
    doc = verb.doc
    if verb.lower_ not in SPEECH_VERBS or clause.dep_ not in ("ccomp", "advcl", "parataxis") or \
            clause.i > verb.i or clause.right_edge.i < verb.i - 2 or doc[verb.i - 1].text != ",":
        return None
    for subj in clause.children:
        if subj.dep_ != "nsubj" or subj.left_edge.i != clause.left_edge.i or subj.pos_ not in ("PROPN", "NOUN"):
            continue
        k = subj.i + 1
        if k >= verb.i or doc[k].text != ",":
            continue
        while k < verb.i and (doc[k].text == "," or doc[k].pos_ == "ADV"):
            k += 1
        if k < verb.i and doc[k].lower_ in _RELATIVE_OPENERS and could_speak(subj):
            return subj
    return None


def _repaired(subj, verb):
    """The speaker behind a subject the parser got wrong, or a share of those polled; else ``subj``."""
    if subj.pos_ == "ADP":
        # "Of Carson, Levine said": the parser took the fronted phrase for the subject
        return next((c for c in subj.children if c.dep_ == "pobj"), subj)
    if (subj.lower_ == "it" or subj.pos_ == "NOUN" and not could_speak(subj)) and subj.i < verb.i:
        # "For Rowe, it also added a perspective: "..."", "Yet for her, the aim is clear: "..."": the
        # person the sentence is fronted for
        fronted = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" and c.i < subj.i
                   for g in c.children if g.dep_ == "pobj" and (g.pos_ == "PROPN" and g.ent_type_ in ("PERSON", "")
                                                                or g.lower_ in ("him", "her"))]
        if fronted:
            return fronted[0]
    if subj.ent_type_ in ("DATE", "TIME") and subj.i < verb.i:
        # "Saturday at the convention Sen. Elizabeth Warren (D-MA) said": the name before the verb
        return _name_before(verb) or subj
    if subj.pos_ == "NOUN" and not could_speak(subj):
        # "With 50 days until the election, Minyon Moore, an adviser, called ...": the parser
        # made the name an appositive of the thing before it
        names = [c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and
                 c.ent_type_ in ("PERSON", "ORG")]
        subj = min(names, key=lambda c: (c.ent_type_ != "PERSON", c.i), default=subj)
    return _poll_of_share(subj)


def writer_subject(verb, in_quote):
    """The subject of a cue whose clause the parser hung under a quote's own verb.

    `Mr. Trump hardly clarified it -- "That makes me smart" -- and, when questioned,
    asserting, "..."`: the quote became the root, "clarified" its complement and
    "asserting" its conjunct. The cue's subject is that of the nearest writer's clause
    before the cue that hangs on the same quoted verb, where that subject can speak. None
    where the climb from the cue never enters a quote.
    """
    tok, seen = verb, 0
    while not in_quote[tok.i]:
        if tok.dep_ not in ("conj", "advcl", "xcomp", "parataxis") or tok.head.i == tok.i or seen >= 4:
            return None
        tok, seen = tok.head, seen + 1
    for clause in sorted(tok.children, key=lambda c: -c.i):
        if clause.i < verb.i and not in_quote[clause.i] and clause.pos_ in ("VERB", "AUX") and \
                clause.dep_ in ("ccomp", "parataxis", "conj", "advcl"):
            subjects = [c for c in clause.children if c.dep_ in _SUBJ_DEPS and not in_quote[c.i]]
            if subjects:
                return subjects[0] if could_speak(subjects[0]) else None
    return None


def _poll_of_share(subj):
    """The poll that reports what a share of respondents said ("In a Post-ABC News poll, 75 percent
    of Republicans said ..."), when the sentence names one before that share; else ``subj``."""
    if subj.lower_ not in SHARE_WORDS and subj.pos_ != "NUM":
        return subj
    for t in subj.sent:
        if t.i >= subj.i:
            break
        if t.lower_ in POLL_NOUNS and t.pos_ == "NOUN":
            return t
    return subj


def _name_before(verb):
    """The last word of a person's or organisation's name standing right before ``verb``, past a
    parenthesis ("Warren (D-MA) said"); else None."""
    doc = verb.doc
    k, depth = verb.i - 1, 0
    while k >= 0 and verb.i - k <= 8:
        t = doc[k]
        if t.text == ")":
            depth += 1
        elif t.text == "(":
            depth -= 1
        elif depth == 0:
            return t if t.ent_type_ in ("PERSON", "ORG") and t.pos_ == "PROPN" else None
        k -= 1
    return None


def _reporters_conjunct(verb) -> bool:
    """True for a speech verb with no subject of its own, after a comma (", but added", ", adding"
    aside), that the parse made a conjunct of a reported clause's verb (no speech verb) under an
    earlier speech verb: "X said Y wants Z, but added" is X's second cue, not Y's."""
    head = verb.head
    if verb.dep_ != "conj" or verb.lower_ not in SPEECH_VERBS or head.dep_ != "ccomp" or \
            head.lower_ in SPEECH_VERBS or head.head.lower_ not in SPEECH_VERBS or head.head.i > head.i or \
            any(c.dep_ in _SUBJ_DEPS for c in verb.children):
        return False
    before = verb.doc[verb.i - 1] if verb.i > 0 else verb
    return _comma_before(before if before.dep_ == "cc" else verb)  # ", but added" or ", added"


def _comma_before(tok) -> bool:
    """True when a comma stands right before ``tok``, or before the closing marks right before it."""
    k = tok.i - 1
    while k >= 0 and tok.doc[k].tag_ == "''":
        k -= 1
    return k >= 0 and tok.doc[k].text == ","


def _hyphenated(tok) -> bool:
    """True for a part of a hyphenated word ("43" and "old" of "43-year-old")."""
    doc = tok.doc
    return tok.i > 0 and doc[tok.i - 1].tag_ == "HYPH" and not doc[tok.i - 1].whitespace_ or \
        tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "HYPH" and not tok.whitespace_


def adjacent_subject(doc, verb, i1: int, in_quote):
    """The speaker of a misparsed `"...," NAME said` or `"...," said NAME` by position alone.

    Only when the verb stands right after the quote (a name of at most six words
    between them, or none): the last noun of the name before the verb, else the
    last noun of the name after it.
    """
    k = verb.i
    if k < i1 or k - i1 > 7:
        return None
    between = [t for t in doc[i1:k] if not t.is_punct and not t.is_space]
    if between:
        if all(t.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "DET", "VERB") or capitalised(t) or _hyphenated(t)
               for t in between) and \
                (between[-1].pos_ in ("PROPN", "NOUN", "PRON", "VERB") or capitalised(between[-1]) or
                 _hyphenated(between[-1])):
            return between[-1]  # a name, "he", "the 43-year-old"
        # `"...," Ramos, 58, told AFP`: a name, then an age set off by commas
        name = [t for t in between if t.pos_ != "NUM"]
        if name and len(name) < len(between) and all(t.pos_ in ("PROPN", "NOUN") for t in name) and \
                all(t.pos_ == "NUM" for t in between[len(name):]):
            return name[-1]
        return None
    last = None
    for t in doc[k + 1:min(len(doc), k + 8)]:
        if in_quote[t.i] or t.is_punct:
            break
        if t.pos_ in ("PROPN", "NOUN") or capitalised(t):
            last = t
        elif last is not None and t.lower_ in ("and", "&", "'s", "’s") and t.i + 1 < len(doc) and \
                capitalised(doc[t.i + 1]):
            continue  # `said Ernst and Young's Sanjay Mehta`: the name after the firm's
        elif last is not None or t.pos_ not in ("DET", "ADJ"):
            break
    return last


def according_to(tok):
    """The source ``tok`` introduces: the object of "according to" (a word of the lexicon's
    SOURCE_PHRASES with its preposition), or of a source's "per" after a comma (`..., per the party's
    bylaws`; not "per hour"), else None."""
    if tok.lower_ in SOURCE_PREPOSITIONS and _comma_before(tok):
        return next((c for c in tok.children if c.dep_ == "pobj" and
                     (c.pos_ == "PROPN" or any(g.dep_ in ("det", "poss") for g in c.children))), None)
    preposition = SOURCE_PHRASES.get(tok.lower_)
    if preposition is None:
        return None
    for child in tok.children:
        if child.lower_ == preposition:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == preposition and nxt.i + 1 < len(tok.doc):
        return tok.doc[nxt.i + 1]
    return None


def fix_relative(subj):
    """A relative pronoun subject ("who said") stands for the noun its clause modifies."""
    if subj is not None and subj.lower_ in RELATIVE:
        head = subj.head
        if head.dep_ in ("relcl", "acl") and head.head.i != head.i:
            return _carrier_owner(_nearest_item(head.head, subj.i))
    return subj


def _nearest_item(noun, before: int):
    """Of a list that ``noun`` is an item of ("Oprah Winfrey, Will Smith and Stevie Wonder, who joked"),
    the item nearest before the relative pronoun at token ``before``, as a reader takes it: the
    parser hangs the relative clause on any item of the list."""
    return max((c for c in (noun, *noun.conjuncts) if c.i < before), key=lambda c: c.i, default=noun)


def _carrier_owner(noun):
    """Who speaks through a carrier of words that a verb has as object: "Trump posted a message
    reading ..." is Trump's; else the noun itself."""
    if noun.pos_ == "NOUN" and noun.lower_ in CARRIERS and noun.dep_ == "dobj" and \
            not any(c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ != "NOUN" for c in noun.children):
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ not in RELATIVE:
            return subjects[0]
        if not subjects and noun.head.tag_ == "VBG":
            # "Sanders showed no sign of it, releasing a statement that ...": the participle's subject
            subj = subject_of(noun.head)
            if subj is not None and subj.lower_ not in RELATIVE:
                return subj
    return noun


def cue_text(tok) -> str:
    """The cue as shown: the verb with its particle ("pointed out") or "according to"."""
    if tok.lower_ in SOURCE_PHRASES:
        return f"{tok.lower_} {SOURCE_PHRASES[tok.lower_]}"
    parts = [tok.text] + [c.text for c in tok.children if c.dep_ == "prt"]
    return " ".join(parts)


def relayed(doc, att: Attribution, in_quote: list[bool], para: tuple[int, int]) -> Attribution:
    """The source a reported speech act is relayed through: `"...," Walker said, according to an AP account`.

    The news source the writer names for the whole act ("according to ...") is the quote's
    source, as PolNeAR marks it; the person quoted stays in the quote's words.
    """
    verb = att.cue
    if verb is None or att.strength < 2 or verb.lower_ in SOURCE_PHRASES:
        return att
    lo, hi = para
    sent = verb.sent
    for tok in sent:
        if tok.lower_ not in SOURCE_PHRASES or in_quote[tok.i] or not lo <= tok.idx < hi:
            continue
        obj = according_to(tok)
        if obj is not None and not in_quote[obj.i]:
            return Attribution(tok, cue_text(tok), obj, att.strength, "according-to")
    return att


def relative_surface(att: Attribution, mention):
    """The words that name the speaker at the cue: "who" of "Sanders, who says ..." (the name stays Sanders)."""
    if att.cue is None or mention is None:
        return mention
    for c in att.cue.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE and att.cue.dep_ == "relcl" and \
                att.speaker is not None and att.speaker.i == _nearest_item(att.cue.head, c.i).i:
            return Span(c.idx, c.idx + len(c.text), c.text)
    return mention
