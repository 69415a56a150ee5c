"""Direct quotations of one article and who said them.

Pure functions over a parsed spaCy ``Doc`` (this module does not import spaCy).
Three stages, each a linear pass:

1. :func:`find_quote_spans` pairs quote marks paragraph by paragraph from the
   text alone (straight, curly and doubled ``''`` marks; damaged marks are
   dropped locally so one bad mark never swallows the rest of an article).
2. Each span is attributed: a dash sign-off (`― Jane Doe`, also on the next line)
   or transcript label; a speech verb right after a quote ending in a comma
   (`"...," he said`, whatever the parse); a speech verb that governs the quote
   or stands beside it in its sentence, its subject, or "according to X"; the
   speech verb ending the sentence or paragraph before (`..., Schiff said. "..."`,
   `He said:`); else quotes inherit the previous quote's speaker.
   Quoted stretches that no one is said to say (scare quotes, titles) are dropped.
3. The speaker's words are resolved to a name with :mod:`archivist.speakers`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .models import Mention, Quote, Span
from .speakers import SpeakerResolver, could_speak

#: Double quote marks; ``''``, ``````, ``‘‘``, ``’’`` are the doubled-apostrophe styles (NYT, LaTeX).
_MARK_RE = re.compile(r"''|``|‘‘|’’|[\"“”„]")
_OPENERS = frozenset(("“", "``", "‘‘", "„"))
_CLOSERS = frozenset(("”", "’’"))
#: Characters after which a mark opens (besides spaces): brackets, dashes, colons.
_OPEN_BEFORE = frozenset("([{—–-:/")
#: Characters before which a mark closes (besides spaces): punctuation, brackets, dashes.
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every line of ``text``."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _orient(text: str, i: int, j: int, lo: int, hi: int) -> str | None:
    """Whether the mark text[i:j] opens, closes, toggles, or is unreadable (None).

    The characters around a mark decide first, since curly marks are often
    typed the wrong way round; the mark's own shape only breaks ties.
    """
    before = text[i - 1] if i > lo else None
    after = text[j] if j < hi else None
    open_ev = before is None or before.isspace() or before in _OPEN_BEFORE
    close_ev = after is None or after.isspace() or after in _CLOSE_AFTER
    if open_ev and not close_ev:
        return "open"
    if close_ev and not open_ev:
        return "close"
    mark = text[i:j]
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    if not open_ev and before.isalnum() and after.isalnum():
        # Glued between two words (`NATO"unsuccessful`): a damaged mark whose side
        # is unknowable; guessing would shift every later pair in the paragraph.
        return None
    return "toggle"


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every double-quoted stretch in ``text``, marks included, in order.

    Pairs never cross a line break: a quotation running over several paragraphs
    (opened again at the next paragraph, the news convention) yields one span per
    paragraph, the unclosed ones ending at the end of their paragraph.
    """
    out = []
    for lo, hi in _paragraphs(text):
        start = None
        for m in _MARK_RE.finditer(text, lo, hi):
            side = _orient(text, m.start(), m.end(), lo, hi)
            if side is None:
                continue
            if side == "toggle":
                side = "close" if start is not None else "open"
            if side == "open":
                start = m.start()  # an opener while open: the earlier one lost its closer
            elif start is not None:
                out.append((start, m.end()))
                start = None
        if start is not None:
            end = hi
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start > 1:
                out.append((start, end))
    return out


#: Lower-cased inflected forms of verbs that report speech or writing.
_SPEECH_LEMMAS = (
    "say tell add ask write note explain declare state insist argue claim continue recall warn reply "
    "respond answer announce acknowledge admit tweet post comment remark observe suggest predict "
    "promise vow pledge call describe accuse joke quip shout yell exclaim cry whisper mutter complain "
    "boast brag concede confirm deny contend maintain assert stress emphasize emphasise urge testify "
    "report read recount conclude counter retort scoff lament wonder muse charge allege tout "
    "praise criticize criticise blast slam dub label term brand characterize dismiss mock "
    "thunder proclaim announce reiterate repeat opine caution advise agree disagree add "
    "chant sing pray plead demand threaten estimate concede summarize summarise put "
    "begin start quote cite interject chime explain describe recall reflect wonder "
    "admit assure point refer blame portray denounce decry chide credit question thank vent indicate "
    "offer propose email retweet recommend compare name liken condemn exhort"
).split()
_IRREGULAR = {
    "say": "says said saying", "tell": "tells told telling", "write": "writes wrote written writing",
    "read": "reads reading", "cry": "cries cried crying", "begin": "begins began begun beginning",
    "put": "puts putting", "sing": "sings sang sung singing", "quip": "quips quipped quipping",
    "chime": "chimes chimed chiming", "label": "labels labeled labelled labeling labelling",
    "dub": "dubs dubbed dubbing", "slam": "slams slammed slamming", "mock": "mocks mocked mocking",
    "plead": "pleads pleaded pled pleading", "reiterate": "reiterates reiterated reiterating",
    "admit": "admits admitted admitting", "refer": "refers referred referring",
    "retweet": "retweets retweeted retweeting", "email": "emails emailed emailing",
}


