"""The read helpers behind the CLI: pages of articles, claims, quantities and entities."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.engine import Connection, Row

from rawi.en.gazetteer import lookup as lookup_en
from rawi.ledger.keys import fold_name, search_pattern
from rawi.ledger.records import ArticleRow, ClaimRow, EntityRow, QuantityRow, Stats, StoredArticle
from rawi.ledger.schema import articles, attributions, entities, mentions, quantities, relays, times
from rawi.lexicon.gazetteer import gazetteer
from rawi.model import Analysis, Attribution, Entity, Quantity, Relay, Source, Span, TimeExpr

_orig = articles.alias("orig")
_speaker = entities.alias("speaker")


def _iso(value: datetime | str) -> str:
    if isinstance(value, str):  # some drivers hand back text
        return value
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def _number(value: float | None, integral: bool) -> int | float | None:
    if value is None:
        return None
    return int(value) if integral else value


def article_row(r: Row[Any]) -> ArticleRow:
    return ArticleRow(
        r.doc_key,
        r.given_id,
        r.title,
        r.url,
        r.source,
        r.published,
        r.lang,
        r.content_hash,
        _iso(r.ingested_at),
        r.orig_key,
        r.n_att,
        r.n_qty,
    )


def articles_query() -> Select[Any]:
    n_att = (
        select(func.count())
        .select_from(attributions)
        .where(attributions.c.article_id == articles.c.id)
        .scalar_subquery()
    )
    n_qty = (
        select(func.count()).select_from(quantities).where(quantities.c.article_id == articles.c.id).scalar_subquery()
    )
    return select(articles, _orig.c.doc_key.label("orig_key"), n_att.label("n_att"), n_qty.label("n_qty")).select_from(
        articles.outerjoin(_orig, articles.c.syndicated_of == _orig.c.id)
    )


def list_articles(conn: Connection, limit: int, offset: int) -> list[ArticleRow]:
    """Newest dateline first; undated articles last, in ingest order."""
    rows = conn.execute(
        articles_query().order_by(articles.c.published.desc().nulls_last(), articles.c.id).limit(limit).offset(offset)
    )
    return [article_row(r) for r in rows]


def get_article(conn: Connection, key: str, by_id: bool = False) -> StoredArticle | None:
    """The article stored under `key`; with `by_id`, failing that, the one article its input gave
    that id (tables show the short id; the key may be a long URL)."""
    r = conn.execute(articles_query().where(articles.c.doc_key == key)).first()
    if r is None and by_id:
        found = conn.execute(articles_query().where(articles.c.given_id == key).limit(2)).all()
        r = found[0] if len(found) == 1 else None
    if r is None:
        return None
    return StoredArticle(article_row(r), _analysis(conn, r))


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    if start is None or end is None or text is None:
        return None
    return Span(start, end, text)


def _analysis(conn: Connection, art: Row[Any]) -> Analysis:
    """Rebuild the stored extraction; `to_json` of the result equals the ingested one's."""
    aid = art.id
    local: dict[int, str] = {}
    ent_rows = list(conn.execute(select(entities).where(entities.c.article_id == aid).order_by(entities.c.ord)))
    by_entity: dict[int, list[Span]] = defaultdict(list)
    for m in conn.execute(
        select(mentions).where(mentions.c.article_id == aid).order_by(mentions.c.entity_id, mentions.c.ord)
    ):
        by_entity[m.entity_id].append(Span(m.span_start, m.span_end, m.span_text))
    ents = []
    for e in ent_rows:
        local[e.id] = e.local_id
        ents.append(Entity(e.local_id, e.name, e.type, e.link, tuple(by_entity[e.id])))
    via: dict[int, list[Relay]] = defaultdict(list)
    for v in conn.execute(
        select(relays).where(relays.c.article_id == aid).order_by(relays.c.attribution_id, relays.c.ord)
    ):
        via[v.attribution_id].append(
            Relay(
                Span(v.span_start, v.span_end, v.span_text), local.get(v.entity_id) if v.entity_id is not None else None
            )
        )
    atts = []
    for t in conn.execute(select(attributions).where(attributions.c.article_id == aid).order_by(attributions.c.ord)):
        src_entity = local.get(t.source_entity_id) if t.source_entity_id is not None else None
        content = Span(t.content_start, t.content_end, t.content_text)
        atts.append(
            Attribution(
                t.local_id,
                t.kind,
                Source(_span(t.source_start, t.source_end, t.source_text), src_entity),
                _span(t.cue_start, t.cue_end, t.cue_text),
                content,
                tuple(via[t.id]),
                t.stance,
            )
        )
    tms = tuple(
        TimeExpr(Span(t.span_start, t.span_end, t.span_text), t.type, t.value)
        for t in conn.execute(select(times).where(times.c.article_id == aid).order_by(times.c.ord))
    )
    qts = []
    for q in conn.execute(select(quantities).where(quantities.c.article_id == aid).order_by(quantities.c.ord)):
        value = _number(q.value, q.integral)
        assert value is not None  # the column is NOT NULL
        qts.append(
            Quantity(
                Span(q.span_start, q.span_end, q.span_text), value, q.qualifier, _number(q.high, q.integral), q.unit
            )
        )
    return Analysis(
        art.given_id, art.lang, art.published, art.text, tuple(ents), tuple(atts), tms, tuple(qts), json.loads(art.meta)
    )


