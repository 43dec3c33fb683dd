#!/usr/bin/env python3
"""The most frequent source strings rawi names over real corpora: a check for junk speakers.

    python benchmarks/top_sources.py [--limit 3000] [--top 30] [--examples 0] [CORPUS ...]

Reads the first `--limit` articles of each corpus (default: ../shared/corpus/ant.jsonl.gz
and saudinewsnet.jsonl.gz), extracts them, and prints the `--top` source spans by count
(as written, trimmed), per corpus and over all of them. A source that is not a noun
phrase able to speak or be cited ("تعبيره", "صحيفة" alone, "جاء") shows up here long
before it shows up in a gold article. `--examples N` prints N sentences around each
listed source, to see why it was read. Pro-drop sources (no span) are not counted.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rawi.api import extract_article, prepare_batch
from rawi.errors import RawiError
from rawi.model import Analysis, Article

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT = (CORPORA / "ant.jsonl.gz", CORPORA / "saudinewsnet.jsonl.gz")


def analyses(path: Path, limit: int) -> Iterator[Analysis]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit and n >= limit:
                break
            obj = json.loads(line)
            try:
                yield extract_article(Article(str(obj["id"]), obj.get("text") or "", obj.get("published")))
            except RawiError:
                continue  # empty or not Arabic: nothing to count


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="*", type=Path, default=list(DEFAULT))
    ap.add_argument("--limit", type=int, default=3000, help="articles per corpus (0: all)")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--examples", type=int, default=0, help="contexts to print per listed source")
    a = ap.parse_args()
    prepare_batch()
    total: Counter[str] = Counter()
    contexts: dict[str, list[str]] = {}
    for path in a.corpora:
        counts: Counter[str] = Counter()
        articles = 0
        for res in analyses(path, a.limit):
            articles += 1
            for att in res.attributions:
                span = att.source.span
                if span is None:
                    continue
                key = span.text.strip()
                counts[key] += 1
                if a.examples and len(contexts.setdefault(key, [])) < a.examples:
                    lo, hi = max(0, span.start - 60), min(len(res.text), att.content.end)
                    contexts[key].append(res.text[lo : min(hi, lo + 220)].replace("\n", " "))
        total.update(counts)
        print(f"== {path.name}: {articles} articles, {sum(counts.values())} named sources")
        for src, c in counts.most_common(a.top):
            print(f"{c:6d}  {src}")
            for ctx in contexts.get(src, [])[: a.examples]:
                print(f"          … {ctx}")
    if len(a.corpora) > 1:
        print(f"== all corpora: {sum(total.values())} named sources")
        for src, c in total.most_common(a.top):
            print(f"{c:6d}  {src}")


if __name__ == "__main__":
    main()
