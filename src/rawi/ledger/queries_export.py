"""Read queries behind `rawi export` and `rawi sources`: streaming articles, and who is quoted about whom.

Exports walk the ledger a page of articles at a time inside one read
transaction (a consistent snapshot under WAL), so memory stays flat however
large the ledger is; each article is rebuilt with `read.get_article`, the same
code that `Ledger.article` uses, so an export shows exactly what was ingested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.engine import Connection

from rawi.ledger import read
from rawi.ledger.keys import fold_name, global_key
from rawi.ledger.read import resolve_entity
from rawi.ledger.records import StoredArticle
from rawi.ledger.schema import articles, attributions, entities, mentions, relays
from rawi.model import Attribution

PAGE = 200
# Sorts after every ISO date, so undated articles come last, as in `rawi claims`.
_UNDATED = "9999-99-99"


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """`entity`: only claims whose speaker is this entity (name, key or Wikidata id);
    `source`: the outlet; `since`/`until`: inclusive bounds on the dateline (ISO prefixes)."""

    entity: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Where an article appeared: enough for a schema.org CreativeWork."""

    doc_key: str
    url: str | None
    published: str | None
    outlet: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class ExportedArticle:
    """One stored article, the earliest copy of its syndication group, and the speaker filter."""

    stored: StoredArticle
    first: ArticleRef  # the earliest-published article with the same text (itself when not syndicated)
    speakers: frozenset[str] | None = None  # global keys a claim's speaker must have; None keeps all
    _keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ref(self) -> ArticleRef:
        r = self.stored.row
        return ArticleRef(r.doc_key, r.url, r.published, r.source, r.title)

    def entity_key(self, local_id: str | None) -> str | None:
        """The global key (link, else folded name) of one of the article's entities."""
        if local_id is None:
            return None
        if not self._keys:
            self._keys.update({e.id: global_key(e) for e in self.stored.analysis.entities})
        return self._keys.get(local_id)

    def claims(self) -> Iterator[Attribution]:
        """The article's attributions that pass the speaker filter."""
        for att in self.stored.analysis.attributions:
            if self.speakers is None or self.entity_key(att.source.entity) in self.speakers:
                yield att


def resolve_keys(conn: Connection, entity: str) -> frozenset[str]:
    """The global keys ENTITY may stand for (see `rawi.ledger.read.resolve_entity`)."""
    return resolve_entity(conn, entity)


def _article_filters(f: ExportFilter, keys: frozenset[str] | None) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if keys is not None:
        t, e = attributions, entities
        out.append(
            exists(
                select(t.c.id)
                .select_from(t.join(e, t.c.source_entity_id == e.c.id))
                .where(t.c.article_id == articles.c.id, e.c.global_key.in_(keys))
            )
        )
    if f.source is not None:
        out.append(articles.c.source == f.source)
    if f.since is not None:
        out.append(articles.c.published >= f.since)
    if f.until is not None:
        # Compare only as many characters as `until` has: until=2025-01-02 keeps 2025-01-02T18:00.
        out.append(func.substr(articles.c.published, 1, len(f.until)) <= f.until)
    return out


def _first_appearances(conn: Connection) -> dict[int, ArticleRef]:
    """For every article in a syndication group, the group's earliest-published member.

    Only syndicated articles and their originals are loaded: a small part of a ledger.
    """
    a = articles
    originals = select(a.c.syndicated_of).where(a.c.syndicated_of.is_not(None))
    rows = conn.execute(
        select(a.c.id, a.c.syndicated_of, a.c.doc_key, a.c.url, a.c.published, a.c.source, a.c.title).where(
            or_(a.c.syndicated_of.is_not(None), a.c.id.in_(originals))
        )
    )
    groups: dict[int, list[Any]] = defaultdict(list)
    for r in rows:
        groups[r.syndicated_of if r.syndicated_of is not None else r.id].append(r)
    out: dict[int, ArticleRef] = {}
    for members in groups.values():
        r = min(members, key=lambda m: (m.published or _UNDATED, m.id))
        first = ArticleRef(r.doc_key, r.url, r.published, r.source, r.title)
        out.update((m.id, first) for m in members)
    return out


def iter_articles(conn: Connection, f: ExportFilter) -> Iterator[ExportedArticle]:
    """The articles passing `f`, in dateline order (undated last), one page at a time."""
    keys = resolve_keys(conn, f.entity) if f.entity is not None else None
    firsts = _first_appearances(conn)
    order = func.coalesce(articles.c.published, _UNDATED)
    where = _article_filters(f, keys)
    last: tuple[str, int] | None = None
    while True:
        query = select(articles.c.id, articles.c.doc_key, order.label("k")).where(*where)
        if last is not None:  # keyset paging: stable and cheap however deep the page
            query = query.where(or_(order > last[0], (order == last[0]) & (articles.c.id > last[1])))
        page = list(conn.execute(query.order_by(order, articles.c.id).limit(PAGE)))
        if not page:
            return
        for r in page:
            stored = read.get_article(conn, r.doc_key)
            if stored is None:  # cannot happen inside one snapshot; skip rather than fail
                continue
            row = stored.row
            first = firsts.get(r.id) or ArticleRef(row.doc_key, row.url, row.published, row.source, row.title)
            yield ExportedArticle(stored, first, keys)
        last = (page[-1].k, page[-1].id)