def _inflect(lemma: str) -> set[str]:
    """Regular English inflections of a verb lemma (over-generation is harmless in a lookup set)."""
    forms = {lemma}
    if lemma in _IRREGULAR:
        forms.update(_IRREGULAR[lemma].split())
        return forms
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"),
                      stem + "ed", stem + "ing"})
    return forms


SPEECH_VERBS = frozenset(f for lemma in _SPEECH_LEMMAS for f in _inflect(lemma))
#: Verbs that are cues only with a quotation as object ("called it "X"") - weaker evidence.
_WEAK_CUES = frozenset(_inflect("call") | _inflect("describe") | _inflect("label") | _inflect("dub")
                       | _inflect("term") | _inflect("brand") | _inflect("characterize") | _inflect("put")
                       | _inflect("begin") | _inflect("start") | _inflect("continue") | _inflect("read")
                       | _inflect("add") | _inflect("post") | _inflect("quote") | _inflect("cite")
                       | _inflect("point") | _inflect("refer") | _inflect("compare") | _inflect("name")
                       | _inflect("offer") | _inflect("credit") | _inflect("question")
                       | _inflect("liken") | _inflect("condemn"))
_CONTINUE = frozenset(_inflect("continue"))
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass
class _Attribution:
    """Where a quote's speaker was found: the cue token and the speaker's head token."""

    cue: object | None  # Token
    cue_text: str | None
    speaker: object | None  # Token
    strength: int  # 3 speech verb governs, 2 speech verb in sentence, 1 weaker, 0 none


class _DocIndex:
    """Token lookups by character offset for one Doc."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or last token starting before) ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """Token index range [i, j) covering characters [start, end)."""
        return self.token_at(start), self.token_at(max(start, end - 1)) + 1


def _subject(verb):
    """The subject token of ``verb``, climbing through participles and conjuncts ("adding", "and said")."""
    seen = 0
    tok = verb
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "advcl") and before is not None and \
            before.pos_ == "PROPN" and before.dep_ in ("pobj", "dobj"):
        return before  # "footage of Hillary Clinton asking ...": the name the participle stands against
    while tok is not None and seen < 4:
        subjects = [c for c in tok.children if c.dep_ in _SUBJ_DEPS]
        if subjects:
            # the nearest: a quote the parser hangs on the verb as a second subject is farther away
            return min(subjects, key=lambda c: abs(c.i - tok.i))
        for child in tok.children:
            if child.dep_ == "agent":  # "was quoted by X"
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "after saying ...": the subject of the clause the phrase hangs on
            seen += 1
            continue
        if tok.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl", "ccomp", "parataxis") and tok.head.i != tok.i:
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
                return _carrier_owner(tok.head)  # "Peskov, who said ...", "a statement saying ..."
            tok = tok.head
            seen += 1
            continue
        break
    return None


def _adjacent_subject(doc, verb, i1: int, in_quote):
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
        if all(t.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "DET", "VERB") for t in between) and \
                between[-1].pos_ in ("PROPN", "NOUN", "PRON", "VERB"):
            return between[-1]
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
        if t.pos_ in ("PROPN", "NOUN"):
            last = t
        elif last is not None or t.pos_ not in ("DET", "ADJ"):
            break
    return last


def _according_to(tok):
    """The object of "according to" when ``tok`` is "according", else None."""
    if tok.lower_ != "according":
        return None
    for child in tok.children:
        if child.lower_ == "to":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to" and nxt.i + 1 < len(tok.doc):
        return tok.doc[nxt.i + 1]
    return None


def _fix_relative(subj):
    """A relative pronoun subject ("who said") stands for the noun its clause modifies."""
    if subj is not None and subj.lower_ in _RELATIVE:
        head = subj.head
        if head.dep_ == "relcl" and head.head.i != head.i:
            return _carrier_owner(head.head)
    return subj


#: Things that carry someone's words ("released a statement saying", "held a sign that read").
_CARRIERS = frozenset("statement message sign tweet post note letter email memo release video ad banner poster "
                      "placard shirt t-shirt hat headline caption slogan flyer mailer advertisement commercial "
                      "clip spot".split())


def _carrier_owner(noun):
    """Who speaks through a carrier of words that a verb has as object: "Trump posted a message
    reading ..." is Trump's; else the noun itself."""
    if noun.pos_ == "NOUN" and noun.lower_ in _CARRIERS and noun.dep_ == "dobj" and \
            not any(c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ != "NOUN" for c in noun.children):
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ not in _RELATIVE:
            return subjects[0]
    return noun


def _cue_text(tok) -> str:
    """The cue as shown: the verb with its particle ("pointed out") or "according to"."""
    if tok.lower_ == "according":
        return "according to"
    parts = [tok.text] + [c.text for c in tok.children if c.dep_ == "prt"]
    return " ".join(parts)


