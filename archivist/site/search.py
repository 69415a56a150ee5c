"""Search stage: index the written site with Pagefind into ``<output>/pagefind/``.

Pagefind reads the built HTML, so this runs after the files are written. The
pages say what to index themselves: ``data-pagefind-body`` marks the content of
article and actor pages (list pages carry none and stay out of the index),
``data-pagefind-filter`` the facets (type, actor, kind, year, outlet) and
``data-pagefind-meta``/``-sort`` the date. The search page loads the bundle's
``pagefind-ui.js`` from the site itself, under ``config.base_path``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import cbor2

from archivist.config import Config

BUNDLE_DIR = "pagefind"


def index_search(output_dir: Path, config: Config) -> dict[str, Any]:
    """Index ``output_dir``'s HTML with Pagefind and write the bundle to ``output_dir/pagefind``.

    Returns counts for the build report: ``pages`` in the index (article and actor
    pages; one fragment each), ``indexed`` as Pagefind reports it, bundle ``files`` and
    ``bytes``. An earlier bundle is removed first, since Pagefind's file names carry
    content hashes and stale fragments would otherwise pile up.
    Does nothing (``enabled`` False) when ``[search] enabled = false``.
    """
    output_dir = Path(output_dir).resolve()
    bundle = output_dir / BUNDLE_DIR
    if not config.search.enabled:
        return {"enabled": False, "pages": 0, "indexed": 0, "files": 0, "bytes": 0}
    if bundle.exists():
        shutil.rmtree(bundle)
    indexed = _index(output_dir, bundle)
    make_deterministic(bundle)
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    # One fragment per indexed page: the count of pages a reader can find.
    pages = sum(1 for p in files if p.parent.name == "fragment")
    return {"enabled": True, "pages": pages, "indexed": indexed, "files": len(files),
            "bytes": sum(p.stat().st_size for p in files)}


def _index(site: Path, bundle: Path) -> int:
    """Run Pagefind over ``site`` into ``bundle``; the number of HTML files it read.

    This runs the binary that pagefind-bin ships through the ``pagefind`` package's own
    entry point (``python -m pagefind``), which returns once every file is on disk. The
    package's service API (``PagefindIndex``) was dropped here: it terminates the indexer as
    soon as "WriteFiles" is answered, and under load that left truncated files in the bundle.
    """
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle),
           "--glob", "**/*.html"]
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    if done.returncode != 0:
        raise SearchError(f"pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}")
    found = re.search(r"Indexed (\d+) pages?", done.stdout)
    return int(found.group(1)) if found else 0


class SearchError(RuntimeError):
    """Pagefind could not index the site."""


_MAGIC = b"pagefind_dcd"


def _read_cbor(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise SearchError(f"unexpected Pagefind file format: {path.name}")
    return cbor2.loads(data[len(_MAGIC):])


def _encode(value) -> tuple[bytes, str]:
    """A Pagefind file's bytes for ``value`` (gzip without a timestamp), and their sha256."""
    data = gzip.compress(_MAGIC + cbor2.dumps(value), compresslevel=9, mtime=0)
    return data, hashlib.sha256(data).hexdigest()


def make_deterministic(bundle: Path) -> None:
    """Rewrite the parts of a Pagefind bundle whose bytes vary from run to run.

    Pagefind writes each filter's values in hash-map order, so the filter files (and
    the meta file and entry that name them by content hash) differ between two runs
    over the same pages. Their values are sorted here and the three are renamed by
    their new content, so the same site always gives the same bundle.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_cbor(meta_path)
        filters = meta[3]  # [[filter name, file hash], ...]
        renamed = []
        for name, file_hash in filters:
            path = bundle / "filter" / f"{file_hash}.pf_filter"
            value = _read_cbor(path)  # [filter name, [[value, [page numbers]], ...]]
            value[1] = sorted(value[1], key=lambda item: item[0])
            path.unlink()
            data, digest = _encode(value)
            new_hash = f"{file_hash.split('_')[0]}_{digest[:7]}"
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed)
        meta_path.unlink()
        data, digest = _encode(meta)
        info["hash"] = f"{lang}_{digest[:10]}"
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
