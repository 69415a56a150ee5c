"""``archivist actors``: the archive's actors with counts and likely duplicates, for the editor."""

from __future__ import annotations

import json
from pathlib import Path

from . import actors, content, editor as editor_file
from .annotate import annotate
from .build import CACHE_FILE
from .config import load_config


def actors_report(site_dir: Path, limit: int = 0, as_json: bool = False) -> str:
    """A table (or JSON) of actors, most mentioned first, then the likely duplicates to curate."""
    config = load_config(site_dir)
    loaded = content.load_articles(Path(site_dir) / config.content_dir, config.include_drafts)
    annotations, _ = annotate(loaded.articles, Path(site_dir) / CACHE_FILE, config.nlp.model,
                              config.nlp.batch_size, config.nlp.processes, progress=True)
    archive = actors.aggregate_actors(loaded.articles, annotations, editor_file.load_editor_file(Path(site_dir)))
    return actors.format_report(actors.duplicate_report(archive), limit=limit, as_json=as_json)
