#!/usr/bin/env python3
"""Memory of `rawi ingest` on a JSON Lines gzip holding one enormous line.

    python benchmarks/hostile_line.py [--gigabytes 1.2] [--white-space] [--keep DIR]

Builds, in a temp dir, `hostile.jsonl.gz`: one line of about 1.2 GB (a record whose text
is the same Arabic sentence repeated; highly compressible, so the file is about a
megabyte) followed by one good article. The file is written a megabyte at a time,
never held in memory. Then `rawi ingest` runs on it into a fresh SQLite ledger in a
subprocess, and the child's peak RSS is read with getrusage(RUSAGE_CHILDREN).

Prints JSON: the line's size, the gzip's size, the ingest's exit status and summary,
seconds, peak RSS of the ingest process, cores. The reader keeps at most a bounded
line (6 bytes per character of --max-chars, see `rawi.reading.max_line_bytes`):
the target is a peak under 300 MB, whatever the line's length.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل بحضور وفود من عشر دول. "
GOOD = {"id": "good", "published": "2025-10-24", "text": "قالت وزارة الصحة إن 50 شخصا قتلوا في القصف على المدينة أمس."}
TARGET_MB = 300


def write_hostile(path: Path, line_bytes: int, blank: bool = False) -> int:
    """One line of about `line_bytes` bytes (a record, or white space only), then a good one;
    written in 1 MB pieces. Returns the long line's size."""
    unit = b" " if blank else SENTENCE.encode("utf-8")
    block = unit * max(1, (1 << 20) // len(unit))
    head, tail = (b"", b"\n") if blank else (b'{"id": "huge", "text": "', b'"}\n')
    written = len(head)
    with gzip.open(path, "wb", compresslevel=9) as gz:
        gz.write(head)
        while written + len(block) <= line_bytes:
            gz.write(block)
            written += len(block)
        gz.write(tail)
        written += len(tail)
        gz.write(json.dumps(GOOD, ensure_ascii=False).encode("utf-8") + b"\n")
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gigabytes", type=float, default=1.2, help="length of the long line (default 1.2)")
    ap.add_argument("--white-space", action="store_true", help="the long line is white space only")
    ap.add_argument("--keep", type=Path, help="build the file in this folder and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rawi-hostile-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        data = folder / "hostile.jsonl.gz"
        started = time.perf_counter()
        line = write_hostile(data, int(args.gigabytes * 1e9), args.white_space)
        built = time.perf_counter() - started
        rawi = Path(sys.executable).with_name("rawi")
        cmd = [str(rawi), "ingest", str(data), "--db", str(Path(tmp) / "ledger.sqlite")]
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        # ru_maxrss is in KiB on Linux: the largest of the finished children, here the only one.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = {
            "line_bytes": line,
            "gzip_bytes": data.stat().st_size,
            "build_seconds": round(built, 1),
            "exit_status": proc.returncode,
            "summary": proc.stdout.strip(),
            "rejections": [ln.strip() for ln in proc.stderr.splitlines() if "rejected " in ln][:3],
            "ingest_seconds": round(seconds, 1),
            "peak_rss_mb": round(peak_mb, 1),
            "target_mb": TARGET_MB,
            "cores": os.cpu_count(),
            "python": platform.python_version(),
        }
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if peak_mb >= TARGET_MB or "added 1" not in proc.stdout:
        sys.exit(1)


if __name__ == "__main__":
    main()
