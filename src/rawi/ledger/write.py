"""Storing articles and their extraction, inside a transaction the caller holds.

`write_article`/`write_articles` never commit: the caller's transaction makes each
article all-or-nothing (a crash or an error anywhere leaves the previous state).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection

from rawi.figures.frames import FigureFrame, figure_frames
from rawi.ledger.keys import content_hash, doc_key, folded_text, global_key, norm_hash, search_text
from rawi.ledger.schema import (
    articles,
    attributions,
    entities,
    figure_articles,
    figures,
    mentions,
    metadata,
    quantities,
    relays,
    times,
)
from rawi.model import Analysis, Article, Attribution, Quantity

ADDED, UNCHANGED, REPLACED = "added", "unchanged", "replaced"


def is_stored(conn: Connection, article: Article) -> bool:
    """True when this key already holds this exact text (ingesting it would change nothing)."""
    found = conn.execute(
        select(articles.c.content_hash).where(articles.c.doc_key == doc_key(article))
    ).scalar_one_or_none()
    return found == content_hash(article.text)


Item = tuple[Article, Analysis, list[FigureFrame] | None]


def write_article(
    conn: Connection, article: Article, analysis: Analysis, now: datetime, frames: list[FigureFrame] | None = None
) -> str:
    """Add, keep or replace one article; returns "added", "unchanged" or "replaced".

    `frames` are the article's figure frames when the caller made them already (a worker
    process); otherwise they are made here."""
    return write_articles(conn, [(article, analysis, frames)], now)[0]


def write_articles(conn: Connection, items: Sequence[Item], now: datetime) -> list[str]:
    """`write_article` for each item in order, as if one after the other: an article's row
    first, then every article's children in one statement per table (a statement costs
    more than its rows: one per table and article made a third of an ingest)."""
    for article, analysis, _ in items:
        if analysis.text != article.text:
            raise ValueError(f"{article.id}: the analysis is not of this article's text")
    keys = {doc_key(article) for article, _, _ in items}
    olds = {
        r.doc_key: _Stored(r.doc_key, r.id, r.content_hash, r.norm_hash)
        for r in conn.execute(
            select(articles.c.doc_key, articles.c.id, articles.c.content_hash, articles.c.norm_hash).where(
                articles.c.doc_key.in_(keys)
            )
        )
    }
    pending: dict[int, tuple[Article, Analysis, list[FigureFrame] | None]] = {}
    statuses: list[str] = []
    for article, analysis, frames in items:
        key = doc_key(article)
        digest = content_hash(analysis.text)
        old = olds.get(key)
        if old is not None and old.content_hash == digest:
            statuses.append(UNCHANGED)
            continue
        stored, status = _write_row(conn, key, digest, article, analysis, now, old)
        art_id = stored.id
        pending.pop(art_id, None)  # replaced within this batch: only the last version's children
        pending[art_id] = (article, analysis, frames)
        olds[key] = stored
        statuses.append(status)
    write_children(conn, pending)
    return statuses


@dataclass(frozen=True, slots=True)
class _Stored:
    doc_key: str
    id: int
    content_hash: str
    norm_hash: str


def _write_row(
    conn: Connection, key: str, digest: str, article: Article, analysis: Analysis, now: datetime, old: _Stored | None
) -> tuple[_Stored, str]:
    """The article's own row, added or replaced (its old children deleted), as now stored."""
    folded = folded_text(analysis.text)
    nhash = norm_hash(analysis.text, folded)
    values: dict[str, Any] = {
        "given_id": article.id,
        "content_hash": digest,
        "norm_hash": nhash,
        "text": analysis.text,
        "search": search_text(article.title, folded),
        "lang": analysis.lang,
        "published": analysis.published,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "meta": json.dumps(analysis.meta, ensure_ascii=False, sort_keys=True),
        "ingested_at": now,
    }
    if old is None:
        values["syndicated_of"] = _original_of(conn, nhash, None)
        art_id: int = conn.execute(insert(articles).returning(articles.c.id), [{"doc_key": key, **values}]).scalar_one()
        return _Stored(key, art_id, digest, nhash), ADDED
    delete_children(conn, old.id)
    if nhash != old.norm_hash:
        _release_copies(conn, old.id)
        values["syndicated_of"] = _original_of(conn, nhash, old.id)
    conn.execute(update(articles).where(articles.c.id == old.id).values(**values))
    return _Stored(key, old.id, digest, nhash), REPLACED


