"""Running `rawi extract` and `rawi ingest` on a Dask cluster (`--workers N`, `--scheduler URL`).

This module holds only what the command line needs to parse those options; the
cluster code (`rawi.scale.driver`, `cluster`, `tasks`, `partitions`) is imported when
a run asks for it, so `rawi extract` alone never loads Dask (an optional extra).
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass

import click

from rawi.errors import RawiError

# About 300 news articles of JSON Lines: long enough that a task's overhead (a few
# milliseconds) is lost in its half-second of work, short enough that a worker lost
# mid-run costs little to redo and that results come back in small pieces.
PARTITION_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Scale:
    """Where a run executes: one process (the default), a local cluster of `workers`
    processes, or the dask.distributed cluster at `scheduler`."""

    workers: int = 1
    scheduler: str | None = None
    partition_bytes: int = PARTITION_BYTES

    @property
    def distributed(self) -> bool:
        return self.scheduler is not None or self.workers > 1


def machine_cores() -> int:
    """The cores this process may run on (what `--workers auto` starts)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _workers_value(ctx: click.Context, param: click.Parameter, value: str | None) -> int:
    if value is None:
        return 1
    if value == "auto":
        return machine_cores()
    try:
        n = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a number of processes: give N (1, 2, …) or auto") from None
    if n < 1:
        raise click.BadParameter("give at least 1 process (1 is the default: no cluster)")
    return n


def scale_options(fn: click.decorators.FC) -> click.decorators.FC:
    """`--workers N|auto` and `--scheduler tcp://HOST:PORT`, shared by `rawi extract` and `rawi ingest`."""
    fn = click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Run on this existing dask.distributed cluster (needs rawi[dask]).",
    )(fn)
    return click.option(
        "--workers",
        metavar="N|auto",
        callback=_workers_value,
        help="Run on a local Dask cluster of N processes (auto: one per core; "
        "default: this one process). Needs rawi[dask].",
    )(fn)


def dask_missing() -> RawiError | None:
    """The error to report when a run asks for Dask and it is not installed (found without importing it)."""
    if importlib.util.find_spec("distributed") is None:
        return RawiError("E015", "--workers/--scheduler", "the Python package `distributed` is missing")
    return None


def scale_from(workers: int, scheduler: str | None) -> Scale:
    """The options as a `Scale`; both at once is a usage error (a scheduler brings its own workers),
    and asking for a cluster without the extra installed an error that names it."""
    if scheduler is not None and workers > 1:
        raise click.UsageError("give --workers or --scheduler, not both: an existing cluster has its own workers")
    scale = Scale(workers, scheduler)
    if scale.distributed and (missing := dask_missing()) is not None:
        raise click.ClickException(str(missing))
    return scale


__all__ = ["PARTITION_BYTES", "Scale", "dask_missing", "machine_cores", "scale_from", "scale_options"]
