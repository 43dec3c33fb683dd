"""The Dask side: a client for a local or an existing cluster, and an ordered, bounded map over it.

Only this module (and the workers' tasks) import Dask; it is an optional extra, so a
missing install is an error naming it (E015) rather than an ImportError.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from rawi.errors import RawiError
from rawi.scale import Scale, dask_missing

if TYPE_CHECKING:
    from distributed import Client, Future

A = TypeVar("A")
R = TypeVar("R")

# A task that raised (a database that went away, a bug) is tried this many more times before
# the run stops; a worker that died is a different matter, which the scheduler handles by
# running its tasks elsewhere (up to `distributed.scheduler.allowed-failures` deaths).
RETRIES = 2
_END: Any = object()  # what `next` gives when the items run out


def _distributed() -> Any:
    if (missing := dask_missing()) is not None:
        raise missing
    import distributed

    return distributed


@contextlib.contextmanager
def client_for(scale: Scale) -> Iterator[Client]:
    """A client of the cluster at `scale.scheduler`, or of a local cluster of `scale.workers`
    processes (one thread each: the work is pure Python) that is shut down afterwards."""
    dd = _distributed()
    if scale.scheduler is not None:
        try:
            client = dd.Client(scale.scheduler)
        except (OSError, ValueError) as exc:  # refused, timed out, or not an address
            raise RawiError("E016", scale.scheduler, str(exc) or type(exc).__name__) from None
        with client:
            yield client
        return
    # No dashboard (it needs bokeh and a port); worker logs only when something is wrong.
    with (
        dd.LocalCluster(
            n_workers=scale.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        dd.Client(cluster) as client,
    ):
        yield client


def slots(client: Client) -> int:
    """How many tasks the cluster runs at once."""
    return max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]


def ordered_map(
    client: Client, fn: Callable[..., R], items: Iterable[A], *args: Any, window: int | None = None
) -> Iterator[tuple[A, R]]:
    """`(item, fn(item, *args))` for every item, computed on the cluster, in the order of `items`.

    At most `window` tasks (default: twice the cluster's slots, plus one) are submitted and
    not yet consumed, so neither the items (read lazily) nor the results fill the driver's
    memory, and a slow task holds back only what the window holds."""
    size = window or 2 * slots(client) + 1
    run = uuid.uuid4().hex[:12]
    pending: deque[tuple[A, Future[R]]] = deque()
    it = iter(items)
    n = 0

    def submit() -> bool:
        nonlocal n
        item = next(it, _END)
        if item is _END:
            return False
        # Unique keys: the same partition in another run (or submitted again) is new work.
        pending.append(
            (item, client.submit(fn, item, *args, key=f"rawi-{fn.__name__}-{run}-{n}", retries=RETRIES, pure=False))
        )
        n += 1
        return True

    while len(pending) < size and submit():
        pass
    while pending:
        item, future = pending.popleft()
        result = future.result()
        future.release()  # type: ignore[no-untyped-call]
        submit()
        yield item, result


__all__ = ["RETRIES", "client_for", "ordered_map", "slots"]
