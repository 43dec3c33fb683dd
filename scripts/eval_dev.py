#!/usr/bin/env python3
"""Run `rawi` over gold articles and score them with the reference scorer.

    python scripts/eval_dev.py [GOLD_DIR ...] [--en] [--out DIR] [--details] [--json]

GOLD_DIR defaults to ../shared/eval/dev (Arabic, the language found by the detector);
with `--en`, to both English sets, ../shared/eval/dev-en (Wikinews news) and
../shared/eval/dev-en-interview (Wikinews interviews), with the language forced to
English. Several sets are scored one after the other. Predictions are written to --out
(default: a temporary folder; one sub-folder per set), one JSON file per article, made
from each gold file's `text`, `id` and `published` only — never from its annotations.
The English gold is derived from GUM (Zeldes 2017), CC BY 4.0; texts from Wikinews, CC BY
2.5: see ../shared/eval/dev-en/SOURCE.md.
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
EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_GOLD = [EVAL / "dev"]
ENGLISH_GOLD = [EVAL / "dev-en", EVAL / "dev-en-interview"]


def predict(gold_dir: Path, out: Path, lang: str = "auto") -> None:
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(gold_dir.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        art = Article(str(g["id"]), g["text"], g.get("published"))
        res = extract_article(art, str(f), lang=lang)
        (out / f.name).write_text(json.dumps(res.to_json(), ensure_ascii=False), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--en", action="store_true", help="the English gold sets, read as English")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    golds = a.gold or (ENGLISH_GOLD if a.en else DEFAULT_GOLD)
    out = a.out or Path(tempfile.mkdtemp(prefix="rawi-eval-"))
    status = 0
    for gold in golds:
        pred = out / gold.name if len(golds) > 1 else out
        predict(gold, pred, "en" if a.en else "auto")
        cmd = [sys.executable, str(gold.parent / "score.py"), str(gold), str(pred)]
        cmd += [flag for flag, on in (("--details", a.details), ("--json", a.json)) if on]
        if len(golds) > 1 and not a.json:
            print(f"== {gold.name} ({pred})", flush=True)
        status |= subprocess.call(cmd)
    sys.exit(status)


if __name__ == "__main__":
    main()
