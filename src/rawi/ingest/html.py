"""HTML pages to articles: trafilatura finds the main text and the page's metadata."""

from __future__ import annotations

import logging

import trafilatura

from rawi.errors import RawiError
from rawi.model import Article
from rawi.reading import check_text

# trafilatura logs every page it cannot parse (at WARNING and ERROR); the rejection is already
# reported as an Input with its reason, so the log line would only duplicate it.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def article_from_html(data: bytes | str, origin: str, *, fallback_id: str, url: str | None = None,
                      force_url: bool = False, max_chars: int) -> Article:
    """The article of one page; raises `RawiError` naming `origin` when there is none.

    `url` is what we know of the page's address (the fetched or archived URL): the
    page's canonical link wins over it unless `force_url`, because the canonical
    link is what other copies of the article point to.
    """
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True)
    except Exception as exc:  # a parser bug on one page must not stop the batch
        raise RawiError("E100", origin, f"trafilatura: {type(exc).__name__}: {exc}") from exc
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise RawiError("E001", origin)
    text = check_text(doc.text or "", origin, max_chars)
    page_url = url if force_url and url else (_clean(doc.url) or url)
    published = _clean(doc.date)
    return Article(id=page_url or fallback_id, text=text, published=published, title=_clean(doc.title),
                   url=page_url, source=_clean(doc.sitename))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs kept apart.

    trafilatura's extractor keeps paragraph breaks but may judge a short fragment to
    be boilerplate; its plain html2txt then keeps every word.
    """
    try:
        text = trafilatura.extract(fragment, include_comments=False, include_tables=True, favor_recall=True)
        if not text or not text.strip():
            text = trafilatura.html2txt(f"<html><body>{fragment}</body></html>")
    except Exception:  # a fragment the parser chokes on is simply left without text
        return ""
    return text.strip()
