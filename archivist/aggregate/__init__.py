"""Aggregate stage: every article's annotations -> the ``Archive`` of actors across the archive.

``actors`` counts and links actors; ``identity`` decides which names are one actor;
``editor`` reads ``actors.toml``; ``prune`` leaves rare actors without a page;
``duplicates`` reports likely duplicates for ``archivist actors``; ``export`` writes
annotations as JSON lines for ``archivist annotate``.
"""
