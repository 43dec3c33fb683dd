"""Linking stored figures: which amount each figure states, and where figures disagree.

Frames are stored with their article (`write.write_frames`); comparing them needs every
article, so it runs over the stored rows, after an ingest: `relink` reads the comparable
frames, clusters them (`rawi.figures.compare`), and stores each figure's cluster key and
every conflict, revision and contradiction in one transaction. Queries read only these
rows. The ledger remembers which state of the figures the links were made for
(`ledger_state`), so a query after an ingest that did not relink (killed, or another
writer's) relinks first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from rawi.figures.compare import RULES, Figure, link
from rawi.figures.frames import COMPARABLE, FigureFrame
from rawi.ledger.schema import articles, figure_articles, figure_pairs, figures, ledger_state

_STATE_KEY = "links_made_for"
_orig = articles.alias("orig")


@dataclass(frozen=True, slots=True)
class LinkStats:
    figures: int  # comparable figures
    clusters: int
    pairs: int


def frames_state(conn: Connection) -> str:
    """A mark that changes whenever figures are added or removed, or the linking rules change."""
    n, top = conn.execute(select(func.count(), func.max(figures.c.id)).select_from(figures)).one()
    return f"{RULES}:{n}:{top or 0}"


def links_current(conn: Connection) -> bool:
    made_for = conn.execute(select(ledger_state.c.value).where(ledger_state.c.key == _STATE_KEY)).scalar()
    return made_for == frames_state(conn)


def forget_links(conn: Connection) -> None:
    """Mark the stored links out of date: the next query or ingest makes them again."""
    conn.execute(delete(ledger_state).where(ledger_state.c.key == _STATE_KEY))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x for x in (cell or "").split("|") if x)


def frame_of(r: Row[Any], scope: str = "", topic: str = "") -> FigureFrame:
    """A stored figure row as the frame it was made from."""
    said = (r.said_from, r.said_to) if r.said_from is not None and r.said_to is not None else None
    as_of = (r.as_of_from, r.as_of_to) if r.as_of_to is not None else None
    return FigureFrame(
        ord=r.ord,
        start=r.span_start,
        end=r.span_end,
        text=r.span_text,
        value=r.value,
        qualifier=r.qualifier,
        high=r.high,
        unit=r.unit,
        measure=r.measure,
        predicate=r.predicate,
        group=r.grp,
        part=r.part,
        unit_class=r.unit_class,
        source_key=r.source_key,
        source_name=r.source_name,
        source_kind=r.source_kind,
        relay=r.relay,
        attribution=r.attribution,
        stance=r.stance,
        said_on=said,
        said_basis=r.said_basis,
        as_of=(as_of[0] or "", as_of[1]) if as_of else None,
        as_of_basis=r.as_of_basis,
        running=r.running,
        places=_split(r.places),
        terms=_split(r.terms),
        scope=_split(scope),
        topic=_split(topic),
        confidence=r.confidence,
        context_start=r.context_start,
        context_end=r.context_end,
        spots=_split(r.spots),
        several=bool(r.several),
        toll=r.toll or "",
    )


def comparable_figures(conn: Connection) -> list[Figure]:
    """Every stored figure that can be compared, with its article."""
    query = (
        select(
            figures,
            articles.c.doc_key,
            articles.c.given_id,
            articles.c.source.label("outlet"),
            articles.c.published,
            _orig.c.doc_key.label("orig_key"),
            figure_articles.c.scope,
            figure_articles.c.topic,
        )
        .select_from(
            figures.join(articles, figures.c.article_id == articles.c.id)
            .outerjoin(_orig, articles.c.syndicated_of == _orig.c.id)
            .outerjoin(figure_articles, figure_articles.c.article_id == figures.c.article_id)
        )
        .where(figures.c.measure != "", figures.c.confidence >= COMPARABLE)
    )
    return [
        Figure(
            r.id,
            r.doc_key,
            r.given_id,
            r.orig_key or r.doc_key,
            r.outlet,
            r.published,
            frame_of(r, r.scope or "", r.topic or ""),
        )
        for r in conn.execute(query)
    ]


def relink(conn: Connection) -> LinkStats:
    """Recompute every figure's cluster and every pair, inside the caller's (write) transaction."""
    state = frames_state(conn)
    found = comparable_figures(conn)
    linked = link(found)
    keys, pairs = linked.keys, linked.pairs
    conn.execute(update(figures).where(figures.c.cluster.is_not(None)).values(cluster=None))
    _set_clusters(conn, keys.items())
    conn.execute(delete(figure_pairs))
    if pairs:
        conn.execute(
            insert(figure_pairs),
            [
                {"kind": p.kind, "a_id": p.a.id, "b_id": p.b.id, "confidence": p.confidence, "reason": p.reason}
                for p in pairs
            ],
        )
    conn.execute(delete(ledger_state).where(ledger_state.c.key == _STATE_KEY))
    conn.execute(insert(ledger_state).values(key=_STATE_KEY, value=state))
    return LinkStats(len(found), len(set(keys.values())), len(pairs))


def _set_clusters(conn: Connection, items: Iterable[tuple[int, str]], chunk: int = 5_000) -> None:
    rows = [{"fid": fid, "key": key} for fid, key in items]
    stmt = update(figures).where(figures.c.id == bindparam("fid")).values(cluster=bindparam("key"))
    for i in range(0, len(rows), chunk):
        conn.execute(stmt, rows[i : i + chunk])


__all__ = ["LinkStats", "comparable_figures", "frame_of", "frames_state", "links_current", "relink"]
