"""Cues outside a quotation's sentence: sign-offs, transcript labels and the paragraph before.

`"..." ― Jane Roe` (also on the next line, or ending the paragraph), `"PENCE: ...`,
`He said:` / `"..."`, `Trump was quick to add that ...` / `"..."`.
"""

from __future__ import annotations

import re

from archivist.annotate.quotes.cues import Attribution, according_to, cue_text, fix_relative, names_rule, subject_of
from archivist.text.lexicon import CONTINUE, SOURCE_PHRASES, SPEECH_VERBS, WEAK_CUES, speech_verb

#: A signer's name: up to five capitalised words, with the particles of names between them.
_SIGNER = r"((?:[A-Z][\w.'’-]*)(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|la|van|von|del|da{extra})){{0,4}})"
#: A sign-off after a quote: `"..." ― Jane Doe` (lists of readers' or voters' quotes).
#: Spaces are any but a line break: sign-offs often end in a no-break space.
_SIGNOFF_RE = re.compile(r"[^\S\n]*[―—–-]+[^\S\n]*" + _SIGNER.format(extra="|N") + r"[^\S\n.]*\.?[^\S\n]*(?:\n|$)")
#: A sign-off opening the next paragraph: a dash, a name, then a comma or the paragraph's end.
_SIGNOFF_NEXT_RE = re.compile(r"[^\S\n]*\n\s*[―—–-]+[^\S\n]*" + _SIGNER.format(extra="")
                              + r"[^\S\n]*(?:,|\.?[^\S\n]*(?:\n|$))")
#: A sign-off ending a paragraph after a closing mark: `... money." ― Christina Lastra.`
_SIGNOFF_END_RE = re.compile(r"[”\"’'][^\S\n]*[―—][^\S\n]*" + _SIGNER.format(extra="") + r"[^\S\n.]*\.?[^\S\n]*$")
#: A transcript speaker label opening a quote: `"PENCE: Well, ...`.
_LABEL_RE = re.compile(r"\W{0,3}([A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,2}):\s")


@names_rule("sign-off")
def signed(doc, text: str, s: int, e: int, para: tuple[int, int], index) -> Attribution | None:
    """The speaker of a quote signed off with a dash and a name, or opened by a transcript label."""
    lo, hi = para
    m = _SIGNOFF_RE.match(text, e)
    if m is not None and m.end(1) <= max(hi, e) + 1 and len(text[e:m.end(1)]) < 80:
        return Attribution(None, text[e:m.start(1)].strip() or None, _signer(doc, text, m, index), 3)
    m = _SIGNOFF_NEXT_RE.match(text, e)
    if m is not None and e >= hi - 1:
        # the sign-off on a line of its own: `"...."` / `- Bernie Sanders.` / `-President Obama, tweeting ...`
        return Attribution(None, None, _signer(doc, text, m, index), 3)
    m = _SIGNOFF_END_RE.search(text, e, hi)
    if m is not None and not text[lo:s].strip():
        # readers' letters: `"A." And "B." ― Jane Roe` signs every quote of the paragraph it ends
        return Attribution(None, None, _signer(doc, text, m, index), 3)
    m = _LABEL_RE.match(text, s)
    if m is not None and len(m.group(1)) > 1:
        tok = doc[index.token_at(m.end(1) - 1)]
        if tok.text == ":" and tok.i > 0:
            tok = doc[tok.i - 1]
        return Attribution(None, None, tok, 3)
    return None


def _signer(doc, text: str, m, index):
    """The last token of the name a sign-off match captured; "― Carla Sanchez." ends a sentence, not an initial."""
    name_end = m.end(1) - 1
    while name_end > m.start(1) and text[name_end] == ".":
        name_end -= 1
    return doc[index.token_at(name_end)]


