"""A cue's words to a speaker's name: ``resolve`` composes ``article`` (one article's mentions,
names and quotations by offset), ``pronouns`` for a pronoun's person and ``descriptions`` for a
description's actor or a document's maker; ``confidence`` and ``calibration`` say how sure a name is."""
