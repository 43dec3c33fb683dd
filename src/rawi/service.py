"""One service over the ledger that both faces call: the command line and the web app.

`Service` holds a `Ledger` and answers what a user asks of it: ingest sources, list
articles, claims, figures, conflicts, timelines, entities and sources. The faces only
parse their input and format the answer; neither imports the other.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeVar

from rawi.errors import RawiError, shown
from rawi.ledger import ArticleRow, ClaimRow, EntityRow, Ledger, StoredArticle, content_hash, doc_key, read
from rawi.ledger.queries_export import SourceRow, quoted_about
from rawi.ledger.read import ClaimFilter
from rawi.ledger.read_figures import FigureFilter
from rawi.ledger.records import FigureRow, PairRow, Stats
from rawi.model import Analysis, Article
from rawi.reading import DEFAULT_MAX_CHARS, check_article

if TYPE_CHECKING:
    from rawi.ingest import Input
    from rawi.scale import Scale

T = TypeVar("T")
KINDS = ("conflict", "revision", "contradiction")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing and how many items match in all."""

    items: list[T]
    total: int


@dataclass
class Summary:
    """What an ingest did: counts by outcome, and every rejected input with its reason."""

    counts: Counter[str] = field(default_factory=Counter)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def _checked(item: Input) -> Input:
    """The input, or its rejection when a field cannot be stored (a NUL, a lone surrogate):
    the readers check this, but an Input can come from elsewhere (the HTTP API), and one such
    article must not fail the hashing or the transaction of the good ones beside it."""
    if item.article is None or item.error is not None:
        return item
    try:
        check_article(item.article, item.origin)
    except RawiError as err:
        return Input(item.origin, None, err)
    return item


def _to_store(
    inputs: Iterable[Input], ledger: Ledger, summary: Summary, lang: str, max_chars: int, block: int = 64
) -> Iterator[tuple[Article, Analysis]]:
    """Articles to extract and store: not rejected, not already stored as they are, and
    only the first of several articles that share an id or URL in this input (otherwise
    every run would swap which version is stored)."""
    from rawi.api import extract_article

    taken: set[str] = set()
    it = map(_checked, inputs)
    while chunk := list(islice(it, block)):
        good = [i for i in chunk if i.error is None and i.article is not None]
        stored = ledger.stored_hashes([doc_key(i.article) for i in good if i.article is not None])
        for item in chunk:
            origin = shown(item.origin)  # a file name or an id: printed, and sent as JSON by the API
            if item.error is not None or item.article is None:
                err = item.error or RawiError("E006", item.origin, "no article")
                summary.rejected.append((origin, str(err)))
                continue
            key = doc_key(item.article)
            if key in taken:
                summary.rejected.append((origin, str(RawiError("E012", item.origin, key))))
                continue
            taken.add(key)
            if stored.get(key) == content_hash(item.article.text):
                summary.counts["unchanged"] += 1  # same key, same text: nothing to extract or write
                continue
            try:
                yield item.article, extract_article(item.article, item.origin, lang, max_chars)
            except RawiError as err:
                summary.rejected.append((origin, str(err)))


