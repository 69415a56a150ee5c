"""Direct quotations of one article and who said them.

Pure functions over a parsed spaCy ``Doc`` (this module does not import spaCy).
Three stages, each a linear pass:

1. :mod:`archivist.marks` pairs quote marks paragraph by paragraph from the text alone.
2. Each quoted stretch is attributed: a sign-off or transcript label
   (:mod:`archivist.leads`), else the cue in its own sentence
   (:mod:`archivist.attribution`), else the paragraph before (:mod:`archivist.leads`),
   else the previous quote's speaker for a quote that goes on, or the speaker the next
   paragraph's quote names. Quoted stretches that no one is said to say (scare quotes,
   titles) are dropped; short ones inside a sentence are partial quotes.
3. The speaker's words are resolved to a name with :mod:`archivist.speakers`.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from archivist.annotate.quotes.attribution import QuoteSite, attribute, said_word
from archivist.annotate.docindex import DocIndex
from archivist.annotate.quotes.cues import relative_surface, relayed
from archivist.annotate.quotes.nearby import colon_lead
from archivist.annotate.quotes.marks import MARK_RE, excerpts, find_quote_spans, paragraphs
from archivist.models import Evidence, Mention, Quote
from archivist.text.lexicon import TITLE_SMALL_WORDS
from archivist.annotate.speakers.confidence import confidence
from archivist.annotate.speakers.resolve import Resolved, SpeakerResolver

__all__ = ["extract_quotes", "find_quote_spans"]


def _inner(text: str) -> str:
    """The quote's words without its marks."""
    return MARK_RE.sub("", text).strip()


def extract_quotes(doc, mentions: tuple[Mention, ...], spans: list[tuple[int, int]]) -> tuple[Quote, ...]:
    """The article's quotations, each attributed to a named speaker where the text allows; ``spans``
    is the article's quotation spans, found once per article (:func:`find_quote_spans`)."""
    text = doc.text
    if not text.strip() or len(doc) == 0:
        return ()
    index = DocIndex(doc)
    paras = [p for p in paragraphs(text)]
    para_starts = [p[0] for p in paras]
    tok_ranges, in_quote = _quote_tokens(index, spans, len(doc))
    # the people of an excerpt of another text are the article's: a later "she said" may mean them
    quoted = excerpts(text, spans)
    resolver = SpeakerResolver(doc, mentions, [span for span in spans if span not in quoted], index)
    out = []
    prev = None  # (paragraph index, end char, speaker name, mention Span, cue, role, description, evidence)
    for (s, e), (i0, i1) in zip(spans, tok_ranges):
        p = bisect.bisect_right(para_starts, s) - 1
        lo, hi = paras[p]
        site = QuoteSite(doc, text, s, e, i0, i1, in_quote, (lo, hi), index)
        att = attribute(site)
        att = relayed(doc, att, in_quote, (lo, hi))
        if att.strength < 2 and s == lo and p > 0:
            lead = colon_lead(doc, text, paras, p, index, in_quote)
            if lead is not None:
                att = lead
        words = _inner(text[s:e]).split()
        whole = site.whole
        speaker = mention = role = description = None
        cue = att.cue_text
        kind = "direct" if whole else "partial"
        evidence = _evidence("none", None, kind)
        short = len(words) <= 1 and not _ends_clause(text, s, e)
        if short and not said_word(doc, i0, i1, in_quote):
            # A single word with no punctuation of its own inside the marks is a term held
            # at a distance ("deescalate", "measures"), not reported speech.
            continue
        if (not whole or not _ends_clause(text, s, e)) and _is_title(words) and not said_word(doc, i0, i1, in_quote):
            # a show, book or programme title ("State of the Union.", "“The Pitt” is old-fashioned"),
            # not speech or a name someone gave
            continue
        if att.strength >= 2 or (att.strength == 1 and _ends_clause(text, s, e)):
            found = resolver.resolve(att.speaker, s)
            speaker, mention, role = found.name, found.mention, found.role
            mention, description = _at_cue(att, speaker, mention)
            evidence = _evidence(att.rule, found, kind)
        elif prev is not None and p - prev[0] <= 2 and (whole or att.strength < 0) and _continues(prev, p, s, text):
            _, _, speaker, mention, cue, role, description, before = prev
            evidence = _evidence("continuation", before, kind)
        elif att.strength >= 0 and (_ends_clause(text, s, e) or len(words) >= 4):
            found = resolver.resolve(att.speaker, s)
            speaker, mention, role = found.name, found.mention, found.role
            mention, description = _at_cue(att, speaker, mention)
            evidence = _evidence(att.rule, found, kind)
        elif whole and len(words) >= 4:
            speaker = mention = role = None  # a quotation nobody is named for
            cue = None
        else:
            continue  # scare quotes, titles, quoted words
        out.append(Quote(s, e, text[s:e], speaker, mention, cue, kind, role, description, evidence))
        prev = (p, e, speaker, mention, cue, role, description, evidence)
    return tuple(_carry_back(out, text))


