"""Where the ledger lives and how connections to it behave.

SQLite needs two corrections to be a safe default store:

- pysqlite opens transactions lazily, only before an INSERT/UPDATE/DELETE, so
  DDL and the reads that decide a write would run outside any transaction. We
  switch the driver to autocommit and emit BEGIN ourselves (the recipe in the
  SQLAlchemy SQLite dialect docs), so a migration is rolled back whole and an
  article's check-then-write is atomic.
- A deferred transaction that reads and then writes can fail with SQLITE_BUSY
  without waiting when another process committed in between; writers therefore
  use BEGIN IMMEDIATE, which takes the write lock up front and honours the busy
  timeout. Readers keep plain BEGIN and, under WAL, never block or wait.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url

DB_FILE = "rawi.sqlite"
BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "rawi_write"  # execution option that marks a writer's transaction


def default_path() -> Path:
    """The SQLite file used when no --db is given, in the user's data directory (created)."""
    base = Path(platformdirs.user_data_dir("rawi", appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base / DB_FILE


def resolve_url(url: str | None) -> str:
    """None -> the default file; a bare path -> SQLite there; `postgresql://` -> psycopg 3."""
    if url is None:
        return f"sqlite:///{default_path()}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    # Plain postgresql:// would pick psycopg2 in SQLAlchemy; rawi supports psycopg 3.
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # autocommit in the driver; we emit BEGIN ourselves
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA journal_mode=WAL")  # answers "memory" for an in-memory database
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # With WAL, NORMAL stays consistent after a crash; only a power loss may drop
        # the last commits, which a rerun of the idempotent ingest restores.
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create(url: str | None) -> Engine:
    """An engine for the ledger at `url` (see `resolve_url`), with rawi's connection settings."""
    resolved = resolve_url(url)
    if make_url(resolved).get_backend_name() == "sqlite":
        engine = create_engine(resolved, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(resolved, pool_pre_ping=True)


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions take the write lock at BEGIN (SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})
