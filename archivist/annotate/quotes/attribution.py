"""The cue and speaker of one quotation: an ordered table of named attribution rules.

A :class:`QuoteSite` (the quotation's tokens, its paragraph, which tokens lie in any quotation)
is handed to each rule of :data:`ATTRIBUTION_RULES` in turn; the first that returns an
:class:`~archivist.annotate.quotes.cues.Attribution` wins, and its rule's name is what the
quote's evidence records (a rule built of smaller finders records the finder's own name, e.g.
"inverted-cue" for `"...," said Smith`). In order: a sign-off or transcript label; a speech verb
right after a quote that ends in a comma (`"...," he said`, past an age or an appositive,
whatever the parse); a speech verb or a noun for something said that governs the quote, read
through its subject (or the clause above, where that subject is a thing); a colon or a name as a
label just before it; a speech verb or "according to" beside it in its sentences; the sentence
before, ending in a speech verb; else the nearest governing verb whose subject can speak
(paraphrase: "he warned of "X""). Each rule is a small pure function ``(QuoteSite) ->
Attribution | None``; a new one (a learned ranker, say) is one more row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable, Sequence

from archivist.annotate.quotes.cues import (Attribution, according_to, adjacent_subject, cue_text, agent_of, asked_of,
                                            fix_relative, names_rule, subject_of, writer_subject)
from archivist.annotate.quotes.nearby import signed
from archivist.text.lexicon import (CARRIERS, CHARACTERISING_VERBS, DETERMINERS, DOC_NOUNS, FINDING_VERBS, GO_FORMS,
                                    IRREALIS_VERBS, RELATIVE, RETORT_PARTICLES, SOURCE_WORDS, SPEECH_NOUNS, SPEECH_VERBS,
                                    SUBJECT_PRONOUNS, TELL_VERBS, TEXT_READS, WEAK_CUES, could_speak, singular,
                                    speech_verb)
from archivist.annotate.quotes.marks import MARK_RE


@dataclass(frozen=True, eq=False)
class QuoteSite:
    """One quotation where the rules look for its cue: characters [start, end) and tokens [i0, i1)
    of ``doc`` (whose text is ``text``), which tokens lie in any of the article's quotations, the
    character bounds of its paragraph and the Doc's offset index. What several rules read of it
    (the speech verb governing the quote, its subject, the quote's sentences) is computed once."""

    doc: object  # Doc
    text: str
    start: int
    end: int
    i0: int
    i1: int
    in_quote: Sequence[bool]
    para: tuple[int, int]
    index: object  # DocIndex

    @cached_property
    def cue(self):
        """The speech verb (or noun for something said) governing the quote, nearest the quote, else None."""
        best = None
        # a later item of a list ('about "X," and "Y," Melanie said') is the list's: its marks hang on the clause after it
        words_only = _later_list_item(self)
        for i in range(self.i0, self.i1):
            tok = self.doc[i]
            if self.i0 <= tok.head.i < self.i1 and tok.head.i != tok.i or words_only and tok.is_punct:
                continue  # only the quote's own roots lead outside it
            found = _reporting_ancestor(self, tok)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is None:
            return None
        return _nearer_cue(self.doc, best[1], self.i0, self.in_quote) or best[1]

    @cached_property
    def cue_subject(self):
        """The subject of :attr:`cue` as the parse gives it (a relative pronoun as its noun), else None."""
        return fix_relative(subject_of(self.cue)) if self.cue is not None else None

    @cached_property
    def speaker(self):
        """The subject of :attr:`cue`, or of the writer's clause a misparse hung the cue under, else None."""
        subj = self.cue_subject
        if self.cue is not None and (subj is None or self.in_quote[subj.i]):
            subj = writer_subject(self.cue, self.in_quote) or subj
        return subj

    @cached_property
    def whole(self) -> bool:
        """True when the quote is a whole sentence of its own, not a fragment inside the writer's: at
        its sentence's start, after "X said:" or "X said,", or after the end of a sentence before
        that the parser failed to split off."""
        inner = MARK_RE.sub("", self.text[self.start:self.end]).strip()
        if not inner or not (inner[0].isupper() or inner[0].isdigit() or inner[0] in "[(.…"):
            return False
        doc, i0 = self.doc, self.i0
        sent = doc[i0].sent
        if not any(not t.is_punct and not t.is_space and t.idx >= self.para[0] for t in doc[sent.start:i0]):
            return True
        return i0 > 0 and doc[i0 - 1].text in (":", ",", "—", "–", "-", ".", "?", "!")

    @cached_property
    def sentences(self) -> tuple[int, int, int]:
        """(first token, end token, end of the quote's own sentences) of the sentences the quote lies in,
        over a split the parser made at the quote's closing mark or at a colon before it."""
        doc, i0, i1 = self.doc, self.i0, self.i1
        s0, s1 = doc[i0].sent.start, doc[i1 - 1].sent.end
        # The parser often ends a sentence at a quote's closing mark: `"A," / Chief Jordan said.`
        last = _chars_before(doc, i1 - 1, 2) + doc[i1 - 1].text[:1]
        own_end = s1
        if s1 <= i1 and s1 < len(doc) and any(c in last for c in ",—–-?!"):
            s1 = doc[s1].sent.end
        # ... or before it, after a colon: `He said: / "A."`
        if s0 == i0 and s0 > 0 and doc[s0 - 1].text == ":":
            s0 = doc[s0 - 1].sent.start
        return s0, s1, own_end


def _reports(anc, via) -> bool:
    """True when ``anc``, reached from the quote through ``via``, reports what is said: a speech verb
    or "go on" ("as Trump went on about "..."", not the main clause's "Melanie said yes"), a noun for
    something said with the quote as its clause ("his claim that "..."") or a document's finding ("a
    GAO report found that "..."")."""
    return speech_verb(anc) or _goes_on(anc) or via.dep_ in ("acl", "ccomp") and _owned_speech(anc) is not None or \
        anc.lower_ in FINDING_VERBS and via.dep_ == "ccomp" and _document_subject(anc)


def _reporting_ancestor(site: QuoteSite, tok):
    """((rank), token): the first ancestor of quote root ``tok`` within the paragraph that reports speech,
    ranked by whether only a closing mark reaches it from another quote's verb, then depth; else None."""
    lo, hi = site.para
    anc = tok.head if tok.head.i != tok.i else None
    via, depth = tok, 1
    while anc is not None and depth < 8:
        if not site.in_quote[anc.i] and lo <= anc.idx < hi and _reports(anc, via):
            # a closing mark hung on the verb of another quote ("...," said Weaver, who said
            # ... "X.") reaches it only when none of the quote's words reach a verb
            return (tok.is_punct and _cues_another(anc, site.i0, site.i1, site.in_quote), depth), anc
        if anc.head.i == anc.i:
            return None
        via, anc = anc, anc.head
        depth += 1
    return None


def _strength(verb, strong: int) -> int:
    """``strong`` for a speech verb that reports speech outright, one less for a weak cue ("added", "called")."""
    return strong if verb.lower_ not in WEAK_CUES else strong - 1


# --- the rules, in the order they are tried -----------------------------------------------


def sign_off(site: QuoteSite) -> Attribution | None:
    """`"..." ― Jane Roe`, `"PENCE: ...`: a sign-off or a transcript label names the speaker."""
    return signed(site.doc, site.text, site.start, site.end, site.para, site.index)


def trailing_cue(site: QuoteSite) -> Attribution | None:
    """`"...," he said`, `"...," said Smith`, `"...," Nate Silver, the polling guru, tweeted`,
    `"...," the post read`: the cue right after the quote's closing mark; not for a later item of a
    list begun before the quote (`went on about "X," and "Y," Melanie said yes`), whose cue is the list's."""
    if _later_list_item(site):
        return None
    return _trailing_cue(site.doc, site.i0, site.i1, site.in_quote, site.para[1])


def _later_list_item(site: QuoteSite) -> bool:
    """True when the quote follows "and" or "or" and its words are a conjunct of a word before it: an
    item of a list that began before the quote."""
    doc, k = site.doc, site.i0 - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0 or doc[k].tag_ != "CC":
        return False
    roots = [t for t in doc[site.i0:site.i1] if not t.is_punct and not site.i0 <= t.head.i < site.i1]
    return any(t.dep_ == "conj" and t.head.i < k for t in roots)


def quoted_adverb(site: QuoteSite) -> Attribution | None:
    """"Holm said the ad "unmistakably" suggests ...": a quoted adverb is the reporter's word, and "Mook
    expects Holt to ... by calling out Trump's "lies"": a speech act only imagined; both are the words of
    the speech verb above, or where none reports them, of the one who expects or wishes them ("I hope
    America says, "..."": the hope is the writer's, the words no one's but theirs)."""
    if site.cue is None:
        return None
    wish = _imagined(site.cue)
    if wish is None and not _adverbial(site.doc, site.i0, site.i1):
        return None
    outer = _outer_speaker(site.cue, site.in_quote, site.para)
    if outer is not None or wish is None or site.in_quote[wish.i]:
        return outer
    subj = fix_relative(subject_of(wish))
    if subj is None or site.in_quote[subj.i] or not could_speak(subj):
        return None
    return Attribution(wish, cue_text(wish), subj, 2)


def reported_within(site: QuoteSite) -> Attribution | None:
    """"Clinton pointed to reports that Trump called her "Miss Piggy"", "Trump said Clinton once described
    the deal as "the gold standard"": a fragment quoted in a clause that another's speech reports is,
    as PolNeAR marks it, the words of the one who reports them: the subject of the speech verb above."""
    if site.whole or site.cue is None or not _reported_clause(site.cue):
        return None
    outer = _outer_speaker(site.cue, site.in_quote, site.para)
    if outer is None or outer.cue.i > site.cue.i:
        return None  # "Smith called it an "interesting" case; Miller said ...": a clause of its own, misparsed
    return replace(outer, rule="reported-within")


def _reported_clause(verb) -> bool:
    """True when ``verb`` (past the conjuncts it heads) is a clause another word reports: a verb's
    complement ("said that Clinton described ...") or a noun's ("reports that Trump called ..."), also
    where the parser hung a complement with its "that" on a noun as a relative clause ("said during a
    rally that Clinton described ...")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp" or verb.dep_ == "acl" and verb.head.pos_ == "NOUN" or \
        verb.dep_ == "relcl" and any(c.dep_ == "mark" for c in verb.children)


def owned_speech(site: QuoteSite) -> Attribution | None:
    """"Trump's claim that "..."", "its prediction that "..."": the words are the owner's."""
    owner = _owned_speech(site.cue) if site.cue is not None else None
    return Attribution(site.cue, cue_text(site.cue), owner, 2) if owner is not None else None


def asked(site: QuoteSite) -> Attribution | None:
    """"He was asked, "..."": a question put by someone unnamed."""
    verb = site.cue
    if verb is None or site.cue_subject is not None or not asked_of(verb) or not 0 < site.i0 - verb.i <= 3:
        return None
    return Attribution(verb, cue_text(verb), None, 2)


def thing_subject(site: QuoteSite) -> Attribution | None:
    """"Holm said the plan "..." suggests": a thing is no speaker; the quote is the words of the speech
    verb above, or of whoever governs that clause (not through a carrier of words: "the sign read")."""
    subj = site.speaker
    if subj is None or could_speak(subj):
        return None
    return _outer_speaker(site.cue, site.in_quote, site.para) or \
        (_governing_speaker(site.cue, site.in_quote, site.para) if subj.lower_ not in CARRIERS else None)


def cue_subject(site: QuoteSite) -> Attribution | None:
    """"Smith said "..."", "he called it "X"": the subject of the speech verb that governs the quote."""
    subj = site.speaker
    if site.cue is None or subj is None or site.in_quote[subj.i]:
        return None
    return Attribution(site.cue, cue_text(site.cue), subj, _strength(site.cue, 3))


def colon_label(site: QuoteSite) -> Attribution | None:
    """`Sanders delivered a retort: "..."`, `Clinton: "..."`: a colon hands the quote to its clause's subject."""
    return _colon_before(site.doc, site.i0, site.in_quote, site.para)


def sentence_cue(site: QuoteSite) -> Attribution | None:
    """A speech verb or "according to" beside the quote in its sentences, nearest first."""
    s0, s1, own_end = site.sentences
    lo, hi = site.para
    cands = []
    for k in range(s0, s1):
        tok = site.doc[k]
        if site.in_quote[k] or not (lo <= tok.idx < hi):
            continue
        found = _beside(site, tok, own_end)
        if found is not None:
            cands.append((min(abs(k - site.i0), abs(k - site.i1)), k, found))
    return min(cands)[2] if cands else None


def _beside(site: QuoteSite, tok, own_end: int) -> Attribution | None:
    """The attribution token ``tok`` beside the quote makes: "according to X", or a speech verb with its subject."""
    if tok.lower_ in SOURCE_WORDS:
        obj = according_to(tok)
        return Attribution(tok, cue_text(tok), obj, _strength(tok, 2), "according-to") if obj is not None else None
    if not speech_verb(tok):
        return None
    if tok.i >= own_end and any(c.dep_ == "ccomp" and not site.in_quote[c.i] for c in tok.children):
        return None  # the sentence after reports a speech of its own ("X said it was satisfied ...")
    subj = fix_relative(subject_of(tok))
    if subj is None or site.in_quote[subj.i]:
        subj = adjacent_subject(site.doc, tok, site.i1, site.in_quote) or writer_subject(tok, site.in_quote)
    if subj is None or site.in_quote[subj.i]:
        return None
    return Attribution(tok, cue_text(tok), subj, _strength(tok, 2), "sentence-cue")


def sentence_before(site: QuoteSite) -> Attribution | None:
    """A quote opening a sentence right after "..., Schiff said." in its paragraph."""
    return _previous_cue(site.doc, site.i0, site.sentences[0], site.in_quote, site.para[0])


def governing_verb(site: QuoteSite) -> Attribution | None:
    """Paraphrase ("he warned of "X""): the nearest governing verb with a subject outside the quote that
    can speak; else the first such verb's subject when it is a thing ("the extract was "..."")."""
    doc, in_quote = site.doc, site.in_quote
    tok = doc[site.i0]
    while tok.head.i != tok.i and site.i0 <= tok.head.i < site.i1:
        tok = tok.head
    anc = tok.head if tok.head.i != tok.i else None
    thing = None
    for _ in range(6):
        if anc is None:
            break
        if anc.pos_ in ("VERB", "AUX") and not in_quote[anc.i]:
            subj = fix_relative(subject_of(anc))
            if subj is not None and subj.lower_ == "it" and anc.lemma_ == "be":
                subj = None  # "told the BBC it was not fair to blame the public who were "...": no one; climb on
            if subj is not None and not in_quote[subj.i] and subj.pos_ in ("PROPN", "PRON", "NOUN"):
                if could_speak(subj):
                    return Attribution(anc, cue_text(anc), subj, 0)
                thing = thing or Attribution(anc, cue_text(anc), subj, 0)
        anc = anc.head if anc.head.i != anc.i else None
    return thing


#: The attribution rules, tried in order: (the name a quote's evidence records, the rule).
ATTRIBUTION_RULES: tuple[tuple[str, Callable[[QuoteSite], Attribution | None]], ...] = (
    ("sign-off", sign_off),
    ("trailing-cue", trailing_cue),
    ("outer-cue", quoted_adverb),
    ("reported-within", reported_within),
    ("owned-speech", owned_speech),
    ("asked", asked),
    ("outer-cue", thing_subject),
    ("cue-subject", cue_subject),
    ("colon-label", colon_label),
    ("sentence-cue", sentence_cue),
    ("sentence-before", sentence_before),
    ("governing-verb", governing_verb),
)

#: What :func:`attribute` returns when no rule fires: an unattributed quotation.
UNATTRIBUTED = Attribution(None, None, None, -1, "none")


def attribute(site: QuoteSite, rules=ATTRIBUTION_RULES) -> Attribution:
    """The first attribution a rule of ``rules`` finds for ``site``, named by the rule that fired
    (or by the finder inside it that did), else :data:`UNATTRIBUTED`."""
    for name, rule in rules:
        att = rule(site)
        if att is not None:
            return att if att.rule else replace(att, rule=name)
    return UNATTRIBUTED


def _document_subject(verb) -> bool:
    """True when ``verb``'s subject is a document, study or poll ("a GAO report found that ...")."""
    subj = subject_of(verb)
    return subj is not None and singular(subj.lower_) in DOC_NOUNS


def _adverbial(doc, i0: int, i1: int) -> bool:
    """True when the quote's words are an adverb of the writer's clause ("the ad "unmistakably" suggests")."""
    words = [t for t in doc[i0:i1] if not t.is_punct]
    roots = [t for t in words if not i0 <= t.head.i < i1]
    return bool(roots) and len(words) <= 4 and all(t.dep_ == "advmod" and t.pos_ == "ADV" for t in roots) and \
        not any(t.pos_ in ("VERB", "AUX") for t in words)


def _imagined(verb):
    """The verb of expecting or wishing in whose complement ``verb`` sits, below its clause ("expects
    Holt to ... by calling", "I hope America says" - the parser often makes that a parataxis), else None."""
    tok = verb
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in ("xcomp", "ccomp", "parataxis") and tok.head.lower_ in IRREALIS_VERBS:
            return tok.head
        if tok.dep_ not in ("xcomp", "advcl", "pcomp", "prep", "conj") and tok.pos_ != "ADP":
            return None
        tok = tok.head
    return None


def _nearer_cue(doc, verb, i0: int, in_quote: list[bool]):
    """A speech verb between ``verb`` and the quote that leads into it with a comma or colon, no other
    verb between: `The spot concludes with footage of Trump saying during the debate, "..."`."""
    k = i0 - 1
    while k > verb.i and (doc[k].is_space or doc[k].tag_ in ("``", "''")):
        k -= 1
    if k <= verb.i or doc[k].text not in (",", ":"):
        return None
    for j in range(k - 1, verb.i, -1):
        tok = doc[j]
        if in_quote[j] or tok.is_sent_start:
            return None
        if tok.pos_ in ("VERB", "AUX"):
            return tok if tok.lower_ in SPEECH_VERBS and tok.lower_ not in WEAK_CUES else None
    return None


def _cues_another(verb, i0: int, i1: int, in_quote: list[bool]) -> bool:
    """True when ``verb`` governs words of a quote other than tokens [i0, i1)."""
    return any(in_quote[c.i] and not i0 <= c.i < i1 and not c.is_punct for c in verb.children)


def _owned_speech(tok):
    """The possessor of a noun for something said ("his claim"), else None."""
    if tok.pos_ != "NOUN" or singular(tok.lower_) not in SPEECH_NOUNS and tok.lower_ not in SPEECH_NOUNS:
        return None
    for child in tok.children:
        if child.dep_ == "poss" and child.lower_ not in RELATIVE and child.lower_ != "whose":
            return child
    return None


@names_rule("outer-cue")
def _outer_speaker(verb, in_quote: list[bool], para: tuple[int, int]) -> Attribution | None:
    """The next speech verb above ``verb`` in its sentence, with a subject that can speak, as an attribution."""
    lo, hi = para
    anc = verb.head if verb.head.i != verb.i else None
    depth = 0
    while anc is not None and depth < 6:
        if not in_quote[anc.i] and lo <= anc.idx < hi and speech_verb(anc):
            subj = fix_relative(subject_of(anc))
            if subj is not None and not in_quote[subj.i] and could_speak(subj):
                return Attribution(anc, cue_text(anc), subj, 3 if anc.lower_ not in WEAK_CUES else 2)
            return None
        if anc.head.i == anc.i:
            break
        anc = anc.head
        depth += 1
    return None


@names_rule("governing-clause")
def _governing_speaker(verb, in_quote: list[bool], para: tuple[int, int]) -> Attribution | None:
    """`His operatives forced a change, replacing it with softer language calling for "..."`: the
    subject of the nearest clause above ``verb`` that can speak, as the speaker of ``verb``'s words."""
    lo, hi = para
    anc = verb.head if verb.head.i != verb.i else None
    for _ in range(8):
        if anc is None or not lo <= anc.idx < hi:
            return None
        if anc.pos_ in ("VERB", "AUX") and not in_quote[anc.i]:
            subj = fix_relative(subject_of(anc))
            if subj is not None and not in_quote[subj.i] and subj.i < verb.i and could_speak(subj) and \
                    subj.pos_ in ("PROPN", "PRON", "NOUN"):
                return Attribution(verb, cue_text(verb), subj, 3 if verb.lower_ not in WEAK_CUES else 2)
        if anc.head.i == anc.i:
            return None
        anc = anc.head
    return None


@names_rule("colon-label")
def _colon_before(doc, i0: int, in_quote: list[bool], para: tuple[int, int]) -> Attribution | None:
    """The speaker of `Sanders delivered a retort: "..."`: the subject of the clause a colon ends just before the quote."""
    lo = para[0]
    k = i0 - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 1 or doc[k].text != ":" or in_quote[k] or doc[k].idx < lo:
        return None
    j = k - 1
    while j >= 0 and k - j <= 4 and doc[j].pos_ == "PROPN" and not in_quote[j] and doc[j].idx >= lo:
        j -= 1
    roundup = _roundup_label(doc, k, lo, in_quote)
    if roundup is not None:
        return Attribution(None, None, roundup, 2)  # `John Smith, The Daily Courier: "..."`: the person, not the outlet
    if j < k - 1 and (j < 0 or in_quote[j] or doc[j].is_punct or doc[j].is_space or doc[j].idx < lo):
        return Attribution(None, None, doc[k - 1], 2)  # `Clinton: "..." Bush: "..."`: a name as a label
    if j < k - 1 and doc[j].lower_ in SPEECH_VERBS and (j == 0 or doc[j - 1].is_punct or doc[j - 1].is_space):
        return Attribution(doc[j], cue_text(doc[j]), doc[k - 1], 2)  # `Said Ellis: "..."`
    top = doc[k - 1]
    while top.head.i != top.i and lo <= top.head.idx and top.head.i < k and not in_quote[top.head.i]:
        top = top.head
    if top.pos_ == "NOUN" and not in_quote[top.i]:
        owner = _owned_speech(top)  # `Trump's reply: "..."`: the owner of the words the colon opens
        return Attribution(top, cue_text(top), owner, 2) if owner is not None else None
    if top.pos_ not in ("VERB", "AUX") or in_quote[top.i]:
        return None
    # "The challenge is exemplified by this finding: "..."": a passive's agent introduces the words
    agent = agent_of(top)
    subj = agent if agent is not None and agent.right_edge.i == k - 1 else fix_relative(subject_of(top))
    if subj is None or in_quote[subj.i] or subj.idx < lo or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    return _aside(top, subj, in_quote, 2) or Attribution(top, cue_text(top), subj, 2)


#: How many tokens a roundup's label (`John Smith, The Daily Courier:`) may run to.
_LABEL_REACH = 10


def _roundup_label(doc, k: int, lo: int, in_quote: list[bool]):
    """The person of a roundup's label that opens its paragraph, a name and then, after a comma, their
    outlet or role in capitalised words (`John Smith, The Daily Courier: "..."`): the last word of the
    name before the first comma; else None."""
    j = k - 1
    while j >= 0 and k - j <= _LABEL_REACH and not in_quote[j] and doc[j].idx >= lo and not doc[j].is_space and \
            (doc[j].text == "," or doc[j].text[:1].isupper() and not doc[j].is_punct):
        j -= 1
    if j >= 0 and doc[j].idx >= lo and not doc[j].is_space:
        return None  # the label does not open the paragraph: a sentence of the writer's
    label = doc[j + 1:k]
    commas = [t.i for t in label if t.text == ","]
    if not commas or commas[0] == j + 1 or commas[-1] == k - 1:
        return None
    first = doc[commas[0] - 1]
    return first if first.pos_ == "PROPN" and first.ent_type_ in ("PERSON", "") else None


@names_rule("aside")
def _aside(verb, subj, in_quote: list[bool], strength: int) -> Attribution | None:
    """`This study, Anstett said, offers ...`, `The message, he said, was simply: "..."`: where a noun is
    the subject and an aside names who said so, the one in the aside speaks; else None."""
    if subj.pos_ != "NOUN":
        return None
    for aside in verb.children:
        if aside.dep_ == "parataxis" and speech_verb(aside):
            speaker = subject_of(aside)
            if speaker is not None and speaker.pos_ in ("PROPN", "PRON") and not in_quote[speaker.i]:
                return Attribution(aside, cue_text(aside), speaker, strength)
    return None


#: How many tokens after a quote its `he said` / `said Jane Doe` cue may start.
_TRAIL = 7


def said_word(doc, i0: int, i1: int, in_quote: list[bool]) -> bool:
    """True when a one-word quote is someone's word: the object of a speech verb ("said "never""),
    the predicate of the clause it reports ("said the plan was "unworkable""), or near a
    characterising verb ("called Clinton a "disgrace"", "described it as "unhinged"").

    A word two steps down from "said" ("adding "measures"" in a clause of its own) or
    further, a quoted verb with the writer's words around it, and the subject of a passive speech
    verb (a song "was written by" someone), stay terms held at a distance.
    """
    for k in range(i0, i1):
        tok = doc[k]
        if i0 <= tok.head.i < i1 and tok.head.i != tok.i or tok.is_punct:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            return False  # a quoted verb heading the writer's clause ("would "deescalate" the situation")
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # 'a "bully" and a "narcissist"': a list shares its first item's verb
        if tok.dep_ == "nsubjpass" and speech_verb(tok.head):
            return False  # '"American Skin" was written by Springsteen': what a passive speech verb makes is a work
        # "said the plan was "unworkable"": the predicate of the reported clause
        predicate = tok.dep_ in ("acomp", "attr", "oprd") and tok.head.dep_ == "ccomp"
        # "blasted Clinton as a "disgrace"": the complement of "as" on the verb itself
        as_complement = tok.dep_ == "pobj" and tok.head.lower_ == "as"
        anc, depth = tok.head, 1
        while anc.i != tok.i and depth <= 2:
            if not in_quote[anc.i] and speech_verb(anc):
                if anc.lower_ in TELL_VERBS and tok.dep_ in ("dobj", "dative", "pobj"):
                    return False  # the addressee: told "Fox and Friends"
                return depth == 1 or anc.lower_ in CHARACTERISING_VERBS or predicate or as_complement
            if anc.head.i == anc.i:
                break
            tok, anc, depth = anc, anc.head, depth + 1
    return False


def _chars_before(doc, i: int, n: int) -> str:
    """The ``n`` characters of the text just before token ``i`` (fewer at the article's start),
    read from the tokens before it: ``doc.text`` would join the whole article for each quote."""
    return "".join(t.text_with_ws for t in doc[max(0, i - n):i])[-n:]


@names_rule("trailing-cue")
def _trailing_cue(doc, i0: int, i1: int, in_quote: list[bool], hi: int) -> Attribution | None:
    """The cue of `"...," he said` right after the quote's closing mark, else None."""
    inner = doc[i0:i1].text  # never doc.text, which joins the whole article again on every access
    inner = MARK_RE.sub("", inner).rstrip()
    if inner[-1:] == ".":
        return _said_after_full_stop(doc, i1, in_quote, hi)
    if not inner or inner[-1] not in ",?!—–-":
        return None
    reads = _reads_after(doc, i1, hi)
    if reads is not None:
        return reads
    for k in range(i1, min(len(doc), i1 + _TRAIL)):
        tok = doc[k]
        if in_quote[k] or tok.idx >= hi:
            return None
        if (tok.lower_ in SPEECH_VERBS and tok.lower_ not in WEAK_CUES or _goes_on(tok)) and tok.pos_ in ("VERB", "AUX"):
            if any(t.tag_ in ("WRB", "WDT") or t.dep_ == "mark" or (t.tag_ == "CC" and t.head.pos_ in ("VERB", "AUX"))
                   for t in doc[i1:k]):
                return None  # `"...," when Clinton blasted him`: a new clause, not the attribution
            if any(c.dep_ == "ccomp" and c.i > k and not in_quote[c.i] for c in tok.children):
                return None  # `"...?" The Commission said it was satisfied`: the verb reports words of its own
            subj = fix_relative(subject_of(tok))
            if tok.tag_ == "VBG" and all(t.is_punct for t in doc[i1:k]) and subj is not None and not in_quote[subj.i]:
                # `X hailed the vote as "fantastic," telling reporters ...`: a participle is its clause's
                # subject's, never the inverted `said Smith` of the word after it
                return Attribution(tok, cue_text(tok), subj, 3)
            if subj is None or in_quote[subj.i] or subj.i < i1:
                subj = adjacent_subject(doc, tok, i1, in_quote)
            if subj is None or in_quote[subj.i] or subj.i < i1:
                return None
            return Attribution(tok, cue_text(tok), subj, 3, "inverted-cue" if subj.i > tok.i else "trailing-cue")
        if tok.is_punct and tok.text not in "," and not (tok.tag_ == "HYPH" and not doc[k - 1].whitespace_):
            break  # a hyphen inside a word ("the 43-year-old asked") goes on
    return _any_verb_after(doc, i1, in_quote, hi) or _appositive_cue(doc, i1, in_quote, hi)


@names_rule("reads")
def _reads_after(doc, i1: int, hi: int) -> Attribution | None:
    """`"...," the post read.`: a text that "reads" its words, which the tagger often takes for a
    noun phrase ("the post read" as "the reading of the post"); the token before "read" speaks."""
    k = i1
    if k >= len(doc) or doc[k].lower_ not in DETERMINERS:
        return None
    for j in range(k + 1, min(len(doc), k + 5)):
        tok = doc[j]
        if tok.idx >= hi or tok.is_punct:
            return None
        if tok.lower_ in TEXT_READS and j > k + 1 and j + 1 < len(doc) and doc[j + 1].text == ".":
            return Attribution(tok, cue_text(tok), doc[j - 1], 3)
    return None


def _after_short_subject(doc, k: int, in_quote: list[bool], hi: int) -> int | None:
    """The token after a short subject starting at ``k`` (a name of up to four words, or "he"),
    when another token follows it in the paragraph; else None."""
    j = k
    while j < len(doc) and j - k < 4 and _name_word(doc[j]) and not in_quote[j]:
        j += 1
    if j == k and k < len(doc) and doc[k].lower_ in SUBJECT_PRONOUNS:
        j = k + 1
    if j == k or j + 1 >= len(doc) or doc[j].idx >= hi:
        return None
    return j


@names_rule("trailing-cue")
def _said_after_full_stop(doc, i1: int, in_quote: list[bool], hi: int) -> Attribution | None:
    """`"... missing." Trump said.`: a full stop where the comma belongs, then only a name and a
    speech verb ending the sentence."""
    j = _after_short_subject(doc, i1, in_quote, hi)
    if j is None:
        return None
    verb, after = doc[j], doc[j + 1]
    if speech_verb(verb) and after.text == "." and not in_quote[j]:
        return Attribution(verb, cue_text(verb), doc[j - 1], 3)
    return None


@names_rule("appositive-cue")
def _appositive_cue(doc, i1: int, in_quote: list[bool], hi: int) -> Attribution | None:
    """`"...," Nate Silver, the polling guru who founded it, tweeted.`: a name right after the
    quote, an appositive, then the name's own speech verb, within the sentence."""
    k = i1
    while k < len(doc) and doc[k].text in ",—–-" and not in_quote[k]:
        k += 1
    j = k
    while j < len(doc) and _name_word(doc[j]) and not in_quote[j]:
        j += 1
    if j == k or j >= len(doc) or doc[j].text != ",":
        return None
    name = doc[j - 1]
    for t in doc[j:min(len(doc), j + 30)]:
        if in_quote[t.i] or t.idx >= hi or t.text in ".?!;":
            return None
        if speech_verb(t):
            subj = subject_of(t)
            if subj is not None and (subj.i == name.i or k <= subj.i < j or subj.head.i == name.i):
                return Attribution(t, cue_text(t), subj, 3)
            if (subj is None or subj.i < i1) and t.i > j and doc[t.i - 1].pos_ in ("PROPN", "NOUN", "NUM", "PUNCT"):
                # the parser lost the name in the appositive
                return Attribution(t, cue_text(t), adjacent_subject(doc, t, i1, in_quote) or name, 3)
            return None
    return None


def _name_word(tok) -> bool:
    """A word of a name: a proper noun, or a capitalised noun the tagger took for common ("Hannity")."""
    return tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.text[:1].isupper()


@names_rule("trailing-verb")
def _any_verb_after(doc, i1: int, in_quote: list[bool], hi: int) -> Attribution | None:
    """`"...," he surmised.`: any verb right after a quote's comma, with only its subject
    between, closing its clause at once, is how that subject said it."""
    k = i1
    while k < len(doc) and (doc[k].is_punct or doc[k].is_space) and not in_quote[k] and doc[k].text in ",—–-\n ":
        k += 1
    j = _after_short_subject(doc, k, in_quote, hi)
    if j is None:
        return None
    verb, after = doc[j], doc[j + 1]
    if after.lower_ in RETORT_PARTICLES and j + 2 < len(doc):
        after = doc[j + 2]  # `"...," Bennett shot back.`, `she cut in`
    if not (verb.tag_ in ("VBD", "VBZ") or verb.tag_ == "VBN" and verb.dep_ not in ("amod", "acl")) or in_quote[j] or \
            verb.dep_ == "aux" or \
            not (after.text in (".", ",", ";") or after.lower_ == "and" or after.pos_ == "ADP" and after.lower_ != "that"):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "acomp", "attr") and c.i > verb.i for c in verb.children):
        return None
    return Attribution(verb, cue_text(verb), doc[j - 1], 3)


