"""Helpers the ledger and export tests share."""

from __future__ import annotations

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