def resolve_entity(conn: Connection, entity: str) -> frozenset[str]:
    """Every key ENTITY may stand for, whatever name, alias or id of it the user typed and however
    it is spelled (hamza, alef, yaa, taa marbuta): the text and its folded form; for a gazetteer
    entry, its Wikidata id, key, name and country code; the keys of stored entities so named,
    so linked or so mentioned ("ترامب" alone in some article finds "دونالد ترامب")."""
    text = " ".join(entity.split())
    folded = fold_name(text)
    keys = {text, folded}
    # An English name ("North Korea", "KCNA") finds the same entry as its Arabic name.
    entry = gazetteer().lookup(text) or lookup_en(text)
    if entry is not None:
        keys.update(k for k in (entry.link, entry.key, fold_name(entry.name_ar)) if k)
        if entry.key.startswith("country-"):
            keys.add(entry.key[8:].upper())
    e = entities
    found = False
    # A stored entity's global key is its link, else its folded name: both are in `keys` already
    # when the name is known, so one indexed lookup finds them.
    for r in conn.execute(select(e.c.global_key, e.c.link).distinct().where(e.c.global_key.in_(sorted(keys)))):
        found = True
        keys.add(r.global_key)
        if r.link:
            keys.add(r.link)
    if entry is None and not found:
        # A name no entity carries: the entities an article mentions by it (a short form of a
        # longer name). Not for known names: a mention list also holds misread neighbours.
        keys.update(
            conn.execute(
                select(e.c.global_key)
                .distinct()
                .select_from(mentions.join(e, mentions.c.entity_id == e.c.id))
                .where(mentions.c.span_text == text)
            ).scalars()
        )
    return frozenset(k for k in keys if k)


