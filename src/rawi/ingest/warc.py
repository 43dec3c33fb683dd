"""WARC archives: every archived HTML page is an article, read as the HTML reader reads a page.

A damaged record is rejected, never stored as what it seems to hold: a record cut short
(the file or its gzip member ends before its Content-Length) would be a shorter article,
and one whose Content-Length runs past its end would swallow the next record's text.
In an uncompressed archive the reader then looks for the next record header after the
damaged record's start, so the records it swallowed are still read.
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rawi.errors import RawiError
from rawi.ingest.common import MAX_MARKUP_BYTES, Input, fail, ok
from rawi.ingest.html import article_from_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HEADER = b"\nWARC/1."  # a record starts on a line of its own
# A whole record header inside a page: the page's Content-Length ran over the next record.
_EMBEDDED = re.compile(rb"\nWARC/1\.\d\r\n(?:[^\r\n]{0,512}\r\n){0,30}?WARC-Record-ID: *<")
_SCAN_CHUNK = 1 << 20


def _html_payload(record: object) -> tuple[str, bytes] | None:
    """(target URI, body) of a record holding an HTML page that was served fine, else None.

    Redirects, error pages, images, scripts and request/metadata records are the
    bulk of a crawl and not articles: they are skipped without a word.
    """
    rec_type = getattr(record, "rec_type", "")
    if rec_type == "response":
        http = getattr(record, "http_headers", None)
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = http.get_header("Content-Type") or ""
    elif rec_type == "resource":  # pages stored without an HTTP exchange (local captures)
        ctype = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    else:
        return None
    if ctype.split(";", 1)[0].strip().lower() not in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    body = record.content_stream().read(MAX_MARKUP_BYTES + 1)  # type: ignore[attr-defined]
    return uri.strip("<> "), body


def _damage(archive: ArchiveIterator, record: object, body: bytes | None) -> str | None:
    """Why `record` (just read, its page `body` if it holds one) cannot be trusted, or None.
    Reads it to its end."""
    before = archive.err_count
    # warcio prints its own warning when a record is not followed by a blank line; the
    # rejection below says it, with the record's name.
    with contextlib.redirect_stderr(io.StringIO()):
        archive.read_to_end()
    declared = record.rec_headers.get_header("Content-Length") or "?"  # type: ignore[attr-defined]
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing > 0:
        return (
            f"cut short: {missing:,} of its {declared} bytes (Content-Length) are missing; the file ends "
            "first, or its Content-Length is larger than the record"
        )
    if archive.err_count > before:
        return (
            f"its Content-Length ({declared} bytes) does not end where the record does: "
            "the record is longer or shorter than it says"
        )
    checker = getattr(record, "digest_checker", None)
    # Only the block digest: some crawlers compute the payload digest after undoing chunked
    # transfer encoding, so a payload mismatch is no proof of damage.
    problems = [p for p in getattr(checker, "problems", ()) if "block digest" in p]
    if problems:
        return f"its content does not match its WARC-Block-Digest ({problems[0]})"
    if body is not None and getattr(checker, "passed", None) is not True:
        # Without a digest to vouch for it, a page that holds another record's header ran over
        # it: its Content-Length happened to end exactly at a record boundary further on.
        at = body.find(_HEADER)
        while at >= 0:
            if _EMBEDDED.match(body, at):
                return "it holds the header of another record: its Content-Length runs past its end"
            at = body.find(_HEADER, at + 1)
    return None


def _next_header(stream: IO[bytes], after: int) -> int | None:
    """The offset of the first record header line whose newline is at or after `after`, or None."""
    stream.seek(after)
    at = after
    carry = b""
    while block := stream.read(_SCAN_CHUNK):
        data = carry + block
        found = data.find(_HEADER)
        if found >= 0:
            return at - len(carry) + found + 1
        carry = data[-(len(_HEADER) - 1) :]
        at += len(block)
    return None


def _resumable(stream: IO[bytes], archive: ArchiveIterator) -> bool:
    """Whether the reader can look for the next record itself: an uncompressed archive in a
    file it can seek in (a gzip member's boundaries are warcio's to find)."""
    try:
        return archive.reader.decompressor is None and stream.seekable()
    except (AttributeError, OSError, ValueError):
        return False


def iter_warc(stream: IO[bytes], origin: str, *, max_chars: int, first: int = 1) -> Iterator[Input]:
    """One Input per archived HTML page, named `origin#record-N` (N counts every record, from 1;
    `first`: the number of the stream's first record, when a worker reads a part of the file);
    a damaged record (E014) is one rejection and the records after it are still read."""
    n = first - 1
    while True:
        begin = stream.tell() if stream.seekable() else 0
        archive = ArchiveIterator(stream, check_digests=True)
        resume_after: int | None = None
        try:
            for record in archive:
                n += 1
                where = f"{origin}#record-{n}"
                payload = _html_payload(record)
                damage = _damage(archive, record, payload[1] if payload is not None else None)
                if damage is not None:
                    yield fail(RawiError("E014", where, damage))
                    if _resumable(stream, archive):
                        resume_after = archive.get_record_offset()
                        break
                    continue  # gzip: the next member starts a record of its own
                if payload is None:
                    continue
                uri, body = payload
                if len(body) > MAX_MARKUP_BYTES:
                    yield fail(RawiError("E004", where, f"an HTML page of more than {MAX_MARKUP_BYTES:,} bytes"))
                    continue
                try:
                    article = article_from_html(
                        body, where, fallback_id=uri or where, url=uri or None, force_url=bool(uri), max_chars=max_chars
                    )
                except RawiError as err:
                    yield fail(err)
                    continue
                yield ok(where, article)
        except (zlib.error, EOFError) as exc:
            yield fail(RawiError("E010", f"{origin}#record-{n + 1}", str(exc) or type(exc).__name__))
            return
        except (ArchiveLoadFailed, OSError, ValueError) as exc:
            # warcio reports damage inside a compressed member as an unknown format whose
            # "first line" is compressed bytes; only the opening of its message is readable.
            n += 1  # the unreadable stretch counts as one record
            where = f"{origin}#record-{n}"
            detail = f"not a readable WARC record: {str(exc).strip()[:80]}"
            if origin.lower().split("#", 1)[0].endswith(".gz"):
                yield fail(RawiError("E010", where, detail))
                return
            yield fail(RawiError("E014", where, detail))
            if not _resumable(stream, archive):
                return
            # Look past the unreadable record: it begins where the last good one ended (or
            # where this pass began), and its own header, if it has one, must not be read again.
            info = archive.member_info
            end = info[0] + info[1] if info is not None else begin
            header = _next_header(stream, end)
            if header is not None and _only_space(stream, end, header):
                header = _next_header(stream, header + 1)
            if header is None:
                return
            stream.seek(header)
            continue
        if resume_after is None:
            return
        header = _next_header(stream, resume_after + 1)
        if header is None:
            return
        stream.seek(header)


def _only_space(stream: IO[bytes], start: int, end: int) -> bool:
    """Whether the bytes between two offsets are only blank lines (the gap between records)."""
    if end - start > 64:
        return False
    stream.seek(start)
    return not stream.read(end - start).strip()
