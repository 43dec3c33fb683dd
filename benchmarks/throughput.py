#!/usr/bin/env python3
"""Extraction throughput in one process pinned to one core.

    python benchmarks/throughput.py [--corpus ../shared/corpus/saudinewsnet.jsonl.gz] [--limit N]

Reports articles/s, MB/s of UTF-8 text, peak RSS, the corpus, the article count
and the machine's core count. Rejected articles (empty, non-Arabic) are counted
apart and their time is included.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import time
from pathlib import Path

from rawi.api import extract_article
from rawi.errors import RawiError
from rawi.model import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="stop after N articles (0: all)")
    a = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles: list[Article] = []
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            articles.append(Article(str(obj["id"]), obj.get("text") or "", obj.get("published")))
            if a.limit and len(articles) >= a.limit:
                break
    nbytes = sum(len(x.text.encode("utf-8")) for x in articles)
    extract_article(Article("warm", "قال الوزير إن الاتفاق نهائي.", "2025-01-01"))  # load lexicons
    done = rejected = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    for art in articles:
        try:
            extract_article(art)
            done += 1
        except RawiError:
            rejected += 1
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(articles)
    print(json.dumps({
        "corpus": a.corpus.name, "articles": n, "extracted": done, "rejected": rejected,
        "seconds": round(dt, 2), "articles_per_s": round(n / dt, 1),
        # CPU time is what the one core spent on us: steadier than wall time on a busy machine.
        "cpu_seconds": round(cpu, 2), "articles_per_cpu_s": round(n / cpu, 1),
        "mb_per_s": round(nbytes / dt / 1e6, 2), "peak_rss_mb": round(rss_mb, 1),
        "cores_on_machine": os.cpu_count(), "cores_used": 1, "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
    }, indent=1))


if __name__ == "__main__":
    main()