def _filters(
    conn: Connection, entity: str | None, source: str | None, since: str | None, until: str | None
) -> list[ColumnElement[bool]]:
    """Speaker entity (any name, alias or id: `resolve_entity`), outlet, and dateline bounds (inclusive).

    `until` compares only as many characters as it has, so until="2025-01-02"
    keeps an article published at "2025-01-02T18:00".
    """
    out: list[ColumnElement[bool]] = []
    if entity is not None:
        out.append(_speaker.c.global_key.in_(sorted(resolve_entity(conn, entity))))
    if source is not None:
        out.append(articles.c.source == source)
    if since is not None:
        out.append(articles.c.published >= since)
    if until is not None:
        out.append(func.substr(articles.c.published, 1, len(until)) <= until)
    return out


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What `rawi claims` narrows by: the speaker (any name, alias or id), the outlet, dateline
    bounds (inclusive ISO prefixes), the stance, words in the content (folded: «اردوغان» finds
    «أردوغان»), and the order (oldest dateline first unless `newest`)."""

    entity: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    stance: str | None = None
    q: str | None = None
    newest: bool = False


def _claims_from() -> Any:
    t = attributions
    return (
        t.join(articles, t.c.article_id == articles.c.id)
        .outerjoin(_orig, articles.c.syndicated_of == _orig.c.id)
        .outerjoin(_speaker, t.c.source_entity_id == _speaker.c.id)
    )


def _claim_where(conn: Connection, f: ClaimFilter) -> list[ColumnElement[bool]]:
    where = _filters(conn, f.entity, f.source, f.since, f.until)
    if f.stance is not None:
        where.append(attributions.c.stance == f.stance)
    if f.q and (pattern := search_pattern(f.q)):
        where.append(attributions.c.content_search.contains(pattern, autoescape=True))
    return where


def list_claims(conn: Connection, f: ClaimFilter, limit: int, offset: int) -> list[ClaimRow]:
    """Attributions with their article, in dateline order (undated last)."""
    t = attributions
    published = articles.c.published.desc() if f.newest else articles.c.published.asc()
    query = (
        select(
            articles.c.doc_key,
            articles.c.published,
            articles.c.source,
            _orig.c.doc_key.label("orig_key"),
            t.c.local_id,
            t.c.kind,
            t.c.stance,
            t.c.source_text,
            t.c.cue_text,
            t.c.content_text,
            t.c.content_start,
            t.c.content_end,
            _speaker.c.name,
            _speaker.c.global_key,
            articles.c.given_id,
        )
        .select_from(_claims_from())
        .where(*_claim_where(conn, f))
        .order_by(published.nulls_last(), articles.c.id, t.c.ord)
        .limit(limit)
        .offset(offset)
    )
    return [
        ClaimRow(
            r.doc_key,
            r.published,
            r.source,
            r.orig_key,
            r.local_id,
            r.kind,
            r.stance,
            r.name if r.name is not None else r.source_text,
            r.global_key,
            r.cue_text,
            r.content_text,
            r.content_start,
            r.content_end,
            r.given_id,
        )
        for r in conn.execute(query)
    ]


def count_claims(conn: Connection, f: ClaimFilter) -> int:
    """How many attributions pass `f` (the total under a page of `list_claims`)."""
    query = select(func.count()).select_from(_claims_from()).where(*_claim_where(conn, f))
    return int(conn.execute(query).scalar_one())


def search_articles(conn: Connection, q: str, limit: int, offset: int) -> tuple[list[ArticleRow], int]:
    """Articles whose title or text holds `q` (folded as the stored copy is), newest first; and how many."""
    a = articles
    pattern = search_pattern(q)
    where = or_(a.c.search.contains(pattern, autoescape=True), a.c.doc_key == q, a.c.source == q)
    total = int(conn.execute(select(func.count()).select_from(a).where(where)).scalar_one())
    rows = conn.execute(
        articles_query().where(where).order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit).offset(offset)
    )
    return [article_row(r) for r in rows], total


def list_quantities(
    conn: Connection,
    entity: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
    unit: str | None,
    limit: int,
    offset: int,
) -> list[QuantityRow]:
    """Amounts with their article and claimant, in dateline order (undated last)."""
    q, t = quantities, attributions
    query = (
        select(
            articles.c.doc_key,
            articles.c.published,
            articles.c.source,
            _orig.c.doc_key.label("orig_key"),
            q.c.span_text,
            q.c.span_start,
            q.c.span_end,
            q.c.value,
            q.c.qualifier,
            q.c.high,
            q.c.unit,
            q.c.integral,
            t.c.local_id,
            t.c.source_text,
            _speaker.c.name,
            _speaker.c.global_key,
        )
        .select_from(
            q.join(articles, q.c.article_id == articles.c.id)
            .outerjoin(_orig, articles.c.syndicated_of == _orig.c.id)
            .outerjoin(t, q.c.attribution_id == t.c.id)
            .outerjoin(_speaker, t.c.source_entity_id == _speaker.c.id)
        )
        .where(*_filters(conn, entity, source, since, until))
    )
    if unit is not None:
        query = query.where(q.c.unit == unit)
    query = query.order_by(articles.c.published.asc().nulls_last(), articles.c.id, q.c.ord).limit(limit).offset(offset)
    out = []
    for r in conn.execute(query):
        value = _number(r.value, r.integral)
        assert value is not None
        out.append(
            QuantityRow(
                r.doc_key,
                r.published,
                r.source,
                r.orig_key,
                r.span_text,
                r.span_start,
                r.span_end,
                value,
                r.qualifier,
                _number(r.high, r.integral),
                r.unit,
                r.local_id,
                r.name if r.name is not None else r.source_text,
                r.global_key,
            )
        )
    return out


def list_entities(conn: Connection, type: str | None, limit: int, offset: int) -> list[EntityRow]:
    """Referents grouped by global key, most widely reported first."""
    e = entities
    n_articles = func.count(func.distinct(e.c.article_id))
    query = select(e.c.global_key, n_articles.label("n_articles"), func.max(e.c.link).label("link"))
    if type is not None:
        query = query.where(e.c.type == type)
    page = list(
        conn.execute(
            query.group_by(e.c.global_key).order_by(n_articles.desc(), e.c.global_key).limit(limit).offset(offset)
        )
    )
    if not page:
        return []
    keys = [r.global_key for r in page]
    names: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for r in conn.execute(
        select(e.c.global_key, e.c.name, e.c.type, func.count().label("n"))
        .where(e.c.global_key.in_(keys))
        .group_by(e.c.global_key, e.c.name, e.c.type)
    ):
        names[r.global_key][r.name] += r.n
        types[r.global_key][r.type] += r.n
    n_mentions: dict[str, int] = {
        r.global_key: r.n
        for r in conn.execute(
            select(e.c.global_key, func.count(mentions.c.id).label("n"))
            .select_from(e.join(mentions, mentions.c.entity_id == e.c.id))
            .where(e.c.global_key.in_(keys))
            .group_by(e.c.global_key)
        )
    }

    def top(c: Counter[str]) -> str:  # most frequent, ties broken alphabetically for stable output
        return min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    return [
        EntityRow(
            r.global_key,
            top(names[r.global_key]),
            top(types[r.global_key]),
            r.link,
            r.n_articles,
            n_mentions.get(r.global_key, 0),
        )
        for r in page
    ]


def stats(conn: Connection) -> Stats:
    def count(table: Any, *where: ColumnElement[bool]) -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

    return Stats(
        count(articles),
        count(articles, articles.c.syndicated_of.is_not(None)),
        count(entities),
        count(attributions),
        count(times),
        count(quantities),
    )
