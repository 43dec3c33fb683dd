"""WARC archives: every archived HTML page is an article, read as the HTML reader reads a page."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rawi.errors import RawiError
from rawi.ingest.common import MAX_MARKUP_BYTES, Input, fail, ok
from rawi.ingest.html import article_from_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


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


def iter_warc(stream: IO[bytes], origin: str, *, max_chars: int, first: int = 1) -> Iterator[Input]:
    """One Input per archived HTML page, named `origin#record-N` (N counts every record, from 1;
    `first`: the number of the stream's first record, when a worker reads a part of the file)."""
    n = first - 1
    try:
        for record in ArchiveIterator(stream):
            n += 1
            where = f"{origin}#record-{n}"
            payload = _html_payload(record)
            if payload is None:
                continue
            uri, body = payload
            if len(body) > MAX_MARKUP_BYTES:
                yield fail(RawiError("E004", where, f"an HTML page of more than {MAX_MARKUP_BYTES:,} bytes"))
                continue
            try:
                article = article_from_html(body, where, fallback_id=uri or where, url=uri or None,
                                            force_url=bool(uri), max_chars=max_chars)
            except RawiError as err:
                yield fail(err)
                continue
            yield ok(where, article)
    except (zlib.error, EOFError) as exc:
        yield fail(RawiError("E010", f"{origin}#record-{n + 1}", str(exc) or type(exc).__name__))
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        # warcio reports damage inside a compressed member as an unknown format whose
        # "first line" is compressed bytes; only the opening of its message is readable.
        where = f"{origin}#record-{n + 1}"
        detail = str(exc)[:80]
        if origin.lower().split("#", 1)[0].endswith(".gz"):
            yield fail(RawiError("E010", where, f"not a readable WARC record: {detail}"))
        else:
            yield fail(RawiError("E009", where, f"not a readable WARC record: {detail}"))
