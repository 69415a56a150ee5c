"""Tests for archivist.site.search: the real Pagefind binary over a small rendered site.

The sample archive from test_render.py is rendered, written to a temporary
folder and indexed; the checks read the bundle Pagefind wrote (its fragments are
gzip-compressed JSON records, one per indexed page or quote).
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from markupsafe import escape
from conftest import XSS, ROOT, sample_archive, sample_body, sample_config, write_site

from archivist.site.render import default_theme_dir, render_site
from archivist.site.search import IndexedPage, ScanHint, bundle_digest, index_search, plan_shards, scan_pages
from archivist.site.sizes import file_sizes

#: What issue 11 found running in the search page: an outlet or actor name with an event handler.
PAYLOAD = "<img src=x onerror=alert(document.domain)>"


def _esc(text: str) -> str:
    return str(escape(text))


def shards(bundle: Path) -> list[Path]:
    """The bundle's shard folders, in the order ``shards.json`` lists them."""
    return [bundle / name for name in json.loads((bundle / "shards.json").read_text())["shards"]]


def fragments(bundle: Path) -> dict[str, dict]:
    """Pagefind's records by URL, over every shard."""
    records = {}
    for f in sorted(f for shard in shards(bundle) for f in (shard / "fragment").iterdir()):
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
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-highlight.js", "shards.json"):
        assert (bundle / name).is_file(), name
    [shard] = shards(bundle)  # 7 pages: one shard
    for name in ("pagefind-entry.json", "pagefind-worker.js", "wasm.en.pagefind"):
        assert (shard / name).is_file(), name
    assert any((shard / "index").iterdir()) and any((shard / "filter").iterdir())
    assert stats["enabled"] and stats["files"] > 10 and stats["bytes"] > 0
    assert stats["indexed"] == 7 and stats["quotes"] == 3 and stats["pages"] == 10
    assert stats["shards"] == 1 and stats["built"] == 1


def test_articles_actors_and_quotes_indexed(indexed):
    out, _ = indexed
    records = fragments(out / "pagefind")
    pages = sorted(u for u in records if "#" not in u)
    assert pages == ["/actors/jane-doe/", "/actors/john-smith/", "/actors/port-authority/",
                     "/actors/springfield/", "/articles/budget/", "/articles/harbour/", "/articles/xss/"]
    quotes = sorted(u for u in records if "#" in u)
    assert [u.split("#")[0] for u in quotes] == ["/articles/budget/", "/articles/budget/", "/articles/xss/"]
    # Each quote record links to an anchor its article page has.
    for url in quotes:
        page, anchor = url.split("#")
        assert f'id="{anchor}"' in (out / page.strip("/") / "index.html").read_text(encoding="utf-8")


def test_filters_meta_and_sort_keys(indexed):
    out, _ = indexed
    records = fragments(out / "pagefind")
    budget = records["/articles/budget/"]
    assert budget["filters"] == {"mentions": ["Jane Doe", "John Smith", "Port Authority", "Springfield"],
                                 "outlet": ["Example Times"], "speaker": ["Jane Doe"], "type": ["article"],
                                 "year": ["2024"]}
    assert budget["meta"] == {"title": "Council approves the budget", "date": "2024-03-05",
                              "outlet": "Example Times"}
    assert "library open" in budget["content"]
    # Quote cards and the actor list repeat the text: left out of excerpts, their filters kept.
    assert "Who and where" not in budget["content"] and "In context" not in budget["content"]
    assert records["/actors/port-authority/"]["filters"] == {"kind": ["organisation"], "mentions": ["Port Authority"],
                                                            "type": ["actor"]}
    assert records["/actors/jane-doe/"]["filters"]["speaker"] == ["Jane Doe"]
    # The actor page's list of articles is left out of its searchable text.
    assert "Harbour reopens" not in records["/actors/springfield/"]["content"]
    quote = next(r for u, r in records.items() if u.startswith("/articles/budget/#q-this-budget"))
    assert quote["filters"] == {"outlet": ["Example Times"], "speaker": ["Jane Doe"], "type": ["quote"],
                                "year": ["2024"]}
    assert quote["meta"]["speaker"] == "Jane Doe" and quote["meta"]["role"] == "Mayor"
    assert quote["content"].startswith("Jane Doe, Mayor: This budget keeps every library open")
    unnamed = next(r for u, r in records.items() if "#q-nothing-has-been" in u)
    assert "speaker" not in unnamed["filters"] and unnamed["meta"]["speaker"] == "A senior official"


