"""The claims ledger: articles and their extractions in SQLite or PostgreSQL (SQLAlchemy Core).

`Ledger.open(url)` opens and migrates a store; `ingest` keeps each article
all-or-nothing and idempotent; the read helpers return frozen rows.
"""

from rawi.ledger.keys import content_hash, doc_key, fold_name, global_key, norm_hash
from rawi.ledger.migrations import MIGRATIONS, LedgerError, Migration, applied, migrate
from rawi.ledger.records import ArticleRow, ClaimRow, EntityRow, Ingested, QuantityRow, Stats, StoredArticle
from rawi.ledger.store import Ledger
from rawi.ledger.write import ADDED, REPLACED, UNCHANGED

__all__ = [
    "ADDED",
    "MIGRATIONS",
    "REPLACED",
    "UNCHANGED",
    "ArticleRow",
    "ClaimRow",
    "EntityRow",
    "Ingested",
    "Ledger",
    "LedgerError",
    "Migration",
    "QuantityRow",
    "Stats",
    "StoredArticle",
    "applied",
    "content_hash",
    "doc_key",
    "fold_name",
    "global_key",
    "migrate",
    "norm_hash",
]
