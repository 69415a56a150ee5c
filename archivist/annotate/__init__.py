"""Annotate stage: each article's text -> an ``Annotation`` (mentions and quotes), through spaCy.

``pipeline`` batches articles, runs them in processes and keeps them in ``cache``;
``model`` finds the spaCy model without importing spaCy; ``nlp`` is the one module that
imports spaCy. What the model's parse is read for lives in three subpackages:
``entities`` (named mentions resolved within an article), ``quotes`` (quote marks, cues and
attribution) and ``speakers`` (a cue's words to a speaker's name).
"""