def test_every_record_sorts_by_date(indexed):
    """Pagefind drops records without the sort key from a sorted search: actors carry one too."""
    out, _ = indexed
    meta = gzip.decompress(next(shards(out / "pagefind")[0].glob("pagefind.*.pf_meta")).read_bytes())
    import cbor2

    sorts = cbor2.loads(meta[len(b"pagefind_dcd"):])[4]  # [[sort name, [page numbers]]]
    assert [name for name, _ in sorts] == ["date"] and len(sorts[0][1]) == 10


def hostile_site(out: Path) -> Path:
    """The sample site with script in an outlet, an actor's name, a title, a quote and an [outlets] value."""
    archive = sample_archive()
    budget, xss, harbour = archive.articles
    jane = archive.actors[0]
    hostile_jane = dataclasses.replace(jane, name=f"Jane {PAYLOAD}")
    annotations = dict(archive.annotations)
    archive = dataclasses.replace(
        archive, articles=(dataclasses.replace(budget, outlet=PAYLOAD, title=f"Budget {XSS}"), xss,
                           dataclasses.replace(harbour, outlet=f'{PAYLOAD}"\'&amp;')),
        actors=(hostile_jane, *archive.actors[1:]), annotations=annotations)
    config = sample_config()
    for path, data in render_site(archive, config, [default_theme_dir()], sample_body(archive, config)).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    index_search(out, config)
    return out


def test_hostile_values_are_stored_escaped(tmp_path):
    """Pagefind's UI shows filter values and meta as HTML: each is stored escaped, never as markup."""
    records = fragments(hostile_site(tmp_path) / "pagefind")
    values = [v for r in records.values() for vs in r["filters"].values() for v in vs]
    values += [v for r in records.values() for v in r["meta"].values()]
    assert values and not [v for v in values if "<" in v or ">" in v or '"' in v]
    budget = records["/articles/budget/"]
    assert budget["filters"]["outlet"] == [_esc(PAYLOAD)]
    assert _esc(f"Jane {PAYLOAD}") in budget["filters"]["mentions"]
    assert budget["meta"]["title"] == _esc(f"Budget {XSS}")
    assert records["/articles/harbour/"]["filters"]["outlet"] == [_esc(f'{PAYLOAD}"\'&amp;')]
    quote = next(r for u, r in records.items() if "#q-this-budget" in u)
    assert quote["filters"]["speaker"] == [_esc(f"Jane {PAYLOAD}")]
    assert quote["meta"]["article"] == _esc(f"Budget {XSS}")


def test_reindex_removes_what_no_shard_holds(tmp_path):
    """A shard no page is in any more goes, and so do the files of the single bundle of old."""
    out = write_site(tmp_path)
    bundle = out / "pagefind"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "fragment" / "stale.pf_fragment").write_bytes(b"x")
    (bundle / "pagefind-entry.json").write_bytes(b"{}")
    (bundle / "0123456789abcdef0123").mkdir()
    index_search(out, sample_config())
    assert not (bundle / "fragment").exists() and not (bundle / "pagefind-entry.json").exists()
    assert sorted(p.name for p in bundle.iterdir() if p.is_dir()) == [shards(bundle)[0].name]


def test_only_changed_shards_are_indexed_again(tmp_path):
    """Three shards; a page of one changes: that shard alone is indexed again, and the bundle is the
    one an index from scratch gives (the same folder names and bytes)."""
    small = {"shard_pages": 2, "shard_max": 3}
    out = write_site(tmp_path / "a")
    first = index_search(out, sample_config(), **small)
    assert first["shards"] == 3 and first["built"] == 3
    before = {p.name: bundle_digest(p) for p in shards(out / "pagefind")}
    assert index_search(out, sample_config(), **small)["built"] == 0  # nothing changed
    page = out / "articles" / "harbour" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("reopened", "reopened again"), encoding="utf-8")
    again = index_search(out, sample_config(), **small)
    assert again["built"] == 1 and again["indexed"] == 3  # harbour, xss and jane-doe: one shard
    after = {p.name: bundle_digest(p) for p in shards(out / "pagefind")}
    assert len(set(after) - set(before)) == 1 and len(set(before) - set(after)) == 1
    assert "reopened again" in fragments(out / "pagefind")["/articles/harbour/"]["content"]
    fresh = tmp_path / "b"
    shutil.copytree(out, fresh, ignore=shutil.ignore_patterns("pagefind"))
    index_search(fresh, sample_config(), **small)
    assert bundle_digest(fresh / "pagefind") == bundle_digest(out / "pagefind")


