"""Data for researchers: the archive's articles, quotes, mentions, actors and co-occurrences as CSV and SQLite.

``data_files`` is a pure function, Archive and Config in, ``{path: bytes}`` out, under
``data/`` of the built site, in the formats ``[data] formats`` names (one by default: the
same rows in three formats were a third of a CNN-sized site): "csv", one CSV per table
(the ``csv`` module, UTF-8, one header row, rows in a fixed order, so an unchanged archive
gives the same bytes); "csv.gz", the same files gzipped with no time stamp (the default: 22 MB
of CSV on 2,287 CNN articles are 4.9 MB so); "sqlite", ``archive.sqlite`` with the same tables for Datasette Lite
while it stays under ``max_sqlite_bytes``; and with either a ``README.txt`` of every column.
("json", each article's ``annotations.json``, is written beside its page by render.) Each table is declared once below (its columns, their
types and meanings, and the function that gives its rows), so the CSV header, the SQLite
schema and the README cannot disagree.

``cooccurrence.csv`` is an edge list (``source,target,weight``: two actor ids and the
number of articles that mention both, from ``[data] min_cooccurrence`` articles) that Gephi
imports as an edge table and networkx reads with ``nx.from_pandas_edgelist(df, edge_attr="weight")``.
"""

from __future__ import annotations

import csv
import gzip
import io
import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from archivist.config import Config
from archivist.models import KINDS, Archive
from archivist.site.incremental import Inputs
from archivist.site.quote_ids import annotation_anchors

#: Where the files go in the built site.
DATA_DIR = "data/"
#: The SQLite file is left out above this size (Datasette Lite loads it whole into the browser).
MAX_SQLITE_BYTES = 50 * 2**20
#: The CSV formats of ``[data] formats``, each a file per table named ``<table>.<suffix>``.
CSV_SUFFIXES = ("csv", "csv.gz")
#: Between the values of a list in one CSV cell (authors, tags, aliases, roles, links).
LIST_SEPARATOR = "; "

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Column:
    """One column: its name, its SQLite type (TEXT or INTEGER) and what it holds."""

    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class Table:
    """One table of the data: its name (``<name>.csv``, the SQLite table), what one row is, and its rows.

    ``inputs`` gives the archive's records (and small values) its rows are a pure function of, with
    the config: a build keys the table's file on them, and a table whose inputs did not change is
    not made again. ``count`` gives its number of rows without making them, where that is cheap
    (the README's counts), else None.
    """

    name: str
    row: str
    columns: tuple[Column, ...]
    rows: Callable[[Archive, Config], Iterable[Row]]
    inputs: Callable[[Archive], tuple[Any, ...]]
    count: Callable[[Archive], int] | None = None


def _page(config: Config, path: str) -> str:
    # the page's full URL as the sitemap gives it (absolute_url in render.py)
    return config.base_url.rstrip("/") + "/" + path


