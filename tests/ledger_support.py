"""Helpers the ledger and export tests share."""

from __future__ import annotations

import os

import pytest

from rawi.ledger import engine as ledger_engine
from rawi.ledger.schema import metadata


def drop_all(url: str) -> None:
    """Drop rawi's tables from a shared (PostgreSQL) test database, so each test starts empty."""
    eng = ledger_engine.create(url)
    try:
        with eng.begin() as conn:
            metadata.drop_all(conn)
    finally:
        eng.dispose()


def backend_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh ledger URL for a parametrised backend: a SQLite file in a temp dir, or the scratch
    PostgreSQL database RAWI_TEST_PG_URL names, emptied (the test is skipped without one)."""
    if backend == "sqlite":
        return str(tmp_path_factory.mktemp("ledger") / "ledger.sqlite")
    url = os.environ.get("RAWI_TEST_PG_URL")
    if not url:
        pytest.skip("RAWI_TEST_PG_URL is not set")
    drop_all(url)
    return url
