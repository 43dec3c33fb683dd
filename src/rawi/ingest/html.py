"""HTML pages to articles: trafilatura finds the main text and the page's metadata."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

import lxml.html
import trafilatura
from trafilatura.utils import decode_file

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


def article_from_html(
    data: bytes | str, origin: str, *, fallback_id: str, url: str | None = None, force_url: bool = False, max_chars: int
) -> Article:
    """The article of one page; raises `RawiError` naming `origin` when there is none.

    `url` is what we know of the page's address (the fetched or archived URL): the
    page's canonical link wins over it unless `force_url`, because the canonical
    link is what other copies of the article point to.
    """
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # a parser bug on one page must not stop the batch
        raise RawiError("E100", origin, f"trafilatura: {type(exc).__name__}: {exc}") from exc
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        if not _parser_gave_up(data):
            raise RawiError("E001", origin)
        # libxml2 stops building the tree 255 elements deep, and trafilatura then finds nothing:
        # the words are still there, so they are read without the tree rather than lost.
        title, plain = plain_text(data)
        text = check_text(plain, origin, max_chars)
        return Article(id=url or fallback_id, text=text, title=_clean(title), url=url)
    text = check_text(doc.text or "", origin, max_chars)
    page_url = url if force_url and url else (_clean(doc.url) or url)
    published = _clean(doc.date)
    return Article(
        id=page_url or fallback_id,
        text=text,
        published=published,
        title=_clean(doc.title),
        url=page_url,
        source=_clean(doc.sitename),
    )


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


_DEPTH_LIMIT = re.compile(r"excessive depth|ERR_RESOURCE_LIMIT", re.IGNORECASE)
# Elements whose content is not text, and elements that break a line.
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "math", "head"})
_BREAKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "section",
        "blockquote",
        "pre",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "ul",
        "ol",
        "table",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "hr",
        "title",
        "body",
    }
)


def _parser_gave_up(data: bytes | str) -> bool:
    """Whether lxml stopped parsing this page at its nesting limit (a page no reader sees whole)."""
    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(data, parser=parser)
    except Exception:  # an empty or undecodable document: not a question of depth
        return False
    return any(_DEPTH_LIMIT.search(str(e)) for e in parser.error_log)


class _Plain(HTMLParser):
    """Text of every element outside scripts and styles, a line per block: no tree, so no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0  # inside <script>, <style>, <head>…
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _NOT_TEXT:
            self.hidden += 1
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _NOT_TEXT:
            self.hidden = max(0, self.hidden - 1)
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def plain_text(data: bytes | str) -> tuple[str, str]:
    """(title, text) of a page read as a stream of tags: paragraphs one per line, spaces collapsed."""
    reader = _Plain()
    reader.feed(decode_file(data) if isinstance(data, bytes) else data)  # the charset trafilatura would use
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return " ".join("".join(reader.title).split()), "\n".join(line for line in lines if line)
