"""The annotations of the example archive (``content/``), kept in ``tests/golden/annotations.jsonl``
so that every change to the NLP shows its diff in review. Regenerate with

    ARCHIVIST_UPDATE_GOLDEN=1 .venv/bin/pytest tests/annotate/test_golden.py

They come from the example site's build (``example_site``), read back from its cache: no NLP
of their own. The raw annotations, before a site withholds anything (``annotate.shown``).
"""

from __future__ import annotations

import json
import os

from conftest import GOLDEN

UPDATE = os.environ.get("ARCHIVIST_UPDATE_GOLDEN") == "1"
PATH = GOLDEN / "annotations.jsonl"


def _annotations(site) -> str:
    from archivist.build import annotate_site
    from archivist.config import load_config
    from archivist.load.articles import load_articles

    config = load_config(site)
    loaded = load_articles(site / config.content_dir, config.include_drafts, config.outlets, config.allow_html,
                           site_dir=site)
    annotations, stats = annotate_site(site, config, loaded.articles, progress=False)
    assert stats.annotated == 0  # all from the build's cache
    lines = [json.dumps({"id": a.id, **annotations[a.id].to_json()}, ensure_ascii=False, sort_keys=True)
             for a in sorted(loaded.articles, key=lambda a: a.id)]
    return "\n".join(lines) + "\n"


def test_example_annotations_are_the_golden_ones(example_site):
    site, _, _ = example_site
    got = _annotations(site)
    if UPDATE or not PATH.exists():
        PATH.write_text(got, encoding="utf-8")
    want = PATH.read_text(encoding="utf-8")
    if got != want:
        changed = [g.split('"id": ')[1][:40] for g, w in zip(got.splitlines(), want.splitlines()) if g != w]
        raise AssertionError(f"annotations differ from {PATH.name} in {len(changed)} article(s) {changed[:5]}: "
                             "review the change, then run with ARCHIVIST_UPDATE_GOLDEN=1")