def _goes_on(tok) -> bool:
    """`"...," Trump went on`: "go on" after a quote continues speech."""
    return tok.lower_ in GO_FORMS and \
        any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children)


@names_rule("sentence-before")
def _previous_cue(doc, i0: int, s0: int, in_quote: list[bool], lo: int) -> Attribution | None:
    """The speaker of a sentence-opening quote named at the end of the sentence before it.

    `..., Schiff said. "The other factor ..."`: the previous sentence (same paragraph)
    must have a speech verb as its root, or a named person as the subject of its root
    verb, with nothing quoted after it.
    """
    if any(not in_quote[k] and not doc[k].is_punct and not doc[k].is_space for k in range(s0, i0)):
        return None
    if s0 == 0 or doc[s0 - 1].idx < lo:
        return None
    sent = doc[s0 - 1].sent
    root = sent.root
    if sent.start_char < lo or in_quote[root.i] or root.pos_ not in ("VERB", "AUX"):
        return None
    if any(in_quote[k] for k in range(root.i + 1, sent.end)) or any(c.dep_ == "neg" for c in root.children):
        return None  # "He didn't suggest retaliation." reports no speech
    subj = fix_relative(subject_of(root))
    if subj is None or in_quote[subj.i]:
        return None
    if root.lower_ not in SPEECH_VERBS and not (root.pos_ == "VERB" and subj.dep_ == "nsubj" and
                                                subj.pos_ == "PROPN" and subj.ent_type_ == "PERSON"):
        # `Sen. Bernie Sanders identified young voters' exhaustion as one reason. "The younger
        # people are ..."`: a person doing something just before speaks next
        return None
    return _aside(root, subj, in_quote, 1) or Attribution(root, cue_text(root), subj, 1)
