"""``archivist check``: a built site's links, anchors, markup, XML and hosts, checked from its files.

``check_files`` is a pure function over ``{relative path: bytes}`` (a render stage's output
or a folder read lazily by ``check_site``) returning every :class:`Problem`, each named with
its page. What is checked, as Zola's link checker and html-proofer do for their sites:

- every internal link (``href``, ``src``, ``srcset``, the sitemap's ``<loc>``, a feed's
  ``<link href>``) under the site's base path names a file of the site (a folder: its
  ``index.html``), and a ``#fragment`` names an element of that page with that id;
  a site-absolute link outside the base path is a problem too (on GitHub Pages it is
  another site);
- every HTML page is UTF-8 and parses with ``html.parser`` into balanced elements: no element left
  open or closed twice (elements whose end tag HTML makes optional, as ``<p>`` and
  ``<li>``, may stay open), no id given twice;
- every XML file (sitemap, feeds) is well-formed;
- nothing is loaded from another host: scripts, stylesheets, images, frames, media,
  and ``url()``/``@import`` in stylesheets and ``style`` attributes stay on the site; a
  ``<base href>`` or ``<meta http-equiv="refresh">`` naming another host is a load too (the one
  moves every relative URL of the page there, the other takes the reader there unasked).
  Links (``<a href>``) and ``<link rel="alternate|canonical|...">`` that only point elsewhere are fine;
- a URL that cannot be parsed (``http://[abc/``) is a problem of its page, not an error of the check.
"""

from __future__ import annotations

import html.parser
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping
from urllib.parse import unquote, urljoin, urlsplit

#: Elements HTML lets close themselves: left open is not a problem.
OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
                          "colgroup", "caption", "rt", "rp", "html", "head", "body"})
