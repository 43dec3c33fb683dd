#!/usr/bin/env python3
"""How long the ledger's figure queries take on a big ledger, each in a fresh process.

    python benchmarks/queries.py --db LEDGER [--entity "السعودية"]

Times, each in a new process (so nothing is cached in memory), with its peak RSS (GNU
time, /usr/bin/time, from Debian's `time` package):
`rawi conflicts --kind all` (first page, table), `rawi conflicts --kind all --format json`
(every pair), `rawi timeline ENTITY`, and a cold `GET /api/conflicts` (the app built and
asked once, in-process through the ASGI test client). The ledger's links must be made
already (as `rawi ingest` leaves them); the command relinks first if they are not, and
says so. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

from rawi.ledger import Ledger
from rawi.ledger.links import links_current

API = """
import sys, time
from fastapi.testclient import TestClient
from rawi.web import create_app
t = time.perf_counter()
with TestClient(create_app(sys.argv[1])) as c:
    r = c.get("/api/conflicts", params={"kind": "all", "limit": 100})
    assert r.status_code == 200, r.text
print(round(time.perf_counter() - t, 3))
"""


def _run(args: list[str]) -> dict[str, Any]:
    """Wall time of the whole process (start-up included) and its peak RSS (GNU time's %M)."""
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "RSS_KB %M", *args], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - t
    rss_kb = int(next(ln for ln in proc.stderr.splitlines() if ln.startswith("RSS_KB")).split()[1])
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(rss_kb / 1024, 1),
        "output_lines": len(proc.stdout.splitlines()),
        "last_line": proc.stdout.strip().splitlines()[-1][:80] if proc.stdout.strip() else "",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--entity", default="السعودية")
    a = ap.parse_args()
    with Ledger.open(a.db) as ledger, ledger.engine.connect() as conn:
        if not links_current(conn):
            print("links were stale: relinking first", file=sys.stderr)
            ledger.relink()
    rawi = [sys.executable, "-m", "rawi.cli"]
    out: dict[str, Any] = {"cores": os.cpu_count()}
    out["conflicts_all_table"] = _run([*rawi, "conflicts", "--kind", "all", "--db", a.db])
    out["conflicts_all_json"] = _run([*rawi, "conflicts", "--kind", "all", "--db", a.db, "--format", "json"])
    out["timeline"] = _run([*rawi, "timeline", a.entity, "--db", a.db])
    out["timeline"]["entity"] = a.entity
    api = _run([sys.executable, "-c", API, a.db])
    out["api_conflicts_cold"] = api
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