def _quote_tokens(index: DocIndex, spans: list[tuple[int, int]], n: int) -> tuple[list[tuple[int, int]], list[bool]]:
    """The token range [i0, i1) of each quotation span, and for each of the ``n`` tokens whether it lies in one."""
    in_quote = [False] * n
    tok_ranges = []
    for s, e in spans:
        i0, i1 = index.tokens(s, e)
        tok_ranges.append((i0, i1))
        for k in range(i0, i1):
            in_quote[k] = True
    return tok_ranges, in_quote


def _evidence(rule: str, found: Resolved | Evidence | None, kind: str) -> Evidence:
    """The evidence of a name found by ``rule`` and resolved as ``found`` says (a continuation or a
    carried-back quote keeps the resolution of the quote it goes on), with its measured confidence
    for a quote of ``kind``."""
    if found is None:
        return Evidence(rule, "none", confidence(rule, "none", kind))
    how = found.how if isinstance(found, Resolved) else found.resolution
    return Evidence(rule, how, confidence(rule, how, kind), found.antecedent)


def _at_cue(att, speaker, mention):
    """(mention, description): the words at the cue ("who" of "Sanders, who says"), and for an
    unnamed speaker the phrase that describes them ("an impersonator, who promises"), which a
    quote card shows in place of a name."""
    surface = relative_surface(att, mention)
    if speaker is None and surface is not mention and mention is not None:
        return surface, mention.text
    return surface, None


def _carry_back(quotes: list[Quote], text: str) -> list[Quote]:
    """Give a cue-less paragraph of a multi-paragraph quotation the speaker named after its last part.

    News style leaves a quotation open at a paragraph's end and names the speaker
    only in a later paragraph (``"A ...`` / ``"B," she said.``).
    """
    out = list(quotes)
    for k in range(len(out) - 2, -1, -1):
        q, nxt = out[k], out[k + 1]
        gap = text[q.end:nxt.start]
        if q.speaker_mention is not None or nxt.speaker_mention is None or gap.strip() or "\n" not in gap:
            continue
        unclosed = (q.end == len(text) or text[q.end:q.end + 1] == "\n") and \
            not MARK_RE.fullmatch(text[q.end - 1:q.end] or "x")
        # `"A."` / `"B," Viguerie notes.`: a paragraph that is all quotation, with no cue, is
        # the words of whoever the next paragraph's quotation names after it
        own = q.kind == "direct" and _own_paragraph(text, q) and nxt.speaker_mention.start > nxt.end
        if unclosed or own:
            out[k] = replace(q, speaker=nxt.speaker, speaker_mention=nxt.speaker_mention, cue=nxt.cue, role=nxt.role,
                             description=nxt.description, evidence=_evidence("carried-back", nxt.evidence, q.kind))
    return out


def _own_paragraph(text: str, q: Quote) -> bool:
    """True when the quotation is its paragraph's whole text."""
    lo = text.rfind("\n", 0, q.start) + 1
    hi = text.find("\n", q.end)
    return not text[lo:q.start].strip() and not text[q.end:len(text) if hi < 0 else hi].strip()



def _is_title(words: list[str]) -> bool:
    """True for Title Case fragments of a few words ("Face the Nation," "Keepin' It Real")."""
    alpha = [w.strip(".,;:!?'’\"()") for w in words]
    alpha = [w for w in alpha if w and w[0].isalpha()]
    if not alpha or len(alpha) > 7 or len(alpha) < 2:
        return False
    return all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in alpha) and alpha[0][0].isupper()


def _ends_clause(text: str, s: int, e: int) -> bool:
    """True when the quote's last words end a clause inside its marks ("...talks,"): quoted speech, not a label."""
    inner = text[s:e].rstrip("\"“”'’` ")
    return bool(inner) and inner[-1] in ",.?!:;…—-"


def _continues(prev, p: int, s: int, text: str) -> bool:
    """True when a cue-less quote carries on the previous quote's speech (same or next paragraphs)."""
    return prev[2] is not None or prev[3] is not None
