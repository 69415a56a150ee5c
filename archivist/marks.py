"""Quote marks paired into quoted stretches, paragraph by paragraph, from the text alone.

Straight, curly (even typed the wrong way round) and doubled ``''`` marks; a damaged
mark glued between two words is dropped, so one bad mark never swallows the rest of
an article. A quotation left open at a paragraph's end runs to that end, as news
style continues it in the next paragraph.
"""

from __future__ import annotations

import re

__all__ = ["MARK_RE", "find_quote_spans", "paragraphs"]

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
        marks = [(m.start(), m.end(), _orient(text, m.start(), m.end(), lo, hi)) for m in MARK_RE.finditer(text, lo, hi)]
        marks = [m for m in marks if m[2] is not None]
        nested = _nested(marks)
        if nested is not None:
            out.extend(nested)
            continue
        start = None
        for i, j, side in marks:
            if side == "toggle":
                side = "close" if start is not None else "open"
            if side == "open":
                start = i  # an opener while open: the earlier one lost its closer
            elif start is not None:
                out.append((start, j))
                start = None
        if start is not None:
            end = hi
            while end > start and text[end - 1].isspace():
                end -= 1
            if end - start > 1:
                out.append((start, end))
    return out


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
