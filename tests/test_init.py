"""``archivist init``: a new site that builds at once, a site.toml of every key, and nothing overwritten."""

from __future__ import annotations

import dataclasses
import re
import tomllib
import typing

import pytest
from click.testing import CliRunner

from archivist.cli import main
from archivist.config import Config, load_config, parse_config
from archivist.init import InitError, init_site, site_toml
from archivist.site.check import check_site


def test_a_new_site_builds_at_once_and_checks_clean(tmp_path, nlp):
    from archivist.build import build

    site = tmp_path / "my-archive"
    result = CliRunner().invoke(main, ["init", str(site)])
    assert result.exit_code == 0, result.output
    assert load_config(site).title == "My archive"
    report = build(site, progress=False, log=lambda _: None)
    assert report.problems == () and report.warnings == ()
    assert {"harbour-bridge", "library-hours"} <= {p.name for p in (report.output / "articles").iterdir()}
    assert (report.output / "actors" / "ines-calloway" / "index.html").exists()  # quoted in both articles
    assert [str(p) for p in check_site(report.output)] == []
    checked = CliRunner().invoke(main, ["check", "--site", str(site)])  # the config's output_dir, build/
    assert checked.exit_code == 0 and "no problem" in checked.output, checked.output


def test_every_declared_key_is_in_site_toml_at_its_default():
    text = site_toml("An archive")
    # remove the "# " of every commented key and table: the file must then read as the defaults
    uncommented = re.sub(r'^# (\[\w+\]|"?[\w.]+"? = .*)$', r"\1", text, flags=re.M)
    data = tomllib.loads(uncommented)
    config = parse_config(data)
    assert config == dataclasses.replace(Config(title="An archive"), outlets=config.outlets)
    assert config.outlets == {"example.org": "Example Gazette"}  # the table's example line
    hints = typing.get_type_hints(Config)
    for f in dataclasses.fields(Config):
        assert f.name in data, f.name
        if dataclasses.is_dataclass(hints[f.name]):
            assert {g.name for g in dataclasses.fields(hints[f.name])} == set(data[f.name]), f.name


def test_nothing_is_overwritten_and_the_error_names_the_files(tmp_path):
    (tmp_path / "site.toml").write_text('title = "Mine"\n')
    (tmp_path / "content").mkdir()
    with pytest.raises(InitError, match=r"site\.toml") as error:
        init_site(tmp_path)
    assert "content/harbour-bridge.txt" not in str(error.value)
    assert (tmp_path / "site.toml").read_text() == 'title = "Mine"\n'
    assert not (tmp_path / "actors.toml").exists()
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1 and "already there: site.toml" in result.output


def test_the_workflow_checks_the_site_before_deploying(tmp_path):
    init_site(tmp_path, title="Title")
    workflow = (tmp_path / ".github/workflows/pages.yml").read_text()
    assert workflow.index("archivist build") < workflow.index("archivist check build") < workflow.index(
        "upload-pages-artifact")
    assert "__VERSION__" not in workflow
    assert (tmp_path / ".gitignore").read_text().split("\n")[1:3] == ["build/", ".archivist-cache/"]
    assert tomllib.loads((tmp_path / "actors.toml").read_text()) == {}  # examples only, all commented
