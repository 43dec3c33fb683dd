#!/usr/bin/env python3
"""Scaling out on Dask: `rawi extract` with 1 and N workers, and a large `rawi ingest` into PostgreSQL.

    python benchmarks/scale.py [--workers 2] [--corpus FILE ...]          # extract: 1 process vs N workers
    python benchmarks/scale.py extract --workers N [--corpus FILE ...]    # one extract measurement
    python benchmarks/scale.py ingest --db URL --articles 250000 [--workers 2] [--drop-existing]

extract: both ../shared/corpus/*.jsonl.gz (41,191 articles) through `rawi extract`'s own code,
the lines made and dropped (not written to disk). `--workers 1` is one process, as `rawi extract`
runs without the option; N > 1 a LocalCluster of N worker processes, started before the clock
(its start-up is reported apart), lexicon loading on the workers inside the time as in one
process. Each measurement runs in its own process so that peak RSS is its own; the cluster runs
first. Prints JSON: articles, seconds, articles/s, the ratio, peak RSS and CPU seconds of the driver
and of each worker, the load average before and after, how many cores other processes kept busy
meanwhile (from /proc/stat: the machine may be shared), the machine's cores.

ingest: the corpora repeated with new ids and URLs (copy k of an article is `ID~k`, `URL#rk`) up
to `--articles`, written as one plain JSON Lines file in a temp dir (byte-range partitions), then
`rawi ingest --workers N`'s code path into `--db` (workers write to PostgreSQL; the driver relinks
once at the end). Prints wall time (with and without the final relink), articles/s, counts and peak
RSS per worker.
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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rawi.errors import RawiError

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _cluster(workers: int) -> Any:
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,  # type: ignore[no-untyped-call]
        dashboard_address=None,
        silence_logs=40,
    )


def _workers(cluster: Any) -> list[dict[str, float]]:
    """Each worker process's peak RSS and CPU seconds so far."""
    from distributed import Client

    with Client(cluster) as client:  # type: ignore[no-untyped-call]
        return sorted(client.run(_usage).values(), key=lambda u: u["peak_rss_mb"])


