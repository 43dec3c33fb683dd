"""Partitions of what `rawi ingest` reads: WARC files by records, folders by files, URLs one each.

Every source is split the way `rawi.ingest.iter_inputs` would read it, and a worker
reads a partition with the same readers, so articles and rejections come out with the
names one process gives them. Anything unusual (a missing path, a file that cannot be
opened) becomes a partition of that one name, for the readers to report as they always do.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from rawi.errors import RawiError
from rawi.ingest import Input, iter_inputs
from rawi.ingest.fetch import is_url
from rawi.ingest.readers import files_under
from rawi.ingest.warc import iter_warc
from rawi.reading import DEFAULT_MAX_CHARS, Record
from rawi.scale.partitions import Failed, Partition, stream_parts

MAX_FILES = 64  # files of a folder per partition, however small
_JSONL = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_WARC = (".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class Planned:
    """A partition and the source (as given on the command line) it belongs to."""

    source: str
    part: Partition


@dataclass(frozen=True, slots=True)
class RecordRange:
    """WARC records from byte `start` to `end` (None: the end of the file), the first being `first`."""

    path: str
    name: str
    start: int
    end: int | None
    first: int

    def read(self, max_chars: int) -> Iterator[Record]:
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.start)
                if self.end is None:
                    yield from _records(iter_warc(fh, self.name, max_chars=max_chars, first=self.first))
                    return
                data = io.BytesIO(fh.read(self.end - self.start))
                yield from _records(iter_warc(data, self.name, max_chars=max_chars, first=self.first))
        except OSError as exc:
            yield Record(self.name, None, RawiError("E009", self.name, exc.strerror or str(exc)))


@dataclass(frozen=True, slots=True)
class Files:
    """Whole files (or URLs), read by `iter_inputs`: `paths` is where a worker finds them
    (absolute), `names` what they are called in messages (as one process names them)."""

    names: tuple[str, ...]
    paths: tuple[str, ...]

    def read(self, max_chars: int) -> Iterator[Record]:
        for name, path in zip(self.names, self.paths, strict=True):
            for got in iter_inputs([path], max_chars=max_chars):
                yield _renamed(got, path, name)


def _records(inputs: Iterator[Input]) -> Iterator[Record]:
    for got in inputs:
        yield Record(got.origin, got.article, got.error)


def _renamed(got: Input, path: str, name: str) -> Record:
    """The input as it is named when read from `name` rather than from `path`."""
    if path == name:
        return Record(got.origin, got.article, got.error)

    def rename(where: str) -> str:
        return name + where[len(path) :] if where.startswith(path) else where

    error = got.error.with_input(rename(got.error.input)) if got.error is not None else None
    return Record(rename(got.origin), got.article, error)


def _where(name: str) -> tuple[str, str]:
    """(name, path) of a path as given: the name one process prints, the path any worker can open."""
    return str(Path(name)), str(Path(os.path.abspath(name)))


@dataclass
class _Batch:
    """Small files gathered into one partition."""

    target: int
    names: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, name: str, size: int) -> Files | None:
        n, p = _where(name)
        self.names.append(n)
        self.paths.append(p)
        self.size += size
        return self.flush() if self.size >= self.target or len(self.names) >= MAX_FILES else None

    def flush(self) -> Files | None:
        if not self.names:
            return None
        out = Files(tuple(self.names), tuple(self.paths))
        self.names, self.paths, self.size = [], [], 0
        return out


def plan_sources(sources: Sequence[str], target: int, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Planned]:
    """Every source's partitions, in the order one process reads them."""
    for source in sources:
        for part in _source_parts(source, target, max_chars):
            yield Planned(source, part)


def _source_parts(source: str, target: int, max_chars: int) -> Iterator[Partition]:
    if is_url(source):
        yield Files((source,), (source,))
        return
    path = Path(source)
    try:
        is_dir = path.is_dir()
    except OSError:
        is_dir = False  # the reader reports it
    if not is_dir:
        yield from _file_parts(source, target, max_chars)
        return
    batch = _Batch(target)
    for item in files_under(path):
        if isinstance(item, RawiError):
            yield from _flushed(batch)
            yield Failed(item)
        elif item.name.lower().endswith(_JSONL + _WARC):
            yield from _flushed(batch)
            yield from _file_parts(str(item), target, max_chars)
        elif (full := batch.add(str(item), _size(item))) is not None:
            yield full
    yield from _flushed(batch)


def _flushed(batch: _Batch) -> Iterator[Files]:
    if (part := batch.flush()) is not None:
        yield part


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _file_parts(name: str, target: int, max_chars: int) -> Iterator[Partition]:
    """JSON Lines by lines, WARC by records, anything else (or anything odd) whole."""
    low = Path(name).name.lower()
    if low.endswith(_JSONL + _WARC):
        try:
            fh = open(name, "rb")  # noqa: SIM115  # held while the generator runs
        except OSError:
            fh = None
        if fh is not None:
            with fh:
                if low.endswith(_JSONL):
                    yield from stream_parts(fh, str(Path(name)), target, max_chars)
                else:
                    yield from warc_parts(fh, *_where(name), target)
            return
    n, p = _where(name)
    yield Files((n,), (p,))


def warc_parts(fh: Any, name: str, path: str, target: int) -> Iterator[RecordRange]:
    """Ranges of whole records of about `target` bytes (each record of a .warc.gz is its own
    gzip member, so a worker can start at any of them). Damage ends the planning: the last
    range runs to the end of the file and its worker reports the damage as one process does."""
    start, first, n = 0, 1, 0
    records = ArchiveIterator(fh)
    # Damage stops the planning quietly: the worker reading the last range meets it again and says what it is.
    with contextlib.suppress(Exception):
        for _record in records:
            n += 1
            offset = records.get_record_offset()
            if offset - start >= target:
                yield RecordRange(path, name, start, offset, first)
                start, first = offset, n
    yield RecordRange(path, name, start, None, first)


__all__ = ["Files", "Planned", "RecordRange", "plan_sources", "warc_parts"]
