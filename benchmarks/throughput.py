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

from rawi.api import extract_article, prepare_batch
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
    prepare_batch()  # what `rawi extract` does before a JSON Lines batch
    # Articles are streamed, not loaded first, so that peak RSS is rawi's and not the corpus's;
    # only the time inside extract_article is counted.
    n = done = rejected = nbytes = 0
    dt = cpu = 0.0
    with gzip.open(a.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            art = Article(str(obj["id"]), obj.get("text") or "", obj.get("published"))
            n += 1
            nbytes += len(art.text.encode("utf-8"))
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                extract_article(art)
                done += 1
            except RawiError:
                rejected += 1
            dt += time.perf_counter() - t0
            cpu += time.process_time() - c0
            if a.limit and n >= a.limit:
                break
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "corpus": a.corpus.name,
                "articles": n,
                "extracted": done,
                "rejected": rejected,
                "seconds": round(dt, 2),
                "articles_per_s": round(n / dt, 1),
                # CPU time is what the one core spent on us: steadier than wall time on a busy machine.
                "cpu_seconds": round(cpu, 2),
                "articles_per_cpu_s": round(n / cpu, 1),
                "mb_per_s": round(nbytes / dt / 1e6, 2),
                "peak_rss_mb": round(rss_mb, 1),
                "cores_on_machine": os.cpu_count(),
                "cores_used": 1,
                "python": platform.python_version(),
                "cpu": platform.processor() or platform.machine(),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
