"""Pure helpers over words and strings that every stage may use: ``names`` (titles,
surnames, acronyms), ``lexicon`` (the words speakers are read by), ``slug`` (the one slug
function) and ``web`` (hosts as outlets are keyed). No I/O, no model."""