def _usage() -> dict[str, float]:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"peak_rss_mb": round(ru.ru_maxrss / 1024, 1), "cpu_seconds": round(ru.ru_utime + ru.ru_stime, 1)}


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _busy_seconds() -> float:
    """CPU seconds every process on the machine has used since boot (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as fh:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fh.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


# -- extract ----------------------------------------------------------------------------------


def _lines_one_process(path: str) -> Iterator[str | RawiError]:
    from rawi.cli import _extract_here

    return _extract_here(path, "jsonl", "auto", 1_000_000)


def extract_once(workers: int, corpora: Sequence[Path]) -> dict[str, Any]:
    from rawi.errors import RawiError
    from rawi.scale import Scale
    from rawi.scale.extract import ExtractJob, extract_lines

    load_before = _load()
    cluster, start_s = None, 0.0
    if workers > 1:
        t0 = time.perf_counter()
        cluster = _cluster(workers)
        start_s = time.perf_counter() - t0
    n = rejected = nbytes = 0
    t0, c0, b0 = time.perf_counter(), _cpu(), _busy_seconds()
    for path in corpora:
        if cluster is None:
            lines = _lines_one_process(str(path))
        else:
            lines = extract_lines(
                str(path), ExtractJob("jsonl", "auto", 1_000_000), Scale(scheduler=cluster.scheduler_address)
            )
        for line in lines:
            n += 1
            if isinstance(line, RawiError):
                rejected += 1
            else:
                nbytes += len(line)
    seconds = time.perf_counter() - t0
    cpu, busy = _cpu() - c0, _busy_seconds() - b0
    out: dict[str, Any] = {
        "workers": workers,
        "articles": n,
        "rejected": rejected,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1),
        "output_mb": round(nbytes / 1e6, 1),
        "cluster_start_seconds": round(start_s, 2),
        "articles_per_s_with_start": round(n / (seconds + start_s), 1),
        "driver_peak_rss_mb": _rss_mb(),
        "driver_cpu_seconds": round(cpu, 1),
        "load_before": load_before,
        "load_after": _load(),
    }
    ours = cpu
    if cluster is not None:
        out["workers_usage"] = usage = _workers(cluster)
        ours += sum(u["cpu_seconds"] for u in usage)  # their start-up (about a second each) included
        cluster.close()
    # How many cores other processes (other users of a shared machine) kept busy meanwhile.
    out["other_processes_cores"] = round(max(0.0, busy - ours) / seconds, 2)
    return out


def compare(workers: int, corpora: Sequence[Path]) -> dict[str, Any]:
    runs = []
    # The cluster first: it needs every core, so it takes the quiet moment the run starts in; one
    # process needs one core and is slowed only when the machine is busier than that.
    for n in (workers, 1):
        cmd = [sys.executable, __file__, "extract", "--workers", str(n), "--corpus", *map(str, corpora)]
        got = subprocess.run(cmd, capture_output=True, text=True, check=True)
        runs.append(json.loads(got.stdout))
        print(got.stdout, file=sys.stderr)
    many, one = runs
    return {
        "corpus": [p.name for p in corpora],
        "one_process": one,
        "cluster": many,
        "ratio": round(many["articles_per_s"] / one["articles_per_s"], 2),
        "ratio_with_start": round(many["articles_per_s_with_start"] / one["articles_per_s"], 2),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }


# -- ingest -----------------------------------------------------------------------------------


def repeated(corpora: Sequence[Path], n: int, dest: Path) -> int:
    """The corpora again and again, copy k with ids `ID~k` and URLs `URL#rk`, `n` articles in all."""
    written, k = 0, 0
    with dest.open("w", encoding="utf-8") as out:
        while written < n:
            for path in corpora:
                with gzip.open(path, "rt", encoding="utf-8") as fh:
                    for line in fh:
                        if not line.strip():
                            continue
                        if k:
                            obj = json.loads(line)
                            obj["id"] = f"{obj.get('id')}~{k}"
                            if obj.get("url"):
                                obj["url"] = f"{obj['url']}#r{k}"
                            line = json.dumps(obj, ensure_ascii=False) + "\n"
                        out.write(line)
                        written += 1
                        if written >= n:
                            return written
            k += 1
    return written


def _drop(url: str) -> None:
    from rawi.ledger import engine as ledger_engine
    from rawi.ledger.schema import metadata

    eng = ledger_engine.create(url)
    try:
        with eng.begin() as conn:
            metadata.drop_all(conn)
            conn.exec_driver_sql("DROP TABLE IF EXISTS schema_migrations")
    finally:
        eng.dispose()


def ingest_large(url: str, articles: int, workers: int, corpora: Sequence[Path], drop: bool) -> dict[str, Any]:
    from rawi.ledger import Ledger
    from rawi.scale import Scale
    from rawi.service import Service

    if drop:
        _drop(url)
    relink_s: list[float] = []
    plain_relink = Ledger.relink

    def timed_relink(self: Ledger) -> Any:  # to report the final relink apart from the ingest
        t0 = time.perf_counter()
        try:
            return plain_relink(self)
        finally:
            relink_s.append(time.perf_counter() - t0)

    Ledger.relink = timed_relink  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory(prefix="rawi-scale-") as tmp:
        src = Path(tmp) / f"repeated-{articles}.jsonl"
        t0 = time.perf_counter()
        n = repeated(corpora, articles, src)
        made_s = time.perf_counter() - t0
        load_before, b0 = _load(), _busy_seconds()
        t0 = time.perf_counter()
        cluster = _cluster(workers)
        start_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        with Service.open(url) as service:
            summary = service.ingest_sources([str(src)], scale=Scale(scheduler=cluster.scheduler_address))
            stats = service.stats()
        seconds = time.perf_counter() - t0
        busy = _busy_seconds() - b0
        usage = _workers(cluster)
        cluster.close()
    c = summary.counts
    relink = sum(relink_s)
    return {
        "articles": n,
        "added": c["added"],
        "unchanged": c["unchanged"],
        "replaced": c["replaced"],
        "rejected": len(summary.rejected),
        "workers": workers,
        "db_kind": url.split(":", 1)[0],
        "seconds": round(seconds, 1),
        "articles_per_s": round(n / seconds, 1),
        "relink_seconds": round(relink, 1),
        "articles_per_s_before_relink": round(n / (seconds - relink), 1),
        "cluster_start_seconds": round(start_s, 2),
        "input_made_seconds": round(made_s, 1),
        "driver_peak_rss_mb": _rss_mb(),
        "workers_usage": usage,
        "stored": {
            "articles": stats.articles,
            "attributions": stats.attributions,
            "quantities": stats.quantities,
            "syndicated": stats.syndicated,
        },
        "load_before": load_before,
        "load_after": _load(),
        # Cores kept busy by anything else, PostgreSQL included when it runs on this machine.
        "other_processes_cores": round(max(0.0, busy - _cpu() - sum(u["cpu_seconds"] for u in usage)) / seconds, 2),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", nargs="?", choices=["compare", "extract", "ingest"], default="compare")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--corpus", type=Path, nargs="+", default=sorted(CORPUS.glob("*.jsonl.gz")))
    ap.add_argument("--db", help="ingest: the ledger URL (postgresql://…)")
    ap.add_argument("--articles", type=int, default=250_000, help="ingest: articles in all")
    ap.add_argument("--drop-existing", action="store_true", help="ingest: drop rawi's tables in --db first")
    a = ap.parse_args()
    if not a.corpus:
        sys.exit(f"no corpus given and none in {CORPUS}")
    if a.mode == "extract":
        result = extract_once(a.workers, a.corpus)
    elif a.mode == "ingest":
        if not a.db:
            sys.exit("ingest needs --db")
        result = ingest_large(a.db, a.articles, a.workers, a.corpus, a.drop_existing)
    else:
        result = compare(a.workers, a.corpus)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
