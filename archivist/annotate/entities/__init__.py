"""Named entities of one article: spaCy's NER, relabelled by the article's evidence and
resolved within the article ("Putin" -> "Vladimir Putin"). ``mentions`` makes the
``Mention`` records; ``relabel`` corrects the labels a small model gets wrong."""
