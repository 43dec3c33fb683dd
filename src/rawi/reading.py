"""Turning bytes from a file, stdin or a JSON Lines record into a checked `Article`.

Every failure is a `RawiError` naming the input, so one bad article is
reported and skipped while the others go on.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from rawi.errors import RawiError
from rawi.model import Article

_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")
DEFAULT_MAX_CHARS = 1_000_000  # a long feature is ~50,000; a book is not an article


def decode(data: bytes, input_name: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    if not data.strip():
        raise RawiError("E001", input_name)
    head = data[:8192]
    if b"\x00" in head:
        raise RawiError("E002", input_name, "it contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RawiError("E003", input_name, f"byte {exc.start}: {data[exc.start:exc.start + 4]!r}") from None
    return check_text(text, input_name, max_chars)


def check_text(text: str, input_name: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    if not text.strip():
        raise RawiError("E001", input_name)
    if len(text) > max_chars:
        raise RawiError("E004", input_name, f"{len(text):,} characters, limit {max_chars:,}")
    sample = text[:4096]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise RawiError("E002", input_name, f"{controls} control characters in the first {len(sample)}")
    return text


@dataclass(frozen=True, slots=True)
class Record:
    """One line of a JSON Lines input: an article, or the error that stopped it."""

    input_name: str
    article: Article | None
    error: RawiError | None


def article_from(obj: object, input_name: str, max_chars: int) -> Article:
    if not isinstance(obj, dict):
        raise RawiError("E006", input_name, "the line is not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise RawiError("E006", input_name, "`text` is missing or not a string")
    raw_id = obj.get("id")
    if not isinstance(raw_id, str | int) or isinstance(raw_id, bool) or str(raw_id) == "":
        raise RawiError("E006", input_name, "`id` is missing")
    check_text(text, input_name, max_chars)

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v is not None and str(v).strip() else None

    return Article(str(raw_id), text, opt("published"), opt("title"), opt("url"), opt("source"))


def iter_jsonl(stream: IO[bytes], name: str, max_chars: int = DEFAULT_MAX_CHARS,
               first_line: int = 1) -> Iterator[Record]:
    """Records of a JSON Lines stream (plain or gzip); a bad line becomes an error record.

    `first_line`: the number of the stream's first line in its file (a worker reads a part of it)."""
    magic = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    src: IO[bytes] = stream
    if magic == b"\x1f\x8b":
        src = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    lineno = first_line - 1
    try:
        for raw in src:
            lineno += 1
            where = f"{name}:{lineno}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Record(where, None, RawiError("E003", where, f"byte {exc.start}"))
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Record(where, None, RawiError("E005", where, exc.msg))
                continue
            try:
                yield Record(where, article_from(obj, where, max_chars), None)
            except RawiError as err:
                yield Record(where, None, err)
    except (OSError, EOFError, zlib.error) as exc:
        yield Record(f"{name}:{lineno + 1}", None, RawiError("E010", f"{name}:{lineno + 1}", str(exc)))
