"""Quote marks paired into quoted stretches, paragraph by paragraph, from the text alone.

Straight, curly (even typed the wrong way round) and doubled ``''`` marks; a damaged
mark glued between two words is dropped, so one bad mark never swallows the rest of
an article. A quotation left open at a paragraph's end runs to that end, as news
style continues it in the next paragraph; one reopened after a sentence's end inside
a line (paragraphs run together: `... value. "Copyright ...`) ends there; and an
unclosed one stops before its own reporting clause (`“It depends, right? he said.`).
"""

from __future__ import annotations

import bisect
import re

from archivist.text.lexicon import CLOSING_CUES, COMPLEMENT_OPENERS, FIRST_SECOND_PERSON, QUOTE_CLAUSE_OPENERS, SPEECH_VERBS

__all__ = ["MARK_RE", "excerpts", "find_quote_spans", "paragraphs", "within"]

#: Double quote marks; ``''``, ``````, ``‘‘``, ``’’`` are the doubled-apostrophe styles (NYT, LaTeX).
MARK_RE = re.compile(r"''|``|‘‘|’’|[\"“”„]")
_OPENERS = frozenset(("“", "``", "‘‘", "„"))
_CLOSERS = frozenset(("”", "’’"))
#: Characters after which a mark opens (besides spaces): brackets, dashes, colons.
_OPEN_BEFORE = frozenset("([{—–-:/")
#: Characters before which a mark closes (besides spaces): punctuation, brackets, dashes.
_CLOSE_AFTER = frozenset(".,;:!?)]}—–-…")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every line of ``text``."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def within(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when offset ``pos`` lies inside one of ``spans`` (in order, not overlapping, as
    :func:`find_quote_spans` gives them): a search, not a scan, as every mention asks it."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


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
    for lo, hi in paragraphs(text):
        marks = _marks(text, lo, hi)
        marks = _inner_pairs_dropped(marks, text)
        nested = _nested(marks)
        if nested is not None:
            out.extend(nested)
            continue
        start = start_end = None
        for i, j, side in marks:
            if side == "toggle":
                side = "close" if start is not None else "open"
            if side == "open":
                if start is not None and _sentence_end(text, start_end, i):
                    # `value. "Copyright ...`: paragraphs run together, each opened
                    # again; the earlier quotation ran to its last sentence.
                    _close_open(out, text, start, i)
                start, start_end = i, j  # else the earlier opener lost its closer
            elif start is not None:
                out.append((start, j))
                start = None
        if start is not None:
            _close_open(out, text, start, hi)
    return out


def _marks(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, side) of the readable quote marks of paragraph [lo, hi)."""
    marks = [(m.start(), m.end(), _orient(text, m.start(), m.end(), lo, hi)) for m in MARK_RE.finditer(text, lo, hi)]
    return [m for m in marks if m[2] is not None]


def excerpts(text: str, spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The quotations of ``spans`` (as :func:`find_quote_spans` gives them) that are excerpts of
    another text the article quotes (`McCrummen reports:` / `"The first time she had seen him ...
    what she called a “rant,” ...`): reported prose whose people are the article's people, so a
    later "she said" may refer back to them, where someone's speech names them only as words."""
    out, open_before = set(), False
    for lo, hi in paragraphs(text):
        if not text[lo:hi].strip():
            continue
        marks = _marks(text, lo, hi)
        excerpt = _excerpt(text, lo, hi, marks, open_before)
        if excerpt:
            out.update(span for span in spans if lo <= span[0] < hi)
        # closed at the paragraph's end, it goes on no further
        open_before = excerpt and sum(text[i:j] == '"' for i, j, _ in marks) == 1
    return out


#: Where a passage's sentences end, for :func:`_excerpt` (no parse: the marks come before the model).
_SENTENCE_END_RE = re.compile(r"(?<=[.?!…])[”\"’]?\s+(?=[“\"‘(A-Z0-9])")
_WORD_RE = re.compile(r"[A-Za-z]+")


def _excerpt(text: str, lo: int, hi: int, marks: list[tuple[int, int, str]], open_before: bool) -> bool:
    """True when paragraph [lo, hi) is (part of) an excerpt of another text the article quotes: a
    straight-mark quotation opening the paragraph and left open or closed at its end, whose own
    words are reported prose (two sentences or more, no "I", "we" or "you" outside the curly-marked
    quotations inside it) with a speech verb beside such an inner quotation (`McCrummen reports:` /
    `"... after what she called a “rant,” ...`), or that goes on an excerpt the paragraph before
    left open (news style reopens a running quotation at every paragraph)."""
    straight = [m for m in marks if text[m[0]:m[1]] == '"']
    if not straight or text[lo:straight[0][0]].strip() or straight[0][2] == "close":
        return False
    if len(straight) > 2 or len(straight) == 2 and text[straight[1][1]:hi].strip():
        return False  # a straight quotation closed inside the paragraph: an ordinary quotation
    if open_before:
        return True
    inner = _curly_pairs([m for m in marks if text[m[0]:m[1]] != '"'])
    if not inner:
        return False
    own, last = [], straight[0][1]
    for i, j in inner:
        own.append(text[last:i])
        last = j
    own.append(text[last:straight[1][0] if len(straight) == 2 else hi])
    words = [w.lower() for w in _WORD_RE.findall(" ".join(own))]
    if any(w in FIRST_SECOND_PERSON for w in words) or not any(_SENTENCE_END_RE.search(part) for part in own):
        return False  # someone speaking, or one sentence: too little to tell a text from someone's words
    body = text[straight[0][1]:hi]
    bounds = [straight[0][1]] + [m.end() + straight[0][1] for m in _SENTENCE_END_RE.finditer(body)] + [hi]
    for i, j in inner:
        k = bisect.bisect_right(bounds, i) - 1
        a, b = bounds[k], bounds[min(k + 1, len(bounds) - 1)]
        beside = [w.lower() for w in _WORD_RE.findall(_outside(text, a, b, inner))]
        if any(w in SPEECH_VERBS for w in beside):
            return True
    return False


