"""Quotations of one article and the cue that attributes each.

``marks`` pairs quote marks into quoted stretches; ``cues`` holds the speech-verb lexicon
and the parse index; ``attribution`` finds the cue in a quote's own sentence; ``nearby``
reads cues outside it (sign-offs, transcript labels, the paragraph before); ``extract``
runs them in order and makes the ``Quote`` records.
"""
