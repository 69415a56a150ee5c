"""``data/``: the archive's tables as CSV and SQLite, parsed back and counted against the archive;
``[data] formats`` chooses which of them (and each article's annotations.json) a site carries."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import sqlite3

import pytest
from conftest import BASE_URL, sample_archive, sample_config

from archivist.site.data import TABLES, data_files
from archivist.site.render import default_theme_dir, render_site


def tables(files: dict[str, bytes]) -> dict[str, list[dict[str, str]]]:
    """Each CSV of ``files`` (plain, else gzipped: the default) parsed back with the csv module, by table name."""
    def text(name: str) -> str:
        plain = files.get(f"data/{name}.csv")
        return (plain if plain is not None else gzip.decompress(files[f"data/{name}.csv.gz"])).decode("utf-8")
    return {t.name: list(csv.DictReader(io.StringIO(text(t.name), newline=""))) for t in TABLES}


def test_each_csv_parses_back_with_one_row_per_record():
    archive, config = sample_archive(), sample_config()
    rows = tables(data_files(archive, config))
    anns = archive.annotations.values()
    assert len(rows["articles"]) == len(archive.articles)
    assert len(rows["quotes"]) == sum(len(a.quotes) for a in anns)
    assert len(rows["mentions"]) == sum(len(a.mentions) for a in anns)
    assert [r["id"] for r in rows["actors"]] == sorted(a.id for a in archive.actors)
    assert {(r["article_id"], r["number"]) for r in rows["quotes"]} >= {("budget", "1"), ("budget", "3"), ("xss", "1")}


def test_a_tables_count_is_its_number_of_rows():
    # the README's counts come from ``count`` where a table's file is kept (its rows not made)
    for config in (sample_config(), sample_config(data={"min_cooccurrence": 1})):
        archive = sample_archive()
        for table in TABLES:
            if table.count:
                assert table.count(archive) == len(list(table.rows(archive, config))), table.name
    assert sum(1 for t in TABLES if t.count) == len(TABLES) - 1  # all but cooccurrence


def test_values_survive_commas_quotes_and_markup():
    rows = tables(data_files(sample_archive(), sample_config()))
    budget = next(r for r in rows["quotes"] if r["article_id"] == "budget" and r["number"] == "1")
    assert budget["text"] == "“This budget keeps every library open for another year,”"
    assert (budget["speaker"], budget["speaker_id"], budget["role"]) == ("Jane Doe", "jane-doe", "Mayor")
    unnamed = next(r for r in rows["quotes"] if r["article_id"] == "budget" and r["number"] == "2")
    assert (unnamed["speaker"], unnamed["speaker_id"], unnamed["speaker_words"]) == ("", "", "A senior official")
    xss = next(r for r in rows["articles"] if r["id"] == "xss")
    assert xss["title"] == "Comment form shows <script>alert(1)</script>"
    assert xss["page"] == "https://someone.github.io/archive/articles/xss/"
    jane = next(r for r in rows["actors"] if r["id"] == "jane-doe")
    assert (jane["mentions"], jane["quotes"], jane["links"]) == ("3", "2", "https://en.wikipedia.org/wiki/Jane_Doe")


def test_cooccurrence_is_an_edge_list_of_shared_articles():
    rows = tables(data_files(sample_archive(), sample_config(data={"min_cooccurrence": 1})))["cooccurrence"]
    edges = {(r["source"], r["target"]): int(r["weight"]) for r in rows}
    assert list(rows[0]) == ["source", "target", "weight"]
    assert edges[("port-authority", "springfield")] == 2  # the budget and the harbour articles
    assert edges[("jane-doe", "john-smith")] == 1
    assert all(s < t for s, t in edges)


def test_cooccurrence_keeps_pairs_of_min_cooccurrence_articles_by_default_two():
    every = tables(data_files(sample_archive(), sample_config(data={"min_cooccurrence": 1})))["cooccurrence"]
    files = data_files(sample_archive(), sample_config())
    kept = tables(files)["cooccurrence"]
    assert kept == [r for r in every if int(r["weight"]) >= 2] and 0 < len(kept) < len(every)
    assert "share 2 articles or more" in files["data/README.txt"].decode()
    assert "share 1 articles" not in data_files(sample_archive(), sample_config(data={"min_cooccurrence": 1}))[
        "data/README.txt"].decode()


#: A config that asks for every export.
ALL = {"data": {"formats": ["csv", "sqlite", "json"]}}


def test_sqlite_holds_the_same_tables_and_the_same_bytes_every_time():
    archive, config = sample_archive(), sample_config(**ALL)
    files = data_files(archive, config)
    # CSVs and database, byte for byte, whatever order the actors and the annotations come in
    shuffled = dataclasses.replace(archive, actors=archive.actors[::-1],
                                   annotations=dict(reversed(archive.annotations.items())))
    assert data_files(shuffled, config) == files
    rows = tables(files)
    db = sqlite3.connect(":memory:")
    db.deserialize(files["data/archive.sqlite"])
    for table in TABLES:
        got = db.execute(f'SELECT * FROM "{table.name}"').fetchall()
        assert [["" if v is None else str(v) for v in row] for row in got] == \
            [list(r.values()) for r in rows[table.name]], table.name


def test_a_database_above_the_limit_is_left_out_and_the_readme_says_so():
    files = data_files(sample_archive(), sample_config(**ALL), max_sqlite_bytes=1000)
    assert "data/archive.sqlite" not in files and "data/quotes.csv" in files
    assert "archive.sqlite is left out" in files["data/README.txt"].decode()


def test_the_readme_names_every_column_and_the_home_page_links_it():
    archive, config = sample_archive(), sample_config(**ALL)
    readme = data_files(archive, config)["data/README.txt"].decode()
    for table in TABLES:
        assert f"{table.name}.csv" in readme
        for column in table.columns:
            assert f"  {column.name}  " in readme, (table.name, column.name)
    assert "https://lite.datasette.io/?url=https://someone.github.io/archive/data/archive.sqlite" in readme
    site = render_site(archive, config, [default_theme_dir()], lambda a: "")
    assert "data/README.txt" in site and 'href="/archive/data/"' not in site["index.html"].decode()
    assert 'href="/archive/data/README.txt"' in site["index.html"].decode()


def test_each_quote_links_to_its_anchor_in_the_built_site(example_site):
    _, report, _ = example_site
    quotes = list(csv.DictReader(io.StringIO((report.output / "data" / "quotes.csv").read_text("utf-8"),
                                             newline="")))
    assert len(quotes) > 100
    pages: dict[str, str] = {}
    for q in quotes:
        path, _, anchor = q["page"].removeprefix(BASE_URL).partition("#")
        page = pages.setdefault(path, (report.output / path / "index.html").read_text("utf-8"))
        assert anchor == q["anchor"] and f'id="{anchor}"' in page, q["page"]


@pytest.mark.parametrize("formats, data, annotations_json", [
    (None, {"README.txt", "articles.csv.gz", "quotes.csv.gz", "mentions.csv.gz", "actors.csv.gz",
            "cooccurrence.csv.gz"}, False),
    (["csv"], {"README.txt", "articles.csv", "quotes.csv", "mentions.csv", "actors.csv", "cooccurrence.csv"}, False),
    (["sqlite"], {"README.txt", "archive.sqlite"}, False),
    (["json"], set(), True),
    ([], set(), False),
])
def test_formats_choose_the_exports_the_site_carries(formats, data, annotations_json):
    # one by default: the CSV tables, gzipped; plain CSV, SQLite and the per-article JSON (the same rows) where asked
    archive = sample_archive()
    config = sample_config() if formats is None else sample_config(data={"formats": formats})
    site = render_site(archive, config, [default_theme_dir()], lambda a: "")
    assert {p.removeprefix("data/") for p in site if p.startswith("data/")} == data
    assert ("articles/budget/annotations.json" in site) is annotations_json
    assert ("actors.json" in site) is annotations_json
    article, home = site["articles/budget/index.html"].decode(), site["index.html"].decode()
    assert ('href="/archive/articles/budget/annotations.json"' in article) is annotations_json
    assert ('href="/archive/data/README.txt"' in home) is bool(data)


def test_gzipped_csv_files_hold_the_csv_files_bytes():
    """"csv.gz" (the default): each table's CSV file gzipped, the same bytes on every build; the README
    names the .csv.gz files and says how to read them, and the home page says what they are."""
    archive = sample_archive()
    plain = data_files(archive, sample_config(data={"formats": ["csv"]}))
    gz = data_files(archive, sample_config())
    for table in TABLES:
        packed = gz[f"data/{table.name}.csv.gz"]
        assert gzip.decompress(packed) == plain[f"data/{table.name}.csv"] and packed[4:8] == bytes(4)  # no mtime
    assert data_files(archive, sample_config()) == gz
    readme = gz["data/README.txt"].decode()
    assert "quotes.csv.gz: one row per quotation" in readme and "pandas.read_csv('quotes.csv.gz')" in readme
    home = render_site(archive, sample_config(), [default_theme_dir()], lambda a: "")["index.html"].decode()
    assert "mentions, actors and who appears with whom, as gzipped CSV, for research" in home


def test_a_readme_without_csv_names_tables_not_files():
    readme = data_files(sample_archive(), sample_config(data={"formats": ["sqlite"]}))["data/README.txt"].decode()
    assert "table quotes: one row per quotation" in readme and "quotes.csv: one row" not in readme
    assert "annotations.json" not in readme and "lite.datasette.io" in readme
