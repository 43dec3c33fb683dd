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

from rawi.errors import FIX_BLANK_LINE, FIX_CP1256, FIX_NUL, FIX_UTF16, RawiError
from rawi.model import Article

# Control characters other than white space, as bytes: in UTF-8 each is one byte that no other
# character's encoding holds, so `bytes.translate` counts them (four times faster than a regex).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
# Characters no ledger can hold, wherever they are: PostgreSQL refuses NUL in text, and a
# lone surrogate (JSON's "\ud800" without its pair) cannot be encoded as UTF-8, so hashing,
# SQLite and JSON output all fail on it. Articles with either are rejected when read.
_UNSTORABLE_RE = re.compile("[\x00\ud800-\udfff]")
_ARTICLE_FIELDS = ("id", "text", "published", "title", "url", "source")
DEFAULT_MAX_CHARS = 1_000_000  # a long feature is ~50,000; a book is not an article
# JSON Lines are read this many bytes at a time, so that no line is ever held whole before
# its length is known (a 1 MB gzip can hold a 1 GB line).
READ_CHUNK = 1 << 20


def max_line_bytes(max_chars: int) -> int:
    """The longest JSON Lines line read: a record whose `max_chars` characters are all escaped
    as \\uXXXX (6 bytes each, as `json.dumps` writes Arabic by default), with room for the
    other fields. A longer line cannot hold an article under the limit and is skipped unread."""
    return 6 * max_chars + 65_536