def _attribute(doc, i0: int, i1: int, in_quote: list[bool], para: tuple[int, int]) -> _Attribution:
    """Find the cue and speaker of the quote covering tokens [i0, i1)."""
    lo, hi = para
    # 0. `"...," he said` / `"...," said Smith`: a quote ending in a comma inside its marks
    # followed at once by a speech verb is that verb's, whatever the parse hangs it on.
    after = _trailing_cue(doc, i0, i1, in_quote, hi)
    if after is not None:
        return after
    # 1. A speech verb that governs the quote ("he called it "X"", "said that "X"").
    best = None
    for i in range(i0, i1):
        tok = doc[i]
        if tok.head.i >= i0 and tok.head.i < i1 and tok.head.i != tok.i:
            continue  # only the quote's own roots lead outside it
        anc = tok.head if tok.head.i != tok.i else None
        via = tok
        depth = 1
        while anc is not None and depth < 8:
            if not in_quote[anc.i] and lo <= anc.idx < hi:
                if anc.lower_ in SPEECH_VERBS and anc.pos_ in ("VERB", "AUX") or \
                        via.dep_ in ("acl", "ccomp") and _owned_speech(anc) is not None:
                    if best is None or depth < best[0]:
                        best = (depth, anc)
                    break
            if anc.head.i == anc.i:
                break
            via, anc = anc, anc.head
            depth += 1
    if best is not None:
        verb = best[1]
        owner = _owned_speech(verb)
        if owner is not None:
            # "Trump's claim that "...", "its prediction that "..."": the words are the owner's
            return _Attribution(verb, _cue_text(verb), owner, 2)
        subj = _fix_relative(_subject(verb))
        if subj is not None and not could_speak(subj):
            # "Holm said the plan "..." suggests": a thing is no speaker; the quote is the words
            # of whoever governs that clause
            outer = _outer_speaker(verb, in_quote, para)
            if outer is not None:
                return outer
        if subj is not None and not in_quote[subj.i]:
            return _Attribution(verb, _cue_text(verb), subj, 3 if verb.lower_ not in _WEAK_CUES else 2)
    # 1b. `Sanders delivered a retort: "..."`: a colon hands the quote to its clause's subject.
    colon = _colon_before(doc, i0, in_quote, para)
    if colon is not None:
        return colon
    # 2. A speech verb or "according to" beside the quote in its sentences, nearest first.
    s0 = doc[i0].sent.start
    s1 = doc[i1 - 1].sent.end
    # The parser often ends a sentence at a quote's closing mark: `"A," / Chief Jordan said.`
    last = doc.text[doc[i1 - 1].idx - 2:doc[i1 - 1].idx + 1]
    if s1 <= i1 and s1 < len(doc) and any(c in last for c in ",—–-?!"):
        s1 = doc[s1].sent.end
    # ... or before it, after a colon: `He said: / "A."`
    if s0 == i0 and s0 > 0 and doc[s0 - 1].text == ":":
        s0 = doc[s0 - 1].sent.start
    cands = []
    for k in range(s0, s1):
        tok = doc[k]
        if in_quote[k] or not (lo <= tok.idx < hi):
            continue
        if tok.lower_ == "according":
            obj = _according_to(tok)
            if obj is not None:
                cands.append((min(abs(k - i0), abs(k - i1)), k, tok, obj))
        elif tok.lower_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            subj = _fix_relative(_subject(tok))
            if subj is None or in_quote[subj.i]:
                subj = _adjacent_subject(doc, tok, i1, in_quote)
            if subj is not None and not in_quote[subj.i]:
                cands.append((min(abs(k - i0), abs(k - i1)), k, tok, subj))
    if cands:
        _, _, tok, subj = min(cands)
        return _Attribution(tok, _cue_text(tok), subj, 2 if tok.lower_ not in _WEAK_CUES else 1)
    # 2b. A quote opening a sentence right after "..., Schiff said." in its paragraph.
    prev = _previous_cue(doc, i0, s0, in_quote, lo)
    if prev is not None:
        return prev
    # 3. The nearest governing verb with a subject outside the quote (paraphrase: "he warned of "X"").
    tok = doc[i0]
    while tok.head.i != tok.i and i0 <= tok.head.i < i1:
        tok = tok.head
    anc = tok.head if tok.head.i != tok.i else None
    depth = 0
    thing = None  # the first governing verb's subject when it is a thing ("the extract was "...""), a last resort
    while anc is not None and depth < 6:
        if anc.pos_ in ("VERB", "AUX") and not in_quote[anc.i]:
            subj = _fix_relative(_subject(anc))
            if subj is not None and not in_quote[subj.i] and subj.pos_ in ("PROPN", "PRON", "NOUN"):
                if could_speak(subj):
                    return _Attribution(anc, _cue_text(anc), subj, 0)
                thing = thing or _Attribution(anc, _cue_text(anc), subj, 0)
        if anc.head.i == anc.i:
            break
        anc = anc.head
        depth += 1
    return thing or _Attribution(None, None, None, -1)


#: Nouns for something said: their possessor said it ("Trump's claim that ...").
_SPEECH_NOUNS = frozenset("claim prediction statement remark comment promise warning assertion argument suggestion "
                          "accusation insistence pledge vow description charge allegation declaration contention "
                          "complaint plea demand admission boast characterization characterisation".split())