def _join(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _article_rows(archive: Archive, config: Config) -> Iterator[Row]:
    for a in archive.articles:
        ann = archive.annotations.get(a.id)
        yield (a.id, a.title, a.date.isoformat() if a.date else None, a.outlet, a.url or a.reference,
               _page(config, f"articles/{a.id}/"), a.source, a.format, _join(a.authors), _join(a.tags),
               len(a.text.split()), len(ann.mentions) if ann else 0, len(ann.quotes) if ann else 0)


def _quote_rows(archive: Archive, config: Config) -> Iterator[Row]:
    for a in archive.articles:
        ann = archive.annotations.get(a.id)
        anchors = annotation_anchors(ann)
        for n, q in enumerate(ann.quotes if ann else (), 1):
            anchor = anchors[n - 1]
            yield (a.id, n, anchor, _page(config, f"articles/{a.id}/#{anchor}"), q.kind, q.text, q.speaker,
                   q.actor_id, q.speaker_mention.text if q.speaker_mention else None, q.role, q.cue, q.start,
                   q.end, a.date.isoformat() if a.date else None, a.outlet)


def _mention_rows(archive: Archive, config: Config) -> Iterator[Row]:
    for a in archive.articles:
        ann = archive.annotations.get(a.id)
        for m in ann.mentions if ann else ():
            yield (a.id, m.start, m.end, m.text, m.label, m.kind, m.actor, m.actor_id, m.role)


def _actor_rows(archive: Archive, config: Config) -> Iterator[Row]:
    for actor in sorted(archive.actors, key=lambda a: a.id):
        yield (actor.id, actor.name, actor.kind, actor.mentions, len(actor.articles), len(actor.quotes),
               _join(actor.aliases), _join(actor.roles), actor.description, _page(config, f"actors/{actor.id}/"),
               _join(url for _, url in actor.links))


def _cooccurrence_rows(archive: Archive, config: Config) -> Iterator[Row]:
    # every pair, not Actor.co_actors: that keeps only each actor's most frequent co-actors. Pairs
    # are counted as numpy codes (a CNN-sized archive has over a million): each article's actors
    # as indexes into the sorted ids, a pair (i < j) as i * n + j, so sorted codes are sorted pairs.
    mentioned = {a.id: {m.actor_id for m in ann.mentions if m.actor_id is not None}
                 for a in archive.articles if (ann := archive.annotations.get(a.id))}
    ids = sorted(set().union(*mentioned.values()))
    position, n = {actor_id: k for k, actor_id in enumerate(ids)}, len(ids)
    codes = [np.zeros(0, dtype=np.int64)]
    for present_ids in mentioned.values():
        present = np.array(sorted(position[i] for i in present_ids), dtype=np.int64)
        first, second = np.triu_indices(len(present), 1)
        codes.append(present[first] * n + present[second])
    pairs, weights = np.unique(np.concatenate(codes), return_counts=True)
    kept = weights >= config.data.min_cooccurrence
    for code, weight in zip(pairs[kept].tolist(), weights[kept].tolist()):
        yield ids[code // n], ids[code % n], weight


def _annotated(archive: Archive) -> tuple[Any, ...]:
    # what the quotes, mentions and co-occurrence rows read of an article besides its annotation
    # (not its text, title or tags: an edit of those leaves these tables as they are). The whole
    # annotation, each digested once a build: keying a table on its quotes or mentions alone
    # would digest each of those records once more.
    return tuple((a.id, a.date, a.outlet, archive.annotations.get(a.id)) for a in archive.articles)


def _annotations(archive: Archive) -> list[Any]:
    return [ann for a in archive.articles if (ann := archive.annotations.get(a.id))]


#: Words a column's meaning may hold in braces: ``{separator}`` and ``{kinds}``.
_MEANING_WORDS = {"separator": LIST_SEPARATOR, "kinds": ", ".join(KINDS[:-1]) + " or " + KINDS[-1]}


def _columns(table: str) -> tuple[Column, ...]:
    """A table's columns from lines of ``name  TYPE  meaning``, laid out as README.txt lists them."""
    columns = []
    for line in table.strip().splitlines():
        name, sql_type, meaning = line.split(None, 2)
        columns.append(Column(name, sql_type, meaning.format(**_MEANING_WORDS)))
    return tuple(columns)


#: The tables, in the order the README lists them: each column's name, SQLite type and meaning.
TABLES = (
    Table("articles", "article", _columns("""
        id          TEXT     the article's id (its slug), unique
        title       TEXT     the title
        date        TEXT     the article's date, YYYY-MM-DD (empty: undated)
        outlet      TEXT     the outlet that published it (empty: unknown)
        source_url  TEXT     where it was published, or the archive's own identifier for it
        page        TEXT     its page on this site
        file        TEXT     its file under content/
        format      TEXT     txt or md
        authors     TEXT     its authors, separated by '{separator}'
        tags        TEXT     its tags, separated by '{separator}'
        words       INTEGER  words in its text
        mentions    INTEGER  named entities found in it (rows of mentions.csv)
        quotes      INTEGER  quotations found in it (rows of quotes.csv)
    """), _article_rows,
          lambda archive: tuple((a, len(ann.mentions), len(ann.quotes)) if (ann := archive.annotations.get(a.id))
                                else (a,) for a in archive.articles),
          lambda archive: len(archive.articles)),
    Table("quotes", "quotation in an article", _columns("""
        article_id     TEXT     the article's id (articles.csv), its page articles/<id>/
        number         INTEGER  the quotation's number in its article, 1 first, in text order
        anchor         TEXT     its id in the article's page, from its words: it stays when other quotes change
        page           TEXT     the quotation on this site: its article's page at its anchor
        kind           TEXT     direct (a quote card) or partial (a fragment inside the writer's sentence)
        text           TEXT     the quotation as written, with its quote marks
        speaker        TEXT     the speaker's name (empty: the article names nobody)
        speaker_id     TEXT     the speaker's actor id (actors.csv) where the speaker has a page
        speaker_words  TEXT     the article's words for the speaker at the cue ('a senior official', 'he')
        role           TEXT     the role the article gives the speaker ('Kremlin spokesperson')
        cue            TEXT     the speech verb or phrase that attributes it ('said', 'according to')
        start          INTEGER  where it starts in the article's text, in characters (with its marks)
        end            INTEGER  where it ends, in characters
        date           TEXT     the article's date, YYYY-MM-DD (empty: undated)
        outlet         TEXT     the article's outlet
    """), _quote_rows,
          _annotated,
          lambda archive: sum(len(ann.quotes) for ann in _annotations(archive))),
    Table("mentions", "named entity in an article", _columns("""
        article_id  TEXT     the article's id (articles.csv), its page articles/<id>/
        start       INTEGER  where it starts in the article's text, in characters
        end         INTEGER  where it ends, in characters
        text        TEXT     the words as written
        label       TEXT     spaCy's entity label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
        kind        TEXT     {kinds}
        actor       TEXT     the actor's name across the archive ('Vladimir Putin' for 'Putin')
        actor_id    TEXT     the actor's id (actors.csv) where the actor has a page
        role        TEXT     a title or role the article gives the actor here
    """), _mention_rows,
          _annotated,
          lambda archive: sum(len(ann.mentions) for ann in _annotations(archive))),
    Table("actors", "person, organisation or place with a page", _columns("""
        id           TEXT     the actor's id, unique, its page actors/<id>/
        name         TEXT     the name
        kind         TEXT     {kinds}
        mentions     INTEGER  mentions across the archive
        articles     INTEGER  articles that mention it
        quotes       INTEGER  quotations it is the speaker of
        aliases      TEXT     other names it goes by, separated by '{separator}'
        roles        TEXT     roles the articles give it, separated by '{separator}'
        description  TEXT     the editor's description (actors.toml)
        page         TEXT     its page on this site
        links        TEXT     Wikipedia, Wikidata and website links, separated by '{separator}'
    """), _actor_rows,
          lambda archive: tuple(sorted(archive.actors, key=lambda a: a.id)),
          lambda archive: len(archive.actors)),
    Table("cooccurrence", "pair of actors mentioned in the same articles (an undirected edge)", _columns("""
        source  TEXT     one actor's id (actors.csv), the smaller of the two
        target  TEXT     the other actor's id
        weight  INTEGER  articles that mention both
    """), _cooccurrence_rows,
          _annotated),
)


def data_files(archive: Archive, config: Config, max_sqlite_bytes: int = MAX_SQLITE_BYTES,
               keep: Callable[[str, Mapping[str, Any]], bool] | None = None) -> dict[str, bytes | None]:
    """The ``data/`` files of the site in ``config.data.formats``: a CSV per table ("csv"), ``archive.sqlite``
    if small enough ("sqlite"), and with either README.txt; nothing when neither is asked for.

    ``keep(path, inputs)`` (render's page keys), where given, is asked for each file with what it is
    made from (with the config): a file it keeps maps to None, "the file in the output stands", and
    its rows are not made. A CSV is made from its table's ``inputs``; the README from the tables'
    row counts (a table's inputs where it has no cheap ``count``); the SQLite file, and the README
    beside it, from every table's inputs, since one changed row changes the whole database.
    """
    formats = config.data.formats
    if not set(formats) & {"csv", "csv.gz", "sqlite"}:
        return {}
    keep = keep or (lambda path, inputs: False)
    # Each table's inputs as one Inputs record, made once for the tables that share them (quotes,
    # mentions, co-occurrence), so that the page keys digest them once a build.
    shared: dict[Callable[[Archive], tuple[Any, ...]], Inputs] = {}
    for t in TABLES:
        if t.inputs not in shared:
            shared[t.inputs] = Inputs("data", t.inputs(archive))
    inputs = {t.name: shared[t.inputs] for t in TABLES}
    rows: dict[str, list[Row]] = {}  # made only for the files made
    tables: dict[str, bytes] = {}

    def rows_of(table: Table) -> list[Row]:
        if table.name not in rows:
            rows[table.name] = list(table.rows(archive, config))
        return rows[table.name]

    def csv_of(table: Table) -> bytes:
        if table.name not in tables:
            tables[table.name] = csv_bytes(table, rows_of(table))
        return tables[table.name]

    out: dict[str, bytes | None] = {}
    for suffix in (s for s in CSV_SUFFIXES if s in formats):  # "csv.gz": the same bytes, gzipped
        for t in TABLES:
            path = f"{DATA_DIR}{t.name}.{suffix}"
            made = None if keep(path, {"table": t.name, "inputs": inputs[t.name]}) else csv_of(t)
            out[path] = gzip.compress(made, mtime=0) if made is not None and suffix == "csv.gz" else made
    readme_path, sqlite_path = f"{DATA_DIR}README.txt", f"{DATA_DIR}archive.sqlite"
    database = None
    if "sqlite" in formats:
        # asked for both, so that both keys are recorded; kept only together, else both made again
        keep_both = [keep(p, {"tables": inputs}) for p in (readme_path, sqlite_path)]
        if all(keep_both):
            return {**out, readme_path: None, sqlite_path: None}
        # SQLite holds the same values with a little more room than the CSVs (1.2x on the example
        # archive), so it is not even built where they pass the limit
        if sum(len(csv_of(t)) for t in TABLES) <= max_sqlite_bytes:
            database = sqlite_bytes(TABLES, {t.name: rows_of(t) for t in TABLES})
            if len(database) <= max_sqlite_bytes:
                out[sqlite_path] = database
            else:
                database = None
    else:
        counted = {t.name: t.count(archive) if t.count else inputs[t.name] for t in TABLES}
        if keep(readme_path, {"counts": counted}):
            return {**out, readme_path: None}
    counts = {t.name: len(rows_of(t)) if t.name in rows or not t.count else t.count(archive) for t in TABLES}
    out[readme_path] = readme(config, counts, len(database) if database else None, max_sqlite_bytes).encode("utf-8")
    return out


def csv_bytes(table: Table, rows: Iterable[Row]) -> bytes:
    """A table as CSV: a header row of its column names, then its rows (None as an empty cell)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(c.name for c in table.columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def sqlite_bytes(tables: Iterable[Table], rows: dict[str, list[Row]]) -> bytes:
    """The tables as one SQLite database file, the same bytes for the same rows.

    Built in memory, inserted in the rows' order, then VACUUMed into a fresh file so its pages
    hold nothing from the building; the header's change counters are then the same on every
    run (with the same SQLite library).
    """
    connection = sqlite3.connect(":memory:")
    try:
        for table in tables:
            columns = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
            connection.execute(f'CREATE TABLE "{table.name}" ({columns})')
            marks = ", ".join("?" * len(table.columns))
            connection.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows[table.name])
        connection.commit()
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()


def readme(config: Config, counts: dict[str, int], sqlite_size: int | None, max_sqlite_bytes: int) -> str:
    """README.txt of the data folder: what each file is, each column's meaning, how to open them."""
    home = _page(config, DATA_DIR)
    formats = config.data.formats
    suffix = next((s for s in CSV_SUFFIXES if s in formats), None)  # the CSV files' names: .csv, else .csv.gz
    lines = [f"Data of {config.title}", "", f"The archive's annotations as tables, for research. {home}", ""]
    if suffix:
        lines += ["Every table is a CSV file: UTF-8, comma-separated, one header row, quoted where needed",
                  "(Python's csv module, R's read.csv, pandas.read_csv, a spreadsheet). Cells hold the",
                  "articles' own words, as written: a spreadsheet may take a cell that begins with = + - or @",
                  "for a formula, so import the files as text or read them with a CSV library.", ""]
    if "csv.gz" in formats:
        lines += ["The .csv.gz files are those CSV files gzipped: pandas.read_csv('quotes.csv.gz') and R's",
                  "read.csv(gzfile('quotes.csv.gz')) read them as they are; gunzip gives the .csv file.", ""]
    lines += ["Ids join the tables: quotes.article_id and mentions.article_id are articles.id; speaker_id,",
              "actor_id, source and target are actors.id. Offsets are characters of the article's text as",
              "annotated" + (" (annotations.json beside each article has the same offsets)." if "json" in formats
                             else "."), ""]
    if sqlite_size is not None:
        lines += [f"archive.sqlite ({sqlite_size / 2**20:.1f} MB) holds the same tables. Open it in the browser",
                  f"with Datasette Lite: https://lite.datasette.io/?url={home}archive.sqlite", ""]
    elif "sqlite" in formats:
        lines += [f"archive.sqlite is left out: it would be larger than {max_sqlite_bytes / 2**20:.0f} MB.", ""]
    if suffix:
        lines += ["cooccurrence.csv is an undirected edge list: in Gephi, File > Import spreadsheet as an edges",
                  "table (choose 'undirected'), with actors.csv as its nodes table; in networkx,",
                  "nx.from_pandas_edgelist(pandas.read_csv('cooccurrence.csv'), edge_attr='weight').", ""]
    if config.data.min_cooccurrence > 1:
        lines += [f"The co-occurrence table keeps the pairs that share {config.data.min_cooccurrence} articles or more;",
                  "the pairs of fewer are in the mentions table (two actor_ids of one article_id).", ""]
    for table in TABLES:
        name = f"{table.name}.{suffix}" if suffix else f"table {table.name}"
        lines += [f"{name}: one row per {table.row} ({counts.get(table.name, 0):,} rows)"]
        width = max(len(c.name) for c in table.columns)
        lines += [f"  {c.name:<{width}}  {c.meaning}" for c in table.columns] + [""]
    return "\n".join(lines)
