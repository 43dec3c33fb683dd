"""`--format csv`: one row per attributed claim, with its speaker, relays and article."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rawi.export.common import relay_names, speaker_name
from rawi.ledger.queries_export import ExportedArticle

COLUMNS = (
    "doc_key",
    "published",
    "outlet",
    "speaker",
    "speaker_key",
    "relays",
    "cue",
    "stance",
    "kind",
    "content",
    "content_start",
    "content_end",
    "url",
)


def rows(item: ExportedArticle) -> Iterator[dict[str, Any]]:
    row, analysis = item.stored.row, item.stored.analysis
    for att in item.claims():
        yield {
            "doc_key": row.doc_key,
            "published": row.published,
            "outlet": row.source,
            "speaker": speaker_name(analysis, att),
            "speaker_key": item.entity_key(att.source.entity),
            "relays": " < ".join(relay_names(analysis, att)),
            "cue": att.cue.text if att.cue else None,
            "stance": att.stance,
            "kind": att.kind,
            "content": att.content.text,
            "content_start": att.content.start,
            "content_end": att.content.end,
            "url": row.url,
        }


def write(items: Iterable[ExportedArticle], out: IO[str]) -> int:
    """RFC 4180 CSV (CRLF line ends; open a file with newline="")."""
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    n = 0
    for item in items:
        for r in rows(item):
            writer.writerow(r)
            n += 1
    return n
