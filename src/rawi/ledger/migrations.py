"""Named, ordered schema migrations, each in its own transaction, recorded in `schema_migrations`.

A migration is a function of an open connection. `migrate` applies, in list
order, those whose names the database has not recorded, each together with its
record in one transaction: a crash leaves a migration either applied and
recorded or neither. Running it again does nothing.

Adding one: append `Migration("000N_what", fn)` to `MIGRATIONS` and change
`schema.py` to the new shape. Never edit or reorder a released migration: the
first one creates the tables as `schema.py` first shipped them; a later change
to those tables is a new migration (an ALTER, or a batch rebuild on SQLite).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateTable

from rawi.ledger.engine import writer
from rawi.ledger.schema import FIGURE_TABLES, INITIAL_TABLES, articles, attributions, metadata, schema_migrations


class LedgerError(RuntimeError):
    """The database cannot be used by this version of rawi."""


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: Callable[[Connection], None]


def _initial(conn: Connection) -> None:
    metadata.create_all(conn, tables=list(INITIAL_TABLES), checkfirst=False)


def _figures(conn: Connection) -> None:
    """Figure frames: the tables, and a frame for every quantity already stored (made from the
    stored extraction, as ingest makes them). Links are made on the next query or ingest."""
    from rawi.figures.frames import figure_frames
    from rawi.ledger.read import get_article
    from rawi.ledger.write import write_frames

    metadata.create_all(conn, tables=list(FIGURE_TABLES), checkfirst=False)
    for art_id, key, outlet in list(
        conn.execute(select(articles.c.id, articles.c.doc_key, articles.c.source).order_by(articles.c.id))
    ):
        stored = get_article(conn, key)
        if stored is not None and stored.analysis.quantities:
            write_frames(conn, art_id, figure_frames(stored.analysis, outlet, key), stored.analysis.text)


def _search(conn: Connection) -> None:
    """Folded copies for text search: `articles.search` (title and text) and
    `attributions.content_search`, filled for the rows already stored. 0001 creates tables from
    the current `schema.py`, so on a new ledger the columns exist already and only the (empty)
    fill runs."""
    from sqlalchemy import bindparam, inspect, update

    from rawi.ledger.keys import folded_text, search_text

    have = inspect(conn)
    for table, column in ((articles, "search"), (attributions, "content_search")):
        if column not in {c["name"] for c in have.get_columns(table.name)}:
            conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {column} TEXT")
    a, t = articles, attributions
    rows = [
        {"b_id": r.id, "b_search": search_text(r.title, folded_text(r.text))}
        for r in conn.execute(select(a.c.id, a.c.title, a.c.text).where(a.c.search.is_(None)))
    ]
    if rows:
        conn.execute(update(a).where(a.c.id == bindparam("b_id")).values(search=bindparam("b_search")), rows)
    rows = [
        {"b_id": r.id, "b_search": folded_text(r.content_text)}
        for r in conn.execute(select(t.c.id, t.c.content_text).where(t.c.content_search.is_(None)))
    ]
    if rows:
        conn.execute(update(t).where(t.c.id == bindparam("b_id")).values(content_search=bindparam("b_search")), rows)


def _spots(conn: Connection) -> None:
    """`figures.spots`: the places a figure's sentence names by their kind, made again from each
    stored extraction for the figures that may be compared (the others never use them). Links
    are made again on the next query or ingest."""
    from sqlalchemy import bindparam, inspect, update

    from rawi.figures.frames import figure_frames
    from rawi.ledger.links import forget_links
    from rawi.ledger.read import get_article
    from rawi.ledger.schema import figures

    if "spots" not in {c["name"] for c in inspect(conn).get_columns("figures")}:
        conn.exec_driver_sql("ALTER TABLE figures ADD COLUMN spots TEXT")
    todo = list(
        conn.execute(
            select(articles.c.id, articles.c.doc_key, articles.c.source)
            .where(articles.c.id.in_(select(figures.c.article_id).where(figures.c.measure != "")))
            .order_by(articles.c.id)
        )
    )
    rows = []
    for art_id, key, outlet in todo:
        stored = get_article(conn, key)
        if stored is not None:
            rows += [
                {"b_art": art_id, "b_ord": f.ord, "b_spots": "|".join(f.spots)}
                for f in figure_frames(stored.analysis, outlet, key)
                if f.spots
            ]
    if rows:
        f = figures
        conn.execute(
            update(f)
            .where(f.c.article_id == bindparam("b_art"), f.c.ord == bindparam("b_ord"))
            .values(spots=bindparam("b_spots")),
            rows,
        )
    forget_links(conn)


def _context(conn: Connection) -> None:
    """`figures.context`: the sentence around each figure, stored with it, so that listing
    figures does not read every article's text (scattered over the file: slow on a cold disk).
    Filled from the stored texts in one statement."""
    from sqlalchemy import inspect

    if "context" not in {c["name"] for c in inspect(conn).get_columns("figures")}:
        conn.exec_driver_sql("ALTER TABLE figures ADD COLUMN context TEXT")
    conn.exec_driver_sql(
        "UPDATE figures SET context = (SELECT substr(a.text, figures.context_start + 1, "
        "figures.context_end - figures.context_start) FROM articles a WHERE a.id = figures.article_id) "
        "WHERE context IS NULL"
    )


def _entity_keys_index(conn: Connection) -> None:
    """One index on entities (global_key, link) that answers name lookups by itself, in place of
    the index on global_key alone."""
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_entities_global_key_link ON entities (global_key, link)")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_entities_global_key")


def _several(conn: Connection) -> None:
    """`figures.several`: whether a figure's sentence sums several incidents. Added as false;
    the frame rules changed with it, so the ledger says its frames are stale and `rawi reframe`
    makes them again (a migration does not re-read a whole corpus unasked)."""
    from sqlalchemy import inspect

    if "several" not in {c["name"] for c in inspect(conn).get_columns("figures")}:
        conn.exec_driver_sql("ALTER TABLE figures ADD COLUMN several BOOLEAN NOT NULL DEFAULT FALSE")


def _toll(conn: Connection) -> None:
    """`figures.toll`: whether a figure's sentence calls its toll provisional or new/final. Added
    as empty; the frame rules changed with it, so the ledger says its frames are stale and
    `rawi reframe` reads the marks (as for 0007)."""
    from sqlalchemy import inspect

    if "toll" not in {c["name"] for c in inspect(conn).get_columns("figures")}:
        conn.exec_driver_sql("ALTER TABLE figures ADD COLUMN toll VARCHAR(16) NOT NULL DEFAULT ''")


MIGRATIONS: list[Migration] = [
    Migration("0001_initial", _initial),
    Migration("0002_figures", _figures),
    Migration("0003_search", _search),
    Migration("0004_spots", _spots),
    Migration("0005_context", _context),
    Migration("0006_entity_keys_index", _entity_keys_index),
    Migration("0007_several", _several),
    Migration("0008_toll", _toll),
]


def applied(engine: Engine) -> list[str]:
    """Names of the migrations the database has recorded, oldest first."""
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, schema_migrations.name):
            return []
        rows = conn.execute(
            select(schema_migrations.c.name).order_by(schema_migrations.c.applied_at, schema_migrations.c.name)
        )
        return [r.name for r in rows]


def migrate(engine: Engine, migrations: Sequence[Migration] | None = None) -> list[str]:
    """Apply the missing migrations in order; returns the names applied now."""
    todo = list(MIGRATIONS if migrations is None else migrations)
    names = [m.name for m in todo]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate migration names in {names}")
    # Read first: an up-to-date ledger is opened without taking the write lock, so
    # `rawi claims` does not wait behind a running ingest.
    done_before = set(applied(engine))
    unknown = done_before - set(names)
    if unknown:
        raise LedgerError(f"the ledger was written by a newer rawi (migrations {sorted(unknown)}); upgrade rawi")
    if done_before >= set(names):
        return []
    w = writer(engine)
    with w.begin() as conn:
        conn.execute(CreateTable(schema_migrations, if_not_exists=True))
    done: list[str] = []
    for m in todo:
        with w.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two processes opening a fresh ledger at once: the second waits, then sees it done.
                conn.exec_driver_sql("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
            # Checked inside the transaction (SQLite: under BEGIN IMMEDIATE) for the same reason.
            if (
                conn.execute(select(schema_migrations.c.name).where(schema_migrations.c.name == m.name)).first()
                is not None
            ):
                continue
            m.apply(conn)
            conn.execute(insert(schema_migrations).values(name=m.name, applied_at=datetime.now(UTC)))
        done.append(m.name)
    return done