# -- rawi sources ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One speaker quoted about an entity through one relay chain (nearest relay first)."""

    speaker: str | None
    speaker_key: str | None
    link: str | None
    via: str  # relay names joined with " < ", "" when quoted directly
    claims: int
    articles: int
    outlets: str  # distinct outlets, sorted, joined with "; "
    first: str | None  # earliest dateline
    last: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_key": self.speaker_key,
            "link": self.link,
            "via": self.via,
            "claims": self.claims,
            "articles": self.articles,
            "outlets": self.outlets,
            "first": self.first,
            "last": self.last,
        }


@dataclass
class _Acc:
    speaker: str | None
    link: str | None
    claims: int = 0
    articles: set[int] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    dates: list[str] = field(default_factory=list)


def quoted_about(conn: Connection, entity: str, since: str | None = None, until: str | None = None) -> list[SourceRow]:
    """Who is quoted about ENTITY: the speakers of attributions whose content mentions it, by relay chain.

    Most-quoted first. A speaker is its entity's global key when resolved, else
    the folded text of the source span; pro-drop sources with neither are grouped
    under no speaker.
    """
    keys = resolve_keys(conn, entity)
    t, m, e = attributions, mentions, entities
    speaker = entities.alias("speaker")
    mentioned = exists(
        select(m.c.id)
        .select_from(m.join(e, m.c.entity_id == e.c.id))
        .where(
            m.c.article_id == t.c.article_id,
            m.c.span_start >= t.c.content_start,
            m.c.span_end <= t.c.content_end,
            e.c.global_key.in_(keys),
        )
    )
    rows = list(
        conn.execute(
            select(
                t.c.id,
                t.c.article_id,
                t.c.source_text,
                articles.c.published,
                articles.c.source,
                speaker.c.name,
                speaker.c.global_key,
                speaker.c.link,
            )
            .select_from(
                t.join(articles, t.c.article_id == articles.c.id).outerjoin(
                    speaker, t.c.source_entity_id == speaker.c.id
                )
            )
            .where(mentioned, *_dated(since, until))
        )
    )
    chains = _relay_chains(conn, [r.id for r in rows])
    acc: dict[tuple[str | None, str], _Acc] = {}
    for r in rows:
        key = r.global_key if r.global_key is not None else (fold_name(r.source_text) if r.source_text else None)
        via = " < ".join(chains.get(r.id, ()))
        a = acc.setdefault((key, via), _Acc(r.name if r.name is not None else r.source_text, r.link))
        a.claims += 1
        a.articles.add(r.article_id)
        if r.source is not None:
            a.outlets.add(r.source)
        if r.published is not None:
            a.dates.append(r.published)
    out = [
        SourceRow(
            a.speaker,
            key,
            a.link,
            via,
            a.claims,
            len(a.articles),
            "; ".join(sorted(a.outlets)),
            min(a.dates, default=None),
            max(a.dates, default=None),
        )
        for (key, via), a in acc.items()
    ]
    out.sort(key=lambda s: (-s.claims, -s.articles, s.speaker_key or "\uffff", s.via))
    return out


def _dated(since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Inclusive dateline bounds; `until` compares as many characters as it has (a day keeps its hours)."""
    out: list[ColumnElement[bool]] = []
    if since is not None:
        out.append(articles.c.published >= since)
    if until is not None:
        out.append(func.substr(articles.c.published, 1, len(until)) <= until)
    return out


def _relay_chains(conn: Connection, att_ids: list[int], chunk: int = 500) -> dict[int, list[str]]:
    """Each attribution's relays, nearest to the source first: the relay entity's name, else the span."""
    out: dict[int, list[str]] = defaultdict(list)
    v, e = relays, entities
    for i in range(0, len(att_ids), chunk):  # bounded IN lists for every backend
        ids = att_ids[i : i + chunk]
        for r in conn.execute(
            select(v.c.attribution_id, v.c.span_text, e.c.name)
            .select_from(v.outerjoin(e, v.c.entity_id == e.c.id))
            .where(v.c.attribution_id.in_(ids))
            .order_by(v.c.attribution_id, v.c.ord)
        ):
            out[r.attribution_id].append(r.name if r.name is not None else r.span_text)
    return out
