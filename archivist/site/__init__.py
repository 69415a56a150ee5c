"""Site stage: the ``Archive`` -> a website on disk, indexed for search.

``render`` makes every page through Jinja2 (``body`` an article's text with its links);
``write`` puts the files in place all at once; ``search`` indexes them with Pagefind.
"""
