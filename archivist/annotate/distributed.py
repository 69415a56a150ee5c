"""The annotate stage past one machine: batches of texts run on a Dask distributed cluster.

Dask is the engine: its scheduler hands each batch to a free worker and, where a worker is
lost mid-batch, runs that batch again on another (a lost worker costs only its batch). This
module knows nothing of spaCy or annotations: it connects to a scheduler (or starts a
``LocalCluster`` for ``local[:N]``) and maps a function over batches, yielding each result
with its batch's index as soon as it arrives, so that the caller can cache it at once and an
interrupted build keeps what finished. Only a few batches per worker are in the cluster at a
time, so neither the scheduler nor this process holds every batch's results at once.

The function mapped must be importable on the workers (archivist and the model installed
there), pure (its result a function of its arguments) and safe to run twice.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from typing import Any, Callable, Iterator, Sequence

from archivist.config import scheduler_problem

#: Times a batch whose function raised is run again. A worker lost mid-batch is counted
#: apart, by Dask's ``distributed.scheduler.allowed-failures`` (3 by default).
RETRIES = 2
#: Batches in the cluster per worker thread: one running and one waiting, so none idles.
IN_FLIGHT = 2
#: Most worker processes ``local`` starts without a count (one per core up to this).
LOCAL_MAX = 4


class ClusterError(RuntimeError):
    """The Dask scheduler is invalid or unreachable, or its workers cannot do the work; the message says where."""


def local_workers(scheduler: str) -> int | None:
    """Worker processes ``"local"`` (one per core, at most LOCAL_MAX) or ``"local:N"`` asks for; None for an address."""
    if not scheduler.startswith("local"):
        return None
    _, _, count = scheduler.partition(":")
    return int(count) if count else max(1, min(os.cpu_count() or 1, LOCAL_MAX))


@contextlib.contextmanager
def connect(scheduler: str) -> Iterator[Any]:
    """A Dask ``Client`` of ``scheduler`` ("tcp://host:8786", "tls://...", "local" or "local:N"), closed after.

    Waits at most Dask's connect timeout (``distributed.comm.timeouts.connect``, 30 s unless
    configured) for the scheduler and again for a first worker; raises ClusterError naming
    the address for an invalid one, a scheduler that does not answer, and a cluster without workers.
    """
    problem = scheduler_problem(scheduler) if scheduler else "is empty"
    if problem:
        raise ClusterError(f"Dask scheduler {problem}")
    import dask
    from dask.utils import parse_timedelta
    from distributed import Client, LocalCluster

    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
    workers = local_workers(scheduler)
    with contextlib.ExitStack() as stack:
        target: Any = scheduler
        if workers is not None:
            # one thread a worker: spaCy's parse holds the GIL, so threads would only share one core
            target = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                      dashboard_address=None))
        try:
            client = stack.enter_context(Client(target, timeout=timeout))
        except OSError:  # Dask's own message only repeats the address and the time
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} within {timeout:g} s "
                               "(is `dask scheduler` running there, and its port open to this machine?)") from None
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ClusterError(f"the Dask scheduler at {scheduler} has no workers (waited {timeout:g} s); "
                               "start some with: dask worker " + scheduler) from None
        yield client


def worker_threads(client: Any) -> int:
    """The threads of the client's cluster's workers (the batches it runs at once)."""
    return max(1, sum(client.nthreads().values()))


def map_batches(client: Any, fn: Callable[..., Any], batches: Sequence[tuple], name: str) -> Iterator[tuple[int, Any]]:
    """``fn(*batch)`` of every batch on the client's cluster, yielded as ``(index, result)`` as each finishes.

    A batch's task key is ``name``, its index and a hash of its arguments: the same batch is
    the same task, so a batch Dask runs again after a lost worker is an idempotent rerun. At
    most IN_FLIGHT batches per worker thread are in the cluster at a time, counted as each
    result arrives, so workers that join mid-run (an adaptive cluster's) get work too.
    """
    from dask.base import tokenize
    from distributed import CancelledError, KilledWorker, as_completed

    todo = iter(enumerate(batches))
    index: dict[str, int] = {}
    running = as_completed()

    def top_up() -> None:
        for i, batch in itertools.islice(todo, max(0, IN_FLIGHT * worker_threads(client) - len(index))):
            future = client.submit(fn, *batch, key=f"{name}-{i}-{tokenize(fn, *batch)}", retries=RETRIES)
            index[future.key] = i
            running.add(future)

    top_up()
    for future in running:
        try:
            result = future.result()
        except KilledWorker as e:  # Dask ran it again on others, and lost every one
            raise ClusterError(f"batch {index[future.key]} was running on each of {e.allowed_failures + 1} workers "
                               f"of {client.scheduler.address} that died; see their logs (out of memory?)") from None
        except CancelledError:
            raise ClusterError(f"the Dask scheduler at {client.scheduler.address} lost or cancelled "
                               "the batches mid-run") from None
        i = index.pop(future.key)
        future.release()
        top_up()
        yield i, result
