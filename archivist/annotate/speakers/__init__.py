"""A cue's words to a speaker's name: ``resolve`` for names and roles, ``pronouns`` for a
pronoun's person, ``descriptions`` for a description's actor or a document's maker."""
