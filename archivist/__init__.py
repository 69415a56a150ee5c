"""archivist: a static-site generator for annotated news-article archives."""

__version__ = "0.1.0"
