"""Load stage: article files (plain text, Markdown with TOML or YAML front matter) -> ``Article`` records.

``articles`` reads and validates the files (a bad one becomes a ``Problem`` naming its file
and line, never an exception); ``markdown`` parses a Markdown body once into its text and
its HTML skeleton.
"""
