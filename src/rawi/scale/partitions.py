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
from rawi.reading import (
    DEFAULT_MAX_CHARS,
    READ_CHUNK,
    Line,
    Record,
    bounded_lines,
    iter_jsonl,
    line_record,
    max_line_bytes,
)

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
            fh = open(self.path, "rb")  # noqa: SIM115  # held while the generator runs
            fh.seek(self.start)
        except OSError as exc:
            yield Record(self.name, None, RawiError("E009", self.name, exc.strerror or str(exc)))
            return
        with fh:
            # Read through a window, not into memory: a range holding one huge line must
            # cost its worker no more than one process pays for it.
            window = io.BufferedReader(_Window(fh, self.end - self.start), READ_CHUNK)
            yield from iter_jsonl(window, self.name, max_chars, self.first_line, part=True)


class _Window(io.RawIOBase):
    """At most `left` bytes of `fh` from where it stands."""

    def __init__(self, fh: IO[bytes], left: int) -> None:
        self._fh, self._left = fh, left

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        data = self._fh.read(min(len(buffer), self._left))
        buffer[: len(data)] = data
        self._left -= len(data)
        return len(data)


@dataclass(frozen=True, slots=True)
class LineBlock:
    """Whole lines the driver read (from gzip or standard input), the first being `first_line`."""

    name: str
    first_line: int
    data: bytes

    def read(self, max_chars: int) -> Iterator[Record]:
        yield from iter_jsonl(io.BytesIO(self.data), self.name, max_chars, self.first_line, part=True)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A line longer than a record can be, which the driver counted without keeping."""

    name: str
    line: Line  # its number in the file, its size; no data

    def read(self, max_chars: int) -> Iterator[Record]:
        where = f"{self.name}:{self.line.number}"
        rec = line_record(self.line, self.line.number, where, max_chars, max_line_bytes(max_chars))
        if rec is not None:
            yield rec


@dataclass(frozen=True, slots=True)
class Failed:
    """An input the driver could not read, reported in its place among the others."""

    error: RawiError

    def read(self, max_chars: int) -> Iterator[Record]:
        yield Record(self.error.input, None, self.error)


def jsonl_parts(
    name: str, target: int, stdin: IO[bytes] | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Partition]:
    """The partitions of the JSON Lines input `name` (`-`: `stdin`), about `target` bytes each."""
    if name == "-":
        if stdin is not None:
            yield from line_blocks(stdin, "<stdin>", target, max_chars)
        return
    try:
        fh = open(name, "rb")  # noqa: SIM115  # held while the generator runs
    except OSError as exc:
        yield Failed(RawiError("E009", name, exc.strerror or str(exc)))
        return
    with fh:
        yield from stream_parts(fh, name, target, max_chars)


def stream_parts(
    fh: io.BufferedReader, name: str, target: int, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Partition]:
    """Byte ranges of a plain file, blocks of lines of a gzip one (whatever its name says, as
    `iter_jsonl` decides by the content)."""
    if fh.peek(2)[:2] == GZIP_MAGIC:
        yield from line_blocks(fh, name, target, max_chars)
    else:
        yield from line_ranges(fh, os.path.abspath(fh.name), name, target)


def line_ranges(fh: IO[bytes], path: str, name: str, target: int) -> Iterator[Partition]:
    """Ranges of about `target` bytes that end at a line end; one pass, one block in memory
    (a line longer than a block is counted through, not held). A file without a
    non-blank byte is empty (E001), as one process says."""
    start, line, blank = 0, 1, True
    while chunk := fh.read(target):
        size, lines = len(chunk), chunk.count(b"\n")
        blank = blank and chunk.isspace()
        while not chunk.endswith(b"\n") and (chunk := fh.read(min(target, READ_CHUNK))):
            nl = chunk.find(b"\n")
            blank = blank and chunk[: None if nl < 0 else nl + 1].isspace()
            if nl >= 0:
                fh.seek(nl + 1 - len(chunk), io.SEEK_CUR)
                chunk = chunk[: nl + 1]
            size += len(chunk)
            lines += chunk.count(b"\n")
        yield LineRange(path, name, start, start + size, line)
        start += size
        line += lines
    if blank:
        yield Failed(RawiError("E001", name))


def line_blocks(stream: IO[bytes], name: str, target: int, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Partition]:
    """Blocks of whole lines of about `target` bytes, decompressing gzip; a line too long to
    be a record is counted, not kept (`Skipped`); damage ends the input with the rejection
    `iter_jsonl` gives it, after the lines read before it."""
    src: IO[bytes] = stream
    if hasattr(stream, "peek") and stream.peek(2)[:2] == GZIP_MAGIC:
        src = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    lines: list[bytes] = []
    size, first, blank, number = 0, 1, True, 0
    try:
        for line in bounded_lines(src, max_line_bytes(max_chars)):
            number = line.number
            blank = blank and line.blank
            if line.data is None:
                if lines:
                    yield LineBlock(name, first, b"".join(lines))
                yield Skipped(name, Line(line.number, None, line.size, line.blank, b""))
                lines, size, first = [], 0, line.number + 1
                continue
            lines.append(line.data + b"\n")
            size += len(line.data) + 1
            if size >= target:
                yield LineBlock(name, first, b"".join(lines))
                first += len(lines)
                lines, size = [], 0
    except (OSError, EOFError, zlib.error) as exc:
        if lines:
            yield LineBlock(name, first, b"".join(lines))
        where = f"{name}:{number + 1}"
        yield Failed(RawiError("E010", where, str(exc)))
        return
    if lines:
        yield LineBlock(name, first, b"".join(lines))
    if blank:
        yield Failed(RawiError("E001", name))


__all__ = [
    "Failed",
    "LineBlock",
    "LineRange",
    "Partition",
    "Skipped",
    "jsonl_parts",
    "line_blocks",
    "line_ranges",
    "stream_parts",
]