def utf16_reason(head: bytes) -> str | None:
    """Why these first bytes are UTF-16 text, or None.

    A byte order mark settles it. Without one, every second byte of Latin text is NUL and of
    Arabic text 0x06: the head decodes as UTF-16 to mostly Arabic, ASCII and white space.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it is UTF-16: it starts with a UTF-16 byte order mark"
    sample = head[:4096]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    for codec, order in (("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for c in text if c.isspace() or " " <= c <= "~" or "\u0600" <= c <= "\u06ff")
        if readable >= 0.9 * len(text):
            return f"it is UTF-16 ({order}, without a byte order mark)"
    return None


def not_utf8(data: bytes, input_name: str, exc: UnicodeDecodeError) -> RawiError:
    """E003 for bytes that failed to decode, with the encoding they are most likely in.

    WINDOWS-1256 is the usual legacy Arabic encoding, but advising it for a Latin-1 or
    Shift-JIS file would mislead: it is named only when the bytes read as Arabic in it.
    """
    where = f"byte {exc.start:,}: {data[exc.start : exc.start + 4]!r}"
    why = utf16_reason(data[:8192])
    if why is not None:
        return RawiError("E003", input_name, f"{why}; {where}", FIX_UTF16)
    if _reads_as_cp1256_arabic(data[:65_536]):
        return RawiError("E003", input_name, f"{where}; it reads as Arabic in WINDOWS-1256", FIX_CP1256)
    return RawiError("E003", input_name, f"{where}; nor is it Arabic in WINDOWS-1256")


def _reads_as_cp1256_arabic(data: bytes) -> bool:
    letters = [c for c in data.decode("cp1256", errors="replace") if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return arabic > len(letters) / 2


def decode(data: bytes, input_name: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    if not data.strip():
        raise RawiError("E001", input_name)
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        why = utf16_reason(head)
        if why is not None:
            raise RawiError("E003", input_name, why, FIX_UTF16)
        raise RawiError("E002", input_name, "it contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(data, input_name, exc) from None
    try:
        return check_text(text, input_name, max_chars)
    except RawiError as err:
        # Arabic UTF-16 without spaces in its head has no NUL there, and all its bytes are
        # valid (control) UTF-8: the control characters are then the first sign of it.
        why = utf16_reason(head) if err.code == "E002" else None
        if why is not None:
            raise RawiError("E003", input_name, why, FIX_UTF16) from None
        raise


def check_text(text: str, input_name: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    if not text.strip():
        raise RawiError("E001", input_name)
    if len(text) > max_chars:
        raise RawiError("E004", input_name, f"{len(text):,} characters, limit {max_chars:,}")
    check_storable(text, "text", input_name)
    sample = text[:4096]
    # No lone surrogate is left (`check_storable`), so the sample encodes.
    raw = sample.encode("utf-8")
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 50):
        raise RawiError("E002", input_name, f"{controls} control characters in the first {len(sample)}")
    return text


def check_storable(value: str, field: str, input_name: str) -> None:
    """Raise if `value` (the article's `field`) holds a NUL (E002) or a lone surrogate (E013)."""
    # The common case, proved without a scan in Python's regex engine (20 µs on a 5,000-character
    # article): an ASCII string has no surrogate, and UTF-8 encoding fails on every surrogate, after
    # which a NUL is a byte search.
    if value.isascii():
        if "\x00" not in value:
            return
    else:
        try:
            if b"\x00" not in value.encode("utf-8"):
                return
        except UnicodeEncodeError:
            pass
    found = _UNSTORABLE_RE.search(value)
    if found is None:
        return
    where = f"in `{field}` at character {found.start() + 1:,}"
    if found.group() == "\x00":
        raise RawiError("E002", input_name, f"a NUL character {where}", FIX_NUL)
    raise RawiError("E013", input_name, f"{ascii(found.group())[1:-1]} {where}")


def replace_unstorable(value: str) -> str:
    """`value` with each NUL and lone surrogate replaced by U+FFFD (for naming what was rejected)."""
    return _UNSTORABLE_RE.sub("\ufffd", value)


def check_article(article: Article, input_name: str) -> Article:
    """The article, if every field can be stored and printed (see `check_storable`)."""
    for field in _ARTICLE_FIELDS:
        value = getattr(article, field)
        if value is not None:
            check_storable(value, field, input_name)
    return article


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

    article = Article(str(raw_id), text, opt("published"), opt("title"), opt("url"), opt("source"))
    return check_article(article, input_name)


def parse_json(text: str, input_name: str) -> object:
    """`json.loads`, with every way it can fail on hostile input turned into E005."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if exc.lineno == 1 else f"line {exc.lineno}"
        raise RawiError("E005", input_name, f"{exc.msg} at {where}") from None
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits (CVE-2020-10735)
        detail = "a number of more than 4,300 digits" if "digits" in str(exc) else str(exc)[:80]
        raise RawiError("E005", input_name, detail) from None
    except RecursionError:
        raise RawiError("E005", input_name, "arrays or objects nested too deeply") from None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a stream, without its newline; `data` is None when it was longer than the bound."""

    number: int  # from 1
    data: bytes | None
    size: int  # bytes, counted even when not kept
    blank: bool  # only white space (known for every line; `data` says so too when kept)
    head: bytes  # the first line's first 4 KB (kept even when its data is not), else b""


def bounded_lines(stream: IO[bytes], limit: int, chunk: int = READ_CHUNK) -> Iterator[Line]:
    """The lines of `stream`, never holding more than `limit` bytes of one: a longer line is
    counted to its end and given without its data. Reads with `read1` where there is one,
    so lines arriving on a pipe come out as they arrive."""
    read = getattr(stream, "read1", stream.read)
    parts: list[bytes] = []
    size = 0
    kept = True
    blank = True
    head = b""
    number = 0
    pending = False  # bytes of an unfinished line were read
    while block := read(chunk):
        start = 0
        while True:
            nl = block.find(b"\n", start)
            piece = block[start:] if nl < 0 else block[start:nl]
            if piece:
                pending = True
                if number == 0 and len(head) < 4096:
                    head += piece[: 4096 - len(head)]
                if blank and not piece.isspace():
                    blank = False
                size += len(piece)
                if kept and size > limit:
                    kept = False
                    parts = []  # let the line go: only its length and head are kept
                elif kept:
                    parts.append(piece)
            if nl < 0:
                break
            number += 1
            yield Line(number, b"".join(parts) if kept else None, size, blank, head)
            parts, size, kept, blank, head, pending = [], 0, True, True, b"", False
            start = nl + 1
    if pending:
        yield Line(number + 1, b"".join(parts) if kept else None, size, blank, head)


def iter_jsonl(
    stream: IO[bytes], name: str, max_chars: int = DEFAULT_MAX_CHARS, first_line: int = 1, part: bool = False
) -> Iterator[Record]:
    """Records of a JSON Lines stream (plain or gzip); a bad line becomes an error record.

    Blank lines are skipped; a stream without a single record is reported as empty (E001),
    unless it is a `part` of a file a worker reads (the planner reports an empty file).
    `first_line`: the number of the stream's first line in its file.
    """
    magic = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    src: IO[bytes] = stream
    if magic == b"\x1f\x8b":
        src = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    limit = max_line_bytes(max_chars)
    lineno = first_line - 1
    found = part
    try:
        for line in bounded_lines(src, limit):
            lineno = line.number + first_line - 1
            if lineno == 1:
                why = utf16_reason(line.head)
                if why is not None:  # every line would be undecodable: one error for the file
                    yield Record(name, None, RawiError("E003", name, why, FIX_UTF16))
                    return
            rec = line_record(line, lineno, f"{name}:{lineno}", max_chars, limit)
            if rec is not None:
                found = True
                yield rec
    except (OSError, EOFError, zlib.error) as exc:
        found = True
        yield Record(f"{name}:{lineno + 1}", None, RawiError("E010", f"{name}:{lineno + 1}", str(exc)))
    if not found:
        yield Record(name, None, RawiError("E001", name))


def line_record(line: Line, lineno: int, where: str, max_chars: int, limit: int) -> Record | None:
    """The record of line `lineno` of its file, None for a blank one. Nothing raises out of here: one
    line's failure, whatever it is, must not end the stream."""
    if line.data is None:
        what = " of white space only" if line.blank else ""
        return Record(
            where,
            None,
            RawiError(
                "E004",
                where,
                f"a line of {line.size:,} bytes{what}, more than a record of at most {max_chars:,} "
                f"characters takes ({limit:,} bytes); it was skipped unread",
                FIX_BLANK_LINE if line.blank else None,
            ),
        )
    if line.blank:
        return None
    try:
        try:
            text = line.data.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise not_utf8(line.data, where, exc) from None
        return Record(where, article_from(parse_json(text, where), where, max_chars), None)
    except RawiError as err:
        return Record(where, None, err)
    except Exception as exc:  # a bug on one line is that line's failure
        return Record(where, None, RawiError("E100", where, f"{type(exc).__name__}: {exc}"))