class Service:
    """The ledger as a user sees it. Open with `Service.open(db)`; close, or use `with`."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    @classmethod
    def open(cls, db: str | None = None) -> Service:
        return cls(Ledger.open(db))

    def close(self) -> None:
        self.ledger.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------

    def ingest(
        self, inputs: Iterable[Input], lang: str = "auto", progress: bool = False, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Summary:
        """Extract and store every article of `inputs` (one transaction per batch of whole
        articles), then link the ledger's figures again."""
        # Extraction and the readers load only for writing: a query need not pay for them.
        from rawi.api import extract_article, prepare_batch
        from rawi.figures.frames import figure_frames

        # The figure lexicons load before prepare_batch freezes what is loaded out of the collector's sight.
        figure_frames(extract_article(Article("warm-up", "قال الوزير إن 300 شخص قتلوا في بغداد.", "2025-01-01")))
        prepare_batch()
        summary = Summary()
        if progress:
            from tqdm import tqdm

            inputs = tqdm(inputs, unit=" articles", file=sys.stderr, dynamic_ncols=True)
        for done in self.ledger.ingest_stream(_to_store(inputs, self.ledger, summary, lang, max_chars)):
            summary.counts[done.status] += 1
        if summary.counts["added"] or summary.counts["replaced"]:
            self.ledger.relink()
        return summary

    def ingest_sources(
        self,
        sources: Iterable[str],
        lang: str = "auto",
        progress: bool = False,
        max_chars: int = DEFAULT_MAX_CHARS,
        scale: Scale | None = None,
    ) -> Summary:
        """`ingest` over files, folders, feeds, WARCs or URLs (`rawi.ingest.iter_inputs`); with a
        `scale` that asks for workers, on a Dask cluster (`rawi.scale.ingest`, the same result)."""
        if scale is not None and scale.distributed:
            from rawi.scale.ingest import ingest_sources  # Dask and its workers only when asked for

            return ingest_sources(self.ledger, list(sources), lang, progress, scale, max_chars)
        from rawi.ingest import iter_inputs

        return self.ingest(iter_inputs(list(sources), max_chars=max_chars), lang, progress, max_chars)

    # -- reading ---------------------------------------------------------------

    def reframe(self) -> int:
        """Figure frames made again from every stored extraction, and relinked (after an upgrade
        that reads figures differently); returns how many articles have figures."""
        return self.ledger.reframe()

    def frames_current(self) -> bool:
        """Whether the stored figure frames are this rawi's (else `reframe` brings them up to date)."""
        return self.ledger.frames_current()

    def stats(self) -> Stats:
        return self.ledger.stats()

    def articles(self, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[ArticleRow]:
        """Stored articles, newest dateline first; `q` keeps those whose title or text holds it
        (however its hamza, alef, yaa or taa marbuta are written), or whose key or outlet it is."""
        if not q:
            return Page(self.ledger.articles(limit, offset), self.ledger.stats().articles)
        items, total = self.ledger.search_articles(q, limit, offset)
        return Page(items, total)

    def article(self, key: str, by_id: bool = False) -> StoredArticle | None:
        """The article stored under `key` (its URL, else its id); `by_id`: or the one article
        whose input gave it the id `key`."""
        return self.ledger.article(key, by_id)

    def claims(
        self,
        entity: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        stance: str | None = None,
        limit: int = 50,
        offset: int = 0,
        q: str | None = None,
        newest: bool = False,
    ) -> Page[ClaimRow]:
        """Attributed claims in dateline order (`newest`: newest first); `entity` is any name, alias
        or id of the speaker; `q` words in what was said."""
        flt = ClaimFilter(entity, source, since, until, stance, q, newest)
        return Page(self.ledger.claims(limit=limit, offset=offset, flt=flt), self.ledger.count_claims(flt))

    def _filter(
        self,
        entity: str | None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        key: str | None = None,
        measure: str | None = None,
    ) -> FigureFilter:
        keys = None
        if entity:
            with self.ledger.engine.connect() as conn:
                keys = read.resolve_entity(conn, entity)
        return FigureFilter(keys, outlet, since, until, key, measure)

    def figures(
        self,
        entity: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        key: str | None = None,
        measure: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[FigureRow]:
        """Every stored figure claim passing the filters; `entity` matches its source or its places."""
        items, total = self.ledger.figures(self._filter(entity, outlet, since, until, key, measure), limit, offset)
        return Page(items, total)

    def conflicts(
        self,
        kind: str = "all",
        entity: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
        min_confidence: float = 0.0,
    ) -> Page[PairRow]:
        """Conflicts, revisions and contradictions at least `min_confidence` confident, most confident first."""
        kinds = KINDS if kind == "all" else (kind,)
        items, total = self.ledger.pairs(
            kinds, self._filter(entity, since=since, until=until), limit, offset, min_confidence
        )
        return Page(items, total)

    def timeline(
        self,
        entity: str | None = None,
        key: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Page[FigureRow]:
        """The comparable figures about or from `entity` and/or stating amount `key`, by the time they describe."""
        items, total = self.ledger.timeline(self._filter(entity, since=since, until=until, key=key), limit, offset)
        return Page(items, total)

    def entities(self, type: str | None = None, limit: int = 100, offset: int = 0) -> list[EntityRow]:
        return self.ledger.entities(type, limit, offset)

    def sources(
        self, entity: str, since: str | None = None, until: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Page[SourceRow]:
        """Who is quoted about `entity`, through which relays, most quoted first; `since`/`until`
        bound the datelines of the claims counted."""
        with self.ledger.engine.connect() as conn:
            rows = quoted_about(conn, entity, since, until)
        end = None if limit is None else offset + limit
        return Page(rows[offset:end], len(rows))


__all__ = ["KINDS", "Page", "Service", "Summary"]
