"""Live reload for ``archivist serve``: pages reload by themselves after a rebuild, and show a failed one.

``serve`` tells a :class:`Reloader` when each build finishes (``built``) or fails
(``failed``). Its HTTP handler, with :class:`LiveReloadHandler` mixed in, then

- streams that state as server-sent events at :data:`EVENTS_PATH`, one ``build`` event
  (``{"generation": n, "error": message or null}``) on connecting and one after each build;
- adds :data:`SNIPPET` to every HTML page it serves, on the fly: a small script that listens
  to the stream and reloads the page when a build succeeds, and after a failed build lays
  the error over the page (as text: the message never becomes markup) instead of leaving
  the previous build's pages looking current.

Nothing of this is ever written into the built site: ``archivist build`` output has no
script, and a page opened from the folder or from GitHub Pages never calls back. Server-sent
events need no library on either side, reconnect by themselves, and pass through the
standard library's threading HTTP server (a thread per open page).
"""

from __future__ import annotations

import json
import re
import threading

#: Where pages listen for builds: outside any base path, so no site file can shadow it.
EVENTS_PATH = "/__archivist/events"
#: Seconds between keep-alive comments on an idle stream (and how soon a closed page's thread ends).
KEEPALIVE_SECONDS = 15
#: The id of the error overlay's element in a page.
OVERLAY_ID = "archivist-build-error"

#: Added before ``</body>`` of each HTML page ``serve`` sends. The first event tells the page
#: which build it shows; a later one with another generation reloads it or shows the error.
SNIPPET = ("""
<script data-archivist-live>
(() => {
  let seen = null;
  const events = new EventSource("%(events)s");
  events.addEventListener("build", (event) => {
    const state = JSON.parse(event.data);
    if (seen === null) {
      seen = state.generation;
      document.documentElement.dataset.archivistLive = "connected";
      if (state.error) show(state.error);
      return;
    }
    if (state.generation === seen) return;
    seen = state.generation;
    if (state.error) show(state.error); else location.reload();
  });
  function show(message) {
    let box = document.getElementById("%(overlay)s");
    if (!box) {
      box = document.createElement("div");
      box.id = "%(overlay)s";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:1rem;z-index:2147483647;overflow:auto;padding:1rem 1.5rem;" +
        "background:#fff;color:#8b0000;border:3px solid #8b0000;border-radius:6px;font:16px/1.4 sans-serif";
      document.body.append(box);
    }
    const title = document.createElement("p");
    title.style.fontWeight = "bold";
    title.textContent = "The build failed; this page is from the last build that worked.";
    const text = document.createElement("pre");
    text.style.whiteSpace = "pre-wrap";
    text.textContent = message;
    const next = document.createElement("p");
    next.textContent = "Fix it and save: the page reloads by itself once a build works again.";
    box.replaceChildren(title, text, next);
  }
})();
</script>
""" % {"events": EVENTS_PATH, "overlay": OVERLAY_ID}).encode("utf-8")

_BODY_END = re.compile(rb"</body\s*>", re.I)


class Reloader:
    """What pages listen to: how many builds have finished, and the last one's error (None: it worked)."""

    def __init__(self):
        self._changed = threading.Condition()
        self.generation = 0
        self.error: str | None = None
        self.closed = False

    def built(self) -> None:
        """A build finished: open pages reload."""
        self._publish(None)

    def failed(self, message: str) -> None:
        """A build failed with ``message``: open pages show it over their content."""
        self._publish(message)

    def close(self) -> None:
        """The server stops: every stream ends."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def _publish(self, error: str | None) -> None:
        with self._changed:
            self.generation += 1
            self.error = error
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, str | None] | None:
        """The state once its generation is not ``seen``; None after ``timeout`` seconds or on close."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation != seen or self.closed, timeout)
            return None if self.closed or self.generation == seen else (self.generation, self.error)

    def state(self) -> tuple[int, str | None]:
        """(generation, error) now."""
        with self._changed:
            return self.generation, self.error


def event(generation: int, error: str | None) -> bytes:
    """One ``build`` server-sent event (JSON keeps it on one ``data:`` line)."""
    return f"event: build\ndata: {json.dumps({'generation': generation, 'error': error})}\n\n".encode("utf-8")


def inject(page: bytes) -> bytes:
    """``page`` with :data:`SNIPPET` before its last ``</body>`` (at its end where it has none)."""
    ends = list(_BODY_END.finditer(page))
    at = ends[-1].start() if ends else len(page)
    return page[:at] + SNIPPET + page[at:]


class LiveReloadHandler:
    """Mixed into a ``SimpleHTTPRequestHandler`` before it: the event stream, and the script in HTML pages.

    The handler sets ``reloader``; None serves files as they are. The script goes only into a
    200 response of ``text/html`` that the file handler copies from disk, so its
    Content-Length is known beforehand (the file's size plus the snippet's).
    """

    reloader: Reloader | None = None
    _live_status: int | None = None
    _live_inject = False

    def do_GET(self):
        if self.reloader is not None and self.path.split("?", 1)[0] == EVENTS_PATH:
            return self._stream()
        return super().do_GET()

    def _stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        generation, error = self.reloader.state()
        try:
            self.wfile.write(b"retry: 500\n\n" + event(generation, error))
            while not self.reloader.closed:
                state = self.reloader.wait(generation, KEEPALIVE_SECONDS)
                if state is None:
                    self.wfile.write(b": keep-alive\n\n")  # also finds out that a page was closed
                    continue
                generation, error = state
                self.wfile.write(event(generation, error))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded

    def send_response(self, code, message=None):
        self._live_status, self._live_inject = code, False
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if self.reloader is not None and self._live_status == 200:
            name = keyword.lower()
            if name == "content-type" and value.startswith("text/html"):
                self._live_inject = True
                super().send_header("Cache-Control", "no-cache")  # a reload must ask again
            elif name == "content-length" and self._live_inject:
                value = str(int(value) + len(SNIPPET))
        super().send_header(keyword, value)

    def live_page(self, page: bytes) -> bytes:
        """A page the handler sends by itself (its 404 page) with the script, when live reload is on."""
        return inject(page) if self.reloader is not None else page

    def copyfile(self, source, outputfile):
        if self._live_inject:
            outputfile.write(inject(source.read()))
        else:
            super().copyfile(source, outputfile)
