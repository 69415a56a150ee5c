"""Search stage: index the written site with Pagefind into ``<output>/pagefind/``.

Pagefind reads the built HTML, so this runs after the files are written. The
pages say what to index themselves: ``data-pagefind-body`` marks the content of
article and actor pages (list pages carry none and stay out of the index),
``data-pagefind-filter`` the facets (type, actor, kind, year, outlet) and
``data-pagefind-meta``/``-sort`` the date. The search page loads the bundle's
``pagefind-ui.js`` from the site itself, under ``config.base_path``.
"""

from __future__ import annotations

import asyncio
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from archivist.config import Config

BUNDLE_DIR = "pagefind"


def index_search(output_dir: Path, config: Config) -> dict[str, Any]:
    """Index ``output_dir``'s HTML with Pagefind and write the bundle to ``output_dir/pagefind``.

    Returns counts for the build report: ``pages`` in the index (article and
    actor pages), ``html_files`` read, bundle ``files`` and ``bytes``. An earlier bundle is removed first, since Pagefind's file names
    carry content hashes and stale fragments would otherwise pile up.
    Does nothing (``enabled`` False) when ``[search] enabled = false``.
    """
    output_dir = Path(output_dir).resolve()
    bundle = output_dir / BUNDLE_DIR
    if not config.search.enabled:
        return {"enabled": False, "pages": 0, "html_files": 0, "files": 0, "bytes": 0}
    if bundle.exists():
        shutil.rmtree(bundle)
    html_files = _run_async(lambda: _index(output_dir, bundle))
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    # One fragment per indexed page: the count of pages a reader can find.
    pages = sum(1 for p in files if p.parent.name == "fragment")
    return {"enabled": True, "pages": pages, "html_files": html_files, "files": len(files),
            "bytes": sum(p.stat().st_size for p in files)}


def _run_async(make_coroutine):
    """Run a coroutine to completion, also when called from code that already runs an event loop.

    asyncio.run refuses to nest (Jupyter, an async dev server, Playwright's sync API
    all hold a running loop), so there the coroutine gets a loop of its own in a thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


async def _index(site: Path, bundle: Path) -> int:
    """Run Pagefind's indexing service over ``site``; the number of HTML files it read."""
    # Imported here so that rendering and its tests never need the Pagefind binary.
    from pagefind.index import IndexConfig, PagefindIndex

    async with PagefindIndex(config=IndexConfig(output_path=str(bundle))) as index:
        result = await index.add_directory(str(site), glob="**/*.html")
    return int(result["page_count"])
