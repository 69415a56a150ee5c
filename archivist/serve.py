"""``archivist serve``: build, serve the output on localhost under the base path, rebuild on change."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Callable

from archivist import livereload
from archivist.config import ConfigError


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
            body = page.read_bytes()
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


def serve(site_dir: Path, host: str = "127.0.0.1", port: int = 8000, watch: bool = True,
          log: Callable[[str], None] = print) -> None:
    """Build ``site_dir``, serve it, and rebuild whenever its content, config, theme or actors file change."""
    from archivist.build import BuildError, build

    site_dir = Path(site_dir).resolve()
    report = build(site_dir, log=log)
    reloader = livereload.Reloader()
    reloader.built()
    server = make_server(report.output, host, port, report.config.base_path, reloader)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log(f"serving {report.output} at http://{host}:{port}{report.config.base_path} (Ctrl-C to stop)")
    if not watch:
        threading.Event().wait()
        return
    from watchfiles import watch as watch_changes

    output = report.output.resolve()

    def relevant(change, path: str) -> bool:
        p = Path(path)
        return output not in p.parents and ".archivist-cache" not in p.parts and not p.name.startswith(".")

    try:
        for changes in watch_changes(site_dir, watch_filter=relevant):
            log(f"changed: {', '.join(sorted(Path(p).name for _, p in changes))}; rebuilding")
            try:
                build(site_dir, log=log)
                reloader.built()
            except (BuildError, ConfigError) as e:
                log(f"error: {e} (still serving the previous build)")
                reloader.failed(str(e))
    except KeyboardInterrupt:
        pass
    finally:
        reloader.close()
        server.shutdown()
