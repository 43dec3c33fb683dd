"""`--format jsonl`: one stored article per line, its full extraction plus the ledger's fields.

Each line is the extraction contract (spec/EXTRACTION.md) as ingested, so
`rawi extract`'s consumers read it unchanged, with `doc_key`, `syndicated_of`,
the article's title/url/source and when it was ingested added (extra keys are
allowed by the contract).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from rawi.ledger.queries_export import ExportedArticle


def record(item: ExportedArticle) -> dict[str, Any]:
    row = item.stored.row
    out = item.stored.analysis.to_json()
    for name in ("title", "url", "source"):
        value = getattr(row, name)
        if value is not None:
            out[name] = value
    out.update(
        {
            "doc_key": row.doc_key,
            "syndicated_of": row.syndicated_of,
            "content_hash": row.content_hash,
            "ingested_at": row.ingested_at,
        }
    )
    return out


def write(items: Iterable[ExportedArticle], out: IO[str]) -> int:
    n = 0
    for item in items:
        out.write(json.dumps(record(item), ensure_ascii=False) + "\n")
        n += 1
    return n
