"""The ledger's tables: SQLAlchemy Core, one definition for SQLite and PostgreSQL.

Every child row points to its article with ON DELETE CASCADE and keeps the
character offsets of its evidence into `articles.text` (half-open, code points),
so any stored item can be shown in its article. Span columns are named
`span_start`/`span_end`/`span_text` (not `start`/`end`, which are SQL keywords
and trip hand-written queries).

Only `migrations.py` creates or changes tables; this module is the current shape.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

# Named constraints keep future ALTERs (and SQLite batch rebuilds) predictable.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _article_fk() -> Column[int]:
    return Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


def _span_columns(prefix: str = "span", nullable: bool = False) -> tuple[Column[int], Column[int], Column[str]]:
    """A span of the article's text: half-open code-point offsets and the text they cover."""
    return (
        Column(f"{prefix}_start", Integer, nullable=nullable),
        Column(f"{prefix}_end", Integer, nullable=nullable),
        Column(f"{prefix}_text", Text, nullable=nullable),
    )


schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The article's URL when it has one (stable across feeds and re-crawls), else its id.
    Column("doc_key", Text, nullable=False, unique=True),
    Column("given_id", Text, nullable=False),  # Article.id / Analysis.id as the input named it
    Column("content_hash", String(64), nullable=False),  # sha256 of the text exactly as given
    # sha256 of the folded, whitespace-collapsed text: equal for copies of one wire story.
    Column("norm_hash", String(64), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("lang", String(16), nullable=False),
    Column("published", String(40), index=True),  # ISO date or datetime, as given
    Column("title", Text),
    Column("url", Text),
    Column("source", Text, index=True),  # the outlet that published it
    Column("meta", Text, nullable=False, default="{}"),  # Analysis.meta as JSON
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # The first stored article with the same normalised text under another key.
    Column("syndicated_of", Integer, ForeignKey("articles.id", ondelete="SET NULL"), index=True),
    # Title and text folded (rawi.ledger.keys.search_text) so that a search for «اردوغان» finds
    # «أردوغان» (migration 0003).
    Column("search", Text),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("local_id", String(32), nullable=False),  # "e1" within its article
    Column("ord", Integer, nullable=False),  # position in Analysis.entities
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("link", String(64)),  # Wikidata QID or None
    # The link if any, else the folded name: the same key in two articles is one referent.
    Column("global_key", Text, nullable=False),
    UniqueConstraint("article_id", "local_id"),  # also serves lookups by article
    # Covers resolving a name to its keys (`read.resolve_entity`) without reading the table:
    # a country's thousands of rows, read one page each, took a second on a cold disk (0006).
    Index("ix_entities_global_key_link", "global_key", "link"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ord", Integer, nullable=False),
    *_span_columns(),
    Index("ix_mentions_article_id", "article_id"),
)

attributions = Table(
    "attributions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("local_id", String(32), nullable=False),  # "a1" within its article
    Column("ord", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("stance", String(16), nullable=False),
    # The source span is null when the text drops the subject; the entity may still say who.
    *_span_columns("source", nullable=True),
    Column("source_entity_id", Integer, ForeignKey("entities.id", ondelete="SET NULL"), index=True),
    *_span_columns("cue", nullable=True),
    *_span_columns("content"),
    Column("content_search", Text),  # the content folded for text search (migration 0003)
    UniqueConstraint("article_id", "local_id"),
)

relays = Table(
    "relays",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("attribution_id", Integer, ForeignKey("attributions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("ord", Integer, nullable=False),  # 0 = nearest to the source
    *_span_columns(),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="SET NULL")),
    Index("ix_relays_article_id", "article_id"),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("ord", Integer, nullable=False),
    *_span_columns(),
    Column("type", String(16), nullable=False),
    Column("value", String(64), nullable=False),  # TIMEX3 value
    Index("ix_times_article_id", "article_id"),
)

quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("ord", Integer, nullable=False),
    *_span_columns(),
    Column("value", Float, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("high", Float),
    Column("unit", Text),
    # Floats lose int-ness; this gives `Quantity.value`/`high` back exactly as extracted.
    Column("integral", Boolean, nullable=False),
    # The innermost attribution whose content holds this amount: who claims the figure.
    Column("attribution_id", Integer, ForeignKey("attributions.id", ondelete="SET NULL"), index=True),
    Index("ix_quantities_article_id", "article_id"),
)

# Created by migration 0001, in this order (parents first).
INITIAL_TABLES: tuple[Table, ...] = (articles, entities, mentions, attributions, relays, times, quantities)

# -- figure frames (migration 0002) ---------------------------------------------------------------
# One row per quantity: what it counts, who gives it, when, about what event (rawi.figures.frames).
# Lists (places, terms) are "|"-joined; "" is an empty list. `cluster` is the key of the amount the
# figure states, shared by the figures linked to it, and set by `Ledger.relink` (None until then,
# and for figures too vague to compare).
figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("ord", Integer, nullable=False),  # the quantity's position in its article
    *_span_columns(),
    Column("value", Float, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("high", Float),
    Column("integral", Boolean, nullable=False),
    Column("unit", Text),
    Column("measure", String(120), nullable=False, index=True),  # predicate/group[/part]; "" when unknown
    Column("predicate", String(32), nullable=False),
    Column("grp", String(64), nullable=False),
    Column("part", Boolean, nullable=False),
    Column("unit_class", String(16), nullable=False),
    Column("source_key", Text, nullable=False, index=True),
    Column("source_name", Text),
    Column("source_kind", String(16), nullable=False),
    Column("relay", Text),
    Column("attribution", String(32)),  # the local id of the attribution that holds it
    Column("stance", String(16), nullable=False),
    Column("said_from", String(10), index=True),
    Column("said_to", String(10)),
    Column("said_basis", String(16), nullable=False),
    Column("as_of_from", String(10)),
    Column("as_of_to", String(10)),
    Column("as_of_basis", String(16), nullable=False),
    Column("running", Boolean, nullable=False),
    Column("places", Text, nullable=False),
    Column("terms", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("context_start", Integer, nullable=False),
    Column("context_end", Integer, nullable=False),
    Column("cluster", String(160), index=True),
    Column("spots", Text),  # places named by their kind in its sentence ("حي الزعفرانية"), migration 0004
    Column("context", Text),  # the text of its sentence (context_start:context_end), migration 0005
    # its sentence sums several incidents ("في ثلاثة حوادث منفصلة"), migration 0007
    Column("several", Boolean, nullable=False, server_default=false()),
    # its sentence calls its toll provisional or new/final ("حصيلة أولية", "حصيلة جديدة"), migration 0008
    Column("toll", String(16), nullable=False, server_default=""),
    UniqueConstraint("article_id", "ord"),
)

# What an article is about as a whole, for comparing its figures with other articles'.
figure_articles = Table(
    "figure_articles",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("scope", Text, nullable=False),  # the places it names most
    Column("topic", Text, nullable=False),  # the words it uses most
)

# Conflicts, revisions and contradictions between stored figures, found by `Ledger.relink`.
figure_pairs = Table(
    "figure_pairs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("a_id", Integer, ForeignKey("figures.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("b_id", Integer, ForeignKey("figures.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("confidence", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_figure_pairs_kind_confidence", "kind", "confidence"),
)

# Small facts about the ledger as a whole: which state of the figures the links were computed for.
ledger_state = Table(
    "ledger_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

FIGURE_TABLES: tuple[Table, ...] = (figures, figure_articles, figure_pairs, ledger_state)
