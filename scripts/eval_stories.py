#!/usr/bin/env python3
"""Ingest every article of the story gold into one fresh ledger and score it with the reference scorer.

    python scripts/eval_stories.py [STORY_DIR] [--out DIR] [--details] [--json]

STORY_DIR defaults to ../shared/eval/stories. Each story file's articles (id, text,
published, source only: never the claims) go through `rawi ingest` into a temporary
SQLite ledger; then `rawi figures --format json` and `rawi conflicts --kind conflict|revision
--format json` are written to --out (default: a temporary folder) and
`score_claims.py STORY_DIR FIGURES CONFLICTS REVISIONS` judges them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STORIES = ROOT.parent / "shared" / "eval" / "stories"


def articles(story_dir: Path) -> list[dict[str, object]]:
    out = []
    for f in sorted(story_dir.glob("*.json")):
        story = json.loads(f.read_text(encoding="utf-8"))
        for a in story["articles"]:
            if "text" not in a:
                sys.exit(f"{f.name}: article {a['id']} carries no text (held-out story files cannot be ingested)")
            out.append({"id": a["id"], "text": a["text"], "published": a.get("published"), "source": a.get("source")})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("stories", nargs="?", type=Path, default=DEFAULT_STORIES)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    out = a.out or Path(tempfile.mkdtemp(prefix="rawi-stories-"))
    out.mkdir(parents=True, exist_ok=True)
    rawi = [sys.executable, "-m", "rawi.cli"]
    with tempfile.TemporaryDirectory(prefix="rawi-stories-db-") as tmp:
        corpus = Path(tmp) / "stories.jsonl"
        corpus.write_text(
            "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in articles(a.stories)), encoding="utf-8"
        )
        db = str(Path(tmp) / "ledger.sqlite")
        subprocess.run([*rawi, "ingest", str(corpus), "--db", db], check=True, stdout=subprocess.DEVNULL)
        for name, cmd in (
            ("figures", ["figures"]),
            ("conflicts", ["conflicts", "--kind", "conflict"]),
            ("revisions", ["conflicts", "--kind", "revision"]),
        ):
            with open(out / f"{name}.json", "w", encoding="utf-8") as fh:
                subprocess.run([*rawi, *cmd, "--db", db, "--format", "json"], check=True, stdout=fh)
    scorer = a.stories.parent / "score_claims.py"
    cmd = [
        sys.executable,
        str(scorer),
        str(a.stories),
        str(out / "figures.json"),
        str(out / "conflicts.json"),
        str(out / "revisions.json"),
    ]
    cmd += [flag for flag, on in (("--details", a.details), ("--json", a.json)) if on]
    sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
