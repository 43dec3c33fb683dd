#!/usr/bin/env python3
"""Ingest throughput: the shared corpus into a fresh ledger, through `rawi ingest`'s own code path.

    python benchmarks/ingest.py [--db URL] [--limit N] [--corpus PATH ...] [--rerun] [--drop-existing]

Default: both ../shared/corpus/*.jsonl.gz (41,191 articles) into a new SQLite file in
a temp dir, deleted afterwards. `--db postgresql://…` (e.g. from scripts/pg-test-server)
writes there instead; a ledger that already holds articles is refused unless
`--drop-existing` (which drops rawi's tables first). `--limit N` takes the first
articles of each corpus in proportion to its size, N in all. `--rerun` ingests the
same input again and times the idempotent pass (everything "unchanged").

Prints JSON: articles, added/unchanged/replaced/rejected, seconds (reading +
language id + extraction + storing, not opening the ledger), articles/s, peak
RSS, cores, db kind. Unlike benchmarks/throughput.py nothing is pinned: ingest
is one process, and a PostgreSQL server uses the other core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import text

from rawi.ledger import engine as ledger_engine
from rawi.ledger.schema import metadata
from rawi.service import Service, Summary

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _lines(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line for line in fh if line.strip()]


def limited(corpora: Sequence[Path], limit: int, tmp: Path) -> list[str]:
    """Plain .jsonl files with the first lines of each corpus, `limit` in all, split by size."""
    lines = [_lines(p) for p in corpora]
    total = sum(len(ls) for ls in lines)
    out: list[str] = []
    left = min(limit, total)
    for i, (path, ls) in enumerate(zip(corpora, lines, strict=True)):
        share = left if i == len(corpora) - 1 else min(left, round(limit * len(ls) / total))
        dest = tmp / (path.name.removesuffix(".gz").removesuffix(".jsonl") + ".jsonl")
        dest.write_text("".join(ls[:share]), encoding="utf-8")
        out.append(str(dest))
        left -= share
    return out


def _prepare_db(url: str, drop: bool) -> None:
    """Refuse to benchmark into a ledger that holds articles, unless told to drop its tables."""
    eng = ledger_engine.create(url)
    try:
        with eng.begin() as conn:
            if drop:
                metadata.drop_all(conn)
                conn.exec_driver_sql("DROP TABLE IF EXISTS schema_migrations")
            elif eng.dialect.has_table(conn, "articles"):
                n = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
                if n:
                    sys.exit(f"{url} already holds {n} articles: pass --drop-existing or use a fresh database")
    finally:
        eng.dispose()


def _run(service: Service, sources: Sequence[str]) -> tuple[Summary, float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    summary = service.ingest_sources(sources)
    return summary, time.perf_counter() - t0, time.process_time() - c0


def _figures(summary: Summary, seconds: float, cpu: float) -> dict[str, Any]:
    c = summary.counts
    n = c["added"] + c["unchanged"] + c["replaced"] + len(summary.rejected)
    return {
        "articles": n,
        "added": c["added"],
        "unchanged": c["unchanged"],
        "replaced": c["replaced"],
        "rejected": len(summary.rejected),
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1) if seconds else None,
        "cpu_seconds": round(cpu, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="ledger URL (default: a fresh SQLite file in a temp dir)")
    ap.add_argument("--limit", type=int, default=0, help="ingest N articles in all (0: everything)")
    ap.add_argument("--corpus", type=Path, nargs="+", default=sorted(CORPUS.glob("*.jsonl.gz")))
    ap.add_argument("--rerun", action="store_true", help="then ingest the same input again (idempotent pass)")
    ap.add_argument("--drop-existing", action="store_true", help="drop rawi's tables in --db first")
    a = ap.parse_args()
    if not a.corpus:
        sys.exit(f"no corpus given and none in {CORPUS}")
    with tempfile.TemporaryDirectory(prefix="rawi-bench-") as tmp:
        url = a.db or str(Path(tmp) / "ledger.sqlite")
        if a.db:
            _prepare_db(url, a.drop_existing)
        sources = limited(a.corpus, a.limit, Path(tmp)) if a.limit else [str(p) for p in a.corpus]
        t0 = time.perf_counter()
        with Service.open(url) as service:
            open_s = time.perf_counter() - t0
            kind = service.ledger.engine.dialect.name
            db_file = service.ledger.engine.url.database if kind == "sqlite" else None
            first = _figures(*_run(service, sources))
            again = _figures(*_run(service, sources)) if a.rerun else None
            stats = service.stats()
        size_mb = Path(db_file).stat().st_size / 1e6 if db_file else None  # "sqlite:///x" or a bare path
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result: dict[str, Any] = {
        **first,
        "open_seconds": round(open_s, 3),
        "peak_rss_mb": round(rss_mb, 1),
        "cores": os.cpu_count(),
        "db_kind": kind,
        "db": "temp SQLite file" if a.db is None else ledger_engine.resolve_url(url).split("@")[-1],
        "db_file_mb": round(size_mb, 1) if size_mb is not None else None,
        "stored": {
            "articles": stats.articles,
            "attributions": stats.attributions,
            "quantities": stats.quantities,
            "syndicated": stats.syndicated,
        },
        "corpus": [p.name for p in a.corpus],
        "limit": a.limit or None,
        "python": platform.python_version(),
    }
    if again is not None:
        result["rerun"] = again
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
