"""The annotate stage on Dask: a real LocalCluster of two worker processes gives the local run's bytes.

No mocks: the workers are real processes that load the real model; the lost worker is a real
process exiting mid-batch, whose batch the real scheduler runs again elsewhere; the interrupted
run is real workers pausing (as short of memory) and its last batch cancelled on the scheduler.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
import time

from concurrent.futures import ThreadPoolExecutor

import cloudpickle
import dask
import pytest
from click.testing import CliRunner
from conftest import ROOT, article
from distributed import Client, Future, LocalCluster
from distributed.core import Status
from distributed.diagnostics.plugin import WorkerPlugin

from archivist.annotate.distributed import ClusterError, connect, local_workers
from archivist.annotate.model import available_model
from archivist.annotate.pipeline import CHUNK, annotate, annotate_texts
from archivist.cli import main
from archivist.config import scheduler_problem
from archivist.load.articles import load_articles

# the plugin below is defined here, not in an installed module: ship it to the workers by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def as_json(annotations) -> list[str]:
    """Annotations as the cache stores them: the bytes that must not change."""
    return [json.dumps(a.to_json(), sort_keys=True, ensure_ascii=False) for a in annotations]


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread, as ``dask worker --nthreads 1`` on two machines."""
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def articles():
    return load_articles(ROOT / "content").articles[:6]


@pytest.fixture(scope="module")
def local(articles, nlp):
    """The single-process run the cluster must reproduce."""
    return as_json(annotate_texts([a.text for a in articles], available_model(), progress=False))


def test_the_cluster_gives_the_local_bytes_and_fills_the_cache(cluster, articles, local, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    by_id, stats = annotate(articles, cache, progress=False, scheduler=cluster.scheduler_address)
    assert as_json(by_id[a.id] for a in articles) == local
    assert (stats.annotated, stats.processes, stats.scheduler) == (6, 2, cluster.scheduler_address)
    # everything is cached now: a rebuild needs no scheduler at all, not even a reachable one
    again, stats = annotate(articles, cache, progress=False, scheduler=f"tcp://127.0.0.1:{closed_port()}")
    assert (stats.cached, stats.annotated) == (6, 0)
    assert as_json(again[a.id] for a in articles) == local


class ExitOnce(WorkerPlugin):
    """The first worker to start an annotation batch exits there, once (a file marks that it did)."""

    def __init__(self, marker: str):
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and str(key).startswith("archivist-annotate"):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
            os._exit(1)  # the worker process dies mid-batch, as a machine lost would


def test_a_worker_lost_mid_batch_costs_only_its_batch(cluster, articles, local, tmp_path):
    marker = tmp_path / "exited"
    with Client(cluster) as client:
        before = set(client.scheduler_info(n_workers=-1)["workers"])
        client.register_plugin(ExitOnce(str(marker)), name="exit-once")
        try:
            texts = [a.text for a in articles]
            assert as_json(annotate_texts(texts, available_model(), progress=False,
                                          scheduler=cluster.scheduler_address)) == local
        finally:
            client.unregister_worker_plugin("exit-once")
        client.wait_for_workers(2, timeout=60)  # the nanny's new worker, for the next test
        after = set(client.scheduler_info(n_workers=-1)["workers"])
        assert marker.exists() and len(before - after) == 1  # one worker did die mid-run


class PauseAfterOne(WorkerPlugin):
    """A worker that starts an annotation batch takes no other: it pauses, as one short of memory does."""

    def setup(self, worker):
        self.worker = worker

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and str(key).startswith("archivist-annotate"):
            # on the event loop, not inside the transition: the batch under way runs to its end
            self.worker.loop.add_callback(self.pause)

    def pause(self):
        self.worker.memory_manager.memory_pause_fraction = False  # else its memory monitor resumes it
        self.worker.status = Status.paused


def resume(dask_worker) -> None:
    dask_worker.memory_manager.memory_pause_fraction = dask.config.get("distributed.worker.memory.pause")
    dask_worker.status = Status.running


def cached_rows(path) -> int:
    with sqlite3.connect(path) as db:
        try:
            return db.execute("SELECT count(*) FROM annotations").fetchone()[0]
        except sqlite3.OperationalError:  # the table is not made yet
            return 0


def test_an_interrupted_run_keeps_every_finished_batch(cluster, tmp_path, nlp):
    # three batches (16, 16, 2) on two workers that each take one: the third never starts
    articles = [article(f"a{i}", f'"We are ready," said Anna Berg{i}.')
                for i in range(2 * CHUNK + 2)]
    cache = tmp_path / "cache.sqlite3"
    with Client(cluster) as client, ThreadPoolExecutor(1) as pool:
        client.register_plugin(PauseAfterOne(), name="pause-after-one")
        try:
            run = pool.submit(annotate, articles, cache, progress=False, scheduler=cluster.scheduler_address)
            deadline = time.monotonic() + 60
            while cached_rows(cache) < 2 * CHUNK and time.monotonic() < deadline:
                time.sleep(0.05)  # polls the condition: both running batches are in the cache
            keys = client.run_on_scheduler(lambda dask_scheduler: [
                k for k in dask_scheduler.tasks if str(k).startswith("archivist-annotate")])
            client.cancel([Future(k, client) for k in keys], force=True)  # the build stops here
            with pytest.raises(ClusterError, match="cancelled"):
                run.result(timeout=60)
        finally:
            client.unregister_worker_plugin("pause-after-one")
            client.run(resume)
    assert cached_rows(cache) == 2 * CHUNK
    again, stats = annotate(articles, cache, progress=False, scheduler=cluster.scheduler_address)
    assert (stats.cached, stats.annotated) == (2 * CHUNK, 2)
    local = annotate_texts([a.text for a in articles], available_model(), progress=False)
    assert as_json(again[a.id] for a in articles) == as_json(local)


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_a_clear_error_without_traceback(tmp_path):
    (tmp_path / "site.toml").write_text('title = "T"\n')
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text("A\n20240101\nhttps://example.org/a\nHe said no.\n")
    address = f"tcp://127.0.0.1:{closed_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, ["build", "--site", str(tmp_path), "-q", "--scheduler", address])
    assert result.exit_code == 1
    assert f"error: cannot reach the Dask scheduler at {address} within 1 s" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "build").exists()


