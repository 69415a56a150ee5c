"""``build()``: the whole pipeline, stage after stage, each timed and counted.

load articles -> annotate (spaCy, cached) -> aggregate actors (those mentioned fewer than
``[actors] min_mentions`` times get no page) -> render pages
-> write to a staging folder -> index with Pagefind -> swap into the output folder.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

import jinja2

# What an unchanged rebuild needs before it stops: the config, the theme folders, the inputs digest.
# The stages' own modules (and markdown-it, yaml, cbor2 and the aggregate's numpy code behind them)
# are imported where their stage runs: a build that stops before any stage does not pay for them.
from archivist.site import render
from archivist.site import incremental, urls
from archivist.site import stat_cache
from archivist.annotate.model import available_model, model_version
from archivist.config import Config, load_config
from archivist.models import Archive
from archivist.site.write import OutputError, Protected, claim_output, fault_point, keep_json, kept_json

if TYPE_CHECKING:
    from archivist.load import articles as content

CACHE_FILE = Path(".archivist-cache") / "annotations.sqlite3"
#: What the aggregate's name scan found in each article at the last build (``actors.ScanMemo``).
SCAN_MEMO = CACHE_FILE.parent / "scan-memo.json"
#: What each content file gave the load stage at the last build (``content.ReadMemo``).
LOAD_MEMO = CACHE_FILE.parent / "load-memo.json"


class BuildError(RuntimeError):
    """The build stopped; the previous output is untouched."""


@dataclass
class BuildReport:
    """What a build did: its output, the problems it skipped, and each stage's time and counts."""

    output: Path
    config: Config
    problems: tuple[content.Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    stages: list[tuple[str, float, str]] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    build_id: str = ""  #: the output's id: a digest of its inputs and page keys
    up_to_date: bool = False  #: nothing changed since the last build: no stage ran


def annotate_site(site_dir: Path, config: Config, articles, progress: bool = True,
                  log: Callable[[str], None] | None = None):
    """The annotate stage with the site's cache and its ``[nlp]`` settings: (annotations, stats).
    A damaged or unwritable cache is a warning passed to ``log``, never a failed build."""
    from archivist.annotate.distributed import ClusterError
    from archivist.annotate.pipeline import WorkerMismatch, annotate

    try:
        return annotate(articles, Path(site_dir) / CACHE_FILE, config.nlp.model, config.nlp.batch_size,
                        config.nlp.processes, progress, config.nlp.scheduler, log=log)
    except (ClusterError, WorkerMismatch) as e:  # what finished is cached; the build stops with the cluster's word
        raise BuildError(str(e)) from None


def theme_dirs(site_dir: Path, theme: str) -> list[Path]:
    """Template folders, first wins: the site's ``themes/<theme>/``, then archivist's default theme."""
    own = Path(site_dir) / "themes" / theme
    default = render.default_theme_dir()
    if not own.is_dir() and theme != "default":
        raise BuildError(f"theme '{theme}' not found: expected a folder {own}")
    dirs = [own] if own.is_dir() else []
    if not dirs or own.resolve() != default.resolve():
        dirs.append(default)
    return dirs


def analyse(site_dir: Path, config: Config, report: BuildReport, stage: Callable[[str, float, str], None],
            progress: bool = True, log: Callable[[str], None] = print,
            content_digests: Mapping[str, str] | None = None) -> Archive:
    """The load, annotate and aggregate stages: the Archive to render.

    Problems and editor warnings go into ``report``; ``archivist actors`` runs this too, and
    reports on the Archive it returns. ``content_digests`` (each content file's sha256 by its
    path, from the inputs digest) lets the load stage take unchanged files from ``LOAD_MEMO``.
    """
    from archivist.aggregate import actors
    from archivist.aggregate import editor as editor_file
    from archivist.annotate.shown import shown
    from archivist.load import articles as content

    t = time.perf_counter()
    code = incremental.code_digest()  # the memos hold what this code found: no other version reads them
    read_memo = version = None
    if content_digests is not None:
        version = content.memo_version(code, config.allow_html, config.max_article_bytes)
        known = kept_json(site_dir / LOAD_MEMO, "version", version, "files")  # missing or damaged: read all
        read_memo = content.ReadMemo(content_digests, {} if known is None else known)
    loaded = content.load_articles(site_dir / config.content_dir, config.include_drafts, config.outlets,
                                   config.allow_html, site_dir=site_dir,
                                   follow_external_links=config.follow_external_links,
                                   max_article_bytes=config.max_article_bytes, memo=read_memo)
    if read_memo is not None and not (read_memo.reused == len(read_memo.made) == len(read_memo.known)):
        keep_json(site_dir / LOAD_MEMO, {"version": version, "files": read_memo.made})
    report.problems = loaded.problems
    for problem in loaded.problems:
        log(f"{'error' if config.strict else 'skipped'}: {problem}")
    if loaded.problems and config.strict:
        raise BuildError(f"{len(loaded.problems)} bad article(s) and --strict is set; nothing was written")
    if not loaded.articles:
        raise BuildError(f"no articles found in {site_dir / config.content_dir}")
    reused = f", {read_memo.reused} as the last build read them" if read_memo is not None else ""
    stage("load", t, f"{len(loaded.articles)} articles{reused}, {len(loaded.problems)} skipped")

    t = time.perf_counter()
    raw, stats = annotate_site(site_dir, config, loaded.articles, progress, log)
    # what readers see of the annotations ([quotes] min_confidence, [actors] include): after the cache
    annotations = {i: shown(a, config.quotes.min_confidence, config.actors.include) for i, a in raw.items()}
    # the entities not shown stay out of the name scan too: their spans count as covered
    covered = {i: tuple((m.start, m.end) for m in a.mentions) for i, a in raw.items()
               if len(a.mentions) != len(annotations[i].mentions)}
    del raw
    where = f"Dask worker(s) at {stats.scheduler}" if stats.scheduler else "process(es)"
    rate = f", {stats.words / stats.seconds:,.0f} words/s on {stats.processes} {where}" if stats.annotated else ""
    stage("annotate", t, f"{stats.annotated} annotated, {stats.cached} from cache ({stats.model}{rate})")

    t = time.perf_counter()
    editor = editor_file.load_editor_file(site_dir)
    memo = actors.ScanMemo(known=_scan_memo(site_dir / SCAN_MEMO, code))
    archive = actors.aggregate_actors(loaded.articles, annotations, editor, config.actors.min_mentions, covered,
                                      memo, min_articles=config.actors.min_articles)
    if memo.reused != len(memo.made) or len(memo.known) != len(memo.made):
        keep_json(site_dir / SCAN_MEMO, {"code": code, "articles": memo.made})
    report.warnings = tuple(actors.editor_warnings(archive, editor)) if editor else ()
    for warning in report.warnings:
        log(f"warning: {warning}")
    unpaged = len(archive.unpaged)
    least = config.actors
    rules = [f"mentioned fewer than {least.min_mentions} times"] * (least.min_mentions > 1) + [
        f"named in fewer than {least.min_articles} articles"] * (least.min_articles > 1)
    stage("aggregate", t, f"{len(archive.actors)} actors" + (f" with a page, {unpaged} without one "
                                                             f"({' or '.join(rules)})" if unpaged else ""))
    return archive


def _scan_memo(path: Path, code: str) -> dict:
    """The name scan's hits of the last build by article, where that build ran ``code`` (else none)."""
    known = kept_json(path, "code", code, "articles")  # missing or damaged: every article is scanned
    return {} if known is None else known


def actors_report(site_dir: Path | str, limit: int = 0, as_json: bool = False) -> str:
    """``archivist actors``: the archive's actors and likely duplicates, as a table or JSON."""
    from archivist.aggregate import duplicates

    site_dir = Path(site_dir)
    config = load_config(site_dir)
    report = BuildReport(output=site_dir / config.output_dir, config=config)
    archive = analyse(site_dir, config, report, lambda *_: None, log=lambda _: None)
    return duplicates.format_report(duplicates.duplicate_report(archive), limit=limit, as_json=as_json)


def protected_folders(site_dir: Path, config: Config) -> tuple[Protected, ...]:
    """The folders a build reads, which its output folder may not be, hold or lie in (the site may hold it)."""
    site_dir = Path(site_dir)
    return (Protected("the site folder", site_dir, holds_ok=True),
            Protected("the content folder", site_dir / config.content_dir),
            Protected("the themes folder", site_dir / "themes"),
            Protected("archivist's default theme", render.default_theme_dir()),
            Protected("the annotation cache", site_dir / CACHE_FILE.parent))


def build(site_dir: Path | str = ".", output_dir: Path | str | None = None, overrides: dict[str, Any] | None = None,
          progress: bool = True, log: Callable[[str], None] = print, clean: bool = False) -> BuildReport:
    """Build the site in ``site_dir`` into ``output_dir`` (default: the config's ``output_dir``).

    The output folder is checked and locked before any work (``write.claim_output``): a folder
    archivist did not write, or one a build is writing, fails at once. ``clean`` builds from an
    empty folder instead of the previous output (the same bytes, more writing).
    """
    site_dir = Path(site_dir)
    config = load_config(site_dir, overrides)
    output = Path(output_dir) if output_dir else site_dir / config.output_dir
    try:
        with claim_output(output, protected_folders(site_dir, config)):
            return _build_claimed(site_dir, config, output, progress, log, clean)
    except OutputError as e:
        raise BuildError(str(e)) from None


def _build_claimed(site_dir: Path, config: Config, output: Path, progress: bool, log: Callable[[str], None],
                   clean: bool) -> BuildReport:
    """The stages, once the output folder is claimed."""
    report = BuildReport(output=output, config=config)

    def stage(name: str, started: float, counts: str) -> None:
        seconds = time.perf_counter() - started
        report.stages.append((name, seconds, counts))
        log(f"{name:<10} {seconds:7.2f}s  {counts}")
        fault_point(name)  # a fault test's kill lands after this stage

    themes = theme_dirs(site_dir, config.theme)
    store = incremental.store_for(site_dir / CACHE_FILE.parent, output)
    previous, state = ({}, {}) if clean else store.load()
    # The recorded keys describe this output only while it is the one that build left.
    trusted = bool(state) and state.get("output") == incremental.output_identity(output)
    # Content files whose stat is the recorded one are not read again; --clean reads them all.
    stat_digests = None if clean else stat_cache.cache_file(site_dir / CACHE_FILE.parent, site_dir / config.content_dir)
    content_digests: dict[str, str] | None = None if clean else {}
    inputs = incremental.inputs_digest(site_dir, site_dir / config.content_dir, themes,
                                       f"{config!r}\0{_model_key(config)}", stat_digests, content_digests)
    if trusted and state.get("inputs") == inputs:
        return _up_to_date(report, state, log)

    archive = analyse(site_dir, config, report, stage, progress, log, content_digests)
    from archivist.site import body as markup
    from archivist.site import search, sizes
    from archivist.site.write import StagingSink, staged_output

    t = time.perf_counter()
    reuse = incremental.PageReuse(previous if trusted else {}, output, themes,
                                  salt=f"{config!r}\0{incremental.code_digest()}\0{incremental.themes_digest(themes)}",
                                  analysis=state.get("templates", ""))

    def body_html(article):
        return markup.render_body(article, archive.annotations[article.id],
                                  lambda actor_id: urls.url_for(config, urls.actor_url(actor_id)), config.link_mentions)

    with staged_output(output, clean) as staging:
        # Pages go to the staging folder as they are rendered: one page in memory at a time.
        try:
            files = render.render_site(archive, config, themes, body_html, reuse=reuse,
                                       sink=StagingSink(staging))
        except render.ThemeError as e:
            raise BuildError(str(e)) from None
        except jinja2.TemplateSyntaxError as e:  # a theme's template: name it and its line
            name = e.name or e.filename
            raise BuildError(f"theme template{' ' + name if name else ''}, line {e.lineno}: {e.message}") from None
        except jinja2.TemplateError as e:
            raise BuildError(f"theme template: {e.message or e}") from None
        except UnicodeDecodeError as e:
            raise BuildError(f"a theme template is not UTF-8 ({e.reason} at byte {e.start})") from None
        except RecursionError:  # a template that extends or includes itself
            raise BuildError("a theme template extends or includes itself (or recurses too deeply)") from None
        report.pages = sum(1 for p in files if p.endswith(".html"))
        report.files = len(files)
        stage("render", t, f"{report.pages} pages, {len(files)} files: {len(staging.written_paths)} written, "
                           f"{files.kept} unchanged and not rendered")
        t = time.perf_counter()
        bundle = search.BUNDLE_DIR
        removed = staging.keep_only(files.keys(), keep=(bundle,) if config.search.enabled else ())
        stage("write", t, f"{removed} files of the last build removed")
        bundle_sizes = None  # the search bundle's file sizes, where the index stage wrote it
        if config.search.enabled:
            t = time.perf_counter()
            changed = staging.written_paths + staging.removed_paths
            html = [p for p in changed if p.endswith(".html")]
            if html or clean or staging.missing([f"{bundle}/{search.MANIFEST}"]):
                # What the last scan read of each page, beside the page keys: kept pages are not read again,
                # nor looked at where the scan was of the output this staging folder was made from.
                hint = None if clean else search.ScanHint(incremental.output_identity(output),
                                                          incremental.output_identity(staging.root), changed)
                stats_search = search.index_search(staging.root, config,
                                                   scan_cache=store.path.with_suffix(".search.json"), hint=hint)
                bundle_sizes = stats_search["sizes"]
                stage("index", t, f"{stats_search['pages']} records in {stats_search['shards']} shards: "
                                  f"{stats_search['built']} indexed again ({stats_search['indexed']} pages), "
                                  f"the others unchanged")
            else:
                stage("index", t, "no page changed: the search index stands")
        changed = staging.written_paths + staging.removed_paths
        t = time.perf_counter()  # the finish: the swap, the size report, the page keys saved
    # The size report from the last build's ledger and what this one changed; a walk where there is none.
    ledger = store.path.with_suffix(".sizes.json")
    known = sizes.load_ledger(ledger, state.get("output", "")) if trusted else None
    if known is None:
        output_sizes = sizes.file_sizes(output)
    else:
        output_sizes = sizes.updated_sizes(output, known, changed,
                                           {search.BUNDLE_DIR: bundle_sizes} if bundle_sizes is not None else None)
    for line in ["bytes by kind of page (issue 13's budget):", *sizes.format_report(sizes.summarise(output_sizes))]:
        log(line)
    sizes.save_ledger(ledger, incremental.output_identity(output), output_sizes)
    report.build_id = incremental.build_id(reuse.keys, inputs)
    warning = store.save(reuse.keys, {"inputs": inputs, "output": incremental.output_identity(output),
                                      "build_id": report.build_id, "problems": _problems_json(report.problems),
                                      "templates": reuse.analysis()})
    if warning:
        log(f"warning: {warning}")
    stage("finish", t, f"output swapped in, {len(output_sizes):,} files' sizes"
                       f"{' from the last build' if known is not None else ' walked'}, page keys saved")
    return report


def _model_key(config: Config) -> str:
    """The spaCy model's name and version as the annotate stage would use them ("" where none is installed)."""
    try:
        return model_version(available_model(config.nlp.model))
    except Exception:  # no model: the annotate stage says so, if it has anything to annotate
        return ""


def _problems_json(problems) -> str:
    return json.dumps([[p.path, p.line, p.message] for p in problems])


def _up_to_date(report: BuildReport, state: dict[str, str], log: Callable[[str], None]) -> BuildReport:
    """The report of a build whose inputs are those of the output's last build: nothing to do.

    The problems that build skipped are reported again, and fail the build again under ``strict``.
    """
    from archivist.load import articles as content

    report.problems = tuple(content.Problem(*p) for p in json.loads(state.get("problems") or "[]"))
    for problem in report.problems:
        log(f"{'error' if report.config.strict else 'skipped'}: {problem}")
    if report.problems and report.config.strict:
        raise BuildError(f"{len(report.problems)} bad article(s) and --strict is set; nothing was written")
    report.build_id = state.get("build_id", "")
    report.up_to_date = True
    report.stages.append(("unchanged", 0.0, "nothing changed since the last build"))
    log(f"{'unchanged':<10} {0:7.2f}s  nothing changed since the last build of {report.output}: it stands as it is")
    return report
