"""Suite-wide setup: a real PostgreSQL for the ledger's PG params when RAWI_TEST_PG=1 (CI).

tests/test_ledger.py reads RAWI_TEST_PG_URL when it is imported, i.e. at
collection, so the server is started in `pytest_configure` (before collection)
rather than in a fixture, and stopped in `pytest_unconfigure`, which pytest runs
after the session whatever its outcome. An RAWI_TEST_PG_URL already set wins
(a server of your own); with neither variable set the PG params are skipped.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "pg-test-server"
START_TIMEOUT_S = 600  # the first run on a bare machine installs Debian's postgresql
_started_dir: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _started_dir
    if os.environ.get("RAWI_TEST_PG") != "1" or os.environ.get("RAWI_TEST_PG_URL"):
        return
    try:
        import psycopg  # noqa: F401  # without it every PG param would fail on connect, one by one
    except ImportError as err:
        raise pytest.UsageError("RAWI_TEST_PG=1 needs psycopg 3: pip install -e '.[postgres]'") from err
    proc = subprocess.run([str(SCRIPT), "start"], capture_output=True, text=True, timeout=START_TIMEOUT_S, check=False)
    found = dict(line.split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    if proc.returncode != 0 or "RAWI_TEST_PG_URL" not in found:
        # CI asked for PostgreSQL: running without it would pass while testing less.
        raise pytest.UsageError(f"RAWI_TEST_PG=1 but scripts/pg-test-server failed:\n{proc.stderr}{proc.stdout}")
    _started_dir = found.get("RAWI_TEST_PG_DIR")
    os.environ["RAWI_TEST_PG_URL"] = found["RAWI_TEST_PG_URL"]
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        # A CI timeout sends SIGTERM, which would kill pytest without unconfigure and leave the
        # server running; as an interrupt, pytest stops cleanly and the server goes with it.
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def pytest_unconfigure(config: pytest.Config) -> None:
    global _started_dir
    if _started_dir is None:
        return
    os.environ.pop("RAWI_TEST_PG_URL", None)
    subprocess.run([str(SCRIPT), "stop", _started_dir], capture_output=True, timeout=60, check=False)
    _started_dir = None


def pytest_report_header(config: pytest.Config) -> str | None:
    url = os.environ.get("RAWI_TEST_PG_URL")
    return f"rawi ledger PostgreSQL: {url}" if url else None
