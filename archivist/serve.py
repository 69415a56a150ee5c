"""``archivist serve``: build, serve the output on localhost under the base path, rebuild on change.

It watches what a build reads and nothing else: the content folder and ``themes/``
(recursively), and ``site.toml`` and ``actors.toml`` in the site folder. The output folder, its
staging folders and its lock lie outside that set (and are ignored should a config place them
inside it), so a build never triggers the next one. On exit, Ctrl-C or SIGTERM, a build under
way is stopped, its staging folder removed and the watchers closed.
"""

from __future__ import annotations

import functools
import http.server
import queue
import signal
import threading
from pathlib import Path
from typing import Callable, Iterable

from archivist import livereload
from archivist.config import ConfigError, load_config
from archivist.site.write import owned_by_build

#: The site folder's own files a build reads (its folders are watched whole, see ``watched_folders``).
SITE_FILES = frozenset({"site.toml", "actors.toml"})
#: How often (ms) a watcher thread wakes up with nothing to report, to notice it was stopped.
WAKE_MS = 200


class _Handler(livereload.LiveReloadHandler, http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` at ``prefix`` (the site's base path), 404.html for what is missing."""

    def __init__(self, *args, prefix: str = "/", root: Path, reloader: livereload.Reloader | None = None,
                 **kwargs):
        self.prefix, self.root, self.reloader = prefix, root, reloader
        super().__init__(*args, directory=str(root), **kwargs)

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if self.prefix != "/" and clean.startswith(self.prefix):
            path = "/" + clean[len(self.prefix):]
        elif self.prefix != "/" and clean + "/" == self.prefix:
            path = "/"
        elif self.prefix != "/":
            path = "/__outside_base_path__"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        page = self.root / "404.html"
        if code == 404 and page.exists():
            body = self.live_page(page.read_bytes())
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - quiet: the builder's log is the useful one
        pass


def make_server(root: Path, host: str, port: int, prefix: str = "/",
                reloader: livereload.Reloader | None = None) -> http.server.ThreadingHTTPServer:
    """An HTTP server for the built site in ``root``, mounted at ``prefix``; with ``reloader``, pages reload live."""
    handler = functools.partial(_Handler, prefix=prefix, root=Path(root), reloader=reloader)
    return http.server.ThreadingHTTPServer((host, port), handler)


def watched_folders(site_dir: Path, content_dir: str) -> tuple[Path, ...]:
    """The folders a build reads and serve watches recursively: the content folder and ``themes/``, where they exist."""
    site_dir = Path(site_dir)
    return tuple(p.resolve() for p in (site_dir / content_dir, site_dir / "themes") if p.is_dir())


class _Feed:
    """One watchfiles watcher in a thread, putting its batches of changed paths on a shared queue."""

    def __init__(self, paths: Iterable[Path], recursive: bool, keep: Callable[[Path], bool], out: queue.Queue):
        from watchfiles import watch

        self.paths, self.stop, self.ready = tuple(paths), threading.Event(), threading.Event()

        def run() -> None:
            for changes in watch(*self.paths, watch_filter=lambda _, p: keep(Path(p)), recursive=recursive,
                                 stop_event=self.stop, rust_timeout=WAKE_MS, yield_on_timeout=True,
                                 raise_interrupt=False):
                self.ready.set()  # the first yield comes once the watches are in place
                if changes:
                    out.put({Path(p) for _, p in changes})

        self.thread = threading.Thread(target=run, daemon=True, name="archivist-watch")
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


class SourceWatcher:
    """Changes to what a build of ``site_dir`` reads, one batch at a time.

    Two watchers: the content folder and ``themes/`` recursively, the site folder itself
    without its subfolders (for ``site.toml``, ``actors.toml``, and ``themes/`` appearing).
    Whatever belongs to the output (``write.owned_by_build``) and hidden files (editors' swap
    files) are ignored.
    """

    def __init__(self, site_dir: Path, content_dir: str, output: Path):
        self.site_dir, self.output = Path(site_dir).resolve(), Path(output).resolve()
        self.changes: queue.Queue = queue.Queue()
        self._folders: _Feed | None = None
        self._root = _Feed([self.site_dir], False, self._root_file, self.changes)
        self.update(content_dir)

    def _source(self, path: Path) -> bool:
        inside = path.relative_to(self.site_dir).parts if path.is_relative_to(self.site_dir) else (path.name,)
        return not owned_by_build(self.output, path) and not any(part.startswith(".") for part in inside)

    def _root_file(self, path: Path) -> bool:
        return path.parent == self.site_dir and (path.name in SITE_FILES or path.name == "themes")

    def update(self, content_dir: str) -> None:
        """Watch the folders of the current config (a new ``content_dir``, a ``themes/`` made since)."""
        folders = watched_folders(self.site_dir, content_dir)
        if self._folders is not None and self._folders.paths == folders:
            return
        if self._folders is not None:
            self._folders.close()
        self._folders = _Feed(folders, True, self._source, self.changes) if folders else None
        self.wait_ready()

    def wait_ready(self) -> None:
        """Return once every watch is in place, so no change made after this is missed."""
        for feed in (self._root, self._folders):
            if feed is not None:
                feed.ready.wait()

    def next(self) -> set[Path]:
        """The next batch of changes, with every batch already waiting (one rebuild for all of them)."""
        changed = set(self.changes.get())
        while True:
            try:
                changed |= self.changes.get_nowait()
            except queue.Empty:
                return changed

    def close(self) -> None:
        for feed in (self._root, self._folders):
            if feed is not None:
                feed.close()


def _failure(error: Exception) -> str:
    """A failed build's message; a theme template's names the template and line (Jinja's own does not)."""
    from jinja2 import TemplateError, TemplateSyntaxError

    if isinstance(error, TemplateSyntaxError):
        name = error.name or error.filename
        return f"theme template{' ' + name if name else ''}, line {error.lineno}: {error.message}"
    if isinstance(error, TemplateError):
        return f"theme template: {error.message}"
    return str(error)


def _on_sigterm(signum, frame) -> None:
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C: a build under way removes its staging folder


def serve(site_dir: Path, host: str = "127.0.0.1", port: int = 8000, watch: bool = True,
          log: Callable[[str], None] = print, stop: threading.Event | None = None) -> None:
    """Build ``site_dir``, serve it, and rebuild whenever its content, config, theme or actors file change.

    Runs until Ctrl-C, SIGTERM or ``stop`` is set; a build under way when it is set finishes first.
    """
    from jinja2 import TemplateError

    from archivist.build import BuildError, build

    site_dir = Path(site_dir).resolve()
    config = load_config(site_dir)
    output = (site_dir / config.output_dir).resolve()
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if main else None
    watcher = SourceWatcher(site_dir, config.content_dir, output) if watch else None
    server = None
    reloader = livereload.Reloader()
    try:
        try:
            build(site_dir, log=log)
            reloader.built()
        except (BuildError, ConfigError, TemplateError) as e:
            log(f"error: {_failure(e)}")
            reloader.failed(_failure(e))
        server = make_server(output, host, port, config.base_path, reloader)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        log(f"serving {output} at http://{host}:{port}{config.base_path} (Ctrl-C to stop)")
        if watcher is None:
            (stop or threading.Event()).wait()
            return
        if stop is not None:  # wakes the loop below when stop is set
            threading.Thread(target=lambda: (stop.wait(), watcher.changes.put(set())), daemon=True).start()
        while not (stop and stop.is_set()):
            changed = watcher.next()
            if not changed:
                continue
            log(f"changed: {', '.join(sorted(p.name for p in changed))}; rebuilding")
            try:
                build(site_dir, log=log)
                reloader.built()
            except (BuildError, ConfigError, TemplateError) as e:  # a theme being edited fails often
                log(f"error: {_failure(e)} (still serving the previous build)")
                reloader.failed(_failure(e))
            try:
                watcher.update(load_config(site_dir).content_dir)
            except ConfigError:
                pass  # reported by the build just now; the watch stays as it was
    except KeyboardInterrupt:
        pass
    finally:
        reloader.close()
        if server is not None:
            server.shutdown()
            server.server_close()
        if watcher is not None:
            watcher.close()
        if main:
            signal.signal(signal.SIGTERM, previous)
