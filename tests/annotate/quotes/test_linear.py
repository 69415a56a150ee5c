"""Annotation work grows linearly with an article's size, whatever its quote marks.

An article of 10,001 unbalanced marks took 101 s (5,000: 13 s): every quote scanned its whole
sentence, re-joined the whole text and followed a chain of "he said"s back to its start. The
work is counted, not timed: calls into archivist's own code while one parsed article is
annotated, for an article and one four times its size.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import archivist

PACKAGE = str(Path(archivist.__file__).resolve().parent)

#: Hostile layouts of quote marks, with the number of marks of the smaller article: one endless line
#: of unbalanced marks (the issue's 10,001 in the larger), quotes back to back, and "he said"s
#: that each refer to the one before (a chain that also overflowed the recursion limit).
LAYOUTS = {
    "unbalanced marks": (lambda n: " ".join('word "' for _ in range(n)), 2_501),
    "adjacent quotes": (lambda n: " ".join('"a"' for _ in range(n // 2)) + ' "', 1_001),
    "pronoun chain": (lambda n: "Jane Holloway spoke. " + " ".join('"Yes," he said.' for _ in range(n // 2)) + ' "', 1_001),
}


def _calls(nlp, text: str) -> int:
    """Function calls (and generator steps) inside the archivist package while ``text``'s parse is annotated."""
    from archivist.annotate.nlp import annotate_doc

    doc = nlp(text)
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" and frame.f_code.co_filename.startswith(PACKAGE):
            count += 1

    sys.setprofile(profile)
    try:
        annotate_doc(doc)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("layout", LAYOUTS)
def test_work_grows_linearly_with_quote_marks(nlp, layout):
    make, n = LAYOUTS[layout]
    small, large = _calls(nlp, "Title\n" + make(n)), _calls(nlp, "Title\n" + make(4 * n - 3))
    # linear work grows 4x; the quadratic scans grew it 15x
    assert large <= 6 * small, (small, large)
