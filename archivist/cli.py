"""The ``archivist`` command: parses arguments and calls the stages; no logic of its own."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads: one BLAS thread per process

import click  # noqa: E402

from archivist.config import ConfigError  # noqa: E402


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="archivist")
def main() -> None:
    """archivist: turn an archive of news articles into an annotated static website."""


def _log(message: str) -> None:
    click.echo(message, err=True)


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="The site folder (with site.toml and content/).")
@click.option("--output", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the site (default: the config's output_dir, build/).")
@click.option("--base-url", help="The URL the site is served at, e.g. https://someone.github.io/archive/.")
@click.option("--strict", is_flag=True, default=None,
              help="Fail the build if any article is bad (every one is reported) instead of skipping them.")
@click.option("--scheduler", help="Annotate on this Dask scheduler (tcp://HOST:8786), or on N local "
                                   "worker processes (local:N); overrides [nlp] scheduler.")
@click.option("--clean", is_flag=True, help="Render, write and index every page from an empty folder "
                                           "(the same bytes as an incremental build; annotations stay cached).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def build(site_dir: Path, output_dir: Path | None, base_url: str | None, strict: bool | None,
          scheduler: str | None, clean: bool, quiet: bool) -> None:
    """Build the site into build/ (or --output)."""
    from archivist.build import BuildError, build as run_build

    try:
        overrides = {"base_url": base_url, "strict": strict, "nlp": {"scheduler": scheduler} if scheduler else None}
        report = run_build(site_dir, output_dir, overrides, progress=not quiet, log=_log, clean=clean)
    except ConfigError as e:
        _fail(str(e), 2)
    except BuildError as e:
        _fail(str(e))
    total = sum(s for _, s, _ in report.stages)
    skipped = f", {len(report.problems)} article(s) skipped" if report.problems else ""
    if report.up_to_date:
        click.echo(f"{report.output} is up to date{skipped}", err=True)
        return
    click.echo(f"built {report.pages} pages into {report.output} in {total:.1f}s{skipped}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="JSONL file (default: stdout).")
@click.option("--model", help="spaCy model to use where installed.")
@click.option("--processes", type=click.IntRange(0, 64), default=0, help="Worker processes (0: by input size).")
@click.option("--scheduler", default="", help="Annotate on this Dask scheduler (tcp://HOST:8786) or local:N, "
                                              "as build --scheduler does.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--per-article", is_flag=True, help="Name actors within each article only, not across the input.")
def annotate(inputs: tuple[Path, ...], output: Path | None, model: str | None, processes: int, scheduler: str,
             quiet: bool, per_article: bool) -> None:
    """Annotations of article files or JSONL ({"id", "text"}) as JSON lines.

    Offsets are characters of the text as given: a JSONL line's "text", or an
    article file's body (its paragraphs joined by newlines). "actor" and "speaker"
    are actor names as the whole input resolves them (a bare "Obama" is the input's
    one "Barack Obama"), unless --per-article.
    """
    from archivist.annotate.distributed import ClusterError
    from archivist.annotate.pipeline import WorkerMismatch, annotate_texts, choose_processes
    from archivist.annotate.model import available_model
    from archivist.config import scheduler_problem
    from archivist.load.articles import read_texts
    from archivist.aggregate.export import archive_annotations, json_lines

    if scheduler_problem(scheduler):
        _fail(f"--scheduler {scheduler_problem(scheduler)}", 2)
    # Never write the annotations over an article: the output is checked before any work.
    if output and any(output.exists() and os.path.samefile(p, output) for p in inputs):
        _fail(f"--output {output} is one of the inputs: it would be overwritten", 2)
    items, problems = read_texts(inputs)
    for problem in problems:
        click.echo(f"skipped: {problem}", err=True)
    try:
        annotations = annotate_texts([t for _, t in items], available_model(model),
                                     processes=choose_processes(processes, len(items)), progress=not quiet,
                                     scheduler=scheduler)
    except (ClusterError, WorkerMismatch) as e:
        _fail(str(e))
    if not per_article:
        annotations = archive_annotations(items, annotations)
    try:
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
        try:
            out.writelines(json_lines(items, annotations))
        finally:
            if output:
                out.close()
    except OSError as e:
        _fail(f"{output}: {e.strerror or e}")
    if problems:
        sys.exit(1)


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--no-watch", is_flag=True, help="Serve without rebuilding on change.")
def serve(site_dir: Path, port: int, host: str, no_watch: bool) -> None:
    """Build, serve on localhost, and rebuild when content, config or theme change."""
    from archivist.serve import serve as run_serve

    try:
        run_serve(site_dir, host, port, watch=not no_watch, log=_log)
    except ConfigError as e:
        _fail(str(e), 2)
    except OSError as e:  # the address: a host that does not resolve, a port in use or not allowed
        _fail(f"cannot serve on {host}:{port}: {e.strerror or e}")


@main.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True)
@click.option("--limit", type=click.IntRange(0), default=0, help="Show only the N most-mentioned actors (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def actors(site_dir: Path, limit: int, as_json: bool) -> None:
    """List the archive's actors with counts and likely duplicates, for actors.toml."""
    from archivist.build import actors_report

    try:
        click.echo(actors_report(site_dir, limit=limit, as_json=as_json))
    except ConfigError as e:
        _fail(str(e), 2)


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The site's name (default: from the folder's name).")
def init(folder: Path, title: str | None) -> None:
    """Create a new site in FOLDER that builds at once: site.toml, sample articles, actors.toml, a Pages workflow."""
    from archivist.init import InitError, init_site

    try:
        written = init_site(folder, title)
    except InitError as e:
        _fail(str(e))
    for path in written:
        click.echo(f"wrote {path}", err=True)
    build = "archivist build" + (f" --site {folder}" if folder != Path(".") else "")
    click.echo(f"next: {build}, then archivist serve to see it", err=True)


@main.command()
@click.argument("build_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path),
              help="The site folder: check its output_dir (default: the current folder's).")
@click.option("--base-url", help="The URL the site was built for (default: what its sitemap.xml says).")
def check(build_dir: Path | None, site_dir: Path | None, base_url: str | None) -> None:
    """Check a built site: links and #anchors resolve, pages parse, XML is valid, nothing loads from elsewhere."""
    from archivist.config import load_config
    from archivist.site.check import check_site

    if build_dir and site_dir:
        _fail("give a BUILD_DIR or --site, not both", 2)
    if build_dir is None:
        try:
            build_dir = (site_dir or Path(".")) / load_config(site_dir or Path(".")).output_dir
        except ConfigError as e:
            _fail(str(e), 2)
    if not build_dir.is_dir():
        _fail(f"no built site in {build_dir} (run archivist build first)", 2)
    problems = check_site(build_dir, base_url)
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{build_dir}: {len(problems) or 'no'} problem(s)", err=True)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
