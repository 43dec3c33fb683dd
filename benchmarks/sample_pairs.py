#!/usr/bin/env python3
"""Draw a fixed-seed random sample of a ledger's conflicts or revisions for a person to judge,
and score a judged sample.

    python benchmarks/sample_pairs.py draw --db LEDGER --kind conflict --n 40 --seed 7 > sample.tsv
    python benchmarks/sample_pairs.py draw --db LEDGER --min-confidence 0.8 ... (only that band)
    python benchmarks/sample_pairs.py score sample.tsv
    python benchmarks/sample_pairs.py pool --db LEDGER judgments/conflicts-*.tsv [--unjudged new.tsv]

`draw` prints one TSV row per pair: both figures with their source, the day each was said
and the sentence around it (the figure in [[ ]]), and an empty `verdict` column. Fill it
with `y` (a fact-checker would call it a real disagreement about one amount, or a real
revision), `n`, or `?` (cannot tell from the two sentences), and a short `why`. `score`
prints precision (y over y+n) with its 95% Wilson interval and the counts of each `why`
among the n verdicts. `pool` re-scores every judged sample against a ledger's pairs now:
the verdicts of the pairs it still holds (a pair is its two articles and the two figures as
written; a later file's verdict wins), so a rule's effect on precision is read without judging
again; `--unjudged` writes the pairs no file has judged, as `draw` would, to judge them.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from rawi.ledger import Ledger
from rawi.ledger.records import PairRow
from rawi.ledger.schema import articles

COLUMNS = (
    "n",
    "kind",
    "measure",
    "confidence",
    "a_article",
    "a_said",
    "a_source",
    "a_sentence",
    "b_article",
    "b_said",
    "b_source",
    "b_sentence",
    "verdict",
    "why",
)


def _sentence(text: str, start: int, end: int, lo: int, hi: int) -> str:
    return " ".join((text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]).split())


def draw(db: str, kind: str, n: int, seed: int, min_confidence: float = 0.0) -> None:
    with Ledger.open(db) as ledger:
        ledger.ensure_links()
        rows, total = ledger.pairs((kind,), limit=10**9, min_confidence=min_confidence)
        picked = random.Random(seed).sample(rows, min(n, total))
        _write(ledger, picked, sys.stdout)
    band = f" at least {min_confidence} confident" if min_confidence else ""
    print(f"# {len(picked)} of {total} {kind} pairs{band}, seed {seed}", file=sys.stderr)


def _write(ledger: Ledger, picked: Sequence[PairRow], fh: TextIO) -> None:
    out = csv.writer(fh, delimiter="\t", lineterminator="\n")
    out.writerow(COLUMNS)
    with ledger.engine.connect() as conn:
        for i, p in enumerate(picked, 1):
            cells: list[object] = [i, p.kind, p.a.measure, p.confidence]
            for side in (p.a, p.b):
                text = conn.execute(select(articles.c.text).where(articles.c.doc_key == side.doc_key)).scalar_one()
                lo = text.find(side.context) if side.context else side.start
                cells += [
                    side.article_id,
                    side.said_on,
                    side.source or f"(outlet {side.outlet})",
                    _sentence(text, side.start, side.end, lo, lo + len(side.context)),
                ]
            out.writerow([*cells, "", ""])


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def score(path: Path) -> None:
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")]
    verdicts = Counter(r["verdict"].strip() for r in rows)
    k, m = verdicts["y"], verdicts["y"] + verdicts["n"]
    lo, hi = wilson(k, m)
    print(f"{path.name}: {len(rows)} judged: y {k}, n {verdicts['n']}, ? {verdicts['?']}")
    print(f"precision {k / m:.2f} (95% Wilson interval {lo:.2f}-{hi:.2f})" if m else "no y/n verdicts")
    for why, c in Counter(r["why"].strip() for r in rows if r["verdict"].strip() == "n").most_common():
        print(f"  {c:3d}  {why}")


_MARKED = re.compile(r"\[\[(.*?)\]\]")

PairSig = tuple[str, frozenset[tuple[str, str]]]


def _judged_sig(row: Mapping[str, str]) -> PairSig | None:
    sides = []
    for side in ("a", "b"):
        m = _MARKED.search(row[f"{side}_sentence"])
        if m is None:
            return None
        sides.append((row[f"{side}_article"], m.group(1)))
    return row["kind"], frozenset(sides)


def _pair_sig(p: PairRow) -> PairSig:
    return p.kind, frozenset((side.article_id, " ".join(side.text.split())) for side in (p.a, p.b))


def pool(db: str, paths: Sequence[Path], unjudged: Path | None, min_confidence: float) -> None:
    verdicts: dict[PairSig, tuple[str, str]] = {}
    for path in sorted(paths, key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)]):
        with path.open(encoding="utf-8") as fh:
            for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"):
                sig = _judged_sig(r)
                if sig is not None and r["verdict"].strip():
                    verdicts[sig] = (r["verdict"].strip(), r["why"].strip())
    with Ledger.open(db) as ledger:
        rows, _ = ledger.pairs(("conflict", "revision", "contradiction"), limit=10**9, min_confidence=min_confidence)
        for kind in ("conflict", "revision", "contradiction"):
            mine = [p for p in rows if p.kind == kind]
            if not mine:
                continue
            held = Counter(verdicts[_pair_sig(p)][0] for p in mine if _pair_sig(p) in verdicts)
            k, m = held["y"], held["y"] + held["n"]
            lo, hi = wilson(k, m)
            print(
                f"{kind}: {len(mine)} pairs, {sum(held.values())} judged: y {k}, n {held['n']}, ? {held['?']}"
                + (f"; precision {k / m:.2f} ({lo:.2f}-{hi:.2f})" if m else "")
            )
            for floor, ceiling in ((0.8, 2.0), (0.7, 0.8), (0.0, 0.7)):
                band = Counter(
                    verdicts[_pair_sig(p)][0]
                    for p in mine
                    if floor <= p.confidence < ceiling and _pair_sig(p) in verdicts
                )
                bk, bm = band["y"], band["y"] + band["n"]
                if bm:
                    print(f"  confidence {floor}-{min(ceiling, 1.0)}: y {bk}, n {band['n']}; precision {bk / bm:.2f}")
            whys = Counter(verdicts[_pair_sig(p)][1] for p in mine if verdicts.get(_pair_sig(p), ("",))[0] == "n")
            for why, c in whys.most_common(8):
                print(f"  {c:3d}  {why}")
        if unjudged is not None:
            fresh = [p for p in rows if _pair_sig(p) not in verdicts]
            with unjudged.open("w", encoding="utf-8") as fh:
                _write(ledger, fresh, fh)
            print(f"{len(fresh)} unjudged pairs written to {unjudged}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--db", required=True)
    d.add_argument("--kind", choices=("conflict", "revision", "contradiction"), default="conflict")
    d.add_argument("--n", type=int, default=40)
    d.add_argument("--seed", type=int, default=7)
    d.add_argument("--min-confidence", type=float, default=0.0, help="draw only from pairs this confident")
    s = sub.add_parser("score")
    s.add_argument("path", type=Path)
    p = sub.add_parser("pool")
    p.add_argument("--db", required=True)
    p.add_argument("--unjudged", type=Path, help="write the pairs no file has judged here")
    p.add_argument("--min-confidence", type=float, default=0.0)
    p.add_argument("paths", type=Path, nargs="+")
    a = ap.parse_args()
    if a.cmd == "draw":
        draw(a.db, a.kind, a.n, a.seed, a.min_confidence)
    elif a.cmd == "pool":
        pool(a.db, a.paths, a.unjudged, a.min_confidence)
    else:
        score(a.path)


if __name__ == "__main__":
    main()