def _owned_speech(tok):
    """The possessor of a noun for something said ("his claim"), else None."""
    if tok.pos_ != "NOUN" or tok.lower_.rstrip("s") not in _SPEECH_NOUNS and tok.lower_ not in _SPEECH_NOUNS:
        return None
    for child in tok.children:
        if child.dep_ == "poss" and child.lower_ not in _RELATIVE and child.lower_ != "whose":
            return child
    return None


def _outer_speaker(verb, in_quote: list[bool], para: tuple[int, int]) -> _Attribution | None:
    """The next speech verb above ``verb`` in its sentence, with a subject that can speak, as an attribution."""
    lo, hi = para
    anc = verb.head if verb.head.i != verb.i else None
    depth = 0
    while anc is not None and depth < 6:
        if not in_quote[anc.i] and lo <= anc.idx < hi and anc.lower_ in SPEECH_VERBS and anc.pos_ in ("VERB", "AUX"):
            subj = _fix_relative(_subject(anc))
            if subj is not None and not in_quote[subj.i] and could_speak(subj):
                return _Attribution(anc, _cue_text(anc), subj, 3 if anc.lower_ not in _WEAK_CUES else 2)
            return None
        if anc.head.i == anc.i:
            break
        anc = anc.head
        depth += 1
    return None


def _colon_before(doc, i0: int, in_quote: list[bool], para: tuple[int, int]) -> _Attribution | None:
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
    if j < k - 1 and (j < 0 or in_quote[j] or doc[j].is_punct or doc[j].is_space or doc[j].idx < lo):
        return _Attribution(None, None, doc[k - 1], 2)  # `Clinton: "..." Bush: "..."`: a name as a label
    top = doc[k - 1]
    while top.head.i != top.i and lo <= top.head.idx and top.head.i < k and not in_quote[top.head.i]:
        top = top.head
    if top.pos_ not in ("VERB", "AUX") or in_quote[top.i]:
        return None
    subj = _fix_relative(_subject(top))
    if subj is None or in_quote[subj.i] or subj.idx < lo or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    return _Attribution(top, _cue_text(top), subj, 2)


#: How many tokens after a quote its `he said` / `said Jane Doe` cue may start.
_TRAIL = 7


#: Verbs that characterise ("called him a "bully"") - a one-word quote they govern is the speaker's word.
_CHARACTERISE = frozenset(f for lemma in ("call describe label dub term brand characterize characterise name "
                                          "liken condemn").split()
                          for f in _inflect(lemma))


_TELL = frozenset(_inflect("tell"))


def _said_word(doc, i0: int, i1: int, in_quote: list[bool]) -> bool:
    """True when a one-word quote is someone's word: the object of a speech verb ("said "never""),
    the predicate of the clause it reports ("said the plan was "unworkable""), or near a
    characterising verb ("called Clinton a "disgrace"", "described it as "unhinged"").

    A word two steps down from "said" ("adding "measures"" in a clause of its own) or
    further, and a quoted verb with the writer's words around it, stay terms held at a distance.
    """
    for k in range(i0, i1):
        tok = doc[k]
        if i0 <= tok.head.i < i1 and tok.head.i != tok.i or tok.is_punct:
            continue
        if tok.pos_ in ("VERB", "AUX"):
            return False  # a quoted verb heading the writer's clause ("would "deescalate" the situation")
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # 'a "bully" and a "narcissist"': a list shares its first item's verb
        # "said the plan was "unworkable"": the predicate of the reported clause
        predicate = tok.dep_ in ("acomp", "attr", "oprd") and tok.head.dep_ == "ccomp"
        # "blasted Clinton as a "disgrace"": the complement of "as" on the verb itself
        as_complement = tok.dep_ == "pobj" and tok.head.lower_ == "as"
        anc, depth = tok.head, 1
        while anc.i != tok.i and depth <= 2:
            if not in_quote[anc.i] and anc.lower_ in SPEECH_VERBS and anc.pos_ in ("VERB", "AUX"):
                if anc.lower_ in _TELL and tok.dep_ in ("dobj", "dative", "pobj"):
                    return False  # the addressee: told "Fox and Friends"
                return depth == 1 or anc.lower_ in _CHARACTERISE or predicate or as_complement
            if anc.head.i == anc.i:
                break
            tok, anc, depth = anc, anc.head, depth + 1
    return False


