"""What every reader shares: the `Input` result, content sniffing and the binary check."""

from __future__ import annotations

from dataclasses import dataclass

from rawi import __version__
from rawi.errors import RawiError
from rawi.model import Article

USER_AGENT = f"rawi/{__version__} (Arabic news claims ledger; python-httpx)"

# Markup and feeds are read whole; JSON Lines and WARC are streamed. A page or a
# feed is far below this; anything above is a mistake (a dump, a video) we refuse
# before it fills the memory.
MAX_MARKUP_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Input:
    """One article found in a source, or the reason a source (or part of it) was rejected."""

    origin: str  # "path", "path:line", "url", "url#entry-2", "file.warc.gz#record-3"
    article: Article | None
    error: RawiError | None


def ok(origin: str, article: Article) -> Input:
    return Input(origin, article, None)


def fail(err: RawiError) -> Input:
    return Input(err.input, None, err)


# Magic numbers of the documents people most often drop into a folder of articles.
# Text never starts with these, so naming the format makes the rejection actionable.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub document)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x1f\x8b", "gzip-compressed data (name it .gz so rawi decompresses it)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00", "a binary file (MP4/ISO media?)"),
)


def binary_reason(head: bytes) -> str | None:
    """Why these first bytes are not a text document, or None if they may be one."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def _markup_head(head: bytes) -> bytes:
    """The first bytes, lower-cased, without BOM, XML declaration, comments and leading space."""
    h = head[:4096].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    while True:
        if h.startswith(b"<?"):
            end = h.find(b"?>")
        elif h.startswith(b"<!--"):
            end = h.find(b"-->")
        else:
            return h
        if end < 0:
            return h
        h = h[end + 2 :].lstrip(b">").lstrip()


def looks_like_feed(head: bytes) -> bool:
    h = _markup_head(head)
    return h.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


def looks_like_html(head: bytes) -> bool:
    h = _markup_head(head)
    return h.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta"))


def kind_of(name: str, head: bytes, content_type: str = "") -> str:
    """Which reader takes a source: text, html, feed, jsonl, json, warc or binary.

    The name decides when it is explicit; the content decides otherwise, so a
    feed saved as `latest` or an HTML page served as `/news/123` is still read right.
    """
    low = name.lower().split("?", 1)[0].split("#", 1)[0]
    if low.endswith(".gz"):
        low = low[:-3]
    ct = content_type.split(";", 1)[0].strip().lower()
    if low.endswith((".jsonl", ".ndjson")) or ct in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if low.endswith(".warc") or ct == "application/warc" or head.startswith(b"WARC/"):
        return "warc"
    if binary_reason(head) is not None:
        return "binary"
    if low.endswith(".json") or ct == "application/json":
        return "json"
    if low.endswith((".html", ".htm", ".xhtml", ".shtml")):
        return "html"
    if low.endswith((".xml", ".rss", ".atom", ".rdf")):
        return "html" if looks_like_html(head) and not looks_like_feed(head) else "feed"
    if low.endswith((".txt", ".text")):
        return "text"
    if looks_like_feed(head) or ct in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if looks_like_html(head) or ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct in ("application/xml", "text/xml"):
        return "feed"
    return "text"
