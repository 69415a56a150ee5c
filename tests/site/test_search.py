"""Tests for archivist.search: the real Pagefind binary over a small rendered site.

The sample archive from test_render.py is rendered, written to a temporary
folder and indexed; the checks read the bundle Pagefind wrote (its fragments are
gzip-compressed JSON records, one per indexed page).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import sample_config, write_site

from archivist.site.search import index_search


def fragments(bundle: Path) -> dict[str, dict]:
    """Pagefind's page records by URL."""
    records = {}
    for f in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(f.read_bytes())
        record = json.loads(data[data.index(b"{"):])  # after Pagefind's signature bytes
        records[record["url"]] = record
    return records


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    out = write_site(tmp_path_factory.mktemp("site"))
    return out, index_search(out, sample_config())


def test_bundle_written(indexed):
    out, stats = indexed
    bundle = out / "pagefind"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    assert any((bundle / "index").iterdir()) and any((bundle / "filter").iterdir())
    assert stats["enabled"] and stats["files"] > 10 and stats["bytes"] > 0
    assert stats["indexed"] == stats["pages"]


def test_only_articles_and_actors_indexed(indexed):
    out, stats = indexed
    records = fragments(out / "pagefind")
    assert sorted(records) == ["/actors/jane-doe/", "/actors/john-smith/", "/actors/port-authority/",
                               "/actors/springfield/", "/articles/budget/", "/articles/harbour/", "/articles/xss/"]
    assert stats["pages"] == 7


def test_filters_and_meta(indexed):
    out, _ = indexed
    records = fragments(out / "pagefind")
    budget = records["/articles/budget/"]
    assert budget["filters"] == {"actor": ["Jane Doe", "John Smith", "Port Authority", "Springfield"],
                                 "outlet": ["Example Times"], "type": ["article"], "year": ["2024"]}
    assert budget["meta"]["title"] == "Council approves the budget" and budget["meta"]["date"] == "2024-03-05"
    assert "library open" in budget["content"]
    # Quote cards and the actor list repeat the text: left out of excerpts, their filters kept.
    assert "Who and where" not in budget["content"] and "In context" not in budget["content"]
    assert records["/actors/port-authority/"]["filters"] == {"actor": ["Port Authority"], "kind": ["organisation"],
                                                            "type": ["actor"]}
    # The actor page's list of articles is left out of its searchable text.
    assert "Harbour reopens" not in records["/actors/springfield/"]["content"]


def test_reindex_replaces_bundle(indexed, tmp_path):
    out = write_site(tmp_path)
    index_search(out, sample_config())
    (out / "pagefind" / "fragment" / "stale.pf_fragment").write_bytes(b"x")
    index_search(out, sample_config())
    assert not (out / "pagefind" / "fragment" / "stale.pf_fragment").exists()


def test_disabled(tmp_path):
    out = write_site(tmp_path, search={"enabled": False})
    assert index_search(out, sample_config(search={"enabled": False}))["enabled"] is False
    assert not (out / "pagefind").exists()


def test_the_bundle_is_the_same_bytes_every_time(tmp_path):
    """Pagefind writes filter values in hash-map order; make_deterministic sorts them."""
    import hashlib

    digests = []
    for name in ("one", "two"):
        out = write_site(tmp_path / name)
        index_search(out, sample_config())
        digests.append({p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                        for p in sorted((out / "pagefind").rglob("*")) if p.is_file()})
    assert digests[0] == digests[1]