def _trailing_cue(doc, i0: int, i1: int, in_quote: list[bool], hi: int) -> _Attribution | None:
    """The cue of `"...," he said` right after the quote's closing mark, else None."""
    inner = doc.text[doc[i0].idx:doc[i1 - 1].idx + len(doc[i1 - 1].text)]
    inner = _MARK_RE.sub("", inner).rstrip()
    if inner[-1:] == ".":
        return _said_after_full_stop(doc, i1, in_quote, hi)
    if not inner or inner[-1] not in ",?!—–-":
        return None
    for k in range(i1, min(len(doc), i1 + _TRAIL)):
        tok = doc[k]
        if in_quote[k] or tok.idx >= hi:
            return None
        if (tok.lower_ in SPEECH_VERBS and tok.lower_ not in _WEAK_CUES or _goes_on(tok)) and tok.pos_ in ("VERB", "AUX"):
            if any(t.tag_ in ("WRB", "WDT") or t.dep_ == "mark" or (t.tag_ == "CC" and t.head.pos_ in ("VERB", "AUX"))
                   for t in doc[i1:k]):
                return None  # `"...," when Clinton blasted him`: a new clause, not the attribution
            subj = _fix_relative(_subject(tok))
            if subj is None or in_quote[subj.i] or subj.i < i1:
                subj = _adjacent_subject(doc, tok, i1, in_quote)
            if subj is None or in_quote[subj.i] or subj.i < i1:
                return None
            return _Attribution(tok, _cue_text(tok), subj, 3)
        if tok.is_punct and tok.text not in ",":
            break
    return _any_verb_after(doc, i1, in_quote, hi) or _appositive_cue(doc, i1, in_quote, hi)


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _after_short_subject(doc, k: int, in_quote: list[bool], hi: int) -> int | None:
    """The token after a short subject starting at ``k`` (a name of up to four words, or "he"),
    when another token follows it in the paragraph; else None."""
    j = k
    while j < len(doc) and j - k < 4 and _name_word(doc[j]) and not in_quote[j]:
        j += 1
    if j == k and k < len(doc) and doc[k].lower_ in _SUBJECT_PRONOUNS:
        j = k + 1
    if j == k or j + 1 >= len(doc) or doc[j].idx >= hi:
        return None
    return j


def _said_after_full_stop(doc, i1: int, in_quote: list[bool], hi: int) -> _Attribution | None:
    """`"... missing." Trump said.`: a full stop where the comma belongs, then only a name and a
    speech verb ending the sentence."""
    j = _after_short_subject(doc, i1, in_quote, hi)
    if j is None:
        return None
    verb, after = doc[j], doc[j + 1]
    if verb.lower_ in SPEECH_VERBS and verb.pos_ in ("VERB", "AUX") and after.text == "." and not in_quote[j]:
        return _Attribution(verb, _cue_text(verb), doc[j - 1], 3)
    return None


def _appositive_cue(doc, i1: int, in_quote: list[bool], hi: int) -> _Attribution | None:
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
        if t.lower_ in SPEECH_VERBS and t.pos_ in ("VERB", "AUX"):
            subj = _subject(t)
            if subj is not None and (subj.i == name.i or k <= subj.i < j or subj.head.i == name.i):
                return _Attribution(t, _cue_text(t), subj, 3)
            if (subj is None or subj.i < i1) and t.i > j and doc[t.i - 1].pos_ in ("PROPN", "NOUN", "NUM", "PUNCT"):
                # the parser lost the name in the appositive
                return _Attribution(t, _cue_text(t), _adjacent_subject(doc, t, i1, in_quote) or name, 3)
            return None
    return None


def _name_word(tok) -> bool:
    """A word of a name: a proper noun, or a capitalised noun the tagger took for common ("Hannity")."""
    return tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.text[:1].isupper()


def _any_verb_after(doc, i1: int, in_quote: list[bool], hi: int) -> _Attribution | None:
    """`"...," he surmised.`: any verb right after a quote's comma, with only its subject
    between, closing its clause at once, is how that subject said it."""
    k = i1
    while k < len(doc) and (doc[k].is_punct or doc[k].is_space) and not in_quote[k] and doc[k].text in ",—–-\n ":
        k += 1
    j = _after_short_subject(doc, k, in_quote, hi)
    if j is None:
        return None
    verb, after = doc[j], doc[j + 1]
    if not (verb.tag_ in ("VBD", "VBZ") or verb.tag_ == "VBN" and verb.dep_ not in ("amod", "acl")) or in_quote[j] or \
            verb.dep_ == "aux" or \
            not (after.text in (".", ",", ";") or after.lower_ == "and" or after.pos_ == "ADP" and after.lower_ != "that"):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "acomp", "attr") and c.i > verb.i for c in verb.children):
        return None
    return _Attribution(verb, _cue_text(verb), doc[j - 1], 3)


def _goes_on(tok) -> bool:
    """`"...," Trump went on`: "go on" after a quote continues speech."""
    return tok.lower_ in ("go", "goes", "went", "going") and \
        any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children)


def _previous_cue(doc, i0: int, s0: int, in_quote: list[bool], lo: int) -> _Attribution | None:
    """The speaker of a sentence-opening quote named at the end of the sentence before it.

    `..., Schiff said. "The other factor ..."`: the previous sentence (same paragraph)
    must have a speech verb as its root with nothing quoted after it.
    """
    if any(not in_quote[k] and not doc[k].is_punct and not doc[k].is_space for k in range(s0, i0)):
        return None
    if s0 == 0 or doc[s0 - 1].idx < lo:
        return None
    sent = doc[s0 - 1].sent
    root = sent.root
    if sent.start_char < lo or in_quote[root.i] or root.lower_ not in SPEECH_VERBS or root.pos_ not in ("VERB", "AUX"):
        return None
    if any(in_quote[k] for k in range(root.i + 1, sent.end)) or any(c.dep_ == "neg" for c in root.children):
        return None  # "He didn't suggest retaliation." reports no speech
    subj = _fix_relative(_subject(root))
    if subj is None or in_quote[subj.i]:
        return None
    return _Attribution(root, _cue_text(root), subj, 1)


