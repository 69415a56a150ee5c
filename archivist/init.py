"""``archivist init [DIR]``: a new site that builds at once.

It writes ``site.toml`` with every key of :class:`archivist.config.Config` commented out at
its default, generated from the declared dataclasses and their ``#:`` comments (so it
never goes stale when an option is added), one sample article in each format, an
``actors.toml`` of commented examples, a ``.gitignore`` and the GitHub Pages workflow
(from ``archivist/init_files/``). Nothing is ever overwritten: if any of these files
exists, none is written and the error names them.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import inspect
import json
import re
import typing
from pathlib import Path

from archivist.config import Config
from archivist.schema import CONTROL, one_line

#: The template folder inside the package.
FILES_DIR = Path(__file__).parent / "init_files"
#: What init writes: (path in the new site, template under FILES_DIR); site.toml is generated.
TEMPLATES = (
    ("content/harbour-bridge.txt", "content/harbour-bridge.txt"),
    ("content/library-hours.md", "content/library-hours.md"),
    ("actors.toml", "actors.toml"),
    # stored without their leading dot, so packaging tools do not take them for their own
    (".gitignore", "gitignore"),
    (".github/workflows/pages.yml", "pages.yml"),
)
#: ``[outlets]``'s example line: a table's keys are the user's, so no default shows its shape.
TABLE_EXAMPLES = {"outlets": '"example.org" = "Example Gazette"'}

_FIELD = re.compile(r"^\s+(\w+)\s*:[^=]*(?:=.*)?$")


class InitError(RuntimeError):
    """The site cannot be created; nothing was written."""


def init_site(folder: Path | str, title: str | None = None) -> list[Path]:
    """Create a new site in ``folder`` (made if missing); the files written, in order.

    ``title`` defaults to the folder's name ("my-archive" -> "My archive"). Raises
    InitError naming every file that exists already.
    """
    folder = Path(folder)
    if title and one_line(title):  # what load_config would refuse: the site would not build
        raise InitError(f"--title {one_line(title)}; nothing was written")
    title = title or _title_from(folder.resolve().name)
    files = {"site.toml": site_toml(title)}
    files.update({target: _template(source) for target, source in TEMPLATES})
    existing = [path for path in files if (folder / path).exists()]
    if existing:
        raise InitError(f"{folder}: already there: {', '.join(existing)}; nothing was written")
    written = []
    try:
        for path, text in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    except OSError as e:
        raise InitError(f"{e.filename or folder}: cannot create: {e.strerror}"
                        + (f"; written before that: {', '.join(map(str, written))}" if written else "")) from None
    return written


def _title_from(name: str) -> str:
    # a name that is not UTF-8 (surrogate escapes) or holds control characters gives what is text of it
    name = CONTROL.sub("", re.sub("[\ud800-\udfff]", "", name))
    words = re.sub(r"[-_.\s]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "My archive"


def _template(name: str) -> str:
    text = (FILES_DIR / name).read_text(encoding="utf-8")
    try:
        version = importlib.metadata.version("archivist")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that is not installed
        version = "0.1.0"
    return text.replace("__VERSION__", version)


def site_toml(title: str) -> str:
    """``site.toml`` with ``title`` set and every other key of Config commented out at its default."""
    lines = ["# site.toml: this archivist site's configuration. Only title is required; every other",
             "# key is shown at its default, commented out: remove the \"# \" to change it. An unknown",
             "# key or a wrong type is an error that names the key.", ""]
    docs = field_docs(Config)
    hints = typing.get_type_hints(Config)
    tables = []
    for f in dataclasses.fields(Config):
        if dataclasses.is_dataclass(hints[f.name]) or typing.get_origin(hints[f.name]) is dict:
            tables.append(f)
            continue
        lines += [f"# {docs.get(f.name, f.name)}", f"title = {_toml(title)}" if f.name == "title" else _commented(f), ""]
    # tables after the top-level keys, as TOML requires once they are uncommented
    for f in tables:
        kind = hints[f.name]
        if dataclasses.is_dataclass(kind):
            doc = (inspect.getdoc(kind) or f"[{f.name}]").splitlines()[0].replace("``", "")
            lines += [f"# {doc}", f"# [{f.name}]"]
            sub = field_docs(kind)
            for g in dataclasses.fields(kind):
                lines += [f"# {sub.get(g.name, g.name)}", _commented(g)]
        else:
            lines += [f"# {docs.get(f.name, f.name).replace('``', '')}", f"# [{f.name}]",
                      f"# {TABLE_EXAMPLES.get(f.name, 'key = \"value\"')}"]
        lines.append("")
    return "\n".join(lines)


def field_docs(cls: type) -> dict[str, str]:
    """Each field's documentation: its declared ``doc`` (``schema.key``), else its ``#:`` comment in the source.

    A ``#:`` comment documents the field on its line, or the field right below it.
    """
    docs: dict[str, str] = {}
    above: list[str] = []
    for line in inspect.getsource(cls).splitlines():
        code, _, trailing = line.partition("#:")
        if not code.strip() and trailing:
            above.append(trailing.strip())
            continue
        match = _FIELD.match(code.rstrip())
        text = trailing.strip() or " ".join(above)
        if match and text and not code.lstrip().startswith(("def ", "@", "class ")):
            docs[match.group(1)] = text
        above = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("doc"):
            docs[f.name] = f.metadata["doc"]
    return docs


def _commented(f: dataclasses.Field) -> str:
    """``# key = default`` (a key without a default, or with None for one, is shown as ``# key =``)."""
    if f.default is not dataclasses.MISSING:
        value = f.default
    elif f.default_factory is not dataclasses.MISSING:
        value = f.default_factory()
    else:
        value = None
    return f"# {f.name} =" if value is None else f"# {f.name} = {_toml(value)}"


def _toml(value) -> str:
    """A TOML literal of a default: strings as basic strings (JSON's escapes are TOML's), booleans lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, list, tuple)):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
