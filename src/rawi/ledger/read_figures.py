"""Reading stored figures and the pairs between them: filters, paging, totals. No re-analysis.

Every query reads the `figures` and `figure_pairs` rows (and their articles) and nothing
else, so its cost does not grow with the articles' length or number of attributions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.engine import Connection, Row

from rawi.ledger.records import FigureRow, PairRow
from rawi.ledger.schema import articles, figure_pairs, figures

_fa, _fb = figures.alias("fa"), figures.alias("fb")
_aa, _ab = articles.alias("aa"), articles.alias("ab")


@dataclass(frozen=True, slots=True)
class FigureFilter:
    """What to keep: `entities` are keys (source keys, place keys) any of which a figure must
    carry (None: any figure); `outlet` the article's source; `since`/`until` inclusive ISO
    days on the day the figure was said; `key` a cluster key; `measure` a measure or its
    predicate; `comparable` only figures with a measure."""

    entities: frozenset[str] | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    key: str | None = None
    measure: str | None = None
    comparable: bool = False


def _conditions(f: FigureFilter, fig: Any = figures, art: Any = articles) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.entities is not None:
        keys = sorted(f.entities)
        out.append(
            or_(
                fig.c.source_key.in_(keys),
                *(("|" + fig.c.places + "|").contains(f"|{k}|", autoescape=True) for k in keys),
            )
        )
    if f.outlet is not None:
        out.append(art.c.source == f.outlet)
    if f.since is not None:
        out.append(fig.c.said_to >= f.since[:10])
    if f.until is not None:
        out.append(fig.c.said_from <= f.until[:10])
    if f.key is not None:
        out.append(fig.c.cluster == f.key)
    if f.measure is not None:
        out.append(or_(fig.c.measure == f.measure, fig.c.predicate == f.measure))
    if f.comparable:
        out.append(fig.c.cluster.is_not(None))
    return out


def _columns(fig: Any, art: Any, prefix: str = "") -> list[Any]:
    names = (
        "id",
        "ord",
        "span_start",
        "span_end",
        "span_text",
        "value",
        "qualifier",
        "high",
        "integral",
        "unit",
        "measure",
        "predicate",
        "grp",
        "part",
        "source_key",
        "source_name",
        "source_kind",
        "relay",
        "stance",
        "said_from",
        "said_to",
        "said_basis",
        "as_of_from",
        "as_of_to",
        "as_of_basis",
        "running",
        "places",
        "confidence",
        "cluster",
        "context_start",
        "context_end",
    )
    cols = [fig.c[n].label(prefix + n) for n in names]
    cols += [
        art.c.doc_key.label(prefix + "doc_key"),
        art.c.given_id.label(prefix + "given_id"),
        art.c.source.label(prefix + "outlet"),
        art.c.published.label(prefix + "published"),
        fig.c.context.label(prefix + "context"),
    ]
    return cols


def _number(value: float | None, integral: bool) -> int | float | None:
    if value is None:
        return None
    return int(value) if integral else value


def _row(r: Row[Any], p: str = "") -> FigureRow:
    g = r._mapping

    def day(a: str, b: str) -> str | None:
        lo, hi = g[p + a], g[p + b]
        if hi is None:
            return None
        return hi if (lo or "") == hi else f"{lo or '..'}/{hi}"

    value = _number(g[p + "value"], g[p + "integral"])
    assert value is not None
    return FigureRow(
        article_id=g[p + "given_id"],
        doc_key=g[p + "doc_key"],
        start=g[p + "span_start"],
        end=g[p + "span_end"],
        text=g[p + "span_text"],
        key=g[p + "cluster"],
        measure=g[p + "measure"] or None,
        value=value,
        qualifier=g[p + "qualifier"],
        high=_number(g[p + "high"], g[p + "integral"]),
        unit=g[p + "unit"],
        source=g[p + "source_name"],
        source_key=g[p + "source_key"],
        source_kind=g[p + "source_kind"],
        relay=g[p + "relay"],
        stance=g[p + "stance"],
        said_on=day("said_from", "said_to"),
        as_of=day("as_of_from", "as_of_to"),
        running=g[p + "running"],
        places=[x for x in (g[p + "places"] or "").split("|") if x],
        confidence=g[p + "confidence"],
        published=g[p + "published"],
        outlet=g[p + "outlet"],
        context=g[p + "context"],
    )


def _figures_query(f: FigureFilter) -> Select[Any]:
    return (
        select(*_columns(figures, articles))
        .select_from(figures.join(articles, figures.c.article_id == articles.c.id))
        .where(*_conditions(f))
    )


def list_figures(conn: Connection, f: FigureFilter, limit: int, offset: int) -> tuple[list[FigureRow], int]:
    """Figures in the order they were said (then article and position), and how many match."""
    total = int(conn.execute(select(func.count()).select_from(_figures_query(f).subquery())).scalar_one())
    query = (
        _figures_query(f)
        .order_by(figures.c.said_from.asc().nulls_last(), articles.c.doc_key, figures.c.ord)
        .limit(limit)
        .offset(offset)
    )
    return [_row(r) for r in conn.execute(query)], total


def timeline(conn: Connection, f: FigureFilter, limit: int, offset: int) -> tuple[list[FigureRow], int]:
    """Comparable figures ordered by the time they describe (else the day they were said)."""
    f = FigureFilter(f.entities, f.outlet, f.since, f.until, f.key, f.measure, comparable=True)
    when = func.coalesce(func.nullif(figures.c.as_of_from, ""), figures.c.as_of_to, figures.c.said_from)
    total = int(conn.execute(select(func.count()).select_from(_figures_query(f).subquery())).scalar_one())
    query = (
        _figures_query(f)
        .order_by(when.asc().nulls_last(), figures.c.said_from, articles.c.doc_key, figures.c.ord)
        .limit(limit)
        .offset(offset)
    )
    return [_row(r) for r in conn.execute(query)], total


def list_pairs(
    conn: Connection, kinds: tuple[str, ...], f: FigureFilter, limit: int, offset: int, min_confidence: float = 0.0
) -> tuple[list[PairRow], int]:
    """Stored pairs of these kinds where either side passes the filter, at least `min_confidence`
    confident, most confident first."""
    p = figure_pairs
    ca, cb = _conditions(f, _fa, _aa), _conditions(f, _fb, _ab)
    either = [or_(and_(*ca), and_(*cb))] if ca else []
    base = (
        select(p.c.id, p.c.kind, p.c.confidence, p.c.reason, *_columns(_fa, _aa, "a_"), *_columns(_fb, _ab, "b_"))
        .select_from(
            p.join(_fa, p.c.a_id == _fa.c.id)
            .join(_aa, _fa.c.article_id == _aa.c.id)
            .join(_fb, p.c.b_id == _fb.c.id)
            .join(_ab, _fb.c.article_id == _ab.c.id)
        )
        .where(p.c.kind.in_(kinds), p.c.confidence >= min_confidence, *either)
    )
    total = int(conn.execute(select(func.count()).select_from(base.subquery())).scalar_one())
    rows = conn.execute(
        base.order_by(p.c.confidence.desc(), p.c.kind, _fa.c.said_from, p.c.id).limit(limit).offset(offset)
    )
    return [PairRow(r.kind, r.confidence, r.reason, _row(r, "a_"), _row(r, "b_")) for r in rows], total


__all__ = ["FigureFilter", "list_figures", "list_pairs", "timeline"]