def _relayed(doc, att: _Attribution, in_quote: list[bool], para: tuple[int, int]) -> _Attribution:
    """The source a reported speech act is relayed through: `"...," Walker said, according to an AP account`.

    The news source the writer names for the whole act ("according to ...") is the quote's
    source, as PolNeAR marks it; the person quoted stays in the quote's words.
    """
    verb = att.cue
    if verb is None or att.strength < 2 or verb.lower_ == "according":
        return att
    lo, hi = para
    sent = verb.sent
    for tok in sent:
        if tok.lower_ != "according" or in_quote[tok.i] or not lo <= tok.idx < hi:
            continue
        obj = _according_to(tok)
        if obj is not None and not in_quote[obj.i]:
            return _Attribution(tok, _cue_text(tok), obj, att.strength)
    return att


def _relative_surface(att: _Attribution, mention):
    """The words that name the speaker at the cue: "who" of "Sanders, who says ..." (the name stays Sanders).

    Used only for a named speaker: an unnamed one keeps its description ("an impersonator"),
    which a quote card shows in place of a name.
    """
    if att.cue is None or mention is None:
        return mention
    for c in att.cue.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE and att.cue.dep_ == "relcl" and \
                att.speaker is not None and att.speaker.i == att.cue.head.i:
            return Span(c.idx, c.idx + len(c.text), c.text)
    return mention


def _inner(text: str) -> str:
    """The quote's words without its marks."""
    return _MARK_RE.sub("", text).strip()


def extract_quotes(doc, mentions: tuple[Mention, ...]) -> tuple[Quote, ...]:
    """The article's quotations, each attributed to a named speaker where the text allows."""
    text = doc.text
    if not text.strip() or len(doc) == 0:
        return ()
    index = _DocIndex(doc)
    spans = find_quote_spans(text)
    paras = [p for p in _paragraphs(text)]
    para_starts = [p[0] for p in paras]
    in_quote = [False] * len(doc)
    tok_ranges = []
    for s, e in spans:
        i0, i1 = index.tokens(s, e)
        tok_ranges.append((i0, i1))
        for k in range(i0, i1):
            in_quote[k] = True
    resolver = SpeakerResolver(doc, mentions, spans)
    out = []
    prev = None  # (paragraph index, end char, speaker name, mention Span, cue, role)
    for (s, e), (i0, i1) in zip(spans, tok_ranges):
        p = bisect.bisect_right(para_starts, s) - 1
        lo, hi = paras[p]
        att = _signed(doc, text, s, e, (lo, hi), index) or _attribute(doc, i0, i1, in_quote, (lo, hi))
        att = _relayed(doc, att, in_quote, (lo, hi))
        if att.strength < 2 and s == lo and p > 0:
            lead = _colon_lead(doc, text, paras, p, index, in_quote)
            if lead is not None:
                att = lead
        words = _inner(text[s:e]).split()
        whole = _covers_sentence(doc, text, s, e, i0, i1, lo)
        speaker = mention = role = None
        cue = att.cue_text
        short = len(words) <= 1 and not _ends_clause(text, s, e)
        if short and not whole and not _said_word(doc, i0, i1, in_quote):
            # A single word with no punctuation of its own inside the marks is a term held
            # at a distance ("deescalate", "measures"), not reported speech.
            continue
        if not whole and _is_title(words) and not _said_word(doc, i0, i1, in_quote):
            continue  # a show, book or programme title ("State of the Union."), not speech or a name someone gave
        if att.strength >= 2 or (att.strength == 1 and _ends_clause(text, s, e)):
            speaker, mention, role = resolver.resolve(att.speaker, s)
            mention = _relative_surface(att, mention) if speaker is not None else mention
        elif prev is not None and p - prev[0] <= 2 and (whole or att.strength < 0) and _continues(prev, p, s, text):
            _, _, speaker, mention, cue, role = prev
        elif att.strength >= 0 and (_ends_clause(text, s, e) or len(words) >= 4):
            speaker, mention, role = resolver.resolve(att.speaker, s)
            mention = _relative_surface(att, mention) if speaker is not None else mention
        elif whole and len(words) >= 4:
            speaker = mention = role = None  # a quotation nobody is named for
            cue = None
        else:
            continue  # scare quotes, titles, quoted words
        kind = "direct" if whole else "partial"
        out.append(Quote(s, e, text[s:e], speaker, mention, cue, kind, role))
        prev = (p, e, speaker, mention, cue, role)
    return tuple(_carry_back(out, text))


