#!/usr/bin/env python3
"""English extraction throughput in one process pinned to one core.

    python benchmarks/throughput_en.py [--gold DIR ...] [--repeat N]

The English gold texts (../shared/eval/dev-en and dev-en-interview by default: Wikinews
articles from GUM, CC BY 2.5) are repeated N times, each copy under its own id, and
only the time inside `extract_article` is counted, as in benchmarks/throughput.py.
`prepare_batch()` runs first, as `rawi extract` does for JSON Lines. Reports
articles/s, MB/s, peak RSS, the article count and the machine's core count.

On a machine shared with other jobs the rate moves with their load. `--beside CORPUS`
interleaves batches of that Arabic corpus (JSON Lines, gzip) with the English ones and
also reports how many times an Arabic article's time an English article takes: a ratio
the load changes much less than either rate.
"""

from __future__ import annotations

import argparse
import contextlib
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

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, nargs="*", default=[EVAL / "dev-en", EVAL / "dev-en-interview"])
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--lang", default="en", help="en (forced) or auto (the language detector runs too)")
    ap.add_argument("--beside", type=Path, help="an Arabic .jsonl.gz corpus to interleave, for a load-proof ratio")
    a = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = []
    for d in a.gold:
        for f in sorted(d.glob("*.json")):
            g = json.loads(f.read_text(encoding="utf-8"))
            texts.append((str(g["id"]), g["text"], g.get("published")))
    arabic: list[Article] = []
    if a.beside is not None:
        with gzip.open(a.beside, "rt", encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                if obj.get("text"):
                    arabic.append(Article(str(obj["id"]), obj["text"], obj.get("published")))
                if len(arabic) >= len(texts) * a.repeat:
                    break
    prepare_batch()
    n = nbytes = 0
    dt = cpu = ar_cpu = 0.0
    for r in range(a.repeat):
        batch = arabic[r * len(texts) : (r + 1) * len(texts)]
        c0 = time.process_time()
        for art in batch:
            with contextlib.suppress(RawiError):
                extract_article(art)
        ar_cpu += time.process_time() - c0
        for doc_id, text, published in texts:
            art = Article(f"{doc_id}-{r}", text, published)
            n += 1
            nbytes += len(text.encode("utf-8"))
            t0, c0 = time.perf_counter(), time.process_time()
            extract_article(art, lang=a.lang)
            dt += time.perf_counter() - t0
            cpu += time.process_time() - c0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "texts": len(texts),
                "repeat": a.repeat,
                "articles": n,
                "lang": a.lang,
                "seconds": round(dt, 2),
                "articles_per_s": round(n / dt, 1),
                "cpu_seconds": round(cpu, 2),
                "articles_per_cpu_s": round(n / cpu, 1),
                "mb_per_s": round(nbytes / dt / 1e6, 2),
                "kb_per_article": round(nbytes / n / 1e3, 2),
                "peak_rss_mb": round(rss_mb, 1),
                "cores_on_machine": os.cpu_count(),
                "cores_used": 1,
                "python": platform.python_version(),
                "cpu": platform.processor() or platform.machine(),
                **(
                    {
                        "arabic_beside": a.beside.name,
                        "arabic_articles": len(arabic),
                        "arabic_articles_per_cpu_s": round(len(arabic) / ar_cpu, 1),
                        "english_to_arabic_time_per_article": round((cpu / n) / (ar_cpu / len(arabic)), 2),
                    }
                    if arabic and ar_cpu
                    else {}
                ),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
