"""Search stage: index the written site with Pagefind into ``<output>/pagefind/``, in shards.

Pagefind reads the built HTML, so this runs after the files are written. The pages say
what to index themselves: ``data-pagefind-body`` marks the content of article and actor
pages (list pages carry none and stay out of the index), hidden ``data-pagefind-filter``,
``-meta`` and ``-sort`` spans the facets (type, speaker, mentions, outlet, year, kind), the
title and the date. Each quote card is a record of its own: article pages carry their cards'
records as JSON (``quote_ids``), added here with Pagefind's ``AddRecord``.

**Shards.** Pagefind holds a whole index in memory while it builds it (about 75 KB a page,
1.6 GB for Reuters-21578's 19,043 article pages), and rebuilds it whole for one changed page.
So the indexed pages are cut into shards, each a Pagefind bundle of its own under
``pagefind/<digest>/``, built by a Pagefind process of its own (memory bounded by the shard,
not the site):

- Pages are taken in the order of their sort date, then URL (``plan_shards``), and a shard
  ends after a page whose URL hashes to 0 modulo ``SHARD_PAGES`` (content-defined chunks: an
  edited, added or removed page changes its own shard only, not where the others end), or at
  ``SHARD_MAX`` pages. A quote record goes with its article's page. So the shards' order is
  the date order, which the search page's date sort relies on.
- A shard's folder is named by the digest of its pages' bytes (and the language and Pagefind's
  version): one whose folder is there is not indexed again, and a clean build names it the same.
- ``pagefind/shards.json`` lists the shards in date order; Pagefind's scripts (``pagefind.js``,
  the highlight script, its UI) are written once at ``pagefind/``. Each shard keeps the web
  worker and WebAssembly Pagefind loads from its first index's folder.

Three things the Pagefind CLI does not give, and why this talks to Pagefind's service
(``pagefind --service``, the protocol of the ``pagefind`` Python package) itself:

- **The same bytes on every machine.** Pagefind numbers pages in the order it reads them,
  and the CLI reads them in the file system's order (tmpfs and ext4 differ), so the index,
  filter and meta files differed. Here the pages go in sorted by path, the bundle comes back
  in memory (``GetFiles``), its filter values are sorted (``make_deterministic``) and it is
  written in one order.
- **No truncated files.** The bundle is written by this process, not by an indexer that may
  be stopped before its writes reach the disk; a shard's folder is renamed into place whole.
- **No orphan.** The indexer dies with the build, even on ``kill -9`` (``PR_SET_PDEATHSIG``).

Every value that reaches Pagefind is stored HTML-escaped (the templates' ``pf_filter`` and
``pf_meta`` macros, ``quote_record`` here), since Pagefind's UI shows filter values and
meta as HTML; the search page's own script decodes them inertly as text as well.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import functools
import gzip
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Iterable, Iterator, Mapping, Sequence

import cbor2
from markupsafe import escape

from archivist.config import Config
from archivist.site.quote_ids import read_records
from archivist.site.sizes import file_sizes, walk_prefix
from archivist.site.write import keep_json, kept_json, write_files, write_new_folder

BUNDLE_DIR = "pagefind"
#: The list of shards, in date order, that the search page reads (``pagefind/shards.json``).
MANIFEST = "shards.json"
#: A shard's mean size in pages: a shard ends after a page whose URL hashes to 0 modulo this.
#: Pagefind needs about 75 KB a page while it indexes, so some 110 MB for a shard of this size.
SHARD_PAGES = 1500
#: A shard's largest size in pages (about 150 MB of Pagefind's memory). It bounds what an edit
#: costs: the edited page's shard is indexed again whole, and Pagefind's time grows faster than
#: the shard (Reuters-21578: 2,000 pages 3.9-4.2 s, 3,362 pages 7.0 s, 4,000 pages 9.2 s).
#: Only shards longer than this are cut by it; the content-defined ends stay where they were.
SHARD_MAX = 2000
#: Pagefind's script the search page imports; it and Pagefind's other scripts are written once at
#: ``pagefind/`` (any shard's run gives them).
SCRIPT = "pagefind.js"
ENTRY = "pagefind-entry.json"
#: Pagefind's web worker, loaded from the first index's folder: kept in every shard.
WORKER = "pagefind-worker.js"
#: Bump when what a shard holds changes for the same pages.
SCHEME = "archivist-search-shards-1"
_SORT_DATE = re.compile(rb'data-pagefind-sort="date:([^"]*)"')
#: Marks a page Pagefind indexes; pages without it are not sent (Pagefind would drop them).
BODY_MARK = b"data-pagefind-body"
#: Linux's prctl option that signals a child when its parent dies.
_PR_SET_PDEATHSIG = 1


class SearchError(RuntimeError):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class ScanHint:
    """What the build knows of the folder it has the index stage scan: it was made from the output whose
    identity (``incremental.output_identity``) is ``base`` and differs from it only at ``changed`` (the
    paths written or removed since); ``identity`` is its own, the output it becomes."""

    base: str
    identity: str
    changed: Collection[str]


def index_search(output_dir: Path, config: Config, shard_pages: int = SHARD_PAGES,
                 shard_max: int = SHARD_MAX, scan_cache: Path | None = None,
                 hint: ScanHint | None = None) -> dict[str, Any]:
    """Index ``output_dir``'s HTML with Pagefind into shards under ``output_dir/pagefind``.

    Only the shards whose pages changed are indexed again (none, when no indexed page
    changed); the folders of shards no page belongs to any more are removed. Returns counts for
    the build report: ``pages`` in the index (article and actor pages and quote records; one
    fragment each), ``shards`` and how many were ``built`` now, the ``indexed`` HTML pages and
    ``quotes`` records sent to Pagefind now, bundle ``files`` and ``bytes``, and each bundle file's size
    by its path in the bundle (``sizes``, for the build's size report).
    ``shard_pages`` and ``shard_max`` set the shards' mean and largest size (tests make them small).
    ``scan_cache``, where given, is a file that keeps what the last scan read of each page
    (``scan_pages``), so that a rebuild reads only the pages written since; with a ``hint`` whose
    ``base`` is the output that memo was made for, only the ``changed`` pages are even looked at.
    Beside it, the file sizes of each shard folder are kept (``_bundle_sizes``): a kept shard's are not
    walked again.
    Does nothing (``enabled`` False) when ``[search] enabled = false``.
    """
    output_dir = Path(output_dir).resolve()
    bundle = output_dir / BUNDLE_DIR
    if not config.search.enabled:
        return {"enabled": False, "pages": 0, "shards": 0, "built": 0, "indexed": 0, "quotes": 0, "files": 0,
                "bytes": 0, "sizes": {}}
    memo, trusted = _load_memo(scan_cache, hint)
    pages = memo["pages"] if memo is not None else None
    found = rescan_pages(output_dir, pages, hint.changed) if trusted else scan_pages(output_dir, pages)
    shards = plan_shards(found, shard_pages, shard_max)
    _save_memo(scan_cache, memo, hint.identity if hint is not None else "")
    names = [shard_name(shard, config.language) for shard in shards]
    bundle.mkdir(exist_ok=True)
    static_missing = not (bundle / SCRIPT).is_file()
    indexed = quotes = built = 0
    # the folders of shards no page is in now (mostly the last version of a shard indexed again): a file of a
    # new shard that one of them holds byte for byte is linked, not written (``write_new_folder``'s ``like``)
    stale = sorted(e for e in bundle.iterdir() if e.is_dir() and not e.is_symlink() and e.name not in names)
    sizes_cache = scan_cache.with_name(f"{scan_cache.stem}.shards.json") if scan_cache is not None else None
    known = (kept_json(sizes_cache, "scheme", SCHEME, "shards") or {}) if sizes_cache is not None else {}
    for i, (shard, name) in enumerate(zip(shards, names)):
        if (bundle / name / ENTRY).is_file() and not (i == 0 and static_missing):
            if name not in known:  # a shard whose sizes were kept was cleaned before they were
                _remove_strays(bundle / name)
            continue
        known.pop(name, None)
        pages = ((p.url, (output_dir / p.path).read_bytes()) for p in shard)
        files, n_pages, n_quotes = _run_pagefind(pages, config.language)
        files = make_deterministic(files)
        own = {rel: data for rel, data in files.items() if _in_shard(rel)}
        static = {rel: data for rel, data in files.items() if not _in_shard(rel)}
        _write_shard(bundle, name, own, stale)
        write_files(bundle, static)
        indexed, quotes, built = indexed + n_pages, quotes + n_quotes, built + 1
    manifest = {"version": 1, "shards": names}
    write_files(bundle, {MANIFEST: json.dumps(manifest, separators=(",", ":")).encode("utf-8")})
    for entry in sorted(bundle.iterdir()):  # shards no page is in now, and a single bundle's files of old
        if entry.is_dir() and not entry.is_symlink():
            if entry.name not in names:
                shutil.rmtree(entry)
        elif _in_shard(entry.name) or (not names and entry.name != MANIFEST):
            entry.unlink()
    sizes, own_sizes = _bundle_sizes(bundle, set(names), known)
    if sizes_cache is not None and own_sizes != known:
        keep_json(sizes_cache, {"scheme": SCHEME, "shards": own_sizes})
    return {"enabled": True, "pages": sum(1 for rel in sizes if rel.split("/")[-2:-1] == ["fragment"]),
            "shards": len(names), "built": built, "indexed": indexed, "quotes": quotes, "files": len(sizes),
            "bytes": sum(sizes.values()), "sizes": sizes}


def _bundle_sizes(bundle: Path, names: set[str], known: Mapping[str, Mapping[str, int]]
                  ) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """(``file_sizes(bundle)``, each shard folder's own file sizes), walking only the shard folders ``known``
    does not hold: a shard folder is written whole and never changed after (its name is a digest of
    what it indexes), so the sizes kept of a folder of that name are its sizes."""
    sizes: dict[str, int] = {}
    shards: dict[str, dict[str, int]] = {}
    for entry in os.scandir(bundle):
        if entry.name.startswith("."):
            continue  # as file_sizes: the build's own files, and a shard being written
        if entry.is_dir():
            if entry.is_symlink():
                continue  # not followed, as os.walk does not
            own = dict(known[entry.name]) if entry.name in names and entry.name in known else file_sizes(entry.path)
            if entry.name in names:
                shards[entry.name] = own
            sizes.update((f"{entry.name}/{rel}", n) for rel, n in own.items())
        else:
            with contextlib.suppress(OSError):  # gone since the listing
                sizes[entry.name] = os.stat(entry.path).st_size
    return sizes, shards


@dataclass(frozen=True)
class IndexedPage:
    """A page Pagefind indexes: its file (relative to the output), URL, sort date and a digest of its bytes."""

    path: str
    url: str
    date: str
    digest: str


def scan_pages(site: Path, memo: dict[str, list] | None = None) -> list[IndexedPage]:
    """Every page of ``site`` that carries ``BODY_MARK``, read once each (its bytes are not kept).

    ``memo`` (updated here) maps a page's path to what was read of it and its file's identity
    (device, inode, size, modification time): a page whose file is the same one is not read
    again. The build writes every changed file as a new file renamed into place and keeps the
    others as hard links, so a kept page keeps its identity and a written one never does.
    """
    top = str(Path(site))
    found = []
    seen: set[str] = set()
    for folder, dirs, names in os.walk(top):
        if folder == top:
            dirs[:] = [d for d in dirs if d != BUNDLE_DIR]
        dirs.sort()
        # the path below the site as a string: Path.relative_to cost half the scan (16,495 pages: 4 of 8 s)
        prefix = walk_prefix(top, folder)
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path, follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            rel = prefix + name
            seen.add(rel)
            identity = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]
            known = memo.get(rel) if memo is not None else None
            if known is None or known[0] != identity:
                known = _read_page(path, identity)
                if memo is not None:
                    memo[rel] = known
            if known[1]:
                found.append(IndexedPage(rel, page_url(rel), known[2], known[3]))
    if memo is not None:
        for rel in set(memo) - seen:
            del memo[rel]
    return found


def rescan_pages(site: Path, memo: dict[str, list], changed: Iterable[str]) -> list[IndexedPage]:
    """``scan_pages``'s pages of ``site`` where ``memo`` holds every page of it but those at the paths
    ``changed``: only those are looked at (an edit's few, not a walk of the site's 34,000 folders)."""
    top = Path(site)
    for rel in sorted({p for p in changed if p.endswith(".html") and not p.startswith(BUNDLE_DIR + "/")}):
        path = os.path.join(top, *rel.split("/"))
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:
            st = None
        if st is None or not stat.S_ISREG(st.st_mode):
            memo.pop(rel, None)
            continue
        identity = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]
        if rel not in memo or memo[rel][0] != identity:
            memo[rel] = _read_page(path, identity)
    return [IndexedPage(rel, page_url(rel), known[2], known[3]) for rel, known in sorted(memo.items()) if known[1]]


def _read_page(path: str, identity: list[int]) -> list:
    """What the scan keeps of one page: its file's identity, whether it is indexed, its sort date, its digest."""
    with open(path, "rb") as f:
        data = f.read()
    date = _SORT_DATE.search(data)
    return [identity, BODY_MARK in data, date.group(1).decode("ascii", "replace") if date else "",
            hashlib.sha256(data).hexdigest()]


def _load_memo(path: Path | None, hint: ScanHint | None = None) -> tuple[dict[str, dict] | None, bool]:
    """(the scan memo kept at ``path``, whether it holds every page but ``hint``'s changed ones): empty where
    it is missing or unreadable; None without a path. It is whole where it was kept for ``hint``'s base."""
    if path is None:
        return None, False
    if hint is not None and hint.base:
        pages = kept_json(path, "scan", f"{SCHEME}\0{hint.base}", "pages")
        if pages is not None:
            return {"pages": pages}, True
    pages = kept_json(path, "scheme", SCHEME, "pages")
    return {"pages": {} if pages is None else pages}, False


def _save_memo(path: Path | None, memo: dict | None, identity: str = "") -> None:
    """Keep the scan memo at ``path`` (a new file renamed over the old), as made for the output ``identity``
    (where known); a failure only costs a full scan next time."""
    if path is None or memo is None:
        return
    keep_json(path, {"scheme": SCHEME, "scan": f"{SCHEME}\0{identity}" if identity else "", "pages": memo["pages"]})


def plan_shards(pages: Iterable[IndexedPage], shard_pages: int = SHARD_PAGES,
                shard_max: int = SHARD_MAX) -> list[list[IndexedPage]]:
    """``pages`` in shards: in (sort date, URL) order, a shard ending after a page whose URL's hash
    is 0 modulo ``shard_pages``, or at ``shard_max`` pages. Within a shard, pages are sorted by path
    (the order that fixes Pagefind's page numbers)."""
    shards: list[list[IndexedPage]] = []
    current: list[IndexedPage] = []
    for page in sorted(pages, key=lambda p: (p.date, p.url)):
        current.append(page)
        cut = int.from_bytes(hashlib.sha256(page.url.encode("utf-8")).digest()[:8], "big") % max(1, shard_pages) == 0
        if cut or len(current) >= shard_max:
            shards.append(current)
            current = []
    if current:
        shards.append(current)
    return [sorted(shard, key=lambda p: p.path) for shard in shards]


def shard_name(shard: Iterable[IndexedPage], language: str) -> str:
    """The folder of a shard: a digest of its pages (paths and bytes), the language and Pagefind's version."""
    h = hashlib.sha256(f"{SCHEME}\0{_pagefind_version()}\0{language}\0".encode("utf-8"))
    for page in shard:
        h.update(f"{page.path}\0{page.digest}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:20]


@functools.cache
def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:  # a binary from PAGEFIND_BINARY_PATH: named by its path
        return os.environ.get("PAGEFIND_BINARY_PATH", "")


def _in_shard(rel: str) -> bool:
    """Whether a file of Pagefind's bundle belongs to its index (kept per shard) or is one of its scripts."""
    return rel.startswith(("index/", "filter/", "fragment/", "wasm.")) or rel.endswith(".pf_meta") \
        or rel in (ENTRY, WORKER)


def _remove_strays(shard: Path) -> None:
    """Remove the writer's temporary files from a kept shard (a build before 2026-12-07 could leave
    one in each of its folders: ``write._sync`` onto a link to the same file)."""
    for folder in (shard, shard / "filter", shard / "fragment", shard / "index"):
        for stray in folder.glob(".archivist-tmp-*"):
            stray.unlink()


def _write_shard(bundle: Path, name: str, files: Mapping[str, bytes], like: Sequence[Path] = ()) -> None:
    """Write a shard's files into a new folder and rename it into place whole; a file that a folder of
    ``like`` holds the same is a hard link to it."""
    tmp = bundle / f".{name}.tmp-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    write_new_folder(tmp, files, like)
    if (bundle / name).exists():  # a folder a build was killed in the middle of: not named by its bytes
        shutil.rmtree(bundle / name)
    os.rename(tmp, bundle / name)


def page_url(rel: str) -> str:
    """A page's URL as Pagefind's CLI gives it: "/articles/x/" for "articles/x/index.html"."""
    return "/" + (rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)


def _escaped(value: Any) -> str:
    """``value`` HTML-escaped as the templates' ``pf_filter`` and ``pf_meta`` store theirs."""
    return str(escape(str(value)))


def quote_record(page: str, record: Mapping[str, Any], language: str) -> dict[str, Any]:
    """Pagefind's ``AddRecord`` payload for one quote card of the article at ``page``.

    The content a reader searches is the speaker, their role and the quotation, so
    ``Peskov sanctions`` finds Peskov's quote; the URL is the quote's place in the article.
    Filters and meta are HTML-escaped here (Pagefind stores a record's values as given).
    """
    speaker = record.get("speaker") or ""
    said_by = record.get("said_by") or speaker
    role = record.get("role") or ""
    content = f"{said_by}{', ' + role if role else ''}: {record['text']}"
    filters = {"type": ["quote"], "mentions": sorted(set(record.get("about") or ()))}
    if speaker:
        filters["speaker"] = [speaker]
    if record.get("outlet"):
        filters["outlet"] = [record["outlet"]]
    if record.get("date"):
        filters["year"] = [record["date"][:4]]
    meta = {"title": record["text"], "speaker": said_by, "role": role, "article": record.get("title") or "",
            "outlet": record.get("outlet") or "", "date": record.get("date") or "", "kind": "quote"}
    return {"type": "AddRecord", "url": f"{page}#{record['anchor']}", "content": content, "language": language,
            "meta": {k: _escaped(v) for k, v in meta.items() if v},
            "filters": {k: [_escaped(v) for v in vs] for k, vs in filters.items() if vs},
            "sort": {"date": record.get("date") or "0000-00-00"}}


def _die_with_parent(parent: int) -> None:
    """In the indexer, before it runs: be killed when the build dies, however it dies (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the build's own cleanup has to do
        return
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)


def _executable() -> str:
    """The Pagefind binary: the ``pagefind`` package's choice (``PAGEFIND_BINARY_PATH``, then pagefind-bin)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchError("the Pagefind binary was not found: pip install 'pagefind[bin]'")
    return str(found)


def start_indexer() -> subprocess.Popen:
    """Pagefind's service as a child with pipes, set to die with this process (``_die_with_parent``)."""
    return subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, preexec_fn=functools.partial(_die_with_parent, os.getpid()),
                            env={**os.environ, "NO_COLOR": "1"})


def _message(message_id: int, payload: Mapping[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


def _responses(stream) -> Iterator[dict[str, Any]]:
    """Pagefind's service responses: base64 JSON, each ended by a comma."""
    pending: list[bytes] = []
    while chunk := stream.read1(1 << 20):
        *done, rest = chunk.split(b",")
        for part in done:
            pending.append(part)
            yield json.loads(base64.b64decode(b"".join(pending)))
            pending = []
        pending.append(rest)


def _run_pagefind(pages: Iterator[tuple[str, bytes]], language: str) -> tuple[dict[str, bytes], int, int]:
    """Index ``pages`` then their quote records in that order with one Pagefind service;
    (bundle files, pages indexed, quote records).

    ``pages`` is read one page at a time as the requests go out, so the build holds one page,
    not the site (at Reuters-21578's 50,000 pages, the site's HTML is some hundreds of MB);
    a page's quote records are kept (they are small) and sent after the last page. Requests
    are written from a thread while this one reads the answers, so neither pipe fills up; the
    service handles them one by one, in order.
    """
    proc = start_indexer()
    assert proc.stdin is not None and proc.stdout is not None
    names: list[str] = ["the index"]  # what each message id is, for an error message
    file_ids: set[int] = set()
    records: list[dict[str, Any]] = []

    def requests() -> Iterator[dict[str, Any]]:
        yield {"type": "NewIndex", "config": {"force_language": language}}
        for url, data in pages:
            records.extend(quote_record(url, r, language) for r in read_records(data))
            file_ids.add(len(names))
            names.append(url)
            yield {"type": "AddFile", "index_id": 0, "url": url, "file_contents": data.decode("utf-8", "replace")}
        for record in records:
            names.append(record["url"])
            yield {**record, "index_id": 0}
        names.append("the bundle")
        yield {"type": "GetFiles", "index_id": 0}

    def send() -> None:
        try:
            for i, payload in enumerate(requests()):
                proc.stdin.write(_message(i, payload))
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the indexer died: its exit code says so below

    writer = threading.Thread(target=send, daemon=True)
    writer.start()
    files: dict[str, bytes] | None = None
    indexed = 0
    try:
        for response in _responses(proc.stdout):
            payload, message_id = response.get("payload") or {}, response.get("message_id")
            if payload.get("type") == "Error":
                where = names[message_id] if isinstance(message_id, int) and message_id < len(names) else "a request"
                raise SearchError(f"pagefind failed on {where}: {payload.get('message')}")
            if payload.get("type") == "IndexedFile" and message_id in file_ids:
                indexed += 1
            if payload.get("type") == "GetFiles":
                files = {f["path"]: base64.b64decode(f["content"]) for f in payload["files"]}
                break
    finally:
        writer.join(timeout=1)
        proc.stdin.close()  # Pagefind's service exits at the end of its input
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if files is None:
        raise SearchError(f"pagefind stopped ({proc.returncode}) before it returned the index")
    return {rel.replace(os.sep, "/").lstrip("/"): data for rel, data in files.items()}, indexed, len(records)


_MAGIC = b"pagefind_dcd"


def _decode(name: str, data: bytes):
    data = gzip.decompress(data)
    if not data.startswith(_MAGIC):
        raise SearchError(f"unexpected Pagefind file format: {name}")
    return cbor2.loads(data[len(_MAGIC):])


def _encode(value) -> tuple[bytes, str]:
    """A Pagefind file's bytes for ``value`` (gzip without a timestamp), and their sha256."""
    data = gzip.compress(_MAGIC + cbor2.dumps(value), compresslevel=9, mtime=0)
    return data, hashlib.sha256(data).hexdigest()


def make_deterministic(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The bundle ``files`` (path: bytes) with the parts whose bytes vary from run to run rewritten.

    Pagefind writes each filter's values in hash-map order, so the filter files (and
    the meta file and entry that name them by content hash) differ between two runs
    over the same pages. Their values are sorted here and the three are renamed by
    their new content, so the same pages always give the same bundle.
    """
    out = dict(files)
    entry = json.loads(out.pop("pagefind-entry.json").decode("utf-8"))
    for lang, info in sorted(entry["languages"].items()):
        meta_name = f"pagefind.{info['hash']}.pf_meta"
        meta = _decode(meta_name, out.pop(meta_name))
        renamed = []
        for name, file_hash in meta[3]:  # [[filter name, file hash], ...]
            value = _decode(name, out.pop(f"filter/{file_hash}.pf_filter"))  # [name, [[value, [pages]], ...]]
            value[1] = sorted(value[1], key=lambda item: item[0])
            data, digest = _encode(value)
            new_hash = f"{file_hash.split('_')[0]}_{digest[:7]}"
            out[f"filter/{new_hash}.pf_filter"] = data
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed)
        data, digest = _encode(meta)
        info["hash"] = f"{lang}_{digest[:10]}"
        out[f"pagefind.{info['hash']}.pf_meta"] = data
    entry["languages"] = dict(sorted(entry["languages"].items()))
    out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return dict(sorted(out.items()))


def bundle_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` by relative path: two builds compare with ``==``."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}