def delete_children(conn: Connection, art_id: int) -> None:
    """Delete every row that hangs off the article, in any table that has an `article_id`.

    Found from the metadata, children before parents, so tables added later
    (claims, conflicts) are cleared too without touching this function.
    """
    for table in reversed(metadata.sorted_tables):
        if table is not articles and "article_id" in table.c:
            conn.execute(delete(table).where(table.c.article_id == art_id))


def _original_of(conn: Connection, nhash: str, self_id: int | None) -> int | None:
    """The first stored article with the same normalised text, other than `self_id`."""
    query = select(articles.c.id, articles.c.syndicated_of).where(articles.c.norm_hash == nhash)
    if self_id is not None:
        query = query.where(articles.c.id != self_id)
    row = conn.execute(query.order_by(articles.c.id).limit(1)).first()
    if row is None:
        return None
    original: int = row.syndicated_of if row.syndicated_of is not None else row.id
    return None if original == self_id else original


def _release_copies(conn: Connection, art_id: int) -> None:
    """The article's text changed: its former copies now point to the oldest of themselves."""
    copies = list(
        conn.execute(select(articles.c.id).where(articles.c.syndicated_of == art_id).order_by(articles.c.id)).scalars()
    )
    if not copies:
        return
    head, rest = copies[0], copies[1:]
    conn.execute(update(articles).where(articles.c.id == head).values(syndicated_of=None))
    if rest:
        conn.execute(update(articles).where(articles.c.id.in_(rest)).values(syndicated_of=head))


def write_children(conn: Connection, items: Mapping[int, tuple[Article, Analysis, list[FigureFrame] | None]]) -> None:
    """Every row that hangs off the articles `items` (article id -> what to store), one
    statement per table; figure frames are made here for items without them."""
    ent_rows = [
        {
            "article_id": art_id,
            "local_id": e.id,
            "ord": i,
            "name": e.name,
            "type": e.type,
            "link": e.link,
            "global_key": global_key(e),
        }
        for art_id, (_, a, _) in items.items()
        for i, e in enumerate(a.entities)
    ]
    ent_ids: dict[int, dict[str, int]] = _insert_ids(conn, entities, ent_rows, "local_id")
    _insert(
        conn,
        mentions,
        [
            {
                "article_id": art_id,
                "entity_id": ent_ids[art_id][e.id],
                "ord": j,
                "span_start": m.start,
                "span_end": m.end,
                "span_text": m.text,
            }
            for art_id, (_, a, _) in items.items()
            for e in a.entities
            for j, m in enumerate(e.mentions)
        ],
    )
    att_rows = [
        _attribution_row(art_id, i, t, ent_ids[art_id])
        for art_id, (_, a, _) in items.items()
        for i, t in enumerate(a.attributions)
    ]
    by_ord: dict[int, dict[int, int]] = _insert_ids(conn, attributions, att_rows, "ord")
    att_ids = {art_id: [by_ord[art_id][i] for i in range(len(a.attributions))] for art_id, (_, a, _) in items.items()}
    _insert(
        conn,
        relays,
        [
            {
                "article_id": art_id,
                "attribution_id": att_id,
                "ord": j,
                "span_start": v.span.start,
                "span_end": v.span.end,
                "span_text": v.span.text,
                "entity_id": ent_ids[art_id].get(v.entity or ""),
            }
            for art_id, (_, a, _) in items.items()
            for att_id, t in zip(att_ids[art_id], a.attributions, strict=True)
            for j, v in enumerate(t.via)
        ],
    )
    _insert(
        conn,
        times,
        [
            {
                "article_id": art_id,
                "ord": i,
                "span_start": t.span.start,
                "span_end": t.span.end,
                "span_text": t.span.text,
                "type": t.type,
                "value": t.value,
            }
            for art_id, (_, a, _) in items.items()
            for i, t in enumerate(a.times)
        ],
    )
    _insert(
        conn,
        quantities,
        [
            _quantity_row(art_id, i, q, a.attributions, att_ids[art_id])
            for art_id, (_, a, _) in items.items()
            for i, q in enumerate(a.quantities)
        ],
    )
    framed = {
        art_id: frames if frames is not None else figure_frames(a, article.source, doc_key(article))
        for art_id, (article, a, frames) in items.items()
    }
    _insert(
        conn,
        figure_articles,
        [
            {"article_id": art_id, "scope": "|".join(fs[0].scope), "topic": "|".join(fs[0].topic)}
            for art_id, fs in framed.items()
            if fs
        ],
    )
    _insert(conn, figures, [frame_row(art_id, f, items[art_id][1].text) for art_id, fs in framed.items() for f in fs])


