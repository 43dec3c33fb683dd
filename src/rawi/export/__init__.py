"""Exports of the claims ledger: jsonl, csv, schema.org ClaimReview and W3C Web Annotation.

`export(ledger, fmt, out, filter)` streams one format to an open text stream:
articles are read a page at a time in one read transaction and written as they
come, so memory stays flat on a large ledger. `atomic_output(path)` gives a
stream that replaces PATH only once the export is complete.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO

from rawi.export import claimreview, csvfile, jsonl, webanno
from rawi.export.common import atomic_output
from rawi.ledger import Ledger
from rawi.ledger.queries_export import ExportedArticle, ExportFilter, iter_articles

Writer = Callable[[Iterable[ExportedArticle], IO[str]], int]

WRITERS: dict[str, Writer] = {
    "jsonl": jsonl.write,
    "csv": csvfile.write,
    "claimreview": claimreview.write,
    "webanno": webanno.write,
}

# csv needs the stream opened with newline="" so that its CRLF line ends are written as is.
NEWLINE: dict[str, str | None] = {"csv": ""}


def export(ledger: Ledger, fmt: str, out: IO[str], flt: ExportFilter | None = None) -> int:
    """Write the ledger (filtered) in `fmt` to `out`; returns the number of records written
    (articles for jsonl, claims for csv and claimreview, annotations for webanno)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(WRITERS)}") from None
    with ledger.engine.connect() as conn:
        return writer(iter_articles(conn, flt or ExportFilter()), out)


__all__ = ["NEWLINE", "WRITERS", "ExportFilter", "atomic_output", "export"]
