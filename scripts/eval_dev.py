#!/usr/bin/env python3
"""Run `rawi` over gold articles and score them with the reference scorer.

    python scripts/eval_dev.py [GOLD_DIR] [--out DIR] [--details]

GOLD_DIR defaults to ../shared/eval/dev. Predictions are written to --out
(default: a temporary folder), one JSON file per article, made from each gold
file's `text`, `id` and `published` only — never from its annotations.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from rawi.api import extract_article
from rawi.model import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev"


def predict(gold_dir: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(gold_dir.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        art = Article(str(g["id"]), g["text"], g.get("published"))
        res = extract_article(art, str(f))
        (out / f.name).write_text(json.dumps(res.to_json(), ensure_ascii=False), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp(prefix="rawi-eval-"))
    predict(a.gold, out)
    scorer = a.gold.parent / "score.py"
    cmd = [sys.executable, str(scorer), str(a.gold), str(out)]
    if a.details:
        cmd.append("--details")
    if a.json:
        cmd.append("--json")
    sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
