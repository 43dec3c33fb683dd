"""Splitting an input into partitions a worker reads on its own, without the driver holding it.

A partition is a small frozen description of where its articles are; the driver makes
them while streaming through the input once (counting lines or records, never parsing
an article) and a worker turns one back into records with `read()`, named exactly as one
process names them (`FILE:LINE`, `FILE#record-N`), so rejections read the same.

- plain JSON Lines: byte ranges ending at a line end, with the number of their first line;
  the worker opens the file itself (a cluster's workers need it at the same path).
- gzip JSON Lines and standard input: gzip cannot seek, so the driver decompresses once
  and ships blocks of lines with the task; at most the in-flight blocks are in memory.
- WARC records and files of a folder: `rawi.scale.sources` (they need the ingest readers,
  which `rawi extract` does not load).
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Protocol

from rawi.errors import RawiError
from rawi.reading import Record, iter_jsonl

GZIP_MAGIC = b"\x1f\x8b"


class Partition(Protocol):
    """Anything a worker can read articles from."""

    def read(self, max_chars: int) -> Iterator[Record]: ...


@dataclass(frozen=True, slots=True)
class LineRange:
    """Bytes [start, end) of a plain JSON Lines file at `path`, whose first line is `first_line`."""

    path: str  # absolute: where the worker opens it
    name: str  # as the user gave it: what messages call it
    start: int
    end: int
    first_line: int

    def read(self, max_chars: int) -> Iterator[Record]:
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.start)
                data = fh.read(self.end - self.start)
        except OSError as exc:
            yield Record(self.name, None, RawiError("E009", self.name, exc.strerror or str(exc)))
            return
        yield from iter_jsonl(io.BytesIO(data), self.name, max_chars, self.first_line)


@dataclass(frozen=True, slots=True)
class LineBlock:
    """Whole lines the driver read (from gzip or standard input), the first being `first_line`."""

    name: str
    first_line: int
    data: bytes

    def read(self, max_chars: int) -> Iterator[Record]:
        yield from iter_jsonl(io.BytesIO(self.data), self.name, max_chars, self.first_line)


@dataclass(frozen=True, slots=True)
class Failed:
    """An input the driver could not read, reported in its place among the others."""

    error: RawiError

    def read(self, max_chars: int) -> Iterator[Record]:
        yield Record(self.error.input, None, self.error)


def jsonl_parts(name: str, target: int, stdin: IO[bytes] | None = None) -> Iterator[Partition]:
    """The partitions of the JSON Lines input `name` (`-`: `stdin`), about `target` bytes each."""
    if name == "-":
        if stdin is not None:
            yield from line_blocks(stdin, "<stdin>", target)
        return
    try:
        fh = open(name, "rb")  # noqa: SIM115  # held while the generator runs
    except OSError as exc:
        yield Failed(RawiError("E009", name, exc.strerror or str(exc)))
        return
    with fh:
        yield from stream_parts(fh, name, target)


def stream_parts(fh: io.BufferedReader, name: str, target: int) -> Iterator[Partition]:
    """Byte ranges of a plain file, blocks of lines of a gzip one (whatever its name says, as
    `iter_jsonl` decides by the content)."""
    if fh.peek(2)[:2] == GZIP_MAGIC:
        yield from line_blocks(fh, name, target)
    else:
        yield from line_ranges(fh, os.path.abspath(fh.name), name, target)


def line_ranges(fh: IO[bytes], path: str, name: str, target: int) -> Iterator[LineRange]:
    """Ranges of about `target` bytes that end at a line end; one pass, one range in memory."""
    start, line = 0, 1
    while chunk := fh.read(target):
        if not chunk.endswith(b"\n"):
            chunk += fh.readline()
        yield LineRange(path, name, start, start + len(chunk), line)
        start += len(chunk)
        line += chunk.count(b"\n")


def line_blocks(stream: IO[bytes], name: str, target: int) -> Iterator[Partition]:
    """Blocks of whole lines of about `target` bytes, decompressing gzip; damage ends the
    input with the rejection `iter_jsonl` gives it, after the lines read before it."""
    src: IO[bytes] = stream
    if hasattr(stream, "peek") and stream.peek(2)[:2] == GZIP_MAGIC:
        src = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    lines: list[bytes] = []
    size, first = 0, 1
    try:
        for raw in src:
            lines.append(raw)
            size += len(raw)
            if size >= target:
                yield LineBlock(name, first, b"".join(lines))
                first += len(lines)
                lines, size = [], 0
    except (OSError, EOFError, zlib.error) as exc:
        if lines:
            yield LineBlock(name, first, b"".join(lines))
        where = f"{name}:{first + len(lines)}"
        yield Failed(RawiError("E010", where, str(exc)))
        return
    if lines:
        yield LineBlock(name, first, b"".join(lines))


__all__ = ["Failed", "LineBlock", "LineRange", "Partition", "jsonl_parts", "line_blocks", "line_ranges",
           "stream_parts"]