def _carry_back(quotes: list[Quote], text: str) -> list[Quote]:
    """Give a cue-less paragraph of a multi-paragraph quotation the speaker named after its last part.

    News style leaves a quotation open at a paragraph's end and names the speaker
    only in a later paragraph (``"A ...`` / ``"B," she said.``).
    """
    out = list(quotes)
    for k in range(len(out) - 2, -1, -1):
        q, nxt = out[k], out[k + 1]
        if q.speaker_mention is not None or nxt.speaker_mention is None:
            continue
        unclosed = q.end == len(text) or text[q.end:q.end + 1] == "\n"
        gap = text[q.end:nxt.start]
        if unclosed and gap.strip() == "" and "\n" in gap and not _MARK_RE.fullmatch(text[q.end - 1:q.end] or "x"):
            out[k] = Quote(q.start, q.end, q.text, nxt.speaker, nxt.speaker_mention, nxt.cue, q.kind, nxt.role)
        elif q.kind == "direct" and gap.strip() == "" and "\n" in gap and _own_paragraph(text, q) and \
                nxt.speaker_mention.start > nxt.end:
            # `"A."` / `"B," Viguerie notes.`: a paragraph that is all quotation, with no cue, is
            # the words of whoever the next paragraph's quotation names after it
            out[k] = Quote(q.start, q.end, q.text, nxt.speaker, nxt.speaker_mention, nxt.cue, q.kind, nxt.role)
    return out


def _own_paragraph(text: str, q: Quote) -> bool:
    """True when the quotation is its paragraph's whole text."""
    lo = text.rfind("\n", 0, q.start) + 1
    hi = text.find("\n", q.end)
    return not text[lo:q.start].strip() and not text[q.end:len(text) if hi < 0 else hi].strip()


#: A sign-off after a quote: `"..." ― Jane Doe` (lists of readers' or voters' quotes).
#: Spaces are any but a line break: sign-offs often end in a no-break space.
_SIGNOFF_RE = re.compile(r"[^\S\n]*[―—–-]+[^\S\n]*((?:[A-Z][\w.'’-]*)(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|la|van|von|del|da|N)){0,4})[^\S\n.]*\.?[^\S\n]*(?:\n|$)")
#: A sign-off opening the next paragraph: a dash, a name, then a comma or the paragraph's end.
_SIGNOFF_NEXT_RE = re.compile(r"[^\S\n]*\n\s*[―—–-]+[^\S\n]*((?:[A-Z][\w.'’-]*)(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|la|van|von|del|da)){0,4})[^\S\n]*(?:,|\.?[^\S\n]*(?:\n|$))")
#: A sign-off ending a paragraph after a closing mark: `... money." ― Christina Lastra.`
_SIGNOFF_END_RE = re.compile(r"[”\"’'][^\S\n]*[―—][^\S\n]*((?:[A-Z][\w.'’-]*)(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|la|van|von|del|da)){0,4})[^\S\n.]*\.?[^\S\n]*$")
#: A transcript speaker label opening a quote: `"PENCE: Well, ...`.
_LABEL_RE = re.compile(r"\W{0,3}([A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,2}):\s")


def _signed(doc, text: str, s: int, e: int, para: tuple[int, int], index) -> _Attribution | None:
    """The speaker of a quote signed off with a dash and a name, or opened by a transcript label."""
    lo, hi = para
    m = _SIGNOFF_RE.match(text, e)
    if m is not None and m.end(1) <= max(hi, e) + 1 and len(text[e:m.end(1)]) < 80:
        name_end = m.end(1) - 1
        while name_end > m.start(1) and text[name_end] == ".":
            name_end -= 1  # "― Carla Sanchez." ends a sentence, not an initial
        tok = doc[index.token_at(name_end)]
        return _Attribution(None, text[e:m.start(1)].strip() or None, tok, 3)
    m = _SIGNOFF_NEXT_RE.match(text, e)
    if m is not None and e >= hi - 1:
        # the sign-off on a line of its own: `"...."` / `- Bernie Sanders.` / `-President Obama, tweeting ...`
        name_end = m.end(1) - 1
        while name_end > m.start(1) and text[name_end] == ".":
            name_end -= 1
        tok = doc[index.token_at(name_end)]
        return _Attribution(None, None, tok, 3)
    m = _SIGNOFF_END_RE.search(text, e, hi)
    if m is not None and not text[lo:s].strip():
        # readers' letters: `"A." And "B." ― Jane Roe` signs every quote of the paragraph it ends
        name_end = m.end(1) - 1
        while name_end > m.start(1) and text[name_end] == ".":
            name_end -= 1
        return _Attribution(None, None, doc[index.token_at(name_end)], 3)
    m = _LABEL_RE.match(text, s)
    if m is not None and len(m.group(1)) > 1:
        tok = doc[index.token_at(m.end(1) - 1)]
        if tok.text == ":" and tok.i > 0:
            tok = doc[tok.i - 1]
        return _Attribution(None, None, tok, 3)
    return None