def test_a_shard_indexed_again_links_the_files_its_last_version_holds_the_same(tmp_path):
    """After one page of a shard changes, the new shard's files that the old one holds byte for byte
    (the other pages' fragments) are the old files, linked; what changed is written anew."""
    small = {"shard_pages": 2, "shard_max": 3}
    out = write_site(tmp_path / "a")
    index_search(out, sample_config(), **small)
    old = {p.name: p for p in shards(out / "pagefind")}
    inodes = {(name, str(f.relative_to(p))): f.stat().st_ino for name, p in old.items()
              for f in p.rglob("*") if f.is_file()}
    page = out / "articles" / "harbour" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("reopened", "reopened again"), encoding="utf-8")
    assert index_search(out, sample_config(), **small)["built"] == 1
    [new] = [p for p in shards(out / "pagefind") if p.name not in old]
    [replaced] = set(old) - {p.name for p in shards(out / "pagefind")}
    files = {str(f.relative_to(new)): f for f in new.rglob("*") if f.is_file()}
    linked = {rel for rel, f in files.items() if f.stat().st_ino == inodes.get((replaced, rel))}
    fragments_now = {rel for rel in files if rel.startswith("fragment/")}
    assert len(fragments_now & linked) == len(fragments_now) - 1  # harbour's fragment alone is new
    assert "pagefind-entry.json" not in linked


def test_the_bundle_sizes_are_a_walk_s_with_kept_shards_not_walked(tmp_path):
    """index_search's sizes are file_sizes of the bundle, first and after an edit; a kept shard's come from
    the sizes kept beside the scan memo (proof: a changed entry there is what is reported)."""
    small = {"shard_pages": 2, "shard_max": 3}
    out = write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "scan.json"
    first = index_search(out, sample_config(), scan_cache=cache, **small)
    assert first["sizes"] == file_sizes(out / "pagefind")
    kept = tmp_path / "cache" / "scan.shards.json"
    data = json.loads(kept.read_text())
    assert set(data["shards"]) == {p.name for p in shards(out / "pagefind")}
    page = out / "articles" / "harbour" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("reopened", "reopened again"), encoding="utf-8")
    again = index_search(out, sample_config(), scan_cache=cache, **small)
    assert again["built"] == 1 and again["sizes"] == file_sizes(out / "pagefind")
    data = json.loads(kept.read_text())
    assert set(data["shards"]) == {p.name for p in shards(out / "pagefind")}
    name = sorted(data["shards"])[0]
    data["shards"][name]["pagefind-entry.json"] = 1
    kept.write_text(json.dumps(data))
    assert index_search(out, sample_config(), scan_cache=cache, **small)["sizes"][f"{name}/pagefind-entry.json"] == 1


def test_shards_follow_the_date_order():
    """Shards cut the (date, URL) order at pages whose URL hashes to 0 (or at the largest size): an
    added page changes only the shard it falls in, and every shard's dates follow the one before."""
    pages = [IndexedPage(f"articles/a{i}/index.html", f"/articles/a{i}/", f"20{10 + i % 13:02d}-01-01", "d")
             for i in range(300)]
    cut = plan_shards(pages, 10, 40)
    assert sum(len(s) for s in cut) == 300 and max(len(s) for s in cut) <= 40 and len(cut) > 10
    for a, b in zip(cut, cut[1:]):
        assert max(p.date for p in a) <= min(p.date for p in b)
    added = IndexedPage("articles/new/index.html", "/articles/new/", "2015-06-01", "d")
    recut = plan_shards([*pages, added], 10, 40)
    changed = [s for s in recut if s not in cut]
    assert len(changed) == 1 and added in changed[0]


def test_disabled(tmp_path):
    out = write_site(tmp_path, search={"enabled": False})
    assert index_search(out, sample_config(search={"enabled": False}))["enabled"] is False
    assert not (out / "pagefind").exists()


SHM = Path("/dev/shm")


@pytest.mark.skipif(not SHM.is_dir(), reason="needs a tmpfs at /dev/shm")
def test_the_same_bytes_on_tmpfs_and_on_disk(tmp_path):
    """Issue 11 #8: the file system's read order used to leak into page numbers (25 files differed)."""
    import tempfile

    digests = []
    with tempfile.TemporaryDirectory(dir=SHM) as shm:
        for parent in (Path(shm), tmp_path):
            out = write_site(parent / "deep" / "site")
            index_search(out, sample_config())
            digests.append(bundle_digest(out / "pagefind"))
    assert len(digests[0]) > 20 and digests[0] == digests[1]