@names_rule("colon-lead")
def colon_lead(doc, text, paras, p, index, in_quote) -> Attribution | None:
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
        if tok.lower_ in SOURCE_PHRASES:
            obj = according_to(tok)
            if obj is not None:
                best = Attribution(tok, cue_text(tok), obj, 2, "according-to")
        elif speech_verb(tok):
            subj = fix_relative(subject_of(tok))
            if subj is not None and not in_quote[subj.i]:
                best = Attribution(tok, cue_text(tok), subj, 2)
    if best is not None:
        return best
    # "Trump issued the following statement:": a colon hands the paragraph to the subject of
    # the clause it ends, whatever its verb; climb to that clause's top verb within the
    # paragraph, as the parser often runs the sentence on into the quote
    root = doc[max(0, last.i - 1)]
    while root.head.i != root.i and plo <= root.head.idx < phi and not in_quote[root.head.i]:
        root = root.head
    if root.pos_ in ("VERB", "AUX") and root.idx >= plo and not in_quote[root.i]:
        subj = fix_relative(subject_of(root))
        if subj is not None and not in_quote[subj.i] and subj.pos_ in ("PROPN", "PRON", "NOUN"):
            return Attribution(root, cue_text(root), subj, 2)
    return None


@names_rule("paragraph-before")
def _report_lead(doc, text, plo, phi, index, in_quote) -> Attribution | None:
    """The speaker of a paragraph-long quote whose previous paragraph ends reporting speech with no quote of its own.

    `Carter said that ... would not happen.` / `"That's because ..."`: weaker evidence
    than a colon, so the quote's own cues and a running quotation come first.
    """
    last = doc[index.token_at(plo + len(text[plo:phi].rstrip()) - 1)]
    sent = last.sent
    root = sent.root
    if sent.start_char < plo or sum(in_quote[k] and not doc[k].is_punct for k in range(sent.start, sent.end)) > 1:
        return None  # the sentence quotes words of its own (one quoted term, `the "mongrel" attack`, does not)
    if root.lower_ not in SPEECH_VERBS:
        # "If anything, Ash argued, the incident is ...": a speech verb set in the sentence as an aside
        aside = next((c for c in root.children if (c.dep_ == "parataxis" or c.dep_ == "ccomp" and c.i < root.i) and
                      c.lower_ in SPEECH_VERBS and c.pos_ == "VERB" and c.lower_ not in WEAK_CUES), None)
        if aside is not None:
            subj = fix_relative(subject_of(aside))
            if subj is not None and not in_quote[subj.i] and subj.pos_ in ("PROPN", "PRON"):
                return Attribution(aside, cue_text(aside), subj, 1)
        # "Trump was quick to add that ...", "She went on to say ...": the speech verb under the root
        said = _speech_complement(root)
        if said is not None:
            subj = fix_relative(subject_of(root))
            if subj is not None and not in_quote[subj.i] and subj.pos_ in ("PROPN", "PRON", "NOUN"):
                return Attribution(said, cue_text(said), subj, 1)
    if root.lower_ not in SPEECH_VERBS or root.pos_ not in ("VERB", "AUX") or \
            (root.lower_ in WEAK_CUES and root.lower_ not in CONTINUE):
        return None  # "Howard continued his remarks." leads into the quote; "called it a disgrace." does not
    subj = fix_relative(subject_of(root))
    if subj is None or in_quote[subj.i] or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    return Attribution(root, cue_text(root), subj, 1)


def _speech_complement(root):
    """A speech verb that is the root's infinitive complement ("was quick to add", "went on to say"), else None."""
    for child in root.children:
        nxt = child
        if child.dep_ == "acomp":  # "quick" -> "to add"
            nxt = next((c for c in child.children if c.dep_ == "xcomp"), None)
        elif child.dep_ != "xcomp":
            continue
        if nxt is not None and nxt.lower_ in SPEECH_VERBS and nxt.pos_ == "VERB" and \
                (nxt.lower_ not in WEAK_CUES or any(c.dep_ == "ccomp" for c in nxt.children)):
            return nxt  # a weak cue ("add") reports speech when a clause follows ("to add that ...")
    return None