def _colon_lead(doc, text, paras, p, index, in_quote) -> _Attribution | None:
    """The cue of a paragraph ending in a colon ("He said:") that introduces the quote opening paragraph p."""
    k = p - 1
    while k >= 0 and not text[paras[k][0]:paras[k][1]].strip():
        k -= 1
    if k < 0 or k < p - 2:
        return None
    plo, phi = paras[k]
    if not text[plo:phi].rstrip().endswith(":"):
        return _report_lead(doc, text, plo, phi, index, in_quote)
    last = doc[index.token_at(text[plo:phi].rstrip().rfind(":") + plo)]
    best = None
    for tok in doc[last.sent.start:last.i]:
        if tok.idx < plo or in_quote[tok.i]:
            continue
        if tok.lower_ == "according":
            obj = _according_to(tok)
            if obj is not None:
                best = _Attribution(tok, _cue_text(tok), obj, 2)
        elif tok.lower_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            subj = _fix_relative(_subject(tok))
            if subj is not None and not in_quote[subj.i]:
                best = _Attribution(tok, _cue_text(tok), subj, 2)
    if best is not None:
        return best
    # "Trump issued the following statement:": a colon hands the paragraph to the subject of
    # the clause it ends, whatever its verb; climb to that clause's top verb within the
    # paragraph, as the parser often runs the sentence on into the quote
    root = doc[max(0, last.i - 1)]
    while root.head.i != root.i and plo <= root.head.idx < phi and not in_quote[root.head.i]:
        root = root.head
    if root.pos_ in ("VERB", "AUX") and root.idx >= plo and not in_quote[root.i]:
        subj = _fix_relative(_subject(root))
        if subj is not None and not in_quote[subj.i] and subj.pos_ in ("PROPN", "PRON", "NOUN"):
            return _Attribution(root, _cue_text(root), subj, 2)
    return None


def _report_lead(doc, text, plo, phi, index, in_quote) -> _Attribution | None:
    """The speaker of a paragraph-long quote whose previous paragraph ends reporting speech with no quote of its own.

    `Carter said that ... would not happen.` / `"That's because ..."`: weaker evidence
    than a colon, so the quote's own cues and a running quotation come first.
    """
    last = doc[index.token_at(plo + len(text[plo:phi].rstrip()) - 1)]
    sent = last.sent
    root = sent.root
    if sent.start_char < plo or any(in_quote[k] for k in range(sent.start, sent.end)):
        return None
    if root.lower_ not in SPEECH_VERBS:
        # "Trump was quick to add that ...", "She went on to say ...": the speech verb under the root
        said = _speech_complement(root)
        if said is not None:
            subj = _fix_relative(_subject(root))
            if subj is not None and not in_quote[subj.i] and subj.pos_ in ("PROPN", "PRON", "NOUN"):
                return _Attribution(said, _cue_text(said), subj, 1)
    if root.lower_ not in SPEECH_VERBS or root.pos_ not in ("VERB", "AUX") or \
            (root.lower_ in _WEAK_CUES and root.lower_ not in _CONTINUE):
        return None  # "Howard continued his remarks." leads into the quote; "called it a disgrace." does not
    subj = _fix_relative(_subject(root))
    if subj is None or in_quote[subj.i] or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    return _Attribution(root, _cue_text(root), subj, 1)


def _speech_complement(root):
    """A speech verb that is the root's infinitive complement ("was quick to add", "went on to say"), else None."""
    for child in root.children:
        nxt = child
        if child.dep_ == "acomp":  # "quick" -> "to add"
            nxt = next((c for c in child.children if c.dep_ == "xcomp"), None)
        elif child.dep_ != "xcomp":
            continue
        if nxt is not None and nxt.lower_ in SPEECH_VERBS and nxt.pos_ == "VERB" and \
                (nxt.lower_ not in _WEAK_CUES or any(c.dep_ == "ccomp" for c in nxt.children)):
            return nxt  # a weak cue ("add") reports speech when a clause follows ("to add that ...")
    return None


_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from is it as de la vs".split())


def _is_title(words: list[str]) -> bool:
    """True for Title Case fragments of a few words ("Face the Nation," "Keepin' It Real")."""
    alpha = [w.strip(".,;:!?'’\"()") for w in words]
    alpha = [w for w in alpha if w and w[0].isalpha()]
    if not alpha or len(alpha) > 7 or len(alpha) < 2:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in alpha) and alpha[0][0].isupper()


def _ends_clause(text: str, s: int, e: int) -> bool:
    """True when the quote's last words end a clause inside its marks ("...talks,"): quoted speech, not a label."""
    inner = text[s:e].rstrip("\"“”'’` ")
    return bool(inner) and inner[-1] in ",.?!:;…—-"


def _covers_sentence(doc, text, s, e, i0, i1, para_start) -> bool:
    """True when the quote is a whole sentence of its own, not a fragment inside the writer's."""
    inner = _inner(text[s:e])
    if not inner or not (inner[0].isupper() or inner[0].isdigit() or inner[0] in "[(.…"):
        return False
    sent = doc[i0].sent
    before = [t for t in doc[sent.start:i0] if not t.is_punct and not t.is_space and t.idx >= para_start]
    # a quote at the start of its sentence, or after "X said:" / "X said,"
    if not before:
        return True
    prev_tok = doc[i0 - 1] if i0 > 0 else None
    # ... or after the end of the sentence before, which the parser failed to split off
    return prev_tok is not None and prev_tok.text in (":", ",", "—", "–", "-", ".", "?", "!")


def _continues(prev, p: int, s: int, text: str) -> bool:
    """True when a cue-less quote carries on the previous quote's speech (same or next paragraphs)."""
    return prev[2] is not None or prev[3] is not None