_HOLD_INDEXER = """
import sys
from archivist.site.search import start_indexer
print(start_indexer().pid, flush=True)
sys.stdin.read()  # hold the indexer until killed
"""


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_indexer_dies_with_a_killed_build():
    """Issue 11 #7: after kill -9 of the build, the Pagefind child used to keep running."""
    build = subprocess.Popen([sys.executable, "-c", _HOLD_INDEXER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             cwd=ROOT, text=True)
    pid = int(build.stdout.readline())
    assert _alive(pid)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:  # the kernel's signal is quick, not instant
        time.sleep(0.02)
    assert not _alive(pid), "the Pagefind service outlived the build"


def test_a_rescan_reads_only_the_pages_written_since(tmp_path):
    """The scan memo trusts a file that is the same file (device, inode, size, time); a page written
    anew (a new file renamed over the old, as the build writes) is read again."""
    out = write_site(tmp_path)
    memo: dict[str, list] = {}
    first = {p.path: p for p in scan_pages(out, memo)}
    assert first and set(first) <= set(memo) and first == {p.path: p for p in scan_pages(out)}
    memo["articles/xss/index.html"][3] = "from the memo"
    memo["articles/budget/index.html"][3] = "from the memo"
    page = out / "articles" / "budget" / "index.html"
    new = page.with_name("new.tmp")
    new.write_bytes(page.read_bytes().replace(b"library", b"libraries"))
    new.replace(page)
    again = {p.path: p for p in scan_pages(out, memo)}
    assert again["articles/xss/index.html"].digest == "from the memo"  # not read again
    assert again["articles/budget/index.html"].digest == hashlib.sha256(page.read_bytes()).hexdigest()
    (out / "articles" / "harbour" / "index.html").unlink()
    assert "articles/harbour/index.html" not in {p.path for p in scan_pages(out, memo)}
    assert "articles/harbour/index.html" not in memo


def test_a_hinted_rescan_looks_only_at_the_changed_pages(tmp_path):
    """Where the scan memo was kept for the output the folder was made from (the hint's base), only
    the pages the hint lists as changed are looked at: a written, a new and a removed page."""
    out = write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "scan.json"
    first = index_search(out, sample_config(), scan_cache=cache, hint=ScanHint("", "output-1", ()))
    memo = json.loads(cache.read_text())
    memo["pages"]["articles/xss/index.html"][3] = "from the memo"  # proof that the page was not looked at
    cache.write_text(json.dumps(memo))
    budget = out / "articles" / "budget" / "index.html"
    new = budget.with_name("new.tmp")
    new.write_bytes(budget.read_bytes().replace(b"library", b"libraries"))
    new.replace(budget)
    copy = out / "articles" / "budget-2" / "index.html"
    copy.parent.mkdir()
    copy.write_bytes(budget.read_bytes())
    (out / "articles" / "harbour" / "index.html").unlink()
    changed = ["articles/budget/index.html", "articles/budget-2/index.html", "articles/harbour/index.html",
               "articles/budget/data.json"]
    index_search(out, sample_config(), scan_cache=cache, hint=ScanHint("output-1", "output-2", changed))
    pages = json.loads(cache.read_text())["pages"]
    assert pages["articles/xss/index.html"][3] == "from the memo"
    assert pages["articles/budget/index.html"][3] == pages["articles/budget-2/index.html"][3] == \
        hashlib.sha256(budget.read_bytes()).hexdigest()
    assert "articles/harbour/index.html" not in pages
    walked: dict[str, list] = {}
    scan_pages(out, walked)
    assert set(pages) == set(walked)
    # another base (the output was replaced since): every page is looked at again
    index_search(out, sample_config(), scan_cache=cache, hint=ScanHint("output-9", "output-10", ()))
    again = json.loads(cache.read_text())
    assert again["pages"]["articles/xss/index.html"][3] == "from the memo"  # same file: the stat memo holds
    assert again["scan"].endswith("output-10") and first["pages"] > 0


def test_the_scan_cache_file_survives_damage(tmp_path):
    """A damaged scan cache is a full scan, never a failed index."""
    out = write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "scan.json"
    first = index_search(out, sample_config(), scan_cache=cache)
    assert json.loads(cache.read_text())["pages"]
    cache.write_text("{not json")
    assert index_search(out, sample_config(), scan_cache=cache)["pages"] == first["pages"]
    assert json.loads(cache.read_text())["pages"]


def test_a_kept_shard_loses_the_writers_temporary_files(tmp_path):
    """An output from before write._sync's fix holds a temporary link in a kept shard's folders."""
    out = write_site(tmp_path)
    index_search(out, sample_config())
    [shard] = shards(out / "pagefind")
    for folder in (shard, shard / "fragment"):
        (folder / ".archivist-tmp-123").write_bytes(b"x")
    assert index_search(out, sample_config())["built"] == 0
    assert not list(shard.rglob(".archivist-tmp-*"))