def test_archivist_annotate_on_the_cluster_prints_the_local_lines(cluster, tmp_path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n"
                           for a in load_articles(ROOT / "content").articles[:2]))
    here = CliRunner().invoke(main, ["annotate", str(src), "-q"])
    there = CliRunner().invoke(main, ["annotate", str(src), "-q", "--scheduler", cluster.scheduler_address])
    assert (here.exit_code, there.exit_code) == (0, 0)
    assert there.stdout == here.stdout and there.stdout.count("\n") == 2
    bad = CliRunner().invoke(main, ["annotate", str(src), "-q", "--scheduler", "8786"])
    assert bad.exit_code == 2 and "--scheduler must be tcp://HOST:PORT" in bad.output


def test_a_bad_scheduler_address_is_a_config_error(tmp_path):
    (tmp_path / "site.toml").write_text('title = "T"\n[nlp]\nscheduler = "localhost:8786"\n')
    result = CliRunner().invoke(main, ["build", "--site", str(tmp_path), "-q"])
    assert result.exit_code == 2
    assert "'nlp.scheduler' must be tcp://HOST:PORT" in result.output and "'localhost:8786'" in result.output
    with pytest.raises(ClusterError, match="'http://h:1'"):
        with connect("http://h:1"):
            pass


@pytest.mark.parametrize("address, ok", [
    ("tcp://10.0.0.5:8786", True), ("tls://scheduler.example.org:8786", True), ("tcp://[::1]:8786", True),
    ("local", True), ("local:3", True), ("", True),
    ("tcp://host", False), ("tcp://host:0", False), ("tcp://host:65536", False), ("http://host:8786", False),
    ("host:8786", False), ("local:0", False), ("local:two", False), ("tcp://:8786", False),
])
def test_scheduler_addresses(address, ok):
    assert (scheduler_problem(address) is None) == ok


def test_local_worker_counts():
    assert local_workers("local:3") == 3
    assert 1 <= local_workers("local") <= 4
    assert local_workers("tcp://h:8786") is None
