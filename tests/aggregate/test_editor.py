"""Tests of the editor file (archivist.editor) and of its effect on aggregation (archivist.actors)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import actor_ids, article, by_name, corpus

from archivist.aggregate.actors import aggregate_actors, editor_warnings
from archivist.aggregate.editor import EditorError, load_editor_file, parse_editor_file

EXAMPLE = '''
[[actor]]
name = "Dmitry Peskov"
aliases = ["Dmitri Peskov", "Peskov"]
kind = "person"
description = "Kremlin spokesman"
wikipedia = "https://en.wikipedia.org/wiki/Dmitry_Peskov"
wikidata = "https://www.wikidata.org/wiki/Q4150467"

[[actor]]
name = "Boris Johnson (footballer)"
aliases = ["Boris Johnson"]
when = { outlet = "bbc.co.uk", before = 2010-01-01 }
'''


def test_load_editor_file(tmp_path):
    assert load_editor_file(tmp_path) is None  # no actors.toml: no editor file
    (tmp_path / "actors.toml").write_text(EXAMPLE)
    editor = load_editor_file(tmp_path)
    peskov, footballer = editor.entries
    assert peskov.names == ("Dmitry Peskov", "Dmitri Peskov", "Peskov") and peskov.kind == "person"
    assert peskov.links == (("Wikipedia", "https://en.wikipedia.org/wiki/Dmitry_Peskov"),
                            ("Wikidata", "https://www.wikidata.org/wiki/Q4150467"))
    assert not peskov.conditional and footballer.conditional
    assert footballer.outlets == ("bbc.co.uk",) and footballer.before == dt.date(2010, 1, 1)


def test_every_error_is_reported_at_once_naming_file_entry_and_key(tmp_path):
    (tmp_path / "actors.toml").write_text('''
[[actor]]
name = "A"
alias = ["B"]
hide = "yes"
[[actor]]
kind = "human"
wikipedia = "en.wikipedia.org/wiki/X"
when = { outlet = "bbc.co.uk", since = 2010-01-01, before = "last year" }
[actors]
''')
    with pytest.raises(EditorError) as e:
        load_editor_file(tmp_path)
    message = str(e.value)
    assert "actors.toml" in message
    for expected in ["actor[1] \"A\": unknown key 'alias' (did you mean 'aliases'?)",
                     "actor[1] \"A\": 'hide' must be true or false",
                     "actor[2]: missing key 'name'", "'kind' must be one of person, organisation, place, group, other",
                     "'wikipedia' must be an http(s):// URL", "unknown key 'when.since'",
                     "'when.before' must be a date", "unknown key 'actors' (did you mean 'actor'?)"]:
        assert expected in message
    assert len(e.value.errors) == 8


def test_invalid_toml_and_double_claims_are_errors(tmp_path):
    (tmp_path / "actors.toml").write_text("[[actor]\n")
    with pytest.raises(EditorError, match="not valid TOML"):
        load_editor_file(tmp_path)
    with pytest.raises(EditorError, match="already claimed by actor\\[1\\]"):
        parse_editor_file({"actor": [{"name": "Peskov"}, {"name": "Dmitry Peskov", "aliases": ["the Peskov"]}]})


def _peskovs():
    return corpus(
        (article("a", "Dmitry Peskov spoke."), [("Dmitry Peskov", "Dmitry Peskov", "person")]),
        (article("b", "Dmitri Peskov spoke. Dmitry Peskov too."), [("Dmitri Peskov", "Dmitri Peskov", "person")]),
        (article("c", "Peskov spoke."), [("Peskov", "Peskov", "person")]),
    )


def test_without_editor_spelling_variants_stay_apart():
    archive = aggregate_actors(*_peskovs())
    assert sorted(a.name for a in archive.actors) == ["Dmitri Peskov", "Dmitry Peskov", "Peskov"]


def test_merge_names_and_add_description_and_links():
    editor = parse_editor_file({"actor": [{"name": "Dmitry Peskov", "aliases": ["Dmitri Peskov"],
                                           "description": "Kremlin spokesman", "id": "peskov",
                                           "website": "https://kremlin.ru/"}]})
    archive = aggregate_actors(*_peskovs(), editor)
    # one page; the bare surname now has one full-name candidate (the merged actor) and joins it
    assert [(a.id, a.name) for a in archive.actors] == [("peskov", "Dmitry Peskov")]
    peskov = archive.actors[0]
    assert peskov.mentions == 4  # 3 annotated + "Dmitry Peskov" found by the name scan in "b"
    assert peskov.aliases == ("Dmitri Peskov", "Peskov")
    assert peskov.description == "Kremlin spokesman" and peskov.links == (("Website", "https://kremlin.ru/"),)
    assert editor_warnings(archive, editor) == []


def test_split_one_name_by_outlet_and_date():
    editor = parse_editor_file({"actor": [
        {"name": "Boris Johnson (footballer)", "aliases": ["Boris Johnson"],
         "when": {"outlet": "bbc.co.uk", "before": dt.date(2010, 1, 1)}}]})
    arts, anns = corpus(
        (article("sport", "Boris Johnson scored.", "2005-05-05", "sport.bbc.co.uk"),
         [("Boris Johnson", "Boris Johnson", "person")]),
        (article("politics", "Boris Johnson resigned.", "2022-07-07", "bbc.co.uk"),
         [("Boris Johnson", "Boris Johnson", "person")]),
        (article("other", "Boris Johnson, 2005.", "2005-05-05", "cnn.com"), [("Boris Johnson", "Boris Johnson", "person")]),
    )
    archive = aggregate_actors(arts, anns, editor)
    assert actor_ids(archive) == {"sport": ("boris-johnson-footballer",), "politics": ("boris-johnson",),
                                  "other": ("boris-johnson",)}
    actors = by_name(archive)
    assert actors["Boris Johnson (footballer)"].articles == ("sport",)
    assert actors["Boris Johnson"].articles == ("politics", "other")
    assert editor_warnings(archive, editor) == []


def test_hide_removes_page_links_and_co_actor_entries():
    editor = parse_editor_file({"actor": [{"name": "Jane Doe", "hide": True}]})
    text = "Jane Doe met Joe Biden. Later Jane Doe left."
    arts, anns = corpus((article("a", text), [("Jane Doe", "Jane Doe", "person"), ("Joe Biden", "Joe Biden", "person")]))
    archive = aggregate_actors(arts, anns, editor)
    assert [a.name for a in archive.actors] == ["Joe Biden"]
    assert archive.actors[0].co_actors == ()
    assert actor_ids(archive)["a"] == (None, "joe-biden")  # and the scan adds no hidden mention
    assert len(archive.annotations["a"].mentions) == 2


def test_kind_override():
    editor = parse_editor_file({"actor": [{"name": "Hamas", "kind": "organisation"}]})
    arts, anns = corpus((article("a", "Hamas said."), [("Hamas", "Hamas", "person")]))
    assert aggregate_actors(arts, anns, editor).actors[0].kind == "organisation"


def test_warnings_for_names_that_match_nothing():
    editor = parse_editor_file({"actor": [
        {"name": "Dmitry Peskov", "aliases": ["Dimitry Peskow"]},  # the alias is a typo
        {"name": "Nobody Atall"},
        {"name": "Peskov (ice hockey)", "aliases": ["Dmitri Peskov"], "when": {"outlet": "nhl.com"}},
    ]})
    archive = aggregate_actors(*_peskovs(), editor)
    warnings = editor_warnings(archive, editor)
    assert warnings == [
        "actors.toml: actor[1] \"Dmitry Peskov\": alias 'Dimitry Peskow' matches no name in the archive",
        "actors.toml: actor[2] \"Nobody Atall\" matches no name in the archive",
        "actors.toml: actor[3] \"Peskov (ice hockey)\": its 'when' condition holds for no article naming it",
    ]
    assert editor_warnings(archive, None) == []
