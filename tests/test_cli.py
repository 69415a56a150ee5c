"""The thin CLI: annotate's JSON lines, build's exit codes and messages, serve's rebuilds."""

from __future__ import annotations

import json

from click.testing import CliRunner

from archivist.cli import main

TEXT = '"We will not slam the door shut," Wendy Sherman told reporters. "We are not going to agree," she said.'


def test_annotate_jsonl_and_article_files(tmp_path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x1", "text": TEXT, "other": 1}) + "\n")
    art = tmp_path / "a1.txt"
    art.write_text("T\n20220101\nhttps://a.org/\n" + TEXT + "\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["annotate", str(src), str(art), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in lines] == ["x1", "a1"]
    for record in lines:
        assert set(record) == {"id", "entities", "quotes"}
        ent = record["entities"][0]
        assert {"start", "end", "text", "label", "actor"} <= set(ent)
        assert TEXT[ent["start"]:ent["end"]] == ent["text"]
        assert [q["speaker"] for q in record["quotes"]] == ["Wendy Sherman", "Wendy Sherman"]
        q = record["quotes"][1]
        assert TEXT[q["start"]:q["end"]] == q["text"] == '"We are not going to agree,"'
        assert q["speaker_mention"]["text"] == "she" and q["cue"] == "said"


def test_annotate_reports_bad_lines_and_files(tmp_path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "ok", "text": "Fine."}\n{"text": "no id"}\nnot json\n')
    result = CliRunner().invoke(main, ["annotate", str(src), "-q"])
    assert result.exit_code == 1
    assert f"{src}:2:" in result.output and f"{src}:3:" in result.output
    assert '"id": "ok"' in result.output


def test_build_with_a_bad_config_names_every_key(tmp_path):
    (tmp_path / "site.toml").write_text('titel = "x"\nper_page = "3"\n')
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown key 'titel'" in result.output and "'per_page' must be an integer" in result.output
    assert not (tmp_path / "build").exists()


def test_actors_lists_counts_and_likely_duplicates(tmp_path, nlp):
    # every actor, however rarely named: the duplicate "Lyndon Johnson" is named once, in one article
    (tmp_path / "site.toml").write_text('title = "Actors"\n[actors]\nmin_mentions = 1\nmin_articles = 1\n')
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(
        "One\n20240101\nhttps://www.example.org/a\nBoris Johnson met Emmanuel Macron in Paris. Johnson said no.\n")
    (tmp_path / "content" / "b.txt").write_text(
        "Two\n20240102\nhttps://www.example.org/b\nJohnson spoke. Lyndon Johnson was president. "
        "Boris Johnson and Macron met again in Paris.\n")
    result = CliRunner().invoke(main, ["actors", "--site", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("Boris Johnson" in line for line in lines)
    assert any("Emmanuel Macron" in line for line in lines)
    assert "Johnson" in result.output and "duplicate" in result.output.lower()
    data = json.loads(CliRunner().invoke(main, ["actors", "--site", str(tmp_path), "--json"]).output)
    assert any(row["name"] == "Emmanuel Macron" for row in data)


def test_annotate_never_writes_over_one_of_its_inputs(tmp_path):
    art = tmp_path / "a1.txt"
    art.write_text("T\n20220101\nhttps://a.org/\n" + TEXT + "\n")
    before = art.read_bytes()
    result = CliRunner().invoke(main, ["annotate", str(art), "-o", str(tmp_path / "." / "a1.txt"), "-q"])
    assert result.exit_code == 2 and "is one of the inputs" in result.output
    assert art.read_bytes() == before


def test_annotate_an_output_that_cannot_be_written_is_one_line(tmp_path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x1", "text": TEXT}) + "\n")
    result = CliRunner().invoke(main, ["annotate", str(src), "-o", str(tmp_path / "no" / "such" / "out.jsonl"), "-q"])
    assert result.exit_code == 1 and "No such file or directory" in result.output
    assert "Traceback" not in result.output


def test_numbers_out_of_range_are_usage_errors():
    for args in (["serve", "--port", "99999"], ["serve", "--port", "-1"], ["actors", "--limit", "-5"],
                 ["annotate", "x", "--processes", "-3"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_a_model_name_that_is_no_package_falls_back_to_an_installed_model():
    from archivist.annotate.model import DEFAULT_MODELS, available_model

    assert available_model("os.system") in DEFAULT_MODELS
    assert available_model("a..b") in DEFAULT_MODELS


def test_serve_on_an_address_it_cannot_take_is_one_line(tmp_path, nlp):
    import socket

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "site.toml").write_text('title = "T"\n[search]\nenabled = false\n')
    (site / "content" / "a.txt").write_text("T\n20220101\nhttps://a.org/\n" + TEXT + "\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--site", str(site), "--port", str(port), "--no-watch"])
    assert result.exit_code == 1 and f"cannot serve on 127.0.0.1:{port}" in result.output, result.output
    assert "Traceback" not in result.output


def test_build_into_a_name_the_system_refuses_is_one_line(tmp_path):
    (tmp_path / "site.toml").write_text('title = "T"\n')
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path), "--output", str(tmp_path / ("y" * 300))])
    assert result.exit_code == 1 and "File name too long" in result.output, result.output
    assert "Traceback" not in result.output
