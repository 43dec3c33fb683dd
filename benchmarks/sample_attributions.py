#!/usr/bin/env python3
"""A fixed-seed random sample of the attributions rawi finds in real articles, to read by eye.

    python benchmarks/sample_attributions.py --seed 61 [--n 30] [--rate 0.003] [CORPUS ...]

Draws about `--rate` of the articles of each corpus (default: ../shared/corpus/ant.jsonl.gz
and saudinewsnet.jsonl.gz), extracts them, and prints `--n` attributions picked at random:
source, cue, relays, kind, content and the text around them. Reading them as a
fact-checker would (is this who said it, is this what was said?) finds the errors no gold
article holds; the same seed gives the same sample, so a fix can be checked on it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from rawi.api import extract_article, prepare_batch
from rawi.errors import RawiError
from rawi.model import Article, Attribution

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT = (CORPORA / "ant.jsonl.gz", CORPORA / "saudinewsnet.jsonl.gz")


def _show(article_id: str, text: str, a: Attribution) -> str:
    src = a.source.span.text if a.source.span else None
    cue = a.cue.text if a.cue else None
    spans = [x for x in (a.source.span, a.cue, a.content) if x is not None]
    lo = max(0, min(x.start for x in spans) - 60)
    hi = min(len(text), a.content.end + 20, lo + 380)
    return (
        f"[{article_id}] source={src!r} cue={cue!r} via={[v.span.text for v in a.via]} kind={a.kind}\n"
        f"    content: {' '.join(a.content.text[:160].split())}\n"
        f"    context: {' '.join(text[lo:hi].split())}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path, default=list(DEFAULT))
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=30, help="attributions to print")
    ap.add_argument("--rate", type=float, default=0.003, help="share of each corpus's articles drawn")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    prepare_batch()
    drawn = []
    for path in a.corpora:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if rng.random() < a.rate:
                    drawn.append(json.loads(line))
    rng.shuffle(drawn)
    found = []
    for obj in drawn[:120]:
        try:
            res = extract_article(Article(str(obj["id"]), obj["text"], obj.get("published")))
        except RawiError:
            continue
        found += [(str(obj["id"]), res.text, att) for att in res.attributions]
    rng.shuffle(found)
    for article_id, text, att in found[: a.n]:
        print(_show(article_id, text, att))


if __name__ == "__main__":
    main()