def _curly_pairs(marks: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(start, end) of the pairs a paragraph's curly ``marks`` make (`“...”`), in order."""
    out, start = [], None
    for i, j, side in marks:
        if start is None and side in ("open", "toggle"):
            start = i
        elif start is not None and side in ("close", "toggle"):
            out.append((start, j))
            start = None
    return out


def _outside(text: str, a: int, b: int, pairs: list[tuple[int, int]]) -> str:
    """text[a:b] without the stretches of ``pairs``."""
    keep, pos = [], a
    for i, j in pairs:
        if j <= a or i >= b:
            continue
        keep.append(text[pos:max(pos, i)])
        pos = max(pos, j)
    keep.append(text[pos:b])
    return " ".join(keep)


def _inner_pairs_dropped(marks: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """The marks without a curly pair (`“...”`) inside a straight quotation left open (`"It isn’t
    about “Equal Justice Under Law” anymore. ...`): a quotation in a quotation, typed in the other
    style, that would otherwise end the outer one."""
    out, k = [], 0
    while k < len(marks):
        out.append(marks[k])
        if text[marks[k][0]:marks[k][1]] == '"' and marks[k][2] in ("open", "toggle") and \
                k + 1 < len(marks) and marks[k + 1][0] - marks[k][1] > 1:  # not `"“We will win,” Rubio ..."`
            j = k + 1
            while j + 1 < len(marks) and text[marks[j][0]:marks[j][1]] == "“" and \
                    text[marks[j + 1][0]:marks[j + 1][1]] == "”":
                j += 2  # skip the inner “...” pair(s)
            if j > k + 1 and (j == len(marks) or text[marks[j][0]:marks[j][1]] == '"'):
                k = j
                continue
        k += 1
    return out


def _sentence_end(text: str, start_end: int, i: int) -> bool:
    """Whether an open quotation, its opener ending at ``start_end``, runs from a word up to
    the end of a sentence before a new opener at ``i`` (`"One thing. "Another`), not to a
    word (`the so-called "`) or from a stray mark (`win “ she said. “`)."""
    inside = text[start_end:i]
    return (len(inside.strip()) > 1 and not inside[0].isspace() and inside.rstrip()[-1] in ".?!…"
            and inside[-1].isspace())


def _close_open(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append the quotation opened at ``start`` and never closed, ending at ``end`` less spaces,
    or before the reporting clause its lost closer should have shut out."""
    while end > start and text[end - 1].isspace():
        end -= 1
    end = _before_cue(text, start, end)
    if end - start > 1:
        out.append((start, end))


def _sentence_final(word: str) -> bool:
    """Whether a word ends a sentence, not an abbreviation (`Mr.`, `Inc.`, `U.S.`)."""
    return word.endswith(("?", "!")) or (word.endswith(".") and len(word) > 4 and "." not in word[:-1])


def _before_cue(text: str, start: int, end: int) -> int:
    """``end``, or the end of the quoted words when an unclosed quotation's last sentence
    ends with its own reporting clause, the closer lost before it (`“We will win, he said.`,
    `"It's bad, said David Wyss of Data Resources Inc.`)."""
    for m in re.finditer(r"[,?!…](?=\s)", text[start:end]):
        cut = start + m.end()
        words = text[cut:end].split()
        if (not 1 < len(words) <= 16 or any(_sentence_final(w) for w in words[:-1])
                or any(w[0] in "'‘\"" for w in words)):
            continue  # not a short last clause, another sentence follows, or a quotation inside
        verb = next((k for k, w in enumerate(words[:7]) if w.lower().strip(".") in CLOSING_CUES), None)
        if verb is None:
            continue
        subject = [re.sub("[’']s$", "", w) for w in words[:verb]]
        if (any(c in w for w in subject for c in ",.?!'‘’\"")
                or (subject and re.split("[’']", subject[0].lower())[0] in QUOTE_CLAUSE_OPENERS)
                or (verb + 1 < len(words) and words[verb + 1].lower().strip(",.") in COMPLEMENT_OPENERS)):
            continue  # the quotation's own words (`as I said,`, `people said 'you are'`, `said it would`)
        return cut
    return end


def _nested(marks: list[tuple[int, int, str]]) -> list[tuple[int, int]] | None:
    """The outermost spans of a paragraph whose marks all pair up with one quotation inside
    another (`“I’d rather live in what he calls “hell” than ...”`); None when the paragraph
    has no nesting or its marks do not balance, which the flat pairing handles."""
    stack, spans, deep = [], [], False
    last_open = None
    for i, j, side in marks:
        if side == "toggle":
            side = "close" if stack else "open"
        if side == "open":
            if stack and i - last_open <= 1:
                return None  # `"“A,” Rubio responded."`: marks around a quoted passage, not a quotation in one
            stack.append(i)
            deep = deep or len(stack) > 1
            last_open = j
        elif not stack:
            return None
        else:
            start = stack.pop()
            if not stack:
                spans.append((start, j))
    return spans if deep and not stack else None
