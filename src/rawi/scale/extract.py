"""`rawi extract --workers N`: JSON Lines extracted on a Dask cluster, lines written in input order.

A worker turns a partition into its output lines (the JSON is made there too, since it
is a tenth of the work), or the error of each article it rejects; the driver writes
them in the order of the input, so the output is the one a single process writes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from rawi.api import extract_article, prepare_batch
from rawi.errors import RawiError
from rawi.model import Analysis
from rawi.scale import Scale
from rawi.scale.cluster import client_for, ordered_map
from rawi.scale.partitions import Partition, jsonl_parts


@dataclass(frozen=True, slots=True)
class ExtractJob:
    """What every partition of one `rawi extract` run is asked for."""

    fmt: str  # "jsonl" (one line per article) or "json" (indented, for an array)
    lang: str
    max_chars: int


def dump(analysis: Analysis, fmt: str) -> str:
    """An analysis as `rawi extract` prints it."""
    return json.dumps(analysis.to_json(), ensure_ascii=False, indent=1 if fmt == "json" else None)


@functools.cache
def _ready() -> None:
    """Once per worker process: the lexicons loaded and frozen out of the collector's sight."""
    prepare_batch()


def extract_part(part: Partition, job: ExtractJob) -> list[str | RawiError]:
    """On a worker: every article of `part` as its output line, or the error that rejects it."""
    _ready()
    out: list[str | RawiError] = []
    for rec in part.read(job.max_chars):
        if rec.error is not None:
            out.append(rec.error)
            continue
        assert rec.article is not None
        try:
            out.append(dump(extract_article(rec.article, rec.input_name, job.lang, job.max_chars), job.fmt))
        except RawiError as err:
            out.append(err)
    return out


def extract_lines(
    input: str, job: ExtractJob, scale: Scale, stdin: IO[bytes] | None = None
) -> Iterator[str | RawiError]:
    """The output line (or the error) of every article of the JSON Lines `input`, in input order."""
    with client_for(scale) as client:
        parts = jsonl_parts(input, scale.partition_bytes, stdin, job.max_chars)
        for _part, lines in ordered_map(client, extract_part, parts, job):
            yield from lines


__all__ = ["ExtractJob", "dump", "extract_lines", "extract_part"]
