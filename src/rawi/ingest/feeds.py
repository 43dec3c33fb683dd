"""RSS and Atom feeds: one article per entry, read with feedparser."""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from rawi.errors import RawiError
from rawi.ingest.common import Input, fail, ok
from rawi.ingest.html import html_to_text
from rawi.model import Article
from rawi.reading import check_text


def _str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _published(entry: Any) -> str | None:
    """The entry's date as ISO, keeping the publisher's own UTC offset.

    feedparser's parsed dates are in UTC, which can move a late-evening Gulf dateline
    to the previous day; the raw RFC 822 (RSS) or RFC 3339 (Atom) string keeps the
    local date the article's relative times ("yesterday") are counted from.
    """
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not isinstance(raw, str) or not raw.strip():
            continue
        raw = raw.strip()
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    return None


def _entry_text(entry: Any) -> str:
    """The fullest text an entry carries: its content, else its summary, HTML turned to text."""
    candidates: list[tuple[str, str]] = []
    for part in entry.get("content") or ():
        candidates.append((str(part.get("value") or ""), str(part.get("type") or "text/html")))
    summary = entry.get("summary")
    if isinstance(summary, str):
        detail = entry.get("summary_detail") or {}
        candidates.append((summary, str(detail.get("type") or "text/html")))
    for value, kind in candidates:
        if not value.strip():
            continue
        text = value.strip() if kind == "text/plain" else html_to_text(value)
        if text:
            return text
    return ""


def iter_feed(data: bytes, origin: str, *, max_chars: int, base_url: str | None = None) -> Iterator[Input]:
    """One Input per entry of an RSS/Atom document; named `origin#entry-N` (1-based)."""
    try:
        feed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    except Exception as exc:  # feedparser is lenient, but a parser bug must not stop a batch
        yield fail(RawiError("E100", origin, f"feedparser: {type(exc).__name__}: {exc}"))
        return
    # feedparser finds "entries" in any XML with <item> elements; only a recognised
    # RSS/Atom/RDF version makes the document a feed.
    if not feed.get("version"):
        why = feed.get("bozo_exception")
        detail = "this is not an RSS or Atom feed" + (f" ({why})" if why else "")
        yield fail(RawiError("E011", origin, detail))
        return
    entries = feed.get("entries") or []
    source = _str(feed.get("feed", {}).get("title"))
    for n, entry in enumerate(entries, 1):
        where = f"{origin}#entry-{n}"
        link = _str(entry.get("link"))
        entry_id = _str(entry.get("id")) or link
        if entry_id is None:
            yield fail(RawiError("E006", where, "the feed entry has neither an id nor a link"))
            continue
        try:
            text = check_text(_entry_text(entry), where, max_chars)
        except RawiError as err:
            yield fail(err)
            continue
        yield ok(
            where,
            Article(
                id=entry_id,
                text=text,
                published=_published(entry),
                title=_str(entry.get("title")),
                url=link,
                source=source,
            ),
        )