#: Elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
#: (tag, attribute) pairs whose URL the browser fetches as the page loads: these must stay on the site.
LOADS = frozenset({("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
                   ("iframe", "src"), ("frame", "src"), ("embed", "src"), ("object", "data"), ("video", "src"),
                   ("video", "poster"), ("audio", "src"), ("track", "src"), ("input", "src")})
#: ``<link rel>`` values that fetch their ``href`` (stylesheets, icons, fonts, preloads).
LOADING_RELS = frozenset({"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                          "prefetch", "manifest", "mask-icon"})
#: (tag, attribute) pairs whose URL changes where the page's other URLs, or the reader, go: as loads.
REDIRECTS = frozenset({("base", "href")})
#: ``<meta http-equiv="refresh" content="0; url=...">``: the URL after "url=".
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"\s]+)", re.IGNORECASE)
#: URL schemes that name no file: never checked.
NOT_FILES = ("mailto:", "tel:", "data:", "javascript:", "about:", "blob:")
#: In stylesheets: what a browser fetches.
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a built site: the file it is in, its kind, the link or element, and what is wrong."""

    page: str  # path relative to the site root
    kind: str  # "link", "anchor", "outside", "html", "xml", "external"
    target: str  # the link as written, or the element
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


@dataclass(frozen=True)
class _Ref:
    """A URL found in a file, and whether the browser loads it with the page."""

    url: str
    loads: bool


def check_files(files: Mapping[str, bytes], base_url: str, not_rendered: tuple[str, ...] = ()) -> list[Problem]:
    """Every problem of the site made of ``files`` served at ``base_url`` (a full URL, or its path alone).

    Paths under ``not_rendered`` are written by a later stage (Pagefind's ``pagefind/``) and
    are not required to exist, for checking a render stage's output before indexing.
    """
    if not _parses(base_url):  # --base-url as typed: one problem, not a traceback
        return [Problem(".", "link", base_url, f"bad base URL {base_url}: expected http(s)://host/path/ or /path/")]
    site = _Site(files, base_url)
    problems: list[Problem] = []
    for page in sorted(files):
        if page.endswith(".html"):
            parsed = site.parsed(page)
            problems += [Problem(page, "html", tag, message) for tag, message in parsed.errors]
            refs: Iterable[_Ref] = parsed.refs
        elif page.endswith(".xml"):
            refs, error = _xml_refs(files[page])
            if error:
                problems.append(Problem(page, "xml", page, f"not well-formed XML: {error}"))
        elif page.endswith(".css"):
            refs = [_Ref(u, True) for groups in _CSS_URL.findall(files[page].decode("utf-8", "replace"))
                    for u in groups if u]
        else:
            continue
        problems += site.check_refs(page, refs, not_rendered)
    return problems


def check_site(folder: Path | str, base_url: str | None = None) -> list[Problem]:
    """Every problem of the built site in ``folder``; ``base_url`` defaults to what its sitemap says."""
    files = FileTree(Path(folder))
    if base_url is None:
        base_url = sitemap_base_url(files) or "/"
    return check_files(files, base_url)


def sitemap_base_url(files: Mapping[str, bytes]) -> str | None:
    """The URL a built site was built for, from its ``sitemap.xml``; None without one.

    That is the home page, the shortest ``<loc>`` that is a folder; in a sitemap index (whose
    ``<loc>``s are the sitemaps beside it, at the site's root) the folder of the first one.
    """
    if "sitemap.xml" not in files:
        return None
    refs, error = _xml_refs(files["sitemap.xml"])
    locs = sorted((r.url for r in refs if not error and _parses(r.url)), key=len)
    folders = [loc for loc in locs if loc.endswith("/")]
    if folders:
        return folders[0]
    return locs[0].rsplit("/", 1)[0] + "/" if locs else None


def _parses(url: str) -> bool:
    try:
        urlsplit(url).port  # noqa: B018
    except ValueError:
        return False
    return True


class FileTree(Mapping[str, bytes]):
    """The files below a folder by relative path, read when asked for (a large site is not held in memory)."""

    def __init__(self, root: Path):
        self.root = root
        self._paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        self._known = frozenset(self._paths)

    def __getitem__(self, path: str) -> bytes:
        if path not in self._known:
            raise KeyError(path)
        return (self.root / path).read_bytes()

    def __contains__(self, path: object) -> bool:
        return path in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


class _Site:
    """The site's files with its base URL, and each HTML page parsed once (for its links and its ids)."""

    def __init__(self, files: Mapping[str, bytes], base_url: str):
        self.files = files
        split = urlsplit(base_url)
        self.host = split.netloc.lower()
        self.base_path = "/" + split.path.strip("/") + "/" if split.path.strip("/") else "/"
        self._parsed: dict[str, _Page] = {}

    def parsed(self, page: str) -> "_Page":
        if page not in self._parsed:
            parser = _Page()
            data = self.files[page]
            parser.feed(data.decode("utf-8", "replace"))
            parser.close()
            parser.finish()
            try:  # every page says <meta charset="utf-8">: other bytes show as mojibake
                data.decode("utf-8")
            except UnicodeDecodeError as e:
                parser.errors.insert(0, ("html", f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})"))
            self._parsed[page] = parser
        return self._parsed[page]

    def check_refs(self, page: str, refs: Iterable[_Ref], not_rendered: tuple[str, ...]) -> list[Problem]:
        """The problems of the URLs ``page`` refers to."""
        here = self.base_path + (page[: -len("index.html")] if page.endswith("index.html") else page)
        problems = []
        for ref in refs:
            link = ref.url.strip()
            if not link or link.lower().startswith(NOT_FILES):
                continue
            try:
                split = urlsplit(urljoin(here, link))
                split.port  # noqa: B018 (reading it raises ValueError for a port that is not one)
            except ValueError:
                problems.append(Problem(page, "link", link, f"bad URL {link}: it cannot be parsed"))
                continue
            if split.scheme not in ("", "http", "https"):
                continue
            if split.netloc and split.netloc.lower() != self.host:
                if ref.loads:
                    problems.append(Problem(page, "external", link, f"loads {link} from another host"))
                continue
            if not split.path.startswith(self.base_path):
                problems.append(Problem(page, "outside", link, f"links {link} outside the site's base path "
                                                               f"{self.base_path}"))
                continue
            target = _file_of(unquote(split.path[len(self.base_path):]))
            if target.startswith(not_rendered):
                continue
            if target not in self.files:
                problems.append(Problem(page, "link", link, f"broken link {link}: no file {target}"))
            elif split.fragment and target.endswith(".html") and \
                    unquote(split.fragment) not in self.parsed(target).ids:
                problems.append(Problem(page, "anchor", link, f"broken link {link}: {target} has no "
                                                              f"id=\"{unquote(split.fragment)}\""))
        return problems


def _file_of(path: str) -> str:
    """The file a URL path below the base path is served from: a folder's ``index.html``."""
    return path + "index.html" if path == "" or path.endswith("/") else path


class _Page(html.parser.HTMLParser):
    """One HTML page's URLs, ids and markup errors, from one pass of ``html.parser``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[_Ref] = []
        self.ids: set[str] = set()
        self.errors: list[tuple[str, str]] = []
        self._open: list[tuple[str, int]] = []  # (tag, line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag not in VOID:
            self._open.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if key in values:
                if key == "id" and values[key] in self.ids:
                    self.errors.append((tag, f"id \"{values[key]}\" given twice (line {self.getpos()[0]})"))
                self.ids.add(values[key])
        rels = set(values.get("rel", "").lower().split())
        if "style" in values:
            self.refs += [_Ref(u, True) for groups in _CSS_URL.findall(values["style"]) for u in groups if u]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.refs += [_Ref(u, True) for u in _REFRESH_URL.findall(values.get("content", ""))]
        for key, value in values.items():
            if key in ("href", "src", "srcset", "data", "poster"):
                loads = (tag, key) in LOADS or (tag, key) in REDIRECTS or (tag == "link" and key == "href" and bool(rels & LOADING_RELS))
                urls = [part.split()[0] for part in value.split(",") if part.strip()] if key == "srcset" else [value]
                self.refs += [_Ref(u, loads) for u in urls]

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] == "style":
            self.refs += [_Ref(u, True) for groups in _CSS_URL.findall(data) for u in groups if u]

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        names = [t for t, _ in self._open]
        if tag not in names:
            self.errors.append((tag, f"</{tag}> closes nothing (line {self.getpos()[0]})"))
            return
        while self._open:
            open_tag, line = self._open.pop()
            if open_tag == tag:
                break
            if open_tag not in OPTIONAL_END:
                self.errors.append((open_tag, f"<{open_tag}> of line {line} is not closed before </{tag}> "
                                              f"(line {self.getpos()[0]})"))

    def finish(self) -> None:
        """After the last byte: the elements still open."""
        for tag, line in self._open:
            if tag not in OPTIONAL_END:
                self.errors.append((tag, f"<{tag}> of line {line} is never closed"))
        self._open = []


def _xml_refs(data: bytes) -> tuple[list[_Ref], str | None]:
    """The URLs of an XML file (sitemap ``<loc>``s, ``href``/``src`` attributes), or its parse error."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        return [], str(e)
    refs = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "loc" and element.text:
            refs.append(_Ref(element.text.strip(), False))
        refs += [_Ref(element.attrib[k], False) for k in ("href", "src") if k in element.attrib]
    return refs, None