def _insert_ids(conn: Connection, table: Table, rows: list[dict[str, Any]], key: str) -> dict[int, dict[Any, int]]:
    """Insert `rows`; their new ids by article id and the value of column `key` (unique within
    an article). Rows come back in whatever order: asking for the order of the parameters
    makes SQLite insert one row per statement."""
    ids: dict[int, dict[Any, int]] = defaultdict(dict)
    if rows:
        for r in conn.execute(insert(table).returning(table.c.id, table.c.article_id, table.c[key]), rows):
            ids[r.article_id][r[2]] = r.id
    return ids


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def write_frames(conn: Connection, art_id: int, frames: list[FigureFrame], text: str) -> None:
    """The article's figure frames (`text`: the article's), and what the article is about as a whole."""
    if not frames:
        return
    conn.execute(
        insert(figure_articles).values(
            article_id=art_id, scope="|".join(frames[0].scope), topic="|".join(frames[0].topic)
        )
    )
    conn.execute(insert(figures), [frame_row(art_id, f, text) for f in frames])


def frame_row(art_id: int, f: FigureFrame, text: str) -> dict[str, Any]:
    integral = float(f.value).is_integer() and (f.high is None or float(f.high).is_integer())
    return {
        "article_id": art_id,
        "ord": f.ord,
        "span_start": f.start,
        "span_end": f.end,
        "span_text": f.text,
        "value": f.value,
        "qualifier": f.qualifier,
        "high": f.high,
        "integral": integral,
        "unit": f.unit,
        "measure": f.measure,
        "predicate": f.predicate,
        "grp": f.group,
        "part": f.part,
        "unit_class": f.unit_class,
        "source_key": f.source_key,
        "source_name": f.source_name,
        "source_kind": f.source_kind,
        "relay": f.relay,
        "attribution": f.attribution,
        "stance": f.stance,
        "said_from": f.said_on[0] if f.said_on else None,
        "said_to": f.said_on[1] if f.said_on else None,
        "said_basis": f.said_basis,
        "as_of_from": f.as_of[0] if f.as_of else None,
        "as_of_to": f.as_of[1] if f.as_of else None,
        "as_of_basis": f.as_of_basis,
        "running": f.running,
        "places": "|".join(f.places),
        "terms": "|".join(f.terms),
        "spots": "|".join(f.spots),
        "several": f.several,
        "toll": f.toll,
        "confidence": f.confidence,
        "context_start": f.context_start,
        "context_end": f.context_end,
        "cluster": None,
        "context": text[f.context_start : f.context_end],
    }


def _attribution_row(art_id: int, i: int, t: Attribution, ent_ids: dict[str, int]) -> dict[str, Any]:
    src = t.source.span
    return {
        "article_id": art_id,
        "local_id": t.id,
        "ord": i,
        "kind": t.kind,
        "stance": t.stance,
        "source_start": src.start if src else None,
        "source_end": src.end if src else None,
        "source_text": src.text if src else None,
        "source_entity_id": ent_ids.get(t.source.entity) if t.source.entity else None,
        "cue_start": t.cue.start if t.cue else None,
        "cue_end": t.cue.end if t.cue else None,
        "cue_text": t.cue.text if t.cue else None,
        "content_start": t.content.start,
        "content_end": t.content.end,
        "content_text": t.content.text,
        "content_search": folded_text(t.content.text),
    }


def _quantity_row(
    art_id: int, i: int, q: Quantity, atts: tuple[Attribution, ...], att_ids: list[int]
) -> dict[str, Any]:
    # The innermost content that holds the amount names who claims it (nested reports included).
    holder: int | None = None
    best = -1
    for att_id, t in zip(att_ids, atts, strict=True):
        c = t.content
        if c.start <= q.span.start and q.span.end <= c.end and (holder is None or c.end - c.start < best):
            holder, best = att_id, c.end - c.start
    integral = isinstance(q.value, int) and (q.high is None or isinstance(q.high, int))
    return {
        "article_id": art_id,
        "ord": i,
        "span_start": q.span.start,
        "span_end": q.span.end,
        "span_text": q.span.text,
        "value": float(q.value),
        "qualifier": q.qualifier,
        "high": None if q.high is None else float(q.high),
        "unit": q.unit,
        "integral": integral,
        "attribution_id": holder,
    }
